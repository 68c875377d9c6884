import VanBanText
import VanBanBytes

/// Whether the input was hard-wrapped (pdftotext, OCR) and how long a full line is.
///
/// In a hard-wrapped document a line that runs to the margin continues on the next line even
/// when that line starts with a capital ("… của Ban" / "Thường vụ Tỉnh ủy"); in a clean document
/// only a lower-case start continues a paragraph (a page break cut "kế" / "hoạch").
struct WrapPolicy: Sendable {
  let isHardWrapped: Bool
  /// A line at least this long (in characters) reached the margin.
  let fullLine: Int
  /// Markdown wrapped at a fixed width with a blank line between paragraphs (a converter's):
  /// a line right under another continues its paragraph, as markdown reads it, however short
  /// the line above and whatever the next opens with ("- Chỉ tiêu 1: Năm 2025 đạt" / "60% các
  /// cơ quan …"), unless the line above ends a sentence or the next opens an item. Told by
  /// bold lines (`ClassifiedLine.endsBold`, markdown's mark) and a blank line after at least
  /// `blankShare` of the text lines: pdftotext and OCR output part blocks by blank lines too
  /// but write no markdown, and a block of theirs may hold several paragraphs.
  let isWrappedMarkdown: Bool

  /// The share of text lines a blank line follows in wrapped markdown, at least.
  static let blankShare = 0.2
  /// Bold lines that mark a document as markdown, at least.
  static let markdownBoldLines = 2

  /// The longest 95th-percentile line length of a hard-wrapped document.
  static let maxWrapWidth = 140

  init(lines: [ClassifiedLine]) {
    // Only whether the 95th percentile exceeds `maxWrapWidth`, and its value when it does not,
    // matter: lengths are counted into one bucket per length up to it and one for all longer,
    // instead of sorting them all.
    let cap = Self.maxWrapWidth + 1
    var histogram = [Int](repeating: 0, count: cap + 1)
    var count = 0
    var beforeBlank = 0
    var boldLines = 0
    var afterText = false
    // Each line's fields read through the array, not a line bound from it: a binding (or a
    // for-in loop) retained and released every line of the document.
    for k in lines.indices {
      if lines[k].isBlank {
        if afterText { beforeBlank += 1 }
        afterText = false
        continue
      }
      afterText = !lines[k].isTableRow
      guard afterText else { continue }
      // Four bytes at most per scalar: a longer line is over the cap without counting.
      let bytes = lines[k].text.utf8.count
      histogram[bytes > 4 * cap ? cap : Self.scalarCount(lines[k].text, upTo: cap)] += 1
      count += 1
      if lines[k].endsBold { boldLines += 1 }
    }
    guard count >= 20 else {
      isHardWrapped = false
      fullLine = .max
      isWrappedMarkdown = false
      return
    }
    // The element at sorted index count * 95 / 100.
    let rank = count * 95 / 100
    var p95 = cap
    var seen = 0
    for (length, n) in histogram.enumerated() {
      seen += n
      if seen > rank {
        p95 = length
        break
      }
    }
    isHardWrapped = p95 <= Self.maxWrapWidth
    fullLine = isHardWrapped ? p95 * 65 / 100 : .max
    isWrappedMarkdown =
      isHardWrapped && boldLines >= Self.markdownBoldLines && Double(beforeBlank) >= Self.blankShare * Double(count)
  }

  /// Scalars counted as the UTF-8 bytes that start one, without decoding: sixteen or eight
  /// bytes at a time, less the continuation bytes (high bits 10) among them. The count stops
  /// at `limit` (a paragraph can be very long, and callers only ask whether it reaches that).
  static func scalarCount(_ s: String, upTo limit: Int = .max) -> Int {
    return s.withUTF8Bytes { b in
      var count = 0
      var i = 0
      // Continuation bytes counted sixteen steps (256 bytes) at a time, and the limit checked
      // after each count.
      while i + 16 <= b.count {
        let steps = min((b.count - i) / 16, 16)
        let continuations = ByteVector.count(b.baseAddress!, at: i, steps: steps) { x in
          ByteVector.equal(x & ByteVector.Bytes(repeating: 0xC0), 0x80)
        }
        count += 16 * steps - continuations
        i += 16 * steps
        if count >= limit { return limit }
      }
      while i + 8 <= b.count {
        let x = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
        count += 8 - (x & ~(x << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
        if count >= limit { return limit }
        i += 8
      }
      while i < b.count {
        if b[i] & 0xC0 != 0x80 { count += 1 }
        i += 1
      }
      return min(count, limit)
    }
  }

  /// Whether `next` continues the paragraph read so far. The paragraph can be 100,000 lines
  /// long, so nothing here walks all of it: its length is counted only up to `fullLine` and its
  /// case comes from `LogicalText`'s running flag.
  /// `adjacent`: no blank line stands between them.
  func continues(_ previous: LogicalText, with next: ClassifiedLine, adjacent: Bool) -> Bool {
    // The last scalar of the one and the first of the other, decoded from the bytes: asked at
    // every line of every paragraph, the scalar views' generic first, last and a search of
    // the stops cost ~400 instructions a line.
    let last: UInt32? = previous.text.withUTF8Bytes { p in
      p.isEmpty ? nil : UTF8Scalar.decode(p, at: UTF8Scalar.start(p, holding: p.count - 1)).value
    }
    let first: UInt32? = next.text.withUTF8Bytes { n in n.isEmpty ? nil : UTF8Scalar.decode(n, at: 0).value }
    guard let last, let first, let firstScalar = Unicode.Scalar(first) else { return false }
    if Hyphenation.endsWithBrokenHyphen(previous.text) { return true }
    // . ; : ! ? …
    if last == 0x2E || last == 0x3B || last == 0x3A || last == 0x21 || last == 0x3F || last == 0x2026 { return false }
    if ScalarClass.isLowercase(firstScalar) { return true }
    if adjacent, isWrappedMarkdown { return true }
    if isHardWrapped, Self.scalarCount(previous.text, upTo: fullLine) >= fullLine {
      // A capitalised heading-like line after a sentence is not a continuation.
      let nextIsUpper = !LogicalText.containsLowercase(next.text)
      let previousIsUpper = !previous.hasLowercase
      return !nextIsUpper || previousIsUpper
    }
    return false
  }
}
