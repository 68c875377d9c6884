import Testing
import VanBanText
@testable import VanBanInputs

/// Layout's shortcuts held to what they stand for: the join of word texts to the join of their
/// strings, a word's facts read on its bytes to the three tests, a level page's skew to the
/// fits, a merged occupancy to the sorted one, and a cell's text taken in the order its words
/// came to the two sorts it skips.
@Suite struct LayoutShortcutTests {
  /// The same cases on every run.
  typealias Steps = PropertyTests.LCG

  static let texts = ["1", "Chỉ", "tiêu", "", "đạt", "100%", "a)", "xã", "Kế hoạch", "|", "—", "năm 2025"]

  @Test func joinedIsTheJoinOfTheStrings() {
    var steps = Steps(state: 7)
    for _ in 0..<500 {
      var texts = WordTexts()
      var words: [OCRWord] = []
      for _ in 0..<steps.next(6) {
        let t = Self.texts[steps.next(Self.texts.count)]
        words.append(OCRWord(text: t, in: &texts, page: 1, x0: 0, y0: 0, x1: 1, y1: 1, conf: -1, lineID: 0, sourceLine: 1))
      }
      #expect(texts.joined(words) == words.map { texts[$0] }.joinedText(" "))
      #expect(texts.joined(words[...].dropFirst()) == words.dropFirst().map { texts[$0] }.joinedText(" "))
    }
  }

  /// Texts copied all at once from their places in a buffer (a -layout dump's words) are the
  /// texts added one by one, with the same IDs, and words made on them have the same facts.
  @Test func bulkTextsAreTheTextsAddedOneByOne() {
    var steps = Steps(state: 11)
    for _ in 0..<300 {
      var source: [UInt8] = []
      var ranges: [Range<Int>] = []
      for _ in 0..<steps.next(8) {
        source += Array(" ".utf8)
        let t = Self.texts[steps.next(Self.texts.count)]
        guard !t.isEmpty else { continue }
        ranges.append(source.count..<(source.count + t.utf8.count))
        source += Array(t.utf8)
      }
      var added = WordTexts()
      var one: [OCRWord] = []
      var bulk: [OCRWord] = []
      source.withUnsafeBufferPointer { all in
        let texts = WordTexts(all, ranges: ranges)
        for (k, r) in ranges.enumerated() {
          let b = UnsafeBufferPointer(rebasing: all[r])
          one.append(OCRWord(utf8: b, in: &added, page: 1, x0: 0, y0: 0, x1: 1, y1: 1, conf: -1, lineID: 0, sourceLine: 1))
          bulk.append(
            OCRWord(textID: Int32(k + 1), utf8: b, page: 1, x0: 0, y0: 0, x1: 1, y1: 1, conf: -1, lineID: 0, sourceLine: 1))
        }
        #expect(bulk.map { texts[$0] } == one.map { added[$0] })
        #expect(bulk.map(\.textID) == one.map(\.textID))
        #expect(bulk.map { [$0.isText, $0.hasText, $0.junkEnd, $0.bars] } == one.map { [$0.isText, $0.hasText, $0.junkEnd, $0.bars] })
        #expect(texts.joined(bulk) == added.joined(one))
      }
    }
  }

  /// A paragraph's box taken over its lines is the box of all its words, empty lines and
  /// words of a later page among them.
  @Test func boxOfLinesIsTheBoxOfTheirWords() {
    var steps = Steps(state: 3)
    for _ in 0..<500 {
      var texts = WordTexts()
      var lines: [VisualLine] = []
      for _ in 0..<steps.next(4) {
        var words: [OCRWord] = []
        for _ in 0..<steps.next(4) {
          let x = Double(steps.next(300))
          let y = Double(steps.next(300))
          words.append(
            OCRWord(
              text: "chữ", in: &texts, page: 1 + steps.next(4) / 3, x0: x, y0: y, x1: x + 20, y1: y + 10, conf: -1, lineID: 0,
              sourceLine: 1))
        }
        lines.append(VisualLine(words: words, top: 0, bottom: 10))
      }
      #expect(WordBox(lines: lines) == WordBox(lines.flatMap(\.words)))
    }
  }

  /// A word's facts read in one look at its bytes are the three tests' answers, for every
  /// corpus word and words made to test the edges (bars, look-alikes, junk at either end, the
  /// signs among Latin-1's letters, letters beyond the ones read on the bytes).
  @Test func wordFactsOnBytesAreTheTests() {
    let crafted = [
      "|", "||", "!", "I", "l", "Il", "|a", "a|", "_a", "a_", "_", "__", "¦", "│", "a│", "x", "-", "--", ".", "1", "a1",
      "ế", "aế", "ếa", "a-ế-b", "—", "-—", "-—-", "(ế)", "!a", "a!", "Ia", "lề", "để", "ở", "Ủy", "×", "÷", "-×", "(÷)",
      "Đ", "đ¦", "ư│", "ơ_", "ß", "α", "(α)", "Я", "١", "²", "½", "«", "»", "°", "ʼ", "‖", "┃", "ǀ", "Ⅳ", "-Ⅳ", "ﬁ",
      "\u{301}", "a\u{301}", "-\u{301}", "ẞ", "ỹ", "(ẻ)", "ḁ", "Ḁ",
    ]
    var quick = 0
    var beyondASCII = 0
    for w in FirstByteShortcutTests.words() + crafted {
      var bytes = w
      guard let facts = bytes.withUTF8(OCRWord.byteFacts) else { continue }
      quick += 1
      if w.utf8.contains(where: { $0 >= 0x80 }) { beyondASCII += 1 }
      #expect(facts.isText == OCRWord.isText(w), "\(Array(w.unicodeScalars))")
      #expect(facts.junkEnd == VisualLines.hasJunkEnd(w), "\(Array(w.unicodeScalars))")
      #expect(VisualLines.barKind(w) == (false, false), "\(Array(w.unicodeScalars))")
    }
    #expect(quick > 5_000)
    #expect(beyondASCII > 2_000)
  }

