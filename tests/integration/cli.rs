use crate::support::SiteTest;

/// Every subcommand of `vpagen`.
const COMMANDS: [&str; 7] = [
    "build",
    "check",
    "serve",
    "init",
    "new",
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
