import Testing
import VanBanModel
@testable import VanBan

/// Tasks written as labelled parts of a numbered item (`LabelledTaskReader`).
@Suite struct LabelledTaskTests {
  static let head = "KẾ HOẠCH\n\nTiêu đề\n\nII. NHIỆM VỤ\n\n"
  static let tail = "\nNơi nhận:\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn A\n"

  /// Corpus/real kh-ubnd-hanoi-308's form: sub-items labelled as a task table's columns, the
  /// agencies labelled inside their part, the name wrapped over lines; and the same labels as
  /// bullets of the item.
  @Test func labelledPartsAreARow() throws {
    let plan = try parse(Self.head + """
      1.1. Xây dựng chiến lược dữ liệu:

      a) Nhiệm vụ: Tham mưu UBND
      Thành phố rà soát Chiến lược dữ liệu.

      b) Cơ quan thực hiện:

      - Đơn vị chủ trì: Sở Khoa học và Công nghệ.

      - Đơn vị phối hợp: Sở Tài chính.

      c) Thời gian thực hiện: Hoàn thành trong năm 2025.

      2. Về an toàn thông tin

      - Nhiệm vụ: Triển khai các phương án bảo đảm an toàn thông tin.

      - Đơn vị chủ trì: Công an Thành phố.

      - Thời gian thực hiện: Thường xuyên.

      """ + Self.tail)
    #expect(plan.tasks.count == 2)
    let first = try #require(plan.tasks.first)
    #expect(first.number == "1.1")
    #expect(first.group == "Xây dựng chiến lược dữ liệu")
    #expect(first.name == "Tham mưu UBND Thành phố rà soát Chiến lược dữ liệu.")
    #expect(first.lead == ["Sở Khoa học và Công nghệ"])
    #expect(first.coordinators == ["Sở Tài chính"])
    #expect(first.deadline?.kind == .year && first.deadline?.start == "2025-01-01")
    #expect(first.origin == .body)
    #expect(first.line == 9)
    let second = plan.tasks[1]
    #expect(second.number == "2" && second.group == "Về an toàn thông tin")
    #expect(second.name == "Triển khai các phương án bảo đảm an toàn thông tin.")
    #expect(second.lead == ["Công an Thành phố"])
    #expect(second.deadline?.kind == .recurring)
    // Not tables of the document: the sections keep their parts as they were.
    #expect(plan.sections.allSatisfy { $0.tables.isEmpty && $0.children.allSatisfy { $0.tables.isEmpty } })
  }

  /// A sub-item labelled as the agencies' column reads its paragraphs as the item's own are
  /// read: one paragraph may label the lead and the coordinators after a semicolon.
  @Test func agencyPartLabelsSeveralInOneParagraph() throws {
    let plan = try parse(Self.head + """
      1.1. Xây dựng chiến lược dữ liệu:

      a) Nhiệm vụ: Tham mưu UBND Thành phố rà soát Chiến lược dữ liệu.

      b) Cơ quan thực hiện:

      - Đơn vị chủ trì: Sở Khoa học và Công nghệ; Đơn vị phối hợp: Sở Tài chính.

      c) Thời gian thực hiện: Hoàn thành trong năm 2025.

      """ + Self.tail)
    let task = try #require(plan.tasks.first)
    #expect(plan.tasks.count == 1)
    #expect(task.lead == ["Sở Khoa học và Công nghệ"])
    #expect(task.coordinators == ["Sở Tài chính"])
  }

  /// Corpus/real kh-mttq-xa-luongminh-hiep-thuong's form: an item headed by the name's label,
  /// its text the name, the other parts labelled bullets; grouped under the heading above.
  @Test func itemHeadedByTheNameLabel() throws {
    let plan = try parse(Self.head + """
      2. Hội nghị hiệp thương lần thứ hai

      2.1. Nội dung

      Hiệp thương lập danh sách sơ bộ những người ứng cử.

      - Thời gian: Năm 2026.

      - Đơn vị chủ trì: Ban Thường trực Ủy ban MTTQ xã.

      - Kết quả: Biên bản Hội nghị.

      2.2. Báo cáo kết quả hội nghị

      - Gửi biên bản về Ban Thường trực.

      """ + Self.tail)
    let task = try #require(plan.tasks.first)
    #expect(plan.tasks.count == 1)
    #expect(task.number == "2.1" && task.group == "Hội nghị hiệp thương lần thứ hai")
    #expect(task.name == "Hiệp thương lập danh sách sơ bộ những người ứng cử.")
    #expect(task.lead == ["Ban Thường trực Ủy ban MTTQ xã"])
    #expect(task.result == "Biên bản Hội nghị.")
    #expect(task.deadline?.kind == .year)
    #expect(task.line == 11)
  }

