//! `POST /__vpagen/edit/new` and `POST /__vpagen/edit/delete`: creating a content file
//! from the starter of its type, and moving one into the trash folder.
//!
//! A delete never removes anything: the file is renamed into
//! `.vpagen-trash/<UTC time>/` of the site, which builds do not read. It is refused
//! while other items refer to the file's item, or translations of it exist.

use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::form::{named, parts};
use super::{Editor, json, read_json, refuse, refuse_owned};
use crate::edit;
use crate::kind::Kind;
use crate::reference::form::{FormField, Input, Target, form_fields};
use crate::scaffold::ScaffoldError;

impl Editor {
    /// Creates a content file.
    pub(super) async fn create(&self, req: Request) -> Response {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct New {
            kind: String,
            id: String,
            lang: Option<String>,
        }
        let new: New = match read_json(req, "{\"kind\", \"id\"}").await {
            Ok(new) => new,
            Err(r) => return r,
        };
        let Some(kind) = Kind::from_folder(&new.kind) else {
            return refuse(
                StatusCode::BAD_REQUEST,
                "bad request: kind is one of services, skills, checklists, rates, briefings, guides, pages\n",
            );
        };
        let root = self.root.clone();
        let today = self.opts.date;
        let (id, lang) = (new.id.clone(), new.lang.clone());
        let made = tokio::task::spawn_blocking(move || match lang {
            Some(lang) => crate::scaffold::new_translation(&root, kind, &id, &lang),
            None => crate::scaffold::new_item(&root, kind, &id, today),
        })
        .await;
        let rel = match &new.lang {
            Some(lang) => format!("content/{}/{}.{lang}.md", kind.folder(), new.id),
            None => format!("content/{}/{}.md", kind.folder(), new.id),
        };
        match made {
            Ok(Ok(_)) => json(StatusCode::CREATED, &json!({ "path": rel })),
            Ok(Err(e @ (ScaffoldError::BadId { .. } | ScaffoldError::NotALanguage { .. }))) => {
                refuse_owned(StatusCode::BAD_REQUEST, format!("{e}\n"))
            }
            Ok(Err(ScaffoldError::NoOriginal { .. })) => refuse_owned(
                StatusCode::NOT_FOUND,
                format!(
                    "content/{}/{}.md does not exist, so there is nothing to translate\n",
                    kind.folder(),
                    new.id
                ),
            ),
            Ok(Err(ScaffoldError::Exists { .. })) => refuse_owned(
                StatusCode::CONFLICT,
                format!("{rel} already exists; vpagen never overwrites files\n"),
            ),
            Ok(Err(e)) => {
                super::super::err_line(&format!("error: creating a file failed: {e}"));
                refuse(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the file could not be created\n",
                )
            }
            Err(_) => refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the file could not be created\n",
            ),
        }
    }

    /// Moves a content file into the trash folder, unless other items refer to it.
    pub(super) async fn delete(&self, req: Request) -> Response {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Delete {
            path: String,
            revision: String,
        }
        let delete: Delete = match read_json(req, "{\"path\", \"revision\"}").await {
            Ok(delete) => delete,
            Err(r) => return r,
        };
        let path = match self.locate(&delete.path) {
            Ok(path) => path,
            Err(r) => return r,
        };
        let Some(named) = named(&delete.path) else {
            return refuse(
                StatusCode::BAD_REQUEST,
                "bad path: give content/<type>/<id>.md or content/<type>/<id>.<lang>.md of one of the seven types\n",
            );
        };
        let current = match self.read(&path) {
            Ok(text) => text,
            Err(r) => return r,
        };
        let now = edit::revision(&current);
        if now != delete.revision {
            return json(
                StatusCode::CONFLICT,
                &json!({ "conflict": true, "theirs": current, "revision": now }),
            );
        }
        let referrers = if named.lang.is_none() {
            let opts = self.opts.clone();
            let rel = delete.path.clone();
            let found =
                tokio::task::spawn_blocking(move || referrers(&opts, named.kind, &named.id, &rel))
                    .await;
            match found {
                Ok(Some(found)) => found,
                _ => {
                    return refuse(
                        StatusCode::CONFLICT,
                        "the site does not load, so what refers to this file is not known; fix the errors serve shows first\n",
                    );
                }
            }
        } else {
            Vec::new()
        };
        if !referrers.is_empty() {
            return json(StatusCode::CONFLICT, &json!({ "referrers": referrers }));
        }
        match crate::output::trash(&self.root, &delete.path) {
            Ok(moved) => json(StatusCode::OK, &json!({ "trash": moved })),
            Err(e) => {
                super::super::err_line(&format!(
                    "error: moving {} to the trash failed: {e}",
                    delete.path
                ));
                refuse(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the file could not be moved to the trash\n",
                )
            }
        }
    }
}

