//! The word of each term (SEARCH.md, "words"): what "Did you mean" offers in place of
//! a stem. A term's word is the one of the site's text (title, meta, headings, body)
//! that has that term most often, lower-cased as the analysis leaves it; ties go to the
//! shorter, then the smaller word. One file per term shard: the words of its terms in
//! the shard's order, one a line, an empty line where the word is the term itself.

use std::sync::Arc;

use rayon::prelude::*;

use super::Record;
use super::analyze::{Analyzer, MAX_WORD_BYTES, TermMap, for_each_word};

/// How often each lower-case word occurs in the texts of `records`.
fn word_counts(records: &[Record]) -> TermMap<String, u32> {
    records
        .par_iter()
        .fold(TermMap::default, |mut counts, r| {
            let texts = std::iter::once(&r.title)
                .chain(&r.meta)
                .chain(&r.headings)
                .chain(std::iter::once(&r.body));
            for text in texts {
                for_each_word(text, |w| {
                    if w.len() > MAX_WORD_BYTES {
                        return;
                    }
                    match counts.get_mut(w) {
                        Some(n) => *n += 1,
                        None => {
                            counts.insert(w.to_owned(), 1);
                        }
                    }
                });
            }
            counts
        })
        .reduce(TermMap::default, |a, b| {
            let (mut big, small) = if a.len() < b.len() { (b, a) } else { (a, b) };
            for (w, n) in small {
                *big.entry(w).or_default() += n;
            }
            big
        })
}

/// Whether `(word, count)` makes a better word of its term than `other`.
fn better(word: &str, count: u32, other: (&str, u32)) -> bool {
    (
        count,
        std::cmp::Reverse(word.len()),
        std::cmp::Reverse(word),
    ) > (
        other.1,
        std::cmp::Reverse(other.0.len()),
        std::cmp::Reverse(other.0),
    )
}

/// The word of every term of `lang` in `records` (see the module's comment).
fn words_by_term(lang: &str, records: &[Record]) -> TermMap<Arc<str>, String> {
    let counts: Vec<(String, u32)> = word_counts(records).into_iter().collect();
    let terms: Vec<Arc<str>> = counts
        .par_iter()
        .map_init(|| Analyzer::new(lang), |a, (w, _)| Arc::clone(a.term(w)))
        .collect();
    let mut best: TermMap<Arc<str>, (&str, u32)> = TermMap::default();
    for (term, (word, n)) in terms.into_iter().zip(&counts) {
        let slot = best.entry(term).or_insert((word, 0));
        if better(word, *n, *slot) {
            *slot = (word, *n);
        }
    }
    best.into_iter()
        .map(|(t, (w, _))| (t, w.to_owned()))
        .collect()
}

/// The words file of each shard (uncompressed): `vocab` is the sorted vocabulary and
/// `shards` the shard table (first term, file) that the shards were written with.
pub(super) fn per_shard(
    lang: &str,
    records: &[Record],
    vocab: &[Arc<str>],
    shards: &[[String; 2]],
) -> Vec<Vec<u8>> {
    let words = words_by_term(lang, records);
    let mut files = vec![String::new(); shards.len()];
    let mut shard = 0;
    let mut lines = 0;
    // The shards skip the terms they cannot hold (over 255 bytes); so does this.
    for term in vocab.iter().filter(|t| t.len() <= 255) {
        while shard + 1 < shards.len() && shards[shard + 1][0].as_str() <= term.as_ref() {
            shard += 1;
            lines = 0;
        }
        let file = &mut files[shard];
        if lines > 0 {
            file.push('\n');
        }
        lines += 1;
        match words.get(term) {
            Some(w) if w.as_str() != term.as_ref() => file.push_str(w),
            _ => {}
        }
    }
    files.into_iter().map(String::into_bytes).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(body: &str) -> Record {
        Record {
            url: "/x/".into(),
            title: "Titel".into(),
            kind: "page",
            category: String::new(),
            category_label: String::new(),
            breadcrumb: String::new(),
            description: String::new(),
            meta: Vec::new(),
            headings: Vec::new(),
            body: body.into(),
            sections: Vec::new(),
        }
    }

    #[test]
    fn a_term_gets_its_most_frequent_word() {
        let records = [
            record("Scheinselbstständigkeit prüfen: Rechnungen, Rechnung."),
            record("Rechnungen schreiben, Scheinselbstständigkeit vermeiden."),
        ];
        let words = words_by_term("de", &records);
        assert_eq!(words["scheinselbststand"], "scheinselbstständigkeit");
        assert_eq!(words["rechnung"], "rechnungen");
    }

    #[test]
    fn files_follow_the_shards_and_leave_a_term_that_is_a_word_empty() {
        let records = [record("Rechnungen Aufgaben Aufgaben zahlen")];
        let mut vocab: Vec<Arc<str>> = ["aufgab", "rechnung", "titel", "zahl"]
            .map(Arc::from)
            .to_vec();
        vocab.sort();
        let shards = [
            ["aufgab".to_owned(), "a".to_owned()],
            ["titel".to_owned(), "b".to_owned()],
        ];
        let files = per_shard("de", &records, &vocab, &shards);
        assert_eq!(files.len(), 2);
        assert_eq!(String::from_utf8_lossy(&files[0]), "aufgaben\nrechnungen");
        assert_eq!(String::from_utf8_lossy(&files[1]), "\nzahlen");
    }
}
