//! Machine-readable output: `catalogue.json`, `rates.json`, `sitemap.xml`,
//! `robots.txt`, Atom feeds, blank briefing templates and schema.org JSON-LD.

mod json;
mod jsonld;

use std::fmt::Write as _;

use crate::content::types::Briefing;
use crate::content::{Data, Item};
use crate::kind::Kind;
use crate::model::Site;
use crate::output::OutputFile;
use crate::util::{escape_xml, sorted_json};

pub(super) use json::CalculatorTable;
use json::{CatalogueFile, RatesFile};
pub(super) use jsonld::jsonld;

/// URL of a briefing's blank Markdown template: `/briefings/allgemein.md`.
pub(super) fn briefing_template_url(site: &Site, item: &Item) -> String {
    format!("{}.md", site.url(item).trim_end_matches('/'))
}

fn briefing_template(item: &Item, b: &Briefing) -> String {
    let mut md = format!("# {}\n", item.title);
    if let Some(summary) = &item.summary {
        let _ = write!(md, "\n{summary}\n");
    }
    let mut section: Option<&str> = None;
    for f in &b.fields {
        if f.section.as_deref() != section {
            section = f.section.as_deref();
            if let Some(s) = section {
                let _ = write!(md, "\n## {s}\n\n");
            }
        } else if section.is_none() && md.ends_with('\n') && !md.ends_with("\n\n") {
            md.push('\n');
        }
        let req = if f.required { " *" } else { "" };
        let _ = writeln!(md, "- **{}{req}:** ", f.label);
    }
    md
}

/// A site URL with the origin of `base_url`.
fn absolute(site: &Site, url: &str) -> String {
    format!("{}{url}", site.config.origin())
}

fn sitemap(site: &Site) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for item in &site.items {
        let _ = writeln!(
            xml,
            "  <url>\n    <loc>{}</loc>",
            escape_xml(&absolute(site, &site.url(item)))
        );
        if let Some(d) = item.meta.updated {
            let _ = writeln!(xml, "    <lastmod>{d}</lastmod>");
        }
        let variants: Vec<&Item> = site.variants(item.kind, &item.id).collect();
        if variants.len() > 1 {
            for v in variants {
                let _ = writeln!(
                    xml,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    v.lang,
                    escape_xml(&absolute(site, &site.url(v)))
                );
            }
        }
        xml.push_str("  </url>\n");
    }
    for lang in &site.config.languages {
        let mut urls: Vec<String> = Kind::ALL
            .iter()
            .filter_map(|k| site.list_url(*k, &lang.code))
            .collect();
        urls.extend(site.matrix_url(&lang.code));
        urls.extend(
            site.config
                .roles
                .iter()
                .filter_map(|r| site.role_url(&r.id, &lang.code)),
        );
        if site.home(&lang.code).is_none_or(|h| h.lang != lang.code) {
            urls.push(format!("{}/", site.lang_prefix(&lang.code)));
        }
        for url in urls {
            let _ = writeln!(
                xml,
                "  <url><loc>{}</loc></url>",
                escape_xml(&absolute(site, &url))
            );
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Atom feed of a language: its items with an `updated` date, newest first.
fn feed(site: &Site, lang: &str) -> String {
    let c = &site.config;
    let mut items: Vec<&Item> = site
        .items
        .iter()
        .filter(|i| i.lang == lang && i.meta.updated.is_some())
        .collect();
    items.sort_by_key(|i| std::cmp::Reverse(i.meta.updated));
    items.truncate(50);
    let newest = items
        .first()
        .and_then(|i| i.meta.updated)
        .unwrap_or(site.build_date);
    let self_url = absolute(site, &format!("{}/atom.xml", site.lang_prefix(lang)));
    let home = absolute(site, &format!("{}/", site.lang_prefix(lang)));
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"self\" href=\"{}\"/>\n  <link rel=\"alternate\" href=\"{}\"/>\n  <updated>{newest}T00:00:00Z</updated>\n  <author><name>{}</name></author>\n",
        escape_xml(c.title.get(lang, &c.default_lang)),
        escape_xml(&home),
        escape_xml(&self_url),
        escape_xml(&home),
        escape_xml(&c.agency.name)
    );
    for item in items {
        let url = absolute(site, &site.url(item));
        let updated = item.meta.updated.unwrap_or(site.build_date);
        let _ = write!(
            xml,
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{updated}T00:00:00Z</updated>\n    <summary>{}</summary>\n  </entry>\n",
            escape_xml(&item.title),
            escape_xml(&url),
            escape_xml(&url),
            escape_xml(item.summary.as_deref().unwrap_or_default())
        );
    }
    xml.push_str("</feed>\n");
    xml
}

/// All machine-readable files of the site.
pub(super) fn files(site: &Site) -> Vec<OutputFile> {
    let file = |path: String, text: String| OutputFile {
        path,
        bytes: text.into_bytes(),
    };
    let pretty = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap_or_default();
    let mut out = vec![
        file(
            "catalogue.json".to_owned(),
            pretty(&sorted_json(&CatalogueFile::new(site))),
        ),
        file(
            "rates.json".to_owned(),
            pretty(&sorted_json(&RatesFile::new(site))),
        ),
        file("sitemap.xml".to_owned(), sitemap(site)),
        file(
            "robots.txt".to_owned(),
            if site.audience > 0 {
                // A site for a narrower audience than the public is not for search engines.
                "User-agent: *\nDisallow: /\n".to_owned()
            } else {
                format!(
                    "User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
                    site.config.base_url
                )
            },
        ),
    ];
    for lang in &site.config.languages {
        let prefix = site.lang_prefix(&lang.code);
        out.push(file(
            site.output_path(&format!("{prefix}/atom.xml")),
            feed(site, &lang.code),
        ));
    }
    for item in &site.items {
        if let Data::Briefing(b) = &item.data {
            let url = briefing_template_url(site, item);
            out.push(file(site.output_path(&url), briefing_template(item, b)));
        }
    }
    out
}
