//! `GET /__vpagen/edit/form?path=content/…`: what the editor needs to show a form for
//! one content file, generated from the types.
//!
//! The fields come from [`crate::reference::form`]; their values from the file's own
//! front matter. Options of references come from the site as `serve` loads it; when
//! the site does not load, the form still comes, with those options empty.

use std::path::Path;

use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::{Editor, json, refuse};
use crate::build::Prepared;
use crate::content::Data;
use crate::edit;
use crate::kind::Kind;
use crate::model::Site;
use crate::reference::facts::{Fallback, Need};
use crate::reference::form::{FormField, Target, form_fields};

/// What a content file's path says: its type, id and (for a translation) language.
pub(super) struct Named {
    pub(super) kind: Kind,
    pub(super) id: String,
    pub(super) lang: Option<String>,
}

/// The type, id and translation language of `content/<type>/<id>[.<lang>].md`.
pub(super) fn named(rel: &str) -> Option<Named> {
    let rest = rel.strip_prefix("content/")?;
    let (folder, file) = rest.split_once('/')?;
    let kind = Kind::from_folder(folder)?;
    let stem = file.strip_suffix(".md")?;
    if stem.contains('/') {
        return None;
    }
    let (id, lang) = match stem.split_once('.') {
        Some((id, lang)) => (id, Some(lang.to_owned())),
        None => (stem, None),
    };
    Some(Named {
        kind,
        id: id.to_owned(),
        lang,
    })
}

/// A content file's front matter and body; the front matter as JSON (TOML dates as
/// `YYYY-MM-DD`), an empty object when it does not read.
pub(super) fn parts(text: &str) -> (Value, String) {
    let file = crate::diag::Sources::new().add("", "");
    let Ok(split) = crate::content::split(file, text) else {
        return (json!({}), text.to_owned());
    };
    let front = text.get(split.front).unwrap_or_default();
    let body = text.get(split.body).unwrap_or_default().to_owned();
    let values = toml::from_str::<toml::Table>(front)
        .map_or_else(|_| json!({}), |t| to_json(&toml::Value::Table(t)));
    (values, body)
}

/// A TOML value as JSON; dates (and the date of a date-time) as `YYYY-MM-DD`.
fn to_json(value: &toml::Value) -> Value {
    match value {
        toml::Value::Datetime(d) => Value::String(match d.date {
            Some(date) => date.to_string(),
            None => d.to_string(),
        }),
        toml::Value::Array(items) => Value::Array(items.iter().map(to_json).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
        other => crate::reference::toml_to_json(other),
    }
}

impl Editor {
    /// The form of a content file.
    pub(super) fn form(&self, req: &Request) -> Response {
        let (path, text) = match self.file_of_query(req) {
            Ok(found) => found,
            Err(r) => return r,
        };
        let Some(named) = named(&path) else {
            return refuse(
                StatusCode::BAD_REQUEST,
                "bad path: give content/<type>/<id>.md or content/<type>/<id>.<lang>.md of one of the seven types\n",
            );
        };
        let revision = edit::revision(&text);
        self.remember(&path, &revision, &text);
        let prepared = crate::build::prepare(&self.opts).ok().and_then(|(p, _)| p);
        let site = prepared.as_ref().map(|p: &Prepared| &p.site);
        let answer = self.form_json(&path, &text, &named, site);
        json(StatusCode::OK, &answer)
    }

    fn form_json(&self, rel: &str, text: &str, named: &Named, site: Option<&Site>) -> Value {
        let (values, body) = parts(text);
        let (default_lang, languages) = self.languages(site);
        let lang = named.lang.clone().unwrap_or(default_lang);
        let original_rel = format!("content/{}/{}.md", named.kind.folder(), named.id);
        let original = named.lang.as_ref().map(|_| {
            let text = crate::source::content_file(&self.root, &original_rel)
                .ok()
                .and_then(|p| crate::source::read_content_file(&self.root, &p).ok());
            text.map_or(Value::Null, |text| {
                let (values, body) = parts(&text);
                json!({
                    "path": original_rel,
                    "values": values,
                    "body": body,
                    "source_hash": crate::content::source_hash(&text),
                })
            })
        });
        let translations: Vec<Value> = if named.lang.is_some() {
            Vec::new()
        } else {
            self.translations(named, &languages)
        };
        let url = site.and_then(|site| {
            site.get_exact(named.kind, &named.id, &lang)
                .map(|item| site.url(item))
        });
        let context = Context {
            site,
            kind: named.kind,
            id: &named.id,
            lang: &lang,
        };
        let fields: Vec<Value> = form_fields(named.kind)
            .iter()
            .map(|f| context.field(f))
            .collect();
        json!({
            "path": rel,
            "revision": edit::revision(text),
            "kind": named.kind.folder(),
            "id": named.id,
            "lang": lang,
            "translation": named.lang.is_some(),
            "url": url,
            "values": values,
            "body": body,
            "original": original.unwrap_or(Value::Null),
            "translations": translations,
            "languages": languages,
            "audiences": audiences(site, &lang),
            "fields": fields,
        })
    }

    /// The default language and all languages of the site, default first: from the
    /// loaded site, else from `site.toml` as far as it reads.
    fn languages(&self, site: Option<&Site>) -> (String, Vec<String>) {
        if let Some(site) = site {
            let config = &site.config;
            let mut all = vec![config.default_lang.clone()];
            all.extend(
                config
                    .languages
                    .iter()
                    .map(|l| l.code.clone())
                    .filter(|c| *c != config.default_lang),
            );
            return (config.default_lang.clone(), all);
        }
        let table = crate::source::read_text(&self.root, &self.root.join("site.toml"))
            .ok()
            .and_then(|t| toml::from_str::<toml::Table>(&t).ok())
            .unwrap_or_default();
        let default = table
            .get("default_lang")
            .and_then(toml::Value::as_str)
            .unwrap_or("de")
            .to_owned();
        let mut all = vec![default.clone()];
        if let Some(languages) = table.get("languages").and_then(toml::Value::as_table) {
            all.extend(languages.keys().filter(|c| **c != default).cloned());
        }
        (default, all)
    }

    /// The translations of an original that exist on disk.
    fn translations(&self, named: &Named, languages: &[String]) -> Vec<Value> {
        languages
            .iter()
            .skip(1)
            .filter_map(|lang| {
                let rel = format!("content/{}/{}.{lang}.md", named.kind.folder(), named.id);
                Path::new(&self.root)
                    .join(&rel)
                    .is_file()
                    .then(|| json!({ "lang": lang, "path": rel }))
            })
            .collect()
    }
}

/// The audiences of site.toml, in its order (rank = place), titled in `lang`.
fn audiences(site: Option<&Site>, lang: &str) -> Vec<Value> {
    let Some(site) = site else {
        return Vec::new();
    };
    let config = &site.config;
    config
        .audiences
        .iter()
        .enumerate()
        .map(|(rank, a)| {
            json!({
                "id": a.id,
                "label": a.title.get(lang, &config.default_lang),
                "rank": rank,
            })
        })
        .collect()
}

/// What the options of a form's references depend on.
struct Context<'a> {
    site: Option<&'a Site>,
    kind: Kind,
    id: &'a str,
    lang: &'a str,
}

