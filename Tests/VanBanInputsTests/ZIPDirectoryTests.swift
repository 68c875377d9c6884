import Foundation
import Testing
@testable import VanBanInputs

@Suite struct ZIPDirectoryTests {
  @Test func listsThePartsOfADOCX() throws {
    let bytes = try DOCXFixtures.bytes("plan.docx")
    let zip = try ZIPDirectory.read(bytes)
    #expect(zip.entries.contains { $0.name == "word/document.xml" && $0.method == 8 })
    // Part names compare as OPC compares them.
    #expect(zip.entry(named: "/WORD/Document.xml")?.name == "word/document.xml")
  }

  @Test func inflatesDeflatedEntries() throws {
    let bytes = try DOCXFixtures.bytes("plan.docx")
    let entry = try #require(try ZIPDirectory.read(bytes).entry(named: "word/document.xml"))
    let part = try ZIPExtractor.extract(entry, from: bytes, limit: ExtractionLimit(maxBytes: 1 << 20))
    #expect(part.count == Int(entry.uncompressedSize))
    #expect(part.starts(with: Array("<?xml".utf8)))
  }

  @Test func extractsStoredEntriesUnderTheirLimit() throws {
    let stored = StoredZip(items: [.init(name: "a.txt", data: Array("Xin chào".utf8))]).bytes
    let zip = try ZIPDirectory.read(stored)
    let entry = try #require(zip.entry(named: "a.txt"))
    #expect(try ZIPExtractor.extract(entry, from: stored, limit: ExtractionLimit(maxBytes: 100)) == Array("Xin chào".utf8))
    #expect(throws: InputError.tooLarge("a.txt inflates past 4 bytes or 200 times its compressed size (a zip bomb?)")) {
      try ZIPExtractor.extract(entry, from: stored, limit: ExtractionLimit(maxBytes: 4))
    }
  }

  @Test func anEntryPointingOutsideTheFileIsDamaged() throws {
    var bytes = StoredZip(items: [.init(name: "a.txt", data: Array("abc".utf8))]).bytes
    // The central directory's local header offset (at 42 past its signature) beyond the end.
    let central = try #require((0..<(bytes.count - 4)).first { bytes[$0..<($0 + 4)] == [0x50, 0x4B, 0x01, 0x02] })
    bytes[central + 42 + 3] = 0x7F
    let zip = try ZIPDirectory.read(bytes)
    let entry = try #require(zip.entries.first)
    #expect(throws: InputError.damaged("a.txt: its local header is missing or outside the file")) {
      try ZIPExtractor.extract(entry, from: bytes, limit: ExtractionLimit(maxBytes: 100))
    }
  }
}
