import Testing
import VanBanModel
import VanBanGrammar
import VanBanText
@testable import VanBan

/// Repairs of OCR damage that the context makes certain, each with a diagnostic.
@Suite struct OCRRepairTests {
  static let head = "KẾ HOẠCH\n\nTiêu đề\n\n"

  @Test func repeatedNumeralBetweenNeighboursIsRepaired() throws {
    let plan = try parse(Self.head + "I. MỤC ĐÍCH\n\nII. MỤC TIÊU\n\nII. NHIỆM VỤ\n\nIV. TỔ CHỨC THỰC HIỆN\n")
    #expect(plan.sections.map(\.label) == ["I", "II", "III", "IV"])
    #expect(codes(plan).contains("ocr.numbering_repaired"))
    #expect(!codes(plan).contains("section.duplicate_number"))
  }

  @Test func genuineDuplicateWithoutEvidenceStays() throws {
    let plan = try parse(Self.head + "I. MỤC ĐÍCH\n\nII. MỤC TIÊU\n\nII. NHIỆM VỤ\n")
    #expect(plan.sections.map(\.label) == ["I", "II", "II"])
    #expect(codes(plan).contains("section.duplicate_number"))
  }

  @Test(arguments: [("Il. MỤC TIÊU", "II"), ("Ill. NHIỆM VỤ", "III"), ("lV. TỔ CHỨC THỰC HIỆN", "IV")])
  func misreadNumeralInACapitalHeading(_ heading: String, _ label: String) throws {
    let plan = try parse(Self.head + heading + "\n")
    #expect(plan.sections.first?.label == label)
    #expect(codes(plan).contains("ocr.numbering_repaired"))
  }

  @Test func lowerCaseSentenceIsNotAHeading() throws {
    let plan = try parse(Self.head + "I. A\n\nH. sau đó là một câu thường.\n")
    #expect(plan.sections.map(\.label) == ["I"])
  }

  @Test func annexLabelMisreadAsH() throws {
    let plan = try parse(Self.head + "I. A\n\nNơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nPhụ lục H\nDANH MỤC NHIỆM VỤ\n")
    #expect(plan.annexes.first?.label == "II")
    #expect(codes(plan).contains("ocr.label_repaired"))
  }

  // MARK: - Column headers

  @Test(arguments: [
    ("STTL.", "number"),  // a letter and a dot glued to the last word
    ("c h KET QUA", "value"),  // specks read as letters, diacritics lost
    ("Ghi ' chú", "note"),  // a stray mark between the words
    ("KẾT QUẢ J", "value"),
    ("e e TERN NHIẸM VỤ", "name"),  // one letter too many in a long header
    ("¡ Mục tiêu năm h bữ26", "value"),  // a Grammar prefix header
  ])
  func damagedHeaderIsMatchedLoosely(_ cell: String, _ canonical: String) {
    let lexicon = ColumnLexicon(lex: .shared)
    #expect(lexicon.canonical(cell) == nil)
    #expect(lexicon.looseMatch(cell)?.canonical == canonical)
  }

  /// Short headers are one letter from too many words to be guessed at; a word that merely
  /// starts like a header is not one.
  @Test(arguments: ["TTX", "T", "Đơn vịnh", "STTHC", "Ghi nhận", "Chỉ tiêu khác", "Kết quả 2025"])
  func unrelatedCellStaysUnknown(_ cell: String) {
    #expect(ColumnLexicon(lex: .shared).columns([cell]) == [nil])
  }

  @Test func withinOneEdit() {
    #expect(ColumnLexicon.withinOneEdit(Array("ten nhiem vu"), Array("tern nhiem vu")))
    #expect(ColumnLexicon.withinOneEdit(Array("ghi chu"), Array("ghi chu")))
    #expect(ColumnLexicon.withinOneEdit(Array("ghi chu"), Array("ghi cho")))
    #expect(!ColumnLexicon.withinOneEdit(Array("ghi chu"), Array("gho cho")))
    #expect(!ColumnLexicon.withinOneEdit(Array("ten"), Array("tenxx")))
  }

  /// The number column read as "STTL." still numbers the rows, and says so.
  @Test func damagedNumberHeaderStillNumbersRows() throws {
    let plan = try parse(Self.head + "I. MỤC TIÊU\n\nSTTL.\tChỉ tiêu\tĐơn vị tính\tKết quả\n1\tTỷ lệ phủ sóng 5G\t%\t100\n2\tTỷ lệ hộ dùng cáp quang\t%\t90\n")
    #expect(plan.targets.map(\.number) == ["1", "2"])
    let d = try #require(plan.diagnostics.first { $0.code == "ocr.header_repaired" })
    #expect(d.message.contains("'STTL.'"))
    #expect(d.line == 7)
  }

  // MARK: - Values

