import VanBanModel
import VanBanText
import VanBanBytes

/// Turns table rows into targets (chỉ tiêu) and tasks (nhiệm vụ) by what their columns mean.
///
/// A table with an indicator column holds targets; one with a task-name column holds tasks;
/// a two-column "Tiêu chí | Nội dung chi tiết" table describes one task (its caption names
/// it). Anything else is reported, not guessed at.
struct TableInterpreter {
  let lex: GrammarLexicon
  let agencies: AgencyLexicon
  let deadlines: DeadlineParser
  let values: ValueParser
  /// The plan's own year, for values and deadlines that name none.
  let planYear: Int?

  struct Output {
    var targets: [Target] = []
    var tasks: [Task] = []
    var diagnostics: [Diagnostic] = []
  }

  /// - Parameters:
  ///   - title: the annex or section title above the table (a year in it dates the values).
  ///   - multiline: cells with their original line breaks, by key.
  func interpret(_ table: Table, title: String?, origin: Origin, multiline: [CellKey: String], into out: inout Output) {
    let cols = table.columns
    func index(_ name: String) -> Int? { cols.firstIndex(of: name) }
    if cols.contains("detail_key") {
      interpretDetails(table, into: &out, origin: origin)
      return
    }
    let isTargets = cols.contains("indicator")
    let isTasks = !isTargets && cols.contains("name")
    guard isTargets || isTasks else {
      out.diagnostics.append(DiagnosticCatalogue.tableColumnsUnknown(header: table.header.joinedText(" | "), line: table.line))
      return
    }
    let tableYear = title.flatMap(ValueParser.year(in:)) ?? planYear
    var groupCounts: [(title: String, declared: Int, found: Int, line: Int)] = []
    let numberReader = RowNumberReader(lex: lex)
    var previousNumber: String?
    // The positions of the columns the rows are read by, found once for the table rather than
    // for every cell of every row (a String compare per column passed, 50,000 on the mixed
    // sample).
    let at = (
      number: index("number"), indicator: index("indicator"), unit: index("unit"), name: index("name"),
      deadline: index("deadline"), result: index("result"), value: index("value"), note: index("note"),
      lead: index("lead"), coordinators: index("coordinators"))
    // A target table may give a value column per year: all of them, found once as well.
    let valuePositions = cols.indices.filter { cols[$0] == "value" }
    // The year each value column's header dates its values with, read once for the table:
    // read again for every row, a header with a year in it ("Năm 2025") was scanned row after
    // row. (The columns are read from the header, so every value column has its header cell;
    // the bound only keeps the index in range.)
    var headerYears = [Int?](repeating: tableYear, count: cols.count)
    for k in valuePositions where k < table.header.count {
      headerYears[k] = ValueParser.year(in: table.header[k]) ?? tableYear
    }
    for row in table.rows {
      func cell(_ column: Int?) -> String? {
        guard let k = column, k < row.cells.count else { return nil }
        let c = row.cells[k]
        return c.isEmpty ? nil : c
      }
      func agencyList(_ column: Int?) -> [String] {
        guard let k = column, k < row.cells.count, !row.cells[k].isEmpty else { return [] }
        let text = multiline[CellKey(table: table.line, row: row.line, column: k)] ?? row.cells[k]
        // Repaired in place: a `map` made a second array of the same strings (each retained
        // into it, and the first array's released) for every agency cell.
        var list = agencies.split(Self.stripStrayMarks(text))
        for j in list.indices {
          let agency = list[j]
          guard !agencies.isKnown(agency), let cleaned = Self.withoutSpecks(agency), agencies.isKnown(cleaned) else { continue }
          let known = agencies.canonical(cleaned)
          out.diagnostics.append(DiagnosticCatalogue.ocrAgencyRepaired(agency, known, line: row.line))
          list[j] = known
        }
        return list
      }
      let label = cell(at.number).map { Self.trimNumber($0) }
      if LineCursor.isGroupRow(row.cells) || (row.group == nil && row.cells.count > 1 && label.map(Self.isGroupLabel) == true && row.cells.dropFirst(2).allSatisfy(\.isEmpty)) {
        let title = row.cells.count > 1 ? row.cells[1] : ""
        if let declared = declaredCount(title) { groupCounts.append((title, declared, 0, row.line)) }
        previousNumber = nil
        continue
      }
      var number: String?
      if let raw = cell(at.number) {
        switch numberReader.read(raw, previous: previousNumber) {
        case .label(let n):
          number = n
        case .repaired(let n):
          number = n
          out.diagnostics.append(DiagnosticCatalogue.ocrNumberRepaired(raw, n, line: row.line))
        case .unreadable:
          out.diagnostics.append(DiagnosticCatalogue.tableRowNumberUnreadable(raw, line: row.line))
        }
      }
      previousNumber = number
      if let k = groupCounts.indices.last, groupCounts[k].title == row.group { groupCounts[k].found += 1 }
      if isTargets {
        guard let indicator = cell(at.indicator) else { continue }
        var vals: [TargetValue] = []
        let valueColumns = valuePositions.filter { $0 < row.cells.count }
        for k in valueColumns {
          let year = headerYears[k]
          if var v = values.parse(cell: row.cells[k], year: year) {
            if v.value == nil,
              let repaired = repairedValue(
                row.cells[k], year: year, unit: cell(at.unit),
                siblings: valueColumns.filter { $0 != k }.compactMap { values.parse(cell: row.cells[$0], year: year)?.value })
            {
              v.op = repaired.op
              v.value = repaired.value
              out.diagnostics.append(DiagnosticCatalogue.ocrValueRepaired(row.cells[k], repaired.text, line: row.line))
            }
            vals.append(v)
            if v.value == nil {
              out.diagnostics.append(DiagnosticCatalogue.valueUnparsed(row.cells[k], line: row.line))
            }
          }
        }
        let lead = agencyList(at.lead)
        if lead.isEmpty { out.diagnostics.append(DiagnosticCatalogue.rowWithoutLead(indicator, line: row.line)) }
        out.targets.append(Target(
          group: row.group, number: number, indicator: indicator, unit: cell(at.unit), values: vals,
          lead: lead, coordinators: agencyList(at.coordinators), note: cell(at.note), origin: origin, line: row.line))
      } else {
        guard let name = cell(at.name) else { continue }
        var deadline: Deadline?
        if let d = cell(at.deadline) {
          deadline = deadlines.parse(d, defaultYear: tableYear)
          if deadline?.kind == .unknown { out.diagnostics.append(DiagnosticCatalogue.deadlineUnparsed(d, line: row.line)) }
        }
        let lead = agencyList(at.lead)
        if lead.isEmpty { out.diagnostics.append(DiagnosticCatalogue.rowWithoutLead(name, line: row.line)) }
        out.tasks.append(Task(
          group: row.group, number: number, name: name, lead: lead, coordinators: agencyList(at.coordinators),
          result: cell(at.result) ?? cell(at.value), deadline: deadline, note: cell(at.note), origin: origin, line: row.line))
      }
    }
    for g in groupCounts where g.declared != g.found {
      out.diagnostics.append(DiagnosticCatalogue.declaredCountMismatch(group: g.title, declared: g.declared, found: g.found, line: g.line))
    }
    // "… (31 chỉ tiêu)" in a header cell counts the whole table.
    for h in table.header {
      if let declared = declaredCount(h) {
        let found = isTargets ? out.targets.filter { $0.line >= table.line && $0.line <= (table.rows.last?.line ?? table.line) }.count
          : out.tasks.filter { $0.line >= table.line && $0.line <= (table.rows.last?.line ?? table.line) }.count
        if declared != found {
          out.diagnostics.append(DiagnosticCatalogue.declaredCountMismatch(group: h, declared: declared, found: found, line: table.line))
        }
      }
    }
  }

