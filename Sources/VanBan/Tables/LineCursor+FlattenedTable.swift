import VanBanModel
import VanBanText
import VanBanBytes

/// Tables whose every cell sits on its own line(s), as pdftotext and OCR leave them: the
/// header is a run of known column names, a row number starts a row, a Roman numeral a group.
///
/// Rows are found by their numbers, which must count up (a lone number that does not is a
/// page number); `FlattenedRowSplitter` assigns each row's lines to the columns.
extension LineCursor {
  /// The header's column names and the index of its last line, when line `at` starts one.
  func flattenedHeader(at start: Int) -> (columns: [String], last: Int)? {
    let line = lines[start]
    // The header starts with the number column's name: test its first word before folding the
    // line (this is asked of most lines), against the first words of that column's headers
    // alone, since a header opening with another column's name is none of these.
    guard !line.isTableRow, line.marker == nil, lex.numberColumnFirstBytes.mayOpen(lead: line.leadByte),
      let first = line.bareFirstWord, lex.numberColumnFirstWords.contains(first),
      line.words.count >= 3
    else { return nil }
    var words = Words.split(Substring(line.text)).map(String.init)
    var folded = line.words
    guard words.count == folded.count, lex.columns.matchPrefix(folded)?.value == "number" else { return nil }
    var columns: [String] = []
    var pos = 0
    var last = start
    while pos < folded.count {
      if let m = lex.columns.matchPrefix(folded[pos...]) {
        // Prefer a longer header that continues on the next line ("Thời gian hoàn" / "thành").
        columns.append(words[pos..<(pos + m.count)].joinedText(" "))
        pos += m.count
        continue
      }
      let remaining = Array(folded[pos...])
      guard lex.columns.isPrefixOfSome(remaining), let j = nextNonBlank(from: last + 1), j - last <= 3 else { return nil }
      let next = lines[j]
      guard !next.isTableRow, next.loneNumber == nil else { return nil }
      words += Words.split(Substring(next.text)).map(String.init)
      folded += next.words
      last = j
    }
    // A last column name may go on over the next lines ("Thời gian hoàn" / "thành").
    while let j = nextNonBlank(from: last + 1), j - last <= 3, !lines[j].isTableRow, lines[j].loneNumber == nil {
      var tail = lines[j].words
      var end = j
      if lex.columns.matchWhole(tail) == nil {
        guard lex.columns.isPrefixOfSome(tail), let k = nextNonBlank(from: j + 1), k - j <= 3 else { break }
        tail += lines[k].words
        end = k
        guard lex.columns.matchWhole(tail) != nil else { break }
      }
      var text = lines[j].text
      if end != j { text += " " + lines[end].text }
      columns.append(text)
      last = end
    }
    guard columns.count >= 3 else { return nil }
    return (columns, last)
  }

  func isFlattenedHeader(at j: Int) -> Bool { flattenedHeader(at: j) != nil }

  /// A row number: one to three ASCII digits (what `Int` reads of a word of at most three
  /// digit characters).
  static func rowNumber(_ word: Substring) -> Int? {
    let u = word.utf8
    guard (1...3).contains(u.count), u.allSatisfy({ $0 &- 0x30 < 10 }) else { return nil }
    return Int(word)
  }

  /// A group label OCR damaged ("H", "IH", "VỊ") read as the numeral after `previous`: the
  /// token itself, or without its diacritics when it is in capitals, through the Roman
  /// misreadings of Grammar/ocr-confusions.tsv. Only the next numeral counts, so the context
  /// leaves no doubt.
  func repairedGroupLabel(_ token: String, after previous: Int) -> (label: String, value: Int)? {
    // At most four characters. Counted on the bytes when every character is one scalar (all
    // below U+0300 or Vietnamese letters, no CR): most tokens are words of a cell, and
    // counting their Characters was most of this test's cost. `prefix(5)` otherwise: a long
    // word's characters are not all counted to learn it is long.
    guard !token.isEmpty else { return nil }
    // An ASCII byte that no numeral or confusion holds ("1.", "xã", "Tốt"): neither the token
    // nor its capitals without marks (an ASCII letter keeps its case) can read as a numeral.
    // Most words of a table are settled here, before the look-ups below.
    let allowed = lex.romanReadingBytes
    // On the String's own bytes: `contains(where:)` over its UTF-8 view was the test's cost.
    if allowed != .max, token.withUTF8Bytes({ b in
      b.contains { $0 < 0x80 && ($0 < 0x40 || allowed & (1 << UInt64($0 - 0x40)) == 0) }
    }) {
      return nil
    }
    switch Self.scalarCountIfEachIsACharacter(token) {
    case let count?: if count > 4 { return nil }
    case nil: guard token.prefix(5).count <= 4 else { return nil }
    }
    var candidates = [token]
    if token.allSatisfy(\.isUppercase) { candidates.append(FoldingKey.diacriticFree(token).uppercased()) }
    for c in candidates {
      let label = lex.romanConfusions[c] ?? c
      if let value = RomanNumeral.value(label), value == previous + 1 { return (label, value) }
    }
    return nil
  }

