use std::fs;
use std::path::Path;

use serde_json::Value;
use vpagen::content::split;
use vpagen::diag::Sources;
use vpagen::kind::Kind;
use vpagen::reference::{Document, toml_to_json};

use crate::support::{SiteTest, fixture, repo_root};

/// The repository's schemas, as committed.
fn committed_schema(doc: Document) -> Value {
    let path = repo_root().join("docs/schema").join(doc.schema_file());
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("a JSON schema")
}

/// The errors of validating `instance` against the document's committed schema.
fn errors(doc: Document, instance: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(&committed_schema(doc)).expect("the schema compiles");
    validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// A TOML text as JSON, dates as strings.
fn toml_json(text: &str) -> Value {
    let table: toml::Table = toml::from_str(text).expect("TOML");
    toml_to_json(&toml::Value::Table(table))
}

#[test]
fn docs_reference_md_is_the_output_of_vpagen_reference() {
    let run = SiteTest::empty().run(&["reference"]);
    run.expect_code(0);
    let committed = fs::read_to_string(repo_root().join("docs/reference.md")).unwrap_or_default();
    assert!(
        run.stdout == committed,
        "docs/reference.md is not the output of `vpagen reference`; regenerate it with\n  \
         cargo run -- reference > docs/reference.md"
    );
}

#[test]
fn docs_schema_holds_the_output_of_vpagen_schema() {
    let site = SiteTest::empty();
    site.run(&["schema", "--out", "out"]).expect_code(0);
    let written: Vec<String> = fs::read_dir(site.path().join("out"))
        .expect("the folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written.len(), 8, "{written:?}");
    for doc in Document::all() {
        let name = doc.schema_file();
        let fresh = site.read(&format!("out/{name}"));
        let committed =
            fs::read_to_string(repo_root().join("docs/schema").join(&name)).unwrap_or_default();
        assert!(
            fresh == committed,
            "docs/schema/{name} is not the output of `vpagen schema`; regenerate the schemas \
             with\n  cargo run -- schema --out docs/schema"
        );
    }
}

#[test]
fn the_agency_fixture_is_valid_in_the_schemas() {
    let checked = assert_valid_in_the_schemas(&fixture("agency"));
    assert!(checked > 30, "only {checked} content files found");
}

/// Validates the site.toml and every content file of the site at `root` against the
/// committed schemas, failing with the errors of the first file that breaks them;
/// returns how many content files it checked.
pub(crate) fn assert_valid_in_the_schemas(root: &Path) -> usize {
    let site = fs::read_to_string(root.join("site.toml")).expect("site.toml");
    let found = errors(Document::Site, &toml_json(&site));
    assert!(found.is_empty(), "site.toml: {found:#?}");
    let mut checked = 0;
    for kind in Kind::ALL {
        let folder = root.join("content").join(kind.folder());
        if !folder.is_dir() {
            continue;
        }
        for entry in fs::read_dir(&folder).expect("content folder") {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let found = errors(Document::Content(kind), &front_matter(&path));
            assert!(found.is_empty(), "{}: {found:#?}", path.display());
            checked += 1;
        }
    }
    checked
}

/// The front matter of a content file as JSON.
fn front_matter(path: &Path) -> Value {
    let text = fs::read_to_string(path).expect("content file");
    let mut sources = Sources::new();
    let file = sources.add(path, text.clone());
    let parts = split(file, &text).expect("+++ fences");
    toml_json(&text[parts.front])
}

#[test]
fn the_schemas_reject_unknown_keys_and_values() {
    let rate = Document::Content(Kind::Rate);
    let good = toml_json(
        "title = \"T\"\nprice_basis = \"net\"\ncustomers = \"b2b\"\nvalid_from = 2025-01-01\n\
         [[packages]]\nid = \"m\"\nperiod = \"month\"\n[packages.rollover]\nmax_hours = 2\n",
    );
    assert_eq!(errors(rate, &good), Vec::<String>::new());
    for bad in [
        "price_basis = \"netto\"",
        "audience = \"b2b\"",
        "valid_from = \"soon\"",
        "billing_increment_min = \"15\"",
        "[[packages]]\nid = \"m\"\nperiod = \"yearly\"",
        "[[packages]]\nid = \"m\"\n[packages.rollover]\nmax_hourz = 2",
    ] {
        assert!(
            !errors(rate, &toml_json(bad)).is_empty(),
            "the rate schema accepts {bad:?}"
        );
    }
    let page = Document::Content(Kind::Page);
    assert!(!errors(page, &toml_json("title = \"T\"\nmenu = \"side\"")).is_empty());
    let site = toml_json(
        "title = \"T\"\nbase_url = \"https://example.com\"\ndefault_lang = \"de\"\n\
         [languages.de]\nname = \"Deutsch\"\n[agency]\nname = \"A\"\nstreet = \"S\"\n\
         postcode = \"1\"\ncity = \"C\"\nemail = \"a@b.de\"\nphone = \"1\"\n",
    );
    assert_eq!(errors(Document::Site, &site), Vec::<String>::new());
    let mut typo = site.clone();
    typo["agency"]["tax_mode"] = Value::from("kleinunternehmerin");
    assert!(!errors(Document::Site, &typo).is_empty());
    let mut missing = site;
    missing["agency"]
        .as_object_mut()
        .expect("a table")
        .remove("phone");
    assert!(
        !errors(Document::Site, &missing).is_empty(),
        "site.toml without agency.phone passes the schema"
    );
}

#[test]
fn reference_and_schema_print_one_type() {
    let site = SiteTest::empty();
    let run = site.run(&["reference", "rates"]);
    run.expect_code(0);
    assert!(run.stdout.starts_with("## rates\n"), "{}", run.stdout);
    assert!(
        run.stdout.contains("| `[packages.rollover]` |"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("## services"), "{}", run.stdout);
    let run = site.run(&["reference", "briefings"]);
    assert!(
        run.stdout.contains("| `personenbezogene-daten` |"),
        "{}",
        run.stdout
    );
    let run = site.run(&["schema", "pages"]);
    run.expect_code(0);
    let schema: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(schema["properties"]["menu"]["examples"][0], "main");
    // Without --out, printing all schemas at once would not be one JSON text.
    let run = site.run(&["schema"]);
    run.expect_code(2);
    assert!(run.stderr.contains("TYPE"), "{}", run.stderr);
    site.run(&["reference", "sites"]).expect_code(2);
}
