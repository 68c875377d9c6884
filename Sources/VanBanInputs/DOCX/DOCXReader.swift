/// A Word document (DOCX, DOTX, DOCM) read into a `SourceDocument`: the zip opened in memory,
/// the main part found through the package's relationships, its body walked once with
/// `styles.xml` and `numbering.xml` beside it.
///
/// Nothing in the file is trusted to be small or whole: each part is inflated under a limit
/// that counts the bytes actually produced (`DOCXLimits`), a part that is not well-formed XML
/// is reported with libxml2's line, and a styles or numbering part that cannot be read costs
/// only what it would have given (a note says so), not the document.
///
/// A Word file has no lines: every block's line is 0, and the parser numbers what it reads in
/// reading order. Pages are counted from the breaks the file records: Word records every
/// page it laid out (`w:lastRenderedPageBreak`), other writers only hard breaks, so `pages`
/// is the number Word last showed, or a lower bound.
public enum DOCXReader {
  public static func read(_ bytes: [UInt8], limits: DOCXLimits = .standard) throws(InputError) -> SourceDocument {
    try refuseNonZip(bytes)
    let zip = try ZIPDirectory.read(bytes)
    let package = try WordPackage.locate(in: zip, bytes: bytes, limit: limits.otherPart)
    var notes: [InputNote] = []

    let styles = optionalPart(package.stylesPart, in: zip, bytes: bytes, limit: limits.otherPart, notes: &notes) {
      name, data throws(InputError) in try WordStyles.read(data, partName: name)
    } ?? .empty
    let numbering = optionalPart(package.numberingPart, in: zip, bytes: bytes, limit: limits.otherPart, notes: &notes) {
      name, data throws(InputError) in try WordNumbering.read(data, partName: name)
    } ?? .empty

    guard let entry = zip.entry(named: package.documentPart) else {
      throw .empty("the DOCX has no document part: '\(package.documentPart)' is missing from the archive")
    }
    let xml = try XMLPullReader(
      bytes: ZIPExtractor.extract(entry, from: bytes, limit: limits.documentPart), partName: entry.name,
      namespaces: WordNamespace.all)
    var body = WordBodyReader(xml: xml, styles: styles, numbering: numbering)
    guard let blocks = try body.readDocument() else {
      throw .empty("the document part '\(entry.name)' has no body")
    }
    return SourceDocument(
      format: "docx", blocks: blocks, pages: body.page, notes: notes + body.notes)
  }

  /// Bytes that are no zip archive at all: a legacy or encrypted Word file (an OLE compound
  /// file) is named as such, anything else refused plainly.
  private static func refuseNonZip(_ bytes: [UInt8]) throws(InputError) {
    if CompoundFile.isCompoundFile(bytes) {
      switch CompoundFile.kind(bytes) {
      case .encryptedPackage: throw .encrypted
      case .wordDocument:
        throw .unsupported("a Word 97–2003 .doc, not a DOCX: it is read through LibreOffice (LegacyDocConverter)")
      case .other: throw .unsupported("an OLE compound file (.xls, .ppt, .msg …), not a DOCX")
      }
    }
    let signatures: [[UInt8]] = [[0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06], [0x50, 0x4B, 0x07, 0x08]]
    guard signatures.contains(where: { bytes.starts(with: $0) }) else {
      throw bytes.isEmpty ? .empty("the file is empty") : .unsupported("not a DOCX: the file is not a zip archive")
    }
  }

  /// A part the document reads better with but can be read without.
  private static func optionalPart<T>(
    _ name: String?, in zip: ZIPDirectory, bytes: [UInt8], limit: ExtractionLimit, notes: inout [InputNote],
    read: (String, [UInt8]) throws(InputError) -> T
  ) -> T? {
    guard let name, let entry = zip.entry(named: name) else { return nil }
    do {
      return try read(entry.name, ZIPExtractor.extract(entry, from: bytes, limit: limit))
    } catch {
      notes.append(InputNote(
        code: "docx.part_unreadable",
        message: "\(entry.name) could not be read (\(error)): bold and list numbers it defines are lost",
        location: SourceLocation(line: 1, page: 1)))
      return nil
    }
  }
}
