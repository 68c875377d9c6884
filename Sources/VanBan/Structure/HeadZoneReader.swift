import VanBanModel
import VanBanText

/// The head (phần mở đầu) read by evidence, not by order.
///
/// Converters lay the two-column head out in every way: column by column, side by side on
/// one line, as a markdown table, as table cells one per line, with YAML front matter, a
/// source line or a page banner above it. So the head is cut into cells (a table row's cells,
/// or the line), and each cell is asked what it is by its own signature — motto, rule,
/// number line, place and date, document type, `V/v` subject, `Kính gửi`, issuer — wherever
/// it stands. What is none of these is noise, reported as one `info` diagnostic, never a
/// field value. The zone ends at the first legal basis, body heading or body paragraph after
/// the head, or at the document type, whose title the structure parser reads next.
struct HeadZoneReader {
  let lines: [ClassifiedLine]
  let lex: GrammarLexicon
  /// "ngày", "tháng", "năm" folded, as the date words are compared.
  private let dayWord: String
  private let monthWord: String
  private let yearWord: String

  init(lines: [ClassifiedLine], lex: GrammarLexicon) {
    self.lines = lines
    self.lex = lex
    func folded(_ role: String) -> String { lex.phrases(role).first.map { Words.bare(Words.fold($0).first ?? "") } ?? "" }
    dayWord = folded("date_day")
    monthWord = folded("date_month")
    yearWord = folded("date_year")
  }

  /// What the head holds, and where the body starts.
  struct Zone {
    var header = Header()
    var diagnostics: [Diagnostic] = []
    /// Index of the first line after the head.
    var end = 0
    /// The type line was read: the title paragraph starts at `end`.
    var titleFollows = false
    /// A `V/v` subject (công văn) or a title found in the same cell as the type.
    var subject: LogicalText?
    var sawNumber = false
  }

  /// Non-blank lines looked at for a head before giving up: front matter is a few lines,
  /// a portal's page chrome a few dozen.
  static let searchLimit = 80

