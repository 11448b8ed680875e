//! The search page.

use serde::Serialize;

use crate::model::Site;

use super::PageEnv;
use super::{Layout, alternates_by, layout};

/// The context of the search page.
#[derive(Debug, Serialize)]
pub(in crate::render) struct SearchPage<'a> {
    layout: Layout<'a>,
    kind: &'static str,
    title: String,
    url: String,
    /// Whether the "all languages" box starts checked (`[search] all_languages`).
    all_languages: bool,
}

pub(in crate::render) fn search_page<'a>(
    site: &'a Site,
    lang: &'a str,
    env: &'a PageEnv,
) -> SearchPage<'a> {
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
