//! The calculation rule of content-model §3.4, in integer cents.
//!
//! 1. billable minutes = max(minimum per task, minutes rounded up to the increment);
//! 2. consumed package hours = billable hours × area factor;
//! 3. price per hour = package price / package hours, or the base rate;
//! 4. amount = round half up(consumed hours × price per hour × (1 + Σ surcharges));
//! 5. net basis: VAT = round half up(net × rate), gross = net + VAT; gross basis: the
//!    amount is gross and net = gross − round half up(gross × rate / (100 + rate));
//!    Kleinunternehmer: no VAT line.
//!
//! The theme's calculator implements the same rule in JavaScript; both are tested
//! against the worked examples of the design.

use crate::content::raw::PriceBasis;
use crate::content::types::{Area, Package, RateTable, Surcharge};
use crate::content::values::Money;

/// What a job costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// Minutes billed after increment and minimum.
    pub billable_minutes: u32,
    /// Package hours consumed, in hundredths of an hour (rounded half up).
    pub consumed_centihours: i64,
    /// Price per hour used, in cents (rounded half up for display).
    pub price_per_hour: Money,
    /// Net amount.
    pub net: Money,
    /// VAT, if charged.
    pub vat: Option<Money>,
    /// Amount the client pays.
    pub gross: Money,
}

/// Divides rounding half up; `den` must be positive and `num` non-negative.
fn div_round(num: i128, den: i128) -> i64 {
    i64::try_from((2 * num + den) / (2 * den)).unwrap_or(i64::MAX)
}

/// Billable minutes after increment and minimum.
pub fn billable_minutes(table: &RateTable, minutes: u32) -> u32 {
    let inc = table.billing_increment_min.max(1);
    let rounded = minutes.div_ceil(inc) * inc;
    rounded.max(table.minimum_per_task_min.unwrap_or(0))
}

/// Prices `minutes` of work in `area`, optionally from `package`, with surcharges.
/// Returns `None` when the table has no base rate and no package is given.
pub fn quote(
    table: &RateTable,
    minutes: u32,
    area: &Area,
    package: Option<&Package>,
    surcharges: &[&Surcharge],
) -> Option<Quote> {
    let billable = billable_minutes(table, minutes);
    let (price_num, price_den) = match package {
        Some(p) => (i128::from(p.price.0), i128::from(p.hours.max(1))),
        None => (i128::from(table.base_hourly?.0), 1),
    };
    let factor = i128::from(area.factor.0); // thousandths
    let surcharge_bp: i128 = surcharges.iter().map(|s| i128::from(s.percent.0)).sum(); // hundredths of %
    let amount = div_round(
        i128::from(billable) * factor * price_num * (10_000 + surcharge_bp),
        60 * 1000 * price_den * 10_000,
    );
    let vat_rate = i128::from(table.vat_rate.map_or(0, |p| p.0)); // hundredths of %
    let (net, vat, gross) = match table.price_basis {
        PriceBasis::Net => {
            let vat = div_round(i128::from(amount) * vat_rate, 10_000);
            (amount, Some(vat), amount + vat)
        }
        PriceBasis::Gross => {
            let vat = div_round(i128::from(amount) * vat_rate, 10_000 + vat_rate);
            (amount - vat, Some(vat), amount)
        }
        PriceBasis::Kleinunternehmer => (amount, None, amount),
    };
    Some(Quote {
        billable_minutes: billable,
        consumed_centihours: div_round(i128::from(billable) * factor, 600),
        price_per_hour: Money(div_round(price_num, price_den)),
        net: Money(net),
        vat: vat.map(Money),
        gross: Money(gross),
    })
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
mod tests {
    use super::*;
    use crate::content::raw::{Period, RateAudience};
    use crate::content::values::{Factor, Percent};
    use crate::util::Date;

    fn table(basis: PriceBasis) -> RateTable {
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
            areas: vec![],
            packages: vec![],
            surcharges: vec![],
            units: vec![],
        }
    }

    fn area(f: i64) -> Area {
        Area {
            id: "a".into(),
            label: "A".into(),
            factor: Factor(f),
            approval_required: false,
        }
    }

    #[test]
    fn worked_example_one_backoffice_without_package() {
        let q = quote(&table(PriceBasis::Net), 50, &area(1000), None, &[]).unwrap();
        assert_eq!(q.billable_minutes, 60);
        assert_eq!(q.consumed_centihours, 100);
        assert_eq!(
            (q.net, q.vat, q.gross),
            (Money(4500), Some(Money(855)), Money(5355))
        );
    }

    #[test]
    fn worked_example_two_marketing_package_m_rush() {
        let m = Package {
            id: "m".into(),
            label: "M".into(),
            hours: 20,
            price: Money(78_000),
            period: Period::Month,
            valid_months: None,
            overage_hourly: None,
            rollover: None,
        };
        let eil = Surcharge {
            id: "eil".into(),
            label: "Eil".into(),
            percent: Percent(5000),
            condition: None,
        };
        let q = quote(&table(PriceBasis::Net), 90, &area(1500), Some(&m), &[&eil]).unwrap();
        assert_eq!(q.billable_minutes, 90);
        assert_eq!(q.consumed_centihours, 225);
        assert_eq!(q.price_per_hour, Money(3900));
        assert_eq!(
            (q.net, q.vat, q.gross),
            (Money(13_163), Some(Money(2501)), Money(15_664))
        );
    }

    #[test]
    fn gross_basis_and_kleinunternehmer() {
        let q = quote(&table(PriceBasis::Gross), 60, &area(1000), None, &[]).unwrap();
        assert_eq!(
            (q.gross, q.vat, q.net),
            (Money(4500), Some(Money(718)), Money(3782))
        );
        let q = quote(
            &table(PriceBasis::Kleinunternehmer),
            60,
            &area(1000),
            None,
            &[],
        )
        .unwrap();
        assert_eq!((q.gross, q.vat), (Money(4500), None));
    }

    #[test]
    fn minimum_and_increment() {
        let t = table(PriceBasis::Net);
        assert_eq!(billable_minutes(&t, 1), 15);
        assert_eq!(billable_minutes(&t, 16), 30);
        assert_eq!(billable_minutes(&t, 0), 15);
    }
}
