//! `[search] offline = true`: a built folder that works when opened from the disk
//! (`file://`). Links become relative and name `index.html` (no server resolves a
//! folder), and every search file gets a script twin: browsers do not let a page
//! fetch local files, but they do run local scripts.

use super::script_json;
use crate::output::OutputFile;

/// The function a search-data script calls with its own URL and its bytes (base64).
pub const DATA_CALLBACK: &str = "vpagenSearchData";

/// Rewrites `files` for `file://` use; `base_path` is the path of `base_url` ("" or
/// "/agentur").
pub fn apply(files: &mut Vec<OutputFile>, base_path: &str) {
    let twins: Vec<OutputFile> = files
        .iter_mut()
        .filter_map(|f| apply_one(f, base_path))
        .collect();
    files.extend(twins);
}

/// Rewrites one file for `file://` use; a search file's script twin is returned.
pub fn apply_one(f: &mut OutputFile, base_path: &str) -> Option<OutputFile> {
    if std::path::Path::new(&f.path)
        .extension()
        .is_some_and(|e| e == "html")
    {
        let html = String::from_utf8_lossy(&f.bytes);
        f.bytes = classic_scripts(&relativize(&html, &f.path, base_path)).into_bytes();
        None
    } else if f.path.starts_with("_search/") {
        Some(OutputFile {
            path: format!("{}.js", f.path),
            bytes: format!(
                "{DATA_CALLBACK}(document.currentScript.src,\"{}\");\n",
                crate::util::base64(&f.bytes)
            )
            .into_bytes(),
        })
    } else {
        None
    }
}

/// The page with each module script (`<script type="module" src="…x.js">`) replaced by
/// its classic twin (`…x.classic.js`, deferred as a module is): browsers load no
/// module from the disk. The build writes the twins ([`super::modules::classic_bundles`]).
fn classic_scripts(html: &str) -> String {
    const OPEN: &str = "<script type=\"module\" src=\"";
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len()..];
        let end = after.find('"').unwrap_or(after.len());
        let src = &after[..end];
        out.push_str("<script src=\"");
        out.push_str(&super::modules::classic_path(src));
        out.push_str("\" defer");
        rest = after.get(end + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// `../` for each folder between the site root and `path`.
fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// A root-relative URL of the site (`/leistungen/#x`) as a path relative to the page
/// (`../leistungen/index.html#x`); other URLs stay as they are.
fn relative(url: &str, root: &str, base_path: &str) -> Option<String> {
    if url.starts_with("//") {
        return None;
    }
    let rest = url.strip_prefix(base_path)?.strip_prefix('/')?;
    let cut = rest.find(['#', '?']).unwrap_or(rest.len());
    let (path, suffix) = rest.split_at(cut);
    let file = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    };
    Some(format!("{root}{file}{suffix}"))
}

/// The page with relative `href`, `src` and `action` values and a `#vpagen-ui` whose
/// search URLs are relative, plus what the client needs to map result URLs.
fn relativize(html: &str, path: &str, base_path: &str) -> String {
    let root = root_of(path);
    let mut out = String::with_capacity(html.len() + 1024);
    let mut rest = html;
    while let Some(at) = rest.find("=\"/") {
        let (before, after) = rest.split_at(at + 2);
        out.push_str(before);
        let is_link = ["href=\"", "src=\"", "action=\""].iter().any(|attr| {
            before.ends_with(attr)
                && before[..before.len() - attr.len()].ends_with([' ', '\n', '\t'])
        });
        let end = after.find('"').unwrap_or(after.len());
        let (value, tail) = after.split_at(end);
        match relative(value, &root, base_path).filter(|_| is_link) {
            Some(v) => out.push_str(&v),
            None => out.push_str(value),
        }
        rest = tail;
    }
    out.push_str(rest);
    rewrite_ui(&out, &root, base_path)
}

