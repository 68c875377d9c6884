#!/usr/bin/env python3
"""Write the DOCX fixtures of Tests/VanBanInputsTests/Fixtures/.

plan.docx is a small Vietnamese plan made with python-docx, with the WordprocessingML that
python-docx has no API for (list numbering, tracked changes, a field, a text box, rendered page
breaks) written into it as raw XML. The others are broken on purpose, written byte by byte:
a zip that is no DOCX, a DOCX without its document part, a zip bomb, a cut-short DOCX, a
document part that is not well-formed, a deflate stream with no end, an Excel package,
an encrypted DOCX and a legacy .doc (OLE compound files with only a directory).

The files are generated: never edit them, rerun this script (pip install python-docx).
Usage: python3 tools/make_docx_test_fixtures.py
"""
import io
import pathlib
import re
import struct
import zipfile
import zlib

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests" / "VanBanInputsTests" / "Fixtures"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# A fixed date, so the files are the same bytes on every run.
DATE = (2025, 3, 10, 8, 0, 0)

# numbering.xml additions: ids far above python-docx's template's own.
NUMBERING = f"""
<w:numbering {nsdecls('w')}>
  <w:abstractNum w:abstractNumId="90">
    <w:multiLevelType w:val="multilevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="95">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="97">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/><w:isLgl/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="91"><w:abstractNumId w:val="90"/></w:num>
  <w:num w:numId="92"><w:abstractNumId w:val="90"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
  <w:num w:numId="96"><w:abstractNumId w:val="95"/></w:num>
  <w:num w:numId="98"><w:abstractNumId w:val="97"/></w:num>
</w:numbering>
"""


def numbered(doc, text, num_id, level=0):
    p = doc.add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def add_numbering(doc):
    numbering = doc.part.numbering_part.element
    extra = parse_xml(NUMBERING)
    first_num = numbering.find(qn("w:num"))
    for child in list(extra):
        if child.tag == qn("w:abstractNum") and first_num is not None:
            first_num.addprevious(child)
        else:
            numbering.append(child)


