import VanBanModel

/// The diff as a redline report (see `HTMLPage`): summary first, then what changed, what was
/// removed and added, what stayed, and the outline.
extension PlanDiff {
  public func html() -> String {
    let e = HTMLPage.escape
    let s = summary
    var b = "<h1>So sánh kế hoạch</h1>\n"
    b += "<p class=\"files\"><b>A</b> \(e(a.name)) <code>\(e(String(a.sha256.prefix(12))))</code><br>"
    b += "<b>B</b> \(e(self.b.name)) <code>\(e(String(self.b.sha256.prefix(12))))</code></p>\n"
    b += "<section class=\"summary\" aria-label=\"Tóm tắt\">"
    b += stat(s.targetsSame, "chỉ tiêu giữ nguyên", "")
    b += stat(s.targetsChanged, "chỉ tiêu thay đổi (\(s.tighter) cao hơn, \(s.looser) thấp hơn)", "s-chg")
    b += stat(s.targetsOnlyA, "chỉ tiêu chỉ có ở A", "s-del")
    b += stat(s.targetsOnlyB, "chỉ tiêu chỉ có ở B", "s-ins")
    b += stat(s.tasksChanged, "nhiệm vụ thay đổi (\(s.tasksSame) giữ nguyên)", "s-chg")
    b += stat(s.tasksOnlyA, "nhiệm vụ chỉ có ở A", "s-del")
    b += stat(s.tasksOnlyB, "nhiệm vụ chỉ có ở B", "s-ins")
    b += stat(s.headerChanges + s.sectionChanges, "thay đổi phần đầu và dàn ý", "")
    b += "</section>\n"
    b += "<p class=\"legend\"><span><ins>thêm ở B</ins></span><span><del>bỏ ở B</del></span>"
    b += "<span><span class=\"mov\">chuyển chỗ</span></span><span><span class=\"dir tighter\">▲ cao hơn</span></span>"
    b += "<span><span class=\"dir looser\">▼ thấp hơn</span></span></p>\n"

    b += "<h2>Phần đầu văn bản</h2>\n"
    if header.isEmpty {
      b += "<p class=\"empty\">Không thay đổi.</p>\n"
    } else {
      b += "<table class=\"r\"><thead><tr><th>Trường</th><th>A</th><th>B</th></tr></thead><tbody>\n"
      for h in header {
        var sideA = h.a.map { "<del>\(e($0))</del>" } ?? "—"
        var sideB = h.b.map { "<ins>\(e($0))</ins>" } ?? "—"
        if let x = h.a, let y = h.b { (sideA, sideB) = HTMLPage.redline(x, y) }
        b += "<tr><td data-label=\"Trường\">\(e(h.field))</td><td data-label=\"A\">\(sideA)</td>"
        b += "<td data-label=\"B\">\(sideB)</td></tr>\n"
      }
      b += "</tbody></table>\n"
    }

    b += "<h2>Chỉ tiêu thay đổi</h2>\n"
    b += pairsTable(targets.pairs.filter { !$0.isSame }, name: \.indicator, line: \.line, what: "Chỉ tiêu")
    b += "<h2>Chỉ tiêu chỉ có ở A</h2>\n" + onlyList(targets.onlyA.map { ($0.indicator, Self.values($0), $0.line) }, tag: "s-del")
    b += "<h2>Chỉ tiêu chỉ có ở B</h2>\n" + onlyList(targets.onlyB.map { ($0.indicator, Self.values($0), $0.line) }, tag: "s-ins")
    b += "<h2>Chỉ tiêu giữ nguyên</h2>\n" + sameList(targets.pairs.filter(\.isSame).map { ($0.b.indicator, Self.values($0.b), $0.a.line, $0.b.line) })

    b += "<h2>Nhiệm vụ thay đổi</h2>\n"
    b += pairsTable(tasks.pairs.filter { !$0.isSame }, name: \.name, line: \.line, what: "Nhiệm vụ")
    b += "<h2>Nhiệm vụ chỉ có ở A</h2>\n" + onlyList(tasks.onlyA.map { ($0.name, $0.deadline?.text ?? "", $0.line) }, tag: "s-del")
    b += "<h2>Nhiệm vụ chỉ có ở B</h2>\n" + onlyList(tasks.onlyB.map { ($0.name, $0.deadline?.text ?? "", $0.line) }, tag: "s-ins")
    b += "<h2>Nhiệm vụ giữ nguyên</h2>\n" + sameList(tasks.pairs.filter(\.isSame).map { ($0.b.name, $0.b.deadline?.text ?? "", $0.a.line, $0.b.line) })

    b += "<h2>Dàn ý</h2>\n"
    if sections.isEmpty {
      b += "<p class=\"empty\">Không thay đổi.</p>\n"
    } else {
      b += "<ul class=\"outline\">\n"
      var k = 0
      while k < sections.count {
        let c = sections[k]
        // A section both moved and renamed is one line: the move, with the new name marked.
        if c.op == .moved, k + 1 < sections.count, sections[k + 1].op == .renamed, sections[k + 1].a == c.a {
          let r = HTMLPage.redline(c.a ?? "", c.b ?? "")
          b += "<li><span class=\"mov\">chuyển chỗ</span> \(r.a) → \(r.b)</li>\n"
          k += 2
          continue
        }
        switch c.op {
        case .added: b += "<li><ins>\(e(c.b ?? ""))</ins></li>\n"
        case .removed: b += "<li><del>\(e(c.a ?? ""))</del></li>\n"
        case .moved: b += "<li><span class=\"mov\">\(e(c.a ?? "")) → \(e(c.b ?? ""))</span></li>\n"
        case .renamed:
          let r = HTMLPage.redline(c.a ?? "", c.b ?? "")
          b += "<li>đổi tên: \(r.a) → \(r.b)</li>\n"
        }
        k += 1
      }
      b += "</ul>\n"
    }
    return HTMLPage.document(title: "So sánh: \(a.name) – \(self.b.name)", body: b)
  }

