import Testing
import VanBanModel
@testable import VanBan

@Suite struct TableTests {
  static let tail = """
    KẾ HOẠCH

    Tiêu đề

    I. A

    Nơi nhận:
    - Lưu: VT.

    KT. CHỦ TỊCH
    PHÓ CHỦ TỊCH

    Nguyễn Văn A

    """

  /// seed 000: a header repeated after a page break continues the same table.
  @Test func repeatedHeaderIsOneTable() throws {
    let plan = try parse(Self.tail + """
      Phụ lục II
      DANH MỤC NHIỆM VỤ (Kèm theo Kế hoạch số /KH-UBND)

      STT\tTên nhiệm vụ\tCơ quan chủ trì\tThời gian thực hiện
      1.\tViệc một\tPhòng Kinh tế\tQuý II năm 2026

      STT\tTên nhiệm vụ\tCơ quan chủ trì\tThời gian thực hiện
      2.\tViệc hai\tPhòng Kinh tế\tQuý III năm 2026

      """)
    let annex = try #require(plan.annexes.first)
    #expect(annex.label == "II")
    #expect(annex.title == "DANH MỤC NHIỆM VỤ")
    #expect(annex.attachedTo == "Kế hoạch số /KH-UBND")
    #expect(annex.tables.count == 1)
    #expect(annex.tables[0].rows.map { $0.cells[0] } == ["1.", "2."])
    #expect(annex.tables[0].columns == ["number", "name", "lead", "deadline"])
    #expect(codes(plan).contains("table.repeated_header"))
  }

  /// A department's own plan assigns its tasks to people (kh-sct-laocai-2242): "Nhiệm vụ
  /// thực hiện" names the task and "Người thực hiện" its lead.
  @Test func tasksAssignedToPeople() throws {
    let plan = try parse(Self.tail + """
      PHÂN CÔNG NHIỆM VỤ CỦA TỔ CÔNG TÁC

      TT\tNhiệm vụ thực hiện\tNgười thực hiện\tGhi chú
      1.\tRà soát hồ sơ học viên\tVũ Việt Linh
      2.\tTổ chức kiểm tra\tNguyễn Thị Loan

      """)
    let table = try #require(plan.annexes.first?.tables.first)
    #expect(table.columns == ["number", "name", "lead", "note"])
    #expect(plan.tasks.map(\.name) == ["Rà soát hồ sơ học viên", "Tổ chức kiểm tra"])
    #expect(plan.tasks.map(\.lead) == [["Vũ Việt Linh"], ["Nguyễn Thị Loan"]])
  }

  /// A Word table a converter wrote a row to a line, cells joined by " | " with no outer
  /// pipes (Corpus/real kh-ubnd-laocai-chi-thi-11): every cell stays under its column, empty
  /// ones too; the row numbering the columns is no task; the head's two columns joined the
  /// same way stay the head's.
  @Test func rowsJoinedByPipesAreRows() throws {
    let head = """
      ỦY BAN NHÂN DÂN TỈNH LÀO CAI |  | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc
      Số: 12/KH-UBND |  | Lào Cai, ngày 5 tháng 3 năm 2026

      """
    let plan = try parse(head + Self.tail + """
      Phụ lục
      MỘT SỐ NHIỆM VỤ

      TT | Tên nhiệm vụ | Sở, ngành chủ trì tham mưu | Đơn vị phối hợp thực hiện | Thời gian thực hiện | Ghi chú
       | (1) | (2) | (3) | (4) | (5)
      1 | Rà soát quy hoạch khoáng sản | Sở Nông nghiệp và Môi trường | Sở Xây dựng | Thường xuyên | 
      2 | Kiểm tra các bến thủy nội địa | Sở Xây dựng |  | Hàng năm | Trọng tâm

      3 | Xử lý khai thác trái phép | Công an tỉnh | Sở Xây dựng | Năm 2026 | 

      """)
    #expect(plan.header.number == "12" && plan.header.place == "Lào Cai")
    #expect(plan.header.issuer == "ỦY BAN NHÂN DÂN TỈNH LÀO CAI")
    let table = try #require(plan.annexes.first?.tables.first)
    #expect(table.columns == ["number", "name", "lead", "coordinators", "deadline", "note"])
    #expect(plan.tasks.map(\.number) == ["1", "2", "3"])
    #expect(plan.tasks.map(\.name) == ["Rà soát quy hoạch khoáng sản", "Kiểm tra các bến thủy nội địa", "Xử lý khai thác trái phép"])
    #expect(plan.tasks.map(\.lead) == [["Sở Nông nghiệp và Môi trường"], ["Sở Xây dựng"], ["Công an tỉnh"]])
    #expect(plan.tasks.map(\.coordinators) == [["Sở Xây dựng"], [], ["Sở Xây dựng"]])
    #expect(plan.tasks.map { $0.deadline?.text } == ["Thường xuyên", "Hàng năm", "Năm 2026"])
    #expect(plan.tasks.map(\.note) == [nil, "Trọng tâm", nil])
    #expect(codes(plan).contains("table.column_numbers"))
  }

