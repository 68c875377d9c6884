import Testing
import VanBanGrammar
import VanBanModel
import VanBanText
import Foundation

@testable import VanBan

/// One deadline cell and what it must mean. `start`/`end` are ISO dates; nil is JSON null.
struct DeadlineCase: Sendable, CustomTestStringConvertible {
  var text: String
  var kind: Deadline.Kind
  var start: String?
  var end: String?
  var recurrence: Deadline.Recurrence?
  var defaultYear: Int?

  init(
    _ text: String, _ kind: Deadline.Kind, _ start: String? = nil, _ end: String? = nil,
    _ recurrence: Deadline.Recurrence? = nil, year defaultYear: Int? = nil
  ) {
    self.text = text
    self.kind = kind
    self.start = start
    self.end = end
    self.recurrence = recurrence
    self.defaultYear = defaultYear
  }

  var testDescription: String { "\"\(text)\"" + (defaultYear.map { " (plan year \($0))" } ?? "") }
}

@Suite struct DeadlineParserTests {
  static let parser = DeadlineParser()

  // Every deadline cell of the seeds, one case per distinct form.
  static let seedCells: [DeadlineCase] = [
    // seed 000 (markdown table, "Thời gian thực hiện")
    .init("Quý II năm 2026", .quarter, "2026-04-01", "2026-06-30"),
    .init("Quý II, quý III năm 2026", .range, "2026-04-01", "2026-09-30"),
    .init("Quý III năm 2026", .quarter, "2026-07-01", "2026-09-30"),
    // seed 001 (TSV table, "THỜI GIAN HOÀN THÀNH"; one "Thường" / "xuyên" cut by a page break)
    .init("Thường xuyên", .recurring, nil, nil, .continuous),
    .init("Thường\nxuyên", .recurring, nil, nil, .continuous),
    .init("Năm 2026", .year, "2026-01-01", "2026-12-31"),
    .init("10/2026", .month, "2026-10-01", "2026-10-31"),
    .init("Quý II/2026", .quarter, "2026-04-01", "2026-06-30"),
    // seed 002 (detail table "Thời gian thực hiện | Năm 2026")
    .init("Năm 2026", .year, "2026-01-01", "2026-12-31", year: 2026),
    // seed 003 (pdftotext dump, "Thời gian hoàn thành"; cells wrap over lines)
    .init("Nhiệm vụ thường xuyên", .recurring, nil, nil, .continuous),
    .init("Nhiệm vụ thường \n\nxuyên ", .recurring, nil, nil, .continuous),
    .init("31/12/2025", .date, "2025-12-31", "2025-12-31"),
    .init(" 31/12/2025", .date, "2025-12-31", "2025-12-31"),
    .init("Tháng 6/2025", .month, "2025-06-01", "2025-06-30"),
    .init("Hàng tháng", .recurring, nil, nil, .monthly),
    .init("30/9/2025", .date, "2025-09-30", "2025-09-30"),
    .init("30/09/2025", .date, "2025-09-30", "2025-09-30"),
    .init("30/6/2025", .date, "2025-06-30", "2025-06-30"),
    .init("Tháng 8/2025", .month, "2025-08-01", "2025-08-31"),
    .init("Tháng 9/2025", .month, "2025-09-01", "2025-09-30"),
    .init("Tháng 11/2025", .month, "2025-11-01", "2025-11-30"),
    // seed 004 has no deadline column.
  ]

