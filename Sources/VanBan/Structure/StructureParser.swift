import VanBanModel
import VanBanText

/// Reads classified lines into the document's parts: head, legal bases, the section tree,
/// closing, recipients, signature and annexes with their tables.
///
/// A cursor moves forward over the lines; every loop either consumes a line or leaves, so no
/// input can make it spin. Content it does not understand becomes a diagnostic, never a
/// silent merge.
struct StructureParser {
  let lines: [ClassifiedLine]
  let lex: GrammarLexicon
  let wrap: WrapPolicy
  /// The lines were rebuilt from word boxes (`LayoutBuilder`: OCR, or a `pdftotext -layout`
  /// dump): a table row there is a row the page's geometry set apart, and OCR damage (a lost or misread row number) is to
  /// be expected, so table readers keep such rows rather than merging them.
  let fromLayout: Bool
  var i = 0
  var diagnostics: [Diagnostic] = []

  // What has been read.
  var header = Header()
  var legalBases: [LogicalText] = []
  var preamble: [Block] = []
  var sections = SectionTreeBuilder()
  var closing: LogicalText?
  var recipients: [Recipient] = []
  var archive: [String] = []
  var signature: Signature?
  var annexes: [Annex] = []
  /// Documents printed after this one's signature and issued by it, each read by a parser of
  /// its own over its lines (lines keep their input numbers).
  var attachments: [StructureParser] = []
  /// Issuer lines found on an annex page ("ỦY BAN NHÂN DÂN" / "XÃ TÂN LỢI").
  var annexPageIssuer: (text: String, line: Int)?
  /// Every text the body holds, in order, for reference and annex-mention extraction.
  var bodyTexts: [LogicalText] = []
  /// A line in an annex that names the table below it ("Nhiệm vụ 1: …").
  var pendingCaption: LogicalText?
  /// Cells of one-cell-per-line tables with their original line breaks, which separate
  /// agencies in a list (the JSON cell joins them with spaces).
  var multilineCells: [CellKey: String] = [:]

  /// This parser reads an attached document: one level only, so no input can nest parsers
  /// as deep as it has type lines.
  var isAttachment = false
  /// Document types this document's text issues ("kèm theo Quyết định này Kế hoạch"), found
  /// once when the tail is reached.
  private var issuedTypes: Set<[String]>?
  /// The first line after the body (recipients or signature): only the body issues documents.
  private var tailStart: Int?

  init(lines: [ClassifiedLine], lexicon: GrammarLexicon, fromLayout: Bool = false) {
    var lines = lines
    self.fromLayout = fromLayout
    diagnostics = RomanNumeralRepair(lexicon: lexicon).repair(&lines)
    self.lines = lines
    self.lex = lexicon
    self.wrap = WrapPolicy(lines: lines)
  }

  enum Zone { case body, closing, tail }

  mutating func parse() {
    parseHeader()
    var zone = Zone.body
    while i < lines.count {
      let start = i
      let line = lines[i]
      if line.isBlank {
        i += 1
        continue
      }
      if zone != .tail, let n = line.loneNumber, !isTableAhead() {
        diagnostics.append(DiagnosticCatalogue.pageNumberDropped(String(n), line: line.number))
        i += 1
        continue
      }
      if zone == .tail, tailStart == nil { tailStart = line.number }
      if zone == .tail, isAttachmentStart(at: i) {
        var attached = StructureParser(lines: Array(lines[i...]), lexicon: lex, fromLayout: fromLayout)
        attached.isAttachment = true
        attached.parse()
        attachments.append(attached)
        i = lines.count
        break
      }
      if line.isTableRow, isFooterRow(line, inBody: zone == .body) {
        parseFooterRows()
        zone = .tail
      } else if startsWith(line, role: "recipients") {
        parseRecipients()
        zone = .tail
      } else if isSignatureStart(line, strict: zone == .body) {
        parseSignature()
        zone = .tail
      } else if zone == .tail || (line.marker == nil && startsWith(line, role: "annex") && sections.hasSections) {
        zone = .tail
        parseTailLine()
      } else if line.isTableRow || isFlattenedHeader(at: i) {
        let table = readAnyTable(caption: nil)
        if sections.hasSections {
          sections.appendTable(table)
        } else {
          diagnostics.append(DiagnosticCatalogue.tableOutsideSection(line: table.line))
          annexes.append(Annex(label: nil, title: nil, attachedTo: nil, line: table.line, tables: [table]))
        }
      } else if line.marker == nil, startsWith(line, role: "closing") || zone == .closing {
        let text = readParagraph()
        bodyTexts.append(text)
        if var c = closing {
          c.append("\n" + text.text, line: text.line)
          closing = c
        } else {
          closing = text
        }
        zone = .closing
      } else if let marker = line.marker {
        parseMarked(marker)
      } else if let article = articleMarker(at: i) {
        parseArticle(article)
      } else {
        let text = readParagraph()
        bodyTexts.append(text)
        if !sections.hasSections {
          if startsWith(line, role: "legal_basis") {
            legalBases.append(text)
          } else {
            preamble.append(Block(type: .paragraph, marker: nil, text: text.text, line: text.line))
          }
        } else {
          sections.appendBlock(Block(type: .paragraph, marker: nil, text: text.text, line: text.line))
        }
      }
      precondition(i > start, "structure parser made no progress at line \(line.number)")
    }
    diagnostics.append(contentsOf: sections.diagnostics)
  }

