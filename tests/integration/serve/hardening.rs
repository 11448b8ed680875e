//! `vpagen serve` against a hostile or careless neighbour on the same machine: links
//! swapped in for site files, odd `Host` values, slow and idle clients, too many open
//! pages, saves written in parts. Each test reproduces a way the promises of `serve`
//! (nothing outside the site, only its own hosts, no cached or framed answers, whole
//! pages) were once broken.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::fs::symlink;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{PATIENCE, Server};
use crate::support::SiteTest;

/// The header timeout of `serve` (src/serve/conn.rs).
const HEADER_TIMEOUT: Duration = Duration::from_secs(5);

/// Text that exists only outside the site.
const SECRET: &str = "Vertraulich-außerhalb-7Q2";

/// Reads from `stream` until the server closes it or ends a chunked body; returns
/// what arrived and how long it took. Fails after `limit`.
fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> (String, Duration) {
    let start = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .expect("timeout");
    let mut got = Vec::new();
    let mut buf = [0_u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                got.extend_from_slice(&buf[..n]);
                if got.ends_with(b"\r\n0\r\n\r\n") {
                    break;
                }
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => break, // reset by the server: closed
        }
        assert!(
            start.elapsed() < limit,
            "the server kept the connection open for {limit:?}"
        );
    }
    (String::from_utf8_lossy(&got).into_owned(), start.elapsed())
}

/// Whether `text` shows a path of this machine outside the site: the site's own
/// folder (resolved or as given) or `outside`.
fn shows_machine_paths(text: &str, site: &SiteTest, outside: &std::path::Path) -> bool {
    let real = std::fs::canonicalize(site.path()).expect("canonical site");
    [site.path(), real.as_path(), outside]
        .iter()
        .any(|p| text.contains(&*p.to_string_lossy()))
}

#[test]
fn a_content_file_swapped_for_a_link_out_of_the_site_is_withdrawn_not_read() {
    let site = SiteTest::fixture("minimal");
    let server = Server::start(&site);
    assert_eq!(server.get("/markdown/").0, 200);
    let events = server.events();
    let outside = tempfile::tempdir().expect("tempdir");
    let leaked = outside.path().join("markdown.md");
    let original = site.read("content/pages/markdown.md");
    std::fs::write(&leaked, format!("{original}\n{SECRET}\n")).expect("write outside");
    // Saved the way editors save: a new file renamed over the old one.
    let link = site.path().join("swap.tmp");
    symlink(&leaked, &link).expect("symlink");
    std::fs::rename(&link, site.path().join("content/pages/markdown.md")).expect("rename");

    let problem = events.expect("problems");
    assert!(
        problem.contains("content/pages/markdown.md") && problem.contains("leads out of the site"),
        "{problem}"
    );
    assert!(
        !shows_machine_paths(&problem, &site, outside.path()),
        "the browser is shown a path of the machine: {problem}"
    );
    // The page is no longer served, neither the outside text nor the last good one.
    server.wait_for("/markdown/", "was withdrawn", |s, _| s == 404);
    for path in ["/markdown/", "/", "/impressum/"] {
        let (_, _, body) = server.get(path);
        assert!(
            !body.contains(SECRET),
            "{path} shows the file outside the site"
        );
    }
    assert_eq!(server.get("/impressum/").0, 200, "the rest stays served");
}

#[test]
fn a_static_folder_that_links_out_of_the_site_is_refused() {
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("geheim.txt"), SECRET).expect("write outside");
    // A build refuses it and writes nothing.
    let site = SiteTest::fixture("minimal");
    symlink(outside.path(), site.path().join("static")).expect("symlink");
    let run = site.run(&["build"]);
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stderr.contains(
            "static is a symbolic link, or lies in a linked folder, that leads out of the site"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.path().join("public").exists());

    // Swapped in under a running server, it is not served either.
    let site = SiteTest::fixture("minimal");
    site.write("static/hallo.txt", "Hallo");
    let server = Server::start(&site);
    assert_eq!(server.get("/hallo.txt").0, 200);
    let events = server.events();
    std::fs::remove_dir_all(site.path().join("static")).expect("remove static");
    symlink(outside.path(), site.path().join("static")).expect("symlink");
    let problem = events.expect("problems");
    assert!(problem.contains("leads out of the site"), "{problem}");
    assert!(
        !shows_machine_paths(&problem, &site, outside.path()),
        "{problem}"
    );
    let (status, _, body) = server.get("/geheim.txt");
    assert_eq!(status, 404, "{body}");
}

