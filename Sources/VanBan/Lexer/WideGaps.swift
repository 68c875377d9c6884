import VanBanText

/// Wide runs of spaces inside a line of plain text: where a converter laid two columns side
/// by side.
enum WideGaps {
  /// Spaces in a row that part two columns rather than two words (a blank number field,
  /// "Số:      /KH-UBND", is narrower in practice, and is told apart by its "/" as well).
  static let width = 6

  /// Whether the bytes hold `width` spaces in a row. Such a run covers one of every
  /// `width`-th bytes, so only those are looked at, and the run measured around a space found.
  static func hasRun(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    var p = width - 1
    while p < b.count {
      if b[p] == 0x20 {
        var lo = p
        while lo > 0, b[lo - 1] == 0x20 { lo -= 1 }
        var hi = p + 1
        while hi < b.count, b[hi] == 0x20 { hi += 1 }
        if hi - lo >= width { return true }
        p = hi + width - 1
      } else {
        p += width
      }
    }
    return false
  }

  /// Whether text after a wide run opens a column of its own. A blank left for a number or a
  /// day ("Số:        /KH-UBND", "ngày        tháng        năm 2026") is followed by a
  /// slash, a comma or a lower-case word that goes on with the sentence.
  private static func startsColumn(_ rest: Substring) -> Bool {
    guard let f = rest.unicodeScalars.first else { return false }
    if f == "/" || f == "," || f == "." || f == ")" { return false }
    return !ScalarClass.isLowercase(f)
  }

  /// The spaces before a line's text (0 when there is no text), and whether a run of `width`
  /// spaces follows the text's start (`hasRun`): what `split` finds first, and all it finds
  /// in most lines.
  static func indentAndRun(_ b: UnsafeBufferPointer<UInt8>) -> (indent: Int, hasRun: Bool) {
    var k = 0
    while k < b.count, b[k] == 0x20 { k += 1 }
    guard k < b.count else { return (0, false) }
    return (k, hasRun(UnsafeBufferPointer(rebasing: b[k...])))
  }

  /// The line's indent and, when some run of `width` spaces stands between two texts, the
  /// texts it parts (nil otherwise).
  static func split(_ line: Substring) -> (indent: Int, parts: [Substring]?) {
    // The indent and the test for a run in one walk over the bytes: most lines that come here
    // (indented, or long) hold no run, and stepping the UTF-8 view and slicing cost more.
    var copy = line
    let (indent, wide) = copy.withUTF8(indentAndRun)
    guard wide else { return (indent, nil) }
    let u = line.utf8
    let i = u.index(u.startIndex, offsetBy: indent)
    var parts: [Substring] = []
    var partStart = i
    var run = 0
    var runStart = i
    var j = i
    while j < u.endIndex {
      if u[j] == 0x20 {
        if run == 0 { runStart = j }
        run += 1
      } else {
        if run >= width, startsColumn(line[j...]) {
          parts.append(line[partStart..<runStart])
          partStart = j
        }
        run = 0
      }
      u.formIndex(after: &j)
    }
    guard !parts.isEmpty else { return (indent, nil) }
    parts.append(line[partStart..<(run > 0 ? runStart : u.endIndex)])
    return (indent, parts)
  }
}
