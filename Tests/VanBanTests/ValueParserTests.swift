import Testing
import VanBanGrammar
import VanBanModel
@testable import VanBan

/// One input and the value expected from it; `text` nil means "the input, trimmed".
struct ValueCase: Sendable, CustomTestStringConvertible {
  let input: String
  let op: TargetValue.Op
  let value: Double?
  let text: String?

  init(_ input: String, _ op: TargetValue.Op, _ value: Double?, _ text: String? = nil) {
    self.input = input
    self.op = op
    self.value = value
    self.text = text
  }

  var testDescription: String { "\"\(input)\"" }
}

@Suite struct ValueParserTests {
  /// The digit test before scanning (`holdsDigit`) settles exactly the texts the scan finds
  /// no number in: every corpus line without an ASCII digit has no value, in a cell or a
  /// sentence, when scanned in full.
  @Test func textsWithoutDigitsHoldNoValue() throws {
    var checked = 0
    for (_, _, raw) in try QuickCleaningTests.lines() where !raw.utf8.contains(where: { $0 &- 0x30 < 10 }) {
      var scan = ValueParser.Scan(String(raw))
      #expect(scan.best(inSentence: true) == nil && scan.best(inSentence: false) == nil, "\(raw)")
      checked += 1
    }
    #expect(checked > 1_000)
  }

  let parser = ValueParser()

  /// The scan's letters are what the property look-ups call a letter (alphabetic or a mark)
  /// and its spaces what they call white space, for every scalar answered from a table and
  /// some beyond it.
  @Test func lettersAndSpacesAreTheirProperties() {
    var checked = 0
    for v in Array(UInt32(0x80)...0x2100) + [0x3000, 0x4E2D, 0x1F600] {
      guard let c = Unicode.Scalar(v) else { continue }
      let mark = [.nonspacingMark, .spacingMark, .enclosingMark].contains(c.properties.generalCategory)
      #expect(ValueParser.Scan.isLetter(c) == (c.properties.isAlphabetic || mark), "U+\(String(v, radix: 16))")
      #expect(ValueParser.Scan.isSpace(c) == c.properties.isWhitespace, "U+\(String(v, radix: 16))")
      if ValueParser.Scan.isLetter(c) { checked += 1 }
    }
    #expect(checked > 700)
  }

  // MARK: Table cells

  static let cells: [ValueCase] = [
    ValueCase("100", .eq, 100),
    ValueCase("≥ 90", .ge, 90),
    ValueCase("≥98", .ge, 98),  // seed 000, no space after the sign
    ValueCase("≥ 1,1 và không thấp hơn chỉ tiêu tỉnh giao", .ge, 1.1),  // seed 002, `$\geq 1,1$` cleaned
    ValueCase("≥ 1,5", .ge, 1.5),
    ValueCase("≥ 2", .ge, 2),
    ValueCase("≥ 3", .ge, 3),
    ValueCase("Top 30", .top, 30),  // seed 002, PII ranking
    ValueCase("Top 20", .top, 20),
    ValueCase("Top30", .top, 30),
    ValueCase("≥ 0.725", .ge, 0.725),  // seed 002: a leading "0." is a decimal point
    ValueCase("≥ 0.75", .ge, 0.75),
    ValueCase("≥ 0.79", .ge, 0.79),
    ValueCase("> 0.8", .gt, 0.8),
    ValueCase("100%", .eq, 100),  // seed 001 row IV.20
    ValueCase("0", .eq, 0),  // seed 002 row 13
    ValueCase("2", .eq, 2),
    ValueCase("10", .eq, 10),
    ValueCase("≥ 20", .ge, 20),
    ValueCase("≥ 60", .ge, 60),
    ValueCase("70", .eq, 70),
    ValueCase("Đạt", .eq, nil),
    ValueCase("Hoàn thành", .eq, nil),
    ValueCase("Thường xuyên", .eq, nil),
    ValueCase("1.000", .eq, 1000),
    ValueCase("10.000.000", .eq, 10_000_000),
    ValueCase("1.234,5", .eq, 1234.5),
    ValueCase("0,5", .eq, 0.5),
    ValueCase("3,0%", .eq, 3.0),
    ValueCase("≤ 5", .le, 5),
    ValueCase("< 10%", .lt, 10),
    ValueCase(">= 60", .ge, 60),
    ValueCase("<= 3", .le, 3),
    ValueCase("⩾ 95", .ge, 95),
    ValueCase("tối thiểu 80%", .ge, 80),
    ValueCase("Tối thiểu 45%", .ge, 45),
    ValueCase("TỐI THIỂU 45%", .ge, 45),
    ValueCase("Ít nhất 02 lớp", .ge, 2),
    ValueCase("Không thấp hơn 90%", .ge, 90),
    ValueCase("Không quá 5%", .le, 5),
    ValueCase("Tối đa 3 ngày", .le, 3),
    ValueCase("Trên 90%", .gt, 90),
    ValueCase("Dưới 5%", .lt, 5),
    ValueCase("80% trở lên", .ge, 80),
    ValueCase("5% trở xuống", .le, 5),
    ValueCase("Đạt 100%", .eq, 100),
    ValueCase("02 mô hình", .eq, 2),
    ValueCase("  95 \t", .eq, 95, "95"),
    ValueCase("Quý II/2026", .eq, nil),  // a deadline in the wrong column: no value, text kept
    ValueCase("Năm 2026", .eq, nil),
    ValueCase("$\\geq 1,5$", .ge, 1.5),  // seed 002 before TeX cleaning
    ValueCase("\\geq 1,1 và không thấp hơn chỉ tiêu tỉnh giao", .ge, 1.1),
  ]

