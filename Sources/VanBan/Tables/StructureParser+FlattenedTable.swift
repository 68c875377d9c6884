import VanBanModel

/// Tables whose every cell sits on its own line(s), as pdftotext and OCR leave them: the
/// header is a run of known column names, a row number starts a row, a Roman numeral a group.
///
/// Rows are found by their numbers, which must count up (a lone number that does not is a
/// page number); `FlattenedRowSplitter` assigns each row's lines to the columns.
extension StructureParser {
  /// The header's column names and the index of its last line, when line `at` starts one.
  func flattenedHeader(at start: Int) -> (columns: [String], last: Int)? {
    let line = lines[start]
    guard !line.isTableRow, line.marker == nil, line.words.count >= 3 else { return nil }
    var words = Words.split(Substring(line.text)).map(String.init)
    var folded = line.words
    guard words.count == folded.count, lex.columns.matchPrefix(folded)?.value == "number" else { return nil }
    var columns: [String] = []
    var pos = 0
    var last = start
    while pos < folded.count {
      if let m = lex.columns.matchPrefix(folded[pos...]) {
        // Prefer a longer header that continues on the next line ("Thời gian hoàn" / "thành").
        columns.append(words[pos..<(pos + m.count)].joined(separator: " "))
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
    let tableKey = tableLine
    var groupTitle: LogicalText?
    var expected = 1

    func finishRow(
      _ rows: inout [Row], _ current: inout (number: String, line: Int, pieces: [(text: String, line: Int)])?,
      group: String?, multiline: inout [CellKey: String]
    ) {
      guard let c = current else { return }
      let perColumn = splitter.split(c.pieces.map(\.text), columns: Array(columns.dropFirst()))
      var cells = [c.number]
      for (k, pieces) in perColumn.enumerated() {
        var text = LogicalText("", line: c.line)
        for p in pieces { text.append(p, line: c.line) }
        cells.append(text.text)
        if pieces.count > 1 { multiline[CellKey(table: tableKey, row: c.line, column: k + 1)] = pieces.joined(separator: "\n") }
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
      if line.isTableRow || isSignatureStart(line, strict: true) || (line.marker == nil && startsWith(line, role: "annex")) {
        break
      }
      // A group: "II" alone or "I Công tác chỉ đạo …".
      let firstWord = line.text.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
      if let roman = LineClassifier.romanValue(firstWord), roman >= 1 {
        finishRow(&rows, &current, group: group, multiline: &multilineCells)
        if let g = groupTitle { group = g.text }
        let rest = line.text.dropFirst(firstWord.count).trimmingSpaces()
        rows.append(Row(cells: [firstWord] + Array(repeating: "", count: max(0, header.count - 1)), group: nil, line: line.number))
        groupTitle = LogicalText(rest, line: line.number)
        expected = 1
        i += 1
        continue
      }
      // A row number, alone or before the row's first words.
      let numberWord = firstWord.allSatisfy(\.isNumber) && !firstWord.isEmpty && firstWord.count <= 3 ? Int(firstWord) : nil
      if let n = numberWord {
        let rest = line.text.dropFirst(firstWord.count).trimmingSpaces()
        if n == expected || (!rest.isEmpty && n > expected && n <= expected + 3) {
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
          finishRow(&rows, &current, group: group, multiline: &multilineCells)
          current = (firstWord, line.number, rest.isEmpty ? [] : [(rest, line.number)])
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
      if groupTitle != nil, current == nil || rows.last?.cells.first.map({ LineClassifier.romanValue($0) != nil }) == true {
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
    finishRow(&rows, &current, group: group, multiline: &multilineCells)
    return Table(caption: caption, header: header, columns: columnLexicon.columns(header), rows: rows, line: tableLine)
  }
}
