import Testing

@testable import VanBanText

struct DecodeCase: Sendable, CustomTestStringConvertible {
  let name: String
  let bytes: [UInt8]
  let expected: DecodedText
  var testDescription: String { name }
}

struct DecodeFailureCase: Sendable, CustomTestStringConvertible {
  let name: String
  let bytes: [UInt8]
  let expected: DecodeError
  var testDescription: String { name }
}

private func utf16(_ s: String, bigEndian: Bool) -> [UInt8] {
  var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
  for unit in s.utf16 {
    let hi = UInt8(unit >> 8)
    let lo = UInt8(unit & 0xFF)
    bytes += bigEndian ? [hi, lo] : [lo, hi]
  }
  return bytes
}

let decodeCases: [DecodeCase] = [
  DecodeCase(
    name: "UTF-8 plain", bytes: Array("Quyết định số 12/QĐ-UBND\n".utf8),
    expected: DecodedText(
      text: "Quyết định số 12/QĐ-UBND\n", encoding: "utf-8", hadBOM: false, lineEnding: "lf")),
  DecodeCase(
    name: "UTF-8 BOM", bytes: [0xEF, 0xBB, 0xBF] + Array("CỘNG HÒA".utf8),
    expected: DecodedText(text: "CỘNG HÒA", encoding: "utf-8", hadBOM: true, lineEnding: "none")),
  DecodeCase(
    name: "CRLF", bytes: Array("Điều 1.\r\nĐiều 2.\r\n".utf8),
    expected: DecodedText(
      text: "Điều 1.\r\nĐiều 2.\r\n", encoding: "utf-8", hadBOM: false, lineEnding: "crlf")),
  DecodeCase(
    name: "CR only", bytes: Array("a\rb\r".utf8),
    expected: DecodedText(text: "a\rb\r", encoding: "utf-8", hadBOM: false, lineEnding: "cr")),
  DecodeCase(
    name: "mixed endings", bytes: Array("a\r\nb\nc".utf8),
    expected: DecodedText(text: "a\r\nb\nc", encoding: "utf-8", hadBOM: false, lineEnding: "mixed")),
  DecodeCase(
    name: "UTF-16LE BOM", bytes: utf16("Việt Nam\r\n𝄞", bigEndian: false),
    expected: DecodedText(
      text: "Việt Nam\r\n𝄞", encoding: "utf-16", hadBOM: true, lineEnding: "crlf")),
  DecodeCase(
    name: "UTF-16BE BOM", bytes: utf16("Độc lập\nTự do", bigEndian: true),
    expected: DecodedText(
      text: "Độc lập\nTự do", encoding: "utf-16", hadBOM: true, lineEnding: "lf")),
  DecodeCase(
    name: "form feed and tabs are text", bytes: Array("a\tb\u{0C}c".utf8),
    expected: DecodedText(text: "a\tb\u{0C}c", encoding: "utf-8", hadBOM: false, lineEnding: "none")),
]

