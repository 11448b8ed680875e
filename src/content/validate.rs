//! Raw front matter → validated [`Data`]: presence, lengths, value grammars and the
//! checks that need nothing but this file and `site.toml`. Checks across files live in
//! `crate::check`.

use std::str::FromStr;

use super::raw::{self, Amount, Billing as RawBilling, FieldKind, PriceBasis, RateAudience};
use super::types::{
    Area, Billing, Briefing, Checklist, ChecklistItem, Data, Field, Guide, Meta, Package, Page,
    Quiz, RateTable, Rollover, Service, Skill, SkillReq, Step, Surcharge, TopUp, Trial, Unit,
};
use super::values::{Duration, Factor, Money, Percent};
use crate::config::{Config, TaxMode};
use crate::diag::{Diagnostic, Diagnostics};
use crate::kind::Kind;
use crate::toml_doc::{Doc, Seg, Target, amount_help, date_help, german_date};
use crate::util::{Date, is_kebab_id};

/// Validation state for one file.
pub(crate) struct Validator<'a, 'd> {
    pub(crate) doc: &'a Doc<'a>,
    pub(crate) diags: &'d mut Diagnostics,
    pub(crate) config: &'a Config,
    /// Language of the item being validated (for built-in labels).
    pub(crate) lang: &'a str,
}

/// Shorthand for a one-segment path.
fn k(key: &str) -> Vec<Seg<'_>> {
    vec![Seg::Key(key)]
}

/// Shorthand for `key[index].field`.
fn kif<'p>(key: &'p str, index: usize, field: &'p str) -> Vec<Seg<'p>> {
    vec![Seg::Key(key), Seg::Index(index), Seg::Key(field)]
}

