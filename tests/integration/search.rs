//! Search relevance on the golden corpus (`tests/fixtures/search-golden/`, a frozen
//! copy of the bundled example): a golden set of German and English
//! queries, each with the page expected in the top 3, run through the browser client
//! (`node tests/search/js-search.mjs`, which runs the build's copy of the client) on
//! the index files the build wrote. The client is the one scorer: there is no second
//! one in Rust. The browser test
//! `tests/browser/search-golden.test.mjs` runs the set through the client in Chromium
//! with the same rule.
//!
//! The set lives in `tests/search/golden.json`, an array of objects such as
//!
//! ```json
//! {"group": "filter", "lang": "de", "query": "Homeoffice", "type": "checklist", "expect": "/checklisten/ausstattung-homeoffice/"}
//! ```
//!
//! - `group`: what the query exercises (title, inflection, umlaut, compound, typo,
//!   prefix, synonym, filter), named in failure messages;
//! - `lang`: the index language (`de`, `en`);
//! - `query`: the text as a user types it;
//! - `type`: a type filter (a key of the manifest's `type_ranges`) or `null`;
//! - `expect`: the URL that must be among the first 3 results;
//! - `known_miss` (optional): why the query is known not to find `expect` in the top
//!   3 today, in one sentence.
//!
//! The set has at least [`MIN_QUERIES`] queries. Every query without `known_miss`
//! must find its page, and every query with `known_miss` must still miss it: one
//! that passes fails the test until its `known_miss` is removed, so the list stays
//! the true list of misses.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::support::{SiteTest, node, repo_root};

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
    known_miss: Option<String>,
}

impl Golden {
    /// The query for a failure message.
    fn describe(&self) -> String {
        format!(
            "[{}] {} {:?} {}: expected {}",
            self.group,
            self.lang,
            self.query,
            self.kind.as_deref().unwrap_or("no filter"),
            self.expect
        )
    }
}

/// The golden set, shared with the browser test.
fn golden() -> Vec<Golden> {
    let path = repo_root().join("tests/search/golden.json");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let set: Vec<Golden> =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()));
    for g in &set {
        if let Some(reason) = &g.known_miss {
            assert!(
                !reason.trim().is_empty(),
                "{}: \"known_miss\" must say why the query misses",
                g.describe()
            );
        }
    }
    set
}

/// The golden set must have at least this many queries.
const MIN_QUERIES: usize = 40;

/// A query for `tests/search/js-search.mjs`.
#[derive(Debug, Serialize)]
struct SearchQuery<'a> {
    lang: &'a str,
    query: &'a str,
    #[serde(rename = "type")]
    kind: Option<&'a str>,
    /// How many results to report.
    keep: usize,
}

/// One query's answer from `tests/search/js-search.mjs`: the first `keep` results.
#[derive(Debug, Deserialize)]
struct Answer {
    lang: String,
    query: String,
    top: Vec<String>,
    titles: Vec<String>,
    types: Vec<String>,
}

