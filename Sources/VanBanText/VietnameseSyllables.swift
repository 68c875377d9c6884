internal import CICU

/// The Vietnamese alphabet as lookup tables over UTF-16 units (every Vietnamese letter is one BMP
/// unit in NFC), so that scoring and case repair never build strings per character.
enum VietnameseLetters {
  static let vowels: [String] = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
  /// None, acute, grave, hook above, tilde, dot below: the order of the `tone` values below.
  static let toneMarks: [String] = ["", "\u{301}", "\u{300}", "\u{309}", "\u{303}", "\u{323}"]

  /// Units below this bound are covered by the tables (Latin Extended Additional ends at 0x1EFF).
  static let bound = 0x1F00

  /// Per unit: the lower-case letter without tone in bits 0–15, the tone (0–5) in bits 16–18,
  /// bit 20 set for a capital, bit 21 set for any Vietnamese letter (ASCII letters included).
  static let info: [UInt32] = {
    var table = [UInt32](repeating: 0, count: bound)
    for c in UInt16(0x61)...UInt16(0x7A) {
      table[Int(c)] = UInt32(c) | 1 << 21
      table[Int(c - 0x20)] = UInt32(c) | 1 << 20 | 1 << 21
    }
    table[0x111] = 0x111 | 1 << 21
    table[0x110] = 0x111 | 1 << 20 | 1 << 21
    for vowel in vowels {
      let base = UInt32(vowel.utf16.first!)
      for (tone, mark) in toneMarks.enumerated() {
        let lower = ICUNormalizer.nfc(vowel + mark).utf16
        let upper = ICUNormalizer.nfc(vowel.uppercased() + mark).utf16
        guard lower.count == 1, upper.count == 1 else { continue }
        table[Int(lower.first!)] = base | UInt32(tone) << 16 | 1 << 21
        table[Int(upper.first!)] = base | UInt32(tone) << 16 | 1 << 20 | 1 << 21
      }
    }
    return table
  }()

  /// For each lower-case letter with a tone, its capital; 0 elsewhere. These are the letters
  /// TCVN3 cannot write in capitals.
  static let upperOfTonedLower: [UInt16] = {
    var table = [UInt16](repeating: 0, count: bound)
    for vowel in vowels {
      for mark in toneMarks.dropFirst() {
        let lower = ICUNormalizer.nfc(vowel + mark).utf16
        let upper = ICUNormalizer.nfc(vowel.uppercased() + mark).utf16
        if lower.count == 1, upper.count == 1 { table[Int(lower.first!)] = upper.first! }
      }
    }
    return table
  }()

  /// Letters of any Latin script and combining marks: what a word is made of.
  static func isLetter(_ u: UInt16) -> Bool {
    switch u {
    case 0x41...0x5A, 0x61...0x7A: return true
    case 0xD7, 0xF7: return false
    case 0xC0...0x24F, 0x300...0x36F, 0x1E00...0x1EFF: return true
    default: return false
    }
  }

  static func isUpper(_ u: UInt16) -> Bool {
    if Int(u) < bound, info[Int(u)] & (1 << 21) != 0 { return info[Int(u)] & (1 << 20) != 0 }
    return false
  }

  static func isLower(_ u: UInt16) -> Bool {
    if Int(u) < bound, info[Int(u)] & (1 << 21) != 0 { return info[Int(u)] & (1 << 20) == 0 }
    return false
  }
}

/// How Vietnamese a text looks: its words with letters beyond ASCII, sorted into valid Vietnamese
/// syllables and everything else. Decoding a file in the wrong legacy encoding gives letters in
/// impossible places ("TiƠng", "c¸c", "Viờũt"), so the right encoding is the one with the most
/// valid syllables.
struct VietnameseScore: Equatable, Sendable {
  var valid = 0
  var invalid = 0
  var value: Int { valid - invalid }

  /// Enough valid syllables, and few enough others, to believe the text is Vietnamese.
  var looksVietnamese: Bool { valid >= 2 && valid >= 3 * invalid }
}

enum VietnameseSyllables {
  /// Scores NFC text. Words of plain ASCII (and abbreviations without a vowel, "HĐND") say nothing
  /// about the encoding and are not counted.
  static func score(_ units: UnsafeBufferPointer<UInt16>) -> VietnameseScore {
    var result = VietnameseScore()
    var base: [UInt16] = []
    base.reserveCapacity(16)
    var i = 0
    let n = units.count
    while i < n {
      while i < n && isBoundary(units[i]) { i += 1 }
      if i >= n { break }
      let start = i
      while i < n && !isBoundary(units[i]) { i += 1 }
      switch judge(units, start..<i, &base) {
      case .some(true): result.valid += 1
      case .some(false): result.invalid += 1
      case .none: break
      }
    }
    return result
  }

