//! The rebuild engine of `vpagen serve`: it keeps the loaded site between edits and
//! redoes only what a change needs. A body-only edit of a content file re-renders that
//! item's Markdown and its page (plus the data files); a template edit re-renders the
//! pages without loading content again; a stylesheet or static file is only read
//! again; everything else (front matter, new or deleted files, `site.toml`) rebuilds
//! the site in memory. The search index follows when the edits pause.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;

use super::watch::Plan;
use crate::build::{self, BuildError, BuildOptions, Prepared, SearchInput};
use crate::diag::{Diagnostics, Severity, Sources, Style, render, render_error, render_summary};
use crate::output::OutputFile;
use crate::render::{self, Envs};
use crate::search::IndexFiles;

/// Files by output path (`leistungen/x/index.html`, `css/style.css`).
pub(super) type Files = Arc<HashMap<String, Bytes>>;

/// The last good output, in three parts that change at different times.
#[derive(Clone, Default)]
pub struct Output {
    /// Pages and data files.
    pub pages: Files,
    /// Theme and site static files (plain paths: no content hash in serve).
    pub assets: Files,
    /// The search index, with its manifest also at `_search/manifest.json`.
    pub search: Files,
    /// The `vpagen-edit-page` data block of each page that shows a content file, by
    /// output path: JSON, escaped for a `<script>` element.
    pub edit_pages: Arc<HashMap<String, String>>,
}

/// What a rebuild did.
pub enum Outcome {
    /// New output; `changed` are the output paths whose bytes changed.
    Published {
        /// Changed output paths.
        changed: Vec<String>,
        /// URL of the page the edit was about, for the browser to go to.
        goto: Option<String>,
        /// Only stylesheets changed: swap them, do not reload.
        css_only: bool,
        /// Pages rendered in this rebuild.
        rendered: usize,
        /// Warnings, rendered for the terminal.
        warnings: Vec<String>,
    },
    /// The site has errors; the last good output stays.
    Failed {
        /// The diagnostics, rendered for the terminal.
        terminal: String,
        /// The same without colour, for the browser overlay.
        plain: String,
    },
}

/// The URL the browser asks for the search manifest in serve mode: fixed, so that a
/// new index does not change every page.
pub(super) const MANIFEST_URL: &str = "_search/manifest.json";

/// Where serve shows the freshness report (not part of built sites).
pub(super) const REVIEW_PATH: &str = "_vpagen/review/index.html";

/// The freshness report page of a loaded site.
fn review_page(p: &Prepared, sources: &Sources) -> Bytes {
    let config = &p.site.config;
    let title = config.title.get(&config.default_lang, &config.default_lang);
    Bytes::from(p.freshness(sources).html(title))
}

/// The rebuild engine (see the module docs).
pub struct Engine {
    opts: BuildOptions,
    style: Style,
    state: Option<(Prepared, Sources)>,
    urls: BTreeMap<String, String>,
    output: Output,
    search_stale: bool,
    /// The files of the newest search index (the served set also holds the previous
    /// index's files).
    own_search: HashSet<String>,
    /// The last full rebuild failed: the loaded state is older than the files, so
    /// every change needs a full rebuild until one succeeds.
    needs_full: bool,
}

impl Engine {
    /// An engine for the site of `opts`; nothing is built yet.
    pub fn new(opts: BuildOptions, style: Style) -> Engine {
        Engine {
            opts,
            style,
            state: None,
            urls: BTreeMap::new(),
            output: Output::default(),
            search_stale: false,
            own_search: HashSet::new(),
            needs_full: false,
        }
    }

    /// The last good output.
    pub fn output(&self) -> &Output {
        &self.output
    }

    /// Whether the search index lags behind the pages.
    pub fn search_stale(&self) -> bool {
        self.search_stale
    }

