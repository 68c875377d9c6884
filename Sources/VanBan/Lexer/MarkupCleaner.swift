import VanBanText
import VanBanGrammar

/// Removes what converters leave in text — markdown emphasis, HTML tags, TeX math — and
/// collapses runs of white space, keeping tabs because they separate table cells.
///
/// Works on Unicode scalars: lines are short, but documents are many.
struct MarkupCleaner: Sendable {
  private let latex: [(command: [Unicode.Scalar], replacement: String)]
  private let htmlTags: Set<String>

  init(grammar: GrammarLexicon) {
    latex = grammar.latexCommands
      .map { (Array($0.command.unicodeScalars), $0.character) }
      .sorted { $0.command.count > $1.command.count }
    htmlTags = grammar.htmlTags
  }

  func clean(_ line: Substring) -> String {
    // Most lines hold no markup (`$`, `<`, `*`): then only the spaces change, and that is
    // done on the bytes, in the same walk that looks for the markup.
    if let plain = WhiteSpace.collapse(line, keepingTabs: true, unlessAny: (0x24, 0x3C, 0x2A)) { return plain }
    var s = Array(line.unicodeScalars)
    if s.contains("$") { s = replaceMath(s) }
    if s.contains("<") { s = removeTags(s) }
    if s.contains("*") { s = removeAsterisks(s) }
    return Self.collapseSpaces(Substring(String(scalars: s)))
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
      if inner.hasSuffix("/") { inner.removeLast() }
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
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(s.count)
    var i = 0
    // A leading "* " is a bullet marker.
    var firstText = 0
    while firstText < s.count, s[firstText] == " " || s[firstText] == "\t" { firstText += 1 }
    while i < s.count {
      let c = s[i]
      guard c == "*" else {
        out.append(c)
        i += 1
        continue
      }
      var end = i
      while end < s.count, s[end] == "*" { end += 1 }
      let before: Unicode.Scalar? = i > 0 ? s[i - 1] : nil
      let after: Unicode.Scalar? = end < s.count ? s[end] : nil
      if i == firstText, end - i == 1, after == " " {
        out.append(c)  // bullet
      } else if before == "(", after == ")" {
        out.append(contentsOf: s[i..<end])  // footnote mark (*)
      } else {
        appendBoundary(&out, next: after)
      }
      i = end
    }
    return out
  }

  /// When markup is removed between two words ("THỰC HIỆN**NGHỊ"), a space keeps them apart;
  /// none is added inside quotes or brackets ("“**rõ**”").
  private func appendBoundary(_ out: inout [Unicode.Scalar], next: Unicode.Scalar?) {
    guard let last = out.last, let next else { return }
    if Self.noSpaceAfter.contains(last) || Self.noSpaceBefore.contains(next) { return }
    if last.properties.isWhitespace || next.properties.isWhitespace { return }
    out.append(" ")
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