  /// The cells of a joined row; a pipe that is no joint ("a|b", "|-") leaves the line text;
  /// a header with no row under it stays text.
  @Test func joinedCellsAreReadOnlyAtJoints() throws {
    #expect(JoinedCellTable.cells("TT | Tên nhiệm vụ | Ghi chú") == ["TT", "Tên nhiệm vụ", "Ghi chú"])
    #expect(JoinedCellTable.cells("| (1) | (2) |") == ["", "(1)", "(2)", ""])
    #expect(JoinedCellTable.cells("1 | Việc một | ") == ["1", "Việc một", ""])
    #expect(JoinedCellTable.cells("Chi phí a|b | c") == nil)
    #expect(JoinedCellTable.cells(".Cơ sở pháp lý |- Nghị quyết số 57") == nil)
    #expect(JoinedCellTable.cells("Không có cột") == nil)
    let lonely = try parse(Self.tail + "Phụ lục\nDANH MỤC\n\nSTT | Tên nhiệm vụ\n\nĐầu tư, nâng cấp trang thiết bị\n")
    #expect(lonely.annexes.first?.tables.isEmpty == true)
    #expect(!codes(lonely).contains("table.column_numbers"))
  }

  /// Cells numbering the columns: consecutive numbers, bare or in brackets, empties between.
  @Test func columnNumberRows() {
    #expect(LineCursor.numbersColumns(["", "(1)", "(2)", "(3)"]))
    #expect(LineCursor.numbersColumns(["1", "2", "3", "4"]))
    #expect(LineCursor.numbersColumns(["(3)", "", "(4)"]))
    #expect(!LineCursor.numbersColumns(["1", "Rà soát", "Sở Xây dựng"]))
    #expect(!LineCursor.numbersColumns(["1", "3"]))
    #expect(!LineCursor.numbersColumns(["", "(1)", ""]))
    #expect(!LineCursor.numbersColumns(["1", "2", "2026"]))
  }

  /// seed 001: continuation rows with empty leading cells, a word split across the page.
  @Test func continuationRowsMerge() throws {
    let plan = try parse(Self.tail + """
      PHỤ LỤC
      DANH MỤC

      TT\tTÊN NHIỆM VỤ\tĐƠN VỊ CHỦ TRÌ\tTHỜI GIAN HOÀN THÀNH
      I\tHẠ TẦNG\t\t
      1\tPhối hợp triển khai các nền tảng số dùng chung của\tPhòng Văn hóa - Xã hội\tThường

      \ttỉnh\tXã hội\txuyên
      2\tViệc hai\tPhòng Kinh tế\tNăm 2026

      """)
    let rows = try #require(plan.annexes.first?.tables.first?.rows)
    #expect(rows.count == 3)
    #expect(rows[0].cells[0] == "I")
    #expect(rows[1].cells == ["1", "Phối hợp triển khai các nền tảng số dùng chung của tỉnh", "Phòng Văn hóa - Xã hội", "Thường xuyên"])
    #expect(rows[1].group == "HẠ TẦNG")
    #expect(rows[2].group == "HẠ TẦNG")
    #expect(codes(plan).contains("table.duplicate_fragment"))
  }

