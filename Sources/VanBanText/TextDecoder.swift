/// Turns the bytes of an input file into text, or says precisely why they are not text.
///
/// Administrative documents arrive as UTF-8 (with or without a BOM, often saved by Windows
/// tools with CRLF), as UTF-16 from Notepad's "Unicode" option, or as some binary office format
/// by mistake. Recognising the binary formats here lets the error say what to run instead of
/// reporting garbage as a parse failure.
public enum TextDecoder {
  /// UTF-8 with or without BOM, UTF-16 LE/BE with BOM. Line endings are not changed, only
  /// reported, so offsets into `text` still match the file.
  ///
  /// Binary detection: magic numbers (PDF, ZIP/DOCX, PNG, JPEG, GIF, OLE2, RTF), then, without a
  /// UTF-16 BOM, a NUL byte or more than 30% control bytes (other than tab, LF, CR and form feed)
  /// in the first 8 KiB. UTF-16 text gets the same statistics on its first 4 Ki code units.
  public static func decode(_ bytes: [UInt8]) throws(DecodeError) -> DecodedText {
    if bytes.isEmpty { throw .empty }
    if let kind = magicKind(bytes[...]) { throw .binary(kind: kind) }

    let decoded: Result<DecodedText, DecodeError>
    if bytes.starts(with: [0xFF, 0xFE]) {
      decoded = decodeUTF16(bytes, bigEndian: false)
    } else if bytes.starts(with: [0xFE, 0xFF]) {
      decoded = decodeUTF16(bytes, bigEndian: true)
    } else {
      decoded = decodeUTF8(bytes)
    }
    let result = try decoded.get()
    if isBlank(result.text) { throw .empty }
    return result
  }

  // MARK: UTF-8

  private static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

  private static func decodeUTF8(_ bytes: [UInt8]) -> Result<DecodedText, DecodeError> {
    let hadBOM = bytes.starts(with: utf8BOM)
    let start = hadBOM ? utf8BOM.count : 0
    if hadBOM, let kind = magicKind(bytes[start...]) { return .failure(.binary(kind: kind)) }
    return bytes.withUnsafeBufferPointer { all in
      let body = UnsafeBufferPointer(rebasing: all[start...])
      let sample = UnsafeBufferPointer(rebasing: body.prefix(8192))
      if sample.contains(0) || controlRatioTooHigh(sample.lazy.map { UInt16($0) }) {
        return .failure(.binary(kind: "binary data"))
      }
      if let bad = firstInvalidUTF8(body) { return .failure(.invalidUTF8(offset: start + bad)) }
      let text = String(decoding: body, as: UTF8.self)
      return .success(
        DecodedText(text: text, encoding: "utf-8", hadBOM: hadBOM, lineEnding: lineEnding(body)))
    }
  }

  /// Offset of the first byte of the first ill-formed sequence (Unicode Table 3-7: no overlong
  /// forms, no surrogates, nothing above U+10FFFF), or nil if `bytes` is valid UTF-8.
  static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let n = bytes.count
    var i = 0
    while i < n {
      // ASCII runs dominate even Vietnamese text; skip them eight bytes at a time.
      while i + 8 <= n {
        let word = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
        if word & 0x8080_8080_8080_8080 != 0 { break }
        i += 8
      }
      if i >= n { break }
      let lead = bytes[i]
      if lead < 0x80 {
        i += 1
        continue
      }
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0: length = 3; low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED: length = 3; high = 0x9F
      case 0xF0: length = 4; low = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4: length = 4; high = 0x8F
      default: return i
      }
      if i + length > n { return i }
      let second = bytes[i + 1]
      if second < low || second > high { return i }
      for k in 2..<max(length, 2) where bytes[i + k] & 0xC0 != 0x80 { return i }
      i += length
    }
    return nil
  }

  // MARK: UTF-16

  private static func decodeUTF16(_ bytes: [UInt8], bigEndian: Bool) -> Result<
    DecodedText, DecodeError
  > {
    let body = bytes.dropFirst(2)
    var units = [UInt16]()
    units.reserveCapacity(body.count / 2 + 1)
    var i = body.startIndex
    while i + 1 < body.endIndex {
      let a = UInt16(body[i])
      let b = UInt16(body[i + 1])
      units.append(bigEndian ? a << 8 | b : b << 8 | a)
      i += 2
    }
    // A dangling odd byte means the file was cut short; keep the text and mark the damage the
    // same way unpaired surrogates are marked, rather than reject a whole document for it.
    if i < body.endIndex { units.append(0xFFFD) }

    let sample = units.prefix(4096)
    if sample.contains(0) || controlRatioTooHigh(sample) {
      return .failure(.binary(kind: "binary data"))
    }
    let text = ICUString.string(units)
    var utf8 = text
    let ending = utf8.withUTF8 { lineEnding($0) }
    return .success(DecodedText(text: text, encoding: "utf-16", hadBOM: true, lineEnding: ending))
  }

  // MARK: Classification

  private static let magicNumbers: [(bytes: [UInt8], kind: String)] = [
    (Array("%PDF".utf8), "PDF"),
    ([0x50, 0x4B, 0x03, 0x04], "DOCX/ZIP"),
    ([0x50, 0x4B, 0x05, 0x06], "DOCX/ZIP"),  // empty archive
    ([0x50, 0x4B, 0x07, 0x08], "DOCX/ZIP"),  // spanned archive
    ([0x89, 0x50, 0x4E, 0x47], "PNG"),
    ([0xFF, 0xD8, 0xFF], "JPEG"),
    (Array("GIF8".utf8), "GIF"),
    ([0xD0, 0xCF, 0x11, 0xE0], "OLE2 (DOC/XLS)"),
    (Array(#"{\rtf"#.utf8), "RTF"),
  ]

  private static func magicKind(_ bytes: ArraySlice<UInt8>) -> String? {
    magicNumbers.first { bytes.starts(with: $0.bytes) }?.kind
  }

  /// More than 30% C0 controls (or DEL) other than tab, LF, CR and form feed: no text file,
  /// whatever its encoding, looks like that.
  private static func controlRatioTooHigh<C: Collection>(_ sample: C) -> Bool
  where C.Element == UInt16 {
    if sample.isEmpty { return false }
    var controls = 0
    for unit in sample {
      switch unit {
      case 0x09, 0x0A, 0x0C, 0x0D: break
      case 0x00...0x1F, 0x7F: controls += 1
      default: break
      }
    }
    return controls * 10 > sample.count * 3
  }

  /// Byte-order marks count as blank: a file of nothing but BOMs has no text either.
  private static func isBlank(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0 == "\u{FEFF}" }
  }

  private static func lineEnding(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    var lf = false
    var crlf = false
    var cr = false
    var i = 0
    let n = bytes.count
    while i < n {
      switch bytes[i] {
      case 0x0A:
        lf = true
      case 0x0D:
        if i + 1 < n && bytes[i + 1] == 0x0A {
          crlf = true
          i += 1
        } else {
          cr = true
        }
      default: break
      }
      i += 1
    }
    switch (lf, crlf, cr) {
    case (false, false, false): return "none"
    case (true, false, false): return "lf"
    case (false, true, false): return "crlf"
    case (false, false, true): return "cr"
    default: return "mixed"
    }
  }
}
