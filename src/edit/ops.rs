//! The front-matter changes, each done in place on the `toml_edit` document so that
//! everything the change does not touch keeps its text.

use std::collections::BTreeMap;

use toml_edit::{Array, ArrayOfTables, Datetime, InlineTable, Item, Table, Value};

use super::path::{Node, dotted, out_of_range, resolve};
use super::{EditError, FieldValue, PathSeg};

/// Sets the value at `path`, keeping the old value's decoration (spaces, comment).
pub(super) fn set(root: &mut Table, path: &[PathSeg], new: &FieldValue) -> Result<(), EditError> {
    let (last, parent) = path.split_last().ok_or(EditError::EmptyPath)?;
    let value = to_value(new, path)?;
    match (resolve(root, parent)?.flat(), last) {
        (Node::Item(Item::Table(table)) | Node::Table(table), PathSeg::Key(key)) => {
            match table.get_mut(key) {
                Some(Item::Value(old)) => set_value(old, new, value),
                Some(Item::Table(_) | Item::ArrayOfTables(_)) => {
                    return Err(EditError::NotAValue(dotted(path)));
                }
                Some(Item::None) | None => {
                    table.insert(key, Item::Value(value));
                }
            }
        }
        (Node::Value(Value::InlineTable(table)), PathSeg::Key(key)) => match table.get_mut(key) {
            Some(old) => set_value(old, new, value),
            None => insert_inline(table, key, value),
        },
        (Node::Value(Value::Array(array)), PathSeg::Index(index)) => {
            let len = array.len();
            let old = array
                .get_mut(*index)
                .ok_or_else(|| out_of_range(parent, *index, len))?;
            set_value(old, new, value);
        }
        (Node::Item(Item::ArrayOfTables(_)), PathSeg::Index(_)) => {
            return Err(EditError::NotAValue(dotted(path)));
        }
        (_, PathSeg::Key(_)) => return Err(EditError::NotATable(dotted(parent))),
        (_, PathSeg::Index(_)) => return Err(EditError::NotAnArray(dotted(parent))),
    }
    Ok(())
}

/// Puts `value` in the place of `old`, with `old`'s decoration; an equal value
/// leaves `old` as it is written, and a list is changed entry by entry so that a
/// list written one entry a line stays so.
fn set_value(old: &mut Value, new: &FieldValue, value: Value) {
    if same(old, new) {
        return;
    }
    if let (Value::Array(array), FieldValue::StringList(items)) = (&mut *old, new) {
        set_list(array, items);
        return;
    }
    let decor = old.decor().clone();
    *old = value;
    *old.decor_mut() = decor;
}

/// Changes the entries of a list of strings in place.
fn set_list(array: &mut Array, items: &[String]) {
    let template = entry_decor(array);
    for (index, item) in items.iter().enumerate() {
        if let Some(old) = array.get_mut(index) {
            if old.as_str() != Some(item.as_str()) {
                let decor = old.decor().clone();
                *old = Value::from(item.as_str());
                *old.decor_mut() = decor;
            }
        } else {
            push_like(array, Value::from(item.as_str()), template.as_ref());
        }
    }
    while array.len() > items.len() {
        remove_value(array, array.len() - 1);
    }
}

/// The decoration of the array's last entry, to give a new entry, when the array
/// shows how its entries are spaced: two entries or more, or one on its own line.
fn entry_decor(array: &Array) -> Option<toml_edit::Decor> {
    let last = array.iter().last()?;
    let own_line = last
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .is_some_and(|p| p.contains('\n'));
    (array.len() >= 2 || own_line).then(|| plain(last.decor()))
}

/// A decoration's spacing without its comments: a new entry takes the line break
/// and indentation of the entry before it, not the comment.
fn plain(decor: &toml_edit::Decor) -> toml_edit::Decor {
    let prefix = raw(decor.prefix());
    let prefix = match prefix.rfind('\n') {
        Some(i) => format!("\n{}", &prefix[i + 1..]),
        None if prefix.contains('#') => " ".to_owned(),
        None => prefix.to_owned(),
    };
    let suffix = raw(decor.suffix());
    let suffix = if suffix.contains('#') { "" } else { suffix };
    toml_edit::Decor::new(prefix, suffix)
}

/// Appends `value` with the decoration `template`, or `toml_edit`'s default spacing.
fn push_like(array: &mut Array, mut value: Value, template: Option<&toml_edit::Decor>) {
    match template {
        Some(decor) => {
            *value.decor_mut() = decor.clone();
            array.push_formatted(value);
        }
        None => array.push(value),
    }
}

/// The text of a decoration part, empty when there is none.
fn raw(part: Option<&toml_edit::RawString>) -> &str {
    part.and_then(toml_edit::RawString::as_str).unwrap_or("")
}

