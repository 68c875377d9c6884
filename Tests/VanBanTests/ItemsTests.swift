import Foundation
import Testing
import VanBanModel
@testable import VanBan

/// Targets, tasks and responsibilities: per-seed counts (what the issue demands) and spec
/// examples for the interpreter and the one-cell-per-line row splitter.
@Suite struct ItemsTests {
  static func seed(_ prefix: String) throws -> Plan {
    let url = try #require(Repo.corpusInputs().first { $0.lastPathComponent.hasPrefix(prefix) })
    return try PlanParser.parse(try [UInt8](Data(contentsOf: url)), options: ParseOptions(name: url.lastPathComponent))
  }

  @Test(arguments: [
    // seed, targets, tasks, responsibilities
    ("000", 10, 6, 3),
    ("001", 31, 18, 9),
    ("002", 38, 3, 3),
    ("003", 11, 37, 6),
    ("004", 21, 0, 5),
  ])
  func seedCounts(_ prefix: String, _ targets: Int, _ tasks: Int, _ responsibilities: Int) throws {
    let plan = try Self.seed(prefix)
    #expect(plan.targets.count == targets)
    #expect(plan.tasks.count == tasks)
    #expect(plan.responsibilities.count == responsibilities)
    // Every item is present once.
    let keys = plan.targets.map { "\($0.line)|\($0.indicator)" } + plan.tasks.map { "\($0.line)|\($0.name)" }
    #expect(Set(keys).count == keys.count)
  }

  /// seed 001: the header declares 31 targets in four groups, and all are found.
  @Test func declaredCountsHold() throws {
    let plan = try Self.seed("001")
    #expect(!codes(plan).contains("table.declared_count_mismatch"))
    #expect(Set(plan.targets.compactMap(\.group)).count == 4)
  }

  @Test func declaredCountMismatchIsReported() throws {
    let text = """
      KẾ HOẠCH

      Tiêu đề

      I. MỤC TIÊU

      1. Mục tiêu cụ thể

      STT\tChỉ tiêu\tĐơn vị tính\tKết quả\tCơ quan chủ trì
      I\tHạ tầng (03 chỉ tiêu)\t\t\t
      1\tTỷ lệ phủ sóng 5G\t%\t≥ 60\tPhòng Văn hóa - Xã hội
      2\tTỷ lệ hộ có cáp quang\t%\t70\t

      """
    let plan = try parse(text)
    #expect(plan.targets.count == 2)
    #expect(plan.targets[0].values == [TargetValue(year: nil, op: .ge, value: 60, text: "≥ 60")])
    #expect(plan.targets[0].group == "Hạ tầng (03 chỉ tiêu)")
    #expect(plan.targets[0].lead == ["Phòng Văn hóa - Xã hội"])
    #expect(codes(plan).contains("table.declared_count_mismatch"))
    #expect(codes(plan).contains("table.row_without_lead"))
  }

  /// seed 002: "Mục tiêu năm 2026" and "Mục tiêu hết năm 2030" date the two values.
  @Test func valueColumnsCarryTheirYears() throws {
    let plan = try Self.seed("002")
    let t = try #require(plan.targets.first { $0.number == "3" })
    #expect(t.values.map(\.year) == [2026, 2030])
    #expect(t.values[0].op == .ge && t.values[0].value == 1.1)
    #expect(t.values[0].text == "≥ 1,1 và không thấp hơn chỉ tiêu tỉnh giao")
    let top = try #require(plan.targets.first { $0.number == "10" })
    #expect(top.values.map(\.op) == [.top, .top])
    #expect(plan.targets.first { $0.number == "16" }?.lead == ["Văn phòng UBND xã", "Trung tâm Phục vụ hành chính công"])
  }

  /// seed 002, Phụ lục II: one key–value table per task.
  @Test func keyValueTablesAreTasks() throws {
    let plan = try Self.seed("002")
    let t = try #require(plan.tasks.first)
    #expect(t.number == "1")
    #expect(t.name == "Thực hiện nhiệm vụ khoa học, công nghệ")
    #expect(t.deadline?.kind == .year)
    #expect(t.details?["Nguồn kinh phí"] == "Ngân sách tỉnh và xã")
  }

  /// seed 003: the flattened table's cells are assigned to their columns.
  @Test func flattenedRowsAreSplitIntoColumns() throws {
    let plan = try Self.seed("003")
    let four = try #require(plan.tasks.first { $0.group?.hasPrefix("Công tác chỉ đạo") == true && $0.number == "4" })
    #expect(four.name == "Quan tâm đào tạo nâng cao năng lực quản lý cho đội ngũ cán bộ khoa học và công nghệ")
    #expect(four.lead == ["Phòng Văn hóa - Xã hội"])
    #expect(four.coordinators.count == 2)
    #expect(four.result == "Chương trình đào tạo, bồi dưỡng.")
    #expect(four.deadline?.recurrence == .continuous)
    let dated = try #require(plan.tasks.first { $0.result == "Văn bản rà soát." })
    #expect(dated.deadline?.kind == .month)
    #expect(dated.deadline?.start == "2025-06-01")
  }

