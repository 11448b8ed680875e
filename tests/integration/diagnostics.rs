//! One broken site per kind of diagnostic (`tests/fixtures/errors/<case>/`, laid over
//! `tests/fixtures/minimal/`), with the exact rendered report as a snapshot. A case
//! folder holds the files that replace or add to the minimal site, and optionally a
//! `_delete` file listing paths to remove.
//!
//! Every case folder also states the error it is about in `_expect.toml`, next to the
//! files that make it (neither `_expect.toml` nor `_delete` is copied into the site):
//!
//! ```toml
//! code = "C1"                                   # the check code; "" or absent: none
//! message = "unknown skill `organisaton`"       # the headline after `error[C1]: `
//! file = "content/services/terminverwaltung.md" # site-relative, as after `-->`
//! line = 14                                     # 1-based, as after `-->`
//! column = 6                                    # 1-based, in characters
//! ```
//!
//! The first error of `vpagen check` must be exactly that: code, message, file, line
//! and column, i.e. the place the author has to fix. `file`, `line` and `column` are
//! left out only for an error that names no place. A case folder without
//! `_expect.toml` fails the suite. The snapshot still shows the whole report (help,
//! labels, any further errors); the expectation says which error the case is about.
//!
//! `tests/fixtures/warnings/<case>/` works the same way for the checks that warn or
//! inform (C9–C13): `check` succeeds, and the first diagnostic of the stated
//! `severity` (`"warning"` or `"info"`) is the expected one; `audience = "…"` checks
//! for that audience (`--audience`).

use std::fs;
use std::path::PathBuf;

use serde::Deserialize;

use crate::support::{SiteTest, copy_tree, fixture};

/// The fixed date of all checks here, so `review_by` and validity never drift.
const DATE: &str = "2026-06-01";

/// The file of a case folder that states its expected error.
const EXPECT: &str = "_expect.toml";

/// Files of a case folder that steer the test and are not part of the site.
const CONTROL_FILES: &[&str] = &["_delete", EXPECT];

/// Where the case folders of each set lie, under `tests/fixtures/`.
const ERRORS: &str = "errors";
const WARNINGS: &str = "warnings";

pub(crate) fn broken_site(case: &str) -> SiteTest {
    overlay_site(ERRORS, case)
}

/// The minimal site with the case folder `tests/fixtures/<set>/<case>/` laid over it.
fn overlay_site(set: &str, case: &str) -> SiteTest {
    let site = SiteTest::fixture("minimal");
    let overlay = fixture(&format!("{set}/{case}"));
    copy_tree(&overlay, site.path());
    if let Ok(list) = fs::read_to_string(site.path().join("_delete")) {
        for rel in list.lines().filter(|l| !l.trim().is_empty()) {
            fs::remove_file(site.path().join(rel.trim())).expect("delete listed file");
        }
    }
    for control in CONTROL_FILES {
        let path = site.path().join(control);
        if path.exists() {
            fs::remove_file(path).unwrap_or_else(|e| panic!("remove {control}: {e}"));
        }
    }
    site
}

pub(crate) fn cases() -> Vec<String> {
    cases_in(ERRORS)
}

/// The case folders of a set, sorted.
fn cases_in(set: &str) -> Vec<String> {
    let mut cases: Vec<String> = fs::read_dir(fixture(set))
        .unwrap_or_else(|e| panic!("tests/fixtures/{set}: {e}"))
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    cases
}

/// The error a case is about, as stated in its `_expect.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// `error` (the default), `warning` or `info`.
    severity: Option<String>,
    code: Option<String>,
    message: String,
    file: Option<String>,
    line: Option<u32>,
    column: Option<u32>,
    /// The audience to check for (`--audience`), when the case is about what one
    /// audience cannot see.
    audience: Option<String>,
}

/// The first error of a report: `error[code]: message` and the `-->` line under it.
#[derive(Debug, PartialEq, Eq)]
struct FirstError {
    severity: String,
    code: Option<String>,
    message: String,
    /// File, line and column, if the error names a place.
    place: Option<(String, u32, u32)>,
}

impl Expect {
    fn path_in(set: &str, case: &str) -> PathBuf {
        fixture(&format!("{set}/{case}/{EXPECT}"))
    }

    /// The expectation of a case, or why there is none that can be used.
    fn of(case: &str) -> Result<Expect, String> {
        Expect::of_in(ERRORS, case)
    }

