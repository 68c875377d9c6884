import Testing
import VanBanModel
@testable import VanBan

/// Repairs of OCR damage that the context makes certain, each with a diagnostic.
@Suite struct OCRRepairTests {
  static let head = "KẾ HOẠCH\n\nTiêu đề\n\n"

  @Test func repeatedNumeralBetweenNeighboursIsRepaired() throws {
    let plan = try parse(Self.head + "I. MỤC ĐÍCH\n\nII. MỤC TIÊU\n\nII. NHIỆM VỤ\n\nIV. TỔ CHỨC THỰC HIỆN\n")
    #expect(plan.sections.map(\.label) == ["I", "II", "III", "IV"])
    #expect(codes(plan).contains("ocr.numbering_repaired"))
    #expect(!codes(plan).contains("section.duplicate_number"))
  }

  @Test func genuineDuplicateWithoutEvidenceStays() throws {
    let plan = try parse(Self.head + "I. MỤC ĐÍCH\n\nII. MỤC TIÊU\n\nII. NHIỆM VỤ\n")
    #expect(plan.sections.map(\.label) == ["I", "II", "II"])
    #expect(codes(plan).contains("section.duplicate_number"))
  }

  @Test(arguments: [("Il. MỤC TIÊU", "II"), ("Ill. NHIỆM VỤ", "III"), ("lV. TỔ CHỨC THỰC HIỆN", "IV")])
  func misreadNumeralInACapitalHeading(_ heading: String, _ label: String) throws {
    let plan = try parse(Self.head + heading + "\n")
    #expect(plan.sections.first?.label == label)
    #expect(codes(plan).contains("ocr.numbering_repaired"))
  }

  @Test func lowerCaseSentenceIsNotAHeading() throws {
    let plan = try parse(Self.head + "I. A\n\nH. sau đó là một câu thường.\n")
    #expect(plan.sections.map(\.label) == ["I"])
  }

  @Test func annexLabelMisreadAsH() throws {
    let plan = try parse(Self.head + "I. A\n\nNơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nPhụ lục H\nDANH MỤC NHIỆM VỤ\n")
    #expect(plan.annexes.first?.label == "II")
    #expect(codes(plan).contains("ocr.label_repaired"))
  }
}