  @Test(arguments: [
    ("1oọ", "100"), ("l00", "100"), ("O", "0"), ("'1oọ", "100"), ("1O%", "10%"), ("≥ 9o", "≥ 90"), ("o,5", "0,5"),
  ])
  func digitsReadAsLettersAreRepaired(_ cell: String, _ repaired: String) {
    #expect(OCRValueRepair(lex: .shared).repair(cell) == repaired)
  }

  /// Words, labels, several tokens and letters with no digit look-alike are not numbers.
  @Test(arguments: ["100", "lo", "Il", "5G", "o 7o", ">sø8o", "= ~og", "đạt 9o", "Top lo", "1oọ lần"])
  func notASingleMisreadNumber(_ cell: String) {
    #expect(OCRValueRepair(lex: .shared).repair(cell) == nil)
  }

  static let valueTable = "I. MỤC TIÊU\n\nTT\tChỉ tiêu\tĐơn vị tính\tMục tiêu năm 2026\tMục tiêu hết năm 2030\n"

  @Test func misreadValueInAValueColumnIsRepaired() throws {
    let plan = try parse(Self.head + Self.valueTable + "1\tTỷ lệ phủ sóng 5G\t%\t1oọ\t> 9o\n")
    let values = try #require(plan.targets.first?.values)
    #expect(values.map(\.value) == [100, 90])
    #expect(values.map(\.op) == [.eq, .gt])
    #expect(values.map(\.text) == ["1oọ", "> 9o"])
    #expect(codes(plan).filter { $0 == "ocr.value_repaired" }.count == 2)
    #expect(!codes(plan).contains("target.value_unparsed"))
  }

  /// A percentage over 100, or a value ten times its row's other year, is no certain reading:
  /// the cell keeps no value and says so.
  @Test(arguments: [("%", "l1oo", "100"), ("xã", "l1oo", "100"), ("%", "1o1", "")])
  func implausibleRepairIsNotKept(_ unit: String, _ cell: String, _ other: String) throws {
    let plan = try parse(Self.head + Self.valueTable + "1\tSố xã đạt chuẩn\t\(unit)\t\(cell)\t\(other)\n")
    #expect(plan.targets.first?.values.first?.value == nil)
    #expect(!codes(plan).contains("ocr.value_repaired"))
    #expect(codes(plan).contains("target.value_unparsed"))
  }

  // MARK: - Row numbers

  @Test(arguments: [
    ("3", nil, RowNumberReader.Reading.label("3")), ("1.2.", "1.1", .label("1.2")), ("IV", nil, .label("IV")),
    ("b)", "a", .label("b")),
    ("[ 08 ..", "07", .repaired("08")), ("22_¡", "21", .repaired("22")), ("+7", "6", .repaired("7")),
    ("s", "4", .repaired("5")),  // a look-alike confirmed by the row above
    ("s", "6", .label("s")),  // not confirmed: a letter label as it stands
    ("lO", "9", .repaired("10")),
    ("vị", "3", .unreadable), ("09 lạ", "08", .unreadable), ("E :", "14", .unreadable), ("[", "7", .unreadable),
  ])
  func rowNumbers(_ cell: String, _ previous: String?, _ reading: RowNumberReader.Reading) {
    #expect(RowNumberReader(lex: .shared).read(cell, previous: previous) == reading)
  }

