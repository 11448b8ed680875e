//! The pipeline, one readable function per command: load the site, render Markdown,
//! run the checks, render templates, write the output.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::check::{Checker, check_body_anchors};
use crate::config::Config;
use rayon::prelude::*;

use crate::content::Loaded;
use crate::diag::{Diagnostic, Diagnostics, Sources};
use crate::kind::Kind;
use crate::leak::{self, LeakCheck};
use crate::markdown::{self, Highlighter};
use crate::model::{Anchors, Site};
use crate::output::OutputFile;
use crate::output::{self, OutputError};
use crate::render::{self, RenderError, Renderer};
use crate::rendered::{Bodies, RenderedItem, stage};
use crate::source::{self, SourceError};
use crate::theme::Theme;
use crate::toml_doc::Seg;
use crate::util::Date;

/// What to build, resolved from the command line.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Site root (holds `site.toml`).
    pub root: PathBuf,
    /// Output folder.
    pub output: PathBuf,
    /// Include drafts.
    pub drafts: bool,
    /// Override of `base_url`.
    pub base_url: Option<String>,
    /// The date checks judge against.
    pub date: Date,
    /// The audience to build for.
    pub audience: AudienceChoice,
    /// Warnings count as errors (`--strict`, for deploy pipelines).
    pub strict: bool,
}

/// Which audience of `site.toml`'s `[[audience]]` a run is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AudienceChoice {
    /// The first, widest audience (`public`): `vpagen build`'s safe default.
    Widest,
    /// The last audience, which sees everything: `check` and `serve` by default.
    Everything,
    /// An audience by id (`--audience`).
    Named(String),
}

/// What a run produced.
#[derive(Debug)]
pub struct Report {
    /// All diagnostics.
    pub diagnostics: Diagnostics,
    /// The files they point into.
    pub sources: Sources,
    /// Pages written (HTML files).
    pub pages: usize,
    /// All files written.
    pub files: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// Time per phase, in order (shown with `--verbose`).
    pub phases: Vec<(&'static str, Duration)>,
    /// The freshness report (`vpagen check`), when the site loaded.
    pub freshness: Option<crate::stale::Freshness>,
}

/// Why a run failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The content has errors; see the diagnostics.
    #[error("the site has errors")]
    Content(Box<Report>),
    /// Reading the site failed.
    #[error(transparent)]
    Source(#[from] SourceError),
    /// A theme template failed.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// Writing the output failed.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// `--audience` names no audience of `site.toml`.
    #[error("site.toml declares no audience `{name}`; audiences: {known}")]
    UnknownAudience {
        /// The name given.
        name: String,
        /// The declared ids, comma-separated.
        known: String,
    },
}

/// A loaded and checked site, ready to render. It keeps what an incremental rebuild
/// needs (`vpagen serve`): the diagnostics per stage and the rendered Markdown per item.
pub struct Prepared {
    /// The site graph.
    pub site: Site,
    /// Rendered Markdown of every item.
    pub bodies: Bodies,
    /// The theme's templates.
    pub renderer: Renderer,
    /// The theme.
    pub theme: Theme,
    /// Front-matter ranges and broken items (its `items` are in `site`).
    loaded: Loaded,
    /// Heading ids per item, for anchor checks.
    anchors: Anchors,
    /// `@type:id#anchor` links of each item's Markdown, by item index.
    body_links: Vec<Vec<markdown::AnchorRef>>,
    /// Problems of each item's Markdown, by item index.
    markdown_diags: Vec<Diagnostics>,
    /// Problems found while loading (configuration and front matter).
    load_diags: Diagnostics,
    /// The cross-file checks of the last [`Prepared::diagnostics`], kept for the next.
    cross: Option<CrossChecks>,
    highlighter: Highlighter,
}

/// The results of the cross-file checks, and what must be checked again.
struct CrossChecks {
    /// Anchor checks of each item's body links, by item index.
    anchors: Vec<Diagnostics>,
    /// The checks of `check::Checker`.
    checker: Diagnostics,
    /// Everything must be checked again.
    all_stale: bool,
    /// These items' body links must be checked again.
    stale_items: Vec<usize>,
}

/// Loads, renders Markdown and checks; the report holds every diagnostic.
pub fn prepare(opts: &BuildOptions) -> Result<(Option<Prepared>, Report), BuildError> {
    let start = Instant::now();
    let mut sources = Sources::new();
    let mut diags = Diagnostics::new();
    let mut phases = Vec::new();
    let mut lap = Instant::now();
    let mut phase = |name: &'static str| {
        phases.push((name, lap.elapsed()));
        lap = Instant::now();
    };
    let report = |diags, sources, phases| Report {
        diagnostics: diags,
        sources,
        pages: 0,
        files: 0,
        elapsed: start.elapsed(),
        phases,
        freshness: None,
    };

