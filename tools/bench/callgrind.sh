#!/bin/sh
# Instruction counts of one parse-only run, for finding hot spots on a noisy machine.
#
#   tools/bench/callgrind.sh [FILES...]      (default: the five seeds, each twice)
#   tools/bench/callgrind.sh --mixed         (the mixed sample: every 20th file of the bench
#                                            corpus's files.txt, from the first; 100 files)
#   VANBAN=path/to/vanban tools/bench/callgrind.sh …   (that build, not the working tree's)
#
# Builds vanban in release (scratch path .build-bench, as run.py does) unless VANBAN names a
# build, strips the debug information from a copy (valgrind 3.19 cannot read Swift 6's DWARF 5
# and gives up), runs `vanban ingest --ndjson /dev/null --jobs 1` under callgrind, and prints
# the total instruction count and the 40 most expensive functions, inclusive, then the calls to
# the reference counting and allocation entry points per document and their main callers
# (tools/bench/calls.py). The total and the calls are stable from run to run, so they compare
# a change against the last commit where timings cannot: run it with VANBAN set to each build
# on the same files. The mixed sample is the one the speed notes count on; it needs the corpus
# tools/bench/make_corpus.py builds (BENCH, default /tmp/vanban-bench).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${TMPDIR:-/tmp}/vanban-callgrind
rm -rf "$WORK" && mkdir -p "$WORK/in"
if [ "${1:-}" = "--mixed" ]; then
  LIST=${BENCH:-/tmp/vanban-bench}/files.txt
  [ -f "$LIST" ] || { echo "no $LIST: run tools/bench/make_corpus.py first" >&2; exit 1; }
  awk 'NR % 20 == 1' "$LIST" | while IFS= read -r f; do cp "$f" "$WORK/in/$(echo "$f" | tr / _)"; done
elif [ $# -eq 0 ]; then
  for f in "$ROOT"/Corpus/seeds/*.txt; do
    cp "$f" "$WORK/in/a-$(basename "$f")"
    cp "$f" "$WORK/in/b-$(basename "$f")"
  done
else
  for f in "$@"; do cp "$f" "$WORK/in/$(echo "$f" | tr / _)"; done
fi
if [ -n "${VANBAN:-}" ]; then
  cp "$VANBAN" "$WORK/vanban"
else
  (cd "$ROOT" && swift build -c release --scratch-path .build-bench --product vanban >/dev/null)
  cp "$ROOT/.build-bench/release/vanban" "$WORK/vanban"
fi
strip --strip-debug "$WORK/vanban"
# Swift seeds its hashing per process, and dictionary probes then differ from run to run by a
# few million instructions on the mixed sample: fixed here, so two builds count alike.
# Under valgrind the CPU reports no SHA extensions, so BoringSSL hashes with AVX: SHA-256
# counts ~10 % of the mixed sample here, against ~2 % of real time with SHA-NI.
SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out" \
  "$WORK/vanban" ingest "$WORK/in" --ndjson /dev/null --jobs 1 2>&1 | grep "Collected" || true
callgrind_annotate --inclusive=yes "$WORK/callgrind.out" 2>/dev/null | sed -n '/file:function/,$p' \
  | sed -n 3,42p | swift demangle --simplified | cut -c1-160
# Reference counting and allocation, counted in calls (exact, unlike their cost): see calls.py.
echo
python3 "$ROOT/tools/bench/calls.py" "$WORK/callgrind.out" --documents "$(ls "$WORK/in" | wc -l)" --top 10
