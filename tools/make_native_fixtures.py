#!/usr/bin/env python3
"""Render the seed plans as native documents (DOCX, PDF, image-only PDF) in two renderings.

For every seed plan Corpus/seeds/NNN_*.txt this script writes

  Corpus/native/docx-lo/<stem>.docx      python-docx, real Word tables
  Corpus/native/docx-lo/<stem>.pdf       that DOCX -> PDF by LibreOffice (headless)
  Corpus/native/docx-lo/<stem>.scan.pdf  that PDF -> 200 dpi grey page images -> img2pdf
  Corpus/native/html-chromium/<stem>.docx      the HTML -> DOCX by LibreOffice
  Corpus/native/html-chromium/<stem>.pdf       the HTML -> PDF by headless Chromium
  Corpus/native/html-chromium/<stem>.scan.pdf  that PDF -> 200 dpi grey page images -> img2pdf

and Corpus/native/README.md (tool versions, commands, pages and sizes).  The two
renderings differ on purpose (fonts, margins, column widths, where pages break,
header-row repetition, merged cells, orientation of the annexes) so that a layout
reader tuned on one producer can be tried on the other.

Everything under Corpus/native/ is generated; never edit it by hand.

Usage:  python3 tools/make_native_fixtures.py [--only STEM ...] [--work DIR]
Needs:  python-docx (PyPI); Debian: libreoffice-writer-nogui chromium poppler-utils
        img2pdf fonts-liberation2 fonts-dejavu
"""

from __future__ import annotations

import argparse
import hashlib
import html
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_ocr_corpus as ocr  # noqa: E402  (the seed-text rules live there)

ROOT = HERE.parent
SEEDS = ROOT / "Corpus" / "seeds"
OUT = ROOT / "Corpus" / "native"
RENDERINGS = ("docx-lo", "html-chromium")

# Fixed dates written wherever a tool lets us (DOCX core properties, PDF Info,
# zip entry times): regenerating does not change files for the sake of a clock.
FIXED_DATE = datetime(2026, 1, 1, 0, 0, 0, tzinfo=timezone.utc)
PDF_DATE = b"20260101000000"
ZIP_DATE = (2026, 1, 1, 0, 0, 0)
SCAN_DPI = 200
SCAN_LEVELS = 4          # grey levels kept in the page images (2 bits per pixel)

# ---------------------------------------------------------------- commands
# Kept verbatim so that the README can quote them.
SOFFICE = ["soffice", "-env:UserInstallation=file://{profile}", "--headless"]
LO_DOCX_TO_PDF = SOFFICE + ["--convert-to", "pdf:writer_pdf_Export", "--outdir", "{outdir}", "{src}"]
LO_HTML_TO_DOCX = SOFFICE + ["--infilter=HTML (StarWriter)", "--convert-to",
                             "docx:MS Word 2007 XML", "--outdir", "{outdir}", "{src}"]
CHROMIUM_TO_PDF = ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                   "--user-data-dir={profile}", "--no-pdf-header-footer",
                   "--print-to-pdf={pdf}", "file://{src}"]
PDFTOPPM_SCAN = ["pdftoppm", "-r", str(SCAN_DPI), "-gray", "{pdf}", "{prefix}"]
IMG2PDF = ["img2pdf", "--imgsize", f"{SCAN_DPI}dpi", "--creationdate", "2026-01-01T00:00:00Z",
           "--moddate", "2026-01-01T00:00:00Z", "--producer", "img2pdf", "-o", "{out}"]

# ---------------------------------------------------------------- the seed as a document

Run = tuple[str, bool, bool]          # text, bold, italic


@dataclass
class Para:
    runs: list[Run]
    role: str = "body"     # body heading doctype title kem issuer motto number date
                           # recipients-head recipient sig-auth signer annex-title annex-text
    level: int = 0

    @property
    def text(self) -> str:
        return "".join(r[0] for r in self.runs)


@dataclass
class Table:
    rows: list[list[list[str]]]       # row -> cell -> paragraphs (raw seed text)
    group_rows: set[int] = field(default_factory=set)
    header_repeated_in_seed: bool = False
    index: int = 0                    # 0-based number of the data table in the document

    @property
    def ncols(self) -> int:
        return len(self.rows[0])


@dataclass
class Grid2:
    """A borderless two-column layout table: the head or the footer."""
    rows: list[tuple[list[Para], list[Para]]]
    role: str                          # head | footer


@dataclass
class PageBreak:
    pass


_EMPH = re.compile(r"(\*+|</?(?:i|em|b|strong)\s*>)", re.I)
_OTHER_TAG = re.compile(r"</?(?:u|sup|sub|br)\s*/?>", re.I)
_ROMAN_HEAD = re.compile(r"^[IVX]+\.\s")
_NUM_HEAD = re.compile(r"^(\d+(?:\.\d+)*)\.\s")
_SIG_AUTH = re.compile(r"^(KT|TM|TL|TUQ|Q)\.\s")
_DATE_LINE = re.compile(r"ngày\s.*tháng\s.*năm\s*\d{4}")
_GROUP_CELL = re.compile(r"^(?:[IVX]+|[A-E])$")


def split_breaks(line: str) -> list[str]:
    """Split a seed line where a `*` run stands for a lost line break (the rule
    of make_ocr_corpus.clean_line: glued between a letter/digit and an
    upper-case letter or `(`)."""
    parts, last = [], 0
    for m in ocr._STARS.finditer(line):
        s, e = m.span()
        left = line[s - 1] if s > 0 else ""
        right = line[e] if e < len(line) else ""
        if left.isalnum() and (right.isupper() or right == "("):
            parts.append(line[last:s])
            last = e
    parts.append(line[last:])
    return parts


def runs_of(text: str) -> list[Run]:
    """Seed markup -> styled runs: `**x**` bold, `*x*` italic, <i>/<b> likewise;
    `$\\geq 1$` -> `≥ 1`, `<https://x>` -> `https://x`; whitespace collapsed."""
    text = ocr._MATH.sub(lambda m: f"{ocr._MATH_SYM[m.group(1)]} {m.group(2)}", text)
    text = ocr._AUTOLINK.sub(r"\1", text)
    text = _OTHER_TAG.sub("", text)
    if text.lstrip().startswith("* "):          # markdown bullet
        text = text.lstrip()[2:]
    bold = italic = False
    runs: list[Run] = []
    for tok in _EMPH.split(text):
        if not tok:
            continue
        if tok.startswith("*"):
            if len(tok) >= 2:
                bold = not bold
            if len(tok) % 2 == 1:
                italic = not italic
            continue
        if tok.startswith("<"):
            name = tok.strip("<>/ ").lower()
            on = not tok.startswith("</")
            if name in ("i", "em"):
                italic = on
            else:
                bold = on
            continue
        tok = re.sub(r"\s+", " ", tok)
        if runs and runs[-1][1:] == (bold, italic):
            runs[-1] = (runs[-1][0] + tok, bold, italic)
        else:
            runs.append((tok, bold, italic))
    if runs:
        runs[0] = (runs[0][0].lstrip(),) + runs[0][1:]
        runs[-1] = (runs[-1][0].rstrip(),) + runs[-1][1:]
    return [r for r in runs if r[0]]