#[test]
fn odd_host_values_and_foreign_request_targets_are_refused() {
    let site = SiteTest::fixture("minimal");
    let server = Server::start(&site);
    let port = server.host.rsplit(':').next().expect("port").to_owned();
    let get = |host_lines: &str, target: &str| {
        server
            .raw(&format!(
                "GET {target} HTTP/1.1\r\n{host_lines}Connection: close\r\n\r\n"
            ))
            .0
    };
    for good in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "localhost".to_owned(),
    ] {
        assert_eq!(get(&format!("Host: {good}\r\n"), "/"), 200, "{good}");
    }
    for bad in [
        format!("localhost:{port}@evil.example"),
        "localhost:evil.example".to_owned(),
        "[::1]evil.example".to_owned(),
        format!("127.0.0.1:{port}.evil.example"),
        "evil.example".to_owned(),
    ] {
        let status = get(&format!("Host: {bad}\r\n"), "/");
        assert!(status == 403 || status == 400, "{bad}: {status}");
    }
    let two = format!("Host: localhost:{port}\r\nHost: evil.example\r\n");
    assert_eq!(get(&two, "/"), 400, "two Host headers");
    let local = format!("Host: localhost:{port}\r\n");
    assert_eq!(get(&local, "http://evil.example/"), 403, "absolute form");
    assert_eq!(get(&local, &format!("http://localhost:{port}/")), 200);
}

