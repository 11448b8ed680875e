//! List pages of a type, the fallback home of a language, and the 404 page.

use serde::Serialize;

use crate::content::{Data, Item};
use crate::kind::Kind;
use crate::model::Site;

use super::PageEnv;
use super::service::price_from_text;
use super::{Layout, Link, alternates_by, layout, ui_str};

#[derive(Debug, Serialize)]
pub(super) struct Card {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) summary: Option<String>,
    pub(super) price_from: Option<String>,
    pub(super) badge: Option<String>,
    pub(super) translated: bool,
    /// Language of the card's text when it differs from the page's.
    pub(super) lang: Option<String>,
    pub(super) category: Option<String>,
    /// Lower-case text the catalogue filter searches.
    pub(super) search: String,
    pub(super) languages: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Group {
    id: Option<String>,
    title: Option<String>,
    cards: Vec<Card>,
}

/// The context of a list page.
#[derive(Debug, Serialize)]
pub(in crate::render) struct ListPage<'a> {
    layout: Layout<'a>,
    kind: &'static str,
    title: String,
    url: String,
    groups: Vec<Group>,
    /// Further pages of the list (skill matrix, role pages).
    extra: Vec<Link>,
}

pub(in crate::render) fn list_page<'a>(
    site: &'a Site,
    kind: Kind,
    lang: &'a str,
    env: &'a PageEnv,
) -> ListPage<'a> {
    let ui = &env.ui;
    let alternates = alternates_by(site, lang, |l| site.list_url(kind, l));
    let items = site.listed(kind, lang);
    let groups = if kind == Kind::Service {
        site.config
            .categories
            .iter()
            .map(|c| Group {
                id: Some(c.id.clone()),
                title: Some(c.title.get(lang, &site.config.default_lang).to_owned()),
                cards: items
                    .iter()
                    .filter(|i| matches!(&i.data, Data::Service(s) if s.category == c.id))
                    .map(|i| card(site, i, lang, ui))
                    .collect(),
            })
            .filter(|g| !g.cards.is_empty())
            .collect()
    } else {
        vec![Group {
            id: None,
            title: None,
            cards: items.iter().map(|i| card(site, i, lang, ui)).collect(),
        }]
    };
    ListPage {
        layout: layout(site, lang, env, alternates),
        kind: kind.ref_name(),
        title: ui_str(ui, &format!("kind_plural_{}", kind.ref_name())),
        url: site.list_url(kind, lang).unwrap_or_default(),
        groups,
        extra: extra_links(site, kind, lang, ui),
    }
}

/// The card of an item on a list page in `lang`.
fn card(site: &Site, i: &Item, lang: &str, ui: &toml::Table) -> Card {
    let (price_from, badge) = match &i.data {
        Data::Service(s) => {
            let price = site
                .price_from(s)
                .map(|p| price_from_text(p, lang, ui, true));
            (price, s.personal_data.then(|| ui_str(ui, "badge_avv")))
        }
        _ => (None, None),
    };
    Card {
        title: i.title.clone(),
        url: site.url_in(i, lang),
        summary: i.summary.clone(),
        price_from,
        badge,
        translated: i.lang == lang,
        lang: (i.lang != lang).then(|| i.lang.clone()),
        category: if let Data::Service(s) = &i.data {
            Some(s.category.clone())
        } else {
            None
        },
        search: format!("{} {}", i.title, i.summary.as_deref().unwrap_or_default()).to_lowercase(),
        languages: if let Data::Service(s) = &i.data {
            s.languages
                .iter()
                .map(|l| ui_str(ui, &format!("lang_{l}")))
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// Further pages of a list: the skill matrix under skills, the roles' pages under
/// guides.
fn extra_links(site: &Site, kind: Kind, lang: &str, ui: &toml::Table) -> Vec<Link> {
    match kind {
        Kind::Skill => site
            .matrix_url(lang)
            .map(|url| Link {
                title: ui_str(ui, "matrix_title"),
                url,
                lang: None,
            })
            .into_iter()
            .collect(),
        Kind::Guide => site
            .config
            .roles
            .iter()
            .filter_map(|r| {
                site.role_url(&r.id, lang).map(|url| Link {
                    title: format!(
                        "{}: {}",
                        ui_str(ui, "role"),
                        r.title.get(lang, &site.config.default_lang)
                    ),
                    url,
                    lang: None,
                })
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A root page for a language without its own home page: links to every list.
pub(in crate::render) fn fallback_home<'a>(
    site: &'a Site,
    lang: &'a str,
    env: &'a PageEnv,
) -> ListPage<'a> {
    let ui = &env.ui;
    let cards = Kind::ALL
        .into_iter()
        .filter_map(|k| {
            site.list_url(k, lang).map(|url| Card {
                title: ui_str(ui, &format!("kind_plural_{}", k.ref_name())),
                url,
                summary: None,
                price_from: None,
                badge: None,
                translated: true,
                lang: None,
                category: None,
                search: String::new(),
                languages: Vec::new(),
            })
        })
        .collect();
    let alternates = alternates_by(site, lang, |l| Some(format!("{}/", site.lang_prefix(l))));
    ListPage {
        layout: layout(site, lang, env, alternates),
        kind: "home",
        title: site
            .config
            .title
            .get(lang, &site.config.default_lang)
            .to_owned(),
        url: format!("{}/", site.lang_prefix(lang)),
        groups: vec![Group {
            id: None,
            title: None,
            cards,
        }],
        extra: Vec::new(),
    }
}

/// The context of the 404 page.
pub(in crate::render) fn not_found<'a>(site: &'a Site, env: &'a PageEnv) -> ListPage<'a> {
    let ui = &env.ui;
    let lang = site.config.default_lang.as_str();
    let mut page = fallback_home(site, lang, env);
    page.kind = "404";
    page.title = ui_str(ui, "not_found_title");
    "/404.html".clone_into(&mut page.url);
    page
}
