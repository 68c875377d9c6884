#!/usr/bin/env bash
# Fuzzes PlanParser with libFuzzer for SECONDS (default 600) and keeps what it finds.
#
#   tools/fuzz.sh [SECONDS] [extra libFuzzer flags…]
#
# Builds Fuzz/ (a separate package, so the sanitizer flags never reach the normal build) in
# release with ASan, seeds a working corpus from Corpus/seeds and short slices of them, runs
# with a dictionary of Vietnamese plan markers, and copies crash-, timeout- and oom- artefacts
# into Corpus/fuzz-regressions/, where HostileInputTests.fuzzRegressions replays them.
# The working corpus (.build/fuzz-corpus) survives between runs so later runs start further on.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-600}"
shift || true
work="$root/Fuzz/.build/fuzz-work"
corpus="$work/corpus"
artifacts="$work/artifacts"
regressions="$root/Corpus/fuzz-regressions"
jobs="${FUZZ_JOBS:-1}"
# Libraries' once-per-process allocations (fontconfig, loaded when a PDF page is first
# rendered) are not leaks of any input.
export LSAN_OPTIONS="suppressions=$root/tools/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

echo "fuzz: building Fuzz/ (release, -sanitize=fuzzer,address)" >&2
swift build -c release --package-path "$root/Fuzz" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >&2
binary="$(swift build -c release --package-path "$root/Fuzz" --show-bin-path)/VanBanFuzz"

mkdir -p "$corpus" "$artifacts" "$regressions"

# Seeds: whole documents and slices of them (a head, a table, a tail), so the fuzzer starts
# from every part of a plan rather than mutating 50 KB files a byte at a time.
# OCR input (Tesseract TSV, hOCR, pdftotext -layout) goes in as slices only: whole files are
# hundreds of KB, and a slice still starts like one, so the format is detected and its reader runs.
python3 - "$root/Corpus/seeds" "$root/Corpus/ocr" "$corpus" "$root/Corpus/real" "$root/Tests/VanBanInputsTests/Fixtures" <<'PY'
import hashlib, os, sys
seeds, ocr, out, real, native = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
def keep(data):
    if data:
        open(os.path.join(out, "seed-" + hashlib.sha1(data).hexdigest()), "wb").write(data)
for name in sorted(os.listdir(seeds)):
    if not name.endswith(".txt"):
        continue
    data = open(os.path.join(seeds, name), "rb").read()
    keep(data)
    lines = data.split(b"\n")
    for width in (8, 24, 60):
        for start in range(0, len(lines), width):
            keep(b"\n".join(lines[start:start + width]) + b"\n")
for dirpath, _, names in sorted(os.walk(ocr)):
    for name in sorted(names):
        if not name.endswith((".tsv", ".hocr", "-layout.txt")):
            continue
        lines = open(os.path.join(dirpath, name), "rb").read().split(b"\n")
        for width in (40, 150):
            keep(b"\n".join(lines[:width]) + b"\n")
# Real documents from other converters (markdown tables, cells between lone pipes, portal
# pages, Word's HTML, pdftotext footers): their heads and tails, where the zone readers work.
for name in sorted(os.listdir(real)):
    if name.endswith((".json", ".md", ".tsv")):
        continue
    lines = open(os.path.join(real, name), "rb").read().split(b"\n")
    for width in (60, 200):
        keep(b"\n".join(lines[:width]) + b"\n")
        keep(b"\n".join(lines[-width:]) + b"\n")
# The input layer's small fixtures, whole: PDFs (text layer, scanned, encrypted, cut short),
# DOCX (good, cut, malformed, without a body), images; the zip bomb is left out (200 KB of
# mutations that all inflate to the limit).
for name in sorted(os.listdir(native)):
    if name == "bomb.docx":
        continue
    keep(open(os.path.join(native, name), "rb").read())
PY