  func read() -> Zone {
    var zone = Zone()
    var issuerParts: [(String, Int)] = []
    var noise: [(String, Int)] = []
    var sawElement = false
    var pending: (text: String, line: Int)?
    var skipValue = false
    var i = skipFrontMatter(&zone)
    var looked = 0
    var lastHeadLine = i
    scan: while i < lines.count {
      let line = lines[i]
      if line.isBlank || line.loneNumber != nil {
        i += 1
        continue
      }
      looked += 1
      if !sawElement, looked > Self.searchLimit { break }
      if !line.isTableRow {
        if line.marker != nil || startsWith(line, role: .legalBasis) || startsWith(line, role: .recipients)
          || startsWith(line, role: .annex)
        {
          break
        }
        if sawElement, startsWith(line, role: .addressee) { break }
      } else if sawElement, let first = line.cells?.first(where: { !$0.isEmpty }),
        lex.keyword(.recipients).matchPrefix(folding: first) != nil
      {
        break
      }
      let cells = (line.isTableRow ? (line.cells ?? []).filter { !$0.isEmpty } : line.columns ?? [line.text])
        .flatMap(splitBeforeNumber)
      // A table row none of whose cells is a head element is a table: the body has begun.
      if line.isTableRow, sawElement, pending == nil, !cells.contains(where: { isHeadEvidence($0) }) { break }
      for (k, cellText) in cells.enumerated() {
        var text = cellText
        if let p = pending {
          text = p.text + " " + text
          pending = nil
        }
        if skipValue {
          skipValue = false
          noise.append((text, line.number))
          continue
        }
        if isPortalLabel(text) {
          // A portal's metadata box ("Số hiệu:" / "983/TB-CT" …): its values are not the head,
          // and what stood above it was the page's chrome.
          noise.append(contentsOf: issuerParts)
          issuerParts.removeAll()
          zone = Zone(diagnostics: zone.diagnostics, end: zone.end)
          sawElement = false
          skipValue = text.trimmingSpaces().endsWith(ascii: ":")
          noise.append((text, line.number))
          continue
        }
        if let last = issuerParts.last, namesDocument(text, after: last.0) {
          issuerParts.append((text, line.number))
          lastHeadLine = i
          continue
        }
        switch classify(text, line: line.number, zone: &zone) {
        case .element:
          sawElement = true
          lastHeadLine = i
        case .issuer(let t):
          issuerParts.append((t, line.number))
          sawElement = true
          lastHeadLine = i
        case .incomplete:
          pending = (text, line.number)
        case .docType(let rest):
          sawElement = true
          if let rest {
            zone.subject = LogicalText(rest, line: line.number)
          } else if line.isTableRow, k + 1 < cells.count {
            zone.subject = LogicalText(cells[(k + 1)...].joinedText(" "), line: line.number)
          } else {
            zone.titleFollows = zone.subject == nil
          }
          i += 1
          break scan
        case .noise:
          // A place cut from its date ("Đồng Tháp," / "ngày 01 tháng 12 năm 2025").
          if zone.header.date == nil, k == cells.count - 1, isPlaceFragment(text), let next = nextNonBlank(after: i),
            !lines[next].isTableRow, Words.fold(lines[next].text.prefix(60)).prefix(3).map(Words.bare).contains(dayWord),
            placeDate(text + " " + lines[next].text, line: line.number) != nil
          {
            pending = (text, line.number)
            continue
          }
          // Running text once the number or date is read: the body has begun.
          if sawElement, zone.sawNumber || zone.header.date != nil, !line.isTableRow,
            LogicalText.containsLowercase(text)
          {
            break scan
          }
          noise.append((text, line.number))
        }
      }
      i += 1
    }
    zone.end = sawElement ? max(i, lastHeadLine + 1) : zone.end
    if !sawElement {
      // No head at all: nothing before the body is noise of the head.
      noise.removeAll()
    } else if zone.end < i {
      noise.removeAll { $0.1 >= (zone.end < lines.count ? lines[zone.end].number : Int.max) }
    }
    assignIssuer(issuerParts, to: &zone.header)
    if let first = noise.first {
      zone.diagnostics.append(DiagnosticCatalogue.headNoiseSkipped(first.0, count: noise.count, line: first.1))
    }
    return zone
  }

  /// The start of a place name: a few words of letters, no digits or table marks.
  private func isPlaceFragment(_ text: String) -> Bool {
    let words = Words.splitOnSpaces(text)
    guard (1...6).contains(words.count) else { return false }
    return !text.unicodeScalars.contains { $0 == "|" || ($0.value >= 0x30 && $0.value <= 0x39) }
      && text.unicodeScalars.contains(where: ScalarClass.isAlphabetic)
  }

  private func nextNonBlank(after i: Int) -> Int? {
    var j = i + 1
    while j < lines.count, lines[j].isBlank { j += 1 }
    return j < lines.count ? j : nil
  }

  // MARK: front matter

  /// A YAML block (`---` … `---`) opening the file is a dataset builder's, not the document's.
  private func skipFrontMatter(_ zone: inout Zone) -> Int {
    guard let first = lines.firstIndex(where: { !$0.isBlank }), Self.isRule(lines[first].text, only: "-") else { return 0 }
    var j = first + 1
    while j < lines.count, j - first <= 60 {
      if Self.isRule(lines[j].text, only: "-") {
        zone.diagnostics.append(DiagnosticCatalogue.frontMatterSkipped(lines: j - first + 1, line: lines[first].number))
        zone.end = j + 1
        return j + 1
      }
      j += 1
    }
    return 0
  }

