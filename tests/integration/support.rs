//! `SiteTest`: copy a fixture site to a temporary folder, run the binary, inspect.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use vpagen::content::raw::{PriceBasis, RateAudience};
use vpagen::content::types::RateTable;
use vpagen::content::values::{Money, Percent};
use vpagen::util::Date;

/// The day every run of the suite takes as today, 2026-12-01 12:00 UTC, as
/// `SOURCE_DATE_EPOCH`. A test that needs another day passes `--date` or sets the
/// variable itself; no run reads the clock, so the suite gives the same result on
/// any day it runs.
const SUITE_EPOCH: &str = "1796126400";

/// The `vpagen` binary as every test runs it: no colour, no inherited
/// `VPAGEN_ROOT`, and today fixed to 2026-12-01 ([`SUITE_EPOCH`]).
pub(crate) fn vpagen() -> Command {
    let mut command = Command::new(vpagen_binary());
    suite_env(&mut command);
    command
}

/// The path of the `vpagen` binary under test.
pub(crate) fn vpagen_binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_vpagen"))
}

/// The environment of every run of the binary: see [`vpagen`].
pub(crate) fn suite_env(command: &mut Command) {
    command
        .env("NO_COLOR", "1")
        .env_remove("VPAGEN_ROOT")
        .env("SOURCE_DATE_EPOCH", SUITE_EPOCH);
}

/// The repository root (the bundled example site).
pub(crate) fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<rel>`.
pub(crate) fn fixture(rel: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(rel)
}

/// Copies a folder tree.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("inside");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("create dir");
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A site in a temporary folder.
pub(crate) struct SiteTest {
    pub dir: tempfile::TempDir,
}

/// The result of one run.
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl SiteTest {
    /// An empty temporary folder.
    pub(crate) fn empty() -> SiteTest {
        SiteTest {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// A copy of `tests/fixtures/<rel>`.
    pub(crate) fn fixture(rel: &str) -> SiteTest {
        let t = SiteTest::empty();
        copy_tree(&fixture(rel), t.path());
        t
    }

    /// The site folder.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes (or overwrites) a file of the site.
    pub(crate) fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.path().join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, contents).expect("write");
        self
    }

    /// Reads a file of the site (or its output) as text.
    pub(crate) fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// Runs `vpagen` with `args` in the site folder, on the suite's day.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        let output = vpagen()
            .args(args)
            .current_dir(self.path())
            .output()
            .expect("run vpagen");
        Run::from(output)
    }
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// Runs `node <script> <args>` in the repository root for the test `what` and returns
/// its standard output; fails with how to install Node.js when it is missing, and with
/// the script's standard error when it fails.
pub(crate) fn node<I, S>(script: &str, args: I, what: &str) -> Vec<u8>
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let output = match Command::new("node")
        .arg(script)
        .args(args)
        .current_dir(repo_root())
        .output()
    {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "the {what} needs Node.js (`node` on the PATH); \
             install Node.js 20.19 or later (https://nodejs.org) and rerun"
        ),
        Err(e) => panic!("could not run node: {e}"),
    };
    assert!(
        output.status.success(),
        "node {script} failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

impl Run {
    /// Panics with the output unless the exit code is `code`.
    pub(crate) fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// The `<main>…</main>` element of a page.
pub(crate) fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>") + "</main>".len();
    &html[start..end]
}

/// A rate table for price tests from its basis, VAT (hundredths of a percent), hourly
/// rate (cents), increment and minimum (minutes); without areas, packages or
/// surcharges of its own.
pub(crate) fn rate_table(
    (basis, vat, base, inc, minimum): (PriceBasis, i64, Option<i64>, u32, Option<u32>),
) -> RateTable {
    RateTable {
        currency: "EUR".to_owned(),
        price_basis: basis,
        vat_rate: (basis != PriceBasis::Kleinunternehmer).then_some(Percent(vat)),
        audience: RateAudience::B2b,
        valid_from: Date::new(2025, 1, 1).expect("date"),
        valid_until: None,
        applies_to: Vec::new(),
        base_hourly: base.map(Money),
        billing_increment_min: inc,
        minimum_per_task_min: minimum,
        notice: None,
        payment_terms: None,
        expenses: None,
        trial: None,
        trial_offer: None,
        areas: Vec::new(),
        packages: Vec::new(),
        surcharges: Vec::new(),
        units: Vec::new(),
    }
}
