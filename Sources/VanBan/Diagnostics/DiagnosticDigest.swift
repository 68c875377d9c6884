import VanBanModel
import VanBanText

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
    // Codes numbered in the order they first appear, and everything counted by number: four
    // String-keyed dictionaries were asked five times a diagnostic, each time hashing the code.
    // Codes are ASCII (the catalogue's and the readers'), so their bytes are their identity.
    var numbers: [UTF8Key: Int] = [:]
    var ids: [Int] = []
    ids.reserveCapacity(diagnostics.count)
    var counts: [Int] = []
    for d in diagnostics {
      let key = UTF8Key(d.code)
      let id: Int
      if let known = numbers[key] {
        id = known
      } else {
        id = counts.count
        numbers[key] = id
        counts.append(0)
      }
      counts[id] += 1
      ids.append(id)
    }
    guard counts.contains(where: { $0 > repeatsBeforeSummary }) else { return diagnostics }
    var seen = [Int](repeating: 0, count: counts.count)
    var rest = [[Diagnostic]](repeating: [], count: counts.count)
    var summaryAt = [Int](repeating: -1, count: counts.count)
    var out: [Diagnostic] = []
    for (k, d) in diagnostics.enumerated() {
      let id = ids[k]
      let n = seen[id]
      seen[id] = n + 1
      if counts[id] <= repeatsBeforeSummary || n < shownPerCode {
        out.append(d)
      } else {
        if rest[id].isEmpty {
          summaryAt[id] = out.count
          out.append(d)  // replaced by the summary below
        }
        rest[id].append(d)
      }
    }
    for (id, hidden) in rest.enumerated() {
      guard summaryAt[id] >= 0, let first = hidden.first, let last = hidden.last else { continue }
      out[summaryAt[id]] = Diagnostic(
        severity: first.severity, code: first.code,
        message: "\(hidden.count) more like the above, lines \(first.line)–\(last.line); the first: \(first.message)",
        line: first.line)
    }
    return out
  }
}
