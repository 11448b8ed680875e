//! Rendering and handing out every file of a site: pages, data, assets and the
//! search index, with static files a generated file shadows left out.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::leak::LeakCheck;
use crate::output::OutputFile;
use crate::render;
use crate::rendered::Bodies;
use crate::source;

use super::{BuildError, Prepared, Progress, Report, SearchPlan, Silent, is_page};

/// Every file of the site in memory, as `vpagen build` writes it, and the static
/// files left out because a generated file has their path.
pub fn render_files(
    p: &Prepared,
    root: &Path,
    phases: &mut Vec<(&'static str, Duration)>,
) -> Result<(Vec<OutputFile>, Vec<String>), BuildError> {
    let files = std::sync::Mutex::new(Vec::new());
    let Emitted { shadowed, .. } = emit(p, None, root, phases, &Silent, None, &|f| {
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

/// Where [`emit`] hands files: `write`, after the offline twin is made and the
/// leak check has read them.
type Write<'w> = dyn Fn(OutputFile) -> Result<(), BuildError> + Sync + 'w;

/// Renders every file of the site and hands each to `write` as soon as it is ready;
/// returns the paths written and the static files left out because a generated file
/// has their path. The search index is built at the same time as the pages: they
/// know its manifest's name from its input.
///
/// The rendered Markdown comes from `spent` when given (a build, which took it out of
/// `p`): it is freed as soon as the item pages are written, while the search index is
/// still being built. Otherwise it is `p.bodies`, which `p` keeps (`vpagen serve`).
pub(super) fn emit(
    p: &Prepared,
    spent: Option<Bodies>,
    root: &Path,
    phases: &mut Vec<(&'static str, Duration)>,
    progress: &dyn Progress,
    leaks: Option<&LeakCheck>,
    write: &Write<'_>,
) -> Result<Emitted, BuildError> {
    let lap = Instant::now();
    let (asset_files, urls, plan) = plan_assets(p, spent.as_ref().unwrap_or(&p.bodies), root)?;
    phases.push(("records", lap.elapsed()));
    let sink = Sink {
        written: Mutex::new(Vec::new()),
        found: Mutex::new(Vec::new()),
        offline: p.site.config.search.offline,
        base_path: p.site.config.base_path(),
        leaks,
        write,
    };
    progress.stage("Writing pages", Some(p.site.items.len() as u64));
    let (pages, search) = pages_and_index(p, spent, &urls, plan, progress, &sink);
    let pages = pages?;
    progress.stage("Building the search index", None);
    let search = search?;
    phases.push(("pages", pages));
    phases.push(("search", search));
    let (kept, shadowed) = {
        let generated = lock(&sink.written);
        unshadowed(generated.iter().map(String::as_str), asset_files)
    };
    kept.into_par_iter().try_for_each(|f| sink.put(f))?;
    let written = sink
        .written
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    let found = sink
        .found
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    let leaks = leaks.map_or_else(Vec::new, |check| check.diagnostics(found));
    Ok(Emitted {
        written,
        shadowed,
        leaks,
    })
}

/// The asset files (with the offline twins of the scripts when the site is read
/// offline), the map from plain paths to their URLs, and the search plan, whose
/// manifest URL joins the map.
fn plan_assets(
    p: &Prepared,
    bodies: &Bodies,
    root: &Path,
) -> Result<(Vec<OutputFile>, Urls, Option<SearchPlan>), BuildError> {
    let (mut asset_files, mut urls) = assets(p, root, true)?;
    if p.site.config.search.offline {
        let bundles = render::modules::classic_bundles(&asset_files);
        asset_files.extend(bundles);
    }
    let plan = p.search_plan(bodies);
    if let Some(plan) = &plan {
        let base_path = p.site.config.base_path();
        urls.insert(
            "_search/manifest.json".to_owned(),
            format!("{base_path}/{}", plan.manifest_path()),
        );
    }
    Ok((asset_files, urls, plan))
}

/// Plain asset paths and their URLs.
type Urls = BTreeMap<String, String>;

/// Renders the pages and builds the search index side by side, on the same threads;
/// returns the time of each. `spent` bodies are freed item by item as the pages are
/// written.
fn pages_and_index(
    p: &Prepared,
    spent: Option<Bodies>,
    urls: &Urls,
    plan: Option<SearchPlan>,
    progress: &dyn Progress,
    sink: &Sink<'_, '_>,
) -> (Result<Duration, BuildError>, Result<Duration, BuildError>) {
    fn timed(f: impl FnOnce() -> Result<(), BuildError>) -> Result<Duration, BuildError> {
        let lap = Instant::now();
        f().map(|()| lap.elapsed())
    }
    let (search, pages) = rayon::join(
        || {
            timed(|| {
                let Some(plan) = plan else { return Ok(()) };
                plan.build_each(&mut |files| files.into_par_iter().try_for_each(|f| sink.put(f)))
            })
        },
        || {
            timed(|| {
                let put = |f| {
                    progress.step();
                    sink.put(f)
                };
                match spent {
                    Some(bodies) => {
                        render::render_site_spending(&p.site, bodies, &p.renderer, urls, &put)?;
                    }
                    None => render::render_site_each(&p.site, &p.bodies, &p.renderer, urls, &put)?,
                }
                render::render_generated_each(&p.site, &p.renderer, urls, &|f| sink.put(f))
            })
        },
    );
    (pages, search)
}

/// What files pass through on their way to `write`.
struct Sink<'a, 'w> {
    /// Paths handed out so far.
    written: Mutex<Vec<String>>,
    /// Files with hidden text: path and the index of the phrase found.
    found: Mutex<Vec<(String, usize)>>,
    /// The site is read offline: pages get a twin for `file://`.
    offline: bool,
    base_path: &'a str,
    leaks: Option<&'a LeakCheck>,
    write: &'a Write<'w>,
}

impl Sink<'_, '_> {
    /// Hands out a file and its offline twin, if it has one.
    fn put(&self, mut file: OutputFile) -> Result<(), BuildError> {
        let twin = self
            .offline
            .then(|| render::offline::apply_one(&mut file, self.base_path))
            .flatten();
        for f in std::iter::once(file).chain(twin) {
            let path = f.path.clone();
            if let Some(phrase) = self.leaks.and_then(|l| l.scan(&f.bytes)) {
                lock(&self.found).push((path.clone(), phrase));
            }
            (self.write)(f)?;
            lock(&self.written).push(path);
        }
        Ok(())
    }
}

/// A lock that a panic elsewhere does not poison for the rest of the build.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What [`emit`] handed out.
pub(super) struct Emitted {
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
    pub(super) fn report(self, report: &mut Report) {
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
