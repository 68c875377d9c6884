/// OCR output with word boxes (Tesseract TSV, hOCR) turned into text lines, with table
/// columns separated by tabs, rebuilt from the words' positions.
///
/// Scaffold: detection answers `.text` until the layout reader lands.
enum OCRLayoutReader {
  static func detect(_ text: String) -> InputFormat { .text }

  static func lines(from text: String, format: InputFormat) throws(ParseError) -> [SourceLine] {
    LineSplitter.split(text)
  }
}
