import ArgumentParser
import VanBan
import VanBanModel

struct Parse: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Parse plans into JSON: one document per input, NDJSON for several.")

  @Argument(help: "Plain-text files to parse ('-' reads standard input).")
  var files: [String]

  @Option(name: .shortAndLong, help: "Write the JSON to this file instead of standard output.")
  var output: String?

  @Flag(help: "Indent the JSON (only with a single input).")
  var pretty = false

  func run() throws {
    var out: [UInt8] = []
    var worst: Int32 = 0
    let pretty = self.pretty && files.count == 1
    for path in files {
      do {
        let bytes = try InputFile.load(path)
        let plan = try PlanParser.parse(bytes, options: ParseOptions(name: path))
        out += plan.json(pretty: pretty)
        out.append(0x0A)
      } catch let failure as InputFile.Failure {
        switch failure {
        case .cannotOpen(let m), .badData(let m): InputFile.fail(m)
        }
        worst = max(worst, failure.exitCode)
      } catch let error as ParseError {
        InputFile.fail("\(path): \(error.description)")
        worst = max(worst, 65)
      }
    }
    if let output {
      if !out.isEmpty || worst == 0 { try OutputFile.write(out, to: output) }
    } else {
      InputFile.writeStdout(out)
    }
    if worst != 0 { throw ExitCode(worst) }
  }
}

struct Normalize: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the cleaned text the parser reads (NFC, markup removed, wrapped lines joined).")

  @Argument(help: "A plain-text file ('-' reads standard input).")
  var file: String

  func run() throws {
    do {
      let bytes = try InputFile.load(file)
      let text = try PlanParser.normalize(bytes)
      InputFile.writeStdout(Array(text.utf8))
    } catch let failure as InputFile.Failure {
      switch failure {
      case .cannotOpen(let m), .badData(let m): InputFile.fail(m)
      }
      throw ExitCode(failure.exitCode)
    } catch let error as ParseError {
      InputFile.fail("\(file): \(error.description)")
      throw ExitCode(65)
    }
  }
}