impl Context<'_> {
    /// A field of the form as JSON, with the options of selects and references.
    fn field(&self, f: &FormField) -> Value {
        let (required, condition) = match f.need {
            Need::Required => (true, None),
            Need::Optional => (false, None),
            Need::When(text) => (false, Some(format!("when {text}"))),
        };
        let default = match f.default {
            Fallback::None => None,
            Fallback::Value(v) | Fallback::Rule(v) => Some(v),
        };
        let options: Vec<Value> = match f.target {
            Some(target) => self
                .options(target)
                .into_iter()
                .map(|(value, label)| json!({ "value": value, "label": label }))
                .collect(),
            None => f
                .choices
                .iter()
                .map(|(value, label)| json!({ "value": value, "label": label }))
                .collect(),
        };
        let mut out = json!({
            "key": f.key,
            "input": f.input,
            "description": f.description,
            "required": required,
            "condition": condition,
            "default": default,
            "translatable": f.translatable,
            "example": f.example,
            "options": options,
        });
        if !f.fields.is_empty() {
            out["fields"] = Value::Array(f.fields.iter().map(|c| self.field(c)).collect());
        }
        out
    }

    /// The values a reference may take, each with its title in the file's language.
    fn options(&self, target: Target) -> Vec<(String, String)> {
        let Some(site) = self.site else {
            return Vec::new();
        };
        let config = &site.config;
        let default = config.default_lang.as_str();
        match target {
            Target::Item(kind) => site
                .originals(kind)
                .map(|i| {
                    let title = site.get(kind, &i.id, self.lang).unwrap_or(i);
                    (i.id.clone(), title.title.clone())
                })
                .collect(),
            Target::Category => config
                .categories
                .iter()
                .map(|c| (c.id.clone(), c.title.get(self.lang, default).to_owned()))
                .collect(),
            Target::Role => config
                .roles
                .iter()
                .map(|r| (r.id.clone(), r.title.get(self.lang, default).to_owned()))
                .collect(),
            Target::Audience => config
                .audiences
                .iter()
                .map(|a| (a.id.clone(), a.title.get(self.lang, default).to_owned()))
                .collect(),
            Target::Area | Target::Unit | Target::Surcharge => self.rate_options(site, target),
        }
    }

    /// Areas, units or surcharges of the service's rate table (for other types: of
    /// every rate table), labelled from the table in the file's language.
    fn rate_options(&self, site: &Site, target: Target) -> Vec<(String, String)> {
        let tables: Vec<&crate::content::Item> =
            match site.original(self.kind, self.id).map(|i| &i.data) {
                Some(Data::Service(s)) if self.kind == Kind::Service => {
                    site.rate_table_of(s).into_iter().collect()
                }
                _ if self.kind == Kind::Service => Vec::new(),
                _ => site.originals(Kind::Rate).collect(),
            };
        let mut out: Vec<(String, String)> = Vec::new();
        for table in tables {
            let shown = site.get(Kind::Rate, &table.id, self.lang).unwrap_or(table);
            let Data::Rate(r) = &shown.data else { continue };
            let entries: Vec<(&str, &str)> = match target {
                Target::Area => r.areas.iter().map(|a| (&*a.id, &*a.label)).collect(),
                Target::Unit => r.units.iter().map(|u| (&*u.id, &*u.label)).collect(),
                _ => r.surcharges.iter().map(|s| (&*s.id, &*s.label)).collect(),
            };
            for (id, label) in entries {
                if !out.iter().any(|(known, _)| known == id) {
                    out.push((id.to_owned(), label.to_owned()));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The editor's labels, hints and value labels (`src/serve/editor/labels.json`).
    const LABELS: &str = include_str!("../editor/labels.json");
    const LANGUAGES: [&str; 2] = ["de", "en"];

    /// Every field of a form tree with its dotted path.
    fn flatten<'a>(fields: &'a [FormField], prefix: &str, out: &mut Vec<(String, &'a FormField)>) {
        for f in fields {
            let path = if prefix.is_empty() {
                f.key.clone()
            } else {
                format!("{prefix}.{}", f.key)
            };
            flatten(&f.fields, &path, out);
            out.push((path, f));
        }
    }

    /// What is missing for one field: its label and hint, its condition and default
    /// where it has them, and the labels of its values.
    fn missing_of(labels: &Value, kind: Kind, path: &str, f: &FormField) -> Vec<String> {
        let mut out = Vec::new();
        let text = |v: Option<&Value>| {
            v.and_then(Value::as_str)
                .is_some_and(|s| !s.trim().is_empty())
        };
        let entry = &labels[kind.folder()][path];
        for lang in LANGUAGES {
            let mut keys = vec!["label", "hint"];
            if matches!(f.need, Need::When(_)) {
                keys.push("when");
            }
            if !matches!(f.default, Fallback::None) {
                keys.push("default");
            }
            for key in keys {
                if !text(entry[lang].get(key)) {
                    out.push(format!("{}.{path}: {lang}.{key}", kind.folder()));
                }
            }
            for (value, _) in &f.choices {
                let name = format!("{}.{path}", kind.folder());
                if !text(labels["values"][&name][value].get(lang)) {
                    out.push(format!("values[{name}][{value}].{lang}"));
                }
            }
        }
        out
    }

    #[test]
    fn every_key_of_every_type_has_labels_and_hints_in_both_languages() {
        let labels: Value = serde_json::from_str(LABELS).expect("labels.json is JSON");
        let mut missing = Vec::new();
        let mut unknown = Vec::new();
        let mut selects = Vec::new();
        for kind in Kind::ALL {
            let tree = form_fields(kind);
            let mut fields = Vec::new();
            flatten(&tree, "", &mut fields);
            for (path, f) in &fields {
                missing.extend(missing_of(&labels, kind, path, f));
                if !f.choices.is_empty() {
                    let values: Vec<String> = f.choices.iter().map(|(v, _)| v.clone()).collect();
                    selects.push((format!("{}.{path}", kind.folder()), values));
                }
            }
            let named = labels[kind.folder()].as_object().expect("a table per type");
            unknown.extend(
                named
                    .keys()
                    .filter(|k| !fields.iter().any(|(p, _)| p == *k))
                    .map(|k| format!("{}.{k}", kind.folder())),
            );
        }
        let values = labels["values"].as_object().expect("a table of values");
        for (name, table) in values {
            let Some((_, choices)) = selects.iter().find(|(n, _)| n == name) else {
                unknown.push(format!("values[{name}]"));
                continue;
            };
            for value in table.as_object().into_iter().flat_map(|t| t.keys()) {
                if !choices.contains(value) {
                    unknown.push(format!("values[{name}][{value}]"));
                }
            }
        }
        let top = labels.as_object().expect("an object");
        unknown.extend(
            top.keys()
                .filter(|k| *k != "values" && Kind::from_folder(k).is_none())
                .cloned(),
        );
        assert!(
            missing.is_empty(),
            "labels.json lacks:\n{}",
            missing.join("\n")
        );
        assert!(
            unknown.is_empty(),
            "labels.json names what does not exist:\n{}",
            unknown.join("\n")
        );
    }
}
