//! Text analysis, identical in Rust and in the browser client (see
//! `themes/default/SEARCH.md`): NFC, lower case, words as runs of letters, digits and
//! marks, hyphenated words also joined, stopwords, Snowball stemming, folding.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// German stopwords (never removed from titles).
pub const STOPWORDS_DE: &[&str] = &[
    "aber", "als", "am", "an", "auch", "auf", "aus", "bei", "bis", "das", "dass", "dem", "den",
    "der", "des", "die", "dies", "diese", "dieser", "durch", "ein", "eine", "einem", "einen",
    "einer", "eines", "es", "für", "hat", "ihr", "ihre", "im", "in", "ist", "kann", "mit", "nach",
    "nicht", "noch", "nur", "oder", "sich", "sie", "sind", "so", "um", "und", "uns", "von", "vor",
    "was", "wenn", "werden", "wie", "wir", "wird", "zu", "zum", "zur",
];

/// English stopwords (never removed from titles).
pub const STOPWORDS_EN: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "we", "were", "will",
    "with", "you", "your",
];

/// The stopwords of a language (English for languages without a list).
pub fn stopwords(lang: &str) -> &'static [&'static str] {
    if Locale::of(lang).is_german() {
        STOPWORDS_DE
    } else {
        STOPWORDS_EN
    }
}

/// Words longer than this are not indexed.
pub const MAX_WORD_BYTES: usize = 255;

/// A hash map keyed by terms.
pub type TermMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

use crate::locale::Locale;
use crate::util::Fnv;

/// Analyses texts of one language, caching terms (a site repeats its words a lot).
pub struct Analyzer {
    /// Word → id of its term (its place in `terms`), with [`STOP`] set for stopwords:
    /// one lookup per word answers both questions. Words of up to 16 bytes (nearly
    /// all) are keyed by their bytes in place, read without following a pointer.
    short: HashMap<u128, Cached, BuildHasherDefault<WordHasher>>,
    /// The same for longer words.
    long: HashMap<String, Cached, BuildHasherDefault<WordHasher>>,
    vocab: Vocab,
}

/// The terms an [`Analyzer`] gave out, and what makes them.
struct Vocab {
    stemmer: Stemmer,
    stopwords: HashSet<&'static str>,
    /// Term → id, so that words with the same term share it.
    ids: TermMap<Arc<str>, u32>,
    terms: Vec<Arc<str>>,
}

/// The bit of a cached id that marks a stopword.
const STOP: u32 = 1 << 31;

/// What the cache knows of a word: its term's id (with [`STOP`]), and how often
/// [`Analyzer::for_each_term`] met it.
#[derive(Clone, Copy)]
struct Cached {
    id: u32,
    count: u32,
}

impl Analyzer {
    /// An analyzer for `lang` (German for `de`, English otherwise).
    pub fn new(lang: &str) -> Analyzer {
        let algorithm = if Locale::of(lang).is_german() {
            Algorithm::German
        } else {
            Algorithm::English
        };
        Analyzer {
            short: HashMap::default(),
            long: HashMap::default(),
            vocab: Vocab {
                stemmer: Stemmer::create(algorithm),
                stopwords: stopwords(lang).iter().copied().collect(),
                ids: TermMap::default(),
                terms: Vec::new(),
            },
        }
    }

    /// The terms of `text`; stopwords are dropped unless `keep_stopwords`.
    pub fn terms(&mut self, text: &str, keep_stopwords: bool) -> Vec<String> {
        let mut ids = Vec::new();
        self.for_each_term(text, keep_stopwords, |id| ids.push(id));
        ids.into_iter()
            .map(|id| self.term_of(id).to_string())
            .collect()
    }

    /// Calls `f` with the id of each term of `text` in turn (see [`Analyzer::term_of`]),
    /// without allocating for words seen before. Counts each word (see
    /// [`Analyzer::word_counts`]).
    pub fn for_each_term(&mut self, text: &str, keep_stopwords: bool, mut f: impl FnMut(u32)) {
        for_each_word(text, |word| {
            // Shards cannot hold terms over 255 bytes (SEARCH.md), and stemming a
            // megabyte-long "word" would cost for nothing.
            if word.len() > MAX_WORD_BYTES {
                return;
            }
            let entry = self.cached(word);
            entry.count += 1;
            let cached = entry.id;
            if !keep_stopwords && cached & STOP != 0 {
                return;
            }
            let id = cached & !STOP;
            // A "word" of combining marks alone folds to nothing: not a term.
            if !self.vocab.terms[id as usize].is_empty() {
                f(id);
            }
        });
    }

