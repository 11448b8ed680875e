//! vpagen turns a folder of Markdown files with typed TOML front matter into the
//! static site of a virtual-assistant agency: service catalogue, rate tables,
//! checklists, briefing forms and onboarding guides.
//!
//! Data flows one way:
//!
//! ```text
//! source (files on disk) → content (one validated item per file and language)
//!   → model (the site graph) → check (cross-file rules) → render (HTML in memory)
//!   → leak (audience builds: no hidden text in any file) → output (files on disk,
//!   swapped in atomically)
//! ```
//!
//! Only `source`, `output`, `theme` (user overrides) and `scaffold` touch the disk;
//! everything between is pure and tested without it. [`build`] strings the stages
//! together; [`cli`] is the command-line edge. Beside the pipeline, [`reference`]
//! documents what authors write (`vpagen reference`, `vpagen schema`) from the same
//! types that read it, and [`edit`] changes a content file's text for the browser's
//! forms, keeping everything it does not change byte for byte.
//!
//! ## Layers
//!
//! A module uses only modules on the lines below its own, never one on its own line
//! or above, so the modules form no cycle (`tests/integration/layers.rs` checks every
//! `crate::` path against this block):
//!
//! ```text
//! cli
//! serve
//! build
//! render search leak
//! rendered check stale theme
//! model scaffold
//! reference pricing edit
//! content
//! source
//! config
//! toml_doc markdown output
//! locale
//! util diag kind
//! ```
//!
//! From the bottom: [`kind`] names the content types and items; [`locale`] writes
//! numbers, money and dates as a language does; [`markdown`] turns
//! Markdown into HTML and HTML into plain text; [`output`] holds the files of a
//! built site and writes them; [`config`] is `site.toml`; [`source`] finds and reads
//! the files; [`content`] validates one item per file and language; [`model`] is the
//! site graph with its domain rules (which rate table applies, prices, URLs);
//! [`rendered`] is every item's rendered Markdown, read by [`render`] (templates),
//! [`search`] (the index) and [`leak`] (audience builds).

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod diag;
pub mod edit;
pub mod kind;
pub mod leak;
pub mod locale;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pricing;
pub mod reference;
pub mod render;
pub mod rendered;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod source;
pub mod stale;
pub mod theme;
pub mod toml_doc;
pub mod util;