  /// What a drawn rule is made of.
  static let ruleMarks: [Character] = ["-", "_", "=", "*", "~", "—", "–"]
  /// Their first bytes: a Character equal to a rule mark opens with that mark's own scalar (none
  /// is another scalar's canonical decomposition), so text opening with any other byte is no
  /// rule. Asked of every word of every head line, where counting Characters cost far more.
  private static let ruleLeads = FirstByteSet(firstWords: ruleMarks.map(String.init))

  /// At least three Characters, every one a rule mark (`only` that one, itself a rule mark).
  static func isRule(_ text: String, only: Character? = nil) -> Bool {
    guard let b = text.utf8.first, only.map({ $0.utf8.first == b }) ?? ruleLeads.contains(b) else { return false }
    guard text.count >= 3 else { return false }
    return text.allSatisfy { c in only.map { c == $0 } ?? ruleMarks.contains(c) }
  }

  // MARK: cells

  enum Cell {
    case element
    case issuer(String)
    /// A cell cut by a line break ("Số:" alone, "Huế, ngày 20" before "tháng 11 năm 2025").
    case incomplete
    /// The type line; the title when the same cell holds it.
    case docType(rest: String?)
    case noise
  }

  /// A column's lines run together in one cell: "ỦY BAN MTTQ … BAN THƯỜNG TRỰC Số: /KH-MTTQ"
  /// is the issuer and the number line, cut before "Số" when capitals precede it and a
  /// number with its "/" follows.
  func splitBeforeNumber(_ cell: String) -> [String] {
    guard cell.utf8.count <= Self.longestCell, cell.utf8.contains(0x2F) else { return [cell] }
    let words = Words.split(Substring(cell))
    let folded = Words.fold(cell).map(Words.bare)
    guard words.count == folded.count, words.count > 2 else { return [cell] }
    for k in 1..<words.count where lex.keyword(.number).matchPrefix(folded[k...]) != nil {
      let before = words[..<k].joinedText(" ")
      let after = words[k...].joinedText(" ")
      guard !LogicalText.containsLowercase(before), words[(k + 1)...].prefix(3).contains(where: { $0.utf8.contains(0x2F) }) else {
        continue
      }
      return [before, after]
    }
    return [cell]
  }

  /// "Số hiệu:", "Nơi ban hành:" … (Grammar `portal_label`), alone or with its value.
  private func isPortalLabel(_ text: String) -> Bool {
    guard let m = lex.keyword(.portalLabel).matchPrefix(Words.fold(text.prefix(characters: 40))) else { return false }
    let parts = Words.split(Substring(text))
    guard parts.count >= m.count else { return false }
    return parts[m.count - 1].endsWith(ascii: ":") || (parts.count > m.count && parts[m.count].hasPrefix(":"))
  }

  /// Whether a cell is the number of the document an issuer's part ends naming ("ĐOÀN KIỂM TRA
  /// THEO QUYẾT ĐỊNH" / "SỐ 1050/QĐ-SCT": a team set up by a decision), part of the issuer's
  /// name rather than the head's number line: "Số" without a colon after a document type.
  private func namesDocument(_ cell: String, after issuerPart: String) -> Bool {
    guard cell.utf8.count <= 60, !cell.utf8.contains(0x3A) else { return false }
    let words = Words.fold(cell).map(Words.bare)
    guard words.count >= 2, lex.keyword(.number).matchPrefix(words) != nil else { return false }
    let before = Words.fold(issuerPart).map(Words.bare)
    return lex.docTypes.entries.contains { e in
      before.count > e.words.count && before.suffix(e.words.count).elementsEqual(e.words)
    }
  }

  /// Whether a cell holds a head element, asked of table rows before they are read.
  private func isHeadEvidence(_ cell: String) -> Bool {
    var scratch = Zone()
    switch classify(cell, line: 0, zone: &scratch) {
    case .noise: return false
    default: return true
    }
  }

  /// A head cell is a few words; a longer text is never one (and is not folded whole).
  static let longestCell = 1_000