def raw_paragraph(doc, runs_xml):
    """A paragraph written as WordprocessingML: what python-docx has no API for."""
    p = parse_xml(
        f'<w:p {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'xmlns:v="urn:schemas-microsoft-com:vml">{runs_xml}</w:p>')
    append_block(doc, p)
    return p


def append_block(doc, element):
    """Adds a block at the end of the body, before its closing section properties, as
    python-docx's own add_paragraph does."""
    body = doc.element.body
    if body.sectPr is not None:
        body.sectPr.addprevious(element)
    else:
        body.append(element)


def cell_text(cell, lines, bold=False):
    cell.text = lines[0]
    for run in cell.paragraphs[0].runs:
        run.bold = bold
    for line in lines[1:]:
        run = cell.add_paragraph().add_run(line)
        run.bold = bold


def plan():
    doc = Document()
    heading = doc.styles.add_style("MucLon", WD_STYLE_TYPE.PARAGRAPH)
    heading.base_style = doc.styles["Normal"]
    heading.font.bold = True
    add_numbering(doc)

    # Head: a borderless two-column table (the template's default table style has no borders).
    head = doc.add_table(rows=2, cols=2)
    cell_text(head.cell(0, 0), ["ỦY BAN NHÂN DÂN", "XÃ HÒA BÌNH"], bold=True)
    cell_text(head.cell(0, 1), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], bold=True)
    cell_text(head.cell(1, 0), ["Số: 15/KH-UBND"])
    cell_text(head.cell(1, 1), ["Hòa Bình, ngày 10 tháng 3 năm 2025"])

    doc.add_paragraph().add_run("KẾ HOẠCH").bold = True
    doc.add_paragraph().add_run("Triển khai chuyển đổi số năm 2025").bold = True
    doc.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU", style="MucLon")
    numbered(doc, "Mục đích", 91, 0)
    numbered(doc, "Nâng cao chất lượng phục vụ người dân", 91, 1)
    numbered(doc, "Bảo đảm an toàn thông tin", 91, 1)
    numbered(doc, "Yêu cầu", 91, 0)
    numbered(doc, "Đúng tiến độ, hiệu quả", 91, 1)

    # A tracked insertion (kept) and deletion (dropped), a PAGE field (its result kept), a
    # symbol (skipped), a tab, a line break and hidden text (dropped).
    raw_paragraph(doc, (
        '<w:r><w:t xml:space="preserve">Văn bản </w:t></w:r>'
        '<w:ins w:id="1" w:author="A" w:date="2025-03-10T08:00:00Z"><w:r><w:t xml:space="preserve">đã sửa </w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="A" w:date="2025-03-10T08:00:00Z"><w:r><w:delText xml:space="preserve">cũ </w:delText></w:r></w:del>'
        '<w:r><w:t xml:space="preserve">trang </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>7</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:sym w:font="Wingdings" w:char="F0E0"/></w:r>'
        '<w:r><w:tab/><w:t>Cột 2</w:t><w:br/><w:t>Dòng 2</w:t></w:r>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> (ẩn)</w:t></w:r>'))
    p = doc.add_paragraph("Giao ")
    p.add_run("Văn phòng").bold = True
    p.add_run(" chủ trì.")
    # A block-level content control around a paragraph.
    append_block(doc, parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Khung"/></w:sdtPr><w:sdtContent>'
        '<w:p><w:r><w:t>Nội dung trong khung</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    # A text box, as Word writes it: a DrawingML choice and a VML fallback holding the same text.
    box = '<w:txbxContent><w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p></w:txbxContent>'
    raw_paragraph(doc, (
        '<w:r><w:t>Đoạn có hộp văn bản</w:t></w:r>'
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic>'
        '</wp:anchor></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r>'))
    doc.add_page_break()

    # Page 2. Word writes the rendered break again at the top of the page: one page, not two.
    raw_paragraph(doc, (
        '<w:r><w:rPr><w:b/></w:rPr><w:lastRenderedPageBreak/><w:t xml:space="preserve">II. </w:t></w:r>'
        '<w:r><w:rPr><w:b/><w:caps/></w:rPr><w:t>nội dung</w:t></w:r>'))

    tasks = doc.add_table(rows=5, cols=4)
    tasks.style = doc.styles["Table Grid"]
    for c, text in enumerate(["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"]):
        cell_text(tasks.cell(0, c), [text], bold=True)
    group = tasks.cell(1, 1).merge(tasks.cell(1, 3))
    cell_text(tasks.cell(1, 0), ["1"])
    cell_text(group, ["Chuyển đổi số trong cơ quan nhà nước"], bold=True)
    lead = tasks.cell(2, 2).merge(tasks.cell(4, 2))
    cell_text(lead, ["Văn phòng HĐND và UBND xã"])
    rows = [
        ("1.1", "Số hóa hồ sơ thủ tục hành chính", "Quý II/2025"),
        ("1.2", "Triển khai chữ ký số cho cán bộ", "Tháng 6/2025"),
        ("1.3", "Tuyên truyền trên mạng xã hội", "Thường xuyên"),
    ]
    for r, (number, task, deadline) in enumerate(rows, start=2):
        cell_text(tasks.cell(r, 0), [number])
        cell_text(tasks.cell(r, 1), [task])
        cell_text(tasks.cell(r, 3), [deadline])
    nested = tasks.cell(4, 1).add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "Zalo"
    nested.cell(0, 1).text = "Facebook"
    # The last row starts page 3 in Word's last layout.
    first_run = tasks.cell(4, 0).paragraphs[0].runs[0]._r
    first_run.insert(1 if first_run.rPr is not None else 0, parse_xml(f'<w:lastRenderedPageBreak {nsdecls("w")}/>'))

    doc.add_paragraph().add_run("III. TỔ CHỨC THỰC HIỆN").bold = True
    numbered(doc, "Văn phòng UBND xã", 92, 0)  # a list restarted at 1 on the same definition
    numbered(doc, "Công chức Văn hóa - Xã hội", 92, 0)
    numbered(doc, "Các ban, ngành, đoàn thể", 96, 0)
    numbered(doc, "Kinh phí", 98, 0)
    numbered(doc, "Chế độ báo cáo", 98, 0)
    numbered(doc, "Báo cáo quý", 98, 1)

    footer = doc.add_table(rows=1, cols=2)
    cell_text(footer.cell(0, 0), ["Nơi nhận:", "- UBND huyện;", "- Lưu: VT."])
    cell_text(footer.cell(0, 1), ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "Nguyễn Văn An"], bold=True)

    doc.core_properties.author = "vanban"
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalized(buffer.getvalue())


