//! `site.toml`: the raw serde mirror ([`raw`]) and the validated [`Config`].
//!
//! Unknown keys are errors (with a "did you mean" hint). Strings a reader sees may be
//! given per language, `title = { de = "Büro", en = "Office" }`, or once for all
//! languages, `title = "Büro"`; a language missing from such a table falls back to the
//! default language with a warning.

pub mod legal;
pub(crate) mod raw;

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Diagnostics, FileId, Severity};
use crate::kind::Kind;
use crate::locale::Locale;
use crate::toml_doc::{Doc, Seg, Target, Unread};

pub use raw::Localized;

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Site title.
    pub title: Localized,
    /// Site description for meta tags and the home page.
    pub description: Localized,
    /// Absolute URL of the deployed site, without a trailing slash.
    pub base_url: String,
    /// Code of the default language (served at `/`).
    pub default_lang: String,
    /// All languages, the default first.
    pub languages: Vec<Language>,
    /// Name of the theme folder under `themes/`.
    pub theme: String,
    /// The agency behind the site (Impressum, price notes).
    pub agency: Agency,
    /// Service categories in display order.
    pub categories: Vec<Category>,
    /// Named skill scales, each an ordered list of levels.
    pub skill_scales: BTreeMap<String, Vec<String>>,
    /// How scale and level ids read per language (`[skill_labels]`); ids without a
    /// label are shown as they are.
    pub skill_labels: BTreeMap<String, Localized>,
    /// Roles that onboarding guides and checklists are assigned to.
    pub roles: Vec<Role>,
    /// Who may read what, widest first: an audience sees its own items and those of
    /// every audience before it. Without `[[audience]]` there is one, `public`.
    pub audiences: Vec<Audience>,
    /// Search settings.
    pub search: Search,
    /// Markdown settings.
    pub markdown: Markdown,
    /// Where the enquiry buttons of the home page, the service pages and the rate pages lead.
    pub enquiry: Enquiry,
    /// The file `site.toml` was read from.
    pub file: FileId,
}

/// Where readers send an enquiry (`[enquiry]`; without it, an e-mail to the agency).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Enquiry {
    /// An e-mail to this address, its subject naming the page the reader came from.
    Email(String),
    /// A page of the site, by id (a contact form, opening hours, a booking page).
    Page(String),
}

/// `[search]` of `site.toml`.
#[derive(Debug, Clone)]
pub struct Search {
    /// Whether to build the search index.
    pub enabled: bool,
    /// Whether the built folder must work from `file://`: relative links, and the
    /// index also as scripts (browsers do not let pages fetch local files).
    pub offline: bool,
    /// Whether searches cover every language by default (the search page has a box
    /// to switch; the header box follows this setting).
    pub all_languages: bool,
    /// Synonym groups (e.g. `["Stundensatz", "hourly rate", "Honorar"]`).
    pub synonyms: Vec<Vec<String>>,
}

/// `[markdown]` of `site.toml`.
#[derive(Debug, Clone)]
pub struct Markdown {
    /// Whether raw HTML in Markdown (bodies and Markdown fields such as checklist
    /// items) is passed through as HTML (default true: authors are trusted). When
    /// false it is escaped and shows as text. Script links are refused either way.
    pub raw_html: bool,
}

/// A configured language.
#[derive(Debug, Clone)]
pub struct Language {
    /// ISO 639-1 code, e.g. `de`.
    pub code: String,
    /// Name in the language itself, e.g. `Deutsch`.
    pub name: String,
    /// URL segments of the content types in this language.
    pub segments: Segments,
    /// Whether lists and menus of this language show items that have no translation
    /// into it (in their original language, marked as such).
    pub list_untranslated: bool,
}

/// URL segment per content type (an empty segment puts items at the language root),
/// and of the pages that are not items.
#[derive(Debug, Clone)]
pub struct Segments {
    /// Services.
    pub services: String,
    /// Skills.
    pub skills: String,
    /// Checklists.
    pub checklists: String,
    /// Rate tables.
    pub rates: String,
    /// Briefing templates.
    pub briefings: String,
    /// Onboarding guides.
    pub guides: String,
    /// Plain pages.
    pub pages: String,
    /// The search page, under the language root.
    pub search: String,
    /// A guide's print bundle, under the guide.
    pub print: String,
    /// The onboarding pages of the roles, under the guides' list.
    pub role: String,
    /// The skill matrix, under the skills' list.
    pub matrix: String,
}

