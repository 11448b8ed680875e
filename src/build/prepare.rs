//! Loading a site as named steps: configuration, content, theme, audience, the
//! Markdown stage and the checks. A step that finds the site unusable ends the run
//! with what it reported.

use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::Loaded;
use crate::diag::{Diagnostics, Sources};
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

/// [`prepare`] with some content files read from `overlay` instead of the disk: a
/// dry run of unsaved edits.
pub fn prepare_with(
    opts: &BuildOptions,
    overlay: &source::Overlay,
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
    let mut prepared = markdown_stage(site, renderer, theme, loaded, &mut run);
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

/// Renders every item's Markdown in parallel and keeps it with the site.
fn markdown_stage(
    site: Site,
    renderer: Renderer,
    theme: Theme,
    loaded: Loaded,
    run: &mut Run,
) -> Prepared {
    let highlighter = Highlighter::new();
    let sources = &run.sources;
    let outs: Vec<(RenderedItem, Diagnostics)> = site
        .items
        .par_iter()
        .map(|item| {
            let mut diags = Diagnostics::new();
            let out = stage::render_item(&site, item, &highlighter, &loaded, sources, &mut diags);
            (out, diags)
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
        load_diags: std::mem::take(&mut run.diags),
        cross: None,
        highlighter,
    };
    for (index, (out, diags)) in outs.into_iter().enumerate() {
        prepared.store_markdown(index, out, diags);
    }
    prepared
}
