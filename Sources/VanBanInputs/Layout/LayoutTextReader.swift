import VanBanText
import VanBanBytes

/// A `pdftotext -layout` dump read as word boxes, so tables get the same rebuilding as OCR.
///
/// `-layout` keeps each table row on one text line with its cells aligned by runs of spaces,
/// and a wrapped cell continues on the next lines at the same column. Read as prose, those
/// lines run the cells of a row together; but a monospaced dump *is* geometry: a character's
/// column is its x and a line's index its y. Placing each word where it stands and handing the
/// words to `LayoutBuilder` rebuilds rows, wrapped cells and columns exactly as from a scan, with
/// no second table reader to keep in step.
enum LayoutTextReader {
  /// Pixels per character column. With `wordHeight` and `linePitch` this draws the dump like a
  /// ~300 dpi scan (the scale `LayoutBuilder`'s thresholds are in units of): one space between
  /// words is an ordinary word gap, three or more are wide enough to be a column gutter.
  static let charWidth = 20.0
  /// The height of every word's box.
  static let wordHeight = 30.0
  /// Vertical distance between consecutive lines; a blank line leaves a paragraph gap and two
  /// blank lines end a table region, as they would on paper.
  static let linePitch = 40.0
  /// Tab stops of the dump, in columns.
  static let tabWidth = 8

  /// One word of the dump where it stands: its columns on its line, and where its text lies
  /// in the dump's UTF-8 (whole scalars): a String per word, made here and copied into the
  /// words' texts, was a third of reading a dump's words.
  struct Placed {
    var bytes: Range<Int>
    var column: Int
    var end: Int

    /// The word's text, in the dump it was read from.
    func text(in dump: String) -> String {
      dump.withUTF8Bytes { String(trustedUTF8: UnsafeBufferPointer(rebasing: $0[bytes])) }
    }
  }

  /// One line of the dump.
  struct Line {
    var number: Int
    var page: Int
    /// A slice of the array of all the dump's words.
    var words: ArraySlice<Placed>
    /// The text of the first word (empty when there is none): the row tests read it.
    var first = ""
  }

  /// The words of a dump, one per run of non-space characters, in page coordinates.
  static func words(_ text: String) -> OCRWords {
    let lines = Self.lines(text)
    let gaps = rowGaps(lines)
    let count = lines.reduce(0) { $0 + $1.words.count }
    var ranges: [Range<Int>] = []
    var boxes: [OCRWord] = []
    ranges.reserveCapacity(count)
    boxes.reserveCapacity(count)
    var extra = 0.0
    // The texts copied all at once after the words are placed (`WordTexts.init(_:ranges:)`),
    // in the same order, so word k's text is text k + 1.
    let texts = text.withUTF8Bytes { all -> WordTexts in
      var id: Int32 = 0
      for (k, line) in lines.enumerated() {
        extra += gaps[k]
        let y = (Double(line.number) + extra) * linePitch
        for w in line.words {
          id += 1
          ranges.append(w.bytes)
          boxes.append(
            OCRWord(
              textID: id, utf8: UnsafeBufferPointer(rebasing: all[w.bytes]), page: line.page,
              x0: Double(w.column) * charWidth, y0: y, x1: Double(w.end) * charWidth, y1: y + wordHeight, conf: -1,
              lineID: line.number, sourceLine: line.number))
        }
      }
      return WordTexts(all, ranges: ranges)
    }
    return OCRWords(words: boxes, texts: texts)
  }

