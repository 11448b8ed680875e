//! The rate-table page: areas, packages, surcharges, units, rules and calculator.

use serde::Serialize;

use crate::content::raw::{Period, PriceBasis};
use crate::content::types::{Area, Package, RateTable, Rollover, Surcharge, Unit};
use crate::content::{Data, Item};
use crate::kind::Kind;
use crate::model::Site;
use crate::pricing;
use crate::render::pricing_view::{self, fill};

use super::service::basis_note;
use super::{Link, format_date, link, months_text, serde_name, ui_str};

#[derive(Debug, Serialize)]
struct AreaRow {
    id: String,
    label: String,
    factor: String,
    hourly: Option<String>,
    approval_required: bool,
}

#[derive(Debug, Serialize)]
struct PackageRow {
    label: String,
    hours: u32,
    price: String,
    per_hour: String,
    period: String,
    valid_months: Option<String>,
    overage: Option<String>,
    rollover: String,
}

#[derive(Debug, Serialize)]
struct SimpleRow {
    label: String,
    value: String,
    note: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct RateView {
    /// "Ab 01.01.2027 gilt:" or "Abgelöst am …:", before the link to the next table.
    successor_text: Option<String>,
    successor: Option<Link>,
    /// "Diese Preisliste gilt ab …" on a table not yet valid.
    upcoming: Option<String>,
    basis: String,
    audience: String,
    currency: String,
    valid_from: String,
    valid_until: Option<String>,
    expired: bool,
    base_hourly: Option<String>,
    increment: u32,
    minimum: Option<u32>,
    notice: Option<String>,
    payment_terms: Option<String>,
    expenses: Option<String>,
    trial: Option<String>,
    trial_hours: Option<u32>,
    rules: Vec<String>,
    areas: Vec<AreaRow>,
    packages: Vec<PackageRow>,
    surcharges: Vec<SimpleRow>,
    units: Vec<SimpleRow>,
    examples: Vec<crate::render::pricing_view::ExampleTable>,
    /// Calculator data, escaped for `<script>`.
    calc: String,
    surcharge_options: Vec<Link>,
    package_options: Vec<Link>,
    /// Monthly packages, for the calculator of a month's bill.
    month_options: Vec<Link>,
    /// Units, for the calculator of unit prices.
    unit_options: Vec<Link>,
    area_options: Vec<Link>,
    kleinunternehmer: bool,
}

pub(super) fn rate_view(site: &Site, item: &Item, r: &RateTable, ui: &toml::Table) -> RateView {
    let lang = item.lang.as_str();
    let expired = r.valid_until.is_some_and(|u| u < site.build_date);
    let (successor_text, successor) = successor(site, item, expired, ui);
    let upcoming = (r.valid_from > site.build_date).then(|| {
        fill(
            ui,
            "rate_upcoming",
            &[("date", format_date(r.valid_from, lang))],
        )
    });
    RateView {
        successor_text,
        successor,
        upcoming,
        basis: basis_note(r, lang, ui),
        audience: serde_name(&r.audience),
        currency: r.currency.clone(),
        valid_from: format_date(r.valid_from, lang),
        valid_until: r.valid_until.map(|d| format_date(d, lang)),
        expired,
        base_hourly: r.base_hourly.map(|m| m.format(lang)),
        increment: r.billing_increment_min,
        minimum: r.minimum_per_task_min,
        notice: r.notice.clone(),
        payment_terms: r.payment_terms.clone(),
        expenses: r.expenses.clone(),
        trial: r.trial.clone(),
        trial_hours: r.trial_offer.map(|t| t.hours),
        rules: pricing_view::rules_in_words(r, lang, ui),
        areas: r.areas.iter().map(|a| area_row(r, a, lang)).collect(),
        packages: r
            .packages
            .iter()
            .map(|p| package_row(r, p, lang, ui))
            .collect(),
        surcharges: r
            .surcharges
            .iter()
            .map(|s| surcharge_row(s, lang))
            .collect(),
        units: r.units.iter().map(|u| unit_row(u, lang, ui)).collect(),
        examples: pricing_view::example_tables(r, &pricing::examples::worked(r), lang, ui),
        calc: crate::render::script_json(&crate::util::sorted_json(
            &crate::render::data::CalculatorTable::new(r, lang),
        )),
        surcharge_options: r
            .surcharges
            .iter()
            .map(|x| option(format!("{} (+{})", x.label, x.percent.format(lang)), &x.id))
            .collect(),
        package_options: r
            .packages
            .iter()
            .map(|x| option(x.label.clone(), &x.id))
            .collect(),
        month_options: r
            .packages
            .iter()
            .filter(|x| x.period == Period::Month)
            .map(|x| option(x.label.clone(), &x.id))
            .collect(),
        unit_options: r
            .units
            .iter()
            .map(|x| option(format!("{} ({})", x.label, x.price.format(lang)), &x.id))
            .collect(),
        area_options: r
            .areas
            .iter()
            .map(|x| {
                let factor = x.factor.format(lang);
                let inline = ui_str(ui, "factor_inline");
                option(format!("{} ({inline} {factor})", x.label), &x.id)
            })
            .collect(),
        kleinunternehmer: r.price_basis == PriceBasis::Kleinunternehmer,
    }
}

/// "Ab 01.01.2027 gilt:" (or "Abgelöst am …:" once expired) and the link to the table
/// that follows this one in its series, if one does.
fn successor(
    site: &Site,
    item: &Item,
    expired: bool,
    ui: &toml::Table,
) -> (Option<String>, Option<Link>) {
    let lang = item.lang.as_str();
    let original = site.original(Kind::Rate, &item.id).unwrap_or(item);
    let next = site.successor(original).and_then(|next| {
        let Data::Rate(n) = &next.data else {
            return None;
        };
        let date = format_date(n.valid_from, lang);
        link(site, Kind::Rate, &next.id, lang).map(|l| (date, l))
    });
    let Some((date, l)) = next else {
        return (None, None);
    };
    let key = if expired {
        "rate_replaced"
    } else {
        "rate_coming"
    };
    (Some(fill(ui, key, &[("date", date)])), Some(l))
}

/// A choice of the calculator's forms: its label and the id it sends.
fn option(title: String, id: &str) -> Link {
    Link {
        title,
        url: id.to_owned(),
        lang: None,
    }
}

fn area_row(r: &RateTable, a: &Area, lang: &str) -> AreaRow {
    AreaRow {
        id: a.id.clone(),
        label: a.label.clone(),
        factor: a.factor.format(lang),
        hourly: pricing::from_hourly(r, a).map(|m| m.format(lang)),
        approval_required: a.approval_required,
    }
}

fn package_row(r: &RateTable, p: &Package, lang: &str, ui: &toml::Table) -> PackageRow {
    PackageRow {
        label: p.label.clone(),
        hours: p.hours,
        price: p.price.format(lang),
        per_hour: pricing::package_hourly(p).format(lang),
        period: ui_str(ui, &format!("period_{}", serde_name(&p.period))),
        valid_months: p.valid_months.map(|m| months_text(m, ui)),
        overage: overage_text(r, p, lang, ui),
        rollover: p.rollover.as_ref().map_or_else(
            || ui_str(ui, "rollover_none"),
            |ro| rollover_text(ro, lang, ui),
        ),
    }
}

/// What an hour beyond the package costs: its own rate, its top-up, or (as `pricing`
/// bills it) the base rate.
fn overage_text(r: &RateTable, p: &Package, lang: &str, ui: &toml::Table) -> Option<String> {
    p.overage_hourly
        .map(|m| m.format(lang))
        .or_else(|| {
            p.top_up.map(|t| {
                fill(
                    ui,
                    "top_up_text",
                    &[
                        ("hours", t.hours.to_string()),
                        ("price", t.price.format(lang)),
                    ],
                )
            })
        })
        .or_else(|| {
            r.base_hourly
                .map(|b| format!("{} ({})", b.format(lang), ui_str(ui, "base_hourly")))
        })
}

/// "höchstens 5 h, verfallen nach 1 Monat".
fn rollover_text(ro: &Rollover, lang: &str, ui: &toml::Table) -> String {
    let cap = ro
        .max_hours
        .map(|h| format!("{h} h"))
        .or_else(|| ro.max_percent.map(|p| p.format(lang)))
        .unwrap_or_default();
    let months = ro
        .expires_after_months
        .map(|m| {
            format!(
                ", {} {}",
                ui_str(ui, "rollover_expires_after"),
                months_text(m, ui)
            )
        })
        .unwrap_or_default();
    format!("{} {cap}{months}", ui_str(ui, "rollover_max"))
}

fn surcharge_row(s: &Surcharge, lang: &str) -> SimpleRow {
    SimpleRow {
        label: s.label.clone(),
        value: format!("+{}", s.percent.format(lang)),
        note: s.condition.clone(),
    }
}

fn unit_row(u: &Unit, lang: &str, ui: &toml::Table) -> SimpleRow {
    SimpleRow {
        label: u.label.clone(),
        value: u.price.format(lang),
        note: match (&u.definition, u.minimum_units) {
            (Some(d), Some(m)) => Some(format!("{d} · {} {m}", ui_str(ui, "minimum_units"))),
            (Some(d), None) => Some(d.clone()),
            (None, Some(m)) => Some(format!("{} {m}", ui_str(ui, "minimum_units"))),
            (None, None) => None,
        },
    }
}
