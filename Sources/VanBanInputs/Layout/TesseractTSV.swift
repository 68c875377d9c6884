import VanBanBytes
import VanBanText

/// Tesseract's TSV output (`tesseract IMAGE out tsv`): one row per page, block, paragraph,
/// line and word; only the word rows (level 5) carry text.
enum TesseractTSV {
  static let columns = [
    "level", "page_num", "block_num", "par_num", "line_num", "word_num", "left", "top", "width", "height", "conf", "text",
  ]

  /// Whether a line is the header Tesseract writes first; the text column may be missing when
  /// a tool trimmed trailing tabs.
  static func isHeader(_ line: Substring) -> Bool {
    // Rows start with a digit: the header test then costs one byte.
    if let first = line.utf8.first(where: { $0 != 0x20 }), first &- 0x30 < 10 { return false }
    // Eleven fields need ten tabs, counted on the bytes: the first line of every text input
    // comes here, and splitting it into Characters cost ~16,000 instructions a document.
    var tabs = 0
    for b in line.utf8 where b == 0x09 { tabs += 1 }
    guard tabs >= 10 else { return false }
    let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
    guard fields.count >= 11 else { return false }
    for (k, f) in fields.prefix(11).enumerated() {
      let name = f.ocrTrimmed().lowercased()
      if name != columns[k] { return false }
    }
    return true
  }

