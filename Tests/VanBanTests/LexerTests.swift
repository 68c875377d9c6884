import Foundation
import Synchronization
import Testing
@testable import VanBan
import VanBanGrammar
import VanBanInputs
import VanBanText

@Suite struct MarkupCleanerTests {
  static let cleaner = MarkupCleaner(grammar: .shared)

  @Test(arguments: [
    ("theo hướng 6 rõ “**rõ người, rõ việc**”;", "theo hướng 6 rõ “rõ người, rõ việc”;"),
    ("Phụ lục I**MỤC TIÊU****NGHỊ QUYẾT***(Kèm theo Kế hoạch)*", "Phụ lục I MỤC TIÊU NGHỊ QUYẾT (Kèm theo Kế hoạch)"),
    ("$\\geq 1,1$ và không thấp hơn", "≥ 1,1 và không thấp hơn"),
    ("$\\leq 5$", "≤ 5"),
    ("“ <i>Chuyển đổi số toàn diện</i> ”", "“ Chuyển đổi số toàn diện ”"),
    ("(<https://theodoing.dcs.vn>)", "(https://theodoing.dcs.vn)"),
    ("* *Gửi bản điện tử:*", "* Gửi bản điện tử:"),
    ("Ghi chú (*)", "Ghi chú (*)"),
    ("  nhiều    khoảng   trắng  ", "nhiều khoảng trắng"),
    ("a\u{00A0}\u{00A0}b", "a b"),
    ("\t\t“xã hội số”\t", "\t\t“xã hội số”\t"),
    ("1.\tViệc  một \t Phòng", "1.\tViệc một\tPhòng"),
    ("**KT. CHỦ TỊCH", "KT. CHỦ TỊCH"),
    ("PHÓ CHỦ TỊCH**", "PHÓ CHỦ TỊCH"),
    ("(*qua Phòng Văn hóa - Xã hội xã*)", "(qua Phòng Văn hóa - Xã hội xã)"),
    ("a < b và c > d", "a < b và c > d"),
    ("giá $5 và $6", "giá 5 và 6"),
    // Pandoc's escapes and hard line breaks; a backslash before a letter stays.
    ("1\\. Sắp xếp toàn bộ \\(huyện Vũ Thư\\)", "1. Sắp xếp toàn bộ (huyện Vũ Thư)"),
    ("     \\-\\-\\-\\-\\--**", "------"),
    ("**ỦY BAN THƯỜNG VỤ\\", "ỦY BAN THƯỜNG VỤ"),
    ("Ghi chú (\\*) và 5\\*3", "Ghi chú (*) và 5*3"),
    ("| ***Nơi nhận:\\*** | **TM. ỦY BAN NHÂN DÂN\\ |", "Nơi nhận:\tTM. ỦY BAN NHÂN DÂN"),
    ("| \\ | Trần Thanh Mẫn** |", "\tTrần Thanh Mẫn"),
    ("D:\\VanBan\\12\\QĐ", "D:\\VanBan\\12\\QĐ"),
    // A simple table's rule says nothing; one run of dashes alone stays.
    ("  -------------------------------- ----------------------", ""),
    ("-------", "-------"),
    // Before a column gap the backslash is a hard break, not an escape of the asterisks.
    ("  ***Nơi nhận:\\***                     **T/M BAN CHẤP HÀNH TRUNG ƯƠNG\\**", "Nơi nhận: T/M BAN CHẤP HÀNH TRUNG ƯƠNG"),
  ])
  func cleans(_ input: String, _ expected: String) {
    #expect(Self.cleaner.clean(Substring(input)) == expected)
  }
}

@Suite struct LineClassifierTests {
  /// An arabic marker's label is its parts' decimal digits joined by full stops, as
  /// `String(part)` writes them: every list of up to three parts from a spread of values, and
  /// the longest a marker can have.
  @Test func dottedLabelsWriteThePartsAsStringDoes() {
    let values = [0, 1, 7, 9, 10, 42, 99, 100, 105, 999, 1_000, 123_456, Int.max, -3, Int.min]
    var checked = 0
    func check(_ parts: [Int]) {
      #expect(LineClassifier.dottedLabel(parts) == parts.map(String.init).joinedText("."), "\(parts)")
      checked += 1
    }
    for a in values {
      check([a])
      for b in values {
        check([a, b])
        for c in values { check([a, b, c]) }
      }
    }
    check([105, 99, 99, 99, 99])
    #expect(checked == 15 + 15 * 15 + 15 * 15 * 15 + 1)
    #expect(LineClassifier.markerAndBody("2.3.1. Rà soát")?.0 == .arabic(label: "2.3.1", parts: [2, 3, 1]))
  }

  @Test(arguments: [
    ("I. MỤC ĐÍCH, YÊU CẦU", Marker.roman(value: 1, label: "I"), "MỤC ĐÍCH, YÊU CẦU"),
    ("IV. TỔ CHỨC THỰC HIỆN", .roman(value: 4, label: "IV"), "TỔ CHỨC THỰC HIỆN"),
    ("1. Mục đích", .arabic(label: "1", parts: [1]), "Mục đích"),
    ("1.1. UBND xã ban hành", .arabic(label: "1.1", parts: [1, 1]), "UBND xã ban hành"),
    ("2.3.1. Chuyển đổi số", .arabic(label: "2.3.1", parts: [2, 3, 1]), "Chuyển đổi số"),
    ("1.2 Không có dấu chấm cuối", .arabic(label: "1.2", parts: [1, 2]), "Không có dấu chấm cuối"),
    ("(12) Phấn đấu", .paren(12), "Phấn đấu"),
    ("a) Nội dung", .letter("a"), "Nội dung"),
    ("b. Địa điểm, số điểm quan trắc", .letter("b"), "Địa điểm, số điểm quan trắc"),
    ("đ. Đối tượng", .letter("đ"), "Đối tượng"),
    ("- Gạch đầu dòng", .bullet("-"), "Gạch đầu dòng"),
    ("+ Cộng", .bullet("+"), "Cộng"),
    ("* Sao", .bullet("*"), "Sao"),
    ("– Gạch ngang dài", .bullet("-"), "Gạch ngang dài"),
    ("105. Sắp xếp các xã", .arabic(label: "105", parts: [105]), "Sắp xếp các xã"),
    // No space after the full stop, a capital after it (a typist's slip in nq-ubtvqh-1687).
    ("18.Sắp xếp các xã", .arabic(label: "18", parts: [18]), "Sắp xếp các xã"),
  ] as [(String, Marker, String)])
  func markers(_ text: String, _ marker: Marker, _ body: String) {
    let line = LineClassifier.classify(number: 1, text: text)
    #expect(line.marker == marker)
    #expect(line.body == body)
  }

  @Test(arguments: [
    "100% cán bộ được tập huấn", "31/12/2025", "VI", "IIII. Sai", "1 cửa liên thông", "Căn cứ Nghị quyết",
    "(Chi tiết tại Phụ lục I)", "V/v triển khai", "2026. Năm", "1.100. Không", "1000. Không",
    // A star or dash before a rule: a Party head's decoration, not a bullet.
    "* ---------------", "- ------",
    // Glued only before a capital, and only to a number of one part.
    "18.sắp xếp", "3.000 người", "1.2.Nội dung",
    // A letter and a full stop before lower case: an abbreviation's, not an item's.
    "v. v. và các nội dung khác", "b. c. kết quả",
  ])
  func notMarkers(_ text: String) {
    #expect(LineClassifier.classify(number: 1, text: text).marker == nil)
  }

  @Test func tableRowsAndLoneNumbers() {
    let row = LineClassifier.classify(number: 3, text: "1.\tViệc\t\tQuý II")
    #expect(row.cells == ["1.", "Việc", "", "Quý II"])
    #expect(LineClassifier.classify(number: 4, text: "7").loneNumber == 7)
    #expect(LineClassifier.classify(number: 4, text: "2026").loneNumber == nil)
  }

  @Test func romanValues() {
    #expect(RomanNumeral.value("XIV") == 14)
    #expect(RomanNumeral.value("IIX") == nil)
    #expect((1...40).allSatisfy { RomanNumeral.value(RomanNumeral.string($0)) == $0 })
  }

  /// The byte reading of a word is the scalar reading it replaced (`model`): on every word of
  /// up to five of the letters I, V, X, L (and of C, M and others, which no numeral it reads
  /// holds).
  @Test func romanValueOnBytesIsTheScalarReading() {
    func model(_ s: [Unicode.Scalar]) -> Int? {
      let values = s.compactMap(RomanNumeral.digit)
      guard values.count == s.count, !values.isEmpty, values.count <= 7 else { return nil }
      var total = 0
      for (k, v) in values.enumerated() {
        if k + 1 < values.count, values[k + 1] > v { total -= v } else { total += v }
      }
      guard total > 0, RomanNumeral.string(total) == String(String.UnicodeScalarView(s)) else { return nil }
      return total
    }
    var words = [""]
    var all: [String] = []
    for _ in 1...5 {
      words = words.flatMap { w in ["I", "V", "X", "L", "C", "M", "i", "1", "\u{2160}"].map { w + $0 } }
      all += words
    }
    var numerals = 0
    for w in all + ["LXXXVIII", "LXXXIX", "XXXVIII", "IIIIIIII", "I\u{301}", "Ⅳ"] {
      let scalarReading = model(Array(w.unicodeScalars))
      #expect(RomanNumeral.value(w) == scalarReading, "\(w)")
      #expect(RomanNumeral.value(w[...]) == scalarReading, "\(w)")
      if scalarReading != nil { numerals += 1 }
    }
    #expect(numerals > 40)
  }
}

/// Folding a text's first words gives the start of folding it all.
@Suite struct FoldLeadingTests {
  @Test(arguments: [
    ("Lưu: VT, KT(Thủy, Nho).", 1), ("Lưu: VT, KT(Thủy, Nho).", 2), ("Nơi nhận:   - Như trên;\t- UBND tỉnh", 3),
    ("Một", 1), ("Một hai", 2), ("Một hai ba", 2), ("a \u{A0} b c", 2), ("  Đầu  ", 1), ("", 1), ("Hai từ", 0),
  ])
  func leadingFoldIsAPrefix(_ text: String, _ n: Int) {
    let all = Words.fold(text)
    if let leading = Words.foldLeading(text, n) {
      #expect(leading.count >= n)
      #expect(Array(all.prefix(leading.count)) == leading)
    } else {
      // Nothing to cut: no n-th word with text after it, or a word of white space the fold
      // dropped before it.
      let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
      #expect(n == 0 || words.count <= n || all.count < words.count)
    }
  }
}

/// The first-byte filters: a table of ASCII leads, or none when a text opens beyond ASCII
/// (a canonically equal text might then open with any byte).
@Suite struct AsciiLeadsTests {
  @Test func leadsOfASCIITexts() throws {
    let leads = try #require(GrammarLexicon.asciiLeads(of: ["Il", "H", "Vll"]))
    #expect((0..<128).filter { leads[$0] } == [0x48, 0x49, 0x56])
  }

