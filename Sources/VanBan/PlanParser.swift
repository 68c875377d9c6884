import VanBanGrammar
import VanBanInputs
import VanBanModel
import VanBanText
import VanBanBytes

/// What kind of input the bytes are (`VanBanInputs.InputFormat`).
public typealias InputFormat = VanBanInputs.InputFormat

/// Options for one parse.
public struct ParseOptions: Sendable {
  /// The name reported in `source.name` and in messages (a path, or "-" for stdin).
  public var name: String
  /// An encoding name that overrides detection ("utf-8", "utf-16", "tcvn3", "vni", "cp1258"), or nil.
  public var encoding: String?
  public var inputFormat: InputFormat
  /// How pages of PDFs and images are recognised.
  public var ocr: OCROptions

  public init(name: String = "-", encoding: String? = nil, inputFormat: InputFormat = .auto, ocr: OCROptions = OCROptions()) {
    self.name = name
    self.encoding = encoding
    self.inputFormat = inputFormat
    self.ocr = ocr
  }
}

/// Why a file could not be parsed at all (content problems are diagnostics instead).
public enum ParseError: Error, Sendable, CustomStringConvertible {
  case undecodable(DecodeError)
  /// OCR layout input (TSV, hOCR) that could not be read.
  case badLayout(String)
  /// An HTML page libxml2 could not read.
  case badHTML(String)
  /// A PDF, image or Word file its reader refused (encrypted, damaged, empty …).
  case input(InputError)

  public var description: String {
    switch self {
    case .undecodable(let e): e.description
    case .badLayout(let m), .badHTML(let m): m
    case .input(let e): e.description
    }
  }
}

/// The entry point: bytes in, a `Plan` out.
public enum PlanParser {
  static let agencies = AgencyLexicon()
  static let deadlines = DeadlineParser()
  static let values = ValueParser()

  /// The parse pipeline: decode → NFC → clean and classify lines → structure → fields.
  public static func parse(_ bytes: consuming [UInt8], options: ParseOptions = ParseOptions()) throws(ParseError) -> Plan {
    let digest = sha256Hex(bytes)
    let count = bytes.count
    let document = try read(bytes, options: options)
    // The file's bytes are not read again: a caller that hands them over (`vanban parse`) has
    // them freed here rather than held while the plan is built.
    _ = consume bytes
    return parse(document, name: options.name, sha256: digest, bytes: count)
  }

  /// A document some reader has already read (one of `VanBanInputs`, or the caller's own: a
  /// portal's API, a database of texts): the parser reads its blocks and never asks what
  /// format they came from. `name`, `sha256` and `bytes` describe the file for `source`.
  public static func parse(_ document: consuming SourceDocument, name: String = "-", sha256: String = "", bytes: Int = 0) -> Plan {
    let prepared = prepare(document)
    // The decoded text is done with once its lines are classified (each holds its own): freed
    // here rather than held by the caller while the structure and fields are read, which for
    // one large file was a ninth of the peak memory.
    _ = consume document
    let structure = DocumentStructureParser(lines: prepared.lines, lexicon: .shared, fromLayout: prepared.fromLayout).parse()
    let source = Source(
      name: name, sha256: sha256, bytes: bytes,
      encoding: prepared.encoding, lineCount: prepared.lineCount, format: prepared.format, pages: prepared.pages,
      ocrPages: prepared.ocrPages)
    var plan = PlanAssembler(parser: structure, lexicon: .shared).assemble(source: source)
    if !prepared.notes.isEmpty {
      plan.diagnostics = (prepared.notes.map { note($0, locations: prepared.locations) } + plan.diagnostics)
        .sorted { $0.line < $1.line }
    }
    plan.diagnostics = DiagnosticDigest.collapse(plan.diagnostics)
    if !prepared.locations.isEmpty { Provenance(locations: prepared.locations).apply(to: &plan) }
    return plan
  }

