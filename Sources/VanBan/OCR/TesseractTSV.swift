/// Tesseract's TSV output (`tesseract IMAGE out tsv`): one row per page, block, paragraph,
/// line and word; only the word rows (level 5) carry text.
enum TesseractTSV {
  static let columns = [
    "level", "page_num", "block_num", "par_num", "line_num", "word_num", "left", "top", "width", "height", "conf", "text",
  ]

  /// Whether a line is the header Tesseract writes first; the text column may be missing when
  /// a tool trimmed trailing tabs.
  static func isHeader(_ line: Substring) -> Bool {
    let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
    guard fields.count >= 11 else { return false }
    for (k, f) in fields.prefix(11).enumerated() {
      let name = f.ocrTrimmed().lowercased()
      if name != columns[k] { return false }
    }
    return true
  }

  static func words(_ text: String) throws(ParseError) -> [OCRWord] {
    var words: [OCRWord] = []
    var pageOffset = 0
    var maxPage = 0
    var sawHeader = false
    var lineID = 0
    var lastLineKey: (Int, Int, Int, Int)? = nil
    for source in LineSplitter.split(text) {
      let raw = source.text
      if raw.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }) { continue }
      let line = raw.first == "\u{FEFF}" ? raw.dropFirst() : raw
      if isHeader(line) {
        // `cat` of several TSV files: each restarts at page 1, so later ones follow on.
        if sawHeader { pageOffset = maxPage }
        sawHeader = true
        continue
      }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard fields.count >= 11 else {
        if !sawHeader && words.isEmpty {
          throw .badLayout(
            "line \(source.number): not Tesseract TSV — expected the header `level page_num … conf text` or a row of 12 tab-separated columns, found \(fields.count) column\(fields.count == 1 ? "" : "s")")
        }
        throw .badLayout(
          "line \(source.number): truncated TSV row — Tesseract writes 12 tab-separated columns (level … text), this row has \(fields.count)")
      }
      var numbers: [Double] = []
      numbers.reserveCapacity(11)
      for k in 0..<11 {
        let f = fields[k].ocrTrimmed()
        guard let v = Double(f), v.isFinite else {
          throw .badLayout("line \(source.number): column `\(columns[k])` is \"\(f.prefix(40))\", not a number")
        }
        numbers.append(v)
      }
      guard numbers[0] == 5 else { continue }
      guard numbers[8] >= 0, numbers[9] >= 0 else {
        throw .badLayout("line \(source.number): a word box with a negative width or height")
      }
      let word = fields.count > 11 ? fields[11...].joined(separator: "\t") : ""
      let trimmed = Substring(word).ocrTrimmed()
      // An empty word that is long and thin is a table rule Tesseract found; rules mark rows.
      let isRule = trimmed.isEmpty && (numbers[8] > 8 * numbers[9] || numbers[9] > 8 * numbers[8])
      guard !trimmed.isEmpty || isRule else { continue }
      let page = Int(numbers[1]) + pageOffset
      maxPage = max(maxPage, page)
      let key = (page, Int(numbers[2]), Int(numbers[3]), Int(numbers[4]))
      if let last = lastLineKey, last == key {} else { lineID += 1 }
      lastLineKey = key
      words.append(
        OCRWord(
          text: String(trimmed), page: max(page, 1), x0: numbers[6], y0: numbers[7], x1: numbers[6] + numbers[8],
          y1: numbers[7] + numbers[9], conf: numbers[10], lineID: lineID, sourceLine: source.number))
    }
    return words
  }
}

extension Substring {
  /// Without spaces, tabs and no-break spaces at either end (OCR text keeps no other padding).
  func ocrTrimmed() -> Substring {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{A0}" || $0 == "\r" || $0 == "\n" }
    guard let start = firstIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
    let end = lastIndex(where: { !isSpace($0) })!
    return self[start...end]
  }
}
