// Generated from Grammar/*.tsv by tools/gen_grammar.py. Do not edit: edit the TSV files
// and run `python3 tools/gen_grammar.py`.

/// One Grammar file: its column names and its rows, in file order.
public struct GrammarTable: Sendable, Equatable {
  public let name: String
  public let columns: [String]
  public let rows: [[String]]

  public init(name: String, columns: [String], rows: [[String]]) {
    self.name = name
    self.columns = columns
    self.rows = rows
  }

  /// The values of one column, in file order.
  public func column(_ name: String) -> [String] {
    guard let i = columns.firstIndex(of: name) else { return [] }
    return rows.map { $0[i] }
  }
}

/// Every Grammar table compiled into the binary, by file name without `.tsv`.
public enum GrammarData {
  public static let tables: [String: GrammarTable] = [
    "columns-prefix": GrammarTable(
      name: "columns-prefix",
      columns: ["canonical", "prefix"],
      rows: [
        ["indicator", "Nội dung chỉ tiêu"],
        ["value", "Mục tiêu hết năm"],
        ["value", "Mục tiêu năm"],
      ]),
    "columns": GrammarTable(
      name: "columns",
      columns: ["canonical", "header"],
      rows: [
        ["coordinators", "Cơ quan phối hợp"],
        ["coordinators", "Đơn vị phối hợp"],
        ["deadline", "Thời gian hoàn thành"],
        ["deadline", "Thời gian thực hiện"],
        ["deadline", "Thời hạn hoàn thành"],
        ["detail_key", "Tiêu chí"],
        ["detail_value", "Nội dung chi tiết"],
        ["indicator", "Chỉ tiêu"],
        ["indicator", "Chỉ tiêu cụ thể"],
        ["indicator", "Nội dung chỉ tiêu"],
        ["lead", "Cơ quan chủ trì"],
        ["lead", "Cơ quan chủ trì theo dõi, đánh giá"],
        ["lead", "Cơ quan chủ trì thực hiện"],
        ["lead", "Đơn vị chủ trì"],
        ["lead", "Đơn vị theo dõi, báo cáo"],
        ["name", "Nội dung nhiệm vụ"],
        ["name", "Tên nhiệm vụ"],
        ["note", "Ghi chú"],
        ["number", "STT"],
        ["number", "TT"],
        ["result", "Kết quả dự kiến"],
        ["result", "Kết quả thực hiện"],
        ["unit", "Đơn vị"],
        ["unit", "Đơn vị tính"],
        ["value", "Kết quả"],
        ["value", "Mục tiêu hết năm"],
        ["value", "Mục tiêu năm"],
      ]),
    "doc-kinds": GrammarTable(
      name: "doc-kinds",
      columns: ["canonical", "form"],
      rows: [
        ["Báo cáo", "Báo cáo"],
        ["Chỉ thị", "Chỉ thị"],
        ["Chương trình", "Chương trình"],
        ["Chương trình", "Chương trình công tác"],
        ["Chương trình", "Chương trình hành động"],
        ["Công văn", "Công văn"],
        ["Đề án", "Đề án"],
        ["Hướng dẫn", "Hướng dẫn"],
        ["Kết luận", "Kết luận"],
        ["Kế hoạch", "Kế hoạch"],
        ["Kế hoạch", "Kế hoạch hành động"],
        ["Luật", "Luật"],
        ["Nghị định", "Nghị định"],
        ["Nghị quyết", "Nghị quyết"],
        ["Quy định", "Quy định"],
        ["Quyết định", "Quyết định"],
        ["Thông báo", "Thông báo"],
        ["Thông báo", "Thông báo kết luận"],
        ["Thông tư", "Thông tư"],
        ["Tờ trình", "Tờ trình"],
      ]),
    "doc-types": GrammarTable(
      name: "doc-types",
      columns: ["canonical", "form"],
      rows: [
        ["BÁO CÁO", "BÁO CÁO"],
        ["CHỈ THỊ", "CHỈ THỊ"],
        ["CHƯƠNG TRÌNH", "CHƯƠNG TRÌNH"],
        ["CÔNG VĂN", "CÔNG VĂN"],
        ["ĐỀ ÁN", "ĐỀ ÁN"],
        ["HƯỚNG DẪN", "HƯỚNG DẪN"],
        ["KẾ HOẠCH", "KẾ HOẠCH"],
        ["NGHỊ QUYẾT", "NGHỊ QUYẾT"],
        ["PHƯƠNG ÁN", "PHƯƠNG ÁN"],
        ["QUY CHẾ", "QUY CHẾ"],
        ["QUY ĐỊNH", "QUY ĐỊNH"],
        ["QUYẾT ĐỊNH", "QUYẾT ĐỊNH"],
        ["THÔNG BÁO", "THÔNG BÁO"],
        ["TỜ TRÌNH", "TỜ TRÌNH"],
      ]),
    "html-tags": GrammarTable(
      name: "html-tags",
      columns: ["tag"],
      rows: [
        ["b"],
        ["br"],
        ["em"],
        ["i"],
        ["span"],
        ["strong"],
        ["sub"],
        ["sup"],
        ["u"],
      ]),
    "issuer-stops": GrammarTable(
      name: "issuer-stops",
      columns: ["stop"],
      rows: [
        ["("],
        [")"],
        [","],
        ["."],
        [":"],
        [";"],
        ["ban hành"],
        ["năm"],
        ["thực hiện"],
        ["triển khai"],
        ["trên địa bàn"],
        ["v/v"],
        ["và"],
        ["về"],
        ["đã"],
        ["ngày"],
        ["sửa đổi"],
        ["tại"],
        ["theo"],
      ]),
    "issuers": GrammarTable(
      name: "issuers",
      columns: ["issuer"],
      rows: [
        ["Ban Chỉ đạo của Chính phủ"],
        ["Bộ Khoa học và Công nghệ"],
        ["Bộ Văn hóa, Thể thao và Du lịch"],
        ["Bộ Tài nguyên và Môi trường"],
        ["Bộ Nông nghiệp và Môi trường"],
        ["Bộ Lao động - Thương binh và Xã hội"],
        ["Văn phòng HĐND và UBND xã"],
      ]),
    "keywords": GrammarTable(
      name: "keywords",
      columns: ["role", "phrase"],
      rows: [
        ["alias_intro", "gọi tắt là"],
        ["alias_intro", "sau đây gọi là"],
        ["alias_intro", "sau đây gọi tắt là"],
        ["alias_intro", "sau đây viết tắt là"],
        ["alias_intro", "viết tắt là"],
        ["annex", "phụ lục"],
        ["annex_attached", "ban hành kèm theo"],
        ["annex_attached", "kèm theo"],
        ["annex_ref", "phụ lục"],
        ["archive", "lưu"],
        ["closing", "trên đây là"],
        ["date_day", "ngày"],
        ["date_month", "tháng"],
        ["date_year", "năm"],
        ["legal_basis", "căn cứ"],
        ["legal_basis", "thực hiện"],
        ["legal_basis", "theo đề nghị"],
        ["legal_basis", "xét đề nghị"],
        ["motto", "cộng hòa xã hội chủ nghĩa việt nam"],
        ["motto", "độc lập - tự do - hạnh phúc"],
        ["number", "số"],
        ["recipients", "nơi nhận"],
        ["reference_number", "số"],
        ["reference_of", "của"],
        ["admin_unit", "phường"],
        ["admin_unit", "quận"],
        ["admin_unit", "thành phố"],
        ["admin_unit", "thị trấn"],
        ["admin_unit", "thị xã"],
        ["admin_unit", "tỉnh"],
        ["admin_unit", "xã"],
        ["admin_unit", "huyện"],
        ["issuer_body", "ban chấp hành"],
        ["issuer_body", "ban chỉ đạo"],
        ["issuer_body", "đảng ủy"],
        ["issuer_body", "hđnd"],
        ["issuer_body", "hội đồng nhân dân"],
        ["issuer_body", "ubnd"],
        ["issuer_body", "ủy ban nhân dân"],
        ["annex_and", "và"],
      ]),
    "latex": GrammarTable(
      name: "latex",
      columns: ["command", "character"],
      rows: [
        ["\\approx", "≈"],
        ["\\ge", "≥"],
        ["\\geq", "≥"],
        ["\\le", "≤"],
        ["\\leq", "≤"],
        ["\\neq", "≠"],
        ["\\pm", "±"],
        ["\\times", "×"],
        ["\\%", "%"],
      ]),
    "signature": GrammarTable(
      name: "signature",
      columns: ["kind", "text", "value"],
      rows: [
        ["authority", "KT.", "KT"],
        ["authority", "TL.", "TL"],
        ["authority", "TM.", "TM"],
        ["authority", "TUQ.", "TUQ"],
        ["title", "CHỦ TỊCH", ""],
        ["title", "GIÁM ĐỐC", ""],
        ["title", "PHÓ CHỦ TỊCH", ""],
        ["title", "PHÓ GIÁM ĐỐC", ""],
        ["title", "PHÓ TRƯỞNG BAN", ""],
        ["title", "PHÓ TRƯỞNG PHÒNG", ""],
        ["title", "TRƯỞNG BAN", ""],
        ["title", "TRƯỞNG PHÒNG", ""],
        ["title", "CHÁNH VĂN PHÒNG", ""],
        ["title", "BÍ THƯ", ""],
        ["title", "PHÓ BÍ THƯ", ""],
      ]),
  ]

  /// A table by name; a missing name is a programming error caught by the tests.
  public static func table(_ name: String) -> GrammarTable {
    tables[name] ?? GrammarTable(name: name, columns: [], rows: [])
  }
}