def plain(text: str) -> str:
    return "".join(r[0] for r in runs_of(text))


def para(text: str, role: str = "body", level: int = 0) -> Para:
    return Para(runs_of(text), role, level)


def ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.;:!?…]\W*$", text.strip()))


def is_heading(text: str) -> bool:
    t = plain(text)
    if _ROMAN_HEAD.match(t):
        return True
    m = _NUM_HEAD.match(t)
    return bool(m) and len(t) < 110 and not ends_sentence(t)


def heading_level(text: str) -> int:
    t = plain(text)
    if _ROMAN_HEAD.match(t):
        return 1
    m = _NUM_HEAD.match(t)
    return 1 + (m.group(1).count(".") + 1 if m else 0)


# ---------------------------------------------------------------- tables from tab lines

def parse_tab_table(lines: list[str]) -> Table:
    raw = [[c.strip() for c in l.split("\t")] for l in lines]
    width = max(len(r) for r in raw)
    raw = [r + [""] * (width - len(r)) for r in raw]
    header, rows, groups, repeated = raw[0], [raw[0]], set(), False
    for r in raw[1:]:
        if [plain(c) for c in r] == [plain(c) for c in header]:
            repeated = True            # the seed's page break repeated the header row
            continue
        if not r[0] and any(r[1:]) and len(rows) > 1:
            prev = rows[-1]            # a row continued over the seed's page break
            for i, c in enumerate(r):
                if not c:
                    continue
                if plain(prev[i]).endswith(plain(c)):
                    continue           # the renderer of the seed repeated it; once is enough
                prev[i] = (prev[i] + " " + c).strip()
            continue
        rows.append(list(r))
        if width >= 3 and _GROUP_CELL.match(plain(r[0])) and r[1] and not any(r[2:]):
            groups.add(len(rows) - 1)
    return Table([[[c] if c else [] for c in r] for r in rows], groups, repeated)


# ---------------------------------------------------------------- seed -> blocks

def logical_lines(text: str) -> list[str]:
    """Seed lines with lost breaks split; blank lines kept as ''."""
    out = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if "\t" in line:
            out.append(line)
            continue
        for part in split_breaks(line):
            out.append(part if part.strip() else "")
    return out


def seed_document(stem: str, text: str) -> list:
    if stem in ocr.FLATTENED_SEEDS:
        return flattened_document(text)
    lines = logical_lines(text)
    blocks: list = []
    i, n = 0, len(lines)

    def skip_blank(j: int) -> int:
        while j < n and not lines[j].strip():
            j += 1
        return j

    # --- head: everything before KẾ HOẠCH
    i = skip_blank(0)
    head_left: list[Para] = []
    head_right: list[Para] = []
    while i < n and plain(lines[i]) != "KẾ HOẠCH":
        t = plain(lines[i])
        if t:
            if t.startswith("Số:") and _DATE_LINE.search(t):
                m = re.match(r"^(Số:\s*\S*)\s+(.*)$", t)
                head_left.append(para(m.group(1), "number"))
                head_right.append(para(m.group(2), "date"))
            elif t.startswith("Số:"):
                head_left.append(para(lines[i], "number"))
            elif _DATE_LINE.search(t):
                head_right.append(para(lines[i], "date"))
            else:
                head_left.append(para(lines[i], "issuer"))
        i += 1
    if head_left or head_right:
        blocks.append(Grid2([(head_left, head_right)], "head"))
    # --- KẾ HOẠCH and the title (the next paragraph)
    if i < n:
        blocks.append(para(lines[i], "doctype"))
        i = skip_blank(i + 1)
        blocks.append(para(lines[i], "title"))
        i += 1

    table_count = 0
    in_annex = False
    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if "\t" in line:
            rows = []
            while i < n:
                if "\t" in lines[i]:
                    rows.append(lines[i])
                    i += 1
                elif not lines[i].strip():
                    j = skip_blank(i)
                    if j < n and "\t" in lines[j]:
                        i = j
                    else:
                        break
                else:
                    break
            t = parse_tab_table(rows)
            t.index = table_count
            table_count += 1
            blocks.append(t)
            continue
        t = plain(line)
        if t.startswith("Nơi nhận"):
            i = footer(lines, i, blocks)
            in_annex = True
            continue
        if in_annex:
            i = annex_part(lines, i, blocks)
            continue
        # a paragraph split by the seed's page break continues in lower case
        prev = blocks[-1] if blocks else None
        if (isinstance(prev, Para) and prev.role in ("body", "heading") and t[:1].islower()
                and not ends_sentence(prev.text)):
            prev.runs.extend([(" ", False, False)] + runs_of(line))
            if prev.role == "heading" and not is_heading(prev.text):
                prev.role, prev.level = "body", 0
        elif is_heading(line):
            blocks.append(para(line, "heading", heading_level(line)))
        else:
            blocks.append(para(line, "body"))
        i += 1
    return blocks


def footer(lines: list[str], i: int, blocks: list) -> int:
    """'Nơi nhận:' and its list (left) beside the signature block (right)."""
    n = len(lines)
    left = [para(lines[i], "recipients-head")]
    i += 1
    right: list[Para] = []
    while i < n:
        t = plain(lines[i])
        if not t:
            i += 1
            continue
        if _SIG_AUTH.match(t) or (t.isupper() and "CHỦ TỊCH" in t):
            break
        left.append(para(lines[i], "recipient"))
        i += 1
    # signature: upper-case lines, then the signer's name
    while i < n:
        t = plain(lines[i])
        if not t:
            i += 1
            continue
        if t.isupper():
            right.append(para(lines[i], "sig-auth"))
            i += 1
            continue
        right.append(para(lines[i], "signer"))
        i += 1
        break
    blocks.append(Grid2([(left, right)], "footer"))
    return i