  /// The dump's lines with their words' columns. A form feed (pdftotext's page separator)
  /// starts the next page; the text after it on the same line belongs to that page.
  static func lines(_ text: String) -> [Line] {
    // On the UTF-8 bytes: a column per scalar (its lead byte), words as byte ranges. Every
    // word goes into one array, and each line's words are a slice of it: an array of its own
    // per line was an allocation for each of a dump's lines. The arrays are the closure's
    // own: captured from outside it, every append was checked for exclusive access at run time.
    //
    // Split as the text parser does (LF, CRLF, lone CR), so line numbers agree with it; each
    // line read off the text's own buffer (a Substring per line, copied to reach its bytes,
    // cost more than the line's walk).
    let (placed, parts, firsts) = text.withUTF8Bytes { all in
      var placed: [Placed] = []
      // Each line (or part of a line between page breaks): its number, page and words.
      var parts: [(number: Int, page: Int, words: Range<Int>)] = []
      var page = 1
      // Where the line's form feeds fall among its words; the buffer serves every line.
      var breaks: [Int] = []
      var firsts: [String] = []
      let cuts = LineSplitter.cuts(all)
      parts.reserveCapacity(cuts.count)
      firsts.reserveCapacity(cuts.count)
      placed.reserveCapacity(all.count / 8)
      for (index, cut) in cuts.enumerated() {
        let number = index + 1
        var column = 0
        breaks.removeAll(keepingCapacity: true)
        let lineStart = placed.count
        let b = UnsafeBufferPointer(rebasing: all[cut.0..<cut.1])
        var start = -1
        var wordStart = 0
        var i = 0
        while i < b.count {
          let c = b[i]
          if c == 0x20 {
            // A run of spaces (a dump's padding and gutters, a quarter of its bytes) a column
            // each, stepped in a loop of its own.
            if start >= 0 {
              placed.append(Placed(bytes: (cut.0 + start)..<(cut.0 + i), column: wordStart, end: column))
              start = -1
            }
            var j = i + 1
            // Sixteen bytes a step while they are all spaces (gutters run to dozens), as long
            // as sixteen of the line's bytes are left to load from `j`; the byte loop after it
            // finishes the run.
            while j + 16 <= b.count {
              let raw = UnsafeRawPointer(b.baseAddress!)
              let other = ByteVector.bits(ByteVector.equal(ByteVector.load(raw, j), 0x20)) ^ 0xFFFF
              if other != 0 {
                j += other.trailingZeroBitCount
                break
              }
              j += 16
            }
            while j < b.count, b[j] == 0x20 { j += 1 }
            column += j - i
            i = j
            continue
          }
          let space = c > 0x20 && c < 0x80 ? 0 : WhiteSpace.width(b, i)
          if space > 0 || c == 0x09 {
            if start >= 0 {
              placed.append(Placed(bytes: (cut.0 + start)..<(cut.0 + i), column: wordStart, end: column))
              start = -1
            }
            if c == 0x0C {
              breaks.append(placed.count)
              // The new page's lines start afresh at the left margin.
              column = 0
              i += 1
            } else if c == 0x09 {
              column = (column / tabWidth + 1) * tabWidth
              i += 1
            } else {
              column += 1
              i += space
            }
          } else if c == 0xEF, i + 2 < b.count, b[i + 1] == 0xBB, b[i + 2] == 0xBF {
            i += 3  // a byte-order mark takes no column
          } else {
            if start < 0 {
              start = i
              wordStart = column
            }
            column += 1
            i += 1
            // The rest of the word stepped here, a column per scalar: printable ASCII, the
            // continuation bytes, and lead bytes that start no space nor the BOM (C3 and up
            // but E2, E3, EF, and E1 before 9A). Anything else goes round the loop above,
            // which looked at every byte of a word before. Sixteen bytes a step first: the
            // bytes before the first that ends the word (by the same tests) are a column each,
            // but for the continuation bytes. The byte loop alone mispredicted its exit branch
            // at the end of every word; here most words end inside one step.
            while i + 17 <= b.count {
              let raw = UnsafeRawPointer(b.baseAddress!)
              let x = ByteVector.load(raw, i)
              let ends = ByteVector.less(x, 0x21) .| ByteVector.less(x &- 0xC0, 3) .| ByteVector.equal(x, 0xE2)
                .| ByteVector.equal(x, 0xE3) .| ByteVector.equal(x, 0xEF)
                .| (ByteVector.equal(x, 0xE1) .& ByteVector.equal(ByteVector.load(raw, i + 1), 0x9A))
              let leads = ByteVector.bits(ByteVector.equal(x & ByteVector.Bytes(repeating: 0xC0), 0x80)) ^ 0xFFFF
              let end = ByteVector.bits(ends)
              let n = end == 0 ? 16 : end.trailingZeroBitCount
              column += (leads & ((1 << UInt32(n)) &- 1)).nonzeroBitCount
              i += n
              if end != 0 { break }
            }
            while i < b.count {
              let d = b[i]
              if d > 0x20 && d < 0x80 {
                column += 1
              } else if d & 0xC0 == 0x80 {
                // A continuation byte: no column.
              } else if d >= 0xC3, d != 0xE2, d != 0xE3, d != 0xEF, d != 0xE1 || i + 1 == b.count || b[i + 1] != 0x9A {
                column += 1
              } else {
                break
              }
              i += 1
            }
          }
        }
        if start >= 0 { placed.append(Placed(bytes: (cut.0 + start)..<(cut.0 + b.count), column: wordStart, end: column)) }
        // A page break ends the line's part before it when that part has words; the part
        // after the last break is the line's, words or none.
        var from = lineStart
        for j in 0...breaks.count {
          let last = j == breaks.count
          let k = last ? placed.count : breaks[j]
          if k > from || last {
            parts.append((number, page, from..<k))
            // The first word's text: the row tests read it. Words start and end at whole
            // scalars of the line's valid UTF-8.
            firsts.append(k == from ? "" : String(trustedUTF8: UnsafeBufferPointer(rebasing: all[placed[from].bytes])))
          }
          if last { break }
          page += 1
          from = k
        }
      }
      return (placed, parts, firsts)
    }
    return parts.indices.map { k in
      Line(number: parts[k].number, page: parts[k].page, words: placed[parts[k].words], first: firsts[k])
    }
  }

