//! The search index: records from every page, analysed per language, written as
//! sharded, front-coded, pre-gzipped files that the browser client fetches piecemeal.
//! The format is the contract in `themes/default/SEARCH.md`. Pure: returns files.

pub mod analyze;
pub mod fields;
pub mod read;
mod terms;
mod varint;
mod words;
mod write;

use std::collections::BTreeMap;

use crate::content::{Data, Item};
use crate::kind::Kind;
use crate::markdown::{Breaks, plain_text};
use crate::model::Site;
use crate::rendered::{Bodies, Field, RenderedItem};
use rayon::prelude::*;

pub use read::decode_shard;
pub use terms::Analysed;
pub use write::{IndexFiles, build_index, build_index_each, manifest_path};

/// Field bits of a posting.
pub const TITLE: u8 = 1;
/// Tags, skills, typed fields and headings.
pub const META: u8 = 2;
/// Body text.
pub const BODY: u8 = 4;

/// One page as the index sees it. Once analysed ([`records`]), a record keeps `body`
/// only as far as its excerpt reaches, and `meta` and `headings` are empty.
#[derive(Debug, Clone, Hash)]
pub struct Record {
    /// Site URL.
    pub url: String,
    /// Title.
    pub title: String,
    /// Content type name.
    pub kind: &'static str,
    /// Category (services) or empty.
    pub category: String,
    /// The category's title in the page's language, or empty.
    pub category_label: String,
    /// "Leistungen › Büro & Sekretariat".
    pub breadcrumb: String,
    /// Summary, at most 160 characters.
    pub description: String,
    /// Front-matter texts: tags, tasks, skill names, item texts, field labels …
    pub meta: Vec<String>,
    /// Headings of the body.
    pub headings: Vec<String>,
    /// Plain text of the body and of rendered fields.
    pub body: String,
    /// Section anchors and titles.
    pub sections: Vec<(String, String)>,
}

/// The records of one language, in doc-id order (type, then URL), analysed as they
/// are made: no page's whole text outlives its analysis.
pub fn records(
    site: &Site,
    bodies: &Bodies,
    lang: &str,
    ui_types: &(dyn Fn(Kind) -> String + Sync),
) -> Analysed {
    let workers = terms::Workers::new(lang);
    // Doc-id order, by type, then URL: known before the records are made, so that each
    // group of pages packs its excerpt bundle as soon as it is analysed.
    let mut items = site.listed_exact(lang);
    items.sort_by_cached_key(|item| (type_rank(item.kind.ref_name()), site.url(item)));
    let groups: Vec<(Vec<terms::Page>, Vec<u8>)> = items
        .par_chunks(write::EXCERPT_SIZE)
        .map_init(
            || terms::Lease::new(&workers),
            |lease, group| {
                let mut pages: Vec<terms::Page> = group
                    .iter()
                    .map(|item| {
                        let r = record(site, item, bodies.get(item), ui_types);
                        terms::analyse(lease, lang, r)
                    })
                    .collect();
                let bundle = write::excerpt_bundle(pages.iter_mut().map(|p| &mut p.0));
                (pages, bundle)
            },
        )
        .collect();
    let (pages, excerpts): (Vec<Vec<terms::Page>>, Vec<Vec<u8>>) = groups.into_iter().unzip();
    let pages = pages.into_iter().flatten().collect();
    Analysed::new(lang, pages, excerpts, workers.into_inner())
}

fn type_rank(kind: &str) -> usize {
    Kind::ALL
        .iter()
        .position(|k| k.ref_name() == kind)
        .unwrap_or(usize::MAX)
}

fn record(
    site: &Site,
    item: &Item,
    rendered: Option<&RenderedItem>,
    ui_types: &(dyn Fn(Kind) -> String + Sync),
) -> Record {
    let (mut meta, extra_body) = fields::texts(item);
    let mut category = String::new();
    match &item.data {
        Data::Service(s) => {
            category.clone_from(&s.category);
            meta.extend(
                s.skills
                    .iter()
                    .filter_map(|r| site.get(Kind::Skill, &r.id, &item.lang))
                    .map(|i| i.title.clone()),
            );
            if let Some(c) = site.config.category(&s.category) {
                meta.push(
                    c.title
                        .get(&item.lang, &site.config.default_lang)
                        .to_owned(),
                );
            }
        }
        // Item texts are Markdown: their rendered form, without the audience blocks
        // this build cuts (the body below holds the rendered fragments).
        Data::Checklist(c) => meta.extend(c.items.iter().map(|i| {
            rendered
                .and_then(|r| r.field(&Field::ItemText(i.id.clone())))
                .map_or_else(|| i.text.clone(), |html| plain_text(html, Breaks::Blocks))
        })),
        _ => {}
    }
    let (html, toc) = rendered.map_or(("", &[][..]), |r| (r.body.html.as_str(), &r.body.toc[..]));
    let mut body = plain_text(html, Breaks::Blocks);
    // In key order, so that the index is the same on every build.
    for field in rendered
        .map(RenderedItem::fields_in_order)
        .unwrap_or_default()
    {
        body.push(' ');
        body.push_str(&plain_text(field, Breaks::Blocks));
    }
    for text in extra_body {
        body.push(' ');
        body.push_str(&text);
    }
    let description: String = item
        .summary
        .as_deref()
        .unwrap_or_default()
        .chars()
        .take(160)
        .collect();
    let list = ui_types(item.kind);
    Record {
        url: site.url(item),
        title: item.title.clone(),
        kind: item.kind.ref_name(),
        category_label: site
            .config
            .category(&category)
            .map(|c| {
                c.title
                    .get(&item.lang, &site.config.default_lang)
                    .to_owned()
            })
            .unwrap_or_default(),
        category,
        breadcrumb: list,
        description,
        meta,
        headings: toc.iter().map(|h| h.title.clone()).collect(),
        body,
        sections: toc
            .iter()
            .filter(|h| h.level <= 3)
            .map(|h| (h.id.clone(), h.title.clone()))
            .collect(),
    }
}

/// Per-language synonym groups from `site.toml`, lower-cased.
pub fn synonyms(site: &Site) -> Vec<Vec<String>> {
    site.config
        .search
        .synonyms
        .iter()
        .map(|g| g.iter().map(|s| s.to_lowercase()).collect())
        .collect()
}

/// Doc-id ranges per type of a record list.
pub fn type_ranges(records: &[Record]) -> BTreeMap<&'static str, [usize; 2]> {
    let mut ranges: BTreeMap<&'static str, [usize; 2]> = BTreeMap::new();
    for (i, r) in records.iter().enumerate() {
        ranges
            .entry(r.kind)
            .and_modify(|e| e[1] = i + 1)
            .or_insert([i, i + 1]);
    }
    ranges
}