  /// The byte reading of dotted numbers says what the Character definition says: digit runs
  /// joined by single dots, each Character an ASCII number; nil (the Character reading) for
  /// anything else, a mark on a digit or a dot included.
  @Test func dottedNumbersOnTheBytesMatchCharacters() {
    func byCharacters(_ s: String) -> Bool {
      guard let f = s.first, f.isASCII, f.isNumber else { return false }
      return s.split(separator: ".", omittingEmptySubsequences: false)
        .allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
    let cells = [
      "1", "01", "1.2", "1.2.3", "10.", "1..2", ".1", "1.", "", "2a", "3 ", "1\u{301}", "1.\u{301}2",
      "\u{661}", "1\u{661}", "12\r\n", "IV", "a", "9.9.9.9", "0",
    ]
    for cell in cells {
      if let bytes = RowNumberReader.dottedNumber(cell) {
        #expect(bytes == byCharacters(cell), "\(cell.unicodeScalars.map { String($0.value, radix: 16) })")
      } else {
        #expect(cell.utf8.contains { !($0 &- 0x30 < 10 || $0 == 0x2E) } || cell.utf8.first.map { !($0 &- 0x30 < 10) } ?? true)
      }
    }
    #expect(RowNumberReader.isLabel("1.2") && !RowNumberReader.isLabel("1..2") && RowNumberReader.isLabel("IV"))
    #expect(!RowNumberReader.isLabel("1\u{301}"))
  }

  /// An unreadable number leaves the row without one, and says so; marks around a number go.
  @Test func unreadableRowNumberIsNullWithADiagnostic() throws {
    let plan = try parse(
      Self.head + Self.valueTable + "1\tTỷ lệ A\t%\t10\t20\n[ 2 ..\tTỷ lệ B\t%\t10\t20\nvị\tTỷ lệ C\t%\t10\t20\n")
    #expect(plan.targets.map(\.number) == ["1", "2", nil])
    #expect(codes(plan).filter { $0 == "ocr.number_repaired" }.count == 1)
    #expect(codes(plan).filter { $0 == "table.row_number_unreadable" }.count == 1)
  }

  // MARK: - Agencies

  @Test(arguments: [
    ("Phòng ` Kinh : tế", "Phòng Kinh tế"), ("Phòng Văn hóa - Xã ~ hội", "Phòng Văn hóa - Xã hội"),
    ("Trung tâm Phục vụ x x Hành chính công", "Trung tâm Phục vụ Hành chính công"),
  ])
  func specksBetweenWordsGo(_ cell: String, _ cleaned: String) {
    #expect(TableInterpreter.withoutSpecks(cell) == cleaned)
  }

  /// Leading specks go from every line of a cell; a line opening with a letter, a digit, a
  /// list dash or a bracket (or empty) keeps all it has.
  @Test(arguments: [
    ("- Phòng A\n+ Phòng B", "- Phòng A\n+ Phòng B"), ("(1) Phòng A", "(1) Phòng A"), ("– Phòng A", "– Phòng A"),
    ("Ủy ban nhân dân\nĐảng ủy xã\n", "Ủy ban nhân dân\nĐảng ủy xã\n"), ("` ¬ Phòng Văn hóa", "Phòng Văn hóa"),
    ("• Phòng A\n\nUBND xã", "Phòng A\n\nUBND xã"), ("“Phòng A”", "Phòng A”"), ("Phòng A\n~ Phòng B", "Phòng A\nPhòng B"),
  ])
  func strayMarksLeaveLineStarts(_ cell: String, _ cleaned: String) {
    #expect(TableInterpreter.stripStrayMarks(cell) == cleaned)
  }

  @Test func nameWithoutSpecksIsLeftAlone() {
    #expect(TableInterpreter.withoutSpecks("Phòng Văn hóa - Xã hội") == nil)
    #expect(TableInterpreter.withoutSpecks("UBND xã A") == nil)
  }

  /// Specks are dropped only when that gives a known agency, and the repair is reported.
  @Test func speckledLeadBecomesTheKnownAgency() throws {
    let plan = try parse(
      Self.head + "I. MỤC TIÊU\n\nTT\tChỉ tiêu\tĐơn vị tính\tKết quả\tCơ quan chủ trì\n"
        + "1\tTỷ lệ A\t%\t100\tPhòng ` Kinh : tế\n2\tTỷ lệ B\t%\t100\tBan ~ Chỉ đạo mới\n")
    #expect(plan.targets.map(\.lead) == [["Phòng Kinh tế"], ["Ban ~ Chỉ đạo mới"]])
    #expect(codes(plan).filter { $0 == "ocr.agency_repaired" }.count == 1)
  }
}

/// The first-word test that lets `ColumnLexicon.canonical` skip most cells never skips a cell
/// it would read as a column: every cell and line of the corpus, every Grammar header and
/// prefix, and those in capitals, without diacritics, with marks around them or cut short.
@Suite struct ColumnFirstWordTests {
  @Test func skeletonSkipsNoColumnName() throws {
    let lexicon = ColumnLexicon(lex: .shared)
    var cells: [String] = []
    let headers = GrammarData.table("columns").column("header") + GrammarData.table("columns-prefix").column("prefix")
    for h in headers {
      cells += [h, h.uppercased(), FoldingKey.diacriticFree(h), "(" + h + ")", h + ":", "  " + h, "1. " + h]
      let words = h.split(separator: " ")
      cells += words.indices.map { words[...$0].joined(separator: " ") }
    }
    for input in Repo.corpusInputs() {
      for line in try String(contentsOf: input, encoding: .utf8).split(separator: "\n") {
        cells.append(String(line))
        cells += line.split(separator: "\t").map(String.init)
      }
    }
    var named = 0
    var skipped = 0
    for cell in cells {
      // The full reading, without the first-word test.
      let full = lexicon.canonicalReadingEveryWay(cell)
      if full != nil { named += 1 }
      if !GrammarLexicon.shared.columnFirstWordSkeletons.contains(ColumnLexicon.firstWordSkeleton(cell)) {
        skipped += 1
        #expect(full == nil, "\(cell)")
      }
      #expect(lexicon.canonical(cell) == full, "\(cell)")
    }
    #expect(named > 100)
    #expect(skipped > cells.count / 2)
  }

