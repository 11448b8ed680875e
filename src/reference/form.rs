//! The fields of the browser editor's form for a content type: the keys of its raw
//! type in order, nested for tables and arrays of tables, each with the input that
//! edits it, what the reference says about it and, for references, what it names.

use serde_json::Value;

use super::Document;
use super::facts::{self, Fact, Fallback, Need};
use super::schema::{description_of, node_at, raw, resolve};
use crate::content::raw::MONEY_PATTERN;
use crate::content::translate;
use crate::kind::Kind;

/// How the form edits a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Input {
    /// One line of text.
    Text,
    /// Several lines of plain text.
    Textarea,
    /// Text the build renders as Markdown.
    Markdown,
    /// A whole number.
    Integer,
    /// An amount of money, a quoted decimal.
    Money,
    /// Another quoted decimal (a factor, a percentage).
    Decimal,
    /// A date.
    Date,
    /// Yes or no.
    Bool,
    /// One of fixed values.
    Select,
    /// The id of something the site defines.
    Ref,
    /// A list of strings.
    Strings,
    /// A list of ids.
    Refs,
    /// A table with known keys.
    Table,
    /// An array of tables.
    Entries,
    /// Anything else: edited in the file.
    Other,
}

/// What a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// An item of a type, by id.
    Item(Kind),
    /// A `[[category]]` of site.toml.
    Category,
    /// A `[[role]]` of site.toml.
    Role,
    /// An `[[audience]]` of site.toml.
    Audience,
    /// A work area (`[[areas]]`) of a rate table: the service's, or any.
    Area,
    /// A unit (`[[units]]`) of the service's rate table.
    Unit,
    /// A surcharge (`[[surcharges]]`) of the service's rate table.
    Surcharge,
}

/// One key of the form.
#[derive(Debug, Clone)]
pub(crate) struct FormField {
    /// The key in its table.
    pub(crate) key: String,
    /// How the form edits it.
    pub(crate) input: Input,
    /// One line on what it means.
    pub(crate) description: String,
    /// Whether vpagen requires it.
    pub(crate) need: Need,
    /// What applies without it.
    pub(crate) default: Fallback,
    /// Whether a translation may set it.
    pub(crate) translatable: bool,
    /// An example value in TOML.
    pub(crate) example: &'static str,
    /// The values of a select, each with its description.
    pub(crate) choices: Vec<(String, String)>,
    /// What a reference (or list of references) names.
    pub(crate) target: Option<Target>,
    /// The keys of a table or of each entry of an array of tables.
    pub(crate) fields: Vec<FormField>,
}

/// The keys whose strings are references, by type, as the checks resolve them.
const REFERENCES: &[(Option<Kind>, &str, Target)] = &[
    (Some(Kind::Service), "category", Target::Category),
    (Some(Kind::Service), "work_area", Target::Area),
    (Some(Kind::Service), "rate_table", Target::Item(Kind::Rate)),
    (Some(Kind::Service), "unit", Target::Unit),
    (Some(Kind::Service), "rush_surcharge", Target::Surcharge),
    (Some(Kind::Service), "skills.id", Target::Item(Kind::Skill)),
    (
        Some(Kind::Service),
        "equipment",
        Target::Item(Kind::Checklist),
    ),
    (
        Some(Kind::Service),
        "briefings",
        Target::Item(Kind::Briefing),
    ),
    (Some(Kind::Service), "related", Target::Item(Kind::Service)),
    (Some(Kind::Skill), "training", Target::Item(Kind::Guide)),
    (Some(Kind::Checklist), "roles", Target::Role),
    (Some(Kind::Rate), "applies_to", Target::Category),
    (
        Some(Kind::Briefing),
        "for_services",
        Target::Item(Kind::Service),
    ),
    (Some(Kind::Briefing), "default_area", Target::Area),
    (Some(Kind::Guide), "roles", Target::Role),
    (
        Some(Kind::Guide),
        "steps.checklist",
        Target::Item(Kind::Checklist),
    ),
    (Some(Kind::Guide), "steps.page", Target::Item(Kind::Page)),
    (
        Some(Kind::Guide),
        "steps.briefing",
        Target::Item(Kind::Briefing),
    ),
    (Some(Kind::Guide), "steps.skill", Target::Item(Kind::Skill)),
    (None, "visible_to", Target::Audience),
];

/// The string keys the build renders as Markdown (`rendered::Field`).
const MARKDOWN: &[(Kind, &str)] = &[
    (Kind::Checklist, "items.text"),
    (Kind::Checklist, "items.note"),
    (Kind::Guide, "steps.body"),
];

