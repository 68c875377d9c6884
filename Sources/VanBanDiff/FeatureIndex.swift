#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Word and word-pair features interned as integers, weighted by how rare they are.
///
/// Rarity is counted over the documents being aligned (two plans for `diff`, all of them for
/// `compare`), so words every plan repeats ("hành chính", "trực tuyến") weigh little and the
/// distinctive ones ("hài lòng", "5G", "VNeID") decide. The weight is the squared IDF: with
/// plain IDF "hài lòng khi sử dụng DVC" still matched "sử dụng DVC" on the seeds.
package struct FeatureIndex: Sendable {
  private var ids: [String: Int] = [:]
  private var documentFrequency: [Int] = []
  private var documents = 0
  private var weights: [Double] = []

  package init() {}

  /// The sorted, unique features of a text: its words and adjacent word pairs (pairs keep
  /// "công chức" apart from "chức năng … công").
  package mutating func features(of text: String) -> [Int] {
    let words = IndicatorWords.words(text)
    var keys = Set(words)
    if words.count > 1 {
      for i in 0..<(words.count - 1) { keys.insert(words[i] + " " + words[i + 1]) }
    }
    var out: [Int] = []
    out.reserveCapacity(keys.count)
    for key in keys {
      if let id = ids[key] {
        out.append(id)
      } else {
        let id = documentFrequency.count
        ids[key] = id
        documentFrequency.append(0)
        out.append(id)
      }
    }
    return out.sorted()
  }

  /// Counts a document for the rarity weights; call for every text before `finish`.
  package mutating func count(_ features: [Int]) {
    documents += 1
    for f in features { documentFrequency[f] += 1 }
  }

  package mutating func finish() {
    let n = Double(max(documents, 1))
    weights = documentFrequency.map { df in
      let idf = log1p(n / Double(max(df, 1)))
      return idf * idf
    }
  }

  /// An index over every text of `groups`, counted and finished, with each group's features
  /// in order: what every aligner builds before it compares.
  package static func built(_ groups: [[String]]) -> (index: FeatureIndex, features: [[[Int]]]) {
    var index = FeatureIndex()
    let features = groups.map { $0.map { index.features(of: $0) } }
    for group in features { for f in group { index.count(f) } }
    index.finish()
    return (index, features)
  }

  /// 1 when two texts have the same non-empty exact key (`IndicatorWords.exactKey`), else the
  /// similarity of their features. An empty key (a text of numbers or punctuation) is no match.
  package func score(keys a: String, _ b: String, _ fa: [Int], _ fb: [Int]) -> Double {
    a == b && !a.isEmpty ? 1 : similarity(fa, fb)
  }

  private func weight(_ f: Int) -> Double {
    f < weights.count ? weights[f] : 1
  }

  /// Weighted Dice coefficient of two sorted feature lists, 0…1.
  package func similarity(_ a: [Int], _ b: [Int]) -> Double {
    if a.isEmpty || b.isEmpty { return 0 }
    var i = 0
    var j = 0
    var common = 0.0
    var total = 0.0
    while i < a.count || j < b.count {
      if j == b.count || (i < a.count && a[i] < b[j]) {
        total += weight(a[i]); i += 1
      } else if i == a.count || b[j] < a[i] {
        total += weight(b[j]); j += 1
      } else {
        let w = weight(a[i])
        common += 2 * w
        total += 2 * w
        i += 1; j += 1
      }
    }
    return total > 0 ? common / total : 0
  }
}
