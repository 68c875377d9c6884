#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import VanBanBytes

/// Byte and byte-string search with the C library's `memchr`, which tests many bytes per
/// step: `String.utf8.contains(_:)` is the generic `Sequence` walk, one index advance and
/// bounds check per byte, and it ran on every line of every document.
public enum ByteSearch {
  /// Whether the text holds the bytes of `needle` in a row.
  @inlinable
  public static func contains(_ needle: StaticString, in text: String) -> Bool {
    return text.withUTF8Bytes { b in
      let m = needle.utf8CodeUnitCount
      guard b.count >= m, m > 0 else { return m == 0 }
      // memchr to each place the needle's first byte other than a space could stand (glibc's
      // memmem is not in the Swift module): spaces are everywhere in text, the anchor is rare.
      let p = needle.utf8Start
      var k = 0
      while k < m - 1, p[k] == 0x20 { k += 1 }
      var from = k
      while let i = firstIndex(of: p[k], in: b, from: from), i - k + m <= b.count {
        if memcmp(b.baseAddress! + (i - k), p, m) == 0 { return true }
        from = i + 1
      }
      return false
    }
  }

  /// The offset of the first `byte` at or after `from`, or nil.
  @inlinable
  public static func firstIndex(of byte: UInt8, in b: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
    guard let base = b.baseAddress, from < b.count else { return nil }
    guard let p = memchr(base + from, Int32(byte), b.count - from) else { return nil }
    return UnsafeRawPointer(p) - UnsafeRawPointer(base)
  }
}
