import Foundation
import Testing
@testable import VanBanInputs

/// The document found inside the page around it.
@Suite struct HTMLChromeTests {
  static func texts(_ d: SourceDocument) -> [String] {
    d.blocks.compactMap { block in
      switch block {
      case .paragraph(let p): p.text
      case .table(let t): t.rows.joined().map(\.text).joined(separator: " | ")
      case .text(let t): t.text
      case .pageBreak: nil
      }
    }
  }

  @Test func aPortalPageKeepsTheDocumentAndNothingElse() throws {
    let d = try HTMLDocumentReader.read(Fixtures.bytes("portal-page.html"))
    let texts = Self.texts(d)
    // The document from its head to its signature, in order.
    let head = try #require(d.blocks.first?.table)
    #expect(head.rows[0][1].text.hasPrefix("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    #expect(texts.contains("KẾ HOẠCH"))
    #expect(texts.contains("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;"))
    let tasks = try #require(d.blocks.compactMap(\.table).first { $0.rows.count == 3 })
    #expect(HTMLFixture.shape(tasks)[0] == ["TT[2x1]", "Nhiệm vụ[2x1]", "Thời gian[1x2]"])
    #expect(texts.last?.contains("Trần Văn Bình") == true)
    // None of the page around it.
    let chrome = [
      "Trang chủ", "Tìm kiếm", "THƯ VIỆN VĂN BẢN", "Số hiệu", "Người ký:", "Tải văn bản", "Văn bản liên quan",
      "Kế hoạch 12/KH-UBND", "Văn bản mới", "Bản quyền", "Địa chỉ", "Kế hoạch 15/KH-UBND năm 2025",
    ]
    for word in chrome {
      #expect(!texts.contains { $0.contains(word) }, "'\(word)' is chrome")
    }
    let note = try #require(d.notes.first { $0.code == "html.page_chrome" })
    // The banner's first text is the first line left out.
    #expect(note.location.line == 14)
  }

  @Test func aWordPageIsReadWhole() throws {
    // Word's "Save as Web Page": sections are sibling divs; the annex is in the second, the
    // footnotes after it.
    let d = try HTMLFixture.read("""
      <html><head><meta charset="utf-8"><style>p.MsoNormal {}</style></head>
      <body lang=VI>
      <div class=WordSection1>
      <table><tr><td><p>ỦY BAN NHÂN DÂN</p></td><td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p></td></tr></table>
      <p class=MsoNormal align=center><b>KẾ HOẠCH</b></p>
      <p class=MsoNormal>Nội dung <a href="#_ftn1">[1]</a></p>
      </div>
      <div class=WordSection2>
      <p class=MsoNormal><b>PHỤ LỤC</b></p>
      <table><tr><td>TT</td><td>Nhiệm vụ</td></tr><tr><td>1</td><td>Rà soát</td></tr></table>
      </div>
      <div style='mso-element:footnote-list'><p><a href="#_ftnref1">[1]</a> Chú thích của Word.</p></div>
      </body></html>
      """)
    #expect(Self.texts(d) == [
      "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "KẾ HOẠCH", "Nội dung [1]", "PHỤ LỤC",
      "TT | Nhiệm vụ | 1 | Rà soát", "[1] Chú thích của Word.",
    ])
    #expect(d.notes.isEmpty)
  }

  @Test func withoutLandmarksOnlyFurnitureIsLeftOut() throws {
    let d = try HTMLFixture.read(HTMLFixture.page("""
      <nav><a href="/">Trang chủ</a> <a href="/a">Giới thiệu</a></nav>
      <div role="navigation">Chuyên mục</div>
      <article><h2>Thông báo lịch tiếp công dân</h2><p>Lịch tiếp công dân tháng 3.</p>
        <p>Xem <a href="/chi-tiet">chi tiết</a> tại trụ sở.</p></article>
      <ul class="tags"><li><a href="/1">một</a></li><li><a href="/2">hai</a></li><li><a href="/3">ba</a></li></ul>
      <footer>Cổng thông tin điện tử</footer>
      """))
    #expect(Self.texts(d) == [
      "Thông báo lịch tiếp công dân", "Lịch tiếp công dân tháng 3.", "Xem chi tiết tại trụ sở.",
    ])
    #expect(d.notes.first?.code == "html.page_chrome")
  }

  @Test func aDocumentFramedInALayoutTableCellIsReadAsParagraphs() throws {
    // An older portal lays its page out in a table: menu cell, document cell.
    let d = try HTMLFixture.read(HTMLFixture.page("""
      <table width="100%"><tr>
        <td class="menu"><a href="/a">Văn bản mới</a><br><a href="/b">Tin tức</a><br><a href="/c">Hỏi đáp</a></td>
        <td class="noidung">
          <p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
          <p>KẾ HOẠCH</p>
          <p>Phát triển du lịch năm 2025</p>
        </td>
      </tr></table>
      """))
    #expect(Self.texts(d) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "KẾ HOẠCH", "Phát triển du lịch năm 2025"])
    #expect(d.blocks.allSatisfy { $0.paragraph != nil })
  }

  @Test func aTypeWordInAMenuOrInLowerCaseIsNoLandmark() throws {
    // The menu's "KẾ HOẠCH" is a link and the box's "Kế hoạch" is no type line in capitals:
    // the document is found at its own heading, and the box before it is left out.
    let d = try HTMLFixture.read(HTMLFixture.page("""
      <div class="top"><ul><li><a href="/kh">KẾ HOẠCH</a></li><li><a href="/qd">QUYẾT ĐỊNH</a></li></ul></div>
      <div class="page">
        <div class="box"><p>Số hiệu: 7/KH-UBND</p><p>Loại văn bản:</p><p>Kế hoạch</p><p>Người ký: Lê Văn C</p></div>
        <div class="doc"><p>UBND XÃ AN LẠC</p><p>KẾ HOẠCH</p><p>Tổ chức hội nghị</p></div>
      </div>
      """))
    #expect(Self.texts(d) == ["UBND XÃ AN LẠC", "KẾ HOẠCH", "Tổ chức hội nghị"])
  }

  @Test func theDocumentsOwnLinksAndListsAreKept() throws {
    let d = try HTMLFixture.read(HTMLFixture.page("""
      <div class="doc">
        <p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p>KẾ HOẠCH</p>
        <p>Căn cứ <a href="/nd-30">Nghị định 30/2020/NĐ-CP</a>;</p>
        <p><a href="/luat">Luật Tổ chức chính quyền địa phương</a>;</p>
        <p>Mục lục: <a href="#muc1">Mục 1</a>, <a href="#muc2">Mục 2</a>, <a href="#muc3">Mục 3</a></p>
      </div>
      """))
    #expect(Self.texts(d).count == 5)
    #expect(d.notes.isEmpty)
  }
}
