//! Markdown → HTML with pulldown-cmark: tables, footnotes, strikethrough, task lists,
//! heading ids and a table of contents, GFM alerts as callouts, audience blocks
//! (`> [!INTERNAL]`, kept or cut for the audience being built), internal `@type:id`
//! links, and highlighted code blocks.
//!
//! Raw HTML in the text passes through unless [`Context::raw_html`] is off (then it is
//! escaped and shows as text). Link and image targets that would run script
//! (`javascript:`, `vbscript:`) or load a document from the link itself (`data:`, except
//! images) are refused either way, as errors.
//!
//! Knows nothing of templates or of the whole site: internal links are resolved
//! through a callback, and problems are returned with byte ranges relative to the
//! rendered text, for the caller to place in its file.

mod highlight;
mod plain;

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};

pub use highlight::{Highlighted, Highlighter};
pub use plain::{Breaks, plain_text};

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
    /// Byte ranges of the audience blocks cut from this render (hidden from the
    /// audience being built), for the leak check.
    pub cut: Vec<Range<usize>>,
}

/// Why an internal link could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkError {
    /// Message.
    pub message: String,
    /// Help line.
    pub help: Option<String>,
}

/// A link target the site resolves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// `@type:id#anchor` or `@list:type`, without the `@`.
    Ref(&'a str),
    /// A path: to a Markdown file (`impressum.md`, `../rates/preise.md#areas`) or a
    /// site path (`/faq/`).
    Path(&'a str),
}

/// What the site makes of a link target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// The page's URL; `anchor_ref` is the `type:id#anchor` whose anchor the caller
    /// verifies once every page's headings are known.
    Url {
        /// The URL.
        url: String,
        /// The reference to check the anchor of.
        anchor_ref: Option<String>,
    },
    /// The target exists but is for an audience this build is not for: the link
    /// reads as its text, with a warning naming the audience.
    Hidden {
        /// The audience's id.
        audience: String,
    },
    /// Not a page (a static file): the target stays as written.
    Keep,
}

/// Settings for one render.
pub struct Context<'a> {
    /// Language of the text (callout titles).
    pub lang: &'a str,
    /// Shared highlighter.
    pub highlighter: &'a Highlighter,
    /// Resolves an internal link target: `@…` references and paths within the site.
    pub resolve: &'a dyn Fn(Target<'_>) -> Result<Resolved, LinkError>,
    /// The audiences `> [!ID]` blocks may name.
    pub audiences: &'a [BlockAudience],
    /// Ids the page uses already (checklist items, form fields, template sections);
    /// headings with the same text get a numbered id instead.
    pub reserved: &'a [String],
    /// Whether raw HTML in the text is passed through (`[markdown] raw_html` of
    /// `site.toml`, default true); when false it is escaped and reads as text.
    pub raw_html: bool,
}

