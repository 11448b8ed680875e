//! `vpagen serve`: builds the site into memory, serves it on 127.0.0.1, watches the
//! site's folders and rebuilds what an edit needs; open pages reload (or swap their
//! stylesheets) over Server-Sent Events and show a failed rebuild's errors over the
//! page while the last good version stays served. Bound to a loopback address, it
//! also lets pages read and save content files (`serve/edit/`).

mod conn;
mod edit;
mod engine;
mod guard;
mod http;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use tokio::sync::broadcast;

use crate::build::{BuildError, BuildOptions};
use crate::diag::{Severity, Style, render_error};
pub use engine::{Engine, Outcome};
pub use http::{clean_path, content_type};
pub use watch::{Change, Plan, classify, plan};

/// What to serve, resolved from the command line.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site (the output folder is not used: pages are served from memory).
    pub build: BuildOptions,
    /// Address to bind.
    pub bind: IpAddr,
    /// Port (0 picks a free one).
    pub port: u16,
    /// Open the site in the browser.
    pub open: bool,
    /// Poll for changes instead of the system's file events.
    pub poll: bool,
    /// Print only errors.
    pub quiet: bool,
    /// Colour for terminal diagnostics.
    pub style: Style,
}

/// Why serving failed.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The port is taken or the address cannot be bound.
    #[error("cannot listen on {addr}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        source: std::io::Error,
        /// What to do.
        help: String,
    },
    /// Watching the site failed.
    #[error(transparent)]
    Watch(#[from] watch::WatchError),
    /// Reading the site failed.
    #[error(transparent)]
    Build(#[from] BuildError),
    /// The async runtime could not start.
    #[error("cannot start the server")]
    Runtime(#[source] std::io::Error),
}

impl crate::diag::Failure for ServeError {
    fn help(&self) -> Option<String> {
        match self {
            ServeError::Bind { help, .. } => Some(help.clone()),
            ServeError::Watch(e) => e.help(),
            ServeError::Build(e) => e.help(),
            ServeError::Runtime(_) => None,
        }
    }
}

/// Why `addr` cannot be listened on, with what to do about it.
fn bind_error(addr: SocketAddr, source: std::io::Error) -> ServeError {
    let help = match source.kind() {
        std::io::ErrorKind::AddrInUse => format!(
            "another program uses port {}: stop it, or choose another port with `--port {}` (`--port 0` takes any free port)",
            addr.port(),
            addr.port().checked_add(1).unwrap_or(1111)
        ),
        std::io::ErrorKind::PermissionDenied => {
            "ports below 1024 need special rights: choose another port with `--port 1111`"
                .to_owned()
        }
        _ => "check the address given with --bind".to_owned(),
    };
    ServeError::Bind { addr, source, help }
}

/// How long edits must pause before the search index is rebuilt.
const SEARCH_AFTER: Duration = Duration::from_millis(300);

/// Runs the dev server until the process is stopped.
pub fn serve(mut opts: ServeOptions) -> Result<(), ServeError> {
    // The watcher reports absolute paths; the classifier compares them with the root.
    if let Ok(root) = std::path::absolute(&opts.build.root) {
        opts.build.root = root;
    }
    let addr = SocketAddr::new(opts.bind, opts.port);
    let listener = TcpListener::bind(addr).map_err(|source| bind_error(addr, source))?;
    listener
        .set_nonblocking(true)
        .map_err(ServeError::Runtime)?;
    let local = listener.local_addr().map_err(ServeError::Runtime)?;
    let host = if opts.bind.is_unspecified() || opts.bind.is_loopback() {
        if local.is_ipv6() {
            "[::1]"
        } else {
            "127.0.0.1"
        }
        .to_owned()
    } else if local.is_ipv6() {
        format!("[{}]", local.ip())
    } else {
        local.ip().to_string()
    };
    let url = format!("http://{host}:{}/", local.port());
    opts.build.base_url = Some(url.trim_end_matches('/').to_owned());
    if !opts.bind.is_loopback() {
        err_line(&format!(
            "warning: serving on {} makes the site reachable from other machines; vpagen serve is a development server",
            opts.bind
        ));
    }

    let mut engine = Engine::new(opts.build.clone(), opts.style);
    let start = Instant::now();
    let first = engine.full(None)?;
    let built = start.elapsed();
    engine.rebuild_search();
    let (events, _) = broadcast::channel(64);
    let shared = Arc::new(http::Shared {
        output: RwLock::new(engine.output().clone()),
        error: RwLock::new(None),
        events,
        bind: opts.bind,
        streams: std::sync::Mutex::default(),
        edit: editor(&opts, local.port()),
    });
    report(&opts, &shared, first, built, None);

    let (tx, rx) = std::sync::mpsc::channel();
    let mut watch = watch::watch(&opts.build.root, opts.poll, tx)?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    let app = axum::Router::new()
        .fallback(http::handle)
        .with_state(Arc::clone(&shared));
    let listener = {
        let _guard = runtime.enter();
        tokio::net::TcpListener::from_std(listener).map_err(ServeError::Runtime)?
    };
    runtime.spawn(conn::accept_loop(listener, app));
    if !opts.quiet {
        out_line(&format!("Serving the site at {url} (Ctrl-C to stop)"));
        out_line(&format!(
            "Reviews and translations due: {url}{}",
            engine::REVIEW_PATH.trim_end_matches("index.html")
        ));
    }
    if opts.open {
        open_browser(&url);
    }
    rebuild_loop(&opts, &mut engine, &shared, &rx, &mut watch);
    Ok(())
}

/// Editing from the browser with a new token, when bound to a loopback address.
fn editor(opts: &ServeOptions, port: u16) -> Option<edit::Editor> {
    match edit::Editor::new(&opts.build, opts.bind, port) {
        Ok(editor) => editor,
        Err(e) => {
            err_line(&format!(
                "warning: editing in the browser is off: no random token from the system ({e})"
            ));
            None
        }
    }
}

/// Waits for changes and rebuilds; when edits pause, builds the search index on
/// another thread, so that the next edit need not wait for it.
fn rebuild_loop(
    opts: &ServeOptions,
    engine: &mut Engine,
    shared: &http::Shared,
    rx: &std::sync::mpsc::Receiver<PathBuf>,
    watch: &mut watch::Watch,
) {
    let root = &opts.build.root;
    let (done_tx, done_rx) = std::sync::mpsc::channel();
    let mut searching = false;
    loop {
        if let Ok((index, took)) = done_rx.try_recv() {
            searching = false;
            engine.adopt_search(index);
            publish(shared, engine);
            if !opts.quiet {
                out_line(&format!(
                    "Search index rebuilt in {} ms",
                    Duration::as_millis(&took)
                ));
            }
        }
        let timeout = if searching {
            Duration::from_millis(50)
        } else if engine.search_stale() {
            SEARCH_AFTER
        } else {
            Duration::from_secs(3600)
        };
        let Ok(changes) = watch::next_batch(root, rx, timeout) else {
            return;
        };
        // A folder created while serving (themes/ for a first override) is watched
        // from now on, and what it already holds is read by a full rebuild.
        let plan = match watch.refresh(root) {
            Ok(true) => Some(watch::Plan::Full { focus: None }),
            Ok(false) => watch::plan(&changes),
            Err(e) => {
                err_line(&render_error(Severity::Warning, &e));
                watch::plan(&changes)
            }
        };
        let Some(plan) = plan else {
            if !searching && let Some(job) = engine.search_job() {
                searching = true;
                let tx = done_tx.clone();
                std::thread::spawn(move || {
                    let start = Instant::now();
                    let index = job.build();
                    let _ = tx.send((index, start.elapsed()));
                });
            }
            continue;
        };
        let start = Instant::now();
        let outcome = engine.apply(&plan);
        match outcome {
            Ok(outcome) => report(opts, shared, outcome, start.elapsed(), Some(engine)),
            Err(e) => {
                let text = format!("{}\n", render_error(Severity::Error, &e));
                err_line(text.trim_end());
                set_error(shared, Some(site_relative(&text, root)));
            }
        }
    }
}

fn publish(shared: &http::Shared, engine: &Engine) {
    let mut out = shared
        .output
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    *out = engine.output().clone();
}

/// `text` for the browser: the site folder's own path left out, so that paths read
/// relative to the site, as in the diagnostics; the terminal keeps them as they are.
fn site_relative(text: &str, root: &Path) -> String {
    let mut text = text.to_owned();
    let real = std::fs::canonicalize(root).ok();
    for dir in [Some(root.to_path_buf()), real].into_iter().flatten() {
        let dir = dir.to_string_lossy().trim_end_matches('/').to_owned();
        if dir.is_empty() {
            continue;
        }
        text = text.replace(&format!("{dir}/"), "");
        // The folder itself, where a path ends (not `/site-old` for `/site`).
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(at) = rest.find(&dir) {
            let after = &rest[at + dir.len()..];
            let ends = after.chars().next().is_none_or(|c| {
                c.is_whitespace() || matches!(c, ':' | '`' | '"' | '\'' | ')' | ',')
            });
            out.push_str(&rest[..at]);
            out.push_str(if ends { "." } else { &dir });
            rest = after;
        }
        out.push_str(rest);
        text = out;
    }
    text
}

fn set_error(shared: &http::Shared, text: Option<String>) {
    let mut error = shared
        .error
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    error.clone_from(&text);
    drop(error);
    if let Some(text) = text {
        let _ = shared.events.send(http::Event::Error(text));
    }
}

/// Publishes a rebuild's output, tells the open pages and the terminal.
fn report(
    opts: &ServeOptions,
    shared: &http::Shared,
    outcome: Outcome,
    took: Duration,
    engine: Option<&Engine>,
) {
    match outcome {
        Outcome::Published {
            changed,
            goto,
            css_only,
            rendered,
            warnings,
        } => {
            if let Some(engine) = engine {
                publish(shared, engine);
            }
            let had_error = shared.error.read().map_or(true, |e| e.is_some());
            set_error(shared, None);
            if !opts.quiet {
                for w in &warnings {
                    err_text(w);
                }
            }
            if engine.is_none() {
                if !opts.quiet {
                    out_line(&format!(
                        "Built {} pages in {} ms",
                        rendered,
                        took.as_millis()
                    ));
                }
                return;
            }
            if changed.is_empty() && !had_error {
                return;
            }
            let event = if css_only && !had_error {
                http::Event::Css
            } else {
                http::Event::Reload { goto }
            };
            let _ = shared.events.send(event);
            if !opts.quiet {
                let what = if css_only {
                    format!("{} stylesheet(s) swapped", changed.len())
                } else {
                    format!(
                        "{} file(s) changed, {rendered} page(s) rendered",
                        changed.len()
                    )
                };
                out_line(&format!("Rebuilt in {} ms: {what}", took.as_millis()));
            }
        }
        Outcome::Failed { terminal, plain } => {
            // The last good output, less any page whose file now leads out of the site.
            if let Some(engine) = engine {
                publish(shared, engine);
            }
            err_text(&terminal);
            err_line("the last good version stays served; fix the file and save");
            set_error(shared, Some(site_relative(&plain, &opts.build.root)));
        }
    }
}

fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(program).arg(url).spawn() {
        err_line(&format!(
            "warning: could not open a browser ({program}: {e}); open {url} yourself"
        ));
    }
}

fn out_line(text: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
    let _ = out.flush();
}

fn err_line(text: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

fn err_text(text: &str) {
    use std::io::Write as _;
    let _ = write!(std::io::stderr().lock(), "{text}");
}

#[cfg(test)]
mod tests {
    use crate::diag::{Failure, Severity, render_error};

    #[test]
    fn a_taken_port_prints_its_cause_once_and_the_help_apart() {
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], 1111));
        let os = std::io::Error::from_raw_os_error(98);
        let cause = os.to_string();
        let e = super::bind_error(addr, os);
        assert_eq!(e.to_string(), "cannot listen on 127.0.0.1:1111");
        let help = e.help().expect("help");
        assert!(help.contains("--port 1112"), "{help}");
        let text = render_error(Severity::Error, &e);
        assert_eq!(text.matches(&cause).count(), 1, "{text}");
        assert_eq!(text.matches("help:").count(), 1, "{text}");
        assert!(text.ends_with(&help), "{text}");
    }
}
