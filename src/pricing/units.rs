//! Unit prices and flat prices.
//!
//! - A unit price: billed units = max(units ordered, `minimum_units`); amount =
//!   billed units × unit price.
//! - A flat price (`billing = "flat"`): the amount is the price, once or per month.

use serde::Serialize;

use super::Split;
use crate::content::types::{RateTable, Unit};

/// What a job billed by the unit costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct UnitQuote {
    /// Units ordered.
    pub count: u32,
    /// Units billed: at least the minimum.
    pub billed_units: u32,
    /// Net, VAT and gross.
    pub split: Split,
}

/// Prices `count` units.
pub fn quote(table: &RateTable, unit: &Unit, count: u32) -> UnitQuote {
    let billed = count.max(unit.minimum_units.unwrap_or(0));
    UnitQuote {
        count,
        billed_units: billed,
        split: Split::of(table, i64::from(billed).saturating_mul(unit.price.0)),
    }
}

/// A flat price in the table's price basis.
pub fn flat(table: &RateTable, price: crate::content::values::Money) -> Split {
    Split::of(table, price.0)
}

#[cfg(test)]
mod tests {
    use super::super::fixture::table;
    use super::*;
    use crate::content::raw::PriceBasis;
    use crate::content::values::Money;

    #[test]
    fn the_minimum_number_of_units_is_billed() {
        let t = table(PriceBasis::Net);
        let u = &t.units[0];
        let q = quote(&t, u, 1);
        assert_eq!((q.billed_units, q.split.net), (2, Money(900)));
        // The design's example: 9 500 characters are 6 standard pages.
        let q = quote(&t, u, 6);
        assert_eq!(
            (q.split.net, q.split.vat, q.split.gross),
            (Money(2700), Some(Money(513)), Money(3213))
        );
    }

    #[test]
    fn flat_price_splits_like_any_amount() {
        let t = table(PriceBasis::Gross);
        let s = flat(&t, Money(11_900));
        assert_eq!((s.net, s.vat), (Money(10_000), Some(Money(1900))));
    }
}
