import Testing

@testable import VanBanText

/// TCVN3's capitals with a tone restored from the words around them, down to words far longer
/// than any written (the letter counts are packed in 16-bit fields below 65,536 letters).
struct TCVN3CaseTests {
  private func restored(_ text: [UInt16]) -> [UInt16] {
    var units = text
    TCVN3Case.restoreCapitals(&units)
    return units
  }

  /// "ạ" (U+1EA1) is a toned small letter TCVN3 also writes for "Ạ" (U+1EA0).
  @Test func aWordOfCapitalsTakesTheCapital() {
    let space: UInt16 = 0x20
    // "HOẠCH": other capitals in the word (two at least), so the word is in capitals.
    #expect(restored([0x48, 0x4F, 0x1EA1, 0x43, 0x48]) == [0x48, 0x4F, 0x1EA0, 0x43, 0x48])
    // "HẠ" alone: one capital is no evidence, and there is no neighbour.
    #expect(restored([0x48, 0x1EA1]) == [0x48, 0x1EA1])
    // "hoạch": small letters, so it stays.
    #expect(restored([0x68, 0x6F, 0x1EA1, 0x63, 0x68]) == [0x68, 0x6F, 0x1EA1, 0x63, 0x68])
    // "ạ" alone between words in capitals takes their case, and not beside a small word.
    #expect(restored([0x48, 0x41, space, 0x1EA1, space, 0x42, 0x43]) == [0x48, 0x41, space, 0x1EA0, space, 0x42, 0x43])
    #expect(restored([0x48, 0x41, space, 0x1EA1, space, 0x62, 0x63]) == [0x48, 0x41, space, 0x1EA1, space, 0x62, 0x63])
    // A neighbour counts only on the same line.
    #expect(restored([0x48, 0x41, 0x0A, 0x1EA1, space, 0x42, 0x43]) == [0x48, 0x41, 0x0A, 0x1EA0, space, 0x42, 0x43])
    #expect(restored([0x48, 0x41, 0x0A, 0x1EA1]) == [0x48, 0x41, 0x0A, 0x1EA1])
  }

  @Test(arguments: [65_534, 65_535, 65_536, 70_000, 131_072])
  func veryLongWordsAreCountedExactly(_ capitals: Int) {
    // Capitals and one toned letter: in capitals, so the toned letter is one.
    let word = [UInt16](repeating: 0x41, count: capitals) + [0x1EA1]
    #expect(restored(word).last == 0x1EA0)
    // One small letter among them keeps it small.
    let mixed = [UInt16](repeating: 0x41, count: capitals) + [0x61, 0x1EA1]
    #expect(restored(mixed).last == 0x1EA1)
    // As many toned letters as capitals, and a lone capital: not two capitals, and no
    // neighbour in capitals, so nothing changes.
    let toned = [UInt16](repeating: 0x1EA1, count: capitals) + [0x41]
    #expect(restored(toned) == toned)
  }
}
