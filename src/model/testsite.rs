//! A small site in memory for unit tests of the checks and the views: `site.toml`
//! and content files given as strings, loaded by the real stages (`Config::load`,
//! `content::load`, `Site::new`) without the disk.
//!
//! [`site`] starts from a clean site (a service, its rate table and skill, an
//! Impressum and a privacy page); a test replaces or adds the files it is about.

use super::Site;
use crate::config::Config;
use crate::content;
use crate::diag::{Diagnostic, Diagnostics, Severity, Sources};
use crate::kind::Kind;
use crate::source::SourceEntry;
use crate::util::Date;

/// The date every test site is checked on.
pub(crate) const TODAY: &str = "2026-12-03";

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
pub(crate) const SERVICE: &str = r#"
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
pub(crate) const RATES: &str = r#"
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
pub(crate) const SKILL: &str = r#"
title = "Organisation"
summary = "Termine und Fristen im Blick."
group = "office"
scale = "stufe"
"#;

/// A content file of front matter `front` and a one-line body.
pub(crate) fn md(front: &str) -> String {
    format!("+++\n{}\n+++\nText.\n", front.trim())
}

/// The clean test site.
pub(crate) fn site() -> TestSite {
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
pub(crate) struct TestSite {
    site_toml: String,
    /// Path under `content/` and text, in the order the files are loaded.
    files: Vec<(String, String)>,
    /// The audience rank the site is built for (0, the widest, unless set).
    audience: usize,
}

impl TestSite {
    /// Adds the file `path` (under `content/`, e.g. `services/x.md`), or replaces it.
    pub(crate) fn file(mut self, path: &str, text: &str) -> Self {
        match self.files.iter_mut().find(|(p, _)| p == path) {
            Some(file) => text.clone_into(&mut file.1),
            None => self.files.push((path.to_owned(), text.to_owned())),
        }
        self
    }

    /// Appends `toml` to `site.toml`.
    pub(crate) fn config(mut self, toml: &str) -> Self {
        self.site_toml.push_str(toml);
        self
    }

    /// Builds the site for the audience of rank `rank`.
    pub(crate) fn audience(mut self, rank: usize) -> Self {
        self.audience = rank;
        self
    }

    /// Loads the site as the build does. Panics when `site.toml` or a content file
    /// has errors of its own: the tests are about what comes after loading.
    pub(crate) fn load(self) -> LoadedSite {
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
        let content::Loaded {
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
        let loaded = content::Loaded {
            items: Vec::new(),
            fronts,
            broken: broken.clone(),
        };
        let today = TODAY.parse::<Date>().expect("a date");
        let site = Site::new(config, items, broken, today, false, self.audience);
        LoadedSite {
            site,
            loaded,
            sources,
        }
    }
}

/// A test site as loaded: the graph, the front-matter ranges, the files.
pub(crate) struct LoadedSite {
    /// The site graph.
    pub(crate) site: Site,
    /// Front-matter ranges and broken items.
    pub(crate) loaded: content::Loaded,
    /// The files.
    pub(crate) sources: Sources,
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
