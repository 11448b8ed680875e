//! The block tag a template leaves open.
//!
//! When a `{% if %}` inside `{% block main %}` lacks its `{% endif %}`, Tera reports
//! "Unknown tag" at the `{% endblock main %}` that follows, which is correct template
//! code. [`unclosed_before`] scans the template source up to that end tag and finds
//! the tag the author must close, so the report can point there instead.

use std::ops::Range;

/// Tags that open a body closed by `{% end<name> %}`.
const BODY_TAGS: &[&str] = &["block", "for", "if", "filter", "component", "raw"];

/// A tag that is still open where an end tag of an outer one appears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unclosed {
    /// Byte range of the whole open tag (`{% if summary %}`) in the source.
    pub open: Range<usize>,
    /// The tag's keyword: `if`, `for`, `block` …
    pub keyword: &'static str,
    /// The open tag as written without delimiters (`if summary`, `block main`).
    pub open_tag: String,
    /// The end tag that follows it, as written without delimiters (`endblock main`).
    pub end_tag: String,
    /// Byte range of that end tag in the source.
    pub end: Range<usize>,
}

/// One `{% … %}` tag: its byte range and the text between the delimiters (without
/// whitespace control and surrounding blanks).
struct Tag<'a> {
    range: Range<usize>,
    inner: &'a str,
}

impl<'a> Tag<'a> {
    fn keyword(&self) -> &'a str {
        let end = self
            .inner
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(self.inner.len());
        &self.inner[..end]
    }
}

/// If the tag that contains byte `at` is an end tag (`{% endblock main %}`) of a tag
/// that is open there, but a tag opened later is still open inside it, returns that
/// innermost open tag. `None` whenever the template says anything else: the end tag
/// closes the innermost open tag, it closes no open tag at all (a stray end tag), or
/// the tags before it do not nest (then the real mistake is elsewhere).
pub(crate) fn unclosed_before(source: &str, at: usize) -> Option<Unclosed> {
    let mut open: Vec<(&'static str, Range<usize>, &str)> = Vec::new();
    let mut pos = 0;
    while let Some(tag) = next_tag(source, &mut pos) {
        if tag.range.contains(&at) {
            let keyword = tag.keyword();
            let closed = keyword.strip_prefix("end")?;
            let (innermost, _, _) = open.last()?;
            if *innermost == closed || !open.iter().any(|(k, _, _)| *k == closed) {
                return None;
            }
            let (keyword, range, open_tag) = open.pop()?;
            return Some(Unclosed {
                open: range,
                keyword,
                open_tag: open_tag.to_owned(),
                end_tag: tag.inner.to_owned(),
                end: tag.range,
            });
        }
        if tag.range.start > at {
            return None;
        }
        let keyword = tag.keyword();
        if keyword == "raw" {
            // Everything up to `{% endraw %}` is text, even what looks like a tag.
            let end = find_end_raw(source, tag.range.end)?;
            if end.contains(&at) || end.start > at {
                return None;
            }
            pos = end.end;
        } else if let Some(k) = BODY_TAGS.iter().find(|k| **k == keyword) {
            open.push((*k, tag.range, tag.inner));
        } else if (keyword == "set" || keyword == "set_global") && is_block_set(&tag) {
            open.push(("set", tag.range, tag.inner));
        } else if let Some(closed) = keyword.strip_prefix("end")
            && (closed == "set" || BODY_TAGS.contains(&closed))
        {
            match open.pop() {
                Some((k, _, _)) if k == closed => {}
                _ => return None,
            }
        }
    }
    None
}

/// `{% set x %}…{% endset %}` (a body) rather than `{% set x = … %}`.
fn is_block_set(tag: &Tag<'_>) -> bool {
    let rest = tag.inner[tag.keyword().len()..].trim_start();
    let name_end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    !rest[name_end..].trim_start().starts_with('=')
}

/// The next `{% … %}` tag from `*pos` on, skipping `{{ … }}` and `{# … #}`; `None`
/// at the end of the source and where a delimiter is never closed (no later tag can
/// be told apart from text then).
fn next_tag<'a>(source: &'a str, pos: &mut usize) -> Option<Tag<'a>> {
    loop {
        let rel = source[*pos..].find('{')?;
        let start = *pos + rel;
        let rest = &source[start..];
        if rest.starts_with("{#") {
            *pos = start + 2 + source[start + 2..].find("#}")? + 2;
        } else if rest.starts_with("{{") {
            *pos = close_of(source, start + 2, "}}")?;
        } else if rest.starts_with("{%") {
            let end = close_of(source, start + 2, "%}")?;
            let inner = source[start + 2..end - 2]
                .trim_start_matches(['-', '+'])
                .trim_end_matches(['-', '+'])
                .trim();
            *pos = end;
            return Some(Tag {
                range: start..end,
                inner,
            });
        } else {
            *pos = start + 1;
        }
    }
}

