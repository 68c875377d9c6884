import Foundation
import Testing
import VanBanText
@testable import VanBan
@testable import VanBanInputs

/// Tests that compare words with ASCII marks or Grammar's ASCII prefixes turn most words away
/// by their first byte, before the Character comparison. Each is held here to the comparison
/// alone (as it was written before the shortcut) on every word of the corpus texts and on
/// words made to test the edges: canonical equivalents of ASCII (KELVIN SIGN, GREEK QUESTION
/// MARK, GREEK ANO TELEIA for the middle dot) and marks joined to a following combining mark.
@Suite struct FirstByteShortcutTests {
  static let crafted = [
    "", "-", "--", "---", "-x", "+", "+1", "*", "•", "•a", "–", "—", "·", "\u{0387}", "\u{0387}x", "-\u{301}",
    "-\u{301}x", "•\u{301}", "___", "===", "~~~", "***", "—–—", "-–-", "=\u{301}==", "KT.", "\u{212A}T.", "TM.",
    "T/M", "T/M.", "K/T", "\u{212A}/T.", "TUQ.", "TL.", "KT", "Kt.", "ĐT.", "CHỦ", "1.", "a)", "II.", "UBND",
  ]

  /// The golden and real corpus texts (those in plain text or markdown).
  static func corpusTexts() -> [String] {
    var files = Repo.corpusInputs()
    let real = Repo.corpus.appendingPathComponent("real")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: real.path)) ?? []
    files += names.filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") }.map { real.appendingPathComponent($0) }
    return files.compactMap { try? String(contentsOf: $0, encoding: .utf8) }
  }

  /// Every word of the golden and real corpus texts, and the crafted ones.
  static func words() -> [String] {
    var seen: Set<String> = []
    var out: [String] = []
    for text in corpusTexts() {
      for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
        if seen.insert(String(word)).inserted { out.append(String(word)) }
      }
    }
    return out + crafted
  }

  /// A recipient's trailing punctuation (and a target indicator's) dropped on the bytes is what
  /// the Character loop drops, on every line of the corpus texts and on pieces joined at
  /// random (spaces and marks with combining marks after them, which the loop keeps as one
  /// Character).
  @Test func recipientPunctuationIsTheCharacterLoop() {
    func byCharacters(_ s: String) -> String {
      var t = Substring(s.trimmingSpaces())
      while let l = t.last, l == ";" || l == "." || l == "," || l == " " { t.removeLast() }
      return String(t)
    }
    var cases = Self.corpusTexts().flatMap { $0.split(separator: "\n").map(String.init) } + Self.crafted
    let pieces = [";", ".", ",", " ", "a", "ư", "\u{301}", "UBND", "\t", "(VT)", "."]
    var g = PropertyTests.LCG(state: 9)
    for _ in 0..<3_000 { cases.append((0..<g.next(8)).map { _ in pieces[g.next(pieces.count)] }.joined()) }
    for s in cases {
      #expect(Array(FooterReader.trimPunctuation(s).utf8) == Array(byCharacters(s).utf8), "\(s)")
      var t = Substring(s)
      while let l = t.last, l == "." || l == ";" || l == " " { t.removeLast() }
      #expect(Array(ProseTargetExtractor.indicator(s).utf8) == Array(t.utf8), "\(s)")
    }
  }

  /// A signature cell's trailing name is found as the full reading finds it when the first
  /// word's small letters turn the cell away early: on every line and tab cell of the corpus
  /// texts and on signature cells made to test the edges.
  @Test func trailingNameIsTheFullReading() {
    func isNameWord(_ w: String) -> Bool {
      let scalars = Array(w.unicodeScalars)
      guard let f = scalars.first, ScalarClass.isUppercase(f), scalars.count >= 2 else { return false }
      return scalars.dropFirst().contains { ScalarClass.isLowercase($0) }
    }
    func model(_ text: String) -> (caps: String, rest: String?) {
      let words = Words.splitOnSpaces(FooterReader.withoutNotes(text)).map(String.init)
      guard words.count >= 3 else { return ("", nil) }
      guard let k = words.firstIndex(where: isNameWord), k > 0 else { return ("", nil) }
      var end = k
      while end < words.count, isNameWord(words[end]) { end += 1 }
      guard (2...5).contains(end - k), words[end...].allSatisfy({ !LogicalText.containsLowercase($0) }) else {
        return ("", nil)
      }
      let caps = words[..<k].joinedText(" ")
      guard !LogicalText.containsLowercase(caps) else { return ("", nil) }
      let name = words[k..<end].joinedText(" ")
      return FooterReader.looksLikeName(name) ? (caps, name) : ("", nil)
    }
    var cases = [
      "PHÓ CHỦ TỊCH Nguyễn Văn An", "KT. CHỦ TỊCH Trần Thị B", "Phó Chủ tịch Nguyễn Văn An", "CHỦ TỊCH",
      "CHỦ TỊCH Nguyễn Văn An (đã ký)", "TM. UBND Lê Văn C TRƯỞNG BAN", "ĐẢNG ỦY Xã", "Ủy ban Nhân dân Tỉnh",
      "Đ Nguyễn Văn An", "ĐT. Nguyễn Văn An",
    ]
    for text in Self.corpusTexts() {
      for line in text.split(separator: "\n") {
        cases.append(String(line))
        cases += line.split(separator: "\t").map(String.init)
      }
    }
    var named = 0
    for text in cases {
      let (caps, rest) = FooterReader.splitTrailingName(text)
      let want = model(text)
      #expect(caps == want.caps && rest == want.rest, "\(text)")
      if want.rest != nil { named += 1 }
    }
    #expect(named >= 3)
  }

  @Test func rulesAreTheCharacterTest() {
    func reference(_ text: String) -> Bool {
      guard text.count >= 3 else { return false }
      return text.allSatisfy { c in c == "-" || c == "_" || c == "=" || c == "*" || c == "~" || c == "—" || c == "–" }
    }
    let words = Self.words()
    #expect(words.count > 10_000)
    var rules = 0
    for w in words {
      #expect(HeadZoneReader.isRule(w) == reference(w), "\(Array(w.unicodeScalars))")
      #expect(HeadZoneReader.isRule(w, only: "-") == (w.count >= 3 && w.allSatisfy { $0 == "-" }), "\(w)")
      if reference(w) { rules += 1 }
    }
    #expect(rules > 5)
  }

  /// The remembered skeleton of a word is its skeleton, asked first or again.
  @Test func rememberedSkeletonsAreTheSkeletons() {
    var beyondASCII = 0
    for w in Self.words() + ["CỘNG", "HÒA", "Độc", "–", "đ", "Đ", "e\u{301}"] {
      let want = HeadZoneReader.skeleton(w)
      #expect(HeadZoneReader.rememberedSkeleton(w) == want, "\(w)")
      #expect(HeadZoneReader.rememberedSkeleton(w).utf8.elementsEqual(want.utf8), "\(w)")
      if !w.utf8.allSatisfy({ $0 < 0x80 }) { beyondASCII += 1 }
    }
    #expect(beyondASCII > 1_000)
  }

  @Test func authoritiesAreTheStringComparison() {
    let reader = FooterReader(lex: .shared)
    func reference(_ word: String) -> String? {
      GrammarLexicon.shared.signatureAuthorities.first { $0.prefix == word }?.value
    }
    var found = 0
    for w in Self.words() {
      #expect(reader.authorityValue(w) == reference(w), "\(Array(w.unicodeScalars))")
      if reference(w) != nil { found += 1 }
    }
    // The Kelvin sign's "KT." is canonically "KT.", so it is found too.
    #expect(reader.authorityValue("\u{212A}T.") == "KT")
    #expect(found > 5)
  }

  /// `AgencyLexicon` turns text away by its first byte before folding its first token: that
  /// byte must let through the first byte of the text's own first token, for every word.
  @Test func agencyTokenLeadsLetEveryWordsOwnTokenThrough() {
    var checked = 0
    for w in Self.words() + Self.words().map({ $0.lowercased() }) + ["Q\u{301}uy", "UBND-xã", "\u{00A0}Phòng"] {
      guard let lead = w.utf8.first else { continue }
      let token = AgencyLexicon.firstToken(of: w)
      #expect(FirstByteSet(firstWords: [token]).mayOpen(lead: lead), "\(Array(w.unicodeScalars)) → \(token)")
      checked += 1
    }
    #expect(checked > 20_000)
  }

  @Test func markersAreTheCharacterTest() {
    func reference(_ w: String) -> Bool {
      if ["-", "+", "•", "*", "–", "—", "·"].contains(w) { return true }
      if w.count > 1, let c = w.first, c == "-" || c == "+" || c == "•" { return true }
      if w.endsWith(ascii: ".") || w.endsWith(ascii: ")") || w.endsWith(ascii: ":") { return LayoutBuilder.isRowLabel(w) }
      return false
    }
    var markers = 0
    var texts = WordTexts()
    for w in Self.words() {
      let word = OCRWord(text: w, in: &texts, page: 1, x0: 0, y0: 0, x1: 10, y1: 10, conf: -1, lineID: 0, sourceLine: 1)
      let line = VisualLine(words: [word], top: 0, bottom: 10)
      #expect(LayoutBuilder.startsWithMarker(line, texts) == reference(w), "\(Array(w.unicodeScalars))")
      if reference(w) { markers += 1 }
    }
    let dot = OCRWord(text: "\u{0387}", in: &texts, page: 1, x0: 0, y0: 0, x1: 10, y1: 10, conf: -1, lineID: 0, sourceLine: 1)
    #expect(LayoutBuilder.startsWithMarker(VisualLine(words: [dot], top: 0, bottom: 10), texts))
    #expect(markers > 20)
  }

  /// Row labels decided on ASCII bytes are the Character walk's answer, for every corpus word
  /// and for labels made to test the edges (a closing parenthesis, rules read as `|` and `_`,
  /// nine characters, a no-break space, a combining mark, a control character).
  @Test func asciiRowLabelsAreTheCharacterTest() {
    let crafted = [
      "1", "1.", "1.2", "1.2.3.", "II", "IV.", "B", "b", "a)", "(1)", "|1", "1_", ",3,", "x", "Xã", "12345678",
      "123456789", " 1 ", "\t7\r\n", "\u{00A0}2\u{00A0}", "a\u{301})", "1\u{0B}", "..", "", "  ", "I I", "1 2",
      "MCMXC", "IIII", "A.", "ab", "z)", "Z)", "_(_", "9)", "(a", "1.a", "IV)",
    ]
    var decided = 0
    var labels = 0
    for w in FirstByteShortcutTests.words() + crafted {
      let want = LayoutBuilder.isRowLabelByCharacters(w)
      #expect(LayoutBuilder.isRowLabel(w) == want, "\(Array(w.unicodeScalars))")
      var bytes = w
      if let fast = bytes.withUTF8(LayoutBuilder.isASCIIRowLabel) {
        #expect(fast == want, "\(Array(w.unicodeScalars))")
        decided += 1
      }
      if want { labels += 1 }
    }
    #expect(decided > 5_000)
    #expect(labels > 50)
  }
}