  @Test(arguments: cells)
  func cell(_ c: ValueCase) throws {
    let v = try #require(parser.parse(cell: c.input, year: 2026))
    #expect(v.op == c.op)
    #expect(v.value == c.value)
    #expect(v.text == (c.text ?? c.input))
    #expect(v.year == 2026)
  }

  /// The two-byte answer for a cell with solid ASCII at both ends is the scalar walk's:
  /// every corpus line, and cells with white space, marks and wide spaces at their ends.
  @Test func trimmingByEndBytesIsTheScalarTrim() throws {
    func byScalars(_ s: String) -> String {
      let u = s.unicodeScalars
      guard let a = u.firstIndex(where: { !$0.properties.isWhitespace }),
        let b = u.lastIndex(where: { !$0.properties.isWhitespace })
      else { return "" }
      return String(u[a...b])
    }
    var cells = ["", " ", "a", " a", "a ", "\ta\u{0B}", "x\u{0301}", "\u{00A0}5%\u{00A0}", "\u{3000}Xã\u{2003}",
      "100%", "≥ 90", "\u{85}x", "Đạt 95 %\n", "Đạt 95%", "ơn\u{2003}", "x\u{00A0}", "\u{00A0}x", "\u{2028}5",
      "ấp 3", "\u{1680}x", "\u{0}x\u{7F}"]
    for (_, _, raw) in try QuickCleaningTests.lines() { cells.append(String(raw)) }
    for cell in cells {
      #expect(Array(ValueParser.trimmed(cell).utf8) == Array(byScalars(cell).utf8), "\(cell.debugDescription)")
    }
    #expect(cells.count > 1_000)
  }

  @Test(arguments: ["", "   ", "\t"])
  func emptyCell(_ cell: String) {
    #expect(parser.parse(cell: cell, year: 2026) == nil)
  }

  @Test func cellCopiesYear() {
    #expect(parser.parse(cell: "≥ 90", year: nil) == TargetValue(year: nil, op: .ge, value: 90, text: "≥ 90"))
    #expect(parser.parse(cell: "Top 20", year: 2030) == TargetValue(year: 2030, op: .top, value: 20, text: "Top 20"))
  }

  // MARK: Sentences

