//! The skill matrix: skills against roles.

use serde::Serialize;

use crate::content::{Data, Item};
use crate::kind::Kind;
use crate::model::Site;

use super::PageEnv;
use super::{Layout, Link, alternates_by, layout, serde_name, ui_str};

#[derive(Debug, Serialize)]
struct MatrixColumnGroup {
    title: String,
    span: usize,
}

#[derive(Debug, Serialize)]
struct MatrixRow {
    service: Link,
    cells: Vec<Option<String>>,
}

#[derive(Debug, Serialize)]
struct MatrixRowGroup {
    title: String,
    rows: Vec<MatrixRow>,
}

/// The context of the skill matrix: services × skills, cell = minimum level.
#[derive(Debug, Serialize)]
pub(in crate::render) struct MatrixPage<'a> {
    layout: Layout<'a>,
    kind: &'static str,
    title: String,
    url: String,
    column_groups: Vec<MatrixColumnGroup>,
    skills: Vec<Link>,
    row_groups: Vec<MatrixRowGroup>,
}

pub(in crate::render) fn matrix_page<'a>(
    site: &'a Site,
    lang: &'a str,
    env: &'a PageEnv,
) -> MatrixPage<'a> {
    let ui = &env.ui;
    let mut skills: Vec<&Item> = site.listed(Kind::Skill, lang);
    skills.sort_by_key(|i| match &i.data {
        Data::Skill(s) => s.group,
        _ => crate::content::raw::SkillGroup::Sprache,
    });
    let mut column_groups: Vec<MatrixColumnGroup> = Vec::new();
    for skill in &skills {
        let Data::Skill(s) = &skill.data else {
            continue;
        };
        let title = ui_str(ui, &format!("group_{}", serde_name(&s.group)));
        match column_groups.last_mut() {
            Some(g) if g.title == title => g.span += 1,
            _ => column_groups.push(MatrixColumnGroup { title, span: 1 }),
        }
    }
    let services = site.listed(Kind::Service, lang);
    let row_groups = site
        .config
        .categories
        .iter()
        .map(|c| MatrixRowGroup {
            title: c.title.get(lang, &site.config.default_lang).to_owned(),
            rows: services
                .iter()
                .filter_map(|svc| match &svc.data {
                    Data::Service(s) if s.category == c.id => Some(MatrixRow {
                        service: Link {
                            title: svc.title.clone(),
                            url: site.url_in(svc, lang),
                            lang: (svc.lang != lang).then(|| svc.lang.clone()),
                        },
                        cells: skills
                            .iter()
                            .map(|sk| {
                                s.skills
                                    .iter()
                                    .find(|r| r.id == sk.id)
                                    .map(|r| site.config.skill_label(&r.level, lang).to_owned())
                            })
                            .collect(),
                    }),
                    _ => None,
                })
                .collect(),
        })
        .filter(|g| !g.rows.is_empty())
        .collect();
    let alternates = alternates_by(site, lang, |l| site.matrix_url(l));
    MatrixPage {
        layout: layout(site, lang, env, alternates),
        kind: "matrix",
        title: ui_str(ui, "matrix_title"),
        url: site.matrix_url(lang).unwrap_or_default(),
        column_groups,
        skills: skills
            .iter()
            .map(|i| Link {
                title: i.title.clone(),
                url: site.url_in(i, lang),
                lang: (i.lang != lang).then(|| i.lang.clone()),
            })
            .collect(),
        row_groups,
    }
}
