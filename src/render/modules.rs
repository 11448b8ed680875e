//! The theme's scripts are ES modules (`static/js/*.js` with `import` and `export`
//! lines) that need no build step. Two things a build does to them:
//!
//! - [`hashed_paths`]: every stylesheet and script gets a content hash in its name,
//!   and a module's import specifiers are rewritten to name the hashed files of its
//!   imports (hashed first, so that a changed import changes the importer's hash too).
//! - [`classic_bundles`]: for `[search] offline = true` (pages opened from the disk,
//!   where browsers load no module), each module that no other imports becomes one
//!   classic script with its imports inside.
//!
//! The modules keep to a subset of the syntax (themes/default/README.md): one import
//! per line, `import { a, b as c } from './x.js';` or `import './x.js';`, with a
//! relative specifier; exports only as `export function|async function|const|class
//! name`; no import cycles.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use super::OutputFile;

/// An `import` line of a module.
#[derive(Debug, PartialEq)]
struct Import<'a> {
    /// The whole line, without its line break.
    line: &'a str,
    /// The specifier, as written (`./util.js`).
    spec: &'a str,
    /// Imported names with their local names; empty for `import './x.js';`.
    names: Vec<(&'a str, &'a str)>,
}

fn is_js(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("js"))
}

/// Whether a script is a module: a line of it starts with `import ` or `export `.
pub fn is_module(text: &str) -> bool {
    text.lines()
        .any(|l| l.starts_with("import ") || l.starts_with("export "))
}

/// The import line `line`, if it is one of the supported form.
fn import(line: &str) -> Option<Import<'_>> {
    let rest = line.strip_prefix("import ")?.trim_end();
    let rest = rest.strip_suffix(';').unwrap_or(rest);
    let (list, spec) = match rest.split_once(" from ") {
        Some((list, spec)) => (Some(list.trim()), spec.trim()),
        None => (None, rest.trim()),
    };
    let spec = spec
        .strip_prefix('\'')
        .and_then(|s| s.strip_suffix('\''))
        .or_else(|| spec.strip_prefix('"').and_then(|s| s.strip_suffix('"')))?;
    let mut names = Vec::new();
    if let Some(list) = list {
        let inner = list.strip_prefix('{')?.strip_suffix('}')?;
        for part in inner.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            names.push(match part.split_once(" as ") {
                Some((name, local)) => (name.trim(), local.trim()),
                None => (part, part),
            });
        }
    }
    Some(Import { line, spec, names })
}

fn imports(text: &str) -> Vec<Import<'_>> {
    text.lines().filter_map(import).collect()
}

