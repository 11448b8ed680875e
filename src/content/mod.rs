//! One content file → validated items, one per language.
//!
//! The type of a file comes from its folder (`content/services/` …), its id from the
//! file stem, its language from an optional suffix (`telefonservice.en.md`). A
//! default-language file is validated on its own; a translation may set only the
//! translatable keys and is laid over its default-language file, so prices, refs and
//! dates can never drift between languages. This module is pure: the caller reads the
//! files (see `crate::source`).

pub mod raw;
mod split;
pub(crate) mod standard;
pub(crate) mod translate;
pub mod types;
mod validate;
pub mod values;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use rayon::prelude::*;

pub use split::{Split, split};
pub use types::{Data, Meta};
pub use validate::STANDARD_FIELD_IDS;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, FileId, Sources};
use crate::kind::{ItemId, Kind};
use crate::source::SourceEntry;
use crate::toml_doc::{Doc, Seg};
use validate::{MetaFields, Validated, Validator};

/// The Markdown body of an item, with its place in the file.
#[derive(Debug, Clone)]
pub struct Body {
    /// The Markdown text.
    pub text: String,
    /// The file it comes from.
    pub file: FileId,
    /// Offset of `text` in that file.
    pub offset: usize,
}

/// One content item in one language, fully validated.
#[derive(Debug, Clone)]
pub struct Item {
    /// Type.
    pub kind: Kind,
    /// Id (unique per type).
    pub id: String,
    /// Language code.
    pub lang: String,
    /// Title.
    pub title: String,
    /// Summary (required for all types but pages).
    pub summary: Option<String>,
    /// Editorial metadata.
    pub meta: Meta,
    /// Typed data.
    pub data: Data,
    /// Markdown body.
    pub body: Body,
    /// The file of this language version.
    pub file: FileId,
    /// The default-language file (holds all non-translatable keys).
    pub base_file: FileId,
}

impl Item {
    /// The item's typed id: type, id and language.
    pub fn item_id(&self) -> ItemId {
        ItemId::new(self.kind, self.id.clone(), self.lang.clone())
    }
}

/// All items of a site and where their front matter lies.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Items, default languages first, in input order.
    pub items: Vec<Item>,
    /// Front-matter range per file, for locating diagnostics by key path.
    pub fronts: HashMap<FileId, Range<usize>>,
    /// Items whose default-language file has errors of its own. References to them
    /// are not reported again: the file's own diagnostic says what to fix.
    pub broken: HashSet<(Kind, String)>,
}

impl Loaded {
    /// A [`Doc`] over the front matter of `file`.
    pub fn doc<'a>(&self, sources: &'a Sources, file: FileId) -> Doc<'a> {
        let range = self.fronts.get(&file).cloned().unwrap_or(0..0);
        Doc {
            file,
            text: &sources.text(file)[range.clone()],
            offset: range.start,
        }
    }
}

/// Raw front matter of any type.
#[derive(Debug, Clone)]
pub(crate) enum RawAny {
    Service(raw::RawService),
    Skill(raw::RawSkill),
    Checklist(raw::RawChecklist),
    Rate(raw::RawRate),
    Briefing(raw::RawBriefing),
    Guide(raw::RawGuide),
    Page(raw::RawPage),
}

macro_rules! each_raw {
    ($value:expr, $r:ident => $body:expr) => {
        match $value {
            RawAny::Service($r) => $body,
            RawAny::Skill($r) => $body,
            RawAny::Checklist($r) => $body,
            RawAny::Rate($r) => $body,
            RawAny::Briefing($r) => $body,
            RawAny::Guide($r) => $body,
            RawAny::Page($r) => $body,
        }
    };
}

impl RawAny {
    /// The content type.
    fn kind(&self) -> Kind {
        match self {
            RawAny::Service(_) => Kind::Service,
            RawAny::Skill(_) => Kind::Skill,
            RawAny::Checklist(_) => Kind::Checklist,
            RawAny::Rate(_) => Kind::Rate,
            RawAny::Briefing(_) => Kind::Briefing,
            RawAny::Guide(_) => Kind::Guide,
            RawAny::Page(_) => Kind::Page,
        }
    }

    fn parse(kind: Kind, doc: &Doc<'_>) -> Result<RawAny, Diagnostic> {
        let what = "the front matter";
        Ok(match kind {
            Kind::Service => RawAny::Service(doc.deserialize(what)?),
            Kind::Skill => RawAny::Skill(doc.deserialize(what)?),
            Kind::Checklist => RawAny::Checklist(doc.deserialize(what)?),
            Kind::Rate => RawAny::Rate(doc.deserialize(what)?),
            Kind::Briefing => RawAny::Briefing(doc.deserialize(what)?),
            Kind::Guide => RawAny::Guide(doc.deserialize(what)?),
            Kind::Page => RawAny::Page(doc.deserialize(what)?),
        })
    }

