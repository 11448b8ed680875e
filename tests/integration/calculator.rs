//! Parity of the browser's rate calculator with `vpagen::pricing`, on generated cases.
//!
//! Every rate page has a calculator: `quote` in `themes/default/static/js/pricing.js`
//! (BigInt, rounding half up) prices what the reader enters. It must give exactly what
//! `vpagen::pricing::quote` gives, which prices the worked examples, the catalogue's
//! "from" prices and `rates.json`.
//!
//! The test generates [`CASES`] jobs from a fixed seed with proptest strategies (the
//! seed, the algorithm and the count are set here, so `PROPTEST_CASES` and
//! `PROPTEST_RNG_SEED` do not change them): net, gross and § 19 tables at many VAT
//! rates, base rates and packages, areas with factors, none, one or several stacked
//! surcharges, billing increments and minimums, the largest valid amounts, and cases
//! built so that the exact amount, the VAT or the consumed hours lie on half a cent
//! (half a hundredth of an hour). Each case becomes a rate-table item of a site; the
//! calculator data the build writes for it (the `table` of `rates.json`, made by the
//! same code as the page's `<script data-rate>`) goes, with the case, into a JSON file
//! that `node tests/calculator/compare.mjs` prices with the rule of `pricing.js` itself
//! (its `price`, which the page's calculator uses). Every field must agree. Node.js is
//! required.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::fs;

use proptest::prelude::*;
use proptest::sample::{Index, select, subsequence};
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed, TestRunner};
use serde::Deserialize;
use serde_json::{Value, json};

use vpagen::config::Config as SiteConfig;
use vpagen::content::raw::{Period, PriceBasis, RateAudience};
use vpagen::content::types::{Area, Package, RateTable, Surcharge, TopUp, Trial};
use vpagen::content::values::{Factor, Money, Percent};
use vpagen::content::{Body, Data, Item, Meta};
use vpagen::diag::{Diagnostics, Sources};
use vpagen::kind::Kind;
use vpagen::model::Site;
use vpagen::pricing::{self, Request};
use vpagen::util::Date;

use crate::support::node;

/// The seed of the generated cases.
const SEED: u64 = 0x6361_6c63_756c; // "calcul"

/// How many cases of each family are generated (the fixed cases come on top).
const FAMILIES: &[(Family, usize)] = &[
    (Family::Typical, 2600),
    (Family::Large, 300),
    (Family::Long, 200),
    (Family::HalfCentAmount, 500),
    (Family::HalfCentVat, 400),
    (Family::HalfHundredthHour, 100),
];

/// All generated cases.
const CASES: usize = 4100;

/// How many mismatches to show.
const SHOW: usize = 20;

/// The most cents `Money` parsing accepts: 12 integer digits and 2 decimals.
const MAX_MONEY: i64 = 99_999_999_999_999;

/// Largest amounts and durations of a family. Within them the quote cannot overflow:
/// at most 10^14 cents per hour × 25 hours (Large) or 10^9 × 16 700 hours (Long),
/// × 5 (factor) × 16 (five surcharges of 300 %) × 2 (VAT of 100 %) stays below 2^63.
#[derive(Debug, Clone, Copy)]
struct Scale {
    max_money: i64,
    max_minutes: u32,
    /// Prefer the largest valid values: factor 5, surcharges of 300 %, VAT of 100 %.
    extreme: bool,
}