  /// The number of scalars of `s` when each is a Character of its own: every scalar below
  /// U+0300 (no combining mark; CR excluded, which joins an LF) or in Latin Extended
  /// Additional (E1 B8–BB), none of which extends or joins a neighbour. Nil otherwise.
  static func scalarCountIfEachIsACharacter(_ s: String) -> Int? {
    return s.withUTF8Bytes { b in
      var count = 0
      var i = 0
      while i < b.count {
        let lead = b[i]
        if lead < 0x80 {
          if lead == 0x0D { return nil }
          i += 1
        } else if lead < 0xCC {
          i += 2
        } else if lead == 0xE1, i + 1 < b.count, b[i + 1] & 0xFC == 0xB8 {
          i += 3
        } else {
          return nil
        }
        count += 1
      }
      return count
    }
  }

  /// Whether line `k`, one short token that is no number ("Đ", "⁄", "K)"), stands where row
  /// `expected` starts in OCR input: a digit look-alike giving that number, or any such token
  /// when the next row number is the one after it (counting the other such tokens on the way:
  /// "⁄", "g", "4" are rows 2, 3 and 4).
  func damagedRowLabel(at k: Int, expected: Int) -> Bool {
    let text = lines[k].text
    guard Self.looksLikeDamagedLabel(text) else { return false }
    if case .repaired(let n) = RowNumberReader(lex: lex).read(text, previous: String(expected - 1)), n == String(expected) {
      return true
    }
    guard let next = nextRowNumber(after: k) else { return false }
    return next.number == expected + 1 + next.damaged
  }

  /// One token of at most three characters, not a number: a word of a cell is longer, in
  /// lower case (a single letter aside: "ö" for 8) or, with two letters or more, carries
  /// Vietnamese marks ("VỰC").
  static func looksLikeDamagedLabel(_ text: String) -> Bool {
    guard !text.utf8.contains(0x20), text.count <= 3, let f = text.first, !f.isNumber else { return false }
    if text.count > 1, f.isLowercase { return false }
    if text.filter(\.isLetter).count >= 2, FoldingKey.diacriticFree(text) != text.lowercased() { return false }
    return true
  }

  /// The number that opens the next row of a one-cell-per-line table after line `k`, and how
  /// many lines that look like damaged labels come before it; nil at the table's next group
  /// or end.
  func nextRowNumber(after k: Int) -> (number: Int, damaged: Int)? {
    var j = k + 1
    var damaged = 0
    while j < lines.count, j <= k + 120 {
      let line = lines[j]
      j += 1
      if line.isBlank { continue }
      if line.isTableRow || isSignatureStart(line, strict: true) { return nil }
      let first = Words.firstOnSpaces(line.text) ?? ""
      if RomanNumeral.value(first) != nil { return nil }
      if let n = Self.rowNumber(first) { return (n, damaged) }
      if Self.looksLikeDamagedLabel(line.text) { damaged += 1 }
    }
    return nil
  }

