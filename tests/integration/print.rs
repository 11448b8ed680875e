//! Print bundles of onboarding guides: the guide's steps, then the checklists and
//! briefing templates its steps name as appendices, in each language of the guide.
//! The browser test `tests/browser/print.test.mjs` prints the example's bundle to PDF;
//! these tests own a small site and read the HTML.

use crate::support::{SiteTest, main_of};

/// The minimal site with a guide whose steps name a checklist and a briefing
/// template, all three translated into English.
pub(crate) fn site() -> SiteTest {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/guides/einarbeitung.md",
        r#"+++
title = "Einarbeitung"
summary = "Die ersten Tage für neue Assistenzen."
reader = "assistant"
roles = ["assistenz"]

[[steps]]
id = "ausstattung"
day = 1
title = "Ausstattung prüfen"
checklist = "ausstattung"

[[steps]]
id = "auftrag-ueben"
day = 2
title = "Ein Auftragsbriefing durchgehen"
briefing = "auftrag"
+++
"#,
    );
    site.write(
        "content/briefings/auftrag.md",
        r#"+++
title = "Auftrag"
summary = "Das Standard-Briefing für neue Aufgaben."
for_services = ["terminverwaltung"]
include_standard = true

[[fields]]
id = "dringlichkeit"
section = "Organisation"
label = "Wie dringend ist die Aufgabe?"
kind = "select"
options = ["heute", "diese Woche", "ohne Frist"]
+++
Füllen Sie das Formular aus, bevor wir mit einer neuen Aufgabe beginnen.
"#,
    );
    write_translations(&site);
    site
}

/// The English guide, briefing template and checklist of [`site`].
fn write_translations(site: &SiteTest) {
    site.write(
        "content/guides/einarbeitung.en.md",
        r#"+++
title = "Onboarding"
summary = "The first days for new assistants."

[[steps]]
id = "ausstattung"
title = "Check your equipment"

[[steps]]
id = "auftrag-ueben"
title = "Walk through a task briefing"
+++
"#,
    );
    site.write(
        "content/briefings/auftrag.en.md",
        r#"+++
title = "Task"
summary = "The standard briefing for new tasks."

[[fields]]
id = "dringlichkeit"
section = "Organisation"
label = "How urgent is the task?"
options = ["today", "this week", "no deadline"]
+++
Fill in the form before we start on a new task.
"#,
    );
    site.write(
        "content/checklists/ausstattung.en.md",
        r#"+++
title = "Equipment"
summary = "What an assistant needs on the first working day."

[[items]]
id = "rechner"
text = "Own computer with an up-to-date operating system"

[[items]]
id = "headset"
text = "Headset with noise cancelling"
+++
"#,
    );
}

/// The values of `attr="…"` in `html`, in order.
fn attribute_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            &rest[..rest.find('"').expect("closing quote")]
        })
        .collect()
}

/// The texts between `open` and `close` in `html`, in order.
fn between<'a>(html: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    html.split(open)
        .skip(1)
        .map(|rest| &rest[..rest.find(close).expect("closing tag")])
        .collect()
}

/// The `<section>` of the bundle with this `id`.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<section class=\"print-appendix\" id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no appendix section #{id}"));
    let len = html[start..].find("</section>").expect("section ends");
    &html[start..start + len]
}

/// The appendix anchor the bundle's table of contents gives the item titled `title`.
fn appendix_anchor(html: &str, title: &str) -> String {
    let toc = &between(html, "<nav class=\"print-toc\"", "</nav>")[0];
    let entry = between(toc, "<li><a href=\"#", "</a>")
        .into_iter()
        .find(|e| e.ends_with(&format!(" – {title}")))
        .unwrap_or_else(|| {
            panic!("the table of contents has no appendix entry for {title}:\n{toc}")
        });
    entry[..entry.find('"').expect("end of href")].to_owned()
}

