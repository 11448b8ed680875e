//! A calendar date without time or zone, as front matter and `--date` use it.

use std::fmt;
use std::str::FromStr;
#[cfg(not(test))]
use std::time::{SystemTime, UNIX_EPOCH};

/// The environment variable that fixes today's date (seconds since 1970-01-01 UTC),
/// as defined by <https://reproducible-builds.org/specs/source-date-epoch/>.
pub(crate) const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// A proleptic Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// A date from its parts, if it exists.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month)
            .contains(&day)
            .then_some(Self { year, month, day })
    }

    /// Today's date in UTC: the day of `SOURCE_DATE_EPOCH` when that variable is set
    /// (seconds since 1970-01-01, the reproducible-builds convention), otherwise the
    /// day of the system clock. This is the only place that reads the clock.
    pub fn today() -> Result<Self, String> {
        match std::env::var_os(SOURCE_DATE_EPOCH) {
            Some(value) => Self::from_epoch_seconds(&value.to_string_lossy()),
            None => Ok(Self::from_clock()),
        }
    }

    /// The day of `seconds` since 1970-01-01 UTC, given as decimal digits.
    fn from_epoch_seconds(seconds: &str) -> Result<Self, String> {
        let secs = seconds
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|_| !seconds.trim().starts_with('+'))
            .and_then(|s| i64::try_from(s / 86_400).ok())
            .filter(|days| *days <= 2_932_896) // 9999-12-31
            .ok_or_else(|| {
                format!(
                    "{SOURCE_DATE_EPOCH}=`{seconds}` is not a number of seconds since 1970-01-01; \
                     set it to e.g. `$(date +%s)`, or unset it to use today's date"
                )
            })?;
        Ok(Self::from_days_since_epoch(secs))
    }

    /// The system clock's day in UTC.
    #[cfg(not(test))]
    #[allow(clippy::disallowed_methods)] // the one reading of the clock
    fn from_clock() -> Self {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Self::from_days_since_epoch(i64::try_from(secs / 86_400).unwrap_or(0))
    }

    /// Unit tests never depend on the day they run: they pass a date.
    #[cfg(test)]
    fn from_clock() -> Self {
        panic!("a unit test asked for today's date: pass a fixed `Date` or set {SOURCE_DATE_EPOCH}")
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    /// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.day
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{s}` is not a date of the form YYYY-MM-DD");
        let mut parts = s.splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let year = y.parse().map_err(|_| bad())?;
        let month = m.parse().map_err(|_| bad())?;
        let day = d.parse().map_err(|_| bad())?;
        Self::new(year, month, day).ok_or_else(|| format!("{s} does not exist in the calendar"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_epoch_round_trips() {
        for days in [-800_000, -1, 0, 59, 60, 365, 11_016, 20_000, 2_932_896] {
            let d = Date::from_days_since_epoch(days);
            assert_eq!(d.days_since_epoch(), days, "{d}");
        }
        let a = Date::new(2026, 6, 30).expect("date");
        let b = Date::new(2026, 11, 27).expect("date");
        assert_eq!(a.days_until(b), 150);
        assert_eq!(b.days_until(a), -150);
    }

    #[test]
    fn epoch_days_round_trip_known_dates() {
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(
            Date::from_days_since_epoch(20_420).to_string(),
            "2025-11-28"
        );
        assert_eq!(
            Date::from_days_since_epoch(11_016).to_string(),
            "2000-02-29"
        );
    }

    #[test]
    fn parses_and_rejects() {
        assert_eq!("2026-02-28".parse::<Date>().unwrap().day(), 28);
        assert!("2026-02-29".parse::<Date>().is_err());
        assert!("26-1-1".parse::<Date>().is_err());
    }

    #[test]
    fn epoch_seconds_give_their_utc_day() {
        let day = |s: &str| Date::from_epoch_seconds(s).map(|d| d.to_string());
        assert_eq!(day("0").as_deref(), Ok("1970-01-01"));
        assert_eq!(day("1764633599").as_deref(), Ok("2025-12-01"));
        assert_eq!(day("1764633600").as_deref(), Ok("2025-12-02"));
        assert_eq!(day(" 1893456000\n").as_deref(), Ok("2030-01-01"));
        for bad in [
            "",
            "-1",
            "+5",
            "1.5",
            "2030-01-01",
            "99999999999999999999",
            "253402300800",
        ] {
            let err = day(bad).expect_err(bad);
            assert!(err.contains("SOURCE_DATE_EPOCH"), "{err}");
        }
    }
}
