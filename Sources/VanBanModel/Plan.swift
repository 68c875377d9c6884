/// A parsed plan (kế hoạch) or other administrative document, as SPEC §2 lays it out.
///
/// The model is Codable so that `diff` and `ingest` can read vanban JSON back; the
/// fast path for writing is `JSONWriter`, not `JSONEncoder`.
public struct Plan: Codable, Hashable, Sendable {
  /// Readers refuse documents whose version they do not know.
  public static let schemaVersion = "1"

  public var schemaVersion: String
  public var source: Source
  public var header: Header
  public var legalBases: [LegalBasis]
  public var references: [Reference]
  /// Paragraphs between the title and the first section that are not legal bases.
  public var preamble: [Block]
  public var sections: [Section]
  public var targets: [Target]
  public var tasks: [Task]
  public var responsibilities: [Responsibility]
  public var closing: Closing?
  public var signature: Signature?
  public var recipients: [Recipient]
  public var archive: [String]
  public var annexes: [Annex]
  /// Documents printed after this one and issued by it: the plan or regulation a decision
  /// issues ("Ban hành kèm theo Quyết định này Kế hoạch …"), each parsed as a document of
  /// its own. Its diagnostics are in `diagnostics`.
  public var attachments: [AttachedDocument] = []
  public var diagnostics: [Diagnostic]

  public init(
    source: Source, header: Header = Header(), legalBases: [LegalBasis] = [],
    references: [Reference] = [], preamble: [Block] = [], sections: [Section] = [], targets: [Target] = [],
    tasks: [Task] = [], responsibilities: [Responsibility] = [], closing: Closing? = nil,
    signature: Signature? = nil, recipients: [Recipient] = [], archive: [String] = [],
    annexes: [Annex] = [], diagnostics: [Diagnostic] = []
  ) {
    self.schemaVersion = Plan.schemaVersion
    self.source = source
    self.header = header
    self.legalBases = legalBases
    self.references = references
    self.preamble = preamble
    self.sections = sections
    self.targets = targets
    self.tasks = tasks
    self.responsibilities = responsibilities
    self.closing = closing
    self.signature = signature
    self.recipients = recipients
    self.archive = archive
    self.annexes = annexes
    self.diagnostics = diagnostics
  }

  enum CodingKeys: String, CodingKey {
    case schemaVersion = "schema_version"
    case source, header
    case legalBases = "legal_bases"
    case references, preamble, sections, targets, tasks, responsibilities, closing, signature,
      recipients, archive, annexes, attachments, diagnostics
  }

  /// Decoded by hand for one reason: JSON written before `attachments` existed has none.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    schemaVersion = try c.decode(String.self, forKey: .schemaVersion)
    source = try c.decode(Source.self, forKey: .source)
    header = try c.decode(Header.self, forKey: .header)
    legalBases = try c.decode([LegalBasis].self, forKey: .legalBases)
    references = try c.decode([Reference].self, forKey: .references)
    preamble = try c.decode([Block].self, forKey: .preamble)
    sections = try c.decode([Section].self, forKey: .sections)
    targets = try c.decode([Target].self, forKey: .targets)
    tasks = try c.decode([Task].self, forKey: .tasks)
    responsibilities = try c.decode([Responsibility].self, forKey: .responsibilities)
    closing = try c.decodeIfPresent(Closing.self, forKey: .closing)
    signature = try c.decodeIfPresent(Signature.self, forKey: .signature)
    recipients = try c.decode([Recipient].self, forKey: .recipients)
    archive = try c.decode([String].self, forKey: .archive)
    annexes = try c.decode([Annex].self, forKey: .annexes)
    attachments = try c.decodeIfPresent([AttachedDocument].self, forKey: .attachments) ?? []
    diagnostics = try c.decode([Diagnostic].self, forKey: .diagnostics)
  }
}

/// A document printed after the one that issues it (the plan a decision issues), with the
/// parts a document has; `attached_to` is what its "(Ban hành kèm theo …)" line says.
public struct AttachedDocument: Codable, Hashable, Sendable {
  public var header: Header
  public var attachedTo: String?
  public var legalBases: [LegalBasis]
  public var references: [Reference]
  public var preamble: [Block]
  public var sections: [Section]
  public var targets: [Target]
  public var tasks: [Task]
  public var responsibilities: [Responsibility]
  public var closing: Closing?
  public var signature: Signature?
  public var recipients: [Recipient]
  public var archive: [String]
  public var annexes: [Annex]
  public var line: Int
  /// The page (1-based) and box (x0, y0, x1, y1 in PDF points or image pixels) of `line`, for
  /// inputs that have pages (PDF, scans, DOCX); nil for text.
  public var page: Int? = nil
  public var bbox: [Double]? = nil

