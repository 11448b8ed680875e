//! Format-preserving edits of a content file, for the forms of `vpagen serve`.
//!
//! A form sends [`Change`]s; [`apply`] makes them on the file's text and returns the
//! new text. The front matter is edited with `toml_edit` in place, so the file stays
//! the author's: comments, key order, spacing and quoting of everything a change does
//! not touch are kept, and setting one field changes one line. A changed value keeps
//! the old value's decoration (the spaces around it and a trailing comment); setting
//! a field to the value it has changes nothing. The body is replaced as text; the
//! fences, a leading BOM and the file's line endings (CRLF or LF) stay as they were.
//!
//! [`revision`] is a short hash of a file's text: a form carries the revision it was
//! opened on, and a save whose file has another revision on disk is a conflict.
//!
//! What does not travel when an entry of an array of tables (`[[steps]]`) moves: a
//! comment after an entry's last key belongs, in `toml_edit`, to the header of the
//! next entry (or to the end of the document), so it stays in its place. Comments
//! above an entry's header, and inside the entry, move with it.
//!
//! Pure: no I/O. Reading the file, comparing revisions and writing it back is the
//! caller's.

mod ops;
mod path;

use toml_edit::DocumentMut;

pub use path::dotted;

use crate::content::split;
use crate::diag::Sources;

/// One step of a key path in the front matter: a table key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(untagged)]
pub enum PathSeg {
    /// A key of a table or inline table.
    Key(String),
    /// An index of an array of tables or an array.
    Index(usize),
}

/// A value a form sends for a field.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum FieldValue {
    /// A string.
    String(String),
    /// A whole number.
    Integer(i64),
    /// `true` or `false`.
    Bool(bool),
    /// A date, written `YYYY-MM-DD`; written to the file as a TOML date.
    Date(String),
    /// A list of strings.
    StringList(Vec<String>),
}

/// One change of a form.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Change {
    /// Sets the value at `path` (creating the key in its table if missing).
    Set {
        /// Where the value goes.
        path: Vec<PathSeg>,
        /// The new value.
        value: FieldValue,
    },
    /// Removes the key or array entry at `path`.
    Remove {
        /// The key or entry to remove.
        path: Vec<PathSeg>,
    },
    /// Appends an empty entry (a table) to the array of tables / inline-table array at `path`.
    Append {
        /// The array.
        path: Vec<PathSeg>,
    },
    /// Moves the entry at index `from` of the array at `path` to index `to`.
    Move {
        /// The array.
        path: Vec<PathSeg>,
        /// The entry's index before the move.
        from: usize,
        /// The entry's index after the move.
        to: usize,
    },
    /// Replaces the Markdown body.
    Body {
        /// The new body.
        text: String,
    },
}

/// Why changes cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The file has no `+++` front matter to edit.
    #[error("the file has no front matter to edit: {0}")]
    NoFrontMatter(String),
    /// The front matter is not valid TOML.
    #[error(
        "the front matter is not valid TOML, so it cannot be edited in a form: {message} (line {line})"
    )]
    Parse {
        /// What the TOML parser found wrong.
        message: String,
        /// The line of the file (from 1) the problem is on.
        line: usize,
    },
    /// A change without a path.
    #[error("a change to the front matter needs the path of a key")]
    EmptyPath,
    /// Nothing is at the path.
    #[error("there is no `{0}` in the front matter")]
    NoSuchPath(String),
    /// A key was asked of something that is not a table.
    #[error("`{0}` is not a table, so it has no keys")]
    NotATable(String),
    /// An index or a move was asked of something that is not an array.
    #[error("`{0}` is not a list")]
    NotAnArray(String),
    /// An append was asked of an array whose entries are not tables.
    #[error("`{0}` is not a list of tables, so no empty entry can be added to it")]
    NotATableList(String),
    /// A single value was to replace a table or an array of tables.
    #[error("`{0}` is a table, not a single value")]
    NotAValue(String),
    /// An index past the end of an array.
    #[error("`{path}` has {len} entries, so there is no entry {index}")]
    IndexOutOfRange {
        /// The array, in dotted form.
        path: String,
        /// The index asked for.
        index: usize,
        /// The number of entries.
        len: usize,
    },
    /// A value that cannot be written as asked.
    #[error("cannot set `{path}`: {reason}")]
    BadValue {
        /// The field, in dotted form.
        path: String,
        /// What is wrong with the value.
        reason: String,
    },
}