  // The forms SPEC §2 and the project's deadline rules name, and their common variants.
  static let forms: [DeadlineCase] = [
    // quarters
    .init("quý 2 năm 2026", .quarter, "2026-04-01", "2026-06-30"),
    .init("Quý I/2026", .quarter, "2026-01-01", "2026-03-31"),
    .init("Quý IV năm 2025", .quarter, "2025-10-01", "2025-12-31"),
    .init("Quý II - III/2026", .range, "2026-04-01", "2026-09-30"),
    .init("Quý II và quý III năm 2026", .range, "2026-04-01", "2026-09-30"),
    .init("Quý IV/2025 - Quý I/2026", .range, "2025-10-01", "2026-03-31"),
    .init("Trong quý II/2026", .quarter, "2026-04-01", "2026-06-30"),
    // "Finished within": Corpus/real kh-ubnd-laocai-chi-thi-11's annex.
    .init("Xong trong Quý II/2026", .quarter, "2026-04-01", "2026-06-30"),
    .init("Xong trong tháng 5/2026", .month, "2026-05-01", "2026-05-31"),
    // "Expected": a planned point is still the point.
    .init("Dự kiến tháng 6/2026", .month, "2026-06-01", "2026-06-30"),
    .init("Dự kiến Quý III năm 2026", .quarter, "2026-07-01", "2026-09-30"),
    .init("Quý II", .quarter, "2026-04-01", "2026-06-30", year: 2026),
    .init("Quý II, quý III", .range, "2026-04-01", "2026-09-30", year: 2026),
    // months
    .init("tháng 6 năm 2025", .month, "2025-06-01", "2025-06-30"),
    .init("Tháng 6", .month, "2026-06-01", "2026-06-30", year: 2026),
    .init("Tháng 6 - 9/2026", .range, "2026-06-01", "2026-09-30"),
    .init("Tháng 6, 7 năm 2026", .range, "2026-06-01", "2026-07-31"),
    .init("Từ tháng 6/2026 đến tháng 9/2026", .range, "2026-06-01", "2026-09-30"),
    .init("Tháng 2/2028", .month, "2028-02-01", "2028-02-29"),
    .init("Tháng 2/2026", .month, "2026-02-01", "2026-02-28"),
    .init("Tháng 2/2100", .month, "2100-02-01", "2100-02-28"),
    .init("Tháng 2/2000", .month, "2000-02-01", "2000-02-29"),
    .init("Tháng 12/2026", .month, "2026-12-01", "2026-12-31"),
    // dates
    .init("ngày 15/6/2026", .date, "2026-06-15", "2026-06-15"),
    .init("Ngày 15 tháng 6 năm 2026", .date, "2026-06-15", "2026-06-15"),
    .init("30.6.2026", .date, "2026-06-30", "2026-06-30"),
    .init("29/02/2028", .date, "2028-02-29", "2028-02-29"),
    .init("ngày 15/6", .date, "2026-06-15", "2026-06-15", year: 2026),
    .init("01/6/2026 - 30/6/2026", .range, "2026-06-01", "2026-06-30"),
    // years and periods
    .init("2026", .year, "2026-01-01", "2026-12-31"),
    .init("Trong năm 2026", .year, "2026-01-01", "2026-12-31"),
    .init("Giai đoạn 2026-2030", .range, "2026-01-01", "2030-12-31"),
    .init("2026 - 2030", .range, "2026-01-01", "2030-12-31"),
    .init("Giai đoạn 2026 – 2030", .range, "2026-01-01", "2030-12-31"),
    .init("Năm 2026 - 2030", .range, "2026-01-01", "2030-12-31"),
    .init("Từ năm 2026 đến năm 2030", .range, "2026-01-01", "2030-12-31"),
    .init("6 tháng đầu năm 2026", .range, "2026-01-01", "2026-06-30"),
    .init("6 tháng cuối năm 2026", .range, "2026-07-01", "2026-12-31"),
    .init("6 tháng đầu năm", .range, "2026-01-01", "2026-06-30", year: 2026),
    // only an end
    .init("Trước ngày 15/6/2026", .date, nil, "2026-06-15"),
    .init("Chậm nhất 30/6/2026", .date, nil, "2026-06-30"),
    .init("Chậm nhất ngày 30/6/2026", .date, nil, "2026-06-30"),
    .init("Hoàn thành trước ngày 31/12/2025", .date, nil, "2025-12-31"),
    .init("Trước tháng 6/2026", .month, nil, "2026-06-30"),
    .init("Trước quý III/2026", .quarter, nil, "2026-09-30"),
    .init("Đến năm 2030", .year, nil, "2030-12-31"),
    .init("Đến hết năm 2026", .year, nil, "2026-12-31"),
    .init("Cuối năm 2026", .year, nil, "2026-12-31"),
    // only a start
    .init("Từ năm 2026", .range, "2026-01-01", nil),
    .init("Năm 2026 và các năm tiếp theo", .range, "2026-01-01", nil),
    .init("Từ quý III/2026 trở đi", .range, "2026-07-01", nil),
    // recurring
    .init("Hằng tháng", .recurring, nil, nil, .monthly),
    .init("Hàng quý", .recurring, nil, nil, .quarterly),
    .init("Hàng năm", .recurring, nil, nil, .yearly),
    .init("Hằng năm", .recurring, nil, nil, .yearly),
    .init("Định kỳ hàng tháng", .recurring, nil, nil, .monthly),
    .init("Thường xuyên, báo cáo hàng quý", .recurring, nil, nil, .continuous),
    .init("Thường xuyên (báo cáo định kỳ 6 tháng)", .recurring, nil, nil, .continuous),
    .init("Trước ngày 20 hàng tháng", .recurring, nil, nil, .monthly),
    .init("Năm 2026 và hằng năm", .recurring, nil, nil, .yearly),
    .init("Thực hiện thường xuyên", .recurring, nil, nil, .continuous),
  ]