/// Appends a key to an inline table; the space before `}` moves from the old last
/// value to the new one (`{ a = 1 }` → `{ a = 1, b = 2 }`).
fn insert_inline(table: &mut InlineTable, key: &str, mut value: Value) {
    let closing = table.iter_mut().last().and_then(|(_, last)| {
        let suffix = last.decor().suffix().cloned();
        last.decor_mut().set_suffix("");
        suffix
    });
    value.decor_mut().set_prefix(" ");
    if let Some(suffix) = closing {
        value.decor_mut().set_suffix(suffix);
    }
    table.insert(key, value);
}

/// Whether `old` already holds the value `new`.
fn same(old: &Value, new: &FieldValue) -> bool {
    match (old, new) {
        (Value::String(s), FieldValue::String(n)) => *s.value() == n.replace("\r\n", "\n"),
        (Value::Integer(i), FieldValue::Integer(n)) => i.value() == n,
        (Value::Boolean(b), FieldValue::Bool(n)) => b.value() == n,
        (Value::Datetime(d), FieldValue::Date(n)) => d.value().to_string() == *n,
        (Value::Array(a), FieldValue::StringList(n)) => {
            a.len() == n.len() && a.iter().zip(n).all(|(v, n)| v.as_str() == Some(n.as_str()))
        }
        _ => false,
    }
}

/// The TOML value of a form's value.
fn to_value(new: &FieldValue, path: &[PathSeg]) -> Result<Value, EditError> {
    Ok(match new {
        FieldValue::String(s) => Value::from(s.replace("\r\n", "\n")),
        FieldValue::Integer(i) => Value::from(*i),
        FieldValue::Bool(b) => Value::from(*b),
        FieldValue::Date(d) => {
            let date = d
                .parse::<Datetime>()
                .ok()
                .filter(|dt| dt.date.is_some() && dt.time.is_none() && dt.offset.is_none())
                .ok_or_else(|| EditError::BadValue {
                    path: dotted(path),
                    reason: format!("`{d}` is not a date of the form YYYY-MM-DD"),
                })?;
            Value::from(date)
        }
        FieldValue::StringList(items) => {
            Value::Array(items.iter().map(String::as_str).collect::<Array>())
        }
    })
}

/// Removes the key or array entry at `path`.
pub(super) fn remove(root: &mut Table, path: &[PathSeg]) -> Result<(), EditError> {
    let (last, parent) = path.split_last().ok_or(EditError::EmptyPath)?;
    let missing = || EditError::NoSuchPath(dotted(path));
    match (resolve(root, parent)?.flat(), last) {
        (Node::Item(Item::Table(table)) | Node::Table(table), PathSeg::Key(key)) => {
            table.remove(key).ok_or_else(missing)?;
        }
        (Node::Value(Value::InlineTable(table)), PathSeg::Key(key)) => {
            table.remove(key).ok_or_else(missing)?;
        }
        (Node::Item(Item::ArrayOfTables(tables)), PathSeg::Index(index)) => {
            check_index(parent, *index, tables.len())?;
            tables.remove(*index);
        }
        (Node::Value(Value::Array(array)), PathSeg::Index(index)) => {
            check_index(parent, *index, array.len())?;
            remove_value(array, *index);
        }
        (_, PathSeg::Key(_)) => return Err(EditError::NotATable(dotted(parent))),
        (_, PathSeg::Index(_)) => return Err(EditError::NotAnArray(dotted(parent))),
    }
    Ok(())
}

/// Removes an entry of an array. A comment at the end of the line before the entry
/// (`"a", # note`) is, in `toml_edit`, the start of the removed entry's decoration; it
/// stays on its line. The first entry keeps the first entry's spacing (`[a, b]` →
/// `[b]`).
fn remove_value(array: &mut Array, index: usize) {
    let removed = array.remove(index);
    let prefix = raw(removed.decor().prefix());
    let line_end = prefix.find('\n');
    if let Some(tail) = line_end
        .map(|end| &prefix[..end])
        .filter(|t| t.contains('#'))
    {
        let keep = |text: &str| match text.find('\n') {
            Some(i) => format!("{tail}{}", &text[i..]),
            None => format!("{tail}\n{text}"),
        };
        if let Some(next) = array.get_mut(index) {
            let joined = keep(raw(next.decor().prefix()));
            next.decor_mut().set_prefix(joined);
        } else {
            let joined = keep(array.trailing().as_str().unwrap_or(""));
            array.set_trailing(joined);
            array.set_trailing_comma(true);
        }
    } else if index == 0
        && let Some(first) = array.get_mut(0)
        && !has_comment(first)
        && !has_comment(&removed)
    {
        *first.decor_mut() = removed.decor().clone();
    }
}

/// An error unless `index` is an entry of an array of `len` entries at `path`.
fn check_index(path: &[PathSeg], index: usize, len: usize) -> Result<(), EditError> {
    if index < len {
        Ok(())
    } else {
        Err(out_of_range(path, index, len))
    }
}

