import Foundation
import Testing
@testable import VanBanInputs

/// Small pages written for one behaviour each, read through libxml2 as a saved page is.
enum HTMLFixture {
  static func read(_ html: String) throws -> SourceDocument {
    try HTMLDocumentReader.read(Array(html.utf8))
  }

  static func page(_ body: String, charset: Bool = true) -> String {
    "<html><head>" + (charset ? "<meta charset=\"utf-8\">" : "") + "<title>t</title></head><body>\n" + body
      + "\n</body></html>"
  }

  static func paragraphs(_ d: SourceDocument) -> [SourceParagraph] { d.blocks.compactMap(\.paragraph) }
  static func tables(_ d: SourceDocument) -> [SourceTable] { d.blocks.compactMap(\.table) }

  /// "text[rows x cols]" per cell, "^n" for a covered place n columns wide.
  static func shape(_ t: SourceTable) -> [[String]] {
    t.rows.map { row in row.map { c in c.isCovered ? "^\(c.colSpan)" : "\(c.text)[\(c.rowSpan)x\(c.colSpan)]" } }
  }

  /// The cp1252 bytes of a string of Latin-1 letters and ASCII.
  static func latin1(_ s: String) -> [UInt8] { s.unicodeScalars.map { UInt8($0.value) } }
}

@Suite struct HTMLParagraphTests {
  @Test func blockElementsAreParagraphsAndBreaksAreNewlines() throws {
    let d = try HTMLFixture.read(HTMLFixture.page("""
      <h2>I. MỤC ĐÍCH</h2>
      <p>Dòng một<br>dòng   hai<br><br>
         dòng ba<br></p>
      <div>Trong div <span>và span</span></div>
      <div>Trước<div>giữa</div>sau</div>
      """))
    #expect(HTMLFixture.paragraphs(d).map(\.text) == [
      "I. MỤC ĐÍCH", "Dòng một\ndòng hai\ndòng ba", "Trong div và span", "Trước", "giữa", "sau",
    ])
    #expect(d.format == "html")
    #expect(d.pages == nil)
  }

  @Test func boldWhenEveryRunWithLettersIsBold() throws {
    let d = try HTMLFixture.read(HTMLFixture.page("""
      <p><b>KẾ HOẠCH</b></p>
      <p><strong>Triển khai</strong> <b>năm 2025</b></p>
      <p><b>Mục</b> đích</p>
      <p><span style="font-weight: bold">Đậm theo style</span></p>
      <p><b style='mso-bidi-font-weight:normal'>Word vẫn đậm</b></p>
      <p><b>Đậm <span style="font-weight:normal">bỏ đậm</span></b></p>
      <h3>Tiêu đề</h3>
      """))
    #expect(HTMLFixture.paragraphs(d).map(\.isBold) == [true, true, false, true, true, false, true])
  }

  @Test func listItemsCarryTheirLabels() throws {
    let d = try HTMLFixture.read(HTMLFixture.page("""
      <ol start="3"><li>Ba</li><li><p>Bốn</p><p>tiếp</p></li></ol>
      <ol type="a"><li>a</li><li>b</li></ol>
      <ol type="I"><li>La Mã</li></ol>
      <ul><li>Gạch</li></ul>
      <p>Không nhãn</p>
      """))
    let ps = HTMLFixture.paragraphs(d)
    #expect(ps.map(\.text) == ["Ba", "Bốn", "tiếp", "a", "b", "La Mã", "Gạch", "Không nhãn"])
    #expect(ps.map(\.numbering) == ["3.", "4.", nil, "a.", "b.", "I.", "-", nil])
  }

  @Test func hiddenScriptsAndStylesAreNotRead() throws {
    let d = try HTMLFixture.read(HTMLFixture.page("""
      <p>Thấy được</p>
      <p style="display:none">Ẩn</p>
      <p hidden>Ẩn nữa</p>
      <p>Chữ<span style='display:none;mso-hide:all'> ẩn của Word</span> hiện</p>
      <script>document.write("KẾ HOẠCH")</script><style>p { color: red }</style>
      <noscript>Bật JavaScript</noscript>
      <!-- ghi chú -->
      """))
    #expect(HTMLFixture.paragraphs(d).map(\.text) == ["Thấy được", "Chữ hiện"])
  }

  @Test func eachBlockPointsAtTheLineItsTextStartsOn() throws {
    let html = """
      <html><head><meta charset="utf-8">
      </head>
      <body>
      <p
        class="x">
        Dòng bốn… không, dòng sáu</p>
      <table>
      <tr><td>
      </td><td>

      Ô dòng mười một</td></tr>
      </table>
      <p>A<br>
      B</p>
      </body></html>
      """
    let d = try HTMLFixture.read(html)
    let ps = HTMLFixture.paragraphs(d)
    #expect(ps.map(\.location.line) == [6, 13])
    let t = try #require(HTMLFixture.tables(d).first)
    #expect(t.location.line == 11)
    // An empty cell points at its tag.
    #expect(t.rows[0].map(\.location.line) == [8, 11])
  }
}

