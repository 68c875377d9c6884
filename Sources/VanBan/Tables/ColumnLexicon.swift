import VanBanInputs
import VanBanText
import VanBanBytes

/// Column meaning from Grammar/columns.tsv: header text → canonical column name.
struct ColumnLexicon {
  let lex: GrammarLexicon

  func canonical(_ header: String) -> String? {
    // Every way below of naming a column needs the cell's first word to be, diacritics and
    // punctuation aside, the first word of some column name: most cells of a row are not.
    // A cell (or its pieces joined, below) opening with an ASCII letter or digit has a
    // skeleton opening with that byte in lower case: most cells are told by it alone.
    if let b = header.utf8.first, b &- 0x30 < 10 || (b | 0x20) &- 0x61 < 26,
      !lex.columnSkeletonLeads.contains(b &- 0x41 < 26 ? b | 0x20 : b)
    {
      return nil
    }
    if lex.columnFirstWordSkeletons.contains(Self.firstWordSkeleton(header)), let name = canonicalReadingEveryWay(header) {
      return name
    }
    // A short name a narrow column broke inside a word ("ST" / "T" for "STT"): its pieces
    // joined, when that is a column name.
    guard header.utf8.count <= 12, header.utf8.contains(0x20) else { return nil }
    let joined = Self.withoutSpaces(header)
    guard lex.columnFirstWordSkeletons.contains(Self.firstWordSkeleton(joined)) else { return nil }
    return canonicalReadingEveryWay(joined)
  }

  /// `String(s.filter { $0 != " " })`, on the bytes when each space stands between ASCII bytes
  /// or at an end, and so is a Character of its own (only CR LF joins two ASCII scalars); the
  /// Character filter otherwise.
  static func withoutSpaces(_ s: String) -> String {
    let direct: String? = s.withUTF8Bytes { b in
      for i in b.indices where b[i] == 0x20 {
        if (i > 0 && b[i - 1] >= 0x80) || (i + 1 < b.count && b[i + 1] >= 0x80) { return nil }
      }
      // Spaces are ASCII: what is left is whole scalars of valid UTF-8.
      return String(trustedUTF8Capacity: b.count) { out in
        var n = 0
        for c in b where c != 0x20 {
          out[n] = c
          n += 1
        }
        return n
      }
    }
    return direct ?? String(s.filter { $0 != " " })
  }

  /// `canonical` without the first-word test in front: every reading tried.
  func canonicalReadingEveryWay(_ header: String) -> String? {
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

  /// The ASCII letters and digits of the first word of `s` (cut at white space) without its
  /// diacritics, lower case: equal for a cell and a column name whenever the cell names the
  /// column by any of `canonical`'s readings (folded words, a prefix, the diacritic-free key).
  static func firstWordSkeleton(_ s: String) -> String {
    return s.withUTF8Bytes { b in
      var start = 0
      while start < b.count, case let w = WhiteSpace.width(b, start), w > 0 { start += w }
      var end = start
      var ascii = true
      while end < b.count, WhiteSpace.width(b, end) == 0 {
        if b[end] >= 0x80 { ascii = false }
        end += 1
      }
      @inline(__always) func keep(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Letters lowered, digits kept, everything else dropped: at most as long as the input.
        String(trustedUTF8Capacity: bytes.count) { out in
          var n = 0
          for c in bytes {
            let lower = c | 0x20
            if lower &- 0x61 < 26 {
              out[n] = lower
              n += 1
            } else if c &- 0x30 < 10 {
              out[n] = c
              n += 1
            }
          }
          return n
        }
      }
      let word = UnsafeBufferPointer(rebasing: b[start..<end])
      if ascii { return keep(word) }
      var plain = FoldingKey.diacriticFree(nonASCII: word)
      return plain.withUTF8 { keep($0) }
    }
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

/// The layout builder asks the grammar's column names through this.
extension ColumnLexicon: ColumnHeaderLexicon {
  func isColumnName(_ cell: String) -> Bool { canonical(cell) != nil }
}