  /// A reader's note as a diagnostic: on its line, or on the first line of its page.
  static func note(_ n: InputNote, locations: [LineLocation]) -> Diagnostic {
    var line = n.location.line
    if line < 1 {
      let page = n.location.page ?? 1
      line = (locations.firstIndex { $0.page >= page } ?? 0) + 1
    }
    return Diagnostic(severity: .warning, code: n.code, message: n.message, line: line)
  }

  /// The cleaned text the parser reads: NFC, markup removed, wrapped lines re-joined, one
  /// paragraph or table row per line, blank lines between paragraphs.
  public static func normalize(_ bytes: [UInt8], options: ParseOptions = ParseOptions()) throws(ParseError) -> String {
    let prepared = try prepare(bytes, options: options)
    var cursor = LineCursor(
      lines: prepared.lines, lexicon: .shared, wrap: WrapPolicy(lines: prepared.lines), fromLayout: prepared.fromLayout)
    var out = ""
    while !cursor.atEnd {
      let line = cursor.lines[cursor.i]
      if line.isBlank {
        cursor.i += 1
        continue
      }
      if line.isTableRow {
        out += line.text + "\n"
        cursor.i += 1
        continue
      }
      let marker = line.text.prefix(line.text.count - line.body.count)
      let text = cursor.readParagraphText()
      out += "\n" + marker + text.text + "\n"
    }
    return out
  }

  /// The input's lines as the JSON's `line` numbers count them (decoded, NFC), for a
  /// reviewer's view of a diagnostic's source line.
  public static func sourceLines(_ bytes: [UInt8], options: ParseOptions = ParseOptions()) throws(ParseError) -> [String] {
    let document = try read(bytes, options: options)
    if case .text(let t)? = document.blocks.first, document.blocks.count == 1, t.locations == nil {
      return LineSplitter.split(t.text).map { String($0.text) }
    }
    return SourceLowering.lower(document).lines.strings
  }

  struct Prepared {
    var lines: [ClassifiedLine]
    var encoding: String
    var lineCount: Int
    /// What was read (`Source.format`).
    var format = "text"
    var pages: Int?
    var ocrPages: [Int] = []
    /// For paged inputs, where each line stands (`locations[n - 1]` for line n).
    var locations: [LineLocation] = []
    var notes: [InputNote] = []
    /// Rows and columns were inferred from word positions (OCR, a PDF, a `pdftotext -layout`
    /// dump's character columns), not given by the file.
    var fromLayout = false
  }

  /// The grammar's column names (Grammar/columns.tsv), for a caller that reads files with
  /// `SourceReader` itself: the layout builder finds table headers by them.
  public static var columnNames: any ColumnHeaderLexicon { ColumnLexicon(lex: .shared) }

  /// The file read by the input layer into one `SourceDocument`.
  static func read(_ bytes: [UInt8], options: ParseOptions) throws(ParseError) -> SourceDocument {
    let read = ReadOptions(
      format: options.inputFormat, encoding: options.encoding, ocr: options.ocr, columnNames: columnNames)
    do {
      return try SourceReader.read(bytes, options: read)
    } catch {
      switch error {
      case .undecodable(let e): throw .undecodable(e)
      case .badLayout(let m): throw .badLayout(m)
      case .badHTML(let m): throw .badHTML(m)
      default: throw .input(error)
      }
    }
  }

  /// The document's blocks as classified lines: the parser reads these, whatever the format.
  static func prepare(_ bytes: [UInt8], options: ParseOptions = ParseOptions()) throws(ParseError) -> Prepared {
    prepare(try read(bytes, options: options))
  }

  static func prepare(_ document: SourceDocument) -> Prepared {
    let lowered = SourceLowering.lower(document)
    return Prepared(
      lines: classify(lowered.lines, fromLayout: document.laidOutFromBoxes), encoding: document.encoding ?? "utf-8",
      lineCount: document.lineCount ?? lowered.lines.count, format: document.format, pages: lowered.pages,
      ocrPages: document.ocrPages, locations: lowered.locations, notes: document.notes, fromLayout: document.laidOutFromBoxes)
  }

