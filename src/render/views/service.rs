//! The service page: what is included, the price from, examples of billed jobs.

use serde::Serialize;

use crate::content::raw::{Period, PriceBasis};
use crate::content::types::{Area, Billing, RateTable, Service};
use crate::content::values::Money;
use crate::content::{Data, Item};
use crate::kind::Kind;
use crate::model::{PriceFrom, Site};
use crate::pricing;

use super::{Link, format_date, link, links, ui_str};

#[derive(Debug, Serialize)]
pub(super) struct SkillLevel {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) lang: Option<String>,
    pub(super) level: String,
}

#[derive(Debug, Serialize)]
struct ExampleRow {
    input: String,
    minutes: u32,
    billable: String,
    hours: String,
    per_hour: String,
    net: String,
    vat: Option<String>,
    gross: String,
}

#[derive(Debug, Serialize)]
pub(super) struct ServiceView {
    category: String,
    billing: String,
    price_from: Option<String>,
    /// Whether the price is a lowest price ("ab …"), not a flat one.
    price_is_from: bool,
    /// The price of the coming table: "ab 01.01.2027: 48,00 €/Std."
    price_next: Option<String>,
    price_note: Option<String>,
    tasks: Vec<String>,
    excluded: Vec<String>,
    deliverables: Vec<String>,
    scope_note: Option<String>,
    languages: Vec<String>,
    turnaround_standard: Option<String>,
    turnaround_rush: Option<String>,
    service_hours: Option<String>,
    personal_data: bool,
    avv_checklist: Option<Link>,
    approval_required: bool,
    prerequisites: Vec<String>,
    skills: Vec<SkillLevel>,
    equipment: Vec<Link>,
    briefings: Vec<Link>,
    related: Vec<Link>,
    rate_table: Option<Link>,
    examples: Vec<ExampleRow>,
}

pub(super) fn basis_note(r: &RateTable, lang: &str, ui: &toml::Table) -> String {
    match r.price_basis {
        PriceBasis::Net => format!(
            "{} {}",
            ui_str(ui, "price_net_plus_vat"),
            r.vat_rate.map(|p| p.format(lang)).unwrap_or_default()
        ),
        PriceBasis::Gross => format!(
            "{} {}",
            ui_str(ui, "price_gross_incl_vat"),
            r.vat_rate.map(|p| p.format(lang)).unwrap_or_default()
        ),
        PriceBasis::Kleinunternehmer => ui_str(ui, "price_kleinunternehmer"),
    }
}

pub(super) fn service_view(site: &Site, item: &Item, s: &Service, ui: &toml::Table) -> ServiceView {
    let lang = item.lang.as_str();
    let config = &site.config;
    let table_item = site.rate_table_of(s);
    let table = table_item.and_then(|i| match &i.data {
        Data::Rate(r) => Some(r),
        _ => None,
    });
    let hourly = match (&s.billing, table_item.zip(table)) {
        (Billing::Hourly { work_area }, Some((t_item, t))) => t
            .areas
            .iter()
            .find(|a| &a.id == work_area)
            .map(|area| hourly_parts(site, t_item, t, area, lang, ui)),
        _ => None,
    };
    let billing = match (&s.billing, &hourly) {
        (Billing::Hourly { .. }, Some(h)) => h.billing.clone(),
        (Billing::Hourly { .. }, None) => ui_str(ui, "billing_hourly"),
        (Billing::Unit { .. }, _) => ui_str(ui, "billing_unit"),
        (Billing::Flat { .. }, _) => ui_str(ui, "billing_flat"),
    };
    let avv = site.avv_checklist();
    ServiceView {
        category: config
            .category(&s.category)
            .map(|c| c.title.get(lang, &config.default_lang).to_owned())
            .unwrap_or_default(),
        price_is_from: !matches!(s.billing, Billing::Flat { .. }),
        billing,
        price_from: site
            .price_from(s)
            .map(|p| price_from_text(p, lang, ui, false)),
        price_next: hourly.as_ref().and_then(|h| h.price_next.clone()),
        price_note: table.map(|t| basis_note(t, lang, ui)),
        tasks: s.tasks.clone(),
        excluded: s.excluded.clone(),
        deliverables: s.deliverables.clone(),
        scope_note: s.scope_note.clone(),
        languages: s
            .languages
            .iter()
            .map(|l| ui_str(ui, &format!("lang_{l}")))
            .collect(),
        turnaround_standard: s.turnaround_standard.map(|d| d.format(lang)),
        turnaround_rush: s.turnaround_rush.map(|d| d.format(lang)),
        service_hours: s.service_hours.clone(),
        personal_data: s.personal_data,
        avv_checklist: avv.and_then(|c| link(site, Kind::Checklist, &c.id, lang)),
        approval_required: s
            .approval_required
            .unwrap_or_else(|| hourly.as_ref().is_some_and(|h| h.area_approval)),
        prerequisites: s.prerequisites.clone(),
        skills: skill_levels(site, s, lang),
        equipment: links(site, Kind::Checklist, &s.equipment, lang),
        briefings: links(site, Kind::Briefing, &s.briefings, lang),
        related: links(site, Kind::Service, &s.related, lang),
        rate_table: table_item.and_then(|t| link(site, Kind::Rate, &t.id, lang)),
        examples: hourly.map(|h| h.examples).unwrap_or_default(),
    }
}

