//! German and English throughout: no interface string of one language on the pages of
//! the other, outside elements that say they are in another language (`lang`).

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{SiteTest, repo_root};

/// The theme's strings of a language, flattened to `table.key` → text.
fn strings(lang: &str) -> BTreeMap<String, String> {
    let path = repo_root().join(format!("themes/default/i18n/{lang}.toml"));
    let table: toml::Table = std::fs::read_to_string(&path)
        .expect("read string file")
        .parse()
        .expect("string file is TOML");
    let mut out = BTreeMap::new();
    flatten("", &table, &mut out);
    out
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, String>) {
    for (k, v) in table {
        let key = format!("{prefix}{k}");
        match v {
            toml::Value::String(s) => {
                out.insert(key, s.clone());
            }
            toml::Value::Table(t) => flatten(&format!("{key}."), t, out),
            _ => {}
        }
    }
}

/// German terms that English content uses on purpose (legal names).
const LOAN_WORDS: &[&str] = &["AV-Vertrag", "Impressum"];

/// Strings of `lang` that would betray it on a page of `other`: they differ from the
/// other language's string for the key, are long enough to be distinctive, hold no
/// placeholder and are no loan word.
fn telltales(lang: &str, other: &str) -> Vec<String> {
    let mine = strings(lang);
    let theirs = strings(other);
    let mut out: Vec<String> = mine
        .iter()
        .filter(|(k, v)| {
            theirs.get(*k).is_some_and(|t| t != *v)
                && v.chars().count() >= 8
                && !v.contains('{')
                && !theirs.values().any(|t| t.contains(v.as_str()))
                && !LOAN_WORDS.contains(&v.as_str())
        })
        .map(|(_, v)| v.clone())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Text and attribute values of `html` outside elements whose `lang` is not `lang`.
fn own_language_text(html: &str, lang: &str) -> String {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    let mut out = String::new();
    let mut skip: Option<(String, usize)> = None;
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        if skip.is_none() {
            out.push_str(&rest[..open]);
            out.push(' ');
        }
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        let closing = tag.starts_with('/');
        if let Some((skipped, depth)) = &mut skip {
            if *skipped == name && !VOID.contains(&name.as_str()) {
                if closing {
                    *depth -= 1;
                    if *depth == 0 {
                        skip = None;
                    }
                } else if !tag.ends_with('/') {
                    *depth += 1;
                }
            }
            continue;
        }
        if !closing && (name == "script" || name == "style" || name == "title") {
            // Scripts and styles are not text; their ends are found by name. The
            // document title is the content's title (German on an English stand-in),
            // and cannot be marked with its language; `<h1>` shows the same.
            let end = format!("</{name}");
            if let Some(at) = rest.find(&end) {
                rest = &rest[at..];
            }
            continue;
        }
        let foreign = tag
            .split("lang=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .is_some_and(|l| l != lang && !tag.starts_with("html"));
        if foreign && !closing && !VOID.contains(&name.as_str()) {
            skip = Some((name, 1));
            continue;
        }
        // Attributes people read (and the strings the scripts show).
        let mut parts = tag.split('"');
        while let (Some(key), Some(value)) = (parts.next(), parts.next()) {
            let key = key.trim().trim_end_matches('=');
            let key = key.rsplit(char::is_whitespace).next().unwrap_or(key);
            if ["aria-label", "title", "alt", "placeholder"].contains(&key)
                || key.starts_with("data-t-")
            {
                out.push_str(value);
                out.push(' ');
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `text` holds `s` not as part of a longer word ("Download" is not in
/// "Downloads").
fn contains_word(text: &str, s: &str) -> bool {
    text.match_indices(s).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + s.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn pages(root: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(walkdir::DirEntry::into_path)
        .collect()
}

#[test]
fn english_pages_hold_no_german_interface_strings_and_vice_versa() {
    let site = SiteTest::fixture("agency");
    site.run(&["build", "--quiet"]).expect_code(0);
    let public = site.path().join("public");
    let german = telltales("de", "en");
    let english = telltales("en", "de");
    assert!(
        german.len() > 50 && english.len() > 50,
        "enough strings to look for"
    );
    let mut problems = Vec::new();
    let mut scanned = (0, 0);
    for page in pages(&public) {
        let rel = page
            .strip_prefix(&public)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        let (lang, foreign) = if rel.starts_with("en/") {
            scanned.0 += 1;
            ("en", &german)
        } else {
            scanned.1 += 1;
            ("de", &english)
        };
        let html = std::fs::read_to_string(&page).expect("read page");
        let text = own_language_text(&html, lang);
        for s in foreign {
            if contains_word(&text, s) {
                problems.push(format!("{rel}: \"{s}\""));
            }
        }
    }
    assert!(
        scanned.0 >= 10 && scanned.1 >= 10,
        "pages scanned: {scanned:?}"
    );
    assert!(
        problems.is_empty(),
        "interface strings of the other language:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_text_filter_skips_other_languages_only() {
    let html = r#"<p aria-label="Hauptmenü">Eins <a lang="de" href="/x/">Häufige <b>Fragen</b></a> zwei<br>drei</p><script>var x = "Leistungen";</script>"#;
    let text = own_language_text(html, "en");
    assert!(text.contains("Hauptmenü") && text.contains("Eins") && text.contains("drei"));
    assert!(!text.contains("Häufige") && !text.contains("Fragen") && !text.contains("Leistungen"));
    // A closing script tag ends the script; it does not start another.
    let html =
        r#"<script src="a.js"></script><main lang="de">Preis</main> Price<script>x</script>"#;
    let text = own_language_text(html, "en");
    assert!(!text.contains("Preis") && text.contains("Price"), "{text}");
}

/// The output file a URL of the agency fixture names, if it is one of the site's.
fn file_of(public: &Path, url: &str) -> Option<std::path::PathBuf> {
    let path = url.strip_prefix("https://buero-beispiel.de/")?;
    let path = path.split('#').next().unwrap_or(path);
    Some(if path.is_empty() || path.ends_with('/') {
        public.join(path).join("index.html")
    } else {
        public.join(path)
    })
}

/// Every `href` of an `hreflang` alternate in `text` (pages and the sitemap).
fn alternates(text: &str) -> Vec<(String, String)> {
    text.split("hreflang=\"")
        .skip(1)
        .filter_map(|rest| {
            let lang = rest.split('"').next()?;
            let href = rest.split("href=\"").nth(1)?.split('"').next()?;
            Some((lang.to_owned(), href.to_owned()))
        })
        .collect()
}

#[test]
fn every_hreflang_pair_points_to_an_existing_page_of_that_language() {
    let site = SiteTest::fixture("agency");
    site.run(&["build", "--quiet"]).expect_code(0);
    let public = site.path().join("public");
    let mut checked = 0;
    let mut sources: Vec<(String, String)> = pages(&public)
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&public)
                .expect("inside")
                .display()
                .to_string();
            let html = std::fs::read_to_string(&p).expect("read page");
            // Only the <head>: links in the body carry hreflang for other reasons.
            let head = html.split("</head>").next().unwrap_or_default().to_owned();
            (rel, head)
        })
        .collect();
    sources.push(("sitemap.xml".into(), site.read("public/sitemap.xml")));
    for (name, text) in &sources {
        for (lang, href) in alternates(text) {
            if !href.starts_with("https://") {
                continue;
            }
            let file = file_of(&public, &href)
                .unwrap_or_else(|| panic!("{name}: alternate {href} is not on the site"));
            let page = std::fs::read_to_string(&file)
                .unwrap_or_else(|_| panic!("{name}: alternate {href} ({lang}) does not exist"));
            assert!(
                page.contains(&format!("<html lang=\"{lang}\"")),
                "{name}: {href} is not a page in `{lang}`"
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} alternates checked");
}

#[test]
fn money_and_dates_follow_the_page_language() {
    let site = SiteTest::fixture("agency");
    site.run(&["build", "--quiet"]).expect_code(0);
    let german = site.read("public/preise/stundenpakete-2025/index.html");
    let english = site.read("public/en/rates/stundenpakete-2025/index.html");
    for (page, expected) in [
        (&german, ["1.480,00 €", "45,00 €", "01.01.2025"]),
        (&english, ["€1,480.00", "€45.00", "1 Jan 2025"]),
    ] {
        for e in expected {
            assert!(page.contains(e), "{e} missing");
        }
    }
    assert!(!english.contains("45,00 €") && !german.contains("€45.00"));
}

#[test]
fn an_untranslated_original_gets_a_stand_in_in_the_readers_tree() {
    let site = SiteTest::fixture("minimal");
    site.run(&["build", "--quiet"]).expect_code(0);
    let original = site.read("public/leistungen/terminverwaltung/index.html");
    assert!(
        !original.contains("untranslated-note") && !original.contains("lang=\"en\">This"),
        "the German page carries no English text"
    );
    assert!(
        original.contains("<a href=\"/en/services/terminverwaltung/\" lang=\"en\">"),
        "its language switch leads English readers to the stand-in"
    );
    assert!(
        !original.contains("hreflang=\"en\" href="),
        "no hreflang alternate: the stand-in is no translation"
    );

    let stand_in = site.read("public/en/services/terminverwaltung/index.html");
    for (expected, what) in [
        (
            "<html lang=\"en\">",
            "the reader's language frames the page",
        ),
        (
            "<link rel=\"canonical\" href=\"https://example.com/leistungen/terminverwaltung/\">",
            "search engines are sent to the original",
        ),
        ("aria-label=\"Main navigation\"", "English menus"),
        (
            "<a href=\"/en/services/\">",
            "breadcrumbs in the English tree",
        ),
        (
            "<main id=\"main\" class=\"kind-service\" lang=\"de\">",
            "the original content is marked German",
        ),
        (
            "<p class=\"untranslated-note\" lang=\"en\">This page has not been translated into English yet.",
            "an English note says so",
        ),
        ("<h1>Terminverwaltung</h1>", "the original's content"),
        (
            "<a href=\"/leistungen/terminverwaltung/\" hreflang=\"de\" lang=\"de\">",
            "a way back",
        ),
    ] {
        assert!(stand_in.contains(expected), "{what}: {expected}");
    }

    let list = site.read("public/en/services/index.html");
    assert!(
        list.contains("<a href=\"/en/services/terminverwaltung/\" hreflang=\"de\">Terminverwaltung <span class=\"lang-tag\" aria-hidden=\"true\">DE</span></a>"),
        "English lists lead to the stand-in and mark the German title"
    );
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains("/leistungen/terminverwaltung/")
            && !sitemap.contains("/en/services/terminverwaltung/"),
        "the sitemap lists originals only"
    );
}

#[test]
fn a_language_may_leave_untranslated_items_out() {
    // No stand-ins, no links to them; a build with stand-ins before leaves none behind.
    let site = SiteTest::fixture("minimal");
    site.run(&["build", "--quiet"]).expect_code(0);
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        toml.replacen(
            "[languages.en]\n",
            "[languages.en]\nlist_untranslated = false\n",
            1,
        ),
    );
    site.run(&["build", "--quiet"]).expect_code(0);
    assert!(
        !site
            .path()
            .join("public/en/services/terminverwaltung")
            .exists()
    );
    assert!(
        !site
            .read("public/en/services/index.html")
            .contains("terminverwaltung")
    );
    assert!(
        !site
            .read("public/leistungen/terminverwaltung/index.html")
            .contains("/en/services/terminverwaltung/"),
        "no link to a page that does not exist"
    );
}

#[test]
fn a_site_overrides_single_interface_strings_and_keeps_the_others() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "themes/default/i18n/de.toml",
        "on_this_page = \"Inhalt\"\n\n[js]\ncopied = \"Kopiert!\"\n",
    );
    site.run(&["build", "--date", "2026-06-01"]).expect_code(0);
    let html = site.read("public/leistungen/terminverwaltung/index.html");
    assert!(
        html.contains(">Inhalt</h2>"),
        "the overridden string is used"
    );
    assert!(
        html.contains("Zum Inhalt springen"),
        "the other German strings stay German, not English"
    );
    assert!(
        html.contains("\"copied\":\"Kopiert!\""),
        "a key of [js] is overridden"
    );
    assert!(
        html.contains("\"confirm_reset\":\"Alle Häkchen"),
        "the other keys of [js] stay"
    );
}
