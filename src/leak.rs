//! The leak check of audience builds: no text of an item or block hidden from the
//! audience may appear in a file written for it.
//!
//! The hidden texts are cut into sentences (list items, table rows and headings count
//! as sentences), and those into phrases: every run of [`WINDOW`] words, and sentences
//! of [`MIN_WORDS`] to `WINDOW` words whole. Each output file (gunzipped, with JSON
//! escapes, entities and tags undone) is read as words, and every run of those lengths
//! is looked up. Words are compared lower-cased, so markup, line breaks
//! and punctuation do not hide a copy.
//!
//! Phrases that visible items state themselves are left out: what the author of a
//! visible page wrote is published on purpose, even where a hidden checklist says the
//! same. So are the titles of hidden items (a reference to one is shown as its title in
//! plain text), `site.toml` and the theme's strings. What remains is text that only
//! hidden content holds; found anywhere else (a template, the `extra` data of a page,
//! the search index, a JSON export) it is a leak.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Read as _;
use std::ops::Range;

use crate::diag::{Diagnostic, FileId};
use crate::markdown::{Breaks, plain_text};

/// Words per phrase cut from long texts.
pub const WINDOW: usize = 8;
/// Shorter lines and paragraphs are phrases when they have at least this many words.
pub const MIN_WORDS: usize = 4;

/// A hidden text to cut into phrases.
pub struct Hidden<'a> {
    /// The file it is in.
    pub file: FileId,
    /// The file's text.
    pub text: &'a str,
    /// The hidden part of the text.
    pub range: Range<usize>,
    /// Front matter (phrases per line) or Markdown (phrases per paragraph).
    pub front_matter: bool,
    /// What is hidden, for the message: "checklist `it-sicherheit`".
    pub what: String,
}

/// The text of a visible item: its front matter (without `extra`, the free data for
/// themes) or its Markdown.
pub struct Visible<'a> {
    /// The file's text.
    pub text: &'a str,
    /// The part of the file.
    pub range: Range<usize>,
    /// Front matter or Markdown.
    pub front_matter: bool,
    /// Parts of the range that are not visible (audience blocks cut from Markdown
    /// fields, see [`blocks_in_strings`]).
    pub holes: Vec<Range<usize>>,
}

/// Where a phrase comes from.
#[derive(Debug, Clone)]
pub struct Origin {
    /// File.
    pub file: FileId,
    /// Byte range of the phrase.
    pub span: Range<usize>,
    /// What is hidden.
    pub what: String,
}

/// The phrases of the hidden texts of one build.
pub struct LeakCheck {
    audience: String,
    phrases: HashMap<u64, usize>,
    origins: Vec<Origin>,
    /// Phrase lengths present, ascending.
    lengths: Vec<usize>,
}