  /// The words of a TSV file, read in one walk over its bytes: lines cut where
  /// `LineSplitter` cuts them (so numbered the same), fields by offsets, and a String made
  /// only for each word's text. Reading line by line through Substrings (the split, blank and
  /// trim tests on their UTF-8 views) was most of reading a TSV file, and reading one was a
  /// third of parsing it.
  static func words(_ text: String) throws(InputError) -> OCRWords {
    let result: Result<OCRWords, InputError> = text.withUTF8Bytes { b in
      do throws(InputError) {
        return .success(try words(b))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  private static func words(_ b: UnsafeBufferPointer<UInt8>) throws(InputError) -> OCRWords {
    var words = OCRWords()
    var pageOffset = 0
    var maxPage = 0
    var sawHeader = false
    var lineID = 0
    var lastLineKey: (Int, Int, Int, Int)? = nil
    let cuts = LineSplitter.cuts(b)
    // Most rows are words.
    words.reserveCapacity(cuts.count)
    for (k, cut) in cuts.enumerated() {
      let number = k + 1
      var lo = cut.0
      let hi = cut.1
      if isBlank(b, lo, hi) { continue }
      if hi - lo >= 3, b[lo] == 0xEF, b[lo + 1] == 0xBB, b[lo + 2] == 0xBF { lo += 3 }
      // Rows start with a digit; anything else may be the header, which is read as text.
      var first = lo
      while first < hi, b[first] == 0x20 { first += 1 }
      if first == hi || b[first] &- 0x30 >= 10, isHeader(Substring(Self.text(b, lo, hi))) {
        // `cat` of several TSV files: each restarts at page 1, so later ones follow on.
        if sawHeader { pageOffset = maxPage }
        sawHeader = true
        continue
      }
      // Read in place: a row handed back by value, and its numbers bound apart below, were
      // each a copy of the eleven numbers (a memcpy a word).
      var row = Row(text: hi..<hi)
      Self.read(b, lo, hi, into: &row)
      guard row.fieldCount >= 11 else {
        if !sawHeader && words.words.isEmpty {
          throw .badLayout(
            "line \(number): not Tesseract TSV — expected the header `level page_num … conf text` or a row of 12 tab-separated columns, found \(row.fieldCount) column\(row.fieldCount == 1 ? "" : "s")")
        }
        throw .badLayout(
          "line \(number): truncated TSV row — Tesseract writes 12 tab-separated columns (level … text), this row has \(row.fieldCount)")
      }
      if let (k, field) = row.bad {
        let shown = Substring(Self.text(b, field.lowerBound, field.upperBound)).ocrTrimmed()
        throw .badLayout("line \(number): column `\(columns[k])` is \"\(shown.prefix(40))\", not a number")
      }
      guard row.numbers[0] == 5 else { continue }
      guard row.numbers[8] >= 0, row.numbers[9] >= 0 else {
        throw .badLayout("line \(number): a word box with a negative width or height")
      }
      let trimmed = b.ocrTrimmed(row.text)
      // An empty word that is long and thin is a table rule Tesseract found; rules mark rows.
      let isRule = trimmed.isEmpty && (row.numbers[8] > 8 * row.numbers[9] || row.numbers[9] > 8 * row.numbers[8])
      guard !trimmed.isEmpty || isRule else { continue }
      let page = Int(row.numbers[1]) + pageOffset
      maxPage = max(maxPage, page)
      let key = (page, Int(row.numbers[2]), Int(row.numbers[3]), Int(row.numbers[4]))
      if let last = lastLineKey, last == key {} else { lineID += 1 }
      lastLineKey = key
      // The word's bytes as they stand, cut at scalar boundaries (see `text`).
      words.append(
        utf8: UnsafeBufferPointer(rebasing: b[trimmed]), page: max(page, 1), x0: row.numbers[6], y0: row.numbers[7],
        x1: row.numbers[6] + row.numbers[8], y1: row.numbers[7] + row.numbers[9], conf: row.numbers[10], lineID: lineID,
        sourceLine: number)
    }
    return words
  }

  /// The text of bytes `lo..<hi` of a String's UTF-8, cut at scalar boundaries (after ASCII
  /// bytes, or where a no-break space or the text starts or ends).
  private static func text(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> String {
    String(trustedUTF8: UnsafeBufferPointer(rebasing: b[lo..<hi]))
  }

  /// One row's fields, read by byte offsets into the file's buffer: Character splitting,
  /// Substring views and Double(Substring) were nine tenths of reading a TSV file.
  struct Row {
    var fieldCount = 0
    /// The first eleven fields as numbers, while they are numbers (`count` of them): inline,
    /// since a TSV file is one row per word and an array per row was a large part of reading it.
    var numbers = InlineArray<11, Double>(repeating: 0)
    var count = 0
    /// The first field that is not a number, untrimmed.
    var bad: (Int, Range<Int>)?
    /// Everything after the eleventh tab (the word, tabs inside it kept); empty, at the line's
    /// end, when there is no such tab.
    var text: Range<Int>
  }

  /// The fields of the row in bytes `lo..<hi`, written into `row` (a fresh one): the walk for
  /// a row as Tesseract writes it, the field-by-field reading for any other. In place: handed
  /// back by value, as an optional from the walk, the row (eleven numbers) was copied again.
  @inline(__always)
  static func read(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, into row: inout Row) {
    if !readPlainRow(b, lo, hi, into: &row) { row = rowByFields(b, lo, hi) }
  }

  /// `rowByFields` of a row as Tesseract writes it, read in one walk: eleven fields of digits
  /// (an optional "-", at most nine digits, an optional "." and one to six more), each closed
  /// by a tab; false for anything else (padding, a sign or a number written otherwise, fewer
  /// tabs), which the field-by-field reading takes (`read` then replaces whatever it wrote into
  /// `row`). Each number is worked out as `number` works it out, so the values are the same
  /// Doubles. Cutting the row at its tabs first and then reading each field was most of
  /// reading a TSV file.
  @inline(__always)
  static func readPlainRow(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, into row: inout Row) -> Bool {
    var i = lo
    for k in 0..<11 {
      var negative = false
      if i < hi, b[i] == 0x2D {
        negative = true
        i += 1
      }
      let start = i
      var whole = 0
      while i < hi, b[i] &- 0x30 < 10 {
        whole = whole &* 10 &+ Int(b[i] &- 0x30)
        i += 1
      }
      let digits = i - start
      guard digits > 0, digits <= 9 else { return false }
      var value: Double
      if i < hi, b[i] == 0x2E {
        i += 1
        let fractionStart = i
        var divisor = 1.0
        while i < hi, b[i] &- 0x30 < 10, i - fractionStart < 6 {
          whole = whole &* 10 &+ Int(b[i] &- 0x30)
          divisor *= 10
          i += 1
        }
        guard i > fractionStart else { return false }
        value = Double(whole) / divisor
      } else {
        value = Double(whole)
      }
      if negative { value = -value }
      guard i < hi, b[i] == 0x09 else { return false }
      row.numbers[k] = value
      i += 1
    }
    row.count = 11
    var more = 0
    for k in i..<hi where b[k] == 0x09 { more += 1 }
    row.fieldCount = 12 + more
    row.text = i..<hi
    return true
  }

  /// The fields of the row in bytes `lo..<hi`, cut at its tabs and read one by one.
  static func rowByFields(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Row {
    var row = Row(text: hi..<hi)
    // Where the first eleven tabs are (the numbers end there), and how many follow.
    var tabs = InlineArray<11, Int>(repeating: 0)
    var found = 0
    var more = 0
    forEachTab(b, lo, hi) { t in
      if found < 11 {
        tabs[found] = t
        found += 1
      } else {
        more += 1
      }
    }
    row.fieldCount = found < 11 ? found + 1 : 12 + more
    for k in 0..<min(11, row.fieldCount) {
      let start = k == 0 ? lo : tabs[k - 1] + 1
      let end = k < found ? tabs[k] : hi
      if let v = number(b, start, end), v.isFinite {
        row.numbers[row.count] = v
        row.count += 1
      } else {
        row.bad = (k, start..<end)
        break
      }
    }
    if found == 11 { row.text = tabs[10] + 1..<hi }
    return row
  }

  /// Calls `body` with the offset of every tab, in order, sixteen bytes at a time.
  @inline(__always)
  private static func forEachTab(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, _ body: (Int) -> Void) {
    guard let base = b.baseAddress else { return }
    let raw = UnsafeRawPointer(base)
    var i = lo
    while i + 16 <= hi {
      var m = ByteVector.bits(ByteVector.equal(ByteVector.load(raw, i), 0x09))
      while m != 0 {
        body(i + m.trailingZeroBitCount)
        m &= m &- 1
      }
      i += 16
    }
    while i < hi {
      if b[i] == 0x09 { body(i) }
      i += 1
    }
  }

  /// The number in bytes `lo..<hi`, trimmed as `ocrTrimmed` trims: an integer or a decimal
  /// (`-1`, `96.58`) read directly, anything else through `Double`.
  static func number(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Double? {
    // Most fields are a few digits and nothing else (levels, page, block, line and word
    // numbers, boxes): read those at once, as the full reading below would.
    if hi > lo, hi - lo <= 9 {
      var value = 0
      var k = lo
      while k < hi, b[k] &- 0x30 < 10 {
        value = value &* 10 &+ Int(b[k] &- 0x30)
        k += 1
      }
      if k == hi { return Double(value) }
    }
    var lo = lo
    var hi = hi
    func isPad(_ x: UInt8) -> Bool { x == 0x20 || x == 0x0D || x == 0x0A }
    while lo < hi, isPad(b[lo]) || (b[lo] == 0xC2 && lo + 1 < hi && b[lo + 1] == 0xA0) { lo += b[lo] == 0xC2 ? 2 : 1 }
    while hi > lo, isPad(b[hi - 1]) || (b[hi - 1] == 0xA0 && hi - 2 >= lo && b[hi - 2] == 0xC2) { hi -= b[hi - 1] == 0xA0 ? 2 : 1 }
    var i = lo
    var negative = false
    if i < hi, b[i] == 0x2D {
      negative = true
      i += 1
    }
    var whole = 0
    let digitsStart = i
    while i < hi, b[i] &- 0x30 < 10, i - digitsStart < 15 {
      whole = whole * 10 + Int(b[i] - 0x30)
      i += 1
    }
    var exact = i > digitsStart
    var divisor = 1.0
    if exact, i < hi, b[i] == 0x2E {
      i += 1
      let fractionStart = i
      while i < hi, b[i] &- 0x30 < 10, i - fractionStart < 6 {
        whole = whole * 10 + Int(b[i] - 0x30)
        divisor *= 10
        i += 1
      }
      if i == fractionStart { exact = false }
    }
    // An integer below 2^53 divided by an exact power of ten rounds correctly: the same
    // Double that `Double(String)` gives.
    if exact, i == hi {
      let value = Double(whole) / divisor
      return negative ? -value : value
    }
    return Double(String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self))
  }

  private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// Nothing but spaces, tabs and byte-order marks in bytes `lo..<hi`.
  private static func isBlank(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
    var i = lo
    while i < hi {
      if b[i] == 0x20 || b[i] == 0x09 {
        i += 1
      } else if b[i] == 0xEF, hi - i >= 3, b[i + 1] == 0xBB, b[i + 2] == 0xBF {
        i += 3
      } else {
        return false
      }
    }
    return true
  }
}

extension Substring {
  /// Without spaces, tabs and no-break spaces at either end (OCR text keeps no other padding).
  func ocrTrimmed() -> Substring {
    // On bytes: space, tab, CR, LF and the no-break space (C2 A0).
    let u = utf8
    var lo = u.startIndex
    var hi = u.endIndex
    while lo != hi {
      let b = u[lo]
      if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A {
        u.formIndex(after: &lo)
      } else if b == 0xC2, u.index(after: lo) != hi, u[u.index(after: lo)] == 0xA0 {
        lo = u.index(lo, offsetBy: 2)
      } else {
        break
      }
    }
    while hi != lo {
      let p = u.index(before: hi)
      let b = u[p]
      if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A {
        hi = p
      } else if b == 0xA0, p != lo, u[u.index(before: p)] == 0xC2 {
        hi = u.index(before: p)
      } else {
        break
      }
    }
    return Substring(u[lo..<hi])
  }
}

extension UnsafeBufferPointer<UInt8> {
  /// `Substring.ocrTrimmed` of the bytes in `r`, as a range.
  func ocrTrimmed(_ r: Range<Int>) -> Range<Int> {
    var lo = r.lowerBound
    var hi = r.upperBound
    @inline(__always) func isPad(_ x: UInt8) -> Bool { x == 0x20 || x == 0x09 || x == 0x0D || x == 0x0A }
    while lo < hi {
      if isPad(self[lo]) {
        lo += 1
      } else if self[lo] == 0xC2, lo + 1 < hi, self[lo + 1] == 0xA0 {
        lo += 2
      } else {
        break
      }
    }
    while hi > lo {
      if isPad(self[hi - 1]) {
        hi -= 1
      } else if self[hi - 1] == 0xA0, hi - 1 > lo, self[hi - 2] == 0xC2 {
        hi -= 2
      } else {
        break
      }
    }
    return lo..<hi
  }
}
