import Foundation
import Testing
@testable import VanBanInputs

/// Files that are no DOCX, or a DOCX broken or hostile: each refused with the error that says
/// why, and quickly.
@Suite struct DOCXRefusalTests {
  @Test func aZipThatIsNoDOCXIsUnsupported() throws {
    let bytes = try DOCXFixtures.bytes("not-docx.zip")
    let error = DOCXFixtures.error { () throws(InputError) in try DOCXReader.read(bytes) }
    #expect(error == .unsupported("a zip archive, not a DOCX: it has no [Content_Types].xml"))
  }

  @Test func bytesThatAreNoZipAreUnsupported() {
    let error = DOCXFixtures.error { () throws(InputError) in try DOCXReader.read(Array("KẾ HOẠCH\n".utf8)) }
    #expect(error == .unsupported("not a DOCX: the file is not a zip archive"))
    #expect(DOCXFixtures.error { () throws(InputError) in try DOCXReader.read([]) } == .empty("the file is empty"))
  }

  @Test func aDOCXWithoutItsDocumentPartIsEmpty() throws {
    let bytes = try DOCXFixtures.bytes("no-document.docx")
    let error = DOCXFixtures.error { () throws(InputError) in try DOCXReader.read(bytes) }
    #expect(error == .empty("the DOCX has no document part: 'word/document.xml' is missing from the archive"))
  }

  @Test func aDocumentPartWithoutBodyIsEmpty() {
    let doc = StoredZip.docx(document: #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>"#)
    let error = DOCXFixtures.error { () throws(InputError) in try DOCXReader.read(doc.bytes) }
    #expect(error == .empty("the document part 'word/document.xml' has no body"))
  }

  @Test(.timeLimit(.minutes(1))) func aZipBombStopsAtTheRatioLimit() throws {
    let bytes = try DOCXFixtures.bytes("bomb.docx")
    #expect(bytes.count < 500_000)
    let clock = ContinuousClock()
    let start = clock.now
    let error = DOCXFixtures.error { () throws(InputError) in try DOCXReader.read(bytes) }
    guard case .tooLarge(let message) = error else {
      Issue.record("expected tooLarge, got \(String(describing: error))")
      return
    }
    #expect(message.hasPrefix("word/document.xml inflates past 64 MB or 200 times"))
    // 200 MB of zeros were not inflated: the ratio stopped it past 4 MB.
    #expect(clock.now - start < .seconds(5))
  }

  @Test func aPartPastTheByteCapIsTooLarge() throws {
    let bytes = try DOCXFixtures.bytes("plan.docx")
    let limits = DOCXLimits(documentPartBytes: 4096)
    let error = DOCXFixtures.error { () throws(InputError) in try DOCXReader.read(bytes, limits: limits) }
    #expect(error == .tooLarge("word/document.xml inflates past 4096 bytes or 200 times its compressed size (a zip bomb?)"))
  }

  @Test func aCutShortDOCXIsDamaged() throws {
    let bytes = try DOCXFixtures.bytes("truncated.docx")
    let error = DOCXFixtures.error { () throws(InputError) in try DOCXReader.read(bytes) }
    #expect(error == .damaged("the zip archive is cut short or damaged: it has no central directory"))
  }

  @Test func malformedXMLIsDamagedAtItsLine() throws {
    let bytes = try DOCXFixtures.bytes("malformed.docx")
    let error = DOCXFixtures.error { () throws(InputError) in try DOCXReader.read(bytes) }
    guard case .damaged(let message) = error else {
      Issue.record("expected damaged, got \(String(describing: error))")
      return
    }
    #expect(message.hasPrefix("word/document.xml, line 5: "))
    #expect(message.contains("mismatch"))
  }

  @Test(.timeLimit(.minutes(1))) func aDeflateStreamWithoutEndIsDamagedNotEndless() throws {
    let bytes = try DOCXFixtures.bytes("endless.docx")
    let error = DOCXFixtures.error { () throws(InputError) in try DOCXReader.read(bytes) }
    #expect(error == .damaged("word/document.xml is cut short: its compressed data ends before the stream does"))
  }

  @Test func anExcelPackageIsNamed() throws {
    let bytes = try DOCXFixtures.bytes("workbook.xlsx")
    let error = DOCXFixtures.error { () throws(InputError) in try DOCXReader.read(bytes) }
    #expect(error == .unsupported("an Excel workbook, not a Word document"))
  }

  @Test func anEncryptedDOCXNeedsAPassword() throws {
    let bytes = try DOCXFixtures.bytes("encrypted.docx")
    #expect(DOCXFixtures.error { () throws(InputError) in try DOCXReader.read(bytes) } == .encrypted)
  }

  @Test func aLegacyDocIsNamedAsSuch() throws {
    let bytes = try DOCXFixtures.bytes("legacy.doc")
    let error = DOCXFixtures.error { () throws(InputError) in try DOCXReader.read(bytes) }
    #expect(error == .unsupported("a Word 97–2003 .doc, not a DOCX: it is read through LibreOffice (LegacyDocConverter)"))
  }

  @Test func aStoredEntryFailingItsChecksumIsDamaged() {
    var zip = StoredZip.docx(document: StoredZip.body("<w:p/>"))
    zip.items[2].crc = 0x1234_5678
    let error = DOCXFixtures.error { () throws(InputError) in try DOCXReader.read(zip.bytes) }
    #expect(error == .damaged("word/document.xml fails its checksum"))
  }

  @Test func anEncryptedOrOddlyCompressedEntryIsRefused() {
    var encrypted = StoredZip.docx(document: StoredZip.body("<w:p/>"))
    encrypted.items[2].flags = 1
    #expect(DOCXFixtures.error { () throws(InputError) in try DOCXReader.read(encrypted.bytes) } == .encrypted)
    var bzip2 = StoredZip.docx(document: StoredZip.body("<w:p/>"))
    bzip2.items[2].method = 12
    #expect(
      DOCXFixtures.error { () throws(InputError) in try DOCXReader.read(bzip2.bytes) }
        == .unsupported("word/document.xml is compressed with method 12, which vanban does not read (only stored and deflated)"))
  }