def annex_part(lines: list[str], i: int, blocks: list) -> int:
    """One paragraph of the annex region (after the signature)."""
    t = plain(lines[i])
    first_of_annexes = not any(isinstance(b, PageBreak) for b in blocks)
    prev = blocks[-1]
    if t.startswith(("ỦY BAN", "UBND")) and t.isupper():
        # the annex's own head: issuer (left) beside the national motto (right)
        left, right = [], []
        while i < len(lines) and (lines[i].strip() or not right):
            if lines[i].strip():
                tt = plain(lines[i])
                side = right if (right or tt.startswith("CỘNG HÒA")) else left
                side.append(para(lines[i], "motto" if side is right else "issuer"))
            i += 1
        if first_of_annexes:
            blocks.append(PageBreak())
        blocks.append(Grid2([(left, right)], "head"))
        return i
    is_title_start = re.match(r"(?i)^phụ lục", t) or (t.isupper() and first_of_annexes)
    if is_title_start and not (isinstance(prev, Grid2) and prev.role == "head"):
        blocks.append(PageBreak())
    if t.startswith(("(Kèm theo", "(Ban hành kèm theo")):
        blocks.append(para(lines[i], "kem"))
    elif is_title_start or t.isupper() or (isinstance(prev, Para) and prev.role == "annex-title"):
        blocks.append(para(lines[i], "annex-title"))
    else:
        blocks.append(para(lines[i], "annex-text"))
    return i + 1


# ---------------------------------------------------------------- the flattened seed (003)
# Seed 003 is a pdftotext dump: one printed line per seed line, and its annex
# table flattened to one cell fragment per line.  The native rendering rejoins
# the printed lines into paragraphs and rebuilds the annex table from the
# patterns of its columns; `check_words` then confirms no word was lost.

_CHU_TRI = ("Phòng Văn hóa – Xã hội", "Phòng Văn hóa - Xã hội", "Phòng Kinh tế",
            "Trung tâm Phục vụ hành", "Trung tâm văn hóa, thể", "- Trung tâm văn hóa, thể",
            "VP HĐND-UBND xã")
_THOI_GIAN = re.compile(r"(Nhiệm vụ thường|Hàng tháng|Tháng \d{1,2}/\d{4}|\d{1,2}/\d{1,2}/\d{4})$")
H003 = ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
        "Kết quả dự kiến", "Thời gian hoàn thành"]


def join_words(a: str, b: str) -> str:
    a, b = a.rstrip(), b.strip()
    if not a:
        return b
    if a.endswith("-") and not a.endswith(" -"):
        return a + b
    return a + " " + b


def flattened_document(text: str) -> list:
    lines = [l.strip() for l in text.replace("\r\n", "\n").split("\n")]
    lines = [l for l in lines if l]
    blocks: list = []
    i = 0
    assert lines[0] == "KẾ HOẠCH", lines[0]
    blocks.append(para(lines[0], "doctype"))
    i = 1
    title = ""
    while not lines[i].startswith("Căn cứ"):
        title = join_words(title, lines[i])
        i += 1
    blocks.append(para(title, "title"))
    # body paragraphs up to 'Nơi nhận:'
    cur: Para | None = None
    while not lines[i].startswith("Nơi nhận"):
        l = lines[i]
        i += 1
        if re.fullmatch(r"\d+", l):
            continue                           # a page number
        starts_new = (cur is None or is_heading(l) or ends_sentence(cur.text)
                      or cur.role == "heading" or l.startswith("Căn cứ")
                      or re.match(r"\(\d+\)", l))
        if starts_new:
            cur = para(l, "heading", heading_level(l)) if is_heading(l) else para(l)
            blocks.append(cur)
        else:
            cur.runs = runs_of(join_words(cur.text, l))
    # footer
    j = footer(lines, i, blocks)
    i = j
    # annex title
    blocks.append(PageBreak())
    assert lines[i] == "PHỤ LỤC", lines[i]
    blocks.append(para(lines[i], "annex-title"))
    i += 1
    title = ""
    while not lines[i].startswith("(Ban hành"):
        title = join_words(title, lines[i])
        i += 1
    blocks.append(para(title, "annex-title"))
    blocks.append(para(lines[i], "kem"))
    i += 1
    header_text = " ".join(lines[i:i + 3])
    assert " ".join(header_text.split()) == " ".join(H003), header_text
    i += 3
    blocks.append(rebuild_003_table(lines[i:]))
    return blocks


def rebuild_003_table(lines: list[str]) -> Table:
    rows: list[list[list[str]]] = [[[h] for h in H003]]
    groups: set[int] = set()
    k = 0
    last_tt = 0

    def tt_line(s: str) -> tuple[int, str] | None:
        m = re.match(r"^(\d{1,2})(?:\s+(.*))?$", s)
        if not m:
            return None
        v = int(m.group(1))
        return (v, m.group(2) or "") if v in (last_tt + 1, last_tt + 2, 1) else None

    while k < len(lines):
        s = lines[k]
        g = re.match(r"^([IVX]+)(?:\s+(.*))?$", s)
        if g and not tt_line(s):
            text = g.group(2) or ""
            k += 1
            while k < len(lines) and not tt_line(lines[k]):
                text = join_words(text, lines[k])
                k += 1
            rows.append([[g.group(1)], [text], [], [], [], []])
            groups.add(len(rows) - 1)
            last_tt = 0
            continue
        t = tt_line(s)
        if not t:
            raise SystemExit(f"003 annex: unexpected line {s!r}")
        last_tt, first = t
        if first:
            lines[k] = first                    # the task text began on the TT line
        else:
            k += 1
        body: list[str] = []
        while k < len(lines):                   # the task text, up to 'Cơ quan chủ trì'
            l = lines[k]
            if l.startswith(_CHU_TRI):
                break
            hit = next((c for c in _CHU_TRI if l.endswith(c)), None)
            if hit:
                body.append(l[: -len(hit)].strip())
                lines[k] = hit
                break
            body.append(l)
            k += 1
        chu_tri: list[str] = []
        while k < len(lines) and not lines[k].startswith(("- Các Phòng", "Các Phòng")):
            chu_tri.append(lines[k])
            k += 1
        phoi_hop: list[str] = []
        while k < len(lines):
            l = lines[k]
            if phoi_hop and phoi_hop[-1].startswith("- Các cơ quan, đơn vị") and not l.startswith("- "):
                break
            if l.startswith("- ") or not phoi_hop:
                phoi_hop.append(l)
            else:
                phoi_hop[-1] = join_words(phoi_hop[-1], l)
            k += 1
            if l.startswith("- Trung tâm văn hóa, thể") and len(phoi_hop) > 1:
                phoi_hop[-1] = join_words(phoi_hop[-1], lines[k])
                k += 1
                break
        ket_qua, thoi_gian = "", ""
        while k < len(lines) and not tt_line(lines[k]) and not re.match(r"^[IVX]+(\s|$)", lines[k]):
            l = lines[k]
            k += 1
            if re.fullmatch(r"\d+", l):
                continue                        # a page number
            m = _THOI_GIAN.search(l)
            if m and not thoi_gian:
                ket_qua = join_words(ket_qua, l[: m.start()])
                thoi_gian = m.group(1)
                if thoi_gian == "Nhiệm vụ thường" and k < len(lines) and lines[k] == "xuyên":
                    thoi_gian += " xuyên"
                    k += 1
            elif thoi_gian:
                raise SystemExit(f"003 annex: text after the deadline: {l!r}")
            else:
                ket_qua = join_words(ket_qua, l)
        task = ""
        for b in body:
            task = join_words(task, b)
        rows.append([[str(last_tt)], [task] if task else [],
                     [" ".join(chu_tri)] if chu_tri else [],
                     phoi_hop, [ket_qua] if ket_qua else [], [thoi_gian] if thoi_gian else []])
    return Table(rows, groups, False)


