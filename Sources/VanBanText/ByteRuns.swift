/// Runs of bytes between separators, found without making strings.
public enum ByteRuns {
  /// `r` without the spaces (0x20) at either end: cells, clauses and columns cut at a
  /// separator byte are trimmed so before they become strings.
  @inlinable @inline(__always)
  public static func trimmingSpaces(_ r: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    var lo = r.lowerBound
    var hi = r.upperBound
    while lo < hi, bytes[lo] == 0x20 { lo += 1 }
    while hi > lo, bytes[hi - 1] == 0x20 { hi -= 1 }
    return lo..<hi
  }

  /// Each non-empty run of bytes between separators, by offsets, while `body` returns true:
  /// the one cutting loop behind the parser's word splitting and the hOCR class reader. An
  /// ASCII separator is always a boundary between scalars.
  @inlinable @inline(__always)
  public static func forEach(
    in bytes: UnsafeBufferPointer<UInt8>, separatedBy isSeparator: (UInt8) -> Bool, _ body: (Range<Int>) -> Bool
  ) {
    var i = 0
    let n = bytes.count
    while i < n {
      while i < n, isSeparator(bytes[i]) { i += 1 }
      let start = i
      while i < n, !isSeparator(bytes[i]) { i += 1 }
      if i > start, !body(start..<i) { return }
    }
  }
}