/// Whether the agency charges VAT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaxMode {
    /// Charges VAT as usual.
    Regelbesteuert,
    /// Small business under § 19 `UStG`: no VAT, with a note saying why.
    Kleinunternehmer,
}

/// The agency's legal data, used for the Impressum and price notes.
#[derive(Debug, Clone)]
pub struct Agency {
    /// Trading name.
    pub name: String,
    /// Legal form, e.g. `Einzelunternehmen`.
    pub legal_form: Option<Localized>,
    /// Owner (sole trader, e. K.).
    pub owner: Option<String>,
    /// Who represents a company or partnership.
    pub represented_by: Option<String>,
    /// What the Impressum must state, from `legal_form`.
    pub legal_kind: legal::LegalKind,
    /// Street and number.
    pub street: String,
    /// Postcode.
    pub postcode: String,
    /// City.
    pub city: String,
    /// ISO country code.
    pub country: String,
    /// Contact e-mail.
    pub email: String,
    /// Contact phone.
    pub phone: String,
    /// VAT regime.
    pub tax_mode: TaxMode,
    /// VAT id, if issued.
    pub vat_id: Option<String>,
    /// Register court.
    pub register_court: Option<String>,
    /// Register number.
    pub register_number: Option<String>,
    /// Supervisory authority.
    pub supervisory_authority: Option<String>,
    /// Wirtschafts-Identifikationsnummer.
    pub wirtschafts_id: Option<String>,
    /// External Impressum, when the site has no Impressum page of its own.
    pub impressum_url: Option<String>,
}

/// A service category.
#[derive(Debug, Clone)]
pub struct Category {
    /// Id referenced by services and rate tables.
    pub id: String,
    /// Title per language.
    pub title: Localized,
    /// Sort key.
    pub order: i64,
    /// Services of this category must say in `scope_note` what they do not do, e.g.
    /// bookkeeping support, which § 6 of the tax advisers act limits (check C13).
    pub requires_scope_note: bool,
}

/// An audience of `[[audience]]`.
#[derive(Debug, Clone)]
pub struct Audience {
    /// Id used in `visible_to`, in `> [!ID]` blocks and in `--audience`.
    pub id: String,
    /// Title per language, shown on restricted pages and blocks.
    pub title: Localized,
    /// Types whose items are for this audience unless they say otherwise.
    pub default_for: Vec<Kind>,
}

impl Audience {
    /// What restricted pages and blocks say in `lang`: "Nur für Assistenzen" /
    /// "Only for assistants".
    pub fn restricted_label(&self, lang: &str, default_lang: &str) -> String {
        let title = self.title.get(lang, default_lang);
        if Locale::of(lang).is_german() {
            format!("Nur für {title}")
        } else {
            format!("Only for {title}")
        }
    }
}

/// A role for onboarding.
#[derive(Debug, Clone)]
pub struct Role {
    /// Id referenced by guides and checklists.
    pub id: String,
    /// Title per language.
    pub title: Localized,
}

impl Config {
    /// Parses and validates `site.toml`; problems go to `diags`, all of them: a
    /// value that cannot be read is reported and left out, and the rest is still read
    /// and validated.
    pub fn load(file: FileId, text: &str, diags: &mut Diagnostics) -> Option<Config> {
        let doc = Doc {
            file,
            text,
            offset: 0,
        };
        let errors_before = diags.count(Severity::Error);
        let (raw, unread) = doc.deserialize_all::<raw::RawConfig>("site.toml", diags)?;
        let config = validate(raw, &doc, &unread, diags);
        (diags.count(Severity::Error) == errors_before).then_some(config)
    }

    /// Scheme and host of `base_url`: `https://example.com`.
    pub fn origin(&self) -> &str {
        let after_scheme = self.base_url.find("://").map_or(0, |i| i + 3);
        match self.base_url[after_scheme..].find('/') {
            Some(i) => &self.base_url[..after_scheme + i],
            None => &self.base_url,
        }
    }

