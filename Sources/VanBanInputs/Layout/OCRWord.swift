import VanBanBytes
import VanBanText

/// One recognised word with its box, in the image's pixel coordinates (y grows downwards).
///
/// Numbers only: the word's text stands in its document's `WordTexts`, named by `textID`.
/// Layout copies words into lines, cells and rows many times over; with a String inside, every
/// copy went through the type's value witness and retained it, and every array of words freed
/// went through them one by one. As plain memory, `LayoutBuilder` runs 15 % fewer instructions.
struct OCRWord: Sendable {
  /// The word's text in its `WordTexts` (`WordTexts.empty` for a rule, which has none).
  fileprivate(set) var textID = WordTexts.empty
  /// 1-based page; several images in one OCR file keep their order.
  var page: Int
  var x0: Double
  var y0: Double
  var x1: Double
  var y1: Double
  /// Tesseract's confidence (0–100), or -1 when the file gives none.
  var conf: Double
  /// Tesseract's own text line; words of one such line measure the page's skew.
  var lineID: Int
  /// The line of the OCR file the word stands on, so provenance points into the OCR output.
  var sourceLine: Int
  /// `hasAlphanumeric`, settled once: layout asks it of every word several times.
  private(set) var isText = false
  /// The word has text: it is not a rule.
  private(set) var hasText = false
  /// What `VisualLines.dropNoise` asks of the text, settled with it: whether its first or last
  /// scalar is what a rule touching a word reads as, and whether it is nothing but bars (or
  /// bars and their look-alikes).
  private(set) var junkEnd = false
  private(set) var bars = false
  private(set) var barsOrLookalikes = false
  /// A line drawn on the page (a PDF's table grid), not a word: the empty text of an OCR
  /// rule, with the certainty that it is one.
  var isDrawnRule = false

  /// A word whose text is added to `texts`.
  init(
    text: String, in texts: inout WordTexts, page: Int, x0: Double, y0: Double, x1: Double, y1: Double, conf: Double,
    lineID: Int, sourceLine: Int, isDrawnRule: Bool = false
  ) {
    self.init(page: page, x0: x0, y0: y0, x1: x1, y1: y1, conf: conf, lineID: lineID, sourceLine: sourceLine, isDrawnRule: isDrawnRule)
    setText(text, in: &texts)
  }

  /// A word whose text, the UTF-8 bytes `utf8` (well-formed, whole scalars), is added to
  /// `texts`: readers pass a word's bytes in their buffer, and no String is made for it.
  init(
    utf8: UnsafeBufferPointer<UInt8>, in texts: inout WordTexts, page: Int, x0: Double, y0: Double, x1: Double,
    y1: Double, conf: Double, lineID: Int, sourceLine: Int, isDrawnRule: Bool = false
  ) {
    self.init(page: page, x0: x0, y0: y0, x1: x1, y1: y1, conf: conf, lineID: lineID, sourceLine: sourceLine, isDrawnRule: isDrawnRule)
    setText(utf8: utf8, in: &texts)
  }

  /// A word whose text, `utf8`, is already text `textID` of its `WordTexts`
  /// (`WordTexts.init(_:ranges:)`).
  init(
    textID: Int32, utf8: UnsafeBufferPointer<UInt8>, page: Int, x0: Double, y0: Double, x1: Double, y1: Double,
    conf: Double, lineID: Int, sourceLine: Int
  ) {
    self.init(page: page, x0: x0, y0: y0, x1: x1, y1: y1, conf: conf, lineID: lineID, sourceLine: sourceLine, isDrawnRule: false)
    setFacts(utf8)
    self.textID = textID
  }

  /// The box alone, with the empty text.
  private init(
    page: Int, x0: Double, y0: Double, x1: Double, y1: Double, conf: Double, lineID: Int, sourceLine: Int,
    isDrawnRule: Bool
  ) {
    self.isDrawnRule = isDrawnRule
    self.page = page
    self.x0 = x0
    self.y0 = y0
    self.x1 = x1
    self.y1 = y1
    self.conf = conf
    self.lineID = lineID
    self.sourceLine = sourceLine
  }

  /// The word with another text (added to `texts`), its box kept.
  mutating func setText(_ text: String, in texts: inout WordTexts) {
    text.withUTF8Bytes { setText(utf8: $0, in: &texts) }
  }

  /// `setText` of well-formed UTF-8 bytes.
  mutating func setText(utf8 b: UnsafeBufferPointer<UInt8>, in texts: inout WordTexts) {
    textID = texts.add(utf8: b)
    setFacts(b)
  }

