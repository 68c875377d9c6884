import Foundation
import Testing
@testable import VanBanInputs

/// The real pages in Corpus/real that are HTML (plans Word saved as "Web Page": windows-1252
/// with character references, VML and conditional comments, heads and signatures in
/// borderless tables), read as they were found.
@Suite struct HTMLRealPageTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Corpus/real").standardized

  /// Every document there whose bytes open as an HTML page.
  static func pages() throws -> [URL] {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    return try names.filter { !$0.hasSuffix(".json") && !$0.hasSuffix(".md") }.map { folder.appendingPathComponent($0) }
      .filter { url in
        let head = try [UInt8](Data(contentsOf: url).prefix(2048)).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        return String(decoding: head, as: UTF8.self).contains("<html")
      }
  }

  @Test func everyPageReadsFromHeadToSignature() throws {
    let pages = try Self.pages()
    #expect(pages.count >= 8)
    for url in pages {
      let name = url.lastPathComponent
      let page = try HTMLDocumentReader.readPage([UInt8](Data(contentsOf: url)))
      let d = page.document
      #expect(page.encoding == "windows-1252", "\(name)")
      // A Word page is all document: nothing is left out as chrome.
      #expect(d.notes.isEmpty, "\(name): \(d.notes)")
      // The head table comes first, with the motto in a cell ("CỘNG HÒA" or "CỘNG HOÀ").
      let head = try #require(d.blocks.first?.table, "\(name)")
      #expect(head.rows.joined().contains { $0.text.hasPrefix("CỘNG H") && $0.text.contains("XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc") }, "\(name)")
      // The type line is a bold paragraph of its own.
      let type = try #require(d.blocks.compactMap(\.paragraph).first { $0.text == "KẾ HOẠCH" }, "\(name)")
      #expect(type.isBold, "\(name)")
      // The recipients and the signature are read, in a table near the end.
      let recipients = d.blocks.compactMap(\.table).last { $0.rows.joined().contains { $0.text.hasPrefix("Nơi nhận") } }
      #expect(recipients != nil, "\(name)")
      // No markup is left in the text.
      for block in d.blocks {
        let text = block.paragraph?.text ?? block.table.map { $0.rows.joined().map(\.text).joined() } ?? ""
        #expect(!text.contains("<!["), "\(name): \(text.prefix(80))")
        #expect(!text.contains("&#"), "\(name): \(text.prefix(80))")
      }
      // Lines point into the file, in reading order.
      let lines = d.blocks.compactMap { $0.paragraph?.location.line ?? $0.table?.location.line }
      #expect(lines == lines.sorted(), "\(name)")
    }
  }

  /// One page checked against its source by hand: the lines its blocks start on.
  @Test func theSubCommitteesPlanPointsAtItsSourceLines() throws {
    let url = Self.folder.appendingPathComponent("kh-tbttkt-xa-phobang-01-bau-cu-word-html.txt")
    let d = try HTMLDocumentReader.read([UInt8](Data(contentsOf: url)))
    let head = try #require(d.blocks.first?.table)
    #expect(head.location.line == 996)  // "&#7910;Y BAN B&#7846;U C&#7916; XÃ PH&#7888; B&#7842;NG"
    #expect(head.rows[0].map(\.location.line) == [996, 1062])
    let paragraphs = d.blocks.compactMap(\.paragraph)
    #expect(paragraphs.first { $0.text == "KẾ HOẠCH" }?.location.line == 1133)
    #expect(paragraphs.first { $0.text.hasPrefix("Căn cứ Quyết định số 03/QĐ-UBBC") }?.location.line == 1204)
    let signature = try #require(d.blocks.compactMap(\.table).last)
    #expect(signature.rows[0].map(\.location.line) == [1973, 1999])
    #expect(signature.rows[0][1].text.hasPrefix("TM. TIỂU BAN\nTRƯỞNG TIỂU BAN\nNguyễn Văn Hoàn"))
  }
}
