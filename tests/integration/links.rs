//! Every `href` and `src` of every page resolves to a file of the output, for a site
//! published under a sub-path (`--base-url https://example.com/agentur/`) and for the
//! offline build (`[search] offline = true`, opened from the disk): no root-relative
//! address that escapes the sub-path, no link to a folder where no server will add
//! `index.html`, no anchor that is missing on its page.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use crate::support::SiteTest;

/// The site: the print tests' guide, checklist and briefing in German and English
/// over the minimal site, so that every page type and the language switch occur.
fn site() -> SiteTest {
    crate::print::site()
}

/// One page of the output: its path relative to the output, its text.
type Pages = BTreeMap<String, String>;

fn html_pages(out: &Path) -> Pages {
    let mut pages = Pages::new();
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.expect("walk the output");
        if entry.path().extension().is_some_and(|e| e == "html") {
            let rel = entry.path().strip_prefix(out).expect("inside");
            pages.insert(
                rel.to_string_lossy().replace('\\', "/"),
                fs::read_to_string(entry.path()).expect("read page"),
            );
        }
    }
    pages
}

/// The `href` and `src` values of a page, with `&amp;` undone.
fn addresses(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        for (at, _) in html.match_indices(attr) {
            let rest = &html[at + attr.len()..];
            let value = &rest[..rest.find('"').expect("closing quote")];
            out.push(value.replace("&amp;", "&"));
        }
    }
    out
}

/// `rel` joined to the folder of `page` (both relative to the output), with `.` and
/// `..` resolved; `None` when it climbs out of the output.
fn join(page: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in rel.split('/') {
        match seg {
            "." => {}
            ".." => {
                parts.pop()?;
            }
            seg => parts.push(seg),
        }
    }
    Some(parts.join("/"))
}

/// What kind of build the output is, for the rules of [`problems`].
#[derive(Clone, Copy)]
enum Build<'a> {
    /// Served under a sub-path: root-relative addresses must start with it.
    SubPath { base: &'a str, path: &'a str },
    /// Opened from the disk: relative addresses that name files.
    Offline { base: &'a str },
}

/// The problems of one address on `page`, if any.
fn check(build: Build<'_>, out: &Path, pages: &Pages, page: &str, address: &str) -> Option<String> {
    if address.is_empty() {
        return Some("empty address".to_owned());
    }
    if let Some(fragment) = address.strip_prefix('#') {
        return missing_anchor(pages, page, fragment);
    }
    if ["mailto:", "tel:", "data:"]
        .iter()
        .any(|s| address.starts_with(s))
    {
        return None;
    }
    let (base, sub) = match build {
        Build::SubPath { base, path } => (base, Some(path)),
        Build::Offline { base } => (base, None),
    };
    let target = if let Some(rest) = address.strip_prefix(base) {
        rest.to_owned()
    } else if address.starts_with("http://") || address.starts_with("https://") {
        let site_host = &base[..base["https://".len()..]
            .find('/')
            .map_or(base.len(), |i| i + 8)];
        if address.starts_with(site_host) {
            return Some(format!("leaves the site's base {base}"));
        }
        return None; // another host
    } else if let Some(root_relative) = address.strip_prefix('/') {
        match sub {
            Some(path) => match address.strip_prefix(path) {
                Some(rest) => rest.to_owned(),
                None => return Some(format!("root-relative outside {path}: {root_relative}")),
            },
            None => {
                return Some(
                    "root-relative: a page opened from the disk cannot follow it".to_owned(),
                );
            }
        }
    } else {
        match join(page, address) {
            Some(target) => target,
            None => return Some("climbs out of the output".to_owned()),
        }
    };
    let (target, fragment) = match target.split_once('#') {
        Some((t, f)) => (t.to_owned(), Some(f.to_owned())),
        None => (target, None),
    };
    let target = target.split('?').next().unwrap_or_default().to_owned();
    let is_folder = target.is_empty() || target.ends_with('/');
    let file = if is_folder {
        format!("{target}index.html")
    } else {
        target
    };
    if !out.join(&file).is_file() {
        return Some(format!("no file {file}"));
    }
    if is_folder && matches!(build, Build::Offline { .. }) && !address.starts_with(base) {
        return Some("names a folder: from the disk, the browser shows a listing".to_owned());
    }
    fragment.and_then(|f| missing_anchor(pages, &file, &f))
}

/// `Some` when the page `file` has no element with the id `fragment`.
fn missing_anchor(pages: &Pages, file: &str, fragment: &str) -> Option<String> {
    let html = pages.get(file)?;
    (!fragment.is_empty() && !html.contains(&format!(" id=\"{fragment}\"")))
        .then(|| format!("no id {fragment:?} on {file}"))
}

