import Testing

@testable import VanBanText

struct KeyCase: Sendable, CustomTestStringConvertible {
  let input: String
  let expected: String
  var testDescription: String { "\(input) → \(expected)" }
}

let caseFoldedCases: [KeyCase] = [
  KeyCase(input: "ỦY BAN", expected: "ủy ban"),
  KeyCase(input: "  CỘNG   HÒA\t\nXÃ HỘI  ", expected: "cộng hòa xã hội"),
  KeyCase(input: "U\u{0309}Y BAN", expected: "ủy ban"),
  KeyCase(input: "QUYẾT\u{00A0}ĐỊNH", expected: "quyết định"),
  KeyCase(input: "Straße", expected: "strasse"),
  KeyCase(input: "  Dieu   1  ", expected: "dieu 1"),
  KeyCase(input: "", expected: ""),
]

@Test("caseFolded", arguments: caseFoldedCases)
func caseFolded(_ c: KeyCase) {
  #expect(FoldingKey.caseFolded(c.input) == c.expected)
}

/// Old-style and new-style tone placement must give the same key.
let sameToneKey: [(String, String)] = [
  ("hoà", "hòa"),
  ("Hoá", "hóa"),
  ("thuỷ", "thủy"),
  ("khoẻ", "khỏe"),
  ("loà", "lòa"),
  ("tuỳ", "tùy"),
  ("quý", "quý"),
  ("Văn hoá - Xã hội", "Văn hóa - Xã hội"),
  ("hoạ", "họa"),
  ("thoả thuận", "thỏa thuận"),
  ("luỹ kế", "lũy kế"),
  ("UỶ BAN", "ủy ban"),
  ("Ho\u{0300}a", "hòa"),
  ("Phòng Văn hoá – Xã hội", "phòng văn hóa – xã hội"),
]

/// Different words must stay different.
let differentToneKey: [(String, String)] = [
  ("hòa", "hóa"),
  ("ba", "bà"),
  ("ma", "mã"),
  ("hoa", "hòa"),
  ("cơ", "có"),
  ("ăn", "ân"),
  ("thủy", "thùy"),
]

@Test("toneInsensitive equal", arguments: sameToneKey)
func toneInsensitiveEqual(_ a: String, _ b: String) {
  #expect(FoldingKey.toneInsensitive(a) == FoldingKey.toneInsensitive(b))
}

@Test("toneInsensitive distinct", arguments: differentToneKey)
func toneInsensitiveDistinct(_ a: String, _ b: String) {
  #expect(FoldingKey.toneInsensitive(a) != FoldingKey.toneInsensitive(b))
}

@Test func toneInsensitiveKeepsQualityMarksAndText() {
  #expect(FoldingKey.toneInsensitive("Quả") == "quả")
  // The tone moves to the end of the syllable: a comparison key, not a spelling.
  #expect(FoldingKey.toneInsensitive("  Điều   12 ") == "điêù 12")
  #expect(FoldingKey.toneInsensitive("Việt") == "viêṭ")
  #expect(FoldingKey.toneInsensitive("ABC") == "abc")
  #expect(ICUNormalizer.isNFC(FoldingKey.toneInsensitive("Nghị định thuỷ lợi")))
}

let diacriticFreeCases: [KeyCase] = [
  KeyCase(input: "Phòng Văn hoá - Xã hội", expected: "phong van hoa - xa hoi"),
  KeyCase(input: "Phòng Văn hóa – Xã hội", expected: "phong van hoa – xa hoi"),
  KeyCase(input: "Đảng ủy", expected: "dang uy"),
  KeyCase(input: "ĐỘC LẬP", expected: "doc lap"),
  KeyCase(input: "Cộng hoà xã hội chủ nghĩa Việt Nam", expected: "cong hoa xa hoi chu nghia viet nam"),
  KeyCase(input: "U\u{0309}Y BAN  NHÂN DÂN", expected: "uy ban nhan dan"),
  KeyCase(input: "Dieu 1", expected: "dieu 1"),
  KeyCase(input: "", expected: ""),
]

@Test("diacriticFree", arguments: diacriticFreeCases)
func diacriticFree(_ c: KeyCase) {
  #expect(FoldingKey.diacriticFree(c.input) == c.expected)
}

