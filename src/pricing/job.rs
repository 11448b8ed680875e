//! A job billed by the hour (content-model §3.4, with its decision on packages):
//!
//! 1. billable minutes = max(minimum per task, minutes rounded up to the increment);
//! 2. hours = billable hours × area factor;
//! 3. without a package: amount = hours × base rate × (1 + Σ surcharges), where a
//!    trial takes its discount off the first `trial_hours` billable hours;
//! 4. with a package: the job consumes package hours = hours × (1 + Σ surcharges),
//!    rounded half up to the thousandth of an hour, worth consumed hours × the
//!    package's price per hour. Nothing is charged for hours the balance covers.
//!    Hours beyond it are billed at the package's `overage_hourly` (else the base
//!    rate, else the package's own price per hour) — or, when the package has an
//!    automatic top-up, as many top-ups as cover them are bought;
//! 5. the amount is rounded half up to the cent and split into net, VAT and gross.

use serde::Serialize;

use super::{NoPrice, Split, div_ceil, div_round};
use crate::content::types::{Area, Package, RateTable, Surcharge};
use crate::content::values::Money;

/// What a reader asks: a job in an area, from a package or not, with surcharges.
#[derive(Debug, Clone, Copy)]
pub struct Job<'a> {
    /// Minutes worked.
    pub minutes: u32,
    /// The work area.
    pub area: &'a Area,
    /// The client's package.
    pub package: Option<&'a Package>,
    /// Package hours left before the job (thousandths); `None` is a full package.
    pub balance_mh: Option<i64>,
    /// Surcharges that apply.
    pub surcharges: &'a [&'a Surcharge],
    /// Whether the job is within the client's trial (ignored with a package).
    pub trial: bool,
}

/// What a job costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct JobQuote {
    /// Minutes billed after increment and minimum.
    pub billable_minutes: u32,
    /// Billable hours × area factor, in thousandths of an hour.
    pub hours_mh: i64,
    /// Price per hour: the base rate, or the package's price per hour (half up).
    pub price_per_hour: Money,
    /// Billable minutes at the trial discount.
    pub trial_minutes: u32,
    /// The trial discount (rounded half up; the amount is rounded once, as a whole).
    pub trial_discount: Money,
    /// Package hours the job consumes, surcharges included (thousandths).
    pub package_mh: Option<i64>,
    /// What the consumed package hours are worth at the package's price per hour.
    pub package_value: Option<Money>,
    /// Package hours the balance covers (thousandths).
    pub covered_mh: i64,
    /// Package hours beyond the balance billed as overage (thousandths).
    pub overage_mh: i64,
    /// Price per hour of the overage.
    pub overage_hourly: Option<Money>,
    /// Top-ups bought to cover the hours beyond the balance.
    pub top_ups: u32,
    /// Package hours left after the job (thousandths).
    pub balance_after_mh: Option<i64>,
    /// What is billed: without a package the job, with one only overage or top-ups.
    pub split: Split,
}

/// Billable minutes after increment and minimum.
pub fn billable_minutes(table: &RateTable, minutes: u32) -> u32 {
    let inc = table.billing_increment_min.max(1);
    let rounded = minutes.div_ceil(inc) * inc;
    rounded.max(table.minimum_per_task_min.unwrap_or(0))
}

/// Prices a job; without a package the table needs a base rate.
pub fn quote(table: &RateTable, job: &Job<'_>) -> Result<JobQuote, NoPrice> {
    let billable = billable_minutes(table, job.minutes);
    let factor = i128::from(job.area.factor.0); // thousandths
    let bp: i128 = job.surcharges.iter().map(|s| i128::from(s.percent.0)).sum(); // hundredths of %
    let mut q = JobQuote {
        billable_minutes: billable,
        hours_mh: div_round(i128::from(billable) * factor, 60),
        price_per_hour: Money(0),
        trial_minutes: 0,
        trial_discount: Money(0),
        package_mh: None,
        package_value: None,
        covered_mh: 0,
        overage_mh: 0,
        overage_hourly: None,
        top_ups: 0,
        balance_after_mh: None,
        split: Split::of(table, 0),
    };
    let amount = match job.package {
        None => hourly(table, job, &mut q, factor, bp)?,
        Some(p) => from_package(table, p, job.balance_mh, &mut q, factor, bp),
    };
    q.split = Split::of(table, amount);
    Ok(q)
}

