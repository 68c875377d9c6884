/// A row of words at one height on the page, left to right, in deskewed coordinates.
struct VisualLine: Sendable {
  var words: [OCRWord]
  var top: Double
  var bottom: Double

  var centerY: Double { (top + bottom) / 2 }
  var x0: Double { words.first?.x0 ?? 0 }
  var x1: Double { words.reduce(-Double.infinity) { max($0, $1.x1) } }
  var sourceLine: Int { words.first?.sourceLine ?? 0 }
  var text: String { words.map(\.text).joinedText(" ") }
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
    var slopes: [Double] = []
    var start = 0
    while start < words.count {
      var end = start + 1
      while end < words.count, words[end].lineID == words[start].lineID { end += 1 }
      let line = words[start..<end].filter(\.isText)
      if line.count >= 3, let first = line.first, let last = line.last, last.centerX - first.centerX > 10 * first.height {
        // Least squares over the line's word bottoms: descenders and marks average out.
        let n = Double(line.count)
        let mx = line.reduce(0) { $0 + $1.centerX } / n
        let my = line.reduce(0) { $0 + $1.y1 } / n
        var sxy = 0.0
        var sxx = 0.0
        for w in line {
          sxy += (w.centerX - mx) * (w.y1 - my)
          sxx += (w.centerX - mx) * (w.centerX - mx)
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
  static func dropNoise(_ words: [OCRWord], height: Double) -> [OCRWord] {
    var out: [OCRWord] = []
    out.reserveCapacity(words.count)
    for var w in words {
      // A rule touching a word is read as `_` or `|` glued to it; Vietnamese text uses neither.
      // Only a word whose first or last scalar is one of them can start or end with one as a
      // character, so the others skip the character-level trimming.
      if let f = w.text.unicodeScalars.first, let l = w.text.unicodeScalars.last,
        isJunk(f.value) || isJunk(l.value)
      {
        var t = Substring(w.text)
        while let f = t.first, junk.contains(f) { t = t.dropFirst() }
        while let l = t.last, junk.contains(l) { t = t.dropLast() }
        if t.isEmpty { continue }
        w.text = String(t)
      }
      if keeps(w, height: height) { out.append(w) }
    }
    return out
  }

  private static let junk: Set<Character> = ["_", "|", "¦", "│"]

  private static func isJunk(_ v: UInt32) -> Bool {
    v == 0x5F || v == 0x7C || v == 0xA6 || v == 0x2502
  }

  private static func keeps(_ w: OCRWord, height: Double) -> Bool {
    var bars = true  // only | ¦ │ ‖ ┃
    var barsOrLookalikes = true  // those, ! I and l
    for s in w.text.unicodeScalars {
      switch s.value {
      case 0x7C, 0xA6, 0x2502, 0x2016, 0x2503: break
      case 0x21, 0x49, 0x6C: bars = false
      default:
        bars = false
        barsOrLookalikes = false
      }
      if !barsOrLookalikes { break }
    }
    if barsOrLookalikes && w.height > 1.3 * height && w.width < 0.6 * height { return false }
    if bars { return false }
    if w.height > 3 * height && w.width < height { return false }
    if !w.isText && w.conf >= 0 && w.conf < 30 { return false }
    // A rule blurred in a poor scan reads as a row of flat "letters" Tesseract doubts.
    if w.height < 0.45 * height && w.conf >= 0 && w.conf < 50 { return false }
    return true
  }

  /// Groups words whose vertical extents overlap into lines, top to bottom.
  static func build(_ words: [OCRWord], height: Double) -> [VisualLine] {
    struct Building {
      var words: [OCRWord]
      var sumTop: Double
      var sumBottom: Double
      var top: Double { sumTop / Double(words.count) }
      var bottom: Double { sumBottom / Double(words.count) }
    }
    let sorted = words.sorted { $0.centerY < $1.centerY || ($0.centerY == $1.centerY && $0.x0 < $1.x0) }
    var lines: [Building] = []
    for w in sorted {
      // Only a few recent lines can still reach down to this word.
      var best: Int?
      var bestScore = 0.0
      var k = lines.count - 1
      var looked = 0
      while k >= 0, looked < 12 {
        let l = lines[k]
        let overlap = min(w.y1, l.bottom) - max(w.y0, l.top)
        let score = overlap / max(1, min(w.height, l.bottom - l.top))
        if score > bestScore, !l.words.contains(where: { collides($0, w) }) {
          best = k
          bestScore = score
        }
        k -= 1
        looked += 1
      }
      if let best, bestScore >= 0.4 {
        lines[best].words.append(w)
        lines[best].sumTop += w.y0
        lines[best].sumBottom += w.y1
      } else {
        lines.append(Building(words: [w], sumTop: w.y0, sumBottom: w.y1))
      }
    }
    var out = lines.map { b in
      VisualLine(words: b.words.sorted { $0.x0 < $1.x0 }, top: b.top, bottom: b.bottom)
    }
    out.sort { $0.centerY < $1.centerY }
    return out
  }

  /// Two boxes side by side in one line never overlap much horizontally.
  static func collides(_ a: OCRWord, _ b: OCRWord) -> Bool {
    let overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
    return overlap > 0.3 * max(1, min(a.width, b.width))
  }
}

func ocrMedian(_ values: [Double]) -> Double {
  guard !values.isEmpty else { return 0 }
  let s = values.sorted()
  return s[s.count / 2]
}

func ocrPercentile(_ values: [Double], _ p: Double) -> Double {
  guard !values.isEmpty else { return 0 }
  let s = values.sorted()
  return s[min(s.count - 1, max(0, Int(Double(s.count - 1) * p)))]
}

extension OCRWord {
  /// `hasAlphanumeric`, answered from the UTF-8 bytes when an ASCII letter or digit settles it
  /// (ASCII's only alphabetic and numeric characters): Unicode property lookups per scalar were
  /// a large part of the layout's cost.
  static func isText(_ text: String) -> Bool {
    var nonASCII = false
    for b in text.utf8 {
      if b >= 0x80 {
        nonASCII = true
      } else if (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) {
        return true
      }
    }
    return nonASCII && text.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
  }
}
