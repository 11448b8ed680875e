//! Hardening: a catalogue of bad inputs. The static ones are the overlay cases of
//! `tests/fixtures/errors/` (their reports are snapshots in `diagnostics`); here every
//! one of them must also leave a built output folder byte for byte as it was. The
//! cases that must be made at test time live here too: a 50 MB file, deep nesting,
//! symbolic links, unreadable files, names a file system of another OS refuses, and
//! the inputs that must work (byte order mark, CRLF line ends).
//!
//! A failed build must exit 1 for a content error (2 only for usage and I/O errors),
//! never panic, point at `path:line:col` with the source line and a help line, and
//! leave the previous output exactly as it was, with no staging folder beside it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::diagnostics::{broken_site, cases};
use crate::support::{Run, SiteTest};

/// The fixed date of all builds here.
const DATE: &str = "2026-06-01";

/// Every file and folder under a folder: relative path → bytes (folders end in `/`).
type Tree = BTreeMap<String, Vec<u8>>;

fn tree(dir: &Path) -> Tree {
    let mut out = Tree::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.expect("walk output");
        let rel = entry
            .path()
            .strip_prefix(dir)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        if entry.file_type().is_dir() {
            out.insert(format!("{rel}/"), Vec::new());
        } else {
            out.insert(rel, fs::read(entry.path()).expect("read output file"));
        }
    }
    out
}

/// The output of the minimal site, built once.
fn reference() -> &'static Tree {
    static REFERENCE: OnceLock<Tree> = OnceLock::new();
    REFERENCE.get_or_init(|| {
        let site = SiteTest::fixture("minimal");
        let out = tempfile::tempdir().expect("tempdir");
        let public = out.path().join("public");
        build_into(&site, &public, BUILD_LIMIT).expect_code(0);
        let tree = tree(&public);
        assert!(
            tree.contains_key("index.html") && tree.contains_key(".vpagen-output"),
            "the reference build lacks its home page or marker: {:?}",
            tree.keys().collect::<Vec<_>>()
        );
        tree
    })
}

/// A folder `public/` holding the last good build (a copy of [`reference`]), alone in
/// a temporary folder so that a staging folder left beside it would show.
struct Output {
    dir: tempfile::TempDir,
}

impl Output {
    fn new() -> Output {
        let dir = tempfile::tempdir().expect("tempdir");
        let public = dir.path().join("public");
        for (rel, bytes) in reference() {
            let path = public.join(rel);
            if rel.ends_with('/') {
                fs::create_dir_all(&path).expect("mkdir");
            } else {
                fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                fs::write(&path, bytes).expect("write");
            }
        }
        Output { dir }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    /// Builds `site` into this folder.
    fn build(&self, site: &SiteTest) -> Run {
        build_into(site, &self.path(), BUILD_LIMIT)
    }

    /// The folder is byte for byte the last good build, and nothing lies beside it.
    fn assert_unchanged(&self, case: &str) {
        let now = tree(&self.path());
        let before = reference();
        let added: Vec<&String> = now.keys().filter(|k| !before.contains_key(*k)).collect();
        let lost: Vec<&String> = before.keys().filter(|k| !now.contains_key(*k)).collect();
        assert!(
            added.is_empty() && lost.is_empty(),
            "{case}: the output folder gained {added:?} and lost {lost:?}"
        );
        for (rel, bytes) in before {
            assert!(now[rel] == *bytes, "{case}: {rel} changed");
        }
        let beside: Vec<String> = fs::read_dir(self.dir.path())
            .expect("read parent")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            beside,
            ["public"],
            "{case}: a staging folder was left next to the output"
        );
    }
}

/// Exit code `code`, no panic, and a report.
fn assert_failed(case: &str, run: &Run, code: i32) {
    assert!(
        !run.stderr.contains("panicked"),
        "{case} panicked:\n{}",
        run.stderr
    );
    assert_eq!(run.code, code, "{case}: exit code\n{}", run.stderr);
    assert!(
        run.stderr.contains("error"),
        "{case}: no error reported\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help:"),
        "{case}: no help line\n{}",
        run.stderr
    );
}