  /// seed 003 (1)…(12) and seed 004 "+" bullets under "Mục tiêu cụ thể".
  @Test func proseTargets() throws {
    let p3 = try Self.seed("003")
    let body = p3.targets.filter { $0.origin == .body }
    #expect(body.count == 11)
    #expect(body.first?.values == [TargetValue(year: 2030, op: .ge, value: 45, text: "tối thiểu 45%")])
    #expect(!body.contains { $0.number == "11" })
    let p4 = try Self.seed("004")
    let first = try #require(p4.targets.first)
    #expect(first.origin == .body)
    #expect(first.group == "Về hạ tầng, nền tảng, dữ liệu số")
    #expect(first.values.first?.value == 95)
  }

  /// The heading's words found past the title's first word ("2. Một số mục tiêu, chỉ tiêu cụ
  /// thể"), a "-" bullet without a number heading the "+" items under it, and a bullet of two
  /// clauses stating two targets.
  @Test func proseTargetsUnderAHeadingFoundInsideTheTitle() throws {
    let text = """
      KẾ HOẠCH

      Triển khai chuyển đổi số năm 2026

      I. MỤC TIÊU

      2. Một số mục tiêu, chỉ tiêu cụ thể

      - Về dịch vụ công trực tuyến

      + 100% hồ sơ được tiếp nhận trực tuyến; tỷ lệ thanh toán trực tuyến đạt 70%.

      - Về hạ tầng số

      + Phủ sóng 4G đạt 95% dân số.

      3. Nhiệm vụ khác

      - Rà soát 12 thủ tục.

      """
    let plan = try parse(text)
    let body = plan.targets.filter { $0.origin == .body }
    #expect(body.map(\.group) == ["Về dịch vụ công trực tuyến", "Về dịch vụ công trực tuyến", "Về hạ tầng số"])
    #expect(body.map(\.indicator) == [
      "100% hồ sơ được tiếp nhận trực tuyến", "tỷ lệ thanh toán trực tuyến đạt 70%", "Phủ sóng 4G đạt 95% dân số",
    ])
    #expect(body.map { $0.values.first?.value } == [100, 70, 95])
  }

  /// "Chỉ tiêu chủ yếu" heads targets as "chỉ tiêu cụ thể" does (kh-ubnd-dongnai-182: "6. Chỉ
  /// tiêu chủ yếu đến năm 2030" with items 6.1 …).
  @Test func mainTargetsHeading() throws {
    let plan = try parse("""
      KẾ HOẠCH

      Thực hiện Chương trình phòng, chống ma túy

      I. NỘI DUNG TRỌNG TÂM

      6. Chỉ tiêu chủ yếu đến năm 2030

      6.1. Phấn đấu 100% các điểm tổ chức sử dụng trái phép chất ma túy được triệt phá.

      6.2. Trên 80% số trạm y tế cấp xã đủ điều kiện xác định tình trạng nghiện.

      """)
    let body = plan.targets.filter { $0.origin == .body }
    #expect(body.map { $0.values.first?.value } == [100, 80])
    #expect(body.map { $0.values.first?.year } == [2030, 2030])
  }

  /// An emulation campaign's targets (kh-ubnd-lamdong-thi-dua-cchc-2026: "III. CHỈ TIÊU THI ĐUA
  /// PHẤN ĐẤU NĂM 2026"), a rank among them ("nằm trong nhóm 15 tỉnh … dẫn đầu"); an item
  /// stating no figure is no target.
  @Test func campaignTargetsHeading() throws {
    let plan = try parse("""
      KẾ HOẠCH

      Phát động phong trào thi đua năm 2026

      III. CHỈ TIÊU THI ĐUA PHẤN ĐẤU NĂM 2026

      1. Phấn đấu Chỉ số PAR Index của tỉnh nằm trong nhóm 15 tỉnh, thành phố dẫn đầu cả nước.

      2. Phấn đấu Chỉ số CCHC của các cơ quan, đơn vị đạt trên 85%.

      3. Phát động tìm kiếm các giải pháp sáng kiến, mô hình, cách làm hay.

      IV. TỔ CHỨC THỰC HIỆN

      Các sở triển khai.

      """)
    let body = plan.targets.filter { $0.origin == .body }
    #expect(body.map { $0.values.first?.op } == [.top, .gt])
    #expect(body.map { $0.values.first?.value } == [15, 85])
    #expect(body.map { $0.values.first?.year } == [2026, 2026])
  }

  @Test func responsibilitiesFromTheSection() throws {
    let plan = try Self.seed("001")
    #expect(plan.responsibilities.first?.agency == "Phòng Văn hóa - Xã hội")
    #expect(plan.responsibilities.first?.duties.count == 7)
    #expect(plan.responsibilities.map(\.agency).contains("Công an xã"))
  }

  /// An agency's duties are its own paragraphs, then each sub-item's title and paragraphs in
  /// document order, however deep they nest.
  @Test func responsibilityDutiesInDocumentOrder() throws {
    let plan = try parse("""
      KẾ HOẠCH

      Chuyển đổi số năm 2026

      I. NHIỆM VỤ

      Triển khai các nhiệm vụ.

      II. TỔ CHỨC THỰC HIỆN

      1. Công an xã

      Bảo đảm an ninh mạng.

      a) Rà soát hệ thống

      Rà soát định kỳ.

      - Báo cáo hằng quý.

      b) Tập huấn

      2. Văn phòng HĐND và UBND xã

      Tổng hợp báo cáo.

      """)
    let police = try #require(plan.responsibilities.first)
    #expect(police.agency == "Công an xã")
    #expect(police.duties == ["Bảo đảm an ninh mạng.", "Rà soát hệ thống", "Rà soát định kỳ.", "Báo cáo hằng quý.", "Tập huấn"])
    #expect(plan.responsibilities.count == 2)
  }

  static let splitter = FlattenedRowSplitter(agencies: PlanParser.agencies, deadlines: PlanParser.deadlines, lexicon: .shared)
  static let taskColumns: [String?] = ["name", "lead", "coordinators", "result", "deadline"]

  @Test(arguments: [
    // Two cells on one line: name and lead; result and deadline.
    (["Rà soát, ban hành các văn bản để triển khai Phòng Văn hóa – Xã hội", "- Các Phòng chuyên môn", "UBND xã", "- Các cơ quan, đơn vị", "Văn bản rà soát. Tháng 6/2025"],
     [["Rà soát, ban hành các văn bản để triển khai"], ["Phòng Văn hóa – Xã hội"], ["- Các Phòng chuyên môn", "UBND xã", "- Các cơ quan, đơn vị"], ["Văn bản rà soát."], ["Tháng 6/2025"]]),
    // A lead over two lines and a deadline over two lines.
    (["Thực hiện rà soát", "Trung tâm Phục vụ hành", "chính công", "- Các Phòng chuyên môn", "Kết quả rà soát", "Nhiệm vụ thường", "xuyên"],
     [["Thực hiện rà soát"], ["Trung tâm Phục vụ hành", "chính công"], ["- Các Phòng chuyên môn"], ["Kết quả rà soát"], ["Nhiệm vụ thường", "xuyên"]]),
    // No lead: the list of collective agencies is the coordinators.
    (["Hoàn thành việc triển khai", "- Các Phòng chuyên môn", "UBND xã", "- Các cơ quan, đơn vị", "31/12/2025"],
     [["Hoàn thành việc triển khai"], [], ["- Các Phòng chuyên môn", "UBND xã", "- Các cơ quan, đơn vị"], [], ["31/12/2025"]]),
  ] as [([String], [[String]])])
  func rowSplitter(_ pieces: [String], _ expected: [[String]]) {
    #expect(Self.splitter.split(pieces, columns: Self.taskColumns) == expected)
  }
}

