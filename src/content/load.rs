//! Loading every content file in three stages, each over all files before the next:
//!
//! 1. **parse**: split each file into front matter and body and read the front matter
//!    into its raw type ([`RawAny`]); files are independent, so this runs on all cores.
//! 2. **validate**: check each default-language file (an original) on its own and turn
//!    it into a typed [`Item`]; an original with errors is left out and marked broken.
//! 3. **overlay**: lay each translation over its original, so that only translatable
//!    keys differ between languages, and make the item of its language.
//!
//! Diagnostics come in file order within each stage, the same on every run.

use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;

use super::validate::{self, MetaFields, Validated, Validator};
use super::{Body, Item, Loaded, Meta, RawAny, Split, source_hash, split, translate};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, FileId, Severity, Sources};
use crate::kind::Kind;
use crate::source::SourceEntry;
use crate::toml_doc::{Doc, Seg};

/// Parses and validates every content file; problems go to `diags`.
pub fn load(
    entries: Vec<SourceEntry>,
    sources: &Sources,
    config: &Config,
    diags: &mut Diagnostics,
) -> Loaded {
    let mut loaded = Loaded::default();
    let stages = Stages { sources, config };
    let parsed = stages.parse(entries, &mut loaded, diags);
    // Default-language files first; translations are laid over them.
    let (originals, translations): (Vec<Parsed>, Vec<Parsed>) =
        parsed.into_iter().partition(|p| p.entry.lang.is_none());
    let originals = stages.validate(originals, &mut loaded, diags);
    stages.overlay(translations, &originals, &mut loaded, diags);
    loaded
}

/// What every stage reads: the texts of the files and `site.toml`.
struct Stages<'a> {
    sources: &'a Sources,
    config: &'a Config,
}

/// A parsed file waiting for validation.
struct Parsed {
    entry: SourceEntry,
    raw: RawAny,
    body: Range<usize>,
}

/// What parsing made of one file.
enum FileParse {
    /// The file could not be read as text; that is reported already.
    Unreadable,
    /// The file has no front matter to read.
    Unsplit(Diagnostic),
    /// Front matter and body were found; the front matter read, or not (boxed: the
    /// raw front matter is much larger than the other variants).
    Split {
        parts: Split,
        raw: Box<Result<RawAny, Diagnostic>>,
    },
}

/// The front matter of every valid original by type and id, with its file: what its
/// translations are laid over.
type Originals = HashMap<(Kind, String), (RawAny, FileId)>;

