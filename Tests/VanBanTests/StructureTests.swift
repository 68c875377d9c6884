import Testing
import VanBanModel
@testable import VanBan

/// Spec examples for the structure parser, each a small document and what it must yield.
/// Odd cases are named after the seed they come from.
@Suite struct StructureTests {
  static let head = """
    ỦY BAN NHÂN DÂN
    XÃ AN BÌNH

    Số: 12/KH-UBND

    An Bình, ngày 05 tháng 5 năm 2026

    KẾ HOẠCH

    Triển khai chuyển đổi số năm 2026

    """

  @Test func headerFields() throws {
    let plan = try parse(Self.head + "I. MỤC ĐÍCH\n\n1. Mục đích\n")
    #expect(plan.header.issuer == "ỦY BAN NHÂN DÂN XÃ AN BÌNH")
    #expect(plan.header.number == "12")
    #expect(plan.header.symbol == "KH-UBND")
    #expect(plan.header.place == "An Bình")
    #expect(plan.header.date == DocumentDate(day: 5, month: 5, year: 2026, text: "ngày 05 tháng 5 năm 2026"))
    #expect(plan.header.docType == "KẾ HOẠCH")
    #expect(plan.header.title == "Triển khai chuyển đổi số năm 2026")
    #expect(!codes(plan).contains("header.number_blank"))
  }

  /// A team named by the decision that set it up: the decision's number ("SỐ 25/QĐ-SNNMT",
  /// no colon, under "THEO QUYẾT ĐỊNH") is part of the issuer, the head's number line the
  /// plan's own.
  @Test func issuerNamedByADecision() throws {
    let plan = try parse("""
         SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            TỔ CÔNG TÁC                           Độc lập - Tự do - Hạnh phúc
          THEO QUYẾT ĐỊNH
          SỐ 25/QĐ-SNNMT                      Sơn La, ngày 02 tháng 4 năm 2026

           Số: 31/KH-TCT

                                   KẾ HOẠCH
      Kiểm tra an toàn đập, hồ chứa nước

      I. MỤC ĐÍCH

      """)
    #expect(plan.header.issuer == "TỔ CÔNG TÁC THEO QUYẾT ĐỊNH SỐ 25/QĐ-SNNMT")
    #expect(plan.header.issuerParent == "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")
    #expect(plan.header.number == "31")
    #expect(plan.header.symbol == "KH-TCT")
    #expect(plan.header.date?.day == 2)
  }

  /// A stray mark a typist left before a name is not part of it.
  @Test func strayMarkBeforeIssuer() throws {
    let plan = try parse("/ỦY BAN MTTQ VIỆT NAM XÃ AN BÌNH\nBAN THƯỜNG TRỰC\n\nSố: 16/KH-MTTQ-BTT\n\nKẾ HOẠCH\n\nHiệp thương\n\nI. A\n")
    #expect(plan.header.issuerParent == "ỦY BAN MTTQ VIỆT NAM XÃ AN BÌNH")
    #expect(plan.header.issuer == "BAN THƯỜNG TRỰC")
  }

  /// A full stop after the number, as a signed PDF's number field prints it ("Số: 3070. /KH-UBND").
  @Test(arguments: ["Số: 3070. /KH-UBND", "Số: 3070./KH-UBND"])
  func fullStopAfterTheNumber(_ line: String) throws {
    let plan = try parse("UỶ BAN NHÂN DÂN\nTHỊ XÃ BỈM SƠN\n\n\(line)\n\nKẾ HOẠCH\n\nTiêu đề\n\nI. A\n")
    #expect(plan.header.number == "3070")
    #expect(plan.header.symbol == "KH-UBND")
  }

  /// A letter's head rebuilt from a PDF a column at a time (cv-ubnd-quangngai-507): the
  /// subject wrapped over lines, one opening in capitals after "… của", then the right
  /// column's motto and place and date, then the addressee.
  @Test func rightColumnAfterTheSubject() throws {
    let plan = try parse("""
      ỦY BAN NHÂN DÂN
      TỈNH QUẢNG NGÃI
      Số: 507 /UBND-KGVX
      V/v góp ý dự thảo Quyết định sửa
      đổi, bổ sung một số điều của
      Quyết định số 2269/QĐ-TTg về
      Chương trình viễn thông công ích

      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
      Độc lập - Tự do - Hạnh phúc
      Quảng Ngãi, ngày 24 tháng 01 năm 2025

      Kính gửi: Sở Thông tin và Truyền thông

      Theo đề nghị của Bộ Thông tin và Truyền thông.

      """)
    #expect(plan.header.number == "507")
    #expect(plan.header.place == "Quảng Ngãi")
    #expect(plan.header.date?.day == 24 && plan.header.date?.month == 1 && plan.header.date?.year == 2025)
    #expect(plan.header.title == "góp ý dự thảo Quyết định sửa đổi, bổ sung một số điều của Quyết định số 2269/QĐ-TTg về Chương trình viễn thông công ích")
    #expect(!codes(plan).contains("header.no_date"))
  }

