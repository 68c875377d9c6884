import VanBanModel
import VanBanText

/// What the head zone holds: the head's fields, the title (trích yếu) or a letter's `V/v`
/// subject, and where the body starts (after any `Kính gửi` block).
struct HeadZone {
  var header: Header
  /// The title or subject as read, with its lines (a text the body's references draw on).
  var title: LogicalText?
  /// Index of the first line after the head.
  var end: Int
  var diagnostics: [Diagnostic]
}

/// The head (phần mở đầu), read by `HeadZoneReader`; then the title after the type line and
/// the `Kính gửi` block of a letter or report.
struct HeadZoneParser {
  var cursor: LineCursor
  /// The head's elements (motto, place and date) are its tests, after the zone too.
  let reader: HeadZoneReader

  init(lines: [ClassifiedLine], lexicon: GrammarLexicon, wrap: WrapPolicy) {
    cursor = LineCursor(lines: lines, lexicon: lexicon, wrap: wrap, fromLayout: false)
    reader = HeadZoneReader(lines: lines, lex: lexicon)
  }

  mutating func parse() -> HeadZone {
    let lines = cursor.lines
    let zone = reader.read()
    var header = zone.header
    var diagnostics = zone.diagnostics
    cursor.i = zone.end
    header.line = firstHeadLine(before: zone.end)
    var title: LogicalText?
    if zone.titleFollows {
      title = readTitle()
    } else if var subject = zone.subject {
      // A subject wrapped over lines: its continuation opens in lower case, or follows a line
      // that ends mid-sentence ("… một số điều của" / "Quyết định số 2269/QĐ-TTg về") and is no
      // line of the head's or the letter's own.
      while let j = cursor.nextNonBlank(from: cursor.i), j == cursor.i || lines[j - 1].isBlank == false, !lines[j].isTableRow,
        lines[j].marker == nil, let f = lines[j].text.unicodeScalars.first,
        ScalarClass.isLowercase(f) || continuesSubject(subject.text, with: lines[j])
      {
        subject.append(lines[j].text, line: lines[j].number)
        cursor.i = j + 1
      }
      title = subject
      if header.date == nil { readRightColumn(into: &header, diagnostics: &diagnostics) }
    }
    header.title = title?.text
    skipAddressee()
    let at = header.line ?? 1
    if header.docType == nil, header.title == nil { diagnostics.append(DiagnosticCatalogue.headerNoDocType(line: at)) }
    if !zone.sawNumber { diagnostics.append(DiagnosticCatalogue.headerNoNumber(line: at)) }
    if header.date == nil { diagnostics.append(DiagnosticCatalogue.headerNoDate(line: at)) }
    return HeadZone(header: header, title: title, end: cursor.i, diagnostics: cursor.diagnostics + diagnostics)
  }

  /// The first line of the head: its first non-blank line after any front matter.
  private func firstHeadLine(before end: Int) -> Int? {
    let lines = cursor.lines
    var j = 0
    // Front matter skipped by the zone reader ends in a rule line.
    if let first = lines.firstIndex(where: { !$0.isBlank }), HeadZoneReader.isRule(lines[first].text, only: "-"),
      let close = lines[(first + 1)...].prefix(60).firstIndex(where: { HeadZoneReader.isRule($0.text, only: "-") }),
      close < end
    {
      j = close + 1
    }
    while j < end, lines[j].isBlank { j += 1 }
    return j < end ? lines[j].number : nil
  }

  /// The title (trích yếu) is the paragraph after the type line, possibly wrapped.
  private mutating func readTitle() -> LogicalText? {
    guard let j = cursor.nextNonBlank(from: cursor.i) else { return nil }
    let line = cursor.lines[j]
    guard !line.isTableRow, line.marker == nil else { return nil }
    cursor.i = j
    var text = cursor.readParagraphText()
    // A title in capitals goes on over lines the wrap policy does not join ("TRIỂN" / "KHAI
    // THI HÀNH …"): every following line in capitals up to a blank line belongs to it.
    if !LogicalText.containsLowercase(text.text) {
      while !cursor.atEnd, case let next = cursor.lines[cursor.i], !next.isBlank, !next.isTableRow, next.marker == nil,
        !LogicalText.containsLowercase(next.text), !cursor.startsZone(next)
      {
        text.append(next.text, line: next.number)
        cursor.i += 1
      }
    }
    return text
  }

  /// A line opening in capitals under a subject whose last line ends mid-sentence (no closing
  /// mark): the subject's, unless it is the motto, a place and date, an addressee line, a type
  /// line or any zone's first line.
  private func continuesSubject(_ subject: String, with line: ClassifiedLine) -> Bool {
    guard let last = subject.unicodeScalars.last, !".:;!?)".unicodeScalars.contains(last), !cursor.startsZone(line),
      cursor.lex.matchPrefix(.addressee, line) == nil, cursor.lex.docTypes.matchWhole(line) == nil
    else { return false }
    return reader.removeMotto(from: line.text) == nil && reader.placeDate(line.text, line: line.number) == nil
  }

  /// A head read a column at a time (a PDF's two columns, rebuilt from the words' boxes, one
  /// after the other) puts the right column under the left one's subject: the motto, then the
  /// place and date ("Quảng Ngãi, ngày 24 tháng 01 năm 2025"). Those lines are the head's. Only
  /// motto lines may stand before the place and date; nothing is taken without one of them.
  private mutating func readRightColumn(into header: inout Header, diagnostics: inout [Diagnostic]) {
    var j = cursor.i
    var motto: Int?
    while let k = cursor.nextNonBlank(from: j), k - cursor.i < 8 {
      let line = cursor.lines[k]
      guard !line.isTableRow, line.marker == nil else { break }
      let rest = reader.removeMotto(from: line.text)
      if let rest, rest.allSatisfy({ $0 == " " }) {
        motto = k
        j = k + 1
        continue
      }
      if let found = reader.placeDate(rest ?? line.text, line: line.number) {
        header.place = found.place
        header.date = found.date
        diagnostics += found.diagnostics
        cursor.i = k + 1
        return
      }
      break
    }
    if let motto { cursor.i = motto + 1 }
  }

  /// `Kính gửi: …` and the addressees listed under it belong to the head, not the body.
  private mutating func skipAddressee() {
    guard let j = cursor.nextNonBlank(from: cursor.i) else { return }
    let first = cursor.lines[j]
    let cells = first.isTableRow ? (first.cells ?? []).filter { !$0.isEmpty } : [first.text]
    // A line of text is asked through its cached first words: the line after the head is most
    // often the preamble's whole first paragraph, folded entire only to read its first word.
    let addressee = cursor.lex.keyword(.addressee)
    guard let lead = cells.first,
      (first.isTableRow ? addressee.matchPrefix(folding: lead) : addressee.matchPrefix(first)) != nil
    else { return }
    cursor.i = j + 1
    let inline = cells.joinedText(" ").split(separator: ":", maxSplits: 1).dropFirst().first?.trimmingSpaces() ?? ""
    while let k = cursor.nextNonBlank(from: cursor.i), inline.isEmpty || cursor.lines[k].marker != nil,
      case .bullet = cursor.lines[k].marker
    {
      cursor.i = k + 1
    }
  }
}