/// Step 3: the job at the base rate, with the trial's discount on its first hours.
fn hourly(
    table: &RateTable,
    job: &Job<'_>,
    q: &mut JobQuote,
    factor: i128,
    bp: i128,
) -> Result<i64, NoPrice> {
    let base = table.base_hourly.ok_or(NoPrice::NoBaseRate)?;
    q.price_per_hour = base;
    let billable = i128::from(q.billable_minutes);
    // cents × 60 × 1000 × 10 000 per minute of work, surcharges included
    let per_minute = factor * i128::from(base.0) * (10_000 + bp);
    let den = 60 * 1000 * 10_000 * 10_000;
    let (trial_min, discount_bp) = match table.trial_offer {
        Some(t) if job.trial => (
            q.billable_minutes.min(t.hours.saturating_mul(60)),
            i128::from(t.discount.0),
        ),
        _ => (0, 0),
    };
    q.trial_minutes = trial_min;
    let discount = i128::from(trial_min) * per_minute * discount_bp;
    q.trial_discount = Money(div_round(discount, den));
    Ok(div_round(billable * per_minute * 10_000 - discount, den))
}

/// Step 4: package hours consumed, their value, and what is billed beyond the balance.
fn from_package(
    table: &RateTable,
    p: &Package,
    balance_mh: Option<i64>,
    q: &mut JobQuote,
    factor: i128,
    bp: i128,
) -> i64 {
    let hours = i128::from(p.hours.max(1));
    let price = i128::from(p.price.0);
    let consumed = div_round(
        i128::from(q.billable_minutes) * factor * (10_000 + bp),
        600_000,
    );
    q.price_per_hour = super::package_hourly(p);
    q.package_mh = Some(consumed);
    q.package_value = Some(Money(div_round(i128::from(consumed) * price, hours * 1000)));
    let balance = balance_mh.unwrap_or(i64::from(p.hours) * 1000).max(0);
    q.covered_mh = consumed.min(balance);
    let beyond = consumed - q.covered_mh;
    if beyond == 0 {
        q.balance_after_mh = Some(balance - consumed);
        return 0;
    }
    if let Some(t) = p.top_up {
        let block = i64::from(t.hours) * 1000;
        let n = div_ceil(i128::from(beyond), i128::from(block));
        q.top_ups = u32::try_from(n).unwrap_or(u32::MAX);
        q.covered_mh = consumed;
        q.balance_after_mh = Some(n * block - beyond);
        return n.saturating_mul(t.price.0);
    }
    q.overage_mh = beyond;
    q.balance_after_mh = Some(0);
    let (num, den) = overage_rate(table, p);
    q.overage_hourly = Some(Money(div_round(num, den)));
    div_round(i128::from(beyond) * num, 1000 * den)
}

