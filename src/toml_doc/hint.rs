//! Hints that show the author the line as TOML wants it: the key, and the value
//! rewritten. One function per kind of slip: a date written day.month.year, an
//! amount with a comma or without quotes, typographic quotes, text without quotes.

use std::ops::{Range, RangeInclusive};

/// Quotation marks of word processors and of keyboards set to German, English or
/// French; TOML reads only `"` and `'`.
pub(super) const TYPOGRAPHIC_QUOTES: [char; 8] = ['“', '”', '„', '‚', '‘', '’', '«', '»'];

/// The `key = value` line that holds byte `at` of `text`: the byte ranges of the key
/// and of the value (without a trailing comment). `None` on other lines.
pub(super) fn assignment_at(text: &str, at: usize) -> Option<(Range<usize>, Range<usize>)> {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = super::without_comment(&text[start..end]);
    let (key, value) = line.split_once('=')?;
    let trimmed = |part: &str, from: usize| {
        let lead = part.len() - part.trim_start().len();
        start + from + lead..start + from + lead + part.trim().len()
    };
    let (key, value) = (trimmed(key, 0), trimmed(value, key.len() + 1));
    (!key.is_empty() && !value.is_empty()).then_some((key, value))
}

/// A value at fault as written, with its key when it is the whole value of its
/// `key = value` line (not an element of an array or an inline table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Written<'t> {
    /// The key, when the value is all of the line's value.
    pub(super) key: Option<&'t str>,
    /// The value, quotes included.
    pub(super) value: &'t str,
}

