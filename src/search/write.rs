//! Writing the index files: postings per language, compound parts, shards, doc
//! chunks, excerpt bundles and the manifest.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

use libdeflater::{CompressionLvl, Compressor};
use rayon::prelude::*;
use serde::Serialize;

use super::analyze::{TermMap, stopwords};
use super::terms::{Analysed, DocIds, DocTerms, Hit, TermHit, Worker, excerpt_len};
use super::{Record, type_ranges, varint};
use crate::kind::Kind;
use crate::output::OutputFile;
use crate::util::Fnv;

/// Raw bytes after which a term shard is cut (about 15 KB, at most about 22 KB, gzipped).
const SHARD_RAW_BYTES: usize = 34 * 1024;
/// The postings of a language are made in this many blocks of terms, one after the
/// other, so that only a block's are held at once.
const POSTING_BLOCKS: usize = 16;
/// Documents per doc chunk (gzipped JSON).
const CHUNK_SIZE: usize = 32;
/// Documents per excerpt bundle.
pub(super) const EXCERPT_SIZE: usize = 4;
/// Longer terms are not split into compound parts.
const MAX_COMPOUND_CHARS: usize = 64;
/// The index files are gzipped with libdeflate, whose levels run from 1 to 12 (6 is
/// zlib's default). At 10,000 pages, levels 5 for the term shards and 4 for the
/// excerpt bundles give 0.4 % more bytes than 6 for both (17.23 MB against
/// 17.02 MB) in 0.06 s less of a 1.5 s build.
const SHARD_LEVEL: i32 = 5;
/// See [`SHARD_LEVEL`].
const EXCERPT_LEVEL: i32 = 4;
/// The level of the doc chunks.
const CHUNK_LEVEL: i32 = 6;
/// The level of the words files (few and small).
const WORDS_LEVEL: i32 = 9;
/// The compressor and its levels, part of the manifest's name: other bytes, other
/// file names.
const DEFLATE: (&str, [i32; 4]) = (
    "libdeflate",
    [SHARD_LEVEL, EXCERPT_LEVEL, CHUNK_LEVEL, WORDS_LEVEL],
);
/// The shard format (SEARCH.md), part of the manifest's name.
const FORMAT: &str = "VPS2";
/// The manifest's `version`, part of its name too: 2 since the words files.
const VERSION: u32 = 2;

/// The files of the index and the URL of its manifest.
pub struct IndexFiles {
    /// Files under `_search/`.
    pub files: Vec<OutputFile>,
    /// Output path of the manifest (`_search/manifest.<hash>.json`).
    pub manifest_path: String,
}

/// The scoring constants the manifest gives the client: BM25's `k1` and `b`, and the
/// weight of each field of a posting byte. Headings share the bit of `meta` (they are
/// "meta or heading", SEARCH.md), so they have its weight.
const SCORING: Scoring = Scoring {
    k1: 1.2,
    b: 0.75,
    weights: Weights {
        title: 5,
        meta: 3,
        body: 1,
    },
};

/// BM25's constants and the field weights (see [`SCORING`]).
#[derive(Serialize)]
struct Scoring {
    k1: f64,
    b: f64,
    weights: Weights,
}

/// The weight of a hit in each field of a posting byte.
#[derive(Serialize)]
struct Weights {
    title: u32,
    meta: u32,
    body: u32,
}

/// The manifest: the format, the scoring constants, the types, the synonyms and each
/// language's index.
#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    #[serde(flatten)]
    scoring: &'a Scoring,
    types: [&'static str; 7],
    synonyms: &'a [Vec<String>],
    languages: BTreeMap<&'a str, LanguageIndex<'a>>,
}

/// Where a language's index lies and what the client needs to read it.
#[derive(Serialize)]
struct LanguageIndex<'a> {
    docs: usize,
    avgdl: f64,
    stopwords: &'static [&'static str],
    /// First term and file of each shard.
    shards: Vec<[String; 2]>,
    type_ranges: BTreeMap<&'static str, [usize; 2]>,
    facets: Facets<'a>,
    chunk_size: usize,
    chunks: Numbered,
    excerpt_size: usize,
    excerpts: Numbered,
    /// The word of each term, one file per shard (`words.rs`).
    words: Numbered,
}

