#!/usr/bin/env python3
"""Score vanban on the native fixtures (Corpus/native) against the seeds' goldens.

For each rendering (docx-lo, html-chromium), each seed and each format (.docx, .pdf born
digital, .scan.pdf image-only at 200 dpi), parses the file with vanban and prints the F1 of
targets and of tasks, two ways:
  exact    — number, values (targets) or deadline (tasks), and lead agencies all as in the
             golden: what a dashboard reads;
  numbered — the item's number alone: what the layout decides.
F1 = 2 * matched / (golden + found), items matched one to one.

Usage: tools/score_native.py [--vanban PATH] [--only docx,pdf,scan] [--json OUT]
Standard library only.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NATIVE = ROOT / "Corpus" / "native"
SEEDS = ROOT / "Corpus" / "seeds"
FORMATS = {"docx": ".docx", "pdf": ".pdf", "scan": ".scan.pdf"}


def fold(s):
    s = unicodedata.normalize("NFD", s or "").replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in s if unicodedata.category(c) != "Mn").lower().strip()


def target_keys(plan, exact):
    out = []
    for t in plan["targets"]:
        key = ["target", t.get("number") or ""]
        if exact:
            key += [str(v["value"]) if v.get("value") is not None else fold(v.get("text")) for v in t["values"]]
            key += sorted(fold(x) for x in t["lead"])
        out.append("|".join(key))
    return out


def task_keys(plan, exact):
    out = []
    for t in plan["tasks"]:
        key = ["task", t.get("number") or ""]
        if exact:
            d = t.get("deadline") or {}
            key += [d.get("kind") or "", d.get("start") or ""] + sorted(fold(x) for x in t["lead"])
        out.append("|".join(key))
    return out


def f1(gold, found):
    pool = list(found)
    hit = 0
    for k in gold:
        if k in pool:
            pool.remove(k)
            hit += 1
    total = len(gold) + len(found)
    return 1.0 if total == 0 else 2 * hit / total


def parse(vanban, path):
    t0 = time.perf_counter()
    run = subprocess.run([vanban, "parse", str(path)], capture_output=True, timeout=900)
    elapsed = time.perf_counter() - t0
    if run.returncode != 0:
        return None, elapsed, run.stderr.decode(errors="replace").strip()
    return json.loads(run.stdout), elapsed, ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--vanban", default=str(ROOT / ".build" / "release" / "vanban"))
    ap.add_argument("--only", default="docx,pdf,scan")
    ap.add_argument("--json", help="write the scores here as JSON")
    args = ap.parse_args()
    formats = [f for f in args.only.split(",") if f]
    rows = []
    print(f"{'rendering':15} {'seed':4} {'format':6} {'tgt exact':>9} {'tgt num':>8} {'task exact':>10} {'task num':>9} {'sec':>6}")
    for rendering in sorted(p.name for p in NATIVE.iterdir() if p.is_dir()):
        for golden in sorted(SEEDS.glob("*.expected.json")):
            stem = golden.name[: -len(".expected.json")]
            gold = json.loads(golden.read_text(encoding="utf-8"))
            for fmt in formats:
                path = NATIVE / rendering / (stem + FORMATS[fmt])
                if not path.exists():
                    continue
                plan, elapsed, err = parse(args.vanban, path)
                if plan is None:
                    print(f"{rendering:15} {stem[:3]:4} {fmt:6} FAILED: {err}")
                    rows.append({"rendering": rendering, "seed": stem, "format": fmt, "error": err})
                    continue
                r = {
                    "rendering": rendering, "seed": stem, "format": fmt,
                    "targets_exact": f1(target_keys(gold, True), target_keys(plan, True)),
                    "targets_numbered": f1(target_keys(gold, False), target_keys(plan, False)),
                    "tasks_exact": f1(task_keys(gold, True), task_keys(plan, True)),
                    "tasks_numbered": f1(task_keys(gold, False), task_keys(plan, False)),
                    "seconds": elapsed,
                    "gold": [len(gold["targets"]), len(gold["tasks"])],
                    "found": [len(plan["targets"]), len(plan["tasks"])],
                }
                rows.append(r)
                print(f"{rendering:15} {stem[:3]:4} {fmt:6} {r['targets_exact']:9.2f} {r['targets_numbered']:8.2f} "
                      f"{r['tasks_exact']:10.2f} {r['tasks_numbered']:9.2f} {elapsed:6.1f}")
    print()
    print(f"{'format':6} {'tgt exact':>9} {'tgt num':>8} {'task exact':>10} {'task num':>9}   (micro-averaged F1 over seeds and renderings)")
    for fmt in formats:
        rs = [r for r in rows if r["format"] == fmt and "error" not in r]
        if not rs:
            continue
        def micro(kind, exact):
            # Sum matched and totals across documents: recompute from per-document F1 and sizes.
            num = den = 0.0
            for r in rs:
                i = 0 if kind == "targets" else 1
                size = r["gold"][i] + r["found"][i]
                num += r[f"{kind}_{'exact' if exact else 'numbered'}"] * size
                den += size
            return num / den if den else 1.0
        print(f"{fmt:6} {micro('targets', True):9.3f} {micro('targets', False):8.3f} {micro('tasks', True):10.3f} {micro('tasks', False):9.3f}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