  private func classify(_ cellText: String, line: Int, zone: inout Zone) -> Cell {
    guard cellText.utf8.count <= Self.longestCell else { return .noise }
    var text = Self.withoutRules(cellText)
    if text.isEmpty { return Self.isRule(cellText.filter { $0 != " " }) ? .element : .noise }
    if text != cellText.trimmingSpaces(), Self.isBanner(cellText) { return .noise }
    var sawSomething = false
    // A name or the motto broken over lines ("CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM",
    // "ỦY BAN NHÂN" / "DÂN"): read with the next cell.
    if !LogicalText.containsLowercase(text) {
      let upper = Words.fold(text).map(Words.bare)
      if lex.keyword(.motto).isPrefixOfSome(upper) || lex.keyword(.issuerBody).isPrefixOfSome(upper),
        lex.keyword(.issuerBody).matchWhole(upper) == nil
      {
        return .incomplete
      }
    }
    if let cut = removeMotto(from: text) {
      sawSomething = true
      text = cut
      if text.isEmpty { return .element }
    }
    if let spaced = spacingGluedNumberLabel(text) { text = spaced }
    var words = Words.fold(text).map(Words.bare)
    if lex.keyword(.number).matchPrefix(words) != nil {
      if words.count == 1 { return .incomplete }
      if let parsed = numberLine(text, line: line, zone: &zone) {
        zone.sawNumber = true
        sawSomething = true
        text = parsed
        if text.isEmpty { return .element }
        words = Words.fold(text).map(Words.bare)
      }
    }
    if let m = lex.keyword(.subject).matchPrefix(words) {
      let rest = Words.split(Substring(text)).dropFirst(m.count).joinedText(" ")
      let subject = Self.trimLeadingPunctuation(rest)
      if !subject.isEmpty, zone.subject == nil { zone.subject = LogicalText(subject, line: line) }
      return .element
    }
    if zone.header.date == nil {
      let hasDay = words.contains(dayWord)
      if hasDay, let found = placeDate(text, line: line) {
        zone.header.date = found.date
        zone.header.place = found.place
        zone.diagnostics.append(contentsOf: found.diagnostics)
        return .element
      }
      if hasDay, !words.contains(yearWord), words.count <= 8 { return .incomplete }
    }
    if let type = lex.docTypes.matchWhole(words) {
      zone.header.docType = type
      return .docType(rest: nil)
    }
    if let m = lex.docTypes.matchPrefix(words), m.count < words.count {
      let parts = Words.split(Substring(text))
      let typeWords = parts.prefix(m.count).joinedText(" ")
      if !LogicalText.containsLowercase(typeWords) {
        zone.header.docType = m.value
        return .docType(rest: parts.dropFirst(m.count).joinedText(" "))
      }
    }
    if !LogicalText.containsLowercase(text), zone.header.docType == nil, text.unicodeScalars.contains(where: ScalarClass.isAlphabetic) {
      // Capitals before the number and date are the issuer; after them only a named body.
      if !zone.sawNumber && zone.header.date == nil || isIssuerEvidence(words) {
        return .issuer(text)
      }
    }
    return sawSomething ? .element : .noise
  }

  private func isIssuerEvidence(_ words: [String]) -> Bool {
    lex.keyword(.issuerBody).matchPrefix(words) != nil || lex.keyword(.adminUnit).matchPrefix(words) != nil
  }

  /// "------- " and "___" runs, and a banner's "===", are drawn, not written.
  static func withoutRules(_ text: String) -> String {
    let words = Words.splitOnSpaces(text)
    guard words.contains(where: { isRule(String($0)) }) else { return text.trimmingSpaces() }
    return words.filter { !isRule(String($0)) }.joinedText(" ")
  }

  /// "=== TRANG 01 ===": text between rules on both sides.
  static func isBanner(_ text: String) -> Bool {
    let words = Words.splitOnSpaces(text)
    guard let f = words.first, let l = words.last, words.count >= 3 else { return false }
    return isRule(String(f)) && isRule(String(l))
  }

