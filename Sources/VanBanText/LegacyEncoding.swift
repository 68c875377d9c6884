internal import CICU
import VanBanGrammar
import VanBanBytes

/// The pre-Unicode encodings Vietnamese offices still produce, and the "mojibake" left when such
/// a file was opened as Windows-1252 and saved again as UTF-8.
///
/// The byte tables live in `Grammar/encodings/` so that a wrong code can be fixed without touching
/// code; they are turned into flat arrays once, so that decoding is a table lookup per byte.
public enum LegacyEncoding: String, CaseIterable, Sendable {
  /// Windows-1258: precomposed base letters plus combining tone marks.
  case cp1258
  /// TCVN 5712 VN3 ("ABC", the .VnTime fonts): one byte per lower-case letter.
  case tcvn3
  /// TCVN 5712 as glibc's TCVN5712-1 charmap (`iconv -t TCVN5712-1`) writes it: VN3 plus the
  /// VN1 codes for capitals with a tone, so capitals survive without the font.
  case tcvn5712 = "tcvn5712-1"
  /// VNI Windows: a base letter followed by a mark byte.
  case vni
  /// A TCVN3 file read as Windows-1252 and saved as UTF-8 ("TiÕng ViÖt").
  case tcvn3Mojibake = "tcvn3-mojibake"
  /// A VNI file read as Windows-1252 and saved as UTF-8 ("Tieáng Vieät").
  case vniMojibake = "vni-mojibake"

  /// The encoding whose bytes the mojibake hides.
  var byteEncoding: LegacyEncoding {
    switch self {
    case .tcvn3Mojibake: .tcvn3
    case .vniMojibake: .vni
    default: self
    }
  }

  var isMojibake: Bool { self == .tcvn3Mojibake || self == .vniMojibake }

  /// UTF-16 code units of `bytes` read in this (byte) encoding, composed to NFC where the encoding
  /// writes marks separately. Mojibake cases read the bytes as their byte encoding.
  func decodeUnits(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt16] {
    switch byteEncoding {
    case .cp1258: return LegacyDecoder.cp1258(bytes, normalizing: true)
    case .vni: return LegacyDecoder.vni(bytes, normalizing: true)
    case .tcvn5712: return LegacyDecoder.tcvn5712(bytes)
    default: return LegacyDecoder.tcvn3(bytes)
    }
  }
}

extension LegacyEncoding {
  /// `decodeUnits` as `VietnameseSyllables.score` reads it, for telling the encodings apart:
  /// the same units, except that a mark the composer's table leaves beside its letter
  /// (Windows-1258, VNI) stays there rather than the whole sample going through ICU, most of
  /// the cost of reading a TCVN3 file's sample as those two. The score is the same: a word
  /// holding such a mark is no syllable, and neither is what ICU would make of it (no
  /// Vietnamese letter is left to compose; `EncodingTests` holds every letter and mark these
  /// tables give to it).
  func scoringUnits(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt16] {
    switch byteEncoding {
    case .cp1258: return LegacyDecoder.cp1258(bytes, normalizing: false)
    case .vni: return LegacyDecoder.vni(bytes, normalizing: false)
    default: return decodeUnits(bytes)
    }
  }
}

/// The conversion tables compiled from `Grammar/encodings/*.tsv`.
enum LegacyTables {
  /// Windows-1252 for 0x80–0x9F (unassigned bytes stay the C1 control of the same value) and
  /// Latin-1 above: how TCVN3 and VNI bytes outside their own tables read, since their fonts are
  /// Windows "ANSI" fonts.
  static let windows1252: [UInt16] = {
    var table = (0..<256).map { UInt16($0) }
    fill(&table, from: "encodings/cp1252")
    return table
  }()

  static let cp1258: [UInt16] = {
    var table = (0..<256).map { UInt16($0) }
    fill(&table, from: "encodings/cp1258")
    return table
  }()

