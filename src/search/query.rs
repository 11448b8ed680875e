//! The reference scorer: reads the index files exactly as the browser client does
//! and ranks documents for a query (BM25F over the posting byte, AND then OR, prefix
//! on the last term, synonyms, ae/oe/ue retry, typo tolerance). The golden-query tests
//! run through it; the JS client must agree with it.

use std::collections::{BTreeMap, HashMap};
use std::io::Read as _;

use flate2::read::GzDecoder;
use serde_json::Value;

use super::analyze::Analyzer;

/// Match kinds and their score factors (SEARCH.md).
const EXACT: f64 = 1.0;
const SYNONYM: f64 = 0.8;
const PREFIX: f64 = 0.6;
const COMPOUND: f64 = 0.5;
const TYPO: f64 = 0.4;
/// How many prefix matches of an umlaut variant of the last word count (as the client).
const UMLAUT_PREFIXES: usize = 10;
/// Boost of a document whose title holds every query word (as a word start).
const TITLE_MATCH: f64 = 2.0;
/// Further boost when the title has no other words: it is the query.
const TITLE_EXACT: f64 = 1.5;

/// A search index read from its files.
pub struct Index {
    manifest: Value,
    files: HashMap<String, Vec<u8>>,
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Doc id.
    pub doc: usize,
    /// Page URL.
    pub url: String,
    /// Page title.
    pub title: String,
    /// Content type.
    pub kind: String,
    /// Score.
    pub score: f64,
}

/// Decoded postings of one term.
type Postings = Vec<(usize, u8)>;

impl Index {
    /// Reads an index from `files` (path under `_search/` → bytes) and its manifest.
    pub fn new(manifest_path: &str, files: HashMap<String, Vec<u8>>) -> Option<Index> {
        let manifest = serde_json::from_slice(files.get(manifest_path)?).ok()?;
        Some(Index { manifest, files })
    }

    fn lang(&self, lang: &str) -> Option<&Value> {
        self.manifest.get("languages")?.get(lang)
    }

    fn file(&self, rel: &str) -> Option<&Vec<u8>> {
        self.files.get(&format!("_search/{rel}"))
    }

    /// All terms of the shard that would hold `term`.
    fn shard_for(&self, lang: &str, term: &str) -> BTreeMap<String, Postings> {
        let Some(shards) = self
            .lang(lang)
            .and_then(|l| l.get("shards"))
            .and_then(Value::as_array)
        else {
            return BTreeMap::new();
        };
        let firsts: Vec<&str> = shards
            .iter()
            .filter_map(|s| s.get(0).and_then(Value::as_str))
            .collect();
        let at = firsts.partition_point(|f| *f <= term).saturating_sub(1);
        shards
            .get(at)
            .and_then(|s| s.get(1))
            .and_then(Value::as_str)
            .and_then(|f| self.file(f))
            .map(|gz| decode_shard(gz))
            .unwrap_or_default()
    }

    /// Every term starting with `prefix`, from all the shards that may hold one (the
    /// shard of `prefix` and the following ones whose first term has the prefix).
    fn prefixed(&self, lang: &str, prefix: &str) -> BTreeMap<String, Postings> {
        let mut out = BTreeMap::new();
        let Some(shards) = self
            .lang(lang)
            .and_then(|l| l.get("shards"))
            .and_then(Value::as_array)
        else {
            return out;
        };
        let firsts: Vec<&str> = shards
            .iter()
            .filter_map(|s| s.get(0).and_then(Value::as_str))
            .collect();
        let start = firsts.partition_point(|f| *f <= prefix).saturating_sub(1);
        for (i, shard) in shards.iter().enumerate().skip(start) {
            if i > start && !firsts.get(i).is_some_and(|f| f.starts_with(prefix)) {
                break;
            }
            let Some(gz) = shard
                .get(1)
                .and_then(Value::as_str)
                .and_then(|f| self.file(f))
            else {
                continue;
            };
            out.extend(
                decode_shard(gz)
                    .into_iter()
                    .filter(|(t, _)| t.starts_with(prefix)),
            );
        }
        out
    }