  @Test func noTableBeyondASCII() {
    #expect(GrammarLexicon.asciiLeads(of: ["Il", "Ĩ"]) == nil)
    #expect(GrammarLexicon.asciiLeads(of: ["Il", ""]) == nil)
  }

  /// The scalars beyond ASCII that decompose canonically into ASCII are exactly the three the
  /// filter knows, each to the character it says.
  @Test func asciiSingletonsAreAllThereAre() {
    var found: [UInt32: UInt8] = [:]
    for v in UInt32(0x80)...0x10FFFF {
      guard let scalar = Unicode.Scalar(v) else { continue }
      let nfd = ICUNormalizer.nfd(String(scalar))
      if nfd.utf8.allSatisfy({ $0 < 0x80 }) { found[v] = nfd.utf8.first }
    }
    #expect(found == [0x212A: 0x4B, 0x037E: 0x3B, 0x1FEF: 0x60])
    let named = (UInt32(0x80)...0x10FFFF).compactMap { v in ScalarClass.asciiEquivalent(of: v).map { (v, $0) } }
    #expect(Dictionary(uniqueKeysWithValues: named) == found)
  }

  /// A line may equal an ASCII key only by opening with a marked byte or a singleton for one.
  @Test func opensAsASCII() {
    var leads = [Bool](repeating: false, count: 128)
    leads[0x4B] = true
    leads[0x49] = true
    #expect(GrammarLexicon.opensAsASCII("Il. A", leads: leads))
    #expect(GrammarLexicon.opensAsASCII("\u{212A}l", leads: leads))
    #expect(!GrammarLexicon.opensAsASCII("Hl", leads: leads))
    #expect(!GrammarLexicon.opensAsASCII("Ủy ban", leads: leads))
    #expect(!GrammarLexicon.opensAsASCII("\u{37E}x", leads: leads))
    #expect(!GrammarLexicon.opensAsASCII("", leads: leads))
  }

  /// Every key of the grammar's roman misreadings passes its own filter.
  @Test func romanKeysPassTheirFilter() throws {
    let lex = GrammarLexicon.shared
    let leads = try #require(lex.romanConfusionLeads)
    for key in lex.romanConfusions.keys { #expect(GrammarLexicon.opensAsASCII(key, leads: leads)) }
  }
}

/// Whether a text holds a lower-case letter, read on its bytes, is what its scalars say.
@Suite struct LowercaseTests {
  @Test(arguments: [
    ("KẾ HOẠCH", false), ("Kế hoạch", true), ("ỦY BAN NHÂN DÂN XÃ", false), ("ĐẢNG ỦY 2026", false), ("ĐẢNG ủY", true),
    ("123/KH-UBND", false), ("", false), ("ǅ", false), ("Ⅻ ⅻ", true), ("ΑΒΓ δ", true), ("ĐƯỜNG đ", true), ("ß", true),
  ])
  func lowercaseByScalars(_ text: String, _ expected: Bool) {
    #expect(LogicalText.containsLowercase(text) == expected)
    #expect(LogicalText.containsLowercase(text) == text.unicodeScalars.contains { $0.properties.isLowercase })
    #expect(LogicalText.containsLowercase(Substring(text)) == expected)
  }
}

@Suite struct NormalizeTests {
  /// seed 003: a pdftotext dump, hard-wrapped with blank lines between the pieces.
  @Test func hardWrappedParagraphsJoin() throws {
    var text = "KẾ HOẠCH\n\n"
    for k in 1...25 {
      text += "Câu số \(k) của một đoạn văn được ngắt dòng cứng bởi pdftotext ở lề phải của \n\nTrang giấy và tiếp tục ở dòng sau.\n\n"
    }
    let out = try PlanParser.normalize(Array(text.utf8))
    #expect(out.contains("ở lề phải của Trang giấy và tiếp tục ở dòng sau."))
    // Normalising the output again changes nothing.
    let again = try PlanParser.normalize(Array(out.utf8))
    #expect(again == out)
  }

  @Test func brokenHyphenJoinsWithoutSpace() {
    var t = LogicalText("Nghị quyết số 57-", line: 1)
    t.append("NQ/TW phù hợp", line: 3)
    #expect(t.text == "Nghị quyết số 57-NQ/TW phù hợp")
    #expect(t.line(atUTF8: t.text.utf8.count - 1) == 3)
  }

  /// Joined lines, written out whole while short and grown in place past
  /// `LogicalText.rewrittenWhole`, give the same text and the same line for every byte.
  @Test func joinedLinesKeepTheirTextAndLines() {
    var rng = SystemRandomNumberGenerator()
    let pieces = ["Kế hoạch", "số 57-", "NQ/TW", "phù hợp với", "(", "a", "đ", String(repeating: "ư", count: 300)]
    for _ in 0..<200 {
      let first = pieces.randomElement(using: &rng)!
      var t = LogicalText(first, line: 1)
      var expected = first
      var starts = [(0, 1)]
      for n in 2..<Int.random(in: 2...40, using: &rng) {
        let piece = pieces.randomElement(using: &rng)!
        t.append(piece, line: n)
        if !expected.hasSuffix("-") { expected += " " }
        starts.append((expected.utf8.count, n))
        expected += piece
      }
      #expect(t.text == expected)
      #expect(t.lastLine == starts.last!.1)
      for (offset, line) in starts { #expect(t.line(atUTF8: offset) == line) }
    }
  }
}

@Suite struct ReferenceExtractorTests {
  static let extractor = ReferenceExtractor(lex: .shared)

  /// A text's references are remembered by its words, and each text gets its own lines: the
  /// same paragraph at other lines cites the same documents at lines of its own; asked again,
  /// or read by a lexicon of its own (never remembered), the same.
  @Test func rememberedReferencesTakeEachTextsLines() {
    let first = "Căn cứ Nghị định số 123/2025/NĐ-CP ngày 19/6/2025; "
    let second = "Quyết định số 12/QĐ-UBND ngày 03/02/2026 của Ủy ban nhân dân tỉnh;"
    var a = LogicalText(first, line: 10)
    a.append(second, line: 11)
    var b = LogicalText(first, line: 40)
    b.append(second, line: 44)
    let fromA = Self.extractor.extractAll(from: a)
    let fromB = Self.extractor.extractAll(from: b)
    #expect(fromA.map(\.number) == ["123/2025/NĐ-CP", "12/QĐ-UBND"])
    #expect(fromA.map(\.line) == [10, 11])
    #expect(fromB.map(\.line) == [40, 44])
    #expect(zip(fromA, fromB).allSatisfy { x, y in
      x.kind == y.kind && x.number == y.number && x.date == y.date && x.issuer == y.issuer && x.alias == y.alias
    })
    #expect(Self.extractor.extractAll(from: a) == fromA)
    #expect(ReferenceExtractor(lex: GrammarLexicon()).extractAll(from: b) == fromB)
  }

  /// The byte cut of an alias at its commas gives the Character split's pieces whenever it
  /// answers, and leaves to the Character split every comma a mark or a Prepend character
  /// clings to: random texts of letters, spaces, commas, combining marks, a Prepend character
  /// and quotes, at every place.
  @Test func commaPiecesAreTheCharacterSplit() {
    let pool = ["a", "Ủ", "ế", "đ", " ", ",", ",", "\u{301}", "\u{20D0}", "\u{600}", "“", "9", "/", "-"]
    var g = PropertyTests.LCG(state: 41)
    var answered = 0
    var declined = 0
    for _ in 0..<20_000 {
      var text = ""
      for _ in 0..<g.next(24) { text += pool[g.next(pool.count)] }
      let want = text.split(separator: ",").map(String.init)
      if let got = ReferenceExtractor.commaPieces(text) {
        #expect(got.map(String.init) == want, "\(Array(text.unicodeScalars))")
        answered += 1
      } else {
        declined += 1
      }
    }
    #expect(answered > 5_000 && declined > 1_000)
    #expect(ReferenceExtractor.commaPieces("Nghị quyết số 71/NQ-CP, Nghị quyết số 11/NQ-CP")?.count == 2)
    #expect(ReferenceExtractor.commaPieces(",\u{301}a") == nil)
  }

  @Test(arguments: [
    ("Thực hiện Công văn số 8002/BKHCN-VP ngày 26/12/2025 của Bộ Khoa học và Công nghệ về việc", "Công văn", "8002/BKHCN-VP", "2025-12-26", "Bộ Khoa học và Công nghệ"),
    ("Kế hoạch hành động số 15-KH/TU ngày 12/9/2025 của Ban Thường vụ Tỉnh ủy về thực hiện", "Kế hoạch", "15-KH/TU", "2025-09-12", "Ban Thường vụ Tỉnh ủy"),
    ("Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá", "Nghị quyết", "57-NQ/TW", "2024-12-22", "Bộ Chính trị"),
    ("theo Nghị quyết số 193/2025/QH15 ngày 19/02/2025 của Quốc hội, Luật", "Nghị quyết", "193/2025/QH15", "2025-02-19", "Quốc hội"),
    ("Kế hoạch số 13- KH/TU ngày 08/01/2026 của Ban Thường vụ Tỉnh ủy.", "Kế hoạch", "13-KH/TU", "2026-01-08", "Ban Thường vụ Tỉnh ủy"),
    ("Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 về cung cấp", "Nghị định", "42/2022/NĐ-CP", "2022-06-24", nil),
    ("kết nối với Đề án số 06 của Chính phủ theo tiến độ", "Đề án", "06", nil, "Chính phủ"),
    ("Thông báo kết luận số 17-TB/CQTTBCĐ ngày 29/12/2025 của Cơ quan", "Thông báo", "17-TB/CQTTBCĐ", "2025-12-29", "Cơ quan"),
  ] as [(String, String, String, String?, String?)])
  func citations(_ text: String, _ kind: String, _ number: String, _ date: String?, _ issuer: String?) throws {
    let refs = Self.extractor.extract(from: LogicalText(text, line: 1))
    let r = try #require(refs.first)
    #expect(r.kind == kind)
    #expect(r.number == number)
    #expect(r.date == date)
    #expect(r.issuer == issuer)
  }

  @Test(arguments: [
    "(Kèm theo Kế hoạch /KH-UBND ngày / /2026 của Ủy ban nhân dân xã)",
    "Kế hoạch số: /KH-UBND ngày tháng 3",
    "Ban hành kế hoạch năm 2026",
    "ngày 31/02/2026",
  ])
  func notCitations(_ text: String) {
    #expect(Self.extractor.extract(from: LogicalText(text, line: 1)).isEmpty)
  }