  static let tcvn3: [UInt16] = {
    var table = windows1252
    fill(&table, from: "encodings/tcvn3")
    return table
  }()

  /// VN3 with glibc's VN1 capitals and combining tones (encodings/tcvn5712-1).
  static let tcvn5712: [UInt16] = {
    var table = tcvn3
    fill(&table, from: "encodings/tcvn5712-1")
    return table
  }()

  /// The bytes TCVN5712-1 reads otherwise than VN3 (its capitals with a tone), and the
  /// combining tones 0xB0–0xB4, after which it composes (`LegacyDecoder.tcvn5712`).
  static let vn1Bytes: [Bool] = (0..<256).map { b in tcvn3[b] != tcvn5712[b] || (0xB0...0xB4).contains(b) }

  /// Whether `bytes` hold one of `vn1Bytes`. Without one, TCVN5712-1 gives VN3's units
  /// before VN3 restores capitals (`TCVN3Case`), and a word with its capitals restored is a
  /// syllable whenever it is one without (it loses a capital after a small letter, nothing
  /// else): that reading scores no more valid words, nor fewer invalid ones, than VN3's.
  static func holdsVN1(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    vn1Bytes.withUnsafeBufferPointer { table in bytes.contains { table[Int($0)] } }
  }

  /// Windows-1252 reversed, for undoing mojibake: index by code point below 0x100 (Latin-1 and
  /// the C1 controls map to themselves), or look up the 27 punctuation and letters of 0x80–0x9F.
  static let windows1252Reverse: [UInt16: UInt8] = {
    var out: [UInt16: UInt8] = [:]
    for (byte, unit) in windows1252.enumerated() where byte >= 0x80 && byte < 0xA0 && unit >= 0x100 {
      out[unit] = UInt8(byte)
    }
    return out
  }()

  /// VNI as two tables: bytes that are letters on their own (ơ ư đ í ì ỉ ĩ ị ỵ and capitals),
  /// and mark bytes as the combining marks they add to the letter before them (0 = none).
  struct VNI {
    var standalone: [UInt16]
    /// Up to two combining marks per byte, packed `first | second << 16`.
    var marks: [UInt32]
  }

  static let vni: VNI = {
    var standalone = [UInt16](repeating: 0, count: 256)
    var marks = [UInt32](repeating: 0, count: 256)
    let rows = GrammarData.table("encodings/vni").rows.compactMap { row -> ([UInt8], String)? in
      let bytes = row[0].split(separator: " ").compactMap { UInt8($0, radix: 16) }
      return bytes.isEmpty ? nil : (bytes, row[1])
    }
    for (bytes, char) in rows where bytes.count == 1 {
      if let unit = char.utf16.first { standalone[Int(bytes[0])] = unit }
    }
    for (bytes, char) in rows where bytes.count == 2 {
      let base: String
      if bytes[0] < 0x80 {
        base = String(UnicodeScalar(bytes[0]))
      } else if standalone[Int(bytes[0])] != 0, let s = UnicodeScalar(standalone[Int(bytes[0])]) {
        base = String(s)
      } else {
        continue
      }
      let full = Array(ICUNormalizer.nfd(char).utf16)
      let prefix = Array(ICUNormalizer.nfd(base).utf16)
      guard full.starts(with: prefix), full.count > prefix.count, full.count - prefix.count <= 2 else { continue }
      let added = full[prefix.count...]
      var packed = UInt32(added.first!)
      if added.count == 2 { packed |= UInt32(added.last!) << 16 }
      if marks[Int(bytes[1])] == 0 { marks[Int(bytes[1])] = packed }
    }
    return VNI(standalone: standalone, marks: marks)
  }()

  private static func fill(_ table: inout [UInt16], from name: String) {
    for row in GrammarData.table(name).rows {
      guard let byte = Int(row[0], radix: 16), byte < 256, row[1].hasPrefix("U+"),
        let unit = UInt16(row[1].dropFirst(2), radix: 16)
      else { continue }
      table[byte] = unit
    }
  }
}

