import Foundation
import Testing
import VanBanGrammar
@testable import VanBan

/// One table cell and the agencies it names.
struct AgencyCell: CustomTestStringConvertible, Sendable {
  let text: String
  let agencies: [String]
  init(_ text: String, _ agencies: [String]) {
    self.text = text
    self.agencies = agencies
  }
  var testDescription: String { text.replacingNewlines }
}

/// Canonical names the cases repeat.
private enum AgencyName {
  static let vhxh = "Phòng Văn hóa - Xã hội"
  static let pvhcc = "Trung tâm Phục vụ hành chính công"
  static let vpHdnd = "Văn phòng HĐND và UBND xã"
  static let vpUbnd = "Văn phòng UBND xã"
  static let kinhTe = "Phòng Kinh tế"
  static let yTe = "Trạm Y tế xã"
  static let vhtt = "Trung tâm Văn hóa, Thể thao và Truyền thông xã"
  static let chuyenMon = "Các Phòng chuyên môn UBND xã"
  static let coQuan = "Các cơ quan, đơn vị"
}

/// Lead/coordinator cells and "Tổ chức thực hiện" headings as the five seeds write them.
@Suite struct AgencyLexiconTests {
  static let lexicon = AgencyLexicon()

  @Test(arguments: [
    // Seed 000: "Cơ quan chủ trì theo dõi, đánh giá", "Cơ quan chủ trì", "Cơ quan phối hợp".
    AgencyCell("UBND cấp xã", ["UBND cấp xã"]),
    AgencyCell("Phòng Văn hóa - Xã hội", [AgencyName.vhxh]),
    AgencyCell("Trung tâm Phục vụ hành chính công, Phòng Kinh tế", [AgencyName.pvhcc, AgencyName.kinhTe]),
    AgencyCell("Trung tâm Phục vụ hành chính công", [AgencyName.pvhcc]),
    AgencyCell("Phòng Văn hóa - Xã hội; Văn phòng HĐND và UBND xã", [AgencyName.vhxh, AgencyName.vpHdnd]),
    AgencyCell("Các đơn vị thuộc UBND xã", ["Các đơn vị thuộc UBND xã"]),
    AgencyCell("Phòng Văn hóa - Xã hội xã", [AgencyName.vhxh]),
    AgencyCell("Văn phòng HĐND và UBND xã", [AgencyName.vpHdnd]),
    AgencyCell("Phòng Kinh tế", [AgencyName.kinhTe]),
    AgencyCell("Các cơ quan, đơn vị liên quan", ["Các cơ quan, đơn vị liên quan"]),
    AgencyCell("Trung tâm Phục vụ hành chính công; Phòng Kinh tế", [AgencyName.pvhcc, AgencyName.kinhTe]),
    // Seed 001: "Đơn vị theo dõi, báo cáo", "ĐƠN VỊ CHỦ TRÌ", "CƠ QUAN PHỐI HỢP".
    AgencyCell("Trung tâm Phục vụ Hành chính công", [AgencyName.pvhcc]),
    AgencyCell("Công an xã", ["Công an xã"]),
    AgencyCell("Phòng Văn hóa Xã hội", [AgencyName.vhxh]),
    AgencyCell("Trạm Y tế xã", [AgencyName.yTe]),
    AgencyCell("Phòng Văn hóa – Xã hội", [AgencyName.vhxh]),
    AgencyCell("Các phòng, ban, đơn vị", ["Các phòng, ban, đơn vị"]),
    AgencyCell("Các phòng, đơn vị", ["Các phòng, đơn vị"]),
    AgencyCell("Phòng Văn hóa - Xã hội; các phòng, đơn vị", [AgencyName.vhxh, "Các phòng, đơn vị"]),
    // Seed 001, annex row VI.4: the page wrap "Xã hội" is printed a second time on the next line.
    AgencyCell("Phòng Văn hóa - Xã hội\nXã hội", [AgencyName.vhxh]),
    // Seed 001, annex row VI.4: a coordinator cell wrapped across the same page break.
    AgencyCell("Các phòng, ban,\nđơn vị", ["Các phòng, ban, đơn vị"]),
    // Seed 002: "Cơ quan chủ trì" of Phụ lục I.
    AgencyCell("Văn phòng UBND xã", [AgencyName.vpUbnd]),
    AgencyCell("Văn phòng UBND xã và Trung tâm PV HCC", [AgencyName.vpUbnd, AgencyName.pvhcc]),
    // Seed 002, row 21: the cell wraps after "và".
    AgencyCell("Văn phòng UBND xã và\nTrung tâm PV HCC", [AgencyName.vpUbnd, AgencyName.pvhcc]),
    AgencyCell("Đoàn xã", ["Đoàn xã"]),
    AgencyCell("Phòng Văn hóa – Xã hội và Trạm Y tế xã", [AgencyName.vhxh, AgencyName.yTe]),
    AgencyCell("Trạm Y Tế, Phòng Văn hóa – Xã hội", [AgencyName.yTe, AgencyName.vhxh]),
    // Seed 003: the flattened table, one wrapped line per "\n".
    AgencyCell("- Các Phòng chuyên môn\nUBND xã\n- Các cơ quan, đơn vị", [AgencyName.chuyenMon, AgencyName.coQuan]),
    // Seed 003, row II.4: the first bullet was lost.
    AgencyCell("Các Phòng chuyên môn\nUBND xã\n- Các cơ quan, đơn vị", [AgencyName.chuyenMon, AgencyName.coQuan]),
    // Seed 003, row I.6 (lead, then coordinators).
    AgencyCell("- Trung tâm văn hóa, thể\nthao và truyền thông", [AgencyName.vhtt]),
    AgencyCell(
      "- Các Phòng chuyên môn\nUBND xã\n- Các cơ quan, đơn vị\n- Trung tâm văn hóa, thể\nthao và truyền thông xã",
      [AgencyName.chuyenMon, AgencyName.coQuan, AgencyName.vhtt]),
    // Seed 003, row I.8: no bullet, so the second line continues the first.
    AgencyCell("Trung tâm văn hóa, thể\nthao và truyền thông", [AgencyName.vhtt]),
    // Seed 003's "Phòng Văn hóa – Xã hội" and "Phòng Kinh tế" are cases of seeds 001 and 000 above.
    AgencyCell("Trung tâm Phục vụ hành\nchính công", [AgencyName.pvhcc]),
    AgencyCell("VP HĐND-UBND xã", [AgencyName.vpHdnd]),
    // Seed 004: "Cơ quan chủ trì thực hiện", "Cơ quan phối hợp".
    AgencyCell("Phòng VHXXH", [AgencyName.vhxh]),
    AgencyCell("Các cơ quan, đơn vị thuộc UBND xã", ["Các cơ quan, đơn vị thuộc UBND xã"]),
    // One agency per line without bullets: both lines are known, together they are not.
    AgencyCell("Trạm Y Tế\nPhòng Văn hóa – Xã hội", [AgencyName.yTe, AgencyName.vhxh]),
    // Line ending in ";" ends its piece.
    AgencyCell("Phòng VHXH;\nCông an xã", [AgencyName.vhxh, "Công an xã"]),
    // Unknown agencies pass through cleaned, never dropped.
    AgencyCell("Hội Nông dân xã", ["Hội Nông dân xã"]),
    AgencyCell("- hội   Cựu chiến binh xã;", ["Hội Cựu chiến binh xã"]),
    AgencyCell("Phòng Văn hóa - Xã hội; Hội Liên hiệp Phụ nữ xã", [AgencyName.vhxh, "Hội Liên hiệp Phụ nữ xã"]),
    // Neither half is known, so "và" is not a cut: it may be inside the name, as here.
    AgencyCell("Văn phòng HĐND và UBND phường", ["Văn phòng HĐND và UBND phường"]),
    // Duplicates go, whatever their spelling.
    AgencyCell("Phòng VHXXH; Phòng Văn hóa - Xã hội", [AgencyName.vhxh]),
    AgencyCell("Phòng Văn hóa – Xã hội và Trạm Y tế xã; Trạm Y Tế; phòng văn hoá - xã hội", [AgencyName.vhxh, AgencyName.yTe]),
    AgencyCell("Trung tâm PV HCC, Văn phòng UBND xã và Công an xã", [AgencyName.pvhcc, AgencyName.vpUbnd, "Công an xã"]),
    AgencyCell("", []),
    AgencyCell(" \n- \n", []),
  ])
  func splitsCells(_ cell: AgencyCell) {
    #expect(Self.lexicon.split(cell.text) == cell.agencies)
  }

