//! "On this page": the table of contents a theme asks for with an empty list
//! `<ol data-toc-list></ol>` inside a `<nav data-toc>`. After a page is rendered, the
//! list is filled with every `<h2>` that has an `id` and follows the list in the page,
//! whether the author wrote it in Markdown or the template made it; with fewer than
//! [`MIN_ENTRIES`] such headings the whole `<nav>` is left out.

use std::fmt::Write as _;

/// The empty list a template writes where the entries go.
const LIST: &str = "<ol data-toc-list></ol>";

/// The attribute that marks the `<nav>` around the list.
const NAV: &str = "<nav ";

/// The fewest headings that make a table of contents worth showing.
pub(super) const MIN_ENTRIES: usize = 3;

/// `html` with its table of contents filled in (or left out); unchanged when it asks
/// for none.
pub(super) fn fill(mut html: String) -> String {
    let Some(at) = find(&html, LIST) else {
        return html;
    };
    let after = at + LIST.len();
    let entries = headings(&html[after..]);
    if entries.len() < MIN_ENTRIES {
        let Some(start) = html[..at]
            .rfind(NAV)
            .filter(|&s| html[s..at].contains("data-toc"))
        else {
            return html;
        };
        let end = find(&html[after..], "</nav>").map_or(after, |i| after + i + "</nav>".len());
        let end = end + usize::from(html[end..].starts_with('\n'));
        html.replace_range(start..end, "");
        return html;
    }
    let mut list = String::from("<ol data-toc-list>");
    for (id, title) in entries {
        let _ = write!(list, "<li><a href=\"#{id}\">{title}</a></li>");
    }
    list.push_str("</ol>");
    html.replace_range(at..after, &list);
    html
}

/// Where `needle` first occurs in `haystack`: a page is searched several times, and
/// `str::find` is much slower than `memmem` on long text.
fn find(haystack: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(haystack.as_bytes(), needle.as_bytes())
}

/// The `id` and text of every `<h2 id="…">` in `html`, before `</main>`, once per id
/// and per title.
fn headings(html: &str) -> Vec<(&str, String)> {
    let html = find(html, "</main>").map_or(html, |end| &html[..end]);
    let mut out: Vec<(&str, String)> = Vec::new();
    let mut rest = html;
    while let Some(open) = find(rest, "<h2") {
        let tag_end = match rest[open..].find('>') {
            Some(i) => open + i,
            None => break,
        };
        let tag = &rest[open..tag_end];
        let Some(close) = find(&rest[tag_end..], "</h2>").map(|i| tag_end + i) else {
            break;
        };
        let inner = &rest[tag_end + 1..close];
        rest = &rest[close..];
        let Some(id) = attribute(tag, "id") else {
            continue;
        };
        let title = text_of(inner);
        if !title.is_empty() && !out.iter().any(|(i, t)| *i == id || *t == title) {
            out.push((id, title));
        }
    }
    out
}

/// The value of `name="…"` in a start tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// The text of a heading's inner HTML: tags dropped (permalink markers included),
/// entities kept as they are, white space collapsed.
fn text_of(inner: &str) -> String {
    let mut text = String::with_capacity(inner.len());
    let mut in_tag = false;
    let mut rest = inner;
    // A permalink anchor the renderer adds holds only a marker, not the title.
    while let Some(i) = rest.find("<a class=\"anchor\"") {
        text.push_str(&rest[..i]);
        rest = rest[i..].find("</a>").map_or("", |j| &rest[i + j + 4..]);
    }
    text.push_str(rest);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> String {
        format!(
            "<main><nav class=\"toc\" data-toc><h2 id=\"toc-title\">On this page</h2>{LIST}</nav>\n{body}</main><footer><h2 id=\"f\">Footer</h2></footer>"
        )
    }

    #[test]
    fn every_section_heading_after_the_list_is_listed_once() {
        let html = fill(page(
            "<p>Intro</p><h2 id=\"a\">Author &amp; co</h2><h3 id=\"x\">Sub</h3><section><h2 id=\"b\" class=\"g\">Generated <em>one</em></h2></section><h2 id=\"c\">Third</h2><h2 id=\"c\">Third again</h2><h2 id=\"d\">Third</h2><h2>No id</h2>",
        ));
        assert!(
            html.contains("<ol data-toc-list><li><a href=\"#a\">Author &amp; co</a></li><li><a href=\"#b\">Generated one</a></li><li><a href=\"#c\">Third</a></li></ol>"),
            "{html}"
        );
        assert!(!html.contains("href=\"#toc-title\"") && !html.contains("href=\"#f\""));
    }

    #[test]
    fn too_few_headings_leave_the_nav_out() {
        let html = fill(page("<h2 id=\"a\">One</h2><h2 id=\"b\">Two</h2>"));
        assert!(!html.contains("data-toc"), "{html}");
        assert!(html.starts_with("<main><h2 id=\"a\">"), "{html}");
    }

    #[test]
    fn pages_without_a_list_are_unchanged() {
        let html = "<main><h2 id=\"a\">A</h2></main>".to_owned();
        assert_eq!(fill(html.clone()), html);
    }
}
