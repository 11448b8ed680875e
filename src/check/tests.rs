//! Unit tests of the checks on small sites in memory (see `testsite`): each test
//! changes or adds a file of the clean site and asserts what the checks report.

use super::testsite::{Check, RATES, SERVICE, SKILL, TestSite, md, site};

/// The clean site with the service's front matter changed by `edit`.
fn with_service(edit: impl Fn(&str) -> String) -> TestSite {
    site().file("services/posteingang.md", &md(&edit(SERVICE)))
}

/// The clean site with the rate table's front matter changed by `edit`.
fn with_rates(edit: impl Fn(&str) -> String) -> TestSite {
    site().file("rates/preise.md", &md(&edit(RATES)))
}

/// The rate table of the clean site valid from `from` and, if given, until `until`.
fn rates_valid(from: &str, until: Option<&str>) -> String {
    let validity = match until {
        Some(until) => format!("valid_from = {from}\nvalid_until = {until}"),
        None => format!("valid_from = {from}"),
    };
    md(&RATES.replace("valid_from = 2025-01-01", &validity))
}

#[test]
fn the_clean_site_passes_every_check() {
    let checked = site().check();
    assert_eq!(checked.summaries(), Vec::<String>::new());
}

#[test]
fn a_broken_reference_is_reported_with_the_id_it_may_mean() {
    let checked =
        with_service(|s| s.replace("id = \"organisation\"", "id = \"organisaton\"")).check();
    let d = checked.find("organisaton");
    assert_eq!(d.code, Some("C1"));
    assert_eq!(d.message, "unknown skill `organisaton`");
    assert_eq!(d.help.as_deref(), Some("did you mean `organisation`?"));
    assert_eq!(
        checked.place(d),
        r#"content/services/posteingang.md: skills = [{ id = "organisaton", level = "sicher" }]"#
    );
}

#[test]
fn related_services_exist_and_are_not_the_service_itself() {
    let checked =
        with_service(|s| format!("{s}\nrelated = [\"posteingng\", \"posteingang\"]")).check();
    assert_eq!(
        checked.summaries(),
        [
            "Error[C1]: unknown service `posteingng`",
            "Error[C1]: a service cannot be related to itself",
        ]
    );
}

#[test]
fn a_level_outside_the_skills_scale_is_reported_with_the_scale() {
    let checked = with_service(|s| s.replace("level = \"sicher\"", "level = \"sichr\"")).check();
    let d = checked.find("sichr");
    assert_eq!(d.code, Some("C3"));
    assert_eq!(
        d.message,
        "`sichr` is not a level of the scale `stufe` of skill `organisation`"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("did you mean `sicher`?\nlevels of `stufe`: grundlagen, sicher, experte")
    );
}

#[test]
fn a_service_whose_rate_table_expired_has_no_price() {
    let checked = site()
        .file(
            "rates/preise.md",
            &rates_valid("2025-01-01", Some("2025-12-31")),
        )
        .check();
    assert_eq!(
        checked.summaries(),
        [
            "Error[C2]: no rate table valid on 2026-12-03 applies to category `buero`",
            "Warning[C9]: this rate table expired on 2025-12-31",
        ]
    );
    let d = checked.find("no rate table valid");
    assert_eq!(d.label.as_deref(), Some("no price for this service"));
    assert_eq!(
        checked.place(d),
        r#"content/services/posteingang.md: category = "buero""#
    );
}

#[test]
fn a_service_of_a_category_no_table_covers_has_no_price() {
    let checked = site()
        .config("\n[[category]]\nid = \"texte\"\ntitle = { de = \"Texte\" }\n")
        .file(
            "services/posteingang.md",
            &md(&SERVICE.replace("\"buero\"", "\"texte\"")),
        )
        .check();
    let d = checked.find("no rate table valid");
    assert_eq!(d.code, Some("C2"));
    assert_eq!(
        d.help.as_deref(),
        Some(
            "add \"texte\" to `applies_to` of a valid rate table, or name one with `rate_table = \"…\"`"
        )
    );
}

#[test]
fn what_a_service_names_but_its_table_lacks_comes_after_the_tables_own_problems() {
    let checked = with_rates(|r| r.replace("base_hourly = \"40.00\"\n", ""))
        .file(
            "services/posteingang.md",
            &md(&SERVICE.replace("\"backoffice\"", "\"telefon\"")),
        )
        .check();
    assert_eq!(
        checked.summaries(),
        [
            "Error[C2]: hourly billing, but rate table `preise` has no `base_hourly`",
            "Error[C2]: area `telefon` does not exist in rate table `preise`",
        ]
    );
    let d = checked.find("telefon");
    assert_eq!(d.label.as_deref(), Some("not an area of the table"));
    assert_eq!(d.help.as_deref(), Some("areas of `preise`: backoffice"));
}

#[test]
fn a_reference_to_an_item_for_a_narrower_audience_is_a_note_in_wider_builds() {
    let internal_skill = md(&format!("{SKILL}\nvisible_to = \"internal\""));
    let public = site()
        .file("skills/organisation.md", &internal_skill)
        .check();
    assert_eq!(
        public.summaries(),
        ["Info[-]: skill `organisation` is only for the audience `internal`"]
    );
    let d = public.find("only for the audience");
    assert_eq!(
        d.label.as_deref(),
        Some("shown as its title, without a link, in this build")
    );
    let internal = site()
        .file("skills/organisation.md", &internal_skill)
        .audience(1)
        .check();
    assert_eq!(internal.summaries(), Vec::<String>::new());
}

#[test]
fn tables_of_a_series_that_overlap_are_an_error() {
    let checked = site()
        .file(
            "rates/preise.md",
            &rates_valid("2025-01-01", Some("2026-06-30")),
        )
        .file("rates/preise-2026.md", &rates_valid("2026-01-01", None))
        .check();
    assert_eq!(
        checked.summaries(),
        ["Error[C2]: this rate table overlaps `preise` (valid from 2025-01-01, until 2026-06-30)"]
    );
    let d = checked.find("overlaps");
    assert_eq!(
        checked.place(d),
        "content/rates/preise-2026.md: valid_from = 2026-01-01"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("end content/rates/preise.md with `valid_until` on the day before 2026-01-01")
    );
}

#[test]
fn a_gap_between_tables_of_a_series_is_a_warning() {
    let checked = site()
        .file(
            "rates/preise.md",
            &rates_valid("2025-01-01", Some("2025-12-30")),
        )
        .file("rates/preise-2026.md", &rates_valid("2026-01-01", None))
        .check();
    assert_eq!(
        checked.summaries(),
        ["Warning[C2]: no rate table applies between 2025-12-30 and 2026-01-01"]
    );
}

#[test]
fn tables_of_a_series_that_follow_each_other_pass() {
    let checked = site()
        .file(
            "rates/preise.md",
            &rates_valid("2025-01-01", Some("2025-12-31")),
        )
        .file("rates/preise-2026.md", &rates_valid("2026-01-01", None))
        .check();
    assert_eq!(checked.summaries(), Vec::<String>::new());
}

#[test]
fn two_valid_defaults_for_a_category_leave_its_services_without_a_price() {
    let checked = site().file("rates/preise-2.md", &md(RATES)).check();
    assert_eq!(
        checked.summaries(),
        [
            "Error[C2]: several rate tables apply to category `buero`",
            "Error[C2]: two valid rate tables are the default for category `buero`",
            "Error[C2]: this rate table overlaps `preise` (valid from 2025-01-01, open-ended)",
        ]
    );
}
