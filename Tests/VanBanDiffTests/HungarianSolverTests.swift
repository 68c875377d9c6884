import Testing
@testable import VanBanDiff

struct HungarianSolverTests {
  /// The best total over every injective assignment of rows to columns (or none).
  static func bruteForce(_ m: [[Double]]) -> Double {
    func go(_ row: Int, _ used: Set<Int>) -> Double {
      if row == m.count { return 0 }
      var best = go(row + 1, used)  // leave the row unassigned
      for c in m[row].indices where !used.contains(c) {
        best = max(best, m[row][c] + go(row + 1, used.union([c])))
      }
      return best
    }
    return go(0, [])
  }

  static func total(_ m: [[Double]], _ assignment: [Int?]) -> Double {
    var sum = 0.0
    for (row, col) in assignment.enumerated() { if let col { sum += m[row][col] } }
    return sum
  }

  @Test func matchesBruteForce() {
    var rng = SplitMix(seed: 57)
    for trial in 0..<300 {
      let rows = 1 + Int(rng.next() % 6)
      let cols = 1 + Int(rng.next() % 6)
      let m = (0..<rows).map { _ in (0..<cols).map { _ in Double(rng.next() % 100) / 100 } }
      let assignment = HungarianSolver.maximize(m)
      let columns = assignment.compactMap { $0 }
      #expect(Set(columns).count == columns.count, "trial \(trial): a column used twice")
      #expect(abs(Self.total(m, assignment) - Self.bruteForce(m)) < 1e-9, "trial \(trial): \(m)")
    }
  }

  @Test func classicExample() {
    // Greedy takes 9 first and ends with 9+1+1 = 11; the optimum is 8+7+6 = 21.
    let m: [[Double]] = [[9, 8, 1], [7, 1, 1], [1, 1, 6]]
    let assignment = HungarianSolver.maximize(m)
    #expect(assignment == [1, 0, 2])
  }

  @Test func emptyAndRectangular() {
    #expect(HungarianSolver.maximize([]).isEmpty)
    #expect(HungarianSolver.maximize([[1, 5, 2]]) == [1])
    #expect(HungarianSolver.maximize([[1], [5], [2]]) == [nil, 0, nil])
  }
}

/// A small deterministic generator, so a failure can be replayed.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