  /// A subject ending its sentence is not continued by the capitals below it.
  @Test func subjectEndingInAStopIsWhole() throws {
    let plan = try parse("ỦY BAN NHÂN DÂN XÃ AN PHÚ\nSố: 12/UBND\nV/v báo cáo tình hình.\nThực hiện Công văn số 5/UBND của huyện.\n")
    #expect(plan.header.title == "báo cáo tình hình.")
  }

  /// The number's label glued to the number by its colon ("Số:3036 /SCT-CN", an OCR'd
  /// letter's head), and a colon elsewhere in the first word, which is no label.
  @Test func numberLabelGluedByItsColon() throws {
    let plan = try parse("UBND TỈNH LÀO CAI\nSỞ CÔNG THƯƠNG\nSố:3036 /SCT-CN\nV/v kế hoạch kiểm tra.\n")
    #expect(plan.header.number == "3036")
    #expect(plan.header.symbol == "SCT-CN")
    let reader = HeadZoneReader(lines: [], lex: .shared)
    #expect(reader.spacingGluedNumberLabel("Số:12/KH-UBND Hà Nội") == "Số: 12/KH-UBND Hà Nội")
    #expect(reader.spacingGluedNumberLabel("Số: 12/KH-UBND") == nil)
    #expect(reader.spacingGluedNumberLabel("Giờ:8h30 sáng") == nil)
  }

  /// The motto on a line of its own with dashes Word's autocorrect typed ("Độc lập – Tự do –
  /// Hạnh phúc", en or em dashes): still the motto, so the head goes on to the date and type.
  @Test(arguments: ["–", "—"])
  func mottoWithLongDashes(_ dash: String) throws {
    let plan = try parse("""
      ỦY BAN NHÂN DÂN
      THÀNH PHỐ VŨNG TÀU

      Số: 2144/KH-UBND

      CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM

      Độc lập \(dash) Tự do \(dash) Hạnh phúc

      Vũng Tàu, ngày 18 tháng 3 năm 2025

      KẾ HOẠCH

      Thực hiện chương trình Dân số và phát triển năm 2025

      I. MỤC TIÊU

      """)
    #expect(plan.header.docType == "KẾ HOẠCH")
    #expect(plan.header.place == "Vũng Tàu")
    #expect(plan.header.date?.day == 18)
    #expect(plan.header.title == "Thực hiện chương trình Dân số và phát triển năm 2025")
  }

  /// seed 000: number, place and date on one line, number and day blank.
  @Test func draftHeaderOnOneLine() throws {
    let plan = try parse("Số: /KH-UBND Bình Thành, ngày tháng 3 năm 2026\n\nKẾ HOẠCH\n\nTiêu đề\n\nI. A\n")
    #expect(plan.header.number == nil)
    #expect(plan.header.symbol == "KH-UBND")
    #expect(plan.header.place == "Bình Thành")
    #expect(plan.header.date?.day == nil)
    #expect(plan.header.date?.month == 3)
    #expect(codes(plan).contains("header.number_blank"))
    #expect(codes(plan).contains("header.day_blank"))
  }

  @Test(arguments: [
    ("Số: 74/KH-UBND", "74", "KH-UBND"),
    ("Số: 123/2025/QĐ-UBND", "123/2025", "QĐ-UBND"),
    ("Số:   /KH-UBND", nil, "KH-UBND"),
    ("Số 07 /BC-UBND", "07", "BC-UBND"),
  ] as [(String, String?, String)])
  func numberAndSymbol(_ line: String, _ number: String?, _ symbol: String) throws {
    let plan = try parse(line + "\n\nKẾ HOẠCH\n\nTiêu đề\n")
    #expect(plan.header.number == number)
    #expect(plan.header.symbol == symbol)
  }

