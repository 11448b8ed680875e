//! `vpagen reference` and `vpagen schema`: the reference of every key of `site.toml`
//! and of each content type's front matter, as Markdown and as JSON Schemas, generated
//! from the types that read them.
//!
//! One source per fact:
//! - the serde mirrors (`config::raw`, `content::raw`) give the keys, their TOML types
//!   and allowed values, and with their `///` comments the descriptions (through
//!   `schemars`);
//! - [`facts`] gives what the types cannot say: required or not, default, checks,
//!   example;
//! - `content::translate` says which keys a translation may set, and
//!   `content::standard` which briefing field ids are taken.
//!
//! The JSON Schemas are the schemars schemas with the facts laid over them; the
//! Markdown is rendered from rows that join both. Pure: the caller writes the output.

pub(crate) mod facts;
pub(crate) mod form;
mod markdown;
mod model;
mod schema;
#[cfg(test)]
mod tests;

use crate::kind::Kind;

pub use markdown::markdown;
pub use schema::{schema, schema_json, toml_to_json};

/// A document vpagen reads: `site.toml` or the front matter of a content type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// `site.toml`.
    Site,
    /// The front matter of `content/<folder>/*.md`.
    Content(Kind),
}

impl Document {
    /// Every document, `site.toml` first, then the types in catalogue order.
    pub fn all() -> impl Iterator<Item = Document> {
        std::iter::once(Document::Site).chain(Kind::ALL.map(Document::Content))
    }

    /// `site` or the type's folder name, as on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Document::Site => "site",
            Document::Content(kind) => kind.folder(),
        }
    }

    /// The file name of the document's JSON Schema: `site.schema.json`,
    /// `services.schema.json` …
    pub fn schema_file(self) -> String {
        format!("{}.schema.json", self.name())
    }

    /// Where the document lives in a site.
    fn location(self) -> String {
        match self {
            Document::Site => "site.toml".to_owned(),
            Document::Content(kind) => format!("content/{}/*.md", kind.folder()),
        }
    }
}
