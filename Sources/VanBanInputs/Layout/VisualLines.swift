import VanBanText
import VanBanBytes

/// A row of words at one height on the page, left to right, in deskewed coordinates.
struct VisualLine: Sendable {
  var words: [OCRWord]
  var top: Double
  var bottom: Double

  var centerY: Double { (top + bottom) / 2 }
  var x0: Double { words.first?.x0 ?? 0 }
  var x1: Double { words.reduce(-Double.infinity) { max($0, $1.x1) } }
  var sourceLine: Int { words.first?.sourceLine ?? 0 }
  func text(_ texts: WordTexts) -> String { texts.joined(words) }
  /// `LayoutBuilder.isLoneNumber(text)` without joining the words: a line's words are never
  /// empty, so a text without a space is one word.
  func isLoneNumber(_ texts: WordTexts) -> Bool {
    words.count == 1 && texts.withUTF8(words[0], LayoutBuilder.isLoneNumber(utf8:))
  }
}

/// Rebuilds visual lines from the words of one page.
///
/// Tesseract's own lines are not trusted for this: in a table it may join the cells of one row
/// into a line or split one cell's line into blocks, and a scan rotated by a degree moves a
/// line's end by a whole line height. Geometry after deskewing is what stays true.
enum VisualLines {
  /// The page's skew (dy per dx), from the word bottoms along Tesseract's own lines: their
  /// membership is reliable even where their reading order is not.
  static func skew(_ words: [OCRWord]) -> Double {
    // Level lines (every word of each Tesseract line on one bottom, as a `pdftotext -layout`
    // dump's words are): each line's fit below is flat, so the page has no skew. Settled in one
    // look at the bottoms; any line whose bottoms differ (every scan) takes the fits. Whole
    // pixels only, so that the fits' sums and means are exact and the answer is theirs
    // (told by converting to an integer and back, inside the range where that is exact:
    // `rounded()` is a call into the C library for every word).
    var level = true
    for k in words.indices {
      let y = words[k].y1
      guard abs(y) < 1e12, y == Double(Int64(y)), k == 0 || words[k].lineID != words[k - 1].lineID || y == words[k - 1].y1 else {
        level = false
        break
      }
    }
    if level { return 0 }
    var slopes: [Double] = []
    var start = 0
    while start < words.count {
      var end = start + 1
      while end < words.count, words[end].lineID == words[start].lineID { end += 1 }
      // The line's text words, visited in place: this runs for every Tesseract line of every
      // page, and a filtered copy of the words cost more than the fit.
      let line = words[start..<end]
      var n = 0
      var first = -1
      var last = -1
      for k in line.indices where line[k].isText {
        if first < 0 { first = k }
        last = k
        n += 1
      }
      if n >= 3, line[last].centerX - line[first].centerX > 10 * line[first].height {
        // Least squares over the line's word bottoms: descenders and marks average out.
        let count = Double(n)
        var sumX = 0.0
        var sumY = 0.0
        for k in line.indices where line[k].isText {
          sumX += line[k].centerX
          sumY += line[k].y1
        }
        let mx = sumX / count
        let my = sumY / count
        var sxy = 0.0
        var sxx = 0.0
        for k in line.indices where line[k].isText {
          let dx = line[k].centerX - mx
          sxy += dx * (line[k].y1 - my)
          sxx += dx * dx
        }
        if sxx > 0 { slopes.append(sxy / sxx) }
      }
      start = end
    }
    guard slopes.count >= 3 else { return 0 }
    let s = ocrMedian(slopes)
    return abs(s) < 0.2 ? s : 0
  }

  /// Rotates boxes back by the page's skew, keeping each box's size.
  static func deskew(_ words: [OCRWord], slope: Double) -> [OCRWord] {
    guard slope != 0 else { return words }
    return words.map { w in
      var d = w
      let cx = w.centerX + slope * w.centerY
      let cy = w.centerY - slope * w.centerX
      d.x0 = cx - w.width / 2
      d.x1 = cx + w.width / 2
      d.y0 = cy - w.height / 2
      d.y1 = cy + w.height / 2
      return d
    }
  }

