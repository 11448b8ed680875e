//! Hostile content is inert. `tests/fixtures/hostile/` is the minimal site with a
//! payload in every reader-facing text (front matter, `site.toml`, bodies): a script
//! end tag, an `<img onerror>`, `<!--<script>`, `javascript:` and the characters that
//! break JSON or scripts (`"`, `\`, U+2028, U+2029). Every output file is scanned:
//! pages, JSON-LD and the `#vpagen-ui` block, `catalogue.json`, `rates.json`, the
//! Atom feeds, the sitemap, scripts and the gunzipped search index. Script links in
//! bodies fail the build, and `[markdown] raw_html = false` escapes raw HTML.

use std::fs;
use std::io::Read;
use std::path::Path;

use serde_json::Value;

use crate::support::{SiteTest, fixture, main_of};

/// The payload that must never reach a page as markup.
const IMG: &str = "<img src=x onerror";

/// Titles as the fixture sets them (checked against the files below).
const SERVICE_TITLE: &str =
    "Terminservice </script><img src=x onerror=alert(1)>\"\\\u{2028}'&<!--<script>]]>";
const SERVICE_TITLE_EN: &str =
    "Appointments </script><img src=x onerror=alert(1)>\"\\\u{2028}'&<!--<script>]]>";
const RATE_TITLE: &str =
    "Preise </script><img src=x onerror=alert(1)>\"\\\u{2028}'&<!--<script>]]>";
const AGENCY: &str = "Agentur </script><img src=x onerror=alert(1)>\"\\\u{2028}'&]]>";
const GERMAN: &str = "Deutsch </script><img src=x onerror=alert(1)>\"\\\u{2028}'&";
const FAQ_QUESTION: &str = "Frage <img src=x onerror=alert(1)> </script> \"q\" \\ ?";
const SUMMARY: &str = "Summary javascript:alert(1) </script><script>alert(1)</script><img src=x onerror=alert(1)> \"quoted\" back\\slash \u{2028} \u{2029} ' & <!-- ]]>";

