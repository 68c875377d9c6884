import VanBanInputs
import VanBanModel
import VanBanText

/// Tables: tab-separated rows (a converter's output) or one cell per line (pdftotext, OCR).
///
/// Page breaks leave blank lines, a repeated header and rows whose cells continue on the
/// next line with empty leading cells; all of these stay one table. In lines rebuilt from
/// OCR boxes, where Tesseract may lose the number column, a row that stands whole keeps its
/// place with no number (`RowContinuation`).
extension LineCursor {
  mutating func readAnyTable(caption: String?) -> Table {
    if !lines[i].isTableRow, let table = readFlattenedTable(caption: caption) { return table }
    return readTabTable(caption: caption)
  }

  mutating func readTabTable(caption: String?) -> Table {
    let columnLexicon = ColumnLexicon(lex: lex)
    let first = lines[i]
    var header: [String] = []
    if let cells = first.cells, columnLexicon.isHeader(cells) {
      header = cells
      while header.count > 1, header.last?.isEmpty == true { header.removeLast() }
      i += 1
    } else {
      diagnostics.append(DiagnosticCatalogue.tableNoHeader(line: first.number))
    }
    let headerKey = header.map { Words.fold($0) }
    // The first byte of the header's first folded word. A row whose first cell opens with
    // another ASCII digit (a row number, nearly every row) cannot repeat the header: folding
    // leaves ASCII digits as they are. Settled before the cell is folded.
    let headerLead = headerKey.first?.first?.utf8.first
    let reading = columnLexicon.read(header)
    let numbered = reading.names.first == "number"
    var rows: [Row] = []
    var group: String?
    while i < lines.count {
      let line = lines[i]
      if line.isBlank || line.loneNumber != nil {
        guard let j = nextNonBlankOrNumber(from: i), lines[j].isTableRow else { break }
        for k in i..<j where lines[k].loneNumber != nil {
          diagnostics.append(DiagnosticCatalogue.pageNumberDropped(lines[k].text, line: lines[k].number))
        }
        i = j
        continue
      }
      guard var cells = line.cells else { break }
      i += 1
      // A repeated header, also when OCR garbled some of its cells.
      if !headerKey.isEmpty,
        (cells.count >= header.count && !Self.opensWithOtherDigit(cells[0], than: headerLead)
          && zip(cells, headerKey).allSatisfy({ Words.fold($0.0) == $0.1 }))
          || columnLexicon.isHeader(cells)
      {
        diagnostics.append(DiagnosticCatalogue.tableRepeatedHeader(line: line.number))
        continue
      }
      // Under the header, a row numbering the columns ("(1)", "(2)", …): not a row of data.
      if rows.isEmpty, !header.isEmpty, Self.numbersColumns(cells) {
        diagnostics.append(DiagnosticCatalogue.tableColumnNumbers(line: line.number))
        continue
      }
      if cells.first?.isEmpty == true, let above = rows.last {
        if !fromLayout || !numbered || !RowContinuation.standsWhole(cells, below: above.cells) {
          mergeContinuation(cells, into: &rows[rows.count - 1], line: line.number)
          continue
        }
        // A row of its own whose number OCR lost: it keeps none rather than a guessed one.
        diagnostics.append(DiagnosticCatalogue.ocrRowNumberLost(cells.dropFirst().first { !$0.isEmpty } ?? "", line: line.number))
      }
      let width = max(header.count, 1)
      if cells.count > width, !header.isEmpty {
        let extra = cells[width...]
        if extra.allSatisfy(\.isEmpty) {
          cells.removeSubrange(width...)
        } else {
          diagnostics.append(DiagnosticCatalogue.tableRaggedRow(cells: cells.count, columns: header.count, line: line.number))
        }
      }
      while cells.count < header.count { cells.append("") }
      if Self.isGroupRow(cells) {
        group = cells[1]
        rows.append(Row(cells: cells, group: nil, line: line.number))
      } else {
        rows.append(Row(cells: cells, group: group, line: line.number))
      }
    }
    for (cell, match) in reading.loose {
      diagnostics.append(DiagnosticCatalogue.ocrHeaderRepaired(cell, match.header, line: first.number))
    }
    return Table(caption: caption, header: header, columns: reading.names, rows: rows, line: first.number)
  }

