/// What the decoder found, besides the text itself, so that a document can be written back the
/// way it came and diagnostics can mention odd encodings or line endings.
public struct DecodedText: Sendable, Equatable {
  /// The decoded text without its byte-order mark; line endings as they were in the file. Text
  /// from a legacy encoding is NFC.
  public var text: String
  /// "utf-8", "utf-16", or the `LegacyEncoding` the bytes were found (or said) to be in:
  /// "cp1258", "tcvn3", "vni", "tcvn3-mojibake", "vni-mojibake".
  public var encoding: String
  /// Whether the file started with a byte-order mark.
  public var hadBOM: Bool
  /// "lf", "crlf", "cr", "mixed" (more than one kind) or "none" (a single line).
  public var lineEnding: String

  public init(text: String, encoding: String, hadBOM: Bool, lineEnding: String) {
    self.text = text
    self.encoding = encoding
    self.hadBOM = hadBOM
    self.lineEnding = lineEnding
  }
}