/// Byte-table decoders: one pass, no per-character strings, so a 50 MB file takes a moment.
enum LegacyDecoder {
  /// `normalizing`: ICU composes what marks the table leaves (see `scoringUnits`).
  static func cp1258(_ bytes: UnsafeBufferPointer<UInt8>, normalizing: Bool) -> [UInt16] {
    let composites = MarkComposer.table
    var leftMark = false
    // Through pointers (`byteTable`): this runs over every byte of a Windows-1258 file.
    var out = LegacyTables.cp1258.withUnsafeBufferPointer { table in
      [UInt16](unsafeUninitializedCapacity: bytes.count) { buffer, count in
        let units = byteTable(table)
        var w = 0
        for b in bytes {
          let unit = units[Int(b)]
          if unit >= 0x300, unit <= 0x323, w > 0, let c = MarkComposer.compose(buffer[w - 1], unit, composites) {
            buffer[w - 1] = c
            continue
          }
          if MarkComposer.isCombining(unit) { leftMark = true }
          buffer[w] = unit
          w += 1
        }
        count = w
      }
    }
    // Tones are separate combining marks in Windows-1258; the parser wants composed letters.
    // Most are composed above; ICU composes what the table does not know, and has nothing to
    // do when no mark is left (`MarkComposer.isCombining`).
    if leftMark, normalizing { out = ICUNormalizer.normalize(out, form: .nfc) ?? out }
    return out
  }

  static func tcvn3(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt16] {
    var out = units(of: bytes, through: LegacyTables.tcvn3)
    TCVN3Case.restoreCapitals(&out)
    return out
  }

  /// A table of 256 units as a pointer any byte indexes: every byte of a legacy file is
  /// looked up, and the array's checked subscript cost as much as the look-up.
  @inline(__always)
  private static func byteTable(_ table: UnsafeBufferPointer<UInt16>) -> UnsafePointer<UInt16> {
    precondition(table.count == 256, "a byte table has 256 entries")
    return table.baseAddress!
  }

  /// Each byte's unit in `table` (256 entries).
  private static func units(of bytes: UnsafeBufferPointer<UInt8>, through table: [UInt16]) -> [UInt16] {
    table.withUnsafeBufferPointer { table in
      [UInt16](unsafeUninitializedCapacity: bytes.count) { buffer, count in
        let units = byteTable(table)
        if let from = bytes.baseAddress, let to = buffer.baseAddress {
          for i in 0..<bytes.count { to[i] = units[Int(from[i])] }
        }
        count = bytes.count
      }
    }
  }

  /// Capitals have codes of their own here, so none is guessed; tones written as combining
  /// marks (0xB0–0xB4) are composed with the letter before them.
  static func tcvn5712(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt16] {
    let out = units(of: bytes, through: LegacyTables.tcvn5712)
    guard bytes.contains(where: { $0 >= 0xB0 && $0 <= 0xB4 }) else { return out }
    return ICUNormalizer.normalize(out, form: .nfc) ?? out
  }