impl Stages<'_> {
    /// Stage 1: every readable file split and its front matter read. The front
    /// matter's place is recorded for every file that has one; an original that cannot
    /// be parsed is marked broken.
    fn parse(
        &self,
        entries: Vec<SourceEntry>,
        loaded: &mut Loaded,
        diags: &mut Diagnostics,
    ) -> Vec<Parsed> {
        // Splitting and parsing each file is independent: done on all cores; the
        // results are taken in file order, so diagnostics come in the same order on
        // every run.
        let results: Vec<FileParse> = entries
            .par_iter()
            .map(|entry| self.parse_file(entry))
            .collect();
        let mut parsed = Vec::new();
        for (entry, result) in entries.into_iter().zip(results) {
            let failure = match result {
                FileParse::Unreadable => None,
                FileParse::Unsplit(d) => Some(d),
                FileParse::Split { parts, raw } => {
                    loaded.fronts.insert(entry.file, parts.front.clone());
                    match *raw {
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
            if let Some(d) = failure {
                diags.push(d);
            }
        }
        parsed
    }

    /// One file split into front matter and body, its front matter read into the raw
    /// type of its folder.
    fn parse_file(&self, entry: &SourceEntry) -> FileParse {
        if entry.unreadable {
            return FileParse::Unreadable;
        }
        let text = self.sources.text(entry.file);
        match split(entry.file, text) {
            Err(d) => FileParse::Unsplit(d),
            Ok(parts) => {
                let doc = Doc {
                    file: entry.file,
                    text: &text[parts.front.clone()],
                    offset: parts.front.start,
                };
                let raw = Box::new(RawAny::parse(entry.kind, &doc));
                FileParse::Split { parts, raw }
            }
        }
    }

    /// Stage 2: every original validated on its own. A clean one becomes an item; one
    /// with errors of its own is left out of the site and marked broken, since checks
    /// building on its half-valid data would only report follow-on errors.
    fn validate(
        &self,
        originals: Vec<Parsed>,
        loaded: &mut Loaded,
        diags: &mut Diagnostics,
    ) -> Originals {
        let mut raws = Originals::new();
        for p in originals {
            let key = (p.entry.kind, p.entry.id.clone());
            raws.insert(key.clone(), (p.raw.clone(), p.entry.file));
            match self.validate_original(p, loaded, diags) {
                Some(item) => loaded.items.push(item),
                None => {
                    loaded.broken.insert(key);
                }
            }
        }
        raws
    }

    /// One original as an item; `None` when it has errors.
    fn validate_original(
        &self,
        p: Parsed,
        loaded: &Loaded,
        diags: &mut Diagnostics,
    ) -> Option<Item> {
        let config = self.config;
        let doc = loaded.doc(self.sources, p.entry.file);
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
        let errors_before = v.diags.count(Severity::Error);
        let validated = p.raw.validate(&mut v);
        let clean = v.diags.count(Severity::Error) == errors_before;
        let item = make_item(
            &p.entry,
            &config.default_lang,
            validated,
            meta,
            p.body,
            p.entry.file,
        );
        item.filter(|_| clean)
    }

    /// Stage 3: every translation laid over its original and validated as an item of
    /// its language. Translations of broken originals are skipped (the original's own
    /// diagnostics say what to fix); one without an original is reported (C8).
    fn overlay(
        &self,
        translations: Vec<Parsed>,
        originals: &Originals,
        loaded: &mut Loaded,
        diags: &mut Diagnostics,
    ) {
        for p in translations {
            let key = (p.entry.kind, p.entry.id.clone());
            if loaded.broken.contains(&key) {
                // The original has errors of its own; they are reported there.
                continue;
            }
            let Some((base_raw, base_file)) = originals.get(&key) else {
                diags.push(without_original(&p.entry));
                continue;
            };
            if let Some(item) = self.overlay_translation(p, base_raw, *base_file, loaded, diags) {
                loaded.items.push(item);
            }
        }
    }

    /// One translation laid over its original (`base_raw` from `base_file`).
    fn overlay_translation(
        &self,
        p: Parsed,
        base_raw: &RawAny,
        base_file: FileId,
        loaded: &Loaded,
        diags: &mut Diagnostics,
    ) -> Option<Item> {
        let (sources, config) = (self.sources, self.config);
        let lang = p.entry.lang.clone().unwrap_or_default();
        let doc = loaded.doc(sources, p.entry.file);
        let base_path = sources.path(base_file).display().to_string();
        let merged = translate::overlay(base_raw, &p.raw, &doc, &base_path, diags);
        let base_doc = loaded.doc(sources, base_file);
        // The merged data was validated with the original already; only problems of
        // the translated texts are new, and those are checked on the translation.
        let mut quiet = Diagnostics::new();
        let mut v = Validator {
            doc: &base_doc,
            diags: &mut quiet,
            config,
            lang: &lang,
        };
        let meta = v.meta(base_raw.meta_fields(), p.entry.kind);
        let own = p.raw.meta_fields();
        let meta = self.translation_meta(meta, &own, &doc, &lang, diags);
        let translation_path = sources.path(p.entry.file).display().to_string();
        check_freshness(
            own.source_hash.as_deref(),
            &doc,
            (&translation_path, &base_path),
            sources.text(base_file),
            diags,
        );
        let validated = merged.validate(&mut v);
        translate::check_texts(&p.raw, &doc, diags);
        make_item(&p.entry, &lang, validated, meta, p.body, base_file)
    }

    /// A translation's metadata: its original's (`meta`), with the translation's own
    /// `draft`, `source_hash` and `updated` (`own`, read from `doc`).
    fn translation_meta(
        &self,
        mut meta: Meta,
        own: &MetaFields,
        doc: &Doc<'_>,
        lang: &str,
        diags: &mut Diagnostics,
    ) -> Meta {
        meta.draft = own.draft.unwrap_or(meta.draft);
        meta.source_hash.clone_from(&own.source_hash);
        if own.updated.is_some() {
            // A translation's own date of its last change (for its language's feed).
            let mut own_v = Validator {
                doc,
                diags,
                config: self.config,
                lang,
            };
            if let Some(date) = own_v.date(own.updated, &[Seg::Key("updated")]) {
                meta.updated = Some(date);
            }
        }
        meta
    }
}

/// C8: a translation whose default-language file does not exist.
fn without_original(entry: &SourceEntry) -> Diagnostic {
    Diagnostic::error(format!(
        "translation without an original: there is no content/{}/{}.md",
        entry.kind.folder(),
        entry.id
    ))
    .code("C8")
    .at(entry.file, 0..0)
    .label("translation of a missing file")
    .help(format!(
        "add the default-language file content/{}/{}.md, or rename this file",
        entry.kind.folder(),
        entry.id
    ))
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

/// The item of `entry` in `lang`, when its title and data validated.
fn make_item(
    entry: &SourceEntry,
    lang: &str,
    v: Validated,
    meta: Meta,
    body: Range<usize>,
    base_file: FileId,
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
            file: entry.file,
            offset: body.start,
            len: body.len(),
        },
        file: entry.file,
        base_file,
    })
}
