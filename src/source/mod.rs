//! The input edge: finding and reading the files of a site. Every I/O error names
//! its path; walk errors are reported, never skipped.
#![allow(clippy::disallowed_methods)]

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, FileId, Sources};
use crate::kind::Kind;

/// A content file found on disk, before parsing.
#[derive(Debug, Clone)]
pub struct SourceEntry {
    /// The file in [`Sources`].
    pub file: FileId,
    /// Its type (from the folder).
    pub kind: Kind,
    /// Its id (file stem without language suffix).
    pub id: String,
    /// Its language suffix, if any.
    pub lang: Option<String>,
    /// The file could not be read as text (the reason is reported already); the item
    /// exists but cannot be built.
    pub unreadable: bool,
}

/// A failure to read the site from disk.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// A file or folder could not be read.
    #[error("cannot read {path}")]
    Read {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The folder has no `site.toml`.
    #[error("{root} is not a vpagen site: it has no site.toml")]
    NoSite {
        /// The folder.
        root: PathBuf,
    },
    /// `site.toml` is not UTF-8; the diagnostic says where.
    #[error("site.toml is not valid UTF-8")]
    Invalid(Box<Diagnostic>, FileId),
    /// A file or folder of the site leads out of it through a symbolic link.
    #[error("{path} is a symbolic link, or lies in a linked folder, that leads out of the site")]
    OutsideSite {
        /// The path as given, relative to the site.
        path: String,
    },
    /// Walking a folder failed.
    #[error("cannot walk {path}")]
    Walk {
        /// The folder.
        path: PathBuf,
        /// The cause.
        #[source]
        source: walkdir::Error,
    },
}

impl crate::diag::Failure for SourceError {
    fn help(&self) -> Option<String> {
        match self {
            SourceError::NoSite { .. } => Some(
                "run vpagen in the site folder, pass --root DIR, or create a site with `vpagen init DIR`".to_owned(),
            ),
            SourceError::OutsideSite { .. } => Some(
                "copy the file or folder into the site instead of linking it: the site must not depend on files elsewhere on this machine".to_owned(),
            ),
            _ => None,
        }
    }
}

/// Checks that `path` (a file or folder of the site `root`), resolved through every
/// symbolic link on the way, lies inside the site, and returns the site folder so
/// resolved; [`SourceError::OutsideSite`] when it does not. Folders are checked here;
/// every file is then read by [`read_inside`], which checks the file it opened, so
/// that a build, and each rebuild of `serve`, reads nothing outside the site even when
/// a file is swapped for a link meanwhile.
pub fn inside_site(root: &Path, path: &Path) -> Result<PathBuf, SourceError> {
    let real_root = real_root(root)?;
    let real = fs::canonicalize(path).map_err(|source| SourceError::Read {
        path: path.to_owned(),
        source,
    })?;
    if real.starts_with(&real_root) {
        Ok(real_root)
    } else {
        Err(SourceError::OutsideSite {
            path: display_rel(root, path),
        })
    }
}

/// The site folder `root` resolved through its links, as [`read_inside`] compares.
fn real_root(root: &Path) -> Result<PathBuf, SourceError> {
    fs::canonicalize(root).map_err(|source| SourceError::Read {
        path: root.to_owned(),
        source,
    })
}

/// Reads the file `path` of the site `root` (whose resolved folder is `real_root`),
/// checking the file that was opened rather than the path: a file swapped for a link
/// out of the site after an earlier check is refused too.
fn read_inside(root: &Path, real_root: &Path, path: &Path) -> Result<Vec<u8>, SourceError> {
    use std::io::Read as _;
    let read_error = |source| SourceError::Read {
        path: path.to_owned(),
        source,
    };
    let mut file = fs::File::open(path).map_err(read_error)?;
    if opened_path(&file).is_some_and(|real| !real.starts_with(real_root)) {
        return Err(SourceError::OutsideSite {
            path: display_rel(root, path),
        });
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(read_error)?;
    Ok(bytes)
}

/// Where the file behind an open handle lies, as the kernel resolved it.
#[cfg(target_os = "linux")]
fn opened_path(file: &fs::File) -> Option<PathBuf> {
    use std::os::fd::AsRawFd as _;
    fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())).ok()
}

/// Elsewhere only the check of [`inside_site`] before opening applies.
#[cfg(not(target_os = "linux"))]
fn opened_path(_: &fs::File) -> Option<PathBuf> {
    None
}

