#!/usr/bin/env python3
"""`vpagen serve` under load and while files change: failed requests, torn pages, memory.

    python3 benches/serve-load.py [--seconds 30] [--connections 200] [--edit-ms 50] [--no-build]

It copies the example site (site.toml, content/, static/) into target/bench/serve-load/,
starts `target/release/vpagen serve --port 0` on it (built first), and then, all at once
for --seconds:

  load     `wrk -t2 -c<connections> --latency` on loopback, over the home page, a
           service page (the one being edited), a list page, the search page and a
           stylesheet (a Lua script rotates the paths and counts non-2xx answers);
  edits    the body of content/services/telefonservice.md rewritten every --edit-ms
           with a new numbered sentence (open, write, close: the way editors save);
  checker  one more client fetching that service page in a loop and checking that
           every answer is a whole page: it starts with <!DOCTYPE html>, ends with
           </html>, and holds exactly one numbered sentence.

It reports wrk's requests, socket errors, non-2xx answers and latency percentiles, the
checker's pages and torn pages, the edits and rebuilds, and the server's resident
memory (VmRSS) before the load, at its end, and after 5 s of rest. Needs wrk (Debian:
`apt-get install wrk`); it installs nothing.
"""
import argparse
import http.client
import os
import re
import shutil
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SITE = os.path.join(ROOT, "target", "bench", "serve-load")
PAGE_FILE = "content/services/telefonservice.md"
PAGE_URL = "/leistungen/telefonservice/"
PATHS = [PAGE_URL, "/", "/leistungen/", "/suche/", "/css/style.css"]
SERVING = re.compile(r"Serving the site at http://[^:]+:(\d+)/")
MARK = re.compile(r"Lastmarke (\d+)\.")

LUA = r"""
local paths = {%s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("wrk-non2xx %%d\n", summary.errors.status))
end
""" % ", ".join('"%s"' % p for p in PATHS)


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def prepare():
    shutil.rmtree(SITE, ignore_errors=True)
    os.makedirs(SITE)
    shutil.copy(os.path.join(ROOT, "site.toml"), SITE)
    for d in ["content", "static"]:
        if os.path.isdir(os.path.join(ROOT, d)):
            shutil.copytree(os.path.join(ROOT, d), os.path.join(SITE, d))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=30)
    ap.add_argument("--connections", type=int, default=200)
    ap.add_argument("--edit-ms", type=int, default=50)
    ap.add_argument("--no-build", action="store_true", help="use target/release/vpagen as it is")
    args = ap.parse_args()
    if not shutil.which("wrk"):
        sys.exit("benches/serve-load.py: wrk is missing; install it with `apt-get install wrk`")
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    prepare()
    page = os.path.join(SITE, PAGE_FILE)
    original = open(page, encoding="utf-8").read()
    server = subprocess.Popen(
        [os.path.join(ROOT, "target/release/vpagen"), "serve", "--root", SITE, "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out_lines = []
    port = None
    for line in server.stdout:
        out_lines.append(line)
        m = SERVING.search(line)
        if m:
            port = int(m.group(1))
            break
    if port is None:
        sys.exit("vpagen serve did not start:\n" + "".join(out_lines))
    threading.Thread(target=lambda: out_lines.extend(server.stdout), daemon=True).start()
    time.sleep(1.0)  # first search index
    rss_before = rss_kib(server.pid)

    stop = threading.Event()
    edits = [0]

    def editor():
        n = 0
        while not stop.is_set():
            n += 1
            with open(page, "w", encoding="utf-8") as f:
                f.write(original + f"\nLastmarke {n}.\n")
            edits[0] = n
            time.sleep(args.edit_ms / 1000)

    checked = {"pages": 0, "torn": 0, "errors": 0, "examples": []}

    def checker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while not stop.is_set():
            try:
                conn.request("GET", PAGE_URL)
                res = conn.getresponse()
                body = res.read().decode("utf-8", "replace")
            except Exception as e:  # a failed request counts; reconnect
                checked["errors"] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            checked["pages"] += 1
            marks = MARK.findall(body)
            whole = body.lstrip().startswith("<!DOCTYPE html>") and body.rstrip().endswith("</html>")
            if res.status != 200 or not whole or len(marks) > 1:
                checked["torn"] += 1
                if len(checked["examples"]) < 3:
                    checked["examples"].append((res.status, len(body), marks[:3]))
        conn.close()

    lua = os.path.join(SITE, "paths.lua")
    with open(lua, "w") as f:
        f.write(LUA)
    threads = [threading.Thread(target=editor), threading.Thread(target=checker)]
    for t in threads:
        t.start()
    wrk = subprocess.run(
        ["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--latency", "-s", lua,
         f"http://127.0.0.1:{port}/"],
        capture_output=True, text=True)
    rss_end = rss_kib(server.pid)
    stop.set()
    for t in threads:
        t.join()
    time.sleep(5)
    rss_rest = rss_kib(server.pid)
    alive = server.poll() is None
    server.terminate()
    server.wait(timeout=10)

    text = wrk.stdout
    def grab(pattern, default="?"):
        m = re.search(pattern, text)
        return m.group(1) if m else default
    rebuilds = sum(1 for l in out_lines if "Rebuilt" in l or "rebuilt" in l)
    print(text)
    requests = grab(r"(\d+) requests in")
    sockets = grab(r"Socket errors: (.*)", "none")
    non2xx = grab(r"wrk-non2xx (\d+)", "0")
    p50, p90, p99 = (grab(r"%s%%\s+(\S+)" % q) for q in (50, 90, 99))
    print("summary")
    print(f"  connections {args.connections}, {args.seconds} s, an edit every {args.edit_ms} ms")
    print(f"  wrk requests: {requests}, socket errors: {sockets}, non-2xx: {non2xx}")
    print(f"  latency p50 {p50}, p90 {p90}, p99 {p99}")
    print(f"  checker: {checked['pages']} pages, {checked['torn']} torn, {checked['errors']} failed "
          f"requests {checked['examples']}")
    print(f"  edits: {edits[0]}, rebuild lines printed by the server: {rebuilds}")
    print(f"  server RSS: {rss_before} KiB before, {rss_end} KiB at the end of the load, "
          f"{rss_rest} KiB after 5 s of rest; server still running: {alive}")
    failed = (non2xx != "0" or "Socket errors" in text
              or checked["torn"] or checked["errors"] or not alive)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
