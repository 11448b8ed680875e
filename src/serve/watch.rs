//! Watching the site's folders: a pure classifier turns changed paths into a plan,
//! and a debouncer collects an editor's burst of events (write, rename, swap files)
//! into one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

use crate::source::is_editor_noise;

/// What one changed path means for the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// `site.toml`.
    Config,
    /// A file under `content/`.
    Content(PathBuf),
    /// A template or string file of a theme.
    Template,
    /// A static file of a theme.
    ThemeAsset,
    /// A file under `static/`.
    Asset,
}

/// What to rebuild for a batch of changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Everything; `focus` is the content file the browser should show afterwards.
    Full {
        /// The edited content file, if any.
        focus: Option<PathBuf>,
    },
    /// Content files whose body may be all that changed.
    Bodies(Vec<PathBuf>),
    /// The theme; with `templates`, the pages too.
    Theme {
        /// Templates or strings changed.
        templates: bool,
    },
    /// Static files only.
    Assets,
}

impl Plan {
    /// The content file the browser should show after this plan.
    pub fn focus(&self) -> Option<&Path> {
        match self {
            Plan::Full { focus } => focus.as_deref(),
            Plan::Bodies(paths) => paths.first().map(PathBuf::as_path),
            _ => None,
        }
    }
}

/// Classifies one changed path; `None` for paths that do not matter (the output
/// folder, editor swap and backup files, anything outside the watched folders).
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let rel = path.strip_prefix(root).ok()?;
    let name = rel.file_name()?.to_str()?;
    if is_editor_noise(name) {
        return None;
    }
    let mut parts = rel
        .components()
        .map(|c| c.as_os_str().to_str().unwrap_or(""));
    match parts.next()? {
        "site.toml" => Some(Change::Config),
        "content" => Some(Change::Content(path.to_path_buf())),
        "static" => Some(Change::Asset),
        "themes" => {
            let _theme = parts.next()?;
            match parts.next()? {
                "static" => Some(Change::ThemeAsset),
                _ => Some(Change::Template),
            }
        }
        _ => None,
    }
}

/// The plan for a batch of changes: the cheapest rebuild that covers them all.
pub fn plan(changes: &[Change]) -> Option<Plan> {
    if changes.is_empty() {
        return None;
    }
    let mut contents: Vec<PathBuf> = Vec::new();
    for c in changes {
        if let Change::Content(p) = c
            && !contents.contains(p)
        {
            contents.push(p.clone());
        }
    }
    // Markdown files first: the browser goes to the first one.
    contents.sort_by_key(|p| p.extension().is_none_or(|e| e != "md"));
    if changes.contains(&Change::Config) {
        return Some(Plan::Full {
            focus: contents.into_iter().next(),
        });
    }
    let templates = changes.contains(&Change::Template);
    let assets = changes.contains(&Change::Asset) || changes.contains(&Change::ThemeAsset);
    if !contents.is_empty() {
        // A body edit together with a theme or static edit: a full rebuild covers all.
        return Some(if templates || assets {
            Plan::Full {
                focus: contents.into_iter().next(),
            }
        } else {
            Plan::Bodies(contents)
        });
    }
    if templates || changes.contains(&Change::ThemeAsset) {
        return Some(Plan::Theme { templates });
    }
    Some(Plan::Assets)
}

/// Why watching failed.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The kernel's limit of inotify watches is reached.
    #[error("cannot watch {path}: the system's limit of file watches is reached")]
    Limit {
        /// The folder.
        path: PathBuf,
    },
    /// Any other watcher failure.
    #[error("cannot watch {path}")]
    Other {
        /// The folder.
        path: PathBuf,
        /// The cause.
        source: notify::Error,
    },
}

impl crate::diag::Failure for WatchError {
    fn help(&self) -> Option<String> {
        Some(match self {
            WatchError::Limit { .. } => "raise it with `sudo sysctl fs.inotify.max_user_watches=524288`, or run `vpagen serve --poll`",
            WatchError::Other { .. } => "run `vpagen serve --poll` to poll for changes instead",
        }.to_owned())
    }
}

/// A running watcher (dropping it stops watching).
pub(super) struct Watch {
    watcher: Box<dyn Watcher + Send>,
    /// Each watched folder with the identity of the folder watched there.
    watched: Vec<(PathBuf, Option<(u64, u64)>)>,
}

impl Watch {
    /// Starts watching the folders of the site that exist now; returns whether any
    /// was added: a folder created while serving (such as `themes/`), or one that was
    /// removed or moved away and is back (a watch follows the folder it was set on,
    /// not its name).
    pub(super) fn refresh(&mut self, root: &Path) -> Result<bool, WatchError> {
        let mut added = false;
        for dir in ["content", "themes", "static"] {
            let path = root.join(dir);
            let now = path.is_dir().then(|| identity(&path)).flatten();
            if let Some(at) = self.watched.iter().position(|(p, _)| *p == path) {
                if path.is_dir() && self.watched[at].1 == now {
                    continue;
                }
                // Gone, or another folder under the same name: the old watch is stale.
                let _ = self.watcher.unwatch(&path);
                self.watched.remove(at);
            }
            if !path.is_dir() {
                continue;
            }
            self.watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|source| watch_error(&path, source))?;
            self.watched.push((path, now));
            added = true;
        }
        Ok(added)
    }
}

