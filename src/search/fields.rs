//! Which front-matter keys the search index reads, and why it leaves out the others.
//!
//! [`COVERAGE`] names every key of every content type: a reader who sees a text on a
//! page finds the page by it. A test compares the table with the keys the binary
//! accepts, and searches a fixture for a word planted in each indexed key.

use crate::content::{Data, Item};

/// Where the index puts the text of a key, or why it has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// The title: the strongest field.
    Title,
    /// Short texts that name what a page is about (summary, tasks, labels): weighted
    /// between title and body.
    Meta,
    /// Longer or secondary texts, weighted as the body.
    Body,
    /// Not indexed, for the reason given.
    Excluded(&'static str),
}

use Coverage::{Body, Excluded, Meta, Title};

const ID: Coverage = Excluded("an id: part of URLs and anchors, not text");
const REFERENCE: Coverage = Excluded("a reference: the page it names is indexed itself");
const NUMBER: Coverage = Excluded("a number, date, amount or switch, not words");
const CHOICE: Coverage = Excluded("one of a fixed set of values, shown as an interface label");

/// Every front-matter key (`table.key` inside arrays of tables) by type folder; `*`
/// are the keys every type accepts.
pub const COVERAGE: &[(&str, &str, Coverage)] = &[
    ("*", "title", Title),
    ("*", "summary", Meta),
    ("*", "tags", Meta),
    ("*", "type", ID),
    ("*", "draft", NUMBER),
    ("*", "order", NUMBER),
    (
        "*",
        "owner",
        Excluded("a person's name for authors, not what the page is about"),
    ),
    ("*", "updated", NUMBER),
    ("*", "review_by", NUMBER),
    (
        "*",
        "extra",
        Excluded("free data for themes, whose meaning vpagen does not know"),
    ),
    ("*", "visible_to", ID),
    ("*", "source_hash", Excluded("a hash for translators")),
    ("services", "category", Meta),
    ("services", "work_area", ID),
    ("services", "rate_table", REFERENCE),
    ("services", "billing", CHOICE),
    ("services", "unit", REFERENCE),
    ("services", "flat_price", NUMBER),
    ("services", "flat_period", ID),
    ("services", "tasks", Meta),
    ("services", "excluded", Body),
    ("services", "deliverables", Meta),
    ("services", "scope_note", Body),
    (
        "services",
        "languages",
        Excluded("language codes: the catalogue filters by language"),
    ),
    ("services", "turnaround", Excluded("a table: see its keys")),
    (
        "services",
        "turnaround.standard",
        Excluded("a duration: its words are the interface's"),
    ),
    (
        "services",
        "turnaround.rush",
        Excluded("a duration: its words are the interface's"),
    ),
    ("services", "rush_surcharge", NUMBER),
    ("services", "service_hours", Body),
    ("services", "personal_data", NUMBER),
    ("services", "approval_required", NUMBER),
    ("services", "prerequisites", Body),
    (
        "services",
        "skills",
        Excluded("a list of tables: see its keys"),
    ),
    ("services", "skills.id", Meta),
    ("services", "skills.level", CHOICE),
    ("services", "equipment", REFERENCE),
    ("services", "briefings", REFERENCE),
    ("services", "related", REFERENCE),
    ("skills", "group", CHOICE),
    ("skills", "scale", ID),
    ("skills", "level_descriptions", Meta),
    ("skills", "evidence", Body),
    ("skills", "verification", CHOICE),
    ("skills", "legal_note", Body),
    ("skills", "training", REFERENCE),
    ("checklists", "kind", CHOICE),
    ("checklists", "reader", CHOICE),
    ("checklists", "version", NUMBER),
    ("checklists", "estimated_minutes", NUMBER),
    ("checklists", "print_signature", NUMBER),
    ("checklists", "roles", ID),
    (
        "checklists",
        "items",
        Excluded("a list of tables: see its keys"),
    ),
    ("checklists", "items.id", ID),
    ("checklists", "items.text", Meta),
    ("checklists", "items.section", Meta),
    ("checklists", "items.required", NUMBER),
    ("checklists", "items.spec", Meta),
    ("checklists", "items.note", Body),
    ("checklists", "items.link", Excluded("an address")),
    ("rates", "currency", CHOICE),
    ("rates", "price_basis", CHOICE),
    ("rates", "vat_rate", NUMBER),
    ("rates", "customers", CHOICE),
    ("rates", "valid_from", NUMBER),
    ("rates", "valid_until", NUMBER),
    ("rates", "applies_to", ID),
    ("rates", "base_hourly", NUMBER),
    ("rates", "billing_increment_min", NUMBER),
    ("rates", "minimum_per_task_min", NUMBER),
    ("rates", "notice", Body),
    ("rates", "payment_terms", Body),
    ("rates", "expenses", Body),
    ("rates", "trial", Body),
    ("rates", "trial_hours", NUMBER),
    ("rates", "trial_discount", NUMBER),
    ("rates", "areas", Excluded("a list of tables: see its keys")),
    ("rates", "areas.id", ID),
    ("rates", "areas.label", Meta),
    ("rates", "areas.factor", NUMBER),
    ("rates", "areas.approval_required", NUMBER),
    (
        "rates",
        "packages",
        Excluded("a list of tables: see its keys"),
    ),
    ("rates", "packages.id", ID),
    ("rates", "packages.label", Meta),
    ("rates", "packages.hours", NUMBER),
    ("rates", "packages.price", NUMBER),
    ("rates", "packages.period", CHOICE),
    ("rates", "packages.valid_months", NUMBER),
    ("rates", "packages.overage_hourly", NUMBER),
    ("rates", "packages.top_up_hours", NUMBER),
    ("rates", "packages.top_up_price", NUMBER),
    (
        "rates",
        "packages.rollover",
        Excluded("a table: see its keys"),
    ),
    ("rates", "packages.rollover.max_hours", NUMBER),
    ("rates", "packages.rollover.max_percent", NUMBER),
    ("rates", "packages.rollover.expires_after_months", NUMBER),
    (
        "rates",
        "surcharges",
        Excluded("a list of tables: see its keys"),
    ),
    ("rates", "surcharges.id", ID),
    ("rates", "surcharges.label", Meta),
    ("rates", "surcharges.percent", NUMBER),
    ("rates", "surcharges.condition", Body),
    ("rates", "units", Excluded("a list of tables: see its keys")),
    ("rates", "units.id", ID),
    ("rates", "units.label", Meta),
    ("rates", "units.price", NUMBER),
    ("rates", "units.minimum_units", NUMBER),
    ("rates", "units.definition", Body),
    ("briefings", "for_services", REFERENCE),
    ("briefings", "default_area", ID),
    ("briefings", "outputs", CHOICE),
    ("briefings", "include_standard", NUMBER),
    (
        "briefings",
        "fields",
        Excluded("a list of tables: see its keys"),
    ),
    ("briefings", "fields.id", ID),
    ("briefings", "fields.label", Meta),
    ("briefings", "fields.kind", CHOICE),
    ("briefings", "fields.section", Meta),
    ("briefings", "fields.required", NUMBER),
    ("briefings", "fields.help", Body),
    (
        "briefings",
        "fields.placeholder",
        Excluded("an example answer, not what the form asks"),
    ),
    ("briefings", "fields.options", Body),
    (
        "briefings",
        "fields.default",
        Excluded("a preset answer, not what the form asks"),
    ),
    ("guides", "reader", CHOICE),
    ("guides", "roles", ID),
    ("guides", "duration_days", NUMBER),
    (
        "guides",
        "steps",
        Excluded("a list of tables: see its keys"),
    ),
    ("guides", "steps.id", ID),
    ("guides", "steps.title", Meta),
    ("guides", "steps.day", NUMBER),
    ("guides", "steps.body", Body),
    ("guides", "steps.checklist", REFERENCE),
    ("guides", "steps.page", REFERENCE),
    ("guides", "steps.briefing", REFERENCE),
    ("guides", "steps.skill", REFERENCE),
    ("guides", "steps.done_when", Body),
    ("guides", "steps.required", NUMBER),
    (
        "guides",
        "steps.quiz",
        Excluded("a list of tables: see its keys"),
    ),
    ("guides", "steps.quiz.question", Body),
    ("guides", "steps.quiz.options", Body),
    ("guides", "steps.quiz.answer", NUMBER),
    ("pages", "kind", CHOICE),
    ("pages", "menu", CHOICE),
    ("pages", "reader", CHOICE),
    ("pages", "slug", ID),
];

