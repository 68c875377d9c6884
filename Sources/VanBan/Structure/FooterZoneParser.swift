import VanBanModel
import VanBanText

/// What one footer holds: the recipients list with its archive line, and the signature
/// blocks in the order met (the document keeps the first complete one).
struct FooterZone {
  var recipients: [Recipient] = []
  var archive: [String] = []
  var signatures: [Signature] = []
  var diagnostics: [Diagnostic] = []
  /// Index of the first line after the footer.
  var end: Int
}

/// The footer (phần cuối), from its first landmark: `Nơi nhận` and the signature block, in
/// whichever order and layout they come — a table row holding both columns, two columns side
/// by side, or the columns run into each other line by line. It reads footer pieces as long
/// as the next line opens one; `FooterReader` reads each piece's text.
struct FooterZoneParser {
  var cursor: LineCursor
  /// The body had content: a table row is taken for the footer only after some.
  let bodyHasContent: Bool
  private var zone: FooterZone

  init(cursor: LineCursor, bodyHasContent: Bool) {
    self.cursor = cursor
    self.bodyHasContent = bodyHasContent
    zone = FooterZone(end: cursor.i)
  }

  /// Whether line `k` opens a footer piece. In the body only a signature with its authority
  /// mark counts (a bare "CHỦ TỊCH" there may be a heading).
  static func opens(_ c: LineCursor, at k: Int, inBody: Bool, bodyHasContent: Bool) -> Bool {
    let line = c.lines[k]
    if line.isTableRow { return bodyHasContent && isFooterRow(c, line, inBody: inBody) }
    return c.startsWith(line, role: .recipients) || c.isSignatureStart(line, strict: inBody)
  }

  mutating func parse() -> FooterZone {
    while let k = cursor.nextNonBlank(from: cursor.i),
      Self.opens(cursor, at: k, inBody: false, bodyHasContent: bodyHasContent)
    {
      cursor.i = k
      let line = cursor.lines[k]
      if line.isTableRow {
        parseFooterRows()
      } else if cursor.startsWith(line, role: .recipients) {
        parseRecipients()
      } else {
        parseSignature()
      }
      precondition(cursor.i > k, "footer parser made no progress at line \(line.number)")
    }
    zone.end = cursor.i
    zone.diagnostics += cursor.diagnostics
    return zone
  }

  private var reader: FooterReader { FooterReader(lex: cursor.lex) }

  private mutating func parseRecipients() {
    if cursor.lines[cursor.i].columns != nil {
      parseSideBySideFooter()
      return
    }
    let first = cursor.lines[cursor.i]
    cursor.i += 1
    var pieces: [FooterReader.Piece] = [(first.text, first.number)]
    // The signature column run into the list line by line, as pdftotext writes two columns
    // without -layout: "Nơi nhận: BỘ TRƯỞNG", "KT. CHỦ TỊCH" between two items, the name
    // after the archive line.
    var signatureLines: [FooterReader.Piece] = []
    if let rest = reader.afterRecipientsWord(first.text), isSignatureText(rest) {
      signatureLines.append((rest, first.number))
      pieces[0] = ("", first.number)
    }
    while !cursor.atEnd {
      let line = cursor.lines[cursor.i]
      if line.isBlank {
        cursor.i += 1
        continue
      }
      // Under the signature's lines, a note of signing ("(Đã ký)", "Đóng dấu, ký tên") and the
      // name are the block's, not an item's wrapped end (an archive line ending "SNV.á/" has
      // no closing mark).
      if !signatureLines.isEmpty, !line.isTableRow, line.marker == nil {
        if reader.isSigningNote(line.text) {
          signatureLines.append((line.text, line.number))
          cursor.i += 1
          continue
        }
        if FooterReader.looksLikeName(FooterReader.withoutNotes(line.text)) {
          signatureLines.append((line.text, line.number))
          cursor.i += 1
          break
        }
      }
      if isRecipientLine(line) || (pieces.count > 1 && continuesItem(line, after: pieces.last?.text)) {
        // A bullet's item without its mark, whichever mark ("-", "+", "*") it is.
        var item = line.text
        if case .bullet = line.marker { item = "- " + line.body }
        // The signature's title run onto an item's line from the column beside it, after the
        // item's end ("- Thường trực Thị uỷ (b/c); CHỦ TỊCH"): the list's and the block's.
        if let (body, title) = signatureTitleAfterItem(item) {
          pieces.append((body, line.number))
          signatureLines.append((title, line.number))
        } else {
          pieces.append((item, line.number))
        }
        cursor.i += 1
        continue
      }
      // Capitals after a signature line belong to its block ("TM. ỦY BAN NHÂN" / "DÂN").
      let capsInBlock = !signatureLines.isEmpty && !LogicalText.containsLowercase(line.text)
        && line.text.unicodeScalars.contains(where: ScalarClass.isAlphabetic)
        && cursor.lex.matchPrefix(.annex, line) == nil && cursor.lex.docTypes.matchWhole(line) == nil
      if !line.isTableRow, line.marker == nil, isSignatureText(line.text) || capsInBlock {
        signatureLines.append((line.text, line.number))
        cursor.i += 1
        continue
      }
      break
    }
    take(reader.recipients(pieces))
    if !signatureLines.isEmpty, let sig = reader.signature(signatureLines) { zone.signatures.append(sig) }
  }

