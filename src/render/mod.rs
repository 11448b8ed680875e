//! Templates: the Tera environment built from the theme, typed view structs per
//! template (`views`), and the list of output files of a site.
//!
//! The only module that imports `tera`. Rendered Markdown enters templates through
//! `| safe` at named places only; everything else is autoescaped.

mod data;
pub mod modules;
pub mod offline;
mod pricing_view;
mod toc;
mod unclosed;
mod views;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::content::{Data, Item};
use crate::kind::Kind;
use crate::model::Site;
use crate::output::OutputFile;
use crate::rendered::{Bodies, RenderedItem};
use crate::theme::Theme;

/// A template could not be parsed or rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template has a syntax error or refers to a missing template.
    #[error("{0}")]
    Template(String),
    /// Rendering a page failed (the message names template, line and column).
    #[error("{}", render_failure(.url, .template, .message))]
    Render {
        /// URL of the page.
        url: String,
        /// Template name.
        template: String,
        /// Tera's report.
        message: String,
    },
    /// A theme string file is not valid TOML.
    #[error("theme string file i18n/{lang}.toml is invalid: {message}")]
    Strings {
        /// Language.
        lang: String,
        /// Parser message.
        message: String,
    },
}

/// The template environment of one build.
pub struct Renderer {
    tera: Tera,
    /// Where each template comes from, for error messages.
    origins: BTreeMap<String, String>,
    strings: BTreeMap<String, toml::Table>,
}

/// Templates every theme must provide.
const REQUIRED: &[&str] = &[
    "base.html",
    "service.html",
    "skill.html",
    "checklist.html",
    "rate.html",
    "briefing.html",
    "guide.html",
    "page.html",
    "list.html",
    "matrix.html",
    "role.html",
    "404.html",
];

impl Renderer {
    /// Compiles the theme's templates and reads its string files.
    pub fn new(theme: &Theme) -> Result<Renderer, RenderError> {
        let mut tera = Tera::new();
        // `urlencode`: a value inside a URL, e.g. the subject of a `mailto:` link.
        tera.register_filter(
            "urlencode",
            |x: tera::StringInput<'_>, _: tera::Kwargs, _: &tera::State<'_>| {
                percent_encoding::utf8_percent_encode(
                    x.as_str(),
                    percent_encoding::NON_ALPHANUMERIC,
                )
                .to_string()
            },
        );
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(n, t)| (n.as_str(), t.as_str())),
        )
        .map_err(|e| RenderError::Template(template_error(&e, theme)))?;
        for name in REQUIRED {
            if !theme.templates.contains_key(*name) {
                return Err(RenderError::Template(format!(
                    "the theme has no templates/{name}"
                )));
            }
        }
        let parse = |lang: &String, text: &String| -> Result<toml::Table, RenderError> {
            toml::from_str(text).map_err(|e| RenderError::Strings {
                lang: lang.clone(),
                message: e.message().to_owned(),
            })
        };
        let mut strings = BTreeMap::new();
        for (lang, text) in &theme.strings {
            strings.insert(lang.clone(), parse(lang, text)?);
        }
        // A site's string file overrides the default theme's key by key, and within
        // its tables (`[js]`, `[search]`) key by key too.
        for (lang, text) in &theme.string_overrides {
            let own = parse(lang, text)?;
            let table = strings.entry(lang.clone()).or_default();
            for (key, value) in own {
                match (table.get_mut(&key), value) {
                    (Some(toml::Value::Table(base)), toml::Value::Table(over)) => base.extend(over),
                    (_, value) => {
                        table.insert(key, value);
                    }
                }
            }
        }
        Ok(Renderer {
            tera,
            strings,
            origins: origins(theme),
        })
    }

    /// Renders `template` with `view`, whose `layout` gets the language's interface
    /// strings as `layout.ui` and `layout.chrome` (converted once per language, not
    /// once per page).
    fn render(
        &self,
        template: &str,
        url: &str,
        view: &impl serde::Serialize,
        env: &PageEnv,
    ) -> Result<String, RenderError> {
        self.render_framed(template, url, view, env, env)
    }

    /// Renders `template` with the interface strings of the content's language as
    /// `layout.ui` and those of the reader's, for the frame around it (header, menus,
    /// footer), as `layout.chrome`: they differ on a stand-in.
    fn render_framed(
        &self,
        template: &str,
        url: &str,
        view: &impl serde::Serialize,
        env: &PageEnv,
        chrome: &PageEnv,
    ) -> Result<String, RenderError> {
        let mut context = Context::from_serialize(view).map_err(|e| RenderError::Render {
            url: url.to_owned(),
            template: template.to_owned(),
            message: report(&e),
        })?;
        if let Some(mut layout) = context.remove("layout").and_then(tera::Value::into_map) {
            layout.insert("ui".into(), env.ui_value.clone());
            layout.insert("chrome".into(), chrome.ui_value.clone());
            context.insert_value("layout", tera::Value::from(layout));
        }
        self.tera
            .render(template, &context)
            .map(toc::fill)
            .map_err(|e| RenderError::Render {
                url: url.to_owned(),
                template: template.to_owned(),
                message: locate(&report(&e), &self.origins),
            })
    }

    /// One interface string of the theme in a language (the key itself if missing).
    pub fn ui_string(&self, lang: &str, key: &str) -> String {
        self.ui(lang)
            .get(key)
            .and_then(toml::Value::as_str)
            .unwrap_or(key)
            .to_owned()
    }

    fn ui(&self, lang: &str) -> toml::Table {
        let mut table = self.strings.get("en").cloned().unwrap_or_default();
        if let Some(own) = self.strings.get(lang) {
            table.extend(own.clone());
        }
        table
    }
}

