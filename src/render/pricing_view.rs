//! A rate table's price rules as a reader sees them: the rules in plain words and the
//! worked examples of [`crate::pricing::examples`] as tables, in the page's language.

use serde::Serialize;

use super::views::ui_str;
use crate::content::raw::{Period, PriceBasis};
use crate::content::types::RateTable;
use crate::content::values::Money;
use crate::pricing::examples::Worked;
use crate::pricing::{JobQuote, MonthBill, Priced, Request, Split, UnitQuote};

/// One table of worked examples.
#[derive(Debug, Serialize)]
pub(super) struct ExampleTable {
    pub(super) caption: String,
    pub(super) head: Vec<String>,
    pub(super) rows: Vec<Vec<String>>,
    /// Per column: whether every cell is a number or an amount (aligned right).
    pub(super) num: Vec<bool>,
}

/// Fills `{name}` placeholders of a UI string.
pub(super) fn fill(ui: &toml::Table, key: &str, values: &[(&str, String)]) -> String {
    let mut s = ui_str(ui, key);
    for (name, value) in values {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

/// Thousandths of an hour as "3,375" or "1,00": two decimals, three when needed.
pub(super) fn hours(mh: i64, lang: &str) -> String {
    crate::locale::Locale::of(lang).hours(mh)
}

struct Ctx<'a> {
    r: &'a RateTable,
    lang: &'a str,
    ui: &'a toml::Table,
}

impl Ctx<'_> {
    fn money(&self, m: Money) -> String {
        m.format(self.lang)
    }
    fn h(&self, mh: i64) -> String {
        format!(
            "{} {}",
            hours(mh, self.lang),
            ui_str(self.ui, "hours_short")
        )
    }
    fn label<T>(list: &[T], id: &str, key: impl Fn(&T) -> (&str, &str)) -> String {
        list.iter()
            .map(key)
            .find(|(i, _)| *i == id)
            .map_or_else(|| id.to_owned(), |(_, l)| l.to_owned())
    }
    fn split_cells(&self, s: &Split) -> Vec<String> {
        // Under § 19 UStG net and gross are one amount: one column.
        if self.r.price_basis == PriceBasis::Kleinunternehmer {
            return vec![self.money(s.gross)];
        }
        let mut cells = vec![self.money(s.net)];
        if let Some(v) = s.vat {
            cells.push(self.money(v));
        }
        cells.push(self.money(s.gross));
        cells
    }
    fn split_head(&self) -> Vec<String> {
        if self.r.price_basis == PriceBasis::Kleinunternehmer {
            return vec![ui_str(self.ui, "price")];
        }
        let mut h = vec![ui_str(self.ui, "net")];
        if self.r.price_basis != PriceBasis::Kleinunternehmer {
            h.push(ui_str(self.ui, "vat"));
        }
        h.push(ui_str(self.ui, "gross"));
        h
    }
}

/// The worked examples grouped into tables: jobs at the hourly rate, jobs from a
/// package, unit prices and monthly bills.
pub(super) fn example_tables(
    r: &RateTable,
    worked: &[Worked],
    lang: &str,
    ui: &toml::Table,
) -> Vec<ExampleTable> {
    let c = Ctx { r, lang, ui };
    let mut hourly = Vec::new();
    let mut package = Vec::new();
    let mut units = Vec::new();
    let mut months = Vec::new();
    for w in worked {
        match (&w.request, &w.priced) {
            (Request::Job { package: None, .. }, Priced::Job(q)) => {
                hourly.push(hourly_row(&c, &w.request, q));
            }
            (Request::Job { .. }, Priced::Job(q)) => package.push(package_row(&c, &w.request, q)),
            (Request::Units { unit, .. }, Priced::Units(q)) => units.push(unit_row(&c, unit, q)),
            (
                Request::Month {
                    package,
                    carried_mh,
                    ..
                },
                Priced::Month(b),
            ) => {
                months.push(month_row(&c, package, *carried_mh, b));
            }
            _ => {}
        }
    }
    let s = |k: &str| ui_str(ui, k);
    let mut out = Vec::new();
    let mut push = |caption: &str, head: Vec<String>, rows: Vec<Vec<String>>| {
        if !rows.is_empty() {
            let num = (0..head.len())
                .map(|i| {
                    rows.iter().all(|r: &Vec<String>| {
                        r.get(i)
                            .and_then(|c| c.chars().next())
                            .is_some_and(|ch| ch.is_ascii_digit() || ch == '€' || ch == '−')
                    })
                })
                .collect();
            out.push(ExampleTable {
                caption: s(caption),
                head,
                rows,
                num,
            });
        }
    };
    let mut head = vec![
        s("example_input"),
        s("example_billable"),
        s("example_hours"),
    ];
    head.extend(c.split_head());
    push("examples_hourly", head, hourly);
    push(
        "examples_package",
        vec![
            s("example_input"),
            s("example_billable"),
            s("example_package_hours"),
            s("example_value"),
            s("example_on_top"),
        ],
        package,
    );
    let mut head = vec![s("unit"), s("example_ordered"), s("example_billed_units")];
    head.extend(c.split_head());
    push("examples_units", head, units);
    let mut head = vec![
        s("package"),
        s("example_month_used"),
        s("example_month_extra"),
    ];
    head.extend(c.split_head());
    head.extend([s("example_carried_out"), s("example_lapsed")]);
    push("examples_month", head, months);
    out
}

