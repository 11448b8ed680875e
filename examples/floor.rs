//! The "floor" of a vpagen build: pulldown-cmark alone rendering the same Markdown
//! bodies and writing one HTML file per page, in parallel. Nothing else — no
//! templates, no checks, no links, no highlighting, no search index — so its time is a
//! lower bound that `vpagen build` cannot beat on the same content; `benches/build.sh`
//! reports vpagen's time as a multiple of it.
//!
//! ```text
//! cargo run --release --example floor -- <content-dir> <out-dir>
//! ```
//!
//! For every `*.md` below `<content-dir>` (walkdir) it strips the `+++` TOML front
//! matter, renders the body to HTML with the options of `src/markdown/mod.rs` and
//! writes `<out-dir>/<relative path without .md>/index.html` (rayon). It prints the
//! number of files and the elapsed milliseconds.

#![allow(
    clippy::print_stdout,
    reason = "a command-line benchmark prints its result"
)]
// Like the I/O edges of the crate (source/, output/), this program reads and writes files.
#![allow(clippy::disallowed_methods)]

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;
use walkdir::WalkDir;

/// The same extensions vpagen enables (`options()` in src/markdown/mod.rs).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// The Markdown body: everything after the closing `+++` line if the file opens with
/// one (as src/content/split.rs reads it), else the whole text.
fn body(text: &str) -> &str {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some("+++") {
        return text;
    }
    let mut offset = text.find('\n').map_or(text.len(), |i| i + 1);
    for line in lines {
        offset += line.len();
        if line.trim_end() == "+++" {
            return &text[offset..];
        }
    }
    ""
}

/// Renders one file and writes it to its place below `out`.
fn render(file: &Path, content: &Path, out: &Path) -> Result<(), Box<dyn Error + Send + Sync>> {
    let text = fs::read_to_string(file)?;
    let markdown = body(&text);
    let mut page = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut page, Parser::new_ext(markdown, options()));
    let dir = out.join(file.strip_prefix(content)?.with_extension(""));
    fs::create_dir_all(&dir)?;
    fs::write(dir.join("index.html"), page)?;
    Ok(())
}

fn main() -> Result<(), Box<dyn Error + Send + Sync>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [content, out] = args.as_slice() else {
        return Err("usage: floor <content-dir> <out-dir>".into());
    };
    let (content, out) = (PathBuf::from(content), PathBuf::from(out));
    let start = Instant::now();
    let files: Vec<PathBuf> = WalkDir::new(&content)
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    files
        .par_iter()
        .try_for_each(|f| render(f, &content, &out))?;
    println!(
        "floor: {} files in {} ms",
        files.len(),
        start.elapsed().as_millis()
    );
    Ok(())
}
