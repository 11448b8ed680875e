//! The HTTP side of `vpagen serve`: files from memory, the live-reload event stream
//! and its script, and the edit endpoints of [`super::edit`]; every request passes the
//! guards of [`super::guard`] first, and no path outside the site is served.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use tokio::sync::{broadcast, oneshot};

use super::engine::Output;
use super::guard;

/// What open pages are told.
#[derive(Debug, Clone)]
pub(super) enum Event {
    /// Reload; go to `goto` first when it is set (the page an edit was about).
    Reload {
        /// URL path of the edited page.
        goto: Option<String>,
    },
    /// Only stylesheets changed: swap them in place.
    Css,
    /// The site has errors: show them over the page.
    Error(String),
}

/// What the server shares with the rebuild loop.
pub(super) struct Shared {
    /// The output being served, swapped whole after each good rebuild.
    pub output: RwLock<Output>,
    /// The diagnostics of the last rebuild when it failed.
    pub error: RwLock<Option<String>>,
    /// Open pages listen here.
    pub events: broadcast::Sender<Event>,
    /// The address the server is bound to.
    pub bind: IpAddr,
    /// The open event streams, oldest first, each with the handle that ends it.
    pub streams: Mutex<Streams>,
    /// Editing from the browser; `None` when not bound to a loopback address.
    pub edit: Option<super::edit::Editor>,
}

/// The open event streams (one per open page), oldest first.
#[derive(Default)]
pub(super) struct Streams {
    next: u64,
    open: VecDeque<(u64, oneshot::Sender<()>)>,
}

/// How many pages may listen for reloads at once; the oldest stream is ended when
/// another page opens.
pub(super) const MAX_EVENT_STREAMS: usize = 32;

/// An open event stream's place in [`Streams`], given up when the stream ends.
struct Registration {
    shared: Arc<Shared>,
    id: u64,
}

impl Drop for Registration {
    fn drop(&mut self) {
        let mut streams = self
            .shared
            .streams
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        streams.open.retain(|(id, _)| *id != self.id);
    }
}

/// Registers a new event stream; ends the oldest when [`MAX_EVENT_STREAMS`] are open.
fn register(shared: &Arc<Shared>) -> (Registration, oneshot::Receiver<()>) {
    let (tx, rx) = oneshot::channel();
    let mut streams = shared
        .streams
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if streams.open.len() >= MAX_EVENT_STREAMS {
        // Dropping the handle ends that stream.
        streams.open.pop_front();
        super::err_line(&format!(
            "note: more than {MAX_EVENT_STREAMS} open pages listen for reloads; the oldest no longer reloads by itself"
        ));
    }
    streams.next += 1;
    let id = streams.next;
    streams.open.push_back((id, tx));
    drop(streams);
    (
        Registration {
            shared: Arc::clone(shared),
            id,
        },
        rx,
    )
}

const LIVE_JS: &str = include_str!("live.js");
const LIVE_TAG: &str = "<script src=\"/__vpagen/live.js\" defer></script>";

/// The files of the browser editor, by name under `/__vpagen/editor/`.
const EDITOR_FILES: &[(&str, &str)] = &[
    ("index.html", include_str!("editor/index.html")),
    ("editor.js", include_str!("editor/editor.js")),
    ("editor.css", include_str!("editor/editor.css")),
    ("bar.js", include_str!("editor/bar.js")),
    ("bar.css", include_str!("editor/bar.css")),
    ("fields.js", include_str!("editor/fields.js")),
    ("dom.js", include_str!("editor/dom.js")),
    ("i18n.js", include_str!("editor/i18n.js")),
    ("logic.js", include_str!("editor/logic.js")),
    ("labels.json", include_str!("editor/labels.json")),
    ("preview.css", include_str!("editor/preview.css")),
];

/// Where the editor and its files are served.
const EDITOR_DIR: &str = "__vpagen/editor/";

/// The edit bar's script, on every served page while editing is on.
const BAR_TAG: &str = "<script src=\"/__vpagen/editor/bar.js\" type=\"module\"></script>";

