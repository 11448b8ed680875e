//! The freshness report: items past or near their `review_by`, rate tables past
//! `valid_until`, and translations made from an older version of their original
//! (`vpagen check --stale`, and `/_vpagen/review/` in `vpagen serve`).

use std::fmt::Write as _;

use crate::content::{Data, Item};
use crate::diag::{FileId, Sources};
use crate::kind::Kind;
use crate::model::Site;
use crate::util::{Date, escape_html};

/// Reviews due within this many days are listed as coming up.
pub const DUE_SOON_DAYS: i64 = 30;

/// Why an item is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// `review_by` has passed.
    ReviewOverdue,
    /// A rate table's `valid_until` has passed.
    Expired,
    /// The original changed after the translation recorded its `source_hash`.
    TranslationBehind,
    /// `review_by` comes within [`DUE_SOON_DAYS`].
    ReviewDue,
    /// The translation records no `source_hash`: its age is unknown.
    TranslationUntracked,
}

impl Status {
    fn text(self, days: i64) -> String {
        match self {
            Status::ReviewOverdue => format!("review overdue by {days} d"),
            Status::Expired => format!("expired {days} d ago"),
            Status::TranslationBehind => "translation behind original".to_owned(),
            Status::ReviewDue => format!("review due in {days} d"),
            Status::TranslationUntracked => "translation not tracked".to_owned(),
        }
    }
}

/// One listed item.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Why it is listed.
    pub status: Status,
    /// Days overdue, expired or until due (0 for translations).
    pub days: i64,
    /// Type.
    pub kind: Kind,
    /// Id.
    pub id: String,
    /// Language of the listed file.
    pub lang: String,
    /// Title in that language.
    pub title: String,
    /// `owner` of the item.
    pub owner: Option<String>,
    /// The date in question (`review_by`, `valid_until`, the translation's
    /// `updated`).
    pub date: Option<Date>,
    /// `path:line` of the key to change.
    pub place: String,
    /// The page, for links in serve.
    pub url: String,
}

/// The report as of a date.
#[derive(Debug, Clone)]
pub struct Freshness {
    /// The date judged against.
    pub date: Date,
    /// Listed items, most urgent first.
    pub entries: Vec<Entry>,
}

impl Freshness {
    /// Collects the report; `place` finds `path:line` of a key of an item's file.
    pub fn collect(
        site: &Site,
        sources: &Sources,
        place: &dyn Fn(FileId, &str) -> String,
    ) -> Freshness {
        let mut entries = Vec::new();
        for item in site.items.iter().chain(&site.hidden) {
            for finding in findings(site, sources, item) {
                entries.push(Entry {
                    status: finding.status,
                    days: finding.days,
                    kind: item.kind,
                    id: item.id.clone(),
                    lang: item.lang.clone(),
                    title: item.title.clone(),
                    owner: item.meta.owner.clone(),
                    date: finding.date,
                    place: place(item.file, finding.key),
                    url: site.url(item),
                });
            }
        }
        // Most urgent first: longest overdue, soonest due.
        let urgency = |e: &Entry| {
            if e.status == Status::ReviewDue {
                e.days
            } else {
                -e.days
            }
        };
        entries.sort_by(|a, b| {
            (a.status, urgency(a), a.kind, &a.id, &a.lang).cmp(&(
                b.status,
                urgency(b),
                b.kind,
                &b.id,
                &b.lang,
            ))
        });
        Freshness {
            date: site.build_date,
            entries,
        }
    }

    fn count(&self, status: Status) -> usize {
        self.entries.iter().filter(|e| e.status == status).count()
    }

    /// "2 reviews overdue, 1 translation behind its original"
    pub fn summary(&self) -> String {
        let parts: Vec<String> = [
            (Status::ReviewOverdue, "review overdue", "reviews overdue"),
            (Status::Expired, "rate table expired", "rate tables expired"),
            (
                Status::TranslationBehind,
                "translation behind its original",
                "translations behind their originals",
            ),
            (
                Status::ReviewDue,
                "review due within 30 days",
                "reviews due within 30 days",
            ),
            (
                Status::TranslationUntracked,
                "translation not tracked",
                "translations not tracked",
            ),
        ]
        .into_iter()
        .filter_map(|(s, one, many)| match self.count(s) {
            0 => None,
            1 => Some(format!("1 {one}")),
            n => Some(format!("{n} {many}")),
        })
        .collect();
        if parts.is_empty() {
            format!("Everything is fresh as of {}.", self.date)
        } else {
            format!("As of {}: {}.", self.date, parts.join(", "))
        }
    }