impl LeakCheck {
    /// The phrases of `hidden` that neither `visible` items nor the `allowed` texts
    /// (titles of hidden items, settings, theme strings) hold; `None` when there are
    /// none.
    pub fn new(
        audience: &str,
        hidden: &[Hidden<'_>],
        visible: &[Visible<'_>],
        allowed: &[&str],
    ) -> Option<LeakCheck> {
        let mut check = LeakCheck {
            audience: audience.to_owned(),
            phrases: HashMap::new(),
            origins: Vec::new(),
            lengths: Vec::new(),
        };
        let mut lengths = HashSet::new();
        for h in hidden {
            let mut phrases = Vec::new();
            for unit in units(h.text, h.range.clone(), h.front_matter, false) {
                let words = source_words(h.text, unit);
                let hashes: Vec<u64> = words.iter().map(|w| w.hash).collect();
                if words.len() >= WINDOW {
                    for (i, hash) in windows(&hashes, WINDOW) {
                        phrases.push((hash, words[i].span.start..words[i + WINDOW - 1].span.end));
                    }
                    lengths.insert(WINDOW);
                } else if words.len() >= MIN_WORDS {
                    let n = words.len();
                    let (_, hash) = windows(&hashes, n).next().unwrap_or((0, 0));
                    phrases.push((hash, words[0].span.start..words[n - 1].span.end));
                    lengths.insert(n);
                }
            }
            for (hash, span) in phrases {
                check.phrases.entry(hash).or_insert_with(|| {
                    check.origins.push(Origin {
                        file: h.file,
                        span,
                        what: h.what.clone(),
                    });
                    check.origins.len() - 1
                });
            }
        }
        let mut lengths: Vec<usize> = lengths.into_iter().collect();
        lengths.sort_unstable();
        let mut forget = |words: Vec<Word>| {
            let hashes: Vec<u64> = words.iter().map(|w| w.hash).collect();
            for &n in &lengths {
                for (_, hash) in windows(&hashes, n) {
                    check.phrases.remove(&hash);
                }
            }
        };
        for v in visible {
            for unit in units(v.text, v.range.clone(), v.front_matter, true) {
                for piece in without(unit, &v.holes) {
                    forget(source_words(v.text, piece));
                }
            }
        }
        for text in allowed {
            forget(words(text, 0));
        }
        check.lengths = lengths;
        (!check.phrases.is_empty()).then_some(check)
    }

    /// The first hidden phrase in an output file, if any: its index.
    pub fn scan(&self, bytes: &[u8]) -> Option<usize> {
        let text = readable(bytes);
        let hashes: Vec<u64> = words(&text, 0).iter().map(|w| w.hash).collect();
        self.lengths.iter().find_map(|&n| {
            windows(&hashes, n).find_map(|(_, hash)| self.phrases.get(&hash).copied())
        })
    }

    /// Where phrase `index` comes from.
    pub fn origin(&self, index: usize) -> &Origin {
        &self.origins[index]
    }

    /// The errors for hidden text found in output files: one per hidden phrase, naming
    /// the files (paths relative to the output folder) it was found in.
    pub fn diagnostics(&self, mut found: Vec<(String, usize)>) -> Vec<Diagnostic> {
        /// Files named per phrase; the rest are counted.
        const SHOWN: usize = 5;
        found.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        let mut out = Vec::new();
        for group in found.chunk_by(|a, b| a.1 == b.1) {
            let origin = &self.origins[group[0].1];
            let paths: Vec<&str> = group.iter().map(|(p, _)| p.as_str()).collect();
            let mut files = paths[..paths.len().min(SHOWN)].join(", ");
            if paths.len() > SHOWN {
                let _ = write!(files, " and {} more", paths.len() - SHOWN);
            }
            out.push(
                Diagnostic::error(format!(
                    "text of the {} hidden from audience `{}` appears in {files}",
                    origin.what, self.audience
                ))
                .at(origin.file, origin.span.clone())
                .label(format!("copied into {}", paths[0]))
                .help(format!(
                    "remove the copy from whatever puts it there (a page's `extra` data, a theme template, a static file), or make the text visible to `{}`",
                    self.audience
                )),
            );
        }
        out
    }
}

/// `r` without the parts that `holes` cover.
fn without(r: Range<usize>, holes: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut pieces = vec![r];
    for h in holes {
        pieces = pieces
            .into_iter()
            .flat_map(|p| {
                if h.end <= p.start || h.start >= p.end {
                    vec![p]
                } else {
                    vec![p.start..h.start.max(p.start), h.end.min(p.end)..p.end]
                }
            })
            .filter(|p| !p.is_empty())
            .collect();
    }
    pieces
}

/// Audience blocks inside the string values of front matter (a guide step's `body`
/// with `> [!INTERNAL]` lines) whose audience is one of `hidden` (lower-case ids): the
/// byte ranges of their lines. Markdown fields are rendered without them; their text
/// must not show up elsewhere either.
pub fn blocks_in_strings(text: &str, range: Range<usize>, hidden: &[&str]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for value in strings(text, range, false) {
        let mut block: Option<Range<usize>> = None;
        let mut offset = value.start;
        for line in text[value.clone()].split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let quoted = line.trim_start().strip_prefix('>');
            match (&mut block, quoted) {
                (Some(b), Some(_)) => b.end = offset,
                (Some(_), None) => out.extend(block.take()),
                (None, Some(rest)) => {
                    // A marker that cannot be read fails the build in `markdown`.
                    let name = crate::markdown::marker(rest.trim_start()).map(|(n, _)| n);
                    if name.is_some_and(|n| hidden.iter().any(|h| h.eq_ignore_ascii_case(n))) {
                        block = Some(start..offset);
                    }
                }
                (None, None) => {}
            }
        }
        out.extend(block);
    }
    out
}

/// A word of a text: its hash (lower-cased) and place.
struct Word {
    hash: u64,
    span: Range<usize>,
}

/// The words of `text` (runs of letters and digits), with spans offset by `base`.
fn words(text: &str, base: usize) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    let mut lower = String::new();
    let mut finish = |start: usize, end: usize, lower: &mut String| {
        out.push(Word {
            hash: crate::util::fnv1a(lower.as_bytes()),
            span: base + start..base + end,
        });
        lower.clear();
    };
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            lower.extend(c.to_lowercase());
        } else if let Some(s) = start.take() {
            finish(s, i, &mut lower);
        }
    }
    if let Some(s) = start {
        finish(s, text.len(), &mut lower);
    }
    out
}