    /// Carries out a plan of changes.
    pub fn apply(&mut self, plan: &Plan) -> Result<Outcome, BuildError> {
        if self.needs_full {
            return self.full(plan.focus());
        }
        match plan {
            Plan::Full { focus } => self.full(focus.as_deref()),
            Plan::Bodies(paths) => self.bodies(paths),
            Plan::Theme { templates } => self.theme(*templates),
            Plan::Assets => self.assets(),
        }
    }

    /// Loads and renders the whole site (not the search index).
    pub fn full(&mut self, focus: Option<&Path>) -> Result<Outcome, BuildError> {
        self.needs_full = true;
        let (prepared, report) = build::prepare(&self.opts)?;
        let Some(p) = prepared.filter(|_| !report.diagnostics.has_errors()) else {
            return Ok(self.failed(&report.diagnostics, &report.sources));
        };
        let (asset_files, mut urls) = build::assets(&p, &self.opts.root, false)?;
        if p.site.config.search.enabled {
            urls.insert(MANIFEST_URL.to_owned(), format!("/{MANIFEST_URL}"));
        }
        let files = render::render_site(&p.site, &p.bodies, &p.renderer, &urls)?;
        if let Some(failed) = self.leaks(&p, &report.sources, &report.diagnostics, &files) {
            return Ok(failed);
        }
        let rendered = build::count_pages(&files);
        let (assets, shadowed) =
            build::unshadowed(files.iter().map(|f| f.path.as_str()), asset_files);
        let mut warnings = self.warnings(&report.diagnostics, &report.sources);
        warnings.extend(shadowed.iter().map(|path| {
            format!(
                "warning: static/{path} is not served: vpagen generates a file with the same path\n"
            )
        }));
        let mut pages = to_map(files);
        pages.insert(REVIEW_PATH.to_owned(), review_page(&p, &report.sources));
        let mut changed = diff(&self.output.pages, &pages);
        self.output.edit_pages = Arc::new(edit_pages(&p, &report.sources, &pages));
        let assets = to_map(assets);
        changed.extend(diff(&self.output.assets, &assets));
        self.output.pages = Arc::new(pages);
        self.output.assets = Arc::new(assets);
        self.urls = urls;
        self.search_stale = p.site.config.search.enabled;
        if !self.search_stale {
            self.output.search = Files::default();
        }
        let goto = focus.and_then(|path| url_of(&p, &report.sources, &self.opts.root, path));
        self.state = Some((p, report.sources));
        self.needs_full = false;
        Ok(Outcome::Published {
            changed,
            goto,
            css_only: false,
            rendered,
            warnings,
        })
    }

    /// Re-renders the items whose body changed (their pages only: nothing else shows a
    /// body); falls back to a full rebuild when a file's front matter changed, or it
    /// is new, gone or unreadable.
    fn bodies(&mut self, paths: &[PathBuf]) -> Result<Outcome, BuildError> {
        let partial = |p: &Prepared| !p.site.sees_everything();
        if self.state.as_ref().is_some_and(|(p, _)| partial(p)) {
            // Something is hidden from this preview: a body edit can move text in or
            // out of an audience block, and the leak check looks at the whole site.
            return self.full(paths.first().map(PathBuf::as_path));
        }
        let BodyEdits {
            indexes,
            fallback,
            refused,
        } = self.read_bodies(paths);
        self.withdraw(&refused);
        let diagnostics = match self.state.as_mut().filter(|_| fallback.is_none()) {
            Some((p, sources)) => p.diagnostics(sources),
            None => return self.full(fallback.as_deref()),
        };
        let Some((p, sources)) = self.state.as_ref() else {
            return self.full(None);
        };
        if diagnostics.has_errors() {
            return Ok(self.failed(&diagnostics, sources));
        }
        let mut files = self.render_bodies(p, &indexes)?;
        let rendered = build::count_pages(&files);
        let goto = indexes.first().map(|&i| p.site.url(&p.site.items[i]));
        // The data files (JSON exports, sitemap, feeds) come from front matter only.
        let mut pages = (*self.output.pages).clone();
        let mut changed = Vec::new();
        // A changed original can leave its translation behind.
        files.push(OutputFile {
            path: REVIEW_PATH.to_owned(),
            bytes: review_page(p, sources).to_vec(),
        });
        for f in files {
            if pages.get(&f.path).is_none_or(|old| old[..] != f.bytes[..]) {
                changed.push(f.path.clone());
                pages.insert(f.path, Bytes::from(f.bytes));
            }
        }
        let warnings = self.warnings(&diagnostics, sources);
        self.output.pages = Arc::new(pages);
        self.search_stale = p.site.config.search.enabled;
        Ok(Outcome::Published {
            changed,
            goto,
            css_only: false,
            rendered,
            warnings,
        })
    }

