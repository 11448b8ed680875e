//! The service page: what is included, the price from, examples of billed jobs.

use serde::Serialize;

use crate::content::raw::{Period, PriceBasis};
use crate::content::types::{Billing, RateTable, Service};
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
    let table = table_item.and_then(|i| {
        if let Data::Rate(r) = &i.data {
            Some(r)
        } else {
            None
        }
    });
    let mut price_from = None;
    let mut price_next = None;
    let coming = table_item
        .and_then(|t| site.coming(t))
        .and_then(|next| match &next.data {
            Data::Rate(n) => Some(n),
            _ => None,
        });
    let mut approval = s.approval_required.unwrap_or(false);
    let mut examples = Vec::new();
    let billing = match &s.billing {
        Billing::Hourly { work_area } => {
            if let Some(table) = table
                && let Some(area) = table.areas.iter().find(|a| &a.id == work_area)
            {
                let translated =
                    site.get(Kind::Rate, table_item.map_or("", |i| i.id.as_str()), lang);
                let label = translated
                    .and_then(|t| {
                        if let Data::Rate(r) = &t.data {
                            r.areas
                                .iter()
                                .find(|a| a.id == area.id)
                                .map(|a| a.label.clone())
                        } else {
                            None
                        }
                    })
                    .unwrap_or_else(|| area.label.clone());
                price_from = site
                    .price_from(s)
                    .map(|p| price_from_text(p, lang, ui, false));
                price_next = coming.and_then(|n| {
                    let a = n.areas.iter().find(|a| a.id == area.id)?;
                    let m = pricing::from_hourly(n, a)?;
                    Some(crate::render::pricing_view::fill(
                        ui,
                        "price_next",
                        &[
                            ("date", format_date(n.valid_from, lang)),
                            (
                                "price",
                                format!("{} {}", m.format(lang), ui_str(ui, "per_hour")),
                            ),
                        ],
                    ))
                });
                approval = s.approval_required.unwrap_or(area.approval_required);
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
                format!(
                    "{} · {} ({} {})",
                    ui_str(ui, "billing_hourly"),
                    label,
                    ui_str(ui, "factor_inline"),
                    area.factor.format(lang)
                )
            } else {
                ui_str(ui, "billing_hourly")
            }
        }
        Billing::Unit { unit } => {
            let found = table.and_then(|t| t.units.iter().find(|u| &u.id == unit));
            if found.is_some() {
                price_from = site
                    .price_from(s)
                    .map(|p| price_from_text(p, lang, ui, false));
            }
            ui_str(ui, "billing_unit")
        }
        Billing::Flat { .. } => {
            price_from = site
                .price_from(s)
                .map(|p| price_from_text(p, lang, ui, false));
            ui_str(ui, "billing_flat")
        }
    };
    let avv = site.avv_checklist();
    ServiceView {
        category: config
            .category(&s.category)
            .map(|c| c.title.get(lang, &config.default_lang).to_owned())
            .unwrap_or_default(),
        price_is_from: !matches!(s.billing, Billing::Flat { .. }),
        billing,
        price_from,
        price_next,
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
        approval_required: approval,
        prerequisites: s.prerequisites.clone(),
        skills: s
            .skills
            .iter()
            .filter_map(|r| {
                link(site, Kind::Skill, &r.id, lang).map(|l| SkillLevel {
                    title: l.title,
                    url: l.url,
                    lang: l.lang,
                    level: site.config.skill_label(&r.level, lang).to_owned(),
                })
            })
            .collect(),
        equipment: links(site, Kind::Checklist, &s.equipment, lang),
        briefings: links(site, Kind::Briefing, &s.briefings, lang),
        related: links(site, Kind::Service, &s.related, lang),
        rate_table: table_item.and_then(|t| link(site, Kind::Rate, &t.id, lang)),
        examples,
    }
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
