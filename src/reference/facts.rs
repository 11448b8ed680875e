//! What the types cannot say about a key: whether vpagen requires it, its default, the
//! checks that look at it and an example value. One row per key, in the order of the
//! raw types; descriptions, types and allowed values come from the types themselves
//! (`config::raw`, `content::raw`), and translatability from `content::translate`.
//!
//! Tests hold this table to the types (every key of the serde types has a row, every
//! row names a key), to validation (a required key left out is reported as missing)
//! and to the schemas (every example is valid there).

use super::Document;
use crate::kind::Kind;

/// The checks of `vpagen check` by code, with a short phrase.
pub(crate) const CHECKS: &[(&str, &str)] = &[
    ("C1", "references resolve"),
    ("C2", "one valid rate table prices each service"),
    ("C3", "skill levels belong to their scale"),
    ("C4", "personal data needs the AVV question and checklist"),
    ("C5", "consumer prices are gross (PAngV)"),
    ("C6", "§ 19 UStG and VAT agree"),
    ("C7", "Impressum data is complete"),
    ("C8", "translations set only translatable keys"),
    ("C9", "review and validity dates are not past"),
    ("C10", "approval flag agrees with the work area"),
    ("C11", "skills and checklists are used"),
    ("C12", "bigger packages cost less per hour"),
    ("C13", "scope note where the category requires one"),
    ("C14", "translations follow their original"),
];

/// Whether vpagen requires a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    /// Always (within its table or entry, when that is present).
    Required,
    /// Never.
    Optional,
    /// Under a condition, in words.
    When(&'static str),
}

/// What applies when a key is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fallback {
    /// Nothing.
    None,
    /// This TOML value.
    Value(&'static str),
    /// A rule, in words.
    Rule(&'static str),
}

/// The facts about one key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fact {
    /// Dotted path in the document; entries of arrays of tables take no index, map
    /// keys are a `<placeholder>`: `packages.rollover.max_hours`, `languages.<code>.name`.
    pub(crate) path: &'static str,
    /// Whether vpagen requires it.
    pub(crate) need: Need,
    /// What applies without it.
    pub(crate) default: Fallback,
    /// Codes of the checks that look at it.
    pub(crate) checks: &'static [&'static str],
    /// An example value in TOML; empty for tables whose keys have examples.
    pub(crate) example: &'static str,
}

const fn fact(path: &'static str, need: Need, example: &'static str) -> Fact {
    Fact {
        path,
        need,
        default: Fallback::None,
        checks: &[],
        example,
    }
}

/// A required key.
const fn req(path: &'static str, example: &'static str) -> Fact {
    fact(path, Need::Required, example)
}

/// An optional key.
const fn opt(path: &'static str, example: &'static str) -> Fact {
    fact(path, Need::Optional, example)
}

/// A key required under a condition.
const fn when(path: &'static str, condition: &'static str, example: &'static str) -> Fact {
    fact(path, Need::When(condition), example)
}

impl Fact {
    /// With the checks that look at the key.
    const fn checks(mut self, codes: &'static [&'static str]) -> Self {
        self.checks = codes;
        self
    }

    /// With a default value (TOML).
    const fn or(mut self, value: &'static str) -> Self {
        self.default = Fallback::Value(value);
        self
    }

    /// With a default rule (words).
    const fn or_rule(mut self, rule: &'static str) -> Self {
        self.default = Fallback::Rule(rule);
        self
    }
}

/// The facts of a document's keys, in the order of the raw types.
pub(crate) fn of(doc: Document) -> Vec<&'static Fact> {
    let own: &[Fact] = match doc {
        Document::Site => SITE,
        Document::Content(kind) => match kind {
            Kind::Service => SERVICE,
            Kind::Skill => SKILL,
            Kind::Checklist => CHECKLIST,
            Kind::Rate => RATE,
            Kind::Briefing => BRIEFING,
            Kind::Guide => GUIDE,
            Kind::Page => PAGE,
        },
    };
    let shared: &[Fact] = match doc {
        Document::Site => &[],
        Document::Content(_) => EDITORIAL,
    };
    own.iter().chain(shared).collect()
}

