"""Checks of the generated OCR / pdftotext corpus in Corpus/ocr/.

Run from the repository root:  python3 -m pytest -q tools/test_ocr_corpus.py

Needs only Python (no Tesseract or LibreOffice): it checks the committed
fixtures.  The CER of every fixture is recomputed from the fixture and the seed
(tools/cer.py, exact edit distance) and must stay under the thresholds below,
which are the values measured when the corpus was generated plus a margin
(OCR: +0.02, pdftotext: +0.005).  A regeneration with a broken pipeline (wrong
language model, lost pages, no tables, a different page order...) fails here.
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cer import CER_TSV, FIXTURES, measure, read_cer_tsv  # noqa: E402
from make_ocr_corpus import FLATTENED_SEEDS, OUT, SEEDS, TSV_HEADER  # noqa: E402

STEMS = sorted(p.stem for p in SEEDS.glob("*.txt"))

# seed -> fixture -> CER measured at generation time (see Corpus/ocr/cer.tsv).
MEASURED: dict[str, dict[str, float]] = {
    "000_d6ce2f93286e4cb7": {
        "ocr-300.txt": 0.0604,
        "ocr-300.tsv": 0.0604,
        "ocr-300.hocr": 0.0604,
        "ocr-150-degraded.txt": 0.0838,
        "ocr-150-degraded.tsv": 0.0838,
        "ocr-150-degraded.hocr": 0.0838,
        "pdftotext.txt": 0.0118,
        "pdftotext-layout.txt": 0.0605,
    },
    "001_624e61ed64e861df": {
        "ocr-300.txt": 0.1109,
        "ocr-300.tsv": 0.1109,
        "ocr-300.hocr": 0.1109,
        "ocr-150-degraded.txt": 0.1275,
        "ocr-150-degraded.tsv": 0.1275,
        "ocr-150-degraded.hocr": 0.1275,
        "pdftotext.txt": 0.0331,
        "pdftotext-layout.txt": 0.1010,
    },
    "002_d7ee2759ac3fc249": {
        "ocr-300.txt": 0.0541,
        "ocr-300.tsv": 0.0541,
        "ocr-300.hocr": 0.0541,
        "ocr-150-degraded.txt": 0.0753,
        "ocr-150-degraded.tsv": 0.0753,
        "ocr-150-degraded.hocr": 0.0753,
        "pdftotext.txt": 0.0077,
        "pdftotext-layout.txt": 0.0563,
    },
    "003_7445e7d735843406": {
        "ocr-300.txt": 0.0029,
        "ocr-300.tsv": 0.0029,
        "ocr-300.hocr": 0.0029,
        "ocr-150-degraded.txt": 0.0032,
        "ocr-150-degraded.tsv": 0.0032,
        "ocr-150-degraded.hocr": 0.0032,
        "pdftotext.txt": 0.0001,
        "pdftotext-layout.txt": 0.0000,
    },
    "004_075f210d38c210c4": {
        "ocr-300.txt": 0.0514,
        "ocr-300.tsv": 0.0514,
        "ocr-300.hocr": 0.0514,
        "ocr-150-degraded.txt": 0.0438,
        "ocr-150-degraded.tsv": 0.0438,
        "ocr-150-degraded.hocr": 0.0438,
        "pdftotext.txt": 0.0272,
        "pdftotext-layout.txt": 0.0560,
    },
}
MARGIN = {"ocr": 0.02, "pdftotext": 0.005}


def threshold(stem: str, fixture: str) -> float:
    base = MEASURED[stem][fixture]
    return base + (MARGIN["pdftotext"] if fixture.startswith("pdftotext") else MARGIN["ocr"])


CASES = [(s, f) for s in STEMS for f in FIXTURES]


@functools.lru_cache(maxsize=None)
def cer_of(stem: str, fixture: str) -> float:
    return measure(stem, fixture)[3]


def test_every_seed_has_a_fixture_directory() -> None:
    assert STEMS, "no seeds"
    for stem in STEMS:
        assert (OUT / stem).is_dir(), f"Corpus/ocr/{stem} missing: python3 tools/make_ocr_corpus.py"
        assert stem in MEASURED, f"no CER threshold recorded for {stem}"


@pytest.mark.parametrize("stem,fixture", CASES + [(s, "source.html") for s in STEMS])
def test_fixture_exists_and_is_not_empty(stem: str, fixture: str) -> None:
    path = OUT / stem / fixture
    assert path.is_file(), f"missing {path}"
    text = path.read_text(encoding="utf-8")
    assert text.strip(), f"empty {path}"


@pytest.mark.parametrize("stem", STEMS)
def test_source_html_has_real_tables(stem: str) -> None:
    html = (OUT / stem / "source.html").read_text(encoding="utf-8")
    seed = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8-sig")
    assert "<meta charset=\"utf-8\">" in html
    if "\t" in seed and stem not in FLATTENED_SEEDS:
        assert "<table border=\"1\"" in html and "<td>" in html.replace("<td><font", "<td>")
    for leftover in ("**", "<i>", "\\geq"):
        assert leftover not in html


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("run", ["ocr-300", "ocr-150-degraded"])
def test_tsv_is_tesseract_tsv(stem: str, run: str) -> None:
    lines = (OUT / stem / f"{run}.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == TSV_HEADER
    assert lines[0].split("\t") == ["level", "page_num", "block_num", "par_num", "line_num",
                                    "word_num", "left", "top", "width", "height", "conf", "text"]
    assert sum(1 for l in lines if l == TSV_HEADER) == 1, "one header line only"
    rows = [l.split("\t") for l in lines[1:]]
    assert all(len(r) == 12 for r in rows)
    pages = [int(r[1]) for r in rows if r[0] == "1"]
    assert pages == list(range(1, len(pages) + 1)), "page_num must run 1..n"
    assert len(pages) >= 2
    assert [int(r[1]) for r in rows] == sorted(int(r[1]) for r in rows)
    words = [r for r in rows if r[0] == "5" and r[11].strip()]
    assert len(words) > 500
    assert any(re.search("[ơưăđâêôỳỹỷ]", r[11].lower()) for r in words), "no Vietnamese letters"


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("run", ["ocr-300", "ocr-150-degraded"])
def test_hocr_has_lines_and_boxes(stem: str, run: str) -> None:
    hocr = (OUT / stem / f"{run}.hocr").read_text(encoding="utf-8")
    assert "ocr_line" in hocr and "bbox" in hocr and "ocrx_word" in hocr
    ids = re.findall(r"class='ocr_page' id='page_(\d+)'", hocr)
    assert [int(i) for i in ids] == list(range(1, len(ids) + 1)), "ocr_page divs in page order"
    tsv_pages = sum(1 for l in (OUT / stem / f"{run}.tsv").read_text(encoding="utf-8").splitlines()
                    if l.startswith("1\t"))
    assert len(ids) == tsv_pages
    assert "/tmp/" not in hocr, "machine-specific image paths"


@pytest.mark.parametrize("stem,fixture", CASES)
def test_cer_under_threshold(stem: str, fixture: str) -> None:
    cer = cer_of(stem, fixture)
    limit = threshold(stem, fixture)
    assert cer <= limit, f"{stem}/{fixture}: CER {cer:.4f} > {limit:.4f}"


def test_cer_tsv_is_up_to_date() -> None:
    recorded = read_cer_tsv(CER_TSV)
    for stem, fixture in CASES:
        assert (stem, fixture) in recorded, f"cer.tsv lacks {stem}/{fixture}: python3 tools/cer.py"
        assert abs(recorded[(stem, fixture)] - cer_of(stem, fixture)) <= 0.0005, (
            f"cer.tsv is stale for {stem}/{fixture}: python3 tools/cer.py")
