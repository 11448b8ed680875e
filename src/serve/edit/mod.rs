//! Editing content files from the browser while serving: `GET /__vpagen/edit/file`
//! reads a file of `content/`, `POST /__vpagen/edit/save` applies changes to it.
//!
//! Only a server bound to a loopback address edits; elsewhere both answer 403. Every
//! request needs the per-run token that the server puts into the pages it serves
//! (never into a build), and must come from the server's own origin: a page of any
//! other site can neither read the token nor send the header. Paths are `.md` files
//! under `content/`, which must not lead out of it through a symbolic link; bodies
//! are at most [`MAX_BODY`] bytes. A save writes only when the file is still at the
//! revision the editor read, atomically; otherwise nothing is written and both
//! versions are returned.

use std::collections::VecDeque;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};

mod check;
mod form;
mod lifecycle;
mod preview;

use super::guard;
use crate::build::BuildOptions;
use crate::edit::{self, Change};
use crate::source::SourceError;

/// The paths of the edit endpoints start with this.
pub(super) const PREFIX: &str = "/__vpagen/edit/";
const FILE: &str = "/__vpagen/edit/file";
const SAVE: &str = "/__vpagen/edit/save";
const FORM: &str = "/__vpagen/edit/form";
const CHECK: &str = "/__vpagen/edit/check";
const PREVIEW: &str = "/__vpagen/edit/preview";
const NEW: &str = "/__vpagen/edit/new";
const DELETE: &str = "/__vpagen/edit/delete";

/// The largest request body a save may have.
pub(super) const MAX_BODY: usize = 1 << 20;

/// How much of a body over [`MAX_BODY`] is still read (and dropped) before the 413 is
/// sent, so that the client, still sending, gets the answer rather than a reset.
const DRAIN_UP_TO: usize = 8 << 20;

/// How long a client may take to send a save's body.
const BODY_TIMEOUT: Duration = Duration::from_secs(10);

/// The header that carries the token.
const TOKEN_HEADER: &str = "x-vpagen-token";

/// How many texts, by path and revision, are kept to show "yours" in a conflict.
const REMEMBERED: usize = 32;

/// Editing for one run of `serve`.
pub(super) struct Editor {
    token: String,
    root: PathBuf,
    /// How the site is loaded for forms, checks and previews: as `serve` builds it.
    opts: BuildOptions,
    bind: IpAddr,
    port: u16,
    /// Texts handed out or saved, newest last: the base of a later conflicting save.
    /// Held while a save reads, compares and writes, so saves do not interleave.
    seen: Mutex<VecDeque<(String, String, String)>>,
}

impl Editor {
    /// Editing for the site `root` served on `bind`:`port`, with a new random token;
    /// `None` when `bind` is not a loopback address.
    pub(super) fn new(
        opts: &BuildOptions,
        bind: IpAddr,
        port: u16,
    ) -> std::io::Result<Option<Editor>> {
        if !bind.is_loopback() {
            return Ok(None);
        }
        let bytes = crate::source::random_bytes::<16>()?;
        let token = bytes.iter().fold(String::new(), |mut hex, b| {
            use std::fmt::Write as _;
            let _ = write!(hex, "{b:02x}");
            hex
        });
        Ok(Some(Editor {
            token,
            root: opts.root.clone(),
            opts: opts.clone(),
            bind,
            port,
            seen: Mutex::default(),
        }))
    }

    /// The element that hands the token to served pages: a JSON data block, which
    /// HTML allows in `<body>`, where serve injects its tags (a `<meta name>` would
    /// belong in `<head>`).
    pub(super) fn token_tag(&self) -> String {
        format!(
            "<script type=\"application/json\" id=\"vpagen-edit-token\">\"{}\"</script>",
            self.token
        )
    }
}

/// Answers a request under [`PREFIX`] (the Host guard has passed).
pub(super) async fn answer(editor: Option<&Editor>, req: Request) -> Response {
    let Some(editor) = editor else {
        return refuse(
            StatusCode::FORBIDDEN,
            "forbidden: editing is available only when vpagen serve listens on a loopback address (127.0.0.1 or ::1); it is off with this --bind\n",
        );
    };
    let target = req.uri().path();
    let allowed = match target {
        FILE | FORM => "GET",
        SAVE | CHECK | PREVIEW | NEW | DELETE => "POST",
        _ => return refuse(StatusCode::NOT_FOUND, "not found\n"),
    };
    if req.method().as_str() != allowed {
        let mut r = refuse(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n");
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static(allowed));
        return r;
    }
    let post = req.method() == Method::POST;
    if let Err(r) = editor.authorised(req.headers(), post) {
        return r;
    }
    match target {
        FILE => editor.file(&req),
        FORM => editor.form(&req),
        SAVE => editor.save(req).await,
        CHECK => editor.check(req).await,
        PREVIEW => editor.preview(req).await,
        NEW => editor.create(req).await,
        _ => editor.delete(req).await,
    }
}

