import Testing

import VanBanBytes
@testable import VanBanText

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
          // The portable gathering, which other architectures use, answers as the movemask.
          #expect(ByteVector.gatheredBits(ByteVector.equal(x, probe)) == wantEqual)
          #expect(ByteVector.gatheredBits(ByteVector.less(x, probe)) == wantLess)
        }
        // Loads at an offset read the bytes there.
        #expect(ByteVector.load(raw.baseAddress!, 1)[15] == bytes[16])
      }
    }
  }
}

/// Lanes counted over many steps at once are the lanes counted byte by byte, up to the most
/// steps a lane's tally holds (every lane set in every step).
@Suite struct ByteVectorCountTests {
  @Test func countsAsEachByte() {
    var g = SystemRandomNumberGenerator()
    for steps in [0, 1, 2, 15, 16, 17, 200, ByteVector.maxCountedSteps] {
      for density in [0, 3, 16] {
        let bytes: [UInt8] = (0..<(16 * steps + 16)).map { _ in Int.random(in: 0..<16, using: &g) < density ? 0x20 : 0x61 }
        let want = bytes.prefix(16 * steps).filter { $0 == 0x20 }.count
        let got = bytes.withUnsafeBytes { ByteVector.count($0.baseAddress!, at: 0, steps: steps) { ByteVector.equal($0, 0x20) } }
        #expect(got == want, "\(steps) steps, density \(density)")
      }
    }
  }
}

/// The shortcut Character prefix is the standard library's, on text of plain scalars and
/// the ones that join or may join (combining marks, CR LF, ZWJ, emoji, Hangul, a Prepend).
@Suite struct CharacterPrefixTests {
  @Test func prefixOfCharactersIsTheStandardPrefix() {
    var g = SystemRandomNumberGenerator()
    let pieces = ["a", "ế", "Đ", " ", "–", "“", "…", "\u{301}", "\r\n", "\r", "\n", "\u{200D}", "👍", "\u{1100}\u{1161}", "\u{600}", "©"]
    var shortcut = 0
    for k in 0..<20_000 {
      // Mostly plain text, so the shortcut answers; else any of the pieces.
      let plain = k % 2 == 0
      let text = (0..<Int.random(in: 0...30, using: &g)).map { _ in
        plain ? ["a", "ế", "Đ", " ", "–", "“"].randomElement(using: &g)! : pieces.randomElement(using: &g)!
      }.joined()
      for n in [0, 1, 2, 5, 10, 20] {
        // Bytes compared: Substring's == would let a canonically equal slice pass.
        #expect(Array(text.prefix(characters: n).utf8) == Array(text.prefix(n).utf8), "\(Array(text.unicodeScalars)) \(n)")
        #expect(Array(text.dropFirst().prefix(characters: n).utf8) == Array(text.dropFirst().prefix(n).utf8))
      }
      if plain { shortcut += 1 }
    }
    #expect(shortcut > 1_000)
  }
}

