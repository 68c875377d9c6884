/// The body of `word/document.xml` walked once, in reading order, into blocks: paragraphs with
/// their list labels and boldness, tables with real cells, and the page breaks the file
/// records. Block locations get their ordinals afterwards (`DOCXReader`); here a block knows
/// only its page.
///
/// What a reader of the printed page sees is what is kept: inserted text but not deleted
/// text, a field's result but not its instruction, capitals where the font shows capitals,
/// nothing of hidden text. Headers, footers, footnotes and comments live in other parts and
/// are not read.
struct WordBodyReader {
  private let xml: XMLPullReader
  private let styles: WordStyles
  private var lists: ListCounter
  private(set) var notes: [InputNote] = []

  /// The page being read (1-based), counted from the breaks the file records: hard breaks
  /// (`w:br w:type="page"`, `w:pageBreakBefore`) and the breaks Word found when it last laid
  /// the document out (`w:lastRenderedPageBreak`).
  private(set) var page = 1
  /// Whether text has been met on the page being read. A break on a page with nothing on it
  /// yet is the same break recorded twice (Word writes `lastRenderedPageBreak` right after a
  /// hard break), not an empty page.
  private var pageHasText = false
  /// Tables being read, counting nested ones.
  private var tableDepth = 0
  /// Whether the outermost table being read has text yet.
  private var tableHasText = false
  /// Pages that start inside the outermost table being read, before and after its first text:
  /// a table is one block, so its breaks are given around it.
  private var tableBreaksBefore: [Int] = []
  private var tableBreaksAfter: [Int] = []
  private var undefinedLists: Set<Int> = []
  private var sawTextBox = false

  init(xml: XMLPullReader, styles: WordStyles, numbering: WordNumbering) {
    self.xml = xml
    self.styles = styles
    lists = ListCounter(numbering: numbering, styles: styles)
  }

  /// document -> … body … ; nil when the part has no `w:body`.
  mutating func readDocument() throws(InputError) -> [SourceBlock]? {
    while let event = try xml.next() {
      if case .start("body", let ns) = event, WordNamespace.isWord(ns) {
        let blocks = try readContent()
        // Whatever follows the body (nothing, in a valid part) is not read.
        return blocks
      }
    }
    return nil
  }

  // MARK: - Block content

  /// The next Word element that starts inside the element at `level`, or nil at that
  /// element's end: markup-compatibility fallbacks (a copy for older readers) are skipped and
  /// elements of other namespaces passed over, as every reader here wants.
  private mutating func nextWordElement(inside level: Int) throws(InputError) -> String? {
    while let event = try xml.next(), xml.depth >= level {
      guard case .start(let name, let ns) = event else { continue }
      if WordNamespace.isMarkupCompatibility(ns) {
        if name == "Fallback" { try xml.skipElement() }
        continue
      }
      guard WordNamespace.isWord(ns) else { continue }
      return name
    }
    return nil
  }

  /// content -> (p | tbl | sdt(sdtContent content) | customXml(content) | ins(content) | …)*
  ///
  /// Reads the content of the element whose start was just read (the body, a cell, a text box,
  /// a content control) through its end. Elements it does not know are read through, so text
  /// inside wrappers Word adds (content controls, custom XML, tracked insertions) is kept;
  /// deleted or moved-away content, section properties and the markup-compatibility fallback
  /// (a copy of its choice for older readers) are skipped.
  private mutating func readContent() throws(InputError) -> [SourceBlock] {
    var out: [SourceBlock] = []
    let level = xml.depth
    while let name = try nextWordElement(inside: level) {
      let blocks: [SourceBlock]
      switch name {
      case "p": blocks = try readParagraph()
      case "tbl": blocks = try readTable()
      case "sectPr", "sdtPr", "sdtEndPr", "del", "moveFrom", "customXmlPr", "tcPr", "trPr", "tblPr":
        try xml.skipElement()
        continue
      default:
        continue
      }
      out += blocks
    }
    return out
  }

  // MARK: - Paragraphs

  /// What a paragraph's properties say.
  private struct ParagraphProperties {
    var style: String?
    var numID: Int?
    var level: Int?
    var pageBreakBefore = false
  }