  /// Lines of words on one bottom each: the shortcut's zero where the bottoms are whole
  /// pixels, the fits' own (flat) answer where they are not, and a slope where lines tilt.
  @Test func levelLinesHaveNoSkew() {
    func page(bottom: (_ line: Int, _ word: Int) -> Double) -> [OCRWord] {
      var texts = WordTexts()
      var words: [OCRWord] = []
      for line in 0..<5 {
        for k in 0..<6 {
          let y1 = bottom(line, k)
          words.append(
            OCRWord(
              text: "chữ\(k)", in: &texts, page: 1, x0: Double(100 * k), y0: y1 - 30, x1: Double(100 * k + 80), y1: y1, conf: -1,
              lineID: line, sourceLine: line + 1))
        }
      }
      return words
    }
    #expect(VisualLines.skew(page { line, _ in Double(40 * line + 30) }) == 0)
    #expect(VisualLines.skew(page { line, _ in Double(40 * line) + 30.1 }) == 0)
    let tilted = VisualLines.skew(page { line, k in Double(40 * line + 30 + 2 * k) })
    #expect(abs(tilted - 0.02) < 1e-9)
  }

  /// A region's occupancy grown by a line's boxes, merged in one pass, is the sort's.
  @Test func occupancyMergedIsOccupancySorted() {
    typealias Interval = LayoutBuilder.Interval
    var steps = Steps(state: 5)
    func boxes(_ n: Int) -> [Interval] {
      var x = Double(steps.next(50))
      return (0..<n).map { _ in
        x += Double(steps.next(4) * 10)
        return Interval(lo: x, hi: x + Double(steps.next(6) * 10))
      }
    }
    for round in 0..<2_000 {
      let a = LayoutBuilder.occupancy(boxes(steps.next(6)), merging: 0)
      var b = boxes(steps.next(6))
      if round % 5 == 0, b.count > 1 { b.swapAt(0, b.count - 1) }  // out of order: the sort
      let tolerance = Double(steps.next(3))
      let merged = LayoutBuilder.occupancy(a, adding: b, merging: tolerance)
      let sorted = LayoutBuilder.occupancy(a + b, merging: tolerance)
      #expect(merged.map(\.lo) == sorted.map(\.lo) && merged.map(\.hi) == sorted.map(\.hi), "case \(round)")
    }
  }

  /// The cell text as it was computed before the shortcut: words sorted by height, grouped
  /// into lines, each line sorted left to right.
  static func reference(_ words: [OCRWord], _ texts: WordTexts) -> String {
    let byY = words.indices.sorted { words[$0].centerY < words[$1].centerY }
    var lines: [[Int]] = []
    for k in byY {
      let w = words[k]
      if let first = lines.last?.first, case let ref = words[first],
        w.centerY - ref.centerY < 0.5 * max(ref.height, w.height, 1)
      {
        lines[lines.count - 1].append(k)
      } else {
        lines.append([k])
      }
    }
    return lines.flatMap { $0.sorted { words[$0].x0 < words[$1].x0 } }.map { texts[words[$0]] }.joinedText(" ")
  }

  @Test func cellTextInReadingOrderIsTheSortedText() {
    var steps = Steps(state: 11)
    var inOrder = 0
    for round in 0..<3_000 {
      var texts = WordTexts()
      var words: [OCRWord] = []
      // Lines of words on a coarse grid, so ties in height and in x are common; every third
      // case shuffled a little, the rest left in reading order.
      var y = Double(steps.next(40))
      for _ in 0..<(1 + steps.next(3)) {
        var x = Double(steps.next(30))
        for _ in 0..<(1 + steps.next(4)) {
          let h = Double(10 + steps.next(3) * 10)
          let jitter = Double(steps.next(3)) - 1
          let t = Self.texts[steps.next(Self.texts.count)]
          words.append(
            OCRWord(text: t, in: &texts, page: 1, x0: x, y0: y + jitter, x1: x + 20, y1: y + jitter + h, conf: -1, lineID: 0, sourceLine: 1))
          x += Double(steps.next(3) * 25)
        }
        y += Double(steps.next(4) * 8)
      }
      if round % 3 == 0, words.count > 1 {
        words.swapAt(steps.next(words.count), steps.next(words.count))
      }
      // Every other case read as the middle of a longer array, as a table row's cells are.
      let got =
        round % 2 == 0
        ? LayoutBuilder.cellText(words[...], texts)
        : LayoutBuilder.cellText(([words[0]] + words + [words[0]])[1...words.count], texts)
      #expect(got == Self.reference(words, texts), "case \(round)")
      if got == words.map({ texts[$0] }).joinedText(" ") { inOrder += 1 }
    }
    #expect(inOrder > 1_000)
  }
}