  private func stat(_ n: Int, _ label: String, _ cls: String) -> String {
    "<div class=\"stat \(cls)\"><b>\(n)</b>\(HTMLPage.escape(label))</div>"
  }

  static func values(_ t: Target) -> String {
    t.values.map { v in show(v) + (v.year.map { " (\($0))" } ?? "") }.joined(separator: "; ")
  }

  private func pairsTable<Item>(_ pairs: [Pair<Item>], name: KeyPath<Item, String>, line: KeyPath<Item, Int>, what: String) -> String {
    let e = HTMLPage.escape
    if pairs.isEmpty { return "<p class=\"empty\">Không có.</p>\n" }
    var b = "<table class=\"r\"><thead><tr><th>\(what)</th><th>Thay đổi</th><th>Dòng A/B</th></tr></thead><tbody>\n"
    for p in pairs {
      let nb = p.b[keyPath: name]
      let na = p.a[keyPath: name]
      b += "<tr><td data-label=\"\(what)\">\(e(nb))"
      if IndicatorWords.exactKey(na) != IndicatorWords.exactKey(nb) { b += "<span class=\"alt\">A: \(e(na))</span>" }
      b += "</td><td data-label=\"Thay đổi\"><ul class=\"changes\">"
      for c in p.changes {
        b += "<li>\(e(Self.fieldName(c.field)))\(c.year.map { " \($0)" } ?? ""): "
        if c.field == "result", let x = c.a, let y = c.b {
          // Long prose: mark the words, not the whole paragraph.
          let r = HTMLPage.redline(x, y)
          b += r.a + " → " + r.b
        } else {
          b += c.a.map { "<del>\(e($0))</del>" } ?? "—"
          b += " → "
          b += c.b.map { "<ins>\(e($0))</ins>" } ?? "—"
        }
        if let d = c.direction {
          b += d == .tighter ? "<span class=\"dir tighter\">▲ cao hơn</span>" : "<span class=\"dir looser\">▼ thấp hơn</span>"
        }
        b += "</li>"
      }
      b += "</ul></td><td class=\"ln\" data-label=\"Dòng A/B\">\(p.a[keyPath: line]) / \(p.b[keyPath: line])</td></tr>\n"
    }
    return b + "</tbody></table>\n"
  }

  private func onlyList(_ items: [(String, String, Int)], tag: String) -> String {
    let e = HTMLPage.escape
    if items.isEmpty { return "<p class=\"empty\">Không có.</p>\n" }
    var b = "<table class=\"r\"><thead><tr><th>Nội dung</th><th>Giá trị / thời hạn</th><th>Dòng</th></tr></thead><tbody>\n"
    for (name, detail, line) in items {
      b += "<tr><td data-label=\"Nội dung\"><\(tag)>\(e(name))</\(tag)></td><td data-label=\"Giá trị / thời hạn\">\(e(detail))</td>"
      b += "<td class=\"ln\" data-label=\"Dòng\">\(line)</td></tr>\n"
    }
    return b + "</tbody></table>\n"
  }

  private func sameList(_ items: [(String, String, Int, Int)]) -> String {
    let e = HTMLPage.escape
    if items.isEmpty { return "<p class=\"empty\">Không có.</p>\n" }
    var b = "<table class=\"r\"><thead><tr><th>Nội dung</th><th>Giá trị / thời hạn</th><th>Dòng A/B</th></tr></thead><tbody>\n"
    for (name, detail, la, lb) in items {
      b += "<tr><td data-label=\"Nội dung\">\(e(name))</td><td data-label=\"Giá trị / thời hạn\">\(e(detail))</td>"
      b += "<td class=\"ln\" data-label=\"Dòng A/B\">\(la) / \(lb)</td></tr>\n"
    }
    return b + "</tbody></table>\n"
  }

  static func fieldName(_ field: String) -> String {
    switch field {
    case "values": "giá trị"
    case "year": "năm"
    case "unit": "đơn vị tính"
    case "lead": "chủ trì"
    case "deadline": "thời hạn"
    case "result": "kết quả"
    default: field
    }
  }
}
