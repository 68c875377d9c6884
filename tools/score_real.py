#!/usr/bin/env python3
"""Scores vanban on Corpus/real/: the facts a reader wrote by hand against what vanban found.

    python3 tools/score_real.py                      # runs .build/release/vanban (or debug)
    python3 tools/score_real.py --vanban PATH        # another binary
    python3 tools/score_real.py --parsed DIR         # JSON already written as DIR/NAME.json
    python3 tools/score_real.py --misses             # also list every wrong fact
    python3 tools/score_real.py --check Corpus/real-thresholds.tsv   # exit 1 under a threshold
    python3 tools/score_real.py --write-thresholds Corpus/real-thresholds.tsv   # after a gain

Prints one row per field (facts scored, right, share) and the overall share. The facts format
is defined in Corpus/real/README.md; a key absent from a facts file is not scored.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "Corpus" / "real"
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

# The order fields are printed in.
FIELDS = [
    "doc_type", "number", "symbol", "date", "place", "issuer", "issuer_parent", "title_starts",
    "sig_authority", "sig_on_behalf_of", "sig_title", "sig_signer",
    "recipients", "archive", "annexes", "sections", "targets", "tasks", "attachments",
]


def fold(text):
    """Case, runs of space, markup stars and tone placement ("UỶ" = "ỦY") do not count: the
    letters without tone marks and the tone marks in order must both agree."""
    if text is None:
        return None
    text = unicodedata.normalize("NFD", str(text).replace("*", "")).lower()
    base, tones = [], []
    for ch in text:
        if ch in TONES:
            tones.append(ch)
        else:
            base.append(ch)
    joined = " ".join("".join(base).split())
    return unicodedata.normalize("NFC", joined).strip(" .,;:"), "".join(tones)


def same_text(a, b):
    return fold(a) == fold(b)


def starts_with(text, prefix):
    if text is None or prefix is None:
        return text is None and prefix is None
    t, p = fold(text), fold(prefix)
    return t[0].startswith(p[0]) and t[1].startswith(p[1])


def plain(symbol):
    return None if symbol is None else "".join(str(symbol).split())


def section_labels(sections):
    return [s.get("label") for s in sections or []]


def annex_labels(annexes):
    return [a.get("label") for a in annexes or []]


def compare(facts, doc):
    """Yields (field, expected, got, right) for every fact the facts file states."""
    header = doc.get("header") or {}
    sig = doc.get("signature") or {}
    if "doc_type" in facts:
        yield "doc_type", facts["doc_type"], header.get("doc_type"), same_text(facts["doc_type"], header.get("doc_type"))
    if "number" in facts:
        yield "number", facts["number"], header.get("number"), plain(facts["number"]) == plain(header.get("number"))
    if "symbol" in facts:
        yield "symbol", facts["symbol"], header.get("symbol"), plain(facts["symbol"]) == plain(header.get("symbol"))
    if "date" in facts:
        got = header.get("date")
        got = None if got is None else {k: got.get(k) for k in ("day", "month", "year")}
        yield "date", facts["date"], got, facts["date"] == got
    for key in ("place", "issuer", "issuer_parent"):
        if key in facts:
            yield key, facts[key], header.get(key), same_text(facts[key], header.get(key))
    if "title_starts" in facts:
        yield "title_starts", facts["title_starts"], header.get("title"), starts_with(header.get("title"), facts["title_starts"])
    fsig = facts.get("signature")
    if isinstance(fsig, dict):
        for key in ("authority", "on_behalf_of", "title", "signer"):
            if key in fsig:
                yield "sig_" + key, fsig[key], sig.get(key), same_text(fsig[key], sig.get(key))
    if "recipients" in facts:
        got = len(doc.get("recipients") or [])
        yield "recipients", facts["recipients"], got, facts["recipients"] == got
    if "archive" in facts:
        got = doc.get("archive") or []
        want = facts["archive"] or []
        yield "archive", want, got, [fold(x) for x in want] == [fold(x) for x in got]
    if "annexes" in facts:
        got = annex_labels(doc.get("annexes"))
        yield "annexes", facts["annexes"], got, facts["annexes"] == got
    if "sections" in facts:
        got = section_labels(doc.get("sections"))
        yield "sections", facts["sections"], got, facts["sections"] == got
    for key in ("targets", "tasks"):
        if key in facts:
            # The file's rows: a decision's own and those of the plan it issues.
            got = len(doc.get(key) or []) + sum(len(a.get(key) or []) for a in doc.get("attachments") or [])
            yield key, facts[key], got, facts[key] == got
    if "attachments" in facts:
        got = []
        for a in doc.get("attachments") or []:
            got.append({
                "doc_type": (a.get("header") or {}).get("doc_type"),
                "sections": section_labels(a.get("sections")),
                "annexes": annex_labels(a.get("annexes")),
            })
        right = len(got) == len(facts["attachments"]) and all(
            same_text(w.get("doc_type"), g["doc_type"])
            and ("sections" not in w or w["sections"] == g["sections"])
            and ("annexes" not in w or w["annexes"] == g["annexes"])
            for w, g in zip(facts["attachments"], got))
        yield "attachments", facts["attachments"], got, right


def documents():
    """(name, input path, facts) for every document with a facts file, sorted by name."""
    out = []
    for facts_path in sorted(REAL.glob("*.facts.json")):
        name = facts_path.name[: -len(".facts.json")]
        inputs = [p for p in REAL.glob(name + ".*") if not p.name.endswith(".json")]
        if len(inputs) != 1:
            sys.exit(f"score_real: {facts_path.name}: expected one input file beside it, found {len(inputs)}")
        with open(facts_path, encoding="utf-8") as f:
            out.append((name, inputs[0], json.load(f)))
    return out


def find_binary():
    for build in ("release", "debug"):
        path = ROOT / ".build" / build / "vanban"
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
    sys.exit("score_real: no vanban binary: run `swift build -c release` or pass --vanban PATH")


def parse_all(docs, binary, parsed_dir):
    """name -> parsed JSON document, or the error text when vanban refused the file."""
    out = {}
    for name, path, _ in docs:
        if parsed_dir:
            p = Path(parsed_dir) / (name + ".json")
            out[name] = json.loads(p.read_text(encoding="utf-8")) if p.exists() else f"no {p.name} in {parsed_dir}"
            continue
        r = subprocess.run([binary, "parse", str(path)], capture_output=True, timeout=60)
        out[name] = json.loads(r.stdout) if r.returncode == 0 else r.stderr.decode("utf-8", "replace").strip()
    return out


def score(docs, parsed):
    """Per-field [scored, right] counts and the list of misses."""
    table = {f: [0, 0] for f in FIELDS}
    misses = []
    for name, _, facts in docs:
        doc = parsed[name]
        if isinstance(doc, str):
            doc = {}
            misses.append((name, "(parse)", None, parsed[name]))
        for field, want, got, right in compare(facts, doc):
            table[field][0] += 1
            table[field][1] += int(right)
            if not right:
                misses.append((name, field, want, got))
    return table, misses


def read_thresholds(path):
    out = {}
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("field"):
            continue
        field, value = line.split("\t")
        out[field.strip()] = float(value)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vanban", help="the vanban binary (default: .build/release or .build/debug)")
    ap.add_argument("--parsed", help="a folder holding NAME.json for every document instead of running vanban")
    ap.add_argument("--misses", action="store_true", help="list every wrong fact")
    ap.add_argument("--check", help="TSV of field<TAB>minimum share (and 'overall'); exit 1 below any")
    ap.add_argument("--json", action="store_true", help="print the table as JSON")
    ap.add_argument("--write-thresholds", metavar="FILE",
                    help="write the measured shares, rounded down to the hundredth, as the thresholds TSV")
    args = ap.parse_args()

    docs = documents()
    if not docs:
        sys.exit("score_real: no *.facts.json in Corpus/real")
    binary = None if args.parsed else (args.vanban or find_binary())
    parsed = parse_all(docs, binary, args.parsed)
    table, misses = score(docs, parsed)
    scored = sum(v[0] for v in table.values())
    right = sum(v[1] for v in table.values())
    overall = right / scored if scored else 0.0

    if args.json:
        print(json.dumps({"documents": len(docs), "fields": table, "overall": overall, "misses": len(misses)}))
    else:
        print(f"{len(docs)} documents, {scored} facts")
        print(f"{'field':<18} {'scored':>6} {'right':>6} {'share':>6}")
        for f in FIELDS:
            n, k = table[f]
            if n:
                print(f"{f:<18} {n:>6} {k:>6} {k / n:>6.2f}")
        print(f"{'overall':<18} {scored:>6} {right:>6} {overall:>6.2f}")
    if args.misses:
        for name, field, want, got in misses:
            w = json.dumps(want, ensure_ascii=False)
            g = json.dumps(got, ensure_ascii=False) if not isinstance(got, str) or field != "(parse)" else got
            print(f"MISS {name} {field}: want {w[:160]} got {g[:160]}")

    if args.write_thresholds:
        lines = [
            "# Minimum share of facts right per field on Corpus/real/ (tools/score_real.py --check); kept",
            "# beside the folder, which holds documents only.",
            "# Written by `tools/score_real.py --write-thresholds` from the measured shares, rounded",
            "# down to the hundredth: a change that loses facts fails RealCorpusTests. Rewrite it when",
            "# a change wins facts; never lower a line without saying why in the commit.",
            "field\tminimum",
        ]
        for f in FIELDS:
            n, k = table[f]
            if n:
                lines.append(f"{f}\t{math.floor(k / n * 100) / 100:.2f}")
        lines.append(f"overall\t{math.floor(overall * 100) / 100:.2f}")
        Path(args.write_thresholds).write_text("\n".join(lines) + "\n", encoding="utf-8")

    if args.check:
        failed = []
        for field, minimum in read_thresholds(args.check).items():
            if field == "overall":
                share = overall
            else:
                n, k = table.get(field, [0, 0])
                share = k / n if n else 1.0
            if share + 1e-9 < minimum:
                failed.append(f"{field} {share:.3f} < {minimum}")
        if failed:
            print("score_real: under threshold: " + "; ".join(failed), file=sys.stderr)
            sys.exit(1)


if __name__ == "__main__":
    main()