#[test]
fn the_fixture_holds_the_payloads_the_tests_look_for() {
    let title = |rel: &str| {
        front_matter(rel)["title"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(title("content/services/terminverwaltung.md"), SERVICE_TITLE);
    assert_eq!(
        title("content/services/terminverwaltung.en.md"),
        SERVICE_TITLE_EN
    );
    assert_eq!(title("content/rates/preise.md"), RATE_TITLE);
    assert_eq!(
        front_matter("content/services/terminverwaltung.md")["summary"].as_str(),
        Some(SUMMARY)
    );
    let config: toml::Table =
        toml::from_str(&fs::read_to_string(fixture("hostile/site.toml")).expect("read site.toml"))
            .expect("site.toml parses");
    assert_eq!(config["agency"]["name"].as_str(), Some(AGENCY));
    assert_eq!(config["languages"]["de"]["name"].as_str(), Some(GERMAN));
}

#[test]
fn hostile_content_renders_as_text_in_every_output_file() {
    let site = SiteTest::fixture("hostile");
    site.run(&["build"]).expect_code(0);
    scan_output(&site.path().join("public"));
}

#[test]
fn hostile_content_renders_as_text_in_an_offline_build() {
    // `[search] offline = true`: relative links, and every index file also as a script.
    let site = SiteTest::fixture("hostile");
    let config = site
        .read("site.toml")
        .replace("[search]\n", "[search]\noffline = true\n");
    assert!(config.contains("offline = true"));
    site.write("site.toml", config);
    site.run(&["build"]).expect_code(0);
    scan_output(&site.path().join("public"));
}

/// Scans every file of a build of the hostile fixture; panics with all problems.
fn scan_output(public: &Path) {
    let mut problems = Vec::new();
    let mut seen = Seen::default();
    let mut counts = [0usize; 5];
    for entry in walkdir::WalkDir::new(public) {
        let entry = entry.expect("walk output");
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(public)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = read_maybe_gzip(entry.path());
        let mut problem = |what: String| problems.push(format!("{rel}: {what}"));
        scan_file(&rel, bytes, &mut seen, &mut counts, &mut problem);
    }
    assert!(
        counts[0] >= 25 && counts[1] >= 5 && counts[2] >= 3 && counts[3] >= 4 && counts[4] >= 1,
        "scanned too few files (html, json, xml, js, term shards): {counts:?}"
    );
    problems.extend(missing_texts(&seen));
    assert!(
        problems.is_empty(),
        "hostile content is not inert:\n{}",
        problems.join("\n")
    );
}

/// Checks one output file, `rel` in the output folder with its (gunzipped) `bytes`;
/// counts it by kind (html, json, xml, js, term shards) and notes what it shows in
/// `seen`.
fn scan_file(
    rel: &str,
    bytes: Vec<u8>,
    seen: &mut Seen,
    counts: &mut [usize; 5],
    problem: &mut dyn FnMut(String),
) {
    let ext = rel.rsplit('.').next().unwrap_or_default();
    if rel.starts_with("_search/") && bytes.starts_with(b"VPS2") {
        // A term shard: analysed words only, no markup, no quotes.
        counts[4] += 1;
        match shard_terms(&bytes) {
            Ok(terms) => {
                for t in terms
                    .iter()
                    .filter(|t| !t.chars().all(char::is_alphanumeric))
                {
                    problem(format!("term {t:?} is not a word"));
                }
            }
            Err(e) => problem(format!("unreadable term shard: {e}")),
        }
        return;
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return; // images and other binary files
    };
    if rel.starts_with("_search/") && rel.contains("/w-") && ext == "bin" {
        // The words of a term shard ("did you mean"): a word or nothing a line.
        counts[4] += 1;
        for w in text
            .lines()
            .filter(|w| !w.chars().all(char::is_alphanumeric))
        {
            problem(format!("word {w:?} is not a word"));
        }
        return;
    }
    match ext {
        "html" => {
            counts[0] += 1;
            check_html(&text, seen, problem);
        }
        "json" | "bin" => {
            counts[1] += 1;
            match serde_json::from_str::<Value>(&text) {
                Ok(v) => {
                    check_json_strings(&v, problem);
                    seen.json_strings(rel, &v);
                }
                Err(e) => problem(format!("does not parse as JSON: {e}")),
            }
        }
        "xml" => {
            counts[2] += 1;
            if let Err(e) = check_xml(&text) {
                problem(format!("not well-formed XML: {e}"));
            }
            if contains_ci(&text, IMG) || contains_ci(&text, "<script") {
                problem("raw markup from content".to_owned());
            }
            if rel.ends_with("atom.xml") {
                for name in ["title", "name", "summary"] {
                    seen.feed_texts.extend(
                        elements(&text, name)
                            .into_iter()
                            .map(|t| decode_entities(&t)),
                    );
                }
            }
        }
        "js" => {
            counts[3] += 1;
            if text.contains("onerror=alert") || text.contains("alert(1)") {
                problem("a script holds a payload from content".to_owned());
            }
        }
        _ => {}
    }
}

/// Each hostile text arrives, as the same text, where it is expected: what did not,
/// as problems.
fn missing_texts(seen: &Seen) -> Vec<String> {
    let mut missing = Vec::new();
    for (what, found) in [
        ("service title as <h1>", has(&seen.h1, SERVICE_TITLE)),
        (
            "English service title as <h1>",
            has(&seen.h1, SERVICE_TITLE_EN),
        ),
        ("rate title as <h1>", has(&seen.h1, RATE_TITLE)),
        (
            "service summary as meta description",
            has(&seen.descriptions, SUMMARY),
        ),
        (
            "service title as JSON-LD name",
            has(&seen.jsonld_names, SERVICE_TITLE),
        ),
        (
            "English service title as JSON-LD name",
            has(&seen.jsonld_names, SERVICE_TITLE_EN),
        ),
        (
            "FAQ question as JSON-LD name",
            has(&seen.jsonld_names, FAQ_QUESTION),
        ),
        (
            "agency as JSON-LD Organization name",
            has(&seen.jsonld_names, AGENCY),
        ),
        ("language name in #vpagen-ui", has(&seen.ui_strings, GERMAN)),
        (
            "service title in catalogue.json",
            has(&seen.file_strings("catalogue.json"), SERVICE_TITLE),
        ),
        (
            "service summary in catalogue.json",
            has(&seen.file_strings("catalogue.json"), SUMMARY),
        ),
        (
            "rate title in rates.json",
            has(&seen.file_strings("rates.json"), RATE_TITLE),
        ),
        (
            "service title in a search doc chunk",
            has(&seen.file_strings("_search/"), SERVICE_TITLE),
        ),
        (
            "service summary in atom.xml",
            has(&seen.feed_texts, SUMMARY),
        ),
        (
            "service title in atom.xml",
            has(&seen.feed_texts, SERVICE_TITLE),
        ),
        ("agency in atom.xml", has(&seen.feed_texts, AGENCY)),
    ] {
        if !found {
            missing.push(format!("missing: {what}"));
        }
    }
    missing
}

#[test]
fn script_links_in_bodies_fail_the_build_with_their_location() {
    let site = SiteTest::fixture("hostile");
    let rel = "content/pages/start.md";
    let mut text = site.read(rel);
    text.push_str("\nMehr [hier](javascript:alert(1)) und ![Bild](data:text/html,x).\n");
    let line = text.lines().count();
    site.write(rel, &text);
    let run = site.run(&["build"]);
    run.expect_code(1);
    let err = &run.stderr;
    for needle in [
        "error[C1]: `javascript:` URLs are not allowed as link targets".to_owned(),
        format!("--> {rel}:{line}:6"),
        "Mehr [hier](javascript:alert(1)) und ![Bild](data:text/html,x).".to_owned(),
        "^^^^^^^^^^^^^^^^^^^^^^^^^^^ runs script in the reader's browser".to_owned(),
        "help: link to a page with `@type:id` or to a web address".to_owned(),
        "error[C1]: `data:` URLs are not allowed as image sources".to_owned(),
        format!("--> {rel}:{line}:38"),
        "nothing was written".to_owned(),
    ] {
        assert!(err.contains(&needle), "`{needle}` missing in\n{err}");
    }
    assert!(!site.path().join("public").exists(), "a failed build wrote");

    // The same in a Markdown field of the front matter, reported at its value.
    let site = SiteTest::fixture("hostile");
    let rel = "content/checklists/ausstattung.md";
    let text = site.read(rel).replacen(
        "text = \"Headset",
        "text = \"[Treiber](VBScript:msgbox) Headset",
        1,
    );
    site.write(rel, &text);
    let line = 1 + text
        .lines()
        .position(|l| l.contains("VBScript"))
        .expect("edited line");
    let run = site.run(&["check"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("`vbscript:` URLs are not allowed as link targets")
            && run.stderr.contains(&format!("--> {rel}:{line}:8")),
        "{}",
        run.stderr
    );
}

#[test]
fn raw_html_passes_by_default_and_is_escaped_when_turned_off() {
    let site = SiteTest::fixture("hostile");
    let start = "content/pages/start.md";
    let mut body = site.read(start);
    body.push_str("\nEin <b onclick=\"alert(1)\">fetter</b> Satz.\n\n<div class=\"box\" onmouseover=\"alert(2)\">\nKasten\n</div>\n");
    site.write(start, &body);
    let checklist = "content/checklists/ausstattung.md";
    let items = site.read(checklist).replacen(
        "text = \"Headset",
        "text = \"<b onclick=\\\"alert(3)\\\">Headset</b>",
        1,
    );
    site.write(checklist, &items);

    // Authors are trusted by default: their HTML is HTML.
    site.run(&["build"]).expect_code(0);
    let home = site.read("public/index.html");
    assert!(
        main_of(&home).contains("Ein <b onclick=\"alert(1)\">fetter</b> Satz."),
        "{}",
        main_of(&home)
    );
    assert!(main_of(&home).contains("<div class=\"box\" onmouseover=\"alert(2)\">"));
    assert!(
        site.read("public/checklisten/ausstattung/index.html")
            .contains("<b onclick=\"alert(3)\">Headset</b>")
    );

    // `[markdown] raw_html = false`: the same HTML reads as text.
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        format!("{config}\n[markdown]\nraw_html = false\n"),
    );
    let run = site.run(&["build"]);
    run.expect_code(0);
    let home = site.read("public/index.html");
    let main = main_of(&home);
    for needle in [
        "Ein &lt;b onclick=\"alert(1)\"&gt;fetter&lt;/b&gt; Satz.",
        "<p>&lt;div class=\"box\" onmouseover=\"alert(2)\"&gt;\nKasten\n&lt;/div&gt;\n</p>",
    ] {
        assert!(main.contains(needle), "`{needle}` missing in {main}");
    }
    let list = site.read("public/checklisten/ausstattung/index.html");
    assert!(
        list.contains("&lt;b onclick=\"alert(3)\"&gt;Headset&lt;/b&gt;"),
        "{}",
        main_of(&list)
    );
    for html in [&home, &list] {
        let mut found = Vec::new();
        for_each_tag(html, |tag, attrs| {
            if matches!(tag, "b" | "div") && attrs.iter().any(|(n, _)| n.starts_with("on")) {
                found.push(tag.to_owned());
            }
        });
        assert_eq!(found, Vec::<String>::new(), "elements with handlers");
    }
    // Markdown itself still works, and links to pages resolve.
    assert!(
        main.contains("href=\"/leistungen/terminverwaltung/\""),
        "{main}"
    );

    // A misspelt key is an error that names the right one.
    site.write(
        "site.toml",
        format!("{config}\n[markdown]\nraw_htm = false\n"),
    );
    let run = site.run(&["check"]);
    run.expect_code(1);
    assert!(run.stderr.contains("raw_html"), "{}", run.stderr);
}

// ------------------------------------------------------------------ helpers

fn has(list: &[String], text: &str) -> bool {
    list.iter().any(|s| s == text)
}

/// The front matter of a fixture file.
fn front_matter(rel: &str) -> toml::Table {
    let text = fs::read_to_string(fixture("hostile").join(rel)).expect("read fixture file");
    let inner = text
        .strip_prefix("+++\n")
        .and_then(|t| t.split_once("\n+++"))
        .map(|(fm, _)| fm)
        .expect("front matter between +++ lines");
    toml::from_str(inner).expect("front matter parses")
}

/// A file's bytes, gunzipped when it is gzip (the search index).
fn read_maybe_gzip(path: &Path) -> Vec<u8> {
    let bytes = fs::read(path).expect("read output file");
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut out)
            .expect("gunzip");
        out
    } else {
        bytes
    }
}

