import VanBanModel

/// SPEC §4's diff JSON, written with `JSONWriter` like the plan itself.
extension PlanDiff {
  public func json(pretty: Bool = false) -> [UInt8] {
    var w = JSONWriter(pretty: pretty, reserving: 64 * 1024)
    w.object { w in
      w.key("schema_version"); w.value(Plan.schemaVersion)
      w.key("a"); a.write(to: &w)
      w.key("b"); b.write(to: &w)
      w.key("header")
      w.array(header) { w, h in
        w.object { w in
          w.key("field"); w.value(h.field)
          w.key("a"); w.value(h.a)
          w.key("b"); w.value(h.b)
        }
      }
      w.key("targets"); targets.write(to: &w) { w, t in ItemJSON.write(t, to: &w) }
      w.key("tasks"); tasks.write(to: &w) { w, t in ItemJSON.write(t, to: &w) }
      w.key("sections")
      w.array(sections) { w, s in
        w.object { w in
          w.key("op"); w.value(s.op.rawValue)
          w.key("a"); w.value(s.a)
          w.key("b"); w.value(s.b)
        }
      }
    }
    return w.bytes
  }
}

extension PlanDiff.Side {
  func write(to w: inout JSONWriter) {
    w.object { w in
      w.key("name"); w.value(name)
      w.key("sha256"); w.value(sha256)
    }
  }
}

extension PlanDiff.Items {
  func write(to w: inout JSONWriter, item: (inout JSONWriter, Item) -> Void) {
    w.object { w in
      w.key("pairs")
      w.array(pairs) { w, p in
        w.object { w in
          w.key("a"); item(&w, p.a)
          w.key("b"); item(&w, p.b)
          w.key("similarity"); w.value((p.similarity * 1000).rounded() / 1000)
          w.key("status"); w.value(p.isSame ? "same" : "changed")
          w.key("changes")
          w.array(p.changes) { w, c in
            w.object { w in
              w.key("field"); w.value(c.field)
              if let year = c.year { w.key("year"); w.value(year) }
              w.key("a"); w.value(c.a)
              w.key("b"); w.value(c.b)
              w.key("direction"); w.value(c.direction?.rawValue)
            }
          }
        }
      }
      w.key("only_a"); w.array(onlyA, item)
      w.key("only_b"); w.array(onlyB, item)
    }
  }
}

/// Targets and tasks as the plan JSON writes them (SPEC §2), so a consumer follows `line`
/// back into either document. The model's own writers are internal to VanBanModel.
package enum ItemJSON {
  package static func write(_ t: Target, to w: inout JSONWriter) {
    w.object { w in
      w.key("group"); w.value(t.group)
      w.key("number"); w.value(t.number)
      w.key("indicator"); w.value(t.indicator)
      w.key("unit"); w.value(t.unit)
      w.key("values"); w.array(t.values) { w, v in write(v, to: &w) }
      w.key("lead"); w.array(t.lead) { w, s in w.value(s) }
      w.key("coordinators"); w.array(t.coordinators) { w, s in w.value(s) }
      w.key("note"); w.value(t.note)
      w.key("origin"); w.value(t.origin.rawValue)
      w.key("line"); w.value(t.line)
    }
  }

  package static func write(_ v: TargetValue, to w: inout JSONWriter) {
    w.object { w in
      w.key("year"); w.value(v.year)
      w.key("op"); w.value(v.op.rawValue)
      w.key("value"); w.value(v.value)
      w.key("text"); w.value(v.text)
    }
  }

  package static func write(_ t: Task, to w: inout JSONWriter) {
    w.object { w in
      w.key("group"); w.value(t.group)
      w.key("number"); w.value(t.number)
      w.key("name"); w.value(t.name)
      w.key("lead"); w.array(t.lead) { w, s in w.value(s) }
      w.key("coordinators"); w.array(t.coordinators) { w, s in w.value(s) }
      w.key("result"); w.value(t.result)
      w.key("deadline")
      if let d = t.deadline {
        w.object { w in
          w.key("text"); w.value(d.text)
          w.key("kind"); w.value(d.kind.rawValue)
          w.key("start"); w.value(d.start)
          w.key("end"); w.value(d.end)
          w.key("recurrence"); w.value(d.recurrence?.rawValue)
        }
      } else {
        w.null()
      }
      w.key("note"); w.value(t.note)
      w.key("details")
      if let details = t.details {
        w.object { w in
          for k in details.keys.sorted() {
            w.key(dynamic: k)
            w.value(details[k]!)
          }
        }
      } else {
        w.null()
      }
      w.key("origin"); w.value(t.origin.rawValue)
      w.key("line"); w.value(t.line)
    }
  }
}