/// Device and inode of a folder, to notice that a name now means another folder.
#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// Elsewhere a folder's identity is unknown; a folder that was gone is still watched
/// again when it is back.
#[cfg(not(unix))]
fn identity(_: &Path) -> Option<(u64, u64)> {
    None
}

fn watch_error(path: &Path, source: notify::Error) -> WatchError {
    match source.kind {
        notify::ErrorKind::MaxFilesWatch => WatchError::Limit {
            path: path.to_path_buf(),
        },
        _ => WatchError::Other {
            path: path.to_path_buf(),
            source,
        },
    }
}

/// Watches `content/`, `themes/`, `static/` (recursively) and the site root itself
/// (for `site.toml`, and for those folders when they are created later); events go to
/// `tx` as changed paths.
pub(super) fn watch(
    root: &Path,
    poll: bool,
    tx: std::sync::mpsc::Sender<PathBuf>,
) -> Result<Watch, WatchError> {
    let handler = move |event: notify::Result<notify::Event>| {
        // Reads (the rebuild's own among them) are not changes.
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            for path in event.paths {
                let _ = tx.send(path);
            }
        }
    };
    let mut watcher: Box<dyn Watcher + Send> = if poll {
        let config = notify::Config::default().with_poll_interval(Duration::from_millis(200));
        Box::new(PollWatcher::new(handler, config).map_err(|e| watch_error(root, e))?)
    } else {
        Box::new(
            RecommendedWatcher::new(handler, notify::Config::default())
                .map_err(|e| watch_error(root, e))?,
        )
    };
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| watch_error(root, e))?;
    let mut watch = Watch {
        watcher,
        watched: Vec::new(),
    };
    watch.refresh(root)?;
    Ok(watch)
}

/// How long files must stay unchanged before a rebuild reads them: a save that an
/// editor or a sync tool writes in several parts is published once, whole.
pub(super) const QUIET: Duration = Duration::from_millis(50);
/// The longest a stream of events can hold a rebuild back (a tool that writes files
/// without pause).
const MAX_WAIT: Duration = Duration::from_secs(1);

/// Waits up to `timeout` for a first change, then collects changes until they pause
/// for [`QUIET`]. `Err(())` when the watcher is gone.
pub(super) fn next_batch(
    root: &Path,
    rx: &Receiver<PathBuf>,
    timeout: Duration,
) -> Result<Vec<Change>, ()> {
    let mut changes = Vec::new();
    let first = match rx.recv_timeout(timeout) {
        Ok(path) => path,
        Err(RecvTimeoutError::Timeout) => return Ok(changes),
        Err(RecvTimeoutError::Disconnected) => return Err(()),
    };
    let start = Instant::now();
    let push = |path: PathBuf, changes: &mut Vec<Change>| {
        if let Some(c) = classify(root, &path)
            && !changes.contains(&c)
        {
            changes.push(c);
        }
    };
    push(first, &mut changes);
    while start.elapsed() < MAX_WAIT {
        match rx.recv_timeout(QUIET) {
            Ok(path) => push(path, &mut changes),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => return Err(()),
        }
    }
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(path: &str) -> Option<Change> {
        classify(Path::new("/site"), &Path::new("/site").join(path))
    }

    #[test]
    fn paths_are_classified() {
        assert_eq!(c("site.toml"), Some(Change::Config));
        assert_eq!(
            c("content/services/a.md"),
            Some(Change::Content("/site/content/services/a.md".into()))
        );
        assert_eq!(
            c("themes/default/templates/base.html"),
            Some(Change::Template)
        );
        assert_eq!(c("themes/default/i18n/de.toml"), Some(Change::Template));
        assert_eq!(
            c("themes/default/static/css/style.css"),
            Some(Change::ThemeAsset)
        );
        assert_eq!(c("static/logo.svg"), Some(Change::Asset));
        assert_eq!(c("public/index.html"), None);
        assert_eq!(c("target/debug/x"), None);
        assert_eq!(c("README.md"), None);
        assert_eq!(
            c(".vpagen-trash/20261203-153000/content/services/a.md"),
            None
        );
        assert_eq!(c(".vpagen-trash/20261203-153000"), None);
    }

    #[test]
    fn editor_noise_is_ignored() {
        for noise in [
            "content/services/.a.md.swp",
            "content/services/a.md~",
            "content/services/4913",
            "content/services/#a.md#",
            "content/services/.#a.md",
            "content/services/a.md___jb_tmp___",
            "content/services/.goutputstream-XYZ",
        ] {
            assert_eq!(c(noise), None, "{noise}");
        }
    }

    #[test]
    fn plans_take_the_cheapest_rebuild_that_covers_all() {
        let body = Change::Content("/site/content/a.md".into());
        assert_eq!(plan(&[]), None);
        assert_eq!(
            plan(std::slice::from_ref(&body)),
            Some(Plan::Bodies(vec!["/site/content/a.md".into()]))
        );
        assert_eq!(
            plan(&[body.clone(), Change::Config]),
            Some(Plan::Full {
                focus: Some("/site/content/a.md".into())
            })
        );
        assert_eq!(
            plan(&[body, Change::Template]),
            Some(Plan::Full {
                focus: Some("/site/content/a.md".into())
            })
        );
        assert_eq!(
            plan(&[Change::Template]),
            Some(Plan::Theme { templates: true })
        );
        assert_eq!(
            plan(&[Change::ThemeAsset]),
            Some(Plan::Theme { templates: false })
        );
        assert_eq!(plan(&[Change::Asset]), Some(Plan::Assets));
    }
}