const TYPICAL: Scale = Scale {
    max_money: 1_000_000_000,
    max_minutes: 10_000,
    extreme: false,
};
const LARGE: Scale = Scale {
    max_money: MAX_MONEY,
    max_minutes: 1440,
    extreme: true,
};
const LONG: Scale = Scale {
    max_money: 1_000_000_000,
    max_minutes: 1_000_000,
    extreme: false,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Family {
    /// The worked examples of content-model §3.4 and their neighbours.
    Fixed,
    /// Any valid table with realistic amounts.
    Typical,
    /// Money up to the validated maximum, factor 5, stacked 300 % surcharges.
    Large,
    /// Up to a million minutes.
    Long,
    /// The exact amount is a whole number of cents plus one half.
    HalfCentAmount,
    /// The exact VAT is a whole number of cents plus one half.
    HalfCentVat,
    /// The exact consumed hours are a whole number of hundredths plus one half.
    HalfHundredthHour,
}

/// One job: a table and what the reader chose in its calculator.
#[derive(Debug, Clone)]
struct Case {
    family: Family,
    table: RateTable,
    minutes: u32,
    area: usize,
    package: Option<usize>,
    /// Indices into `table.surcharges`.
    surcharges: Vec<usize>,
    /// Package hours left before the job, in thousandths (`None`: a full package).
    balance_mh: Option<i64>,
    /// Whether the job is within the trial.
    trial: bool,
}

impl Case {
    /// The request as the calculator's form makes it.
    fn request(&self) -> Request {
        let t = &self.table;
        Request::Job {
            minutes: self.minutes,
            area: t.areas[self.area].id.clone(),
            package: self.package.map(|p| t.packages[p].id.clone()),
            balance_mh: self.balance_mh,
            surcharges: self
                .surcharges
                .iter()
                .map(|&i| t.surcharges[i].id.clone())
                .collect(),
            trial: self.trial,
        }
    }

    /// What `vpagen::pricing::price` answers, as flat fields.
    fn priced(&self) -> Option<Fields> {
        pricing::price(&self.table, &self.request())
            .ok()
            .map(|p| flatten(&serde_json::to_value(p).expect("priced as JSON")))
    }

    /// Draws, after everything else, what the form adds to a job: with a package
    /// the hours left in it (often fewer than the job needs) and for some packages
    /// an overage rate or an automatic top-up; without one, a trial.
    fn with_balance_trial_and_top_up(mut self, r: &mut TestRunner, s: Scale) -> Case {
        for p in &mut self.table.packages {
            match draw(r, 0..4_u8) {
                0 => p.overage_hourly = Some(Money(money(r, s))),
                1 => {
                    p.top_up = Some(TopUp {
                        hours: draw(r, 1..=40_u32),
                        price: Money(money(r, s)),
                    });
                }
                _ => {}
            }
        }
        if let Some(p) = self.package {
            let own = i64::from(self.table.packages[p].hours) * 1000;
            self.balance_mh = draw(
                r,
                prop_oneof![
                    2 => Just(None),
                    1 => Just(Some(0_i64)),
                    3 => (0..=own).prop_map(Some),
                ],
            );
        } else if draw(r, proptest::bool::weighted(0.4)) {
            self.table.trial_offer = Some(Trial {
                hours: draw(r, 1..=20_u32),
                discount: Percent(draw(
                    r,
                    prop_oneof![Just(5000_i64), Just(10_000), 1..=10_000_i64],
                )),
            });
            self.trial = draw(r, proptest::bool::weighted(0.8));
        }
        self
    }

    fn billable(&self) -> i128 {
        i128::from(pricing::billable_minutes(&self.table, self.minutes))
    }

    fn factor(&self) -> i128 {
        i128::from(self.table.areas[self.area].factor.0)
    }

    /// 10 000 + the chosen surcharges, in hundredths of a percent.
    fn surcharge_factor(&self) -> i128 {
        10_000
            + self
                .surcharges
                .iter()
                .map(|&i| i128::from(self.table.surcharges[i].percent.0))
                .sum::<i128>()
    }

    /// Package hours, or 1 for the base rate.
    fn hours(&self) -> i128 {
        self.package
            .map_or(1, |p| i128::from(self.table.packages[p].hours.max(1)))
    }

    /// The price per `hours()`, if there is one.
    fn price(&self) -> Option<i128> {
        match self.package {
            Some(p) => Some(i128::from(self.table.packages[p].price.0)),
            None => self.table.base_hourly.map(|m| i128::from(m.0)),
        }
    }

    /// The exact amount before VAT handling, as numerator and denominator in cents.
    fn amount(&self) -> Option<(i128, i128)> {
        let num = self.billable() * self.factor() * self.price()? * self.surcharge_factor();
        Some((num, 60 * 1000 * 10_000 * self.hours()))
    }

    /// Sets the price the quote uses (package or base rate).
    fn set_price(&mut self, cents: i128) {
        let cents = Money(i64::try_from(cents).expect("price fits in i64"));
        match self.package {
            Some(p) => self.table.packages[p].price = cents,
            None => self.table.base_hourly = Some(cents),
        }
    }
}

// ---------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------

/// The runner all values are drawn with: seed, algorithm and count are fixed here,
/// whatever the `PROPTEST_*` environment variables say.
fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: u32::try_from(CASES).expect("case count"),
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(SEED),
        failure_persistence: None,
        ..Config::default()
    })
}

