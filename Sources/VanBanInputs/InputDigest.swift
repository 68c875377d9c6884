import Crypto
import VanBanText

/// A file's identity, taken where its bytes come in: ingest skips a file whose digest it has
/// stored before parsing it, and `source.sha256` names the bytes that were read.
public enum InputDigest {
  /// The SHA-256 of the bytes in lower-case hex.
  public static func sha256Hex(_ bytes: [UInt8]) -> String {
    let digest = SHA256.hash(data: bytes)
    // Written as bytes into the string's storage: appending 64 Characters one by one was
    // ~22,000 instructions a document.
    return String(trustedUTF8Capacity: 64) { out in
      var n = 0
      for b in digest {
        out[n] = hexDigits[Int(b >> 4)]
        out[n + 1] = hexDigits[Int(b & 0xF)]
        n += 2
      }
      return n
    }
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
