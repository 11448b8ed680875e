//! Plain pages, the Impressum block among them.

use serde::Serialize;

use crate::content::raw::PageKind;
use crate::content::types::Page;
use crate::model::Site;

use super::serde_name;

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
pub(super) struct PageView {
    page_kind: String,
    audience: String,
    impressum: Option<ImpressumView>,
}

pub(super) fn page_view(site: &Site, p: &Page, lang: &str) -> PageView {
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