  /// The text of a paragraph being read.
  private struct ParagraphText {
    var text = ""
    /// Whether any run with visible letters was read, and whether all of them were bold.
    var sawLetters = false
    var allBold = true
    /// Page breaks met before and after the first letters, and text box content.
    var before: [SourceBlock] = []
    var after: [SourceBlock] = []
    var sawBreak = false
    /// The page the first letters stand on.
    var page: Int?
  }

  /// p -> pPr? (r | hyperlink(r*) | ins(r*) | fldSimple(r*) | sdt(…) | smartTag(…) | del | …)*
  /// r -> rPr? (t | tab | ptab | br | cr | noBreakHyphen | fldChar | instrText | sym |
  ///            lastRenderedPageBreak | drawing(… txbxContent …) | …)*
  private mutating func readParagraph() throws(InputError) -> [SourceBlock] {
    let level = xml.depth
    var properties = ParagraphProperties()
    var p = ParagraphText()
    var run = RunFormat()
    var runStyle: String?
    var inText = false
    /// Open fields; true while in a field's instruction (before its `separate`).
    var fields: [Bool] = []
    let styles = self.styles
    var base: RunFormat { styles.baseFormat(paragraphStyle: properties.style, characterStyle: runStyle) }

    while let event = try xml.next(), xml.depth >= level {
      switch event {
      case .text(let s):
        guard inText, !fields.contains(true) else { continue }
        let format = base.overlaid(by: run)
        guard format.hidden != true else { continue }
        append(format.caps == true ? s.uppercased() : s, bold: format.bold == true, to: &p)
      case .end(let name, let ns):
        if name == "t", WordNamespace.isWord(ns) { inText = false }
      case .start(let name, let ns):
        if WordNamespace.isMarkupCompatibility(ns) {
          if name == "Fallback" { try xml.skipElement() }
          continue
        }
        guard WordNamespace.isWord(ns) else { continue }
        switch name {
        case "pPr":
          properties = try readParagraphProperties()
          if properties.pageBreakBefore { pageBreak(in: &p) }
        case "r":
          run = RunFormat()
          runStyle = nil
        case "rPr":
          (run, runStyle) = try readRunProperties()
        case "t":
          inText = true
        case "tab", "ptab":
          if !fields.contains(true) { p.text += "\t" }
        case "br":
          let type = xml.attribute("type")
          if type == "page" {
            pageBreak(in: &p)
          } else if !fields.contains(true) {
            p.text += "\n"
          }
        case "cr":
          if !fields.contains(true) { p.text += "\n" }
        case "noBreakHyphen":
          if !fields.contains(true) { append("-", bold: base.overlaid(by: run).bold == true, to: &p) }
        case "lastRenderedPageBreak":
          pageBreak(in: &p)
        case "fldChar":
          switch xml.attribute("fldCharType") {
          case "begin": fields.append(true)
          case "separate": if !fields.isEmpty { fields[fields.count - 1] = false }
          case "end": _ = fields.popLast()
          default: break
          }
        case "txbxContent":
          // A text box's paragraphs follow the paragraph that anchors it.
          let content = try readContent()
          p.after += content
          if !content.isEmpty, !sawTextBox {
            sawTextBox = true
            notes.append(InputNote(
              code: "docx.text_box",
              message: "text in a text box is read after the paragraph it is anchored to",
              location: SourceLocation(line: 0, page: page)))
          }
        case "instrText", "delText", "delInstrText", "del", "moveFrom", "sym", "footnoteReference",
          "endnoteReference", "commentReference", "annotationRef", "softHyphen", "sectPr", "sdtPr", "sdtEndPr":
          try xml.skipElement()
        default:
          continue
        }
      }
    }

    let label = numbering(for: properties)
    let isEmpty = p.text.allSatisfy(\.isWhitespace) && label == nil
    if isEmpty && p.sawBreak && p.after.allSatisfy({ if case .pageBreak = $0 { true } else { false } }) {
      // A paragraph that only carries a page break is the break.
      return p.before + p.after
    }
    let paragraph = SourceParagraph(
      text: p.text, location: SourceLocation(line: 0, page: p.page ?? page), numbering: label,
      isBold: p.sawLetters && p.allBold)
    return p.before + [.paragraph(paragraph)] + p.after
  }

