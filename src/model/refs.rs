//! `@type:id#anchor` references: parsing, resolution and anchor lookup.

use std::collections::HashMap;

use super::Site;
use crate::content::Data;
use crate::diag::did_you_mean;
use crate::kind::{ItemId, Kind};
use crate::markdown::{LinkError, Resolved};

/// A resolved reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ref<'a> {
    /// Target type.
    pub kind: Kind,
    /// Target id.
    pub id: &'a str,
    /// Anchor after `#`, if any.
    pub anchor: Option<&'a str>,
}

/// Heading ids per rendered item, keyed by type, id and language.
pub type Anchors = HashMap<ItemId, Vec<String>>;

impl Site {
    /// Parses `type:id[#anchor]` (without `@`) and checks that the item exists.
    pub fn parse_ref<'a>(&self, target: &'a str) -> Result<Ref<'a>, LinkError> {
        let (path, anchor) = match target.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (target, None),
        };
        let Some((type_name, id)) = path.split_once(':') else {
            return Err(LinkError {
                message: format!("`@{target}` is not an internal link"),
                help: Some("write `@type:id`, e.g. `@service:telefonservice` or `@checklist:it-sicherheit#pw-manager`".to_owned()),
            });
        };
        let Some(kind) = Kind::from_ref_name(type_name) else {
            let names = Kind::ALL.map(Kind::ref_name);
            if type_name == "rate_table" || type_name == "rates" {
                return Err(LinkError {
                    message: format!("unknown content type `{type_name}` in `@{target}`"),
                    help: Some(format!("rate tables are linked as `@rate:{id}`")),
                });
            }
            return Err(LinkError {
                message: format!("unknown content type `{type_name}` in `@{target}`"),
                help: Some(match did_you_mean(type_name, names) {
                    Some(s) => format!("did you mean `@{s}:{id}`?"),
                    None => format!("types: {}", names.join(", ")),
                }),
            });
        };
        self.check_id(kind, id)?;
        Ok(Ref { kind, id, anchor })
    }

    /// Checks that an item of `kind` with `id` exists; the error suggests a near id.
    pub fn check_id(&self, kind: Kind, id: &str) -> Result<(), LinkError> {
        if self.original(kind, id).is_some() || self.is_broken(kind, id) || self.is_hidden(kind, id)
        {
            return Ok(());
        }
        if id.is_empty() {
            let ids = self.ids(kind);
            return Err(LinkError {
                message: format!("the reference to a {} names no id", kind.ref_name()),
                help: Some(if ids.is_empty() {
                    format!("write the id of a file in content/{}/", kind.folder())
                } else {
                    format!(
                        "write the id after `{}:`, one of: {}",
                        kind.ref_name(),
                        ids.join(", ")
                    )
                }),
            });
        }
        if self.is_draft(kind, id) {
            return Err(LinkError {
                message: format!("{} `{id}` is a draft and not part of this build", kind.ref_name()),
                help: Some("publish it (remove `draft = true`), build with --drafts, or remove the reference".to_owned()),
            });
        }
        let ids = self.ids(kind);
        let help = match did_you_mean(id, ids.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None if ids.is_empty() => format!(
                "there are no {}s yet; create content/{}/{id}.md",
                kind.ref_name(),
                kind.folder()
            ),
            None => format!(
                "create content/{}/{id}.md, or use one of: {}",
                kind.folder(),
                ids.join(", ")
            ),
        };
        Err(LinkError {
            message: format!("unknown {} `{id}`", kind.ref_name()),
            help: Some(help),
        })
    }

    /// Resolves a reference to a URL for a reader of `lang`; `None` when the target
    /// is hidden from this build's audience (the link is then shown as plain text).
    pub fn resolve(&self, target: &str, lang: &str) -> Result<Option<String>, LinkError> {
        Ok(match self.ref_link(target, lang)? {
            Resolved::Url { url, .. } => Some(url),
            Resolved::Hidden { .. } | Resolved::Keep => None,
        })
    }

    /// Whether `anchor` exists on the page of the item as `lang` readers see it: a
    /// checklist item, a guide step or a heading of the body.
    pub fn has_anchor(
        &self,
        kind: Kind,
        id: &str,
        lang: &str,
        anchor: &str,
        anchors: &Anchors,
    ) -> bool {
        if self.is_broken(kind, id) || self.is_hidden(kind, id) {
            // The target has errors of its own, or is not rendered for this
            // audience: its anchors are unknown.
            return true;
        }
        let Some(item) = self.get(kind, id, lang) else {
            return false;
        };
        let in_data = match &item.data {
            Data::Checklist(c) => c.items.iter().any(|i| i.id == anchor),
            Data::Guide(g) => g.steps.iter().any(|s| s.id == anchor),
            Data::Briefing(b) => b.fields.iter().any(|f| f.id == anchor),
            _ => false,
        };
        in_data
            || anchors
                .get(&ItemId::new(kind, id, item.lang.as_str()))
                .is_some_and(|ids| ids.iter().any(|a| a == anchor))
    }

    /// The anchors a reader could link to on an item's page, for suggestions.
    pub fn anchor_candidates(
        &self,
        kind: Kind,
        id: &str,
        lang: &str,
        anchors: &Anchors,
    ) -> Vec<String> {
        let Some(item) = self.get(kind, id, lang) else {
            return Vec::new();
        };
        let mut out: Vec<String> = match &item.data {
            Data::Checklist(c) => c.items.iter().map(|i| i.id.clone()).collect(),
            Data::Guide(g) => g.steps.iter().map(|s| s.id.clone()).collect(),
            Data::Briefing(b) => b.fields.iter().map(|f| f.id.clone()).collect(),
            _ => Vec::new(),
        };
        if let Some(ids) = anchors.get(&ItemId::new(kind, id, item.lang.as_str())) {
            out.extend(ids.iter().cloned());
        }
        out
    }
}
