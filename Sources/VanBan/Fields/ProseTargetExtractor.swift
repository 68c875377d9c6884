import VanBanModel
import VanBanText
import VanBanBytes

/// The folded, bare words of section titles, each title folded once: the prose-target and
/// responsibility readers both test every title against their headings, and folding each
/// title twice was a third of what they cost. Remembered by the title across documents
/// (`Memo`), since plans share their headings ("Mục tiêu cụ thể", "Tổ chức thực hiện"): on the
/// mixed sample 1.0 % fewer instructions than a table per document.
enum TitleWords {
  private static let known = Memo<[String]>()

  static func words(_ title: String?) -> [String] {
    guard let title else { return [] }
    return remembered(title, in: known) { Words.fold($0).map(Words.bare) }
  }

  /// `memo`'s answer for a title short enough to remember, else `compute(title)`: headings
  /// repeat across plans, a numbered item's whole sentence among them (200 bytes left 0.14 %
  /// more instructions on the mixed sample); a longer title (a heading that ran on, or a
  /// hostile file's) is computed each time, so the process-wide memos hold at most their count
  /// of strings of 1,000 bytes (20 MB).
  static func remembered<Value: Sendable>(_ title: String, in memo: Memo<Value>, _ compute: (String) -> Value) -> Value {
    title.utf8.count <= 1_000 ? memo.value(title, compute) : compute(title)
  }
}

/// Targets written as prose under a "Mục tiêu cụ thể" heading: numbered items "(1) Tỷ lệ phủ
/// sóng 5G … tối thiểu 45%." and bullets "+ Mở rộng phủ sóng 4G đạt 95% dân số …". An item
/// counts when it states a value; a bullet without one that heads "+" items ("- Về hạ tầng")
/// becomes their group.
struct ProseTargetExtractor {
  let lex: GrammarLexicon
  let values: ValueParser
  let planYear: Int?

  func extract(from sections: [Section]) -> [Target] {
    var out: [Target] = []
    for k in sections.indices { visit(sections, k, inTargets: false, year: planYear, into: &out) }
    return out
  }

  /// Whether a title is a targets heading, remembered by the title across documents as its
  /// words are (`TitleWords`): each heading phrase of Grammar was a pass over every title of
  /// every plan. Grammar's phrases are fixed for the process, so the answer is too.
  private static let targetsHeadings = Memo<Bool>()

  /// The section `list[k]`, read in place: a section passed by value was copied at each call
  /// (its three strings and four arrays retained, then released), and so was each block a
  /// for-in loop handed out. Field by field through the array's subscript copies only the
  /// fields read.
  private func visit(_ list: [Section], _ k: Int, inTargets: Bool, year: Int?, into out: inout [Target]) {
    let title = list[k].title
    let isTargetsHeading = title.map { title in
      TitleWords.remembered(title, in: Self.targetsHeadings) { title in
        let titleWords = TitleWords.words(title)
        return lex.keyword(.targetsHeading).entries.contains { e in
          titleWords.count >= e.words.count && containsRun(titleWords, e.words)
        }
      }
    } ?? false
    let here = inTargets || isTargetsHeading
    let sectionYear = title.flatMap(ValueParser.year(in:)) ?? year
    if here {
      var group: String? = isTargetsHeading ? nil : title
      let blocks = list[k].blocks
      for j in blocks.indices {
        let text = blocks[j].text
        // "100% hồ sơ …; Tỷ lệ văn bản … đạt 70%." states two targets. A block without a digit
        // states no value in any clause (`ValueParser.find`), and is not cut into clauses.
        let clauses = ValueParser.holdsDigit(text) ? Self.clauses(text) : []
        let found = clauses.compactMap { c in values.find(inSentence: c, year: sectionYear).map { (c, $0) } }
        let marker = blocks[j].marker
        guard !found.isEmpty else {
          if blocks[j].type == .bullet, marker == "-" { group = text }
          continue
        }
        let sectionLabel = list[k].label
        let label: String? = sectionLabel.hasPrefix("(") ? String(sectionLabel.dropFirst().dropLast()) : nil
        for (clause, v) in found {
          out.append(Target(
            group: (marker == "+" ? group : (isTargetsHeading ? nil : title)), number: label,
            indicator: Self.indicator(found.count == 1 ? text : clause),
            unit: Self.unit(v.text), values: [v], lead: [], coordinators: [], note: nil, origin: .body, line: blocks[j].line))
        }
      }
    }
    let children = list[k].children
    for c in children.indices { visit(children, c, inTargets: here, year: sectionYear, into: &out) }
  }