    /// Each word [`Analyzer::for_each_term`] met, lower-cased as the analysis left it,
    /// with its term's id and how often it was met.
    pub fn word_counts(&self) -> impl Iterator<Item = (std::borrow::Cow<'_, str>, u32, u32)> {
        let short = self.short.iter().map(|(key, c)| {
            let bytes = key.to_le_bytes();
            let len = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
            let word = String::from_utf8_lossy(&bytes[..len]).into_owned();
            (std::borrow::Cow::Owned(word), *c)
        });
        let long = self
            .long
            .iter()
            .map(|(w, c)| (std::borrow::Cow::Borrowed(w.as_str()), *c));
        short
            .chain(long)
            .filter(|(_, c)| c.count > 0)
            .map(|(w, c)| (w, c.id & !STOP, c.count))
    }

    /// The term of an id this analyzer gave out.
    pub fn term_of(&self, id: u32) -> &Arc<str> {
        &self.vocab.terms[id as usize]
    }

    /// The terms this analyzer gave out, by id.
    pub fn all_terms(&self) -> &[Arc<str>] {
        &self.vocab.terms
    }

    /// Stem and fold one lower-case word.
    pub fn term(&mut self, word: &str) -> &Arc<str> {
        let id = self.cached(word).id & !STOP;
        self.term_of(id)
    }

    /// What the cache knows of a lower-case word: the id of its term (the same for
    /// every word with that term), with [`STOP`] set when the word is a stopword.
    fn cached(&mut self, word: &str) -> &mut Cached {
        let vocab = &mut self.vocab;
        if let Some(key) = short_key(word) {
            return self.short.entry(key).or_insert_with(|| Cached {
                id: vocab.new_id(word),
                count: 0,
            });
        }
        // Looked up twice when new: an entry would need the key owned for every hit.
        if !self.long.contains_key(word) {
            let id = vocab.new_id(word);
            self.long.insert(word.to_owned(), Cached { id, count: 0 });
        }
        self.long.get_mut(word).expect("inserted above")
    }
}

impl Vocab {
    /// The id of a word's term, with [`STOP`] set when it is a stopword.
    fn new_id(&mut self, word: &str) -> u32 {
        let term: Arc<str> = fold(&self.stemmer.stem(word)).into();
        let next = u32::try_from(self.terms.len())
            .ok()
            .filter(|n| n & STOP == 0)
            .expect("fewer than 2^31 distinct terms");
        let id = *self.ids.entry(Arc::clone(&term)).or_insert_with(|| {
            self.terms.push(term);
            next
        });
        let stop = if self.stopwords.contains(word) {
            STOP
        } else {
            0
        };
        id | stop
    }
}

/// A word of up to 16 bytes as a number: its bytes, zero-padded (a word holds no NUL,
/// so no two words share a key).
fn short_key(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    (bytes.len() <= 16).then(|| {
        let mut key = [0; 16];
        key[..bytes.len()].copy_from_slice(bytes);
        u128::from_le_bytes(key)
    })
}

/// A hash for the word cache that reads eight bytes at a time (FNV reads one): words
/// are hashed once per occurrence, millions of times per site.
#[derive(Default)]
pub struct WordHasher(u64);

impl WordHasher {
    const K: u64 = 0xf135_7aea_2e62_a9c5;

    fn add(&mut self, chunk: u64) {
        self.0 = (self.0.rotate_left(26) ^ chunk).wrapping_mul(Self::K);
    }
}

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        // The table picks buckets from the low bits and tags from the high ones: mix
        // the well-mixed high bits down.
        self.0 ^ (self.0 >> 29)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        let mut b = [0; 8];
        b[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(b) ^ (rest.len() as u64) << 59);
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u128(&mut self, n: u128) {
        #[allow(clippy::cast_possible_truncation)] // the two halves
        self.add(n as u64);
        self.add((n >> 64) as u64);
    }
}

