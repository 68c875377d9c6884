#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A String compared and hashed by its UTF-8 bytes.
///
/// Keys from `FoldingKey` are NFC already, and for non-ASCII text String's own `==` and hash
/// normalise both sides again on every use: dictionary look-ups by folded key spent more time
/// there than in folding. Two NFC strings are equal exactly when their bytes are.
public struct UTF8Key: Hashable, Sendable {
  public let string: String
  public init(_ string: String) { self.string = string }

  public static func == (a: UTF8Key, b: UTF8Key) -> Bool {
    guard a.string.utf8.count == b.string.utf8.count else { return false }
    var x = a.string
    var y = b.string
    return x.withUTF8 { p in y.withUTF8 { q in p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0 } }
  }

  public func hash(into h: inout Hasher) {
    var s = string
    s.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
  }
}