/// Hashes of every run of `n` consecutive word hashes, with the run's first index.
fn windows(hashes: &[u64], n: usize) -> impl Iterator<Item = (usize, u64)> + '_ {
    const BASE: u64 = 0x0100_0000_01b3;
    let pow = (0..n).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let mut rolling = 0u64;
    hashes.iter().enumerate().filter_map(move |(i, &h)| {
        rolling = rolling.wrapping_mul(BASE).wrapping_add(h);
        if i >= n {
            rolling = rolling.wrapping_sub(hashes[i - n].wrapping_mul(pow));
        }
        (n > 0 && i + 1 >= n).then(|| (i + 1 - n, rolling))
    })
}

/// The units a text is cut into: sentences, list items, table rows and headings of
/// Markdown; the sentences of the string values of front matter (without the item's
/// own `title`, without values that have no white space, and without `extra` when
/// `skip_extra`).
/// A phrase never runs from one unit into the next: two sentences that happen to stand
/// side by side somewhere are no evidence of a copy.
fn units(
    text: &str,
    range: Range<usize>,
    front_matter: bool,
    skip_extra: bool,
) -> Vec<Range<usize>> {
    let blocks = if front_matter {
        strings(text, range, skip_extra)
    } else {
        markdown_blocks(text, range)
    };
    blocks
        .into_iter()
        .flat_map(|b| sentences(text, b))
        .collect()
}

/// Paragraphs of Markdown, with each list item, table row and heading starting a block
/// of its own, list and quote markers left out.
fn markdown_blocks(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut block: Option<Range<usize>> = None;
    let mut offset = range.start;
    for line in text[range].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        // Quote markers, then a list marker.
        let mut content = line.trim_start();
        while let Some(rest) = content.strip_prefix('>') {
            content = rest.trim_start();
        }
        let marker = list_marker(content);
        let own_block = marker > 0 || content.starts_with(['|', '#']);
        content = &content[marker..];
        let from = start + (line.len() - content.len());
        if content.trim().is_empty() {
            out.extend(block.take());
            continue;
        }
        if own_block {
            out.extend(block.take());
        }
        block.get_or_insert(from..offset).end = offset;
    }
    out.extend(block);
    out
}

/// The length of a list marker (`- `, `* `, `+ `, `12. `, `3) `) at the start of `s`.
fn list_marker(s: &str) -> usize {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let after = &s.as_bytes()[digits..];
    match (digits, after) {
        (0, [b'-' | b'*' | b'+', b' ' | b'\t', ..]) => 2,
        (1..=9, [b'.' | b')', b' ' | b'\t', ..]) => digits + 2,
        _ => 0,
    }
}

