import Foundation
import Testing
import VanBanModel
@testable import VanBan

/// `Corpus/real/`: documents from other offices and converters, with facts a reader wrote by
/// hand (`NAME.facts.json`). Each is parsed here; `tools/score_real.py` compares the JSON with
/// the facts, and every field is held to the share in `Corpus/real-thresholds.tsv`, set
/// from measured scores so that a change losing facts fails.
@Suite struct RealCorpusTests {
  static let folder = Repo.corpus.appendingPathComponent("real")

  static func inputs() -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".facts.json") }.sorted().compactMap { facts in
      let name = String(facts.dropLast(".facts.json".count))
      let input = names.first { $0.hasPrefix(name + ".") && !$0.hasSuffix(".json") }
      return input.map { folder.appendingPathComponent($0) }
    }
  }

  @Test func everyFactsFileHasItsDocumentAndSource() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
    let facts = names.filter { $0.hasSuffix(".facts.json") }
    #expect(facts.count >= 50)
    #expect(Self.inputs().count == facts.count)
    for f in facts {
      let name = String(f.dropLast(".facts.json".count))
      #expect(names.contains(name + ".source.json"), "\(name) has no source.json")
    }
  }

  @Test func factsHoldToTheirThresholds() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-real-\(getpid())")
    try? FileManager.default.removeItem(at: dir)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var parsed = 0
    for input in Self.inputs() {
      let bytes = try [UInt8](Data(contentsOf: input))
      // A file vanban refuses writes no JSON: the scorer counts its facts as wrong.
      guard let plan = try? PlanParser.parse(bytes, options: ParseOptions(name: input.lastPathComponent)) else { continue }
      parsed += 1
      let name = input.deletingPathExtension().lastPathComponent
      try Data(plan.json()).write(to: dir.appendingPathComponent(name + ".json"))
    }
    #expect(parsed >= 40)
    let (status, out, err) = try run(
      "/usr/bin/env",
      ["python3", Repo.root.appendingPathComponent("tools/score_real.py").path, "--parsed", dir.path,
       "--check", Repo.corpus.appendingPathComponent("real-thresholds.tsv").path])
    let report = String(decoding: out + err, as: UTF8.self)
    print(report)
    #expect(status == 0, "\(report)")
  }
}