  @Test(arguments: [
    ("phòng Văn hoá - Xã hội", "Phòng Văn hóa - Xã hội"),
    ("PHÒNG VĂN HÓA—XÃ HỘI", "Phòng Văn hóa - Xã hội"),
    ("Phòng Văn hóa-Xã hội", "Phòng Văn hóa - Xã hội"),
    ("Trung tâm PV HCC", "Trung tâm Phục vụ hành chính công"),
    ("Trung tâm hành chính công xã", "Trung tâm Phục vụ hành chính công"),
    ("UBMTTQ xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã"),
    ("Uỷ ban Mặt trận Tổ quốc Việt Nam xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã"),
    ("Văn phòng HĐND - UBND xã", "Văn phòng HĐND và UBND xã"),
    ("Phòng kinh tế", "Phòng Kinh tế"),
    ("Trung tâm văn hóa, thể thao và truyền thông", "Trung tâm Văn hóa, Thể thao và Truyền thông xã"),
    // A trailing "xã" may be present or absent.
    ("Trung tâm Dịch vụ tổng hợp", "Trung tâm Dịch vụ tổng hợp xã"),
    ("Công an", "Công an xã"),
    ("- Trạm Y Tế.", "Trạm Y tế xã"),
    ("+   hội  Liên hiệp Phụ nữ ,", "Hội Liên hiệp Phụ nữ"),
    ("đoàn Thanh niên", "Đoàn xã"),
  ])
  func canonicalNames(_ name: String, _ expected: String) {
    #expect(Self.lexicon.canonical(name) == expected)
  }