    /// The path of `base_url` without a trailing slash: `/agentur`, or empty.
    pub fn base_path(&self) -> &str {
        &self.base_url[self.origin().len()..]
    }

    /// The language with this code.
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// How a skill scale or level id reads in `lang`.
    pub fn skill_label<'a>(&'a self, id: &'a str, lang: &str) -> &'a str {
        self.skill_labels
            .get(id)
            .map_or(id, |l| l.get(lang, &self.default_lang))
    }

    /// The category with this id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The role with this id.
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// The rank of an audience (0 is the widest), compared case-insensitively.
    pub fn audience_rank(&self, id: &str) -> Option<usize> {
        self.audiences
            .iter()
            .position(|a| a.id.eq_ignore_ascii_case(id))
    }

    /// The rank of the audience an item of `kind` is for when it names none: the
    /// audience whose `default_for` lists the type, else the narrowest (the safe
    /// choice: an item nobody classified is not published).
    pub fn default_audience(&self, kind: Kind) -> usize {
        self.audiences
            .iter()
            .position(|a| a.default_for.contains(&kind))
            .unwrap_or(self.audiences.len().saturating_sub(1))
    }
}

/// Validates what could be read of `site.toml`. Checks that a value left out as
/// `unread` would fail (a language, a skill scale, a key of `[agency]`) are skipped:
/// its own error says what to fix.
fn validate(
    raw: raw::RawConfig,
    doc: &Doc<'_>,
    unread: &Unread,
    diags: &mut Diagnostics,
) -> Config {
    let (codes, languages) = languages(&raw, doc, unread, diags);
    if let Some(form) = &raw.agency.legal_form {
        check_localized(
            form,
            &[Seg::Key("agency"), Seg::Key("legal_form")],
            doc,
            &codes,
            diags,
        );
    }
    for (field, value) in [
        ("title", Some(&raw.title)),
        ("description", raw.description.as_ref()),
    ] {
        if let Some(value) = value {
            check_localized(value, &[Seg::Key(field)], doc, &codes, diags);
        }
    }
    if !(raw.base_url.starts_with("https://")
        || raw.base_url.starts_with("http://")
        || raw.base_url.starts_with('/'))
    {
        diags.push(
            doc.error_at(
                &[Seg::Key("base_url")],
                "`base_url` must be an absolute URL",
            )
            .label("neither http(s):// nor /")
            .help("write the address of the deployed site, e.g. \"https://example.com\""),
        );
    }
    let agency = validate_agency(raw.agency, doc, unread, diags);
    let enquiry = enquiry(raw.enquiry, &agency.email, doc, unread, diags);
    let categories = categories(raw.category, doc, &codes, diags);
    let roles = roles(raw.role, doc, &codes, diags);
    let audiences = audiences(raw.audience, doc, &codes, diags);
    check_skill_scales(
        &raw.skill_scales,
        &raw.skill_labels,
        doc,
        &codes,
        unread,
        diags,
    );
    Config {
        description: raw
            .description
            .unwrap_or_else(|| Localized::Plain(String::new())),
        title: raw.title,
        base_url: raw.base_url.trim_end_matches('/').to_owned(),
        default_lang: raw.default_lang,
        languages,
        theme: raw.theme.unwrap_or_else(|| "default".to_owned()),
        agency,
        categories,
        skill_scales: raw.skill_scales,
        skill_labels: raw.skill_labels,
        roles,
        audiences,
        search: Search {
            enabled: raw.search.enabled.unwrap_or(true),
            offline: raw.search.offline.unwrap_or(false),
            all_languages: raw.search.all_languages.unwrap_or(false),
            synonyms: raw.search.synonyms,
        },
        markdown: Markdown {
            raw_html: raw.markdown.raw_html.unwrap_or(true),
        },
        enquiry,
        file: doc.file,
    }
}