  /// The parts of `plan`, parsed from the attached document's lines.
  public init(_ plan: Plan, attachedTo: String?, line: Int) {
    header = plan.header
    self.attachedTo = attachedTo
    legalBases = plan.legalBases
    references = plan.references
    preamble = plan.preamble
    sections = plan.sections
    targets = plan.targets
    tasks = plan.tasks
    responsibilities = plan.responsibilities
    closing = plan.closing
    signature = plan.signature
    recipients = plan.recipients
    archive = plan.archive
    annexes = plan.annexes
    self.line = line
  }

  enum CodingKeys: String, CodingKey {
    case header
    case attachedTo = "attached_to"
    case legalBases = "legal_bases"
    case references, preamble, sections, targets, tasks, responsibilities, closing, signature,
      recipients, archive, annexes, line, page, bbox
  }
}

/// Where the document came from: enough to find the file again and to detect a change.
public struct Source: Codable, Hashable, Sendable {
  public var name: String
  public var sha256: String
  public var bytes: Int
  public var encoding: String
  public var lineCount: Int
  /// What was read: "text", "tsv", "hocr", "layout", "html", "pdf", "image", "docx".
  public var format: String
  /// Pages, for inputs that have them (PDF, images, DOCX); nil for text.
  public var pages: Int?
  /// The 1-based pages whose words came from OCR.
  public var ocrPages: [Int]

  public init(
    name: String, sha256: String, bytes: Int, encoding: String, lineCount: Int, format: String = "text",
    pages: Int? = nil, ocrPages: [Int] = []
  ) {
    self.name = name
    self.sha256 = sha256
    self.bytes = bytes
    self.encoding = encoding
    self.lineCount = lineCount
    self.format = format
    self.pages = pages
    self.ocrPages = ocrPages
  }

  enum CodingKeys: String, CodingKey {
    case name, sha256, bytes, encoding
    case lineCount = "line_count"
    case format, pages
    case ocrPages = "ocr_pages"
  }

  /// Decoded by hand: JSON written before `format` existed has none (it was text).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    sha256 = try c.decode(String.self, forKey: .sha256)
    bytes = try c.decode(Int.self, forKey: .bytes)
    encoding = try c.decode(String.self, forKey: .encoding)
    lineCount = try c.decode(Int.self, forKey: .lineCount)
    format = try c.decodeIfPresent(String.self, forKey: .format) ?? "text"
    pages = try c.decodeIfPresent(Int.self, forKey: .pages)
    ocrPages = try c.decodeIfPresent([Int].self, forKey: .ocrPages) ?? []
  }
}

/// The document's head (phần mở đầu): issuer, number and symbol, place and date, type, title.
public struct Header: Codable, Hashable, Sendable {
  public var issuer: String?
  public var issuerParent: String?
  public var number: String?
  public var symbol: String?
  public var place: String?
  public var date: DocumentDate?
  public var docType: String?
  public var title: String?
  public var line: Int?
  /// The page and box of `line`, for inputs that have pages; nil for text.
  public var page: Int? = nil
  public var bbox: [Double]? = nil

  public init(
    issuer: String? = nil, issuerParent: String? = nil, number: String? = nil,
    symbol: String? = nil, place: String? = nil, date: DocumentDate? = nil,
    docType: String? = nil, title: String? = nil, line: Int? = nil
  ) {
    self.issuer = issuer
    self.issuerParent = issuerParent
    self.number = number
    self.symbol = symbol
    self.place = place
    self.date = date
    self.docType = docType
    self.title = title
    self.line = line
  }

  enum CodingKeys: String, CodingKey {
    case issuer
    case issuerParent = "issuer_parent"
    case number, symbol, place, date
    case docType = "doc_type"
    case title, line, page, bbox
  }
}