  @Test func tableWithoutHeader() throws {
    let plan = try parse(Self.tail + "PHỤ LỤC\nDANH MỤC\n\n1\tmột\thai\n2\tba\tbốn\n")
    let table = try #require(plan.annexes.first?.tables.first)
    #expect(table.header.isEmpty)
    #expect(table.rows.count == 2)
    #expect(codes(plan).contains("table.no_header"))
  }

  /// seed 003: every cell on its own line; row numbers count up; a lone number out of
  /// sequence is a page number.
  @Test func flattenedTableRows() throws {
    let plan = try parse(Self.tail + """
      PHỤ LỤC

      Các nhiệm vụ

      TT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Kết quả dự kiến
      Thời gian hoàn

      thành

      I Công tác chỉ đạo

      1

      Phát huy vai trò người đứng đầu

      Phòng Văn hóa – Xã hội

      Nhiệm vụ thường

      xuyên

      7

      2

      Bố trí nguồn lực

      Phòng Kinh tế

      """)
    let table = try #require(plan.annexes.first?.tables.first)
    #expect(table.columns == ["number", "name", "lead", "coordinators", "result", "deadline"])
    #expect(table.rows.map { $0.cells[0] } == ["I", "1", "2"])
    #expect(table.rows[1].group == "Công tác chỉ đạo")
    #expect(table.rows[1].cells[1].hasPrefix("Phát huy vai trò người đứng đầu"))
    #expect(codes(plan).contains("page.number_dropped"))
    #expect(codes(plan).contains("table.flattened"))
  }
}

/// A continuation after a page break that repeats the end of its cell.
@Suite struct ContinuationRepeatTests {
  static let head = "KẾ HOẠCH\n\nTiêu đề\n\nI. NHIỆM VỤ\n\n"

  /// A repeated render of an agency's last words is dropped (the name stays the lexicon's).
  @Test func repeatedAgencyEndIsDropped() throws {
    let plan = try parse(Self.head + "TT\tTên nhiệm vụ\tCơ quan chủ trì\n1\tRà soát quy trình\tPhòng Văn hóa - Xã hội\n\t\tXã hội\n")
    #expect(plan.tasks.first?.lead == ["Phòng Văn hóa - Xã hội"])
    #expect(codes(plan).contains("table.duplicate_fragment"))
  }

  /// The backward word walk agrees with folding the whole cell, on random cells and
  /// fragments of a few words (spaces doubled, cases mixed).
  @Test func endsWithWordsMatchesFoldingTheCell() {
    var g = PropertyTests.LCG(state: 3)
    let vocabulary = ["Xã", "hội", "xã", "Phòng", "Văn", "hóa", "-", "hoá", "A"]
    func words(_ n: Int) -> String { (0..<n).map { _ in vocabulary[g.next(vocabulary.count)] }.joined(separator: g.next(4) == 0 ? "  " : " ") }
    for _ in 0..<5_000 {
      let cell = words(g.next(6))
      let fragment = words(1 + g.next(3))
      let want = Words.fold(fragment)
      let folded = Words.fold(cell)
      let model = !want.isEmpty && folded.count > want.count && Array(folded.suffix(want.count)) == want
      #expect(LineCursor.endsWithWords(cell, of: fragment) == model, "\(cell) | \(fragment)")
    }
  }

  /// Text that happens to repeat its cell's last words is kept: it is the document's.
  @Test func repeatedWordsOfATaskAreKept() throws {
    let plan = try parse(Self.head + "TT\tTên nhiệm vụ\tCơ quan chủ trì\n1\tKiểm tra, giám sát\tPhòng Kinh tế\n\tgiám sát\t\n")
    #expect(plan.tasks.first?.name == "Kiểm tra, giám sát giám sát")
    #expect(!codes(plan).contains("table.duplicate_fragment"))
  }
}