#[derive(Serialize)]
struct Facets<'a> {
    category: Vec<FacetValue<'a>>,
}

/// A value of a facet and the docs that have it (bit `i % 8` of byte `i / 8` for doc
/// `i`, base64).
#[derive(Serialize)]
struct FacetValue<'a> {
    id: &'a str,
    label: &'a str,
    bits: String,
}

/// A folder of numbered files: `<dir>/0.bin` … `<dir>/<count - 1>.bin`.
#[derive(Serialize)]
struct Numbered {
    dir: String,
    count: usize,
}

/// A page in a doc chunk: what a result shows.
#[derive(Serialize)]
struct Doc<'a> {
    url: &'a str,
    title: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    category: &'a str,
    breadcrumb: &'a str,
    description: &'a str,
    len: usize,
}

/// A page's excerpt: plain text, and the offset, anchor and title of each section.
/// The fields are in key order, so that the bundles can be written directly, without
/// [`sorted_json`]'s copy of every text (a test holds the two to the same bytes).
#[derive(Serialize)]
struct Excerpt<'a> {
    sections: Vec<(usize, &'a str, &'a str)>,
    text: &'a str,
}

/// The bytes of `value` as JSON, keys sorted ([`crate::util::sorted_json`]).
fn sorted_json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(&crate::util::sorted_json(value)).unwrap_or_default()
}

/// The manifest's path, from a hash of everything the index is built from (the
/// records, the synonyms, the scoring constants, the format, the compressor and
/// vpagen's version): the files it names change with any of them.
/// Pages can name the manifest before the index is written, so both are built at the
/// same time; and a changed index still gets a new name, for caches.
pub fn manifest_path(languages: &[Analysed], synonyms: &[Vec<String>]) -> String {
    let per_record: Vec<u64> = languages
        .iter()
        .flat_map(|l| l.hashes.iter().copied())
        .collect();
    let mut h = Fnv::default();
    (
        FORMAT,
        VERSION,
        DEFLATE,
        env!("CARGO_PKG_VERSION"),
        String::from_utf8(sorted_json(&SCORING)).unwrap_or_default(),
        synonyms,
        per_record,
    )
        .hash(&mut h);
    format!("_search/manifest.{:016x}.json", h.finish())
}

/// Builds the index of every language; the manifest goes to `manifest_path`.
pub fn build_index(
    languages: &mut [Analysed],
    synonyms: &[Vec<String>],
    manifest_path: &str,
) -> IndexFiles {
    let mut files = Vec::new();
    let built = build_index_each(languages, synonyms, manifest_path, &mut |batch| {
        files.extend(batch);
        Ok::<(), std::convert::Infallible>(())
    });
    let Ok(()) = built;
    IndexFiles {
        files,
        manifest_path: manifest_path.to_owned(),
    }
}

/// [`build_index`], handing the files to `put` a batch at a time as they are made (the
/// excerpt bundles before the postings are made), so that a build writes them and
/// does not hold them; stops at `put`'s first error.
pub fn build_index_each<E>(
    languages: &mut [Analysed],
    synonyms: &[Vec<String>],
    manifest_path: &str,
    put: &mut dyn FnMut(Vec<OutputFile>) -> Result<(), E>,
) -> Result<(), E> {
    let mut langs = BTreeMap::new();
    for language in languages.iter_mut() {
        let (lang, manifest) = build_language(language, put)?;
        langs.insert(lang, manifest);
    }
    let manifest = Manifest {
        version: VERSION,
        scoring: &SCORING,
        types: Kind::ALL.map(Kind::ref_name),
        synonyms,
        languages: langs,
    };
    put(vec![OutputFile {
        path: manifest_path.to_owned(),
        bytes: sorted_json(&manifest),
    }])
}

