//! Markdown → HTML with pulldown-cmark: tables, footnotes, strikethrough, task lists,
//! heading ids and a table of contents, GFM alerts as callouts, internal `@type:id`
//! links, and highlighted code blocks.
//!
//! Knows nothing of templates or of the whole site: internal links are resolved
//! through a callback, and problems are returned with byte ranges relative to the
//! rendered text, for the caller to place in its file.

mod highlight;

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};

pub use highlight::{Highlighted, Highlighter};

/// A heading of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 1–6.
    pub level: u8,
    /// The id (anchor).
    pub id: String,
    /// Plain text of the heading.
    pub title: String,
}

/// A problem found while rendering, with a range in the rendered text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte range in the Markdown text.
    pub range: Range<usize>,
    /// Error (broken link) or warning (unknown code language).
    pub is_error: bool,
    /// Message.
    pub message: String,
    /// Label under the span.
    pub label: String,
    /// Help line.
    pub help: Option<String>,
}

/// An `@type:id#anchor` link whose anchor the caller must verify once every page's
/// headings are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorRef {
    /// The link target as written.
    pub target: String,
    /// Byte range of the link in the Markdown text.
    pub range: Range<usize>,
}

/// The result of rendering one Markdown text.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// HTML.
    pub html: String,
    /// Headings in order.
    pub toc: Vec<Heading>,
    /// Problems found.
    pub problems: Vec<Problem>,
    /// Internal links with an anchor.
    pub anchors: Vec<AnchorRef>,
}

/// Why an internal link could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkError {
    /// Message.
    pub message: String,
    /// Help line.
    pub help: Option<String>,
}

/// Settings for one render.
pub struct Context<'a> {
    /// Language of the text (callout titles).
    pub lang: &'a str,
    /// Shared highlighter.
    pub highlighter: &'a Highlighter,
    /// Resolves `@type:id[#anchor]` (without the `@`) to a URL.
    pub resolve: &'a dyn Fn(&str) -> Result<String, LinkError>,
    /// Ids the page uses already (checklist items, form fields, template sections);
    /// headings with the same text get a numbered id instead.
    pub reserved: &'a [String],
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// A heading whose inner events are being collected: level, explicit id, classes,
/// inner events.
type OpenHeading<'a> = (
    HeadingLevel,
    Option<CowStr<'a>>,
    Vec<CowStr<'a>>,
    Vec<Event<'a>>,
);

/// Renders a Markdown document.
pub fn render(text: &str, cx: &Context<'_>) -> Rendered {
    let mut out = Rendered::default();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut used_ids: HashSet<String> = cx.reserved.iter().cloned().collect();
    let mut heading: Option<OpenHeading<'_>> = None;
    let mut code: Option<(String, String, Range<usize>)> = None;

    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        if let Some((_, buf, _)) = code.as_mut() {
            match event {
                Event::Text(t) => buf.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, buf, start) = code.take().unwrap_or_default();
                    let block_range = start.start..range.end;
                    check_closed(text, block_range.clone(), &mut out);
                    events.push(Event::Html(
                        code_block(&lang, &buf, block_range, cx, &mut out).into(),
                    ));
                }
                _ => {}
            }
            continue;
        }
        if let Some((_, _, _, buf)) = heading.as_mut() {
            if let Event::End(TagEnd::Heading(_)) = event {
                let (level, id, classes, inner) =
                    heading
                        .take()
                        .unwrap_or((HeadingLevel::H2, None, Vec::new(), Vec::new()));
                let title = plain_text(&inner);
                let base = id.map_or_else(|| crate::util::slugify(&title), |i| i.to_string());
                let id = unique_id(&base, &mut used_ids);
                out.toc.push(Heading {
                    level: level as u8,
                    id: id.clone(),
                    title,
                });
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(id.into()),
                    classes,
                    attrs: Vec::new(),
                }));
                events.extend(inner);
                events.push(Event::End(TagEnd::Heading(level)));
            } else {
                let e = link_event(event, range, cx, &mut out);
                buf.push(e);
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => heading = Some((level, id, classes, Vec::new())),
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_owned()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new(), range));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = callout(kind, cx.lang);
                events.push(Event::Html(format!("<aside class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n").into()));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                events.push(Event::Html("</aside>\n".into()));
            }
            Event::Start(Tag::Table(_)) => {
                events.push(Event::Html(
                    "<div class=\"table-wrap\" tabindex=\"0\">".into(),
                ));
                events.push(event);
            }
            // Footnote ids get a prefix so `[^1]` cannot clash with other ids.
            Event::FootnoteReference(label) => {
                events.push(Event::FootnoteReference(format!("fn-{label}").into()));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                events.push(Event::Start(Tag::FootnoteDefinition(
                    format!("fn-{label}").into(),
                )));
            }
            Event::End(TagEnd::Table) => {
                events.push(event);
                events.push(Event::Html("</div>\n".into()));
            }
            other => {
                let e = link_event(other, range, cx, &mut out);
                events.push(e);
            }
        }
    }
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out
}

