#!/usr/bin/env python3
"""Check that two builds of vanban give byte-identical JSON on every corpus input.

    tools/same_output.py --before OLD_VANBAN --after NEW_VANBAN [--with-scans] [--keep DIR]
    tools/same_output.py --base REV [--after NEW_VANBAN]   (builds REV in a worktree first)

A refactor or a speed change must not change what vanban says. Every input file under
Corpus/ (seeds, encodings, ocr, real, native, fuzz-regressions; not the expected JSON nor the
facts beside them; image-only PDFs only with --with-scans, as OCR takes minutes) is copied
into one folder and read by both builds with `vanban ingest FOLDER --ndjson OUT --jobs 1`;
the documents are compared line by line, keyed by file, and every difference is listed
(the first bytes that differ). Files either build fails on are compared by their failure
lines as well. Exit status 0 when all are identical, 1 otherwise.

--base REV builds that revision with `swift build -c release` in a detached worktree under
/tmp (kept for the next run) and uses it as --before. Without --after the working tree is
built in release first and .build/release/vanban compared, so a binary left from an older
checkout is never taken for the new one.
Standard library only.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ["seeds", "encodings", "ocr", "real", "native", "fuzz-regressions"]


def inputs(with_scans: bool) -> list[Path]:
    out = []
    for folder in FOLDERS:
        for p in sorted((ROOT / "Corpus" / folder).rglob("*")):
            if not p.is_file() or p.suffix == ".json" or p.name == "README.md":
                continue
            if p.name.endswith(".scan.pdf") and not with_scans:
                continue
            out.append(p)
    return out


def run(vanban: str, folder: Path, out: Path) -> dict[str, str]:
    p = subprocess.run(
        [vanban, "ingest", str(folder), "--ndjson", str(out), "--jobs", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    docs: dict[str, str] = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        name = json.loads(line)["source"]["name"]
        docs[Path(name).name] = line
    # Failures are reported on stderr, one line a file: compared too.
    # ("vanban: PATH: message").
    for line in p.stderr.splitlines():
        parts = line.split(": ", 2)
        if len(parts) == 3 and parts[0] == "vanban" and parts[1].startswith(str(folder)):
            docs["stderr:" + Path(parts[1]).name] = parts[2]
    return docs


def build(rev: str) -> str:
    work = Path(tempfile.gettempdir()) / f"vanban-same-output-{rev[:12]}"
    if not work.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(work), rev], check=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "vanban"], cwd=work, check=True)
    return str(work / ".build" / "release" / "vanban")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--before")
    ap.add_argument("--base", help="a git revision to build as --before")
    ap.add_argument("--after", help="the new binary (default: the working tree, built in release first)")
    ap.add_argument("--with-scans", action="store_true")
    ap.add_argument("--keep", help="keep the NDJSON outputs in this folder")
    args = ap.parse_args()
    before = args.before or (build(args.base) if args.base else None)
    if not before:
        ap.error("give --before or --base")
    if not args.after:
        # Built now, so a release binary left from an older checkout is never compared.
        subprocess.run(["swift", "build", "-c", "release", "--product", "vanban"], cwd=ROOT, check=True)
        args.after = str(ROOT / ".build" / "release" / "vanban")
    files = inputs(args.with_scans)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for k, p in enumerate(files):
            # A name that keeps the file's own extension and is unique.
            shutil.copyfile(p, folder / f"{k:05d}-{p.parent.name}-{p.name}")
        keep = Path(args.keep) if args.keep else Path(tmp)
        keep.mkdir(parents=True, exist_ok=True)
        old = run(before, folder, keep / "before.ndjson")
        new = run(args.after, folder, keep / "after.ndjson")
    differ = 0
    for name in sorted(set(old) | set(new)):
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        differ += 1
        if a is None or b is None:
            print(f"{name}: only {'after' if a is None else 'before'}")
            continue
        k = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        print(f"{name}: differs at byte {k}:\n  before …{a[max(0, k - 60):k + 80]}\n  after  …{b[max(0, k - 60):k + 80]}")
    total = len(set(old) | set(new))
    print(f"{total - differ} of {total} outputs identical ({len(files)} input files)")
    return 0 if differ == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
