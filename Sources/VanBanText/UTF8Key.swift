#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import VanBanBytes

/// A String compared and hashed by its UTF-8 bytes.
///
/// Keys from `FoldingKey` are NFC already, and for non-ASCII text String's own `==` and hash
/// normalise both sides again on every use: dictionary look-ups by folded key spent more time
/// there than in folding. Two NFC strings are equal exactly when their bytes are.
public struct UTF8Key: Hashable, Sendable {
  public let string: String
  @inlinable public init(_ string: String) { self.string = string }

  @inlinable
  public static func == (a: UTF8Key, b: UTF8Key) -> Bool {
    // Two Strings with the same bits hold the same text (the same storage, or the same bytes
    // stored inline, as a short key's are): most hits of a dictionary of short folded words
    // are settled so, without reaching either's bytes.
    if unsafeBitCast(a.string, to: (UInt64, UInt64).self) == unsafeBitCast(b.string, to: (UInt64, UInt64).self) {
      return true
    }
    guard a.string.utf8.count == b.string.utf8.count else { return false }
    return a.string.withUTF8Bytes { p in b.string.withUTF8Bytes { q in p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0 } }
  }

  @inlinable
  public func hash(into h: inout Hasher) {
    h.combine(Self.mix(string, seed: 0))
  }

  /// Dictionaries and sets ask for this, not `hash(into:)`: the keys are short folded words
  /// looked up on every word of every line, and SipHash through a `Hasher` (set up, fed and
  /// finalised for a few bytes) was most of each look-up. A multiply-and-fold over the key's
  /// bytes (`mix`), seeded per process as `Hasher` is, spreads these keys as well.
  @inlinable
  public func _rawHashValue(seed: Int) -> Int {
    Int(truncatingIfNeeded: Self.mix(string, seed: UInt64(truncatingIfNeeded: seed)))
  }

  @inlinable @inline(__always)
  static func mix(_ s: String, seed: UInt64) -> UInt64 {
    s.withUTF8Bytes { mix(bytes: $0, seed: seed) }
  }

  /// The hash of `UTF8Key` on bytes, for tables of words that are not Strings yet.
  @inlinable @inline(__always)
  public static func mix(bytes b: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
    let k: UInt64 = 0x9E37_79B9_7F4A_7C15
    let n = b.count
    var h = (seed ^ UInt64(n)) &* k
    guard let p = b.baseAddress, n > 0 else { return h }
    let raw = UnsafeRawPointer(p)
    // Every byte is read, short keys (most of them: folded words) by overlapping loads
    // rather than a byte at a time: first and last eight, four, or the ends and middle.
    if n >= 8 {
      var i = 0
      while i + 8 < n {
        h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
        h ^= h >> 29
        i += 8
      }
      h = (h ^ raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)) &* k
    } else if n >= 4 {
      let lo = UInt64(raw.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
      let hi = UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
      h = (h ^ (lo << 32 | hi)) &* k
    } else {
      let v = UInt64(p[0]) << 16 | UInt64(p[n / 2]) << 8 | UInt64(p[n - 1])
      h = (h ^ v) &* k
    }
    h ^= h >> 32
    h = h &* 0xD6E8_FEB8_6659_FD93
    h ^= h >> 32
    return h
  }
}
