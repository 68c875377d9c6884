import Foundation
import Testing
@testable import VanBanInputs

/// plan.docx read block by block: what a reader of the printed page sees, in order, with its
/// page.
@Suite struct DOCXReaderPlanTests {
  let document: SourceDocument

  init() throws {
    document = try DOCXReader.read(DOCXFixtures.bytes("plan.docx"))
  }

  /// Each paragraph block: ordinal → (text, numbering, bold, page).
  static let paragraphs: [Int: (String, String?, Bool, Int)] = [
    2: ("KẾ HOẠCH", nil, true, 1),
    3: ("Triển khai chuyển đổi số năm 2025", nil, true, 1),
    4: ("I. MỤC ĐÍCH, YÊU CẦU", nil, true, 1),  // bold from its paragraph style
    5: ("Mục đích", "1.", false, 1),
    6: ("Nâng cao chất lượng phục vụ người dân", "a)", false, 1),
    7: ("Bảo đảm an toàn thông tin", "b)", false, 1),
    8: ("Yêu cầu", "2.", false, 1),
    9: ("Đúng tiến độ, hiệu quả", "a)", false, 1),  // the deeper level restarts
    10: ("Văn bản đã sửa trang 7\tCột 2\nDòng 2", nil, false, 1),
    11: ("Giao Văn phòng chủ trì.", nil, false, 1),
    12: ("Nội dung trong khung", nil, false, 1),
    13: ("Đoạn có hộp văn bản", nil, false, 1),
    14: ("DỰ THẢO", nil, false, 1),
    16: ("II. NỘI DUNG", nil, true, 2),
    19: ("III. TỔ CHỨC THỰC HIỆN", nil, true, 3),
    20: ("Văn phòng UBND xã", "1.", false, 3),  // an instance restarting the list
    21: ("Công chức Văn hóa - Xã hội", "2.", false, 3),
    22: ("Các ban, ngành, đoàn thể", "-", false, 3),  // a Symbol-font bullet
    23: ("Kinh phí", "I.", false, 3),
    24: ("Chế độ báo cáo", "II.", false, 3),
    25: ("Báo cáo quý", "2.1.", false, 3),  // isLgl: the roman level shown in decimal
  ]

  @Test func readsEveryBlockInOrder() {
    #expect(document.format == "docx")
    #expect(document.blocks.count == 26)
    #expect(document.pages == 3)
    for (index, block) in document.blocks.enumerated() {
      let ordinal = index + 1
      switch ordinal {
      case 1, 17, 26: #expect(block.table != nil, "block \(ordinal)")
      case 15: #expect(block.breakPage == 2)
      case 18: #expect(block.breakPage == 3)
      default: #expect(block.paragraph != nil, "block \(ordinal)")
      }
    }
  }

  @Test func paragraphsKeepTextNumberingBoldAndPage() throws {
    try #require(document.blocks.count == 26)
    for (ordinal, (text, numbering, bold, page)) in Self.paragraphs.sorted(by: { $0.key < $1.key }) {
      let p = try #require(document.blocks[ordinal - 1].paragraph, "block \(ordinal)")
      #expect(sameScalars(p.text, text), "block \(ordinal): \(p.text.debugDescription)")
      #expect(p.numbering == numbering, "block \(ordinal)")
      #expect(p.isBold == bold, "block \(ordinal)")
      #expect(p.location == SourceLocation(line: 0, page: page), "block \(ordinal)")
    }
  }

