#!/usr/bin/python3
"""Write the PDF and image fixtures of VanBanInputsTests to Tests/VanBanInputsTests/Fixtures/.

Swift cannot make a PDF or a scan at test time, so these are made here once and committed:

  text.pdf        two pages with a text layer: page 1 a plan's head in two columns (issuer
                  beside the national motto, number beside the date), title and body; page 2
                  a ruled table.
  scanned.pdf     page 1 of text.pdf as a 1-bit 200-dpi picture only (pdftoppm + img2pdf).
  garbage.pdf     page 1 the text page; page 2 a picture of the text over a text layer in
                  TCVN3 read as Windows-1252 ("Céng hßa x· héi"), as a PDF made from a .VnTime
                  document without a ToUnicode map reads.
  stamped.pdf     the scan with a digital signature's stamp in real text on it: a text layer
                  of a dozen readable words over a picture of the whole page.
  encrypted.pdf   text.pdf encrypted by qpdf with a user password (AES-128: with AES-256 the
                  file key is random, and the fixture would change on every run).
  truncated.pdf   the first half of text.pdf's bytes.
  nopages.pdf     a well-formed PDF whose page tree is empty.
  page.png        the scan's upper half as a 1-bit PNG.
  rotated.png     page.png turned a quarter clockwise.
  pages.tiff      two 1-bit pages (CCITT G4): the scan's upper half, then a line of text.
  page.jpg        page.png as a small grey JPEG.

Needs Debian's python3-cairo, python3-pil, img2pdf, qpdf, poppler-utils and fonts-dejavu-core
(Debian's python, hence the interpreter line). The files are generated: never edit them,
rerun this script. Output is stable from run to run (fixed dates and document ids).
Usage: /usr/bin/python3 tools/make_input_test_fixtures.py
"""
import io
import pathlib
import re
import subprocess
import tempfile

import cairo
import img2pdf
from PIL import Image

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests" / "VanBanInputsTests" / "Fixtures"

A4 = (595.0, 842.0)
FONT = "DejaVu Serif"
DATE = "2024-03-15T08:00:00Z"

HEAD_LEFT = [("ỦY BAN NHÂN DÂN", False), ("TỈNH HÀ TĨNH", True)]
HEAD_RIGHT = [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True), ("Độc lập - Tự do - Hạnh phúc", True)]
NUMBER = "Số: 125/KH-UBND"
PLACE_DATE = "Hà Tĩnh, ngày 15 tháng 3 năm 2024"
TITLE = ["KẾ HOẠCH", "Triển khai chuyển đổi số năm 2024"]
BODY = [
    ("I. MỤC ĐÍCH, YÊU CẦU", True),
    ("1. Đẩy mạnh ứng dụng công nghệ thông tin trong hoạt động", False),
    ("của các cơ quan nhà nước trên địa bàn tỉnh.", False),
    ("2. Bảo đảm an toàn thông tin mạng và dữ liệu số.", False),
    ("II. NHIỆM VỤ TRỌNG TÂM", True),
    ("1. Xây dựng cơ sở dữ liệu dùng chung của tỉnh.", False),
]
TABLE = [
    ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"],
    ["1", "Xây dựng cơ sở dữ liệu", "Sở Nội vụ", "Quý II/2024"],
    ["2", "Nâng cấp mạng nội bộ", "Sở Tài chính", "Quý IV/2024"],
]
TABLE_COLUMNS = [60, 100, 290, 450, 540]

# What a .VnTime text layer yields for the body of page 2 of garbage.pdf: TCVN3 bytes taken
# as Windows-1252.
GARBAGE_LINES = [
    "Céng hßa x· héi chñ nghÜa ViÖt Nam",
    "§éc lËp - Tù do - H¹nh phóc",
    "KÕ ho¹ch triÓn khai chuyÓn ®æi sè n¨m 2024",
    "§Èy m¹nh øng dông c«ng nghÖ th«ng tin trong ho¹t ®éng",
    "cña c¸c c¬ quan nhµ n­íc trªn ®Þa bµn tØnh.",
]