  /// Tables nested 5,000 deep: libxml2's depth limit (256) refuses the part before the walk's
  /// recursion could run out of stack.
  @Test func deepNestingIsDamagedNotAStackOverflow() {
    let open = String(repeating: "<w:tbl><w:tr><w:tc>", count: 5_000)
    let close = String(repeating: "</w:tc></w:tr></w:tbl>", count: 5_000)
    let zip = StoredZip.docx(document: StoredZip.body(open + "<w:p/>" + close))
    guard case .damaged(let message) = DOCXFixtures.error({ () throws(InputError) in try DOCXReader.read(zip.bytes) }) else {
      Issue.record("expected damaged")
      return
    }
    #expect(message.contains("depth"))
  }

  @Test func unreadableStylesCostOnlyWhatTheyGive() throws {
    let zip = StoredZip.docx(
      document: StoredZip.body(#"<w:p><w:pPr><w:pStyle w:val="Heading"/></w:pPr><w:r><w:t>Tiêu đề</w:t></w:r></w:p>"#),
      extra: [.init(name: "word/styles.xml", data: Array("<w:styles><w:style".utf8))])
    let document = try DOCXReader.read(zip.bytes)
    #expect(document.blocks.count == 1)
    #expect(document.blocks.first?.paragraph?.text == "Tiêu đề")
    #expect(document.notes.map(\.code) == ["docx.part_unreadable"])
  }

  /// Cut or flipped bytes of a real DOCX: every one either reads or throws an `InputError`,
  /// and none takes long.
  @Test(.timeLimit(.minutes(2))) func mutatedDOCXNeverCrashesOrHangs() throws {
    let original = try DOCXFixtures.bytes("plan.docx")
    var rng = SplitMix(seed: 0x5EED)
    var read = 0
    var refused = 0
    for trial in 0..<300 {
      var bytes = original
      if trial % 3 == 0 {
        bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count))))
      } else {
        for _ in 0..<(1 + Int(rng.next() % 8)) {
          let at = Int(rng.next() % UInt64(bytes.count))
          bytes[at] = UInt8(truncatingIfNeeded: rng.next())
        }
      }
      do {
        _ = try DOCXReader.read(bytes)
        read += 1
      } catch {
        refused += 1
      }
    }
    #expect(read + refused == 300)
    #expect(refused > 0)
  }

  /// The document part itself mutated (and stored, so the bytes reach the XML walker): every
  /// mutation reads or is refused as damaged.
  @Test(.timeLimit(.minutes(2))) func mutatedDocumentXMLNeverCrashes() throws {
    let original = try DOCXFixtures.bytes("plan.docx")
    let zip = try ZIPDirectory.read(original)
    func part(_ name: String) throws -> [UInt8] {
      try ZIPExtractor.extract(#require(zip.entry(named: name)), from: original, limit: DOCXLimits.standard.otherPart)
    }
    let document = try part("word/document.xml")
    // Their checksums once: the bit-by-bit CRC of the test's zip writer is slow unoptimised.
    let extra: [StoredZip.Item] = try ["word/_rels/document.xml.rels", "word/styles.xml", "word/numbering.xml"].map {
      let data = try part($0)
      return StoredZip.Item(name: $0, data: data, crc: Data(data).crc32Value)
    }
    var rng = SplitMix(seed: 0xD0C)
    var outcomes: [String: Int] = [:]
    for trial in 0..<300 {
      var bytes = document
      if trial % 4 == 0 {
        bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count))))
      } else {
        for _ in 0..<(1 + Int(rng.next() % 4)) {
          let at = Int(rng.next() % UInt64(bytes.count))
          // Markup characters, to break and remake structure rather than only letters.
          bytes[at] = Array("<>/=\"w:pt ".utf8)[Int(rng.next() % 10)]
        }
      }
      var docx = StoredZip.docx(document: "", extra: extra)
      docx.items[2].data = bytes
      do {
        _ = try DOCXReader.read(docx.bytes)
        outcomes["read", default: 0] += 1
      } catch {
        switch error {
        case .damaged, .empty: outcomes["refused", default: 0] += 1
        default: Issue.record("unexpected \(error)")
        }
      }
    }
    #expect(outcomes["read", default: 0] > 0 && outcomes["refused", default: 0] > 0)
  }
}

/// A small deterministic random number generator, so a failing mutation can be replayed.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
