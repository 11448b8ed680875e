//! The monthly bill of a package bought every month.
//!
//! The month's hours are the package's hours plus those carried over from the month
//! before; carried hours are used first, since they lapse first. Hours used beyond
//! both are billed as overage (at the rate of [`super::job`]) or covered by automatic
//! top-ups. Of the hours left unused at the end of the month, at most the rollover
//! cap (`max_hours`, or `max_percent` of the package's hours, rounded down to the
//! thousandth of an hour) carries over into the next month; without a rollover rule
//! none do. Carried hours lapse after `expires_after_months` months (default 1): with
//! one month, hours carried in and not used lapse now; with more, they may carry on,
//! within the same cap. The amount is the package price plus overage or top-ups.

use serde::Serialize;

use super::{NoPrice, Split, div_ceil, div_round};
use crate::content::raw::Period;
use crate::content::types::{Package, RateTable};
use crate::content::values::Money;

/// One month of a package.
#[derive(Debug, Clone, Copy)]
pub struct Month {
    /// Package hours used (thousandths of an hour), surcharges and factors included.
    pub used_mh: i64,
    /// Hours carried in from the month before (thousandths).
    pub carried_mh: i64,
}

/// What a month of a package costs and leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonthBill {
    /// Package hours used in the month (thousandths).
    pub used_mh: i64,
    /// Used from the hours carried in.
    pub from_carried_mh: i64,
    /// Used from this month's package hours.
    pub from_package_mh: i64,
    /// Used beyond both, billed as overage (zero with top-ups).
    pub overage_mh: i64,
    /// Price per hour of the overage.
    pub overage_hourly: Option<Money>,
    /// Top-ups bought.
    pub top_ups: u32,
    /// What the overage or the top-ups cost.
    pub extra: Money,
    /// Unused hours carried into the next month.
    pub carried_out_mh: i64,
    /// Unused hours that lapse.
    pub lapsed_mh: i64,
    /// Package price plus `extra`, split.
    pub split: Split,
}

/// Bills a month of a monthly package.
pub fn bill(table: &RateTable, p: &Package, month: &Month) -> Result<MonthBill, NoPrice> {
    if p.period != Period::Month {
        return Err(NoPrice::NotMonthly(p.id.clone()));
    }
    let own = i64::from(p.hours) * 1000;
    let used = month.used_mh.max(0);
    let carried = month.carried_mh.max(0);
    let from_carried = used.min(carried);
    let from_package = (used - from_carried).min(own);
    let beyond = used - from_carried - from_package;
    let (mut overage_mh, mut top_ups, mut extra, mut overage_hourly) = (0, 0, 0, None);
    let mut unused_own = own - from_package;
    if beyond > 0 {
        if let Some(t) = p.top_up {
            let block = i64::from(t.hours) * 1000;
            let n = div_ceil(i128::from(beyond), i128::from(block));
            top_ups = u32::try_from(n).unwrap_or(u32::MAX);
            extra = n.saturating_mul(t.price.0);
            unused_own = n * block - beyond;
        } else {
            let (num, den) = super::job::overage_rate(table, p);
            overage_mh = beyond;
            overage_hourly = Some(Money(div_round(num, den)));
            extra = div_round(i128::from(beyond) * num, 1000 * den);
        }
    }
    let unused_carried = carried - from_carried;
    let cap = p
        .rollover
        .as_ref()
        .map_or(0, |r| match (r.max_hours, r.max_percent) {
            (Some(h), _) => i64::from(h) * 1000,
            (None, Some(pct)) => own * pct.0 / 10_000,
            (None, None) => own,
        });
    let keeps_carried = p
        .rollover
        .as_ref()
        .is_some_and(|r| r.expires_after_months.unwrap_or(1) > 1);
    let candidates = unused_own + if keeps_carried { unused_carried } else { 0 };
    let carried_out = candidates.min(cap);
    Ok(MonthBill {
        used_mh: used,
        from_carried_mh: from_carried,
        from_package_mh: from_package,
        overage_mh,
        overage_hourly,
        top_ups,
        extra: Money(extra),
        carried_out_mh: carried_out,
        lapsed_mh: unused_own + unused_carried - carried_out,
        split: Split::of(table, p.price.0.saturating_add(extra)),
    })
}

#[cfg(test)]
mod tests {
    use super::super::fixture::table;
    use super::*;
    use crate::content::raw::PriceBasis;
    use crate::content::types::TopUp;

    fn month(used_mh: i64, carried_mh: i64) -> Month {
        Month {
            used_mh,
            carried_mh,
        }
    }

    #[test]
    fn unused_hours_roll_over_up_to_the_cap() {
        let t = table(PriceBasis::Net);
        // S: 10 h, rollover at most 2 h; 6.5 h used leave 3.5, of which 2 carry over.
        let b = bill(&t, &t.packages[0], &month(6500, 0)).unwrap();
        assert_eq!((b.carried_out_mh, b.lapsed_mh), (2000, 1500));
        assert_eq!(b.split.net, Money(41_000));
        // M: 20 h, rollover at most 20 % = 4 h.
        let b = bill(&t, &t.packages[1], &month(10_000, 0)).unwrap();
        assert_eq!(b.carried_out_mh, 4000);
    }

    #[test]
    fn carried_hours_are_used_first_and_lapse_after_a_month() {
        let t = table(PriceBasis::Net);
        let b = bill(&t, &t.packages[0], &month(1000, 2000)).unwrap();
        assert_eq!((b.from_carried_mh, b.from_package_mh), (1000, 0));
        assert_eq!(b.carried_out_mh, 2000);
        assert_eq!(b.lapsed_mh, 8000 + 1000);
    }

    #[test]
    fn overage_after_carried_and_package_hours() {
        let t = table(PriceBasis::Net);
        // S with 2 h carried, 13.25 h used: 1.25 h beyond at 42 € = 52.50 €.
        let b = bill(&t, &t.packages[0], &month(13_250, 2000)).unwrap();
        assert_eq!(b.overage_mh, 1250);
        assert_eq!(b.extra, Money(5250));
        assert_eq!(b.split.net, Money(46_250));
        assert_eq!((b.carried_out_mh, b.lapsed_mh), (0, 0));
    }

    #[test]
    fn no_rollover_rule_means_everything_lapses() {
        let mut t = table(PriceBasis::Net);
        t.packages[0].rollover = None;
        let b = bill(&t, &t.packages[0], &month(0, 0)).unwrap();
        assert_eq!((b.carried_out_mh, b.lapsed_mh), (0, 10_000));
    }

    #[test]
    fn top_ups_instead_of_overage() {
        let mut t = table(PriceBasis::Net);
        t.packages[0].overage_hourly = None;
        t.packages[0].top_up = Some(TopUp {
            hours: 5,
            price: Money(20_500),
        });
        let b = bill(&t, &t.packages[0], &month(11_000, 0)).unwrap();
        assert_eq!((b.top_ups, b.extra.0, b.overage_mh), (1, 20_500, 0));
        assert_eq!(
            b.carried_out_mh, 2000,
            "4 h of the top-up left, capped at 2"
        );
    }

    #[test]
    fn a_block_has_no_monthly_bill() {
        let mut t = table(PriceBasis::Net);
        t.packages[0].period = Period::Once;
        assert!(bill(&t, &t.packages[0], &month(0, 0)).is_err());
    }
}
