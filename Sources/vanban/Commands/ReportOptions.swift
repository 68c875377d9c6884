import ArgumentParser
import VanBanDiff

/// The options `diff` and `compare` share: how alike two items must be to be aligned, and
/// where and how the report is written.
struct ReportOptions: ParsableArguments {
  @Option(help: "Least similarity (0…1) at which two targets (or tasks) count as the same.")
  var threshold: Double = AlignmentOptions().threshold

  @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
  var output: String?

  @Flag(help: "Indent the JSON.")
  var pretty = false

  func validate() throws {
    guard (0...1).contains(threshold) else { throw ValidationError("--threshold must lie between 0 and 1") }
  }

  /// Writes the report to `--output`, or to standard output.
  func emit(_ bytes: [UInt8]) throws {
    if let output { try OutputFile.write(bytes, to: output) } else { InputFile.writeStdout(bytes) }
  }
}
