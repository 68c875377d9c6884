import VanBanText

/// What one input file holds once its format is read: blocks in reading order, each with
/// where it came from. Every reader (text, OCR TSV/hOCR, `pdftotext -layout`, PDF, image,
/// DOCX, HTML) yields one; the parser reads it and never asks which format it was.
public struct SourceDocument: Sendable {
  /// What was read: "text", "tsv", "hocr", "layout", "html", "pdf", "image", "docx", "doc"
  /// (a Word 97–2003 file, read through LibreOffice's conversion to DOCX).
  public var format: String
  public var blocks: [SourceBlock]
  /// Pages, for paged inputs (PDF, images, OCR files); nil for flowing text.
  public var pages: Int?
  /// 1-based pages whose words came from OCR rather than a text layer.
  public var ocrPages: [Int]
  /// What the reader noticed and could not help (a page OCRed because its text layer was
  /// garbage, an image skipped): each becomes one diagnostic.
  public var notes: [InputNote]
  /// The text encoding found ("utf-8", "windows-1258", "html/utf-8" …); nil where the format
  /// fixes it (PDF, DOCX).
  public var encoding: String?
  /// The file's own count of lines, where it has lines the parser's numbers point into
  /// (an HTML page); nil to count the lines the blocks make.
  public var lineCount: Int?
  /// Row and column boundaries were inferred from word positions (a PDF, a scan, OCR output),
  /// not given by the file: a row may be split or damaged, so the parser reads tables more
  /// forgivingly.
  public var laidOutFromBoxes: Bool

  public init(
    format: String, blocks: [SourceBlock] = [], pages: Int? = nil, ocrPages: [Int] = [], notes: [InputNote] = [],
    encoding: String? = nil, lineCount: Int? = nil, laidOutFromBoxes: Bool = false
  ) {
    self.format = format
    self.blocks = blocks
    self.pages = pages
    self.ocrPages = ocrPages
    self.notes = notes
    self.encoding = encoding
    self.lineCount = lineCount
    self.laidOutFromBoxes = laidOutFromBoxes
  }
}

/// Where a block came from: a line of the file (for text formats, the line an editor shows;
/// 0 where the file has no lines — PDF, images, DOCX — and the parser numbers lines in
/// reading order), and the page and box where the format has pages.
public struct SourceLocation: Sendable, Equatable {
  public var line: Int
  public var page: Int?
  public var bbox: BoundingBox?

  public init(line: Int, page: Int? = nil, bbox: BoundingBox? = nil) {
    self.line = line
    self.page = page
    self.bbox = bbox
  }
}

/// A box in the page's own units (PDF points, or image pixels), y growing downwards.
public struct BoundingBox: Sendable, Equatable {
  public var x0: Double
  public var y0: Double
  public var x1: Double
  public var y1: Double

  public init(x0: Double, y0: Double, x1: Double, y1: Double) {
    self.x0 = x0
    self.y0 = y0
    self.x1 = x1
    self.y1 = y1
  }

  /// The smallest box holding both.
  public func union(_ o: BoundingBox) -> BoundingBox {
    BoundingBox(x0: min(x0, o.x0), y0: min(y0, o.y0), x1: max(x1, o.x1), y1: max(y1, o.y1))
  }
}

public enum SourceBlock: Sendable {
  case paragraph(SourceParagraph)
  case table(SourceTable)
  /// The page that starts here (2, 3, …).
  case pageBreak(page: Int)
  /// Lines whose structure is in their characters: a text file as written (markdown, pipes,
  /// runs of spaces), or lines rebuilt from word boxes (columns parted by tabs, blocks by
  /// blank lines).
  case text(SourceText)
}

/// Lines of text, parted by "\n" (a text file keeps its own CR/LF breaks), with where each
/// stands when that is not simply line 1, 2, … of the file.
public struct SourceText: Sendable {
  public var text: String
  /// For line k of `text`, `locations[k]`: the OCR file's or the HTML source's line, the page
  /// and the words' box. Nil: the lines are the file's lines, numbered from 1.
  public var locations: [SourceLocation]?

  public init(text: String, locations: [SourceLocation]? = nil) {
    self.text = text
    self.locations = locations
  }
}

