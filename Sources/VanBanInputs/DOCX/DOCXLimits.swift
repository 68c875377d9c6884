/// How much of a DOCX vanban inflates: what a real plan needs many times over, and little
/// enough that a zip bomb costs a fraction of a second.
public struct DOCXLimits: Sendable, Equatable {
  /// The document part (`word/document.xml`): a 300-page plan with tables is ~10 MB.
  public var documentPartBytes: Int
  /// Each other part read (content types, relationships, styles, numbering).
  public var otherPartBytes: Int
  /// Past 4 MB of output, the most bytes per compressed byte (see `ExtractionLimit`).
  public var maxRatio: Int

  public init(documentPartBytes: Int = 64 << 20, otherPartBytes: Int = 16 << 20, maxRatio: Int = 200) {
    self.documentPartBytes = documentPartBytes
    self.otherPartBytes = otherPartBytes
    self.maxRatio = maxRatio
  }

  public static let standard = DOCXLimits()

  var documentPart: ExtractionLimit { ExtractionLimit(maxBytes: documentPartBytes, maxRatio: maxRatio) }
  var otherPart: ExtractionLimit { ExtractionLimit(maxBytes: otherPartBytes, maxRatio: maxRatio) }
}
