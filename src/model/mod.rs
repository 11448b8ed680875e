//! The site graph: every item of every language, looked up by type and id, with URLs.
//!
//! Built once from the loaded content and immutable afterwards. URLs follow
//! `site.toml`: the default language lives at `/`, others under `/<lang>/`, and each
//! type has a URL segment per language (`/leistungen/…`, `/en/services/…`).

mod links;
mod lookups;
mod rates;
pub use rates::{NoRateTable, PriceFrom};
mod refs;
#[cfg(test)]
pub(crate) mod testsite;
mod urls;

use std::collections::{HashMap, HashSet};

use crate::config::Config;
use crate::content::raw::PageKind;
use crate::content::{Data, Item};
use crate::kind::Kind;
use crate::util::Date;

pub use refs::{Anchors, Ref};

/// The whole site.
#[derive(Debug, Clone)]
pub struct Site {
    /// The configuration.
    pub config: Config,
    /// Every item in every language, default language first.
    pub items: Vec<Item>,
    /// The date checks and price validity are judged against.
    pub build_date: Date,
    /// Per type and id, the places of its language versions in `items`.
    index: HashMap<Kind, HashMap<String, Vec<usize>>>,
    /// Per type, its range in `items` (sorted by type first).
    ranges: HashMap<Kind, std::ops::Range<usize>>,
    broken: HashSet<(Kind, String)>,
    drafts: HashSet<(Kind, String)>,
    /// Rank of the audience this build is for (see `Config::audiences`).
    pub audience: usize,
    /// Items this audience may not see, every language, in site order.
    pub hidden: Vec<Item>,
    hidden_ids: HashMap<Kind, HashSet<String>>,
    /// Page addresses for links written as paths, computed on first use.
    paths: std::sync::OnceLock<links::PathMap>,
    /// Lookups across types, computed on first use.
    lookups: std::sync::OnceLock<lookups::Lookups>,
}

