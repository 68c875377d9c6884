import VanBanInputs
import VanBanText

/// A heading a converter broke after its number: `**I.` / `ĐÁNH GIÁ TÌNH HÌNH**`, `**2.` /
/// `Nhiệm vụ cụ thể**`. The number alone is no section (a marker needs its text), so the
/// title is joined back onto the number's line and its own line left blank.
///
/// Only where the evidence says heading: the number's line opened bold markup, or the number
/// is Roman; and the title follows on the very next line, opening with a capital. A lone
/// `1.` before a blank line is a row number of a table written one cell per line (pdftotext),
/// and stays.
enum BrokenHeadingJoiner {
  static func join(raw: [Substring], texts: inout [String]) {
    join(raw: { raw[$0] }, texts: &texts)
  }

  /// `join` for the input lines (`raw[k].text`), read only where a cleaned line is a lone
  /// marker.
  static func join(raw: [SourceLine], texts: inout [String]) {
    join(raw: { raw[$0].text }, texts: &texts)
  }

  @inline(__always)
  private static func join(raw: (Int) -> Substring, texts: inout [String]) {
    guard texts.count > 1 else { return }
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
      guard LineClassifier.parseMarker(next).0 == nil else { continue }
      texts[k] = text + " " + next
      texts[k + 1] = ""
    }
  }

  /// "I." "IV." "2." "1.2." — a section number and nothing else.
  private static func isLoneMarker(_ text: String) -> Bool {
    guard case .some(let m) = LineClassifier.parseMarker(text + " X").0 else { return false }
    switch m {
    case .roman, .arabic: return true
    default: return false
    }
  }
}
