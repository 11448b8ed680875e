//! The reference against the types, validation and the schemas.

use std::collections::BTreeSet;

use super::facts::{self, CHECKS, Fact, Need};
use super::schema::{locate, raw, resolve, schema, toml_to_json, toml_value};
use super::{Document, markdown, model};
use crate::config::Config;
use crate::config::raw::RawConfig;
use crate::content;
use crate::content::raw::{
    RawBriefing, RawChecklist, RawGuide, RawPage, RawRate, RawService, RawSkill,
};
use crate::diag::{Diagnostics, Severity, Sources};
use crate::kind::Kind;
use crate::source::SourceEntry;

/// A key no type has.
const UNKNOWN: &str = "zz_not_a_key";

/// One step into a TOML document.
#[derive(Clone)]
enum Step {
    Key(String),
    /// An entry of an array of tables.
    Entry,
    /// A value of a table with free keys.
    Value,
}

/// Deserializes `text` as the document's raw type; the error message, if any.
fn serde_error(doc: Document, text: &str) -> Option<String> {
    fn err<T: serde::de::DeserializeOwned>(text: &str) -> Option<String> {
        toml::from_str::<T>(text)
            .err()
            .map(|e| e.message().to_owned())
    }
    match doc {
        Document::Site => err::<RawConfig>(text),
        Document::Content(kind) => match kind {
            Kind::Service => err::<RawService>(text),
            Kind::Skill => err::<RawSkill>(text),
            Kind::Checklist => err::<RawChecklist>(text),
            Kind::Rate => err::<RawRate>(text),
            Kind::Briefing => err::<RawBriefing>(text),
            Kind::Guide => err::<RawGuide>(text),
            Kind::Page => err::<RawPage>(text),
        },
    }
}

/// The fields serde names for a table with an unknown key at `steps`: "unknown field
/// `x`, expected one of `a`, `b`" lists every field of a `deny_unknown_fields` struct.
fn fields_at(doc: Document, steps: &[Step]) -> Option<Vec<String>> {
    let mut value = format!("{{ {UNKNOWN} = 1 }}");
    for step in steps.iter().rev() {
        value = match step {
            Step::Key(key) => format!("{{ {key} = {value} }}"),
            Step::Entry => format!("[{value}]"),
            Step::Value => format!("{{ x = {value} }}"),
        };
    }
    let text = &value[2..value.len() - 2];
    let message = serde_error(doc, text)?;
    let rest = message.strip_prefix(&format!("unknown field `{UNKNOWN}`, expected"))?;
    Some(
        rest.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect(),
    )
}

/// Every key serde accepts, found by probing with unknown keys: each field is tried as
/// a table, an array of tables and a table of tables to find the nested ones.
fn serde_keys(doc: Document, steps: &[Step], path: &str, out: &mut BTreeSet<String>) {
    let Some(fields) = fields_at(doc, steps) else {
        return;
    };
    for field in fields {
        let here = if path.is_empty() {
            field.clone()
        } else {
            format!("{path}.{field}")
        };
        out.insert(here.clone());
        for (extra, suffix) in [
            (vec![], ""),
            (vec![Step::Entry], ""),
            (vec![Step::Value], ".<*>"),
        ] {
            let mut inner = steps.to_vec();
            inner.push(Step::Key(field.clone()));
            inner.extend(extra);
            if fields_at(doc, &inner).is_some() {
                serde_keys(doc, &inner, &format!("{here}{suffix}"), out);
                break;
            }
        }
    }
}

/// A fact's path with map placeholders written `<*>`.
fn normalized(path: &str) -> String {
    path.split('.')
        .map(|s| if s.starts_with('<') { "<*>" } else { s })
        .collect::<Vec<_>>()
        .join(".")
}

#[test]
fn every_key_of_the_serde_types_is_in_the_reference() {
    let text = markdown(None);
    for doc in Document::all() {
        let mut serde = BTreeSet::new();
        serde_keys(doc, &[], "", &mut serde);
        assert!(
            serde.contains("title"),
            "{}: probing found {serde:?}",
            doc.name()
        );
        let facts: BTreeSet<String> = facts::of(doc).iter().map(|f| normalized(f.path)).collect();
        let missing: Vec<&String> = serde.difference(&facts).collect();
        let unknown: Vec<&String> = facts.difference(&serde).collect();
        assert!(
            missing.is_empty(),
            "{}: keys of the serde types missing from reference::facts: {missing:?}",
            doc.name()
        );
        assert!(
            unknown.is_empty(),
            "{}: reference::facts names keys the serde types do not have: {unknown:?}",
            doc.name()
        );
        for row in model::rows(doc) {
            assert!(
                text.contains(&format!("| `{}` |", row.key)),
                "{}: `{}` has no row in the Markdown",
                doc.name(),
                row.key
            );
        }
    }
}

