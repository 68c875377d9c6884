import VanBanGrammar
import VanBanText

/// The words of an indicator (chỉ tiêu) or task name as alignment compares them.
///
/// Communes write the same indicator with different case, tone placement, diacritics (OCR and
/// hand-typed text lose them), dashes, abbreviations (`TTHC`, `DVC`, `CĐS`) and filler
/// (`Tỷ lệ …`, `Có ≥ 45% …`, `… đạt tối thiểu 80%`). Folding to diacritic-free words, expanding
/// abbreviations from `Grammar/abbreviations.tsv` and dropping numbers and filler leaves the
/// words that carry the meaning.
package enum IndicatorWords {
  package static func words(_ text: String) -> [String] {
    var out: [String] = []
    for token in tokens(FoldingKey.diacriticFree(text)) {
      if let expansion = abbreviations[token] {
        out += expansion
      } else if !fillers.contains(token) {
        out.append(token)
      }
    }
    return out
  }

  /// A key for "the same text": equal for texts that differ only in case, diacritics,
  /// punctuation and spacing. Used for `--key` pairs and exact matches.
  package static func exactKey(_ text: String) -> String {
    tokens(FoldingKey.diacriticFree(text)).joined(separator: " ")
  }

  /// Maximal runs of ASCII letters and digits; after `diacriticFree` every Vietnamese letter is
  /// ASCII, so anything else (dashes of every width, quotes, `≥`, `%`) separates words.
  private static func tokens(_ folded: String) -> [String] {
    var out: [String] = []
    var current: [UInt8] = []
    func flush() {
      if !current.isEmpty {
        out.append(String(decoding: current, as: UTF8.self))
        current.removeAll(keepingCapacity: true)
      }
    }
    for b in folded.utf8 {
      if (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) {
        current.append(b)
      } else if (0x41...0x5A).contains(b) {
        current.append(b | 0x20)
      } else {
        flush()
      }
    }
    flush()
    // A bare number is a value or a list label, not part of what is measured.
    return out.filter { !$0.utf8.allSatisfy { (0x30...0x39).contains($0) } }
  }

  private static let abbreviations: [String: [String]] = {
    var map: [String: [String]] = [:]
    let table = GrammarData.table("abbreviations")
    for (abbr, expansion) in zip(table.column("abbreviation"), table.column("expansion")) {
      let key = FoldingKey.diacriticFree(abbr)
      map[key] = tokens(FoldingKey.diacriticFree(expansion)).filter { !fillers.contains($0) }
    }
    return map
  }()

  /// Words that every indicator may or may not carry without changing what it measures, from
  /// Grammar/indicator-fillers.tsv, diacritic-free as the words are compared.
  private static let fillers: Set<String> = Set(
    GrammarData.table("indicator-fillers").column("word").map { FoldingKey.diacriticFree($0) })
}