  /// seed 000: the alias names the citation it abbreviates, not the nearest one.
  @Test func aliasGoesToTheNumberItRepeats() {
    let text = "Kế hoạch số 129/KH-UBND ngày 14/11/2025 của UBND tỉnh về thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ (sau đây viết tắt là Kế hoạch số 129/KH-UBND)."
    let refs = Self.extractor.extract(from: LogicalText(text, line: 9))
    #expect(refs.first { $0.number == "129/KH-UBND" }?.alias == "Kế hoạch số 129/KH-UBND")
    #expect(refs.first { $0.number == "71/NQ-CP" }?.alias == nil)
  }

  /// The scan that lets `extract` skip a text never skips one the full reading finds a
  /// citation in: every line of every corpus document, and every two lines joined (citations
  /// break across lines), plus the citations above.
  @Test func citationScanDropsNoCitation() throws {
    var texts = [
      "Quyết định số: 12/QĐ-UBND", "Quyết định số : 12/QĐ-UBND", "Kế hoạch: 05/KH", "Thông tư 01/2024/TT-BTTTT",
    ]
    for input in Repo.corpusInputs() {
      let lines = try String(contentsOf: input, encoding: .utf8).split(separator: "\n").map(String.init)
      texts += lines
      texts += zip(lines, lines.dropFirst()).map { $0 + " " + $1 }
    }
    var withCitations = 0
    var skipped = 0
    for text in texts {
      let refs = Self.extractor.extractAll(from: LogicalText(text, line: 1))
      if !refs.isEmpty { withCitations += 1 }
      // The walk that answers both questions answers each as its own scan does.
      let both = Self.extractor.scan(text, labels: true)
      #expect(both.citation == Self.extractor.mayHoldCitation(text) && both.label == AnnexMentions.hasLabelWord(text))
      // The scan jumps to words opening with a digit or a Roman digit; walking every pair of
      // neighbouring words gives the same citation answer.
      let words = text.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).map { Substring($0) }
      let pairCites = zip(words, words.dropFirst()).contains { pair in
        var (lead, number) = pair
        return number.withUTF8 { ReferenceExtractor.mayBeNumberToken($0) }
          && lead.withUTF8 { Self.extractor.leadsCitationNumber($0) }
      }
      #expect(both.citation == pairCites, "\(text)")
      if !Self.extractor.mayHoldCitation(text) {
        skipped += 1
        #expect(refs.isEmpty, "\(text)")
      }
    }
    #expect(withCitations > 100)
    #expect(skipped > texts.count / 2)
  }

  @Test(arguments: [("22/12/2024", "2024-12-22"), ("1/4/2025", "2025-04-01"), ("29/2/2024", "2024-02-29")])
  func isoDates(_ text: String, _ iso: String) {
    #expect(ReferenceExtractor.isoDate(Substring(text)) == iso)
  }

  @Test(arguments: ["29/2/2025", "31/4/2026", "12/2026", "0/1/2026"])
  func notDates(_ text: String) {
    #expect(ReferenceExtractor.isoDate(Substring(text)) == nil)
  }

  /// Dates read on the bytes as the Character path reads them.
  @Test(arguments: [
    "22/12/2024", "1/4/2025.", "29/2/2024),", "29/2/2025", "31/4/2026", "12/2026", "0/1/2026", "1//2/2025",
    "01/02/2025;", "+1/2/2025", "1/2/20250", "1/2/025", "99999999999999999999/1/2025", "5/5/2025a", "5/5/2025²",
    "/5/5/2025/", "a5/5/2025", "31/12/1999", "30/2/2024", "15-KH/2025",
  ])
  func isoDatesMatchTheCharacterPath(_ word: String) {
    #expect(ReferenceExtractor.isoDate(Substring(word)) == ReferenceExtractor.characterISODate(Substring(word)))
  }

  /// The byte path for ASCII words gives what the Character path gives.
  @Test(arguments: [
    "57-NQ/TW,", "193/2025/QH15.", "06", "06;", "0612", "100%", "2025", "12/2026)", "13-", "1.5",
    "3:", "9a", "15-KH/TU:.", "4/", "7)", "ab/1", "", ".", "1,2", "1.000.000", "25-", "1_2",
  ])
  func asciiNumberTokensMatchTheGeneralPath(_ word: String) {
    let fast = ReferenceExtractor.asciiNumberToken(Substring(word))
    #expect(fast != nil)
    #expect((fast?.isEmpty == true ? nil : fast) == ReferenceExtractor.scalarNumberToken(Substring(word)))
  }

  /// A number's key read scalar by scalar is the key upper-casing and filtering the String's
  /// Characters gives, for Latin letters beyond ASCII too (ß, ŉ and ǰ upper-case to two).
  @Test(arguments: ["22-ĐA/TU", "qđ-ubnd", "Số 12 /QĐ - UBND", "ß-1", "ŉ 2", "ǰ x", "ẖ 1", "ỷ-đ", "Ă ă Ơ ơ Ư ư"])
  func latinNumberKeysMatchTheCharacterPath(_ number: String) {
    #expect(ReferenceIndex.latinNumberKey(number) == String(number.uppercased().filter { $0 != " " }))
    #expect(ReferenceIndex.numberKey(number) == String(number.uppercased().filter { $0 != " " }))
  }

  /// A key written in one go (ASCII numbers and "Đ"/"đ") is the key joined from `numberKey`;
  /// any other number falls back to it.
  @Test(arguments: [
    "22-ĐA/TU", "qđ-ubnd", "Số 12 /QĐ - UBND", "12/2023/TT-BTC", "", " ", "đ", "ß-1", "α-1", "12–KH", "ỷ-đ",
    "số\u{301} 1", "45/KH-UBND ", "Đ",
  ])
  func writtenKeysMatchTheJoinedKey(_ number: String) {
    let kind = FoldingKey.toneInsensitive("Quyết định")
    #expect(ReferenceIndex.key(kind: kind, number: number) == String.joining(kind, "|", ReferenceIndex.numberKey(number)))
  }

  /// The shared fold of kinds gives the fold, for a kind met again and for one met first.
  @Test func kindKeysAreTheFold() {
    let kinds = ReferenceIndex.KindKeys()
    for kind in ["Quyết định", "Kế hoạch", "Quyết định", "Nghị quyết", "Kế hoạch", ""] {
      #expect(kinds.key(kind) == FoldingKey.toneInsensitive(kind))
    }
  }

  /// Other scalars are left to the Character path.
  @Test(arguments: ["α-1", "12–KH", "số\u{301} 1"])
  func otherNumbersTakeTheCharacterPath(_ number: String) {
    #expect(ReferenceIndex.latinNumberKey(number) == nil)
    #expect(ReferenceIndex.numberKey(number) == String(number.uppercased().filter { $0 != " " }))
  }
}

