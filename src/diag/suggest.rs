//! "Did you mean" suggestions for unknown ids and keys.

/// The candidate closest to `unknown` by edit distance, if it is close enough to be
/// a plausible typo (at most a third of the length, and at least one edit allowed).
pub fn did_you_mean<'a, I>(unknown: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let limit = (unknown.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(unknown, c), c))
        .filter(|&(d, c)| d <= limit && d > 0 || c.eq_ignore_ascii_case(unknown))
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_close_ids_only() {
        let ids = ["englisch", "deutsch", "office-programme"];
        assert_eq!(did_you_mean("englsch", ids), Some("englisch"));
        assert_eq!(did_you_mean("deutch", ids), Some("deutsch"));
        assert_eq!(did_you_mean("buchhaltung", ids), None);
    }
}
