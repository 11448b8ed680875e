//! Walking a key path through a `toml_edit` document, and naming a path in the
//! dotted form authors know from error messages (`steps[3].title`).

use std::fmt::Write as _;

use toml_edit::{Item, Table, Value};

use super::{EditError, PathSeg};

/// A place in the document a path can lead to: `toml_edit` keeps tables of the
/// document, entries of an array of tables and values inside inline tables and
/// arrays in three different types.
pub(super) enum Node<'a> {
    /// An item of a table: a value, a table or an array of tables.
    Item(&'a mut Item),
    /// An entry of an array of tables.
    Table(&'a mut Table),
    /// A value inside an inline table or an array.
    Value(&'a mut Value),
}

impl Node<'_> {
    /// The node with a value item seen as the value, so one match arm covers a
    /// value wherever it stands.
    pub(super) fn flat(self) -> Self {
        match self {
            Node::Item(Item::Value(value)) => Node::Value(value),
            other => other,
        }
    }
}

/// The node at `path` below `root`.
pub(super) fn resolve<'a>(root: &'a mut Table, path: &[PathSeg]) -> Result<Node<'a>, EditError> {
    let mut node = Node::Table(root);
    for end in 1..=path.len() {
        node = child(node, &path[..end])?;
    }
    Ok(node)
}

/// The child of `node` named by the last step of `at` (the path from the root).
fn child<'a>(node: Node<'a>, at: &[PathSeg]) -> Result<Node<'a>, EditError> {
    let (seg, parent) = at.split_last().expect("a path of one step at least");
    match (node.flat(), seg) {
        (Node::Item(Item::Table(table)) | Node::Table(table), PathSeg::Key(key)) => table
            .get_mut(key)
            .filter(|item| !item.is_none())
            .map(Node::Item)
            .ok_or_else(|| EditError::NoSuchPath(dotted(at))),
        (Node::Value(Value::InlineTable(table)), PathSeg::Key(key)) => table
            .get_mut(key)
            .map(Node::Value)
            .ok_or_else(|| EditError::NoSuchPath(dotted(at))),
        (Node::Item(Item::ArrayOfTables(tables)), PathSeg::Index(index)) => {
            let len = tables.len();
            tables
                .get_mut(*index)
                .map(Node::Table)
                .ok_or_else(|| out_of_range(parent, *index, len))
        }
        (Node::Value(Value::Array(array)), PathSeg::Index(index)) => {
            let len = array.len();
            array
                .get_mut(*index)
                .map(Node::Value)
                .ok_or_else(|| out_of_range(parent, *index, len))
        }
        (_, PathSeg::Key(_)) => Err(EditError::NotATable(dotted(parent))),
        (_, PathSeg::Index(_)) => Err(EditError::NotAnArray(dotted(parent))),
    }
}

/// The error for an index past the end of the array at `path`.
pub(super) fn out_of_range(path: &[PathSeg], index: usize, len: usize) -> EditError {
    EditError::IndexOutOfRange {
        path: dotted(path),
        index,
        len,
    }
}

/// A path in dotted form: `steps[3].title`; keys that are not bare TOML keys are
/// quoted (`"a b"`), the empty path is "the front matter".
pub fn dotted(path: &[PathSeg]) -> String {
    if path.is_empty() {
        return "the front matter".to_owned();
    }
    let mut out = String::new();
    for seg in path {
        match seg {
            PathSeg::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                let bare = !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                if bare {
                    out.push_str(key);
                } else {
                    let _ = write!(out, "{key:?}");
                }
            }
            PathSeg::Index(index) => {
                let _ = write!(out, "[{index}]");
            }
        }
    }
    out
}

/// The key path of the front matter at byte `at` of the front matter's text: the
/// deepest key, value or `[[header]]` whose span holds it, so that a diagnostic can
/// be shown at its field. `None` when `at` is in no key's line or the text does not
/// parse.
pub(super) fn at_offset(front: &str, at: usize) -> Option<Vec<PathSeg>> {
    let doc = toml_edit::Document::parse(front).ok()?;
    let mut path = Vec::new();
    in_table(doc.as_table(), at, &mut path).then_some(path)
}

fn holds(span: Option<std::ops::Range<usize>>, at: usize) -> bool {
    span.is_some_and(|s| s.contains(&at) || (s.is_empty() && s.start == at))
}

fn in_table(table: &Table, at: usize, path: &mut Vec<PathSeg>) -> bool {
    for (name, _) in table {
        let Some((key, item)) = table.get_key_value(name) else {
            continue;
        };
        path.push(PathSeg::Key(name.to_owned()));
        let inside = match item {
            Item::Value(value) => in_value(value, at, path) || holds(key.span(), at),
            Item::Table(sub) => in_table(sub, at, path) || holds(sub.span(), at),
            Item::ArrayOfTables(tables) => tables.iter().enumerate().any(|(i, sub)| {
                path.push(PathSeg::Index(i));
                let found = in_table(sub, at, path) || holds(sub.span(), at);
                if !found {
                    path.pop();
                }
                found
            }),
            Item::None => false,
        };
        if inside {
            return true;
        }
        path.pop();
    }
    false
}

fn in_value(value: &Value, at: usize, path: &mut Vec<PathSeg>) -> bool {
    let inner = match value {
        Value::Array(array) => array.iter().enumerate().any(|(i, v)| {
            path.push(PathSeg::Index(i));
            let found = in_value(v, at, path);
            if !found {
                path.pop();
            }
            found
        }),
        Value::InlineTable(table) => table.iter().any(|(name, v)| {
            path.push(PathSeg::Key(name.to_owned()));
            let found = in_value(v, at, path)
                || table
                    .get_key_value(name)
                    .is_some_and(|(key, _)| holds(key.span(), at));
            if !found {
                path.pop();
            }
            found
        }),
        _ => false,
    };
    inner || holds(value.span(), at)
}