# ---------------------------------------------------------------- self-check

def words_of_blocks(blocks: list) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Para):
            out += b.text.split()
        elif isinstance(b, Grid2):
            for l, r in b.rows:
                for p in l + r:
                    out += p.text.split()
        elif isinstance(b, Table):
            for row in b.rows:
                for cell in row:
                    for p in cell:
                        out += plain(p).split()
    return out


def check_words(stem: str, text: str, blocks: list) -> str:
    """Compare the document's words with the seed's (make_ocr_corpus.reference_text)."""
    ref = Counter(w.strip("-") for w in ocr.reference_text(text).split())
    got = Counter(w.strip("-") for w in words_of_blocks(blocks))
    ref.pop("", None)
    got.pop("", None)
    missing, extra = ref - got, got - ref
    return (f"{stem}: {sum(got.values())} words; not in the rendering: "
            f"{dict(missing.most_common(12))}; added: {dict(extra.most_common(12))}")


# ---------------------------------------------------------------- rendering A: python-docx

def col_widths_a(t: Table, total_cm: float) -> list[float]:
    """Rendering A's column widths (cm): each column at least as wide as its
    longest word, the rest shared by the columns' average text length."""
    n = t.ncols
    minw, weight = [], []
    for c in range(n):
        cells = [" ".join(plain(p) for p in r[c]) for k, r in enumerate(t.rows)
                 if k not in t.group_rows or c == 0]
        longest = max((len(w) for x in cells for w in x.split()), default=1)
        minw.append(0.6 + 0.19 * longest)
        body = [len(x) for x in cells[1:] if x]
        weight.append(max(1.0, sum(body) / len(body) if body else 1.0))
    if n > 2:
        weight[0] = 0.0                 # TT: just wide enough for its numbers
    spare = max(0.0, total_cm - sum(minw))
    return [m + spare * w / sum(weight) for m, w in zip(minw, weight)]


def build_docx(blocks: list, path: Path, stem: str) -> None:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    FONT = "Liberation Serif"
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(sec, side, Cm(2.54))
    text_width = 21.0 - 2 * 2.54

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.space_before = Pt(0)

    cp = doc.core_properties
    cp.author = cp.last_modified_by = "vanban tools/make_native_fixtures.py"
    cp.title = stem
    cp.created = cp.modified = cp.last_printed = FIXED_DATE.replace(tzinfo=None)
    cp.revision = 1
    cp.comments = ""

    def add_runs(p, runs: list[Run], bold=False, italic=False, size=None):
        for text, b, i in runs:
            r = p.add_run(text)
            r.bold = b or bold or None
            r.italic = i or italic or None
            if size:
                r.font.size = Pt(size)

    def fill(p, pa: Para):
        pf = p.paragraph_format
        role = pa.role
        center = role in ("doctype", "title", "issuer", "motto", "number", "date",
                          "sig-auth", "signer", "annex-title", "kem")
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif role in ("body", "heading"):
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            pf.first_line_indent = Cm(1.0)
        bold = role in ("doctype", "title", "heading", "issuer", "motto", "sig-auth",
                        "signer", "annex-title", "recipients-head")
        italic = role in ("date", "kem", "recipients-head") or (role == "heading" and pa.level >= 3)
        size = {"doctype": 14, "recipient": 11, "recipients-head": 12, "issuer": 12.5,
                "motto": 12.5, "kem": 12}.get(role)
        if role in ("recipient", "recipients-head", "number", "date", "issuer", "motto"):
            pf.space_after = Pt(0)
        add_runs(p, pa.runs, bold, italic, size)

    def set_width(cell, cm: float):
        cell.width = Cm(cm)

    def set_grid(table, widths: list[float]):
        grid = table._tbl.tblGrid
        for gc, w in zip(grid.findall(qn("w:gridCol")), widths):
            gc.set(qn("w:w"), str(int(w * 567)))
        for row in table.rows:
            for c, w in zip(row.cells, widths):
                set_width(c, w)
        table.autofit = False

    def cell_paras(cell, paras: list[Para]):
        first = True
        for pa in paras:
            p = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            fill(p, pa)

    for b in blocks:
        if isinstance(b, PageBreak):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(b, Para):
            fill(doc.add_paragraph(), b)
        elif isinstance(b, Grid2):
            widths = [6.3, text_width - 6.3] if b.role == "head" else [8.4, text_width - 8.4]
            t = doc.add_table(rows=len(b.rows), cols=2)      # no style: borderless
            t.alignment = WD_TABLE_ALIGNMENT.CENTER
            set_grid(t, widths)
            for r, (left, right) in enumerate(b.rows):
                cell_paras(t.cell(r, 0), left)
                if b.role == "footer":
                    # room for the signature between the title and the name
                    right = right[:-1] + [Para([("", False, False)], "signer")] * 3 + right[-1:]
                cell_paras(t.cell(r, 1), right)
            doc.add_paragraph()
        elif isinstance(b, Table):
            add_data_table(doc, b, text_width, fill, set_grid, qn, OxmlElement, Pt,
                           WD_ALIGN_PARAGRAPH)
            doc.add_paragraph()
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(normalise_zip(buf.getvalue()))


def vmerge_column(t: Table) -> int | None:
    header = [" ".join(plain(p) for p in c).lower() for c in t.rows[0]]
    for key in ("chủ trì", "theo dõi"):
        for c, h in enumerate(header):
            if key in h and c > 0:
                return c
    return None