  private func nextNonBlankOrNumber(from: Int) -> Int? {
    var j = from
    while j < lines.count, lines[j].isBlank || lines[j].loneNumber != nil { j += 1 }
    return j < lines.count ? j : nil
  }

  /// Whether `cell` opens with an ASCII digit other than `lead`.
  static func opensWithOtherDigit(_ cell: String, than lead: UInt8?) -> Bool {
    guard let b = cell.withUTF8Bytes({ $0.first }), b &- 0x30 < 10 else { return false }
    return b != lead
  }

  /// Whether the cells number the columns: two or more cells hold a number, alone or in
  /// brackets ("(1)"), each one more than the last, and the others are empty.
  static func numbersColumns(_ cells: [String]) -> Bool {
    var last: Int?
    var count = 0
    for cell in cells where !cell.isEmpty {
      var digits = Substring(cell)
      if digits.hasPrefix("("), digits.hasSuffix(")") { digits = digits.dropFirst().dropLast() }
      guard digits.utf8.count <= 2, digits.utf8.allSatisfy({ $0 &- 0x30 < 10 }), let n = Int(digits) else { return false }
      if let last, n != last + 1 { return false }
      last = n
      count += 1
    }
    return count >= 2
  }

  /// A group row: a Roman numeral or a capital letter, a title, nothing else.
  static func isGroupRow(_ cells: [String]) -> Bool {
    guard cells.count >= 2, !cells[1].isEmpty, cells.dropFirst(2).allSatisfy(\.isEmpty) else { return false }
    let label = cells[0]
    if RomanNumeral.value(label) != nil { return true }
    let u = Array(label.unicodeScalars)
    return u.count == 1 && ScalarClass.isUppercase(u[0])
  }

  /// Bytes beyond any agency's name: a longer cell is not looked up.
  static let longestAgencyName = 160

  /// Whether `cell` ends with the words of `fragment` and holds more words than it. Only the
  /// cell's last words are folded: a cell that grows row by row must not be folded whole at
  /// every row.
  static func endsWithWords(_ cell: String, of fragment: String) -> Bool {
    let want = Words.fold(fragment)
    guard !want.isEmpty else { return false }
    let u = cell.utf8
    var end = u.endIndex
    var start = end
    var found = 0
    // Walk back over `want.count` words, then make sure another word stands before them.
    while found < want.count {
      while end > u.startIndex, u[u.index(before: end)] == 0x20 { end = u.index(before: end) }
      guard end > u.startIndex else { return false }
      start = end
      while start > u.startIndex, u[u.index(before: start)] != 0x20 { start = u.index(before: start) }
      found += 1
      if found < want.count { end = start }
    }
    let tail = Substring(cell)[start...]
    guard Substring(cell)[..<start].contains(where: { $0 != " " }) else { return false }
    return Words.fold(tail) == want
  }

  /// Cells that continue the row above after a page break. A fragment that repeats the end
  /// of its cell is a repeated render, dropped with a diagnostic, where the evidence says so:
  /// the cell names a known agency and the two joined name none ("Phòng Văn hóa - Xã hội" /
  /// "Xã hội"), or the lines were rebuilt from word boxes, where OCR renders a cell twice. In
  /// plain text any other fragment joins its cell, even one that repeats the cell's last words.
  private mutating func mergeContinuation(_ cells: [String], into row: inout Row, line: Int) {
    for (k, fragment) in cells.enumerated() where !fragment.isEmpty {
      if k >= row.cells.count {
        row.cells.append(fragment)
        continue
      }
      let above = row.cells[k]
      if !above.isEmpty, Self.endsWithWords(above, of: fragment),
        fromLayout || above.utf8.count <= Self.longestAgencyName && PlanParser.agencies.isKnown(above)
          && !PlanParser.agencies.isKnown(above + " " + fragment)
      {
        diagnostics.append(DiagnosticCatalogue.tableDuplicateFragment(fragment, line: line))
        continue
      }
      var text = LogicalText(above, line: row.line)
      text.append(fragment, line: line)
      row.cells[k] = text.text
    }
  }
}