  /// A scanned decision's head as OCR gave it (qd-ubnd-laocai-11's form): the rule under the
  /// issuer read as "_" beside its words, the number 11 read as "II", and "QUYẾT" read with
  /// the circumflex lost under the tone.
  static let ocrHead = """
    ỦY BAN NHÂN DÂN _ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM

    TỈNH LÀO CAI Độc lập - Tự do - Hạnh phúc
    Số: II /2026/QĐ-UBND Lào Cai, ngày 29 tháng 01 năm 2026
    QUYÉT ĐỊNH

    Ban hành Quy định về quản lý đầu tư

    Điều 1. Ban hành kèm theo Quyết định này Quy định.

    """

  @Test func ocrHeadOfADecision() throws {
    let plan = try parse(Self.ocrHead)
    #expect(plan.header.docType == "QUYẾT ĐỊNH")
    #expect(plan.header.number == "11/2026")
    #expect(plan.header.symbol == "QĐ-UBND")
    #expect(plan.header.issuer == "ỦY BAN NHÂN DÂN TỈNH LÀO CAI")
    #expect(plan.header.title?.hasPrefix("Ban hành Quy định") == true)
    #expect(codes(plan).contains("header.number_repaired"))
  }

  @Test(arguments: [
    ("II/2026", "11/2026"), ("l5", "15"), ("2O/2025", "20/2025"), ("I2/2026", "12/2026"),
  ])
  func numberWithLookAlikeLetters(_ misread: String, _ number: String) {
    #expect(HeadZoneReader.repairedNumber(misread, confusions: GrammarLexicon.shared.digitConfusions) == number)
  }

  /// A number with no real digit, a letter OCR does not mistake for a digit, or nothing to
  /// repair is left as it is.
  @Test(arguments: ["II", "12/2026", "12a/2026", "XX/2026", "", "…"])
  func numberLeftAlone(_ number: String) {
    #expect(HeadZoneReader.repairedNumber(number, confusions: GrammarLexicon.shared.digitConfusions) == nil)
  }

  /// The underscore word inside an issuer's name goes; a dash between a province's two
  /// names stays.
  @Test func issuerNameWithoutUnderscoreRule() {
    #expect(HeadZoneReader.name("ỦY BAN NHÂN DÂN _ TỈNH LÀO CAI") == "ỦY BAN NHÂN DÂN TỈNH LÀO CAI")
    #expect(HeadZoneReader.name("ỦY BAN NHÂN DÂN ___ XÃ AN PHÚ") == "ỦY BAN NHÂN DÂN XÃ AN PHÚ")
    #expect(HeadZoneReader.name("ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU") == "ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU")
    #expect(HeadZoneReader.name("SỞ Y_TẾ") == "SỞ Y_TẾ")
  }

  /// Each type line as OCR reads it when a capital loses its circumflex or horn under a tone.
  @Test(arguments: [
    ("KÉ HOẠCH", "KẾ HOẠCH"), ("QUYÉT ĐỊNH", "QUYẾT ĐỊNH"), ("NGHỊ QUYÉT", "NGHỊ QUYẾT"), ("ĐÈ ÁN", "ĐỀ ÁN"),
    ("TÒ TRÌNH", "TỜ TRÌNH"), ("QUYÊT ĐỊNH", "QUYẾT ĐỊNH"), ("KÊ HOẠCH", "KẾ HOẠCH"), ("HƯỚNG DÃN", "HƯỚNG DẪN"),
  ])
  func ocrTypeLine(_ line: String, _ type: String) throws {
    let plan = try parse("ỦY BAN NHÂN DÂN XÃ AN PHÚ\nSố: 12/KH-UBND\n\n\(line)\n\nVề việc thử\n\nI. MỤC ĐÍCH\n")
    #expect(plan.header.docType == type)
  }
}

/// The byte count of characters behind the group-label test equals Swift's Character count
/// whenever it gives one, and declines text with marks, CR or scripts where scalars join.
@Suite struct CharacterCountShortcutTests {
  @Test func scalarCountIsTheCharacterCount() throws {
    let pieces = ["I", "V", "Đ", "ạ", "ẚ", "é", "\u{301}", "\r", "\n", "\r\n", "中", "👍🏽", "\u{200D}", "x", "1", ")", "\u{1E00}", "\u{1EFF}"]
    var g = SystemRandomNumberGenerator()
    var counted = 0
    var texts: [String] = []
    for _ in 0..<10_000 {
      texts.append((0..<Int.random(in: 0...8, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined())
    }
    for input in Repo.corpusInputs() {
      texts += try String(contentsOf: input, encoding: .utf8).split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    }
    for text in texts {
      guard let n = LineCursor.scalarCountIfEachIsACharacter(text) else { continue }
      counted += 1
      #expect(n == text.count, "\(Array(text.unicodeScalars))")
    }
    #expect(counted > texts.count / 2)
  }
}