/// The JSON body of a POST.
/// The items that refer to the item `kind`/`id` (in their front matter or with an
/// `@type:id` link in their body), then its translations: each as the contract's
/// referrer object. `rel` is the original's own file, which does not count.
fn referrers(
    opts: &crate::build::BuildOptions,
    kind: Kind,
    id: &str,
    rel: &str,
) -> Option<Vec<Value>> {
    let Ok((Some(prepared), report)) = crate::build::prepare(opts) else {
        return None;
    };
    let site = &prepared.site;
    let sources = &report.sources;
    let path_of = |file| sources.path(file).to_string_lossy().replace('\\', "/");
    let link = format!("@{}:{id}", kind.ref_name());
    let mut out = Vec::new();
    for item in site.items.iter().chain(&site.hidden) {
        let path = path_of(item.file);
        if path == rel {
            continue;
        }
        let entry = |key: &str| {
            json!({
                "path": path, "kind": item.kind.folder(), "id": item.id,
                "title": item.title, "key": key,
            })
        };
        if item.kind == kind && item.id == id {
            out.push(entry("translation"));
            continue;
        }
        let (values, body) = parts(sources.text(item.file));
        let mut keys = Vec::new();
        if item.file == item.base_file {
            refs_in(&form_fields(item.kind), &values, "", kind, id, &mut keys);
        }
        if links_to(&body, &link) {
            keys.push("body".to_owned());
        }
        keys.dedup();
        out.extend(keys.iter().map(|k| entry(k)));
    }
    Some(out)
}

/// Whether Markdown `body` links to `link` (`@type:id`, maybe with `#anchor`).
fn links_to(body: &str, link: &str) -> bool {
    body.match_indices(link).any(|(at, _)| {
        body[at + link.len()..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    })
}

/// The dotted keys of `values` (a table of the form `fields`) whose references name
/// the item `kind`/`id`.
fn refs_in(
    fields: &[FormField],
    values: &Value,
    prefix: &str,
    kind: Kind,
    id: &str,
    keys: &mut Vec<String>,
) {
    for field in fields {
        let Some(value) = values.get(&field.key) else {
            continue;
        };
        let key = if prefix.is_empty() {
            field.key.clone()
        } else {
            format!("{prefix}.{}", field.key)
        };
        let names = |v: &Value| {
            v.as_str()
                .is_some_and(|s| s == id || s.split_once('#').is_some_and(|(s, _)| s == id))
        };
        match (field.input, field.target) {
            (Input::Ref, Some(Target::Item(k))) if k == kind && names(value) => {
                keys.push(key);
            }
            (Input::Refs, Some(Target::Item(k)))
                if k == kind && value.as_array().is_some_and(|a| a.iter().any(names)) =>
            {
                keys.push(key);
            }
            (Input::Table, _) => refs_in(&field.fields, value, &key, kind, id, keys),
            (Input::Entries, _) => {
                for entry in value.as_array().into_iter().flatten() {
                    refs_in(&field.fields, entry, &key, kind, id, keys);
                }
            }
            _ => {}
        }
    }
}