  private func containsRun(_ words: [String], _ run: [String]) -> Bool {
    guard run.count <= words.count else { return false }
    guard let first = run.first.map(UTF8Key.init) else { return true }
    // By bytes: folded words are NFC, where canonical equality (String's ==, which normalises
    // non-ASCII text on every comparison) is byte equality. Word by word from the first: a
    // slice compared at every place retained and released the words it held, and every title
    // of a document is asked about each heading.
    outer: for k in 0...(words.count - run.count) where UTF8Key(words[k]) == first {
      for j in 1..<run.count where UTF8Key(words[k + j]) != UTF8Key(run[j]) { continue outer }
      return true
    }
    return false
  }

  /// The clauses of a block between semicolons, trimmed of spaces, empty ones dropped: cut as
  /// byte ranges (the generic split of the UTF-8 view cost ~8,000 instructions a block).
  static func clauses(_ text: String) -> [String] {
    let ranges: [Range<Int>] = text.withUTF8Bytes { bytes in
      var ranges: [Range<Int>] = []
      ByteRuns.forEach(in: bytes, separatedBy: { $0 == 0x3B }) { r in
        let clause = ByteRuns.trimmingSpaces(r, in: bytes)
        if !clause.isEmpty { ranges.append(clause) }
        return true
      }
      return ranges
    }
    return ranges.map { String(text.utf8Slice($0)) }
  }

  /// The sentence without its final full stop.
  static func indicator(_ text: String) -> String {
    // The Character loop `while let l = last, l is "." ";" or " " { removeLast() }`, on the
    // bytes where they settle it (`droppingTrailing(asciiMarks:)`).
    text.droppingTrailing(asciiMarks: { $0 == 0x2E || $0 == 0x3B || $0 == 0x20 })
  }

  /// "%" when the value is a percentage.
  static func unit(_ valueText: String) -> String? {
    if valueText.utf8.contains(0x25) { return "%" }
    return valueText.unicodeScalars.contains("\u{2030}") ? "\u{2030}" : nil
  }
}

/// "Tổ chức thực hiện": each numbered agency with its duties.
struct ResponsibilityExtractor {
  let lex: GrammarLexicon
  let agencies: AgencyLexicon

  func extract(from sections: [Section], diagnostics: inout [Diagnostic]) -> [Responsibility] {
    var out: [Responsibility] = []
    // By index, as `ProseTargetExtractor.visit` reads sections: a section handed on by value
    // was copied whole at every step of the walk.
    func visit(_ list: [Section], _ k: Int) {
      let words = TitleWords.words(list[k].title)
      let children = list[k].children
      if lex.keyword(.responsibilitiesHeading).matchWhole(words) != nil {
        for c in children.indices { out.append(responsibility(children[c], diagnostics: &diagnostics)) }
        return
      }
      for c in children.indices { visit(children, c) }
    }
    for k in sections.indices { visit(sections, k) }
    return out
  }

  private func responsibility(_ s: Section, diagnostics: inout [Diagnostic]) -> Responsibility {
    // One array made at its size, filled by index: each section's blocks mapped into an array
    // of their own and its children walked by `forEach` (each copied whole) cost allocations
    // and retains per section, and the list grew as they were added.
    func count(_ c: Section) -> Int {
      var n = c.blocks.count + (c.title == nil ? 0 : 1)
      for k in c.children.indices { n += count(c.children[k]) }
      return n
    }
    var duties: [String] = []
    duties.reserveCapacity(count(s))
    for k in s.blocks.indices { duties.append(s.blocks[k].text) }
    func collect(_ c: Section) {
      if let t = c.title { duties.append(t) }
      for k in c.blocks.indices { duties.append(c.blocks[k].text) }
      for k in c.children.indices { collect(c.children[k]) }
    }
    for k in s.children.indices { collect(s.children[k]) }
    var agency: String
    if let title = s.title {
      agency = agencies.agency(inHeading: title)
      // "Đề nghị các cơ quan: Công an, Ban Chỉ huy quân sự, …: Xây dựng …" — the agencies
      // follow the colon that split the heading.
      if !agencies.isKnown(agency), let first = s.blocks.first?.text {
        let listed = agencies.agency(inHeading: title + ": " + first)
        if ByteSearch.contains(", ", in: listed) { agency = listed }
      }
    } else if let first = duties.first {
      agency = agencies.agency(inHeading: first)
    } else {
      agency = s.label
    }
    if !agencies.isKnown(agency), !ByteSearch.contains(", ", in: agency) {
      diagnostics.append(DiagnosticCatalogue.responsibilityAgencyGuessed(agency, line: s.line))
    }
    // Filtered only when some duty is empty: most lists have none, and the filter copied them all.
    if duties.contains(where: \.isEmpty) { duties.removeAll(where: \.isEmpty) }
    return Responsibility(agency: agency, duties: duties, line: s.line)
  }

}
