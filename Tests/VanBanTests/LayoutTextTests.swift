import Foundation
import Testing
import VanBanText
@testable import VanBan
@testable import VanBanInputs

/// `pdftotext -layout` dumps read as word boxes.
@Suite struct LayoutTextTests {
  static let table = """
    KẾ HOẠCH

    TT    Chỉ tiêu                          Đơn vị tính    Kết quả
    1     Tỷ lệ phủ sóng 5G                 %              100
    2     Tỷ lệ hộ gia đình có              %              80
          cáp quang
    """

  @Test func wordsStandAtTheirColumns() {
    let read = LayoutTextReader.words("ab  cd\n\tỦy ban")
    let words = read.words
    #expect(read.words.map { read.texts[$0] } == ["ab", "cd", "Ủy", "ban"])
    let w = LayoutTextReader.charWidth
    // Columns count characters, not UTF-8 bytes; a tab runs to the next multiple of 8.
    #expect(words.map(\.x0) == [0, 4 * w, 8 * w, 11 * w])
    #expect(words.map(\.x1) == [2 * w, 6 * w, 10 * w, 14 * w])
    #expect(words.map(\.sourceLine) == [1, 1, 2, 2])
    #expect(words[2].y0 - words[0].y0 == LayoutTextReader.linePitch)
    #expect(words.allSatisfy { $0.height == LayoutTextReader.wordHeight && $0.conf == -1 })
  }

