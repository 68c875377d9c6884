import VanBanBytes
import VanBanText

/// The numbering or bullet a line starts with.
enum Marker: Hashable, Sendable {
  /// `I.` `IV.` — parts (phần) of the body.
  case roman(value: Int, label: String)
  /// `1.` `1.1.` `2.3.1.` — the label without the final dot, and its numbers.
  case arabic(label: String, parts: [Int])
  /// `(1)`
  case paren(Int)
  /// `a)`
  case letter(String)
  /// `-` `+` `*` `•`
  case bullet(String)
  /// `Điều 1.` — an article (điều) of a decision or regulation; the label keeps the word, as
  /// the document cites it ("Điều 3"). Found by the structure parser (the word is Grammar's),
  /// never by `LineClassifier`.
  case article(value: Int, label: String)
  /// `Chương I` — a chapter (chương) of a regulation, holding articles.
  case chapter(value: Int, label: String)
  /// `A. ĐÁNH GIÁ TÌNH HÌNH` — a part of a report or plan lettered in capitals, holding its
  /// Roman sections. Found by the structure parser, never by `LineClassifier`.
  case part(value: Int, label: String)

  var isSection: Bool {
    if case .bullet = self { return false }
    return true
  }
}

/// A cleaned input line with what it looks like: blank, a table row, numbered, a bullet, or text.
///
/// A class: the structure parser and the extractors pass lines around and copy them out of
/// the line array all the time, and a struct of four strings and an enum costs a retain and a
/// release for each of them on every copy; the class costs one, and one allocation per line
/// (the fold cache lives here rather than in an object of its own).
///
/// A line belongs to one document, and a document is parsed by one thread, so the fold cache
/// is never written by two threads at once.
final class ClassifiedLine: @unchecked Sendable {
  let number: Int
  /// Markup removed, spaces collapsed.
  let text: String
  /// Cells when the line holds a tab (a table row).
  let cells: [String]?
  let marker: Marker?
  /// The text after the marker (the whole text when there is none).
  var body: String { storedBody ?? text }
  /// `body` when it is not `text` (after a marker, a row's joined cells); nil when it is. Most
  /// lines have no marker: the same String held twice cost each a retain when made and a
  /// release when freed.
  private let storedBody: String?
  /// Calls `f` with what `words` folds: `text`, or the joined cells of a table row (its
  /// `body`). Not stored: it is always one of the two, and a third reference to the same bytes
  /// cost every line a retain when made and a release when freed. Each stored String is handed
  /// over as it is: a property choosing between them made a copy, retained, at every use.
  @inline(__always)
  private func withFoldSource<R>(_ f: (String) -> R) -> R {
    cells == nil ? f(text) : f(storedBody ?? text)
  }
  /// In plain text, the parts of a line that a wide run of spaces sets apart (two columns of
  /// a head or footer laid side by side: "Nơi nhận:          KT. CHỦ TỊCH"), each cleaned;
  /// nil when the line has no such run. The text and cells are unchanged by it.
  var columns: [String]?
  /// Spaces before the line's text in the input: a line standing alone in the right column
  /// ("                 Nguyễn Văn An") is far indented.
  var indent = 0
  /// The input line (the last of a bold span `BrokenHeadingJoiner` joined onto it) ended by
  /// closing bold markup: a bold heading or lead-in written in markdown, whose paragraph ends
  /// at the next blank line, as markdown's do.
  var endsBold = false
  /// Blank because its text was joined onto a line above (`BrokenHeadingJoiner`): no break
  /// between paragraphs, as a blank input line is.
  var joinedAbove = false
  /// The folds asked of the line so far, all in one optional: a line never asked about its
  /// words (a blank one, most of a table's) had four optional fields to release when freed,
  /// a call each; now one test.
  private struct Folds {
    var words: [String]?
    var first: String?
    var bareFirst: String?
    /// `leadingWords(n)` for the last `n` asked, when the line has more words than that.
    var leading: (n: Int, words: [String])?
  }
  private var folds: Folds?
  /// Stores a fold, making the caches at the first.
  @inline(__always)
  private func remember(_ store: (inout Folds) -> Void) {
    if folds == nil { folds = Folds() }
    store(&folds!)
  }
  /// The first byte of the fold source (`withFoldSource`) after spaces and tabs (0 when there
  /// is none): the byte the first word opens with, which settles most phrase tests before the
  /// word is folded (`PhraseMatcher.mayOpen(lead:)`).
  let leadByte: UInt8
  /// Empty, or tabs alone outside a row. Worked out once, on the bytes: every reader asks it
  /// of every line it passes, several times over (the test in each place was 0.6 % of the
  /// mixed sample), and a Character walk cost ~200 instructions even when the first
  /// Character settled it (a tab is a Character of its own, so all Characters are tabs
  /// exactly when all bytes are).
  let isBlank: Bool
  /// The line is nothing but a small number (a page number, or a row number in a flattened
  /// table). Worked out once, as `isBlank` is: the paragraph and table readers ask it of each
  /// line they pass.
  let loneNumber: Int?

