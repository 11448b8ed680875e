//! `vpagen check --stale`: overdue and coming reviews, expired rate tables and
//! translations older than their original, as a table.

use crate::support::SiteTest;

/// The row of the table that starts with `status` and names `item`.
fn row<'a>(stdout: &'a str, status: &str, item: &str) -> &'a str {
    stdout
        .lines()
        .find(|l| l.starts_with(status) && l.contains(item))
        .unwrap_or_else(|| panic!("no row `{status}` for {item}:\n{stdout}"))
}

/// The line of a file that a `path:line` cell names.
fn line_of(site: &SiteTest, place: &str) -> String {
    let (path, line) = place.rsplit_once(':').expect("path:line");
    let n: usize = line.parse().expect("line number");
    site.read(path)
        .lines()
        .nth(n - 1)
        .expect("line exists")
        .to_owned()
}

#[test]
fn overdue_and_coming_reviews_are_listed_with_owner_date_and_the_line_to_change() {
    let site = SiteTest::fixture("stale");
    let run = site.run(&["check", "--stale", "--date", "2027-06-15"]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("As of 2027-06-15: 1 review overdue, 19 reviews due within 30 days."),
        "{}",
        run.stdout
    );
    let header = run
        .stdout
        .lines()
        .find(|l| l.starts_with("STATUS"))
        .expect("header");
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        ["STATUS", "ITEM", "OWNER", "DATE", "FILE"]
    );
    let overdue = row(
        &run.stdout,
        "review overdue by 76 d",
        "service rechnungen-und-mahnwesen (de)",
    );
    assert!(
        overdue.contains("Erika Beispiel") && overdue.contains("2027-03-31"),
        "{overdue}"
    );
    let place = overdue.split_whitespace().last().expect("file cell");
    assert!(
        line_of(&site, place).starts_with("review_by = 2027-03-31"),
        "{place}"
    );
    // Most urgent first: the overdue row comes before every coming review.
    let first = run
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("STATUS"))
        .nth(1);
    assert_eq!(first, Some(overdue));
    row(
        &run.stdout,
        "review due in 15 d",
        "guide neue-assistenz (de)",
    );
    // Later, the longest overdue comes first among the overdue.
    let later = site.run(&["check", "--stale", "--date", "2027-07-15"]);
    let statuses: Vec<&str> = later
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("STATUS"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| l.split("  ").next().unwrap_or(""))
        .collect();
    assert_eq!(
        statuses.first(),
        Some(&"review overdue by 106 d"),
        "{}",
        later.stdout
    );
    assert_eq!(statuses.len(), 20, "{}", later.stdout);
    assert!(
        statuses[1..].iter().all(|s| *s == "review overdue by 15 d"),
        "{}",
        later.stdout
    );
    // A plain check prints no table.
    let plain = site.run(&["check", "--date", "2027-06-15"]);
    assert!(!plain.stdout.contains("STATUS"), "{}", plain.stdout);
}

#[test]
fn translations_behind_or_untracked_are_listed_and_everything_fresh_says_so() {
    let site = SiteTest::fixture("stale");
    let run = site.run(&["check", "--stale", "--date", "2026-11-27"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("Everything is fresh as of 2026-11-27."),
        "{}",
        run.stdout
    );
    let original = site.read("content/services/telefonservice.md");
    site.write(
        "content/services/telefonservice.md",
        format!("{original}\nNeu: Rückrufgarantie innerhalb von zwei Stunden.\n"),
    );
    let translation = site.read("content/checklists/it-sicherheit.en.md");
    let untracked: String = translation
        .split_inclusive('\n')
        .filter(|l| !l.starts_with("source_hash"))
        .collect();
    assert_ne!(
        untracked, translation,
        "the translation records a source_hash"
    );
    site.write("content/checklists/it-sicherheit.en.md", &untracked);
    let run = site.run(&["check", "--stale", "--date", "2026-11-27"]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("1 translation behind its original, 1 translation not tracked."),
        "{}",
        run.stdout
    );
    let behind = row(
        &run.stdout,
        "translation behind original",
        "service telefonservice (en)",
    );
    let place = behind.split_whitespace().last().expect("file cell");
    assert!(
        place.starts_with("content/services/telefonservice.en.md:"),
        "{behind}"
    );
    assert!(
        line_of(&site, place).starts_with("source_hash = "),
        "{place}"
    );
    row(
        &run.stdout,
        "translation not tracked",
        "checklist it-sicherheit (en)",
    );
}
