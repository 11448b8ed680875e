//! Serde mirror of `site.toml`. Every table denies unknown keys.
//!
//! The `///` comment of each key is its description in `vpagen reference` and in the
//! JSON Schema of `vpagen schema` (derived with `schemars`); the other facts about a
//! key (required, default, checks, example) are in `crate::reference::facts`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

/// A reader-facing string, once for all languages or per language code.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq, JsonSchema)]
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
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConfig {
    /// Site title.
    pub(super) title: Localized,
    /// Site description for meta tags and the home page.
    pub(super) description: Option<Localized>,
    /// Address of the deployed site; a path after the host prefixes every link.
    pub(super) base_url: String,
    /// Code of the language served at `/`; others live under `/<code>/`.
    pub(super) default_lang: String,
    /// Theme folder under `themes/` whose files override the embedded default theme.
    pub(super) theme: Option<String>,
    /// The languages of the site, by ISO 639-1 code.
    pub(super) languages: BTreeMap<String, RawLanguage>,
    /// The agency behind the site, for the Impressum and price notes.
    pub(super) agency: RawAgency,
    /// Service categories, in catalogue order.
    #[serde(default)]
    pub(super) category: Vec<RawCategory>,
    /// Named skill scales, each a list of levels from lowest to highest.
    #[serde(default)]
    pub(super) skill_scales: BTreeMap<String, Vec<String>>,
    /// How scale and level ids read per language; ids without a label show as they are.
    #[serde(default)]
    pub(super) skill_labels: BTreeMap<String, Localized>,
    /// Roles that guides and checklists are assigned to.
    #[serde(default)]
    pub(super) role: Vec<RawRole>,
    /// Who may see what, widest first.
    #[serde(default)]
    pub(super) audience: Vec<RawAudience>,
    /// Search settings.
    #[serde(default)]
    pub(super) search: RawSearch,
    /// Markdown settings.
    #[serde(default)]
    pub(super) markdown: RawMarkdown,
    /// Where the enquiry buttons of the home page, service and rate pages lead.
    pub(super) enquiry: Option<RawEnquiry>,
}

/// `[enquiry]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEnquiry {
    /// An e-mail address; the subject names the page the reader came from.
    pub(super) email: Option<String>,
    /// The id of a page (`content/pages/<id>.md`), e.g. a contact form.
    pub(super) page: Option<String>,
}

/// `[markdown]`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMarkdown {
    /// Pass raw HTML in Markdown through as HTML; false escapes it as text.
    pub(super) raw_html: Option<bool>,
}

/// `[search]`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSearch {
    /// Build a search index.
    pub(super) enabled: Option<bool>,
    /// Make the built folder browsable and searchable from the disk (`file://`).
    pub(super) offline: Option<bool>,
    /// Search every language by default, not only the page's.
    pub(super) all_languages: Option<bool>,
    /// Groups of words that find each other, across languages.
    #[serde(default)]
    pub(super) synonyms: Vec<Vec<String>>,
}

/// `[languages.<code>]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLanguage {
    /// Name of the language in itself.
    pub(super) name: String,
    /// URL segments of the content types in this language.
    #[serde(default)]
    pub(super) segments: RawSegments,
    /// List items without a translation into this language (in the original's
    /// language) in its catalogue, lists and menus.
    pub(super) list_untranslated: Option<bool>,
}

/// `[languages.<code>.segments]`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSegments {
    /// URL segment of services.
    services: Option<String>,
    /// URL segment of skills.
    skills: Option<String>,
    /// URL segment of checklists.
    checklists: Option<String>,
    /// URL segment of rate tables.
    rates: Option<String>,
    /// URL segment of briefing templates.
    briefings: Option<String>,
    /// URL segment of onboarding guides.
    guides: Option<String>,
    /// URL segment of pages; empty puts them at the language root.
    pages: Option<String>,
    /// URL segment of the search page, under the language root.
    search: Option<String>,
    /// URL segment of a guide's print bundle, under the guide.
    print: Option<String>,
    /// URL segment of the roles' onboarding pages, under the guides' list.
    role: Option<String>,
    /// URL segment of the skill matrix, under the skills' list.
    matrix: Option<String>,
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
            search: seg(&self.search, "search"),
            print: seg(&self.print, "print"),
            role: seg(&self.role, "role"),
            matrix: seg(&self.matrix, "matrix"),
        }
    }
}

/// `[agency]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAgency {
    /// Trading name.
    pub(super) name: Option<String>,
    /// Legal form, e.g. Einzelunternehmen.
    pub(super) legal_form: Option<Localized>,
    /// Owner (sole trader, e. K.): first and last name.
    pub(super) owner: Option<String>,
    /// Who represents a company or partnership ("vertreten durch"), e.g. the managing
    /// directors.
    pub(super) represented_by: Option<String>,
    /// Street and number (no PO box).
    pub(super) street: Option<String>,
    /// Postcode.
    pub(super) postcode: Option<String>,
    /// City.
    pub(super) city: Option<String>,
    /// Country code (ISO 3166-1).
    pub(super) country: Option<String>,
    /// Contact e-mail address.
    pub(super) email: Option<String>,
    /// Contact phone number.
    pub(super) phone: Option<String>,
    /// Whether the agency charges VAT.
    pub(super) tax_mode: Option<TaxModeName>,
    /// VAT id, if one was issued.
    pub(super) vat_id: Option<String>,
    /// Register court, if registered.
    pub(super) register_court: Option<String>,
    /// Register number, if registered.
    pub(super) register_number: Option<String>,
    /// Supervisory authority, if the business is licensed.
    pub(super) supervisory_authority: Option<String>,
    /// Wirtschafts-Identifikationsnummer, if issued.
    pub(super) wirtschafts_id: Option<String>,
    /// Address of an external Impressum, when the site has no Impressum page.
    pub(super) impressum_url: Option<String>,
}

/// Allowed `tax_mode` values.
#[derive(Debug, Deserialize, Clone, Copy, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(super) enum TaxModeName {
    /// Charges VAT as usual.
    Regelbesteuert,
    /// Small business under § 19 `UStG`: no VAT.
    Kleinunternehmer,
}

/// `[[category]]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCategory {
    /// Id of the category, named by services' `category` and rate tables' `applies_to`.
    pub(super) id: String,
    /// Title of the category.
    pub(super) title: Localized,
    /// Sort key in the catalogue, lowest first.
    pub(super) order: Option<i64>,
    /// Whether each service of the category must state a `scope_note`.
    #[serde(default)]
    pub(super) requires_scope_note: bool,
}

/// `[[audience]]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAudience {
    /// Id of the audience, used in `visible_to`, `> [!ID]` blocks and `--audience`.
    pub(super) id: String,
    /// Name of the audience, shown as "Nur für …" on restricted pages and blocks.
    pub(super) title: Localized,
    /// Type folders (`services`, `guides` …) whose items are for this audience
    /// unless they name another.
    pub(super) default_for: Option<Vec<String>>,
}

/// `[[role]]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRole {
    /// Id of the role, named by guides' and checklists' `roles`.
    pub(super) id: String,
    /// Title of the role.
    pub(super) title: Localized,
}