def add_data_table(doc, t: Table, text_width, fill, set_grid, qn, OxmlElement, Pt, ALIGN):
    n = t.ncols
    widths = col_widths_a(t, text_width)
    table = doc.add_table(rows=len(t.rows), cols=n)
    table.style = "Table Grid"
    set_grid(table, widths)

    # header row: bold, centred, repeated on every page (w:tblHeader)
    trpr = table.rows[0]._tr.get_or_add_trPr()
    hdr = OxmlElement("w:tblHeader")
    trpr.append(hdr)

    def put(cell, paras_text: list[str], bold=False, center=False):
        paras = paras_text or [""]
        for k, text in enumerate(paras):
            p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
            p.paragraph_format.space_after = Pt(0)
            if center:
                p.alignment = ALIGN.CENTER
            for rt, b, i in runs_of(text):
                r = p.add_run(rt)
                r.bold = b or bold or None
                r.italic = i or None
                r.font.size = Pt(11.5)

    vcol = vmerge_column(t)
    for r, row in enumerate(t.rows):
        cells = table.rows[r].cells
        if r in t.group_rows:
            put(cells[0], row[0], bold=True, center=True)
            merged = cells[1].merge(cells[n - 1])          # -> w:gridSpan
            put(merged, row[1], bold=True)
            continue
        for c in range(n):
            short = len(" ".join(plain(p) for p in row[c])) <= 12
            if r > 0 and vcol == c and skip_vmerged(t, r, c):
                continue
            put(cells[c], row[c], bold=(r == 0), center=(r == 0 or c == 0 or short))
    # vertical merges: runs of equal adjacent cells in the 'chủ trì' column
    if vcol is not None:
        for start, end in vmerge_runs(t, vcol):
            table.cell(start, vcol).merge(table.cell(end, vcol))  # -> w:vMerge


def vmerge_runs(t: Table, c: int) -> list[tuple[int, int]]:
    runs, r = [], 1
    while r < len(t.rows):
        e = r
        key = t.rows[r][c]
        while (key and e + 1 < len(t.rows) and e + 1 not in t.group_rows
               and r not in t.group_rows and t.rows[e + 1][c] == key):
            e += 1
        if e > r:
            runs.append((r, e))
        r = e + 1
    return runs


def skip_vmerged(t: Table, r: int, c: int) -> bool:
    return any(s < r <= e for s, e in vmerge_runs(t, c))


# ---------------------------------------------------------------- rendering B: HTML for Chromium

CSS_B = """
@page { size: A4; margin: 1.6cm 1.4cm 1.7cm 2.2cm; }
@page annex { size: A4 landscape; margin: 1.5cm 1.5cm 1.5cm 1.5cm; }
body { font-family: 'DejaVu Sans'; font-size: 10.5pt; line-height: 1.45; }
p { margin: 0 0 5pt 0; text-align: left; }
p.body { text-indent: 0; }
p.heading { font-weight: bold; margin-top: 8pt; padding-top: 2pt; }
p.heading.l3 { font-style: italic; }
p.doctype { text-align: center; font-weight: bold; font-size: 13pt; margin-top: 14pt; }
p.title, p.annex-title { text-align: center; font-weight: bold; }
p.kem { text-align: center; font-style: italic; }
.annex { page: annex; break-before: page; page-break-before: always; padding-top: 6pt; }
table { border-collapse: collapse; }
table.head, table.footer { width: 100%; margin-bottom: 10pt; }
table.head td, table.footer td { border: none; vertical-align: top; padding: 0 4pt; }
table.head p { text-align: center; margin: 0; }
table.head p.issuer, table.head p.motto { font-weight: bold; font-size: 10pt; }
table.head p.date { font-style: italic; }
table.footer p { margin: 0; font-size: 9.5pt; }
table.footer p.recipients-head { font-weight: bold; font-style: italic; font-size: 10pt; }
table.footer p.sig-auth, table.footer p.signer { text-align: center; font-weight: bold; font-size: 10.5pt; }
table.footer p.signer { margin-top: 60pt; }
table.grid { width: 100%; table-layout: fixed; margin: 4pt 0 10pt 0; border: 0.8pt solid #000; }
table.grid td, table.grid th { border: 0.8pt solid #000; padding: 2pt 3pt; vertical-align: top;
  font-size: 9.5pt; text-align: left; overflow-wrap: break-word; }
table.grid th { font-weight: bold; text-align: center; vertical-align: middle; }
table.grid td.c { text-align: center; }
table.grid tr.group td { font-weight: bold; }
"""


def runs_html(runs: list[Run]) -> str:
    out = []
    for t, b, i in runs:
        s = html.escape(t, quote=False)
        if i:
            s = f"<i>{s}</i>"
        if b:
            s = f"<b>{s}</b>"
        out.append(s)
    return "".join(out)


B_BOLD = {"doctype", "title", "heading", "issuer", "motto", "sig-auth", "signer",
          "annex-title", "recipients-head"}
B_ITALIC = {"date", "kem", "recipients-head"}
B_CENTER = {"doctype", "title", "issuer", "motto", "number", "date", "sig-auth", "signer",
            "annex-title", "kem"}


def p_html(pa: Para, style: str = "") -> str:
    """Styled by class for Chromium, and by <b>/<i>/align as well, which is what
    LibreOffice's HTML import (the DOCX of rendering B) understands."""
    cls = pa.role + (f" l{pa.level}" if pa.role == "heading" else "")
    body = runs_html(pa.runs)
    if pa.role in B_ITALIC or (pa.role == "heading" and pa.level >= 3):
        body = f"<i>{body}</i>"
    if pa.role in B_BOLD:
        body = f"<b>{body}</b>"
    align = ' align="center"' if pa.role in B_CENTER else ""
    style = f' style="{style}"' if style else ""
    return f'<p class="{cls}"{align}{style}>{body}</p>'


def widths_b(t: Table) -> list[float]:
    """Percent widths: TT narrow, the first text column wide, the rest equal —
    unlike rendering A, so that header cells wrap at other places."""
    n = t.ncols
    if n == 2:
        return [28.0, 72.0]
    first = 38.0 if n >= 6 else 45.0
    tt = 5.0
    rest = (100.0 - tt - first) / (n - 2)
    return [tt, first] + [rest] * (n - 2)


def thead_repeated(t: Table) -> bool:
    """Rendering B repeats the header row (thead) on even-numbered tables only."""
    return t.index % 2 == 0


