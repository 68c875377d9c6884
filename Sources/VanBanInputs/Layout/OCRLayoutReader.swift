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
    let head = text.utf8.prefix(sniffLength)
    var firstLine = Substring(String(decoding: head.prefix(4096), as: UTF8.self))
    while let f = firstLine.first, f == "\u{FEFF}" || f == "\n" || f == "\r" || f == " " { firstLine = firstLine.dropFirst() }
    if let end = firstLine.firstIndex(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) { firstLine = firstLine[..<end] }
    if TesseractTSV.isHeader(firstLine) { return .tsv }
    if HOCRReader.looksLikeHOCR(Substring(text).utf8.prefix(sniffLength)) { return .hocr }
    if LayoutTextReader.looksLikeLayoutText(text, lexicon: columnNames) { return .layout }
    return .text
  }

  static func lines(from text: String, format: InputFormat, columnNames: any ColumnHeaderLexicon) throws(InputError) -> (
    lines: [SourceLine], boxes: [WordBox?]
  ) {
    let words: [OCRWord]
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
    guard !words.isEmpty else {
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
