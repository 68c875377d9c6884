/// A String compared and hashed by its UTF-8 bytes.
///
/// Keys from `FoldingKey` are NFC already, and for non-ASCII text String's own `==` and hash
/// normalise both sides again on every use: dictionary look-ups by folded key spent more time
/// there than in folding. Two NFC strings are equal exactly when their bytes are.
public struct UTF8Key: Hashable, Sendable {
  public let string: String
  public init(_ string: String) { self.string = string }

  public static func == (a: UTF8Key, b: UTF8Key) -> Bool { a.string.utf8.elementsEqual(b.string.utf8) }

  public func hash(into h: inout Hasher) {
    var s = string
    s.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
  }
}
