//! Where in a parsed document a `toml` error lies, and taking an entry out of the
//! document, so that deserializing can go on past a problem and find the next one.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::Seg;
use crate::diag::did_you_mean;

/// One step of a path into a parsed document: an owned [`Seg`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    /// A table key.
    Key(String),
    /// An array index.
    Index(usize),
}

impl Step {
    fn matches(&self, seg: &Seg<'_>) -> bool {
        match (self, seg) {
            (Step::Key(a), Seg::Key(b)) => a == b,
            (Step::Index(a), Seg::Index(b)) => a == b,
            _ => false,
        }
    }
}

/// A key, a value or an element of an array, with its place in the text.
struct Node {
    path: Vec<Step>,
    /// The key's span, for table entries.
    key: Option<Range<usize>>,
    /// The value's span (for a `[table]`, its header).
    value: Range<usize>,
}

/// Every node under `table`, depth first.
fn nodes(table: &DeTable<'_>, prefix: &[Step], out: &mut Vec<Node>) {
    for (key, value) in table {
        let mut path = prefix.to_vec();
        path.push(Step::Key(key.get_ref().to_string()));
        out.push(Node {
            path: path.clone(),
            key: Some(key.span()),
            value: value.span(),
        });
        children(value, &path, out);
    }
}

fn children(value: &Spanned<DeValue<'_>>, path: &[Step], out: &mut Vec<Node>) {
    match value.get_ref() {
        DeValue::Table(table) => nodes(table, path, out),
        DeValue::Array(array) => {
            for (i, item) in array.iter().enumerate() {
                let mut path = path.to_vec();
                path.push(Step::Index(i));
                out.push(Node {
                    path: path.clone(),
                    key: None,
                    value: item.span(),
                });
                children(item, &path, out);
            }
        }
        _ => {}
    }
}

fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// The path of the deepest key or value whose span holds `span` (a wrong value, an
/// unknown key); empty when none does.
pub(super) fn deepest(root: &DeTable<'_>, span: &Range<usize>) -> Vec<Step> {
    let mut all = Vec::new();
    nodes(root, &[], &mut all);
    all.into_iter()
        .filter(|n| contains(&n.value, span) || n.key.as_ref().is_some_and(|k| contains(k, span)))
        .max_by_key(|n| n.path.len())
        .map(|n| n.path)
        .unwrap_or_default()
}

/// The path of the table whose span is `span`: `toml` reports a missing key at the
/// table that lacks it. Empty for the top level.
pub(super) fn table_at(root: &DeTable<'_>, span: &Range<usize>) -> Vec<Step> {
    let mut all = Vec::new();
    nodes(root, &[], &mut all);
    all.into_iter()
        .filter(|n| n.value == *span)
        .max_by_key(|n| n.path.len())
        .map(|n| n.path)
        .unwrap_or_default()
}

/// The table entry a path lies in: the path itself, or, for an element of an array,
/// the key that holds the array. `None` for the top level.
pub(super) fn entry_of(path: &[Step]) -> Option<Vec<Step>> {
    let last_key = path.iter().rposition(|s| matches!(s, Step::Key(_)))?;
    Some(path[..=last_key].to_vec())
}

/// The table that holds what `path` points at, for messages: the path up to its last
/// key (or, for a missing key, `path` itself, which is then the table).
pub(super) fn holder(path: &[Step]) -> &[Step] {
    path.iter()
        .rposition(|s| matches!(s, Step::Key(_)))
        .map_or(&[], |i| &path[..i])
}

/// A table by its path, for messages: `site.toml` for the top level, else
/// `[agency] of site.toml` or `[[category]] of site.toml`.
pub(super) fn table_name(table: &[Step], what: &str) -> String {
    let keys: Vec<&str> = table
        .iter()
        .filter_map(|s| match s {
            Step::Key(k) => Some(k.as_str()),
            Step::Index(_) => None,
        })
        .collect();
    if keys.is_empty() {
        return what.to_owned();
    }
    let name = keys.join(".");
    if matches!(table.last(), Some(Step::Index(_))) {
        format!("[[{name}]] of {what}")
    } else {
        format!("[{name}] of {what}")
    }
}

/// Takes the entry at `path` out of `table`; false when there is none.
pub(super) fn remove(table: &mut DeTable<'_>, path: &[Step]) -> bool {
    match path {
        [Step::Key(key)] => {
            let found = table.keys().find(|k| k.get_ref() == key.as_str()).cloned();
            found.is_some_and(|k| table.remove(&k).is_some())
        }
        [Step::Key(key), rest @ ..] => table
            .iter_mut()
            .find(|(k, _)| k.get_ref() == key.as_str())
            .is_some_and(|(_, value)| remove_in(value.get_mut(), rest)),
        _ => false,
    }
}

fn remove_in(value: &mut DeValue<'_>, path: &[Step]) -> bool {
    match (value, path) {
        (DeValue::Table(table), _) => remove(table, path),
        (DeValue::Array(array), [Step::Index(i), rest @ ..]) => array
            .get_mut(*i)
            .is_some_and(|item| remove_in(item.get_mut(), rest)),
        _ => false,
    }
}

/// Whether `path` begins with `prefix`.
fn starts_with(path: &[Step], prefix: &[Seg<'_>]) -> bool {
    path.len() >= prefix.len() && path.iter().zip(prefix).all(|(s, g)| s.matches(g))
}

/// The entries of a document that could not be read: each was reported and taken out
/// before the rest was read. Checks that would only repeat such a problem in other
/// words (a key that "is missing" because its value could not be read) ask here.
#[derive(Debug, Default)]
pub struct Unread(Vec<Vec<Step>>);

impl Unread {
    /// Whether anything at or under `path` could not be read.
    pub fn under(&self, path: &[Seg<'_>]) -> bool {
        self.0.iter().any(|p| starts_with(p, path))
    }

    /// The keys directly under `path` of entries that could not be read (wholly or
    /// in part): `[languages.fr]` with a broken `name` gives `fr` under `languages`.
    pub fn keys_under(&self, path: &[Seg<'_>]) -> Vec<String> {
        self.0
            .iter()
            .filter(|p| starts_with(p, path))
            .filter_map(|p| match p.get(path.len()) {
                Some(Step::Key(key)) => Some(key.clone()),
                _ => None,
            })
            .collect()
    }

    pub(super) fn push(&mut self, path: Vec<Step>) {
        self.0.push(path);
    }

    /// Whether `key` is missing from `table` only because an entry of that table was
    /// taken out: its own value, or an unknown key that was a misspelling of it.
    pub(super) fn explains(&self, table: &[Step], key: &str) -> bool {
        self.0.iter().any(|p| {
            p.len() == table.len() + 1
                && p.starts_with(table)
                && matches!(p.last(), Some(Step::Key(k)) if did_you_mean(k, [key]).is_some())
        })
    }
}
