/// One scalar of the UTF-8 a String holds, read on the bytes.
///
/// The byte scanners (tone folding, tone placement, the NFC shortcut, bare words) each decoded scalars by
/// hand; this is the one decoder they share. Input comes from `String.withUTF8`, so it is well
/// formed and a lead byte is always followed by its continuation bytes.
public enum UTF8Scalar {
  /// Where the scalar holding byte `i` starts: back over continuation bytes (valid UTF-8).
  @inlinable @inline(__always)
  public static func start(_ bytes: UnsafeBufferPointer<UInt8>, holding i: Int) -> Int {
    var k = i
    while k > 0, bytes[k] & 0xC0 == 0x80 { k -= 1 }
    return k
  }

  /// Where `bytes` end once the ASCII marks `isMark` accepts are dropped from their end, as a
  /// Character loop drops them (`while let l = last, l is such a mark { removeLast() }`); nil
  /// when the bytes cannot tell. A trailing mark byte is a Character of its own when the scalar
  /// before it is ASCII or a Latin letter (`ScalarClass.isPlainLetter`): only a Prepend scalar
  /// joins a grapheme with what follows it, and a mark never extends backwards; of two ASCII
  /// scalars only CR LF is one Character. Before any other scalar, and for an LF after a CR,
  /// nil: the Character loop decides.
  @inlinable
  public static func endBeforeTrailingMarks(_ bytes: UnsafeBufferPointer<UInt8>, _ isMark: (UInt8) -> Bool) -> Int? {
    var hi = bytes.count
    while hi > 0, bytes[hi - 1] < 0x80, isMark(bytes[hi - 1]) {
      if hi >= 2 {
        let before = bytes[hi - 2]
        if before >= 0x80 {
          guard ScalarClass.isPlainLetter(decode(bytes, at: start(bytes, holding: hi - 2)).value) else { return nil }
        } else if before == 0x0D && bytes[hi - 1] == 0x0A {
          return nil
        }
      }
      hi -= 1
    }
    return hi
  }

  /// Every scalar of valid UTF-8, in one pass: `Array(text.unicodeScalars)` walked the text
  /// twice, once to count the scalars and once to copy them.
  public static func scalars(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
    [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { out, count in
      var i = 0
      var n = 0
      while i < bytes.count {
        let (value, length) = decode(bytes, at: i)
        // Valid UTF-8 holds scalars only.
        out.initializeElement(at: n, to: Unicode.Scalar(value).unsafelyUnwrapped)
        n += 1
        i += length
      }
      count = n
    }
  }

  /// The scalar starting at `i` and its length in bytes (1–4).
  @inlinable @inline(__always)
  public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int) {
    let b = UInt32(bytes[i])
    if b < 0x80 { return (b, 1) }
    if b < 0xE0 { return ((b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2) }
    if b < 0xF0 {
      return ((b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
    }
    return (
      (b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
        | UInt32(bytes[i + 3] & 0x3F), 4
    )
  }
}
