//! The editor's dry runs: `check` reports what `vpagen check` would say about the site
//! with a form's changes, at the field they concern, telling new problems from old
//! ones; `save` refuses changes that bring errors; `preview` renders Markdown as the
//! build does. None of them writes a file.

use serde_json::{Value, json};

use super::Server;
use crate::support::SiteTest;

const RATES: &str = "content/rates/stundenpakete-2026.md";
const GUIDE: &str = "content/guides/neue-assistenz.md";

/// The start of the data block that carries the token.
const TOKEN: &str = "<script type=\"application/json\" id=\"vpagen-edit-token\">\"";

struct Editing {
    server: Server,
    token: String,
}

impl Editing {
    fn start(site: &SiteTest) -> Editing {
        let server = Server::start(site);
        let (status, _, page) = server.get("/");
        assert_eq!(status, 200, "{page}");
        let token = page
            .split_once(TOKEN)
            .and_then(|(_, rest)| rest.split('"').next())
            .unwrap_or_else(|| panic!("no edit token in the page: {page}"))
            .to_owned();
        Editing { server, token }
    }

    /// POSTs `body` as JSON to the edit endpoint `name`.
    fn post(&self, name: &str, body: &Value) -> (u16, String) {
        let headers = [
            format!("X-Vpagen-Token: {}", self.token),
            format!("Origin: {}", self.server.origin()),
            "Content-Type: application/json".to_owned(),
        ];
        self.server.post(
            &format!("/__vpagen/edit/{name}"),
            &headers,
            &body.to_string(),
        )
    }

    fn revision(&self, site: &SiteTest, rel: &str) -> String {
        let text = site.read(rel);
        vpagen::edit::revision(&text)
    }
}

fn parsed(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

fn set_string(path: Value, value: &str) -> Value {
    json!({ "op": "set", "path": path, "value": { "type": "string", "value": value } })
}

#[test]
fn a_check_places_the_errors_a_change_brings_at_their_field_and_writes_nothing() {
    let site = SiteTest::fixture("agency");
    let before = site.read(RATES);
    let editing = Editing::start(&site);
    let revision = editing.revision(&site, RATES);

    let unchanged = json!({ "path": RATES, "revision": revision, "changes": [] });
    let (status, body) = editing.post("check", &unchanged);
    assert_eq!(status, 200, "{body}");
    let answer = parsed(&body);
    assert_eq!(answer["errors"], 0, "{body}");
    assert_eq!(answer["stale"], false);

    let bad = json!({
        "path": RATES,
        "revision": revision,
        "changes": [set_string(json!(["base_hourly"]), "abc")],
    });
    let (status, body) = editing.post("check", &bad);
    assert_eq!(status, 200, "{body}");
    let answer = parsed(&body);
    let found = answer["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["field"] == json!(["base_hourly"]))
        .unwrap_or_else(|| panic!("no diagnostic at base_hourly: {body}"));
    assert_eq!(found["severity"], "error", "{found}");
    assert_eq!(found["here"], true);
    assert_eq!(found["new"], true);
    assert_eq!(found["file"], RATES);
    assert_eq!(found["line"], 12, "base_hourly is on line 12: {found}");
    assert!(
        found["text"].as_str().is_some_and(|t| t.contains("abc")),
        "the rendered diagnostic shows the source line: {found}"
    );
    assert_eq!(site.read(RATES), before, "a check writes nothing");
}

#[test]
fn a_change_that_breaks_another_file_is_reported_there_and_refused_on_save() {
    let site = SiteTest::fixture("agency");
    let before = site.read(RATES);
    let editing = Editing::start(&site);
    let revision = editing.revision(&site, RATES);
    let drop_buero = json!({
        "path": RATES,
        "revision": revision,
        "changes": [{
            "op": "set",
            "path": ["applies_to"],
            "value": { "type": "string_list", "value": ["finanzen", "it-marketing"] },
        }],
    });
    let (status, body) = editing.post("check", &drop_buero);
    assert_eq!(status, 200, "{body}");
    let answer = parsed(&body);
    let elsewhere: Vec<&Value> = answer["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["severity"] == "error" && d["new"] == true && d["here"] == false)
        .collect();
    assert!(
        elsewhere
            .iter()
            .any(|d| d["file"] == "content/services/e-mail-management.md"),
        "the service no table prices any more is reported: {body}"
    );

    let (status, body) = editing.post("save", &drop_buero);
    assert_eq!(status, 422, "{body}");
    let refused = parsed(&body);
    assert!(
        refused["diagnostics"]
            .as_array()
            .is_some_and(|d| !d.is_empty() && d.iter().all(|d| d["new"] == true)),
        "{body}"
    );
    assert_eq!(site.read(RATES), before, "a refused save writes nothing");

    let fine = json!({
        "path": RATES,
        "revision": revision,
        "changes": [set_string(json!(["base_hourly"]), "46.50")],
    });
    let (status, body) = editing.post("save", &fine);
    assert_eq!(status, 200, "{body}");
    let after = site.read(RATES);
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        [("base_hourly = \"45.00\"", "base_hourly = \"46.50\"")],
        "one line changes"
    );
}

#[test]
fn a_preview_renders_the_body_and_a_field_as_the_build_does() {
    let site = SiteTest::fixture("agency");
    let before = site.read(GUIDE);
    let editing = Editing::start(&site);
    let body = json!({
        "path": GUIDE,
        "markdown": "Ein **wichtiger** Hinweis.\n\n```toml\nx = 1\n```\n",
    });
    let (status, answer) = editing.post("preview", &body);
    assert_eq!(status, 200, "{answer}");
    let html = parsed(&answer)["html"].as_str().expect("html").to_owned();
    assert!(html.contains("<strong>wichtiger</strong>"), "{html}");
    assert!(
        html.contains("<pre"),
        "code blocks as the build writes them: {html}"
    );

    let step = json!({
        "path": GUIDE,
        "markdown": "Erst *lesen*, dann unterschreiben.",
        "field": ["steps", 0, "body"],
    });
    let (status, answer) = editing.post("preview", &step);
    assert_eq!(status, 200, "{answer}");
    let html = parsed(&answer)["html"].as_str().expect("html").to_owned();
    assert!(html.contains("<em>lesen</em>"), "{html}");
    assert_eq!(site.read(GUIDE), before, "a preview writes nothing");
}