/// One value of `strategy`.
fn draw<S: Strategy>(runner: &mut TestRunner, strategy: S) -> S::Value {
    strategy
        .new_tree(runner)
        .expect("the strategies do not reject")
        .current()
}

fn money(r: &mut TestRunner, s: Scale) -> i64 {
    if s.extreme {
        draw(
            r,
            prop_oneof![
                Just(s.max_money),
                s.max_money - 10_000..=s.max_money,
                s.max_money / 100..=s.max_money,
                1..=s.max_money,
            ],
        )
    } else {
        draw(
            r,
            prop_oneof![
                1 => Just(1_i64),
                1 => Just(s.max_money),
                3 => select(&[4500_i64, 3999, 4050, 4501, 78_000, 99, 100, 12_345][..]),
                2 => 1..=100_000_i64,
                4 => 1..=s.max_money,
            ],
        )
    }
}

fn factor(r: &mut TestRunner, s: Scale) -> i64 {
    if s.extreme {
        draw(r, prop_oneof![3 => Just(5000_i64), 1 => 500..=5000_i64])
    } else {
        draw(
            r,
            prop_oneof![
                select(&[500_i64, 750, 900, 1000, 1250, 1500, 2000, 5000][..]),
                500..=5000_i64,
            ],
        )
    }
}

fn surcharge(r: &mut TestRunner, s: Scale) -> i64 {
    if s.extreme {
        draw(r, prop_oneof![3 => Just(30_000_i64), 1 => 0..=30_000_i64])
    } else {
        draw(
            r,
            prop_oneof![
                select(&[5000_i64, 2500, 10_000, 30_000, 0, 1][..]),
                0..=30_000_i64,
            ],
        )
    }
}

fn vat_rate(r: &mut TestRunner, s: Scale) -> i64 {
    if s.extreme {
        draw(r, prop_oneof![Just(10_000_i64), 0..=10_000_i64])
    } else {
        draw(
            r,
            prop_oneof![
                3 => select(&[1900_i64, 700, 0, 10_000, 1600, 500, 2000, 2100, 1][..]),
                2 => 0..=10_000_i64,
            ],
        )
    }
}

/// Any table the validator lets through (increments 1–60 min, minimum 1–1440 min and
/// not below the increment, factors 0.5–5 with one area at 1.0, package hours
/// 1–10 000, VAT up to 100 %, surcharges up to 300 % each), and a choice in its
/// calculator.
fn generic(r: &mut TestRunner, family: Family, s: Scale) -> Case {
    let mut table = terms(r, s);
    table.areas = areas(r, s);
    table.packages = packages(r, s);
    table.surcharges = surcharges(r, s);
    let area = draw(r, 0..table.areas.len());
    let package = if table.packages.is_empty() {
        None
    } else {
        draw(r, proptest::option::weighted(0.6, 0..table.packages.len()))
    };
    let n = table.surcharges.len();
    let chosen = if s.extreme {
        (0..n).collect()
    } else {
        draw(r, subsequence((0..n).collect::<Vec<_>>(), 0..=n))
    };
    let minutes = minutes(r, &table, s);
    Case {
        family,
        table,
        minutes,
        area,
        package,
        surcharges: chosen,
        balance_mh: None,
        trial: false,
    }
    .with_balance_trial_and_top_up(r, s)
}

/// A table's terms without areas, packages or surcharges: price basis, VAT rate
/// (drawn for a § 19 table too, and left out), base rate, billing increment and
/// minimum per task.
fn terms(r: &mut TestRunner, s: Scale) -> RateTable {
    let basis = draw(
        r,
        select(
            &[
                PriceBasis::Net,
                PriceBasis::Gross,
                PriceBasis::Kleinunternehmer,
            ][..],
        ),
    );
    let vat = vat_rate(r, s);
    let base = draw(r, proptest::bool::weighted(0.9)).then(|| money(r, s));
    let inc = draw(
        r,
        prop_oneof![select(&[1_u32, 5, 6, 10, 15, 30, 60][..]), 1..=60_u32],
    );
    let minimum = draw(
        r,
        prop_oneof![
            2 => Just(None),
            1 => Just(Some(inc)),
            1 => Just(Some(inc.max(60))),
            2 => (inc..=1440_u32).prop_map(Some),
        ],
    );
    crate::support::rate_table((basis, vat, base, inc, minimum))
}