    /// The report as a table for the terminal.
    pub fn table(&self) -> String {
        let mut out = self.summary();
        out.push('\n');
        if self.entries.is_empty() {
            return out;
        }
        let rows: Vec<[String; 5]> = self
            .entries
            .iter()
            .map(|e| {
                [
                    e.status.text(e.days),
                    format!("{} {} ({})", e.kind.ref_name(), e.id, e.lang),
                    e.owner.clone().unwrap_or_else(|| "–".to_owned()),
                    e.date.map_or_else(|| "–".to_owned(), |d| d.to_string()),
                    e.place.clone(),
                ]
            })
            .collect();
        let head = ["STATUS", "ITEM", "OWNER", "DATE", "FILE"].map(str::to_owned);
        let mut widths = [0usize; 5];
        for row in std::iter::once(&head).chain(&rows) {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        out.push('\n');
        for row in std::iter::once(&head).chain(&rows) {
            let mut line = String::new();
            for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
                if i + 1 == row.len() {
                    line.push_str(cell);
                } else {
                    let _ = write!(line, "{cell}{}  ", " ".repeat(w - cell.chars().count()));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// The report as an HTML page (serve mode), linking each item's page.
    pub fn html(&self, site_title: &str) -> String {
        let mut rows = String::new();
        for e in &self.entries {
            let _ = writeln!(
                rows,
                "<tr><td>{}</td><td><a href=\"{}\">{}</a> <span class=\"muted\">{} {} ({})</span></td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
                escape_html(&e.status.text(e.days)),
                escape_html(&e.url),
                escape_html(&e.title),
                e.kind.ref_name(),
                escape_html(&e.id),
                escape_html(&e.lang),
                escape_html(e.owner.as_deref().unwrap_or("–")),
                e.date.map_or_else(|| "–".to_owned(), |d| d.to_string()),
                escape_html(&e.place),
            );
        }
        let table = if self.entries.is_empty() {
            String::new()
        } else {
            format!(
                "<table><thead><tr><th scope=\"col\">Status</th><th scope=\"col\">Item</th><th scope=\"col\">Owner</th><th scope=\"col\">Date</th><th scope=\"col\">File</th></tr></thead>\n<tbody>\n{rows}</tbody></table>"
            )
        };
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>Freshness · {title}</title>\n<style>body{{font-family:system-ui,sans-serif;margin:2rem;color:#1d2430}}table{{border-collapse:collapse}}th,td{{text-align:left;padding:.3rem .8rem;border-bottom:1px solid #d5dbe3;vertical-align:top}}.muted{{color:#4a5565}}</style></head>\n<body><main><h1>Freshness of {title}</h1>\n<p>{summary} Reviews are listed from {soon} days before they are due; the page follows your edits.</p>\n{table}\n</main></body></html>\n",
            title = escape_html(site_title),
            summary = escape_html(&self.summary()),
            soon = DUE_SOON_DAYS,
        )
    }
}

/// Why an item is listed, before it is an [`Entry`].
struct Finding {
    status: Status,
    /// See [`Entry::days`].
    days: i64,
    /// See [`Entry::date`].
    date: Option<Date>,
    /// The key of the item's file to change.
    key: &'static str,
}

/// Why `item` is listed, if at all: an original for its review date and, for a rate
/// table, its end; a translation for the version of its original.
fn findings(site: &Site, sources: &Sources, item: &Item) -> Vec<Finding> {
    let today = site.build_date;
    if item.file != item.base_file {
        return translation_finding(sources, item).into_iter().collect();
    }
    let mut found = Vec::new();
    if let Some(due) = item.meta.review_by {
        let days = today.days_until(due);
        let status = if days < 0 {
            Some(Status::ReviewOverdue)
        } else if days <= DUE_SOON_DAYS {
            Some(Status::ReviewDue)
        } else {
            None
        };
        if let Some(status) = status {
            found.push(Finding {
                status,
                days: days.abs(),
                date: Some(due),
                key: "review_by",
            });
        }
    }
    if let Data::Rate(r) = &item.data
        && let Some(until) = r.valid_until
        && until < today
        && site.successor(item).is_none()
    {
        found.push(Finding {
            status: Status::Expired,
            days: until.days_until(today),
            date: Some(until),
            key: "valid_until",
        });
    }
    found
}

/// A translation whose original changed after it recorded its `source_hash`, or
/// that records none.
fn translation_finding(sources: &Sources, item: &Item) -> Option<Finding> {
    let current = crate::content::source_hash(sources.text(item.base_file));
    let status = match &item.meta.source_hash {
        Some(h) if *h == current => return None,
        Some(_) => Status::TranslationBehind,
        None => Status::TranslationUntracked,
    };
    Some(Finding {
        status,
        days: 0,
        date: item.meta.updated,
        key: "source_hash",
    })
}
