//! Machine-readable output: `catalogue.json`, `rates.json`, `sitemap.xml`,
//! `robots.txt`, Atom feeds, blank briefing templates and schema.org JSON-LD.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::content::raw::PageKind;
use crate::content::types::{Briefing, RateTable};
use crate::content::{Data, Item};
use crate::kind::Kind;
use crate::markdown::{Breaks, Rendered, plain_text};
use crate::model::Site;
use crate::output::OutputFile;
use crate::pricing;
use crate::util::escape_xml;

/// The rate table in the integer units the browser calculator works with.
pub(super) fn calculator_data(r: &RateTable, lang: &str) -> Value {
    json!({
        "lang": lang,
        "currency": r.currency,
        "price_basis": toml::Value::try_from(r.price_basis).ok().and_then(|v| v.as_str().map(str::to_owned)),
        "vat_rate": r.vat_rate.map_or(0, |p| p.0),
        "billing_increment_min": r.billing_increment_min,
        "minimum_per_task_min": r.minimum_per_task_min,
        "base_hourly": r.base_hourly.map(|m| m.0),
        "trial": r.trial_offer.map(|t| json!({"hours": t.hours, "discount": t.discount.0})),
        "areas": r.areas.iter().map(|a| json!({"id": a.id, "label": a.label, "factor": a.factor.0})).collect::<Vec<_>>(),
        "packages": r.packages.iter().map(|p| json!({
            "id": p.id,
            "label": p.label,
            "hours": p.hours,
            "price": p.price.0,
            "period": serde_json::to_value(p.period).ok(),
            "overage_hourly": p.overage_hourly.map(|m| m.0),
            "top_up": p.top_up.map(|t| json!({"hours": t.hours, "price": t.price.0})),
            "rollover": p.rollover.as_ref().map(|ro| json!({
                "max_hours": ro.max_hours,
                "max_percent": ro.max_percent.map(|x| x.0),
                "expires_after_months": ro.expires_after_months,
            })),
        })).collect::<Vec<_>>(),
        "surcharges": r.surcharges.iter().map(|s| json!({"id": s.id, "label": s.label, "percent": s.percent.0})).collect::<Vec<_>>(),
        "units": r.units.iter().map(|u| json!({"id": u.id, "label": u.label, "price": u.price.0, "minimum_units": u.minimum_units})).collect::<Vec<_>>(),
    })
}

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

fn rates_json(site: &Site) -> Value {
    let rates: Vec<Value> = site
        .items
        .iter()
        .filter_map(|item| {
            let Data::Rate(r) = &item.data else {
                return None;
            };
            let lang = item.lang.as_str();
            // Each worked example: the request and what `pricing::price` answered, in
            // integer units (cents, thousandths of an hour), as the calculator gives them.
            let examples = crate::pricing::examples::worked(r);
            Some(json!({
                "id": item.id,
                "lang": lang,
                "url": site.url(item),
                "title": item.title,
                "table": calculator_data(r, lang),
                "valid_from": r.valid_from.to_string(),
                "valid_until": r.valid_until.map(|d| d.to_string()),
                "examples": examples,
            }))
        })
        .collect();
    json!({ "rates": rates })
}

fn catalogue_json(site: &Site) -> Value {
    let services: Vec<Value> = site
        .items
        .iter()
        .filter_map(|item| {
            let Data::Service(s) = &item.data else {
                return None;
            };
            let table = site.rate_table_of(s);
            let from = table.and_then(|t| match (&t.data, &s.billing) {
                (Data::Rate(r), crate::content::types::Billing::Hourly { work_area }) => r
                    .areas
                    .iter()
                    .find(|a| &a.id == work_area)
                    .and_then(|a| pricing::from_hourly(r, a)),
                _ => None,
            });
            Some(json!({
                "id": item.id,
                "lang": item.lang,
                "url": site.url(item),
                "title": item.title,
                "summary": item.summary,
                "category": s.category,
                "billing": s.billing,
                "hourly_from_cents": from.map(|m| m.0),
                "rate_table": table
                    .filter(|t| !site.is_hidden(Kind::Rate, &t.id))
                    .map(|t| t.id.clone()),
                "languages": s.languages,
                "tasks": s.tasks,
                "excluded": s.excluded,
                "personal_data": s.personal_data,
                // Skills hidden from this build's audience are left out.
                "skills": s
                    .skills
                    .iter()
                    .filter(|r| !site.is_hidden(Kind::Skill, &r.id))
                    .collect::<Vec<_>>(),
            }))
        })
        .collect();
    let c = &site.config;
    json!({
        "site": c.title.get(&c.default_lang, &c.default_lang),
        "base_url": c.base_url,
        "categories": c.categories.iter().map(|k| json!({"id": k.id, "title": k.title, "order": k.order})).collect::<Vec<_>>(),
        "services": services,
    })
}

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
    let pretty = |v: &Value| serde_json::to_string_pretty(v).unwrap_or_default();
    let mut out = vec![
        file("catalogue.json".to_owned(), pretty(&catalogue_json(site))),
        file("rates.json".to_owned(), pretty(&rates_json(site))),
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

/// schema.org data for a page: the agency on the home page, a service with its offer,
/// the questions of an FAQ page.
pub(super) fn jsonld(site: &Site, item: &Item, body: &Rendered) -> Option<Value> {
    let c = &site.config;
    let a = &c.agency;
    let organization = json!({
        "@type": "Organization",
        "name": a.name,
        "url": c.base_url,
        "email": a.email,
        "telephone": a.phone,
        "address": {"@type": "PostalAddress", "streetAddress": a.street, "postalCode": a.postcode, "addressLocality": a.city, "addressCountry": a.country},
    });
    match &item.data {
        Data::Page(p) if p.kind == PageKind::Home => {
            Some(json!({"@context": "https://schema.org", "@graph": [organization]}))
        }
        Data::Page(p) if p.kind == PageKind::Faq => {
            let questions: Vec<Value> = faq_pairs(&body.html)
                .into_iter()
                .map(|(q, a)| json!({"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}}))
                .collect();
            Some(
                json!({"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": questions}),
            )
        }
        Data::Service(s) => {
            let table = site.rate_table_of(s);
            let offer = table.and_then(|t| match (&t.data, &s.billing) {
                (Data::Rate(r), crate::content::types::Billing::Hourly { work_area }) => r
                    .areas
                    .iter()
                    .find(|x| &x.id == work_area)
                    .and_then(|x| pricing::from_hourly(r, x))
                    .map(|m| json!({"@type": "Offer", "priceSpecification": {"@type": "UnitPriceSpecification", "price": m.to_string(), "priceCurrency": r.currency, "unitCode": "HUR", "valueAddedTaxIncluded": r.price_basis == crate::content::raw::PriceBasis::Gross}})),
                _ => None,
            });
            Some(json!({
                "@context": "https://schema.org",
                "@type": "Service",
                "name": item.title,
                "description": item.summary,
                "url": absolute(site, &site.url(item)),
                "provider": organization,
                "areaServed": a.country,
                "availableLanguage": s.languages,
                "offers": offer,
            }))
        }
        _ => None,
    }
}

/// (question, answer text) for every `<h2>` of an FAQ body.
fn faq_pairs(html: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for part in html.split("<h2").skip(1) {
        let Some((heading, rest)) = part.split_once("</h2>") else {
            continue;
        };
        let question = plain_text(
            heading.split_once('>').map_or(heading, |(_, t)| t),
            Breaks::Blocks,
        );
        let answer = plain_text(rest, Breaks::Blocks);
        if !question.is_empty() {
            pairs.push((question, answer));
        }
    }
    pairs
}
