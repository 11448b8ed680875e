//! `vpagen serve` as a user meets it: the binary on a free port over a temporary copy
//! of the agency fixture, edits on disk, pages and Server-Sent Events over plain TCP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use crate::support::SiteTest;

/// The promises of `serve` under attack: reads confined to the site, strict Host,
/// timeouts and caps, headers on every answer, whole saves.
mod hardening;

/// Editing content files from the browser: token, origin, paths, sizes, conflicts.
mod edit;

/// Checks and previews of unsaved edits, and saves refused for the errors they bring.
mod edit_check;

/// How long a change may take to show before a test fails (generous for slow CI).
const PATIENCE: Duration = Duration::from_secs(15);

/// A running `vpagen serve`, killed on drop.
struct Server {
    child: Child,
    host: String,
    _stdout: std::sync::Mutex<Receiver<String>>,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(site: &SiteTest) -> Server {
        Server::start_with(site, &[])
    }

    /// `vpagen serve --port 0` with more arguments.
    fn start_with(site: &SiteTest, args: &[&str]) -> Server {
        let mut child = crate::support::vpagen()
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(site.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start vpagen serve");
        let (tx, rx) = channel();
        let stdout = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let stderr_text = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let sink = std::sync::Arc::clone(&stderr_text);
        let stderr = child.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut s = sink.lock().expect("stderr buffer");
                s.push_str(&line);
                s.push('\n');
            }
        });
        let deadline = Instant::now() + Duration::from_secs(60);
        let host = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) => {
                    if let Some(rest) = line.strip_prefix("Serving the site at http://") {
                        break rest.split('/').next().expect("host").to_owned();
                    }
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => panic!(
                    "vpagen serve did not say where it serves; stderr:\n{}",
                    stderr_text.lock().expect("stderr buffer")
                ),
            }
        };
        Server {
            child,
            host,
            _stdout: std::sync::Mutex::new(rx),
            stderr: stderr_text,
        }
    }

    /// Sends a GET request; returns the status code, the head and the body.
    fn request(&self, path: &str, host: &str) -> (u16, String, String) {
        self.raw(&format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ))
    }

    /// Sends `request` as it is; returns the status code, the head and the body.
    fn raw(&self, request: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(&self.host).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        stream.write_all(request.as_bytes()).expect("send");
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("read response");
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").expect("a response head");
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status code");
        (status, head.to_owned(), body.to_owned())
    }

    fn get(&self, path: &str) -> (u16, String, String) {
        self.request(path, &self.host.clone())
    }

    /// Polls `path` until `check` holds for (status, body).
    fn wait_for(&self, path: &str, what: &str, check: impl Fn(u16, &str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let (status, _, body) = self.get(path);
            if check(status, &body) {
                return body;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "{path} never {what} (last status {status}); stderr:\n{}",
                self.stderr.lock().expect("stderr buffer")
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Opens the live-reload event stream.
    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(&self.host).expect("connect");
        write!(
            stream,
            "GET /__vpagen/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.host
        )
        .expect("send");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut event = String::new();
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(name) = line.strip_prefix("event: ") {
                    name.clone_into(&mut event);
                } else if let Some(data) = line.strip_prefix("data: ")
                    && !event.is_empty()
                    && tx
                        .send((std::mem::take(&mut event), data.to_owned()))
                        .is_err()
                {
                    return;
                }
            }
        });
        // Let the subscription reach the server before the test edits anything.
        std::thread::sleep(Duration::from_millis(200));
        Events(rx)
    }
}

struct Events(Receiver<(String, String)>);

impl Events {
    /// Waits for the next event called `name` (skipping others); returns its data.
    fn expect(&self, name: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            match self
                .0
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            {
                Ok((event, data)) if event == name => return data,
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    panic!("no `{name}` event arrived")
                }
            }
        }
    }

    /// The events that have arrived and were not read yet.
    fn drain(&self) -> Vec<(String, String)> {
        self.0.try_iter().collect()
    }
}

