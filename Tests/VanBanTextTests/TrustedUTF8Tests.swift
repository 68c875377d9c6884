import Testing

@testable import VanBanText

/// The UTF-8 check every text file goes through, and the unchecked string making it allows.
struct TrustedUTF8Tests {
  /// The reading the decoder made before: the standard library's verdict, and the first
  /// ill-formed sequence found one sequence at a time (`wellFormedLength`, Table 3-7).
  private func reference(_ bytes: [UInt8]) -> (valid: Bool, firstBad: Int?) {
    let valid = String(validating: bytes, as: UTF8.self) != nil
    let firstBad: Int? = bytes.withUnsafeBufferPointer { b in
      var i = 0
      while i < b.count {
        let length = EncodingDetector.wellFormedLength(b, at: i)
        if length == 0 { return i }
        i += length
      }
      return nil
    }
    return (valid, firstBad)
  }

  private func check(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    let expected = reference(bytes)
    let found = bytes.withUnsafeBufferPointer { TextDecoder.firstInvalidUTF8($0) }
    #expect(found == expected.firstBad, "\(bytes.map { String($0, radix: 16) })", sourceLocation: sourceLocation)
    #expect((found == nil) == expected.valid, "\(bytes.map { String($0, radix: 16) })", sourceLocation: sourceLocation)
  }

  /// Every one- and two-byte input, and every three-byte input over the bytes where the
  /// rules change (lead bytes, the edges of the continuation ranges), each at the start, after
  /// seven ASCII bytes (the eight-byte ASCII step ends inside it) and before ASCII.
  @Test func agreesWithTheStandardLibraryOnShortSequences() {
    let edges: [UInt8] = [
      0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
      0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
    ]
    let pads: [([UInt8], [UInt8])] = [([], []), (Array("abcdefg".utf8), []), ([], Array(" ok!".utf8)),
      (Array("Kế hoạch".utf8), Array("abcdefghij".utf8))]
    for a in 0...255 {
      for (head, tail) in pads { check(head + [UInt8(a)] + tail) }
      for b in 0...255 { check([UInt8(a), UInt8(b)]) }
    }
    for a in edges {
      for b in edges {
        for c in edges {
          for (head, tail) in pads { check(head + [a, b, c] + tail) }
          for d in [UInt8(0x80), 0xBF, 0x41] { check([a, b, c, d]) }
        }
      }
    }
  }

  /// The sixteen-byte check (`validPrefix`) sees a sequence split between two steps, or its
  /// lead among the three bytes before a step: every three-byte input over the edge bytes,
  /// and four-byte sequences, at every offset from the start of a long valid text, with
  /// Vietnamese letters or a run of ASCII (which the steps pass at once when the bytes before
  /// it ask for no continuation) after them, as the first ill-formed sequence or none.
  @Test func agreesAtEveryOffsetOfTheSixteenByteSteps() {
    let edges: [UInt8] = [
      0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
      0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
    ]
    let tail = Array("ộng đồng Việt Nam – Kế hoạch số 12/KH-UBND".utf8)
    let asciiTail = Array("<span class='ocrx_word' title='bbox 1 2 3 4'>".utf8)
    let fours: [[UInt8]] = [[0xF0, 0x9D, 0x90, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x8F, 0x80, 0x80],
      [0xF3, 0x80, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xE0, 0xA0, 0x80], [0xE0, 0x9F, 0xBF]]
    for offset in 0..<19 {
      // Two-byte letters and ASCII before, so steps start inside letters too.
      var head: [UInt8] = []
      while head.count < offset { head += head.count % 3 == 0 && offset - head.count >= 2 ? [0xC3, 0xA4] : [0x61] }
      for a in edges {
        for b in edges {
          for c in edges {
            check(head + [a, b, c] + tail)
            check(head + [a, b, c] + asciiTail)
          }
        }
      }
      for f in fours {
        check(head + f + tail)
        check(head + f)
        check(head + tail + f)
        check(head + f + asciiTail)
      }
    }
  }

  /// Long mixed inputs: Vietnamese text, ASCII runs of every length around the eight-byte
  /// step, and one byte overwritten (every value, at offsets spread over the text).
  @Test func agreesWithTheStandardLibraryOnMixedText() {
    let pieces: [[UInt8]] = ["Quyết", "định", "số", "12/QĐ-UBND", "ngày", "2026", " ", "\n", "–", "𝐀", "ä", "abcdefghijklmnop"]
      .map { Array($0.utf8) }
    for n in 0..<4000 {
      var bytes: [UInt8] = []
      for k in 0..<(n % 24) { bytes += pieces[(n &* 7 &+ k &* k &* 13 &+ k) % pieces.count] }
      check(bytes)
      if !bytes.isEmpty {
        var damaged = bytes
        damaged[(n &* 31) % bytes.count] = UInt8(truncatingIfNeeded: n &* 37)
        check(damaged)
        check(Array(bytes.dropLast()))
      }
    }
  }

  /// `String(trustedUTF8:)` and `String(trustedUTF8Capacity:initializingWith:)` give the
  /// string the checked initialisers give, short (inline) and long.
  @Test func trustedStringsAreTheCheckedOnes() {
    for text in ["", "a", "Kế hoạch", "Ủy ban nhân dân xã Tân Lợi", String(repeating: "Điều 1. Phạm vi 𝐀 ", count: 300)] {
      let bytes = Array(text.utf8)
      let made = bytes.withUnsafeBufferPointer { String(trustedUTF8: $0) }
      #expect(made == text)
      #expect(Array(made.utf8) == bytes)
      let written = String(trustedUTF8Capacity: bytes.count + 3) { out in
        for (k, b) in bytes.enumerated() { out[k] = b }
        return bytes.count
      }
      #expect(written == text)
      #expect(Array(written.utf8) == bytes)
    }
  }
}

