import VanBanModel
import VanBanText
import VanBanBytes

/// What the annexes (phụ lục) hold, and what their pages repeat of the head.
struct AnnexZone {
  var annexes: [Annex] = []
  /// Issuer lines found on an annex page ("ỦY BAN NHÂN DÂN" / "XÃ TÂN LỢI"): the issuer when
  /// the head lost it.
  var pageIssuer: (text: String, line: Int)?
  /// Footers on annex pages (a form's signature block, a repeated footer).
  var footers: [FooterZone] = []
  var texts: [LogicalText] = []
  var cellBreaks: [CellKey: String] = [:]
  var diagnostics: [Diagnostic] = []
}

/// The annexes after the footer: labels ("Phụ lục I", "Mẫu biểu số 01"), titles, the
/// "(Kèm theo …)" line, captions and tables; an annex page's issuer block and motto are
/// noted and skipped, and a footer on an annex page is read by `FooterZoneParser`.
struct AnnexZoneParser {
  var cursor: LineCursor
  let bodyHasContent: Bool
  private var zone = AnnexZone()
  /// A line that names the table below it ("Nhiệm vụ 1: …").
  private var pendingCaption: LogicalText?
  /// The annexes a form's label opened (`formLabel`).
  private var formAnnexes: Set<Int> = []

  init(cursor: LineCursor, bodyHasContent: Bool, looseTables: [Table]) {
    self.cursor = cursor
    self.bodyHasContent = bodyHasContent
    // Tables the body met before its first section stand first, as unlabelled annexes.
    zone.annexes = looseTables.map { Annex(label: nil, title: nil, attachedTo: nil, line: $0.line, tables: [$0]) }
  }

  mutating func parse() -> AnnexZone {
    while !cursor.atEnd {
      let start = cursor.i
      let line = cursor.lines[start]
      if line.isBlank {
        cursor.i += 1
        continue
      }
      // A page number at the foot of an annex's last page, before the next annex's label: not
      // a title of its own. Elsewhere a lone number may be a cell of a table written one cell
      // per line, and stays.
      if let n = line.loneNumber, let j = cursor.nextNonBlank(from: start + 1), cursor.lines[j].marker == nil,
        annexLabel(cursor.lines[j]) != nil
      {
        cursor.diagnostics.append(DiagnosticCatalogue.pageNumberDropped(String(n), line: line.number))
        cursor.i += 1
        continue
      }
      if FooterZoneParser.opens(cursor, at: start, inBody: false, bodyHasContent: bodyHasContent) {
        let at = LineCursor(lines: cursor.lines, lexicon: cursor.lex, wrap: cursor.wrap, fromLayout: cursor.fromLayout, at: start)
        var footer = FooterZoneParser(cursor: at, bodyHasContent: bodyHasContent)
        let read = footer.parse()
        cursor.i = read.end
        zone.footers.append(read)
      } else {
        step(line)
      }
      precondition(cursor.i > start, "annex parser made no progress at line \(line.number)")
    }
    zone.texts = cursor.texts
    zone.cellBreaks = cursor.cellBreaks
    zone.diagnostics = cursor.diagnostics + zone.diagnostics
    return zone
  }

  /// One step: an annex label, an annex-page issuer or motto, an annex title, its
  /// "(Kèm theo …)" line, a table, or loose text.
  private mutating func step(_ line: ClassifiedLine) {
    let lex = cursor.lex
    if lex.matchPrefix(.motto, line) != nil {
      cursor.i += 1
      return
    }
    if line.marker == nil, !line.isTableRow, let label = annexLabel(line),
      // A form inside an annex a "Phụ lục" or a title opened is that annex's (a Phụ lục of
      // forms, "Mẫu số 01" … "Mẫu số 04"); forms open annexes where they come first.
      !label.form || zone.annexes.isEmpty || formAnnexes.contains(zone.annexes.count - 1)
    {
      if label.form { formAnnexes.insert(zone.annexes.count) }
      cursor.i += 1
      if let misread = label.misread, let repaired = label.label {
        zone.diagnostics.append(DiagnosticCatalogue.ocrLabelRepaired(misread, repaired, line: line.number))
      }
      var annex = Annex(label: label.label, title: nil, attachedTo: nil, line: line.number)
      if !label.rest.isEmpty {
        let (title, attached) = AttachedNote.split(label.rest, lex: lex)
        annex.title = title
        annex.attachedTo = attached
      }
      zone.annexes.append(annex)
      return
    }
    if IssuerBlock.isIssuerLine(line, lexicon: lex), zone.annexes.last?.tables.isEmpty ?? true,
      zone.annexes.last?.title == nil || zone.annexes.isEmpty
    {
      var block: [(String, Int)] = []
      while !cursor.atEnd, cursor.lines[cursor.i].isBlank || IssuerBlock.isIssuerLine(cursor.lines[cursor.i], lexicon: lex) {
        if !cursor.lines[cursor.i].isBlank { block.append((cursor.lines[cursor.i].text, cursor.lines[cursor.i].number)) }
        cursor.i += 1
      }
      if zone.pageIssuer == nil, let last = IssuerBlock.group(block, lexicon: lex).last {
        zone.pageIssuer = last
      }
      return
    }
    if line.isTableRow || cursor.isFlattenedHeader(at: cursor.i) {
      let caption = pendingCaption
      pendingCaption = nil
      let table = cursor.readAnyTable(caption: caption?.text)
      if zone.annexes.isEmpty {
        zone.annexes.append(Annex(label: nil, title: nil, attachedTo: nil, line: table.line))
      }
      zone.annexes[zone.annexes.count - 1].tables.append(table)
      return
    }
    readText()
  }

