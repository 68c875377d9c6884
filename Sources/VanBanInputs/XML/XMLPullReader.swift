import CLibXML2

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// One event of an XML stream. Names are local names; `namespace` is the position of the
/// element's namespace URI in the list the reader was opened with, nil for any other.
enum XMLEvent: Equatable {
  case start(name: String, namespace: Int?)
  case end(name: String, namespace: Int?)
  case text(String)
}

/// An XML part read as a stream of events (libxml2's xmlTextReader through CLibXML2), so a
/// part of tens of megabytes is never held as a tree. Readers of OOXML parts walk it with
/// recursive descent: each `read…` function consumes events up to its element's end.
final class XMLPullReader {
  private let reader: OpaquePointer
  /// The part's name, for error messages ("word/document.xml").
  let partName: String
  private var event = vb_xml_event()
  /// Start tags minus end tags seen so far: where the stream stands.
  private(set) var depth = 0

  /// The part's bytes, copied once: libxml2 reads them in place for as long as the reader
  /// lives, which no Swift array promises.
  private let buffer: UnsafeMutableRawBufferPointer

  /// Throws `.damaged` when libxml2 cannot open the bytes at all.
  init(bytes: [UInt8], partName: String, namespaces: [String]) throws(InputError) {
    self.partName = partName
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
    buffer.copyBytes(from: bytes)
    let base = buffer.baseAddress!.assumingMemoryBound(to: CChar.self)
    let copies = (namespaces.isEmpty ? [""] : namespaces).map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let list = copies.map { UnsafePointer<CChar>($0) }
    let opened = list.withUnsafeBufferPointer { vb_xml_reader_new(base, bytes.count, $0.baseAddress, Int32($0.count)) }
    guard let opened else {
      buffer.deallocate()
      throw .damaged("\(partName): libxml2 could not open it (too large or out of memory)")
    }
    self.buffer = buffer
    reader = opened
  }

  deinit {
    vb_xml_reader_free(reader)
    buffer.deallocate()
  }

  /// The next event, or nil at the end of the part. A part that is not well-formed throws
  /// `.damaged` with libxml2's message and line.
  func next() throws(InputError) -> XMLEvent? {
    let status = vb_xml_reader_next(reader, &event)
    if status == 0 { return nil }
    if status < 0 {
      var line: Int32 = 0
      let message = vb_xml_reader_error(reader, &line).map { String(cString: $0) } ?? "malformed XML"
      throw .damaged("\(partName), line \(line): \(message)")
    }
    switch Int32(event.kind) {
    case Int32(VB_XML_START):
      depth += 1
      return .start(name: event.name.map { String(cString: $0) } ?? "", namespace: event.ns >= 0 ? Int(event.ns) : nil)
    case Int32(VB_XML_END):
      depth -= 1
      return .end(name: event.name.map { String(cString: $0) } ?? "", namespace: event.ns >= 0 ? Int(event.ns) : nil)
    default:
      guard let text = event.text else { return .text("") }
      let bytes = UnsafeRawBufferPointer(start: text, count: event.text_length)
      return .text(String(decoding: bytes, as: UTF8.self))
    }
  }

  /// The attribute with this local name on the start tag just read, whatever its prefix.
  func attribute(_ localName: String) -> String? {
    vb_xml_reader_attribute(reader, localName).map { String(cString: $0) }
  }

  /// Consumes events up to the end of the element whose start was just read: its content is
  /// of no interest.
  func skipElement() throws(InputError) {
    let target = depth - 1
    while depth > target, try next() != nil {}
  }
}