  // MARK: - Rows

  /// Extra vertical space (in line pitches) before each line, where a table row starts.
  ///
  /// A scan shows a row's border and padding between rows; a dump keeps only the lines, and
  /// a cell centred vertically puts its label on a middle line of its row, with the other
  /// cells' lines above and below it. Rows of such a table are symmetric about their label
  /// line, so the lines between two labels split into the bottom of the upper row and the top
  /// of the lower one: the split is chosen so that every row has as many lines above its label
  /// as below (the labelled row's tallest cell centred). A row with nothing between labels
  /// changes nothing, so a table of one-line rows is read as before.
  static func rowGaps(_ lines: [Line]) -> [Double] {
    var gaps = Array(repeating: 0.0, count: lines.count)
    var start = 0
    while start < lines.count {
      // A block: consecutive non-blank lines of one page.
      guard !lines[start].words.isEmpty else {
        start += 1
        continue
      }
      var end = start + 1
      while end < lines.count, !lines[end].words.isEmpty, lines[end].page == lines[start].page { end += 1 }
      let labels = (start..<end).filter { isLabelLine(lines[$0]) }
      if labels.count >= 2 {
        // Group rows ("I  Về phát triển hạ tầng") are one line: what stands above one ends
        // the row before, what stands below it opens the next; the rows between two groups
        // are split by their symmetry.
        var lo = start
        var run: [Int] = []
        func solve(until hi: Int, closed: Bool) {
          guard !run.isEmpty else { return }
          let firsts = centredRowStarts(
            labels: run.map { $0 - lo }, count: hi - lo, fixedFirst: lo > start, closedEnd: closed)
          for f in firsts where lo + f > start { gaps[lo + f] += rowGap }
          run = []
        }
        for k in labels {
          if isGroupLine(lines[k]) {
            solve(until: k, closed: true)
            if k > start { gaps[k] += rowGap }
            lo = k + 1
          } else {
            run.append(k)
          }
        }
        solve(until: end, closed: false)
      }
      start = end
    }
    return gaps
  }

  /// Extra space between rows, in line pitches: enough for `LayoutBuilder` to see a row gap
  /// (wider than 1.35 times the spacing inside a cell), too little to end the table.
  static let rowGap = 0.5