  static let sentences: [ValueCase] = [
    // seed 003, "Mục tiêu cụ thể đến năm 2030"
    ValueCase("(1) Tỷ lệ phủ sóng 5G trên địa bàn tối thiểu 45%.", .ge, 45, "tối thiểu 45%"),
    ValueCase(
      "(2) Có ≥ 45% người sử dụng có khả năng truy cập băng rộng cố định với tốc độ trên 01 Gbps/s.", .ge, 45, "≥ 45%"),
    ValueCase(
      "(3) Có ≥ 3,0% tổng chi ngân sách địa phương cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số.", .ge, 3,
      "≥ 3,0%"),
    ValueCase("(4) Có ≥ 80% cán bộ, công chức xã được bồi dưỡng kỹ năng số căn bản.", .ge, 80, "≥ 80%"),
    ValueCase(
      "(5) 80% cán bộ, công chức, viên chức làm chủ kỹ năng số, ứng dụng công nghệ trong quản lý, điều hành.", .eq, 80,
      "80%"),
    ValueCase("(7) Có ≥ 70% hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa.", .ge, 70, "≥ 70%"),
    ValueCase("(10) Có ≥ 50% người dân có tài khoản định danh điện tử (VNeID). ", .ge, 50, "≥ 50%"),
    ValueCase(
      "(12) Phấn đấu bố trí tỉ lệ cán bộ có chuyên môn, kinh nghiệm về khoa học kỹ thuật trong đội ngũ lãnh đạo từng cơ quan, đơn vị nhà nước, hướng tới tối thiểu đạt 25%.",
      .ge, 25, "tối thiểu đạt 25%"),
    // seed 004, "2. Mục tiêu cụ thể"
    ValueCase("+ Mở rộng phủ sóng 4G đạt 95% dân số trên địa bàn xã được thụ hưởng.", .eq, 95, "đạt 95%"),
    ValueCase(
      "+ 100% cán bộ, công chức, viên chức cấp xã được bố trí trang thiết bị đáp ứng yêu cầu công việc và có chữ ký số cá nhân để giải quyết công việc trên môi trường điện tử.",
      .eq, 100, "100%"),
    ValueCase(
      "+ 100% hồ sơ công việc tại cơ quan hành chính nhà nước được xử lý trên môi trường điện tử; Tỷ lệ văn bản, hồ sơ công việc được xử lý toàn trình trên môi trường điện tử đạt 70%.",
      .eq, 100, "100%"),
    ValueCase(
      "+ Tỷ lệ TTHC cung cấp DVC trực tuyến toàn trình trên tổng số TTHC đủ điều kiện đạt tối thiểu 80%.", .ge, 80,
      "đạt tối thiểu 80%"),
    ValueCase(
      "+ Tối thiểu 80% thông tin, giấy tờ, tài liệu trong các TTHC liên quan sản xuất, kinh doanh chỉ phải cung cấp một lần cho cơ quan nhà nước.",
      .ge, 80, "Tối thiểu 80%"),
    ValueCase("- Tỷ lệ người dân, doanh nghiệp hài lòng khi sử dụng DVC trực tuyến đạt tối thiểu 95%.", .ge, 95,
      "đạt tối thiểu 95%"),
    // seed 002, annex II: a count with no percentage
    ValueCase("Tổ chức ít nhất 02 lớp bồi dưỡng/tập huấn cho từng nhóm đối tượng: cán bộ xã, tổ công nghệ số cộng đồng", .ge,
      2, "ít nhất 02"),
    ValueCase("- Xếp hạng PII các địa phương trong cả tỉnh đạt Top 30.", .top, 30, "đạt Top 30"),
    ValueCase("Phấn đấu đến năm 2030, tỷ lệ hộ gia đình có kết nối Internet cáp quang đạt trên 90%.", .gt, 90, "đạt trên 90%"),
    ValueCase("- Tỷ lệ người dân từ 15 tuổi trở lên có tài khoản ngân hàng đạt 80% trở lên.", .ge, 80, "đạt 80% trở lên"),
    ValueCase("- Chỉ số chuyển đổi số của xã đạt ≥ 0.725 điểm.", .ge, 0.725, "đạt ≥ 0.725"),
    ValueCase("- Bảo đảm tỷ lệ chi ngân sách địa phương chi cho khoa học, công nghệ, đổi mới sáng tạo/tổng chi ngân sách đạt tối thiểu 1,1% và không thấp hơn chỉ tiêu tỉnh, Trung ương giao.", .ge, 1.1, "đạt tối thiểu 1,1%"),  // seed 002
    ValueCase("độ trên 01 Gbps/s.", .gt, 1, "trên 01"),  // seed 003, a wrapped line on its own: the speed is all it states
    ValueCase("1. Tỷ lệ hộ gia đình sử dụng internet băng rộng cố định không dưới 85%", .ge, 85, "không dưới 85%"),
    // A label's colon states the number that opens what follows it; per mille is a rate as per
    // cent is (kh-ubnd-tp-vungtau-2144's targets).
    ValueCase("- Dân số: 374.125 người", .eq, 374_125, "374.125"),
    ValueCase("- Chỉ tiêu điều chỉnh mức sinh (tăng tỷ suất sinh thô): 0,05‰", .eq, 0.05, "0,05‰"),
    ValueCase("- Tỷ lệ tăng dân số tự nhiên: < 10,6 ‰", .lt, 10.6, "< 10,6 ‰"),
    // A fall to a level: "giảm … còn", "giảm từ … xuống" (kh-ubnd-hcm-174).
    ValueCase("- Chỉ tiêu 1: Giảm số giờ trung bình làm công việc nội trợ của phụ nữ còn 1,7 lần vào năm 2025.", .le,
      1.7, "còn 1,7"),
    ValueCase("- Chỉ tiêu 3: Tỷ suất sinh ở trẻ vị thành niên giảm từ 23 ca sinh/1.000 phụ nữ xuống 18 ca sinh/1.000 phụ nữ vào năm 2025.",
      .le, 18, "xuống 18"),
    // A rank: "within the group of the 15 leading provinces".
    ValueCase("1. Phấn đấu Chỉ số PAR Index của tỉnh nằm trong nhóm 15 tỉnh, thành phố dẫn đầu cả nước.", .top, 15,
      "trong nhóm 15"),
  ]

