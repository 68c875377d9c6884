import Testing

@testable import VanBanText

/// "Tiếng Việt" spelled with base letters and combining marks only.
let tiengVietNFD =
  "Ti" + "e\u{0302}\u{0301}" + "ng Vi" + "e\u{0323}\u{0302}" + "t"

struct NormalizeCase: Sendable, CustomTestStringConvertible {
  let name: String
  let input: String
  let nfc: String
  var testDescription: String { name }
}

let normalizeCases: [NormalizeCase] = [
  NormalizeCase(name: "NFD Vietnamese", input: tiengVietNFD, nfc: "Tiếng Việt"),
  NormalizeCase(name: "already NFC", input: "Tiếng Việt", nfc: "Tiếng Việt"),
  NormalizeCase(name: "ASCII", input: "Dieu 1. Pham vi", nfc: "Dieu 1. Pham vi"),
  NormalizeCase(name: "empty", input: "", nfc: ""),
  NormalizeCase(
    name: "NFC prefix then NFD tail", input: "Ủy ban nhân dân " + "Ho\u{0300}a",
    nfc: "Ủy ban nhân dân Hòa"),
  NormalizeCase(
    name: "marks in non-canonical order", input: "e\u{0302}\u{0323}", nfc: "\u{1EC7}"),
  NormalizeCase(name: "singleton (Ohm sign)", input: "\u{2126}", nfc: "\u{03A9}"),
  NormalizeCase(
    name: "composition exclusion grows", input: "\u{0958}", nfc: "\u{0915}\u{093C}"),
  NormalizeCase(name: "astral and NUL survive", input: "a\u{0}𝄞e\u{0301}", nfc: "a\u{0}𝄞é"),
]

@Test("nfc", arguments: normalizeCases)
func nfc(_ c: NormalizeCase) {
  let out = ICUNormalizer.nfc(c.input)
  #expect(Array(out.unicodeScalars) == Array(c.nfc.unicodeScalars))
  #expect(ICUNormalizer.isNFC(out))
  #expect(ICUNormalizer.nfc(out) == out)
  #expect(Array(ICUNormalizer.nfc(ICUNormalizer.nfd(c.input)).unicodeScalars) == Array(c.nfc.unicodeScalars))
}

@Test func nfdDecomposes() {
  #expect(Array(ICUNormalizer.nfd("Tiếng Việt").unicodeScalars) == Array(tiengVietNFD.unicodeScalars))
  #expect(ICUNormalizer.nfd("abc") == "abc")
  #expect(!ICUNormalizer.isNFC(tiengVietNFD))
  #expect(ICUNormalizer.isNFC("Tiếng Việt"))
}

@Test func nfcIsIdempotent() {
  for input in ["Văn hoá", tiengVietNFD, "Đ\u{0323}", "x\u{0301}\u{0300}", ""] {
    let once = ICUNormalizer.nfc(input)
    #expect(ICUNormalizer.nfc(once) == once)
  }
}

@Test func megabyteOfNFD() {
  let unit = "Co\u{0323}\u{0302}ng ho\u{0300}a xa\u{0303} ho\u{0323}\u{0302}i chu\u{0309} nghi\u{0303}a Vie\u{0323}\u{0302}t Nam\n"
  let composed = "Cộng hòa xã hội chủ nghĩa Việt Nam\n"
  let count = 1_000_000 / unit.utf8.count + 1
  let input = String(repeating: unit, count: count)
  #expect(input.utf8.count >= 1_000_000)
  let out = ICUNormalizer.nfc(input)
  #expect(out == String(repeating: composed, count: count))
  #expect(out.utf8.count < input.utf8.count)
}

/// The table shortcut never calls text NFC that ICU would change: every code point the table
/// covers, alone and after a letter it could compose with, against ICU's own answer.
@Test func plainlyNFCAgreesWithICU() {
  for c in 0x80..<NFCCheck.bound where !(0xD800..<0xE000).contains(c) {
    guard let scalar = Unicode.Scalar(c) else { continue }
    for s in [String(scalar), "a" + String(scalar), "e" + String(scalar) + "b"] {
      var copy = s
      guard copy.withUTF8({ NFCCheck.isPlainlyNFC($0) }) else { continue }
      let units = ICUString.utf16(s)
      let icu = ICUNormalizer.normalize(units, form: .nfc).map(ICUString.string) ?? s
      #expect(Array(icu.unicodeScalars) == Array(s.unicodeScalars), "U+\(String(c, radix: 16))")
    }
  }
  // "≥", which plans use, is covered, and the Ohm sign is not plainly NFC.
  var ge = "≥ 80%"
  #expect(ge.withUTF8 { NFCCheck.isPlainlyNFC($0) })
  var ohm = "\u{2126}"
  #expect(!ohm.withUTF8 { NFCCheck.isPlainlyNFC($0) })
}

