//! The rendered `<main>` of one page per content type, as snapshots, so any change to
//! what readers see is reviewed.

use crate::support::{SiteTest, main_of};

#[test]
fn main_region_of_each_content_type() {
    let site = SiteTest::fixture("minimal");
    site.run(&["build", "--date", "2026-06-01"]).expect_code(0);
    for (name, page) in [
        ("service", "leistungen/terminverwaltung"),
        ("skill", "kompetenzen/organisation"),
        ("checklist", "checklisten/ausstattung"),
        ("rate", "preise/preise"),
        ("briefing", "briefings/auftrag"),
        ("guide", "einarbeitung/einarbeitung"),
        ("print", "einarbeitung/einarbeitung/druck"),
        ("page", "impressum"),
        ("markdown", "markdown"),
        ("catalogue", "leistungen"),
    ] {
        let html = site.read(&format!("public/{page}/index.html"));
        insta::assert_snapshot!(format!("main__{name}"), main_of(&html));
    }
}

#[test]
fn templates_escape_content() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/pages/xss.md",
        "+++\ntitle = \"<script>alert(1)</script>\"\nsummary = \"\\\"><img src=x onerror=alert(1)>\"\n+++\nText.\n",
    );
    site.run(&["build", "--date", "2026-06-01"]).expect_code(0);
    let html = site.read("public/xss/index.html");
    assert!(
        !html.contains("<script>alert(1)</script>"),
        "title not escaped"
    );
    assert!(!html.contains("<img src=x"), "summary not escaped");
    assert!(html.contains("&lt;script&gt;"), "{html}");
}

#[test]
fn a_site_theme_overrides_single_templates() {
    let site = SiteTest::fixture("minimal");
    site.write("themes/default/templates/page.html", "{% extends \"base.html\" %}{% block main %}<p>EIGENES LAYOUT {{ title }}</p>{% endblock main %}");
    site.run(&["build", "--date", "2026-06-01"]).expect_code(0);
    assert!(
        site.read("public/impressum/index.html")
            .contains("EIGENES LAYOUT Impressum")
    );
    // Other templates still come from the embedded theme.
    assert!(
        site.read("public/leistungen/terminverwaltung/index.html")
            .contains("class=\"service\"")
    );
}

#[test]
fn a_template_error_names_template_and_line() {
    let site = SiteTest::fixture("minimal");
    site.write("themes/default/templates/page.html", "{% extends \"base.html\" %}\n{% block main %}\n{{ title | nosuchfilter }}\n{% endblock main %}");
    let run = site.run(&["build", "--date", "2026-06-01"]);
    run.expect_code(1);
    assert!(run.stderr.contains("page.html"), "{}", run.stderr);
    assert!(
        run.stderr.contains(":3:") || run.stderr.contains("3 |") || run.stderr.contains("line 3"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_authors_introduction_comes_first_and_on_this_page_lists_every_section() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/services/terminverwaltung.md",
        site.read("content/services/terminverwaltung.md").replace(
            "Beschreiben Sie hier, für wen die Leistung gedacht ist und wie sie abläuft.",
            "Einleitung der Autorin.\n\n## Für wen\n\nText.\n\n## Ablauf\n\nText.",
        ),
    );
    site.run(&["build", "--quiet"]).expect_code(0);
    let html = site.read("public/leistungen/terminverwaltung/index.html");
    let main = main_of(&html);
    let at = |needle: &str| {
        main.find(needle)
            .unwrap_or_else(|| panic!("{needle} is not on the page:\n{main}"))
    };
    // Title, summary, "On this page", the author's text, then the generated blocks.
    assert!(at("<h1>") < at("data-toc"));
    assert!(at("data-toc") < at("Einleitung der Autorin."));
    assert!(at("Einleitung der Autorin.") < at("id=\"tasks\""));
    assert!(at("id=\"tasks\"") < at("id=\"price\""));
    // Every section, the author's and the generated, in page order, once.
    let list = &main[at("<ol data-toc-list>")..];
    let list = &list[..list.find("</ol>").expect("list ends")];
    let targets: Vec<&str> = list
        .split("href=\"#")
        .skip(1)
        .map(|s| &s[..s.find('"').expect("end of href")])
        .collect();
    assert_eq!(
        targets,
        [
            "für-wen",
            "ablauf",
            "tasks",
            "price",
            "skills",
            "equipment",
            "briefings"
        ]
    );
}

#[test]
fn the_enquiry_button_writes_to_the_agency_or_opens_the_configured_page() {
    let site = SiteTest::fixture("minimal");
    site.run(&["build", "--quiet"]).expect_code(0);
    let mailto = "mailto:kontakt@example.com?subject=";
    let service = site.read("public/leistungen/terminverwaltung/index.html");
    assert!(
        service.contains(&format!(
            "<a class=\"button button-primary\" href=\"{mailto}Anfrage%3A%20Terminverwaltung\">Unverbindlich anfragen</a>"
        )),
        "{}",
        main_of(&service)
    );
    let home = site.read("public/index.html");
    assert!(
        home.contains(&format!(
            "href=\"{mailto}Anfrage%3A%20Meine%20Assistenz%2DAgentur\""
        )),
        "{}",
        main_of(&home)
    );
    let rate = site.read("public/preise/preise/index.html");
    assert!(
        rate.contains(&format!(
            "<a class=\"button button-primary\" href=\"{mailto}Anfrage%3A%20Preise\">Unverbindlich anfragen</a>"
        )),
        "{}",
        main_of(&rate)
    );

    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        format!("{toml}\n[enquiry]\npage = \"kontakt\"\n"),
    );
    site.write(
        "content/pages/kontakt.md",
        "+++\ntitle = \"Kontakt\"\nsummary = \"So erreichen Sie uns.\"\n+++\nRufen Sie uns an.\n",
    );
    site.run(&["build", "--quiet"]).expect_code(0);
    let service = site.read("public/leistungen/terminverwaltung/index.html");
    assert!(
        service.contains("<a class=\"button button-primary\" href=\"/kontakt/\">"),
        "{}",
        main_of(&service)
    );
    let rate = site.read("public/preise/preise/index.html");
    assert!(
        rate.contains("<a class=\"button button-primary\" href=\"/kontakt/\">"),
        "{}",
        main_of(&rate)
    );
}

#[test]
fn the_impressum_of_a_company_names_its_representatives_and_register() {
    let site = SiteTest::fixture("minimal");
    let toml = site.read("site.toml").replace(
        "owner = \"Vorname Nachname\"\n",
        "legal_form = { de = \"GmbH\", en = \"limited company (GmbH)\" }\nowner = \"Vorname Nachname\"\n\
         represented_by = \"Erika Beispiel (Geschäftsführerin)\"\n\
         register_court = \"Amtsgericht Musterstadt\"\nregister_number = \"HRB 12345\"\ncountry = \"AT\"\n",
    );
    site.write("site.toml", toml);
    site.run(&["build", "--date", "2026-06-01"]).expect_code(0);
    let de = site.read("public/impressum/index.html");
    let main = main_of(&de);
    assert!(
        main.contains("Vertreten durch: Erika Beispiel (Geschäftsführerin)"),
        "{main}"
    );
    assert!(
        !main.contains("Inhaberin/Inhaber"),
        "a GmbH has no owner line: {main}"
    );
    assert!(
        main.contains("Registereintrag: Amtsgericht Musterstadt, HRB 12345"),
        "{main}"
    );
    assert!(main.contains("12345 Stadt<br>Österreich</p>"), "{main}");
}