/// Every `--> path:line:col` of a report, each checked to be followed by its source
/// line (`line | …`).
fn locations(case: &str, stderr: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(at) = line.trim_start().strip_prefix("--> ") else {
            continue;
        };
        let mut parts = at.rsplitn(3, ':');
        let col = parts.next().and_then(|c| c.parse::<usize>().ok());
        let row = parts.next().and_then(|r| r.parse::<usize>().ok());
        let path = parts.next();
        let (Some(col), Some(row), Some(path)) = (col, row, path) else {
            panic!("{case}: `{line}` is not `--> path:line:col`\n{stderr}");
        };
        let shown = lines[i + 1..lines.len().min(i + 4)]
            .iter()
            .any(|l| l.trim_start().starts_with(&format!("{row} |")));
        assert!(
            shown,
            "{case}: {path}:{row}:{col} without its source line\n{stderr}"
        );
        found.push((path.to_owned(), row, col));
    }
    found
}

/// The report points into `path` (with line, column and source line).
fn assert_located_in(case: &str, run: &Run, path: &str) {
    let found = locations(case, &run.stderr);
    assert!(
        found.iter().any(|(p, _, _)| p == path),
        "{case}: no location in {path}\n{}",
        run.stderr
    );
}

/// Runs `vpagen` like [`SiteTest::run`], but kills it (this test's own child, by its
/// handle) when it takes longer than `limit`.
fn run_with_limit(site: &SiteTest, args: &[&str], limit: Duration) -> Run {
    let dir = tempfile::tempdir().expect("tempdir");
    let (out_path, err_path) = (dir.path().join("out"), dir.path().join("err"));
    let mut child = crate::support::vpagen()
        .args(args)
        .current_dir(site.path())
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).expect("stdout file"))
        .stderr(fs::File::create(&err_path).expect("stderr file"))
        .spawn()
        .expect("run vpagen");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > limit {
            child.kill().expect("kill");
            child.wait().expect("reap");
            panic!("vpagen {args:?} ran longer than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: fs::read_to_string(&out_path).unwrap_or_default(),
        stderr: fs::read_to_string(&err_path).unwrap_or_default(),
    }
}

/// How long an ordinary build of the minimal site may take.
const BUILD_LIMIT: Duration = Duration::from_secs(120);

/// Runs `vpagen build` of `site` into `public` (dates as of [`DATE`]), killed after
/// `limit`.
fn build_into(site: &SiteTest, public: &Path, limit: Duration) -> Run {
    let public = public.to_string_lossy();
    run_with_limit(site, &["build", "--output", &public, "--date", DATE], limit)
}

// --- Every overlay case of tests/fixtures/errors/ -------------------------------

#[test]
fn the_catalogue_has_at_least_sixty_overlay_cases() {
    let cases = cases();
    assert!(cases.len() >= 60, "only {} overlay cases", cases.len());
}

#[test]
fn every_overlay_case_fails_located_and_leaves_the_output_byte_identical() {
    for case in cases() {
        let site = broken_site(&case);
        let out = Output::new();
        let run = out.build(&site);
        assert_failed(&case, &run, 1);
        assert!(
            !locations(&case, &run.stderr).is_empty(),
            "{case}: no `--> path:line:col` in the report\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("nothing was written"),
            "{case}: the report does not say that nothing was written\n{}",
            run.stderr
        );
        out.assert_unchanged(&case);
    }
}

// --- Inputs that must work --------------------------------------------------------

/// Rewrites every Markdown file and `site.toml` of a site with `f`.
fn rewrite_text_files(site: &SiteTest, f: impl Fn(&str) -> String) -> usize {
    let mut count = 0;
    for entry in walkdir::WalkDir::new(site.path()) {
        let entry = entry.expect("walk site");
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && (name.ends_with(".md") || name == "site.toml") {
            let text = fs::read_to_string(entry.path()).expect("read");
            fs::write(entry.path(), f(&text)).expect("write");
            count += 1;
        }
    }
    count
}

/// Builds `site` into a fresh folder and asserts the output is byte for byte that of
/// the plain minimal site.
fn assert_builds_like_the_plain_site(case: &str, site: &SiteTest) {
    let out = tempfile::tempdir().expect("tempdir");
    let public = out.path().join("public");
    let run = build_into(site, &public, BUILD_LIMIT);
    run.expect_code(0);
    assert_eq!(run.stderr, "", "{case}: warnings or errors");
    let built = tree(&public);
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        reference().keys().collect::<Vec<_>>(),
        "{case}: other files"
    );
    for (rel, bytes) in reference() {
        assert!(built[rel] == *bytes, "{case}: {rel} differs");
    }
}