/// Validates `[languages]` and `default_lang`; returns the codes of every language
/// written (also one that could not be read) and the languages, the default first.
fn languages(
    raw: &raw::RawConfig,
    doc: &Doc<'_>,
    unread: &Unread,
    diags: &mut Diagnostics,
) -> (Vec<String>, Vec<Language>) {
    let mut codes: Vec<String> = raw.languages.keys().cloned().collect();
    codes.extend(unread.keys_under(&[Seg::Key("languages")]));
    codes.sort();
    codes.dedup();
    if !codes.contains(&raw.default_lang) {
        diags.push(
            doc.error_at(
                &[Seg::Key("default_lang")],
                format!(
                    "default language `{}` is not configured in [languages]",
                    raw.default_lang
                ),
            )
            .label("not a key of [languages]")
            .suggest(&raw.default_lang, codes.iter().map(String::as_str))
            .help_line(format!(
                "add a [languages.{}] table or pick one of: {}",
                raw.default_lang,
                codes.join(", ")
            )),
        );
    }
    let mut languages: Vec<Language> = Vec::new();
    for (code, lang) in &raw.languages {
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_lowercase()) {
            diags.push(
                doc.error_at(
                    &[Seg::Key("languages"), Seg::Key(code)],
                    format!("`{code}` is not an ISO 639-1 language code"),
                )
                .help("use two lower-case letters, e.g. `de` or `en`"),
            );
        }
        languages.push(Language {
            code: code.clone(),
            name: lang.name.clone(),
            segments: lang.segments.resolve(),
            list_untranslated: lang.list_untranslated.unwrap_or(true),
        });
    }
    languages.sort_by_key(|l| (l.code != raw.default_lang, l.code.clone()));
    (codes, languages)
}

/// Validates `[[category]]`; returns the categories in display order.
fn categories(
    raw: Vec<raw::RawCategory>,
    doc: &Doc<'_>,
    codes: &[String],
    diags: &mut Diagnostics,
) -> Vec<Category> {
    let mut categories: Vec<Category> = Vec::new();
    for (i, c) in raw.into_iter().enumerate() {
        let at = |key| [Seg::Key("category"), Seg::Index(i), Seg::Key(key)];
        check_id(&c.id, &at("id"), doc, diags);
        if categories.iter().any(|o| o.id == c.id) {
            diags.push(
                doc.error_at(&at("id"), format!("category `{}` is defined twice", c.id))
                    .help("category ids must be unique"),
            );
        }
        check_localized(&c.title, &at("title"), doc, codes, diags);
        categories.push(Category {
            id: c.id,
            title: c.title,
            order: c.order.unwrap_or(i64::try_from(i).unwrap_or(0)),
            requires_scope_note: c.requires_scope_note,
        });
    }
    categories.sort_by_key(|c| c.order);
    categories
}

/// Validates `[[role]]`.
fn roles(
    raw: Vec<raw::RawRole>,
    doc: &Doc<'_>,
    codes: &[String],
    diags: &mut Diagnostics,
) -> Vec<Role> {
    let mut roles: Vec<Role> = Vec::new();
    for (i, r) in raw.into_iter().enumerate() {
        let at = |key| [Seg::Key("role"), Seg::Index(i), Seg::Key(key)];
        check_id(&r.id, &at("id"), doc, diags);
        if roles.iter().any(|o| o.id == r.id) {
            diags.push(
                doc.error_at(&at("id"), format!("role `{}` is defined twice", r.id))
                    .help("role ids must be unique"),
            );
        }
        check_localized(&r.title, &at("title"), doc, codes, diags);
        roles.push(Role {
            id: r.id,
            title: r.title,
        });
    }
    roles
}

/// Validates `[skill_scales]` and that `[skill_labels]` labels their scales and levels
/// (not when a scale could not be read: its levels are unknown).
fn check_skill_scales(
    scales: &BTreeMap<String, Vec<String>>,
    labels: &BTreeMap<String, Localized>,
    doc: &Doc<'_>,
    codes: &[String],
    unread: &Unread,
    diags: &mut Diagnostics,
) {
    for (name, levels) in scales {
        if levels.len() < 2 {
            diags.push(doc.error_at(&[Seg::Key("skill_scales"), Seg::Key(name)], format!("skill scale `{name}` needs at least two levels"))
                .help("list the levels from lowest to highest, e.g. [\"grundlagen\", \"sicher\", \"experte\"]"));
        }
    }
    let known: Vec<&str> = scales
        .iter()
        .flat_map(|(name, levels)| {
            std::iter::once(name.as_str()).chain(levels.iter().map(String::as_str))
        })
        .collect();
    let all_known = !unread.under(&[Seg::Key("skill_scales")]);
    for (id, label) in labels {
        let path = [Seg::Key("skill_labels"), Seg::Key(id)];
        check_localized(label, &path, doc, codes, diags);
        if all_known && !known.contains(&id.as_str()) {
            diags.push(
                doc.error_at(
                    &path,
                    format!("`{id}` is neither a skill scale nor a level of one"),
                )
                .label("unknown scale or level")
                .help(format!("label one of: {}", known.join(", "))),
            );
        }
    }
}

