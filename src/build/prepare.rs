//! Loading a site as named steps: configuration, content, theme, audience, the
//! Markdown stage and the checks. A step that finds the site unusable ends the run
//! with what it reported.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::Loaded;
use crate::diag::{Diagnostics, FileId, Sources};
use crate::markdown::Highlighter;
use crate::model::{Anchors, Site};
use crate::render::Renderer;
use crate::rendered::{Bodies, RenderedItem, stage};
use crate::source::{self, SourceError};
use crate::theme::Theme;
use crate::toml_doc::{Doc, Seg};

use super::{AudienceChoice, BuildError, BuildOptions, Prepared, Report};

/// Loads, renders Markdown and checks; the report holds every diagnostic.
pub fn prepare(opts: &BuildOptions) -> Result<(Option<Prepared>, Report), BuildError> {
    prepare_with(opts, &source::Overlay::new())
}

/// What the Markdown stage does with the Markdown body of a source file once every
/// item it holds is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BodyTexts {
    /// Keeps it: `check` and `serve` read the files again (the freshness report,
    /// edits).
    Keep,
    /// Frees it when no later step reads it, for a build: the rendered HTML then takes
    /// the place of the Markdown instead of adding to it.
    Free,
}

/// [`prepare`] with some content files read from `overlay` instead of the disk: a
/// dry run of unsaved edits.
pub fn prepare_with(
    opts: &BuildOptions,
    overlay: &source::Overlay,
) -> Result<(Option<Prepared>, Report), BuildError> {
    prepare_texts(opts, overlay, BodyTexts::Keep)
}

/// [`prepare_with`], keeping or freeing the Markdown bodies as `texts` says.
pub(super) fn prepare_texts(
    opts: &BuildOptions,
    overlay: &source::Overlay,
    texts: BodyTexts,
) -> Result<(Option<Prepared>, Report), BuildError> {
    let mut run = Run::new();
    let Some(config) = load_config(opts, &mut run)? else {
        return Ok((None, run.report(false)));
    };
    let entries = source::read_content(
        &opts.root,
        &config,
        overlay,
        &mut run.sources,
        &mut run.diags,
    )?;
    let loaded = crate::content::load(entries, &run.sources, &config, &mut run.diags);
    run.phase("load");
    let Some(theme) = load_theme(opts, &config, &mut run)? else {
        return Ok((None, run.report(false)));
    };
    let renderer = Renderer::new(&theme)?;
    let audience = audience_rank(&opts.audience, &config)?;
    let (items, loaded) = take_items(loaded);
    let broken = loaded.broken.clone();
    let site = Site::new(config, items, broken, opts.date, opts.drafts, audience);
    run.phase("theme");
    let mut prepared = markdown_stage(site, renderer, theme, loaded, &mut run, texts);
    run.phase("markdown");
    run.diags = prepared.diagnostics(&run.sources);
    run.phase("checks");
    Ok((Some(prepared), run.report(true)))
}

/// What a run has gathered so far: files, diagnostics and the time per phase.
struct Run {
    start: Instant,
    lap: Instant,
    phases: Vec<(&'static str, Duration)>,
    sources: Sources,
    diags: Diagnostics,
}

impl Run {
    fn new() -> Run {
        Run {
            start: Instant::now(),
            lap: Instant::now(),
            phases: Vec::new(),
            sources: Sources::new(),
            diags: Diagnostics::new(),
        }
    }

    /// Ends a phase: its time goes into the report (`--verbose`).
    fn phase(&mut self, name: &'static str) {
        self.phases.push((name, self.lap.elapsed()));
        self.lap = Instant::now();
    }

    /// The report of the run; a run that stopped early reports no phases.
    fn report(self, with_phases: bool) -> Report {
        Report {
            diagnostics: self.diags,
            sources: self.sources,
            pages: 0,
            files: 0,
            elapsed: self.start.elapsed(),
            phases: if with_phases { self.phases } else { Vec::new() },
            freshness: None,
        }
    }
}

/// `site.toml`, with `--base-url` applied; `None` when it cannot be used.
fn load_config(opts: &BuildOptions, run: &mut Run) -> Result<Option<Config>, BuildError> {
    let file = match source::read_config(&opts.root, &mut run.sources) {
        Ok(file) => file,
        Err(SourceError::Invalid(d, _)) => {
            run.diags.push(*d);
            return Ok(None);
        }
        Err(e) => return Err(e.into()),
    };
    let text = run.sources.text(file).to_owned();
    let Some(mut config) = Config::load(file, &text, &mut run.diags) else {
        return Ok(None);
    };
    if let Some(url) = &opts.base_url {
        url.trim_end_matches('/').clone_into(&mut config.base_url);
    }
    Ok(Some(config))
}

/// The theme `site.toml` names, over the default one; `None` when its folder is
/// missing (reported at `theme`).
fn load_theme(
    opts: &BuildOptions,
    config: &Config,
    run: &mut Run,
) -> Result<Option<Theme>, BuildError> {
    let dir = opts.root.join("themes").join(&config.theme);
    if config.theme != "default" && !dir.is_dir() {
        let doc = Doc {
            file: config.file,
            text: run.sources.text(config.file),
            offset: 0,
        };
        let d = doc
            .error_at(&[Seg::Key("theme")], format!("theme `{}` does not exist", config.theme))
            .label(format!("no folder themes/{}/", config.theme))
            .help("create the folder with the templates you want to override, or remove `theme` to use the default theme");
        run.diags.push(d);
        return Ok(None);
    }
    Ok(Some(Theme::load(&opts.root, &dir)?))
}

/// The rank of the audience a run is for in `[[audience]]`.
fn audience_rank(choice: &AudienceChoice, config: &Config) -> Result<usize, BuildError> {
    match choice {
        AudienceChoice::Widest => Ok(0),
        AudienceChoice::Everything => Ok(config.audiences.len().saturating_sub(1)),
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
                })
        }
    }
}

