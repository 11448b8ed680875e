//! Audiences: the agency fixture built for `public`, `assistants` and `internal` holds only
//! what each may see, and a planted leak fails the build with the file named.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;

use crate::support::SiteTest;

/// Words only the assistants' block of the phone service holds (German, English).
const ASSISTANT_BLOCK: [&str; 2] = ["Telefonnotiz", "call-note template"];
/// Words only the internal blocks hold.
const INTERNAL_BLOCK: [&str; 4] = [
    "Mengenrabatt",
    "Auftragnehmerakte",
    "volume-discount",
    "contractor file",
];
/// Words only the onboarding guide for new assistants holds (a step's body).
const GUIDE_TEXT: &str = "Testeintrag im Passwortmanager";

/// Every output file as text (search files gunzipped), by path.
fn output(dir: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.expect("walk the output");
        if !entry.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path()).expect("read output file");
        let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut out)
                .expect("gunzip");
            out
        } else {
            bytes
        };
        let rel = entry.path().strip_prefix(dir).expect("inside");
        files.insert(
            rel.to_string_lossy().into_owned(),
            String::from_utf8_lossy(&bytes).into_owned(),
        );
    }
    files
}

fn files_with<'a>(files: &'a BTreeMap<String, String>, needle: &str) -> Vec<&'a str> {
    files
        .iter()
        .filter(|(_, text)| text.contains(needle))
        .map(|(path, _)| path.as_str())
        .collect()
}

/// Terms of the search index of the build in `dir` (the term shards
/// `_search/<lang>/t-<hash>/<n>.bin`) that start with `prefix`.
fn terms_with(dir: &Path, prefix: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir.join("_search")) {
        let entry = entry.expect("walk the index");
        let in_shards = entry
            .path()
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|d| d.to_string_lossy().starts_with("t-"));
        if !(in_shards && entry.file_name().to_string_lossy().ends_with(".bin")) {
            continue;
        }
        let mut bytes = Vec::new();
        let raw = std::fs::read(entry.path()).expect("read a term shard");
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut bytes)
            .expect("gunzip a term shard");
        let terms = crate::hostile::shard_terms(&bytes)
            .unwrap_or_else(|e| panic!("{}: {e}", entry.path().display()));
        found.extend(terms.into_iter().filter(|t| t.starts_with(prefix)));
    }
    found
}

fn build(site: &SiteTest, audience: Option<&str>, out: &str) -> BTreeMap<String, String> {
    let mut args = vec!["build", "--output", out];
    if let Some(a) = audience {
        args.extend(["--audience", a]);
    }
    let run = site.run(&args);
    run.expect_code(0);
    assert!(run.stdout.contains("no warnings"), "{}", run.stdout);
    output(&site.path().join(out))
}

#[test]
fn the_default_build_is_public_and_holds_nothing_for_assistants_or_the_agency() {
    let site = SiteTest::fixture("agency");
    let files = build(&site, None, "public");
    for dir in [
        "einarbeitung/neue-assistenz/",
        "en/onboarding/neue-assistenz/",
        "checklisten/it-sicherheit/",
        "checklisten/avv-und-vertraulichkeit/",
        "zeiterfassung-und-abrechnung/",
    ] {
        assert!(
            !files.keys().any(|p| p.starts_with(dir)),
            "{dir} is in the public build"
        );
    }
    assert!(
        files.contains_key("checklisten/kundenstart/index.html"),
        "the client checklist is public"
    );
    assert!(
        files.contains_key("einarbeitung/erste-wochen-kunde/index.html"),
        "the clients' guide is public"
    );
    assert!(files.contains_key("leistungen/telefonservice/index.html"));
    for needle in ASSISTANT_BLOCK
        .iter()
        .chain(&INTERNAL_BLOCK)
        .chain([&GUIDE_TEXT])
    {
        assert_eq!(
            files_with(&files, needle),
            Vec::<&str>::new(),
            "{needle:?} leaked"
        );
    }
    for path in [
        "sitemap.xml",
        "atom.xml",
        "en/atom.xml",
        "catalogue.json",
        "index.html",
    ] {
        let text = &files[path];
        for hidden in [
            "/einarbeitung/neue-assistenz/",
            "/checklisten/it-sicherheit/",
            "/zeiterfassung-und-abrechnung/",
        ] {
            assert!(!text.contains(hidden), "{path} names {hidden}");
        }
    }
    // References to hidden items read as text, not as links.
    let phone = &files["leistungen/telefonservice/index.html"];
    assert!(
        phone.contains("(Art. 28 DSGVO). AV-Vertrag und Vertraulichkeit</p>"),
        "the reference's title stays, as text"
    );
    assert!(
        !phone.contains("avv-und-vertraulichkeit"),
        "no link to the hidden checklist"
    );
    assert!(
        !phone.contains("callout-audience"),
        "no audience block is shown"
    );
    // Print bundles are never for search engines; every other page is.
    assert!(
        !files
            .iter()
            .filter(|(p, _)| !p.contains("/druck/") && !p.contains("/print/"))
            .any(|(_, t)| t.contains("noindex")),
        "public pages are for search engines"
    );
    assert!(files["robots.txt"].contains("Allow: /"));
}