/// Validates `[enquiry]`: one of `email` and `page`; without the table, an e-mail to
/// the agency. Whether the page exists is checked with the content (C1).
fn enquiry(
    raw: Option<raw::RawEnquiry>,
    agency_email: &str,
    doc: &Doc<'_>,
    unread: &Unread,
    diags: &mut Diagnostics,
) -> Enquiry {
    let Some(raw) = raw.filter(|_| !unread.under(&[Seg::Key("enquiry")])) else {
        return Enquiry::Email(agency_email.to_owned());
    };
    match (raw.email, raw.page) {
        (Some(email), None) => {
            if !looks_like_email(&email) {
                diags.push(
                    doc.error_at(
                        &[Seg::Key("enquiry"), Seg::Key("email")],
                        format!("`{email}` is not an e-mail address"),
                    )
                    .help("write the address alone, e.g. email = \"anfrage@example.com\""),
                );
            }
            Enquiry::Email(email)
        }
        (None, Some(page)) => {
            check_id(&page, &[Seg::Key("enquiry"), Seg::Key("page")], doc, diags);
            Enquiry::Page(page)
        }
        (email, _) => {
            diags.push(
                doc.error_at(&[Seg::Key("enquiry")], if email.is_some() { "`[enquiry]` gives both `email` and `page`" } else { "`[enquiry]` names no target" })
                    .help("give one: `email = \"anfrage@example.com\"`, or `page = \"kontakt\"` for content/pages/kontakt.md; without [enquiry] enquiries go to agency.email"),
            );
            Enquiry::Email(agency_email.to_owned())
        }
    }
}

/// A plain address: one `@` with text on both sides, a dot in the domain, no spaces.
fn looks_like_email(s: &str) -> bool {
    s.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
    }) && !s.contains(char::is_whitespace)
        && !s.contains(['<', '>', '?', '&', '"'])
}

/// Validates `[[audience]]`; without any, the site has one audience, `public`, that
/// every type is for.
fn audiences(
    raw: Vec<raw::RawAudience>,
    doc: &Doc<'_>,
    codes: &[String],
    diags: &mut Diagnostics,
) -> Vec<Audience> {
    if raw.is_empty() {
        return vec![Audience {
            id: "public".to_owned(),
            title: Localized::Plain("public".to_owned()),
            default_for: Kind::ALL.to_vec(),
        }];
    }
    let mut out: Vec<Audience> = Vec::new();
    for (i, a) in raw.into_iter().enumerate() {
        let at = |key| [Seg::Key("audience"), Seg::Index(i), Seg::Key(key)];
        check_id(&a.id, &at("id"), doc, diags);
        if crate::markdown::is_alert_kind(&a.id) {
            diags.push(
                doc.error_at(&at("id"), format!("`{}` is the name of a callout", a.id))
                    .label("`> [!…]` blocks with this name are callouts, not audience blocks")
                    .help("choose another id, e.g. `intern` or `team`"),
            );
        }
        if out.iter().any(|o| o.id.eq_ignore_ascii_case(&a.id)) {
            diags.push(
                doc.error_at(&at("id"), format!("audience `{}` is defined twice", a.id))
                    .help("audience ids must be unique (case does not count)"),
            );
        }
        check_localized(&a.title, &at("title"), doc, codes, diags);
        let mut default_for = Vec::new();
        for (j, name) in a.default_for.unwrap_or_default().iter().enumerate() {
            let path = [
                Seg::Key("audience"),
                Seg::Index(i),
                Seg::Key("default_for"),
                Seg::Index(j),
            ];
            let Some(kind) = Kind::from_folder(name) else {
                let names = Kind::ALL.map(Kind::folder);
                diags.push(
                    doc.error_at(&path, format!("`{name}` is not a content type"))
                        .label("unknown type")
                        .help(match crate::diag::did_you_mean(name, names) {
                            Some(s) => format!("did you mean `{s}`?"),
                            None => {
                                format!("types are named like their folders: {}", names.join(", "))
                            }
                        }),
                );
                continue;
            };
            if let Some(other) = out.iter().find(|o| o.default_for.contains(&kind)) {
                diags.push(
                    doc.error_at(
                        &path,
                        format!("`{name}` is already the default of audience `{}`", other.id),
                    )
                    .help("name each type in the `default_for` of one audience only"),
                );
            }
            default_for.push(kind);
        }
        out.push(Audience {
            id: a.id,
            title: a.title,
            default_for,
        });
    }
    out
}

