import Testing
import VanBanModel
@testable import VanBan
import VanBanInputs

/// Segment, then parse: the landmarks that end the body and open an attached document are
/// found before any zone is read, so no reader runs on from one zone into the next.
@Suite struct ZoneTests {
  static let head = "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\n\nSố: 12/KH-UBND\n\nAn Bình, ngày 3 tháng 2 năm 2026\n\nKẾ HOẠCH\n\nTriển khai nhiệm vụ năm 2026\n\n"

  static func lines(_ text: String) throws -> [ClassifiedLine] {
    try PlanParser.prepare(Array(text.utf8)).lines
  }

  /// In the body only a signature with its authority mark ends it: a bare title is a heading
  /// there; a table row ends it only after some text.
  @Test func footerStartNeedsItsEvidence() throws {
    let text = Self.head + "I. MỤC ĐÍCH\n\nNội dung.\n\nCHỦ TỊCH\n\nViệc khác.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An\n"
    let lines = try Self.lines(text)
    let cursor = LineCursor(lines: lines, lexicon: .shared, wrap: WrapPolicy(lines: lines), fromLayout: false)
    let start = ZoneLandmarks(cursor: cursor).footerStart(from: 0)
    #expect(lines[start].text == "KT. CHỦ TỊCH")
    let tableFirst = try Self.lines("Nơi nhận:\tTM. ỦY BAN NHÂN DÂN\n\nNội dung.\n\nNơi nhận:\tKT. CHỦ TỊCH\n")
    let c2 = LineCursor(lines: tableFirst, lexicon: .shared, wrap: WrapPolicy(lines: tableFirst), fromLayout: false)
    #expect(tableFirst[ZoneLandmarks(cursor: c2).footerStart(from: 0)].number == 5)
  }

  /// A footer straight after a table written one cell per line: the table's last row does
  /// not swallow "Nơi nhận" and the list.
  @Test func footerEndsAFlattenedTable() throws {
    let text = Self.head + "I. NHIỆM VỤ\n\nTT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn thành\n\n"
      + "1\n\nRà soát hồ sơ.\n\nCông an xã\n\nCác thôn\n\nQuý I/2026\n\n"
      + "Nơi nhận:\n- UBND huyện;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nTrần Văn Bình\n"
    let plan = try parse(text)
    #expect(plan.tasks.count == 1)
    #expect(plan.tasks.first?.name.hasPrefix("Rà soát hồ sơ.") == true)
    #expect(plan.tasks.first?.deadline?.text == "Quý I/2026")
    #expect(plan.tasks.first?.deadline?.kind == .quarter)
    #expect(plan.recipients.map(\.name) == ["UBND huyện"])
    #expect(plan.archive == ["VT"])
    #expect(plan.signature?.signer == "Trần Văn Bình")
  }

  /// A footer on an annex page (a form's signature) does not replace the document's own,
  /// complete signature; the annex around it is still read.
  @Test func annexPageFooterKeepsTheFirstSignature() throws {
    let text = Self.head + "I. MỤC ĐÍCH\n\nNội dung.\n\nNơi nhận:\n- UBND huyện;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nTrần Văn Bình\n\n"
      + "Phụ lục I\n\nDANH MỤC\n\nSTT\tNội dung\tĐơn vị chủ trì\n1\tViệc một\tCông an xã\n\n"
      + "Nơi nhận:\n- Như trên;\n- Lưu: VT, …\n\nTRƯỞNG BAN\n\nLê Văn Cường\n"
    let plan = try parse(text)
    #expect(plan.signature?.signer == "Trần Văn Bình")
    // The form's list on the annex page is not the document's.
    #expect(plan.recipients.map(\.name) == ["UBND huyện"])
    #expect(plan.archive == ["VT"])
    #expect(plan.annexes.map(\.label) == ["I"])
    #expect(plan.annexes.first?.tables.first?.rows.count == 1)
  }

  /// A footer whose signature column ends before the name (a Word table flattened to one
  /// line, a tab row, or two columns parted by spaces), with the signer's title and name on
  /// the line below: the block goes on there. Only a block that ends in a name is continued.
  @Test(arguments: [
    "Nơi nhận: - UBND huyện; - Lưu: VT. | TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH Nguyễn Thành Sinh\n",
    "Nơi nhận:\tTM. ỦY BAN NHÂN DÂN\n- UBND huyện;\tKT. CHỦ TỊCH\n- Lưu: VT.\t\n\nPHÓ CHỦ TỊCH\n\nNguyễn Thành Sinh\n",
    "Nơi nhận:                              TM. ỦY BAN NHÂN DÂN\n- UBND huyện;                          KT. CHỦ TỊCH\n- Lưu: VT.\n\nPHÓ CHỦ TỊCH Nguyễn Thành Sinh\n",
  ])
  func signatureColumnGoesOnBelowTheFooter(_ footer: String) throws {
    let plan = try parse(Self.head + "I. MỤC ĐÍCH\n\nNội dung.\n\n" + footer)
    #expect(plan.signature?.authority == "TM")
    #expect(plan.signature?.onBehalfOf == "ỦY BAN NHÂN DÂN")
    #expect(plan.signature?.title == "PHÓ CHỦ TỊCH")
    #expect(plan.signature?.signer == "Nguyễn Thành Sinh")
    #expect(plan.recipients.map(\.name) == ["UBND huyện"])
    #expect(plan.archive == ["VT"])
  }

