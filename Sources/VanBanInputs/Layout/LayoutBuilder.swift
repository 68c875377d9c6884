import VanBanBytes
import VanBanText

/// Turns the words of an OCR file into the lines the text parser reads: prose lines joined
/// into paragraphs with blank lines between them, table rows as tab-separated cells, and
/// side-by-side blocks (issuer beside the national motto) one after the other.
struct LayoutBuilder {
  private(set) var output: [SourceLine] = []
  /// For each line of `output`, the page and the box of the words it was built from (nil
  /// for a blank line): where a PDF's or a scan's items stand.
  private(set) var boxes: [WordBox?] = []
  /// Column boundaries of the last table, so a table continued on the next page without its
  /// header keeps its empty columns.
  private var lastTable: TableGeometry?
  /// Prose lines written since the last table; only page numbers may stand between two parts
  /// of one table.
  private var proseSinceTable = 0
  /// The prose lines written since the last table row, with their words: a line of a table
  /// that missed its region (a speck filled a gutter) is rewritten as a row when the table
  /// goes on below it.
  private var strayProse: [(index: Int, lines: [VisualLine])] = []
  /// Where the last table row stands in `output`.
  private var lastRowIndex: Int?
  /// Which cells name columns: a header row starts a table and fixes a continued one's columns.
  private let columnNames: any ColumnHeaderLexicon
  /// Horizontal table rules of the current page (deskewed): where Tesseract saw them, they
  /// bound rows better than any spacing, since cells may be centred vertically.
  private var rules: [OCRWord] = []
  /// Vertical lines drawn on the current page (a PDF's table grid, deskewed): a gap a grid
  /// line runs through parts two columns however narrow it is.
  private var columnRules: [OCRWord] = []
  /// The texts the words name.
  private var texts: WordTexts

  struct TableGeometry {
    var boundaries: [Double]
    var minX: Double
    var maxX: Double
  }

  struct Interval {
    var lo: Double
    var hi: Double
  }

  /// Scale of one page: everything geometric is measured in these.
  struct Metrics {
    /// Median word height.
    var height: Double
    /// Median space between words of a line.
    var space: Double
    /// A gap this wide may separate two columns.
    var wideGap: Double { max(1.1 * height, 2.2 * space) }
    /// A column gutter stays at least this wide over all the lines of a table.
    var minGutter: Double { max(0.6 * height, 1.6 * space) }
  }

  init(columnNames: any ColumnHeaderLexicon, texts: WordTexts) {
    self.columnNames = columnNames
    self.texts = texts
  }

  static func build(_ words: OCRWords, columnNames: any ColumnHeaderLexicon) -> [SourceLine] {
    buildWithBoxes(words, columnNames: columnNames).lines
  }

  /// The lines, and for each the page and box of its words.
  static func buildWithBoxes(_ input: OCRWords, columnNames: any ColumnHeaderLexicon) -> (
    lines: [SourceLine], boxes: [WordBox?]
  ) {
    var builder = LayoutBuilder(columnNames: columnNames, texts: input.texts)
    let words = input.words
    var start = 0
    // OCR files list their pages in order: the stable sort by page is then the words as they
    // are, and only files that interleave pages pay for it.
    // By index: zipping the words with themselves copied each of them twice.
    let inPageOrder = words.indices.dropFirst().allSatisfy { words[$0 - 1].page <= words[$0].page }
    let ordered = inPageOrder ? words : words.enumerated().sorted { ($0.element.page, $0.offset) < ($1.element.page, $1.offset) }.map(\.element)
    while start < ordered.count {
      var end = start + 1
      while end < ordered.count, ordered[end].page == ordered[start].page { end += 1 }
      builder.page(start == 0 && end == ordered.count ? ordered : Array(ordered[start..<end]))
      start = end
    }
    builder.blank()
    while let last = builder.output.last, last.text.isEmpty {
      builder.output.removeLast()
      builder.boxes.removeLast()
    }
    return (builder.output, builder.boxes)
  }

  // MARK: - Output

  private mutating func emit(_ text: String, line: Int, words: [OCRWord]) {
    emit(text, line: line, box: WordBox(words))
  }

  private mutating func emit(_ text: String, line: Int, box: WordBox?) {
    output.append(SourceLine(number: line, text: Substring(text)))
    boxes.append(box)
  }

  private mutating func blank() {
    guard let last = output.last, !last.text.isEmpty else { return }
    output.append(SourceLine(number: last.number, text: ""))
    boxes.append(nil)
  }

  // MARK: - Page

