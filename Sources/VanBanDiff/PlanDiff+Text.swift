import VanBanModel

/// A plain-text report for the terminal: `=` same, `~` changed, `-` only in A, `+` only in B,
/// each item with its line in either input.
extension PlanDiff {
  public func text() -> String {
    var out = "--- a: \(a.name)\n+++ b: \(b.name)\n"
    out += "summary: " + summary.line + "\n"
    if !header.isEmpty {
      out += "\nheader\n"
      for h in header { out += "  ~ \(h.field): \(h.a ?? "—") → \(h.b ?? "—")\n" }
    }
    out += "\ntargets\n"
    for p in targets.pairs where !p.isSame {
      out += "  ~ \(p.a.indicator)  [a:\(p.a.line) b:\(p.b.line)]\n"
      for c in p.changes { out += "      " + Self.describe(c) + "\n" }
    }
    for t in targets.onlyA { out += "  - \(t.indicator)  [a:\(t.line)]\n" }
    for t in targets.onlyB { out += "  + \(t.indicator)  [b:\(t.line)]\n" }
    let sameTargets = targets.pairs.filter(\.isSame).count
    if sameTargets > 0 { out += "  = \(sameTargets) unchanged\n" }
    out += "\ntasks\n"
    for p in tasks.pairs where !p.isSame {
      out += "  ~ \(p.a.name)  [a:\(p.a.line) b:\(p.b.line)]\n"
      for c in p.changes { out += "      " + Self.describe(c) + "\n" }
    }
    for t in tasks.onlyA { out += "  - \(t.name)  [a:\(t.line)]\n" }
    for t in tasks.onlyB { out += "  + \(t.name)  [b:\(t.line)]\n" }
    let sameTasks = tasks.pairs.filter(\.isSame).count
    if sameTasks > 0 { out += "  = \(sameTasks) unchanged\n" }
    if !sections.isEmpty {
      out += "\nsections\n"
      for s in sections {
        switch s.op {
        case .added: out += "  + \(s.b ?? "")\n"
        case .removed: out += "  - \(s.a ?? "")\n"
        case .moved: out += "  > \(s.a ?? "") → \(s.b ?? "")\n"
        case .renamed: out += "  ~ \(s.a ?? "") → \(s.b ?? "")\n"
        }
      }
    }
    return out
  }

  static func describe(_ c: Change) -> String {
    var s = c.field
    if let year = c.year { s += " \(year)" }
    s += ": \(c.a ?? "—") → \(c.b ?? "—")"
    if let d = c.direction { s += " (\(d.rawValue))" }
    return s
  }

  /// Counts for the top of every report.
  public struct Summary: Sendable, Hashable {
    public var targetsSame = 0, targetsChanged = 0, targetsOnlyA = 0, targetsOnlyB = 0
    public var tighter = 0, looser = 0
    public var tasksSame = 0, tasksChanged = 0, tasksOnlyA = 0, tasksOnlyB = 0
    public var headerChanges = 0, sectionChanges = 0

    public var line: String {
      "targets \(targetsSame) same, \(targetsChanged) changed (\(tighter) tighter, \(looser) looser), "
        + "\(targetsOnlyA) only in a, \(targetsOnlyB) only in b; "
        + "tasks \(tasksSame) same, \(tasksChanged) changed, \(tasksOnlyA) only in a, \(tasksOnlyB) only in b; "
        + "\(headerChanges) header and \(sectionChanges) outline changes"
    }
  }

  public var summary: Summary {
    var s = Summary()
    s.targetsSame = targets.pairs.filter(\.isSame).count
    s.targetsChanged = targets.pairs.count - s.targetsSame
    s.targetsOnlyA = targets.onlyA.count
    s.targetsOnlyB = targets.onlyB.count
    for p in targets.pairs {
      let ds = p.changes.compactMap(\.direction)
      if ds.contains(.tighter) && !ds.contains(.looser) { s.tighter += 1 }
      if ds.contains(.looser) && !ds.contains(.tighter) { s.looser += 1 }
    }
    s.tasksSame = tasks.pairs.filter(\.isSame).count
    s.tasksChanged = tasks.pairs.count - s.tasksSame
    s.tasksOnlyA = tasks.onlyA.count
    s.tasksOnlyB = tasks.onlyB.count
    s.headerChanges = header.count
    s.sectionChanges = sections.count
    return s
  }
}