/// For each template: the site's file that overrides it, or its place in the
/// embedded default theme.
fn origins(theme: &Theme) -> BTreeMap<String, String> {
    theme
        .templates
        .keys()
        .map(|name| {
            let origin = theme
                .origins
                .get(name)
                .cloned()
                .unwrap_or_else(|| format!("templates/{name} of the embedded default theme"));
            (name.clone(), origin)
        })
        .collect()
}

/// A page that failed to render: Tera's located report first, so its headline and
/// `-->` line stay together, then which page was being rendered.
fn render_failure(url: &str, template: &str, message: &str) -> String {
    if message.starts_with("error: ") {
        format!("{message}\n = note: while rendering {url} with template `{template}`")
    } else {
        format!("cannot render {url} with template `{template}`\n{message}")
    }
}

/// The report of a template that does not compile, naming the file behind it. Tera
/// reports a tag left open inside a block as "Unknown tag" at the correct end tag
/// that follows; that case is reported at the open tag instead.
fn template_error(e: &tera::Error, theme: &Theme) -> String {
    let origins = origins(theme);
    if let tera::ErrorKind::SyntaxError(found) = e.kind()
        && found.message() == "Unknown tag"
        && let Some(source) = theme.templates.get(found.filename())
        && let Some(open) = unclosed::unclosed_before(source, found.span().range.start)
    {
        let file = origins
            .get(found.filename())
            .map_or(found.filename(), String::as_str);
        return unclosed_report(source, file, &open);
    }
    locate(&report(e), &origins)
}

/// "`{% if %}` on line 4 is never closed", in the layout of Tera's own reports.
fn unclosed_report(source: &str, file: &str, open: &unclosed::Unclosed) -> String {
    let line_col = |at: usize| {
        let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = source[..at].matches('\n').count() + 1;
        (line, line_start, source[line_start..at].chars().count() + 1)
    };
    let (line, line_start, col) = line_col(open.open.start);
    let (end_line, _, _) = line_col(open.end.start);
    let line_end = source[line_start..]
        .find('\n')
        .map_or(source.len(), |i| line_start + i);
    let text = source[line_start..line_end].trim_end_matches('\r');
    let indent: String = source[line_start..open.open.start]
        .chars()
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let width = source[open.open.start..open.open.end.min(line_end)]
        .chars()
        .count()
        .max(1);
    // A block is named by its name, other tags by their keyword alone.
    let shown = match open.keyword {
        "block" => open.open_tag.clone(),
        keyword => keyword.to_owned(),
    };
    let closing = match open.keyword {
        "block" => format!("end{}", open.open_tag),
        keyword => format!("end{keyword}"),
    };
    let pad = " ".repeat(line.to_string().len());
    format!(
        "error: `{{% {shown} %}}` on line {line} is never closed\n\
         {pad}--> {file}:{line}:{col}\n\
         {pad} |\n\
         {line} | {text}\n\
         {pad} | {indent}{marker} never closed\n\
         {pad}= help: add `{{% {closing} %}}` before `{{% {end} %}}` on line {end_line}",
        marker = "^".repeat(width),
        end = open.end_tag,
    )
}