  /// The first line of each labelled row when rows are centred on their labels: for each label
  /// the number of lines above it in its row equals (as nearly as the lines allow) the number
  /// below. Lines are counted from the top of the run (0 ..< `count`).
  /// - Parameters:
  ///   - fixedFirst: every line above the first label is its row's (a group row stands above);
  ///     otherwise header lines may stand there and the count above is chosen to fit best,
  ///     ties keeping it small.
  ///   - closedEnd: every line below the last label is its row's (a group row follows).
  static func centredRowStarts(labels: [Int], count: Int, fixedFirst: Bool = false, closedEnd: Bool = false) -> [Int] {
    guard let firstLabel = labels.first, let lastLabel = labels.last else { return [] }
    let between = zip(labels, labels.dropFirst()).map { $1 - $0 - 1 }
    func chain(_ above0: Int) -> (cost: Int, above: [Int]) {
      var above = [above0]
      var cost = 0
      for m in between {
        let a = above.last!
        let below = min(a, m)
        cost += a - below
        above.append(m - below)
      }
      // The last row may run on to the run's end.
      if !closedEnd { cost += max(0, above.last! - (count - lastLabel - 1)) }
      return (cost, above)
    }
    var best = chain(fixedFirst ? firstLabel : 0)
    if !fixedFirst, firstLabel > 0 {
      for a in 1...firstLabel {
        let c = chain(a)
        if c.cost < best.cost { best = c }
      }
    }
    return zip(labels, best.above).map { $0 - $1 }
  }

  /// A group row: a Roman numeral or letter label with one cell of text after it.
  static func isGroupLine(_ line: Line) -> Bool {
    guard !line.words.isEmpty, !line.first.allSatisfy({ $0.isNumber || $0 == "." }) else { return false }
    let rest = line.words.dropFirst()
    return !zip(rest, rest.dropFirst()).contains { $1.column - $0.end >= 2 }
  }

  /// A table row's opening line: a row label (number, Roman numeral, group letter) at the
  /// left margin, set apart from the text after it by a gutter of two spaces or more.
  static func isLabelLine(_ line: Line) -> Bool {
    guard line.words.count >= 2, let first = line.words.first, first.column <= 6 else { return false }
    return line.words[line.words.startIndex + 1].column - first.end >= 2 && LayoutBuilder.isRowLabel(line.first)
  }

  // MARK: - Detection

  /// How many lines of the sniffed head must hold a gutter (a run of `minGutter` spaces between
  /// text) before the dump can be a `-layout` one.
  static let minGutterLines = 20
  /// Spaces in a run that only alignment makes: justified prose stretches a gap to two at most.
  static let minGutter = 3

  /// Whether the text is confidently a `pdftotext -layout` dump: many lines with a gutter inside
  /// their text, no tab anywhere (a clean copy separates cells by tabs), and at least one line
  /// whose gutter-separated cells include two known table headers. Plain text, even with a few
  /// centred titles or aligned signatures, fails one of these.
  static func looksLikeLayoutText(_ text: String, lexicon: any ColumnHeaderLexicon) -> Bool {
    // Runs on every plain-text input, so on the bytes, cheapest test first: a tab rules the
    // dump out, then lines are only counted, and header cells are folded only on lines that
    // have a gutter, until one header is found.
    return text.withUTF8Bytes { all in
      let head = UnsafeBufferPointer(rebasing: all[..<min(all.count, OCRLayoutReader.sniffLength)])
      guard ByteSearch.firstIndex(of: 0x09, in: head) == nil else { return false }
      // Every gutter line holds three spaces in a row: most text has too few such places in
      // all of its head, which byte steps count faster than lines can be cut.
      guard Self.hasSpaceTriples(head, atLeast: minGutterLines) else { return false }
      // Only a line with three spaces in a row inside it can hold two cells: the lines are
      // visited from those places (sixteen or eight positions at a time), not cut one by one.
      var gutterLines = 0
      var header = false
      var lineEnd = 0
      func isBreak(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D || b == 0x0C }
      /// Judges the line holding position `p`, once; true when the dump is settled.
      func visitLine(at p: Int) -> Bool {
        guard p >= lineEnd else { return false }
        var start = p
        while start > 0, !isBreak(head[start - 1]) { start -= 1 }
        var end = p
        while end < head.count, !isBreak(head[end]) { end += 1 }
        lineEnd = end + 1
        let line = UnsafeBufferPointer(rebasing: head[start..<end])
        guard Self.hasCells(line, atLeast: 2) else { return false }
        gutterLines += 1
        if !header {
          header = lexicon.isHeader(Self.cellRanges(line).map { r in
            String(decoding: UnsafeBufferPointer(rebasing: head[(start + r.lowerBound)..<(start + r.upperBound)]), as: UTF8.self)
          })
        }
        return header && gutterLines >= minGutterLines
      }
      var settled = false
      forEachSpaceTriple(head) { p in
        settled = visitLine(at: p)
        return !settled
      }
      return settled
    }
  }