  /// An item that ends (";", ",", ".", ")") and then holds a signer's title in capitals: the
  /// item, and the title. Nil for any other item.
  private func signatureTitleAfterItem(_ item: String) -> (String, String)? {
    @inline(__always) func endsItem(_ b: UInt8?) -> Bool {
      b == UInt8(ascii: ";") || b == UInt8(ascii: ",") || b == UInt8(ascii: ".") || b == UInt8(ascii: ")")
    }
    // Most items end in their own mark: only one ending otherwise is looked at.
    guard item.utf8.count > 6, !endsItem(item.utf8.last), let (body, title) = reader.splitTitleSuffix(item),
      endsItem(body.utf8.last), !LogicalText.containsLowercase(title)
    else { return nil }
    return (body, title)
  }

  /// A line of a signature block: an authority mark, or capitals that are a signer's title
  /// or end in one ("ỦY BAN NHÂN DÂN" alone is not: it may be a recipient group).
  private func isSignatureText(_ text: String) -> Bool {
    guard !text.isEmpty, !LogicalText.containsLowercase(text) else { return false }
    if let first = Words.splitOnSpaces(text).first, reader.authorityValue(String(first)) != nil { return true }
    let folded = Words.fold(text).map(Words.bare)
    return cursor.lex.signerTitles.matchWhole(folded) != nil || reader.splitTitleSuffix(text) != nil
  }

  private mutating func take(_ found: FooterReader.Recipients) {
    zone.recipients += found.recipients
    if !found.archive.isEmpty { zone.archive = found.archive }
    zone.diagnostics += found.diagnostics
  }

  /// A line that goes on with the recipient item above: it opens in lower case or with a
  /// bracket, or the item above has no closing ";" or "." yet, whatever this line's case.
  private func continuesItem(_ line: ClassifiedLine, after previous: String?) -> Bool {
    if isContinuation(line) { return true }
    guard let previous, let last = previous.last, !";.:".contains(last) else { return false }
    return !line.isTableRow && line.marker == nil && LogicalText.containsLowercase(line.text) && !cursor.startsZone(line)
      && !reader.opensRecipients(line.text)
  }

  /// A line that goes on with the item above: it opens in lower case or with a bracket.
  private func isContinuation(_ line: ClassifiedLine) -> Bool {
    guard !line.isTableRow, line.marker == nil, let f = line.text.unicodeScalars.first else { return false }
    return (ScalarClass.isLowercase(f) || f == "(") && !cursor.startsZone(line)
  }