#[test]
fn files_with_a_byte_order_mark_build_like_plain_ones() {
    let site = SiteTest::fixture("minimal");
    let n = rewrite_text_files(&site, |t| format!("\u{feff}{t}"));
    assert!(n >= 10, "only {n} files rewritten");
    assert_builds_like_the_plain_site("bom", &site);
}

#[test]
fn files_with_crlf_line_ends_build_like_plain_ones() {
    let site = SiteTest::fixture("minimal");
    rewrite_text_files(&site, |t| t.replace('\n', "\r\n"));
    assert!(site.read("content/pages/start.md").contains("+++\r\n"));
    assert_builds_like_the_plain_site("crlf", &site);
}

#[test]
fn files_with_a_byte_order_mark_and_crlf_build_like_plain_ones() {
    let site = SiteTest::fixture("minimal");
    rewrite_text_files(&site, |t| format!("\u{feff}{}", t.replace('\n', "\r\n")));
    assert_builds_like_the_plain_site("bom+crlf", &site);
}

#[test]
fn an_error_in_a_bom_and_crlf_file_is_located_on_its_line_and_column() {
    let site = SiteTest::fixture("minimal");
    rewrite_text_files(&site, |t| format!("\u{feff}{}", t.replace('\n', "\r\n")));
    let path = "content/services/terminverwaltung.md";
    site.write(
        path,
        site.read(path)
            .replace("billing = \"hourly\"", "billing = \"stündlich\""),
    );
    let out = Output::new();
    let run = out.build(&site);
    assert_failed("crlf error", &run, 1);
    let found = locations("crlf error", &run.stderr);
    assert_eq!(
        found,
        [(path.to_owned(), 6, 11)],
        "line and column as an editor shows them\n{}",
        run.stderr
    );
    assert!(!run.stderr.contains('\r'), "{}", run.stderr);
    out.assert_unchanged("crlf error");
}

// --- Size and nesting ---------------------------------------------------------------

#[test]
fn a_fifty_megabyte_file_builds_in_bounded_time() {
    let site = SiteTest::fixture("minimal");
    let paragraph = "Die Assistenz pflegt Kalender, beantwortet E-Mails und schreibt Protokolle für Kunden.\n\n";
    let mut text = String::from("+++\ntitle = \"Groß\"\n+++\n");
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(paragraph);
    }
    site.write("content/pages/gross.md", &text);
    let out = tempfile::tempdir().expect("tempdir");
    let public = out.path().join("public");
    let run = build_into(&site, &public, Duration::from_secs(300));
    run.expect_code(0);
    let page = fs::metadata(public.join("gross/index.html")).expect("the big page");
    assert!(page.len() > 50 * 1024 * 1024, "{} bytes", page.len());
}

#[test]
fn a_fifty_megabyte_word_builds_in_bounded_time() {
    let site = SiteTest::fixture("minimal");
    let mut text = String::from("+++\ntitle = \"Groß\"\n+++\n");
    text.push_str(&"x".repeat(50 * 1024 * 1024));
    site.write("content/pages/gross.md", &text);
    let run = run_with_limit(&site, &["check", "--date", DATE], Duration::from_secs(300));
    run.expect_code(0);
}

#[test]
fn a_fifty_megabyte_front_matter_value_is_an_error_not_a_hang() {
    let site = SiteTest::fixture("minimal");
    let text = format!(
        "+++\ntitle = \"Groß\"\nsummary = \"{}\"\n+++\nText\n",
        "y".repeat(50 * 1024 * 1024)
    );
    site.write("content/pages/gross.md", &text);
    let run = run_with_limit(&site, &["check", "--date", DATE], Duration::from_secs(300));
    assert_failed("50 MB summary", &run, 1);
    assert!(
        run.stderr
            .contains("`summary` is 52428800 characters long; at most 200 are allowed"),
        "{}",
        &run.stderr[..run.stderr.len().min(2000)]
    );
    assert_located_in("50 MB summary", &run, "content/pages/gross.md");
}