public struct SourceParagraph: Sendable {
  /// The text; a line break inside the paragraph (Word's `<w:br/>`, HTML's `<br>`) is "\n".
  public var text: String
  public var location: SourceLocation
  /// The numbering label as the document renders it ("1.", "a)", "-", "II."), when it comes
  /// from list numbering rather than from the text.
  public var numbering: String?
  /// Every run bold: a heading, or the issuer block.
  public var isBold: Bool

  public init(text: String, location: SourceLocation, numbering: String? = nil, isBold: Bool = false) {
    self.text = text
    self.location = location
    self.numbering = numbering
    self.isBold = isBold
  }
}

/// A table with its real cells: a merged cell is one cell with its spans, and the rows it
/// covers below hold no cell in its place (`isCovered`).
public struct SourceTable: Sendable {
  public var rows: [[SourceCell]]
  public var location: SourceLocation

  public init(rows: [[SourceCell]], location: SourceLocation) {
    self.rows = rows
    self.location = location
  }
}

public struct SourceCell: Sendable {
  /// The cell's paragraphs joined by "\n".
  public var text: String
  public var rowSpan: Int
  public var colSpan: Int
  /// A place a cell above spans into (Word's `vMerge` continuation, HTML's `rowspan`).
  public var isCovered: Bool
  public var location: SourceLocation

  public init(text: String, rowSpan: Int = 1, colSpan: Int = 1, isCovered: Bool = false, location: SourceLocation) {
    self.text = text
    self.rowSpan = rowSpan
    self.colSpan = colSpan
    self.isCovered = isCovered
    self.location = location
  }
}

/// Something a reader noticed, to be reported as a diagnostic.
public struct InputNote: Sendable, Equatable {
  public var code: String
  public var message: String
  public var location: SourceLocation

  public init(code: String, message: String, location: SourceLocation) {
    self.code = code
    self.message = message
    self.location = location
  }
}

/// Why a file could not be read at all.
public enum InputError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file needs a password (an encrypted PDF).
  case encrypted
  /// The format was recognised but the file is damaged or cut short.
  case damaged(String)
  /// A document with nothing in it (a PDF with no pages, a DOCX with no body).
  case empty(String)
  /// Not a document vanban reads (an executable, an archive that is not DOCX, …).
  case unsupported(String)
  /// Reading needs a program or library that is not installed.
  case missingTool(String)
  /// Past a size or time limit (a zip bomb, a page too large to render).
  case tooLarge(String)
  /// Text in no encoding vanban knows.
  case undecodable(DecodeError)
  /// OCR output with boxes (Tesseract TSV, hOCR) that could not be read.
  case badLayout(String)
  /// An HTML page libxml2 could not read.
  case badHTML(String)

  public var description: String {
    switch self {
    case .encrypted: "encrypted: the file needs a password"
    case .damaged(let m): "damaged: " + m
    case .empty(let m): "empty: " + m
    case .unsupported(let m): "not a supported document: " + m
    case .missingTool(let m): m
    case .tooLarge(let m): "too large: " + m
    case .undecodable(let e): e.description
    case .badLayout(let m), .badHTML(let m): m
    }
  }
}

/// One word with its box on a page, as a PDF text layer or OCR gives it.
public struct InputWord: Sendable, Equatable {
  public var text: String
  /// 1-based page.
  public var page: Int
  public var box: BoundingBox
  /// OCR confidence (0–100), or -1 for a text layer.
  public var confidence: Double
  /// The reader's own line (Tesseract's text line, poppler's line): words of one line
  /// measure the page's skew.
  public var lineID: Int

  public init(text: String, page: Int, box: BoundingBox, confidence: Double = -1, lineID: Int) {
    self.text = text
    self.page = page
    self.box = box
    self.confidence = confidence
    self.lineID = lineID
  }
}

/// A page's words and size, in the units of its boxes.
public struct PageWords: Sendable {
  public var page: Int
  public var width: Double
  public var height: Double
  public var words: [InputWord]
  /// The lines drawn on the page (a table's grid), where they were looked for.
  public var rules: [RuleLine]
  /// The words of a digital signature's stamp that a signed PDF's annotations print ("TRUNG
  /// TÂM CÔNG BÁO VÀ TIN HỌC ttcbth@… 24.01.2025 20:01:14 +07:00"), left out of `words`: the
  /// signing system's, not the document's. Nil when there is none.
  public var stampText: String?

  public init(page: Int, width: Double, height: Double, words: [InputWord], rules: [RuleLine] = []) {
    self.page = page
    self.width = width
    self.height = height
    self.words = words
    self.rules = rules
  }
}