    fn of_in(set: &str, case: &str) -> Result<Expect, String> {
        let path = Expect::path_in(set, case);
        let text = fs::read_to_string(&path).map_err(|e| {
            format!(
                "{case}: every error fixture states its expected error in {}: {e}",
                path.display()
            )
        })?;
        let expect: Expect =
            toml::from_str(&text).map_err(|e| format!("{case}: {}: {e}", path.display()))?;
        let located = [
            expect.file.is_some(),
            expect.line.is_some(),
            expect.column.is_some(),
        ];
        if located.contains(&true) && located.contains(&false) {
            return Err(format!(
                "{case}: {}: give all of file, line and column, or none",
                path.display()
            ));
        }
        Ok(expect)
    }

    fn severity(&self) -> &str {
        self.severity.as_deref().unwrap_or("error")
    }

    fn as_found(&self) -> FirstError {
        FirstError {
            severity: self.severity().to_owned(),
            code: self.code.clone().filter(|c| !c.is_empty()),
            message: self.message.clone(),
            place: match (&self.file, self.line, self.column) {
                (Some(file), Some(line), Some(column)) => Some((file.clone(), line, column)),
                _ => None,
            },
        }
    }
}

impl FirstError {
    /// The first `error…: ` headline of a plain (uncoloured) report, with its place.
    fn of(report: &str) -> Option<FirstError> {
        FirstError::of_severity(report, "error")
    }

    /// The first headline of `severity` (`error`, `warning`, `info`), with its place.
    fn of_severity(report: &str, severity: &str) -> Option<FirstError> {
        let mut lines = report.lines();
        let (head, message) = lines.by_ref().find_map(|l| {
            let rest = l.strip_prefix(severity)?;
            let (head, message) = rest.split_once(": ")?;
            (head.is_empty() || head.starts_with('[')).then_some((head, message))
        })?;
        let code = head
            .strip_prefix('[')
            .and_then(|c| c.strip_suffix(']'))
            .map(str::to_owned);
        let place = lines.next().and_then(|l| {
            let at = l.trim_start().strip_prefix("--> ")?;
            let mut parts = at.rsplitn(3, ':');
            let column = parts.next()?.parse().ok()?;
            let line = parts.next()?.parse().ok()?;
            Some((parts.next()?.to_owned(), line, column))
        });
        Some(FirstError {
            severity: severity.to_owned(),
            code,
            message: message.to_owned(),
            place,
        })
    }

    fn show(&self) -> String {
        let severity = &self.severity;
        let head = match &self.code {
            Some(code) => format!("{severity}[{code}]: {}", self.message),
            None => format!("{severity}: {}", self.message),
        };
        match &self.place {
            Some((file, line, column)) => format!("{head}\n    --> {file}:{line}:{column}"),
            None => format!("{head}\n    (no place)"),
        }
    }
}

/// Whether the first error of `report` is the one `expect` states; the message names
/// the case and its expectation file.
fn check_first_error(case: &str, expect: &Expect, report: &str) -> Result<(), String> {
    check_first(ERRORS, case, expect, report)
}

/// Whether the first diagnostic of the expected severity in `report` is the one
/// `expect` states.
fn check_first(set: &str, case: &str, expect: &Expect, report: &str) -> Result<(), String> {
    let wanted = expect.as_found();
    let found = FirstError::of_severity(report, expect.severity());
    if found.as_ref() == Some(&wanted) {
        return Ok(());
    }
    let severity = expect.severity();
    let found = found.map_or_else(|| format!("no {severity} at all"), |f| f.show());
    Err(format!(
        "{case}: the first {severity} is not the one {} expects\n  expected: {}\n  reported: {found}\n\nfull report:\n{report}",
        Expect::path_in(set, case).display(),
        wanted.show(),
    ))
}

