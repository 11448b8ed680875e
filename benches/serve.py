#!/usr/bin/env python3
"""Live-reload latency of `vpagen serve`: how long after saving a file the served page
shows the edit, and how long until open pages are told to reload.

    python3 benches/serve.py [--pages 1000,10000] [--runs 15] [--poll-ms 1] [--keep]

Sites: the example site of the repository root (site.toml, content/ and static/ copied
into a temporary folder target/bench/serve-*; the repository's own files are never
edited) and, for each N of --pages, a generated corpus of N pages
(../shared/tools/gen-corpus.py --flavor vpagen, path overridable with GEN_CORPUS), with
the site.toml and impressum page of benches/search.sh. The corpus is generated once into
target/bench/serve-corpus-N (complete when it holds `.complete`) and copied into the
temporary folder for each invocation, so edits never touch the cache.

For each site the script starts `target/release/vpagen serve --root SITE --port 0`
(built first with `cargo build --release`), reads the port from the "Serving the site
at ..." line, keeps one Server-Sent Events connection open on /__vpagen/events (each
event timestamped with time.perf_counter() as it arrives) and measures, --runs times:

  1. body edit: a unique marker sentence appended to the body (end of file, front matter
     unchanged) of one content page (example: content/services/telefonservice.md, served
     at /leistungen/telefonservice/; corpus: content/pages/page-0.md at /pages/page-0/).
     The file is written the plain way (open 'w', write, close); t0 is taken right
     before the write. Reported: t0 until a GET of the page returns HTML that holds the
     marker (polled over one persistent connection, --poll-ms between requests), t0
     until the `reload` event arrives, and the rebuild time the server prints.
  2. template edit: the theme is embedded in the binary; a site overrides a template
     with themes/default/templates/<name>.html. Before the runs (outside the timing) the
     template of the measured page (service.html for the example's service, page.html
     for corpus pages) is copied from the repository's themes/default/templates into
     the site (with a first marker, so that the copy changes the pages), and the
     rebuild is waited for. Each run then writes the override with a new marker
     paragraph at the start of `{% block main %}` and measures the same three figures
     (a template edit re-renders every page). The folder themes/default/templates is
     created before the server starts: `vpagen serve` watches themes/ only if it
     exists at startup.

After each edit the script checks that it caused exactly one rebuild, one `reload`
event (with `goto` = the edited page for body edits, none for template edits), one
rendered page for body edits and no stderr output; anything else is listed under
"notes:" below the table.

Between runs: the server rebuilds its search index once edits pause for 300 ms; for
10,000 pages that takes seconds and the rebuild loop does nothing else meanwhile, so an
edit made during it would measure the search rebuild, not the edit path. After every
body edit the script therefore waits for the "Search index rebuilt" line (template edits
do not make the index stale and print no such line), then another 150 ms so that the
debouncer (15 ms quiet, 250 ms at most) has settled. The index rebuild time the server
prints is reported as a row of its own.

The measured page is polled while the server rebuilds; on a machine with few cores the
poller (a Python thread, up to one request per --poll-ms) competes with the rebuild for
CPU. --poll-ms 0 polls without pause.

Exit status: 0 when every measurement completed, 1 on any error or timeout (30 s per
measurement, 120 s for the first build, scaled up for corpora above 10,000 pages),
130 on Ctrl-C. The server is stopped in every case.
"""
import argparse
import datetime
import http.client
import json
import math
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(REPO, "target", "bench")
BIN = os.path.join(REPO, "target", "release", "vpagen")
GEN = os.environ.get("GEN_CORPUS", os.path.join(REPO, "..", "shared", "tools", "gen-corpus.py"))

MEASURE_TIMEOUT = 30.0
SETTLE = 0.150

