import VanBanText

/// One recognised word with its box, in the image's pixel coordinates (y grows downwards).
struct OCRWord: Sendable {
  var text: String {
    didSet { isText = Self.isText(text) }
  }
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
  private(set) var isText: Bool
  /// A line drawn on the page (a PDF's table grid), not a word: the empty text of an OCR
  /// rule, with the certainty that it is one.
  var isDrawnRule = false

  init(
    text: String, page: Int, x0: Double, y0: Double, x1: Double, y1: Double, conf: Double, lineID: Int, sourceLine: Int,
    isDrawnRule: Bool = false
  ) {
    self.isDrawnRule = isDrawnRule
    self.text = text
    self.page = page
    self.x0 = x0
    self.y0 = y0
    self.x1 = x1
    self.y1 = y1
    self.conf = conf
    self.lineID = lineID
    self.sourceLine = sourceLine
    isText = Self.isText(text)
  }

  var width: Double { x1 - x0 }
  var height: Double { y1 - y0 }
  var centerX: Double { (x0 + x1) / 2 }
  var centerY: Double { (y0 + y1) / 2 }

  /// Letters or digits: real text rather than a rule, a speck or a border mistaken for a glyph.
  var hasAlphanumeric: Bool {
    text.unicodeScalars.contains { ScalarClass.isAlphanumeric($0) }
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
  init?(_ words: [OCRWord]) {
    guard let first = words.first else { return nil }
    page = first.page
    x0 = first.x0
    y0 = first.y0
    x1 = first.x1
    y1 = first.y1
    for w in words.dropFirst() where w.page == page {
      x0 = min(x0, w.x0)
      y0 = min(y0, w.y0)
      x1 = max(x1, w.x1)
      y1 = max(y1, w.y1)
    }
  }
}
