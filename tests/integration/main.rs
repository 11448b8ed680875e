//! The one integration test binary: drives the real `vpagen` executable on fixture
//! sites copied into temporary folders. One module per feature.

// Tests set up fixture sites on disk.
#![allow(clippy::disallowed_methods)]

mod support;

/// Byte-identical rebuilds; killed builds leave the old or the new site.
mod atomic;
/// Audiences: what each build holds, and the leak check.
mod audience;
/// Hardening: bad inputs of every kind fail located, never panic, and leave the
/// output folder as it was.
mod bad_input;
/// The benchmark corpora make sites that check clean.
mod benches;
/// `vpagen build` on fixture sites: pages, output safety.
mod build;
/// The browser's rate calculator (JS) against `vpagen::pricing`, on generated cases.
mod calculator;
/// Exit codes, usage errors, verbosity.
mod cli;
/// Every kind of diagnostic, exactly as the user sees it.
mod diagnostics;
/// Format-preserving edits of content files (`vpagen::edit`): byte-identical saves,
/// one-line diffs, entries that move with their text.
mod edit;
/// The bundled examples check and build clean: the one test that reads them.
mod examples;
/// Hostile content (script tags, handlers, script URLs, JSON-breaking characters)
/// renders as text in every output file; script links fail the build.
mod hostile;
/// German and English: no interface string of one language on pages of the other.
mod i18n;
/// A German-only site under § 19 UStG without audiences: the note instead of VAT.
mod kleinunternehmer;
/// The layer order of `src/lib.rs`: no module imports one above it.
mod layers;
/// Every address of a sub-path build and of the offline build resolves to a file.
mod links;
/// Print bundles: appendices of checklists and briefings, in German and English.
mod print;
/// Property tests of the pure stages: splitter, front matter, Markdown, search, prices.
mod props;
/// `vpagen reference` and `vpagen schema`: docs/ is their output, a complete site is
/// valid in the schemas, and the schemas reject bad keys and values.
mod reference;
/// Rendered pages: snapshots of `<main>`, escaping, theme overrides.
mod render;
/// `vpagen init` and `vpagen new`.
mod scaffold;
/// Search relevance (golden queries), index budgets, and a snapshot of a small
/// site's whole index.
mod search;
/// `vpagen serve`: live edits, reload events, the error overlay, request guards.
mod serve;
/// The freshness report of `vpagen check --stale`.
mod stale;
/// The browser stemmers (JS) against `rust-stemmers`, word by word.
mod stemmers;
