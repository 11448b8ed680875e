//! Templates: the Tera environment built from the theme, typed view structs per
//! template (`views`), and the list of output files of a site.
//!
//! The only module that imports `tera`. Rendered Markdown enters templates through
//! `| safe` at named places only; everything else is autoescaped.

mod views;

use std::collections::{BTreeMap, HashMap};

use tera::{Context, Tera};

use crate::content::{Item, Kind};
use crate::markdown::Rendered;
use crate::model::Site;
use crate::theme::Theme;

pub use views::Fragments;

/// A file of the built site, in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// A template could not be parsed or rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template has a syntax error or refers to a missing template.
    #[error("theme template error\n{0}")]
    Template(String),
    /// Rendering a page failed (the message names template, line and column).
    #[error("cannot render {url} with template `{template}`\n{message}")]
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
    "404.html",
];

impl Renderer {
    /// Compiles the theme's templates and reads its string files.
    pub fn new(theme: &Theme) -> Result<Renderer, RenderError> {
        let mut tera = Tera::new();
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(n, t)| (n.as_str(), t.as_str())),
        )
        .map_err(|e| RenderError::Template(report(&e)))?;
        for name in REQUIRED {
            if !theme.templates.contains_key(*name) {
                return Err(RenderError::Template(format!(
                    "the theme has no templates/{name}"
                )));
            }
        }
        let mut strings = BTreeMap::new();
        for (lang, text) in &theme.strings {
            let table: toml::Table = toml::from_str(text).map_err(|e| RenderError::Strings {
                lang: lang.clone(),
                message: e.message().to_owned(),
            })?;
            strings.insert(lang.clone(), table);
        }
        Ok(Renderer { tera, strings })
    }

    fn render(
        &self,
        template: &str,
        url: &str,
        view: &impl serde::Serialize,
    ) -> Result<String, RenderError> {
        let context = Context::from_serialize(view).map_err(|e| RenderError::Render {
            url: url.to_owned(),
            template: template.to_owned(),
            message: report(&e),
        })?;
        self.tera
            .render(template, &context)
            .map_err(|e| RenderError::Render {
                url: url.to_owned(),
                template: template.to_owned(),
                message: report(&e),
            })
    }

    fn ui(&self, lang: &str) -> toml::Table {
        let mut table = self.strings.get("en").cloned().unwrap_or_default();
        if let Some(own) = self.strings.get(lang) {
            table.extend(own.clone());
        }
        table
    }
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

/// Rendered Markdown of every item, by type, id and language.
pub type Bodies = HashMap<(Kind, String, String), (Rendered, Fragments)>;

/// Renders every page of the site.
pub fn render_site(
    site: &Site,
    bodies: &Bodies,
    renderer: &Renderer,
) -> Result<Vec<OutputFile>, RenderError> {
    let mut files = Vec::new();
    let empty = (Rendered::default(), Fragments::default());
    for item in &site.items {
        let key = (item.kind, item.id.clone(), item.lang.clone());
        let (body, fragments) = bodies.get(&key).unwrap_or(&empty);
        let ui = renderer.ui(&item.lang);
        let view = views::item_page(site, item, body, fragments, &ui);
        let template = template_of(item);
        let url = site.url(item);
        let html = renderer.render(template, &url, &view)?;
        files.push(OutputFile {
            path: index_path(&url),
            bytes: html.into_bytes(),
        });
    }
    for lang in &site.config.languages {
        let ui = renderer.ui(&lang.code);
        for kind in Kind::ALL {
            let Some(url) = site.list_url(kind, &lang.code) else {
                continue;
            };
            let view = views::list_page(site, kind, &lang.code, &ui);
            let html = renderer.render("list.html", &url, &view)?;
            files.push(OutputFile {
                path: index_path(&url),
                bytes: html.into_bytes(),
            });
        }
        if site.home(&lang.code).is_none_or(|h| h.lang != lang.code) {
            // A language without its own home page still gets a root page.
            let url = format!("{}/", site.lang_prefix(&lang.code));
            let view = views::fallback_home(site, &lang.code, &ui);
            let html = renderer.render("list.html", &url, &view)?;
            files.push(OutputFile {
                path: index_path(&url),
                bytes: html.into_bytes(),
            });
        }
    }
    let ui = renderer.ui(&site.config.default_lang);
    let view = views::not_found(site, &ui);
    files.push(OutputFile {
        path: "404.html".to_owned(),
        bytes: renderer
            .render("404.html", "/404.html", &view)?
            .into_bytes(),
    });
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

/// `/a/b/` → `a/b/index.html`.
fn index_path(url: &str) -> String {
    let trimmed = url.trim_start_matches('/');
    format!("{trimmed}index.html")
}
