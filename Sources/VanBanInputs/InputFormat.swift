/// What kind of input the bytes are.
public enum InputFormat: String, Sendable, CaseIterable {
  /// Decide from the content.
  case auto
  /// Plain text (any supported encoding).
  case text
  /// Tesseract's TSV output (`tesseract IMAGE out tsv`).
  case tsv
  /// hOCR (`tesseract IMAGE out hocr`).
  case hocr
  /// A `pdftotext -layout` dump: columns aligned by spaces, pages separated by form feeds.
  case layout
  /// An HTML page (a portal's page, Word's "Save as Web Page"), read with libxml2.
  case html
  /// A PDF: its text layer, and OCR for pages without usable text.
  case pdf
  /// A PNG, JPEG or TIFF scan, read by OCR.
  case image
  /// A Word document (DOCX; a legacy .doc through LibreOffice).
  case docx
}