  @Test func knownNames() {
    #expect(Self.lexicon.isKnown("Phòng VHXH"))
    #expect(Self.lexicon.isKnown(" - Văn phòng HĐND và UBND xã;"))
    #expect(Self.lexicon.isKnown("VP HĐND - UBND xã"))
    #expect(!Self.lexicon.isKnown("Hội Nông dân xã"))
    #expect(!Self.lexicon.isKnown("Phòng Văn hóa"))
    #expect(!Self.lexicon.isKnown(""))
  }

  @Test(arguments: [
    ("Phòng Văn hóa - Xã hội", "Phòng Văn hóa - Xã hội"),
    ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã và các đoàn thể",
     "Ủy ban Mặt trận Tổ quốc Việt Nam xã và các đoàn thể"),
    // Seed 001.
    ("8. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã và các đoàn thể",
     "Ủy ban Mặt trận Tổ quốc Việt Nam xã và các đoàn thể"),
    ("2. Văn phòng HĐND và UBND xã", "Văn phòng HĐND và UBND xã"),
    ("3. Trung tâm Phục vụ hành chính công xã", "Trung tâm Phục vụ hành chính công"),
    ("4. Trung tâm Dịch vụ tổng hợp xã", "Trung tâm Dịch vụ tổng hợp xã"),
    ("7. Các trường học trên địa bàn xã", "Các trường học trên địa bàn xã"),
    // Seed 004.
    ("5. Phòng kinh tế", "Phòng Kinh tế"),
    ("1. Ban chỉ đạo khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và đề án 06",
     "Ban Chỉ đạo khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06 xã"),
    // Seed 003.
    ("4. Đề nghị các ban ngành, đoàn thể xã", "Các ban ngành, đoàn thể xã"),
    ("5. Doanh nghiệp Viễn thông", "Doanh nghiệp viễn thông"),
    ("6. Trung tâm Văn hoá, Thể thao và Truyền thông Bình Lư", "Trung tâm Văn hóa, Thể thao và Truyền thông xã"),
    // Seed 002: duties run on after a colon, and the heading lists several agencies.
    ("1. Phòng Văn hóa - Xã hội: Chủ trì, phối hợp với các cơ quan, đơn vị theo dõi, đôn đốc",
     "Phòng Văn hóa - Xã hội"),
    ("3. Đề nghị các cơ quan: Công an, Ban Chỉ huy quân sự, Trung tâm cung ứng dịch vụ sự nghiệp công, Đoàn thanh niên: Xây dựng kế hoạch thực hiện các nội dung và chỉ tiêu liên quan.",
     "Công an xã, Ban Chỉ huy quân sự xã, Trung tâm Cung ứng dịch vụ sự nghiệp công, Đoàn xã"),
    // Seed 000: the duties follow in the same sentence.
    ("1. Phòng Văn hóa - Xã hội là cơ quan thường trực, chịu trách nhiệm đôn đốc, tổ chức thực hiện",
     "Phòng Văn hóa - Xã hội"),
    ("3. Đề nghị Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội xã phát huy vai trò giám sát, phản biện xã hội",
     "Ủy ban Mặt trận Tổ quốc Việt Nam xã và các đoàn thể"),
    ("**6. Trạm Y tế xã**", "Trạm Y tế xã"),
    ("__Phòng kinh tế__ ", "Phòng Kinh tế"),
    ("(2) Phòng kinh tế", "Phòng Kinh tế"),
    // A letter label: the heading's first letter is upper-cased before its label is read.
    ("b) Phòng kinh tế: chủ trì", "Phòng Kinh tế"),
    ("A) Trạm Y tế xã", "Trạm Y tế xã"),
    ("9. Hội Nông dân xã", "Hội Nông dân xã"),
  ])
  func headingAgencies(_ heading: String, _ expected: String) {
    #expect(Self.lexicon.agency(inHeading: heading) == expected)
  }

  /// Headings' agencies are remembered by the heading: asked again, and in another order on a
  /// lexicon of its own, every corpus heading of a "Tổ chức thực hiện" section reads the same,
  /// each its own answer (headings differing by a character included).
  @Test func headingAgenciesAreRememberedByTheirHeading() throws {
    var headings: [String] = ["1. Phòng Văn hóa - Xã hội", "1. Phòng Văn hóa - Xã hội.", "2. Công an xã", "2. Công an xã:"]
    for input in Repo.corpusInputs() {
      let plan = try PlanParser.parse(try [UInt8](Data(contentsOf: input)), options: ParseOptions(name: input.lastPathComponent))
      for r in plan.responsibilities { headings.append(r.agency) }
    }
    for input in Repo.corpusInputs().prefix(40) {
      let text = try String(contentsOf: input, encoding: .utf8)
      headings += text.split(separator: "\n").prefix(400).map(String.init)
    }
    #expect(headings.count > 1_000)
    let first = headings.map { Self.lexicon.agency(inHeading: $0) }
    let again = headings.map { Self.lexicon.agency(inHeading: $0) }
    let fresh = AgencyLexicon()
    let reversed = Array(headings.reversed().map { fresh.agency(inHeading: $0) }.reversed())
    #expect(first == again)
    #expect(first == reversed)
  }

  /// A commune's office named with the commune's own name stands for Grammar's "… xã" (no
  /// alias per commune); a place holding an administrative unit is another level and stays.
  @Test(arguments: [
    ("Trung tâm Văn hoá, Thể thao và Truyền thông Bình Lư", "Trung tâm Văn hóa, Thể thao và Truyền thông xã"),
    ("Trung tâm Văn hóa, Thể thao và Truyền thông Tân Phú", "Trung tâm Văn hóa, Thể thao và Truyền thông xã"),
    ("Trạm Y tế Lương Minh", "Trạm Y tế xã"),
    // Runs of spaces and a tab between the words, and a place of three words.
    ("Trạm  Y tế\tLương   Minh", "Trạm Y tế xã"),
    ("Trạm Y tế Ea Hồ Lư", "Trạm Y tế xã"),
    // Nothing before the place but the name's first word: no commune name to strip.
    ("Trạm Y", "Trạm Y"),
    ("Trung tâm Văn hóa, Thể thao và Truyền thông Huyện Bình Lục", "Trung tâm Văn hóa, Thể thao và Truyền thông Huyện Bình Lục"),
  ])
  func communeNameStandsForXa(_ name: String, _ expected: String) {
    #expect(Self.lexicon.canonical(name) == expected)
  }
}

