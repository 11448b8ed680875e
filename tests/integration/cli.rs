use crate::support::{SiteTest, repo_root, vpagen};

/// Every subcommand of `vpagen`.
const COMMANDS: [&str; 9] = [
    "build",
    "check",
    "serve",
    "init",
    "new",
    "reference",
    "schema",
    "completions",
    "man",
];

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
    for args in [&["build"][..], &["check"], &["new", "page", "kontakt"]] {
        let run = t.run(args);
        run.expect_code(2);
        let mut lines = run.stderr.lines();
        assert_eq!(
            lines.next(),
            Some("error: . is not a vpagen site: it has no site.toml"),
            "{args:?}"
        );
        let help = lines.next().unwrap_or_default();
        assert!(
            help.starts_with(" = help: ")
                && help.contains("pass --root DIR")
                && help.contains("`vpagen init DIR`"),
            "{args:?}: {help}"
        );
    }
    assert!(!t.path().join("public").exists());
    assert!(!t.path().join("content").exists());
}

#[test]
fn a_failed_check_counts_its_errors_and_only_a_failed_build_says_it_wrote_nothing() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/pages/kaputt.md",
        "+++\ntitle = \"Kaputt\"\ntitel = \"x\"\n+++\n",
    );
    let check = site.run(&["check", "--date", "2026-06-01"]);
    check.expect_code(1);
    assert_eq!(check.stderr.lines().last(), Some("error: found 1 error"));
    let build = site.run(&["build", "--date", "2026-06-01"]);
    build.expect_code(1);
    assert_eq!(
        build.stderr.lines().last(),
        Some("error: found 1 error; nothing was written")
    );
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
    for command in ["build", "check", "init", "new", "reference", "schema"] {
        assert!(
            run.stdout.contains(command),
            "{command} missing from --help"
        );
    }
}

#[test]
fn completions_name_every_command_and_parse_in_their_shell() {
    let site = SiteTest::empty();
    for shell in ["bash", "zsh", "fish"] {
        let run = site.run(&["completions", shell]);
        run.expect_code(0);
        for command in COMMANDS {
            assert!(
                run.stdout.contains(command),
                "{shell} completion lacks `{command}`"
            );
        }
    }
    // The bash script is valid bash.
    let script = site.path().join("vpagen.bash");
    std::fs::write(&script, site.run(&["completions", "bash"]).stdout).expect("write script");
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .expect("bash is needed to check the bash completion (apt-get install bash)");
    assert!(status.success(), "bash -n rejects the completion script");
    let run = site.run(&["completions", "tcsh"]);
    assert_eq!(run.code, 2, "an unknown shell is a usage error");
}

#[test]
fn the_man_page_is_roff_and_every_command_has_help_examples() {
    let site = SiteTest::empty();
    let man = site.run(&["man"]);
    man.expect_code(0);
    assert!(
        man.stdout.contains(".TH vpagen 1"),
        "{}",
        &man.stdout[..200.min(man.stdout.len())]
    );
    for command in COMMANDS {
        assert!(
            man.stdout.contains(command),
            "the man page lacks `{command}`"
        );
        let help = site.run(&[command, "--help"]);
        help.expect_code(0);
        assert!(
            help.stdout.contains("Example"),
            "`vpagen {command} --help` shows no example"
        );
        assert!(
            help.stdout.contains(&format!("vpagen {command}")),
            "`vpagen {command} --help` has no example of itself"
        );
    }
}

/// A page whose review falls due on 2026-12-15.
fn site_with_review_due() -> SiteTest {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/pages/pruefen.md",
        "+++\ntitle = \"Prüfen\"\nreview_by = 2026-12-15\n+++\nText.\n",
    );
    site
}

#[test]
fn today_is_the_day_of_source_date_epoch_unless_date_is_given() {
    let site = site_with_review_due();
    // The suite's day (2026-12-01): not yet due.
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert!(!run.stderr.contains("C9"), "{}", run.stderr);
    // 2026-12-16 12:00 UTC: overdue.
    let output = vpagen()
        .args(["check"])
        .env("SOURCE_DATE_EPOCH", "1797422400")
        .current_dir(site.path())
        .output()
        .expect("run vpagen");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning[C9]") && stderr.contains("pruefen.md:3"),
        "{stderr}"
    );
    // --date wins over the variable.
    let output = vpagen()
        .args(["check", "--date", "2026-12-10"])
        .env("SOURCE_DATE_EPOCH", "1797422400")
        .current_dir(site.path())
        .output()
        .expect("run vpagen");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("C9"));
}

#[test]
fn a_malformed_source_date_epoch_is_a_usage_error() {
    let site = site_with_review_due();
    for bad in ["", "2026-12-01", "-5", "1.5e9"] {
        let output = vpagen()
            .args(["build"])
            .env("SOURCE_DATE_EPOCH", bad)
            .current_dir(site.path())
            .output()
            .expect("run vpagen");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{bad:?}: {stderr}");
        assert!(
            stderr.contains("SOURCE_DATE_EPOCH") && stderr.contains("seconds since 1970-01-01"),
            "{bad:?}: {stderr}"
        );
        assert!(!site.path().join("public").exists(), "{bad:?} wrote output");
    }
}

#[test]
fn every_run_of_the_binary_in_the_suite_has_a_fixed_day() {
    // `support::vpagen` fixes today; a test that started the binary another way
    // would read the clock, and the suite would pass or fail by the calendar.
    let dir = repo_root().join("tests/integration");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&dir) {
        let path = entry.expect("walk tests/integration").into_path();
        if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("support.rs") {
            let text = std::fs::read_to_string(&path).expect("read test source");
            for started in [
                concat!("CARGO_BIN_", "EXE_vpagen"),
                concat!("Command::new(", "vpagen_binary"),
            ] {
                assert!(
                    !text.contains(started),
                    "{} starts the binary without `support::vpagen()` or `suite_env`",
                    path.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 15, "only {checked} test sources found");
}