  /// A value cell with no number that is one number with digits misread as letters ("1oọ"),
  /// kept only when the row agrees: a percentage (by the cell or the row's unit) is at most
  /// 100, and a value is at most ten times the row's other values (its other years), since a
  /// speck before the number also reads as a digit ("l1oo" beside "100" is not 1100).
  private func repairedValue(_ cell: String, year: Int?, unit: String?, siblings: [Double]) -> TargetValue? {
    guard let text = OCRValueRepair(lex: lex).repair(cell), let v = values.parse(cell: text, year: year),
      let n = v.value
    else { return nil }
    if (text.endsWith(ascii: "%") || unit?.contains("%") == true) && n > 100 { return nil }
    if let most = siblings.max(), most > 0, n > 10 * most { return nil }
    return v
  }

  /// A key–value table describes one task: "Nhiệm vụ 1: Thực hiện nhiệm vụ khoa học, công nghệ".
  private func interpretDetails(_ table: Table, into out: inout Output, origin: Origin) {
    let columnLexicon = ColumnLexicon(lex: lex)
    var details: [String: String] = [:]
    var deadline: Deadline?
    var lead: [String] = []
    var result: String?
    for row in table.rows where row.cells.count >= 2 {
      let key = row.cells[0]
      let value = row.cells[1]
      guard !key.isEmpty else { continue }
      details[key] = value
      switch columnLexicon.canonical(key) {
      case "deadline": deadline = deadlines.parse(value, defaultYear: planYear)
      case "lead": lead = agencies.split(value)
      case "result": result = value
      default: break
      }
    }
    var number: String?
    var name = table.caption ?? ""
    if let caption = table.caption, let m = lex.keyword(.taskCaption).matchPrefix(folding: caption) {
      let words = Words.split(Substring(caption)).dropFirst(m.count)
      if let first = words.first {
        let n = String(first).droppingTrailing { $0 == 0x3A || $0 == 0x2E }
        if n.allSatisfy(\.isNumber) {
          number = n
          name = words.dropFirst().joinedText(" ")
        }
      }
    }
    guard !name.isEmpty else {
      out.diagnostics.append(DiagnosticCatalogue.tableColumnsUnknown(header: table.header.joinedText(" | "), line: table.line))
      return
    }
    out.tasks.append(Task(
      group: nil, number: number, name: name, lead: lead, coordinators: [], result: result, deadline: deadline,
      note: nil, details: details, origin: origin, line: table.line))
  }