  /// `normalizing`: as for `cp1258`.
  static func vni(_ bytes: UnsafeBufferPointer<UInt8>, normalizing: Bool) -> [UInt16] {
    let vni = LegacyTables.vni
    let fallback = LegacyTables.windows1252
    let composites = MarkComposer.table
    var leftMark = false
    // Written in place, as the other decoders are (appending a unit at a time was half the
    // cost): a byte gives at most two units, a mark of two combining characters none composes.
    let out = [UInt16](unsafeUninitializedCapacity: bytes.count * 2) { out, count in
      var w = 0
      // A mark byte only marks a letter; after anything else it is the Windows-1252 character.
      var afterLetter = false
      var i = 0
      let n = bytes.count
      while i < n {
        // Eight ASCII bytes a step, widened to units together and stored whole (a byte gives
        // one or two units, so there is room); kept up to the first byte beyond ASCII. VNI
        // writes a mark byte after most vowels, so runs are short, but each went through the
        // loop below a byte at a time.
        if i + 8 <= n, let from = bytes.baseAddress, let to = out.baseAddress {
          let x = UnsafeRawPointer(from + i).loadUnaligned(as: UInt64.self)
          let units = SIMD8<UInt16>(truncatingIfNeeded: unsafeBitCast(x, to: SIMD8<UInt8>.self))
          UnsafeMutableRawPointer(to + w).storeBytes(of: units, as: SIMD8<UInt16>.self)
          let high = x & 0x8080_8080_8080_8080
          let plain = ByteMask.bytesBeforeFirst(high)
          if plain > 0 {
            w += plain
            i += plain
            let last = from[i - 1] | 0x20
            afterLetter = last >= 0x61 && last <= 0x7A
            continue
          }
        }
        let b = bytes[i]
        i += 1
        if b < 0x80 {
          out[w] = UInt16(b)
          w += 1
          afterLetter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
          continue
        }
        let letter = vni.standalone[Int(b)]
        if letter != 0 {
          out[w] = letter
          w += 1
          afterLetter = true
          continue
        }
        let mark = vni.marks[Int(b)]
        if mark != 0 && afterLetter {
          // Composed here where the table knows the letter (see `MarkComposer`); ICU does the rest.
          let first = UInt16(truncatingIfNeeded: mark)
          let second = UInt16(truncatingIfNeeded: mark >> 16)
          if let c = MarkComposer.compose(out[w - 1], first, composites) {
            out[w - 1] = c
            if second != 0 {
              if let c2 = MarkComposer.compose(c, second, composites) {
                out[w - 1] = c2
              } else {
                out[w] = second
                w += 1
                leftMark = true
              }
            }
          } else {
            out[w] = first
            w += 1
            if second != 0 {
              out[w] = second
              w += 1
            }
            leftMark = true
          }
        } else {
          out[w] = fallback[Int(b)]
          if MarkComposer.isCombining(out[w]) { leftMark = true }
          w += 1
        }
        afterLetter = false
      }
      count = w
    }
    // Nothing for ICU to compose when every mark was composed above (`MarkComposer.isCombining`).
    return leftMark && normalizing ? ICUNormalizer.normalize(out, form: .nfc) ?? out : out
  }
}

/// TCVN3 has no codes for capital letters with a tone: documents set them in a capitals-only
/// font with the lower-case codes, and plain text forgets the font. Inside a word whose other
/// letters are capitals ("HO¹CH") the capital is certain; a word with no other capital letter to
/// go by ("Kế", "Ở") takes the case of the words beside it on its line.
enum TCVN3Case {
  static func restoreCapitals(_ units: inout [UInt16]) {
    // On raw buffers: this runs over every unit of a TCVN3 document, and the checked array
    // accesses (and the tables' global accessors) per unit were most of its cost.
    VietnameseLetters.upperOfTonedLower.withUnsafeBufferPointer { upper in
      unitClasses.withUnsafeBufferPointer { classes in
        units.withUnsafeMutableBufferPointer { units in
          restoreCapitals(units, upper: upper, classes: classes)
        }
      }
    }
  }

  /// What the word scan asks of a unit, one look-up for all of it.
  private enum UnitClass {
    static let other: UInt8 = 0
    static let lineBreak: UInt8 = 1
    /// A letter: one of the four below.
    static let ambiguous: UInt8 = 2  // a toned lower-case letter TCVN3 also uses for its capital
    static let upper: UInt8 = 3
    static let lower: UInt8 = 4
    static let caseless: UInt8 = 5  // a letter with no case of its own (a combining mark)
  }

