import VanBanModel
import VanBanText

/// A position in the classified lines and the readers every zone shares: a paragraph with
/// its continuation lines, a table in any of its text forms, the tests that say a line opens
/// a zone.
///
/// Each zone parser owns one cursor. What the readers find along the way comes back in the
/// cursor's `diagnostics`, `texts` (every paragraph read, in order: the texts references and
/// annex mentions are drawn from) and `cellBreaks`, which the zone hands back in its value.
/// Every reader consumes at least one line or reads nothing, so no input makes a zone spin.
struct LineCursor {
  /// A slice starting at 0, so that a line's index is its place in the document: a zone that
  /// ends before the last line sees its lines without a copy of them (which retained and
  /// released every line).
  let lines: ArraySlice<ClassifiedLine>
  let lex: GrammarLexicon
  let wrap: WrapPolicy
  /// The lines were rebuilt from word boxes (`LayoutBuilder`: OCR, or a `pdftotext -layout`
  /// dump): a table row there is a row the page's geometry set apart, and OCR damage (a lost
  /// or misread row number) is to be expected, so table readers keep such rows rather than
  /// merging them.
  let fromLayout: Bool
  var i: Int
  var diagnostics: [Diagnostic] = []
  /// Every paragraph read, in order.
  var texts: [LogicalText] = []
  /// Cells of one-cell-per-line tables with their original line breaks, which separate
  /// agencies in a list (the JSON cell joins them with spaces).
  var cellBreaks: [CellKey: String] = [:]

  init(lines: ArraySlice<ClassifiedLine>, lexicon: GrammarLexicon, wrap: WrapPolicy, fromLayout: Bool, at start: Int = 0) {
    precondition(lines.startIndex == 0, "a cursor's lines start at the document's first")
    self.lines = lines
    self.lex = lexicon
    self.wrap = wrap
    self.fromLayout = fromLayout
    self.i = start
  }

  init(lines: [ClassifiedLine], lexicon: GrammarLexicon, wrap: WrapPolicy, fromLayout: Bool, at start: Int = 0) {
    self.init(lines: lines[...], lexicon: lexicon, wrap: wrap, fromLayout: fromLayout, at: start)
  }

  var atEnd: Bool { i >= lines.count }

  /// Reads the paragraph starting at the cursor (its marker removed) with every line that
  /// continues it, skipping blank lines and page numbers between the pieces.
  mutating func readParagraph(opening: LogicalText? = nil) -> LogicalText {
    let text = readParagraphText(opening: opening)
    texts.append(text)
    return text
  }

  /// `readParagraph` without keeping the text (the normalised-text view).
  mutating func readParagraphText(opening: LogicalText? = nil) -> LogicalText {
    var text: LogicalText
    if let opening {
      // The caller has read the opening line already.
      text = opening
    } else {
      let first = lines[i]
      text = LogicalText(first.body, line: first.number)
      i += 1
    }
    while true {
      var j = i
      var pageNumbers: [ClassifiedLine] = []
      // A blank input line between (one a joined heading left blank is none).
      var parted = false
      while j < lines.count, lines[j].isBlank || lines[j].loneNumber != nil {
        if lines[j].loneNumber != nil { pageNumbers.append(lines[j]) } else if !lines[j].joinedAbove { parted = true }
        j += 1
      }
      guard j < lines.count else { break }
      // A blank line ends a markdown paragraph: in wrapped markdown always, elsewhere after a
      // bold line, however full it runs.
      if parted, wrap.isWrappedMarkdown || (i > 0 && lines[i - 1].endsBold) { break }
      let next = lines[j]
      guard next.marker == nil, !next.isTableRow, !startsZone(next), articleMarker(at: j) == nil, wrap.continues(text, with: next, adjacent: !parted),
        !(text.text.hasPrefixQuickly("(") && text.text.endsWith(ascii: ")")), !isFlattenedHeader(at: j)
      else { break }
      for p in pageNumbers {
        diagnostics.append(DiagnosticCatalogue.pageNumberDropped(p.text, line: p.number))
      }
      text.append(next.text, line: next.number)
      i = j + 1
    }
    return text
  }

