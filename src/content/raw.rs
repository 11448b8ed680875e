//! Serde mirrors of the front matter of each content type, as written.
//!
//! Every field is optional here: presence is checked during validation, which can
//! point at the file and say which key to add. The same structs read translation
//! files, which may set only a subset (see [`super::translate`]). Every table denies
//! unknown keys, so a typo is an error with a "did you mean" hint.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::value::Datetime;

/// An amount of money as written: quoted text, read by validation into a
/// [`super::values::Money`], or a TOML number, which validation reports with the
/// quoted form to write instead. Either way deserializing goes on.
#[derive(Debug, Clone)]
pub(crate) enum Amount {
    /// Quoted text, e.g. `"45.50"`.
    Text(String),
    /// A number without quotes, e.g. `45.50`.
    Unquoted,
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AmountVisitor;

        impl serde::de::Visitor<'_> for AmountVisitor {
            type Value = Amount;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an amount of money in quotes")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Amount, E> {
                Ok(Amount::Text(v.to_owned()))
            }

            fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Amount, E> {
                Ok(Amount::Unquoted)
            }

            fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Amount, E> {
                Ok(Amount::Unquoted)
            }

            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Amount, E> {
                Ok(Amount::Unquoted)
            }
        }

        deserializer.deserialize_any(AmountVisitor)
    }
}

/// Declares a front-matter struct with the editorial keys every content type accepts.
macro_rules! front_matter {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Default, Clone, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct $name {
            $($(#[$fmeta])* pub(crate) $field: Option<$ty>,)*
            /// Content type; must match the folder when given.
            #[serde(rename = "type")]
            pub(crate) type_name: Option<String>,
            /// Not built unless `--drafts` is given.
            pub(crate) draft: Option<bool>,
            /// Sort key within lists.
            pub(crate) order: Option<i64>,
            /// Free tags.
            pub(crate) tags: Option<Vec<String>>,
            /// Person responsible for the content.
            pub(crate) owner: Option<String>,
            /// Date of the last substantive change.
            pub(crate) updated: Option<Datetime>,
            /// Date by which the content must be reviewed.
            pub(crate) review_by: Option<Datetime>,
            /// Free data for themes.
            pub(crate) extra: Option<toml::Table>,
            /// The audience (of `site.toml`'s `[[audience]]`) that may read the item.
            pub(crate) visible_to: Option<String>,
            /// Translations only: the hash of the original as it was translated.
            pub(crate) source_hash: Option<String>,
        }
    };
}

/// Declares a struct for an entry of an array of tables, all keys optional.
macro_rules! entry {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Default, Clone, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct $name {
            $($(#[$fmeta])* pub(crate) $field: Option<$ty>,)*
        }
    };
}

front_matter! {
    /// `content/services/*.md`.
    RawService {
        title: String,
        summary: String,
        category: String,
        work_area: String,
        rate_table: String,
        billing: Billing,
        unit: String,
        flat_price: Amount,
        tasks: Vec<String>,
        excluded: Vec<String>,
        deliverables: Vec<String>,
        scope_note: String,
        languages: Vec<String>,
        turnaround: RawTurnaround,
        rush_surcharge: String,
        service_hours: String,
        personal_data: bool,
        approval_required: bool,
        prerequisites: Vec<String>,
        skills: Vec<RawSkillReq>,
        equipment: Vec<String>,
        briefings: Vec<String>,
        related: Vec<String>,
    }
}

entry! {
    /// `turnaround = { standard = "2bd", rush = "4h" }`.
    RawTurnaround { standard: String, rush: String, }
}

entry! {
    /// `[[skills]]` of a service.
    RawSkillReq { id: String, level: String, }
}

/// How a service is billed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Billing {
    /// By the hour, through a rate table's area factor.
    Hourly,
    /// By a unit of the rate table (e.g. Normseite).
    Unit,
    /// One flat price.
    Flat,
}

front_matter! {
    /// `content/skills/*.md`.
    RawSkill {
        title: String,
        summary: String,
        group: SkillGroup,
        scale: String,
        level_descriptions: BTreeMap<String, String>,
        evidence: Vec<String>,
        verification: Verification,
        legal_note: String,
        training: Vec<String>,
    }
}

/// Skill groups, the columns of the skill matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkillGroup {
    /// Languages.
    Sprache,
    /// Office software.
    Office,
    /// Communication.
    Kommunikation,
    /// Finance.
    Finanzen,
    /// IT.
    It,
    /// Marketing.
    Marketing,
    /// Law and data protection.
    RechtDatenschutz,
}

/// How the agency verifies a skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verification {
    /// Self-assessment.
    #[serde(rename = "self")]
    SelfAssessed,
    /// A test by the agency.
    Test,
    /// A certificate.
    Certificate,
    /// An interview.
    Interview,
}

front_matter! {
    /// `content/checklists/*.md`.
    RawChecklist {
        title: String,
        summary: String,
        kind: ChecklistKind,
        reader: Audience,
        version: i64,
        estimated_minutes: i64,
        print_signature: bool,
        roles: Vec<String>,
        items: Vec<RawItem>,
    }
}

entry! {
    /// `[[items]]` of a checklist.
    RawItem {
        id: String,
        text: String,
        section: String,
        required: bool,
        spec: String,
        note: String,
        link: String,
    }
}