/// Facts read off a line's bytes once, or settled on a byte or two, held to the String tests
/// they stand for, on every line of the golden and real corpus texts and on crafted lines.
@Suite struct LineByteShortcutTests {
  static let craftedLines = [
    "", "\t", "\t\t", " ", "7", "07", "007", "0007", "12a", "a12", "1 2", "١٢", "1\u{301}", "\t1", "1\t2",
    "KT. CHỦ TỊCH", "KT.CHỦ TỊCH", "KT. chủ tịch", "\u{212A}T. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", "T/M UBND", "TUQ.",
    "TL. GIÁM ĐỐC", "Tổ chức thực hiện", "Kế hoạch", "K", "T", "TM", "TM.", "TM.\u{301} ỦY BAN", "Kт. CHỦ TỊCH",
  ]

  /// The lines of the golden and real corpus texts, each as written and cleaned of the spaces
  /// around it, and the crafted ones.
  static func lines() -> [String] {
    var seen: Set<String> = []
    for text in FirstByteShortcutTests.corpusTexts() {
      for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
        seen.insert(String(line))
        seen.insert(String(line).trimmingSpaces())
      }
    }
    return seen.sorted() + craftedLines
  }

  @Test func storedFactsAreTheStringTests() {
    var blank = 0
    var numbers = 0
    for text in Self.lines() {
      let line = LineClassifier.classify(number: 1, text: text)
      let wantBlank = line.text.isEmpty || line.text.utf8.allSatisfy { $0 == 0x09 } && line.cells == nil
      #expect(line.isBlank == wantBlank, "\(Array(text.unicodeScalars))")
      var wantNumber: Int?
      if line.cells == nil, !line.text.isEmpty, line.text.utf8.count <= 3,
        line.text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
      {
        wantNumber = Int(line.text)
      }
      #expect(line.loneNumber == wantNumber, "\(Array(text.unicodeScalars))")
      if wantBlank { blank += 1 }
      if wantNumber != nil { numbers += 1 }
    }
    #expect(blank >= 3)
    #expect(numbers > 20)
  }

  /// `signatureAuthority` tests each authority on bytes held in the lexicon; `hasPrefix`, in
  /// Grammar's order, is what it stands for.
  @Test func signatureAuthorityIsThePrefixTest() {
    let lines = Self.lines().map { LineClassifier.classify(number: 1, text: $0) }
    let cursor = LineCursor(lines: lines, lexicon: .shared, wrap: WrapPolicy(lines: lines), fromLayout: false)
    func reference(_ text: String) -> (String, String)? {
      for (prefix, value) in GrammarLexicon.shared.signatureAuthorities where text.hasPrefix(prefix) {
        let rest = text.dropFirst(prefix.count).trimmingSpaces()
        if !rest.isEmpty, !LogicalText.containsLowercase(rest) { return (value, rest) }
      }
      return nil
    }
    var found = 0
    for line in lines {
      let got = cursor.signatureAuthority(line)
      let want = reference(line.text)
      #expect(got?.value == want?.0 && got?.rest == want?.1, "\(Array(line.text.unicodeScalars))")
      if want != nil { found += 1 }
    }
    #expect(found >= 10)
  }

  /// `flattenedHeader` turns a line away unless its first word opens a number column's header:
  /// a line it turns away never matches a header whose column is the number.
  @Test func numberColumnFirstWordsAreTheMatch() {
    let lex = GrammarLexicon.shared
    var matched = 0
    for text in Self.lines() + ["STT Nội dung công việc", "TT. Nhiệm vụ", "(STT) Nội dung", "stt", "Số TT Nội dung"] {
      let line = LineClassifier.classify(number: 1, text: text)
      let isNumber = lex.columns.matchPrefix(line.words)?.value == "number"
      let passes = lex.numberColumnFirstBytes.mayOpen(lead: line.leadByte)
        && line.bareFirstWord.map(lex.numberColumnFirstWords.contains) == true
      if isNumber {
        #expect(passes, "\(Array(text.unicodeScalars))")
        matched += 1
      }
    }
    #expect(matched >= 3)
  }

  /// A table row whose first cell opens with an ASCII digit other than the first byte of the
  /// header's first folded word is no repeated header (`readTabTable`), because folding leaves
  /// an ASCII digit opening a text as the first byte of its first word.
  @Test func foldingKeepsALeadingDigit() {
    var checked = 0
    for w in FirstByteShortcutTests.words() + Self.craftedLines {
      guard let b = w.utf8.first, b &- 0x30 < 10 else { continue }
      #expect(Words.fold(w).first?.utf8.first == b, "\(Array(w.unicodeScalars))")
      #expect(!LineCursor.opensWithOtherDigit(w, than: b))
      #expect(LineCursor.opensWithOtherDigit(w, than: b == 0x30 ? 0x31 : 0x30))
      checked += 1
    }
    #expect(!LineCursor.opensWithOtherDigit("STT", than: 0x73))
    #expect(!LineCursor.opensWithOtherDigit("", than: nil))
    #expect(LineCursor.opensWithOtherDigit("1", than: nil))
    #expect(checked > 1_000)
  }

  /// A flattened table's piece is only split before an agency at a word, neither its first nor
  /// its last, that opens with a capital: a piece the byte test turns away has no such word,
  /// as the Character test (`Character.isUppercase`) finds it.
  @Test func innerCapitalTestTurnsAwayOnlyPiecesWithout() {
    let crafted = [
      "a b c", "a B c", "a Đ c", "a đ c", "a \u{212A} c", "a Ǆ c", "a ǅ c", "a ǆ c", "  a  Bc  d ", "a Ủy", "A B", "a ɐ c",
      "a ß c", "a ĸ c", "a Ɑ c", "a \u{1E9E} c", "a e\u{301} c", "a E\u{301} c", "a ẞ", "x Phòng Văn hóa", "x phòng văn hóa",
    ]
    var turnedAway = 0
    var kept = 0
    for text in Self.lines() + crafted {
      let words = text.split(separator: " ")
      let reference = words.count >= 3 && words[1..<(words.count - 1)].contains { $0.first?.isUppercase == true }
      if !FlattenedRowSplitter.mayHaveInnerCapital(text) {
        #expect(!reference, "\(Array(text.unicodeScalars))")
        turnedAway += 1
      } else {
        kept += 1
      }
    }
    #expect(turnedAway > 1_000 && kept > 1_000)
    // Its scalar test agrees with the Character wherever it settles a word.
    for w in FirstByteShortcutTests.words() + crafted.flatMap({ $0.split(separator: " ").map(String.init) }) {
      let settled = w.utf8.withContiguousStorageIfAvailable(FlattenedRowSplitter.leadScalarUppercase) ?? nil
      if let settled { #expect(settled == (w.first?.isUppercase == true), "\(Array(w.unicodeScalars))") }
    }
  }
}

/// hOCR's void-element test, settled on lengths and first letters, against comparing every
/// name case-insensitively as it did.
@Suite struct VoidElementTests {
  @Test func namesAreTheCaseInsensitiveComparison() {
    let void = ["meta", "br", "img", "hr", "link", "input", "area", "base", "col", "param", "source", "wbr"]
    let names = void + void.map { $0.uppercased() } + ["Meta", "bR", "span", "div", "p", "html", "body", "head", "title",
      "strong", "em", "b", "i", "a", "metas", "lin", "sourcE", "w", "", "br2", "h1", "inputs", "col1"]
    for name in names {
      let bytes = Array(name.utf8)
      let want = void.contains { $0.utf8.count == bytes.count && zip($0.utf8, bytes).allSatisfy { $0 == $1 | 0x20 } }
      #expect(bytes.withUnsafeBufferPointer { HOCRReader.isVoidElement($0) } == want, "\(name)")
    }
  }
}