  @Test func headTableHasTwoColumnsOfLines() throws {
    try #require(document.blocks.count == 26)
    let head = try #require(document.blocks[0].table)
    #expect(head.location == SourceLocation(line: 0, page: 1))
    let texts = head.rows.map { $0.map(\.text) }
    let expected = [
      ["ỦY BAN NHÂN DÂN\nXÃ HÒA BÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
      ["Số: 15/KH-UBND", "Hòa Bình, ngày 10 tháng 3 năm 2025"],
    ]
    #expect(texts.count == 2)
    for (row, want) in zip(texts, expected) {
      #expect(row.count == 2)
      for (got, text) in zip(row, want) { #expect(sameScalars(got, text), "\(got.debugDescription)") }
    }
    #expect(head.rows.joined().allSatisfy { $0.rowSpan == 1 && $0.colSpan == 1 && !$0.isCovered })
  }

  @Test func taskTableKeepsSpansAndCoveredPlaces() throws {
    try #require(document.blocks.count == 26)
    let table = try #require(document.blocks[16].table)
    #expect(table.location == SourceLocation(line: 0, page: 2))
    #expect(table.rows.map(\.count) == [4, 2, 4, 4, 4])
    #expect(table.rows.map { $0.reduce(0) { $0 + $1.colSpan } } == [4, 4, 4, 4, 4])
    #expect(table.rows[0].map(\.text) == ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"])

    let group = table.rows[1][1]
    #expect(sameScalars(group.text, "Chuyển đổi số trong cơ quan nhà nước"))
    #expect(group.colSpan == 3 && group.rowSpan == 1 && !group.isCovered)

    let lead = table.rows[2][2]
    #expect(sameScalars(lead.text, "Văn phòng HĐND và UBND xã"))
    #expect(lead.rowSpan == 3 && lead.colSpan == 1 && !lead.isCovered)
    for r in [3, 4] {
      let covered = table.rows[r][2]
      #expect(covered.isCovered && covered.text.isEmpty && covered.rowSpan == 1, "row \(r)")
    }
    #expect(table.rows[2].map(\.isCovered) == [false, false, false, false])

    #expect(table.rows[2].map(\.text) == ["1.1", "Số hóa hồ sơ thủ tục hành chính", "Văn phòng HĐND và UBND xã", "Quý II/2025"])
    #expect(table.rows[3][3].text == "Tháng 6/2025")
    // A nested table's rows follow its cell's text, its cells parted by a tab; the empty
    // paragraph Word needs after it is dropped.
    #expect(sameScalars(table.rows[4][1].text, "Tuyên truyền trên mạng xã hội\nZalo\tFacebook"))
    #expect(table.rows[4][3].text == "Thường xuyên")
  }

  @Test func pagesStartingInsideATableAreCountedThere() throws {
    try #require(document.blocks.count == 26)
    let table = try #require(document.blocks[16].table)
    #expect(table.rows[0...3].joined().allSatisfy { $0.location == SourceLocation(line: 0, page: 2) })
    // Word's last layout broke the page before the last row.
    #expect(table.rows[4].allSatisfy { $0.location == SourceLocation(line: 0, page: 3) })
    #expect(document.blocks[17].breakPage == 3)
  }

  @Test func footerTableKeepsRecipientsAndSigner() throws {
    try #require(document.blocks.count == 26)
    let footer = try #require(document.blocks[25].table)
    #expect(footer.location == SourceLocation(line: 0, page: 3))
    #expect(footer.rows.count == 1)
    #expect(sameScalars(footer.rows[0][0].text, "Nơi nhận:\n- UBND huyện;\n- Lưu: VT."))
    #expect(sameScalars(footer.rows[0][1].text, "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\nNguyễn Văn An"))
  }

  @Test func textBoxIsNotedOnceAndReadOnce() {
    let texts = document.blocks.compactMap(\.paragraph).map(\.text)
    #expect(texts.filter { $0 == "DỰ THẢO" }.count == 1)
    #expect(document.notes == [
      InputNote(
        code: "docx.text_box", message: "text in a text box is read after the paragraph it is anchored to",
        location: SourceLocation(line: 0, page: 1))
    ])
  }

  @Test func textKeepsPrecomposedVietnamese() throws {
    try #require(document.blocks.count == 26)
    let p = try #require(document.blocks[5].paragraph)
    // "Nâng cao chất lượng": â, ấ, ượ precomposed, as the file has them.
    #expect(Array(p.text.utf8.prefix(4)) == [0x4E, 0xC3, 0xA2, 0x6E])
    #expect(p.text.unicodeScalars.count == 37)
  }
}
