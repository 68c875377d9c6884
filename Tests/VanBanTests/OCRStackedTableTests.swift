import Testing
import VanBanModel
import VanBanText
@testable import VanBan
@testable import VanBanInputs

/// Tables whose cells Tesseract read one under another (the scan lost the grid, as a page
/// printed without table styles does): row numbers and group numerals alone on their lines,
/// damaged the way OCR damages them.
@Suite struct OCRStackedTableTests {
  static let head = "KẾ HOẠCH\n\nTiêu đề\n\nI. MỤC TIÊU\n\nNội dung.\n\n"
  static let header = "TT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn thành\n\n"

  /// One row's lines: its label alone, then its cells, each its own paragraph.
  static func row(_ label: String, _ name: String) -> String {
    "\(label)\n\n\(name)\n\nPhòng Văn hóa - Xã hội\n\n- Các cơ quan, đơn vị\n\nNhiệm vụ thường xuyên\n\n"
  }

  /// The lines as `LayoutBuilder` rebuilds them from OCR boxes, read by the parser.
  static func parseLayout(_ text: String) throws -> Plan {
    let prepared = try PlanParser.prepare(Array(text.utf8))
    let structure = DocumentStructureParser(lines: prepared.lines, lexicon: .shared, fromLayout: true).parse()
    return PlanAssembler(parser: structure, lexicon: .shared).assemble(source: Source(name: "-", sha256: "", bytes: 0, encoding: "utf-8", lineCount: 0))
  }

  /// "Đ" for 5 after row 4 is a look-alike the row above confirms; "⁄" for 2 is nothing, but
  /// the next number (3) says a row starts there: it keeps no number. A lone "7" after a
  /// lost row 6 is a row, not a page number, because 8 follows it.
  @Test func damagedRowNumbersStillStartRows() throws {
    let text = Self.head + Self.header + "I Công tác chỉ đạo\n\n" + Self.row("1", "Nhiệm vụ một.") + Self.row("⁄", "Nhiệm vụ hai.")
      + Self.row("3", "Nhiệm vụ ba.") + Self.row("4", "Nhiệm vụ bốn.") + Self.row("Đ", "Nhiệm vụ năm.")
      + Self.row("7", "Nhiệm vụ bảy.") + Self.row("8", "Nhiệm vụ tám.")
    let plan = try Self.parseLayout(text)
    #expect(plan.tasks.map(\.number) == ["1", nil, "3", "4", "5", "7", "8"])
    #expect(plan.tasks.map(\.name) == ["Nhiệm vụ một.", "Nhiệm vụ hai.", "Nhiệm vụ ba.", "Nhiệm vụ bốn.", "Nhiệm vụ năm.", "Nhiệm vụ bảy.", "Nhiệm vụ tám."])
    #expect(plan.tasks.allSatisfy { $0.deadline?.kind == .recurring && $0.lead == ["Phòng Văn hóa - Xã hội"] })
    #expect(codes(plan).filter { $0 == "table.row_number_unreadable" }.count == 1)
    #expect(codes(plan).filter { $0 == "ocr.number_repaired" }.count == 1)
    #expect(codes(plan).contains("table.row_number_skipped"))
    // Plain text keeps its old reading: no damaged label is guessed at.
    #expect(try parse(text).tasks.map(\.number) == ["1"])
  }

  /// A short token with nothing to confirm it, or a word of a cell, stays in its cell.
  @Test func unconfirmedTokenStaysInTheCell() throws {
    let plan = try Self.parseLayout(
      Self.head + Self.header + "I Công tác chỉ đạo\n\n" + Self.row("1", "Nhiệm vụ một.") + "K)\n\n" + Self.row("2", "Nhiệm vụ hai."))
    #expect(plan.tasks.map(\.number) == ["1", "2"])
    #expect(OCRStackedTableTests.looks(["Đ", "⁄", "K)", "ö", "Jj", "Z4"]) == [true, true, true, true, true, true])
    #expect(OCRStackedTableTests.looks(["xã", "VỰC", "UBND", "12", "sất"]) == [false, false, false, false, false])
  }

  static func looks(_ tokens: [String]) -> [Bool] { tokens.map(LineCursor.looksLikeDamagedLabel) }

  /// A group numeral OCR misread ("H", "IH", "VỊ") is the next group's when it is the
  /// numeral after the group above; otherwise it is left alone.
  @Test func misreadGroupNumeralsAreRepaired() throws {
    let text = Self.head + Self.header + "I Công tác chỉ đạo\n\n" + Self.row("1", "Nhiệm vụ một.") + "H\n\nHoàn thiện thể chế\n\n"
      + Self.row("1", "Nhiệm vụ hai.") + "IH\n\nHạ tầng số\n\n" + Self.row("1", "Nhiệm vụ ba.")
    let plan = try parse(text)
    #expect(plan.tasks.map(\.group) == ["Công tác chỉ đạo", "Hoàn thiện thể chế", "Hạ tầng số"])
    #expect(codes(plan).filter { $0 == "ocr.numbering_repaired" }.count == 2)
    // "H" where the next group would be III is no numeral.
    let wrong = try parse(Self.head + Self.header + "I A\n\n" + Self.row("1", "Một.") + "II B\n\n" + Self.row("1", "Hai.") + "H\n\n")
    #expect(!codes(wrong).contains("ocr.numbering_repaired"))
  }

  @Test(arguments: [("H", 1, "II"), ("IH", 2, "III"), ("VỊ", 5, "VI"), ("VH", 6, "VII"), ("Hi", 1, "II")])
  func groupLabels(_ token: String, _ previous: Int, _ label: String) {
    let parser = LineCursor(lines: [], lexicon: .shared, wrap: WrapPolicy(lines: []), fromLayout: false)
    #expect(parser.repairedGroupLabel(token, after: previous)?.label == label)
    #expect(parser.repairedGroupLabel(token, after: previous + 1) == nil)
  }

  /// The byte test that settles most words first never drops a reading: every short token
  /// of numeral letters, confusions, marked capitals and other bytes reads as the table and
  /// the numerals say.
  @Test func groupLabelByteTestDropsNoReading() {
    let parser = LineCursor(lines: [], lexicon: .shared, wrap: WrapPolicy(lines: []), fromLayout: false)
    let lex = GrammarLexicon.shared
    let pieces = ["I", "V", "X", "L", "H", "l", "i", "Í", "Ị", "Ì", "Ĩ", "Ỉ", "v", "1", ".", "A", "x", "ã", "C"]
    var g = PropertyTests.LCG(state: 21)
    var readings = 0
    for _ in 0..<20_000 {
      let token = (0..<(1 + g.next(4))).map { _ in pieces[g.next(pieces.count)] }.joined()
      var candidates = [token]
      if token.allSatisfy(\.isUppercase) { candidates.append(FoldingKey.diacriticFree(token).uppercased()) }
      for previous in 0..<12 {
        let expected = candidates.lazy.map { lex.romanConfusions[$0] ?? $0 }
          .first { RomanNumeral.value($0) == previous + 1 }
        #expect(parser.repairedGroupLabel(token, after: previous)?.label == expected, "\(token) after \(previous)")
        if expected != nil { readings += 1 }
      }
    }
    #expect(readings > 500)
  }
}
