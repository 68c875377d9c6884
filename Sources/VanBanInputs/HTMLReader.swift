import CLibXML2

/// HTML read with libxml2's HTML parser into lines of text — what the parser needs of an HTML
/// `<table>` fragment left inside markdown (`HTMLTableFragments`); whole pages go to
/// `HTMLDocumentReader`, which keeps real cells. Also tells an HTML page from text
/// (`looksLikeHTML`). The lines: a paragraph, heading, list item or `<br>` ends a line, a table
/// row is a line of tab-separated cells (a cell's paragraphs joined by spaces), and the page's
/// head, styles and scripts are left out. Each line keeps the line of the HTML source its
/// text starts on, so the JSON points into the file the user holds.
///
/// libxml2 finds the encoding as a browser does (byte-order mark, `<meta charset>`, else
/// windows-1252) and decodes character references (`&#7871;`), which Word writes for every
/// Vietnamese letter outside windows-1252.
public enum HTMLReader {
  public struct Page: Sendable {
    public var text: String
    /// The source line of each line of `text`.
    public var sourceLines: [Int]
    public var encoding: String?
  }

  /// Whether the bytes are an HTML page rather than text with tags left in it: they open,
  /// after a byte-order mark and white space, with `<`, and the first 8 KB hold `<html` or a
  /// `<!doctype html>` and no mark of hOCR.
  public static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
    var k = 0
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { k = 3 }
    while k < bytes.count, bytes[k] == 0x20 || bytes[k] == 0x0A || bytes[k] == 0x0D || bytes[k] == 0x09 { k += 1 }
    guard k < bytes.count, bytes[k] == 0x3C else { return false }
    let head = bytes[k..<min(bytes.count, k + 8192)].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    // hOCR is HTML too, but its words have boxes: the OCR reader takes it.
    if contains(head, "ocr-system") || contains(head, "ocr_page") || contains(head, "ocrx_word") { return false }
    return contains(head, "<html") || contains(head, "<!doctype html")
  }

  private static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
    let n = Array(needle.utf8)
    guard haystack.count >= n.count else { return false }
    for i in 0...(haystack.count - n.count) where haystack[i] == n[0] && haystack[i..<(i + n.count)].elementsEqual(n) {
      return true
    }
    return false
  }

  public static func read(_ bytes: [UInt8]) throws(InputError) -> Page {
    var out = vb_html_text()
    let status = bytes.withUnsafeBufferPointer { b in
      b.baseAddress.map { base in
        base.withMemoryRebound(to: CChar.self, capacity: b.count) { vb_html_to_text($0, b.count, &out) }
      } ?? -1
    }
    guard status == 0 else {
      throw .badHTML(status == -2 ? "out of memory reading the HTML page" : "not an HTML page libxml2 can read")
    }
    defer { vb_html_free(&out) }
    let text = out.text.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: out.length), as: UTF8.self) } ?? ""
    let lines = out.source_lines.map { Array(UnsafeBufferPointer(start: $0, count: out.line_count)).map(Int.init) } ?? []
    let encoding = out.encoding.map { String(cString: $0).lowercased() }
    return Page(text: text, sourceLines: lines, encoding: encoding)
  }
}