  /// A type line in capitals after the signature ("KẾ HOẠCH", "QUY ĐỊNH") opens a document
  /// this one issues when the evidence says so: its "(Ban hành kèm theo …)" line follows
  /// within a few lines, or this document's text issues a document of that type
  /// ("Ban hành kèm theo Quyết định này Kế hoạch …").
  mutating func isAttachmentStart(at k: Int) -> Bool {
    let line = lines[k]
    guard !isAttachment, !line.isTableRow, line.marker == nil, !LogicalText.containsLowercase(line.text),
      let type = lex.docTypes.matchWhole(line)
    else { return false }
    var j = k + 1
    var seen = 0
    while j < lines.count, seen < 8 {
      if !lines[j].isBlank {
        seen += 1
        if isAttachedLine(lines[j].text) { return true }
      }
      j += 1
    }
    if issuedTypes == nil { issuedTypes = findIssuedTypes() }
    return issuedTypes?.contains(Words.fold(type).map(Words.bare)) ?? false
  }

  /// The document types named within eight words after "kèm theo" in the body's texts.
  private func findIssuedTypes() -> Set<[String]> {
    var found: Set<[String]> = []
    let longest = lex.docTypes.longest
    for text in bodyTexts where text.line < (tailStart ?? Int.max) {
      let words = Words.fold(text.text).map(Words.bare)
      var w = 0
      while w < words.count {
        guard let m = lex.keyword("annex_attached").matchPrefix(words[w...]) else {
          w += 1
          continue
        }
        let start = w + m.count
        for s in start..<min(words.count, start + 8) {
          for n in 1...max(1, longest) where s + n <= words.count {
            if lex.docTypes.matchWhole(Array(words[s..<(s + n)])) != nil { found.insert(Array(words[s..<(s + n)])) }
          }
        }
        w = start
      }
    }
    return found
  }

  /// "(Ban hành kèm theo …)", "(Kèm theo Kế hoạch số …)": the line that says what an annex
  /// or an attached document belongs to.
  func isAttachedLine(_ text: String) -> Bool {
    text.hasPrefixQuickly("(") && lex.keyword("annex_attached").matchPrefix(Words.fold(text.dropFirst().prefix(40))) != nil
  }

  /// A numbered line opens a section; a bullet adds a block to the current one.
  mutating func parseMarked(_ marker: Marker) {
    let first = lines[i]
    var text = readParagraph()
    bodyTexts.append(text)
    if case .bullet(let m) = marker {
      let block = Block(type: .bullet, marker: m, text: text.text, line: text.line)
      if sections.hasSections { sections.appendBlock(block) } else { preamble.append(block) }
      return
    }
    let (title, paragraph) = SectionTitle.split(text.text)
    sections.open(marker: marker, title: title, line: first.number)
    if let paragraph {
      text = LogicalText(paragraph, line: first.number)
      sections.appendBlock(Block(type: .paragraph, marker: nil, text: paragraph, line: first.number))
    }
  }

