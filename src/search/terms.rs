//! A page's terms: the analysis of every record of a language, on all cores, while the
//! records are made. Each thread borrows a worker with its own analyzer (stem cache and
//! word counts), so a distinct word is stemmed about once per thread; a record keeps
//! only what the index files need once its terms are known.

use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use super::analyze::Analyzer;
use super::{BODY, META, Record, TITLE, varint};
use crate::util::Fnv;

/// Largest term frequency a posting records; BM25 saturates long before.
pub(super) const MAX_TF: u8 = 7;

/// One posting while indexing, in a byte: the term frequency (bits 4–6; it stops at
/// [`MAX_TF`], all a posting byte can tell), whether the word itself occurs (bit 3,
/// not only as a compound part) and the fields it occurs in (bits 0–2).
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub(super) struct Hit(u8);

impl Hit {
    pub(super) fn new(tf: u8, fields: u8, exact: bool) -> Hit {
        Hit((tf.min(MAX_TF) << 4) | (u8::from(exact) << 3) | (fields & 7))
    }

    pub(super) fn tf(self) -> u8 {
        self.0 >> 4
    }

    pub(super) fn fields(self) -> u8 {
        self.0 & 7
    }

    pub(super) fn exact(self) -> bool {
        self.0 & 8 != 0
    }

    /// The byte of this hit in a shard (SEARCH.md): term frequency in bits 4–6,
    /// "compound part only" in bit 3, the fields below. A compound part counts once: it
    /// scores low anyway, and a constant compresses better.
    pub(super) fn posting_byte(self) -> u8 {
        let tf = if self.exact() { self.tf() } else { 1 };
        (tf << 4) | (u8::from(!self.exact()) << 3) | self.fields()
    }

    /// One more occurrence of the word itself, in `field`.
    fn count(&mut self, field: u8) {
        *self = Hit::new(self.tf() + 1, self.fields() | field, true);
    }

    /// Adds the occurrences and fields of `part` (a compound's hit, to its part).
    pub(super) fn absorb(&mut self, part: Hit) {
        *self = Hit::new(
            self.tf() + part.tf(),
            self.fields() | part.fields(),
            self.exact(),
        );
    }
}

/// A term with its hit on a page, in 5 bytes (a `(u32, Hit)` pair takes 8): a page
/// holds one per distinct term from its analysis until the postings are made.
#[repr(C, packed)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct TermHit {
    pub(super) term: u32,
    pub(super) hit: Hit,
}

impl TermHit {
    pub(super) fn new(term: u32, hit: Hit) -> TermHit {
        TermHit { term, hit }
    }
}

/// The terms of one page with their hits, as the [`Worker`] that analysed it numbers
/// them, held from the analysis until the postings are made: the term ids ascending,
/// each as its distance from the one before (LEB128) followed by its hit byte, about
/// 2.5 bytes a term where a [`TermHit`] takes 5.
#[derive(Debug)]
pub(super) struct DocTerms {
    /// The number of the worker whose analyzer gave out the ids.
    pub(super) worker: usize,
    packed: Box<[u8]>,
}

impl DocTerms {
    /// Packs the hits of `ids` (any order) on one page.
    pub(super) fn pack(
        worker: usize,
        ids: &mut [u32],
        mut hit: impl FnMut(u32) -> Hit,
    ) -> DocTerms {
        ids.sort_unstable();
        let mut packed = Vec::with_capacity(ids.len() * 3);
        let mut last = 0;
        for &id in ids.iter() {
            varint::write((id - last) as usize, &mut packed);
            last = id;
            packed.push(hit(id).0);
        }
        DocTerms {
            worker,
            packed: packed.into_boxed_slice(),
        }
    }

    /// The terms with their hits, ids ascending.
    pub(super) fn iter(&self) -> impl Iterator<Item = TermHit> + '_ {
        let bytes = &self.packed;
        let (mut pos, mut last) = (0, 0u32);
        std::iter::from_fn(move || {
            if pos == bytes.len() {
                return None;
            }
            last += u32::try_from(varint::read(bytes, &mut pos)).ok()?;
            let hit = Hit(*bytes.get(pos)?);
            pos += 1;
            Some(TermHit::new(last, hit))
        })
    }
}