  /// Cleans and classifies the lines: markup removed, tables one cell per line and headings
  /// broken after their number mended (not in lines rebuilt from boxes), wide gaps and
  /// " | " cells kept as columns.
  static func classify(_ source: RawLines, fromLayout: Bool) -> [ClassifiedLine] {
    let cleaner = MarkupCleaner.standard
    let n = source.count
    var texts: [String] = []
    texts.reserveCapacity(n)
    // What the input line's own bytes say, read in the same look as its cleaning: its indent,
    // and whether a wide run of spaces may part it into columns (`WideGaps`).
    var indents = [Int](repeating: 0, count: fromLayout ? 0 : n)
    var wide: [Int] = []
    var pipeLead = false
    // Lines holding an asterisk (markdown emphasis), and those of them ending in a bold
    // delimiter (`ClassifiedLine.endsBold`).
    var asterisks: [Int] = []
    var boldEnds: [Int] = []
    // Headings joined from several lines (`BrokenHeadingJoiner`), in order.
    var spans: [ClosedRange<Int>] = []
    // Lines that open with a tab, as input and cleaned (`TabIndent`).
    var tabLed: [Int] = []
    var gridBorder = false
    // Each input line's bytes read once, in place in the lines' text (`RawLines`): a Substring
    // per line, or per step (cleaning, its line marks, its spaces, the indent), retained and
    // released the document's storage.
    source.withUTF8 { all in
      for k in 0..<n {
        let b = UnsafeBufferPointer(rebasing: all[source.range(k)])
        // An empty input line (a third of a plan's lines part its paragraphs) cleans to the
        // empty text and is none of the marks below: no walk, no String made for it.
        if b.isEmpty {
          texts.append("")
          continue
        }
        let tabLead = b.first == 0x09
        // A grid table's border at the margin ("+---+", "+===+", "+:--+"): `GridTable`.
        if b.count > 2, b[0] == 0x2B, b[1] == 0x2D || b[1] == 0x3D || b[1] == 0x3A { gridBorder = true }
        let plain = MarkupCleaner.cleanPlain(b)
        if plain == nil {
          if !pipeLead { pipeLead = b.contains(0x7C) }
          if ByteSearch.firstIndex(of: 0x2A, in: b) != nil {
            asterisks.append(k)
            if BrokenHeadingJoiner.endsBold(b) { boldEnds.append(k) }
          }
        }
        // A line the cleaning left as long as it was (most lines) had no white space to drop:
        // nothing before its text, no run of spaces in it.
        if !fromLayout, plain?.utf8.count != b.count, let first = b.first, first == 0x20 || b.count > WideGaps.width {
          let (indent, hasRun) = WideGaps.indentAndRun(b)
          indents[k] = indent
          if hasRun { wide.append(k) }
        }
        let cleaned = plain ?? cleaner.clean(source.line(k))
        // A tab the input line opens with (not one a markdown table's empty first cell became).
        if tabLead, cleaned.utf8.first == 0x09 { tabLed.append(k) }
        texts.append(cleaned)
      }
    }
    if !fromLayout {
      if !tabLed.isEmpty { TabIndent.strip(&texts, candidates: tabLed) }
      // Only lines the quick cleaning left to the full one can be a lone "|" or a grid row.
      if pipeLead {
        let lines = (0..<n).map(source.line)
        PipeCellTable.fold(raw: lines, texts: &texts)
        if gridBorder { GridTable.fold(raw: lines, texts: &texts) }
      }
      spans = BrokenHeadingJoiner.join(raw: source.line, texts: &texts, asterisks: asterisks)
      if !spans.isEmpty, !boldEnds.isEmpty {
        // A joined heading's line ends as the last line joined onto it did.
        var ends = Set(boldEnds)
        for span in spans {
          if ends.contains(span.upperBound) { ends.insert(span.lowerBound) } else { ends.remove(span.lowerBound) }
        }
        boldEnds = ends.sorted()
      }
    }
    var lines: [ClassifiedLine] = []
    lines.reserveCapacity(n)
    var nextWide = 0
    var nextBold = 0
    var nextSpan = 0
    var joined: [Int] = []
    for k in 0..<n {
      // The cleaned text moved out of `texts` (read no more) into the line: a copy would cost
      // the String a retain here and a release when `texts` goes.
      var text = ""
      swap(&text, &texts[k])
      // An empty text (an empty input line, or one joined onto the line above) holds no tab,
      // no marker and no " | ": the line `classify` would make, made at once.
      let line = text.isEmpty
        ? ClassifiedLine(number: source.number(k), text: "", cells: nil, marker: nil, body: nil)
        : LineClassifier.classify(number: source.number(k), text: consume text)
      // Cells a converter joined with " | " on one line (text pulled from a Word table) are
      // the line's columns; else the parts wide runs of spaces set apart.
      if !fromLayout, !line.isBlank, !line.isTableRow, ByteSearch.contains(" | ", in: line.text) {
        joined.append(k)
        if let parts = pipeColumnsByBytes(line.text) ?? pipeColumnsByCharacters(line.text), parts.count >= 2 {
          line.columns = parts
        }
      }
      if !fromLayout {
        line.indent = indents[k]
        while nextBold < boldEnds.count, boldEnds[nextBold] < k { nextBold += 1 }
        if nextBold < boldEnds.count, boldEnds[nextBold] == k { line.endsBold = true }
        while nextSpan < spans.count, spans[nextSpan].upperBound < k { nextSpan += 1 }
        if nextSpan < spans.count, spans[nextSpan].lowerBound < k, k <= spans[nextSpan].upperBound { line.joinedAbove = true }
        if nextWide < wide.count, wide[nextWide] == k {
          nextWide += 1
          if let parts = WideGaps.split(source.line(k)).parts, line.columns == nil {
            line.columns = parts.map { cleaner.clean($0) }.filter { !$0.isEmpty }
          }
        }
      }
      // Handed over, not copied: the local's lifetime otherwise lasts past the append, which
      // costs every line a retain and a release.
      lines.append(consume line)
    }
    // Tables whose rows are such lines, under a header: read as the tab rows they stand for.
    if !joined.isEmpty {
      for (k, cells) in JoinedCellTable.rows(lines, candidates: joined, columns: ColumnLexicon(lex: .shared)) {
        lines[k] = LineClassifier.classify(number: source.number(k), text: cells.joined(separator: "\t"))
      }
    }
    return lines
  }

