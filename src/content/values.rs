//! Typed values written as strings in front matter: money, factors, percentages and
//! durations. None of them ever passes through a float.

use std::fmt;
use std::str::FromStr;

use crate::locale::Locale;

/// An amount of money in integer cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub i64);

/// A decimal with a fixed number of fractional digits, stored as an integer.
fn parse_fixed(s: &str, max_frac: u32) -> Option<i64> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || (s.contains('.') && frac.is_empty())
        || frac.len() > max_frac as usize
        || int.len() > 12
    {
        return None;
    }
    let scale = 10_i64.pow(max_frac);
    let int: i64 = int.parse().ok()?;
    let mut frac_value: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    for _ in frac.len()..max_frac as usize {
        frac_value *= 10;
    }
    int.checked_mul(scale)?.checked_add(frac_value)
}

/// Why a decimal that [`parse_fixed`] refused cannot be read, when the reason is not
/// its form: it is negative, or it has more whole digits than fit.
fn out_of_range(s: &str, max_frac: u32) -> Option<String> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    if s.starts_with('-') {
        return Some(format!("`{s}` is negative"));
    }
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    (int.len() > 12 && !frac.contains('.') && frac.len() <= max_frac as usize)
        .then(|| format!("`{s}` is too large: at most 12 digits before the dot"))
}

impl FromStr for Money {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_fixed(s, 2).map(Money).ok_or_else(|| {
            out_of_range(s, 2).map_or_else(
                || format!("`{s}` is not an amount of money; write euros and cents with a dot, e.g. \"42.50\""),
                |why| format!("{why}; an amount of money is written like \"42.50\""),
            )
        })
    }
}

impl fmt::Display for Money {
    /// Plain machine form, `1234.50`; locale formatting happens in the theme.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "{sign}{}.{:02}", self.0.abs() / 100, self.0.abs() % 100)
    }
}

impl Money {
    /// German format: `1.234,50 €`.
    pub fn format_de(self) -> String {
        Locale::German.money(self.0)
    }

    /// English format: `€1,234.50`.
    pub fn format_en(self) -> String {
        Locale::English.money(self.0)
    }

    /// Formatted for a language code (see [`Locale::of`]).
    pub fn format(self, lang: &str) -> String {
        Locale::of(lang).money(self.0)
    }
}

/// A decimal with up to three fractional digits (area factors), in thousandths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Factor(pub i64);

impl FromStr for Factor {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_fixed(s, 3).map(Factor).ok_or_else(|| {
            out_of_range(s, 3).map_or_else(
                || format!("`{s}` is not a factor; write a decimal with a dot, e.g. \"1.5\""),
                |why| format!("{why}; a factor is written like \"1.5\""),
            )
        })
    }
}

impl Factor {
    /// The neutral factor 1.0.
    pub const ONE: Factor = Factor(1000);

    /// Formatted with a decimal comma (`de`) or point and at least one decimal:
    /// `1,0`, `1,5`, `1,25`.
    pub fn format(self, lang: &str) -> String {
        let locale = Locale::of(lang);
        let text = locale.decimal(self.0, 3);
        if text.contains(locale.decimal_point()) {
            text
        } else {
            format!("{text}{}0", locale.decimal_point())
        }
    }
}

/// A percentage with up to two fractional digits, in hundredths of a percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percent(pub i64);

impl FromStr for Percent {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_fixed(s, 2).map(Percent).ok_or_else(|| {
            out_of_range(s, 2).map_or_else(
                || format!("`{s}` is not a percentage; write a number without the % sign, e.g. \"19\" or \"7.5\""),
                |why| format!("{why}; a percentage is written like \"19\" or \"7.5\""),
            )
        })
    }
}

impl Percent {
    /// Formatted as `19 %` (`de`) or `19%`.
    pub fn format(self, lang: &str) -> String {
        Locale::of(lang).percent(self.0)
    }
}

/// Unit of a [`Duration`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DurationUnit {
    /// Minutes.
    Minutes,
    /// Hours.
    Hours,
    /// Business days.
    BusinessDays,
    /// Calendar days.
    Days,
    /// Weeks.
    Weeks,
}

/// A duration such as `15min`, `4h`, `2bd` (business days), `3d` or `1w`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Duration {
    /// How many units.
    pub amount: u32,
    /// Which unit.
    pub unit: DurationUnit,
}