/// The price of an hour beyond a package, as a fraction of cents: the package's
/// overage rate, else the table's base rate, else the package's own price per hour.
pub(super) fn overage_rate(table: &RateTable, p: &Package) -> (i128, i128) {
    match (p.overage_hourly, table.base_hourly) {
        (Some(m), _) | (None, Some(m)) => (i128::from(m.0), 1),
        (None, None) => (i128::from(p.price.0), i128::from(p.hours.max(1))),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{area, table};
    use super::*;
    use crate::content::raw::PriceBasis;
    use crate::content::types::{TopUp, Trial};
    use crate::content::values::Percent;

    fn job<'a>(minutes: u32, area: &'a Area, surcharges: &'a [&'a Surcharge]) -> Job<'a> {
        Job {
            minutes,
            area,
            package: None,
            balance_mh: None,
            surcharges,
            trial: false,
        }
    }

    fn cents(s: Split) -> (i64, Option<i64>, i64) {
        (s.net.0, s.vat.map(|v| v.0), s.gross.0)
    }

    #[test]
    fn worked_example_one_backoffice_without_package() {
        let t = table(PriceBasis::Net);
        let q = quote(&t, &job(50, &t.areas[0], &[])).unwrap();
        assert_eq!(q.billable_minutes, 60);
        assert_eq!(q.hours_mh, 1000);
        assert_eq!(cents(q.split), (4500, Some(855), 5355));
    }

    #[test]
    fn worked_example_two_package_m_marketing_rush_is_all_package_hours() {
        let t = table(PriceBasis::Net);
        let eil = [&t.surcharges[0]];
        let mut j = job(90, &t.areas[1], &eil);
        j.package = Some(&t.packages[1]);
        let q = quote(&t, &j).unwrap();
        assert_eq!(q.billable_minutes, 90);
        assert_eq!(q.package_mh, Some(3375));
        assert_eq!(q.price_per_hour, Money(3900));
        assert_eq!(q.package_value, Some(Money(13_163)));
        assert_eq!(q.covered_mh, 3375);
        assert_eq!(q.balance_after_mh, Some(16_625));
        assert_eq!(
            cents(q.split),
            (0, Some(0), 0),
            "nothing on top of the package"
        );
    }

    #[test]
    fn the_same_job_without_package_costs_the_surcharged_hours() {
        let t = table(PriceBasis::Net);
        let eil = [&t.surcharges[0]];
        let q = quote(&t, &job(90, &t.areas[1], &eil)).unwrap();
        // 1.5 h × 1.5 × 45 € × 1.5 = 151.875 €
        assert_eq!(cents(q.split), (15_188, Some(2886), 18_074));
    }

    #[test]
    fn overage_beyond_the_balance_at_the_overage_rate() {
        let t = table(PriceBasis::Net);
        let mut j = job(180, &t.areas[1], &[]); // 4.5 package hours
        j.package = Some(&t.packages[0]); // S: overage 42 €
        j.balance_mh = Some(1000);
        let q = quote(&t, &j).unwrap();
        assert_eq!((q.covered_mh, q.overage_mh), (1000, 3500));
        assert_eq!(q.overage_hourly, Some(Money(4200)));
        assert_eq!(cents(q.split), (14_700, Some(2793), 17_493));
        assert_eq!(q.balance_after_mh, Some(0));
    }

    #[test]
    fn overage_without_overage_rate_uses_the_base_rate_then_the_package_price() {
        let mut t = table(PriceBasis::Net);
        t.packages[0].overage_hourly = None;
        let mut j = job(60, &t.areas[0], &[]);
        j.package = Some(&t.packages[0]);
        j.balance_mh = Some(0);
        assert_eq!(quote(&t, &j).unwrap().split.net, Money(4500));
        t.base_hourly = None;
        let mut j = job(60, &t.areas[0], &[]);
        j.package = Some(&t.packages[0]);
        j.balance_mh = Some(0);
        assert_eq!(quote(&t, &j).unwrap().split.net, Money(4100));
    }

    #[test]
    fn top_up_buys_whole_blocks_and_keeps_the_rest() {
        let mut t = table(PriceBasis::Net);
        t.packages[0].overage_hourly = None;
        t.packages[0].top_up = Some(TopUp {
            hours: 5,
            price: Money(20_500),
        });
        let mut j = job(420, &t.areas[0], &[]); // 7 h
        j.package = Some(&t.packages[0]);
        j.balance_mh = Some(1500);
        let q = quote(&t, &j).unwrap();
        assert_eq!(
            q.top_ups, 2,
            "5.5 h beyond the balance take two 5-hour top-ups"
        );
        assert_eq!(q.balance_after_mh, Some(4500));
        assert_eq!(q.overage_mh, 0);
        assert_eq!(q.split.net, Money(41_000));
    }

    #[test]
    fn trial_discounts_the_first_hours_only() {
        let mut t = table(PriceBasis::Net);
        t.trial_offer = Some(Trial {
            hours: 2,
            discount: Percent(5000),
        });
        let mut j = job(180, &t.areas[0], &[]);
        j.trial = true;
        let q = quote(&t, &j).unwrap();
        assert_eq!(q.trial_minutes, 120);
        assert_eq!(q.trial_discount, Money(4500));
        assert_eq!(q.split.net, Money(9000), "2 h at half price + 1 h at 45 €");
        j.trial = false;
        assert_eq!(quote(&t, &j).unwrap().split.net, Money(13_500));
    }

    #[test]
    fn no_base_rate_no_price_without_package() {
        let mut t = table(PriceBasis::Net);
        t.base_hourly = None;
        let a = t.areas[0].clone();
        assert_eq!(quote(&t, &job(60, &a, &[])), Err(NoPrice::NoBaseRate));
    }

    #[test]
    fn minimum_and_increment() {
        let t = table(PriceBasis::Net);
        assert_eq!(billable_minutes(&t, 1), 15);
        assert_eq!(billable_minutes(&t, 16), 30);
        assert_eq!(billable_minutes(&t, 0), 15);
    }

    #[test]
    fn gross_basis_and_kleinunternehmer() {
        let t = table(PriceBasis::Gross);
        let q = quote(&t, &job(60, &t.areas[0], &[])).unwrap();
        assert_eq!(cents(q.split), (3782, Some(718), 4500));
        let t = table(PriceBasis::Kleinunternehmer);
        let q = quote(&t, &job(60, &area("a", 1000), &[])).unwrap();
        assert_eq!(cents(q.split), (4500, None, 4500));
    }
}
