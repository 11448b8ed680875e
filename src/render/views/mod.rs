//! Typed view structs: exactly what each template receives. Built from the site
//! graph with every reference resolved to a title and URL and every amount formatted
//! for the page's language, so templates hold no logic beyond layout.

mod briefing;
mod checklist;
mod guide;
mod list;
mod matrix;
mod page;
mod print;
mod rate;
mod role;
mod search;
mod service;
mod skill;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::content::raw::{Menu, PageKind};
use crate::content::{Data, Item};
use crate::kind::Kind;
use crate::markdown::Heading;
use crate::model::Site;

use super::PageEnv;
use crate::rendered::RenderedItem;
use briefing::{BriefingView, briefing_view};
use checklist::{ChecklistView, checklist_view};
pub(super) use guide::guide_neighbours;
use guide::{GuideView, guide_view};
pub(super) use list::{fallback_home, list_page, not_found};
pub(super) use matrix::matrix_page;
use page::{PageView, page_view};
pub(super) use print::print_page;
use rate::{RateView, rate_view};
pub(super) use role::role_page;
pub(super) use search::search_page;
use service::{ServiceView, service_view};
use skill::{SkillView, skill_view};

/// A link with its title.
#[derive(Debug, Clone, Serialize)]
pub(in crate::render) struct Link {
    title: String,
    url: String,
    /// The language of the target when it is not the page's (an untranslated item).
    lang: Option<String>,
}

/// A language version of the current page.
#[derive(Debug, Serialize)]
struct Alternate {
    code: String,
    name: String,
    url: String,
    current: bool,
    translated: bool,
    /// Not translated, but readers of this language get a stand-in at `url`: the
    /// original inside their own interface.
    stand_in: bool,
}

/// What every page's frame needs.
#[derive(Debug, Serialize)]
struct Layout<'a> {
    lang: &'a str,
    site_title: &'a str,
    description: &'a str,
    base_url: &'a str,
    /// The site root URL (`/`, or `/agentur/` under a base path).
    root: String,
    home_url: String,
    nav: Vec<Link>,
    footer: Vec<Link>,
    alternates: Vec<Alternate>,
    /// The language of the page's content when it is not `lang`: a stand-in shows an
    /// untranslated original inside the reader's interface.
    content_lang: Option<&'a str>,
    /// On a stand-in, in the reader's language: the page is not translated yet.
    untranslated_note: Option<String>,
    /// Interface strings for `vpagen.js`, JSON escaped for a `<script>` element.
    ui_json: &'a str,
    css: &'a str,
    js: &'a str,
    search_client: Option<&'a str>,
    search_page: Option<&'a str>,
    agency_name: &'a str,
    /// Current page's address relative to `base_url`, for Open Graph.
    url: String,
    /// The address search engines should index: `url`, or a stand-in's original.
    canonical: String,
    /// A build for a narrower audience than the first: pages ask search engines not
    /// to index them.
    noindex: bool,
    /// Where the enquiry buttons lead (`[enquiry]`), if the target is in this build.
    enquiry: Option<EnquiryLink>,
}

/// The target of the enquiry buttons in one language.
#[derive(Debug, Serialize)]
struct EnquiryLink {
    url: String,
    /// An e-mail address (`mailto:`): templates add a subject naming the page.
    mailto: bool,
}

/// The enquiry target of `site.toml` for pages in `lang`: the address, or the page in
/// that language (its original when it is not translated).
fn enquiry_link(site: &Site, lang: &str) -> Option<EnquiryLink> {
    match &site.config.enquiry {
        crate::config::Enquiry::Email(address) => Some(EnquiryLink {
            url: format!("mailto:{address}"),
            mailto: true,
        }),
        crate::config::Enquiry::Page(id) => {
            site.get(Kind::Page, id, lang).map(|page| EnquiryLink {
                url: site.url_in(page, lang),
                mailto: false,
            })
        }
    }
}

