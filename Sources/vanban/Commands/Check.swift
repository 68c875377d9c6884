import ArgumentParser
import VanBan
import VanBanModel

/// `vanban check`: a clerk's review of a document before it is sent up — what was found, in
/// one line, and each problem printed as a compiler prints one, with its source line.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Review documents: one summary line each, then their diagnostics with the source line.",
    discussion: "Exits 1 when any error-level diagnostic is raised, 65/66 when a file cannot be read.")

  @Argument(help: "Documents to check ('-' reads standard input).")
  var files: [String]

  @Flag(help: "Also print info-level diagnostics (by default they are only counted).")
  var info = false

  @OptionGroup var input: InputOptions

  /// More of one code than this in one file are printed once, with a count.
  static let repeatsShown = 3

  func run() throws {
    var out = ""
    var worst: Int32 = 0
    for path in files {
      do {
        let bytes = try InputFile.load(path)
        let plan = try PlanParser.parse(bytes, options: input.options(name: path))
        let source = (try? PlanParser.sourceLines(bytes, options: input.options(name: path))) ?? []
        out += Self.summary(plan, path: path) + "\n"
        out += Self.report(plan.diagnostics, path: path, source: source, info: info)
        if plan.diagnostics.contains(where: { $0.severity == .error }) { worst = max(worst, 1) }
      } catch let failure as InputFile.Failure {
        InputFile.writeStdout(Array(out.utf8))
        out = ""
        switch failure {
        case .cannotOpen(let m), .badData(let m): InputFile.fail(m)
        }
        worst = max(worst, failure.exitCode)
      } catch let error as ParseError {
        InputFile.writeStdout(Array(out.utf8))
        out = ""
        InputFile.fail("\(path): \(error.description)")
        worst = max(worst, 65)
      }
    }
    InputFile.writeStdout(Array(out.utf8))
    if worst != 0 { throw ExitCode(worst) }
  }

  /// `plan.txt: KẾ HOẠCH 74/KH-UBND of 05/05/2026 by ỦY BAN NHÂN DÂN XÃ …, signed Nguyễn Văn An;
  /// 5 sections, 31 targets, 18 tasks, 8 recipients, 1 annex; 0 errors, 2 warnings, 9 info`
  static func summary(_ plan: Plan, path: String) -> String {
    let h = plan.header
    var parts: [String] = []
    parts.append(h.docType ?? (h.title != nil ? "(no type line)" : "(no head found)"))
    if h.number != nil || h.symbol != nil { parts.append("\(h.number ?? "…")/\(h.symbol ?? "…")") }
    if let d = h.date {
      parts.append("of " + [d.day, d.month, d.year].map { $0.map { String($0) } ?? "…" }.joined(separator: "/"))
    }
    if let issuer = h.issuer { parts.append("by \(issuer)") }
    var line = "\(path): " + parts.joined(separator: " ")
    if let signer = plan.signature?.signer { line += ", signed \(signer)" }
    func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    let counts = [
      count(plan.sections.count, "section"), count(plan.targets.count, "target"), count(plan.tasks.count, "task"),
      count(plan.recipients.count, "recipient"), count(plan.annexes.count, "annex").replacingAnnexes(),
    ]
    let d = plan.diagnostics
    let severities = [
      count(d.filter { $0.severity == .error }.count, "error"),
      count(d.filter { $0.severity == .warning }.count, "warning"),
      "\(d.filter { $0.severity == .info }.count) info",
    ]
    return line + "; " + counts.joined(separator: ", ") + "; " + severities.joined(separator: ", ")
  }

  /// Each diagnostic as `warning[code]: message`, ` --> file:line`, and the source line; a
  /// code raised more than `repeatsShown` times is shown that often and then counted.
  static func report(_ diagnostics: [Diagnostic], path: String, source: [String], info: Bool) -> String {
    var out = ""
    var shown: [String: Int] = [:]
    var hidden: [String: Int] = [:]
    for d in diagnostics where info || d.severity != .info {
      let n = shown[d.code, default: 0]
      guard n < repeatsShown else {
        hidden[d.code, default: 0] += 1
        continue
      }
      shown[d.code] = n + 1
      out += "\(d.severity.rawValue)[\(d.code)]: \(d.message)\n"
      out += "  --> \(path):\(d.line)\n"
      if d.line >= 1, d.line <= source.count {
        let text = source[d.line - 1]
        let clipped = text.count > 160 ? String(text.prefix(160)) + "…" : text
        out += "\(d.line) | \(clipped)\n"
      }
    }
    for (code, n) in hidden.sorted(by: { $0.key < $1.key }) {
      out += "note: \(n) more '\(code)' not shown\n"
    }
    return out
  }
}

extension String {
  /// "2 annexs" → "2 annexes".
  fileprivate func replacingAnnexes() -> String {
    hasSuffix("annexs") ? String(dropLast(1)) + "es" : self
  }
}
