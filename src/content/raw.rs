//! Serde mirrors of the front matter of each content type, as written.
//!
//! Every field is optional here: presence is checked during validation, which can
//! point at the file and say which key to add. The same structs read translation
//! files, which may set only a subset (see [`super::translate`]). Every table denies
//! unknown keys, so a typo is an error with a "did you mean" hint.
//!
//! The `///` comment of each key is its description in `vpagen reference` and in the
//! JSON Schemas of `vpagen schema` (derived with `schemars`); the other facts about a
//! key (required, default, checks, example) are in `crate::reference::facts`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::value::Datetime;

/// A TOML date in a JSON Schema: TOML tools hand dates to schemas as strings.
pub(crate) fn date_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "string", "format": "date" })
}

/// A free TOML table in a JSON Schema.
fn table_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "object" })
}

/// Any TOML value in a JSON Schema.
fn any_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({})
}

/// The pattern of an amount of money in the schemas: euros with up to two decimals.
pub(crate) const MONEY_PATTERN: &str = r"^[0-9]+(\.[0-9]{1,2})?$";

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

impl JsonSchema for Amount {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }

    /// A quoted decimal with up to two places, as [`super::values::Money`] reads it.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": MONEY_PATTERN })
    }
}

/// Declares a front-matter struct with the editorial keys every content type accepts.
macro_rules! front_matter {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Default, Clone, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct $name {
            $($(#[$fmeta])* pub(crate) $field: Option<$ty>,)*
            /// The content type (`service`, `skill` …); when given, it must match the folder.
            #[serde(rename = "type")]
            pub(crate) type_name: Option<String>,
            /// A draft: left out of builds unless `--drafts` is given.
            pub(crate) draft: Option<bool>,
            /// Sort key within lists, lowest first.
            pub(crate) order: Option<i64>,
            /// Free tags.
            pub(crate) tags: Option<Vec<String>>,
            /// The person responsible for the content (shown in `check --stale`).
            pub(crate) owner: Option<String>,
            /// Date of the last substantive change.
            #[schemars(schema_with = "date_schema")]
            pub(crate) updated: Option<Datetime>,
            /// Date by which the content must be reviewed again.
            #[schemars(schema_with = "date_schema")]
            pub(crate) review_by: Option<Datetime>,
            /// Free data for themes, passed to templates as it is.
            #[schemars(schema_with = "table_schema")]
            pub(crate) extra: Option<toml::Table>,
            /// The audience (an `[[audience]]` id of site.toml) that may see the item.
            pub(crate) visible_to: Option<String>,
            /// Translations only: the hash of the original the translation was made from.
            pub(crate) source_hash: Option<String>,
        }
    };
}

/// Declares a struct for an entry of an array of tables, all keys optional.
macro_rules! entry {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Default, Clone, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct $name {
            $($(#[$fmeta])* pub(crate) $field: Option<$ty>,)*
        }
    };
}

front_matter! {
    /// `content/services/*.md`.
    RawService {
        /// Name of the service.
        title: String,
        /// One or two sentences for cards, search results and the meta description.
        summary: String,
        /// The `[[category]]` id of site.toml the service is listed under.
        category: String,
        /// The work area (`[[areas]]` id of the rate table) that sets the hourly factor.
        work_area: String,
        /// The rate table that prices the service.
        rate_table: String,
        /// How the service is billed.
        billing: Billing,
        /// The `[[units]]` id of the rate table for per-unit billing.
        unit: String,
        /// The flat price, a quoted decimal.
        flat_price: Amount,
        /// Whether the flat price is paid once (default) or every month.
        flat_period: Period,
        /// What the service does, one task per entry.
        tasks: Vec<String>,
        /// What the service does not include.
        excluded: Vec<String>,
        /// What the client receives.
        deliverables: Vec<String>,
        /// Limits of the service (e.g. no tax advice), shown as a boxed note.
        scope_note: String,
        /// Languages the service is offered in (ISO 639-1 codes).
        languages: Vec<String>,
        /// How fast the work is done, as durations.
        turnaround: RawTurnaround,
        /// The `[[surcharges]]` id of the rate table charged for rush work.
        rush_surcharge: String,
        /// When the service is available, in words.
        service_hours: String,
        /// Whether the service processes personal data (then an AV-Vertrag is needed).
        personal_data: bool,
        /// Whether each job needs the client's approval first; overrides the area's flag.
        approval_required: bool,
        /// What the client must prepare before work starts.
        prerequisites: Vec<String>,
        /// Skills an assistant needs, each with the minimum level.
        skills: Vec<RawSkillReq>,
        /// Equipment or security checklists the assistant must meet.
        equipment: Vec<String>,
        /// Briefing templates for ordering the service.
        briefings: Vec<String>,
        /// Related services, shown as links.
        related: Vec<String>,
    }
}

entry! {
    /// `turnaround = { standard = "2bd", rush = "4h" }`.
    RawTurnaround {
        /// Usual turnaround: `"15min"`, `"4h"`, `"2bd"` (business days), `"3d"` or `"1w"`.
        standard: String,
        /// Turnaround of a rush job, at the `rush_surcharge`.
        rush: String,
    }
}

entry! {
    /// `[[skills]]` of a service.
    RawSkillReq {
        /// The skill (a file of content/skills/).
        id: String,
        /// The minimum level, one of the skill's scale.
        level: String,
    }
}

/// How a service is billed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Billing {
    /// By the hour, times the factor of the work area.
    Hourly,
    /// By a unit of the rate table (e.g. a standard page).
    Unit,
    /// One flat price.
    Flat,
}

front_matter! {
    /// `content/skills/*.md`.
    RawSkill {
        /// Name of the skill.
        title: String,
        /// One or two sentences on what the skill covers.
        summary: String,
        /// The column group of the skill matrix.
        group: SkillGroup,
        /// The `[skill_scales]` name of site.toml whose levels the skill uses.
        scale: String,
        /// What each level means for this skill, by level.
        level_descriptions: BTreeMap<String, String>,
        /// How an assistant shows the skill.
        evidence: Vec<String>,
        /// How the agency verifies the skill.
        verification: Verification,
        /// A legal limit of the skill, shown as a note.
        legal_note: String,
        /// Guides (`guide` or `guide#step`) that teach the skill.
        training: Vec<String>,
    }
}

/// Skill groups, the columns of the skill matrix.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize, JsonSchema,
)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
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
        /// Name of the checklist.
        title: String,
        /// One or two sentences on what the checklist is for.
        summary: String,
        /// What the checklist is for.
        kind: ChecklistKind,
        /// Who the checklist is written for (not who may see it: that is `visible_to`).
        reader: Audience,
        /// Version; raising it resets the ticks readers saved in their browsers.
        version: i64,
        /// How long working through the checklist takes, in minutes.
        estimated_minutes: i64,
        /// Whether the print view ends with name, date and signature lines.
        print_signature: bool,
        /// `[[role]]` ids of site.toml the checklist is for.
        roles: Vec<String>,
        /// The items, in order.
        items: Vec<RawItem>,
    }
}

