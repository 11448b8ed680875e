//! Validated content: what the rest of vpagen works with. Built in one step from raw
//! front matter; no field is "filled in later".

use serde::Serialize;

use super::raw::{
    Audience, BriefingOutput, ChecklistKind, FieldKind, Menu, PageKind, Period, PriceBasis,
    RateAudience, SkillGroup, Verification,
};
use super::values::{Duration, Factor, Money, Percent};
use crate::util::Date;

/// Editorial metadata every content file may carry.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Meta {
    /// Draft items are built only with `--drafts`.
    pub draft: bool,
    /// Sort key within lists (lower first).
    pub order: i64,
    /// Free tags.
    pub tags: Vec<String>,
    /// Person responsible.
    pub owner: Option<String>,
    /// Last substantive change.
    #[serde(serialize_with = "ser_date_opt")]
    pub updated: Option<Date>,
    /// Review deadline.
    #[serde(serialize_with = "ser_date_opt")]
    pub review_by: Option<Date>,
    /// Free data for themes.
    pub extra: toml::Table,
    /// Rank of the audience that may read the item in `Config::audiences` (0 is the
    /// widest); an audience sees the items of its rank and below.
    pub visible_to: usize,
    /// Translations: the hash of the original they were made from (`source_hash`).
    #[serde(skip)]
    pub source_hash: Option<String>,
}

#[allow(clippy::ref_option)] // serde's `serialize_with` passes `&Option<T>`.
fn ser_date_opt<S: serde::Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_some(&d.to_string()),
        None => s.serialize_none(),
    }
}

/// The data of one content item, by type.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Data {
    /// A service.
    Service(Service),
    /// A skill.
    Skill(Skill),
    /// A checklist.
    Checklist(Checklist),
    /// A rate table.
    Rate(RateTable),
    /// A briefing template.
    Briefing(Briefing),
    /// An onboarding guide.
    Guide(Guide),
    /// A page.
    Page(Page),
}

/// How a service is billed, with what the mode needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "mode", content = "value", rename_all = "lowercase")]
pub enum Billing {
    /// By the hour, in a work area of the rate table.
    Hourly {
        /// Area id in the rate table.
        work_area: String,
    },
    /// By a unit of the rate table.
    Unit {
        /// Unit id in the rate table.
        unit: String,
    },
    /// One flat price.
    Flat {
        /// The price.
        price: Money,
        /// Paid once or every month.
        period: Period,
    },
}

/// A service of the catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct Service {
    /// Category id from `site.toml`.
    pub category: String,
    /// Rate table named explicitly; otherwise the category's default table applies.
    pub rate_table: Option<String>,
    /// Billing mode.
    pub billing: Billing,
    /// What the assistant does.
    pub tasks: Vec<String>,
    /// What is not included.
    pub excluded: Vec<String>,
    /// What the client receives.
    pub deliverables: Vec<String>,
    /// Legal or scope limit, shown boxed.
    pub scope_note: Option<String>,
    /// Languages the service is offered in.
    pub languages: Vec<String>,
    /// Standard turnaround.
    pub turnaround_standard: Option<Duration>,
    /// Rush turnaround.
    pub turnaround_rush: Option<Duration>,
    /// Surcharge id for rush jobs.
    pub rush_surcharge: Option<String>,
    /// Service hours as text.
    pub service_hours: Option<String>,
    /// Whether personal data is processed (AVV needed).
    pub personal_data: bool,
    /// Explicit approval flag; `None` means "as the area says".
    pub approval_required: Option<bool>,
    /// What must be in place before the start.
    pub prerequisites: Vec<String>,
    /// Required skills with minimum levels.
    pub skills: Vec<SkillReq>,
    /// Equipment and security checklists.
    pub equipment: Vec<String>,
    /// Briefing templates for this service.
    pub briefings: Vec<String>,
    /// Related services.
    pub related: Vec<String>,
}

#[allow(clippy::trivially_copy_pass_by_ref)]
impl Serialize for Duration {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{}{:?}", self.amount, self.unit))
    }
}

