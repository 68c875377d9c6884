import CLibXML2

/// One event of an HTML page as libxml2's HTML parser gives it (through CLibXML2's
/// `vb_html_page_read`): elements balanced as a browser balances them, text decoded, and what
/// a reader never sees (head, scripts, styles, comments) already left out.
struct HTMLEvent: Sendable {
  enum Kind: Sendable, Equatable { case start, end, text }

  var kind: Kind
  /// The source line (1-based): of a start tag, the line its `>` stands on; of text, the line
  /// its first character (white space included) stands on.
  var line: Int
  /// The element's lower-case name; "" for text.
  var name: String
  /// The text of a text event; "" otherwise.
  var text: String
  var attributes: HTMLAttributes
}

/// The attributes of a start tag that reading a document needs.
struct HTMLAttributes: Sendable, Equatable {
  var id: String?
  var className: String?
  var role: String?
  var href: String?
  var style: String?
  var type: String?
  /// 0 when absent.
  var colspan = 0
  var rowspan = 0
  var start = 0

  static let none = HTMLAttributes()
}

/// A page read into events, with the encoding libxml2 read it in.
struct HTMLEventStream: Sendable {
  var events: [HTMLEvent]
  /// libxml2's name for the encoding ("windows-1252", "UTF-8"), lower-cased; nil when it kept
  /// its default.
  var encoding: String?

  /// Reads the bytes with libxml2. Throws `.tooLarge` past `maxDepth` nested elements or
  /// libxml2's size limit, `.damaged` when libxml2 cannot read them at all.
  static func read(_ bytes: [UInt8], maxDepth: Int) throws(InputError) -> HTMLEventStream {
    var page: OpaquePointer?
    let forced = undeclaredEncoding(bytes)
    let status = bytes.withUnsafeBufferPointer { b in
      b.withMemoryRebound(to: CChar.self) { c in
        if let forced {
          forced.withCString { vb_html_page_read(c.baseAddress, c.count, $0, Int32(clamping: maxDepth), &page) }
        } else {
          vb_html_page_read(c.baseAddress, c.count, nil, Int32(clamping: maxDepth), &page)
        }
      }
    }
    switch Int(status) {
    case VB_HTML_OK: break
    case VB_HTML_TOO_DEEP:
      throw .tooLarge("HTML elements nested more than \(maxDepth) deep: no document is built like that")
    case VB_HTML_TOO_LONG: throw .tooLarge("the HTML page is larger than libxml2 can read (2 GB)")
    case VB_HTML_NO_MEMORY: throw .tooLarge("memory ran out reading the HTML page")
    default: throw .damaged("libxml2 could not read the bytes as an HTML page")
    }
    guard let page else { throw .damaged("libxml2 could not read the bytes as an HTML page") }
    defer { vb_html_page_free(page) }
    let count = vb_html_page_event_count(page)
    var events: [HTMLEvent] = []
    events.reserveCapacity(count)
    if count > 0, let raw = vb_html_page_events(page) {
      for e in UnsafeBufferPointer(start: raw, count: count) {
        let kind: HTMLEvent.Kind =
          switch Int(e.kind) {
          case VB_HTML_START: .start
          case VB_HTML_END: .end
          default: .text
          }
        var attributes = HTMLAttributes.none
        if kind == .start {
          attributes = HTMLAttributes(
            id: e.id.map { String(cString: $0) }, className: e.class_name.map { String(cString: $0) },
            role: e.role.map { String(cString: $0) }, href: e.href.map { String(cString: $0) },
            style: e.style.map { String(cString: $0) }, type: e.type.map { String(cString: $0) },
            colspan: Int(e.colspan), rowspan: Int(e.rowspan), start: Int(e.start))
        }
        let text =
          kind == .text
          ? e.text.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: e.text_length), as: UTF8.self) } ?? ""
          : ""
        events.append(HTMLEvent(
          kind: kind, line: max(Int(e.line), 1), name: e.name.map { String(cString: $0) } ?? "", text: text,
          attributes: attributes))
      }
    }
    let encoding = forced?.lowercased() ?? vb_html_page_encoding(page).map { String(cString: $0).lowercased() }
    return HTMLEventStream(events: events, encoding: encoding)
  }

  /// The encoding of a page that declares none (no byte-order mark, no `charset` before its
  /// body): UTF-8 when the bytes are UTF-8, as converters write, else windows-1252, as browsers
  /// read such a page (libxml2 would read ISO-8859-1, which lacks the quotes Word writes).
  /// Nil for a page that declares its encoding, or is plain ASCII.
  static func undeclaredEncoding(_ bytes: [UInt8]) -> String? {
    let boms: [[UInt8]] = [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF]]
    if boms.contains(where: { bytes.starts(with: $0) }) { return nil }
    guard bytes.contains(where: { $0 >= 0x80 }) else { return nil }
    let head = bytes.prefix(65536).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    let body = firstIndex(of: Array("<body".utf8), in: head) ?? head.count
    if firstIndex(of: Array("charset".utf8), in: head[..<body]) != nil { return nil }
    return String(validating: bytes, as: UTF8.self) != nil ? "UTF-8" : "windows-1252"
  }

  private static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
    guard haystack.count >= needle.count, let first = needle.first else { return nil }
    var i = haystack.startIndex
    while i + needle.count <= haystack.endIndex {
      if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
      i += 1
    }
    return nil
  }

  private static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
    firstIndex(of: needle, in: haystack[...])
  }
}
