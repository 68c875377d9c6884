"""Checks the committed native fixtures in Corpus/native/ without regenerating them.

They are written by tools/make_native_fixtures.py (see Corpus/native/README.md).
Standard library only; the PDF text checks need poppler's pdftotext and are
skipped, saying so, where it is not installed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "Corpus" / "seeds"
NATIVE = ROOT / "Corpus" / "native"
RENDERINGS = ("docx-lo", "html-chromium")
STEMS = sorted(p.stem for p in SEEDS.glob("*.txt"))
SUFFIXES = (".docx", ".pdf", ".scan.pdf")
# Rendering A writes a group row ("I | Mục tiêu chung") as a w:gridSpan cell. This
# seed's only table has no group row, so its DOCX has no reason for one;
# test_seed_without_group_rows keeps that claim honest.
NO_GROUP_ROWS = {"004_075f210d38c210c4"}
MAX_TOTAL_BYTES = 15_000_000

PDFTOTEXT = shutil.which("pdftotext")


def need_pdftotext() -> str:
    if PDFTOTEXT is None:
        pytest.skip("pdftotext is not installed (Debian package poppler-utils); "
                    "the PDF text checks need it")
    return PDFTOTEXT


def pdf_text(path: Path) -> str:
    r = subprocess.run([need_pdftotext(), "-enc", "UTF-8", str(path), "-"],
                       capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr.decode(errors="replace")
    return unicodedata.normalize("NFC", r.stdout.decode("utf-8"))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None, f"{path}: corrupt zip member"
        return z.read("word/document.xml").decode("utf-8")


def seed_title(stem: str) -> str:
    header = json.loads((SEEDS / f"{stem}.expected.json").read_text(encoding="utf-8"))["header"]
    return header["title"]


def test_there_are_seeds():
    assert len(STEMS) >= 5


@pytest.mark.parametrize("rendering", RENDERINGS)
@pytest.mark.parametrize("stem", STEMS)
def test_every_seed_has_all_files(stem, rendering):
    for suffix in SUFFIXES:
        f = NATIVE / rendering / f"{stem}{suffix}"
        assert f.is_file(), f"missing {f.relative_to(ROOT)}: run tools/make_native_fixtures.py"
        assert f.stat().st_size > 0


def test_no_stray_files():
    expected = {f"{r}/{s}{x}" for r in RENDERINGS for s in STEMS for x in SUFFIXES}
    found = {f"{p.parent.name}/{p.name}" for r in RENDERINGS for p in (NATIVE / r).iterdir()}
    assert found == expected


def test_readme_says_generated_and_how():
    text = (NATIVE / "README.md").read_text(encoding="utf-8")
    assert "generated" in text
    assert "python3 tools/make_native_fixtures.py" in text
    assert "--only STEM" in text


def test_total_size():
    total = sum(p.stat().st_size for p in NATIVE.rglob("*") if p.is_file())
    assert total < MAX_TOTAL_BYTES, f"Corpus/native is {total:,} bytes"


# ---------------------------------------------------------------- DOCX

@pytest.mark.parametrize("rendering", RENDERINGS)
@pytest.mark.parametrize("stem", STEMS)
def test_docx_has_tables_and_the_text(stem, rendering):
    xml = document_xml(NATIVE / rendering / f"{stem}.docx")
    assert "<w:tbl>" in xml
    text = "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml))
    assert "KẾ HOẠCH" in unicodedata.normalize("NFC", text)
    assert squash(seed_title(stem)) in squash(text)


@pytest.mark.parametrize("stem", STEMS)
def test_docx_a_has_merged_cells_and_repeated_headers(stem):
    xml = document_xml(NATIVE / "docx-lo" / f"{stem}.docx")
    if stem not in NO_GROUP_ROWS:
        assert "<w:gridSpan" in xml, "group rows should span the row (w:gridSpan)"
    assert "<w:vMerge" in xml
    assert "<w:tblHeader" in xml


@pytest.mark.parametrize("stem", sorted(NO_GROUP_ROWS))
def test_seed_without_group_rows(stem):
    group_row = re.compile(r"^(?:[IVX]+|[A-E])\t[^\t]+(?:\t\s*)*$")
    lines = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    assert not [l for l in lines if group_row.match(l)]


# ---------------------------------------------------------------- PDF

@pytest.mark.parametrize("rendering", RENDERINGS)
@pytest.mark.parametrize("stem", STEMS)
def test_born_digital_pdf_holds_the_text(stem, rendering):
    pdf = NATIVE / rendering / f"{stem}.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = pdf_text(pdf)
    assert "KẾ HOẠCH" in text, "diacritics lost or no text layer"
    title = seed_title(stem)
    words = [w for w in text.split()]
    for w in title.split():
        assert w in words or w in text, f"title word {w!r} not in the PDF text"
    assert squash(title) in squash(text)


@pytest.mark.parametrize("rendering", RENDERINGS)
@pytest.mark.parametrize("stem", STEMS)
def test_scan_pdf_has_no_fonts(stem, rendering):
    data = (NATIVE / rendering / f"{stem}.scan.pdf").read_bytes()
    assert data[:5] == b"%PDF-"
    assert b"/Font" not in data and b"/FontFile" not in data
    assert b"/Image" in data


@pytest.mark.parametrize("rendering", RENDERINGS)
@pytest.mark.parametrize("stem", STEMS)
def test_scan_pdf_has_no_text(stem, rendering):
    text = pdf_text(NATIVE / rendering / f"{stem}.scan.pdf")
    assert not text.strip("\f \n"), "a scan must have no text layer"