/// A required skill and its minimum level.
#[derive(Debug, Clone, Serialize)]
pub struct SkillReq {
    /// Skill id.
    pub id: String,
    /// Minimum level in the skill's scale.
    pub level: String,
}

/// A skill assistants need.
#[derive(Debug, Clone, Serialize)]
pub struct Skill {
    /// Group (matrix column group).
    pub group: SkillGroup,
    /// Scale name from `site.toml`.
    pub scale: String,
    /// Descriptions per level, in scale order.
    pub level_descriptions: Vec<(String, String)>,
    /// How the skill is proven.
    pub evidence: Vec<String>,
    /// How the agency verifies it.
    pub verification: Option<Verification>,
    /// Legal note.
    pub legal_note: Option<String>,
    /// Guides or guide steps that teach it (`guide` or `guide#step`).
    pub training: Vec<String>,
}

/// A checklist.
#[derive(Debug, Clone, Serialize)]
pub struct Checklist {
    /// What it is for.
    pub kind: ChecklistKind,
    /// Who works through it.
    pub audience: Audience,
    /// Version; a bump resets stored ticks.
    pub version: u32,
    /// Estimated minutes to complete.
    pub estimated_minutes: Option<u32>,
    /// Whether the print view has signature lines.
    pub print_signature: bool,
    /// Roles it belongs to.
    pub roles: Vec<String>,
    /// Items in file order.
    pub items: Vec<ChecklistItem>,
}

/// One checklist item.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistItem {
    /// Stable id (the key of the stored tick).
    pub id: String,
    /// Text (inline Markdown).
    pub text: String,
    /// Section heading.
    pub section: Option<String>,
    /// Required for completion.
    pub required: bool,
    /// Measurable requirement.
    pub spec: Option<String>,
    /// Note (Markdown).
    pub note: Option<String>,
    /// Link target `@type:id[#anchor]`.
    pub link: Option<String>,
}

/// A rate table.
#[derive(Debug, Clone, Serialize)]
pub struct RateTable {
    /// ISO 4217 currency.
    pub currency: String,
    /// Net, gross or § 19 `UStG`.
    pub price_basis: PriceBasis,
    /// VAT rate, absent for Kleinunternehmer.
    pub vat_rate: Option<Percent>,
    /// B2B, B2C or both.
    pub audience: RateAudience,
    /// First day of validity.
    #[serde(serialize_with = "ser_date")]
    pub valid_from: Date,
    /// Last day of validity.
    #[serde(serialize_with = "ser_date_opt")]
    pub valid_until: Option<Date>,
    /// Categories this table is the default for.
    pub applies_to: Vec<String>,
    /// Hourly base rate.
    pub base_hourly: Option<Money>,
    /// Billing increment in minutes.
    pub billing_increment_min: u32,
    /// Minimum billed per task, in minutes.
    pub minimum_per_task_min: Option<u32>,
    /// Notice period.
    pub notice: Option<String>,
    /// Payment terms.
    pub payment_terms: Option<String>,
    /// Expenses rule.
    pub expenses: Option<String>,
    /// Trial offer, in words.
    pub trial: Option<String>,
    /// Trial offer as a price rule.
    pub trial_offer: Option<Trial>,
    /// Work areas with factors.
    pub areas: Vec<Area>,
    /// Hour packages.
    pub packages: Vec<Package>,
    /// Surcharges.
    pub surcharges: Vec<Surcharge>,
    /// Unit prices.
    pub units: Vec<Unit>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `serialize_with` passes a reference.
fn ser_date<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.to_string())
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl Serialize for Factor {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.format("en"))
    }
}

impl Serialize for Percent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.format("en"))
    }
}

/// A work area with its factor.
#[derive(Debug, Clone, Serialize)]
pub struct Area {
    /// Id referenced by services.
    pub id: String,
    /// Label.
    pub label: String,
    /// Factor applied to hours.
    pub factor: Factor,
    /// Whether jobs in this area need approval first.
    pub approval_required: bool,
}

