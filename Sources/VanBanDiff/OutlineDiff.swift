import VanBanModel

/// The section outline (dàn ý) compared: sections are matched by their text, not their number,
/// so a renumbered section is a move and not a removal plus an addition.
enum OutlineDiff {
  struct Node {
    var path: String
    var parent: String
    var text: String
    var display: String
  }

  static func flatten(_ sections: [Section], parent: String = "", into out: inout [Node]) {
    for s in sections {
      let text = s.title ?? s.blocks.first?.text ?? ""
      let short = text.count > 90 ? String(text.prefix(90)) + "…" : text
      out.append(Node(path: s.path, parent: parent, text: text, display: short.isEmpty ? s.path : s.path + " " + short))
      flatten(s.children, parent: s.path, into: &out)
    }
  }

  /// Changes in B's order, each removal where A had it. Renaming needs a similar title
  /// (0.6, or 0.3 at the same path): below that the section is taken as removed and another
  /// added.
  static func changes(_ a: [Section], _ b: [Section]) -> [PlanDiff.SectionChange] {
    var na: [Node] = []
    var nb: [Node] = []
    flatten(a, into: &na)
    flatten(b, into: &nb)
    let (index, f) = FeatureIndex.built([na.map(\.text), nb.map(\.text)])
    let (fa, fb) = (f[0], f[1])
    let ka = na.map { IndicatorWords.exactKey($0.text) }
    let kb = nb.map { IndicatorWords.exactKey($0.text) }
    let label = { (path: String) in path.split(separator: "/").last.map(String.init) ?? path }
    let alignment = PlanAligner.assign(
      na.count, nb.count, forced: [],
      score: { i, j in
        let s = index.score(keys: ka[i], kb[j], fa[i], fb[j])
        // At the same place a looser match is a rename (an OCR'd heading that swallowed the
        // paragraph below it); elsewhere it takes a close one.
        return s >= 0.6 || (s >= 0.3 && na[i].path == nb[j].path) ? s : nil
      },
      tieBreak: { i, j in
        (na[i].path == nb[j].path ? 0.02 : 0) + (label(na[i].path) == label(nb[j].path) ? 0.01 : 0)
      })
    var out: [PlanDiff.SectionChange] = []
    let removed = Set(alignment.onlyA)
    let pairOfB = Dictionary(uniqueKeysWithValues: alignment.pairs.map { ($0.b, $0.a) })
    var pathInB: [String: String] = [:]
    for p in alignment.pairs { pathInB[na[p.a].path] = nb[p.b].path }
    var nextA = 0
    func flushRemoved(upTo end: Int) {
      while nextA < end {
        if removed.contains(nextA) { out.append(.init(op: .removed, a: na[nextA].display, b: nil)) }
        nextA += 1
      }
    }
    for j in nb.indices {
      guard let i = pairOfB[j] else {
        out.append(.init(op: .added, a: nil, b: nb[j].display))
        continue
      }
      flushRemoved(upTo: i + 1)
      // A section that keeps its number under a parent that moved has moved with it: only the
      // parent is reported.
      let parentFollows = na[i].parent.isEmpty ? nb[j].parent.isEmpty : pathInB[na[i].parent] == nb[j].parent
      if !(parentFollows && label(na[i].path) == label(nb[j].path)) {
        out.append(.init(op: .moved, a: na[i].display, b: nb[j].display))
      }
      if ka[i] != kb[j] {
        out.append(.init(op: .renamed, a: na[i].display, b: nb[j].display))
      }
    }
    flushRemoved(upTo: na.count)
    return out
  }
}