fn check_id(id: &str, path: &[Seg<'_>], doc: &Doc<'_>, diags: &mut Diagnostics) {
    if !crate::util::is_kebab_id(id) {
        diags.push(
            doc.error_at(path, format!("`{id}` is not a valid id"))
                .label("ids are lower-case kebab")
                .help("use lower-case letters, digits and single dashes, e.g. `it-marketing`"),
        );
    }
}

fn check_localized(
    value: &Localized,
    path: &[Seg<'_>],
    doc: &Doc<'_>,
    codes: &[String],
    diags: &mut Diagnostics,
) {
    let Localized::PerLanguage(map) = value else {
        return;
    };
    for lang in map.keys() {
        if !codes.contains(lang) {
            let mut key_path = path.to_vec();
            key_path.push(Seg::Key(lang));
            diags.push(
                Diagnostic::error(format!("language `{lang}` is not configured"))
                    .at(doc.file, doc.span(&key_path, Target::Key))
                    .label("unknown language")
                    .help(format!("configured languages: {}", codes.join(", "))),
            );
        }
    }
    for code in codes {
        if !map.contains_key(code) {
            diags.push(
                Diagnostic::warning(format!(
                    "no `{code}` text here; the default language's text is used"
                ))
                .at(doc.file, doc.span(path, Target::Value))
                .help(format!("add `{code} = \"…\"` to this table")),
            );
        }
    }
}

fn validate_agency(
    raw: raw::RawAgency,
    doc: &Doc<'_>,
    unread: &Unread,
    diags: &mut Diagnostics,
) -> Agency {
    let mut required = |value: Option<String>, key: &str| -> String {
        match value {
            Some(v) if !v.trim().is_empty() => v,
            // Written, but not as text: reported already.
            None if unread.under(&[Seg::Key("agency"), Seg::Key(key)]) => String::new(),
            _ => {
                diags.push(
                    Diagnostic::error(format!("`agency.{key}` is missing; the Impressum needs it"))
                        .code("C7")
                        .at(doc.file, doc.span(&[Seg::Key("agency")], Target::Key))
                        .label("in this table")
                        .help(format!("add `{key} = \"…\"` under [agency] (§ 5 DDG requires name, address, e-mail and phone)")),
                );
                String::new()
            }
        }
    };
    let tax_mode = match raw.tax_mode {
        Some(raw::TaxModeName::Kleinunternehmer) => TaxMode::Kleinunternehmer,
        _ => TaxMode::Regelbesteuert,
    };
    let legal_kind = legal::LegalKind::of(raw.legal_form.as_ref().map(|f| f.get("de", "de")));
    let agency = Agency {
        name: required(raw.name, "name"),
        street: required(raw.street, "street"),
        postcode: required(raw.postcode, "postcode"),
        city: required(raw.city, "city"),
        email: required(raw.email, "email"),
        phone: required(raw.phone, "phone"),
        country: raw.country.unwrap_or_else(|| "DE".to_owned()),
        legal_form: raw.legal_form,
        owner: raw.owner,
        represented_by: raw.represented_by,
        legal_kind,
        tax_mode,
        vat_id: raw.vat_id,
        register_court: raw.register_court,
        register_number: raw.register_number,
        supervisory_authority: raw.supervisory_authority,
        wirtschafts_id: raw.wirtschafts_id,
        impressum_url: raw.impressum_url,
    };
    if !unread.under(&[Seg::Key("agency")]) {
        legal::check(&agency, doc, diags);
    }
    agency
}
