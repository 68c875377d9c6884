import Foundation
import VanBanModel

/// Reading vanban JSON back for `diff` and `compare`.
///
/// A document of another `schema_version` is refused rather than half-read: fields may have
/// changed meaning, and a diff built on a misread plan is worse than none.
package enum PlanDecoding {
  package enum Failure: Error, CustomStringConvertible {
    case unknownVersion(String)
    case invalid(String)

    package var description: String {
      switch self {
      case .unknownVersion(let v): "vanban JSON of schema_version '\(v)', this build reads '\(Plan.schemaVersion)'"
      case .invalid(let m): "not vanban JSON: \(m)"
      }
    }
  }

  /// Whether the bytes look like JSON rather than plan text: a plan never opens with `{`.
  package static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
    var i = 0
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
    return i < bytes.count && bytes[i] == UInt8(ascii: "{")
  }

  package static func decode(_ bytes: [UInt8]) throws(Failure) -> Plan {
    struct Version: Decodable {
      var schema_version: String?
    }
    let data = Data(bytes)
    let version: Version
    do {
      version = try JSONDecoder().decode(Version.self, from: data)
    } catch {
      throw .invalid(Self.describe(error))
    }
    guard version.schema_version == Plan.schemaVersion else {
      throw .unknownVersion(version.schema_version ?? "(none)")
    }
    do {
      return try JSONDecoder().decode(Plan.self, from: data)
    } catch {
      throw .invalid(Self.describe(error))
    }
  }

  private static func describe(_ error: Error) -> String {
    guard let e = error as? DecodingError else { return "\(error)" }
    switch e {
    case .keyNotFound(let key, let ctx):
      return "missing '\(key.stringValue)' at \(path(ctx))"
    case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx):
      return "unexpected value at \(path(ctx))"
    case .dataCorrupted(let ctx):
      return ctx.codingPath.isEmpty ? "malformed JSON" : "bad value at \(path(ctx))"
    @unknown default:
      return "\(error)"
    }
  }

  private static func path(_ ctx: DecodingError.Context) -> String {
    let p = ctx.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    return p.isEmpty ? "top level" : p
  }
}