@Suite struct HTMLTableTests {
  @Test func colspanAndRowspanGiveRealCells() throws {
    let d = try HTMLFixture.read(HTMLFixture.page("""
      <table border="1">
       <tr><th rowspan="2">TT</th><th rowspan="2">Nhiệm vụ</th><th colspan="2">Thời gian</th><th rowspan="3">Ghi chú</th></tr>
       <tr><th>Bắt đầu</th><th>Kết thúc</th></tr>
       <tr><td>1</td><td>Rà soát<br>thủ tục</td><td colspan="2">Quý 1</td></tr>
       <tr><td>2</td><td rowspan="2">Số hóa</td><td>Quý 2</td><td>Quý 3</td><td></td></tr>
       <tr><td>3</td><td>Quý 4</td><td>2026</td><td>x</td></tr>
      </table>
      """))
    let t = try #require(HTMLFixture.tables(d).first)
    #expect(HTMLFixture.shape(t) == [
      ["TT[2x1]", "Nhiệm vụ[2x1]", "Thời gian[1x2]", "Ghi chú[3x1]"],
      ["^1", "^1", "Bắt đầu[1x1]", "Kết thúc[1x1]", "^1"],
      ["1[1x1]", "Rà soát\nthủ tục[1x1]", "Quý 1[1x2]", "^1"],
      ["2[1x1]", "Số hóa[2x1]", "Quý 2[1x1]", "Quý 3[1x1]", "[1x1]"],
      ["3[1x1]", "^1", "Quý 4[1x1]", "2026[1x1]", "x[1x1]"],
    ])
    // Every row adds up to the grid's five columns.
    #expect(t.rows.allSatisfy { $0.reduce(0) { $0 + $1.colSpan } == 5 })
  }

  @Test func aCellsParagraphsAreLinesOfItsText() throws {
    let d = try HTMLFixture.read(HTMLFixture.page("""
      <table><tr><td><p>ỦY BAN NHÂN DÂN</p><p>XÃ HÒA BÌNH</p></td><td>Số: 12/KH-UBND</td></tr></table>
      """))
    let t = try #require(HTMLFixture.tables(d).first)
    #expect(t.rows.map { $0.map(\.text) } == [["ỦY BAN NHÂN DÂN\nXÃ HÒA BÌNH", "Số: 12/KH-UBND"]])
  }

  @Test func aNestedTableIsItsCellsText() throws {
    let d = try HTMLFixture.read(HTMLFixture.page("""
      <table><tr><td>Ngoài</td><td>Trước<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table></td></tr>
      <tr><td>Hàng hai</td><td>x</td></tr></table>
      """))
    let tables = HTMLFixture.tables(d)
    #expect(tables.count == 1)
    #expect(tables.first.map(HTMLFixture.shape) == [
      ["Ngoài[1x1]", "Trước\na\tb\nc\td[1x1]"], ["Hàng hai[1x1]", "x[1x1]"],
    ])
  }

  @Test func aOneColumnLayoutTableIsReadAsItsBlocks() throws {
    let d = try HTMLFixture.read(HTMLFixture.page("""
      <table width="100%"><tr><td>
        <p>Đoạn trong khung</p>
        <table><tr><td>A</td><td>B</td></tr></table>
      </td></tr><tr><td><p>Hàng sau</p></td></tr></table>
      """))
    #expect(d.blocks.count == 3)
    #expect(d.blocks[0].paragraph?.text == "Đoạn trong khung")
    #expect(d.blocks[1].table.map(HTMLFixture.shape) == [["A[1x1]", "B[1x1]"]])
    #expect(d.blocks[2].paragraph?.text == "Hàng sau")
  }

  @Test func aCaptionComesBeforeItsTableAndEmptyTablesAreDropped() throws {
    let d = try HTMLFixture.read(HTMLFixture.page("""
      <table><caption>Biểu 1</caption><tr><td>A</td><td>B</td></tr></table>
      <table><tr><td>&nbsp;</td><td> </td></tr></table>
      """))
    #expect(d.blocks.count == 2)
    #expect(d.blocks[0].paragraph?.text == "Biểu 1")
    #expect(d.blocks[1].table != nil)
  }
}