/// Names the file behind a template in Tera's report (`--> page.html:3:12`).
fn locate(report: &str, origins: &BTreeMap<String, String>) -> String {
    let mut out = report.to_owned();
    for (name, origin) in origins {
        out = out.replace(&format!("--> {name}:"), &format!("--> {origin}:"));
    }
    out
}

/// Tera's error with its cause chain (the report with line and column is in there).
fn report(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push('\n');
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// What the search client reads of the page (`#vpagen-ui`'s `search`).
#[derive(serde::Serialize)]
struct SearchSettings<'a> {
    /// URL of the manifest.
    manifest: &'a str,
    /// URL of the client module.
    client: String,
    /// URL of each language's stemmer.
    stemmers: BTreeMap<&'static str, String>,
    /// URL of the search page.
    page: String,
    /// The languages a reader may search in.
    languages: Vec<SearchLanguage<'a>>,
    /// Whether results of every language are offered.
    all_languages: bool,
}

#[derive(serde::Serialize)]
struct SearchLanguage<'a> {
    code: &'a str,
    name: &'a str,
}

/// What every page of one language shares: interface strings and asset URLs.
pub struct PageEnv {
    /// Interface strings of the theme for the language.
    pub ui: toml::Table,
    /// The same as a template value (`layout.ui`), shared by every page.
    ui_value: tera::Value,
    /// The `[js]` strings plus language and site key, as JSON safe inside `<script>`.
    pub ui_json: String,
    /// URL of the stylesheet (content-hashed).
    pub css: String,
    /// URL of the script (content-hashed).
    pub js: String,
    /// URL of the search loader (`search-load.js`, which loads the client on intent),
    /// when the site has a search index.
    pub search_client: Option<String>,
    /// URL of the search page, when the site has a search index.
    pub search_page: Option<String>,
    /// Main menu (computed once, not per page).
    nav: Vec<views::Link>,
    /// Footer menu.
    footer: Vec<views::Link>,
    /// Title of the language's home page.
    home_title: Option<String>,
    /// Per type: the sidebar of its item pages (`None` for a type without one).
    sections: HashMap<Kind, Option<views::SectionNav>>,
    /// Per guide id: the guides before and after it in its path.
    guide_neighbours: HashMap<String, (Option<String>, Option<String>)>,
}

/// JSON that can sit inside a `<script>` element: `<`, `>` and `&` are escaped, so
/// no text from content can close the element or open a comment.
pub fn script_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".to_owned())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Gives stylesheets and scripts a content hash in their name (with `hashed`), so
/// browsers can cache them forever, and ES modules the hashed names of their imports
/// ([`modules`]); returns the renamed files and a map from the plain path to the URL.
pub fn hash_assets(
    mut assets: BTreeMap<String, Vec<u8>>,
    base_path: &str,
    hashed: bool,
) -> (Vec<OutputFile>, BTreeMap<String, String>) {
    let names = if hashed {
        modules::hashed_paths(&mut assets)
    } else {
        BTreeMap::new()
    };
    let mut files = Vec::new();
    let mut urls = BTreeMap::new();
    for (path, bytes) in assets {
        let hashed = names.get(&path).cloned().unwrap_or_else(|| path.clone());
        urls.insert(path, format!("{base_path}/{hashed}"));
        files.push(OutputFile {
            path: hashed,
            bytes,
        });
    }
    (files, urls)
}

impl Renderer {
    /// The shared page data of a language.
    pub fn env(&self, site: &Site, lang: &str, urls: &BTreeMap<String, String>) -> PageEnv {
        let ui = self.ui(lang);
        let (nav, footer) = views::menus(site, lang, &ui);
        let mut js: serde_json::Map<String, serde_json::Value> = ui
            .get("js")
            .and_then(|v| serde_json::to_value(v).ok())
            .and_then(|v| v.as_object().cloned())
            .unwrap_or_default();
        js.insert("lang".into(), lang.into());
        js.insert("site".into(), views::site_key(site).into());
        let base = site.config.base_path();
        let url = |p: &str| {
            urls.get(p)
                .cloned()
                .unwrap_or_else(|| format!("{base}/{p}"))
        };
        let search = urls.get("_search/manifest.json").map(|manifest| {
            crate::util::sorted_json(&SearchSettings {
                manifest,
                client: url("js/search.js"),
                stemmers: BTreeMap::from([
                    ("de", url("js/stem-de.js")),
                    ("en", url("js/stem-en.js")),
                ]),
                page: site.search_url(lang),
                languages: site
                    .config
                    .languages
                    .iter()
                    .map(|l| SearchLanguage {
                        code: &l.code,
                        name: &l.name,
                    })
                    .collect(),
                all_languages: site.config.search.all_languages,
            })
        });
        if let Some(s) = &search {
            js.insert("search".into(), s.clone());
        }
        let sections = Kind::ALL
            .into_iter()
            .map(|kind| (kind, views::section_nav(site, kind, lang, &ui)))
            .collect();
        PageEnv {
            sections,
            ui_value: tera::Value::from_serializable(&ui),
            guide_neighbours: views::guide_neighbours(site, lang),
            ui_json: script_json(&js),
            ui,
            css: url("css/style.css"),
            js: url("js/vpagen.js"),
            search_client: search.as_ref().map(|_| url("js/search-load.js")),
            search_page: search.as_ref().map(|_| site.search_url(lang)),
            nav,
            footer,
            home_title: site.home(lang).map(|h| h.title.clone()),
        }
    }
}

