#!/usr/bin/env bash
# Lighthouse over one page of each type of the public example build, served as it is
# deployed: Debian's nginx with deploy/nginx.conf (gzip, Cache-Control, CSP).
#
#   bash benches/lighthouse.sh        (from the repository root; idempotent)
#
# Installs what is missing (Debian 'chromium' and 'nginx' like .ci/browser and
# .ci/nginx; npm lighthouse, pinned, into target/lighthouse-cache), builds the public
# example into target/lighthouse-site, starts one nginx as .ci/nginx does (no root
# needed: pid, logs and temp files under target/lighthouse-nginx, a free 127.0.0.1
# port), and runs Lighthouse RUNS times over every page below, with its default mobile
# preset (simulated throttling: 150 ms RTT, 1.6 Mbit/s, 4 × CPU slowdown) and the
# categories performance, accessibility, best practices and SEO. Prints a Markdown table
# of the medians per page (also written to target/lighthouse-reports/summary.md, next
# to the JSON reports) and exits non-zero if a page scores below the bar:
# performance 95, accessibility 100, best practices 100, SEO 100.
#
# The 404 page is measured at /404.html, which nginx answers with 200: for a missing
# URL nginx sends the same file with status 404, and Lighthouse refuses to audit a page
# that answers 404 (with --ignore-status-code its SEO audit http-status-code fails, as
# it should for a page that does not exist).
#
# Env: RUNS (runs per page, default 3), PAGES (names from the list below, space
# separated, default all), CHROME_PATH (default /usr/bin/chromium), NGINX_BIN
# (default: nginx on PATH, else /usr/sbin/nginx).
set -euo pipefail
cd "$(dirname "$0")/.."
# The example is built as of 2026-12-01, as .ci/browser builds it, so that dates and
# rate-table validity do not depend on the calendar.
export SOURCE_DATE_EPOCH=1796126400
ROOT=$PWD

LIGHTHOUSE=lighthouse@12.2.3 # 13 needs Node 22; Debian 12 has Node 20
CACHE=$ROOT/target/lighthouse-cache
SITE=$ROOT/target/lighthouse-site
REPORTS=$ROOT/target/lighthouse-reports
RUN=$ROOT/target/lighthouse-nginx
CONF_SRC=$ROOT/deploy/nginx.conf
RUNS=${RUNS:-3}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive number, not '$RUNS'" >&2; exit 2; }

# name, path: one page of each type the public build has.
ALL_PAGES=(
  home /
  catalogue /leistungen/
  service /leistungen/telefonservice/
  rates-list /preise/
  rate-table /preise/stundenpakete-2025/
  skills-list /kompetenzen/
  skill /kompetenzen/deutsch/
  matrix /kompetenzen/matrix/
  checklists-list /checklisten/
  checklist /checklisten/kundenstart/
  briefings-list /briefings/
  briefing /briefings/allgemein/
  page /impressum/
  search /suche/
  404 /404.html
  en-home /en/
  en-service /en/services/telefonservice/
)

say() { echo "== $*"; }
SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo

