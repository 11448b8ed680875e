//! URLs of the pages that are not items, from the segments of `site.toml`
//! (`[languages.<code>.segments]`): the search page, a guide's print bundle, the
//! roles' onboarding pages and the skill matrix.

use crate::content::Item;
use crate::kind::Kind;

use super::Site;

impl Site {
    /// The search page of a language (`/suche/`, `/en/search/`).
    pub fn search_url(&self, lang: &str) -> String {
        let segment = self
            .config
            .language(lang)
            .map_or("search", |l| &l.segments.search);
        format!("{}/{segment}/", self.lang_prefix(lang))
    }

    /// A guide's print bundle (`/einarbeitung/<id>/druck/`).
    pub fn print_url(&self, guide: &Item) -> String {
        let segment = self
            .config
            .language(&guide.lang)
            .map_or("print", |l| &l.segments.print);
        format!("{}{segment}/", self.url(guide))
    }

    /// A role's onboarding page (`/einarbeitung/rolle/<id>/`), if the site has guides.
    pub fn role_url(&self, role: &str, lang: &str) -> Option<String> {
        self.originals(Kind::Guide).next()?;
        let segment = self
            .config
            .language(lang)
            .map_or("role", |l| &l.segments.role);
        self.list_url(Kind::Guide, lang)
            .map(|u| format!("{u}{segment}/{role}/"))
    }

    /// The skill matrix of a language (`/kompetenzen/matrix/`), if the site has skills.
    pub fn matrix_url(&self, lang: &str) -> Option<String> {
        self.originals(Kind::Skill).next()?;
        let segment = self
            .config
            .language(lang)
            .map_or("matrix", |l| &l.segments.matrix);
        self.list_url(Kind::Skill, lang)
            .map(|u| format!("{u}{segment}/"))
    }
}