  // Inlined: made once per input line, and a call of its own cost more than its work.
  @inline(__always)
  init(number: Int, text: String, cells: [String]?, marker: Marker?, body: String?) {
    // The text and body are read first and stored last, so that they are moved into the line:
    // read after being stored, each was copied (a retain) and its argument released at the end.
    // Blank and lone number from one look at the text's bytes.
    (isBlank, loneNumber) = text.withUTF8Bytes { b -> (Bool, Int?) in
      if b.isEmpty { return (true, nil) }
      guard cells == nil else { return (false, nil) }
      if !b.contains(where: { $0 != 0x09 }) { return (true, nil) }
      guard b.count <= 3, b.allSatisfy({ $0 &- 0x30 < 10 }) else { return (false, nil) }
      return (false, b.reduce(0) { $0 * 10 + Int($1 &- 0x30) })
    }
    @inline(__always) func lead(_ b: UnsafeBufferPointer<UInt8>) -> UInt8 {
      var k = 0
      while k < b.count, b[k] == 0x20 || b[k] == 0x09 { k += 1 }
      return k < b.count ? b[k] : 0
    }
    leadByte = cells == nil ? text.withUTF8Bytes(lead) : (body ?? text).withUTF8Bytes(lead)
    self.number = number
    self.text = text
    self.cells = cells
    self.marker = marker
    storedBody = body
  }

  /// Folded words of `text` (of the joined cells for a table row), for matching Grammar
  /// phrases: folded on first use, since most lines are only ever asked about their marker.
  var words: [String] {
    if let cached = folds?.words { return cached }
    let words = withFoldSource { $0.isEmpty ? [] : Words.fold($0) }
    remember { $0.words = words }
    return words
  }

  /// The start of `words`: all of them when the line has at most `n` words (which folds and
  /// keeps them all), else at least its first `n`, folded from the text up to the end of its
  /// `n`-th word. A phrase test needs no more words than its longest phrase has, and folding
  /// whole paragraphs that happen to open with a zone word ("Kế hoạch này …") to match a
  /// two-word phrase was a tenth of the cost of reading the body. The words given are a
  /// prefix of `words`, and when there are `n` of them the line has at least that many.
  func leadingWords(_ n: Int) -> [String] {
    if let cached = folds?.words { return cached }
    if let cached = folds?.leading, cached.n == n { return cached.words }
    // Words past the `n`-th: only the part up to it is folded (`Words.foldLeading`).
    guard let leading = withFoldSource({ Words.foldLeading($0, n) }) else { return words }
    remember { $0.leading = (n, leading) }
    return leading
  }