  /// The motto beside the issuer on one line (two-column header flattened).
  @Test func mottoBesideIssuer() throws {
    let plan = try parse("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ TÂN LỢI Độc lập - Tự do - Hạnh phúc\n\nKẾ HOẠCH\n\nTiêu đề\n")
    #expect(plan.header.issuer == "ỦY BAN NHÂN DÂN XÃ TÂN LỢI")
  }

  @Test func sectionTreeAndPaths() throws {
    let plan = try parse(Self.head + """
      I. MỤC ĐÍCH

      1. Mục đích

      - Một ý.

      II. NHIỆM VỤ

      1. Công tác chỉ đạo

      1.1. Ban hành kế hoạch triển khai thực hiện các nhiệm vụ năm 2026 trên địa bàn xã.

      1.2. Tổ chức tuyên truyền

      2.3.1. Lạc chỗ

      """)
    let outline = plan.sections.flatMap { s in [s] + s.children.flatMap { [$0] + $0.children } }.map(\.path)
    #expect(outline == ["I", "I/1", "II", "II/1", "II/1/1.1", "II/1/1.2"])
    // The misplaced "2.3.1." nests under the open "1.2." and is reported, not dropped.
    #expect(plan.sections[1].children[0].children[1].children.map(\.path) == ["II/1/1.2/2.3.1"])
    let one = plan.sections[1].children[0].children[0]
    #expect(one.title == nil)
    #expect(one.blocks.first?.text == "Ban hành kế hoạch triển khai thực hiện các nhiệm vụ năm 2026 trên địa bàn xã.")
    #expect(plan.sections[1].children[0].children[1].title == "Tổ chức tuyên truyền")
    #expect(plan.sections[0].children[0].blocks == [Block(type: .bullet, marker: "-", text: "Một ý.", line: 15)])
    #expect(codes(plan).contains("section.parent_mismatch"))
  }

  /// seed 001 has two "3." under "V"; seed 002 jumps from "3.2." to "3.4.".
  @Test func numberingDiagnostics() throws {
    let plan = try parse(Self.head + """
      I. A

      1. Một

      2. Hai

      2. Hai nữa

      4. Bốn

      3.1. X

      """)
    let c = codes(plan)
    #expect(c.contains("section.duplicate_number"))
    #expect(c.contains("section.skipped_number"))
    let dup = plan.diagnostics.first { $0.code == "section.duplicate_number" }
    #expect(dup?.line == 17)
  }

  @Test func colonSplitsTitleFromParagraph() throws {
    let plan = try parse(Self.head + "I. TỔ CHỨC THỰC HIỆN\n\n1. Phòng Kinh tế: Theo chức năng, nhiệm vụ bảo đảm kinh phí.\n")
    let s = plan.sections[0].children[0]
    #expect(s.title == "Phòng Kinh tế")
    #expect(s.blocks.map(\.text) == ["Theo chức năng, nhiệm vụ bảo đảm kinh phí."])
  }

  /// seed 000: a paragraph cut by a page break ("kế" / "hoạch") is one paragraph.
  @Test func pageBreakSplitParagraphIsJoined() throws {
    let plan = try parse(Self.head + "I. A\n\n- Tổ chức triển khai các chủ trương, chương trình, kế\n\n12\n\nhoạch của Trung ương.\n")
    #expect(plan.sections[0].blocks.map(\.text) == ["Tổ chức triển khai các chủ trương, chương trình, kế hoạch của Trung ương."])
    #expect(codes(plan).contains("page.number_dropped"))
  }

  @Test func legalBasesPreambleAndReferences() throws {
    let plan = try parse(Self.head + """
      Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;

      Căn cứ Kế hoạch số 92/KH-UBND ngày 15/9/2025 của UBND tỉnh (gọi tắt là Kế hoạch số 92/KH-UBND);

      UBND xã ban hành Kế hoạch như sau:

      I. A

      - Thực hiện Nghị quyết số 57-NQ/TW và Đề án 06.

      """)
    #expect(plan.legalBases.count == 2)
    #expect(plan.preamble.map(\.text) == ["UBND xã ban hành Kế hoạch như sau:"])
    #expect(plan.references.map(\.number) == ["57-NQ/TW", "92/KH-UBND", "06"])
    #expect(plan.references[0] == Reference(kind: "Nghị quyết", number: "57-NQ/TW", date: "2024-12-22", issuer: "Bộ Chính trị", alias: nil, line: 11))
    #expect(plan.references[1].alias == "Kế hoạch số 92/KH-UBND")
    #expect(plan.references[1].issuer == "UBND tỉnh")
  }

