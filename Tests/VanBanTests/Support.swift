import Foundation
import VanBanModel
@testable import VanBan

/// Paths and helpers shared by the tests.
enum Repo {
  static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let corpus = root.appendingPathComponent("Corpus")
  static let schema = root.appendingPathComponent("schema/plan.schema.json")

  /// Folders of `Corpus/` whose documents have reviewed goldens beside them. Generated
  /// fixtures (OCR, encodings) live elsewhere and are scored against these goldens instead.
  static let goldenFolders = ["seeds", "cases"]

  /// The seeds with a generated fixture folder under `Corpus/ocr/`, sorted.
  static func ocrSeeds() -> [String] {
    let fm = FileManager.default
    let dir = corpus.appendingPathComponent("ocr")
    return ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).filter {
      !$0.hasPrefix(".") && fm.fileExists(atPath: corpus.appendingPathComponent("seeds/\($0).txt").path)
    }.sorted()
  }

  /// Every input document with a golden (`*.txt` in the golden folders), sorted.
  static func corpusInputs() -> [URL] {
    let fm = FileManager.default
    var out: [URL] = []
    for folder in goldenFolders {
      let dir = corpus.appendingPathComponent(folder)
      guard let e = fm.enumerator(at: dir, includingPropertiesForKeys: nil) else { continue }
      out += e.compactMap { $0 as? URL }.filter { $0.pathExtension == "txt" }
    }
    return out.sorted { $0.path < $1.path }
  }

  static func relative(_ url: URL) -> String {
    String(url.path.dropFirst(corpus.path.count + 1))
  }
}

func parse(_ text: String, name: String = "test.txt") throws -> Plan {
  try PlanParser.parse(Array(text.utf8), options: ParseOptions(name: name))
}

func codes(_ plan: Plan) -> [String] { plan.diagnostics.map(\.code) }

/// A seed's reviewed golden (`Corpus/seeds/NAME.expected.json`), the truth other renderings of
/// the seed (encodings, OCR, pdftotext) are scored against: a fresh parse of the seed would move
/// with the parser it checks.
func golden(_ seed: String) throws -> Plan {
  let url = Repo.corpus.appendingPathComponent("seeds/\(seed).expected.json")
  return try JSONDecoder().decode(Plan.self, from: Data(contentsOf: url))
}

/// Runs a command and returns its exit status, stdout and stderr.
func run(_ executable: String, _ arguments: [String], stdin: Data? = nil) throws -> (Int32, Data, Data) {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: executable)
  p.arguments = arguments
  let out = Pipe()
  let err = Pipe()
  p.standardOutput = out
  p.standardError = err
  if let stdin {
    let inPipe = Pipe()
    p.standardInput = inPipe
    try p.run()
    inPipe.fileHandleForWriting.write(stdin)
    try inPipe.fileHandleForWriting.close()
  } else {
    p.standardInput = FileHandle.nullDevice
    try p.run()
  }
  let o = out.fileHandleForReading.readDataToEndOfFile()
  let e = err.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  return (p.terminationStatus, o, e)
}

/// Validates JSON files against the schema with the Python `jsonschema` validator
/// (tools/validate_json.py); returns its output when it fails.
func validateAgainstSchema(_ files: [URL]) throws -> String? {
  let (status, out, err) = try run(
    "/usr/bin/env", ["python3", Repo.root.appendingPathComponent("tools/validate_json.py").path, Repo.schema.path] + files.map(\.path))
  if status == 0 { return nil }
  return String(decoding: out + err, as: UTF8.self)
}
