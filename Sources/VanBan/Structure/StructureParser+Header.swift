import VanBanText
import VanBanModel

/// The head (phần mở đầu): issuer block, motto, number and symbol, place and date, document
/// type and title. Two-column layouts flattened into one line ("Số: /KH-UBND Bình Thành,
/// ngày …") are read part by part.
extension StructureParser {
  mutating func parseHeader() {
    var issuerLines: [(String, Int)] = []
    var sawNumber = false
    var firstLine: Int?
    while i < lines.count {
      let line = lines[i]
      if line.isBlank || line.loneNumber != nil {
        i += 1
        continue
      }
      if line.isTableRow || line.marker != nil || startsWith(line, role: "legal_basis") { break }
      firstLine = firstLine ?? line.number
      var rest = line.text
      // National motto, possibly beside the issuer on the same line.
      if let cut = removeMotto(from: rest) {
        rest = cut
        if rest.isEmpty {
          i += 1
          continue
        }
      }
      if startsWith(line, role: "number"), let parsed = parseNumberLine(rest, line: line.number) {
        sawNumber = true
        rest = parsed
        if rest.isEmpty {
          i += 1
          continue
        }
      }
      if header.date == nil, let date = parsePlaceDate(rest, line: line.number) {
        header.date = date.date
        header.place = date.place
        i += 1
        continue
      }
      let words = Words.fold(rest)
      if let type = lex.docTypes.matchWhole(words) {
        header.docType = type
        i += 1
        readTitle()
        break
      }
      let isUpper = !LogicalText.containsLowercase(rest)
      if isUpper, !sawNumber, header.date == nil {
        issuerLines.append((rest, line.number))
        i += 1
        continue
      }
      // Anything else: the head is over (a document without a type line).
      break
    }
    header.line = firstLine
    assignIssuer(issuerLines)
    let at = firstLine ?? 1
    if header.docType == nil { diagnostics.append(DiagnosticCatalogue.headerNoDocType(line: at)) }
    if !sawNumber { diagnostics.append(DiagnosticCatalogue.headerNoNumber(line: at)) }
    if header.date == nil { diagnostics.append(DiagnosticCatalogue.headerNoDate(line: at)) }
  }

  /// The title (trích yếu) is the paragraph after the type line, possibly wrapped.
  private mutating func readTitle() {
    guard let j = nextNonBlank(from: i) else { return }
    let line = lines[j]
    guard !line.isTableRow, line.marker == nil else { return }
    i = j
    let text = readParagraph()
    header.title = text.text
    bodyTexts.append(text)
  }

  private func removeMotto(from text: String) -> String? {
    var words = Words.split(Substring(text)).map(String.init)
    // The folded words bared once, not a fresh array of n bared words at every position: a
    // header line can be a whole document long.
    var bare = Words.fold(text).map(Words.bare)
    var changed = false
    for entry in lex.keyword("motto").entries {
      let n = entry.words.count
      guard n > 0, bare.count >= n else { continue }
      var k = 0
      while k + n <= bare.count {
        if bare[k] == entry.words[0], bare[k..<(k + n)].elementsEqual(entry.words) {
          words.removeSubrange(k..<(k + n))
          bare.removeSubrange(k..<(k + n))
          changed = true
        } else {
          k += 1
        }
      }
    }
    return changed ? words.joinedText(" ") : nil
  }

  /// number-line -> "Số" ":"? number? "/" symbol rest ; returns what follows the symbol.
  private mutating func parseNumberLine(_ text: String, line: Int) -> String? {
    var words = Words.split(Substring(text)).map(String.init)
    guard !words.isEmpty else { return nil }
    // Drop "Số" / "Số:" and a lone ":".
    words.removeFirst()
    if words.first == ":" { words.removeFirst() }
    if var first = words.first, first.hasPrefix(":") {
      first.removeFirst()
      words[0] = first
      if first.isEmpty { words.removeFirst() }
    }
    guard var token = words.first else { return nil }
    words.removeFirst()
    // "74 /KH-UBND" → one token.
    if !token.contains("/"), let next = words.first, next.hasPrefix("/") {
      token += next
      words.removeFirst()
    }
    guard token.contains("/") || token.contains("-") else { return nil }
    let parts = token.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    if let symbolIndex = parts.lastIndex(where: { p in p.unicodeScalars.contains { ScalarClass.isAlphabetic($0) } }) {
      header.symbol = parts[symbolIndex...].joinedText("/")
      let number = parts[..<symbolIndex].joinedText("/")
      header.number = number.isEmpty ? nil : number
    } else {
      header.number = token
    }
    if header.number == nil {
      diagnostics.append(DiagnosticCatalogue.headerNumberBlank(text, line: line))
    }
    return words.joinedText(" ")
  }

  /// place-date -> place "," "ngày" day? "tháng" month? "năm" year
  private mutating func parsePlaceDate(_ text: String, line: Int) -> (place: String?, date: DocumentDate)? {
    let words = Words.split(Substring(text)).map(String.init)
    let folded = Words.fold(text).map(Words.bare)
    guard words.count == folded.count else { return nil }
    let dayWord = lex.keyword("date_day").entries.first?.words.first ?? ""
    let monthWord = lex.keyword("date_month").entries.first?.words.first ?? ""
    let yearWord = lex.keyword("date_year").entries.first?.words.first ?? ""
    guard let d = folded.firstIndex(of: dayWord),
      let m = folded[d...].firstIndex(of: monthWord), m - d <= 2,
      let y = folded[m...].firstIndex(of: yearWord), y - m <= 2, y + 1 < words.count
    else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      guard range.count == 1 else { return nil }
      return Int(words[range.lowerBound].filter(\.isNumber))
    }
    let day = number((d + 1)..<m)
    let month = number((m + 1)..<y)
    let year = Int(words[y + 1].filter(\.isNumber))
    var place = words[..<d].joinedText(" ")
    while place.last == "," || place.last == " " { place.removeLast() }
    let dateText = words[d...(y + 1)].joinedText(" ")
    if day == nil { diagnostics.append(DiagnosticCatalogue.headerDayBlank(dateText, line: line)) }
    if month == nil { diagnostics.append(DiagnosticCatalogue.headerMonthBlank(dateText, line: line)) }
    return (place.isEmpty ? nil : place, DocumentDate(day: day, month: month, year: year, text: dateText))
  }

  /// Issuer lines: a line beginning with an administrative unit ("XÃ TÂN LỢI") completes the
  /// line above it ("ỦY BAN NHÂN DÂN"); of two bodies the upper one is the parent.
  mutating func assignIssuer(_ issuerLines: [(String, Int)]) {
    let groups = IssuerBlock.group(issuerLines, lexicon: lex)
    if let last = groups.last { header.issuer = last.0 }
    if groups.count >= 2 { header.issuerParent = groups[groups.count - 2].0 }
  }
}

enum IssuerBlock {
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
