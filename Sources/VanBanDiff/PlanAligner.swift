import VanBanModel
import VanBanText

/// How alignment decides that two items are the same.
public struct AlignmentOptions: Sendable {
  /// The least similarity (0…1) for two items to be aligned. 0.56 separates same from
  /// different indicators on the seed pairs (`Corpus/alignments/`): an indicator with no
  /// partner comes closest at 0.547 ("hài lòng khi sử dụng DVC" / "sử dụng DVC"), the least
  /// similar true pair the assignment needs scores 0.598. Pairs that are closer still but wrong
  /// ("cấp tỉnh" / "cấp xã", 0.76) are left to the one-to-one assignment, which gives the true
  /// partner away to nobody.
  public var threshold: Double
  /// Pairs the user knows belong together (`--key`): indicator or task-name texts of A and B,
  /// matched case-, diacritic- and punctuation-insensitively. They are aligned whatever their
  /// similarity, before the rest.
  public var keys: [(a: String, b: String)]

  public init(threshold: Double = 0.56, keys: [(a: String, b: String)] = []) {
    self.threshold = threshold
    self.keys = keys
  }
}

/// Which item of A goes with which of B.
public struct Alignment: Sendable, Hashable {
  public struct Pair: Sendable, Hashable {
    public var a: Int
    public var b: Int
    public var similarity: Double
  }
  public var pairs: [Pair]
  public var onlyA: [Int]
  public var onlyB: [Int]
}

/// Aligns the targets (chỉ tiêu) and tasks (nhiệm vụ) of two plans one-to-one by meaning.
///
/// Similarity is word-based (see `IndicatorWords`, `FeatureIndex`); unit and group only break
/// ties, since communes regroup and relabel units freely; the assignment is optimal
/// (`HungarianSolver`), not first-come.
public enum PlanAligner {
  public static func alignTargets(_ a: [Target], _ b: [Target], options: AlignmentOptions = AlignmentOptions()) -> Alignment {
    let (index, f) = FeatureIndex.built([a.map(\.indicator), b.map(\.indicator)])
    let (fa, fb) = (f[0], f[1])
    let ka = a.map { IndicatorWords.exactKey($0.indicator) }
    let kb = b.map { IndicatorWords.exactKey($0.indicator) }
    let ua = a.map { unitKey($0.unit) }
    let ub = b.map { unitKey($0.unit) }
    let ga = a.map { $0.group.map(IndicatorWords.exactKey) }
    let gb = b.map { $0.group.map(IndicatorWords.exactKey) }
    return assign(
      a.count, b.count, forced: forcedPairs(ka, kb, options.keys),
      score: { i, j in
        let s = index.score(keys: ka[i], kb[j], fa[i], fb[j])
        return s >= options.threshold ? s : nil
      },
      tieBreak: { i, j in
        (ua[i] == ub[j] ? 0.02 : 0) + (ga[i] != nil && ga[i] == gb[j] ? 0.01 : 0)
      },
      similarity: { i, j in index.similarity(fa[i], fb[j]) })
  }

  /// Every pair's similarity, for tuning the threshold against hand-made alignments.
  package static func targetSimilarities(_ a: [Target], _ b: [Target]) -> [[Double]] {
    let (index, f) = FeatureIndex.built([a.map(\.indicator), b.map(\.indicator)])
    return f[0].map { x in f[1].map { y in index.similarity(x, y) } }
  }

