//! The seven content types, and the typed id of an item (type, id, language).
//!
//! A leaf: every layer names types and items, so this module uses nothing of the crate.

/// The seven content types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// `content/services/`.
    Service,
    /// `content/skills/`.
    Skill,
    /// `content/checklists/`.
    Checklist,
    /// `content/rates/`.
    Rate,
    /// `content/briefings/`.
    Briefing,
    /// `content/guides/`.
    Guide,
    /// `content/pages/`.
    Page,
}

impl Kind {
    /// All types in catalogue order.
    pub const ALL: [Kind; 7] = [
        Kind::Service,
        Kind::Skill,
        Kind::Checklist,
        Kind::Rate,
        Kind::Briefing,
        Kind::Guide,
        Kind::Page,
    ];

    /// Folder under `content/`.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Service => "services",
            Kind::Skill => "skills",
            Kind::Checklist => "checklists",
            Kind::Rate => "rates",
            Kind::Briefing => "briefings",
            Kind::Guide => "guides",
            Kind::Page => "pages",
        }
    }

    /// Name in `@type:id` links and in `type = "…"`.
    pub fn ref_name(self) -> &'static str {
        match self {
            Kind::Service => "service",
            Kind::Skill => "skill",
            Kind::Checklist => "checklist",
            Kind::Rate => "rate",
            Kind::Briefing => "briefing",
            Kind::Guide => "guide",
            Kind::Page => "page",
        }
    }

    /// The type for a link or `vpagen new` name.
    pub fn from_ref_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.ref_name() == name)
    }

    /// The type for a folder name.
    pub fn from_folder(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == name)
    }
}

/// One language version of an item: its type, id and language code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemId {
    /// The type.
    pub kind: Kind,
    /// The id (file stem without language suffix).
    pub id: String,
    /// The language code.
    pub lang: String,
}

impl ItemId {
    /// The id of `id` in `lang`.
    pub fn new(kind: Kind, id: impl Into<String>, lang: impl Into<String>) -> ItemId {
        ItemId {
            kind,
            id: id.into(),
            lang: lang.into(),
        }
    }
}
