import Testing
@testable import VanBan
@testable import VanBanInputs

/// Layout of tables in poor scans: rules read on a rotated page, labels centred in tall rows,
/// specks, gutters filled by noise.
@Suite struct OCRDegradedLayoutTests {
  static func texts(_ page: OCRTestPage) throws -> [String] {
    try OCRLayoutReader.lines(from: page.tsv(), format: .tsv).map { String($0.text) }
  }

  /// Without rules, a row's number centred vertically stands on its middle line: the row
  /// starts at the gap above it, not at the number.
  @Test func centredLabelsStartTheirRowAtTheGapAbove() throws {
    var p = OCRTestPage()
    p.phrase("TT", x: 100, y: 0)
    p.phrase("Chỉ tiêu", x: 200, y: 0)
    p.phrase("Đơn vị tính", x: 800, y: 0)
    let rows: [(y: Int, label: String, unit: String, lines: [String])] = [
      (60, "1", "%", ["Tỷ lệ hộ gia đình", "có kết nối cáp", "quang tốc độ cao"]),
      (190, "2", "%", ["Tỷ lệ dân số", "trưởng thành có", "chữ ký số"]),
      (320, "3", "doanh nghiệp", ["Số doanh nghiệp số"]),
    ]
    for row in rows {
      let middle = row.y + 35 * ((row.lines.count - 1) / 2)
      p.phrase(row.label, x: 100, y: middle)
      p.phrase(row.unit, x: 800, y: middle)
      for (k, text) in row.lines.enumerated() { p.phrase(text, x: 200, y: row.y + 35 * k) }
    }
    #expect(try Self.texts(p) == [
      "TT\tChỉ tiêu\tĐơn vị tính",
      "1\tTỷ lệ hộ gia đình có kết nối cáp quang tốc độ cao\t%",
      "2\tTỷ lệ dân số trưởng thành có chữ ký số\t%",
      "3\tSố doanh nghiệp số\tdoanh nghiệp",
    ])
  }

  /// On a page rotated by a degree a rule's box is as tall as a line of text; it still bounds
  /// the rows, which nothing else separates here.
  @Test func rulesOfARotatedScanBoundRows() throws {
    let slope = 0.015
    var p = OCRTestPage()
    p.phrase("Tiêu chí", x: 100, y: 0, slope: slope)
    p.phrase("Nội dung chi tiết", x: 400, y: 0, slope: slope)
    p.rule(x: 90, y: 45, width: 1300, slope: slope)
    p.phrase("Cơ sở", x: 100, y: 60, slope: slope)
    p.phrase("Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị", x: 400, y: 60, slope: slope)
    p.phrase("pháp lý", x: 100, y: 95, slope: slope)
    p.phrase("về đột phá phát triển khoa học công nghệ", x: 400, y: 95, slope: slope)
    p.rule(x: 90, y: 127, width: 1300, slope: slope)
    p.phrase("Tính cấp", x: 100, y: 130, slope: slope)
    p.phrase("Nâng cao nhận thức cho cán bộ công chức và người dân", x: 400, y: 130, slope: slope)
    p.phrase("thiết", x: 100, y: 165, slope: slope)
    p.phrase("trên địa bàn xã về chuyển đổi số", x: 400, y: 165, slope: slope)
    p.rule(x: 90, y: 200, width: 1300, slope: slope)
    #expect(p.words.contains { $0.text == " " && $0.height > 18 })
    #expect(try Self.texts(p) == [
      "Tiêu chí\tNội dung chi tiết",
      "Cơ sở pháp lý\tNghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học công nghệ",
      "Tính cấp thiết\tNâng cao nhận thức cho cán bộ công chức và người dân trên địa bàn xã về chuyển đổi số",
    ])
  }

  static func word(
    _ text: String, x: Double, y: Double = 0, width: Double? = nil, height: Double = 30, conf: Double = 95,
    in texts: inout WordTexts
  ) -> OCRWord {
    OCRWord(
      text: text, in: &texts, page: 1, x0: x, y0: y, x1: x + (width ?? Double(20 * text.count)), y1: y + height,
      conf: conf, lineID: 1, sourceLine: 1)
  }

  /// Words with their texts, by `word`'s arguments.
  static func words(_ specs: [(text: String, x: Double, width: Double?, height: Double, conf: Double)]) -> OCRWords {
    var texts = WordTexts()
    let words = specs.map { word($0.text, x: $0.x, width: $0.width, height: $0.height, conf: $0.conf, in: &texts) }
    return OCRWords(words: words, texts: texts)
  }

  /// A blurred rule reads as flat letters Tesseract doubts; a flat mark it is sure of (a dash)
  /// and a doubtful word of full height stay.
  @Test func flatDoubtfulSpecksAreDropped() {
    var read = Self.words([("Tượn", 0, nil, 7, 0), ("-", 100, nil, 3, 93), ("chữ", 200, nil, 30, 20)])
    let kept = VisualLines.dropNoise(read.words, height: 30, texts: &read.texts)
    #expect(kept.map { read.texts[$0] } == ["-", "chữ"])
  }

  /// Words are numbers only, their texts in `WordTexts`, so arrays of them are copied and freed
  /// as plain memory; a text trimmed of a rule's junk is a new text, the box kept.
  @Test func wordsArePlainValues() {
    #expect(_isPOD(OCRWord.self))
    var read = Self.words([("|ST_", 0, nil, 30, 95), ("|", 100, nil, 30, 95)])
    let kept = VisualLines.dropNoise(read.words, height: 30, texts: &read.texts)
    #expect(kept.map { read.texts[$0] } == ["ST"])
    #expect(kept.first?.x0 == read.words[0].x0 && kept.first?.x1 == read.words[0].x1 && kept.first?.isText == true)
    #expect(read.words.map { read.texts[$0] } == ["|ST_", "|"])
  }

  /// The texts stand in one buffer of bytes: each word gets back the text it was given,
  /// whether given as a String or as bytes, empty texts share `WordTexts.empty`, a word copied
  /// into another list keeps its text there, and joining agrees with joining the Strings.
  @Test func wordTextsKeepEachTextInOneBuffer() {
    let given = ["Ủy", "", "ban", "nhân dân", "x", "", "Tỷ lệ hộ gia đình có kết nối", "1."]
    var read = OCRWords()
    for (k, t) in given.enumerated() {
      if k % 2 == 0 {
        read.append(text: t, page: 1, x0: 0, y0: 0, x1: 10, y1: 10, conf: -1, lineID: k, sourceLine: k)
      } else {
        var t = t
        t.withUTF8 { read.append(utf8: $0, page: 1, x0: 0, y0: 0, x1: 10, y1: 10, conf: -1, lineID: k, sourceLine: k) }
      }
    }
    #expect(read.words.map { read.texts[$0] } == given)
    #expect(read.words.map { read.texts.withUTF8($0) { Array($0) } } == given.map { Array($0.utf8) })
    #expect(read.words.filter { $0.textID == WordTexts.empty }.count == 2)
    #expect(read.words.map(\.hasText) == given.map { !$0.isEmpty })
    #expect(read.texts.joined(read.words) == given.joined(separator: " "))
    #expect(read.texts.joined(read.words[2...3]) == "ban nhân dân")
    #expect(read.texts.joined(read.words[1...1]) == "")
    var other = OCRWords()
    for w in read.words.reversed() { other.append(w, from: read.texts) }
    #expect(other.words.map { other.texts[$0] } == given.reversed())
    #expect(other.words.map(\.x1) == read.words.reversed().map(\.x1))
  }

  /// The byte test for a rule glued to a word's end agrees with reading its first and last
  /// scalars.
  @Test func junkEndsReadOffTheBytes() {
    let pieces = ["_", "|", "¦", "│", "a", "ỷ", "‖", "Đ", "1", "\u{A6}\u{301}"]
    let junk: Set<UInt32> = [0x5F, 0x7C, 0xA6, 0x2502]
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<3000 {
      let text = (0..<Int.random(in: 0...5, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
      let scalars = text.unicodeScalars
      let want = [scalars.first, scalars.last].contains { $0.map { junk.contains($0.value) } ?? false }
      #expect(VisualLines.hasJunkEnd(text) == want, "\(text.debugDescription)")
    }
  }

  /// A column of a later table part that spans two columns of the first part splits again
  /// only where the first part's boundary runs clear through its words.
  @Test func mergedColumnSplitsWhereTheBoundaryIsClear() {
    let m = LayoutBuilder.Metrics(height: 30, space: 10)
    let clear = VisualLine(
      words: Self.words([("01", 100, nil, 30, 95), ("Tỷ", 300, nil, 30, 95), ("lệ", 350, nil, 30, 95), ("%", 700, nil, 30, 95)]).words,
      top: 0, bottom: 30)
    let crossing = VisualLine(
      words: Self.words([("02", 100, nil, 30, 95), ("Tỷ", 300, nil, 30, 95), ("ngang", 580, 100, 30, 95)]).words,
      top: 40, bottom: 70)
    // The part's own columns: [number | indicator + unit]; the first part had [number | indicator | unit].
    #expect(LayoutBuilder.splittable([clear], boundaries: [200], by: [200, 650], m) == [false, true])
    #expect(LayoutBuilder.splittable([clear, crossing], boundaries: [200], by: [200, 650], m) == [false, false])
  }

  /// A table part whose number column OCR lost starts every row with an empty cell: only its
  /// first row can continue the row cut by the page break; the others stay rows.
  @Test func onlyTheFirstRowOfAPartContinuesTheRowAbove() throws {
    var first = OCRTestPage()
    for (x, text) in [(100, "TT"), (200, "Chỉ tiêu"), (800, "Đơn vị tính")] { first.phrase(text, x: x, y: 0) }
    for (k, row) in [("1", "Tỷ lệ phủ sóng 5G"), ("2", "Tỷ lệ hộ gia đình có")].enumerated() {
      first.phrase(row.0, x: 100, y: 60 + 60 * k)
      first.phrase(row.1, x: 200, y: 60 + 60 * k)
      first.phrase("%", x: 800, y: 60 + 60 * k)
    }
    var second = OCRTestPage()
    second.phrase("mạng cáp quang", x: 200, y: 0)
    for (k, row) in [("Số người có chữ ký số", "người"), ("Số giao dịch không tiền mặt", "lượt")].enumerated() {
      second.phrase(row.0, x: 200, y: 60 + 60 * k)
      second.phrase(row.1, x: 800, y: 60 + 60 * k)
    }
    let lines = try OCRLayoutReader.lines(from: first.tsv() + second.tsv(), format: .tsv).map { String($0.text) }
    #expect(lines.contains("2\tTỷ lệ hộ gia đình có mạng cáp quang\t%"))
    #expect(lines.contains("\tSố người có chữ ký số\tngười"))
    #expect(lines.contains("\tSố giao dịch không tiền mặt\tlượt"))
  }

  /// The same part read by the parser: in lines rebuilt from OCR boxes a row whose number was
  /// lost stays a row, numbered null with a diagnostic; the same lines as plain text still
  /// continue the row above, as a converter's page break does.
  @Test func rowsWithALostNumberStayRowsInLayoutInput() throws {
    var first = OCRTestPage()
    first.phrase("PHỤ LỤC I", x: 500, y: 0)
    for (x, text) in [(100, "TT"), (200, "Chỉ tiêu"), (800, "Đơn vị tính")] { first.phrase(text, x: x, y: 80) }
    first.phrase("1", x: 100, y: 140)
    first.phrase("Tỷ lệ phủ sóng 5G", x: 200, y: 140)
    first.phrase("%", x: 800, y: 140)
    var second = OCRTestPage()
    for (k, row) in [("Số người có chữ ký số", "người"), ("Số giao dịch không tiền mặt", "lượt")].enumerated() {
      second.phrase(row.0, x: 200, y: 60 * k)
      second.phrase(row.1, x: 800, y: 60 * k)
    }
    second.phrase("Tỷ lệ hộ gia đình", x: 200, y: 120)
    second.phrase("%", x: 800, y: 120)
    let tsv = first.tsv() + second.tsv()
    let plan = try PlanParser.parse(Array(tsv.utf8), options: ParseOptions(name: "p.tsv"))
    #expect(plan.targets.map(\.number) == ["1", nil, nil, nil])
    #expect(plan.targets.map(\.indicator).last == "Tỷ lệ hộ gia đình")
    #expect(codes(plan).filter { $0 == "ocr.row_number_lost" }.count == 3)
    let text = try OCRLayoutReader.lines(from: tsv, format: .tsv).map { String($0.text) }.joined(separator: "\n")
    let clean = try PlanParser.parse(Array(text.utf8), options: ParseOptions(name: "p.txt"))
    #expect(clean.targets.map(\.number) == ["1"])
    #expect(!codes(clean).contains("ocr.row_number_lost"))
  }

  /// A row with an empty number cell stands whole when it fills every cell the row above
  /// filled and opens with a capital; anything less goes on with the row above.
  @Test(arguments: [
    (["", "Số người có chữ ký số", "người"], true),
    (["", "mạng cáp quang", "%"], false),
    (["", "Mạng cáp quang", ""], false),
    (["", "", "", "Trung tâm PV HCC"], false),
    (["", "", "%"], false),
  ])
  func wholeRowOrContinuation(_ cells: [String], _ whole: Bool) {
    #expect(RowContinuation.standsWhole(cells, below: ["1", "Tỷ lệ hộ gia đình có", "%"]) == whole)
  }

  /// Cells stacked one under another (a scan that lost the grid) end level with the margin,
  /// so a row number below one would pass for the paragraph's next line; a lone number never
  /// joins the line above.
  @Test func loneNumberNeverEndsTheParagraphAbove() throws {
    var p = OCRTestPage()
    p.phrase("Kết quả rà soát thủ tục hành chính xã", x: 100, y: 0)
    p.phrase("Kết quả rà soát dịch vụ công xã Tháng", x: 100, y: 35)
    p.phrase("6", x: 100, y: 70)
    p.phrase("Rà soát đề xuất hoàn thiện quy trình xã", x: 100, y: 105)
    let lines = try Self.texts(p)
    #expect(lines.contains("6"))
    #expect(!lines.contains { $0.hasSuffix(" 6") })
  }
}
