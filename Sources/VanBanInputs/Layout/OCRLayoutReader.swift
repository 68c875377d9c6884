/// OCR output with word boxes (Tesseract TSV, hOCR; a `pdftotext -layout` dump, whose
/// character columns are boxes too) turned into text lines, with table
/// columns separated by tabs, rebuilt from the words' positions.
///
/// Plain OCR text interleaves the cells of a scanned table line by line and runs the issuer
/// block into the national motto; only the boxes say which words belong together. The lines
/// produced here have the shape the text parser already reads (one paragraph or table row per
/// line, blank lines between blocks), so everything after this step is shared with plain text.
/// Each line is numbered by the line of the OCR file holding its first word.
enum OCRLayoutReader {
  /// How much of the start of the input detection looks at.
  static let sniffLength = 65_536

  static func detect(_ text: String, columnNames: any ColumnHeaderLexicon) -> InputFormat {
    if TesseractTSV.isHeader(firstLine(text)) { return .tsv }
    if HOCRReader.looksLikeHOCR(Substring(text).utf8.prefix(sniffLength)) { return .hocr }
    if LayoutTextReader.looksLikeLayoutText(text, lexicon: columnNames) { return .layout }
    return .text
  }

  /// The first line of `text` that holds something besides BOMs, spaces and line breaks,
  /// within its first 4,096 bytes: where a TSV header stands.
  ///
  /// Found on the bytes, as the Character walk below finds it, when the line ends within those
  /// bytes and what is skipped before it is followed by ASCII (then every skipped byte was a
  /// Character of its own; a CR before an LF is one Character with it, which that walk does not
  /// skip either). Otherwise the Character walk decides. It ran on every text input, and
  /// decoding the 4,096 bytes and walking the first line's Characters cost ~40,000
  /// instructions a document.
  static func firstLine(_ text: String) -> Substring {
    let cut: Range<Int>? = text.withUTF8Bytes { b in
      let n = min(b.count, 4096)
      var start = 0
      while start < n {
        let c = b[start]
        if c == 0x20 || c == 0x0A || (c == 0x0D && !(start + 1 < b.count && b[start + 1] == 0x0A)) {
          start += 1
        } else if c == 0xEF, start + 2 < n, b[start + 1] == 0xBB, b[start + 2] == 0xBF {
          start += 3
        } else {
          break
        }
      }
      if start > 0, start < n, b[start] >= 0x80 { return nil }
      var end = start
      while end < n, b[end] != 0x0A, b[end] != 0x0D { end += 1 }
      return end < n ? start..<end : nil
    }
    if let cut { return text.utf8Slice(cut) }
    var line = Substring(String(decoding: text.utf8.prefix(4096), as: UTF8.self))
    while let f = line.first, f == "\u{FEFF}" || f == "\n" || f == "\r" || f == " " { line = line.dropFirst() }
    if let end = line.firstIndex(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) { line = line[..<end] }
    return line
  }

  static func lines(from text: String, format: InputFormat, columnNames: any ColumnHeaderLexicon) throws(InputError) -> (
    lines: [SourceLine], boxes: [WordBox?]
  ) {
    let words: OCRWords
    switch format {
    case .tsv:
      words = try TesseractTSV.words(text)
    case .hocr:
      words = try HOCRReader.words(text)
    case .layout:
      words = LayoutTextReader.words(text)
    case .auto, .text, .html, .pdf, .image, .docx:
      return (LineSplitter.split(text), [])
    }
    guard !words.words.isEmpty else {
      let message =
        switch format {
        case .tsv: "the Tesseract TSV holds no recognised words (no level-5 row with text)"
        case .hocr: "the hOCR holds no recognised words (no `ocrx_word` or `ocr_line` element with a bbox and text)"
        default: "the layout text holds no words"
        }
      throw .badLayout(message)
    }
    return LayoutBuilder.buildWithBoxes(words, columnNames: columnNames)
  }
}
