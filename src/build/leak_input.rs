//! The leak check of an audience build, assembled from the site: the text of every
//! hidden item and audience block, what visible items say around their blocks, and
//! the text every page may show.

use std::ops::Range;

use crate::content::Item;
use crate::diag::Sources;
use crate::leak::{self, Hidden, LeakCheck, Visible};

use super::Prepared;

impl Prepared {
    /// The leak check of this build: the phrases of every item and block hidden from
    /// its audience. `None` when nothing is hidden.
    pub fn leak_check(&self, sources: &Sources) -> Option<LeakCheck> {
        let site = &self.site;
        let audiences = &site.config.audiences;
        if site.sees_everything() {
            return None;
        }
        // Lower-case ids of the audiences whose blocks this build cuts.
        let hidden_ids: Vec<String> = audiences[site.audience + 1..]
            .iter()
            .map(|a| a.id.to_ascii_lowercase())
            .collect();
        let hidden_ids: Vec<&str> = hidden_ids.iter().map(String::as_str).collect();
        let mut hidden = Vec::new();
        for item in &site.hidden {
            self.hidden_item(item, sources, &mut hidden);
        }
        // Visible items: what they say, without the audience blocks cut from their
        // bodies and Markdown fields, which are hidden text.
        let mut visible = Vec::new();
        for item in &site.items {
            self.visible_item(item, sources, &hidden_ids, &mut hidden, &mut visible);
        }
        if hidden.is_empty() {
            return None;
        }
        // Titles of hidden items stand in for links to them; the site's own settings
        // and the theme's strings are on every page.
        let mut allowed: Vec<&str> = site.hidden.iter().map(|i| i.title.as_str()).collect();
        allowed.push(sources.text(site.config.file));
        allowed.extend(self.theme.strings.values().map(String::as_str));
        allowed.extend(self.theme.string_overrides.values().map(String::as_str));
        LeakCheck::new(&audiences[site.audience].id, &hidden, &visible, &allowed)
    }

    /// A hidden item: its whole front matter and body.
    fn hidden_item<'a>(&self, item: &Item, sources: &'a Sources, hidden: &mut Vec<Hidden<'a>>) {
        let what = format!("{} `{}`", item.kind.ref_name(), item.id);
        if let Some(front) = self.loaded.fronts.get(&item.file) {
            hidden.push(Hidden {
                file: item.file,
                text: sources.text(item.file),
                range: front.clone(),
                front_matter: true,
                what: what.clone(),
            });
        }
        let start = item.body.offset;
        hidden.push(Hidden {
            file: item.body.file,
            text: sources.text(item.body.file),
            range: start..start + item.body.len,
            front_matter: false,
            what,
        });
    }

    /// A visible item: its front matter and body as visible text, with the audience
    /// blocks in them (in Markdown strings, and those the body's rendering cut) as
    /// hidden text.
    fn visible_item<'a>(
        &self,
        item: &Item,
        sources: &'a Sources,
        hidden_ids: &[&str],
        hidden: &mut Vec<Hidden<'a>>,
        visible: &mut Vec<Visible<'a>>,
    ) {
        let what = || format!("audience block in {} `{}`", item.kind.ref_name(), item.id);
        let mut holes = |file, text, blocks: &[Range<usize>]| {
            for block in blocks {
                hidden.push(Hidden {
                    file,
                    text,
                    range: block.clone(),
                    front_matter: false,
                    what: what(),
                });
            }
        };
        if let Some(front) = self.loaded.fronts.get(&item.file) {
            let text = sources.text(item.file);
            let blocks = leak::blocks_in_strings(text, front.clone(), hidden_ids);
            holes(item.file, text, &blocks);
            visible.push(Visible {
                text,
                range: front.clone(),
                front_matter: true,
                holes: blocks,
            });
        }
        let body = sources.text(item.body.file);
        let offset = item.body.offset;
        let cuts: Vec<Range<usize>> = self
            .bodies
            .get(item)
            .map_or(&[][..], |r| &r.body.cut[..])
            .iter()
            .map(|c| offset + c.start..offset + c.end)
            .collect();
        holes(item.body.file, body, &cuts);
        visible.push(Visible {
            text: body,
            range: offset..offset + item.body.len,
            front_matter: false,
            holes: cuts,
        });
    }
}
