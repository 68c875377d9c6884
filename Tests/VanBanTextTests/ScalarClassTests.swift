import Testing

@testable import VanBanText

/// The table answers exactly what `Unicode.Scalar.Properties` answers, below its bound and
/// above it.
@Suite struct ScalarClassTests {
  @Test func tableAgreesWithTheProperties() {
    var checked = 0
    for v in Array(0..<(ScalarClass.bound + 0x100)) + [0x3000, 0x1F600, 0x10FFFF, 0xFF21, 0x2160] {
      guard let s = Unicode.Scalar(v) else { continue }
      let p = s.properties
      #expect(ScalarClass.isAlphabetic(s) == p.isAlphabetic, "U+\(String(v, radix: 16))")
      #expect(ScalarClass.isLowercase(s) == p.isLowercase, "U+\(String(v, radix: 16))")
      #expect(ScalarClass.isUppercase(s) == p.isUppercase, "U+\(String(v, radix: 16))")
      #expect(ScalarClass.isAlphanumeric(s) == (p.isAlphabetic || p.numericType != nil), "U+\(String(v, radix: 16))")
      let letterCategories: [Unicode.GeneralCategory] = [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter]
      #expect(ScalarClass.isLetter(s) == letterCategories.contains(p.generalCategory), "U+\(String(v, radix: 16))")
      #expect(ScalarClass.isMark(s) == [.nonspacingMark, .spacingMark, .enclosingMark].contains(p.generalCategory), "U+\(String(v, radix: 16))")
      #expect(ScalarClass.isWhiteSpace(s) == p.isWhitespace, "U+\(String(v, radix: 16))")
      #expect(ScalarClass.changesWhenUppercased(s) == p.changesWhenUppercased, "U+\(String(v, radix: 16))")
      checked += 1
    }
    #expect(checked > 8_000)
  }
}

/// The byte test for a hyphen-broken word agrees with the scalar reading it replaced on the
/// scalars around its branches: ASCII, Vietnamese letters, marks, other scripts, symbols.
@Test func brokenHyphenTestAgreesWithTheScalarReading() {
  func reference(_ s: String) -> Bool {
    let u = Array(s.unicodeScalars.suffix(2))
    guard u.count == 2, u[1] == "-" else { return false }
    return ScalarClass.isAlphabetic(u[0]) || (u[0].value >= 0x30 && u[0].value <= 0x39)
  }
  let befores = ["a", "Z", "0", "9", " ", "-", ".", "ố", "Đ", "ư", "a\u{0301}", "\u{0301}", "中", "😀", "ʼ", "ª", "²", "\u{00A0}", "Ω"]
  var checked = 0
  for prefix in ["", "x", "số ", "chuyển đổi "] {
    for b in befores {
      for end in ["-", "–", "", "- ", "-\u{0301}"] {
        let s = prefix + b + end
        #expect(Hyphenation.endsWithBrokenHyphen(s) == reference(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        checked += 1
      }
    }
  }
  #expect(checked == 4 * befores.count * 5)
  #expect(Hyphenation.endsWithBrokenHyphen("chuyển đổi số-") && !Hyphenation.endsWithBrokenHyphen("-"))
}
