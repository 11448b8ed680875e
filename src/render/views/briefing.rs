//! The briefing page: the form's fields by section.

use serde::Serialize;

use crate::content::types::Briefing;
use crate::content::{Data, Item};
use crate::kind::Kind;
use crate::model::Site;

use super::{Link, links, serde_name, site_key};

#[derive(Debug, Serialize)]
struct FieldRow {
    id: String,
    label: String,
    kind: String,
    required: bool,
    help: Option<String>,
    placeholder: Option<String>,
    options: Vec<String>,
    default: Option<String>,
}

#[derive(Debug, Serialize)]
struct FieldSection {
    title: Option<String>,
    fields: Vec<FieldRow>,
}

#[derive(Debug, Serialize)]
pub(super) struct BriefingView {
    for_services: Vec<Link>,
    sections: Vec<FieldSection>,
    outputs: Vec<String>,
    mail_to: String,
    storage_key: String,
    template_url: String,
}

pub(super) fn briefing_view(site: &Site, item: &Item, b: &Briefing) -> BriefingView {
    let lang = item.lang.as_str();
    let areas = briefing_areas(site, lang);
    let mut sections: Vec<FieldSection> = Vec::new();
    for f in &b.fields {
        let row = FieldRow {
            id: f.id.clone(),
            label: f.label.clone(),
            kind: serde_name(&f.kind),
            required: f.required,
            help: f.help.clone(),
            placeholder: f.placeholder.clone(),
            options: if f.standard && f.id == "arbeitsbereich" {
                areas.clone()
            } else {
                f.options.clone()
            },
            default: if f.standard && f.id == "arbeitsbereich" {
                b.default_area
                    .as_ref()
                    .and_then(|a| area_label(site, a, lang))
            } else {
                f.default.clone()
            },
        };
        match sections.iter_mut().find(|s| s.title == f.section) {
            Some(s) => s.fields.push(row),
            None => sections.push(FieldSection {
                title: f.section.clone(),
                fields: vec![row],
            }),
        }
    }
    BriefingView {
        for_services: links(site, Kind::Service, &b.for_services, lang),
        sections,
        outputs: b.outputs.iter().map(serde_name).collect(),
        mail_to: site.config.agency.email.clone(),
        storage_key: format!("vpagen:{}:briefing:{}", site_key(site), item.id),
        template_url: crate::render::data::briefing_template_url(site, item),
    }
}

/// Labels of the work areas a briefing can choose from: those of the default rate
/// tables valid today, in table order.
fn briefing_areas(site: &Site, lang: &str) -> Vec<String> {
    let mut labels = Vec::new();
    for rate in site.listed(Kind::Rate, lang) {
        if let Data::Rate(r) = &rate.data
            && !r.applies_to.is_empty()
            && r.valid_on(site.build_date)
        {
            for a in &r.areas {
                if !labels.contains(&a.label) {
                    labels.push(a.label.clone());
                }
            }
        }
    }
    labels
}

pub(super) fn area_label(site: &Site, id: &str, lang: &str) -> Option<String> {
    site.listed(Kind::Rate, lang)
        .into_iter()
        .find_map(|i| match &i.data {
            Data::Rate(r) => r.areas.iter().find(|a| a.id == id).map(|a| a.label.clone()),
            _ => None,
        })
}