    let config_file = match source::read_config(&opts.root, &mut sources) {
        Ok(file) => file,
        Err(SourceError::Invalid(d, _)) => {
            diags.push(*d);
            return Ok((None, report(diags, sources, Vec::new())));
        }
        Err(e) => return Err(e.into()),
    };
    let config_text = sources.text(config_file).to_owned();
    let Some(mut config) = Config::load(config_file, &config_text, &mut diags) else {
        return Ok((None, report(diags, sources, Vec::new())));
    };
    if let Some(url) = &opts.base_url {
        url.trim_end_matches('/').clone_into(&mut config.base_url);
    }
    let entries = source::read_content(&opts.root, &config, &mut sources, &mut diags)?;
    let loaded = crate::content::load(entries, &sources, &config, &mut diags);
    phase("load");
    let theme_dir = opts.root.join("themes").join(&config.theme);
    if config.theme != "default" && !theme_dir.is_dir() {
        let doc = crate::toml_doc::Doc {
            file: config.file,
            text: &config_text,
            offset: 0,
        };
        diags.push(
            doc.error_at(&[Seg::Key("theme")], format!("theme `{}` does not exist", config.theme))
                .label(format!("no folder themes/{}/", config.theme))
                .help("create the folder with the templates you want to override, or remove `theme` to use the default theme"),
        );
        return Ok((None, report(diags, sources, Vec::new())));
    }
    let theme = Theme::load(&opts.root, &theme_dir)?;
    let renderer = Renderer::new(&theme)?;
    let Loaded {
        items,
        fronts,
        broken,
    } = loaded;
    let loaded = Loaded {
        items: Vec::new(),
        fronts,
        broken: broken.clone(),
    };
    let audience = match &opts.audience {
        AudienceChoice::Widest => 0,
        AudienceChoice::Everything => config.audiences.len().saturating_sub(1),
        AudienceChoice::Named(name) => {
            config
                .audience_rank(name)
                .ok_or_else(|| BuildError::UnknownAudience {
                    name: name.clone(),
                    known: config
                        .audiences
                        .iter()
                        .map(|a| a.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                })?
        }
    };
    let site = Site::new(config, items, broken, opts.date, opts.drafts, audience);
    phase("theme");

    let highlighter = Highlighter::new();
    let markdown_outs: Vec<(RenderedItem, Diagnostics)> = site
        .items
        .par_iter()
        .map(|item| {
            let mut item_diags = Diagnostics::new();
            let out = stage::render_item(
                &site,
                item,
                &highlighter,
                &loaded,
                &sources,
                &mut item_diags,
            );
            (out, item_diags)
        })
        .collect();
    let mut prepared = Prepared {
        site,
        bodies: Bodies::new(),
        renderer,
        theme,
        loaded,
        anchors: Anchors::new(),
        body_links: Vec::new(),
        markdown_diags: Vec::new(),
        load_diags: diags,
        cross: None,
        highlighter,
    };
    for (index, (out, item_diags)) in markdown_outs.into_iter().enumerate() {
        prepared.store_markdown(index, out, item_diags);
    }
    phase("markdown");
    let diags = prepared.diagnostics(&sources);
    phase("checks");
    Ok((Some(prepared), report(diags, sources, phases)))
}

impl Prepared {
    /// Keeps the rendered Markdown of item `index` and what the checks need of it.
    fn store_markdown(&mut self, index: usize, out: RenderedItem, diags: Diagnostics) {
        let key = self.site.items[index].item_id();
        self.anchors.insert(
            key.clone(),
            out.body.toc.iter().map(|h| h.id.clone()).collect(),
        );
        if self.body_links.len() <= index {
            self.body_links.resize_with(index + 1, Vec::new);
            self.markdown_diags.resize_with(index + 1, Diagnostics::new);
        }
        self.body_links[index].clone_from(&out.body.anchors);
        self.markdown_diags[index] = diags;
        self.bodies.insert(key, out);
    }