/// Whether a value's decoration holds a comment.
fn has_comment(value: &Value) -> bool {
    let decor = value.decor();
    [decor.prefix(), decor.suffix()]
        .into_iter()
        .flatten()
        .any(|raw| raw.as_str().is_some_and(|s| s.contains('#')))
}

/// Appends an empty table to the array of tables or array of inline tables at
/// `path`; a missing key of a table becomes an array of tables with one entry.
pub(super) fn append(root: &mut Table, path: &[PathSeg]) -> Result<(), EditError> {
    if let Some((PathSeg::Key(key), parent)) = path.split_last()
        && let Node::Item(Item::Table(table)) | Node::Table(table) = resolve(root, parent)?
        && !table.contains_key(key)
    {
        // A blank line before the new header, like the headers toml_edit writes.
        let mut entry = Table::new();
        entry.decor_mut().set_prefix("\n");
        let mut tables = ArrayOfTables::new();
        tables.push(entry);
        table.insert(key, Item::ArrayOfTables(tables));
        return Ok(());
    }
    match resolve(root, path)?.flat() {
        Node::Item(Item::ArrayOfTables(tables)) => {
            let mut table = Table::new();
            // A blank line before each entry, if the entries have one.
            let spacing = tables
                .iter()
                .last()
                .and_then(|t| t.decor().prefix())
                .cloned();
            if let Some(prefix) = spacing.filter(|p| p.as_str().is_some_and(|s| !s.contains('#'))) {
                table.decor_mut().set_prefix(prefix);
            }
            tables.push(table);
        }
        Node::Value(Value::Array(array)) if array.iter().all(Value::is_inline_table) => {
            let template = entry_decor(array);
            push_like(
                array,
                Value::InlineTable(InlineTable::new()),
                template.as_ref(),
            );
        }
        _ => return Err(EditError::NotATableList(dotted(path))),
    }
    Ok(())
}

/// Moves entry `from` of the array at `path` to index `to`.
pub(super) fn move_entry(
    root: &mut Table,
    path: &[PathSeg],
    from: usize,
    to: usize,
) -> Result<(), EditError> {
    match resolve(root, path)?.flat() {
        Node::Item(Item::ArrayOfTables(tables)) => {
            check_index(path, from, tables.len())?;
            check_index(path, to, tables.len())?;
            move_tables(tables, from, to);
        }
        Node::Value(Value::Array(array)) => {
            check_index(path, from, array.len())?;
            check_index(path, to, array.len())?;
            move_values(array, from, to);
        }
        _ => return Err(EditError::NotAnArray(dotted(path))),
    }
    Ok(())
}

/// Moves a `[[table]]` entry with its sub-tables: the entries trade their places in
/// the document (`toml_edit` orders tables by position), each keeping its own text.
fn move_tables(tables: &mut ArrayOfTables, from: usize, to: usize) {
    if from == to {
        return;
    }
    let mut entries: Vec<Table> =
        std::iter::from_fn(|| (!tables.is_empty()).then(|| tables.remove(0))).collect();
    let mut pool: Vec<isize> = entries.iter_mut().flat_map(positions).collect();
    pool.sort_unstable();
    let entry = entries.remove(from);
    entries.insert(to, entry);
    let mut pool = pool.into_iter();
    for entry in &mut entries {
        let old = positions(entry);
        let renumber: BTreeMap<isize, isize> =
            old.iter().map(|&p| (p, pool.next().unwrap_or(p))).collect();
        walk(entry, &mut |t| {
            if let Some(p) = t.position() {
                t.set_position(renumber[&p]);
            }
        });
    }
    for entry in entries {
        tables.push(entry);
    }
}

/// The document positions of a table and its sub-tables, in order.
fn positions(table: &mut Table) -> Vec<isize> {
    let mut out = Vec::new();
    walk(table, &mut |t| out.extend(t.position()));
    out.sort_unstable();
    out
}

/// Calls `f` on `table` and every table below it.
fn walk(table: &mut Table, f: &mut impl FnMut(&mut Table)) {
    f(table);
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(sub) => walk(sub, f),
            Item::ArrayOfTables(subs) => subs.iter_mut().for_each(|sub| walk(sub, f)),
            _ => {}
        }
    }
}

/// Moves an entry of an inline array; an entry with a comment takes it along, plain
/// spacing stays with the place (so `[a, b]` becomes `[b, a]`, not `[ b,a]`).
fn move_values(array: &mut Array, from: usize, to: usize) {
    let spacing: Vec<(bool, toml_edit::Decor)> = array
        .iter()
        .map(|v| (has_comment(v), v.decor().clone()))
        .collect();
    let value = array.remove(from);
    array.insert_formatted(to, value);
    for (value, (commented, decor)) in array.iter_mut().zip(spacing) {
        if !commented && !has_comment(value) {
            *value.decor_mut() = decor;
        }
    }
}