/// One to four areas: `a0` at factor 1.0, the others at any valid factor.
fn areas(r: &mut TestRunner, s: Scale) -> Vec<Area> {
    let mut areas = vec![Area {
        id: "a0".to_owned(),
        label: "A0".to_owned(),
        factor: Factor::ONE,
        approval_required: false,
    }];
    for i in 1..draw(r, 1..=4_usize) {
        areas.push(Area {
            id: format!("a{i}"),
            label: format!("A{i}"),
            factor: Factor(factor(r, s)),
            approval_required: false,
        });
    }
    areas
}

/// Up to three monthly packages; a few are free.
fn packages(r: &mut TestRunner, s: Scale) -> Vec<Package> {
    let mut packages = Vec::new();
    for i in 0..draw(r, 0..=3_usize) {
        let hours = if s.extreme {
            draw(r, prop_oneof![Just(1_u32), 1..=10_u32])
        } else {
            draw(
                r,
                prop_oneof![
                    Just(1_u32),
                    select(&[5_u32, 10, 20, 40, 100, 10_000][..]),
                    1..=10_000_u32,
                ],
            )
        };
        let price = if draw(r, proptest::bool::weighted(0.05)) {
            0
        } else {
            money(r, s)
        };
        packages.push(Package {
            id: format!("p{i}"),
            label: format!("P{i}"),
            hours,
            price: Money(price),
            period: Period::Month,
            valid_months: None,
            overage_hourly: None,
            rollover: None,
            top_up: None,
        });
    }
    packages
}

/// Up to five surcharges.
fn surcharges(r: &mut TestRunner, s: Scale) -> Vec<Surcharge> {
    let mut surcharges = Vec::new();
    for i in 0..draw(r, 0..=5_usize) {
        surcharges.push(Surcharge {
            id: format!("s{i}"),
            label: format!("S{i}"),
            percent: Percent(surcharge(r, s)),
            condition: None,
        });
    }
    surcharges
}