fn append(site: &SiteTest, rel: &str, text: &str) {
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(site.path().join(rel))
        .expect("open for appending");
    file.write_all(text.as_bytes()).expect("append");
}

#[test]
fn a_body_edit_is_served_and_reloads_the_browser_on_the_edited_page() {
    let site = SiteTest::fixture("agency");
    let server = Server::start(&site);
    let (status, head, body) = server.get("/leistungen/telefonservice/");
    assert_eq!(status, 200);
    assert!(
        head.to_ascii_lowercase()
            .contains("cache-control: no-store"),
        "{head}"
    );
    assert!(head.contains("text/html"), "{head}");
    assert!(
        body.contains("/__vpagen/live.js"),
        "live-reload script injected"
    );
    let events = server.events();
    append(
        &site,
        "content/services/telefonservice.md",
        "\nFrisch ergänzt: Rückrufgarantie.\n",
    );
    server.wait_for("/leistungen/telefonservice/", "showed the edit", |s, b| {
        s == 200 && b.contains("Frisch ergänzt: Rückrufgarantie.")
    });
    let data = events.expect("reload");
    assert!(
        data.contains("\"goto\":\"/leistungen/telefonservice/\""),
        "{data}"
    );
}

#[test]
fn the_freshness_page_follows_edits() {
    let site = SiteTest::fixture("agency");
    let server = Server::start(&site);
    let (status, _, body) = server.get("/_vpagen/review/");
    assert_eq!(status, 200);
    assert!(
        body.contains("<h1>Freshness of Büroservice Beispiel</h1>"),
        "{body}"
    );
    assert!(
        body.contains("/__vpagen/live.js"),
        "the page reloads itself"
    );
    append(
        &site,
        "content/services/telefonservice.md",
        "\nNeu: Rückrufgarantie innerhalb von zwei Stunden.\n",
    );
    let body = server.wait_for("/_vpagen/review/", "listed the translation", |s, b| {
        s == 200 && b.contains("translation behind original")
    });
    assert!(
        body.contains("<a href=\"/en/services/telefonservice/\">"),
        "the row links the page: {body}"
    );
}

#[test]
fn a_guide_body_edit_reaches_its_print_bundle() {
    let site = SiteTest::fixture("agency");
    let server = Server::start(&site);
    let bundle = "/einarbeitung/neue-assistenz/druck/";
    assert_eq!(server.get(bundle).0, 200);
    append(
        &site,
        "content/guides/neue-assistenz.md",
        "\nNeu: Die Schlüsselübergabe erfolgt am ersten Tag.\n",
    );
    server.wait_for(bundle, "showed the edit", |s, b| {
        s == 200 && b.contains("Die Schlüsselübergabe erfolgt am ersten Tag.")
    });
}

#[test]
fn a_preview_for_the_public_hides_blocks_and_reports_a_planted_leak() {
    let site = SiteTest::fixture("agency");
    let server = Server::start_with(&site, &["--audience", "public"]);
    let (status, _, body) = server.get("/leistungen/telefonservice/");
    assert_eq!(status, 200);
    assert!(
        !body.contains("Mengenrabatt") && !body.contains("Telefonnotiz"),
        "blocks are cut"
    );
    assert_eq!(
        server.get("/einarbeitung/neue-assistenz/").0,
        404,
        "guides are hidden"
    );
    // A template edit that copies an internal sentence into every page.
    let footer = include_str!("../../themes/default/templates/item_footer.html");
    site.write(
        "themes/default/templates/item_footer.html",
        format!("{footer}<p>Die Servicenummer kostet uns 9,90 € im Monat je Kunde.</p>\n"),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let stderr = server.stderr.lock().expect("stderr buffer").clone();
        if stderr.contains("hidden from audience `public` appears in ") {
            break;
        }
        assert!(Instant::now() < deadline, "no leak reported:\n{stderr}");
        std::thread::sleep(Duration::from_millis(100));
    }
    let (_, _, body) = server.get("/leistungen/telefonservice/");
    assert!(!body.contains("9,90 €"), "the leaking page is not served");
}

