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
      checked += 1
    }
    #expect(checked > 8_000)
  }
}