@Suite struct ZoneWordsTests {
  /// The zone roles exist in Grammar/keywords.tsv, and the first-word set the structure
  /// parser consults before matching them holds the first word of every zone phrase.
  @Test func zoneFirstWordsCoverEveryZonePhrase() {
    let lex = GrammarLexicon.shared
    for role in GrammarLexicon.zoneRoles {
      let matcher = lex.keyword(role)
      #expect(!matcher.entries.isEmpty, "role \(role.name) is in keywords.tsv")
      for e in matcher.entries { #expect(lex.zoneFirstWords.contains(e.words[0]), "\(e.words)") }
    }
    for e in lex.docTypes.entries { #expect(lex.zoneFirstWords.contains(e.words[0])) }
  }

  /// A phrase test on a line reads only its first words: what it finds is what the line's
  /// whole fold gives, and the words it reads are a prefix of that fold, for lines of zone
  /// phrases, document types and other words, with tabs, no-break spaces, marks, capitals and
  /// words the table does not cover.
  @Test func phraseTestsOnLeadingWordsMatchTheWholeLine() {
    let lex = GrammarLexicon.shared
    let pieces = [
      "Kế hoạch", "KẾ HOẠCH", "Nơi nhận:", "Căn cứ", "Quyết định", "này", "năm 2026", "xã", " ", " ", "  ", "\t",
      "\u{A0}", "\u{2003}", "\u{3000}", "thực hiê\u{300}n", "𝐊ế", "–", "Điều", "1.", "Thông báo", "Chương", "II",
    ]
    var g = PropertyTests.LCG(state: 5)
    var matched = 0
    for _ in 0..<8_000 {
      let text = (0..<(1 + g.next(9))).map { _ in pieces[g.next(pieces.count)] }.joined(separator: g.next(3) == 0 ? "" : " ")
      let probe = LineClassifier.classify(number: 1, text: text)
      let whole = LineClassifier.classify(number: 1, text: text).words
      for n in 0..<6 {
        let leading = probe.leadingWords(n)
        #expect(Array(whole.prefix(leading.count)) == leading, "\(text) n=\(n)")
        #expect(leading.count >= min(n, whole.count), "\(text) n=\(n)")
      }
      for m in [lex.docTypes, lex.keyword(.recipients), lex.keyword(.legalBasis), lex.keyword(.chapter)] {
        let line = LineClassifier.classify(number: 1, text: text)
        let prefix = m.matchPrefix(line)
        let wholeMatch = line.bareFirstWord.map(m.starts(with:)) == true ? m.matchWhole(whole) : nil
        #expect(prefix?.value == (line.bareFirstWord.map(m.starts(with:)) == true ? m.matchPrefix(whole)?.value : nil), "\(text)")
        #expect(m.matchWhole(LineClassifier.classify(number: 1, text: text)) == wholeMatch, "\(text)")
        if prefix != nil { matched += 1 }
      }
    }
    #expect(matched > 300)
  }

  /// Every role the parser asks for is a role of keywords.tsv, named there in snake case,
  /// with the phrases the file gives it.
  @Test func everyKeywordRoleIsInTheGrammar() throws {
    #expect(KeywordRole.legalBasis.name == "legal_basis")
    #expect(KeywordRole.responsibilitiesHeading.name == "responsibilities_heading")
    #expect(KeywordRole.and.name == "and")
    let lex = GrammarLexicon.shared
    for role in KeywordRole.allCases {
      let phrases = lex.phrases(role.name)
      #expect(!phrases.isEmpty, "role \(role.name) is in keywords.tsv")
      #expect(lex.keyword(role).entries.count == phrases.count, "\(role.name)")
    }
    #expect(lex.keyword(.recipients).matchPrefix(Words.fold("Nơi nhận:")) != nil)
  }
}

@Suite struct BareMatchTests {
  /// `matchPrefix(bare:)` answers as `matchPrefix` for words that are bare already, drawn from
  /// the phrases' own words (so prefixes and whole phrases come up) and others.
  @Test func bareWordsMatchAsTheyAreBared() {
    let lex = GrammarLexicon.shared
    let matchers = [lex.docKinds, lex.issuers, lex.docTypes] + KeywordRole.allCases.map { lex.keyword($0) }
    var rng = SystemRandomNumberGenerator()
    let extra = ["", "số", "(", "của", "ngày", "x", "2024"]
    var matched = 0
    for m in matchers {
      let vocabulary = m.entries.flatMap(\.words) + extra
      for _ in 0..<300 {
        var words: [String]
        if let e = m.entries.randomElement(using: &rng), Bool.random(using: &rng) {
          words = e.words + (0..<Int.random(in: 0...2, using: &rng)).map { _ in vocabulary.randomElement(using: &rng)! }
        } else {
          words = (0..<Int.random(in: 1...5, using: &rng)).map { _ in vocabulary.randomElement(using: &rng)! }
        }
        words = words.map(Words.bare)
        let plain = m.matchPrefix(words[...])
        let bare = m.matchPrefix(bare: words[...])
        #expect(plain?.value == bare?.value && plain?.count == bare?.count, "\(words)")
        if plain != nil { matched += 1 }
      }
    }
    #expect(matched > 1_000)
  }
}

@Suite struct WordsTests {
  @Test func wordsOnSpacesAreCountedAsSplit() {
    var rng = SystemRandomNumberGenerator()
    let pieces = ["a", "ế", " ", "  ", "\t", "\u{A0}", ":", "Phòng", "\n"]
    for _ in 0..<2_000 {
      let text = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
      #expect(Words.countOnSpaces(text) == Words.splitOnSpaces(text).count, "\(text.debugDescription)")
    }
  }

  /// `hasPrefixQuickly` answers as `hasPrefix` does, including where bytes and Characters
  /// disagree (a combining mark after the prefix, "\r\n", the Kelvin sign and the other two
  /// scalars equal to an ASCII one, precomposed against decomposed letters, a Prepend
  /// character), and for prefixes with Vietnamese letters inside ("KT. CHỦ TỊCH").
  @Test func quickPrefixIsHasPrefix() {
    let prefixes = [
      "TM.", "KT", "(", "- ", "K", "\r", "ế", "", "KT. CHỦ TỊCH", "CHỦ TỊCH", "CH", "e;", "a`", "Ủ", "e\u{301}x",
      "\u{600}1",
    ]
    let pieces = [
      "TM.", "T", "M", ".", "K", "\u{212A}", "\u{301}", "(", " ", "-", "\r", "\n", "ế", "e", "x", "KT. ", "CHỦ",
      "CH", "Ủ", "U\u{309}", " TỊCH", "Căn", ";", "\u{37E}", "`", "\u{1FEF}", "a", "\u{600}", "1", "é",
    ]
    let texts = [
      "KT. CHỦ TỊCH", "KT. CHỦ TỊCH Nguyễn Văn A", "KT. CHỦ TỊCH\u{301}", "KT. CHU\u{309} TỊCH", "\u{212A}T. CHỦ TỊCH",
      "Căn cứ Luật", "CHỦ TỊCH", "CHỦ TỊCHx", "Chủ tịch", "e\u{37E}", "a\u{1FEF}", "éx", "e\u{301}x", "\u{600}1",
    ]
    for text in texts {
      for p in prefixes {
        #expect(text.hasPrefixQuickly(p) == text.hasPrefix(p), "\(Array(text.unicodeScalars)) / \(p)")
      }
    }
    var g = PropertyTests.LCG(state: 3)
    for _ in 0..<20_000 {
      let text = (0..<g.next(5)).map { _ in pieces[g.next(pieces.count)] }.joined()
      for p in prefixes {
        #expect(text.hasPrefixQuickly(p) == text.hasPrefix(p), "\(Array(text.unicodeScalars)) / \(p)")
      }
    }
  }

  /// `bare` on the bytes strips what the Character comparison strips, also where the
  /// punctuation sits next to a mark, a Prepend character or a Vietnamese letter.
  @Test func bareMatchesTheCharacterComparison() {
    let pieces = ["(", ")", ":", ",", ".", ";", "a", "ã", "ế", "\u{301}", "\u{600}", "\u{200D}", "\r", "xã", "1"]
    var g = PropertyTests.LCG(state: 13)
    var stripped = 0
    for _ in 0..<5_000 {
      let w = (0..<g.next(6)).map { _ in pieces[g.next(pieces.count)] }.joined()
      let fast = Words.bare(w)
      #expect(fast == Words.bareByCharacters(w), "\(Array(w.unicodeScalars))")
      if fast != w { stripped += 1 }
    }
    #expect(stripped > 1_000)
  }

  /// A line's tab cells are its tab-separated pieces with the spaces around them dropped.
  @Test func tabCellsAreTrimmedPieces() {
    let pieces = ["\t", " ", "a", "Ủy ban", "ế", "\u{301}", "  ", "1"]
    var g = PropertyTests.LCG(state: 9)
    for _ in 0..<3_000 {
      let text = (0..<g.next(8)).map { _ in pieces[g.next(pieces.count)] }.joined()
      // Spaces are dropped as bytes (a space before a combining mark too).
      let expected = Array(text.utf8).split(separator: 0x09, omittingEmptySubsequences: false).map { piece in
        String(decoding: piece.drop { $0 == 0x20 }.reversed().drop { $0 == 0x20 }.reversed(), as: UTF8.self)
      }
      let row = LineClassifier.tabRow(text)
      #expect(row.cells == expected, "\(Array(text.unicodeScalars))")
      let filled = expected.filter { !$0.isEmpty }
      #expect(row.joined == (filled.isEmpty ? nil : filled.joined(separator: " ")))
    }
  }

  /// `String(scalars:)` gives what the scalar view gives, for scalars of every UTF-8 length.
  @Test func stringOfScalarsIsTheScalarView() {
    let pool: [Unicode.Scalar] = ["a", "\u{0}", "\u{7F}", "\u{80}", "ế", "\u{7FF}", "\u{800}", "\u{1EF9}", "\u{FFFF}", "\u{10000}", "😀", "\u{10FFFF}"]
    var g = PropertyTests.LCG(state: 5)
    for _ in 0..<1_000 {
      let scalars = (0..<g.next(9)).map { _ in pool[g.next(pool.count)] }
      #expect(String(scalars: scalars) == String(String.UnicodeScalarView(scalars)))
      #expect(String(scalars: scalars[...]) == String(String.UnicodeScalarView(scalars[...])))
    }
  }

  /// `joinedText` gives what `joined(separator:)` gives, byte for byte, on strings and on
  /// substrings: words, and lines long enough for the appending path.
  @Test func joinedTextIsJoined() {
    let line = "Ủy ban nhân dân xã triển khai kế hoạch chuyển đổi số năm 2026"
    let pieces = ["", "a", "Ủy ban", "xã", " ", "\t", "😀", "ế\u{301}", "1/2026", line, line + line, "\u{301}" + line]
    var g = PropertyTests.LCG(state: 11)
    for _ in 0..<4_000 {
      let parts = (0..<g.next(6)).map { _ in pieces[g.next(pieces.count)] }
      for separator in ["", " ", "\n", " – "] {
        #expect(Array(parts.joinedText(separator).utf8) == Array(parts.joined(separator: separator).utf8))
        let subs = parts.map { $0.dropFirst(0) }
        #expect(Array(subs[...].joinedText(separator).utf8) == Array(subs.joined(separator: separator).utf8))
      }
    }
  }

  @Test(arguments: ["", " ", "  a  b", "II Công tác", "1", "Đ  x", "\ta b", "a\u{0301} b"])
  func firstOnSpacesIsTheFirstOfSplitOnSpaces(_ s: String) {
    #expect(Words.firstOnSpaces(s) == Words.splitOnSpaces(s).first)
    #expect(Words.firstStringOnSpaces(s) == Words.splitOnSpaces(s).first.map(String.init))
  }

  /// The byte test for a row number reads what `Int` read of a word of at most three
  /// characters that are all numbers.
  @Test(arguments: ["1", "012", "999", "1234", "", "²", "+1", "-1", "١", "1a", "٣٣", "1²"])
  func rowNumbersAsTheCharacterTestReadThem(_ word: String) {
    let old = word.allSatisfy(\.isNumber) && !word.isEmpty && word.count <= 3 ? Int(word) : nil
    #expect(LineCursor.rowNumber(word[...]) == old)
  }

  @Test func endOfWordCountsLikeSplit() {
    let s = "  Nội dung\tcông việc  cụ thể "
    #expect(Words.split(Substring(s)).count == 6)
    #expect(Words.endOfWord(2, in: s, ifMoreThan: 4).map { String(s[..<$0]) } == "  Nội dung")
    #expect(Words.endOfWord(2, in: s, ifMoreThan: 6) == nil)
    #expect(Words.endOfWord(9, in: s, ifMoreThan: 3).map { String(s[..<$0]) } == "  Nội dung\tcông việc  cụ thể")
    #expect(Words.endOfWord(1, in: "", ifMoreThan: 0) == nil)
  }

  /// A cell longer than every column name still finds its column by a prefix (the short path
  /// folds only the words a prefix can take).
  @Test func longCellsMatchByPrefixOnly() {
    let columns = ColumnLexicon(lex: .shared)
    let lex = GrammarLexicon.shared
    guard let prefix = lex.columnPrefixes.entries.first else { return }
    let cell = ([prefix.words.joined(separator: " ")] + Array(repeating: "thêm", count: lex.longestColumnName + 1)).joined(separator: " ")
    #expect(columns.canonical(cell) == prefix.value)
    #expect(columns.canonical(Array(repeating: "thêm", count: lex.longestColumnName + 1).joined(separator: " ")) == nil)
  }
}

@Suite struct ColumnSkeletonLeadTests {
  /// The lead-byte test in front of `ColumnLexicon.canonical` turns away no cell the full
  /// reading accepts: on every column name and prefix as written, upper-cased, lower-cased,
  /// broken at a space, and on every line and every tab or pipe cell of the corpus.
  @Test func leadByteTestDropsNoColumnName() throws {
    let lex = GrammarLexicon.shared
    let columns = ColumnLexicon(lex: lex)
    func unfiltered(_ header: String) -> String? {
      if lex.columnFirstWordSkeletons.contains(ColumnLexicon.firstWordSkeleton(header)),
        let name = columns.canonicalReadingEveryWay(header)
      {
        return name
      }
      guard header.utf8.count <= 12, header.utf8.contains(0x20) else { return nil }
      let joined = String(header.filter { $0 != " " })
      guard lex.columnFirstWordSkeletons.contains(ColumnLexicon.firstWordSkeleton(joined)) else { return nil }
      return columns.canonicalReadingEveryWay(joined)
    }
    var cells: [String] = []
    for name in GrammarData.table("columns").column("header") + GrammarData.table("columns-prefix").column("prefix") {
      cells += [name, name.uppercased(), name.lowercased(), "1 " + name, "(" + name + ")"]
      if name.utf8.count > 2 { cells.append(String(name.prefix(2)) + " " + String(name.dropFirst(2))) }
    }
    let real = try FileManager.default.contentsOfDirectory(at: Repo.corpus.appendingPathComponent("real"), includingPropertiesForKeys: nil)
      .filter { $0.pathExtension == "txt" }
    for input in Repo.corpusInputs() + real {
      // Some real documents are in legacy encodings: read leniently, they are cells all the same.
      let text = String(decoding: try Data(contentsOf: input), as: UTF8.self)
      // Tab and pipe cells, and every line as a cell of its own.
      for line in text.split(separator: "\n") {
        cells.append(line.trimmingSpaces())
        if line.contains("\t") || line.contains("|") {
          cells += line.split(whereSeparator: { $0 == "\t" || $0 == "|" }).map { $0.trimmingSpaces() }
        }
      }
    }
    #expect(cells.count > 5_000)
    var named = 0
    for cell in cells {
      let expected = unfiltered(cell)
      #expect(columns.canonical(cell) == expected, "\(cell)")
      if expected != nil { named += 1 }
    }
    #expect(named > 100)
  }
}

@Suite struct WithoutSpacesTests {
  /// Spaces dropped on the bytes are what the Character filter drops, with spaces beside
  /// combining marks and letters beyond ASCII, which the bytes leave to the filter.
  @Test(arguments: ["ST T", " STT ", "S T T", "", " ", "Đơn vị", "a \u{301}b", "\u{301} x", "ư a", "a ư", "T  T", "x\u{200D} y"])
  func withoutSpacesIsTheCharacterFilter(_ s: String) {
    #expect(Array(ColumnLexicon.withoutSpaces(s).utf8) == Array(String(s.filter { $0 != " " }).utf8))
  }
}

@Suite struct PrefixOfSomeTests {
  /// `isPrefixOfSome` is the comparison it was written as (every entry longer than the words,
  /// its first words the words bared), on every proper prefix of every column name and
  /// document type, with punctuation clinging to the last word, and on words no phrase opens.
  @Test func prefixOfSomeIsTheEntryComparison() {
    let lex = GrammarLexicon.shared
    for matcher in [lex.columns, lex.columnPrefixes, lex.docTypes] {
      func model(_ words: [String]) -> Bool {
        guard !words.isEmpty else { return false }
        return matcher.entries.contains { e in
          e.words.count > words.count && zip(e.words, words).allSatisfy { UTF8Key($0) == UTF8Key(Words.bare($1)) }
        }
      }
      var cases: [[String]] = [[], ["không", "có"], ["zzz"]]
      for e in matcher.entries {
        for n in 1..<max(1, e.words.count) {
          let prefix = Array(e.words.prefix(n))
          cases.append(prefix)
          cases.append(prefix.dropLast() + [prefix.last! + ":"])
          cases.append(prefix + ["zzz"])
        }
        cases.append(e.words)
      }
      var yes = 0
      for words in cases {
        #expect(matcher.isPrefixOfSome(words) == model(words), "\(words)")
        if model(words) { yes += 1 }
      }
      #expect(yes > 0)
    }
  }
}

@Suite struct FirstWordTests {
  /// The first word folded alone is the first word of the whole line's fold, on every line of
  /// every corpus document (cleaned as the parser cleans them).
  @Test func firstWordIsTheFirstOfTheWords() throws {
    let cleaner = MarkupCleaner(grammar: .shared)
    var checked = 0
    for input in Repo.corpusInputs() {
      let text = try String(contentsOf: input, encoding: .utf8)
      for (k, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let first = LineClassifier.classify(number: k + 1, text: cleaner.clean(raw)).firstWord
        let words = LineClassifier.classify(number: k + 1, text: cleaner.clean(raw)).words
        #expect(first == words.first, "\(Repo.relative(input)):\(k + 1)")
        checked += 1
      }
    }
    #expect(checked > 2_000)
  }

  /// One document's table of folded words answers as the folds themselves: every word of
  /// every corpus document asked twice through one table (the second answer comes from the
  /// table).
  @Test func wordTableAnswersAsTheFolds() throws {
    let cleaner = MarkupCleaner(grammar: .shared)
    let folds = WordFolds()
    var asked = 0
    for input in Repo.corpusInputs() {
      let text = try String(contentsOf: input, encoding: .utf8)
      for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let clean = cleaner.clean(raw)
        for word in Words.split(Substring(clean)) {
          let want = Words.bare(FoldingKey.toneInsensitive(word))
          #expect(folds.bare(word) == want && folds.bare(word) == want, "\(word)")
          asked += 1
        }
      }
    }
    #expect(asked > 20_000)
    // Words that differ only in case, tone placement or clinging punctuation stay apart as
    // keys and fold alike.
    #expect(folds.bare("Hoà,") == folds.bare("hòa") && folds.bare("NĂM") == "năm")
  }

  /// `PerThread`: one object a thread, the same on every call, another on another thread, a
  /// new one when the held one is full, and the thread's object released when it ends.
  @Test func perThreadObjectsAreEachThreadsOwn() {
    final class Box {
      var n = 0
      let freed: @Sendable () -> Void
      init(freed: @escaping @Sendable () -> Void) { self.freed = freed }
      deinit { freed() }
    }
    let releases = Mutex(0)
    let boxes = PerThread { Box(freed: { releases.withLock { $0 += 1 } }) }
    let mine = boxes.value(renewingWhen: { $0.n >= 2 })
    mine.n = 1
    #expect(boxes.value(renewingWhen: { $0.n >= 2 }) === mine)
    mine.n = 2
    let renewed = boxes.value(renewingWhen: { $0.n >= 2 })
    #expect(renewed !== mine && renewed.n == 0)
    let theirs = Mutex<ObjectIdentifier?>(nil)
    let thread = Thread {
      theirs.withLock { $0 = ObjectIdentifier(boxes.value(renewingWhen: { _ in false })) }
    }
    let before = releases.withLock { $0 }
    thread.start()
    // The other thread's box is released when the thread ends.
    for _ in 0..<500 where releases.withLock({ $0 }) == before { usleep(10_000) }
    #expect(theirs.withLock { $0 } != nil && theirs.withLock { $0 } != ObjectIdentifier(renewed))
    #expect(releases.withLock { $0 } == before + 1)
  }

  /// Each thread has its own table, kept from one document to the next, and started afresh
  /// once it holds `WordFolds.limit` words; its answers are the folds'.
  @Test func eachThreadKeepsItsOwnWordTable() {
    let mine = WordFolds.forThisThread()
    #expect(WordFolds.forThisThread() === mine)
    #expect(mine.bare("Hoà,") == Words.bare(FoldingKey.toneInsensitive("Hoà,")))
    let other = Mutex<ObjectIdentifier?>(nil)
    let done = DispatchSemaphore(value: 0)
    Thread {
      let theirs = WordFolds.forThisThread()
      other.withLock { $0 = ObjectIdentifier(theirs) }
      done.signal()
    }.start()
    done.wait()
    #expect(other.withLock { $0 } != ObjectIdentifier(mine))
    // Filled to the limit, the thread's next table is a new, empty one.
    var k = mine.count
    while mine.count < WordFolds.limit {
      _ = mine.bare(Substring("w\(k)"))
      k += 1
    }
    let next = WordFolds.forThisThread()
    #expect(next !== mine && next.count == 0)
    #expect(next.bare("NĂM") == "năm")
  }

  /// The word list the citation and annex readers cut is `Words.split`'s words, where they
  /// stand, and joins them as `joinedText` does, on every corpus line (tabs and runs of
  /// spaces included).
  /// The sixteen-byte steps cut the words `split` cuts at every length and alignment: words
  /// and runs of spaces and tabs that start, end and cross the steps' edges.
  @Test func wordListCutsAsSplitAtEveryAlignment() {
    var g = PropertyTests.LCG(state: 29)
    let pieces = ["a", "bc", "ế", " ", "\t", "   ", "xxxxxxxxxxxxxxx"]
    for _ in 0..<5_000 {
      let raw = Substring((0..<g.next(30)).map { _ in pieces[g.next(pieces.count)] }.joined())
      let list = Words.list(raw)
      let split = Words.split(raw)
      #expect(Array(list) == split && list.firstBytes == split.map { $0.utf8.first! }, "\(raw.debugDescription)")
    }
  }

  @Test func wordListIsTheSplitWords() throws {
    var lines = 0
    for input in Repo.corpusInputs() {
      let text = try String(contentsOf: input, encoding: .utf8)
      for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let list = Words.list(raw)
        let split = Words.split(raw)
        #expect(Array(list) == split && list.firstBytes == split.map { $0.utf8.first! })
        for (k, word) in split.enumerated() {
          #expect(list.offset(k) == raw.utf8.distance(from: raw.startIndex, to: word.startIndex))
        }
        for r in [0..<split.count, 0..<min(1, split.count), (split.count / 2)..<split.count] {
          #expect(list.joined(r) == split[r].joinedText(" "))
        }
        let onSpaces = Words.listOnSpaces(raw)
        let bySpaces = Words.splitOnSpaces(raw)
        #expect(Array(onSpaces) == bySpaces && onSpaces.firstBytes == bySpaces.map { $0.utf8.first! })
        #expect(onSpaces.joined(0..<bySpaces.count) == bySpaces.joinedText(" "))
        lines += 1
      }
    }
    #expect(lines > 2_000)
    #expect(Words.list(" \t ").isEmpty && Words.list("").isEmpty && Words.listOnSpaces("a\tb  c").count == 2)
  }
}

