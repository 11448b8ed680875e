//! `vpagen init` and `vpagen new`: starter files embedded in the binary, written only
//! where nothing would be overwritten; and `vpagen schema --out`: generated JSON
//! Schemas, which replace older ones.
#![allow(clippy::disallowed_methods)]

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::kind::Kind;
use crate::reference::{self, Document};
use crate::util::Date;

mod translation;

pub use translation::new_translation;

/// Where `vpagen init` writes the JSON Schema of site.toml, relative to the site; the
/// starter site.toml names it in its `#:schema` line, so that editors complete and
/// check keys without a network.
pub const STARTER_SCHEMA: &str = "schema/site.schema.json";

static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/scaffold/starter");

/// Why a scaffold command failed.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    /// The target exists and would be overwritten.
    #[error("{path} already exists; vpagen never overwrites files")]
    Exists {
        /// The path.
        path: PathBuf,
    },
    /// The id is not a kebab id.
    #[error(
        "`{id}` is not a valid id: use lower-case letters, digits and single dashes, e.g. `lohnabrechnung`"
    )]
    BadId {
        /// The id.
        id: String,
    },
    /// A translation into a language the site does not have, or its default one.
    #[error("`{lang}` is not a language to translate into; the site's other languages: {known}")]
    NotALanguage {
        /// The language asked for.
        lang: String,
        /// The site's languages besides the default one.
        known: String,
    },
    /// A translation of an item that has no original file.
    #[error("{path} does not exist, so there is nothing to translate")]
    NoOriginal {
        /// The original's path.
        path: PathBuf,
    },
    /// The folder is not a site.
    #[error("{path} is not a vpagen site: it has no site.toml")]
    NoSite {
        /// The folder.
        path: PathBuf,
    },
    /// Writing failed.
    #[error("cannot write {path}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: io::Error,
    },
}

impl crate::diag::Failure for ScaffoldError {
    fn help(&self) -> Option<String> {
        matches!(self, ScaffoldError::NoSite { .. }).then(|| {
            "run `vpagen new` in the site folder, pass --root DIR, or create a site with `vpagen init DIR`".to_owned()
        })
    }
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<(), ScaffoldError> {
    let io = |source| ScaffoldError::Io {
        path: path.to_owned(),
        source,
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io)?;
    }
    // `create_new` refuses to overwrite, even if the file appeared meanwhile.
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| {
            if source.kind() == io::ErrorKind::AlreadyExists {
                ScaffoldError::Exists {
                    path: path.to_owned(),
                }
            } else {
                ScaffoldError::Io {
                    path: path.to_owned(),
                    source,
                }
            }
        })?;
    io::Write::write_all(&mut file, bytes).map_err(|source| ScaffoldError::Io {
        path: path.to_owned(),
        source,
    })
}

/// Writes the starter site into `dir`, which must be missing or empty.
pub fn init(dir: &Path) -> Result<usize, ScaffoldError> {
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map_err(|source| ScaffoldError::Io {
                path: dir.to_owned(),
                source,
            })?
            .next()
            .is_none();
        if !empty {
            return Err(ScaffoldError::Exists {
                path: dir.to_owned(),
            });
        }
    }
    let mut files = Vec::new();
    let mut stack = vec![&STARTER];
    while let Some(d) = stack.pop() {
        files.extend(d.files().map(|f| (f.path().to_owned(), f.contents())));
        stack.extend(d.dirs());
    }
    for (rel, bytes) in &files {
        write_new(&dir.join(rel), bytes)?;
    }
    write_new(&dir.join("static/.keep"), b"")?;
    let schema = reference::schema_json(Document::Site);
    write_new(&dir.join(STARTER_SCHEMA), schema.as_bytes())?;
    Ok(files.len() + 1)
}

/// Writes generated files (name, text) into `dir`, creating it and replacing files of
/// the same name; returns how many were written.
pub fn write_generated(dir: &Path, files: &[(String, String)]) -> Result<usize, ScaffoldError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| ScaffoldError::Io { path, source }
    };
    fs::create_dir_all(dir).map_err(io(dir))?;
    for (name, text) in files {
        let path = dir.join(name);
        fs::write(&path, text).map_err(io(&path))?;
    }
    Ok(files.len())
}

