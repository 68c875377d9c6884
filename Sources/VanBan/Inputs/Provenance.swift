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
    stampParts(&plan)
    stamp(&plan.diagnostics)
    for k in plan.attachments.indices {
      stamp(&plan.attachments[k])
      stampParts(&plan.attachments[k])
    }
  }

  private func stampParts<D: DocumentParts>(_ d: inout D) {
    if let line = d.header.line, let at = place(line) {
      d.header.page = at.page
      d.header.bbox = at.bbox
    }
    stamp(&d.legalBases)
    for k in d.legalBases.indices { stamp(&d.legalBases[k].references) }
    stamp(&d.references)
    stamp(&d.preamble)
    stamp(sections: &d.sections)
    stamp(&d.targets)
    stamp(&d.tasks)
    stamp(&d.responsibilities)
    if var c = d.closing {
      stamp(&c)
      d.closing = c
    }
    if var s = d.signature {
      stamp(&s)
      d.signature = s
    }
    stamp(&d.recipients)
    stamp(annexes: &d.annexes)
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

/// The parts a document and a document it issues both have.
protocol DocumentParts {
  var header: Header { get set }
  var legalBases: [LegalBasis] { get set }
  var references: [Reference] { get set }
  var preamble: [Block] { get set }
  var sections: [Section] { get set }
  var targets: [Target] { get set }
  var tasks: [Task] { get set }
  var responsibilities: [Responsibility] { get set }
  var closing: Closing? { get set }
  var signature: Signature? { get set }
  var recipients: [Recipient] { get set }
  var annexes: [Annex] { get set }
}

extension Plan: DocumentParts {}
extension AttachedDocument: DocumentParts {}

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
