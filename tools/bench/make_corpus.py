#!/usr/bin/env python3
"""Builds the ingest benchmark corpus: >= 2,000 plans made from the Corpus fixtures.

Every fixture input (Corpus/seeds, Corpus/ocr, Corpus/encodings, Corpus/cases: *.txt, *.tsv,
*.hocr; not the goldens, not Corpus/alignments, which are diff fixtures) is copied once per
generated commune. UTF-8 text copies get the commune's own name in place of the original
commune and a few target percentages changed, so that the database has many communes and
differing values; OCR layout files and legacy-encoded files are copied byte for byte (their
names are split across word boxes or written in another encoding). A handful of broken
files (empty, PDF, PNG, DOCX, invalid UTF-8) go in too: they must end up in `failures`.

OCR layout files (Tesseract TSV, hOCR) are 10-20 times the size of a text plan; they go into
one commune in LAYOUT_EVERY only, so that they do not make up most of the bytes (offices
mostly send text) while still being exercised.

    python3 tools/bench/make_corpus.py OUT_DIR [--files 2000] [--seed 1]

Writes OUT_DIR/corpus/<province>/<commune>/<fixture name> and OUT_DIR/files.txt (the list,
in the order `vanban ingest` walks it), and prints a one-line summary.
"""
import argparse
import os
import random
import re
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FOLDERS = ["seeds", "cases", "ocr", "encodings"]
EXTENSIONS = (".txt", ".tsv", ".hocr")
# The communes named in the seeds; each copy swaps them for its own.
ORIGINAL_COMMUNES = ["Bình Thành", "Tân Lợi", "Lương Tài", "Vĩnh Thông"]
SYLLABLES = ["An", "Bình", "Hòa", "Phú", "Tân", "Long", "Mỹ", "Thạnh", "Đông", "Tây", "Hưng",
             "Phước", "Thuận", "Vĩnh", "Xuân", "Lợi", "Thành", "Quảng", "Nghĩa", "Đức", "Hải",
             "Sơn", "Trung", "Lộc", "Khánh", "Thịnh", "Yên", "Hà", "Cẩm", "Lạc"]
LAYOUT_EVERY = 8
BROKEN = {
    "empty.txt": b"",
    "scan-instead-of-text.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
    "report.txt": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + b"[Content_Types].xml" + bytes(32),
    "truncated.txt": "KẾ HOẠCH chuyển đổi số ".encode() + b"\xc3\x28\xa0\xa1" * 8,
}


def fixtures():
    found = []
    for folder in FOLDERS:
        base = os.path.join(ROOT, "Corpus", folder)
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith(".") or not name.lower().endswith(EXTENSIONS):
                    continue
                found.append(os.path.join(dirpath, name))
    return found


def commune_names(count, rng):
    # Distinct syllables make distinct pairs.
    assert len(set(SYLLABLES)) == len(SYLLABLES)
    pairs = [f"{a} {b}" for a in SYLLABLES for b in SYLLABLES if a != b]
    rng.shuffle(pairs)
    out = pairs[:count]
    while len(out) < count:
        out.append(f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)} {len(out)}")
    return out


def variant(data, commune, rng):
    """The fixture re-targeted at another commune, or the same bytes when it is not UTF-8 text."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    if text.startswith("\ufeff") is False and ("\t" in text.split("\n", 1)[0] and "level" in text[:200]):
        return data  # Tesseract TSV: names are split into word boxes
    if "<html" in text[:500].lower() or "ocr_page" in text[:4000]:
        return data
    for original in ORIGINAL_COMMUNES:
        text = text.replace(original, commune).replace(original.upper(), commune.upper())

    def percent(m):
        return f"{rng.randint(40, 99)}%" if rng.random() < 0.3 else m.group(0)

    text = re.sub(r"(?<![\d,.])\d{2}%", percent, text)
    return text.encode("utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    sources = fixtures()
    if not sources:
        sys.exit("no fixtures under Corpus/")
    contents = [(os.path.relpath(p, os.path.join(ROOT, "Corpus")), open(p, "rb").read()) for p in sources]
    good = args.files - len(BROKEN)
    layout = [c for c in contents if c[0].lower().endswith((".tsv", ".hocr"))]
    per_commune = len(contents) - len(layout) + len(layout) / LAYOUT_EVERY
    communes = commune_names(int(good / per_commune) + 2, rng)

    corpus = os.path.join(args.out, "corpus")
    shutil.rmtree(corpus, ignore_errors=True)
    written = []
    total = 0
    for k, commune in enumerate(communes):
        province = f"tinh-{k % 20:02d}"
        folder = os.path.join(corpus, province, f"xa-{k:04d}")
        os.makedirs(folder, exist_ok=True)
        for rel, data in contents:
            if len(written) == good:
                break
            if k % LAYOUT_EVERY and rel.lower().endswith((".tsv", ".hocr")):
                continue
            name = rel.replace("/", "__")
            path = os.path.join(folder, name)
            body = variant(data, commune, rng)
            with open(path, "wb") as f:
                f.write(body)
            written.append(path)
            total += len(body)
    broken_dir = os.path.join(corpus, "tinh-99", "hong")
    os.makedirs(broken_dir, exist_ok=True)
    for name, data in BROKEN.items():
        path = os.path.join(broken_dir, name)
        with open(path, "wb") as f:
            f.write(data)
        written.append(path)
        total += len(data)

    # The order vanban walks: names sorted by their bytes, folder by folder.
    def key(p):
        return os.path.relpath(p, corpus).encode().split(b"/")
    written.sort(key=key)
    with open(os.path.join(args.out, "files.txt"), "w") as f:
        for p in written:
            f.write(p + "\n")
    print(f"{len(written)} files ({len(BROKEN)} broken), {total / 1e6:.1f} MB, "
          f"from {len(contents)} fixtures x {len(communes)} communes -> {corpus}")


if __name__ == "__main__":
    main()