/// The minutes the reader enters: often at the edges of the table's increment and
/// minimum and of the scale, or none at all.
fn minutes(r: &mut TestRunner, table: &RateTable, s: Scale) -> u32 {
    let inc = table.billing_increment_min;
    let min = table.minimum_per_task_min.unwrap_or(0);
    let max = s.max_minutes;
    draw(
        r,
        prop_oneof![
            1 => Just(0_u32),
            1 => Just(1_u32),
            1 => Just(inc),
            1 => Just(inc + 1),
            1 => Just(inc - 1),
            1 => Just(min),
            1 => Just(min.saturating_sub(1)),
            1 => Just(max),
            2 => select(&[14_u32, 15, 16, 29, 30, 31, 50, 59, 60, 61, 90, 180, 600][..]),
            8 => 0..=max,
        ],
    )
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The smallest `x > 0` for which `a · x / d` is a whole number plus one half; every
/// odd multiple of it is one too. `None` if there is none.
fn half_step(a: i128, d: i128) -> Option<i128> {
    if a <= 0 {
        return None;
    }
    let g = gcd(2 * a, d);
    (2 * a / g % 2 == 1).then_some(d / g)
}

/// Whether `num / den` is exactly a whole number plus one half.
fn is_half(num: i128, den: i128) -> bool {
    2 * num % den == 0 && 2 * num / den % 2 == 1
}

/// An odd multiple of `step` up to `max`, small ones often.
fn odd_multiple(r: &mut TestRunner, step: i128, max: i128) -> Option<i128> {
    if step > max {
        return None;
    }
    let most = (max / step - 1) / 2; // 2k + 1 ≤ max / step
    let most = u64::try_from(most).expect("positive");
    let k = draw(r, prop_oneof![Just(0_u64), 0..=most.min(100), 0..=most]);
    Some(step * (2 * i128::from(k) + 1))
}

/// A generic case whose price is set so that the exact amount is x.5 cents.
fn half_cent_amount(r: &mut TestRunner) -> Case {
    loop {
        let mut case = generic(r, Family::HalfCentAmount, TYPICAL);
        let a = case.billable() * case.factor() * case.surcharge_factor();
        let d = 60 * 1000 * 10_000 * case.hours();
        let Some(step) = half_step(a, d) else {
            continue;
        };
        let Some(price) = odd_multiple(r, step, i128::from(TYPICAL.max_money)) else {
            continue;
        };
        case.set_price(price);
        let (num, den) = case.amount().expect("price set");
        assert!(is_half(num, den), "not a half cent: {case:?}");
        return case;
    }
}

/// A case whose VAT is exactly x.5 cents: either a generic job with a VAT rate chosen
/// to make it so, or a common rate with an amount chosen to make it so (one hour per
/// package hour at factor 1, without surcharges: the amount is the price).
fn half_cent_vat(r: &mut TestRunner) -> Case {
    loop {
        let mut case = generic(r, Family::HalfCentVat, TYPICAL);
        let basis = draw(r, select(&[PriceBasis::Net, PriceBasis::Gross][..]));
        case.table.price_basis = basis;
        let net = basis == PriceBasis::Net;
        if draw(r, any::<bool>()) {
            // Keep the job, choose the rate.
            if case.price().is_none() {
                case.table.base_hourly = Some(Money(money(r, TYPICAL)));
            }
            let (num, den) = case.amount().expect("price");
            let amount = (2 * num + den) / (2 * den);
            let rates: Vec<i128> = if net {
                // amount · rate / 10 000 = k + ½
                half_step(amount, 10_000).map_or_else(Vec::new, |step| {
                    (0..=10_000 / step)
                        .filter(|k| k % 2 == 1)
                        .map(|k| k * step)
                        .collect()
                })
            } else {
                // amount · rate / (10 000 + rate) = k + ½
                (0..=10_000)
                    .filter(|&rate| amount > 0 && is_half(amount * rate, 10_000 + rate))
                    .collect()
            };
            if rates.is_empty() {
                continue;
            }
            let pick = draw(r, any::<Index>()).get(&rates);
            case.table.vat_rate = Some(Percent(i64::try_from(*pick).expect("rate")));
        } else {
            // Keep the rate, choose the amount.
            let rate = i128::from(vat_rate(r, TYPICAL));
            let Some(step) = half_step(rate, if net { 10_000 } else { 10_000 + rate }) else {
                continue;
            };
            case.table.vat_rate = Some(Percent(i64::try_from(rate).expect("rate")));
            case.area = 0;
            case.surcharges.clear();
            let hours = u32::try_from(case.hours()).expect("hours");
            let inc = case.table.billing_increment_min;
            let billable = 60 * hours;
            if billable % inc != 0 || case.table.minimum_per_task_min > Some(billable) {
                continue;
            }
            case.minutes = billable - draw(r, 0..inc);
            let Some(price) = odd_multiple(r, step, i128::from(TYPICAL.max_money)) else {
                continue;
            };
            case.set_price(price);
        }
        let (num, den) = case.amount().expect("price");
        let amount = (2 * num + den) / (2 * den);
        let rate = i128::from(case.table.vat_rate.expect("rate").0);
        let vat_den = if net { 10_000 } else { 10_000 + rate };
        assert!(is_half(amount * rate, vat_den), "not a half cent: {case:?}");
        return case;
    }
}

/// A case whose consumed hours are exactly x.005 hours: billable minutes chosen for
/// the factor, the increment a divisor of them.
fn half_hundredth_hour(r: &mut TestRunner) -> Case {
    loop {
        let mut case = generic(r, Family::HalfHundredthHour, TYPICAL);
        if case.price().is_none() {
            case.table.base_hourly = Some(Money(money(r, TYPICAL)));
        }
        // billable · factor / 600 = k + ½
        let Some(step) = half_step(case.factor(), 600) else {
            continue;
        };
        let Some(billable) = odd_multiple(r, step, 20_000) else {
            continue;
        };
        let billable = u32::try_from(billable).expect("minutes");
        let divisors: Vec<u32> = (1..=60).filter(|d| billable % d == 0).collect();
        let inc = *draw(r, any::<Index>()).get(&divisors);
        case.table.billing_increment_min = inc;
        case.table.minimum_per_task_min = if inc <= billable.min(1440) && draw(r, any::<bool>()) {
            Some(draw(r, inc..=billable.min(1440)))
        } else {
            None
        };
        case.minutes = billable - draw(r, 0..inc);
        assert!(is_half(case.billable() * case.factor(), 600));
        return case;
    }
}

/// The design's table (content-model §3.4) in all three price bases, with its two
/// worked examples and the minimum and increment around them.
fn fixed_cases() -> Vec<Case> {
    let mut out = Vec::new();
    for basis in [
        PriceBasis::Net,
        PriceBasis::Gross,
        PriceBasis::Kleinunternehmer,
    ] {
        let table = RateTable {
            currency: "EUR".to_owned(),
            price_basis: basis,
            vat_rate: (basis != PriceBasis::Kleinunternehmer).then_some(Percent(1900)),
            audience: RateAudience::B2b,
            valid_from: Date::new(2025, 1, 1).expect("date"),
            valid_until: None,
            applies_to: Vec::new(),
            base_hourly: Some(Money(4500)),
            billing_increment_min: 15,
            minimum_per_task_min: Some(15),
            notice: None,
            payment_terms: None,
            expenses: None,
            trial: None,
            trial_offer: None,
            areas: vec![
                Area {
                    id: "backoffice".to_owned(),
                    label: "Backoffice".to_owned(),
                    factor: Factor::ONE,
                    approval_required: false,
                },
                Area {
                    id: "marketing".to_owned(),
                    label: "Marketing".to_owned(),
                    factor: Factor(1500),
                    approval_required: false,
                },
            ],
            packages: vec![Package {
                id: "m".to_owned(),
                label: "M".to_owned(),
                hours: 20,
                price: Money(78_000),
                period: Period::Month,
                valid_months: None,
                overage_hourly: None,
                rollover: None,
                top_up: None,
            }],
            surcharges: vec![Surcharge {
                id: "eil".to_owned(),
                label: "Eilauftrag".to_owned(),
                percent: Percent(5000),
                condition: None,
            }],
            units: Vec::new(),
        };
        for (minutes, area, package, surcharges) in [
            (50, 0, None, vec![]),
            (90, 1, Some(0), vec![0]),
            (0, 0, None, vec![]),
            (1, 0, None, vec![]),
            (15, 0, None, vec![]),
            (16, 1, None, vec![0]),
            (60, 1, Some(0), vec![]),
        ] {
            out.push(Case {
                family: Family::Fixed,
                table: table.clone(),
                minutes,
                area,
                package,
                surcharges,
                balance_mh: (package.is_some() && minutes == 60).then_some(500),
                trial: false,
            });
        }
    }
    out
}

fn generate() -> Vec<Case> {
    let mut r = runner();
    let mut cases = fixed_cases();
    for &(family, count) in FAMILIES {
        for _ in 0..count {
            cases.push(match family {
                Family::Fixed => unreachable!("not generated"),
                Family::Typical => generic(&mut r, family, TYPICAL),
                Family::Large => generic(&mut r, family, LARGE),
                Family::Long => generic(&mut r, family, LONG),
                Family::HalfCentAmount => half_cent_amount(&mut r),
                Family::HalfCentVat => half_cent_vat(&mut r),
                Family::HalfHundredthHour => half_hundredth_hour(&mut r),
            });
        }
    }
    cases
}

// ---------------------------------------------------------------------------------
// The calculator data of the build
// ---------------------------------------------------------------------------------

const SITE_TOML: &str = r#"
title = "Rechner"
base_url = "https://example.com"
default_lang = "de"

[languages.de]
name = "Deutsch"

[agency]
name = "Agentur"
owner = "Vorname Nachname"
street = "Straße 1"
postcode = "12345"
city = "Stadt"
email = "kontakt@example.com"
phone = "+49 123 456789"
tax_mode = "regelbesteuert"
"#;

fn case_id(i: usize) -> String {
    format!("c{i:05}")
}

/// The calculator data the build writes for each case's table: one site with a rate
/// table item per case, and the `table` of each entry of its `rates.json`.
fn calculator_tables(cases: &[Case]) -> BTreeMap<String, Value> {
    let mut sources = Sources::new();
    let file = sources.add("site.toml", SITE_TOML);
    let mut diags = Diagnostics::new();
    let config = SiteConfig::load(file, SITE_TOML, &mut diags)
        .unwrap_or_else(|| panic!("the test's site.toml does not load: {diags:?}"));
    assert!(
        diags.is_empty(),
        "the test's site.toml has problems: {diags:?}"
    );
    let items = cases
        .iter()
        .enumerate()
        .map(|(i, case)| Item {
            kind: Kind::Rate,
            id: case_id(i),
            lang: "de".to_owned(),
            title: format!("Fall {i}"),
            summary: Some("Ein erzeugter Fall.".to_owned()),
            meta: Meta::default(),
            data: Data::Rate(case.table.clone()),
            body: Body {
                file,
                offset: 0,
                len: 0,
            },
            file,
            base_file: file,
        })
        .collect();
    let date = Date::new(2025, 6, 1).expect("date");
    let site = Site::new(config, items, HashSet::new(), date, false, 0);
    let rates = vpagen::render::data_files(&site)
        .into_iter()
        .find(|f| f.path == "rates.json")
        .expect("the build writes rates.json");
    let rates: Value = serde_json::from_slice(&rates.bytes).expect("rates.json is JSON");
    let tables: BTreeMap<String, Value> = rates["rates"]
        .as_array()
        .expect("rates.json has a rates array")
        .iter()
        .map(|rate| {
            let id = rate["id"].as_str().expect("rate id").to_owned();
            (id, rate["table"].clone())
        })
        .collect();
    assert_eq!(tables.len(), cases.len(), "rates.json lacks tables");
    tables
}

// ---------------------------------------------------------------------------------
// The comparison
// ---------------------------------------------------------------------------------

/// An answer as `compare.mjs` prints it: every field, nested ones as `split.net`,
/// every number as a decimal string, `null` as "null".
type Fields = BTreeMap<String, String>;

fn flatten(v: &Value) -> Fields {
    fn walk(prefix: &str, v: &Value, out: &mut Fields) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    walk(&key, v, out);
                }
            }
            // Money serialises as a decimal ("45.00"); the browser's answer is in cents.
            Value::String(s) => {
                let cents = match s.split_once('.') {
                    Some((whole, frac))
                        if frac.len() == 2 && format!("{whole}{frac}").parse::<i64>().is_ok() =>
                    {
                        format!("{whole}{frac}")
                            .parse::<i64>()
                            .map_or_else(|_| s.clone(), |c| c.to_string())
                    }
                    _ => s.clone(),
                };
                out.insert(prefix.to_owned(), cents);
            }
            other => {
                out.insert(prefix.to_owned(), other.to_string());
            }
        }
    }
    let mut out = Fields::new();
    walk("", v, &mut out);
    out
}