#[test]
fn the_briefing_template_is_an_appendix_with_every_field_of_its_form() {
    let site = site();
    site.run(&["build", "--quiet"]).expect_code(0);
    let bundle = site.read("public/einarbeitung/einarbeitung/druck/index.html");
    let bundle = main_of(&bundle);
    let form = site.read("public/briefings/auftrag/index.html");
    let labels = attribute_values(main_of(&form), "data-label");
    assert!(
        labels.len() >= 5 && labels.contains(&"Wie dringend ist die Aufgabe?"),
        "the briefing page shows the standard fields and its own: {labels:?}"
    );

    let anchor = appendix_anchor(bundle, "Auftrag");
    let appendix = section(bundle, &anchor);
    assert!(appendix.contains("<h2>Anhang: Auftrag</h2>"), "{appendix}");
    // Every field of the form, in the form's order, as a term to fill in.
    let terms: Vec<&str> = between(appendix, "<dt>", "</dt>");
    let term_labels: Vec<&str> = terms
        .iter()
        .map(|t| t.strip_suffix(" (Pflichtfeld)").unwrap_or(t))
        .collect();
    assert_eq!(term_labels, labels, "the appendix lists the form's fields");
    // A select offers its options as boxes; the other fields leave room to write.
    for option in ["heute", "diese Woche", "ohne Frist"] {
        assert!(
            appendix.contains(&format!("☐</span> {option}</li>")),
            "option {option:?} has no box:\n{appendix}"
        );
    }
    let choices = between(&form, "<select", "</select>").len();
    let blanks = appendix.matches("class=\"blank-lines\"").count();
    assert_eq!(
        blanks + choices,
        labels.len(),
        "each field without choices leaves room to write"
    );
    // The step that names the briefing points to the appendix.
    let step = &between(bundle, "id=\"print-step-auftrag-ueben\">", "</section>")[0];
    assert!(
        step.contains(&format!("<a href=\"#{anchor}\">Auftrag</a>")),
        "{step}"
    );
}

#[test]
fn the_english_bundle_is_english_throughout_and_names_its_german_twin() {
    let site = site();
    site.run(&["build", "--quiet"]).expect_code(0);
    let de_url = "/einarbeitung/einarbeitung/druck/";
    let en_url = "/en/guides/einarbeitung/print/";
    let de = site.read(&format!("public{de_url}index.html"));
    let en = site.read(&format!("public{en_url}index.html"));
    assert!(en.contains("<html lang=\"en\""), "{}", &en[..200]);
    let main = main_of(&en);
    for text in [
        "<h1>Onboarding</h1>",
        "Check your equipment",
        "Walk through a task briefing",
        "Own computer with an up-to-date operating system",
        "Headset with noise cancelling",
        "<h2>Appendix: Equipment</h2>",
        "<h2>Appendix: Task</h2>",
        "How urgent is the task?",
        "☐</span> this week</li>",
    ] {
        assert!(
            main.contains(text),
            "the English bundle lacks {text:?}:\n{main}"
        );
    }
    for german in [
        "Ausstattung prüfen",
        "Eigener Rechner",
        "Anhang",
        "Wie dringend",
        "diese Woche",
        "Druckfassung",
    ] {
        assert!(
            !main.contains(german),
            "the English bundle shows {german:?}"
        );
    }
    let anchor = appendix_anchor(main, "Task");
    assert!(section(main, &anchor).contains("How urgent is the task?"));
    // Each bundle names the other as its translation.
    assert!(
        de.contains(&format!(
            "hreflang=\"en\" href=\"https://example.com{en_url}\""
        )),
        "the German bundle does not name the English one"
    );
    assert!(
        en.contains(&format!(
            "hreflang=\"de\" href=\"https://example.com{de_url}\""
        )),
        "the English bundle does not name the German one"
    );
}

#[test]
fn link_notes_start_at_one_and_leave_out_the_way_back() {
    let site = site();
    let guide = site.read("content/guides/einarbeitung.md");
    site.write(
        "content/guides/einarbeitung.md",
        format!("{guide}Lesen Sie zuerst die [Datenschutzhinweise](https://example.org/dsgvo).\n"),
    );
    site.run(&["build", "--quiet"]).expect_code(0);
    let html = site.read("public/einarbeitung/einarbeitung/druck/index.html");
    let main = main_of(&html);
    let refs = between(main, "<sup class=\"print-ref\">", "</sup>");
    assert_eq!(
        refs.first(),
        Some(&"[1]"),
        "the first note is [1]: {refs:?}"
    );
    let back = main
        .split("<p class=\"no-print\">")
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .expect("the way back to the guide");
    assert!(
        back.contains("data-no-print-note") && !back.contains("print-ref"),
        "the way back gets no note: {back}"
    );
    let notes = between(main, "<section class=\"print-links\"", "</section>")[0];
    assert!(
        notes.contains("<li>https://example.org/dsgvo</li>")
            && !notes.contains("<li>https://example.com/einarbeitung/einarbeitung/</li>"),
        "notes: {notes}"
    );
}
