import Testing
@testable import VanBan
@testable import VanBanInputs

/// A borderless list of labels and values laid out in two columns ("- Dân số:" at the left,
/// "374.125 người" far to the right on its line), as a PDF's text layer or a scan gives it.
@Suite struct LabelledValueLayoutTests {
  static func texts(_ page: OCRTestPage) throws -> [String] {
    try OCRLayoutReader.lines(from: page.tsv(), format: .tsv).map { String($0.text) }.filter { !$0.isEmpty }
  }

  /// Lines 50 apart from `y`: each a label at the left (x 130, or `x`) and, when it has one,
  /// its value right-aligned near x 1240.
  static func list(_ page: inout OCRTestPage, from y: Int, _ rows: [(label: String?, value: String?)], x: Int = 130) {
    for (k, row) in rows.enumerated() {
      if let label = row.label { page.phrase(label, x: x, y: y + 50 * k) }
      if let value = row.value { page.phrase(value, x: 1240 - 20 * value.count, y: y + 50 * k) }
    }
  }

  /// Each label is read with its value on its line; a label running over two lines keeps its
  /// value on its last.
  @Test func labelsKeepTheirValues() throws {
    var p = OCRTestPage()
    p.phrase("2. Chỉ tiêu cụ thể", x: 100, y: 0)
    Self.list(&p, from: 50, [
      ("- Dân số:", "374.125 người"), ("- Tỷ lệ phụ nữ sinh đủ 02 con:", "≥ 55 %"),
      ("- Tăng thêm tỷ lệ cặp nam nữ thanh niên", nil),
    ])
    Self.list(&p, from: 200, [("khám sức khỏe trước khi kết hôn:", "10%")], x: 100)
    #expect(try Self.texts(p) == [
      "2. Chỉ tiêu cụ thể",
      "- Dân số: 374.125 người",
      "- Tỷ lệ phụ nữ sinh đủ 02 con: ≥ 55 %",
      "- Tăng thêm tỷ lệ cặp nam nữ thanh niên",
      "khám sức khỏe trước khi kết hôn: 10%",
    ])
  }

  /// A head's two columns pair lines too, but not labels with figures: they stay blocks, the
  /// left one first. So does a list where one right-hand piece has no label beside it.
  @Test func otherColumnsStayBlocks() throws {
    var head = OCRTestPage()
    head.phrase("ỦY BAN NHÂN DÂN", x: 100, y: 0)
    head.phrase("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", x: 700, y: 0)
    head.phrase("XÃ AN BÌNH", x: 150, y: 50)
    head.phrase("Độc lập - Tự do - Hạnh phúc", x: 800, y: 50)
    head.phrase("Số: 12/KH-UBND", x: 120, y: 100)
    head.phrase("An Bình, ngày 2 tháng 3 năm 2026", x: 760, y: 100)
    #expect(try Self.texts(head) == [
      "ỦY BAN NHÂN DÂN", "XÃ AN BÌNH", "Số: 12/KH-UBND",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "An Bình, ngày 2 tháng 3 năm 2026",
    ])
    var unpaired = OCRTestPage()
    Self.list(&unpaired, from: 0, [("- Dân số:", "374.125 người"), ("- Tỷ lệ phụ nữ sinh đủ 02 con:", "≥ 55 %"), (nil, "80%")])
    #expect(try Self.texts(unpaired) == ["- Dân số:", "- Tỷ lệ phụ nữ sinh đủ 02 con:", "374.125 người", "≥ 55 %", "80%"])
  }

  /// Read as a plan, the list gives one target a label.
  @Test func eachLabelIsATarget() throws {
    var p = OCRTestPage()
    p.phrase("I. MỤC TIÊU, CHỈ TIÊU", x: 100, y: 0)
    p.phrase("2. Chỉ tiêu cụ thể", x: 100, y: 50)
    Self.list(&p, from: 100, [
      ("- Dân số:", "374.125 người"), ("- Chỉ tiêu điều chỉnh mức sinh:", "0,05‰"),
      ("- Tỷ lệ phụ nữ sinh đủ 02 con:", "≥ 55 %"),
    ])
    let plan = try PlanParser.parse(Array(p.tsv().utf8), options: ParseOptions(inputFormat: .tsv))
    let targets = plan.targets.map { ($0.indicator, $0.values.first?.value, $0.unit) }
    try #require(targets.count == 3)
    #expect(targets[0] == ("Dân số: 374.125 người", 374_125, nil))
    #expect(targets[1] == ("Chỉ tiêu điều chỉnh mức sinh: 0,05‰", 0.05, "‰"))
    #expect(targets[2] == ("Tỷ lệ phụ nữ sinh đủ 02 con: ≥ 55 %", 55, "%"))
  }
}
