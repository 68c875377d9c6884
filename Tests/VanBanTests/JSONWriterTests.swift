import Testing

@testable import VanBanModel

@Suite struct JSONWriterTests {
  /// The eight-byte escape test never misses a byte that needs an escape (and says no only
  /// when none does), on words built from the bytes around its thresholds.
  @Test func escapeTestIsExact() {
    var g = PropertyTests.LCG(state: 5)
    let alphabet: [UInt8] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0x9F, 0xA0, 0xFF, 0x0A, 0x41]
    for _ in 0..<50_000 {
      var bytes: [UInt8] = []
      for _ in 0..<8 { bytes.append(alphabet[g.next(alphabet.count)]) }
      let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
      let needs = bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
      #expect(JSONWriter.mayNeedEscape(word) == needs, "\(bytes)")
    }
  }

  @Test func stringsAreEscaped() {
    var w = JSONWriter(pretty: false, reserving: 64)
    w.value("plain text that is long enough to take the fast path \"quoted\" and \\ and \n and \u{1}")
    #expect(w.string == #""plain text that is long enough to take the fast path \"quoted\" and \\ and \n and \u0001""#)
  }
}
