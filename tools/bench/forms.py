#!/usr/bin/env python3
"""Parse-only CPU per input form (or per source plan) of the bench corpus, against the ICU floor on
the same bytes.

    python3 tools/bench/forms.py [--work /tmp/vanban-bench] [--runs 3] [--repeat 10] [--vanban PATH]
                                 [--by form|document]

The 2,000-file corpus (tools/bench/make_corpus.py) mixes forms that cost very different
amounts per byte: UTF-8 seeds, legacy 8-bit encodings and their mojibake, UTF-16, pdftotext
dumps with and without -layout, OCR text, Tesseract TSV and hOCR. tools/bench/run.py gives
one ratio for all of them; this splits it, so that work can go where the bytes are slowest.
Each form's files (told apart by their names, as make_corpus.py writes them) go through the
C ICU floor (tools/bench/icu_floor.c) and `vanban ingest FILES --ndjson /dev/null --jobs 1`,
the two interleaved, and the medians of --runs CPU times (user + sys) are printed with each
form's rate, its ratio to the floor and its share of vanban's time, slowest against the floor
first. The floor reads each file --repeat times a measurement (its time divided back), since
/usr/bin/time counts hundredths; vanban's measurement holds one process start (~0.01 s), a
tenth of a small form's time. Standard library only.

With --by document the files are grouped by the seed document they were made from instead
(each group: that plan in every form), with the lines vanban read in them (`source.line_count`
of its NDJSON, from one more run) and the CPU time a file and a line: vanban's cost follows a
plan's lines and structure more than its bytes, the floor's its bytes, so a plan of many short
lines (seed 003: 1,212 lines in 27 KB) sits furthest below the floor's rate, which the
per-form view averages away.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(ROOT, "tools", "bench")


def form(path):
    """The input form a corpus file stands for, from its name: `encodings__000_<hash>.vni.txt`
    is "encodings vni", `ocr__001_<hash>__ocr-300.hocr` "ocr ocr-300.hocr", `seeds__000.txt`
    "seeds"; the broken files are "broken"."""
    name = os.path.basename(path)
    if "/hong/" in path or "__" not in name:
        return "broken"
    group, rest = name.split("__", 1)
    rest = re.sub(r"^\d+(_[0-9a-f]{16})?", "", rest)
    rest = rest[: -len(".txt")] if rest.endswith(".txt") else rest
    return f"{group} {rest.lstrip('._')}".strip()


def document(path):
    """The seed document a corpus file was made from, from its name: `encodings__003_<hash>.vni.txt`,
    `ocr__003_<hash>__ocr-300.hocr` and `seeds__003_<hash>.txt` are all "seed 003"; a file made
    from no seed (`Corpus/ocr/cer.tsv`, the OCR error-rate table, which make_corpus.py takes in
    with the other .tsv inputs) is "other", the broken files "broken"."""
    if form(path) == "broken":
        return "broken"
    m = re.match(r"^(\d+)_[0-9a-f]{16}", os.path.basename(path).split("__", 1)[1])
    return f"seed {m.group(1)}" if m else "other"


def lines_read(vanban, files):
    """The lines vanban read in `files`: the sum of `source.line_count` over its NDJSON."""
    out = tempfile.NamedTemporaryFile(delete=False, suffix=".ndjson").name
    p = subprocess.run([vanban, "ingest"] + files + ["--ndjson", out, "--jobs", "1"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # As `cpu` does: a run that failed has no count to give (65 and 66 are files it refused).
    if p.returncode not in (0, 65, 66):
        sys.exit(f"failed ({p.returncode}): {vanban} ingest … --ndjson")
    total = 0
    with open(out) as f:
        for record in f:
            total += json.loads(record).get("source", {}).get("line_count") or 0
    os.unlink(out)
    return total


def cpu(cmd):
    """User + sys seconds of one run of `cmd` (a list)."""
    out = tempfile.NamedTemporaryFile(delete=False).name
    p = subprocess.run(["/usr/bin/time", "-f", "%U %S", "-o", out] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(out) as f:
        u, s = f.read().split()[-2:]
    os.unlink(out)
    if p.returncode not in (0, 65, 66):
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd[:3])} …")
    return float(u) + float(s)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", default="/tmp/vanban-bench")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=10, help="times the floor reads each file a measurement")
    ap.add_argument("--vanban", default=os.path.join(ROOT, ".build-bench", "release", "vanban"))
    ap.add_argument("--by", choices=["form", "document"], default="form",
                    help="group the files by input form (default) or by the seed document they come from")
    args = ap.parse_args()
    key = form if args.by == "form" else document
    listing = os.path.join(args.work, "files.txt")
    if not os.path.exists(listing):
        sys.exit(f"no {listing}: run tools/bench/make_corpus.py (or tools/bench/run.py) first")
    if not os.path.exists(args.vanban):
        sys.exit(f"no {args.vanban}: build it (swift build -c release --scratch-path .build-bench)")
    icu = os.path.join(args.work, "icu_floor")
    subprocess.run(f"cc -O2 -o {icu} {HERE}/icu_floor.c $(pkg-config --cflags --libs icu-uc)",
                   shell=True, check=True)
    with open(listing) as f:
        paths = [p for p in f.read().split("\n") if p]
    forms = {}
    for p in paths:
        forms.setdefault(key(p), []).append(p)
    rows = []
    lines = {}
    for name, files in sorted(forms.items()):
        if name == "broken":
            continue
        size = sum(os.path.getsize(p) for p in files)
        # The floor reads a form's few megabytes in hundredths of a second, which is all
        # /usr/bin/time counts: its list names every file `repeat` times, and its time is
        # divided by that. (vanban takes each file once: ingest reads a path only once.)
        lst = os.path.join(args.work, "form-files.txt")
        with open(lst, "w") as f:
            f.write("\n".join(files * args.repeat) + "\n")
        floor, ours = [], []
        for _ in range(args.runs):
            floor.append(cpu([icu, lst]) / args.repeat)
            ours.append(cpu([args.vanban, "ingest"] + files + ["--ndjson", "/dev/null", "--jobs", "1"]))
        rows.append((name, len(files), size / 1e6, statistics.median(floor), statistics.median(ours)))
        if args.by == "document":
            lines[name] = lines_read(args.vanban, files)
    total = sum(r[4] for r in rows)
    by_document = args.by == "document"
    print(f"{len(paths)} files under {args.work}; medians of {args.runs} runs, CPU s (user + sys)\n")
    # By document, the lines read come after the megabytes, and the time a file and a line
    # after vanban's rate.
    extra = " vanban ms a file | vanban µs a line |" if by_document else ""
    print(f"| {args.by} | files | MB |{' lines |' if by_document else ''} ICU floor s | vanban s | vanban MB/s |{extra}"
          " vanban / floor | share of vanban |")
    print("|---|" + "---:|" * (10 if by_document else 7))

    def row(name, n, mb, n_lines, floor, ours, share):
        # A group too small for a hundredth of a second has no rate to show.
        rate, ratio = (f"{mb / ours:.1f}", f"{floor / ours:.2f}") if ours > 0 else ("–", "–")
        cells = [name, str(n), f"{mb:.1f}"] + ([str(n_lines)] if by_document else []) + [f"{floor:.3f}", f"{ours:.2f}", rate]
        if by_document:
            cells += [f"{1e3 * ours / n:.2f}", f"{1e6 * ours / n_lines:.1f}" if n_lines else "–"]
        print("| " + " | ".join(cells + [ratio, share]) + " |")

    for name, n, mb, floor, ours in sorted(rows, key=lambda r: r[3] / r[4] if r[4] > 0 else 1e9):
        row(name, n, mb, lines.get(name, 0), floor, ours, f"{100 * ours / total:.0f} %")
    row("all", sum(r[1] for r in rows), sum(r[2] for r in rows), sum(lines.values()), sum(r[3] for r in rows), total, "100 %")


if __name__ == "__main__":
    main()
