import VanBanModel
import VanBanText
import VanBanBytes

/// What the body holds: legal bases and preamble before the first section, the section tree
/// with its tables, and the closing paragraphs.
struct BodyZone {
  var legalBases: [LogicalText] = []
  var preamble: [Block] = []
  var sections: [Section] = []
  var closing: LogicalText?
  /// Every paragraph read, in order.
  var texts: [LogicalText] = []
  var cellBreaks: [CellKey: String] = [:]
  /// Tables met before any section: kept as annexes without a label.
  var looseTables: [Table] = []
  var diagnostics: [Diagnostic] = []
  /// Index of the first line after the body (a `Phụ lục` heading that ended it, or the
  /// zone's end).
  var end: Int
}

/// The body (nội dung): numbered sections, articles and chapters, bullets, paragraphs and
/// tables, from the line after the head to the footer's first landmark. The body ends early
/// at an annex heading once it has sections (a plan without a footer goes straight on to its
/// annexes).
struct BodyZoneParser {
  var cursor: LineCursor
  let end: Int
  private var zone: BodyZone
  private var sections = SectionTreeBuilder()
  private var inClosing = false

  init(lines: [ClassifiedLine], lexicon: GrammarLexicon, wrap: WrapPolicy, fromLayout: Bool, range: Range<Int>) {
    // The cursor sees the body's lines only: no reader runs on into the footer.
    cursor = LineCursor(
      lines: lines[..<range.upperBound], lexicon: lexicon, wrap: wrap, fromLayout: fromLayout, at: range.lowerBound)
    end = range.upperBound
    zone = BodyZone(end: range.upperBound)
  }

  mutating func parse() -> BodyZone {
    while !cursor.atEnd {
      let start = cursor.i
      let line = cursor.lines[start]
      if line.isBlank {
        cursor.i += 1
        continue
      }
      if let n = line.loneNumber, !cursor.isTableAhead() {
        cursor.diagnostics.append(DiagnosticCatalogue.pageNumberDropped(String(n), line: line.number))
        cursor.i += 1
        continue
      }
      if line.marker == nil, sections.hasSections,
        cursor.startsWith(line, role: .annex) || AnnexZoneParser.formLabel(line, lex: cursor.lex) != nil
      {
        zone.end = start
        break
      }
      step(line)
      precondition(cursor.i > start, "body parser made no progress at line \(line.number)")
    }
    zone.sections = sections.build()
    zone.texts = cursor.texts
    zone.cellBreaks = cursor.cellBreaks
    zone.diagnostics = cursor.diagnostics + sections.diagnostics
    return zone
  }

  private mutating func step(_ line: ClassifiedLine) {
    if line.isTableRow || cursor.isFlattenedHeader(at: cursor.i) {
      let table = cursor.readAnyTable(caption: nil)
      if sections.hasSections {
        sections.appendTable(table)
      } else {
        cursor.diagnostics.append(DiagnosticCatalogue.tableOutsideSection(line: table.line))
        zone.looseTables.append(table)
      }
    } else if line.marker == nil, inClosing || cursor.startsWith(line, role: .closing) {
      let text = cursor.readParagraph()
      if var c = zone.closing {
        c.append("\n" + text.text, line: text.line)
        zone.closing = c
      } else {
        zone.closing = text
      }
      inClosing = true
    } else if let marker = line.marker {
      parseMarked(marker)
    } else if let article = cursor.articleMarker(at: cursor.i) {
      parseArticle(article)
    } else {
      let text = cursor.readParagraph()
      if sections.hasSections {
        sections.appendBlock(Block(type: .paragraph, marker: nil, text: text.text, line: text.line))
      } else if cursor.startsWith(line, role: .legalBasis) {
        zone.legalBases.append(text)
      } else {
        zone.preamble.append(Block(type: .paragraph, marker: nil, text: text.text, line: text.line))
      }
    }
  }

  /// A numbered line opens a section; a bullet adds a block to the current one.
  private mutating func parseMarked(_ marker: Marker) {
    let first = cursor.lines[cursor.i]
    let text = cursor.readParagraph()
    if case .bullet(let m) = marker {
      let block = Block(type: .bullet, marker: m, text: text.text, line: text.line)
      if sections.hasSections { sections.appendBlock(block) } else { zone.preamble.append(block) }
      return
    }
    let (title, paragraph) = SectionTitle.split(text.text)
    sections.open(marker: marker, title: title, line: first.number)
    if let paragraph {
      sections.appendBlock(Block(type: .paragraph, marker: nil, text: paragraph, line: first.number))
    }
  }

  /// An article opens a section; its heading ("Hiệu lực thi hành") is the title, a sentence
  /// ("Ban hành kèm theo Quyết định này …") its first paragraph.
  private mutating func parseArticle(_ article: (marker: Marker, body: String, lines: Int)) {
    let first = cursor.lines[cursor.i]
    cursor.i += article.lines
    let text = cursor.readParagraph(opening: LogicalText(article.body, line: first.number))
    let (title, paragraph) = text.text.isEmpty ? (nil, nil) : SectionTitle.split(text.text)
    sections.open(marker: article.marker, title: title, line: first.number)
    if let paragraph {
      sections.appendBlock(Block(type: .paragraph, marker: nil, text: paragraph, line: first.number))
    }
  }
}

/// Splits a numbered line into a heading and a paragraph.
enum SectionTitle {
  /// "Phòng Văn hóa - Xã hội: Chủ trì, …" → title before the colon, paragraph after it;
  /// a short line without a final full stop is a title; anything else is a paragraph.
  static func split(_ text: String) -> (title: String?, paragraph: String?) {
    // Byte searches: ":" is ASCII, and walking Characters, or even the string's UTF-8 view
    // index by index, made this a hot spot on long numbered paragraphs.
    if let offset = text.withUTF8Bytes({ ByteSearch.firstIndex(of: 0x3A, in: $0) }) {
      let colon = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
      let head = text[..<colon].trimmingSpaces()
      let tail = text[text.index(after: colon)...].trimmingSpaces()
      let headWords = Words.countOnSpaces(head)
      if !tail.isEmpty, headWords >= 1, headWords <= 14, head.unicodeScalars.count <= 100,
        !head.utf8.contains(0x28)
      {
        return (head, tail)
      }
    }
    let last = text.unicodeScalars.last
    // Counted only as far as the limit: a paragraph runs on for hundreds of scalars.
    if WrapPolicy.scalarCount(text, upTo: 221) <= 220, last != ".", last != ";" {
      return (text, nil)
    }
    return (nil, text)
  }
}
