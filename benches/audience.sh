#!/usr/bin/env bash
# What the audience filter and the leak check cost: the typed corpus (benches/gen-typed.py)
# with two audiences, built for each, medians of RUNS cold runs on tmpfs.
#
#   bash benches/audience.sh [PAGES] [RUNS]       (default 10000 5)
#
# `public` sees services, rates, skills, briefings and pages; guides and checklists are
# for `assistants`. The public build drops them, turns references to them into text and
# runs the leak check over every file it writes; the assistants' build sees everything
# and has nothing to check. Prints wall time, CPU time and peak RSS per audience, and
# the files written.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${1:-10000}
RUNS=${2:-5}
WORK=${BENCH_DIR:-target/bench}
OUT=${BENCH_TMP:-/dev/shm/vpagen-audience}
SITE=$WORK/typed-audience-$PAGES
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "benches/audience.sh needs GNU time: apt-get install time" >&2; exit 2; }

cargo build --release --quiet
BIN=$PWD/target/release/vpagen
if [ ! -f "$SITE/.complete" ]; then
  python3 benches/gen-typed.py --pages "$PAGES" --out "$SITE" >/dev/null
  cat >>"$SITE/site.toml" <<'TOML'

[[audience]]
id = "public"
title = "Öffentlichkeit"
default_for = ["services", "rates", "skills", "briefings", "pages"]

[[audience]]
id = "assistants"
title = "Assistenzen"
default_for = ["guides", "checklists"]
TOML
  touch "$SITE/.complete"
fi

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
mkdir -p "$OUT"
printf '%-11s %8s %8s %10s %7s\n' audience wall_s cpu_s rss_mib files
for audience in public assistants; do
  : >"$OUT/samples"
  for run in $(seq "$RUNS"); do
    rm -rf "$OUT/site"
    "$TIME" -f '%e %U %S %M' -o "$OUT/time" "$BIN" build --quiet --root "$SITE" \
      --audience "$audience" --output "$OUT/site"
    read -r wall user sys rss <"$OUT/time"
    echo "$wall $(echo "$user + $sys" | bc) $rss" >>"$OUT/samples"
  done
  files=$(find "$OUT/site" -type f | wc -l)
  printf '%-11s %8s %8s %10s %7s\n' "$audience" \
    "$(cut -d' ' -f1 "$OUT/samples" | median)" \
    "$(cut -d' ' -f2 "$OUT/samples" | median)" \
    "$(( $(cut -d' ' -f3 "$OUT/samples" | median) / 1024 ))" "$files"
done
rm -rf "$OUT"
