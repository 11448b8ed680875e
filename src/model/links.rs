//! Link targets in Markdown as the site resolves them: `@type:id#anchor`,
//! `@list:type`, paths to Markdown files (`impressum.md`, `../rates/preise.md`) and
//! site paths (`/faq/`). Every form is checked; a target hidden from the audience
//! being built is reported, for the text to be reworded.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::Site;
use crate::content::Item;
use crate::diag::did_you_mean;
use crate::kind::Kind;
use crate::markdown::{LinkError, Resolved, Target};

/// What a site path (`/faq/`) leads to.
#[derive(Debug, Clone)]
pub(super) enum PathTarget {
    /// A page of this build: its URL with the base path.
    Page(String),
    /// An item hidden from this build's audience, with that audience's id.
    Hidden(String),
}

/// Site paths (without the base path) of every page an author may link to.
pub(super) type PathMap = HashMap<String, PathTarget>;

impl Site {
    /// Resolves a Markdown link target of a text in `lang`, written in a file of the
    /// type folder `folder` (for relative `.md` paths).
    pub fn resolve_link(
        &self,
        target: Target<'_>,
        lang: &str,
        folder: &str,
    ) -> Result<Resolved, LinkError> {
        match target {
            Target::Ref(r) => match r.strip_prefix("list:") {
                Some(kind) => self.list_link(kind, lang),
                None => self.ref_link(r, lang),
            },
            Target::Path(p) if is_markdown_file(p) => {
                let reference = self.file_reference(p, folder)?;
                self.ref_link(&reference, lang)
            }
            Target::Path(p) => self.path_link(p),
        }
    }

    pub(super) fn ref_link(&self, target: &str, lang: &str) -> Result<Resolved, LinkError> {
        let r = self.parse_ref(target)?;
        if self.is_hidden(r.kind, r.id) {
            return Ok(Resolved::Hidden {
                audience: self.audience_of_hidden(r.kind, r.id).unwrap_or_default(),
            });
        }
        let url = self.url_for(r.kind, r.id, lang).unwrap_or_default();
        Ok(Resolved::Url {
            url: match r.anchor {
                Some(a) => format!("{url}#{a}"),
                None => url,
            },
            anchor_ref: r.anchor.map(|_| target.to_owned()),
        })
    }

    /// `@list:services` (or `@list:service`): the list page of a type.
    fn list_link(&self, name: &str, lang: &str) -> Result<Resolved, LinkError> {
        let kind = Kind::from_folder(name).or_else(|| Kind::from_ref_name(name));
        let names = Kind::ALL.map(Kind::folder);
        let Some(kind) = kind else {
            return Err(LinkError {
                message: format!("unknown content type `{name}` in `@list:{name}`"),
                help: Some(match did_you_mean(name, names) {
                    Some(s) => format!("did you mean `@list:{s}`?"),
                    None => format!("types: {}", names.join(", ")),
                }),
            });
        };
        match self.list_url(kind, lang) {
            Some(url) => Ok(Resolved::Url {
                url,
                anchor_ref: None,
            }),
            None if kind == Kind::Page => Err(LinkError {
                message: "pages have no list page".to_owned(),
                help: Some("link a page itself: `@page:id`".to_owned()),
            }),
            None => Ok(Resolved::Hidden {
                audience: self.hidden_audience_of_kind(kind),
            }),
        }
    }