/// The byte scans that let extractors skip a text agree with the word-by-word tests they stand
/// in for, on every line of every corpus document.
@Suite struct PrefilterTests {
  @Test func scansAgreeWithTheWords() throws {
    var lines = 0
    var labels = 0
    var numbers = 0
    for input in Repo.corpusInputs() {
      let text = try String(contentsOf: input, encoding: .utf8)
      for line in text.split(separator: "\n") {
        let s = String(line)
        let words = Words.split(Substring(s))
        let hasLabel = words.contains(where: AnnexMentions.mayBeLabel)
        #expect(AnnexMentions.hasLabelWord(s) == hasLabel, "\(s)")
        let numberWords = words.filter { ($0.utf8.first ?? 0) &- 0x30 < 10 && ReferenceExtractor.numberToken($0) != nil }
        let hasNumber = !numberWords.isEmpty
        // The byte test may let a word through that only the general path judges, never drop one.
        for w in numberWords {
          var w = w
          #expect(w.withUTF8 { ReferenceExtractor.mayBeNumberToken($0) }, "\(w)")
        }
        lines += 1
        if hasLabel { labels += 1 }
        if hasNumber { numbers += 1 }
      }
    }
    #expect(lines > 1_000)
    #expect(labels > 20)
    #expect(numbers > 20)
    #expect(AnnexMentions.hasLabelWord("Phụ lục IV."))
    #expect(!AnnexMentions.hasLabelWord("năm 2025, 100%"))
    for (word, expected) in [("57-KH/UBND", true), ("06", true), ("100%", false), ("2025", false), ("hoạch", false)] {
      var w = word
      #expect(w.withUTF8 { ReferenceExtractor.mayBeNumberToken($0) } == expected, "\(word)")
    }
  }