/// The byte after the first `close` from `from` on that is not inside a string
/// literal.
fn close_of(source: &str, from: usize, close: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut chars = source[from..].char_indices();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) if c == '\\' => {
                chars.next();
            }
            None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
            None if source[from + i..].starts_with(close) => return Some(from + i + close.len()),
            _ => {}
        }
    }
    None
}

/// The range of the `{% endraw %}` tag after `from`.
fn find_end_raw(source: &str, from: usize) -> Option<Range<usize>> {
    let mut pos = from;
    loop {
        let start = pos + source[pos..].find("{%")?;
        let end = close_of(source, start + 2, "%}")?;
        let inner = source[start + 2..end - 2]
            .trim_start_matches(['-', '+'])
            .trim_end_matches(['-', '+'])
            .trim();
        if inner == "endraw" {
            return Some(start..end);
        }
        pos = start + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The unclosed tag for an error at the first occurrence of `marker`.
    fn at(source: &str, marker: &str) -> Option<(String, &'static str, String)> {
        let at = source.find(marker).expect("marker in source");
        unclosed_before(source, at).map(|u| (source[u.open].to_owned(), u.keyword, u.end_tag))
    }

    #[test]
    fn finds_an_if_left_open_inside_a_block() {
        let source = "{% extends \"base.html\" %}\n{% block main %}\n<article>\n  {% if summary %}<h1>{{ title }}</h1>\n</article>\n{% endblock main %}\n";
        let found = unclosed_before(source, source.find("endblock").unwrap()).unwrap();
        assert_eq!(&source[found.open.clone()], "{% if summary %}");
        assert_eq!(found.keyword, "if");
        assert_eq!(found.end_tag, "endblock main");
        assert_eq!(&source[found.end], "{% endblock main %}");
    }

    #[test]
    fn finds_the_innermost_of_several_open_tags() {
        let source = "{% block b %}{% for x in xs %}{% if x %}{{ x }}{% endblock b %}";
        assert_eq!(
            at(source, "endblock"),
            Some(("{% if x %}".to_owned(), "if", "endblock b".to_owned()))
        );
        let source = "{% block b %}{% if a %}{% for x in xs %}{{ x }}{% endif %}{% endblock %}";
        assert_eq!(
            at(source, "endif"),
            Some(("{% for x in xs %}".to_owned(), "for", "endif".to_owned()))
        );
    }

    #[test]
    fn skips_closed_tags_comments_expressions_and_raw_text() {
        let source = "{% block b %}{# {% if a %} #}{{ \"{% if\" ~ x }}{% raw %}{% if c %}{% endraw %}\
                      {% if a -%}a{%- elif b %}b{% else %}c{% endif %}\
                      {% set y = 1 %}{% set z %}z{% endset %}{% filter upper %}\
                      {% set q = \"%}\" %}{% endblock %}";
        assert_eq!(
            at(source, "endblock"),
            Some((
                "{% filter upper %}".to_owned(),
                "filter",
                "endblock".to_owned()
            ))
        );
    }

    #[test]
    fn says_nothing_when_no_tag_is_left_open() {
        // The end tag closes the innermost open tag: not this mistake.
        assert_eq!(at("{% block b %}{% if a %}{% endif %}", "endif"), None);
        // A stray end tag closes nothing that is open.
        assert_eq!(
            at("{% block b %}{% endif %}{% endblock b %}", "endif"),
            None
        );
        // Not an end tag at all.
        assert_eq!(at("{% block b %}{% if a %}{% fett %}", "fett"), None);
        // Tags before the error do not nest: the mistake is elsewhere.
        assert_eq!(
            at(
                "{% block b %}{% for x in y %}{% endif %}{% if a %}{% endblock b %}",
                "endblock"
            ),
            None
        );
        // The error is not in a tag.
        assert_eq!(at("{% block b %}{% if a %}{{ oops }}", "oops"), None);
    }
}