  /// The signer's title run onto the first recipient's line from the column beside it (a
  /// signed PDF's footer whose signature holds no authority line: "- Thường trực Thị uỷ (b/c);
  /// CHỦ TỊCH"), the name far below the archive line.
  @Test func signatureTitleAfterARecipientsEnd() throws {
    let footer = "Nơi nhận:\n- Thường trực Thị uỷ (b/c); CHỦ TỊCH\n- Chủ tịch, các PCT (chỉ đạo);\n- Lưu: VT.\n\nTrịnh Tuấn Thành\n"
    let plan = try parse(Self.head + "I. MỤC ĐÍCH\n\nNội dung.\n\n" + footer)
    #expect(plan.signature?.title == "CHỦ TỊCH")
    #expect(plan.signature?.signer == "Trịnh Tuấn Thành")
    #expect(plan.recipients.map(\.name) == ["Thường trực Thị ủy", "Chủ tịch, các PCT"])
    #expect(plan.archive == ["VT"])
  }

  /// A recipient whose name ends in a title's words in lower case, or with no mark before
  /// them, keeps them.
  @Test(arguments: ["- Đồng chí Chủ tịch; Chủ tịch\n", "- Văn phòng CHỦ TỊCH\n"])
  func recipientEndingInATitleStaysWhole(_ item: String) throws {
    let plan = try parse(Self.head + "I. MỤC ĐÍCH\n\nNội dung.\n\nNơi nhận:\n" + item + "- Lưu: VT.\n")
    #expect(plan.recipients.count == 1)
    #expect(plan.signature?.title == nil)
  }

  /// Capitals below a footer's columns that end in no name are not the signature's: an
  /// annex heading stays the annex's.
  @Test func signatureColumnWithoutANameBelowStaysAsItIs() throws {
    let footer = "Nơi nhận: - UBND huyện; - Lưu: VT. | TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH\n\nPHỤ LỤC I\n\nDANH MỤC\n\nSTT\tNội dung\tĐơn vị chủ trì\n1\tViệc một\tCông an xã\n"
    let plan = try parse(Self.head + "I. MỤC ĐÍCH\n\nNội dung.\n\n" + footer)
    #expect(plan.signature?.title == "CHỦ TỊCH")
    #expect(plan.signature?.signer == nil)
    #expect(plan.annexes.map(\.label) == ["I"])
  }
}

/// HTML tables left inside markdown become tables, with their rows on their own lines.
@Suite struct HTMLTableFragmentTests {
  @Test func fragmentRowsBecomeTableRows() throws {
    let text = ZoneTests.head + "I. NHIỆM VỤ\n\nCác nhiệm vụ sau: <table>\n<tr><th>STT</th><th>Nội dung</th><th>Đơn vị chủ trì</th><th>Thời gian</th></tr>\n"
      + "<tr><td>1</td><td>Rà soát <b>hồ sơ</b></td><td>Công an xã</td><td>Quý I/2026</td></tr>\n"
      + "<tr><td>2</td><td>Tuyên truyền</td><td>Văn phòng HĐND và UBND xã</td><td>Tháng 3/2026</td></tr></table> Hết.\n\nII. TỔ CHỨC THỰC HIỆN\n\nCác đơn vị thực hiện.\n"
    let plan = try parse(text)
    #expect(plan.tasks.map(\.name) == ["Rà soát hồ sơ", "Tuyên truyền"])
    #expect(plan.tasks.map(\.line) == [16, 17])
    #expect(plan.tasks.first?.lead == ["Công an xã"])
    #expect(plan.sections.map(\.label) == ["I", "II"])
    #expect(!plan.diagnostics.contains { $0.message.contains("<td") })
  }

  @Test func unclosedOrAbsentTablesAreLeftAlone() {
    let lines = LineSplitter.split("a <table><tr><td>x\nb")
    #expect(HTMLTableFragments.expand(lines, text: "a <table><tr><td>x\nb").map { String($0.text) } == ["a <table><tr><td>x", "b"])
    #expect(!HTMLTableFragments.mayHold("a <tablet> b"))
    #expect(HTMLTableFragments.mayHold("x <TABLE border=1>"))
  }
}

@Suite struct PipeCellJoinTests {
  /// A line opening with a list mark starts an item even when the line above ends bare.
  @Test func listMarksKeepTheirItems() {
    #expect(PipeCellTable.joinCellLines(["Nơi nhận:", "- Văn phòng Chính phủ", "- Bộ Công an (để báo cáo)", "- Lưu: VT."])
      == "Nơi nhận: - Văn phòng Chính phủ; - Bộ Công an (để báo cáo) - Lưu: VT.")
    // A dash after a line that is no item continues it: a name wrapped in a narrow column.
    #expect(PipeCellTable.joinCellLines(["Phòng Văn hóa", "– Xã hội"]) == "Phòng Văn hóa – Xã hội")
    #expect(PipeCellTable.joinCellLines(["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"]) == "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI")
    #expect(PipeCellTable.joinCellLines(["- Như trên;", "- UBND tỉnh"]) == "- Như trên; - UBND tỉnh")
  }
}