fn job_input(c: &Ctx<'_>, request: &Request) -> String {
    let Request::Job {
        minutes,
        area,
        package,
        balance_mh,
        surcharges,
        trial,
    } = request
    else {
        return String::new();
    };
    let mut parts = vec![
        format!("{minutes} {}", ui_str(c.ui, "minutes")),
        Ctx::label(&c.r.areas, area, |a| (a.id.as_str(), a.label.as_str())),
    ];
    if let Some(p) = package {
        parts.push(Ctx::label(&c.r.packages, p, |x| {
            (x.id.as_str(), x.label.as_str())
        }));
        if let Some(b) = balance_mh {
            parts.push(fill(c.ui, "example_balance", &[("hours", c.h(*b))]));
        }
    }
    parts.extend(
        surcharges
            .iter()
            .map(|x| Ctx::label(&c.r.surcharges, x, |s| (s.id.as_str(), s.label.as_str()))),
    );
    if *trial {
        parts.push(ui_str(c.ui, "trial"));
    }
    parts.join(" · ")
}

fn hourly_row(c: &Ctx<'_>, request: &Request, q: &JobQuote) -> Vec<String> {
    let mut input = job_input(c, request);
    if q.trial_minutes > 0 {
        input = format!(
            "{input} ({})",
            fill(
                c.ui,
                "example_trial_discount",
                &[("amount", c.money(q.trial_discount))]
            )
        );
    }
    let mut row = vec![
        input,
        format!("{} {}", q.billable_minutes, ui_str(c.ui, "minutes")),
        hours(q.hours_mh, c.lang),
    ];
    row.extend(c.split_cells(&q.split));
    row
}

fn package_row(c: &Ctx<'_>, request: &Request, q: &JobQuote) -> Vec<String> {
    let on_top = extra_text(c, q.top_ups, q.overage_mh, q.overage_hourly, q.split.net)
        .unwrap_or_else(|| ui_str(c.ui, "example_nothing_on_top"));
    vec![
        job_input(c, request),
        format!("{} {}", q.billable_minutes, ui_str(c.ui, "minutes")),
        hours(q.package_mh.unwrap_or(0), c.lang),
        q.package_value.map(|m| c.money(m)).unwrap_or_default(),
        on_top,
    ]
}

/// What is billed beyond a package: "2 × aufgestockt: 430,00 €" or "3,50 Std.
/// Zusatzstunden zu je 42,00 €: 147,00 €"; `None` when the package covers everything.
fn extra_text(
    c: &Ctx<'_>,
    top_ups: u32,
    overage_mh: i64,
    overage_hourly: Option<Money>,
    amount: Money,
) -> Option<String> {
    if top_ups > 0 {
        Some(fill(
            c.ui,
            "example_top_ups",
            &[("n", top_ups.to_string()), ("amount", c.money(amount))],
        ))
    } else if overage_mh > 0 {
        Some(fill(
            c.ui,
            "example_overage",
            &[
                ("hours", hours(overage_mh, c.lang)),
                (
                    "price",
                    overage_hourly.map(|m| c.money(m)).unwrap_or_default(),
                ),
                ("amount", c.money(amount)),
            ],
        ))
    } else {
        None
    }
}

fn unit_row(c: &Ctx<'_>, unit: &str, q: &UnitQuote) -> Vec<String> {
    let mut row = vec![
        Ctx::label(&c.r.units, unit, |u| (u.id.as_str(), u.label.as_str())),
        q.count.to_string(),
        q.billed_units.to_string(),
    ];
    row.extend(c.split_cells(&q.split));
    row
}