    /// Ranks the documents of `lang` for `query`, optionally only of type `kind`.
    pub fn search(&self, lang: &str, query: &str, kind: Option<&str>) -> Vec<Hit> {
        let Some(meta) = self.lang(lang) else {
            return Vec::new();
        };
        let n = meta.get("docs").and_then(Value::as_f64).unwrap_or(0.0);
        let avgdl = meta
            .get("avgdl")
            .and_then(Value::as_f64)
            .unwrap_or(1.0)
            .max(1.0);
        let mut analyzer = Analyzer::new(lang);
        let tokens = query_tokens(&mut analyzer, lang, query);
        let words = super::analyze::words(query);
        let lens = self.doc_lengths(lang);
        let range = kind.and_then(|k| {
            meta.get("type_ranges")?
                .get(k)?
                .as_array()
                .map(|r| (r[0].as_u64().unwrap_or(0), r[1].as_u64().unwrap_or(0)))
        });
        let mut per_term: Vec<HashMap<usize, f64>> = Vec::new();
        for (i, (raw, term)) in tokens.iter().enumerate() {
            let last = i + 1 == tokens.len();
            let mut scores: HashMap<usize, f64> = HashMap::new();
            let add = |postings: &Postings, factor: f64, scores: &mut HashMap<usize, f64>| {
                #[allow(clippy::cast_precision_loss)]
                let df = postings.len() as f64;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                for &(doc, byte) in postings {
                    let tf = f64::from(byte >> 4);
                    let w = if byte & 1 != 0 {
                        5.0
                    } else if byte & 2 != 0 {
                        3.0
                    } else {
                        1.0
                    };
                    let compound = if byte & 8 != 0 { COMPOUND } else { 1.0 };
                    #[allow(clippy::cast_precision_loss)]
                    let dl = lens.get(doc).copied().unwrap_or(0) as f64;
                    let s = idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * dl / avgdl))
                        * w
                        * factor
                        * compound;
                    let e = scores.entry(doc).or_insert(0.0);
                    *e = e.max(s);
                }
            };
            let shard = self.shard_for(lang, term);
            if let Some(p) = shard.get(term) {
                add(p, EXACT, &mut scores);
            }
            if last {
                for (t, p) in self.prefixed(lang, term) {
                    if t != *term {
                        add(&p, PREFIX, &mut scores);
                    }
                }
            }
            for synonym in self.synonyms_of(term, &mut analyzer) {
                if let Some(p) = self.shard_for(lang, &synonym).get(&synonym) {
                    add(p, SYNONYM, &mut scores);
                }
            }
            // Nothing found, and the word has ae/oe/ue: retry with them read as ä/ö/ü,
            // the word as it is typed (the last one also as a prefix).
            if scores.is_empty() {
                for variant in umlaut_variants(raw) {
                    let t = analyzer.term(&variant).to_string();
                    if let Some(p) = self.shard_for(lang, &t).get(&t) {
                        add(p, EXACT, &mut scores);
                    }
                    if last {
                        let mut more: Vec<Postings> = self
                            .prefixed(lang, &t)
                            .into_iter()
                            .filter(|(other, _)| *other != t)
                            .map(|(_, p)| p)
                            .collect();
                        // The most frequent ones, as the client (stable: ties in term order).
                        more.sort_by_key(|p| std::cmp::Reverse(p.len()));
                        for p in more.iter().take(UMLAUT_PREFIXES) {
                            add(p, PREFIX, &mut scores);
                        }
                    }
                }
            }
            if scores.len() < 3 {
                let max = if term.chars().count() >= 8 { 2 } else { 1 };
                if term.chars().count() >= 4 {
                    for (t, p) in &shard {
                        if t != term && strsim::damerau_levenshtein(t, term) <= max {
                            add(p, TYPO, &mut scores);
                        }
                    }
                }
            }
            per_term.push(scores);
        }
        let combine = |and: bool| -> HashMap<usize, f64> {
            let mut total: HashMap<usize, f64> = HashMap::new();
            for scores in &per_term {
                for (&doc, &s) in scores {
                    if and && per_term.iter().any(|o| !o.contains_key(&doc)) {
                        continue;
                    }
                    *total.entry(doc).or_insert(0.0) += s;
                }
            }
            total
        };
        let mut total = combine(true);
        if total.is_empty() {
            total = combine(false);
        }
        let query_words: Vec<String> = words.iter().map(|w| super::analyze::fold(w)).collect();
        let mut hits: Vec<Hit> = total
            .into_iter()
            .filter(|(doc, _)| range.is_none_or(|(a, b)| (*doc as u64) >= a && (*doc as u64) < b))
            .filter_map(|(doc, score)| {
                let d = self.doc(lang, doc)?;
                let title = str_of(&d, "title");
                // Every query word starts a word of the title: the title names it.
                let title_words: Vec<String> = super::analyze::words(&title)
                    .iter()
                    .map(|w| super::analyze::fold(w))
                    .collect();
                let named = !query_words.is_empty()
                    && query_words
                        .iter()
                        .all(|q| title_words.iter().any(|t| t.starts_with(q.as_str())));
                let exact = named
                    && title_words
                        .iter()
                        .all(|t| query_words.iter().any(|q| t.starts_with(q.as_str())));
                let score = match (named, exact) {
                    (true, true) => score * TITLE_MATCH * TITLE_EXACT,
                    (true, false) => score * TITLE_MATCH,
                    _ => score,
                };
                Some(Hit {
                    doc,
                    url: str_of(&d, "url"),
                    title,
                    kind: str_of(&d, "type"),
                    score,
                })
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
        hits
    }

    /// The analysed terms of the other phrases of every synonym group `term` is in.
    fn synonyms_of(&self, term: &str, analyzer: &mut Analyzer) -> Vec<String> {
        let Some(groups) = self.manifest.get("synonyms").and_then(Value::as_array) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for group in groups.iter().filter_map(Value::as_array) {
            let phrases: Vec<Vec<String>> = group
                .iter()
                .filter_map(Value::as_str)
                .map(|p| analyzer.terms(p, true))
                .collect();
            if phrases.iter().any(|p| p.len() == 1 && p[0] == term) {
                out.extend(
                    phrases
                        .into_iter()
                        .filter(|p| p.len() == 1 && p[0] != term)
                        .flatten(),
                );
            }
        }
        out
    }

    fn doc(&self, lang: &str, doc: usize) -> Option<Value> {
        let meta = self.lang(lang)?;
        let size = usize::try_from(meta.get("chunk_size")?.as_u64()?).ok()?;
        let name = chunk_name(meta.get("chunks")?, doc / size)?;
        let chunk: Value = serde_json::from_slice(&gunzip(self.file(&name)?)).ok()?;
        chunk.get(doc % size).cloned()
    }

    fn doc_lengths(&self, lang: &str) -> Vec<usize> {
        let Some(chunks) = self.lang(lang).and_then(|m| m.get("chunks")) else {
            return Vec::new();
        };
        let count = chunks.get("count").and_then(Value::as_u64).unwrap_or(0);
        let mut out = Vec::new();
        for n in 0..usize::try_from(count).unwrap_or(0) {
            let Some(name) = chunk_name(chunks, n) else {
                continue;
            };
            if let Some(Value::Array(docs)) = self
                .file(&name)
                .and_then(|b| serde_json::from_slice(&gunzip(b)).ok())
            {
                out.extend(docs.iter().map(|d| {
                    usize::try_from(d.get("len").and_then(Value::as_u64).unwrap_or(0)).unwrap_or(0)
                }));
            }
        }
        out
    }
}

