//! The onboarding guide: steps by day, with their links, and the neighbours in a series.

use std::collections::HashMap;

use serde::Serialize;

use crate::content::types::{Checklist, Guide};
use crate::content::{Data, Item};
use crate::kind::Kind;
use crate::model::Site;

use super::PageEnv;
use super::{Link, checklist_key, link, serde_name, site_key};
use crate::rendered::{Field, RenderedItem};

#[derive(Debug, Serialize)]
struct StepRow<'a> {
    id: &'a str,
    title: &'a str,
    body: Option<String>,
    checklist: Option<Link>,
    page: Option<Link>,
    briefing: Option<Link>,
    skill: Option<Link>,
    done_when: Option<&'a str>,
    required: bool,
    quiz: &'a [crate::content::types::Quiz],
    /// Storage key and required item ids of the step's checklist.
    checklist_key: Option<String>,
    checklist_required: Option<String>,
}

#[derive(Debug, Serialize)]
struct DayGroup<'a> {
    day: Option<u32>,
    steps: Vec<StepRow<'a>>,
}

#[derive(Debug, Serialize)]
pub(super) struct GuideView<'a> {
    audience: String,
    roles: Vec<String>,
    duration_days: Option<u32>,
    step_count: usize,
    quiz_count: usize,
    days: Vec<DayGroup<'a>>,
    storage_key: String,
    prev: Option<Link>,
    next: Option<Link>,
    /// The guide's print bundle.
    print_url: String,
}

pub(super) fn guide_view<'a>(
    site: &Site,
    item: &Item,
    g: &'a Guide,
    rendered: &RenderedItem,
    env: &PageEnv,
) -> GuideView<'a> {
    let lang = item.lang.as_str();
    let config = &site.config;
    let mut days: Vec<DayGroup<'a>> = Vec::new();
    for s in &g.steps {
        let row = StepRow {
            id: &s.id,
            title: &s.title,
            body: s.body.as_ref().map(|b| {
                rendered
                    .field(&Field::StepBody(s.id.clone()))
                    .map_or_else(|| crate::util::escape_html(b), str::to_owned)
            }),
            checklist: s
                .checklist
                .as_deref()
                .and_then(|id| link(site, Kind::Checklist, id, lang)),
            page: s
                .page
                .as_deref()
                .and_then(|id| link(site, Kind::Page, id, lang)),
            briefing: s
                .briefing
                .as_deref()
                .and_then(|id| link(site, Kind::Briefing, id, lang)),
            skill: s
                .skill
                .as_deref()
                .and_then(|id| link(site, Kind::Skill, id, lang)),
            done_when: s.done_when.as_deref(),
            required: s.required,
            quiz: &s.quiz,
            checklist_key: checklist_of(site, s.checklist.as_deref())
                .map(|(id, c)| checklist_key(site, id, c.version)),
            checklist_required: checklist_of(site, s.checklist.as_deref()).map(|(_, c)| {
                c.items
                    .iter()
                    .filter(|i| i.required)
                    .map(|i| i.id.as_str())
                    .collect::<Vec<_>>()
                    .join(",")
            }),
        };
        match days.last_mut() {
            Some(d) if d.day == s.day => d.steps.push(row),
            _ => days.push(DayGroup {
                day: s.day,
                steps: vec![row],
            }),
        }
    }
    GuideView {
        audience: serde_name(&g.audience),
        roles: g
            .roles
            .iter()
            .filter_map(|r| config.role(r))
            .map(|r| r.title.get(lang, &config.default_lang).to_owned())
            .collect(),
        duration_days: g.duration_days,
        step_count: g.steps.iter().filter(|s| s.required).count(),
        quiz_count: g.steps.iter().map(|s| s.quiz.len()).sum(),
        days,
        storage_key: format!("vpagen:{}:guide:{}", site_key(site), item.id),
        print_url: site.print_url(item),
        prev: neighbour(site, item, env, |n| n.0.as_deref()),
        next: neighbour(site, item, env, |n| n.1.as_deref()),
    }
}

fn checklist_of<'s>(site: &'s Site, id: Option<&'s str>) -> Option<(&'s str, &'s Checklist)> {
    let id = id?;
    match &site.original(Kind::Checklist, id)?.data {
        Data::Checklist(c) => Some((id, c)),
        _ => None,
    }
}

/// The guide before or after this one in its path, as `pick` chooses from
/// [`guide_neighbours`].
fn neighbour(
    site: &Site,
    item: &Item,
    env: &PageEnv,
    pick: impl Fn(&(Option<String>, Option<String>)) -> Option<&str>,
) -> Option<Link> {
    let id = pick(env.guide_neighbours.get(&item.id)?)?;
    let i = site.get(Kind::Guide, id, &item.lang)?;
    Some(Link {
        title: i.title.clone(),
        url: site.url(i),
        lang: (i.lang != item.lang).then(|| i.lang.clone()),
    })
}

/// Per guide of a language: the ids of the guides before and after it in its path
/// (guides of the same audience, in site order). Computed once per language.
pub(in crate::render) fn guide_neighbours(
    site: &Site,
    lang: &str,
) -> HashMap<String, (Option<String>, Option<String>)> {
    // One path per audience; a site has few.
    let mut paths: Vec<(_, Vec<&str>)> = Vec::new();
    for i in site.listed(Kind::Guide, lang) {
        if let Data::Guide(g) = &i.data {
            match paths.iter_mut().find(|(a, _)| *a == &g.audience) {
                Some((_, path)) => path.push(&i.id),
                None => paths.push((&g.audience, vec![&i.id])),
            }
        }
    }
    let mut out = HashMap::new();
    for (_, path) in &paths {
        for (at, id) in path.iter().enumerate() {
            let prev = at.checked_sub(1).map(|p| path[p].to_owned());
            let next = path.get(at + 1).map(|&n| n.to_owned());
            out.insert((*id).to_owned(), (prev, next));
        }
    }
    out
}
