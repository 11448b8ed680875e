//! The search index: records from every page, analysed per language, written as
//! sharded, front-coded, pre-gzipped files that the browser client fetches piecemeal.
//! The format is the contract in `themes/default/SEARCH.md`. Pure: returns files.

pub mod analyze;
pub mod fields;
pub mod read;
mod write;

use std::collections::BTreeMap;

use crate::content::{Data, Item, Kind};
use crate::markdown::Rendered;
use crate::model::Site;
use rayon::prelude::*;

pub use read::decode_shard;
pub use write::{IndexFiles, build_index, manifest_path};

/// Field bits of a posting.
pub const TITLE: u8 = 1;
/// Tags, skills, typed fields and headings.
pub const META: u8 = 2;
/// Body text.
pub const BODY: u8 = 4;

/// One page as the index sees it.
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

/// The records of one language, in doc-id order (type, then URL).
pub fn records(
    site: &Site,
    bodies: &crate::render::Bodies,
    lang: &str,
    ui_types: &(dyn Fn(Kind) -> String + Sync),
) -> Vec<Record> {
    let mut out: Vec<Record> = site
        .listed_exact(lang)
        .into_par_iter()
        .map(|item| {
            record(
                site,
                item,
                bodies.get(&(item.kind, item.id.clone(), item.lang.clone())),
                ui_types,
            )
        })
        .collect();
    out.sort_by(|a, b| (type_rank(a.kind), &a.url).cmp(&(type_rank(b.kind), &b.url)));
    out
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
    rendered: Option<&(Rendered, crate::render::Fragments)>,
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
                .and_then(|(_, f)| f.get(&format!("items.{}.text", i.id)))
                .map_or_else(|| i.text.clone(), |html| strip_tags(html))
        })),
        _ => {}
    }
    let (html, toc) = rendered.map_or(("", &[][..]), |(r, _)| (r.html.as_str(), &r.toc[..]));
    let mut body = strip_tags(html);
    if let Some((_, fragments)) = rendered {
        // In key order, so that the index is the same on every build.
        let mut keys: Vec<&String> = fragments.keys().collect();
        keys.sort();
        for key in keys {
            body.push(' ');
            body.push_str(&strip_tags(&fragments[key]));
        }
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

/// Plain text of HTML: tags dropped, entities of the renderer decoded, whitespace
/// collapsed. One pass, no copies: it runs over every page of every build.
pub fn strip_tags(html: &str) -> String {
    /// Elements that separate words; inline ones (em, a, code, span) do not.
    const BLOCKS: &[&str] = &[
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "td",
        "th",
        "tr",
        "br",
        "div",
        "pre",
        "blockquote",
        "aside",
        "dt",
        "dd",
        "ul",
        "ol",
        "table",
        "section",
    ];
    const ENTITIES: &[(&str, char)] = &[
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
    ];
    let mut text = String::with_capacity(html.len());
    // A space is written only before the next visible character.
    let mut space = false;
    let push = |text: &mut String, c: char, space: &mut bool| {
        if c.is_whitespace() {
            *space = true;
            return;
        }
        if *space && !text.is_empty() {
            text.push(' ');
        }
        *space = false;
        text.push(c);
    };
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        rest[..at]
            .chars()
            .for_each(|c| push(&mut text, c, &mut space));
        rest = &rest[at..];
        if rest.starts_with('<') {
            let Some(end) = rest.find('>') else {
                return text;
            };
            let name = rest[1..end].trim_start_matches('/');
            let name = &name[..name
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(name.len())];
            space |= BLOCKS.contains(&name);
            rest = &rest[end + 1..];
        } else if let Some((entity, c)) = ENTITIES.iter().find(|(e, _)| rest.starts_with(e)) {
            push(&mut text, *c, &mut space);
            rest = &rest[entity.len()..];
        } else {
            push(&mut text, '&', &mut space);
            rest = &rest[1..];
        }
    }
    rest.chars().for_each(|c| push(&mut text, c, &mut space));
    text
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

#[cfg(test)]
mod tests {
    use super::strip_tags;

    #[test]
    fn strip_tags_keeps_text_and_word_breaks() {
        assert_eq!(
            strip_tags(
                "<h2 id=\"a\">Preise&nbsp;</h2>\n<p>45&#39;&amp;&lt;b&gt; <em>pro</em>Std.</p><ul><li>A</li><li>B</li></ul>"
            ),
            "Preise&nbsp; 45'&<b> proStd. A B"
        );
        assert_eq!(strip_tags("  a <span class=\"hl\">b</span>c  "), "a bc");
        assert_eq!(strip_tags("&amp;lt; Ende <unclosed"), "&lt; Ende");
        assert_eq!(strip_tags(""), "");
    }
}