/// The policy of the editor page: its own scripts and styles, frames of this server
/// only (the preview), never framed itself.
const EDITOR_CSP: &str = "default-src 'self'; frame-src 'self'; frame-ancestors 'none'; img-src 'self' data:; style-src 'self'";

/// Answers every request, with the headers of [`guard::harden`] whatever the status.
pub(super) async fn handle(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    let mut response = if req.uri().path().starts_with(super::edit::PREFIX) {
        match guard::check_request(shared.bind, &req) {
            Ok(()) => super::edit::answer(shared.edit.as_ref(), req).await,
            Err((status, text)) => plain(status, text),
        }
    } else {
        answer(&shared, &req)
    };
    guard::harden(response.headers_mut());
    response
}

fn answer(shared: &Arc<Shared>, req: &Request) -> Response {
    if let Err((status, text)) = guard::check_request(shared.bind, req) {
        return plain(status, text);
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let Some(path) = clean_path(req.uri().path()) else {
        return plain(StatusCode::BAD_REQUEST, "bad path\n");
    };
    match path.as_str() {
        "__vpagen/live.js" => {
            return file(
                StatusCode::OK,
                "live.js",
                Bytes::from_static(LIVE_JS.as_bytes()),
                "",
            );
        }
        "__vpagen/events" => return events(shared).into_response(),
        "__vpagen/editor" => return editor_file(shared, "index.html"),
        p if p.starts_with(EDITOR_DIR) => {
            let name = &p[EDITOR_DIR.len()..];
            return editor_file(shared, if name.is_empty() { "index.html" } else { name });
        }
        _ => {}
    }
    let output = shared
        .output
        .read()
        .map_or_else(|e| e.into_inner().clone(), |o| o.clone());
    let file = |status, path: &str, bytes| {
        let tail = page_tail(shared, output.edit_pages.get(path).map(String::as_str));
        file(status, path, bytes, &tail)
    };
    if output.pages.is_empty() {
        let html = format!(
            "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>vpagen: the site has errors</title><body><main><h1>The site has errors</h1><p>They are shown in the terminal and over this page; the page reloads when they are fixed.</p></main>{LIVE_TAG}</body></html>"
        );
        return file(
            StatusCode::SERVICE_UNAVAILABLE,
            "index.html",
            Bytes::from(html),
        );
    }
    let lookup = |p: &str| {
        output
            .pages
            .get(p)
            .or_else(|| output.search.get(p))
            .or_else(|| output.assets.get(p))
            .cloned()
    };
    let key = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    if let Some(bytes) = lookup(&key) {
        return file(StatusCode::OK, &key, bytes);
    }
    if lookup(&format!("{path}/index.html")).is_some() {
        let mut location = format!("/{path}/");
        if let Some(q) = req.uri().query() {
            location.push('?');
            location.push_str(q);
        }
        let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
        if let Ok(v) = HeaderValue::from_str(&location) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    match lookup("404.html") {
        Some(bytes) => file(StatusCode::NOT_FOUND, "404.html", bytes),
        None => plain(StatusCode::NOT_FOUND, "not found\n"),
    }
}

/// The path below the site root, percent-decoded; `None` for anything that could
/// leave it (`..`, `.`, backslashes, NUL, invalid UTF-8) or is not absolute.
pub fn clean_path(raw: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    let rest = decoded.strip_prefix('/')?;
    if rest.contains(['\\', '\0']) {
        return None;
    }
    let segments: Vec<&str> = rest.split('/').collect();
    if segments.iter().any(|s| *s == ".." || *s == ".")
        || segments[..segments.len() - 1].iter().any(|s| s.is_empty())
    {
        return None;
    }
    Some(rest.to_owned())
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (status, text).into_response()
}

/// What goes before the end of every served page: when editing is on, the edit token,
/// the page's `vpagen-edit-page` block (`edit_page`, when it shows a content file) and
/// the edit bar; always the live-reload script.
fn page_tail(shared: &Shared, edit_page: Option<&str>) -> String {
    match &shared.edit {
        Some(editor) => {
            let page = edit_page.map_or_else(String::new, |json| {
                format!("<script type=\"application/json\" id=\"vpagen-edit-page\">{json}</script>")
            });
            format!("{}{page}{BAR_TAG}{LIVE_TAG}", editor.token_tag())
        }
        None => LIVE_TAG.to_owned(),
    }
}

/// A file of the browser editor; the editor page gets the edit token and its own
/// content security policy.
fn editor_file(shared: &Shared, name: &str) -> Response {
    let Some((_, text)) = EDITOR_FILES.iter().find(|(n, _)| *n == name) else {
        return plain(StatusCode::NOT_FOUND, "not found\n");
    };
    let bytes = Bytes::from_static(text.as_bytes());
    if name != "index.html" {
        return file(StatusCode::OK, name, bytes, "");
    }
    let tail = shared.edit.as_ref().map(super::edit::Editor::token_tag);
    let mut r = file(StatusCode::OK, name, bytes, &tail.unwrap_or_default());
    let headers = r.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(EDITOR_CSP),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    r
}

/// A file, with its content type, and `tail` (see [`page_tail`]) in HTML.
fn file(status: StatusCode, path: &str, bytes: Bytes, tail: &str) -> Response {
    let kind = content_type(path);
    let body = if kind.starts_with("text/html") {
        Body::from(inject(&bytes, tail))
    } else {
        Body::from(bytes)
    };
    let mut r = (status, body).into_response();
    let headers = r.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    r
}

/// The page with `tail` before its last `</body>` (or at its end).
fn inject(html: &[u8], tail: &str) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tail.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tail.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The content type of a path, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("pdf") => "application/pdf",
        Some("webmanifest") => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// The event stream of one open page: first the current error (if any), then every
/// event of the rebuild loop, until the page goes or [`MAX_EVENT_STREAMS`] newer ones
/// are open.
fn events(shared: &Arc<Shared>) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>> + use<>> {
    let (registration, ended) = register(shared);
    let rx = shared.events.subscribe();
    let current = shared
        .error
        .read()
        .map_or_else(|e| e.into_inner().clone(), |e| e.clone())
        .map(Event::Error);
    let first = stream::iter(current.map(|e| Ok(to_sse(&e))));
    let rest = stream::unfold((rx, registration), |(mut rx, registration)| async move {
        match rx.recv().await {
            Ok(event) => Some((Ok(to_sse(&event)), (rx, registration))),
            // A slow page missed events: a reload brings it up to date.
            Err(broadcast::error::RecvError::Lagged(_)) => Some((
                Ok(to_sse(&Event::Reload { goto: None })),
                (rx, registration),
            )),
            Err(broadcast::error::RecvError::Closed) => None,
        }
    });
    let all = futures_util::StreamExt::chain(first, rest);
    // A stream ended for a newer one says goodbye, so that the page does not reconnect
    // (EventSource would) and end the next oldest in turn.
    let bye = stream::once(async { Ok(SseEvent::default().event("bye").data("{}")) });
    let ended = futures_util::StreamExt::take_until(all, ended);
    Sse::new(futures_util::StreamExt::chain(ended, bye))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn to_sse(event: &Event) -> SseEvent {
    match event {
        Event::Reload { goto } => SseEvent::default()
            .event("reload")
            .data(serde_json::json!({ "goto": goto }).to_string()),
        Event::Css => SseEvent::default().event("css").data("{}"),
        Event::Error(text) => SseEvent::default()
            .event("problems")
            .data(serde_json::json!({ "text": text, "ok": false }).to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        assert_eq!(clean_path("/"), Some(String::new()));
        assert_eq!(clean_path("/a/b/"), Some("a/b/".into()));
        assert_eq!(clean_path("/caf%C3%A9/"), Some("café/".into()));
        for bad in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fetc",
            "/a/%2e/b",
            "/a\\..\\b",
            "/a%5c..%5cb",
            "/a%00b",
            "//etc/passwd",
            "/%ff",
            "relative",
        ] {
            assert_eq!(clean_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let out = inject(b"<html><body><p>x</p></body></html>", LIVE_TAG);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("<html><body><p>x</p>{LIVE_TAG}</body></html>")
        );
    }
}