  /// Index of the next non-blank line at or after `from`.
  func nextNonBlank(from: Int) -> Int? {
    var j = from
    while j < lines.count, lines[j].isBlank { j += 1 }
    return j < lines.count ? j : nil
  }

  func isTableAhead() -> Bool {
    guard let j = nextNonBlank(from: i + 1) else { return false }
    return lines[j].isTableRow
  }

  func startsWith(_ line: ClassifiedLine, role: KeywordRole) -> Bool {
    lex.matchPrefix(role, line) != nil
  }

  /// Lines that begin a new part and so never continue a paragraph.
  func startsZone(_ line: ClassifiedLine) -> Bool {
    // Zone words open a line with a capital ("Thực hiện …"); in lower case they continue one.
    if let f = line.text.unicodeScalars.first(where: { ScalarClass.isAlphabetic($0) }), ScalarClass.isLowercase(f) {
      return false
    }
    // Every zone phrase needs its first word there: most lines are settled by one look-up.
    if lex.zoneFirstBytes.mayOpen(lead: line.leadByte), let first = line.bareFirstWord, lex.zoneFirstWords.contains(first) {
      for role in GrammarLexicon.zoneRoles where startsWith(line, role: role) {
        return true
      }
      if lex.docTypes.matchWhole(line) != nil { return true }
    }
    if isSignatureStart(line, strict: true) { return true }
    return false
  }

  /// `KT. CHỦ TỊCH`, `TM. ỦY BAN NHÂN DÂN`; outside the body also a bare title (`CHỦ TỊCH`).
  func isSignatureStart(_ line: ClassifiedLine, strict: Bool) -> Bool {
    guard !line.isTableRow else { return false }
    if signatureAuthority(line) != nil { return true }
    if !strict, lex.signerTitles.matchWhole(line) != nil, !LogicalText.containsLowercase(line.text) {
      return true
    }
    return false
  }

  func signatureAuthority(_ line: ClassifiedLine) -> (value: String, rest: String)? {
    // Asked of every line: settled on the bytes, most lines by their first.
    let text = line.text
    if let leads = lex.signatureAuthorityLeads, let b = text.withUTF8Bytes({ $0.first }), b < 0x80, !leads[Int(b)] { return nil }
    // By index: a for-in loop copied each (prefix, value) pair, retaining and releasing both
    // Strings for every authority tried on every line that passed the first-byte test.
    let authorities = lex.signatureAuthorities
    let ranges = lex.signatureAuthorityRanges
    var from = 0
    while from < authorities.count {
      // The next authority the line opens with, its bytes (held in the lexicon: got out of its
      // String for each line, they cost more than the test) compared with the line's, both
      // buffers got once for all the authorities: `hasPrefixQuickly` got the line's for each,
      // and most lines passing the first-byte test open with "T" as six of them do.
      let next: Int? = lex.signatureAuthorityBytes.withUnsafeBufferPointer { all in
        text.withUTF8Bytes { t in
          for i in from..<authorities.count {
            let p = UnsafeBufferPointer(rebasing: all[ranges[i]])
            // Two ASCII bytes that differ in the first two settle "no", as `bytePrefixAnswer`
            // would after a call ("Thực hiện" against "TM.", "TL.", …).
            if p.count >= 2, t.count >= 2, p[0] | p[1] | t[0] | t[1] < 0x80, p[0] != t[0] || p[1] != t[1] { continue }
            if String.bytePrefixAnswer(t, p) ?? text.hasPrefix(authorities[i].prefix) { return i }
          }
          return nil
        }
      }
      guard let i = next else { return nil }
      let rest = text.dropFirst(authorities[i].prefix.count).trimmingSpaces()
      if !rest.isEmpty, !LogicalText.containsLowercase(rest) {
        return (authorities[i].value, rest)
      }
      from = i + 1
    }
    return nil
  }