    fn meta_fields(&self) -> MetaFields {
        each_raw!(self, r => MetaFields {
            draft: r.draft,
            order: r.order,
            tags: r.tags.clone(),
            owner: r.owner.clone(),
            updated: r.updated,
            review_by: r.review_by,
            extra: r.extra.clone(),
            visible_to: r.visible_to.clone(),
            source_hash: r.source_hash.clone(),
        })
    }

    fn title_summary(&self) -> (Option<&str>, Option<&str>) {
        each_raw!(self, r => (r.title.as_deref(), r.summary.as_deref()))
    }

    fn type_name(&self) -> Option<&str> {
        each_raw!(self, r => r.type_name.as_deref())
    }

    fn validate(self, v: &mut Validator<'_, '_>) -> Validated {
        match self {
            RawAny::Service(r) => validate::service(v, r),
            RawAny::Skill(r) => validate::skill(v, r),
            RawAny::Checklist(r) => validate::checklist(v, r),
            RawAny::Rate(r) => validate::rate(v, r),
            RawAny::Briefing(r) => validate::briefing(v, r),
            RawAny::Guide(r) => validate::guide(v, r),
            RawAny::Page(r) => validate::page(v, r),
        }
    }
}

/// A parsed file waiting for validation.
struct Parsed {
    entry: SourceEntry,
    raw: RawAny,
    body: Range<usize>,
}

/// Parses and validates every content file; problems go to `diags`.
pub fn load(
    entries: Vec<SourceEntry>,
    sources: &Sources,
    config: &Config,
    diags: &mut Diagnostics,
) -> Loaded {
    let mut loaded = Loaded::default();
    let mut parsed = Vec::new();
    // Splitting and parsing each file is independent: done on all cores; the results
    // are taken in file order, so diagnostics come in the same order on every run.
    let results: Vec<_> = entries
        .par_iter()
        .map(|entry| {
            if entry.unreadable {
                return None;
            }
            let text = sources.text(entry.file);
            Some(split(entry.file, text).map(|parts| {
                let doc = Doc {
                    file: entry.file,
                    text: &text[parts.front.clone()],
                    offset: parts.front.start,
                };
                let raw = RawAny::parse(entry.kind, &doc);
                (parts, raw)
            }))
        })
        .collect();
    for (entry, result) in entries.into_iter().zip(results) {
        let outcome = match result {
            None => None,
            Some(Err(d)) => Some(d),
            Some(Ok((parts, raw))) => {
                loaded.fronts.insert(entry.file, parts.front.clone());
                match raw {
                    Ok(raw) => {
                        parsed.push(Parsed {
                            entry,
                            raw,
                            body: parts.body,
                        });
                        continue;
                    }
                    Err(d) => Some(d),
                }
            }
        };
        if entry.lang.is_none() {
            loaded.broken.insert((entry.kind, entry.id.clone()));
        }
        if let Some(d) = outcome {
            diags.push(d);
        }
    }

    // Default-language files first; translations are laid over them.
    let (defaults, translations): (Vec<Parsed>, Vec<Parsed>) =
        parsed.into_iter().partition(|p| p.entry.lang.is_none());
    let mut bases: HashMap<(Kind, String), (RawAny, FileId)> = HashMap::new();
    for p in defaults {
        let doc = loaded.doc(sources, p.entry.file);
        let mut v = Validator {
            doc: &doc,
            diags,
            config,
            lang: &config.default_lang,
        };
        validate::check_type_key(&mut v, p.raw.type_name(), p.entry.kind);
        let meta = v.meta(p.raw.meta_fields(), p.entry.kind);
        if p.raw.meta_fields().source_hash.is_some() {
            v.diags.push(
                doc.error_at(&[Seg::Key("source_hash")], "`source_hash` belongs in translations")
                    .code("C14")
                    .label("this is the original")
                    .help("remove it here; a translation such as x.en.md records the hash of the original it was made from"),
            );
        }
        bases.insert(
            (p.entry.kind, p.entry.id.clone()),
            (p.raw.clone(), p.entry.file),
        );
        let errors_before = v.diags.count(crate::diag::Severity::Error);
        let validated = p.raw.validate(&mut v);
        // An item with errors of its own is left out of the site: checks that would
        // build on its half-valid data would only report follow-on errors.
        let clean = v.diags.count(crate::diag::Severity::Error) == errors_before;
        let item = make_item(
            &p.entry,
            &config.default_lang,
            validated,
            meta,
            p.body,
            p.entry.file,
            sources,
        );
        match item {
            Some(item) if clean => loaded.items.push(item),
            _ => {
                loaded.broken.insert((p.entry.kind, p.entry.id.clone()));
            }
        }
    }
    for p in translations {
        let lang = p.entry.lang.clone().unwrap_or_default();
        let key = (p.entry.kind, p.entry.id.clone());
        if loaded.broken.contains(&key) {
            // The original has errors of its own; they are reported there.
            continue;
        }
        let Some((base_raw, base_file)) = bases.get(&key) else {
            diags.push(
                Diagnostic::error(format!(
                    "translation without an original: there is no content/{}/{}.md",
                    p.entry.kind.folder(),
                    p.entry.id
                ))
                .code("C8")
                .at(p.entry.file, 0..0)
                .label("translation of a missing file")
                .help(format!(
                    "add the default-language file content/{}/{}.md, or rename this file",
                    p.entry.kind.folder(),
                    p.entry.id
                )),
            );
            continue;
        };
        let doc = loaded.doc(sources, p.entry.file);
        let base_path = sources.path(*base_file).display().to_string();
        let merged = translate::overlay(base_raw, &p.raw, &doc, &base_path, diags);
        let base_doc = loaded.doc(sources, *base_file);
        // The merged data was validated with the original already; only problems of
        // the translated texts are new, and those are checked on the translation.
        let mut quiet = Diagnostics::new();
        let mut v = Validator {
            doc: &base_doc,
            diags: &mut quiet,
            config,
            lang: &lang,
        };
        let mut meta = v.meta(base_raw.meta_fields(), p.entry.kind);
        let own = p.raw.meta_fields();
        meta.draft = own.draft.unwrap_or(meta.draft);
        meta.source_hash.clone_from(&own.source_hash);
        if own.updated.is_some() {
            // A translation's own date of its last change (for its language's feed).
            let mut own_v = Validator {
                doc: &doc,
                diags,
                config,
                lang: &lang,
            };
            if let Some(date) = own_v.date(own.updated, &[Seg::Key("updated")]) {
                meta.updated = Some(date);
            }
        }
        let translation_path = sources.path(p.entry.file).display().to_string();
        check_freshness(
            own.source_hash.as_deref(),
            &doc,
            (&translation_path, &base_path),
            sources.text(*base_file),
            diags,
        );
        let validated = merged.validate(&mut v);
        translate::check_texts(&p.raw, &doc, diags);
        if let Some(item) = make_item(
            &p.entry, &lang, validated, meta, p.body, *base_file, sources,
        ) {
            loaded.items.push(item);
        }
    }
    loaded
}

