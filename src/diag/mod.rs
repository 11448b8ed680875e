//! Diagnostics: what went wrong in a user's file, where, and how to fix it.
//!
//! Every stage that reads user input reports problems as [`Diagnostic`]s into a
//! [`Diagnostics`] collector instead of stopping at the first one, so a single run
//! shows every problem at once. A diagnostic points at a byte span of a file in the
//! [`Sources`] table; spans are always in the coordinates of the whole file (front
//! matter offsets are added by the loader), so `path:line:col` is what an editor shows.
//!
//! Rendering happens once, at the edge ([`render`]), in the layered style of rustc and
//! `just`: a headline, the location, the source line with a marker under the span, and
//! a `help` line that says what to do.

mod render;
mod sources;
mod suggest;

pub use render::{Failure, Style, render, render_error, render_summary};
pub use sources::{FileId, Sources};
pub use suggest::did_you_mean;

use std::ops::Range;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Fails the build (exit code 1).
    Error,
    /// Reported, but the build still succeeds.
    Warning,
    /// Advice, shown by `vpagen check` and `--verbose` builds.
    Info,
}

/// A problem in the user's input, with an optional location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error, warning or info.
    pub severity: Severity,
    /// The check's code from the content model (`C1` … `C14`), if it has one.
    pub code: Option<&'static str>,
    /// One lowercase sentence without a trailing period.
    pub message: String,
    /// Where the problem is; `None` for problems of the whole site.
    pub location: Option<Location>,
    /// Short text printed under the marked span.
    pub label: Option<String>,
    /// What the user can do about it.
    pub help: Option<String>,
}

/// A byte span in one source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file.
    pub file: FileId,
    /// Byte range in the whole file; may be empty (then one column is marked).
    pub span: Range<usize>,
}

impl Diagnostic {
    /// A new error with a message and no location.
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message)
    }

    /// A new warning with a message and no location.
    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message)
    }

    /// A new informational note with a message and no location.
    pub fn info(message: impl Into<String>) -> Self {
        Self::new(Severity::Info, message)
    }

    fn new(severity: Severity, message: impl Into<String>) -> Self {
        Self {
            severity,
            code: None,
            message: message.into(),
            location: None,
            label: None,
            help: None,
        }
    }

    /// Sets the check code (`C1` …).
    #[must_use]
    pub fn code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    /// Points the diagnostic at a span of a file.
    #[must_use]
    pub fn at(mut self, file: FileId, span: Range<usize>) -> Self {
        self.location = Some(Location { file, span });
        self
    }

    /// Sets the label under the marked span.
    #[must_use]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Sets the help line.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the help line if there is one.
    #[must_use]
    pub fn maybe_help(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    /// Sets the help to "did you mean `…`?" when one of `candidates` is close enough
    /// to `unknown` to be what the author meant; add the list of all candidates after
    /// it with [`Diagnostic::help_line`].
    #[must_use]
    pub fn suggest<'a>(self, unknown: &str, candidates: impl IntoIterator<Item = &'a str>) -> Self {
        self.maybe_help(did_you_mean(unknown, candidates).map(|s| format!("did you mean `{s}`?")))
    }

    /// Adds a line under the help set so far (a "did you mean" stays above the list
    /// of allowed values), or sets the help if there is none yet.
    #[must_use]
    pub fn help_line(mut self, line: impl Into<String>) -> Self {
        let line = line.into();
        self.help = Some(match self.help.take() {
            Some(help) => format!("{help}\n{line}"),
            None => line,
        });
        self
    }
}

/// Collects the diagnostics of one run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds all diagnostics of another collector.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Whether any error was reported.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// Turns every warning into an error (`--strict`), saying why in its help.
    pub fn promote_warnings(&mut self) {
        for d in &mut self.items {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
                let note = "`--strict` treats warnings as errors";
                d.help = Some(match d.help.take() {
                    Some(h) => format!("{h} ({note})"),
                    None => note.to_owned(),
                });
            }
        }
    }

    /// How many diagnostics of a severity were reported.
    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// All diagnostics, errors first, then by file and position, so output is stable
    /// whatever order the checks ran in.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                (
                    d.severity,
                    d.location.as_ref().map(|l| (l.file, l.span.start)),
                )
            };
            key(a).cmp(&key(b))
        });
        items
    }

    /// Whether nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Iterates in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}
