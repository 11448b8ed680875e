//! The bundled examples, the repository root's `site.toml` + `content/` and
//! `examples/einzelassistenz`, check and build clean. This is the one test that reads
//! them; every other test runs on a fixture under `tests/fixtures/`, so the examples
//! can change freely as long as they stay clean.

use std::path::{Path, PathBuf};

use crate::support::{Run, repo_root, vpagen};

/// The folders of the bundled examples.
fn bundled_examples() -> [PathBuf; 2] {
    [repo_root(), repo_root().join("examples/einzelassistenz")]
}

/// Runs `vpagen <args> --root <root>`: checked and built where it lies, on the
/// suite's day like every other run.
fn run(root: &Path, args: &[&str]) -> Run {
    let output = vpagen()
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("run vpagen");
    Run::from(output)
}

/// The audiences `site.toml` declares (none for a site without audiences).
fn audiences(root: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(root.join("site.toml")).expect("read site.toml");
    let config: toml::Table = text.parse().expect("site.toml is TOML");
    config
        .get("audience")
        .and_then(toml::Value::as_array)
        .map(|list| {
            list.iter()
                .map(|a| a["id"].as_str().expect("an audience id").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_bundled_example_checks_and_builds_clean() {
    for root in bundled_examples() {
        let name = root.display();
        // Strict: no warning of any kind, which includes a translation older than
        // its original (C14), and no note either (such as an unused item, C11).
        let check = run(&root, &["check", "--strict"]);
        check.expect_code(0);
        assert!(
            check.stdout.contains("no errors, no warnings"),
            "{name}: {}",
            check.stdout
        );
        assert_eq!(check.stderr, "", "{name}: check printed diagnostics");
        // The build for the first audience, then for each declared one: each holds
        // only what it may, and none warns.
        let mut builds = vec![None];
        builds.extend(audiences(&root).into_iter().map(Some));
        for audience in builds {
            let tmp = tempfile::tempdir().expect("tempdir");
            let out = tmp.path().join("public");
            let mut args = vec!["build", "--strict", "--output"];
            args.push(out.to_str().expect("a UTF-8 path"));
            if let Some(a) = &audience {
                args.extend(["--audience", a.as_str()]);
            }
            let build = run(&root, &args);
            build.expect_code(0);
            assert!(
                build.stdout.contains("no warnings"),
                "{name} {audience:?}: {}",
                build.stdout
            );
            assert!(out.join("index.html").is_file(), "{name}: no home page");
        }
        // Editors that read the `#:schema` line find nothing to complain about.
        let checked = crate::reference::assert_valid_in_the_schemas(&root);
        assert!(checked > 10, "{name}: only {checked} content files found");
    }
}