  /// `UnitClass` of every UTF-16 unit (none at or above `VietnameseLetters.bound` is a letter,
  /// `VietnameseLetters.isLetter`). Built from the letter tables the scan read one after
  /// another for each unit (`isLetter`, `upperOfTonedLower`, `info`); with one look-up the
  /// scan takes 40 % fewer instructions, and with every unit in it (64 KB, of which a scan
  /// touches a few lines) none for the bound.
  private static let unitClasses: [UInt8] = {
    let upper = VietnameseLetters.upperOfTonedLower
    let info = VietnameseLetters.info
    var classes = [UInt8](repeating: UnitClass.other, count: 0x10000)
    for u in 0..<VietnameseLetters.bound {
      let unit = UInt16(u)
      guard VietnameseLetters.isLetter(unit) else {
        if unit == 0x0A || unit == 0x0D { classes[u] = UnitClass.lineBreak }
        continue
      }
      if u < upper.count, upper[u] != 0 {
        classes[u] = UnitClass.ambiguous
        continue
      }
      switch u < info.count ? VietnameseLetters.letterCase(info[u]) : 0 {
      case 1: classes[u] = UnitClass.upper
      case -1: classes[u] = UnitClass.lower
      default: classes[u] = UnitClass.caseless
      }
    }
    return classes
  }()

  private static func restoreCapitals(
    _ units: UnsafeMutableBufferPointer<UInt16>, upper: UnsafeBufferPointer<UInt16>, classes: UnsafeBufferPointer<UInt8>
  ) {
    // Only a word holding a toned small letter and no letter that is small in every font can
    // change, and most toned letters have a small letter right beside them ("hoạch"), which
    // settles their word. So each unit's class is looked up once into a buffer of its own,
    // and sixteen classes at a time are searched for a toned small letter with no small letter
    // on either side; only such a letter's word, and the words beside it, are read. A walk
    // from word to word, or from one toned letter to the next, mispredicted its exit at
    // almost every word, whatever its instruction count.
    precondition(classes.count == 0x10000, "a class for every unit")
    let n = units.count
    guard n > 0, let text = units.baseAddress, let classOf = classes.baseAddress else { return }
    func capitalize(_ start: Int, _ end: Int) {
      for k in start..<end {
        let u = text[k]
        if Int(u) < upper.count, upper[Int(u)] != 0 { text[k] = upper[Int(u)] }
      }
    }
    // A word's state: none (no word), not in capitals, in capitals (two capitals or more and
    // no small letter).
    let none: UInt8 = 0
    let notCaps: UInt8 = 1
    let caps: UInt8 = 2
    // Its capitals depend on its neighbours, which must all be in capitals, and one there must be.
    @inline(__always) func neighboursSayCaps(_ before: UInt8, _ after: UInt8) -> Bool {
      (before != none || after != none) && before != notCaps && after != notCaps
    }
    // The classes, with an `other` before the first and sixteen after the last, so that the
    // steps below load the neighbours of every unit without a test at either end. They are
    // the units' classes before any capital is restored, as the rule reads them.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n + 18) { buffer in
      let cls = buffer.baseAddress! + 1
      cls[-1] = UnitClass.other
      for k in 0..<n { cls[k] = classOf[Int(text[k])] }
      for k in n..<(n + 17) { cls[k] = UnitClass.other }
      func counts(_ start: Int, _ end: Int) -> (capitals: Int, lower: Int) {
        var capitals = 0
        var lower = 0
        for k in start..<end {
          capitals &+= cls[k] == UnitClass.upper ? 1 : 0
          lower &+= cls[k] == UnitClass.lower ? 1 : 0
        }
        return (capitals, lower)
      }
      func state(_ start: Int, _ end: Int) -> UInt8 {
        let c = counts(start, end)
        return c.capitals >= 2 && c.lower == 0 ? caps : notCaps
      }
      // The word before `start` on its line, and the word after `end`.
      func stateBefore(_ start: Int) -> UInt8 {
        var k = start - 1
        while k >= 0, cls[k] < UnitClass.ambiguous {
          if cls[k] == UnitClass.lineBreak { return none }
          k -= 1
        }
        guard k >= 0 else { return none }
        var wordStart = k
        while cls[wordStart - 1] >= UnitClass.ambiguous { wordStart -= 1 }
        return state(wordStart, k + 1)
      }
      func stateAfter(_ end: Int) -> UInt8 {
        var k = end
        while k < n, cls[k] < UnitClass.ambiguous {
          if cls[k] == UnitClass.lineBreak { return none }
          k += 1
        }
        guard k < n else { return none }
        var wordEnd = k + 1
        while cls[wordEnd] >= UnitClass.ambiguous { wordEnd += 1 }
        return state(k, wordEnd)
      }
      let raw = UnsafeRawPointer(cls)
      // Words already settled end before this.
      var settled = 0
      var i = 0
      while i < n {
        let x = ByteVector.load(raw, i)
        let beside = ByteVector.equal(ByteVector.load(raw, i - 1), UnitClass.lower)
          .| ByteVector.equal(ByteVector.load(raw, i + 1), UnitClass.lower)
        var lanes = ByteVector.bits(ByteVector.equal(x, UnitClass.ambiguous) .& .!beside)
        while lanes != 0 {
          let k = i + lanes.trailingZeroBitCount
          lanes &= lanes &- 1
          guard k >= settled else { continue }
          var start = k
          while cls[start - 1] >= UnitClass.ambiguous { start -= 1 }
          var end = k + 1
          while cls[end] >= UnitClass.ambiguous { end += 1 }
          settled = end
          let c = counts(start, end)
          if c.lower > 0 { continue }
          // In capitals when two of its letters are, else as its neighbours are.
          if c.capitals >= 2 || neighboursSayCaps(stateBefore(start), stateAfter(end)) { capitalize(start, end) }
        }
        i += 16
      }
    }
  }
}

