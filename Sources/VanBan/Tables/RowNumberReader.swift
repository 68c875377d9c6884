import VanBanText
import VanBanBytes

/// The number (số thứ tự) of a table row, read from a cell OCR may have damaged.
///
/// A clean cell holds a label: `1`, `01`, `1.2`, a Roman numeral or a letter. OCR adds marks
/// read off the cell's borders (`[ 08 ..`, `22_¡`, `+7`), which are dropped, and misreads a
/// digit as a letter (`s` for 5), which is repaired only when the result is the number the
/// row above leads one to expect. Anything else is no number: the row keeps none rather than
/// a guessed one. The caller reports each repair and each unreadable cell.
struct RowNumberReader {
  let confusions: [Character: Character]

  init(lex: GrammarLexicon) {
    confusions = lex.digitConfusions
  }

  enum Reading: Equatable {
    case label(String)
    case repaired(String)
    case unreadable
  }

  /// cell -> label                 (as it stands)
  ///       | mark* number mark*    (marks are specks and border bits: `[`, `..`, `_¡`, `+`)
  ///       | look-alike-number     (digits and look-alikes giving the previous number + 1)
  /// label -> number | roman | letter; number -> digit+ ("." digit+)*; a trailing "." or ")"
  /// belongs to the label.
  func read(_ cell: String, previous: String?) -> Reading {
    let trimmed = TableInterpreter.trimNumber(cell)
    if Self.dottedNumber(trimmed) ?? (trimmed.first?.isNumber == true && Self.isLabel(trimmed)) { return .label(trimmed) }
    let tokens = cell.split(separator: " ").filter { $0.contains { $0.isLetter || $0.isNumber } }
    if tokens.count == 1, var token = tokens.first {
      while let f = token.first, !(f.isLetter || f.isNumber) { token = token.dropFirst() }
      while let l = token.last, !(l.isLetter || l.isNumber) { token = token.dropLast() }
      if token.first?.isNumber == true, Self.isLabel(String(token)) { return .repaired(String(token)) }
      // Before letters count as labels: "s" after row 4 is row 5.
      let digits = String(token.map { c in c.isASCII && c.isNumber ? c : (confusions[c] ?? c) })
      if digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits), let p = previous.flatMap({ Int($0) }), n == p + 1 {
        return .repaired(digits)
      }
    }
    return Self.isLabel(trimmed) ? .label(trimmed) : .unreadable
  }

  /// `1`, `01`, `1.2`, `IV`, `a`, `B`.
  static func isLabel(_ s: String) -> Bool {
    if let dotted = dottedNumber(s) { return dotted }
    guard let f = s.first else { return false }
    if f.isASCII, f.isNumber {
      return s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
    if RomanNumeral.value(s) != nil { return true }
    return s.count == 1 && f.isLetter
  }

  /// `isLabel` of a cell made of ASCII digits and dots alone and opening with a digit (most row
  /// numbers), read on the bytes: whether it is digit runs joined by single dots. Nil for any
  /// other text, which the Character reading decides. Exact: next to an ASCII byte a digit or a
  /// dot is a Character of its own (only CR LF joins two ASCII scalars), so the first Character
  /// is an ASCII number and the split on "." cuts where the bytes do. The Character split cost
  /// ~3,600 instructions a cell.
  static func dottedNumber(_ s: String) -> Bool? {
    return s.withUTF8Bytes { b -> Bool? in
      guard let first = b.first, first &- 0x30 < 10 else { return nil }
      var run = 0
      var ok = true
      for byte in b {
        if byte &- 0x30 < 10 {
          run += 1
        } else if byte == 0x2E {
          if run == 0 { ok = false }
          run = 0
        } else {
          return nil
        }
      }
      return ok && run > 0
    }
  }
}