  /// Tasks align by name; the expected result (kết quả/sản phẩm) decides a name that is
  /// close but under the threshold, and breaks ties between equally close names.
  public static func alignTasks(_ a: [Task], _ b: [Task], options: AlignmentOptions = AlignmentOptions()) -> Alignment {
    let (index, f) = FeatureIndex.built(
      [a.map(\.name), b.map(\.name), a.map { $0.result ?? "" }, b.map { $0.result ?? "" }])
    let (na, nb, ra, rb) = (f[0], f[1], f[2], f[3])
    let ka = a.map { IndicatorWords.exactKey($0.name) }
    let kb = b.map { IndicatorWords.exactKey($0.name) }
    return assign(
      a.count, b.count, forced: forcedPairs(ka, kb, options.keys),
      score: { i, j in
        let name = index.score(keys: ka[i], kb[j], na[i], nb[j])
        if name >= options.threshold { return name }
        let result = index.similarity(ra[i], rb[j])
        if name >= options.threshold - 0.15, result >= options.threshold { return (name + result) / 2 }
        return nil
      },
      tieBreak: { i, j in 0.02 * index.similarity(ra[i], rb[j]) },
      similarity: { i, j in index.similarity(na[i], nb[j]) })
  }

  /// The assignment itself, shared by targets, tasks, sections and `compare`.
  ///
  /// `score` is nil under the threshold, so a sure pair is never traded for two weak ones;
  /// the tie-break (and a last nudge for keeping the order of the documents) only orders
  /// pairs of equal score.
  package static func assign(
    _ countA: Int, _ countB: Int, forced: [(Int, Int)],
    score: (Int, Int) -> Double?, tieBreak: (Int, Int) -> Double,
    similarity: (Int, Int) -> Double = { _, _ in 0 }
  ) -> Alignment {
    var pairs: [Alignment.Pair] = []
    var takenA = Array(repeating: false, count: countA)
    var takenB = Array(repeating: false, count: countB)
    for (i, j) in forced where !takenA[i] && !takenB[j] {
      takenA[i] = true
      takenB[j] = true
      pairs.append(.init(a: i, b: j, similarity: score(i, j) ?? similarity(i, j)))
    }
    let rows = (0..<countA).filter { !takenA[$0] }
    let cols = (0..<countB).filter { !takenB[$0] }
    if !rows.isEmpty && !cols.isEmpty {
      var scores = Array(repeating: Array(repeating: 0.0, count: cols.count), count: rows.count)
      var raw = scores
      var any = false
      for (r, i) in rows.enumerated() {
        for (c, j) in cols.enumerated() {
          guard let s = score(i, j) else { continue }
          any = true
          raw[r][c] = s
          let order = 1 - abs(Double(i) / Double(max(countA, 1)) - Double(j) / Double(max(countB, 1)))
          scores[r][c] = s + tieBreak(i, j) + 0.001 * order
        }
      }
      if any {
        for (r, c) in HungarianSolver.maximize(scores).enumerated() {
          guard let c, scores[r][c] > 0 else { continue }
          pairs.append(.init(a: rows[r], b: cols[c], similarity: raw[r][c]))
          takenA[rows[r]] = true
          takenB[cols[c]] = true
        }
      }
    }
    pairs.sort { ($0.a, $0.b) < ($1.a, $1.b) }
    return Alignment(
      pairs: pairs,
      onlyA: (0..<countA).filter { !takenA[$0] },
      onlyB: (0..<countB).filter { !takenB[$0] })
  }

  private static func forcedPairs(_ ka: [String], _ kb: [String], _ keys: [(a: String, b: String)]) -> [(Int, Int)] {
    keys.compactMap { key in
      let a = IndicatorWords.exactKey(key.a)
      let b = IndicatorWords.exactKey(key.b)
      guard let i = ka.firstIndex(of: a), let j = kb.firstIndex(of: b) else { return nil }
      return (i, j)
    }
  }

  /// A unit that only adds what it is a share of is the same unit: "%" ≡ "% dân số".
  package static func sameUnit(_ a: String?, _ b: String?) -> Bool {
    let x = unitKey(a)
    let y = unitKey(b)
    return x == y || (!x.isEmpty && !y.isEmpty && (x.hasPrefix(y) || y.hasPrefix(x)))
  }

  /// Units compare without case, diacritics or spacing ("% Dân số" ≡ "%dân số").
  package static func unitKey(_ unit: String?) -> String {
    guard let unit else { return "" }
    return FoldingKey.diacriticFree(unit).filter { !$0.isWhitespace }
  }
}