  /// article -> article-word number ("." | ":")? rest ; also the word alone on its line
  /// with "1. …" on the next (a converter broke the bold heading after the word).
  /// Also a chapter ("Chương I") and a part lettered in capitals (`partMarker`).
  func articleMarker(at k: Int) -> (marker: Marker, body: String, lines: Int)? {
    let line = lines[k]
    guard !line.isTableRow, line.marker == nil else { return nil }
    // A part opens with a capital letter (`leadByte`, the first byte of the line's text).
    if line.leadByte >= 0x41, line.leadByte <= 0x5A, let part = Self.partMarker(line.text) {
      return (part.marker, part.body, 1)
    }
    // chapter -> chapter-word roman ("." | ":")? rest
    if let m = lex.matchPrefix(.chapter, line) {
      let words = Words.split(Substring(line.text))
      guard words.count > m.count else { return nil }
      let token = Substring(words[m.count]).droppingTrailing { $0 == 0x2E || $0 == 0x3A }
      guard let value = RomanNumeral.value(token) else { return nil }
      let word = words[..<m.count].joinedText(" ")
      return (.chapter(value: value, label: word + " " + token), words[(m.count + 1)...].joinedText(" "), 1)
    }
    guard let m = lex.matchPrefix(.article, line) else { return nil }
    let words = Words.split(Substring(line.text))
    if words.count == m.count, let j = nextNonBlank(from: k + 1), case .arabic(let label, let parts) = lines[j].marker,
      parts.count == 1
    {
      let word = words.joinedText(" ")
      return (.article(value: parts[0], label: word + " " + label), lines[j].body, j - k + 1)
    }
    guard words.count > m.count else { return nil }
    let written = Substring(words[m.count])
    let token = written.droppingTrailing { $0 == 0x2E || $0 == 0x3A }
    let punctuated = token.utf8.count < written.utf8.count
    // "Điều 62 Luật …" at the start of a wrapped line cites an article; a heading has its
    // dot, or stands after a finished sentence.
    if !punctuated {
      var p = k - 1
      while p >= 0, lines[p].isBlank { p -= 1 }
      guard p < 0 || lines[p].text.last.map({ $0 == "." || $0 == ":" || $0 == ";" }) == true else { return nil }
    }
    guard !token.isEmpty, token.utf8.count <= 3, token.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(token)
    else { return nil }
    let word = words[..<m.count].joinedText(" ")
    return (.article(value: value, label: word + " " + token), words[(m.count + 1)...].joinedText(" "), 1)
  }

  /// part -> letter "." TITLE-IN-CAPITALS: "A. ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN", "B. PHẦN THỨ
  /// HAI: KẾ HOẠCH …", a report's or plan's parts above its Roman sections. A capital that is
  /// a Roman digit (I, V, X, L) is Roman; a title that is not in capitals ("A. Nguyễn Văn
  /// B") is no part.
  static func partMarker(_ text: String) -> (marker: Marker, body: String)? {
    // On the bytes: asked of every unnumbered line of the body, most settled by the first.
    let letter: UInt8? = text.withUTF8Bytes { b in
      guard b.count >= 4, b[0] >= 0x41, b[0] <= 0x5A, b[1] == 0x2E, b[2] == 0x20, RomanNumeral.digit(b[0]) == nil else {
        return nil
      }
      return b[0]
    }
    guard let first = letter else { return nil }
    let body = text.utf8Slice(3..<text.utf8.count).trimmingSpaces()
    guard LogicalText.isMostlyCapitals(body) else { return nil }
    let label = String(UnicodeScalar(first))
    return (.part(value: Int(first) - 0x40, label: label), body)
  }

  /// "(Ban hành kèm theo …)", "(Kèm theo Kế hoạch số …)": the line that says what an annex
  /// or an attached document belongs to.
  func isAttachedLine(_ text: String) -> Bool {
    text.hasPrefixQuickly("(") && lex.keyword(.annexAttached).matchPrefix(Words.fold(text.dropFirst().prefix(characters: 40))) != nil
  }
}

/// A table cell: the table's and the row's first lines, and the column index.
struct CellKey: Hashable, Sendable {
  var table: Int
  var row: Int
  var column: Int
}
