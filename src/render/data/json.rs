//! The JSON data files, `catalogue.json` and `rates.json`, and the rate table as the
//! browser calculator reads it: typed records, written with their keys sorted.

use serde::Serialize;

use crate::config::{Category, Localized};
use crate::content::Data;
use crate::content::raw::Period;
use crate::content::types::{Billing, RateTable, SkillReq};
use crate::kind::Kind;
use crate::model::{PriceFrom, Site};
use crate::pricing::examples::Worked;

/// A rate table in the integer units the browser calculator works with: cents,
/// hundredths of a percent, thousandths of a factor.
#[derive(Serialize)]
pub(crate) struct CalculatorTable<'a> {
    lang: &'a str,
    currency: &'a str,
    price_basis: Option<String>,
    vat_rate: i64,
    billing_increment_min: u32,
    minimum_per_task_min: Option<u32>,
    base_hourly: Option<i64>,
    trial: Option<CalcTrial>,
    areas: Vec<CalcArea<'a>>,
    packages: Vec<CalcPackage<'a>>,
    surcharges: Vec<CalcSurcharge<'a>>,
    units: Vec<CalcUnit<'a>>,
}

#[derive(Serialize)]
struct CalcTrial {
    hours: u32,
    discount: i64,
}

#[derive(Serialize)]
struct CalcArea<'a> {
    id: &'a str,
    label: &'a str,
    factor: i64,
}

#[derive(Serialize)]
struct CalcPackage<'a> {
    id: &'a str,
    label: &'a str,
    hours: u32,
    price: i64,
    period: Period,
    overage_hourly: Option<i64>,
    top_up: Option<CalcTopUp>,
    rollover: Option<CalcRollover>,
}

#[derive(Serialize)]
struct CalcTopUp {
    hours: u32,
    price: i64,
}

#[derive(Serialize)]
struct CalcRollover {
    max_hours: Option<u32>,
    max_percent: Option<i64>,
    expires_after_months: Option<u32>,
}

#[derive(Serialize)]
struct CalcSurcharge<'a> {
    id: &'a str,
    label: &'a str,
    percent: i64,
}

#[derive(Serialize)]
struct CalcUnit<'a> {
    id: &'a str,
    label: &'a str,
    price: i64,
    minimum_units: Option<u32>,
}

impl<'a> CalculatorTable<'a> {
    /// The calculator's view of `r` on a page in `lang`.
    pub(crate) fn new(r: &'a RateTable, lang: &'a str) -> CalculatorTable<'a> {
        CalculatorTable {
            lang,
            currency: &r.currency,
            price_basis: toml::Value::try_from(r.price_basis)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned)),
            vat_rate: r.vat_rate.map_or(0, |p| p.0),
            billing_increment_min: r.billing_increment_min,
            minimum_per_task_min: r.minimum_per_task_min,
            base_hourly: r.base_hourly.map(|m| m.0),
            trial: r.trial_offer.map(|t| CalcTrial {
                hours: t.hours,
                discount: t.discount.0,
            }),
            areas: r
                .areas
                .iter()
                .map(|a| CalcArea {
                    id: &a.id,
                    label: &a.label,
                    factor: a.factor.0,
                })
                .collect(),
            packages: r.packages.iter().map(CalcPackage::new).collect(),
            surcharges: r
                .surcharges
                .iter()
                .map(|s| CalcSurcharge {
                    id: &s.id,
                    label: &s.label,
                    percent: s.percent.0,
                })
                .collect(),
            units: r
                .units
                .iter()
                .map(|u| CalcUnit {
                    id: &u.id,
                    label: &u.label,
                    price: u.price.0,
                    minimum_units: u.minimum_units,
                })
                .collect(),
        }
    }
}

impl<'a> CalcPackage<'a> {
    fn new(p: &'a crate::content::types::Package) -> CalcPackage<'a> {
        CalcPackage {
            id: &p.id,
            label: &p.label,
            hours: p.hours,
            price: p.price.0,
            period: p.period,
            overage_hourly: p.overage_hourly.map(|m| m.0),
            top_up: p.top_up.map(|t| CalcTopUp {
                hours: t.hours,
                price: t.price.0,
            }),
            rollover: p.rollover.as_ref().map(|ro| CalcRollover {
                max_hours: ro.max_hours,
                max_percent: ro.max_percent.map(|x| x.0),
                expires_after_months: ro.expires_after_months,
            }),
        }
    }
}

/// `rates.json`: every rate table with its worked examples.
#[derive(Serialize)]
pub(super) struct RatesFile<'a> {
    rates: Vec<RateRecord<'a>>,
}

