internal import CICU
import VanBanGrammar

/// The Vietnamese alphabet as lookup tables over UTF-16 units (every Vietnamese letter is one BMP
/// unit in NFC), so that scoring and case repair never build strings per character.
enum VietnameseLetters {
  /// Vowels, onsets and rhymes, from Grammar/syllables.tsv.
  static func syllableParts(_ kind: String) -> [String] {
    GrammarData.table("syllables").rows.filter { $0[0] == kind }.map { $0[1] }
  }

  static let vowels: [String] = syllableParts("vowel")
  /// The vowels' units, for asking whether a toneless letter is one.
  static let vowelUnits: Set<UInt16> = Set(vowels.compactMap { $0.utf16.first })

  @inline(__always) static func isVowel(_ base: UInt16) -> Bool { vowelUnits.contains(base) }

  /// Whether a unit is a vowel letter, toned or not, in either case.
  static func isVowelLetter(_ u: UInt16) -> Bool {
    guard Int(u) < bound else { return false }
    let entry = info[Int(u)]
    return entry & letterBit != 0 && isVowel(UInt16(truncatingIfNeeded: entry))
  }
  /// The five tone marks (acute, grave, hook above, tilde, dot below) as UTF-16 units: the one
  /// list the folding table, the mark composer and these tables all read.
  static let toneMarkUnits: [UInt16] = [0x301, 0x300, 0x309, 0x303, 0x323]
  /// No tone, then the five: tone k below is `toneMarks[k]`.
  static let toneMarks: [String] = [""] + toneMarkUnits.map { String(Unicode.Scalar($0)!) }

  /// Units below this bound are covered by the tables (Latin Extended Additional ends at 0x1EFF).
  static let bound = 0x1F00

  /// `info`'s flags: any Vietnamese letter (ASCII letters included), and a capital.
  static let letterBit: UInt32 = 1 << 21
  static let capitalBit: UInt32 = 1 << 20

  /// Per unit: the lower-case letter without tone in bits 0–15, the tone (0–5) in bits 16–18,
  /// `capitalBit` for a capital, `letterBit` for any Vietnamese letter (ASCII letters included).
  static let info: [UInt32] = {
    var table = [UInt32](repeating: 0, count: bound)
    for c in UInt16(0x61)...UInt16(0x7A) {
      table[Int(c)] = UInt32(c) | VietnameseLetters.letterBit
      table[Int(c - 0x20)] = UInt32(c) | VietnameseLetters.capitalBit | VietnameseLetters.letterBit
    }
    table[0x111] = 0x111 | VietnameseLetters.letterBit
    table[0x110] = 0x111 | VietnameseLetters.capitalBit | VietnameseLetters.letterBit
    for vowel in vowels {
      let base = UInt32(vowel.utf16.first!)
      for (tone, mark) in toneMarks.enumerated() {
        let lower = composed(vowel + mark)
        let upper = composed(vowel.uppercased() + mark)
        guard lower.count == 1, upper.count == 1 else { continue }
        table[Int(lower.first!)] = base | UInt32(tone) << 16 | VietnameseLetters.letterBit
        table[Int(upper.first!)] = base | UInt32(tone) << 16 | VietnameseLetters.capitalBit | VietnameseLetters.letterBit
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
        let lower = composed(vowel + mark)
        let upper = composed(vowel.uppercased() + mark)
        if lower.count == 1, upper.count == 1 { table[Int(lower.first!)] = upper.first! }
      }
    }
    return table
  }()

  /// NFC straight from ICU: `ICUNormalizer.nfc` composes through `MarkComposer`, whose table is
  /// built from these.
  private static func composed(_ s: String) -> [UInt16] {
    let units = Array(s.utf16)
    return ICUNormalizer.normalize(units, form: .nfc) ?? units
  }

  /// Letters of any Latin script and combining marks: what a word is made of.
  static func isLetter(_ u: UInt16) -> Bool {
    switch u {
    case 0x41...0x5A, 0x61...0x7A: return true
    case 0xD7, 0xF7: return false
    case 0xC0...0x24F, 0x300...0x36F, 0x1E00...0x1EFF: return true
    default: return false
    }
  }