/// `endsWith(ascii:)` answers as `hasSuffix` does, on random texts of plain pieces and of the ones
/// that join or are canonically equal to an ASCII scalar.
@Suite struct ASCIISuffixTests {
  @Test func endsWithASCIIIsHasSuffix() {
    var g = SystemRandomNumberGenerator()
    let pieces = [
      "a", "ế", "Đ", " ", ")", ";", ":", ".", "K", "`", "\n", "\r", "\r\n", "\u{301}", "\u{37E}", "\u{212A}",
      "\u{1FEF}", "\u{600}", "\u{200D}", "👍", "–", "\u{A0}",
    ]
    let suffixes: [UInt8] = [0x29, 0x3B, 0x3A, 0x2E, 0x4B, 0x60, 0x0A, 0x0D]
    var settled = 0
    for _ in 0..<20_000 {
      let text = (0..<Int.random(in: 0...6, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined()
      for b in suffixes {
        let want = text.hasSuffix(String(Unicode.Scalar(b)))
        #expect(text.endsWith(ascii: Unicode.Scalar(b)) == want, "\(text.unicodeScalars.map { String($0.value, radix: 16) }) \(b)")
        #expect(text.dropFirst().endsWith(ascii: Unicode.Scalar(b)) == text.dropFirst().hasSuffix(String(Unicode.Scalar(b))))
        if text.utf8.withContiguousStorageIfAvailable({ String.byteSuffixAnswer($0, b) }) != nil { settled += 1 }
      }
    }
    #expect(settled > 100_000)
    // A scalar beyond ASCII is hasSuffix's to answer.
    #expect("Ủy ban…".endsWith(ascii: "…") && !"Ủy ban".endsWith(ascii: "…"))
  }
}


/// `withUTF8Bytes` hands over the string's own UTF-8, inline (small) or stored.
@Suite struct StringBytesTests {
  @Test func bytesAreTheUTF8() {
    let long = String(repeating: "Kế hoạch số 12/KH-UBND ", count: 40)
    for s in ["", "a", "Ủy ban", "0123456789abcde", "0123456789abcdef", long, String(long.dropFirst(3))] {
      #expect(s.withUTF8Bytes { Array($0) } == Array(s.utf8))
    }
  }
}

@Suite struct TrailingMarksTests {
  /// The Character loop `droppingTrailing(asciiMarks:)` stands for.
  static func byCharacters(_ s: Substring, _ marks: String) -> Substring {
    var t = s
    while let l = t.last, marks.contains(l) { t.removeLast() }
    return t
  }

  @Test(arguments: [
    "12/KH-UBND,", "Sở Tài chính).", "1.2.", "a)", "))", "", "Hà Nội", "13-", "ủy;", "Ủy ban nhân dân tỉnh;",
    "UBND xã:", "(Sở Tài chính)", ".,;",
    // The marks' Character is not the byte alone, or may not be: the Character loop decides.
    ".\u{301}", "e\u{301}.", "e\u{301}:", "Ω,", "日本).", "\u{600}.", "x\r\n", "x\r\n.", "x.\n", "x\u{200D}:",
  ])
  func leavesWhatTheCharacterLoopLeaves(_ s: String) {
    // The last set has LF, which a CR before it joins into one Character.
    for marks in [",;):.", ".)", ".,-", "\n.\r"] {
      let bytes = Set(marks.utf8)
      let fast = Substring(s).droppingTrailing { bytes.contains($0) }
      #expect(fast == Self.byCharacters(Substring(s), marks), "\(Array(s.unicodeScalars)) \(marks)")
      #expect(s.droppingTrailing { bytes.contains($0) } == String(Self.byCharacters(Substring(s), marks)))
    }
  }
}

/// `ShortBytes.copy` writes exactly the bytes asked for, at every length up to its limit, and
/// nothing before or after them; `copyAny` likewise at any length.
@Suite struct ShortBytesTests {
  static func check(limit: Int, _ copy: (UnsafeRawPointer, UnsafeMutableRawPointer, Int) -> Void) {
    let source: [UInt8] = (0..<limit).map { UInt8(truncatingIfNeeded: 0x41 + $0) }
    for n in 0...limit {
      var target = [UInt8](repeating: 0xEE, count: limit + 4)
      source.withUnsafeBytes { s in
        target.withUnsafeMutableBytes { t in copy(s.baseAddress!, t.baseAddress! + 2, n) }
      }
      #expect(Array(target[2..<(2 + n)]) == Array(source[..<n]), "\(n)")
      #expect(target[0..<2].allSatisfy { $0 == 0xEE } && target[(2 + n)...].allSatisfy { $0 == 0xEE }, "\(n)")
    }
  }

  @Test func copiesExactlyTheBytes() {
    Self.check(limit: ShortBytes.limit) { ShortBytes.copy($0, to: $1, count: $2) }
  }

  @Test func copiesAnyCountExactly() {
    Self.check(limit: 3 * ShortBytes.limit) { ShortBytes.copyAny($0, to: $1, count: $2) }
  }

  /// `words` gives the bytes as two little-endian words with zeros after them, at every count
  /// up to sixteen and wherever the bytes start, with nothing of the bytes around them (which
  /// all differ, so one taken in would show).
  @Test func wordsHoldExactlyTheBytes() {
    let all: [UInt8] = (0..<40).map { UInt8(truncatingIfNeeded: 0x91 &+ 37 &* $0) }
    for start in 0..<8 {
      for n in 0...16 {
        let got = all.withUnsafeBytes { ShortBytes.words($0.baseAddress! + start, count: n) }
        var want: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &want) { w in
          for k in 0..<n { w[k] = all[start + k] }
        }
        #expect(got.0 == UInt64(littleEndian: want.0) && got.1 == UInt64(littleEndian: want.1), "start \(start), count \(n)")
      }
    }
  }
}