  // Case, tone placement, spacing and punctuation change nothing.
  static let spellings: [DeadlineCase] = [
    .init("QUÝ II NĂM 2026", .quarter, "2026-04-01", "2026-06-30"),
    .init("QUÝ II/2026", .quarter, "2026-04-01", "2026-06-30"),
    .init("quý ii năm 2026", .quarter, "2026-04-01", "2026-06-30"),
    .init("Quí II năm 2026", .quarter, "2026-04-01", "2026-06-30"),  // old spelling, in the Grammar file
    .init("THƯỜNG XUYÊN", .recurring, nil, nil, .continuous),
    .init("HÀNG THÁNG", .recurring, nil, nil, .monthly),
    .init("  Quý   II  /  2026  ", .quarter, "2026-04-01", "2026-06-30"),
    .init("Quý II/2026.", .quarter, "2026-04-01", "2026-06-30"),
    .init("Tháng 6/2025;", .month, "2025-06-01", "2025-06-30"),
    .init("- Quý III năm 2026", .quarter, "2026-07-01", "2026-09-30"),
    .init("Thường xuyên.", .recurring, nil, nil, .continuous),
    .init("31/12/2025./.", .date, "2025-12-31", "2025-12-31"),
    .init("Tháng\u{00A0}6/2025", .month, "2025-06-01", "2025-06-30"),
    // NFD input (combining marks), as some exports write it.
    .init("Qu\u{0079}\u{0301} II n\u{0103}m 2026", .quarter, "2026-04-01", "2026-06-30"),
    // Tone mark on the other vowel ("qúy", "thừơng"), as hand typing often puts it.
    .init("Qúy II năm 2026", .quarter, "2026-04-01", "2026-06-30"),
    .init("Th\u{1EEB}\u{01A1}ng xuyên", .recurring, nil, nil, .continuous),
  ]

  // Whatever the grammar does not cover stays unknown, with nothing invented.
  static let unknowns: [DeadlineCase] = [
    .init("31/4/2026", .unknown),
    .init("29/02/2026", .unknown),
    .init("Tháng 13/2026", .unknown),
    .init("Quý V/2026", .unknown),
    .init("Quý II", .unknown),  // no year written, none given
    .init("Tháng 6", .unknown),
    .init("ngày 15/6", .unknown),
    .init("2030 - 2026", .unknown),
    .init("Theo chỉ đạo của cấp trên", .unknown),
    .init("Khi có yêu cầu", .unknown),
    .init("Thường xuyên truy nhập để cập nhật, báo cáo kết quả", .unknown),  // a task, not a deadline
    .init("Báo cáo định kỳ hàng tháng", .unknown),
    .init("Văn bản rà soát. Tháng 6/2025", .unknown),
    .init("Quý II/2026 và cập nhật", .unknown),
    .init("Năm", .unknown),
    .init("x", .unknown),
    .init("-", .unknown),
  ]

  static func check(_ c: DeadlineCase) {
    guard let d = parser.parse(c.text, defaultYear: c.defaultYear) else {
      Issue.record("nil for \(c.testDescription)")
      return
    }
    #expect(d.kind == c.kind, "\(c.testDescription)")
    #expect(d.start == c.start, "\(c.testDescription)")
    #expect(d.end == c.end, "\(c.testDescription)")
    #expect(d.recurrence == c.recurrence, "\(c.testDescription)")
    #expect(d.text == c.text.trimmingSpaces, "text is the input trimmed, as written")
  }

  @Test(arguments: seedCells) func seedCell(_ c: DeadlineCase) { Self.check(c) }
  @Test(arguments: forms) func form(_ c: DeadlineCase) { Self.check(c) }
  @Test(arguments: spellings) func spelling(_ c: DeadlineCase) { Self.check(c) }
  @Test(arguments: unknowns) func unknown(_ c: DeadlineCase) { Self.check(c) }