  /// Drops what Tesseract reads off table rules and specks: runs of `|`, boxes far taller
  /// than text, punctuation it barely believes in.
  static func dropNoise(_ words: [OCRWord], height: Double, texts: inout WordTexts) -> [OCRWord] {
    // Copied only from the first word that is dropped or trimmed: most pages lose a few words
    // or none, and copying every word (its text retained) into a new array, then freeing the
    // old one, cost more than the tests.
    var out: [OCRWord] = []
    var copying = false
    @inline(__always) func startCopying(before k: Int) {
      guard !copying else { return }
      copying = true
      out.reserveCapacity(words.count)
      out.append(contentsOf: words[..<k])
    }
    for k in words.indices {
      // A rule touching a word is read as `_` or `|` glued to it; Vietnamese text uses neither.
      // Only a word whose first or last scalar is one of them can start or end with one as a
      // character, so the others skip the character-level trimming.
      guard words[k].junkEnd else {
        if keeps(words[k], height: height) {
          if copying { out.append(words[k]) }
        } else {
          startCopying(before: k)
        }
        continue
      }
      startCopying(before: k)
      var w = words[k]
      var t = Substring(texts[w])
      while let f = t.first, isJunk(f) { t = t.dropFirst() }
      while let l = t.last, isJunk(l) { t = t.dropLast() }
      if t.isEmpty { continue }
      w.setText(String(t), in: &texts)
      if keeps(w, height: height) { out.append(w) }
    }
    return copying ? out : words
  }

  /// `_`, `|`, `¦` and `│`: what a table rule touching a word is read as.
  private static func isJunk(_ v: UInt32) -> Bool {
    v == 0x5F || v == 0x7C || v == 0xA6 || v == 0x2502
  }

  /// A character that is one junk scalar alone (a mark after it makes it a letter's part).
  private static func isJunk(_ c: Character) -> Bool {
    let u = c.unicodeScalars
    return u.count == 1 && isJunk(u.first!.value)
  }

  /// Whether the first or the last scalar of `text` is junk, decoded at both ends of the
  /// UTF-8: this runs for every word of every page.
  static func hasJunkEnd(_ text: String) -> Bool {
    return text.withUTF8Bytes { b in
      guard !b.isEmpty else { return false }
      if isJunk(UTF8Scalar.decode(b, at: 0).value) { return true }
      // The last scalar starts at the last byte that is not a continuation byte.
      let last = UTF8Scalar.start(b, holding: b.count - 1)
      return isJunk(UTF8Scalar.decode(b, at: last).value)
    }
  }

  /// Whether the text is bars alone (| ¦ │ ‖ ┃; the empty text too), and whether it is bars
  /// and their look-alikes (! I l) alone.
  static func barKind(_ text: String) -> (bars: Bool, barsOrLookalikes: Bool) {
    var bars = true
    var barsOrLookalikes = true
    for s in text.unicodeScalars {
      switch s.value {
      case 0x7C, 0xA6, 0x2502, 0x2016, 0x2503: break
      case 0x21, 0x49, 0x6C: bars = false
      default:
        bars = false
        barsOrLookalikes = false
      }
      if !barsOrLookalikes { break }
    }
    return (bars, barsOrLookalikes)
  }

  private static func keeps(_ w: OCRWord, height: Double) -> Bool {
    if w.barsOrLookalikes && w.height > 1.3 * height && w.width < 0.6 * height { return false }
    if w.bars { return false }
    if w.height > 3 * height && w.width < height { return false }
    if !w.isText && w.conf >= 0 && w.conf < 30 { return false }
    // A rule blurred in a poor scan reads as a row of flat "letters" Tesseract doubts.
    if w.height < 0.45 * height && w.conf >= 0 && w.conf < 50 { return false }
    return true
  }