fn build_language<'a, E>(
    language: &'a mut Analysed,
    put: &mut dyn FnMut(Vec<OutputFile>) -> Result<(), E>,
) -> Result<(&'a str, LanguageIndex<'a>), E> {
    let maps = std::mem::take(&mut language.terms);
    let lengths = std::mem::take(&mut language.lengths);
    let workers = std::mem::take(&mut language.workers);
    let bundles = std::mem::take(&mut language.excerpts);
    let language: &Analysed = language;
    let (lang, records) = (language.lang.as_str(), &language.records);
    let mut files = Vec::new();
    let excerpts = numbered(lang, "x", bundles, &mut files);
    put(std::mem::take(&mut files))?;
    let shards = terms_and_shards(lang, maps, workers);
    files.extend(shards.files);
    let chunks = write_chunks(lang, records, &lengths, &mut files);
    let words = write_words(
        lang,
        &shards.words,
        &shards.vocab,
        &shards.table,
        &mut files,
    );
    #[allow(clippy::cast_precision_loss)] // document lengths are far below 2^52
    let avgdl = if lengths.is_empty() {
        0.0
    } else {
        lengths.iter().sum::<usize>() as f64 / lengths.len() as f64
    };
    let manifest = LanguageIndex {
        docs: records.len(),
        avgdl: (avgdl * 10.0).round() / 10.0,
        stopwords: stopwords(lang),
        shards: shards.table,
        type_ranges: type_ranges(records),
        facets: Facets {
            category: category_facet(records),
        },
        chunk_size: CHUNK_SIZE,
        chunks,
        excerpt_size: EXCERPT_SIZE,
        excerpts,
        words,
    };
    put(files)?;
    Ok((lang, manifest))
}

/// A language's term shards and what the rest of its index needs of them.
struct Shards {
    /// The shard files.
    files: Vec<OutputFile>,
    /// The sorted vocabulary.
    vocab: Vec<Arc<str>>,
    /// Each term's word ([`super::words`]).
    words: TermMap<Arc<str>, String>,
    /// The shard table: first term, file.
    table: Vec<[String; 2]>,
}

/// The shards of a language's pages (`maps`, by the `workers` that analysed them).
fn terms_and_shards(lang: &str, maps: Vec<DocTerms>, workers: Vec<Worker>) -> Shards {
    let (vocab, mut docs) = number_terms(&workers, maps);
    let words = super::words::words_by_term(workers.iter().map(|w| &w.analyzer));
    drop(workers);
    let ids: TermMap<&str, u32> = vocab
        .iter()
        .zip(0..)
        .map(|(t, i)| (t.as_ref(), i))
        .collect();
    if crate::locale::Locale::of(lang).is_german() {
        add_compound_parts(&vocab, &ids, &mut docs);
    }
    drop(ids);
    // A block of terms at a time: only its postings and its shards are held at once.
    let mut writer = ShardWriter::default();
    let mut cursors = vec![0; docs.len()];
    for range in blocks(vocab.len(), POSTING_BLOCKS) {
        let postings = Postings::invert(range.clone(), &docs, &mut cursors);
        for (term, list) in vocab[range.start as usize..range.end as usize]
            .iter()
            .zip(postings.lists())
        {
            writer.push(term, list);
        }
        writer.pack();
    }
    drop(docs);
    let mut files = Vec::new();
    let table = writer.finish(lang, &mut files);
    Shards {
        files,
        vocab,
        words,
        table,
    }
}

/// The posting lists of a block of terms, end to end in two arrays: doc ids,
/// ascending per term, and beside them the posting bytes (5 bytes a posting; a
/// `(u32, u8)` pair would take 8). The arrays are allocated at their final size.
struct Postings {
    /// Where each term's list starts in `docs` and `bytes`; one more entry for the end.
    starts: Vec<usize>,
    docs: Vec<u32>,
    bytes: Vec<u8>,
}

impl Postings {
    /// The postings of the terms in `range`, from every page's hits (ascending by
    /// term). `cursors` holds where each page's hits of `range` begin, and moves past
    /// them.
    fn invert(range: Range<u32>, docs: &[DocIds], cursors: &mut [usize]) -> Postings {
        let terms = (range.end - range.start) as usize;
        let mut starts = vec![0usize; terms + 1];
        for (hits, &from) in docs.iter().zip(&*cursors) {
            for th in below(&hits[from..], range.end) {
                starts[(th.term - range.start) as usize + 1] += 1;
            }
        }
        for t in 0..terms {
            starts[t + 1] += starts[t];
        }
        let mut next = starts.clone();
        let mut all = vec![0; starts[terms]];
        let mut bytes = vec![0; starts[terms]];
        for (doc, (hits, cursor)) in (0..).zip(docs.iter().zip(cursors.iter_mut())) {
            let mut read = 0;
            for th in below(&hits[*cursor..], range.end) {
                read += 1;
                let (term, byte) = (th.term - range.start, th.hit.posting_byte());
                let at = &mut next[term as usize];
                all[*at] = doc;
                bytes[*at] = byte;
                *at += 1;
            }
            *cursor += read;
        }
        Postings {
            starts,
            docs: all,
            bytes,
        }
    }

