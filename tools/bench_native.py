#!/usr/bin/env python3
"""Benchmark vanban's native readers against the command-line tools on the same files.

In one run, on the fixtures of Corpus/native:
  born-digital PDF: `vanban parse` per file, and `vanban ingest` over a folder of them (one
      process, the bulk path: text layer, ruled tables, layout, the whole parse, the store),
      beside `pdftotext -layout` per file (text extraction only), in documents per CPU-second;
  OCR: `vanban parse --ocr always` on image-only PDFs beside `pdftoppm -r 300 -gray` +
      `tesseract PAGE - -l vie tsv` page by page (OMP_THREAD_LIMIT=1, as vanban runs its
      engines), in pages per CPU-second.
CPU seconds are the children's user + system time, so the figures are per core whatever the
machine's load; the ratios compare the two on the same files in the same run.

Usage: tools/bench_native.py [--vanban PATH] [--ocr-files N] [--repeat N]
Needs poppler-utils and tesseract-ocr (with tesseract-ocr-vie). Standard library only.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NATIVE = ROOT / "Corpus" / "native"


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(cmd, env=None):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def pages(pdf):
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--vanban", default=str(ROOT / ".build" / "release" / "vanban"))
    ap.add_argument("--ocr-files", type=int, default=2, help="image-only PDFs to OCR (smallest first)")
    ap.add_argument("--repeat", type=int, default=3, help="passes over the born-digital PDFs")
    args = ap.parse_args()
    for tool in ("pdftotext", "pdftoppm", "pdfinfo", "tesseract"):
        if not shutil.which(tool):
            print(f"bench_native: {tool} is not installed", file=sys.stderr)
            return 2

    born = sorted(p for p in NATIVE.glob("*/*.pdf") if not p.name.endswith(".scan.pdf"))
    t0 = cpu()
    for _ in range(args.repeat):
        for p in born:
            run([args.vanban, "parse", str(p), "-o", os.devnull])
    vanban_cpu = cpu() - t0
    t0 = cpu()
    for _ in range(args.repeat):
        for p in born:
            run(["pdftotext", "-layout", str(p), os.devnull])
    pdftotext_cpu = cpu() - t0
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "in"
        folder.mkdir()
        for k, p in enumerate(born):
            (folder / f"{k}-{p.name}").write_bytes(p.read_bytes())
        t0 = cpu()
        for r in range(args.repeat):
            run([args.vanban, "ingest", str(folder), "--db", str(Path(work) / f"bench{r}.sqlite"), "--jobs", "1"])
        ingest_cpu = cpu() - t0
    n = len(born) * args.repeat
    v_rate, i_rate, p_rate = n / vanban_cpu, n / ingest_cpu, n / pdftotext_cpu
    print(f"born-digital PDF, {len(born)} files x {args.repeat}:")
    print(f"  vanban parse (a process a file)  {v_rate:8.1f} documents per CPU-second")
    print(f"  vanban ingest (one process)      {i_rate:8.1f} documents per CPU-second")
    print(f"  pdftotext -layout                {p_rate:8.1f} documents per CPU-second")
    print(f"  ratio vanban parse/pdftotext   {v_rate / p_rate:.2f}  (vanban also reads the grid, the layout and the whole plan)")
    print(f"  ratio vanban ingest/pdftotext  {i_rate / p_rate:.2f}")
    if args.ocr_files <= 0:
        return 0

    scans = sorted(NATIVE.glob("*/*.scan.pdf"), key=lambda p: p.stat().st_size)[: args.ocr_files]
    total_pages = sum(pages(p) for p in scans)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    t0 = cpu()
    for p in scans:
        run([args.vanban, "parse", "--ocr", "always", str(p), "-o", os.devnull], env=env)
    vanban_ocr = cpu() - t0
    with tempfile.TemporaryDirectory() as work:
        t0 = cpu()
        for k, p in enumerate(scans):
            prefix = Path(work) / f"s{k}"
            run(["pdftoppm", "-r", "300", "-gray", str(p), str(prefix)])
            for img in sorted(Path(work).glob(f"s{k}-*.pgm")):
                run(["tesseract", str(img), "-", "-l", "vie", "tsv"], env=env)
        tesseract_ocr = cpu() - t0
    v_rate, t_rate = total_pages / vanban_ocr, total_pages / tesseract_ocr
    print(f"OCR, {len(scans)} image-only PDFs, {total_pages} pages at 300 dpi:")
    print(f"  vanban parse --ocr always        {v_rate:6.2f} pages per CPU-second")
    print(f"  pdftoppm + tesseract CLI (tsv)   {t_rate:6.2f} pages per CPU-second")
    print(f"  ratio vanban/tesseract  {v_rate / t_rate:.2f}  (vanban also parses the plan)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
