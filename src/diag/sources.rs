//! The table of source files that diagnostics point into.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// Index of a file in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(u32);

#[derive(Debug, Clone)]
struct SourceFile {
    display: PathBuf,
    text: String,
}

/// Every user file read during a run, kept so diagnostics can show source lines.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file; `display` is the path shown to the user (relative to the site root).
    pub fn add(&mut self, display: impl Into<PathBuf>, text: impl Into<String>) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile {
            display: display.into(),
            text: text.into(),
        });
        id
    }

    /// Frees the text of every file but those `keep` names; their paths stay. A build
    /// does so once its Markdown is rendered, keeping the files its diagnostics show.
    /// The texts of the others read as empty from then on.
    pub fn retain_texts(&mut self, keep: impl Fn(FileId) -> bool) {
        for (n, file) in (0..).zip(self.files.iter_mut()) {
            if !keep(FileId(n)) {
                file.text = String::new();
            }
        }
    }

    /// Frees the text of a file from byte `at` on: a Markdown body that a build has
    /// rendered and that no diagnostic points into. What is before `at` stays.
    pub fn free_from(&mut self, id: FileId, at: usize) {
        let text = &mut self.files[id.0 as usize].text;
        if at < text.len() && text.is_char_boundary(at) {
            // A copy of what stays, so that the whole buffer is freed: holes the size
            // of a file, which the HTML rendered next can fill.
            *text = text[..at].to_owned();
        }
    }

    /// Replaces the text of a file (after an edit, in `vpagen serve`).
    pub fn replace(&mut self, id: FileId, text: String) {
        self.files[id.0 as usize].text = text;
    }

    /// The file shown as `display`, if it was read.
    pub fn find(&self, display: &Path) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.display == display)
            .and_then(|i| u32::try_from(i).ok())
            .map(FileId)
    }

    /// Whether a file that was read lies inside the folder `dir`.
    pub fn any_under(&self, dir: &Path) -> bool {
        self.files
            .iter()
            .any(|f| f.display != dir && f.display.starts_with(dir))
    }

    /// The path shown for a file.
    pub fn path(&self, id: FileId) -> &Path {
        &self.files[id.0 as usize].display
    }

    /// Every file, in the order they were added.
    pub fn ids(&self) -> impl Iterator<Item = FileId> + '_ {
        (0..self.files.len()).map(|i| FileId(u32::try_from(i).unwrap_or(u32::MAX)))
    }

    /// The text of a file.
    pub fn text(&self, id: FileId) -> &str {
        &self.files[id.0 as usize].text
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, id: FileId, offset: usize) -> (usize, usize) {
        line_col(self.text(id), offset)
    }

    /// The byte range of the line that holds `offset`, without its line break.
    pub fn line_range(&self, id: FileId, offset: usize) -> Range<usize> {
        line_range(self.text(id), offset)
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

fn line_range(text: &str, offset: usize) -> Range<usize> {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let end = if end > start && text.as_bytes()[end - 1] == b'\r' {
        end - 1
    } else {
        end
    };
    start..end
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retained_texts_stay_and_the_others_go_but_keep_their_paths() {
        let mut sources = Sources::new();
        let a = sources.add("content/a.md", "a text");
        let b = sources.add("content/b.md", "b text");
        sources.retain_texts(|id| id == b);
        assert_eq!(sources.text(a), "");
        assert_eq!(sources.path(a), Path::new("content/a.md"));
        assert_eq!(sources.text(b), "b text");
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "+++\ntitle = \"Büro\"\nx = 1\n";
        let offset = text.find("x =").unwrap();
        assert_eq!(line_col(text, offset), (3, 1));
        let offset = text.find('"').unwrap() + 4; // after `"Bü` (ü is two bytes)
        assert_eq!(line_col(text, offset), (2, 12));
    }

    #[test]
    fn line_range_strips_crlf() {
        let text = "a\r\nbc\r\n";
        assert_eq!(&text[line_range(text, 4)], "bc");
    }
}
