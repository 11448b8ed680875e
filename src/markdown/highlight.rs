//! Code highlighting with syntect into CSS classes (`hl-…`), styled by the theme.
//!
//! Syntax sets are loaded once per [`Highlighter`], and only when the first code
//! block with a language asks for one, so sites without code pay nothing. syntect's
//! default set has no TOML grammar; vpagen ships its own (`TOML.sublime-syntax`) in a
//! set of its own, so TOML blocks, the most common ones in this product's
//! documentation, never pay for loading syntect's ~75 default grammars.

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
    toml: OnceLock<SyntaxSet>,
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
        self.set.get_or_init(SyntaxSet::load_defaults_newlines)
    }

    fn toml_set(&self) -> &SyntaxSet {
        self.toml.get_or_init(|| {
            let mut builder = syntect::parsing::SyntaxSetBuilder::new();
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
        let (set, syntax) = if token == "toml" {
            let set = self.toml_set();
            (set, set.find_syntax_by_token(token))
        } else {
            let set = self.syntax_set();
            (set, set.find_syntax_by_token(token))
        };
        let Some(syntax) = syntax else {
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
        assert!(
            h.set.get().is_none(),
            "TOML must not load the default grammars"
        );
        assert!(matches!(
            h.highlight("json", "{\"a\": 1}"),
            Highlighted::Html(_)
        ));
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