  @Test func recipientsArchiveAndSignature() throws {
    let plan = try parse(Self.head + """
      I. A

      Trên đây là Kế hoạch của UBND xã./.

      Nơi nhận:
      - UBND tỉnh (b/c);
      - TT Đảng ủy, TT HĐND xã;
      * *Gửi bản điện tử:*
      - Lưu: VT, VHXH.

      **KT. CHỦ TỊCH
      PHÓ CHỦ TỊCH**

      Nguyễn Văn A

      """)
    #expect(plan.closing?.text == "Trên đây là Kế hoạch của UBND xã./.")
    #expect(plan.recipients.map(\.name) == ["UBND tỉnh", "TT Đảng ủy, TT HĐND xã"])
    #expect(plan.recipients[0].note == "b/c")
    #expect(plan.archive == ["VT", "VHXH"])
    #expect(plan.signature == Signature(authority: "KT", onBehalfOf: "CHỦ TỊCH", title: "PHÓ CHỦ TỊCH", signer: "Nguyễn Văn A", line: 21))
    #expect(codes(plan).contains("recipients.group_label"))
  }

  /// A note of signing between the title and the name, bracketed or not, is passed over, and
  /// neither it nor the name is read as a recipient's wrapped end, even after an archive line
  /// a typist left without its full stop.
  @Test(arguments: [("(Đã ký)", "- Lưu: VT, VHXH."), ("Đóng dấu, ký tên", "- Lưu: VT, VHXH.á/")])
  func signingNoteBeforeTheName(_ note: String, _ archive: String) throws {
    let plan = try parse(Self.head + "I. A\n\nLàm tốt.\n\nNơi nhận:\n- UBND tỉnh (b/c);\n\(archive)\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\(note)\n\nNguyễn Văn An\n")
    #expect(plan.signature?.signer == "Nguyễn Văn An")
    #expect(plan.signature?.title == "CHỦ TỊCH")
    #expect(plan.recipients.map(\.name) == ["UBND tỉnh"])
  }

  @Test func signingNotes() {
    let reader = FooterReader(lex: .shared)
    #expect(reader.isSigningNote("Đóng dấu, ký tên"))
    #expect(reader.isSigningNote("(Đã ký)"))
    #expect(!reader.isSigningNote("(Kèm theo Kế hoạch số 12/KH-UBND)"))
    #expect(!reader.isSigningNote("Kỳ họp thứ mười"))
    #expect(!reader.isSigningNote("Các đơn vị ký kết hợp đồng với nhà thầu thi công công trình"))
  }

  @Test func annexMentionedButMissing() throws {
    let plan = try parse(Self.head + "I. A\n\n(Chi tiết tại Phụ lục I, II gửi kèm theo)\n\nNơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nPhụ lục I\nDANH MỤC\n")
    let missing = plan.diagnostics.filter { $0.code == "annex.not_found" }
    #expect(missing.map(\.message).count == 1)
    #expect(missing.first?.message.contains("'II'") == true)
    #expect(plan.annexes.map(\.label) == ["I"])
    #expect(plan.signature?.authority == "TM")
  }

