import VanBanModel

/// Keeps a document's diagnostics readable: a cause that repeats (a table of two hundred rows
/// without a lead agency, a portal's page of loose text) is shown by its first few instances
/// and then one diagnostic that counts the rest and gives their lines, instead of hundreds a
/// reviewer cannot act on one by one.
enum DiagnosticDigest {
  /// Instances of one code shown before the rest are counted.
  static let shownPerCode = 3
  /// A code is summarised only when it repeats more than this.
  static let repeatsBeforeSummary = 5

  static func collapse(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    var counts: [String: Int] = [:]
    for d in diagnostics { counts[d.code, default: 0] += 1 }
    guard counts.values.contains(where: { $0 > repeatsBeforeSummary }) else { return diagnostics }
    var seen: [String: Int] = [:]
    var rest: [String: [Diagnostic]] = [:]
    var out: [Diagnostic] = []
    var summaryAt: [String: Int] = [:]
    for d in diagnostics {
      let total = counts[d.code] ?? 0
      let n = seen[d.code, default: 0]
      seen[d.code] = n + 1
      if total <= repeatsBeforeSummary || n < shownPerCode {
        out.append(d)
      } else {
        if rest[d.code] == nil {
          summaryAt[d.code] = out.count
          out.append(d)  // replaced by the summary below
        }
        rest[d.code, default: []].append(d)
      }
    }
    for (code, hidden) in rest {
      guard let at = summaryAt[code], let first = hidden.first, let last = hidden.last else { continue }
      out[at] = Diagnostic(
        severity: first.severity, code: code,
        message: "\(hidden.count) more like the above, lines \(first.line)–\(last.line); the first: \(first.message)",
        line: first.line)
    }
    return out
  }
}