@Suite struct OpensUppercaseTests {
  /// Every Latin letter the byte rule settles, alone and before ASCII, a Latin letter, a
  /// combining mark and a non-Latin letter: the same answer as `Character.isUppercase`.
  @Test func agreesWithCharacterOnEveryLatinLetter() {
    let ranges: [ClosedRange<UInt32>] = [0xC0...0x24F, 0x1E00...0x1EFF]
    for v in ranges.joined() {
      guard let scalar = Unicode.Scalar(v) else { continue }
      for next in ["", "a", "ư", "\u{301}", "Ω"] {
        let word = String(scalar) + next
        #expect(
          FlattenedRowSplitter.opensUppercase(Substring(word)) == (word.first?.isUppercase == true),
          "\(String(v, radix: 16)) + \(Array(next.unicodeScalars))")
      }
    }
  }
}

/// Paragraphs a Word export indents with tabs are text, not one-cell table rows (`TabIndent`).
@Suite struct TabIndentTests {
  /// bc-ubnd-laocai-chi-thi-38's form: every paragraph after the head opens with a tab.
  @Test func tabIndentedParagraphsAreText() throws {
    let plan = try parse("""
      UỶ BAN NHÂN DÂN TỈNH LÀO CAI |  | CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc
      Số: 12/KH-UBND |  | Lào Cai, ngày 5 tháng 3 năm 2026
      \t
      \tKẾ HOẠCH
      \tTriển khai chuyển đổi số năm 2026
      \t
      \tI. MỤC ĐÍCH, YÊU CẦU
      \t1. Mục đích
      \tNâng cao hiệu quả quản lý nhà nước về chuyển đổi số.
      \t\tII. NHIỆM VỤ
      \t- Rà soát, hoàn thiện hạ tầng số của xã.

      Nơi nhận:
      - Lưu: VT.

      KT. CHỦ TỊCH
      PHÓ CHỦ TỊCH

      Nguyễn Văn A

      """)
    #expect(plan.header.title == "Triển khai chuyển đổi số năm 2026")
    #expect(plan.sections.map(\.label) == ["I", "II"])
    #expect(plan.sections.first?.children.map(\.title) == ["Mục đích"])
    #expect(!codes(plan).contains("table.no_header"))
  }

  /// Under a row of several cells a tabbed line is a later cell continuing that row (seed 002:
  /// "\tđồng sáng kiến cấp cơ sở" ends the cell above, after a page break); elsewhere its tabs
  /// are an indent.
  @Test func tabsUnderRowsAreCells() {
    let table = ["Quy mô\t- Chi trả cho hoạt động của các hội", "", "\tđồng sáng kiến cấp cơ sở", "Thời gian\tNăm 2026"]
    var texts = table
    #expect(TabIndent.strip(&texts, candidates: [2]).isEmpty)
    #expect(texts == table)
    // Above a row only, the line is text.
    var above = ["Mở đầu", "\tCác nội dung sau:", "Thời gian\tNăm 2026"]
    #expect(TabIndent.strip(&above, candidates: [1]) == [1])
    #expect(above[1] == "Các nội dung sau:")
    var prose = ["Mở đầu", "\tI. MỤC ĐÍCH", "", "\t\tNâng cao hiệu quả.", "\tA\tB", "\tC", "\tD"]
    // Indented lines lose their tabs; a row of two cells ("\tA\tB") is no indent, the line
    // under it stays its row's, and the one under that is text again.
    #expect(TabIndent.strip(&prose, candidates: [1, 3, 4, 5, 6]) == [1, 3, 6])
    #expect(prose == ["Mở đầu", "I. MỤC ĐÍCH", "", "Nâng cao hiệu quả.", "\tA\tB", "\tC", "D"])
  }

  /// A markdown table's empty first cell is a tab only after cleaning: the head's place and
  /// date under an empty cell stay in the head table (qd-ubnd-hanoi-68).
  @Test func markdownEmptyFirstCellStaysACell() throws {
    let plan = try parse("""
      | ỦY BAN NHÂN DÂN              | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
      |------------------------------|-----------------------------------------------|
      | THÀNH PHỐ HÀ NỘI             | Độc lập - Tự do - Hạnh phúc |
      | Số: 68/2024/QĐ-UBND          |                                               |
      |                              | Hà Nội, ngày 05 tháng 12 năm 2024             |

      # QUYẾT ĐỊNH
      **Ban hành Quy định quản lý khu du lịch**

      Điều 1. Ban hành kèm theo Quyết định này Quy định quản lý khu du lịch.

      """)
    #expect(plan.header.place == "Hà Nội")
    #expect(plan.header.number == "68/2024")
  }
}

