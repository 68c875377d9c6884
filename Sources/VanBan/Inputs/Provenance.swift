import VanBanModel

/// Page and box beside every `line`, for inputs with pages: each item looks its line up in
/// the input's line locations. One walk after the plan is built, so no stage of the parser
/// carries pages around.
struct Provenance {
  let locations: [LineLocation]

  func place(_ line: Int) -> LineLocation? {
    line >= 1 && line <= locations.count ? locations[line - 1] : nil
  }

  func apply(to plan: inout Plan) {
    if let line = plan.header.line, let at = place(line) {
      plan.header.page = at.page
      plan.header.bbox = at.bbox
    }
    stamp(&plan.legalBases)
    for k in plan.legalBases.indices { stamp(&plan.legalBases[k].references) }
    stamp(&plan.references)
    stamp(&plan.preamble)
    stamp(sections: &plan.sections)
    stamp(&plan.targets)
    stamp(&plan.tasks)
    stamp(&plan.responsibilities)
    if var c = plan.closing {
      stamp(&c)
      plan.closing = c
    }
    if var s = plan.signature {
      stamp(&s)
      plan.signature = s
    }
    stamp(&plan.recipients)
    stamp(annexes: &plan.annexes)
    stamp(&plan.diagnostics)
    for k in plan.attachments.indices {
      var a = plan.attachments[k]
      stamp(&a)
      if let line = a.header.line, let at = place(line) {
        a.header.page = at.page
        a.header.bbox = at.bbox
      }
      stamp(&a.legalBases)
      stamp(&a.references)
      stamp(&a.preamble)
      stamp(sections: &a.sections)
      stamp(&a.targets)
      stamp(&a.tasks)
      stamp(&a.responsibilities)
      if var c = a.closing {
        stamp(&c)
        a.closing = c
      }
      if var s = a.signature {
        stamp(&s)
        a.signature = s
      }
      stamp(&a.recipients)
      stamp(annexes: &a.annexes)
      plan.attachments[k] = a
    }
  }

  private func stamp(sections: inout [Section]) {
    for k in sections.indices {
      stamp(&sections[k])
      stamp(&sections[k].blocks)
      stamp(tables: &sections[k].tables)
      stamp(sections: &sections[k].children)
    }
  }

  private func stamp(annexes: inout [Annex]) {
    for k in annexes.indices {
      stamp(&annexes[k])
      stamp(tables: &annexes[k].tables)
    }
  }

  private func stamp(tables: inout [Table]) {
    for k in tables.indices {
      stamp(&tables[k])
      stamp(&tables[k].rows)
    }
  }

  private func stamp<T: Placed>(_ items: inout [T]) {
    for k in items.indices { stamp(&items[k]) }
  }

  private func stamp<T: Placed>(_ item: inout T) {
    guard let at = place(item.line) else { return }
    item.page = at.page
    item.bbox = at.bbox
  }
}

/// What has a line, and so a page and box beside it.
protocol Placed {
  var line: Int { get }
  var page: Int? { get set }
  var bbox: [Double]? { get set }
}

extension LegalBasis: Placed {}
extension Reference: Placed {}
extension Block: Placed {}
extension Section: Placed {}
extension Target: Placed {}
extension Task: Placed {}
extension Responsibility: Placed {}
extension Closing: Placed {}
extension Signature: Placed {}
extension Recipient: Placed {}
extension Annex: Placed {}
extension Table: Placed {}
extension Row: Placed {}
extension Diagnostic: Placed {}
extension AttachedDocument: Placed {}