    /// Reads the edited files of `paths` into the loaded site: which items changed,
    /// or the first path that needs a full rebuild instead.
    fn read_bodies(&mut self, paths: &[PathBuf]) -> BodyEdits {
        let mut edits = BodyEdits::default();
        let Some((p, sources)) = &mut self.state else {
            edits.fallback = paths.first().cloned();
            return edits;
        };
        for path in paths {
            let rel = path.strip_prefix(&self.opts.root).unwrap_or(path);
            let known = sources.find(rel);
            if known.is_none() && !path.exists() {
                // A folder moved or deleted with files in it: a full rebuild reports
                // what is gone.
                if sources.any_under(rel) {
                    edits.fallback = Some(path.clone());
                    break;
                }
                // An editor's temporary file, gone again before the rebuild.
                continue;
            }
            let updated = known.and_then(|file| {
                let text = match crate::source::read_text(&self.opts.root, path) {
                    Ok(text) => text,
                    Err(crate::source::SourceError::OutsideSite { .. }) => {
                        edits.refused.push(path.clone());
                        return None;
                    }
                    Err(_) => return None,
                };
                p.update_body(sources, file, text)
            });
            let Some(found) = updated else {
                edits.fallback = Some(path.clone());
                break;
            };
            edits.indexes.extend(found);
        }
        edits
    }

    /// The pages of the items at `indexes`, and the print bundles that show them.
    fn render_bodies(
        &self,
        p: &Prepared,
        indexes: &[usize],
    ) -> Result<Vec<OutputFile>, BuildError> {
        let envs = Envs::new(&p.site, &p.renderer, &self.urls);
        let mut files = Vec::new();
        for &i in indexes {
            let item = &p.site.items[i];
            let markdown = p.bodies.of(item);
            if let Some(file) = render::render_item(&p.site, markdown, &p.renderer, &envs, item)? {
                files.push(file);
            }
            files.extend(render::render_stand_ins(
                &p.site,
                markdown,
                &p.renderer,
                &envs,
                item,
            )?);
        }
        // A print bundle holds its guide and the checklists and briefings it names.
        for guide in &p.site.items {
            if indexes
                .iter()
                .any(|&i| render::print_shows(guide, &p.site.items[i]))
                && let Some(file) =
                    render::render_print(&p.site, &p.bodies, &p.renderer, &envs, guide)?
            {
                files.push(file);
            }
        }
        Ok(files)
    }

    /// Stops serving the pages of the items read from `paths`: their files now lead
    /// out of the site, so the last good version of those pages is not kept either.
    fn withdraw(&mut self, paths: &[PathBuf]) {
        let Some((p, sources)) = &self.state else {
            return;
        };
        let gone: Vec<String> = paths
            .iter()
            .filter_map(|path| url_of(p, sources, &self.opts.root, path))
            .map(|url| format!("{}index.html", url.trim_start_matches('/')))
            .filter(|key| self.output.pages.contains_key(key))
            .collect();
        if !gone.is_empty() {
            let mut pages = (*self.output.pages).clone();
            for key in &gone {
                pages.remove(key);
            }
            self.output.pages = Arc::new(pages);
        }
    }