  /// Title lines, the attachment line and captions.
  private mutating func readText() {
    let lex = cursor.lex
    let line = cursor.lines[cursor.i]
    let isAttached = lex.matchPrefix(.annexAttached, line) != nil && line.text.hasPrefix("(")
    let text = cursor.readParagraph()
    let last = zone.annexes.indices.last
    if isAttached, let last, zone.annexes[last].attachedTo == nil {
      let (_, attached) = AttachedNote.split(text.text, lex: lex)
      zone.annexes[last].attachedTo = attached ?? text.text
      return
    }
    if let last, zone.annexes[last].title == nil, zone.annexes[last].tables.isEmpty, !isAttached {
      let (title, attached) = AttachedNote.split(text.text, lex: lex)
      zone.annexes[last].title = title
      if let attached { zone.annexes[last].attachedTo = attached }
      return
    }
    // A title wrapped over lines ("… PHÁT TRIỂN HẠ TẦNG" / "5G, IoT TRONG CÁC KHU …") goes on
    // until its "(Kèm theo …)" line or its table.
    if let last, let title = zone.annexes[last].title, zone.annexes[last].tables.isEmpty,
      zone.annexes[last].attachedTo == nil, !isAttached, LogicalText.isMostlyCapitals(text.text)
    {
      zone.annexes[last].title = title + " " + text.text
      return
    }
    let isUpper = !LogicalText.containsLowercase(text.text)
    if isUpper, !isAttached, zone.annexes.last.map({ !$0.tables.isEmpty || $0.title != nil }) ?? true,
      headsAnnex(after: cursor.i)
    {
      // An unlabelled annex starts with its title alone (e.g. "DANH MỤC CÁC MỤC TIÊU CỤ THỂ").
      let (title, attached) = AttachedNote.split(text.text, lex: lex)
      zone.diagnostics.append(DiagnosticCatalogue.annexLabelMissing(title: title ?? text.text, line: text.line))
      zone.annexes.append(Annex(label: nil, title: title, attachedTo: attached, line: text.line))
      return
    }
    if let j = cursor.nextNonBlank(from: cursor.i), cursor.lines[j].isTableRow || cursor.isFlattenedHeader(at: j) {
      pendingCaption = text
      return
    }
    if let pending = pendingCaption {
      zone.diagnostics.append(DiagnosticCatalogue.annexTextOutsideTable(pending.text, line: pending.line))
    }
    zone.diagnostics.append(DiagnosticCatalogue.annexTextOutsideTable(text.text, line: text.line))
  }

  /// Whether a title in capitals opens an annex of its own: a table, or the annex's
  /// "(Kèm theo …)" line, follows within three lines. Capitals alone are not enough: a table
  /// written one cell per line, a repeated signature or a group heading are in capitals too.
  private func headsAnnex(after k: Int) -> Bool {
    let lines = cursor.lines
    var j = k
    var seen = 0
    while j < lines.count, seen < 3 {
      let line = lines[j]
      j += 1
      if line.isBlank { continue }
      seen += 1
      if line.isTableRow || cursor.isFlattenedHeader(at: j - 1) { return true }
      if cursor.isAttachedLine(line.text) { return true }
      if LogicalText.containsLowercase(line.text) { return false }
    }
    return false
  }

  /// annex-label -> "Phụ lục" "số"? label? (":" | "." | "-")? rest
  ///               | "Mẫu biểu" "số"? label (":" | "." | "-")? REST-IN-CAPITALS
  private func annexLabel(_ line: ClassifiedLine) -> (label: String?, rest: String, misread: String?, form: Bool)? {
    if let found = Self.label(line, role: .annex, lex: cursor.lex) { return (found.label, found.rest, found.misread, false) }
    guard let found = Self.formLabel(line, lex: cursor.lex) else { return nil }
    return (found.label, found.rest, nil, true)
  }