/// A date as written: drafts leave the day or month blank, and a blank stays null.
public struct DocumentDate: Codable, Hashable, Sendable {
  public var day: Int?
  public var month: Int?
  public var year: Int?
  public var text: String

  public init(day: Int?, month: Int?, year: Int?, text: String) {
    self.day = day
    self.month = month
    self.year = year
    self.text = text
  }
}

/// A paragraph of legal bases (căn cứ) with the documents it cites.
public struct LegalBasis: Codable, Hashable, Sendable {
  public var text: String
  public var line: Int
  /// The page (1-based) and box (x0, y0, x1, y1 in PDF points or image pixels) of `line`, for
  /// inputs that have pages (PDF, scans, DOCX); nil for text.
  public var page: Int? = nil
  public var bbox: [Double]? = nil
  public var references: [Reference]

  public init(text: String, line: Int, references: [Reference]) {
    self.text = text
    self.line = line
    self.references = references
  }
}

/// A cited document (văn bản được viện dẫn).
public struct Reference: Codable, Hashable, Sendable {
  public var kind: String
  public var number: String?
  public var date: String?
  public var issuer: String?
  public var alias: String?
  public var line: Int
  /// The page (1-based) and box (x0, y0, x1, y1 in PDF points or image pixels) of `line`, for
  /// inputs that have pages (PDF, scans, DOCX); nil for text.
  public var page: Int? = nil
  public var bbox: [Double]? = nil

  public init(
    kind: String, number: String?, date: String? = nil, issuer: String? = nil,
    alias: String? = nil, line: Int
  ) {
    self.kind = kind
    self.number = number
    self.date = date
    self.issuer = issuer
    self.alias = alias
    self.line = line
  }
}

/// A numbered part of the body (phần, mục, điểm).
public struct Section: Codable, Hashable, Sendable {
  public var label: String
  public var title: String?
  public var path: String
  public var blocks: [Block]
  public var tables: [Table]
  public var children: [Section]
  public var line: Int
  /// The page (1-based) and box (x0, y0, x1, y1 in PDF points or image pixels) of `line`, for
  /// inputs that have pages (PDF, scans, DOCX); nil for text.
  public var page: Int? = nil
  public var bbox: [Double]? = nil

  public init(
    label: String, title: String?, path: String, blocks: [Block] = [], tables: [Table] = [],
    children: [Section] = [], line: Int
  ) {
    self.label = label
    self.title = title
    self.path = path
    self.blocks = blocks
    self.tables = tables
    self.children = children
    self.line = line
  }
}

/// A paragraph or bullet inside a section.
public struct Block: Codable, Hashable, Sendable {
  public enum Kind: String, Codable, Hashable, Sendable {
    case paragraph, bullet
  }
  public var type: Kind
  public var marker: String?
  public var text: String
  public var line: Int
  /// The page (1-based) and box (x0, y0, x1, y1 in PDF points or image pixels) of `line`, for
  /// inputs that have pages (PDF, scans, DOCX); nil for text.
  public var page: Int? = nil
  public var bbox: [Double]? = nil

  public init(type: Kind, marker: String?, text: String, line: Int) {
    self.type = type
    self.marker = marker
    self.text = text
    self.line = line
  }
}

/// The closing paragraph ("Trên đây là Kế hoạch …").
public struct Closing: Codable, Hashable, Sendable {
  public var text: String
  public var line: Int
  /// The page (1-based) and box (x0, y0, x1, y1 in PDF points or image pixels) of `line`, for
  /// inputs that have pages (PDF, scans, DOCX); nil for text.
  public var page: Int? = nil
  public var bbox: [Double]? = nil

  public init(text: String, line: Int) {
    self.text = text
    self.line = line
  }
}

/// The signature block (phần ký): authority prefix, on whose behalf, title and signer.
public struct Signature: Codable, Hashable, Sendable {
  public var authority: String?
  public var onBehalfOf: String?
  public var title: String?
  public var signer: String?
  public var line: Int
  /// The page (1-based) and box (x0, y0, x1, y1 in PDF points or image pixels) of `line`, for
  /// inputs that have pages (PDF, scans, DOCX); nil for text.
  public var page: Int? = nil
  public var bbox: [Double]? = nil

  public init(authority: String?, onBehalfOf: String?, title: String?, signer: String?, line: Int) {
    self.authority = authority
    self.onBehalfOf = onBehalfOf
    self.title = title
    self.signer = signer
    self.line = line
  }

