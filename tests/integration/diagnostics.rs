//! One broken site per kind of diagnostic (`tests/fixtures/errors/<case>/`, laid over
//! `tests/fixtures/minimal/`), with the exact rendered report as a snapshot. A case
//! folder holds the files that replace or add to the minimal site, and optionally a
//! `_delete` file listing paths to remove.

use std::fs;

use crate::support::{SiteTest, copy_tree, fixture};

/// The fixed date of all checks here, so `review_by` and validity never drift.
const DATE: &str = "2026-06-01";

pub(crate) fn broken_site(case: &str) -> SiteTest {
    let site = SiteTest::fixture("minimal");
    let overlay = fixture(&format!("errors/{case}"));
    copy_tree(&overlay, site.path());
    if let Ok(list) = fs::read_to_string(site.path().join("_delete")) {
        for rel in list.lines().filter(|l| !l.trim().is_empty()) {
            fs::remove_file(site.path().join(rel.trim())).expect("delete listed file");
        }
        fs::remove_file(site.path().join("_delete")).expect("remove _delete");
    }
    site
}

pub(crate) fn cases() -> Vec<String> {
    let mut cases: Vec<String> = fs::read_dir(fixture("errors"))
        .expect("errors fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    cases
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
        let site = broken_site(case);
        let run = site.run(&["check", "--date", DATE]);
        assert_eq!(run.code, 1, "{case}: exit code\n{}", run.stderr);
        assert!(
            !run.stderr.contains("panicked"),
            "{case} panicked:\n{}",
            run.stderr
        );
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
        insta::assert_snapshot!(format!("error__{case}"), run.stderr);
    }
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
    let site = SiteTest::example();
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
    let site = SiteTest::example();
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