/// Writes `content/<type>/<id>.md` with the required keys of the type.
///
/// `today` is the `valid_from` of a new rate table.
pub fn new_item(root: &Path, kind: Kind, id: &str, today: Date) -> Result<PathBuf, ScaffoldError> {
    if !crate::util::is_kebab_id(id) {
        return Err(ScaffoldError::BadId { id: id.to_owned() });
    }
    let site_toml = root.join("site.toml");
    if !site_toml.is_file() {
        return Err(ScaffoldError::NoSite {
            path: root.to_owned(),
        });
    }
    let config = fs::read_to_string(&site_toml).unwrap_or_default();
    let first = |table: &str| first_id(&config, table).unwrap_or_else(|| "TODO".to_owned());
    let path = root
        .join("content")
        .join(kind.folder())
        .join(format!("{id}.md"));
    write_new(
        &path,
        template(kind, &first("category"), &first("role"), today).as_bytes(),
    )?;
    Ok(path)
}

/// The first `id` of an array of tables in site.toml, for sensible placeholders.
fn first_id(config: &str, table: &str) -> Option<String> {
    let value: toml::Table = toml::from_str(config).ok()?;
    value
        .get(table)?
        .as_array()?
        .first()?
        .get("id")?
        .as_str()
        .map(str::to_owned)
}

fn template(kind: Kind, category: &str, role: &str, today: Date) -> String {
    let front = match kind {
        Kind::Service => format!(
            "title = \"TODO: Neue Leistung\"\nsummary = \"Ein Satz, was die Leistung dem Kunden abnimmt.\"\ncategory = \"{category}\"\nbilling = \"hourly\"\nwork_area = \"backoffice\"\ntasks = [\"Erste Aufgabe\"]\nlanguages = [\"de\"]\npersonal_data = false\nskills = []\n"
        ),
        Kind::Skill => "title = \"TODO: Neue Kompetenz\"\nsummary = \"Was die Assistenz können muss.\"\ngroup = \"office\"\nscale = \"stufe\"\n".to_owned(),
        Kind::Checklist => "title = \"TODO: Neue Checkliste\"\nsummary = \"Wofür die Liste da ist.\"\nkind = \"onboarding\"\nreader = \"assistant\"\nversion = 1\n\n[[items]]\nid = \"erster-punkt\"\ntext = \"Erster Punkt\"\n".to_owned(),
        Kind::Rate => format!(
            "title = \"TODO: Neue Preisliste\"\nsummary = \"Für wen die Preise gelten.\"\ncurrency = \"EUR\"\nprice_basis = \"net\"\nvat_rate = \"19\"\ncustomers = \"b2b\"\nvalid_from = {today}\napplies_to = []\nbase_hourly = \"45.00\"\nbilling_increment_min = 15\n\n[[areas]]\nid = \"backoffice\"\nlabel = \"Backoffice\"\nfactor = \"1.0\"\n"
        ),
        Kind::Briefing => "title = \"TODO: Neues Briefing\"\nsummary = \"Wofür die Vorlage gedacht ist.\"\ninclude_standard = true\n".to_owned(),
        Kind::Guide => format!(
            "title = \"TODO: Neuer Einarbeitungspfad\"\nsummary = \"Für wen der Pfad ist.\"\nreader = \"assistant\"\nroles = [\"{role}\"]\n\n[[steps]]\nid = \"tag-1\"\nday = 1\ntitle = \"Erster Schritt\"\n"
        ),
        Kind::Page => "title = \"TODO: Neue Seite\"\nmenu = \"none\"\n".to_owned(),
    };
    format!("+++\n{front}+++\nTODO: Text in Markdown.\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_items_parse_as_toml() {
        for kind in Kind::ALL {
            let text = template(kind, "buero", "assistenz", Date::new(2026, 12, 1).unwrap());
            let front = text
                .trim_start_matches("+++\n")
                .split("+++\n")
                .next()
                .unwrap();
            assert!(
                toml::from_str::<toml::Table>(front).is_ok(),
                "{kind:?}: {front}"
            );
        }
    }
}