/// A page's terms as places in the vocabulary, ascending, with their hits.
pub(super) type DocIds = Vec<TermHit>;

/// An analyzer with room for one page's hits, numbered so that the ids it gives out
/// can be told from those of another worker.
pub(super) struct Worker {
    serial: usize,
    pub(super) analyzer: Analyzer,
    /// The hits of the page being analysed, by the analyzer's term id.
    hits: Vec<Hit>,
    /// The ids with hits on that page.
    touched: Vec<u32>,
}

/// The workers of one language: rayon's jobs borrow one and give it back.
pub(super) struct Workers<'a> {
    lang: &'a str,
    free: Mutex<Vec<Worker>>,
    made: AtomicUsize,
}

impl Workers<'_> {
    pub(super) fn new(lang: &str) -> Workers<'_> {
        Workers {
            lang,
            free: Mutex::new(Vec::new()),
            made: AtomicUsize::new(0),
        }
    }

    fn take(&self) -> Worker {
        let free = self
            .free
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        free.unwrap_or_else(|| Worker {
            serial: self.made.fetch_add(1, Ordering::Relaxed),
            analyzer: Analyzer::new(self.lang),
            hits: Vec::new(),
            touched: Vec::new(),
        })
    }

    /// Every worker, by serial number (call when no job holds one).
    pub(super) fn into_inner(self) -> Vec<Worker> {
        let mut all = self
            .free
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        all.sort_unstable_by_key(|w| w.serial);
        all
    }
}

/// A worker borrowed for one rayon job, given back when the job is done.
pub(super) struct Lease<'p, 'a> {
    pool: &'p Workers<'a>,
    worker: Option<Worker>,
}

impl<'p, 'a> Lease<'p, 'a> {
    pub(super) fn new(pool: &'p Workers<'a>) -> Self {
        Lease { pool, worker: None }
    }

    fn get(&mut self) -> &mut Worker {
        let pool = self.pool;
        self.worker.get_or_insert_with(|| pool.take())
    }
}

impl Drop for Lease<'_, '_> {
    fn drop(&mut self) {
        if let Some(w) = self.worker.take() {
            self.pool
                .free
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(w);
        }
    }
}

/// The terms of one page with their hits, and the page's length in terms.
pub(super) fn analyse_record(lease: &mut Lease<'_, '_>, r: &Record) -> (DocTerms, usize) {
    let Worker {
        serial,
        analyzer,
        hits,
        touched,
    } = lease.get();
    let mut len = 0;
    // Indexed by the analyzer's term ids: no string is hashed twice.
    let mut add = |analyzer: &mut Analyzer, text: &str, keep_stopwords: bool, field: u8| {
        analyzer.for_each_term(text, keep_stopwords, |id| {
            len += 1;
            let at = id as usize;
            if at >= hits.len() {
                hits.resize(at + 1, Hit::default());
            }
            let h = &mut hits[at];
            if h.tf() == 0 {
                touched.push(id);
            }
            h.count(field);
        });
    };
    add(analyzer, &r.title, true, TITLE);
    for m in r.meta.iter().chain(&r.headings) {
        add(analyzer, m, false, META);
    }
    add(analyzer, &r.body, false, BODY);
    let doc = DocTerms::pack(*serial, touched, |id| {
        std::mem::take(&mut hits[id as usize])
    });
    touched.clear();
    (doc, len)
}

/// How much of a page's text its excerpt shows, in characters.
const EXCERPT_CHARS: usize = 3000;

/// The length in bytes of the part of `text` that an excerpt shows.
pub(super) fn excerpt_len(text: &str) -> usize {
    text.char_indices()
        .nth(EXCERPT_CHARS)
        .map_or(text.len(), |(at, _)| at)
}

/// The records of one language in doc-id order, cut to what the index files need, with
/// their terms; and the workers that analysed them (their analyzers know the words).
pub struct Analysed {
    pub(super) lang: String,
    pub(super) records: Vec<Record>,
    /// Each record's terms, by the number of its worker and that worker's term ids.
    pub(super) terms: Vec<DocTerms>,
    /// Each record's length in terms.
    pub(super) lengths: Vec<usize>,
    /// A hash of each whole record, before the cut (for the manifest's name).
    pub(super) hashes: Vec<u64>,
    /// The excerpt bundles, gzipped, in doc-id order: the records' texts are packed
    /// into them as soon as they are analysed.
    pub(super) excerpts: Vec<Vec<u8>>,
    pub(super) workers: Vec<Worker>,
}

