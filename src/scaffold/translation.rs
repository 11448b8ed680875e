//! `vpagen new <type> <id> --lang en` and the editor's "add a translation": a
//! translation file that holds every translatable text of its original, each marked
//! `TODO: ` so that check C15 lists what is still to translate, with the
//! `source_hash` of the original it starts from (check C14).

use std::path::{Path, PathBuf};

use toml_edit::{Array, DocumentMut, Item, Table, Value};

use super::{ScaffoldError, write_new};
use crate::content::{source_hash, split, translate};
use crate::diag::Sources;
use crate::kind::Kind;

/// Writes `content/<type>/<id>.<lang>.md`, the translation of `<id>.md` into `lang`.
pub fn new_translation(
    root: &Path,
    kind: Kind,
    id: &str,
    lang: &str,
) -> Result<PathBuf, ScaffoldError> {
    if !crate::util::is_kebab_id(id) {
        return Err(ScaffoldError::BadId { id: id.to_owned() });
    }
    let config =
        std::fs::read_to_string(root.join("site.toml")).map_err(|_| ScaffoldError::NoSite {
            path: root.to_owned(),
        })?;
    let (default, others) = languages(&config);
    if lang == default || !others.iter().any(|l| l == lang) {
        return Err(ScaffoldError::NotALanguage {
            lang: lang.to_owned(),
            known: others.join(", "),
        });
    }
    let folder = root.join("content").join(kind.folder());
    let original = folder.join(format!("{id}.md"));
    let text = std::fs::read_to_string(&original)
        .map_err(|_| ScaffoldError::NoOriginal { path: original })?;
    let path = folder.join(format!("{id}.{lang}.md"));
    write_new(&path, translation_of(kind, &text).as_bytes())?;
    Ok(path)
}

/// The site's default language and its other languages, from `site.toml`.
fn languages(config: &str) -> (String, Vec<String>) {
    let table: toml::Table = toml::from_str(config).unwrap_or_default();
    let default = table
        .get("default_lang")
        .and_then(toml::Value::as_str)
        .unwrap_or("de")
        .to_owned();
    let others = table
        .get("languages")
        .and_then(toml::Value::as_table)
        .map(|langs| langs.keys().filter(|l| **l != default).cloned().collect())
        .unwrap_or_default();
    (default, others)
}

/// The text of a translation of the original `text`: its translatable keys with
/// every string marked, entries of lists by their `id`, and the body marked.
fn translation_of(kind: Kind, text: &str) -> String {
    let mut front = DocumentMut::new();
    let mut body = String::new();
    if let Ok(parts) = split(Sources::new().add("", ""), text)
        && let Ok(doc) = text[parts.front.clone()].parse::<DocumentMut>()
    {
        copy_translatable(kind, doc.as_table(), front.as_table_mut());
        text[parts.body].trim_start().clone_into(&mut body);
    }
    front.insert("source_hash", toml_edit::value(source_hash(text)));
    let body = if body.trim().is_empty() {
        String::new()
    } else {
        format!("TODO: {body}")
    };
    format!("+++\n{front}+++\n{body}")
}

/// The keys of `from` a translation may set, into `to`, strings marked.
fn copy_translatable(kind: Kind, from: &Table, to: &mut Table) {
    for (key, item) in from {
        if matches!(key, "draft" | "updated" | "source_hash") || !translate::may_set(kind, &[key]) {
            continue;
        }
        match item {
            Item::Value(value) => {
                to.insert(key, Item::Value(marked(value)));
            }
            Item::ArrayOfTables(entries) => {
                let mut copied = toml_edit::ArrayOfTables::new();
                for entry in entries {
                    copied.push(entry_of(kind, key, entry));
                }
                to.insert(key, Item::ArrayOfTables(copied));
            }
            Item::Table(_) | Item::None => {}
        }
    }
}

/// An entry of the list `list` for a translation: its `id` and translatable keys.
fn entry_of(kind: Kind, list: &str, entry: &Table) -> Table {
    let mut out = Table::new();
    for (key, item) in entry {
        let Item::Value(value) = item else { continue };
        if key == "id" {
            out.insert(key, Item::Value(value.clone()));
        } else if key != "quiz" && translate::may_set(kind, &[list, key]) {
            out.insert(key, Item::Value(marked(value)));
        }
    }
    out
}

/// `value` with `TODO: ` before every string in it.
fn marked(value: &Value) -> Value {
    match value {
        Value::String(s) => Value::from(format!("TODO: {}", s.value())),
        Value::Array(items) => {
            let mut out = Array::new();
            for item in items {
                out.push(marked(item));
            }
            Value::Array(out)
        }
        Value::InlineTable(table) => {
            let mut out = toml_edit::InlineTable::new();
            for (key, item) in table {
                out.insert(key, marked(item));
            }
            Value::InlineTable(out)
        }
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_translatable_text_is_marked_and_the_rest_left_to_the_original() {
        let original = "+++\ntitle = \"Einarbeitung\" # name\nsummary = \"Für neue Assistenzen.\"\nreader = \"assistant\"\nduration_days = 10\n\n[[steps]]\nid = \"vertraege\"\nday = 1\ntitle = \"Verträge\"\nbody = \"Lesen.\"\n+++\nDer Text.\n";
        let out = translation_of(Kind::Guide, original);
        assert_eq!(
            out,
            format!(
                "+++\ntitle = \"TODO: Einarbeitung\"\nsummary = \"TODO: Für neue Assistenzen.\"\nsource_hash = \"{}\"\n\n[[steps]]\nid = \"vertraege\"\ntitle = \"TODO: Verträge\"\nbody = \"TODO: Lesen.\"\n+++\nTODO: Der Text.\n",
                source_hash(original)
            )
        );
    }
}
