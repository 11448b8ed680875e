//! A small site in memory for the unit tests of the checks: `site.toml` and content
//! files given as strings, loaded by the real stages (`Config::load`,
//! `content::load`, `Site::new`) and checked by [`Checker`], without the disk.
//!
//! [`site`] starts from a clean site (a service, its rate table and skill, an
//! Impressum and a privacy page); a test replaces or adds the files it is about and
//! asserts on the diagnostics of the checks.

use crate::config::Config;
use crate::content::{self, Loaded};
use crate::diag::{Diagnostic, Diagnostics, Severity, Sources};
use crate::kind::Kind;
use crate::model::{Anchors, Site};
use crate::source::SourceEntry;
use crate::util::Date;

use super::Checker;

/// The date every test site is checked on.
pub(super) const TODAY: &str = "2026-12-03";

/// `site.toml` of the test site: German only, one category, one skill scale, one
/// role, and three audiences, widest first.
const SITE_TOML: &str = r#"
title = "Testagentur"
base_url = "https://example.com"
default_lang = "de"

[languages.de]
name = "Deutsch"

[agency]
name = "Testagentur"
owner = "Vorname Nachname"
street = "Straße 1"
postcode = "12345"
city = "Stadt"
email = "kontakt@example.com"
phone = "+49 123 456789"
tax_mode = "regelbesteuert"

[[category]]
id = "buero"
title = { de = "Büro" }

[skill_scales]
stufe = ["grundlagen", "sicher", "experte"]

[[role]]
id = "assistenz"
title = { de = "Assistenz" }

[[audience]]
id = "public"
title = { de = "die Öffentlichkeit" }
default_for = ["services", "rates", "skills", "briefings", "pages", "guides", "checklists"]

[[audience]]
id = "internal"
title = { de = "die Agenturleitung" }
"#;

/// The service of the clean site (tables inline, so that keys can be appended).
pub(super) const SERVICE: &str = r#"
title = "Posteingang"
summary = "Wir sortieren Ihre E-Mails."
category = "buero"
work_area = "backoffice"
billing = "hourly"
tasks = ["E-Mails sichten"]
languages = ["de"]
personal_data = false
skills = [{ id = "organisation", level = "sicher" }]
"#;

/// The rate table of the clean site: the default of `buero` since 2025 (tables
/// inline, so that keys can be appended).
pub(super) const RATES: &str = r#"
title = "Preise"
summary = "Stundensatz für Unternehmen."
currency = "EUR"
price_basis = "net"
vat_rate = "19"
customers = "b2b"
valid_from = 2025-01-01
applies_to = ["buero"]
base_hourly = "40.00"
billing_increment_min = 15
areas = [{ id = "backoffice", label = "Backoffice", factor = "1.0" }]
"#;

/// The skill of the clean site.
pub(super) const SKILL: &str = r#"
title = "Organisation"
summary = "Termine und Fristen im Blick."
group = "office"
scale = "stufe"
"#;

/// A content file of front matter `front` and a one-line body.
pub(super) fn md(front: &str) -> String {
    format!("+++\n{}\n+++\nText.\n", front.trim())
}

/// The clean test site.
pub(super) fn site() -> TestSite {
    TestSite {
        site_toml: SITE_TOML.to_owned(),
        files: Vec::new(),
        audience: 0,
    }
    .file("services/posteingang.md", &md(SERVICE))
    .file("rates/preise.md", &md(RATES))
    .file("skills/organisation.md", &md(SKILL))
    .file(
        "pages/impressum.md",
        &md("title = \"Impressum\"\nkind = \"impressum\""),
    )
    .file(
        "pages/datenschutz.md",
        &md("title = \"Datenschutz\"\nkind = \"datenschutz\""),
    )
}

/// A site under construction.
pub(super) struct TestSite {
    site_toml: String,
    /// Path under `content/` and text, in the order the files are loaded.
    files: Vec<(String, String)>,
    /// The audience rank the site is built for (0, the widest, unless set).
    audience: usize,
}

impl TestSite {
    /// Adds the file `path` (under `content/`, e.g. `services/x.md`), or replaces it.
    pub(super) fn file(mut self, path: &str, text: &str) -> Self {
        match self.files.iter_mut().find(|(p, _)| p == path) {
            Some(file) => text.clone_into(&mut file.1),
            None => self.files.push((path.to_owned(), text.to_owned())),
        }
        self
    }