#[test]
fn the_assistants_build_holds_guides_and_their_blocks_but_not_the_agencys() {
    let site = SiteTest::fixture("agency");
    let files = build(&site, Some("assistants"), "intranet");
    let guide = &files["einarbeitung/neue-assistenz/index.html"];
    assert!(guide.contains(GUIDE_TEXT));
    assert!(
        guide.contains("<span class=\"restricted\">Nur für Assistenzen</span>"),
        "restricted pages say so"
    );
    assert!(files.contains_key("en/onboarding/neue-assistenz/index.html"));
    assert!(
        files["zeiterfassung-und-abrechnung/index.html"]
            .contains("<span class=\"restricted\">Nur für Assistenzen</span>"),
        "a page for assistants says so"
    );
    let phone = &files["leistungen/telefonservice/index.html"];
    assert!(
        phone.contains("<p class=\"callout-title\">Nur für Assistenzen</p>"),
        "the block is titled"
    );
    assert!(phone.contains(ASSISTANT_BLOCK[0]));
    assert!(files["en/services/telefonservice/index.html"].contains(ASSISTANT_BLOCK[1]));
    assert!(
        files_with(&files, "/einarbeitung/neue-assistenz/")
            .iter()
            .any(|p| p.starts_with("_search/")),
        "the guide is searchable"
    );
    for needle in INTERNAL_BLOCK {
        assert_eq!(
            files_with(&files, needle),
            Vec::<&str>::new(),
            "{needle:?} leaked"
        );
    }
    assert!(
        !files
            .keys()
            .any(|p| p.starts_with("checklisten/avv-und-vertraulichkeit/"))
    );
    assert!(guide.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(files["robots.txt"].contains("Disallow: /"));
}

#[test]
fn the_last_audience_sees_everything() {
    let site = SiteTest::fixture("agency");
    let files = build(&site, Some("internal"), "all");
    for needle in ASSISTANT_BLOCK.iter().chain(&INTERNAL_BLOCK) {
        assert!(!files_with(&files, needle).is_empty(), "{needle:?} missing");
    }
    assert!(files.contains_key("checklisten/avv-und-vertraulichkeit/index.html"));
}

#[test]
fn audience_blocks_in_markdown_fields_are_cut_and_leak_checked() {
    let site = SiteTest::fixture("agency");
    let checklist = site.read("content/checklists/kundenstart.md");
    let note = "note = \"Beides ist üblich.";
    assert!(
        checklist.contains(note),
        "the client checklist has the note"
    );
    let secret = "Intern vereinbaren wir mit Großkunden einen Rabatt von zehn Prozent.";
    let with_block: String = checklist
        .split_inclusive('\n')
        .map(|line| match line.strip_prefix(note) {
            Some(rest) => format!(
                "note = \"\"\"\n> [!INTERNAL]\n> {secret}\n\nBeides ist üblich.{}\"\"\n",
                rest.trim_end()
            ),
            None => line.to_owned(),
        })
        .collect();
    // And one in an item's text, with a word found nowhere else.
    let text = "text = \"Wie unterschreibt die Assistenz?";
    assert!(
        with_block.contains(text),
        "the client checklist has the item"
    );
    let with_block = with_block.replacen(
        text,
        "text = \"\"\"\n> [!INTERNAL]\n> Staffel nach Zylophonrabatt.\n\nWie unterschreibt die Assistenz?",
        1,
    );
    let with_block: String = with_block
        .split_inclusive('\n')
        .map(|line| {
            if line.starts_with("und Signatur festgelegt\"")
                || line.contains("Signatur festgelegt\"\n")
            {
                line.replacen("festgelegt\"", "festgelegt\"\"\"", 1)
            } else {
                line.to_owned()
            }
        })
        .collect();
    site.write("content/checklists/kundenstart.md", with_block);
    let files = build(&site, None, "public");
    assert_eq!(
        files_with(&files, "Großkunden"),
        Vec::<&str>::new(),
        "the block is cut"
    );
    assert!(files["checklisten/kundenstart/index.html"].contains("Beides ist üblich."));
    // Not even as a search term.
    assert_eq!(
        terms_with(&site.path().join("public"), "zylophon"),
        Vec::<String>::new(),
        "the block is indexed"
    );
    let all = build(&site, Some("internal"), "all");
    assert!(all["checklisten/kundenstart/index.html"].contains("Großkunden"));
    assert!(
        !terms_with(&site.path().join("all"), "zylophon").is_empty(),
        "the internal build indexes the item's block"
    );
    let footer = include_str!("../../themes/default/templates/item_footer.html");
    site.write(
        "themes/default/templates/item_footer.html",
        format!("{footer}<p>{secret}</p>\n"),
    );
    let run = site.run(&["build", "--output", "again"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "error: text of the audience block in checklist `kundenstart` hidden from audience `public` appears in "
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_audience_is_a_usage_error_listing_the_declared_ones() {
    let site = SiteTest::fixture("agency");
    let run = site.run(&["build", "--audience", "kunden"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains(
            "site.toml declares no audience `kunden`; audiences: public, assistants, internal"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.path().join("public").exists(), "nothing was written");
}

#[test]
fn a_planted_leak_fails_build_and_check_naming_the_file_and_keeps_the_output() {
    let site = SiteTest::fixture("agency");
    let before = build(&site, None, "public");
    // An internal sentence copied into a public page's template data, and a theme
    // template that prints it.
    let page = site.read("content/services/telefonservice.md");
    let planted = page.replacen(
        "+++\n",
        "+++\nextra = { hinweis = \"Kalkulation: Die Servicenummer kostet uns 9,90 € im Monat je Kunde.\" }\n",
        1,
    );
    assert_ne!(page, planted);
    site.write("content/services/telefonservice.md", &planted);
    let footer = include_str!("../../themes/default/templates/item_footer.html");
    site.write(
        "themes/default/templates/item_footer.html",
        format!("{footer}{{% if extra.hinweis %}}<p>{{{{ extra.hinweis }}}}</p>{{% endif %}}\n"),
    );
    let run = site.run(&["build"]);
    run.expect_code(1);
    let error = run
        .stderr
        .lines()
        .find(|l| l.starts_with("error: text of"))
        .unwrap_or_else(|| panic!("no leak reported: {}", run.stderr));
    assert!(
        error.starts_with(
            "error: text of the audience block in service `telefonservice` hidden from audience `public` appears in "
        ) && error.contains("leistungen/telefonservice/index.html"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("--> content/services/telefonservice.md:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(
        output(&site.path().join("public")),
        before,
        "the previous output stays"
    );
    let check = site.run(&["check", "--audience", "public"]);
    check.expect_code(1);
    assert!(
        check
            .stderr
            .contains("hidden from audience `public` appears in ")
            && check
                .stderr
                .contains("leistungen/telefonservice/index.html"),
        "{}",
        check.stderr
    );
    // The audience that may read the block builds.
    site.run(&["build", "--audience", "internal", "--output", "all"])
        .expect_code(0);

    // Text of a hidden item in a theme template is found in every page it is on.
    site.write("content/services/telefonservice.md", &page);
    site.write(
        "themes/default/templates/item_footer.html",
        format!("{footer}<p>Wir teilen Ihnen danach einen Testeintrag im Passwortmanager.</p>\n"),
    );
    let run = site.run(&["build"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "error: text of the guide `neue-assistenz` hidden from audience `public` appears in "
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(" more"),
        "many files, the first named: {}",
        run.stderr
    );
}
