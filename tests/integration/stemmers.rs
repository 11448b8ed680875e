//! Parity of the browser stemmers (`themes/default/static/js/stem-{de,en}.js`) with
//! `rust-stemmers`, which builds the search index: a query must stem in the browser
//! exactly as the indexed text was stemmed.
//!
//! `node tests/stemmers/compare.mjs` stems every word of `tests/stemmers/<lang>-*.txt`
//! (regenerate with `node tests/stemmers/gen-words.mjs`) and of `content/**/*.md` with
//! the JS stemmers and prints `<lang>\t<word>\t<stem>`; this test stems each word again
//! with `rust-stemmers` and requires the same stem. Node.js is required.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use rust_stemmers::{Algorithm, Stemmer};

use crate::support::{node, repo_root};

/// Each language must be checked on at least this many distinct words.
const MIN_WORDS: usize = 2_000;

/// How many differences to print.
const SHOW: usize = 40;

#[test]
fn js_stemmers_match_rust_stemmers() {
    let root = repo_root();
    let output = node(
        "tests/stemmers/compare.mjs",
        std::iter::empty::<&str>(),
        "stemmer parity test",
    );
    let stdout = String::from_utf8(output).expect("compare.mjs prints UTF-8");

    // The words the JS side stemmed, per language.
    let mut js: BTreeMap<&str, BTreeMap<&str, &str>> = BTreeMap::new();
    for line in stdout.lines() {
        let mut parts = line.split('\t');
        let (Some(lang), Some(word), Some(stem), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            panic!("compare.mjs printed a malformed line: {line:?}");
        };
        js.entry(lang).or_default().insert(word, stem);
    }

    // Every committed word must have been stemmed by the JS side.
    let dir = root.join("tests/stemmers");
    let mut lists: Vec<_> = fs::read_dir(&dir)
        .expect("read tests/stemmers")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| Path::new(name).extension().is_some_and(|ext| ext == "txt"))
        .collect();
    lists.sort();
    for name in &lists {
        let lang = name.split('-').next().unwrap_or_default();
        let text = fs::read_to_string(dir.join(name)).expect("read word list");
        for word in text.lines().filter(|w| !w.is_empty()) {
            assert!(
                js.get(lang).is_some_and(|m| m.contains_key(word)),
                "compare.mjs did not stem {word:?} of {name}"
            );
        }
    }

    let mut report = Vec::new();
    let mut differences = 0;
    for (lang, algorithm) in [("de", Algorithm::German), ("en", Algorithm::English)] {
        let stemmer = Stemmer::create(algorithm);
        let words = js.get(lang).map(BTreeMap::len).unwrap_or_default();
        let mut diff_here = 0;
        for (word, js_stem) in js.get(lang).into_iter().flatten() {
            let rust_stem = stemmer.stem(word);
            if rust_stem != *js_stem {
                diff_here += 1;
                if differences + diff_here <= SHOW {
                    report.push(format!(
                        "  {lang} {word:?}: rust-stemmers {rust_stem:?}, JS {js_stem:?}"
                    ));
                }
            }
        }
        eprintln!("stemmers: {lang}: {words} words compared, {diff_here} differences");
        assert!(
            words >= MIN_WORDS,
            "only {words} {lang} words compared; the lists should hold at least {MIN_WORDS}"
        );
        differences += diff_here;
    }
    assert!(
        differences == 0,
        "{differences} words stem differently in JS and rust-stemmers; the first ones:\n{}",
        report.join("\n")
    );
}