let decodeFailureCases: [DecodeFailureCase] = [
  DecodeFailureCase(name: "empty", bytes: [], expected: .empty),
  DecodeFailureCase(name: "whitespace only", bytes: Array(" \n\t\r\n  ".utf8), expected: .empty),
  DecodeFailureCase(name: "BOM only", bytes: [0xEF, 0xBB, 0xBF], expected: .empty),
  DecodeFailureCase(
    name: "BOM and non-breaking spaces", bytes: [0xEF, 0xBB, 0xBF] + Array("\u{A0} \n".utf8),
    expected: .empty),
  DecodeFailureCase(name: "UTF-16 BOM only", bytes: [0xFF, 0xFE, 0x20, 0x00], expected: .empty),
  DecodeFailureCase(
    name: "PDF", bytes: Array("%PDF-1.7\n%âãÏÓ\n1 0 obj".utf8) + [0x00, 0x9C],
    expected: .binary(kind: "PDF")),
  DecodeFailureCase(
    name: "PNG", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D],
    expected: .binary(kind: "PNG")),
  DecodeFailureCase(
    name: "ZIP/DOCX", bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + Array("[Content_Types].xml".utf8),
    expected: .binary(kind: "DOCX/ZIP")),
  DecodeFailureCase(
    name: "JPEG", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10], expected: .binary(kind: "JPEG")),
  DecodeFailureCase(name: "GIF", bytes: Array("GIF89a".utf8), expected: .binary(kind: "GIF")),
  DecodeFailureCase(
    name: "OLE2", bytes: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
    expected: .binary(kind: "OLE2 (DOC/XLS)")),
  DecodeFailureCase(
    name: "RTF", bytes: Array(#"{\rtf1\ansi\deff0 Hello}"#.utf8), expected: .binary(kind: "RTF")),
  DecodeFailureCase(
    name: "NUL-laden", bytes: Array("Ch\u{0}ng\u{0}ta\u{0}".utf8), expected: .binary(kind: "binary data")),
  DecodeFailureCase(
    name: "UTF-16LE without BOM", bytes: Array(utf16("Hà Nội", bigEndian: false).dropFirst(2)),
    expected: .binary(kind: "binary data")),
  DecodeFailureCase(
    name: "UTF-32LE BOM", bytes: [0xFF, 0xFE, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00],
    expected: .binary(kind: "binary data")),
  DecodeFailureCase(
    name: "RTF after a UTF-8 BOM", bytes: [0xEF, 0xBB, 0xBF] + Array(#"{\rtf1 x}"#.utf8),
    expected: .binary(kind: "RTF")),
  DecodeFailureCase(
    name: "mostly control bytes", bytes: [0x01, 0x02, 0x03, 0x41, 0x42, 0x1B, 0x1B, 0x7F, 0x43, 0x44],
    expected: .binary(kind: "binary data")),
  DecodeFailureCase(
    name: "invalid UTF-8 (Windows-1258 byte)", bytes: Array("Ha Noi ".utf8) + [0xF4, 0x69],
    expected: .invalidUTF8(offset: 7)),
  DecodeFailureCase(
    name: "invalid UTF-8 after BOM counts the BOM", bytes: [0xEF, 0xBB, 0xBF, 0x41, 0xC3, 0x28],
    expected: .invalidUTF8(offset: 4)),
  DecodeFailureCase(
    name: "overlong encoding", bytes: Array("abcdefghij".utf8) + [0xC0, 0xAF],
    expected: .invalidUTF8(offset: 10)),
  DecodeFailureCase(
    name: "UTF-8 encoded surrogate", bytes: Array("xyz".utf8) + [0xED, 0xA0, 0x80],
    expected: .invalidUTF8(offset: 3)),
  DecodeFailureCase(
    name: "truncated sequence at end", bytes: Array("Việt".utf8) + [0xE1, 0xBB],
    expected: .invalidUTF8(offset: 6)),
  DecodeFailureCase(
    name: "stray continuation byte", bytes: Array("0123456789abcdef".utf8) + [0x80],
    expected: .invalidUTF8(offset: 16)),
]

@Test("decodes text", arguments: decodeCases)
func decodes(_ c: DecodeCase) throws {
  let decoded = try TextDecoder.decode(c.bytes)
  #expect(decoded == c.expected)
}

@Test("rejects non-text", arguments: decodeFailureCases)
func rejects(_ c: DecodeFailureCase) {
  #expect(throws: c.expected) { try TextDecoder.decode(c.bytes) }
}

@Test func invalidUTF8DeepInLargeFile() {
  var bytes = Array(String(repeating: "Ủy ban nhân dân tỉnh ", count: 5000).utf8)
  let offset = bytes.count
  bytes += [0xFF] + Array("tail".utf8)
  #expect(throws: DecodeError.invalidUTF8(offset: offset)) { try TextDecoder.decode(bytes) }
}

@Test func errorDescriptionsAreLowerCaseAndActionable() {
  #expect(DecodeError.empty.description.hasPrefix("the file is empty"))
  #expect(
    DecodeError.binary(kind: "PDF").description
      == "this is a PDF file, not text: vanban reads PDFs itself (drop --input-format, or use --input-format pdf)")
  #expect(
    DecodeError.invalidUTF8(offset: 1234).description
      == "invalid UTF-8 at byte 1234: not a UTF-8 or UTF-16 text file (pass --encoding if it is a legacy encoding)")
  for kind in ["DOCX/ZIP", "PNG", "JPEG", "GIF", "OLE2 (DOC/XLS)", "RTF", "binary data", "XYZ"] {
    let text = DecodeError.binary(kind: kind).description
    #expect(text.hasPrefix("this is"))
    #expect(!text.contains("\n"))
  }
}