/// The lower-case words of a text, per the contract: runs of letters, digits and marks;
/// a hyphenated word also yields its parts joined; one-letter words are dropped.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_owned()));
    out
}

/// Calls `f` with each word of `words`, in order.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let text: String = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        lowercase(text)
    } else {
        lowercase(&text.nfc().collect::<String>())
    };
    let keep = |w: &str| {
        w.chars().nth(1).is_some() || !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
    };
    let mut joined = String::new();
    let mut parts = 0;
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        // ASCII first: no table lookup for the common case.
        let in_word = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric() || is_combining_mark(c)
        };
        if in_word {
            start.get_or_insert(i);
            continue;
        }
        let hyphen =
            c == '-' && start.is_some() && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if let Some(s) = start.take() {
            let word = &text[s..i];
            if hyphen || parts > 0 {
                joined.push_str(word);
                parts += 1;
            }
            if keep(word) {
                f(word);
            }
        }
        if !hyphen {
            if parts > 1 && keep(&joined) {
                f(&joined);
            }
            joined.clear();
            parts = 0;
        }
    }
    if let Some(s) = start {
        let word = &text[s..];
        if parts > 0 {
            joined.push_str(word);
            parts += 1;
        }
        if keep(word) {
            f(word);
        }
    }
    if parts > 1 && keep(&joined) {
        f(&joined);
    }
}

/// `str::to_lowercase`, with runs of ASCII copied byte by byte rather than looked up
/// char by char.
fn lowercase(text: &str) -> String {
    // A capital sigma's lower case depends on its neighbours: leave it to std.
    if text.contains('Σ') {
        return text.to_lowercase();
    }
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        out.extend(rest[..ascii].bytes().map(|b| b.to_ascii_lowercase()));
        let mut tail = rest[ascii..].chars();
        if let Some(c) = tail.next() {
            for l in c.to_lowercase() {
                out.extend_from_slice(l.encode_utf8(&mut [0; 4]).as_bytes());
            }
        }
        rest = tail.as_str();
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_lowercase())
}

/// `ß` → `ss`, then strip diacritics (NFKD without combining marks).
pub fn fold(term: &str) -> String {
    term.replace('ß', "ss")
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_and_join_hyphenated() {
        assert_eq!(
            words("E-Mail-Management, 45 € für 2 Std."),
            [
                "mail",
                "management",
                "emailmanagement",
                "45",
                "für",
                "2",
                "std"
            ]
        );
    }

    #[test]
    fn german_terms_are_stemmed_and_folded() {
        let mut a = Analyzer::new("de");
        assert_eq!(a.terms("Rechnungen", false), a.terms("Rechnung", false));
        assert_eq!(a.terms("Stundensätze", false), ["stundensatz"]);
        assert_eq!(a.terms("Größe", false), a.terms("Grösse", false));
        assert!(a.terms("und der", false).is_empty());
        assert_eq!(a.terms("und", true).len(), 1);
    }

    #[test]
    fn marks_alone_are_no_term() {
        let mut a = Analyzer::new("de");
        assert!(a.terms("\u{301}\u{301}", true).is_empty());
        assert_eq!(a.terms("e\u{301}te\u{301}", true).len(), 1);
    }

    #[test]
    fn lowercase_is_std_lowercase() {
        for text in [
            "Größe ÄÖÜ straße",
            "ΌΣΟΣ Σ",
            "İstanbul ǅ ẞ",
            "",
            "MIXED Case, 45 €",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
        }
    }

    #[test]
    fn short_and_long_words_share_terms() {
        let mut a = Analyzer::new("de");
        let long = "donaudampfschifffahrtsgesellschaften";
        assert_eq!(a.terms(long, false), a.terms(&long.to_uppercase(), false));
        assert_eq!(a.terms("rechnungen", false), a.terms("Rechnung", false));
    }

    #[test]
    fn english_terms() {
        let mut a = Analyzer::new("en");
        assert_eq!(a.terms("invoices", false), a.terms("invoice", false));
        assert_eq!(a.terms("the", false), Vec::<String>::new());
    }
}