/// Keys of long plain text, whatever the type.
const LONG_TEXT: &[&str] = &[
    "summary",
    "scope_note",
    "legal_note",
    "notice",
    "payment_terms",
    "expenses",
    "trial",
    "help",
    "definition",
    "condition",
    "done_when",
];

/// What a reference key of `kind` names (dotted path without indexes).
pub(crate) fn target(kind: Kind, path: &str) -> Option<Target> {
    REFERENCES
        .iter()
        .find(|(k, p, _)| k.is_none_or(|k| k == kind) && *p == path)
        .map(|(_, _, t)| *t)
}

/// The form of a content type: every key of its raw type, in order.
pub(crate) fn form_fields(kind: Kind) -> Vec<FormField> {
    let doc = Document::Content(kind);
    let root = raw(doc);
    let all = facts::of(doc);
    children(&root, kind, &all, "")
}

/// The fields whose paths are one key below `prefix` (`""` for the top).
fn children(root: &Value, kind: Kind, all: &[&Fact], prefix: &str) -> Vec<FormField> {
    all.iter()
        .filter(|f| {
            let rest = if prefix.is_empty() {
                Some(f.path)
            } else {
                f.path
                    .strip_prefix(prefix)
                    .and_then(|r| r.strip_prefix('.'))
            };
            rest.is_some_and(|r| !r.contains('.'))
        })
        .map(|f| field(root, kind, all, f))
        .collect()
}

fn field(root: &Value, kind: Kind, all: &[&Fact], fact: &Fact) -> FormField {
    let path: Vec<&str> = fact.path.split('.').collect();
    let node = resolve(root, node_at(root, fact.path));
    let description = description_of(node);
    let target = target(kind, fact.path);
    let choices = choices(root, node);
    let input = input(root, kind, fact.path, node, &description, target, &choices);
    let fields = if matches!(input, Input::Table | Input::Entries) {
        children(root, kind, all, fact.path)
    } else {
        Vec::new()
    };
    FormField {
        key: path.last().copied().unwrap_or_default().to_owned(),
        input,
        description,
        need: fact.need,
        default: fact.default,
        translatable: translate::may_set(kind, &path),
        example: fact.example,
        choices,
        target,
        fields,
    }
}

/// The input of a key from its schema, what it names and its description.
fn input(
    root: &Value,
    kind: Kind,
    path: &str,
    node: &Value,
    description: &str,
    target: Option<Target>,
    choices: &[(String, String)],
) -> Input {
    let is_object = |n: &Value| {
        let n = resolve(root, n);
        n.get("type").is_some_and(|t| t == "object") && n.get("properties").is_some()
    };
    match node.get("type").and_then(Value::as_str) {
        _ if !choices.is_empty() => Input::Select,
        Some("string") if target.is_some() => Input::Ref,
        Some("string") if node.get("format").is_some_and(|f| f == "date") => Input::Date,
        Some("string") if node.get("pattern").is_some_and(|p| p == MONEY_PATTERN) => Input::Money,
        Some("string") => {
            let key = path.rsplit('.').next().unwrap_or(path);
            if MARKDOWN.contains(&(kind, path)) {
                Input::Markdown
            } else if description.contains("quoted decimal")
                || description.contains("quoted number")
                || description.contains("in percent")
            {
                Input::Decimal
            } else if LONG_TEXT.contains(&key) {
                Input::Textarea
            } else {
                Input::Text
            }
        }
        Some("integer") => Input::Integer,
        Some("boolean") => Input::Bool,
        Some("array") => match node.get("items").map(|i| resolve(root, i)) {
            Some(items) if is_object(items) => Input::Entries,
            Some(items) if items.get("type").is_some_and(|t| t == "string") => {
                if target.is_some() {
                    Input::Refs
                } else {
                    Input::Strings
                }
            }
            _ => Input::Other,
        },
        Some("object") if node.get("properties").is_some() => Input::Table,
        _ => Input::Other,
    }
}

