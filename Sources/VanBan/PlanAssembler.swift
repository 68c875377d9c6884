import VanBanModel
import VanBanText

/// Turns what the zone parsers read into the `Plan`: references gathered from every text in
/// document order, legal bases with their citations, annex mentions checked, table rows
/// read as targets and tasks.
struct PlanAssembler {
  let parser: DocumentStructure
  let lexicon: GrammarLexicon

  func assemble(source: Source) -> Plan {
    var diagnostics = parser.diagnostics
    var header = parser.header
    if header.issuer == nil {
      if let annexIssuer = parser.annexPageIssuer {
        header.issuer = annexIssuer.text
        diagnostics.append(DiagnosticCatalogue.headerIssuerFromAnnex(annexIssuer.text, line: annexIssuer.line))
      } else {
        diagnostics.append(DiagnosticCatalogue.headerNoIssuer(line: header.line ?? 1))
      }
    }
    let extractor = ReferenceExtractor(lex: lexicon)
    // The words of every text the extractor reads, folded once for this thread's documents.
    let folds = WordFolds.forThisThread()
    var mentions: [Reference] = []
    // The legal bases are body texts too, and the texts richest in citations: read once.
    var citingTexts: [Int: (text: LogicalText, references: [Reference])] = [:]
    // One walk over each body text tells whether it may cite and, before the annexes, whether
    // it may name an annex (checkAnnexMentions).
    var mayNameAnnex: [Bool] = []
    mayNameAnnex.reserveCapacity(parser.texts.count)
    // By index: a `for` over the texts copied each (its String and line offsets retained and
    // released) to ask most of them one byte scan.
    let texts = parser.texts
    let firstAnnexLine = firstAnnexLine
    for k in texts.indices {
      let scan = extractor.scan(texts[k].text, labels: texts[k].line < firstAnnexLine)
      mayNameAnnex.append(scan.label)
      guard scan.citation else { continue }
      let refs = extractor.extractAll(from: texts[k], folds: folds)
      guard !refs.isEmpty else { continue }
      mentions += refs
      citingTexts[texts[k].line] = (texts[k], refs)
    }
    for annex in parser.annexes {
      for table in annex.tables { mentions += cellReferences(table, extractor, folds) }
    }
    let sections = parser.sections
    // Sections read in place by index (`ProseTargetExtractor.visit`): handed on by value, each
    // was copied whole at every step of the walk.
    func walk(_ list: [Section]) {
      for k in list.indices {
        for t in list[k].tables { mentions += cellReferences(t, extractor, folds) }
        walk(list[k].children)
      }
    }
    walk(sections)
    let kinds = ReferenceIndex.KindKeys()
    var index = ReferenceIndex(kinds: kinds, capacity: mentions.count)
    // The mentions' positions sorted, not the mentions: sorting (offset, reference) pairs
    // copied every reference into the pairs and moved them about.
    for k in mentions.indices.sorted(by: { (mentions[$0].line, $0) < (mentions[$1].line, $1) }) {
      index.add(mentions[k])
    }
    let legalBases = parser.legalBases.map { text -> LegalBasis in
      var own = ReferenceIndex(kinds: kinds)
      let known = citingTexts[text.line].flatMap { $0.text.isSame(as: text) ? $0.references : nil }
      (known ?? extractor.extract(from: text, folds: folds)).forEach { own.add($0) }
      return LegalBasis(text: text.text, line: text.line, references: own.references)
    }
    diagnostics += checkAnnexMentions(mayNameAnnex)
    let planYear = header.date?.year ?? header.title.flatMap(ValueParser.year(in:))
    let interpreter = TableInterpreter(
      lex: lexicon, agencies: PlanParser.agencies, deadlines: PlanParser.deadlines, values: PlanParser.values,
      planYear: planYear)
    var items = TableInterpreter.Output()
    func tables(_ list: [Section]) {
      for k in list.indices {
        for t in list[k].tables {
          interpreter.interpret(t, title: list[k].title, origin: .body, multiline: parser.cellBreaks, into: &items)
        }
        tables(list[k].children)
      }
    }
    tables(sections)
    // Items whose parts are labelled as a task table's columns are rows of one.
    for (table, title) in LabelledTaskReader(columns: ColumnLexicon(lex: lexicon)).tables(in: sections) {
      interpreter.interpret(table, title: title, origin: .body, multiline: [:], into: &items)
    }
    for annex in parser.annexes {
      for t in annex.tables {
        interpreter.interpret(t, title: annex.title, origin: .annex, multiline: parser.cellBreaks, into: &items)
      }
    }
    let proseTargets = ProseTargetExtractor(lex: lexicon, values: PlanParser.values, planYear: planYear)
      .extract(from: sections)
    diagnostics += items.diagnostics
    let responsibilities = ResponsibilityExtractor(lex: lexicon, agencies: PlanParser.agencies)
      .extract(from: sections, diagnostics: &diagnostics)
    diagnostics.sort { $0.line < $1.line }
    var attachments: [AttachedDocument] = []
    for attached in parser.attachments {
      var sub = PlanAssembler(parser: attached, lexicon: lexicon).assemble(source: source)
      // An attached document has no number, date or issuer of its own: it is the issuer's.
      let inherited: Set<String> = ["header.no_number", "header.no_date", "header.no_issuer", "header.issuer_from_annex"]
      diagnostics += sub.diagnostics.filter { !inherited.contains($0.code) }
      if sub.header.issuer == nil {
        sub.header.issuer = header.issuer
        sub.header.issuerParent = header.issuerParent
      }
      var attachedTo: String?
      if let title = sub.header.title {
        let (own, to) = AttachedNote.split(title, lex: lexicon)
        sub.header.title = own
        attachedTo = to
      }
      attachments.append(AttachedDocument(sub, attachedTo: attachedTo, line: sub.header.line ?? attached.firstLine))
    }
    var plan = Plan(
      source: source,
      header: header,
      legalBases: legalBases,
      references: index.references,
      preamble: parser.preamble,
      sections: sections,
      targets: (proseTargets + items.targets).sorted { $0.line < $1.line },
      tasks: items.tasks,
      responsibilities: responsibilities,
      closing: parser.closing.map { Closing(text: $0.text, line: $0.line) },
      signature: parser.signature,
      recipients: parser.recipients,
      archive: parser.archive,
      annexes: parser.annexes,
      diagnostics: diagnostics)
    plan.attachments = attachments
    return plan
  }