  /// "Về phát triển hạ tầng (02 chỉ tiêu)" → 2.
  func declaredCount(_ text: String) -> Int? {
    guard text.endsWith(ascii: ")"), let open = text.lastIndex(of: "(") else { return nil }
    let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
    let words = Words.split(inside)
    guard words.count >= 2, let n = Int(words[0]) else { return nil }
    let rest = Words.fold(words.dropFirst().joinedText(" "))
    guard lex.keyword(.countNoun).matchWhole(rest) != nil else { return nil }
    return n
  }

  /// OCR leaves specks before a cell's text ("` ¬ Phòng Văn hóa"): drop leading characters
  /// that are neither letters, digits, list dashes nor brackets, on every line of the cell.
  static func stripStrayMarks(_ s: String) -> String {
    // Most cells have every line empty or starting with what is kept (a letter, a digit, a
    // list dash, a bracket): then nothing is dropped, and the cell is returned as it is
    // without being cut and joined again. A first scalar beyond ASCII is decoded in place:
    // bulleted and capitalised Vietnamese lines ("- Phòng …", "Ủy ban …") are most of what
    // the cut took, at 5,000 instructions a cell.
    let unchanged = s.withUTF8Bytes { b -> Bool in
      var i = 0
      while i < b.count {
        let c = b[i]
        if c != 0x0A, !isASCIILetterOrDigit(c), !keepsLineStart(Unicode.Scalar(UTF8Scalar.decode(b, at: i).value)!) {
          return false
        }
        guard let nl = ByteSearch.firstIndex(of: 0x0A, in: b, from: i) else { return true }
        i = nl + 1
      }
      return true
    }
    if unchanged { return s }
    return s.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> String in
      var t = Substring(line)
      // Most lines start with a letter: no scalar properties to look up.
      if let b = t.utf8.first, isASCIILetterOrDigit(b) { return String(t) }
      while let f = t.unicodeScalars.first, !keepsLineStart(f) { t = t.dropFirst() }
      return String(t)
    }.joinedText("\n")
  }

  /// What a cell's line may open with and keep: a letter, a digit, a list dash or a bracket.
  private static func keepsLineStart(_ f: Unicode.Scalar) -> Bool {
    ScalarClass.isAlphanumeric(f) || f == "-" || f == "+" || f == "(" || f == "–"
  }

  @inline(__always)
  private static func isASCIILetterOrDigit(_ b: UInt8) -> Bool {
    b < 0x80 && ((b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10)
  }

  /// An agency name with the specks OCR reads between its words dropped: marks that are no
  /// word ("`", "~", "¬") and lone lower-case Latin letters ("Phục vụ x x Hành chính công");
  /// nil when there are none. Used only when the result is a name the lexicon knows.
  static func withoutSpecks(_ name: String) -> String? {
    let words = Words.splitOnSpaces(name)
    let kept = words.filter { w in
      if w == "-" || w == "–" { return true }
      if !w.unicodeScalars.contains(where: { ScalarClass.isAlphanumeric($0) }) { return false }
      return !(w.count == 1 && w.unicodeScalars.allSatisfy { $0.isASCII && ScalarClass.isLowercase($0) })
    }
    return kept.count < words.count && !kept.isEmpty ? kept.joinedText(" ") : nil
  }

  static func trimNumber(_ s: String) -> String {
    s.droppingTrailing { $0 == 0x2E || $0 == 0x29 }
  }

  static func isGroupLabel(_ s: String) -> Bool {
    RomanNumeral.value(s) != nil
  }
}