    /// Every diagnostic of the site as it stands: those of loading and Markdown, plus
    /// the cross-file checks. These are run afresh, except after a body edit that
    /// left the item's headings as they were: then only its own links are checked
    /// again, since nothing else can have changed.
    pub fn diagnostics(&mut self, sources: &Sources) -> Diagnostics {
        let items = self.site.items.len();
        let cross = self.cross.get_or_insert_with(|| CrossChecks {
            anchors: vec![Diagnostics::new(); items],
            checker: Diagnostics::new(),
            all_stale: true,
            stale_items: Vec::new(),
        });
        let edited = std::mem::take(&mut cross.stale_items);
        let stale: Vec<usize> = if cross.all_stale {
            (0..items).collect()
        } else {
            edited
        };
        cross.anchors.resize_with(items, Diagnostics::new);
        for index in stale {
            let mut diags = Diagnostics::new();
            check_body_anchors(
                &self.site,
                &self.anchors,
                &self.site.items[index],
                &self.body_links[index],
                &mut diags,
            );
            cross.anchors[index] = diags;
        }
        if cross.all_stale {
            let mut diags = Diagnostics::new();
            Checker {
                site: &self.site,
                loaded: &self.loaded,
                sources,
                anchors: &self.anchors,
            }
            .run(&mut diags);
            cross.checker = diags;
            cross.all_stale = false;
        }
        let mut diags = self.load_diags.clone();
        for d in self.markdown_diags.iter().chain(&cross.anchors) {
            diags.extend(d.clone());
        }
        diags.extend(cross.checker.clone());
        diags
    }

    /// After an edit that changed only the Markdown body of `file` (its front matter
    /// is byte for byte the same), takes the new text and re-renders the items whose
    /// body comes from that file; returns their indexes. `None` when the front matter
    /// changed or the file is not a body of this site: then only a full rebuild is
    /// right.
    pub fn update_body(
        &mut self,
        sources: &mut Sources,
        file: crate::diag::FileId,
        text: String,
    ) -> Option<Vec<usize>> {
        let front = self.loaded.fronts.get(&file)?.clone();
        let parts = crate::content::split(file, &text).ok()?;
        if parts.front != front || text.get(front.clone()) != sources.text(file).get(front) {
            return None;
        }
        let indexes: Vec<usize> = (0..self.site.items.len())
            .filter(|&i| self.site.items[i].body.file == file)
            .collect();
        if indexes.is_empty() {
            return None;
        }
        for &i in &indexes {
            let body = &mut self.site.items[i].body;
            text[parts.body.clone()].clone_into(&mut body.text);
            body.offset = parts.body.start;
        }
        sources.replace(file, text);
        for &i in &indexes {
            let mut diags = Diagnostics::new();
            let out = stage::render_item(
                &self.site,
                &self.site.items[i],
                &self.highlighter,
                &self.loaded,
                sources,
                &mut diags,
            );
            let key = self.site.items[i].item_id();
            let toc = &out.body.toc;
            let same_headings = self.anchors.get(&key).is_some_and(|old| {
                old.len() == toc.len() && old.iter().zip(toc).all(|(a, h)| *a == h.id)
            });
            if let Some(cross) = &mut self.cross {
                // Other items' links and the front-matter checks may point at headings.
                cross.all_stale |= !same_headings;
                cross.stale_items.push(i);
            }
            self.store_markdown(i, out, diags);
        }
        Some(indexes)
    }

