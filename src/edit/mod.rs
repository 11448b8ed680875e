//! Edits of content files that keep everything else of the file as it was.
//!
//! A minimal stand-in with the final API: only [`Change::Body`] is applied, every other
//! change is refused as [`EditError::Unsupported`].

/// One step of a path into the front matter: a key of a table or an index of a list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(untagged)]
pub enum PathSeg {
    /// A key of a table.
    Key(String),
    /// An index of a list.
    Index(usize),
}

/// A typed value of a front matter field.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum FieldValue {
    /// A string.
    String(String),
    /// An integer.
    Integer(i64),
    /// A boolean.
    Bool(bool),
    /// A date, `YYYY-MM-DD`.
    Date(String),
    /// A list of strings.
    StringList(Vec<String>),
}

/// One change of a content file.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Change {
    /// Sets the field at `path`.
    Set {
        /// Where.
        path: Vec<PathSeg>,
        /// The new value.
        value: FieldValue,
    },
    /// Removes the field or list entry at `path`.
    Remove {
        /// Where.
        path: Vec<PathSeg>,
    },
    /// Appends an empty entry to the list of tables at `path`.
    Append {
        /// Where.
        path: Vec<PathSeg>,
    },
    /// Moves an entry of the list at `path`.
    Move {
        /// The list.
        path: Vec<PathSeg>,
        /// The entry's index.
        from: usize,
        /// Its new index.
        to: usize,
    },
    /// Replaces the body (the text after the front matter).
    Body {
        /// The new body.
        text: String,
    },
}

/// Why a change cannot be applied.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The change is not supported.
    #[error("{0}")]
    Unsupported(String),
}

/// `file_text` with `changes` applied in order.
pub fn apply(file_text: &str, changes: &[Change]) -> Result<String, EditError> {
    let mut text = file_text.to_owned();
    for change in changes {
        let Change::Body { text: body } = change else {
            return Err(EditError::Unsupported(
                "only body changes are supported".to_owned(),
            ));
        };
        let head = front_matter_end(&text);
        text = format!("{}{body}", &text[..head]);
    }
    Ok(text)
}

/// Where the body of `text` starts: after the line that closes the `+++` front matter,
/// or 0 when there is none.
fn front_matter_end(text: &str) -> usize {
    let Some(rest) = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
    else {
        return 0;
    };
    let mut at = text.len() - rest.len();
    for line in rest.split_inclusive('\n') {
        at += line.len();
        if line.trim_end() == "+++" {
            return at;
        }
    }
    0
}

/// The revision of a file's text: changes whenever the text does.
pub fn revision(file_text: &str) -> String {
    format!("{:016x}", crate::util::fnv1a(file_text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_change_keeps_the_front_matter() {
        let text = "+++\ntitle = \"A\"\n+++\nold\n";
        let out = apply(
            text,
            &[Change::Body {
                text: "new\n".into(),
            }],
        )
        .unwrap();
        assert_eq!(out, "+++\ntitle = \"A\"\n+++\nnew\n");
        assert_ne!(revision(text), revision(&out));
    }
}