/// An audience a block can be for (`> [!ASSISTANTS]`).
#[derive(Debug, Clone)]
pub struct BlockAudience {
    /// Its id, matched case-insensitively.
    pub id: String,
    /// The block's title when shown ("Nur für Assistenzen").
    pub label: String,
    /// Whether this build shows its blocks; hidden blocks are cut whole.
    pub shown: bool,
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

/// A code block whose text is being collected.
#[derive(Default)]
struct OpenCode {
    /// The language of a fenced block (empty when none is given).
    lang: String,
    /// The code.
    text: String,
    /// Where the block starts in the Markdown text.
    start: usize,
    /// Indented by a tab or four spaces rather than fenced.
    indented: bool,
}

/// Renders a Markdown document.
pub fn render(text: &str, cx: &Context<'_>) -> Rendered {
    let mut out = Rendered::default();
    let used_ids: HashSet<String> = cx.reserved.iter().cloned().collect();
    // Raw HTML becomes text first: the callouts added below are vpagen's own.
    let parsed: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(text, options())
        .into_offset_iter()
        .map(|(event, range)| {
            let event = if cx.raw_html {
                event
            } else {
                html_as_text(event)
            };
            (event, range)
        })
        .collect();
    let blocks = audience_blocks(text, parsed, cx, &mut out);
    let mut writer = Writer {
        text,
        cx,
        out,
        events: Vec::new(),
        used_ids,
        heading: None,
        code: None,
        plain_link: false,
    };
    for (event, range) in blocks {
        writer.event(event, range);
    }
    let mut out = writer.out;
    // Room for the usual HTML of this much Markdown, then no more than it takes: a
    // build holds every page's HTML until the pages are written.
    out.html.reserve(text.len() + text.len() / 2);
    pulldown_cmark::html::push_html(&mut out.html, writer.events.into_iter());
    out.html.shrink_to_fit();
    out
}

/// One render under way: the events for the HTML writer so far, and the heading or
/// code block being collected.
struct Writer<'a, 'c> {
    /// The Markdown text.
    text: &'a str,
    cx: &'c Context<'c>,
    out: Rendered,
    /// The events to write as HTML.
    events: Vec<Event<'a>>,
    /// Heading ids given so far (and the reserved ones).
    used_ids: HashSet<String>,
    heading: Option<OpenHeading<'a>>,
    code: Option<OpenCode>,
    /// Inside a link to a hidden item: its end tag is dropped with its start.
    plain_link: bool,
}

impl<'a> Writer<'a, '_> {
    /// Takes the next event: into the open code block or heading, or as it comes.
    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        if let Some(open) = self.code.as_mut() {
            match event {
                Event::Text(t) => open.text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let open = self.code.take().unwrap_or_default();
                    let html = finish_code(self.text, &open, range.end, self.cx, &mut self.out);
                    self.events.push(html);
                }
                _ => {}
            }
            return;
        }
        if let Some((_, _, _, buf)) = self.heading.as_mut() {
            if let Event::End(TagEnd::Heading(_)) = event {
                self.close_heading();
            } else {
                buf.extend(link_event(
                    event,
                    range,
                    self.cx,
                    &mut self.out,
                    &mut self.plain_link,
                ));
            }
            return;
        }
        self.block_event(event, range);
    }

    /// The open heading, with a unique id, written and added to the table of contents.
    fn close_heading(&mut self) {
        let (level, id, classes, inner) =
            self.heading
                .take()
                .unwrap_or((HeadingLevel::H2, None, Vec::new(), Vec::new()));
        let title = events_text(&inner);
        let base = id.map_or_else(|| crate::util::slugify(&title), |i| i.to_string());
        let id = unique_id(&base, &mut self.used_ids);
        self.out.toc.push(Heading {
            level: level as u8,
            id: id.clone(),
            title,
        });
        self.events.push(Event::Start(Tag::Heading {
            level,
            id: Some(id.into()),
            classes,
            attrs: Vec::new(),
        }));
        self.events.extend(inner);
        self.events.push(Event::End(TagEnd::Heading(level)));
    }

    /// An event outside headings and code blocks: opens those, makes callouts,
    /// scrollable tables and prefixed footnote ids, and rewrites links.
    fn block_event(&mut self, event: Event<'a>, range: Range<usize>) {
        let events = &mut self.events;
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => self.heading = Some((level, id, classes, Vec::new())),
            Event::Start(Tag::CodeBlock(kind)) => self.code = Some(open_code(kind, range.start)),
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = callout(kind, self.cx.lang);
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
            other => events.extend(link_event(
                other,
                range,
                self.cx,
                &mut self.out,
                &mut self.plain_link,
            )),
        }
    }
}

/// A code block of `kind` that starts at `start`, open for its text.
fn open_code(kind: CodeBlockKind<'_>, start: usize) -> OpenCode {
    let (lang, indented) = match kind {
        CodeBlockKind::Fenced(info) => (
            info.split_whitespace().next().unwrap_or("").to_owned(),
            false,
        ),
        CodeBlockKind::Indented => (String::new(), true),
    };
    OpenCode {
        lang,
        text: String::new(),
        start,
        indented,
    }
}

/// Raw HTML as text: an HTML block becomes a paragraph of its escaped source, inline
/// HTML escaped text.
fn html_as_text(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
        other => other,
    }
}

/// The scheme of a URL as a browser reads it (lower-case) and the rest after the
/// colon, if it has one. Leading and trailing spaces and control characters are
/// dropped and tabs and line breaks removed first, as the URL standard does, so
/// `java\tscript:` counts as `javascript:`.
fn url_scheme(url: &str) -> Option<(String, String)> {
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, rest) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| (scheme.to_ascii_lowercase(), rest.to_owned()))
}

