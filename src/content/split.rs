//! Splitting a content file into TOML front matter and Markdown body, keeping the byte
//! offsets of both so every later diagnostic can point into the whole file.

use std::ops::Range;

use crate::diag::{Diagnostic, FileId};

/// A content file cut into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the TOML text (between the fences) in the file.
    pub front: Range<usize>,
    /// Byte range of the Markdown body in the file.
    pub body: Range<usize>,
}

/// Whether a line (without its line break) is a `+++` fence.
fn is_fence(line: &str) -> bool {
    line.trim_end() == "+++"
}

/// Splits `text` at its `+++` fences.
pub fn split(file: FileId, text: &str) -> Result<Split, Diagnostic> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    if text[start..].trim().is_empty() {
        return Err(Diagnostic::error("the file is empty")
            .at(file, 0..0)
            .label("nothing here")
            .help("a content file starts with a line `+++`, then TOML keys such as `title = \"…\"`, a closing `+++` and the Markdown body; `vpagen new` writes one"));
    }
    let first_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let first_line = text[start..first_end].trim_end_matches('\r');
    if !is_fence(first_line) {
        let hint = if first_line.trim_end() == "---" {
            "vpagen reads TOML front matter between `+++` lines; YAML (`---`) is not supported"
        } else {
            "start the file with a line `+++`, then the TOML keys, then another `+++` line"
        };
        return Err(Diagnostic::error("the file has no front matter")
            .at(file, start..first_end)
            .label("expected `+++` on the first line")
            .help(hint));
    }
    let front_start = (first_end + 1).min(text.len());
    let mut pos = front_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if is_fence(text[pos..end].trim_end_matches('\r')) {
            let body_start = (end + 1).min(text.len());
            let fence = pos..pos + text[pos..end].trim_end().len();
            doubled_fence(file, text, front_start..pos, fence, body_start)?;
            return Ok(Split {
                front: front_start..pos,
                body: body_start..text.len(),
            });
        }
        pos = end + 1;
    }
    if let Some(dashes) = closed_with_dashes(text, front_start) {
        return Err(Diagnostic::error("the front matter is closed with `---`")
            .at(file, dashes)
            .label("not a `+++` line")
            .help("TOML front matter is closed with `+++`: replace `---` with `+++`"));
    }
    Err(Diagnostic::error("the front matter is never closed")
        .at(file, start..start + 3)
        .label("opened here")
        .help("add a line `+++` after the last TOML key, before the Markdown body"))
}

/// In front matter that is never closed: the first `---` line, if the text before it
/// is valid TOML, so that line was meant as the closing fence (YAML's habit).
fn closed_with_dashes(text: &str, front_start: usize) -> Option<Range<usize>> {
    let mut pos = front_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end_matches('\r');
        if line.trim_end() == "---" {
            return toml::from_str::<toml::Table>(&text[front_start..pos])
                .is_ok()
                .then(|| pos..pos + 3);
        }
        pos = end + 1;
    }
    None
}

/// A `+++` line doubled at the start or at the end of the front matter: either the
/// keys would be read as Markdown (`+++`, `+++`, keys, `+++`) or a stray fence would
/// show on the page (`+++`, keys, `+++`, `+++`). Both are an error rather than a
/// page that silently lacks its keys or shows `+++`.
fn doubled_fence(
    file: FileId,
    text: &str,
    front: Range<usize>,
    fence: Range<usize>,
    body_start: usize,
) -> Result<(), Diagnostic> {
    // The first non-blank line of the body, with its range.
    let mut pos = body_start;
    let mut first_body_line = None;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end_matches('\r');
        if !line.trim().is_empty() {
            first_body_line = Some((pos..pos + line.len(), is_fence(line)));
            break;
        }
        pos = end + 1;
    }
    match first_body_line {
        Some((line, true)) => Err(Diagnostic::error("the front matter is closed twice")
            .at(file, line)
            .label("second closing `+++`")
            .help("remove this line: the Markdown body starts after the first closing `+++`")),
        Some(_) if text[front].trim().is_empty() && has_fence(&text[body_start..]) => {
            Err(Diagnostic::error("the front matter is opened twice")
                .at(file, fence)
                .label("second opening `+++`, so the front matter is empty")
                .help("remove one of the two `+++` lines at the top of the file"))
        }
        _ => Ok(()),
    }
}

/// Whether any line of `text` is a `+++` fence.
fn has_fence(text: &str) -> bool {
    text.lines().any(|l| is_fence(l.trim_end_matches('\r')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Sources;

    fn file() -> FileId {
        Sources::new().add("x.md", "")
    }

    #[test]
    fn splits_with_offsets() {
        let text = "+++\ntitle = \"a\"\n+++\n# Body\n";
        let s = split(file(), text).unwrap();
        assert_eq!(&text[s.front.clone()], "title = \"a\"\n");
        assert_eq!(&text[s.body.clone()], "# Body\n");
    }

    #[test]
    fn handles_crlf_and_bom() {
        let text = "\u{feff}+++\r\na = 1\r\n+++\r\nbody";
        let s = split(file(), text).unwrap();
        assert_eq!(&text[s.front.clone()], "a = 1\r\n");
        assert_eq!(&text[s.body], "body");
    }

    #[test]
    fn reports_unclosed_and_missing() {
        assert!(
            split(file(), "+++\na = 1\n")
                .unwrap_err()
                .message
                .contains("never closed")
        );
        assert!(
            split(file(), "---\na: 1\n---\n")
                .unwrap_err()
                .help
                .unwrap()
                .contains("YAML")
        );
        assert!(split(file(), "  \n").unwrap_err().message.contains("empty"));
        let dashes = "+++\ntitle = \"a\"\n---\nText\n";
        let closed = split(file(), dashes).unwrap_err();
        assert_eq!(closed.message, "the front matter is closed with `---`");
        let at = closed.location.unwrap().span;
        assert_eq!((at.start, &dashes[at]), (16, "---"));
        // A `---` after text that is no TOML is a rule in a body that lacks its fence.
        let body = split(file(), "+++\ntitle = \"a\"\nText\n---\n").unwrap_err();
        assert_eq!(body.message, "the front matter is never closed");
        let opened = split(file(), "+++\r\n+++\r\na = 1\r\n+++\r\nbody").unwrap_err();
        assert!(opened.message.contains("opened twice"));
        let closed = split(file(), "+++\na = 1\n+++\n\n+++\nbody").unwrap_err();
        assert!(closed.message.contains("closed twice"));
        // An empty front matter alone is not a doubled fence (a missing key says more).
        assert!(split(file(), "+++\n+++\nbody").is_ok());
        // A `+++` line further down the body is Markdown like any other.
        assert!(split(file(), "+++\na = 1\n+++\nText\n+++\n").is_ok());
    }
}