  /// A commune Party committee's plan (nq-tw-60's forms in plain text): "ĐẢNG CỘNG SẢN VIỆT
  /// NAM" stands where the national motto does, a star under the issuer, "Số 15-KH/ĐU" with a
  /// dash between number and symbol, "T/M ĐẢNG ỦY" / "BÍ THƯ".
  @Test func partyCommitteePlan() throws {
    let plan = try parse("""
            ĐẢNG BỘ TỈNH BẮC NINH                      ĐẢNG CỘNG SẢN VIỆT NAM
             ĐẢNG ỦY XÃ TÂN PHÚ
                     *
               Số 15-KH/ĐU                     Tân Phú, ngày 10 tháng 3 năm 2026

      KẾ HOẠCH
      Triển khai học tập Nghị quyết Đại hội Đảng bộ xã

      I. MỤC ĐÍCH, YÊU CẦU

      Nâng cao nhận thức của cán bộ, đảng viên.

      Nơi nhận:                                         T/M ĐẢNG ỦY
      - Ban Thường vụ Tỉnh ủy,                              BÍ THƯ
      - Các chi bộ trực thuộc,
      - Lưu Văn phòng Đảng ủy.
                                                        Nguyễn Văn An

      """)
    #expect(plan.header.issuer == "ĐẢNG ỦY XÃ TÂN PHÚ" && plan.header.issuerParent == "ĐẢNG BỘ TỈNH BẮC NINH")
    #expect(plan.header.number == "15" && plan.header.symbol == "KH/ĐU")
    #expect(plan.header.place == "Tân Phú" && plan.header.docType == "KẾ HOẠCH")
    #expect(plan.signature?.authority == "TM" && plan.signature?.onBehalfOf == "ĐẢNG ỦY")
    #expect(plan.signature?.title == "BÍ THƯ" && plan.signature?.signer == "Nguyễn Văn An")
    #expect(plan.recipients.map(\.name) == ["Ban Thường vụ Tỉnh ủy", "Các chi bộ trực thuộc"])
    #expect(plan.archive == ["Văn phòng Đảng ủy"])
  }