/// What a checklist is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChecklistKind {
    /// Equipment.
    Equipment,
    /// IT security.
    Security,
    /// Onboarding.
    Onboarding,
    /// Offboarding.
    Offboarding,
    /// Legal (AVV, NDA).
    Legal,
    /// Client handover.
    Client,
}

/// Who a checklist or page is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// Assistants.
    Assistant,
    /// Clients.
    Client,
    /// The agency itself.
    Agency,
    /// Everyone (pages only).
    All,
}

front_matter! {
    /// `content/rates/*.md`.
    RawRate {
        title: String,
        summary: String,
        currency: String,
        price_basis: PriceBasis,
        vat_rate: String,
        customers: RateAudience,
        valid_from: Datetime,
        valid_until: Datetime,
        applies_to: Vec<String>,
        base_hourly: Amount,
        billing_increment_min: i64,
        minimum_per_task_min: i64,
        notice: String,
        payment_terms: String,
        expenses: String,
        trial: String,
        areas: Vec<RawArea>,
        packages: Vec<RawPackage>,
        surcharges: Vec<RawSurcharge>,
        units: Vec<RawUnit>,
    }
}

/// Whether prices are net, gross or without VAT (§ 19 `UStG`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PriceBasis {
    /// Net prices plus VAT.
    Net,
    /// End prices including VAT.
    Gross,
    /// No VAT charged (§ 19 `UStG`).
    Kleinunternehmer,
}

/// Who a rate table addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RateAudience {
    /// Businesses.
    B2b,
    /// Consumers.
    B2c,
    /// Both.
    Both,
}

entry! {
    /// `[[areas]]` of a rate table.
    RawArea { id: String, label: String, factor: String, approval_required: bool, }
}

entry! {
    /// `[[packages]]` of a rate table.
    RawPackage {
        id: String,
        label: String,
        hours: i64,
        price: Amount,
        period: Period,
        valid_months: i64,
        overage_hourly: Amount,
        rollover: RawRollover,
    }
}

/// How often a package is bought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Every month.
    Month,
    /// Once, as a block.
    Once,
}

entry! {
    /// `[packages.rollover]`.
    RawRollover { max_hours: i64, max_percent: String, expires_after_months: i64, }
}

entry! {
    /// `[[surcharges]]` of a rate table.
    RawSurcharge { id: String, label: String, percent: String, condition: String, }
}

entry! {
    /// `[[units]]` of a rate table.
    RawUnit { id: String, label: String, price: Amount, minimum_units: i64, definition: String, }
}

front_matter! {
    /// `content/briefings/*.md`.
    RawBriefing {
        title: String,
        summary: String,
        for_services: Vec<String>,
        default_area: String,
        outputs: Vec<BriefingOutput>,
        include_standard: bool,
        fields: Vec<RawField>,
    }
}

/// Ways a briefing can be filled in or sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BriefingOutput {
    /// Fillable form.
    Form,
    /// Print view.
    Print,
    /// Markdown download.
    Markdown,
    /// `mailto:` link.
    Mailto,
}

entry! {
    /// `[[fields]]` of a briefing.
    RawField {
        id: String,
        label: String,
        kind: FieldKind,
        section: String,
        required: bool,
        help: String,
        placeholder: String,
        options: Vec<String>,
        default: toml::Value,
    }
}

/// Input kinds of briefing fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines of text.
    Textarea,
    /// A date.
    Date,
    /// Date and time (with time zone).
    Datetime,
    /// A whole number.
    Number,
    /// Hours.
    Hours,
    /// Money.
    Money,
    /// One of `options`.
    Select,
    /// Several of `options`.
    Multiselect,
    /// Yes or no.
    Checkbox,
    /// A web address.
    Url,
    /// A contact (name, e-mail or phone).
    Contact,
    /// Name of a password-manager entry, never a secret.
    AccessRef,
}

front_matter! {
    /// `content/guides/*.md`.
    RawGuide {
        title: String,
        summary: String,
        reader: Audience,
        roles: Vec<String>,
        duration_days: i64,
        steps: Vec<RawStep>,
    }
}

entry! {
    /// `[[steps]]` of a guide.
    RawStep {
        id: String,
        title: String,
        day: i64,
        body: String,
        checklist: String,
        page: String,
        briefing: String,
        skill: String,
        done_when: String,
        required: bool,
        quiz: Vec<RawQuiz>,
    }
}

entry! {
    /// `[[steps.quiz]]`.
    RawQuiz { question: String, options: Vec<String>, answer: i64, }
}

front_matter! {
    /// `content/pages/*.md`.
    RawPage {
        title: String,
        summary: String,
        kind: PageKind,
        menu: Menu,
        reader: Audience,
        slug: String,
    }
}

/// Special roles of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// An ordinary page.
    Generic,
    /// The home page, served at the language root.
    Home,
    /// Questions and answers.
    Faq,
    /// Legal notice (§ 5 DDG).
    Impressum,
    /// Privacy policy.
    Datenschutz,
    /// Terms.
    Agb,
    /// About us.
    About,
}

/// Which menu a page appears in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Menu {
    /// The main navigation.
    Main,
    /// The footer.
    Footer,
    /// No menu.
    None,
}
