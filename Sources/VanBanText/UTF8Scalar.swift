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