    /// Loads the theme again; with `templates`, re-renders every page from the loaded
    /// content.
    fn theme(&mut self, templates: bool) -> Result<Outcome, BuildError> {
        let Some((p, _)) = &mut self.state else {
            return self.full(None);
        };
        if let Err(e) = p.reload_theme(&self.opts.root) {
            let text = format!("{}\n", render_error(Severity::Error, &e));
            return Ok(Outcome::Failed {
                terminal: text.clone(),
                plain: text,
            });
        }
        if !templates {
            return self.assets();
        }
        let (p, sources) = self.state.as_ref().expect("state is set above");
        let files = render::render_site(&p.site, &p.bodies, &p.renderer, &self.urls)?;
        if let Some(failed) = self.leaks(p, sources, &Diagnostics::new(), &files) {
            return Ok(failed);
        }
        let rendered = build::count_pages(&files);
        let mut pages = to_map(files);
        pages.insert(REVIEW_PATH.to_owned(), review_page(p, sources));
        let mut changed = diff(&self.output.pages, &pages);
        self.output.pages = Arc::new(pages);
        changed.extend(self.reload_assets()?);
        Ok(Outcome::Published {
            changed,
            goto: None,
            css_only: false,
            rendered,
            warnings: Vec::new(),
        })
    }

    /// Reads the static files again.
    fn assets(&mut self) -> Result<Outcome, BuildError> {
        if self.state.is_none() {
            return self.full(None);
        }
        let changed = self.reload_assets()?;
        let css_only = !changed.is_empty()
            && changed
                .iter()
                .all(|c| Path::new(c).extension().is_some_and(|e| e == "css"));
        Ok(Outcome::Published {
            changed,
            goto: None,
            css_only,
            rendered: 0,
            warnings: Vec::new(),
        })
    }

    /// Reads the theme's and the site's static files again; returns the changed paths.
    fn reload_assets(&mut self) -> Result<Vec<String>, BuildError> {
        let Some((p, _)) = &self.state else {
            return Ok(Vec::new());
        };
        let (files, _) = build::assets(p, &self.opts.root, false)?;
        let (files, _) = build::unshadowed(self.output.pages.keys().map(String::as_str), files);
        let assets = to_map(files);
        let changed = diff(&self.output.assets, &assets);
        self.output.assets = Arc::new(assets);
        Ok(changed)
    }

    /// Builds the search index of the current site here and now (at start-up: no
    /// copy of the site is needed).
    pub fn rebuild_search(&mut self) {
        let Some((p, _)) = self.state.as_ref().filter(|_| self.search_stale) else {
            return;
        };
        let index = build::build_search(p);
        self.search_stale = false;
        self.adopt_search(index);
    }

    /// A copy of what the next search index is made from, when the index lags behind
    /// the pages; building it can then run on another thread.
    pub fn search_job(&mut self) -> Option<SearchInput> {
        let (p, _) = self.state.as_ref()?;
        if !self.search_stale {
            return None;
        }
        self.search_stale = false;
        Some(p.search_input())
    }

    /// Serves a newly built search index (with the previous one's files kept one more
    /// generation).
    pub fn adopt_search(&mut self, index: IndexFiles) {
        let mut search = to_map(index.files);
        let own: HashSet<String> = search.keys().cloned().collect();
        // A page that loaded the previous manifest still asks for that index's files:
        // keep them (content-hashed names never clash) for one more generation.
        for path in &self.own_search {
            if let Some(bytes) = self.output.search.get(path) {
                search.entry(path.clone()).or_insert_with(|| bytes.clone());
            }
        }
        self.own_search = own;
        if let Some(manifest) = search.get(&index.manifest_path).cloned() {
            search.insert(MANIFEST_URL.to_owned(), manifest);
        }
        self.output.search = Arc::new(search);
    }