/// The main and footer menus of a language, computed once per build.
pub(in crate::render) fn menus(
    site: &Site,
    lang: &str,
    ui: &toml::Table,
) -> (Vec<Link>, Vec<Link>) {
    let mut nav: Vec<Link> = [Kind::Service, Kind::Rate, Kind::Guide, Kind::Checklist]
        .into_iter()
        .filter(|k| site.originals(*k).next().is_some())
        .filter_map(|k| {
            site.list_url(k, lang).map(|url| Link {
                title: ui_str(ui, &format!("kind_plural_{}", k.ref_name())),
                url,
                lang: None,
            })
        })
        .collect();
    let menu = |m: Menu| -> Vec<Link> {
        site.listed(Kind::Page, lang)
            .into_iter()
            .filter(|i| matches!(&i.data, Data::Page(p) if p.menu == m))
            .map(|i| Link {
                title: i.title.clone(),
                url: site.url_in(i, lang),
                lang: (i.lang != lang).then(|| i.lang.clone()),
            })
            .collect()
    };
    nav.extend(menu(Menu::Main));
    (nav, menu(Menu::Footer))
}

fn layout<'a>(
    site: &'a Site,
    lang: &'a str,
    env: &'a PageEnv,
    alternates: Vec<Alternate>,
) -> Layout<'a> {
    let config = &site.config;
    let url = alternates
        .iter()
        .find(|a| a.current)
        .map(|a| a.url.clone())
        .unwrap_or_default();
    Layout {
        lang,
        site_title: config.title.get(lang, &config.default_lang),
        description: config.description.get(lang, &config.default_lang),
        base_url: config.origin(),
        root: format!("{}/", config.base_path()),
        home_url: format!("{}/", site.lang_prefix(lang)),
        noindex: site.audience > 0,
        enquiry: enquiry_link(site, lang),
        nav: env.nav.clone(),
        footer: env.footer.clone(),
        url: url.clone(),
        canonical: url,
        content_lang: None,
        untranslated_note: None,
        alternates,
        ui_json: &env.ui_json,
        css: &env.css,
        js: &env.js,
        search_client: env.search_client.as_deref(),
        search_page: env.search_page.as_deref(),
        agency_name: &config.agency.name,
    }
}

/// "1 Monat" / "6 Monate".
fn months_text(n: u32, ui: &toml::Table) -> String {
    let word = if n == 1 {
        ui_str(ui, "month")
    } else {
        ui_str(ui, "months")
    };
    format!("{n} {word}")
}

pub(in crate::render) fn ui_str(ui: &toml::Table, key: &str) -> String {
    ui.get(key)
        .and_then(toml::Value::as_str)
        .unwrap_or(key)
        .to_owned()
}

/// The language versions of an item's page as a reader of `reader` sees it: the
/// translations, and the stand-ins of an untranslated original.
fn item_alternates(site: &Site, item: &Item, reader: &str) -> Vec<Alternate> {
    let original = site.original(item.kind, &item.id).unwrap_or(item);
    site.config
        .languages
        .iter()
        .map(|l| Alternate {
            code: l.code.clone(),
            name: l.name.clone(),
            url: site
                .url_for(item.kind, &item.id, &l.code)
                .unwrap_or_default(),
            current: l.code == reader,
            translated: site.get_exact(item.kind, &item.id, &l.code).is_some(),
            stand_in: site.has_stand_in(original, &l.code),
        })
        .collect()
}

/// The sidebar of an item page on wide screens: the other items of its type.
#[derive(Debug, Clone, Serialize)]
pub(in crate::render) struct SectionNav {
    title: String,
    url: String,
    links: Vec<Link>,
}

/// At most this many items in a sidebar: a longer section is browsed through its list
/// page, and a page never carries a menu of the whole site.
const SECTION_NAV_MAX: usize = 40;

