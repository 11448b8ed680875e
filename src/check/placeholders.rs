//! C15: placeholders left in the text. The starter of `vpagen init` and the files of
//! `vpagen new` mark everything an agency must write itself with `TODO`; each such
//! mark in `site.toml` or a content file is a warning until it is gone, and
//! `--strict` refuses to build while one is left.

use crate::diag::{Diagnostic, Diagnostics, FileId, Sources};

/// The mark of a placeholder: the word itself, in capitals.
const MARK: &str = "TODO";

/// Warns at every placeholder mark in the site's own files.
pub(super) fn check(sources: &Sources, diags: &mut Diagnostics) {
    for file in sources.ids().filter(|&f| is_site_file(sources, f)) {
        let text = sources.text(file);
        for at in marks(text) {
            let line = sources.line_range(file, at);
            let end = text[at..line.end]
                .find(['"', '\n'])
                .map_or(line.end, |n| at + n);
            diags.push(
                Diagnostic::warning("a placeholder is still in the text")
                    .code("C15")
                    .at(file, at..end)
                    .label("a TODO mark: text still to write")
                    .help("write your own text here and remove the TODO; `vpagen build --strict` refuses to build while one is left"),
            );
        }
    }
}

/// Whether `text` holds a placeholder mark. A build asks this of every content file,
/// so memchr's search looks for the word first.
pub fn has_placeholder(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), MARK.as_bytes()).is_some() && marks(text).next().is_some()
}

/// `site.toml` and the Markdown files of `content/`, not theme templates.
fn is_site_file(sources: &Sources, file: FileId) -> bool {
    let path = sources.path(file);
    path == std::path::Path::new("site.toml")
        || (path.starts_with("content")
            && path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md")))
}

/// Byte offsets of `TODO` standing as a word (not inside `TODOS` or `xTODO`).
fn marks(text: &str) -> impl Iterator<Item = usize> + '_ {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(MARK)
        .map(|(at, _)| at)
        .filter(move |&at| {
            !word(text[..at].chars().next_back()) && !word(text[at + MARK.len()..].chars().next())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_word_counts() {
        let text = "TODO: a\nno TODOS or xTODO here\n# TODO b\n\"TODO\"";
        let found: Vec<usize> = marks(text).collect();
        assert_eq!(found, [0, 33, 41]);
    }
}
