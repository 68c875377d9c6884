import VanBanText

/// Column meaning from Grammar/columns.tsv: header text → canonical column name.
struct ColumnLexicon {
  let lex: GrammarLexicon

  func canonical(_ header: String) -> String? {
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
    var names = header.map(canonical)
    if names.contains("name"), !names.contains("indicator") {
      names = names.map { $0 == "value" ? "result" : $0 }
    }
    return names
  }

  /// A header row names at least two known columns.
  func isHeader(_ cells: [String]) -> Bool {
    cells.filter { canonical($0) != nil }.count >= 2
  }
}
