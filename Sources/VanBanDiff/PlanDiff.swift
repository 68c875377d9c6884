import VanBanModel
import VanBanText

/// The differences between two plans (SPEC §4): head, aligned targets and tasks, outline.
public struct PlanDiff: Sendable {
  public struct Side: Sendable, Hashable {
    public var name: String
    public var sha256: String
  }

  /// A field of the head (or signature) that differs.
  public struct HeaderChange: Sendable, Hashable {
    public var field: String
    public var a: String?
    public var b: String?
  }

  /// One difference inside an aligned pair. `year` is set for a value change of one year.
  public struct Change: Sendable, Hashable {
    public var field: String
    public var year: Int?
    public var a: String?
    public var b: String?
    public var direction: Direction?
  }

  public struct Pair<Item: Sendable & Hashable>: Sendable, Hashable {
    public var a: Item
    public var b: Item
    public var similarity: Double
    public var changes: [Change]
    public var isSame: Bool { changes.isEmpty }
  }

  public struct Items<Item: Sendable & Hashable>: Sendable, Hashable {
    public var pairs: [Pair<Item>]
    public var onlyA: [Item]
    public var onlyB: [Item]
    public var isEmpty: Bool { onlyA.isEmpty && onlyB.isEmpty && pairs.allSatisfy(\.isSame) }
  }

  /// A change to the section outline. `a` and `b` name the section as `path title`.
  public struct SectionChange: Sendable, Hashable {
    public enum Op: String, Sendable, Hashable {
      case added, removed, renamed, moved
    }
    public var op: Op
    public var a: String?
    public var b: String?
  }

  public var a: Side
  public var b: Side
  public var header: [HeaderChange]
  public var targets: Items<Target>
  public var tasks: Items<Task>
  public var sections: [SectionChange]

  /// No difference a reader of the plans would care about.
  public var isEmpty: Bool { header.isEmpty && targets.isEmpty && tasks.isEmpty && sections.isEmpty }

  public init(_ a: Plan, _ b: Plan, options: AlignmentOptions = AlignmentOptions()) {
    self.a = Side(name: a.source.name, sha256: a.source.sha256)
    self.b = Side(name: b.source.name, sha256: b.source.sha256)
    header = Self.headerChanges(a, b)
    let ta = PlanAligner.alignTargets(a.targets, b.targets, options: options)
    targets = Items(
      pairs: ta.pairs.map { p in
        let x = a.targets[p.a]
        let y = b.targets[p.b]
        return Pair(a: x, b: y, similarity: p.similarity, changes: Self.targetChanges(x, y))
      },
      onlyA: ta.onlyA.map { a.targets[$0] }, onlyB: ta.onlyB.map { b.targets[$0] })
    let tk = PlanAligner.alignTasks(a.tasks, b.tasks, options: options)
    tasks = Items(
      pairs: tk.pairs.map { p in
        let x = a.tasks[p.a]
        let y = b.tasks[p.b]
        return Pair(a: x, b: y, similarity: p.similarity, changes: Self.taskChanges(x, y))
      },
      onlyA: tk.onlyA.map { a.tasks[$0] }, onlyB: tk.onlyB.map { b.tasks[$0] })
    sections = OutlineDiff.changes(a.sections, b.sections)
  }

  // MARK: head

  static func headerChanges(_ a: Plan, _ b: Plan) -> [HeaderChange] {
    let fields: [(String, (Plan) -> String?)] = [
      ("issuer", { $0.header.issuer }),
      ("number", { $0.header.number }),
      ("symbol", { $0.header.symbol }),
      ("place", { $0.header.place }),
      ("date", { $0.header.date?.text }),
      ("doc_type", { $0.header.docType }),
      ("title", { $0.header.title }),
      ("signer", { $0.signature?.signer }),
      ("signer_title", { $0.signature?.title }),
    ]
    return fields.compactMap { field, get in
      let x = get(a)
      let y = get(b)
      return sameText(x, y) ? nil : HeaderChange(field: field, a: x, b: y)
    }
  }

  /// Case and tone placement do not make a change ("hoà" ≡ "hòa"); anything else does.
  static func sameText(_ x: String?, _ y: String?) -> Bool {
    switch (x, y) {
    case (nil, nil): true
    case (let x?, let y?): x == y || FoldingKey.toneInsensitive(x) == FoldingKey.toneInsensitive(y)
    default: false
    }
  }

  // MARK: targets