    /// The list of every term, in term order: its doc ids and posting bytes.
    fn lists(&self) -> impl Iterator<Item = (&[u32], &[u8])> {
        self.starts
            .windows(2)
            .map(|w| (&self.docs[w[0]..w[1]], &self.bytes[w[0]..w[1]]))
    }
}

/// The values of the category facet: id, label and the bitset of its docs (bit `i % 8`
/// of byte `i / 8` for doc `i`, base64), ordered by label.
fn category_facet(records: &[Record]) -> Vec<FacetValue<'_>> {
    let mut values: Vec<(&str, &str, Vec<u8>)> = Vec::new();
    for (doc, r) in records.iter().enumerate() {
        if r.category.is_empty() {
            continue;
        }
        let at = values
            .iter()
            .position(|(id, _, _)| *id == r.category)
            .unwrap_or_else(|| {
                let bits = vec![0; records.len().div_ceil(8)];
                values.push((&r.category, &r.category_label, bits));
                values.len() - 1
            });
        values[at].2[doc / 8] |= 1 << (doc % 8);
    }
    values.sort_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(b.0)));
    values
        .into_iter()
        .map(|(id, label, bits)| FacetValue {
            id,
            label,
            bits: crate::util::base64(&bits),
        })
        .collect()
}

/// The vocabulary of the pages, sorted, so that a term's id is its place in the
/// shards; and each page's terms as sorted ids. The workers' own ids become places in
/// the vocabulary through one table per worker, without hashing a term per page.
fn number_terms(workers: &[Worker], maps: Vec<DocTerms>) -> (Vec<Arc<str>>, Vec<DocIds>) {
    // The terms a page uses: a worker also knows stopwords that no page kept.
    let mut used: Vec<Vec<bool>> = workers
        .iter()
        .map(|w| vec![false; w.analyzer.all_terms().len()])
        .collect();
    for doc in &maps {
        for th in doc.iter() {
            used[doc.worker][th.term as usize] = true;
        }
    }
    // Each distinct term once, numbered as first met, then ranked.
    let mut first: TermMap<&str, u32> = TermMap::default();
    let mut distinct: Vec<&Arc<str>> = Vec::new();
    let provisional: Vec<Vec<u32>> = workers
        .iter()
        .zip(&used)
        .map(|(w, used)| {
            w.analyzer
                .all_terms()
                .iter()
                .zip(used)
                .map(|(t, &u)| {
                    if !u {
                        return u32::MAX;
                    }
                    let next = u32::try_from(distinct.len()).unwrap_or(u32::MAX);
                    *first.entry(t.as_ref()).or_insert_with(|| {
                        distinct.push(t);
                        next
                    })
                })
                .collect()
        })
        .collect();
    let mut order: Vec<usize> = (0..distinct.len()).collect();
    order.sort_unstable_by(|&a, &b| distinct[a].cmp(distinct[b]));
    let mut rank = vec![0u32; order.len()];
    for (place, &p) in (0..).zip(&order) {
        rank[p] = place;
    }
    let vocab: Vec<Arc<str>> = order.iter().map(|&p| Arc::clone(distinct[p])).collect();
    let remap: Vec<Vec<u32>> = provisional
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|p| rank.get(p as usize).copied().unwrap_or(u32::MAX))
                .collect()
        })
        .collect();
    // Each page's list is freed as soon as it is read.
    let docs = maps
        .into_par_iter()
        .map(|doc| {
            let remap = &remap[doc.worker];
            let mut v: DocIds = doc
                .iter()
                .map(|th| TermHit::new(remap[th.term as usize], th.hit))
                .collect();
            v.sort_unstable_by_key(|th| th.term);
            v
        })
        .collect();
    (vocab, docs)
}