  /// Groups words whose vertical extents overlap into lines, top to bottom.
  static func build(_ words: [OCRWord], height: Double) -> [VisualLine] {
    // Lines are built of word indices, not words: every word placed is tested against up to
    // twelve lines and all of a line's words, and copying words in and out of arrays cost
    // more than the tests. Sorting indices with the same comparisons gives the same order.
    struct Building {
      var members: [Int]
      var sumTop: Double
      var sumBottom: Double
      /// `sumTop` and `sumBottom` over the member count, kept as words join rather than
      /// divided again for every word tested against the line.
      var top: Double
      var bottom: Double
      /// The members' horizontal extent: a word wholly left or right of it overlaps none of
      /// them, so it collides with none and the members need not be visited (words mostly come
      /// left to right, each beyond the line so far).
      var minX0: Double
      var maxX1: Double

      init(_ k: Int, _ w: Box) {
        // Room for a line's words at once: grown from one, it was reallocated as each joined.
        members = []
        members.reserveCapacity(16)
        members.append(k)
        sumTop = w.y0
        sumBottom = w.y1
        top = w.y0
        bottom = w.y1
        minX0 = w.x0
        maxX1 = w.x1
      }

      mutating func add(_ k: Int, _ w: Box) {
        members.append(k)
        sumTop += w.y0
        sumBottom += w.y1
        top = sumTop / Double(members.count)
        bottom = sumBottom / Double(members.count)
        minX0 = min(minX0, w.x0)
        maxX1 = max(maxX1, w.x1)
      }

      /// Whether some member's box collides with `w` (`collides`): never when `w` lies
      /// wholly outside the members' extent, since then no overlap is positive.
      func anyCollides(_ w: Box, _ boxes: [Box]) -> Bool {
        if maxX1 <= w.x0 || minX0 >= w.x1 { return false }
        return members.contains(where: { VisualLines.collides(boxes[$0].x0, boxes[$0].x1, w.x0, w.x1) })
      }
    }
    /// A word's box alone: the grouping reads nothing else, and copying whole words (their
    /// text retained and released) in and out of the loop cost more than the tests.
    struct Box {
      var x0, y0, x1, y1: Double
      var height: Double { y1 - y0 }
    }
    let boxes = words.map { Box(x0: $0.x0, y0: $0.y0, x1: $0.x1, y1: $0.y1) }
    // Sorted as keys that hold what the comparison reads (each word's centre, worked out once,
    // and left edge) beside the word's index: read through the index from two arrays, each
    // of the n log n comparisons loaded from four places. The index breaks ties the way the
    // stable sort of indices did.
    struct Key {
      var y: Double
      var x: Double
      var index: Int
    }
    var keys = words.indices.map { Key(y: words[$0].centerY, x: words[$0].x0, index: $0) }
    keys.sort { a, b in
      a.y < b.y || (a.y == b.y && (a.x < b.x || (a.x == b.x && a.index < b.index)))
    }
    let order = keys.map(\.index)
    var lines: [Building] = []
    for index in order {
      let w = boxes[index]
      // Only a few recent lines can still reach down to this word.
      var best: Int?
      var bestScore = 0.0
      var k = lines.count - 1
      var looked = 0
      while k >= 0, looked < 12 {
        let overlap = min(w.y1, lines[k].bottom) - max(w.y0, lines[k].top)
        // Without overlap the score is not positive and cannot win: no division for it.
        let score = overlap > 0 ? overlap / max(1, min(w.height, lines[k].bottom - lines[k].top)) : 0
        if score > bestScore, !lines[k].anyCollides(w, boxes) {
          best = k
          bestScore = score
        }
        k -= 1
        looked += 1
      }
      if let best, bestScore >= 0.4 {
        lines[best].add(index, w)
      } else {
        lines.append(Building(index, w))
      }
    }
    var out = words.withUnsafeBufferPointer { all in
      lines.map { b in
        let members = b.members.sorted { boxes[$0].x0 < boxes[$1].x0 }
        // Copied in place: `map` handed each word back through the stack, its 78 bytes moved in
        // overlapping pieces and read again before both stores had landed.
        let ws = [OCRWord](unsafeUninitializedCapacity: members.count) { buffer, count in
          for j in members.indices { (buffer.baseAddress! + j).initialize(to: all[members[j]]) }
          count = members.count
        }
        return VisualLine(words: ws, top: b.top, bottom: b.bottom)
      }
    }
    out.sort { $0.centerY < $1.centerY }
    return out
  }

  /// `build(words, height:)` read straight off words that already stand in rows, or nil when
  /// they do not: the words of a `pdftotext -layout` dump (LayoutTextReader) share their
  /// line's top and bottom exactly, lines follow each other down the page without
  /// overlapping, and words follow each other left to right. Grouping those by geometry
  /// compared every word with the lines before it and sorted them twice; it was a tenth of
  /// reading such a dump.
  ///
  /// Taken only when what `build` would do is certain, and then what it gives is the same:
  /// - consecutive words with the same top and bottom form a row, at least one unit tall
  ///   (a word overlaps its row fully, scoring 1 against the join threshold of 0.4);
  /// - each row's top is at or below the last one's bottom (no word overlaps an earlier row,
  ///   and rows come in the order of their centres, the order `build` sorts into);
  /// - within a row, each word starts right of where the last one started and no earlier than
  ///   it ended (no collisions; left to right, the order `build` sorts a row into).
  /// A row's top and bottom are the running means `build` keeps, summed in the same order.
  /// Anything else (every scan, where boxes wander by a pixel) returns nil at once.
  static func alignedRows(_ words: [OCRWord]) -> [VisualLine]? {
    guard !words.isEmpty else { return [] }
    var rows: [VisualLine] = []
    var start = 0
    var previousBottom = -Double.infinity
    while start < words.count {
      let first = words[start]
      let y0 = first.y0
      let y1 = first.y1
      guard y1 - y0 >= 1, y0 >= previousBottom else { return nil }
      var end = start + 1
      var sumTop = y0
      var sumBottom = y1
      while end < words.count, words[end].y0 == y0, words[end].y1 == y1 {
        let w = words[end]
        let before = words[end - 1]
        guard w.x0 > before.x0, w.x0 >= before.x1 else { return nil }
        sumTop += w.y0
        sumBottom += w.y1
        end += 1
      }
      // The running means' last values, divided once: two divisions a word before.
      let n = Double(end - start)
      rows.append(VisualLine(words: Array(words[start..<end]), top: sumTop / n, bottom: sumBottom / n))
      previousBottom = y1
      start = end
    }
    return rows
  }