impl FromStr for Duration {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        let (amount, unit) = s.split_at(digits);
        let unit = match unit {
            "min" => DurationUnit::Minutes,
            "h" => DurationUnit::Hours,
            "bd" => DurationUnit::BusinessDays,
            "d" => DurationUnit::Days,
            "w" => DurationUnit::Weeks,
            _ => {
                return Err(format!(
                    "`{s}` is not a duration; write a whole number and a unit: min, h, bd (business days), d or w, e.g. \"2bd\""
                ));
            }
        };
        if amount.is_empty() {
            return Err(format!("`{s}` has no number; write e.g. \"4h\""));
        }
        let amount: u32 = amount
            .parse()
            .map_err(|_| format!("`{s}` is too large: at most {} of a unit", u32::MAX))?;
        if amount == 0 {
            return Err(format!(
                "`{s}` is no time at all; write at least 1, e.g. \"1{}\"",
                &s[digits..]
            ));
        }
        Ok(Duration { amount, unit })
    }
}

impl Duration {
    /// Human text in a language: `2 Werktage` / `2 business days`.
    pub fn format(self, lang: &str) -> String {
        let n = self.amount;
        let one = n == 1;
        let word = match (Locale::of(lang).is_german(), self.unit, one) {
            (true, DurationUnit::Minutes, _) => "Minuten",
            (true, DurationUnit::Hours, true) => "Stunde",
            (true, DurationUnit::Hours, false) => "Stunden",
            (true, DurationUnit::BusinessDays, true) => "Werktag",
            (true, DurationUnit::BusinessDays, false) => "Werktage",
            (true, DurationUnit::Days, true) => "Tag",
            (true, DurationUnit::Days, false) => "Tage",
            (true, DurationUnit::Weeks, true) => "Woche",
            (true, DurationUnit::Weeks, false) => "Wochen",
            (false, DurationUnit::Minutes, true) => "minute",
            (false, DurationUnit::Minutes, false) => "minutes",
            (false, DurationUnit::Hours, true) => "hour",
            (false, DurationUnit::Hours, false) => "hours",
            (false, DurationUnit::BusinessDays, true) => "business day",
            (false, DurationUnit::BusinessDays, false) => "business days",
            (false, DurationUnit::Days, true) => "day",
            (false, DurationUnit::Days, false) => "days",
            (false, DurationUnit::Weeks, true) => "week",
            (false, DurationUnit::Weeks, false) => "weeks",
        };
        format!("{n} {word}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_parses_to_cents() {
        assert_eq!("42.00".parse::<Money>(), Ok(Money(4200)));
        assert_eq!("42.5".parse::<Money>(), Ok(Money(4250)));
        assert_eq!("7".parse::<Money>(), Ok(Money(700)));
        for bad in ["42,00", "4.555", "-1", "1e3", "", ".5", "5."] {
            assert!(bad.parse::<Money>().is_err(), "{bad}");
        }
    }

    #[test]
    fn money_formats_per_locale() {
        assert_eq!(Money(123_456).format_de(), "1.234,56 €");
        assert_eq!(Money(123_456).format_en(), "€1,234.56");
        assert_eq!(Money(5).format_de(), "0,05 €");
        assert_eq!(Money(100_000_000).format_en(), "€1,000,000.00");
    }

    #[test]
    fn factors_and_percent() {
        assert_eq!("1.5".parse::<Factor>(), Ok(Factor(1500)));
        assert_eq!(Factor(1500).format("de"), "1,5");
        assert_eq!("19".parse::<Percent>(), Ok(Percent(1900)));
        assert_eq!(Percent(750).format("de"), "7,5 %");
    }

    #[test]
    fn durations() {
        let d: Duration = "2bd".parse().unwrap();
        assert_eq!(d.unit, DurationUnit::BusinessDays);
        assert_eq!(d.format("de"), "2 Werktage");
        assert!("2 days".parse::<Duration>().is_err());
        assert!("h".parse::<Duration>().is_err());
        assert!("0min".parse::<Duration>().unwrap_err().contains("no time"));
        assert!(
            "4294967296w"
                .parse::<Duration>()
                .unwrap_err()
                .contains("too large")
        );
        assert!("-2bd".parse::<Duration>().is_err());
    }

    #[test]
    fn out_of_range_values_say_why() {
        let big = "99999999999999999999".parse::<Money>().unwrap_err();
        assert!(big.contains("too large"), "{big}");
        assert!("-5.00".parse::<Money>().unwrap_err().contains("negative"));
        assert!("-5".parse::<Percent>().unwrap_err().contains("negative"));
        assert!(
            "9999999999999"
                .parse::<Factor>()
                .unwrap_err()
                .contains("too large")
        );
        // Not a number at all: the message says how to write one.
        assert!("40,00".parse::<Money>().unwrap_err().contains("with a dot"));
        assert!("-".parse::<Money>().unwrap_err().contains("with a dot"));
        assert!("1.2.3".parse::<Money>().unwrap_err().contains("with a dot"));
    }
}
