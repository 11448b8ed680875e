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

#[cfg(test)]
mod tests {
    use crate::kind::Kind;
    use crate::model::testsite::{md, site};

    const GUIDE: &str = r#"
title = "Einarbeitung"
summary = "Die ersten Tage."
reader = "assistant"
roles = ["assistenz"]
steps = [{ id = "start", day = 1, title = "Start" }]
"#;

    #[test]
    fn pages_beyond_items_take_their_segments_from_site_toml() {
        let t = site()
            .file("guides/start.md", &md(GUIDE))
            .config(
                "\n[languages.de.segments]\nguides = \"einarbeitung\"\nskills = \"kompetenzen\"\nsearch = \"suche\"\nprint = \"druck\"\nrole = \"rolle\"\nmatrix = \"uebersicht\"\n",
            )
            .load();
        let site = &t.site;
        assert_eq!(site.search_url("de"), "/suche/");
        let guide = site.get(Kind::Guide, "start", "de").expect("the guide");
        assert_eq!(site.print_url(guide), "/einarbeitung/start/druck/");
        assert_eq!(
            site.role_url("assistenz", "de").as_deref(),
            Some("/einarbeitung/rolle/assistenz/")
        );
        assert_eq!(
            site.matrix_url("de").as_deref(),
            Some("/kompetenzen/uebersicht/")
        );
    }

    #[test]
    fn without_segments_the_pages_have_english_names() {
        let t = site().file("guides/start.md", &md(GUIDE)).load();
        let site = &t.site;
        assert_eq!(site.search_url("de"), "/search/");
        let guide = site.get(Kind::Guide, "start", "de").expect("the guide");
        assert_eq!(site.print_url(guide), "/guides/start/print/");
        assert_eq!(
            site.role_url("assistenz", "de").as_deref(),
            Some("/guides/role/assistenz/")
        );
        assert_eq!(site.matrix_url("de").as_deref(), Some("/skills/matrix/"));
    }
}