#[test]
fn every_broken_fixture_states_its_expected_error() {
    let problems: Vec<String> = cases()
        .iter()
        .filter_map(|case| Expect::of(case).err())
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_first_error_is_read_with_code_message_and_place() {
    let report = "warning: something else\n\nerror[C1]: unknown skill `a: b`\n  --> content/x y.md:14:6\n   |\n\nerror: second\n --> site.toml:1:1\n\nerror: found 2 errors\n";
    assert_eq!(
        FirstError::of(report),
        Some(FirstError {
            severity: "error".to_owned(),
            code: Some("C1".to_owned()),
            message: "unknown skill `a: b`".to_owned(),
            place: Some(("content/x y.md".to_owned(), 14, 6)),
        })
    );
    let unplaced = FirstError::of("error: the theme has no templates/page.html\n = help: x\n");
    assert_eq!(unplaced.map(|f| f.place), Some(None));
    assert_eq!(FirstError::of("warning: only this\n"), None);
}

#[test]
fn an_expectation_that_differs_in_any_part_fails() {
    let report = "error[C1]: unknown skill `a`\n --> content/x.md:14:6\n";
    let expect = |code: &str, message: &str, line: u32, column: u32| Expect {
        severity: None,
        code: Some(code.to_owned()),
        message: message.to_owned(),
        file: Some("content/x.md".to_owned()),
        line: Some(line),
        column: Some(column),
        audience: None,
    };
    assert_eq!(
        check_first_error("c", &expect("C1", "unknown skill `a`", 14, 6), report),
        Ok(())
    );
    for wrong in [
        expect("C2", "unknown skill `a`", 14, 6),
        expect("", "unknown skill `a`", 14, 6),
        expect("C1", "unknown skill `b`", 14, 6),
        expect("C1", "unknown skill `a`", 13, 6),
        expect("C1", "unknown skill `a`", 14, 7),
    ] {
        let failure = check_first_error("c", &wrong, report).unwrap_err();
        assert!(
            failure.starts_with("c: the first error is not the one ")
                && failure.contains("errors/c/_expect.toml"),
            "{failure}"
        );
    }
}

#[test]
fn minimal_fixture_is_clean() {
    let site = SiteTest::fixture("minimal");
    let run = site.run(&["check", "--date", DATE]);
    run.expect_code(0);
    assert_eq!(run.stderr, "");
}

#[test]
fn every_broken_fixture_fails_with_a_located_report() {
    let cases = cases();
    assert!(cases.len() >= 20, "only {} broken fixtures", cases.len());
    for case in &cases {
        let expect = Expect::of(case).unwrap_or_else(|e| panic!("{e}"));
        let site = broken_site(case);
        let run = site.run(&["check", "--date", DATE]);
        assert_eq!(run.code, 1, "{case}: exit code\n{}", run.stderr);
        assert!(
            !run.stderr.contains("panicked"),
            "{case} panicked:\n{}",
            run.stderr
        );
        if let Err(failure) = check_first_error(case, &expect, &run.stderr) {
            panic!("{failure}");
        }
        assert!(
            run.stderr.contains("help:"),
            "{case}: no help line\n{}",
            run.stderr
        );
        insta::assert_snapshot!(format!("error__{case}"), run.stderr);
    }
}

#[test]
fn every_site_toml_mistake_is_reported_in_one_run_in_line_order() {
    let run = broken_site("site-toml-three-mistakes").run(&["check", "--date", DATE]);
    run.expect_code(1);
    let places: Vec<&str> = run
        .stderr
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .collect();
    assert_eq!(
        places,
        ["site.toml:6:1", "site.toml:30:12", "site.toml:33:6"],
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("error: found 3 errors\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn broken_build_leaves_an_existing_output_folder_untouched() {
    for case in cases() {
        let site = broken_site(&case);
        site.write("public/.vpagen-output", "");
        site.write("public/index.html", "previous build");
        let run = site.run(&["build", "--date", DATE]);
        assert_eq!(run.code, 1, "{case}: exit code\n{}", run.stderr);
        assert_eq!(
            site.read("public/index.html"),
            "previous build",
            "{case} touched the output"
        );
        let names: Vec<String> = fs::read_dir(site.path().join("public"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{case}: output gained files: {names:?}");
    }
}

#[test]
fn warnings_do_not_fail_the_build() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/pages/hinweise.md",
        "+++\ntitle = \"Hinweise\"\nreview_by = 2026-01-31\n+++\n```klingon\nx\n```\n",
    );
    let run = site.run(&["build", "--date", DATE]);
    run.expect_code(0);
    assert!(run.stdout.contains("2 warnings"), "{}", run.stdout);
    insta::assert_snapshot!("warnings", run.stderr);
    let quiet = site.run(&["build", "--quiet", "--date", DATE]);
    quiet.expect_code(0);
    assert_eq!(quiet.stderr, "");
    assert_eq!(quiet.stdout, "");
}

#[test]
fn color_is_used_only_when_asked() {
    let site = broken_site("unknown-key");
    let plain = site.run(&["check", "--date", DATE]);
    assert!(!plain.stderr.contains('\x1b'));
    let colored = site.run(&["--color", "always", "check", "--date", DATE]);
    assert!(
        colored.stderr.contains("\x1b[1;31merror"),
        "{}",
        colored.stderr
    );
}

#[test]
fn a_translation_older_than_its_original_is_reported_until_updated() {
    let site = SiteTest::fixture("agency");
    site.run(&["check"]).expect_code(0);
    let original = "content/services/telefonservice.md";
    let text = site.read(original);
    site.write(
        original,
        format!("{text}\nEin neuer Absatz, der noch nicht übersetzt ist.\n"),
    );
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("warning[C14]: the translation may be out of date: content/services/telefonservice.md changed after it was translated"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("--> content/services/telefonservice.en.md:"),
        "{}",
        run.stderr
    );
    let new_hash = run
        .stderr
        .split("then set source_hash = \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the help names the new hash")
        .to_owned();
    let translation = "content/services/telefonservice.en.md";
    let updated = site
        .read(translation)
        .lines()
        .map(|l| {
            if l.starts_with("source_hash") {
                format!("source_hash = \"{new_hash}\"")
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    site.write(translation, updated);
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert!(!run.stderr.contains("C14"), "{}", run.stderr);
}

#[test]
fn a_skill_label_for_an_unknown_level_is_an_error() {
    let site = SiteTest::fixture("agency");
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        toml.replacen(
            "[skill_labels]\n",
            "[skill_labels]\nsicherr = { de = \"sicher\", en = \"confident\" }\n",
            1,
        ),
    );
    let run = site.run(&["check"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("`sicherr` is neither a skill scale nor a level of one"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> site.toml:"), "{}", run.stderr);
    assert!(run.stderr.contains("label one of:"), "{}", run.stderr);
}

#[test]
fn every_warning_fixture_reports_its_own_warning_and_still_succeeds() {
    let cases = cases_in(WARNINGS);
    assert!(cases.len() >= 4, "only {} warning fixtures", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let expect = Expect::of_in(WARNINGS, case).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            matches!(expect.severity(), "warning" | "info"),
            "{case}: a warning fixture states `severity = \"warning\"` or `\"info\"`"
        );
        let site = overlay_site(WARNINGS, case);
        let mut args = vec!["check", "--date", DATE];
        if let Some(audience) = &expect.audience {
            args.extend(["--audience", audience.as_str()]);
        }
        let run = site.run(&args);
        assert_eq!(run.code, 0, "{case}: exit code\n{}", run.stderr);
        assert!(
            !run.stderr.contains("error"),
            "{case}: an error besides the expected {}:\n{}",
            expect.severity(),
            run.stderr
        );
        if let Err(failure) = check_first(WARNINGS, case, &expect, &run.stderr) {
            failures.push(failure);
        }
        insta::assert_snapshot!(format!("warning__{case}"), run.stderr);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The block of the first diagnostic of `severity` in a report: its headline, place,
/// source lines, labels and help, up to the blank line after it.
fn first_block<'a>(report: &'a str, severity: &str) -> Option<&'a str> {
    let start = report
        .match_indices(severity)
        .map(|(at, _)| at)
        .find(|&at| at == 0 || report[..at].ends_with('\n'))?;
    let end = report[start..]
        .find("\n\n")
        .map_or(report.len(), |n| start + n);
    Some(&report[start..end])
}

/// `vpagen build` frees the Markdown of the files it has rendered when nothing reads
/// it again: every fixture's diagnostic in a content file must still show its source
/// lines, as `vpagen check` (which keeps every text) shows them. (A build does not
/// print `info`; theme errors come from rendering, not from a content file.)
#[test]
fn a_build_shows_each_content_diagnostic_as_check_does() {
    let sets = [(ERRORS, cases_in(ERRORS)), (WARNINGS, cases_in(WARNINGS))];
    let mut compared = 0;
    let mut failures = Vec::new();
    for (set, cases) in &sets {
        for case in cases {
            let expect = Expect::of_in(set, case).unwrap_or_else(|e| panic!("{e}"));
            let in_content = expect
                .file
                .as_ref()
                .is_some_and(|f| f.starts_with("content/"));
            if !in_content || expect.severity() == "info" {
                continue;
            }
            let site = overlay_site(set, case);
            let mut check_args = vec!["check", "--date", DATE];
            let mut build_args = vec!["build", "--date", DATE, "--output", "out"];
            if let Some(audience) = &expect.audience {
                check_args.extend(["--audience", audience.as_str()]);
                build_args.extend(["--audience", audience.as_str()]);
            }
            let checked = site.run(&check_args);
            let built = site.run(&build_args);
            compared += 1;
            let Some(block) = first_block(&checked.stderr, expect.severity()) else {
                failures.push(format!(
                    "{set}/{case}: check reports no {}",
                    expect.severity()
                ));
                continue;
            };
            if !built.stderr.contains(block) {
                failures.push(format!(
                    "{set}/{case}: build does not show\n{block}\n\nbuild reported:\n{}",
                    built.stderr
                ));
            }
        }
    }
    assert!(
        compared >= 20,
        "only {compared} content diagnostics compared"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
