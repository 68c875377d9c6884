import Testing
@testable import VanBanInputs

@Suite struct TextLayerCheckTests {
  static func words(_ text: String) -> [InputWord] {
    text.split(separator: " ").enumerated().map { k, w in
      InputWord(text: String(w), page: 1, box: BoundingBox(x0: Double(k), y0: 0, x1: Double(k) + 1, y1: 1), lineID: 0)
    }
  }

  @Test func vietnameseProseIsUsable() {
    let check = TextLayerCheck(Self.words(
      "Số: 125/KH-UBND Hà Tĩnh, ngày 15 tháng 3 năm 2024 — Đẩy mạnh ứng dụng công nghệ thông tin (CNTT) của UBND tỉnh."))
    #expect(check.isUsable)
    #expect(check.readable == check.counted)
  }

  @Test func legacyFontMojibakeIsNot() {
    let check = TextLayerCheck(Self.words("Céng hßa x· héi chñ nghÜa ViÖt Nam §éc lËp - Tù do - H¹nh phóc"))
    #expect(!check.isUsable)
    #expect(check.share < 0.4)
  }

  @Test func noWordsOrOnlyPunctuationIsNot() {
    #expect(!TextLayerCheck([]).isUsable)
    #expect(!TextLayerCheck(Self.words("- … • ***")).isUsable)
    #expect(TextLayerCheck(Self.words("- … • ***")).counted == 0)
  }

  @Test func oneWordAtATime() {
    #expect(TextLayerCheck.judge("tỉnh.") == true)
    #expect(TextLayerCheck.judge("“Nghị") == true)
    #expect(TextLayerCheck.judge("HĐND") == true)
    #expect(TextLayerCheck.judge("II/2024") == true)
    #expect(TextLayerCheck.judge("1.234,5") == true)
    #expect(TextLayerCheck.judge("ViÖt") == false)
    #expect(TextLayerCheck.judge("x·") == false)
    #expect(TextLayerCheck.judge("\u{E001}\u{E002}") == nil)
    #expect(TextLayerCheck.judge("—") == nil)
  }
}