/// The hash a translation records of its original: FNV-1a of the text with Windows
/// line ends read as Unix ones, as 8 hex digits.
pub fn source_hash(original: &str) -> String {
    let text = original.replace("\r\n", "\n");
    format!("{:08x}", crate::util::fnv1a(text.as_bytes()) >> 32)
}

/// C14: a translation that records an older original is reported, one that records
/// none gets a note saying how to start.
fn check_freshness(
    recorded: Option<&str>,
    doc: &Doc<'_>,
    (path, original_path): (&str, &str),
    original: &str,
    diags: &mut Diagnostics,
) {
    let current = source_hash(original);
    match recorded {
        Some(h) if h == current => {}
        Some(_) => diags.push(
            doc.warning_at(
                &[Seg::Key("source_hash")],
                format!("the translation may be out of date: {original_path} changed after it was translated"),
            )
            .code("C14")
            .label("made from an older version of the original")
            .help(format!(
                "bring the translation up to date with {original_path}, then set source_hash = \"{current}\""
            )),
        ),
        None => diags.push(
            Diagnostic::info(format!(
                "{path} does not record which version of {original_path} it translates"
            ))
            .code("C14")
            .at(doc.file, doc.offset..doc.offset)
            .label("no source_hash")
            .help(format!(
                "if it matches {original_path} now, add source_hash = \"{current}\" to its front matter; vpagen then warns when the original changes"
            )),
        ),
    }
}

fn make_item(
    entry: &SourceEntry,
    lang: &str,
    v: Validated,
    meta: Meta,
    body: Range<usize>,
    base_file: FileId,
    sources: &Sources,
) -> Option<Item> {
    let title = v.title?;
    let data = v.data?;
    Some(Item {
        kind: entry.kind,
        id: entry.id.clone(),
        lang: lang.to_owned(),
        title,
        summary: v.summary,
        meta,
        data,
        body: Body {
            text: sources.text(entry.file)[body.clone()].to_owned(),
            file: entry.file,
            offset: body.start,
        },
        file: entry.file,
        base_file,
    })
}