impl<'t> Written<'t> {
    /// The value at `span` of `text`.
    pub(super) fn at(text: &'t str, span: Range<usize>) -> Option<Written<'t>> {
        let value = text.get(span.clone())?;
        let key = assignment_at(text, span.start)
            .filter(|(_, whole)| *whole == span)
            .map(|(key, _)| &text[key]);
        (!value.is_empty()).then_some(Written { key, value })
    }
}

/// A date written day.month.year, `31.12.2025` or `"31.12.2025"`, as YYYY-MM-DD.
pub(crate) fn german_date(value: &str) -> Option<String> {
    let parts: Vec<&str> = value.trim_matches(['"', '\'']).split('.').collect();
    let [day, month, year] = parts[..] else {
        return None;
    };
    let digits = |s: &str, len: RangeInclusive<usize>| {
        len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(day, 1..=2) && digits(month, 1..=2) && digits(year, 4..=4)) {
        return None;
    }
    let (day, month): (u8, u8) = (day.parse().ok()?, month.parse().ok()?);
    ((1..=31).contains(&day) && (1..=12).contains(&month))
        .then(|| format!("{year}-{month:02}-{day:02}"))
}

/// How to write the date `iso` (YYYY-MM-DD) for `key`.
pub(crate) fn date_help(key: &str, iso: &str) -> String {
    format!("write dates as YYYY-MM-DD: `{key} = {iso}`")
}

/// An amount as authors write it (`45.50`, `45,5`, `"1.234,50 €"`, `45`) in the form
/// vpagen reads, `45.50`; `None` when it does not read as an amount of euros.
fn amount(written: &str) -> Option<String> {
    let bare = written.trim().trim_matches('"').trim();
    let bare = bare
        .trim_end_matches("EUR")
        .trim_end_matches('€')
        .trim_start_matches('€')
        .trim();
    let decimal = if bare.contains(',') {
        bare.replace('.', "").replace(',', ".")
    } else {
        bare.to_owned()
    };
    let (int, frac) = decimal.split_once('.').unwrap_or((&decimal, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    // Money has at most 12 digits before the dot.
    (!int.is_empty() && int.len() <= 12 && digits(int) && digits(frac) && frac.len() <= 2)
        .then(|| format!("{int}.{frac:0<2}"))
}

/// How to write an amount of money for `key`; `written` is the value as it stands in
/// the file, quotes included. The amount itself is shown converted when it can be.
pub(crate) fn amount_help(key: &str, written: &str) -> String {
    let rule = "write amounts as a quoted string with a decimal point";
    match amount(written) {
        Some(amount) if written.trim() != format!("\"{amount}\"") => {
            format!("{rule}: `{key} = \"{amount}\"`")
        }
        _ => format!("{rule}, e.g. `{key} = \"42.50\"`"),
    }
}

/// The value with the typographic quotes that open or close its strings made
/// straight (`“Büro”` → `"Büro"`); `None` when there are none. A quote inside a
/// word (`Peter’s`) is an apostrophe and stays.
fn straight_quotes(value: &str) -> Option<String> {
    let chars: Vec<char> = value.chars().collect();
    let edge = |c: Option<&char>| c.is_none_or(|c| c.is_whitespace() || "[]{},=".contains(*c));
    let mut changed = false;
    let straight = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let before = i.checked_sub(1).and_then(|j| chars.get(j));
            if TYPOGRAPHIC_QUOTES.contains(&c) && (edge(before) || edge(chars.get(i + 1))) {
                changed = true;
                '"'
            } else {
                c
            }
        })
        .collect();
    changed.then_some(straight)
}

/// How to write a value set in typographic quotes; with the key and value of its
/// line, the line with straight quotes.
pub(super) fn quotes_help(assignment: Option<(&str, &str)>) -> String {
    assignment
        .and_then(|(key, value)| Some((key, straight_quotes(value)?)))
        .map_or_else(
            || "use straight quotes around text: \"…\"".to_owned(),
            |(key, value)| format!("use straight quotes: `{key} = {value}`"),
        )
}

/// How to write a number or a boolean where text belongs.
pub(super) fn text_help(written: Written<'_>) -> String {
    let value = written.value;
    match written.key {
        Some(key) => format!("write text in double quotes: `{key} = \"{value}\"`"),
        None => format!("write text in double quotes: `\"{value}\"`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_assignment_of_a_line_is_found_without_its_comment() {
        let text = "a = 1\n  base_hourly =  45,50 # netto\n[t]\n";
        let (key, value) = assignment_at(text, text.find("45").unwrap() + 3).unwrap();
        assert_eq!((&text[key], &text[value]), ("base_hourly", "45,50"));
        assert_eq!(assignment_at(text, text.len() - 2), None, "a table header");
    }

    #[test]
    fn a_value_has_its_key_only_when_it_is_the_whole_value() {
        let text = "n = 5\ntasks = [\"a\", 42]\n";
        let at = |needle: &str| {
            let start = text.find(needle).unwrap();
            Written::at(text, start..start + needle.len()).unwrap()
        };
        assert_eq!(at("5").key, Some("n"));
        assert_eq!(
            text_help(at("5")),
            "write text in double quotes: `n = \"5\"`"
        );
        assert_eq!(at("42").key, None);
        assert_eq!(text_help(at("42")), "write text in double quotes: `\"42\"`");
    }

    #[test]
    fn german_dates_become_iso_dates() {
        assert_eq!(german_date("31.12.2025").as_deref(), Some("2025-12-31"));
        assert_eq!(german_date("\"1.2.2026\"").as_deref(), Some("2026-02-01"));
        assert_eq!(german_date("12.31.2025"), None, "no month 31");
        assert_eq!(german_date("31.12.25"), None, "the century is not guessed");
        assert_eq!(german_date("2025-12-31"), None);
        assert_eq!(german_date("1.5"), None);
    }

    #[test]
    fn amounts_are_shown_converted_when_they_can_be() {
        let help = |written| amount_help("base_hourly", written);
        let rule = "write amounts as a quoted string with a decimal point";
        assert_eq!(help("45.50"), format!("{rule}: `base_hourly = \"45.50\"`"));
        assert_eq!(help("45"), format!("{rule}: `base_hourly = \"45.00\"`"));
        assert_eq!(
            help("\"45,5\""),
            format!("{rule}: `base_hourly = \"45.50\"`")
        );
        assert_eq!(
            help("\"1.234,50 €\""),
            format!("{rule}: `base_hourly = \"1234.50\"`")
        );
        assert_eq!(
            help("\"-5.00\""),
            format!("{rule}, e.g. `base_hourly = \"42.50\"`")
        );
        assert_eq!(
            help("\"99999999999999999999\""),
            format!("{rule}, e.g. `base_hourly = \"42.50\"`")
        );
        assert_eq!(
            help("\"42.505\""),
            format!("{rule}, e.g. `base_hourly = \"42.50\"`")
        );
    }

    #[test]
    fn typographic_quotes_around_strings_become_straight_ones() {
        assert_eq!(
            quotes_help(Some(("title", "„Telefonservice“"))),
            "use straight quotes: `title = \"Telefonservice\"`"
        );
        assert_eq!(quotes_help(None), "use straight quotes around text: \"…\"");
        assert_eq!(
            straight_quotes("[“Peter’s Büro”, ‚b‘]").as_deref(),
            Some("[\"Peter’s Büro\", \"b\"]")
        );
        assert_eq!(straight_quotes("\"Büro\""), None);
    }
}
