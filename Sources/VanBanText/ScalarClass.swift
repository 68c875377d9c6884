internal import CTables

/// Unicode's letter, case, number, mark and white-space properties, looked up in a table for
/// the scalars documents are made of.
///
/// `Unicode.Scalar.Properties` asks the standard library's property tables on every call; the
/// parser asks "is this a letter / a lower-case letter" of scalars of every line (is a line a
/// continuation, a heading in capitals, a name). Below `bound` — Latin, the combining marks,
/// Vietnamese (Latin Extended Additional) and General Punctuation — the answers are read once
/// from those same properties into a table; above it the properties are asked as before, so
/// every answer is the property's own.
public enum ScalarClass {
  static let bound: UInt32 = 0x2070

  /// Latin-1 to Latin Extended-B and Latin Extended Additional (every Vietnamese letter):
  /// neither Prepend nor Extend for grapheme breaking, so an ASCII byte beside one is a
  /// Character of its own. The byte scans that stand in for Character walks ask it.
  @inlinable @inline(__always)
  public static func isPlainLetter(_ v: UInt32) -> Bool {
    (v >= 0xC0 && v <= 0x24F) || (v >= 0x1E00 && v <= 0x1EFF)
  }

  /// The ASCII character a scalar beyond ASCII decomposes canonically to, for the three that do
  /// (KELVIN SIGN, GREEK QUESTION MARK, GREEK VARIA); nil for every other: the only way text
  /// beyond ASCII can be canonically equal to ASCII text. A test decomposes every scalar.
  @inlinable @inline(__always)
  public static func asciiEquivalent(of v: UInt32) -> UInt8? {
    switch v {
    case 0x212A: return 0x4B
    case 0x037E: return 0x3B
    case 0x1FEF: return 0x60
    default: return nil
    }
  }

  private static let alphabetic: UInt8 = 1
  private static let lowercase: UInt8 = 2
  private static let uppercase: UInt8 = 4
  private static let numeric: UInt8 = 8
  private static let letter: UInt8 = 16
  private static let mark: UInt8 = 32
  private static let whiteSpace: UInt8 = 64
  private static let uppercasingChanges: UInt8 = 128

  /// The flags as compiled in (CTables): asking the properties of every scalar below `bound`
  /// cost each run 20 million instructions before it read a byte.
  /// Read-only bytes of the binary: nothing writes through the pointer.
  nonisolated(unsafe) static let table = UnsafeBufferPointer(start: vb_scalar_class_table(), count: Int(vb_scalar_class_table_size()))

  /// The flags computed from the properties, as `table` was written from (and the tests compare).
  static func computedTable() -> [UInt8] {
    (0..<bound).map { v in
      guard let s = Unicode.Scalar(v) else { return 0 }
      let p = s.properties
      let category = p.generalCategory
      return (p.isAlphabetic ? alphabetic : 0) | (p.isLowercase ? lowercase : 0)
        | (p.isUppercase ? uppercase : 0) | (p.numericType != nil ? numeric : 0)
        | (isLetterCategory(category) ? letter : 0) | (isMarkCategory(category) ? mark : 0)
        | (p.isWhitespace ? whiteSpace : 0) | (p.changesWhenUppercased ? uppercasingChanges : 0)
    }
  }

  private static func isLetterCategory(_ c: Unicode.GeneralCategory) -> Bool {
    switch c {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
    default: false
    }
  }

  private static func isMarkCategory(_ c: Unicode.GeneralCategory) -> Bool {
    switch c {
    case .nonspacingMark, .spacingMark, .enclosingMark: true
    default: false
    }
  }

  @inline(__always)
  private static func flags(_ v: UInt32) -> UInt8? {
    // The C look-up, not `table`: a static set at first use is checked at every read.
    v < bound ? vb_scalar_class_at(UInt(v)) : nil
  }

  // Each below reads the table first and asks the properties only above it, out of line
  // (`Properties`): `Unicode.Scalar.Properties` is resilient, and a function that may build
  // one fetches its type metadata and sizes a stack slot for it on every call, the table's
  // answer or not.

  /// `s.properties.isAlphabetic`.
  public static func isAlphabetic(_ s: Unicode.Scalar) -> Bool {
    if let f = flags(s.value) { return f & alphabetic != 0 }
    return Properties.isAlphabetic(s)
  }

  /// `s.properties.isLowercase`.
  public static func isLowercase(_ s: Unicode.Scalar) -> Bool {
    if let f = flags(s.value) { return f & lowercase != 0 }
    return Properties.isLowercase(s)
  }

  /// `s.properties.changesWhenUppercased`: whether upper-casing the scalar changes it (true of
  /// a small letter that has a capital).
  public static func changesWhenUppercased(_ s: Unicode.Scalar) -> Bool {
    if let f = flags(s.value) { return f & uppercasingChanges != 0 }
    return Properties.changesWhenUppercased(s)
  }

  /// `s.properties.isUppercase`.
  public static func isUppercase(_ s: Unicode.Scalar) -> Bool {
    if let f = flags(s.value) { return f & uppercase != 0 }
    return Properties.isUppercase(s)
  }

  /// A letter or a number: `isAlphabetic || numericType != nil`.
  public static func isAlphanumeric(_ s: Unicode.Scalar) -> Bool {
    if let f = flags(s.value) { return f & (alphabetic | numeric) != 0 }
    return Properties.isAlphanumeric(s)
  }

  /// A letter by general category (L*: Lu, Ll, Lt, Lm, Lo), narrower than `isAlphabetic`.
  public static func isLetter(_ s: Unicode.Scalar) -> Bool {
    if let f = flags(s.value) { return f & letter != 0 }
    return Properties.isLetter(s)
  }

  /// A combining mark by general category (M*: Mn, Mc, Me).
  public static func isMark(_ s: Unicode.Scalar) -> Bool {
    if let f = flags(s.value) { return f & mark != 0 }
    return Properties.isMark(s)
  }

  /// `s.properties.isWhitespace`.
  public static func isWhiteSpace(_ s: Unicode.Scalar) -> Bool {
    if let f = flags(s.value) { return f & whiteSpace != 0 }
    return Properties.isWhiteSpace(s)
  }

  /// The standard library's answers, above the table.
  private enum Properties {
    @inline(never) static func isLowercase(_ s: Unicode.Scalar) -> Bool { s.properties.isLowercase }
    @inline(never) static func isUppercase(_ s: Unicode.Scalar) -> Bool { s.properties.isUppercase }
    @inline(never) static func isAlphanumeric(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || s.properties.numericType != nil }
    @inline(never) static func isLetter(_ s: Unicode.Scalar) -> Bool { isLetterCategory(s.properties.generalCategory) }
    @inline(never) static func isMark(_ s: Unicode.Scalar) -> Bool { isMarkCategory(s.properties.generalCategory) }
    @inline(never) static func isWhiteSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }
    @inline(never) static func changesWhenUppercased(_ s: Unicode.Scalar) -> Bool { s.properties.changesWhenUppercased }
    @inline(never) static func isAlphabetic(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic }
  }
}