  /// An item without a part naming agencies, or whose agencies are told in sentences, or
  /// with no name, is no task.
  @Test func itemsThatAreNoRowStayProse() throws {
    let plan = try parse(Self.head + """
      1. Hội nghị phổ biến

      - Nội dung: Phổ biến các biện pháp phòng bệnh.

      - Thời gian: 01 ngày/hội nghị.

      2. Hoạt động 2

      - Nội dung: Tuyên truyền về phòng ngừa bạo lực.

      - Cơ quan thực hiện: Sở Văn hóa và Thể thao chủ trì, phối hợp với các sở, ban, ngành, đoàn thể Thành phố, Ủy ban nhân dân phường, xã, đặc khu và các đơn vị có liên quan tổ chức tuyên truyền trên các phương tiện thông tin đại chúng.

      3. Thành phần tham gia kiểm tra:

      - Đơn vị chủ trì: Sở Công Thương.

      - Phòng Kỹ thuật an toàn.

      """ + Self.tail)
    #expect(plan.tasks.isEmpty)
  }

  /// Items headed by their task, the agencies labelled under the heading: Corpus/real
  /// kh-sct-laocai-de-an-08 (the work in bullets, then the lead and the coordinators labelled
  /// in one paragraph), kh-ubnd-phuong1-vungtau-447 (labelled parts alone) and
  /// kh-ubnd-laichau-7360 (a lettered sentence). The heading names the task; the heading
  /// above groups it.
  @Test func itemsNamedByTheirHeading() throws {
    let plan = try parse(Self.head + """
      1. Tái cơ cấu ngành công nghiệp theo chiều sâu

      - Tham mưu xây dựng chính sách thu hút các dự án công nghệ cao.

      - Phối hợp rà soát danh mục dự án ưu tiên.

      Lãnh đạo phụ trách: Phó giám đốc Hoàng Văn An.

      Đơn vị chủ trì: Phòng Quản lý Công nghiệp; Đơn vị phối hợp: Văn phòng Sở.

      2. Tổ chức tập huấn cho đội ngũ cán bộ quản lý

      - Bộ phận tham mưu: bộ phận Tư pháp - Hộ tịch.

      - Bộ phận phối hợp: Các bộ phận, ngành, đoàn thể có liên quan.

      - Thời gian thực hiện: trong năm 2025.

      3. Tham gia góp ý kiến vào dự thảo văn bản

      a) Nghị định quy định chi tiết thi hành một số điều của Luật Tiêu chuẩn và quy chuẩn kỹ thuật và Luật sửa đổi, bổ sung một số điều của Luật.

      - Cơ quan chủ trì: Sở Khoa học và Công nghệ.

      - Thời gian thực hiện: Năm 2026.

      """ + Self.tail)
    try #require(plan.tasks.count == 3)
    let first = plan.tasks[0]
    #expect(first.number == "1" && first.group == "NHIỆM VỤ")
    #expect(first.name == "Tái cơ cấu ngành công nghiệp theo chiều sâu")
    #expect(first.lead == ["Phòng Quản lý Công nghiệp"])
    #expect(first.coordinators == ["Văn phòng Sở"])
    #expect(first.line == 7)
    let second = plan.tasks[1]
    #expect(second.number == "2" && second.name == "Tổ chức tập huấn cho đội ngũ cán bộ quản lý")
    // The agency lexicon's spelling of the unit the item writes in lower case.
    #expect(second.lead == ["Bộ phận Tư pháp - Hộ tịch"])
    #expect(second.coordinators == ["Các bộ phận, ngành, đoàn thể có liên quan"])
    #expect(second.deadline?.kind == .year)
    // kh-ubnd-laichau-7360: the letter stands before a sentence, which names the task.
    let third = plan.tasks[2]
    #expect(third.number == "a" && third.group == "Tham gia góp ý kiến vào dự thảo văn bản")
    #expect(third.name.hasPrefix("Nghị định quy định chi tiết thi hành"))
    #expect(third.lead == ["Sở Khoa học và Công nghệ"])
  }

  /// A paragraph may label several parts, each after a semicolon; a semicolon inside a part
  /// stays in it.
  @Test func oneParagraphLabelsSeveralParts() {
    let reader = LabelledTaskReader(columns: ColumnLexicon(lex: GrammarLexicon.shared))
    let parts = reader.labelledParts("Đơn vị chủ trì: Sở A; Sở B; Đơn vị phối hợp: Sở C, Sở D.")
    #expect(parts.map(\.column) == ["lead", "coordinators"])
    #expect(parts.map(\.text) == ["Sở A; Sở B", "Sở C, Sở D."])
    #expect(reader.labelledParts("Tham mưu xây dựng chính sách; Đơn vị chủ trì: Sở A").isEmpty)
  }
}