#[test]
fn a_broken_edit_shows_the_overlay_keeps_the_last_good_page_and_a_fix_clears_it() {
    let site = SiteTest::fixture("agency");
    let server = Server::start(&site);
    let events = server.events();
    let rel = "content/services/korrektorat.md";
    let good = site.read(rel);
    let broken = good.replacen(
        "title = \"Korrektorat Deutsch und Englisch\"",
        "title = 42",
        1,
    );
    assert_ne!(broken, good, "the test edits the title line");
    site.write(rel, broken);
    let problems = events.expect("problems");
    assert!(
        problems.contains("content/services/korrektorat.md:2:9"),
        "{problems}"
    );
    assert!(
        problems.contains("title = 42"),
        "source line shown: {problems}"
    );
    assert!(problems.contains("help"), "{problems}");
    let (status, _, body) = server.get("/leistungen/korrektorat/");
    assert_eq!(status, 200, "the last good page stays served");
    assert!(body.contains("Korrektorat"));
    // A page opened while the site is broken learns of the errors at once.
    let late = server.events();
    assert!(late.expect("problems").contains("title = 42"));
    site.write(rel, good);
    events.expect("reload");
}

#[test]
fn new_and_deleted_pages_appear_and_disappear() {
    let site = SiteTest::fixture("agency");
    let server = Server::start(&site);
    let rel = "content/pages/neuigkeiten.md";
    site.write(
        rel,
        "+++\ntitle = \"Neuigkeiten\"\n+++\n\nUnser Büro hat jetzt samstags geöffnet.\n",
    );
    server.wait_for("/neuigkeiten/", "appeared", |s, b| {
        s == 200 && b.contains("samstags geöffnet")
    });
    std::fs::remove_file(site.path().join(rel)).expect("delete");
    server.wait_for("/neuigkeiten/", "disappeared", |s, _| s == 404);
    let (_, _, sitemap) = server.get("/sitemap.xml");
    assert!(
        !sitemap.contains("/neuigkeiten/"),
        "gone from the sitemap too"
    );
}

#[test]
fn a_stylesheet_edit_is_swapped_without_a_reload() {
    let site = SiteTest::fixture("agency");
    let server = Server::start(&site);
    let events = server.events();
    site.write("static/extra.css", "main { outline: 1px solid red }\n");
    events.expect("css");
    let (status, head, body) = server.get("/extra.css");
    assert_eq!(status, 200);
    assert!(head.contains("text/css"), "{head}");
    assert!(body.contains("outline"));
}

#[test]
fn nothing_outside_the_site_and_no_foreign_host_is_served() {
    let site = SiteTest::fixture("agency");
    let server = Server::start(&site);
    for path in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E%2Fsite.toml",
        "/leistungen/..%2F..%2Fsite.toml",
        "/..%5csite.toml",
        "/%00",
    ] {
        let (status, _, body) = server.get(path);
        assert_eq!(status, 400, "{path}: {body}");
    }
    for path in ["/site.toml", "/content/services/korrektorat.md"] {
        let (status, _, _) = server.get(path);
        assert_eq!(status, 404, "{path} is a source, not part of the site");
    }
    let (status, _, _) = server.request("/", "rebind.attacker.example");
    assert_eq!(status, 403, "foreign Host refused");
    let port = server.host.rsplit(':').next().expect("port");
    let (status, _, _) = server.request("/", &format!("localhost:{port}"));
    assert_eq!(status, 200, "localhost allowed");
    let (status, head, _) = server.get("/leistungen");
    assert_eq!(status, 301, "a folder without its slash redirects");
    assert!(head.contains("location: /leistungen/"), "{head}");
}