  /// Two boxes side by side in one line never overlap much horizontally.
  /// Given as the horizontal extents alone, so testing a word against a line's reads two
  /// numbers of each word instead of copying it.
  @inline(__always)
  static func collides(_ ax0: Double, _ ax1: Double, _ bx0: Double, _ bx1: Double) -> Bool {
    let overlap = min(ax1, bx1) - max(ax0, bx0)
    return overlap > 0.3 * max(1, min(ax1 - ax0, bx1 - bx0))
  }
}

func ocrMedian(_ values: [Double]) -> Double {
  guard !values.isEmpty else { return 0 }
  return ocrOrderStatistic(values, values.count / 2)
}

func ocrPercentile(_ values: [Double], _ p: Double) -> Double {
  guard !values.isEmpty else { return 0 }
  return ocrOrderStatistic(values, min(values.count - 1, max(0, Int(Double(values.count - 1) * p))))
}

/// `values.sorted()[k]`, found by selection rather than a full sort: every page takes medians
/// and percentiles of its word heights, gaps and edges, and sorting them was 1–2 % of reading
/// an OCR file. The k-th smallest value is the same whichever way it is found (a zero
/// may come back with the other sign, equal under `==`); a NaN, which has no place in an
/// order, leaves it to the sort.
func ocrOrderStatistic(_ values: [Double], _ k: Int) -> Double {
  // Values all equal (the word heights of a `pdftotext -layout` dump, drawn one size; a
  // page's single gap): any of them is every order statistic. The look stops at the first
  // value that differs, so a scan's varied heights pay a comparison or two.
  if let first = values.first, first == first, !values.contains(where: { $0 != first }) { return first }
  if values.count < 16 || values.contains(where: \.isNaN) { return values.sorted()[k] }
  var a = values
  return a.withUnsafeMutableBufferPointer { a in
    // Quickselect with a median-of-three pivot taken from the range, each pass a partition
    // without a branch on the values: a page's heights, gaps and edges come in no order a
    // predictor learns, and the scans of Wirth's selection (`while a[i] < pivot`) went wrong
    // at every other value (natively three times the cost its instructions suggest). A pass
    // moves the values below the pivot to the front; when the rank lies past them, a second
    // pass moves the pivot's equals next, so ties (a page's many equal heights) end the
    // search rather than leave the range as it was.
    var lo = 0
    var hi = a.count  // the range is lo ..< hi
    while hi - lo > 16 {
      let x = a[lo], y = a[(lo + hi - 1) / 2], z = a[hi - 1]
      let pivot = max(min(x, y), min(max(x, y), z))
      let below = partition(a, lo, hi) { $0 < pivot }
      if k < below {
        hi = below
        continue
      }
      let upTo = partition(a, below, hi) { $0 <= pivot }
      if k < upTo { return a[k] }
      lo = upTo
    }
    // A short range: sorted in place by insertion.
    for i in (lo + 1)..<max(lo + 1, hi) {
      let v = a[i]
      var j = i
      while j > lo, v < a[j - 1] {
        a[j] = a[j - 1]
        j -= 1
      }
      a[j] = v
    }
    return a[k]
  }
}

/// Moves the values of `a[lo ..< hi]` for which `goesFirst` holds to the front of the range,
/// keeping the others behind them, and returns where the others start (Lomuto's scheme with
/// every step a swap and the count advanced by the test's outcome, no branch on it).
@inline(__always)
private func partition(_ a: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int, _ goesFirst: (Double) -> Bool) -> Int {
  guard let p = a.baseAddress else { return lo }
  var m = lo
  for j in lo..<hi {
    let v = p[j]
    p[j] = p[m]
    p[m] = v
    // The test's outcome as a number: `? 1 : 0` was compiled into a branch.
    m &+= Int(unsafeBitCast(goesFirst(v), to: UInt8.self))
  }
  return m
}

extension OCRWord {
  /// `hasAlphanumeric`, answered from the UTF-8 bytes when an ASCII letter or digit settles it
  /// (ASCII's only alphabetic and numeric characters): Unicode property lookups per scalar were
  /// a large part of the layout's cost.
  static func isText(_ text: String) -> Bool {
    // On the buffer: stepping the UTF-8 view's iterator cost more than the test, for every
    // word of every page. Nil when only the scalars beyond ASCII can tell.
    let settled: Bool? = text.withUTF8Bytes { bytes in
      var nonASCII = false
      for b in bytes {
        if b >= 0x80 {
          nonASCII = true
        } else if (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) {
          return true
        }
      }
      return nonASCII ? nil : false
    }
    return settled ?? text.unicodeScalars.contains { ScalarClass.isAlphanumeric($0) }
  }
}