/// The words of a query with their terms: stopwords dropped unless nothing else is
/// left, words without a term (marks alone) dropped.
fn query_tokens(analyzer: &mut Analyzer, lang: &str, query: &str) -> Vec<(String, String)> {
    let all: Vec<(String, String)> = super::analyze::words(query)
        .into_iter()
        .filter(|w| w.len() <= super::analyze::MAX_WORD_BYTES)
        .map(|w| {
            let t = analyzer.term(&w).to_string();
            (w, t)
        })
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let stopwords = super::analyze::stopwords(lang);
    let kept: Vec<(String, String)> = all
        .iter()
        .filter(|(w, _)| !stopwords.contains(&w.as_str()))
        .cloned()
        .collect();
    if kept.is_empty() { all } else { kept }
}

/// A query word with ae, oe, ue read as ä, ö, ü: all of them at once, then each
/// alone; at most 6, as the client's `umlautVariants`.
fn umlaut_variants(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let all = word
        .replace("ae", "ä")
        .replace("oe", "ö")
        .replace("ue", "ü");
    if all != word {
        out.push(all);
    }
    for (pair, umlaut) in [("ae", "ä"), ("oe", "ö"), ("ue", "ü")] {
        let mut from = 0;
        while let Some(at) = word[from..].find(pair).map(|i| i + from) {
            let variant = format!("{}{umlaut}{}", &word[..at], &word[at + 2..]);
            if !out.contains(&variant) {
                out.push(variant);
            }
            from = at + 1;
        }
    }
    out.truncate(6);
    out
}