/// Builds a page with `body` and returns its HTML.
fn build_page(case: &str, body: &str) -> String {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/pages/tief.md",
        format!("+++\ntitle = \"Tief\"\n+++\n{body}"),
    );
    let out = tempfile::tempdir().expect("tempdir");
    let public = out.path().join("public");
    let run = build_into(&site, &public, BUILD_LIMIT);
    assert!(!run.stderr.contains("panicked"), "{case}: {}", run.stderr);
    run.expect_code(0);
    fs::read_to_string(public.join("tief/index.html")).expect("the page")
}

#[test]
fn ten_thousand_nested_block_quotes_build() {
    let html = build_page("quotes", &format!("{} tief\n", ">".repeat(10_000)));
    assert_eq!(html.matches("<blockquote>").count(), 10_000);
    assert_eq!(html.matches("</blockquote>").count(), 10_000);
}

#[test]
fn ten_thousand_open_brackets_build() {
    let html = build_page(
        "brackets",
        &format!("{}Text{}\n", "[".repeat(10_000), "]".repeat(10_000)),
    );
    assert!(html.contains(&format!("{}Text{}", "[".repeat(10_000), "]".repeat(10_000))));
    let unclosed = build_page("open brackets", &format!("{}\n", "[".repeat(10_000)));
    assert!(unclosed.contains(&"[".repeat(10_000)));
}

#[test]
fn ten_thousand_nested_lists_build() {
    let html = build_page("lists", &format!("{}Punkt\n", "- ".repeat(10_000)));
    assert!(html.matches("<ul>").count() >= 10_000);
    let mut indented = String::new();
    for i in 0..2_000 {
        indented.push_str(&"  ".repeat(i));
        indented.push_str("- Punkt\n");
    }
    let html = build_page("indented lists", &indented);
    assert!(html.matches("<li>").count() >= 2_000);
}

#[test]
fn other_deep_nesting_builds() {
    for (case, body) in [
        (
            "emphasis",
            format!("{}x{}\n", "*".repeat(10_000), "*".repeat(10_000)),
        ),
        ("links", format!("{}\n", "[a](".repeat(10_000))),
        ("images", format!("{}\n", "![".repeat(10_000))),
        (
            "parentheses",
            format!("[x]({}{})\n", "(".repeat(10_000), ")".repeat(10_000)),
        ),
        ("html", format!("{}\n", "<div>".repeat(10_000))),
        ("quoted lists", format!("{}x\n", "> - ".repeat(5_000))),
        ("backticks", format!("{}\n", "`".repeat(100_000))),
    ] {
        let html = build_page(case, &body);
        assert!(html.contains("<main"), "{case}");
    }
}

#[test]
fn deeply_nested_toml_is_a_located_error() {
    for (case, value) in [
        (
            "arrays",
            format!("{{ a = {}{} }}", "[".repeat(10_000), "]".repeat(10_000)),
        ),
        (
            "inline tables",
            format!("{}1{}", "{ a = ".repeat(10_000), " }".repeat(10_000)),
        ),
        (
            "unclosed arrays",
            format!("{{ a = {} }}", "[".repeat(10_000)),
        ),
        (
            "dotted keys",
            format!("{{ {} = 1 }}", vec!["a"; 10_000].join(".")),
        ),
    ] {
        let site = SiteTest::fixture("minimal");
        site.write(
            "content/pages/tief.md",
            format!("+++\ntitle = \"Tief\"\nextra = {value}\n+++\nText\n"),
        );
        let out = Output::new();
        let run = out.build(&site);
        assert_failed(case, &run, 1);
        assert_located_in(case, &run, "content/pages/tief.md");
        out.assert_unchanged(case);
    }
}

// --- Names -------------------------------------------------------------------------

#[test]
fn ids_differing_only_in_case_are_an_error() {
    let site = SiteTest::fixture("minimal");
    let start = site.read("content/pages/start.md");
    site.write("content/pages/Start.md", &start);
    let out = Output::new();
    let run = out.build(&site);
    assert_failed("Start.md", &run, 1);
    assert!(
        run.stderr
            .contains("`Start` is not a valid id (the file name is the id)"),
        "{}",
        run.stderr
    );
    assert_located_in("Start.md", &run, "content/pages/Start.md");
    out.assert_unchanged("Start.md");
}

