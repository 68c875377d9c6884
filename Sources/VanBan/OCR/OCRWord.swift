/// One recognised word with its box, in the image's pixel coordinates (y grows downwards).
struct OCRWord: Sendable {
  var text: String
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

  var width: Double { x1 - x0 }
  var height: Double { y1 - y0 }
  var centerX: Double { (x0 + x1) / 2 }
  var centerY: Double { (y0 + y1) / 2 }

  /// Letters or digits: real text rather than a rule, a speck or a border mistaken for a glyph.
  var hasAlphanumeric: Bool {
    text.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
  }
}