entry! {
    /// `[[items]]` of a checklist.
    RawItem {
        /// Stable id of the item: the key of its saved tick and its anchor.
        id: String,
        /// The item, inline Markdown.
        text: String,
        /// Heading the item is grouped under, in order of first appearance.
        section: String,
        /// Whether the item counts as required for completion.
        required: bool,
        /// A measurable requirement shown next to the item.
        spec: String,
        /// A longer note in Markdown, shown collapsed.
        note: String,
        /// A link: `@type:id[#anchor]` or a web address.
        link: String,
    }
}

/// What a checklist is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
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

/// Who a checklist, guide or page is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
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
        /// Name of the rate table.
        title: String,
        /// One or two sentences on whom the prices are for.
        summary: String,
        /// Currency of all prices (ISO 4217); only `EUR` is supported.
        currency: String,
        /// Whether prices are net, gross or without VAT.
        price_basis: PriceBasis,
        /// VAT rate in percent, a quoted number.
        vat_rate: String,
        /// The kind of customer the prices are for.
        customers: RateAudience,
        /// First day the table applies.
        #[schemars(schema_with = "date_schema")]
        valid_from: Datetime,
        /// Last day the table applies.
        #[schemars(schema_with = "date_schema")]
        valid_until: Datetime,
        /// `[[category]]` ids whose services this table prices unless they name another.
        applies_to: Vec<String>,
        /// Hourly rate before area factors, a quoted decimal.
        base_hourly: Amount,
        /// Work is billed in steps of this many minutes.
        billing_increment_min: i64,
        /// The least billed for a task, in minutes.
        minimum_per_task_min: i64,
        /// Notice period, in words.
        notice: String,
        /// Payment terms, in words.
        payment_terms: String,
        /// How expenses are charged, in words.
        expenses: String,
        /// Trial offer, in words; `trial_hours` and `trial_discount` make it a price rule.
        trial: String,
        /// Trial: this many billed hours of a new client's first jobs without a package
        /// are discounted.
        trial_hours: i64,
        /// Trial: the discount on those hours in percent, a quoted number (`"100"` = free).
        trial_discount: String,
        /// Work areas and their factors on the hourly rate.
        areas: Vec<RawArea>,
        /// Packages of hours.
        packages: Vec<RawPackage>,
        /// Surcharges in percent, for rush or off-hours work.
        surcharges: Vec<RawSurcharge>,
        /// Prices per unit (a standard page, a minute of dictation).
        units: Vec<RawUnit>,
    }
}

/// Whether prices are net, gross or without VAT (§ 19 `UStG`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
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
    RawArea {
        /// Id of the area, named by services' `work_area`.
        id: String,
        /// Name of the area.
        label: String,
        /// Factor on the hourly rate, a quoted decimal; one area has `"1.0"`.
        factor: String,
        /// Whether work in this area needs the client's approval first.
        approval_required: bool,
    }
}

