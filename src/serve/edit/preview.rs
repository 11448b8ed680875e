//! `POST /__vpagen/edit/preview`: Markdown of a form rendered by the site's own
//! pipeline. The site is loaded with the edited file in memory, so links to other
//! items, audience blocks, callouts and code highlighting come out as the build
//! makes them.

use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::Response;
use std::path::Path;

use super::{Editor, json, read_json, refuse, refuse_owned};
use crate::build;
use crate::edit::{self, Change, FieldValue, PathSeg};
use crate::rendered::stage;
use crate::source::Overlay;

/// What to preview: `markdown` as the body, or as the Markdown field at `field`
/// (`["steps", 2, "body"]`), after the form's other `changes`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Preview {
    path: String,
    markdown: String,
    #[serde(default)]
    field: Option<Vec<PathSeg>>,
    #[serde(default)]
    changes: Vec<Change>,
}

impl Editor {
    /// Renders Markdown as the build would.
    pub(super) async fn preview(&self, req: Request) -> Response {
        let ask: Preview = match read_json(req, "{\"path\", \"markdown\"}").await {
            Ok(ask) => ask,
            Err(r) => return r,
        };
        let current = match self.locate(&ask.path).and_then(|p| self.read(&p)) {
            Ok(text) => text,
            Err(r) => return r,
        };
        let mut changes = ask.changes.clone();
        changes.push(match &ask.field {
            None => Change::Body {
                text: ask.markdown.clone(),
            },
            Some(path) => Change::Set {
                path: path.clone(),
                value: FieldValue::String(ask.markdown.clone()),
            },
        });
        let text = match edit::apply(&current, &changes) {
            Ok(text) => text,
            Err(e) => return refuse_owned(StatusCode::UNPROCESSABLE_ENTITY, format!("{e}\n")),
        };
        match tokio::task::block_in_place(|| self.render(&ask, text)) {
            Ok(Some(html)) => json(StatusCode::OK, &serde_json::json!({ "html": html })),
            Ok(None) => refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                "no preview while the file has errors that keep it from loading\n",
            ),
            Err(e) => {
                super::super::err_line(&format!("error: preview of {} failed: {e}", ask.path));
                refuse(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the preview failed; see the terminal\n",
                )
            }
        }
    }

    /// The HTML of the asked Markdown, from a load of the site with the file reading
    /// `text`; `None` when the item does not load.
    fn render(&self, ask: &Preview, text: String) -> Result<Option<String>, build::BuildError> {
        let mut overlay = Overlay::new();
        overlay.set(&ask.path, text);
        let (prepared, report) = build::prepare_with(&self.opts, &overlay)?;
        let Some(prepared) = prepared else {
            return Ok(None);
        };
        let Some(item) = prepared
            .site
            .items
            .iter()
            .find(|item| report.sources.path(item.file) == Path::new(&ask.path))
        else {
            return Ok(None);
        };
        let Some(rendered) = prepared.bodies.get(item) else {
            return Ok(None);
        };
        Ok(match ask.field.as_deref() {
            None => Some(rendered.body.html.clone()),
            Some([PathSeg::Key(list), PathSeg::Index(i), PathSeg::Key(key)]) => {
                stage::field_at(&item.data, list, *i, key)
                    .and_then(|field| rendered.field(&field).map(str::to_owned))
            }
            Some(_) => None,
        })
    }
}
