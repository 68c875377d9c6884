import VanBanText
import VanBanModel

/// What follows the body: "Nơi nhận" with the archive line, the signature block, and the
/// annexes (phụ lục) — each annex page may repeat the issuer block and the motto.
extension StructureParser {
  mutating func parseRecipients() {
    let first = lines[i]
    i += 1
    // "Nơi nhận: - UBND tỉnh;" on one line.
    let afterKeyword = Words.split(Substring(first.text)).dropFirst(lex.keyword("recipients").matchPrefix(first.words)?.count ?? 0)
    var inline = afterKeyword.joinedText(" ").trimmingSpaces()
    if inline.hasPrefix(":") { inline = String(inline.dropFirst()).trimmingSpaces() }
    if !inline.isEmpty { _ = addRecipientLine(LineClassifier.classify(number: first.number, text: inline)) }
    while i < lines.count {
      let line = lines[i]
      if line.isBlank {
        i += 1
        continue
      }
      guard addRecipientLine(line) else { break }
      i += 1
    }
  }

  /// Adds a recipient or the archive line; false when the line is not part of the list.
  private mutating func addRecipientLine(_ line: ClassifiedLine) -> Bool {
    let body: String
    if case .bullet = line.marker { body = line.body } else if startsWith(line, role: "archive") { body = line.text } else { return false }
    let bodyLine = LineClassifier.classify(number: line.number, text: body)
    if let archiveWords = lex.keyword("archive").matchPrefix(bodyLine.words),
      let colon = body.firstIndex(of: ":"),
      Words.split(Substring(body[..<colon])).count == archiveWords.count
    {
      archive = body[body.index(after: colon)...].split(separator: ",").map { Self.trimPunctuation(String($0)) }
        .filter { !$0.isEmpty }
      return true
    }
    let name = Self.trimPunctuation(body)
    if name.hasSuffix(":") || body.trimmingSpaces().hasSuffix(":") {
      diagnostics.append(DiagnosticCatalogue.recipientsGroupLabel(name, line: line.number))
      return true
    }
    recipients.append(Self.recipient(name, line: line.number))
    return true
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

  /// authority-line title-line? name   (e.g. "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" / "Âu Văn Đước")
  mutating func parseSignature() {
    let first = lines[i]
    var sig = Signature(authority: nil, onBehalfOf: nil, title: nil, signer: nil, line: first.number)
    if let (authority, rest) = signatureAuthority(first) {
      sig.authority = authority
      sig.onBehalfOf = rest
      i += 1
      if let j = nextNonBlank(from: i), isUpperTitle(lines[j]) {
        sig.title = lines[j].text
        i = j + 1
      }
    } else {
      sig.title = first.text
      i += 1
    }
    if sig.title == nil, sig.authority == nil { sig.title = sig.onBehalfOf }
    if let j = nextNonBlank(from: i), Self.looksLikeName(lines[j].text) {
      sig.signer = lines[j].text
      i = j + 1
    }
    signature = sig
  }

  private func isUpperTitle(_ line: ClassifiedLine) -> Bool {
    guard !line.isTableRow, line.marker == nil else { return false }
    if lex.signerTitles.matchWhole(line) != nil { return true }
    return false
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
    if isUpper, !isAttached, annexes.last.map({ !$0.tables.isEmpty || $0.title != nil }) ?? true {
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