def normalized(docx):
    """The same package with fixed entry dates, so reruns give the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"<dcterms:(created|modified)([^>]*)>[^<]*<",
                              rb"<dcterms:\1\2>2025-03-10T08:00:00Z<", data)
            z.writestr(zipfile.ZipInfo(info.filename, DATE), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def package(parts, method=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, data in parts:
            z.writestr(zipfile.ZipInfo(name, DATE), data, method)
    return out.getvalue()


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{MAIN_TYPE}"/>'
    '</Types>').encode()
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    ' Target="word/document.xml"/></Relationships>').encode()


def malformed():
    # Line 5 closes <w:t> with </w:r>.
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W}">\n'
        '<w:body>\n'
        '<w:p><w:r><w:t>Đúng</w:t></w:r></w:p>\n'
        '<w:p><w:r><w:t>Sai</w:r></w:p>\n'
        '</w:body>\n'
        '</w:document>\n').encode()
    return package([("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("word/document.xml", document)])


def bomb():
    """200 MB of zeros as the document part: about 200 KB compressed."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(zipfile.ZipInfo("[Content_Types].xml", DATE), CONTENT_TYPES, zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("_rels/.rels", DATE), RELS, zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo("word/document.xml", DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w") as f:
            block = bytes(1 << 20)
            for _ in range(200):
                f.write(block)
    return out.getvalue()


def endless():
    """A document part whose deflate stream opens a 65,535-byte stored block and stops after
    ten: an inflater that asks for more input until the stream ends would never return."""
    parts = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS)]
    entries = []
    out = io.BytesIO()

    def local(name, method, data, crc, size):
        offset = out.tell()
        n = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x5A6A, crc, len(data), size, len(n), 0))
        out.write(n)
        out.write(data)
        entries.append((n, method, crc, len(data), size, offset))

    for name, data in parts:
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        deflated = c.compress(data) + c.flush()
        local(name, 8, deflated, zlib.crc32(data), len(data))
    local("word/document.xml", 8, bytes([0x00, 0xFF, 0xFF, 0x00, 0x00]) + b"<w:document", 0, 100)
    start = out.tell()
    for n, method, crc, csize, usize, offset in entries:
        out.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x5A6A, crc, csize, usize,
                              len(n), 0, 0, 0, 0, 0, offset))
        out.write(n)
    size = out.tell() - start
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), size, start, 0))
    return out.getvalue()


def workbook():
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '</Types>').encode()
    rels = RELS.replace(b"word/document.xml", b"xl/workbook.xml")
    workbook_xml = b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    return package([("[Content_Types].xml", types), ("_rels/.rels", rels), ("xl/workbook.xml", workbook_xml)])


def compound_file(streams):
    """An OLE compound file (v3, 512-byte sectors) with a directory naming `streams`, all
    empty: enough for a reader that asks which streams a file has."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<I", header, 76, 0)  # DIFAT[0]: the FAT is sector 0
    for k in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * k, free)
    fat = bytearray(struct.pack("<I", free) * 128)
    struct.pack_into("<II", fat, 0, fat_sector, end)  # sector 0 the FAT, sector 1 the directory
    directory = bytearray(512)

    def entry(index, name, kind, child=free, right=free):
        encoded = name.encode("utf-16-le") + b"\0\0"
        at = index * 128
        directory[at:at + len(encoded)] = encoded
        struct.pack_into("<HBB", directory, at + 64, len(encoded), kind, 1)
        struct.pack_into("<III", directory, at + 68, free, right, child)
        struct.pack_into("<II", directory, at + 116, end, 0)

    entry(0, "Root Entry", 5, child=1)
    for i, name in enumerate(streams, start=1):
        entry(i, name, 2, right=i + 1 if i < len(streams) else free)
    return bytes(header + fat + directory)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    docx = plan()
    files = {
        "plan.docx": docx,
        "truncated.docx": docx[: len(docx) // 2],
        "not-docx.zip": package([("ghi-chu.txt", "Không phải văn bản Word".encode())]),
        "no-document.docx": package([("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS)]),
        "bomb.docx": bomb(),
        "malformed.docx": malformed(),
        "endless.docx": endless(),
        "workbook.xlsx": workbook(),
        "encrypted.docx": compound_file(["EncryptionInfo", "EncryptedPackage"]),
        "legacy.doc": compound_file(["WordDocument", "1Table"]),
    }
    for name, data in files.items():
        assert len(data) < 1_000_000, name
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(data):,} bytes")


if __name__ == "__main__":
    main()