# The configuration and the pages (Impressum, privacy page) the benchmarks give a
# generated corpus: benches/corpus/site.toml and every .md beside it.
CORPUS_DIR = os.path.join(REPO, "benches", "corpus")
with open(os.path.join(CORPUS_DIR, "site.toml"), encoding="utf-8") as f:
    CORPUS_TOML = f.read()
CORPUS_PAGES = {}
for name in sorted(os.listdir(CORPUS_DIR)):
    if name.endswith(".md"):
        with open(os.path.join(CORPUS_DIR, name), encoding="utf-8") as f:
            CORPUS_PAGES[name] = f.read()

SERVING = re.compile(r"Serving the site at (http://[^ ]+/) \(Ctrl-C to stop\)")
BUILT = re.compile(r"Built (\d+) pages in (\d+) ms")
REBUILT = re.compile(r"Rebuilt in (\d+) ms: (.*)")
SEARCH = re.compile(r"Search index rebuilt in (\d+) ms")


class BenchError(Exception):
    pass


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- server


class Server:
    """One `vpagen serve` process; its stdout and stderr lines are collected (with
    their arrival time) by reader threads so the pipes never fill up."""

    def __init__(self, root):
        self.root = root
        self.lines = []  # (perf_counter, stream, text)
        self.cond = threading.Condition()
        self.url = None
        cmd = [BIN, "serve", "--root", root, "--port", "0", "--color", "never"]
        self.proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
        )
        self.threads = [
            threading.Thread(target=self._read, args=(self.proc.stdout, "out"), daemon=True),
            threading.Thread(target=self._read, args=(self.proc.stderr, "err"), daemon=True),
        ]
        for t in self.threads:
            t.start()

    def _read(self, pipe, name):
        for raw in iter(pipe.readline, b""):
            text = raw.decode("utf-8", "replace").rstrip("\n")
            with self.cond:
                self.lines.append((time.perf_counter(), name, text))
                self.cond.notify_all()
        with self.cond:
            self.lines.append((time.perf_counter(), name, None))  # EOF
            self.cond.notify_all()

    def mark(self):
        with self.cond:
            return len(self.lines)

    def wait_line(self, pattern, start, timeout, what):
        """The first stdout line from index `start` on that matches `pattern`:
        (index, match, time)."""
        deadline = time.monotonic() + timeout
        i = start
        with self.cond:
            while True:
                while i < len(self.lines):
                    ts, stream, text = self.lines[i]
                    if stream == "out" and text is not None:
                        m = pattern.search(text)
                        if m:
                            return i, m, ts
                    i += 1
                if self.proc.poll() is not None:
                    raise BenchError(f"the server exited (status {self.proc.returncode}) while waiting for {what}\n{self.tail()}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise BenchError(f"timeout after {timeout:.0f} s waiting for {what}\n{self.tail()}")
                self.cond.wait(min(left, 0.5))

    def lines_since(self, start):
        with self.cond:
            return [(s, t) for _, s, t in self.lines[start:] if t is not None]

    def tail(self, n=15):
        with self.cond:
            last = [f"  [{s}] {t}" for _, s, t in self.lines[-n:] if t is not None]
        return "last server output:\n" + ("\n".join(last) if last else "  (none)")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        for t in self.threads:
            t.join(2)


class Events:
    """One SSE connection; every event is kept as (perf_counter, name, data)."""

    def __init__(self, host, port):
        self.events = []
        self.cond = threading.Condition()
        self.error = None
        self.conn = http.client.HTTPConnection(host, port, timeout=None)
        self.conn.request("GET", "/__vpagen/events", headers={"Accept": "text/event-stream"})
        self.resp = self.conn.getresponse()
        if self.resp.status != 200:
            raise BenchError(f"GET /__vpagen/events answered {self.resp.status}")
        ctype = self.resp.getheader("Content-Type", "")
        if not ctype.startswith("text/event-stream"):
            raise BenchError(f"GET /__vpagen/events has Content-Type {ctype!r}")
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        name, data = "message", []
        try:
            while True:
                raw = self.resp.readline()
                if not raw:
                    break
                ts = time.perf_counter()
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                if line == "":
                    if data:
                        with self.cond:
                            self.events.append((ts, name, "\n".join(data)))
                            self.cond.notify_all()
                    name, data = "message", []
                elif line.startswith(":"):
                    continue  # keep-alive comment
                else:
                    field, _, value = line.partition(":")
                    value = value[1:] if value.startswith(" ") else value
                    if field == "event":
                        name = value
                    elif field == "data":
                        data.append(value)
        except Exception as e:  # closed at shutdown, or a broken stream
            self.error = e
        with self.cond:
            self.events.append((time.perf_counter(), "<closed>", repr(self.error)))
            self.cond.notify_all()

    def mark(self):
        with self.cond:
            return len(self.events)

    def wait(self, start, names, timeout, what):
        deadline = time.monotonic() + timeout
        i = start
        with self.cond:
            while True:
                while i < len(self.events):
                    ev = self.events[i]
                    if ev[1] == "<closed>":
                        raise BenchError(f"the event stream closed while waiting for {what}: {ev[2]}")
                    if ev[1] in names:
                        return i, ev
                    i += 1
                left = deadline - time.monotonic()
                if left <= 0:
                    raise BenchError(f"timeout after {timeout:.0f} s waiting for {what}")
                self.cond.wait(min(left, 0.5))

    def since(self, start):
        with self.cond:
            return list(self.events[start:])

    def close(self):
        try:
            self.conn.sock and self.conn.sock.shutdown(2)
        except OSError:
            pass
        self.conn.close()


class Client:
    """A persistent connection for polling pages."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.conn = None

    def get(self, path):
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=10)
            try:
                self.conn.request("GET", path)
                resp = self.conn.getresponse()
                return resp.status, resp.read()
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise

    def close(self):
        if self.conn:
            self.conn.close()


# --------------------------------------------------------------------------- sites


def run(cmd, **kw):
    r = subprocess.run(cmd, cwd=REPO, **kw)
    if r.returncode != 0:
        raise BenchError(f"`{' '.join(cmd)}` failed with status {r.returncode}")


def corpus_cache(n):
    """target/bench/serve-corpus-N, generated once."""
    d = os.path.join(WORK, f"serve-corpus-{n}")
    if not os.path.isfile(os.path.join(d, ".complete")):
        if not os.path.isfile(GEN):
            raise BenchError(f"corpus generator not found at {GEN} (set GEN_CORPUS)")
        log(f"generating a corpus of {n} pages into {os.path.relpath(d, REPO)} ...")
        shutil.rmtree(d, ignore_errors=True)
        run([sys.executable, GEN, "--pages", str(n), "--out", d, "--flavor", "vpagen"], stdout=subprocess.DEVNULL)
        open(os.path.join(d, ".complete"), "w").close()
    # The corpus's site.toml holds only a title; vpagen needs a full configuration and
    # the legal pages. Written every time, so that a cache from before a change heals.
    with open(os.path.join(d, "site.toml"), "w") as f:
        f.write(CORPUS_TOML)
    for name, text in CORPUS_PAGES.items():
        with open(os.path.join(d, "content", "pages", name), "w") as f:
            f.write(text)
    return d


def prepare_site(tmp, name, source, parts):
    dest = os.path.join(tmp, name)
    os.makedirs(dest)
    for p in parts:
        src = os.path.join(source, p)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(dest, p))
        elif os.path.isfile(src):
            shutil.copy2(src, os.path.join(dest, p))
    # The override folder exists before the server starts: `vpagen serve` only watches
    # themes/ when it exists at startup (see the report of this benchmark).
    os.makedirs(os.path.join(dest, "themes", "default", "templates"))
    return dest


def count_md(root):
    return sum(f.endswith(".md") for _, _, fs in os.walk(os.path.join(root, "content")) for f in fs)


# --------------------------------------------------------------------------- measuring


def token():
    return "bm" + uuid.uuid4().hex[:12]


def poll_page(client, path, marker, t0, timeout, poll_s):
    deadline = t0 + timeout
    needle = marker.encode()
    while True:
        status, body = client.get(path)
        now = time.perf_counter()
        if status == 200 and needle in body:
            return now
        if now > deadline:
            raise BenchError(f"timeout after {timeout:.0f} s: GET {path} (status {status}) never showed marker {marker}")
        if poll_s:
            time.sleep(poll_s)


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def measure_edit(srv, events, client, kind, file, page, make_text, expect_goto, args, notes):
    """One edit: returns (page ms, reload ms, server rebuild ms, search ms or None)."""
    marker = token()
    text = make_text(marker)
    out0, ev0 = srv.mark(), events.mark()
    t0 = time.perf_counter()
    write(file, text)
    t_page = poll_page(client, page, marker, t0, MEASURE_TIMEOUT, args.poll_ms / 1000)
    idx, ev = events.wait(ev0, ("reload", "problems"), MEASURE_TIMEOUT, f"the reload event after the {kind}")
    if ev[1] == "problems":
        raise BenchError(f"the server reported problems after the {kind}: {ev[2]}")
    t_reload = ev[0]
    try:
        goto = json.loads(ev[2]).get("goto")
    except ValueError:
        goto = f"<unparsable {ev[2]!r}>"
    if goto != expect_goto:
        notes.append(f"{kind}: reload event goto {goto!r}, expected {expect_goto!r}")
    i, m, _ = srv.wait_line(REBUILT, out0, MEASURE_TIMEOUT, f"the 'Rebuilt in' line after the {kind}")
    rebuilt_ms = int(m.group(1))
    search_ms = None
    if kind == "body edit":
        _, sm, _ = srv.wait_line(SEARCH, i + 1, max(MEASURE_TIMEOUT, args.startup_timeout),
                                 f"'Search index rebuilt' after the {kind}")
        search_ms = int(sm.group(1))
    time.sleep(SETTLE)
    # Anything unexpected in between: more than one rebuild, stderr output, extra events.
    rebuilds = [t for s, t in srv.lines_since(out0) if s == "out" and REBUILT.search(t)]
    if len(rebuilds) != 1:
        notes.append(f"{kind}: {len(rebuilds)} rebuilds for one write: {rebuilds}")
    else:
        note = rebuilds[0]
        pages = re.search(r"(\d+) page\(s\) rendered", note)
        if kind == "body edit" and (not pages or pages.group(1) != "1"):
            notes.append(f"{kind}: expected 1 page rendered, server says: {note}")
    errs = [t for s, t in srv.lines_since(out0) if s == "err"]
    if errs:
        notes.append(f"{kind}: stderr: {' | '.join(errs[:5])}")
    extra = [(n, d) for _, n, d in events.since(ev0) if not (n == "reload" and d == ev[2])]
    if extra or len(events.since(ev0)) != 1:
        notes.append(f"{kind}: events after one write: {[(n, d) for _, n, d in events.since(ev0)]}")
    return (t_page - t0) * 1000, (t_reload - t0) * 1000, rebuilt_ms, search_ms


def bench_site(label, site, page_file, page_url, page_title, template, args, results, notes_out):
    files = count_md(site)
    startup_timeout = args.startup_timeout
    log(f"[{label}] starting vpagen serve on {os.path.relpath(site, REPO)} ({files} Markdown files) ...")
    t_start = time.monotonic()
    srv = Server(site)
    events = client = None
    notes = []
    page_path = os.path.join(site, page_file)
    override = os.path.join(site, "themes", "default", "templates", template)
    original = open(page_path, encoding="utf-8").read()
    try:
        _, m, _ = srv.wait_line(SERVING, 0, startup_timeout, "the 'Serving the site at' line")
        startup = time.monotonic() - t_start
        built = [BUILT.search(t) for s, t in srv.lines_since(0) if s == "out"]
        built = next((b for b in built if b), None)
        url = m.group(1)
        hostport = url.split("//", 1)[1].rstrip("/")
        host, port = hostport.rsplit(":", 1)
        port = int(port)
        client = Client(host, port)
        events = Events(host, port)

        # The measured page is where we think it is.
        status, body = client.get(page_url)
        if status != 200:
            raise BenchError(f"[{label}] GET {page_url} answered {status}; the measured page is elsewhere")
        if page_title.encode() not in body:
            raise BenchError(f"[{label}] GET {page_url} does not hold the title {page_title!r}")
        if b"/__vpagen/live.js" not in body:
            notes.append("the measured page has no live-reload script")
        info = (f"{files} Markdown files; {built.group(1) + ' pages built in ' + built.group(2) + ' ms, ' if built else ''}"
                f"serving after {startup:.1f} s")
        log(f"[{label}] {info}")

        # 1. body edits
        rows = {k: [] for k in ("body edit → page served", "body edit → reload event",
                                "body edit: server rebuild", "body edit: search index (server)",
                                "template edit → page served", "template edit → reload event",
                                "template edit: server rebuild")}
        body_text = original.rstrip("\n") + "\n\n"
        for r in range(args.runs):
            p, e, b, s = measure_edit(
                srv, events, client, "body edit", page_path, page_url,
                lambda mk: body_text + f"Messmarke {mk} für den Benchmark.\n",
                page_url, args, notes)
            rows["body edit → page served"].append(p)
            rows["body edit → reload event"].append(e)
            rows["body edit: server rebuild"].append(b)
            rows["body edit: search index (server)"].append(s)
            log(f"[{label}] body edit {r + 1}/{args.runs}: page {p:.1f} ms, reload {e:.1f} ms, server {b} ms, search {s} ms")
        write(page_path, original)
        out0 = srv.mark()
        srv.wait_line(REBUILT, out0, MEASURE_TIMEOUT, "the rebuild after restoring the page")
        srv.wait_line(SEARCH, out0, max(MEASURE_TIMEOUT, startup_timeout), "'Search index rebuilt' after restoring the page")
        time.sleep(SETTLE)

        # 2. template edits: install the override first (outside the timing).
        stock = open(os.path.join(REPO, "themes", "default", "templates", template), encoding="utf-8").read()
        anchor = "{% block main %}\n"
        if anchor not in stock:
            raise BenchError(f"themes/default/templates/{template} has no {anchor.strip()!r} line")
        with_marker = lambda mk: stock.replace(anchor, anchor + f'<p class="bench-marker">{mk}</p>\n', 1)
        out0 = srv.mark()
        first = token()
        t_install = time.perf_counter()
        write(override, with_marker(first))
        poll_page(client, page_url, first, t_install, MEASURE_TIMEOUT, args.poll_ms / 1000)
        srv.wait_line(REBUILT, out0, MEASURE_TIMEOUT, "the rebuild after installing the template override")
        time.sleep(SETTLE)
        for r in range(args.runs):
            p, e, b, _ = measure_edit(
                srv, events, client, "template edit", override, page_url,
                with_marker, None, args, notes)
            rows["template edit → page served"].append(p)
            rows["template edit → reload event"].append(e)
            rows["template edit: server rebuild"].append(b)
            log(f"[{label}] template edit {r + 1}/{args.runs}: page {p:.1f} ms, reload {e:.1f} ms, server {b} ms")
        os.remove(override)
        for name, vals in rows.items():
            results.append((label, files, name, vals))
        notes_out.append((label, info, notes))
    finally:
        if events:
            events.close()
        if client:
            client.close()
        srv.stop()
        try:
            write(page_path, original)
        except OSError:
            pass


# --------------------------------------------------------------------------- report


def p90(vals):
    s = sorted(vals)
    return s[max(0, math.ceil(0.9 * len(s)) - 1)]


def loadavg():
    try:
        return " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return "?"


def machine(started, load_start):
    model = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                           capture_output=True, text=True).stdout.strip()
    return (f"machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {model}, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}\n"
            f"date: {started.isoformat(timespec='seconds')} (start); "
            f"load average (1, 5, 15 min) {load_start} at the start, {loadavg()} at the end\n"
            f"vpagen: {rev or '?'}{' (working tree modified)' if dirty else ''}")


def table(results, runs):
    head = ("site", "md files", "measurement", "median", "p90", "min", "max", "runs")
    rows = []
    for label, files, name, vals in results:
        vals = [v for v in vals if v is not None]
        if not vals:
            continue
        f = lambda v: f"{v:.1f}"
        rows.append((label, str(files), name, f(statistics.median(vals)), f(p90(vals)),
                     f(min(vals)), f(max(vals)), str(len(vals))))
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
    align = lambda r: "  ".join(c.ljust(w) if i < 3 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    lines = [align(head), align(tuple("-" * w for w in widths))]
    lines += [align(r) for r in rows]
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", default="1000,10000", help="corpus sizes, comma-separated (empty: example only)")
    ap.add_argument("--runs", type=int, default=15, help="edits per measurement")
    ap.add_argument("--poll-ms", type=float, default=1.0, help="pause between page polls (default 1 ms)")
    ap.add_argument("--no-example", action="store_true", help="skip the example site")
    ap.add_argument("--no-build", action="store_true", help="do not run cargo build --release first")
    ap.add_argument("--keep", action="store_true", help="keep the temporary site copies")
    args = ap.parse_args()
    sizes = [int(x) for x in args.pages.split(",") if x.strip()]
    started, load_start = datetime.datetime.now().astimezone(), loadavg()
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    if not args.no_build:
        log("cargo build --release ...")
        run(["cargo", "build", "--release", "--quiet"])
    if not os.access(BIN, os.X_OK):
        raise BenchError(f"{BIN} not found; run cargo build --release")
    os.makedirs(WORK, exist_ok=True)

    sites = []
    if not args.no_example:
        sites.append(("example", None))
    sites += [(f"corpus-{n}", n) for n in sizes]
    caches = {n: corpus_cache(n) for _, n in sites if n}

    tmp = tempfile.mkdtemp(prefix="serve-", dir=WORK)
    results, notes = [], []
    try:
        for label, n in sites:
            args.startup_timeout = 120.0 * max(1, (n or 0) / 10000)
            if n is None:
                site = prepare_site(tmp, label, REPO, ["site.toml", "content", "static"])
                bench_site(label, site, "content/services/telefonservice.md", "/leistungen/telefonservice/",
                           "Telefonservice", "service.html", args, results, notes)
            else:
                site = prepare_site(tmp, label, caches[n], ["site.toml", "content", "static"])
                bench_site(label, site, "content/pages/page-0.md", "/pages/page-0/",
                           "E-Mail-Management 0", "page.html", args, results, notes)
            if not args.keep:
                shutil.rmtree(site, ignore_errors=True)
    finally:
        if args.keep:
            log(f"site copies kept in {os.path.relpath(tmp, REPO)}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    print(machine(started, load_start))
    print(f"runs: {args.runs} per measurement; page polled every {args.poll_ms:g} ms; times in ms from the write")
    for label, info, _ in notes:
        print(f"{label}: {info}")
    print()
    print(table(results, args.runs))
    odd = [(label, n) for label, _, ns in notes for n in ns]
    if odd:
        print("\nnotes:")
        for label, n in odd:
            print(f"  {label}: {n}")


def _sigterm(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _sigterm)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in the background
    try:
        main()
    except BenchError as e:
        print(f"benches/serve.py: error: {e}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("benches/serve.py: interrupted", file=sys.stderr)
        sys.exit(130)