/// The terms of a term shard (`themes/default/SEARCH.md`): `VPS2`, a varint count,
/// then per term the shared prefix length, the suffix length and bytes, the df and
/// df delta-coded doc ids.
pub(crate) fn shard_terms(bytes: &[u8]) -> Result<Vec<String>, String> {
    fn varint(b: &[u8], at: &mut usize) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *b.get(*at).ok_or("truncated varint")?;
            *at += 1;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("varint too long".to_owned())
    }
    let body = bytes.strip_prefix(b"VPS2").ok_or("no VPS2 magic")?;
    let mut at = 0;
    let count = varint(body, &mut at)?;
    let mut terms = Vec::new();
    let mut prev: Vec<u8> = Vec::new();
    for _ in 0..count {
        let shared = usize::from(*body.get(at).ok_or("truncated")?);
        let len = usize::from(*body.get(at + 1).ok_or("truncated")?);
        at += 2;
        let suffix = body.get(at..at + len).ok_or("truncated suffix")?;
        at += len;
        let mut term = prev
            .get(..shared)
            .ok_or("prefix longer than the previous term")?
            .to_vec();
        term.extend_from_slice(suffix);
        let df = varint(body, &mut at)?;
        for _ in 0..df {
            varint(body, &mut at)?;
        }
        terms.push(String::from_utf8(term.clone()).map_err(|e| e.to_string())?);
        prev = term;
    }
    Ok(terms)
}

