/// Text as a browser lays it out: runs of white space are one space, line breaks come from
/// `<br>` and block boundaries, never from the source's own line breaks.
enum HTMLText {
  /// White space a browser collapses; the no-break space and invisible marks count too, since
  /// only the words matter here.
  static func isSpace(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x20, 0x09, 0x0A, 0x0C, 0x0D, 0xA0, 0x200B, 0xFEFF, 0x3000: true
    default: false
    }
  }

  static func isLetter(_ u: Unicode.Scalar) -> Bool { u.properties.isAlphabetic || u.properties.numericType != nil }

  /// The source line of the first character that is not white space, given the line the text
  /// starts on.
  static func firstLetterLine(of text: String, from line: Int) -> Int {
    var n = line
    for u in text.unicodeScalars {
      if u == "\n" {
        n += 1
      } else if !isSpace(u) {
        return n
      }
    }
    return line
  }

  /// Runs of white space as one space, none at either end.
  static func collapsed(_ s: Substring) -> String {
    var out = String.UnicodeScalarView()
    var space = false
    for u in s.unicodeScalars {
      if isSpace(u) {
        space = !out.isEmpty
        continue
      }
      if space { out.append(" ") }
      space = false
      out.append(u)
    }
    return String(out)
  }
}

/// A paragraph being read: words with single spaces, `<br>` as "\n", the source line of its
/// first character, and whether every run with letters was bold.
struct ParagraphBuilder {
  private var text = String.UnicodeScalarView()
  private var lineHasText = false
  private var pendingSpace = false
  private var line: Int?
  private var sawLetters = false
  private var allBold = true
  /// The list label of the item being read, given to its first paragraph.
  var numbering: String?

  var isEmpty: Bool { line == nil }

  mutating func add(_ s: String, line start: Int, bold: Bool, preformatted: Bool) {
    var current = start
    var letters = false
    for u in s.unicodeScalars {
      if u == "\n" {
        if preformatted { lineBreak() } else { pendingSpace = true }
        current += 1
        continue
      }
      if HTMLText.isSpace(u) {
        pendingSpace = true
        continue
      }
      if pendingSpace, lineHasText { text.append(" ") }
      pendingSpace = false
      text.append(u)
      lineHasText = true
      if line == nil { line = current }
      if !letters, HTMLText.isLetter(u) { letters = true }
    }
    if letters {
      sawLetters = true
      allBold = allBold && bold
    }
  }

  /// `<br>`: the next words start a line. An empty line is not kept.
  mutating func lineBreak() {
    if lineHasText { text.append("\n") }
    lineHasText = false
    pendingSpace = false
  }

  /// The paragraph read so far, or nil when it holds no text; the builder starts afresh, but a
  /// list label not yet given stays for the next paragraph.
  mutating func finish() -> SourceParagraph? {
    guard let line else {
      text = String.UnicodeScalarView()
      lineHasText = false
      pendingSpace = false
      return nil
    }
    var s = String(text)
    while s.last == "\n" { s.removeLast() }
    let p = SourceParagraph(
      text: s, location: SourceLocation(line: line), numbering: numbering, isBold: sawLetters && allBold)
    self = ParagraphBuilder()
    return p
  }
}