  /// A form's label opening an annex (Grammar `annex_form`): "Mẫu biểu số 01" alone on its line
  /// or with a title in capitals after it. A form's word opens sentences too ("Mẫu biểu số 04
  /// đính kèm."), which are no label.
  static func formLabel(_ line: ClassifiedLine, lex: GrammarLexicon) -> (label: String, rest: String)? {
    guard let found = label(line, role: .annexForm, lex: lex), let label = found.label, found.misread == nil,
      !LogicalText.containsLowercase(found.rest)
    else { return nil }
    return (label, found.rest)
  }

  private static func label(
    _ line: ClassifiedLine, role: KeywordRole, lex: GrammarLexicon
  ) -> (label: String?, rest: String, misread: String?)? {
    guard let m = lex.matchPrefix(role, line) else { return nil }
    var words = Array(Words.split(Substring(line.text)).dropFirst(m.count)).map(String.init)
    if let f = words.first, lex.keyword(.number).matchWhole(Words.fold(f).map(Words.bare)) != nil {
      words.removeFirst()
    }
    var label: String?
    var misread: String?
    if let f = words.first {
      var candidate = f
      while let l = candidate.last, l == ":" || l == "." || l == "-" { candidate.removeLast() }
      if RomanNumeral.value(candidate) != nil || (!candidate.isEmpty && candidate.allSatisfy(\.isNumber)) {
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
}

/// The "(Kèm theo …)" note after a title: what an annex or an attached document belongs to.
enum AttachedNote {
  /// "TITLE (Kèm theo Kế hoạch số …)" → title and what it is attached to.
  static func split(_ text: String, lex: GrammarLexicon) -> (title: String?, attached: String?) {
    if let opens = Self.openingBrackets(text) {
      let u = text.utf8
      for offset in opens {
        if let found = attachedNote(text, at: u.index(u.startIndex, offsetBy: offset), lex: lex) { return found }
      }
      return (text.isEmpty ? nil : text, nil)
    }
    var searchStart = text.startIndex
    while let open = text[searchStart...].firstIndex(of: "(") {
      if let found = attachedNote(text, at: open, lex: lex) { return found }
      searchStart = text.index(after: open)
    }
    return (text.isEmpty ? nil : text, nil)
  }

  /// The split at the "(" Character at `open`, when the words after it open the attached phrase.
  private static func attachedNote(_ text: String, at open: String.Index, lex: GrammarLexicon) -> (title: String?, attached: String?)? {
    let inside = text[text.index(after: open)...]
    // Only the opening words can match, and folding all of `inside` at every "(" is
    // quadratic on a line of 100,000 brackets; 40 characters hold the longest phrase
    // ("ban hành kèm theo", Grammar/keywords.tsv) with room to spare.
    let words = Words.fold(inside.prefix(characters: 40))
    guard let m = lex.keyword(.annexAttached).matchPrefix(words) else { return nil }
    var attached = Words.split(inside).dropFirst(m.count).joinedText(" ")
    if let close = attached.lastIndex(of: ")") { attached = String(attached[..<close]) }
    let title = text[..<open].trimmingSpaces()
    return (title.isEmpty ? nil : title, attached.trimmingSpaces())
  }

  /// The UTF-8 offsets of the "(" bytes, when each is a Character of its own: the scalars beside
  /// it are ASCII or Latin letters (`ScalarClass.isPlainLetter`), none of which joins a grapheme with
  /// it. Nil when some neighbour is anything else, and the Character search decides: searching
  /// Characters for "(" cost ~250 instructions a Character on the annex's long title lines.
  static func openingBrackets(_ text: String) -> [Int]? {
    return text.withUTF8Bytes { b -> [Int]? in
      var opens: [Int] = []
      var from = 0
      while let p = ByteSearch.firstIndex(of: 0x28, in: b, from: from) {
        if p > 0, b[p - 1] >= 0x80 {
          let lead = UTF8Scalar.start(b, holding: p - 1)
          guard ScalarClass.isPlainLetter(UTF8Scalar.decode(b, at: lead).value) else { return nil }
        }
        if p + 1 < b.count, b[p + 1] >= 0x80, !ScalarClass.isPlainLetter(UTF8Scalar.decode(b, at: p + 1).value) { return nil }
        opens.append(p)
        from = p + 1
      }
      return opens
    }
  }
}
