import VanBanGrammar
import VanBanBytes

/// Where the tone mark sits in "oa", "oe" and "uy" at the end of a syllable.
///
/// Old-style documents write "hoà", "khoẻ", "thuỷ"; new-style ones "hòa", "khỏe", "thủy". The same
/// plan typed under either convention must parse to the same targets and tasks, so text is moved
/// to one canonical (new-style) placement before parsing. The pairs come from
/// `Grammar/encodings/tone-placement.tsv`.
public enum ToneStyle {
  /// `s` (NFC) with old-style placement replaced by new-style placement, only where the pair ends
  /// its syllable: "hoà" → "hòa", but "hoàn" (tone on a is right there) and "quý" (u belongs to
  /// qu) stay.
  public static func modernize(_ s: String) -> String {
    // Every toned vowel is at or above U+00C0 (UTF-8 lead byte 0xC3).
    if ICUString.allBytes(of: s, below: 0xC3) { return s }
    let edits: [(range: Range<Int>, pair: UInt32)] = s.withUTF8Bytes { Self.edits(in: $0) }
    guard !edits.isEmpty else { return s }
    // Slices of `s` and the new pairs appended: a string built from rewritten bytes would be
    // validated all over again, and most of a long document is copied unchanged.
    let u = s.utf8
    var out = ""
    out.reserveCapacity(u.count + 16)
    var copied = u.startIndex
    for edit in edits {
      out += Substring(u[copied..<u.index(u.startIndex, offsetBy: edit.range.lowerBound)])
      out.unicodeScalars.append(Unicode.Scalar(edit.pair >> 16)!)
      out.unicodeScalars.append(Unicode.Scalar(edit.pair & 0xFFFF)!)
      copied = u.index(u.startIndex, offsetBy: edit.range.upperBound)
    }
    out += Substring(u[copied...])
    return out
  }

  /// The pairs to rewrite, in order: where each stands in the UTF-8 and the two scalars that
  /// replace it. Works on the bytes in one pass: converting whole documents to UTF-16 and back
  /// cost more than the search itself. All units involved are in the BMP, so scalars here are
  /// the UTF-16 units the rule speaks of (a scalar beyond the BMP is no letter and no vowel, as
  /// its surrogates were not).
  private static func edits(in bytes: UnsafeBufferPointer<UInt8>) -> [(range: Range<Int>, pair: UInt32)] {
    let table = pairs
    let flat = pairTable
    let n = bytes.count
    var out: [(range: Range<Int>, pair: UInt32)] = []
    // Every pair is an o, O, u or U followed by a letter beyond ASCII (a lead byte of C3 or
    // more): the scan jumps to those, sixteen bytes at a time, and at each checks the scalar
    // after it. A pair ending at `next` lets the next one start there.
    var i = 0
    while i + 1 < n {
      i = nextCandidate(bytes, from: i)
      guard i + 1 < n else { break }
      let j = i + 1
      let b = bytes[i]
      let lower = b | 0x20
      let (second, secondLength) = UTF8Scalar.decode(bytes, at: j)
      // Below 0x2000 (every Vietnamese letter) the flat table answers; beyond, the dictionary.
      // 0 for no pair.
      let replacement: UInt32
      if second < 0x2000 {
        replacement = flat[Self.firstKind(b) &* 0x2000 &+ Int(second)]
      } else {
        replacement = second < 0x10000 ? table[UInt32(b) << 16 | second] ?? 0 : 0
      }
      guard replacement != 0 else {
        i = j
        continue
      }
      let next = i + 1 + secondLength
      let endsSyllable = next >= n || !isLetterScalar(UTF8Scalar.decode(bytes, at: next).value)
      // The letter before, as written (a pair rewritten just before has a vowel there either way).
      let start = UTF8Scalar.start(bytes, holding: i - 1)
      let before = i > 0 ? UTF8Scalar.decode(bytes, at: start).value : 0x20
      let afterQ = lower == 0x75 && (before == 0x71 || before == 0x51)
      if endsSyllable && !afterQ && !isVowelScalar(before) {
        out.append((i..<next, replacement))
      }
      i = next
    }
    return out
  }

  /// The first o, O, u or U at or after `from` that a lead byte of C3 or more follows (or
  /// `bytes.count`): sixteen bytes per step, with the sixteen after them beside. A byte is one
  /// of the four letters exactly when, with 0x20 set, it is "o" or "u".
  @inline(__always)
  private static func nextCandidate(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
    var i = from
    let n = bytes.count
    let raw = UnsafeRawPointer(bytes.baseAddress!)
    while i + 17 <= n {
      let x = ByteVector.load(raw, i) | ByteVector.Bytes(repeating: 0x20)
      let next = ByteVector.load(raw, i + 1)
      let lanes = (ByteVector.equal(x, 0x6F) .| ByteVector.equal(x, 0x75)) .& .!ByteVector.less(next, 0xC3)
      if !ByteVector.none(lanes) { return i + ByteVector.bits(lanes).trailingZeroBitCount }
      i += 16
    }
    while i + 1 < n {
      let lower = bytes[i] | 0x20
      if (lower == 0x6F || lower == 0x75) && bytes[i + 1] >= 0xC3 { return i }
      i += 1
    }
    return n
  }

  private static func isLetterScalar(_ v: UInt32) -> Bool {
    v < 0x10000 && VietnameseLetters.isLetter(UInt16(v))
  }

  private static func isVowelScalar(_ v: UInt32) -> Bool {
    v < 0x10000 && VietnameseLetters.isVowelLetter(UInt16(v))
  }

  /// Which of o, O, u and U a pair opens with, as 1, 0, 3 and 2: bit 5 of the byte is the
  /// case, and U and u are the two whose low five bits are 0x15.
  @inline(__always)
  private static func firstKind(_ b: UInt8) -> Int {
    Int(b >> 5 & 1) | (b & 0x1F == 0x15 ? 2 : 0)
  }

  /// `pairs` for second letters below 0x2000, by `firstKind` of the first and the second: 0 for
  /// no pair. "ươ", "uô", "oă" are everywhere and pair with nothing, and a look-up in the
  /// dictionary for each pair that does cost ~150 instructions.
  static let pairTable: [UInt32] = {
    var out = [UInt32](repeating: 0, count: 4 * 0x2000)
    for (key, new) in pairs {
      let first = UInt8(key >> 16)
      let second = Int(key & 0xFFFF)
      guard second < 0x2000, first == 0x6F || first == 0x4F || first == 0x75 || first == 0x55 else { continue }
      out[firstKind(first) * 0x2000 + second] = new
    }
    return out
  }()

  /// old pair (first << 16 | second) → new pair, both as UTF-16 units.
  static let pairs: [UInt32: UInt32] = {
    var out: [UInt32: UInt32] = [:]
    for row in GrammarData.table("encodings/tone-placement").rows {
      let old = Array(row[0].utf16)
      let new = Array(row[1].utf16)
      guard old.count == 2, new.count == 2 else { continue }
      out[UInt32(old[0]) << 16 | UInt32(old[1])] = UInt32(new[0]) << 16 | UInt32(new[1])
    }
    return out
  }()
}
