//! The command-line edge: clap arguments (what the user typed) → options (what the
//! program will do) → a run of the library → an exit code.
//!
//! Exit codes: 0 success; 1 content or configuration errors (reported with file, line
//! and column); 2 usage errors or I/O failures.

/// Writes a line to stdout. A closed pipe (`vpagen check | head`) or a full disk is
/// not worth a panic: the output is lost either way, and the exit code still tells.
macro_rules! out_line {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// Writes a line to stderr, ignoring write errors (see `out_line!`).
macro_rules! err_line {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

/// Writes text to stderr, ignoring write errors (see `out_line!`).
macro_rules! err_text {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr().lock(), $($arg)*);
    }};
}

mod progress;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::build::{self, AudienceChoice, BuildError, BuildOptions, Report};
use crate::diag::{Severity, Style, render, render_error, render_summary};
use crate::kind::Kind;
use crate::reference::{self, Document};
use crate::util::Date;

/// vpagen: static sites for virtual-assistant agencies.
#[derive(Debug, Parser)]
#[command(name = "vpagen", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    command: Command,
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print informational notes too (unused skills and checklists, timings).
    #[arg(short, long, global = true)]
    verbose: bool,
    /// When to colour the output; `NO_COLOR` turns colour off for `auto`.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,
}

/// Colour choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced atomically on success).
    #[command(after_help = "Examples:
  vpagen build                                   build ./ into ./public
  vpagen build --root site --output /srv/www     another site and folder
  vpagen build --base-url https://staging.example.com/agentur/
  vpagen build --date 2027-01-01 --quiet         as of a day, errors only")]
    Build(BuildArgs),
    /// Check the site without writing anything.
    #[command(after_help = "Examples:
  vpagen check                      errors, warnings and notes of ./
  vpagen check --drafts --verbose   including drafts and timings
  vpagen check --stale              table of overdue reviews and old translations
  vpagen check --stale --date 2027-03-31   what is stale or expired by then
  vpagen check --audience public    render the public site and look for leaks")]
    Check(CheckArgs),
    /// Serve the site on 127.0.0.1 and rebuild it as you edit; open pages reload.
    #[command(after_help = "Examples:
  vpagen serve                      http://127.0.0.1:1111/
  vpagen serve --open --port 0      any free port, open the browser
  vpagen serve --poll               on network drives and in containers")]
    Serve(ServeArgs),
    /// Create a starter site in a new or empty folder.
    #[command(after_help = "Example:
  vpagen init buero && cd buero && vpagen serve --open")]
    Init {
        /// The folder to create.
        dir: PathBuf,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = "Examples:
  vpagen completions bash > ~/.local/share/bash-completion/completions/vpagen
  vpagen completions zsh > ~/.zfunc/_vpagen     (with fpath+=~/.zfunc)
  vpagen completions fish > ~/.config/fish/completions/vpagen.fish")]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), generated from this command line's definition.
    #[command(after_help = "Examples:
  vpagen man | man -l -
  vpagen man > ~/.local/share/man/man1/vpagen.1")]
    Man,
    /// Print the reference of every key of site.toml and of each type's front matter
    /// (Markdown): type, required or not, default, allowed values, translatable or
    /// not, checks, description and an example.
    #[command(after_help = "Examples:
  vpagen reference                         site.toml and every content type
  vpagen reference rates                   the keys of content/rates/*.md
  vpagen reference > docs/reference.md     refresh the repository's reference")]
    Reference {
        /// `site` for site.toml, or a content type by its folder name [default: all]
        #[arg(value_enum, value_name = "TYPE")]
        doc: Option<DocArg>,
    },
    /// Print or write the JSON Schemas of site.toml and of each type's front matter,
    /// for completion and checks in editors (taplo, Even Better TOML).
    #[command(after_help = "Examples:
  vpagen schema site                       print the schema of site.toml
  vpagen schema --out schema               write all, e.g. schema/site.schema.json
  vpagen schema --out docs/schema          refresh the repository's schemas

A first line `#:schema ./schema/site.schema.json` in site.toml points taplo-based
editors at the schema (`vpagen init` writes both).")]
    Schema {
        /// `site` for site.toml, or a content type by its folder name [default with
        /// --out: all]
        #[arg(value_enum, value_name = "TYPE", required_unless_present = "out")]
        doc: Option<DocArg>,
        /// Write `site.schema.json` and `<type>.schema.json` into this folder,
        /// replacing older ones, instead of printing
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Create a content file with the type's required keys filled in.
    #[command(after_help = "Examples:
  vpagen new service lohnabrechnung
  vpagen new checklist datenschutz-homeoffice --root site
  vpagen new service lohnabrechnung --lang en")]
    New {
        /// Content type.
        #[arg(value_enum)]
        kind: NewKind,
        /// Id of the new item (lower-case kebab, e.g. `lohnabrechnung`).
        id: String,
        /// Create the translation of the existing item `id` into this language instead:
        /// its texts, each marked `TODO: `, to translate.
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// Site folder.
        #[arg(long, default_value = ".", value_name = "DIR", env = "VPAGEN_ROOT")]
        root: PathBuf,
    },
}

/// Documents for `vpagen reference` and `vpagen schema`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DocArg {
    /// site.toml.
    Site,
    /// content/services/*.md.
    Services,
    /// content/skills/*.md.
    Skills,
    /// content/checklists/*.md.
    Checklists,
    /// content/rates/*.md.
    Rates,
    /// content/briefings/*.md.
    Briefings,
    /// content/guides/*.md.
    Guides,
    /// content/pages/*.md.
    Pages,
}

impl From<DocArg> for Document {
    fn from(d: DocArg) -> Document {
        match d {
            DocArg::Site => Document::Site,
            DocArg::Services => Document::Content(Kind::Service),
            DocArg::Skills => Document::Content(Kind::Skill),
            DocArg::Checklists => Document::Content(Kind::Checklist),
            DocArg::Rates => Document::Content(Kind::Rate),
            DocArg::Briefings => Document::Content(Kind::Briefing),
            DocArg::Guides => Document::Content(Kind::Guide),
            DocArg::Pages => Document::Content(Kind::Page),
        }
    }
}

/// Content types for `vpagen new`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum NewKind {
    /// A service of the catalogue.
    Service,
    /// A skill.
    Skill,
    /// A checklist.
    Checklist,
    /// A rate table.
    Rate,
    /// A briefing template.
    Briefing,
    /// An onboarding guide.
    Guide,
    /// A page.
    Page,
}

impl From<NewKind> for Kind {
    fn from(k: NewKind) -> Kind {
        match k {
            NewKind::Service => Kind::Service,
            NewKind::Skill => Kind::Skill,
            NewKind::Checklist => Kind::Checklist,
            NewKind::Rate => Kind::Rate,
            NewKind::Briefing => Kind::Briefing,
            NewKind::Guide => Kind::Guide,
            NewKind::Page => Kind::Page,
        }
    }
}

#[derive(Debug, clap::Args)]
struct SiteArgs {
    /// Site folder (holds site.toml).
    #[arg(long, default_value = ".", value_name = "DIR", env = "VPAGEN_ROOT")]
    root: PathBuf,
    /// Include drafts.
    #[arg(long)]
    drafts: bool,
    /// Judge dates (`review_by`, `valid_until`, rate-table validity) as of this day
    /// instead of today; for reproducible checks. Without it, the day of
    /// `SOURCE_DATE_EPOCH` (seconds since 1970) when set, else today (UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<Date>,
    /// Build for this audience of site.toml's `[[audience]]`: only what it may see is
    /// written. [default: `build` the first (public); `check` and `serve` the last,
    /// which sees everything]
    #[arg(long, value_name = "ID")]
    audience: Option<String>,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Also print a table of items past or near their `review_by`, expired rate
    /// tables and translations older than their original (`vpagen serve` shows it at
    /// /_vpagen/review/).
    #[arg(long)]
    stale: bool,
    /// Treat warnings as errors, placeholders (`TODO`) included: exit 1 if any.
    #[arg(long)]
    strict: bool,
}

#[derive(Debug, clap::Args)]
struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Output folder [default: <root>/public].
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Override `base_url` of site.toml (e.g. for a staging address).
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    base_url: Option<String>,
    /// Treat warnings as errors, placeholders (`TODO`) included: nothing is written if
    /// any is left. For deploy pipelines.
    #[arg(long)]
    strict: bool,
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Port to listen on (0 picks a free one).
    #[arg(short, long, default_value_t = 1111)]
    port: u16,
    /// Address to listen on; anything but a loopback address makes the site reachable
    /// from other machines.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
    /// Poll the folders for changes instead of using the system's file events (for
    /// network drives and containers).
    #[arg(long)]
    poll: bool,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
}

fn parse_base_url(s: &str) -> Result<String, String> {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    match rest {
        Some(host)
            if !host.is_empty() && !host.starts_with('/') && !s.contains(char::is_whitespace) =>
        {
            Ok(s.to_owned())
        }
        _ => Err(format!(
            "`{s}` is not an absolute http(s) address, e.g. https://example.com or https://example.com/agentur/"
        )),
    }
}

impl SiteArgs {
    fn options(
        &self,
        output: Option<PathBuf>,
        base_url: Option<String>,
        default: AudienceChoice,
    ) -> Result<BuildOptions, String> {
        let date = match self.date {
            Some(date) => date,
            None => Date::today()?,
        };
        Ok(BuildOptions {
            audience: self.audience.clone().map_or(default, AudienceChoice::Named),
            output: output.unwrap_or_else(|| self.root.join("public")),
            root: self.root.clone(),
            drafts: self.drafts,
            base_url,
            date,
            strict: false,
        })
    }
}

/// Parses the command line, runs, and returns the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let style = Style {
        color: use_color(cli.color),
    };
    match run(&cli, style) {
        Ok(code) => code,
        Err(message) => {
            err_line!("{message}");
            ExitCode::from(2)
        }
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stderr().is_terminal()
        }
    }
}

fn run(cli: &Cli, style: Style) -> Result<ExitCode, String> {
    match &cli.command {
        Command::Build(args) => {
            let opts = BuildOptions {
                strict: args.strict,
                ..args.site.options(
                    args.output.clone(),
                    args.base_url.clone(),
                    AudienceChoice::Widest,
                )?
            };
            let result = if !cli.quiet && std::io::stderr().is_terminal() {
                let bar = progress::Bar::new();
                let result = build::build_with(&opts, &bar);
                drop(bar);
                result
            } else {
                build::build(&opts)
            };
            Ok(finish(cli, style, result, "build", Some(&opts.output)))
        }
        Command::Check(args) => check(cli, style, args),
        Command::Serve(args) => {
            let opts = crate::serve::ServeOptions {
                build: args.site.options(None, None, AudienceChoice::Everything)?,
                bind: args.bind,
                port: args.port,
                open: args.open,
                poll: args.poll,
                quiet: cli.quiet,
                style,
            };
            crate::serve::serve(opts).map_err(|e| render_error(Severity::Error, &e))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "vpagen", &mut out);
            write_stdout(&out)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(|e| format!("cannot render the manual page: {e}"))?;
            write_stdout(&out)
        }
        Command::Reference { doc } => {
            write_stdout(reference::markdown(doc.map(Document::from)).as_bytes())
        }
        Command::Schema { doc, out } => schema(cli, doc.map(Document::from), out.as_deref()),
        Command::Init { dir } => crate::scaffold::init(dir)
            .map(|written| {
                if !cli.quiet {
                    out_line!(
                        "Created a starter site with {written} files in {}.",
                        dir.display()
                    );
                    out_line!(
                        "Next: cd {} && vpagen serve --open, and replace each TODO that `vpagen check` lists.",
                        dir.display()
                    );
                }
                ExitCode::SUCCESS
            })
            .map_err(|e| render_error(Severity::Error, &e)),
        Command::New {
            kind,
            id,
            lang,
            root,
        } => new(cli, (*kind).into(), id, lang.as_deref(), root),
    }
}

/// `vpagen new`: an item, or with `--lang` the translation of one.
fn new(
    cli: &Cli,
    kind: crate::kind::Kind,
    id: &str,
    lang: Option<&str>,
    root: &std::path::Path,
) -> Result<ExitCode, String> {
    match lang {
        Some(lang) => crate::scaffold::new_translation(root, kind, id, lang),
        None => crate::scaffold::new_item(root, kind, id, Date::today()?),
    }
    .map(|path| {
        if !cli.quiet {
            out_line!("Created {}", path.display());
        }
        ExitCode::SUCCESS
    })
    .map_err(|e| render_error(Severity::Error, &e))
}

/// `vpagen check`, with the freshness table of `--stale` after the summary.
fn check(cli: &Cli, style: Style, args: &CheckArgs) -> Result<ExitCode, String> {
    let opts = BuildOptions {
        strict: args.strict,
        ..args.site.options(None, None, AudienceChoice::Everything)?
    };
    let result = build::check(&opts);
    let table = match &result {
        Ok(report) => report.freshness.as_ref(),
        Err(BuildError::Content(report)) => report.freshness.as_ref(),
        Err(_) => None,
    }
    .filter(|_| args.stale)
    .map(crate::stale::Freshness::table);
    let code = finish(cli, style, result, "check", None);
    if let Some(table) = table {
        out_line!("\n{table}");
    }
    Ok(code)
}

/// `vpagen schema`: prints one schema, or writes the named one or all into `out`.
fn schema(
    cli: &Cli,
    doc: Option<Document>,
    out: Option<&std::path::Path>,
) -> Result<ExitCode, String> {
    let Some(dir) = out else {
        // clap requires a type without --out.
        let doc = doc.unwrap_or(Document::Site);
        return write_stdout(reference::schema_json(doc).as_bytes());
    };
    let files: Vec<(String, String)> = match doc {
        Some(doc) => vec![doc],
        None => Document::all().collect(),
    }
    .into_iter()
    .map(|d| (d.schema_file(), reference::schema_json(d)))
    .collect();
    crate::scaffold::write_generated(dir, &files).map_err(|e| render_error(Severity::Error, &e))?;
    if !cli.quiet {
        out_line!("Wrote {} schema file(s) to {}.", files.len(), dir.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes generated text (completions, the manual page) to stdout.
fn write_stdout(bytes: &[u8]) -> Result<ExitCode, String> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .map(|()| ExitCode::SUCCESS)
        .map_err(|e| format!("cannot write to standard output: {e}"))
}

/// The closing lines of a run without errors: the phases (with `--verbose`) and what
/// was built or checked.
fn succeeded(cli: &Cli, report: &Report, output: Option<&PathBuf>) {
    if cli.verbose {
        let phases: Vec<String> = report
            .phases
            .iter()
            .map(|(name, d)| match *name {
                // `vpagen build` builds the index while it writes the pages.
                "search" if report.phases.iter().any(|(n, _)| *n == "pages") => {
                    format!("search {} ms (alongside pages)", d.as_millis())
                }
                _ => format!("{name} {} ms", d.as_millis()),
            })
            .collect();
        err_line!("phases: {}", phases.join(", "));
    }
    if cli.quiet {
        return;
    }
    let ms = report.elapsed.as_millis();
    let warn = match report.diagnostics.count(Severity::Warning) {
        0 => "no warnings".to_owned(),
        1 => "1 warning".to_owned(),
        n => format!("{n} warnings"),
    };
    if let Some(out) = output {
        out_line!(
            "Built {} pages ({} files) into {} with {warn} in {ms} ms.",
            report.pages,
            report.files,
            out.display()
        );
    } else {
        out_line!(
            "Checked {} pages: no errors, {warn} ({ms} ms).",
            report.pages
        );
    }
}

/// Prints diagnostics and the summary; maps the outcome to an exit code.
fn finish(
    cli: &Cli,
    style: Style,
    result: Result<Report, BuildError>,
    what: &str,
    output: Option<&PathBuf>,
) -> ExitCode {
    let show = |severity: Severity, has_errors: bool| match severity {
        Severity::Error => true,
        Severity::Warning => !cli.quiet,
        // Advice is noise while errors are open.
        Severity::Info => (cli.verbose || (what == "check" && !cli.quiet)) && !has_errors,
    };
    // `check` never writes; a failed `build` says that it left the output alone.
    let unwritten = if output.is_some() {
        "; nothing was written"
    } else {
        ""
    };
    let print = |report: &Report| {
        let has_errors = report.diagnostics.has_errors();
        for d in report.diagnostics.sorted() {
            if show(d.severity, has_errors) {
                err_text!("{}", render(d, &report.sources, style));
            }
        }
    };
    match result {
        Ok(report) => {
            print(&report);
            succeeded(cli, &report, output);
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(report)) => {
            print(&report);
            if let Some(summary) = render_summary(&report.diagnostics, style) {
                err_line!("{summary}{unwritten}");
            }
            ExitCode::from(1)
        }
        Err(BuildError::Render(e)) => {
            let text = e.to_string();
            if text.starts_with("error") {
                err_line!("{text}");
            } else {
                err_line!("error: {text}");
            }
            err_line!(
                " = help: fix the template in themes/ (or remove your override to fall back to the default theme){unwritten}"
            );
            ExitCode::from(1)
        }
        Err(e) => {
            err_line!("{}", render_error(Severity::Error, &e));
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