#[derive(Serialize)]
struct RateRecord<'a> {
    id: &'a str,
    lang: &'a str,
    url: String,
    title: &'a str,
    table: CalculatorTable<'a>,
    valid_from: String,
    valid_until: Option<String>,
    /// Each worked example: the request and what `pricing::price` answered, in
    /// integer units (cents, thousandths of an hour), as the calculator gives them.
    examples: Vec<Worked>,
}

impl<'a> RatesFile<'a> {
    pub(super) fn new(site: &'a Site) -> RatesFile<'a> {
        let rates = site
            .items
            .iter()
            .filter_map(|item| {
                let Data::Rate(r) = &item.data else {
                    return None;
                };
                Some(RateRecord {
                    id: &item.id,
                    lang: &item.lang,
                    url: site.url(item),
                    title: &item.title,
                    table: CalculatorTable::new(r, &item.lang),
                    valid_from: r.valid_from.to_string(),
                    valid_until: r.valid_until.map(|d| d.to_string()),
                    examples: crate::pricing::examples::worked(r),
                })
            })
            .collect();
        RatesFile { rates }
    }
}

/// `catalogue.json`: the categories and every service with its price from.
#[derive(Serialize)]
pub(super) struct CatalogueFile<'a> {
    site: &'a str,
    base_url: &'a str,
    categories: Vec<CategoryRecord<'a>>,
    services: Vec<ServiceRecord<'a>>,
}

#[derive(Serialize)]
struct CategoryRecord<'a> {
    id: &'a str,
    title: &'a Localized,
    order: i64,
}

#[derive(Serialize)]
struct ServiceRecord<'a> {
    id: &'a str,
    lang: &'a str,
    url: String,
    title: &'a str,
    summary: Option<&'a str>,
    category: &'a str,
    billing: &'a Billing,
    hourly_from_cents: Option<i64>,
    rate_table: Option<&'a str>,
    languages: &'a [String],
    tasks: &'a [String],
    excluded: &'a [String],
    personal_data: bool,
    /// Skills hidden from this build's audience are left out.
    skills: Vec<&'a SkillReq>,
}

impl<'a> CatalogueFile<'a> {
    pub(super) fn new(site: &'a Site) -> CatalogueFile<'a> {
        let services = site
            .items
            .iter()
            .filter_map(|item| {
                let Data::Service(s) = &item.data else {
                    return None;
                };
                let hourly_from_cents = match site.price_from(s) {
                    Some(PriceFrom::Hourly { price, .. }) => Some(price.0),
                    _ => None,
                };
                Some(ServiceRecord {
                    id: &item.id,
                    lang: &item.lang,
                    url: site.url(item),
                    title: &item.title,
                    summary: item.summary.as_deref(),
                    category: &s.category,
                    billing: &s.billing,
                    hourly_from_cents,
                    rate_table: site
                        .rate_table_of(s)
                        .filter(|t| !site.is_hidden(Kind::Rate, &t.id))
                        .map(|t| t.id.as_str()),
                    languages: &s.languages,
                    tasks: &s.tasks,
                    excluded: &s.excluded,
                    personal_data: s.personal_data,
                    skills: s
                        .skills
                        .iter()
                        .filter(|r| !site.is_hidden(Kind::Skill, &r.id))
                        .collect(),
                })
            })
            .collect();
        let c = &site.config;
        CatalogueFile {
            site: c.title.get(&c.default_lang, &c.default_lang),
            base_url: &c.base_url,
            categories: c.categories.iter().map(CategoryRecord::new).collect(),
            services,
        }
    }
}

impl<'a> CategoryRecord<'a> {
    fn new(k: &'a Category) -> CategoryRecord<'a> {
        CategoryRecord {
            id: &k.id,
            title: &k.title,
            order: k.order,
        }
    }
}