const SITE: &[Fact] = &[
    req(
        "title",
        r#"{ de = "Büroservice Beispiel", en = "Office service example" }"#,
    ),
    opt(
        "description",
        r#""Virtuelle Assistenz für Büro und Organisation.""#,
    ),
    req("base_url", r#""https://buero-beispiel.de""#),
    req("default_lang", r#""de""#),
    opt("theme", r#""default""#).or(r#""default""#),
    req("languages", ""),
    req("languages.<code>.name", r#""Deutsch""#),
    opt("languages.<code>.segments", ""),
    opt("languages.<code>.segments.services", r#""leistungen""#).or(r#""services""#),
    opt("languages.<code>.segments.skills", r#""kompetenzen""#).or(r#""skills""#),
    opt("languages.<code>.segments.checklists", r#""checklisten""#).or(r#""checklists""#),
    opt("languages.<code>.segments.rates", r#""preise""#).or(r#""rates""#),
    opt("languages.<code>.segments.briefings", r#""briefings""#).or(r#""briefings""#),
    opt("languages.<code>.segments.guides", r#""einarbeitung""#).or(r#""guides""#),
    opt("languages.<code>.segments.pages", r#""""#).or(r#""""#),
    opt("languages.<code>.segments.search", r#""suche""#).or(r#""search""#),
    opt("languages.<code>.segments.print", r#""druck""#).or(r#""print""#),
    opt("languages.<code>.segments.role", r#""rolle""#).or(r#""role""#),
    opt("languages.<code>.segments.matrix", r#""matrix""#).or(r#""matrix""#),
    opt("languages.<code>.list_untranslated", "false").or("true"),
    req("agency", ""),
    req("agency.name", r#""Büroservice Beispiel""#).checks(&["C7"]),
    opt("agency.legal_form", r#""Einzelunternehmen""#)
        .or_rule("read as a sole trader")
        .checks(&["C7"]),
    when(
        "agency.owner",
        "a sole trader or e. K. (full name)",
        r#""Erika Beispiel""#,
    )
    .checks(&["C7"]),
    when(
        "agency.represented_by",
        "a GmbH, UG, AG, OHG, KG, PartG or GbR",
        r#""Erika Beispiel (Geschäftsführerin)""#,
    )
    .checks(&["C7"]),
    req("agency.street", r#""Musterweg 12""#).checks(&["C7"]),
    req("agency.postcode", r#""12345""#).checks(&["C7"]),
    req("agency.city", r#""Musterstadt""#).checks(&["C7"]),
    opt("agency.country", r#""DE""#).or(r#""DE""#),
    req("agency.email", r#""kontakt@buero-beispiel.de""#).checks(&["C7"]),
    req("agency.phone", r#""+49 1234 567890""#).checks(&["C7"]),
    opt("agency.tax_mode", r#""regelbesteuert""#)
        .or(r#""regelbesteuert""#)
        .checks(&["C6"]),
    opt("agency.vat_id", r#""DE123456789""#),
    when(
        "agency.register_court",
        "an e. K., company or registered partnership",
        r#""Amtsgericht Musterstadt""#,
    )
    .checks(&["C7"]),
    when(
        "agency.register_number",
        "an e. K., company or registered partnership",
        r#""HRB 12345""#,
    )
    .checks(&["C7"]),
    opt(
        "agency.supervisory_authority",
        r#""Gewerbeamt Musterstadt""#,
    ),
    opt("agency.wirtschafts_id", r#""DE123456789-00001""#),
    opt("agency.impressum_url", r#""https://example.com/impressum""#).checks(&["C7"]),
    opt("category", ""),
    req("category.id", r#""buero""#).checks(&["C1"]),
    req(
        "category.title",
        r#"{ de = "Büro & Sekretariat", en = "Office & secretarial" }"#,
    ),
    opt("category.order", "1").or_rule("its position in the file"),
    opt("category.requires_scope_note", "true")
        .or("false")
        .checks(&["C13"]),
    opt(
        "skill_scales",
        r#"{ cefr = ["A1", "A2", "B1", "B2", "C1", "C2"] }"#,
    )
    .checks(&["C3"]),
    opt(
        "skill_labels",
        r#"{ sicher = { de = "sicher", en = "confident" } }"#,
    ),
    opt("role", ""),
    req("role.id", r#""assistenz-buero""#).checks(&["C1"]),
    req(
        "role.title",
        r#"{ de = "Assistenz Büro", en = "Office assistant" }"#,
    ),
    opt("audience", "").or_rule("one audience, `public`, that sees everything"),
    req("audience.id", r#""assistants""#),
    req(
        "audience.title",
        r#"{ de = "Assistenzen", en = "assistants" }"#,
    ),
    opt("audience.default_for", r#"["guides", "checklists"]"#),
    opt("search", ""),
    opt("search.enabled", "false").or("true"),
    opt("search.offline", "true").or("false"),
    opt("search.all_languages", "true").or("false"),
    opt(
        "search.synonyms",
        r#"[["Stundensatz", "hourly rate", "Honorar"]]"#,
    ),
    opt("markdown", ""),
    opt("markdown.raw_html", "false").or("true"),
    opt("enquiry", "").or_rule("an e-mail to `agency.email`"),
    when(
        "enquiry.email",
        "`page` is not given",
        r#""anfrage@buero-beispiel.de""#,
    ),
    when("enquiry.page", "`email` is not given", r#""kontakt""#).checks(&["C1"]),
];

/// The editorial keys every content type accepts (`front_matter!` in `content::raw`),
/// after `type`, whose example differs by type.
const EDITORIAL: &[Fact] = &[
    opt("draft", "true").or("false"),
    opt("order", "10").or("0"),
    opt("tags", r#"["telefon", "erreichbarkeit"]"#),
    opt("owner", r#""Erika Beispiel""#),
    opt("updated", "2025-03-01"),
    opt("review_by", "2026-06-30").checks(&["C9"]),
    opt("extra", r#"{ icon = "phone" }"#),
    opt("visible_to", r#""assistants""#)
        .or_rule("the audience whose `default_for` lists the type, else the last"),
    opt("source_hash", r#""3f2a9c1e""#).checks(&["C14"]),
];

const SERVICE: &[Fact] = &[
    req("title", r#""Telefonservice""#),
    req(
        "summary",
        r#""Wir nehmen Ihre Anrufe in Ihrem Firmennamen an.""#,
    ),
    req("category", r#""buero""#).checks(&["C1", "C2", "C13"]),
    when("work_area", r#"`billing = "hourly"`"#, r#""backoffice""#).checks(&["C2"]),
    opt("rate_table", r#""einzelleistungen-2025""#)
        .or_rule("the valid table whose `applies_to` lists the category")
        .checks(&["C2"]),
    req("billing", r#""hourly""#).checks(&["C2"]),
    when("unit", r#"`billing = "unit"`"#, r#""normseite""#).checks(&["C2"]),
    when("flat_price", r#"`billing = "flat"`"#, r#""149.00""#),
    opt("flat_period", r#""month""#).or("once"),
    req("tasks", r#"["Anrufannahme mit Ihrer Begrüßungsformel"]"#),
    opt("excluded", r#"["Kaltakquise"]"#),
    opt("deliverables", r#"["Gesprächsnotiz je Anruf"]"#),
    opt("scope_note", r#""Keine Steuerberatung (§ 6 StBerG).""#).checks(&["C13"]),
    req("languages", r#"["de", "en"]"#),
    opt("turnaround", r#"{ standard = "2bd", rush = "4h" }"#),
    opt("turnaround.standard", r#""2bd""#),
    opt("turnaround.rush", r#""4h""#),
    when("rush_surcharge", "`turnaround.rush` is set", r#""eil""#).checks(&["C2"]),
    opt("service_hours", r#""Mo–Fr 8–18 Uhr""#),
    req("personal_data", "true").checks(&["C4"]),
    opt("approval_required", "false")
        .or_rule("the work area's `approval_required`")
        .checks(&["C10"]),
    opt("prerequisites", r#"["Rufumleitung eingerichtet"]"#),
    req("skills", r#"[{ id = "deutsch", level = "C2" }]"#),
    req("skills.id", r#""deutsch""#).checks(&["C1", "C11"]),
    req("skills.level", r#""C2""#).checks(&["C3"]),
    opt("equipment", r#"["ausstattung-homeoffice"]"#).checks(&["C1", "C11"]),
    opt("briefings", r#"["telefonservice-einrichtung"]"#).checks(&["C1", "C4"]),
    opt("related", r#"["e-mail-management"]"#).checks(&["C1"]),
    opt("type", r#""service""#).or_rule("the type of the folder"),
];

const SKILL: &[Fact] = &[
    req("title", r#""Englisch""#),
    req(
        "summary",
        r#""Geschäftskorrespondenz und Telefonate auf Englisch.""#,
    ),
    req("group", r#""sprache""#),
    req("scale", r#""cefr""#).checks(&["C3"]),
    opt(
        "level_descriptions",
        r#"{ B2 = "Telefonate ohne Vorbereitung" }"#,
    )
    .checks(&["C3"]),
    opt("evidence", r#"["Sprachzertifikat (z. B. telc B2)"]"#),
    opt("verification", r#""test""#),
    opt(
        "legal_note",
        r#""Buchen nur mit Qualifikation nach § 6 Nr. 4 StBerG""#,
    ),
    opt("training", r#"["neue-assistenz#probetelefonat"]"#).checks(&["C1"]),
    opt("type", r#""skill""#).or_rule("the type of the folder"),
];

const CHECKLIST: &[Fact] = &[
    req("title", r#""IT-Sicherheit im Homeoffice""#),
    req(
        "summary",
        r#""Mindeststandard, bevor Sie Zugänge zu Kundendaten erhalten.""#,
    ),
    req("kind", r#""security""#).checks(&["C1", "C4"]),
    req("reader", r#""assistant""#),
    req("version", "2"),
    opt("estimated_minutes", "60"),
    opt("print_signature", "true").or("false"),
    opt("roles", r#"["assistenz-buero"]"#).checks(&["C1"]),
    req("items", ""),
    req("items.id", r#""pw-manager""#),
    req("items.text", r#""Passwortmanager eingerichtet""#),
    opt("items.section", r#""Zugänge""#),
    opt("items.required", "false").or("true"),
    opt("items.spec", r#""mind. 50 Mbit/s""#),
    opt("items.note", r#""Zum Beispiel Bitwarden oder KeePassXC.""#),
    opt("items.link", r#""@skill:datenschutz-grundlagen""#).checks(&["C1"]),
    opt("type", r#""checklist""#).or_rule("the type of the folder"),
];

const RATE: &[Fact] = &[
    req("title", r#""Stundenpakete 2025""#),
    req(
        "summary",
        r#""Für alle Büroleistungen. Preise für Unternehmen, netto.""#,
    ),
    req("currency", r#""EUR""#),
    req("price_basis", r#""net""#).checks(&["C5", "C6"]),
    when(
        "vat_rate",
        r#"`price_basis` is `"net"` or `"gross"`"#,
        r#""19""#,
    )
    .checks(&["C6"]),
    req("customers", r#""b2b""#).checks(&["C5"]),
    req("valid_from", "2025-01-01").checks(&["C2"]),
    opt("valid_until", "2025-12-31").checks(&["C2", "C9"]),
    opt("applies_to", r#"["buero", "finanzen"]"#).checks(&["C1", "C2"]),
    when(
        "base_hourly",
        "an hourly service uses the table",
        r#""45.00""#,
    )
    .checks(&["C2"]),
    req("billing_increment_min", "15"),
    opt("minimum_per_task_min", "15").or_rule("the billing increment"),
    opt("notice", r#""1 Monat zum Monatsende""#),
    opt("payment_terms", r#""14 Tage netto""#),
    opt("expenses", r#""Porto und Fremdkosten nur nach Freigabe""#),
    opt("trial", r#""Erste 2 Stunden zum halben Preis""#),
    when("trial_hours", "`trial_discount` is set", "2"),
    when("trial_discount", "`trial_hours` is set", r#""50""#),
    req("areas", ""),
    req("areas.id", r#""backoffice""#).checks(&["C2"]),
    req("areas.label", r#""Backoffice & Sekretariat""#),
    req("areas.factor", r#""1.5""#),
    opt("areas.approval_required", "true")
        .or("false")
        .checks(&["C10"]),
    opt("packages", ""),
    req("packages.id", r#""m""#),
    req("packages.label", r#""Monatspaket M""#),
    req("packages.hours", "20").checks(&["C12"]),
    req("packages.price", r#""780.00""#).checks(&["C12"]),
    req("packages.period", r#""month""#),
    opt("packages.valid_months", "6"),
    opt("packages.overage_hourly", r#""40.00""#)
        .or_rule("the base rate, else the package's price per hour"),
    when("packages.top_up_hours", "`top_up_price` is set", "5"),
    when(
        "packages.top_up_price",
        "`top_up_hours` is set",
        r#""200.00""#,
    ),
    opt("packages.rollover", "").or_rule("no rollover: unused hours lapse"),
    opt("packages.rollover.max_hours", "2"),
    opt("packages.rollover.max_percent", r#""20""#),
    opt("packages.rollover.expires_after_months", "1"),
    opt("surcharges", ""),
    req("surcharges.id", r#""eil""#).checks(&["C2"]),
    req("surcharges.label", r#""Eilauftrag""#),
    req("surcharges.percent", r#""50""#),
    opt("surcharges.condition", r#""Erledigung am selben Werktag""#),
    opt("units", ""),
    req("units.id", r#""normseite""#).checks(&["C2"]),
    req("units.label", r#""Normseite""#),
    req("units.price", r#""4.50""#),
    opt("units.minimum_units", "1"),
    opt(
        "units.definition",
        r#""1.500 Zeichen inklusive Leerzeichen""#,
    ),
    opt("type", r#""rate""#).or_rule("the type of the folder"),
];

const BRIEFING: &[Fact] = &[
    req("title", r#""Einrichtung Telefonservice""#),
    req(
        "summary",
        r#""Alles, was wir wissen müssen, um Ihre Anrufe anzunehmen.""#,
    ),
    opt("for_services", r#"["telefonservice"]"#).checks(&["C1"]),
    opt("default_area", r#""backoffice""#).checks(&["C1"]),
    opt("outputs", r#"["form", "print"]"#).or(r#"["form", "print", "markdown", "mailto"]"#),
    opt("include_standard", "true").or("false").checks(&["C4"]),
    opt("fields", ""),
    req("fields.id", r#""begruessung""#).checks(&["C4"]),
    req("fields.label", r#""Begrüßungsformel""#),
    req("fields.kind", r#""text""#),
    opt("fields.section", r#""Gesprächsführung""#),
    opt("fields.required", "true").or("false"),
    opt("fields.help", r#""Bitte kein Passwort eintragen.""#),
    opt(
        "fields.placeholder",
        r#""Beispiel GmbH, Sie sprechen mit …""#,
    ),
    when(
        "fields.options",
        r#"`kind` is `"select"` or `"multiselect"`"#,
        r#"["niedrig", "normal", "hoch"]"#,
    ),
    opt("fields.default", "true"),
    opt("type", r#""briefing""#).or_rule("the type of the folder"),
];

const GUIDE: &[Fact] = &[
    req("title", r#""Einarbeitung neue Assistenz""#),
    req("summary", r#""Die ersten zehn Arbeitstage.""#),
    req("reader", r#""assistant""#),
    opt("roles", r#"["assistenz-buero"]"#).checks(&["C1"]),
    opt("duration_days", "10"),
    req("steps", ""),
    req("steps.id", r#""probetelefonat""#),
    req("steps.title", r#""Probetelefonat nach Briefing""#),
    opt("steps.day", "4"),
    opt("steps.body", r#""Lesen Sie vorher das Briefing.""#),
    opt("steps.checklist", r#""it-sicherheit""#).checks(&["C1", "C11"]),
    opt("steps.page", r#""zusammenarbeit-selbststaendig""#).checks(&["C1"]),
    opt("steps.briefing", r#""telefonservice-einrichtung""#).checks(&["C1"]),
    opt("steps.skill", r#""telefon-etikette""#).checks(&["C1", "C11"]),
    opt(
        "steps.done_when",
        r#""Probetelefonat mit der Agentur bestanden""#,
    ),
    opt("steps.required", "false").or("true"),
    opt("steps.quiz", ""),
    req("steps.quiz.question", r#""Welcher Arbeitsbereich gilt?""#),
    req("steps.quiz.options", r#"["Backoffice", "Marketing"]"#).checks(&["C8"]),
    req("steps.quiz.answer", "1"),
    opt("type", r#""guide""#).or_rule("the type of the folder"),
];

const PAGE: &[Fact] = &[
    req("title", r#""So arbeiten wir""#),
    opt("summary", r#""Vom Erstgespräch bis zur Monatsabrechnung.""#),
    opt("kind", r#""faq""#).or(r#""generic""#).checks(&["C7"]),
    opt("menu", r#""main""#)
        .or_rule(r#"`"footer"` for `kind = "impressum"` and `"datenschutz"`, else `"none"`"#),
    opt("reader", r#""client""#).or(r#""all""#),
    opt("slug", r#""ablauf""#),
    opt("type", r#""page""#).or_rule("the type of the folder"),
];
