//! The benchmark corpora still make sites that vpagen accepts: `benches/corpus/`
//! (the configuration and pages given to `gen-corpus.py`'s plain corpus) and
//! `benches/gen-typed.py` (every type, cross-referenced), each on a small size.

use std::process::Command;

use crate::support::{SiteTest, repo_root};

fn checks_clean(site: &SiteTest, what: &str) {
    let run = site.run(&["check", "--strict"]);
    assert_eq!(
        run.code, 0,
        "{what} no longer checks clean:\n{}",
        run.stderr
    );
}

#[test]
fn the_plain_corpus_configuration_checks_clean() {
    let site = SiteTest::empty();
    let corpus = repo_root().join("benches/corpus");
    let read = |name: &str| std::fs::read(corpus.join(name)).expect("read benches/corpus");
    site.write("site.toml", read("site.toml"));
    site.write("content/pages/impressum.md", read("impressum.md"));
    site.write("content/pages/datenschutz.md", read("datenschutz.md"));
    site.write(
        "content/pages/seite-1.md",
        "+++\ntitle = \"Seite 1\"\n+++\nText mit `Code` und einer Tabelle.\n",
    );
    checks_clean(
        &site,
        "benches/corpus/ (site.toml, impressum.md, datenschutz.md)",
    );
}

#[test]
fn the_typed_corpus_checks_clean() {
    let site = SiteTest::empty();
    let out = site.path().join("typed");
    let status = Command::new("python3")
        .arg(repo_root().join("benches/gen-typed.py"))
        .args(["--pages", "120", "--out"])
        .arg(&out)
        .output()
        .unwrap_or_else(|e| {
            panic!("benches/gen-typed.py needs python3 (apt-get install python3): {e}")
        });
    assert!(
        status.status.success(),
        "benches/gen-typed.py failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let run = crate::support::vpagen()
        .args(["check", "--strict", "--root"])
        .arg(&out)
        .output()
        .expect("run vpagen");
    assert!(
        run.status.success(),
        "the typed corpus no longer checks clean:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}