/// The sidebar of the item pages of `kind` for readers of `lang`: every item its list
/// shows, in the list's order; `None` for pages (no list) and for sections longer than
/// [`SECTION_NAV_MAX`].
pub(in crate::render) fn section_nav(
    site: &Site,
    kind: Kind,
    lang: &str,
    ui: &toml::Table,
) -> Option<SectionNav> {
    let url = site.list_url(kind, lang)?;
    let items = site.listed(kind, lang);
    if items.len() > SECTION_NAV_MAX {
        return None;
    }
    Some(SectionNav {
        title: ui_str(ui, &format!("kind_plural_{}", kind.ref_name())),
        url,
        links: items
            .into_iter()
            .map(|i| Link {
                title: i.title.clone(),
                url: site.url_in(i, lang),
                lang: (i.lang != lang).then(|| i.lang.clone()),
            })
            .collect(),
    })
}

/// The context of an item page.
#[derive(Debug, Serialize)]
pub(super) struct ItemPage<'a> {
    layout: Layout<'a>,
    /// The other items of the type, for a sidebar.
    section: Option<&'a SectionNav>,
    kind: &'static str,
    id: &'a str,
    title: &'a str,
    summary: Option<&'a str>,
    url: String,
    body: &'a str,
    toc: &'a [Heading],
    tags: &'a [String],
    owner: Option<&'a str>,
    updated: Option<String>,
    review_by: Option<String>,
    breadcrumbs: Vec<Link>,
    /// "Nur für Assistenzen" on an item for a narrower audience than the first.
    restricted: Option<String>,
    /// The item's `extra` table: free data for themes.
    extra: &'a toml::Table,
    /// Structured data (schema.org JSON-LD), escaped for `<script>`.
    jsonld: Option<String>,
    item: ItemView<'a>,
}

/// Per-type data of an item page.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum ItemView<'a> {
    Service(Box<ServiceView>),
    Skill(SkillView),
    Checklist(ChecklistView),
    Rate(Box<RateView>),
    Briefing(BriefingView),
    Guide(GuideView<'a>),
    Page(PageView),
}

pub(in crate::render) fn item_page<'a>(
    site: &'a Site,
    item: &'a Item,
    rendered: &'a RenderedItem,
    env: &'a PageEnv,
) -> ItemPage<'a> {
    let ui = &env.ui;
    let body = &rendered.body;
    let lang = item.lang.as_str();
    let view = match &item.data {
        Data::Service(s) => ItemView::Service(Box::new(service_view(site, item, s, ui))),
        Data::Skill(s) => ItemView::Skill(skill_view(site, item, s)),
        Data::Checklist(c) => ItemView::Checklist(checklist_view(site, item, c, rendered)),
        Data::Rate(r) => ItemView::Rate(Box::new(rate_view(site, item, r, ui))),
        Data::Briefing(b) => ItemView::Briefing(briefing_view(site, item, b)),
        Data::Guide(g) => ItemView::Guide(guide_view(site, item, g, rendered, env)),
        Data::Page(p) => ItemView::Page(page_view(site, p, &item.lang)),
    };
    ItemPage {
        layout: layout(site, lang, env, item_alternates(site, item, lang)),
        section: env.sections.get(&item.kind).and_then(Option::as_ref),
        kind: item.kind.ref_name(),
        id: &item.id,
        title: &item.title,
        summary: item.summary.as_deref(),
        url: site.url(item),
        body: &body.html,
        toc: &body.toc,
        tags: &item.meta.tags,
        owner: item.meta.owner.as_deref(),
        updated: item.meta.updated.map(|d| format_date(d, lang)),
        review_by: item.meta.review_by.map(|d| format_date(d, lang)),
        breadcrumbs: breadcrumbs(site, item, lang, env),
        extra: &item.meta.extra,
        restricted: restricted(site, item),
        jsonld: super::data::jsonld(site, item, body)
            .map(|v| super::script_json(&crate::util::sorted_json(&v))),
        item: view,
    }
}

/// "Nur für Assistenzen" for an item of a narrower audience than the first.
fn restricted(site: &Site, item: &Item) -> Option<String> {
    let a = site.config.audiences.get(item.meta.visible_to)?;
    (item.meta.visible_to > 0).then(|| a.restricted_label(&item.lang, &site.config.default_lang))
}