#[test]
fn file_names_with_control_characters_or_backslashes_are_errors_shown_escaped() {
    for (case, name, shown) in [
        ("bell", "tag\u{7}eins", "tag\\u{7}eins"),
        ("escape", "tag\u{1b}[2J", "tag\\u{1b}[2J"),
        ("backslash", "tag\\eins", "tag\\eins"),
    ] {
        if cfg!(windows) && name.contains('\\') {
            continue;
        }
        let site = SiteTest::fixture("minimal");
        site.write(
            &format!("content/pages/{name}.md"),
            "+++\ntitle = \"Tag\"\n+++\n",
        );
        let out = Output::new();
        let run = out.build(&site);
        assert_failed(case, &run, 1);
        assert!(
            run.stderr.contains(&format!(
                "`{shown}` is not a valid id (the file name is the id)"
            )),
            "{case}: {}",
            run.stderr
        );
        assert!(
            !run.stderr.contains(['\u{7}', '\u{1b}']),
            "{case}: a raw control character reached the terminal"
        );
        assert_located_in(case, &run, &format!("content/pages/{shown}.md"));
        out.assert_unchanged(case);
    }
}

#[test]
fn windows_device_names_are_not_ids() {
    let site = SiteTest::fixture("minimal");
    let service = site.read("content/services/terminverwaltung.md");
    site.write("content/pages/con.md", "+++\ntitle = \"Kontakt\"\n+++\n");
    site.write("content/pages/nul.en.md", "+++\ntitle = \"Null\"\n+++\n");
    site.write("content/services/com1.md", &service);
    site.write(
        "content/skills/lpt9.md",
        site.read("content/skills/organisation.md"),
    );
    let out = Output::new();
    let run = out.build(&site);
    assert_failed("device names", &run, 1);
    for (id, path) in [
        ("con", "content/pages/con.md"),
        ("nul", "content/pages/nul.en.md"),
        ("com1", "content/services/com1.md"),
        ("lpt9", "content/skills/lpt9.md"),
    ] {
        assert!(
            run.stderr.contains(&format!(
                "`{id}` is a device name reserved by Windows and cannot be an id"
            )),
            "{id}: {}",
            run.stderr
        );
        assert_located_in(id, &run, path);
    }
    out.assert_unchanged("device names");
}

// --- site.toml and theme -------------------------------------------------------------

#[test]
fn a_missing_site_toml_is_a_usage_error_that_writes_nothing() {
    let site = SiteTest::fixture("minimal");
    fs::remove_file(site.path().join("site.toml")).expect("remove site.toml");
    let out = Output::new();
    let run = out.build(&site);
    // Not a site at all: the wrong folder or a missing --root, so a usage error (2).
    assert_failed("no site.toml", &run, 2);
    assert!(
        run.stderr
            .contains("is not a vpagen site: it has no site.toml"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("pass --root DIR"), "{}", run.stderr);
    out.assert_unchanged("no site.toml");
}

#[test]
fn a_site_toml_with_a_byte_order_mark_and_an_error_is_located() {
    let site = SiteTest::fixture("minimal");
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        format!(
            "\u{feff}{}",
            toml.replace("default_lang = \"de\"", "default_lang = de")
        ),
    );
    let out = Output::new();
    let run = out.build(&site);
    assert_failed("site.toml with BOM", &run, 1);
    assert_located_in("site.toml with BOM", &run, "site.toml");
    assert!(
        run.stderr.contains("site.toml is TOML"),
        "the help names site.toml, not front matter\n{}",
        run.stderr
    );
    out.assert_unchanged("site.toml with BOM");
}

#[test]
fn a_broken_theme_string_file_fails_and_writes_nothing() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "themes/default/i18n/de.toml",
        "weiter = \"Weiter\nzurueck = 1\n",
    );
    let out = Output::new();
    let run = out.build(&site);
    assert_failed("i18n/de.toml", &run, 1);
    // The report names the file; a line and column are still missing there (the
    // message comes from src/render/).
    assert!(
        run.stderr
            .contains("theme string file i18n/de.toml is invalid"),
        "{}",
        run.stderr
    );
    out.assert_unchanged("i18n/de.toml");
}