/// Reads `site.toml` into the sources table.
pub fn read_config(root: &Path, sources: &mut Sources) -> Result<FileId, SourceError> {
    let path = root.join("site.toml");
    if !path.exists() {
        return Err(SourceError::NoSite {
            root: root.to_owned(),
        });
    }
    let real_root = inside_site(root, &path)?;
    let bytes = read_inside(root, &real_root, &path)?;
    let (file, bad) = add_text(sources, "site.toml", bytes);
    match bad {
        Some(d) => Err(SourceError::Invalid(Box::new(d), file)),
        None => Ok(file),
    }
}

/// Adds a file's bytes; invalid UTF-8 yields a diagnostic at the first bad byte.
fn add_text(sources: &mut Sources, display: &str, bytes: Vec<u8>) -> (FileId, Option<Diagnostic>) {
    match String::from_utf8(bytes) {
        Ok(text) => (sources.add(display, text), None),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // The lossy text has the same prefix, so `valid` is a position in it too.
            let id = sources.add(display, text);
            let d = Diagnostic::error("the file is not valid UTF-8")
                .at(id, valid..valid + char::REPLACEMENT_CHARACTER.len_utf8())
                .label("invalid byte here")
                .help("save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)");
            (id, Some(d))
        }
    }
}

/// Texts that stand in for files on disk, by path relative to the site
/// (`content/services/x.md`): a form's unsaved changes, checked without writing them.
#[derive(Debug, Clone, Default)]
pub struct Overlay(std::collections::HashMap<PathBuf, String>);

impl Overlay {
    /// No files replaced.
    pub fn new() -> Overlay {
        Overlay::default()
    }

    /// Reads `text` instead of the file at `rel` (relative to the site) when that
    /// file is found; an overlay creates no file.
    pub fn set(&mut self, rel: impl Into<PathBuf>, text: String) {
        self.0.insert(rel.into(), text);
    }

    /// The text that stands in for `path`, a path below `root`.
    fn get(&self, root: &Path, path: &Path) -> Option<&str> {
        let rel = path.strip_prefix(root).ok()?;
        self.0.get(rel).map(String::as_str)
    }
}

/// Finds every content file under `root/content/`, reads it (or takes its text from
/// `overlay`), and reports files that do not fit the layout.
pub fn read_content(
    root: &Path,
    config: &Config,
    overlay: &Overlay,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Result<Vec<SourceEntry>, SourceError> {
    let content = root.join("content");
    if !content.is_dir() {
        diags.push(Diagnostic::error(format!("no content folder at {}", content.display()))
            .help("create content/ with subfolders services/, skills/, checklists/, rates/, briefings/, guides/ and pages/ (`vpagen init` writes a starter site)"));
        return Ok(Vec::new());
    }
    let inside = inside_site(root, &content)?;
    let folder = ContentFolder {
        root,
        content: &content,
        inside: &inside,
        config,
    };
    let paths = folder.walk(sources, diags)?;
    // The reading is the slow part on a cold disk: done on all cores, in file order.
    let texts: Vec<Option<Result<Vec<u8>, SourceError>>> = paths
        .par_iter()
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            (name.ends_with(".md") && !is_editor_noise(&name)).then(|| {
                overlay.get(root, p).map_or_else(
                    || read_inside(root, &inside, p),
                    |text| Ok(text.as_bytes().to_vec()),
                )
            })
        })
        .collect();
    let mut entries = Vec::new();
    for (path, text) in paths.into_iter().zip(texts) {
        if let Some(entry) = folder.entry(&path, text, sources, diags)? {
            entries.push(entry);
        }
    }
    Ok(entries)
}

/// The `content/` folder of a site, and what its files are checked against.
struct ContentFolder<'a> {
    /// The site folder.
    root: &'a Path,
    /// Its `content/` folder.
    content: &'a Path,
    /// The site folder resolved through its links, as [`read_inside`] compares.
    inside: &'a Path,
    config: &'a Config,
}