  /// What layout asks of the word's text `b`, settled once.
  private mutating func setFacts(_ b: UnsafeBufferPointer<UInt8>) {
    hasText = !b.isEmpty
    if let quick = Self.byteFacts(b) {
      (isText, junkEnd, bars, barsOrLookalikes) = (quick.isText, quick.junkEnd, false, false)
    } else {
      let text = String(trustedUTF8: b)
      isText = Self.isText(text)
      junkEnd = VisualLines.hasJunkEnd(text)
      (bars, barsOrLookalikes) = VisualLines.barKind(text)
    }
  }

  /// `isText` and `VisualLines.hasJunkEnd` of a word whose first byte leads no bar nor a bar's
  /// look-alike (so `barKind` is false twice), read off its bytes in one look, where the three
  /// tests walked them three times for every word of every page; nil when a scalar beyond the
  /// letters below would have to be looked up. Junk at an end is `_`, `|`, U+00A6 (C2 A6) or
  /// U+2502 (E2 94 82); a word is text when it holds an ASCII letter or digit or a Vietnamese
  /// letter: a scalar led by C4–C6 (Latin Extended-A and -B, all letters), by C3 (Latin-1's
  /// letters, but for × and ÷, C3 97 and C3 B7), or by E1 BA or E1 BB (U+1E80–1EFF, all
  /// letters).
  static func byteFacts(_ b: UnsafeBufferPointer<UInt8>) -> (isText: Bool, junkEnd: Bool)? {
    guard let first = b.first, let last = b.last else { return nil }
    // Bars: | ¦ │ ‖ ┃ (7C, C2 A6, E2 …); look-alikes: ! I l.
    guard first != 0x7C, first != 0x21, first != 0x49, first != 0x6C, first != 0xC2, first != 0xE2 else { return nil }
    let n = b.count
    let junkEnd =
      first == 0x5F || last == 0x5F || last == 0x7C || (n >= 2 && b[n - 2] == 0xC2 && last == 0xA6)
      || (n >= 3 && b[n - 3] == 0xE2 && b[n - 2] == 0x94 && last == 0x82)
    var unsettled = false
    var i = 0
    while i < n {
      let c = b[i]
      if c < 0x80 {
        if c &- 0x30 < 10 || (c | 0x20) &- 0x61 < 26 { return (true, junkEnd) }
      } else if c >= 0xC4 && c <= 0xC6 {
        return (true, junkEnd)
      } else if c == 0xC3, i + 1 < n, b[i + 1] != 0x97, b[i + 1] != 0xB7 {
        return (true, junkEnd)
      } else if c == 0xE1, i + 1 < n, b[i + 1] == 0xBA || b[i + 1] == 0xBB {
        return (true, junkEnd)
      } else {
        unsettled = true
      }
      i += 1
    }
    return unsettled ? nil : (false, junkEnd)
  }

  var width: Double { x1 - x0 }
  var height: Double { y1 - y0 }
  var centerX: Double { (x0 + x1) / 2 }
  var centerY: Double { (y0 + y1) / 2 }
}

/// The texts of one document's words, which `OCRWord.textID` names: their UTF-8 bytes one
/// after another in one buffer, and where each ends.
///
/// A String per word cost every word a String made by its reader, a retain when stored, and
/// a release through the array's generic teardown; a page holds thousands of words. Strings
/// are made only where a word's text goes on as one (`subscript`, `joined`).
struct WordTexts: Sendable {
  /// The ID of the empty text.
  static let empty: Int32 = 0
  private var bytes: [UInt8] = []
  /// `ends[k]`: where text `k` ends in `bytes`; it starts where text `k - 1` ends. Text 0 is
  /// the empty one (`ends[0] == 0`).
  private var ends: [Int] = [0]

  init() {}

  /// Adds a text and returns its ID (the empty text is always `empty`).
  mutating func add(_ text: String) -> Int32 {
    text.withUTF8Bytes { add(utf8: $0) }
  }

  /// Adds a text given as well-formed UTF-8 and returns its ID.
  mutating func add(utf8 text: UnsafeBufferPointer<UInt8>) -> Int32 {
    guard !text.isEmpty else { return Self.empty }
    bytes.append(contentsOf: text)
    ends.append(bytes.count)
    return Int32(ends.count - 1)
  }

  /// Where the text of `id` lies in `bytes`.
  @inline(__always)
  private func range(_ id: Int32) -> Range<Int> {
    let k = Int(id)
    return k == 0 ? 0..<0 : ends[k - 1]..<ends[k]
  }

  subscript(_ w: OCRWord) -> String { withUTF8(w) { String(trustedUTF8: $0) } }

