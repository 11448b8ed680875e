use crate::support::SiteTest;

#[test]
fn usage_errors_exit_with_2() {
    let t = SiteTest::empty();
    let run = t.run(&["frobnicate"]);
    run.expect_code(2);
    assert!(run.stderr.contains("Usage"), "{}", run.stderr);
    t.run(&["build", "--date", "2026-02-30"]).expect_code(2);
    t.run(&["build", "--color", "sometimes"]).expect_code(2);
}

#[test]
fn a_folder_without_site_toml_is_explained() {
    let t = SiteTest::empty();
    let run = t.run(&["build"]);
    run.expect_code(2);
    assert!(run.stderr.contains("has no site.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("vpagen init"), "{}", run.stderr);
    assert!(!t.path().join("public").exists());
}

#[test]
fn verbose_prints_phase_timings_and_quiet_prints_nothing() {
    let site = SiteTest::fixture("minimal");
    let run = site.run(&["build", "--verbose", "--date", "2026-06-01"]);
    run.expect_code(0);
    assert!(run.stderr.contains("phases: load"), "{}", run.stderr);
    let run = site.run(&["build", "--quiet", "--date", "2026-06-01"]);
    run.expect_code(0);
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
}

#[test]
fn help_lists_every_command() {
    let run = SiteTest::empty().run(&["--help"]);
    run.expect_code(0);
    for command in ["build", "check", "init", "new"] {
        assert!(
            run.stdout.contains(command),
            "{command} missing from --help"
        );
    }
}