/// The [`PageEnv`] of every language, computed once per render.
pub struct Envs<'a> {
    site: &'a Site,
    envs: HashMap<String, PageEnv>,
}

impl<'a> Envs<'a> {
    /// The environments of all languages of `site`; `urls` maps asset paths to URLs.
    pub fn new(site: &'a Site, renderer: &Renderer, urls: &BTreeMap<String, String>) -> Self {
        let envs = site
            .config
            .languages
            .iter()
            .map(|l| (l.code.clone(), renderer.env(site, &l.code, urls)))
            .collect();
        Envs { site, envs }
    }

    /// The environment of `lang` (the default language's for an unknown one).
    fn of(&self, lang: &str) -> Option<&PageEnv> {
        self.envs
            .get(lang)
            .or_else(|| self.envs.get(self.site.config.default_lang.as_str()))
    }
}

/// Renders every page of the site (in parallel) and the data files; `urls` maps asset
/// paths to their URLs.
pub fn render_site(
    site: &Site,
    bodies: &Bodies,
    renderer: &Renderer,
    urls: &BTreeMap<String, String>,
) -> Result<Vec<OutputFile>, RenderError> {
    let files = std::sync::Mutex::new(Vec::new());
    let sink = |file| {
        files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(file);
        Ok::<(), RenderError>(())
    };
    render_site_each(site, bodies, renderer, urls, &sink)?;
    render_generated_each(site, renderer, urls, &sink)?;
    Ok(files
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner))
}

/// Renders the pages of every item (in parallel: its own, its stand-ins, its print
/// bundle), handing each file to `sink` as soon as it is ready (`vpagen build` writes
/// it at once). The other pages are [`render_generated_each`]'s.
pub fn render_site_each<E>(
    site: &Site,
    bodies: &Bodies,
    renderer: &Renderer,
    urls: &BTreeMap<String, String>,
    sink: &(dyn Fn(OutputFile) -> Result<(), E> + Sync),
) -> Result<(), E>
where
    E: From<RenderError> + Send,
{
    let envs = Envs::new(site, renderer, urls);
    site.items.par_iter().try_for_each(|item| {
        item_pages(site, bodies.of(item), renderer, &envs, item, sink)?;
        match render_print(site, bodies, renderer, &envs, item)? {
            Some(file) => sink(file),
            None => Ok(()),
        }
    })
}

/// An item's page and its stand-ins, with its rendered Markdown, handed to `sink`.
fn item_pages<E>(
    site: &Site,
    markdown: &RenderedItem,
    renderer: &Renderer,
    envs: &Envs<'_>,
    item: &Item,
    sink: &(dyn Fn(OutputFile) -> Result<(), E> + Sync),
) -> Result<(), E>
where
    E: From<RenderError>,
{
    for file in render_item(site, markdown, renderer, envs, item)?
        .into_iter()
        .chain(render_stand_ins(site, markdown, renderer, envs, item)?)
    {
        sink(file)?;
    }
    Ok(())
}

/// [`render_site_each`], giving up the rendered Markdown as it goes (`vpagen build`):
/// the print bundles, which show other items' Markdown, come first; then each item's
/// pages, after which its Markdown is freed.
pub fn render_site_spending<E>(
    site: &Site,
    mut bodies: Bodies,
    renderer: &Renderer,
    urls: &BTreeMap<String, String>,
    sink: &(dyn Fn(OutputFile) -> Result<(), E> + Sync),
) -> Result<(), E>
where
    E: From<RenderError> + Send,
{
    let envs = Envs::new(site, renderer, urls);
    site.items.par_iter().try_for_each(|item| {
        match render_print(site, &bodies, renderer, &envs, item)? {
            Some(file) => sink(file),
            None => Ok(()),
        }
    })?;
    let owned = bodies.take_all(&site.items);
    site.items
        .par_iter()
        .zip(owned)
        .try_for_each(|(item, markdown)| item_pages(site, &markdown, renderer, &envs, item, sink))
}