# Vietnamese markers the grammar reacts to, so mutations build plan-like structure.
dict="$work/vanban.dict"
cat > "$dict" <<'DICT'
"S\xe1\xbb\x91:"
"S\xe1\xbb\x91 "
"K\xe1\xba\xbe HO\xe1\xba\xa0CH"
"K\xe1\xba\xbf ho\xe1\xba\xa1ch"
"Ph\xe1\xbb\xa5 l\xe1\xbb\xa5c"
"PH\xe1\xbb\xa4 L\xe1\xbb\xa4C"
"N\xc6\xa1i nh\xe1\xba\xadn:"
"L\xc6\xb0u: VT"
"KT. CH\xe1\xbb\xa6 T\xe1\xbb\x8aCH"
"TM. \xe1\xbb\xa6Y BAN NH\xc3\x82N D\xc3\x82N"
"PH\xc3\x93 CH\xe1\xbb\xa6 T\xe1\xbb\x8aCH"
"\xe1\xbb\xa6Y BAN NH\xc3\x82N D\xc3\x82N"
"X\xc3\x83 "
"C\xe1\xbb\x98NG H\xc3\x92A X\xc3\x83 H\xe1\xbb\x98I CH\xe1\xbb\xa6 NGH\xc4\xa8A VI\xe1\xbb\x86T NAM"
"\xc4\x90\xe1\xbb\x99c l\xe1\xba\xadp - T\xe1\xbb\xb1 do - H\xe1\xba\xa1nh ph\xc3\xbac"
"ng\xc3\xa0y "
"th\xc3\xa1ng "
"n\xc4\x83m 2026"
"C\xc4\x83n c\xe1\xbb\xa9 "
"Tr\xc3\xaan \xc4\x91\xc3\xa2y l\xc3\xa0 K\xe1\xba\xbf ho\xe1\xba\xa1ch"
"(K\xc3\xa8m theo K\xe1\xba\xbf ho\xe1\xba\xa1ch s\xe1\xbb\x91 "
"\x0a|\x0a"
"| "
" | "
"|---|---|"
"<html>"
"<tr><td>"
"</td><td>"
"<br>"
"<![endif]>"
"\xc4\x90i\xe1\xbb\x81u 1. "
"Ch\xc6\xb0\xc6\xa1ng I"
"K\xc3\xadnh g\xe1\xbb\xadi:"
"V/v "
"S\xe1\xbb\x91 hi\xe1\xbb\x87u:"
"---\x0a"
"(Ban h\xc3\xa0nh k\xc3\xa8m theo Quy\xe1\xba\xbft \xc4\x91\xe1\xbb\x8bnh s\xe1\xbb\x91 "
"QUY\xe1\xba\xbeT \xc4\x90\xe1\xbb\x8aNH"
"          "
"Ngh\xe1\xbb\x8b quy\xe1\xba\xbft s\xe1\xbb\x91 57-NQ/TW"
"Quy\xe1\xba\xbft \xc4\x91\xe1\xbb\x8bnh s\xe1\xbb\x91 "
"/KH-UBND"
"\x09"
"\x0a"
"\x0d\x0a"
"\x0d"
"I. "
"II. "
"IV. "
"1. "
"1.1. "
"1.1.1. "
"1.1 "
"(1) "
"a) "
"- "
"+ "
"* "
"\xe2\x80\xa2 "
"STT\x09"
"TT\x09"
"N\xe1\xbb\x99i dung nhi\xe1\xbb\x87m v\xe1\xbb\xa5"
"T\xc3\xaan nhi\xe1\xbb\x87m v\xe1\xbb\xa5"
"Ch\xe1\xbb\x89 ti\xc3\xaau"
"C\xc6\xa1 quan ch\xe1\xbb\xa7 tr\xc3\xac"
"C\xc6\xa1 quan ph\xe1\xbb\x91i h\xe1\xbb\xa3p"
"Th\xe1\xbb\x9di gian ho\xc3\xa0n th\xc3\xa0nh"
"Ti\xc3\xaau ch\xc3\xad\x09N\xe1\xbb\x99i dung chi ti\xe1\xba\xbft"
"\xc4\x90\xc6\xa1n v\xe1\xbb\x8b t\xc3\xadnh"
"M\xe1\xbb\xa5c ti\xc3\xaau n\xc4\x83m 2026"
"Nhi\xe1\xbb\x87m v\xe1\xbb\xa5 1: "
"Qu\xc3\xbd IV/2026"
"Th\xc6\xb0\xe1\xbb\x9dng xuy\xc3\xaan"
"Ph\xc3\xb2ng V\xc4\x83n h\xc3\xb3a \xe2\x80\x93 X\xc3\xa3 h\xe1\xbb\x99i"
"C\xc3\xb4ng an x\xc3\xa3"
"T\xe1\xbb\xb7 l\xe1\xbb\x87 "
"\xc4\x91\xe1\xba\xa1t 95%"
"t\xe1\xbb\x91i thi\xe1\xbb\x83u"
"\xe2\x89\xa5"
"\xe2\x89\xa4"
"$\\geq 1,1$"
"**"
"<i>"
"</i>"
"<br>"
"\xef\xbb\xbf"
"\xff\xfe"
DICT

echo "fuzz: $binary for ${seconds}s, corpus $corpus" >&2
cd "$artifacts"
flags=(-dict="$dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536
  -artifact_prefix="$artifacts/" -print_final_stats=1)
# With -jobs libFuzzer runs each job in a child writing fuzz-N.log; one job runs in place.
if [ "$jobs" -gt 1 ]; then flags+=(-jobs="$jobs" -workers="$jobs"); fi
status=0
"$binary" "$corpus" "${flags[@]}" "$@" 2>&1 | tee "$work/last-run.log" || status=$?
if [ "$jobs" -gt 1 ]; then cat "$artifacts"/fuzz-*.log >> "$work/last-run.log" 2>/dev/null || true; fi

found=0
for f in "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/oom-* "$artifacts"/slow-unit-*; do
  [ -e "$f" ] || continue
  # Moved, not copied, so that the next run reports only what it found itself.
  if [ -e "$regressions/$(basename "$f")" ]; then rm "$f"; else mv "$f" "$regressions/"; fi
  echo "fuzz: kept $(basename "$f") in Corpus/fuzz-regressions/" >&2
  found=$((found + 1))
done
grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|Done [0-9]+ runs" "$work/last-run.log" >&2 || true
echo "fuzz: $found artefact(s) found; libFuzzer exit status $status" >&2
exit "$status"
