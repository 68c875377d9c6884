/// The events of the document's region walked once, in order, into blocks: a paragraph per
/// block element's text (`<br>` as "\n"), a table per `<table>` with its real cells, list
/// labels for `<li>`. No recursion: nesting lives in explicit stacks, so depth costs memory,
/// not call stack.
///
/// A table nested in a cell is the cell's text (a row per line, cells parted by tabs), as
/// `WordTable` writes a nested Word table. A table of one column (at most one cell in every
/// row) is layout, not data: its cells' blocks are read in place, so a page that frames its
/// document in a table cell, or Word's framed text, reads as paragraphs and real tables.
struct HTMLBlockBuilder {
  private let tree: HTMLTree
  private let region: DocumentRegion

  /// Something that collects blocks: the document, or a table cell being read.
  private final class Sink {
    var blocks: [SourceBlock] = []
    var paragraph = ParagraphBuilder()

    func flush() {
      if let p = paragraph.finish() { blocks.append(.paragraph(p)) }
    }
  }

  private final class TableFrame {
    let tagLine: Int
    var rows: [(line: Int, cells: [(blocks: [SourceBlock], colspan: Int, rowspan: Int, tagLine: Int)])] = []
    var rowOpen = false

    init(tagLine: Int) { self.tagLine = tagLine }

    func startRow(line: Int) {
      rows.append((line, []))
      rowOpen = true
    }
  }

  private enum Frame {
    case document(Sink)
    case cell(Sink, colspan: Int, rowspan: Int, tagLine: Int)
    case table(TableFrame)
  }

  /// How an element read was handled, so its end undoes it.
  private enum Role { case inline, block, table, row, cell, list, listItem, preformatted }

  private struct Open {
    var node: Int
    var role: Role
    var pushedBold: Bool
  }

  private struct ListState {
    var ordered: Bool
    var next: Int
    var format: NumberFormat
  }

  private var frames: [Frame]
  private var open: [Open] = []
  private var bold: [Bool] = []
  private var lists: [ListState] = []
  private var preformatted = 0

  init(tree: HTMLTree, region: DocumentRegion) {
    self.tree = tree
    self.region = region
    frames = [.document(Sink())]
  }

  mutating func build() -> [SourceBlock] {
    let events = tree.events
    var k = 0
    while k < events.count {
      let e = events[k]
      let n = tree.owner[k]
      defer { k += 1 }
      guard n >= 0 else { continue }
      switch e.kind {
      case .text:
        guard region.included[n] else { continue }
        sink.paragraph.add(e.text, line: e.line, bold: bold.last ?? false, preformatted: preformatted > 0)
      case .start:
        if region.included[n] {
          start(n, e)
        } else {
          // Walked through, or left out whole; a block parts the text around it either way.
          if HTMLElementKind.blocks.contains(e.name) { sink.flush() }
          if !region.onPath[n] { k = max(k, tree.nodes[n].end) }
        }
      case .end:
        if region.included[n] {
          end(n)
        } else if HTMLElementKind.blocks.contains(e.name) {
          sink.flush()
        }
      }
    }
    // Elements the stream never closed.
    while let last = open.last { end(last.node) }
    sink.flush()
    guard case .document(let document) = frames.first else { return [] }
    return document.blocks
  }

  /// The nearest sink: text outside a table's cells (a caption, stray words) goes before the
  /// table, into the sink holding it.
  private var sink: Sink {
    for frame in frames.reversed() {
      switch frame {
      case .document(let s), .cell(let s, _, _, _): return s
      case .table: continue
      }
    }
    fatalError("the document sink is never popped")
  }

  private var table: TableFrame? {
    if case .table(let t) = frames.last { return t }
    return nil
  }

  private mutating func start(_ n: Int, _ e: HTMLEvent) {
    let name = e.name
    var role = Role.inline
    switch name {
    case "br":
      sink.paragraph.lineBreak()
    case "table":
      sink.flush()
      frames.append(.table(TableFrame(tagLine: e.line)))
      role = .table
    case "tr" where table != nil:
      table!.startRow(line: e.line)
      role = .row
    case "td" where table != nil, "th" where table != nil:
      if !table!.rowOpen { table!.startRow(line: e.line) }
      frames.append(.cell(Sink(), colspan: e.attributes.colspan, rowspan: e.attributes.rowspan, tagLine: e.line))
      role = .cell
    case "thead", "tbody", "tfoot", "colgroup", "col":
      role = table != nil ? .inline : .block
    case "ol", "ul", "menu", "dir":
      sink.flush()
      let ordered = name == "ol"
      lists.append(ListState(ordered: ordered, next: e.attributes.start, format: Self.format(e.attributes.type)))
      role = .list
    case "li":
      sink.flush()
      sink.paragraph.numbering = nextLabel()
      role = .listItem
    case "pre", "listing", "xmp", "plaintext":
      sink.flush()
      preformatted += 1
      role = .preformatted
    default:
      if HTMLElementKind.blocks.contains(name) {
        sink.flush()
        role = .block
      }
    }
    var pushedBold = false
    if let b = HTMLElementKind.boldness(e.attributes.style) ?? (HTMLElementKind.bold.contains(name) ? true : nil) {
      bold.append(b)
      pushedBold = true
    }
    open.append(Open(node: n, role: role, pushedBold: pushedBold))
  }