  /// A letter's case from its `info` entry: 1 for a capital, -1 for a small letter, 0 for
  /// anything that is no letter.
  @inline(__always)
  static func letterCase(_ entry: UInt32) -> Int {
    guard entry & letterBit != 0 else { return 0 }
    return entry & capitalBit != 0 ? 1 : -1
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
  ///
  /// One pass over the units with one table lookup each (`Tables.classes`): the letters without
  /// tone are packed five bits each into an integer as they are read, so that onset and rhyme
  /// are bit ranges looked up in bitsets. Scoring is the biggest cost of detecting a legacy
  /// file; arrays and hashing per word made it several times slower.
  static func score(_ units: UnsafeBufferPointer<UInt16>) -> VietnameseScore {
    var result = VietnameseScore()
    let tables = Tables.shared
    let classes = tables.classes
    let bound = classes.count
    var word = Word()
    var inWord = false
    for u in units {
      let entry: UInt32
      if Int(u) < bound {
        entry = classes[Int(u)]
      } else {
        // A boundary, or part of the word and no Vietnamese letter.
        entry = isBoundary(u) ? Tables.boundary : 0
      }
      if entry & Tables.boundary != 0 {
        if inWord {
          tally(word, tables, &result)
          word = Word()
          inWord = false
        }
        continue
      }
      inWord = true
      word.add(u, entry)
    }
    if inWord { tally(word, tables, &result) }
    return result
  }

  static func score(_ units: [UInt16]) -> VietnameseScore {
    units.withUnsafeBufferPointer { score($0) }
  }

  /// What one pass over a word gathers for `judge`.
  private struct Word {
    var count = 0
    var nonASCII = false
    /// The entries' bits that every unit has (the letter bit: all are letters) and that some
    /// unit has (the vowel bit).
    var every: UInt32 = .max
    var some: UInt32 = 0
    var unknownLetter = false
    var sawLower = false
    var caseBroken = false
    var tone = 0
    var tones = 0
    var key: UInt64 = 0

    var notLetter: Bool { every & VietnameseLetters.letterBit == 0 }
    var hasVowel: Bool { some & Tables.vowel != 0 }

    /// Every unit read alike, without a branch on what it is (the scores of wrong decodings
    /// went every way and the branches with them): a unit that is no letter makes the word
    /// no syllable whatever else is gathered, since `judge` reads `notLetter` before the rest.
    @inline(__always) mutating func add(_ u: UInt16, _ entry: UInt32) {
      count += 1
      nonASCII = nonASCII || u >= 0x80
      every &= entry
      some |= entry
      let upper = entry & VietnameseLetters.capitalBit != 0
      // A capital after a small letter ("TiƠng") is how wrong decodings look, not how words do.
      caseBroken = caseBroken || (upper && sawLower)
      sawLower = sawLower || !upper
      let t = Int(entry >> 16 & 0x7)
      tone = t != 0 ? t : tone
      tones += t != 0 ? 1 : 0
      let code = UInt64(entry >> Tables.codeShift)
      unknownLetter = unknownLetter || code == 0
      key = key << 5 | code
    }
  }

  @inline(__always) private static func tally(_ word: Word, _ tables: Tables, _ result: inout VietnameseScore) {
    switch judge(word, tables) {
    case .some(true): result.valid += 1
    case .some(false): result.invalid += 1
    case .none: break
    }
  }

  /// Whether the word is a Vietnamese syllable; nil when it is plain ASCII or has no vowel.
  private static func judge(_ w: Word, _ tables: Tables) -> Bool? {
    if !w.nonASCII { return nil }
    if w.notLetter { return false }
    if !w.hasVowel { return nil }
    if w.caseBroken || w.tones > 1 || w.count > 7 { return false }
    if w.unknownLetter { return false }
    return isSyllable(w.key, count: w.count, tone: w.tone, tables)
  }

  /// Onset + rhyme from the tables below; a syllable closed by c, ch, p or t carries the acute or
  /// the dot below, never another tone.
  static func isSyllable(_ base: [UInt16], tone: Int) -> Bool {
    guard base.count <= 12 else { return false }
    var key: UInt64 = 0
    for u in base {
      let code = Tables.code(u)
      if code == 0 { return false }
      key = key << 5 | UInt64(code)
    }
    return isSyllable(key, count: base.count, tone: tone, .shared)
  }

  /// `key` holds `count` letter codes (`Tables.code`), the first letter highest.
  private static func isSyllable(_ key: UInt64, count: Int, tone: Int, _ tables: Tables) -> Bool {
    for onsetLength in 0...min(3, count) {
      let rhymeLength = count - onsetLength
      guard rhymeLength >= 1, rhymeLength <= Tables.maxRhyme else { continue }
      let rhyme = key & (1 << (5 * UInt64(rhymeLength)) - 1)
      let onset = key >> (5 * UInt64(rhymeLength))
      guard Tables.contains(tables.onsets, onset), Tables.contains(tables.rhymes, rhyme) else { continue }
      let last = rhyme & 31
      let closed = last == tables.c || last == tables.p || last == tables.t
        || (rhymeLength >= 2 && last == tables.h && rhyme >> 5 & 31 == tables.c)
      if closed && tone != 1 && tone != 5 { continue }
      return true
    }
    return false
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

  private static let onsetList = VietnameseLetters.syllableParts("onset")
  private static let rhymeList = VietnameseLetters.syllableParts("rhyme")

  /// Onsets and rhymes as bitsets over their packed letter codes.
  final class Tables: Sendable {
    static let shared = Tables()

    /// The letters onsets and rhymes are made of, each coded from 1 by its place here (five
    /// bits: at most 31 letters); other letters (f, j, w, z) are 0 and make no syllable.
    static let alphabet: [UInt16] = {
      var seen: [UInt16] = []
      for part in VietnameseSyllables.onsetList + VietnameseSyllables.rhymeList {
        for u in part.utf16 where !seen.contains(u) { seen.append(u) }
      }
      precondition(seen.count <= 31 && seen.allSatisfy { $0 < 0x200 }, "Grammar/syllables.tsv: too many letters")
      return seen
    }()
    static let codes: [UInt8] = {
      var table = [UInt8](repeating: 0, count: 0x200)
      for (k, u) in alphabet.enumerated() { table[Int(u)] = UInt8(k + 1) }
      return table
    }()
    /// The codes of c, h, p and t, which close a syllable that only some tones may mark: held
    /// by the instance (`shared`), which the syllable test already has, because a static
    /// computed at first use is checked for initialisation at every read, four a syllable.
    let c = UInt64(Tables.code(0x63))
    let h = UInt64(Tables.code(0x68))
    let p = UInt64(Tables.code(0x70))
    let t = UInt64(Tables.code(0x74))
    /// The longest rhyme ("oach", "uyên") has four letters.
    static let maxRhyme = 4

    @inline(__always) static func code(_ u: UInt16) -> UInt8 {
      Int(u) < codes.count ? codes[Int(u)] : 0
    }

    /// Bits of `classes` beyond `VietnameseLetters.info`'s: a unit that ends a word, a vowel,
    /// and the letter's code.
    static let boundary: UInt32 = 1 << 23
    static let vowel: UInt32 = 1 << 22
    static let codeShift: UInt32 = 24

    let onsets: [UInt64]
    let rhymes: [UInt64]
    /// `VietnameseLetters.info` with the bits above, for units below `VietnameseLetters.bound`.
    let classes: [UInt32]

    private init() {
      func pack(_ word: String) -> UInt64 {
        word.utf16.reduce(0) { $0 << 5 | UInt64(Tables.code($1)) }
      }
      var onsets = [UInt64](repeating: 0, count: (1 << 15) / 64)
      for o in VietnameseSyllables.onsetList { Tables.insert(&onsets, pack(o)) }
      var rhymes = [UInt64](repeating: 0, count: (1 << (5 * Tables.maxRhyme)) / 64)
      for r in VietnameseSyllables.rhymeList {
        precondition(r.utf16.count <= Tables.maxRhyme, "Grammar/syllables.tsv: rhyme \(r) is longer than \(Tables.maxRhyme)")
        Tables.insert(&rhymes, pack(r))
      }
      self.onsets = onsets
      self.rhymes = rhymes
      var classes = VietnameseLetters.info
      for u in classes.indices {
        if VietnameseSyllables.isBoundary(UInt16(u)) { classes[u] |= Tables.boundary }
        guard classes[u] & VietnameseLetters.letterBit != 0 else { continue }
        let base = UInt16(truncatingIfNeeded: classes[u])
        if VietnameseLetters.isVowel(base) { classes[u] |= Tables.vowel }
        classes[u] |= UInt32(Tables.code(base)) << Tables.codeShift
      }
      self.classes = classes
    }

    private static func insert(_ set: inout [UInt64], _ key: UInt64) {
      set[Int(key >> 6)] |= 1 << (key & 63)
    }

    @inline(__always) static func contains(_ set: [UInt64], _ key: UInt64) -> Bool {
      let word = Int(key >> 6)
      return word < set.count && set[word] & (1 << (key & 63)) != 0
    }
  }
}
