//! What the Impressum must say, by legal form (§ 5 DDG).
//!
//! `agency.legal_form` is free text ("Einzelunternehmen", "`GmbH`", "`UG`
//! (haftungsbeschränkt)"). vpagen recognises the German forms and requires what each
//! must state:
//!
//! - a sole trader or freelancer (also when no form is given): the owner's full name;
//! - a registered merchant (e. K.): the owner, register court and number;
//! - a company (`GmbH`, `UG`, `AG`, `SE`, `KGaA`, `GmbH & Co. KG`) or a registered
//!   partnership (`OHG`, `KG`, `PartG`, `eGbR`): `represented_by`, register court and
//!   number;
//! - a civil-law partnership (`GbR`): `represented_by`.
//!
//! A form vpagen does not know gets a note: the Impressum is then the author's to check.

use super::Agency;
use crate::diag::{Diagnostic, Diagnostics};
use crate::toml_doc::{Doc, Seg, Target};

/// The kinds of legal form that differ in what the Impressum must state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegalKind {
    /// A natural person: Einzelunternehmen, freelancer.
    SoleTrader,
    /// A registered merchant (e. K.).
    Merchant,
    /// A company: `GmbH`, `UG`, `AG`, `SE`, `KGaA` (and `GmbH & Co. KG`).
    Company,
    /// A registered partnership: `OHG`, `KG`, `PartG`, `eGbR`.
    Partnership,
    /// A civil-law partnership (`GbR`), not registered.
    CivilPartnership,
    /// A form vpagen does not know.
    Other,
}

impl LegalKind {
    /// The kind of a legal form as written; no form at all reads as a sole trader.
    pub fn of(form: Option<&str>) -> LegalKind {
        let Some(form) = form else {
            return LegalKind::SoleTrader;
        };
        let lower = form.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric() && c != '&')
            .filter(|w| !w.is_empty())
            .collect();
        let has = |w: &str| words.contains(&w);
        let compact: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
        if ["gmbh", "ug", "ag", "se", "kgaa", "ggmbh"]
            .iter()
            .any(|w| has(w))
            || lower.contains("haftungsbeschränkt")
            || lower.contains("aktiengesellschaft")
        {
            LegalKind::Company
        } else if ["ohg", "kg", "partg", "egbr", "partgmbb"]
            .iter()
            .any(|w| has(w))
            || lower.contains("partnerschaftsgesellschaft")
            || lower.contains("kommanditgesellschaft")
        {
            LegalKind::Partnership
        } else if has("gbr") || lower.contains("gesellschaft bürgerlichen rechts") {
            LegalKind::CivilPartnership
        } else if ["ek", "ekfm", "ekfr"].iter().any(|w| compact == *w)
            || lower.contains("e. k.")
            || lower.contains("e.k.")
            || lower.contains("eingetragene kauffrau")
            || lower.contains("eingetragener kaufmann")
        {
            LegalKind::Merchant
        } else if [
            "einzelunternehm",
            "freiberuf",
            "selbstständig",
            "selbständig",
            "kleingewerbe",
            "sole ",
            "freelance",
        ]
        .iter()
        .any(|w| lower.contains(w) || compact.starts_with(w.trim()))
        {
            LegalKind::SoleTrader
        } else {
            LegalKind::Other
        }
    }

    /// Whether the owner's full name belongs in the Impressum.
    pub fn names_owner(self) -> bool {
        matches!(self, LegalKind::SoleTrader | LegalKind::Merchant)
    }

    /// Whether the Impressum names who represents the business.
    pub fn is_represented(self) -> bool {
        matches!(
            self,
            LegalKind::Company | LegalKind::Partnership | LegalKind::CivilPartnership
        )
    }

    /// Whether the business is in a register (Handels- or Partnerschaftsregister).
    pub fn is_registered(self) -> bool {
        matches!(
            self,
            LegalKind::Merchant | LegalKind::Company | LegalKind::Partnership
        )
    }
}