/// Texts collected across the output, to check that the payloads arrive as text.
#[derive(Default)]
struct Seen {
    h1: Vec<String>,
    descriptions: Vec<String>,
    jsonld_names: Vec<String>,
    ui_strings: Vec<String>,
    feed_texts: Vec<String>,
    /// (file, every string of its JSON)
    json_files: Vec<(String, Vec<String>)>,
}

impl Seen {
    fn json_strings(&mut self, rel: &str, v: &Value) {
        let mut all = Vec::new();
        strings(v, &mut |_, s| all.push(s.to_owned()));
        self.json_files.push((rel.to_owned(), all));
    }

    /// Every JSON string of the files whose path starts with `prefix`.
    fn file_strings(&self, prefix: &str) -> Vec<String> {
        self.json_files
            .iter()
            .filter(|(rel, _)| rel.starts_with(prefix))
            .flat_map(|(_, s)| s.iter().cloned())
            .collect()
    }
}

/// Calls `f(key, value)` for every string in a JSON value (`key` is the object key
/// it sits under, if any).
fn strings(v: &Value, f: &mut dyn FnMut(Option<&str>, &str)) {
    fn walk(v: &Value, key: Option<&str>, f: &mut dyn FnMut(Option<&str>, &str)) {
        match v {
            Value::String(s) => f(key, s),
            Value::Array(a) => a.iter().for_each(|x| walk(x, key, f)),
            Value::Object(o) => o.iter().for_each(|(k, x)| walk(x, Some(k), f)),
            _ => {}
        }
    }
    walk(v, None, f);
}

