//! The rate-table page: areas, packages, surcharges, units, rules and calculator.

use serde::Serialize;

use crate::content::raw::{Period, PriceBasis};
use crate::content::types::RateTable;
use crate::content::{Data, Item};
use crate::kind::Kind;
use crate::model::Site;
use crate::pricing;

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
    let original = site.original(Kind::Rate, &item.id).unwrap_or(item);
    let successor = site.successor(original).and_then(|next| {
        let Data::Rate(n) = &next.data else {
            return None;
        };
        let date = format_date(n.valid_from, lang);
        link(site, Kind::Rate, &next.id, lang).map(|l| (date, l))
    });
    let upcoming = (r.valid_from > site.build_date).then(|| {
        crate::render::pricing_view::fill(
            ui,
            "rate_upcoming",
            &[("date", format_date(r.valid_from, lang))],
        )
    });
    let examples =
        crate::render::pricing_view::example_tables(r, &pricing::examples::worked(r), lang, ui);
    RateView {
        successor_text: successor.as_ref().map(|(date, _)| {
            crate::render::pricing_view::fill(
                ui,
                if expired {
                    "rate_replaced"
                } else {
                    "rate_coming"
                },
                &[("date", date.clone())],
            )
        }),
        successor: successor.map(|(_, l)| l),
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
        rules: crate::render::pricing_view::rules_in_words(r, lang, ui),
        areas: r
            .areas
            .iter()
            .map(|a| AreaRow {
                id: a.id.clone(),
                label: a.label.clone(),
                factor: a.factor.format(lang),
                hourly: pricing::from_hourly(r, a).map(|m| m.format(lang)),
                approval_required: a.approval_required,
            })
            .collect(),
        packages: r
            .packages
            .iter()
            .map(|p| PackageRow {
                label: p.label.clone(),
                hours: p.hours,
                price: p.price.format(lang),
                per_hour: pricing::package_hourly(p).format(lang),
                period: ui_str(ui, &format!("period_{}", serde_name(&p.period))),
                valid_months: p.valid_months.map(|m| months_text(m, ui)),
                // What an hour beyond the package costs: its own rate, its top-up, or
                // (as `pricing` bills it) the base rate.
                overage: p
                    .overage_hourly
                    .map(|m| m.format(lang))
                    .or_else(|| {
                        p.top_up.map(|t| {
                            crate::render::pricing_view::fill(
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
                    }),
                rollover: match &p.rollover {
                    None => ui_str(ui, "rollover_none"),
                    Some(ro) => {
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
                },
            })
            .collect(),
        surcharges: r
            .surcharges
            .iter()
            .map(|s| SimpleRow {
                label: s.label.clone(),
                value: format!("+{}", s.percent.format(lang)),
                note: s.condition.clone(),
            })
            .collect(),
        units: r
            .units
            .iter()
            .map(|u| SimpleRow {
                label: u.label.clone(),
                value: u.price.format(lang),
                note: match (&u.definition, u.minimum_units) {
                    (Some(d), Some(m)) => {
                        Some(format!("{d} · {} {m}", ui_str(ui, "minimum_units")))
                    }
                    (Some(d), None) => Some(d.clone()),
                    (None, Some(m)) => Some(format!("{} {m}", ui_str(ui, "minimum_units"))),
                    (None, None) => None,
                },
            })
            .collect(),
        examples,
        calc: crate::render::script_json(&crate::render::data::sorted(
            &crate::render::data::CalculatorTable::new(r, lang),
        )),
        surcharge_options: r
            .surcharges
            .iter()
            .map(|x| Link {
                title: format!("{} (+{})", x.label, x.percent.format(lang)),
                url: x.id.clone(),
                lang: None,
            })
            .collect(),
        package_options: r
            .packages
            .iter()
            .map(|x| Link {
                title: x.label.clone(),
                url: x.id.clone(),
                lang: None,
            })
            .collect(),
        month_options: r
            .packages
            .iter()
            .filter(|x| x.period == Period::Month)
            .map(|x| Link {
                title: x.label.clone(),
                url: x.id.clone(),
                lang: None,
            })
            .collect(),
        unit_options: r
            .units
            .iter()
            .map(|x| Link {
                title: format!("{} ({})", x.label, x.price.format(lang)),
                url: x.id.clone(),
                lang: None,
            })
            .collect(),
        area_options: r
            .areas
            .iter()
            .map(|x| Link {
                title: format!(
                    "{} ({} {})",
                    x.label,
                    ui_str(ui, "factor_inline"),
                    x.factor.format(lang)
                ),
                url: x.id.clone(),
                lang: None,
            })
            .collect(),
        kleinunternehmer: r.price_basis == PriceBasis::Kleinunternehmer,
    }
}