  static func targetChanges(_ a: Target, _ b: Target) -> [Change] {
    var changes: [Change] = []
    let va = valuesByYear(a.values)
    let vb = valuesByYear(b.values)
    let yearsA = va.map(\.year)
    let yearsB = vb.map(\.year)
    for x in va {
      guard let y = vb.first(where: { $0.year == x.year }), !sameValue(x, y) else { continue }
      changes.append(Change(field: "values", year: x.year, a: show(x), b: show(y), direction: Direction.compare(x, y)))
    }
    // Plans are compared where both set a value: a plan that adds a 2030 value beside the
    // common 2026 one has not changed its 2026 target. Only with no year in common is the year
    // itself a change, and then the latest values are what each plan aims at.
    if !yearsA.isEmpty, !yearsB.isEmpty, Set(yearsA).isDisjoint(with: yearsB) {
      changes.append(Change(field: "year", year: nil, a: showYears(yearsA), b: showYears(yearsB), direction: nil))
      if let x = va.last, let y = vb.last, !sameValue(x, y) {
        changes.append(Change(field: "values", year: nil, a: show(x), b: show(y), direction: Direction.compare(x, y)))
      }
    }
    if va.isEmpty != vb.isEmpty {
      let text = { (vs: [TargetValue]) in vs.isEmpty ? nil : vs.map(show).joined(separator: "; ") }
      changes.append(Change(field: "values", year: nil, a: text(va), b: text(vb), direction: nil))
    }
    if !PlanAligner.sameUnit(a.unit, b.unit) {
      changes.append(Change(field: "unit", year: nil, a: a.unit, b: b.unit, direction: nil))
    }
    if Set(a.lead) != Set(b.lead) {
      changes.append(Change(field: "lead", year: nil, a: joined(a.lead), b: joined(b.lead), direction: nil))
    }
    return changes
  }

  /// One value per year (the first, as written), ordered by year with the undated first.
  private static func valuesByYear(_ values: [TargetValue]) -> [TargetValue] {
    var seen = Set<Int?>()
    return values.filter { seen.insert($0.year).inserted }.sorted { ($0.year ?? Int.min) < ($1.year ?? Int.min) }
  }

  private static func sameValue(_ x: TargetValue, _ y: TargetValue) -> Bool {
    if x.value == nil && y.value == nil { return IndicatorWords.exactKey(x.text) == IndicatorWords.exactKey(y.text) }
    return x.op == y.op && x.value == y.value
  }

  /// The value as the plan wrote it, with the comparison spelled out when the text lacks it.
  package static func show(_ v: TargetValue) -> String {
    let text = v.text.trimmingSpaces
    let symbol: String
    switch v.op {
    case .eq: symbol = ""
    case .ge: symbol = "≥ "
    case .gt: symbol = "> "
    case .le: symbol = "≤ "
    case .lt: symbol = "< "
    case .top: symbol = "Top "
    }
    if symbol.isEmpty || text.hasPrefix(symbol.trimmingSpaces) || v.value == nil { return text }
    // "tối thiểu 45%" says ≥ in words; keep the words.
    if text.first.map({ !$0.isNumber }) ?? false { return text }
    return symbol + text
  }

  private static func showYears(_ years: [Int?]) -> String {
    years.map { $0.map(String.init) ?? "—" }.joined(separator: ", ")
  }

  private static func joined(_ xs: [String]) -> String? {
    xs.isEmpty ? nil : xs.joined(separator: "; ")
  }

  // MARK: tasks

  static func taskChanges(_ a: Task, _ b: Task) -> [Change] {
    var changes: [Change] = []
    if Set(a.lead) != Set(b.lead) {
      changes.append(Change(field: "lead", year: nil, a: joined(a.lead), b: joined(b.lead), direction: nil))
    }
    let da = a.deadline
    let db = b.deadline
    let sameDeadline: Bool
    switch (da, db) {
    case (nil, nil): sameDeadline = true
    case (let x?, let y?):
      sameDeadline = (x.kind, x.start, x.end, x.recurrence) == (y.kind, y.start, y.end, y.recurrence)
        && (x.kind != .unknown || IndicatorWords.exactKey(x.text) == IndicatorWords.exactKey(y.text))
    default: sameDeadline = false
    }
    if !sameDeadline {
      var direction: Direction? = nil
      if let da, let db { direction = Direction.compare(da, db) }
      changes.append(Change(field: "deadline", year: nil, a: da?.text, b: db?.text, direction: direction))
    }
    if IndicatorWords.exactKey(a.result ?? "") != IndicatorWords.exactKey(b.result ?? "") {
      changes.append(Change(field: "result", year: nil, a: a.result, b: b.result, direction: nil))
    }
    return changes
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while s.first?.isWhitespace == true { s = s.dropFirst() }
    while s.last?.isWhitespace == true { s = s.dropLast() }
    return String(s)
  }
}
