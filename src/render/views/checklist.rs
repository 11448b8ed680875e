//! The checklist page: items by section, with their storage key for ticks.

use serde::Serialize;

use crate::content::Item;
use crate::content::types::Checklist;
use crate::model::Site;

use super::{checklist_key, serde_name, site_key};
use crate::rendered::{Field, RenderedItem};

#[derive(Debug, Serialize)]
struct ChecklistRow {
    id: String,
    text: String,
    required: bool,
    spec: Option<String>,
    note: Option<String>,
    link: Option<String>,
}

#[derive(Debug, Serialize)]
struct ChecklistSection {
    title: Option<String>,
    items: Vec<ChecklistRow>,
}

#[derive(Debug, Serialize)]
pub(super) struct ChecklistView {
    checklist_kind: String,
    audience: String,
    version: u32,
    estimated_minutes: Option<u32>,
    print_signature: bool,
    required_count: usize,
    optional_count: usize,
    storage_key: String,
    storage_prefix: String,
    sections: Vec<ChecklistSection>,
}

pub(super) fn checklist_view(
    site: &Site,
    item: &Item,
    c: &Checklist,
    rendered: &RenderedItem,
) -> ChecklistView {
    let mut sections: Vec<ChecklistSection> = Vec::new();
    for entry in &c.items {
        let row = ChecklistRow {
            id: entry.id.clone(),
            text: rendered
                .field(&Field::ItemText(entry.id.clone()))
                .map_or_else(|| crate::util::escape_html(&entry.text), str::to_owned),
            required: entry.required,
            spec: entry.spec.clone(),
            note: entry.note.as_ref().map(|n| {
                rendered
                    .field(&Field::ItemNote(entry.id.clone()))
                    .map_or_else(|| crate::util::escape_html(n), str::to_owned)
            }),
            link: entry.link.as_deref().and_then(|l| {
                l.strip_prefix('@').map_or_else(
                    || Some(l.to_owned()),
                    |t| site.resolve(t, &item.lang).ok().flatten(),
                )
            }),
        };
        match sections.iter_mut().find(|s| s.title == entry.section) {
            Some(s) => s.items.push(row),
            None => sections.push(ChecklistSection {
                title: entry.section.clone(),
                items: vec![row],
            }),
        }
    }
    let key = checklist_key(site, &item.id, c.version);
    ChecklistView {
        checklist_kind: serde_name(&c.kind),
        audience: serde_name(&c.audience),
        version: c.version,
        estimated_minutes: c.estimated_minutes,
        print_signature: c.print_signature,
        required_count: c.items.iter().filter(|i| i.required).count(),
        optional_count: c.items.iter().filter(|i| !i.required).count(),
        storage_prefix: format!("vpagen:{}:{}:v", site_key(site), item.id),
        storage_key: key,
        sections,
    }
}
