/// Something the parser doubted or could not do, pinned to a line of the original input.
///
/// Tests match on `code`, never on the wording of `message`.
public struct Diagnostic: Codable, Hashable, Sendable {
  public enum Severity: String, Codable, Hashable, Sendable, Comparable {
    case error, warning, info

    private var rank: Int {
      switch self {
      case .error: 0
      case .warning: 1
      case .info: 2
      }
    }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
  }

  public var severity: Severity
  public var code: String
  public var message: String
  public var line: Int
  /// The page (1-based) and box (x0, y0, x1, y1 in PDF points or image pixels) of `line`, for
  /// inputs that have pages (PDF, scans, DOCX); nil for text.
  public var page: Int? = nil
  public var bbox: [Double]? = nil

  public init(severity: Severity, code: String, message: String, line: Int) {
    self.severity = severity
    self.code = code
    self.message = message
    self.line = line
  }
}
