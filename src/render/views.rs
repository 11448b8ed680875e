//! Typed view structs: exactly what each template receives. Built from the site
//! graph with every reference resolved to a title and URL and every amount formatted
//! for the page's language, so templates hold no logic beyond layout.

use std::collections::HashMap;

use serde::Serialize;

use crate::content::raw::{Menu, PageKind, Period, PriceBasis};
use crate::content::types::{Billing, Briefing, Checklist, Guide, Page, RateTable, Service, Skill};
use crate::content::values::Money;
use crate::content::{Data, Item};
use crate::kind::Kind;
use crate::markdown::Heading;
use crate::model::{PriceFrom, Site};
use crate::pricing;

use super::PageEnv;
use crate::rendered::{Bodies, Field, RenderedItem};

/// A link with its title.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Link {
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
pub(super) fn menus(site: &Site, lang: &str, ui: &toml::Table) -> (Vec<Link>, Vec<Link>) {
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

pub(super) fn ui_str(ui: &toml::Table, key: &str) -> String {
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
pub(super) struct SectionNav {
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
pub(super) fn section_nav(
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

pub(super) fn item_page<'a>(
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
            .map(|v| super::script_json(&super::data::sorted(&v))),
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
pub(super) fn stand_in_page<'a>(
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
pub(super) fn site_key(site: &Site) -> String {
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

#[derive(Debug, Serialize)]
struct SkillLevel {
    title: String,
    url: String,
    lang: Option<String>,
    level: String,
}

#[derive(Debug, Serialize)]
struct ExampleRow {
    input: String,
    minutes: u32,
    billable: String,
    hours: String,
    per_hour: String,
    net: String,
    vat: Option<String>,
    gross: String,
}

#[derive(Debug, Serialize)]
struct ServiceView {
    category: String,
    billing: String,
    price_from: Option<String>,
    /// Whether the price is a lowest price ("ab …"), not a flat one.
    price_is_from: bool,
    /// The price of the coming table: "ab 01.01.2027: 48,00 €/Std."
    price_next: Option<String>,
    price_note: Option<String>,
    tasks: Vec<String>,
    excluded: Vec<String>,
    deliverables: Vec<String>,
    scope_note: Option<String>,
    languages: Vec<String>,
    turnaround_standard: Option<String>,
    turnaround_rush: Option<String>,
    service_hours: Option<String>,
    personal_data: bool,
    avv_checklist: Option<Link>,
    approval_required: bool,
    prerequisites: Vec<String>,
    skills: Vec<SkillLevel>,
    equipment: Vec<Link>,
    briefings: Vec<Link>,
    related: Vec<Link>,
    rate_table: Option<Link>,
    examples: Vec<ExampleRow>,
}

fn basis_note(r: &RateTable, lang: &str, ui: &toml::Table) -> String {
    match r.price_basis {
        PriceBasis::Net => format!(
            "{} {}",
            ui_str(ui, "price_net_plus_vat"),
            r.vat_rate.map(|p| p.format(lang)).unwrap_or_default()
        ),
        PriceBasis::Gross => format!(
            "{} {}",
            ui_str(ui, "price_gross_incl_vat"),
            r.vat_rate.map(|p| p.format(lang)).unwrap_or_default()
        ),
        PriceBasis::Kleinunternehmer => ui_str(ui, "price_kleinunternehmer"),
    }
}

fn service_view(site: &Site, item: &Item, s: &Service, ui: &toml::Table) -> ServiceView {
    let lang = item.lang.as_str();
    let config = &site.config;
    let table_item = site.rate_table_of(s);
    let table = table_item.and_then(|i| {
        if let Data::Rate(r) = &i.data {
            Some(r)
        } else {
            None
        }
    });
    let mut price_from = None;
    let mut price_next = None;
    let coming = table_item
        .and_then(|t| site.coming(t))
        .and_then(|next| match &next.data {
            Data::Rate(n) => Some(n),
            _ => None,
        });
    let mut approval = s.approval_required.unwrap_or(false);
    let mut examples = Vec::new();
    let billing = match &s.billing {
        Billing::Hourly { work_area } => {
            if let Some(table) = table
                && let Some(area) = table.areas.iter().find(|a| &a.id == work_area)
            {
                let translated =
                    site.get(Kind::Rate, table_item.map_or("", |i| i.id.as_str()), lang);
                let label = translated
                    .and_then(|t| {
                        if let Data::Rate(r) = &t.data {
                            r.areas
                                .iter()
                                .find(|a| a.id == area.id)
                                .map(|a| a.label.clone())
                        } else {
                            None
                        }
                    })
                    .unwrap_or_else(|| area.label.clone());
                price_from = site
                    .price_from(s)
                    .map(|p| price_from_text(p, lang, ui, false));
                price_next = coming.and_then(|n| {
                    let a = n.areas.iter().find(|a| a.id == area.id)?;
                    let m = pricing::from_hourly(n, a)?;
                    Some(super::pricing_view::fill(
                        ui,
                        "price_next",
                        &[
                            ("date", format_date(n.valid_from, lang)),
                            (
                                "price",
                                format!("{} {}", m.format(lang), ui_str(ui, "per_hour")),
                            ),
                        ],
                    ))
                });
                approval = s.approval_required.unwrap_or(area.approval_required);
                for minutes in [30, 60, 180] {
                    let job = pricing::Job {
                        minutes,
                        area,
                        package: None,
                        balance_mh: None,
                        surcharges: &[],
                        trial: false,
                    };
                    if let Ok(q) = pricing::job::quote(table, &job) {
                        examples.push(example_row(minutes, &label, &q, lang, ui));
                    }
                }
                format!(
                    "{} · {} ({} {})",
                    ui_str(ui, "billing_hourly"),
                    label,
                    ui_str(ui, "factor_inline"),
                    area.factor.format(lang)
                )
            } else {
                ui_str(ui, "billing_hourly")
            }
        }
        Billing::Unit { unit } => {
            let found = table.and_then(|t| t.units.iter().find(|u| &u.id == unit));
            if found.is_some() {
                price_from = site
                    .price_from(s)
                    .map(|p| price_from_text(p, lang, ui, false));
            }
            ui_str(ui, "billing_unit")
        }
        Billing::Flat { .. } => {
            price_from = site
                .price_from(s)
                .map(|p| price_from_text(p, lang, ui, false));
            ui_str(ui, "billing_flat")
        }
    };
    let avv = site.avv_checklist();
    ServiceView {
        category: config
            .category(&s.category)
            .map(|c| c.title.get(lang, &config.default_lang).to_owned())
            .unwrap_or_default(),
        price_is_from: !matches!(s.billing, Billing::Flat { .. }),
        billing,
        price_from,
        price_next,
        price_note: table.map(|t| basis_note(t, lang, ui)),
        tasks: s.tasks.clone(),
        excluded: s.excluded.clone(),
        deliverables: s.deliverables.clone(),
        scope_note: s.scope_note.clone(),
        languages: s
            .languages
            .iter()
            .map(|l| ui_str(ui, &format!("lang_{l}")))
            .collect(),
        turnaround_standard: s.turnaround_standard.map(|d| d.format(lang)),
        turnaround_rush: s.turnaround_rush.map(|d| d.format(lang)),
        service_hours: s.service_hours.clone(),
        personal_data: s.personal_data,
        avv_checklist: avv.and_then(|c| link(site, Kind::Checklist, &c.id, lang)),
        approval_required: approval,
        prerequisites: s.prerequisites.clone(),
        skills: s
            .skills
            .iter()
            .filter_map(|r| {
                link(site, Kind::Skill, &r.id, lang).map(|l| SkillLevel {
                    title: l.title,
                    url: l.url,
                    lang: l.lang,
                    level: site.config.skill_label(&r.level, lang).to_owned(),
                })
            })
            .collect(),
        equipment: links(site, Kind::Checklist, &s.equipment, lang),
        briefings: links(site, Kind::Briefing, &s.briefings, lang),
        related: links(site, Kind::Service, &s.related, lang),
        rate_table: table_item.and_then(|t| link(site, Kind::Rate, &t.id, lang)),
        examples,
    }
}

fn example_row(
    minutes: u32,
    area_label: &str,
    q: &pricing::JobQuote,
    lang: &str,
    ui: &toml::Table,
) -> ExampleRow {
    ExampleRow {
        input: format!("{minutes} {} · {area_label}", ui_str(ui, "minutes")),
        minutes,
        billable: format!("{} {}", q.billable_minutes, ui_str(ui, "minutes")),
        hours: super::pricing_view::hours(q.hours_mh, lang),
        per_hour: q.price_per_hour.format(lang),
        net: q.split.net.format(lang),
        vat: q.split.vat.map(|v| v.format(lang)),
        gross: q.split.gross.format(lang),
    }
}

/// "2,40 € / Anrufannahme je Anruf (Mindestmenge: 40)".
/// "45,00 € / Std." (with `from`: "ab 45,00 € / Std."), "2,40 € / Anruf", "99,00 €".
fn price_from_text(p: PriceFrom<'_>, lang: &str, ui: &toml::Table, from: bool) -> String {
    match p {
        PriceFrom::Hourly { price, .. } => {
            let text = format!("{} {}", price.format(lang), ui_str(ui, "per_hour"));
            if from {
                format!("{} {text}", ui_str(ui, "from"))
            } else {
                text
            }
        }
        PriceFrom::Unit { unit, .. } => unit_price_text(unit, lang, ui),
        PriceFrom::Flat { price, period } => flat_price_text(price, period, lang, ui),
    }
}

fn unit_price_text(u: &crate::content::types::Unit, lang: &str, ui: &toml::Table) -> String {
    let base = format!("{} / {}", u.price.format(lang), u.label);
    match u.minimum_units {
        Some(min) if min > 1 => format!("{base} ({} {min})", ui_str(ui, "minimum_units")),
        _ => base,
    }
}

/// "149,00 €" or "149,00 € monatlich".
fn flat_price_text(price: Money, period: Period, lang: &str, ui: &toml::Table) -> String {
    match period {
        Period::Once => price.format(lang),
        Period::Month => format!("{} {}", price.format(lang), ui_str(ui, "per_month")),
    }
}

#[derive(Debug, Serialize)]
struct LevelRow {
    level: String,
    description: Option<String>,
}

#[derive(Debug, Serialize)]
struct SkillView {
    group: String,
    scale: String,
    levels: Vec<LevelRow>,
    evidence: Vec<String>,
    verification: Option<String>,
    legal_note: Option<String>,
    training: Vec<Link>,
    needed_for: Vec<SkillLevel>,
}

fn skill_view(site: &Site, item: &Item, s: &Skill) -> SkillView {
    let lang = item.lang.as_str();
    let levels = site
        .config
        .skill_scales
        .get(&s.scale)
        .cloned()
        .unwrap_or_default();
    let needed_for = site
        .originals(Kind::Service)
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

fn serde_name<T: Serialize>(v: &T) -> String {
    toml::Value::try_from(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

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
struct ChecklistView {
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

fn checklist_view(
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

#[derive(Debug, Serialize)]
struct AreaRow {
    id: String,
    label: String,
    factor: String,
    hourly: Option<String>,
    approval_required: bool,
}

#[derive(Debug, Serialize)]
struct PackageRow {
    label: String,
    hours: u32,
    price: String,
    per_hour: String,
    period: String,
    valid_months: Option<String>,
    overage: Option<String>,
    rollover: String,
}

#[derive(Debug, Serialize)]
struct SimpleRow {
    label: String,
    value: String,
    note: Option<String>,
}

#[derive(Debug, Serialize)]
struct RateView {
    /// "Ab 01.01.2027 gilt:" or "Abgelöst am …:", before the link to the next table.
    successor_text: Option<String>,
    successor: Option<Link>,
    /// "Diese Preisliste gilt ab …" on a table not yet valid.
    upcoming: Option<String>,
    basis: String,
    audience: String,
    currency: String,
    valid_from: String,
    valid_until: Option<String>,
    expired: bool,
    base_hourly: Option<String>,
    increment: u32,
    minimum: Option<u32>,
    notice: Option<String>,
    payment_terms: Option<String>,
    expenses: Option<String>,
    trial: Option<String>,
    trial_hours: Option<u32>,
    rules: Vec<String>,
    areas: Vec<AreaRow>,
    packages: Vec<PackageRow>,
    surcharges: Vec<SimpleRow>,
    units: Vec<SimpleRow>,
    examples: Vec<super::pricing_view::ExampleTable>,
    /// Calculator data, escaped for `<script>`.
    calc: String,
    surcharge_options: Vec<Link>,
    package_options: Vec<Link>,
    /// Monthly packages, for the calculator of a month's bill.
    month_options: Vec<Link>,
    /// Units, for the calculator of unit prices.
    unit_options: Vec<Link>,
    area_options: Vec<Link>,
    kleinunternehmer: bool,
}

fn rate_view(site: &Site, item: &Item, r: &RateTable, ui: &toml::Table) -> RateView {
    let lang = item.lang.as_str();
    let expired = r.valid_until.is_some_and(|u| u < site.build_date);
    let original = site.original(Kind::Rate, &item.id).unwrap_or(item);
    let successor = site.successor(original).and_then(|next| {
        let Data::Rate(n) = &next.data else {
            return None;
        };
        let date = format_date(n.valid_from, lang);
        link(site, Kind::Rate, &next.id, lang).map(|l| (date, l))
    });
    let upcoming = (r.valid_from > site.build_date).then(|| {
        super::pricing_view::fill(
            ui,
            "rate_upcoming",
            &[("date", format_date(r.valid_from, lang))],
        )
    });
    let examples = super::pricing_view::example_tables(r, &pricing::examples::worked(r), lang, ui);
    RateView {
        successor_text: successor.as_ref().map(|(date, _)| {
            super::pricing_view::fill(
                ui,
                if expired {
                    "rate_replaced"
                } else {
                    "rate_coming"
                },
                &[("date", date.clone())],
            )
        }),
        successor: successor.map(|(_, l)| l),
        upcoming,
        basis: basis_note(r, lang, ui),
        audience: serde_name(&r.audience),
        currency: r.currency.clone(),
        valid_from: format_date(r.valid_from, lang),
        valid_until: r.valid_until.map(|d| format_date(d, lang)),
        expired,
        base_hourly: r.base_hourly.map(|m| m.format(lang)),
        increment: r.billing_increment_min,
        minimum: r.minimum_per_task_min,
        notice: r.notice.clone(),
        payment_terms: r.payment_terms.clone(),
        expenses: r.expenses.clone(),
        trial: r.trial.clone(),
        trial_hours: r.trial_offer.map(|t| t.hours),
        rules: super::pricing_view::rules_in_words(r, lang, ui),
        areas: r
            .areas
            .iter()
            .map(|a| AreaRow {
                id: a.id.clone(),
                label: a.label.clone(),
                factor: a.factor.format(lang),
                hourly: pricing::from_hourly(r, a).map(|m| m.format(lang)),
                approval_required: a.approval_required,
            })
            .collect(),
        packages: r
            .packages
            .iter()
            .map(|p| PackageRow {
                label: p.label.clone(),
                hours: p.hours,
                price: p.price.format(lang),
                per_hour: pricing::package_hourly(p).format(lang),
                period: ui_str(ui, &format!("period_{}", serde_name(&p.period))),
                valid_months: p.valid_months.map(|m| months_text(m, ui)),
                // What an hour beyond the package costs: its own rate, its top-up, or
                // (as `pricing` bills it) the base rate.
                overage: p
                    .overage_hourly
                    .map(|m| m.format(lang))
                    .or_else(|| {
                        p.top_up.map(|t| {
                            super::pricing_view::fill(
                                ui,
                                "top_up_text",
                                &[
                                    ("hours", t.hours.to_string()),
                                    ("price", t.price.format(lang)),
                                ],
                            )
                        })
                    })
                    .or_else(|| {
                        r.base_hourly
                            .map(|b| format!("{} ({})", b.format(lang), ui_str(ui, "base_hourly")))
                    }),
                rollover: match &p.rollover {
                    None => ui_str(ui, "rollover_none"),
                    Some(ro) => {
                        let cap = ro
                            .max_hours
                            .map(|h| format!("{h} h"))
                            .or_else(|| ro.max_percent.map(|p| p.format(lang)))
                            .unwrap_or_default();
                        let months = ro
                            .expires_after_months
                            .map(|m| {
                                format!(
                                    ", {} {}",
                                    ui_str(ui, "rollover_expires_after"),
                                    months_text(m, ui)
                                )
                            })
                            .unwrap_or_default();
                        format!("{} {cap}{months}", ui_str(ui, "rollover_max"))
                    }
                },
            })
            .collect(),
        surcharges: r
            .surcharges
            .iter()
            .map(|s| SimpleRow {
                label: s.label.clone(),
                value: format!("+{}", s.percent.format(lang)),
                note: s.condition.clone(),
            })
            .collect(),
        units: r
            .units
            .iter()
            .map(|u| SimpleRow {
                label: u.label.clone(),
                value: u.price.format(lang),
                note: match (&u.definition, u.minimum_units) {
                    (Some(d), Some(m)) => {
                        Some(format!("{d} · {} {m}", ui_str(ui, "minimum_units")))
                    }
                    (Some(d), None) => Some(d.clone()),
                    (None, Some(m)) => Some(format!("{} {m}", ui_str(ui, "minimum_units"))),
                    (None, None) => None,
                },
            })
            .collect(),
        examples,
        calc: super::script_json(&super::data::sorted(&super::data::CalculatorTable::new(r, lang))),
        surcharge_options: r
            .surcharges
            .iter()
            .map(|x| Link {
                title: format!("{} (+{})", x.label, x.percent.format(lang)),
                url: x.id.clone(),
                lang: None,
            })
            .collect(),
        package_options: r
            .packages
            .iter()
            .map(|x| Link {
                title: x.label.clone(),
                url: x.id.clone(),
                lang: None,
            })
            .collect(),
        month_options: r
            .packages
            .iter()
            .filter(|x| x.period == Period::Month)
            .map(|x| Link {
                title: x.label.clone(),
                url: x.id.clone(),
                lang: None,
            })
            .collect(),
        unit_options: r
            .units
            .iter()
            .map(|x| Link {
                title: format!("{} ({})", x.label, x.price.format(lang)),
                url: x.id.clone(),
                lang: None,
            })
            .collect(),
        area_options: r
            .areas
            .iter()
            .map(|x| Link {
                title: format!(
                    "{} ({} {})",
                    x.label,
                    ui_str(ui, "factor_inline"),
                    x.factor.format(lang)
                ),
                url: x.id.clone(),
                lang: None,
            })
            .collect(),
        kleinunternehmer: r.price_basis == PriceBasis::Kleinunternehmer,
    }
}

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
struct BriefingView {
    for_services: Vec<Link>,
    sections: Vec<FieldSection>,
    outputs: Vec<String>,
    mail_to: String,
    storage_key: String,
    template_url: String,
}

fn briefing_view(site: &Site, item: &Item, b: &Briefing) -> BriefingView {
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
        template_url: super::data::briefing_template_url(site, item),
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

fn area_label(site: &Site, id: &str, lang: &str) -> Option<String> {
    site.listed(Kind::Rate, lang)
        .into_iter()
        .find_map(|i| match &i.data {
            Data::Rate(r) => r.areas.iter().find(|a| a.id == id).map(|a| a.label.clone()),
            _ => None,
        })
}

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
struct GuideView<'a> {
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

fn guide_view<'a>(
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
pub(super) fn guide_neighbours(
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

#[derive(Debug, Serialize)]
struct ImpressumView {
    name: String,
    legal_form: Option<String>,
    /// The owner, for a sole trader or merchant (and a form vpagen does not know).
    owner: Option<String>,
    /// "Vertreten durch", for a company or partnership.
    represented_by: Option<String>,
    street: String,
    postcode: String,
    city: String,
    /// Always shown: readers abroad need it, and the site speaks to them too.
    country: String,
    email: String,
    phone: String,
    vat_id: Option<String>,
    register_court: Option<String>,
    register_number: Option<String>,
    supervisory_authority: Option<String>,
    wirtschafts_id: Option<String>,
}

#[derive(Debug, Serialize)]
struct PageView {
    page_kind: String,
    audience: String,
    impressum: Option<ImpressumView>,
}

fn page_view(site: &Site, p: &Page, lang: &str) -> PageView {
    let a = &site.config.agency;
    PageView {
        page_kind: serde_name(&p.kind),
        audience: serde_name(&p.audience),
        impressum: (p.kind == PageKind::Impressum).then(|| ImpressumView {
            name: a.name.clone(),
            legal_form: a
                .legal_form
                .as_ref()
                .map(|f| f.get(lang, &site.config.default_lang).to_owned()),
            owner: a.owner.clone().filter(|_| !a.legal_kind.is_represented()),
            represented_by: a
                .represented_by
                .clone()
                .filter(|_| !a.legal_kind.names_owner()),
            street: a.street.clone(),
            postcode: a.postcode.clone(),
            city: a.city.clone(),
            country: crate::config::legal::country_name(&a.country, lang),
            email: a.email.clone(),
            phone: a.phone.clone(),
            vat_id: a.vat_id.clone(),
            register_court: a.register_court.clone(),
            register_number: a.register_number.clone(),
            supervisory_authority: a.supervisory_authority.clone(),
            wirtschafts_id: a.wirtschafts_id.clone(),
        }),
    }
}

#[derive(Debug, Serialize)]
struct Card {
    title: String,
    url: String,
    summary: Option<String>,
    price_from: Option<String>,
    badge: Option<String>,
    translated: bool,
    /// Language of the card's text when it differs from the page's.
    lang: Option<String>,
    category: Option<String>,
    /// Lower-case text the catalogue filter searches.
    search: String,
    languages: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Group {
    id: Option<String>,
    title: Option<String>,
    cards: Vec<Card>,
}

/// The context of a list page.
#[derive(Debug, Serialize)]
pub(super) struct ListPage<'a> {
    layout: Layout<'a>,
    kind: &'static str,
    title: String,
    url: String,
    groups: Vec<Group>,
    /// Further pages of the list (skill matrix, role pages).
    extra: Vec<Link>,
}

pub(super) fn list_page<'a>(
    site: &'a Site,
    kind: Kind,
    lang: &'a str,
    env: &'a PageEnv,
) -> ListPage<'a> {
    let ui = &env.ui;
    let alternates = alternates_by(site, lang, |l| site.list_url(kind, l));
    let card = |i: &Item| {
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
            search: format!("{} {}", i.title, i.summary.as_deref().unwrap_or_default())
                .to_lowercase(),
            languages: if let Data::Service(s) = &i.data {
                s.languages
                    .iter()
                    .map(|l| ui_str(ui, &format!("lang_{l}")))
                    .collect()
            } else {
                Vec::new()
            },
        }
    };
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
                    .map(|i| card(i))
                    .collect(),
            })
            .filter(|g| !g.cards.is_empty())
            .collect()
    } else {
        vec![Group {
            id: None,
            title: None,
            cards: items.iter().map(|i| card(i)).collect(),
        }]
    };
    ListPage {
        layout: layout(site, lang, env, alternates),
        kind: kind.ref_name(),
        title: ui_str(ui, &format!("kind_plural_{}", kind.ref_name())),
        url: site.list_url(kind, lang).unwrap_or_default(),
        groups,
        extra: match kind {
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
        },
    }
}

/// A root page for a language without its own home page: links to every list.
pub(super) fn fallback_home<'a>(site: &'a Site, lang: &'a str, env: &'a PageEnv) -> ListPage<'a> {
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
pub(super) fn not_found<'a>(site: &'a Site, env: &'a PageEnv) -> ListPage<'a> {
    let ui = &env.ui;
    let lang = site.config.default_lang.as_str();
    let mut page = fallback_home(site, lang, env);
    page.kind = "404";
    page.title = ui_str(ui, "not_found_title");
    "/404.html".clone_into(&mut page.url);
    page
}

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
pub(super) struct PrintPage<'a> {
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
pub(super) fn print_page<'a>(
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
pub(super) struct MatrixPage<'a> {
    layout: Layout<'a>,
    kind: &'static str,
    title: String,
    url: String,
    column_groups: Vec<MatrixColumnGroup>,
    skills: Vec<Link>,
    row_groups: Vec<MatrixRowGroup>,
}

pub(super) fn matrix_page<'a>(site: &'a Site, lang: &'a str, env: &'a PageEnv) -> MatrixPage<'a> {
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

/// The context of a role page: every guide and checklist for the role.
#[derive(Debug, Serialize)]
pub(super) struct RolePage<'a> {
    layout: Layout<'a>,
    kind: &'static str,
    title: String,
    url: String,
    guides: Vec<Card>,
    checklists: Vec<Card>,
}

pub(super) fn role_page<'a>(
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

/// The context of the search page.
#[derive(Debug, Serialize)]
pub(super) struct SearchPage<'a> {
    layout: Layout<'a>,
    kind: &'static str,
    title: String,
    url: String,
    /// Whether the "all languages" box starts checked (`[search] all_languages`).
    all_languages: bool,
}

pub(super) fn search_page<'a>(site: &'a Site, lang: &'a str, env: &'a PageEnv) -> SearchPage<'a> {
    let alternates = alternates_by(site, lang, |l| Some(site.search_url(l)));
    SearchPage {
        layout: layout(site, lang, env, alternates),
        kind: "search",
        title: env
            .ui
            .get("search")
            .and_then(|t| t.get("title"))
            .and_then(toml::Value::as_str)
            .unwrap_or("Search")
            .to_owned(),
        url: site.search_url(lang),
        all_languages: site.config.search.all_languages,
    }
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
