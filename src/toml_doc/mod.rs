//! TOML documents from user files: typed deserialization with file-relative error
//! spans, and span lookup by key path for problems found after deserialization.
//!
//! Front matter is deserialized with `toml` into raw serde types. Errors from `toml`
//! carry byte spans relative to the parsed text; [`Doc::deserialize`] shifts them by
//! the text's offset in the file. `site.toml` is read with [`Doc::deserialize_all`],
//! which goes on past a problem to report the next one. Semantic problems found later
//! (an unknown id, a money string that does not parse) are located lazily with
//! [`span_of`], which re-parses the text with `toml_edit` only when a diagnostic is
//! actually reported.
//!
//! Where a value is one of the usual slips (a date written 31.12.2025, typographic
//! quotes, an amount with a comma), the help shows the line as it should read.

mod hint;
mod tree;

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, Deserializer};

use crate::diag::{Diagnostic, Diagnostics, FileId, did_you_mean};

pub(crate) use hint::{amount_help, date_help, german_date};
use tree::Step;
pub use tree::Unread;

/// One step of a path into a TOML document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    /// A table key.
    Key(&'a str),
    /// An array index.
    Index(usize),
}

/// Which part of a `key = value` pair to point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The value (for wrong values).
    Value,
    /// The key (for keys that must not be there).
    Key,
}

/// A TOML text inside a file: the file and the byte range of the text in it.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    /// The file the text comes from.
    pub file: FileId,
    /// The TOML text.
    pub text: &'a str,
    /// Offset of `text` in the file.
    pub offset: usize,
}

/// Where a schema error lies in the parsed document.
struct Located {
    /// The value or key at fault, or, for a missing key, the table that lacks it.
    path: Vec<Step>,
    /// The key that is missing, for "missing field" errors.
    missing: Option<String>,
}

impl Located {
    fn of(error: &toml::de::Error, root: &DeTable<'_>) -> Located {
        let missing = error
            .message()
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next())
            .map(str::to_owned);
        let path = match (error.span(), &missing) {
            (None, _) => Vec::new(),
            (Some(span), Some(_)) => tree::table_at(root, &span),
            (Some(span), None) => tree::deepest(root, &span),
        };
        Located { path, missing }
    }

    /// The table the error is about, for messages: `[agency] of site.toml`.
    fn place(&self, what: &str) -> String {
        let table = if self.missing.is_some() {
            &self.path
        } else {
            tree::holder(&self.path)
        };
        tree::table_name(table, what)
    }
}

impl<'a> Doc<'a> {
    /// Deserializes the text into `T`, turning a TOML or schema error into a located
    /// diagnostic with a "did you mean" hint for unknown keys.
    pub fn deserialize<T: DeserializeOwned>(&self, what: &str) -> Result<T, Diagnostic> {
        let root = self.parse(what)?;
        T::deserialize(Deserializer::from(root)).map_err(|e| {
            // Parsed again, on this rare path only, to name the table of the error.
            let place = DeTable::parse(self.text).map_or_else(
                |_| what.to_owned(),
                |root| Located::of(&e, root.get_ref()).place(what),
            );
            self.error_from_toml(&e, &place)
        })
    }

    /// Deserializes the text into `T` like [`Doc::deserialize`], but reports every
    /// problem serde finds, not only the first: the entry at fault is reported, taken
    /// out, and the rest read again. A table that then lacks a required key is taken
    /// out in turn, without a second report. Returns `T` once what is left reads, with
    /// the entries that were taken out; `None` when a required key of the top level
    /// could not be read, or the text is not TOML.
    pub fn deserialize_all<T: DeserializeOwned>(
        &self,
        what: &str,
        diags: &mut Diagnostics,
    ) -> Option<(T, Unread)> {
        let mut root = self.parse(what).map_err(|d| diags.push(d)).ok()?;
        let mut unread = Unread::default();
        loop {
            let error = match T::deserialize(Deserializer::from(root.clone())) {
                Ok(value) => return Some((value, unread)),
                Err(error) => error,
            };
            let located = Located::of(&error, root.get_ref());
            let repeated = located
                .missing
                .as_deref()
                .is_some_and(|key| unread.explains(&located.path, key));
            if !repeated {
                diags.push(self.error_from_toml(&error, &located.place(what)));
            }
            let entry = tree::entry_of(&located.path)?;
            if !tree::remove(root.get_mut(), &entry) {
                return None;
            }
            unread.push(entry);
        }
    }

