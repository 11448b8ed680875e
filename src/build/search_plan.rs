//! Planning the search index: its records per language, known before pages are
//! rendered so that they can name the manifest.

use std::collections::HashMap;

use crate::kind::Kind;
use crate::model::Site;
use crate::rendered::Bodies;

use super::Prepared;

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

/// What the search index is made from: the records of every language, analysed, the
/// synonyms, and the manifest's path (a hash of both, known before the index is built).
pub struct SearchPlan {
    languages: Vec<crate::search::Analysed>,
    synonyms: Vec<Vec<String>>,
    manifest_path: String,
}

impl SearchPlan {
    fn new(site: &Site, bodies: &Bodies, labels: &HashMap<(String, Kind), String>) -> Self {
        let languages: Vec<crate::search::Analysed> = site
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
                crate::search::records(site, bodies, &l.code, &label)
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
    pub fn build(mut self) -> crate::search::IndexFiles {
        crate::search::build_index(&mut self.languages, &self.synonyms, &self.manifest_path)
    }

    /// Builds the index, handing its files to `put` a batch at a time as they are made.
    pub fn build_each<E>(
        mut self,
        put: &mut dyn FnMut(Vec<crate::output::OutputFile>) -> Result<(), E>,
    ) -> Result<(), E> {
        crate::search::build_index_each(
            &mut self.languages,
            &self.synonyms,
            &self.manifest_path,
            put,
        )
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

    /// The records of the search index, from `bodies` (this site's rendered
    /// Markdown), when the site has one.
    pub fn search_plan(&self, bodies: &Bodies) -> Option<SearchPlan> {
        self.site
            .config
            .search
            .enabled
            .then(|| SearchPlan::new(&self.site, bodies, &kind_labels(self)))
    }
}