  /// article -> article-word number ("." | ":")? rest ; also the word alone on its line
  /// with "1. …" on the next (a converter broke the bold heading after the word).
  func articleMarker(at k: Int) -> (marker: Marker, body: String, lines: Int)? {
    let line = lines[k]
    guard !line.isTableRow, line.marker == nil else { return nil }
    // chapter -> chapter-word roman ("." | ":")? rest
    if let m = lex.keyword("chapter").matchPrefix(line) {
      let words = Words.split(Substring(line.text))
      guard words.count > m.count else { return nil }
      var token = Substring(words[m.count])
      while let l = token.last, l == "." || l == ":" { token.removeLast() }
      guard let value = LineClassifier.romanValue(String(token)) else { return nil }
      let word = words[..<m.count].joinedText(" ")
      return (.chapter(value: value, label: word + " " + token), words[(m.count + 1)...].joinedText(" "), 1)
    }
    guard let m = lex.keyword("article").matchPrefix(line) else { return nil }
    let words = Words.split(Substring(line.text))
    if words.count == m.count, let j = nextNonBlank(from: k + 1), case .arabic(let label, let parts) = lines[j].marker,
      parts.count == 1
    {
      let word = words.joinedText(" ")
      return (.article(value: parts[0], label: word + " " + label), lines[j].body, j - k + 1)
    }
    guard words.count > m.count else { return nil }
    var token = Substring(words[m.count])
    var punctuated = false
    while let l = token.last, l == "." || l == ":" {
      token.removeLast()
      punctuated = true
    }
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

  /// An article opens a section; its heading ("Hiệu lực thi hành") is the title, a sentence
  /// ("Ban hành kèm theo Quyết định này …") its first paragraph.
  mutating func parseArticle(_ article: (marker: Marker, body: String, lines: Int)) {
    let first = lines[i]
    i += article.lines
    let text = readParagraph(opening: LogicalText(article.body, line: first.number))
    bodyTexts.append(text)
    let (title, paragraph) = text.text.isEmpty ? (nil, nil) : SectionTitle.split(text.text)
    sections.open(marker: article.marker, title: title, line: first.number)
    if let paragraph {
      sections.appendBlock(Block(type: .paragraph, marker: nil, text: paragraph, line: first.number))
    }
  }

  // MARK: cursor helpers

  /// Reads the paragraph starting at the cursor (its marker removed) with every line that
  /// continues it, skipping blank lines and page numbers between the pieces.
  mutating func readParagraph(opening: LogicalText? = nil) -> LogicalText {
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
      while j < lines.count, lines[j].isBlank || lines[j].loneNumber != nil {
        if lines[j].loneNumber != nil { pageNumbers.append(lines[j]) }
        j += 1
      }
      guard j < lines.count else { break }
      let next = lines[j]
      guard next.marker == nil, !next.isTableRow, !startsZone(next), articleMarker(at: j) == nil, wrap.continues(text, with: next),
        !(text.text.hasPrefixQuickly("(") && text.text.hasSuffix(")")), !isFlattenedHeader(at: j)
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

  func startsWith(_ line: ClassifiedLine, role: String) -> Bool {
    lex.keyword(role).matchPrefix(line) != nil
  }

  /// Lines that begin a new part and so never continue a paragraph.
  func startsZone(_ line: ClassifiedLine) -> Bool {
    // Zone words open a line with a capital ("Thực hiện …"); in lower case they continue one.
    if let f = line.text.unicodeScalars.first(where: { ScalarClass.isAlphabetic($0) }), ScalarClass.isLowercase(f) {
      return false
    }
    // Every zone phrase needs its first word there: most lines are settled by one look-up.
    if let first = line.firstWord, !first.isEmpty, lex.zoneFirstWords.contains(UTF8Key(Words.bare(first))) {
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
    // Asked of every line: settled on the bytes.
    for (prefix, value) in lex.signatureAuthorities {
      if line.text.hasPrefixQuickly(prefix) {
        let rest = line.text.dropFirst(prefix.count).trimmingSpaces()
        if !rest.isEmpty, !LogicalText.containsLowercase(rest) {
          return (value, rest)
        }
      }
    }
    return nil
  }
}

/// A table cell: the table's and the row's first lines, and the column index.
struct CellKey: Hashable, Sendable {
  var table: Int
  var row: Int
  var column: Int
}

/// Splits a numbered line into a heading and a paragraph.
enum SectionTitle {
  /// "Phòng Văn hóa - Xã hội: Chủ trì, …" → title before the colon, paragraph after it;
  /// a short line without a final full stop is a title; anything else is a paragraph.
  static func split(_ text: String) -> (title: String?, paragraph: String?) {
    // Byte searches: ":" is ASCII, and walking Characters, or even the string's UTF-8 view
    // index by index, made this a hot spot on long numbered paragraphs.
    var copy = text
    if let offset = copy.withUTF8({ $0.firstIndex(of: 0x3A) }) {
      let colon = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
      let head = text[..<colon].trimmingSpaces()
      let tail = text[text.index(after: colon)...].trimmingSpaces()
      let headWords = Words.splitOnSpaces(head).count
      if !tail.isEmpty, headWords >= 1, headWords <= 14, head.unicodeScalars.count <= 100,
        !head.contains("(")
      {
        return (head, tail)
      }
    }
    let last = text.unicodeScalars.last
    if WrapPolicy.scalarCount(text) <= 220, last != ".", last != ";" {
      return (text, nil)
    }
    return (nil, text)
  }
}
