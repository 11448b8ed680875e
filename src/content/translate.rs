//! Translations (content-model §2 rule 4, check C8): which keys a translation may set,
//! and how it is laid over its default-language file.

use super::RawAny;
use super::raw::{
    RawBriefing, RawChecklist, RawGuide, RawItem, RawRate, RawService, RawSkill, RawStep,
};
use crate::diag::{Diagnostic, Diagnostics};
use crate::kind::Kind;
use crate::toml_doc::{Doc, Seg, Target};

/// Translatable keys of one type: top-level keys, and per list of entries with ids the
/// keys an entry may set.
struct Spec {
    top: &'static [&'static str],
    lists: &'static [(&'static str, &'static [&'static str])],
}

/// Keys about the translation file itself, allowed in every translation.
const OWN_KEYS: &[&str] = &["draft", "updated", "source_hash"];

/// Keys a translation may set in a step's `[[steps.quiz]]` (matched by position).
const QUIZ_KEYS: &[&str] = &["question", "options"];

/// Whether a translation may set the key at `path` (`["title"]`, `["items", "text"]`,
/// `["steps", "quiz", "question"]`) of a type's front matter. Entries of lists carry
/// their `id`, which names the entry of the original they translate.
pub(crate) fn may_set(kind: Kind, path: &[&str]) -> bool {
    let spec = spec(kind);
    let entry_keys = |list: &str| spec.lists.iter().find(|(k, _)| *k == list).map(|(_, e)| *e);
    match path {
        [key] => spec.top.contains(key) || OWN_KEYS.contains(key) || entry_keys(key).is_some(),
        [list, "id"] => entry_keys(list).is_some(),
        [list, key] => entry_keys(list).is_some_and(|e| e.contains(key)),
        [list, "quiz", key] => {
            entry_keys(list).is_some_and(|e| e.contains(&"quiz")) && QUIZ_KEYS.contains(key)
        }
        _ => false,
    }
}

fn spec(kind: Kind) -> Spec {
    match kind {
        Kind::Service => Spec {
            top: &[
                "title",
                "summary",
                "tasks",
                "excluded",
                "deliverables",
                "scope_note",
                "service_hours",
                "prerequisites",
            ],
            lists: &[],
        },
        Kind::Skill => Spec {
            top: &[
                "title",
                "summary",
                "level_descriptions",
                "evidence",
                "legal_note",
            ],
            lists: &[],
        },
        Kind::Checklist => Spec {
            top: &["title", "summary"],
            lists: &[("items", &["text", "section", "spec", "note"])],
        },
        Kind::Rate => Spec {
            top: &[
                "title",
                "summary",
                "notice",
                "payment_terms",
                "expenses",
                "trial",
            ],
            lists: &[
                ("areas", &["label"]),
                ("packages", &["label"]),
                ("surcharges", &["label", "condition"]),
                ("units", &["label", "definition"]),
            ],
        },
        Kind::Briefing => Spec {
            top: &["title", "summary"],
            lists: &[(
                "fields",
                &["label", "section", "help", "placeholder", "options"],
            )],
        },
        Kind::Guide => Spec {
            top: &["title", "summary"],
            lists: &[("steps", &["title", "body", "done_when", "quiz"])],
        },
        Kind::Page => Spec {
            top: &["title", "summary", "slug"],
            lists: &[],
        },
    }
}