  mutating func readFlattenedTable(caption: String?) -> Table? {
    guard let (header, last) = flattenedHeader(at: i) else { return nil }
    let columnLexicon = ColumnLexicon(lex: lex)
    let tableLine = lines[i].number
    diagnostics.append(DiagnosticCatalogue.tableFlattened(columns: header.count, line: tableLine))
    i = last + 1
    var rows: [Row] = []
    var group: String?
    var current: (number: String, line: Int, pieces: [(text: String, line: Int)])?
    let splitter = FlattenedRowSplitter(agencies: PlanParser.agencies, deadlines: PlanParser.deadlines, lexicon: lex)
    let columns = columnLexicon.columns(header)
    let layout = FlattenedRowSplitter.Layout(Array(columns.dropFirst()))
    let tableKey = tableLine
    var groupTitle: LogicalText?
    var groupValue = 0
    var expected = 1

    // The cells of more than one line, gathered here and put in `cellBreaks` once the table is
    // read: inserted row by row, the dictionary was rehashed as it grew (two thirds of the cost
    // of inserting them).
    var breaks: [(key: CellKey, text: String)] = []
    func finishRow(
      _ rows: inout [Row], _ current: inout (number: String, line: Int, pieces: [(text: String, line: Int)])?,
      group: String?, breaks: inout [(key: CellKey, text: String)]
    ) {
      guard let c = current else { return }
      let perColumn = splitter.split(c.pieces.map(\.text), layout: layout)
      // At its final size: appended to from one, the row's cells were reallocated as they grew.
      var cells: [String] = []
      cells.reserveCapacity(max(header.count, perColumn.count + 1))
      cells.append(c.number)
      for (k, pieces) in perColumn.enumerated() {
        var text = LogicalText("", line: c.line)
        for p in pieces { text.append(p, line: c.line) }
        cells.append(text.text)
        if pieces.count > 1 { breaks.append((CellKey(table: tableKey, row: c.line, column: k + 1), pieces.joinedText("\n"))) }
      }
      while cells.count < header.count { cells.append("") }
      rows.append(Row(cells: cells, group: group, line: c.line))
      current = nil
    }

    while i < lines.count {
      let line = lines[i]
      if line.isBlank {
        i += 1
        continue
      }
      if line.isTableRow || isSignatureStart(line, strict: true) || (line.marker == nil && startsWith(line, role: .annex)) {
        break
      }
      // A group: "II" alone or "I Công tác chỉ đạo …"; OCR's "H" where II is next.
      let firstWord = Words.firstStringOnSpaces(line.text) ?? ""
      var groupLabel = RomanNumeral.value(firstWord).map { (firstWord, $0) }
      if groupLabel == nil, let repaired = repairedGroupLabel(firstWord, after: groupValue) {
        diagnostics.append(DiagnosticCatalogue.ocrNumberingRepaired(
          firstWord, repaired.label, reason: "a common OCR confusion, and the group before it is \(groupValue)", line: line.number))
        groupLabel = repaired
      }
      if let (label, roman) = groupLabel, roman >= 1 {
        finishRow(&rows, &current, group: group, breaks: &breaks)
        if let g = groupTitle { group = g.text }
        let rest = line.text.dropFirst(firstWord.count).trimmingSpaces()
        rows.append(Row(cells: [label] + Array(repeating: "", count: max(0, header.count - 1)), group: nil, line: line.number))
        groupTitle = LogicalText(rest, line: line.number)
        groupValue = roman
        expected = 1
        i += 1
        continue
      }
      // A row number, alone or before the row's first words; in OCR input also a number read
      // as a letter or a speck ("Đ", "⁄") alone on its line, when the rows around confirm it.
      var numberWord = Self.rowNumber(firstWord[...])
      var label = firstWord
      if numberWord == nil, fromLayout, current != nil || groupTitle != nil, damagedRowLabel(at: i, expected: expected) {
        numberWord = expected
        label = line.text
      }
      if let n = numberWord {
        let rest = line.text.dropFirst(label.count).trimmingSpaces()
        // OCR input: a lone number after a lost row is a row when the next number follows it.
        let confirmed = fromLayout && n == expected + 1 && nextRowNumber(after: i).map { $0.number == n + 1 + $0.damaged } == true
        if n == expected || (!rest.isEmpty || confirmed) && n > expected && n <= expected + 3 {
          if n != expected {
            diagnostics.append(DiagnosticCatalogue.tableRowNumberSkipped(number: firstWord, expected: expected, line: line.number))
          }
          if let g = groupTitle {
            group = g.text
            if let k = rows.lastIndex(where: { $0.group == nil && $0.cells.count > 1 && $0.cells[1].isEmpty }) {
              rows[k].cells[1] = g.text
            }
            groupTitle = nil
          }
          finishRow(&rows, &current, group: group, breaks: &breaks)
          current = (label, line.number, rest.isEmpty ? [] : [(rest, line.number)])
          expected = n + 1
          i += 1
          continue
        }
        if rest.isEmpty {
          diagnostics.append(DiagnosticCatalogue.pageNumberDropped(firstWord, line: line.number))
          i += 1
          continue
        }
      }
      if groupTitle != nil, current == nil || rows.last?.cells.first.map({ RomanNumeral.value($0) != nil }) == true {
        groupTitle?.append(line.text, line: line.number)
      } else if current != nil {
        current?.pieces.append((line.text, line.number))
      } else {
        diagnostics.append(DiagnosticCatalogue.annexTextOutsideTable(line.text, line: line.number))
      }
      i += 1
    }
    if let g = groupTitle, let k = rows.lastIndex(where: { $0.cells.count > 1 && $0.cells[1].isEmpty && $0.group == nil }) {
      rows[k].cells[1] = g.text
    }
    finishRow(&rows, &current, group: group, breaks: &breaks)
    if !breaks.isEmpty {
      cellBreaks.reserveCapacity(cellBreaks.count + breaks.count)
      for b in breaks { cellBreaks[b.key] = b.text }
    }
    return Table(caption: caption, header: header, columns: columns, rows: rows, line: tableLine)
  }
}
