import Testing
@testable import VanBan
import VanBanText

/// `WhiteSpace.collapse`, a byte loop written for speed, against a plain model of what it
/// promises, on random strings made of the characters it treats specially.
@Suite struct WhiteSpaceTests {
  static let alphabet: [String] = [
    "a", "ế", "1", " ", " ", " ", "\t", "\n", "\r", "\u{0B}", "\u{A0}", "\u{85}", "\u{2003}", "\u{200B}",
    "\u{FEFF}", "\u{3000}", "\u{202F}", "\u{205F}", "\u{2028}", "\u{1680}", "—", "•",
  ]

  static func isSpace(_ c: Unicode.Scalar, keepingTabs: Bool) -> Bool {
    if keepingTabs {
      if c == "\t" || c == "\n" || c == "\r" { return false }
      if c == "\u{200B}" || c == "\u{FEFF}" { return true }
    }
    return c.properties.isWhitespace
  }

  /// Words joined by one space; keeping tabs, the same within each tab-separated cell.
  static func model(_ s: String, keepingTabs: Bool) -> String {
    func words(_ t: Substring) -> String {
      t.unicodeScalars.split(whereSeparator: { isSpace($0, keepingTabs: keepingTabs) })
        .map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
    }
    guard keepingTabs else { return words(s[...]) }
    return s.split(separator: "\t", omittingEmptySubsequences: false).map(words).joined(separator: "\t")
  }

  @Test func collapseAgreesWithTheModel() {
    var g = PropertyTests.LCG(state: 7)
    var unchanged = 0
    for _ in 0..<20_000 {
      var s = ""
      for _ in 0..<g.next(12) { s += Self.alphabet[g.next(Self.alphabet.count)] }
      for keepingTabs in [false, true] {
        let got = WhiteSpace.collapse(s[...], keepingTabs: keepingTabs)
        #expect(got == Self.model(s, keepingTabs: keepingTabs), "\(Array(s.unicodeScalars)) keepingTabs \(keepingTabs)")
        if got == s { unchanged += 1 }
      }
    }
    // Strings already collapsed and strings that were not both came up.
    #expect(unchanged > 1_000)
    #expect(unchanged < 39_000)
  }

  /// The rewriting copies runs of text sixteen bytes at a time: on strings long enough for
  /// those steps, mostly text (letters whose UTF-8 holds E1 and 9A, not U+1680) with runs of
  /// spaces, tabs, line breaks and wide spaces mixed in, it still gives the model's words.
  @Test func rewritingLongTextAgreesWithTheModel() {
    let pieces = [
      ("a", 12), ("b", 9), ("ế", 6), ("Ủ", 3), ("ờ", 3), ("ẚ", 2), ("Ú", 2), (" ", 14), ("  ", 4), ("\t", 2), ("\n", 1),
      ("\u{A0}", 1), ("\u{1680}", 1), ("\u{2003}", 1), ("\u{200B}", 1), ("\u{FEFF}", 1), ("—", 1), ("“", 1),
    ]
    var rewritten = 0
    for s in Self.randomStrings(pieces, seed: 11) {
      for keepingTabs in [false, true] {
        let got = WhiteSpace.collapse(s[...], keepingTabs: keepingTabs)
        #expect(got == Self.model(s, keepingTabs: keepingTabs), "\(Array(s.unicodeScalars)) keepingTabs \(keepingTabs)")
        if got != s { rewritten += 1 }
      }
    }
    #expect(rewritten > 10_000)
  }

  /// 20,000 strings of up to 40 pieces, each piece drawn with its weight: long enough for the
  /// eight-byte steps to run, with the bytes that must stop them mixed in.
  static func randomStrings(_ pieces: [(String, Int)], seed: UInt64) -> [String] {
    let pool = pieces.flatMap { Array(repeating: $0.0, count: $0.1) }
    var g = PropertyTests.LCG(state: seed)
    return (0..<20_000).map { _ in
      var s = ""
      for _ in 0..<g.next(40) { s += pool[g.next(pool.count)] }
      return s
    }
  }

  /// The sixteen- and eight-byte steps of `isCollapsed` answer exactly as testing every byte alone, on
  /// longer strings of mostly letters and single spaces (where the steps run), with the bytes
  /// that must stop them: 9A after E1 (U+1680 against "ẚ" and "Ú"), wide spaces, tabs.
  @Test func collapsedTestStepsAgreeWithBytes() {
    let pieces = [
      ("a", 9), ("b", 9), ("ế", 6), ("Ủ", 3), ("ờ", 3), ("Ú", 2), ("ẚ", 2), (" ", 27), ("\u{1680}", 1), ("\t", 1),
      ("\u{A0}", 1), ("“", 1), ("\u{200B}", 1), ("\u{FEFF}", 1),
    ]
    var collapsed = 0
    for s in Self.randomStrings(pieces, seed: 11) {
      var t = s
      for keepingTabs in [false, true] {
        let got = t.withUTF8 { WhiteSpace.isCollapsed($0, keepingTabs: keepingTabs) }
        let want = t.withUTF8 { b in b.indices.allSatisfy { WhiteSpace.byteKeepsCollapsed(b, $0, keepingTabs: keepingTabs) } }
        #expect(got == want, "\(Array(s.unicodeScalars)) keepingTabs \(keepingTabs)")
        if got { collapsed += 1 }
        #expect(WhiteSpace.collapse(s[...], keepingTabs: keepingTabs) == Self.model(s, keepingTabs: keepingTabs))
      }
    }
    #expect(collapsed > 1_000)
  }

