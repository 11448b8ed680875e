//! Code highlighting with syntect into CSS classes (`hl-…`), styled by the theme.
//!
//! The syntax set is loaded once per [`Highlighter`], and only when the first code
//! block with a language asks for it, so sites without code pay nothing. syntect's
//! default set has no TOML grammar; vpagen ships its own (`TOML.sublime-syntax`).

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxDefinition, SyntaxSet};
use syntect::util::LinesWithEndings;

const TOML_SYNTAX: &str = include_str!("TOML.sublime-syntax");

/// Languages that mean "no highlighting" and need no warning.
const PLAIN: &[&str] = &["text", "txt", "plain", "plaintext", "console", "output"];

/// Lazily loaded syntax definitions, shared by all pages of a build.
#[derive(Debug, Default)]
pub struct Highlighter {
    set: OnceLock<SyntaxSet>,
}

/// Result of highlighting one block.
pub enum Highlighted {
    /// HTML of the highlighted code (inside `<code>`).
    Html(String),
    /// A language that means plain text.
    Plain,
    /// A language vpagen does not know.
    Unknown,
}

impl Highlighter {
    /// A highlighter that has not loaded anything yet.
    pub fn new() -> Self {
        Self::default()
    }

    fn syntax_set(&self) -> &SyntaxSet {
        self.set.get_or_init(|| {
            let mut builder = SyntaxSet::load_defaults_newlines().into_builder();
            // The grammar is part of the binary and covered by a unit test.
            if let Ok(toml) = SyntaxDefinition::load_from_str(TOML_SYNTAX, true, Some("TOML")) {
                builder.add(toml);
            }
            builder.build()
        })
    }

    /// Highlights `code` written in `lang`.
    pub fn highlight(&self, lang: &str, code: &str) -> Highlighted {
        let lang = lang.trim().to_ascii_lowercase();
        if PLAIN.contains(&lang.as_str()) {
            return Highlighted::Plain;
        }
        let token = match lang.as_str() {
            "shell" | "console-sh" | "zsh" => "sh",
            "markdown" => "md",
            "jsonc" => "json",
            other => other,
        };
        let set = self.syntax_set();
        let Some(syntax) = set.find_syntax_by_token(token) else {
            return Highlighted::Unknown;
        };
        let mut generator = ClassedHTMLGenerator::new_with_class_style(
            syntax,
            set,
            ClassStyle::SpacedPrefixed { prefix: "hl-" },
        );
        for line in LinesWithEndings::from(code) {
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return Highlighted::Html(crate::util::escape_html(code));
            }
        }
        Highlighted::Html(generator.finalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_grammar_loads_and_highlights() {
        assert!(SyntaxDefinition::load_from_str(TOML_SYNTAX, true, Some("TOML")).is_ok());
        let h = Highlighter::new();
        let Highlighted::Html(html) =
            h.highlight("toml", "[agency]\nname = \"Büro\" # x\nrate = 45\n")
        else {
            panic!("toml not known");
        };
        assert!(html.contains("hl-entity hl-name hl-section"), "{html}");
        assert!(html.contains("hl-string"), "{html}");
        assert!(html.contains("hl-comment"), "{html}");
        assert!(html.contains("hl-constant hl-numeric"), "{html}");
    }

    #[test]
    fn unknown_and_plain_languages() {
        let h = Highlighter::new();
        assert!(matches!(h.highlight("text", "x"), Highlighted::Plain));
        assert!(
            h.set.get().is_none(),
            "plain text must not load the syntax set"
        );
        assert!(matches!(h.highlight("klingon", "x"), Highlighted::Unknown));
    }
}
