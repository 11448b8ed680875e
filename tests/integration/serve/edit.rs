//! Editing content files from the browser while serving (`/__vpagen/edit/`): a good
//! save is written and rebuilt, a stale one conflicts, and every request that lacks
//! the token, comes from another origin, names a path outside `content/` or is too
//! large is refused with the file on disk unchanged.

use std::os::unix::fs::symlink;

use super::Server;
use crate::support::SiteTest;

const REL: &str = "content/pages/markdown.md";

/// The start of the data block that carries the token.
const META: &str = "<script type=\"application/json\" id=\"vpagen-edit-token\">\"";

impl Server {
    /// The edit token the served pages carry.
    pub(super) fn token(&self) -> String {
        self.token_at("/markdown/")
    }

    /// The edit token the page at `url` carries.
    pub(super) fn token_at(&self, url: &str) -> String {
        let (status, _, body) = self.get(url);
        assert_eq!(status, 200, "{body}");
        let rest = body
            .split_once(META)
            .unwrap_or_else(|| panic!("no token in the page: {body}"))
            .1;
        rest.split('"').next().expect("token").to_owned()
    }

    /// The server's own origin, as a browser names it.
    pub(super) fn origin(&self) -> String {
        format!("http://{}", self.host)
    }

    /// POSTs `body` to `path` with `headers` (each `Name: value`).
    pub(super) fn post(&self, path: &str, headers: &[String], body: &str) -> (u16, String) {
        let mut request = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.host,
            body.len()
        );
        for h in headers {
            request.push_str(h);
            request.push_str("\r\n");
        }
        request.push_str("\r\n");
        request.push_str(body);
        let (status, _, body) = self.raw(&request);
        (status, body)
    }

    /// POSTs a save with the token, the own origin and JSON, and `more` headers.
    pub(super) fn save(&self, token: &str, body: &str, more: &[String]) -> (u16, String) {
        let mut headers = vec![
            format!("X-Vpagen-Token: {token}"),
            format!("Origin: {}", self.origin()),
            "Sec-Fetch-Site: same-origin".to_owned(),
            "Content-Type: application/json".to_owned(),
        ];
        headers.extend_from_slice(more);
        self.post("/__vpagen/edit/save", &headers, body)
    }

    /// GETs a file to edit with `token`.
    fn open_file(&self, token: &str, rel: &str) -> (u16, String) {
        let (status, _, body) = self.raw(&format!(
            "GET /__vpagen/edit/file?path={rel} HTTP/1.1\r\nHost: {}\r\nX-Vpagen-Token: {token}\r\nConnection: close\r\n\r\n",
            self.host
        ));
        (status, body)
    }
}

