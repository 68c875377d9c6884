#!/usr/bin/env python3
"""Character error rate of the OCR / pdftotext fixtures in Corpus/ocr/.

For every seed Corpus/seeds/<stem>.txt and every fixture in Corpus/ocr/<stem>/
(ocr-*.txt, ocr-*.tsv, ocr-*.hocr, pdftotext*.txt):

  reference  = the seed with markdown/HTML leftovers removed exactly as the
               renderer removes them (make_ocr_corpus.clean_line), table cells
               in row order, Unicode NFC, every whitespace run -> one space;
  hypothesis = the fixture's text, NFC, every whitespace run -> one space;
               for TSV the `text` of the word rows (level 5) in file order, for
               hOCR the `ocrx_word` spans in document order (Tesseract's
               reading order), joined by spaces;
  CER        = Levenshtein distance(reference, hypothesis) / len(reference);
  bag_wer    = share of reference words (as a multiset) missing from the
               hypothesis: an order-free figure beside the CER (see below).

The distance is exact (unit-cost insert/delete/substitute over code points),
computed with Myers' bit-parallel algorithm (Hyyrö's global-distance form) on
Python integers: one pass over the hypothesis, each step a handful of
big-integer operations on len(reference)-bit words, about a second for a
50k x 50k pair.  No chunking or approximation.

Note that the reference has table rows in order, cell after cell, whereas OCR
of a table reads it line by line across the cells, so for documents with large
tables the CER also measures that interleaving, not only misread characters;
bag_wer does not.  Seed 003, whose table was already flattened, shows the pure
recognition error.

Usage: python3 tools/cer.py            # writes Corpus/ocr/cer.tsv, prints a table
       python3 tools/cer.py --check    # recompute, compare with cer.tsv, write nothing
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_ocr_corpus import OUT, SEEDS, reference_text  # noqa: E402

CER_TSV = OUT / "cer.tsv"
FIXTURES = [
    "ocr-300.txt", "ocr-300.tsv", "ocr-300.hocr",
    "ocr-150-degraded.txt", "ocr-150-degraded.tsv", "ocr-150-degraded.hocr",
    "pdftotext.txt", "pdftotext-layout.txt",
]


def squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def levenshtein(ref: str, hyp: str) -> int:
    """Exact edit distance, Myers/Hyyrö bit-vector algorithm, O(len(hyp) * len(ref)/64)."""
    m = len(ref)
    if m == 0:
        return len(hyp)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    peq: dict[str, int] = {}
    for i, c in enumerate(ref):
        peq[c] = peq.get(c, 0) | (1 << i)
    pv, mv, score = mask, 0, m
    for c in hyp:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
    return score


def tsv_text(text: str) -> str:
    words = []
    lines = text.splitlines()
    head = lines[0].split("\t")
    col_level, col_text = head.index("level"), head.index("text")
    for line in lines[1:]:
        cols = line.split("\t")
        if len(cols) > col_text and cols[col_level] == "5" and cols[col_text].strip():
            words.append(cols[col_text])
    return " ".join(words)


_TAGS = re.compile(r"<[^>]+>")


def hocr_text(text: str) -> str:
    words = []
    for m in re.finditer(r"<span class=['\"]ocrx_word['\"][^>]*>(.*?)</span>", text, re.S):
        w = html.unescape(_TAGS.sub("", m.group(1))).strip()
        if w:
            words.append(w)
    return " ".join(words)


def fixture_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".tsv":
        return tsv_text(raw)
    if path.suffix == ".hocr":
        return hocr_text(raw)
    return raw


def measure(stem: str, fixture: str) -> tuple[int, int, int, float, float]:
    """Reference and OCR lengths, edit distance, CER and bag-of-words WER."""
    ref, hyp = texts(stem, fixture)
    d = levenshtein(ref, hyp)
    return len(ref), len(hyp), d, d / len(ref), bag_wer(ref, hyp)


def texts(stem: str, fixture: str) -> tuple[str, str]:
    ref = squash(reference_text((SEEDS / f"{stem}.txt").read_text(encoding="utf-8-sig")))
    hyp = squash(fixture_text(OUT / stem / fixture))
    return ref, hyp


def bag_wer(ref: str, hyp: str) -> float:
    """Order-free word error: share of the reference's words (as a multiset)
    missing from the hypothesis.  Unlike CER it does not count table cells read
    in another order, so it isolates misrecognised words."""
    r, h = Counter(ref.split()), Counter(hyp.split())
    return 1 - sum((r & h).values()) / max(1, sum(r.values()))


def read_cer_tsv(path: Path = CER_TSV) -> dict[tuple[str, str], float]:
    rows = path.read_text(encoding="utf-8").splitlines()
    head = rows[0].split("\t")
    i_seed, i_fix, i_cer = head.index("seed"), head.index("fixture"), head.index("cer")
    cells = [r.split("\t") for r in rows[1:] if r.strip()]
    return {(c[i_seed], c[i_fix]): float(c[i_cer]) for c in cells}


def main() -> int:
    ap = argparse.ArgumentParser(description="CER of the Corpus/ocr fixtures")
    ap.add_argument("--check", action="store_true",
                    help="recompute and compare with cer.tsv (exit 1 on a difference > 0.0005)")
    args = ap.parse_args()
    stems = sorted(p.name for p in OUT.iterdir() if p.is_dir() and (SEEDS / f"{p.name}.txt").exists())
    results = []
    for stem in stems:
        for fixture in FIXTURES:
            if (OUT / stem / fixture).exists():
                results.append((stem, fixture, *measure(stem, fixture)))
    print(f"{'seed':24} {'fixture':24} {'ref':>6} {'hyp':>6} {'dist':>6} {'CER':>7} {'bagWER':>7}")
    for stem, fixture, nref, nhyp, d, cer, bw in results:
        print(f"{stem:24} {fixture:24} {nref:6} {nhyp:6} {d:6} {cer:7.4f} {bw:7.4f}")
    if args.check:
        old = read_cer_tsv()
        bad = [(s, f, c, old.get((s, f))) for s, f, _, _, _, c, _ in results
               if old.get((s, f)) is None or abs(old[(s, f)] - c) > 0.0005]
        for b in bad:
            print("differs from cer.tsv:", *b)
        return 1 if bad else 0
    out = ["seed\tfixture\tref_chars\thyp_chars\tdistance\tcer\tbag_wer"]
    out += [f"{s}\t{f}\t{a}\t{b}\t{d}\t{c:.4f}\t{w:.4f}" for s, f, a, b, d, c, w in results]
    CER_TSV.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {CER_TSV.relative_to(OUT.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
