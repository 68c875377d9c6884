import VanBanModel

/// The targets of many plans as one matrix (`vanban compare`): one row per indicator, one
/// column per plan, the plan's target for that indicator in the cell.
///
/// Rows are found by clustering: plans are taken in order and each plan's targets are aligned
/// one-to-one (`PlanAligner.assign`) to the rows found so far, each row represented by the
/// wording that opened it; a target that matches no row opens a new one. One-to-one per plan
/// keeps a plan from putting two targets in one row; aligning to a single wording per row
/// keeps a row from drifting from "5G coverage" to "4G coverage" through a chain of
/// near-matches. Rows are sorted by how many plans share them.
public struct CompareMatrix: Sendable {
  public struct Column: Sendable, Hashable {
    public var name: String
    public var sha256: String
  }

  public struct Row: Sendable, Hashable {
    /// The wording of the first plan that states the indicator.
    public var indicator: String
    public var unit: String?
    /// One cell per column: that plan's target, or nil.
    public var cells: [Target?]
    public var count: Int { cells.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }
  }

  public var columns: [Column]
  public var rows: [Row]

  public init(_ plans: [Plan], options: AlignmentOptions = AlignmentOptions()) {
    columns = plans.map { Column(name: $0.source.name, sha256: $0.source.sha256) }
    let (index, features) = FeatureIndex.built(plans.map { $0.targets.map(\.indicator) })

    var rows: [Row] = []
    var repFeatures: [[Int]] = []
    var repKeys: [String] = []
    var repUnits: [String] = []
    for (p, plan) in plans.enumerated() {
      let fs = features[p]
      let keys = plan.targets.map { IndicatorWords.exactKey($0.indicator) }
      let units = plan.targets.map { PlanAligner.unitKey($0.unit) }
      // Only rows that some target of this plan comes close to enter the assignment, so each
      // plan costs its targets × its candidate rows, not × every row so far.
      var scores: [Int: [Int: Double]] = [:]  // row -> target -> score
      for (t, f) in fs.enumerated() {
        for r in repFeatures.indices {
          let s = index.score(keys: keys[t], repKeys[r], f, repFeatures[r])
          if s >= options.threshold { scores[r, default: [:]][t] = s }
        }
      }
      let candidates = scores.keys.sorted()
      let alignment = PlanAligner.assign(
        fs.count, candidates.count, forced: [],
        score: { t, c in scores[candidates[c]]?[t] },
        tieBreak: { t, c in units[t] == repUnits[candidates[c]] ? 0.02 : 0 })
      for pair in alignment.pairs {
        rows[candidates[pair.b]].cells[p] = plan.targets[pair.a]
      }
      for t in alignment.onlyA {
        let target = plan.targets[t]
        var cells: [Target?] = Array(repeating: nil, count: plans.count)
        cells[p] = target
        rows.append(Row(indicator: target.indicator, unit: target.unit, cells: cells))
        repFeatures.append(fs[t])
        repKeys.append(keys[t])
        repUnits.append(units[t])
      }
    }
    // Stable: among rows shared by as many plans, the first plan's order is kept.
    self.rows = rows.enumerated().sorted { x, y in
      x.element.count != y.element.count ? x.element.count > y.element.count : x.offset < y.offset
    }.map(\.element)
  }

  /// A cell as one line: each year's value as written.
  package static func cellText(_ t: Target) -> String {
    if t.values.isEmpty { return "✓" }
    return t.values.map { v in PlanDiff.show(v) + (v.year.map { " (\($0))" } ?? "") }.joined(separator: "; ")
  }

  // MARK: CSV

  /// RFC 4180: comma-separated, CRLF rows, fields quoted when they hold a comma, quote or
  /// line break; a BOM so that spreadsheet programs read the Vietnamese as UTF-8.
  public func csv() -> String {
    var out = "\u{FEFF}"
    let header = ["indicator", "unit", "plans"] + columns.map(\.name)
    out += header.map(Self.csvField).joined(separator: ",") + "\r\n"
    for row in rows {
      var fields = [row.indicator, row.unit ?? "", String(row.count)]
      fields += row.cells.map { $0.map(Self.cellText) ?? "" }
      out += fields.map(Self.csvField).joined(separator: ",") + "\r\n"
    }
    return out
  }

  private static func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingQuote() + "\""
  }

  // MARK: JSON

  public func json(pretty: Bool = false) -> [UInt8] {
    var w = JSONWriter(pretty: pretty, reserving: 64 * 1024)
    w.object { w in
      w.key("schema_version"); w.value(Plan.schemaVersion)
      w.key("plans")
      w.array(columns) { w, c in
        w.object { w in
          w.key("name"); w.value(c.name)
          w.key("sha256"); w.value(c.sha256)
        }
      }
      w.key("rows")
      w.array(rows) { w, row in
        w.object { w in
          w.key("indicator"); w.value(row.indicator)
          w.key("unit"); w.value(row.unit)
          w.key("count"); w.value(row.count)
          w.key("cells")
          w.array(row.cells) { w, cell in
            if let cell { cell.write(to: &w) } else { w.null() }
          }
        }
      }
    }
    return w.bytes
  }

  // MARK: HTML

  public func html() -> String {
    let e = HTMLPage.escape
    var b = "<h1>Ma trận chỉ tiêu</h1>\n"
    let shared = rows.filter { $0.count == columns.count }.count
    b += "<section class=\"summary\" aria-label=\"Tóm tắt\">"
    b += "<div class=\"stat\"><b>\(columns.count)</b>kế hoạch</div>"
    b += "<div class=\"stat\"><b>\(rows.count)</b>chỉ tiêu khác nhau</div>"
    b += "<div class=\"stat s-ins\"><b>\(shared)</b>chỉ tiêu có ở mọi kế hoạch</div>"
    b += "<div class=\"stat s-del\"><b>\(rows.filter { $0.count == 1 }.count)</b>chỉ tiêu chỉ có ở một kế hoạch</div>"
    b += "</section>\n<ol class=\"files\">"
    for c in columns { b += "<li>\(e(c.name)) <code>\(e(String(c.sha256.prefix(12))))</code></li>" }
    b += "</ol>\n<div class=\"scroll\"><table class=\"matrix\"><thead><tr><th>Chỉ tiêu</th><th>Số KH</th>"
    for (i, _) in columns.enumerated() { b += "<th>KH \(i + 1)</th>" }
    b += "</tr></thead><tbody>\n"
    for row in rows {
      b += "<tr><td>\(e(row.indicator))\(row.unit.map { " <span class=\"ln\">(\(e($0)))</span>" } ?? "")</td>"
      b += "<td class=\"num\">\(row.count)/\(columns.count)</td>"
      for cell in row.cells {
        if let cell {
          b += "<td title=\"\(e(cell.indicator))\">\(e(Self.cellText(cell))) <span class=\"ln\">dòng \(cell.line)</span></td>"
        } else {
          b += "<td class=\"none\">—</td>"
        }
      }
      b += "</tr>\n"
    }
    b += "</tbody></table></div>\n"
    return HTMLPage.document(title: "Ma trận chỉ tiêu (\(columns.count) kế hoạch)", body: b)
  }
}

extension String {
  fileprivate func replacingQuote() -> String {
    var out = ""
    for ch in self {
      if ch == "\"" { out += "\"\"" } else { out.append(ch) }
    }
    return out
  }
}