fn save_body(path: &str, revision: &str, text: &str) -> String {
    serde_json::json!({
        "path": path,
        "revision": revision,
        "changes": [{ "op": "body", "text": text }],
    })
    .to_string()
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

#[test]
fn a_good_save_is_written_and_served_and_a_stale_one_conflicts() {
    let site = SiteTest::fixture("minimal");
    let server = Server::start(&site);
    let token = server.token();
    let (status, body) = server.open_file(&token, REL);
    assert_eq!(status, 200, "{body}");
    let opened = json(&body);
    assert_eq!(opened["path"], REL);
    assert_eq!(opened["text"], site.read(REL));
    let old = opened["revision"].as_str().expect("revision").to_owned();

    let (status, body) = server.save(
        &token,
        &save_body(REL, &old, "Im Browser bearbeitet.\n"),
        &[],
    );
    assert_eq!(status, 200, "{body}");
    let new = json(&body)["revision"]
        .as_str()
        .expect("revision")
        .to_owned();
    assert_ne!(new, old);
    let saved = site.read(REL);
    assert!(saved.ends_with("+++\nIm Browser bearbeitet.\n"), "{saved}");
    assert!(saved.starts_with("+++\ntitle = \"Markdown\"\n"), "{saved}");
    server.wait_for("/markdown/", "showed the saved body", |s, b| {
        s == 200 && b.contains("Im Browser bearbeitet.")
    });
    let leftovers: Vec<_> = std::fs::read_dir(site.path().join("content/pages"))
        .expect("read content/pages")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

    let (status, body) = server.save(&token, &save_body(REL, &old, "Veraltet.\n"), &[]);
    assert_eq!(status, 409, "{body}");
    let conflict = json(&body);
    assert_eq!(conflict["conflict"], true);
    assert_eq!(conflict["theirs"], saved.as_str());
    assert_eq!(conflict["revision"], new.as_str());
    let yours = conflict["yours"].as_str().expect("yours");
    assert!(yours.ends_with("+++\nVeraltet.\n"), "{yours}");
    assert_eq!(
        site.read(REL),
        saved,
        "nothing is overwritten on a conflict"
    );
}

#[test]
fn saves_without_the_token_or_from_another_origin_are_refused() {
    let site = SiteTest::fixture("minimal");
    let server = Server::start(&site);
    let token = server.token();
    let before = site.read(REL);
    let (_, body) = server.open_file(&token, REL);
    let revision = json(&body)["revision"]
        .as_str()
        .expect("revision")
        .to_owned();
    let save = save_body(REL, &revision, "Fremd.\n");
    let json_type = "Content-Type: application/json".to_owned();
    let own = format!("Origin: {}", server.origin());
    let with_token = format!("X-Vpagen-Token: {token}");
    let cases: Vec<(&str, Vec<String>)> = vec![
        (
            "a foreign origin",
            vec![
                with_token.clone(),
                "Origin: http://evil.example".into(),
                json_type.clone(),
            ],
        ),
        (
            "another port",
            vec![
                with_token.clone(),
                "Origin: http://127.0.0.1:1".into(),
                json_type.clone(),
            ],
        ),
        ("no origin", vec![with_token.clone(), json_type.clone()]),
        (
            "a cross-site fetch",
            vec![
                with_token.clone(),
                own.clone(),
                "Sec-Fetch-Site: cross-site".into(),
                json_type.clone(),
            ],
        ),
        ("no token", vec![own.clone(), json_type.clone()]),
        (
            "a wrong token",
            vec![
                format!("X-Vpagen-Token: {}", "0".repeat(token.len())),
                own.clone(),
                json_type.clone(),
            ],
        ),
        (
            "a token with a suffix",
            vec![format!("{with_token}0"), own.clone(), json_type.clone()],
        ),
    ];
    for (what, headers) in cases {
        let (status, body) = server.post("/__vpagen/edit/save", &headers, &save);
        assert_eq!(status, 403, "{what}: {body}");
        assert_eq!(site.read(REL), before, "{what}");
    }
    let (status, body) = server.post("/__vpagen/edit/save", &[with_token, own], &save);
    assert_eq!(status, 415, "not JSON: {body}");
    let (status, _) = server.open_file("wrong", REL);
    assert_eq!(status, 403, "reading needs the token too");
    assert_eq!(site.read(REL), before);
}

#[test]
fn paths_outside_content_and_links_out_of_it_are_refused() {
    let site = SiteTest::fixture("minimal");
    let server = Server::start(&site);
    let token = server.token();
    let outside = tempfile::tempdir().expect("tempdir");
    let secret = "+++\ntitle = \"Geheim\"\n+++\nVertraulich.\n";
    std::fs::write(outside.path().join("geheim.md"), secret).expect("write outside");
    symlink(
        outside.path().join("geheim.md"),
        site.path().join("content/pages/geheim.md"),
    )
    .expect("file link");
    symlink(outside.path(), site.path().join("content/pages/draussen")).expect("folder link");
    let config = site.read("site.toml");
    for path in [
        "../site.toml",
        "/etc/passwd",
        "content/../site.toml",
        "content/pages/../../site.toml",
        "site.toml",
        "content/pages\\markdown.md",
        "content/pages/draussen/geheim.md",
        "content/pages/geheim.md",
    ] {
        let (status, body) = server.save(&token, &save_body(path, "0", "Überschrieben.\n"), &[]);
        assert!(matches!(status, 400 | 403), "{path}: {status} {body}");
        let encoded = percent_encode(path);
        let (status, body) = server.open_file(&token, &encoded);
        assert!(matches!(status, 400 | 403), "{path}: {status} {body}");
        assert!(!body.contains("Vertraulich"), "{path}: {body}");
    }
    assert_eq!(site.read("site.toml"), config);
    let after = std::fs::read_to_string(outside.path().join("geheim.md")).expect("read");
    assert_eq!(after, secret, "nothing outside the site is written");
    assert!(
        std::fs::symlink_metadata(site.path().join("content/pages/geheim.md"))
            .expect("link")
            .file_type()
            .is_symlink(),
        "the link is not replaced"
    );
}

fn percent_encode(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn a_body_over_one_mebibyte_is_refused() {
    let site = SiteTest::fixture("minimal");
    let server = Server::start(&site);
    let token = server.token();
    let before = site.read(REL);
    let big = "x".repeat((1 << 20) + 1000);
    let (status, body) = server.save(&token, &save_body(REL, "0", &big), &[]);
    assert_eq!(status, 413, "{body}");
    assert_eq!(site.read(REL), before);
}

#[test]
fn a_server_bound_beyond_loopback_neither_edits_nor_hands_out_a_token() {
    let site = SiteTest::fixture("minimal");
    let server = Server::start_with(&site, &["--bind", "0.0.0.0"]);
    let before = site.read(REL);
    let (status, _, page) = server.get("/markdown/");
    assert_eq!(status, 200);
    assert!(!page.contains("vpagen-edit-token"), "no token on the page");
    assert!(page.contains("/__vpagen/live.js"), "live reload stays");
    let (status, body) = server.open_file("", REL);
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("loopback"), "{body}");
    let (status, body) = server.save("", &save_body(REL, "0", "Fern.\n"), &[]);
    assert_eq!(status, 403, "{body}");
    assert_eq!(site.read(REL), before);
}

#[test]
fn a_build_carries_no_edit_token() {
    for fixture in ["minimal", "agency"] {
        build_carries_no_editing(fixture);
    }
}

fn build_carries_no_editing(fixture: &str) {
    let site = SiteTest::fixture(fixture);
    site.run(&["build"]).expect_code(0);
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(site.path().join("public")) {
        let entry = entry.expect("walk public/");
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).expect("read");
            let text = String::from_utf8_lossy(&bytes);
            for editing in ["vpagen-edit-token", "vpagen-edit-page", "__vpagen/editor"] {
                assert!(
                    !text.contains(editing),
                    "{editing} in {}",
                    entry.path().display()
                );
            }
            pages += usize::from(entry.path().extension().is_some_and(|e| e == "html"));
        }
    }
    assert!(pages > 3, "the build wrote pages");
}