  /// Calls `body` with the word's text as UTF-8, in place.
  func withUTF8<R>(_ w: OCRWord, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    let r = range(w.textID)
    return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[r])) }
  }

  /// The texts of `words` joined by single spaces (`map { texts[$0] }.joinedText(" ")`),
  /// written once into a string of the final size. Layout joins the words of every line and
  /// cell.
  func joined(_ words: some Collection<OCRWord>) -> String {
    bytes.withUnsafeBufferPointer { all in
      guard words.count > 1 else { return words.first.map { self[$0] } ?? "" }
      var total = -1
      for w in words { total += range(w.textID).count + 1 }
      return String(trustedUTF8Capacity: total) { out in
        var o = 0
        var first = true
        for w in words {
          if !first {
            out[o] = 0x20
            o += 1
          }
          first = false
          let r = range(w.textID)
          guard !r.isEmpty, let base = all.baseAddress else { continue }
          // A word is short: copied without a call to memmove.
          ShortBytes.copyAny(UnsafeRawPointer(base + r.lowerBound), to: UnsafeMutableRawPointer(out.baseAddress! + o), count: r.count)
          o += r.count
        }
        return o
      }
    }
  }

  /// The texts of `ranges` of `source` (well-formed UTF-8, each range whole scalars and not
  /// empty), IDs 1, 2, … in order, copied into a buffer of their total size at once: a
  /// -layout dump's words are all known before any is placed, and adding them one by one
  /// went through the array's general append for each.
  init(_ source: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>]) {
    var total = 0
    for r in ranges { total += r.count }
    bytes = [UInt8](unsafeUninitializedCapacity: total) { out, count in
      var o = 0
      if let from = source.baseAddress, let to = out.baseAddress {
        for r in ranges {
          ShortBytes.copyAny(UnsafeRawPointer(from + r.lowerBound), to: UnsafeMutableRawPointer(to + o), count: r.count)
          o += r.count
        }
      }
      count = o
    }
    ends = [Int](unsafeUninitializedCapacity: ranges.count + 1) { out, count in
      var end = 0
      out[0] = 0
      for (k, r) in ranges.enumerated() {
        precondition(!r.isEmpty, "a text of the bulk initialiser is not empty")
        end += r.count
        out[k + 1] = end
      }
      count = ranges.count + 1
    }
  }

  /// Room for `n` more texts.
  mutating func reserveCapacity(_ n: Int) {
    ends.reserveCapacity(ends.count + n)
  }
}

/// Words and the texts they name, as a reader gives them to `LayoutBuilder`.
struct OCRWords: Sendable {
  var words: [OCRWord] = []
  var texts = WordTexts()

  init() {}

  init(words: [OCRWord], texts: WordTexts) {
    self.words = words
    self.texts = texts
  }

  /// Room for `n` more words.
  mutating func reserveCapacity(_ n: Int) {
    words.reserveCapacity(n)
    texts.reserveCapacity(n)
  }

  /// Appends a word of another list, its text added to these.
  mutating func append(_ word: OCRWord, from other: WordTexts) {
    var w = word
    w.textID = other.withUTF8(word) { texts.add(utf8: $0) }
    words.append(w)
  }

  /// Appends a word with its text.
  mutating func append(
    text: String, page: Int, x0: Double, y0: Double, x1: Double, y1: Double, conf: Double, lineID: Int,
    sourceLine: Int, isDrawnRule: Bool = false
  ) {
    words.append(
      OCRWord(
        text: text, in: &texts, page: page, x0: x0, y0: y0, x1: x1, y1: y1, conf: conf, lineID: lineID,
        sourceLine: sourceLine, isDrawnRule: isDrawnRule))
  }

  /// Appends a word with its text given as well-formed UTF-8 (whole scalars).
  mutating func append(
    utf8: UnsafeBufferPointer<UInt8>, page: Int, x0: Double, y0: Double, x1: Double, y1: Double, conf: Double,
    lineID: Int, sourceLine: Int
  ) {
    words.append(
      OCRWord(
        utf8: utf8, in: &texts, page: page, x0: x0, y0: y0, x1: x1, y1: y1, conf: conf, lineID: lineID,
        sourceLine: sourceLine))
  }
}

/// The page and the box that hold some words: where a line built from them stands.
struct WordBox: Sendable, Equatable {
  var page: Int
  var x0: Double
  var y0: Double
  var x1: Double
  var y1: Double

  /// Nil for no words. Words of other pages than the first are left out (a line never
  /// spans pages).
  init?(_ words: some Sequence<OCRWord>) {
    var rest = words.makeIterator()
    guard let first = rest.next() else { return nil }
    page = first.page
    x0 = first.x0
    y0 = first.y0
    x1 = first.x1
    y1 = first.y1
    while let w = rest.next() {
      guard w.page == page else { continue }
      x0 = min(x0, w.x0)
      y0 = min(y0, w.y0)
      x1 = max(x1, w.x1)
      y1 = max(y1, w.y1)
    }
  }

  /// The box of the words of `lines`, in order, without an array of every word of a
  /// paragraph.
  init?(lines: [VisualLine]) {
    self.init(lines.lazy.flatMap(\.words))
  }
}