def table_html(t: Table) -> str:
    n = t.ncols
    out = ['<table class="grid" border="1" cellspacing="0" cellpadding="3" width="100%">',
           "<colgroup>"]
    out += [f'<col style="width:{w:.1f}%">' for w in widths_b(t)]
    out.append("</colgroup>")
    head = "".join(f"<th>{'<br>'.join(runs_html(runs_of(p)) for p in c)}</th>" for c in t.rows[0])
    if thead_repeated(t):
        out += [f"<thead><tr>{head}</tr></thead>", "<tbody>"]
    else:
        out += ["<tbody>", f"<tr>{head}</tr>"]
    for r, row in enumerate(t.rows[1:], 1):
        if r in t.group_rows:
            out.append(f'<tr class="group"><td class="c">{runs_html(runs_of(row[0][0]))}</td>'
                       f'<td colspan="{n - 1}">{runs_html(runs_of(row[1][0]))}</td></tr>')
            continue
        tds = []
        for c, cell in enumerate(row):
            text = "<br>".join(runs_html(runs_of(p)) for p in cell)
            cls = ' class="c"' if c == 0 or len(" ".join(plain(p) for p in cell)) <= 8 else ""
            tds.append(f"<td{cls}>{text}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def build_html(blocks: list, stem: str) -> str:
    out = ["<!DOCTYPE html>", '<html lang="vi">', "<head>", '<meta charset="utf-8">',
           f"<title>{html.escape(stem)}</title>", f"<style>{CSS_B}</style>", "</head>", "<body>"]
    in_annex = False
    brk = ""            # LibreOffice's import wants the page break on the element itself
    for b in blocks:
        if isinstance(b, PageBreak):
            if in_annex:
                out.append("</div>")
            out.append('<div class="annex">')
            in_annex = True
            brk = "page-break-before: always"
            continue
        if isinstance(b, Para):
            out.append(p_html(b, brk))
        elif isinstance(b, Grid2):
            w = ("42%", "58%") if b.role == "head" else ("55%", "45%")
            st = f' style="{brk}"' if brk else ""
            out.append(f'<table class="{b.role}" width="100%"{st}><colgroup>'
                       f'<col style="width:{w[0]}"><col style="width:{w[1]}"></colgroup>')
            for left, right in b.rows:
                out.append(f'<tr><td width="{w[0]}" valign="top">'
                           + "".join(p_html(p) for p in left)
                           + f'</td><td width="{w[1]}" valign="top">'
                           + "".join(p_html(p) for p in right) + "</td></tr>")
            out.append("</table>")
        elif isinstance(b, Table):
            out.append(table_html(b))
        brk = ""
    if in_annex:
        out.append("</div>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


# ---------------------------------------------------------------- normalising outputs

def normalise_zip(data: bytes) -> bytes:
    """Same entries, fixed entry times, fixed core.xml dates: a DOCX whose bytes
    do not depend on the clock."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    stamp = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)",
                              lambda m: m.group(1) + stamp.encode() + m.group(2), blob)
                blob = re.sub(rb"(<cp:lastPrinted>)[^<]*(<)",
                              lambda m: m.group(1) + stamp.encode() + m.group(2), blob)
            zi = zipfile.ZipInfo(info.filename, ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, blob)
    return buf.getvalue()


def normalise_pdf(data: bytes) -> bytes:
    """Overwrite the dates and the /ID of a PDF in place (same byte lengths, so
    the cross-reference offsets stay valid)."""
    def date(m: re.Match[bytes]) -> bytes:
        d = m.group(2)
        fixed = (PDF_DATE + b"0" * 14)[: len(re.match(rb"\d*", d).group(0))]
        return m.group(1) + fixed + d[len(fixed):]
    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\(D:)([^)]*)", date, data)

    def ident(m: re.Match[bytes]) -> bytes:
        return re.sub(rb"<([0-9A-Fa-f]+)>", lambda h: b"<" + b"0" * len(h.group(1)) + b">", m.group(0))
    data = re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*\]", ident, data)
    # LibreOffice's /DocChecksum hashes the document as first written (with its clock)
    data = re.sub(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)", lambda m: m.group(1) + b"0" * len(m.group(2)), data)
    # XMP packets (if any) carry ISO dates
    data = re.sub(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)",
                  lambda m: m.group(1) + b"2026-01-01T00:00:00", data)
    return data


# ---------------------------------------------------------------- running

def run(cmd: list[str], **fmt: str) -> None:
    argv = [a.format(**fmt) for a in cmd]
    env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", SOURCE_DATE_EPOCH="1767225600")
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                       timeout=600)
    if r.returncode != 0:
        sys.stderr.write(r.stdout.decode(errors="replace") + r.stderr.decode(errors="replace"))
        raise SystemExit(f"command failed ({r.returncode}): {' '.join(argv)}")


def read_pgm(path: Path) -> tuple[int, int, bytes]:
    """A binary 8-bit PGM (P5), as pdftoppm -gray writes it."""
    data = path.read_bytes()
    fields: list[bytes] = []
    i = 0
    while len(fields) < 4:
        while data[i:i + 1].isspace():
            i += 1
        if data[i:i + 1] == b"#":
            i = data.index(b"\n", i)
            continue
        j = i
        while not data[j:j + 1].isspace():
            j += 1
        fields.append(data[i:j])
        i = j
    if fields[0] != b"P5" or fields[3] != b"255":
        raise SystemExit(f"{path}: not an 8-bit binary PGM")
    w, h = int(fields[1]), int(fields[2])
    return w, h, data[i + 1: i + 1 + w * h]


def grey_png(w: int, h: int, pix: bytes, dpi: int = SCAN_DPI) -> bytes:
    """The page quantised to SCAN_LEVELS grey levels (anti-aliased edges stay
    grey) as a 2-bit greyscale PNG, written with zlib only: deterministic, and
    about a quarter of the size of a grey JPEG of the same page."""
    step = 255 // (SCAN_LEVELS - 1)
    lut = bytes(min(SCAN_LEVELS - 1, (v + step // 2) // step) for v in range(256))
    q = pix.translate(lut)
    pad = bytes((-w) % 4)
    raw = bytearray()
    for y in range(h):
        row = q[y * w:(y + 1) * w] + pad
        raw.append(0)                               # PNG filter type 0 (None)
        raw += bytes((row[k] << 6) | (row[k + 1] << 4) | (row[k + 2] << 2) | row[k + 3]
                     for k in range(0, len(row), 4))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    ppm = round(dpi / 0.0254)
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 2, 0, 0, 0, 0))
            + chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
            + chunk(b"IEND", b""))


def scan(pdf: Path, out: Path, work: Path) -> int:
    """Image-only PDF: every page rasterised at SCAN_DPI in grey, no text layer."""
    pages_dir = work / (pdf.stem + "-pages")
    if pages_dir.exists():
        shutil.rmtree(pages_dir)
    pages_dir.mkdir(parents=True)
    run(PDFTOPPM_SCAN, pdf=str(pdf), prefix=str(pages_dir / "p"))
    pgms = sorted(pages_dir.glob("p-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    if not pgms:
        raise SystemExit(f"no pages rasterised from {pdf}")
    pngs = []
    for pgm in pgms:
        png = pgm.with_suffix(".png")
        png.write_bytes(grey_png(*read_pgm(pgm)))
        pgm.unlink()
        pngs.append(png)
    raw = work / (pdf.stem + ".img2pdf.pdf")
    run(IMG2PDF + [str(p) for p in pngs], out=str(raw))
    out.write_bytes(normalise_pdf(raw.read_bytes()))
    return len(pngs)


def process(seed: Path, work_root: Path) -> None:
    stem = seed.stem
    work = work_root / stem
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    text = seed.read_text(encoding="utf-8-sig")
    blocks = seed_document(stem, text)
    print(check_words(stem, text, blocks), flush=True)

    # ---- A: python-docx -> LibreOffice PDF -> scan
    dest = OUT / "docx-lo"
    dest.mkdir(parents=True, exist_ok=True)
    docx_a = dest / f"{stem}.docx"
    build_docx(blocks, docx_a, stem)
    (work / "a").mkdir()
    shutil.copy(docx_a, work / "a" / f"{stem}.docx")
    run(LO_DOCX_TO_PDF, profile=str(work / "lo-profile"), outdir=str(work / "a"),
        src=str(work / "a" / f"{stem}.docx"))
    pdf_a = dest / f"{stem}.pdf"
    pdf_a.write_bytes(normalise_pdf((work / "a" / f"{stem}.pdf").read_bytes()))
    scan(pdf_a, dest / f"{stem}.scan.pdf", work / "a")

    # ---- B: HTML -> Chromium PDF -> scan; HTML -> LibreOffice DOCX
    dest = OUT / "html-chromium"
    dest.mkdir(parents=True, exist_ok=True)
    (work / "b").mkdir()
    src = work / "b" / f"{stem}.html"
    src.write_text(build_html(blocks, stem), encoding="utf-8")
    raw_pdf = work / "b" / f"{stem}.chromium.pdf"
    run(CHROMIUM_TO_PDF, profile=str(work / "chromium-profile"), pdf=str(raw_pdf), src=str(src))
    pdf_b = dest / f"{stem}.pdf"
    pdf_b.write_bytes(normalise_pdf(raw_pdf.read_bytes()))
    scan(pdf_b, dest / f"{stem}.scan.pdf", work / "b")
    run(LO_HTML_TO_DOCX, profile=str(work / "lo-profile"), outdir=str(work / "b"), src=str(src))
    (dest / f"{stem}.docx").write_bytes(normalise_zip((work / "b" / f"{stem}.docx").read_bytes()))


# ---------------------------------------------------------------- README

def tool_versions() -> dict[str, str]:
    def first(cmd: list[str]) -> str:
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            return "(not found)"
        lines = (r.stdout + r.stderr).strip().splitlines()
        lines = [l for l in lines if l.strip() and "unexpected operator" not in l]
        return lines[0].strip() if lines else "(no output)"
    import docx
    try:
        from importlib.metadata import version
        pd = version("python-docx")
    except Exception:  # pragma: no cover
        pd = getattr(docx, "__version__", "?")
    return {
        "python": sys.version.split()[0],
        "python-docx": pd,
        "LibreOffice": first(["soffice", "--version"]),
        "Chromium": first(["chromium", "--version"]),
        "pdftoppm (poppler)": first(["pdftoppm", "-v"]),
        "img2pdf": first(["img2pdf", "--version"]),
    }


def pdf_pages(pdf: Path) -> str:
    r = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True)
    m = re.search(r"^Pages:\s+(\d+)", r.stdout, re.M)
    return m.group(1) if m else "?"


def write_readme() -> None:
    v = tool_versions()
    rows = []
    total = 0
    for rendering in RENDERINGS:
        for f in sorted((OUT / rendering).glob("*")):
            size = f.stat().st_size
            total += size
            pages = pdf_pages(f) if f.suffix == ".pdf" else ""
            sha = hashlib.sha256(f.read_bytes()).hexdigest()[:16]
            rows.append(f"| {rendering}/{f.name} | {size:,} | {pages} | `{sha}` |")

    def q(cmd: list[str]) -> str:
        return " ".join(f'"{a}"' if " " in a else a for a in cmd)

    scan_pages = sum(int(pdf_pages(f)) for r in RENDERINGS for f in (OUT / r).glob("*.scan.pdf"))
    text = README_TEMPLATE.format(
        levels=SCAN_LEVELS, pages=scan_pages,
        versions="\n".join(f"| {k} | {val} |" for k, val in v.items()),
        a_pdf=q(LO_DOCX_TO_PDF), b_pdf=q(CHROMIUM_TO_PDF), b_docx=q(LO_HTML_TO_DOCX),
        scan1=q(PDFTOPPM_SCAN), scan2=q(IMG2PDF) + " p-1.png p-2.png …",
        files="\n".join(rows), total=f"{total:,}", mb=f"{total / 1e6:.1f}")
    (OUT / "README.md").write_text(text, encoding="utf-8")


README_TEMPLATE = """\
# Corpus/native — the seed plans as native documents (generated)

**Every file in this directory, this README included, is written by
`tools/make_native_fixtures.py`. Never edit them by hand; regenerate instead.**

The five seed plans of `Corpus/seeds/` as a user would hand them to vanban when
they are not plain text: a Word file, the PDF printed from it, and a scan of
that print — each made by two different producers, because a layout reader tuned
on one renderer fails on another.

| rendering | DOCX | born-digital PDF | `*.scan.pdf` (image only) |
|---|---|---|---|
| `docx-lo` (A) | python-docx, real Word tables | that DOCX → LibreOffice | that PDF → 200 dpi grey pages → img2pdf |
| `html-chromium` (B) | the HTML → LibreOffice's HTML import → DOCX | the HTML → headless Chromium | that PDF → 200 dpi grey pages → img2pdf |

## Regenerate

```sh
apt-get install -y libreoffice-writer-nogui chromium poppler-utils img2pdf \\
                   fonts-liberation2 fonts-dejavu
python3 -m pip install python-docx
python3 tools/make_native_fixtures.py              # all seeds (about a minute)
python3 tools/make_native_fixtures.py --only STEM  # some seeds; README is rewritten too
python3 -m pytest -q tools/test_native_fixtures.py # checks the committed files
```

Intermediate files (the HTML of rendering B, LibreOffice's and Chromium's raw
PDFs, the page images, throw-away LibreOffice/Chromium profiles) stay in
`--work` (default `/tmp/vanban-native-work/<stem>/`) and are not committed.

## Commands (verbatim from the script)

- A, DOCX → PDF: `{a_pdf}`
- B, HTML → PDF: `{b_pdf}`
- B, HTML → DOCX: `{b_docx}`
- scans: `{scan1}`, then each grey page is quantised to {levels} grey levels and
  written as a 2-bit greyscale PNG (Python's zlib, filter 0, pHYs = 200 dpi), then
  `{scan2}`

Tools are run with `LC_ALL=C.UTF-8 TZ=UTC SOURCE_DATE_EPOCH=1767225600`.

## Tool versions of the committed files

| tool | version |
|---|---|
{versions}

## What the two renderings share

The same reading of the seed (`make_native_fixtures.seed_document`, built on
`make_ocr_corpus`'s rules for markup and lost line breaks):

- head: `Số: …` on the left, the place and date on the right, in a borderless
  two-column table (issuer and motto where the seed has them: in seed 001 they
  head the annex page, so that is where they are); seed 003 has no head.
- `KẾ HOẠCH` and the title centred and bold; headings (`I.`, `1.`, `2.1.` …) bold;
  seed lines are paragraphs, and a paragraph the seed's page break cut in two
  (the second part starts in lower case) is one paragraph again.
- footer: `Nơi nhận:` and its list on the left, the signature block (authority,
  title, room to sign, name) on the right, in a borderless two-column table.
- each annex starts a new page; each tab table of the seed is a bordered table
  whose first row is the header. Rows the seed continued over a page break (first
  cell empty) are merged back into the row they continue — a fragment the seed's
  renderer repeated (001: `Xã hội` after `Phòng Văn hóa - Xã hội`) only once;
  a header row the seed repeated after a page break (000, Phụ lục II) is not
  repeated as text. Group rows (`I`/`II`/… or `A`…`E` with only a title) span
  the row: `w:gridSpan` in A, `colspan` in B.
- seed 003 is a pdftotext dump: its printed lines are joined back into
  paragraphs (page numbers dropped) and its flattened annex table is rebuilt
  into the six columns from the patterns of its cells (`rebuild_003_table`).
- `*.scan.pdf` pages are the born-digital PDF of the same rendering, rasterised:
  same page breaks, no text layer, no fonts.

The script compares the words of each document with the seed's
(`make_ocr_corpus.reference_text`) and prints what differs; the only
differences are the ones listed above (repeated header and repeated fragment
dropped, `57-`+`NQ/TW` joined and page number `7` dropped in 003).

## What differs between the renderings

| | A `docx-lo` | B `html-chromium` |
|---|---|---|
| font | Liberation Serif 13 pt (tables 11.5 pt, recipients 11 pt) | DejaVu Sans 10.5 pt (tables 9.5 pt) |
| page | A4 portrait throughout, margins 2.54 cm | A4 portrait, margins 1.6 / 1.4 / 1.7 / 2.2 cm (top/right/bottom/left); annexes A4 **landscape**, margins 1.5 cm |
| body | justified, first-line indent 1 cm | left-aligned, no indent |
| head / footer columns | 6.3 cm + 9.6 cm / 8.4 cm + 7.5 cm | 42 % + 58 % / 55 % + 45 % |
| data-table columns | each at least its longest word, the rest by average cell length (wide text columns) | TT 5 %, first text column 38–45 %, all others equal (narrow: header cells wrap at other places) |
| header row on later pages | repeated in every table (`w:tblHeader`) | repeated (`<thead>`) only in the 1st, 3rd, … table of a document; the others print it once |
| merged cells | `w:gridSpan` for group rows; `w:vMerge` for runs of equal cells in the `chủ trì`/`theo dõi` column | `colspan` for group rows; no row spans (equal cells repeated) |
| DOCX producer | python-docx | LibreOffice's HTML import: borders from `border=1`, bold, italic and centring from `<b>`, `<i>`, `align`, page breaks from inline `page-break-before`, `w:gridSpan` from colspan, `w:tblHeader` from thead; body font DejaVu Sans 10.5 pt from the CSS, but one page style (the annexes stay portrait) and its own paragraph spacing |

So pages break at different places (compare the pages column below), and
tables continue over pages with or without their header.

Chromium quirk met on the way: where the first line of a page has a glyph that
reaches above its line box (a capital with a stacked accent, e.g. `Ả` in
`GIẢI`), Chromium also paints that glyph at the foot of the previous page, and
pdftotext then reads a stray letter there. Rendering B's CSS leaves enough room
above lines for this not to happen (line-height 1.45, 2 pt padding above
headings, 6 pt above each annex); no word of a B PDF lies in its bottom margin.

## Determinism

Regenerating with the same tool versions and fonts gives byte-identical files
(checked by running the script twice). For that the script fixes what the tools
would take from the clock: DOCX core properties and zip entry times
(2026-01-01T00:00:00Z), PDF `/CreationDate` and `/ModDate` (overwritten in place,
same length), the PDF `/ID` and LibreOffice's `/DocChecksum` (zeroed), img2pdf's
dates. Not deterministic across machines: other versions of LibreOffice,
Chromium, poppler or the fonts (`fc-match` must find Liberation Serif and
DejaVu Sans) change line and page breaks, font subsets and page images.

## Scans: why not JPEG

The issue suggested grey JPEG at quality about 70. Measured here, one dense
text page at 200 dpi is 380 KB as grey JPEG q70 (200 KB even at q20), which for
the {pages} pages would be about 40 MB. The page images are therefore grey PNG
with {levels} grey levels (anti-aliased edges stay grey), about 60–85 KB a page,
embedded by img2pdf as they are (FlateDecode, 2 bits per component, 200 dpi).

## Files

Sizes in bytes; `sha256` is the first 16 hex digits. Total {total} bytes ({mb} MB).

| file | bytes | pages | sha256 |
|---|---:|---:|---|
{files}
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", nargs="*", help="seed stems to (re)generate")
    ap.add_argument("--work", default="/tmp/vanban-native-work",
                    help="scratch directory (intermediate PDFs, page images, profiles)")
    ap.add_argument("--readme-only", action="store_true", help="only rewrite README.md")
    args = ap.parse_args()

    for tool in ("soffice", "chromium", "pdftoppm", "pdfinfo", "img2pdf"):
        if shutil.which(tool) is None:
            raise SystemExit(f"missing tool: {tool} (see the docstring for packages)")
    try:
        import docx  # noqa: F401
    except ImportError:
        raise SystemExit("missing python-docx: python3 -m pip install python-docx")

    if not args.readme_only:
        seeds = sorted(SEEDS.glob("*.txt"))
        if args.only:
            seeds = [s for s in seeds if s.stem in set(args.only)]
            if not seeds:
                raise SystemExit(f"no seed named {args.only}")
        work_root = Path(args.work)
        work_root.mkdir(parents=True, exist_ok=True)
        for s in seeds:
            process(s, work_root)
    write_readme()
    return 0


if __name__ == "__main__":
    sys.exit(main())