@Suite struct HTMLEncodingTests {
  @Test func windows1252WithCharacterReferences() throws {
    // Word's "Save as Web Page": Latin-1 letters as cp1252 bytes, the rest as references.
    let html = "<html><head><meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\"></head>"
      + "<body><p>K&#7870; HO&#7840;CH</p><p>H\u{F2}a B\u{EC}nh, ng\u{E0}y 10 th\u{E1}ng 3 n&#259;m 2025 \u{93}x\u{94}</p></body></html>"
    let page = try HTMLDocumentReader.readPage(HTMLFixture.latin1(html))
    #expect(page.encoding == "windows-1252")
    #expect(HTMLFixture.paragraphs(page.document).map(\.text) == [
      "KẾ HOẠCH", "Hòa Bình, ngày 10 tháng 3 năm 2025 \u{201C}x\u{201D}",
    ])
  }

  @Test func utf8WithAByteOrderMarkAndNoDeclaration() throws {
    let bytes = [0xEF, 0xBB, 0xBF] + Array("<html><body><p>Cộng hòa xã hội chủ nghĩa Việt Nam</p></body></html>".utf8)
    let d = try HTMLDocumentReader.read(bytes)
    #expect(HTMLFixture.paragraphs(d).map(\.text) == ["Cộng hòa xã hội chủ nghĩa Việt Nam"])
  }

  @Test func undeclaredUTF8IsReadAsUTF8() throws {
    let page = try HTMLDocumentReader.readPage(Array("<html><body><p>Kế hoạch số 5</p></body></html>".utf8))
    #expect(page.encoding == "utf-8")
    #expect(HTMLFixture.paragraphs(page.document).map(\.text) == ["Kế hoạch số 5"])
  }

  @Test func undeclaredBytesThatAreNotUTF8AreWindows1252() throws {
    let page = try HTMLDocumentReader.readPage(HTMLFixture.latin1("<html><body><p>\u{93}H\u{F2}a\u{94}</p></body></html>"))
    #expect(page.encoding == "windows-1252")
    #expect(HTMLFixture.paragraphs(page.document).map(\.text) == ["\u{201C}Hòa\u{201D}"])
  }

  @Test func utf16WithAByteOrderMark() throws {
    let text = "<html><body><p>Độc lập - Tự do - Hạnh phúc</p></body></html>"
    let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let d = try HTMLDocumentReader.read(bytes)
    #expect(HTMLFixture.paragraphs(d).map(\.text) == ["Độc lập - Tự do - Hạnh phúc"])
  }
}

