//! Rendering diagnostics as text for a terminal.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::{Diagnostic, Diagnostics, Severity, Sources};

/// How to render: with or without ANSI colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// Emit ANSI colour codes.
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

fn severity_name(severity: Severity) -> (&'static str, &'static str) {
    match severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
        Severity::Info => ("info", "1;36"),
    }
}

const GUTTER: &str = "1;34";

/// Renders one diagnostic, ending with a blank line.
pub fn render(diagnostic: &Diagnostic, sources: &Sources, style: Style) -> String {
    let (name, color) = severity_name(diagnostic.severity);
    let mut out = String::new();
    let head = match diagnostic.code {
        Some(code) => format!("{name}[{code}]"),
        None => name.to_owned(),
    };
    let _ = writeln!(
        out,
        "{}{}",
        style.paint(color, &head),
        style.paint("1", &format!(": {}", diagnostic.message))
    );

    let mut pad = String::from(" ");
    if let Some(location) = &diagnostic.location {
        let text = sources.text(location.file);
        let (line, col) = sources.line_col(location.file, location.span.start);
        pad = " ".repeat(line.to_string().len() + 1);
        let _ = writeln!(
            out,
            "{}{} {}:{line}:{col}",
            &pad[1..],
            style.paint(GUTTER, "-->"),
            sources.path(location.file).display()
        );
        let range = sources.line_range(location.file, location.span.start);
        let source_line = &text[range.clone()];
        let mut start = location.span.start.clamp(range.start, range.end);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = location.span.end.clamp(start, range.end);
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let indent = display_width(&text[range.start..start]);
        let width = display_width(&text[start..end]).max(1);
        let bar = style.paint(GUTTER, "|");
        let _ = writeln!(out, "{pad}{bar}");
        let _ = writeln!(
            out,
            "{}{bar} {}",
            style.paint(GUTTER, &format!("{line} ")),
            source_line.replace('\t', "    ")
        );
        let marker = format!("{}{}", " ".repeat(indent), "^".repeat(width));
        let label = diagnostic
            .label
            .as_deref()
            .map(|l| format!(" {l}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{pad}{bar} {}",
            style.paint(color, &format!("{marker}{label}"))
        );
    }
    if let Some(help) = &diagnostic.help {
        let mut lines = help.lines();
        if let Some(first) = lines.next() {
            let _ = writeln!(out, "{pad}{} {first}", style.paint("1", "= help:"));
        }
        for rest in lines {
            let _ = writeln!(out, "{pad}        {rest}");
        }
    }
    out.push('\n');
    out
}

/// A failure of the program that may know what the user can do about it. Its
/// `Display` is the message alone; [`render_error`] prints the help once, after every
/// cause.
pub trait Failure: std::error::Error {
    /// What to do about it, if the failure knows.
    fn help(&self) -> Option<String> {
        None
    }
}

/// A failure of the program (a port that is taken, a file that cannot be read), with
/// its causes: `error: cannot listen on 127.0.0.1:1111: Address already in use`.
///
/// Each cause is printed once: a cause whose text the message before it already
/// holds (as some libraries put their source into their own message) is left out.
/// The failure's help comes last, on its own line.
pub fn render_error(severity: Severity, failure: &dyn Failure) -> String {
    let mut text = format!("{}: ", severity_name(severity).0);
    let mut previous = String::new();
    let mut next: Option<&dyn std::error::Error> = Some(failure);
    while let Some(e) = next {
        let message = e.to_string();
        if !previous.contains(&message) {
            if !previous.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&message);
        }
        previous = message;
        next = e.source();
    }
    if let Some(help) = failure.help() {
        let _ = write!(text, "\n = help: {help}");
    }
    text
}

/// Width of text in terminal columns; tabs count as four.
fn display_width(text: &str) -> usize {
    text.split('\t').map(UnicodeWidthStr::width).sum::<usize>() + 4 * text.matches('\t').count()
}

/// The closing line of a report: how many errors and warnings were found.
pub fn render_summary(diagnostics: &Diagnostics, style: Style) -> Option<String> {
    let errors = diagnostics.count(Severity::Error);
    let warnings = diagnostics.count(Severity::Warning);
    if errors == 0 && warnings == 0 {
        return None;
    }
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    Some(if errors > 0 {
        let (_, color) = severity_name(Severity::Error);
        let mut line = format!(
            "{}: found {}",
            style.paint(color, "error"),
            plural(errors, "error")
        );
        if warnings > 0 {
            let _ = write!(line, " and {}", plural(warnings, "warning"));
        }
        line
    } else {
        let (_, color) = severity_name(Severity::Warning);
        format!(
            "{}: found {}",
            style.paint(color, "warning"),
            plural(warnings, "warning")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An error whose message carries help, caused by `source`.
    #[derive(Debug)]
    struct Chain {
        message: &'static str,
        help: Option<&'static str>,
        source: Option<Box<Chain>>,
    }

    impl std::fmt::Display for Chain {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.message)
        }
    }

    impl std::error::Error for Chain {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.source.as_deref().map(|s| s as _)
        }
    }

    impl super::Failure for Chain {
        fn help(&self) -> Option<String> {
            self.help.map(str::to_owned)
        }
    }

    fn failure(message: &'static str, source: Option<Chain>) -> Chain {
        Chain {
            message,
            help: None,
            source: source.map(Box::new),
        }
    }

    #[test]
    fn an_error_prints_each_cause_once_and_its_help_last() {
        let os = failure("Address already in use (os error 98)", None);
        let bind = Chain {
            help: Some("choose another port with `--port 1112`"),
            ..failure("cannot listen on 127.0.0.1:1111", Some(os))
        };
        assert_eq!(
            render_error(Severity::Error, &bind),
            "error: cannot listen on 127.0.0.1:1111: Address already in use (os error 98)\n = help: choose another port with `--port 1112`"
        );
        // A library error that puts its source into its own message.
        let io = failure("Permission denied (os error 13)", None);
        let walk = failure("IO error for /x: Permission denied (os error 13)", Some(io));
        let ours = failure("cannot walk /x", Some(walk));
        assert_eq!(
            render_error(Severity::Warning, &ours),
            "warning: cannot walk /x: IO error for /x: Permission denied (os error 13)"
        );
    }

    #[test]
    fn renders_location_marker_and_help() {
        let mut sources = Sources::new();
        let file = sources.add("content/services/a.md", "+++\nid = \"englsch\"\n+++\n");
        let start = sources.text(file).find("\"englsch\"").unwrap();
        let diagnostic = Diagnostic::error("unknown skill `englsch`")
            .code("C1")
            .at(file, start..start + 9)
            .label("no skill with this id")
            .help("did you mean `englisch`?");
        let text = render(&diagnostic, &sources, Style::default());
        assert_eq!(
            text,
            "error[C1]: unknown skill `englsch`\n \
             --> content/services/a.md:2:6\n  \
             |\n\
             2 | id = \"englsch\"\n  \
             |      ^^^^^^^^^ no skill with this id\n  \
             = help: did you mean `englisch`?\n\n"
        );
    }
}