  /// Label words: Roman digits only, or one or two ASCII digits, before trailing punctuation.
  @Test(arguments: [
    ("IV.", true), ("II,", true), ("12)", true), ("1", true), ("XL;", true), ("123", false), ("IVa", false),
    ("Iv", false), ("a1", false), (").", false), ("", false), ("1I", false), ("VI:.", true), ("(1)", false),
  ])
  func labelWords(_ word: String, _ expected: Bool) {
    #expect(AnnexMentions.mayBeLabel(word[...]) == expected)
  }
}

@Suite struct WrapPolicyTests {
  /// The sixteen- and eight-bytes-at-a-time count equals the scalar count, on every corpus
  /// line and on lines of every length around both step sizes, and stops at its limit.
  @Test func scalarCountMatchesScalars() throws {
    for input in Repo.corpusInputs() {
      for line in try String(contentsOf: input, encoding: .utf8).split(separator: "\n") {
        #expect(WrapPolicy.scalarCount(String(line)) == line.unicodeScalars.count)
      }
    }
    for n in 0..<40 {
      let s = String(repeating: "ế", count: n) + String(repeating: "a", count: n % 17) + "𝄞"
      #expect(WrapPolicy.scalarCount(s) == s.unicodeScalars.count)
      // Capped, as the wrap test asks: the count up to the limit, never past it.
      for limit in [0, 1, 7, 8, 9, 16, 40] {
        #expect(WrapPolicy.scalarCount(s, upTo: limit) == min(limit, s.unicodeScalars.count), "\(n) \(limit)")
      }
    }
    // Long lines, whose continuation bytes are tallied lane by lane and summed every 256
    // bytes: lengths around those sums and far past what one lane could count unsummed.
    for n in [85, 86, 87, 170, 171, 1_000, 5_000] {
      for tail in ["", "a", "ab", "𝄞"] {
        let s = String(repeating: "ế", count: n) + tail
        #expect(WrapPolicy.scalarCount(s) == s.unicodeScalars.count, "\(n)")
        for limit in [1, 255, 256, 300, n] {
          #expect(WrapPolicy.scalarCount(s, upTo: limit) == min(limit, s.unicodeScalars.count), "\(n) \(limit)")
        }
      }
    }
  }
}

/// The 95th-percentile line length read from a histogram equals the one read from sorted
/// lengths, around the hard-wrap limit and far beyond it.
@Suite struct WrapPolicyPercentileTests {
  @Test func histogramGivesTheSortedPercentile() {
    var g = PropertyTests.LCG(state: 5)
    for _ in 0..<300 {
      let count = 15 + g.next(60)
      let spread = [20, 150, 400, 700][g.next(4)]
      let lengths = (0..<count).map { _ in 1 + g.next(spread) }
      // Vietnamese letters take three bytes: the byte shortcut must still count scalars.
      let lines = lengths.enumerated().map { k, n in
        LineClassifier.classify(number: k + 1, text: "ề" + String(repeating: "a", count: n - 1))
      }
      let policy = WrapPolicy(lines: lines)
      let sorted = lengths.sorted()
      if count < 20 {
        #expect(!policy.isHardWrapped && policy.fullLine == .max)
        continue
      }
      let p95 = sorted[count * 95 / 100]
      #expect(policy.isHardWrapped == (p95 <= 140), "\(lengths)")
      #expect(policy.fullLine == (p95 <= 140 ? p95 * 65 / 100 : .max), "\(lengths)")
    }
  }
}

/// Lines cut sixteen and eight bytes at a time are the lines Swift's own split gives on LF, CRLF and lone
/// CR, numbered from 1, the empty ones between two breaks kept.
@Suite struct LineSplitterTests {
  @Test func linesMatchTheStandardSplit() {
    let pieces = ["a", "ế", " ", "\n", "\r", "\r\n", "\t", "xyz12345", "\n\n"]
    var g = SystemRandomNumberGenerator()
    for _ in 0..<5_000 {
      let text = (0..<Int.random(in: 0...40, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined()
      // Characters: "\r\n" is one Character, so splitting on newline Characters cuts at LF,
      // CRLF and CR alike; a break at the very end leaves no empty last line.
      var want = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).map(String.init)
      if want.last == "" { want.removeLast() }
      let got = LineSplitter.split(text)
      #expect(got.map { String($0.text) } == want, "\(text.debugDescription)")
      #expect(got.map(\.number) == Array(1...max(1, got.count)).prefix(got.count).map { $0 })
    }
  }
}

/// The line readers added for documents from other converters.
@Suite struct ConverterFormTests {
  /// The stride search for a wide run of spaces agrees with looking at every byte, on random
  /// lines of spaces, tabs, pipes and letters.
  @Test func wideRunSearchMatchesANaiveOne() {
    var g = PropertyTests.LCG(state: 7)
    let alphabet = [" ", " ", " ", "a", "Đ", "|", "\t"]
    for _ in 0..<20_000 {
      let line = (0..<g.next(40)).map { _ in alphabet[g.next(alphabet.count)] }.joined()
      let naive = line.contains(String(repeating: " ", count: WideGaps.width))
      #expect(Array(line.utf8).withUnsafeBufferPointer { WideGaps.hasRun($0) } == naive, "\(line.debugDescription)")
    }
  }

  /// A blank left for a number or a day is no column gap; a capital after a wide run is.
  @Test func wideGapsPartColumnsNotBlanks() {
    #expect(WideGaps.split("Nơi nhận:          KT. CHỦ TỊCH").parts?.map(String.init) == ["Nơi nhận:", "KT. CHỦ TỊCH"])
    #expect(WideGaps.split("Số:        /KH-UBND").parts == nil)
    #expect(WideGaps.split("Lào Cai, ngày        tháng        năm 2026").parts == nil)
    #expect(WideGaps.split("                  Nguyễn Văn An").indent == 18)
    let indented = WideGaps.split("   Nơi nhận:          KT. CHỦ TỊCH")
    #expect(indented.indent == 3 && indented.parts?.map(String.init) == ["Nơi nhận:", "KT. CHỦ TỊCH"])
    // A line of spaces alone has no text to indent.
    #expect(WideGaps.split("        ").indent == 0 && WideGaps.split("        ").parts == nil)
  }

  /// Markdown pipe rows are tab rows; the delimiter row and a lone pipe are blank; a line that
  /// only opens with a pipe (OCR's rule) stays text.
  @Test func pipeRowsBecomeCells() {
    #expect(MarkupCleaner.lineMark("| Số: 12/KH-UBND | Huế, ngày 2 tháng 4 năm 2026 |")
      == .cells("Số: 12/KH-UBND\tHuế, ngày 2 tháng 4 năm 2026"))
    #expect(MarkupCleaner.lineMark("|---|:---:|") == .blank)
    #expect(MarkupCleaner.lineMark("|") == .blank)
    #expect(MarkupCleaner.lineMark("| Tỷ lệ hộ gia đình") == nil)
    #expect(MarkupCleaner.lineMark("## I. MỤC ĐÍCH") == .body("I. MỤC ĐÍCH"))
    #expect(MarkupCleaner.lineMark("> 80%") == nil)
  }

  /// Cells one per line between lone pipes fold into rows; a group row stays a row; prose
  /// between stray pipes is left alone.
  @Test func pipeCellTablesFoldIntoRows() {
    let raw: [Substring] = ["|", "STT", "|", "Tên nhiệm vụ", "|", "|", "I. NHÓM", "|", "|", "1", "|", "Rà soát", "cơ chế", "|", "", "Sau bảng"]
    var texts = raw.map(String.init)
    PipeCellTable.fold(raw: raw, texts: &texts)
    #expect(texts[1] == "STT\tTên nhiệm vụ")
    #expect(texts[6] == "I. NHÓM\t")
    #expect(texts[9] == "1\tRà soát cơ chế")
    #expect(texts[15] == "Sau bảng")
    #expect(texts.filter { !$0.isEmpty }.count == 4)

    let prose: [Substring] = ["|"] + Array(repeating: "một dòng văn bản", count: 20) + ["|", "x", "|"]
    var proseTexts = prose.map(String.init)
    PipeCellTable.fold(raw: prose, texts: &proseTexts)
    #expect(proseTexts == prose.map(String.init))
  }

  /// A heading broken after its bold number is joined; a table's lone row number is not.
  @Test func brokenHeadingsAreJoined() {
    let raw: [Substring] = ["**I.", "ĐÁNH GIÁ TÌNH HÌNH**", "1.", "", "Cán bộ có máy tính"]
    var texts = ["I.", "ĐÁNH GIÁ TÌNH HÌNH", "1.", "", "Cán bộ có máy tính"]
    BrokenHeadingJoiner.join(raw: raw, texts: &texts)
    #expect(texts == ["I. ĐÁNH GIÁ TÌNH HÌNH", "", "1.", "", "Cán bộ có máy tính"])
  }

  /// A bold span a converter wrapped over lines is one heading, however its lines open; a
  /// span a blank line, a bullet or a second span cuts, or one never closed, is left alone.
  @Test func boldSpansOverLinesAreJoined() {
    let raw: [Substring] = [
      "**II. MỤC", "TIÊU CỦA KẾ HOẠCH**", "",
      "**1. Phấn đấu đến cuối năm", "2025 đạt các mục tiêu, chỉ tiêu sau:**", "",
      "**1. Nâng cao nhận thức của", "chính quyền các cấp về chính sách,", "pháp luật có liên quan**", "",
      "**3. Đề nghị Ủy ban", "", "Tổ quốc**", "",
      "**4. Các sở", "- Sở Nội vụ**", "",
      "**5. Mở", "không đóng", "",
      "**2. **Ưu tiên bố trí", "nguồn lực",
    ]
    var texts = raw.map { String($0).replacingOccurrences(of: "**", with: "") }
    let spans = BrokenHeadingJoiner.join(raw: raw, texts: &texts)
    #expect(texts[0] == "II. MỤC TIÊU CỦA KẾ HOẠCH")
    #expect(texts[1] == "")
    #expect(texts[3] == "1. Phấn đấu đến cuối năm 2025 đạt các mục tiêu, chỉ tiêu sau:")
    #expect(texts[6] == "1. Nâng cao nhận thức của chính quyền các cấp về chính sách, pháp luật có liên quan")
    #expect(texts[7] == "" && texts[8] == "")
    #expect(spans == [0...1, 3...4, 6...8])
    // Left as they were: cut by a blank line, by a bullet, never closed, closed on its line.
    #expect(Array(texts[10...]) == raw[10...].map { String($0).replacingOccurrences(of: "**", with: "") })
  }
}

/// The footer read from its pieces, however a converter laid them out.
@Suite struct FooterReaderTests {
  let reader = FooterReader(lex: .shared)