  private mutating func end(_ n: Int) {
    // The parser balances elements; should an end still come unmatched, what it closes over
    // is closed first.
    guard open.contains(where: { $0.node == n }) else { return }
    while let o = open.popLast() {
      close(o)
      if o.node == n { break }
    }
  }

  private mutating func close(_ o: Open) {
    if o.pushedBold { bold.removeLast() }
    switch o.role {
    case .inline: break
    case .block: sink.flush()
    case .preformatted:
      sink.flush()
      preformatted -= 1
    case .list:
      sink.flush()
      lists.removeLast()
    case .listItem:
      sink.flush()
      sink.paragraph.numbering = nil
    case .row:
      table?.rowOpen = false
    case .cell:
      guard case .cell(let s, let colspan, let rowspan, let tagLine) = frames.last else { return }
      s.flush()
      frames.removeLast()
      if let t = table {
        if t.rows.isEmpty { t.startRow(line: tagLine) }
        t.rows[t.rows.count - 1].cells.append((s.blocks, colspan, rowspan, tagLine))
      }
    case .table:
      // Cells the stream left open are closed with it.
      while let last = frames.last, case .cell = last { close(Open(node: o.node, role: .cell, pushedBold: false)) }
      guard case .table(let t) = frames.last else { return }
      frames.removeLast()
      sink.flush()
      sink.blocks += Self.blocks(of: t)
    }
  }

  private mutating func nextLabel() -> String? {
    guard !lists.isEmpty else { return nil }
    let list = lists[lists.count - 1]
    guard list.ordered else { return "-" }
    lists[lists.count - 1].next += 1
    return list.format.render(list.next) + "."
  }

  private static func format(_ type: String?) -> NumberFormat {
    switch type {
    case "a": .lowerLetter
    case "A": .upperLetter
    case "i": .lowerRoman
    case "I": .upperRoman
    default: .decimal
    }
  }

  /// A finished table as blocks: one table, the cells' own blocks when it is layout, nothing
  /// when it holds no text.
  private static func blocks(of t: TableFrame) -> [SourceBlock] {
    let cells = t.rows.flatMap(\.cells)
    guard !cells.isEmpty else { return [] }
    if t.rows.allSatisfy({ $0.cells.count <= 1 }) {
      return cells.flatMap(\.blocks)
    }
    let rows = t.rows.map { row in
      HTMLTableGrid.Row(
        cells: row.cells.map { c in
          HTMLTableGrid.Cell(
            text: text(of: c.blocks), colspan: c.colspan, rowspan: c.rowspan, line: firstLine(of: c.blocks) ?? c.tagLine)
        }, line: row.line)
    }
    let resolved = HTMLTableGrid.resolve(rows).filter { !$0.isEmpty }
    let first = resolved.joined().first { !$0.isCovered && !$0.text.isEmpty }
    guard let first else { return [] }
    return [.table(SourceTable(rows: resolved, location: first.location))]
  }

  /// A cell's blocks as its text: paragraphs (with their list labels) and nested tables, one
  /// after another on lines of their own.
  private static func text(of blocks: [SourceBlock]) -> String {
    blocks.compactMap { block -> String? in
      switch block {
      case .paragraph(let p): return [p.numbering, p.text].compactMap { $0 }.joined(separator: " ")
      case .table(let t): return WordTable.text(of: t.rows)
      case .text(let t): return t.text
      case .pageBreak: return nil
      }
    }.joined(separator: "\n")
  }

  private static func firstLine(of blocks: [SourceBlock]) -> Int? {
    for block in blocks {
      switch block {
      case .paragraph(let p): return p.location.line
      case .table(let t): return t.location.line
      case .text(let t): return t.locations?.first?.line
      case .pageBreak: continue
      }
    }
    return nil
  }
}
