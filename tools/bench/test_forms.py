"""Tests for tools/bench/forms.py: how a bench corpus file's name groups it.

Run from the repository root:  python3 -m pytest -q tools/bench/test_forms.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import forms  # noqa: E402

# Names as tools/bench/make_corpus.py writes them, under a province and commune directory.
UNDER = "/tmp/vanban-bench/corpus/tinh-02/xa-0022/"


def test_form_is_the_group_and_the_variant():
    assert forms.form(UNDER + "encodings__003_7445e7d735843406.vni-mojibake.txt") == "encodings vni-mojibake"
    assert forms.form(UNDER + "ocr__001_624e61ed64e861df__pdftotext-layout.txt") == "ocr pdftotext-layout"
    assert forms.form(UNDER + "ocr__000_d6ce2f93286e4cb7__ocr-300.hocr") == "ocr ocr-300.hocr"
    assert forms.form(UNDER + "seeds__004_075f210d38c210c4.txt") == "seeds"


def test_document_is_the_seed_whatever_the_form():
    for name in [
        "encodings__003_7445e7d735843406.tcvn3.txt",
        "encodings__003_7445e7d735843406.utf16le-bom.txt",
        "ocr__003_7445e7d735843406__ocr-150-degraded.txt",
        "ocr__003_7445e7d735843406__ocr-300.tsv",
        "seeds__003_7445e7d735843406.txt",
    ]:
        assert forms.document(UNDER + name) == "seed 003", name
    assert forms.document(UNDER + "seeds__000_d6ce2f93286e4cb7.txt") == "seed 000"


def test_files_from_no_seed_and_broken_files_stand_apart():
    # Corpus/ocr/cer.tsv, the OCR error-rate table the corpus builder takes in with the .tsv
    # inputs: made from no seed, so no number and hash after the group.
    assert forms.document(UNDER + "ocr__cer.tsv") == "other"
    # The broken files: under tinh-99/hong, or named without a group.
    assert forms.document("/tmp/vanban-bench/corpus/tinh-99/hong/truncated.txt") == "broken"
    assert forms.document(UNDER + "empty.txt") == "broken"
