//! Every price rule of a rate table, in integer cents: the one implementation behind
//! the rate pages, the catalogue's "from" prices, `rates.json` and the worked examples.
//! The theme's calculator (`vpagenPricing.price` in `vpagen.js`) mirrors it line by
//! line; tests compare the two on generated cases and on every worked example.
//!
//! - [`job`]: a job billed by the hour — billable minutes (increment, minimum), the
//!   area factor, surcharges, and then either the base rate (with a trial discount on a
//!   new client's first hours) or a package: the job consumes package hours (surcharges
//!   turn into hours too, nothing is charged on top) and only hours beyond the balance
//!   are billed, at the package's overage rate or by automatic top-ups.
//! - [`units`]: a unit price with its minimum number of units, and flat prices.
//! - [`month`]: the monthly bill of a package: its price, overage or top-ups, and how
//!   many unused hours roll over or lapse.
//! - [`examples`]: the worked examples of a table, priced by [`price`].
//!
//! Every amount is rounded half up to the cent once, at the end of its rule; VAT is
//! then split off by [`Split`]. The rules in words are in `docs/pricing.md`.

pub mod examples;
pub mod job;
pub mod month;
pub mod units;

use serde::{Deserialize, Serialize};

use crate::content::raw::PriceBasis;
use crate::content::types::{Area, RateTable};
use crate::content::values::Money;

pub use job::{Job, JobQuote, billable_minutes};
pub use month::{Month, MonthBill};
pub use units::{UnitQuote, flat};

/// What a reader asks a rate table: the calculator's form, and a worked example.
/// Ids name the table's areas, packages, surcharges and units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// A job billed by the hour.
    Job {
        /// Minutes worked.
        minutes: u32,
        /// Work area id.
        area: String,
        /// Package id, if the client has one.
        package: Option<String>,
        /// Package hours left before the job, in thousandths of an hour; `None` is a
        /// full package.
        balance_mh: Option<i64>,
        /// Surcharge ids.
        surcharges: Vec<String>,
        /// Whether the job falls within the client's trial.
        trial: bool,
    },
    /// A job billed by the unit.
    Units {
        /// Unit id.
        unit: String,
        /// Units ordered.
        count: u32,
    },
    /// A month of a monthly package.
    Month {
        /// Package id.
        package: String,
        /// Package hours used in the month, in thousandths of an hour.
        used_mh: i64,
        /// Hours carried over from the month before, in thousandths of an hour.
        carried_mh: i64,
    },
}

/// What [`price`] answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Priced {
    /// See [`JobQuote`].
    Job(JobQuote),
    /// See [`UnitQuote`].
    Units(UnitQuote),
    /// See [`MonthBill`].
    Month(MonthBill),
}

impl Priced {
    /// The amounts billed.
    pub fn split(&self) -> Split {
        match self {
            Priced::Job(q) => q.split,
            Priced::Units(q) => q.split,
            Priced::Month(m) => m.split,
        }
    }
}

/// Why a request has no price.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoPrice {
    /// An id the table does not have.
    Unknown(&'static str, String),
    /// A job without a package in a table without a base rate.
    NoBaseRate,
    /// A month of a package that is not bought monthly.
    NotMonthly(String),
}

impl std::fmt::Display for NoPrice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoPrice::Unknown(what, id) => write!(f, "the table has no {what} `{id}`"),
            NoPrice::NoBaseRate => f.write_str("the table has no base rate"),
            NoPrice::NotMonthly(id) => write!(f, "package `{id}` is not bought monthly"),
        }
    }
}

/// Prices a request against a table.
pub fn price(table: &RateTable, request: &Request) -> Result<Priced, NoPrice> {
    match request {
        Request::Job {
            minutes,
            area,
            package,
            balance_mh,
            surcharges,
            trial,
        } => {
            let area = find(&table.areas, "area", area, |a| &a.id)?;
            let package = package
                .as_ref()
                .map(|id| find(&table.packages, "package", id, |p| &p.id))
                .transpose()?;
            let surcharges = surcharges
                .iter()
                .map(|id| find(&table.surcharges, "surcharge", id, |s| &s.id))
                .collect::<Result<Vec<_>, _>>()?;
            let job = Job {
                minutes: *minutes,
                area,
                package,
                balance_mh: *balance_mh,
                surcharges: &surcharges,
                trial: *trial,
            };
            job::quote(table, &job).map(Priced::Job)
        }
        Request::Units { unit, count } => {
            let unit = find(&table.units, "unit", unit, |u| &u.id)?;
            Ok(Priced::Units(units::quote(table, unit, *count)))
        }
        Request::Month {
            package,
            used_mh,
            carried_mh,
        } => {
            let p = find(&table.packages, "package", package, |p| &p.id)?;
            let month = Month {
                used_mh: *used_mh,
                carried_mh: *carried_mh,
            };
            month::bill(table, p, &month).map(Priced::Month)
        }
    }
}

fn find<'t, T>(
    list: &'t [T],
    what: &'static str,
    id: &str,
    key: impl Fn(&T) -> &String,
) -> Result<&'t T, NoPrice> {
    list.iter()
        .find(|x| key(x) == id)
        .ok_or_else(|| NoPrice::Unknown(what, id.to_owned()))
}

