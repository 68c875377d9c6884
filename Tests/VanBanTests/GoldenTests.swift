import Foundation
import Testing
import VanBanModel
import VanBanText
@testable import VanBan

/// The corpus: every `Corpus/**/NAME.txt` beside `NAME.expected.json`.
///
/// Goldens are re-recorded only on purpose: `tools/record-goldens.sh` sets
/// VANBAN_RECORD_GOLDENS=1, which writes the files and fails the run, so a recording never
/// passes unnoticed. Review the diff like code.
@Suite struct GoldenTests {
  static let recording = ProcessInfo.processInfo.environment["VANBAN_RECORD_GOLDENS"] == "1"

  @Test(arguments: Repo.corpusInputs())
  func matchesGolden(_ input: URL) throws {
    let bytes = try [UInt8](Data(contentsOf: input))
    let plan = try PlanParser.parse(bytes, options: ParseOptions(name: Repo.relative(input)))
    var json = plan.json(pretty: true)
    json.append(0x0A)
    let expectedURL = input.deletingPathExtension().appendingPathExtension("expected.json")
    if Self.recording {
      try Data(json).write(to: expectedURL)
      Issue.record("recorded \(expectedURL.lastPathComponent): review the diff, then run the tests without recording")
      return
    }
    guard let expected = try? Data(contentsOf: expectedURL) else {
      Issue.record("no golden \(expectedURL.lastPathComponent): run tools/record-goldens.sh")
      return
    }
    let actualText = String(decoding: json, as: UTF8.self)
    let expectedText = String(decoding: expected, as: UTF8.self)
    if actualText != expectedText {
      Issue.record("\(Repo.relative(input)) differs from its golden:\n\(Self.firstDifference(expectedText, actualText))")
    }
  }

  /// A readable diff: the first differing lines with some context.
  static func firstDifference(_ a: String, _ b: String) -> String {
    let la = a.split(separator: "\n", omittingEmptySubsequences: false)
    let lb = b.split(separator: "\n", omittingEmptySubsequences: false)
    var k = 0
    while k < min(la.count, lb.count), la[k] == lb[k] { k += 1 }
    var out = "first difference at line \(k + 1) of the JSON:\n"
    for j in max(0, k - 3)..<min(la.count, k + 4) { out += (j == k ? "- " : "  ") + la[j] + "\n" }
    for j in k..<min(lb.count, k + 4) { out += "+ " + lb[j] + "\n" }
    return out
  }

  @Test func everyOutputValidatesAgainstTheSchema() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-schema-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var files: [URL] = []
    for input in Repo.corpusInputs() {
      let plan = try PlanParser.parse(try [UInt8](Data(contentsOf: input)), options: ParseOptions(name: input.lastPathComponent))
      let url = dir.appendingPathComponent(input.deletingPathExtension().lastPathComponent + ".json")
      try Data(plan.json()).write(to: url)
      files.append(url)
    }
    #expect(files.count >= 5)
    let failure = try validateAgainstSchema(files)
    #expect(failure == nil, "\(failure ?? "")")
  }

  @Test func goldensValidateAgainstTheSchema() throws {
    let goldens = Repo.corpusInputs().map { $0.deletingPathExtension().appendingPathExtension("expected.json") }
      .filter { FileManager.default.fileExists(atPath: $0.path) }
    #expect(goldens.count >= 5)
    let failure = try validateAgainstSchema(goldens)
    #expect(failure == nil, "\(failure ?? "")")
  }

  @Test(arguments: Repo.corpusInputs())
  func jsonRoundTripsThroughCodable(_ input: URL) throws {
    let plan = try PlanParser.parse(try [UInt8](Data(contentsOf: input)), options: ParseOptions(name: "x"))
    let decoded = try JSONDecoder().decode(Plan.self, from: Data(plan.json()))
    #expect(decoded == plan)
  }

  /// parse(NFD(x)) == parse(x): decomposed input gives the same document.
  @Test(arguments: Repo.corpusInputs())
  func decomposedInputParsesTheSame(_ input: URL) throws {
    let text = try String(contentsOf: input, encoding: .utf8)
    var a = try parse(text)
    let b = try parse(ICUNormalizer.nfd(text))
    a.source = b.source
    #expect(a == b)
  }

  /// Every line an item points to lies inside the input.
  @Test(arguments: Repo.corpusInputs())
  func linesPointInsideTheInput(_ input: URL) throws {
    let plan = try PlanParser.parse(try [UInt8](Data(contentsOf: input)), options: ParseOptions(name: "x"))
    let n = plan.source.lineCount
    var lines: [Int] = plan.references.map(\.line) + plan.diagnostics.map(\.line) + plan.recipients.map(\.line)
    func walk(_ s: Section) {
      lines.append(s.line)
      lines += s.blocks.map(\.line)
      for t in s.tables { lines += t.rows.map(\.line) }
      s.children.forEach(walk)
    }
    plan.sections.forEach(walk)
    for a in plan.annexes {
      lines.append(a.line)
      for t in a.tables { lines += [t.line] + t.rows.map(\.line) }
    }
    #expect(!lines.isEmpty)
    #expect(lines.allSatisfy { (1...n).contains($0) })
  }
}
