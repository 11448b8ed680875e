//! A role's onboarding page: its guides, skills and checklists.

use serde::Serialize;

use crate::content::{Data, Item};
use crate::kind::Kind;
use crate::model::Site;

use super::PageEnv;
use super::list::Card;
use super::{Layout, alternates_by, layout, ui_str};

/// The context of a role page: every guide and checklist for the role.
#[derive(Debug, Serialize)]
pub(in crate::render) struct RolePage<'a> {
    layout: Layout<'a>,
    kind: &'static str,
    title: String,
    url: String,
    guides: Vec<Card>,
    checklists: Vec<Card>,
}

pub(in crate::render) fn role_page<'a>(
    site: &'a Site,
    role: &'a crate::config::Role,
    lang: &'a str,
    env: &'a PageEnv,
) -> RolePage<'a> {
    let ui = &env.ui;
    let card = |i: &Item| Card {
        title: i.title.clone(),
        url: site.url_in(i, lang),
        summary: i.summary.clone(),
        price_from: None,
        badge: None,
        translated: i.lang == lang,
        lang: (i.lang != lang).then(|| i.lang.clone()),
        category: None,
        search: String::new(),
        languages: Vec::new(),
    };
    let for_role = |roles: &[String]| roles.is_empty() || roles.contains(&role.id);
    let guides: Vec<&Item> = site
        .listed(Kind::Guide, lang)
        .into_iter()
        .filter(|i| matches!(&i.data, Data::Guide(g) if for_role(&g.roles)))
        .collect();
    // Checklists of the role itself and those its guides use.
    let mut checklist_ids: Vec<String> = guides
        .iter()
        .filter_map(|g| {
            if let Data::Guide(g) = &g.data {
                Some(g)
            } else {
                None
            }
        })
        .flat_map(|g| g.steps.iter().filter_map(|s| s.checklist.clone()))
        .collect();
    for c in site.originals(Kind::Checklist) {
        if let Data::Checklist(cl) = &c.data
            && cl.roles.contains(&role.id)
            && !checklist_ids.contains(&c.id)
        {
            checklist_ids.push(c.id.clone());
        }
    }
    let alternates = alternates_by(site, lang, |l| site.role_url(&role.id, l));
    RolePage {
        layout: layout(site, lang, env, alternates),
        kind: "role",
        title: format!(
            "{}: {}",
            ui_str(ui, "role"),
            role.title.get(lang, &site.config.default_lang)
        ),
        url: site.role_url(&role.id, lang).unwrap_or_default(),
        guides: guides.iter().map(|i| card(i)).collect(),
        checklists: checklist_ids
            .iter()
            .filter_map(|id| site.get(Kind::Checklist, id, lang))
            .map(card)
            .collect(),
    }
}
