/// An HTML page — saved from a legal-document portal (thuvienphapluat, luatvietnam, vbpl.vn),
/// written by Word's "Save as Web Page", or a converter's output — read into a
/// `SourceDocument` with format "html".
///
/// - Paragraphs: the text of `<p>`, headings, `<li>` (with its list label as `numbering`:
///   "1.", "a.", "I." for `<ol>`, "-" for `<ul>`), `<div>` and the other block elements;
///   `<br>` is "\n" inside the paragraph; runs of white space are one space. A paragraph is
///   bold when every run with letters is (`<b>`, `<strong>`, a heading, or a style with
///   `font-weight` bold).
/// - Tables: real cells. `colspan` is the cell's column span; `rowspan` is its row span, and
///   the rows below hold covered places in its column (`isCovered`), as Word's `vMerge` is
///   read. A table nested in a cell is that cell's text (rows on lines, cells parted by tabs);
///   a table of one column is layout, and its cells are read as the blocks they hold.
/// - Locations: each block's `line` is the line of the HTML source its text starts on, a
///   cell's likewise (its tag's when it is empty), so the JSON points into the file the user
///   holds. There are no pages.
/// - Encoding: as libxml2 finds it (byte-order mark, `<meta charset>`); a page declaring none
///   is read as UTF-8 when its bytes are UTF-8, else as windows-1252, as browsers do. Character
///   references (`&#7871;`, which Word writes for every Vietnamese letter outside
///   windows-1252) are decoded.
/// - Page chrome (menus, banner, footer, a portal's metadata box, related-document lists,
///   hidden text, scripts and styles) is left out; see `DocumentRegion` for how the document is
///   found. A note (`html.page_chrome`) says how many lines were left out.
///
/// Bytes that are no HTML page throw: nothing or only white space (`.empty`), binary data or
/// another document format (`.unsupported`), a page cut short inside a tag (`.damaged`),
/// elements nested past `HTMLLimits.maxDepth` or a file past `maxBytes` (`.tooLarge`), a page
/// with no visible text (`.empty`).
public enum HTMLDocumentReader {
  /// What reading gives: the document and the encoding the page was read in.
  public struct Page: Sendable {
    public var document: SourceDocument
    /// libxml2's name for it, lower-cased ("windows-1252", "utf-8"); nil for a page of
    /// ASCII that declares none.
    public var encoding: String?
  }

  public static func read(_ bytes: [UInt8], limits: HTMLLimits = .standard) throws(InputError) -> SourceDocument {
    try readPage(bytes, limits: limits).document
  }

  public static func readPage(_ bytes: [UInt8], limits: HTMLLimits = .standard) throws(InputError) -> Page {
    try refuseNonHTML(bytes, limits: limits)
    let stream = try HTMLEventStream.read(bytes, maxDepth: limits.maxDepth)
    let tree = HTMLTree(events: stream.events)
    let region = DocumentRegion(tree: tree, landmarks: .standard)
    var builder = HTMLBlockBuilder(tree: tree, region: region)
    let blocks = builder.build()
    guard !blocks.isEmpty else {
      throw .empty(
        region.droppedUnits > 0
          ? "the HTML page holds only page chrome (menus, links, metadata), no document text"
          : "the HTML page has no visible text")
    }
    var notes: [InputNote] = []
    if region.droppedUnits > 0 {
      let what = region.foundLandmarks ? "around the document" : "(menus, link lists, metadata boxes)"
      notes.append(InputNote(
        code: "html.page_chrome",
        message: "\(region.droppedUnits) \(region.droppedUnits == 1 ? "line" : "lines") of the page \(what) left out as page chrome",
        location: SourceLocation(line: region.firstDroppedLine ?? 1)))
    }
    if Self.lacksEnd(bytes) {
      notes.append(InputNote(
        code: "html.no_end",
        message: "the page opens with <html> but has no </html>: it may be cut short, and only what is there was read",
        location: SourceLocation(line: lineCount(bytes))))
    }
    return Page(document: SourceDocument(format: "html", blocks: blocks, notes: notes), encoding: stream.encoding)
  }