  static func score(_ units: [UInt16]) -> VietnameseScore {
    units.withUnsafeBufferPointer { score($0) }
  }

  /// Whether the token is a Vietnamese syllable; nil when it is plain ASCII or has no vowel.
  private static func judge(
    _ units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>, _ base: inout [UInt16]
  ) -> Bool? {
    var nonASCII = false
    for k in range where units[k] >= 0x80 {
      nonASCII = true
      break
    }
    if !nonASCII { return nil }
    base.removeAll(keepingCapacity: true)
    var tone = 0
    var tones = 0
    var sawLower = false
    var caseBroken = false
    let info = VietnameseLetters.info
    for k in range {
      let u = units[k]
      guard Int(u) < VietnameseLetters.bound else { return false }
      let entry = info[Int(u)]
      if entry & (1 << 21) == 0 { return false }
      let upper = entry & (1 << 20) != 0
      // A capital after a small letter ("TiƠng") is how wrong decodings look, not how words do.
      if upper && sawLower { caseBroken = true }
      if !upper { sawLower = true }
      let t = Int(entry >> 16 & 0x7)
      if t != 0 {
        tone = t
        tones += 1
      }
      base.append(UInt16(truncatingIfNeeded: entry))
    }
    if !base.contains(where: isVowel) { return nil }
    if caseBroken || tones > 1 || base.count > 7 { return false }
    return isSyllable(base, tone: tone)
  }

  /// Onset + rhyme from the tables below; a syllable closed by c, ch, p or t carries the acute or
  /// the dot below, never another tone.
  static func isSyllable(_ base: [UInt16], tone: Int) -> Bool {
    for onset in onsets where base.starts(with: onset) {
      let rhyme = Array(base[onset.count...])
      guard rhymes.contains(rhyme) else { continue }
      if let last = rhyme.last, last == 0x63 || last == 0x70 || last == 0x74 || (rhyme.count >= 2 && rhyme.suffix(2) == [0x63, 0x68]) {
        if tone != 1 && tone != 5 { continue }
      }
      return true
    }
    return false
  }

  private static func isVowel(_ u: UInt16) -> Bool {
    switch u {
    case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79, 0x103, 0xE2, 0xEA, 0xF4, 0x1A1, 0x1B0: return true
    default: return false
    }
  }

  /// White space, ASCII punctuation and digits, General Punctuation (– “ ” …) and ≥-like math
  /// symbols end a word; anything else, letters or not, belongs to it.
  private static func isBoundary(_ u: UInt16) -> Bool {
    switch u {
    case 0...0x40, 0x5B...0x60, 0x7B...0x7F, 0xA0, 0x2000...0x206F, 0x2190...0x22FF, 0x3000, 0xFEFF:
      return true
    default:
      return false
    }
  }

  private static let onsets: [[UInt16]] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
  ].map { Array($0.utf16) }

  private static let rhymes: Set<[UInt16]> = {
    let list = """
      a ac ach ai am an ang anh ao ap at au ay
      ă ăc ăm ăn ăng ăp ăt
      âc âm ân âng âp ât âu ây
      e ec em en eng eo ep et
      ê êch êm ên ênh êp êt êu
      i ia ich im in inh ip it iu
      iêc iêm iên iêng iêp iêt iêu
      o oc oi om on ong op ot
      oa oac oach oai oam oan oang oanh oao oap oat oay
      oăc oăm oăn oăng oăt
      oe oen oeo oet ooc oong
      ô ôc ôi ôm ôn ông ôp ôt
      ơ ơi ơm ơn ơp ơt
      u uc ui um un ung up ut
      ua uân uâng uât uây uê uêch uênh uơ uy uya uych uyên uyêt uynh uyt uyu uyn
      uôc uôi uôm uôn uông uôt
      ư ưa ưc ưi ưm ưn ưng ưt ưu
      ươc ươi ươm ươn ương ươp ươt ươu
      y yêm yên yêng yêt yêu
      """
    return Set(list.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { Array(String($0).utf16) })
  }()
}