  /// The first of `words`, folding only the first word when the others are not folded yet:
  /// most phrase tests on a line fail at its first word.
  var firstWord: String? {
    if let cached = folds?.words { return cached.first }
    if let cached = folds?.first { return cached }
    // The first token between spaces and tabs; folding never joins words, so the first word of
    // its fold is the first word of the whole fold (when it has one). Found on the bytes:
    // stepping the String's UTF-8 view cost as much as the fold.
    let folded: String? = withFoldSource { $0.withUTF8Bytes { b in
      var start = 0
      while start < b.count, b[start] == 0x20 || b[start] == 0x09 { start += 1 }
      guard start < b.count else { return nil }
      var end = start + 1
      while end < b.count, b[end] != 0x20 && b[end] != 0x09 { end += 1 }
      return FoldingKey.toneInsensitiveFirstWord(utf8: UnsafeBufferPointer(rebasing: b[start..<end]))
    } }
    guard let first = folded else { return words.first }
    remember { $0.first = first }
    return first
  }

  /// `firstWord` without the punctuation clinging to it (`Words.bare`): what the phrase tests
  /// look up, asked of a line by several of them. Nil when there is no first word or it is
  /// empty, which no phrase test reads.
  var bareFirstWord: String? {
    if let cached = folds?.bareFirst { return cached }
    guard let first = firstWord, !first.isEmpty else { return nil }
    let bare = Words.bare(first)
    remember { $0.bareFirst = bare }
    return bare
  }

  var isTableRow: Bool { cells != nil }
}

enum LineClassifier {
  /// `text` is taken, not borrowed: it ends up in the line, and a caller done with it hands it
  /// over without a retain.
  static func classify(number: Int, text: consuming String) -> ClassifiedLine {
    // Byte tests: searching Characters for a tab walks grapheme clusters.
    if text.withUTF8Bytes({ ByteSearch.firstIndex(of: 0x09, in: $0) != nil }) {
      let (cells, joined) = tabRow(text)
      // A line of tabs alone (no cell holds anything) is not a row.
      guard let joined else {
        return ClassifiedLine(number: number, text: "", cells: nil, marker: nil, body: nil)
      }
      return ClassifiedLine(
        number: number, text: text, cells: cells, marker: nil, body: joined)
    }
    guard let (marker, body) = markerAndBody(text) else {
      return ClassifiedLine(number: number, text: text, cells: nil, marker: nil, body: nil)
    }
    return ClassifiedLine(
      number: number, text: text, cells: nil, marker: marker, body: body)
  }

  /// The tab-separated cells of a line, each trimmed of spaces, empty ones kept; and the cells
  /// that hold something joined by spaces (nil when none does), from the same cuts: the join,
  /// made from the cells' Strings, cost as much as cutting them.
  static func tabRow(_ text: String) -> (cells: [String], joined: String?) {
    // The cells found on the buffer, tab to tab by memchr, and each copied from it unchecked:
    // tabs and spaces are ASCII, so every cut falls between scalars of valid UTF-8. A loop
    // over every byte and a Substring per cell cost ~7,000 instructions a row.
    return text.withUTF8Bytes { b in
      var tabs = 0
      var at = 0
      while let t = ByteSearch.firstIndex(of: 0x09, in: b, from: at) {
        tabs += 1
        at = t + 1
      }
      var ranges: [Range<Int>] = []
      ranges.reserveCapacity(tabs + 1)
      var start = 0
      var filled = 0
      var joinedCount = -1
      while true {
        let end = ByteSearch.firstIndex(of: 0x09, in: b, from: start) ?? b.count
        let cell = ByteRuns.trimmingSpaces(start..<end, in: b)
        ranges.append(cell)
        if !cell.isEmpty {
          filled += 1
          joinedCount += cell.count + 1
        }
        guard end < b.count else { break }
        start = end + 1
      }
      let cells = ranges.map { String(trustedUTF8: UnsafeBufferPointer(rebasing: b[$0])) }
      guard filled > 0 else { return (cells, nil) }
      // The filled cells' bytes with one space between: tabs and spaces are ASCII, so the
      // result is as well-formed as the line.
      let joined = String(trustedUTF8Capacity: joinedCount) { out in
        var o = 0
        for r in ranges where !r.isEmpty {
          if o > 0 {
            out[o] = 0x20
            o += 1
          }
          _ = UnsafeMutableBufferPointer(rebasing: out[o..<(o + r.count)]).update(fromContentsOf: UnsafeBufferPointer(rebasing: b[r]))
          o += r.count
        }
        return o
      }
      return (cells, joined)
    }
  }

