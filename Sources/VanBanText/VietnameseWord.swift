/// One word judged by the syllable tables `VietnameseSyllables.score` uses, for readers that
/// must tell real text from garbage one word at a time (a PDF's text layer from a font
/// without a Unicode map reads "Céng hßa x· héi"). Unlike `score`, plain ASCII words are
/// judged too: "Nam" and "tin" are syllables, "UBND" and "the" are not.
public enum VietnameseWord {
  /// Whether `word` (NFC, letters only: the caller strips punctuation and digits) is one
  /// Vietnamese syllable with at most one tone, in lower case, capitalised or in capitals.
  public static func isSyllable(_ word: some StringProtocol) -> Bool {
    var base: [UInt16] = []
    var tone = 0
    var sawLower = false
    for u in word.utf16 {
      guard Int(u) < VietnameseLetters.bound else { return false }
      let entry = VietnameseLetters.info[Int(u)]
      guard entry & VietnameseLetters.letterBit != 0 else { return false }
      let upper = entry & VietnameseLetters.capitalBit != 0
      // "ViÖt": a capital after a small letter is how wrong decodings look.
      if upper && sawLower { return false }
      if !upper { sawLower = true }
      let t = Int(entry >> 16 & 0x7)
      if t != 0 {
        if tone != 0 { return false }
        tone = t
      }
      base.append(UInt16(truncatingIfNeeded: entry))
      if base.count > 7 { return false }
    }
    return !base.isEmpty && VietnameseSyllables.isSyllable(base, tone: tone)
  }

  /// Whether `scalar` is a capital of the Vietnamese alphabet (A–Z, Đ, and the capitals with
  /// a mark or a tone).
  public static func isCapital(_ scalar: Unicode.Scalar) -> Bool {
    guard scalar.value < UInt32(VietnameseLetters.bound) else { return false }
    let entry = VietnameseLetters.info[Int(scalar.value)]
    return entry & VietnameseLetters.letterBit != 0 && entry & VietnameseLetters.capitalBit != 0
  }
}
