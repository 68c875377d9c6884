/// Why a file could not be read as text.
///
/// Users feed the tool whatever their office hands them (scanned PDFs, Word files, legacy
/// encodings), so each case names what the file is and what to run to get text out of it.
public enum DecodeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Zero bytes, or nothing but white space and byte-order marks.
  case empty
  /// A known non-text format ("PDF", "DOCX/ZIP", "PNG", "JPEG", "GIF", "OLE2 (DOC/XLS)", "RTF"),
  /// or "binary data" when only the byte statistics give it away.
  case binary(kind: String)
  /// The first ill-formed UTF-8 sequence starts at this byte offset (counted from the start of
  /// the file, byte-order mark included), so `xxd -s OFFSET FILE` shows it.
  case invalidUTF8(offset: Int)
  /// `--encoding` named an encoding vanban does not know.
  case unknownEncoding(String)

  public var description: String {
    switch self {
    case .empty:
      return "the file is empty or holds only white space: there is no text to parse"
    case .invalidUTF8(let offset):
      return "invalid UTF-8 at byte \(offset): not a UTF-8 or UTF-16 text file"
        + " (pass --encoding if it is a legacy encoding)"
    case .unknownEncoding(let name):
      return "unknown encoding \"\(name)\": use utf-8, utf-16, cp1258 (windows-1258), tcvn3 (abc),"
        + " vni, tcvn3-mojibake or vni-mojibake"
    case .binary(let kind):
      switch kind {
      case "PDF":
        return "this is a PDF file, not text: vanban reads PDFs itself"
          + " (drop --input-format, or use --input-format pdf)"
      case "DOCX/ZIP":
        return "this is a DOCX or other ZIP file, not text: vanban reads Word documents itself"
          + " (drop --input-format, or use --input-format docx); other ZIP files are not documents"
      case "OLE2 (DOC/XLS)":
        return "this is an old Word or Excel (OLE2 DOC/XLS) file, not text: vanban reads a Word .doc"
          + " through LibreOffice (--input-format docx, with libreoffice-writer installed);"
          + " a spreadsheet is not a document"
      case "RTF":
        return "this is an RTF file, which cannot be parsed as plain text: convert it first"
          + " (e.g. `libreoffice --headless --convert-to txt FILE` or `unrtf --text FILE`)"
      case "PNG", "JPEG", "GIF":
        return "this is a \(kind) image, not text: vanban reads scans by OCR"
          + " (drop --input-format, or use --input-format image)"
      case "binary data":
        return "this is binary data, not text: convert it to UTF-8 text first"
          + " (if it is UTF-16 without a byte-order mark, e.g. `iconv -f UTF-16LE -t UTF-8 FILE`)"
      default:
        return "this is a \(kind) file, not text: convert it to UTF-8 plain text first"
      }
    }
  }
}