/// The page of an untranslated original for readers of `reader` (its stand-in): the
/// original's content, as the original shows it (`content_env`), inside the reader's
/// interface (`env`): their menus, breadcrumbs and a note that the page is not
/// translated yet. Search engines are pointed to the original.
pub(in crate::render) fn stand_in_page<'a>(
    site: &'a Site,
    item: &'a Item,
    reader: &'a str,
    rendered: &'a RenderedItem,
    content_env: &'a PageEnv,
    env: &'a PageEnv,
) -> ItemPage<'a> {
    let mut page = item_page(site, item, rendered, content_env);
    let mut frame = layout(site, reader, env, item_alternates(site, item, reader));
    frame.canonical = site.url(item);
    frame.content_lang = Some(&item.lang);
    frame.untranslated_note = Some(ui_str(&env.ui, "untranslated_note"));
    frame.ui_json = &content_env.ui_json;
    page.layout = frame;
    page.breadcrumbs = breadcrumbs(site, item, reader, env);
    page.section = env.sections.get(&item.kind).and_then(Option::as_ref);
    page
}

/// Home › list page of the type (pages have no list), in the tree of `lang`.
fn breadcrumbs(site: &Site, item: &Item, lang: &str, env: &PageEnv) -> Vec<Link> {
    let ui = &env.ui;
    if matches!(&item.data, Data::Page(p) if p.kind == PageKind::Home) {
        return Vec::new();
    }
    let home = env.home_title.clone().unwrap_or_else(|| ui_str(ui, "home"));
    let mut crumbs = vec![Link {
        title: home,
        url: format!("{}/", site.lang_prefix(lang)),
        lang: None,
    }];
    if let Some(url) = site.list_url(item.kind, lang) {
        crumbs.push(Link {
            title: ui_str(ui, &format!("kind_plural_{}", item.kind.ref_name())),
            url,
            lang: None,
        });
    }
    crumbs
}

/// The key under which the browser keeps a site's state (checklists, drafts).
pub(in crate::render) fn site_key(site: &Site) -> String {
    let c = &site.config;
    crate::util::slugify(c.title.get(&c.default_lang, &c.default_lang))
}

/// Storage key of a checklist's ticks.
fn checklist_key(site: &Site, id: &str, version: u32) -> String {
    format!("vpagen:{}:{id}:v{version}", site_key(site))
}

fn format_date(d: crate::util::Date, lang: &str) -> String {
    crate::locale::Locale::of(lang).date(d)
}

/// A link to an item; one hidden from this build's audience has an empty URL and
/// reads as plain text.
fn link(site: &Site, kind: Kind, id: &str, lang: &str) -> Option<Link> {
    if let Some(i) = site.get(kind, id, lang) {
        return Some(Link {
            title: i.title.clone(),
            url: site.url_in(i, lang),
            lang: (i.lang != lang).then(|| i.lang.clone()),
        });
    }
    site.hidden_title(kind, id, lang).map(|title| Link {
        title: title.to_owned(),
        url: String::new(),
        lang: None,
    })
}

fn links(site: &Site, kind: Kind, ids: &[String], lang: &str) -> Vec<Link> {
    ids.iter()
        .filter_map(|id| link(site, kind, id, lang))
        .collect()
}

fn serde_name<T: Serialize>(v: &T) -> String {
    toml::Value::try_from(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The language versions of a page that exists in every language at `url(lang)`.
fn alternates_by(site: &Site, lang: &str, url: impl Fn(&str) -> Option<String>) -> Vec<Alternate> {
    site.config
        .languages
        .iter()
        .filter_map(|l| {
            url(&l.code).map(|url| Alternate {
                code: l.code.clone(),
                name: l.name.clone(),
                url,
                current: l.code == lang,
                translated: true,
                stand_in: false,
            })
        })
        .collect()
}
