//! A guide's print bundle: the guide with its checklists and briefings as appendices.

use serde::Serialize;

use crate::content::types::Guide;
use crate::content::{Data, Item};
use crate::kind::Kind;
use crate::model::Site;

use super::PageEnv;
use super::briefing::{BriefingView, briefing_view};
use super::checklist::{ChecklistView, checklist_view};
use super::guide::{GuideView, guide_view};
use super::{Layout, alternates_by, format_date, layout, restricted};
use crate::rendered::Bodies;

/// A checklist or briefing template in the appendix of a print bundle, with the
/// view of its own page.
#[derive(Debug, Serialize)]
struct Appendix<V> {
    #[serde(skip)]
    id: String,
    /// Anchor in the bundle.
    anchor: String,
    title: String,
    summary: Option<String>,
    url: String,
    view: V,
}

impl<V> Appendix<V> {
    fn of(site: &Site, item: &Item, view: V) -> Appendix<V> {
        Appendix {
            id: item.id.clone(),
            anchor: format!("print-{}-{}", item.kind.ref_name(), item.id),
            title: item.title.clone(),
            summary: item.summary.clone(),
            url: site.url(item),
            view,
        }
    }
}

/// The print bundle of an onboarding guide: its steps, then the checklists and
/// briefings its steps name, as one document.
#[derive(Debug, Serialize)]
pub(in crate::render) struct PrintPage<'a> {
    layout: Layout<'a>,
    kind: &'static str,
    id: &'a str,
    title: &'a str,
    summary: Option<&'a str>,
    url: String,
    /// The guide's page.
    guide_url: String,
    body: &'a str,
    owner: Option<&'a str>,
    updated: Option<String>,
    restricted: Option<String>,
    guide: GuideView<'a>,
    checklists: Vec<Appendix<ChecklistView>>,
    briefings: Vec<Appendix<BriefingView>>,
}

/// The context of a guide's print bundle.
pub(in crate::render) fn print_page<'a>(
    site: &'a Site,
    item: &'a Item,
    g: &'a Guide,
    bodies: &'a Bodies,
    env: &'a PageEnv,
) -> PrintPage<'a> {
    let lang = item.lang.as_str();
    let body = bodies.of(item).body.html.as_str();
    let mut checklists: Vec<Appendix<ChecklistView>> = Vec::new();
    let mut briefings: Vec<Appendix<BriefingView>> = Vec::new();
    for s in &g.steps {
        if let Some(i) = s
            .checklist
            .as_deref()
            .and_then(|id| site.get(Kind::Checklist, id, lang))
            && let Data::Checklist(c) = &i.data
            && !checklists.iter().any(|x| x.id == i.id)
        {
            checklists.push(Appendix::of(
                site,
                i,
                checklist_view(site, i, c, bodies.of(i)),
            ));
        }
        if let Some(i) = s
            .briefing
            .as_deref()
            .and_then(|id| site.get(Kind::Briefing, id, lang))
            && let Data::Briefing(b) = &i.data
            && !briefings.iter().any(|x| x.id == i.id)
        {
            briefings.push(Appendix::of(site, i, briefing_view(site, i, b)));
        }
    }
    let alternates = alternates_by(site, lang, |l| {
        site.get_exact(Kind::Guide, &item.id, l)
            .map(|i| site.print_url(i))
    });
    PrintPage {
        layout: layout(site, lang, env, alternates),
        kind: "print",
        id: &item.id,
        title: &item.title,
        summary: item.summary.as_deref(),
        url: site.print_url(item),
        guide_url: site.url(item),
        body,
        owner: item.meta.owner.as_deref(),
        updated: item.meta.updated.map(|d| format_date(d, lang)),
        restricted: restricted(site, item),
        guide: guide_view(site, item, g, bodies.of(item), env),
        checklists,
        briefings,
    }
}
