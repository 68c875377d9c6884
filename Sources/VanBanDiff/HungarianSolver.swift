/// Optimal one-to-one assignment (the Hungarian method, Kuhn–Munkres with potentials).
///
/// Alignment must be optimal rather than greedy: a greedy first-best match lets a vague
/// indicator ("Tỷ lệ hồ sơ … trực tuyến") take the partner that a more specific one needed,
/// and both end up wrong. O(n²·m) for n rows ≤ m columns, fine for plans of a few hundred targets.
package enum HungarianSolver {
  /// The column assigned to each row (or nil) maximising the total score.
  ///
  /// A rectangular matrix is allowed; rows beyond the number of columns stay unassigned.
  /// Scores must be finite.
  package static func maximize(_ score: [[Double]]) -> [Int?] {
    let n = score.count
    guard n > 0, let m = score.first?.count, m > 0 else { return Array(repeating: nil, count: n) }
    if n > m {
      // Solve the transpose so that rows ≤ columns, then read it back.
      var t = Array(repeating: Array(repeating: 0.0, count: n), count: m)
      for i in 0..<n { for j in 0..<m { t[j][i] = score[i][j] } }
      let colOfRow = maximize(t)
      var result: [Int?] = Array(repeating: nil, count: n)
      for (j, i) in colOfRow.enumerated() { if let i { result[i] = j } }
      return result
    }
    // Minimise cost = max − score; 1-based arrays as in the classic formulation.
    var maxScore = -Double.infinity
    for row in score { for v in row { maxScore = max(maxScore, v) } }
    var u = Array(repeating: 0.0, count: n + 1)
    var v = Array(repeating: 0.0, count: m + 1)
    var p = Array(repeating: 0, count: m + 1)  // p[j]: row matched to column j
    var way = Array(repeating: 0, count: m + 1)
    for i in 1...n {
      p[0] = i
      var j0 = 0
      var minv = Array(repeating: Double.infinity, count: m + 1)
      var used = Array(repeating: false, count: m + 1)
      repeat {
        used[j0] = true
        let i0 = p[j0]
        var delta = Double.infinity
        var j1 = 0
        for j in 1...m where !used[j] {
          let cur = (maxScore - score[i0 - 1][j - 1]) - u[i0] - v[j]
          if cur < minv[j] {
            minv[j] = cur
            way[j] = j0
          }
          if minv[j] < delta {
            delta = minv[j]
            j1 = j
          }
        }
        for j in 0...m {
          if used[j] {
            u[p[j]] += delta
            v[j] -= delta
          } else {
            minv[j] -= delta
          }
        }
        j0 = j1
      } while p[j0] != 0
      repeat {
        let j1 = way[j0]
        p[j0] = p[j1]
        j0 = j1
      } while j0 != 0
    }
    var result: [Int?] = Array(repeating: nil, count: n)
    for j in 1...m where p[j] != 0 { result[p[j] - 1] = j - 1 }
    return result
  }
}
