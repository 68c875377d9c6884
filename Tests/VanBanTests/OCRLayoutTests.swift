import Foundation
import Testing
import VanBanModel
import VanBanText
@testable import VanBan
@testable import VanBanInputs

/// Synthetic OCR pages: words placed like a renderer would (20 px per character, 12 px
/// between words, 30 px high), written out as Tesseract TSV or hOCR.
struct OCRTestPage {
  struct Word {
    var text: String
    var x: Int
    var y: Int
    var width: Int
    var line: Int
    var height = 30
    var conf = 95.5
  }
  var words: [Word] = []
  private var lineCount = 0

  /// Lays a phrase out from x on one line; returns where it ends.
  @discardableResult
  mutating func phrase(_ text: String, x: Int, y: Int, slope: Double = 0) -> Int {
    lineCount += 1
    var cx = x
    for w in text.split(separator: " ") {
      let width = 20 * w.count
      let dy = Int((Double(cx) * slope).rounded())
      words.append(Word(text: String(w), x: cx, y: y + dy, width: width, line: lineCount))
      cx += width + 12
    }
    return cx - 12
  }

  /// A table rule as Tesseract reports it: a box with no text, as tall as the scan's rotation
  /// lifts its far end.
  mutating func rule(x: Int, y: Int, width: Int, slope: Double = 0) {
    lineCount += 1
    let lift = Int((Double(width) * slope).rounded())
    words.append(Word(text: " ", x: x, y: y + Int((Double(x) * slope).rounded()), width: width, line: lineCount, height: 2 + lift))
  }

  func tsv() -> String {
    var out = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    out += "1\t1\t0\t0\t0\t0\t0\t0\t1400\t1000\t-1\t\n"
    for (k, w) in words.enumerated() {
      out += "5\t1\t1\t1\t\(w.line)\t\(k + 1)\t\(w.x)\t\(w.y)\t\(w.width)\t\(w.height)\t\(w.conf)\t\(w.text)\n"
    }
    return out
  }