  static func trimLeadingPunctuation(_ s: String) -> String {
    var t = Substring(s)
    while let f = t.first, f == ":" || f == " " || f == "-" { t.removeFirst() }
    return String(t)
  }

  func startsWith(_ line: ClassifiedLine, role: KeywordRole) -> Bool {
    lex.matchPrefix(role, line) != nil
  }

  // MARK: elements

  /// The motto's words without diacritics: OCR and old fonts damage its marks ("CONG HOA",
  /// "CỘNG HÕA"), and a phrase of six fixed words is the motto whatever its marks.
  private static let mottoSkeletons: [[String]] = GrammarLexicon.shared.keyword(.motto).entries.map {
    $0.words.map(skeleton)
  }

  /// A folded word without its diacritics ("cộng" → "cong", "đ" → "d"): decomposed by ICU's
  /// normaliser and its combining marks dropped. Not `FoldingKey.diacriticFree`, whose ICU
  /// transliterator costs more to open than a document costs to parse.
  /// A dash of any length is the hyphen ("Độc lập – Tự do – Hạnh phúc", as Word's autocorrect
  /// types the motto).
  static func skeleton(_ word: String) -> String {
    if word.utf8.allSatisfy({ $0 < 0x80 }) { return word }
    var out = String.UnicodeScalarView()
    for s in ICUNormalizer.nfd(word).unicodeScalars {
      switch s.value {
      case 0x0300...0x036F: continue
      case 0x0111: out.append("d")
      case 0x0110: out.append("D")
      case 0x2010...0x2015, 0x2212: out.append("-")
      default: out.append(s)
      }
    }
    return String(out)
  }

  /// `skeleton`, remembered for words beyond ASCII: head lines repeat a few words (the
  /// motto's own, the issuer's) in every document, and decomposing each through ICU again
  /// was most of looking for the motto.
  static func rememberedSkeleton(_ word: String) -> String {
    if word.utf8.allSatisfy({ $0 < 0x80 }) { return word }
    return skeletons.value(word, skeleton)
  }

  private static let skeletons = Memo<String>(capacity: 4_096)

  /// The national motto, wherever it stands in the cell (beside the issuer on one line).
  func removeMotto(from text: String) -> String? {
    var words = Words.split(Substring(text)).map(String.init)
    // The folded words bared once, not a fresh array of n bared words at every position: a
    // header line can be a whole document long.
    var bare = Words.fold(text).map { Self.rememberedSkeleton(Words.bare($0)) }
    var changed = false
    for entry in Self.mottoSkeletons.map({ PhraseMatcher.Entry(words: $0, value: "") }) {
      let n = entry.words.count
      guard n > 0, bare.count >= n else { continue }
      var k = 0
      while k + n <= bare.count {
        if bare[k] == entry.words[0], bare[k..<(k + n)].elementsEqual(entry.words) {
          words.removeSubrange(k..<(k + n))
          bare.removeSubrange(k..<(k + n))
          changed = true
        } else {
          k += 1
        }
      }
    }
    return changed ? words.joinedText(" ") : nil
  }

  /// "Số:3036 /SCT-CN" with a space after the label's colon, when the first word is the
  /// number's label glued by its colon to what follows (as OCR and typists write it); nil
  /// for any other text.
  func spacingGluedNumberLabel(_ text: String) -> String? {
    let end = text.utf8.firstIndex(of: 0x20) ?? text.utf8.endIndex
    guard let colon = text.utf8[..<end].firstIndex(of: 0x3A), text.utf8.index(after: colon) < end else { return nil }
    let label = String(text[..<colon])
    guard !label.isEmpty, lex.keyword(.number).matchWhole(Words.fold(label).map(Words.bare)) != nil else { return nil }
    return String(text[...colon]) + " " + String(text[text.index(after: colon)...])
  }

