import Foundation
import VanBan
import VanBanModel
@testable import VanBanDiff

enum Repo {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let seeds = root.appendingPathComponent("Corpus/seeds")
  static let alignments = root.appendingPathComponent("Corpus/alignments")

  /// The seed whose name starts with `prefix` ("000"): its text file.
  static func seedText(_ prefix: String) -> URL {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: seeds.path)) ?? []
    let name = names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".txt") }.sorted().first ?? prefix
    return seeds.appendingPathComponent(name)
  }

  static func allSeedTexts() -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: seeds.path)) ?? []
    return names.filter { $0.hasSuffix(".txt") }.sorted().map { seeds.appendingPathComponent($0) }
  }

  /// The reviewed golden of a seed, read back as `diff` reads vanban JSON: the hand-written
  /// alignments refer to its lines, and it does not move while the parser is being worked on.
  static func golden(_ prefix: String) throws -> Plan {
    let url = URL(fileURLWithPath: seedText(prefix).path.replacingOccurrences(of: ".txt", with: ".expected.json"))
    return try PlanDecoding.decode(Array(try Data(contentsOf: url)))
  }

  static func parsed(_ url: URL) throws -> Plan {
    try PlanParser.parse(Array(try Data(contentsOf: url)), options: ParseOptions(name: url.lastPathComponent))
  }
}

/// A target with only what alignment and comparison look at.
func target(_ indicator: String, _ values: [TargetValue] = [], unit: String? = "%", line: Int = 1) -> Target {
  Target(group: nil, number: nil, indicator: indicator, unit: unit, values: values, lead: [], coordinators: [],
    note: nil, origin: .annex, line: line)
}

func value(_ op: TargetValue.Op, _ v: Double, year: Int? = 2026) -> TargetValue {
  TargetValue(year: year, op: op, value: v, text: String(v))
}