/// The file's text after the changes, everything else byte for byte as it was.
///
/// The changes are made in order; the first that cannot be made is the error, and
/// then nothing is changed.
pub fn apply(file_text: &str, changes: &[Change]) -> Result<String, EditError> {
    let parts = split(Sources::new().add("", ""), file_text)
        .map_err(|d| EditError::NoFrontMatter(d.message))?;
    let front = &file_text[parts.front.clone()];
    let mut doc: DocumentMut = front.parse().map_err(|e: toml_edit::TomlError| {
        let at = parts.front.start + e.span().map_or(0, |span| span.start);
        EditError::Parse {
            message: e.message().trim().trim_end_matches('.').to_owned(),
            line: file_text[..at].matches('\n').count() + 1,
        }
    })?;
    let mut body = None;
    for change in changes {
        let root = doc.as_table_mut();
        match change {
            Change::Set { path, value } => ops::set(root, path, value)?,
            Change::Remove { path } => ops::remove(root, path)?,
            Change::Append { path } => ops::append(root, path)?,
            Change::Move { path, from, to } => ops::move_entry(root, path, *from, *to)?,
            Change::Body { text } => body = Some(text.as_str()),
        }
    }
    let crlf = uses_crlf(file_text);
    let new_front = doc.to_string();
    let mut out = String::with_capacity(file_text.len() + 64);
    out.push_str(&file_text[..parts.front.start]);
    if crlf && !has_lone_lf(front) {
        push_with_endings(&mut out, &new_front, true);
    } else {
        out.push_str(&new_front);
    }
    let fence = &file_text[parts.front.end..parts.body.start];
    out.push_str(fence);
    match body {
        Some(text) => {
            // A closing fence at the very end of the file has no line break yet.
            if !fence.ends_with('\n') && !text.is_empty() {
                out.push_str(if crlf { "\r\n" } else { "\n" });
            }
            push_with_endings(&mut out, text, crlf);
        }
        None => out.push_str(&file_text[parts.body]),
    }
    Ok(out)
}

/// The front-matter key path at byte `offset` of a file's text (where a diagnostic
/// points), e.g. `["packages", 1, "price"]`; `None` outside the front matter's keys.
pub fn field_at(file_text: &str, offset: usize) -> Option<Vec<PathSeg>> {
    let parts = split(Sources::new().add("", ""), file_text).ok()?;
    let at = offset.checked_sub(parts.front.start)?;
    if at > parts.front.len() {
        return None;
    }
    path::at_offset(&file_text[parts.front], at)
}

/// A short hash of a file's text (hex of `util::fnv1a`), sent with a form and compared on save to detect a change on disk.
pub fn revision(file_text: &str) -> String {
    format!("{:016x}", crate::util::fnv1a(file_text.as_bytes()))
}

/// Whether the file's first line (the opening fence) ends with CRLF.
fn uses_crlf(text: &str) -> bool {
    text.find('\n').is_some_and(|i| text[..i].ends_with('\r'))
}

/// Whether `text` has a line feed without a carriage return before it.
fn has_lone_lf(text: &str) -> bool {
    text.match_indices('\n')
        .any(|(i, _)| !text[..i].ends_with('\r'))
}

/// Appends `text` with every line break written as CRLF (`crlf`) or LF.
fn push_with_endings(out: &mut String, text: &str, crlf: bool) {
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        out.push_str(line);
        if lines.peek().is_some() {
            out.push_str(if crlf { "\r\n" } else { "\n" });
        }
    }
}

#[cfg(test)]
mod tests;