  func hocr() -> String {
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <html xmlns="http://www.w3.org/1999/xhtml"><head><meta name='ocr-system' content='tesseract 5.3.0' /></head>
      <body>
      <div class='ocr_page' id='page_1' title='image "p.png"; bbox 0 0 1400 1000; ppageno 0'>

      """
    var line = 0
    for w in words {
      if w.line != line {
        if line != 0 { out += "</span>\n" }
        line = w.line
        out += "<span class='ocr_line' id='line_\(line)' title=\"bbox 0 0 1 1\">\n"
      }
      let text = w.text.replacingOccurrences(of: "&", with: "&amp;")
      out += "<span class='ocrx_word' title='bbox \(w.x) \(w.y) \(w.x + w.width) \(w.y + 30); x_wconf 95'>\(text)</span>\n"
    }
    out += "</span>\n</div>\n</body>\n</html>\n"
    return out
  }
}

@Suite struct OCRLayoutTests {
  /// A two-column page head, a paragraph wrapped over two lines, a 3-column table of 4 rows
  /// with one wrapped cell, and a closing paragraph.
  static func samplePage(slope: Double = 0) -> OCRTestPage {
    var p = OCRTestPage()
    p.phrase("ỦY BAN NHÂN DÂN", x: 100, y: 0, slope: slope)
    p.phrase("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", x: 600, y: 0, slope: slope)
    p.phrase("XÃ AN BÌNH", x: 150, y: 40, slope: slope)
    p.phrase("Độc lập - Tự do - Hạnh phúc", x: 650, y: 40, slope: slope)
    p.phrase("Căn cứ Kế hoạch số 107/KH-UBND ngày 11/4/2026 của UBND tỉnh về chuyển đổi số", x: 100, y: 160, slope: slope)
    p.phrase("năm 2026 trên địa bàn xã.", x: 100, y: 200, slope: slope)
    let rows: [(y: Int, cells: [String?])] = [
      (320, ["TT", "Chỉ tiêu", "Đơn vị tính"]),
      (370, ["1", "Tỷ lệ phủ sóng 5G", "%"]),
      (420, ["2", "Tỷ lệ hộ gia đình có", "%"]),
      (460, [nil, "mạng cáp quang", nil]),
      (510, ["3", "Số doanh nghiệp số", "doanh nghiệp"]),
    ]
    for row in rows {
      for (c, cell) in row.cells.enumerated() {
        if let cell { p.phrase(cell, x: [100, 200, 800][c], y: row.y, slope: slope) }
      }
    }
    p.phrase("Trên đây là Kế hoạch.", x: 100, y: 620, slope: slope)
    return p
  }

  static let expected = [
    "ỦY BAN NHÂN DÂN", "XÃ AN BÌNH", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "",
    "Căn cứ Kế hoạch số 107/KH-UBND ngày 11/4/2026 của UBND tỉnh về chuyển đổi số năm 2026 trên địa bàn xã.", "",
    "TT\tChỉ tiêu\tĐơn vị tính", "1\tTỷ lệ phủ sóng 5G\t%", "2\tTỷ lệ hộ gia đình có mạng cáp quang\t%",
    "3\tSố doanh nghiệp số\tdoanh nghiệp", "", "Trên đây là Kế hoạch.",
  ]

  static func texts(_ lines: [SourceLine]) -> [String] { lines.map { String($0.text) } }

  @Test func detectsFormatsByContent() {
    let page = Self.samplePage()
    #expect(OCRLayoutReader.detect(page.tsv()) == .tsv)
    #expect(OCRLayoutReader.detect("\u{FEFF}" + page.tsv()) == .tsv)
    #expect(OCRLayoutReader.detect(page.hocr()) == .hocr)
    #expect(OCRLayoutReader.detect("KẾ HOẠCH\n\nTT\tChỉ tiêu\tĐơn vị\n1\tA\t%\n") == .text)
    #expect(OCRLayoutReader.detect("<p>Văn bản HTML thường</p>") == .text)
    // The header test reads eleven fields: ten tabs are the fewest it takes.
    #expect(TesseractTSV.isHeader(Substring(TesseractTSV.columns.prefix(11).joined(separator: "\t"))))
    #expect(!TesseractTSV.isHeader(Substring(TesseractTSV.columns.prefix(10).joined(separator: "\t"))))
    // Ten tabs, but the eleventh field is not the eleventh column.
    #expect(!TesseractTSV.isHeader(Substring(TesseractTSV.columns.prefix(10).joined(separator: "\t") + "\tx")))
  }

  @Test func tsvRebuildsHeadParagraphsAndTable() throws {
    let lines = try OCRLayoutReader.lines(from: Self.samplePage().tsv(), format: .tsv)
    #expect(Self.texts(lines) == Self.expected)
  }

  @Test func hocrGivesTheSameLines() throws {
    let lines = try OCRLayoutReader.lines(from: Self.samplePage().hocr(), format: .hocr)
    #expect(Self.texts(lines) == Self.expected)
  }

  /// A scan rotated by a degree moves a line's end by half a line height: deskewing keeps
  /// rows and columns together.
  @Test func skewedScanKeepsRowsAndColumns() throws {
    let lines = try OCRLayoutReader.lines(from: Self.samplePage(slope: 0.02).tsv(), format: .tsv)
    #expect(Self.texts(lines) == Self.expected)
  }

  /// Provenance points into the OCR file: the TSV line of the row's first word.
  @Test func lineNumbersPointIntoTheTSV() throws {
    let tsv = Self.samplePage().tsv()
    let lines = try OCRLayoutReader.lines(from: tsv, format: .tsv)
    let row = try #require(lines.first { $0.text.hasPrefix("2\t") })
    let tsvLines = tsv.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(tsvLines[row.number - 1].hasSuffix("\t2"))
    let hocr = Self.samplePage().hocr()
    let hLines = try OCRLayoutReader.lines(from: hocr, format: .hocr)
    let hRow = try #require(hLines.first { $0.text.hasPrefix("2\t") })
    #expect(hocr.split(separator: "\n", omittingEmptySubsequences: false)[hRow.number - 1].hasSuffix(">2</span>"))
  }

  /// The rebuilt table reaches the parser as a table: its rows become targets.
  @Test func parsesTargetsFromTSV() throws {
    var p = Self.samplePage()
    p.phrase("PHỤ LỤC I", x: 500, y: 260)
    let plan = try PlanParser.parse(Array(p.tsv().utf8), options: ParseOptions(name: "p.tsv"))
    let tables = plan.annexes.flatMap(\.tables) + plan.sections.flatMap(\.tables)
    let rows = tables.flatMap(\.rows)
    #expect(rows.map { $0.cells.first ?? "" }.suffix(3) == ["1", "2", "3"])
    #expect(rows.contains { $0.cells.count > 1 && $0.cells[1] == "Tỷ lệ hộ gia đình có mạng cáp quang" })
  }

  /// Tesseract's word titles give the box and confidence they were written with, whatever
  /// other properties stand beside them and however many digits the numbers have.
  @Test func hocrTitlesReadTheirNumbers() throws {
    var g = PropertyTests.LCG(state: 71)
    let others = ["baseline 0.004 -7", "x_size 31", "x_descenders 6.5", "x_ascenders 8", "textangle 90"]
    for _ in 0..<2000 {
      func number() -> Int { [0, 7, 42, 1234, 99_999, 123_456_789][g.next(6)] + g.next(10) }
      let x0 = number(), y0 = number()
      let x1 = x0 + number(), y1 = y0 + number()
      var title = "bbox \(x0) \(y0) \(x1) \(y1)"
      var properties = (0..<g.next(3)).map { _ in others[g.next(others.count)] }
      let conf = g.next(3) == 0 ? nil : g.next(101)
      if let conf { properties.insert("x_wconf \(conf)", at: g.next(properties.count + 1)) }
      for p in properties { title += (g.next(2) == 0 ? "; " : ";") + p }
      let read = try HOCRReader.title(title, element: "ocrx_word", sourceLine: 1)
      #expect(read.box.map { [$0.x0, $0.y0, $0.x1, $0.y1] } == [x0, y0, x1, y1].map(Double.init), "\(title)")
      #expect(read.conf == conf.map(Double.init), "\(title)")
    }
  }

  @Test func hocrEntitiesNestedTagsAndLineOnlyFiles() throws {
    let read = try HOCRReader.words(
      """
      <html><body><div class="ocr_page" title="bbox 0 0 100 100">
      <span class="ocr_line" title="bbox 0 0 90 30"><span class="ocrx_word" title="bbox 0 0 40 30; x_wconf 90"><strong>R&amp;D</strong></span>
      <span class='ocrx_word' title='bbox 50 0 90 30'>&#7843;nh</span></span>
      <span class="ocr_line" title="bbox 0 40 90 70">Dòng không có từ</span>
      </div></body></html>
      """)
    let words = read.words
    #expect(read.words.map { read.texts[$0] } == ["R&D", "ảnh", "Dòng không có từ"])
    #expect(words.map(\.sourceLine) == [2, 3, 4])
    #expect(words[2].y0 == 40)
  }

  /// A word's or a line's text in several pieces (split by inline tags or a stray `<`) is
  /// every piece in order, as it is when it comes in one.
  @Test func hocrTextInPieces() throws {
    let read = try HOCRReader.words(
      """
      <html><body><div class="ocr_page" title="bbox 0 0 200 200">
      <span class="ocr_line" title="bbox 0 0 190 30"><span class="ocrx_word" title="bbox 0 0 40 30">Th<em>ô</em>n</span>
      <span class="ocrx_word" title="bbox 50 0 90 30">a < b</span><span class="ocrx_word" title="bbox 100 0 190 30"><b>x</b>&amp;<i>y</i> </span></span>
      <span class="ocr_line" title="bbox 0 40 190 70">Dòng <em>một</em> mình</span>
      <span class="ocr_line" title="bbox 0 80 190 110"><</span>
      </div></body></html>
      """)
    #expect(read.words.map { read.texts[$0] } == ["Thôn", "a < b", "x&y", "Dòng một mình", "<"])
  }

  @Test func concatenatedTSVFilesFollowOn() throws {
    let one = Self.samplePage().tsv()
    let words = try TesseractTSV.words(one + one).words
    #expect(Set(words.map(\.page)) == [1, 2])
  }

  /// A field reads as `Double` reads it once trimmed (spaces, CR, LF, no-break spaces): plain
  /// digits of every length around the short cut, signs, decimals, padding and junk.
  @Test func tsvNumbersReadAsDouble() {
    var g = PropertyTests.LCG(state: 43)
    let pieces = ["0", "7", "12", "345", "-", ".", " ", "\u{A0}", "\r", "e", "x", "+", "999999999"]
    var numbers = 0
    for _ in 0..<20_000 {
      let field = (0..<g.next(6)).map { _ in pieces[g.next(pieces.count)] }.joined()
      let got = Array(field.utf8).withUnsafeBufferPointer { TesseractTSV.number($0, 0, $0.count) }
      let want = Double(String(Substring(field).ocrTrimmed()))
      #expect(got == want || (got?.isNaN == true && want?.isNaN == true), "\(field.debugDescription)")
      if want != nil { numbers += 1 }
    }
    #expect(numbers > 2_000)
  }

  /// A row's fields are cut where splitting it at every tab cuts them: the field count, the
  /// leading numbers up to the first field that is none, that field, and the text after the
  /// eleventh tab, on rows of numbers, padding, words and stray tabs at every length.
  @Test func tsvRowsCutAsSplittingAtTabs() {
    var g = PropertyTests.LCG(state: 41)
    let pieces = ["5", "12", "-1", "96.58", " ", "\u{A0}", "x", "Đường", "\t", "\t", "\t", "\t"]
    var texts = 0
    for _ in 0..<20_000 {
      let line = (0..<g.next(40)).map { _ in pieces[g.next(pieces.count)] }.joined()
      let bytes = Array(line.utf8)
      var row = TesseractTSV.Row(text: bytes.count..<bytes.count)
      bytes.withUnsafeBufferPointer { TesseractTSV.read($0, 0, $0.count, into: &row) }
      func text(_ r: Range<Int>) -> Substring { Substring(String(decoding: bytes[r], as: UTF8.self)) }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      #expect(row.fieldCount == fields.count, "\(line.debugDescription)")
      var numbers: [Double] = []
      var bad: (Int, Substring)?
      for (k, f) in fields.prefix(11).enumerated() {
        var f = f
        let v = f.withUTF8 { TesseractTSV.number($0, 0, $0.count) }
        if let v, v.isFinite {
          numbers.append(v)
        } else {
          bad = (k, f.ocrTrimmed())
          break
        }
      }
      #expect(Array((0..<row.count).map { row.numbers[$0] }) == numbers, "\(line.debugDescription)")
      #expect(row.bad?.0 == bad?.0 && row.bad.map { text($0.1).ocrTrimmed() } == bad?.1, "\(line.debugDescription)")
      let rest = fields.count > 11 ? fields[11...].joined(separator: "\t") : ""
      #expect(String(text(row.text)) == rest, "\(line.debugDescription)")
      if fields.count > 11 { texts += 1 }
    }
    #expect(texts > 1_000)
  }

  /// Rows as Tesseract writes them are read in one walk (`readPlainRow`); it gives what reading
  /// them field by field gives, and leaves to that every row written otherwise: fields of
  /// digits, signs, decimals of every fraction length, long numbers, padding and stray marks,
  /// with the text and more tabs after the eleventh.
  @Test func tsvPlainRowsReadAsFieldByField() {
    var g = PropertyTests.LCG(state: 53)
    let fields = [
      "5", "0", "12", "345", "-1", "-0", "96.58", "0.5", "95.123456", "95.1234567", "96.", "123456789",
      "1234567890", "+3", " 7", "7 ", "\u{A0}7", "x", "", "-", "1e3", "007",
    ]
    let texts = ["", "Đường", "a\tb", "\t", "x y", " "]
    var plain = 0
    for round in 0..<20_000 {
      // Mostly plain fields, so most rows take the one walk.
      let n = round % 7 == 0 ? g.next(13) : 11
      let numbers = (0..<n).map { _ in round % 3 == 0 ? fields[g.next(fields.count)] : fields[g.next(7)] }
      let line = numbers.joined(separator: "\t") + (n == 11 && g.next(4) > 0 ? "\t" + texts[g.next(texts.count)] : "")
      let bytes = Array(line.utf8)
      bytes.withUnsafeBufferPointer { b in
        var fast = TesseractTSV.Row(text: b.count..<b.count)
        TesseractTSV.read(b, 0, b.count, into: &fast)
        let slow = TesseractTSV.rowByFields(b, 0, b.count)
        #expect(fast.fieldCount == slow.fieldCount && fast.count == slow.count && fast.text == slow.text, "\(line.debugDescription)")
        #expect(fast.bad?.0 == slow.bad?.0 && fast.bad?.1 == slow.bad?.1, "\(line.debugDescription)")
        for k in 0..<slow.count {
          #expect(fast.numbers[k].bitPattern == slow.numbers[k].bitPattern, "\(line.debugDescription) field \(k)")
        }
        var walked = TesseractTSV.Row(text: b.count..<b.count)
        if TesseractTSV.readPlainRow(b, 0, b.count, into: &walked) { plain += 1 }
      }
    }
    #expect(plain > 5_000)
  }

  /// A TSV file gives, for every word row, its text trimmed of padding, its box, its
  /// confidence and the number of the line it stands on, whatever the line breaks (LF, CRLF,
  /// lone CR), blank lines, byte-order marks and rows of other levels around it.
  @Test func tsvWordsComeFromTheirRows() throws {
    var g = PropertyTests.LCG(state: 47)
    let breaks = ["\n", "\r\n", "\r"]
    let pads = ["", " ", "\u{A0}", "  ", "\t"]
    let texts = ["chữ", "Đường", "R&D", "a\tb", "ỦY BAN", "5G", "x"]
    for _ in 0..<300 {
      var doc = TesseractTSV.columns.joined(separator: "\t")
      var line = 1
      var expected: [(text: String, x0: Double, y0: Double, conf: Double, line: Int)] = []
      for _ in 0..<g.next(30) {
        doc += breaks[g.next(breaks.count)]
        line += 1
        switch g.next(6) {
        case 0: doc += ["  ", "\t", "\u{FEFF}", " \t "][g.next(4)]
        case 1: doc += "4\t1\t1\t1\t\(line)\t0\t10\t20\t300\t30\t-1\t"
        default:
          let left = g.next(2000)
          let top = g.next(3000)
          let conf = Double(g.next(10_000)) / 100
          let text = texts[g.next(texts.count)]
          let bom = g.next(8) == 0 ? "\u{FEFF}" : ""
          doc += "\(bom)5\t1\t1\t1\t\(line)\t1\t\(left)\t\(top)\t40\t30\t\(conf)\t"
          doc += pads[g.next(pads.count)] + text + pads[g.next(pads.count)]
          expected.append((text, Double(left), Double(top), conf, line))
        }
      }
      let read = try TesseractTSV.words(doc)
      let words = read.words
      #expect(read.words.map { read.texts[$0] } == expected.map(\.text), "\(doc.debugDescription)")
      #expect(words.map(\.sourceLine) == expected.map(\.line), "\(doc.debugDescription)")
      #expect(words.map(\.x0) == expected.map(\.x0) && words.map(\.y0) == expected.map(\.y0))
      #expect(words.map(\.x1) == expected.map { $0.x0 + 40 } && words.map(\.y1) == expected.map { $0.y0 + 30 })
      #expect(words.map(\.conf) == expected.map(\.conf))
    }
  }

  /// Words already standing in rows (a layout dump's) are read as rows only when grouping them
  /// by geometry gives the same rows, tops and bottoms; nudged off their rows by half a unit
  /// or overlapping, they go to the grouping.
  @Test func alignedRowsAreWhatGroupingGives() {
    var g = PropertyTests.LCG(state: 53)
    var taken = 0
    var declined = 0
    for round in 0..<400 {
      var words: [OCRWord] = []
      var texts = WordTexts()
      var y = Double(g.next(50)) / 10
      // Mostly one height a page, as a dump has; sometimes rows too thin to be joined.
      let heights = g.next(5) == 0 ? [0.3, 30] : [[30.0], [1.0], [12.7, 3.1]][g.next(3)]
      for row in 0..<(1 + g.next(12)) {
        let height = heights[g.next(heights.count)]
        var x = Double(g.next(100))
        for _ in 0..<(1 + g.next(8)) {
          let width = Double(1 + g.next(120)) / 10
          words.append(
            OCRWord(
              text: "w\(row)", in: &texts, page: 1, x0: x, y0: y, x1: x + width, y1: y + height, conf: -1, lineID: row,
              sourceLine: row + 1))
          x += width + Double(g.next(40)) / 10
        }
        y += height + Double(g.next(30)) / 10
      }
      if round % 3 == 0 {
        // Off the grid: a word a little lower, or over its neighbour.
        let k = g.next(words.count)
        if g.next(2) == 0 { words[k].y1 += 0.5 } else { words[k].x0 -= 2 }
      }
      let built = VisualLines.build(words, height: 30)
      guard let rows = VisualLines.alignedRows(words) else {
        declined += 1
        continue
      }
      taken += 1
      #expect(rows.count == built.count)
      for (a, b) in zip(rows, built) {
        #expect(a.top.bitPattern == b.top.bitPattern && a.bottom.bitPattern == b.bottom.bitPattern)
        #expect(a.words.map(\.x0) == b.words.map(\.x0) && a.words.map { texts[$0] } == b.words.map { texts[$0] })
      }
    }
    #expect(taken > 100 && declined > 50, "\(taken) taken, \(declined) declined")
  }

  // MARK: - Bad input

  private func layoutError(_ text: String, _ format: InputFormat) -> String? {
    do {
      _ = try OCRLayoutReader.lines(from: text, format: format)
      return nil
    } catch {
      guard case .badLayout(let message) = error else { return "unexpected \(error)" }
      return message
    }
  }

  @Test func truncatedTSVRowIsReported() throws {
    var tsv = Self.samplePage().tsv()
    tsv += "5\t1\t1\t1\t9\t1\t100\n"
    let message = try #require(layoutError(tsv, .tsv))
    let count = tsv.split(separator: "\n").count
    #expect(message.contains("line \(count)"))
    #expect(message.contains("truncated"))
    #expect(message.contains("12"))
  }

  @Test func nonNumericTSVColumnIsReported() throws {
    let tsv = TesseractTSV.columns.joined(separator: "\t") + "\n5\t1\t1\t1\t1\t1\tabc\t10\t20\t30\t90\tchữ\n"
    let message = try #require(layoutError(tsv, .tsv))
    #expect(message.contains("line 2"))
    #expect(message.contains("`left`"))
    #expect(message.contains("abc"))
  }

  @Test func nonNumericBboxIsReported() throws {
    let hocr = "<html><body><div class='ocr_page'>\n<span class='ocrx_word' title='bbox 10 x 30 40; x_wconf 90'>chữ</span></div></body></html>"
    let message = try #require(layoutError(hocr, .hocr))
    #expect(message.contains("line 2"))
    #expect(message.contains("bbox"))
  }

  @Test func unclosedTagAndEmptyInputsAreReported() throws {
    #expect(layoutError("<html><body><span class='ocrx_word' title='bbox 1 2 3 4'", .hocr)?.contains("never closed") == true)
    #expect(layoutError("<html><body></body></html>", .hocr)?.contains("no recognised words") == true)
    #expect(layoutError(TesseractTSV.columns.joined(separator: "\t") + "\n", .tsv)?.contains("no recognised words") == true)
    #expect(layoutError("KẾ HOẠCH\nvăn bản thường\n", .tsv)?.contains("not Tesseract TSV") == true)
  }

  @Test func badLayoutReachesTheParser() {
    #expect(throws: ParseError.self) {
      _ = try PlanParser.parse(Array("<html><body><span class='ocrx_word' title='bbox 1 2'>a</span></body></html>".utf8))
    }
  }

  // MARK: - Scores against the clean seeds

  struct Score: CustomStringConvertible {
    /// Found with the same number, value(s) / deadline and lead.
    var exact = 0
    /// Found with the same number at all: what the layout alone decides.
    var numbered = 0
    var total = 0
    var exactShare: Double { total == 0 ? 1 : Double(exact) / Double(total) }
    var numberedShare: Double { total == 0 ? 1 : Double(numbered) / Double(total) }
    var description: String {
      "exact \(exact)/\(total) (\(Int((exactShare * 100).rounded()))%), numbered \(numbered)/\(total) (\(Int((numberedShare * 100).rounded()))%)"
    }
  }

  static func fold(_ s: String?) -> String { FoldingKey.toneInsensitive(s ?? "") }

  /// Number, values and lead of a target; number, deadline and lead of a task.
  static func targetKey(_ t: Target) -> String {
    (["target", t.number ?? ""] + t.values.map { $0.value.map { "\($0)" } ?? fold($0.text) } + t.lead.map(fold).sorted())
      .joined(separator: "|")
  }

  static func taskKey(_ t: Task) -> String {
    (["task", t.number ?? "", t.deadline?.kind.rawValue ?? "", t.deadline?.start ?? ""] + t.lead.map(fold).sorted())
      .joined(separator: "|")
  }

  static func matched(_ clean: [String], _ ocr: [String]) -> Int {
    var pool = ocr
    var hit = 0
    for k in clean {
      if let j = pool.firstIndex(of: k) {
        pool.remove(at: j)
        hit += 1
      }
    }
    return hit
  }

  static func score(seed: String, fixture: URL, format: InputFormat) throws -> Score {
    let clean = try golden(seed)
    let ocr = try PlanParser.parse(
      Array(try Data(contentsOf: fixture)), options: ParseOptions(name: fixture.lastPathComponent, inputFormat: format))
    let cleanKeys = clean.targets.map(targetKey) + clean.tasks.map(taskKey)
    let ocrKeys = ocr.targets.map(targetKey) + ocr.tasks.map(taskKey)
    let cleanNumbers = clean.targets.map { "target|\($0.number ?? "")" } + clean.tasks.map { "task|\($0.number ?? "")" }
    let ocrNumbers = ocr.targets.map { "target|\($0.number ?? "")" } + ocr.tasks.map { "task|\($0.number ?? "")" }
    return Score(
      exact: matched(cleanKeys, ocrKeys), numbered: matched(cleanNumbers, ocrNumbers), total: cleanKeys.count)
  }

  /// Minimum (exact, numbered) shares of each generated fixture, set just below what was
  /// measured (TSV and hOCR alike) after the OCR repairs landed. The exact share also pays for
  /// leads and values Tesseract misread beyond a certain repair (`≥` read as `>` is never
  /// guessed back); the numbered share is what the layout decides. At 150 dpi the floor is
  /// what the scan leaves: Tesseract lost most row numbers of 002 and both first header cells
  /// of 000, and a row keeps no number rather than an invented one. 003's annex table was
  /// printed without its grid, so its cells come stacked and its numbers alone on their lines;
  /// 004 lost the number column of its second table, whose rows stay rows with no number.
  static let thresholds: [String: (exact: Double, numbered: Double)] = [
    "000_d6ce2f93286e4cb7/ocr-300": (0.65, 0.90),
    "000_d6ce2f93286e4cb7/ocr-150-degraded": (0.0, 0.0),
    "001_624e61ed64e861df/ocr-300": (0.55, 0.85),
    "001_624e61ed64e861df/ocr-150-degraded": (0.10, 0.35),
    "002_d7ee2759ac3fc249/ocr-300": (0.60, 0.95),
    "002_d7ee2759ac3fc249/ocr-150-degraded": (0.0, 0.10),
    "003_7445e7d735843406/ocr-300": (0.90, 0.95),
    "003_7445e7d735843406/ocr-150-degraded": (0.75, 0.80),
    "004_075f210d38c210c4/ocr-300": (0.60, 0.60),
    "004_075f210d38c210c4/ocr-150-degraded": (0.55, 0.55),
  ]

  @Test func fixturesScoreAgainstCleanSeeds() throws {
    let runs: [Run] = ["ocr-300", "ocr-150-degraded"].flatMap { stem in
      [Run(file: "\(stem).tsv", format: .tsv, key: stem), Run(file: "\(stem).hocr", format: .hocr, key: stem)]
    }
    let scored = try Self.scoreAll(runs, Self.thresholds, title: "OCR layout scores")
    #expect(scored == 20)
  }

  /// One fixture to score: its file in a seed's folder, how to read it, and its threshold key.
  struct Run {
    var file: String
    var format: InputFormat
    var key: String
  }

  /// Scores every run for every seed against its threshold (keyed "seed/key"); a run without
  /// a threshold is a failure, so a new fixture cannot pass unchecked. Returns how many ran.
  static func scoreAll(
    _ runs: [Run], _ thresholds: [String: (exact: Double, numbered: Double)], title: String
  ) throws -> Int {
    let fm = FileManager.default
    var report: [String] = []
    for seed in Repo.ocrSeeds() {
      for run in runs {
        let url = Repo.corpus.appendingPathComponent("ocr/\(seed)/\(run.file)")
        guard fm.fileExists(atPath: url.path) else { continue }
        let s = try score(seed: seed, fixture: url, format: run.format)
        let key = "\(seed)/\(run.key)"
        report.append("\(seed)/\(run.file) (\(run.format)): \(s)")
        guard let minimum = thresholds[key] else {
          Issue.record("no threshold for \(key): \(s)")
          continue
        }
        #expect(s.exactShare >= minimum.exact, "\(key): \(s)")
        #expect(s.numberedShare >= minimum.numbered, "\(key): \(s)")
      }
    }
    print("\(title):\n" + report.joined(separator: "\n"))
    return report.count
  }

  /// Minimum (exact, numbered) shares of the plain-text fixtures: OCR text without boxes and
  /// pdftotext dumps, where a table's cells come one after another (or, with `-layout`, side by
  /// side in spaces) and only the flattened-table reader can put them back. Set a little below
  /// what was measured.
  ///
  /// Measured: the gridded annexes of 000, 001 and 002 score 0 from plain OCR text and from
  /// pdftotext (their cells come column block by column block, out of row order), except
  /// 001's `-layout` dump (18/49 numbered); 003's stacked annex and 004's short one are read.
  ///
  /// "detected" is the same `-layout` dump left to detection: 000, 001, 002 and 004 are read
  /// as layout text (character columns as word boxes), 003 (its annex is stacked, not aligned)
  /// stays plain text. Measured: 000 10/16 exact and numbered, 001 27/49 exact 47/49 numbered,
  /// 002 0/41 exact 38/41 numbered, 004 12/21. The exact share stays low where pdftotext shifts
  /// a line's later cells right after an overlong first cell, so some cells straddle columns
  /// (002: a lead "Phòng Văn | hóa –" split, the two target years merged); 003 forced through
  /// the layout path would fall to 11/48.
  /// The zero floors record a measured 0 (no boxes, no rows): they keep the runs listed, so a
  /// change that makes them read anything shows in the report; what those runs must still get
  /// right is held by `textFixturesKeepTheHeadAndSignature`.
  static let textThresholds: [String: (exact: Double, numbered: Double)] = [
    "000_d6ce2f93286e4cb7/ocr-300.txt": (0.0, 0.0),
    "000_d6ce2f93286e4cb7/ocr-150-degraded.txt": (0.0, 0.0),
    "000_d6ce2f93286e4cb7/pdftotext.txt": (0.0, 0.0),
    "000_d6ce2f93286e4cb7/pdftotext-layout.txt": (0.0, 0.0),
    "001_624e61ed64e861df/ocr-300.txt": (0.0, 0.0),
    "001_624e61ed64e861df/ocr-150-degraded.txt": (0.0, 0.0),
    "001_624e61ed64e861df/pdftotext.txt": (0.0, 0.0),
    "002_d7ee2759ac3fc249/ocr-300.txt": (0.0, 0.0),
    "002_d7ee2759ac3fc249/ocr-150-degraded.txt": (0.0, 0.0),
    "002_d7ee2759ac3fc249/pdftotext.txt": (0.0, 0.0),
    "002_d7ee2759ac3fc249/pdftotext-layout.txt": (0.0, 0.0),
    "000_d6ce2f93286e4cb7/pdftotext-layout.txt detected": (0.60, 0.60),
    "001_624e61ed64e861df/pdftotext-layout.txt": (0.0, 0.35),
    "001_624e61ed64e861df/pdftotext-layout.txt detected": (0.50, 0.95),
    "002_d7ee2759ac3fc249/pdftotext-layout.txt detected": (0.0, 0.90),
    "003_7445e7d735843406/ocr-300.txt": (0.55, 0.65),
    "003_7445e7d735843406/ocr-150-degraded.txt": (0.65, 0.70),
    "003_7445e7d735843406/pdftotext.txt": (0.95, 0.95),
    "003_7445e7d735843406/pdftotext-layout.txt": (0.95, 0.95),
    "003_7445e7d735843406/pdftotext-layout.txt detected": (0.95, 0.95),
    "004_075f210d38c210c4/ocr-300.txt": (0.55, 0.55),
    "004_075f210d38c210c4/ocr-150-degraded.txt": (0.55, 0.55),
    "004_075f210d38c210c4/pdftotext.txt": (0.55, 0.55),
    "004_075f210d38c210c4/pdftotext-layout.txt": (0.55, 0.55),
    "004_075f210d38c210c4/pdftotext-layout.txt detected": (0.55, 0.55),
  ]

  /// Where a text fixture's tables score 0 (their cells come column by column, out of row
  /// order), the head and the signature still come through: each text fixture's type, symbol,
  /// issuer and signer equal the golden's. Measured on all 20 (5 seeds × OCR 300 dpi, OCR 150
  /// dpi degraded, pdftotext, pdftotext -layout read as text).
  @Test(arguments: Repo.ocrSeeds())
  func textFixturesKeepTheHeadAndSignature(_ seed: String) throws {
    let want = try golden(seed)
    for file in ["ocr-300.txt", "ocr-150-degraded.txt", "pdftotext.txt", "pdftotext-layout.txt"] {
      let url = Repo.corpus.appendingPathComponent("ocr/\(seed)/\(file)")
      let got = try PlanParser.parse(
        Array(try Data(contentsOf: url)), options: ParseOptions(name: file, inputFormat: .text))
      #expect(got.header.docType == want.header.docType, "\(seed)/\(file)")
      #expect(got.header.symbol == want.header.symbol, "\(seed)/\(file)")
      #expect(got.header.issuer == want.header.issuer, "\(seed)/\(file)")
      #expect(got.signature?.signer == want.signature?.signer, "\(seed)/\(file)")
    }
  }

  @Test func textFixturesScoreAgainstCleanSeeds() throws {
    let runs = ["ocr-300.txt", "ocr-150-degraded.txt", "pdftotext.txt", "pdftotext-layout.txt"]
      .map { Run(file: $0, format: .text, key: $0) }
      + [Run(file: "pdftotext-layout.txt", format: .auto, key: "pdftotext-layout.txt detected")]
    let scored = try Self.scoreAll(runs, Self.textThresholds, title: "Text fixture scores")
    #expect(scored == 25)
  }
}

@Suite struct HOCRScanTests {
  /// The eight-byte line-feed count against a byte-by-byte one, on words made of line feeds,
  /// their neighbours and high bytes.
  @Test func newlineCountMatchesBytes() {
    var g = PropertyTests.LCG(state: 11)
    let alphabet: [UInt8] = [0x0A, 0x0B, 0x09, 0x8A, 0x0A, 0x20, 0xFF, 0x00, 0x8B, 0x4A]
    for _ in 0..<20_000 {
      var bytes: [UInt8] = []
      for _ in 0..<8 { bytes.append(alphabet[g.next(alphabet.count)]) }
      let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
      #expect(HOCRReader.newlines(in: word) == bytes.filter { $0 == 0x0A }.count, "\(bytes)")
    }
  }

  @Test func classNamesAreReadAsTokens() {
    #expect(HOCRReader.classes("ocrx_word").word)
    #expect(HOCRReader.classes(" ocr_line  extra\tocr_page ") == (page: true, separator: false, line: true, word: false))
    #expect(HOCRReader.classes("ocrx_words ocr_lines") == (page: false, separator: false, line: false, word: false))
  }
}