  /// number-line -> "Số" ":"? number? "/" symbol rest ; returns what follows the symbol.
  func numberLine(_ text: String, line: Int, zone: inout Zone) -> String? {
    var words = Words.split(Substring(text)).map(String.init)
    guard !words.isEmpty else { return nil }
    // Drop "Số" / "Số:" and a lone ":".
    words.removeFirst()
    if words.first == ":" { words.removeFirst() }
    if var first = words.first, first.hasPrefix(":") {
      first.removeFirst()
      words[0] = first
      if first.isEmpty { words.removeFirst() }
    }
    guard var token = words.first else { return nil }
    words.removeFirst()
    // "74 /KH-UBND" → one token; "188 / KH-UBND" too.
    if !token.utf8.contains(0x2F), let next = words.first, next.hasPrefix("/") {
      token += next
      words.removeFirst()
      if token.endsWith(ascii: "/"), let more = words.first, more.unicodeScalars.contains(where: ScalarClass.isAlphabetic) {
        token += more
        words.removeFirst()
      }
    }
    guard token.utf8.contains(0x2F) || token.utf8.contains(0x2D) else { return nil }
    let parts = token.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    if let dash = Self.partyNumberDash(token) {
      // A Party document's "60-NQ/TW", "15-KH/ĐU": the number, a dash, then the symbol.
      zone.header.number = String(token.utf8Slice(0..<dash))
      zone.header.symbol = String(token.utf8Slice((dash + 1)..<token.utf8.count))
    } else if let symbolIndex = parts.lastIndex(where: { p in p.unicodeScalars.contains { ScalarClass.isAlphabetic($0) } }) {
      zone.header.symbol = parts[symbolIndex...].joinedText("/")
      var number = parts[..<symbolIndex].joinedText("/")
      // A full stop typed or stamped after the number ("Số: 3070. /KH-UBND") is no part of it.
      while number.utf8.last == UInt8(ascii: ".") { number.removeLast() }
      if let repaired = Self.repairedNumber(number, confusions: lex.digitConfusions) {
        zone.diagnostics.append(DiagnosticCatalogue.headerNumberRepaired(number, repaired, line: line))
        number = repaired
      }
      zone.header.number = number.isEmpty ? nil : number
    } else {
      zone.header.number = token
    }
    if zone.header.number == nil {
      zone.diagnostics.append(DiagnosticCatalogue.headerNumberBlank(text, line: line))
    }
    return words.joinedText(" ")
  }

  /// A number OCR read with letters for look-alike digits ("II/2026" for "11/2026",
  /// Grammar/ocr-confusions.tsv, kind `digit`), repaired; nil for any other number. A
  /// document's number is digits and slashes, so one made only of those and such letters is
  /// misread; it must hold a real digit too (the year), so that a lone "II" is left alone.
  static func repairedNumber(_ number: String, confusions: [Character: Character]) -> String? {
    var out = ""
    var repaired = false
    var real = false
    for c in number {
      if c.isASCII, c.isNumber {
        real = true
        out.append(c)
      } else if c == "/" {
        out.append(c)
      } else if let digit = confusions[c] {
        repaired = true
        out.append(digit)
      } else {
        return nil
      }
    }
    return repaired && real ? out : nil
  }

  /// Where the dash of a Party document's number stands ("60-NQ/TW": digits, a dash, a letter,
  /// and a slash later), or nil.
  static func partyNumberDash(_ token: String) -> Int? {
    token.withUTF8Bytes { b in
      var i = 0
      while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
      // A letter after the dash: an ASCII one, or the lead byte of a Vietnamese one ("Đ").
      guard i > 0, i + 1 < b.count, b[i] == 0x2D, b[(i + 1)...].contains(0x2F),
        b[i + 1] >= 0x80 || ScalarClass.isAlphabetic(UnicodeScalar(b[i + 1]))
      else { return nil }
      return i
    }
  }

