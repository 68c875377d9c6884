import VanBanText

/// Column headers that OCR damaged beyond a whole match: specks read as letters or marks
/// around the words ("c h KET QUA", "Ghi ' chú"), a letter glued to the last word ("STTL."),
/// a letter too many or too few in a long header ("TERN NHIỆM VỤ").
///
/// A header that is left unknown costs its whole column (a number column unknown leaves every
/// row unnumbered), so these are matched, but only to one canonical column and with a
/// diagnostic naming the header each was read as.
extension ColumnLexicon {
  struct LooseMatch: Equatable, Sendable {
    /// The canonical column name.
    var canonical: String
    /// The Grammar header the cell was read as.
    var header: String
  }

  /// The words of a header for loose matching: without diacritics, each trimmed of
  /// punctuation, and words of one character dropped: OCR reads specks beside a header as
  /// single letters, and no header in Grammar/columns.tsv has a one-letter word.
  static func ocrKey(_ text: String) -> [String] {
    FoldingKey.diacriticFree(text).split(separator: " ").compactMap { w -> String? in
      var t = Substring(w)
      while let f = t.unicodeScalars.first, !isWordScalar(f) { t = t.dropFirst() }
      while let l = t.unicodeScalars.last, !isWordScalar(l) { t = t.dropLast() }
      return t.count >= 2 ? String(t) : nil
    }
  }

  private static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
    ScalarClass.isAlphanumeric(u)
  }

  /// Headers this long (in characters of their key) may differ by one letter: a shorter one
  /// ("TT", "Đơn vị") is one letter from other words.
  static let minimumFuzzyLength = 8

  /// loose -> key(cell) == key(header)
  ///        | key(cell) == key(header) with one letter glued to its last word (of 3+ letters)
  ///        | key(cell) starts with key(prefix) from Grammar/columns-prefix.tsv
  ///        | edit distance(key(cell), key(header)) == 1, key(header) long, one canonical column
  /// Only cells that no exact rule matches come here.
  func looseMatch(_ cell: String) -> LooseMatch? {
    let words = Self.ocrKey(cell)
    guard !words.isEmpty else { return nil }
    let key = words.joinedText(" ")
    if let hit = lex.columnOCRKeys[key] { return hit }
    // The word left must be long enough not to be a word of its own with a letter added
    // ("TTX" is not "TT").
    if let last = words.last, last.count >= 4, last.last?.isLetter == true {
      let trimmed = (words.dropLast() + [String(last.dropLast())]).joinedText(" ")
      if let hit = lex.columnOCRKeys[trimmed] { return hit }
    }
    // Longest first.
    for (prefix, hit) in lex.columnPrefixOCRKeys where key.hasPrefix(prefix + " ") {
      return hit
    }
    var found: LooseMatch?
    let keyChars = Array(key)
    for (known, hit) in lex.columnFuzzyKeys {
      guard Self.withinOneEdit(keyChars, known) else { continue }
      if let f = found, f.canonical != hit.canonical { return nil }
      if found == nil { found = hit }
    }
    return found
  }

  /// Whether `a` becomes `b` by at most one insertion, deletion or substitution.
  static func withinOneEdit(_ a: [Character], _ b: [Character]) -> Bool {
    guard abs(a.count - b.count) <= 1 else { return false }
    var i = 0
    while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
    if i == max(a.count, b.count) { return true }
    if a.count == b.count { return a[(i + 1)...] == b[(i + 1)...] }
    let (long, short) = a.count > b.count ? (a, b) : (b, a)
    return long[(i + 1)...] == short[i...]
  }
}
