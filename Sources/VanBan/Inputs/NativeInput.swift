import VanBanInputs
import VanBanModel
import VanBanText

/// Files that are not text: a PDF (its text layer, or OCR for scanned pages), an image, a
/// Word document. Each is read by its reader in `VanBanInputs` and becomes the lines the
/// parser reads, numbered 1… in reading order, each with the page and box it came from.
enum NativeInput {
  /// The formats told by their first bytes.
  enum Kind: String {
    case pdf, image, docx, doc
  }

  /// What the first bytes say, or nil for text (and for HTML, OCR output and layout dumps,
  /// which are text too).
  static func kind(of bytes: [UInt8]) -> Kind? {
    if Sniff.isPDF(bytes) { return .pdf }
    if Sniff.imageKind(bytes) != nil { return .image }
    if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .docx }
    if LegacyDocConverter.isLegacyDoc(bytes) { return .doc }
    return nil
  }

  /// The lines of a native file, with where each stands.
  struct Lines {
    var lines: [SourceLine]
    /// For line n, `locations[n - 1]`.
    var locations: [LineLocation]
    var format: String
    var pages: Int?
    var ocrPages: [Int]
    var notes: [InputNote]
    /// Rows were set apart by geometry (PDF, scans), not by a table's cells.
    var fromLayout: Bool
  }

  static func read(_ bytes: [UInt8], kind: Kind, ocr: OCROptions) throws(ParseError) -> Lines {
    do {
      switch kind {
      case .pdf:
        let reading = try PDFDocumentReader(options: ocr).read(bytes)
        var lines = fromWords(reading.pages)
        lines.format = "pdf"
        lines.ocrPages = reading.ocrPages
        lines.notes = reading.notes
        return lines
      case .image:
        let reading = try ImageDocumentReader(options: ocr).read(bytes)
        var lines = fromWords(reading.pages)
        lines.format = "image"
        lines.ocrPages = ocr.mode == .never ? [] : reading.pages.map(\.page)
        lines.notes = reading.notes
        return lines
      case .docx:
        return fromBlocks(try DOCXReader.read(bytes))
      case .doc:
        var lines = fromBlocks(try LegacyDocConverter().read(bytes))
        lines.format = "docx"
        return lines
      }
    } catch {
      throw .input(error)
    }
  }

  /// Words with boxes as lines: tables whose grid is drawn cut along their drawn lines
  /// (`RuledTables`), everything else through `LayoutBuilder` as OCR output is read. Each word
  /// is numbered by its place in the document, so a built line finds its words' page and box.
  static func fromWords(_ pages: [PageWords]) -> Lines {
    var lines: [SourceLine] = []
    var locations: [LineLocation] = []
    var lastPage = 1
    func add(_ text: Substring, _ box: WordBox?) {
      lines.append(SourceLine(number: lines.count + 1, text: text))
      if let b = box {
        lastPage = b.page
        locations.append(LineLocation(page: b.page, bbox: [b.x0, b.y0, b.x1, b.y1].map(rounded)))
      } else {
        locations.append(LineLocation(page: lastPage, bbox: nil))
      }
    }
    // Words waiting for LayoutBuilder: the run of pages (or parts of pages) between tables.
    var pending: [OCRWord] = []
    func flush() {
      guard pending.contains(where: { !$0.isDrawnRule }) else {
        pending = []
        return
      }
      let built = LayoutBuilder.buildWithBoxes(pending)
      for (k, line) in built.lines.enumerated() { add(line.text, built.boxes[k]) }
      add("", nil)
      pending = []
    }
    var ordinal = 0
    // The last row of the last ruled table, for a table continued on the next page.
    var carried: [String] = []
    for page in pages {
      var words: [OCRWord] = []
      for w in page.words where !w.text.isEmpty {
        ordinal += 1
        words.append(
          OCRWord(
            text: ICUNormalizer.nfc(w.text), page: page.page, x0: w.box.x0, y0: w.box.y0, x1: w.box.x1, y1: w.box.y1,
            conf: w.confidence, lineID: w.lineID, sourceLine: ordinal))
      }
      // The page's drawn lines, as OCR gives its rules: words without text.
      let drawn = page.rules.map { r in
        let (x0, y0, x1, y1) =
          r.isVertical ? (r.position - 0.5, r.start, r.position + 0.5, r.end) : (r.start, r.position - 0.5, r.end, r.position + 0.5)
        return OCRWord(
          text: "", page: page.page, x0: x0, y0: y0, x1: x1, y1: y1, conf: -1, lineID: -1, sourceLine: 0, isDrawnRule: true)
      }
      let tables = RuledTables.find(words: words, rules: drawn)
      guard !tables.isEmpty else {
        pending += drawn + words
        continue
      }
      var rest = words.filter { w in !tables.contains { $0.contains(w) } }
      for table in tables {
        pending += rest.filter { $0.centerY < table.top }
        rest.removeAll { $0.centerY < table.top }
        flush()
        for (k, row) in table.rows.enumerated() {
          var cells = row.cells
          // An empty merged cell at the top of a table goes on with the cell merged down the
          // last rows of the table before it (a lead for tasks either side of a page break).
          for c in table.continued[k] where c < cells.count && c < carried.count && cells[c].isEmpty {
            cells[c] = carried[c]
          }
          while cells.count > 1, cells.last?.isEmpty == true { cells.removeLast() }
          add(Substring(cells.count == 1 ? cells[0] + "\t" : cells.joined(separator: "\t")), WordBox(row.words))
        }
        add("", nil)
        carried = table.rows.last?.cells ?? []
      }
      pending += rest
    }
    flush()
    while let last = lines.last, last.text.isEmpty {
      lines.removeLast()
      locations.removeLast()
    }
    return Lines(
      lines: lines, locations: locations, format: "", pages: pages.count, ocrPages: [], notes: [], fromLayout: true)
  }

  /// A tenth of a point or pixel: finer is noise, and it keeps the JSON short.
  private static func rounded(_ x: Double) -> Double { (x * 10).rounded() / 10 }

  /// A Word document's blocks as lines: a paragraph (with its list label) per line, a table
  /// row per line with its cells parted by tabs (a merged cell once, the places it covers
  /// empty), a blank line between blocks.
  static func fromBlocks(_ document: SourceDocument) -> Lines {
    var lines: [SourceLine] = []
    var locations: [LineLocation] = []
    var page = 1
    func add(_ text: String, page: Int?) {
      lines.append(SourceLine(number: lines.count + 1, text: Substring(text)))
      locations.append(LineLocation(page: page ?? 1, bbox: nil))
    }
    for block in document.blocks {
      switch block {
      case .pageBreak(let p):
        page = p
      case .paragraph(let p):
        let at = p.location.page ?? page
        var parts = p.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let label = p.numbering, !parts.isEmpty { parts[0] = label + " " + parts[0] }
        for part in parts where !part.allSatisfy({ $0 == " " || $0 == "\t" }) { add(part, page: at) }
        add("", page: at)
      case .table(let t):
        let at = t.location.page ?? page
        // The text of the cell that spans down into each grid column.
        var spanning: [Int: String] = [:]
        for row in t.rows {
          var cells: [String] = []
          for cell in row {
            let column = cells.count
            // A place a merged cell covers holds that cell's value (one lead for three tasks),
            // except in the first column, where an empty cell joins the row to the one above.
            let text = cell.isCovered ? (column == 0 ? "" : spanning[column] ?? "") : cellText(cell.text)
            if !cell.isCovered { spanning[column] = text }
            cells.append(text)
            if cell.colSpan > 1 { cells += Array(repeating: "", count: min(cell.colSpan, 64) - 1) }
          }
          while cells.count > 1, cells.last?.isEmpty == true { cells.removeLast() }
          guard cells.contains(where: { !$0.isEmpty }) else { continue }
          // A row of one cell stays a row of its table ("I. NÂNG CAO NHẬN THỨC").
          add(cells.count == 1 ? cells[0] + "\t" : cells.joinedText("\t"), page: row.first?.location.page ?? at)
        }
        add("", page: at)
      }
    }
    return Lines(
      lines: lines, locations: locations, format: "docx", pages: max(document.pages ?? 1, page), ocrPages: [],
      notes: document.notes, fromLayout: false)
  }

  /// A cell's paragraphs joined as one line: tabs and line breaks become spaces, and a
  /// paragraph opening with a list mark starts an item (`PipeCellTable.joinCellLines`).
  static func cellText(_ text: String) -> String {
    let parts = text.split(separator: "\n").map { $0.replacingTabs() }.filter { !$0.isEmpty }
    return PipeCellTable.joinCellLines(parts)
  }
}

/// Where a line of a paged input stands.
struct LineLocation: Sendable, Equatable {
  var page: Int
  var bbox: [Double]?
}

extension Substring {
  fileprivate func replacingTabs() -> String {
    String(self.map { $0 == "\t" ? " " : $0 }).trimmingSpaces()
  }
}