  /// place-date -> place "," "ngày" day? "tháng" month? "năm" year
  func placeDate(_ text: String, line: Int) -> (place: String?, date: DocumentDate, diagnostics: [Diagnostic])? {
    let words = Words.split(Substring(text)).map(String.init)
    let folded = Words.fold(text).map(Words.bare)
    guard words.count == folded.count else { return nil }
    guard let d = folded.firstIndex(of: dayWord),
      let m = folded[d...].firstIndex(of: monthWord), m - d <= 2,
      let y = folded[m...].firstIndex(of: yearWord), y - m <= 2, y + 1 < words.count
    else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      guard range.count == 1 else { return nil }
      return Int(words[range.lowerBound].filter(\.isNumber))
    }
    let day = number((d + 1)..<m)
    let month = number((m + 1)..<y)
    guard let year = Int(words[y + 1].filter(\.isNumber)), year >= 1900, year <= 2200 else { return nil }
    // The place is a few words before "ngày"; a sentence citing a date is not a date line.
    guard d <= 8 else { return nil }
    var place = words[..<d].joinedText(" ")
    while place.last == "," || place.last == " " { place.removeLast() }
    let dateText = FooterReader.trimPunctuation(words[d...(y + 1)].joinedText(" "))
    var diagnostics: [Diagnostic] = []
    if day == nil { diagnostics.append(DiagnosticCatalogue.headerDayBlank(dateText, line: line)) }
    if month == nil { diagnostics.append(DiagnosticCatalogue.headerMonthBlank(dateText, line: line)) }
    return (place.isEmpty ? nil : place, DocumentDate(day: day, month: month, year: year, text: dateText), diagnostics)
  }

  // MARK: issuer

  /// The issuer's cells joined and cut where a new body begins (`ỦY BAN NHÂN DÂN TỈNH X` /
  /// `SỞ Y TẾ`): the last body is the issuer, the one before it the parent. Cutting on the
  /// Grammar's body names rather than on line breaks reads a name that a converter broke
  /// mid-word (`ỦY BAN NHÂN` / `DÂN`) and two bodies that share one cell.
  func assignIssuer(_ parts: [(String, Int)], to header: inout Header) {
    guard !parts.isEmpty else { return }
    let groups = IssuerBlock.split(parts.map(\.0), lexicon: lex)
    if groups.count >= 2 {
      header.issuer = Self.name(groups[groups.count - 1])
      header.issuerParent = Self.name(groups[groups.count - 2])
      return
    }
    // No body named twice: the line breaks are the best evidence left.
    let lineGroups = IssuerBlock.group(parts, lexicon: lex)
    if let last = lineGroups.last { header.issuer = Self.name(last.0) }
    if lineGroups.count >= 2 { header.issuerParent = Self.name(lineGroups[lineGroups.count - 2].0) }
  }

  /// A body's name opens with a letter or a digit: marks before it are a typist's stray
  /// keys ("/ỦY BAN MTTQ VIỆT NAM"), not part of it. A word of underscores alone inside it is
  /// the rule under the name as OCR read it beside the words ("ỦY BAN NHÂN DÂN _ TỈNH LÀO
  /// CAI"), not part of it either; a dash is ("BÀ RỊA - VŨNG TÀU").
  static func name(_ text: String) -> String? {
    guard let start = text.unicodeScalars.firstIndex(where: { ScalarClass.isAlphabetic($0) || ("0"..."9").contains($0) })
    else { return nil }
    let name = start == text.unicodeScalars.startIndex ? text : String(text.unicodeScalars[start...])
    guard name.utf8.contains(0x5F) else { return name }
    let words = name.split(separator: " ")
    let kept = words.filter { !$0.utf8.allSatisfy { $0 == 0x5F } }
    return kept.count == words.count ? name : kept.joinedText(" ")
  }
}