  @Test(arguments: sentences)
  func sentence(_ c: ValueCase) throws {
    let v = try #require(parser.find(inSentence: c.input, year: 2030))
    #expect(v.op == c.op)
    #expect(v.value == c.value)
    #expect(v.text == c.text)
    #expect(v.year == 2030)
  }

  /// Sentences that state no value: their numbers are list markers, years, dates, document
  /// numbers, names and ages.
  @Test(arguments: [
    " (11) Đảng ủy, chính quyền xã sử dụng phần mềm quản trị điều hành thống nhất.",  // seed 003
    "2. Mục tiêu cụ thể đến năm 2030",  // seed 003
    "2.3.1. Chuyển đổi số các cơ quan hành chính nhà nước",  // seed 004
    "- Rà soát, kiến nghị cấp có thẩm quyền sửa đổi, bổ sung các cơ chế, chính sách và triển khai Đề án 06 phù hợp với điều kiện thực tiễn.",  // seed 004
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ",
    "Thực hiện Kế hoạch số 15-KH/TU ngày 10/3/2025 của Tỉnh ủy.",
    "- Hỗ trợ hộ kinh doanh, hợp tác xã, doanh nghiệp trên địa bàn tiếp cận, sử dụng các nền tảng số trong quảng bá, tiêu thụ sản phẩm.",  // seed 004
    "Dân số từ 15 tuổi trở lên có tài khoản giao dịch tại ngân hàng hoặc các tổ chức được phép khác",  // seed 001
    "Hoàn thành trong Quý II/2026.",
    "Triển khai phủ sóng 5G trên địa bàn xã.",
    "Nhiệm vụ 1: Thực hiện nhiệm vụ khoa học, công nghệ",  // seed 002, annex II
    "Kế hoạch thực hiện trong năm 2026",
    // Bare counts in prose are names or scope, not targets.
    "1.4. Tăng cường chuyển đổi số gắn với cải cách hành chính; tinh gọn bộ máy, vận hành có hiệu quả chính quyền địa phương 2 cấp.",  // seed 000
    "- Tổ chức quán triệt, tuyên truyền và triển khai thực hiện nghiêm túc, đồng bộ từ xã đến 14 ấp.",  // seed 001
    "TTHC mức độ một phần, toàn trình tại bộ phận 1 cửa, 1 cửa liên thông.",  // seed 003
    "- Xây dựng 02 mô hình thôn thông minh trong năm 2026.",
    // Without the colon the count is scope again; after it, a number that does not open the
    // value is not stated by it.
    "- Dân số 374.125 người",
    "- Thời gian thực hiện: trong tháng 6 năm 2026",
    "",
  ])
  func sentenceWithoutValue(_ s: String) {
    #expect(parser.find(inSentence: s, year: 2026) == nil)
  }

  // MARK: Years

  @Test(arguments: [
    ("Mục tiêu năm 2026", 2026),
    ("Mục tiêu hết năm 2030", 2030),
    ("CHỈ TIÊU CỤ THỂ THỰC HIỆN NĂM 2026", 2026),  // seed 004, annex title
    (
      "MỤC TIÊU, CHỈ TIÊU CỤ THỂ THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW NGÀY 22/12/2024 CỦA BỘ CHÍNH TRỊ TRÊN ĐỊA BÀN XÃ LƯƠNG TÀI NĂM 2026",
      2026
    ),  // seed 002: the date's year is not the target year
    ("2. Mục tiêu cụ thể đến năm 2030", 2030),
    ("Nội dung chỉ tiêu phấn đấu đạt được đến cuối năm 2026 (31 chỉ tiêu)", 2026),  // seed 001
    ("Năm 2026", 2026),
    ("Mục tiêu 2026", 2026),
    ("Mục tiêu giai đoạn 2026-2030", 2030),
    ("Kế hoạch giai đoạn 2026 – 2030", 2030),
  ] as [(String, Int)])
  func year(_ text: String, _ expected: Int) {
    #expect(ValueParser.year(in: text) == expected)
  }