def font(ctx, size, bold=False):
    ctx.select_font_face(FONT, cairo.FONT_SLANT_NORMAL, cairo.FONT_WEIGHT_BOLD if bold else cairo.FONT_WEIGHT_NORMAL)
    ctx.set_font_size(size)


def centred(ctx, text, cx, y):
    extents = ctx.text_extents(text)
    ctx.move_to(cx - extents.x_advance / 2, y)
    ctx.show_text(text)


def draw_text_page(ctx):
    """Page 1: the head in two columns, the title, the body."""
    ctx.set_source_rgb(0, 0, 0)
    y = 60
    for (left, lbold), (right, rbold) in zip(HEAD_LEFT, HEAD_RIGHT):
        font(ctx, 11, lbold)
        centred(ctx, left, 150, y)
        font(ctx, 11, rbold)
        centred(ctx, right, 400, y)
        y += 16
    ctx.set_line_width(0.6)
    for x0, x1 in ((110, 190), (320, 480)):
        ctx.move_to(x0, y - 10)
        ctx.line_to(x1, y - 10)
    ctx.stroke()
    y += 12
    font(ctx, 11)
    centred(ctx, NUMBER, 150, y)
    centred(ctx, PLACE_DATE, 400, y)
    y += 44
    font(ctx, 14, True)
    centred(ctx, TITLE[0], A4[0] / 2, y)
    y += 18
    font(ctx, 12, True)
    centred(ctx, TITLE[1], A4[0] / 2, y)
    y += 36
    for text, bold in BODY:
        font(ctx, 12, bold)
        ctx.move_to(70, y)
        ctx.show_text(text)
        y += 20


def draw_table_page(ctx):
    """Page 2: a ruled table of tasks."""
    ctx.set_source_rgb(0, 0, 0)
    font(ctx, 12, True)
    centred(ctx, "PHỤ LỤC: DANH MỤC NHIỆM VỤ", A4[0] / 2, 70)
    top, row_height = 90, 28
    ctx.set_line_width(0.8)
    bottom = top + row_height * len(TABLE)
    for x in TABLE_COLUMNS:
        ctx.move_to(x, top)
        ctx.line_to(x, bottom)
    for k in range(len(TABLE) + 1):
        ctx.move_to(TABLE_COLUMNS[0], top + k * row_height)
        ctx.line_to(TABLE_COLUMNS[-1], top + k * row_height)
    ctx.stroke()
    for r, row in enumerate(TABLE):
        font(ctx, 11, r == 0)
        for c, cell in enumerate(row):
            ctx.move_to(TABLE_COLUMNS[c] + 5, top + r * row_height + 18)
            ctx.show_text(cell)


def pdf_surface(path):
    surface = cairo.PDFSurface(str(path), *A4)
    surface.set_metadata(cairo.PDFMetadata.CREATE_DATE, DATE)
    surface.set_metadata(cairo.PDFMetadata.MOD_DATE, DATE)
    surface.set_metadata(cairo.PDFMetadata.CREATOR, "vanban tools/make_input_test_fixtures.py")
    return surface


def make_text_pdf(path):
    surface = pdf_surface(path)
    ctx = cairo.Context(surface)
    draw_text_page(ctx)
    ctx.show_page()
    draw_table_page(ctx)
    ctx.show_page()
    surface.finish()


def scan_of(pdf, dpi, tmp):
    """Page 1 of `pdf` as a 1-bit picture, as a office scanner in black-and-white mode gives."""
    stem = pathlib.Path(tmp) / "scan"
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", str(dpi), "-gray", "-png", str(pdf), str(stem)], check=True)
    found = sorted(pathlib.Path(tmp).glob("scan*.png"))
    with Image.open(found[0]) as page:
        return page.convert("L").point(lambda v: 255 if v > 160 else 0).convert("1")


def png_bytes(image, dpi):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi), optimize=True)
    return buffer.getvalue()