impl ContentFolder<'_> {
    /// Every file under `content/`, sorted by name. Symlinked files and folders inside
    /// the site are followed; a link that leads out of the site, in a loop or nowhere
    /// is an error of the site, named by its path.
    fn walk(
        &self,
        sources: &mut Sources,
        diags: &mut Diagnostics,
    ) -> Result<Vec<PathBuf>, SourceError> {
        let mut paths = Vec::new();
        let mut walk = walkdir::WalkDir::new(self.content)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walk.next() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(source) => match link_error(self.root, &source) {
                    Some((rel, d)) => {
                        let file = sources.add(&rel, String::new());
                        diags.push(d.at(file, 0..0).label("this link"));
                        continue;
                    }
                    None => {
                        return Err(SourceError::Walk {
                            path: self.content.to_owned(),
                            source,
                        });
                    }
                },
            };
            if entry.depth() > 0
                && entry.path_is_symlink()
                && let Ok(target) = fs::canonicalize(entry.path())
                && !target.starts_with(self.inside)
            {
                let rel = display_rel(self.root, entry.path());
                let file = sources.add(&rel, String::new());
                diags.push(
                    Diagnostic::error(format!(
                        "{rel} is a symbolic link that leads out of the site"
                    ))
                    .at(file, 0..0)
                    .label("this link")
                    .help("copy the file into the site instead of linking it: a build must not depend on files elsewhere on this machine"),
                );
                if entry.file_type().is_dir() {
                    walk.skip_current_dir();
                }
                continue;
            }
            if entry.file_type().is_file() {
                paths.push(entry.into_path());
            }
        }
        Ok(paths)
    }

    /// The content file at `path` (its bytes `text` if read already), added to
    /// `sources`; `None`, with the reason reported, when it does not fit the layout.
    fn entry(
        &self,
        path: &Path,
        text: Option<Result<Vec<u8>, SourceError>>,
        sources: &mut Sources,
        diags: &mut Diagnostics,
    ) -> Result<Option<SourceEntry>, SourceError> {
        // Control characters in a file name are shown as escapes (such a name is never
        // a valid id, so the file is only ever named in a report).
        let rel = crate::util::shown(&display_rel(self.root, path));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if is_editor_noise(&name) {
            return Ok(None);
        }
        let Some(stem) = name.strip_suffix(".md") else {
            diags.push(
                Diagnostic::warning(format!("{rel} is not a Markdown file and is ignored"))
                    .help("content files end in .md; put images and downloads into static/"),
            );
            return Ok(None);
        };
        let kind = match self.kind_of(path) {
            Ok(kind) => kind,
            Err(folder) => {
                diags.push(not_in_type_folder(&rel, &folder, text, sources));
                return Ok(None);
            }
        };
        let bytes = text.unwrap_or_else(|| read_inside(self.root, self.inside, path))?;
        let (file, bad) = add_text(sources, &rel, bytes);
        let unreadable = bad.is_some();
        if let Some(d) = bad {
            diags.push(d);
        }
        let (id, lang) = match self.id_and_lang(stem, &rel, file) {
            Ok(parts) => parts,
            Err(d) => {
                diags.push(d);
                return Ok(None);
            }
        };
        if let Some(d) = self.id_problem(&rel, &id, lang.as_deref(), file) {
            diags.push(d);
            return Ok(None);
        }
        Ok(Some(SourceEntry {
            file,
            kind,
            id,
            lang,
            unreadable,
        }))
    }

    /// The content type of the file at `path`, from its folder: files lie directly in
    /// `content/<type>/`. Else the first folder of its path under `content/`.
    fn kind_of(&self, path: &Path) -> Result<Kind, String> {
        let inner = path.strip_prefix(self.content).unwrap_or(path);
        let folder = inner
            .iter()
            .next()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let depth = inner.iter().count();
        Kind::from_folder(&folder)
            .filter(|_| depth == 2)
            .ok_or(folder)
    }

    /// The id and language of the file `rel` (`file` in the sources) from its stem:
    /// `id` or `id.lang`; an error for a suffix that looks like a language that is not
    /// configured.
    fn id_and_lang(
        &self,
        stem: &str,
        rel: &str,
        file: FileId,
    ) -> Result<(String, Option<String>), Diagnostic> {
        let config = self.config;
        match stem.rsplit_once('.') {
            Some((id, lang)) if config.language(lang).is_some() => {
                Ok((id.to_owned(), Some(lang.to_owned())))
            }
            Some((id, lang))
                if lang.len() == 2
                    && lang.bytes().all(|b| b.is_ascii_lowercase())
                    && crate::util::is_kebab_id(id) =>
            {
                let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
                Err(Diagnostic::error(format!(
                    "{rel} is a translation into `{lang}`, which is not a configured language"
                ))
                .at(file, 0..0)
                .help(format!(
                    "configured languages: {}; add [languages.{lang}] to site.toml or rename the file",
                    codes.join(", ")
                )))
            }
            _ => Ok((stem.to_owned(), None)),
        }
    }

    /// Why the file `rel` (`file` in the sources) with this id and language suffix
    /// cannot be an item: it names the default language, or its id is a Windows
    /// device name or not a kebab-case id.
    fn id_problem(
        &self,
        rel: &str,
        id: &str,
        lang: Option<&str>,
        file: FileId,
    ) -> Option<Diagnostic> {
        let config = self.config;
        if lang == Some(config.default_lang.as_str()) {
            return Some(
                Diagnostic::error(format!(
                    "{rel} names the default language `{}`",
                    config.default_lang
                ))
                .at(file, 0..0)
                .help(format!(
                    "call the file {id}.md; only translations carry a language suffix"
                )),
            );
        }
        if crate::util::is_reserved_name(id) {
            return Some(
                Diagnostic::error(format!(
                    "`{id}` is a device name reserved by Windows and cannot be an id"
                ))
                .at(file, 0..0)
                .help("rename the file: a site using this id cannot be checked out or built on Windows"),
            );
        }
        if !crate::util::is_kebab_id(id) {
            let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
            return Some(Diagnostic::error(format!("`{}` is not a valid id (the file name is the id)", crate::util::shown(id)))
                .at(file, 0..0)
                .help(format!("rename the file to lower-case letters, digits and single dashes; a suffix before .md must be a configured language ({})", codes.join(", "))));
        }
        None
    }
}