  @Test(arguments: ["", "   ", "\n\t "]) func emptyIsNil(_ text: String) {
    #expect(Self.parser.parse(text, defaultYear: 2026) == nil)
  }

  /// A written year wins over the plan's year.
  @Test func writtenYearBeatsDefault() {
    let d = Self.parser.parse("Quý II/2027", defaultYear: 2026)
    #expect(d?.start == "2027-04-01")
    #expect(d?.end == "2027-06-30")
  }

  /// Answers are remembered by text and default year together: the same cell asked again with
  /// another plan year, or with none, is read for that year, and asking again changes nothing.
  @Test func rememberedAnswersKeepTheirYear() {
    let parser = DeadlineParser()
    for _ in 0..<2 {
      #expect(parser.parse("Quý II", defaultYear: 2026)?.start == "2026-04-01")
      #expect(parser.parse("Quý II", defaultYear: 2027)?.start == "2027-04-01")
      #expect(parser.parse("Quý II", defaultYear: nil)?.kind == .unknown)
      #expect(parser.parse("2026|Quý II", defaultYear: nil)?.kind == .unknown)
    }
  }

  /// The text is kept as written: inner spacing, case and the full stop stay.
  @Test func textIsTrimmedOnly() {
    let d = Self.parser.parse("  Quý  II/2026.  ", defaultYear: nil)
    #expect(d?.text == "Quý  II/2026.")
  }

  /// The Grammar file holds every role the parser reads, so no role is silently empty.
  @Test func grammarHasEveryRole() {
    let roles = Set(GrammarData.table("deadline-words").column("role"))
    for role in DeadlineParser.allRoles { #expect(roles.contains(role.rawValue), "no \(role.rawValue) row") }
    #expect(roles.allSatisfy { DeadlineParser.Role(rawValue: $0) != nil }, "a role the parser does not know")
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}

/// The scalar tokenizer, where it answers, gives the Character tokenizer's tokens: checked on
/// every line of every corpus document, folded as the parser folds a cell.
/// The digit-by-digit ISO date and the ASCII shortcut of `trimmed` against their plain forms.
@Suite struct DeadlineFormattingTests {
  @Test func isoDatesMatchPaddedNumbers() {
    func padded(_ n: Int, _ width: Int) -> String {
      let s = String(n)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    for year in [0, 7, 99, 999, 1000, 2026, 9999, 10_000, -5] {
      for month in [0, 1, 9, 10, 12, 99, 100] {
        for day in [0, 1, 9, 10, 31, 99, 123] {
          let d = DeadlineParser.Day(year: year, month: month, day: day)
          #expect(d.iso == "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))")
        }
      }
    }
  }

  @Test func trimmingMatchesCharacters() {
    for s in ["Quý II", " Quý II ", "a\u{301}", "\u{301}a", " ", "", "x\n", "\u{A0}2026\u{A0}", "2026.", "\u{0600}a"] {
      var sub = Substring(s)
      while let f = sub.first, f.isWhitespace { sub.removeFirst() }
      while let l = sub.last, l.isWhitespace { sub.removeLast() }
      #expect(DeadlineParser.trimmed(s) == String(sub), "\(s.debugDescription)")
    }
  }
}

@Suite struct DeadlineTokenTests {
  @Test func scalarTokensMatchCharacterTokens() throws {
    var answered = 0
    for input in Repo.corpusInputs() {
      let text = try String(contentsOf: input, encoding: .utf8)
      for line in text.split(separator: "\n") {
        let folded = FoldingKey.toneInsensitive(String(line))
        guard let fast = DeadlineParser.scalarTokens(of: folded) else { continue }
        answered += 1
        #expect(fast == DeadlineParser.characterTokens(of: folded), "\(line)")
      }
    }
    #expect(answered > 1_000)
    // Text the scalar path leaves to Characters.
    #expect(DeadlineParser.scalarTokens(of: "thanh\u{0300} 5") == ["thanh\u{0300}", "5"])
    #expect(DeadlineParser.scalarTokens(of: "a \u{0301}b") == nil)
    #expect(DeadlineParser.scalarTokens(of: "x\r\ny") == nil)
    #expect(DeadlineParser.characterTokens(of: "quý 3/2026, 15 ngày") == ["quý", "3", "/", "2026", ",", "15", "ngày"])
  }
}
