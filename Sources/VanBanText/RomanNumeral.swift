import VanBanBytes
/// Roman numerals as plans number their parts (I. to LXXXIX.), read and written.
public enum RomanNumeral {
  /// The value of a Roman digit byte (I, V, X, L), or nil.
  @inline(__always)
  public static func digit(_ b: UInt8) -> Int? {
    switch b {
    case 0x49: 1
    case 0x56: 5
    case 0x58: 10
    case 0x4C: 50
    default: nil
    }
  }

  public static func digit(_ c: Unicode.Scalar) -> Int? {
    c.isASCII ? digit(UInt8(c.value)) : nil
  }

  /// The value of a well-formed Roman numeral up to 89 (at most seven of I, V, X, L, written
  /// as `string` writes its value), or nil.
  public static func value(_ s: String) -> Int? {
    // Asked of the first word of every row and line that might open a group: nearly all are
    // words or numbers, refused on their bytes before anything is made.
    s.withUTF8Bytes(value(utf8:))
  }

  /// `value` of a word cut from a line, without copying it into a String first.
  public static func value(_ s: Substring) -> Int? {
    var t = s
    return t.withUTF8(value(utf8:))
  }

  /// `value` of valid UTF-8 `b`, read on the bytes: a numeral is ASCII, so each of its bytes
  /// is its scalar. The scalars were copied into an array, their digits into another and the
  /// table of `string` made again, for every numeral read.
  public static func value(utf8 b: UnsafeBufferPointer<UInt8>) -> Int? {
    guard isRomanDigits(b) else { return nil }
    var total = 0
    for k in 0..<b.count {
      let v = digit(b[k])!
      if k + 1 < b.count, digit(b[k + 1])! > v { total -= v } else { total += v }
    }
    guard total > 0 else { return nil }
    // Only the numeral `string` writes for its value is one (not "IIII", "VX" or "IL").
    let written = string(total)
    guard written.utf8.count == b.count, written.utf8.elementsEqual(b) else { return nil }
    return total
  }

  private static func isRomanDigits(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    !b.isEmpty && b.count <= 7 && b.allSatisfy { digit($0) != nil }
  }

  /// The numeral of `n` (1–3999; "" for less), as Word numbers a list in `upperRoman`.
  public static func string(_ n: Int) -> String {
    var n = n
    var out = ""
    for (v, r) in numerals {
      while n >= v {
        out += r
        n -= v
      }
    }
    return out
  }

  /// Each value `string` writes a numeral for, largest first.
  private static let numerals: [(Int, String)] = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
  ]
}
