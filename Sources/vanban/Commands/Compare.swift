import ArgumentParser
import VanBanDiff
import VanBanModel

struct Compare: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "The targets of many plans as one matrix: indicators as rows, plans as columns.",
    discussion: """
      Rows are sorted by how many plans state the indicator. A file that cannot be read is named
      on standard error and left out; the others are still compared (exit 65 or 66 afterwards).
      """)

  @Argument(help: "Plans: text or vanban JSON.")
  var files: [String]

  @Option(help: "csv, json or html.")
  var format: CompareFormat = .csv

  @OptionGroup var report: ReportOptions

  @OptionGroup var input: InputOptions

  func run() throws {
    var plans: [Plan] = []
    var worst: Int32 = 0
    for path in files {
      switch PlanInput.load(path, input: input) {
      case .success(let plan): plans.append(plan)
      case .failure(.failed(let message, let code)):
        InputFile.fail(message + " (left out)")
        worst = max(worst, code)
      }
    }
    if plans.isEmpty {
      InputFile.fail("no plan to compare")
      throw ExitCode(worst == 0 ? 65 : worst)
    }
    let matrix = CompareMatrix(plans, options: AlignmentOptions(threshold: report.threshold))
    let bytes: [UInt8]
    switch format {
    case .csv: bytes = Array(matrix.csv().utf8)
    case .json: bytes = matrix.json(pretty: report.pretty) + [0x0A]
    case .html: bytes = Array(matrix.html().utf8)
    }
    try report.emit(bytes)
    if worst != 0 { throw ExitCode(worst) }
  }
}

enum CompareFormat: String, ExpressibleByArgument, CaseIterable {
  case csv, json, html
}