# ------------------------------------------------------------------ install
# nginx lives in /usr/sbin, which is not on every user's PATH.
NGINX_BIN=${NGINX_BIN:-$(command -v nginx || echo /usr/sbin/nginx)}
# nginx itself reads $NGINX (sockets handed over on a binary upgrade): never pass it on.
unset NGINX
APT=()
[ -x "$NGINX_BIN" ] || APT+=(nginx)
[ -x "$CHROME_PATH" ] || APT+=(chromium fonts-dejavu-core)
command -v node >/dev/null && command -v npm >/dev/null || APT+=(nodejs npm)
command -v curl >/dev/null || APT+=(curl)
command -v python3 >/dev/null || APT+=(python3)
if [ ${#APT[@]} -gt 0 ]; then
  say "apt-get install ${APT[*]}"
  $SUDO apt-get update -qq
  # policy-rc.d (containers) may refuse to start the system nginx; a machine with
  # systemd starts it on port 80. This script never uses that one.
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${APT[@]}"
  [ -x "$NGINX_BIN" ] || NGINX_BIN=/usr/sbin/nginx
fi
have=$(node -p "require(process.argv[1]).version" "$CACHE/node_modules/lighthouse/package.json" 2>/dev/null || true)
if [ "$have" != "${LIGHTHOUSE##*@}" ]; then
  say "npm install $LIGHTHOUSE into $CACHE"
  mkdir -p "$CACHE"
  [ -f "$CACHE/package.json" ] || echo '{"name":"vpagen-lighthouse","private":true}' > "$CACHE/package.json"
  npm install --prefix "$CACHE" --no-audit --no-fund --save-exact --loglevel=error "$LIGHTHOUSE"
fi
MIME_TYPES=/etc/nginx/mime.types
[ -f "$MIME_TYPES" ] || { echo "no $MIME_TYPES (Debian package nginx-common)" >&2; exit 1; }
say "$("$CHROME_PATH" --version 2>/dev/null | head -1); $("$NGINX_BIN" -v 2>&1); node $(node --version); $LIGHTHOUSE"

# ------------------------------------------------------------------ build
say "cargo build --release; vpagen build --output target/lighthouse-site (the public build)"
cargo build --release --quiet
rm -rf "$SITE"
target/release/vpagen build --quiet --output "$SITE"

PAGE_NAMES=()
PAGE_PATHS=()
for ((i = 0; i < ${#ALL_PAGES[@]}; i += 2)); do
  name=${ALL_PAGES[i]} path=${ALL_PAGES[i + 1]}
  if [ -n "${PAGES:-}" ] && [[ " $PAGES " != *" $name "* ]]; then continue; fi
  file=$SITE$path; [[ $file == */ ]] && file+=index.html
  [ -f "$file" ] || { echo "the build has no $path (${file#"$ROOT"/}): update ALL_PAGES in benches/lighthouse.sh" >&2; exit 1; }
  PAGE_NAMES+=("$name"); PAGE_PATHS+=("$path")
done
[ ${#PAGE_NAMES[@]} -gt 0 ] || { echo "PAGES='${PAGES:-}' names no page of the list" >&2; exit 2; }

# ------------------------------------------------------------------ serve
rm -rf "$RUN"
mkdir -p "$RUN/tmp"
NGINX_PID=
TMP=$(mktemp -d "${TMPDIR:-/tmp}/vpagen-lighthouse.XXXXXX")
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  if [ -n "$NGINX_PID" ]; then
    kill "$NGINX_PID" 2>/dev/null || true # TERM: the master stops its workers and exits
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The lines of deploy/nginx.conf that are replaced; if one is not found, the file and
# this script have drifted apart.
for line in '    listen 80;' '    listen [::]:80;' '    root /var/www/html;'; do
  grep -qxF -- "$line" "$CONF_SRC" || { echo "deploy/nginx.conf has no line '$line' (update benches/lighthouse.sh)" >&2; exit 1; }
done
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
write_config() { # PORT
  sed -e "s|^    listen 80;\$|    listen 127.0.0.1:$1;|" -e '/^    listen \[::\]:80;$/d' \
      -e "s|^    root /var/www/html;\$|    root $SITE;|" "$CONF_SRC" > "$RUN/site.conf"
  {
    echo "daemon off; # started in the background by benches/lighthouse.sh, which keeps its pid"
    echo "worker_processes 1;"
    echo "pid $RUN/nginx.pid;"
    echo "error_log $RUN/error.log warn;"
    # as root, the workers would run as 'nobody', who may not read target/
    [ "$(id -u)" = 0 ] && echo "user root root;"
    echo "events { worker_connections 256; }"
    echo "http {"
    echo "    include $MIME_TYPES;"
    echo "    default_type application/octet-stream;"
    echo "    access_log $RUN/access.log;"
    for t in client_body proxy fastcgi uwsgi scgi; do echo "    ${t}_temp_path $RUN/tmp/$t;"; done
    echo "    sendfile on;"
    echo "    include $RUN/site.conf;"
    echo "}"
  } > "$RUN/nginx.conf"
}
NGINX_ARGS=(-p "$RUN/" -c "$RUN/nginx.conf" -e stderr)
for attempt in 1 2 3; do
  PORT=$(free_port)
  write_config "$PORT"
  [ "$attempt" = 1 ] && "$NGINX_BIN" -t -q "${NGINX_ARGS[@]}"
  "$NGINX_BIN" "${NGINX_ARGS[@]}" 2> "$RUN/stderr.log" &
  NGINX_PID=$!
  up=
  for _ in $(seq 1 50); do
    if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then up=1; break; fi
    kill -0 "$NGINX_PID" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$up" ] && break
  kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; NGINX_PID=
  cat "$RUN/stderr.log" "$RUN/error.log" >&2 2>/dev/null || true # a port taken meanwhile: try others
done
[ -n "$NGINX_PID" ] || { echo "could not start nginx" >&2; exit 1; }
BASE=http://127.0.0.1:$PORT
say "nginx (pid $NGINX_PID) serves target/lighthouse-site at $BASE/ with deploy/nginx.conf (config: target/lighthouse-nginx/)"
# What the run depends on: gzip and the cache headers of deploy/nginx.conf.
headers=$(curl -s -o /dev/null -D - -H 'Accept-Encoding: gzip' "$BASE/")
for h in 'Content-Encoding: gzip' 'Cache-Control: no-cache'; do
  grep -qi "^$h" <<<"$headers" || { echo "nginx does not send '$h' for / (deploy/nginx.conf changed?)" >&2; exit 1; }
done

# ------------------------------------------------------------------ lighthouse
rm -rf "$REPORTS"
mkdir -p "$REPORTS"
FLAGS="--headless=new"
[ "$(id -u)" = 0 ] && FLAGS+=" --no-sandbox" # Chromium's sandbox refuses to run as root
LH=$CACHE/node_modules/lighthouse/cli/index.js
say "lighthouse: ${#PAGE_NAMES[@]} pages × $RUNS runs, mobile preset, reports in target/lighthouse-reports/"
# Round by round, so that a burst of other work on the machine spreads over the pages.
for ((run = 1; run <= RUNS; run++)); do
  for i in "${!PAGE_NAMES[@]}"; do
    name=${PAGE_NAMES[i]} url=$BASE${PAGE_PATHS[i]}
    out=$REPORTS/$name.$run.json
    printf '   run %d/%d  %-16s %s\n' "$run" "$RUNS" "$name" "${PAGE_PATHS[i]}"
    if ! timeout 300 node "$LH" "$url" --quiet --output=json --output-path="$out" \
        --only-categories=performance,accessibility,best-practices,seo \
        --chrome-flags="$FLAGS" > "$TMP/lighthouse.log" 2>&1; then
      cat "$TMP/lighthouse.log" >&2
      echo "lighthouse failed on $url" >&2
      exit 1
    fi
  done
done
kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; NGINX_PID=

# ------------------------------------------------------------------ report
cat > "$TMP/summary.cjs" <<'JS'
// node summary.cjs  (env: REPORTS, RUNS, NAMES, PATHS: newline-separated)
const fs = require('fs'), path = require('path');
const list = (v) => process.env[v].split('\n').filter(Boolean);
const names = list('NAMES'), paths = list('PATHS'), runs = +process.env.RUNS;
const BAR = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };
const median = (xs) => { const s = [...xs].sort((a, b) => a - b), m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const rows = ['| page | URL | performance | accessibility | best practices | SEO | LCP | CLS | TBT |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
const below = [];
names.forEach((name, i) => {
  const reports = [];
  for (let r = 1; r <= runs; r++) reports.push(JSON.parse(fs.readFileSync(path.join(process.env.REPORTS, `${name}.${r}.json`), 'utf8')));
  const score = {};
  for (const c of Object.keys(BAR)) {
    const s = reports.map((j) => j.categories[c].score);
    score[c] = s.includes(null) ? NaN : Math.round(median(s) * 100);
    if (!(score[c] >= BAR[c])) {
      // the audits that cost points in any run, with their weight
      const lost = new Set();
      for (const j of reports) for (const ref of j.categories[c].auditRefs) {
        const a = j.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 1) lost.add(`${ref.id} (${a.score})`);
      }
      below.push(`${name} ${paths[i]}: ${c} ${score[c]} < ${BAR[c]}; audits below 1: ${[...lost].join(', ') || 'none'}`);
    }
  }
  const metric = (id) => median(reports.map((j) => j.audits[id].numericValue));
  const lcp = (metric('largest-contentful-paint') / 1000).toFixed(1) + ' s';
  const cls = metric('cumulative-layout-shift').toFixed(3);
  const tbt = Math.round(metric('total-blocking-time')) + ' ms';
  rows.push(`| ${name} | \`${paths[i]}\` | ${score.performance} | ${score.accessibility} | ${score['best-practices']} | ${score.seo} | ${lcp} | ${cls} | ${tbt} |`);
});
const table = rows.join('\n') + '\n';
fs.writeFileSync(path.join(process.env.REPORTS, 'summary.md'), table);
process.stdout.write(table);
if (below.length) {
  console.log(`\n${below.length} below the bar (performance 95, accessibility 100, best practices 100, SEO 100):`);
  for (const b of below) console.log(`  ${b}`);
  process.exit(1);
}
console.log(`\nall ${names.length} pages meet the bar (performance 95, accessibility 100, best practices 100, SEO 100)`);
JS
say "medians of $RUNS runs"
REPORTS=$REPORTS RUNS=$RUNS NAMES=$(printf '%s\n' "${PAGE_NAMES[@]}") PATHS=$(printf '%s\n' "${PAGE_PATHS[@]}") \
  node "$TMP/summary.cjs"
