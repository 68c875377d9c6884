import Foundation
@testable import VanBanInputs

/// A zip archive written byte by byte, its entries stored (not compressed), with whatever
/// method, flags and checksum a test wants to lie about.
struct StoredZip {
  struct Item {
    var name: String
    var data: [UInt8]
    var method: UInt16 = 0
    var flags: UInt16 = 0
    var crc: UInt32?
  }

  var items: [Item]

  var bytes: [UInt8] {
    var out: [UInt8] = []
    var central: [UInt8] = []
    for item in items {
      let offset = UInt32(out.count)
      let name = Array(item.name.utf8)
      let crc = item.crc ?? Data(item.data).crc32Value
      let size = UInt32(item.data.count)
      out += le32(0x0403_4B50) + le16(20) + le16(item.flags) + le16(item.method) + le16(0) + le16(0)
      out += le32(crc) + le32(size) + le32(size) + le16(UInt16(name.count)) + le16(0) + name + item.data
      central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(item.flags) + le16(item.method) + le16(0) + le16(0)
      central += le32(crc) + le32(size) + le32(size) + le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0)
      central += le16(0) + le32(0) + le32(offset) + name
    }
    let start = UInt32(out.count)
    out += central
    out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(items.count)) + le16(UInt16(items.count))
    out += le32(UInt32(central.count)) + le32(start) + le16(0)
    return out
  }

  private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
  private func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }

  /// The smallest DOCX: content types, the package relationship and `document`.
  static func docx(document: String, extra: [Item] = []) -> StoredZip {
    let types = """
      <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
      <Override PartName="/word/document.xml" \
      ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
      """
    let rels = """
      <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
      <Relationship Id="rId1" Target="word/document.xml" \
      Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>
      """
    return StoredZip(items: [
      Item(name: "[Content_Types].xml", data: Array(types.utf8)),
      Item(name: "_rels/.rels", data: Array(rels.utf8)),
      Item(name: "word/document.xml", data: Array(document.utf8)),
    ] + extra)
  }

  /// A document part with this body content.
  static func body(_ content: String) -> String {
    """
    <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(content)</w:body></w:document>
    """
  }
}

extension Data {
  var crc32Value: UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in self {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }
}
