import VanBanText

/// How one file is read.
public struct ReadOptions: Sendable {
  /// The format to read the bytes as; `.auto` decides from magic bytes and content, never from
  /// the file's name.
  public var format: InputFormat
  /// The text encoding, when the user names it; nil to detect it.
  public var encoding: String?
  public var ocr: OCROptions
  /// The column names of the grammar, for the layout builder's table headers.
  public var columnNames: any ColumnHeaderLexicon

  public init(
    format: InputFormat = .auto, encoding: String? = nil, ocr: OCROptions = OCROptions(),
    columnNames: any ColumnHeaderLexicon = NoColumnNames()
  ) {
    self.format = format
    self.encoding = encoding
    self.ocr = ocr
    self.columnNames = columnNames
  }
}

/// The input layer's one door: any file's bytes in, one `SourceDocument` out. The format is
/// told by the bytes (or named by the user); each format has its reader; what is not a
/// document is refused here, with the reason.
public enum SourceReader {
  /// The formats told by their first bytes.
  public enum BinaryKind: String, Sendable {
    case pdf, image, docx, doc
  }

  /// What the first bytes say, or nil for text (and for HTML, OCR output and layout dumps,
  /// which are text too).
  public static func binaryKind(of bytes: [UInt8]) -> BinaryKind? {
    if Sniff.isPDF(bytes) { return .pdf }
    if Sniff.imageKind(bytes) != nil { return .image }
    if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .docx }
    if LegacyDocConverter.isLegacyDoc(bytes) { return .doc }
    return nil
  }

  /// The binary format to read the bytes as: the one the user names, else the one the first
  /// bytes show; nil for the text formats.
  public static func binaryKind(of bytes: [UInt8], format: InputFormat) -> BinaryKind? {
    switch format {
    case .pdf: .pdf
    case .image: .image
    case .docx: LegacyDocConverter.isLegacyDoc(bytes) ? .doc : .docx
    case .auto: binaryKind(of: bytes)
    case .text, .tsv, .hocr, .layout, .html: nil
    }
  }

  public static func read(_ bytes: [UInt8], options: ReadOptions = ReadOptions()) throws(InputError) -> SourceDocument {
    if let kind = binaryKind(of: bytes, format: options.format) {
      return try read(bytes, kind: kind, options: options)
    }
    if options.format == .html || (options.format == .auto && HTMLReader.looksLikeHTML(bytes)) {
      let page = try HTMLDocumentReader.readPage(bytes)
      var document = page.document
      document.encoding = "html/" + (page.encoding ?? "utf-8")
      // The lines the JSON's `line` numbers point into are the page's own.
      document.lineCount = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
      return document
    }
    let decoded: DecodedText
    do {
      decoded = try TextDecoder.decode(bytes, encoding: options.encoding)
    } catch {
      throw .undecodable(error)
    }
    // One tone placement ("hòa", not "hoà"), so old- and new-style copies of a plan parse alike.
    let text = ToneStyle.modernize(ICUNormalizer.nfc(decoded.text))
    let format = options.format == .auto ? OCRLayoutReader.detect(text, columnNames: options.columnNames) : options.format
    switch format {
    case .tsv, .hocr, .layout:
      let built = try OCRLayoutReader.lines(from: text, format: format, columnNames: options.columnNames)
      // Each line is numbered by the line of the OCR file holding its first word.
      let locations = built.lines.map { SourceLocation(line: $0.number) }
      return SourceDocument(
        format: format.rawValue, blocks: [.text(SourceText(text: built.lines.map(\.text).joined(separator: "\n"), locations: locations))],
        encoding: decoded.encoding, laidOutFromBoxes: true)
    case .auto, .text, .html, .pdf, .image, .docx:
      return SourceDocument(format: "text", blocks: [.text(SourceText(text: text))], encoding: decoded.encoding)
    }
  }

  private static func read(_ bytes: [UInt8], kind: BinaryKind, options: ReadOptions) throws(InputError) -> SourceDocument {
    switch kind {
    case .pdf:
      let reading = try PDFDocumentReader(options: options.ocr).read(bytes)
      return SourceDocument(
        format: "pdf", blocks: PagedLayout.blocks(reading.pages, columnNames: options.columnNames), pages: reading.pages.count,
        ocrPages: reading.ocrPages, notes: reading.notes, encoding: "utf-8", laidOutFromBoxes: true)
    case .image:
      let reading = try ImageDocumentReader(options: options.ocr).read(bytes)
      return SourceDocument(
        format: "image", blocks: PagedLayout.blocks(reading.pages, columnNames: options.columnNames),
        pages: reading.pages.count, ocrPages: options.ocr.mode == .never ? [] : reading.pages.map(\.page),
        notes: reading.notes, encoding: "utf-8", laidOutFromBoxes: true)
    case .docx:
      var document = try DOCXReader.read(bytes)
      document.encoding = "utf-8"
      return document
    case .doc:
      var document = try LegacyDocConverter().read(bytes)
      document.format = "docx"
      document.encoding = "utf-8"
      return document
    }
  }
}