  /// Every pair that decides collapsedness across a step's edge (a space and what follows it,
  /// a tab and the space after it, E1 and 9A), at every byte offset, so each lands on the
  /// first, last and middle lanes of the sixteen- and eight-byte steps.
  @Test func collapsedTestAgreesWithBytesAtEveryOffset() {
    let pairs = [" \t", "  ", " \u{1680}", "\t ", "\u{1680}", " \u{A0}", "\u{A0} ", " \u{200B}", "a b", " ẚ", "ở ở", " $"]
    for offset in 0..<40 {
      for pair in pairs {
        for tail in ["", "b", String(repeating: "b", count: 40)] {
          var t = String(repeating: "a", count: offset) + pair + tail
          for keepingTabs in [false, true] {
            let got = t.withUTF8 { WhiteSpace.isCollapsed($0, keepingTabs: keepingTabs) }
            let want = t.withUTF8 { b in b.indices.allSatisfy { WhiteSpace.byteKeepsCollapsed(b, $0, keepingTabs: keepingTabs) } }
            #expect(got == want, "\(Array(t.unicodeScalars)) keepingTabs \(keepingTabs)")
            let scanned = t.withUTF8 { WhiteSpace.scan($0, keepingTabs: keepingTabs, stops: (0x24, 0x3C, 0x2A, 0x5C)) }
            #expect(scanned == (t.utf8.contains(0x24) ? .stopped : want ? .collapsed : .uncollapsed))
          }
        }
      }
    }
  }

  /// Spaces that open or close a line are cut off before the scan (`withoutEndSpaces`): with
  /// one to three of them at either end, around text that is collapsed and text that is not
  /// (tabs and wide spaces at its edges too), both ways in still give the model's words, and a
  /// stop inside still gives nil.
  @Test func endSpacesGiveTheModelsWords() {
    let pieces = [("a", 9), ("ế", 6), (" ", 12), ("\t", 2), ("\u{A0}", 1), ("\u{200B}", 1), ("$", 1), ("Ủ", 2)]
    var g = PropertyTests.LCG(state: 31)
    var trimmedToCollapsed = 0
    for s in Self.randomStrings(pieces, seed: 29) {
      let t = String(repeating: " ", count: 1 + g.next(3)) + s + String(repeating: " ", count: g.next(4))
      let hasStop = t.utf8.contains(0x24)
      for keepingTabs in [false, true] {
        let model = Self.model(t, keepingTabs: keepingTabs)
        #expect(WhiteSpace.collapse(t[...], keepingTabs: keepingTabs) == model, "\(Array(t.unicodeScalars)) keepingTabs \(keepingTabs)")
        let once = WhiteSpace.collapse(t[...], keepingTabs: keepingTabs, unlessAny: (0x24, 0x3C, 0x2A, 0x5C))
        #expect(once == (hasStop ? nil : model), "\(Array(t.unicodeScalars)) keepingTabs \(keepingTabs)")
        var inner = String(t.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        if inner.withUTF8({ WhiteSpace.isCollapsed($0, keepingTabs: keepingTabs) }) { trimmedToCollapsed += 1 }
      }
    }
    // The case the cut is for came up, and so did the rewrite.
    #expect(trimmedToCollapsed > 1_000 && trimmedToCollapsed < 39_000)
  }

  /// With stop bytes, one walk answers both questions: a stop anywhere wins, else the answer
  /// is `isCollapsed`'s; and `collapse(_:keepingTabs:unlessAny:)` is nil or `collapse`.
  @Test func scanWithStopsAgreesWithSeparateTests() {
    let pieces = [
      ("a", 9), ("ế", 6), ("Ủ", 3), (" ", 27), ("\t", 1), ("\u{A0}", 1), ("$", 1), ("<", 1), ("*", 1), ("\\", 1), ("“", 1),
      ("\u{1680}", 1), ("ẚ", 1),
    ]
    var stopped = 0
    for s in Self.randomStrings(pieces, seed: 23) {
      let hasStop = s.utf8.contains { $0 == 0x24 || $0 == 0x3C || $0 == 0x2A || $0 == 0x5C }
      var t = s
      for keepingTabs in [false, true] {
        let got = t.withUTF8 { WhiteSpace.scan($0, keepingTabs: keepingTabs, stops: (0x24, 0x3C, 0x2A, 0x5C)) }
        let collapsed = t.withUTF8 { WhiteSpace.isCollapsed($0, keepingTabs: keepingTabs) }
        let want: WhiteSpace.Scan = hasStop ? .stopped : collapsed ? .collapsed : .uncollapsed
        #expect(got == want, "\(Array(s.unicodeScalars)) keepingTabs \(keepingTabs)")
        let once = WhiteSpace.collapse(s[...], keepingTabs: keepingTabs, unlessAny: (0x24, 0x3C, 0x2A, 0x5C))
        #expect(once == (hasStop ? nil : WhiteSpace.collapse(s[...], keepingTabs: keepingTabs)))
        if got == .stopped { stopped += 1 }
      }
    }
    #expect(stopped > 1_000 && stopped < 39_000)
  }
}