  // MARK: - Refusals

  private static func refuseNonHTML(_ bytes: [UInt8], limits: HTMLLimits) throws(InputError) {
    guard bytes.contains(where: { !(ASCIISpace.contains($0)) }) else {
      throw .empty(bytes.isEmpty ? "the file is empty" : "the file holds only white space")
    }
    if bytes.count > limits.maxBytes {
      throw .tooLarge("the HTML page is \(bytes.count) bytes, past the limit of \(limits.maxBytes)")
    }
    if Sniff.isPDF(bytes) { throw .unsupported("a PDF, not an HTML page") }
    if let kind = Sniff.imageKind(bytes) { throw .unsupported("a \(kind.rawValue.uppercased()) picture, not an HTML page") }
    if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { throw .unsupported("a zip archive (DOCX?), not an HTML page") }
    if CompoundFile.isCompoundFile(bytes) { throw .unsupported("an OLE compound file (.doc, .xls …), not an HTML page") }
    if looksBinary(bytes) { throw .unsupported("binary data, not an HTML page") }
    if let line = cutInsideTag(bytes) {
      throw .damaged("the HTML page is cut short inside a tag at line \(line): the file is incomplete")
    }
  }

  private static let ASCIISpace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x0C]

  /// Binary data: without a UTF-16 or UTF-32 byte-order mark, a NUL byte or more than one byte
  /// in twenty a control character, in the first 64 KB.
  static func looksBinary(_ bytes: [UInt8]) -> Bool {
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0, 0, 0xFE, 0xFF]) {
      return false
    }
    let head = bytes.prefix(65536)
    var controls = 0
    for b in head {
      if b == 0 { return true }
      if b < 0x20, !ASCIISpace.contains(b), b != 0x1B { controls += 1 }
    }
    return controls * 20 > head.count
  }

  /// The line where the page ends inside a tag (`…<td cla`): its last `<` opens a tag (a
  /// letter, `/` or `!` follows) that no `>` closes. Nil for a page that ends anywhere else.
  static func cutInsideTag(_ bytes: [UInt8]) -> Int? {
    guard let lt = bytes.lastIndex(of: 0x3C) else { return nil }
    if bytes[lt...].contains(0x3E) { return nil }
    guard lt + 1 < bytes.count else { return lineOf(offset: lt, in: bytes) }
    let next = bytes[lt + 1]
    let opensTag = (next >= 0x41 && next <= 0x5A) || (next >= 0x61 && next <= 0x7A) || next == 0x2F || next == 0x21
    return opensTag ? lineOf(offset: lt, in: bytes) : nil
  }

  /// A page that opens with `<html` and has no `</html>`.
  static func lacksEnd(_ bytes: [UInt8]) -> Bool {
    let head = Array(bytes.prefix(4096)).map(lower)
    guard contains(head, Array("<html".utf8)) else { return false }
    let tail = Array(bytes.suffix(65536)).map(lower)
    return !contains(tail, Array("</html".utf8))
  }

  private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }

  private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard haystack.count >= needle.count else { return false }
    for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
      if haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
    }
    return false
  }

  private static func lineOf(offset: Int, in bytes: [UInt8]) -> Int {
    bytes[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
  }

  private static func lineCount(_ bytes: [UInt8]) -> Int { lineOf(offset: bytes.count, in: bytes) }
}

/// How much of an HTML page vanban reads: many times what a real page needs, and bounds a
/// hostile page cannot get past.
public struct HTMLLimits: Sendable, Equatable {
  /// The file: a saved portal page with a long plan is a few MB; Word's with its styles ~1 MB.
  public var maxBytes: Int
  /// Element nesting: real pages stay under 60; a deeper page is no document.
  public var maxDepth: Int

  public init(maxBytes: Int = 256 << 20, maxDepth: Int = 512) {
    self.maxBytes = maxBytes
    self.maxDepth = maxDepth
  }

  public static let standard = HTMLLimits()
}