@Suite struct HTMLRefusalTests {
  static func error(_ bytes: [UInt8], limits: HTMLLimits = .standard) -> InputError? {
    do {
      _ = try HTMLDocumentReader.read(bytes, limits: limits)
      return nil
    } catch {
      return error
    }
  }

  @Test func emptyAndBlankFilesAreEmpty() {
    for bytes in [[], Array(" \n\t\r\n".utf8)] as [[UInt8]] {
      guard case .empty = Self.error(bytes) else {
        Issue.record("\(bytes) gave \(String(describing: Self.error(bytes)))")
        continue
      }
    }
  }

  @Test func aPageWithNothingVisibleIsEmpty() {
    let page = "<html><head><title>Kế hoạch</title></head><body><script>x()</script><p style='display:none'>ẩn</p></body></html>"
    guard case .empty = Self.error(Array(page.utf8)) else {
      Issue.record("expected .empty")
      return
    }
  }

  @Test func binaryDataIsRefused() {
    var generator = SystemRandomNumberGenerator()
    let noise = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) } + [0]
    guard case .unsupported(let m) = Self.error(noise) else {
      Issue.record("expected .unsupported")
      return
    }
    #expect(m.contains("binary"))
    guard case .unsupported = Self.error(Array("%PDF-1.7\n%âãÏÓ\n1 0 obj".utf8)) else {
      Issue.record("a PDF should be refused")
      return
    }
  }

  @Test func aPageCutInsideATagIsDamagedAndNamesTheLine() {
    let page = "<html><body>\n<p>Một</p>\n<table><tr><td cla"
    guard case .damaged(let m) = Self.error(Array(page.utf8)) else {
      Issue.record("expected .damaged")
      return
    }
    #expect(m.contains("line 3"))
  }

  @Test func aPageCutInTextIsReadWithANote() throws {
    let d = try HTMLDocumentReader.read(Array("<html><body><p>Một</p><p>Hai và".utf8))
    #expect(HTMLFixture.paragraphs(d).map(\.text) == ["Một", "Hai và"])
    #expect(d.notes.map(\.code) == ["html.no_end"])
  }

  @Test func hugeNestingIsTooLarge() {
    let deep = "<html><body>" + String(repeating: "<div>", count: 100_000) + "x" + "</body></html>"
    guard case .tooLarge(let m) = Self.error(Array(deep.utf8)) else {
      Issue.record("expected .tooLarge")
      return
    }
    #expect(m.contains("nested"))
    // Inline elements nest too.
    let bold = "<html><body><p>" + String(repeating: "<b>", count: 2_000) + "x</p></body></html>"
    guard case .tooLarge = Self.error(Array(bold.utf8)) else {
      Issue.record("expected .tooLarge for nested <b>")
      return
    }
  }

  @Test func nestingUnderTheLimitIsRead() throws {
    let page = "<html><body>" + String(repeating: "<div>", count: 300) + "Sâu" + "</body></html>"
    let d = try HTMLDocumentReader.read(Array(page.utf8))
    #expect(HTMLFixture.paragraphs(d).map(\.text) == ["Sâu"])
    guard case .tooLarge = Self.error(Array(page.utf8), limits: HTMLLimits(maxDepth: 100)) else {
      Issue.record("a lower limit should refuse it")
      return
    }
  }

  @Test func tooManyBytesAreRefused() {
    guard case .tooLarge = Self.error(Array("<p>abc</p>".utf8), limits: HTMLLimits(maxBytes: 4)) else {
      Issue.record("expected .tooLarge")
      return
    }
  }

  @Test func junkThatIsTextStillReads() throws {
    // Stray markup characters in text are words, not a cut tag.
    let d = try HTMLDocumentReader.read(Array("<html><body><p>a < b & c > d</p></body></html>".utf8))
    #expect(HTMLFixture.paragraphs(d).map(\.text) == ["a < b & c > d"])
  }
}