extension String {
  fileprivate var replacingNewlines: String {
    split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "⏎")
  }
}

/// `mayOpenKnownName` never turns away a name `isKnown` accepts: every tail of every corpus
/// line, every Grammar name and alias, and those in lower case or after "- ".
@Suite struct AgencyFirstWordTests {
  @Test func firstWordTestKeepsEveryKnownName() throws {
    let lexicon = AgencyLexiconTests.lexicon
    var texts: [String] = []
    let table = GrammarData.table("agencies")
    texts += (table.column("canonical") + table.column("alias")).filter { !$0.isEmpty }
    // Each name's opening words too, with the marks cleaning drops after them: "UBND," is
    // "UBND xã" without the commune's suffix.
    let openings = texts.flatMap { name in
      let words = name.split(separator: " ")
      return words.indices.flatMap { k in [",", ";", "."].map { words[...k].joined(separator: " ") + $0 } }
    }
    texts += texts.map { $0.lowercased() } + texts.map { "- " + $0 } + openings
    for input in Repo.corpusInputs() {
      for line in try String(contentsOf: input, encoding: .utf8).split(separator: "\n") {
        let words = line.split(separator: " ")
        for start in words.indices { texts.append(words[start...].joined(separator: " ")) }
      }
    }
    var known = 0
    var turnedAway = 0
    for text in texts {
      let isKnown = lexicon.isKnown(text)
      if isKnown { known += 1 }
      if !lexicon.mayOpenKnownName(text) {
        turnedAway += 1
        #expect(!isKnown, "\(text)")
      }
    }
    #expect(known > 200)
    #expect(turnedAway > texts.count / 2)
  }
}
