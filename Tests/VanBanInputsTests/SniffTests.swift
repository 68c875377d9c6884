import Testing
@testable import VanBanInputs

@Suite struct SniffTests {
  @Test func pdfHeaderMayFollowJunk() {
    #expect(Sniff.isPDF(Array("%PDF-1.7\n".utf8)))
    #expect(Sniff.isPDF(Array(repeating: 0x20, count: 1000) + Array("%PDF-1.4".utf8)))
    #expect(!Sniff.isPDF(Array(repeating: 0x20, count: 1020) + Array("%PDF-1.4".utf8)))
    #expect(!Sniff.isPDF(Array("%PDF".utf8)))
    #expect(!Sniff.isPDF([UInt8]()))
  }

  @Test func imagesByTheirSignatures() throws {
    #expect(Sniff.imageKind(try Fixtures.bytes("page.png")) == .png)
    #expect(Sniff.imageKind(try Fixtures.bytes("page.jpg")) == .jpeg)
    #expect(Sniff.imageKind(try Fixtures.bytes("pages.tiff")) == .tiff)
    #expect(Sniff.imageKind([0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8]) == .tiff)
    #expect(Sniff.imageKind(Array("GIF89a".utf8)) == .gif)
    #expect(Sniff.imageKind(Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBP".utf8)) == .webp)
    #expect(Sniff.imageKind(try Fixtures.bytes("text.pdf")) == nil)
    #expect(Sniff.imageKind([0x89, 0x50]) == nil)
    #expect(Sniff.isPDF(try Fixtures.bytes("text.pdf")))
    #expect(!Sniff.isPDF(try Fixtures.bytes("page.png")))
  }
}