/// The value of the header `name` in a response head.
fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|line| {
        let (n, v) = line.split_once(':')?;
        n.trim().eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// The JSON of the `<script type="application/json" id="…">` block of a page.
fn data_block(page: &str, id: &str) -> Option<serde_json::Value> {
    let start = format!("<script type=\"application/json\" id=\"{id}\">");
    let rest = page.split_once(&start)?.1;
    let text = rest.split_once("</script>")?.0;
    Some(json(text))
}

#[test]
fn the_editor_page_carries_the_token_under_its_own_policy_and_its_files_are_served() {
    let site = SiteTest::fixture("minimal");
    let server = Server::start(&site);
    let token = server.token();
    let (status, head, page) = server.get("/__vpagen/editor/?path=content/pages/markdown.md&ui=de");
    assert_eq!(status, 200, "{page}");
    assert_eq!(
        header(&head, "content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(header(&head, "x-frame-options"), Some("DENY"));
    assert_eq!(
        header(&head, "content-security-policy"),
        Some(
            "default-src 'self'; frame-src 'self'; frame-ancestors 'none'; img-src 'self' data:; style-src 'self'"
        )
    );
    assert_eq!(
        data_block(&page, "vpagen-edit-token"),
        Some(json(&format!("\"{token}\"")))
    );
    assert!(!page.contains("/__vpagen/live.js"), "{page}");
    for (file, kind) in [
        ("editor.js", "text/javascript; charset=utf-8"),
        ("bar.js", "text/javascript; charset=utf-8"),
        ("editor.css", "text/css; charset=utf-8"),
    ] {
        let (status, head, _) = server.get(&format!("/__vpagen/editor/{file}"));
        assert_eq!(status, 200, "{file}");
        assert_eq!(header(&head, "content-type"), Some(kind), "{file}");
        assert_eq!(
            header(&head, "content-security-policy"),
            Some("frame-ancestors 'none'"),
            "{file}"
        );
    }
    let (status, _, _) = server.get("/__vpagen/editor/nothing.js");
    assert_eq!(status, 404);
}

#[test]
fn served_pages_name_the_file_they_show_and_load_the_edit_bar() {
    let site = SiteTest::fixture("agency");
    let server = Server::start(&site);
    let (status, _, page) = server.get("/en/services/telefonservice/");
    assert_eq!(status, 200, "{page}");
    let block = data_block(&page, "vpagen-edit-page").expect("an edit-page block");
    assert_eq!(
        block,
        serde_json::json!({
            "path": "content/services/telefonservice.en.md",
            "kind": "services",
            "lang": "en",
            "translation": true,
            "original": "content/services/telefonservice.md",
            "title": "Telephone answering service",
        })
    );
    let bar = "<script src=\"/__vpagen/editor/bar.js\" type=\"module\"></script>";
    assert!(page.contains(bar), "{page}");
    assert!(page.contains("vpagen-edit-token"), "{page}");

    let (status, _, page) = server.get("/leistungen/telefonservice/");
    assert_eq!(status, 200, "{page}");
    let block = data_block(&page, "vpagen-edit-page").expect("an edit-page block");
    assert_eq!(block["path"], "content/services/telefonservice.md");
    assert_eq!(block["translation"], false);
    assert_eq!(block["original"], serde_json::Value::Null);

    let (status, _, list) = server.get("/leistungen/");
    assert_eq!(status, 200, "{list}");
    assert!(list.contains(bar), "{list}");
    assert!(data_block(&list, "vpagen-edit-page").is_none(), "{list}");
}

impl Server {
    /// GETs the form of `rel` with the token.
    fn form(&self, token: &str, rel: &str) -> serde_json::Value {
        let (status, _, body) = self.raw(&format!(
            "GET /__vpagen/edit/form?path={rel} HTTP/1.1\r\nHost: {}\r\nX-Vpagen-Token: {token}\r\nConnection: close\r\n\r\n",
            self.host
        ));
        assert_eq!(status, 200, "{body}");
        json(&body)
    }
}

/// The field `key` of a form's field list.
fn field<'a>(fields: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
    fields
        .as_array()
        .expect("fields")
        .iter()
        .find(|f| f["key"] == key)
        .unwrap_or_else(|| panic!("no field {key} in {fields}"))
}

/// The label of the option `value` of a field.
fn label<'a>(field: &'a serde_json::Value, value: &str) -> Option<&'a str> {
    field["options"]
        .as_array()?
        .iter()
        .find(|o| o["value"] == value)?["label"]
        .as_str()
}

