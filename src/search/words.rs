//! The word of each term (SEARCH.md, "words"): what "Did you mean" offers in place of
//! a stem. A term's word is the one of the site's text (title, meta, headings, body)
//! that has that term most often, lower-cased as the analysis leaves it; ties go to the
//! shorter, then the smaller word. One file per term shard: the words of its terms in
//! the shard's order, one a line, an empty line where the word is the term itself.

use std::sync::Arc;

use super::analyze::{Analyzer, TermMap};

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

/// The word of every term the analyzers met (see the module's comment): each word's
/// count is summed over the analyzers that met it.
pub(super) fn words_by_term<'a>(
    analyzers: impl Iterator<Item = &'a Analyzer>,
) -> TermMap<Arc<str>, String> {
    let mut counts: TermMap<String, (u32, &Arc<str>)> = TermMap::default();
    for a in analyzers {
        for (word, id, n) in a.word_counts() {
            match counts.get_mut(word.as_ref()) {
                Some((sum, _)) => *sum += n,
                None => {
                    counts.insert(word.into_owned(), (n, a.term_of(id)));
                }
            }
        }
    }
    let mut best: TermMap<&Arc<str>, (&str, u32)> = TermMap::default();
    for (word, (n, term)) in &counts {
        let slot = best.entry(term).or_insert((word, 0));
        if better(word, *n, *slot) {
            *slot = (word, *n);
        }
    }
    best.into_iter()
        .map(|(t, (w, _))| (Arc::clone(t), w.to_owned()))
        .collect()
}

/// The words file of each shard (uncompressed): `words` is [`words_by_term`], `vocab`
/// the sorted vocabulary and `shards` the shard table (first term, file) that the
/// shards were written with.
pub(super) fn per_shard(
    words: &TermMap<Arc<str>, String>,
    vocab: &[Arc<str>],
    shards: &[[String; 2]],
) -> Vec<Vec<u8>> {
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

    /// The words of `texts`, as the analysis of a page counts them.
    fn words_of(texts: &[&str]) -> TermMap<Arc<str>, String> {
        let mut a = Analyzer::new("de");
        for t in texts {
            a.for_each_term(t, false, |_| {});
        }
        words_by_term(std::iter::once(&a))
    }

    #[test]
    fn a_term_gets_its_most_frequent_word() {
        let words = words_of(&[
            "Scheinselbstständigkeit prüfen: Rechnungen, Rechnung.",
            "Rechnungen schreiben, Scheinselbstständigkeit vermeiden.",
        ]);
        assert_eq!(words["scheinselbststand"], "scheinselbstständigkeit");
        assert_eq!(words["rechnung"], "rechnungen");
    }

    #[test]
    fn files_follow_the_shards_and_leave_a_term_that_is_a_word_empty() {
        let words = words_of(&["Titel", "Rechnungen Aufgaben Aufgaben zahlen"]);
        let mut vocab: Vec<Arc<str>> = ["aufgab", "rechnung", "titel", "zahl"]
            .map(Arc::from)
            .to_vec();
        vocab.sort();
        let shards = [
            ["aufgab".to_owned(), "a".to_owned()],
            ["titel".to_owned(), "b".to_owned()],
        ];
        let files = per_shard(&words, &vocab, &shards);
        assert_eq!(files.len(), 2);
        assert_eq!(String::from_utf8_lossy(&files[0]), "aufgaben\nrechnungen");
        assert_eq!(String::from_utf8_lossy(&files[1]), "\nzahlen");
    }
}