/// Why a link (or image) target must not be used: it runs script, or it is a
/// document inside the link (`data:`); `data:image/…` is allowed as an image source.
fn refused_target(url: &str, is_image: bool) -> Option<Problem> {
    let (scheme, rest) = url_scheme(url)?;
    let (label, help) = match scheme.as_str() {
        "javascript" | "vbscript" => (
            "runs script in the reader's browser",
            "link to a page with `@type:id` or to a web address (https://…); scripts belong in the theme",
        ),
        "data" => {
            let mime = rest.trim_start().get(..6).unwrap_or_default();
            if is_image && mime.eq_ignore_ascii_case("image/") {
                return None;
            }
            if is_image {
                (
                    "not image data",
                    "only `data:image/…` may be an image source; or put the image under static/ and use its path",
                )
            } else {
                (
                    "a document inside the link",
                    "put the file under static/ and link to its path, e.g. `/downloads/file.pdf`",
                )
            }
        }
        _ => return None,
    };
    let what = if is_image {
        "image sources"
    } else {
        "link targets"
    };
    Some(Problem {
        range: 0..0,
        is_error: true,
        message: format!("`{scheme}:` URLs are not allowed as {what}"),
        label: label.to_owned(),
        help: Some(help.to_owned()),
    })
}

/// An event with its byte range in the Markdown text.
type Spanned<'a> = (Event<'a>, Range<usize>);

/// The events of a render, with a look at the next one.
type Events<'a> = std::iter::Peekable<std::vec::IntoIter<Spanned<'a>>>;

/// Audience blocks: a block quote whose first line starts with `[!ID]`, ID an
/// audience. Hidden ones are cut with everything in them; shown ones become a callout
/// titled with the audience. `[!X]` naming neither an audience nor a GFM alert kind is
/// an error, so that a misspelt audience never publishes its block.
fn audience_blocks<'a>(
    source: &str,
    events: Vec<Spanned<'a>>,
    cx: &Context<'_>,
    out: &mut Rendered,
) -> Vec<Spanned<'a>> {
    let mut blocks = AudienceBlocks {
        source,
        cx,
        out,
        result: Vec::with_capacity(events.len()),
        open: Vec::new(),
    };
    let mut events = events.into_iter().peekable();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::BlockQuote(None))
                if matches!(events.peek(), Some((Event::Start(Tag::Paragraph), _))) =>
            {
                blocks.quote((event, range), &mut events);
            }
            Event::Start(Tag::BlockQuote(None)) => {
                blocks.open.push(false);
                blocks.result.push((event, range));
            }
            Event::End(TagEnd::BlockQuote(None)) => {
                if blocks.open.pop() == Some(true) {
                    blocks
                        .result
                        .push((Event::Html("</aside>\n".into()), range));
                } else {
                    blocks.result.push((event, range));
                }
            }
            _ => blocks.result.push((event, range)),
        }
    }
    blocks.result
}

/// The pass of [`audience_blocks`] under way.
struct AudienceBlocks<'a, 'r> {
    /// The Markdown text.
    source: &'r str,
    cx: &'r Context<'r>,
    out: &'r mut Rendered,
    /// The events passed on.
    result: Vec<Spanned<'a>>,
    /// Per open plain block quote: whether it is an audience block.
    open: Vec<bool>,
}