/// JSON strings hold text: no HTML entity (that would be escaping done twice).
fn check_json_strings(v: &Value, problem: &mut dyn FnMut(String)) {
    strings(v, &mut |_, s| {
        for entity in ["&lt;", "&gt;", "&amp;", "&quot;", "&#"] {
            if s.contains(entity) {
                problem(format!("JSON string with `{entity}`: {s:?}"));
            }
        }
    });
}

fn check_html(html: &str, seen: &mut Seen, problem: &mut dyn FnMut(String)) {
    if contains_ci(html, IMG) {
        problem(format!("raw `{IMG}`"));
    }
    if contains_ci(html, "href=\"javascript:") {
        problem("href=\"javascript:".to_owned());
    }
    // Script elements: each ends at its own end tag, holds no markup from content, and
    // its JSON parses.
    let opens = count_ci(html, "<script");
    let closes = count_ci(html, "</script");
    if opens != closes {
        problem(format!("{opens} <script> start tags but {closes} end tags"));
    }
    for (attrs, content) in scripts(html) {
        if contains_ci(&content, "<!--") || contains_ci(&content, "<script") {
            problem(format!(
                "script content with `<!--` or `<script`: {content:.80}"
            ));
        }
        let ty = attr(&attrs, "type").unwrap_or_default();
        if attr(&attrs, "src").is_some() {
            if !content.trim().is_empty() {
                problem("a script with src has content".to_owned());
            }
        } else if ty.contains("json") {
            match serde_json::from_str::<Value>(&content) {
                Ok(v) => {
                    check_json_strings(&v, problem);
                    if ty == "application/ld+json" {
                        strings(&v, &mut |key, s| {
                            if key == Some("name") {
                                seen.jsonld_names.push(s.to_owned());
                            }
                        });
                    }
                    if attr(&attrs, "id").as_deref() == Some("vpagen-ui") {
                        strings(&v, &mut |_, s| seen.ui_strings.push(s.to_owned()));
                    }
                }
                Err(e) => problem(format!("{ty} script does not parse: {e}: {content:.120}")),
            }
        } else if content.contains("alert(") || contains_ci(&content, "onerror") {
            problem(format!("inline script holds a payload: {content:.120}"));
        }
    }
    // Tags: no handler attributes, no script URLs.
    for_each_tag(html, |tag, attrs| {
        for (name, value) in attrs {
            if name.starts_with("on") {
                problem(format!("<{tag}> has a handler attribute `{name}`"));
            }
            if matches!(
                name.as_str(),
                "href" | "src" | "action" | "formaction" | "poster" | "xlink:href"
            ) {
                let url: String = decode_entities(value)
                    .trim_matches(|c: char| c <= ' ')
                    .chars()
                    .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                    .collect::<String>()
                    .to_ascii_lowercase();
                if ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| url.starts_with(s))
                {
                    problem(format!("<{tag} {name}=\"{value}\">"));
                }
            }
        }
        if tag == "meta"
            && attrs.iter().any(|(n, v)| n == "name" && v == "description")
            && let Some((_, content)) = attrs.iter().find(|(n, _)| n == "content")
        {
            seen.descriptions.push(decode_entities(content));
        }
    });
    for h1 in elements(html, "h1") {
        seen.h1.push(decode_entities(&strip_tags(&h1)));
    }
}

/// `(start tag attributes, content)` of every script element.
fn scripts(html: &str) -> Vec<(String, String)> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = lower[at..].find("<script") {
        let start = at + i;
        let Some(gt) = lower[start..].find('>') else {
            break;
        };
        let attrs = html[start + 7..start + gt].to_owned();
        let body = start + gt + 1;
        let end = lower[body..]
            .find("</script")
            .map_or(html.len(), |e| body + e);
        out.push((attrs, html[body..end].to_owned()));
        at = end;
    }
    out
}

/// The value of attribute `name` in a start tag's attribute text.
fn attr(attrs: &str, name: &str) -> Option<String> {
    let mut found = None;
    for_each_tag(&format!("<x {attrs}>"), |_, list| {
        found = list.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    });
    found
}

