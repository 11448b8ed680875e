//! The layer order of `src/lib.rs` holds: every `crate::` path in a module names a
//! module on a lower layer, so the modules form no cycle.
//!
//! `src/lib.rs` lists the layers in a ```` ```text ```` block under "## Layers", top
//! layer first, one line per layer, module names separated by spaces. A module may
//! use the modules of the lines below its own, none of its own line or above.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::repo_root;

/// Layer rank per top-level module, 0 the lowest, read from `lib.rs`'s doc comment.
fn layers(lib: &str) -> BTreeMap<String, usize> {
    let doc: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("//!"))
        .map(str::trim)
        .collect();
    let start = doc
        .iter()
        .position(|l| *l == "## Layers")
        .expect("src/lib.rs has a \"## Layers\" section");
    let fence = start
        + doc[start..]
            .iter()
            .position(|l| *l == "```text")
            .expect("the Layers section has a ```text block");
    let block: Vec<&str> = doc[fence + 1..]
        .iter()
        .take_while(|l| **l != "```")
        .copied()
        .collect();
    let mut ranks = BTreeMap::new();
    for (i, line) in block.iter().enumerate() {
        for name in line.split_whitespace() {
            let previous = ranks.insert(name.to_owned(), block.len() - 1 - i);
            assert!(
                previous.is_none(),
                "`{name}` is on two layers of src/lib.rs"
            );
        }
    }
    ranks
}

/// The top-level modules `lib.rs` declares (`pub mod x;`).
fn declared(lib: &str) -> Vec<String> {
    lib.lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';').to_owned())
        .collect()
}

/// The top-level modules named by `crate::` paths in Rust source, comments aside:
/// `crate::a::b`, and `crate::{a::b, c}` groups.
fn imports(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in source.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                names.extend(group.split(',').filter_map(head));
            } else {
                names.extend(head(rest));
            }
        }
    }
    names.retain(|n| n != "self");
    names
}

/// The first path segment of `a::b`, if it is a module name.
fn head(path: &str) -> Option<String> {
    let path = path.trim();
    let end = path
        .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
        .unwrap_or(path.len());
    (end > 0).then(|| path[..end].to_owned())
}

/// Every `.rs` file under `dir`, with the top-level module it belongs to.
fn modules_files(src: &Path) -> Vec<(String, std::path::PathBuf)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.expect("walk src");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(src).expect("inside src");
        let first = rel.components().next().expect("a component");
        let top = first
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        if top != "lib" && top != "main" {
            files.push((top, path.to_owned()));
        }
    }
    files
}

/// Imports against the order, as "`a` (layer n) uses `b` (layer m) in file".
fn violations(ranks: &BTreeMap<String, usize>, src: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for (module, file) in modules_files(src) {
        let own = *ranks
            .get(&module)
            .unwrap_or_else(|| panic!("module `{module}` is on no layer of src/lib.rs"));
        let text = std::fs::read_to_string(&file).expect("read source");
        for used in imports(&text) {
            if used == module {
                continue;
            }
            let Some(&theirs) = ranks.get(&used) else {
                continue;
            };
            if theirs >= own {
                found.push(format!(
                    "`{module}` (layer {own}) uses `{used}` (layer {theirs}) in {}",
                    file.display()
                ));
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn every_module_uses_only_lower_layers() {
    let src = repo_root().join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("read src/lib.rs");
    let ranks = layers(&lib);
    let declared = declared(&lib);
    for module in &declared {
        assert!(
            ranks.contains_key(module),
            "`{module}` is on no layer of src/lib.rs"
        );
    }
    for module in ranks.keys() {
        assert!(
            declared.contains(module),
            "the layers name `{module}`, which lib.rs does not declare"
        );
    }
    let found = violations(&ranks, &src);
    assert!(
        found.is_empty(),
        "imports against the layer order of src/lib.rs (move the shared type down, or the \
         module up):\n{}",
        found.join("\n")
    );
}

#[test]
fn a_back_import_is_found() {
    let lib = "//! ## Layers\n//!\n//! ```text\n//! render search\n//! model\n//! kind\n//! ```\n";
    let ranks = layers(lib);
    assert_eq!(ranks["render"], 2);
    assert_eq!(ranks["kind"], 0);
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("model")).expect("mkdir");
    std::fs::write(
        dir.path().join("model/mod.rs"),
        "// crate::render in a comment is fine\nuse crate::kind::Kind;\nuse crate::{kind, render::Bodies};\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("search.rs"),
        "fn f() { crate::render::x(); }\n",
    )
    .expect("write");
    let found = violations(&ranks, dir.path());
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].starts_with("`model` (layer 1) uses `render` (layer 2)"),
        "{found:?}"
    );
    assert!(
        found[1].starts_with("`search` (layer 2) uses `render` (layer 2)"),
        "{found:?}"
    );
}