impl<'a> AudienceBlocks<'a, '_> {
    /// A plain block quote (`quote`) whose first paragraph is next in `events`: an
    /// audience block when that paragraph starts with the `[!ID]` of an audience.
    fn quote(&mut self, quote: Spanned<'a>, events: &mut Events<'a>) {
        let paragraph = events
            .next()
            .unwrap_or((Event::Start(Tag::Paragraph), 0..0));
        // The paragraph's leading text, merged (`[`, `!ID` and `]` may arrive as
        // separate events).
        let mut lead = String::new();
        let mut lead_range = paragraph.1.clone();
        while let Some((Event::Text(t), r)) = events.peek() {
            lead.push_str(t);
            lead_range.end = r.end;
            events.next();
        }
        let parsed = marker(&lead).filter(|(name, _)| !is_alert_kind(name));
        let Some((name, rest)) = parsed else {
            if marker(&lead).is_none() {
                self.unreadable_marker(&paragraph.1);
            }
            self.plain_quote(quote, paragraph, (lead, lead_range));
            return;
        };
        let Some(audience) = self
            .cx
            .audiences
            .iter()
            .find(|a| a.id.eq_ignore_ascii_case(name))
        else {
            let problem = unknown_audience(name, &lead_range, self.cx);
            self.out.problems.push(problem);
            self.plain_quote(quote, paragraph, (lead, lead_range));
            return;
        };
        if audience.shown {
            let rest = rest.trim_start().to_owned();
            self.open_callout(audience, quote.1, paragraph, (rest, lead_range), events);
        } else {
            self.cut(&quote.1, events);
        }
    }

    /// A quote that is no audience block, passed on with its paragraph and lead text.
    fn plain_quote(
        &mut self,
        quote: Spanned<'a>,
        paragraph: Spanned<'a>,
        (lead, lead_range): (String, Range<usize>),
    ) {
        self.open.push(false);
        self.result.push(quote);
        self.result.push(paragraph);
        if !lead.is_empty() {
            self.result.push((Event::Text(lead.into()), lead_range));
        }
    }

    /// An error when the quote's first line (from the paragraph at `paragraph`) starts
    /// with `[!` as written, though no marker could be read from its text.
    fn unreadable_marker(&mut self, paragraph: &Range<usize>) {
        // The quote's first line as written, before emphasis and the like.
        let first_line = self
            .source
            .get(paragraph.start..)
            .and_then(|t| t.lines().next())
            .unwrap_or("");
        let written = first_line.trim_start_matches(['*', '_', ' ', '\t']);
        if written.starts_with("[!") {
            self.out.problems.push(Problem {
                range: paragraph.start..paragraph.start + first_line.len(),
                is_error: true,
                message: "this quote starts like an audience block but its marker cannot be read".to_owned(),
                label: "not `[!ID]`".to_owned(),
                help: Some("write the marker first in the quote, as `[!ID]` with an audience id of site.toml and no spaces or emphasis, e.g. `> [!INTERNAL]`".to_owned()),
            });
        }
    }

    /// A block for a hidden audience: cut from `range` up to the quote's end.
    fn cut(&mut self, range: &Range<usize>, events: &mut Events<'a>) {
        let mut depth = 1;
        let mut end = range.end;
        for (e, r) in events.by_ref() {
            match e {
                Event::Start(Tag::BlockQuote(_)) => depth += 1,
                Event::End(TagEnd::BlockQuote(_)) => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = r.end;
                break;
            }
        }
        self.out.cut.push(range.start..end.max(range.end));
    }

    /// A block for a shown audience: a callout titled with it, whose paragraph goes
    /// on with the `rest` of its lead text after the marker.
    fn open_callout(
        &mut self,
        audience: &BlockAudience,
        range: Range<usize>,
        paragraph: Spanned<'a>,
        (rest, lead_range): (String, Range<usize>),
        events: &mut Events<'a>,
    ) {
        self.open.push(true);
        self.result.push((
            Event::Html(
                format!(
                    "<aside class=\"callout callout-audience\" role=\"note\"><p class=\"callout-title\">{}</p>\n",
                    crate::util::escape_html(&audience.label)
                )
                .into(),
            ),
            range,
        ));
        if !rest.is_empty() {
            self.result.push(paragraph);
            self.result.push((Event::Text(rest.into()), lead_range));
        } else if matches!(
            events.peek(),
            Some((Event::SoftBreak | Event::HardBreak, _))
        ) {
            // The marker had its own line; the paragraph goes on below it.
            events.next();
            self.result.push(paragraph);
        } else if matches!(events.peek(), Some((Event::End(TagEnd::Paragraph), _))) {
            events.next();
        } else {
            self.result.push(paragraph);
        }
    }
}

/// The error for `[!name]` (at the start of `lead_range`) naming no audience and no
/// callout.
fn unknown_audience(name: &str, lead_range: &Range<usize>, cx: &Context<'_>) -> Problem {
    let ids: Vec<&str> = cx.audiences.iter().map(|a| a.id.as_str()).collect();
    // `[!` + name + `]`, where the text starts.
    let marker_len = name.len() + 3;
    Problem {
        range: lead_range.start..(lead_range.start + marker_len).min(lead_range.end),
        is_error: true,
        message: format!("`[!{name}]` names no audience and no callout"),
        label: "unknown block type".to_owned(),
        help: Some(
            match crate::diag::did_you_mean(&name.to_ascii_lowercase(), ids.iter().copied()) {
                Some(s) => format!("did you mean `[!{}]`?", s.to_uppercase()),
                None => format!(
                    "audiences of site.toml: {}; callouts: NOTE, TIP, IMPORTANT, WARNING, CAUTION",
                    ids.join(", ")
                ),
            },
        ),
    }
}

/// Whether `name` is a GFM alert kind (`NOTE`, `TIP`, `IMPORTANT`, `WARNING`,
/// `CAUTION`): such quotes are pulldown-cmark's, or plain quotes when the marker does
/// not stand alone on its line.
pub fn is_alert_kind(name: &str) -> bool {
    ["note", "tip", "important", "warning", "caution"]
        .iter()
        .any(|k| k.eq_ignore_ascii_case(name))
}

