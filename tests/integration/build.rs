use std::fs;

use crate::support::{SiteTest, main_of};

#[test]
fn agency_site_builds_a_page_for_every_content_file() {
    let site = SiteTest::fixture("agency");
    // The last audience sees every item.
    let run = site.run(&["build", "--audience", "internal"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("Built "),
        "summary line: {}",
        run.stdout
    );
    assert!(run.stdout.contains("no warnings"), "{}", run.stdout);
    // Every content file yields a page in its language.
    let mut expected = 0;
    for entry in walkdir::WalkDir::new(site.path().join("content")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            expected += 1;
        }
    }
    assert!(expected >= 36, "the fixture has {expected} content files");
    for (path, lang) in [
        ("public/leistungen/telefonservice/index.html", "de"),
        ("public/en/services/telefonservice/index.html", "en"),
        ("public/en/onboarding/neue-assistenz/index.html", "en"),
        ("public/index.html", "de"),
        ("public/en/index.html", "en"),
        ("public/preise/stundenpakete-2025/index.html", "de"),
    ] {
        let html = site.read(path);
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{path}");
    }
    let pages = walkdir::WalkDir::new(site.path().join("public"))
        .into_iter()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "html")
        })
        .count();
    assert!(
        pages >= expected,
        "{pages} pages for {expected} content files"
    );
}

#[test]
fn agency_site_checks_clean() {
    let site = SiteTest::fixture("agency");
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert_eq!(run.stderr, "", "check printed diagnostics");
    assert!(
        run.stdout.contains("no errors, no warnings"),
        "{}",
        run.stdout
    );
}

#[test]
fn rate_page_shows_the_worked_example_of_the_design() {
    let site = SiteTest::fixture("agency");
    site.run(&["build"]).expect_code(0);
    let html = site.read("public/leistungen/e-mail-management/index.html");
    let main = main_of(&html);
    // 60 min backoffice at 45 €/h: 45,00 net, 8,55 VAT, 53,55 gross.
    for amount in ["45,00 €", "8,55 €", "53,55 €"] {
        assert!(main.contains(amount), "{amount} missing in price box");
    }
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let site = SiteTest::fixture("agency");
    site.run(&["build"]).expect_code(0);
    let before = site.read("public/leistungen/telefonservice/index.html");
    site.write("public/keep.txt", "mine");
    site.write(
        "content/services/telefonservice.md",
        "+++\ntitle = \"kaputt\"\n",
    );
    let run = site.run(&["build"]);
    run.expect_code(1);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(
        site.read("public/leistungen/telefonservice/index.html"),
        before
    );
    assert_eq!(site.read("public/keep.txt"), "mine");
}

#[test]
fn refuses_output_folders_that_hold_user_files() {
    let site = SiteTest::fixture("agency");
    site.write("docs/letter.txt", "keep");
    let run = site.run(&["build", "--output", "docs"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("refusing to write the site"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("docs/letter.txt"), "keep");
    site.run(&["build", "--output", "."]).expect_code(2);
    site.run(&["build", "--output", "content/out"])
        .expect_code(2);
    assert!(!site.path().join("content/out").exists());
    for entry in fs::read_dir(site.path()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            !name.contains("vpagen-new"),
            "staging folder left behind: {name}"
        );
    }
}

#[test]
fn base_url_override_changes_alternate_links() {
    let site = SiteTest::fixture("agency");
    site.run(&["build", "--base-url", "https://staging.example.org/"])
        .expect_code(0);
    let html = site.read("public/leistungen/telefonservice/index.html");
    assert!(
        html.contains("href=\"https://staging.example.org/en/services/telefonservice/\""),
        "{html}"
    );
}

#[test]
fn drafts_are_built_only_when_asked() {
    let site = SiteTest::fixture("agency");
    site.write(
        "content/pages/entwurf.md",
        "+++\ntitle = \"Entwurf\"\ndraft = true\n+++\nNoch nicht fertig.\n",
    );
    site.run(&["build"]).expect_code(0);
    assert!(!site.path().join("public/entwurf/index.html").exists());
    site.run(&["build", "--drafts"]).expect_code(0);
    assert!(site.path().join("public/entwurf/index.html").exists());
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let site = SiteTest::fixture("agency");
    site.run(&["build", "--output", "a", "--date", "2026-06-01"])
        .expect_code(0);
    site.run(&["build", "--output", "b", "--date", "2026-06-01"])
        .expect_code(0);
    let files = |dir: &str| -> Vec<(String, Vec<u8>)> {
        let root = site.path().join(dir);
        let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(&root)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path()
                        .strip_prefix(&root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        out.sort();
        out
    };
    let (a, b) = (files("a"), files("b"));
    assert_eq!(a.len(), b.len());
    for ((pa, ba), (pb, bb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs between two builds");
    }
}

#[test]
fn a_translated_select_keeps_its_default_by_position() {
    let site = SiteTest::fixture("agency");
    site.run(&["build", "--quiet"]).expect_code(0);
    let german = site.read("public/briefings/allgemein/index.html");
    let english = site.read("public/en/briefings/allgemein/index.html");
    assert!(
        german.contains("<option selected>einmalig</option>"),
        "the original's default"
    );
    assert!(
        english.contains("<option selected>once</option>"),
        "the translated option at the default's position is preselected"
    );
}

#[test]
fn each_language_has_a_feed_and_a_translation_may_date_itself() {
    let site = SiteTest::fixture("agency");
    let rel = "content/services/telefonservice.en.md";
    let text = site.read(rel);
    site.write(
        rel,
        text.replacen("\ntitle = ", "\nupdated = 2026-11-25\ntitle = ", 1),
    );
    site.run(&["build", "--quiet"]).expect_code(0);
    let german = site.read("public/atom.xml");
    let english = site.read("public/en/atom.xml");
    assert!(german.contains("xml:lang=\"de\"") && english.contains("xml:lang=\"en\""));
    assert!(
        english.contains("<title>Telephone answering service</title>"),
        "{english}"
    );
    assert!(
        english.contains("2026-11-25"),
        "the translation's own date: {english}"
    );
    assert!(!german.contains("2026-11-25"), "not the original's");
    assert!(german.contains("<title>Telefonservice</title>"), "{german}");
}
