//! The output edge: writing the built site to disk so that a reader never sees a
//! half-written site and nothing outside the output folder is touched.
//!
//! Files are written to a hidden sibling folder first; only when every file is
//! written is the previous output renamed away and the new one renamed into place.
//! A failed build therefore leaves the previous output exactly as it was. An existing
//! folder is replaced only if vpagen wrote it (it holds a marker file), so a mistyped
//! `--output ~/Dokumente` cannot delete anyone's files.
//!
//! Removing the previous output is not on a build's way: it is renamed aside
//! (`.public.vpagen-gone-<pid>`) and left there, and the next build removes it on a
//! thread of its own while it loads and renders, so a repeat build costs what a
//! first one does.
#![allow(clippy::disallowed_methods)]

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A file of the built site, in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Name of the marker file in every output folder vpagen writes.
pub const MARKER: &str = ".vpagen-output";

/// A failure to write the output.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output folder is a place vpagen must not write to.
    #[error("refusing to write the site to {path}: {reason}")]
    Refused {
        /// The folder.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A file system operation failed.
    #[error("cannot {op} {path}")]
    Io {
        /// What was attempted.
        op: &'static str,
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: io::Error,
    },
}

fn io_err(op: &'static str, path: &Path) -> impl FnOnce(io::Error) -> OutputError {
    let path = path.to_owned();
    move |source| OutputError::Io { op, path, source }
}

/// Resolves `path` to an absolute path without requiring it to exist.
fn absolute(path: &Path) -> Result<PathBuf, OutputError> {
    let abs = std::path::absolute(path).map_err(io_err("resolve", path))?;
    // Canonicalize the longest existing ancestor so symlinks and `..` are resolved.
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        let Some(name) = existing.file_name().map(ToOwned::to_owned) else {
            break;
        };
        if !existing.pop() {
            break;
        }
        rest.push(name);
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for part in rest.iter().rev() {
        resolved.push(part);
    }
    Ok(resolved)
}

/// Refuses output folders that would overwrite the site's own files.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<PathBuf, OutputError> {
    let root = absolute(root)?;
    let out = absolute(output)?;
    let refuse = |reason: &str| {
        Err(OutputError::Refused {
            path: out.clone(),
            reason: reason.to_owned(),
        })
    };
    if out == root {
        return refuse("it is the site folder itself");
    }
    if root.starts_with(&out) {
        return refuse("it contains the site folder");
    }
    if out.join("content").is_dir() || out.join("site.toml").is_file() {
        return refuse("it holds a site (content/ or site.toml)");
    }
    for protected in ["content", "themes", "static"] {
        if out.starts_with(root.join(protected)) {
            return refuse(&format!("it lies inside {protected}/ of the site"));
        }
    }
    if out.parent().is_none() {
        return refuse("it is a file system root");
    }
    if out.is_dir()
        && !out.join(MARKER).exists()
        && fs::read_dir(&out)
            .map_err(io_err("read", &out))?
            .next()
            .is_some()
    {
        return refuse(
            "it is not empty and was not written by vpagen; choose a new folder or empty it yourself",
        );
    }
    if out.exists() && !out.is_dir() {
        return refuse("it is a file, not a folder");
    }
    Ok(out)
}

/// Writes `files` to `output` (already checked) and swaps it in atomically.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    let staging = Staging::new(output)?;
    for file in files {
        staging.write(file)?;
    }
    staging.commit()
}

/// A hidden folder next to the output that a build writes into, file by file and
/// from many threads; [`Staging::commit`] swaps it in for the output. Dropped without
/// a commit (an error anywhere in the build), it removes itself and the output stays
/// as it was.
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    retired: PathBuf,
    /// Where the previous output goes once the new one is in place.
    gone: PathBuf,
    committed: bool,
    /// Removes what earlier builds left aside, alongside this build.
    sweeper: Option<std::thread::JoinHandle<()>>,
}

impl Staging {
    /// Creates the staging folder for `output` (already checked), removing what a
    /// killed build of this process id may have left.
    pub fn new(output: &Path) -> Result<Staging, OutputError> {
        let parent = output.parent().unwrap_or(Path::new("."));
        let name = output
            .file_name()
            .map_or_else(|| "public".to_owned(), |n| n.to_string_lossy().into_owned());
        fs::create_dir_all(parent).map_err(io_err("create", parent))?;
        let mut sweep = clean_up_after_killed_builds(parent, &name, output)?;
        let pid = std::process::id();
        let dir = parent.join(format!(".{name}.vpagen-new-{pid}"));
        let retired = parent.join(format!(".{name}.vpagen-old-{pid}"));
        let gone = parent.join(format!(".{name}.vpagen-gone-{pid}"));
        for leftover in [&dir, &retired, &gone] {
            if leftover.exists() {
                // An earlier process with this id: set aside, removed with the rest.
                let aside = parent.join(format!(".{name}.vpagen-gone-{pid}-{}", sweep.len()));
                fs::rename(leftover, &aside).map_err(io_err("move away", leftover))?;
                sweep.push(aside);
            }
        }
        fs::create_dir_all(&dir).map_err(io_err("create", &dir))?;
        let sweeper = (!sweep.is_empty()).then(|| {
            std::thread::spawn(move || {
                for folder in sweep {
                    let _ = remove_marker_last(&folder);
                }
            })
        });
        let staging = Staging {
            output: output.to_owned(),
            dir,
            retired,
            gone,
            committed: false,
            sweeper,
        };
        fs::write(
            staging.dir.join(MARKER),
            b"Written by vpagen; replaced on every build.\n",
        )
        .map_err(io_err("write", &staging.dir))?;
        Ok(staging)
    }

