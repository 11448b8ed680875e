#![allow(clippy::disallowed_methods)]
//! The theme: the default theme embedded in the binary, with a site's own
//! `themes/<name>/` laid over it file by file.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::source::SourceError;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The files of a theme, by path relative to the theme folder.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// `templates/*.html`, by name relative to `templates/`.
    pub templates: BTreeMap<String, String>,
    /// `static/**`, by path relative to `static/`.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// `i18n/<lang>.toml` of the default theme, by language code, as text.
    pub strings: BTreeMap<String, String>,
    /// The site's own `i18n/<lang>.toml`, as text: its keys override the default
    /// theme's one by one (see `crate::render`), so a site changes a single string
    /// without copying the file.
    pub string_overrides: BTreeMap<String, String>,
    /// Where each template comes from, for error messages: the site's file or the
    /// embedded default theme.
    pub origins: BTreeMap<String, String>,
}

impl Theme {
    /// The embedded default theme.
    pub fn embedded() -> Theme {
        let mut theme = Theme::default();
        let mut stack = vec![&DEFAULT_THEME];
        while let Some(dir) = stack.pop() {
            for file in dir.files() {
                let rel = file.path().to_string_lossy().replace('\\', "/");
                theme.insert(&rel, file.contents().to_vec());
            }
            stack.extend(dir.dirs());
        }
        theme
    }

    /// The default theme overlaid by the files under `dir`, a folder of the site
    /// `root`, if it exists.
    pub fn load(root: &Path, dir: &Path) -> Result<Theme, SourceError> {
        let mut theme = Theme::embedded();
        if dir.is_dir() {
            for (rel, bytes) in crate::source::read_tree(root, dir)? {
                if let Some(name) = rel.strip_prefix("templates/") {
                    let theme_name = dir
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    theme
                        .origins
                        .insert(name.to_owned(), format!("themes/{theme_name}/{rel}"));
                }
                match rel
                    .strip_prefix("i18n/")
                    .and_then(|n| n.strip_suffix(".toml"))
                {
                    Some(lang) => {
                        theme.string_overrides.insert(
                            lang.to_owned(),
                            String::from_utf8_lossy(&bytes).into_owned(),
                        );
                    }
                    None => theme.insert(&rel, bytes),
                }
            }
        }
        Ok(theme)
    }

    fn insert(&mut self, rel: &str, bytes: Vec<u8>) {
        if let Some(name) = rel.strip_prefix("templates/") {
            self.templates.insert(
                name.to_owned(),
                String::from_utf8_lossy(&bytes).into_owned(),
            );
        } else if let Some(name) = rel.strip_prefix("static/") {
            self.assets.insert(name.to_owned(), bytes);
        } else if let Some(name) = rel
            .strip_prefix("i18n/")
            .and_then(|n| n.strip_suffix(".toml"))
        {
            self.strings.insert(
                name.to_owned(),
                String::from_utf8_lossy(&bytes).into_owned(),
            );
        }
    }

    /// Every file of the embedded default theme, for `vpagen init`.
    pub fn embedded_files() -> Vec<(String, &'static [u8])> {
        let mut out = Vec::new();
        let mut stack = vec![&DEFAULT_THEME];
        while let Some(dir) = stack.pop() {
            for file in dir.files() {
                out.push((
                    file.path().to_string_lossy().replace('\\', "/"),
                    file.contents(),
                ));
            }
            stack.extend(dir.dirs());
        }
        out.sort();
        out
    }
}