/// Splits at sentence ends: `.`, `!`, `?` or `:` before white space.
fn sentences(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = r.start;
    for i in r.clone() {
        if matches!(b[i], b'.' | b'!' | b'?' | b':')
            && b.get(i + 1).is_some_and(u8::is_ascii_whitespace)
        {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out.push(start..r.end);
    out.retain(|u| !u.is_empty());
    out
}

/// The contents of the string literals of a TOML text (basic, literal, multi-line).
/// Each is a unit of its own: a list of short labels is not a phrase.
fn strings(text: &str, range: Range<usize>, skip_extra: bool) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut in_table, mut in_extra) = (false, false);
    let mut key = "";
    let mut i = range.start;
    let mut line_start = true;
    while i < range.end {
        let c = b[i];
        if c == b'\n' {
            line_start = true;
            i += 1;
            continue;
        }
        if line_start && c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let eol = b[i..range.end]
            .iter()
            .position(|&x| x == b'\n')
            .map_or(range.end, |e| i + e);
        if line_start {
            line_start = false;
            if c == b'['
                && !text[i..eol]
                    .trim_start_matches('[')
                    .starts_with(['"', '\''])
            {
                let header = &text[i..eol];
                in_table = true;
                // `[extra]`, `[extra.x]`, `[[extra.x]]`, `[ extra ]` …
                let name = header.trim_start_matches(['[', ' ', '\t']);
                in_extra = skip_extra
                    && name
                        .strip_prefix("extra")
                        .is_some_and(|rest| rest.trim_start().starts_with([']', '.']));
                i = eol;
                continue;
            }
            if let Some((k, _)) = text[i..eol].split_once('=')
                && is_key(k.trim())
            {
                key = k.trim();
                i += k.len() + 1;
                continue;
            }
        }
        if c == b'#' {
            i = eol;
            continue;
        }
        if c != b'"' && c != b'\'' {
            i += 1;
            continue;
        }
        let quote = if b[i..].starts_with(b"\"\"\"") || b[i..].starts_with(b"'''") {
            &b[i..i + 3]
        } else {
            &b[i..=i]
        };
        let open = i + quote.len();
        let mut j = open;
        while j < range.end && !b[j..].starts_with(quote) {
            j += if c == b'"' && b[j] == b'\\' { 2 } else { 1 };
        }
        let close = j.min(range.end);
        // A value without white space is an id, a reference (`@skill:x#y`), an address
        // or a date, not text.
        let value = &text[open..close.max(open)];
        let is_token = !value.bytes().any(|c| c.is_ascii_whitespace());
        let skip = is_token
            || (!in_table && key == "title")
            || (skip_extra
                && (in_extra || (!in_table && (key == "extra" || key.starts_with("extra.")))));
        if !skip && close > open {
            out.push(open..close);
        }
        i = close + quote.len();
    }
    out
}

fn is_key(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
}

/// The words of a unit of source text, markup left out: link targets `](…)`, tags
/// `<…>`, heading ids `{#…}` and audience markers `[!…]`. Link texts stay, so a phrase
/// runs across a link as it does on the page.
fn source_words(text: &str, r: Range<usize>) -> Vec<Word> {
    let mut masked = text[r.clone()].as_bytes().to_vec();
    let mut i = 0;
    while i < masked.len() {
        let next = masked.get(i + 1).copied();
        let (from, close) = match masked[i] {
            b']' if next == Some(b'(') => (i + 1, b')'),
            b'<' if next.is_some_and(|b| b.is_ascii_alphabetic() || b == b'/') => (i, b'>'),
            b'{' if next == Some(b'#') => (i, b'}'),
            b'[' if next == Some(b'!') => (i, b']'),
            _ => {
                i += 1;
                continue;
            }
        };
        match masked[from..].iter().position(|b| *b == close) {
            Some(len) => {
                // Spaces for every byte keep offsets and UTF-8 intact.
                masked[from..=from + len].fill(b' ');
                i = from + len + 1;
            }
            None => i += 1,
        }
    }
    words(&String::from_utf8_lossy(&masked), r.start)
}

/// An output file as text a reader would see: gunzipped when it is gzip, JSON
/// escapes and HTML entities undone, tags removed.
fn readable(bytes: &[u8]) -> String {
    let mut unzipped = Vec::new();
    let bytes = if bytes.starts_with(&[0x1f, 0x8b])
        && flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut unzipped)
            .is_ok()
    {
        &unzipped[..]
    } else {
        bytes
    };
    let text = String::from_utf8_lossy(bytes);
    let text = unescape_json(&text);
    let text = decode_entities(&text);
    let text = plain_text(&text, Breaks::EveryTag);
    decode_entities(&text)
}

