//! One content file → validated items, one per language.
//!
//! The type of a file comes from its folder (`content/services/` …), its id from the
//! file stem, its language from an optional suffix (`telefonservice.en.md`). A
//! default-language file is validated on its own; a translation may set only the
//! translatable keys and is laid over its default-language file, so prices, refs and
//! dates can never drift between languages. This module is pure: the caller reads the
//! files (see `crate::source`).

mod load;
pub mod raw;
mod split;
pub(crate) mod standard;
pub(crate) mod translate;
pub mod types;
mod validate;
pub mod values;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

pub use load::load;
pub use split::{Split, split};
pub use types::{Data, Meta};
pub use validate::STANDARD_FIELD_IDS;

use crate::diag::{Diagnostic, FileId, Sources};
use crate::kind::{ItemId, Kind};
use crate::toml_doc::Doc;
use validate::{MetaFields, Validated, Validator};

/// The Markdown body of an item: its place in its file, whose text the site's
/// [`Sources`] hold (once: a body is not copied).
#[derive(Debug, Clone)]
pub struct Body {
    /// The file it comes from.
    pub file: FileId,
    /// Offset of the body in that file.
    pub offset: usize,
    /// Length of the body in bytes.
    pub len: usize,
}

impl Body {
    /// The Markdown text, from the file's text in `sources`.
    pub fn text<'a>(&self, sources: &'a Sources) -> &'a str {
        sources
            .text(self.file)
            .get(self.offset..self.offset + self.len)
            .unwrap_or_default()
    }
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

/// The hash a translation records of its original: FNV-1a of the text with Windows
/// line ends read as Unix ones, as 8 hex digits.
pub fn source_hash(original: &str) -> String {
    let text = original.replace("\r\n", "\n");
    format!("{:08x}", crate::util::fnv1a(text.as_bytes()) >> 32)
}