    /// Writes one file; its path must stay inside the output folder.
    pub fn write(&self, file: &OutputFile) -> Result<(), OutputError> {
        let rel = Path::new(&file.path);
        if rel.is_absolute()
            || rel
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            return Err(OutputError::Refused {
                path: rel.to_owned(),
                reason: "an output path must stay inside the output folder".to_owned(),
            });
        }
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err("create", parent))?;
        }
        fs::write(&path, &file.bytes).map_err(io_err("write", &path))
    }

    /// Swaps the written folder in for the output; the previous output is removed.
    /// Where the system can exchange two paths in one step (Linux), a reader, or a
    /// build killed at any moment, sees the old or the new site, never neither.
    pub fn commit(mut self) -> Result<(), OutputError> {
        // What earlier builds left aside is gone before this one leaves its own.
        if let Some(sweeper) = self.sweeper.take() {
            let _ = sweeper.join();
        }
        let output = self.output.clone();
        if output.exists() && exchange(&self.dir, &output).is_ok() {
            // The staging path now holds the previous output: left for the next build.
            self.committed = true;
            return fs::rename(&self.dir, &self.gone).map_err(io_err("move away", &self.dir));
        }
        if output.exists() {
            fs::rename(&output, &self.retired).map_err(io_err("move away", &output))?;
        }
        if let Err(source) = fs::rename(&self.dir, &output) {
            // Put the previous site back before reporting.
            if self.retired.exists() {
                let _ = fs::rename(&self.retired, &output);
            }
            return Err(OutputError::Io {
                op: "move into place",
                path: output,
                source,
            });
        }
        self.committed = true;
        if self.retired.exists() {
            fs::rename(&self.retired, &self.gone).map_err(io_err("move away", &self.retired))?;
        }
        Ok(())
    }
}

/// Swaps two paths atomically (`renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

/// Elsewhere the output is swapped with two renames.
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Removes the staging folders of builds of `output` that were killed (their process
/// is gone), and puts back a previous output that a killed two-rename swap had moved
/// away. Only folders named like vpagen's own, holding its marker or nothing, are
/// touched; a build that is still running keeps its folders.
fn clean_up_after_killed_builds(
    parent: &Path,
    name: &str,
    output: &Path,
) -> Result<Vec<PathBuf>, OutputError> {
    let mut sweep = Vec::new();
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(sweep);
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let Some(rest) = file_name.strip_prefix(&format!(".{name}.vpagen-")) else {
            continue;
        };
        let Some((stage, pid)) = rest.split_once('-') else {
            continue;
        };
        // `gone-<pid>` or, for a pid met twice, `gone-<pid>-<n>`.
        let pid = pid.split('-').next().unwrap_or(pid);
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if pid == std::process::id() || process_alive(pid) {
            continue;
        }
        let path = entry.path();
        let ours = path.join(MARKER).is_file()
            || fs::read_dir(&path).is_ok_and(|mut d| d.next().is_none());
        if !ours || !path.is_dir() {
            continue;
        }
        if stage == "old" && !output.exists() {
            fs::rename(&path, output).map_err(io_err("restore", output))?;
        } else if matches!(stage, "new" | "old" | "gone") {
            sweep.push(path);
        }
    }
    Ok(sweep)
}

/// Whether a vpagen build with this process id may still run. On Linux: a process
/// (not a thread, whose ids share the range) running the same program; ids are
/// reused quickly, so a mere `/proc/<pid>` proves nothing. Elsewhere every other
/// process counts as running, so nothing of another build is ever removed.
fn process_alive(pid: u32) -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let dir = Path::new("/proc").join(pid.to_string());
    let Ok(status) = fs::read_to_string(dir.join("status")) else {
        return false;
    };
    let is_process = status
        .lines()
        .find_map(|l| l.strip_prefix("Tgid:"))
        .is_some_and(|tgid| tgid.trim() == pid.to_string());
    if !is_process {
        return false;
    }
    // Another program that got the id since is not a build; unknown counts as alive.
    match (
        fs::read_link(dir.join("exe")),
        fs::read_link("/proc/self/exe"),
    ) {
        (Ok(theirs), Ok(ours)) => theirs == ours,
        _ => true,
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_marker_last(&self.dir);
        }
        if let Some(sweeper) = self.sweeper.take() {
            let _ = sweeper.join();
        }
    }
}

