use crate::support::SiteTest;

#[test]
fn init_then_build_works_with_nothing_else_on_disk() {
    let t = SiteTest::empty();
    t.run(&["init", "neu"]).expect_code(0);
    let site = t.path().join("neu");
    let run = crate::support::vpagen()
        .args(["build", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        String::from_utf8_lossy(&run.stdout).contains("no warnings"),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    for page in [
        "index.html",
        "leistungen/terminverwaltung/index.html",
        "impressum/index.html",
    ] {
        assert!(site.join("public").join(page).is_file(), "{page}");
    }
    // Stylesheets carry a content hash in their name.
    let css: Vec<_> = std::fs::read_dir(site.join("public/css"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        css.iter().any(|n| n.starts_with("style.")
            && std::path::Path::new(n)
                .extension()
                .is_some_and(|e| e == "css")
            && n.len() == "style.0123456789abcdef.css".len()),
        "{css:?}"
    );
}

#[test]
fn init_writes_the_schema_that_site_toml_names() {
    let t = SiteTest::empty();
    t.run(&["init", "neu"]).expect_code(0);
    let site_toml = t.read("neu/site.toml");
    let first = site_toml.lines().next().unwrap_or_default();
    let target = first
        .strip_prefix("#:schema ./")
        .unwrap_or_else(|| panic!("no taplo schema directive first: {first}"));
    let schema = t.read(&format!("neu/{target}"));
    let run = t.run(&["schema", "site"]);
    assert_eq!(
        schema, run.stdout,
        "init wrote another schema than `vpagen schema site`"
    );
}

#[test]
fn init_refuses_a_folder_with_files() {
    let t = SiteTest::empty();
    t.write("neu/notiz.txt", "meins");
    let run = t.run(&["init", "neu"]);
    run.expect_code(2);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(t.read("neu/notiz.txt"), "meins");
}

#[test]
fn new_writes_a_file_that_checks_and_refuses_to_overwrite() {
    let t = SiteTest::empty();
    t.run(&["init", "."]).expect_code(0);
    for kind in [
        "service",
        "skill",
        "checklist",
        "rate",
        "briefing",
        "guide",
        "page",
    ] {
        t.run(&["new", kind, &format!("neu-{kind}")]).expect_code(0);
    }
    let run = t.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let again = t.run(&["new", "page", "neu-page"]);
    again.expect_code(2);
    assert!(
        again.stderr.contains("never overwrites"),
        "{}",
        again.stderr
    );
    t.run(&["new", "page", "Nicht Gültig"]).expect_code(2);
}
