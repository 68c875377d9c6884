import VanBanText

/// Annex labels the body refers to: "(Chi tiết tại Phụ lục I, II gửi kèm theo)",
/// "(Theo Phụ lục số I …)".
///
///     mention -> "Phụ lục" "số"? label ((","| "và") label)*
struct AnnexMentions {
  let lex: GrammarLexicon

  /// - Parameter scanned: `hasLabelWord(text.text)` when the caller has it already.
  func labels(in text: LogicalText, scanned: Bool? = nil) -> [(label: String, line: Int)] {
    // Most text holds no word that can be a label: a byte scan says so before the text is
    // cut into words.
    guard scanned ?? Self.hasLabelWord(text.text) else { return [] }
    let words = Words.list(Substring(text.text))
    // A mention ends in a label — a Roman numeral or a number of one or two digits — and
    // most text has no such word: then there is nothing to fold.
    let anchors = words.indices.filter { Self.mayOpenLabel(words.firstBytes[$0]) && Self.mayBeLabel(words[$0]) }
    guard !anchors.isEmpty else { return [] }
    let phrase = lex.keyword(.annexRef)
    // Before a label: the phrase and "số"; after it: "và" and the next label.
    let bare = Words.bareNear(anchors, in: words, before: phrase.longest + 1, after: 1)
    let andWord = lex.keyword(.and).entries.first?.words.first
    var found: [(String, Int)] = []
    var k = 0
    while k < words.count {
      // Words far from every label were not folded (empty), and no phrase opens with an empty
      // word: they are stepped over without asking the matcher.
      guard !bare[k].isEmpty, let m = phrase.matchPrefix(bare[k...]) else {
        k += 1
        continue
      }
      var p = k + m.count
      if p < words.count, lex.keyword(.number).matchWhole([bare[p]]) != nil { p += 1 }
      while p < words.count {
        let w = String(words[p]).droppingTrailing(asciiMarks: Words.isClinging)
        if RomanNumeral.value(w) != nil || (!w.isEmpty && w.utf8.count <= 2 && w.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }) {
          let offset = words.offset(p)
          found.append((w, text.line(atUTF8: offset)))
          p += 1
          let before = words[p - 1]
          if before.endsWith(ascii: ";") || before.endsWith(ascii: ")") || before.endsWith(ascii: ".") { break }
          continue
        }
        if w == "," || (andWord != nil && bare[p] == andWord) {
          p += 1
          continue
        }
        break
      }
      k = max(p, k + 1)
    }
    return found
  }

  /// The byte test behind the label check below: only I, V, X, L or only one or two ASCII
  /// digits, before the punctuation that may follow.
  static func mayBeLabel(_ word: Substring) -> Bool {
    var word = word
    return word.withUTF8 { mayBeLabel($0) }
  }

  /// Whether a word opening with this byte may be a label: a Roman digit or an ASCII digit.
  static func mayOpenLabel(_ first: UInt8) -> Bool {
    RomanNumeral.digit(first) != nil || first &- 0x30 < 10
  }

  static func mayBeLabel(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
    // Most words start with a letter that is no Roman digit: settled on the first byte.
    guard let first = u.first, mayOpenLabel(first) else { return false }
    let end = Words.endBeforeClinging(u)
    guard end > 0 else { return false }
    var roman = true
    var digits = true
    for k in 0..<end {
      if RomanNumeral.digit(u[k]) == nil { roman = false }
      if u[k] &- 0x30 >= 10 { digits = false }
    }
    return roman || (digits && end <= 2)
  }

  /// Whether some word of `text`, cut as `Words.split` cuts, passes `mayBeLabel`.
  static func hasLabelWord(_ text: String) -> Bool {
    Words.anyWord(in: text, where: mayBeLabel)
  }
}