/// Calls `f(tag name, attributes)` for every start tag, skipping comments and the
/// content of `script` and `style` elements. Attribute names are lower-cased;
/// values are as written (entities not decoded).
fn for_each_tag(html: &str, mut f: impl FnMut(&str, &[(String, String)])) {
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        if !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
            j += 1;
        }
        let tag = html[i + 1..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                break;
            }
            let start = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>') {
                j += 1;
            }
            let name = html[start..j].to_ascii_lowercase();
            let mut value = String::new();
            if b.get(j) == Some(&b'=') {
                j += 1;
                if let Some(&q) = b.get(j).filter(|q| matches!(q, b'"' | b'\'')) {
                    let end = html[j + 1..].find(q as char).map_or(b.len(), |e| j + 1 + e);
                    html[j + 1..end].clone_into(&mut value);
                    j = end + 1;
                } else {
                    let start = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    html[start..j].clone_into(&mut value);
                }
            }
            attrs.push((name, value));
        }
        f(&tag, &attrs);
        i = j.min(b.len());
        if matches!(tag.as_str(), "script" | "style") {
            let close = format!("</{tag}");
            i = html[i..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(b.len(), |e| i + e);
            i += 1;
        }
    }
}

/// The inner HTML of every `<name …>…</name>` element (not nested).
fn elements(text: &str, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut rest = text;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        if !after.starts_with(['>', ' ']) {
            rest = after;
            continue;
        }
        let Some(gt) = after.find('>') else { break };
        let inner = &after[gt + 1..];
        let Some(end) = inner.find(&close) else { break };
        out.push(inner[..end].to_owned());
        rest = &inner[end..];
    }
    out
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_owned()
}

/// Decodes the entities HTML and XML writers use.
fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|e| *e < 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let c = match name {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| name.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        if let Some(c) = c {
            out.push(c);
            rest = &rest[end + 1..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

fn contains_ci(haystack: &str, needle: &str) -> bool {
    haystack
        .to_ascii_lowercase()
        .contains(&needle.to_ascii_lowercase())
}

fn count_ci(haystack: &str, needle: &str) -> usize {
    haystack
        .to_ascii_lowercase()
        .matches(&needle.to_ascii_lowercase())
        .count()
}

/// A small well-formedness check of XML 1.0 as vpagen writes it: characters allowed
/// by XML, balanced elements, quoted attributes, known entities only.
fn check_xml(text: &str) -> Result<(), String> {
    if let Some(c) = text.chars().find(|&c| {
        !matches!(c, '\t' | '\n' | '\r' | ' '..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
    }) {
        return Err(format!("character U+{:04X} is not allowed in XML", c as u32));
    }
    let mut stack: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['<', '&']) {
        let at = &rest[i..];
        if at.starts_with('&') {
            let end = at.find(';').ok_or("`&` without `;`")?;
            let name = &at[1..end];
            let known = matches!(name, "lt" | "gt" | "amp" | "quot" | "apos")
                || name.strip_prefix("#x").map_or_else(
                    || {
                        name.strip_prefix('#')
                            .is_some_and(|d| d.parse::<u32>().is_ok())
                    },
                    |h| u32::from_str_radix(h, 16).is_ok(),
                );
            if !known {
                return Err(format!("unknown entity `&{name};`"));
            }
            rest = &at[end + 1..];
            continue;
        }
        for (open, close) in [("<?", "?>"), ("<!--", "-->"), ("<![CDATA[", "]]>")] {
            if let Some(after) = at.strip_prefix(open) {
                let end = after.find(close).ok_or(format!("`{open}` never closed"))?;
                rest = &after[end + close.len()..];
            }
        }
        if at.starts_with("<?") || at.starts_with("<!--") || at.starts_with("<![CDATA[") {
            continue;
        }
        let end = tag_end(at).ok_or("a tag is never closed")?;
        let tag = &at[1..end];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim();
            if stack.pop().as_deref() != Some(name) {
                return Err(format!("unexpected </{name}>"));
            }
        } else {
            let name = tag
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or_default();
            if name.is_empty() {
                return Err("`<` in text".to_owned());
            }
            if !tag.ends_with('/') {
                stack.push(name.to_owned());
            }
            // Attribute values are quoted and hold no `<`.
            let attrs = &tag[name.len()..];
            let mut quote = None;
            for c in attrs.chars() {
                match (quote, c) {
                    (None, '"' | '\'') => quote = Some(c),
                    (Some(q), c) if c == q => quote = None,
                    (Some(_), '<') => return Err(format!("`<` in an attribute of <{name}>")),
                    _ => {}
                }
            }
        }
        rest = &at[end + 1..];
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err(format!("unclosed elements {stack:?}"))
    }
}

/// The index of the `>` that ends the tag at the start of `s`, outside quotes.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}