  /// A footer whose two columns stand side by side in plain text, parted by wide runs of
  /// spaces: the left column is the recipients list, the right the signature block (a line
  /// far indented stands in the right column alone).
  private mutating func parseSideBySideFooter() {
    let lines = cursor.lines
    let start = cursor.i
    var left: [FooterReader.Piece] = []
    var right: [FooterReader.Piece] = []
    var j = start
    var blanks = 0
    var sawName = false
    while j < lines.count, j - start < 60 {
      let line = lines[j]
      if line.isBlank {
        blanks += 1
        if blanks > 8 { break }
        j += 1
        continue
      }
      blanks = 0
      if let cols = line.columns, cols.count >= 2 {
        left.append((cols[0], line.number))
        right.append((cols[1...].joinedText(" "), line.number))
        if FooterReader.looksLikeName(FooterReader.withoutNotes(cols[cols.count - 1])) { sawName = true }
      } else if line.indent >= 20, left.count > 0 {
        right.append((line.text, line.number))
        if FooterReader.looksLikeName(FooterReader.withoutNotes(line.text)) { sawName = true }
      } else if j == start || isRecipientLine(line) || continuesItem(line, after: left.last?.text) {
        if sawName, !isRecipientLine(line), !continuesItem(line, after: left.last?.text) { break }
        left.append((line.marker != nil ? "- " + line.body : line.text, line.number))
      } else {
        break
      }
      j += 1
    }
    cursor.i = max(j, start + 1)
    take(reader.recipients(left))
    continueSignature(&right)
    if let sig = reader.signature(right) { zone.signatures.append(sig) }
  }

  /// A bullet or the archive line: what a recipients list holds.
  private func isRecipientLine(_ line: ClassifiedLine) -> Bool {
    guard !line.isTableRow else { return false }
    if case .bullet = line.marker { return true }
    return cursor.startsWith(line, role: .archive)
  }

  /// A table row holding the footer's columns (a markdown or tab table laid out for it): a
  /// cell opens "Nơi nhận" or a signature mark, or, past the body, is a signer's title.
  static func isFooterRow(_ c: LineCursor, _ line: ClassifiedLine, inBody: Bool) -> Bool {
    guard let cells = line.cells else { return false }
    let reader = FooterReader(lex: c.lex)
    for cell in cells where !cell.isEmpty {
      if reader.opensRecipients(cell) { return true }
      // The block's capitals, before the signer's name when the cell ends in one.
      let caps = FooterReader.splitTrailingName(cell).caps
      if let first = Words.splitOnSpaces(cell).first, reader.authorityValue(String(first)) != nil,
        !LogicalText.containsLowercase(caps.isEmpty ? cell : caps)
      {
        return true
      }
      if !inBody, c.lex.signerTitles.matchPrefix(Words.fold(cell.prefix(characters: 60))) != nil, !LogicalText.containsLowercase(caps) {
        return true
      }
    }
    return false
  }

  /// Footer rows: the recipients column (the cells under "Nơi nhận") and the signature
  /// column (the other cells) read apart, however the rows interleave them.
  private mutating func parseFooterRows() {
    let lines = cursor.lines
    var rows: [ClassifiedLine] = []
    var j = cursor.i
    while j < lines.count, rows.count < 40 {
      if lines[j].isBlank {
        j += 1
        continue
      }
      guard lines[j].isTableRow else { break }
      rows.append(lines[j])
      j += 1
    }
    cursor.i = max(j, cursor.i + 1)
    var recipientColumn: Int?
    for row in rows {
      guard let cells = row.cells else { continue }
      if let k = cells.firstIndex(where: { reader.opensRecipients($0) }) {
        recipientColumn = k
        break
      }
    }
    var left: [FooterReader.Piece] = []
    var right: [FooterReader.Piece] = []
    for row in rows {
      for (k, cell) in (row.cells ?? []).enumerated() where !cell.isEmpty {
        if k == recipientColumn { left.append((cell, row.number)) } else { right.append((cell, row.number)) }
      }
    }
    if !left.isEmpty { take(reader.recipients(left)) }
    continueSignature(&right)
    if let sig = reader.signature(right) { zone.signatures.append(sig) }
  }