#[test]
fn the_form_of_a_translated_service_has_typed_fields_with_titled_options() {
    let site = SiteTest::fixture("agency");
    let server = Server::start(&site);
    let token = server.token_at("/leistungen/");
    let rel = "content/services/telefonservice.en.md";
    let form = server.form(&token, rel);
    assert_eq!(form["path"], rel);
    assert_eq!(form["kind"], "services");
    assert_eq!(form["id"], "telefonservice");
    assert_eq!(form["lang"], "en");
    assert_eq!(form["translation"], true);
    assert_eq!(form["url"], "/en/services/telefonservice/");
    assert_eq!(form["languages"], serde_json::json!(["de", "en"]));
    assert_eq!(form["values"]["title"], "Telephone answering service");
    assert!(
        form["body"]
            .as_str()
            .expect("body")
            .starts_with("\nYou are with a customer")
    );
    let original = &form["original"];
    assert_eq!(original["path"], "content/services/telefonservice.md");
    assert_eq!(original["values"]["category"], "buero");
    assert_eq!(original["values"]["review_by"], "2027-06-30");
    let hash = original["source_hash"].as_str().expect("source_hash");
    assert!(
        hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        "{hash}"
    );

    let fields = &form["fields"];
    assert_eq!(fields[0]["key"], "title");
    assert_eq!(fields[0]["translatable"], true);
    assert_eq!(field(fields, "flat_price")["input"], "money");
    assert_eq!(
        field(fields, "flat_price")["condition"],
        "when `billing = \"flat\"`"
    );
    let billing = field(fields, "billing");
    assert_eq!(billing["input"], "select");
    assert_eq!(billing["required"], true);
    assert_eq!(billing["translatable"], false);
    assert!(label(billing, "hourly").is_some(), "{billing}");
    let equipment = field(fields, "equipment");
    assert_eq!(equipment["input"], "refs");
    assert_eq!(
        label(equipment, "it-sicherheit"),
        Some("IT security when working from home")
    );
    assert_eq!(
        label(equipment, "kundenstart"),
        Some("Kundenstart: Fragen zur Übergabe"),
        "an item without a translation keeps its original title"
    );
    assert_eq!(field(fields, "category")["input"], "ref");
    assert!(label(field(fields, "category"), "buero").is_some());
    assert_eq!(
        label(field(fields, "unit"), "anruf"),
        Some("Anrufannahme je Anruf")
    );
    let skills = field(fields, "skills");
    assert_eq!(skills["input"], "entries");
    assert_eq!(field(&skills["fields"], "id")["input"], "ref");
    assert!(label(field(&skills["fields"], "id"), "deutsch").is_some());

    let form = server.form(&token, "content/services/telefonservice.md");
    assert_eq!(form["translation"], false);
    assert_eq!(form["original"], serde_json::Value::Null);
    assert_eq!(form["url"], "/leistungen/telefonservice/");
    assert_eq!(
        form["translations"],
        serde_json::json!([{ "lang": "en", "path": "content/services/telefonservice.en.md" }])
    );
}

