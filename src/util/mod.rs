//! Small pure helpers shared by several stages: slugs and calendar dates.

mod date;

pub use date::Date;

/// Turns heading text into an HTML id: lower-case, letters (umlauts kept) and digits,
/// other runs of characters become a single `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(c);
        } else {
            dash = true;
        }
    }
    if slug.is_empty() {
        slug.push_str("abschnitt");
    }
    slug
}

/// Whether `id` is a lower-case kebab id: `^[a-z0-9]+(-[a-z0-9]+)*$`.
pub fn is_kebab_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The ISO 639-1 language codes.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Whether `code` is an ISO 639-1 language code.
pub fn is_language_code(code: &str) -> bool {
    code.len() == 2 && ISO_639_1.split(' ').any(|c| c == code)
}

/// 64-bit FNV-1a as a [`std::hash::Hasher`]: fast for the short strings of the search
/// index (its input is the site's own content, so there is nobody to flood a table).
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// 64-bit FNV-1a of `bytes`: a stable, dependency-free content hash for cache busting.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = Fnv::default();
    std::hash::Hasher::write(&mut h, bytes);
    std::hash::Hasher::finish(&h)
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Text for XML (feeds, sitemap): escaped like HTML, and without the characters XML 1.0
/// cannot hold at all, not even as references (control characters other than tab and
/// line breaks, U+FFFE, U+FFFF), which would make the whole file unreadable.
pub fn escape_xml(text: &str) -> String {
    let allowed = |c: &char| !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if text.chars().all(|c| allowed(&c)) {
        return escape_html(text);
    }
    escape_html(&text.chars().filter(allowed).collect::<String>())
}

/// Whether `name` is a device name that Windows reserves in every folder (`con`,
/// `prn`, `aux`, `nul`, `com0`–`com9`, `lpt0`–`lpt9`, in any case): a page folder or
/// file of that name cannot be created there, so a site that uses one as an id, slug
/// or URL segment cannot be checked out, built or served on Windows.
pub fn is_reserved_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    match lower.as_bytes() {
        b"con" | b"prn" | b"aux" | b"nul" => true,
        [b'c', b'o', b'm', d] | [b'l', b'p', b't', d] => d.is_ascii_digit(),
        _ => false,
    }
}

/// `text` with control characters shown as escapes (`\u{7}`), for messages that quote
/// what the author wrote: a raw control character would act on the terminal.
pub fn shown(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A value as JSON with its object keys in sorted order: the order of every data file,
/// script island and search index file of the site, whatever the field order of the
/// struct it comes from.
pub fn sorted_json(value: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_drops_what_xml_cannot_hold() {
        assert_eq!(
            escape_xml("Termin\u{8}verwaltung <a> & \"b\""),
            "Terminverwaltung &lt;a&gt; &amp; &quot;b&quot;"
        );
        assert_eq!(escape_xml("Zeile\teins\nzwei"), "Zeile\teins\nzwei");
    }

    #[test]
    fn base64_matches_the_standard_alphabet_and_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(&[0xff, 0xfe, 0x01, 0x80]), "//4BgA==");
    }

    #[test]
    fn slugify_keeps_umlauts_and_collapses_punctuation() {
        assert_eq!(slugify("Wechsel der Assistenz?"), "wechsel-der-assistenz");
        assert_eq!(slugify("Größe & Maße"), "größe-maße");
        assert_eq!(slugify("  --  "), "abschnitt");
    }

    #[test]
    fn kebab_ids() {
        assert!(is_kebab_id("tag-1-vertrag"));
        assert!(!is_kebab_id("Tag-1"));
        assert!(!is_kebab_id("a--b"));
        assert!(!is_kebab_id("-a"));
        assert!(!is_kebab_id(""));
    }

    #[test]
    fn reserved_names_and_shown_text() {
        for name in ["con", "NUL", "aux", "prn", "com1", "lpt9", "com0"] {
            assert!(super::is_reserved_name(name), "{name}");
        }
        for name in ["conto", "nul-1", "com", "com10", "lpt", "console"] {
            assert!(!super::is_reserved_name(name), "{name}");
        }
        assert_eq!(super::shown("a\u{7}b\u{1b}[2J"), "a\\u{7}b\\u{1b}[2J");
        assert_eq!(super::shown("Grüße"), "Grüße");
    }
}