fn month_row(c: &Ctx<'_>, package: &str, carried_mh: i64, b: &MonthBill) -> Vec<String> {
    let used = if carried_mh > 0 {
        fill(
            c.ui,
            "example_month_used_carried",
            &[("hours", c.h(b.used_mh)), ("carried", c.h(carried_mh))],
        )
    } else {
        c.h(b.used_mh)
    };
    let extra = extra_text(c, b.top_ups, b.overage_mh, b.overage_hourly, b.extra)
        .unwrap_or_else(|| "–".to_owned());
    let mut row = vec![
        Ctx::label(&c.r.packages, package, |p| {
            (p.id.as_str(), p.label.as_str())
        }),
        used,
        extra,
    ];
    row.extend(c.split_cells(&b.split));
    row.extend([c.h(b.carried_out_mh), c.h(b.lapsed_mh)]);
    row
}

/// How the table's prices are computed, in plain words, one rule per entry: the
/// same rules as `crate::pricing`, for the rules this table uses.
pub(super) fn rules_in_words(r: &RateTable, lang: &str, ui: &toml::Table) -> Vec<String> {
    let mut out = Vec::new();
    let mins = |m: u32| format!("{m} {}", ui_str(ui, "minutes"));
    out.push(match r.minimum_per_task_min {
        Some(min) => fill(
            ui,
            "rule_increment_minimum",
            &[
                ("increment", mins(r.billing_increment_min)),
                ("minimum", mins(min)),
            ],
        ),
        None => fill(
            ui,
            "rule_increment",
            &[("increment", mins(r.billing_increment_min))],
        ),
    });
    if r.areas.len() > 1 {
        out.push(ui_str(ui, "rule_factor"));
    }
    if !r.surcharges.is_empty() {
        out.push(ui_str(ui, "rule_surcharges"));
    }
    if let (Some(t), Some(_)) = (r.trial_offer, r.base_hourly) {
        out.push(fill(
            ui,
            if t.hours == 1 {
                "rule_trial_one"
            } else {
                "rule_trial"
            },
            &[
                ("hours", t.hours.to_string()),
                ("discount", t.discount.format(lang)),
            ],
        ));
    }
    if !r.packages.is_empty() {
        out.push(ui_str(ui, "rule_package"));
        if r.packages.iter().any(|p| p.top_up.is_none()) {
            out.push(ui_str(ui, "rule_package_overage"));
        }
        if r.packages.iter().any(|p| p.top_up.is_some()) {
            out.push(ui_str(ui, "rule_package_top_up"));
        }
    }
    if r.packages.iter().any(|p| p.period == Period::Month) {
        out.push(ui_str(ui, "rule_rollover"));
    }
    if r.units
        .iter()
        .any(|u| u.minimum_units.is_some_and(|m| m > 1))
    {
        out.push(ui_str(ui, "rule_units_minimum"));
    }
    out.push(ui_str(
        ui,
        match r.price_basis {
            PriceBasis::Net => "rule_vat_net",
            PriceBasis::Gross => "rule_vat_gross",
            PriceBasis::Kleinunternehmer => "rule_vat_none",
        },
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::types::Trial;
    use crate::content::values::Percent;
    use crate::pricing::fixture::table;

    fn ui() -> toml::Table {
        toml::from_str(include_str!("../../themes/default/i18n/de.toml")).expect("de.toml")
    }

    #[test]
    fn the_rules_in_words_are_those_the_table_uses() {
        let mut t = table(PriceBasis::Net);
        let rules = rules_in_words(&t, "de", &ui());
        let has = |needle: &str| rules.iter().any(|r| r.contains(needle));
        assert!(has("mindestens 15 Min."), "{rules:?}");
        assert!(has("solange Ihr Guthaben reicht"), "packages: {rules:?}");
        assert!(has("Preis je Zusatzstunde"), "overage: {rules:?}");
        assert!(
            !has("Aufstockung (genannte"),
            "no top-up in this table: {rules:?}"
        );
        assert!(!has("Kennenlernen"), "no trial in this table: {rules:?}");
        t.trial_offer = Some(Trial {
            hours: 1,
            discount: Percent(5000),
        });
        t.price_basis = PriceBasis::Kleinunternehmer;
        let rules = rules_in_words(&t, "de", &ui());
        assert!(
            rules
                .iter()
                .any(|r| r.contains("auf die erste abgerechnete Stunde 50 % Rabatt")),
            "{rules:?}"
        );
        assert!(rules.iter().any(|r| r.contains("§ 19 UStG")), "{rules:?}");
    }

    #[test]
    fn hours_show_two_decimals_or_three_when_needed() {
        assert_eq!(hours(1000, "de"), "1,00");
        assert_eq!(hours(3375, "de"), "3,375");
        assert_eq!(hours(2250, "en"), "2.25");
    }
}
