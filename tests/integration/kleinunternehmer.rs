//! A freelance assistant's site under § 19 UStG (the `kleinunternehmer` fixture): German
//! only and without audiences; the § 19 note stands where other sites show VAT.

use std::fs;
use std::path::Path;

use crate::support::{SiteTest, main_of};

/// The fixture, built strictly into `public/`.
struct Built {
    site: SiteTest,
    /// Every HTML page of the build, by path relative to `public/`.
    all: Vec<(String, String)>,
}

impl Built {
    /// Builds the fixture with `--strict`; fails unless it builds without warnings.
    fn new() -> Built {
        let site = SiteTest::fixture("kleinunternehmer");
        let run = site.run(&["build", "--strict"]);
        run.expect_code(0);
        assert!(run.stdout.contains("no warnings"), "{}", run.stdout);
        let all = pages(&site.path().join("public"));
        Built { site, all }
    }

    /// The folder the site was built into.
    fn out(&self) -> std::path::PathBuf {
        self.site.path().join("public")
    }

    /// An output file as text.
    fn read(&self, rel: &str) -> String {
        self.site.read(&format!("public/{rel}"))
    }
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
fn a_german_only_site_has_no_english_tree_and_no_empty_lists() {
    let built = Built::new();
    let out = built.out();
    // One language: no English tree, every page German.
    assert!(!out.join("en").exists(), "an /en/ folder was built");
    // The site has no briefings and no guides: no empty list pages for them.
    for empty in ["briefings", "guides"] {
        assert!(
            !out.join(empty).exists(),
            "an empty list page /{empty}/ was built"
        );
    }
    let all = &built.all;
    assert!(all.len() >= 15, "only {} pages", all.len());
    for (rel, html) in all {
        assert!(html.contains("<html lang=\"de\">"), "{rel} is not German");
        assert!(
            !html.contains("hreflang=\"en\""),
            "{rel} names an English page"
        );
    }
    assert!(!built.read("sitemap.xml").contains("/en/"));
}

#[test]
fn a_site_without_audiences_is_one_public_site() {
    let built = Built::new();
    // No audiences: one public site, nothing marked as restricted, nothing hidden
    // from search engines.
    for (rel, html) in &built.all {
        assert!(
            !html.contains("class=\"restricted\""),
            "{rel} is restricted"
        );
        assert!(!html.contains("noindex"), "{rel} is noindex");
    }
    assert!(built.read("robots.txt").contains("Allow: /"));
}

#[test]
fn the_section_19_note_stands_instead_of_vat_on_rates_and_priced_services() {
    let built = Built::new();
    // § 19 UStG: the note instead of VAT, on the rate table and every priced service.
    let note = "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.";
    let rate = built.read("preise/preise-2026/index.html");
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
        let html = built.read(&format!("leistungen/{service}/index.html"));
        assert!(
            main_of(&html).contains(note),
            "{service} lacks the § 19 note"
        );
    }
    for (rel, html) in &built.all {
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
}

#[test]
fn services_bill_by_the_hour_or_flat_and_say_what_they_leave_out() {
    let built = Built::new();
    // Hourly and flat billing.
    let hourly = built.read("leistungen/e-mail-und-kalender/index.html");
    assert!(main_of(&hourly).contains("38,00 € / Std."), "hourly price");
    let flat = built.read("leistungen/website-pflege/index.html");
    let flat_main = main_of(&flat);
    assert!(flat_main.contains("Pauschalpreis"), "flat billing");
    assert!(flat_main.contains("69,00 €"), "the flat price");

    // The scope note of the bookkeeping-adjacent service.
    let invoices = built.read("leistungen/rechnungsvorbereitung/index.html");
    assert!(
        main_of(&invoices).contains("§ 6 Nr. 3 StBerG"),
        "scope note"
    );
}

#[test]
fn the_impressum_names_the_owner_and_every_page_links_it_and_the_privacy_policy() {
    let built = Built::new();
    // The Impressum names the owner and her address; every page links it and the
    // privacy policy.
    let impressum = built.read("impressum/index.html");
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
    assert!(main_of(&built.read("datenschutz/index.html")).contains("Ihre Rechte"));
    for (rel, html) in &built.all {
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