#[test]
fn every_fact_has_a_schema_a_description_and_an_example() {
    for doc in Document::all() {
        let root = raw(doc);
        for fact in facts::of(doc) {
            let path: Vec<&str> = fact.path.split('.').collect();
            let (_, pointer) = locate(&root, &path)
                .unwrap_or_else(|| panic!("{}: `{}` is not in the schema", doc.name(), fact.path));
            let node = &root.pointer(&pointer).cloned().unwrap_or_default();
            assert!(
                node.get("description").is_some(),
                "{}: `{}` has no `///` comment in the raw type",
                doc.name(),
                fact.path
            );
            let table = resolve(&root, node);
            let is_table = table.get("properties").is_some()
                || table
                    .get("items")
                    .is_some_and(|i| resolve(&root, i).get("properties").is_some())
                || table
                    .get("additionalProperties")
                    .is_some_and(|a| resolve(&root, a).get("properties").is_some());
            assert!(
                is_table || toml_value(fact.example).is_some(),
                "{}: `{}` needs an example that reads as a TOML value, not {:?}",
                doc.name(),
                fact.path,
                fact.example
            );
            for code in fact.checks {
                assert!(
                    CHECKS.iter().any(|(c, _)| c == code),
                    "{}: `{}` names the unknown check {code}",
                    doc.name(),
                    fact.path
                );
            }
        }
    }
}

/// A document with the example of every chosen fact, entries of arrays of tables as one
/// entry and map keys as `de`.
fn example_document(doc: Document, keep: impl Fn(&Fact) -> bool) -> toml::Table {
    let root = raw(doc);
    let mut out = toml::Table::new();
    let kept: Vec<&Fact> = facts::of(doc).into_iter().filter(|f| keep(f)).collect();
    for fact in &kept {
        let path: Vec<&str> = fact.path.split('.').collect();
        // A table's own example gives way to the examples of its keys.
        let prefix = format!("{}.", fact.path);
        let example = if kept.iter().any(|f| f.path.starts_with(&prefix)) {
            ""
        } else {
            fact.example
        };
        let mut table = &mut out;
        for (i, segment) in path.iter().enumerate() {
            // Map keys: `de`, so that `languages.<code>` names the default language.
            let key = if segment.starts_with('<') {
                "de"
            } else {
                segment
            };
            if i + 1 == path.len() {
                let value = toml::from_str::<toml::Table>(&format!("v = {example}"))
                    .ok()
                    .and_then(|mut t| t.remove("v"));
                if let Some(value) = value {
                    table.insert(key.to_owned(), value);
                } else {
                    table
                        .entry(key)
                        .or_insert_with(|| empty_container(&root, &path));
                }
                break;
            }
            let slot = table
                .entry(key)
                .or_insert_with(|| empty_container(&root, &path[..=i]));
            table = match slot {
                toml::Value::Array(entries) => match entries.first_mut() {
                    Some(toml::Value::Table(entry)) => entry,
                    _ => panic!("{}: `{}` is not an array of tables", doc.name(), fact.path),
                },
                toml::Value::Table(inner) => inner,
                _ => panic!("{}: `{}` is inside a value", doc.name(), fact.path),
            };
        }
    }
    out
}

/// An empty table, or an array with one empty table, as the schema at `path` wants.
fn empty_container(root: &serde_json::Value, path: &[&str]) -> toml::Value {
    let (_, pointer) = locate(root, path).expect("the path is in the schema");
    let node = resolve(root, &root.pointer(&pointer).cloned().unwrap_or_default()).clone();
    if node.get("items").is_some() {
        toml::Value::Array(vec![toml::Value::Table(toml::Table::new())])
    } else {
        toml::Value::Table(toml::Table::new())
    }
}

#[test]
fn examples_are_valid_in_their_schemas() {
    for doc in Document::all() {
        let validator = jsonschema::validator_for(&schema(doc)).expect("the schema compiles");
        // Every key's example; then those of tables with an example of their own
        // (inline tables) instead of their keys'.
        let all = facts::of(doc);
        let every = example_document(doc, |_| true);
        let inline = example_document(doc, |f| {
            !all.iter()
                .any(|g| !g.example.is_empty() && f.path.starts_with(&format!("{}.", g.path)))
        });
        for table in [every, inline] {
            let instance = toml_to_json(&toml::Value::Table(table));
            let errors: Vec<String> = validator
                .iter_errors(&instance)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", doc.name());
        }
    }
}