  private mutating func page(_ raw: [OCRWord]) {
    var textHeights: [Double] = []
    textHeights.reserveCapacity(raw.count)
    for k in raw.indices where raw[k].isText && raw[k].height > 0 { textHeights.append(raw[k].height) }
    guard !textHeights.isEmpty else { return }
    let height0 = ocrMedian(textHeights)
    // `dropNoise` drops the empty words (rules) too.
    let cleaned = VisualLines.dropNoise(raw, height: height0, texts: &texts)
    let slope = VisualLines.skew(cleaned)
    let words = VisualLines.deskew(cleaned, slope: slope)
    // A rule's box on a rotated scan is as tall as the rotation lifts its far end.
    rules = VisualLines.deskew(
      raw.filter { !$0.hasText && $0.width > 8 * height0 && $0.height < 0.6 * height0 + abs(slope) * $0.width },
      slope: slope)
    columnRules = VisualLines.deskew(
      raw.filter { $0.isDrawnRule && $0.height > 2 * height0 && $0.width < 0.5 * height0 }, slope: slope)
    let lines = VisualLines.alignedRows(words) ?? VisualLines.build(words, height: height0)
    guard !lines.isEmpty else { return }
    var gaps: [Double] = []
    for l in lines {
      for k in l.words.indices.dropFirst() {
        let g = l.words[k].x0 - l.words[k - 1].x1
        if g > 0, g < 1.5 * height0 { gaps.append(g) }
      }
    }
    let metrics = Metrics(height: height0, space: gaps.isEmpty ? 0.3 * height0 : ocrMedian(gaps))
    blank()

    var regions: [(range: Range<Int>, gutters: [Interval])] = []
    var k = 0
    while k < lines.count {
      if let r = region(lines, from: k, metrics) {
        regions.append(r)
        k = r.range.upperBound
      } else {
        k += 1
      }
    }
    // A cell continued from the previous page leaves a line or two above the first full row;
    // they belong to the table when nothing but them stands above it on the page.
    // Only the page's first region can have nothing above it.
    if let first = regions.first {
      var start = first.range.lowerBound
      while start > 0, !lines[start - 1].isLoneNumber(texts), fits(lines[start - 1], below: lines[start], first.gutters, metrics) {
        start -= 1
      }
      if start < first.range.lowerBound, lines[..<start].allSatisfy({ $0.isLoneNumber(texts) }) {
        regions[0].range = start..<first.range.upperBound
      }
    }
    let proseLines = lines.indices.filter { i in !regions.contains { $0.range.contains(i) } }.map { lines[$0] }
    let margins = Margins(proseLines, metrics: metrics)

    var paragraph: (text: String, line: Int, visual: [VisualLine])?
    var previous: VisualLine?
    var i = 0
    var regionIndex = 0
    while i < lines.count {
      if regionIndex < regions.count, regions[regionIndex].range.lowerBound == i {
        if let p = paragraph { emitProse(p) }
        paragraph = nil
        previous = nil
        let r = regions[regionIndex]
        emitRegion(Array(lines[r.range]), gutters: r.gutters, metrics)
        i = r.range.upperBound
        regionIndex += 1
        continue
      }
      let line = lines[i]
      i += 1
      let text = line.text(texts)
      let loneNumber = line.isLoneNumber(texts)
      if let prev = previous, paragraph != nil {
        // A number alone on its line (a page number, a row number of a table whose cells are
        // stacked) never ends the paragraph above, however full that paragraph's last line.
        switch loneNumber ? .newParagraph : margins.relation(prev, line, metrics, texts) {
        case .join:
          // Grown in place: a copy of the paragraph grown and stored back copied its text and
          // its lines at every line joined.
          if !Hyphenation.endsWithBrokenHyphen(paragraph!.text) { paragraph!.text.append(" ") }
          paragraph!.text.append(text)
          paragraph!.visual.append(line)
          previous = line
          continue
        case .newLine:
          emitProse(paragraph!)
        case .newParagraph:
          emitProse(paragraph!)
          blank()
        }
      }
      paragraph = (text, line.sourceLine, [line])
      previous = line
      if !loneNumber { proseSinceTable += 1 }
      if loneNumber {
        // A page number stands alone so the parser can drop it.
        blank()
        emit(text, line: line.sourceLine, words: line.words)
        blank()
        paragraph = nil
        previous = nil
      }
    }
    if let p = paragraph { emitProse(p) }
    blank()
  }

  private mutating func emitProse(_ p: (text: String, line: Int, visual: [VisualLine])) {
    emit(p.text, line: p.line, box: WordBox(lines: p.visual))
    strayProse.append((output.count - 1, p.visual))
  }

  /// Prose lines since the last table that are rows of it: at most two, inside its columns,
  /// using two of them, and with no word across a column boundary (prose lines always have).
  private func strayRows(_ last: TableGeometry, _ m: Metrics) -> Bool {
    guard proseSinceTable > 0, proseSinceTable <= 2, strayProse.count == proseSinceTable else { return false }
    return strayProse.allSatisfy { stray in
      stray.lines.allSatisfy { l in
        let words = l.words.filter(\.isText)
        return l.x0 >= last.minX - 5 * m.height && l.x1 <= last.maxX + 5 * m.height
          && Set(words.map { Self.column(of: $0, last.boundaries) }).count >= 2
          && !words.contains { w in last.boundaries.contains { w.x0 + 0.5 * m.height < $0 && $0 < w.x1 - 0.5 * m.height } }
      }
    }
  }

  static func isLoneNumber(_ s: String) -> Bool { s.withUTF8Bytes(isLoneNumber(utf8:)) }

  /// `isLoneNumber` of a text's UTF-8.
  static func isLoneNumber(utf8 b: UnsafeBufferPointer<UInt8>) -> Bool {
    !b.isEmpty && b.count <= 3 && b.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
  }

  // MARK: - Regions

  /// Word boxes merged where they touch or nearly do.
  static func occupancy(_ boxes: [Interval], merging tolerance: Double) -> [Interval] {
    var out: [Interval] = []
    for b in boxes.sorted(by: { $0.lo < $1.lo }) { absorb(b, into: &out, merging: tolerance) }
    return out
  }

