//! The rows of the reference: each fact joined with what the schema of its type says
//! (TOML type, allowed values, description) and with its translatability.

use serde_json::Value;

use super::Document;
use super::facts::{self, Fact, Fallback, Need};
use super::schema::{description_of, node_at, raw, resolve};
use crate::content::translate;

/// One key of a document.
#[derive(Debug, Clone)]
pub(super) struct Row {
    /// The key as written in TOML: `title`, `[[packages]]`, `packages.rollover.max_hours`.
    pub(super) key: String,
    /// The TOML type: `string`, `array of strings`, `table`, `text` …
    pub(super) toml_type: String,
    /// The allowed values of an enumeration.
    pub(super) values: Vec<String>,
    /// Whether vpagen requires the key.
    pub(super) need: Need,
    /// What applies without it.
    pub(super) default: Fallback,
    /// Whether a translation may set it (`None` for site.toml).
    pub(super) translatable: Option<bool>,
    /// Codes of the checks that look at it.
    pub(super) checks: &'static [&'static str],
    /// One line on what it means.
    pub(super) description: String,
    /// An example value in TOML.
    pub(super) example: &'static str,
}

/// The rows of a document, in the order of its raw type.
pub(super) fn rows(doc: Document) -> Vec<Row> {
    let root = raw(doc);
    let all = facts::of(doc);
    all.iter().map(|fact| row(&root, doc, fact, &all)).collect()
}

fn row(root: &Value, doc: Document, fact: &Fact, all: &[&Fact]) -> Row {
    let path: Vec<&str> = fact.path.split('.').collect();
    let node = node_at(root, fact.path);
    let (toml_type, values) = describe(root, node);
    let description = description_of(node);
    Row {
        key: key(root, node, fact.path, all),
        toml_type,
        values,
        need: fact.need,
        default: fact.default,
        translatable: match doc {
            Document::Site => None,
            Document::Content(kind) => Some(translate::may_set(kind, &path)),
        },
        checks: fact.checks,
        description,
        example: fact.example,
    }
}

/// The key as a TOML header for tables and arrays of tables, else as a dotted path.
fn key(root: &Value, node: &Value, path: &str, all: &[&Fact]) -> String {
    let node = resolve(root, node);
    let has_keys = |n: &Value| resolve(root, n).get("properties").is_some();
    if node.get("items").is_some_and(has_keys) {
        format!("[[{path}]]")
    } else if has_keys(node) {
        format!("[{path}]")
    } else if node.get("additionalProperties").is_some_and(has_keys) {
        // The placeholder its keys use: `languages.<code>.name` → `<code>`.
        let prefix = format!("{path}.");
        let placeholder = all
            .iter()
            .find_map(|f| f.path.strip_prefix(&prefix)?.split('.').next())
            .unwrap_or("<key>");
        format!("[{path}.{placeholder}]")
    } else {
        path.to_owned()
    }
}

/// The TOML type of a schema and its allowed values.
fn describe(root: &Value, node: &Value) -> (String, Vec<String>) {
    let node = resolve(root, node);
    if let Some(values) = enum_values(node) {
        return ("string".to_owned(), values);
    }
    if let Some(options) = node.get("anyOf").and_then(Value::as_array) {
        // `Localized`: a string, or a table of strings by language.
        let kinds: Vec<&str> = options
            .iter()
            .filter_map(|o| o.get("type").and_then(Value::as_str))
            .collect();
        if kinds == ["string", "object"] {
            return ("text".to_owned(), Vec::new());
        }
    }
    let named = |t: &str| (t.to_owned(), Vec::new());
    match node.get("type").and_then(Value::as_str) {
        Some("string") if node.get("format").is_some_and(|f| f == "date") => named("date"),
        Some(t @ ("string" | "integer" | "boolean" | "number")) => named(t),
        Some("array") => {
            let (inner, values) = node
                .get("items")
                .map_or_else(|| named("any"), |items| describe(root, items));
            (format!("array of {}", plural(&inner)), values)
        }
        Some("object") => match node.get("additionalProperties") {
            Some(Value::Object(_)) if node.get("properties").is_none() => {
                let (inner, values) = describe(root, &node["additionalProperties"]);
                (format!("table of {}", plural(&inner)), values)
            }
            _ => named("table"),
        },
        _ => named("any"),
    }
}

/// `oneOf` of constants (enums with documented variants) or `enum`.
fn enum_values(node: &Value) -> Option<Vec<String>> {
    if let Some(list) = node.get("enum").and_then(Value::as_array) {
        return Some(list.iter().map(ToString::to_string).collect());
    }
    let options = node.get("oneOf").and_then(Value::as_array)?;
    options
        .iter()
        .map(|o| o.get("const").map(ToString::to_string))
        .collect()
}

/// `string` → `strings`, `array of strings` → `arrays of strings`.
fn plural(name: &str) -> String {
    match name.split_once(' ') {
        Some((head, rest)) => format!("{head}s {rest}"),
        None => format!("{name}s"),
    }
}