/// Net, VAT and gross of an amount in the table's price basis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Split {
    /// Net amount.
    pub net: Money,
    /// VAT, if charged.
    pub vat: Option<Money>,
    /// Amount the client pays.
    pub gross: Money,
}

impl Split {
    /// Splits an amount of the table's prices: on a net table VAT is added, on a
    /// gross table it is contained, under § 19 `UStG` there is none.
    pub fn of(table: &RateTable, amount: i64) -> Split {
        let rate = i128::from(table.vat_rate.map_or(0, |p| p.0)); // hundredths of %
        let (net, vat, gross) = match table.price_basis {
            PriceBasis::Net => {
                let vat = div_round(i128::from(amount) * rate, 10_000);
                (amount, Some(vat), amount + vat)
            }
            PriceBasis::Gross => {
                let vat = div_round(i128::from(amount) * rate, 10_000 + rate);
                (amount - vat, Some(vat), amount)
            }
            PriceBasis::Kleinunternehmer => (amount, None, amount),
        };
        Split {
            net: Money(net),
            vat: vat.map(Money),
            gross: Money(gross),
        }
    }
}

/// Divides rounding half up; `den` must be positive and `num` non-negative.
pub(crate) fn div_round(num: i128, den: i128) -> i64 {
    i64::try_from((2 * num + den) / (2 * den)).unwrap_or(i64::MAX)
}

/// Divides rounding up; `den` must be positive and `num` non-negative.
pub(crate) fn div_ceil(num: i128, den: i128) -> i64 {
    i64::try_from((num + den - 1) / den).unwrap_or(i64::MAX)
}

/// A package's price per hour, rounded half up (its hours are at least 1).
pub fn package_hourly(p: &crate::content::types::Package) -> Money {
    Money(div_round(i128::from(p.price.0), i128::from(p.hours.max(1))))
}

/// The lowest hourly price a service in `area` can cost: the base rate × factor
/// (the "ab X €/Std." of the catalogue).
pub fn from_hourly(table: &RateTable, area: &Area) -> Option<Money> {
    let base = table.base_hourly?;
    Some(Money(div_round(
        i128::from(base.0) * i128::from(area.factor.0),
        1000,
    )))
}

#[cfg(test)]
pub(crate) mod fixture {
    //! The rate table of content-model §3.4, for the unit tests of every rule.
    use crate::content::raw::{Period, PriceBasis, RateAudience};
    use crate::content::types::{Area, Package, RateTable, Rollover, Surcharge, Unit};
    use crate::content::values::{Factor, Money, Percent};
    use crate::util::Date;

    pub(crate) fn area(id: &str, factor: i64) -> Area {
        Area {
            id: id.into(),
            label: id.into(),
            factor: Factor(factor),
            approval_required: false,
        }
    }

    pub(crate) fn package(id: &str, hours: u32, price: i64, overage: Option<i64>) -> Package {
        Package {
            id: id.into(),
            label: id.into(),
            hours,
            price: Money(price),
            period: Period::Month,
            valid_months: None,
            overage_hourly: overage.map(Money),
            rollover: None,
            top_up: None,
        }
    }

    /// "Stundenpakete 2025": 45 €/h net, 15-minute increment and minimum, areas
    /// backoffice 1.0 and marketing 1.5, packages S (10 h, 410 €, overage 42 €, 2 h
    /// rollover) and M (20 h, 780 €, overage 40 €, 20 % rollover), surcharge eil 50 %,
    /// unit normseite 4.50 € with a minimum of 2.
    pub(crate) fn table(basis: PriceBasis) -> RateTable {
        let mut s = package("s", 10, 41_000, Some(4200));
        s.rollover = Some(Rollover {
            max_hours: Some(2),
            max_percent: None,
            expires_after_months: Some(1),
        });
        let mut m = package("m", 20, 78_000, Some(4000));
        m.rollover = Some(Rollover {
            max_hours: None,
            max_percent: Some(Percent(2000)),
            expires_after_months: Some(1),
        });
        RateTable {
            currency: "EUR".into(),
            price_basis: basis,
            vat_rate: (basis != PriceBasis::Kleinunternehmer).then_some(Percent(1900)),
            audience: RateAudience::B2b,
            valid_from: Date::new(2025, 1, 1).unwrap(),
            valid_until: None,
            applies_to: vec![],
            base_hourly: Some(Money(4500)),
            billing_increment_min: 15,
            minimum_per_task_min: Some(15),
            notice: None,
            payment_terms: None,
            expenses: None,
            trial: None,
            trial_offer: None,
            areas: vec![area("backoffice", 1000), area("marketing", 1500)],
            packages: vec![s, m],
            surcharges: vec![Surcharge {
                id: "eil".into(),
                label: "Eil".into(),
                percent: Percent(5000),
                condition: None,
            }],
            units: vec![Unit {
                id: "normseite".into(),
                label: "Normseite".into(),
                price: Money(450),
                minimum_units: Some(2),
                definition: None,
            }],
        }
    }
}