  /// Whether valid UTF-8 text opens with an upper-case letter (its first scalar decoded alone).
  private static func opensWithCapital(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard !b.isEmpty, let first = Unicode.Scalar(UTF8Scalar.decode(b, at: 0).value) else { return false }
    return ScalarClass.isUppercase(first)
  }

  /// The marker a line opens with and the text after it; nil for a line with none (whose body
  /// is its text, not copied here).
  ///
  /// marker -> roman "." | arabic ("." arabic)* "."? | "(" arabic ")" | letter (")" | "." before a capital) | bullet ;
  /// each followed by a space and text (an item number's full stop also by a capital alone).
  static func markerAndBody(_ text: String) -> (Marker, String)? {
    // On the UTF-8 bytes: every marker is ASCII but the three bullets "•", "–", "—", and
    // this runs on every line.
    let found: (Marker, Range<Int>)? = text.withUTF8Bytes { s in
      let n = s.count
      guard n > 0 else { return nil }
      /// Where the text after a space at `i` lies, trimmed; nil when there is no space or no text.
      func rest(from i: Int) -> Range<Int>? {
        guard i < n, s[i] == 0x20 else { return nil }
        var lo = i + 1
        var hi = n
        while lo < hi, s[lo] == 0x20 { lo += 1 }
        while hi > lo, s[hi - 1] == 0x20 { hi -= 1 }
        return lo < hi ? lo..<hi : nil
      }
      let first = s[0]
      // Bullets: before something a list item says, not a rule ("* ---------------", the star
      // and rule a Party document's head draws under its issuer and motto).
      func says(_ r: Range<Int>) -> Bool {
        s[r].contains { $0 >= 0x80 || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
      }
      if first == 0x2D || first == 0x2B || first == 0x2A, let r = rest(from: 1), says(r) {
        return (.bullet(String(UnicodeScalar(first))), r)
      }
      if first == 0xE2, n > 3, s[1] == 0x80, s[2] == 0xA2 || s[2] == 0x93 || s[2] == 0x94, let r = rest(from: 3), says(r) {
        return (.bullet(s[2] == 0xA2 ? "•" : "-"), r)
      }
      // (1)
      if first == 0x28 {
        var i = 1
        var value = 0
        while i < n, i <= 3, let d = digit(s[i]) {
          value = value * 10 + d
          i += 1
        }
        if i > 1, i < n, s[i] == 0x29, let r = rest(from: i + 1) { return (.paren(value), r) }
        return nil
      }
      // a) — or "a." before a capital ("a. Thời gian thực hiện"): after a full stop only a
      // sentence's opening makes the letter an item's, not an abbreviation's.
      let width = first < 0x80 ? 1 : first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4
      if width + 1 < n, s[width] == 0x29 || s[width] == 0x2E {
        let letter = String(trustedUTF8: UnsafeBufferPointer(rebasing: s[0..<width]))
        if letter.unicodeScalars.first.map(ScalarClass.isLowercase) ?? false, let r = rest(from: width + 1),
          s[width] == 0x29 || opensWithCapital(UnsafeBufferPointer(rebasing: s[r]))
        {
          return (.letter(letter), r)
        }
      }
      // Roman.
      if RomanNumeral.digit(first) != nil {
        var i = 0
        while i < n, RomanNumeral.digit(s[i]) != nil { i += 1 }
        // The full stop first: most lines opening with C, D, I, L, M, V or X are words ("Căn
        // cứ", "Về"), told without making a label of their first letters.
        guard i < n, s[i] == 0x2E else { return nil }
        let label = String(trustedUTF8: UnsafeBufferPointer(rebasing: s[0..<i]))
        if let value = RomanNumeral.value(label), let r = rest(from: i + 1) {
          return (.roman(value: value, label: label), r)
        }
        return nil
      }
      // 1. 1.1. 2.3.1
      if digit(first) != nil {
        var parts: [Int] = []
        var i = 0
        var value = 0
        var digits = 0
        while i < n {
          if let d = digit(s[i]) {
            value = value * 10 + d
            digits += 1
            // Up to three digits for an item of a long list ("105. Sắp xếp …"), two in a
            // subsection's later numbers; a year ("2025.") is no number.
            if digits > (parts.isEmpty ? 3 : 2) { return nil }
            i += 1
          } else if s[i] == 0x2E && digits > 0 {
            // Room for every part a marker may have (five) at the first: grown part by part,
            // the array was made again at the second and the third.
            if parts.isEmpty { parts.reserveCapacity(5) }
            parts.append(value)
            value = 0
            digits = 0
            i += 1
          } else {
            break
          }
        }
        // "1.1 Text" (no final dot) is accepted for two or more parts.
        if digits > 0 {
          if parts.isEmpty { return nil }
          parts.append(value)
        }
        // "18.Sắp xếp …": a typist's missing space after an item's full stop, when a capital
        // follows ("3.000", "1.5" have digits there and are no items).
        var glued: Range<Int>?
        if parts.count == 1, digits == 0, i < n, s[i] != 0x20, opensWithCapital(UnsafeBufferPointer(rebasing: s[i...])) {
          var hi = n
          while hi > i, s[hi - 1] == 0x20 { hi -= 1 }
          glued = i..<hi
        }
        guard !parts.isEmpty, parts.count <= 5, let r = rest(from: i) ?? glued else { return nil }
        return (.arabic(label: dottedLabel(parts), parts: parts), r)
      }
      return nil
    }
    guard let (marker, body) = found else { return nil }
    // A slice of the line, cut at spaces (ASCII), so as well-formed as the line: made from the
    // bytes unchecked, where a Substring of the String would first be aligned and then copied.
    return (marker, text.withUTF8Bytes { String(trustedUTF8: UnsafeBufferPointer(rebasing: $0[body])) })
  }

  /// "1.2.3" for [1, 2, 3]: the parts' digits written out with full stops between them.
  /// An arabic marker's label is at most fifteen bytes (five parts, the first of three digits
  /// and the others of two), so this makes no allocation; a String per part joined was ~200
  /// instructions a part.
  static func dottedLabel(_ parts: [Int]) -> String {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 21 * parts.count) { out in
      var o = 0
      for (k, part) in parts.enumerated() {
        if k > 0 {
          out[o] = 0x2E
          o += 1
        }
        if part < 0 {
          out[o] = 0x2D
          o += 1
        }
        let start = o
        var v = part.magnitude
        repeat {
          out[o] = UInt8(0x30 + v % 10)
          o += 1
          v /= 10
        } while v > 0
        out[start..<o].reverse()
      }
      return String(trustedUTF8: UnsafeBufferPointer(rebasing: out[..<o]))
    }
  }

  @inline(__always)
  private static func digit(_ b: UInt8) -> Int? {
    b >= 0x30 && b <= 0x39 ? Int(b - 0x30) : nil
  }

}

extension StringProtocol {
  /// Trims spaces only (tabs and line breaks are not expected here).
  func trimmingSpaces() -> String {
    // On bytes: comparing Characters with " " walks grapheme clusters.
    let sub = Substring(self)
    let u = sub.utf8
    var lo = u.startIndex
    var hi = u.endIndex
    while lo != hi, u[lo] == 0x20 { u.formIndex(after: &lo) }
    while hi != lo {
      let p = u.index(before: hi)
      guard u[p] == 0x20 else { break }
      hi = p
    }
    return String(sub[lo..<hi])
  }
}