#[test]
fn checklist_texts_are_markdown_and_rate_prices_money() {
    let site = SiteTest::fixture("agency");
    let server = Server::start(&site);
    let token = server.token_at("/leistungen/");
    let form = server.form(&token, "content/checklists/it-sicherheit.md");
    let items = field(&form["fields"], "items");
    assert_eq!(items["input"], "entries");
    assert_eq!(field(&items["fields"], "text")["input"], "markdown");
    assert_eq!(field(&items["fields"], "note")["input"], "markdown");
    let form = server.form(&token, "content/rates/stundenpakete-2026.md");
    assert_eq!(field(&form["fields"], "base_hourly")["input"], "money");
    let packages = field(&form["fields"], "packages");
    assert_eq!(field(&packages["fields"], "price")["input"], "money");
    assert_eq!(field(&packages["fields"], "rollover")["input"], "table");
}

#[test]
fn a_site_with_errors_still_gives_the_form_with_the_files_values() {
    let site = SiteTest::fixture("agency");
    let server = Server::start(&site);
    let token = server.token_at("/leistungen/");
    let rel = "content/services/korrektorat.md";
    let text = site.read(rel).replacen("+++\n", "+++\nnot_a_key = 1\n", 1);
    site.write(rel, text);
    let form = server.form(&token, rel);
    assert_eq!(form["values"]["not_a_key"], 1);
    assert_eq!(field(&form["fields"], "billing")["input"], "select");
    assert_eq!(field(&form["fields"], "equipment")["input"], "refs");
}

impl Server {
    /// POSTs JSON `body` to the edit endpoint `name` with the token and own origin.
    fn edit_post(&self, token: &str, name: &str, body: &serde_json::Value) -> (u16, String) {
        let headers = [
            format!("X-Vpagen-Token: {token}"),
            format!("Origin: {}", self.origin()),
            "Content-Type: application/json".to_owned(),
        ];
        self.post(
            &format!("/__vpagen/edit/{name}"),
            &headers,
            &body.to_string(),
        )
    }
}

#[test]
fn new_files_come_from_the_starter_and_never_overwrite() {
    let site = SiteTest::fixture("agency");
    let server = Server::start(&site);
    let token = server.token_at("/leistungen/");
    let new = serde_json::json!({ "kind": "services", "id": "neue-leistung" });
    let (status, body) = server.edit_post(&token, "new", &new);
    assert_eq!(status, 201, "{body}");
    assert_eq!(json(&body)["path"], "content/services/neue-leistung.md");
    assert!(
        site.read("content/services/neue-leistung.md")
            .starts_with("+++\n")
    );
    let (status, body) = server.edit_post(&token, "new", &new);
    assert_eq!(status, 409, "{body}");
    let before = site.read("content/services/telefonservice.md");
    let (status, body) = server.edit_post(
        &token,
        "new",
        &serde_json::json!({ "kind": "services", "id": "telefonservice" }),
    );
    assert_eq!(status, 409, "{body}");
    assert_eq!(site.read("content/services/telefonservice.md"), before);
    for bad in ["Neue Leistung", "../x", "a--b", ""] {
        let (status, body) = server.edit_post(
            &token,
            "new",
            &serde_json::json!({ "kind": "services", "id": bad }),
        );
        assert_eq!(status, 400, "{bad}: {body}");
        assert!(body.contains("lower-case letters"), "{body}");
    }
    let (status, _) = server.edit_post(
        &token,
        "new",
        &serde_json::json!({ "kind": "widgets", "id": "x" }),
    );
    assert_eq!(status, 400);
}