  /// Whether at least `n` places in `b` start three spaces in a row (a run of k spaces is
  /// k - 2 places).
  static func hasSpaceTriples(_ b: UnsafeBufferPointer<UInt8>, atLeast n: Int) -> Bool {
    yields(atLeast: n) { forEachSpaceTriple(b, $0) }
  }

  /// Whether `forEach` calls its body at least `n` times, stopping it at the n-th.
  @inline(__always)
  private static func yields<T>(atLeast n: Int, _ forEach: ((T) -> Bool) -> Void) -> Bool {
    var count = 0
    forEach { _ in
      count += 1
      return count < n
    }
    return count >= n
  }

  /// Each place in `b` that starts three spaces in a row, in order, while `body` returns true:
  /// found sixteen, then eight positions at a time from three overlapping loads.
  @inline(__always)
  private static func forEachSpaceTriple(_ b: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Bool) {
    guard let base = b.baseAddress else { return }
    let raw = UnsafeRawPointer(base)
    @inline(__always) func spaces(at i: Int) -> UInt64 {
      ByteMask.equal(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self), to: 0x20)
    }
    var i = 0
    // Most sixteen bytes hold no three spaces in a row: settled in the vector registers.
    while i + 18 <= b.count {
      let triples = ByteVector.equal(ByteVector.load(raw, i), 0x20) .& ByteVector.equal(ByteVector.load(raw, i + 1), 0x20)
        .& ByteVector.equal(ByteVector.load(raw, i + 2), 0x20)
      if ByteVector.none(triples) {
        i += 16
        continue
      }
      for _ in 0..<2 {
        var m = spaces(at: i) & spaces(at: i + 1) & spaces(at: i + 2)
        while m != 0 {
          if !body(i + m.trailingZeroBitCount / 8) { return }
          m &= m &- 1
        }
        i += 8
      }
    }
    while i + 10 <= b.count {
      var m = spaces(at: i) & spaces(at: i + 1) & spaces(at: i + 2)
      while m != 0 {
        if !body(i + m.trailingZeroBitCount / 8) { return }
        m &= m &- 1
      }
      i += 8
    }
    while i + 2 < b.count {
      if b[i] == 0x20 && b[i + 1] == 0x20 && b[i + 2] == 0x20, !body(i) { return }
      i += 1
    }
  }

  /// The pieces of a line between gutters (runs of `minGutter` spaces or more), leading
  /// indentation ignored, as byte ranges.
  static func cellRanges(_ b: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    var cells: [Range<Int>] = []
    forEachCell(b) { cell in
      cells.append(cell)
      return true
    }
    return cells
  }

  /// Whether the line holds at least `n` cells (`cellRanges(b).count >= n`), stopping there.
  static func hasCells(_ b: UnsafeBufferPointer<UInt8>, atLeast n: Int) -> Bool {
    yields(atLeast: n) { forEachCell(b, $0) }
  }

  /// The one loop behind `cellRanges` and `hasCells`: each cell in order, while `body` returns true.
  @inline(__always)
  private static func forEachCell(_ b: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Bool) {
    var i = 0
    while i < b.count, b[i] == 0x20 { i += 1 }
    var start = i
    while i < b.count {
      if b[i] == 0x20 {
        var j = i
        while j < b.count, b[j] == 0x20 { j += 1 }
        if j - i >= minGutter {
          if i > start, !body(start..<i) { return }
          start = j
        }
        i = j
      } else {
        i += 1
      }
    }
    if start < b.count { _ = body(start..<b.count) }
  }
}
