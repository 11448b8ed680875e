//! The second example site, `examples/einzelassistenz`: a freelance assistant under
//! § 19 UStG, in German only and without audiences. It is checked and built where it
//! lies (`--root`), on the suite's day like every other run.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{Run, main_of, repo_root, vpagen};

/// The folder of the second example.
fn einzelassistenz() -> PathBuf {
    repo_root().join("examples/einzelassistenz")
}

/// Runs `vpagen <args> --root examples/einzelassistenz`.
fn run(args: &[&str]) -> Run {
    let output = vpagen()
        .args(args)
        .arg("--root")
        .arg(einzelassistenz())
        .output()
        .expect("run vpagen");
    Run::from(output)
}

/// The diagnostics of a run that are warnings or errors (notes are left out).
fn warnings_and_errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("warning") || l.starts_with("error"))
        .collect()
}

/// Every HTML page under `dir`, by path relative to it.
fn pages(dir: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk the output"))
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("inside");
            (
                rel.to_string_lossy().into_owned(),
                fs::read_to_string(e.path()).expect("read page"),
            )
        })
        .collect()
}

#[test]
fn second_example_checks_clean_in_strict_mode() {
    let run = run(&["check", "--strict"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("no errors, no warnings"),
        "{}",
        run.stdout
    );
    let found = warnings_and_errors(&run.stderr);
    assert!(found.is_empty(), "check --strict reported:\n{}", run.stderr);
    // Its only checklist is the AV checklist, which every service with personal data
    // links: it is used, and no note says otherwise.
    assert!(!run.stderr.contains("info[C11]"), "{}", run.stderr);
}

#[test]
fn second_example_builds_a_german_kleinunternehmer_site() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("public");
    let out_arg = out.to_str().expect("a UTF-8 path");
    let run = run(&["build", "--strict", "--output", out_arg]);
    run.expect_code(0);
    assert!(run.stdout.contains("no warnings"), "{}", run.stdout);
    let read = |rel: &str| -> String {
        fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    };

    // One language: no English tree, every page German.
    assert!(!out.join("en").exists(), "an /en/ folder was built");
    // The site has no briefings and no guides: no empty list pages for them.
    for empty in ["briefings", "guides"] {
        assert!(
            !out.join(empty).exists(),
            "an empty list page /{empty}/ was built"
        );
    }
    let all = pages(&out);
    assert!(all.len() >= 15, "only {} pages", all.len());
    for (rel, html) in &all {
        assert!(html.contains("<html lang=\"de\">"), "{rel} is not German");
        assert!(
            !html.contains("hreflang=\"en\""),
            "{rel} names an English page"
        );
    }
    assert!(!read("sitemap.xml").contains("/en/"));

    // No audiences: one public site, nothing marked as restricted, nothing hidden
    // from search engines.
    for (rel, html) in &all {
        assert!(
            !html.contains("class=\"restricted\""),
            "{rel} is restricted"
        );
        assert!(!html.contains("noindex"), "{rel} is noindex");
    }
    assert!(read("robots.txt").contains("Allow: /"));

    // § 19 UStG: the note instead of VAT, on the rate table and every priced service.
    let note = "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.";
    let rate = read("preise/preise-2026/index.html");
    let rate_main = main_of(&rate);
    assert!(
        rate_main.contains(note),
        "the rate page lacks the § 19 note"
    );
    assert!(rate_main.contains("38,00 €"), "the hourly rate");
    assert!(
        rate_main.contains("47,50 €"),
        "the online area at factor 1,25"
    );
    assert!(rate_main.contains("36,00 €"), "the block's price per hour");
    for service in [
        "e-mail-und-kalender",
        "telefonannahme",
        "rechnungsvorbereitung",
        "recherche",
        "social-media-planung",
        "website-pflege",
    ] {
        let html = read(&format!("leistungen/{service}/index.html"));
        assert!(
            main_of(&html).contains(note),
            "{service} lacks the § 19 note"
        );
    }
    for (rel, html) in &all {
        let main = main_of(html);
        for vat in [
            "zzgl.",
            "inkl. USt",
            "USt.",
            "Umsatzsteuer-Identifikationsnummer",
        ] {
            assert!(!main.contains(vat), "{rel} shows VAT: {vat}");
        }
    }

    // Hourly and flat billing.
    let hourly = read("leistungen/e-mail-und-kalender/index.html");
    assert!(main_of(&hourly).contains("38,00 € / Std."), "hourly price");
    let flat = read("leistungen/website-pflege/index.html");
    let flat_main = main_of(&flat);
    assert!(flat_main.contains("Pauschalpreis"), "flat billing");
    assert!(flat_main.contains("69,00 €"), "the flat price");

    // The scope note of the bookkeeping-adjacent service.
    let invoices = read("leistungen/rechnungsvorbereitung/index.html");
    assert!(
        main_of(&invoices).contains("§ 6 Nr. 3 StBerG"),
        "scope note"
    );

    // The Impressum names the owner and her address; every page links it and the
    // privacy policy.
    let impressum = read("impressum/index.html");
    let impressum_main = main_of(&impressum);
    for fact in [
        "Angaben gemäß § 5 DDG",
        "Jana Muster – Virtuelle Assistenz",
        "Jana Muster",
        "Lindenstraße 4",
        "12345 Musterstadt",
        "hallo@einzelassistenz.example",
    ] {
        assert!(impressum_main.contains(fact), "Impressum lacks {fact}");
    }
    assert!(main_of(&read("datenschutz/index.html")).contains("Ihre Rechte"));
    for (rel, html) in &all {
        assert!(
            html.contains("href=\"/impressum/\""),
            "{rel}: no Impressum link"
        );
        assert!(
            html.contains("href=\"/datenschutz/\""),
            "{rel}: no Datenschutz link"
        );
    }
}