entry! {
    /// `[[packages]]` of a rate table.
    RawPackage {
        /// Id of the package.
        id: String,
        /// Name of the package.
        label: String,
        /// Hours the package contains.
        hours: i64,
        /// Price of the package, a quoted decimal.
        price: Amount,
        /// Whether the package is bought every month or once.
        period: Period,
        /// Months a block bought once stays valid.
        valid_months: i64,
        /// Hourly price beyond the package, a quoted decimal.
        overage_hourly: Amount,
        /// How many unused hours carry over to the next period.
        rollover: RawRollover,
        /// Automatic top-up: when the hours run out, this many hours are added …
        top_up_hours: i64,
        /// … at this price, a quoted decimal; instead of billing overage.
        top_up_price: Amount,
    }
}

/// How often a package is bought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Every month.
    Month,
    /// Once, as a block.
    Once,
}

entry! {
    /// `[packages.rollover]`.
    RawRollover {
        /// At most this many unused hours carry over.
        max_hours: i64,
        /// At most this share of the package's hours carries over, in percent.
        max_percent: String,
        /// Carried-over hours lapse after this many months.
        expires_after_months: i64,
    }
}

entry! {
    /// `[[surcharges]]` of a rate table.
    RawSurcharge {
        /// Id of the surcharge, named by services' `rush_surcharge`.
        id: String,
        /// Name of the surcharge.
        label: String,
        /// Surcharge in percent, a quoted number; surcharges add up.
        percent: String,
        /// When the surcharge applies, in words.
        condition: String,
    }
}

entry! {
    /// `[[units]]` of a rate table.
    RawUnit {
        /// Id of the unit, named by services' `unit`.
        id: String,
        /// Name of the unit.
        label: String,
        /// Price per unit, a quoted decimal.
        price: Amount,
        /// The least number of units billed.
        minimum_units: i64,
        /// What one unit is.
        definition: String,
    }
}

front_matter! {
    /// `content/briefings/*.md`.
    RawBriefing {
        /// Name of the briefing template.
        title: String,
        /// One or two sentences on what the template is for.
        summary: String,
        /// Services the template is for; without them it is generic.
        for_services: Vec<String>,
        /// The work area (`[[areas]]` id of a rate table) preselected in the form.
        default_area: String,
        /// Ways the briefing can be filled in or sent.
        outputs: Vec<BriefingOutput>,
        /// Whether the standard fields come first (their ids are then taken).
        include_standard: bool,
        /// The fields of the form, in order.
        fields: Vec<RawField>,
    }
}

/// Ways a briefing can be filled in or sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
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
        /// Id of the field, its anchor and its key in the filled-in brief.
        id: String,
        /// The question or label of the field.
        label: String,
        /// The input kind.
        kind: FieldKind,
        /// Heading the field is grouped under.
        section: String,
        /// Whether the field must be filled in.
        required: bool,
        /// Help text shown with the field.
        help: String,
        /// Example text shown in the empty field.
        placeholder: String,
        /// The choices of a `select` or `multiselect` field.
        options: Vec<String>,
        /// Preset value, of the field's kind (a `select` default names an option).
        #[schemars(schema_with = "any_schema")]
        default: toml::Value,
    }
}

/// Input kinds of briefing fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
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
        /// Name of the guide.
        title: String,
        /// One or two sentences on whom the guide is for.
        summary: String,
        /// Who the guide is written for.
        reader: Audience,
        /// `[[role]]` ids of site.toml the guide is for; without them, everyone.
        roles: Vec<String>,
        /// How many days the guide takes.
        duration_days: i64,
        /// The steps, in order.
        steps: Vec<RawStep>,
    }
}

entry! {
    /// `[[steps]]` of a guide.
    RawStep {
        /// Stable id of the step: its anchor and the key of its saved tick.
        id: String,
        /// What to do.
        title: String,
        /// The day of the guide the step belongs to.
        day: i64,
        /// Instructions in Markdown.
        body: String,
        /// A checklist to work through in this step.
        checklist: String,
        /// A page to read in this step.
        page: String,
        /// A briefing template to practise with.
        briefing: String,
        /// A skill the step trains.
        skill: String,
        /// When the step counts as done.
        done_when: String,
        /// Whether the step counts as required for completion.
        required: bool,
        /// Self-check questions.
        quiz: Vec<RawQuiz>,
    }
}

entry! {
    /// `[[steps.quiz]]`.
    RawQuiz {
        /// The question.
        question: String,
        /// The possible answers.
        options: Vec<String>,
        /// Index of the right answer in `options`, counting from 0.
        answer: i64,
    }
}

front_matter! {
    /// `content/pages/*.md`.
    RawPage {
        /// Title of the page.
        title: String,
        /// One or two sentences for search results and the meta description.
        summary: String,
        /// A special role of the page.
        kind: PageKind,
        /// The menu the page appears in.
        menu: Menu,
        /// Who the page is written for.
        reader: Audience,
        /// The URL segment of the page instead of its file name.
        slug: String,
    }
}

/// Special roles of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Menu {
    /// The main navigation.
    Main,
    /// The footer.
    Footer,
    /// No menu.
    None,
}
