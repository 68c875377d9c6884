import VanBanGrammar
import VanBanText

/// The lines that tell a document from the page around it, read from Grammar/: the national
/// motto (`keywords.tsv`, role `motto`), a document-type line printed in capitals
/// (`doc-types.tsv`: `KẾ HOẠCH`, `QUYẾT ĐỊNH` …), and the labels of a legal portal's metadata
/// box (`keywords.tsv`, role `portal_label`: `Số hiệu`, `Người ký` …), which are chrome.
struct PageLandmarks: Sendable {
  /// What one line of text is.
  enum Mark: Equatable {
    case motto
    case docType
    /// The position of the label in `portalLabels` (a line "Người ký: …").
    case portalLabel(Int)
  }

  /// Tone-insensitive keys.
  let mottos: [String]
  let docTypes: Set<String>
  let portalLabels: [String]

  static let standard = PageLandmarks(
    mottos: GrammarData.table("keywords").rows.filter { $0.first == "motto" }.map { $0[1] },
    docTypes: GrammarData.table("doc-types").column("form"),
    portalLabels: GrammarData.table("keywords").rows.filter { $0.first == "portal_label" }.map { $0[1] })

  init(mottos: [String], docTypes: [String], portalLabels: [String]) {
    self.mottos = mottos.map { FoldingKey.toneInsensitive($0) }.filter { !$0.isEmpty }
    self.docTypes = Set(docTypes.map { FoldingKey.toneInsensitive($0) }.filter { !$0.isEmpty })
    self.portalLabels = portalLabels.map { FoldingKey.toneInsensitive($0) }.filter { !$0.isEmpty }
  }

  /// What a line of text is, if it is one of these. A document-type line is the type alone, in
  /// capitals (a portal's "Loại văn bản: Kế hoạch" or a link "Kế hoạch" in a menu is not); the
  /// motto opens its line; a portal label opens its line and is followed by a colon.
  func mark(_ line: Substring) -> Mark? {
    let trimmed = line.trimmingSpaces
    guard trimmed.count >= 2, trimmed.count <= 200 else { return nil }
    let key = FoldingKey.toneInsensitive(String(trimmed))
    if docTypes.contains(key), trimmed.uppercased() == trimmed { return .docType }
    for m in mottos where key.hasPrefix(m) { return .motto }
    for (k, label) in portalLabels.enumerated() where key.hasPrefix(label) {
      let rest = key.dropFirst(label.count).drop { $0 == " " }
      if rest.first == ":" { return .portalLabel(k) }
    }
    return nil
  }
}

extension Substring {
  /// Without white space (no-break space included) at either end.
  var trimmingSpaces: Substring {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{A0}" || $0 == "\r" || $0 == "\n" }
    guard let first = firstIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
    let last = lastIndex(where: { !isSpace($0) })!
    return self[first...last]
  }
}