// --- Symbolic links and unreadable files ----------------------------------------------

#[cfg(unix)]
mod links {
    use std::fs;
    use std::os::unix::fs::symlink;

    use super::{BUILD_LIMIT, Output, assert_failed, assert_located_in, build_into};
    use crate::support::SiteTest;

    /// The minimal site with a link at `link` (relative to the site) to `target`.
    fn site_with_link(target: &std::path::Path, link: &str) -> SiteTest {
        let site = SiteTest::fixture("minimal");
        symlink(target, site.path().join(link)).expect("symlink");
        site
    }

    fn assert_link_error(case: &str, site: &SiteTest, link: &str, message: &str) {
        let out = Output::new();
        let run = out.build(site);
        assert_failed(case, &run, 1);
        assert!(
            run.stderr.contains(message),
            "{case}: expected `{message}`\n{}",
            run.stderr
        );
        assert_located_in(case, &run, link);
        assert!(
            run.stderr.contains("found 1 error"),
            "{case}: one error only\n{}",
            run.stderr
        );
        out.assert_unchanged(case);
    }

    #[test]
    fn a_folder_linked_to_its_ancestor_is_an_error() {
        let site = site_with_link("..".as_ref(), "content/pages/schleife");
        assert_link_error(
            "loop",
            &site,
            "content/pages/schleife",
            "content/pages/schleife is a symbolic link to content, a folder that contains it",
        );
    }

    #[test]
    fn a_link_to_itself_is_an_error() {
        let site = site_with_link("selbst.md".as_ref(), "content/pages/selbst.md");
        assert_link_error(
            "self",
            &site,
            "content/pages/selbst.md",
            "content/pages/selbst.md is a symbolic link to selbst.md, which cannot be read",
        );
    }

    #[test]
    fn a_link_to_nothing_is_an_error() {
        let site = site_with_link("fehlt/weg.md".as_ref(), "content/pages/weg.md");
        assert_link_error(
            "dangling",
            &site,
            "content/pages/weg.md",
            "content/pages/weg.md is a symbolic link to fehlt/weg.md, which cannot be read",
        );
    }

    #[test]
    fn a_file_linked_from_outside_the_site_is_an_error() {
        let outside = tempfile::tempdir().expect("tempdir");
        let file = outside.path().join("draussen.md");
        fs::write(&file, "+++\ntitle = \"Draußen\"\n+++\nText\n").expect("write");
        let site = site_with_link(&file, "content/pages/draussen.md");
        assert_link_error(
            "file outside",
            &site,
            "content/pages/draussen.md",
            "content/pages/draussen.md is a symbolic link that leads out of the site",
        );
    }

    #[test]
    fn a_folder_linked_from_outside_the_site_is_an_error_and_not_walked() {
        let outside = tempfile::tempdir().expect("tempdir");
        // Were the folder walked, this file would add a second error.
        fs::write(outside.path().join("kaputt.md"), "kein front matter\n").expect("write");
        let site = site_with_link(outside.path(), "content/pages/extern");
        assert_link_error(
            "folder outside",
            &site,
            "content/pages/extern",
            "content/pages/extern is a symbolic link that leads out of the site",
        );
    }

    #[test]
    fn links_inside_the_site_are_followed() {
        let site = SiteTest::fixture("minimal");
        site.write(
            "vorlagen/gemeinsam.md",
            "+++\ntitle = \"Gemeinsam\"\n+++\nGeteilter Text.\n",
        );
        symlink(
            "../../vorlagen/gemeinsam.md",
            site.path().join("content/pages/gemeinsam.md"),
        )
        .expect("symlink");
        let out = tempfile::tempdir().expect("tempdir");
        let public = out.path().join("public");
        build_into(&site, &public, BUILD_LIMIT).expect_code(0);
        let page = fs::read_to_string(public.join("gemeinsam/index.html")).expect("page");
        assert!(page.contains("Geteilter Text."));
    }
}

/// Files the build may not read: as a user that file modes bind. Root reads a file of
/// mode 000 all the same, so when the suite runs as root (as in CI) these builds run
/// as `nobody` through `setpriv`, with the site and the output handed to that user.
mod unreadable {
    use std::fs;
    use std::os::unix::fs::{PermissionsExt, lchown};
    use std::path::{Path, PathBuf};
    use std::process::Command;