/// Rewrites `@type:id` link destinations; other events pass unchanged.
fn link_event<'a>(
    event: Event<'a>,
    range: Range<usize>,
    cx: &Context<'_>,
    out: &mut Rendered,
) -> Event<'a> {
    let (is_image, link_type, dest_url, title, id) = match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => (false, link_type, dest_url, title, id),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => (true, link_type, dest_url, title, id),
        other => return other,
    };
    let rebuild = |dest_url: CowStr<'a>| {
        if is_image {
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title: title.clone(),
                id: id.clone(),
            })
        } else {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title: title.clone(),
                id: id.clone(),
            })
        }
    };
    let Some(target) = dest_url.strip_prefix('@') else {
        return rebuild(dest_url.clone());
    };
    let url = match (cx.resolve)(target) {
        Ok(url) => {
            if target.contains('#') {
                out.anchors.push(AnchorRef {
                    target: target.to_owned(),
                    range: range.clone(),
                });
            }
            url
        }
        Err(e) => {
            out.problems.push(Problem {
                range,
                is_error: true,
                message: e.message,
                label: "broken internal link".to_owned(),
                help: e.help,
            });
            "#".to_owned()
        }
    };
    rebuild(url.into())
}

fn code_block(
    lang: &str,
    code: &str,
    range: Range<usize>,
    cx: &Context<'_>,
    out: &mut Rendered,
) -> String {
    let escaped = || crate::util::escape_html(code);
    let (body, class) = if lang.is_empty() {
        (escaped(), String::new())
    } else {
        match cx.highlighter.highlight(lang, code) {
            Highlighted::Html(html) => (
                html,
                format!(" class=\"language-{}\"", crate::util::escape_html(lang)),
            ),
            Highlighted::Plain => (escaped(), String::new()),
            Highlighted::Unknown => {
                // Mark the opening fence (```), not the whole block.
                out.problems.push(Problem {
                    range: range.start..range.start + 3.min(range.len()),
                    is_error: false,
                    message: format!("unknown code language `{lang}`; the block is shown as plain text"),
                    label: "no grammar for this language".to_owned(),
                    help: Some("use a known name such as toml, json, html, css, js, sh, rust, python or yaml, or `text` for plain text".to_owned()),
                });
                (escaped(), String::new())
            }
        }
    };
    format!("<pre class=\"code\" tabindex=\"0\"><code{class}>{body}</code></pre>\n")
}

/// Warns about a fenced code block that runs to the end of the text unclosed.
fn check_closed(text: &str, range: Range<usize>, out: &mut Rendered) {
    let block = &text[range.clone()];
    let fence = block.trim_start();
    let marker = if fence.starts_with("```") {
        "```"
    } else if fence.starts_with("~~~") {
        "~~~"
    } else {
        return;
    };
    let closed = block.trim_end().lines().count() > 1
        && block
            .trim_end()
            .lines()
            .last()
            .is_some_and(|l| l.trim_start().starts_with(marker));
    if !closed && range.end >= text.trim_end().len() {
        out.problems.push(Problem {
            range: range.start..range.start + 3,
            is_error: false,
            message: "code block is never closed; it runs to the end of the file".to_owned(),
            label: "opened here".to_owned(),
            help: Some(format!("add a line `{marker}` after the code")),
        });
    }
}

