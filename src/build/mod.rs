//! The pipeline, one readable function per command: load the site, render Markdown,
//! run the checks, render templates, write the output.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diag::{Diagnostics, FileId, Sources};
use crate::output::{self, OutputError, OutputFile};
use crate::render::RenderError;
use crate::source::SourceError;
use crate::util::Date;

mod emit;
mod leak_input;
mod prepare;
mod prepared;
mod search_plan;

use emit::emit;
pub use emit::{assets, render_files, unshadowed};
pub use prepare::{prepare, prepare_with};
pub use prepared::Prepared;
pub use search_plan::{SearchInput, SearchPlan, build_search};

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

impl crate::diag::Failure for BuildError {
    fn help(&self) -> Option<String> {
        match self {
            BuildError::Source(e) => e.help(),
            _ => None,
        }
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
            None,
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
    let overlay = crate::source::Overlay::new();
    let (prepared, mut report) = prepare::prepare_texts(opts, &overlay, prepare::BodyTexts::Free)?;
    if opts.strict {
        report.diagnostics.promote_warnings();
    }
    let Some(mut p) = prepared.filter(|_| !report.diagnostics.has_errors()) else {
        return finish(report);
    };
    let staging = output::Staging::new(&output)?;
    let leaks = p.leak_check(&report.sources);
    if leaks.is_none() {
        // Pages come from the Markdown stage: of the sources, only the lines that
        // diagnostics show are still needed (the leak check reads them all).
        let shown: HashSet<FileId> = report
            .diagnostics
            .iter()
            .filter_map(|d| d.location.as_ref().map(|l| l.file))
            .collect();
        report.sources.retain_texts(|id| shown.contains(&id));
    }
    // Nothing after the pages reads the rendered Markdown: it goes with them.
    let bodies = std::mem::take(&mut p.bodies);
    p.forget_checks();
    let emitted = emit(
        &p,
        Some(bodies),
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
