/// Tables whose grid is drawn (a born-digital PDF's bordered tables): the drawn lines give the
/// rows and columns outright, so a cell is exactly the words inside its box, however narrow
/// the column or however close its words come to the next one. Only where the grid is drawn
/// does this apply; borderless layouts (the two-column head and footer) go to `LayoutBuilder`,
/// which finds columns from the white between words.
enum RuledTables {
  struct Table {
    var top: Double
    var bottom: Double
    var x0: Double
    var x1: Double
    /// Where the columns part: the grid's vertical lines, left to right.
    var columns: [Double] = []
    /// Each row's cells (a merged cell's text in its first column, the columns it covers
    /// empty) and the words it holds.
    var rows: [(cells: [String], words: [OCRWord])]
    /// Per row, the columns whose cell is an empty merged cell at the top of its column
    /// (under the header at most): the rest of a cell merged down rows on the page before.
    var continued: [Set<Int>] = []

    func contains(_ w: OCRWord) -> Bool {
      w.centerY > top && w.centerY < bottom && w.centerX > x0 && w.centerX < x1
    }
  }

  /// The ruled tables of one page, top to bottom: grids of at least two rows and two columns.
  static func find(words: [OCRWord], rules: [OCRWord], texts: WordTexts) -> [Table] {
    let vertical = rules.filter { $0.height > $0.width }
    let horizontal = rules.filter { $0.width >= $0.height }
    guard vertical.count >= 3, horizontal.count >= 2 else { return [] }
    let tol = 2.0
    // Tables are the connected groups of crossing lines.
    var parent = Array(0..<(vertical.count + horizontal.count))
    func root(_ i: Int) -> Int {
      var i = i
      while parent[i] != i {
        parent[i] = parent[parent[i]]
        i = parent[i]
      }
      return i
    }
    for (a, v) in vertical.enumerated() {
      for (b, h) in horizontal.enumerated()
      where v.centerX >= h.x0 - tol && v.centerX <= h.x1 + tol && h.centerY >= v.y0 - tol && h.centerY <= v.y1 + tol {
        parent[root(a)] = root(vertical.count + b)
      }
    }
    var groups: [Int: (v: [OCRWord], h: [OCRWord])] = [:]
    for (a, v) in vertical.enumerated() { groups[root(a), default: ([], [])].v.append(v) }
    for (b, h) in horizontal.enumerated() { groups[root(vertical.count + b), default: ([], [])].h.append(h) }
    var tables: [Table] = []
    for (_, g) in groups {
      let xs = cluster(g.v.map(\.centerX), tol)
      var ys = cluster(g.h.map(\.centerY), tol)
      guard xs.count >= 3, ys.count >= 2 else { continue }
      // A row cut by the page break has no line on its open side: the columns' lines run on
      // past the grid's first (or last) line, and the words there are that row's part.
      if let top = g.v.map(\.y0).min(), top < ys[0] - 3 * tol { ys.insert(top, at: 0) }
      if let bottom = g.v.map(\.y1).max(), bottom > ys[ys.count - 1] + 3 * tol { ys.append(bottom) }
      let x0 = xs[0]
      let x1 = xs[xs.count - 1]
      // OCR reads a stretch of border as "|" or "l": such a word on a drawn line is the line.
      let inside = words.filter { w in
        w.hasText && w.centerY > ys[0] && w.centerY < ys[ys.count - 1] && w.centerX > x0 && w.centerX < x1
          && !(texts[w].allSatisfy { "|!lI[]_".contains($0) } && xs.contains { abs($0 - w.centerX) < 3 })
      }
      guard !inside.isEmpty else { continue }
      // Whether the row boundary `ys[r]` is drawn across x: where it is not, the cell above
      // and the cell below are one (a lead agency merged over three tasks).
      func across(_ r: Int, at x: Double) -> Bool {
        g.h.contains { abs($0.centerY - ys[r]) <= tol && $0.x0 - tol <= x && $0.x1 + tol >= x }
      }
      var rows: [(cells: [String], words: [OCRWord])] = []
      var continued: [Set<Int>] = []
      // Columns that have had a cell with text below the first row.
      var filled: Set<Int> = []
      for r in 0..<(ys.count - 1) {
        let top = ys[r]
        let bottom = ys[r + 1]
        let band = inside.filter { $0.centerY > top && $0.centerY < bottom }
        guard !band.isEmpty else { continue }
        // A boundary holds in this row where its drawn line crosses the row's middle.
        let middle = (top + bottom) / 2
        let drawn = xs.map { x in g.v.contains { abs($0.centerX - x) <= tol && $0.y0 <= middle && $0.y1 >= middle } }
        var cells = Array(repeating: "", count: xs.count - 1)
        var open: Set<Int> = []
        var start = 0
        for c in 1..<xs.count where c == xs.count - 1 || drawn[c] {
          let lo = xs[start]
          let hi = xs[c]
          let centre = (lo + hi) / 2
          // The rows this cell spans: up and down past boundaries not drawn across it.
          var first = r
          while first > 0, !across(first, at: centre) { first -= 1 }
          var last = r
          while last < ys.count - 2, !across(last + 1, at: centre) { last += 1 }
          let cellWords = inside.filter { $0.centerX > lo && $0.centerX < hi && $0.centerY > ys[first] && $0.centerY < ys[last + 1] }
          // A merged cell's value stands in every row it spans, except in the first column,
          // where an empty cell joins the row to the one above.
          cells[start] = start == 0 && first < r ? "" : text(cellWords, texts)
          if start > 0, last > first, cellWords.isEmpty, !filled.contains(start) { open.insert(start) }
          if !cells[start].isEmpty, r > 0 { filled.insert(start) }
          start = c
        }
        rows.append((cells, band))
        continued.append(open)
      }
      guard !rows.isEmpty else { continue }
      tables.append(
        Table(top: ys[0], bottom: ys[ys.count - 1], x0: x0, x1: x1, columns: xs, rows: rows, continued: continued))
    }
    return tables.sorted { $0.top < $1.top }
  }