fn callout(kind: BlockQuoteKind, lang: &str) -> (&'static str, &'static str) {
    let de = lang == "de";
    match kind {
        BlockQuoteKind::Note => ("note", if de { "Hinweis" } else { "Note" }),
        BlockQuoteKind::Tip => ("tip", if de { "Tipp" } else { "Tip" }),
        BlockQuoteKind::Important => ("important", if de { "Wichtig" } else { "Important" }),
        BlockQuoteKind::Warning => ("warning", if de { "Warnung" } else { "Warning" }),
        BlockQuoteKind::Caution => ("caution", if de { "Vorsicht" } else { "Caution" }),
    }
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_owned()
}

fn unique_id(base: &str, used: &mut HashSet<String>) -> String {
    let mut id = base.to_owned();
    let mut n = 1;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

/// Renders a short inline text (checklist items): one paragraph without `<p>`.
pub fn render_inline(text: &str, cx: &Context<'_>) -> Rendered {
    let mut r = render(text, cx);
    let trimmed = r.html.trim();
    if let Some(inner) = trimmed
        .strip_prefix("<p>")
        .and_then(|t| t.strip_suffix("</p>"))
        && !inner.contains("<p>")
    {
        r.html = inner.to_owned();
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(target: &str) -> Result<String, LinkError> {
        match target.split('#').next() {
            Some("service:telefonservice") => Ok(format!(
                "/leistungen/telefonservice/{}",
                target
                    .split_once('#')
                    .map(|(_, a)| format!("#{a}"))
                    .unwrap_or_default()
            )),
            _ => Err(LinkError {
                message: format!("unknown target `{target}`"),
                help: None,
            }),
        }
    }

    fn md(text: &str) -> Rendered {
        let h = Highlighter::new();
        render(
            text,
            &Context {
                lang: "de",
                highlighter: &h,
                resolve: &resolve,
                reserved: &[],
            },
        )
    }

    #[test]
    fn headings_get_unique_ids_and_toc() {
        let r = md("## Ablauf\n\n## Ablauf\n\n### Eigene {#mein-id}\n");
        assert_eq!(
            r.toc.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
            ["ablauf", "ablauf-1", "mein-id"]
        );
        assert!(
            r.html.contains("<h2 id=\"ablauf-1\">Ablauf</h2>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn internal_links_resolve_or_report_with_range() {
        let text = "Siehe [Telefon](@service:telefonservice#ablauf) und [X](@service:gibtsnicht).";
        let r = md(text);
        assert!(
            r.html
                .contains("href=\"/leistungen/telefonservice/#ablauf\""),
            "{}",
            r.html
        );
        assert_eq!(r.anchors.len(), 1);
        assert_eq!(r.problems.len(), 1);
        assert_eq!(
            &text[r.problems[0].range.clone()],
            "[X](@service:gibtsnicht)"
        );
    }

    #[test]
    fn alerts_become_callouts() {
        let r = md("> [!WARNING]\n> Keine Passwörter per E-Mail.\n");
        assert!(r.html.contains("<aside class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">Warnung</p>"), "{}", r.html);
    }

    #[test]
    fn code_blocks_highlight_or_warn() {
        let r = md("```toml\na = 1\n```\n\n```klingon\nx\n```\n");
        assert!(r.html.contains("language-toml"), "{}", r.html);
        assert_eq!(r.problems.len(), 1);
        assert!(!r.problems[0].is_error);
        let r = md("```toml\na = 1\n");
        assert!(
            r.problems
                .iter()
                .any(|p| p.message.contains("never closed"))
        );
    }

    #[test]
    fn tables_tasks_footnotes_strikethrough() {
        let r = md(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] erledigt\n\n~~alt~~ Text[^1]\n\n[^1]: Fußnote\n",
        );
        for needle in [
            "<table>",
            "type=\"checkbox\"",
            "<del>alt</del>",
            "footnote-definition",
        ] {
            assert!(r.html.contains(needle), "{needle} in {}", r.html);
        }
    }
}