/// `(name, rust, js)` of every field that differs.
fn differences(rust: &Fields, js: &Fields) -> Vec<(String, String, String)> {
    let keys: std::collections::BTreeSet<&String> = rust.keys().chain(js.keys()).collect();
    let get = |f: &Fields, k: &String| f.get(k).cloned().unwrap_or_else(|| "(missing)".to_owned());
    keys.into_iter()
        .map(|k| (k.clone(), get(rust, k), get(js, k)))
        .filter(|(_, a, b)| a != b)
        .collect()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsResult {
    id: String,
    priced: Option<Fields>,
}

/// What the cases cover, counted on the cases themselves.
#[derive(Debug, Default)]
struct Coverage {
    by_basis: BTreeMap<&'static str, usize>,
    by_surcharge_count: BTreeMap<usize, usize>,
    packages: usize,
    base_rate: usize,
    no_price: usize,
    vat_rates: HashSet<i64>,
    increments: HashSet<u32>,
    with_minimum: usize,
    below_minimum: usize,
    half_cent_amount: usize,
    half_cent_vat: usize,
    half_hundredth_hour: usize,
    max_money: usize,
    over_2_pow_53: usize,
}

fn coverage(cases: &[Case]) -> Coverage {
    let mut c = Coverage::default();
    for case in cases {
        let t = &case.table;
        let basis = match t.price_basis {
            PriceBasis::Net => "net",
            PriceBasis::Gross => "gross",
            PriceBasis::Kleinunternehmer => "kleinunternehmer",
        };
        *c.by_basis.entry(basis).or_default() += 1;
        *c.by_surcharge_count
            .entry(case.surcharges.len().min(3))
            .or_default() += 1;
        if let Some(p) = t.vat_rate {
            c.vat_rates.insert(p.0);
        }
        c.increments.insert(t.billing_increment_min);
        if let Some(min) = t.minimum_per_task_min {
            c.with_minimum += 1;
            if case.minutes < min {
                c.below_minimum += 1;
            }
        }
        if case.price() == Some(i128::from(MAX_MONEY)) {
            c.max_money += 1;
        }
        let Some((num, den)) = case.amount() else {
            c.no_price += 1;
            continue;
        };
        if case.package.is_some() {
            c.packages += 1;
        } else {
            c.base_rate += 1;
        }
        if is_half(num, den) {
            c.half_cent_amount += 1;
        }
        let amount = (2 * num + den) / (2 * den);
        let rate = i128::from(t.vat_rate.map_or(0, |p| p.0));
        let half_vat = match t.price_basis {
            PriceBasis::Net => is_half(amount * rate, 10_000),
            PriceBasis::Gross => is_half(amount * rate, 10_000 + rate),
            PriceBasis::Kleinunternehmer => false,
        };
        if half_vat {
            c.half_cent_vat += 1;
        }
        if is_half(case.billable() * case.factor(), 600) {
            c.half_hundredth_hour += 1;
        }
        if amount > 1 << 53 {
            c.over_2_pow_53 += 1;
        }
    }
    c
}

/// The generated cases reach every corner they are meant to.
#[test]
fn generated_cases_cover_the_rule() {
    let cases = generate();
    assert_eq!(cases.len(), CASES + fixed_cases().len());
    let c = coverage(&cases);
    for basis in ["net", "gross", "kleinunternehmer"] {
        assert!(c.by_basis.get(basis) > Some(&500), "{basis}: {c:?}");
    }
    for count in 0..=3 {
        assert!(
            c.by_surcharge_count.get(&count) > Some(&300),
            "{count} surcharges: {c:?}"
        );
    }
    assert!(
        c.packages > 1000 && c.base_rate > 1000 && c.no_price > 50,
        "{c:?}"
    );
    assert!(c.vat_rates.len() > 500 && c.increments.len() == 60, "{c:?}");
    assert!(c.with_minimum > 1000 && c.below_minimum > 300, "{c:?}");
    assert!(c.half_cent_amount >= 500, "{c:?}");
    assert!(c.half_cent_vat >= 400, "{c:?}");
    assert!(c.half_hundredth_hour >= 100, "{c:?}");
    assert!(c.max_money > 50 && c.over_2_pow_53 > 50, "{c:?}");
}

/// The same cases twice: the seed alone decides them.
#[test]
fn generated_cases_are_fixed() {
    let a = generate();
    let b = generate();
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
}

/// Every case: billable minutes, consumed hours, price per hour, net, VAT (or none)
/// and gross of the browser's rule equal those of `vpagen::pricing`, or both have no
/// price.
#[test]
fn browser_calculator_matches_pricing() {
    let cases = generate();
    let tables = calculator_tables(&cases);
    let rust: Vec<Option<Fields>> = cases.iter().map(Case::priced).collect();

    let input: Vec<Value> = cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            let id = case_id(i);
            json!({
                "id": id,
                "family": format!("{:?}", case.family),
                "table": tables[&id],
                "request": case.request(),
                "rust": rust[i],
            })
        })
        .collect();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cases.json");
    fs::write(&path, serde_json::to_vec(&input).expect("cases as JSON")).expect("write cases");

    let stdout = node(
        "tests/calculator/compare.mjs",
        [&path],
        "calculator parity test",
    );
    let js: Vec<JsResult> =
        serde_json::from_slice(&stdout).expect("compare.mjs prints a JSON array");
    assert_eq!(
        js.len(),
        cases.len(),
        "compare.mjs priced a different number of cases"
    );

    let mut mismatches = Vec::new();
    for (i, (want, got)) in rust.iter().zip(&js).enumerate() {
        assert_eq!(got.id, case_id(i), "compare.mjs answered out of order");
        let differences = match (want, &got.priced) {
            (Some(w), Some(g)) => differences(w, g),
            (None, None) => Vec::new(),
            (w, g) => vec![(
                "priced".to_owned(),
                if w.is_some() { "a price" } else { "null" }.to_owned(),
                if g.is_some() { "a price" } else { "null" }.to_owned(),
            )],
        };
        if !differences.is_empty() {
            mismatches.push((i, differences));
        }
    }
    if !mismatches.is_empty() {
        let mut report = format!(
            "the browser calculator disagrees with vpagen::pricing on {} of {} cases:\n",
            mismatches.len(),
            cases.len()
        );
        for (i, differences) in mismatches.iter().take(SHOW) {
            let mut case = input[*i].clone();
            let js_quote = js[*i].priced.clone();
            if let Some(obj) = case.as_object_mut() {
                obj.insert("js".to_owned(), json!(js_quote));
            }
            let _ = writeln!(report, "\n{}:", case_id(*i));
            for (field, rust, js) in differences {
                let _ = writeln!(report, "  {field}: rust {rust}, js {js}");
            }
            let _ = writeln!(report, "  {case}");
        }
        panic!("{report}");
    }
}