  @Test(arguments: [
    // One cell holding the whole block.
    (["KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Nguyễn Sinh Hùng"], "KT", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Nguyễn Sinh Hùng"),
    (["TL. TỔNG CỤC TRƯỞNG KT. VỤ TRƯỞNG VỤ CHÍNH SÁCH PHÓ VỤ TRƯỞNG Ngô Văn Độ"], "TL", "TỔNG CỤC TRƯỞNG", "PHÓ VỤ TRƯỞNG", "Ngô Văn Độ"),
    (["TM. TIỂU BAN TRƯỞNG TIỂU BAN Nguyễn Văn Hoàn TRƯỞNG BAN XÂY DỰNG ĐẢNG"], "TM", "TIỂU BAN", "TRƯỞNG TIỂU BAN", "Nguyễn Văn Hoàn"),
    // One piece per line, a name broken over lines, a note before the name.
    (["TM. ỦY BAN NHÂN", "DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "Mai Sơn"], "TM", "ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH", "Mai Sơn"),
    (["TM. ĐOÀN KIỂM TRA", "TRƯỞNG ĐOÀN", "Hoàng Văn Thuân"], "TM", "ĐOÀN KIỂM TRA", "TRƯỞNG ĐOÀN", "Hoàng Văn Thuân"),
    (["CHỦ TỊCH", "Lê Hải Hòa"], nil, nil, "CHỦ TỊCH", "Lê Hải Hòa"),
  ] as [([String], String?, String?, String?, String?)])
  func signatureFromPieces(_ texts: [String], _ authority: String?, _ onBehalfOf: String?, _ title: String?, _ signer: String?) throws {
    let sig = try #require(reader.signature(texts.enumerated().map { ($0.element, $0.offset + 1) }))
    #expect(sig.authority == authority)
    #expect(sig.onBehalfOf == onBehalfOf)
    #expect(sig.title == title)
    #expect(sig.signer == signer)
  }

  /// An inline list cut at its bullets, an item wrapped onto the next piece, an archive line
  /// whose brackets hold commas.
  @Test func recipientsFromAnInlineList() {
    let found = reader.recipients([
      ("Nơi nhận: - Như trên; - UBND tỉnh (b/c); - Phó TCTr Cao Anh Tuấn", 1),
      ("để b/c;", 2),
      ("- Lưu: VT, KT(Thủy, Nho).", 3),
    ])
    #expect(found.recipients.map(\.name) == ["Như trên", "UBND tỉnh", "Phó TCTr Cao Anh Tuấn để b/c"])
    #expect(found.recipients[1].note == "b/c")
    #expect(found.archive == ["VT", "KT(Thủy, Nho)"])
  }

  /// A bullet alone opens an item at the start or after ";", ":", ".", "," or ")"; elsewhere
  /// it is text. Items keep their punctuation (trimmed later) and single spaces.
  @Test(arguments: [
    ("- Như trên; - UBND tỉnh (b/c); - Phó TCTr", ["Như trên;", "UBND tỉnh (b/c);", "Phó TCTr"]),
    ("Sở A; • Sở B, – Sở C. + Sở D: - Sở E) - F", ["Sở A;", "Sở B,", "Sở C.", "Sở D:", "Sở E)", "F"]),
    ("-   Sở  A;  -  Sở B", ["Sở A;", "Sở B"]),
    ("Huế; - Sở B", ["Huế;", "Sở B"]),
    ("a - b", ["a - b"]),
    ("- - Sở A", ["- Sở A"]),
    ("- ", []),
    // A dash typed against a capital after an item's end opens an item; inside a name it is text.
    ("- HĐND phường, -Thường trực Ủy ban, - Ban CTMT", ["HĐND phường,", "Thường trực Ủy ban,", "Ban CTMT"]),
    ("-UBND phường; Phòng Văn hóa -Xã hội", ["UBND phường; Phòng Văn hóa -Xã hội"]),
    ("Sở A; -Sở B", ["Sở A;", "Sở B"]),
  ])
  func bulletItems(_ text: String, _ items: [String]) {
    #expect(FooterReader.bulletItems(text) == items)
  }

  /// "Lưu" without its colon, last in the list, is the archive.
  @Test func archiveWithoutColon() {
    let found = reader.recipients([("Nơi nhận: - Thường trực Đảng ủy (Báo cáo); - Lưu Ban xây dựng Đảng.", 1)])
    #expect(found.recipients.map(\.name) == ["Thường trực Đảng ủy"])
    #expect(found.archive == ["Ban xây dựng Đảng"])
  }

  /// The archive list ends at its closing stop when a figure follows it (Corpus/real
  /// kh-ubnd-cantho-159: "- Lưu: VT, CT." then the clerk's "08 KH", run together by the
  /// cell); what follows is left out and named. A stop before a word, or inside brackets,
  /// ends nothing.
  @Test func archiveEndsAtItsClosingStop() {
    let found = reader.recipients([("Nơi nhận: - UBND xã, phường; - Lưu: VT, CT. 08 KH", 3)])
    #expect(found.recipients.map(\.name) == ["UBND xã, phường"])
    #expect(found.archive == ["VT", "CT"])
    #expect(found.diagnostics.map(\.code) == ["recipients.archive_trailing_text"])
    #expect(found.diagnostics.first?.message.contains("'08 KH'") == true)
    #expect(FooterReader.archiveList("VT, VP. UBND").items == ["VT", "VP. UBND"])
    #expect(FooterReader.archiveList("VT, KT(Thủy. 05b).") == (["VT", "KT(Thủy. 05b)"], nil))
  }
}

/// The head read by evidence in the forms converters leave it in.
@Suite struct HeadZoneReaderTests {
  static let body = "\n\nI. MỤC ĐÍCH\n\nNội dung của kế hoạch.\n"

  @Test func sideBySideOnOneLine() throws {
    let plan = try parse("""
      ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
      THÀNH PHỐ HUẾ Độc lập - Tự do - Hạnh phúc
      Số: 188 /KH-UBND Huế, ngày 02 tháng 4 năm 2026

      KẾ HOẠCH
      Phát triển du lịch sinh thái
      """ + Self.body)
    #expect(plan.header.issuer == "ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ")
    #expect(plan.header.number == "188")
    #expect(plan.header.symbol == "KH-UBND")
    #expect(plan.header.place == "Huế")
    #expect(plan.header.date.map { [$0.day, $0.month, $0.year] } == [2, 4, 2026])
    #expect(plan.header.docType == "KẾ HOẠCH")
    #expect(plan.header.title == "Phát triển du lịch sinh thái")
  }

  @Test func frontMatterAndAMarkdownTableHead() throws {
    let plan = try parse("""
      ---
      title: Kế hoạch 12
      source: crawl
      ---
      *Source: https://example.invalid/kh-12*

      | BỘ TÀI CHÍNH TỔNG CỤC THUẾ ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |
      |---|---|
      | Số: 1414/TCT-CS V/v hỗ trợ người có công | Hà Nội, ngày 04 tháng 05 năm 2013 |

      Kính gửi: Cục Thuế tỉnh Hà Tĩnh.
      """ + Self.body)
    #expect(plan.header.issuerParent == "BỘ TÀI CHÍNH")
    #expect(plan.header.issuer == "TỔNG CỤC THUẾ")
    #expect(plan.header.number == "1414")
    #expect(plan.header.symbol == "TCT-CS")
    #expect(plan.header.title == "hỗ trợ người có công")
    #expect(plan.header.docType == nil)
    #expect(codes(plan).contains("head.front_matter"))
    #expect(codes(plan).contains("head.noise_skipped"))
    #expect(plan.sections.map(\.label) == ["I"])
  }

  @Test func portalMetadataBoxIsNotTheHead() throws {
    let plan = try parse("""
      CÁC NỘI DUNG ĐƯỢC SỬA ĐỔI, HƯỚNG DẪN
      Số hiệu:
      983/TB-CT
      Nơi ban hành:
      Cục Thuế
      BỘ TÀI CHÍNH
      CỤC THUẾ
      CỘNG HÒA XÃ HỘI
      CHỦ NGHĨA VIỆT NAM
      Số: 983/TB-CT
      Hà Nội, ngày 21
      tháng 11 năm 2025

      THÔNG BÁO
      Kế hoạch tạm dừng ứng dụng TMS
      """ + Self.body)
    #expect(plan.header.issuerParent == "BỘ TÀI CHÍNH")
    #expect(plan.header.issuer == "CỤC THUẾ")
    #expect(plan.header.number == "983")
    #expect(plan.header.date.map { [$0.day, $0.month, $0.year] } == [21, 11, 2025])
    #expect(plan.header.docType == "THÔNG BÁO")
  }
}

/// A block's clauses cut on bytes are the clauses the UTF-8 split gives: semicolons, spaces
/// around them, empty clauses and letters beyond ASCII at every place.
@Suite struct ProseClauseTests {
  @Test func clausesMatchTheSplit() {
    var g = PropertyTests.LCG(state: 53)
    let pieces = ["a", "bc", "ế", ";", ";;", " ", "  ", "100%"]
    for _ in 0..<5_000 {
      let text = (0..<g.next(20)).map { _ in pieces[g.next(pieces.count)] }.joined()
      let want = text.utf8.split(separator: 0x3B).map { Substring($0).trimmingSpaces() }.filter { !$0.isEmpty }
      #expect(ProseTargetExtractor.clauses(text) == want, "\(text.debugDescription)")
    }
  }
}

/// The byte reading of " | " columns answers as the Character reading whenever it answers,
/// next to combining marks, a Prepend character and letters beyond ASCII around the pipes.
@Suite struct PipeColumnTests {
  @Test func byteColumnsAgreeWithCharacterColumns() {
    var g = PropertyTests.LCG(state: 61)
    let pieces = ["a", "ế", " ", "|", " | ", "||", "\u{301}", "\u{600}", "x | y", "Đ"]
    var byBytes = 0
    var fellBack = 0
    for _ in 0..<20_000 {
      let text = (0..<g.next(12)).map { _ in pieces[g.next(pieces.count)] }.joined()
      guard ByteSearch.contains(" | ", in: text) else { continue }
      let characters = PlanParser.pipeColumnsByCharacters(text)
      if let bytes = PlanParser.pipeColumnsByBytes(text) {
        #expect(bytes == characters, "\(Array(text.unicodeScalars))")
        byBytes += 1
      } else {
        fellBack += 1
      }
    }
    #expect(byBytes > 1_000 && fellBack > 1_000)
  }

  /// Vietnamese letters beside the pipes are read on the bytes; a combining mark or a Prepend
  /// character beside one leaves the line to the Character reading.
  @Test func latinLettersBesidePipesAreReadOnTheBytes() {
    #expect(PlanParser.pipeColumnsByBytes("Phòng Văn hóa | Ủy ban xã | Đảng ủy") == ["Phòng Văn hóa", "Ủy ban xã", "Đảng ủy"])
    #expect(PlanParser.pipeColumnsByBytes("ế|ò | ạ") == ["ế", "ò", "ạ"])
    #expect(PlanParser.pipeColumnsByBytes("a |\u{301} b") == nil)
    #expect(PlanParser.pipeColumnsByBytes("a \u{600}| b") == nil)
  }
}

/// The annex title's "(Ban hành kèm theo …)" note, split at a "(" found on the bytes.
@Suite struct AttachedNoteTests {
  /// The byte offsets given are those of the "(" Characters; nil only where a neighbour may
  /// join the bracket into a larger Character.
  @Test func openingBracketsAreTheCharacters() {
    let texts = [
      "Danh mục (Ban hành kèm theo Kế hoạch số 12)", "(a) (b)", "((", "Ủy(ban", "x(\u{301}y", "\u{600}(1)",
      "ế(ạ)", "", "không có", "(\u{200D}", "a\r\n(b",
    ]
    for text in texts {
      let characters = text.indices.filter { text[$0] == "(" }.map { text.utf8.distance(from: text.startIndex, to: $0) }
      if let bytes = AttachedNote.openingBrackets(text) {
        #expect(bytes == characters, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
      } else {
        #expect(text.unicodeScalars.contains { $0.value == 0x301 || $0.value == 0x600 || $0.value == 0x200D })
      }
    }
  }

  @Test func splitsTheNoteFromTheTitle() {
    let (title, attached) = AttachedNote.split("DANH MỤC NHIỆM VỤ (Ban hành kèm theo Kế hoạch số 12/KH-UBND)", lex: .shared)
    #expect(title == "DANH MỤC NHIỆM VỤ")
    #expect(attached == "Kế hoạch số 12/KH-UBND")
    #expect(AttachedNote.split("Ghi chú (xem trên)", lex: .shared) == ("Ghi chú (xem trên)", nil))
  }
}

/// `FirstByteSet.mayOpen(lead:)` turns lines away before their first word is folded; it must
/// never turn away a word whose folded, bare form opens with a byte of the set.
@Suite struct FirstByteSetTests {
  /// Whether the lead test lets `word` through for a set holding just the first byte of its
  /// own folded, bare form (false would be a phrase missed).
  static func admitsItsOwnFold(_ word: Substring) -> Bool {
    let bare = Words.bare(FoldingKey.toneInsensitive(word))
    guard let raw = word.utf8.first, bare.utf8.first != nil else { return true }
    return FirstByteSet(firstWords: [bare]).mayOpen(lead: raw)
  }

  @Test func everyCorpusWordIsLetThroughByItsOwnFold() throws {
    // The text inputs of the golden folders and of Corpus/real: Vietnamese as offices write it,
    // in capitals and not, with numbers, bullets, brackets and quotes.
    var files = Repo.corpusInputs()
    let real = Repo.corpus.appendingPathComponent("real")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: real.path)) ?? []
    files += names.filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") }.map { real.appendingPathComponent($0) }
    var words = 0
    var missed: Set<String> = []
    for file in files {
      guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
      for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
        words += 1
        if !Self.admitsItsOwnFold(word) { missed.insert(String(word)) }
      }
    }
    #expect(words > 50_000)
    #expect(missed.isEmpty, "\(missed.sorted().prefix(20))")
  }

