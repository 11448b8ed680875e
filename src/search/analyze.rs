//! Text analysis, identical in Rust and in the browser client (see
//! `themes/default/SEARCH.md`): NFC, lower case, words as runs of letters, digits and
//! marks, hyphenated words also joined, stopwords, Snowball stemming, folding.

use std::collections::{HashMap, HashSet};

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

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
    if lang == "de" {
        STOPWORDS_DE
    } else {
        STOPWORDS_EN
    }
}

/// Analyses texts of one language, caching stems (a site repeats its words a lot).
pub struct Analyzer {
    stemmer: Stemmer,
    stopwords: HashSet<&'static str>,
    cache: HashMap<String, String>,
}

impl Analyzer {
    /// An analyzer for `lang` (German for `de`, English otherwise).
    pub fn new(lang: &str) -> Analyzer {
        let algorithm = if lang == "de" {
            Algorithm::German
        } else {
            Algorithm::English
        };
        Analyzer {
            stemmer: Stemmer::create(algorithm),
            stopwords: stopwords(lang).iter().copied().collect(),
            cache: HashMap::new(),
        }
    }

    /// The terms of `text`; stopwords are dropped unless `keep_stopwords`.
    pub fn terms(&mut self, text: &str, keep_stopwords: bool) -> Vec<String> {
        let mut out = Vec::new();
        for word in words(text) {
            if !keep_stopwords && self.stopwords.contains(&word.as_str()) {
                continue;
            }
            out.push(self.term(&word));
        }
        out
    }

    /// Stem and fold one lower-case word.
    pub fn term(&mut self, word: &str) -> String {
        if let Some(t) = self.cache.get(word) {
            return t.clone();
        }
        let t = fold(&self.stemmer.stem(word));
        self.cache.insert(word.to_owned(), t.clone());
        t
    }
}

/// The lower-case words of a text, per the contract: runs of letters, digits and marks;
/// a hyphenated word also yields its parts joined; one-letter words are dropped.
pub fn words(text: &str) -> Vec<String> {
    let text: String = text.nfc().collect::<String>().to_lowercase();
    let mut out = Vec::new();
    let mut current = String::new();
    let mut joined = String::new();
    let mut parts = 0;
    let mut chars = text.chars().peekable();
    let flush = |w: &mut String, out: &mut Vec<String>| {
        if w.chars().count() > 1 || w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty() {
            out.push(std::mem::take(w));
        } else {
            w.clear();
        }
    };
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || is_combining_mark(c) {
            current.push(c);
            continue;
        }
        let hyphen =
            c == '-' && !current.is_empty() && chars.peek().is_some_and(|n| n.is_alphanumeric());
        if !current.is_empty() {
            joined.push_str(&current);
            parts += 1;
            flush(&mut current, &mut out);
        }
        if !hyphen {
            if parts > 1 {
                flush(&mut joined, &mut out);
            }
            joined.clear();
            parts = 0;
        }
    }
    if !current.is_empty() {
        joined.push_str(&current);
        parts += 1;
        flush(&mut current, &mut out);
    }
    if parts > 1 {
        flush(&mut joined, &mut out);
    }
    out
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
    fn english_terms() {
        let mut a = Analyzer::new("en");
        assert_eq!(a.terms("invoices", false), a.terms("invoice", false));
        assert_eq!(a.terms("the", false), Vec::<String>::new());
    }
}