/// What the page of a service billed by the hour says of its work area.
struct HourlyParts {
    /// "Nach Aufwand · Büro (Faktor 1,0)".
    billing: String,
    /// The price of the coming table.
    price_next: Option<String>,
    /// Whether the area needs approval before work starts.
    area_approval: bool,
    /// Jobs of 30, 60 and 180 minutes, priced.
    examples: Vec<ExampleRow>,
}

fn hourly_parts(
    site: &Site,
    table_item: &Item,
    table: &RateTable,
    area: &Area,
    lang: &str,
    ui: &toml::Table,
) -> HourlyParts {
    // The area's label in the page's language, from the table's translation.
    let label = site
        .get(Kind::Rate, &table_item.id, lang)
        .and_then(|t| match &t.data {
            Data::Rate(r) => r.areas.iter().find(|a| a.id == area.id),
            _ => None,
        })
        .map_or_else(|| area.label.clone(), |a| a.label.clone());
    let mut examples = Vec::new();
    for minutes in [30, 60, 180] {
        let job = pricing::Job {
            minutes,
            area,
            package: None,
            balance_mh: None,
            surcharges: &[],
            trial: false,
        };
        if let Ok(q) = pricing::job::quote(table, &job) {
            examples.push(example_row(minutes, &label, &q, lang, ui));
        }
    }
    HourlyParts {
        billing: format!(
            "{} · {} ({} {})",
            ui_str(ui, "billing_hourly"),
            label,
            ui_str(ui, "factor_inline"),
            area.factor.format(lang)
        ),
        price_next: price_next(site, table_item, area, lang, ui),
        area_approval: area.approval_required,
        examples,
    }
}

/// "ab 01.01.2027: 48,00 € / Std.": the area's price in the coming table of the series.
fn price_next(
    site: &Site,
    table_item: &Item,
    area: &Area,
    lang: &str,
    ui: &toml::Table,
) -> Option<String> {
    let Data::Rate(next) = &site.coming(table_item)?.data else {
        return None;
    };
    let a = next.areas.iter().find(|a| a.id == area.id)?;
    let m = pricing::from_hourly(next, a)?;
    Some(crate::render::pricing_view::fill(
        ui,
        "price_next",
        &[
            ("date", format_date(next.valid_from, lang)),
            (
                "price",
                format!("{} {}", m.format(lang), ui_str(ui, "per_hour")),
            ),
        ],
    ))
}

/// The skills a service needs, with the level.
fn skill_levels(site: &Site, s: &Service, lang: &str) -> Vec<SkillLevel> {
    s.skills
        .iter()
        .filter_map(|r| {
            link(site, Kind::Skill, &r.id, lang).map(|l| SkillLevel {
                title: l.title,
                url: l.url,
                lang: l.lang,
                level: site.config.skill_label(&r.level, lang).to_owned(),
            })
        })
        .collect()
}

fn example_row(
    minutes: u32,
    area_label: &str,
    q: &pricing::JobQuote,
    lang: &str,
    ui: &toml::Table,
) -> ExampleRow {
    ExampleRow {
        input: format!("{minutes} {} · {area_label}", ui_str(ui, "minutes")),
        minutes,
        billable: format!("{} {}", q.billable_minutes, ui_str(ui, "minutes")),
        hours: crate::render::pricing_view::hours(q.hours_mh, lang),
        per_hour: q.price_per_hour.format(lang),
        net: q.split.net.format(lang),
        vat: q.split.vat.map(|v| v.format(lang)),
        gross: q.split.gross.format(lang),
    }
}

/// "2,40 € / Anrufannahme je Anruf (Mindestmenge: 40)".
/// "45,00 € / Std." (with `from`: "ab 45,00 € / Std."), "2,40 € / Anruf", "99,00 €".
pub(super) fn price_from_text(
    p: PriceFrom<'_>,
    lang: &str,
    ui: &toml::Table,
    from: bool,
) -> String {
    match p {
        PriceFrom::Hourly { price, .. } => {
            let text = format!("{} {}", price.format(lang), ui_str(ui, "per_hour"));
            if from {
                format!("{} {text}", ui_str(ui, "from"))
            } else {
                text
            }
        }
        PriceFrom::Unit { unit, .. } => unit_price_text(unit, lang, ui),
        PriceFrom::Flat { price, period } => flat_price_text(price, period, lang, ui),
    }
}

fn unit_price_text(u: &crate::content::types::Unit, lang: &str, ui: &toml::Table) -> String {
    let base = format!("{} / {}", u.price.format(lang), u.label);
    match u.minimum_units {
        Some(min) if min > 1 => format!("{base} ({} {min})", ui_str(ui, "minimum_units")),
        _ => base,
    }
}

/// "149,00 €" or "149,00 € monatlich".
fn flat_price_text(price: Money, period: Period, lang: &str, ui: &toml::Table) -> String {
    match period {
        Period::Once => price.format(lang),
        Period::Month => format!("{} {}", price.format(lang), ui_str(ui, "per_month")),
    }
}