/// Runs `queries` through the search client on the build in `public` (in order).
fn search(public: &Path, queries: &[SearchQuery<'_>]) -> Vec<Answer> {
    let file = public.with_file_name("queries.json");
    std::fs::write(&file, serde_json::to_vec(queries).expect("queries as JSON"))
        .expect("write the queries");
    let stdout = node(
        "tests/search/js-search.mjs",
        [public, file.as_path()],
        "search test",
    );
    let answers: Vec<Answer> = serde_json::from_slice(&stdout).unwrap_or_else(|e| {
        panic!(
            "js-search.mjs printed no valid result list ({e}):\n{}",
            String::from_utf8_lossy(&stdout)
        )
    });
    assert_eq!(
        answers.len(),
        queries.len(),
        "js-search.mjs answered {} of {} queries",
        answers.len(),
        queries.len()
    );
    for (q, a) in queries.iter().zip(&answers) {
        assert_eq!(
            (a.lang.as_str(), a.query.as_str()),
            (q.lang, q.query),
            "js-search.mjs answered out of order"
        );
    }
    answers
}

/// The answer to one query of `lang`, with `keep` results.
fn search_one(public: &Path, lang: &str, query: &str, keep: usize) -> Answer {
    let q = SearchQuery {
        lang,
        query,
        kind: None,
        keep,
    };
    search(public, &[q]).remove(0)
}

/// The golden corpus (`tests/fixtures/search-golden/`, a frozen copy of the bundled
/// example, so that the example can change without moving the golden set) built for
/// the audience that sees everything (the golden set includes onboarding pages).
fn example() -> SiteTest {
    let site = SiteTest::fixture("search-golden");
    site.run(&["build", "--quiet", "--audience", "internal"])
        .expect_code(0);
    site
}

#[test]
fn golden_queries_find_the_expected_page_in_the_top_3() {
    let site = example();
    let golden = golden();
    assert!(
        golden.len() >= MIN_QUERIES,
        "golden set has {} queries",
        golden.len()
    );
    let queries: Vec<SearchQuery<'_>> = golden
        .iter()
        .map(|g| SearchQuery {
            lang: &g.lang,
            query: &g.query,
            kind: g.kind.as_deref(),
            keep: 3,
        })
        .collect();
    let answers = search(&site.path().join("public"), &queries);
    let mut failures = Vec::new();
    for (g, a) in golden.iter().zip(&answers) {
        let found = a.top.contains(&g.expect);
        match (&g.known_miss, found) {
            (None, false) => failures.push(format!("{}: got {:?}", g.describe(), a.top)),
            (Some(_), true) => failures.push(format!(
                "{}: passes now, remove its \"known_miss\"",
                g.describe()
            )),
            _ => {}
        }
    }
    let misses = golden.iter().filter(|g| g.known_miss.is_some()).count();
    eprintln!(
        "golden set: {} queries, {misses} known misses, {} failures",
        golden.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "golden queries that do not behave as tests/search/golden.json says:\n{}",
        failures.join("\n")
    );
}

#[test]
fn a_title_that_is_the_query_ranks_first() {
    let site = example();
    // Both "Telefonservice" and "Einrichtung Telefonservice" name the query; only
    // the first is nothing but the query.
    let answer = search_one(&site.path().join("public"), "de", "Telefonservice", 2);
    assert_eq!(
        answer.titles,
        ["Telefonservice", "Einrichtung Telefonservice"]
    );
}

#[test]
fn index_files_stay_within_the_budgets() {
    let site = SiteTest::fixture("search-golden");
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

/// Type folder, the table probed (`""` for the front matter itself), the fixture file,
/// and the TOML that opens that table, for [`accepted_keys`].
const PROBES: &[(&str, &str, &str, &str)] = &[
    ("services", "", "services/terminverwaltung.md", ""),
    (
        "services",
        "turnaround",
        "services/terminverwaltung.md",
        "[turnaround]\n",
    ),
    (
        "services",
        "skills",
        "services/terminverwaltung.md",
        "[[skills]]\n",
    ),
    ("skills", "", "skills/organisation.md", ""),
    ("checklists", "", "checklists/ausstattung.md", ""),
    (
        "checklists",
        "items",
        "checklists/ausstattung.md",
        "[[items]]\n",
    ),
    ("rates", "", "rates/preise.md", ""),
    ("rates", "areas", "rates/preise.md", "[[areas]]\n"),
    ("rates", "packages", "rates/preise.md", "[[packages]]\n"),
    (
        "rates",
        "packages.rollover",
        "rates/preise.md",
        "[packages.rollover]\n",
    ),
    ("rates", "surcharges", "rates/preise.md", "[[surcharges]]\n"),
    ("rates", "units", "rates/preise.md", "[[units]]\n"),
    ("briefings", "", "briefings/auftrag.md", ""),
    (
        "briefings",
        "fields",
        "briefings/auftrag.md",
        "[[fields]]\n",
    ),
    ("guides", "", "guides/einarbeitung.md", ""),
    ("guides", "steps", "guides/einarbeitung.md", "[[steps]]\n"),
    (
        "guides",
        "steps.quiz",
        "guides/einarbeitung.md",
        "[[steps.quiz]]\n",
    ),
    ("pages", "", "pages/start.md", ""),
];

/// The keys the binary accepts in one table: an unknown key there is an error whose
/// help lists them.
fn accepted_keys(site: &SiteTest, file: &str, open: &str) -> Vec<String> {
    let rel = format!("content/{file}");
    let original = site.read(&rel);
    let probe = if open.is_empty() {
        original.replacen("+++\n", "+++\nzzunknown = 1\n", 1)
    } else {
        let end = original.rfind("+++").expect("front matter ends");
        format!(
            "{}{open}zzunknown = 1\n{}",
            &original[..end],
            &original[end..]
        )
    };
    site.write(&rel, probe);
    let run = site.run(&["check"]);
    site.write(&rel, original);
    let help = run
        .stderr
        .lines()
        .find_map(|l| {
            l.split_once("allowed keys here: ")
                .map(|(_, keys)| keys.to_owned())
        })
        .unwrap_or_else(|| panic!("no list of allowed keys for {file} {open}:\n{}", run.stderr));
    help.split(", ")
        .map(|k| k.trim_matches('`').to_owned())
        .collect()
}

#[test]
fn every_front_matter_key_is_indexed_or_excluded_with_a_reason() {
    use vpagen::search::fields::{COVERAGE, Coverage};
    let site = SiteTest::fixture("search-fields");
    let covered = |ty: &str, key: &str| {
        COVERAGE
            .iter()
            .find(|(t, k, _)| (*t == ty || *t == "*") && *k == key)
            .map(|(_, _, c)| *c)
    };
    let mut problems = Vec::new();
    let mut accepted = std::collections::BTreeSet::new();
    for (ty, table, file, open) in PROBES {
        for key in accepted_keys(&site, file, open) {
            let path = if table.is_empty() {
                key
            } else {
                format!("{table}.{key}")
            };
            accepted.insert((*ty, path.clone()));
            match covered(ty, &path) {
                None => problems.push(format!(
                    "{ty}: `{path}` is missing from search::fields::COVERAGE"
                )),
                Some(Coverage::Excluded(reason)) if reason.trim().is_empty() => {
                    problems.push(format!("{ty}: `{path}` is excluded without a reason"));
                }
                Some(_) => {}
            }
        }
    }
    let types: Vec<&str> = PROBES.iter().map(|p| p.0).collect();
    for (ty, key, _) in COVERAGE {
        for ty in types.iter().filter(|t| *ty == "*" || *t == ty) {
            if !accepted.contains(&(*ty, (*key).to_owned())) {
                problems.push(format!(
                    "{ty}: `{key}` is in COVERAGE but no key vpagen accepts"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // Every indexed key finds its page by a word planted in it.
    site.run(&["build", "--quiet"]).expect_code(0);
    let mut probes = Vec::new();
    for (ty, key, coverage) in COVERAGE {
        if matches!(coverage, Coverage::Excluded(_)) {
            continue;
        }
        for ty in types.iter().filter(|t| *ty == "*" || *t == ty) {
            let marker = match (*ty, *key) {
                ("services", "category") => "zqcategorytitle".to_owned(),
                ("services", "skills.id") => "zqskillstitle".to_owned(),
                _ => format!("zq{ty}{}", key.replace(['.', '_'], "")),
            };
            probes.push((*ty, *key, marker));
        }
    }
    let queries: Vec<SearchQuery<'_>> = probes
        .iter()
        .map(|(_, _, marker)| SearchQuery {
            lang: "de",
            query: marker,
            kind: None,
            keep: 50,
        })
        .collect();
    let answers = search(&site.path().join("public"), &queries);
    for ((ty, key, marker), answer) in probes.iter().zip(&answers) {
        let kind = ty.trim_end_matches('s');
        if !answer.types.iter().any(|t| t == kind) {
            problems.push(format!(
                "{ty}: `{key}` is indexed, but `{marker}` finds no {kind}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_word_only_in_the_summary_finds_the_page_above_one_only_in_the_body() {
    let site = SiteTest::fixture("minimal");
    let service = site.read("content/services/terminverwaltung.md");
    site.write(
        "content/services/terminverwaltung.md",
        service.replacen(
            "erinnern rechtzeitig.",
            "erinnern rechtzeitig an Rückrufwünsche.",
            1,
        ),
    );
    let rate = site.read("content/rates/preise.md");
    site.write(
        "content/rates/preise.md",
        format!("{rate}\nRückrufwünsche rechnen wir wie jede andere Aufgabe ab.\n"),
    );
    site.run(&["build", "--quiet"]).expect_code(0);
    let answer = search_one(&site.path().join("public"), "de", "Rückrufwünsche", 50);
    let kinds: Vec<&str> = answer.types.iter().map(String::as_str).collect();
    assert_eq!(
        kinds.first(),
        Some(&"service"),
        "summary before body: {kinds:?}"
    );
    assert!(kinds.contains(&"rate"), "the body still counts: {kinds:?}");
}