/// Windows-1258 writes "ệ", "ộ", "ậ" and "ặ" as the letter with its circumflex or breve and
/// then the dot below, which is not how they decompose (the dot comes first): the composer's
/// table composes them anyway, as NFC does, so such text leaves no mark for ICU.
@Test func dotBelowComposesWithCircumflexAndBreve() {
  for (base, mark, composite) in [("ê", 0x323, "ệ"), ("ô", 0x323, "ộ"), ("â", 0x323, "ậ"), ("ă", 0x323, "ặ"),
    ("Ê", 0x323, "Ệ"), ("Ô", 0x323, "Ộ"), ("Â", 0x323, "Ậ"), ("Ă", 0x323, "Ặ"), ("ọ", 0x31B, "ợ"), ("ụ", 0x31B, "ự")] {
    let got = MarkComposer.compose(base.utf16.first!, UInt16(mark), MarkComposer.table)
    #expect(got == composite.utf16.first!, "\(base) + \(String(mark, radix: 16))")
  }
  // "Việt Nam, Hội đồng, mặt trận, Tập" in Windows-1258: every tone a separate byte.
  let bytes: [UInt8] = [0x56, 0x69, 0xEA, 0xF2, 0x74, 0x20, 0x4E, 0x61, 0x6D, 0x2C, 0x20, 0x48, 0xF4, 0xF2, 0x69, 0x20,
    0xF0, 0xF4, 0xCC, 0x6E, 0x67, 0x2C, 0x20, 0x6D, 0xE3, 0xF2, 0x74, 0x20, 0x74, 0x72, 0xE2, 0xF2, 0x6E, 0x2C, 0x20,
    0x54, 0xE2, 0xF2, 0x70]
  let units = bytes.withUnsafeBufferPointer { LegacyDecoder.cp1258($0, normalizing: false) }
  #expect(!units.contains(where: MarkComposer.isCombining))
  #expect(String(decoding: units, as: UTF16.self) == "Việt Nam, Hội đồng, mặt trận, Tập")
}

/// The mark composer's per-unit switch names each mark by its place in the shared list.
@Test func markIndexFollowsTheMarkList() {
  #expect(MarkComposer.markCount == MarkComposer.marks.count)
  for (k, mark) in MarkComposer.marks.enumerated() { #expect(MarkComposer.markIndex(mark) == k) }
  #expect(MarkComposer.markIndex(0x41) == nil)
  #expect(Set(MarkComposer.marks).count == MarkComposer.marks.count)
}

/// The sixteen-at-a-time look at a file's first bytes answers as the byte-by-byte rule: a NUL,
/// or more than 30% C0 controls (tab, LF, FF, CR aside) and DEL.
@Suite struct BinarySampleTests {
  @Test func vectorLookAgreesWithEachByte() {
    var g = SystemRandomNumberGenerator()
    let alphabet: [UInt8] = [0x00, 0x01, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1F, 0x20, 0x41, 0x7F, 0x80, 0xE1]
    var binary = 0
    for k in 0..<20_000 {
      // Text with a few controls, or mostly controls: both sides of the 30% line.
      let heavy = k % 2 == 0
      let bytes: [UInt8] = (0..<Int.random(in: 0...70, using: &g)).map { _ in
        heavy || Int.random(in: 0..<6, using: &g) == 0 ? alphabet.randomElement(using: &g)! : 0x61
      }
      let controls = bytes.filter { ($0 < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D].contains($0)) || $0 == 0x7F }.count
      let want = bytes.contains(0) || (!bytes.isEmpty && controls * 10 > bytes.count * 3)
      #expect(bytes.withUnsafeBufferPointer { TextDecoder.looksBinary($0) } == want, "\(bytes)")
      if want { binary += 1 }
    }
    #expect(binary > 1_000 && binary < 19_000)
    // Samples as long as the 8 KB one, whose controls are counted up to 255 steps (4,080
    // bytes) at a time: all controls, and just either side of the 30 % line.
    for n in [255, 256, 257, 4_111, 8_192] {
      for share in [100, 31, 29] {
        let bytes: [UInt8] = (0..<n).map { k in (k * 100 / n) < share ? 0x01 : 0x61 }
        let controls = bytes.filter { $0 == 0x01 }.count
        let want = controls * 10 > n * 3
        #expect(bytes.withUnsafeBufferPointer { TextDecoder.looksBinary($0) } == want, "\(n) \(share)")
      }
    }
  }
}
