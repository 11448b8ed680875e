#!/usr/bin/env bash
# Search index benchmark: builds the example site and a generated corpus of N pages
# (../shared/tools/gen-corpus.py --flavor vpagen), runs the build RUNS times, and
# reports the median indexing time (the `records` and `search` phases of
# `vpagen build --verbose`), the index size, shard sizes, file count and the
# bytes a cold one-word query transfers (manifest, one term shard, one doc chunk,
# three excerpt bundles, search.js with the modules it imports and the stemmer, all as
# served gzipped). Then the query latency of the search client on both outputs, in Node
# and in headless Chromium
# (benches/search-latency.mjs: median, p95 and max of cold and warm queries).
#
#   bash benches/search.sh [N=10000] [RUNS=5]
#
# Needs node, Chromium and playwright-core in target/browser-cache; it installs nothing:
# run `bash .ci/browser` once first. Env: CHROMIUM_PATH, VPAGEN_BROWSER_CACHE (as there).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNS=${2:-5}
GEN=${GEN_CORPUS:-../shared/tools/gen-corpus.py}
WORK=target/bench

# The latency part runs last; check its tools first rather than after the builds.
CACHE=${VPAGEN_BROWSER_CACHE:-target/browser-cache}
missing=()
command -v node >/dev/null || missing+=("node")
[ -f "$CACHE/node_modules/playwright-core/package.json" ] || missing+=("playwright-core in $CACHE")
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=("Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium}")
if [ ${#missing[@]} -gt 0 ]; then
  printf -v list '%s, ' "${missing[@]}"
  echo "benches/search.sh: missing for the query latency benchmark: ${list%, }" >&2
  echo "  run \`bash .ci/browser\` once from the repository root: it installs them (this script installs nothing)" >&2
  exit 1
fi
cargo build --release --quiet
BIN=$PWD/target/release/vpagen
mkdir -p "$WORK"

corpus() {
  local dir=$WORK/corpus-$N
  if [ ! -f "$dir/.complete" ]; then
    python3 "$GEN" --pages "$N" --out "$dir" --flavor vpagen >/dev/null
    # The corpus's site.toml holds only a title; vpagen needs a full configuration.
    cp benches/corpus/site.toml "$dir/site.toml"
    cp benches/corpus/impressum.md "$dir/content/pages/impressum.md"
    cp benches/corpus/datenschutz.md "$dir/content/pages/datenschutz.md"
    touch "$dir/.complete"
  fi
  echo "$dir"
}

measure() {
  local name=$1 root=$2 out=$WORK/out-$1
  local times=()
  for _ in $(seq "$RUNS"); do
    local line
    line=$("$BIN" build --root "$root" --output "$out" --verbose 2>&1 | grep '^phases:')
    # The index's time: its records are made and analysed in the `records` phase, its
    # files written in the `search` phase (alongside the pages).
    times+=("$(sed -E 's/.*records ([0-9]+) ms.*search ([0-9]+) ms.*/\1 \2/' <<<"$line" | awk '{ print $1 + $2 }')")
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  python3 - "$name" "$out" "$median" "${times[*]}" <<'PY'
import glob, gzip, json, os, statistics, sys
name, out, median, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
root = os.path.join(out, "_search")
files = [p for p in glob.glob(os.path.join(root, "**", "*"), recursive=True) if os.path.isfile(p)]
size = lambda p: os.path.getsize(p)
gz = lambda p: len(gzip.compress(open(p, "rb").read(), 9))
shards = [size(p) for p in files if os.path.basename(os.path.dirname(p)).startswith("t-")]
chunks = [size(p) for p in files if os.path.basename(os.path.dirname(p)).startswith("d-")]
excerpts = [size(p) for p in files if os.path.basename(os.path.dirname(p)).startswith("x-")]
manifest = [p for p in files if os.path.basename(p).startswith("manifest.")][0]
js = lambda stem: ([gz(p) for p in glob.glob(os.path.join(out, "js", stem + ".*.js"))] or [0])[0]
cold = gz(manifest) + max(shards) + max(chunks) + 3 * (max(excerpts) if excerpts else 0) + sum(js(m) for m in ("search", "search-ui", "search-core", "util", "stem-de"))
index = sum(shards) + sum(chunks) + gz(manifest)
print(f"{name}: search index built in {median} ms (median of runs {runs})")
print(f"  files {len(files)} (term shards {len(shards)}, doc chunks {len(chunks)}, excerpt bundles {len(excerpts)})")
print(f"  index without excerpts {index/1024:.1f} KiB gz; with excerpts {(index+sum(excerpts))/1024:.1f} KiB")
print(f"  term shards: median {statistics.median(shards)/1024:.1f} KiB, max {max(shards)/1024:.1f} KiB gz")
print(f"  largest search file {max(size(p) for p in files)/1024:.1f} KiB")
print(f"  cold one-word query (worst case): {cold/1024:.1f} KiB transferred, JS included")
typical = cold - max(shards) + statistics.median(shards)
print(f"  cold one-word query (median shard): {typical/1024:.1f} KiB transferred, JS included")
PY
}

measure example "$PWD"
measure "corpus-$N" "$(corpus)"

# Query latency of the client on both outputs (Node and headless Chromium).
echo
node benches/search-latency.mjs "$WORK/out-example"
echo
node benches/search-latency.mjs "$WORK/out-corpus-$N"
