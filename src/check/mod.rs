//! Checks across files (content-model §4): references, rate-table resolution, legal
//! rules, dates, orphans. Pure: reads the site graph, writes diagnostics.
//!
//! Checks that need only one file and `site.toml` run while loading
//! (`content::validate`); these need the whole site.

mod placeholders;

pub use placeholders::has_placeholder;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod testsite;

use std::collections::{HashMap, HashSet};

use crate::content::raw::{ChecklistKind, PageKind};
use crate::content::types::{Billing, RateTable, Service};
use crate::content::{Data, Item, Loaded};
use crate::diag::{Diagnostic, Diagnostics, FileId, Sources, did_you_mean};
use crate::kind::Kind;
use crate::markdown::LinkError;
use crate::model::{Anchors, NoRateTable, Site};
use crate::toml_doc::{Doc, Seg, Target};

/// Everything a check needs.
pub struct Checker<'a> {
    /// The site.
    pub site: &'a Site,
    /// Front-matter locations.
    pub loaded: &'a Loaded,
    /// Source texts.
    pub sources: &'a Sources,
    /// Heading ids of rendered bodies.
    pub anchors: &'a Anchors,
}

impl Checker<'_> {
    fn doc(&self, file: FileId) -> Doc<'_> {
        self.loaded.doc(self.sources, file)
    }

    /// Runs every check; diagnostics go to `diags`.
    pub fn run(&self, diags: &mut Diagnostics) {
        for item in self
            .site
            .items
            .iter()
            .filter(|i| i.lang == self.site.config.default_lang)
        {
            let doc = self.doc(item.base_file);
            let mut cx = ItemCheck {
                c: self,
                item,
                doc: &doc,
                diags,
            };
            match &item.data {
                Data::Service(s) => cx.service(s),
                Data::Skill(s) => {
                    for (i, t) in s.training.iter().enumerate() {
                        let path = [Seg::Key("training"), Seg::Index(i)];
                        cx.guide_ref(t, &path);
                    }
                }
                Data::Checklist(c) => {
                    cx.roles(&c.roles);
                    for (i, entry) in c.items.iter().enumerate() {
                        if let Some(link) = &entry.link {
                            cx.link(link, &[Seg::Key("items"), Seg::Index(i), Seg::Key("link")]);
                        }
                    }
                }
                Data::Rate(r) => cx.rate(r),
                Data::Briefing(b) => cx.briefing(b),
                Data::Guide(g) => {
                    cx.roles(&g.roles);
                    for (i, step) in g.steps.iter().enumerate() {
                        for (key, kind, value) in [
                            ("checklist", Kind::Checklist, &step.checklist),
                            ("page", Kind::Page, &step.page),
                            ("briefing", Kind::Briefing, &step.briefing),
                            ("skill", Kind::Skill, &step.skill),
                        ] {
                            if let Some(id) = value {
                                cx.reference(
                                    kind,
                                    id,
                                    &[Seg::Key("steps"), Seg::Index(i), Seg::Key(key)],
                                );
                            }
                        }
                    }
                }
                Data::Page(_) => {}
            }
            cx.dates();
        }
        self.site_wide(diags);
    }

    fn site_wide(&self, diags: &mut Diagnostics) {
        self.path_names(diags);
        self.unique_pages(diags);
        self.rate_defaults(diags);
        self.rate_periods(diags);
        self.orphans(diags);
        self.unique_urls(diags);
        placeholders::check(self.sources, diags);
    }

    /// The names of site.toml that become folders of the output (URL segments, role
    /// ids) must be usable as such: a `..` or `/` would leave the output folder, and a
    /// device name cannot be created on Windows.
    fn path_names(&self, diags: &mut Diagnostics) {
        let config = &self.site.config;
        let doc = Doc {
            file: config.file,
            text: self.sources.text(config.file),
            offset: 0,
        };
        for lang in &config.languages {
            let s = &lang.segments;
            for (key, segment) in [
                ("services", &s.services),
                ("skills", &s.skills),
                ("checklists", &s.checklists),
                ("rates", &s.rates),
                ("briefings", &s.briefings),
                ("guides", &s.guides),
                ("pages", &s.pages),
                ("search", &s.search),
                ("print", &s.print),
                ("role", &s.role),
                ("matrix", &s.matrix),
            ] {
                // Only items may sit at the language root.
                let may_be_empty = !matches!(key, "search" | "print" | "role" | "matrix");
                let valid = (segment.is_empty() && may_be_empty)
                    || segment.split('/').all(|part| {
                        crate::util::is_kebab_id(part) && !crate::util::is_reserved_name(part)
                    });
                if !valid {
                    let path = [
                        Seg::Key("languages"),
                        Seg::Key(&lang.code),
                        Seg::Key("segments"),
                        Seg::Key(key),
                    ];
                    diags.push(
                        doc.error_at(
                            &path,
                            format!(
                                "`{}` cannot be a URL segment",
                                crate::util::shown(segment)
                            ),
                        )
                        .label("not a folder name of the output")
                        .help(if may_be_empty {
                            "use lower-case letters, digits and single dashes (parts may be joined by `/`), not a Windows device name such as `con`; or \"\" for the language root"
                        } else {
                            "use lower-case letters, digits and single dashes (parts may be joined by `/`), not a Windows device name such as `con`"
                        }),
                    );
                }
            }
        }
        for (i, role) in config.roles.iter().enumerate() {
            if crate::util::is_reserved_name(&role.id) {
                diags.push(
                    doc.error_at(
                        &[Seg::Key("role"), Seg::Index(i), Seg::Key("id")],
                        format!("role `{}` is a device name reserved by Windows", role.id),
                    )
                    .label("the role's page would live in a folder of this name")
                    .help("choose another id; a folder of this name cannot be created on Windows"),
                );
            }
        }
    }

    /// At most one home, Impressum and privacy page per language; an Impressum exists.
    fn unique_pages(&self, diags: &mut Diagnostics) {
        for lang in &self.site.config.languages {
            for kind in [PageKind::Home, PageKind::Impressum, PageKind::Datenschutz] {
                let pages: Vec<&Item> = self
                    .site
                    .items
                    .iter()
                    .filter(|i| {
                        i.lang == lang.code && matches!(&i.data, Data::Page(p) if p.kind == kind)
                    })
                    .collect();
                for extra in pages.iter().skip(1) {
                    let doc = self.doc(extra.base_file);
                    diags.push(
                        doc.error_at(
                            &[Seg::Key("kind")],
                            format!(
                                "a second page of kind `{}` in language `{}`",
                                kind_name(kind),
                                lang.code
                            ),
                        )
                        .label("only one allowed")
                        .help(format!(
                            "{} already has this kind; change `kind` of one of them",
                            self.sources.path(pages[0].base_file).display()
                        )),
                    );
                }
            }
        }
        self.enquiry_page(diags);
        self.privacy_page(diags);
        let has_impressum = self
            .site
            .originals(Kind::Page)
            .any(|i| matches!(&i.data, Data::Page(p) if p.kind == PageKind::Impressum));
        if !has_impressum && self.site.config.agency.impressum_url.is_none() {
            let config = Doc {
                file: self.site.config.file,
                text: self.sources.text(self.site.config.file),
                offset: 0,
            };
            diags.push(config.error_at(&[Seg::Key("agency")], "the site has no Impressum")
                .label("no page of kind `impressum`, and no `impressum_url` here")
                .code("C7")
                .help("add content/pages/impressum.md with `kind = \"impressum\"` (the § 5 DDG block is generated from [agency]), or set `agency.impressum_url`"));
        }
    }

    /// C7: a privacy policy every reader sees (Art. 13 DSGVO: the site itself
    /// processes data, if only in its server logs).
    fn privacy_page(&self, diags: &mut Diagnostics) {
        let has_privacy = self.site.originals(Kind::Page).any(|i| {
            matches!(&i.data, Data::Page(p) if p.kind == PageKind::Datenschutz)
                && !self.site.is_hidden(Kind::Page, &i.id)
        });
        if has_privacy {
            return;
        }
        let config = Doc {
            file: self.site.config.file,
            text: self.sources.text(self.site.config.file),
            offset: 0,
        };
        diags.push(config.error_at(&[Seg::Key("agency")], "the site has no privacy policy (Datenschutzerklärung)")
            .label("no page of kind `datenschutz` that every reader sees")
            .code("C7")
            .help("add content/pages/datenschutz.md with `kind = \"datenschutz\"`, visible to every reader; Art. 13 DSGVO requires one on every public site (`vpagen init` writes one to start from)"));
    }

    /// C1: the page of `[enquiry] page` exists and the build's audience sees it.
    fn enquiry_page(&self, diags: &mut Diagnostics) {
        let crate::config::Enquiry::Page(id) = &self.site.config.enquiry else {
            return;
        };
        let pages: Vec<&str> = self
            .site
            .originals(Kind::Page)
            .map(|i| i.id.as_str())
            .collect();
        if pages.contains(&id.as_str()) {
            return;
        }
        let config = Doc {
            file: self.site.config.file,
            text: self.sources.text(self.site.config.file),
            offset: 0,
        };
        diags.push(
            config
                .error_at(&[Seg::Key("enquiry"), Seg::Key("page")], format!("no page `{id}` for the enquiry buttons"))
                .code("C1")
                .label("not a file content/pages/<id>.md")
                .suggest(id, pages.iter().copied())
                .help_line("name a page of content/pages/ (one every reader may see), or write `email = \"…\"` instead"),
        );
    }

    /// C2: at most one valid table is the default of a category.
    fn rate_defaults(&self, diags: &mut Diagnostics) {
        let mut seen: HashMap<&str, &Item> = HashMap::new();
        for item in self.site.originals(Kind::Rate) {
            let Data::Rate(r) = &item.data else { continue };
            if !self.valid_now(r) {
                continue;
            }
            for (i, cat) in r.applies_to.iter().enumerate() {
                if let Some(other) = seen.insert(cat, item) {
                    let doc = self.doc(item.base_file);
                    diags.push(doc.error_at(&[Seg::Key("applies_to"), Seg::Index(i)], format!("two valid rate tables are the default for category `{cat}`"))
                        .code("C2")
                        .label("also claimed by another table")
                        .help(format!("{} is the default too; remove `{cat}` from one `applies_to`, or end one table with `valid_until`", self.sources.path(other.base_file).display())));
                }
            }
        }
    }

    /// C2: within a series of rate tables (defaults for a common category, for the
    /// same customers) periods neither overlap (error) nor leave a gap (warning).
    fn rate_periods(&self, diags: &mut Diagnostics) {
        let mut tables: Vec<(&Item, &RateTable)> = self
            .site
            .originals(Kind::Rate)
            .filter_map(|i| match &i.data {
                Data::Rate(r) if !r.applies_to.is_empty() => Some((i, r)),
                _ => None,
            })
            .collect();
        tables.sort_by_key(|(i, r)| (r.valid_from, i.id.clone()));
        for (n, (item, r)) in tables.iter().enumerate() {
            let Some((prev_item, prev)) = tables[..n].iter().rev().find(|(_, p)| p.same_series(r))
            else {
                continue;
            };
            let doc = self.doc(item.base_file);
            let prev_path = self.sources.path(prev_item.base_file).display().to_string();
            match prev.valid_until {
                Some(until) if until.days_until(r.valid_from) == 1 => {}
                Some(until) if until < r.valid_from => {
                    diags.push(doc.warning_at(&[Seg::Key("valid_from")], format!("no rate table applies between {until} and {}", r.valid_from))
                        .code("C2")
                        .label("a gap after the table before")
                        .help(format!("{prev_path} ends on {until}; let this table start the day after, or end that one the day before this starts")));
                }
                _ => {
                    let end = prev
                        .valid_until
                        .map_or_else(|| "open-ended".to_owned(), |u| format!("until {u}"));
                    diags.push(
                        doc.error_at(
                            &[Seg::Key("valid_from")],
                            format!(
                                "this rate table overlaps `{}` (valid from {}, {end})",
                                prev_item.id, prev.valid_from
                            ),
                        )
                        .code("C2")
                        .label("two tables would price the same services on the same days")
                        .help(format!(
                            "end {prev_path} with `valid_until` on the day before {}",
                            r.valid_from
                        )),
                    );
                }
            }
        }
    }

    /// C11: skills and checklists nobody uses.
    fn orphans(&self, diags: &mut Diagnostics) {
        let mut used: HashSet<(Kind, &str)> = HashSet::new();
        for item in self.site.originals(Kind::Service) {
            if let Data::Service(s) = &item.data {
                used.extend(s.skills.iter().map(|r| (Kind::Skill, r.id.as_str())));
                used.extend(s.equipment.iter().map(|c| (Kind::Checklist, c.as_str())));
                // A service with personal data links the AV checklist on its page.
                if s.personal_data
                    && let Some(avv) = self.site.avv_checklist()
                {
                    used.insert((Kind::Checklist, avv.id.as_str()));
                }
            }
        }
        for item in self.site.originals(Kind::Guide) {
            if let Data::Guide(g) = &item.data {
                used.extend(
                    g.steps
                        .iter()
                        .filter_map(|s| s.checklist.as_deref())
                        .map(|c| (Kind::Checklist, c)),
                );
                used.extend(
                    g.steps
                        .iter()
                        .filter_map(|s| s.skill.as_deref())
                        .map(|c| (Kind::Skill, c)),
                );
            }
        }
        for kind in [Kind::Skill, Kind::Checklist] {
            for item in self.site.originals(kind) {
                if !used.contains(&(kind, item.id.as_str())) {
                    let by = if kind == Kind::Skill {
                        "no service requires it"
                    } else {
                        "no service or guide uses it"
                    };
                    diags.push(
                        Diagnostic::info(format!(
                            "{} `{}` is not used: {by}",
                            kind.ref_name(),
                            item.id
                        ))
                        .code("C11")
                        .at(item.base_file, 0..0)
                        .help("link it from a service or guide step, or remove it"),
                    );
                }
            }
        }
    }

    /// Two items must not end up at the same URL.
    /// Where to point for an item's URL: its `slug` if it sets one, else its file.
    fn url_span(&self, item: &Item) -> std::ops::Range<usize> {
        let doc = self.doc(item.file);
        if doc.has(&[Seg::Key("slug")]) {
            doc.span(&[Seg::Key("slug")], Target::Value)
        } else {
            0..0
        }
    }

    fn unique_urls(&self, diags: &mut Diagnostics) {
        let mut seen: HashMap<String, &Item> = HashMap::new();
        for item in &self.site.items {
            let url = self.site.url(item);
            if let Some(other) = seen.insert(url.clone(), item) {
                // Two home pages share the language's root; `unique_pages` reports
                // that at their `kind`, which is what to change.
                let home = |i: &Item| matches!(&i.data, Data::Page(p) if p.kind == PageKind::Home);
                if home(item) && home(other) {
                    continue;
                }
                diags.push(
                    Diagnostic::error(format!("two items are published at {url}"))
                        .at(item.file, self.url_span(item))
                        .help(format!(
                            "{} has the same URL; change `slug` or the file name of one of them",
                            self.sources.path(other.file).display()
                        )),
                );
            }
        }
        let lists: Vec<String> = self
            .site
            .config
            .languages
            .iter()
            .flat_map(|l| {
                Kind::ALL
                    .iter()
                    .filter_map(|k| self.site.list_url(*k, &l.code))
            })
            .collect();
        for item in &self.site.items {
            let url = self.site.url(item);
            if lists.contains(&url) {
                diags.push(
                    Diagnostic::error(format!(
                        "{url} is both a list page and the page of this item"
                    ))
                    .at(item.file, self.url_span(item))
                    .help("rename the file or set `slug`, or change the URL segments in site.toml"),
                );
            }
        }
    }

    /// Whether a rate table is valid on the build date.
    fn valid_now(&self, r: &RateTable) -> bool {
        r.valid_on(self.site.build_date)
    }

    /// The rate table that applies to a service (C2), or why none does.
    fn rate_table_for(&self, s: &Service) -> Result<&Item, String> {
        self.site.rate_table_for(s).map_err(|why| match why {
            NoRateTable::Unknown(id) => format!("unknown rate table `{id}`"),
            NoRateTable::NoneValid => format!(
                "no rate table valid on {} applies to category `{}`",
                self.site.build_date, s.category
            ),
            NoRateTable::Several => {
                format!("several rate tables apply to category `{}`", s.category)
            }
        })
    }
}

