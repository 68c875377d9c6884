import VanBanText

/// Column meaning from Grammar/columns.tsv: header text → canonical column name.
struct ColumnLexicon {
  let lex: GrammarLexicon

  func canonical(_ header: String) -> String? {
    // A cell with more words than any column name (most cells a row holds) can only match a
    // prefix: fold just the words a prefix can take. Folding never joins words, so these are
    // the first words of the whole cell's fold.
    if let headEnd = Words.endOfWord(lex.columnPrefixes.longest, in: header, ifMoreThan: lex.longestColumnName) {
      return lex.columnPrefixes.matchPrefix(Words.fold(header[..<headEnd]))?.value
    }
    let words = Words.fold(header)
    guard !words.isEmpty else { return nil }
    if let whole = lex.columns.matchWhole(words) { return whole }
    if let prefix = lex.columnPrefixes.matchPrefix(words) { return prefix.value }
    // OCR drops and swaps diacritics in headers ("Kết qua", "Nội dung chỉ tiết"): match
    // without them, whole cell only.
    return lex.columnsWithoutDiacritics[FoldingKey.diacriticFree(header)]
  }

  /// Canonical names for a whole header: "Kết quả" is a target's value beside "Chỉ tiêu"
  /// but a task's result beside "Tên nhiệm vụ".
  func columns(_ header: [String]) -> [String?] {
    read(header).names
  }

  /// The header's canonical names, with the cells matched only loosely (OCR damage) beside
  /// the Grammar header each was read as.
  func read(_ header: [String]) -> (names: [String?], loose: [(cell: String, match: LooseMatch)]) {
    var loose: [(cell: String, match: LooseMatch)] = []
    var names = header.map { cell -> String? in
      if let name = canonical(cell) { return name }
      guard let m = looseMatch(cell) else { return nil }
      loose.append((cell, m))
      return m.canonical
    }
    if names.contains("name"), !names.contains("indicator") {
      names = names.map { $0 == "value" ? "result" : $0 }
    }
    return (names, loose)
  }

  /// A header row names at least two known columns.
  func isHeader(_ cells: [String]) -> Bool {
    var known = 0
    for cell in cells where canonical(cell) != nil {
      known += 1
      if known == 2 { return true }
    }
    return false
  }
}
