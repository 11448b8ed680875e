//! Writing the index files: postings per language, compound parts, shards, doc
//! chunks, excerpt bundles and the manifest.

use std::collections::{BTreeMap, HashMap};
use std::io::Write as _;

use flate2::Compression;
use flate2::write::GzEncoder;
use rayon::prelude::*;
use serde_json::json;

use super::analyze::{Analyzer, stopwords};
use super::{BODY, META, Record, TITLE, type_ranges};
use crate::content::Kind;
use crate::render::OutputFile;

/// Raw bytes after which a term shard is cut (about 20 KB, at most about 32 KB, gzipped).
const SHARD_RAW_BYTES: usize = 44 * 1024;
/// Documents per doc chunk (gzipped JSON).
const CHUNK_SIZE: usize = 32;
/// Documents per excerpt bundle.
const EXCERPT_SIZE: usize = 4;
/// Characters of plain text kept per document for excerpts.
const EXCERPT_CHARS: usize = 4000;

/// The files of the index and the URL of its manifest.
pub struct IndexFiles {
    /// Files under `_search/`.
    pub files: Vec<OutputFile>,
    /// Output path of the manifest (`_search/manifest.<hash>.json`).
    pub manifest_path: String,
}

/// One posting while indexing.
#[derive(Clone, Copy, Default)]
struct Hit {
    tf: u32,
    fields: u8,
    exact: bool,
}

/// Builds the index of every language.
pub fn build_index(languages: &[(String, Vec<Record>)], synonyms: &[Vec<String>]) -> IndexFiles {
    let mut files = Vec::new();
    let mut langs = serde_json::Map::new();
    for (lang, records) in languages {
        let (lang_files, manifest) = build_language(lang, records);
        files.extend(lang_files);
        langs.insert(lang.clone(), manifest);
    }
    let manifest = json!({
        "version": 1,
        "k1": 1.2,
        "b": 0.75,
        "weights": {"title": 5, "meta": 3, "heading": 2, "body": 1},
        "types": Kind::ALL.map(Kind::ref_name),
        "synonyms": synonyms,
        "languages": langs,
    });
    let bytes = serde_json::to_vec(&manifest).unwrap_or_default();
    let manifest_path = format!(
        "_search/manifest.{:016x}.json",
        crate::render::fnv1a(&bytes)
    );
    files.push(OutputFile {
        path: manifest_path.clone(),
        bytes,
    });
    IndexFiles {
        files,
        manifest_path,
    }
}

fn build_language(lang: &str, records: &[Record]) -> (Vec<OutputFile>, serde_json::Value) {
    // Pages are analysed in parallel, each worker with its own stem cache.
    let analysed: Vec<(HashMap<String, Hit>, usize)> = records
        .par_iter()
        .map_init(|| Analyzer::new(lang), analyse_record)
        .collect();
    let (mut docs, lengths): (Vec<HashMap<String, Hit>>, Vec<usize>) = analysed.into_iter().unzip();
    if lang == "de" {
        add_compound_parts(&mut docs);
    }
    let mut postings: BTreeMap<String, Vec<(usize, u8)>> = BTreeMap::new();
    for (doc, hits) in docs.iter().enumerate() {
        for (term, h) in hits {
            let byte = (u8::try_from(h.tf.min(15)).unwrap_or(15) << 4)
                | (u8::from(!h.exact) << 3)
                | h.fields;
            postings.entry(term.clone()).or_default().push((doc, byte));
        }
    }
    let mut files = Vec::new();
    let shards = write_shards(lang, &postings, &mut files);
    let chunks = write_chunks(lang, records, &lengths, &mut files);
    let excerpts = write_excerpts(lang, records, &mut files);
    #[allow(clippy::cast_precision_loss)] // document lengths are far below 2^52
    let avgdl = if lengths.is_empty() {
        0.0
    } else {
        lengths.iter().sum::<usize>() as f64 / lengths.len() as f64
    };
    let manifest = json!({
        "docs": records.len(),
        "avgdl": (avgdl * 10.0).round() / 10.0,
        "stopwords": stopwords(lang),
        "shards": shards,
        "type_ranges": type_ranges(records),
        "chunk_size": CHUNK_SIZE,
        "chunks": chunks,
        "excerpt_size": EXCERPT_SIZE,
        "excerpts": excerpts,
    });
    (files, manifest)
}

