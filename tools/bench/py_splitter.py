#!/usr/bin/env python3
"""The "what a user would write instead" baseline: a plain regex line splitter.

Reads each file as UTF-8, splits it into lines, and sorts them with regular expressions into
headings (I., 1., 1.1., a)), bullets (-, +, *, •), table rows (tab- or |-separated cells) and
paragraphs, nesting paragraphs and rows under the last heading; writes one JSON document per
file with json.dumps. No encoding detection, no NFC, no wrap joining, no tables, targets or
fields: the floor of usefulness, measured for speed only.

    python3 tools/bench/py_splitter.py LIST > out.ndjson     (LIST: one path a line)
"""
import json
import re
import sys

HEADING = re.compile(r"^\s*((?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)])\s+(.*\S)\s*$")
BULLET = re.compile(r"^\s*([-+*•])\s+(.*\S)\s*$")
CELLS = re.compile(r"\t|\s*\|\s*")


def split(text):
    sections = []
    current = {"label": None, "title": None, "blocks": [], "rows": []}
    sections.append(current)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if "\t" in line or line.count("|") >= 2:
            cells = [c.strip() for c in CELLS.split(line.strip().strip("|"))]
            current["rows"].append({"cells": cells, "line": number})
            continue
        m = HEADING.match(line)
        if m:
            current = {"label": m.group(1), "title": m.group(2), "blocks": [], "rows": [], "line": number}
            sections.append(current)
            continue
        m = BULLET.match(line)
        if m:
            current["blocks"].append({"type": "bullet", "marker": m.group(1), "text": m.group(2), "line": number})
        else:
            current["blocks"].append({"type": "paragraph", "text": " ".join(line.split()), "line": number})
    return sections


def main():
    out = sys.stdout
    with open(sys.argv[1], encoding="utf-8") as f:
        paths = [p.rstrip("\n") for p in f if p.strip()]
    failed = 0
    for path in paths:
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError):
            failed += 1
            continue
        out.write(json.dumps({"source": path, "sections": split(text)}, ensure_ascii=False))
        out.write("\n")
    print(f"{len(paths) - failed} documents, {failed} unreadable", file=sys.stderr)


if __name__ == "__main__":
    main()