/// One record, analysed: the record cut, its terms, its length and its hash.
pub(super) type Page = (Record, DocTerms, usize, u64);

/// Analyses a record of `lang` and cuts it: the body is kept only as far as its
/// excerpt reaches, and the texts only the terms needed (meta, headings) go.
pub(super) fn analyse(lease: &mut Lease<'_, '_>, lang: &str, mut record: Record) -> Page {
    let mut h = Fnv::default();
    lang.hash(&mut h);
    record.hash(&mut h);
    let hash = h.finish();
    let (terms, len) = analyse_record(lease, &record);
    record.body.truncate(excerpt_len(&record.body));
    record.body.shrink_to_fit();
    record.meta = Vec::new();
    record.headings = Vec::new();
    (record, terms, len, hash)
}

impl Analysed {
    /// The pages of `lang` (in doc-id order), their excerpt bundles and the workers of
    /// the pool they came from.
    pub(super) fn new(
        lang: &str,
        pages: Vec<Page>,
        excerpts: Vec<Vec<u8>>,
        workers: Vec<Worker>,
    ) -> Analysed {
        let mut out = Analysed {
            lang: lang.to_owned(),
            records: Vec::with_capacity(pages.len()),
            terms: Vec::with_capacity(pages.len()),
            lengths: Vec::with_capacity(pages.len()),
            hashes: Vec::with_capacity(pages.len()),
            excerpts,
            workers,
        };
        for (record, terms, len, hash) in pages {
            out.records.push(record);
            out.terms.push(terms);
            out.lengths.push(len);
            out.hashes.push(hash);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_keeps_its_excerpt_and_is_hashed_whole() {
        let record = Record {
            url: "/x/".into(),
            title: "Rechnung".into(),
            kind: "page",
            category: String::new(),
            category_label: String::new(),
            breadcrumb: String::new(),
            description: String::new(),
            meta: vec!["Mahnung".into()],
            headings: vec!["Fristen".into()],
            body: "Änderung ".repeat(EXCERPT_CHARS / 9 + 10),
            sections: vec![("fristen".into(), "Fristen".into())],
        };
        let mut whole = Fnv::default();
        "de".hash(&mut whole);
        record.hash(&mut whole);
        let workers = Workers::new("de");
        let mut lease = Lease::new(&workers);
        let (cut, doc, len, hash) = analyse(&mut lease, "de", record);
        let hits: Vec<TermHit> = doc.iter().collect();
        assert_eq!(hash, whole.finish());
        assert_eq!(cut.body.chars().count(), EXCERPT_CHARS);
        assert!(cut.meta.is_empty() && cut.headings.is_empty());
        assert_eq!(cut.sections.len(), 1);
        // Title, meta, heading and the body's one word, which is all of its length.
        assert_eq!((hits.len(), len), (4, 3 + EXCERPT_CHARS / 9 + 10));
        assert!(hits.windows(2).all(|w| { w[0].term } < { w[1].term }));
    }

    #[test]
    fn packed_terms_read_back_ascending_with_their_hits() {
        // Distances of one, two and three LEB128 bytes, and the largest id.
        let mut ids = vec![u32::MAX, 5, 0, 200, 70_000, 127, 128];
        let hit = |id: u32| Hit::new((id % 7) as u8 + 1, (id % 8) as u8, id.is_multiple_of(2));
        let doc = DocTerms::pack(3, &mut ids, hit);
        let mut want = vec![0, 5, 127, 128, 200, 70_000, u32::MAX];
        let got: Vec<TermHit> = doc.iter().collect();
        assert_eq!(doc.worker, 3);
        assert_eq!(
            got,
            want.iter()
                .map(|&id| TermHit::new(id, hit(id)))
                .collect::<Vec<_>>()
        );
        want.clear();
        assert_eq!(DocTerms::pack(0, &mut want, hit).iter().count(), 0);
    }
}
