import Testing
@testable import VanBan

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
}