    /// Appends `toml` to `site.toml`.
    pub(super) fn config(mut self, toml: &str) -> Self {
        self.site_toml.push_str(toml);
        self
    }

    /// Builds the site for the audience of rank `rank`.
    pub(super) fn audience(mut self, rank: usize) -> Self {
        self.audience = rank;
        self
    }

    /// Loads the site and runs every check. Panics when `site.toml` or a content
    /// file has errors of its own: the tests are about the checks across files.
    pub(super) fn check(self) -> Checked {
        let mut sources = Sources::new();
        let mut diags = Diagnostics::new();
        let config_file = sources.add("site.toml", self.site_toml.clone());
        let config = Config::load(config_file, &self.site_toml, &mut diags);
        let config = config.unwrap_or_else(|| panic!("site.toml: {:#?}", messages(&diags)));
        let entries = self
            .files
            .iter()
            .map(|(path, text)| entry(path, text, &config, &mut sources))
            .collect();
        let Loaded {
            items,
            fronts,
            broken,
        } = content::load(entries, &sources, &config, &mut diags);
        assert_eq!(
            diags.count(Severity::Error),
            0,
            "the files load: {:#?}",
            messages(&diags)
        );
        let loaded = Loaded {
            items: Vec::new(),
            fronts,
            broken: broken.clone(),
        };
        let today = TODAY.parse::<Date>().expect("a date");
        let site = Site::new(config, items, broken, today, false, self.audience);
        let mut checks = Diagnostics::new();
        Checker {
            site: &site,
            loaded: &loaded,
            sources: &sources,
            anchors: &Anchors::new(),
        }
        .run(&mut checks);
        Checked {
            diags: checks.iter().cloned().collect(),
            sources,
        }
    }
}

/// The source entry of the content file `path` (`<type folder>/<id>[.<lang>].md`).
fn entry(path: &str, text: &str, config: &Config, sources: &mut Sources) -> SourceEntry {
    let (folder, name) = path.split_once('/').expect("<type>/<file>.md");
    let kind = Kind::from_folder(folder).expect("a content type folder");
    let stem = name.strip_suffix(".md").expect("a .md file");
    let (id, lang) = match stem.rsplit_once('.') {
        Some((id, lang)) if config.language(lang).is_some() => (id, Some(lang.to_owned())),
        _ => (stem, None),
    };
    SourceEntry {
        file: sources.add(format!("content/{path}"), text.to_owned()),
        kind,
        id: id.to_owned(),
        lang,
        unreadable: false,
    }
}

/// `severity[code]: message` of each diagnostic.
fn messages(diags: &Diagnostics) -> Vec<String> {
    diags.iter().map(summary).collect()
}

/// `severity[code]: message` of a diagnostic.
fn summary(d: &Diagnostic) -> String {
    format!("{:?}[{}]: {}", d.severity, d.code.unwrap_or("-"), d.message)
}

/// The diagnostics of the checks of a test site.
pub(super) struct Checked {
    /// In the order the checks reported them.
    pub(super) diags: Vec<Diagnostic>,
    sources: Sources,
}

impl Checked {
    /// `severity[code]: message` of each diagnostic, in order.
    pub(super) fn summaries(&self) -> Vec<String> {
        self.diags.iter().map(summary).collect()
    }

    /// The one diagnostic whose message contains `text`.
    pub(super) fn find(&self, text: &str) -> &Diagnostic {
        let found: Vec<&Diagnostic> = self
            .diags
            .iter()
            .filter(|d| d.message.contains(text))
            .collect();
        match found.as_slice() {
            [one] => one,
            _ => panic!(
                "not one diagnostic with {text:?} in: {:#?}",
                self.summaries()
            ),
        }
    }

    /// The text of the file and line a diagnostic points at, e.g.
    /// `content/services/x.md: level = "sichr"`.
    pub(super) fn place(&self, d: &Diagnostic) -> String {
        let location = d.location.as_ref().expect("a located diagnostic");
        let text = self.sources.text(location.file);
        let start = text[..location.span.start].rfind('\n').map_or(0, |i| i + 1);
        let line = text[start..].lines().next().unwrap_or_default();
        format!(
            "{}: {}",
            self.sources.path(location.file).display(),
            line.trim()
        )
    }
}
