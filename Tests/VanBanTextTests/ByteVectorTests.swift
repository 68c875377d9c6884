import Testing

import VanBanBytes

/// The vector steps' lane tests and their bits agree with looking at each byte.
@Suite struct ByteVectorTests {
  @Test func lanesAndBitsAgreeWithEachByte() {
    var g = SystemRandomNumberGenerator()
    // Bytes drawn from a small set, so equal lanes are common, plus every single-lane case.
    let alphabet: [UInt8] = [0x00, 0x09, 0x20, 0x21, 0x41, 0x7F, 0x80, 0x9A, 0xC2, 0xCB, 0xCC, 0xE1, 0xFF]
    var cases: [[UInt8]] = (0..<2_000).map { _ in (0..<17).map { _ in alphabet.randomElement(using: &g)! } }
    for lane in 0..<16 {
      var one = [UInt8](repeating: 0x41, count: 17)
      one[lane] = 0x20
      cases.append(one)
    }
    for bytes in cases {
      bytes.withUnsafeBytes { raw in
        let x = ByteVector.load(raw.baseAddress!, 0)
        for probe in alphabet {
          var wantEqual: UInt32 = 0
          var wantLess: UInt32 = 0
          for k in 0..<16 {
            if bytes[k] == probe { wantEqual |= 1 << k }
            if bytes[k] < probe { wantLess |= 1 << k }
          }
          #expect(ByteVector.bits(ByteVector.equal(x, probe)) == wantEqual, "\(bytes) == \(probe)")
          #expect(ByteVector.bits(ByteVector.less(x, probe)) == wantLess, "\(bytes) < \(probe)")
          #expect(ByteVector.none(ByteVector.equal(x, probe)) == (wantEqual == 0))
        }
        // Loads at an offset read the bytes there.
        #expect(ByteVector.load(raw.baseAddress!, 1)[15] == bytes[16])
      }
    }
  }
}
