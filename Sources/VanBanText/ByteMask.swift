/// Eight bytes at a time: which bytes of a word equal a given one.
///
/// The scans that skip through whole documents (line counting in hOCR, runs of spaces in a
/// -layout dump, o and u before a tone pair) test eight bytes per step with this one mask.
public enum ByteMask {
  /// The high bit of every byte of `word` that equals `byte`, and no other bit: exact, since
  /// the borrow of the usual "has a zero byte" test cannot reach into the next byte here.
  @inlinable @inline(__always)
  public static func equal(_ word: UInt64, to byte: UInt8) -> UInt64 {
    let d = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
    let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    return ~(((d & low) &+ low) | d) & 0x8080_8080_8080_8080
  }

  /// The high bit of every byte of `word` below `bound` (1...128), and no other bit: exact,
  /// since adding `0x80 - bound` to the low seven bits cannot carry into the next byte.
  @inlinable @inline(__always)
  public static func less(_ word: UInt64, than bound: UInt8) -> UInt64 {
    let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let add = UInt64(0x80 &- bound) &* 0x0101_0101_0101_0101
    return ~(((word & low) &+ add) | word) & 0x8080_8080_8080_8080
  }
}