fn kind_name(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Home => "home",
        PageKind::Impressum => "impressum",
        PageKind::Datenschutz => "datenschutz",
        _ => "generic",
    }
}

/// Checks of one item.
struct ItemCheck<'a, 'b> {
    c: &'a Checker<'a>,
    item: &'a Item,
    doc: &'a Doc<'a>,
    diags: &'b mut Diagnostics,
}

impl ItemCheck<'_, '_> {
    fn push_ref_error(&mut self, path: &[Seg<'_>], e: LinkError) {
        let d = self
            .doc
            .error_at(path, e.message)
            .code("C1")
            .label("cannot be resolved")
            .maybe_help(e.help);
        self.diags.push(d);
    }

    /// C1: a reference to an item of a known type.
    fn reference(&mut self, kind: Kind, id: &str, path: &[Seg<'_>]) -> bool {
        match self.c.site.check_id(kind, id) {
            Ok(()) => {
                if let Some(audience) = self.c.site.audience_of_hidden(kind, id) {
                    // A list entry reads well as its title: a note, not a warning.
                    let d = Diagnostic::info(format!(
                        "{} `{id}` is only for the audience `{audience}`",
                        kind.ref_name()
                    ))
                    .at(self.doc.file, self.doc.span(path, Target::Value))
                    .label("shown as its title, without a link, in this build")
                    .help("fine for a list entry; remove it if readers of this build should not learn of it");
                    self.diags.push(d);
                }
                true
            }
            Err(e) => {
                self.push_ref_error(path, e);
                false
            }
        }
    }

    /// C1: an `@type:id#anchor` link in front matter.
    fn link(&mut self, link: &str, path: &[Seg<'_>]) {
        let Some(target) = link.strip_prefix('@') else {
            if !(link.starts_with("https://")
                || link.starts_with("http://")
                || link.starts_with("mailto:"))
            {
                let d = self.doc.error_at(path, format!("`{link}` is neither an internal link nor a web address"))
                    .code("C1").help("write `@type:id`, e.g. \"@skill:datenschutz-grundlagen\", or a full https:// address");
                self.diags.push(d);
            }
            return;
        };
        match self.c.site.parse_ref(target) {
            Ok(r) => {
                if let Some(anchor) = r.anchor {
                    self.anchor(r.kind, r.id, anchor, path);
                }
                if let Some(audience) = self.c.site.audience_of_hidden(r.kind, r.id) {
                    let d = self
                        .doc
                        .warning_at(
                            path,
                            format!("`{link}` is only for the audience `{audience}`"),
                        )
                        .label("the \"more\" link is left out in this build")
                        .help("remove the link, or make the target visible to this audience");
                    self.diags.push(d);
                }
            }
            Err(e) => self.push_ref_error(path, e),
        }
    }

    fn anchor(&mut self, kind: Kind, id: &str, anchor: &str, path: &[Seg<'_>]) {
        let lang = &self.item.lang;
        if self
            .c
            .site
            .has_anchor(kind, id, lang, anchor, self.c.anchors)
        {
            return;
        }
        let candidates = self
            .c
            .site
            .anchor_candidates(kind, id, lang, self.c.anchors);
        let help = match did_you_mean(anchor, candidates.iter().map(String::as_str)) {
            Some(s) => format!("did you mean `#{s}`?"),
            None if candidates.is_empty() => format!(
                "{} `{id}` has no anchors; link without `#…`",
                kind.ref_name()
            ),
            None => format!("anchors there: {}", candidates.join(", ")),
        };
        let d = self
            .doc
            .error_at(
                path,
                format!("`#{anchor}` does not exist on {} `{id}`", kind.ref_name()),
            )
            .code("C1")
            .label("unknown anchor")
            .help(help);
        self.diags.push(d);
    }

    /// `guide` or `guide#step`.
    fn guide_ref(&mut self, target: &str, path: &[Seg<'_>]) {
        let (id, step) = target
            .split_once('#')
            .map_or((target, None), |(g, s)| (g, Some(s)));
        if self.reference(Kind::Guide, id, path)
            && let Some(step) = step
        {
            self.anchor(Kind::Guide, id, step, path);
        }
    }

    fn roles(&mut self, roles: &[String]) {
        let config = &self.c.site.config;
        for (i, role) in roles.iter().enumerate() {
            if config.role(role).is_none() {
                let ids: Vec<&str> = config.roles.iter().map(|r| r.id.as_str()).collect();
                let d = self
                    .doc
                    .error_at(
                        &[Seg::Key("roles"), Seg::Index(i)],
                        format!("unknown role `{role}`"),
                    )
                    .code("C1")
                    .label("not a [[role]] of site.toml")
                    .suggest(role, ids.iter().copied())
                    .help_line(format!("roles in site.toml: {}", ids.join(", ")));
                self.diags.push(d);
            }
        }
    }

    fn service(&mut self, s: &Service) {
        self.service_rate_table(s);
        self.service_skills(s);
        self.service_equipment(s);
        self.service_related(s);
        self.service_briefings(s);
        self.service_legal(s);
    }

    /// C2: one rate table, and what the service names exists in it.
    fn service_rate_table(&mut self, s: &Service) {
        let site = self.c.site;
        let rate_path: Vec<Seg<'_>> = if s.rate_table.is_some() {
            vec![Seg::Key("rate_table")]
        } else {
            vec![Seg::Key("category")]
        };
        match self.c.rate_table_for(s) {
            Ok(table_item) => self.service_rates(s, table_item),
            Err(_) if site.has_broken(Kind::Rate) => {
                // A rate table with errors of its own may be the one that applies.
            }
            Err(message) => {
                let several = message.starts_with("several");
                let help = if several {
                    Some(format!(
                        "only one valid table may list \"{}\" in `applies_to`; remove it from the others or end them with `valid_until`",
                        s.category
                    ))
                } else if s.rate_table.is_some() {
                    site.check_id(Kind::Rate, s.rate_table.as_deref().unwrap_or(""))
                        .err()
                        .and_then(|e| e.help)
                } else {
                    Some(format!(
                        "add \"{}\" to `applies_to` of a valid rate table, or name one with `rate_table = \"…\"`",
                        s.category
                    ))
                };
                let d = self
                    .doc
                    .error_at(&rate_path, message)
                    .code("C2")
                    .label("no price for this service")
                    .maybe_help(help);
                self.diags.push(d);
            }
        }
    }

    /// C1 + C3: skills exist and levels belong to their scales.
    fn service_skills(&mut self, s: &Service) {
        let site = self.c.site;
        for (i, req) in s.skills.iter().enumerate() {
            let path = [Seg::Key("skills"), Seg::Index(i), Seg::Key("id")];
            if !self.reference(Kind::Skill, &req.id, &path) {
                continue;
            }
            let Some(Data::Skill(skill)) = site.original(Kind::Skill, &req.id).map(|i| &i.data)
            else {
                continue;
            };
            let levels = site
                .config
                .skill_scales
                .get(&skill.scale)
                .cloned()
                .unwrap_or_default();
            if !levels.contains(&req.level) {
                let d = self
                    .doc
                    .error_at(
                        &[Seg::Key("skills"), Seg::Index(i), Seg::Key("level")],
                        format!(
                            "`{}` is not a level of the scale `{}` of skill `{}`",
                            req.level, skill.scale, req.id
                        ),
                    )
                    .code("C3")
                    .label("unknown level")
                    .suggest(&req.level, levels.iter().map(String::as_str))
                    .help_line(format!(
                        "levels of `{}`: {}",
                        skill.scale,
                        levels.join(", ")
                    ));
                self.diags.push(d);
            }
        }
    }

    /// C1: `equipment` names equipment or security checklists.
    fn service_equipment(&mut self, s: &Service) {
        let site = self.c.site;
        for (i, id) in s.equipment.iter().enumerate() {
            let path = [Seg::Key("equipment"), Seg::Index(i)];
            if self.reference(Kind::Checklist, id, &path)
                && let Some(Data::Checklist(c)) =
                    site.original(Kind::Checklist, id).map(|i| &i.data)
                && !matches!(c.kind, ChecklistKind::Equipment | ChecklistKind::Security)
            {
                let d = self.doc.error_at(&path, format!("checklist `{id}` is not an equipment or security checklist"))
                    .code("C1").label("wrong kind of checklist")
                    .help("`equipment` lists checklists with `kind = \"equipment\"` or `\"security\"`; link others from the body");
                self.diags.push(d);
            }
        }
    }

    /// C1: `related` names other services.
    fn service_related(&mut self, s: &Service) {
        for (i, id) in s.related.iter().enumerate() {
            let path = [Seg::Key("related"), Seg::Index(i)];
            if *id == self.item.id {
                let d = self
                    .doc
                    .error_at(&path, "a service cannot be related to itself")
                    .code("C1")
                    .help("remove this entry");
                self.diags.push(d);
            } else {
                self.reference(Kind::Service, id, &path);
            }
        }
    }

    /// C1, C4: `briefings` exist, ask about personal data when the service processes
    /// it, and list the service back.
    fn service_briefings(&mut self, s: &Service) {
        let site = self.c.site;
        for (i, id) in s.briefings.iter().enumerate() {
            let path = [Seg::Key("briefings"), Seg::Index(i)];
            if !self.reference(Kind::Briefing, id, &path) {
                continue;
            }
            let Some(Data::Briefing(b)) = site.original(Kind::Briefing, id).map(|i| &i.data) else {
                continue;
            };
            if s.personal_data && !b.fields.iter().any(|f| f.id == "personenbezogene-daten") {
                let d = self.doc.error_at(&path, format!("briefing `{id}` has no field `personenbezogene-daten`, but this service processes personal data"))
                    .code("C4").label("briefing lacks the personal-data question")
                    .help(format!("add a checkbox field with id \"personenbezogene-daten\" to content/briefings/{id}.md, or set `include_standard = true` there"));
                self.diags.push(d);
            }
            if !b.for_services.is_empty() && !b.for_services.contains(&self.item.id) {
                let d = self
                    .doc
                    .warning_at(
                        &path,
                        format!("briefing `{id}` does not list this service in `for_services`"),
                    )
                    .label("one-sided link")
                    .help(format!(
                        "add \"{}\" to `for_services` in content/briefings/{id}.md",
                        self.item.id
                    ));
                self.diags.push(d);
            }
        }
    }

    /// C4: a service with personal data needs the site's AVV checklist; C13: a
    /// category may require a `scope_note`.
    fn service_legal(&mut self, s: &Service) {
        let site = self.c.site;
        if s.personal_data && site.avv_checklist().is_none() {
            let d = self.doc.warning_at(&[Seg::Key("personal_data")], "this service processes personal data but the site has no AVV checklist")
                .code("C4").label("needs an AV-Vertrag (Art. 28 DSGVO)")
                .help("add a checklist with `kind = \"legal\"` listing the contents of the AV-Vertrag");
            self.diags.push(d);
        }
        if s.scope_note.is_none()
            && site
                .config
                .category(&s.category)
                .is_some_and(|c| c.requires_scope_note)
        {
            let d = self.doc.warning_at(&[Seg::Key("category")], format!("a service of category `{}` without `scope_note`", s.category))
                .code("C13").label("site.toml: `requires_scope_note = true`")
                .help("add `scope_note = \"…\"` saying what is not done, e.g. for bookkeeping (§ 6 StBerG): no assignment of accounts, no tax advice");
            self.diags.push(d);
        }
    }

    /// C2 details and C10: work area, unit and rush surcharge exist in the table.
    fn service_rates(&mut self, s: &Service, table_item: &Item) {
        let Data::Rate(table) = &table_item.data else {
            return;
        };
        if !self.c.valid_now(table) {
            let d = self.doc.error_at(&[Seg::Key("rate_table")], format!("rate table `{}` is not valid on {}", table_item.id, self.c.site.build_date))
                .code("C2").label("expired or not yet valid")
                .help("name a table that is valid today, or adjust `valid_from`/`valid_until` of the table");
            self.diags.push(d);
        }
        let table_name = &table_item.id;
        // What the service names but the table lacks, reported after the rest.
        let mut missing: Vec<Diagnostic> = Vec::new();
        match &s.billing {
            Billing::Hourly { work_area } => {
                let areas: Vec<&str> = table.areas.iter().map(|a| a.id.as_str()).collect();
                missing.extend(not_in_table(
                    self.doc,
                    table_name,
                    ("work_area", work_area),
                    &areas,
                    "area",
                ));
                self.hourly_rates(s, work_area, table, table_name);
            }
            Billing::Unit { unit } => {
                let units: Vec<&str> = table.units.iter().map(|u| u.id.as_str()).collect();
                missing.extend(not_in_table(
                    self.doc,
                    table_name,
                    ("unit", unit),
                    &units,
                    "unit",
                ));
            }
            Billing::Flat { .. } => {}
        }
        if let Some(rush) = &s.rush_surcharge {
            let surcharges: Vec<&str> = table.surcharges.iter().map(|x| x.id.as_str()).collect();
            missing.extend(not_in_table(
                self.doc,
                table_name,
                ("rush_surcharge", rush),
                &surcharges,
                "surcharge",
            ));
        }
        for d in missing {
            self.diags.push(d);
        }
    }

    /// C2: hourly billing needs the table's `base_hourly`; C10: the service does not
    /// turn off the approval its work area requires.
    fn hourly_rates(&mut self, s: &Service, work_area: &str, table: &RateTable, table_name: &str) {
        if table.base_hourly.is_none() {
            let d = self
                .doc
                .error_at(
                    &[Seg::Key("billing")],
                    format!("hourly billing, but rate table `{table_name}` has no `base_hourly`"),
                )
                .code("C2")
                .help(format!(
                    "add `base_hourly = \"45.00\"` to content/rates/{table_name}.md"
                ));
            self.diags.push(d);
        }
        if let Some(area) = table.areas.iter().find(|a| a.id == work_area)
            && area.approval_required
            && s.approval_required == Some(false)
        {
            let d = self.doc.warning_at(&[Seg::Key("approval_required")], format!("area `{work_area}` requires approval, but this service turns it off"))
                .code("C10").label("contradicts the rate table")
                .help("remove `approval_required`; the page then shows \"nur nach Freigabe\" automatically");
            self.diags.push(d);
        }
    }

    fn rate(&mut self, r: &RateTable) {
        for (i, cat) in r.applies_to.iter().enumerate() {
            if self.c.site.config.category(cat).is_none() {
                let ids: Vec<&str> = self
                    .c
                    .site
                    .config
                    .categories
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect();
                let d = self
                    .doc
                    .error_at(
                        &[Seg::Key("applies_to"), Seg::Index(i)],
                        format!("unknown category `{cat}`"),
                    )
                    .code("C1")
                    .label("not a [[category]] of site.toml")
                    .suggest(cat, ids.iter().copied())
                    .help_line(format!("categories: {}", ids.join(", ")));
                self.diags.push(d);
            }
        }
    }

    fn briefing(&mut self, b: &crate::content::types::Briefing) {
        let site = self.c.site;
        for (i, id) in b.for_services.iter().enumerate() {
            let path = [Seg::Key("for_services"), Seg::Index(i)];
            if !self.reference(Kind::Service, id, &path) {
                continue;
            }
            if let Some(Data::Service(s)) = site.original(Kind::Service, id).map(|i| &i.data)
                && !s.briefings.contains(&self.item.id)
            {
                let d = self
                    .doc
                    .warning_at(
                        &path,
                        format!("service `{id}` does not list this briefing in `briefings`"),
                    )
                    .label("one-sided link")
                    .help(format!(
                        "add \"{}\" to `briefings` in content/services/{id}.md",
                        self.item.id
                    ));
                self.diags.push(d);
            }
        }
        if let Some(area) = &b.default_area {
            let known: Vec<&str> = site
                .originals(Kind::Rate)
                .filter_map(|i| {
                    if let Data::Rate(r) = &i.data {
                        Some(r)
                    } else {
                        None
                    }
                })
                .flat_map(|r| r.areas.iter().map(|a| a.id.as_str()))
                .collect();
            if !known.contains(&area.as_str()) {
                let d = self
                    .doc
                    .error_at(
                        &[Seg::Key("default_area")],
                        format!("unknown work area `{area}`"),
                    )
                    .code("C1")
                    .label("no rate table defines it")
                    .suggest(area, known.iter().copied());
                self.diags.push(d);
            }
        }
    }

    /// C9: review and validity dates in the past.
    fn dates(&mut self) {
        let today = self.c.site.build_date;
        if let Some(review_by) = self.item.meta.review_by
            && review_by < today
        {
            let d = self
                .doc
                .warning_at(
                    &[Seg::Key("review_by")],
                    format!("review was due on {review_by}"),
                )
                .code("C9")
                .label("in the past")
                .help("check the content, then move `review_by` to the next review date");
            self.diags.push(d);
        }
        if let Data::Rate(r) = &self.item.data
            && let Some(until) = r.valid_until
            && until < today
            && self.c.site.successor(self.item).is_none()
        {
            let d = self.doc.warning_at(&[Seg::Key("valid_until")], format!("this rate table expired on {until}"))
                .code("C9").label("in the past")
                .help("the page shows \"nicht mehr gültig\"; publish a table that follows it (same `applies_to` and `customers`) or remove this one");
            self.diags.push(d);
        }
    }
}

/// C2: the `id` a service gives at `key` is not among the `ids` of the `what`s
/// (areas, units, surcharges) of rate table `table_name`.
fn not_in_table(
    doc: &Doc<'_>,
    table_name: &str,
    (key, id): (&str, &str),
    ids: &[&str],
    what: &str,
) -> Option<Diagnostic> {
    if ids.contains(&id) {
        return None;
    }
    let d = doc
        .error_at(
            &[Seg::Key(key)],
            format!("{what} `{id}` does not exist in rate table `{table_name}`"),
        )
        .code("C2")
        .label(format!(
            "not {} {what} of the table",
            if what.starts_with('a') { "an" } else { "a" }
        ))
        .suggest(id, ids.iter().copied())
        .help_line(if ids.is_empty() {
            format!("rate table `{table_name}` defines no {what}s")
        } else {
            format!("{what}s of `{table_name}`: {}", ids.join(", "))
        });
    Some(d)
}

/// Reports a broken anchor of a Markdown link (C1), once every body is rendered.
pub fn check_body_anchors(
    site: &Site,
    anchors: &Anchors,
    item: &Item,
    links: &[crate::markdown::AnchorRef],
    diags: &mut Diagnostics,
) {
    for link in links {
        let Ok(r) = site.parse_ref(&link.target) else {
            continue;
        };
        let Some(anchor) = r.anchor else { continue };
        if site.has_anchor(r.kind, r.id, &item.lang, anchor, anchors) {
            continue;
        }
        let candidates = site.anchor_candidates(r.kind, r.id, &item.lang, anchors);
        let span = item.body.offset + link.range.start..item.body.offset + link.range.end;
        diags.push(
            Diagnostic::error(format!(
                "`#{anchor}` does not exist on {} `{}`",
                r.kind.ref_name(),
                r.id
            ))
            .code("C1")
            .at(item.body.file, span)
            .label("unknown anchor")
            .help(
                match did_you_mean(anchor, candidates.iter().map(String::as_str)) {
                    Some(s) => format!("did you mean `#{s}`?"),
                    None if candidates.is_empty() => {
                        "link without `#…`; that page has no anchors".to_owned()
                    }
                    None => format!("anchors there: {}", candidates.join(", ")),
                },
            ),
        );
    }
}