/// A code repeated more than five times shows its first three, then one diagnostic that counts
/// the rest in its place; codes repeated less are all shown, in order.
@Suite struct DiagnosticDigestTests {
  @Test func repeatsCollapseIntoOneSummary() {
    let codes = ["a.x", "b.y", "a.x", "a.x", "c.z", "a.x", "c.z", "c.z", "a.x", "b.y", "c.z", "a.x", "c.z", "a.x", "c.z"]
    let all = codes.enumerated().map { k, code in
      Diagnostic(severity: code == "c.z" ? .error : .warning, code: code, message: "m\(k + 1)", line: k + 1)
    }
    let out = DiagnosticDigest.collapse(all)
    #expect(out.map(\.line) == [1, 2, 3, 4, 5, 6, 7, 8, 10, 11])
    #expect(out.map(\.code) == ["a.x", "b.y", "a.x", "a.x", "c.z", "a.x", "c.z", "c.z", "b.y", "c.z"])
    #expect(out[5].message == "4 more like the above, lines 6–14; the first: m6")
    #expect(out[5].severity == .warning)
    #expect(out[9].message == "3 more like the above, lines 11–15; the first: m11")
    #expect(out[9].severity == .error)
    #expect(out.filter { $0.message.hasPrefix("m") }.map(\.message) == ["m1", "m2", "m3", "m4", "m5", "m7", "m8", "m10"])
  }

  /// Loose annex text is quoted, cut at 80 characters.
  @Test func looseAnnexTextIsQuotedAndCut() {
    let short = DiagnosticCatalogue.annexTextOutsideTable("Ghi chú: số liệu ước đạt.", line: 7)
    #expect(short.code == "annex.loose_text" && short.severity == .info && short.line == 7)
    #expect(short.message == "text in an annex outside any table: 'Ghi chú: số liệu ước đạt.'")
    let long = String(repeating: "Việt Nam ", count: 12)
    let cut = DiagnosticCatalogue.annexTextOutsideTable(long, line: 8).message
    #expect(cut == "text in an annex outside any table: '" + String(long.prefix(80)) + "'")
  }

  @Test func fewRepeatsStayAsTheyAre() {
    let all = (1...5).map { Diagnostic(severity: .info, code: "a.x", message: "m\($0)", line: $0) }
    #expect(DiagnosticDigest.collapse(all) == all)
  }
}