fn str_of(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn read_varint(bytes: &[u8], pos: &mut usize) -> usize {
    let mut n = 0;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*pos) {
        *pos += 1;
        if shift < usize::BITS {
            n |= usize::from(b & 0x7f) << shift;
        }
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    n
}

/// `<dir>/<n>.bin` of a numbered set (`{"dir", "count"}`).
fn chunk_name(set: &Value, n: usize) -> Option<String> {
    let count = usize::try_from(set.get("count")?.as_u64()?).ok()?;
    (n < count).then(|| {
        format!(
            "{}/{n}.bin",
            set.get("dir").and_then(Value::as_str).unwrap_or_default()
        )
    })
}

fn gunzip(gz: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::new();
    if GzDecoder::new(gz).read_to_end(&mut bytes).is_err() {
        bytes.clear();
    }
    bytes
}

/// Decodes a gzipped term shard into term → postings (format `VPS2`, see
/// `themes/default/SEARCH.md`).
pub fn decode_shard(gz: &[u8]) -> BTreeMap<String, Postings> {
    let mut bytes = Vec::new();
    if GzDecoder::new(gz).read_to_end(&mut bytes).is_err() || !bytes.starts_with(b"VPS2") {
        return BTreeMap::new();
    }
    let mut pos = 4;
    let count = read_varint(&bytes, &mut pos);
    let mut terms: Vec<(String, Vec<usize>)> = Vec::new();
    let mut prev: Vec<u8> = Vec::new();
    for _ in 0..count {
        let (Some(&shared), Some(&len)) = (bytes.get(pos), bytes.get(pos + 1)) else {
            break;
        };
        pos += 2;
        let Some(suffix) = bytes.get(pos..pos + usize::from(len)) else {
            break;
        };
        pos += usize::from(len);
        let mut term = prev[..usize::from(shared).min(prev.len())].to_vec();
        term.extend_from_slice(suffix);
        let df = read_varint(&bytes, &mut pos);
        let mut docs = Vec::new();
        let mut last = 0;
        for i in 0..df {
            let d = read_varint(&bytes, &mut pos);
            last = if i == 0 { d } else { last.saturating_add(d) };
            docs.push(last);
        }
        terms.push((String::from_utf8_lossy(&term).into_owned(), docs));
        prev = term;
    }
    let mut out = BTreeMap::new();
    for (term, docs) in terms {
        let Some(flags) = bytes.get(pos..pos + docs.len()) else {
            break;
        };
        pos += docs.len();
        out.insert(term, docs.into_iter().zip(flags.iter().copied()).collect());
    }
    out
}