  @Test(arguments: ["Nơi", "NƠI", "UBND", "2025", "(Kèm", "Ủy", "ĐIỀU", "“Kế", "-", "1.", "a)", "Q\u{301}uy"])
  func craftedWordsAreLetThrough(_ word: String) {
    #expect(Self.admitsItsOwnFold(Substring(word)))
  }

  @Test func asciiLettersAndDigitsOutsideTheSetAreTurnedAway() {
    let set = FirstByteSet(firstWords: ["nơi", "kính"])
    #expect(set.mayOpen(lead: UInt8(ascii: "N")) && set.mayOpen(lead: UInt8(ascii: "k")))
    #expect(!set.mayOpen(lead: UInt8(ascii: "T")) && !set.mayOpen(lead: UInt8(ascii: "7")))
    // Bytes that may fold or bare to anything are let through.
    #expect(set.mayOpen(lead: UInt8(ascii: "(")) && set.mayOpen(lead: 0xC3) && set.mayOpen(lead: UInt8(ascii: "-")))
    // A phrase whose first word is all punctuation: any word may bare to it.
    #expect(FirstByteSet(firstWords: [""]).mayOpen(lead: UInt8(ascii: "T")))
  }
}

@Suite struct QuickCleaningTests {
  /// The seeds and the real documents' text files: the real ones hold the tables, marks and
  /// columns laid out with spaces that the seeds lack.
  static func lines() throws -> [(String, Int, Substring)] {
    let fm = FileManager.default
    var files = Repo.corpusInputs()
    let real = Repo.corpus.appendingPathComponent("real")
    files += try fm.contentsOfDirectory(at: real, includingPropertiesForKeys: nil).filter { $0.pathExtension == "txt" }
    var out: [(String, Int, Substring)] = []
    for input in files.sorted(by: { $0.path < $1.path }) {
      guard let text = try? String(contentsOf: input, encoding: .utf8) else { continue }
      for (k, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        out.append((Repo.relative(input), k + 1, raw))
      }
    }
    return out
  }

  /// The cleaning from a line's bytes (`cleanPlain`) is the full cleaning wherever it answers,
  /// on every line of every corpus document, and leaves every line with markup or a markdown
  /// line mark to the full one.
  @Test func plainCleaningIsTheFullCleaning() throws {
    let cleaner = MarkupCleaner(grammar: .shared)
    var answered = 0
    var declined = 0
    for (file, k, raw) in try Self.lines() {
      do {
        var copy = raw
        let plain = copy.withUTF8(MarkupCleaner.cleanPlain)
        let full = cleaner.cleanMarked(raw)
        if let plain {
          #expect(plain == full, "\(file):\(k)")
          answered += 1
        } else {
          declined += 1
        }
        let lead = raw.drop { $0 == " " || $0 == "\t" }.first
        if raw.contains(where: { "$<*".contains($0) }) || lead == "|" || lead == "#" {
          #expect(plain == nil, "\(file):\(k)")
        }
      }
    }
    #expect(answered > 2_000 && declined > 50)
    // Crafted: marks and markup after spaces and tabs, and the plain lines beside them.
    for line in ["  | a | b |", "\t# Tiêu đề", "**Điều 1.**", "a <b>c</b>", "$x$ y", "a\t  b", " Kế   hoạch  "] {
      var copy = Substring(line)
      let plain = copy.withUTF8(MarkupCleaner.cleanPlain)
      #expect(plain == nil || plain == cleaner.cleanMarked(Substring(line)), "\(line)")
    }
    var spaced = Substring(" Kế   hoạch  ")
    #expect(spaced.withUTF8(MarkupCleaner.cleanPlain) == "Kế hoạch")
  }

  /// The cleaning of emphasis from a line's bytes (`cleanEmphasis`) is the full cleaning
  /// wherever it answers: on every line of every corpus document, and on random lines of
  /// asterisks beside brackets, quotes, punctuation, Unicode spaces, tabs and letters. It
  /// leaves every line with other markup or a line mark to the full one.
  @Test func emphasisCleaningIsTheFullCleaning() throws {
    let cleaner = MarkupCleaner(grammar: .shared)
    func check(_ raw: Substring, _ place: String) -> Bool {
      var copy = raw
      let fast = copy.withUTF8(MarkupCleaner.cleanEmphasis)
      if let fast { #expect(fast == cleaner.cleanMarked(raw), "\(place): \(raw)") }
      let lead = raw.drop { $0 == " " || $0 == "\t" }.first
      if raw.contains(where: { "$<\\".contains($0) }) || !raw.contains("*") || lead == "|" || lead == "#" {
        #expect(fast == nil, "\(place): \(raw)")
      }
      return fast != nil
    }
    var answered = 0
    for (file, k, raw) in try Self.lines() where check(raw, "\(file):\(k)") { answered += 1 }
    #expect(answered > 100)
    let pieces = [
      "*", "**", "***", " ", "  ", "\t", "(", ")", "[", "]", "“", "”", "‘", "’", "\"", "'", "/", "-", ",", ".",
      ":", "…", "\u{A0}", "\u{3000}", "\u{2009}", "Điều", "1", "a", "Kế hoạch", "ổ", "|", "#",
    ]
    // Seeded: a line that ever tells the two cleanings apart does so on every run.
    var rng = SplitMix64(seed: 0x2A)
    var random = 0
    for _ in 0..<20_000 {
      let line = (0..<Int.random(in: 1...9, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
      if check(Substring(line), "random") { random += 1 }
    }
    #expect(random > 5_000)
    // Asterisks the cleaning keeps (a bullet, a footnote mark) are answered here too.
    for line in ["* **Điều 1.** Phạm vi", "Số liệu ước đạt (*) **năm 2025**"] {
      var copy = Substring(line)
      let fast = copy.withUTF8(MarkupCleaner.cleanEmphasis)
      #expect(fast != nil && fast == cleaner.cleanMarked(Substring(line)), "\(line)")
    }
  }

  /// The indent and wide-run test the parser reads off each line's bytes are `WideGaps.split`'s
  /// indent and whether it finds parts, on every corpus line.
  @Test func indentAndRunAreSplits() throws {
    var wide = 0
    for (file, k, raw) in try Self.lines() {
      do {
        var copy = raw
        let (indent, hasRun) = copy.withUTF8(WideGaps.indentAndRun)
        let split = WideGaps.split(raw)
        #expect(indent == split.indent, "\(file):\(k)")
        // A run is needed for parts; a run may part nothing ("Số:        /KH-UBND").
        if split.parts != nil {
          #expect(hasRun, "\(file):\(k)")
          wide += 1
        }
      }
    }
    #expect(wide > 20)
  }

  /// A line the quick cleaning leaves as long as it was has no indent and no wide run, which
  /// the parser then does not look for: on every corpus line and on crafted ones (a vertical
  /// tab, a no-break space, tabs and runs of spaces at either end).
  @Test func sameLengthCleaningMeansNoIndentNoRun() throws {
    var kept = 0
    let crafted = ["a\u{0B}b", "a\u{A0}b", "  a", "a      b", "a\t b", "\ta", "a b c", "x" + String(repeating: " ", count: 6) + "y"]
    for (file, k, raw) in try Self.lines() + crafted.map({ ("crafted", 0, Substring($0)) }) {
      var copy = raw
      let (plain, facts) = copy.withUTF8 { b in (MarkupCleaner.cleanPlain(b), WideGaps.indentAndRun(b)) }
      guard let plain, plain.utf8.count == raw.utf8.count else { continue }
      #expect(facts.indent == 0 && !facts.hasRun, "\(file):\(k)")
      kept += 1
    }
    #expect(kept > 2_000)
  }
}
