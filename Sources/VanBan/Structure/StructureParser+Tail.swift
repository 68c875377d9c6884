import VanBanText
import VanBanModel

/// What follows the body: "Nơi nhận" with the archive line, the signature block, and the
/// annexes (phụ lục) — each annex page may repeat the issuer block and the motto.
extension StructureParser {
  mutating func parseRecipients() {
    if lines[i].columns != nil {
      parseSideBySideFooter()
      return
    }
    let first = lines[i]
    i += 1
    let reader = FooterReader(lex: lex)
    var pieces: [FooterReader.Piece] = [(first.text, first.number)]
    // The signature column run into the list line by line, as pdftotext writes two columns
    // without -layout: "Nơi nhận: BỘ TRƯỞNG", "KT. CHỦ TỊCH" between two items, the name
    // after the archive line.
    var signatureLines: [FooterReader.Piece] = []
    if let rest = reader.afterRecipientsWord(first.text) {
      if isSignatureText(rest) {
        signatureLines.append((rest, first.number))
        pieces[0] = ("", first.number)
      }
    }
    while i < lines.count {
      let line = lines[i]
      if line.isBlank {
        i += 1
        continue
      }
      if isRecipientLine(line) || (pieces.count > 1 && continuesItem(line, after: pieces.last?.text)) {
        // A bullet's item without its mark, whichever mark ("-", "+", "*") it is.
        if case .bullet = line.marker { pieces.append(("- " + line.body, line.number)) } else { pieces.append((line.text, line.number)) }
        i += 1
        continue
      }
      // Capitals after a signature line belong to its block ("TM. ỦY BAN NHÂN" / "DÂN").
      let capsInBlock = !signatureLines.isEmpty && !LogicalText.containsLowercase(line.text)
        && line.text.unicodeScalars.contains(where: ScalarClass.isAlphabetic)
        && lex.keyword("annex").matchPrefix(line) == nil && lex.docTypes.matchWhole(line) == nil
      if !line.isTableRow, line.marker == nil, isSignatureText(line.text) || capsInBlock {
        signatureLines.append((line.text, line.number))
        i += 1
        continue
      }
      if !signatureLines.isEmpty, StructureParser.looksLikeName(FooterReader.withoutNotes(line.text)) {
        signatureLines.append((line.text, line.number))
        i += 1
      }
      break
    }
    takeRecipients(reader.recipients(pieces))
    if !signatureLines.isEmpty, let sig = reader.signature(signatureLines) { take(sig) }
  }

  /// A line of a signature block: an authority mark, or capitals that are a signer's title
  /// or end in one ("ỦY BAN NHÂN DÂN" alone is not: it may be a recipient group).
  func isSignatureText(_ text: String) -> Bool {
    guard !text.isEmpty, !LogicalText.containsLowercase(text) else { return false }
    let reader = FooterReader(lex: lex)
    if let first = Words.splitOnSpaces(text).first, reader.authorityValue(String(first)) != nil { return true }
    let folded = Words.fold(text).map(Words.bare)
    return lex.signerTitles.matchWhole(folded) != nil || reader.splitTitleSuffix(text) != nil
  }

  mutating func takeRecipients(_ found: FooterReader.Recipients) {
    recipients += found.recipients
    if !found.archive.isEmpty { archive = found.archive }
    diagnostics += found.diagnostics
  }

  /// A line that goes on with the recipient item above: it opens in lower case or with a
  /// bracket, or the item above has no closing ";" or "." yet, whatever this line's case.
  private func continuesItem(_ line: ClassifiedLine, after previous: String?) -> Bool {
    if isContinuation(line) { return true }
    guard let previous, let last = previous.last, !";.:".contains(last) else { return false }
    return !line.isTableRow && line.marker == nil && LogicalText.containsLowercase(line.text) && !startsZone(line)
      && !FooterReader(lex: lex).opensRecipients(line.text)
  }

  /// A line that goes on with the item above: it opens in lower case or with a bracket.
  private func isContinuation(_ line: ClassifiedLine) -> Bool {
    guard !line.isTableRow, line.marker == nil, let f = line.text.unicodeScalars.first else { return false }
    return (ScalarClass.isLowercase(f) || f == "(") && !startsZone(line)
  }