impl Editor {
    /// The token, the origin and (when sent) `Sec-Fetch-Site`; a POST must name its
    /// origin, a GET need not (a browser sends none on same-origin GETs).
    fn authorised(&self, headers: &HeaderMap, post: bool) -> Result<(), Response> {
        let forbidden = |text: &'static str| Err(refuse(StatusCode::FORBIDDEN, text));
        let token = one(headers, TOKEN_HEADER);
        if !token.is_some_and(|t| same_token(t.as_bytes(), self.token.as_bytes())) {
            return forbidden(
                "forbidden: send the edit token of this run of vpagen serve in X-Vpagen-Token\n",
            );
        }
        match one(headers, header::ORIGIN.as_str()) {
            Some(origin) if self.own_origin(origin) => {}
            None if !post && headers.get(header::ORIGIN).is_none() => {}
            _ => {
                return forbidden(
                    "forbidden: the request does not come from this server's pages\n",
                );
            }
        }
        if let Some(site) = headers.get("sec-fetch-site")
            && site.as_bytes() != b"same-origin"
        {
            return forbidden("forbidden: the request does not come from this server's pages\n");
        }
        Ok(())
    }

    /// Whether `origin` is this server as a browser names it: `http://`, a host the
    /// Host guard accepts, and the port the server listens on.
    fn own_origin(&self, origin: &str) -> bool {
        let Some(authority) = origin.strip_prefix("http://") else {
            return false;
        };
        let port = if authority.ends_with(']') {
            None
        } else {
            authority.rsplit_once(':').map(|(_, p)| p)
        };
        let port = port.map_or(Some(80), |p| p.parse::<u16>().ok());
        guard::host_allowed(self.bind, authority) && port == Some(self.port)
    }

    /// The file that a GET's `?path=content/…` names: its path as given and its text.
    fn file_of_query(&self, req: &Request) -> Result<(String, String), Response> {
        #[derive(serde::Deserialize)]
        struct Query {
            path: String,
        }
        let Ok(axum::extract::Query(query)) =
            axum::extract::Query::<Query>::try_from_uri(req.uri())
        else {
            return Err(refuse(
                StatusCode::BAD_REQUEST,
                "bad request: give ?path=content/…\n",
            ));
        };
        let text = self.locate(&query.path).and_then(|p| self.read(&p))?;
        Ok((query.path, text))
    }

    /// `GET /__vpagen/edit/file?path=content/…`: the file's text and revision.
    fn file(&self, req: &Request) -> Response {
        let (path, text) = match self.file_of_query(req) {
            Ok(found) => found,
            Err(r) => return r,
        };
        let revision = edit::revision(&text);
        self.remember(&path, &revision, &text);
        json(
            StatusCode::OK,
            &serde_json::json!({ "path": path, "text": text, "revision": revision }),
        )
    }

    /// `POST /__vpagen/edit/save`: applies the changes when the file is still at the
    /// given revision and they bring no new errors to the site; answers 409 with both
    /// versions, or 422 with the errors, and writes nothing otherwise.
    async fn save(&self, req: Request) -> Response {
        let save: Draft = match read_json(req, "{\"path\", \"revision\", \"changes\"}").await {
            Ok(save) => save,
            Err(r) => return r,
        };
        let path = match self.locate(&save.path) {
            Ok(path) => path,
            Err(r) => return r,
        };
        let current = match self.read(&path) {
            Ok(text) => text,
            Err(r) => return r,
        };
        let new = match edit::apply(&current, &save.changes) {
            Ok(new) => new,
            Err(e) => return refuse_owned(StatusCode::UNPROCESSABLE_ENTITY, format!("{e}\n")),
        };
        if new != current && edit::revision(&current) == save.revision {
            match self.findings(&save.path, &current, &new) {
                Ok(found) if found.iter().any(check::Finding::is_new_error) => {
                    let errors: Vec<_> = found
                        .into_iter()
                        .filter(check::Finding::is_new_error)
                        .collect();
                    return json(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        &serde_json::json!({ "diagnostics": errors }),
                    );
                }
                Ok(_) => {}
                Err(r) => return r,
            }
        }
        self.write_unless_changed(&save, &path, &new)
    }

