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
      w.key("targets"); targets.write(to: &w) { w, t in t.write(to: &w) }
      w.key("tasks"); tasks.write(to: &w) { w, t in t.write(to: &w) }
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