  private func cellReferences(_ table: Table, _ extractor: ReferenceExtractor, _ folds: WordFolds) -> [Reference] {
    var refs: [Reference] = []
    // By index, each cell's String handed once to its text: a `for` copied each row and cell.
    let rows = table.rows
    for r in rows.indices {
      // The citation scan (`extract`'s first step) asked of the cell itself: most cells cite
      // nothing, and a text was made of each to be told so.
      for c in rows[r].cells.indices where !rows[r].cells[c].isEmpty && extractor.mayHoldCitation(rows[r].cells[c]) {
        refs += extractor.extractAll(from: LogicalText(rows[r].cells[c], line: rows[r].line), folds: folds)
      }
    }
    return refs
  }

  /// Mentions of annexes are checked in the body only, before the first annex.
  private var firstAnnexLine: Int { parser.annexes.first?.line ?? Int.max }

  /// Every annex the body names must exist: by label, or by position for an unlabelled one.
  /// - Parameter mayNameAnnex: for each body text, `AnnexMentions.hasLabelWord` of it (false
  ///   from the first annex on, where mentions are not checked).
  private func checkAnnexMentions(_ mayNameAnnex: [Bool]) -> [Diagnostic] {
    let mentions = AnnexMentions(lex: lexicon)
    var seen: Set<String> = []
    var out: [Diagnostic] = []
    let texts = parser.texts
    let firstAnnexLine = firstAnnexLine
    // By index, and only the texts the scan found a label word in (`labels` gives the others
    // nothing): a `for` copied every text of the body to ask most of them nothing.
    for k in texts.indices where mayNameAnnex[k] && texts[k].line < firstAnnexLine {
      for (label, line) in mentions.labels(in: texts[k], scanned: true) where !seen.contains(label) {
        seen.insert(label)
        let ordinal = RomanNumeral.value(label) ?? Int(label) ?? 0
        let found = parser.annexes.enumerated().contains { k, a in
          if let l = a.label { return l == label || (RomanNumeral.value(l) ?? Int(l)) == ordinal }
          return k + 1 == ordinal
        }
        if !found { out.append(DiagnosticCatalogue.annexNotFound(label: label, line: line)) }
      }
    }
    return out
  }
}