#[test]
fn every_answer_carries_the_security_headers() {
    let site = SiteTest::fixture("minimal");
    let server = Server::start(&site);
    let host = server.host.clone();
    let heads = [
        (200, server.get("/").1),
        (301, server.get("/leistungen").1),
        (400, server.get("/../site.toml").1),
        (403, server.request("/", "evil.example").1),
        (404, server.get("/gibt-es-nicht/").1),
        (
            405,
            server
                .raw(&format!(
                    "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                ))
                .1,
        ),
    ];
    for (status, head) in heads {
        let head = head.to_ascii_lowercase();
        assert!(head.starts_with(&format!("http/1.1 {status}")), "{head}");
        for header in [
            "cache-control: no-store",
            "x-content-type-options: nosniff",
            "content-security-policy: frame-ancestors 'none'",
            "x-frame-options: deny",
            "cross-origin-resource-policy: same-origin",
        ] {
            assert!(head.contains(header), "{status} lacks `{header}`:\n{head}");
        }
    }
}

#[test]
fn slow_and_idle_clients_are_closed_after_the_header_timeout_while_pages_keep_answering() {
    let site = SiteTest::fixture("minimal");
    let server = Server::start(&site);
    // Half a header, nothing at all, and a kept-alive connection after its answer.
    let opened = Instant::now();
    let mut slow = TcpStream::connect(&server.host).expect("connect");
    slow.write_all(b"GET / HTTP/1.1\r\nHost: loc")
        .expect("send part");
    let mut idle = TcpStream::connect(&server.host).expect("connect");
    let mut kept = TcpStream::connect(&server.host).expect("connect");
    write!(kept, "GET / HTTP/1.1\r\nHost: {}\r\n\r\n", server.host).expect("send");
    // Meanwhile every other request is answered.
    for _ in 0..20 {
        assert_eq!(server.get("/").0, 200);
    }
    let limit = HEADER_TIMEOUT * 3;
    for (what, stream) in [("half a header", &mut slow), ("nothing", &mut idle)] {
        read_until_closed(stream, limit);
        let closed_after = opened.elapsed();
        assert!(
            closed_after + Duration::from_millis(500) >= HEADER_TIMEOUT,
            "a client that sent {what} was closed before the timeout: {closed_after:?}"
        );
    }
    // The kept-alive connection: its answer, then closed once idle.
    let mut got = Vec::new();
    kept.set_read_timeout(Some(limit)).expect("timeout");
    let start = Instant::now();
    let _ = kept.read_to_end(&mut got);
    let text = String::from_utf8_lossy(&got);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(
        start.elapsed() < limit,
        "an idle kept-alive connection stayed open"
    );
    assert_eq!(server.get("/").0, 200);
}

#[test]
fn the_oldest_event_stream_ends_when_too_many_pages_listen() {
    const MAX: usize = 32; // MAX_EVENT_STREAMS of src/serve/http.rs
    let site = SiteTest::fixture("minimal");
    let server = Server::start(&site);
    let open = || {
        let mut s = TcpStream::connect(&server.host).expect("connect");
        write!(
            s,
            "GET /__vpagen/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            server.host
        )
        .expect("send");
        // The head arrives at once; the stream then waits for events.
        let mut head = [0_u8; 64];
        let n = s.read(&mut head).expect("head");
        assert!(head[..n].starts_with(b"HTTP/1.1 200"), "no event stream");
        s
    };
    let mut first = open();
    let _others: Vec<TcpStream> = (0..MAX).map(|_| open()).collect();
    let (text, took) = read_until_closed(&mut first, PATIENCE);
    assert!(took < PATIENCE);
    assert!(
        text.contains("event: bye"),
        "the ended page is told not to reconnect: {text}"
    );
    // The terminal says so (its line may arrive just after the stream ended).
    let said = format!("more than {MAX} open pages listen for reloads");
    let start = Instant::now();
    while !server.stderr.lock().expect("stderr").contains(&said) {
        assert!(
            start.elapsed() < PATIENCE,
            "the terminal was not told:\n{}",
            server.stderr.lock().expect("stderr")
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(server.get("/").0, 200);
}

#[test]
fn a_save_written_in_two_parts_is_published_once_and_whole() {
    let site = SiteTest::fixture("minimal");
    let server = Arc::new(Server::start(&site));
    let rel = "content/pages/markdown.md";
    let original = site.read(rel);
    let events = server.events();
    let stop = Arc::new(AtomicBool::new(false));
    let torn = Arc::new(Mutex::new(Vec::new()));
    let reader = {
        let (server, stop, torn) = (Arc::clone(&server), Arc::clone(&stop), Arc::clone(&torn));
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let (_, _, body) = server.get("/markdown/");
                if body.contains("Erster Teil") && !body.contains("Zweiter Teil") {
                    torn.lock().expect("torn").push(body);
                }
            }
        })
    };
    let path = site.path().join(rel);
    let mut file = std::fs::File::create(&path).expect("truncate");
    file.write_all(format!("{original}\nErster Teil, ").as_bytes())
        .expect("first part");
    file.flush().expect("flush");
    // 20 ms apart: well inside the 50 ms the server waits for files to settle, also
    // on a busy machine, and beyond the 15 ms it once waited.
    std::thread::sleep(Duration::from_millis(20));
    file.write_all(b"Zweiter Teil.\n").expect("second part");
    drop(file);
    server.wait_for("/markdown/", "showed the save", |s, b| {
        s == 200 && b.contains("Zweiter Teil")
    });
    events.expect("reload");
    // No second reload follows.
    std::thread::sleep(Duration::from_millis(700));
    stop.store(true, Ordering::Relaxed);
    reader.join().expect("reader");
    let more = events.drain();
    assert!(
        !more.iter().any(|(name, _)| name == "reload"),
        "a second reload: {more:?}"
    );
    let torn = torn.lock().expect("torn");
    assert!(torn.is_empty(), "{} half-written pages served", torn.len());
}