/// The error for a file `rel` that does not lie directly in a content type folder
/// (`folder` is the first folder of its path), located at the file itself (its bytes
/// `text`, if read) so the report names it like every other.
fn not_in_type_folder(
    rel: &str,
    folder: &str,
    text: Option<Result<Vec<u8>, SourceError>>,
    sources: &mut Sources,
) -> Diagnostic {
    let folders = Kind::ALL.map(Kind::folder);
    let text = text
        .and_then(Result::ok)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default();
    let file = sources.add(rel, text);
    Diagnostic::error(format!("{rel} is not in a content type folder"))
        .at(file, 0..0)
        .label("this file")
        .maybe_help(
            crate::diag::did_you_mean(folder, folders)
                .map(|s| format!("did you mean content/{s}/?")),
        )
        .help_line(format!(
            "move it to content/<type>/ with <type> one of: {}",
            folders.join(", ")
        ))
}

/// `path` relative to the site, its parts joined by `/` (a `\` is a separator only on
/// Windows; elsewhere it is part of a name and shown as it is).
fn display_rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A walk error caused by a symbolic link of the site (a loop, or a link to nothing)
/// as a diagnostic; `None` for other I/O errors, which end the run.
fn link_error(root: &Path, error: &walkdir::Error) -> Option<(String, Diagnostic)> {
    let path = error.path()?;
    let rel = display_rel(root, path);
    if let Some(ancestor) = error.loop_ancestor() {
        let d = Diagnostic::error(format!(
            "{rel} is a symbolic link to {}, a folder that contains it",
            display_rel(root, ancestor)
        ))
        .help("remove the link: following it would never end");
        return Some((rel, d));
    }
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return None;
    }
    let target = fs::read_link(path).map_or_else(|_| "?".to_owned(), |t| t.display().to_string());
    let cause = error
        .io_error()
        .map_or_else(|| error.to_string(), ToString::to_string);
    let d = Diagnostic::error(format!(
        "{rel} is a symbolic link to {target}, which cannot be read: {cause}"
    ))
    .help("remove the link, or point it at a file or folder of the site");
    Some((rel, d))
}