  /// The cell count that stops early agrees with the full cut, on every corpus line (the
  /// pdftotext -layout dumps among them) and on lines made to sit at the gutter's edges.
  @Test func cellCountAgreesWithTheRanges() throws {
    var lines = ["", "   ", "a", "a  b", "a   b", "  a   b   ", "a   ", "   a", "a    b   c", "ế   ố"]
    let dumps = try FileManager.default.contentsOfDirectory(atPath: Repo.corpus.appendingPathComponent("ocr").path)
      .map { Repo.corpus.appendingPathComponent("ocr/\($0)/pdftotext-layout.txt") }
      .filter { FileManager.default.fileExists(atPath: $0.path) }
    for input in Repo.corpusInputs() + dumps {
      lines += try String(contentsOf: input, encoding: .utf8).split(separator: "\n").map(String.init)
    }
    var multi = 0
    for line in lines {
      var copy = line
      copy.withUTF8 { b in
        let count = LayoutTextReader.cellRanges(b).count
        for n in 1...3 { #expect(LayoutTextReader.hasCells(b, atLeast: n) == (count >= n), "\(line) \(n)") }
        if count >= 2 { multi += 1 }
      }
    }
    #expect(multi > 100)
  }

  /// The sixteen- and eight-at-a-time count of space triples agrees with counting them one
  /// by one, at every length and alignment around both step sizes, dense and sparse.
  @Test func spaceTriplesCountAsOneByOne() {
    var g = PropertyTests.LCG(state: 17)
    for k in 0..<6_000 {
      // One letter in three, or one space in four: triples everywhere, or few and far apart.
      let dense = k % 2 == 0
      let bytes: [UInt8] = (0..<g.next(80)).map { _ in (dense ? g.next(3) == 0 : g.next(4) != 0) ? 0x61 : 0x20 }
      var triples = 0
      if bytes.count >= 3 { for i in 0...(bytes.count - 3) where bytes[i...(i + 2)].allSatisfy({ $0 == 0x20 }) { triples += 1 } }
      bytes.withUnsafeBufferPointer { b in
        for n in [0, 1, 2, 5, triples, triples + 1] {
          #expect(LayoutTextReader.hasSpaceTriples(b, atLeast: n) == (triples >= n), "\(bytes) \(n)")
        }
      }
    }
  }

  @Test func formFeedsStartPages() {
    let words = LayoutTextReader.words("một\n\u{0C}hai ba\nbốn\u{0C}năm").words
    #expect(words.map(\.page) == [1, 2, 2, 2, 3])
    #expect(words.map(\.sourceLine) == [1, 2, 2, 3, 3])
    // The text after a form feed starts at the new page's margin.
    #expect(words[1].x0 == 0 && words[4].x0 == 0)
  }

  /// The line reader's rules read off Unicode scalars: a column per scalar, words between
  /// White_Space characters, tab stops every `tabWidth` columns, a form feed starting a page at
  /// the left margin, a byte-order mark taking no column (nor ending a word). The byte scan
  /// must agree with it.
  static func modelLines(_ text: String) -> [(page: Int, words: [String], columns: [Int], ends: [Int])] {
    var out: [(page: Int, words: [String], columns: [Int], ends: [Int])] = []
    var page = 1
    for source in LineSplitter.split(text) {
      var line = (page: page, words: [String](), columns: [Int](), ends: [Int]())
      var column = 0
      var word: String.UnicodeScalarView?
      var wordColumn = 0
      func endWord() {
        guard let w = word else { return }
        line.words.append(String(w))
        line.columns.append(wordColumn)
        line.ends.append(column)
        word = nil
      }
      for c in source.text.unicodeScalars {
        switch c {
        case "\u{0C}":
          endWord()
          if !line.words.isEmpty { out.append(line) }
          page += 1
          line = (page, [], [], [])
          column = 0
        case "\t":
          endWord()
          column = (column / LayoutTextReader.tabWidth + 1) * LayoutTextReader.tabWidth
        case "\u{FEFF}":
          // No column; inside a word it stays in the word's text.
          word?.append(c)
        case _ where c.properties.isWhitespace:
          endWord()
          column += 1
        default:
          if word == nil {
            word = String.UnicodeScalarView()
            wordColumn = column
          }
          word!.append(c)
          column += 1
        }
      }
      endWord()
      out.append(line)
    }
    return out
  }

  @Test func lineReaderAgreesWithItsModel() {
    let pieces = ["a", "ỷ", "Đ", " ", "  ", "\t", "\u{0C}", "\u{FEFF}", "\u{A0}", "\u{2003}", "\u{3000}", "\n", "\r\n", "12", "|"]
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<3000 {
      let text = (0..<Int.random(in: 0...14, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
      let got = LayoutTextReader.lines(text).map { l in (l.page, l.words.map { $0.text(in: text) }, l.words.map(\.column), l.words.map(\.end)) }
      let want = Self.modelLines(text)
      #expect(got.count == want.count, "\(text.debugDescription)")
      for (g, w) in zip(got, want) {
        #expect(g.0 == w.page && g.1 == w.words && g.2 == w.columns && g.3 == w.ends, "\(text.debugDescription)")
      }
    }
  }

  /// Words long enough for the sixteen-byte steps (letters of one to three bytes, "ẚ" holding
  /// E1 without a space, U+1680 a space led by E1 9A), cut anywhere by the model's spaces; and
  /// characters a word's own steps hand back to the line's loop (controls, C2-, E2- and
  /// EF-led characters that are no space); and gutters long enough for the space runs' steps.
  @Test func lineReaderAgreesWithItsModelOnLongWords() {
    let pieces = [
      "a", "a", "a", "b", "ỷ", "ỷ", "Đ", "ẚ", "ế", "12", "|", "\u{1F600}", " ", "  ", "\t", "\u{0C}", "\u{FEFF}", "\u{A0}",
      "\u{1680}", "\u{2003}", "\u{3000}", "\n", "\u{01}", "\u{7F}", "©", "“", "”", "\u{2028}", "ﬁ",
      String(repeating: " ", count: 17), String(repeating: " ", count: 40),
    ]
    var rng = SystemRandomNumberGenerator()
    var longWords = 0
    var longGutters = 0
    for _ in 0..<3000 {
      var text = ""
      for _ in 0..<Int.random(in: 0...60, using: &rng) {
        // Mostly word pieces, so runs of sixteen bytes and more come up.
        text += Int.random(in: 0..<4, using: &rng) == 0 ? pieces.randomElement(using: &rng)! : pieces[Int.random(in: 0..<12, using: &rng)]
      }
      let got = LayoutTextReader.lines(text).map { l in (l.page, l.words.map { $0.text(in: text) }, l.words.map(\.column), l.words.map(\.end)) }
      let want = Self.modelLines(text)
      #expect(got.count == want.count, "\(text.debugDescription)")
      for (g, w) in zip(got, want) {
        #expect(g.0 == w.page && g.1 == w.words && g.2 == w.columns && g.3 == w.ends, "\(text.debugDescription)")
        longWords += g.1.filter { $0.utf8.count >= 17 }.count
        longGutters += zip(g.2.dropFirst(), g.3).filter { $0 - $1 >= 17 }.count
      }
    }
    #expect(longWords > 1_000)
    #expect(longGutters > 300)
  }

  /// The sniff's verdict read the plain way: the head cut into lines, each line's cells, a
  /// line of two cells or more counted and its cells asked for a header.
  static func modelLooksLikeLayout(_ text: String) -> Bool {
    let head = Array(text.utf8.prefix(OCRLayoutReader.sniffLength))
    if head.contains(0x09) { return false }
    let lexicon = ColumnLexicon(lex: .shared)
    var gutterLines = 0
    var header = false
    for line in head.split(omittingEmptySubsequences: false, whereSeparator: { $0 == 0x0A || $0 == 0x0D || $0 == 0x0C }) {
      let cells = Array(line).withUnsafeBufferPointer { b in
        LayoutTextReader.cellRanges(b).map { String(decoding: b[$0], as: UTF8.self) }
      }
      guard cells.count >= 2 else { continue }
      gutterLines += 1
      if !header { header = lexicon.isHeader(cells) }
    }
    return header && gutterLines >= LayoutTextReader.minGutterLines
  }

  @Test func sniffAgreesWithItsModel() throws {
    var texts: [String] = []
    for folder in ["seeds", "encodings", "cases", "ocr"] {
      let dir = Repo.corpus.appendingPathComponent(folder)
      for name in ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []) where name.hasSuffix(".txt") {
        texts.append(try Self.decoded(dir.appendingPathComponent(name)))
      }
    }
    let rows = Self.table.split(separator: "\n").map(String.init)
    var g = PropertyTests.LCG(state: 3)
    for _ in 0..<200 {
      // Table rows, prose, indented lines and blank lines in random order and line endings.
      let pieces = rows + ["Văn bản thường có   ba dấu cách", "      thụt lề", "", "TT   Nội dung"]
      let ending = ["\n", "\r\n", "\r", "\u{0C}"][g.next(4)]
      texts.append((0..<(10 + g.next(40))).map { _ in pieces[g.next(pieces.count)] }.joined(separator: ending))
    }
    var layout = 0
    for text in texts {
      let got = LayoutTextReader.looksLikeLayoutText(text)
      #expect(got == Self.modelLooksLikeLayout(text), "\(text.prefix(200))")
      if got { layout += 1 }
    }
    #expect(layout > 20 && layout < texts.count - 20)
  }

  @Test func spacesBecomeColumns() throws {
    let lines = try OCRLayoutReader.lines(from: Self.table, format: .layout)
    let texts = lines.map { String($0.text) }
    #expect(texts.contains("TT\tChỉ tiêu\tĐơn vị tính\tKết quả"))
    #expect(texts.contains("1\tTỷ lệ phủ sóng 5G\t%\t100"))
    #expect(texts.contains("2\tTỷ lệ hộ gia đình có cáp quang\t%\t80"))
  }

  /// A label centred in its row: the lines above and below it belong to it, and the split
  /// between two labels leaves each row symmetric.
  @Test func centredRowsSplitBetweenLabels() {
    // Labels at 0 (one line), 2 (one line above and below), 5 (one above, one below).
    #expect(LayoutTextReader.centredRowStarts(labels: [0, 2, 5], count: 7) == [0, 1, 4])
    // Rows of one line each: nothing moves.
    #expect(LayoutTextReader.centredRowStarts(labels: [3, 4, 5], count: 6) == [3, 4, 5])
  }

  /// A group row is one line: a tall row above it keeps all its lines (its label on top),
  /// and the lines below it open the next row.
  @Test func groupRowsBoundTheirNeighbours() {
    let text = """
      3     Đầu tư hệ thống         Phòng Văn
            thiết bị CNTT            hóa - Xã hội
            tại các nhà văn hóa
      II    BẢO ĐẢM AN TOÀN THÔNG TIN
                                     Các phòng,
      1     Phối hợp triển khai
                                     đơn vị
      """
    let lines = LayoutTextReader.lines(text)
    #expect(LayoutTextReader.isGroupLine(lines[3]))
    #expect(!LayoutTextReader.isGroupLine(lines[0]))
    // Space opens the group row and the row above "1"; none inside row 3.
    #expect(LayoutTextReader.rowGaps(lines) == [0, 0, 0, 0.5, 0.5, 0, 0])
  }

  static func decoded(_ url: URL) throws -> String {
    ICUNormalizer.nfc(try TextDecoder.decode(Array(try Data(contentsOf: url)), encoding: nil).text)
  }

  /// Detection stays with plain text for every clean seed and every encoding fixture (tabbed
  /// tables, centred titles), and for the OCR and plain pdftotext dumps.
  @Test func plainTextIsNotTakenForLayout() throws {
    let fm = FileManager.default
    var checked = 0
    for folder in ["seeds", "encodings", "cases"] {
      let dir = Repo.corpus.appendingPathComponent(folder)
      for name in ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []) where name.hasSuffix(".txt") {
        let text = try Self.decoded(dir.appendingPathComponent(name))
        #expect(OCRLayoutReader.detect(text) != .layout, "\(folder)/\(name)")
        checked += 1
      }
    }
    let ocr = Repo.corpus.appendingPathComponent("ocr")
    for seed in Repo.ocrSeeds() {
      for name in ["ocr-300.txt", "ocr-150-degraded.txt", "pdftotext.txt"] {
        let url = ocr.appendingPathComponent("\(seed)/\(name)")
        guard fm.fileExists(atPath: url.path) else { continue }
        #expect(OCRLayoutReader.detect(try Self.decoded(url)) == .text, "\(seed)/\(name)")
        checked += 1
      }
    }
    #expect(checked >= 45)
  }

  /// The gridded dumps, whose tables stand in aligned columns, are recognised.
  @Test func layoutDumpsAreRecognised() throws {
    let ocr = Repo.corpus.appendingPathComponent("ocr")
    var detected: [String] = []
    for seed in Repo.ocrSeeds() {
      let url = ocr.appendingPathComponent("\(seed)/pdftotext-layout.txt")
      guard FileManager.default.fileExists(atPath: url.path) else { continue }
      if OCRLayoutReader.detect(try Self.decoded(url)) == .layout { detected.append(String(seed.prefix(3))) }
    }
    print("Detected as layout: \(detected)")
    #expect(Set(["000", "001", "002"]).isSubset(of: Set(detected)))
  }
}
