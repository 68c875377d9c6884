import VanBanText

/// The words of a PDF's or a scan's pages, with their boxes and drawn lines, as blocks: a
/// table whose grid is drawn is cut along its lines (`RuledTables`) into a table of cells;
/// everything else — the two-column head and footer, prose, tables without a grid — goes
/// through `LayoutBuilder` as OCR output does and becomes lines of text, columns parted by
/// tabs. The words are numbered by their place in the document, and every line and cell keeps
/// the page and box of its words.
enum PagedLayout {
  static func blocks(_ pages: [PageWords], columnNames: any ColumnHeaderLexicon) -> [SourceBlock] {
    var blocks: [SourceBlock] = []
    // Words waiting for LayoutBuilder: the run of pages (or parts of pages) between tables,
    // with their own texts, so that each run's texts are let go with it.
    var pending = OCRWords()
    func flush() {
      guard pending.words.contains(where: { !$0.isDrawnRule }) else {
        pending = OCRWords()
        return
      }
      let built = LayoutBuilder.buildWithBoxes(pending, columnNames: columnNames)
      var lastPage = pending.words.first { !$0.isDrawnRule }?.page ?? 1
      var locations: [SourceLocation] = []
      locations.reserveCapacity(built.lines.count)
      for box in built.boxes {
        if let b = box { lastPage = b.page }
        locations.append(SourceLocation(line: 0, page: lastPage, bbox: box.map(Self.bbox)))
      }
      blocks.append(.text(SourceText(text: built.lines.map(\.text).joined(separator: "\n"), locations: locations)))
      pending = OCRWords()
    }
    func hold(_ words: [OCRWord], _ texts: WordTexts) {
      for w in words { pending.append(w, from: texts) }
    }
    var ordinal = 0
    // The last row of the last ruled table, for a table continued on the next page.
    var carried: [String] = []
    for page in pages {
      var texts = WordTexts()
      var words: [OCRWord] = []
      words.reserveCapacity(page.words.count)
      for w in page.words where !w.text.isEmpty {
        ordinal += 1
        words.append(
          OCRWord(
            text: ICUNormalizer.nfc(w.text), in: &texts, page: page.page, x0: w.box.x0, y0: w.box.y0, x1: w.box.x1,
            y1: w.box.y1, conf: w.confidence, lineID: w.lineID, sourceLine: ordinal))
      }
      // The page's drawn lines, as OCR gives its rules: words without text.
      let drawn = page.rules.map { r in
        let (x0, y0, x1, y1) =
          r.isVertical ? (r.position - 0.5, r.start, r.position + 0.5, r.end) : (r.start, r.position - 0.5, r.end, r.position + 0.5)
        return OCRWord(
          text: "", in: &texts, page: page.page, x0: x0, y0: y0, x1: x1, y1: y1, conf: -1, lineID: -1, sourceLine: 0,
          isDrawnRule: true)
      }
      let tables = RuledTables.find(words: words, rules: drawn, texts: texts)
      guard !tables.isEmpty else {
        hold(drawn + words, texts)
        continue
      }
      var rest = words.filter { w in !tables.contains { $0.contains(w) } }
      for table in tables {
        hold(rest.filter { $0.centerY < table.top }, texts)
        rest.removeAll { $0.centerY < table.top }
        flush()
        blocks.append(.table(sourceTable(table, page: page.page, carried: carried)))
        carried = table.rows.last?.cells ?? []
      }
      hold(rest, texts)
    }
    flush()
    return blocks
  }

  /// A ruled table's rows as cells, each with the box of its words in that row. A merged
  /// cell's text stands in every row it spans (as `RuledTables` reads it); an empty merged cell
  /// at the top of the table goes on with the cell merged down the last rows of the table
  /// before it (a lead for tasks either side of a page break).
  static func sourceTable(_ table: RuledTables.Table, page: Int, carried: [String]) -> SourceTable {
    let bounds = table.columns
    var rows: [[SourceCell]] = []
    rows.reserveCapacity(table.rows.count)
    for (k, row) in table.rows.enumerated() {
      var texts = row.cells
      for c in table.continued[k] where c < texts.count && c < carried.count && texts[c].isEmpty {
        texts[c] = carried[c]
      }
      // The row's words by column, for each cell's box.
      var boxes = [BoundingBox?](repeating: nil, count: texts.count)
      for w in row.words {
        guard let c = bounds.indices.dropFirst().first(where: { w.centerX < bounds[$0] }).map({ $0 - 1 }), c < boxes.count
        else { continue }
        let b = BoundingBox(x0: w.x0, y0: w.y0, x1: w.x1, y1: w.y1)
        boxes[c] = boxes[c].map { $0.union(b) } ?? b
      }
      rows.append(
        texts.indices.map { c in
          SourceCell(text: texts[c], location: SourceLocation(line: 0, page: page, bbox: boxes[c]))
        })
    }
    let box = BoundingBox(x0: table.x0, y0: table.top, x1: table.x1, y1: table.bottom)
    return SourceTable(rows: rows, location: SourceLocation(line: 0, page: page, bbox: box))
  }

  static func bbox(_ b: WordBox) -> BoundingBox {
    BoundingBox(x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1)
  }
}