/// The asset path a relative specifier of the module at `from` names.
fn resolve(from: &str, spec: &str) -> Option<String> {
    if !spec.starts_with("./") && !spec.starts_with("../") {
        return None;
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in spec.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// `path` with the content hash of `bytes` before its extension, for stylesheets and
/// scripts; other files keep their path.
fn with_hash(path: &str, bytes: &[u8]) -> String {
    match path.rsplit_once('.') {
        Some((stem, ext @ ("css" | "js"))) => {
            format!("{stem}.{:016x}.{ext}", crate::util::fnv1a(bytes))
        }
        _ => path.to_owned(),
    }
}

/// The output path of every asset (plain path → hashed path). Modules get their
/// import specifiers rewritten in `assets` first, to the hashed names.
pub fn hashed_paths(assets: &mut BTreeMap<String, Vec<u8>>) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    let paths: Vec<String> = assets.keys().cloned().collect();
    for path in &paths {
        name(path, assets, &mut names, &mut HashSet::new());
    }
    names
}

/// Names `path` after naming the modules it imports (depth first); an import that
/// closes a cycle keeps its plain specifier.
fn name(
    path: &str,
    assets: &mut BTreeMap<String, Vec<u8>>,
    names: &mut BTreeMap<String, String>,
    visiting: &mut HashSet<String>,
) {
    if names.contains_key(path) || !visiting.insert(path.to_owned()) {
        return;
    }
    let Some(bytes) = assets.get(path) else {
        return;
    };
    let text = String::from_utf8_lossy(bytes).into_owned();
    if is_js(path) && is_module(&text) {
        let deps: Vec<(String, String)> = imports(&text)
            .into_iter()
            .filter_map(|i| Some((i.spec.to_owned(), resolve(path, i.spec)?)))
            .collect();
        for (_, dep) in &deps {
            name(dep, assets, names, visiting);
        }
        let mut rewritten = String::with_capacity(text.len());
        for line in text.split_inclusive('\n') {
            let target = import(line).and_then(|i| {
                let dep = resolve(path, i.spec)?;
                let hashed = names.get(&dep)?;
                let file = hashed.rsplit('/').next()?;
                let dir = i.spec.rsplit_once('/').map_or("", |(d, _)| d);
                Some(line.replacen(i.spec, &format!("{dir}/{file}"), 1))
            });
            rewritten.push_str(target.as_deref().unwrap_or(line));
        }
        assets.insert(path.to_owned(), rewritten.into_bytes());
    }
    let bytes = &assets[path];
    names.insert(path.to_owned(), with_hash(path, bytes));
}

/// The classic-script twin of each module that no other module imports, named
/// `<name>.classic.js` beside it: the module and everything it imports, each in a
/// function of its own, in import order.
pub fn classic_bundles(files: &[OutputFile]) -> Vec<OutputFile> {
    let modules: BTreeMap<&str, String> = files
        .iter()
        .filter(|f| is_js(&f.path))
        .map(|f| {
            (
                f.path.as_str(),
                String::from_utf8_lossy(&f.bytes).into_owned(),
            )
        })
        .filter(|(_, text)| is_module(text))
        .collect();
    let imported: HashSet<String> = modules
        .iter()
        .flat_map(|(path, text)| {
            imports(text)
                .into_iter()
                .filter_map(|i| resolve(path, i.spec))
        })
        .collect();
    modules
        .keys()
        .filter(|p| !imported.contains(**p))
        .map(|root| {
            let mut order = Vec::new();
            import_order(root, &modules, &mut order, &mut HashSet::new());
            let mut out = format!(
                "/* {root} and its imports as one classic script, for pages opened from the disk. */\n\
                 (function () {{\nvar modules = {{}};\n"
            );
            for path in order {
                out.push_str(&wrap(path, &modules[path]));
            }
            out.push_str("})();\n");
            OutputFile {
                path: classic_path(root),
                bytes: out.into_bytes(),
            }
        })
        .collect()
}

/// `js/search.1234.js` → `js/search.1234.classic.js`.
pub fn classic_path(module: &str) -> String {
    let stem = module.strip_suffix(".js").unwrap_or(module);
    format!("{stem}.classic.js")
}

/// `path` after the modules it imports, each once.
fn import_order<'a>(
    path: &str,
    modules: &'a BTreeMap<&str, String>,
    order: &mut Vec<&'a str>,
    seen: &mut HashSet<&'a str>,
) {
    let Some((&key, text)) = modules.get_key_value(path) else {
        return;
    };
    if !seen.insert(key) {
        return;
    }
    for dep in imports(text).iter().filter_map(|i| resolve(key, i.spec)) {
        import_order(&dep, modules, order, seen);
    }
    order.push(key);
}

/// One module as a function that returns its exports, stored under its path.
fn wrap(path: &str, text: &str) -> String {
    let mut body = String::with_capacity(text.len() + 256);
    let mut exports = Vec::new();
    for line in text.split_inclusive('\n') {
        if let Some(i) = import(line) {
            if i.names.is_empty() {
                continue;
            }
            let dep = resolve(path, i.spec).unwrap_or_default();
            let names: Vec<String> = i
                .names
                .iter()
                .map(|(n, l)| {
                    if n == l {
                        (*n).to_owned()
                    } else {
                        format!("{n}: {l}")
                    }
                })
                .collect();
            let _ = writeln!(body, "const {{ {} }} = modules[{dep:?}];", names.join(", "));
        } else if let Some(rest) = line.strip_prefix("export ") {
            exports.extend(exported_name(rest));
            body.push_str(rest);
        } else {
            body.push_str(line);
        }
    }
    let list: Vec<String> = exports.iter().map(|n| format!("{n}: {n}")).collect();
    format!(
        "modules[{path:?}] = (function () {{\n'use strict';\n{body}\nreturn {{ {} }};\n}})();\n",
        list.join(", ")
    )
}