  private mutating func append(_ s: String, bold: Bool, to p: inout ParagraphText) {
    p.text += s
    guard s.contains(where: { !$0.isWhitespace }) else { return }
    if p.page == nil { p.page = page }
    p.sawLetters = true
    p.allBold = p.allBold && bold
    pageHasText = true
    if tableDepth > 0 { tableHasText = true }
  }

  /// A new page starts, unless the page being read has no text yet (see `pageHasText`).
  private mutating func pageBreak(in p: inout ParagraphText) {
    p.sawBreak = true
    guard pageHasText else { return }
    page += 1
    pageHasText = false
    if tableDepth > 0 {
      if tableHasText { tableBreaksAfter.append(page) } else { tableBreaksBefore.append(page) }
    } else if p.page == nil {
      p.before.append(.pageBreak(page: page))
    } else {
      p.after.append(.pageBreak(page: page))
    }
  }

  /// The label a numbered paragraph shows, advancing its list; the paragraph's own `w:numPr`
  /// over its style's, and `w:numId="0"` for "no numbering".
  private mutating func numbering(for properties: ParagraphProperties) -> String? {
    let fromStyle = styles.numbering(paragraphStyle: properties.style)
    guard let numID = properties.numID ?? fromStyle.numID, numID != 0 else { return nil }
    let level = properties.level ?? fromStyle.level ?? 0
    switch lists.advance(numID: numID, level: level) {
    case .label(let label): return label
    case .unlabelled: return nil
    case .undefined:
      if undefinedLists.insert(numID).inserted {
        notes.append(InputNote(
          code: "docx.numbering_missing",
          message: "a paragraph is numbered by list \(numID), which numbering.xml does not define: its label is lost",
          location: SourceLocation(line: 0, page: page)))
      }
      return nil
    }
  }

  /// pPr -> (pStyle | numPr(ilvl | numId) | pageBreakBefore | rPr | tabs | sectPr | …)*
  private func readParagraphProperties() throws(InputError) -> ParagraphProperties {
    var out = ParagraphProperties()
    let level = xml.depth
    while let event = try xml.next(), xml.depth >= level {
      guard case .start(let name, let ns) = event, WordNamespace.isWord(ns) else { continue }
      switch name {
      case "pStyle": out.style = xml.attribute("val")
      case "numId": out.numID = xml.attribute("val").flatMap { Int($0) }
      case "ilvl": out.level = xml.attribute("val").flatMap { Int($0) }
      case "pageBreakBefore": out.pageBreakBefore = RunFormat.toggle(xml.attribute("val"))
      // The paragraph mark's run properties, tab stops, a section's properties, a revision's
      // old properties: nothing here is text.
      case "rPr", "tabs", "sectPr", "pPrChange", "framePr": try xml.skipElement()
      default: continue
      }
    }
    return out
  }

  /// rPr -> (rStyle | b | caps | smallCaps | vanish | rPrChange | …)*
  private func readRunProperties() throws(InputError) -> (RunFormat, String?) {
    var format = RunFormat()
    var style: String?
    let level = xml.depth
    while let event = try xml.next(), xml.depth >= level {
      guard case .start(let name, let ns) = event, WordNamespace.isWord(ns) else { continue }
      if name == "rStyle" {
        style = xml.attribute("val")
      } else if name == "rPrChange" {
        try xml.skipElement()  // the formatting before a tracked change
      } else if xml.depth == level + 1 {
        format.read(name, value: xml.attribute("val"))
      }
    }
    return (format, style)
  }

  // MARK: - Tables