/// The terms of one page with their hits, and the page's length in terms.
fn analyse_record(analyzer: &mut Analyzer, r: &Record) -> (HashMap<String, Hit>, usize) {
    let mut hits: HashMap<String, Hit> = HashMap::new();
    let mut add = |terms: Vec<String>, field: u8| -> usize {
        let n = terms.len();
        for t in terms {
            let h = hits.entry(t).or_default();
            h.tf += 1;
            h.fields |= field;
            h.exact = true;
        }
        n
    };
    let mut len = add(analyzer.terms(&r.title, true), TITLE);
    for m in r.meta.iter().chain(&r.headings) {
        len += add(analyzer.terms(m, false), META);
    }
    len += add(analyzer.terms(&r.body, false), BODY);
    (hits, len)
}

/// German compounds (content-model search design §4.1 step 3): a term of 10 or more
/// characters whose two parts (each ≥ 4 characters, joined by nothing or s/es/n/en/e)
/// both occur in at least two documents is also indexed under its parts, flagged as
/// compound parts so they score lower.
fn add_compound_parts(docs: &mut [HashMap<String, Hit>]) {
    let mut df: HashMap<String, usize> = HashMap::new();
    for hits in docs.iter() {
        for term in hits.keys() {
            *df.entry(term.clone()).or_default() += 1;
        }
    }
    let known = |t: &str| df.get(t).is_some_and(|&n| n >= 2);
    let mut splits: HashMap<String, Vec<String>> = HashMap::new();
    for term in df.keys() {
        if let Some(parts) = split_compound(term, &known) {
            splits.insert(term.clone(), parts);
        }
    }
    for hits in docs.iter_mut() {
        let found: Vec<(Vec<String>, Hit)> = hits
            .iter()
            .filter_map(|(t, h)| splits.get(t).map(|p| (p.clone(), *h)))
            .collect();
        for (parts, h) in found {
            for part in parts {
                let entry = hits.entry(part).or_insert(Hit {
                    tf: 0,
                    fields: 0,
                    exact: false,
                });
                entry.tf += h.tf;
                entry.fields |= h.fields;
            }
        }
    }
}

fn split_compound(term: &str, known: &dyn Fn(&str) -> bool) -> Option<Vec<String>> {
    let chars: Vec<char> = term.chars().collect();
    if chars.len() < 10 {
        return None;
    }
    for cut in (4..=chars.len() - 4).rev() {
        let left: String = chars[..cut].iter().collect();
        let right: String = chars[cut..].iter().collect();
        if !known(&right) {
            continue;
        }
        for link in ["", "s", "es", "n", "en", "e"] {
            if let Some(stem) = left.strip_suffix(link)
                && stem.chars().count() >= 4
                && known(stem)
            {
                return Some(vec![stem.to_owned(), right]);
            }
        }
    }
    None
}

