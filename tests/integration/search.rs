//! Search relevance on the bundled example: a golden set of German and English
//! queries, each with the page expected in the top 3, run through the Rust reference
//! scorer on the index files the build wrote (the browser tests run the JS client).

use std::collections::HashMap;

use vpagen::search::Index;

use crate::support::SiteTest;

/// (group, language, query, type filter, expected URL in the top 3)
const GOLDEN: &[(&str, &str, &str, Option<&str>, &str)] = &[
    (
        "title",
        "de",
        "Telefonservice",
        None,
        "/leistungen/telefonservice/",
    ),
    (
        "title",
        "de",
        "Korrektorat",
        None,
        "/leistungen/korrektorat/",
    ),
    ("title", "de", "Impressum", None, "/impressum/"),
    (
        "title",
        "de",
        "Selbstständig bleiben",
        None,
        "/zusammenarbeit-selbststaendig/",
    ),
    (
        "title",
        "de",
        "Datenpflege Recherche",
        None,
        "/leistungen/datenpflege-und-recherche/",
    ),
    (
        "title",
        "en",
        "onboarding new assistants",
        None,
        "/en/onboarding/neue-assistenz/",
    ),
    (
        "inflection",
        "de",
        "Rechnungen",
        None,
        "/leistungen/rechnungen-und-mahnwesen/",
    ),
    (
        "inflection",
        "de",
        "Rechnung",
        None,
        "/leistungen/rechnungen-und-mahnwesen/",
    ),
    (
        "inflection",
        "de",
        "Protokoll",
        None,
        "/leistungen/protokolle/",
    ),
    (
        "inflection",
        "de",
        "Präsentation",
        None,
        "/leistungen/tabellen-und-praesentationen/",
    ),
    (
        "inflection",
        "de",
        "Reklamation",
        None,
        "/leistungen/reklamationen/",
    ),
    (
        "inflection",
        "de",
        "Stundenpaket",
        None,
        "/preise/stundenpakete-2025/",
    ),
    (
        "inflection",
        "en",
        "calls",
        None,
        "/en/services/telefonservice/",
    ),
    (
        "inflection",
        "en",
        "assistant",
        None,
        "/en/onboarding/neue-assistenz/",
    ),
    (
        "umlaut",
        "de",
        "Stundensätze",
        None,
        "/preise/stundenpakete-2025/",
    ),
    (
        "umlaut",
        "de",
        "Stundensaetze",
        None,
        "/preise/stundenpakete-2025/",
    ),
    (
        "umlaut",
        "de",
        "Stundensatze",
        None,
        "/preise/stundenpakete-2025/",
    ),
    (
        "umlaut",
        "de",
        "Übersetzung",
        None,
        "/leistungen/uebersetzung-de-en/",
    ),
    (
        "umlaut",
        "de",
        "Uebersetzung",
        None,
        "/leistungen/uebersetzung-de-en/",
    ),
    (
        "umlaut",
        "de",
        "Zugaenge",
        None,
        "/checklisten/offboarding-zugaenge/",
    ),
    ("umlaut", "de", "Häufige Fragen", None, "/faq/"),
    (
        "compound",
        "de",
        "Sicherheit",
        None,
        "/checklisten/it-sicherheit/",
    ),
    (
        "compound",
        "de",
        "Vertrag",
        None,
        "/checklisten/avv-und-vertraulichkeit/",
    ),
    (
        "compound",
        "de",
        "Management",
        None,
        "/leistungen/e-mail-management/",
    ),
    (
        "typo",
        "de",
        "Telefonservise",
        None,
        "/leistungen/telefonservice/",
    ),
    ("typo", "de", "Korektorat", None, "/leistungen/korrektorat/"),
    (
        "typo",
        "de",
        "Datenschtz",
        None,
        "/kompetenzen/datenschutz-grundlagen/",
    ),
    (
        "typo",
        "en",
        "onbaording",
        None,
        "/en/onboarding/neue-assistenz/",
    ),
    ("prefix", "de", "Telef", None, "/leistungen/telefonservice/"),
    ("prefix", "de", "Korrek", None, "/leistungen/korrektorat/"),
    (
        "prefix",
        "de",
        "Einarb",
        None,
        "/einarbeitung/neue-assistenz/",
    ),
    (
        "prefix",
        "en",
        "onboa",
        None,
        "/en/onboarding/neue-assistenz/",
    ),
    (
        "synonym",
        "de",
        "Honorar",
        None,
        "/preise/stundenpakete-2025/",
    ),
    (
        "synonym",
        "de",
        "Preis",
        None,
        "/preise/stundenpakete-2025/",
    ),
    (
        "synonym",
        "en",
        "Einarbeitung",
        None,
        "/en/onboarding/neue-assistenz/",
    ),
    (
        "filter",
        "de",
        "Homeoffice",
        Some("checklist"),
        "/checklisten/ausstattung-homeoffice/",
    ),
    (
        "filter",
        "de",
        "Telefon",
        Some("briefing"),
        "/briefings/telefonservice-einrichtung/",
    ),
    (
        "filter",
        "de",
        "Englisch",
        Some("skill"),
        "/kompetenzen/englisch/",
    ),
    (
        "filter",
        "de",
        "Datenschutz",
        Some("skill"),
        "/kompetenzen/datenschutz-grundlagen/",
    ),
    (
        "filter",
        "de",
        "Zeiterfassung",
        Some("page"),
        "/zeiterfassung-und-abrechnung/",
    ),
    (
        "filter",
        "de",
        "Recherche",
        Some("briefing"),
        "/briefings/recherche/",
    ),
];