    /// `../rates/preise.md#areas` in a file of `folder` as `rate:preise#areas`.
    fn file_reference(&self, path: &str, folder: &str) -> Result<String, LinkError> {
        let (file, anchor) = match path.split_once('#') {
            Some((f, a)) => (f, Some(a)),
            None => (path, None),
        };
        let mut parts: Vec<&str> = vec![folder];
        for seg in file.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                s => parts.push(s),
            }
        }
        let (Some(name), Some(dir)) = (parts.pop(), parts.pop()) else {
            return Err(not_a_content_file(file));
        };
        let Some(kind) = Kind::from_folder(dir).filter(|_| parts.is_empty()) else {
            return Err(not_a_content_file(file));
        };
        let stem = std::path::Path::new(name)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or(name);
        // A translation's file (`impressum.en.md`) names the same item.
        let id = match stem.rsplit_once('.') {
            Some((id, code)) if self.config.language(code).is_some() => id,
            _ => stem,
        };
        let anchor = anchor.map(|a| format!("#{a}")).unwrap_or_default();
        Ok(format!("{}:{id}{anchor}", kind.ref_name()))
    }

    /// `/faq/`: a page of the site, found by its address.
    fn path_link(&self, path: &str) -> Result<Resolved, LinkError> {
        let (page, anchor) = match path.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (path, None),
        };
        let base = self.config.base_path();
        let key = page
            .strip_prefix(base)
            .filter(|_| !base.is_empty())
            .unwrap_or(page);
        let last = key.rsplit('/').next().unwrap_or_default();
        let extension = std::path::Path::new(last).extension();
        if extension.is_some_and(|e| !e.eq_ignore_ascii_case("html")) {
            // A file (`/downloads/vertrag.pdf`, `/logo.svg`): static files are not pages.
            return Ok(Resolved::Keep);
        }
        let paths = self.paths();
        let found = paths.get(key).or_else(|| paths.get(&format!("{key}/")));
        match found {
            Some(PathTarget::Page(url)) => Ok(Resolved::Url {
                url: match anchor {
                    Some(a) => format!("{url}#{a}"),
                    None => url.clone(),
                },
                anchor_ref: None,
            }),
            Some(PathTarget::Hidden(audience)) => Ok(Resolved::Hidden {
                audience: audience.clone(),
            }),
            None => Err(LinkError {
                message: format!("`{page}` is no page of this site"),
                help: Some(match did_you_mean(key, paths.keys().map(String::as_str)) {
                    Some(s) => format!("did you mean `{s}`? Or link the item itself: `@type:id`"),
                    None => {
                        "link an item with `@type:id` (`@page:faq`), a list with `@list:services`"
                            .to_owned()
                    }
                }),
            }),
        }
    }

    /// Every page address of the site without the base path, computed once.
    fn paths(&self) -> &PathMap {
        self.paths.get_or_init(|| {
            let base = self.config.base_path();
            let strip = |url: String| url.strip_prefix(base).map(str::to_owned).unwrap_or(url);
            let mut map = PathMap::new();
            for item in &self.hidden {
                let audience = self.audience_id(item);
                map.insert(strip(self.url(item)), PathTarget::Hidden(audience));
            }
            let pages = self.items.iter().map(|i| self.url(i)).chain(
                self.config.languages.iter().flat_map(|l| {
                    let stand_ins = self
                        .items
                        .iter()
                        .filter(|i| self.has_stand_in(i, &l.code))
                        .map(|i| self.url_in(i, &l.code));
                    let lists = Kind::ALL
                        .into_iter()
                        .filter_map(|k| self.list_url(k, &l.code));
                    stand_ins
                        .chain(lists)
                        .chain([format!("{}/", self.lang_prefix(&l.code))])
                        .collect::<Vec<_>>()
                }),
            );
            for url in pages {
                map.insert(strip(url.clone()), PathTarget::Page(url));
            }
            map
        })
    }

    /// The id of the audience an item hidden from this build is for; `None` for an
    /// item this build shows (or one that does not exist).
    pub fn audience_of_hidden(&self, kind: Kind, id: &str) -> Option<String> {
        self.hidden
            .iter()
            .find(|i| i.kind == kind && i.id == id)
            .map(|i| self.audience_id(i))
    }

    fn hidden_audience_of_kind(&self, kind: Kind) -> String {
        self.hidden
            .iter()
            .find(|i| i.kind == kind)
            .map(|i| self.audience_id(i))
            .unwrap_or_default()
    }

    fn audience_id(&self, item: &Item) -> String {
        self.config
            .audiences
            .get(item.meta.visible_to)
            .map(|a| a.id.clone())
            .unwrap_or_default()
    }
}

/// A new, empty cache of site paths.
pub(super) fn new_paths() -> OnceLock<PathMap> {
    OnceLock::new()
}

fn is_markdown_file(path: &str) -> bool {
    let file = path.split('#').next().unwrap_or_default();
    !path.starts_with('/')
        && std::path::Path::new(file)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

fn not_a_content_file(file: &str) -> LinkError {
    LinkError {
        message: format!("`{file}` is no content file"),
        help: Some(
            "link a file beside this one (`impressum.md`) or in another type's folder (`../rates/preise.md`), or use `@type:id`".to_owned(),
        ),
    }
}