def make_garbage_pdf(path, scan, dpi):
    """Page 1 real text; page 2 the scan painted over a white text layer of mojibake, so poppler
    reads garbage where the picture shows Vietnamese."""
    surface = pdf_surface(path)
    ctx = cairo.Context(surface)
    draw_text_page(ctx)
    ctx.show_page()
    font(ctx, 12)
    ctx.set_source_rgb(1, 1, 1)
    for k, line in enumerate(GARBAGE_LINES):
        ctx.move_to(70, 100 + 20 * k)
        ctx.show_text(line)
    picture = cairo.ImageSurface.create_from_png(io.BytesIO(png_bytes(scan.convert("L"), dpi)))
    ctx.save()
    ctx.scale(72.0 / dpi, 72.0 / dpi)
    ctx.set_source_surface(picture, 0, 0)
    ctx.paint()
    ctx.restore()
    ctx.show_page()
    surface.finish()


STAMP = ["Ký bởi: Sở Nội vụ tỉnh Hà Tĩnh", "Thời gian ký: 15.03.2024 08:00:00 +07:00"]


def make_stamped_pdf(path, scan, dpi):
    """The scan, and over it the stamp signing software adds, in real text."""
    surface = pdf_surface(path)
    ctx = cairo.Context(surface)
    picture = cairo.ImageSurface.create_from_png(io.BytesIO(png_bytes(scan.convert("L"), dpi)))
    ctx.save()
    ctx.scale(72.0 / dpi, 72.0 / dpi)
    ctx.set_source_surface(picture, 0, 0)
    ctx.paint()
    ctx.restore()
    ctx.set_source_rgb(0.1, 0.1, 0.6)
    font(ctx, 8)
    for k, line in enumerate(STAMP):
        ctx.move_to(360, 780 + 11 * k)
        ctx.show_text(line)
    ctx.show_page()
    surface.finish()


def make_no_pages_pdf(path):
    """A catalog and an empty page tree, with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    text_pdf = OUT / "text.pdf"
    make_text_pdf(text_pdf)

    dpi = 200
    with tempfile.TemporaryDirectory() as tmp:
        scan = scan_of(text_pdf, dpi, tmp)
    scan_png = png_bytes(scan, dpi)
    # img2pdf draws a random document id: a fixed one of the same length keeps the offsets.
    scanned = re.sub(rb"/ID \[<[0-9a-f]{32}><[0-9a-f]{32}>\]", b"/ID [<" + b"0" * 32 + b"><" + b"0" * 32 + b">]",
                     img2pdf.convert(scan_png, nodate=True))
    (OUT / "scanned.pdf").write_bytes(scanned)

    make_garbage_pdf(OUT / "garbage.pdf", scan, dpi)
    make_stamped_pdf(OUT / "stamped.pdf", scan, dpi)

    subprocess.run(
        ["qpdf", "--static-id", "--static-aes-iv", "--encrypt", "secret", "owner", "128", "--use-aes=y", "--",
         str(text_pdf), str(OUT / "encrypted.pdf")],
        check=True,
    )
    data = text_pdf.read_bytes()
    (OUT / "truncated.pdf").write_bytes(data[: len(data) // 2])
    make_no_pages_pdf(OUT / "nopages.pdf")

    # The head, title and first body lines: the upper half of the page.
    upper = scan.crop((0, 0, scan.width, scan.height * 9 // 20))
    (OUT / "page.png").write_bytes(png_bytes(upper, dpi))
    (OUT / "rotated.png").write_bytes(png_bytes(upper.rotate(-90, expand=True), dpi))

    second = Image.new("1", (upper.width, 400), 1)
    line = upper.crop((0, int(upper.height * 0.5), upper.width, int(upper.height * 0.5) + 400))
    second.paste(line, (0, 0))
    buffer = io.BytesIO()
    upper.save(buffer, format="TIFF", compression="group4", dpi=(dpi, dpi), save_all=True, append_images=[second])
    (OUT / "pages.tiff").write_bytes(buffer.getvalue())

    buffer = io.BytesIO()
    upper.convert("L").resize((upper.width // 2, upper.height // 2)).save(buffer, format="JPEG", quality=60, dpi=(dpi // 2, dpi // 2))
    (OUT / "page.jpg").write_bytes(buffer.getvalue())

    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"wrote {len(list(OUT.iterdir()))} fixtures, {total // 1024} KB, to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
