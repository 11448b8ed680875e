//! `POST /__vpagen/edit/check`: the diagnostics of `vpagen check` for the site with
//! a form's changes applied in memory, each placed at its field when it is in the
//! edited file. Saves run the same check and refuse changes that bring new errors.
//!
//! The site is loaded twice, with the file as it is on disk and as the form would
//! write it, so that the editor can tell the problems a change brings from those the
//! site had before (by file and message). Nothing is written.

use std::collections::HashSet;
use std::path::Path;

use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

use super::{Draft, Editor, json, read_json, refuse, refuse_owned};
use crate::build::{self, BuildError};
use crate::diag::{Diagnostic, Diagnostics, Severity, Sources, Style, render};
use crate::edit::{self, PathSeg};
use crate::source::Overlay;

/// One diagnostic as the editor shows it.
#[derive(Debug, Serialize)]
pub(super) struct Finding {
    severity: &'static str,
    message: String,
    help: Option<String>,
    code: Option<&'static str>,
    /// The file, relative to the site.
    file: Option<String>,
    /// Line and column (from 1) of the span's start.
    line: Option<usize>,
    column: Option<usize>,
    /// The front-matter key the span is in, when it is in the edited file.
    field: Option<Vec<PathSeg>>,
    /// In the edited file.
    here: bool,
    /// Not there without the changes.
    new: bool,
    /// As the terminal shows it, without colours.
    text: String,
}

impl Finding {
    /// An error the changes bring.
    pub(super) fn is_new_error(&self) -> bool {
        self.new && self.severity == "error"
    }
}

/// The answer of a check.
#[derive(Serialize)]
struct Answer<'a> {
    diagnostics: &'a [Finding],
    errors: usize,
    warnings: usize,
    /// The file on disk is no longer at the form's revision: a save would conflict.
    stale: bool,
}

impl Editor {
    /// Checks the site with the changes of a form, writing nothing.
    pub(super) async fn check(&self, req: Request) -> Response {
        let draft: Draft = match read_json(req, "{\"path\", \"revision\", \"changes\"}").await {
            Ok(draft) => draft,
            Err(r) => return r,
        };
        let current = match self.locate(&draft.path).and_then(|p| self.read(&p)) {
            Ok(text) => text,
            Err(r) => return r,
        };
        let new = match edit::apply(&current, &draft.changes) {
            Ok(new) => new,
            Err(e) => return refuse_owned(StatusCode::UNPROCESSABLE_ENTITY, format!("{e}\n")),
        };
        let findings = match self.findings(&draft.path, &current, &new) {
            Ok(findings) => findings,
            Err(r) => return r,
        };
        let count = |s: &str| findings.iter().filter(|f| f.severity == s).count();
        let answer = Answer {
            diagnostics: &findings,
            errors: count("error"),
            warnings: count("warning"),
            stale: edit::revision(&current) != draft.revision,
        };
        json(StatusCode::OK, &serde_json::json!(answer))
    }

    /// The diagnostics of the site with the file `rel` reading `new`, each marked
    /// whether the site with it reading `current` has it too. Blocks its worker
    /// while the site loads (tens of milliseconds for a hundred pages).
    pub(super) fn findings(
        &self,
        rel: &str,
        current: &str,
        new: &str,
    ) -> Result<Vec<Finding>, Response> {
        tokio::task::block_in_place(|| {
            let (after, sources) = self.diagnose(rel, new)?;
            let before: HashSet<(String, String)> = if new == current {
                after.iter().map(|d| key(d, &sources)).collect()
            } else {
                let (before, sources) = self.diagnose(rel, current)?;
                before.iter().map(|d| key(d, &sources)).collect()
            };
            Ok(after
                .sorted()
                .into_iter()
                .filter(|d| d.severity != Severity::Info)
                .map(|d| {
                    let new_here = !before.contains(&key(d, &sources));
                    finding(d, &sources, rel, new, new_here)
                })
                .collect())
        })
        .map_err(|e: BuildError| {
            super::super::err_line(&format!("error: checking {rel} failed: {e}"));
            refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the site could not be checked; see the terminal\n",
            )
        })
    }

    /// The diagnostics of the site with `rel` reading `text`.
    fn diagnose(&self, rel: &str, text: &str) -> Result<(Diagnostics, Sources), BuildError> {
        let mut overlay = Overlay::new();
        overlay.set(rel, text.to_owned());
        let (_, report) = build::prepare_with(&self.opts, &overlay)?;
        Ok((report.diagnostics, report.sources))
    }
}

/// What makes two diagnostics the same problem across two loads of the site.
fn key(d: &Diagnostic, sources: &Sources) -> (String, String) {
    let file = d
        .location
        .as_ref()
        .map(|l| sources.path(l.file).to_string_lossy().into_owned())
        .unwrap_or_default();
    (file, d.message.clone())
}

fn finding(d: &Diagnostic, sources: &Sources, rel: &str, text: &str, new: bool) -> Finding {
    let place = d.location.as_ref().map(|l| {
        let file = sources.path(l.file);
        let (line, column) = sources.line_col(l.file, l.span.start);
        (file, line, column, l.span.start)
    });
    let here = place
        .as_ref()
        .is_some_and(|(file, ..)| *file == Path::new(rel));
    Finding {
        severity: match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        },
        message: d.message.clone(),
        help: d.help.clone(),
        code: d.code,
        file: place
            .as_ref()
            .map(|(file, ..)| file.to_string_lossy().into_owned()),
        line: place.as_ref().map(|p| p.1),
        column: place.as_ref().map(|p| p.2),
        field: place
            .filter(|_| here)
            .and_then(|(.., offset)| edit::field_at(text, offset)),
        here,
        new,
        text: render(d, sources, Style::default()),
    }
}