  /// tbl -> tblPr tblGrid (tr | sdt(… tr …) | customXml(… tr …))*
  private mutating func readTable() throws(InputError) -> [SourceBlock] {
    let isOutermost = tableDepth == 0
    if isOutermost {
      tableHasText = false
      tableBreaksBefore = []
      tableBreaksAfter = []
    }
    tableDepth += 1
    let startPage = page
    var rows: [WordRow] = []
    let level = xml.depth
    while let name = try nextWordElement(inside: level) {
      switch name {
      case "tr": if let row = try readRow() { rows.append(row) }
      case "tblPr", "tblGrid", "tblPrEx", "sdtPr", "sdtEndPr", "customXmlPr": try xml.skipElement()
      default: continue
      }
    }
    tableDepth -= 1
    let tablePage = isOutermost ? startPage + tableBreaksBefore.count : startPage
    let location = SourceLocation(line: 0, page: tablePage)
    let table = SourceBlock.table(SourceTable(rows: WordTable.resolve(rows, location: location), location: location))
    guard isOutermost else { return [table] }
    return tableBreaksBefore.map { .pageBreak(page: $0) } + [table] + tableBreaksAfter.map { .pageBreak(page: $0) }
  }

  /// tr -> trPr?(gridBefore | del | …) (tc | sdt(… tc …) | customXml(… tc …))* ; nil for a
  /// row deleted as a tracked change.
  private mutating func readRow() throws(InputError) -> WordRow? {
    var row = WordRow()
    var deleted = false
    let level = xml.depth
    while let name = try nextWordElement(inside: level) {
      switch name {
      case "trPr":
        let properties = try readRowProperties()
        row.gridBefore = properties.gridBefore
        deleted = properties.deleted
      case "tc": row.cells.append(try readCell())
      case "tblPrEx", "sdtPr", "sdtEndPr", "customXmlPr": try xml.skipElement()
      default: continue
      }
    }
    return deleted ? nil : row
  }

  private func readRowProperties() throws(InputError) -> (gridBefore: Int, deleted: Bool) {
    var gridBefore = 0
    var deleted = false
    let level = xml.depth
    while let event = try xml.next(), xml.depth >= level {
      guard case .start(let name, let ns) = event, WordNamespace.isWord(ns) else { continue }
      switch name {
      case "gridBefore": gridBefore = xml.attribute("val").flatMap { Int($0) } ?? 0
      case "del": deleted = true
      case "trPrChange": try xml.skipElement()
      default: continue
      }
    }
    return (gridBefore, deleted)
  }

  /// tc -> tcPr?(gridSpan | vMerge | hMerge | …) content
  ///
  /// The cell's text is its paragraphs joined by "\n", each led by its list label, with a
  /// nested table's rows in its place; the empty paragraphs that end a cell (Word needs one
  /// after a nested table) are dropped.
  private mutating func readCell() throws(InputError) -> WordCell {
    var cell = WordCell(text: "", page: page)
    let startPage = page
    var lines: [String] = []
    var firstTextPage: Int?
    let level = xml.depth
    while let name = try nextWordElement(inside: level) {
      let blocks: [SourceBlock]
      switch name {
      case "tcPr":
        try readCellProperties(into: &cell)
        continue
      case "p": blocks = try readParagraph()
      case "tbl": blocks = try readTable()
      case "sdtPr", "sdtEndPr", "customXmlPr", "del", "moveFrom": try xml.skipElement(); continue
      default: continue
      }
      for block in blocks {
        switch block {
        case .paragraph(let p):
          let line = [p.numbering, p.text.isEmpty ? nil : p.text].compactMap { $0 }.joined(separator: " ")
          lines.append(line)
          if firstTextPage == nil, !line.allSatisfy(\.isWhitespace) { firstTextPage = p.location.page }
        case .table(let t):
          lines.append(WordTable.text(of: t.rows))
          if firstTextPage == nil { firstTextPage = t.location.page }
        case .pageBreak, .text:
          continue
        }
      }
    }
    while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
    cell.text = lines.joined(separator: "\n")
    cell.page = firstTextPage ?? startPage
    return cell
  }

  private func readCellProperties(into cell: inout WordCell) throws(InputError) {
    let level = xml.depth
    while let event = try xml.next(), xml.depth >= level {
      guard case .start(let name, let ns) = event, WordNamespace.isWord(ns) else { continue }
      switch name {
      case "gridSpan": cell.gridSpan = xml.attribute("val").flatMap { Int($0) } ?? 1
      case "vMerge": cell.merge = xml.attribute("val") == "restart" ? .restart : .continuation
      case "hMerge": if xml.attribute("val") != "restart" { cell.merge = .horizontalContinuation }
      case "tcPrChange": try xml.skipElement()
      default: continue
      }
    }
  }
}