  @Test(arguments: [
    "Kết quả",
    "Đơn vị tính",
    "ngày 22/12/2024",
    "(Kèm theo Kế hoạch /KH-UBND ngày / /2026 của Ủy ban nhân dân xã Bình Thành)",  // seed 000
    "Nghị quyết số 193/2025/QH15",
    "Tốc độ 1000 Mbps",
  ])
  func noYear(_ text: String) {
    #expect(ValueParser.year(in: text) == nil)
  }

  // MARK: Number tokens

  /// `Scan.number` reads a token in scratch memory; this is the reading it replaced (a String
  /// per group of digits, joined), kept here as the reference: every token of up to seven
  /// characters over "0", "1", "5", "." and "," gets the same value from both, nil included.
  @Test func numberTokensReadAsByGroups() {
    func reference(_ s: [Unicode.Scalar]) -> Double? {
      var groups: [String] = [""]
      var seps: [Unicode.Scalar] = []
      for c in s {
        if c.value >= 0x30 && c.value <= 0x39 {
          groups[groups.count - 1].unicodeScalars.append(c)
        } else {
          seps.append(c)
          groups.append("")
        }
      }
      let threeDigitGroups = { (from: Int, to: Int) in groups[from..<to].allSatisfy { $0.count == 3 } }
      var integer: String
      var fraction = ""
      if seps.isEmpty {
        integer = groups[0]
      } else if Set(seps).count == 1 {
        if seps.count == 1 {
          let leadingZero = groups[0].allSatisfy { $0 == "0" }
          let thousands = seps[0] == "." && groups[1].count == 3 && !leadingZero
          integer = thousands ? groups[0] + groups[1] : groups[0]
          fraction = thousands ? "" : groups[1]
        } else {
          guard threeDigitGroups(1, groups.count) else { return nil }
          integer = groups.joined()
        }
      } else {
        let last = seps[seps.count - 1]
        guard seps.dropLast().allSatisfy({ $0 != last }), threeDigitGroups(1, groups.count - 1) else { return nil }
        integer = groups.dropLast().joined()
        fraction = groups[groups.count - 1]
      }
      if integer.isEmpty { integer = "0" }
      return Double(fraction.isEmpty ? integer : integer + "." + fraction)
    }
    let alphabet: [Unicode.Scalar] = ["0", "1", "5", ".", ","]
    var token: [Unicode.Scalar] = []
    var checked = 0
    var mismatches: [String] = []
    func visit(_ depth: Int) {
      if !token.isEmpty {
        checked += 1
        let got = ValueParser.Scan.number(token[...])
        if got != reference(token), mismatches.count < 10 { mismatches.append(String(String.UnicodeScalarView(token))) }
      }
      guard depth < 7 else { return }
      for c in alphabet {
        token.append(c)
        visit(depth + 1)
        token.removeLast()
      }
    }
    visit(0)
    #expect(checked == 97_655)
    #expect(mismatches.isEmpty, "\(mismatches)")
    // And the slices a scan hands over start anywhere in its scalars.
    let scalars = Array("x 12.345,6 y".unicodeScalars)
    #expect(ValueParser.Scan.number(scalars[2..<10]) == 12_345.6)
  }

  // MARK: Grammar

  /// Every row of Grammar/value-words.tsv is heard: a new phrase works without touching code.
  @Test func everyValueWordIsRead() {
    let table = GrammarData.table("value-words")
    #expect(!table.rows.isEmpty, "run python3 tools/gen_grammar.py")
    for (k, (op, phrase)) in zip(table.column("op"), table.column("phrase")).enumerated() {
      let after = table.column("place")[k] == "after"
      let cell = after ? "7 \(phrase)" : "\(phrase) 7"
      if op == "skip" {
        #expect(parser.find(inSentence: "Ghi \(cell)", year: nil) == nil, "\(phrase)")
      } else {
        let v = parser.parse(cell: cell, year: nil)
        #expect(v?.op.rawValue == op, "\(phrase)")
        #expect(v?.value == 7, "\(phrase)")
      }
    }
  }
}