  /// A line's " | "-separated parts, trimmed of spaces, empty ones dropped, when the line
  /// holds " | " as Characters (nil when it does not).
  static func pipeColumnsByCharacters(_ text: String) -> [String]? {
    guard text.contains(" | ") else { return nil }
    return text.split(separator: "|").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
  }

  /// `pipeColumnsByCharacters` on the bytes, for a line holding " | " as bytes, where they cut
  /// as Characters would (`ByteRuns.characterCuts`); otherwise nil, and the Character reading
  /// decides. It ran on every such line; Foundation's search and the Character split cost
  /// ~40,000 instructions a line (a Vietnamese letter beside a pipe, "Phòng | Ủy ban", sent
  /// most table lines there).
  static func pipeColumnsByBytes(_ text: String) -> [String]? {
    let ranges: [Range<Int>]? = text.withUTF8Bytes { b in
      ByteRuns.characterCuts(b, at: 0x7C)?.map { ByteRuns.trimmingSpaces($0, in: b) }.filter { !$0.isEmpty }
    }
    return ranges?.map { String(text.utf8Slice($0)) }
  }

  /// The SHA-256 of the bytes in lower-case hex, as `source.sha256` holds it
  /// (`InputDigest`, at the input layer's edge).
  public static func sha256Hex(_ bytes: [UInt8]) -> String { InputDigest.sha256Hex(bytes) }

}