@Test func diacriticFreeFromManyTasks() async {
  let inputs = diacriticFreeCases
  await withTaskGroup(of: Bool.self) { group in
    for i in 0..<200 {
      let c = inputs[i % inputs.count]
      group.addTask { FoldingKey.diacriticFree(c.input) == c.expected }
    }
    for await ok in group { #expect(ok) }
  }
}

/// Long input goes through the transliterator in pieces; the pieces must not change the result,
/// even where no space offers a natural cut.
@Test func diacriticFreeOnLongText() {
  let words = String(repeating: "Việt", count: 5_000)
  #expect(FoldingKey.diacriticFree(words) == String(repeating: "viet", count: 5_000))
  let decomposed = String(repeating: "Vie\u{0323}\u{0302}t ", count: 3_000)
  #expect(FoldingKey.diacriticFree(decomposed) == String(repeating: "viet ", count: 3_000).dropLast())
  let marks = "a" + String(repeating: "\u{0301}", count: 3_000) + "đ"
  #expect(FoldingKey.diacriticFree(marks) == "ad")
}

@Test func toneInsensitiveOnLongTextAndAstralLetters() {
  let old = String(repeating: "thuỷ lợi hoà bình 𠀀𝐀 ", count: 2_000)
  let new = String(repeating: "thủy lợi hòa bình 𠀀𝐀 ", count: 2_000)
  #expect(FoldingKey.toneInsensitive(old) == FoldingKey.toneInsensitive(new))
  #expect(FoldingKey.toneInsensitive(old).contains("𠀀"))
}

// MARK: - The table against the general path

/// Every scalar the table covers, alone, after a Vietnamese syllable and inside one, with each
/// tone before it: the fast key must be the general key, or the table must decline.
/// The scalars of the blocks the table covers, as one-scalar strings with their value.
let coveredScalars: [(String, UInt32)] = ([0x20...0x24F, 0x1E00...0x1EFF, 0x2000...0x22FF] as [ClosedRange<UInt32>])
  .flatMap { $0 }.compactMap { v in Unicode.Scalar(v).map { (String($0), v) } }

@Test func toneFoldTableAgreesWithICUOnEveryCoveredScalar() {
  var checked = 0
  for (c, v) in coveredScalars {
    for s in [c, "Ng" + c, c + "ư", "Việ" + c + "t", "Hòa " + c + "  Xã", "\(c)ỏa\(c)", "ạ" + c, c + "\u{00A0}ỆT"] {
      guard let fast = ToneFoldTable.fold(s) else { continue }
      #expect(fast == FoldingKey.generalToneInsensitive(s), "\(s) U+\(String(v, radix: 16))")
      checked += 1
    }
  }
  // Most of what the table covers is answered by it, not declined.
  #expect(checked > 8_000)
}

/// The fold writes into a scratch buffer of three times its input and sixteen bytes more, on
/// the ground that a key is never more than three times its text (`ToneFoldTable.capacity`),
/// and copies each form as eight bytes, from its slot (eight bytes apart) to the key's end.
/// Both hold while the table's forms stay short: a scalar's base and bare forms at most twice
/// its UTF-8 bytes (a toned form is put in once per syllable, for its last letter, and never
/// passes its eight-byte field: the packing makes any longer entry unsupported).
@Test func toneFoldFormsFitTheFoldsBuffer() {
  let table = ToneFoldTable.packed
  var letters = 0
  for (first, end) in ToneFoldTable.blocks {
    for v in first..<end {
      guard let at = ToneFoldTable.slot(v), table[at] != 0 else { continue }
      let width = v < 0x80 ? 1 : v < 0x800 ? 2 : 3
      #expect(Int(table[at + 2]) <= 2 * width, "base of U+\(String(v, radix: 16))")
      #expect(Int(table[at + 64]) <= 2 * width, "bare form of U+\(String(v, radix: 16))")
      if table[at] == ToneFoldTable.Entry.Kind.letter.rawValue { letters += 1 }
    }
  }
  #expect(letters > 500)
  // Keys with the longest forms: tones carried onto letters that have no precomposed toned form.
  for (c, _) in coveredScalars {
    for s in [c, c + "ỏ", "ả" + c, c + c + "ệ", "\(c)ỏ \(c)ả"] {
      guard let key = ToneFoldTable.fold(s) else { continue }
      #expect(key.utf8.count <= 3 * s.utf8.count, "\(s)")
    }
  }
}

@Test func toneFoldTableDeclinesWhatItDoesNotCover() {
  #expect(ToneFoldTable.fold("hoa\u{0300}") == nil)  // a combining mark: NFD input
  #expect(ToneFoldTable.fold("Ω") == nil)  // Greek: outside the table
  #expect(ToneFoldTable.fold("𝐀") == nil)  // four-byte UTF-8
  #expect(ToneFoldTable.fold("ảà") == nil)  // two tones in one syllable
  #expect(FoldingKey.toneInsensitive("ảà") == FoldingKey.generalToneInsensitive("ảà"))
  #expect(ToneFoldTable.fold("  Điều   12 ") == "điêù 12")
}

@Test func diacriticFreeTableAgreesWithTheTransliterator() {
  var checked = 0
  for (c, v) in coveredScalars {
    for s in [c, "Đường " + c, " Việ" + c + "t\u{00A0} "] {
      let table = s.utf8.withContiguousStorageIfAvailable { ToneFoldTable.bare(utf8: $0) } ?? nil
      guard let table else { continue }
      #expect(table == FoldingKey.generalDiacriticFree(s), "\(s) U+\(String(v, radix: 16))")
      checked += 1
    }
  }
  #expect(checked > 3_000)
  #expect(FoldingKey.diacriticFree("Phòng Văn hóa – Xã hội") == "phong van hoa – xa hoi")
}

/// Keys compare by their bytes whether they share storage, hold their bytes inline or were
/// built apart, and equal keys hash alike.
@Test func utf8KeysCompareByTheirBytes() {
  let words = ["", "a", "xã", "năm", "ủy ban nhân dân", "trung tâm văn hóa thể thao và truyền thông", "Hòa", "Hoà"]
  for x in words {
    for y in words {
      // The same text built apart, so that no two Strings share storage by accident.
      let a = UTF8Key(String(decoding: Array(x.utf8), as: UTF8.self))
      let b = UTF8Key(String(decoding: Array(y.utf8), as: UTF8.self))
      let same = Array(x.utf8) == Array(y.utf8)
      #expect((a == b) == same, "\(x) / \(y)")
      #expect((a == a) && (b == UTF8Key(b.string)))
      if same { #expect(a.hashValue == b.hashValue) }
    }
  }
  // Tone placement differs in bytes, so the keys differ (folding makes them equal first).
  #expect(UTF8Key("Hòa") != UTF8Key("Hoà"))
}
