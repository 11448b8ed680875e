//! Rate tables over time: which table prices a service on a day, and which one
//! follows it.
//!
//! Tables form series: a table that is the default (`applies_to`) for a category and
//! addresses the same customers as another belongs to its series. Within a series the
//! periods must neither overlap (an error) nor leave gaps (a warning); the check lives
//! in `crate::check`, the rules here.

use super::Site;
use crate::content::types::{RateTable, Service};
use crate::content::{Data, Item};
use crate::kind::Kind;
use crate::util::Date;

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
    /// its category's default valid that day.
    pub fn rate_table_of(&self, s: &Service) -> Option<&Item> {
        if let Some(id) = &s.rate_table {
            return self.original(Kind::Rate, id);
        }
        self.originals(Kind::Rate).find(|i| {
            rate(i)
                .is_some_and(|r| r.applies_to.contains(&s.category) && r.valid_on(self.build_date))
        })
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
