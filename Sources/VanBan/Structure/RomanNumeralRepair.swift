import VanBanModel
import VanBanText

/// Repairs the Roman numbering of body parts (phần) that OCR damaged, where the context
/// leaves no doubt:
/// - a heading whose numeral is a known misreading ("Il. MỤC TIÊU", "H. …") followed by a
///   title in capitals becomes a Roman heading;
/// - a numeral repeated between its neighbours ("II", "II", "IV") is the missing one ("III").
/// Every repair is a diagnostic.
struct RomanNumeralRepair {
  let lexicon: GrammarLexicon

  func repair(_ lines: inout [ClassifiedLine]) -> [Diagnostic] {
    // Found on the lines as they are, and written only when there is a repair: the array is
    // the caller's too, and a loop that may write into it had it copied whole (a retain and a
    // release of every line) for every document, though almost none needs a repair.
    let (replaced, diagnostics) = repairs(in: lines)
    if !replaced.isEmpty {
      for (k, line) in replaced { lines[k] = line }
    }
    return diagnostics
  }

  /// The repaired lines by index, and a diagnostic for each repair.
  private func repairs(in lines: [ClassifiedLine]) -> (replaced: [Int: ClassifiedLine], diagnostics: [Diagnostic]) {
    var replaced: [Int: ClassifiedLine] = [:]
    /// Line `k` with the repairs so far.
    func current(_ k: Int) -> ClassifiedLine { replaced[k] ?? lines[k] }
    var diagnostics: [Diagnostic] = []
    var romanIndices: [Int] = []
    for k in lines.indices {
      let line = lines[k]
      if case .roman = line.marker {
        romanIndices.append(k)
        continue
      }
      // The dot within the longest misreading: a byte search, not a Character walk of the line,
      // and only in a line that may open as some misreading does (searching every line was
      // 7 million instructions per 100 bench documents, about 4 % of classifying their lines).
      if let leads = lexicon.romanConfusionLeads, !GrammarLexicon.opensAsASCII(line.text, leads: leads) { continue }
      guard line.marker == nil, !line.isTableRow,
        let dot = line.text.utf8.prefix(lexicon.longestRomanConfusion + 1).firstIndex(of: 0x2E)
      else { continue }
      let token = String(line.text[..<dot])
      let title = line.text[line.text.index(after: dot)...].trimmingSpaces()
      guard let repaired = lexicon.romanConfusions[token], let value = RomanNumeral.value(repaired),
        !title.isEmpty, !LogicalText.containsLowercase(title),
        title.unicodeScalars.contains(where: { ScalarClass.isUppercase($0) })
      else { continue }
      replaced[k] = relabel(line, value: value, label: repaired, title: title)
      diagnostics.append(DiagnosticCatalogue.ocrNumberingRepaired(token, repaired, line: line.number))
      romanIndices.append(k)
    }
    // Sandwich: II, II, IV → II, III, IV.
    if romanIndices.count >= 3 {
      for n in 1..<(romanIndices.count - 1) {
        guard case .roman(let a, _) = current(romanIndices[n - 1]).marker,
          case .roman(let b, let bl) = current(romanIndices[n]).marker,
          case .roman(let c, _) = current(romanIndices[n + 1]).marker,
          b != a + 1, c == a + 2
        else { continue }
        let fixed = RomanNumeral.string(a + 1)
        let line = current(romanIndices[n])
        replaced[romanIndices[n]] = relabel(line, value: a + 1, label: fixed, title: line.body)
        diagnostics.append(DiagnosticCatalogue.ocrNumberingRepaired(bl, fixed, line: line.number))
      }
    }
    return (replaced, diagnostics)
  }

  private func relabel(_ line: ClassifiedLine, value: Int, label: String, title: String) -> ClassifiedLine {
    let text = label + ". " + title
    return ClassifiedLine(
      number: line.number, text: text, cells: nil, marker: .roman(value: value, label: label), body: title)
  }
}
