/// Annex labels the body refers to: "(Chi tiết tại Phụ lục I, II gửi kèm theo)",
/// "(Theo Phụ lục số I …)".
///
///     mention -> "Phụ lục" "số"? label ((","| "và") label)*
struct AnnexMentions {
  let lex: GrammarLexicon

  func labels(in text: LogicalText) -> [(label: String, line: Int)] {
    let words = Words.split(Substring(text.text))
    let bare = Words.fold(text.text).map(Words.bare)
    guard bare.count == words.count else { return [] }
    let andWord = lex.keyword("and").entries.first?.words.first
    var found: [(String, Int)] = []
    var k = 0
    while k < words.count {
      guard let m = lex.keyword("annex_ref").matchPrefix(bare[k...]) else {
        k += 1
        continue
      }
      var p = k + m.count
      if p < words.count, lex.keyword("number").matchWhole([bare[p]]) != nil { p += 1 }
      while p < words.count {
        var w = String(words[p])
        while let l = w.last, ",;:.)".contains(l) { w.removeLast() }
        if LineClassifier.romanValue(w) != nil || (!w.isEmpty && w.count <= 2 && w.allSatisfy(\.isNumber)) {
          let offset = text.text.utf8.distance(from: text.text.startIndex, to: words[p].startIndex)
          found.append((w, text.line(atUTF8: offset)))
          p += 1
          if words[p - 1].hasSuffix(";") || words[p - 1].hasSuffix(")") || words[p - 1].hasSuffix(".") { break }
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
}
