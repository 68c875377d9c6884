/// An OLE compound file (CFB, magic D0 CF 11 E0 A1 B1 1A E1): the container of Word 97–2003
/// `.doc` files, and also of password-protected DOCX, which Office wraps whole in a CFB as an
/// `EncryptedPackage` stream beside `EncryptionInfo`.
enum CompoundFile {
  static let magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

  static func isCompoundFile(_ bytes: [UInt8]) -> Bool {
    bytes.starts(with: magic)
  }

  /// What a compound file holds, as far as vanban cares.
  enum Kind: Equatable {
    /// An encrypted OOXML package (a DOCX, XLSX … saved with a password).
    case encryptedPackage
    /// A Word 97–2003 document (it has a `WordDocument` stream).
    case wordDocument
    /// Anything else (an .xls, a .ppt, an Outlook message).
    case other
  }

  static func kind(_ bytes: [UInt8]) -> Kind {
    if hasStream(named: "EncryptedPackage", in: bytes) { return .encryptedPackage }
    if hasStream(named: "WordDocument", in: bytes) { return .wordDocument }
    return .other
  }

  /// directory entry (128 bytes) -> name UTF-16LE (64 bytes) name-length-in-bytes@64 (incl.
  /// the NUL) type@66 (1 storage, 2 stream, 5 root) …
  ///
  /// Whether any 128-byte-aligned slot past the header is a directory entry with this name.
  /// Directory sectors are aligned so in both sector sizes (512 and 4,096), so the slots hold
  /// every entry wherever the sector chain put it; following the FAT would answer the same
  /// yes-or-no question with more ways to fail on a damaged file.
  static func hasStream(named name: String, in bytes: [UInt8]) -> Bool {
    let units = Array(name.utf16)
    let nameBytes = (units.count + 1) * 2
    guard nameBytes <= 64 else { return false }
    let r = ByteReader(bytes)
    var slot = 512
    while slot + 128 <= bytes.count {
      defer { slot += 128 }
      guard r.u16(slot + 64) == UInt16(nameBytes), let type = bytes.indices.contains(slot + 66) ? bytes[slot + 66] : nil,
        type == 1 || type == 2
      else { continue }
      var same = true
      for (k, unit) in units.enumerated() where r.u16(slot + 2 * k) != unit {
        same = false
        break
      }
      if same { return true }
    }
    return false
  }
}