/// The errors and their help texts of loading a document, one string each.
fn problems(doc: Document, table: &toml::Table) -> Vec<String> {
    let text = toml::to_string(table).expect("a TOML table");
    let mut sources = Sources::new();
    let mut diags = Diagnostics::new();
    match doc {
        Document::Site => {
            let file = sources.add("site.toml", text.clone());
            Config::load(file, &text, &mut diags);
        }
        Document::Content(kind) => {
            let config_file = sources.add("site.toml", SITE);
            let config = Config::load(config_file, SITE, &mut diags).expect("SITE loads");
            let file = sources.add("probe.md", format!("+++\n{text}+++\nBody.\n"));
            let entry = SourceEntry {
                file,
                kind,
                id: "probe".to_owned(),
                lang: None,
                unreadable: false,
            };
            content::load(vec![entry], &sources, &config, &mut diags);
        }
    }
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{} ({})", d.message, d.help.clone().unwrap_or_default()))
        .collect()
}

/// The site.toml that content is loaded with.
const SITE: &str = r#"
title = "Test"
base_url = "https://example.com"
default_lang = "de"
[languages.de]
name = "Deutsch"
[agency]
name = "A"
owner = "A B"
street = "S 1"
postcode = "12345"
city = "C"
email = "a@example.com"
phone = "+49 1"
[[category]]
id = "buero"
title = "Büro"
[skill_scales]
cefr = ["A1", "C2"]
"#;

/// Whether the fact and every fact above it are required.
fn required_all_the_way(doc: Document, fact: &Fact) -> bool {
    let all = facts::of(doc);
    fact.need == Need::Required
        && all.iter().all(|other| {
            !fact.path.starts_with(&format!("{}.", other.path)) || other.need == Need::Required
        })
}

#[test]
fn required_keys_agree_with_validation() {
    for doc in Document::all() {
        // The conditions of `[enquiry]` exclude each other (`email` or `page`).
        let keep = |f: &Fact| match f.need {
            Need::Required => true,
            Need::When(_) => doc != Document::Site || !f.path.starts_with("enquiry."),
            Need::Optional => false,
        };
        let full = example_document(doc, keep);
        let missing = |p: &[String]| p.iter().any(|p| p.contains("missing"));
        let base = problems(doc, &full);
        assert!(!missing(&base), "{}: {base:#?}", doc.name());
        for fact in facts::of(doc) {
            if fact.need != Need::Required
                || (doc == Document::Site && !required_all_the_way(doc, fact))
            {
                continue;
            }
            let mut without = example_document(doc, |f| {
                keep(f) && f.path != fact.path && !f.path.starts_with(&format!("{}.", fact.path))
            });
            // An entry of a table of tables without its only key would vanish with it.
            if let Some((parent, _)) = fact.path.rsplit_once('.')
                && parent.ends_with('>')
            {
                let mut table = &mut without;
                for segment in parent.split('.') {
                    let key = if segment.starts_with('<') {
                        "de"
                    } else {
                        segment
                    };
                    let slot = table
                        .entry(key)
                        .or_insert_with(|| toml::Value::Table(toml::Table::new()));
                    table = slot.as_table_mut().expect("a table");
                }
            }
            let key = fact.path.rsplit('.').next().unwrap_or(fact.path);
            let found = problems(doc, &without);
            assert!(
                found
                    .iter()
                    .any(|p| p.contains("missing") && p.contains(&format!("{key}`"))),
                "{}: leaving out `{}`, which reference::facts calls required, is not reported \
                 as missing: {found:#?}",
                doc.name(),
                fact.path
            );
        }
    }
}

#[test]
fn optional_keys_are_not_reported_missing() {
    for doc in Document::all() {
        let only_required = example_document(doc, |f| f.need == Need::Required);
        let found = problems(doc, &only_required);
        let named: Vec<&String> = found
            .iter()
            .filter(|p| p.contains("missing required key"))
            .collect();
        // Conditional keys may be missing here; nothing else.
        for problem in named {
            assert!(
                facts::of(doc)
                    .iter()
                    .any(|f| matches!(f.need, Need::When(_))
                        && problem
                            .contains(&format!("`{}`", f.path.rsplit('.').next().unwrap_or("")))),
                "{}: {problem}",
                doc.name()
            );
        }
    }
}
