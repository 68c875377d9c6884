import Testing

@testable import VanBanInputs

/// `OCRLayoutReader.firstLine`, read on the bytes, against the Character walk it stands for.
@Suite struct OCRLayoutFirstLineTests {
  static func byCharacters(_ text: String) -> Substring {
    var line = Substring(String(decoding: text.utf8.prefix(4096), as: UTF8.self))
    while let f = line.first, f == "\u{FEFF}" || f == "\n" || f == "\r" || f == " " { line = line.dropFirst() }
    if let end = line.firstIndex(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) { line = line[..<end] }
    return line
  }

  @Test(arguments: [
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n1\t1",
    "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH", "\n\n  KẾ HOẠCH\r\nsố 12", "\r\nafter a CRLF", "\r\rtwo CRs\nx",
    "\u{FEFF}level\tpage_num\n", "  \u{301}mark after spaces\n", "  Ủy ban\n", "", "\n\n", "no break at all",
    String(repeating: "dài ", count: 1500) + "\nsecond",
  ])
  func findsTheLineTheCharacterWalkFinds(_ text: String) {
    #expect(OCRLayoutReader.firstLine(text) == Self.byCharacters(text), "\(text.prefix(40))")
  }
}