/// The text of a file of the site `root` that changed while serving, read by the rule
/// of [`inside_site`].
pub fn read_text(root: &Path, path: &Path) -> Result<String, SourceError> {
    let real_root = inside_site(root, path)?;
    let bytes = read_inside(root, &real_root, path)?;
    String::from_utf8(bytes).map_err(|e| SourceError::Read {
        path: path.to_owned(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
    })
}

/// The content file `rel` (relative to the site `root`, already checked to name a
/// `.md` file under `content/` without `..`), resolved: it must exist, and it and
/// every folder on its way must stay inside the site's `content/` folder after their
/// symbolic links are followed, and the file itself must not be a link (a save
/// would replace the link, not its target); [`SourceError::OutsideSite`] otherwise.
pub fn content_file(root: &Path, rel: &str) -> Result<PathBuf, SourceError> {
    let content = root.join("content");
    let real_root = real_root(root)?;
    let real_content = fs::canonicalize(&content).map_err(|source| SourceError::Read {
        path: content.clone(),
        source,
    })?;
    let path = root.join(rel);
    let real_file = fs::canonicalize(&path).map_err(|source| SourceError::Read {
        path: path.clone(),
        source,
    })?;
    let parent = path.parent().unwrap_or(&content);
    let real_parent = fs::canonicalize(parent).map_err(|source| SourceError::Read {
        path: parent.to_owned(),
        source,
    })?;
    let linked = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    if !real_content.starts_with(&real_root)
        || !real_parent.starts_with(&real_content)
        || !real_file.starts_with(&real_content)
        || linked
    {
        return Err(SourceError::OutsideSite {
            path: rel.to_owned(),
        });
    }
    Ok(path)
}

/// The text of the content file `path` (from [`content_file`]), checking the file
/// that was opened again.
pub fn read_content_file(root: &Path, path: &Path) -> Result<String, SourceError> {
    let content = root.join("content");
    let real_content = fs::canonicalize(&content).map_err(|source| SourceError::Read {
        path: content.clone(),
        source,
    })?;
    let bytes = read_inside(root, &real_content, path)?;
    String::from_utf8(bytes).map_err(|e| SourceError::Read {
        path: path.to_owned(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
    })
}

/// `N` random bytes from the operating system (`/dev/urandom`).
pub fn random_bytes<const N: usize>() -> std::io::Result<[u8; N]> {
    use std::io::Read as _;
    let mut bytes = [0_u8; N];
    fs::File::open("/dev/urandom")?.read_exact(&mut bytes)?;
    Ok(bytes)
}

/// Swap, backup and hidden files that editors leave next to real ones. Editors write
/// these suffixes in lower case, so the comparison is deliberately case-sensitive.
#[allow(clippy::case_sensitive_file_extension_comparisons)]
pub fn is_editor_noise(name: &str) -> bool {
    name.starts_with('.')
        || name == "4913" // vim probes whether it may write to the folder
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name.ends_with('~')
        || name.starts_with('#')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
}

/// Reads every file under `dir`, a folder of the site `root` (a theme or `static/`),
/// by relative path. The folder itself must lie inside the site ([`inside_site`]);
/// symbolic links inside it are not followed.
pub fn read_tree(root: &Path, dir: &Path) -> Result<Vec<(String, Vec<u8>)>, SourceError> {
    let real_root = inside_site(root, dir)?;
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|source| SourceError::Walk {
            path: dir.to_owned(),
            source,
        })?;
        if !entry.file_type().is_file() || is_editor_noise(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let path = entry.path();
        let rel = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = read_inside(root, &real_root, path)?;
        out.push((rel, bytes));
    }
    Ok(out)
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn the_opened_file_is_checked_not_only_its_path() {
        let site = tempfile::tempdir().expect("tempdir");
        let outside = tempfile::tempdir().expect("tempdir");
        let secret = outside.path().join("secret.md");
        fs::write(&secret, "outside").expect("write");
        fs::write(site.path().join("own.md"), "inside").expect("write");
        let link = site.path().join("page.md");
        std::os::unix::fs::symlink(&secret, &link).expect("symlink");
        let real = real_root(site.path()).expect("root");
        // As if the path had been checked before the file was swapped for the link.
        let refused = read_inside(site.path(), &real, &link).expect_err("read through the link");
        assert!(
            matches!(&refused, SourceError::OutsideSite { path } if path == "page.md"),
            "{refused:?}"
        );
        let own = read_inside(site.path(), &real, &site.path().join("own.md")).expect("own file");
        assert_eq!(own, b"inside");
    }

    #[test]
    fn an_editable_file_and_its_folders_stay_inside_content() {
        let site = tempfile::tempdir().expect("tempdir");
        let outside = tempfile::tempdir().expect("tempdir");
        fs::create_dir_all(site.path().join("content/pages")).expect("mkdir");
        fs::write(site.path().join("content/pages/a.md"), "a").expect("write");
        fs::write(site.path().join("site.toml"), "").expect("write");
        fs::write(outside.path().join("b.md"), "b").expect("write");
        let link = |target: &Path, rel: &str| {
            std::os::unix::fs::symlink(target, site.path().join(rel)).expect("symlink");
        };
        link(&outside.path().join("b.md"), "content/pages/b.md");
        link(outside.path(), "content/out");
        link(&site.path().join("site.toml"), "content/pages/site.md");
        link(
            &site.path().join("content/pages/a.md"),
            "content/pages/alias.md",
        );
        assert!(content_file(site.path(), "content/pages/a.md").is_ok());
        for rel in [
            "content/pages/b.md",
            "content/out/b.md",
            "content/pages/site.md",
            "content/pages/alias.md",
        ] {
            let refused = content_file(site.path(), rel).expect_err(rel);
            assert!(
                matches!(refused, SourceError::OutsideSite { .. }),
                "{rel}: {refused:?}"
            );
        }
    }
}