/// The name an `export` line declares (`function f(`, `const X =`, `class C`).
fn exported_name(rest: &str) -> Option<String> {
    let rest = rest.strip_prefix("async ").unwrap_or(rest);
    let rest = ["function ", "const ", "class "]
        .iter()
        .find_map(|k| rest.strip_prefix(k))?;
    let name: String = rest
        .trim_start_matches('*')
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
        .collect();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assets(list: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        list.iter()
            .map(|(p, t)| ((*p).to_owned(), t.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn imports_name_the_hashed_files_and_change_the_importer_hash() {
        let mut a = assets(&[
            (
                "js/a.js",
                "import { f, g as h } from './b.js';\nexport const x = f();\n",
            ),
            (
                "js/b.js",
                "export function f() { return 1; }\nexport function g() {}\n",
            ),
            ("js/stem.js", "(function () {})();\n"),
            ("logo.svg", "<svg/>"),
        ]);
        let names = hashed_paths(&mut a);
        let b = &names["js/b.js"];
        assert!(b.starts_with("js/b.") && is_js(b) && b.len() == "js/b..js".len() + 16);
        let text = String::from_utf8(a["js/a.js"].clone()).unwrap();
        let file = b.trim_start_matches("js/");
        assert!(
            text.starts_with(&format!("import {{ f, g as h }} from './{file}';\n")),
            "{text}"
        );
        assert_eq!(names["logo.svg"], "logo.svg");
        // Another b gives another a.
        let mut changed = assets(&[
            (
                "js/a.js",
                "import { f, g as h } from './b.js';\nexport const x = f();\n",
            ),
            (
                "js/b.js",
                "export function f() { return 2; }\nexport function g() {}\n",
            ),
        ]);
        assert_ne!(hashed_paths(&mut changed)["js/a.js"], names["js/a.js"]);
    }

    #[test]
    fn a_classic_bundle_holds_the_module_and_its_imports_in_order() {
        let file = |path: &str, text: &str| OutputFile {
            path: path.to_owned(),
            bytes: text.as_bytes().to_vec(),
        };
        let files = [
            file(
                "js/main.1.js",
                "import { f as g } from './lib.2.js';\nimport './side.3.js';\ng();\n",
            ),
            file(
                "js/lib.2.js",
                "import { h } from './side.3.js';\nexport function f() { return h(); }\n",
            ),
            file("js/side.3.js", "export const h = () => 1;\n"),
            file("js/stem.js", "(function () {})();\n"),
        ];
        let bundles = classic_bundles(&files);
        assert_eq!(bundles.len(), 1);
        assert_eq!(bundles[0].path, "js/main.1.classic.js");
        let text = String::from_utf8(bundles[0].bytes.clone()).unwrap();
        let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} in {text}"));
        assert!(at("modules[\"js/side.3.js\"]") < at("modules[\"js/lib.2.js\"] ="));
        assert!(at("modules[\"js/lib.2.js\"] =") < at("modules[\"js/main.1.js\"]"));
        assert!(text.contains("const { f: g } = modules[\"js/lib.2.js\"];"));
        assert!(text.contains("return { f: f };"));
        assert!(
            !text.contains("import ") && !text.contains("export "),
            "{text}"
        );
    }

    #[test]
    fn the_theme_modules_keep_to_the_supported_syntax() {
        let theme = crate::theme::Theme::embedded();
        let mut seen = 0;
        for (path, bytes) in &theme.assets {
            let text = String::from_utf8_lossy(bytes);
            if !is_js(path) || !is_module(&text) {
                continue;
            }
            seen += 1;
            let name = path.as_str();
            for line in text.lines() {
                if line.trim_start().starts_with("import ") || line.contains(" import(") {
                    let i = import(line)
                        .unwrap_or_else(|| panic!("{name}: unsupported import: {line}"));
                    let target = resolve(name, i.spec)
                        .unwrap_or_else(|| panic!("{name}: not a relative specifier: {line}"));
                    assert!(theme.assets.contains_key(&target), "{name}: {line}");
                } else if line.trim_start().starts_with("export ") {
                    assert!(
                        line.starts_with("export "),
                        "{name}: an indented export: {line}"
                    );
                    assert!(
                        exported_name(&line["export ".len()..]).is_some(),
                        "{name}: unsupported export: {line}"
                    );
                }
                assert!(
                    !line.contains("import.meta"),
                    "{name}: import.meta has no classic twin: {line}"
                );
            }
        }
        assert!(seen >= 10, "only {seen} modules in the theme");
    }
}