/// German compounds (content-model search design §4.1 step 3): a term of 10 or more
/// characters whose two parts (each ≥ 4 characters, joined by nothing or s/es/n/en/e)
/// both occur in at least two documents is also indexed under its parts, flagged as
/// compound parts so they score lower.
fn add_compound_parts(vocab: &[Arc<str>], ids: &TermMap<&str, u32>, docs: &mut [DocIds]) {
    let mut df = vec![0usize; vocab.len()];
    for hits in docs.iter() {
        for th in hits {
            df[th.term as usize] += 1;
        }
    }
    let known = |t: &str| ids.get(t).is_some_and(|&id| df[id as usize] >= 2);
    let splits: Vec<Option<Vec<u32>>> = vocab
        .par_iter()
        .map(|term| {
            split_compound(term, &known)
                .map(|parts| parts.iter().map(|p| ids[p.as_str()]).collect())
        })
        .collect();
    docs.par_iter_mut().for_each(|hits| {
        let mut extra: DocIds = Vec::new();
        for th in hits.iter() {
            for &part in splits[th.term as usize].iter().flatten() {
                extra.push(TermHit::new(part, th.hit));
            }
        }
        if !extra.is_empty() {
            extra.sort_by_key(|th| th.term);
            *hits = merge_parts(hits, &extra);
        }
    });
}

/// A page's hits (ascending ids) with the hits of compound parts added (ascending
/// ids, repeats allowed): a part's hits count towards its term, which is new to the
/// page (and not exact) when the page does not have it.
fn merge_parts(hits: &[TermHit], extra: &[TermHit]) -> DocIds {
    let mut out: DocIds = Vec::with_capacity(hits.len() + extra.len());
    let mut hits = hits.iter().copied().peekable();
    for &TermHit { term: part, hit } in extra {
        while let Some(next) = hits.next_if(|th| th.term < part) {
            out.push(next);
        }
        if out.last().is_none_or(|th| th.term != part) {
            let own = hits
                .next_if(|th| th.term == part)
                .map_or(Hit::default(), |th| th.hit);
            out.push(TermHit::new(part, own));
        }
        if let Some(last) = out.last_mut() {
            let mut sum = last.hit;
            sum.absorb(hit);
            last.hit = sum;
        }
    }
    out.extend(hits);
    // Room was made for every part, and most are already terms of the page.
    out.shrink_to_fit();
    out
}

fn split_compound(term: &str, known: &dyn Fn(&str) -> bool) -> Option<Vec<String>> {
    // Byte offsets of the characters: the halves are slices of the term.
    let starts: Vec<usize> = term.char_indices().map(|(i, _)| i).collect();
    let chars = starts.len();
    // Only words a German compound can have (the longest in use are about 40 letters).
    if !(10..=MAX_COMPOUND_CHARS).contains(&chars) {
        return None;
    }
    for cut in (4..=chars - 4).rev() {
        let (left, right) = term.split_at(starts[cut]);
        if !known(right) {
            continue;
        }
        for link in ["", "s", "es", "n", "en", "e"] {
            // Links are ASCII: their bytes are their characters.
            if let Some(stem) = left.strip_suffix(link)
                && cut - link.len() >= 4
                && known(stem)
            {
                return Some(vec![stem.to_owned(), right.to_owned()]);
            }
        }
    }
    None
}

/// `bytes` gzipped at libdeflate's `level` (1–12), in a buffer of their size: the
/// excerpt bundles are held until their language is written.
fn gzip(bytes: &[u8], level: i32) -> Vec<u8> {
    let level = CompressionLvl::new(level).unwrap_or_default();
    let mut compressor = Compressor::new(level);
    let mut out = vec![0; compressor.gzip_compress_bound(bytes.len())];
    // The buffer holds the bound, so compressing cannot fail.
    let len = compressor.gzip_compress(bytes, &mut out).unwrap_or(0);
    out.truncate(len);
    out.shrink_to_fit();
    out
}

/// One term shard being filled: `VPS2`, the term count, the terms with their doc
/// ids, then the posting bytes of all terms (a column of similar bytes packs well).
#[derive(Default)]
struct ShardBuf {
    first: String,
    terms: usize,
    head: Vec<u8>,
    flags: Vec<u8>,
    prev: String,
}