  /// A Party document in pandoc markdown: simple-table rules above and below the head, the
  /// star under the issuer drawn as an escaped asterisk before the motto's rule.
  @Test func pandocPartyHead() throws {
    let plan = try parse(#"""
        -------------------------------- --------------------------------------
          **BAN CHẤP HÀNH TRUNG ƯƠNG\          **ĐẢNG CỘNG SẢN VIỆT NAM\
                      \***                  \-\-\-\-\-\-\-\-\-\-\-\-\-\--**

                  Số 60-NQ/TW              *Hà Nội, ngày 12 tháng 4 năm 2025*
        -------------------------------- --------------------------------------

      **NGHỊ QUYẾT**

      HỘI NGHỊ LẦN THỨ 11 BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIII

      **1. **Thông qua nội dung cơ bản các dự thảo văn kiện trình Đại hội XIV.

      """#)
    #expect(plan.header.issuer == "BAN CHẤP HÀNH TRUNG ƯƠNG" && plan.header.issuerParent == nil)
    #expect(plan.header.number == "60" && plan.header.symbol == "NQ/TW")
    #expect(plan.header.date?.day == 12 && plan.header.docType == "NGHỊ QUYẾT")
    #expect(plan.header.title == "HỘI NGHỊ LẦN THỨ 11 BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIII")
    #expect(plan.sections.map(\.label) == ["1"])
  }

  /// Lettered items count in Vietnamese order (a, b, c, d, đ, e, g, …): đ is no gap and no
  /// disorder, nor is a list that skips it or uses f; a letter really missing is reported.
  @Test func vietnameseLetterOrder() throws {
    func codes(_ letters: [String]) throws -> [String] {
      let items = letters.map { "\($0)) Nội dung \($0)" }.joined(separator: "\n")
      let plan = try parse(Self.head + "I. NHIỆM VỤ\n" + items + "\n")
      return plan.diagnostics.filter { $0.code.hasPrefix("section.") }.map(\.message)
    }
    #expect(try codes(["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k"]).isEmpty)
    #expect(try codes(["a", "b", "c", "d", "e", "f", "g"]).isEmpty)
    #expect(try codes(["a", "b", "c", "d", "e", "g"]).isEmpty)
    #expect(try codes(["c", "d", "đ", "k"]) == ["section 'c' follows a gap: 'a' is missing", "section 'k' follows a gap: 'e' is missing"])
  }

  /// A page number at the foot of an annex page, before the next annex's label, is dropped
  /// (kh-dkt-sct-laocai-1105: "5" became an annex titled "5"); a lone number elsewhere in an
  /// annex stays its text.
  @Test func pageNumberBeforeAnnexLabel() throws {
    let plan = try parse(Self.head + "I. NHIỆM VỤ\n\nA\n\nNơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n\n" + """
      PHỤ LỤC I
      KẾ HOẠCH KIỂM TRA

      TT\tĐối tượng\tThời gian
      1\tCông ty A\t25/3/2026

      Ghi chú: số liệu năm

      100

      5

      PHỤ LỤC II
      ĐỀ CƯƠNG BÁO CÁO
      (Kèm theo Kế hoạch số 12/KH-UBND)

      """)
    #expect(plan.annexes.map(\.label) == ["I", "II"])
    #expect(plan.diagnostics.filter { $0.code == "page.number_dropped" }.map(\.line) == [plan.annexes[1].line - 2])
  }

  /// Parts lettered in capitals hold the Roman sections (bc-snnmt-laocai-892: "A. ĐÁNH GIÁ …",
  /// "B. PHẦN THỨ HAI: …"); a letter before a name is no part, and a Roman digit stays Roman.
  @Test func capitalLetterParts() throws {
    let plan = try parse(Self.head + """
      A. ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN

      I. Công tác chỉ đạo

      A. Nguyễn Văn B trình bày báo cáo.

      II. Kết quả thực hiện

      B. KẾ HOẠCH NĂM 2027

      I. Mục tiêu

      V. Tổ chức thực hiện

      """)
    #expect(plan.sections.map(\.label) == ["A", "B"])
    #expect(plan.sections.first?.title == "ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN")
    #expect(plan.sections.map { $0.children.map(\.label) } == [["I", "II"], ["I", "V"]])
    #expect(plan.sections.first?.children.first?.blocks.map(\.text) == ["A. Nguyễn Văn B trình bày báo cáo."])
  }

  /// Forms labelled "Mẫu biểu số 01" after the footer are annexes of their own (kh-ubnd-camau-0204,
  /// and a regulation's forms ending its body, qd-ubnd-hanoi-35); "Mẫu biểu số 04 đính kèm." in
  /// the body is a sentence; forms inside a "Phụ lục" are that annex's.
  @Test func formLabelsOpenAnnexes() throws {
    let footer = "Nơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n\n"
    let forms = try parse(Self.head + "I. NHIỆM VỤ\n\nLập dự toán theo các biểu sau.\n\nMẫu biểu số 04 đính kèm.\n\n" + footer + """
      **Mẫu biểu số 01**

      DỰ BÁO MỘT SỐ CHỈ TIÊU KINH TẾ

      STT\tChỉ tiêu\tĐơn vị
      1\tTăng trưởng\t%

      Mẫu số 02 - KẾ HOẠCH VAY VÀ TRẢ NỢ

      STT\tNội dung\tSố tiền
      1\tVay\t10

      """)
    #expect(forms.annexes.map(\.label) == ["01", "02"])
    #expect(forms.annexes.map(\.title) == ["DỰ BÁO MỘT SỐ CHỈ TIÊU KINH TẾ", "KẾ HOẠCH VAY VÀ TRẢ NỢ"])
    #expect(forms.sections.first?.blocks.map(\.text).last == "Mẫu biểu số 04 đính kèm.")

    let regulation = try parse(Self.head + "Điều 1. Phạm vi\n\nQuy chế này quy định việc xét tặng.\n\n## Mẫu số 01\n\n### MẪU BÁO CÁO\n\nTÊN ĐƠN VỊ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n")
    #expect(regulation.annexes.map(\.label) == ["01"])
    #expect(regulation.sections.first?.blocks.map(\.text) == ["Quy chế này quy định việc xét tặng."])

    let nested = try parse(Self.head + "I. NHIỆM VỤ\n\nA\n\n" + footer + "Phụ lục I\nCÁC MẪU VĂN BẢN\n\nMẫu số 01\n\nSTT\tTên\n1\tTờ trình\n\nMẫu số 02\n\nSTT\tTên\n1\tBáo cáo\n")
    #expect(nested.annexes.map(\.label) == ["I"])
  }

  /// A bullet wrapped at a fixed width, as a converter writes markdown: with the blank line
  /// after it, enough of them (twenty lines) for `WrapPolicy` to call the text hard-wrapped.
  static let wrappedBullets = String(
    repeating: """
      - Tăng cường sự lãnh đạo, chỉ đạo của các cấp ủy Đảng, chính quyền, sự phối
      hợp của các tổ chức chính trị - xã hội, tổ chức xã hội nghề nghiệp, tổ chức
      kinh tế, đơn vị sự nghiệp và sự tham gia của mỗi cá nhân, từng gia đình và
      cả cộng đồng nhằm nâng cao hiệu quả quản lý nhà nước về bình đẳng giới.


      """, count: 6)

  /// Markdown wrapped at a fixed width (a converter's): bold headings broken over lines are
  /// whole titles, and a bold heading's paragraph ends at the blank line after it, though its
  /// last line runs to the margin and the next paragraph opens with a capital.
  @Test func wrappedMarkdownBoldHeadings() throws {
    let plan = try parse(Self.head + "**I. MỤC\nĐÍCH, YÊU CẦU**\n\n" + Self.wrappedBullets + """
      **II. TỔ CHỨC
      THỰC HIỆN**

      **1. Báo và Phát thanh, Truyền hình tỉnh và các cơ quan báo chí đóng trên
      địa bàn**

      Chủ trì, phối hợp chặt chẽ với Sở Khoa học và Công nghệ, các sở, ngành, địa
      phương triển khai tuyên truyền thường xuyên về nội dung Kế hoạch.

      **2.
      Sở Tài chính, Sở Nội vụ và Ủy ban nhân dân các phường, xã trên địa bàn tỉnh
      theo chức năng, nhiệm vụ**

      **3.****
      **Tham gia góp ý kiến vào dự thảo các văn bản quy định
      chi tiết, hướng dẫn thi hành Luật

      """)
    #expect(plan.sections.map(\.title) == ["MỤC ĐÍCH, YÊU CẦU", "TỔ CHỨC THỰC HIỆN"])
    let items = try #require(plan.sections.last?.children)
    #expect(items.map(\.title) == [
      "Báo và Phát thanh, Truyền hình tỉnh và các cơ quan báo chí đóng trên địa bàn",
      // A span opening with its lone number is joined whole.
      "Sở Tài chính, Sở Nội vụ và Ủy ban nhân dân các phường, xã trên địa bàn tỉnh theo chức năng, nhiệm vụ",
      // The line a joined number took leaves no paragraph break behind.
      "Tham gia góp ý kiến vào dự thảo các văn bản quy định chi tiết, hướng dẫn thi hành Luật",
    ])
    #expect(items.first?.blocks.map(\.text) == [
      "Chủ trì, phối hợp chặt chẽ với Sở Khoa học và Công nghệ, các sở, ngành, địa phương triển khai tuyên truyền thường xuyên về nội dung Kế hoạch."
    ])
    #expect(plan.sections.first?.blocks.count == 6)
  }

  /// In wrapped markdown a line right under another continues it whatever it opens with (a
  /// bullet whose first line the converter cut short, "… Năm 2025 đạt" / "60% các cơ quan …"),
  /// and a blank line ends a paragraph; targets under "… các mục tiêu, chỉ tiêu sau:" are
  /// read. The same lines without markdown's bold are left as they were: a short line and a
  /// line opening with a digit are two paragraphs there.
  @Test func wrappedMarkdownParagraphs() throws {
    let body = """
      1. Phấn đấu đến cuối năm
      2025 đạt các mục tiêu, chỉ tiêu sau:

      - Chỉ tiêu 1: Năm 2025 đạt
      60% các cơ quan quản lý nhà nước có lãnh đạo chủ chốt là nữ.

      - Chỉ tiêu 2: Tỷ lệ cán bộ nữ
      trong diện quy hoạch các chức danh lãnh đạo các cấp đạt 40%.

      """
    let markdown = try parse(Self.head + "**I. MỤC\nTIÊU**\n\n" + Self.wrappedBullets + "**II. CHỈ\nTIÊU**\n\n**" + body.replacingOccurrences(of: "sau:\n", with: "sau:**\n"))
    let targets = try #require(markdown.sections.last?.children.first)
    #expect(targets.title == "Phấn đấu đến cuối năm 2025 đạt các mục tiêu, chỉ tiêu sau:")
    #expect(targets.blocks.map(\.text) == [
      "Chỉ tiêu 1: Năm 2025 đạt 60% các cơ quan quản lý nhà nước có lãnh đạo chủ chốt là nữ.",
      "Chỉ tiêu 2: Tỷ lệ cán bộ nữ trong diện quy hoạch các chức danh lãnh đạo các cấp đạt 40%.",
    ])
    #expect(markdown.targets.map { $0.values.first?.text } == ["đạt 60%", "đạt 40%"])

    let plain = try parse(Self.head + "I. MỤC TIÊU\n\n" + Self.wrappedBullets + "II. CHỈ TIÊU\n\n" + body)
    let texts = try #require(plain.sections.last?.children.first).blocks.map(\.text)
    #expect(texts.contains("Chỉ tiêu 1: Năm 2025 đạt"))
    #expect(texts.contains("60% các cơ quan quản lý nhà nước có lãnh đạo chủ chốt là nữ."))
  }
}
