//! Plain text of rendered HTML: what the search index, the data files and the leak
//! check read of a page.

/// Where [`plain_text`] separates words at a tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaks {
    /// Only at block elements (`p`, `li`, `td`, …), as a reader sees the text:
    /// `<em>Büro</em>service` is one word. For the search index and data files.
    Blocks,
    /// At every tag. For the leak check, which compares against words of the Markdown
    /// source, where `*Büro*service` counts as two.
    EveryTag,
}

/// Elements that separate words; inline ones (em, a, code, span) do not.
const BLOCKS: &[&str] = &[
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "tr",
    "br",
    "div",
    "pre",
    "blockquote",
    "aside",
    "dt",
    "dd",
    "ul",
    "ol",
    "table",
    "section",
];

/// The entities the renderer writes.
const ENTITIES: &[(&str, char)] = &[
    ("&amp;", '&'),
    ("&lt;", '<'),
    ("&gt;", '>'),
    ("&quot;", '"'),
    ("&#39;", '\''),
];

/// Plain text of HTML: tags dropped, the renderer's entities decoded, whitespace
/// collapsed. One pass: it runs over every page of every build.
///
/// With [`Breaks::Blocks`] the input is rendered HTML, whose text never holds a raw
/// `<`: every `<` opens a tag, and one never closed means the input was cut off, so
/// the text ends there. With [`Breaks::EveryTag`] the input is any file: only a `<`
/// followed by a letter, `/` or `!` opens a tag, and an unclosed one stays text, so
/// nothing after it escapes the leak check.
pub fn plain_text(html: &str, breaks: Breaks) -> String {
    let mut out = Collapsed::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = memchr::memchr2(b'<', b'&', rest.as_bytes()) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix('<') {
            let opens = breaks == Breaks::Blocks
                || after
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
            match after.find('>') {
                Some(end) if opens => {
                    out.space |= breaks == Breaks::EveryTag || is_block(&after[..end]);
                    rest = &after[end + 1..];
                }
                None if breaks == Breaks::Blocks => return out.text,
                _ => {
                    out.push('<');
                    rest = after;
                }
            }
        } else if let Some((entity, c)) = ENTITIES.iter().find(|(e, _)| rest.starts_with(e)) {
            out.push(*c);
            rest = &rest[entity.len()..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out.text
}

/// Whether the inside of a tag (`/p`, `li class="x"`) names a block element.
fn is_block(tag: &str) -> bool {
    let name = tag.trim_start_matches('/');
    let name = &name[..name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len())];
    BLOCKS.contains(&name)
}

/// Text with runs of whitespace as one space, none at either end.
struct Collapsed {
    text: String,
    /// A space is due before the next visible character.
    space: bool,
}

impl Collapsed {
    fn with_capacity(len: usize) -> Collapsed {
        Collapsed {
            text: String::with_capacity(len),
            space: false,
        }
    }

    fn push(&mut self, c: char) {
        let mut buf = [0; 4];
        self.push_str(c.encode_utf8(&mut buf));
    }

    /// Appends `s`, word by word: whitespace (as [`char::is_whitespace`] knows it)
    /// only marks that a space is due.
    fn push_str(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let mut word = 0;
        let mut at = 0;
        while at < bytes.len() {
            let (space, len) = match bytes[at] {
                b @ 0..0x80 => (matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c), 1),
                _ => s[at..]
                    .chars()
                    .next()
                    .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
            };
            if space {
                self.push_word(&s[word..at]);
                self.space = true;
                word = at + len;
            }
            at += len;
        }
        self.push_word(&s[word..]);
    }

    /// Appends text without whitespace, after the space that is due.
    fn push_word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        if self.space && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.space = false;
        self.text.push_str(word);
    }
}

#[cfg(test)]
mod tests {
    use super::{Breaks, plain_text};

    #[test]
    fn keeps_text_and_word_breaks() {
        let text = |html| plain_text(html, Breaks::Blocks);
        assert_eq!(
            text(
                "<h2 id=\"a\">Preise&nbsp;</h2>\n<p>45&#39;&amp;&lt;b&gt; <em>pro</em>Std.</p><ul><li>A</li><li>B</li></ul>"
            ),
            "Preise&nbsp; 45'&<b> proStd. A B"
        );
        assert_eq!(text("  a <span class=\"hl\">b</span>c  "), "a bc");
        assert_eq!(text(""), "");
        // Every kind of whitespace collapses, the non-breaking space and the vertical
        // tab too; other characters stay as they are.
        assert_eq!(text("a\u{a0}\u{b}\u{2003} b\tc\r\n\u{c}d"), "a b c d");
        assert_eq!(text(" Büro\u{a0}Ä\u{1F600} "), "Büro Ä\u{1F600}");
    }

    proptest::proptest! {
        /// Word by word gives what character by character would.
        #[test]
        fn collapses_as_char_by_char(text in "[a-zä \t\n\u{a0}\u{b}\u{2003}\u{1F600}]{0,40}") {
            let mut expected = String::new();
            let mut space = false;
            for c in text.chars() {
                if c.is_whitespace() {
                    space = true;
                    continue;
                }
                if space && !expected.is_empty() {
                    expected.push(' ');
                }
                space = false;
                expected.push(c);
            }
            proptest::prop_assert_eq!(plain_text(&text, Breaks::Blocks), expected);
        }
    }

    #[test]
    fn a_lone_angle_bracket_is_text_outside_rendered_html() {
        assert_eq!(
            plain_text("&amp;lt; Ende <unclosed", Breaks::Blocks),
            "&lt; Ende"
        );
        assert_eq!(
            plain_text("Ende <unclosed", Breaks::EveryTag),
            "Ende <unclosed"
        );
        assert_eq!(plain_text("a < b > c", Breaks::Blocks), "a c");
        assert_eq!(plain_text("a < b > c", Breaks::EveryTag), "a < b > c");
        assert_eq!(plain_text("1<2", Breaks::EveryTag), "1<2");
    }

    #[test]
    fn every_tag_breaks_words_for_the_leak_check() {
        assert_eq!(
            plain_text("<em>Büro</em>service<!-- x -->ende", Breaks::EveryTag),
            "Büro service ende"
        );
        assert_eq!(
            plain_text("<em>Büro</em>service", Breaks::Blocks),
            "Büroservice"
        );
    }
}