    /// A preview for an audience that does not see everything runs the leak check, as
    /// `vpagen build` does; a leak fails the rebuild like a content error.
    fn leaks(
        &self,
        p: &Prepared,
        sources: &Sources,
        diagnostics: &Diagnostics,
        files: &[OutputFile],
    ) -> Option<Outcome> {
        let check = p.leak_check(sources)?;
        let found: Vec<(String, usize)> = files
            .iter()
            .filter_map(|f| check.scan(&f.bytes).map(|i| (f.path.clone(), i)))
            .collect();
        if found.is_empty() {
            return None;
        }
        let mut all = diagnostics.clone();
        for d in check.diagnostics(found) {
            all.push(d);
        }
        Some(self.failed(&all, sources))
    }

    fn failed(&self, diagnostics: &Diagnostics, sources: &Sources) -> Outcome {
        let show = |style: Style| {
            let mut text = String::new();
            for d in diagnostics.sorted() {
                if d.severity == crate::diag::Severity::Error {
                    text.push_str(&render(d, sources, style));
                }
            }
            if let Some(summary) = render_summary(diagnostics, style) {
                text.push_str(&summary);
                text.push('\n');
            }
            text
        };
        Outcome::Failed {
            terminal: show(self.style),
            plain: show(Style { color: false }),
        }
    }

    fn warnings(&self, diagnostics: &Diagnostics, sources: &Sources) -> Vec<String> {
        diagnostics
            .sorted()
            .into_iter()
            .filter(|d| d.severity == crate::diag::Severity::Warning)
            .map(|d| render(d, sources, self.style))
            .collect()
    }
}

/// What [`Engine::read_bodies`] found.
#[derive(Default)]
struct BodyEdits {
    /// The items whose body changed.
    indexes: Vec<usize>,
    /// A path that needs a full rebuild (front matter changed, a file new or gone).
    fallback: Option<PathBuf>,
    /// Paths that now lead out of the site.
    refused: Vec<PathBuf>,
}

/// The URL of the item read from `path`, if any.
fn url_of(p: &Prepared, sources: &Sources, root: &Path, path: &Path) -> Option<String> {
    let file = sources.find(path.strip_prefix(root).unwrap_or(path))?;
    p.site
        .items
        .iter()
        .find(|i| i.file == file)
        .map(|i| p.site.url(i))
}

/// What the edit bar of each page needs to know about the content file it shows, by
/// output path (see [`Output::edit_pages`]). A stand-in page shows its original.
fn edit_pages(
    p: &Prepared,
    sources: &Sources,
    pages: &HashMap<String, Bytes>,
) -> HashMap<String, String> {
    let rel = |file: crate::diag::FileId| sources.path(file).to_string_lossy().replace('\\', "/");
    let mut map = HashMap::new();
    for item in &p.site.items {
        let translation = item.file != item.base_file;
        let block = render::script_json(&serde_json::json!({
            "path": rel(item.file),
            "kind": item.kind.folder(),
            "lang": item.lang,
            "translation": translation,
            "original": translation.then(|| rel(item.base_file)),
            "title": item.title,
        }));
        let urls = std::iter::once(p.site.url(item)).chain(
            p.site
                .stand_in_langs(item)
                .map(|lang| p.site.url_in(item, lang)),
        );
        for url in urls {
            let key = p.site.output_path(&url);
            if pages.contains_key(&key) {
                map.insert(key, block.clone());
            }
        }
    }
    map
}

fn to_map(files: Vec<OutputFile>) -> HashMap<String, Bytes> {
    files
        .into_iter()
        .map(|f| (f.path, Bytes::from(f.bytes)))
        .collect()
}

/// Paths that are new, changed or gone in `new` compared with `old`.
fn diff(old: &HashMap<String, Bytes>, new: &HashMap<String, Bytes>) -> Vec<String> {
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(k, v)| old.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .collect();
    changed.extend(old.keys().filter(|k| !new.contains_key(*k)).cloned());
    changed.sort();
    changed
}