/// The values of an enumeration with their descriptions; none for other schemas.
fn choices(root: &Value, node: &Value) -> Vec<(String, String)> {
    let node = resolve(root, node);
    if let Some(list) = node.get("enum").and_then(Value::as_array) {
        return list
            .iter()
            .filter_map(Value::as_str)
            .map(|v| (v.to_owned(), String::new()))
            .collect();
    }
    let Some(options) = node.get("oneOf").and_then(Value::as_array) else {
        return Vec::new();
    };
    options
        .iter()
        .filter_map(|o| {
            let value = o.get("const")?.as_str()?;
            let label = o
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default();
            Some((
                value.to_owned(),
                label.split_whitespace().collect::<Vec<_>>().join(" "),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The field at a dotted path of a tree.
    fn at<'a>(fields: &'a [FormField], path: &str) -> &'a FormField {
        let (head, rest) = path
            .split_once('.')
            .map_or((path, None), |(h, r)| (h, Some(r)));
        let field = fields
            .iter()
            .find(|f| f.key == head)
            .unwrap_or_else(|| panic!("no field {head}"));
        rest.map_or(field, |rest| at(&field.fields, rest))
    }

    #[test]
    fn every_key_of_a_type_is_a_field_nested_under_its_table() {
        for kind in Kind::ALL {
            let fields = form_fields(kind);
            let count = |fs: &[FormField]| -> usize {
                fn n(fs: &[FormField]) -> usize {
                    fs.iter().map(|f| 1 + n(&f.fields)).sum()
                }
                n(fs)
            };
            assert_eq!(
                count(&fields),
                facts::of(Document::Content(kind)).len(),
                "{kind:?}"
            );
            assert_eq!(fields[0].key, "title", "{kind:?}");
        }
        let rate = form_fields(Kind::Rate);
        assert_eq!(at(&rate, "packages").input, Input::Entries);
        assert_eq!(at(&rate, "packages.rollover").input, Input::Table);
        assert_eq!(
            at(&rate, "packages.rollover.max_hours").input,
            Input::Integer
        );
        let keys: Vec<&str> = at(&rate, "areas")
            .fields
            .iter()
            .map(|f| f.key.as_str())
            .collect();
        assert_eq!(keys, ["id", "label", "factor", "approval_required"]);
    }

    #[test]
    fn money_decimals_and_dates_have_their_inputs() {
        let rate = form_fields(Kind::Rate);
        for money in [
            "base_hourly",
            "packages.price",
            "packages.overage_hourly",
            "units.price",
        ] {
            assert_eq!(at(&rate, money).input, Input::Money, "{money}");
        }
        for decimal in [
            "vat_rate",
            "areas.factor",
            "surcharges.percent",
            "packages.rollover.max_percent",
        ] {
            assert_eq!(at(&rate, decimal).input, Input::Decimal, "{decimal}");
        }
        assert_eq!(at(&rate, "valid_from").input, Input::Date);
        assert_eq!(at(&rate, "summary").input, Input::Textarea);
        assert_eq!(
            at(&form_fields(Kind::Service), "flat_price").input,
            Input::Money
        );
    }

    #[test]
    fn selects_carry_their_values_with_descriptions() {
        let service = form_fields(Kind::Service);
        let billing = at(&service, "billing");
        assert_eq!(billing.input, Input::Select);
        let hourly = billing
            .choices
            .iter()
            .find(|(v, _)| v == "hourly")
            .expect("hourly");
        assert!(hourly.1.contains("hour"), "{hourly:?}");
        assert_eq!(billing.need, Need::Required);
        assert!(!billing.translatable);
    }

    #[test]
    fn references_name_their_targets() {
        let service = form_fields(Kind::Service);
        assert_eq!(at(&service, "category").input, Input::Ref);
        assert_eq!(at(&service, "category").target, Some(Target::Category));
        assert_eq!(at(&service, "unit").target, Some(Target::Unit));
        assert_eq!(at(&service, "equipment").input, Input::Refs);
        assert_eq!(
            at(&service, "equipment").target,
            Some(Target::Item(Kind::Checklist))
        );
        assert_eq!(
            at(&service, "skills.id").target,
            Some(Target::Item(Kind::Skill))
        );
        assert_eq!(at(&service, "visible_to").target, Some(Target::Audience));
        assert_eq!(at(&service, "tasks").input, Input::Strings);
        assert!(at(&service, "tasks").translatable);
        assert_eq!(at(&service, "extra").input, Input::Other);
        let guide = form_fields(Kind::Guide);
        assert_eq!(
            at(&guide, "steps.checklist").target,
            Some(Target::Item(Kind::Checklist))
        );
        assert_eq!(at(&guide, "roles").target, Some(Target::Role));
    }

    #[test]
    fn the_markdown_the_build_renders_is_markdown() {
        let checklist = form_fields(Kind::Checklist);
        assert_eq!(at(&checklist, "items.text").input, Input::Markdown);
        assert_eq!(at(&checklist, "items.note").input, Input::Markdown);
        assert_eq!(at(&checklist, "items.section").input, Input::Text);
        assert!(at(&checklist, "items.text").translatable);
        let guide = form_fields(Kind::Guide);
        assert_eq!(at(&guide, "steps.body").input, Input::Markdown);
        assert_eq!(at(&guide, "steps.title").input, Input::Text);
    }
}