/// An hour package.
#[derive(Debug, Clone, Serialize)]
pub struct Package {
    /// Id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Hours included.
    pub hours: u32,
    /// Price of the package.
    pub price: Money,
    /// Monthly or once.
    pub period: Period,
    /// Validity of a block in months.
    pub valid_months: Option<u32>,
    /// Hourly price beyond the package.
    pub overage_hourly: Option<Money>,
    /// Rollover rule; `None` means unused hours expire.
    pub rollover: Option<Rollover>,
    /// Automatic top-up instead of overage.
    pub top_up: Option<TopUp>,
}

/// Hours added automatically when a package runs out, instead of overage.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct TopUp {
    /// Hours added each time.
    pub hours: u32,
    /// Price of one top-up.
    pub price: Money,
}

/// A trial: the first billed hours of a new client, without a package, at a discount.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Trial {
    /// Billed hours at the discount.
    pub hours: u32,
    /// Discount on them.
    pub discount: Percent,
}

/// How many unused hours carry over.
#[derive(Debug, Clone, Serialize)]
pub struct Rollover {
    /// Cap in hours.
    pub max_hours: Option<u32>,
    /// Cap in percent of the package hours.
    pub max_percent: Option<Percent>,
    /// Months after which carried hours expire.
    pub expires_after_months: Option<u32>,
}

/// A surcharge.
#[derive(Debug, Clone, Serialize)]
pub struct Surcharge {
    /// Id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Percent added.
    pub percent: Percent,
    /// When it applies.
    pub condition: Option<String>,
}

/// A unit price.
#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    /// Id referenced by services.
    pub id: String,
    /// Label.
    pub label: String,
    /// Price per unit.
    pub price: Money,
    /// Minimum units billed.
    pub minimum_units: Option<u32>,
    /// What one unit is.
    pub definition: Option<String>,
}

/// A briefing template.
#[derive(Debug, Clone, Serialize)]
pub struct Briefing {
    /// Services it is for.
    pub for_services: Vec<String>,
    /// Default work area.
    pub default_area: Option<String>,
    /// Enabled outputs.
    pub outputs: Vec<BriefingOutput>,
    /// Whether the standard sections were prepended.
    pub include_standard: bool,
    /// All fields, standard ones first when included.
    pub fields: Vec<Field>,
}

/// A field of a briefing.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// Id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Input kind.
    pub kind: FieldKind,
    /// Section heading.
    pub section: Option<String>,
    /// Must be filled in.
    pub required: bool,
    /// Help text.
    pub help: Option<String>,
    /// Placeholder.
    pub placeholder: Option<String>,
    /// Options of select kinds.
    pub options: Vec<String>,
    /// Default value, as text.
    pub default: Option<String>,
    /// Whether this is one of the standard fields.
    pub standard: bool,
}

/// An onboarding guide.
#[derive(Debug, Clone, Serialize)]
pub struct Guide {
    /// Assistants or clients.
    pub audience: Audience,
    /// Roles (empty = everyone).
    pub roles: Vec<String>,
    /// Length in days.
    pub duration_days: Option<u32>,
    /// Steps in order.
    pub steps: Vec<Step>,
}

/// One step of a guide.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// Id (anchor).
    pub id: String,
    /// Title.
    pub title: String,
    /// Day of the path.
    pub day: Option<u32>,
    /// Markdown body.
    pub body: Option<String>,
    /// Checklist to complete.
    pub checklist: Option<String>,
    /// Page to read.
    pub page: Option<String>,
    /// Briefing to practise.
    pub briefing: Option<String>,
    /// Skill to practise.
    pub skill: Option<String>,
    /// Definition of done.
    pub done_when: Option<String>,
    /// Counts toward progress.
    pub required: bool,
    /// Self-check questions.
    pub quiz: Vec<Quiz>,
}

/// A self-check question.
#[derive(Debug, Clone, Serialize)]
pub struct Quiz {
    /// Question.
    pub question: String,
    /// Answer options.
    pub options: Vec<String>,
    /// Index of the right option.
    pub answer: usize,
}

/// A plain page.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// Special role.
    pub kind: PageKind,
    /// Menu placement.
    pub menu: Menu,
    /// Audience.
    pub audience: Audience,
    /// URL segment override.
    pub slug: Option<String>,
}