    /// Writes `new` when the file is still at the save's revision, under the lock that
    /// keeps saves from interleaving; else answers 409 with both versions.
    fn write_unless_changed(&self, save: &Draft, path: &Path, new: &str) -> Response {
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let current = match self.read(path) {
            Ok(text) => text,
            Err(r) => return r,
        };
        let now = edit::revision(&current);
        if now != save.revision {
            let yours = find(&seen, &save.path, &save.revision)
                .and_then(|base| edit::apply(base, &save.changes).ok());
            let mut body =
                serde_json::json!({ "conflict": true, "theirs": current, "revision": now });
            if let Some(yours) = yours {
                body["yours"] = serde_json::Value::String(yours);
            }
            return json(StatusCode::CONFLICT, &body);
        }
        if new != current
            && let Err(e) = crate::output::replace_file(path, new.as_bytes())
        {
            super::err_line(&format!("error: saving {} failed: {e}", save.path));
            return refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the file could not be saved\n",
            );
        }
        let revision = edit::revision(new);
        push(&mut seen, &save.path, &revision, new);
        json(StatusCode::OK, &serde_json::json!({ "revision": revision }))
    }

    /// The file of the site that `rel` names, when it is a `.md` file under `content/`
    /// that does not lead out of it.
    fn locate(&self, rel: &str) -> Result<PathBuf, Response> {
        if let Err(text) = check_path(rel) {
            return Err(refuse(StatusCode::BAD_REQUEST, text));
        }
        crate::source::content_file(&self.root, rel).map_err(|e| match e {
            SourceError::OutsideSite { .. } => refuse(
                StatusCode::FORBIDDEN,
                "forbidden: the path leads out of content/ through a symbolic link\n",
            ),
            SourceError::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                refuse(StatusCode::NOT_FOUND, "no such content file\n")
            }
            _ => refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the file cannot be read\n",
            ),
        })
    }

    fn read(&self, path: &Path) -> Result<String, Response> {
        crate::source::read_content_file(&self.root, path).map_err(|e| match e {
            SourceError::OutsideSite { .. } => refuse(
                StatusCode::FORBIDDEN,
                "forbidden: the path leads out of content/ through a symbolic link\n",
            ),
            _ => refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the file cannot be read as UTF-8 text\n",
            ),
        })
    }

    fn remember(&self, rel: &str, revision: &str, text: &str) {
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        push(&mut seen, rel, revision, text);
    }
}

fn push(seen: &mut VecDeque<(String, String, String)>, rel: &str, revision: &str, text: &str) {
    seen.retain(|(p, r, _)| !(p == rel && r == revision));
    if seen.len() >= REMEMBERED {
        seen.pop_front();
    }
    seen.push_back((rel.to_owned(), revision.to_owned(), text.to_owned()));
}

fn find<'a>(
    seen: &'a VecDeque<(String, String, String)>,
    rel: &str,
    revision: &str,
) -> Option<&'a str> {
    seen.iter()
        .find(|(p, r, _)| p == rel && r == revision)
        .map(|(_, _, t)| t.as_str())
}

/// A form's changes to one file, opened at `revision`: the body of a save or a check.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Draft {
    path: String,
    revision: String,
    changes: Vec<Change>,
}

/// The JSON body of a POST, refused with 415, 413, 408 or 400 (naming `shape`) when
/// it is not JSON, too long, too slow or not of the expected shape.
async fn read_json<T: serde::de::DeserializeOwned>(
    req: Request,
    shape: &str,
) -> Result<T, Response> {
    if !is_json(req.headers()) {
        return Err(refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported media type: send Content-Type: application/json\n",
        ));
    }
    let bytes = read_body(req.into_body()).await?;
    serde_json::from_slice(&bytes).map_err(|e| {
        refuse_owned(
            StatusCode::BAD_REQUEST,
            format!("bad request: send {shape} ({e})\n"),
        )
    })
}

