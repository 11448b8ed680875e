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
//!
//! Beside the relevance: the index files stay within their size budgets, every
//! front-matter key is indexed or excluded with a reason, and the whole index of
//! `tests/fixtures/search-index` (manifest, term shards, doc chunks, excerpts, all
//! decoded) matches the snapshot `snapshots/integration__search__index.snap`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Read as _;
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
    /// "Did you mean": the word offered for each query word fixed as a typo.
    words: Vec<Option<String>>,
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
fn did_you_mean_offers_a_word_of_the_text_not_a_stem() {
    // The text spells it "Scheinselbstständigkeit", whose term is the stem
    // "scheinselbststand"; a query without the second "st" is a typo of it.
    let site = example();
    let answer = search_one(
        &site.path().join("public"),
        "de",
        "Scheinselbständigkeit",
        3,
    );
    assert_eq!(answer.words, [Some("scheinselbstständigkeit".to_owned())]);
    assert!(
        answer.top.iter().any(|u| u.contains("selbststaendig")),
        "{:?}",
        answer.top
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

/// The files of the index under `public/_search`, each as text: the manifest as
/// pretty JSON, every term shard as one line per term with its postings, every doc
/// chunk and excerpt bundle as one line of JSON per document. Files come in the
/// manifest's order (language, shards, chunks, excerpts); every file the build wrote
/// must be one the manifest names.
fn index_as_text(search: &Path) -> String {
    let manifests: Vec<String> = std::fs::read_dir(search)
        .expect("read _search")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("manifest."))
        .collect();
    let [manifest_name] = manifests.as_slice() else {
        panic!("one manifest expected, found {manifests:?}");
    };
    let manifest: serde_json::Value =
        serde_json::from_slice(&read_index_file(search, manifest_name)).expect("manifest is JSON");
    let mut named = BTreeSet::from([manifest_name.clone()]);
    let mut out = String::new();
    let pretty = serde_json::to_string_pretty(&manifest).expect("pretty JSON");
    let _ = writeln!(out, "== {manifest_name}\n{pretty}");
    for (lang, index) in manifest["languages"].as_object().expect("languages") {
        for shard in index["shards"].as_array().expect("shards") {
            let path = shard[1].as_str().expect("shard path");
            let first = shard[0].as_str().expect("first term");
            shard_as_text(search, lang, path, first, &mut out);
            named.insert(path.to_owned());
        }
        for (key, size, what) in [
            ("chunks", "chunk_size", "doc chunk"),
            ("excerpts", "excerpt_size", "excerpt bundle"),
        ] {
            let dir = index[key]["dir"].as_str().expect("dir");
            let size = index[size].as_u64().expect("size");
            for n in 0..index[key]["count"].as_u64().expect("count") {
                let path = format!("{dir}/{n}.bin");
                let _ = writeln!(out, "\n== {path}: {lang} {what} {n}");
                for (doc, entry) in (n * size..).zip(json_bundle(search, &path)) {
                    let _ = writeln!(out, "doc {doc}: {entry}");
                }
                named.insert(path);
            }
        }
        words_as_text(search, lang, index, &mut out, &mut named);
    }
    let written: BTreeSet<String> = walkdir::WalkDir::new(search)
        .into_iter()
        .map(|e| e.expect("walk _search"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(search).expect("inside");
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect();
    assert_eq!(written, named, "files under _search against the manifest");
    out
}

/// Appends the term shard at `path` (of `lang`, whose manifest entry says it starts
/// with `first`) to `out`: a header, then one line per term with its postings.
fn shard_as_text(search: &Path, lang: &str, path: &str, first: &str, out: &mut String) {
    let terms = vpagen::search::decode_shard(&read_index_file(search, path));
    assert_eq!(
        terms.keys().next().map(String::as_str),
        Some(first),
        "{path}: first term"
    );
    let _ = writeln!(out, "\n== {path}: {lang} term shard, {} terms", terms.len());
    for (term, postings) in &terms {
        let list: Vec<String> = postings
            .iter()
            .map(|&(doc, byte)| posting(doc, byte))
            .collect();
        let _ = writeln!(out, "{term}: {}", list.join(", "));
    }
}

/// Appends the words files of `lang` (one per shard, SEARCH.md) to `out`: one line per
/// term that has a word other than itself, `term → word`.
fn words_as_text(
    search: &Path,
    lang: &str,
    index: &serde_json::Value,
    out: &mut String,
    named: &mut BTreeSet<String>,
) {
    let dir = index["words"]["dir"].as_str().expect("words dir");
    let shards = index["shards"].as_array().expect("shards");
    assert_eq!(index["words"]["count"].as_u64(), Some(shards.len() as u64));
    for (n, shard) in shards.iter().enumerate() {
        let path = format!("{dir}/{n}.bin");
        let terms = vpagen::search::decode_shard(&read_index_file(
            search,
            shard[1].as_str().expect("path"),
        ));
        let mut text = String::new();
        flate2::read::GzDecoder::new(read_index_file(search, &path).as_slice())
            .read_to_string(&mut text)
            .unwrap_or_else(|e| panic!("gunzip {path}: {e}"));
        let lines: Vec<&str> = text.split('\n').collect();
        assert_eq!(
            lines.len(),
            terms.len(),
            "{path}: one line per term of its shard"
        );
        let _ = writeln!(out, "\n== {path}: {lang} words of shard {n}");
        for (term, word) in terms.keys().zip(lines) {
            if !word.is_empty() {
                let _ = writeln!(out, "{term} → {word}");
            }
        }
        named.insert(path);
    }
}

/// The entries of a doc chunk or excerpt bundle (gzip of a JSON array).
fn json_bundle(search: &Path, path: &str) -> Vec<serde_json::Value> {
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(read_index_file(search, path).as_slice())
        .read_to_end(&mut json)
        .unwrap_or_else(|e| panic!("gunzip {path}: {e}"));
    serde_json::from_slice(&json).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A file of the index, by its path relative to `_search/`.
fn read_index_file(search: &Path, path: &str) -> Vec<u8> {
    std::fs::read(search.join(path)).unwrap_or_else(|e| panic!("read _search/{path}: {e}"))
}

/// One posting as text: doc id, the fields (title, meta, body), the term frequency,
/// and `part` for a compound part, e.g. `3 (title+body tf 2)`.
fn posting(doc: usize, byte: u8) -> String {
    let fields: Vec<&str> = [(1, "title"), (2, "meta"), (4, "body")]
        .into_iter()
        .filter(|(bit, _)| byte & bit != 0)
        .map(|(_, name)| name)
        .collect();
    let part = if byte & 8 == 0 { "" } else { " part" };
    format!("{doc} ({} tf {}{part})", fields.join("+"), byte >> 4)
}

#[test]
fn the_whole_index_of_a_small_site_is_as_snapshotted() {
    // A German and English site with a compound, umlauts and a synonym group; the
    // snapshot shows any change to what the index holds or how it is laid out.
    let site = SiteTest::fixture("search-index");
    site.run(&["build", "--quiet"]).expect_code(0);
    let text = index_as_text(&site.path().join("public/_search"));
    let mut settings = insta::Settings::clone_current();
    // File names carry hashes: the manifest's of vpagen's version among others, the
    // data files' of their gzip bytes. What they name is in the snapshot itself.
    settings.add_filter(r"\b[0-9a-f]{16}\b", "<hash>");
    settings.bind(|| insta::assert_snapshot!("index", text));
}
