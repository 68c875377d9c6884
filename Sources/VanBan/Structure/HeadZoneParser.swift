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

  init(lines: [ClassifiedLine], lexicon: GrammarLexicon, wrap: WrapPolicy) {
    cursor = LineCursor(lines: lines, lexicon: lexicon, wrap: wrap, fromLayout: false)
  }

  mutating func parse() -> HeadZone {
    let lines = cursor.lines
    let zone = HeadZoneReader(lines: lines, lex: cursor.lex).read()
    var header = zone.header
    var diagnostics = zone.diagnostics
    cursor.i = zone.end
    header.line = firstHeadLine(before: zone.end)
    var title: LogicalText?
    if zone.titleFollows {
      title = readTitle()
    } else if var subject = zone.subject {
      // A subject wrapped over lines: its continuation opens in lower case.
      while let j = cursor.nextNonBlank(from: cursor.i), j == cursor.i || lines[j - 1].isBlank == false, !lines[j].isTableRow,
        lines[j].marker == nil, let f = lines[j].text.unicodeScalars.first, ScalarClass.isLowercase(f)
      {
        subject.append(lines[j].text, line: lines[j].number)
        cursor.i = j + 1
      }
      title = subject
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
