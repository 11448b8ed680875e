//! The skill page: levels with their evidence, and what needs the skill.

use serde::Serialize;

use crate::content::types::Skill;
use crate::content::{Data, Item};
use crate::kind::Kind;
use crate::model::Site;

use super::service::SkillLevel;
use super::{Link, link, serde_name};

#[derive(Debug, Serialize)]
struct LevelRow {
    level: String,
    description: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct SkillView {
    group: String,
    scale: String,
    levels: Vec<LevelRow>,
    evidence: Vec<String>,
    verification: Option<String>,
    legal_note: Option<String>,
    training: Vec<Link>,
    needed_for: Vec<SkillLevel>,
}

pub(super) fn skill_view(site: &Site, item: &Item, s: &Skill) -> SkillView {
    let lang = item.lang.as_str();
    let levels = site
        .config
        .skill_scales
        .get(&s.scale)
        .cloned()
        .unwrap_or_default();
    let needed_for = site
        .services_needing(&item.id)
        .filter_map(|svc| {
            let Data::Service(data) = &svc.data else {
                return None;
            };
            let req = data.skills.iter().find(|r| r.id == item.id)?;
            let l = link(site, Kind::Service, &svc.id, lang)?;
            Some(SkillLevel {
                title: l.title,
                url: l.url,
                lang: l.lang,
                level: site.config.skill_label(&req.level, lang).to_owned(),
            })
        })
        .collect();
    let training = s
        .training
        .iter()
        .filter_map(|t| {
            let (guide, step) = t
                .split_once('#')
                .map_or((t.as_str(), None), |(g, s)| (g, Some(s)));
            let mut l = link(site, Kind::Guide, guide, lang)?;
            if let Some(step) = step {
                if let Some(Data::Guide(g)) = site.get(Kind::Guide, guide, lang).map(|i| &i.data)
                    && let Some(st) = g.steps.iter().find(|x| x.id == step)
                {
                    l.title = format!("{} – {}", l.title, st.title);
                }
                if !l.url.is_empty() {
                    l.url = format!("{}#{step}", l.url);
                }
            }
            Some(l)
        })
        .collect();
    SkillView {
        group: serde_name(&s.group),
        scale: site.config.skill_label(&s.scale, lang).to_owned(),
        levels: levels
            .into_iter()
            .map(|level| LevelRow {
                description: s
                    .level_descriptions
                    .iter()
                    .find(|(l, _)| *l == level)
                    .map(|(_, d)| d.clone()),
                level: site.config.skill_label(&level, lang).to_owned(),
            })
            .collect(),
        evidence: s.evidence.clone(),
        verification: s.verification.as_ref().map(serde_name),
        legal_note: s.legal_note.clone(),
        training,
        needed_for,
    }
}