#[test]
fn a_taken_port_is_reported_once_with_what_to_do() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr");
    // What the system says about the port, in this machine's words.
    let os_message = std::net::TcpListener::bind(addr)
        .expect_err("the port is taken")
        .to_string();
    let site = SiteTest::fixture("agency");
    let mut child = crate::support::vpagen()
        .args(["serve", "--port", &addr.port().to_string()])
        .current_dir(site.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start vpagen serve");
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for vpagen serve") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("vpagen serve kept running on a taken port");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("piped")
        .read_to_string(&mut stderr)
        .expect("read stderr");
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with(&format!("error: cannot listen on {addr}: {os_message}\n")),
        "{stderr}"
    );
    assert_eq!(stderr.matches(&os_message).count(), 1, "{stderr}");
    let help = stderr
        .lines()
        .find_map(|l| l.strip_prefix(" = help: "))
        .unwrap_or_else(|| panic!("no help line: {stderr}"));
    assert!(help.contains("choose another port with `--port "), "{help}");
}

#[test]
fn a_thousand_rapid_edits_under_concurrent_requests_never_fail_or_tear_a_page() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    let site = SiteTest::fixture("agency");
    let server = Arc::new(Server::start(&site));
    let rel = "content/services/telefonservice.md";
    let original = site.read(rel);
    let stop = Arc::new(AtomicBool::new(false));
    let requests = Arc::new(AtomicUsize::new(0));
    let problems = Arc::new(Mutex::new(Vec::new()));
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let (server, stop, requests, problems) = (
                Arc::clone(&server),
                Arc::clone(&stop),
                Arc::clone(&requests),
                Arc::clone(&problems),
            );
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let (status, _, body) = server.get("/leistungen/telefonservice/");
                    requests.fetch_add(1, Ordering::Relaxed);
                    let whole = body.trim_end().ends_with("</html>")
                        && body.matches("/__vpagen/live.js").count() == 1
                        && body.matches("Stand der Seite: ").count() <= 1;
                    if status != 200 || !whole {
                        problems
                            .lock()
                            .expect("problems")
                            .push(format!("status {status}, {} bytes", body.len()));
                    }
                }
            })
        })
        .collect();
    for n in 0..1000 {
        site.write(rel, format!("{original}\nStand der Seite: {n:04}.\n"));
        std::thread::sleep(Duration::from_millis(2));
    }
    server.wait_for(
        "/leistungen/telefonservice/",
        "showed the last edit",
        |s, b| s == 200 && b.contains("Stand der Seite: 0999."),
    );
    stop.store(true, Ordering::Relaxed);
    for r in readers {
        r.join().expect("reader thread");
    }
    let problems = problems.lock().expect("problems");
    assert!(
        problems.is_empty(),
        "{} of {} requests failed or were torn: {:?}",
        problems.len(),
        requests.load(Ordering::Relaxed),
        &problems[..problems.len().min(5)]
    );
    eprintln!(
        "1000 edits, {} requests, none failed or torn",
        requests.load(Ordering::Relaxed)
    );
    assert!(requests.load(Ordering::Relaxed) > 100, "the readers ran");
}

#[test]
fn editors_save_patterns_are_followed() {
    let site = SiteTest::fixture("agency");
    let server = Server::start(&site);
    let rel = "content/services/telefonservice.md";
    let path = site.path().join(rel);
    let original = site.read(rel);
    // Write to a temporary file, then rename it over the original (most editors).
    let temp = site.path().join("content/services/.telefonservice.md.tmp");
    std::fs::write(&temp, format!("{original}\nGespeichert per Umbenennen.\n"))
        .expect("write temp");
    std::fs::rename(&temp, &path).expect("rename over");
    server.wait_for(
        "/leistungen/telefonservice/",
        "showed the renamed save",
        |s, b| s == 200 && b.contains("Gespeichert per Umbenennen."),
    );
    // vim: move the original to a backup, write the file anew, delete the backup.
    let backup = site.path().join("content/services/telefonservice.md~");
    std::fs::rename(&path, &backup).expect("backup");
    std::fs::write(&path, format!("{original}\nGespeichert wie vim.\n")).expect("write new");
    std::fs::remove_file(&backup).expect("remove backup");
    server.wait_for(
        "/leistungen/telefonservice/",
        "showed the vim-style save",
        |s, b| s == 200 && b.contains("Gespeichert wie vim."),
    );
    let (status, _, _) = server.get("/leistungen/telefonservice.md~");
    assert_eq!(status, 404, "backup files are never part of the site");
}

