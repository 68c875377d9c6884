import VanBanText

/// The issuer block: the names of the issuing body and the body above it, on lines or cells.
enum IssuerBlock {
  /// Cuts issuer parts (lines or cells, in order) where a new body's name (Grammar
  /// `issuer_body`) begins. A name does not begin right after an administrative unit, where a
  /// place name stands ("XÃ ĐOÀN KẾT"), nor before the body in hand has a word of its own
  /// ("BỘ CÔNG AN", "VĂN PHÒNG CHÍNH PHỦ"); a one-word name inside a part needs two words
  /// before it ("UBND TỈNH BẮC NINH SỞ …", not "BỘ QUỐC PHÒNG").
  static func split(_ parts: [String], lexicon lex: GrammarLexicon) -> [String] {
    var words: [String] = []
    var folded: [String] = []
    var partStarts: Set<Int> = []
    for p in parts {
      let w = Words.split(Substring(p)).map(String.init)
      let f = Words.fold(p).map(Words.bare)
      guard w.count == f.count else { return [parts.joinedText(" ")] }
      partStarts.insert(words.count)
      words += w
      folded += f
    }
    let bodies = lex.keyword(.issuerBody)
    let units = lex.keyword(.adminUnit)
    var starts: [Int] = [0]
    var own = 0
    var afterUnit = false
    var k = 0
    while k < folded.count {
      if let m = bodies.matchPrefix(folded[k...]) {
        if k > 0, !afterUnit, own >= 1, m.count >= 2 || own >= 2 || partStarts.contains(k) {
          starts.append(k)
          own = 0
        } else {
          own += k > 0 ? m.count : 0
        }
        afterUnit = false
        k += m.count
        continue
      }
      if let u = units.matchPrefix(folded[k...]) {
        afterUnit = true
        own += u.count
        k += u.count
        continue
      }
      afterUnit = false
      own += 1
      k += 1
    }
    starts.append(words.count)
    return (0..<(starts.count - 1)).map { words[starts[$0]..<starts[$0 + 1]].joinedText(" ") }
  }

  static func group(_ lines: [(String, Int)], lexicon lex: GrammarLexicon) -> [(String, Int)] {
    var groups: [(String, Int)] = []
    for (text, line) in lines {
      // A body's name the line break cut ("ỦY BAN THƯỜNG VỤ" / "QUỐC HỘI"): one name.
      if let last = groups.last, continuesName(last.0, with: text, lexicon: lex) {
        groups[groups.count - 1].0 = last.0 + " " + text
        continue
      }
      let words = Words.fold(text)
      let continues = lex.keyword(.adminUnit).matchPrefix(words) != nil
        && lex.keyword(.issuerBody).matchPrefix(words) == nil
      if continues, let last = groups.last,
        lex.keyword(.adminUnit).matchPrefix(folding: last.0) == nil,
        !Words.fold(last.0).contains(where: { w in lex.keyword(.adminUnit).entries.contains { $0.words == [w] } })
      {
        groups[groups.count - 1].0 = last.0 + " " + text
      } else {
        groups.append((text, line))
      }
    }
    return groups
  }

  /// Whether a body's name (Grammar `issuer_body`) opening `above` runs on into `next`.
  static func continuesName(_ above: String, with next: String, lexicon lex: GrammarLexicon) -> Bool {
    let words = Words.fold(above)
    guard !words.isEmpty, lex.keyword(.issuerBody).matchPrefix(words) != nil,
      let whole = lex.keyword(.issuerBody).matchPrefix(words + Words.fold(next))
    else { return false }
    return whole.count > words.count
  }

  /// Whether the line names an issuing body or its unit, as annex pages repeat them.
  static func isIssuerLine(_ line: ClassifiedLine, lexicon lex: GrammarLexicon) -> Bool {
    guard !LogicalText.containsLowercase(line.text) else { return false }
    return lex.matchPrefix(.issuerBody, line) != nil
      || lex.matchPrefix(.adminUnit, line) != nil
  }
}
