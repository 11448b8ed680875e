//! Reads index files back: what a test needs to look inside a shard. The search itself
//! (scoring, typo tolerance, synonyms) is the browser client's alone
//! (`themes/default/static/js/search-core.js`); `cargo test` runs it under Node.

use std::collections::BTreeMap;
use std::io::Read as _;

use flate2::read::GzDecoder;

use super::varint;

/// Decoded postings of one term: (doc id, posting byte).
pub type Postings = Vec<(usize, u8)>;

/// Decodes a gzipped term shard into term → postings (format `VPS2`, see
/// `themes/default/SEARCH.md`); empty when the bytes are no such shard.
pub fn decode_shard(gz: &[u8]) -> BTreeMap<String, Postings> {
    let mut bytes = Vec::new();
    if GzDecoder::new(gz).read_to_end(&mut bytes).is_err() || !bytes.starts_with(b"VPS2") {
        return BTreeMap::new();
    }
    let mut pos = 4;
    let count = varint::read(&bytes, &mut pos);
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
        let df = varint::read(&bytes, &mut pos);
        let mut docs = Vec::new();
        let mut last = 0;
        for i in 0..df {
            let d = varint::read(&bytes, &mut pos);
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
