//! The worked examples of a rate table: requests chosen to show every rule the table
//! uses, each priced by [`super::price`]. The rate page shows them, `rates.json`
//! carries them, and the browser test checks the calculator against each.

use serde::Serialize;

use super::{Priced, Request, price};
use crate::content::raw::Period;
use crate::content::types::RateTable;
use crate::content::values::Factor;

/// A request and its price.
#[derive(Debug, Clone, Serialize)]
pub struct Worked {
    /// What was asked.
    pub request: Request,
    /// What [`super::price`] answered.
    pub priced: Priced,
}

/// The worked examples of a table, in this order:
/// - jobs at the base rate: 50 minutes of standard work (rounding and minimum), and
///   3 hours in each area;
/// - with a trial, 3 hours of standard work in the trial;
/// - 90 minutes from each package in the dearest area with the first surcharge (the
///   design's second example), and 3 hours with 1 hour left in the first package
///   (overage or a top-up);
/// - each unit below its minimum and at three times it (a minimum of one: once; no
///   minimum: 1 and 10 units);
/// - each monthly package in a quiet month (what rolls over) and in a busy month after
///   one with hours carried over (overage or top-ups).
pub fn worked(t: &RateTable) -> Vec<Worked> {
    let mut requests = Vec::new();
    let job = |minutes, area: usize, package: Option<usize>, surcharges: bool| Request::Job {
        minutes,
        area: t.areas[area].id.clone(),
        package: package.map(|p| t.packages[p].id.clone()),
        balance_mh: None,
        surcharges: if surcharges {
            t.surcharges.iter().take(1).map(|s| s.id.clone()).collect()
        } else {
            Vec::new()
        },
        trial: false,
    };
    let standard = t.areas.iter().position(|a| a.factor == Factor::ONE);
    if t.base_hourly.is_some() {
        requests.extend(standard.map(|s| job(50, s, None, false)));
        for area in 0..t.areas.len() {
            requests.push(job(180, area, None, false));
        }
        if let (Some(s), Some(_)) = (standard, t.trial_offer) {
            let mut r = job(180, s, None, false);
            if let Request::Job { trial, .. } = &mut r {
                *trial = true;
            }
            requests.push(r);
        }
    }
    let dearest = (0..t.areas.len()).rev().max_by_key(|&i| t.areas[i].factor);
    if let Some(area) = dearest {
        requests.extend((0..t.packages.len()).map(|p| job(90, area, Some(p), true)));
        if !t.packages.is_empty() {
            let mut r = job(180, area, Some(0), false);
            if let Request::Job { balance_mh, .. } = &mut r {
                *balance_mh = Some(1000);
            }
            requests.push(r);
        }
    }
    for u in &t.units {
        // Below the minimum, then three times it; a minimum of one is a fee per order,
        // shown once; without a minimum, one unit and ten.
        let counts = match u.minimum_units {
            Some(1) => vec![1],
            Some(min) if min > 1 => vec![min - 1, min * 3],
            _ => vec![1, 10],
        };
        requests.extend(counts.into_iter().map(|count| Request::Units {
            unit: u.id.clone(),
            count,
        }));
    }
    for p in t.packages.iter().filter(|p| p.period == Period::Month) {
        let own = i64::from(p.hours) * 1000;
        requests.push(Request::Month {
            package: p.id.clone(),
            used_mh: own - own.min(3500),
            carried_mh: 0,
        });
        requests.push(Request::Month {
            package: p.id.clone(),
            used_mh: own + 3250,
            carried_mh: if p.rollover.is_some() { 1000 } else { 0 },
        });
    }
    requests
        .into_iter()
        .filter_map(|request| {
            let priced = price(t, &request).ok()?;
            Some(Worked { request, priced })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixture::table;
    use super::*;
    use crate::content::raw::PriceBasis;

    #[test]
    fn every_rule_of_the_table_has_an_example() {
        let t = table(PriceBasis::Net);
        let w = worked(&t);
        let kinds = |k: &str| {
            w.iter()
                .filter(|x| serde_json::to_value(&x.request).unwrap()["kind"] == k)
                .count()
        };
        // 1 + 1 per area; 2 packages + 1 overage
        assert_eq!(kinds("job"), 1 + 2 + 2 + 1);
        assert_eq!(kinds("units"), 2);
        assert_eq!(kinds("month"), 4);
        let overage = w
            .iter()
            .find_map(|x| match &x.priced {
                Priced::Job(q) if q.overage_mh > 0 => Some(q),
                _ => None,
            })
            .expect("an overage example");
        assert!(overage.split.net.0 > 0);
    }
}
