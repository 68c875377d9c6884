#!/usr/bin/env python3
"""Render vanban's HTML reports in headless Chromium and fail on console errors.

The reports must be single self-contained files: this tool checks that statically (no
external URL in src/href/url()), opens each one in Chromium (Debian: apt-get install -y
chromium) with console logging on, fails on any console message (the reports carry no
script, so any message is an error: a blocked resource, a parse error), prints each to PDF
to exercise the print CSS, and takes screenshots at phone (390 px) and desktop (1280 px)
width for a person to look at.

Usage:
  python3 tools/check_html.py [--vanban PATH] [--out DIR] [REPORT.html ...]

Without REPORT arguments it builds the reports itself from Corpus/seeds with PATH (default
.build/debug/vanban): a diff (001 vs 002), a diff with itself, and the compare matrix of all
seeds. Screenshots and PDFs go to DIR (default /tmp/vanban-html-check). Exit 0 when every
report renders cleanly.
"""
import argparse
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "Corpus" / "seeds"
WIDTHS = {"phone": (390, 1800), "desktop": (1280, 1400)}
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""", re.I)
CONSOLE = re.compile(r":CONSOLE[:(]|Uncaught|Failed to load resource", re.I)


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("check_html: Chromium not found (apt-get install -y chromium)")


def run_chromium(browser, args, profile):
    cmd = [browser, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
           "--disable-extensions", f"--user-data-dir={profile}",
           "--enable-logging=stderr", "--v=0"] + args
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def check(report, out, browser):
    problems = []
    html = report.read_text(encoding="utf-8")
    if EXTERNAL.search(html):
        problems.append("refers to an external asset")
    if "<script" in html.lower():
        problems.append("contains a script element")
    url = report.resolve().as_uri()
    with tempfile.TemporaryDirectory() as profile:
        dom = run_chromium(browser, ["--dump-dom", url], profile)
        if dom.returncode != 0:
            problems.append(f"chromium --dump-dom exited {dom.returncode}")
        if "</html>" not in dom.stdout:
            problems.append("the DOM did not render")
        logs = dom.stderr.splitlines()
        for name, (w, h) in WIDTHS.items():
            shot = out / f"{report.stem}-{name}.png"
            r = run_chromium(browser, ["--hide-scrollbars", f"--window-size={w},{h}",
                                       f"--screenshot={shot}", url], profile)
            logs += r.stderr.splitlines()
            if not shot.exists():
                problems.append(f"no {name} screenshot")
            else:
                print(f"  {name:7} {shot}")
        pdf = out / f"{report.stem}.pdf"
        r = run_chromium(browser, ["--no-pdf-header-footer", f"--print-to-pdf={pdf}", url], profile)
        logs += r.stderr.splitlines()
        if not pdf.exists() or pdf.stat().st_size == 0:
            problems.append("printing to PDF failed")
        else:
            print(f"  print   {pdf}")
    for line in logs:
        if CONSOLE.search(line):
            problems.append("console: " + line.strip())
    return problems


def build_reports(vanban, out):
    seeds = sorted(SEEDS.glob("*.txt"))
    if len(seeds) < 3:
        sys.exit("check_html: seeds not found")
    jobs = {
        "diff-001-002.html": ["diff", "--format", "html", str(seeds[1]), str(seeds[2])],
        "diff-000-004.html": ["diff", "--format", "html", str(seeds[0]), str(seeds[4 if len(seeds) > 4 else 2])],
        "diff-self.html": ["diff", "--format", "html", str(seeds[0]), str(seeds[0])],
        "compare-seeds.html": ["compare", "--format", "html"] + [str(s) for s in seeds],
    }
    reports = []
    for name, args in jobs.items():
        path = out / name
        r = subprocess.run([vanban] + args + ["-o", str(path)], capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"check_html: vanban {' '.join(args[:1])} failed ({r.returncode}): {r.stderr.strip()}")
        reports.append(path)
    return reports


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vanban", default=str(ROOT / ".build" / "debug" / "vanban"))
    parser.add_argument("--out", default="/tmp/vanban-html-check")
    parser.add_argument("reports", nargs="*")
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    browser = chromium()
    reports = [pathlib.Path(r) for r in args.reports] or build_reports(args.vanban, out)
    failed = 0
    for report in reports:
        print(report)
        problems = check(report, out, browser)
        for p in problems:
            print(f"  FAIL {p}")
        failed += bool(problems)
    print(f"{len(reports) - failed}/{len(reports)} reports render without errors")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