    /// Parses the text; a syntax error becomes a located diagnostic.
    fn parse(&self, what: &str) -> Result<Spanned<DeTable<'a>>, Diagnostic> {
        DeTable::parse(self.text).map_err(|e| self.error_from_toml(&e, what))
    }

    /// A diagnostic for a `toml` error; `what` names the file part, or for schema
    /// errors the table, the error lies in (`[agency] of site.toml`).
    fn error_from_toml(&self, error: &toml::de::Error, what: &str) -> Diagnostic {
        let span = error.span().unwrap_or(0..0);
        let span = self.offset + span.start..self.offset + span.end;
        let message = error.message().trim().trim_end_matches('.');
        if let Some((value, expected)) = parse_unknown(message, "unknown variant `") {
            let suggestion = did_you_mean(&value, expected.iter().map(String::as_str));
            let list = expected
                .iter()
                .map(|e| format!("\"{e}\""))
                .collect::<Vec<_>>()
                .join(", ");
            return Diagnostic::error(format!("`{value}` is not an allowed value here"))
                .at(self.file, span)
                .label("not an allowed value")
                .maybe_help(suggestion.map(|s| format!("did you mean \"{s}\"?")))
                .help_line(format!("allowed values: {list}"));
        }
        if message == "duplicate key" {
            let key = self
                .text
                .get(span.start - self.offset..span.end - self.offset)
                .unwrap_or("?")
                .trim_matches('"');
            return Diagnostic::error(format!("key `{key}` is set twice in {what}"))
                .at(self.file, span)
                .label("second definition")
                .help("remove one of the two lines; each key may appear once per table");
        }
        if let Some((key, expected)) = parse_unknown(message, "unknown field `") {
            let suggestion = did_you_mean(&key, expected.iter().map(String::as_str));
            let help = match (renamed(&key, &expected), suggestion) {
                (Some(help), _) => help.to_owned(),
                (None, Some(s)) => format!("did you mean `{s}`?"),
                (None, None) => format!("allowed keys here: {}", expected.join(", ")),
            };
            let key_span = self
                .find_key_text(span.clone(), &key)
                .unwrap_or(span.clone());
            return Diagnostic::error(format!("unknown key `{key}` in {what}"))
                .at(self.file, key_span)
                .label("not a key of this table")
                .help(help);
        }
        if let Some(slip) = self.slip(span.start - self.offset, message, what) {
            return slip;
        }
        if let Some((local, message, label, help)) =
            unfinished(self.text, span.start - self.offset, message, what)
        {
            return Diagnostic::error(message)
                .at(
                    self.file,
                    self.offset + local.start..self.offset + local.end,
                )
                .label(label)
                .help(help);
        }
        let written =
            hint::Written::at(self.text, span.start - self.offset..span.end - self.offset);
        let (message, label, help) = classify_toml_message(message, what, written);
        Diagnostic::error(message)
            .at(self.file, span)
            .label(label)
            .help(help)
    }

    /// A value as a word processor or a German form would write it, at byte `at` of
    /// the text: a date written day.month.year, or typographic quotes.
    fn slip(&self, at: usize, message: &str, what: &str) -> Option<Diagnostic> {
        let assignment = hint::assignment_at(self.text, at);
        let in_file = |r: Range<usize>| self.offset + r.start..self.offset + r.end;
        if let Some(quote) = self
            .text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .filter(|c| hint::TYPOGRAPHIC_QUOTES.contains(c))
        {
            let line = assignment
                .clone()
                .map(|(key, value)| (&self.text[key], &self.text[value]));
            return Some(
                Diagnostic::error(format!(
                    "invalid TOML in {what}: {quote} is a typographic quote, not a TOML quote"
                ))
                .at(self.file, in_file(at..at + quote.len_utf8()))
                .label("typographic quote")
                .help(hint::quotes_help(line)),
            );
        }
        let (key, value) = assignment?;
        let (key_text, value_text) = (&self.text[key], &self.text[value.clone()]);
        // A quoted date fails as a string where a date belongs; elsewhere it is text.
        let wants_date = !message.starts_with("invalid type") || message.contains("datetime");
        let iso = hint::german_date(value_text).filter(|_| wants_date)?;
        Some(
            Diagnostic::error(format!(
                "`{}` is not a TOML date",
                value_text.trim_matches('"')
            ))
            .at(self.file, in_file(value))
            .label("day.month.year")
            .help(hint::date_help(key_text, &iso)),
        )
    }

    /// Narrows a table span reported by `toml` for an unknown field to the key itself.
    fn find_key_text(&self, span: Range<usize>, key: &str) -> Option<Range<usize>> {
        let local = span.start.checked_sub(self.offset)?..span.end.checked_sub(self.offset)?;
        let slice = self.text.get(local.clone())?;
        if slice.trim_matches('"') == key || slice == key {
            return Some(span);
        }
        let at = slice.find(key)?;
        Some(span.start + at..span.start + at + key.len())
    }

    /// The file span of the value (or key) at `path`; falls back to the start of the
    /// text when the path cannot be found (the diagnostic still names the file).
    pub fn span(&self, path: &[Seg<'_>], target: Target) -> Range<usize> {
        span_of(self.text, path, target).map_or(self.offset..self.offset, |r| {
            self.offset + r.start..self.offset + r.end
        })
    }

    /// The value at `path` as written, quotes included; empty when there is none.
    pub fn source(&self, path: &[Seg<'_>]) -> &'a str {
        span_of(self.text, path, Target::Value)
            .and_then(|r| self.text.get(r))
            .unwrap_or("")
    }

    /// Whether a key path exists in the document.
    pub fn has(&self, path: &[Seg<'_>]) -> bool {
        span_of(self.text, path, Target::Key).is_some()
    }

    /// A located error at the value of `path`.
    pub fn error_at(&self, path: &[Seg<'_>], message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(message).at(self.file, self.span(path, Target::Value))
    }

    /// A located note at the value of `path`.
    pub fn info_at(&self, path: &[Seg<'_>], message: impl Into<String>) -> Diagnostic {
        Diagnostic::info(message).at(self.file, self.span(path, Target::Value))
    }

    /// A located warning at the value of `path`.
    pub fn warning_at(&self, path: &[Seg<'_>], message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(message).at(self.file, self.span(path, Target::Value))
    }
}

/// Finds the span of the value or key at `path` in a TOML text.
pub fn span_of(text: &str, path: &[Seg<'_>], target: Target) -> Option<Range<usize>> {
    let doc = toml_edit::Document::parse(text).ok()?;
    descend_table(doc.as_table(), path, target)
}

fn descend_table(
    table: &toml_edit::Table,
    rest: &[Seg<'_>],
    target: Target,
) -> Option<Range<usize>> {
    let Some((first, rest)) = rest.split_first() else {
        return table.span();
    };
    let Seg::Key(key) = *first else { return None };
    let (k, v) = table.get_key_value(key)?;
    if rest.is_empty() {
        return match target {
            Target::Key => k.span(),
            Target::Value => v.span().or(k.span()),
        };
    }
    match v {
        toml_edit::Item::Value(value) => descend_value(value, rest, target),
        toml_edit::Item::Table(t) => descend_table(t, rest, target),
        toml_edit::Item::ArrayOfTables(a) => {
            let Some((Seg::Index(i), rest)) = rest.split_first() else {
                return None;
            };
            descend_table(a.get(*i)?, rest, target)
        }
        toml_edit::Item::None => None,
    }
}

fn descend_value(
    value: &toml_edit::Value,
    rest: &[Seg<'_>],
    target: Target,
) -> Option<Range<usize>> {
    let Some((first, rest)) = rest.split_first() else {
        return value.span();
    };
    match (*first, value) {
        (Seg::Index(i), toml_edit::Value::Array(a)) => descend_value(a.get(i)?, rest, target),
        (Seg::Key(key), toml_edit::Value::InlineTable(t)) => {
            let (k, v) = t.get_key_value(key)?;
            let v = v.as_value()?;
            if rest.is_empty() && target == Target::Key {
                return k.span();
            }
            descend_value(v, rest, target)
        }
        _ => None,
    }
}

/// Keys that have been renamed: the old key, the new key it became in a table that
/// has it, and the help that names it.
const RENAMED: &[(&str, &str, &str)] = &[
    (
        "audience",
        "reader",
        "`audience` is now `reader`: who the text is written for (\"assistant\", \"client\", \"agency\", \"all\"). Who may see an item is `visible_to`, with the `[[audience]]` tables of site.toml",
    ),
    (
        "audience",
        "customers",
        "`audience` is now `customers`: the kind of customer the prices are for (\"b2b\", \"b2c\", \"both\"). Who may see an item is `visible_to`, with the `[[audience]]` tables of site.toml",
    ),
];

/// The help for a key that was renamed to one of the `expected` keys.
fn renamed(key: &str, expected: &[String]) -> Option<&'static str> {
    RENAMED
        .iter()
        .find(|(old, new, _)| *old == key && expected.iter().any(|e| e == new))
        .map(|(_, _, help)| *help)
}

/// Splits serde's "unknown field `x`, expected one of `a`, `b`" (or "unknown variant
/// `x`, expected `a` or `b`") into its parts.
fn parse_unknown(message: &str, prefix: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix(prefix)?;
    let (key, rest) = rest.split_once('`')?;
    let expected = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    Some((key.to_owned(), expected))
}

/// An array, inline table or multi-line string that is left open: `toml` notices only
/// where the next line or the end of the text no longer fits, and reports that place.
/// Returns the place the author must fix (span in `text`), message, label and help.
fn unfinished(
    text: &str,
    at: usize,
    message: &str,
    what: &str,
) -> Option<(Range<usize>, String, &'static str, String)> {
    let at = at.min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let at_line_start = text[line_start..at].trim().is_empty();
    let (close, thing) = if message.starts_with("missing comma between array elements") {
        (']', "array")
    } else if message.starts_with("missing comma between key-value pairs") {
        ('}', "inline table")
    } else if message.starts_with("invalid multi-line basic string")
        || message.starts_with("invalid multi-line literal string")
    {
        if !text[at..].trim().is_empty() {
            return None;
        }
        let quotes = if message.contains("basic") {
            "\"\"\""
        } else {
            "'''"
        };
        let mut start = text[..at].rfind(quotes)?;
        let quote = quotes.as_bytes()[0];
        while start > 0 && text.as_bytes()[start - 1] == quote {
            start -= 1;
        }
        return Some((
            start..start + 3,
            format!("invalid TOML in {what}: a multi-line string is never closed"),
            "opened here",
            format!("close the string with `{quotes}` where its text ends"),
        ));
    } else {
        return None;
    };
    if !at_line_start || line_start == 0 {
        return None;
    }
    // The end of the last line before `at` that holds more than a comment.
    let mut end = None;
    let mut pos = 0;
    for line in text[..line_start].split_inclusive('\n') {
        let content = without_comment(line.trim_end_matches(['\n', '\r'])).trim_end();
        if !content.is_empty() {
            end = Some(pos + content.len());
        }
        pos += line.len();
    }
    let end = end?;
    Some((
        end..end,
        format!(
            "invalid TOML in {what}: unclosed {thing} or missing comma, expected `{close}` or `,`"
        ),
        "here",
        format!(
            "close the {thing} with `{close}` at the end of this line, or end the line with `,` if the next line continues the {thing}"
        ),
    ))
}

/// A TOML line without its `# comment` (a `#` inside quotes is text).
fn without_comment(line: &str) -> &str {
    let mut quote = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Rewrites a `toml` error message into (message, label, help); `written` is the value
/// the error points at, if it points at one.
fn classify_toml_message(
    message: &str,
    what: &str,
    written: Option<hint::Written<'_>>,
) -> (String, String, String) {
    let lower = message.to_lowercase();
    if let Some(field) = message.strip_prefix("missing field `") {
        let field = field.split('`').next().unwrap_or("?");
        return (
            format!("missing required key `{field}` in {what}"),
            "in this table".to_owned(),
            format!("add `{field} = …`"),
        );
    }
    if let Some(number) = message
        .strip_prefix("invalid type: integer `")
        .and_then(|rest| rest.split_once("` as i128"))
        .map(|(number, _)| number)
    {
        return (
            format!("the number `{number}` is too large"),
            "larger than TOML allows".to_owned(),
            "TOML whole numbers lie between -9223372036854775808 and 9223372036854775807"
                .to_owned(),
        );
    }
    if lower.starts_with("invalid type") || lower.starts_with("invalid value:") {
        // serde names Rust types where the value has the wrong type.
        let plain = |e| {
            if lower.starts_with("invalid type") {
                plain_type(e)
            } else {
                e
            }
        };
        let (found, expected) = message
            .split_once(", expected ")
            .map_or((message, "another type"), |(f, e)| (f, plain(e)));
        let found = first_lower(found).replace("invalid type: ", "");
        return (
            format!("wrong type of value in {what}: {found}, expected {expected}"),
            format!("expected {expected}"),
            example_of(expected, &found, written),
        );
    }
    (
        format!("invalid TOML in {what}: {}", first_lower(message)),
        "here".to_owned(),
        format!(
            "{} is TOML: check quotes, `=` and brackets on this line",
            what.trim_start_matches("the ")
        ),
    )
}

/// serde's name of a Rust number type in words (`i64` → "a whole number").
fn plain_type(expected: &str) -> &str {
    match expected {
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64" | "u128"
        | "usize" => "a whole number",
        "f32" | "f64" => "a number",
        other => other,
    }
}

/// How to write a value of the type serde expected in place of `found`; with the
/// value as written, the value (or its line) as it should read.
fn example_of(expected: &str, found: &str, written: Option<hint::Written<'_>>) -> String {
    let e = expected.to_lowercase();
    if let Some(written) = written {
        let scalar = ["integer", "floating point", "boolean"]
            .iter()
            .any(|t| found.starts_with(t));
        match written.key {
            Some(key) if e.contains("amount of money") => {
                return hint::amount_help(key, written.value);
            }
            _ if e.contains("string") && scalar => return hint::text_help(written),
            _ => {}
        }
    }
    if e.contains("bool") {
        "write `true` or `false` without quotes".to_owned()
    } else if e.contains("integer") || e.contains("whole number") {
        "write a whole number without quotes, e.g. `15`".to_owned()
    } else if e.contains("string") {
        "write text in double quotes, e.g. \"Büro\"".to_owned()
    } else if e.contains("sequence") || e.contains("array") {
        "write a list in brackets, e.g. [\"a\", \"b\"]".to_owned()
    } else if e.contains("datetime") || e.contains("date") {
        "write a TOML date without quotes, e.g. 2027-06-30".to_owned()
    } else if e.contains("map") || e.contains("struct") || e.contains("table") {
        "write a table, e.g. { key = \"value\" } or a [section]".to_owned()
    } else {
        format!("write {expected} here")
    }
}

fn first_lower(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "title = \"x\"\nlist = [\"a\", \"b\"]\n\n[[skills]]\nid = \"de\"\n\n[[skills]]\nid = \"en\"\nlevel = { a = 1 }\n";

    #[test]
    fn finds_spans_by_path() {
        let span = |p: &[Seg<'_>], t| span_of(TEXT, p, t).map(|r| &TEXT[r]);
        assert_eq!(span(&[Seg::Key("title")], Target::Value), Some("\"x\""));
        assert_eq!(span(&[Seg::Key("title")], Target::Key), Some("title"));
        assert_eq!(
            span(&[Seg::Key("list"), Seg::Index(1)], Target::Value),
            Some("\"b\"")
        );
        assert_eq!(
            span(
                &[Seg::Key("skills"), Seg::Index(1), Seg::Key("id")],
                Target::Value
            ),
            Some("\"en\"")
        );
        assert_eq!(
            span(
                &[
                    Seg::Key("skills"),
                    Seg::Index(1),
                    Seg::Key("level"),
                    Seg::Key("a")
                ],
                Target::Value
            ),
            Some("1")
        );
        assert_eq!(span(&[Seg::Key("nope")], Target::Value), None);
    }

    /// `unfinished` for the error `toml` reports on `text`.
    fn unfinished_in(text: &str) -> Option<(Range<usize>, String, &'static str, String)> {
        let e = toml::from_str::<toml::Table>(text).unwrap_err();
        unfinished(
            text,
            e.span().unwrap().start,
            e.message(),
            "the front matter",
        )
    }

    #[test]
    fn an_unclosed_array_or_table_is_reported_at_the_end_of_its_line() {
        let text = "a = [\"x\", \"y\" # note\n\n# more\nb = 1\n";
        let (span, message, _, help) = unfinished_in(text).unwrap();
        assert_eq!(span, 13..13, "right after \"y\"");
        assert_eq!(
            message,
            "invalid TOML in the front matter: unclosed array or missing comma, expected `]` or `,`"
        );
        assert!(help.contains("`]`"), "{help}");
        let text = "a = [\r\n  \"x\"\r\n  \"y\",\r\n]\r\n";
        assert_eq!(unfinished_in(text).unwrap().0, 12..12, "right after \"x\"");
        let text = "t = { s = \"2bd\"\nb = 1\n";
        let (span, message, _, _) = unfinished_in(text).unwrap();
        assert_eq!(span, 15..15);
        assert!(message.contains("unclosed inline table"), "{message}");
        // A missing comma inside one line is where `toml` says it is.
        assert_eq!(unfinished_in("a = [\"x\" \"y\"]\n"), None);
    }

    #[test]
    fn an_unclosed_multi_line_string_is_reported_where_it_opens() {
        let text = "a = 1\nb = \"\"\"x\ny\n";
        let (span, message, label, _) = unfinished_in(text).unwrap();
        assert_eq!(span, 10..13);
        assert_eq!(
            message,
            "invalid TOML in the front matter: a multi-line string is never closed"
        );
        assert_eq!(label, "opened here");
        let text = "a = '''x\n\"\"\"\n";
        assert_eq!(unfinished_in(text).unwrap().0, 4..7);
        // A bad character inside a closed string is not an unclosed string.
        assert_eq!(unfinished_in("a = \"\"\"x\u{1}\"\"\"\nb = 1\n"), None);
    }

    #[test]
    fn rust_type_names_do_not_reach_the_author() {
        let what = "the front matter";
        let (message, label, help) = classify_toml_message(
            "invalid type: floating point `15.5`, expected i64",
            what,
            None,
        );
        assert_eq!(
            message,
            "wrong type of value in the front matter: floating point `15.5`, expected a whole number"
        );
        assert_eq!(label, "expected a whole number");
        assert!(help.contains("whole number"), "{help}");
        let (message, _, help) = classify_toml_message(
            "invalid type: integer `99999999999999999999` as i128, expected i64",
            what,
            None,
        );
        assert_eq!(message, "the number `99999999999999999999` is too large");
        assert!(help.contains("9223372036854775807"), "{help}");
        let (message, _, _) = classify_toml_message(
            "invalid type: string \"nein\", expected a boolean",
            what,
            None,
        );
        assert_eq!(
            message,
            "wrong type of value in the front matter: string \"nein\", expected a boolean"
        );
    }

    /// A miniature `site.toml` schema.
    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Site {
        title: String,
        agency: Agency,
        #[serde(default)]
        category: Vec<Category>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Agency {
        name: Option<String>,
        phone: Option<String>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Category {
        id: String,
    }

    /// The messages of what `deserialize_all` reports for `text`, and what it read.
    fn read_all(text: &str) -> (Vec<String>, Option<(Site, Unread)>) {
        let mut sources = crate::diag::Sources::new();
        let file = sources.add("site.toml", text);
        let doc = Doc {
            file,
            text,
            offset: 0,
        };
        let mut diags = Diagnostics::new();
        let read = doc.deserialize_all::<Site>("site.toml", &mut diags);
        let messages = diags.sorted().iter().map(|d| d.message.clone()).collect();
        (messages, read)
    }

    #[test]
    fn every_entry_that_cannot_be_read_is_reported_and_the_rest_is_read() {
        let text = "title = \"x\"\ntitel = \"y\"\n[agency]\nname = 5\nphone = \"1\"\nfax = \"2\"\n\
                    [[category]]\nid = \"a\"\n[[category]]\nid = 7\n";
        let (messages, read) = read_all(text);
        assert_eq!(
            messages,
            [
                "unknown key `titel` in site.toml",
                "wrong type of value in [agency] of site.toml: integer `5`, expected a string",
                "unknown key `fax` in [agency] of site.toml",
                "wrong type of value in [[category]] of site.toml: integer `7`, expected a string",
            ]
        );
        let (site, unread) = read.expect("the rest reads");
        assert_eq!(site.title, "x");
        assert_eq!(site.agency.name, None, "unread");
        assert_eq!(site.agency.phone.as_deref(), Some("1"));
        assert!(
            site.category.is_empty(),
            "a category without an id is left out"
        );
        assert!(unread.under(&[Seg::Key("agency"), Seg::Key("name")]));
        assert!(!unread.under(&[Seg::Key("agency"), Seg::Key("phone")]));
        let mut keys = unread.keys_under(&[Seg::Key("agency")]);
        keys.sort();
        assert_eq!(keys, ["fax", "name"]);
    }

    #[test]
    fn the_first_problem_names_its_table_and_lies_in_the_file() {
        let file_text = "+++\ntitle = \"x\"\n[agency]\nfax = \"1\"\n+++\n";
        let mut sources = crate::diag::Sources::new();
        let file = sources.add("content/x.md", file_text);
        let doc = Doc {
            file,
            text: &file_text[4..file_text.len() - 4],
            offset: 4,
        };
        let d = doc.deserialize::<Site>("the front matter").unwrap_err();
        assert_eq!(
            d.message,
            "unknown key `fax` in [agency] of the front matter"
        );
        let span = d.location.expect("located").span;
        assert_eq!(&file_text[span], "fax");
    }

    #[test]
    fn a_required_key_that_cannot_be_read_is_reported_once() {
        let (_, read) = read_all("title = \"x\"\n[agency]\n[[category]]\nid = \"a\"\n");
        let ids: Vec<String> = read
            .expect("reads")
            .0
            .category
            .into_iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(ids, ["a"]);
        let (messages, read) = read_all("titel = \"x\"\n[agency]\n");
        assert_eq!(messages, ["unknown key `titel` in site.toml"]);
        assert!(read.is_none());
        let (messages, read) = read_all("[agency]\nname = \"n\"\n");
        assert_eq!(messages, ["missing required key `title` in site.toml"]);
        assert!(read.is_none());
    }

    #[test]
    fn slips_in_any_toml_file_show_the_line_as_it_should_read() {
        let (messages, _) = read_all("title = 31.12.2025\n[agency]\n");
        assert_eq!(messages, ["`31.12.2025` is not a TOML date"]);
        let (messages, _) = read_all("title = “x”\n[agency]\n");
        assert_eq!(
            messages,
            ["invalid TOML in site.toml: “ is a typographic quote, not a TOML quote"]
        );
    }

    #[test]
    fn unknown_field_message_is_split() {
        let message = "unknown field `titel`, expected one of `title`, `summary`";
        let (k, e) = parse_unknown(message, "unknown field `").unwrap();
        assert_eq!(k, "titel");
        assert_eq!(e, vec!["title", "summary"]);
        let message = "unknown variant `Cc`, expected `Aa` or `Bb`";
        let (k, e) = parse_unknown(message, "unknown variant `").unwrap();
        assert_eq!(k, "Cc");
        assert_eq!(e, vec!["Aa", "Bb"]);
    }
}
