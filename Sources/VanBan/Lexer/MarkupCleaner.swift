import VanBanText
import VanBanGrammar

/// Removes what converters leave in text — markdown emphasis and escapes, HTML tags, TeX
/// math — and collapses runs of white space, keeping tabs because they separate table cells.
///
/// Works on Unicode scalars: lines are short, but documents are many.
struct MarkupCleaner: Sendable {
  private let latex: [(command: [Unicode.Scalar], replacement: String)]
  private let htmlTags: Set<String>

  /// The cleaner of the shared grammar, made once: its TeX commands, sorted, were rebuilt for
  /// every document.
  static let standard = MarkupCleaner(grammar: .shared)

  init(grammar: GrammarLexicon) {
    latex = grammar.latexCommands
      .map { (Array($0.command.unicodeScalars), $0.character) }
      .sorted { $0.command.count > $1.command.count }
    htmlTags = grammar.htmlTags
  }

  func clean(_ line: Substring) -> String {
    var copy = line
    if let plain = copy.withUTF8(Self.cleanPlain) { return plain }
    if let emphasis = copy.withUTF8(Self.cleanEmphasis) { return emphasis }
    return cleanMarked(line)
  }

  /// `clean` of a line without markdown's line marks or markup bytes, from its bytes; nil for
  /// any other line, which `clean` reads in full. Most lines are such lines, and the parser
  /// cleans them from the bytes of its input lines without a Substring of each.
  static func cleanPlain(_ b: UnsafeBufferPointer<UInt8>) -> String? {
    // `lineMark`'s first test: the first byte after the indent.
    var k = 0
    while k < b.count, b[k] == 0x20 || b[k] == 0x09 { k += 1 }
    if k < b.count, b[k] == 0x7C || b[k] == 0x23 { return nil }
    if k < b.count, b[k] == 0x2D, isColumnRule(b) { return "" }
    return WhiteSpace.collapse(utf8: b, keepingTabs: true, unlessAny: (0x24, 0x3C, 0x2A, 0x5C))
  }