/// Splits `[!ID] rest` into the id and the rest.
pub(crate) fn marker(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix("[!")?;
    let end = inner.find(']')?;
    let name = &inner[..end];
    (!name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    .then(|| (name, &inner[end + 1..]))
}

/// Rewrites link and image targets: refuses script URLs, resolves `@type:id`. A link
/// to a hidden item loses its start and end tags and reads as its text.
fn link_event<'a>(
    event: Event<'a>,
    range: Range<usize>,
    cx: &Context<'_>,
    out: &mut Rendered,
    plain_link: &mut bool,
) -> Option<Event<'a>> {
    if *plain_link && matches!(event, Event::End(TagEnd::Link | TagEnd::Image)) {
        *plain_link = false;
        return None;
    }
    let link = match LinkStart::of(event) {
        Ok(link) => link,
        Err(other) => return Some(other),
    };
    let dest_url = &link.dest_url;
    if let Some(problem) = refused_target(dest_url, link.is_image) {
        out.problems.push(Problem { range, ..problem });
        return Some(link.with_dest("#".into()));
    }
    let target = match dest_url.strip_prefix('@') {
        Some(r) => Target::Ref(r),
        None if is_site_path(dest_url) => Target::Path(dest_url),
        None => return Some(link.with_dest(dest_url.clone())),
    };
    let url = match (cx.resolve)(target) {
        Ok(Resolved::Keep) => return Some(link.with_dest(dest_url.clone())),
        Ok(Resolved::Hidden { audience }) => {
            out.problems.push(Problem {
                range,
                is_error: false,
                message: format!("`{dest_url}` is only for the audience `{audience}`"),
                label: "read as plain text in this build".to_owned(),
                help: Some(format!(
                    "reword the sentence so that it reads well without the link, put it in a `> [!{}]` block, or make the target visible to this audience",
                    audience.to_uppercase()
                )),
            });
            *plain_link = true;
            return None;
        }
        Ok(Resolved::Url { url, anchor_ref }) => {
            if let Some(target) = anchor_ref {
                out.anchors.push(AnchorRef {
                    target,
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
    Some(link.with_dest(url.into()))
}

/// The start tag of a link or an image, taken apart to give it another target.
struct LinkStart<'a> {
    is_image: bool,
    link_type: pulldown_cmark::LinkType,
    dest_url: CowStr<'a>,
    title: CowStr<'a>,
    id: CowStr<'a>,
}

impl<'a> LinkStart<'a> {
    /// The parts of a link or image start tag; any other event back as it is.
    fn of(event: Event<'a>) -> Result<Self, Event<'a>> {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Ok(Self {
                is_image: false,
                link_type,
                dest_url,
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Ok(Self {
                is_image: true,
                link_type,
                dest_url,
                title,
                id,
            }),
            other => Err(other),
        }
    }

    /// The start tag again, leading to `dest_url`.
    fn with_dest(&self, dest_url: CowStr<'a>) -> Event<'a> {
        let (link_type, title, id) = (self.link_type, self.title.clone(), self.id.clone());
        if self.is_image {
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            })
        } else {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
    }
}

/// A target inside the site: a path from its root (`/faq/`, not `//host/…`), or a
/// relative path to a Markdown file (`impressum.md`, `../rates/preise.md#areas`).
fn is_site_path(dest: &str) -> bool {
    if dest.starts_with('/') {
        return !dest.starts_with("//");
    }
    let path = dest.split(['#', '?']).next().unwrap_or_default();
    !path.contains(':')
        && std::path::Path::new(path)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

/// The HTML of a code block that ends at `end`, after checking that a fenced block is
/// closed and that an indented one is meant as code.
fn finish_code(
    text: &str,
    open: &OpenCode,
    end: usize,
    cx: &Context<'_>,
    out: &mut Rendered,
) -> Event<'static> {
    let range = open.start..end;
    if open.indented {
        check_indented_prose(&open.text, range.clone(), out);
    } else {
        check_closed(text, range.clone(), out);
    }
    Event::Html(code_block(&open.lang, &open.text, range, cx, out).into())
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

/// Warns about an indented code block that reads as prose: a paragraph that starts
/// with a tab (or four spaces) after a blank line is code in Markdown, shown in a
/// monospaced box, which an author writing text rarely means.
fn check_indented_prose(code: &str, range: Range<usize>, out: &mut Rendered) {
    if !reads_as_prose(code) {
        return;
    }
    let first_line = code.lines().next().map_or(0, str::len);
    out.problems.push(Problem {
        range: range.start..range.start + first_line,
        is_error: false,
        message: "this paragraph is indented and becomes a code block".to_owned(),
        label: "shown as code".to_owned(),
        help: Some("remove the indentation, or use a fenced block (```) for code".to_owned()),
    });
}

/// Whether the text of a code block reads as sentences: at least three words, mostly
/// letters, ending like a sentence, and none of the characters code is made of.
fn reads_as_prose(code: &str) -> bool {
    const CODE: [char; 14] = [
        '{', '}', '[', ']', '<', '>', ';', '=', '|', '`', '\\', '$', '#', '_',
    ];
    let text = code.trim();
    let words = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    !text.contains(CODE)
        && words >= 3
        && letters * 4 >= visible * 3
        && text.ends_with(['.', '!', '?', ':', '…', ')', '“', '"'])
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
    let de = crate::locale::Locale::of(lang).is_german();
    match kind {
        BlockQuoteKind::Note => ("note", if de { "Hinweis" } else { "Note" }),
        BlockQuoteKind::Tip => ("tip", if de { "Tipp" } else { "Tip" }),
        BlockQuoteKind::Important => ("important", if de { "Wichtig" } else { "Important" }),
        BlockQuoteKind::Warning => ("warning", if de { "Warnung" } else { "Warning" }),
        BlockQuoteKind::Caution => ("caution", if de { "Vorsicht" } else { "Caution" }),
    }
}

/// The text of a heading's events, without markup.
fn events_text(events: &[Event<'_>]) -> String {
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

    fn resolve(target: Target<'_>) -> Result<Resolved, LinkError> {
        let target = match target {
            Target::Ref(r) => r,
            Target::Path("/logo.svg" | "/javascript:alert") => return Ok(Resolved::Keep),
            Target::Path(p) => p,
        };
        match target.split('#').next() {
            Some("service:telefonservice" | "/leistungen/telefonservice/") => Ok(Resolved::Url {
                url: format!(
                    "/leistungen/telefonservice/{}",
                    target
                        .split_once('#')
                        .map(|(_, a)| format!("#{a}"))
                        .unwrap_or_default()
                ),
                anchor_ref: target.contains('#').then(|| target.to_owned()),
            }),
            Some("checklist:intern") => Ok(Resolved::Hidden {
                audience: "internal".to_owned(),
            }),
            _ => Err(LinkError {
                message: format!("unknown target `{target}`"),
                help: None,
            }),
        }
    }

    fn md(text: &str) -> Rendered {
        md_with(text, true)
    }

    /// `assistants` is shown, `internal` hidden.
    fn audiences() -> Vec<BlockAudience> {
        vec![
            BlockAudience {
                id: "assistants".to_owned(),
                label: "Nur für Assistenzen".to_owned(),
                shown: true,
            },
            BlockAudience {
                id: "internal".to_owned(),
                label: "Nur intern".to_owned(),
                shown: false,
            },
        ]
    }

    fn md_with(text: &str, raw_html: bool) -> Rendered {
        let h = Highlighter::new();
        render(
            text,
            &Context {
                lang: "de",
                highlighter: &h,
                resolve: &resolve,
                audiences: &audiences(),
                reserved: &[],
                raw_html,
            },
        )
    }

    #[test]
    fn script_urls_are_refused_with_the_range_of_the_link() {
        let text = "[a](javascript:alert(1)) [b]( JaVaScRiPt:alert(1)) [c](java&#x09;script&colon;alert(1))\n\
                    <javascript:alert(1)> [d][r] ![e](vbscript:msgbox) [f](data:image/png;base64,AA)\n\
                    ![g](data:text/html,<script>alert(1)</script>)\n\n\
                    [r]: javascript:alert(1)\n";
        let r = md(text);
        let refused: Vec<&str> = r.problems.iter().map(|p| &text[p.range.clone()]).collect();
        assert_eq!(
            refused,
            [
                "[a](javascript:alert(1))",
                "[b]( JaVaScRiPt:alert(1))",
                "[c](java&#x09;script&colon;alert(1))",
                "<javascript:alert(1)>",
                "[d][r]",
                "![e](vbscript:msgbox)",
                "[f](data:image/png;base64,AA)",
                "![g](data:text/html,<script>alert(1)</script>)",
            ]
        );
        assert!(r.problems.iter().all(|p| p.is_error && p.help.is_some()));
        assert!(
            r.problems[0].message.contains("`javascript:`"),
            "{}",
            r.problems[0].message
        );
        let lower = r.html.to_ascii_lowercase();
        for scheme in ["javascript:", "vbscript:", "data:"] {
            assert!(
                !lower.contains(&format!("=\"{scheme}")),
                "{scheme} in {}",
                r.html
            );
        }
    }

    #[test]
    fn ordinary_targets_and_image_data_pass() {
        let text = "[a](https://example.com/javascript:x) [b](/javascript:alert) [c](mailto:a@b.de) \
                    [d](tel:+49123) [e](#javascript) ![f](data:image/png;base64,AA)";
        let r = md(text);
        assert_eq!(r.problems, []);
        for href in [
            "href=\"https://example.com/javascript:x\"",
            "href=\"/javascript:alert\"",
            "href=\"mailto:a@b.de\"",
            "src=\"data:image/png;base64,AA\"",
        ] {
            assert!(r.html.contains(href), "{href} in {}", r.html);
        }
    }

    #[test]
    fn raw_html_passes_by_default_and_is_escaped_when_off() {
        let text = "Ein <b onclick=\"alert(1)\">fetter</b> Satz.\n\n<div onclick=\"alert(2)\">\nBlock\n</div>\n\n## Titel <i>x</i>\n";
        let on = md_with(text, true);
        assert!(
            on.html.contains("<b onclick=\"alert(1)\">fetter</b>"),
            "{}",
            on.html
        );
        assert!(
            on.html.contains("<div onclick=\"alert(2)\">"),
            "{}",
            on.html
        );
        let off = md_with(text, false);
        assert!(
            off.html
                .contains("Ein &lt;b onclick=\"alert(1)\"&gt;fetter&lt;/b&gt; Satz."),
            "{}",
            off.html
        );
        assert!(
            off.html
                .contains("<p>&lt;div onclick=\"alert(2)\"&gt;\nBlock\n&lt;/div&gt;\n</p>"),
            "{}",
            off.html
        );
        assert!(
            off.html.contains("&lt;i&gt;x&lt;/i&gt;</h2>"),
            "{}",
            off.html
        );
        assert!(
            !off.html.contains("<b") && !off.html.contains("<div") && !off.html.contains("<i>"),
            "{}",
            off.html
        );
        assert_eq!(off.toc[0].title, "Titel <i>x</i>");
        // Markdown itself still works.
        assert!(
            md_with("**fett** [a](https://example.com)", false)
                .html
                .contains("<strong>fett</strong> <a href=\"https://example.com\">a</a>")
        );
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
    fn hidden_audience_blocks_are_cut_whole_and_shown_ones_titled() {
        let text = "Vorher.\n\n> [!INTERNAL]\n> Tresorcode 4711.\n>\n> ## Notfall\n>\n> > zitiert\n\n\
                    > [!internal] Gleiche Zeile geheim.\n\n\
                    > [!Assistants]\n> Für alle Assistenzen.\n\n\
                    > [!ASSISTANTS] In einer Zeile.\n\nNachher.\n";
        let r = md(text);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        for secret in [
            "Tresorcode",
            "Notfall",
            "zitiert",
            "geheim",
            "INTERNAL",
            "internal",
        ] {
            assert!(!r.html.contains(secret), "{secret} leaked: {}", r.html);
        }
        assert!(
            r.toc.is_empty(),
            "a hidden heading is in the TOC: {:?}",
            r.toc
        );
        assert_eq!(r.html.matches("<aside class=\"callout callout-audience\" role=\"note\"><p class=\"callout-title\">Nur für Assistenzen</p>").count(), 2, "{}", r.html);
        assert!(
            r.html.contains("<p>Für alle Assistenzen.</p>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<p>In einer Zeile.</p>"), "{}", r.html);
        assert!(
            r.html.contains("Vorher.") && r.html.contains("Nachher."),
            "{}",
            r.html
        );
        assert!(!r.html.contains("[!"), "{}", r.html);
    }

    #[test]
    fn a_misspelt_audience_block_is_an_error_not_a_quote() {
        let text = "> [!INTERN]\n> Tresorcode 4711.\n";
        let r = md(text);
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert!(r.problems[0].is_error);
        assert_eq!(&text[r.problems[0].range.clone()], "[!INTERN]");
        assert_eq!(
            r.problems[0].help.as_deref(),
            Some("did you mean `[!INTERNAL]`?")
        );
        let r = md("> [!INTERN] Tresorcode 4711.\n");
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        // Markers that cannot be read are errors too, never plain quotes.
        for text in [
            "> [!INTERNAL ]\n> Tresorcode 4711.\n",
            "> [! INTERNAL]\n> Tresorcode 4711.\n",
            "> *[!INTERNAL]* Tresorcode 4711.\n",
            "> [!INTERNAL\n> Tresorcode 4711.\n",
        ] {
            let r = md(text);
            assert_eq!(r.problems.len(), 1, "{text:?}: {:?}", r.problems);
            assert!(r.problems[0].is_error);
            assert!(
                !text[r.problems[0].range.clone()].starts_with("> "),
                "{text:?}"
            );
        }
        // Plain quotes and GFM alerts are untouched, also an alert name with text after
        // it (GFM reads that as a plain quote).
        assert!(
            md("> [Link](https://example.org) und mehr\n")
                .problems
                .is_empty()
        );
        assert!(md("> [!NOTE]\n> Hinweis.\n").html.contains("callout-note"));
        let r = md("> [!note] Hinweis in einer Zeile.\n");
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert!(r.html.contains("<blockquote>"), "{}", r.html);
    }

    #[test]
    fn shown_audience_blocks_are_callouts_also_with_raw_html_off() {
        let r = md_with("> [!ASSISTANTS]\n> Für alle <b>Assistenzen</b>.\n", false);
        assert!(r.html.contains("<aside class=\"callout callout-audience\" role=\"note\"><p class=\"callout-title\">Nur für Assistenzen</p>"), "{}", r.html);
        assert!(
            r.html.contains("&lt;b&gt;Assistenzen&lt;/b&gt;"),
            "raw HTML stays text: {}",
            r.html
        );
        assert!(!r.html.contains("&lt;aside"), "{}", r.html);
    }

    #[test]
    fn links_to_hidden_items_read_as_their_text() {
        let r = md(
            "Siehe [die interne Liste](@checklist:intern) und [Telefon](@service:telefonservice).\n",
        );
        assert!(
            r.html.contains(
                "Siehe die interne Liste und <a href=\"/leistungen/telefonservice/\">Telefon</a>."
            ),
            "{}",
            r.html
        );
        let [p] = &r.problems[..] else {
            panic!("one warning expected: {:?}", r.problems);
        };
        assert!(
            !p.is_error && p.message.contains("audience `internal`"),
            "{p:?}"
        );
        assert_eq!(p.range, 6..44, "the link's range");
    }

    #[test]
    fn site_paths_and_markdown_files_are_resolved_by_the_site() {
        let r = md(
            "[a](/leistungen/telefonservice/#preis) [b](../rates/fehlt.md) [c](https://x.de/a.md) [d](/logo.svg) [e](//cdn.example/x)\n",
        );
        assert!(
            r.html
                .contains("<a href=\"/leistungen/telefonservice/#preis\">a</a>"),
            "{}",
            r.html
        );
        for kept in ["https://x.de/a.md", "/logo.svg", "//cdn.example/x"] {
            assert!(
                r.html.contains(&format!("href=\"{kept}\"")),
                "{kept}: {}",
                r.html
            );
        }
        let errors: Vec<&str> = r.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(errors, ["unknown target `../rates/fehlt.md`"]);
        assert_eq!(r.anchors.len(), 1, "the anchor is checked later");
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
    fn an_indented_paragraph_of_prose_warns_and_indented_code_does_not() {
        let text = "Erster Absatz.\n\n\tDieser Absatz ist versehentlich eingerückt.\n\tEr hat zwei Zeilen.\n";
        let r = md(text);
        assert!(r.html.contains("<pre"), "still a code block: {}", r.html);
        let [p] = &r.problems[..] else {
            panic!("one warning expected: {:?}", r.problems);
        };
        assert!(!p.is_error);
        assert_eq!(
            p.message,
            "this paragraph is indented and becomes a code block"
        );
        assert_eq!(
            &text[p.range.clone()],
            "Dieser Absatz ist versehentlich eingerückt."
        );
        for code in [
            "Text.\n\n    let preis = 45;\n",
            "Text.\n\n    npm install vpagen\n",
            "Text.\n\n    GET /api/preise HTTP/1.1\n",
            "Text.\n\n    2025-01-01  40.00\n",
            "- Punkt\n\n    Fortsetzung des Punkts in der Liste.\n",
        ] {
            assert_eq!(md(code).problems, [], "{code}");
        }
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
