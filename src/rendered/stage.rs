//! The Markdown stage: every item's body and Markdown fields rendered, with internal
//! links resolved through the site and problems placed in their files.

use crate::content::{Data, Item, Loaded};
use crate::diag::{Diagnostic, Diagnostics, Sources};
use crate::markdown::{self, Highlighter};
use crate::model::Site;
use crate::toml_doc::Seg;

use super::{Field, RenderedItem};

/// The audiences `> [!ID]` blocks may name, titled in `lang`, and which this build
/// shows.
fn block_audiences(site: &Site, lang: &str) -> Vec<markdown::BlockAudience> {
    let config = &site.config;
    config
        .audiences
        .iter()
        .enumerate()
        .map(|(rank, a)| markdown::BlockAudience {
            id: a.id.clone(),
            label: a.restricted_label(lang, &config.default_lang),
            shown: rank <= site.audience,
        })
        .collect()
}

/// Renders an item's body and its Markdown fields; problems become diagnostics.
pub fn render_item(
    site: &Site,
    item: &Item,
    highlighter: &Highlighter,
    loaded: &Loaded,
    sources: &Sources,
    diags: &mut Diagnostics,
) -> RenderedItem {
    let resolve =
        |target: markdown::Target<'_>| site.resolve_link(target, &item.lang, item.kind.folder());
    let reserved = reserved_ids(item);
    let audiences = block_audiences(site, &item.lang);
    let cx = markdown::Context {
        lang: &item.lang,
        highlighter,
        resolve: &resolve,
        audiences: &audiences,
        reserved: &reserved,
        raw_html: site.config.markdown.raw_html,
    };
    let body = markdown::render(item.body.text(sources), &cx);
    for p in &body.problems {
        let span = item.body.offset + p.range.start..item.body.offset + p.range.end;
        diags.push(problem(p, item.body.file, span));
    }
    let mut rendered = RenderedItem {
        body,
        ..RenderedItem::default()
    };
    for (field, text, path) in markdown_fields(&item.data) {
        let r = markdown::render_inline(text, &cx);
        if !r.problems.is_empty() {
            let mut doc = loaded.doc(sources, item.file);
            if !doc.has(&path) {
                doc = loaded.doc(sources, item.base_file);
            }
            let span = doc.span(&path, crate::toml_doc::Target::Value);
            for p in &r.problems {
                diags.push(problem(p, doc.file, span.clone()));
            }
        }
        rendered.fields.insert(field, r.html);
    }
    rendered
}

/// The Markdown field at `list[index].key` of an item's front matter
/// (`steps`, 2, `body`), if that is one.
pub fn field_at(data: &Data, list: &str, index: usize, key: &str) -> Option<Field> {
    markdown_fields(data)
        .into_iter()
        .find(|(_, _, path)| path == &[Seg::Key(list), Seg::Index(index), Seg::Key(key)])
        .map(|(field, ..)| field)
}

/// The Markdown fields of an item's front matter: field, text and key path.
fn markdown_fields(data: &Data) -> Vec<(Field, &str, [Seg<'static>; 3])> {
    let at = |list, i, key| [Seg::Key(list), Seg::Index(i), Seg::Key(key)];
    let mut fields = Vec::new();
    match data {
        Data::Checklist(c) => {
            for (i, entry) in c.items.iter().enumerate() {
                let text = (Field::ItemText(entry.id.clone()), entry.text.as_str());
                fields.push((text.0, text.1, at("items", i, "text")));
                if let Some(note) = &entry.note {
                    fields.push((
                        Field::ItemNote(entry.id.clone()),
                        note,
                        at("items", i, "note"),
                    ));
                }
            }
        }
        Data::Guide(g) => {
            for (i, step) in g.steps.iter().enumerate() {
                if let Some(text) = &step.body {
                    fields.push((
                        Field::StepBody(step.id.clone()),
                        text,
                        at("steps", i, "body"),
                    ));
                }
            }
        }
        _ => {}
    }
    fields
}

/// Ids a page of this item uses besides its headings: list entries that are link
/// targets, and the section ids of the default theme's templates.
fn reserved_ids(item: &Item) -> Vec<String> {
    const TEMPLATE_IDS: &[&str] = &[
        "main",
        "toc-title",
        "tasks",
        "excluded",
        "deliverables",
        "prerequisites",
        "price",
        "skills",
        "equipment",
        "briefings",
        "related",
        "levels",
        "evidence",
        "needed-for",
        "training",
        "conditions",
        "areas",
        "packages",
        "surcharges",
        "units",
        "examples",
        "calculator",
        "calc-minutes",
        "calc-area",
        "calc-package",
        "briefing-output",
        "impressum-angaben",
        "filter-text",
        "filter-category",
    ];
    let mut ids: Vec<String> = TEMPLATE_IDS.iter().map(|s| (*s).to_owned()).collect();
    match &item.data {
        crate::content::Data::Checklist(c) => ids.extend(c.items.iter().map(|i| i.id.clone())),
        crate::content::Data::Guide(g) => ids.extend(g.steps.iter().map(|s| s.id.clone())),
        crate::content::Data::Briefing(b) => {
            for f in &b.fields {
                ids.extend([f.id.clone(), format!("f-{}", f.id), format!("h-{}", f.id)]);
            }
        }
        _ => {}
    }
    ids
}

fn problem(
    p: &markdown::Problem,
    file: crate::diag::FileId,
    span: std::ops::Range<usize>,
) -> Diagnostic {
    let d = if p.is_error {
        Diagnostic::error(p.message.clone()).code("C1")
    } else {
        Diagnostic::warning(p.message.clone())
    };
    d.at(file, span)
        .label(p.label.clone())
        .maybe_help(p.help.clone())
}
