//! Search relevance on the bundled example: a golden set of German and English
//! queries, each with the page expected in the top 3, run through the Rust reference
//! scorer on the index files the build wrote. The browser test
//! `tests/browser/search-golden.test.mjs` runs the same set through the JS client
//! with the same thresholds.
//!
//! The set lives in `tests/search/golden.json`, an array of objects such as
//!
//! ```json
//! {"group": "filter", "lang": "de", "query": "Homeoffice", "type": "checklist", "expect": "/checklisten/ausstattung-homeoffice/"}
//! ```
//!
//! - `group`: what the query exercises (title, inflection, umlaut, compound, typo,
//!   prefix, synonym, filter); the report counts passes per group;
//! - `lang`: the index language (`de`, `en`);
//! - `query`: the text as a user types it;
//! - `type`: a type filter (a key of the manifest's `type_ranges`) or `null`;
//! - `expect`: the URL that must be among the first 3 results.
//!
//! At least [`MIN_QUERIES`] queries, at least 90 % of them passing, and every query
//! of the groups in [`STRICT`].

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use vpagen::search::Index;

use crate::support::{SiteTest, repo_root};

/// One golden query (an entry of `tests/search/golden.json`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Golden {
    group: String,
    lang: String,
    query: String,
    #[serde(rename = "type")]
    kind: Option<String>,
    expect: String,
}

/// The golden set, shared with the browser test.
fn golden() -> Vec<Golden> {
    let path = repo_root().join("tests/search/golden.json");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()))
}

/// The golden set must have at least this many queries.
const MIN_QUERIES: usize = 40;

/// Groups that must pass completely.
const STRICT: &[&str] = &["umlaut", "inflection", "filter"];

fn example_index() -> (SiteTest, Index) {
    let site = SiteTest::example();
    // The audience that sees everything: the golden set includes onboarding pages.
    site.run(&["build", "--quiet", "--audience", "internal"])
        .expect_code(0);
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
    let golden = golden();
    assert!(
        golden.len() >= MIN_QUERIES,
        "golden set has {} queries",
        golden.len()
    );
    let mut failures = Vec::new();
    let mut per_group: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for Golden {
        group,
        lang,
        query,
        kind,
        expect,
    } in &golden
    {
        let hits = index.search(lang, query, kind.as_deref());
        let top: Vec<&str> = hits.iter().take(3).map(|h| h.url.as_str()).collect();
        let entry = per_group.entry(group).or_default();
        entry.1 += 1;
        if top.contains(&expect.as_str()) {
            entry.0 += 1;
        } else {
            failures.push(format!(
                "[{group}] {lang} {query:?} {kind:?}: expected {expect}, got {top:?}"
            ));
        }
    }
    let passed = golden.len() - failures.len();
    eprintln!(
        "golden set: {passed}/{} passed; per group: {per_group:?}",
        golden.len()
    );
    for f in &failures {
        eprintln!("  {f}");
    }
    assert!(
        passed * 10 >= golden.len() * 9,
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
fn a_title_that_is_the_query_ranks_first() {
    let (_site, index) = example_index();
    // Both "Telefonservice" and "Einrichtung Telefonservice" name the query; only
    // the first is nothing but the query.
    let hits = index.search("de", "Telefonservice", None);
    let top: Vec<&str> = hits.iter().take(2).map(|h| h.title.as_str()).collect();
    assert_eq!(top, ["Telefonservice", "Einrichtung Telefonservice"]);
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
