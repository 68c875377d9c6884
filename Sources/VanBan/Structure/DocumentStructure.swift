import VanBanModel
import VanBanText

/// A document's parts as the zone parsers read them, before fields are drawn from them.
struct DocumentStructure {
  var header: Header
  var legalBases: [LogicalText]
  var preamble: [Block]
  var sections: [Section]
  var closing: LogicalText?
  var recipients: [Recipient]
  var archive: [String]
  var signature: Signature?
  var annexes: [Annex]
  /// Issuer lines of an annex page, for a head that lost its own.
  var annexPageIssuer: (text: String, line: Int)?
  /// Documents printed after this one's signature and issued by it.
  var attachments: [DocumentStructure]
  /// The title and every body and annex text, in order: references and annex mentions are
  /// drawn from them.
  var texts: [LogicalText]
  var cellBreaks: [CellKey: String]
  var diagnostics: [Diagnostic]
  /// The first line's number (an attached document starts far down the file).
  var firstLine: Int
}

/// Segment, then parse: the head first (it says where the body starts), then the landmarks
/// that end the body (the footer's first line) and open an attached document, then one
/// parser per zone over its own lines — body, footer, annexes — each returning a value.
struct DocumentStructureParser {
  let lines: [ClassifiedLine]
  let lex: GrammarLexicon
  let wrap: WrapPolicy
  let fromLayout: Bool
  private var repairs: [Diagnostic]

  init(lines: [ClassifiedLine], lexicon: GrammarLexicon, fromLayout: Bool = false) {
    var lines = lines
    repairs = RomanNumeralRepair(lexicon: lexicon).repair(&lines)
    self.lines = lines
    lex = lexicon
    wrap = WrapPolicy(lines: lines)
    self.fromLayout = fromLayout
  }

  /// Parses the document; an attached document is parsed the same way, one level deep only,
  /// so no input nests parsers as deep as it has type lines.
  func parse(isAttachment: Bool = false) -> DocumentStructure {
    var head = HeadZoneParser(lines: lines, lexicon: lex, wrap: wrap)
    let headZone = head.parse()
    let cursor = LineCursor(lines: lines, lexicon: lex, wrap: wrap, fromLayout: fromLayout)
    let landmarks = ZoneLandmarks(cursor: cursor)
    let footerStart = landmarks.footerStart(from: headZone.end)

    var bodyParser = BodyZoneParser(
      lines: lines, lexicon: lex, wrap: wrap, fromLayout: fromLayout, range: headZone.end..<max(footerStart, headZone.end))
    let body = bodyParser.parse()
    let bodyTexts = (headZone.title.map { [$0] } ?? []) + body.texts
    let bodyHasContent = !body.sections.isEmpty || !body.legalBases.isEmpty || !body.preamble.isEmpty

    let attachmentStart = isAttachment ? nil : landmarks.attachmentStart(from: body.end, bodyTexts: bodyTexts)
    let tailEnd = attachmentStart ?? lines.count
    let tail = Array(lines[..<tailEnd])
    var footer = FooterZone(end: body.end)
    if body.end == footerStart, footerStart < tailEnd {
      var parser = FooterZoneParser(
        cursor: LineCursor(lines: tail, lexicon: lex, wrap: wrap, fromLayout: fromLayout, at: footerStart),
        bodyHasContent: bodyHasContent)
      footer = parser.parse()
    }
    var annexParser = AnnexZoneParser(
      cursor: LineCursor(lines: tail, lexicon: lex, wrap: wrap, fromLayout: fromLayout, at: max(footer.end, body.end)),
      bodyHasContent: bodyHasContent, looseTables: body.looseTables)
    let annexZone = annexParser.parse()

    var attachments: [DocumentStructure] = []
    if let attachmentStart {
      let attached = DocumentStructureParser(lines: Array(lines[attachmentStart...]), lexicon: lex, fromLayout: fromLayout)
      attachments.append(attached.parse(isAttachment: true))
    }

    // The document's signature is its first complete one: blocks further on belong to the
    // forms and sample minutes an annex carries ("TRƯỞNG BAN KIỂM PHIẾU"). A block without a
    // name (the name was lost, or the block was cut) gives way to a later one.
    let footers = [footer] + annexZone.footers
    var signature: Signature?
    for sig in footers.flatMap(\.signatures) where signature?.signer == nil {
      signature = sig
    }
    // The recipients and archive are the first footer's that has them: a footer on an annex
    // page belongs to a form printed there ("Nơi nhận: - Như trên; … - Lưu: VT, …").
    let listed = footers.first { !$0.recipients.isEmpty || !$0.archive.isEmpty }

    // The body's breaks win over the annexes'. Most bodies have none: then the annexes' are
    // the result as they are, not inserted one by one into a new dictionary.
    var cellBreaks = body.cellBreaks
    if cellBreaks.isEmpty {
      cellBreaks = annexZone.cellBreaks
    } else if !annexZone.cellBreaks.isEmpty {
      cellBreaks.merge(annexZone.cellBreaks) { a, _ in a }
    }
    return DocumentStructure(
      header: headZone.header, legalBases: body.legalBases, preamble: body.preamble, sections: body.sections,
      closing: body.closing, recipients: listed?.recipients ?? [], archive: listed?.archive ?? [], signature: signature,
      annexes: annexZone.annexes, annexPageIssuer: annexZone.pageIssuer, attachments: attachments,
      texts: bodyTexts + annexZone.texts, cellBreaks: cellBreaks,
      diagnostics: repairs + headZone.diagnostics + body.diagnostics + footers.flatMap(\.diagnostics) + annexZone.diagnostics,
      firstLine: lines.first?.number ?? 1)
  }
}