/// C7: the fields the agency's legal form requires.
pub(super) fn check(agency: &Agency, doc: &Doc<'_>, diags: &mut Diagnostics) {
    let kind = agency.legal_kind;
    let form = agency
        .legal_form
        .as_ref()
        .map_or("Einzelunternehmen", |f| f.get("de", "de"));
    let at = doc.span(&[Seg::Key("agency")], Target::Key);
    let mut missing = |key: &str, why: &str, example: &str| {
        diags.push(
            Diagnostic::error(format!(
                "`agency.{key}` is missing; the Impressum of a {form} needs it"
            ))
            .code("C7")
            .at(doc.file, at.clone())
            .label("in this table")
            .help(format!("add `{key} = {example}` under [agency] ({why})")),
        );
    };
    let filled = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
    if kind.names_owner() && !filled(&agency.owner) {
        missing(
            "owner",
            "§ 5 DDG: a sole trader gives first and last name",
            "\"Erika Beispiel\"",
        );
    }
    if kind.is_represented() && !filled(&agency.represented_by) {
        missing(
            "represented_by",
            "§ 5 DDG: who represents the business, e.g. the managing directors",
            "\"Erika Beispiel (Geschäftsführerin)\"",
        );
    }
    if kind.is_registered() {
        if !filled(&agency.register_court) {
            missing(
                "register_court",
                "§ 5 DDG: the register the business is entered in",
                "\"Amtsgericht Musterstadt\"",
            );
        }
        if !filled(&agency.register_number) {
            missing(
                "register_number",
                "§ 5 DDG: the register number",
                "\"HRB 12345\"",
            );
        }
    }
    if kind.names_owner()
        && let Some(owner) = agency.owner.as_deref()
        && !owner.trim().is_empty()
        && owner.split_whitespace().count() < 2
    {
        diags.push(
            doc.error_at(
                &[Seg::Key("agency"), Seg::Key("owner")],
                format!("`{owner}` is not a full name"),
            )
            .code("C7")
            .label("first and last name")
            .help(
                "§ 5 DDG: a sole trader's Impressum gives the full name, e.g. \"Erika Beispiel\"",
            ),
        );
    }
    if kind == LegalKind::Other {
        diags.push(
            doc.info_at(&[Seg::Key("agency"), Seg::Key("legal_form")], format!("vpagen does not know the legal form `{form}`"))
                .code("C7")
                .label("not checked")
                .help("the Impressum shows what [agency] holds; check yourself what § 5 DDG asks of this form (representatives, register)"),
        );
    }
}

/// The country's name for an ISO 3166-1 code, in German or English; the code itself
/// for a country not listed.
pub fn country_name(code: &str, lang: &str) -> String {
    const NAMES: &[(&str, &str, &str)] = &[
        ("DE", "Deutschland", "Germany"),
        ("AT", "Österreich", "Austria"),
        ("CH", "Schweiz", "Switzerland"),
        ("LI", "Liechtenstein", "Liechtenstein"),
        ("LU", "Luxemburg", "Luxembourg"),
        ("BE", "Belgien", "Belgium"),
        ("NL", "Niederlande", "Netherlands"),
        ("FR", "Frankreich", "France"),
        ("IT", "Italien", "Italy"),
        ("ES", "Spanien", "Spain"),
        ("PL", "Polen", "Poland"),
        ("DK", "Dänemark", "Denmark"),
        ("GB", "Vereinigtes Königreich", "United Kingdom"),
        ("IE", "Irland", "Ireland"),
    ];
    NAMES
        .iter()
        .find(|(c, _, _)| c.eq_ignore_ascii_case(code))
        .map_or_else(
            || code.to_owned(),
            |(_, de, en)| {
                if crate::locale::Locale::of(lang).is_german() {
                    (*de).to_owned()
                } else {
                    (*en).to_owned()
                }
            },
        )
}

#[cfg(test)]
mod tests {
    use super::LegalKind::{self, *};

    #[test]
    fn legal_forms_are_recognised() {
        for (form, kind) in [
            (None, SoleTrader),
            (Some("Einzelunternehmen"), SoleTrader),
            (Some("Freiberuflerin"), SoleTrader),
            (Some("sole proprietorship"), SoleTrader),
            (Some("e. K."), Merchant),
            (Some("eingetragene Kauffrau"), Merchant),
            (Some("GmbH"), Company),
            (Some("UG (haftungsbeschränkt)"), Company),
            (Some("GmbH & Co. KG"), Company),
            (Some("AG"), Company),
            (Some("KG"), Partnership),
            (Some("PartG mbB"), Partnership),
            (Some("GbR"), CivilPartnership),
            (Some("Genossenschaft"), Other),
        ] {
            assert_eq!(LegalKind::of(form), kind, "{form:?}");
        }
    }

    #[test]
    fn what_each_kind_must_state() {
        assert!(SoleTrader.names_owner() && !SoleTrader.is_registered());
        assert!(Merchant.names_owner() && Merchant.is_registered());
        assert!(Company.is_represented() && Company.is_registered() && !Company.names_owner());
        assert!(CivilPartnership.is_represented() && !CivilPartnership.is_registered());
    }

    #[test]
    fn countries_have_names() {
        assert_eq!(super::country_name("DE", "de"), "Deutschland");
        assert_eq!(super::country_name("at", "en"), "Austria");
        assert_eq!(super::country_name("XK", "en"), "XK");
    }
}