/// Composes a Vietnamese letter with one combining mark after it (a + ◌̂ → â, â + ◌́ → ấ), by
/// table, ahead of ICU's normaliser.
///
/// VNI, Windows-1258 and NFD text write most letters as a base and marks, and ICU's composition
/// of such text cost more than everything else in decoding it. Replacing a letter and mark by
/// their composite (`table`) keeps the text canonically equivalent, so normalising the result
/// afterwards still gives exactly the NFC of the original; on text composed here ICU's quick
/// check passes all of it and only what the table does not know is left to ICU.
enum MarkComposer {
  /// A unit of the Combining Diacritical Marks block: the only units the legacy tables give
  /// that NFC may compose with the unit before them. Every other unit they give, and every
  /// composite of `table`, is NFC alone and beside any other of them (`EncodingTests`
  /// checks every pair), so text with no such unit left is NFC as it is.
  @inline(__always) static func isCombining(_ u: UInt16) -> Bool { u >= 0x300 && u < 0x370 }

  /// The marks Vietnamese uses: the five tones, circumflex, breve and horn.
  static let marks: [UInt16] = VietnameseLetters.toneMarkUnits + [0x302, 0x306, 0x31B]
  /// `marks.count` as a literal: `compose` runs per unit, and reading the array's count there
  /// went through its lazy initialiser's check every time (a test holds the two equal).
  static let markCount = 8

  /// The place of a mark in `marks` (a switch: this runs per unit; a test holds the two equal).
  @inline(__always) static func markIndex(_ u: UInt16) -> Int? {
    switch u {
    case 0x301: 0
    case 0x300: 1
    case 0x309: 2
    case 0x303: 3
    case 0x323: 4
    case 0x302: 5
    case 0x306: 6
    case 0x31B: 7
    default: nil
    }
  }