/// Groups that must pass completely.
const STRICT: &[&str] = &["umlaut", "inflection", "filter"];

fn example_index() -> (SiteTest, Index) {
    let site = SiteTest::example();
    site.run(&["build", "--quiet"]).expect_code(0);
    let root = site.path().join("public");
    let mut files = HashMap::new();
    let mut manifest = String::new();
    for entry in walkdir::WalkDir::new(root.join("_search")) {
        let entry = entry.expect("walk the output");
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(&root)
                .expect("inside the output")
                .to_string_lossy()
                .replace('\\', "/");
            if rel.starts_with("_search/manifest.") {
                manifest.clone_from(&rel);
            }
            files.insert(rel, std::fs::read(entry.path()).expect("read index file"));
        }
    }
    let index = Index::new(&manifest, files).expect("the build writes a search manifest");
    (site, index)
}

#[test]
fn golden_queries_find_the_expected_page_in_the_top_3() {
    let (_site, index) = example_index();
    assert!(
        GOLDEN.len() >= 40,
        "golden set has {} queries",
        GOLDEN.len()
    );
    let mut failures = Vec::new();
    let mut per_group: HashMap<&str, (usize, usize)> = HashMap::new();
    for &(group, lang, query, kind, expected) in GOLDEN {
        let hits = index.search(lang, query, kind);
        let top: Vec<&str> = hits.iter().take(3).map(|h| h.url.as_str()).collect();
        let entry = per_group.entry(group).or_default();
        entry.1 += 1;
        if top.contains(&expected) {
            entry.0 += 1;
        } else {
            failures.push(format!(
                "[{group}] {lang} {query:?} {kind:?}: expected {expected}, got {top:?}"
            ));
        }
    }
    let passed = GOLDEN.len() - failures.len();
    eprintln!(
        "golden set: {passed}/{} passed; per group: {per_group:?}",
        GOLDEN.len()
    );
    for f in &failures {
        eprintln!("  {f}");
    }
    assert!(
        passed * 10 >= GOLDEN.len() * 9,
        "fewer than 90 % passed:\n{}",
        failures.join("\n")
    );
    for group in STRICT {
        let (ok, all) = per_group.get(group).copied().unwrap_or_default();
        assert_eq!(
            ok,
            all,
            "group {group} must pass completely:\n{}",
            failures.join("\n")
        );
    }
}

#[test]
fn index_files_stay_within_the_budgets() {
    let site = SiteTest::example();
    site.run(&["build", "--quiet"]).expect_code(0);
    let mut count = 0;
    for entry in walkdir::WalkDir::new(site.path().join("public/_search")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            count += 1;
            let bytes = entry.metadata().unwrap().len();
            assert!(
                bytes <= 64 * 1024,
                "{} is {bytes} bytes",
                entry.path().display()
            );
        }
    }
    assert!(count >= 5, "only {count} search files");
}
