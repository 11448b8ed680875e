//! A loaded and checked site and what an incremental rebuild (`vpagen serve`) keeps
//! of it: diagnostics per stage, rendered Markdown per item.

use std::path::Path;

use crate::check::{Checker, check_body_anchors};

use crate::content::Loaded;
use crate::diag::{Diagnostics, Sources};
use crate::markdown::{self, Highlighter};
use crate::model::{Anchors, Site};
use crate::render::Renderer;
use crate::rendered::{Bodies, RenderedItem, stage};
use crate::theme::Theme;
use crate::toml_doc::Seg;

use super::BuildError;

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
    pub(super) loaded: Loaded,
    /// Heading ids per item, for anchor checks.
    pub(super) anchors: Anchors,
    /// `@type:id#anchor` links of each item's Markdown, by item index.
    pub(super) body_links: Vec<Vec<markdown::AnchorRef>>,
    /// Problems of each item's Markdown, by item index.
    pub(super) markdown_diags: Vec<Diagnostics>,
    /// Problems found while loading (configuration and front matter).
    pub(super) load_diags: Diagnostics,
    /// The cross-file checks of the last [`Prepared::diagnostics`], kept for the next.
    pub(super) cross: Option<CrossChecks>,
    pub(super) highlighter: Highlighter,
}

/// The results of the cross-file checks, and what must be checked again.
pub(super) struct CrossChecks {
    /// Anchor checks of each item's body links, by item index.
    anchors: Vec<Diagnostics>,
    /// The checks of `check::Checker`.
    checker: Diagnostics,
    /// Everything must be checked again.
    all_stale: bool,
    /// These items' body links must be checked again.
    stale_items: Vec<usize>,
}

impl Prepared {
    /// Keeps the rendered Markdown of item `index` and what the checks need of it.
    pub(super) fn store_markdown(&mut self, index: usize, out: RenderedItem, diags: Diagnostics) {
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
            body.offset = parts.body.start;
            body.len = parts.body.len();
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

    /// Frees what only the checks read (heading ids, body links, the diagnostics per
    /// stage), once they have run, for a build that writes the pages next: a later
    /// [`Prepared::diagnostics`] would check everything again with none of it.
    pub fn forget_checks(&mut self) {
        self.anchors = Anchors::new();
        self.body_links = Vec::new();
        self.markdown_diags = Vec::new();
        self.cross = None;
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
