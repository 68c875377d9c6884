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

  /// The runs of valid UTF-8 between every `separator` (an ASCII byte), empty ones kept, when
  /// they are where a Character split at the separator cuts: every scalar within two bytes of
  /// each separator is ASCII or a Latin letter (`ScalarClass.isPlainLetter`), none of which is
  /// a Prepend joining the separator to what follows or extends what precedes it. Nil
  /// otherwise, and only the Character split can tell. Splitting lines and aliases by
  /// Character cost ~15,000-40,000 instructions each.
  public static func characterCuts(_ b: UnsafeBufferPointer<UInt8>, at separator: UInt8) -> [Range<Int>]? {
    let n = b.count
    var runs: [Range<Int>] = []
    var start = 0
    while let p = ByteSearch.firstIndex(of: separator, in: b, from: start) {
      for k in max(0, p - 2)..<min(n, p + 3) where b[k] >= 0x80 {
        guard ScalarClass.isPlainLetter(UTF8Scalar.decode(b, at: UTF8Scalar.start(b, holding: k)).value) else { return nil }
      }
      runs.append(start..<p)
      start = p + 1
    }
    runs.append(start..<n)
    return runs
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
