import Foundation
import Testing
import VanBanModel
@testable import VanBanDiff

/// Alignment of the seed pairs against the hand-written alignments in `Corpus/alignments/`.
///
/// Precision: aligned pairs that the file lists. Recall: listed pairs found, out of the most a
/// one-to-one alignment can find (a plan that states one indicator twice, in its body and in
/// its annex, gets a row for each; only one of them can be aligned).
struct AlignmentCorpusTests {
  struct Gold {
    var pairs: Set<[Int]>
  }

  static func gold(_ a: String, _ b: String) throws -> Gold {
    let text = try String(contentsOf: Repo.alignments.appendingPathComponent("\(a)-\(b).tsv"), encoding: .utf8)
    var pairs = Set<[Int]>()
    for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("a_line") {
      let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard cells.count == 4, let x = Int(cells[0]), let y = Int(cells[1]) else {
        Issue.record("bad line in \(a)-\(b).tsv: \(line)")
        continue
      }
      pairs.insert([x, y])
    }
    return Gold(pairs: pairs)
  }

  /// Size of a maximum matching of the gold pairs (augmenting paths; the graphs are tiny).
  static func maximumMatching(_ pairs: Set<[Int]>) -> Int {
    var adjacency: [Int: [Int]] = [:]
    for p in pairs { adjacency[p[0], default: []].append(p[1]) }
    var matchOfB: [Int: Int] = [:]
    func augment(_ a: Int, _ seen: inout Set<Int>) -> Bool {
      for b in adjacency[a] ?? [] where !seen.contains(b) {
        seen.insert(b)
        if matchOfB[b] == nil || augment(matchOfB[b]!, &seen) {
          matchOfB[b] = a
          return true
        }
      }
      return false
    }
    var size = 0
    for a in adjacency.keys.sorted() {
      var seen = Set<Int>()
      if augment(a, &seen) { size += 1 }
    }
    return size
  }

  @Test(arguments: [("000", "001"), ("001", "002"), ("000", "004"), ("002", "003")])
  func seedPair(a: String, b: String) throws {
    let planA = try Repo.golden(a)
    let planB = try Repo.golden(b)
    let gold = try Self.gold(a, b)
    let alignment = PlanAligner.alignTargets(planA.targets, planB.targets)
    let found = alignment.pairs.map { [planA.targets[$0.a].line, planB.targets[$0.b].line] }
    let right = found.filter { gold.pairs.contains($0) }
    let best = Self.maximumMatching(gold.pairs)
    let precision = found.isEmpty ? 1 : Double(right.count) / Double(found.count)
    let recall = best == 0 ? 1 : Double(right.count) / Double(best)
    print("alignment \(a)-\(b): precision \(right.count)/\(found.count), recall \(right.count)/\(best)")
    for p in alignment.pairs where !gold.pairs.contains([planA.targets[p.a].line, planB.targets[p.b].line]) {
      print("  wrong \(String(format: "%.3f", p.similarity)): \(planA.targets[p.a].indicator) | \(planB.targets[p.b].indicator)")
    }
    // The margin around the threshold: the least similar listed pair, the most similar other.
    let sims = PlanAligner.targetSimilarities(planA.targets, planB.targets)
    var lowestSame = 1.0
    var highestDifferent = 0.0
    for i in planA.targets.indices {
      for j in planB.targets.indices {
        let listed = gold.pairs.contains([planA.targets[i].line, planB.targets[j].line])
        if listed, right.contains([planA.targets[i].line, planB.targets[j].line]) { lowestSame = min(lowestSame, sims[i][j]) }
        if !listed, !gold.pairs.contains(where: { $0[0] == planA.targets[i].line }) {
          highestDifferent = max(highestDifferent, sims[i][j])
        }
      }
    }
    print("  lowest aligned listed pair \(String(format: "%.3f", lowestSame)), highest pair for an indicator with no partner \(String(format: "%.3f", highestDifferent))")
    #expect(precision == 1)
    #expect(recall == 1)
  }

  @Test func abbreviationsExpand() {
    let a = target("Tỷ lệ TTHC cung cấp DVC trực tuyến toàn trình")
    let b = target("Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình")
    #expect(IndicatorWords.words(a.indicator) == IndicatorWords.words(b.indicator))
    #expect(IndicatorWords.words("CĐS") == IndicatorWords.words("cds"))
    #expect(IndicatorWords.words("Phòng Văn hoá – Xã hội") == IndicatorWords.words("phong van hoa - xa hoi"))
  }

  @Test func optimalNotGreedy() {
    // Greedy would give A0 its best partner B0 and leave A1 with nothing; the optimum pairs
    // A0-B1 and A1-B0.
    let a = [target("phủ sóng 5G trên địa bàn dân cư nông thôn"), target("phủ sóng 5G")]
    let b = [target("phủ sóng 5G trên địa bàn"), target("phủ sóng 5G dân cư nông thôn")]
    let alignment = PlanAligner.alignTargets(a, b, options: AlignmentOptions(threshold: 0.3))
    #expect(alignment.pairs.count == 2)
  }

  @Test func keyOverridesSimilarity() {
    let a = [target("Tỷ lệ người dân có Sổ sức khỏe điện tử"), target("Bệnh viện không giấy tờ")]
    let b = [target("Hồ sơ sức khỏe điện tử của người dân"), target("Cơ sở y tế không dùng giấy")]
    let plain = PlanAligner.alignTargets(a, b)
    #expect(!plain.pairs.contains { $0.a == 1 && $0.b == 1 })
    let keyed = PlanAligner.alignTargets(
      a, b, options: AlignmentOptions(keys: [(a: "bệnh viện KHÔNG giấy tờ.", b: "Cơ sở y tế không dùng giấy")]))
    #expect(keyed.pairs.contains { $0.a == 1 && $0.b == 1 })
  }

  @Test func thresholdOne() {
    let a = [target("Tỷ lệ phủ sóng 5G trên địa bàn xã")]
    let b = [target("Tỷ lệ phủ sóng 5G trên địa bàn toàn xã đến thôn")]
    #expect(PlanAligner.alignTargets(a, b, options: AlignmentOptions(threshold: 0.3)).pairs.count == 1)
    #expect(PlanAligner.alignTargets(a, b, options: AlignmentOptions(threshold: 1)).pairs.isEmpty)
  }
}
