import VanBanText

/// Whether a PDF page's text layer is text a reader could use, or the garbage a font without
/// a Unicode map leaves ("Céng hßa x· héi chñ nghÜa", private-use glyph codes): the share of
/// its words that are Vietnamese syllables, numbers or abbreviations. Real Vietnamese prose
/// scores above nine in ten; a TCVN3 or VNI layer read as Latin-1 scores about a third.
public struct TextLayerCheck: Sendable, Equatable {
  /// Words with a letter or a digit.
  public var counted: Int
  /// Of those, the readable ones.
  public var readable: Int

  /// Below this share the layer is taken for garbage: well under Vietnamese prose, with room
  /// for the names, codes and English words a plan holds, and well above mojibake.
  public static let minimumShare = 0.6

  public var share: Double { counted == 0 ? 0 : Double(readable) / Double(counted) }
  public var isUsable: Bool { counted > 0 && share >= Self.minimumShare }

  public init(_ words: [InputWord]) {
    var counted = 0
    var readable = 0
    for word in words {
      switch Self.judge(word.text) {
      case .some(true):
        counted += 1
        readable += 1
      case .some(false): counted += 1
      case .none: break
      }
    }
    self.counted = counted
    self.readable = readable
  }

  /// Whether one word reads as Vietnamese: after trimming punctuation, parts joined by "-" or
  /// "/" ("KH-UBND", "II/2024") that are each a syllable, a number or an abbreviation in
  /// capitals. Nil for a word with no letter or digit, which says nothing.
  static func judge(_ text: String) -> Bool? {
    guard text.unicodeScalars.contains(where: { ScalarClass.isAlphanumeric($0) }) else { return nil }
    let core = trimmed(text)
    guard !core.isEmpty else { return false }
    for part in core.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "–" }) {
      if !(isNumber(part) || isAbbreviation(part) || VietnameseWord.isSyllable(part)) { return false }
    }
    return true
  }

  /// Without the punctuation around a word in prose: "(", "“", "tỉnh.", "2024;", "…".
  static func trimmed(_ text: String) -> Substring {
    func isPunctuation(_ c: Character) -> Bool {
      guard let s = c.unicodeScalars.first, c.unicodeScalars.count == 1 else { return false }
      switch s.value {
      case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E, 0x2010...0x2027, 0x2030...0x205E: return true
      default: return false
      }
    }
    var s = Substring(text)
    while let c = s.first, isPunctuation(c) { s = s.dropFirst() }
    while let c = s.last, isPunctuation(c) { s = s.dropLast() }
    return s
  }

  /// Digits with the separators of dates, amounts and clauses: "2024", "15.3", "1.234,5", "3:2".
  static func isNumber(_ s: Substring) -> Bool {
    var digits = 0
    for u in s.utf8 {
      if u >= 0x30 && u <= 0x39 {
        digits += 1
      } else if u != 0x2E && u != 0x2C && u != 0x3A {
        return false
      }
    }
    return digits > 0
  }

  /// Capitals and digits with a capital ("UBND", "HĐND", "QĐ", "QL1A", "II"), at most eight:
  /// agencies and document kinds go by their initials.
  static func isAbbreviation(_ s: Substring) -> Bool {
    var letters = 0
    var count = 0
    for scalar in s.unicodeScalars {
      count += 1
      if count > 8 { return false }
      if scalar.value >= 0x30 && scalar.value <= 0x39 { continue }
      guard VietnameseWord.isCapital(scalar) else { return false }
      letters += 1
    }
    return letters > 0
  }
}
