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