    use super::{DATE, Output};
    use crate::support::{Run, SiteTest, suite_env, vpagen_binary};

    /// The user and group id of `nobody`.
    const NOBODY: u32 = 65_534;

    /// The effective user id of this process, from `id -u`.
    fn euid() -> u32 {
        let out = Command::new("id")
            .arg("-u")
            .output()
            .expect("`id` (coreutils) is needed to tell whether the suite runs as root");
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .expect("`id -u` prints a number")
    }

    /// Gives every file and folder under `dir` (and `dir`) to `nobody`.
    fn give_to_nobody(dir: &Path) {
        for entry in walkdir::WalkDir::new(dir) {
            let entry = entry.expect("walk");
            lchown(entry.path(), Some(NOBODY), Some(NOBODY))
                .unwrap_or_else(|e| panic!("chown {}: {e}", entry.path().display()));
        }
    }

    /// `setpriv` running `program` as `nobody`.
    fn as_nobody(program: &Path) -> Command {
        let mut command = Command::new("setpriv");
        command
            .args([
                "--reuid",
                &NOBODY.to_string(),
                "--regid",
                &NOBODY.to_string(),
            ])
            .args(["--clear-groups", "--"])
            .arg(program);
        command
    }

    /// The binary at a path `nobody` may run: where it is, or a copy in `spare`.
    fn binary_for_nobody(spare: &Path) -> PathBuf {
        let runs = |path: &Path| {
            as_nobody(path)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        };
        if runs(vpagen_binary()) {
            return vpagen_binary().to_owned();
        }
        let copy = spare.join("vpagen");
        fs::copy(vpagen_binary(), &copy).expect("copy the binary");
        give_to_nobody(spare);
        assert!(
            runs(&copy),
            "`setpriv --reuid {NOBODY}` cannot run {}: the unreadable-file cases need to \
             drop root privileges (setpriv from util-linux: apt-get install util-linux)",
            copy.display()
        );
        copy
    }

    /// Builds `site` into `out` as a user that mode 000 stops, and returns the run.
    ///
    /// # Panics
    /// As root, when privileges cannot be dropped: such a run would test nothing.
    fn build_unprivileged(site: &SiteTest, out: &Output) -> Run {
        let public = out.path();
        let args = [
            "build",
            "--output",
            &public.to_string_lossy(),
            "--date",
            DATE,
        ];
        let spare = tempfile::tempdir().expect("tempdir");
        let mut command = if euid() == 0 {
            let binary = binary_for_nobody(spare.path());
            give_to_nobody(site.path());
            give_to_nobody(out.dir.path());
            let mut command = as_nobody(&binary);
            command.args(args);
            // The build really runs without root's rights.
            let id = as_nobody(Path::new("id"))
                .arg("-u")
                .output()
                .expect("setpriv id -u");
            assert_eq!(
                String::from_utf8_lossy(&id.stdout).trim(),
                NOBODY.to_string()
            );
            command
        } else {
            let mut command = crate::support::vpagen();
            command.args(args);
            command
        };
        suite_env(&mut command);
        Run::from(
            command
                .current_dir(site.path())
                .output()
                .expect("run vpagen"),
        )
    }

    #[test]
    fn an_unreadable_file_is_an_io_error_that_writes_nothing_even_for_root() {
        let site = SiteTest::fixture("minimal");
        let path = site.path().join("content/pages/start.md");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
        let out = Output::new();
        let run = build_unprivileged(&site, &out);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        run.expect_code(2);
        assert!(
            run.stderr.contains("cannot read") && run.stderr.contains("start.md"),
            "{}",
            run.stderr
        );
        out.assert_unchanged("unreadable file");
    }

    #[test]
    fn an_unreadable_folder_is_an_io_error_that_writes_nothing_even_for_root() {
        let site = SiteTest::fixture("minimal");
        let dir = site.path().join("content/pages");
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o000)).expect("chmod");
        let out = Output::new();
        let run = build_unprivileged(&site, &out);
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).expect("chmod back");
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        run.expect_code(2);
        assert!(run.stderr.contains("content/pages"), "{}", run.stderr);
        out.assert_unchanged("unreadable folder");
    }
}