/// Undoes `\n`, `\"`, `\uXXXX` and the like (JSON and JS strings).
fn unescape_json(text: &str) -> String {
    if !text.contains('\\') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 't' | 'r' | 'b' | 'f') => out.push(' '),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                let code = u32::from_str_radix(&hex, 16).ok();
                out.push(code.and_then(char::from_u32).unwrap_or(' '));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;` and numeric entities.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => num.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, e))
        });
        if let Some((c, e)) = decoded {
            out.push(c);
            rest = &rest[e + 1..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hidden(text: &str, front_matter: bool) -> Hidden<'_> {
        let mut sources = crate::diag::Sources::new();
        Hidden {
            file: sources.add("content/checklists/x.md", text),
            text,
            range: 0..text.len(),
            front_matter,
            what: "checklist `x`".to_owned(),
        }
    }

    #[test]
    fn a_hidden_paragraph_is_found_through_markup_gzip_and_escapes() {
        let body = "Intro.\n\nDer Tresor im Büro hat den Code 4711, und nur die\nAgenturleitung kennt ihn.\n";
        let check = LeakCheck::new("public", &[hidden(body, false)], &[], &[]).expect("phrases");
        let html = "<p>Der <em>Tresor</em> im B&uuml;ro hat den Code 4711, und nur die Agenturleitung kennt ihn.</p>";
        // `&uuml;` is not decoded: the word differs, but later windows still match.
        assert!(check.scan(html.as_bytes()).is_some());
        let json =
            r#"{"text":"der tresor im b\u00fcro hat den code 4711, und nur die\nagenturleitung"}"#;
        assert!(check.scan(json.as_bytes()).is_some());
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, json.as_bytes()).expect("gzip");
        assert!(check.scan(&gz.finish().expect("gzip")).is_some());
        assert!(
            check
                .scan(b"<p>Der Tresor im Keller ist leer.</p>")
                .is_none()
        );
        assert!(check.scan(b"<p>Intro. Der Tresor im Keller.</p>").is_none());
    }

    #[test]
    fn origin_points_at_the_phrase() {
        let body = "> [!INTERNAL]\n> Rabatt ab drei Kunden auf derselben Anlage.\n";
        let check = LeakCheck::new("public", &[hidden(body, false)], &[], &[]).expect("phrases");
        let found = check
            .scan("Rabatt ab drei Kunden auf derselben Anlage".as_bytes())
            .expect("found");
        let origin = check.origin(found);
        assert_eq!(
            &body[origin.span.clone()],
            "Rabatt ab drei Kunden auf derselben Anlage"
        );
    }

    #[test]
    fn short_lines_titles_and_allowed_texts_are_not_phrases() {
        let front = "title = \"Notfallplan bei einer Datenpanne im Büro\"\nsummary = \"Wer bei einer Datenpanne wen anruft\"\n[[items]]\nid = \"a\"\ntext = \"Zugang sperren\"\n";
        let check = LeakCheck::new("public", &[hidden(front, true)], &[], &[]).expect("phrases");
        assert_eq!(check.phrases.len(), 1, "only the summary is a phrase");
        let list = "options = [\"Backoffice & Sekretariat\", \"Marketing & Social Media\"]\n";
        assert!(
            LeakCheck::new("public", &[hidden(list, true)], &[], &[]).is_none(),
            "labels are no phrase"
        );
        let multi = "body = \"\"\"\nDer Tresor im Büro hat\nden Code 4711 und nur die Leitung.\n\"\"\"\nsteps = [\n  \"Tresor öffnen und Akten holen\",\n]\n";
        let multi = LeakCheck::new("public", &[hidden(multi, true)], &[], &[]).expect("phrases");
        assert!(
            multi
                .scan("Büro hat den Code 4711 und nur die".as_bytes())
                .is_some(),
            "across lines"
        );
        assert!(
            multi
                .scan("Tresor öffnen und Akten holen".as_bytes())
                .is_some(),
            "in a multi-line array"
        );
        assert!(
            check
                .scan("Notfallplan bei einer Datenpanne im Büro".as_bytes())
                .is_none()
        );
        assert!(
            check
                .scan("Zugang sperren und den Notfallplan bei einer Datenpanne im Büro".as_bytes())
                .is_none()
        );
        assert!(
            check
                .scan("wer bei einer datenpanne wen anruft".as_bytes())
                .is_some()
        );
        assert!(
            LeakCheck::new(
                "public",
                &[hidden(front, true)],
                &[],
                &["Wer bei einer Datenpanne wen anruft?"]
            )
            .is_none(),
            "an allowed text removes the phrase"
        );
    }

    #[test]
    fn what_a_visible_item_says_itself_is_no_leak_but_its_extra_data_is() {
        let secret = "Der Tresor im Büro hat den Code 4711 und nur die Leitung kennt ihn.";
        let body = format!("{secret}\n");
        let public_front = format!("title = \"Büro\"\nsummary = \"{secret}\"\n");
        let visible = Visible {
            text: &public_front,
            range: 0..public_front.len(),
            front_matter: true,
            holes: Vec::new(),
        };
        assert!(LeakCheck::new("public", &[hidden(&body, false)], &[visible], &[]).is_none());
        for extra in [
            format!("[extra]\nhint = \"{secret}\"\n"),
            format!("extra = {{ hint = \"{secret}\" }}\n"),
        ] {
            let public_front = format!("title = \"Büro\"\n{extra}");
            let visible = Visible {
                text: &public_front,
                range: 0..public_front.len(),
                front_matter: true,
                holes: Vec::new(),
            };
            let check = LeakCheck::new("public", &[hidden(&body, false)], &[visible], &[]);
            assert!(check.is_some(), "{extra}");
        }
    }

    #[test]
    fn phrases_stay_within_sentences_and_list_items() {
        let hidden_body = "- Zugang zu Trello über den Passwortmanager\n- Vorlage in Microsoft Teams angelegt\n\nJede Aufgabe wird erfasst. Die Qualität prüfen wir stichprobenartig anhand der Liste.\n";
        let visible_body = "5. Zugang zu Trello über den Passwortmanager\n6. Vorlage in Microsoft Teams angelegt\n\nDie Qualität prüfen wir stichprobenartig anhand der Liste.\n";
        let visible = Visible {
            text: visible_body,
            range: 0..visible_body.len(),
            front_matter: false,
            holes: Vec::new(),
        };
        let check = LeakCheck::new("public", &[hidden(hidden_body, false)], &[visible], &[])
            .expect("the first sentence is only hidden");
        // The items read side by side on the page, numbered or not: no phrase spans them.
        let page = "<ol><li>Zugang zu Trello über den Passwortmanager</li><li>Vorlage in Microsoft Teams angelegt</li></ol><p>Jede Aufgabe wird gezählt. Die Qualität prüfen wir stichprobenartig anhand der Liste.</p>";
        assert!(check.scan(page.as_bytes()).is_none());
        assert!(
            check
                .scan("Jede Aufgabe wird erfasst.".as_bytes())
                .is_some()
        );
        // Ids and references are not text.
        let ids = "page = \"internet-recherche-ratgeber-109\"\nlink = \"@skill:tabellen-kalkulation-fuer-profis#stufe-2\"\n";
        assert!(LeakCheck::new("public", &[hidden(ids, true)], &[], &[]).is_none());
    }

    #[test]
    fn audience_blocks_in_markdown_fields_are_found_and_are_not_visible_text() {
        let front = "title = \"Einarbeitung\"\n[[steps]]\nid = \"a\"\nbody = \"\"\"\nRichten Sie den Zugang ein.\n\n> [!Internal]\n> Der Tresorcode für das Büro lautet vier sieben eins eins.\n\nDanach geht es weiter.\n\"\"\"\n";
        let blocks = blocks_in_strings(front, 0..front.len(), &["internal"]);
        assert_eq!(blocks.len(), 1);
        assert!(front[blocks[0].clone()].starts_with("> [!Internal]\n> Der Tresorcode"));
        assert!(front[blocks[0].clone()].ends_with("eins eins.\n"));
        assert!(blocks_in_strings(front, 0..front.len(), &["assistants"]).is_empty());
        let mut sources = crate::diag::Sources::new();
        let file = sources.add("content/guides/x.md", front);
        let block = Hidden {
            file,
            text: front,
            range: blocks[0].clone(),
            front_matter: false,
            what: "audience block in guide `x`".to_owned(),
        };
        let visible = Visible {
            text: front,
            range: 0..front.len(),
            front_matter: true,
            holes: blocks,
        };
        let check = LeakCheck::new("assistants", &[block], &[visible], &[])
            .expect("the block is not visible text");
        assert!(
            check
                .scan("der Tresorcode für das Büro lautet vier sieben".as_bytes())
                .is_some()
        );
        assert!(
            check
                .scan("Richten Sie den Zugang ein. Danach geht es weiter.".as_bytes())
                .is_none()
        );
    }

    #[test]
    fn link_targets_and_tags_in_the_source_are_not_words() {
        let body = "Siehe die [Liste für neue Kolleginnen im Büro](@checklist:geheim-intern) vor dem ersten Tag.\n";
        let check = LeakCheck::new("public", &[hidden(body, false)], &[], &[]).expect("phrases");
        assert!(check.scan(b"<p>Siehe die <a href=\"/x/\">Liste f\xc3\xbcr neue Kolleginnen im B\xc3\xbcro</a> vor dem").is_some());
    }
}
