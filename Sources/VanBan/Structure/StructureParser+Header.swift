import VanBanText
import VanBanModel

/// The head (phần mở đầu): issuer block, motto, number and symbol, place and date, document
/// type and title. Two-column layouts flattened into one line ("Số: /KH-UBND Bình Thành,
/// ngày …") are read part by part.
/// The head (phần mở đầu), read by `HeadZoneReader`; then the title after the type line and
/// the `Kính gửi` block of a letter or report.
extension StructureParser {
  mutating func parseHeader() {
    let zone = HeadZoneReader(lines: lines, lex: lex).read()
    header = zone.header
    diagnostics.append(contentsOf: zone.diagnostics)
    i = zone.end
    header.line = firstHeadLine(before: zone.end)
    if zone.titleFollows {
      readTitle()
    } else if let subject = zone.subject {
      var subject = subject
      // A subject wrapped over lines: its continuation opens in lower case.
      while let j = nextNonBlank(from: i), j == i || lines[j - 1].isBlank == false, !lines[j].isTableRow,
        lines[j].marker == nil, let f = lines[j].text.unicodeScalars.first, ScalarClass.isLowercase(f)
      {
        subject.append(lines[j].text, line: lines[j].number)
        i = j + 1
      }
      header.title = subject.text
      bodyTexts.append(subject)
    }
    skipAddressee()
    let at = header.line ?? 1
    if header.docType == nil, header.title == nil { diagnostics.append(DiagnosticCatalogue.headerNoDocType(line: at)) }
    if !zone.sawNumber { diagnostics.append(DiagnosticCatalogue.headerNoNumber(line: at)) }
    if header.date == nil { diagnostics.append(DiagnosticCatalogue.headerNoDate(line: at)) }
  }

  /// The first line of the head: its first non-blank line after any front matter.
  private func firstHeadLine(before end: Int) -> Int? {
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
  private mutating func readTitle() {
    guard let j = nextNonBlank(from: i) else { return }
    let line = lines[j]
    guard !line.isTableRow, line.marker == nil else { return }
    i = j
    var text = readParagraph()
    // A title in capitals goes on over lines the wrap policy does not join ("TRIỂN" / "KHAI
    // THI HÀNH …"): every following line in capitals up to a blank line belongs to it.
    if !LogicalText.containsLowercase(text.text) {
      while i < lines.count, !lines[i].isBlank, !lines[i].isTableRow, lines[i].marker == nil,
        !LogicalText.containsLowercase(lines[i].text), !startsZone(lines[i])
      {
        text.append(lines[i].text, line: lines[i].number)
        i += 1
      }
    }
    header.title = text.text
    bodyTexts.append(text)
  }

  /// `Kính gửi: …` and the addressees listed under it belong to the head, not the body.
  private mutating func skipAddressee() {
    guard let j = nextNonBlank(from: i) else { return }
    let first = lines[j]
    let cells = first.isTableRow ? (first.cells ?? []).filter { !$0.isEmpty } : [first.text]
    guard let lead = cells.first, lex.keyword("addressee").matchPrefix(Words.fold(lead)) != nil else { return }
    i = j + 1
    let inline = cells.joinedText(" ").split(separator: ":", maxSplits: 1).dropFirst().first?.trimmingSpaces() ?? ""
    while let k = nextNonBlank(from: i), inline.isEmpty || lines[k].marker != nil, case .bullet = lines[k].marker {
      i = k + 1
    }
  }
}

enum IssuerBlock {
  /// Cuts issuer parts (lines or cells, in order) where a new body's name (Grammar
  /// `issuer_body`) begins. A name does not begin right after an administrative unit, where a
  /// place name stands ("XÃ ĐOÀN KẾT"), nor before the body in hand has a word of its own
  /// ("BỘ CÔNG AN", "VĂN PHÒNG CHÍNH PHỦ"); a one-word name inside a part needs two words
  /// before it ("UBND TỈNH BẮC NINH SỞ …", not "BỘ QUỐC PHÒNG").
  static func split(_ parts: [String], lexicon lex: GrammarLexicon) -> [String] {
    var words: [String] = []
    var folded: [String] = []
    var partStarts: Set<Int> = []
    for p in parts {
      let w = Words.split(Substring(p)).map(String.init)
      let f = Words.fold(p).map(Words.bare)
      guard w.count == f.count else { return [parts.joinedText(" ")] }
      partStarts.insert(words.count)
      words += w
      folded += f
    }
    let bodies = lex.keyword("issuer_body")
    let units = lex.keyword("admin_unit")
    var starts: [Int] = [0]
    var own = 0
    var afterUnit = false
    var k = 0
    while k < folded.count {
      if let m = bodies.matchPrefix(folded[k...]) {
        if k > 0, !afterUnit, own >= 1, m.count >= 2 || own >= 2 || partStarts.contains(k) {
          starts.append(k)
          own = 0
        } else {
          own += k > 0 ? m.count : 0
        }
        afterUnit = false
        k += m.count
        continue
      }
      if let u = units.matchPrefix(folded[k...]) {
        afterUnit = true
        own += u.count
        k += u.count
        continue
      }
      afterUnit = false
      own += 1
      k += 1
    }
    starts.append(words.count)
    return (0..<(starts.count - 1)).map { words[starts[$0]..<starts[$0 + 1]].joinedText(" ") }
  }

  static func group(_ lines: [(String, Int)], lexicon lex: GrammarLexicon) -> [(String, Int)] {
    var groups: [(String, Int)] = []
    for (text, line) in lines {
      let words = Words.fold(text)
      let continues = lex.keyword("admin_unit").matchPrefix(words) != nil
        && lex.keyword("issuer_body").matchPrefix(words) == nil
      if continues, let last = groups.last,
        lex.keyword("admin_unit").matchPrefix(Words.fold(last.0)) == nil,
        !Words.fold(last.0).contains(where: { w in lex.keyword("admin_unit").entries.contains { $0.words == [w] } })
      {
        groups[groups.count - 1].0 = last.0 + " " + text
      } else {
        groups.append((text, line))
      }
    }
    return groups
  }

  /// Whether the line names an issuing body or its unit, as annex pages repeat them.
  static func isIssuerLine(_ line: ClassifiedLine, lexicon lex: GrammarLexicon) -> Bool {
    guard !LogicalText.containsLowercase(line.text) else { return false }
    return lex.keyword("issuer_body").matchPrefix(line) != nil
      || lex.keyword("admin_unit").matchPrefix(line) != nil
  }
}