  /// Positions within `tol` of each other as one, sorted.
  private static func cluster(_ values: [Double], _ tol: Double) -> [Double] {
    var out: [(sum: Double, n: Double, last: Double)] = []
    for v in values.sorted() {
      if let l = out.last, v - l.last <= tol {
        out[out.count - 1] = (l.sum + v, l.n + 1, v)
      } else {
        out.append((v, 1, v))
      }
    }
    return out.map { $0.sum / $0.n }
  }

  /// A cell's words in reading order: line by line (words whose middles are within half a
  /// line of each other), left to right; the lines parted by "\n", as a Word cell's
  /// paragraphs are.
  static func text(_ words: [OCRWord], _ texts: WordTexts) -> String {
    // OCR reads a cell border touching a word as a "|" glued to it ("ST|"): inside a drawn
    // grid a bar is never the cell's text.
    typealias Word = (box: OCRWord, text: String)
    let words = words.compactMap { w -> Word? in
      let text = texts[w]
      guard text.contains("|") else { return (w, text) }
      let kept = String(text.filter { $0 != "|" })
      return kept.isEmpty ? nil : (w, kept)
    }
    guard !words.isEmpty else { return "" }
    var lines: [[Word]] = []
    if words.allSatisfy({ $0.box.lineID >= 0 }) {
      // The reader's own lines (Tesseract's, poppler's): two lines set close in a narrow
      // header cell ("Cơ quan" / "chủ trì") stay two, where middles alone would merge them.
      var byLine: [Int: [Word]] = [:]
      for w in words { byLine[w.box.lineID, default: []].append(w) }
      lines = byLine.values.sorted { a, b in
        a.map(\.box.centerY).reduce(0, +) / Double(a.count) < b.map(\.box.centerY).reduce(0, +) / Double(b.count)
      }
    } else {
      let height = words.map(\.box.height).sorted()[words.count / 2]
      for w in words.sorted(by: { $0.box.centerY < $1.box.centerY }) {
        if let k = lines.indices.last, abs(lines[k][0].box.centerY - w.box.centerY) < 0.5 * max(height, 1) {
          lines[k].append(w)
        } else {
          lines.append([w])
        }
      }
    }
    let parts = lines.map { $0.sorted { $0.box.x0 < $1.box.x0 }.map(\.text).joined(separator: " ") }
    return parts.joined(separator: "\n")
  }
}