  enum CodingKeys: String, CodingKey {
    case authority
    case onBehalfOf = "on_behalf_of"
    case title, signer, line, page, bbox
  }
}

/// One addressee under "Nơi nhận".
public struct Recipient: Codable, Hashable, Sendable {
  public var name: String
  public var note: String?
  public var line: Int
  /// The page (1-based) and box (x0, y0, x1, y1 in PDF points or image pixels) of `line`, for
  /// inputs that have pages (PDF, scans, DOCX); nil for text.
  public var page: Int? = nil
  public var bbox: [Double]? = nil

  public init(name: String, note: String?, line: Int) {
    self.name = name
    self.note = note
    self.line = line
  }
}

/// An annex (phụ lục) with its tables.
public struct Annex: Codable, Hashable, Sendable {
  public var label: String?
  public var title: String?
  public var attachedTo: String?
  public var line: Int
  /// The page (1-based) and box (x0, y0, x1, y1 in PDF points or image pixels) of `line`, for
  /// inputs that have pages (PDF, scans, DOCX); nil for text.
  public var page: Int? = nil
  public var bbox: [Double]? = nil
  public var tables: [Table]

  public init(label: String?, title: String?, attachedTo: String?, line: Int, tables: [Table] = []) {
    self.label = label
    self.title = title
    self.attachedTo = attachedTo
    self.line = line
    self.tables = tables
  }

  enum CodingKeys: String, CodingKey {
    case label, title
    case attachedTo = "attached_to"
    case line, page, bbox, tables
  }
}

/// A table as rows of cells; turning rows into targets and tasks happens later.
public struct Table: Codable, Hashable, Sendable {
  public var caption: String?
  public var header: [String]
  public var columns: [String?]
  public var rows: [Row]
  public var line: Int
  /// The page (1-based) and box (x0, y0, x1, y1 in PDF points or image pixels) of `line`, for
  /// inputs that have pages (PDF, scans, DOCX); nil for text.
  public var page: Int? = nil
  public var bbox: [Double]? = nil

  public init(caption: String?, header: [String], columns: [String?], rows: [Row], line: Int) {
    self.caption = caption
    self.header = header
    self.columns = columns
    self.rows = rows
    self.line = line
  }
}

/// One table row; `group` is the group row (I, A, …) it falls under.
public struct Row: Codable, Hashable, Sendable {
  public var cells: [String]
  public var group: String?
  public var line: Int
  /// The page (1-based) and box (x0, y0, x1, y1 in PDF points or image pixels) of `line`, for
  /// inputs that have pages (PDF, scans, DOCX); nil for text.
  public var page: Int? = nil
  public var bbox: [Double]? = nil

  public init(cells: [String], group: String?, line: Int) {
    self.cells = cells
    self.group = group
    self.line = line
  }
}

extension Plan {
  /// The plan a decision issues, read as a plan of its own: what `diff` and `compare` set
  /// beside another office's plan when this document's own text holds no targets or tasks
  /// (a decision's articles only issue the plan). An attached plan prints no number, date or
  /// place of its own: those are the decision's, and so are the signature and recipients when
  /// the plan has none. Nil when there is no such plan.
  public var issuedPlan: Plan? {
    guard targets.isEmpty, tasks.isEmpty,
      let a = attachments.first(where: { !$0.targets.isEmpty || !$0.tasks.isEmpty || !$0.sections.isEmpty })
    else { return nil }
    var h = a.header
    if h.number == nil, h.symbol == nil {
      h.number = header.number
      h.symbol = header.symbol
    }
    if h.date == nil { h.date = header.date }
    if h.place == nil { h.place = header.place }
    if h.issuer == nil {
      h.issuer = header.issuer
      h.issuerParent = header.issuerParent
    }
    return Plan(
      source: source, header: h, legalBases: a.legalBases, references: a.references, preamble: a.preamble,
      sections: a.sections, targets: a.targets, tasks: a.tasks, responsibilities: a.responsibilities, closing: a.closing,
      signature: a.signature ?? signature, recipients: a.recipients.isEmpty ? recipients : a.recipients,
      archive: a.archive.isEmpty ? archive : a.archive, annexes: a.annexes, diagnostics: diagnostics)
  }
}
