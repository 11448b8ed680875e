//! How a language writes numbers, money, hours and dates: one [`Locale`] per language
//! code, the only place that decides by language. `vpagen.js` mirrors it in
//! `js/locale.js` for the calculator.

use std::fmt::Write as _;

use crate::util::Date;

/// The writing conventions of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    /// German (`de`): `1.234,50 €`, `19 %`, `01.12.2026`.
    German,
    /// English, and every language without conventions of its own: `€1,234.50`,
    /// `19%`, `1 Dec 2026`.
    English,
}

impl Locale {
    /// The locale of a language code: German for `de`, English otherwise (the search
    /// index, its stemmers and the browser's `locale.js` decide the same way).
    pub fn of(lang: &str) -> Locale {
        if lang == "de" {
            Locale::German
        } else {
            Locale::English
        }
    }

    /// Whether this is German (for the few words the engine writes itself).
    pub fn is_german(self) -> bool {
        self == Locale::German
    }

    /// The decimal separator.
    pub fn decimal_point(self) -> char {
        match self {
            Locale::German => ',',
            Locale::English => '.',
        }
    }

    /// The thousands separator.
    pub fn thousands(self) -> char {
        match self {
            Locale::German => '.',
            Locale::English => ',',
        }
    }

    /// A fixed-point number (`value` in units of 10^-`digits`) without trailing zeros:
    /// `1,5`, `19`, `7,25`.
    pub fn decimal(self, value: i64, digits: u32) -> String {
        let scale = 10_i64.pow(digits);
        let int = value / scale;
        let mut frac = format!("{:0width$}", value % scale, width = digits as usize);
        while frac.ends_with('0') {
            frac.pop();
        }
        if frac.is_empty() {
            int.to_string()
        } else {
            format!("{int}{}{frac}", self.decimal_point())
        }
    }

    /// An amount in cents: `1.234,50 €` / `€1,234.50`, negative with `−`.
    pub fn money(self, cents: i64) -> String {
        let (int, cents_part) = (cents.abs() / 100, cents.abs() % 100);
        let sign = if cents < 0 { "−" } else { "" };
        let int = group_thousands(int, self.thousands());
        match self {
            Locale::German => format!("{sign}{int},{cents_part:02} €"),
            Locale::English => format!("{sign}€{int}.{cents_part:02}"),
        }
    }

    /// A percentage in hundredths of a percent: `19 %` / `19%`.
    pub fn percent(self, hundredths: i64) -> String {
        let n = self.decimal(hundredths, 2);
        match self {
            Locale::German => format!("{n} %"),
            Locale::English => format!("{n}%"),
        }
    }

    /// Thousandths of an hour with two decimals, three when needed: `3,375`, `1,00`.
    pub fn hours(self, thousandths: i64) -> String {
        let point = self.decimal_point();
        let (whole, frac) = (thousandths / 1000, thousandths % 1000);
        if frac % 10 == 0 {
            format!("{whole}{point}{:02}", frac / 10)
        } else {
            format!("{whole}{point}{frac:03}")
        }
    }

    /// A date: `01.12.2026` / `1 Dec 2026`.
    pub fn date(self, d: Date) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        match self {
            Locale::German => format!("{:02}.{:02}.{}", d.day(), d.month(), d.year()),
            Locale::English => format!(
                "{} {} {}",
                d.day(),
                MONTHS[usize::from(d.month().saturating_sub(1)).min(11)],
                d.year()
            ),
        }
    }
}

/// `1234567` as `1.234.567` with `sep` between groups of three.
fn group_thousands(mut n: i64, sep: char) -> String {
    let mut groups = Vec::new();
    loop {
        groups.push(n % 1000);
        n /= 1000;
        if n == 0 {
            break;
        }
    }
    let mut out = groups.pop().map(|g| g.to_string()).unwrap_or_default();
    while let Some(g) = groups.pop() {
        out.push(sep);
        let _ = write!(out, "{g:03}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Locale;
    use crate::util::Date;

    #[test]
    fn languages_map_to_locales() {
        assert_eq!(Locale::of("de"), Locale::German);
        assert_eq!(Locale::of("de-AT"), Locale::English);
        assert_eq!(Locale::of("en"), Locale::English);
        assert_eq!(Locale::of("fr"), Locale::English);
        assert_eq!(Locale::of("dex"), Locale::English);
    }

    #[test]
    fn numbers_money_hours_and_dates() {
        let (de, en) = (Locale::German, Locale::English);
        assert_eq!(de.decimal(1500, 3), "1,5");
        assert_eq!(en.decimal(19_00, 2), "19");
        assert_eq!(de.money(123_456), "1.234,56 €");
        assert_eq!(en.money(-100_000_000), "−€1,000,000.00");
        assert_eq!(de.percent(750), "7,5 %");
        assert_eq!(en.percent(1900), "19%");
        assert_eq!(de.hours(3375), "3,375");
        assert_eq!(en.hours(1000), "1.00");
        let d: Date = "2026-12-01".parse().expect("date");
        assert_eq!(de.date(d), "01.12.2026");
        assert_eq!(en.date(d), "1 Dec 2026");
    }
}