/// Renders the pages that no item's Markdown goes into (lists, the home and search
/// pages, 404) and the data files, handing each to `sink`.
pub fn render_generated_each<E>(
    site: &Site,
    renderer: &Renderer,
    urls: &BTreeMap<String, String>,
    sink: &(dyn Fn(OutputFile) -> Result<(), E> + Sync),
) -> Result<(), E>
where
    E: From<RenderError> + Send,
{
    let envs = Envs::new(site, renderer, urls);
    render_generated(site, renderer, &envs)?
        .into_iter()
        .chain(data::files(site))
        .try_for_each(sink)
}

/// The print bundle of an onboarding guide (`…/druck/`; `None` for other items): its
/// steps, then the checklists and briefings they name, with a table of contents and
/// the addresses of its links as numbered notes.
pub fn render_print(
    site: &Site,
    bodies: &Bodies,
    renderer: &Renderer,
    envs: &Envs<'_>,
    item: &Item,
) -> Result<Option<OutputFile>, RenderError> {
    let (Data::Guide(g), Some(env)) = (&item.data, envs.of(&item.lang)) else {
        return Ok(None);
    };
    let view = views::print_page(site, item, g, bodies, env);
    let url = site.print_url(item);
    let html = renderer.render("print.html", &url, &view, env)?;
    let heading = crate::util::escape_html(&views::ui_str(&env.ui, "print_links"));
    Ok(Some(OutputFile {
        path: site.output_path(&url),
        bytes: link_notes(&html, site.config.origin(), &heading).into_bytes(),
    }))
}

/// Whether the print bundle of `guide` shows `item`: the guide itself, or a checklist
/// or briefing one of its steps names.
pub fn print_shows(guide: &Item, item: &Item) -> bool {
    let Data::Guide(g) = &guide.data else {
        return false;
    };
    let named = |id: Option<&String>| id.is_some_and(|id| *id == item.id);
    (item.kind == Kind::Guide && item.id == guide.id)
        || g.steps.iter().any(|s| match item.kind {
            Kind::Checklist => named(s.checklist.as_ref()),
            Kind::Briefing => named(s.briefing.as_ref()),
            _ => false,
        })
}

/// Numbers the links in `<main>` that leave the page and lists their absolute
/// addresses at its end, for paper: `text[3]` … `3. https://…`. Links the paper does
/// not show (marked `data-no-print-note`, such as the way back to the guide) get none.
fn link_notes(html: &str, origin: &str, heading: &str) -> String {
    let (Some(start), Some(end)) = (html.find("<main"), html.rfind("</main>")) else {
        return html.to_owned();
    };
    let mut out = String::with_capacity(html.len() + 1024);
    out.push_str(&html[..start]);
    let mut notes: Vec<String> = Vec::new();
    let mut rest = &html[start..end];
    while let Some(i) = rest.find("<a ") {
        let Some(close) = rest[i..].find("</a>").map(|c| i + c + 4) else {
            break;
        };
        let tag = &rest[i..close];
        out.push_str(&rest[..close]);
        rest = &rest[close..];
        let Some(href) = tag
            .split_once("href=\"")
            .and_then(|(_, h)| h.split_once('"'))
            .map(|(h, _)| h)
        else {
            continue;
        };
        if href.starts_with('#') || href.is_empty() || tag.contains(" data-no-print-note") {
            continue;
        }
        let absolute = if href.starts_with('/') {
            format!("{origin}{href}")
        } else {
            href.to_owned()
        };
        let n = if let Some(p) = notes.iter().position(|u| *u == absolute) {
            p + 1
        } else {
            notes.push(absolute);
            notes.len()
        };
        let _ = write!(out, "<sup class=\"print-ref\">[{n}]</sup>");
    }
    out.push_str(rest);
    if !notes.is_empty() {
        let _ = write!(
            out,
            "<section class=\"print-links\" aria-labelledby=\"print-links-title\"><h2 id=\"print-links-title\">{heading}</h2><ol>"
        );
        for url in &notes {
            // Attribute values are escaped the way text is.
            let _ = write!(out, "<li>{url}</li>");
        }
        out.push_str("</ol></section>\n");
    }
    out.push_str(&html[end..]);
    out
}