/// Word files pandoc turned into markdown (nq-ubtvqh-1666's form): escapes, hard line breaks,
/// a head laid out as a simple table and a footer as a grid table.
@Suite struct PandocMarkdownTests {
  static let document = #"""
      ----------------------- -----------------------------------------------
        **ỦY BAN THƯỜNG VỤ\        **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\
             QUỐC HỘI\                 Độc lập - Tự do - Hạnh phúc\
         \-\-\-\-\-\-\--**            \-\-\-\-\-\-\-\-\-\-\-\-\-\--**

       Số: 1666/NQ-UBTVQH15         *Hà Nội, ngày 16 tháng 6 năm 2025*
      ----------------------- -----------------------------------------------

    **NGHỊ QUYẾT**

    VỀ VIỆC SẮP XẾP CÁC ĐƠN VỊ HÀNH CHÍNH CẤP XÃ CỦA TỈNH HƯNG YÊN NĂM 2025

    **Điều 1. Sắp xếp các đơn vị hành chính cấp xã**

    99\. Sắp xếp các xã Bạch Sam và Minh Đức thành **phường Thượng Hồng**.

    100\. Sắp xếp các phường Lê Hồng Phong, Bồ Xuyên thành **phường Thái Bình**.

    **Điều 2. Hiệu lực thi hành**

    Nghị quyết này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.

    +-------------------------------+:------------------------------------:+
    | ***Nơi nhận:\***              | **TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\     |
    | - Chính phủ;\                 | CHỦ TỊCH\                            |
    | - Ủy ban TW Mặt trận Tổ quốc  | \                                    |
    | Việt Nam;\                    | Trần Thanh Mẫn**                     |
    | - Các Bộ, cơ quan ngang Bộ,   |                                      |
    | cơ quan thuộc CP;\            |                                      |
    | - Lưu: HC, PLTP.              |                                      |
    +-------------------------------+--------------------------------------+

    """#

  @Test func pandocHeadFooterAndItems() throws {
    let plan = try parse(Self.document)
    // The body's name the line break cut is one name, not a parent and a body.
    #expect(plan.header.issuer == "ỦY BAN THƯỜNG VỤ QUỐC HỘI")
    #expect(plan.header.issuerParent == nil)
    #expect(plan.header.number == "1666" && plan.header.place == "Hà Nội")
    #expect(plan.sections.first?.children.map(\.label) == ["99", "100"])
    let signature = try #require(plan.signature)
    #expect(signature.authority == "TM" && signature.onBehalfOf == "ỦY BAN THƯỜNG VỤ QUỐC HỘI")
    #expect(signature.title == "CHỦ TỊCH" && signature.signer == "Trần Thanh Mẫn")
    // A recipient's lines in its cell are one name, its comma kept.
    #expect(plan.recipients.map(\.name) == [
      "Chính phủ", "Ủy ban TW Mặt trận Tổ quốc Việt Nam", "Các Bộ, cơ quan ngang Bộ, cơ quan thuộc CP",
    ])
    #expect(plan.archive == ["HC", "PLTP"])
  }

  /// A grid table's row is one tab row on its first line; its other lines and the borders are
  /// blank. A border with no row under it ends the table.
  @Test func gridRowsFold() {
    let raw: [Substring] = ["+---+---+", "| a | b |", "| c |   |", "+===+===+", "| d | e |", "+---+---+", "Sau bảng"]
    var texts = ["", "a\tb", "c\t", "", "d\te", "", "Sau bảng"]
    GridTable.fold(raw: raw, texts: &texts)
    #expect(texts == ["", "a c\tb", "", "", "d\te", "", "Sau bảng"])
    #expect(!GridTable.isBorder("+ chữ +") && GridTable.isBorder("  +:--:+  ") && !GridTable.isBorder("+++"))
  }
}