/// Reports every key of the translation that it may not set.
fn check_keys(raw: &RawAny, doc: &Doc<'_>, base_path: &str, diags: &mut Diagnostics) {
    let Ok(parsed) = toml_edit::Document::parse(doc.text) else {
        return;
    };
    let spec = spec(raw.kind());
    let allowed = || {
        let mut keys: Vec<&str> = spec.top.to_vec();
        keys.extend(spec.lists.iter().map(|(k, _)| *k));
        keys.join(", ")
    };
    for (key, item) in parsed.as_table() {
        if spec.top.contains(&key) || OWN_KEYS.contains(&key) {
            continue;
        }
        let Some((_, entry_keys)) = spec.lists.iter().find(|(k, _)| *k == key) else {
            diags.push(not_translatable(
                doc,
                &[Seg::Key(key)],
                key,
                base_path,
                &allowed(),
            ));
            continue;
        };
        let Some(entries) = item.as_array_of_tables() else {
            continue;
        };
        for (i, entry) in entries.iter().enumerate() {
            for (sub, value) in entry {
                let path = [Seg::Key(key), Seg::Index(i), Seg::Key(sub)];
                if sub == "id" {
                    continue;
                }
                if !entry_keys.contains(&sub) {
                    let allowed = format!("id, {}", entry_keys.join(", "));
                    diags.push(not_translatable(doc, &path, sub, base_path, &allowed));
                } else if sub == "quiz"
                    && let Some(quizzes) = value.as_array_of_tables()
                {
                    for (q, quiz) in quizzes.iter().enumerate() {
                        for (qkey, _) in quiz {
                            if !QUIZ_KEYS.contains(&qkey) {
                                let path = [
                                    Seg::Key(key),
                                    Seg::Index(i),
                                    Seg::Key("quiz"),
                                    Seg::Index(q),
                                    Seg::Key(qkey),
                                ];
                                diags.push(not_translatable(
                                    doc,
                                    &path,
                                    qkey,
                                    base_path,
                                    &QUIZ_KEYS.join(", "),
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
}

fn not_translatable(
    doc: &Doc<'_>,
    path: &[Seg<'_>],
    key: &str,
    base_path: &str,
    allowed: &str,
) -> Diagnostic {
    Diagnostic::error(format!("`{key}` cannot be set in a translation"))
        .code("C8")
        .at(doc.file, doc.span(path, Target::Key))
        .label("not translatable")
        .help(format!(
            "set it once in {base_path}; a translation may set: {allowed}"
        ))
}

/// Copies each named field that the translation entry `$t` sets over the original's
/// `$m`.
macro_rules! take {
    ($m:ident, $t:ident, $($f:ident),*) => {{ $( if $t.$f.is_some() { $m.$f.clone_from(&$t.$f); } )* }};
}

/// Lays the translatable keys of `tr` over `base`. Reports C8 problems against `doc`.
pub(super) fn overlay(
    base: &RawAny,
    tr: &RawAny,
    doc: &Doc<'_>,
    base_path: &str,
    diags: &mut Diagnostics,
) -> RawAny {
    check_keys(tr, doc, base_path, diags);
    let mut lists = ListCheck { doc, diags };
    match (base.clone(), tr) {
        (RawAny::Service(m), RawAny::Service(t)) => RawAny::Service(service(m, t, &mut lists)),
        (RawAny::Skill(m), RawAny::Skill(t)) => RawAny::Skill(skill(m, t, &mut lists)),
        (RawAny::Checklist(m), RawAny::Checklist(t)) => {
            RawAny::Checklist(checklist(m, t, &mut lists))
        }
        (RawAny::Rate(m), RawAny::Rate(t)) => RawAny::Rate(rate(m, t, &mut lists)),
        (RawAny::Briefing(m), RawAny::Briefing(t)) => RawAny::Briefing(briefing(m, t, &mut lists)),
        (RawAny::Guide(m), RawAny::Guide(t)) => RawAny::Guide(guide(m, t, &mut lists)),
        (RawAny::Page(mut m), RawAny::Page(t)) => {
            take!(m, t, title, summary, slug);
            RawAny::Page(m)
        }
        (base, _) => base,
    }
}

/// A service's texts; its lists are replaced as a whole.
fn service(mut m: RawService, t: &RawService, lists: &mut ListCheck<'_, '_>) -> RawService {
    take!(m, t, title, summary, scope_note, service_hours);
    for (name, dst, src) in [
        ("tasks", &mut m.tasks, &t.tasks),
        ("excluded", &mut m.excluded, &t.excluded),
        ("deliverables", &mut m.deliverables, &t.deliverables),
        ("prerequisites", &mut m.prerequisites, &t.prerequisites),
    ] {
        lists.replace_plain(name, dst, src.as_ref());
    }
    m
}

/// A skill's texts; level descriptions are translated level by level.
fn skill(mut m: RawSkill, t: &RawSkill, lists: &mut ListCheck<'_, '_>) -> RawSkill {
    take!(m, t, title, summary, legal_note);
    if let Some(tr_levels) = &t.level_descriptions {
        let levels = m.level_descriptions.get_or_insert_with(Default::default);
        for (level, text) in tr_levels {
            levels.insert(level.clone(), text.clone());
        }
    }
    lists.replace_plain("evidence", &mut m.evidence, t.evidence.as_ref());
    m
}

/// A checklist's texts and its items' texts, matched by id.
fn checklist(mut m: RawChecklist, t: &RawChecklist, lists: &mut ListCheck<'_, '_>) -> RawChecklist {
    take!(m, t, title, summary);
    lists.by_id(
        "items",
        m.items.as_mut(),
        t.items.as_ref(),
        |dst: &mut RawItem, src: &RawItem| {
            take!(dst, src, text, section, spec, note);
        },
    );
    m
}

/// A rate table's texts and the labels of its areas, packages, surcharges and units,
/// matched by id.
fn rate(mut m: RawRate, t: &RawRate, lists: &mut ListCheck<'_, '_>) -> RawRate {
    take!(m, t, title, summary, notice, payment_terms, expenses, trial);
    lists.by_id("areas", m.areas.as_mut(), t.areas.as_ref(), |d, s| {
        take!(d, s, label);
    });
    lists.by_id(
        "packages",
        m.packages.as_mut(),
        t.packages.as_ref(),
        |d, s| take!(d, s, label),
    );
    lists.by_id(
        "surcharges",
        m.surcharges.as_mut(),
        t.surcharges.as_ref(),
        |d, s| take!(d, s, label, condition),
    );
    lists.by_id("units", m.units.as_mut(), t.units.as_ref(), |d, s| {
        take!(d, s, label, definition);
    });
    m
}

/// A briefing's texts and its fields' texts, matched by id.
fn briefing(mut m: RawBriefing, t: &RawBriefing, lists: &mut ListCheck<'_, '_>) -> RawBriefing {
    take!(m, t, title, summary);
    lists.by_id("fields", m.fields.as_mut(), t.fields.as_ref(), |d, s| {
        let original = d.options.clone();
        take!(d, s, label, section, help, placeholder, options);
        // A select's default names one of its options: it follows the
        // translated options by position.
        if let (Some(before), Some(after), Some(toml::Value::String(default))) =
            (&original, &d.options, d.default.as_mut())
            && let Some(translated) = before
                .iter()
                .position(|o| o == default)
                .and_then(|k| after.get(k))
        {
            translated.clone_into(default);
        }
    });
    m
}

/// A guide's texts and its steps' texts, matched by id, with their quizzes matched by
/// position.
fn guide(mut m: RawGuide, t: &RawGuide, lists: &mut ListCheck<'_, '_>) -> RawGuide {
    take!(m, t, title, summary);
    lists.by_id(
        "steps",
        m.steps.as_mut(),
        t.steps.as_ref(),
        |d: &mut RawStep, s: &RawStep| {
            take!(d, s, title, body, done_when);
            if let (Some(dq), Some(sq)) = (d.quiz.as_mut(), s.quiz.as_ref()) {
                for (dq, sq) in dq.iter_mut().zip(sq) {
                    // Options are matched by position: the original's answer
                    // index must still point at the right one.
                    if sq
                        .options
                        .as_ref()
                        .is_none_or(|o| Some(o.len()) == dq.options.as_ref().map(Vec::len))
                    {
                        take!(dq, sq, question, options);
                    } else {
                        take!(dq, sq, question);
                    }
                }
            }
        },
    );
    check_quizzes(&m, t, lists.doc, lists.diags);
    m
}

/// Quizzes are matched by position; a translation must keep their number and the
/// number of options, or the original's answer index would point elsewhere.
fn check_quizzes(base: &RawGuide, tr: &RawGuide, doc: &Doc<'_>, diags: &mut Diagnostics) {
    let (Some(base_steps), Some(tr_steps)) = (&base.steps, &tr.steps) else {
        return;
    };
    for (i, t) in tr_steps.iter().enumerate() {
        let Some(b) = base_steps.iter().find(|b| b.id.is_some() && b.id == t.id) else {
            continue;
        };
        let base_quiz = b.quiz.as_deref().unwrap_or_default();
        let Some(tr_quiz) = t.quiz.as_deref() else {
            if !base_quiz.is_empty() {
                diags.push(
                    doc.warning_at(
                        &[Seg::Key("steps"), Seg::Index(i)],
                        format!(
                            "step `{}` has {} quiz question(s) in the original but none here",
                            t.id.as_deref().unwrap_or("?"),
                            base_quiz.len()
                        ),
                    )
                    .code("C8")
                    .help("translate the quiz, or it is shown in the original language"),
                );
            }
            continue;
        };
        if tr_quiz.len() != base_quiz.len() {
            diags.push(doc.warning_at(&[Seg::Key("steps"), Seg::Index(i), Seg::Key("quiz")], format!("{} quiz question(s) here but {} in the original", tr_quiz.len(), base_quiz.len()))
                .code("C8").help("quizzes are matched by position: translate each question of the original, in order"));
        }
        for (q, (tq, bq)) in tr_quiz.iter().zip(base_quiz).enumerate() {
            let (Some(to), Some(bo)) = (&tq.options, &bq.options) else {
                continue;
            };
            if to.len() != bo.len() {
                diags.push(
                    doc.error_at(
                        &[
                            Seg::Key("steps"),
                            Seg::Index(i),
                            Seg::Key("quiz"),
                            Seg::Index(q),
                            Seg::Key("options"),
                        ],
                        format!("{} options here but {} in the original", to.len(), bo.len()),
                    )
                    .code("C8")
                    .label("the answer index would point elsewhere")
                    .help("translate every option of the original, in the same order"),
                );
            }
        }
    }
}

/// Anything with an optional `id`.
trait HasId {
    fn id(&self) -> Option<&str>;
}

macro_rules! has_id {
    ($($t:ty),*) => { $(impl HasId for $t { fn id(&self) -> Option<&str> { self.id.as_deref() } })* };
}
has_id!(
    RawItem,
    RawStep,
    super::raw::RawArea,
    super::raw::RawPackage,
    super::raw::RawSurcharge,
    super::raw::RawUnit,
    super::raw::RawField
);

struct ListCheck<'a, 'd> {
    doc: &'a Doc<'a>,
    diags: &'d mut Diagnostics,
}

impl ListCheck<'_, '_> {
    /// Replaces a plain list as a whole; a different length is suspicious.
    fn replace_plain(
        &mut self,
        key: &str,
        dst: &mut Option<Vec<String>>,
        src: Option<&Vec<String>>,
    ) {
        let Some(src) = src else { return };
        let base_len = dst.as_ref().map_or(0, Vec::len);
        if src.len() != base_len {
            self.diags.push(
                self.doc
                    .warning_at(
                        &[Seg::Key(key)],
                        format!(
                            "`{key}` has {} entries here but {base_len} in the original",
                            src.len()
                        ),
                    )
                    .code("C8")
                    .label("length differs")
                    .help("translate every entry, one for one, so both languages promise the same"),
            );
        }
        *dst = Some(src.clone());
    }

    /// Overlays entries matched by id; reports ids missing from or unknown to the original.
    fn by_id<T: HasId>(
        &mut self,
        key: &str,
        dst: Option<&mut Vec<T>>,
        src: Option<&Vec<T>>,
        apply: impl Fn(&mut T, &T),
    ) {
        let Some(src) = src else { return };
        let Some(dst) = dst else { return };
        for (i, entry) in src.iter().enumerate() {
            let Some(id) = entry.id() else {
                self.diags.push(
                    self.doc
                        .error_at(
                            &[Seg::Key(key), Seg::Index(i)],
                            format!("an entry of `{key}` has no `id`"),
                        )
                        .code("C8")
                        .help("give the id of the entry of the original that this text translates"),
                );
                continue;
            };
            if let Some(d) = dst.iter_mut().find(|d| d.id() == Some(id)) {
                apply(d, entry);
            } else {
                let ids: Vec<&str> = dst.iter().filter_map(HasId::id).collect();
                self.diags.push(
                    self.doc
                        .error_at(
                            &[Seg::Key(key), Seg::Index(i), Seg::Key("id")],
                            format!("`{id}` is not an id of `{key}` in the original"),
                        )
                        .code("C8")
                        .label("unknown id")
                        .suggest(id, ids.iter().copied())
                        .help_line(format!("ids in the original: {}", ids.join(", "))),
                );
            }
        }
        let missing: Vec<&str> = dst
            .iter()
            .filter_map(HasId::id)
            .filter(|id| !src.iter().any(|s| s.id() == Some(id)))
            .collect();
        if !missing.is_empty() {
            self.diags.push(
                Diagnostic::warning(format!(
                    "`{key}` lacks {} of the original: {}",
                    if missing.len() == 1 {
                        "an entry"
                    } else {
                        "entries"
                    },
                    missing.join(", ")
                ))
                .code("C8")
                .at(self.doc.file, self.doc.span(&[Seg::Key(key)], Target::Key))
                .label("incomplete translation")
                .help("those entries are shown in the original language until they are translated"),
            );
        }
    }
}

/// Length checks of translated texts, reported against the translation file.
pub(super) fn check_texts(tr: &RawAny, doc: &Doc<'_>, diags: &mut Diagnostics) {
    let (title, summary) = tr.title_summary();
    for (key, value, max) in [("title", title, 80), ("summary", summary, 200)] {
        if let Some(value) = value {
            let len = value.chars().count();
            if len > max {
                diags.push(
                    doc.error_at(
                        &[Seg::Key(key)],
                        format!("`{key}` is {len} characters long; at most {max} are allowed"),
                    )
                    .help("shorten the translation"),
                );
            }
        }
    }
}