  /// A footer whose two columns stand side by side in plain text, parted by wide runs of
  /// spaces: the left column is the recipients list, the right the signature block (a line
  /// far indented stands in the right column alone).
  mutating func parseSideBySideFooter() {
    var left: [FooterReader.Piece] = []
    var right: [FooterReader.Piece] = []
    var j = i
    var blanks = 0
    var sawName = false
    while j < lines.count, j - i < 60 {
      let line = lines[j]
      if line.isBlank {
        blanks += 1
        if blanks > 8 { break }
        j += 1
        continue
      }
      blanks = 0
      if let cols = line.columns, cols.count >= 2 {
        left.append((cols[0], line.number))
        right.append((cols[1...].joinedText(" "), line.number))
        if StructureParser.looksLikeName(FooterReader.withoutNotes(cols[cols.count - 1])) { sawName = true }
      } else if line.indent >= 20, left.count > 0 {
        right.append((line.text, line.number))
        if StructureParser.looksLikeName(FooterReader.withoutNotes(line.text)) { sawName = true }
      } else if j == i || isRecipientLine(line) || continuesItem(line, after: left.last?.text) {
        if sawName, !isRecipientLine(line), !continuesItem(line, after: left.last?.text) { break }
        left.append((line.marker != nil ? "- " + line.body : line.text, line.number))
      } else {
        break
      }
      j += 1
    }
    i = max(j, i + 1)
    let reader = FooterReader(lex: lex)
    takeRecipients(reader.recipients(left))
    if let sig = reader.signature(right) { take(sig) }
  }

  /// The document's signature is its first complete one: blocks further on belong to the
  /// forms and sample minutes an annex carries ("TRƯỞNG BAN KIỂM PHIẾU"). A block without a
  /// name (the name was lost, or the block was cut) gives way to a later one.
  mutating func take(_ sig: Signature) {
    if let signature, signature.signer != nil { return }
    signature = sig
  }

  /// A bullet or the archive line: what a recipients list holds.
  private func isRecipientLine(_ line: ClassifiedLine) -> Bool {
    guard !line.isTableRow else { return false }
    if case .bullet = line.marker { return true }
    return startsWith(line, role: "archive")
  }

  /// A table row holding the footer's columns (a markdown or tab table laid out for it): a
  /// cell opens "Nơi nhận" or a signature mark, or, past the body, is a signer's title.
  func isFooterRow(_ line: ClassifiedLine, inBody: Bool) -> Bool {
    guard let cells = line.cells, sections.hasSections || !legalBases.isEmpty || !preamble.isEmpty else { return false }
    let reader = FooterReader(lex: lex)
    for cell in cells where !cell.isEmpty {
      if reader.opensRecipients(cell) { return true }
      // The block's capitals, before the signer's name when the cell ends in one.
      let caps = FooterReader.splitTrailingName(cell).caps
      if let first = Words.splitOnSpaces(cell).first, reader.authorityValue(String(first)) != nil,
        !LogicalText.containsLowercase(caps.isEmpty ? cell : caps)
      {
        return true
      }
      if !inBody, lex.signerTitles.matchPrefix(Words.fold(cell.prefix(60))) != nil, !LogicalText.containsLowercase(caps) {
        return true
      }
    }
    return false
  }

  /// Footer rows: the recipients column (the cells under "Nơi nhận") and the signature
  /// column (the other cells) read apart, however the rows interleave them.
  mutating func parseFooterRows() {
    var rows: [ClassifiedLine] = []
    var j = i
    while j < lines.count, rows.count < 40 {
      if lines[j].isBlank {
        j += 1
        continue
      }
      guard lines[j].isTableRow else { break }
      rows.append(lines[j])
      j += 1
    }
    i = max(j, i + 1)
    var recipientColumn: Int?
    for row in rows {
      guard let cells = row.cells else { continue }
      if let k = cells.firstIndex(where: { FooterReader(lex: lex).opensRecipients($0) }) {
        recipientColumn = k
        break
      }
    }
    var left: [FooterReader.Piece] = []
    var right: [FooterReader.Piece] = []
    for row in rows {
      for (k, cell) in (row.cells ?? []).enumerated() where !cell.isEmpty {
        if k == recipientColumn { left.append((cell, row.number)) } else { right.append((cell, row.number)) }
      }
    }
    let reader = FooterReader(lex: lex)
    if !left.isEmpty { takeRecipients(reader.recipients(left)) }
    if let sig = reader.signature(right) { take(sig) }
  }

