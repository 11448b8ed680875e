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
        String::from_utf8_lossy(&run.stdout).contains("warnings"),
        "the starter's placeholders are reported: {}",
        String::from_utf8_lossy(&run.stdout)
    );
    for page in [
        "index.html",
        "leistungen/terminverwaltung/index.html",
        "impressum/index.html",
        "datenschutz/index.html",
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

#[test]
fn new_with_lang_writes_a_translation_of_every_type_that_checks() {
    let t = SiteTest::fixture("agency");
    for (kind, id) in [
        ("service", "korrektorat"),
        ("skill", "deutsch"),
        ("checklist", "kundenstart"),
        ("rate", "einzelleistungen-2025"),
        ("briefing", "telefonservice-einrichtung"),
        ("guide", "erste-wochen-kunde"),
    ] {
        t.run(&["new", kind, id, "--lang", "en"]).expect_code(0);
    }
    let run = t.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning[C15]") && !run.stderr.contains("error"),
        "what is left to translate is listed, nothing else: {}",
        run.stderr
    );
    let again = t.run(&["new", "guide", "erste-wochen-kunde", "--lang", "en"]);
    again.expect_code(2);
    let wrong = t.run(&["new", "guide", "erste-wochen-kunde", "--lang", "fr"]);
    wrong.expect_code(2);
    assert!(
        wrong.stderr.contains("`fr` is not a language"),
        "{}",
        wrong.stderr
    );
}

/// Removes every placeholder mark of the files under `dir` the way an author would:
/// the `TODO: ` before a starter text, and a `# TODO …` comment after a value.
fn fill_in(dir: &std::path::Path) {
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.expect("walk the site");
        if !entry.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read a site file");
        let filled: Vec<String> = text
            .lines()
            .map(|l| match l.split_once(" # TODO") {
                Some((value, _)) => value.to_owned(),
                None => l.replace("TODO: ", ""),
            })
            .collect();
        std::fs::write(entry.path(), filled.join("\n") + "\n").expect("write a site file");
    }
}

#[test]
fn a_first_site_builds_strictly_only_without_placeholders_and_keeps_its_guide_internal() {
    let t = SiteTest::empty();
    t.run(&["init", "agentur"]).expect_code(0);
    let root = t.path().join("agentur");
    let vpagen = |args: &[&str]| {
        let out = crate::support::vpagen()
            .args(args)
            .arg("--root")
            .arg(&root)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    for (kind, id) in [
        ("service", "buchhaltung"),
        ("service", "recherche"),
        ("service", "social-media"),
        ("rate", "preise-2027"),
        ("guide", "erste-tage"),
    ] {
        assert_eq!(vpagen(&["new", kind, id]).0, Some(0), "new {kind} {id}");
    }
    let (code, stderr) = vpagen(&["build", "--strict"]);
    assert_eq!(code, Some(1), "placeholders fail a strict build:\n{stderr}");
    let placeholders = stderr.matches("error[C15]").count();
    assert!(placeholders >= 20, "{placeholders} placeholders:\n{stderr}");
    assert!(!root.join("public").exists(), "nothing was written");

    fill_in(&root.join("content"));
    fill_in(&root.join("site.toml"));
    let (code, stderr) = vpagen(&["build", "--strict"]);
    assert_eq!(code, Some(0), "{stderr}");
    let public = root.join("public");
    assert!(public.join("leistungen/recherche/index.html").is_file());
    assert!(public.join("datenschutz/index.html").is_file());
    assert!(
        !public.join("einarbeitung").exists(),
        "the public build holds no onboarding guide"
    );
    let intranet = root.join("intranet");
    let intranet_arg = intranet.to_str().unwrap();
    let (code, stderr) = vpagen(&[
        "build",
        "--audience",
        "assistants",
        "--output",
        intranet_arg,
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        intranet
            .join("einarbeitung/erste-tage/index.html")
            .is_file(),
        "the assistants' build holds it"
    );
}
