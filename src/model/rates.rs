//! Rate tables over time: which table prices a service on a day, and which one
//! follows it.
//!
//! Tables form series: a table that is the default (`applies_to`) for a category and
//! addresses the same customers as another belongs to its series. Within a series the
//! periods must neither overlap (an error) nor leave gaps (a warning); the check lives
//! in `crate::check`, the rules here.

use super::Site;
use crate::content::raw::Period;
use crate::content::types::{Area, Billing, RateTable, Service, Unit};
use crate::content::values::Money;
use crate::content::{Data, Item};
use crate::kind::Kind;
use crate::util::Date;

/// Why no rate table prices a service (C2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoRateTable {
    /// The service names a table that does not exist.
    Unknown(String),
    /// No default table of its category is valid on the build date.
    NoneValid,
    /// Several default tables of its category are valid on the build date.
    Several,
}

/// The least a service costs, by its billing: the "ab 45,00 € / Std." of the
/// catalogue, the service page, the data files and the structured data.
#[derive(Debug, Clone, Copy)]
pub enum PriceFrom<'a> {
    /// By the hour: the table's base rate × the work area's factor.
    Hourly {
        /// The rate table.
        table: &'a RateTable,
        /// The service's work area in it.
        area: &'a Area,
        /// The hourly price.
        price: Money,
    },
    /// By a unit of the table.
    Unit {
        /// The rate table.
        table: &'a RateTable,
        /// The unit.
        unit: &'a Unit,
    },
    /// A flat price of the service itself.
    Flat {
        /// The price.
        price: Money,
        /// Once or every month.
        period: Period,
    },
}

impl RateTable {
    /// Whether the table applies on `day`.
    pub fn valid_on(&self, day: Date) -> bool {
        self.valid_from <= day && self.valid_until.is_none_or(|u| day <= u)
    }

    /// Whether two tables are in one series: defaults for a common category, for the
    /// same customers.
    pub fn same_series(&self, other: &RateTable) -> bool {
        self.audience == other.audience
            && self.applies_to.iter().any(|c| other.applies_to.contains(c))
    }
}

fn rate(item: &Item) -> Option<&RateTable> {
    match &item.data {
        Data::Rate(r) => Some(r),
        _ => None,
    }
}

impl Site {
    /// The rate table that prices a service on the build date: the one it names, or
    /// the one default of its category valid that day.
    pub fn rate_table_for(&self, s: &Service) -> Result<&Item, NoRateTable> {
        if let Some(id) = &s.rate_table {
            return self
                .original(Kind::Rate, id)
                .ok_or_else(|| NoRateTable::Unknown(id.clone()));
        }
        self.default_rate_table(&s.category)
    }

    /// The rate table that prices a service, if exactly one does (see
    /// [`Site::rate_table_for`]).
    pub fn rate_table_of(&self, s: &Service) -> Option<&Item> {
        self.rate_table_for(s).ok()
    }

    /// The least a service costs on the build date, if its table prices it.
    pub fn price_from<'a>(&'a self, s: &'a Service) -> Option<PriceFrom<'a>> {
        if let Billing::Flat { price, period } = &s.billing {
            return Some(PriceFrom::Flat {
                price: *price,
                period: *period,
            });
        }
        let table = rate(self.rate_table_of(s)?)?;
        match &s.billing {
            Billing::Hourly { work_area } => {
                let area = table.areas.iter().find(|a| &a.id == work_area)?;
                let price = crate::pricing::from_hourly(table, area)?;
                Some(PriceFrom::Hourly { table, area, price })
            }
            Billing::Unit { unit } => {
                let unit = table.units.iter().find(|u| &u.id == unit)?;
                Some(PriceFrom::Unit { table, unit })
            }
            Billing::Flat { .. } => None,
        }
    }

    /// The table that follows `item` in its series: the next one to start.
    pub fn successor(&self, item: &Item) -> Option<&Item> {
        let r = rate(item)?;
        self.originals(Kind::Rate)
            .filter(|o| rate(o).is_some_and(|x| x.same_series(r) && x.valid_from > r.valid_from))
            .min_by_key(|o| rate(o).map(|x| x.valid_from))
    }

    /// A table of the series of `item` that starts after the build date: what the
    /// pages announce ("ab 01.01.2027: …").
    pub fn coming(&self, item: &Item) -> Option<&Item> {
        let next = self.successor(item)?;
        rate(next)
            .filter(|x| x.valid_from > self.build_date)
            .map(|_| next)
    }
}