    /// The leak check of this build: the phrases of every item and block hidden from
    /// its audience. `None` when nothing is hidden.
    pub fn leak_check(&self, sources: &Sources) -> Option<LeakCheck> {
        let site = &self.site;
        let audiences = &site.config.audiences;
        if site.audience + 1 >= audiences.len() {
            // The last audience sees everything.
            return None;
        }
        // Lower-case ids of the audiences whose blocks this build cuts.
        let hidden_ids: Vec<String> = audiences[site.audience + 1..]
            .iter()
            .map(|a| a.id.to_ascii_lowercase())
            .collect();
        let hidden_ids: Vec<&str> = hidden_ids.iter().map(String::as_str).collect();
        let file_text = |file| sources.text(file);
        let mut hidden = Vec::new();
        for item in &site.hidden {
            let what = format!("{} `{}`", item.kind.ref_name(), item.id);
            if let Some(front) = self.loaded.fronts.get(&item.file) {
                hidden.push(leak::Hidden {
                    file: item.file,
                    text: file_text(item.file),
                    range: front.clone(),
                    front_matter: true,
                    what: what.clone(),
                });
            }
            let start = item.body.offset;
            hidden.push(leak::Hidden {
                file: item.body.file,
                text: file_text(item.body.file),
                range: start..start + item.body.text.len(),
                front_matter: false,
                what,
            });
        }
        // Visible items: what they say, without the audience blocks cut from their
        // bodies and Markdown fields, which are hidden text.
        let mut visible = Vec::new();
        for item in &site.items {
            let what = || format!("audience block in {} `{}`", item.kind.ref_name(), item.id);
            if let Some(front) = self.loaded.fronts.get(&item.file) {
                let text = file_text(item.file);
                let blocks = leak::blocks_in_strings(text, front.clone(), &hidden_ids);
                for block in &blocks {
                    hidden.push(leak::Hidden {
                        file: item.file,
                        text,
                        range: block.clone(),
                        front_matter: false,
                        what: what(),
                    });
                }
                visible.push(leak::Visible {
                    text,
                    range: front.clone(),
                    front_matter: true,
                    holes: blocks,
                });
            }
            let body = file_text(item.body.file);
            let offset = item.body.offset;
            let cuts: Vec<std::ops::Range<usize>> = self
                .bodies
                .get(item)
                .map_or(&[][..], |r| &r.body.cut[..])
                .iter()
                .map(|c| offset + c.start..offset + c.end)
                .collect();
            for cut in &cuts {
                hidden.push(leak::Hidden {
                    file: item.body.file,
                    text: body,
                    range: cut.clone(),
                    front_matter: false,
                    what: what(),
                });
            }
            visible.push(leak::Visible {
                text: body,
                range: offset..offset + item.body.text.len(),
                front_matter: false,
                holes: cuts,
            });
        }
        if hidden.is_empty() {
            return None;
        }
        // Titles of hidden items stand in for links to them; the site's own settings
        // and the theme's strings are on every page.
        let mut allowed: Vec<&str> = site.hidden.iter().map(|i| i.title.as_str()).collect();
        allowed.push(file_text(site.config.file));
        allowed.extend(self.theme.strings.values().map(String::as_str));
        allowed.extend(self.theme.string_overrides.values().map(String::as_str));
        LeakCheck::new(&audiences[site.audience].id, &hidden, &visible, &allowed)
    }

    /// The freshness report of the site (every audience's items).
    pub fn freshness(&self, sources: &Sources) -> crate::stale::Freshness {
        let place = |file, key: &str| {
            let doc = self.loaded.doc(sources, file);
            let at = doc
                .span(&[Seg::Key(key)], crate::toml_doc::Target::Key)
                .start;
            let (line, _) = sources.line_col(file, at);
            format!("{}:{line}", sources.path(file).display())
        };
        crate::stale::Freshness::collect(&self.site, sources, &place)
    }