/// `utf8Slice` (indexes made from offsets, `ScalarIndex`) cuts what the UTF-8 view's own
/// indexes cut.
@Suite struct ScalarIndexTests {
  /// The fast path is the one taken here: if the layout check failed on this standard library,
  /// every slice would still be right but slow, and this says so.
  @Test func theIndexLayoutHoldsHere() {
    #if !canImport(Darwin)
      #expect(ScalarIndex.holds)
      #expect(ScalarIndex.slicing == .slices)
    #endif
  }

  @Test func slicesAgreeWithTheUTF8View() {
    var g = SystemRandomNumberGenerator()
    let pieces = ["a", " ", "é", "e\u{301}", "\u{1EA1}", "Ư", "\u{1F600}", "\r\n", "\t", "đ", "1", "/"]
    for _ in 0..<300 {
      let text = (0..<Int.random(in: 0...12, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined()
      // A slice of a slice too: its offsets count from its own start.
      let lead = Int.random(in: 0...2, using: &g)
      let whole = Substring("xé" + text).utf8Slice(min(lead, 1) == 0 ? 0..<(3 + text.utf8.count) : 3..<(3 + text.utf8.count))
      var bounds: [Int] = []
      var k = whole.unicodeScalars.startIndex
      var offset = 0
      while true {
        bounds.append(offset)
        guard k < whole.unicodeScalars.endIndex else { break }
        let next = whole.unicodeScalars.index(after: k)
        offset += whole.utf8.distance(from: k, to: next)
        k = next
      }
      for i in bounds {
        for j in bounds where j >= i {
          let u = whole.utf8
          let expected = Substring(u[u.index(u.startIndex, offsetBy: i)..<u.index(u.startIndex, offsetBy: j)])
          let made = whole.utf8Slice(i..<j)
          #expect(Array(made.utf8) == Array(expected.utf8))
          #expect(made == expected && made.count == expected.count)
          #expect(made.startIndex == expected.startIndex && made.endIndex == expected.endIndex)
        }
      }
    }
  }
}

/// Short strings made by `SmallString` are the standard library's own, bit for bit.
@Suite struct SmallStringTests {
  @Test func theLayoutHoldsHere() {
    #if !canImport(Darwin) && _endian(little) && _pointerBitWidth(_64)
      #expect(SmallString.holds)
    #endif
  }

  /// The remembered answer is the computed one, whether read first (computed and stored) or
  /// again (read back), from several threads at once.
  @Test func theRememberedAnswerIsTheAnswer() async {
    let answers = await withTaskGroup(of: [Bool].self) { group in
      for _ in 0..<4 { group.addTask { [SmallString.holdsQuickly, SmallString.holdsQuickly] } }
      return await group.reduce(into: [Bool]()) { $0 += $1 }
    }
    #expect(answers.count == 8)
    #expect(answers.allSatisfy { $0 == SmallString.holds })
  }

  @Test func madeStringsAreTheStandardOnes() {
    guard SmallString.holds else { return }
    var g = SystemRandomNumberGenerator()
    let scalars: [Unicode.Scalar] = ["a", "Z", " ", "\t", "\u{7F}", "\u{80}", "é", "đ", "\u{1EBF}", "\u{301}", "\u{FFFD}", "\u{1F600}"]
    var texts: [String] = (0...15).map { String(repeating: "x", count: $0) }
    for _ in 0..<3_000 {
      var s = ""
      while true {
        let c = scalars.randomElement(using: &g)!
        if s.utf8.count + String(c).utf8.count > 15 { break }
        s.unicodeScalars.append(c)
        if Int.random(in: 0..<6, using: &g) == 0 { break }
      }
      texts.append(s)
    }
    for text in texts {
      let bytes = Array(text.utf8)
      let made = bytes.withUnsafeBufferPointer { String(trustedUTF8: $0) }
      let standard = String(decoding: bytes, as: UTF8.self)
      #expect(unsafeBitCast(made, to: (UInt64, UInt64).self) == unsafeBitCast(standard, to: (UInt64, UInt64).self), "\(text)")
      #expect(made == standard && made.hashValue == standard.hashValue && Array(made.utf8) == bytes)
    }
  }
}

@Suite struct JoiningTests {
  @Test func joiningIsConcatenation() {
    let parts = ["", "a", "|", "số", "Nghị quyết", String(repeating: "đ", count: 20), "\u{1F600}", "e\u{301}"]
    for a in parts {
      for b in parts {
        for c in parts {
          let joined = String.joining(a, b, c)
          #expect(Array(joined.utf8) == Array((a + b + c).utf8))
          #expect(joined == a + b + c)
        }
        #expect(String.joining(a, b) == a + b)
      }
    }
  }
}

/// `UTF8Scalar.scalars` reads every scalar of the text, as the standard library's view does:
/// on random text of one- to four-byte scalars, combining marks included, and on the empty text.
@Test func scalarsOfUTF8AreTheScalarView() {
  let pieces = ["a", " ", "\t", "Ệ", "ư", "\u{301}", "đ", "€", "中", "𝄞", "😀", "\u{10FFFF}", "\u{80}", "\u{7FF}", "\u{800}", "\u{FFFF}"]
  var g = SystemRandomNumberGenerator()
  for _ in 0..<3_000 {
    let s = (0..<Int.random(in: 0...40, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined()
    let got = s.withUTF8Bytes { UTF8Scalar.scalars($0) }
    #expect(got == Array(s.unicodeScalars), "\(s)")
  }
}