impl ShardBuf {
    fn push(&mut self, term: &str, (docs, flags): (&[u32], &[u8])) {
        if self.terms == 0 {
            term.clone_into(&mut self.first);
        }
        let bytes = term.as_bytes();
        let shared = self
            .prev
            .bytes()
            .zip(bytes)
            .take_while(|(a, b)| a == *b)
            .count()
            .min(255);
        self.head.push(u8::try_from(shared).unwrap_or(0));
        self.head
            .push(u8::try_from(bytes.len() - shared).unwrap_or(0));
        self.head.extend_from_slice(&bytes[shared..]);
        varint::write(docs.len(), &mut self.head);
        let mut previous_doc = 0;
        for doc in docs {
            varint::write((doc - previous_doc) as usize, &mut self.head);
            previous_doc = *doc;
        }
        self.flags.extend_from_slice(flags);
        term.clone_into(&mut self.prev);
        self.terms += 1;
    }

    fn raw_len(&self) -> usize {
        self.head.len() + self.flags.len()
    }

    fn finish(self) -> (String, Vec<u8>) {
        let mut bytes = FORMAT.as_bytes().to_vec();
        varint::write(self.terms, &mut bytes);
        bytes.extend_from_slice(&self.head);
        bytes.extend_from_slice(&self.flags);
        (self.first, bytes)
    }
}

/// The first of a page's `hits` (ascending by term) whose terms come before `end`.
fn below(hits: &[TermHit], end: u32) -> impl Iterator<Item = &TermHit> {
    hits.iter().take_while(move |th| th.term < end)
}

/// `0..terms` in `n` ranges of about the same length.
fn blocks(terms: usize, n: usize) -> impl Iterator<Item = Range<u32>> {
    let len = terms.div_ceil(n).max(1);
    (0..terms).step_by(len).map(move |start| {
        let end = (start + len).min(terms);
        u32::try_from(start).unwrap_or(u32::MAX)..u32::try_from(end).unwrap_or(u32::MAX)
    })
}

/// The term shards of a language, filled term by term in term order and compressed
/// a batch at a time ([`ShardWriter::pack`]).
#[derive(Default)]
struct ShardWriter {
    shard: ShardBuf,
    /// Full shards, not compressed yet: first term, bytes.
    raw: Vec<(String, Vec<u8>)>,
    /// Compressed shards: first term, gzip bytes.
    packed: Vec<(String, Vec<u8>)>,
}

impl ShardWriter {
    /// Adds a term's postings: doc ids and posting bytes.
    fn push(&mut self, term: &str, list: (&[u32], &[u8])) {
        // Terms longer than 255 bytes cannot be front-coded; nobody searches for them.
        if term.len() > 255 {
            return;
        }
        self.shard.push(term, list);
        if self.shard.raw_len() >= SHARD_RAW_BYTES {
            self.raw.push(std::mem::take(&mut self.shard).finish());
        }
    }

    /// Compresses the full shards so far, in parallel.
    fn pack(&mut self) {
        let raw = std::mem::take(&mut self.raw);
        self.packed.par_extend(
            raw.into_par_iter()
                .map(|(first, bytes)| (first, gzip(&bytes, SHARD_LEVEL))),
        );
    }

    /// Names the shards after their content and adds them to `files`; returns the
    /// shard table (first term, file).
    fn finish(mut self, lang: &str, files: &mut Vec<OutputFile>) -> Vec<[String; 2]> {
        if self.shard.terms > 0 {
            let last = std::mem::take(&mut self.shard).finish();
            self.raw.push(last);
        }
        self.pack();
        let (firsts, shards): (Vec<String>, Vec<Vec<u8>>) = self.packed.into_iter().unzip();
        let Numbered { dir, .. } = numbered(lang, "t", shards, files);
        firsts
            .into_iter()
            .enumerate()
            .map(|(n, first)| [first, format!("{dir}/{n}.bin")])
            .collect()
    }
}

