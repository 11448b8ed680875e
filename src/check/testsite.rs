//! The checks of a test site (see `model::testsite`): every diagnostic they report.

use crate::diag::{Diagnostic, Diagnostics, Sources};
use crate::model::Anchors;
pub(super) use crate::model::testsite::{RATES, SERVICE, SKILL, TestSite, md, site};

use super::Checker;

/// Runs every check on a test site.
pub(super) trait Check {
    /// Loads the site and runs every check. Panics when `site.toml` or a content
    /// file has errors of its own: the tests are about the checks across files.
    fn check(self) -> Checked;
}

impl Check for TestSite {
    fn check(self) -> Checked {
        let t = self.load();
        let mut checks = Diagnostics::new();
        Checker {
            site: &t.site,
            loaded: &t.loaded,
            sources: &t.sources,
            anchors: &Anchors::new(),
        }
        .run(&mut checks);
        Checked {
            diags: checks.iter().cloned().collect(),
            sources: t.sources,
        }
    }
}

/// `severity[code]: message` of a diagnostic.
fn summary(d: &Diagnostic) -> String {
    format!("{:?}[{}]: {}", d.severity, d.code.unwrap_or("-"), d.message)
}

/// The diagnostics of the checks of a test site.
pub(super) struct Checked {
    /// In the order the checks reported them.
    pub(super) diags: Vec<Diagnostic>,
    sources: Sources,
}

impl Checked {
    /// `severity[code]: message` of each diagnostic, in order.
    pub(super) fn summaries(&self) -> Vec<String> {
        self.diags.iter().map(summary).collect()
    }

    /// The one diagnostic whose message contains `text`.
    pub(super) fn find(&self, text: &str) -> &Diagnostic {
        let found: Vec<&Diagnostic> = self
            .diags
            .iter()
            .filter(|d| d.message.contains(text))
            .collect();
        match found.as_slice() {
            [one] => one,
            _ => panic!(
                "not one diagnostic with {text:?} in: {:#?}",
                self.summaries()
            ),
        }
    }

    /// The text of the file and line a diagnostic points at, e.g.
    /// `content/services/x.md: level = "sichr"`.
    pub(super) fn place(&self, d: &Diagnostic) -> String {
        let location = d.location.as_ref().expect("a located diagnostic");
        let text = self.sources.text(location.file);
        let start = text[..location.span.start].rfind('\n').map_or(0, |i| i + 1);
        let line = text[start..].lines().next().unwrap_or_default();
        format!(
            "{}: {}",
            self.sources.path(location.file).display(),
            line.trim()
        )
    }
}
