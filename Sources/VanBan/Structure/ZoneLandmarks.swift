import VanBanModel
import VanBanText

/// Where the zones after the head begin, found before any zone is parsed: the footer's first
/// landmark (`Nơi nhận`, a signature authority, a table row holding either), and a type line
/// after the body that opens a document this one issues (a decision's attached plan).
struct ZoneLandmarks {
  let cursor: LineCursor

  /// The first footer landmark at or after `start`, or the end of the lines. A table row
  /// counts only once the body has a line of text before it (a head laid out as a table is
  /// not a footer).
  func footerStart(from start: Int) -> Int {
    let lines = cursor.lines
    var sawText = false
    for k in start..<lines.count where !lines[k].isBlank {
      // A row right under a row goes on with its table: only a table's first row can be a
      // footer laid out as a table, so the cells of long task tables are not all searched.
      let continuesTable = lines[k].isTableRow && k > start && lines[k - 1].isTableRow
      if !continuesTable, FooterZoneParser.opens(cursor, at: k, inBody: true, bodyHasContent: sawText) { return k }
      if !lines[k].isTableRow { sawText = true }
    }
    return lines.count
  }

  /// The first line at or after `start` that opens an attached document, or nil. A type line
  /// in capitals ("KẾ HOẠCH", "QUY ĐỊNH") does when the evidence says so: its "(Ban hành kèm
  /// theo …)" line follows within a few lines, or the body issues a document of that type
  /// ("Ban hành kèm theo Quyết định này Kế hoạch …").
  func attachmentStart(from start: Int, bodyTexts: [LogicalText]) -> Int? {
    let lines = cursor.lines
    var issued: Set<[String]>?
    for k in start..<lines.count {
      let line = lines[k]
      guard !line.isBlank, !line.isTableRow, line.marker == nil, !LogicalText.containsLowercase(line.text),
        let type = cursor.lex.docTypes.matchWhole(line)
      else { continue }
      var j = k + 1
      var seen = 0
      while j < lines.count, seen < 8 {
        if !lines[j].isBlank {
          seen += 1
          if cursor.isAttachedLine(lines[j].text) { return k }
        }
        j += 1
      }
      if issued == nil { issued = issuedTypes(in: bodyTexts) }
      if issued?.contains(Words.fold(type).map(Words.bare)) == true { return k }
    }
    return nil
  }

  /// The document types named within eight words after "kèm theo" in the body's texts.
  private func issuedTypes(in texts: [LogicalText]) -> Set<[String]> {
    let lex = cursor.lex
    var found: Set<[String]> = []
    let longest = lex.docTypes.longest
    for text in texts {
      let words = Words.fold(text.text).map(Words.bare)
      var w = 0
      while w < words.count {
        guard let m = lex.keyword(.annexAttached).matchPrefix(words[w...]) else {
          w += 1
          continue
        }
        let start = w + m.count
        for s in start..<min(words.count, start + 8) {
          for n in 1...max(1, longest) where s + n <= words.count {
            if lex.docTypes.matchWhole(Array(words[s..<(s + n)])) != nil { found.insert(Array(words[s..<(s + n)])) }
          }
        }
        w = start
      }
    }
    return found
  }
}