fn varint(mut n: usize, out: &mut Vec<u8>) {
    loop {
        let byte = u8::try_from(n & 0x7f).unwrap_or(0);
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

fn hashed(lang: &str, stem: &str, ext: &str, bytes: &[u8]) -> String {
    format!("{lang}/{stem}.{:016x}.{ext}", crate::render::fnv1a(bytes))
}

fn write_shards(
    lang: &str,
    postings: &BTreeMap<String, Vec<(usize, u8)>>,
    files: &mut Vec<OutputFile>,
) -> Vec<[String; 2]> {
    let mut table = Vec::new();
    let mut buf: Vec<u8> = b"VPS1".to_vec();
    let mut first: Option<String> = None;
    let mut prev = String::new();
    let flush = |buf: &mut Vec<u8>,
                 first: &mut Option<String>,
                 prev: &mut String,
                 files: &mut Vec<OutputFile>,
                 table: &mut Vec<[String; 2]>| {
        if let Some(f) = first.take() {
            let gz = gzip(buf);
            let name = hashed(lang, &format!("t-{}", table.len()), "bin", &gz);
            files.push(OutputFile {
                path: format!("_search/{name}"),
                bytes: gz,
            });
            table.push([f, name]);
        }
        *buf = b"VPS1".to_vec();
        prev.clear();
    };
    for (term, list) in postings {
        let bytes = term.as_bytes();
        // Terms longer than 255 bytes cannot be front-coded; nobody searches for them.
        if bytes.len() > 255 {
            continue;
        }
        if first.is_none() {
            first = Some(term.clone());
        }
        let shared = prev
            .bytes()
            .zip(bytes)
            .take_while(|(a, b)| a == *b)
            .count()
            .min(255);
        buf.push(u8::try_from(shared).unwrap_or(0));
        buf.push(u8::try_from(bytes.len() - shared).unwrap_or(0));
        buf.extend_from_slice(&bytes[shared..]);
        varint(list.len(), &mut buf);
        let mut last = 0;
        for (i, (doc, _)) in list.iter().enumerate() {
            varint(if i == 0 { *doc } else { doc - last }, &mut buf);
            last = *doc;
        }
        buf.extend(list.iter().map(|(_, b)| *b));
        term.clone_into(&mut prev);
        if buf.len() >= SHARD_RAW_BYTES {
            flush(&mut buf, &mut first, &mut prev, files, &mut table);
        }
    }
    flush(&mut buf, &mut first, &mut prev, files, &mut table);
    table
}

fn write_chunks(
    lang: &str,
    records: &[Record],
    lengths: &[usize],
    files: &mut Vec<OutputFile>,
) -> serde_json::Value {
    let bundles: Vec<Vec<u8>> = records
        .chunks(CHUNK_SIZE)
        .zip(lengths.chunks(CHUNK_SIZE))
        .map(|(chunk, lens)| {
            let docs: Vec<serde_json::Value> = chunk
                .iter()
                .zip(lens)
                .map(|(r, len)| {
                    json!({
                        "url": r.url, "title": r.title, "type": r.kind, "category": r.category,
                        "breadcrumb": r.breadcrumb, "description": r.description, "len": len,
                        "sections": r.sections,
                    })
                })
                .collect();
            gzip(&serde_json::to_vec(&docs).unwrap_or_default())
        })
        .collect();
    numbered(lang, "d", bundles, files)
}

/// Writes numbered files into a folder named by the hash of all of them:
/// `<lang>/<stem>-<hash>/<n>.bin`. The manifest then needs one name per kind,
/// not one per file, and a changed file still gets a new URL.
fn numbered(
    lang: &str,
    stem: &str,
    bundles: Vec<Vec<u8>>,
    files: &mut Vec<OutputFile>,
) -> serde_json::Value {
    let mut all = Vec::new();
    for b in &bundles {
        all.extend_from_slice(&crate::render::fnv1a(b).to_le_bytes());
    }
    let dir = format!("{lang}/{stem}-{:016x}", crate::render::fnv1a(&all));
    let count = bundles.len();
    for (n, bytes) in bundles.into_iter().enumerate() {
        files.push(OutputFile {
            path: format!("_search/{dir}/{n}.bin"),
            bytes,
        });
    }
    json!({"dir": dir, "count": count})
}

fn write_excerpts(
    lang: &str,
    records: &[Record],
    files: &mut Vec<OutputFile>,
) -> serde_json::Value {
    let bundles: Vec<Vec<u8>> = records
        .par_chunks(EXCERPT_SIZE)
        .map(|chunk| {
            let entries: Vec<serde_json::Value> = chunk.iter().map(excerpt).collect();
            gzip(&serde_json::to_vec(&entries).unwrap_or_default())
        })
        .collect();
    numbered(lang, "x", bundles, files)
}

/// A page's plain text (capped) with the offsets of its sections.
fn excerpt(r: &Record) -> serde_json::Value {
    let text: String = r.body.chars().take(EXCERPT_CHARS).collect();
    let mut sections = Vec::new();
    let mut from = 0;
    for (anchor, title) in &r.sections {
        if let Some(at) = text[from..].find(title.as_str()) {
            from += at;
            sections.push(json!([text[..from].chars().count(), anchor]));
        }
    }
    json!({"text": text, "sections": sections})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_split_into_known_parts() {
        let known = |t: &str| ["reis", "kost", "abrechn", "rechnung"].contains(&t);
        assert_eq!(
            split_compound("kostenabrechn", &known),
            Some(vec!["kost".to_owned(), "abrechn".to_owned()])
        );
        assert_eq!(split_compound("kurzwort", &known), None);
    }

    #[test]
    fn varints_are_leb128() {
        let mut out = Vec::new();
        varint(300, &mut out);
        assert_eq!(out, [0xac, 0x02]);
    }
}