impl Validator<'_, '_> {
    fn error(&mut self, path: &[Seg<'_>], message: impl Into<String>, help: impl Into<String>) {
        let d = self.doc.error_at(path, message).help(help);
        self.diags.push(d);
    }

    fn warning(&mut self, path: &[Seg<'_>], message: impl Into<String>, help: impl Into<String>) {
        let d = self.doc.warning_at(path, message).help(help);
        self.diags.push(d);
    }

    /// Reports a missing required key and returns `None`.
    fn missing(&mut self, parent: &[Seg<'_>], key: &str, example: &str) {
        let span = if parent.is_empty() {
            // The opening `+++` line: the front matter as a whole lacks the key.
            self.doc.offset.saturating_sub(4)..self.doc.offset.saturating_sub(1)
        } else {
            self.doc.span(parent, Target::Value)
        };
        let where_ = if parent.is_empty() {
            "the front matter"
        } else {
            "this entry"
        };
        self.diags.push(
            Diagnostic::error(format!("missing required key `{key}`"))
                .at(self.doc.file, span)
                .label(format!("in {where_}"))
                .help(format!("add `{key} = {example}`")),
        );
    }

    fn require<T>(
        &mut self,
        value: Option<T>,
        parent: &[Seg<'_>],
        key: &str,
        example: &str,
    ) -> Option<T> {
        if value.is_none() {
            self.missing(parent, key, example);
        }
        value
    }

    /// A required string of at most `max` characters.
    fn text(
        &mut self,
        value: Option<String>,
        parent: &[Seg<'_>],
        key: &str,
        max: usize,
    ) -> Option<String> {
        let value = self.require(value, parent, key, "\"…\"")?;
        self.check_len(&value, parent, key, max);
        Some(value)
    }

    fn check_len(&mut self, value: &str, parent: &[Seg<'_>], key: &str, max: usize) {
        let mut path = parent.to_vec();
        path.push(Seg::Key(key));
        let len = value.chars().count();
        if value.trim().is_empty() {
            self.error(
                &path,
                format!("`{key}` is empty"),
                "write some text or remove the key",
            );
        } else if len > max {
            self.error(
                &path,
                format!("`{key}` is {len} characters long; at most {max} are allowed"),
                "shorten it; longer explanations belong in the Markdown body",
            );
        }
    }

    fn check_list_len(&mut self, list: &[String], key: &str, max: usize) {
        for (i, text) in list.iter().enumerate() {
            let len = text.chars().count();
            if len > max {
                self.error(
                    &[Seg::Key(key), Seg::Index(i)],
                    format!("entry of `{key}` is {len} characters long; at most {max} are allowed"),
                    "shorten it or split it into two entries",
                );
            }
        }
    }

    fn parse<T: FromStr<Err = String>>(
        &mut self,
        value: Option<String>,
        path: &[Seg<'_>],
    ) -> Option<T> {
        let value = value?;
        match value.parse() {
            Ok(v) => Some(v),
            Err(message) => {
                let d = self.doc.error_at(path, format!("invalid value: {message}"));
                let d = d.label("cannot be read").help(parse_help::<T>());
                self.diags.push(d);
                None
            }
        }
    }

    /// An amount of money; one that cannot be read is reported with the line as it
    /// should read (`base_hourly = "45.50"` for `45.50` or `"45,50"`).
    fn money(&mut self, value: Option<Amount>, path: &[Seg<'_>]) -> Option<Money> {
        let written = self.doc.source(path);
        let (message, label) = match value? {
            Amount::Text(text) => match text.parse::<Money>() {
                Ok(money) => return Some(money),
                Err(message) => (format!("invalid value: {message}"), "cannot be read"),
            },
            Amount::Unquoted => (
                format!("the amount `{written}` is written without quotes"),
                "a number, not text",
            ),
        };
        let key = path
            .iter()
            .rev()
            .find_map(|s| match s {
                Seg::Key(key) => Some(*key),
                Seg::Index(_) => None,
            })
            .unwrap_or("price");
        let d = self.doc.error_at(path, message).label(label);
        self.diags.push(d.help(amount_help(key, written)));
        None
    }

    pub(crate) fn date(
        &mut self,
        value: Option<toml::value::Datetime>,
        path: &[Seg<'_>],
    ) -> Option<Date> {
        let value = value?;
        let date = value
            .date
            .filter(|_| value.time.is_none() && value.offset.is_none());
        let parsed = date.and_then(|d| Date::new(i32::from(d.year), d.month, d.day));
        if parsed.is_none() {
            self.error(
                path,
                "expected a date without time",
                "write a TOML date such as 2027-06-30 (no quotes, no time)",
            );
        }
        parsed
    }

    fn count(&mut self, value: Option<i64>, path: &[Seg<'_>], min: i64, max: i64) -> Option<u32> {
        let value = value?;
        if value < min || value > max {
            self.error(
                path,
                format!("{value} is out of range"),
                format!("use a whole number from {min} to {max}"),
            );
            return None;
        }
        u32::try_from(value).ok()
    }

    fn ids(&mut self, key: &str, ids: &[Option<String>]) {
        let mut seen: Vec<&str> = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            let Some(id) = id else {
                self.missing(&[Seg::Key(key), Seg::Index(i)], "id", "\"…\"");
                continue;
            };
            let path = kif(key, i, "id");
            if !is_kebab_id(id) {
                self.error(
                    &path,
                    format!("`{}` is not a valid id", crate::util::shown(id)),
                    "use lower-case letters, digits and single dashes, e.g. `pw-manager`",
                );
            } else if seen.contains(&id.as_str()) {
                self.error(
                    &path,
                    format!("id `{id}` is used twice in `{key}`"),
                    "ids must be unique within the file; rename one",
                );
            }
            seen.push(id);
        }
    }

    pub(crate) fn meta(&mut self, m: MetaFields, kind: Kind) -> Meta {
        let visible_to = match m.visible_to {
            None => self.config.default_audience(kind),
            Some(id) => self.config.audience_rank(&id).unwrap_or_else(|| {
                let ids: Vec<&str> = self.config.audiences.iter().map(|a| a.id.as_str()).collect();
                let help = match crate::diag::did_you_mean(&id, ids.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "use one of the audiences declared in site.toml: {} (add an `[[audience]]` there for a new one)",
                        ids.join(", ")
                    ),
                };
                let d = self
                    .doc
                    .error_at(&k("visible_to"), format!("unknown audience `{}`", crate::util::shown(&id)))
                    .label("not an [[audience]] of site.toml")
                    .help(help);
                self.diags.push(d);
                self.config.audiences.len().saturating_sub(1)
            }),
        };
        Meta {
            visible_to,
            source_hash: None,
            draft: m.draft.unwrap_or(false),
            order: m.order.unwrap_or(0),
            tags: m.tags.unwrap_or_default(),
            owner: m.owner,
            updated: self.date(m.updated, &k("updated")),
            review_by: self.date(m.review_by, &k("review_by")),
            extra: m.extra.unwrap_or_default(),
        }
    }
}

fn parse_help<T>() -> &'static str {
    let name = std::any::type_name::<T>();
    if name.ends_with("Duration") {
        "durations are quoted: \"15min\", \"4h\", \"2bd\" (business days), \"3d\" or \"1w\""
    } else if name.ends_with("Factor") {
        "factors are quoted decimals, e.g. \"1.5\""
    } else {
        "percentages are quoted numbers without %, e.g. \"19\""
    }
}

/// The editorial keys, shared by every raw type.
pub(crate) struct MetaFields {
    pub(crate) draft: Option<bool>,
    pub(crate) order: Option<i64>,
    pub(crate) tags: Option<Vec<String>>,
    pub(crate) owner: Option<String>,
    pub(crate) updated: Option<toml::value::Datetime>,
    pub(crate) review_by: Option<toml::value::Datetime>,
    pub(crate) extra: Option<toml::Table>,
    pub(crate) visible_to: Option<String>,
    pub(crate) source_hash: Option<String>,
}

/// Validated common parts plus the typed data.
pub(crate) struct Validated {
    pub(crate) title: Option<String>,
    pub(crate) summary: Option<String>,
    pub(crate) data: Option<Data>,
}

pub(crate) fn service(v: &mut Validator<'_, '_>, r: raw::RawService) -> Validated {
    let title = v.text(r.title, &[], "title", 80);
    let summary = v.text(r.summary, &[], "summary", 200);
    let category = service_category(v, r.category);
    let billing = service_billing(
        v,
        r.billing,
        r.work_area,
        r.unit,
        r.flat_price,
        r.flat_period,
    );
    let tasks = v
        .require(r.tasks, &[], "tasks", "[\"…\"]")
        .unwrap_or_default();
    if tasks.is_empty() && v.doc.has(&k("tasks")) {
        v.error(&k("tasks"), "`tasks` is empty", "list at least one task");
    }
    v.check_list_len(&tasks, "tasks", 160);
    if let Some(note) = &r.scope_note {
        v.check_len(note, &[], "scope_note", 300);
    }
    let languages = service_languages(v, r.languages);
    let (standard, rush) = service_turnaround(v, r.turnaround, r.rush_surcharge.as_ref());
    let personal_data = v.require(r.personal_data, &[], "personal_data", "false");
    let skills = service_skills(v, r.skills);
    let data = match (category, billing, personal_data) {
        (Some(category), Some(billing), Some(personal_data)) => Some(Data::Service(Service {
            category,
            rate_table: r.rate_table,
            billing,
            tasks,
            excluded: r.excluded.unwrap_or_default(),
            deliverables: r.deliverables.unwrap_or_default(),
            scope_note: r.scope_note,
            languages,
            turnaround_standard: standard,
            turnaround_rush: rush,
            rush_surcharge: r.rush_surcharge,
            service_hours: r.service_hours,
            personal_data,
            approval_required: r.approval_required,
            prerequisites: r.prerequisites.unwrap_or_default(),
            skills,
            equipment: r.equipment.unwrap_or_default(),
            briefings: r.briefings.unwrap_or_default(),
            related: r.related.unwrap_or_default(),
        })),
        _ => None,
    };
    Validated {
        title,
        summary,
        data,
    }
}

/// A service's required `category`, which must be a `[[category]]` of site.toml (C1).
fn service_category(v: &mut Validator<'_, '_>, category: Option<String>) -> Option<String> {
    let category = v.require(category, &[], "category", "\"buero\"");
    if let Some(c) = &category
        && v.config.category(c).is_none()
    {
        let ids: Vec<&str> = v.config.categories.iter().map(|c| c.id.as_str()).collect();
        let d = v
            .doc
            .error_at(&k("category"), format!("unknown category `{c}`"))
            .code("C1")
            .label("not a [[category]] of site.toml")
            .suggest(c, ids.iter().copied())
            .help_line(format!("categories in site.toml: {}", ids.join(", ")));
        v.diags.push(d);
    }
    category
}

/// A service's `billing` with the key its kind needs (`work_area`, `unit` or
/// `flat_price`); `flat_price` and `flat_period` belong to flat billing only.
fn service_billing(
    v: &mut Validator<'_, '_>,
    billing: Option<RawBilling>,
    work_area: Option<String>,
    unit: Option<String>,
    flat_price: Option<Amount>,
    flat_period: Option<raw::Period>,
) -> Option<Billing> {
    let billing_kind = v.require(billing, &[], "billing", "\"hourly\"");
    let billing = match billing_kind {
        Some(RawBilling::Hourly) => v
            .require(work_area, &[], "work_area", "\"backoffice\"")
            .map(|work_area| Billing::Hourly { work_area }),
        Some(RawBilling::Unit) => v
            .require(unit, &[], "unit", "\"normseite\"")
            .map(|unit| Billing::Unit { unit }),
        Some(RawBilling::Flat) => {
            let price = v.require(flat_price, &[], "flat_price", "\"149.00\"");
            let period = flat_period.unwrap_or(raw::Period::Once);
            v.money(price, &k("flat_price"))
                .map(|price| Billing::Flat { price, period })
        }
        None => None,
    };
    if !matches!(billing_kind, Some(RawBilling::Flat)) {
        for key in ["flat_period", "flat_price"] {
            if v.doc.has(&k(key)) {
                v.error(
                    &k(key),
                    format!("`{key}` is only used with `billing = \"flat\"`"),
                    "remove it or set `billing = \"flat\"`",
                );
            }
        }
    }
    billing
}

/// A service's required `languages`: at least one, each an ISO 639-1 code.
fn service_languages(v: &mut Validator<'_, '_>, languages: Option<Vec<String>>) -> Vec<String> {
    let languages = v
        .require(languages, &[], "languages", "[\"de\", \"en\"]")
        .unwrap_or_default();
    if languages.is_empty() && v.doc.has(&k("languages")) {
        v.error(
            &k("languages"),
            "`languages` is empty",
            "list at least one language the service is offered in, e.g. [\"de\"]",
        );
    }
    for (i, lang) in languages.iter().enumerate() {
        if !crate::util::is_language_code(lang) {
            v.error(
                &[Seg::Key("languages"), Seg::Index(i)],
                format!("`{lang}` is not an ISO 639-1 code"),
                "use two lower-case letters, e.g. \"de\"",
            );
        }
    }
    languages
}

/// A service's standard and rush turnaround; a rush turnaround needs a
/// `rush_surcharge` to price it.
fn service_turnaround(
    v: &mut Validator<'_, '_>,
    turnaround: Option<raw::RawTurnaround>,
    rush_surcharge: Option<&String>,
) -> (Option<Duration>, Option<Duration>) {
    let (mut standard, mut rush) = (None, None);
    if let Some(t) = turnaround {
        standard = v.parse::<Duration>(t.standard, &[Seg::Key("turnaround"), Seg::Key("standard")]);
        rush = v.parse::<Duration>(t.rush, &[Seg::Key("turnaround"), Seg::Key("rush")]);
    }
    if rush.is_some() && rush_surcharge.is_none() {
        v.error(
            &[Seg::Key("turnaround"), Seg::Key("rush")],
            "a rush turnaround needs `rush_surcharge`",
            "add `rush_surcharge = \"eil\"` naming a surcharge of the rate table",
        );
    }
    (standard, rush)
}

/// A service's required `[[skills]]`, each with `id` and `level`, each skill once.
fn service_skills(
    v: &mut Validator<'_, '_>,
    skills: Option<Vec<raw::RawSkillReq>>,
) -> Vec<SkillReq> {
    let mut out = Vec::new();
    let raw_skills = v
        .require(
            skills,
            &[],
            "skills",
            "[{ id = \"deutsch\", level = \"C1\" }]",
        )
        .unwrap_or_default();
    for (i, s) in raw_skills.into_iter().enumerate() {
        let here = [Seg::Key("skills"), Seg::Index(i)];
        let id = v.require(s.id, &here, "id", "\"deutsch\"");
        let level = v.require(s.level, &here, "level", "\"C1\"");
        if let Some(id) = &id
            && out.iter().any(|s: &SkillReq| &s.id == id)
        {
            v.error(
                &[Seg::Key("skills"), Seg::Index(i), Seg::Key("id")],
                format!("skill `{id}` is required twice"),
                "keep one `[[skills]]` entry per skill, with the level the service needs",
            );
            continue;
        }
        if let (Some(id), Some(level)) = (id, level) {
            out.push(SkillReq { id, level });
        }
    }
    out
}

pub(crate) fn skill(v: &mut Validator<'_, '_>, r: raw::RawSkill) -> Validated {
    let title = v.text(r.title, &[], "title", 80);
    let summary = v.text(r.summary, &[], "summary", 200);
    let group = v.require(r.group, &[], "group", "\"sprache\"");
    let scale = v.require(r.scale, &[], "scale", "\"cefr\"");
    let mut levels: Vec<String> = Vec::new();
    if let Some(scale) = &scale {
        if let Some(l) = v.config.skill_scales.get(scale) {
            levels.clone_from(l);
        } else {
            let names: Vec<&str> = v.config.skill_scales.keys().map(String::as_str).collect();
            let d = v
                .doc
                .error_at(&k("scale"), format!("unknown skill scale `{scale}`"))
                .code("C3")
                .label("not in [skill_scales] of site.toml")
                .suggest(scale, names.iter().copied())
                .help_line(format!("scales in site.toml: {}", names.join(", ")));
            v.diags.push(d);
        }
    }
    let mut descriptions = Vec::new();
    let raw_desc = r.level_descriptions.unwrap_or_default();
    for key in raw_desc.keys() {
        if !levels.is_empty() && !levels.contains(key) {
            let d = Diagnostic::error(format!(
                "`{key}` is not a level of the scale `{}`",
                scale.as_deref().unwrap_or("?")
            ))
            .code("C3")
            .at(
                v.doc.file,
                v.doc.span(
                    &[Seg::Key("level_descriptions"), Seg::Key(key)],
                    Target::Key,
                ),
            )
            .label("unknown level")
            .suggest(key, levels.iter().map(String::as_str))
            .help_line(format!("levels: {}", levels.join(", ")));
            v.diags.push(d);
        }
    }
    for level in &levels {
        if let Some(text) = raw_desc.get(level) {
            descriptions.push((level.clone(), text.clone()));
        }
    }
    let data = match (group, scale) {
        (Some(group), Some(scale)) => Some(Data::Skill(Skill {
            group,
            scale,
            level_descriptions: descriptions,
            evidence: r.evidence.unwrap_or_default(),
            verification: r.verification,
            legal_note: r.legal_note,
            training: r.training.unwrap_or_default(),
        })),
        _ => None,
    };
    Validated {
        title,
        summary,
        data,
    }
}

pub(crate) fn checklist(v: &mut Validator<'_, '_>, r: raw::RawChecklist) -> Validated {
    let title = v.text(r.title, &[], "title", 80);
    let summary = v.text(r.summary, &[], "summary", 200);
    let kind = v.require(r.kind, &[], "kind", "\"equipment\"");
    let audience = v.require(r.reader, &[], "reader", "\"assistant\"");
    let version = v.require(r.version, &[], "version", "1");
    let version = v.count(version, &k("version"), 1, 10_000);
    let estimated_minutes = v.count(r.estimated_minutes, &k("estimated_minutes"), 1, 100_000);
    let raw_items = v
        .require(r.items, &[], "items", "[{ id = \"…\", text = \"…\" }]")
        .unwrap_or_default();
    if raw_items.is_empty() && v.doc.has(&k("items")) {
        v.error(
            &k("items"),
            "a checklist needs at least one item",
            "add an [[items]] table with `id` and `text`",
        );
    }
    v.ids(
        "items",
        &raw_items.iter().map(|i| i.id.clone()).collect::<Vec<_>>(),
    );
    let mut items = Vec::new();
    for (i, item) in raw_items.into_iter().enumerate() {
        let here = [Seg::Key("items"), Seg::Index(i)];
        let text = v.text(item.text, &here, "text", 200);
        if let (Some(id), Some(text)) = (item.id, text) {
            items.push(ChecklistItem {
                id,
                text,
                section: item.section,
                required: item.required.unwrap_or(true),
                spec: item.spec,
                note: item.note,
                link: item.link,
            });
        }
    }
    let data = match (kind, audience, version) {
        (Some(kind), Some(audience), Some(version)) => Some(Data::Checklist(Checklist {
            kind,
            audience,
            version,
            estimated_minutes,
            print_signature: r.print_signature.unwrap_or(false),
            roles: r.roles.unwrap_or_default(),
            items,
        })),
        _ => None,
    };
    Validated {
        title,
        summary,
        data,
    }
}

pub(crate) fn rate(v: &mut Validator<'_, '_>, r: raw::RawRate) -> Validated {
    let title = v.text(r.title, &[], "title", 80);
    let summary = v.text(r.summary, &[], "summary", 200);
    let currency = rate_currency(v, r.currency);
    let price_basis = v.require(r.price_basis, &[], "price_basis", "\"net\"");
    let audience = v.require(r.customers, &[], "customers", "\"b2b\"");
    let vat_rate = rate_vat(v, r.vat_rate, price_basis);
    rate_tax_rules(v, price_basis, audience);
    let (valid_from, valid_until) = rate_validity(v, r.valid_from, r.valid_until);
    let base_hourly = v.money(r.base_hourly, &k("base_hourly"));
    if base_hourly == Some(Money(0)) {
        v.error(
            &k("base_hourly"),
            "`base_hourly` is zero",
            "write the hourly rate, e.g. \"45.00\"",
        );
    }
    let (increment, minimum) = rate_increment(v, r.billing_increment_min, r.minimum_per_task_min);
    let trial_offer = rate_trial(v, r.trial_hours, r.trial_discount);
    let areas = rate_areas(v, r.areas);
    let packages = rate_packages(v, r.packages);
    let surcharges = rate_surcharges(v, r.surcharges);
    let units = rate_units(v, r.units);
    let data = match (currency, price_basis, audience, valid_from, increment) {
        (
            Some(currency),
            Some(price_basis),
            Some(audience),
            Some(valid_from),
            Some(billing_increment_min),
        ) => Some(Data::Rate(RateTable {
            currency,
            price_basis,
            vat_rate: if price_basis == PriceBasis::Kleinunternehmer {
                None
            } else {
                vat_rate
            },
            audience,
            valid_from,
            valid_until,
            applies_to: r.applies_to.unwrap_or_default(),
            base_hourly,
            billing_increment_min,
            minimum_per_task_min: minimum,
            notice: r.notice,
            payment_terms: r.payment_terms,
            expenses: r.expenses,
            trial: r.trial,
            trial_offer,
            areas,
            packages,
            surcharges,
            units,
        })),
        _ => None,
    };
    Validated {
        title,
        summary,
        data,
    }
}

/// A rate table's required `currency`; only euros are supported.
fn rate_currency(v: &mut Validator<'_, '_>, currency: Option<String>) -> Option<String> {
    let currency = v.require(currency, &[], "currency", "\"EUR\"");
    if let Some(c) = &currency
        && c != "EUR"
    {
        v.error(
            &k("currency"),
            format!("`{c}` is not supported: prices are shown and computed in euros"),
            "set `currency = \"EUR\"`; other currencies are not supported yet",
        );
    }
    currency
}

/// A rate table's `vat_rate`: required for net and gross prices, not allowed under
/// § 19 `UStG` (C6), at most 100 %.
fn rate_vat(
    v: &mut Validator<'_, '_>,
    vat_rate: Option<String>,
    price_basis: Option<PriceBasis>,
) -> Option<Percent> {
    let vat_rate = v.parse::<Percent>(vat_rate, &k("vat_rate"));
    match price_basis {
        Some(PriceBasis::Kleinunternehmer) if v.doc.has(&k("vat_rate")) => {
            let d = v
                .doc
                .error_at(
                    &k("vat_rate"),
                    "`vat_rate` is set although prices fall under § 19 UStG",
                )
                .code("C6")
                .label("no VAT is charged under § 19 UStG")
                .help("remove `vat_rate`, or change `price_basis` if the agency charges VAT");
            v.diags.push(d);
        }
        Some(PriceBasis::Net | PriceBasis::Gross) if !v.doc.has(&k("vat_rate")) => {
            v.missing(&[], "vat_rate", "\"19\"");
        }
        _ => {}
    }
    if let Some(p) = vat_rate
        && p > Percent(10_000)
    {
        v.error(
            &k("vat_rate"),
            "a VAT rate above 100 % is not plausible",
            "write the rate in percent, e.g. \"19\"",
        );
    }
    vat_rate
}

/// The legal rules of `price_basis`: consumers see end prices (C5, `PAngV`), and the
/// table charges VAT exactly when the agency does (C6, `tax_mode` of site.toml).
fn rate_tax_rules(
    v: &mut Validator<'_, '_>,
    price_basis: Option<PriceBasis>,
    audience: Option<RateAudience>,
) {
    if price_basis == Some(PriceBasis::Net)
        && matches!(audience, Some(RateAudience::B2c | RateAudience::Both))
    {
        let d = v.doc.error_at(&k("price_basis"), "net prices in a table for consumers")
            .code("C5")
            .label("consumers must see end prices (PAngV)")
            .help("use `price_basis = \"gross\"` for `customers = \"b2c\"` or `\"both\"`, or set `customers = \"b2b\"`");
        v.diags.push(d);
    }
    match (v.config.agency.tax_mode, price_basis) {
        (TaxMode::Kleinunternehmer, Some(PriceBasis::Net | PriceBasis::Gross)) => {
            let d = v
                .doc
                .error_at(
                    &k("price_basis"),
                    "the agency is a Kleinunternehmer but this table charges VAT",
                )
                .code("C6")
                .label("site.toml says tax_mode = \"kleinunternehmer\"")
                .help("set `price_basis = \"kleinunternehmer\"` and remove `vat_rate`");
            v.diags.push(d);
        }
        (TaxMode::Regelbesteuert, Some(PriceBasis::Kleinunternehmer)) => {
            let d = v.doc.error_at(&k("price_basis"), "this table uses § 19 UStG but the agency charges VAT")
                .code("C6").label("site.toml says tax_mode = \"regelbesteuert\"")
                .help("use `price_basis = \"net\"` or `\"gross\"`, or set `tax_mode = \"kleinunternehmer\"` in site.toml");
            v.diags.push(d);
        }
        _ => {}
    }
}

/// A rate table's required `valid_from` and optional `valid_until`, at least one day
/// apart.
fn rate_validity(
    v: &mut Validator<'_, '_>,
    valid_from: Option<toml::value::Datetime>,
    valid_until: Option<toml::value::Datetime>,
) -> (Option<Date>, Option<Date>) {
    let valid_from = v.require(valid_from, &[], "valid_from", "2025-01-01");
    let valid_from = v.date(valid_from, &k("valid_from"));
    let valid_until = v.date(valid_until, &k("valid_until"));
    if let (Some(from), Some(until)) = (valid_from, valid_until)
        && until <= from
    {
        v.error(
            &k("valid_until"),
            format!("`valid_until` ({until}) is not after `valid_from` ({from})"),
            "a table must be valid for at least one day",
        );
    }
    (valid_from, valid_until)
}

/// A rate table's required `billing_increment_min` and optional
/// `minimum_per_task_min`, which is not below the increment.
fn rate_increment(
    v: &mut Validator<'_, '_>,
    increment: Option<i64>,
    minimum: Option<i64>,
) -> (Option<u32>, Option<u32>) {
    let increment = v.require(increment, &[], "billing_increment_min", "15");
    let increment = v.count(increment, &k("billing_increment_min"), 1, 60);
    let minimum = v.count(minimum, &k("minimum_per_task_min"), 1, 24 * 60);
    if let (Some(inc), Some(min)) = (increment, minimum)
        && min < inc
    {
        v.error(
            &k("minimum_per_task_min"),
            format!("the minimum per task ({min} min) is below the billing increment ({inc} min)"),
            "raise it to at least the increment or remove it",
        );
    }
    (increment, minimum)
}

/// `trial_hours` and `trial_discount` make the trial a price rule; one needs the other.
fn rate_trial(
    v: &mut Validator<'_, '_>,
    hours: Option<i64>,
    discount: Option<String>,
) -> Option<Trial> {
    let hours = v.count(hours, &k("trial_hours"), 1, 100);
    let discount = v.parse::<Percent>(discount, &k("trial_discount"));
    if let Some(d) = discount
        && !(Percent(1)..=Percent(10_000)).contains(&d)
    {
        v.error(
            &k("trial_discount"),
            "a trial discount must lie between 0 and 100 %",
            "write the discount in percent, e.g. \"50\" for half price or \"100\" for free",
        );
        return None;
    }
    match (hours, discount) {
        (Some(hours), Some(discount)) => Some(Trial { hours, discount }),
        (Some(_), None) if !v.doc.has(&k("trial_discount")) => {
            v.error(
                &k("trial_hours"),
                "`trial_hours` without `trial_discount`",
                "add the discount on those hours, e.g. `trial_discount = \"50\"` for half price",
            );
            None
        }
        (None, Some(_)) if !v.doc.has(&k("trial_hours")) => {
            v.error(
                &k("trial_discount"),
                "`trial_discount` without `trial_hours`",
                "add how many billed hours the discount covers, e.g. `trial_hours = 2`",
            );
            None
        }
        _ => None,
    }
}

fn rate_areas(v: &mut Validator<'_, '_>, raw: Option<Vec<raw::RawArea>>) -> Vec<Area> {
    let raw = v
        .require(
            raw,
            &[],
            "areas",
            "[{ id = \"backoffice\", label = \"…\", factor = \"1.0\" }]",
        )
        .unwrap_or_default();
    v.ids(
        "areas",
        &raw.iter().map(|a| a.id.clone()).collect::<Vec<_>>(),
    );
    let mut areas = Vec::new();
    // A factor already reported may be the one meant as the standard 1.0.
    let mut factor_reported = false;
    for (i, a) in raw.into_iter().enumerate() {
        let here = [Seg::Key("areas"), Seg::Index(i)];
        let label = v.text(a.label, &here, "label", 80);
        let factor = v.require(a.factor, &here, "factor", "\"1.0\"");
        let factor = v.parse::<Factor>(factor, &kif("areas", i, "factor"));
        match factor {
            Some(f) if !(Factor(500)..=Factor(5000)).contains(&f) => {
                v.error(
                    &kif("areas", i, "factor"),
                    "an area factor must lie between 0.5 and 5",
                    "use e.g. \"1.0\" for standard work and \"1.5\" for specialist work",
                );
                factor_reported = true;
            }
            Some(_) => {}
            // Missing or unreadable, and reported as such.
            None => factor_reported = true,
        }
        if let (Some(id), Some(label), Some(factor)) = (a.id, label, factor) {
            areas.push(Area {
                id,
                label,
                factor,
                approval_required: a.approval_required.unwrap_or(false),
            });
        }
    }
    if !areas.is_empty() && !factor_reported && !areas.iter().any(|a| a.factor == Factor::ONE) {
        v.error(
            &k("areas"),
            "no area has the factor 1.0",
            "one area must be the standard (factor \"1.0\"); other factors are relative to it",
        );
    }
    areas
}

fn rate_packages(v: &mut Validator<'_, '_>, raw: Option<Vec<raw::RawPackage>>) -> Vec<Package> {
    let raw = raw.unwrap_or_default();
    v.ids(
        "packages",
        &raw.iter().map(|p| p.id.clone()).collect::<Vec<_>>(),
    );
    let mut packages: Vec<Package> = Vec::new();
    for (i, p) in raw.into_iter().enumerate() {
        let here = [Seg::Key("packages"), Seg::Index(i)];
        let label = v.text(p.label, &here, "label", 80);
        let hours = v.require(p.hours, &here, "hours", "10");
        let hours = v.count(hours, &kif("packages", i, "hours"), 1, 10_000);
        let price = v.require(p.price, &here, "price", "\"410.00\"");
        let price = v.money(price, &kif("packages", i, "price"));
        let period = v.require(p.period, &here, "period", "\"month\"");
        let valid_months = v.count(p.valid_months, &kif("packages", i, "valid_months"), 1, 120);
        if valid_months.is_some() && period == Some(raw::Period::Month) {
            v.error(
                &kif("packages", i, "valid_months"),
                "`valid_months` applies only to blocks bought once",
                "remove it, or set `period = \"once\"`",
            );
        }
        let overage_hourly = v.money(p.overage_hourly, &kif("packages", i, "overage_hourly"));
        let top_up = package_top_up(v, i, p.top_up_hours, p.top_up_price);
        if top_up.is_some() && overage_hourly.is_some() {
            v.error(
                &kif("packages", i, "top_up_hours"),
                "a package with an automatic top-up has no overage rate",
                "keep `top_up_hours` and `top_up_price`, or `overage_hourly`: hours beyond the package are either topped up or billed",
            );
        }
        let rollover = p.rollover.map(|ro| {
            if ro.max_hours.is_some() && ro.max_percent.is_some() {
                v.error(
                    &[Seg::Key("packages"), Seg::Index(i), Seg::Key("rollover")],
                    "rollover sets both `max_hours` and `max_percent`",
                    "keep one of the two caps",
                );
            }
            let rpath = |f| {
                vec![
                    Seg::Key("packages"),
                    Seg::Index(i),
                    Seg::Key("rollover"),
                    Seg::Key(f),
                ]
            };
            Rollover {
                max_hours: v.count(ro.max_hours, &rpath("max_hours"), 0, 10_000),
                max_percent: v.parse::<Percent>(ro.max_percent, &rpath("max_percent")),
                expires_after_months: v.count(
                    ro.expires_after_months,
                    &rpath("expires_after_months"),
                    1,
                    120,
                ),
            }
        });
        if let (Some(id), Some(label), Some(hours), Some(price), Some(period)) =
            (p.id, label, hours, price, period)
        {
            packages.push(Package {
                id,
                label,
                hours,
                price,
                period,
                valid_months,
                overage_hourly,
                rollover,
                top_up,
            });
        }
    }
    check_falling_prices(v, &packages);
    packages
}

/// `top_up_hours` and `top_up_price` of package `i`; one needs the other.
fn package_top_up(
    v: &mut Validator<'_, '_>,
    i: usize,
    hours: Option<i64>,
    price: Option<Amount>,
) -> Option<TopUp> {
    let hours = v.count(hours, &kif("packages", i, "top_up_hours"), 1, 10_000);
    let price = v.money(price, &kif("packages", i, "top_up_price"));
    match (hours, price) {
        (Some(hours), Some(price)) => Some(TopUp { hours, price }),
        (Some(_), None) if !v.doc.has(&kif("packages", i, "top_up_price")) => {
            v.error(
                &kif("packages", i, "top_up_hours"),
                "`top_up_hours` without `top_up_price`",
                "add what a top-up costs, e.g. `top_up_price = \"200.00\"`",
            );
            None
        }
        (None, Some(_)) if !v.doc.has(&kif("packages", i, "top_up_hours")) => {
            v.error(
                &kif("packages", i, "top_up_price"),
                "`top_up_price` without `top_up_hours`",
                "add how many hours a top-up adds, e.g. `top_up_hours = 5`",
            );
            None
        }
        _ => None,
    }
}

/// C12: a bigger package must not cost more per hour than a smaller one.
fn check_falling_prices(v: &mut Validator<'_, '_>, packages: &[Package]) {
    for (i, a) in packages.iter().enumerate() {
        for b in packages {
            // a.price / a.hours > b.price / b.hours with a.hours > b.hours, compared exactly.
            let more_hours = a.hours > b.hours;
            let dearer = i128::from(a.price.0) * i128::from(b.hours)
                > i128::from(b.price.0) * i128::from(a.hours);
            if more_hours && dearer {
                let d = v
                    .doc
                    .warning_at(&kif("packages", i, "price"), format!("package `{}` costs more per hour than the smaller package `{}`", a.id, b.id))
                    .code("C12")
                    .label("price per hour rises with package size")
                    .help("bigger packages should lower the price per hour; check the price and hours");
                v.diags.push(d);
                break;
            }
        }
    }
}

fn rate_surcharges(
    v: &mut Validator<'_, '_>,
    raw: Option<Vec<raw::RawSurcharge>>,
) -> Vec<Surcharge> {
    let raw = raw.unwrap_or_default();
    v.ids(
        "surcharges",
        &raw.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
    );
    let mut out = Vec::new();
    for (i, s) in raw.into_iter().enumerate() {
        let here = [Seg::Key("surcharges"), Seg::Index(i)];
        let label = v.text(s.label, &here, "label", 80);
        let percent = v.require(s.percent, &here, "percent", "\"50\"");
        let percent = v.parse::<Percent>(percent, &kif("surcharges", i, "percent"));
        if let Some(p) = percent
            && p > Percent(30_000)
        {
            v.error(
                &kif("surcharges", i, "percent"),
                "a surcharge above 300 % is not allowed",
                "write the surcharge in percent, e.g. \"50\"",
            );
        }
        if let (Some(id), Some(label), Some(percent)) = (s.id, label, percent) {
            out.push(Surcharge {
                id,
                label,
                percent,
                condition: s.condition,
            });
        }
    }
    out
}

fn rate_units(v: &mut Validator<'_, '_>, raw: Option<Vec<raw::RawUnit>>) -> Vec<Unit> {
    let raw = raw.unwrap_or_default();
    v.ids(
        "units",
        &raw.iter().map(|u| u.id.clone()).collect::<Vec<_>>(),
    );
    let mut out = Vec::new();
    for (i, u) in raw.into_iter().enumerate() {
        let here = [Seg::Key("units"), Seg::Index(i)];
        let label = v.text(u.label, &here, "label", 80);
        let price = v.require(u.price, &here, "price", "\"4.50\"");
        let price = v.money(price, &kif("units", i, "price"));
        let minimum_units = v.count(
            u.minimum_units,
            &kif("units", i, "minimum_units"),
            1,
            100_000,
        );
        if let (Some(id), Some(label), Some(price)) = (u.id, label, price) {
            out.push(Unit {
                id,
                label,
                price,
                minimum_units,
                definition: u.definition,
            });
        }
    }
    out
}

/// Ids of the standard briefing sections, reserved when `include_standard = true`.
pub const STANDARD_FIELD_IDS: &[&str] = &[
    "hintergrund",
    "ziel",
    "ergebnisformat",
    "fertig-wenn",
    "deadline",
    "zwischenstand",
    "zeitbudget",
    "fremdkosten",
    "zugaenge",
    "ansprechpartner",
    "tools",
    "kanal",
    "prioritaet",
    "reissleine",
    "arbeitsbereich",
    "personenbezogene-daten",
];

pub(crate) fn briefing(v: &mut Validator<'_, '_>, r: raw::RawBriefing) -> Validated {
    let title = v.text(r.title, &[], "title", 80);
    let summary = v.text(r.summary, &[], "summary", 200);
    let include_standard = r.include_standard.unwrap_or(false);
    let outputs = r.outputs.unwrap_or_else(|| {
        use raw::BriefingOutput as O;
        vec![O::Form, O::Print, O::Markdown, O::Mailto]
    });
    let raw_fields = r.fields.unwrap_or_default();
    v.ids(
        "fields",
        &raw_fields.iter().map(|f| f.id.clone()).collect::<Vec<_>>(),
    );
    let mut fields = Vec::new();
    for (i, f) in raw_fields.into_iter().enumerate() {
        let here = [Seg::Key("fields"), Seg::Index(i)];
        if include_standard
            && let Some(id) = &f.id
            && STANDARD_FIELD_IDS.contains(&id.as_str())
        {
            v.error(
                &kif("fields", i, "id"),
                format!(
                    "`{id}` is a standard field, already included by `include_standard = true`"
                ),
                "rename the field or set `include_standard = false` and define all fields yourself",
            );
        }
        let label = v.text(f.label, &here, "label", 200);
        let kind = v.require(f.kind, &here, "kind", "\"text\"");
        let options = f.options.unwrap_or_default();
        if matches!(kind, Some(FieldKind::Select | FieldKind::Multiselect)) && options.len() < 2 {
            v.error(
                &kif("fields", i, "kind"),
                "a select field needs at least two `options`",
                "add `options = [\"…\", \"…\"]`",
            );
        }
        let default = f
            .default
            .and_then(|d| field_default(v, kind, &options, &d, i));
        if let (Some(id), Some(label), Some(kind)) = (f.id, label, kind) {
            fields.push(Field {
                id,
                label,
                kind,
                section: f.section,
                required: f.required.unwrap_or(false),
                help: f.help,
                placeholder: f.placeholder,
                options,
                default,
                standard: false,
            });
        }
    }
    if outputs.contains(&raw::BriefingOutput::Mailto) && v.config.agency.email.is_empty() {
        v.error(
            &k("outputs"),
            "the `mailto` output needs `agency.email` in site.toml",
            "add the e-mail address or remove \"mailto\" from `outputs`",
        );
    }
    if include_standard {
        let mut all = super::standard::fields(v.lang, &[]);
        all.extend(fields);
        fields = all;
    }
    let data = Some(Data::Briefing(Briefing {
        for_services: r.for_services.unwrap_or_default(),
        default_area: r.default_area,
        outputs,
        include_standard,
        fields,
    }));
    Validated {
        title,
        summary,
        data,
    }
}

/// Type-checks a field default against the field kind; returns it as text.
fn field_default(
    v: &mut Validator<'_, '_>,
    kind: Option<FieldKind>,
    options: &[String],
    value: &toml::Value,
    i: usize,
) -> Option<String> {
    let kind = kind?;
    let ok = match (kind, value) {
        (FieldKind::Checkbox, toml::Value::Boolean(b)) => Some(b.to_string()),
        (FieldKind::Number, toml::Value::Integer(n)) => Some(n.to_string()),
        (FieldKind::Hours | FieldKind::Money, toml::Value::String(s))
            if s.parse::<Money>().is_ok() =>
        {
            Some(s.clone())
        }
        (FieldKind::Select, toml::Value::String(s)) if options.contains(s) => Some(s.clone()),
        (FieldKind::Date, toml::Value::Datetime(d)) if d.time.is_none() => Some(d.to_string()),
        (
            FieldKind::Text
            | FieldKind::Textarea
            | FieldKind::Url
            | FieldKind::Contact
            | FieldKind::Datetime,
            toml::Value::String(s),
        ) => Some(s.clone()),
        _ => None,
    };
    if ok.is_none() {
        let expected = match kind {
            FieldKind::Checkbox => "true or false".to_owned(),
            FieldKind::Number => "a whole number".to_owned(),
            FieldKind::Hours | FieldKind::Money => "a quoted decimal such as \"2.5\"".to_owned(),
            FieldKind::Select => format!("one of the options: {}", options.join(", ")),
            FieldKind::Date => "a TOML date such as 2027-01-31".to_owned(),
            FieldKind::Multiselect | FieldKind::AccessRef => "no default (remove it)".to_owned(),
            _ => "a quoted string".to_owned(),
        };
        let path = kif("fields", i, "default");
        // A date or an amount written the usual way is shown converted.
        let help = match (kind, value) {
            (FieldKind::Date, toml::Value::String(s)) => {
                german_date(s).map(|iso| date_help("default", &iso))
            }
            (FieldKind::Money, _) => Some(amount_help("default", v.doc.source(&path))),
            _ => None,
        };
        v.error(
            &path,
            "the default does not match the field's kind",
            help.unwrap_or_else(|| format!("write {expected}")),
        );
    }
    ok
}

pub(crate) fn guide(v: &mut Validator<'_, '_>, r: raw::RawGuide) -> Validated {
    let title = v.text(r.title, &[], "title", 80);
    let summary = v.text(r.summary, &[], "summary", 200);
    let audience = guide_reader(v, r.reader);
    let duration_days = v.count(r.duration_days, &k("duration_days"), 1, 365);
    let raw_steps = v
        .require(r.steps, &[], "steps", "[{ id = \"…\", title = \"…\" }]")
        .unwrap_or_default();
    v.ids(
        "steps",
        &raw_steps.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
    );
    let mut steps = Vec::new();
    let mut last_day = 0;
    for (i, s) in raw_steps.into_iter().enumerate() {
        if let Some(step) = guide_step(v, i, s, &mut last_day) {
            steps.push(step);
        }
    }
    if let Some(days) = duration_days
        && last_day > days
    {
        v.error(
            &k("duration_days"),
            format!("the guide lasts {days} days but a step is on day {last_day}"),
            format!("set `duration_days` to at least {last_day}"),
        );
    }
    let data = audience.map(|audience| {
        Data::Guide(Guide {
            audience,
            roles: r.roles.unwrap_or_default(),
            duration_days,
            steps,
        })
    });
    Validated {
        title,
        summary,
        data,
    }
}

/// A guide's required `reader`: an assistant or a client, not the agency or all.
fn guide_reader(v: &mut Validator<'_, '_>, reader: Option<raw::Audience>) -> Option<raw::Audience> {
    let audience = v.require(reader, &[], "reader", "\"assistant\"");
    if let Some(a @ (raw::Audience::Agency | raw::Audience::All)) = audience {
        let name = if a == raw::Audience::Agency {
            "agency"
        } else {
            "all"
        };
        v.error(
            &k("reader"),
            format!("a guide cannot be written for `{name}`"),
            "use \"assistant\" or \"client\"",
        );
    }
    audience
}

/// Step `i` of a guide; `last_day`, the latest day of the steps before it, warns of
/// steps out of order and is moved on to this step's day.
fn guide_step(
    v: &mut Validator<'_, '_>,
    i: usize,
    s: raw::RawStep,
    last_day: &mut u32,
) -> Option<Step> {
    let here = [Seg::Key("steps"), Seg::Index(i)];
    let title = v.text(s.title, &here, "title", 160);
    let day = v.count(s.day, &kif("steps", i, "day"), 1, 365);
    if let Some(day) = day {
        if day < *last_day {
            v.warning(
                &kif("steps", i, "day"),
                format!("day {day} comes after day {last_day}"),
                "order steps by day in the file",
            );
        }
        *last_day = (*last_day).max(day);
    }
    let mut quiz = Vec::new();
    for (q, raw_quiz) in s.quiz.unwrap_or_default().into_iter().enumerate() {
        let qpath = [
            Seg::Key("steps"),
            Seg::Index(i),
            Seg::Key("quiz"),
            Seg::Index(q),
        ];
        if let Some(question) = guide_quiz(v, &qpath, raw_quiz) {
            quiz.push(question);
        }
    }
    let (Some(id), Some(title)) = (s.id, title) else {
        return None;
    };
    Some(Step {
        id,
        title,
        day,
        body: s.body,
        checklist: s.checklist,
        page: s.page,
        briefing: s.briefing,
        skill: s.skill,
        done_when: s.done_when,
        required: s.required.unwrap_or(true),
        quiz,
    })
}

/// A quiz question of a step (at `qpath`): at least two options, and an answer that
/// is the index of one of them.
fn guide_quiz(
    v: &mut Validator<'_, '_>,
    qpath: &[Seg<'_>],
    raw_quiz: raw::RawQuiz,
) -> Option<Quiz> {
    let question = v.text(raw_quiz.question, qpath, "question", 300);
    let options = v
        .require(raw_quiz.options, qpath, "options", "[\"…\", \"…\"]")
        .unwrap_or_default();
    let answer = v.require(raw_quiz.answer, qpath, "answer", "0");
    let mut apath = qpath.to_vec();
    apath.push(Seg::Key("answer"));
    if options.len() < 2 {
        v.error(
            qpath,
            "a quiz needs at least two options",
            "add `options = [\"…\", \"…\"]`",
        );
    }
    let answer = answer.and_then(|a| {
        let ok = usize::try_from(a).ok().filter(|&a| a < options.len());
        if ok.is_none() {
            v.error(
                &apath,
                format!(
                    "answer {a} is not an index into the {} options",
                    options.len()
                ),
                format!(
                    "answers count from 0; use 0 to {}",
                    options.len().saturating_sub(1)
                ),
            );
        }
        ok
    });
    let (Some(question), Some(answer)) = (question, answer) else {
        return None;
    };
    Some(Quiz {
        question,
        options,
        answer,
    })
}

pub(crate) fn page(v: &mut Validator<'_, '_>, r: raw::RawPage) -> Validated {
    let title = v.text(r.title, &[], "title", 80);
    if let Some(s) = &r.summary {
        v.check_len(s, &[], "summary", 200);
    }
    if let Some(slug) = &r.slug {
        if !is_kebab_id(slug) {
            v.error(
                &k("slug"),
                format!("`{}` is not a valid URL segment", crate::util::shown(slug)),
                "use lower-case letters, digits and single dashes",
            );
        } else if crate::util::is_reserved_name(slug) {
            v.error(
                &k("slug"),
                format!("`{slug}` is a device name reserved by Windows"),
                "a folder of this name cannot be created on Windows; choose another slug",
            );
        }
    }
    let kind = r.kind.unwrap_or(raw::PageKind::Generic);
    let default_menu = match kind {
        raw::PageKind::Impressum | raw::PageKind::Datenschutz => raw::Menu::Footer,
        _ => raw::Menu::None,
    };
    if matches!(r.reader, Some(raw::Audience::Agency)) {
        v.error(
            &k("reader"),
            "a page cannot be written for `agency`",
            "use \"client\", \"assistant\" or \"all\"",
        );
    }
    let data = Some(Data::Page(Page {
        kind,
        menu: r.menu.unwrap_or(default_menu),
        audience: r.reader.unwrap_or(raw::Audience::All),
        slug: r.slug,
    }));
    Validated {
        title,
        summary: r.summary,
        data,
    }
}

/// Checks the optional `type` key against the folder.
pub(crate) fn check_type_key(v: &mut Validator<'_, '_>, type_name: Option<&str>, kind: Kind) {
    if let Some(t) = type_name
        && t != kind.ref_name()
    {
        v.error(
            &k("type"),
            format!(
                "`type = \"{t}\"` does not match the folder `{}`",
                kind.folder()
            ),
            format!(
                "remove `type` or move the file; files in content/{}/ are of type \"{}\"",
                kind.folder(),
                kind.ref_name()
            ),
        );
    }
}
