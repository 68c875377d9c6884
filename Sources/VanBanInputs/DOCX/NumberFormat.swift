import VanBanText

/// A list level's number format (`w:numFmt`), rendered as Word renders it.
enum NumberFormat: Equatable, Sendable {
  case decimal
  case decimalZero
  case lowerLetter
  case upperLetter
  case lowerRoman
  case upperRoman
  case bullet
  case none

  /// Formats vanban does not render (ordinal words, Chinese counting, …) read as decimal: a
  /// number in the wrong script still tells the parser where a list item starts.
  init(_ value: String?) {
    switch value {
    case "decimalZero": self = .decimalZero
    case "lowerLetter": self = .lowerLetter
    case "upperLetter": self = .upperLetter
    case "lowerRoman": self = .lowerRoman
    case "upperRoman": self = .upperRoman
    case "bullet": self = .bullet
    case "none": self = .none
    default: self = .decimal
    }
  }

  /// letters -> a … z, aa … zz, aaa …  (Word repeats the letter rather than counting in base 26)
  /// roman   -> I … MMMCMXCIX, decimal outside 1…3999
  func render(_ n: Int) -> String {
    switch self {
    case .decimal: return String(n)
    case .decimalZero: return n >= 0 && n < 10 ? "0" + String(n) : String(n)
    case .lowerLetter, .upperLetter:
      guard n > 0 else { return String(n) }
      let letter = UnicodeScalar(UInt8(ascii: self == .lowerLetter ? "a" : "A") + UInt8((n - 1) % 26))
      return String(repeating: Character(letter), count: min((n - 1) / 26 + 1, 16))
    case .lowerRoman: return Self.roman(n).map { $0.lowercased() } ?? String(n)
    case .upperRoman: return Self.roman(n) ?? String(n)
    case .bullet, .none: return ""
    }
  }

  private static func roman(_ n: Int) -> String? {
    n > 0 && n < 4000 ? RomanNumeral.string(n) : nil
  }
}