/// Every problem of every address of every page, as `page: address: problem`.
fn problems(build: Build<'_>, out: &Path) -> Vec<String> {
    let pages = html_pages(out);
    assert!(
        pages.len() >= 20,
        "only {} pages in {}",
        pages.len(),
        out.display()
    );
    let mut found = BTreeSet::new();
    for (page, html) in &pages {
        for address in addresses(html) {
            if let Some(problem) = check(build, out, &pages, page, &address) {
                found.insert(format!("{page}: {address}: {problem}"));
            }
        }
    }
    found.into_iter().collect()
}

/// Fails with every problem when any address of the output does not resolve.
fn assert_resolves(build: Build<'_>, out: &Path) {
    let found = problems(build, out);
    assert!(
        found.is_empty(),
        "{} problems:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn a_sub_path_build_links_only_within_its_sub_path() {
    let site = site();
    site.run(&[
        "build",
        "--quiet",
        "--base-url",
        "https://example.com/agentur/",
    ])
    .expect_code(0);
    assert_resolves(
        Build::SubPath {
            base: "https://example.com/agentur/",
            path: "/agentur/",
        },
        &site.path().join("public"),
    );
}

#[test]
fn an_offline_build_links_relatively_to_files() {
    let site = site();
    let toml = site.read("site.toml");
    site.write("site.toml", format!("{toml}\n[search]\noffline = true\n"));
    site.run(&["build", "--quiet"]).expect_code(0);
    assert_resolves(
        Build::Offline {
            base: "https://example.com/",
        },
        &site.path().join("public"),
    );
}

#[test]
fn the_scan_finds_what_it_is_for() {
    // A page with each kind of bad address, checked with the same rules.
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path();
    fs::create_dir_all(out.join("a")).expect("mkdir");
    fs::write(out.join("a/index.html"), "<p id=\"here\">").expect("write");
    let mut pages = Pages::new();
    pages.insert("a/index.html".to_owned(), "<p id=\"here\">".to_owned());
    let sub = Build::SubPath {
        base: "https://example.com/agentur/",
        path: "/agentur/",
    };
    let offline = Build::Offline {
        base: "https://example.com/",
    };
    let ok = |b, a: &str| check(b, out, &pages, "a/index.html", a);
    assert_eq!(ok(sub, "/agentur/a/#here"), None);
    assert_eq!(ok(sub, "https://example.com/agentur/a/"), None);
    assert_eq!(ok(sub, "#here"), None);
    assert_eq!(ok(sub, "https://other.example/x"), None);
    assert!(
        ok(sub, "/a/").is_some(),
        "root-relative outside the sub-path"
    );
    assert!(
        ok(sub, "https://example.com/a/").is_some(),
        "outside the base"
    );
    assert!(ok(sub, "/agentur/b/").is_some(), "missing page");
    assert!(ok(sub, "#there").is_some(), "missing anchor");
    assert!(ok(sub, "../../x").is_some(), "out of the output");
    assert_eq!(ok(offline, "index.html#here"), None);
    assert!(ok(offline, "./").is_some(), "a folder from the disk");
    assert!(
        ok(offline, "/a/index.html").is_some(),
        "root-relative from the disk"
    );
}

#[test]
fn markdown_files_site_paths_and_list_references_become_page_addresses() {
    let site = site();
    let start = site.read("content/pages/start.md");
    site.write(
        "content/pages/start.md",
        format!(
            "{start}\n[Pflichtangaben](impressum.md), [Preise](../rates/preise.md), \
             [Ausstattung](/checklisten/ausstattung/#headset), [alle Leistungen](@list:services), \
             [das Logo](/logo.svg) und [Onboarding](../guides/einarbeitung.en.md).\n"
        ),
    );
    site.run(&[
        "build",
        "--quiet",
        "--base-url",
        "https://example.com/agentur/",
    ])
    .expect_code(0);
    let html = site.read("public/index.html");
    for href in [
        "/agentur/impressum/",
        "/agentur/preise/preise/",
        "/agentur/checklisten/ausstattung/#headset",
        "/agentur/leistungen/",
        "/logo.svg",
        "/agentur/einarbeitung/einarbeitung/",
    ] {
        assert!(
            html.contains(&format!("href=\"{href}\"")),
            "{href} missing in\n{html}"
        );
    }
}

#[test]
fn a_wrong_anchor_in_a_markdown_file_link_is_reported_like_one_in_a_reference() {
    let site = site();
    let start = site.read("content/pages/start.md");
    site.write(
        "content/pages/start.md",
        format!("{start}\n[Headset](../checklists/ausstattung.md#headsett)\n"),
    );
    let run = site.run(&["check"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("`#headsett` does not exist on checklist `ausstattung`"),
        "{}",
        run.stderr
    );
}
