import VanBanInputs
import VanBanText

/// A `SourceDocument`'s blocks as the lines the parser reads, whatever format they came from:
/// a paragraph (with its list label) per line, a table row per line with its cells parted by
/// tabs (a merged cell's value in every row it spans, except in the first column), lines of
/// text as they are, and a blank line between blocks. Each line keeps where it stands: the
/// file's line its location gives (a text file's, an HTML page's source line), or, in a file
/// without lines (PDF, DOCX: location line 0), its place in reading order.
struct SourceLowering {
  var lines = RawLines()
  /// For line n, `locations[n - 1]`; empty for inputs without pages.
  var locations: [LineLocation] = []
  /// Pages seen, for inputs with pages.
  var pages: Int?

  static func lower(_ document: SourceDocument) -> SourceLowering {
    var out = SourceLowering()
    out.run(document)
    return out
  }

  private var page = 1
  private var paged = false

  private mutating func add(_ text: Substring, number: Int = 0, page at: Int? = nil, bbox: BoundingBox? = nil) {
    let p = at ?? page
    page = p
    lines.append(text, number: number > 0 ? number : lines.count + 1)
    if paged { locations.append(LineLocation(page: p, bbox: bbox.map(Self.rounded))) }
  }

  /// A blank line between two blocks, never two in a row, never first.
  private mutating func separate() {
    guard !lines.isEmpty, !lines.isBlank(lines.count - 1) else { return }
    add("", number: lines.number(lines.count - 1))
  }

  private mutating func run(_ document: SourceDocument) {
    paged = document.pages != nil
    for block in document.blocks {
      switch block {
      case .pageBreak(let p):
        page = p
      case .text(let t):
        separate()
        text(t)
      case .paragraph(let p):
        separate()
        var parts = p.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let label = p.numbering, !parts.isEmpty { parts[0] = label + " " + parts[0] }
        for part in parts where !part.allSatisfy({ $0 == " " || $0 == "\t" }) {
          add(Substring(Self.normalized(part)), number: p.location.line, page: p.location.page, bbox: p.location.bbox)
        }
      case .table(let t):
        separate()
        table(t)
      }
    }
    if paged {
      while !lines.isEmpty, lines.isBlank(lines.count - 1) {
        lines.removeLast()
        locations.removeLast()
      }
      pages = max(document.pages ?? 1, page)
    }
  }

  private mutating func text(_ t: SourceText) {
    guard let locations = t.locations else {
      let base = lines.count
      if base == 0, !paged, HTMLTableFragments.mayHold(t.text) {
        // A text file with HTML fragments a markdown conversion left in it, expanded to rows.
        for line in HTMLTableFragments.expand(LineSplitter.split(t.text), text: t.text) {
          add(line.text, number: line.number)
        }
        return
      }
      // Its own lines, numbered on from those before (a text file's from 1); each with its
      // page in a paged input.
      if paged {
        for line in LineSplitter.split(t.text) { add(line.text, number: base + line.number) }
      } else {
        lines.append(text: t.text, firstNumber: base + 1)
      }
      return
    }
    for (k, line) in LineSplitter.split(t.text).enumerated() {
      let at = k < locations.count ? locations[k] : SourceLocation(line: 0)
      add(line.text, number: at.line, page: at.page, bbox: at.bbox)
    }
  }

  private mutating func table(_ t: SourceTable) {
    let at = t.location.page ?? page
    // The text of the cell that spans down into each grid column.
    var spanning: [Int: String] = [:]
    for row in t.rows {
      var cells: [String] = []
      var box: BoundingBox?
      for cell in row {
        let column = cells.count
        // A place a merged cell covers holds that cell's value (one lead for three tasks),
        // except in the first column, where an empty cell joins the row to the one above.
        let text = cell.isCovered ? (column == 0 ? "" : spanning[column] ?? "") : Self.cellText(Self.normalized(cell.text))
        if !cell.isCovered { spanning[column] = text }
        cells.append(text)
        if cell.colSpan > 1 { cells += Array(repeating: "", count: min(cell.colSpan, 64) - 1) }
        if let b = cell.location.bbox, !cell.isCovered { box = box.map { $0.union(b) } ?? b }
      }
      while cells.count > 1, cells.last?.isEmpty == true { cells.removeLast() }
      guard cells.contains(where: { !$0.isEmpty }) else { continue }
      // A row of one cell stays a row of its table ("I. NÂNG CAO NHẬN THỨC").
      let text = cells.count == 1 ? cells[0] + "\t" : cells.joinedText("\t")
      add(Substring(text), number: row.first?.location.line ?? 0, page: row.first?.location.page ?? at, bbox: box)
    }
  }

  /// NFC with one tone placement ("hòa", not "hoà"), as the text readers give their lines:
  /// a Word file or a page typed with old-style tones parses as the same plan typed new-style.
  static func normalized(_ text: String) -> String {
    ToneStyle.modernize(ICUNormalizer.nfc(text))
  }

  /// A cell's paragraphs joined as one line: tabs and line breaks become spaces, and a
  /// paragraph opening with a list mark starts an item (`PipeCellTable.joinCellLines`).
  static func cellText(_ text: String) -> String {
    let parts = text.split(separator: "\n").map { $0.replacingTabs() }.filter { !$0.isEmpty }
    return PipeCellTable.joinCellLines(parts)
  }

  /// A tenth of a point or pixel: finer is noise, and it keeps the JSON short.
  private static func rounded(_ b: BoundingBox) -> [Double] {
    [b.x0, b.y0, b.x1, b.y1].map { ($0 * 10).rounded() / 10 }
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