/// The UTF-8 length `ICUString.string` sizes its result by, against Swift's own encoding.
@Suite struct ICUStringTests {
  @Test func utf8CountMatchesTheEncoding() {
    let samples: [UInt32] = [0x41, 0x7F, 0x80, 0x7FF, 0x800, 0x1EA0, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF]
    var g = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
      let scalars = (0..<Int.random(in: 0...40, using: &g)).map { _ in Unicode.Scalar(samples.randomElement(using: &g)!)! }
      let text = String(String.UnicodeScalarView(scalars))
      let units = Array(text.utf16)
      let count = units.withUnsafeBufferPointer { ICUString.utf8Count($0) }
      #expect(count == text.utf8.count, "\(scalars)")
      #expect(ICUString.string(units) == text)
    }
  }

  /// Units without surrogates are written without ICU (`bmpString`); the bytes are the
  /// encoding's, at every length edge, in runs that change length at every unit; with a
  /// surrogate anywhere, ICU writes them, lone ones as U+FFFD.
  @Test func unitsGiveTheEncodingsBytes() {
    let edges: [UInt16] = [0x00, 0x0A, 0x41, 0x7F, 0x80, 0xC0, 0x7FF, 0x800, 0x1EA0, 0x1EF9, 0xD7FF, 0xE000, 0xFEFF, 0xFFFD, 0xFFFF]
    var g = SystemRandomNumberGenerator()
    var bmp = 0
    for round in 0..<20_000 {
      var units = (0..<Int.random(in: 0...50, using: &g)).map { _ in
        round % 2 == 0 ? edges.randomElement(using: &g)! : UInt16.random(in: 0...0xD7FF, using: &g)
      }
      if round % 5 == 0, !units.isEmpty { units[Int.random(in: 0..<units.count, using: &g)] = UInt16.random(in: 0xD800...0xDFFF, using: &g) }
      let want = String(decoding: units, as: UTF16.self)
      let got = ICUString.string(units)
      #expect(Array(got.utf8) == Array(want.utf8), "\(units.map { String($0, radix: 16) })")
      if !units.contains(where: { $0 & 0xF800 == 0xD800 }) { bmp += 1 }
    }
    #expect(bmp > 10_000)
  }
}

/// The sixteen- and eight-byte steps of the NFC quick check answer as checking every scalar against the
/// table does, on strings of Vietnamese letters, combining marks and characters beyond the table.
@Suite struct NFCCheckStepTests {
  @Test func stepsAgreeWithScalarByScalar() {
    #expect(NFCCheck.latinExtendedAdditionalIsPlain)
    let pieces = ["a", "b", " ", "à", "ă", "ơ", "đ", "ế", "ữ", "ẚ", "\u{1E00}", "\u{1EFF}", "\u{301}", "\u{323}", "≥", "–", "中", "😀", "\u{0CCC}", "\u{2000}"]
    var g = SystemRandomNumberGenerator()
    var plain = 0
    for _ in 0..<20_000 {
      let s = (0..<Int.random(in: 0...30, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined()
      let want = s.unicodeScalars.allSatisfy { c in
        c.value < 0x300 || (Int(c.value) < NFCCheck.bound && NFCCheck.plainStarter[Int(c.value)])
      }
      var t = s
      let got = t.withUTF8 { NFCCheck.isPlainlyNFC($0) }
      #expect(got == want, "\(Array(s.unicodeScalars))")
      if got { plain += 1 }
    }
    #expect(plain > 1_000 && plain < 19_000)
  }
}

/// NFC of decomposed and mixed text is ICU's NFC, whichever way `ICUNormalizer.nfc` takes:
/// composed by table on the UTF-8 (`MarkComposer.composedUTF8`), or through UTF-16 when that
/// leaves something only ICU composes; on runs of letters, Vietnamese bases, every combining
/// mark the table knows and some it does not, in and out of canonical order, after astral
/// characters and at the start.
@Test func nfcOfDecomposedTextIsICUs() {
  let pieces = ["a", "e", "o", "u", "i", "y", "A", "E", "O", "U", "ơ", "ư", "â", "ê", "ô", "ă", "Ơ", "đ", "x", " ", "1",
    "\u{301}", "\u{300}", "\u{309}", "\u{303}", "\u{323}", "\u{302}", "\u{306}", "\u{31B}", "\u{308}", "\u{30C}", "\u{327}",
    "\u{340}", "𝄞", "ế", "ộ", "\u{2126}", "中"]
  var g = SystemRandomNumberGenerator()
  var byTable = 0
  for _ in 0..<20_000 {
    let s = (0..<Int.random(in: 0...24, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined()
    let units = ICUString.utf16(s)
    let icu = ICUNormalizer.normalize(units, form: .nfc).map(ICUString.string) ?? s
    #expect(Array(ICUNormalizer.nfc(s).unicodeScalars) == Array(icu.unicodeScalars), "\(Array(s.unicodeScalars))")
    if s.withUTF8Bytes({ MarkComposer.composedUTF8($0) }) != nil { byTable += 1 }
  }
  // Both ways are taken often.
  #expect(byTable > 1_500 && byTable < 18_500)
}
