//! Serde mirror of `site.toml`. Every table denies unknown keys.

use std::collections::BTreeMap;

use serde::Deserialize;

/// A reader-facing string, once for all languages or per language code.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Localized {
    /// The same text in every language.
    Plain(String),
    /// Text per language code.
    PerLanguage(BTreeMap<String, String>),
}

impl Localized {
    /// The text for `lang`, falling back to `default_lang`, then to any text.
    pub fn get<'a>(&'a self, lang: &str, default_lang: &str) -> &'a str {
        match self {
            Localized::Plain(s) => s,
            Localized::PerLanguage(map) => map
                .get(lang)
                .or_else(|| map.get(default_lang))
                .or_else(|| map.values().next())
                .map_or("", String::as_str),
        }
    }
}

/// `site.toml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    /// Site title.
    pub(super) title: Localized,
    /// Site description.
    pub(super) description: Option<Localized>,
    /// Address of the deployed site.
    pub(super) base_url: String,
    /// Default language code.
    pub(super) default_lang: String,
    /// Theme name.
    pub(super) theme: Option<String>,
    /// Languages by code.
    pub(super) languages: BTreeMap<String, RawLanguage>,
    /// Agency data.
    pub(super) agency: RawAgency,
    /// Categories.
    #[serde(default)]
    pub(super) category: Vec<RawCategory>,
    /// Skill scales.
    #[serde(default)]
    pub(super) skill_scales: BTreeMap<String, Vec<String>>,
    /// How scale and level ids read per language.
    #[serde(default)]
    pub(super) skill_labels: BTreeMap<String, Localized>,
    /// Roles.
    #[serde(default)]
    pub(super) role: Vec<RawRole>,
    /// Audiences, widest first.
    #[serde(default)]
    pub(super) audience: Vec<RawAudience>,
    /// Search settings.
    #[serde(default)]
    pub(super) search: RawSearch,
    /// Markdown settings.
    #[serde(default)]
    pub(super) markdown: RawMarkdown,
    /// Where readers send an enquiry.
    pub(super) enquiry: Option<RawEnquiry>,
}

/// `[enquiry]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEnquiry {
    /// An address to write to.
    pub(super) email: Option<String>,
    /// The id of a page (`content/pages/<id>.md`), e.g. a contact form.
    pub(super) page: Option<String>,
}

/// `[markdown]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMarkdown {
    /// Pass raw HTML in Markdown through (default true); false escapes it as text.
    pub(super) raw_html: Option<bool>,
}

/// `[search]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSearch {
    /// Build a search index (default true).
    pub(super) enabled: Option<bool>,
    /// Make the built folder browsable and searchable from `file://` (default false).
    pub(super) offline: Option<bool>,
    /// Search every language at once by default (default false: the page's language).
    pub(super) all_languages: Option<bool>,
    /// Groups of words that find each other, across languages.
    #[serde(default)]
    pub(super) synonyms: Vec<Vec<String>>,
}

/// `[languages.<code>]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLanguage {
    /// Name of the language in itself.
    pub(super) name: String,
    /// URL segments; missing ones default to the English folder names.
    #[serde(default)]
    pub(super) segments: RawSegments,
    /// List items without a translation into this language (in the original's
    /// language) in its catalogue, lists and menus (default true).
    pub(super) list_untranslated: Option<bool>,
}

/// `[languages.<code>.segments]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSegments {
    services: Option<String>,
    skills: Option<String>,
    checklists: Option<String>,
    rates: Option<String>,
    briefings: Option<String>,
    guides: Option<String>,
    pages: Option<String>,
}

impl RawSegments {
    pub(super) fn resolve(&self) -> super::Segments {
        let seg =
            |v: &Option<String>, d: &str| v.as_deref().unwrap_or(d).trim_matches('/').to_owned();
        super::Segments {
            services: seg(&self.services, "services"),
            skills: seg(&self.skills, "skills"),
            checklists: seg(&self.checklists, "checklists"),
            rates: seg(&self.rates, "rates"),
            briefings: seg(&self.briefings, "briefings"),
            guides: seg(&self.guides, "guides"),
            pages: seg(&self.pages, ""),
        }
    }
}

/// `[agency]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAgency {
    pub(super) name: Option<String>,
    pub(super) legal_form: Option<Localized>,
    pub(super) owner: Option<String>,
    pub(super) street: Option<String>,
    pub(super) postcode: Option<String>,
    pub(super) city: Option<String>,
    pub(super) country: Option<String>,
    pub(super) email: Option<String>,
    pub(super) phone: Option<String>,
    pub(super) tax_mode: Option<TaxModeName>,
    pub(super) vat_id: Option<String>,
    pub(super) register_court: Option<String>,
    pub(super) register_number: Option<String>,
    pub(super) supervisory_authority: Option<String>,
    pub(super) wirtschafts_id: Option<String>,
    pub(super) impressum_url: Option<String>,
}

/// Allowed `tax_mode` values.
#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub(super) enum TaxModeName {
    /// Regular VAT.
    Regelbesteuert,
    /// § 19 `UStG`.
    Kleinunternehmer,
}

/// `[[category]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCategory {
    pub(super) id: String,
    pub(super) title: Localized,
    pub(super) order: Option<i64>,
    #[serde(default)]
    pub(super) requires_scope_note: bool,
}

/// `[[audience]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAudience {
    pub(super) id: String,
    pub(super) title: Localized,
    pub(super) default_for: Option<Vec<String>>,
}

/// `[[role]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRole {
    pub(super) id: String,
    pub(super) title: Localized,
}
