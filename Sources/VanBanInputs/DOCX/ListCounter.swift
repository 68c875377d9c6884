import Foundation

/// The running numbers of a document's lists, advanced paragraph by paragraph, and the label
/// each numbered paragraph shows.
///
/// Counters belong to the abstract definition, not to the list instance: Word continues a list
/// across instances that share a definition, and an instance with a `startOverride` restarts
/// its level where it is first used ("Restart numbering" makes such an instance).
struct ListCounter {
  private let numbering: WordNumbering
  private let styles: WordStyles
  /// Abstract definition → the last number shown at each level (nil: not used since reset).
  private var counters: [Int: [Int?]] = [:]
  private var usedInstances: Set<Int> = []

  init(numbering: WordNumbering, styles: WordStyles) {
    self.numbering = numbering
    self.styles = styles
  }

  enum Outcome: Equatable {
    case label(String)
    /// A level whose label is empty (`w:numFmt="none"`, an empty `w:lvlText`).
    case unlabelled
    /// The paragraph names a list `numbering.xml` does not define.
    case undefined
  }

  /// label -> lvlText with each "%k" replaced by level k's number in level k's format (in
  /// decimal under `w:isLgl`); a bullet level is its marker.
  mutating func advance(numID: Int, level rawLevel: Int) -> Outcome {
    guard let (key, levels, instance) = numbering.definition(of: numID, styles: styles) else { return .undefined }
    let level = min(max(rawLevel, 0), 8)
    var values = counters[key] ?? Array(repeating: nil, count: 9)
    if usedInstances.insert(numID).inserted {
      for (k, start) in instance.startOverrides {
        values[k] = start - 1
        for deeper in (k + 1)..<9 { values[deeper] = nil }
      }
    }
    let definition = levels[level] ?? WordNumbering.Level()
    values[level] = values[level].map { min($0 + 1, WordNumbering.maxStart * 2) } ?? definition.start
    for deeper in (level + 1)..<9 {
      let restartAfter = levels[deeper]?.restartAfter ?? deeper
      if restartAfter != 0, level < restartAfter { values[deeper] = nil }
    }
    counters[key] = values
    guard levels[level] != nil else { return .unlabelled }
    let label = Self.render(definition, levels: levels, values: values)
    return label.allSatisfy(\.isWhitespace) ? .unlabelled : .label(label)
  }

  private static func render(_ definition: WordNumbering.Level, levels: [Int: WordNumbering.Level], values: [Int?]) -> String {
    if definition.format == .bullet { return bullet(definition.text) }
    var out = ""
    var scalars = definition.text.unicodeScalars.makeIterator()
    while let c = scalars.next() {
      guard c == "%" else {
        out.unicodeScalars.append(c)
        continue
      }
      guard let d = scalars.next() else {
        out += "%"
        break
      }
      guard let k = Int(String(d)), (1...9).contains(k) else {
        out += "%"
        out.unicodeScalars.append(d)
        continue
      }
      let shown = levels[k - 1] ?? WordNumbering.Level()
      let value = values[k - 1] ?? shown.start
      out += (definition.isLegal ? .decimal : shown.format).render(value)
    }
    return out.trimmingCharacters(in: .whitespaces)
  }

  /// The bullets vanban's line classifier knows stay; a Symbol or Wingdings glyph (a private-use
  /// code point that means nothing outside its font), "o" and "§" become "-".
  private static func bullet(_ text: String) -> String {
    let marker = text.trimmingCharacters(in: .whitespaces)
    return ["-", "+", "*", "•", "–", "—"].contains(marker) ? marker : "-"
  }
}