  /// `cleanMarked` of a line whose only markup is emphasis (`*`: no `$`, `<` nor `\`, and no
  /// line mark), from its bytes; nil for any other line. Bold headings and labels
  /// (`**Điều 1.**`) are most of a converted document's marked lines, and taking each apart
  /// into an array of scalars and back was most of cleaning them. The rules are
  /// `removeAsterisks`' (the tests hold the two to each other).
  static func cleanEmphasis(_ b: UnsafeBufferPointer<UInt8>) -> String? {
    var k = 0
    while k < b.count, b[k] == 0x20 || b[k] == 0x09 { k += 1 }
    if k < b.count, b[k] == 0x7C || b[k] == 0x23 { return nil }
    var stars = false
    for byte in b {
      if byte == 0x24 || byte == 0x3C || byte == 0x5C { return nil }
      if byte == 0x2A { stars = true }
    }
    guard stars else { return nil }
    let firstText = k
    var out: [UInt8] = []
    out.reserveCapacity(b.count + 8)
    var i = 0
    while i < b.count {
      guard b[i] == 0x2A else {
        out.append(b[i])
        i += 1
        continue
      }
      var end = i
      while end < b.count, b[end] == 0x2A { end += 1 }
      // No backslash on the line, so no escaped asterisk; the neighbours asked about are
      // ASCII, and a byte of a longer scalar is none of them.
      let after: UInt8? = end < b.count ? b[end] : nil
      if i == firstText, end - i == 1, after == 0x20 {
        out.append(0x2A)  // bullet
      } else if i > 0, b[i - 1] == 0x28, after == 0x29 {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<end]))  // footnote mark (*)
      } else if end < b.count, !out.isEmpty {
        // `appendBoundary`: the scalar after the run and the last one kept.
        let next = UTF8Scalar.decode(b, at: end).value
        let last = out.withUnsafeBufferPointer { o in
          UTF8Scalar.decode(o, at: UTF8Scalar.start(o, holding: o.count - 1)).value
        }
        if let next = Unicode.Scalar(next), let last = Unicode.Scalar(last), Self.spaceBetween(last, next) {
          out.append(0x20)
        }
      }
      i = end
    }
    // Only ASCII asterisks were taken out and spaces put in: the bytes are whole scalars.
    // Asterisks kept (a bullet, a footnote mark) are text now: the stops are the markup the
    // line was checked for above, so none is found and the answer is never nil.
    return out.withUnsafeBufferPointer {
      WhiteSpace.collapse(utf8: $0, keepingTabs: true, unlessAny: (0x24, 0x3C, 0x5C, 0x5C))
    }
  }

  /// A pandoc simple table's rule, `  -------- ----------`: runs of three dashes or more, two
  /// at least, parted by spaces, above and below a head or footer laid out as a table. It says
  /// nothing, and as text the line ran into the issuer's or the number's line under it. One
  /// run alone ("-------" under an issuer or a motto) stays as it is.
  static func isColumnRule(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    var runs = 0
    var run = 0
    for byte in b {
      if byte == 0x2D {
        run += 1
      } else if byte == 0x20 || byte == 0x09 {
        if run > 0 {
          guard run >= 3 else { return false }
          runs += 1
        }
        run = 0
      } else {
        return false
      }
    }
    if run > 0 {
      guard run >= 3 else { return false }
      runs += 1
    }
    return runs >= 2
  }

  /// `clean` of a line that may hold markup or a line mark (of any line: the tests hold
  /// `cleanPlain` to it).
  func cleanMarked(_ line: Substring) -> String {
    var line = line
    if line.withUTF8(Self.isColumnRule) { return "" }
    if let mark = Self.lineMark(line) {
      switch mark {
      case .blank: return ""
      case .body(let body): line = body
      case .cells(let cells): line = Substring(cells)
      }
    }
    // Most lines hold no markup (`$`, `<`, `*`, `\`): then only the spaces change, and that
    // is done on the bytes, in the same walk that looks for the markup.
    if let plain = WhiteSpace.collapse(line, keepingTabs: true, unlessAny: (0x24, 0x3C, 0x2A, 0x5C)) { return plain }
    var s = line.withUTF8 { UTF8Scalar.scalars($0) }
    if s.contains("$") { s = replaceMath(s) }
    if s.contains("<") { s = removeTags(s) }
    if s.contains("*") { s = removeAsterisks(s) }
    // Last: an escaped asterisk is text, not emphasis, and TeX commands are gone by now.
    if s.contains("\\") { s = Self.unescape(s) }
    return Self.collapseSpaces(Substring(String(scalars: s)))
  }

  // MARK: markdown line marks

  enum LineMark: Equatable {
    /// A table's delimiter row (`|---|:--|`) or a lone `|`: nothing the document says.
    case blank
    /// The line without its heading `#`s.
    case body(Substring)
    /// A pipe-table row as tab-separated cells, as tables arrive from other converters.
    case cells(String)
  }

  /// Markdown's line-level marks, read off the first byte: a pipe-table row becomes
  /// tab-separated cells (so tables, and heads and footers laid out as tables, are read like
  /// any tab row), its delimiter row and a lone `|` become blank, and a heading's `#`s are
  /// dropped. A quote's `>` stays: in a plan it is more often a value ("> 80%").
  /// Nil when the line starts with none of them.
  static func lineMark(_ line: Substring) -> LineMark? {
    // The first byte after the indent, on the buffer: asked of every line, and most open with
    // neither mark (the view's generic search and subscripts cost ~150 instructions a line).
    var copy = line
    let indent: Int? = copy.withUTF8 { b in
      var k = 0
      while k < b.count, b[k] == 0x20 || b[k] == 0x09 { k += 1 }
      return k < b.count && (b[k] == 0x7C || b[k] == 0x23) ? k : nil
    }
    guard let indent else { return nil }
    let bytes = line.utf8
    let start = bytes.index(bytes.startIndex, offsetBy: indent)
    switch bytes[start] {
    case 0x7C:  // "|" alone, or a row that also ends in "|" (OCR reads a rule as a "|" opening a line)
      let row = line[start...].trimmingSpaces()
      guard row == "|" || (row.utf8.count >= 3 && row.utf8.last == 0x7C) else { return nil }
      return pipeRow(Substring(row))
    case 0x23:  // "#" … "######" then a space
      var j = start
      var n = 0
      while j < bytes.endIndex, bytes[j] == 0x23 { j = bytes.index(after: j); n += 1 }
      guard n <= 6, j < bytes.endIndex, bytes[j] == 0x20 else { return nil }
      return .body(line[bytes.index(after: j)...])
    default:
      return nil
    }
  }

  /// `| a | b |` → "a\tb"; `|---|---|` and `|` → blank. An escaped `\|` stays in its cell.
  private static func pipeRow(_ row: Substring) -> LineMark {
    var cells: [Substring] = []
    var cellStart = row.startIndex
    var i = row.startIndex
    var escaped = false
    for c in row.unicodeScalars {
      let next = row.unicodeScalars.index(after: i)
      if c == "|", !escaped {
        cells.append(row[cellStart..<i])
        cellStart = next
      }
      escaped = c == "\\" && !escaped
      i = next
    }
    cells.append(row[cellStart...])
    // The text before the opening pipe is empty; after a closing pipe too.
    cells.removeFirst()
    if let last = cells.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { cells.removeLast() }
    let trimmed = cells.map { $0.trimmingSpaces() }
    if trimmed.allSatisfy(\.isEmpty) { return .blank }
    let isDelimiter = trimmed.allSatisfy { cell in cell.allSatisfy { $0 == "-" || $0 == ":" || $0 == " " } }
      && trimmed.contains { $0.contains("-") }
    if isDelimiter { return .blank }
    if trimmed.count == 1 { return .body(Substring(trimmed[0])) }
    return .cells(trimmed.map { String($0.map { $0 == "\t" ? " " : $0 }) }.joinedText("\t"))
  }

  // MARK: TeX

  /// `$\geq 1,1$` → `≥ 1,1`: commands from Grammar/latex.tsv, braces and dollars dropped.
  private func replaceMath(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(s.count)
    var i = 0
    var inMath = false
    let hasPair = s.filter { $0 == "$" }.count >= 2
    guard hasPair else { return s }
    while i < s.count {
      let c = s[i]
      if c == "$" {
        inMath.toggle()
        i += 1
        continue
      }
      if inMath {
        if c == "\\" {
          if let (command, replacement) = latex.first(where: { matches($0.command, in: s, at: i) }) {
            // A command followed by a letter is a longer, unknown command.
            let end = i + command.count
            if end >= s.count || !ScalarClass.isAlphabetic(s[end]) {
              out.append(contentsOf: replacement.unicodeScalars)
              i = end
              continue
            }
          }
        }
        if c == "{" || c == "}" {
          i += 1
          continue
        }
      }
      out.append(c)
      i += 1
    }
    return out
  }

  private func matches(_ needle: [Unicode.Scalar], in s: [Unicode.Scalar], at i: Int) -> Bool {
    guard i + needle.count <= s.count else { return false }
    for k in 0..<needle.count where s[i + k] != needle[k] { return false }
    return true
  }

  // MARK: HTML

  /// `<i>…</i>` keeps the text; `<https://…>` keeps the address.
  private func removeTags(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(s.count)
    var i = 0
    while i < s.count {
      guard s[i] == "<", let close = s[(i + 1)...].prefix(200).firstIndex(of: ">") else {
        out.append(s[i])
        i += 1
        continue
      }
      var inner = String(scalars: s[(i + 1)..<close])
      if inner.hasPrefix("http://") || inner.hasPrefix("https://") {
        out.append(contentsOf: inner.unicodeScalars)
        i = close + 1
        continue
      }
      if inner.hasPrefix("/") { inner.removeFirst() }
      if inner.endsWith(ascii: "/") { inner.removeLast() }
      let parts = inner.split(separator: " ", maxSplits: 1)
      let name = parts.first.map { String($0).lowercased() } ?? ""
      // "<b>" or "<span class=…>", not "a < b và c > d"; "<>" and "< >" have no parts at all.
      let isTag = parts.count == 1 || (parts.count == 2 && parts[1].contains("="))
      if isTag, htmlTags.contains(name) {
        appendBoundary(&out, next: close + 1 < s.count ? s[close + 1] : nil)
        i = close + 1
      } else {
        out.append(s[i])
        i += 1
      }
    }
    return out
  }

  // MARK: markdown emphasis

  /// Removes `*` and `**` runs, keeping a leading bullet `* ` and a footnote mark `(*)`.
  private func removeAsterisks(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
    // A leading "* " is a bullet marker.
    var firstText = 0
    while firstText < s.count, s[firstText] == " " || s[firstText] == "\t" { firstText += 1 }
    return Self.rewriting(s, at: "*") { i, out in
      var end = i
      while end < s.count, s[end] == "*" { end += 1 }
      // An escaped asterisk (`(\*)`) is text, kept for `unescape`; but not one ending the line
      // or cell: there the backslash is a hard line break before closing emphasis
      // (`***Nơi nhận:\***`).
      if i > 0, s[i - 1] == "\\", !Self.onlySpacesUntilCellEnd(s, from: end) {
        out.append(s[i])
        return i + 1
      }
      let before: Unicode.Scalar? = i > 0 ? s[i - 1] : nil
      let after: Unicode.Scalar? = end < s.count ? s[end] : nil
      if i == firstText, end - i == 1, after == " " {
        out.append(s[i])  // bullet
      } else if before == "(", after == ")" {
        out.append(contentsOf: s[i..<end])  // footnote mark (*)
      } else {
        appendBoundary(&out, next: after)
      }
      return end
    }
  }

  // MARK: markdown escapes

  /// Markdown's backslash escapes as pandoc writes them (`1\.`, `\-\-\-`, `\*`, `\(`): the
  /// character without its backslash, `\ ` a space; and a backslash ending a line or a cell
  /// (pandoc's hard line break: `QUỐC HỘI\`, `Nơi nhận:\`) dropped. A backslash before a
  /// letter or a digit (a path, a mistyped "12\QĐ") stays.
  static func unescape(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
    rewriting(s, at: "\\") { i, out in
      if onlySpacesUntilCellEnd(s, from: i + 1) { return i + 1 }  // a hard line break
      if s[i + 1] == " " || isASCIIPunctuation(s[i + 1]) {
        out.append(s[i + 1])
        return i + 2
      }
      out.append(s[i])
      return i + 1
    }
  }

  /// `s` copied, each `mark` handed to `rewrite`, which appends what stands for it (the mark
  /// at `i` and what follows) and gives the index to go on from, past `i`.
  private static func rewriting(
    _ s: [Unicode.Scalar], at mark: Unicode.Scalar, _ rewrite: (Int, inout [Unicode.Scalar]) -> Int
  ) -> [Unicode.Scalar] {
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(s.count)
    var i = 0
    while i < s.count {
      guard s[i] == mark else {
        out.append(s[i])
        i += 1
        continue
      }
      i = rewrite(i, &out)
    }
    return out
  }

  /// Whether nothing but spaces stands between `start` and the end of the cell: the end of
  /// the line, a tab, or two spaces or more (the gap between a simple table's columns).
  private static func onlySpacesUntilCellEnd(_ s: [Unicode.Scalar], from start: Int) -> Bool {
    var j = start
    while j < s.count, s[j] == " " { j += 1 }
    return j == s.count || s[j] == "\t" || j - start >= 2
  }

  /// What CommonMark lets a backslash escape: ASCII punctuation.
  private static func isASCIIPunctuation(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: true
    default: false
    }
  }

  /// When markup is removed between two words ("THỰC HIỆN**NGHỊ"), a space keeps them apart;
  /// none is added inside quotes or brackets ("“**rõ**”").
  private func appendBoundary(_ out: inout [Unicode.Scalar], next: Unicode.Scalar?) {
    guard let last = out.last, let next, Self.spaceBetween(last, next) else { return }
    out.append(" ")
  }

  /// Whether removed markup between `last` and `next` leaves a space in its place.
  static func spaceBetween(_ last: Unicode.Scalar, _ next: Unicode.Scalar) -> Bool {
    if noSpaceAfter.contains(last) || noSpaceBefore.contains(next) { return false }
    return !last.properties.isWhitespace && !next.properties.isWhitespace
  }

  private static let noSpaceAfter: Set<Unicode.Scalar> = ["(", "[", "“", "\"", "'", "‘", "/", "-"]
  private static let noSpaceBefore: Set<Unicode.Scalar> = [")", "]", "”", "\"", "'", "’", ",", ".", ";", ":", "!", "?", "/", "…"]

  // MARK: white space

  /// Runs of spaces (including no-break, zero-width and other Unicode spaces) become one space;
  /// tabs stay, with the spaces around them dropped; the line is trimmed.
  static func collapseSpaces(_ line: Substring) -> String {
    WhiteSpace.collapse(line, keepingTabs: true)
  }
}
