import ArgumentParser
import VanBan
import VanBanInputs
import VanBanModel

struct Parse: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parse",
    abstract: "Parse plans into JSON: one document per input, NDJSON for several.")

  @Argument(help: "Documents to parse: text, HTML, OCR output, PDF, images, DOCX ('-' reads standard input).")
  var files: [String]

  @Option(name: .shortAndLong, help: "Write the JSON to this file instead of standard output.")
  var output: String?

  @Flag(help: "Indent the JSON (only with a single input).")
  var pretty = false

  @OptionGroup var input: InputOptions

  func run() throws {
    var out: [UInt8] = []
    var worst: Int32 = 0
    let pretty = self.pretty && files.count == 1
    for path in files {
      do {
        let bytes = try InputFile.load(path)
        let plan = try PlanParser.parse(consume bytes, options: input.options(name: path))
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
    commandName: "normalize",
    abstract: "Print the cleaned text the parser reads (NFC, markup removed, wrapped lines joined).")

  @Argument(help: "A document ('-' reads standard input).")
  var file: String

  @OptionGroup var input: InputOptions

  func run() throws {
    do {
      let bytes = try InputFile.load(file)
      let text = try PlanParser.normalize(bytes, options: input.options(name: file))
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

/// How to read the input bytes; shared by the commands that read plans.
struct InputOptions: ParsableArguments {
  @Option(help: "The input's encoding when detection is wrong: utf-8, utf-16, cp1258, tcvn3, vni.")
  var encoding: String?

  @Option(
    name: .customLong("input-format"),
    help: "auto, text, tsv (Tesseract TSV), hocr, layout (pdftotext -layout), html, pdf, image or docx.")
  var inputFormat: String = "auto"

  @Option(help: "OCR of PDF pages and images: auto (pages without usable text), always, or never.")
  var ocr: String = "auto"

  @Option(
    name: .customLong("ocr-timeout"),
    help: "Seconds OCR may spend on one page before it is stopped and the page noted as unread (0: no limit).")
  var ocrTimeout: Double = OCROptions.defaultPageTimeLimit

  func validate() throws {
    guard InputFormat(rawValue: inputFormat) != nil else {
      throw ValidationError("--input-format must be one of: \(InputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    guard OCRMode(rawValue: ocr) != nil else {
      throw ValidationError("--ocr must be one of: \(OCRMode.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    guard ocrTimeout >= 0, ocrTimeout.isFinite else { throw ValidationError("--ocr-timeout must be 0 or more seconds") }
  }

  func options(name: String) -> ParseOptions {
    ParseOptions(
      name: name, encoding: encoding, inputFormat: InputFormat(rawValue: inputFormat) ?? .auto,
      ocr: OCROptions(mode: OCRMode(rawValue: ocr) ?? .auto, pageTimeLimit: ocrTimeout))
  }
}