  /// The next box in order of `lo` merged into the occupancy so far, or added after it.
  @inline(__always)
  private static func absorb(_ box: Interval, into out: inout [Interval], merging tolerance: Double) {
    if var last = out.last, box.lo <= last.hi + tolerance {
      last.hi = max(last.hi, box.hi)
      out[out.count - 1] = last
    } else {
      out.append(box)
    }
  }

  /// `occupancy(a + b, merging:)` of two runs each in order of `lo` (a region's occupancy so
  /// far and a line's boxes, left to right), merged in one pass where the sort compared them
  /// all again for every line a region grows by. Taken from `a` first on a tie, the boxes
  /// come in the stable sort's order, so the merging sees what it saw; input out of order (or
  /// a NaN) takes the sort.
  static func occupancy(_ a: [Interval], adding b: [Interval], merging tolerance: Double) -> [Interval] {
    func inOrder(_ x: [Interval]) -> Bool {
      for k in x.indices where !(x[k].lo == x[k].lo && (k == 0 || x[k - 1].lo <= x[k].lo)) { return false }
      return true
    }
    guard inOrder(a), inOrder(b) else { return occupancy(a + b, merging: tolerance) }
    var out: [Interval] = []
    out.reserveCapacity(a.count + b.count)
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      if j == b.count || (i < a.count && a[i].lo <= b[j].lo) {
        absorb(a[i], into: &out, merging: tolerance)
        i += 1
      } else {
        absorb(b[j], into: &out, merging: tolerance)
        j += 1
      }
    }
    return out
  }

  /// The gutters of `occupied` on the lines from `top` to `bottom`: gaps `minWidth` wide, or
  /// narrower ones a drawn grid line runs through.
  private func gutters(_ occupied: [Interval], minWidth: Double, top: Double, bottom: Double) -> [Interval] {
    guard !columnRules.isEmpty else { return Self.gutters(occupied, minWidth: minWidth) }
    let xs = columnRules.filter { $0.y0 <= bottom && $0.y1 >= top }.map(\.centerX)
    var out: [Interval] = []
    for k in occupied.indices.dropFirst() {
      let lo = occupied[k - 1].hi
      let hi = occupied[k].lo
      if hi - lo >= minWidth || (hi - lo >= 0.5 && xs.contains { $0 > lo && $0 < hi }) {
        out.append(Interval(lo: lo, hi: hi))
      }
    }
    return out
  }

  /// Whether a drawn grid line runs between two of the line's words.
  private func crossesGridLine(_ line: VisualLine) -> Bool {
    guard !columnRules.isEmpty else { return false }
    let xs = columnRules.filter { $0.y0 <= line.bottom && $0.y1 >= line.top }.map(\.centerX)
    return line.words.indices.dropFirst().contains { k in
      xs.contains { $0 > line.words[k - 1].x1 - 0.5 && $0 < line.words[k].x0 + 0.5 }
    }
  }

  private static func gutters(_ occupied: [Interval], minWidth: Double) -> [Interval] {
    var out: [Interval] = []
    for k in occupied.indices.dropFirst() where occupied[k].lo - occupied[k - 1].hi >= minWidth {
      out.append(Interval(lo: occupied[k - 1].hi, hi: occupied[k].lo))
    }
    return out
  }

  /// Only words with letters or digits define columns: specks and rule fragments read as
  /// `|`, `_` or `°` would otherwise fill the gutters.
  /// Whether a line stays inside the columns of a region just below it.
  private func fits(_ line: VisualLine, below next: VisualLine, _ gutters: [Interval], _ m: Metrics) -> Bool {
    guard next.top - line.bottom <= 2.2 * m.height else { return false }
    return !Self.boxes(line).contains { b in gutters.contains { min(b.hi, $0.hi) - max(b.lo, $0.lo) > 0.1 * m.height } }
  }

  private static func boxes(_ line: VisualLine) -> [Interval] {
    var out: [Interval] = []
    out.reserveCapacity(line.words.count)
    for k in line.words.indices where line.words[k].isText {
      out.append(Interval(lo: line.words[k].x0, hi: line.words[k].x1))
    }
    return out
  }

  /// A run of lines, starting at `start`, whose words leave the same vertical white strips
  /// (column gutters) free: a table or side-by-side blocks. Justified prose never keeps a
  /// strip free over two lines, so one line crossing a gutter ends the run.
  private func region(_ lines: [VisualLine], from start: Int, _ m: Metrics) -> (range: Range<Int>, gutters: [Interval])? {
    let first = lines[start]
    guard first.words.count >= 2 else { return nil }
    let hasWideGap = first.words.indices.dropFirst().contains { first.words[$0].x0 - first.words[$0 - 1].x1 >= m.wideGap }
      || crossesGridLine(first)
    guard hasWideGap else { return nil }
    var occupied = Self.occupancy(Self.boxes(first), merging: 0)
    var gutters = self.gutters(occupied, minWidth: m.minGutter, top: first.top, bottom: first.bottom)
    guard !gutters.isEmpty else { return nil }
    var end = start + 1
    while end < lines.count {
      let line = lines[end]
      let gap = line.top - lines[end - 1].bottom
      let ruled = rules.contains { $0.centerY > lines[end - 1].bottom && $0.centerY < line.top }
      if gap > (ruled ? 4 : 2.2) * m.height { break }
      // The union so far with the new line's boxes: merging is associative, so there is no
      // need to keep and re-sort every box of the region.
      let nextOccupied = Self.occupancy(occupied, adding: Self.boxes(line), merging: 0)
      let nextGutters = self.gutters(nextOccupied, minWidth: m.minGutter, top: lines[start].top, bottom: line.bottom)
      // A table line may fill a false gutter (the white beside a centred header); prose fills
      // most of them at once.
      let killed = gutters.filter { old in !nextGutters.contains { min($0.hi, old.hi) > max($0.lo, old.lo) } }.count
      let multiColumn = line.words.indices.dropFirst().contains { line.words[$0].x0 - line.words[$0 - 1].x1 >= m.wideGap }
        || crossesGridLine(line)
      // A cell line of a wide column starts right of the first gutter; a title or prose line
      // starts at the margin.
      let inner = gutters.first.map { line.x0 >= $0.hi - 0.5 * m.height } ?? false
      guard killed == 0 || ((multiColumn || inner) && 2 * killed < gutters.count && !nextGutters.isEmpty) else { break }
      occupied = nextOccupied
      gutters = nextGutters
      end += 1
    }
    // Two lines at least must use two columns, or it is a stray wide gap.
    var multi = 0
    // A word's column counts the gutters whose right edge lies left of its centre.
    let edges = gutters.map(\.hi)
    for l in lines[start..<end] {
      // Two columns used: some word's column differs from the first word's.
      guard let firstWord = l.words.first else { continue }
      let c0 = Self.column(of: firstWord, edges)
      if l.words.dropFirst().contains(where: { Self.column(of: $0, edges) != c0 }) { multi += 1 }
    }
    guard multi >= 2 else { return nil }
    return (start..<end, gutters)
  }

  private mutating func emitRegion(_ lines: [VisualLine], gutters: [Interval], _ m: Metrics) {
    let boundaries = gutters.map { ($0.lo + $0.hi) / 2 }
    let minX = lines.reduce(Double.infinity) { min($0, $1.x0) }
    let maxX = lines.reduce(-Double.infinity) { max($0, $1.x1) }
    let regionRules = Self.rowRules(rules, lines: lines, minX: minX, maxX: maxX, m)
    var rows = Self.rows(lines, boundaries: boundaries, rules: regionRules, m, texts: texts)
    // One known column name is enough to tell a two-column table (`Tiêu chí | Nội dung chi
    // tiết`) from side-by-side blocks, even when OCR damaged the other name.
    let known = rows.first.map { $0.cells.contains { columnNames.isColumnName($0) } } ?? false
    // A table cut by a page break (or by a line that filled a gutter) goes on with nothing
    // but page numbers in between; its columns are mapped onto the first part's, so an
    // empty column or a false gutter beside a centred header does not shift the cells.
    var mapping: [Int]?
    var width = boundaries.count + 1
    if !known, let last = lastTable, proseSinceTable == 0 || strayRows(last, m), minX >= last.minX - 5 * m.height,
      maxX <= last.maxX + 5 * m.height
    {
      mapping = Self.mapColumns(lines, boundaries: boundaries, onto: last.boundaries, tolerance: 4 * m.height)
      if let map = mapping {
        width = last.boundaries.count + 1
        let split = Self.splittable(lines, boundaries: boundaries, by: last.boundaries, m)
        if split.contains(true) {
          // A column that merged two of the first part's (a gutter filled by specks) is split
          // again where the first part's boundary runs clear through it.
          rows = Self.rows(lines, boundaries: boundaries, rules: regionRules, m, texts: texts, assign: { w in
            let c = Self.column(of: w, boundaries)
            return split[c] ? Self.column(of: w, last.boundaries) : map[c]
          }, width: width)
          mapping = Array(0..<width)
        }
        for stray in strayProse {
          let words = stray.lines.flatMap(\.words)
          var cells = (0..<width).map { c in Self.cellText(words.filter { Self.column(of: $0, last.boundaries) == c }[...], texts) }
          while cells.count > 1, cells.last?.isEmpty == true { cells.removeLast() }
          output[stray.index].text = Substring(cells.joinedText("\t"))
        }
      }
    }
    blank()
    if boundaries.count >= 2 || known || mapping != nil {
      var leading = mapping != nil
      for row in rows {
        var cells = row.cells
        if let mapping {
          var mapped = Array(repeating: "", count: width)
          for (c, text) in cells.enumerated() where !text.isEmpty { mapped[mapping[c]] = text }
          cells = mapped
        }
        // Cells continued from the part above (a header or row cut by the page break) join
        // that row here: the parser never merges into a header. Only the part's first row can
        // be one: where the number column was lost every row starts with an empty cell. A row
        // that stands whole (below every cell of the row above, opening with a capital) is a
        // row whose number was lost.
        if leading, cells.first?.isEmpty == true, let k = lastRowIndex,
          case var above = output[k].text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init),
          !RowContinuation.standsWhole(cells, below: above)
        {
          leading = false
          while above.count < cells.count { above.append("") }
          for (c, text) in cells.enumerated() where !text.isEmpty {
            above[c] = above[c].isEmpty ? text : above[c] + " " + text
          }
          while above.count > 1, above.last?.isEmpty == true { above.removeLast() }
          output[k].text = Substring(above.joinedText("\t"))
          continue
        }
        leading = false
        lastRowIndex = output.count
        while cells.count > 1, cells.last?.isEmpty == true { cells.removeLast() }
        emit(cells.joinedText("\t"), line: row.line, words: row.words)
      }
      // Later parts map onto the part with the header: a headerless part may have lost a gutter.
      if mapping == nil, known || lastTable == nil { lastTable = TableGeometry(boundaries: boundaries, minX: minX, maxX: maxX) }
      proseSinceTable = 0
      strayProse = []
    } else if Self.isLabelledValueList(lines, boundaries: boundaries, texts: texts) {
      // Labels and their values: each line as it reads, label then value.
      proseSinceTable += 1
      for l in lines { emit(l.text(texts), line: l.sourceLine, words: l.words) }
    } else {
      // Side-by-side blocks: each column top to bottom, left first.
      proseSinceTable += 1
      for column in 0...boundaries.count {
        for l in lines {
          let ws = l.words.filter { Self.column(of: $0, boundaries) == column }
          guard let firstWord = ws.first else { continue }
          emit(texts.joined(ws), line: firstWord.sourceLine, words: ws)
        }
        blank()
      }
    }
    blank()
  }

  /// Two columns that are labels and their values, without rules: "- Dân số:" at the left and
  /// "374.125 người" far to the right on the same line, a label running over lines before its
  /// value. Every line with words at the right has a label ending in a colon at its left and
  /// a value holding a digit, of a few words; at least two lines have one. A head's columns
  /// (the issuer beside the motto) and a footer's (the recipients beside the signature) never
  /// pair so: their left lines do not end in colons beside figures. Emitted as side-by-side
  /// blocks, the values were cut from their labels.
  static func isLabelledValueList(_ lines: [VisualLine], boundaries: [Double], texts: WordTexts) -> Bool {
    guard boundaries.count == 1 else { return false }
    var pairs = 0
    for l in lines {
      var left: OCRWord?
      var rightWords = 0
      var rightHasDigit = false
      for w in l.words {
        if column(of: w, boundaries) == 0 {
          // A label's words all stand before its value.
          guard rightWords == 0 else { return false }
          left = w
        } else {
          rightWords += 1
          if !rightHasDigit { rightHasDigit = texts.withUTF8(w) { $0.contains { $0 &- 0x30 < 10 } } }
        }
      }
      guard rightWords > 0 else { continue }
      guard let left, texts.withUTF8(left, { $0.last }) == UInt8(ascii: ":"), rightHasDigit, rightWords <= 4 else { return false }
      pairs += 1
    }
    return pairs >= 2
  }

  /// For each column of a region, whether boundaries of an earlier part of its table run
  /// through it without crossing any of its words: then it is two columns whose gutter a
  /// poor scan filled.
  static func splittable(_ lines: [VisualLine], boundaries: [Double], by target: [Double], _ m: Metrics) -> [Bool] {
    (0...boundaries.count).map { c in
      let lo = c == 0 ? -Double.infinity : boundaries[c - 1]
      let hi = c == boundaries.count ? Double.infinity : boundaries[c]
      let inside = target.filter { $0 > lo + m.height && $0 < hi - m.height }
      guard !inside.isEmpty else { return false }
      for l in lines {
        for w in l.words where w.isText && column(of: w, boundaries) == c {
          if inside.contains(where: { w.x0 + 0.5 * m.height < $0 && $0 < w.x1 - 0.5 * m.height }) { return false }
        }
      }
      return true
    }
  }

  /// For each column of a region, the column of an earlier table part it belongs to: the
  /// order-keeping assignment that puts each column's median word closest to a target column
  /// (a boundary drawn beside a centred header may cut a data column, so nearest wins rather
  /// than containment); nil when some column lands far from every target column.
  static func mapColumns(_ lines: [VisualLine], boundaries: [Double], onto target: [Double], tolerance: Double) -> [Int]? {
    let n = boundaries.count + 1
    let m = target.count + 1
    var centers = Array(repeating: [Double](), count: n)
    for l in lines {
      for w in l.words where w.isText { centers[column(of: w, boundaries)].append(w.centerX) }
    }
    let used = (0..<n).filter { !centers[$0].isEmpty }
    guard used.count <= m else { return nil }
    let medians = used.map { ocrMedian(centers[$0]) }
    func distance(_ x: Double, _ j: Int) -> Double {
      let lo = j == 0 ? -Double.infinity : target[j - 1]
      let hi = j == m - 1 ? Double.infinity : target[j]
      return x < lo ? lo - x : (x > hi ? x - hi : 0)
    }
    // cost[i][j]: best total for the first i+1 used columns with column i in target j.
    let inf = Double.infinity
    var cost = Array(repeating: Array(repeating: inf, count: m), count: used.count)
    var from = Array(repeating: Array(repeating: -1, count: m), count: used.count)
    for i in used.indices {
      for j in 0..<m {
        let d = distance(medians[i], j)
        if i == 0 {
          cost[i][j] = d
          continue
        }
        for k in 0..<j where cost[i - 1][k] + d < cost[i][j] {
          cost[i][j] = cost[i - 1][k] + d
          from[i][j] = k
        }
      }
    }
    guard let lastRow = cost.last, let best = lastRow.indices.min(by: { lastRow[$0] < lastRow[$1] }), lastRow[best] < inf
    else { return used.isEmpty ? Array(repeating: 0, count: n) : nil }
    var assigned = Array(repeating: 0, count: used.count)
    var j = best
    for i in used.indices.reversed() {
      assigned[i] = j
      if distance(medians[i], j) > tolerance { return nil }
      j = from[i][j]
    }
    var map = Array(repeating: 0, count: n)
    var previous = 0
    var u = 0
    for c in 0..<n {
      if u < used.count, used[u] == c {
        previous = assigned[u]
        u += 1
      }
      map[c] = previous
    }
    return map
  }

  /// The y of each horizontal rule spanning most of the region.
  static func rowRules(_ rules: [OCRWord], lines: [VisualLine], minX: Double, maxX: Double, _ m: Metrics) -> [Double] {
    guard let top = lines.first?.top, let bottom = lines.last?.bottom else { return [] }
    let span = maxX - minX
    return rules.filter { r in
      r.centerY > top - 1.5 * m.height && r.centerY < bottom + 1.5 * m.height
        && min(r.x1, maxX) - max(r.x0, minX) > 0.6 * span
    }.map(\.centerY).sorted()
  }

  static func column(of w: OCRWord, _ boundaries: [Double]) -> Int {
    // Counted without building a filtered array: this runs for every word several times.
    var n = 0
    for b in boundaries where b <= w.centerX { n += 1 }
    return n
  }

  struct Row {
    var cells: [String]
    var line: Int
    var words: [OCRWord] = []
  }

  /// Lines of a table region grouped into rows: a row starts where the first column holds a
  /// row label (a number, a Roman numeral, a group letter), or — in a table without labels —
  /// where the first column has text after a row gap; other lines continue the row above.
  /// - Parameter assign: the cell of a word when not the region's column (a part mapped onto
  ///   an earlier part of its table), with `width` cells.
  static func rows(
    _ lines: [VisualLine], boundaries: [Double], rules: [Double], _ m: Metrics, texts: WordTexts,
    assign: ((OCRWord) -> Int)? = nil, width assignedWidth: Int? = nil
  ) -> [Row] {
    let width = assignedWidth ?? boundaries.count + 1
    // Which row each line opens or continues.
    var starts = Array(repeating: false, count: lines.count)
    let firstCells = lines.map { l in texts.joined(l.words.lazy.filter { column(of: $0, boundaries) == 0 }) }
    // In a poor scan the number column may have merged with the next: a label then is the
    // line's first word, at the table's left edge and set apart from the text after it.
    let left = lines.reduce(Double.infinity) { min($0, $1.x0) }
    let labels = lines.indices.map { k -> Bool in
      if isRowLabel(firstCells[k]) { return true }
      let ws = lines[k].words
      guard ws.count >= 2, ws[0].x0 <= left + m.height,
        texts.withUTF8(ws[0], isASCIIRowLabel) ?? isRowLabelByCharacters(texts[ws[0]])
      else { return false }
      return ws[1].x0 - ws[0].x1 >= max(2 * m.space, 0.6 * m.height)
    }
    let labelled = labels.dropFirst().filter { $0 }.count >= 2
    // Rules lost in a poor scan: too few for the labelled rows, they would merge rows.
    let labelCount = labels.filter { $0 }.count
    if rules.count >= 2, !labelled || rules.count * 2 >= labelCount {
      // Rules bound the rows: a cell centred vertically may sit on any line of its row. A
      // rule lost in a poor scan shows as a second row label between two rules.
      var band = -1
      var bandHasLabel = false
      for (k, l) in lines.enumerated() {
        // Counted, not filtered into an array of its own for every line.
        var b = 0
        for rule in rules where rule < l.centerY { b += 1 }
        let label = labelled && labels[k]
        starts[k] = b != band || (label && bandHasLabel)
        if b != band { bandHasLabel = false }
        if label { bandHasLabel = true }
        band = b
      }
    } else {
      // The spacing of lines inside one cell, measured where a line continues a row.
      var inside: [Double] = []
      for k in lines.indices.dropFirst() where firstCells[k].isEmpty {
        inside.append(lines[k].centerY - lines[k - 1].centerY)
      }
      let pitch = inside.count >= 2 ? ocrMedian(inside) : 1.3 * m.height
      let labelledStarts = labelled ? Self.starts(lines, labels: labels, m) : []
      for k in lines.indices {
        let first = firstCells[k]
        if k == 0 {
          starts[k] = true
        } else if labelled {
          starts[k] = labelledStarts[k]
        } else if first.isEmpty {
          starts[k] = false
        } else {
          let gap = lines[k].centerY - lines[k - 1].centerY > 1.25 * pitch
          starts[k] = gap || firstCells[k - 1].isEmpty
        }
      }
    }
    var rows: [Row] = []
    // The cell of each of the row's words, in the order they come (its lines', each left to
    // right); when the row is done, its words are put in one array cell by cell (each cell's
    // in the order they came), read again off its lines, and each cell's text is read off its
    // part: an array per cell, and their concatenation as the row's words, were allocations
    // for every row; and each word, kept beside its cell until then, was copied twice.
    var rowCells: [Int] = []
    var counts = Array(repeating: 0, count: width)
    var offsets = Array(repeating: 0, count: width + 1)
    var started = false
    var rowStart = 0
    func flush(_ line: Int, before end: Int) {
      guard started else { return }
      for c in 0..<width { offsets[c + 1] = offsets[c] + counts[c] }
      // Where each cell's next word goes: a copy made here, since a buffer kept beside
      // `offsets` for all rows was checked for exclusive access at every word placed.
      var next = offsets
      let words = [OCRWord](unsafeUninitializedCapacity: rowCells.count) { out, n in
        var j = 0
        for k in rowStart..<end {
          for word in lines[k].words {
            let cell = rowCells[j]
            (out.baseAddress! + next[cell]).initialize(to: word)
            next[cell] += 1
            j += 1
          }
        }
        n = j
      }
      var cells: [String] = []
      cells.reserveCapacity(width)
      for c in 0..<width { cells.append(cellText(words[offsets[c]..<offsets[c + 1]], texts)) }
      rows.append(Row(cells: cells, line: line, words: words))
    }
    var rowLine = 0
    for (k, l) in lines.enumerated() {
      if starts[k] || !started {
        flush(rowLine, before: k)
        rowCells.removeAll(keepingCapacity: true)
        for c in counts.indices { counts[c] = 0 }
        started = true
        rowLine = l.sourceLine
        rowStart = k
      }
      for w in l.words {
        let cell = assign?(w) ?? column(of: w, boundaries)
        rowCells.append(cell)
        counts[cell] += 1
      }
    }
    flush(rowLine, before: lines.count)
    return rows
  }

  /// Where the rows of a labelled table without rules start. Header lines run until the first
  /// row; a line of the first column without a label continues that column's cell. A label
  /// centred vertically in a tall row stands on one of its middle lines, so its row starts at
  /// the widest gap since the previous label when that gap is wider than the lines of one cell
  /// are apart (cell padding and the border lie between rows), else at the label.
  static func starts(_ lines: [VisualLine], labels: [Bool], _ m: Metrics) -> [Bool] {
    var starts = Array(repeating: false, count: lines.count)
    guard !lines.isEmpty else { return starts }
    starts[0] = true
    let spacing = lines.indices.dropFirst().map { lines[$0].centerY - lines[$0 - 1].centerY }.filter { $0 > 0.8 * m.height }
    let pitch = spacing.count >= 3 ? ocrPercentile(spacing, 0.25) : 1.3 * m.height
    var previous = 0
    for k in lines.indices.dropFirst() where labels[k] {
      var widest = k
      var widestGap = 0.0
      for j in stride(from: k, to: previous, by: -1) {
        let gap = lines[j].centerY - lines[j - 1].centerY
        if gap > widestGap {
          widestGap = gap
          widest = j
        }
      }
      starts[widestGap > 1.35 * pitch ? widest : k] = true
      previous = k
    }
    return starts
  }

  /// The words of one cell in reading order: lines of the cell itself, then left to right.
  /// The page's visual lines are not enough: beside a cell centred vertically, a tall word
  /// may have been grouped with the line above its neighbours.
  static func cellText(_ words: ArraySlice<OCRWord>, _ texts: WordTexts) -> String {
    // Sorted as indices, not words: this runs for every cell of every table row. The same
    // comparisons in the same order give the same permutation as sorting the words.
    if words.count < 2 { return words.first.map { texts[$0] } ?? "" }
    // Most cells' words come in reading order already (lines top to bottom, each left to
    // right): then both stable sorts below keep every word where it is, and the text is the
    // words joined as they stand. Checked with the comparisons the sorts make (a NaN fails
    // them and takes the sorts).
    var inOrder = true
    var lineRef = words[words.startIndex]
    for k in words.indices.dropFirst() {
      let w = words[k]
      let before = words[k - 1]
      guard w.centerY >= before.centerY else {
        inOrder = false
        break
      }
      if w.centerY - lineRef.centerY < 0.5 * max(lineRef.height, w.height, 1) {
        guard w.x0 >= before.x0 else {
          inOrder = false
          break
        }
      } else {
        lineRef = w
      }
    }
    if inOrder { return texts.joined(words) }
    let byY = words.indices.sorted { words[$0].centerY < words[$1].centerY }
    var strings: [String] = []
    strings.reserveCapacity(words.count)
    var line: [Int] = []
    func flush() {
      if line.count > 1 { line.sort { words[$0].x0 < words[$1].x0 } }
      for k in line { strings.append(texts[words[k]]) }
      line.removeAll(keepingCapacity: true)
    }
    for k in byY {
      let w = words[k]
      if let first = line.first, case let ref = words[first], w.centerY - ref.centerY < 0.5 * max(ref.height, w.height, 1) {
        line.append(k)
      } else {
        flush()
        line.append(k)
      }
    }
    flush()
    // Lines are never empty, so one join of all the words equals joining each line's words
    // and then the lines.
    return strings.joinedText(" ")
  }

  /// `1`, `1.`, `1.2`, `II`, `B`, `a)`: what stands in the number column of a row.
  static func isRowLabel(_ s: String) -> Bool {
    s.withUTF8Bytes(isASCIIRowLabel) ?? isRowLabelByCharacters(s)
  }

  /// `isRowLabel` walking Characters: any text.
  static func isRowLabelByCharacters(_ s: String) -> Bool {
    var t = Substring(s).ocrTrimmed()
    guard !t.isEmpty, t.count <= 8 else { return false }
    let closed = t.last == ")"
    // Tesseract often reads a rule touching the number as `_`, `|` or `,`.
    while let l = t.last, !l.isLetter, !l.isNumber { t = t.dropLast() }
    while let f = t.first, !f.isLetter, !f.isNumber { t = t.dropFirst() }
    guard !t.isEmpty else { return false }
    if t.first!.isNumber, t.allSatisfy({ $0.isNumber || $0 == "." }) { return true }
    if RomanNumeral.value(t) != nil { return true }
    if t.count == 1, let c = t.first, c.isLetter { return c.isUppercase || closed }
    return false
  }

  /// `isRowLabel` of printable ASCII, which most first cells are, decided on the bytes (each a
  /// Character, letters and digits only the ASCII ones); nil for any other text, which the
  /// Character walk decides. Asked of the first cell of every line of every table region.
  static func isASCIIRowLabel(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
    @inline(__always) func isPad(_ x: UInt8) -> Bool { x == 0x20 || x == 0x09 || x == 0x0D || x == 0x0A }
    @inline(__always) func isDigit(_ x: UInt8) -> Bool { x &- 0x30 < 10 }
    @inline(__always) func isLetter(_ x: UInt8) -> Bool { (x | 0x20) &- 0x61 < 26 }
    var lo = 0
    var hi = b.count
    while lo < hi, isPad(b[lo]) { lo += 1 }
    while hi > lo, isPad(b[hi - 1]) { hi -= 1 }
    for k in lo..<hi where b[k] < 0x20 || b[k] > 0x7E { return nil }
    guard lo < hi, hi - lo <= 8 else { return false }
    let closed = b[hi - 1] == UInt8(ascii: ")")
    while hi > lo, !isLetter(b[hi - 1]), !isDigit(b[hi - 1]) { hi -= 1 }
    while lo < hi, !isLetter(b[lo]), !isDigit(b[lo]) { lo += 1 }
    guard lo < hi else { return false }
    let t = UnsafeBufferPointer(rebasing: b[lo..<hi])
    if isDigit(t[0]), t.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ".") }) { return true }
    if RomanNumeral.value(utf8: t) != nil { return true }
    if t.count == 1, isLetter(t[0]) { return t[0] &- 0x41 < 26 || closed }
    return false
  }

  // MARK: - Paragraphs

  enum Relation { case join, newLine, newParagraph }

  /// Where prose lines start and end on this page, and how far apart they usually are.
  struct Margins {
    var left: Double
    var right: Double
    var pitch: Double

    init(_ lines: [VisualLine], metrics m: Metrics) {
      left = ocrPercentile(lines.map(\.x0), 0.1)
      right = ocrPercentile(lines.map(\.x1), 0.9)
      var pitches: [Double] = []
      for k in lines.indices.dropFirst() {
        let d = lines[k].centerY - lines[k - 1].centerY
        if d > 0, d < 3 * m.height { pitches.append(d) }
      }
      pitch = pitches.count >= 3 ? ocrPercentile(pitches, 0.1) : 1.5 * m.height
    }

    /// Whether `next` continues the paragraph of `prev` on the same logical line, starts a
    /// line of its own, or starts a new paragraph. Joining needs every sign (a full line, no
    /// indent, no list marker, normal spacing); the text parser re-joins what is left split.
    func relation(_ prev: VisualLine, _ next: VisualLine, _ m: Metrics, _ texts: WordTexts) -> Relation {
      let dy = next.centerY - prev.centerY
      if dy > 1.2 * pitch + 0.1 * m.height || dy < 0 { return .newParagraph }
      let prevFull = prev.x1 >= right - 2.5 * m.height && prev.x0 <= left + 2.5 * m.height
      let nextIndented = next.x0 > left + 1.0 * m.height
      if prevFull && !nextIndented && !startsWithMarker(next, texts) { return .join }
      if !prevFull && prev.x0 <= left + 2.5 * m.height && !nextIndented { return .newParagraph }
      return .newLine
    }
  }

  /// Bullets a line may open with, alone as its first word.
  private static let markerWords = ["-", "+", "•", "*", "–", "—", "·"]
  /// Their first bytes and U+0387's, which is canonically "·".
  private static let markerLeads: Set<UInt8> = Set((markerWords + ["\u{0387}"]).compactMap(\.utf8.first))

  static func startsWithMarker(_ line: VisualLine, _ texts: WordTexts) -> Bool {
    guard let first = line.words.first else { return false }
    // Only a word that opens with a mark's first byte or ends in ".", ")" or ":" can answer yes:
    // told on its bytes before its String is made (this runs for every visual line of a page).
    let may = texts.withUTF8(first) { b in
      guard let lead = b.first, let last = b.last else { return false }
      return markerLeads.contains(lead) || last == 0x2E || last == 0x29 || last == 0x3A
    }
    guard may else { return false }
    let w = texts[first]
    // Only a word opening with a mark's own first byte can equal a mark or open with one (the
    // middle dot's canonical equivalent, U+0387, is among them): tested on that byte, since
    // comparing a Vietnamese word with each mark took the normalising comparison (this runs for
    // every visual line of a page).
    if let b = w.utf8.first, markerLeads.contains(b) {
      if markerWords.contains(w) { return true }
      if w.count > 1, let c = w.first, c == "-" || c == "+" || c == "•" { return true }
    }
    if w.endsWith(ascii: ".") || w.endsWith(ascii: ")") || w.endsWith(ascii: ":") { return isRowLabel(w) }
    return false
  }
}