    /// Loads the theme again (templates, strings and assets), keeping the content.
    pub fn reload_theme(&mut self, root: &Path) -> Result<(), BuildError> {
        let theme = Theme::load(root, &root.join("themes").join(&self.site.config.theme))?;
        self.renderer = Renderer::new(&theme)?;
        self.theme = theme;
        Ok(())
    }
}

/// `vpagen check`: everything but writing.
pub fn check(opts: &BuildOptions) -> Result<Report, BuildError> {
    let start = Instant::now();
    let (prepared, mut report) = prepare(opts)?;
    if opts.strict {
        report.diagnostics.promote_warnings();
    }
    report.freshness = prepared.as_ref().map(|p| p.freshness(&report.sources));
    if let Some(p) = prepared
        && !report.diagnostics.has_errors()
    {
        let leaks = p.leak_check(&report.sources);
        let emitted = emit(
            &p,
            &opts.root,
            &mut report.phases,
            &Silent,
            leaks.as_ref(),
            &|_| Ok(()),
        )?;
        emitted.report(&mut report);
        if opts.strict {
            report.diagnostics.promote_warnings();
        }
        report.elapsed = start.elapsed();
    }
    finish(report)
}

/// What a long build tells the person waiting (a progress bar in a terminal). Calls
/// come from many threads.
pub trait Progress: Sync {
    /// A stage starts: `total` steps, or `None` when unknown.
    fn stage(&self, _name: &'static str, _total: Option<u64>) {}
    /// One more step of the stage is done.
    fn step(&self) {}
}

/// Reports nothing.
pub struct Silent;

impl Progress for Silent {}

/// `vpagen build`: check, render and write atomically.
pub fn build(opts: &BuildOptions) -> Result<Report, BuildError> {
    build_with(opts, &Silent)
}

/// [`build`], reporting to `progress`.
///
/// Pages are written as they are rendered, into a staging folder that replaces the
/// output only when everything is written. The search index is built at the same
/// time: pages know its manifest's name from its input.
pub fn build_with(opts: &BuildOptions, progress: &dyn Progress) -> Result<Report, BuildError> {
    let start = Instant::now();
    let output = output::check_output_dir(&opts.root, &opts.output)?;
    progress.stage("Checking", None);
    let (prepared, mut report) = prepare(opts)?;
    if opts.strict {
        report.diagnostics.promote_warnings();
    }
    let Some(p) = prepared.filter(|_| !report.diagnostics.has_errors()) else {
        return finish(report);
    };
    let staging = output::Staging::new(&output)?;
    let leaks = p.leak_check(&report.sources);
    let emitted = emit(
        &p,
        &opts.root,
        &mut report.phases,
        progress,
        leaks.as_ref(),
        &|f| staging.write(&f).map_err(BuildError::from),
    )?;
    emitted.report(&mut report);
    if opts.strict {
        report.diagnostics.promote_warnings();
    }
    if report.diagnostics.has_errors() {
        // Hidden text in the output: the staging folder goes, the output stays.
        report.elapsed = start.elapsed();
        return finish(report);
    }
    let lap = Instant::now();
    staging.commit()?;
    report.phases.push(("finish", lap.elapsed()));
    report.elapsed = start.elapsed();
    Ok(report)
}

/// Every file of the site in memory, as `vpagen build` writes it, and the static
/// files left out because a generated file has their path.
pub fn render_files(
    p: &Prepared,
    root: &Path,
    phases: &mut Vec<(&'static str, Duration)>,
) -> Result<(Vec<OutputFile>, Vec<String>), BuildError> {
    let files = std::sync::Mutex::new(Vec::new());
    let Emitted { shadowed, .. } = emit(p, root, phases, &Silent, None, &|f| {
        files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(f);
        Ok(())
    })?;
    let files = files
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    Ok((files, shadowed))
}

/// Renders every file of the site and hands each to `write` as soon as it is ready;
/// returns the paths written and the static files left out because a generated file
/// has their path. The search index is built at the same time as the pages: they
/// know its manifest's name from its input.
fn emit(
    p: &Prepared,
    root: &Path,
    phases: &mut Vec<(&'static str, Duration)>,
    progress: &dyn Progress,
    leaks: Option<&LeakCheck>,
    write: &(dyn Fn(OutputFile) -> Result<(), BuildError> + Sync),
) -> Result<Emitted, BuildError> {
    let lap = Instant::now();
    let (mut asset_files, mut urls) = assets(p, root, true)?;
    if p.site.config.search.offline {
        let bundles = render::modules::classic_bundles(&asset_files);
        asset_files.extend(bundles);
    }
    let base_path = p.site.config.base_path();
    let plan = p.search_plan();
    if let Some(plan) = &plan {
        urls.insert(
            "_search/manifest.json".to_owned(),
            format!("{base_path}/{}", plan.manifest_path()),
        );
    }
    phases.push(("records", lap.elapsed()));

    let written = std::sync::Mutex::new(Vec::new());
    let found = std::sync::Mutex::new(Vec::new());
    let offline = p.site.config.search.offline;
    let put = |mut file: OutputFile| -> Result<(), BuildError> {
        let twin = offline
            .then(|| render::offline::apply_one(&mut file, base_path))
            .flatten();
        for f in std::iter::once(file).chain(twin) {
            let path = f.path.clone();
            if let Some(phrase) = leaks.and_then(|l| l.scan(&f.bytes)) {
                found
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push((path.clone(), phrase));
            }
            write(f)?;
            written
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(path);
        }
        Ok(())
    };
    progress.stage("Writing pages", Some(p.site.items.len() as u64));
    // The index is built next to the pages, on the same threads.
    let timed = |f: &dyn Fn() -> Result<(), BuildError>| {
        let lap = Instant::now();
        f().map(|()| lap.elapsed())
    };
    let (search, pages) = rayon::join(
        || {
            timed(&|| {
                let Some(plan) = &plan else { return Ok(()) };
                plan.build().files.into_par_iter().try_for_each(put)
            })
        },
        || {
            timed(&|| {
                render::render_site_each(&p.site, &p.bodies, &p.renderer, &urls, &|f| {
                    progress.step();
                    put(f)
                })
            })
        },
    );
    let pages = pages?;
    progress.stage("Building the search index", None);
    let search = search?;
    phases.push(("pages", pages));
    phases.push(("search", search));
    let (kept, shadowed) = {
        let generated = written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        unshadowed(generated.iter().map(String::as_str), asset_files)
    };
    kept.into_par_iter().try_for_each(put)?;
    let written = written
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let found = found
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let leaks = leaks.map_or_else(Vec::new, |check| check.diagnostics(found));
    Ok(Emitted {
        written,
        shadowed,
        leaks,
    })
}

/// What [`emit`] handed out.
struct Emitted {
    /// Paths of the files, relative to the output folder.
    written: Vec<String>,
    /// Static files left out because a generated file has their path.
    shadowed: Vec<String>,
    /// Hidden text found in files of an audience build, one error per file.
    leaks: Vec<Diagnostic>,
}

impl Emitted {
    /// Adds warnings and leak errors to the report, and the counts of what was
    /// written.
    fn report(self, report: &mut Report) {
        report_shadowed(report, &self.shadowed);
        for d in self.leaks {
            report.diagnostics.push(d);
        }
        report.pages = self.written.iter().filter(|p| is_page(p)).count();
        report.files = self.written.len();
    }
}

fn report_shadowed(report: &mut Report, shadowed: &[String]) {
    for path in shadowed {
        report.diagnostics.push(
            Diagnostic::warning(format!(
                "static/{path} is not copied: vpagen generates a file with the same path"
            ))
            .help(
                "rename or remove the static file; generated pages cannot be replaced from static/",
            ),
        );
    }
}

fn finish(report: Report) -> Result<Report, BuildError> {
    if report.diagnostics.has_errors() {
        Err(BuildError::Content(Box::new(report)))
    } else {
        Ok(report)
    }
}

/// The number of HTML pages among `files`.
pub fn count_pages(files: &[OutputFile]) -> usize {
    files.iter().filter(|f| is_page(&f.path)).count()
}

/// Whether an output path is an HTML page.
fn is_page(path: &str) -> bool {
    Path::new(path).extension().is_some_and(|e| e == "html")
}

/// The search index of every language.
pub fn build_search(p: &Prepared) -> crate::search::IndexFiles {
    SearchPlan::new(&p.site, &p.bodies, &kind_labels(p)).build()
}

/// The plural name of each content type per language, as the theme says it.
fn kind_labels(p: &Prepared) -> HashMap<(String, Kind), String> {
    let mut labels = HashMap::new();
    for l in &p.site.config.languages {
        for k in Kind::ALL {
            let label = p
                .renderer
                .ui_string(&l.code, &format!("kind_plural_{}", k.ref_name()));
            labels.insert((l.code.clone(), k), label);
        }
    }
    labels
}

/// What the search index is made from: the records of every language, the synonyms,
/// and the manifest's path (a hash of both, known before the index is built).
pub struct SearchPlan {
    languages: Vec<(String, Vec<crate::search::Record>)>,
    synonyms: Vec<Vec<String>>,
    manifest_path: String,
}

impl SearchPlan {
    fn new(site: &Site, bodies: &Bodies, labels: &HashMap<(String, Kind), String>) -> Self {
        let languages: Vec<(String, Vec<crate::search::Record>)> = site
            .config
            .languages
            .iter()
            .map(|l| {
                let label = |k: Kind| {
                    labels
                        .get(&(l.code.clone(), k))
                        .cloned()
                        .unwrap_or_default()
                };
                (
                    l.code.clone(),
                    crate::search::records(site, bodies, &l.code, &label),
                )
            })
            .collect();
        let synonyms = crate::search::synonyms(site);
        let manifest_path = crate::search::manifest_path(&languages, &synonyms);
        SearchPlan {
            languages,
            synonyms,
            manifest_path,
        }
    }

    /// The manifest's path under the output folder.
    pub fn manifest_path(&self) -> &str {
        &self.manifest_path
    }

    /// Builds the index.
    pub fn build(&self) -> crate::search::IndexFiles {
        crate::search::build_index(&self.languages, &self.synonyms, &self.manifest_path)
    }
}

/// A copy of what the search index is made from, so that it can be built on another
/// thread while the site goes on changing (`vpagen serve`).
pub struct SearchInput {
    site: Site,
    bodies: Bodies,
    labels: HashMap<(String, Kind), String>,
}

impl SearchInput {
    /// Builds the index.
    pub fn build(&self) -> crate::search::IndexFiles {
        SearchPlan::new(&self.site, &self.bodies, &self.labels).build()
    }
}

impl Prepared {
    /// A copy of what the search index is made from.
    pub fn search_input(&self) -> SearchInput {
        SearchInput {
            site: self.site.clone(),
            bodies: self.bodies.clone(),
            labels: kind_labels(self),
        }
    }

    /// The records of the search index, when the site has one.
    pub fn search_plan(&self) -> Option<SearchPlan> {
        self.site
            .config
            .search
            .enabled
            .then(|| SearchPlan::new(&self.site, &self.bodies, &kind_labels(self)))
    }
}

/// The theme's and the site's static files, and the map from their plain paths to
/// their URLs. With `hashed`, stylesheets and scripts get a content hash in their name
/// (for builds); without, they keep their path (for serve, where a changed stylesheet
/// keeps its URL and is swapped into open pages).
pub fn assets(
    p: &Prepared,
    root: &Path,
    hashed: bool,
) -> Result<(Vec<OutputFile>, BTreeMap<String, String>), BuildError> {
    let mut assets: BTreeMap<String, Vec<u8>> = p.theme.assets.clone();
    let static_dir = root.join("static");
    if static_dir.is_dir() {
        assets.extend(source::read_tree(root, &static_dir)?);
    }
    Ok(render::hash_assets(
        assets,
        p.site.config.base_path(),
        hashed,
    ))
}

/// Static files whose path a generated file has: they are left out, and named.
pub fn unshadowed<'a>(
    generated: impl IntoIterator<Item = &'a str>,
    assets: Vec<OutputFile>,
) -> (Vec<OutputFile>, Vec<String>) {
    let pages: std::collections::HashSet<&str> = generated.into_iter().collect();
    let (shadowed, kept): (Vec<OutputFile>, Vec<OutputFile>) = assets
        .into_iter()
        .partition(|f| pages.contains(f.path.as_str()));
    (kept, shadowed.into_iter().map(|f| f.path).collect())
}