/// The items, for the site graph, and the rest of what loading found.
fn take_items(loaded: Loaded) -> (Vec<crate::content::Item>, Loaded) {
    let Loaded {
        items,
        fronts,
        broken,
    } = loaded;
    let rest = Loaded {
        items: Vec::new(),
        fronts,
        broken,
    };
    (items, rest)
}

/// The files that hold Markdown bodies, for [`BodyTexts::Free`].
struct BodyFiles(HashMap<FileId, BodyFile>);

/// A file that holds the Markdown body of items.
struct BodyFile {
    /// Its items not rendered yet.
    unrendered: usize,
    /// Where the first body starts: what is before (the front matter) stays.
    start: usize,
    /// A later step reads the body: a diagnostic points into it, or an anchor of a
    /// link in it is still to be checked.
    read_later: bool,
}

impl BodyFiles {
    fn new(items: &[crate::content::Item]) -> BodyFiles {
        let mut files: HashMap<FileId, BodyFile> = HashMap::new();
        for item in items {
            let file = files.entry(item.body.file).or_insert(BodyFile {
                unrendered: 0,
                start: item.body.offset,
                read_later: false,
            });
            file.unrendered += 1;
            file.start = file.start.min(item.body.offset);
        }
        BodyFiles(files)
    }

    /// Notes the rendered `batch` (`outs`, in its order) and frees the bodies of the
    /// files whose items are all rendered and that no later step reads: none with a
    /// problem or an anchor link, none with a placeholder mark (`check::placeholders`
    /// reads the whole file).
    fn rendered(
        &mut self,
        batch: &[crate::content::Item],
        outs: &[(RenderedItem, Diagnostics)],
        sources: &mut Sources,
    ) {
        for (item, (out, diags)) in batch.iter().zip(outs) {
            let Some(file) = self.0.get_mut(&item.body.file) else {
                continue;
            };
            file.unrendered -= 1;
            file.read_later |= !diags.is_empty() || !out.body.anchors.is_empty();
            let id = item.body.file;
            if file.unrendered == 0
                && !file.read_later
                && !crate::check::has_placeholder(sources.text(id))
            {
                sources.free_from(id, file.start);
            }
        }
    }
}

/// Renders every item's Markdown in parallel and keeps it with the site.
///
/// Items are rendered a batch at a time; with [`BodyTexts::Free`], between batches
/// the bodies of the files whose items are all rendered are freed, so that the next
/// batch's HTML can take their memory.
fn markdown_stage(
    site: Site,
    renderer: Renderer,
    theme: Theme,
    loaded: Loaded,
    run: &mut Run,
    texts: BodyTexts,
) -> Prepared {
    const BATCH: usize = 2048;
    let highlighter = Highlighter::new();
    // An audience build's leak check reads every body again.
    let free = texts == BodyTexts::Free && site.sees_everything();
    let mut files = free.then(|| BodyFiles::new(&site.items));
    let mut outs: Vec<(RenderedItem, Diagnostics)> = Vec::with_capacity(site.items.len());
    for start in (0..site.items.len()).step_by(BATCH) {
        let batch = &site.items[start..(start + BATCH).min(site.items.len())];
        let sources = &run.sources;
        outs.par_extend(batch.par_iter().map(|item| {
            let mut diags = Diagnostics::new();
            let out = stage::render_item(&site, item, &highlighter, &loaded, sources, &mut diags);
            (out, diags)
        }));
        if let Some(files) = &mut files {
            files.rendered(batch, &outs[start..], &mut run.sources);
        }
    }
    let mut prepared = Prepared {
        site,
        bodies: Bodies::new(),
        renderer,
        theme,
        loaded,
        anchors: Anchors::new(),
        body_links: Vec::new(),
        markdown_diags: Vec::new(),
        load_diags: std::mem::take(&mut run.diags),
        cross: None,
        highlighter,
    };
    for (index, (out, diags)) in outs.into_iter().enumerate() {
        prepared.store_markdown(index, out, diags);
    }
    prepared
}