  /// "UBND tỉnh (b/c)" → name and note.
  static func recipient(_ text: String, line: Int) -> Recipient {
    if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
      let note = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingSpaces()
      let name = text[..<open].trimmingSpaces()
      if !name.isEmpty, !note.isEmpty, note.unicodeScalars.count <= 40 {
        return Recipient(name: name, note: note, line: line)
      }
    }
    return Recipient(name: text, note: nil, line: line)
  }

  static func trimPunctuation(_ s: String) -> String {
    var t = Substring(s.trimmingSpaces())
    while let l = t.last, l == ";" || l == "." || l == "," || l == " " { t.removeLast() }
    return String(t)
  }

  /// The signature block from its first line: capitals (authority marks, the body, the
  /// signer's title), notes such as "(Đã ký)", then the name; read by `FooterReader`.
  mutating func parseSignature() {
    var pieces: [FooterReader.Piece] = []
    var j = i
    var taken = 0
    while j < lines.count, taken < 10 {
      let line = lines[j]
      if line.isBlank || line.loneNumber != nil {
        j += 1
        continue
      }
      if line.isTableRow || line.marker != nil || (taken > 0 && startsWith(line, role: "recipients")) { break }
      let text = line.text
      let isName = StructureParser.looksLikeName(FooterReader.withoutNotes(text))
      let isCaps = !LogicalText.containsLowercase(text)
      guard isName || isCaps || FooterReader.isNote(text) || FooterReader.splitTrailingName(text).rest != nil else { break }
      if isCaps, taken > 0, lex.keyword("annex").matchPrefix(line) != nil { break }
      pieces.append((text, line.number))
      taken += 1
      j += 1
      if isName || FooterReader.splitTrailingName(text).rest != nil { break }
    }
    i = max(j, i + 1)
    if let sig = FooterReader(lex: lex).signature(pieces) { take(sig) }
  }

  /// A person's name: two to six capitalised words, no digits or punctuation, not all capitals.
  static func looksLikeName(_ text: String) -> Bool {
    let words = Words.splitOnSpaces(text)
    guard (2...6).contains(words.count) else { return false }
    guard LogicalText.containsLowercase(text) else { return false }
    for w in words {
      guard let f = w.unicodeScalars.first, ScalarClass.isUppercase(f) else { return false }
      guard w.unicodeScalars.allSatisfy({ ScalarClass.isAlphabetic($0) || $0.properties.generalCategory == .nonspacingMark })
      else { return false }
    }
    return true
  }

  // MARK: annexes

  /// One step in the tail: an annex label, an annex-page issuer or motto, an annex title,
  /// its "(Kèm theo …)" line, a table, or loose text.
  mutating func parseTailLine() {
    let line = lines[i]
    if lex.keyword("motto").matchPrefix(line) != nil {
      i += 1
      return
    }
    if line.marker == nil, !line.isTableRow, let label = annexLabel(line) {
      i += 1
      if let misread = label.misread, let repaired = label.label {
        diagnostics.append(DiagnosticCatalogue.ocrLabelRepaired(misread, repaired, line: line.number))
      }
      var annex = Annex(label: label.label, title: nil, attachedTo: nil, line: line.number)
      if !label.rest.isEmpty {
        let (title, attached) = splitAttached(label.rest)
        annex.title = title
        annex.attachedTo = attached
      }
      annexes.append(annex)
      return
    }
    if IssuerBlock.isIssuerLine(line, lexicon: lex), annexes.last?.tables.isEmpty ?? true,
      annexes.last?.title == nil || annexes.isEmpty
    {
      var block: [(String, Int)] = []
      while i < lines.count, lines[i].isBlank || IssuerBlock.isIssuerLine(lines[i], lexicon: lex) {
        if !lines[i].isBlank { block.append((lines[i].text, lines[i].number)) }
        i += 1
      }
      if annexPageIssuer == nil, let last = IssuerBlock.group(block, lexicon: lex).last {
        annexPageIssuer = last
      }
      return
    }
    if line.isTableRow || isFlattenedHeader(at: i) {
      let caption = pendingCaption
      pendingCaption = nil
      let table = readAnyTable(caption: caption?.text)
      if annexes.isEmpty {
        annexes.append(Annex(label: nil, title: nil, attachedTo: nil, line: table.line))
      }
      annexes[annexes.count - 1].tables.append(table)
      return
    }
    // Title lines, the attachment line and captions.
    let isAttached = lex.keyword("annex_attached").matchPrefix(line) != nil && line.text.hasPrefix("(")
    let text = readParagraph()
    bodyTexts.append(text)
    if isAttached, !annexes.isEmpty, annexes[annexes.count - 1].attachedTo == nil {
      let (_, attached) = splitAttached(text.text)
      annexes[annexes.count - 1].attachedTo = attached ?? text.text
      return
    }
    let isUpper = !LogicalText.containsLowercase(text.text)
    if let last = annexes.last, last.title == nil, last.tables.isEmpty, !isAttached {
      let (title, attached) = splitAttached(text.text)
      annexes[annexes.count - 1].title = title
      if let attached { annexes[annexes.count - 1].attachedTo = attached }
      return
    }
    // A title wrapped over lines ("… PHÁT TRIỂN HẠ TẦNG" / "5G, IoT TRONG CÁC KHU …") goes on
    // until its "(Kèm theo …)" line or its table.
    if let last = annexes.last, let title = last.title, last.tables.isEmpty, last.attachedTo == nil, !isAttached,
      Self.isMostlyCapitals(text.text)
    {
      annexes[annexes.count - 1].title = title + " " + text.text
      return
    }
    if isUpper, !isAttached, annexes.last.map({ !$0.tables.isEmpty || $0.title != nil }) ?? true, headsAnnex(after: i) {
      // An unlabelled annex starts with its title alone (e.g. "DANH MỤC CÁC MỤC TIÊU CỤ THỂ").
      let (title, attached) = splitAttached(text.text)
      diagnostics.append(DiagnosticCatalogue.annexLabelMissing(title: title ?? text.text, line: text.line))
      annexes.append(Annex(label: nil, title: title, attachedTo: attached, line: text.line))
      return
    }
    if let j = nextNonBlank(from: i), lines[j].isTableRow || isFlattenedHeader(at: j) {
      pendingCaption = text
      return
    }
    if let pending = pendingCaption {
      diagnostics.append(DiagnosticCatalogue.annexTextOutsideTable(pending.text, line: pending.line))
    }
    diagnostics.append(DiagnosticCatalogue.annexTextOutsideTable(text.text, line: text.line))
  }

  /// Letters nine in ten of which are capitals: a title in capitals that holds a word such
  /// as "IoT" or "m2".
  static func isMostlyCapitals(_ text: String) -> Bool {
    var upper = 0
    var lower = 0
    for s in text.unicodeScalars {
      if ScalarClass.isUppercase(s) { upper += 1 } else if ScalarClass.isLowercase(s) { lower += 1 }
    }
    return upper >= 4 && lower * 10 <= upper + lower
  }

  /// Whether a title in capitals opens an annex of its own: a table, or the annex's
  /// "(Kèm theo …)" line, follows within three lines. Capitals alone are not enough: a table
  /// written one cell per line, a repeated signature or a group heading are in capitals too.
  private func headsAnnex(after k: Int) -> Bool {
    var j = k
    var seen = 0
    while j < lines.count, seen < 3 {
      let line = lines[j]
      j += 1
      if line.isBlank { continue }
      seen += 1
      if line.isTableRow || isFlattenedHeader(at: j - 1) { return true }
      if isAttachedLine(line.text) { return true }
      if LogicalText.containsLowercase(line.text) { return false }
    }
    return false
  }

  /// annex-label -> "Phụ lục" "số"? label? (":" | "." | "-")? rest
  private func annexLabel(_ line: ClassifiedLine) -> (label: String?, rest: String, misread: String?)? {
    guard let m = lex.keyword("annex").matchPrefix(line) else { return nil }
    var words = Array(Words.split(Substring(line.text)).dropFirst(m.count)).map(String.init)
    if let f = words.first, lex.keyword("number").matchWhole(Words.fold(f).map(Words.bare)) != nil {
      words.removeFirst()
    }
    var label: String?
    var misread: String?
    if let f = words.first {
      var candidate = f
      while let l = candidate.last, l == ":" || l == "." || l == "-" { candidate.removeLast() }
      if LineClassifier.romanValue(candidate) != nil || (!candidate.isEmpty && candidate.allSatisfy(\.isNumber)) {
        label = candidate
        words.removeFirst()
      } else if let repaired = lex.romanConfusions[candidate] {
        // "Phụ lục H": OCR read the numeral II as H.
        label = repaired
        misread = candidate
        words.removeFirst()
      }
    }
    if words.first == ":" || words.first == "-" || words.first == "." { words.removeFirst() }
    let rest = words.joinedText(" ")
    // "Phụ lục nhiệm vụ …" in running text is not an annex heading.
    if label == nil, LogicalText.containsLowercase(rest), !rest.hasPrefix("(") {
      return nil
    }
    return (label, rest, misread)
  }

  /// "TITLE (Kèm theo Kế hoạch số …)" → title and what it is attached to.
  func splitAttached(_ text: String) -> (title: String?, attached: String?) {
    var searchStart = text.startIndex
    while let open = text[searchStart...].firstIndex(of: "(") {
      let inside = text[text.index(after: open)...]
      // Only the opening words can match, and folding all of `inside` at every "(" is
      // quadratic on a line of 100,000 brackets; 40 characters hold the longest phrase
      // ("ban hành kèm theo", Grammar/keywords.tsv) with room to spare.
      let words = Words.fold(inside.prefix(40))
      if let m = lex.keyword("annex_attached").matchPrefix(words) {
        var attached = Words.split(inside).dropFirst(m.count).joinedText(" ")
        if let close = attached.lastIndex(of: ")") { attached = String(attached[..<close]) }
        let title = text[..<open].trimmingSpaces()
        return (title.isEmpty ? nil : title, attached.trimmingSpaces())
      }
      searchStart = text.index(after: open)
    }
    return (text.isEmpty ? nil : text, nil)
  }
}