impl Site {
    /// Builds the site graph for the audience of rank `audience`: drafts are dropped
    /// unless `include_drafts`, items for narrower audiences go to `hidden`.
    /// `broken` names items whose files failed to load; references to them are not
    /// reported a second time.
    pub fn new(
        config: Config,
        items: Vec<Item>,
        broken: HashSet<(Kind, String)>,
        build_date: Date,
        include_drafts: bool,
        audience: usize,
    ) -> Site {
        let drafts: HashSet<(Kind, String)> = items
            .iter()
            .filter(|i| i.meta.draft && !include_drafts && i.lang == config.default_lang)
            .map(|i| (i.kind, i.id.clone()))
            .collect();
        let (mut items, mut hidden): (Vec<Item>, Vec<Item>) = items
            .into_iter()
            .filter(|i| include_drafts || !i.meta.draft)
            .partition(|i| i.meta.visible_to <= audience);
        // Both grew by doubling; the items are held for the whole build.
        items.shrink_to_fit();
        hidden.shrink_to_fit();
        let lang = config.default_lang.as_str();
        items.sort_by(|a, b| order_key(a, lang).cmp(&order_key(b, lang)));
        hidden.sort_by(|a, b| order_key(a, lang).cmp(&order_key(b, lang)));
        let mut hidden_ids: HashMap<Kind, HashSet<String>> = HashMap::new();
        for i in &hidden {
            hidden_ids.entry(i.kind).or_default().insert(i.id.clone());
        }
        let mut index: HashMap<Kind, HashMap<String, Vec<usize>>> = HashMap::new();
        let mut ranges: HashMap<Kind, std::ops::Range<usize>> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            index
                .entry(item.kind)
                .or_default()
                .entry(item.id.clone())
                .or_default()
                .push(i);
            ranges.entry(item.kind).or_insert(i..i).end = i + 1;
        }
        Site {
            config,
            items,
            build_date,
            index,
            ranges,
            broken,
            drafts,
            audience,
            hidden,
            hidden_ids,
            paths: links::new_paths(),
            lookups: lookups::new_lookups(),
        }
    }

    /// Whether an item exists but is for an audience this build is not for.
    pub fn is_hidden(&self, kind: Kind, id: &str) -> bool {
        self.hidden_ids
            .get(&kind)
            .is_some_and(|ids| ids.contains(id))
    }

    /// The title of a hidden item as a reader of `lang` would see it: references to
    /// it are shown as this plain text.
    pub fn hidden_title(&self, kind: Kind, id: &str, lang: &str) -> Option<&str> {
        let mut variants = self.hidden.iter().filter(|i| i.kind == kind && i.id == id);
        let first = variants.next()?;
        Some(
            std::iter::once(first)
                .chain(variants)
                .find(|i| i.lang == lang)
                .unwrap_or(first)
                .title
                .as_str(),
        )
    }

    /// The audiences this build shows: every `[[audience]]` up to its own.
    pub fn shown_audiences(&self) -> &[crate::config::Audience] {
        let end = (self.audience + 1).min(self.config.audiences.len());
        &self.config.audiences[..end]
    }

    /// Whether this build's audience is the last one, which sees every item and
    /// audience block: nothing is hidden, so nothing needs the leak check.
    pub fn sees_everything(&self) -> bool {
        self.audience + 1 >= self.config.audiences.len()
    }

    /// Whether an item exists but its file has errors of its own.
    pub fn is_broken(&self, kind: Kind, id: &str) -> bool {
        self.broken.contains(&(kind, id.to_owned()))
    }

    /// Whether an item exists but is a draft left out of this build.
    pub fn is_draft(&self, kind: Kind, id: &str) -> bool {
        self.drafts.contains(&(kind, id.to_owned()))
    }

    /// Whether any item of a type failed to load.
    pub fn has_broken(&self, kind: Kind) -> bool {
        self.broken.iter().any(|(k, _)| *k == kind)
    }

    /// The item in `lang`, if that translation exists.
    pub fn get_exact(&self, kind: Kind, id: &str, lang: &str) -> Option<&Item> {
        self.variants(kind, id).find(|i| i.lang == lang)
    }

    /// The item in `lang`, falling back to the default language.
    pub fn get(&self, kind: Kind, id: &str, lang: &str) -> Option<&Item> {
        self.get_exact(kind, id, lang)
            .or_else(|| self.original(kind, id))
    }

    /// The default-language item.
    pub fn original(&self, kind: Kind, id: &str) -> Option<&Item> {
        self.get_exact(kind, id, &self.config.default_lang)
    }

    /// Every language version of an item, default first.
    pub fn variants(&self, kind: Kind, id: &str) -> impl Iterator<Item = &Item> {
        self.index
            .get(&kind)
            .and_then(|ids| ids.get(id))
            .into_iter()
            .flatten()
            .map(|&i| &self.items[i])
    }

    /// Default-language items of a type, in display order.
    pub fn originals(&self, kind: Kind) -> impl Iterator<Item = &Item> {
        let range = self.ranges.get(&kind).cloned().unwrap_or_default();
        self.items[range]
            .iter()
            .filter(move |i| i.lang == self.config.default_lang)
    }

    /// Default-language items of a type, those hidden from this audience after the
    /// others: for checks that ask whether the site has such an item at all.
    pub fn originals_with_hidden(&self, kind: Kind) -> impl Iterator<Item = &Item> {
        self.originals(kind).chain(
            self.hidden
                .iter()
                .filter(move |i| i.kind == kind && i.lang == self.config.default_lang),
        )
    }

    /// Items of a type as readers of `lang` see them: the translation where it
    /// exists, the original otherwise.
    pub fn listed(&self, kind: Kind, lang: &str) -> Vec<&Item> {
        let fallback = self
            .config
            .language(lang)
            .is_none_or(|l| l.list_untranslated);
        self.originals(kind)
            .filter_map(|o| self.get(kind, &o.id, lang))
            .filter(|i| fallback || i.lang == lang)
            .collect()
    }

    /// Items that exist in `lang` itself (originals or translations), any type.
    pub fn listed_exact(&self, lang: &str) -> Vec<&Item> {
        self.items.iter().filter(|i| i.lang == lang).collect()
    }

    /// Ids of all items of a type.
    pub fn ids(&self, kind: Kind) -> Vec<&str> {
        self.originals(kind).map(|i| i.id.as_str()).collect()
    }

    /// The URL prefix of a language: the base path (`/agentur` when `base_url` has a
    /// path, else empty), then nothing for the default language and `/en` otherwise.
    pub fn lang_prefix(&self, lang: &str) -> String {
        let base = self.config.base_path();
        if lang == self.config.default_lang {
            base.to_owned()
        } else {
            format!("{base}/{lang}")
        }
    }

    /// The file in the output folder for a site URL: `/a/b/` → `a/b/index.html`,
    /// `/a/b.md` → `a/b.md` (the base path is not part of the folder).
    pub fn output_path(&self, url: &str) -> String {
        let url = url.strip_prefix(self.config.base_path()).unwrap_or(url);
        let trimmed = url.trim_start_matches('/');
        if trimmed.is_empty() || trimmed.ends_with('/') {
            format!("{trimmed}index.html")
        } else {
            trimmed.to_owned()
        }
    }

    /// The URL segment of a type in a language.
    pub fn segment(&self, kind: Kind, lang: &str) -> &str {
        let Some(language) = self.config.language(lang) else {
            return kind.folder();
        };
        let s = &language.segments;
        match kind {
            Kind::Service => &s.services,
            Kind::Skill => &s.skills,
            Kind::Checklist => &s.checklists,
            Kind::Rate => &s.rates,
            Kind::Briefing => &s.briefings,
            Kind::Guide => &s.guides,
            Kind::Page => &s.pages,
        }
    }

    /// Site-relative URL of an item, ending in `/`.
    pub fn url(&self, item: &Item) -> String {
        self.url_in_tree(item, &item.lang)
    }

    /// Where `item` sits in the URL tree of `lang`: its own place when `lang` is its
    /// language, its stand-in's otherwise.
    fn url_in_tree(&self, item: &Item, lang: &str) -> String {
        let prefix = self.lang_prefix(lang);
        if let Data::Page(page) = &item.data {
            if page.kind == PageKind::Home {
                return format!("{prefix}/");
            }
            let slug = page.slug.as_deref().unwrap_or(&item.id);
            return join(&[&prefix, self.segment(Kind::Page, lang), slug]);
        }
        join(&[&prefix, self.segment(item.kind, lang), &item.id])
    }

    /// Whether readers of `lang` get a stand-in for `item`: a page in their language's
    /// tree, with their interface around the original. Originals without a translation
    /// into `lang` get one when the language lists untranslated items; home pages never
    /// do (the language gets its own root page).
    pub fn has_stand_in(&self, item: &Item, lang: &str) -> bool {
        let home = matches!(&item.data, Data::Page(p) if p.kind == PageKind::Home);
        item.lang == self.config.default_lang
            && lang != item.lang
            && !home
            && self
                .config
                .language(lang)
                .is_some_and(|l| l.list_untranslated)
            && self.get_exact(item.kind, &item.id, lang).is_none()
    }

    /// The languages whose readers get a stand-in for `item`.
    pub fn stand_in_langs<'a>(&'a self, item: &'a Item) -> impl Iterator<Item = &'a str> + 'a {
        self.config
            .languages
            .iter()
            .map(|l| l.code.as_str())
            .filter(move |code| self.has_stand_in(item, code))
    }

    /// The URL a reader of `lang` follows to `item`: its stand-in in their tree when it
    /// has one, its own URL otherwise.
    pub fn url_in(&self, item: &Item, lang: &str) -> String {
        if self.has_stand_in(item, lang) {
            self.url_in_tree(item, lang)
        } else {
            self.url(item)
        }
    }

    /// URL of the list page of a type in a language (`/leistungen/`); `None` for pages.
    /// A type whose every item is hidden from this audience has no list.
    pub fn list_url(&self, kind: Kind, lang: &str) -> Option<String> {
        let segment = self.segment(kind, lang);
        // A type with no item this build shows has no list page (and no menu entry).
        let none_shown = !self.ranges.contains_key(&kind);
        (kind != Kind::Page && !segment.is_empty() && !none_shown)
            .then(|| join(&[&self.lang_prefix(lang), segment]))
    }

    /// The URL a reader of `lang` is sent to for an item: its translation when it
    /// exists, the original's stand-in or the original otherwise.
    pub fn url_for(&self, kind: Kind, id: &str, lang: &str) -> Option<String> {
        self.get(kind, id, lang).map(|i| self.url_in(i, lang))
    }

    /// The home page in a language, falling back to the default language.
    pub fn home(&self, lang: &str) -> Option<&Item> {
        let is_home = |i: &&Item| matches!(&i.data, Data::Page(p) if p.kind == PageKind::Home);
        self.items
            .iter()
            .filter(|i| i.kind == Kind::Page)
            .filter(is_home)
            .find(|i| i.lang == lang)
            .or_else(|| {
                self.items
                    .iter()
                    .filter(|i| i.kind == Kind::Page && i.lang == self.config.default_lang)
                    .find(is_home)
            })
    }
}

/// Site order: by type, `order`, id, then the default language before translations.
fn order_key<'a>(i: &'a Item, default_lang: &str) -> (Kind, i64, &'a str, bool, &'a str) {
    (i.kind, i.meta.order, &i.id, i.lang != default_lang, &i.lang)
}

/// Joins URL segments into `/a/b/`, skipping empty ones.
fn join(parts: &[&str]) -> String {
    let mut url = String::from("/");
    for part in parts
        .iter()
        .map(|p| p.trim_matches('/'))
        .filter(|p| !p.is_empty())
    {
        url.push_str(part);
        url.push('/');
    }
    url
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn joins_without_double_slashes() {
        assert_eq!(
            join(&["", "leistungen", "telefonservice"]),
            "/leistungen/telefonservice/"
        );
        assert_eq!(join(&["/en", "", "faq"]), "/en/faq/");
        assert_eq!(join(&[""]), "/");
    }
}