fn write_chunks(
    lang: &str,
    records: &[Record],
    lengths: &[usize],
    files: &mut Vec<OutputFile>,
) -> Numbered {
    let bundles: Vec<Vec<u8>> = records
        .par_chunks(CHUNK_SIZE)
        .zip(lengths.par_chunks(CHUNK_SIZE))
        .map(|(chunk, lens)| {
            let docs: Vec<Doc<'_>> = chunk
                .iter()
                .zip(lens)
                .map(|(r, len)| Doc {
                    url: &r.url,
                    title: &r.title,
                    kind: r.kind,
                    category: &r.category,
                    breadcrumb: &r.breadcrumb,
                    description: &r.description,
                    len: *len,
                })
                .collect();
            gzip(&sorted_json(&docs), CHUNK_LEVEL)
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
) -> Numbered {
    let mut all = Vec::new();
    for b in &bundles {
        all.extend_from_slice(&crate::util::fnv1a(b).to_le_bytes());
    }
    let dir = format!("{lang}/{stem}-{:016x}", crate::util::fnv1a(&all));
    let count = bundles.len();
    for (n, bytes) in bundles.into_iter().enumerate() {
        files.push(OutputFile {
            path: format!("_search/{dir}/{n}.bin"),
            bytes,
        });
    }
    Numbered { dir, count }
}

/// The excerpt bundle of up to [`EXCERPT_SIZE`] consecutive records (gzipped JSON),
/// packed as soon as they are analysed; their texts are freed.
pub(super) fn excerpt_bundle<'a>(records: impl Iterator<Item = &'a mut Record>) -> Vec<u8> {
    let mut records: Vec<&mut Record> = records.collect();
    let entries: Vec<Excerpt<'_>> = records
        .iter()
        .map(|r| excerpt(&r.body, &r.sections))
        .collect();
    let json = serde_json::to_vec(&entries).unwrap_or_default();
    for r in &mut records {
        r.body = String::new();
        r.sections = Vec::new();
    }
    gzip(&json, EXCERPT_LEVEL)
}

/// The words files of the shards in `table` ([`super::words`]), numbered like them.
fn write_words(
    lang: &str,
    words: &TermMap<Arc<str>, String>,
    vocab: &[Arc<str>],
    table: &[[String; 2]],
    files: &mut Vec<OutputFile>,
) -> Numbered {
    let bundles: Vec<Vec<u8>> = super::words::per_shard(words, vocab, table)
        .into_par_iter()
        .map(|text| gzip(&text, WORDS_LEVEL))
        .collect();
    numbered(lang, "w", bundles, files)
}

/// A page's plain text (capped) with the offsets, anchors and titles of its sections.
fn excerpt<'a>(body: &'a str, sections: &'a [(String, String)]) -> Excerpt<'a> {
    let text = &body[..excerpt_len(body)];
    let mut found = Vec::new();
    let mut from = 0;
    for (anchor, title) in sections {
        if let Some(at) = text[from..].find(title.as_str()) {
            from += at;
            found.push((
                text[..from].chars().count(),
                anchor.as_str(),
                title.as_str(),
            ));
        }
    }
    Excerpt {
        text,
        sections: found,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BODY, META, TITLE};
    use super::*;
    use crate::search::terms::MAX_TF;

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
    fn compound_parts_merge_into_a_page_s_hits() {
        let hit = |term, tf, fields, exact| TermHit::new(term, Hit::new(tf, fields, exact));
        let hits = [hit(2, 1, TITLE, true), hit(5, 2, BODY, true)];
        let extra = [
            hit(1, 1, BODY, true),
            hit(2, 3, META, true),
            hit(7, 1, BODY, true),
            hit(7, 2, TITLE, true),
        ];
        let merged: Vec<(u32, u8, u8, bool)> = merge_parts(&hits, &extra)
            .into_iter()
            .map(|th| (th.term, th.hit.tf(), th.hit.fields(), th.hit.exact()))
            .collect();
        assert_eq!(
            merged,
            [
                (1, 1, BODY, false),
                (2, 4, TITLE | META, true),
                (5, 2, BODY, true),
                (7, 3, BODY | TITLE, false),
            ]
        );
    }

    #[test]
    fn term_frequency_stops_at_what_a_posting_byte_holds() {
        let hit = |term, tf| TermHit::new(term, Hit::new(tf, BODY, true));
        let merged = merge_parts(&[hit(3, 6)], &[hit(3, 5)]);
        let sum = merged[0].hit;
        assert_eq!(sum.tf(), MAX_TF);
        assert_eq!(Hit::new(9, 0, false).tf(), MAX_TF);
        let docs = vec![merged, vec![hit(1, 2)]];
        let mut cursors = [0, 0];
        let postings = Postings::invert(0..4, &docs, &mut cursors);
        let lists: Vec<Vec<(u32, u8)>> = postings
            .lists()
            .map(|(docs, bytes)| docs.iter().copied().zip(bytes.iter().copied()).collect())
            .collect();
        assert_eq!(
            lists,
            [
                vec![],
                vec![(1, 0x20 | BODY)],
                vec![],
                vec![(0, 0x70 | BODY)]
            ]
        );
    }

    #[test]
    fn shards_decode_to_the_postings_written() {
        let postings: Vec<(String, Vec<(u32, u8)>)> = (0..8000)
            .map(|i| {
                (
                    format!("term{i:05}"),
                    vec![(i, 0x11), (i * 40 + 7, 0x24 | 8)],
                )
            })
            .collect();
        let columns: Vec<(Vec<u32>, Vec<u8>)> = postings
            .iter()
            .map(|(_, l)| l.iter().copied().unzip())
            .collect();
        let mut writer = ShardWriter::default();
        for ((term, _), (docs, bytes)) in postings.iter().zip(&columns) {
            writer.push(term, (docs, bytes));
            if term.ends_with('0') {
                // Packed in batches, as blocks of terms are.
                writer.pack();
            }
        }
        let mut files = Vec::new();
        let table = writer.finish("de", &mut files);
        assert!(table.len() > 1, "8000 terms fill more than one shard");
        let mut decoded = Vec::new();
        for (file, [first, _]) in files.iter().zip(&table) {
            let shard = super::super::read::decode_shard(&file.bytes);
            assert_eq!(shard.keys().next(), Some(first));
            decoded.extend(shard);
        }
        let want: Vec<(String, Vec<(usize, u8)>)> = postings
            .iter()
            .map(|(t, l)| (t.clone(), l.iter().map(|&(d, b)| (d as usize, b)).collect()))
            .collect();
        assert_eq!(decoded, want);
    }

    #[test]
    fn a_page_s_hits_take_five_bytes_each() {
        assert_eq!(std::mem::size_of::<TermHit>(), 5);
        let hit = Hit::new(3, TITLE | BODY, false);
        assert_eq!(
            (hit.tf(), hit.fields(), hit.exact()),
            (3, TITLE | BODY, false)
        );
    }

    #[test]
    fn postings_in_blocks_are_the_postings_at_once() {
        let docs: Vec<DocIds> = (0..20u8)
            .map(|d| {
                (0..11u32)
                    .filter(|t| (t + u32::from(d)) % 3 != 0)
                    .map(|t| TermHit::new(t, Hit::new(d % 7 + 1, BODY, true)))
                    .collect()
            })
            .collect();
        let lists = |postings: &Postings| -> Vec<(Vec<u32>, Vec<u8>)> {
            postings
                .lists()
                .map(|(d, b)| (d.to_vec(), b.to_vec()))
                .collect()
        };
        let whole = lists(&Postings::invert(0..11, &docs, &mut [0; 20]));
        assert_eq!(whole.len(), 11);
        let ranges: Vec<Range<u32>> = blocks(11, 4).collect();
        assert_eq!(ranges, [0..3, 3..6, 6..9, 9..11]);
        let mut cursors = [0; 20];
        let blocked: Vec<(Vec<u32>, Vec<u8>)> = ranges
            .into_iter()
            .flat_map(|r| lists(&Postings::invert(r, &docs, &mut cursors)))
            .collect();
        assert_eq!(blocked, whole);
        assert_eq!(blocks(0, 16).count(), 0);
        assert_eq!(blocks(3, 16).collect::<Vec<_>>(), [0..1, 1..2, 2..3]);
    }

    #[test]
    fn excerpts_are_written_in_key_order() {
        let sections = [("preis".to_owned(), "Preis".to_owned())];
        let entries = [excerpt("Intro. Preis: 45 €", &sections), excerpt("", &[])];
        let direct = serde_json::to_vec(&entries).unwrap_or_default();
        assert_eq!(direct, sorted_json(&entries));
        assert!(direct.starts_with(br#"[{"sections":[[7,"preis","Preis"]],"text":"#));
    }
}
