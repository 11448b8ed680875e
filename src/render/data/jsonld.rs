//! schema.org JSON-LD of a page: the agency on the home page, a service with its
//! offer, the questions of an FAQ page.

use serde::Serialize;

use crate::content::raw::{PageKind, PriceBasis};
use crate::content::{Data, Item};
use crate::markdown::{Breaks, Rendered, plain_text};
use crate::model::{PriceFrom, Site};

use super::absolute;

/// The JSON-LD of a page, if its type has one.
#[derive(Serialize)]
#[serde(untagged)]
pub(crate) enum JsonLd<'a> {
    /// The home page: the agency.
    Home {
        #[serde(rename = "@context")]
        context: &'static str,
        #[serde(rename = "@graph")]
        graph: [Organization<'a>; 1],
    },
    /// An FAQ page: its questions.
    Faq {
        #[serde(rename = "@context")]
        context: &'static str,
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(rename = "mainEntity")]
        main_entity: Vec<Question>,
    },
    /// A service with its hourly offer.
    Service(Box<ServiceLd<'a>>),
}

/// The agency as a schema.org `Organization`.
#[derive(Serialize)]
pub(crate) struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: &'a str,
    email: &'a str,
    telephone: &'a str,
    address: Address<'a>,
}

#[derive(Serialize)]
struct Address<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "streetAddress")]
    street: &'a str,
    #[serde(rename = "postalCode")]
    postcode: &'a str,
    #[serde(rename = "addressLocality")]
    city: &'a str,
    #[serde(rename = "addressCountry")]
    country: &'a str,
}

/// A question of an FAQ page with its answer.
#[derive(Serialize)]
pub(crate) struct Question {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
    #[serde(rename = "acceptedAnswer")]
    accepted_answer: Answer,
}

#[derive(Serialize)]
struct Answer {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: String,
}

/// A service as a schema.org `Service`.
#[derive(Serialize)]
pub(crate) struct ServiceLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    description: Option<&'a str>,
    url: String,
    provider: Organization<'a>,
    #[serde(rename = "areaServed")]
    area_served: &'a str,
    #[serde(rename = "availableLanguage")]
    available_language: &'a [String],
    offers: Option<Offer<'a>>,
}

#[derive(Serialize)]
struct Offer<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "priceSpecification")]
    price_specification: PriceSpecification<'a>,
}

#[derive(Serialize)]
struct PriceSpecification<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    price: String,
    #[serde(rename = "priceCurrency")]
    price_currency: &'a str,
    #[serde(rename = "unitCode")]
    unit_code: &'static str,
    #[serde(rename = "valueAddedTaxIncluded")]
    value_added_tax_included: bool,
}

const SCHEMA_ORG: &str = "https://schema.org";

/// The JSON-LD of `item`'s page, if its type has one.
pub(crate) fn jsonld<'a>(site: &'a Site, item: &'a Item, body: &Rendered) -> Option<JsonLd<'a>> {
    let organization = organization(site);
    match &item.data {
        Data::Page(p) if p.kind == PageKind::Home => Some(JsonLd::Home {
            context: SCHEMA_ORG,
            graph: [organization],
        }),
        Data::Page(p) if p.kind == PageKind::Faq => Some(JsonLd::Faq {
            context: SCHEMA_ORG,
            kind: "FAQPage",
            main_entity: faq_questions(&body.html),
        }),
        Data::Service(s) => {
            let offers = match site.price_from(s) {
                Some(PriceFrom::Hourly { table, price, .. }) => Some(Offer {
                    kind: "Offer",
                    price_specification: PriceSpecification {
                        kind: "UnitPriceSpecification",
                        price: price.to_string(),
                        price_currency: &table.currency,
                        unit_code: "HUR",
                        value_added_tax_included: table.price_basis == PriceBasis::Gross,
                    },
                }),
                _ => None,
            };
            Some(JsonLd::Service(Box::new(ServiceLd {
                context: SCHEMA_ORG,
                kind: "Service",
                name: &item.title,
                description: item.summary.as_deref(),
                url: absolute(site, &site.url(item)),
                area_served: &site.config.agency.country,
                provider: organization,
                available_language: &s.languages,
                offers,
            })))
        }
        _ => None,
    }
}

fn organization(site: &Site) -> Organization<'_> {
    let c = &site.config;
    let a = &c.agency;
    Organization {
        kind: "Organization",
        name: &a.name,
        url: &c.base_url,
        email: &a.email,
        telephone: &a.phone,
        address: Address {
            kind: "PostalAddress",
            street: &a.street,
            postcode: &a.postcode,
            city: &a.city,
            country: &a.country,
        },
    }
}

/// A question for every `<h2>` of an FAQ body, answered by the text up to the next.
fn faq_questions(html: &str) -> Vec<Question> {
    let mut questions = Vec::new();
    for part in html.split("<h2").skip(1) {
        let Some((heading, rest)) = part.split_once("</h2>") else {
            continue;
        };
        let name = plain_text(
            heading.split_once('>').map_or(heading, |(_, t)| t),
            Breaks::Blocks,
        );
        if !name.is_empty() {
            questions.push(Question {
                kind: "Question",
                name,
                accepted_answer: Answer {
                    kind: "Answer",
                    text: plain_text(rest, Breaks::Blocks),
                },
            });
        }
    }
    questions
}
