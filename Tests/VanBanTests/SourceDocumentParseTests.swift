import Testing
import VanBanInputs
import VanBanModel

@testable import VanBan

/// The parser fed a `SourceDocument` built in memory, as any reader (or a caller's own) hands
/// it over: what it reads from real cells and spans, and where each item says it came from.
@Suite struct SourceDocumentParseTests {
  private func paragraph(_ text: String, page: Int = 1) -> SourceBlock {
    .paragraph(SourceParagraph(text: text, location: SourceLocation(line: 0, page: page)))
  }

  private func cell(_ text: String, rowSpan: Int = 1, colSpan: Int = 1, page: Int = 2) -> SourceCell {
    SourceCell(text: text, rowSpan: rowSpan, colSpan: colSpan, location: SourceLocation(line: 0, page: page))
  }

  private func covered(page: Int = 2) -> SourceCell {
    SourceCell(text: "", isCovered: true, location: SourceLocation(line: 0, page: page))
  }

  private var document: SourceDocument {
    let table = SourceTable(
      rows: [
        [cell("STT"), cell("Nội dung"), cell("Đơn vị chủ trì"), cell("Thời gian thực hiện")],
        // A group title spread over the row.
        [cell("I", colSpan: 1), cell("TUYÊN TRUYỀN", colSpan: 3)],
        // One lead merged over two tasks, and a deadline merged the same way.
        [cell("1"), cell("Tổ chức hội nghị\nquán triệt kế hoạch"), cell("Văn phòng HĐND và UBND xã", rowSpan: 2), cell("Quý II năm 2026", rowSpan: 2)],
        [cell("2"), cell("Đăng tin trên trang thông tin điện tử"), covered(), covered()],
        [cell("3"), cell("Kiểm tra việc thực hiện"), cell("Phòng Kinh tế"), cell("Tháng 12 năm 2026")],
      ], location: SourceLocation(line: 0, page: 2))
    return SourceDocument(
      format: "test",
      blocks: [
        paragraph("ỦY BAN NHÂN DÂN\nXÃ AN BÌNH"), paragraph("Số: 12/KH-UBND"), paragraph("KẾ HOẠCH"),
        paragraph("Triển khai chuyển đổi số năm 2026"), paragraph("I. NHIỆM VỤ"), .pageBreak(page: 2), .table(table),
        paragraph("Nơi nhận:\n- Lưu: VT.", page: 2), paragraph("CHỦ TỊCH", page: 2), paragraph("Nguyễn Văn A", page: 2),
      ], pages: 2)
  }

  @Test func mergedCellsGiveEveryRowTheirValue() throws {
    let plan = PlanParser.parse(document, name: "in-memory")
    #expect(plan.source.format == "test")
    #expect(plan.source.pages == 2)
    #expect(plan.tasks.map(\.name) == ["Tổ chức hội nghị quán triệt kế hoạch", "Đăng tin trên trang thông tin điện tử", "Kiểm tra việc thực hiện"])
    #expect(plan.tasks.map(\.lead) == [["Văn phòng HĐND và UBND xã"], ["Văn phòng HĐND và UBND xã"], ["Phòng Kinh tế"]])
    #expect(plan.tasks.map { $0.deadline?.text } == ["Quý II năm 2026", "Quý II năm 2026", "Tháng 12 năm 2026"])
    #expect(plan.tasks.allSatisfy { $0.page == 2 })
  }

  @Test func headFieldsComeFromParagraphs() throws {
    let plan = PlanParser.parse(document)
    #expect(plan.header.number == "12")
    #expect(plan.header.symbol == "KH-UBND")
    #expect(plan.header.title == "Triển khai chuyển đổi số năm 2026")
  }

  @Test func bytesAndDocumentGiveTheSamePlan() throws {
    // A text file read by the input layer and its document parsed: the same JSON.
    let text = Array("KẾ HOẠCH\n\nTiêu đề\n\nI. NHIỆM VỤ\n\nSTT\tNội dung\tĐơn vị chủ trì\n1\tViệc một\tPhòng Kinh tế\n".utf8)
    let direct = try PlanParser.parse(text, options: ParseOptions(name: "a.txt"))
    let document = try SourceReader.read(text)
    let viaDocument = PlanParser.parse(document, name: "a.txt", sha256: PlanParser.sha256Hex(text), bytes: text.count)
    #expect(direct.json() == viaDocument.json())
  }
}
