/// A number in a value cell whose digits OCR read as look-alike letters: "1oọ" → "100",
/// "l00" → "100", "O" → "0" (Grammar/ocr-confusions.tsv, kind `digit`).
///
/// A value column holds a number, so a cell that is one token of digits and such letters is
/// that number misread; anything more (a word, a second token, a letter with no digit look-
/// alike) is left alone, as are comparison signs: `>` where the document has `≥` cannot be
/// told from a real `>`. The caller checks that the result is plausible and reports it.
struct OCRValueRepair {
  let confusions: [Character: Character]

  init(lex: GrammarLexicon) {
    confusions = lex.digitConfusions
  }

  /// Signs that may stand before the number; kept as they are.
  private static let signs: Set<Character> = ["≥", "⩾", ">", "≤", "⩽", "<", "="]

  /// cell -> mark* sign* " "* token "%"? mark*, token -> (digit | look-alike) (digit | look-alike | "," | ".")*
  /// where the token holds a look-alike and a digit, or is one look-alike of zero alone; marks
  /// are specks that are neither letters, digits nor signs (`'`, `` ` ``, `¡`).
  /// Returns the cell with the token's look-alikes replaced and the specks dropped.
  func repair(_ cell: String) -> String? {
    var t = Substring(cell)
    while let f = t.first, !(f.isLetter || f.isNumber || Self.signs.contains(f)) { t = t.dropFirst() }
    while let l = t.last, !(l.isLetter || l.isNumber || l == "%") { t = t.dropLast() }
    var sign = ""
    while let f = t.first, Self.signs.contains(f) {
      sign.append(f)
      t = t.dropFirst()
    }
    while t.first == " " { t = t.dropFirst() }
    var percent = ""
    if t.last == "%" {
      percent = "%"
      t = t.dropLast()
    }
    guard let first = t.first, let last = t.last, first.isNumber || confusions[first] != nil,
      last.isNumber || confusions[last] != nil
    else { return nil }
    var digits = ""
    var repaired = 0
    var real = 0
    for c in t {
      if c.isASCII, c.isNumber {
        digits.append(c)
        real += 1
      } else if let d = confusions[c] {
        digits.append(d)
        repaired += 1
      } else if c == "," || c == "." {
        digits.append(c)
      } else {
        return nil
      }
    }
    guard repaired > 0, real > 0 || (repaired == 1 && digits == "0") else { return nil }
    return sign + (sign.isEmpty ? "" : " ") + digits + percent
  }
}