/// Replaces the file `path` with `bytes` atomically: they are written to a hidden
/// temporary file in the same folder, flushed to disk, and renamed over `path`, so a
/// reader (or the watcher of `serve`) sees the old or the new text, never a part. The
/// file keeps its permissions. Nothing is written outside the file's folder.
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    use std::io::Write as _;
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.vpagen-edit-{}.tmp", std::process::id()));
    // A temporary file left by a killed save of a process with this id.
    let _ = fs::remove_file(&temp);
    let result = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(io_err("create", &temp))?;
        file.write_all(bytes).map_err(io_err("write", &temp))?;
        if let Ok(meta) = fs::metadata(path) {
            file.set_permissions(meta.permissions())
                .map_err(io_err("set the permissions of", &temp))?;
        }
        file.sync_all().map_err(io_err("write", &temp))?;
        fs::rename(&temp, path).map_err(io_err("replace", path))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Removes a folder vpagen wrote, its marker file last: a removal killed halfway
/// leaves a folder that the next build still recognises as its own and removes.
fn remove_marker_last(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())?;
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    fs::remove_dir_all(dir)
}

/// The folder of the site that deleted content files are moved into.
pub const TRASH: &str = ".vpagen-trash";

/// Moves the file `rel` of the site `root` (a relative `/`-separated path) into
/// `<root>/.vpagen-trash/<UTC yyyymmdd-hhmmss>/<rel>`, by renaming it: nothing is
/// deleted. Returns the new path, relative to the site.
pub fn trash(root: &Path, rel: &str) -> io::Result<String> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let day = crate::util::Date::from_days_since_epoch(i64::try_from(secs / 86_400).unwrap_or(0));
    let time = secs % 86_400;
    let stamp = format!(
        "{:04}{:02}{:02}-{:02}{:02}{:02}",
        day.year(),
        day.month(),
        day.day(),
        time / 3600,
        time / 60 % 60,
        time % 60
    );
    let moved = format!("{TRASH}/{stamp}/{rel}");
    let target = root.join(&moved);
    if target.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{moved} exists"),
        ));
    }
    if let Some(dir) = target.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::rename(root.join(rel), &target)?;
    Ok(moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_folders() {
        let site = tempfile::tempdir().unwrap();
        fs::create_dir_all(site.path().join("content")).unwrap();
        fs::create_dir_all(site.path().join("themes/x")).unwrap();
        assert!(check_output_dir(site.path(), site.path()).is_err());
        assert!(check_output_dir(site.path(), &site.path().join("content/out")).is_err());
        assert!(check_output_dir(site.path(), &site.path().join("themes/x/out")).is_err());
        assert!(check_output_dir(site.path(), site.path().parent().unwrap()).is_err());
        let foreign = site.path().join("docs");
        fs::create_dir_all(&foreign).unwrap();
        fs::write(foreign.join("letter.txt"), "keep me").unwrap();
        assert!(check_output_dir(site.path(), &foreign).is_err());
        assert!(check_output_dir(site.path(), &site.path().join("public")).is_ok());
    }

    #[test]
    fn swaps_in_and_replaces_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let file = |p: &str, b: &str| OutputFile {
            path: p.to_owned(),
            bytes: b.as_bytes().to_vec(),
        };
        write_site(&out, &[file("a/index.html", "1"), file("old.html", "x")]).unwrap();
        write_site(&out, &[file("a/index.html", "2")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "2");
        assert!(!out.join("old.html").exists());
        let names = || {
            let mut names: Vec<String> = fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        // The previous output is set aside for the next build to remove.
        let gone = format!(".public.vpagen-gone-{}", std::process::id());
        assert_eq!(names(), [gone.as_str(), "public"]);
        assert!(dir.path().join(&gone).join("old.html").exists());
        write_site(&out, &[file("a/index.html", "3")]).unwrap();
        assert_eq!(
            names(),
            [gone.as_str(), "public"],
            "one folder aside at most"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join(&gone).join("a/index.html")).unwrap(),
            "2"
        );
        assert!(write_site(&out, &[file("../escape", "x")]).is_err());
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "3");
        assert_eq!(
            names(),
            ["public"],
            "a failed build still removes what was aside"
        );
    }

    #[test]
    fn trash_moves_a_file_under_a_dated_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/pages")).unwrap();
        fs::write(root.join("content/pages/a.md"), "x").unwrap();
        let moved = trash(root, "content/pages/a.md").unwrap();
        let stamp = moved
            .strip_prefix(".vpagen-trash/")
            .and_then(|r| r.strip_suffix("/content/pages/a.md"))
            .unwrap();
        assert!(stamp.len() == 15 && stamp.as_bytes()[8] == b'-', "{stamp}");
        assert!(!root.join("content/pages/a.md").exists());
        assert_eq!(fs::read_to_string(root.join(&moved)).unwrap(), "x");
    }
}
