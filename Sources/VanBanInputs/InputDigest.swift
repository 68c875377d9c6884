import Crypto

/// A file's identity, taken where its bytes come in: ingest skips a file whose digest it has
/// stored before parsing it, and `source.sha256` names the bytes that were read.
public enum InputDigest {
  /// The SHA-256 of the bytes in lower-case hex.
  public static func sha256Hex(_ bytes: [UInt8]) -> String {
    let digest = SHA256.hash(data: bytes)
    let hex: [Character] = Array("0123456789abcdef")
    var s = ""
    s.reserveCapacity(64)
    for b in digest {
      s.append(hex[Int(b >> 4)])
      s.append(hex[Int(b & 0xF)])
    }
    return s
  }
}