/// Makes the search URLs of the `#vpagen-ui` JSON relative and marks it offline.
fn rewrite_ui(html: &str, root: &str, base_path: &str) -> String {
    const OPEN: &str = "<script type=\"application/json\" id=\"vpagen-ui\">";
    let Some(start) = html.find(OPEN).map(|i| i + OPEN.len()) else {
        return html.to_owned();
    };
    let Some(len) = html[start..].find("</script>") else {
        return html.to_owned();
    };
    let Ok(mut ui) = serde_json::from_str::<serde_json::Value>(&html[start..start + len]) else {
        return html.to_owned();
    };
    let Some(search) = ui.get_mut("search").and_then(|s| s.as_object_mut()) else {
        return html.to_owned();
    };
    let fix = |v: &mut serde_json::Value| {
        if let Some(r) = v.as_str().and_then(|u| relative(u, root, base_path)) {
            *v = r.into();
        }
    };
    for key in ["manifest", "client", "page"] {
        if let Some(v) = search.get_mut(key) {
            fix(v);
        }
    }
    if let Some(stemmers) = search.get_mut("stemmers").and_then(|s| s.as_object_mut()) {
        stemmers.values_mut().for_each(fix);
    }
    search.insert("offline".into(), true.into());
    search.insert(
        "root".into(),
        if root.is_empty() { "./" } else { root }.into(),
    );
    search.insert("base_path".into(), base_path.into());
    format!(
        "{}{}{}",
        &html[..start],
        script_json(&ui),
        &html[start + len..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_scripts_become_their_classic_twins() {
        let html = "<script type=\"module\" src=\"../js/vpagen.1.js\"></script>\n<script src=\"x.js\"></script>";
        assert_eq!(
            classic_scripts(html),
            "<script src=\"../js/vpagen.1.classic.js\" defer></script>\n<script src=\"x.js\"></script>"
        );
    }

    #[test]
    fn root_relative_urls_become_relative_file_paths() {
        assert_eq!(relative("/", "../", ""), Some("../index.html".into()));
        assert_eq!(
            relative("/leistungen/x/#preis", "../../", ""),
            Some("../../leistungen/x/index.html#preis".into())
        );
        assert_eq!(
            relative("/suche/?q=a", "", ""),
            Some("suche/index.html?q=a".into())
        );
        assert_eq!(
            relative("/css/style.1.css", "../", ""),
            Some("../css/style.1.css".into())
        );
        assert_eq!(
            relative("/agentur/x/", "../", "/agentur"),
            Some("../x/index.html".into())
        );
        assert_eq!(relative("//cdn.example/x", "", ""), None);
        assert_eq!(relative("https://example.com/", "", ""), None);
    }

    #[test]
    fn pages_get_relative_links_and_an_offline_search_config() {
        let html = concat!(
            "<a href=\"/leistungen/\">L</a> <img src=\"/logo.svg\" alt=\"\">",
            "<p>data=\"/not-an-attribute\"</p><form action=\"/suche/\"></form>",
            "<script type=\"application/json\" id=\"vpagen-ui\">",
            "{\"search\":{\"manifest\":\"/_search/manifest.1.json\",\"stemmers\":{\"de\":\"/js/stem-de.1.js\"}}}",
            "</script>"
        );
        let out = relativize(html, "leistungen/x/index.html", "");
        assert!(
            out.contains("href=\"../../leistungen/index.html\""),
            "{out}"
        );
        assert!(out.contains("src=\"../../logo.svg\""), "{out}");
        assert!(out.contains("action=\"../../suche/index.html\""), "{out}");
        assert!(out.contains("data=\"/not-an-attribute\""), "{out}");
        assert!(
            out.contains("\"manifest\":\"../../_search/manifest.1.json\""),
            "{out}"
        );
        assert!(out.contains("\"de\":\"../../js/stem-de.1.js\""), "{out}");
        assert!(out.contains("\"offline\":true"), "{out}");
        assert!(out.contains("\"root\":\"../../\""), "{out}");
    }
}