/// The plain front-matter texts of an item that the index weights as meta and as
/// body, per [`COVERAGE`]. Markdown fields (checklist item texts and notes, step
/// bodies) are not here: the index reads their rendered form.
pub fn texts(item: &Item) -> (Vec<String>, Vec<String>) {
    let mut meta: Vec<String> = item.meta.tags.clone();
    meta.extend(item.summary.clone());
    let mut body: Vec<String> = Vec::new();
    match &item.data {
        Data::Service(s) => {
            meta.extend(s.tasks.iter().chain(&s.deliverables).cloned());
            body.extend(s.excluded.iter().chain(&s.prerequisites).cloned());
            body.extend(s.scope_note.iter().chain(&s.service_hours).cloned());
        }
        Data::Skill(s) => {
            meta.extend(s.level_descriptions.iter().map(|(_, d)| d.clone()));
            body.extend(s.evidence.iter().chain(&s.legal_note).cloned());
        }
        Data::Checklist(c) => meta.extend(
            c.items
                .iter()
                .flat_map(|i| [i.section.clone(), i.spec.clone()])
                .flatten(),
        ),
        Data::Rate(r) => rate_texts(r, &mut meta, &mut body),
        Data::Briefing(b) => {
            for f in &b.fields {
                meta.extend(std::iter::once(f.label.clone()).chain(f.section.clone()));
                body.extend(f.help.iter().chain(&f.options).cloned());
            }
        }
        Data::Guide(g) => {
            for s in &g.steps {
                meta.push(s.title.clone());
                body.extend(s.done_when.clone());
                for q in &s.quiz {
                    body.extend(std::iter::once(&q.question).chain(&q.options).cloned());
                }
            }
        }
        Data::Page(_) => {}
    }
    (meta, body)
}

fn rate_texts(
    r: &crate::content::types::RateTable,
    meta: &mut Vec<String>,
    body: &mut Vec<String>,
) {
    meta.extend(r.areas.iter().map(|a| a.label.clone()));
    meta.extend(r.packages.iter().map(|p| p.label.clone()));
    meta.extend(r.surcharges.iter().map(|s| s.label.clone()));
    meta.extend(r.units.iter().map(|u| u.label.clone()));
    body.extend(
        [&r.notice, &r.payment_terms, &r.expenses, &r.trial]
            .into_iter()
            .flatten()
            .cloned(),
    );
    body.extend(r.surcharges.iter().filter_map(|s| s.condition.clone()));
    body.extend(r.units.iter().filter_map(|u| u.definition.clone()));
}