/// Whether `rel` has the form of an editable file: relative, `/`-separated, under
/// `content/`, ending in `.md`, with no `..`, `.`, empty part, backslash or NUL.
/// Content files end in lower-case `.md`, as the build reads them.
#[allow(clippy::case_sensitive_file_extension_comparisons)]
pub(super) fn check_path(rel: &str) -> Result<(), &'static str> {
    let bad = |text| Err(text);
    if rel.contains(['\\', '\0']) || rel.starts_with('/') {
        return bad("bad path: give a path relative to the site, with / between its parts\n");
    }
    let parts: Vec<&str> = rel.split('/').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || *p == "." || *p == "..")
    {
        return bad("bad path: no empty, . or .. parts\n");
    }
    if parts.len() < 2 || parts[0] != "content" {
        return bad("bad path: only files under content/ can be edited\n");
    }
    if !rel.ends_with(".md") {
        return bad("bad path: only .md files can be edited\n");
    }
    Ok(())
}

/// The one value of the header `name`, as text; `None` when it is missing, repeated
/// or not text.
fn one<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    let mut values = headers.get_all(name).iter();
    match (values.next(), values.next()) {
        (Some(v), None) => v.to_str().ok(),
        _ => None,
    }
}

/// Compares two tokens in a time that does not depend on where they differ.
fn same_token(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0_u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn is_json(headers: &HeaderMap) -> bool {
    one(headers, header::CONTENT_TYPE.as_str()).is_some_and(|t| {
        t.split(';')
            .next()
            .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
    })
}

/// The body, at most [`MAX_BODY`] bytes, within [`BODY_TIMEOUT`]; 413 or 408 else.
async fn read_body(body: Body) -> Result<Bytes, Response> {
    use futures_util::StreamExt as _;
    let mut stream = body.into_data_stream();
    let read = async {
        let mut got = Vec::new();
        let mut total = 0_usize;
        while let Some(chunk) = stream.next().await {
            let Ok(chunk) = chunk else {
                return Err(refuse(
                    StatusCode::BAD_REQUEST,
                    "bad request: the body broke off\n",
                ));
            };
            total += chunk.len();
            if total <= MAX_BODY {
                got.extend_from_slice(&chunk);
            } else if total > DRAIN_UP_TO {
                break;
            }
        }
        if total > MAX_BODY {
            let mut r = refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload too large: at most 1 MiB\n",
            );
            r.headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            return Err(r);
        }
        Ok(Bytes::from(got))
    };
    tokio::time::timeout(BODY_TIMEOUT, read)
        .await
        .unwrap_or_else(|_| Err(refuse(StatusCode::REQUEST_TIMEOUT, "request timeout\n")))
}

fn refuse(status: StatusCode, text: &'static str) -> Response {
    (status, text).into_response()
}

fn refuse_owned(status: StatusCode, text: String) -> Response {
    (status, text).into_response()
}

fn json(status: StatusCode, value: &serde_json::Value) -> Response {
    let mut r = (status, value.to_string()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_md_files_under_content_pass() {
        assert!(check_path("content/services/a.md").is_ok());
        for bad in [
            "../site.toml",
            "/etc/passwd",
            "content/../site.toml",
            "content/./a.md",
            "content//a.md",
            "content\\a.md",
            "content/a.txt",
            "site.toml",
            "content",
            "static/a.md",
            "content/a.md\0",
        ] {
            assert!(check_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_own_origin_only() {
        let editor = Editor {
            token: "t".into(),
            root: PathBuf::new(),
            opts: crate::build::BuildOptions {
                root: PathBuf::new(),
                output: PathBuf::new(),
                drafts: true,
                base_url: None,
                date: crate::util::Date::new(2026, 12, 3).unwrap(),
                audience: crate::build::AudienceChoice::Everything,
                strict: false,
            },
            bind: "127.0.0.1".parse().unwrap(),
            port: 4000,
            seen: Mutex::default(),
        };
        for ok in [
            "http://127.0.0.1:4000",
            "http://localhost:4000",
            "http://[::1]:4000",
        ] {
            assert!(editor.own_origin(ok), "{ok}");
        }
        for bad in [
            "http://127.0.0.1:4001",
            "https://127.0.0.1:4000",
            "http://evil.example:4000",
            "http://127.0.0.1",
            "null",
            "http://localhost:4000/",
        ] {
            assert!(!editor.own_origin(bad), "{bad}");
        }
        assert!(same_token(b"abc", b"abc"));
        assert!(!same_token(b"abc", b"abd") && !same_token(b"abc", b"ab"));
    }
}
