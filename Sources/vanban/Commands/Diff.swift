import ArgumentParser
import VanBan
import VanBanDiff
import VanBanModel

struct Diff: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Compare two plans: head, targets and tasks aligned by meaning, section outline.",
    discussion: """
      Inputs are plan text (any encoding 'parse' reads) or vanban JSON, told apart by content.
      Exit 0 whether or not the plans differ; 65 for bad input, 66 for a file that cannot be opened.
      """)

  @Argument(help: "The first plan (A).")
  var a: String

  @Argument(help: "The second plan (B).")
  var b: String

  @Option(help: "text, json or html.")
  var format: DiffFormat = .text

  @Option(help: "TSV of 'a_indicator<TAB>b_indicator' pairs that must be aligned (task names work too).")
  var key: String?

  @OptionGroup var report: ReportOptions

  @OptionGroup var input: InputOptions

  func run() throws {
    var options = AlignmentOptions(threshold: report.threshold)
    if let key { options.keys = try PlanInput.keys(key) }
    let planA = try PlanInput.loadOrExit(a, input: input)
    let planB = try PlanInput.loadOrExit(b, input: input)
    let diff = PlanDiff(planA, planB, options: options)
    let bytes: [UInt8]
    switch format {
    case .text: bytes = Array(diff.text().utf8)
    case .json: bytes = diff.json(pretty: report.pretty) + [0x0A]
    case .html: bytes = Array(diff.html().utf8)
    }
    try report.emit(bytes)
  }
}

enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, html
}

/// Reading a plan for `diff` and `compare`: vanban JSON is read back (refusing an unknown
/// schema version), anything else goes through the parser. A decision that issues a plan is
/// compared as the plan it issues (`Plan.issuedPlan`).
enum PlanInput {
  enum Failure: Error {
    case failed(message: String, exitCode: Int32)
  }

  static func load(_ path: String, input: InputOptions) -> Result<Plan, Failure> {
    loadDocument(path, input: input).map { $0.issuedPlan ?? $0 }
  }

  private static func loadDocument(_ path: String, input: InputOptions) -> Result<Plan, Failure> {
    do {
      let bytes = try InputFile.load(path)
      if PlanDecoding.looksLikeJSON(bytes) {
        do {
          var plan = try PlanDecoding.decode(bytes)
          if plan.source.name.isEmpty { plan.source.name = path }
          return .success(plan)
        } catch {
          return .failure(.failed(message: "\(path): \(error.description)", exitCode: 65))
        }
      }
      return .success(try PlanParser.parse(bytes, options: input.options(name: path)))
    } catch let failure as InputFile.Failure {
      switch failure {
      case .cannotOpen(let m), .badData(let m): return .failure(.failed(message: m, exitCode: failure.exitCode))
      }
    } catch let error as ParseError {
      return .failure(.failed(message: "\(path): \(error.description)", exitCode: 65))
    } catch {
      return .failure(.failed(message: "\(path): \(error)", exitCode: 65))
    }
  }

  static func loadOrExit(_ path: String, input: InputOptions) throws -> Plan {
    switch load(path, input: input) {
    case .success(let plan): return plan
    case .failure(.failed(let message, let code)):
      InputFile.fail(message)
      throw ExitCode(code)
    }
  }

  /// `--key FILE`: one pair per line, `a<TAB>b`; `#` comments, blank lines and a header line
  /// naming the columns are skipped. The four-column files of `Corpus/alignments/`
  /// (`a_line, b_line, a_indicator, b_indicator`) are read too.
  static func keys(_ path: String) throws -> [(a: String, b: String)] {
    let bytes: [UInt8]
    do {
      bytes = try InputFile.load(path)
    } catch {
      switch error {
      case .cannotOpen(let m), .badData(let m): InputFile.fail(m)
      }
      throw ExitCode(error.exitCode)
    }
    var pairs: [(a: String, b: String)] = []
    for (number, raw) in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
      if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
      let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      if cells.contains("a_indicator") { continue }
      switch cells.count {
      case 2: pairs.append((cells[0], cells[1]))
      case 4: pairs.append((cells[2], cells[3]))
      default:
        InputFile.fail("\(path):\(number + 1): expected 'a_indicator<TAB>b_indicator', found \(cells.count) cells")
        throw ExitCode(65)
      }
    }
    return pairs
  }
}