#[test]
fn a_translation_starts_from_its_original_with_every_text_to_translate() {
    let site = SiteTest::fixture("agency");
    let server = Server::start(&site);
    let token = server.token_at("/leistungen/");
    let ask = |id: &str, lang: &str| {
        server.edit_post(
            &token,
            "new",
            &serde_json::json!({ "kind": "services", "id": id, "lang": lang }),
        )
    };
    let (status, body) = ask("korrektorat", "en");
    assert_eq!(status, 201, "{body}");
    let rel = "content/services/korrektorat.en.md";
    assert_eq!(json(&body)["path"], rel);
    let text = site.read(rel);
    let hash = vpagen::content::source_hash(&site.read("content/services/korrektorat.md"));
    assert!(
        text.contains(&format!("source_hash = \"{hash}\"")),
        "{text}"
    );
    assert!(text.contains("title = \"TODO: "), "{text}");
    assert!(
        !text.contains("rate_table") && !text.contains("category"),
        "only keys a translation may set: {text}"
    );
    let (status, body) = ask("korrektorat", "en");
    assert_eq!(status, 409, "{body}");
    let (status, body) = ask("korrektorat", "de");
    assert_eq!(
        status, 400,
        "the default language is the original's: {body}"
    );
    let (status, body) = ask("gibt-es-nicht", "en");
    assert_eq!(status, 404, "{body}");
}

#[test]
fn a_referred_file_stays_and_an_unreferred_one_goes_to_the_trash() {
    let site = SiteTest::fixture("agency");
    let server = Server::start(&site);
    let token = server.token_at("/leistungen/");
    let revision = |rel: &str| server.form(&token, rel)["revision"].clone();

    let rel = "content/checklists/it-sicherheit.md";
    let (status, body) = server.edit_post(
        &token,
        "delete",
        &serde_json::json!({ "path": rel, "revision": revision(rel) }),
    );
    assert_eq!(status, 409, "{body}");
    let referrers = json(&body)["referrers"].clone();
    let list = referrers.as_array().expect("referrers");
    assert!(
        list.iter()
            .any(|r| r["path"] == "content/services/telefonservice.md"
                && r["key"] == "equipment"
                && r["kind"] == "services"
                && r["id"] == "telefonservice"
                && r["title"] == "Telefonservice"),
        "{referrers}"
    );
    assert!(
        list.iter()
            .any(|r| r["path"] == "content/checklists/it-sicherheit.en.md"),
        "the translation counts: {referrers}"
    );
    assert!(site.path().join(rel).is_file());

    let (status, body) = server.edit_post(
        &token,
        "delete",
        &serde_json::json!({ "path": rel, "revision": "0000" }),
    );
    assert_eq!(status, 409, "{body}");
    assert_eq!(json(&body)["conflict"], true);

    let rel = "content/services/korrektorat.md";
    let (status, body) = server.edit_post(
        &token,
        "delete",
        &serde_json::json!({ "path": rel, "revision": revision(rel) }),
    );
    assert_eq!(status, 409, "{body}");
    assert!(
        json(&body)["referrers"]
            .as_array()
            .expect("referrers")
            .iter()
            .any(|r| r["path"] == "content/skills/deutsch.md" && r["key"] == "body"),
        "a link in a body counts: {body}"
    );

    let rel = "content/pages/alt.md";
    site.write(
        rel,
        "+++\ntitle = \"Alt\"\nmenu = \"none\"\n+++\nAlter Text.\n",
    );
    server.wait_for("/alt/", "served the new page", |s, _| s == 200);
    let text = site.read(rel);
    let (status, body) = server.edit_post(
        &token,
        "delete",
        &serde_json::json!({ "path": rel, "revision": revision(rel) }),
    );
    assert_eq!(status, 200, "{body}");
    let moved = json(&body)["trash"].as_str().expect("trash").to_owned();
    assert!(
        moved.starts_with(".vpagen-trash/") && moved.ends_with("/content/pages/alt.md"),
        "{moved}"
    );
    assert!(!site.path().join(rel).exists());
    assert_eq!(site.read(&moved), text);
    server.wait_for("/alt/", "dropped the page", |s, _| s == 404);
    site.run(&["build"]).expect_code(0);
    assert!(!site.path().join("public/alt").exists());
}