#[test]
fn a_themes_folder_created_while_serving_is_watched() {
    let site = SiteTest::fixture("agency");
    let themes = site.path().join("themes");
    if themes.exists() {
        std::fs::remove_dir_all(&themes).expect("remove themes/");
    }
    let server = Server::start(&site);
    let template = std::fs::read_to_string(
        crate::support::repo_root().join("themes/default/templates/page.html"),
    )
    .expect("read page.html");
    let with = |marker: &str| {
        template.replacen(
            "{% block main %}",
            &format!("{{% block main %}}<p>{marker}</p>"),
            1,
        )
    };
    site.write("themes/default/templates/page.html", with("Erste Vorlage"));
    server.wait_for("/faq/", "used the new override", |s, b| {
        s == 200 && b.contains("Erste Vorlage")
    });
    site.write("themes/default/templates/page.html", with("Zweite Vorlage"));
    server.wait_for("/faq/", "followed an edit of the override", |s, b| {
        s == 200 && b.contains("Zweite Vorlage")
    });
}

#[test]
fn renaming_a_heading_that_another_page_links_to_is_reported() {
    let site = SiteTest::fixture("agency");
    site.write(
        "content/pages/abschnitt-a.md",
        "+++\ntitle = \"Abschnitt A\"\n+++\n\n## Erster Abschnitt\n\nText.\n",
    );
    site.write(
        "content/pages/abschnitt-b.md",
        "+++\ntitle = \"Abschnitt B\"\n+++\n\nSiehe [A](@page:abschnitt-a#erster-abschnitt).\n",
    );
    let server = Server::start(&site);
    let events = server.events();
    site.write(
        "content/pages/abschnitt-a.md",
        "+++\ntitle = \"Abschnitt A\"\n+++\n\n## Umbenannter Abschnitt\n\nText.\n",
    );
    let problems = events.expect("problems");
    assert!(
        problems.contains("content/pages/abschnitt-b.md"),
        "{problems}"
    );
    site.write(
        "content/pages/abschnitt-a.md",
        "+++\ntitle = \"Abschnitt A\"\n+++\n\n## Erster Abschnitt\n\nNeuer Text.\n",
    );
    events.expect("reload");
    server.wait_for("/abschnitt-a/", "showed the fix", |s, b| {
        s == 200 && b.contains("Neuer Text.")
    });
}

#[test]
fn the_content_folder_removed_and_restored_under_the_server_is_reported_and_recovered() {
    let site = SiteTest::fixture("agency");
    let server = Server::start(&site);
    let events = server.events();
    let content = site.path().join("content");
    let aside = site.path().join("content-aside");
    std::fs::rename(&content, &aside).expect("move content away");
    let problems = events.expect("problems");
    assert!(problems.contains("no content folder"), "{problems}");
    let (status, _, body) = server.get("/leistungen/telefonservice/");
    assert_eq!(status, 200, "the last good site stays served");
    assert!(body.contains("Telefonservice"));
    std::fs::rename(&aside, &content).expect("put content back");
    events.expect("reload");
    // A file the server cannot read as text is reported; fixing it recovers.
    let rel = "content/services/telefonservice.md";
    let good = site.read(rel);
    site.write(rel, b"+++\ntitle = \"\xff\xfe\"\n+++\n".as_slice());
    assert!(events.expect("problems").contains("not valid UTF-8"));
    site.write(rel, good);
    events.expect("reload");
    server.wait_for("/leistungen/telefonservice/", "recovered", |s, b| {
        s == 200 && b.contains("Telefonservice")
    });
}