/// The data files (JSON exports, sitemap, feeds, briefing templates, `robots.txt`).
pub fn data_files(site: &Site) -> Vec<OutputFile> {
    data::files(site)
}

/// The page of one item (`None` for a language the site does not have), with its
/// rendered Markdown.
pub fn render_item(
    site: &Site,
    markdown: &RenderedItem,
    renderer: &Renderer,
    envs: &Envs<'_>,
    item: &Item,
) -> Result<Option<OutputFile>, RenderError> {
    let Some(env) = envs.of(&item.lang) else {
        return Ok(None);
    };
    let view = views::item_page(site, item, markdown, env);
    let url = site.url(item);
    let html = renderer.render(template_of(item), &url, &view, env)?;
    Ok(Some(OutputFile {
        path: site.output_path(&url),
        bytes: html.into_bytes(),
    }))
}

/// The stand-ins of an untranslated original: one page per language whose readers
/// get one, at the original's place in that language's tree. `markdown` is the
/// original's.
pub fn render_stand_ins(
    site: &Site,
    markdown: &RenderedItem,
    renderer: &Renderer,
    envs: &Envs<'_>,
    item: &Item,
) -> Result<Vec<OutputFile>, RenderError> {
    let Some(content_env) = envs.of(&item.lang) else {
        return Ok(Vec::new());
    };
    site.stand_in_langs(item)
        .filter_map(|reader| Some((reader, envs.envs.get(reader)?)))
        .map(|(reader, env)| {
            let view = views::stand_in_page(site, item, reader, markdown, content_env, env);
            let url = site.url_in(item, reader);
            let html = renderer.render_framed(template_of(item), &url, &view, content_env, env)?;
            Ok(OutputFile {
                path: site.output_path(&url),
                bytes: html.into_bytes(),
            })
        })
        .collect()
}

/// The pages that are not items: lists, search, matrix, roles, fallback homes, 404.
fn render_generated(
    site: &Site,
    renderer: &Renderer,
    envs: &Envs<'_>,
) -> Result<Vec<OutputFile>, RenderError> {
    let mut files = Vec::new();
    let mut page = |url: &str, html: Result<String, RenderError>| -> Result<(), RenderError> {
        files.push(OutputFile {
            path: site.output_path(url),
            bytes: html?.into_bytes(),
        });
        Ok(())
    };
    for lang in &site.config.languages {
        let Some(env) = envs.of(&lang.code) else {
            continue;
        };
        for kind in Kind::ALL {
            let Some(url) = site.list_url(kind, &lang.code) else {
                continue;
            };
            let view = views::list_page(site, kind, &lang.code, env);
            page(&url, renderer.render("list.html", &url, &view, env))?;
        }
        if env.search_page.is_some()
            && renderer
                .tera
                .get_template_names()
                .any(|n| n == "search.html")
        {
            let url = site.search_url(&lang.code);
            let view = views::search_page(site, &lang.code, env);
            page(&url, renderer.render("search.html", &url, &view, env))?;
        }
        if let Some(url) = site.matrix_url(&lang.code) {
            let view = views::matrix_page(site, &lang.code, env);
            page(&url, renderer.render("matrix.html", &url, &view, env))?;
        }
        for role in &site.config.roles {
            if let Some(url) = site.role_url(&role.id, &lang.code) {
                let view = views::role_page(site, role, &lang.code, env);
                page(&url, renderer.render("role.html", &url, &view, env))?;
            }
        }
        if site.home(&lang.code).is_none_or(|h| h.lang != lang.code) {
            // A language without its own home page still gets a root page.
            let url = format!("{}/", site.lang_prefix(&lang.code));
            let view = views::fallback_home(site, &lang.code, env);
            page(&url, renderer.render("list.html", &url, &view, env))?;
        }
    }
    if let Some(env) = envs.of(&site.config.default_lang) {
        let view = views::not_found(site, env);
        files.push(OutputFile {
            path: "404.html".to_owned(),
            bytes: renderer
                .render("404.html", "/404.html", &view, env)?
                .into_bytes(),
        });
    }
    Ok(files)
}

fn template_of(item: &Item) -> &'static str {
    match item.kind {
        Kind::Service => "service.html",
        Kind::Skill => "skill.html",
        Kind::Checklist => "checklist.html",
        Kind::Rate => "rate.html",
        Kind::Briefing => "briefing.html",
        Kind::Guide => "guide.html",
        Kind::Page => "page.html",
    }
}