  /// For each unit below `VietnameseLetters.bound` that is a Vietnamese letter, the NFC of it
  /// and each of `marks` when that is one unit, 0 when it is not.
  ///
  /// The NFC of the pair, not ICU's `composePair`: that composes only primary composites, and
  /// "ệ", "ộ", "ậ" and "ặ" are not those of "ê", "ô", "â", "ă" and the dot below (they decompose
  /// as "ẹ" + circumflex, the dot first in canonical order). Windows-1258 writes them so, the
  /// marks were left for ICU, and every such document was normalised whole by ICU. A composite
  /// is canonically equivalent to the pair it replaces, so the text keeps its NFC.
  static let table: [UInt16] = {
    var table = [UInt16](repeating: 0, count: VietnameseLetters.bound * markCount)
    for u in 0..<VietnameseLetters.bound where VietnameseLetters.info[u] & VietnameseLetters.letterBit != 0 {
      for (k, mark) in marks.enumerated() {
        guard let c = ICUNormalizer.normalize([UInt16(u), mark], form: .nfc), c.count == 1 else { continue }
        table[u * markCount + k] = c[0]
      }
    }
    return table
  }()

  /// The composite of `base` and `mark`, or nil.
  @inline(__always) static func compose(_ base: UInt16, _ mark: UInt16, _ table: [UInt16]) -> UInt16? {
    guard Int(base) < VietnameseLetters.bound, let k = markIndex(mark) else { return nil }
    let c = table[Int(base) * markCount + k]
    return c == 0 ? nil : c
  }

  /// `composeMarks` on valid UTF-8, when what it gives is plainly NFC (`NFCCheck`); nil
  /// otherwise. A scalar is a unit here (the marks and the letters they compose with are in
  /// the BMP, and a scalar beyond it composes with nothing, as its surrogates do not), and a
  /// composite (its bytes from `ICUString.utf8OfUnits`) is never longer than the letter and
  /// mark it replaces, so the text is written over a buffer of the input's length (and the
  /// three bytes a four-byte store may pass it by). NFD documents went to UTF-16 and back for
  /// this, through ICU's converters and its quick check, the larger part of reading them.
  static func composedUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    let table = self.table
    let n = bytes.count
    var plain = false
    let text = ICUString.utf8OfUnits.withUnsafeBufferPointer { utf8 in
      String(trustedUTF8Capacity: n + 3) { out in
        guard let base = out.baseAddress else { return 0 }
        let raw = UnsafeMutableRawPointer(base)
        var o = 0
        var i = 0
        // Where the last scalar written starts, and its value (no letter before the first).
        var lastAt = -1
        var last: UInt32 = 0x10000
        while i < n {
          let lead = bytes[i]
          if lead < 0x80 {
            out[o] = lead
            lastAt = o
            last = UInt32(lead)
            o += 1
            i += 1
            continue
          }
          let (v, length) = UTF8Scalar.decode(bytes, at: i)
          if v >= 0x300, v <= 0x323, lastAt >= 0, last < 0x10000,
            let c = compose(UInt16(last), UInt16(v), table)
          {
            // The letter rewritten as its composite.
            let entry = utf8[Int(c)]
            raw.storeBytes(of: UInt32(littleEndian: entry), toByteOffset: lastAt, as: UInt32.self)
            o = lastAt + Int(entry >> 24 & 0x3)
            last = UInt32(c)
            i += length
            continue
          }
          lastAt = o
          last = v
          for k in 0..<length { out[o + k] = bytes[i + k] }
          o += length
          i += length
        }
        plain = NFCCheck.isPlainlyNFC(UnsafeBufferPointer(rebasing: out[..<o]))
        return o
      }
    }
    return plain ? text : nil
  }

  /// Composes in place every mark the table composes with the unit before it.
  static func composeMarks(_ units: inout [UInt16]) {
    let table = self.table
    let n = units.count
    let kept = units.withUnsafeMutableBufferPointer { u -> Int in
      var w = 0
      for r in 0..<n {
        let unit = u[r]
        if unit >= 0x300, unit <= 0x323, w > 0, let c = compose(u[w - 1], unit, table) {
          u[w - 1] = c
          continue
        }
        u[w] = unit
        w += 1
      }
      return w
    }
    units.removeLast(n - kept)
  }
}
