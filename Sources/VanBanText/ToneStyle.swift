import VanBanGrammar

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
    var units = ICUString.utf16(s)
    let table = pairs
    var changed = false
    let n = units.count
    var i = 0
    while i + 1 < n {
      let first = units[i]
      // Only o, O, u, U start a pair.
      guard first == 0x6F || first == 0x4F || first == 0x75 || first == 0x55 else {
        i += 1
        continue
      }
      let key = UInt32(first) << 16 | UInt32(units[i + 1])
      guard let replacement = table[key] else {
        i += 1
        continue
      }
      let endsSyllable = i + 2 >= n || !VietnameseLetters.isLetter(units[i + 2])
      let before: UInt16 = i > 0 ? units[i - 1] : 0x20
      let afterQ = (first == 0x75 || first == 0x55) && (before == 0x71 || before == 0x51)
      // Preceded by another vowel ("ngoằ…" never, but "uoà" is no syllable either): leave it.
      if endsSyllable && !afterQ && !isVowelLetter(before) {
        units[i] = UInt16(truncatingIfNeeded: replacement >> 16)
        units[i + 1] = UInt16(truncatingIfNeeded: replacement)
        changed = true
      }
      i += 2
    }
    return changed ? ICUString.string(units) : s
  }

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

  private static func isVowelLetter(_ u: UInt16) -> Bool {
    guard Int(u) < VietnameseLetters.bound else { return false }
    let entry = VietnameseLetters.info[Int(u)]
    guard entry & (1 << 21) != 0 else { return false }
    switch UInt16(truncatingIfNeeded: entry) {
    case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79, 0x103, 0xE2, 0xEA, 0xF4, 0x1A1, 0x1B0: return true
    default: return false
    }
  }
}
