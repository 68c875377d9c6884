import VanBanInputs
import VanBanText

/// A heading a converter broke over lines, joined back onto its first line, the lines it took
/// from left blank.
///
/// After its number: `**I.` / `ĐÁNH GIÁ TÌNH HÌNH**`, `**2.` / `Nhiệm vụ cụ thể**`. The number
/// alone is no section (a marker needs its text). Only where the evidence says heading: the
/// number's line opened bold markup, or the number is Roman; and the title follows on the very
/// next line, opening with a capital. A lone `1.` before a blank line is a row number of a
/// table written one cell per line (pdftotext), and stays.
///
/// Anywhere in its text: a bold span opened on one line and closed on a later one (`**II. MỤC`
/// / `TIÊU CỦA KẾ HOẠCH**`, `**1. Phấn đấu đến cuối năm` / `2025 đạt các mục tiêu:**`), as
/// converters that wrap markdown at a fixed width write every bold heading longer than the
/// width. Markdown reads such lines as one paragraph, the break a space; read line by line,
/// the heading kept only its first words, and a second line opening with a capital or a digit
/// became a paragraph of its own. Joined only when the span closes within `maxSpanLines`, on
/// lines that are not blank, hold no tab and open no numbered or bulleted line of their own
/// (where markdown would end the paragraph too).
enum BrokenHeadingJoiner {
  /// The most lines a bold span is followed over.
  static let maxSpanLines = 8

  /// Joins, and gives the lines joined: each range's first line holds the heading now, the
  /// others are blank.
  @discardableResult
  static func join(raw: [Substring], texts: inout [String]) -> [ClosedRange<Int>] {
    let asterisks = raw.indices.filter { raw[$0].utf8.contains(0x2A) }
    return join(raw: { raw[$0] }, texts: &texts, asterisks: asterisks)
  }

  /// `join` for the input lines (`raw(k)`), read only where a cleaned line is a lone marker
  /// or where `asterisks` (the lines holding an asterisk, in order) says.
  @discardableResult @inline(__always)
  static func join(raw: (Int) -> Substring, texts: inout [String], asterisks: [Int]) -> [ClosedRange<Int>] {
    guard texts.count > 1 else { return [] }
    var joined: [ClosedRange<Int>] = []
    // Spans first: a span may open with a lone number ("**2." / "Tăng cường …" / "… ma túy**"),
    // which the rule below would join to its second line only.
    if !asterisks.isEmpty { joinBoldSpans(raw: raw, texts: &texts, asterisks: asterisks, joined: &joined) }
    for k in 0..<(texts.count - 1) {
      let text = texts[k]
      guard text.utf8.count <= 12, let last = text.utf8.last, last == 0x2E, isLoneMarker(text) else { continue }
      let next = texts[k + 1]
      guard !next.isEmpty, !next.utf8.contains(0x09), let f = next.unicodeScalars.first, ScalarClass.isUppercase(f) else {
        continue
      }
      let bold = raw(k).utf8.contains(0x2A)
      let roman = text.utf8.allSatisfy { RomanNumeral.digit($0) != nil || $0 == 0x2E }
      guard bold || roman else { continue }
      // The next line must not be a numbered line of its own.
      guard LineClassifier.markerAndBody(next) == nil else { continue }
      texts[k] = text + " " + next
      texts[k + 1] = ""
      joined.append(k...(k + 1))
    }
    return joined.sorted { $0.lowerBound < $1.lowerBound }
  }

  /// Bold spans open on lines of `asterisks` and close on the next such line (lines without
  /// an asterisk hold no delimiter).
  private static func joinBoldSpans(
    raw: (Int) -> Substring, texts: inout [String], asterisks: [Int], joined: inout [ClosedRange<Int>]
  ) {
    let n = texts.count
    var a = 0
    while a < asterisks.count {
      let k = asterisks[a]
      a += 1
      guard k + 1 < n, !texts[k].isEmpty, !texts[k + 1].isEmpty, boldRuns(raw(k)) % 2 == 1 else { continue }
      var end: Int?
      var j = k + 1
      while j < n, j - k <= maxSpanLines {
        let text = texts[j]
        guard !text.isEmpty, !text.utf8.contains(0x09), LineClassifier.markerAndBody(text) == nil else { break }
        let runs = a < asterisks.count && asterisks[a] == j ? boldRuns(raw(j)) : 0
        if runs % 2 == 1 {
          end = j
          break
        }
        if runs > 0 { break }
        j += 1
      }
      guard let end else { continue }
      texts[k] = texts[k...end].joined(separator: " ")
      for j in (k + 1)...end { texts[j] = "" }
      joined.append(k...end)
      // The span's closing line opens none.
      while a < asterisks.count, asterisks[a] <= end { a += 1 }
    }
  }

  /// Whether a raw line ends with a `**` delimiter (spaces after it aside): a bold paragraph
  /// or the close of a bold span.
  static func endsBold(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    var end = b.count
    while end > 0, b[end - 1] == 0x20 || b[end - 1] == 0x09 || b[end - 1] == 0x0D { end -= 1 }
    return end >= 2 && b[end - 1] == 0x2A && b[end - 2] == 0x2A
  }

  /// The `**` delimiters in a raw line (a run of three or more asterisks counts as one).
  private static func boldRuns(_ line: Substring) -> Int {
    line.utf8.withContiguousStorageIfAvailable { b in
      // Most lines hold no asterisk: memchr settles them.
      guard var i = ByteSearch.firstIndex(of: 0x2A, in: b) else { return 0 }
      var count = 0
      while i < b.count {
        guard b[i] == 0x2A else {
          i += 1
          continue
        }
        var end = i + 1
        while end < b.count, b[end] == 0x2A { end += 1 }
        if end - i >= 2 { count += 1 }
        i = end
      }
      return count
    } ?? 0
  }

  /// "I." "IV." "2." "1.2." — a section number and nothing else.
  private static func isLoneMarker(_ text: String) -> Bool {
    guard let m = LineClassifier.markerAndBody(text + " X")?.0 else { return false }
    switch m {
    case .roman, .arabic: return true
    default: return false
    }
  }
}