  /// A signature column that ends without its name goes on below the columns, when the lines
  /// there end in one: a Word table or two columns that stop after "TM. ỦY BAN NHÂN DÂN KT.
  /// CHỦ TỊCH", with "PHÓ CHỦ TỊCH Nguyễn Thành Sinh" under them.
  private mutating func continueSignature(_ column: inout [FooterReader.Piece]) {
    guard !column.isEmpty, reader.signature(column)?.signer == nil else { return }
    let (below, next) = signatureLines(from: cursor.i, continuing: true)
    guard let last = below.last, FooterReader.endsBlock(last.text) else { return }
    column += below
    cursor.i = next
  }

  /// The signature block from its first line: capitals (authority marks, the body, the
  /// signer's title), notes such as "(Đã ký)", then the name; read by `FooterReader`.
  private mutating func parseSignature() {
    let (pieces, next) = signatureLines(from: cursor.i, continuing: false)
    cursor.i = max(next, cursor.i + 1)
    if let sig = reader.signature(pieces) { zone.signatures.append(sig) }
  }

  /// The lines of a signature block from line `start` (blank lines and page numbers passed
  /// over) up to its name, at most ten, and the index after them. `continuing`: the block
  /// began above (a footer table's column), so no line here opens it.
  private func signatureLines(from start: Int, continuing: Bool) -> (pieces: [FooterReader.Piece], next: Int) {
    let lines = cursor.lines
    var pieces: [FooterReader.Piece] = []
    var j = start
    while j < lines.count, pieces.count < 10 {
      let line = lines[j]
      if line.isBlank || line.loneNumber != nil {
        j += 1
        continue
      }
      let opened = continuing || !pieces.isEmpty
      if line.isTableRow || line.marker != nil || (opened && cursor.startsWith(line, role: .recipients)) { break }
      let text = line.text
      let ends = FooterReader.endsBlock(text)
      let isCaps = !LogicalText.containsLowercase(text)
      guard ends || isCaps || reader.isNote(text) else { break }
      if isCaps, opened, cursor.lex.matchPrefix(.annex, line) != nil { break }
      pieces.append((text, line.number))
      j += 1
      if ends { break }
    }
    return (pieces, j)
  }
}

extension FooterReader {
  /// "UBND tỉnh (b/c)" → name and note.
  static func recipient(_ text: String, line: Int) -> Recipient {
    if text.endsWith(ascii: ")"), let open = text.lastIndex(of: "(") {
      let note = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingSpaces()
      let name = text[..<open].trimmingSpaces()
      if !name.isEmpty, !note.isEmpty, note.unicodeScalars.count <= 40 {
        return Recipient(name: name, note: note, line: line)
      }
    }
    return Recipient(name: text, note: nil, line: line)
  }

  static func trimPunctuation(_ s: String) -> String {
    // The Character loop `while let l = last, l is ";" "." "," or " " { removeLast() }`, on the
    // bytes where they settle it (`droppingTrailing(asciiMarks:)`).
    s.trimmingSpaces().droppingTrailing(asciiMarks: { $0 == 0x3B || $0 == 0x2E || $0 == 0x2C || $0 == 0x20 })
  }

  /// A line that ends a signature block: the signer's name, alone or after the capitals of
  /// the title ("PHÓ CHỦ TỊCH Nguyễn Thành Sinh").
  static func endsBlock(_ text: String) -> Bool {
    looksLikeName(withoutNotes(text)) || splitTrailingName(text).rest != nil
  }

  /// A person's name: two to six capitalised words, no digits or punctuation, not all capitals.
  static func looksLikeName(_ text: String) -> Bool {
    let words = Words.splitOnSpaces(text)
    guard (2...6).contains(words.count) else { return false }
    guard LogicalText.containsLowercase(text) else { return false }
    for w in words {
      guard let f = w.unicodeScalars.first, ScalarClass.isUppercase(f) else { return false }
      guard w.unicodeScalars.allSatisfy({ ScalarClass.isAlphabetic($0) || $0.properties.generalCategory == .nonspacingMark })
      else { return false }
    }
    return true
  }
}
