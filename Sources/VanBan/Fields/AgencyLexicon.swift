import VanBanGrammar
import VanBanText
import VanBanBytes

/// Agencies (cơ quan, đơn vị) and their canonical names from Grammar/agencies.tsv.
///
/// The same office is written many ways across plans ("Phòng VHXXH", "phòng Văn hoá – Xã hội",
/// "Phòng Văn hóa - Xã hội xã"), and `diff` / `compare` can only line plans up if every spelling
/// becomes one name. The lexicon is also the only safe judge of where a cell holds two agencies:
/// "và" and "," occur inside names ("Văn phòng HĐND và UBND xã", "Trung tâm Văn hóa, Thể thao và
/// Truyền thông xã") as often as between them, so a cell is cut there only when every part is a
/// name the lexicon knows.
///
/// A class: every table cell and heading passes the lexicon along, and copying a struct of
/// fourteen tables and caches retained each of them.
final class AgencyLexicon: Sendable {
  /// Folded key of every canonical name and alias, and by its ordinal the canonical name.
  private let canonicalKeys: WordTable
  private let canonicalNames: [String]
  /// The first token (up to a space or dash) of every key: most text the splitters ask about
  /// is not an agency, and this rejects it after folding one word instead of the whole text.
  private let firstTokens: WordTable
  /// The first bytes of `firstTokens`: a word opening with an ASCII letter or digit none of
  /// them opens with opens no name, found before its first token is folded (`FirstByteSet`).
  private let firstTokenLeads: FirstByteSet
  /// Heading prefixes ("Đề nghị các cơ quan:") as folded words, longest first, so "Đề nghị các
  /// cơ quan:" wins over "Đề nghị".
  private let prefixes: [[String]]
  /// The first word of every prefix: a heading opening with another word has none, and
  /// folding its first six words to find out was a fifth of reading a heading's agency.
  private let prefixOpenings: Set<String>
  /// The first bytes of `prefixOpenings`: a heading word opening with an ASCII letter or digit
  /// none of them opens with is no prefix's first word (`FirstByteSet.mayOpen`), and keying it
  /// to find out cost more than the rest of reading most headings' opening words.
  private let prefixOpeningLeads: FirstByteSet
  /// Words in the longest known name: bounds the search for a name opening a heading sentence.
  private let longestName: Int
  /// The key of " xã", the suffix that may be present or absent on any commune office.
  private let communeSuffix: String
  /// Administrative units (Grammar `admin_unit`), keyed: a place name holding one is another level.
  private let adminUnits: Set<String>

  /// Far above any real cell; keeps the segmentation quadratic in something small.
  private static let maxChunks = 16
  /// Words that continue a name rather than start the duties after it ("Phòng Văn hóa - Xã hội và
  /// …" names two bodies, not one followed by a sentence): Grammar/keywords.tsv `agency_connector`.
  private let connectors: Set<String>
  /// The word that may join two agencies in one cell (`and`), and the one that ends a name in a
  /// heading ("Phòng … là cơ quan thường trực", `copula`).
  private let andWord: String
  private let copulas: Set<String>
  /// The first bytes of the copulas: a word opening with an ASCII byte no copula opens with
  /// (lower-cased) is none, and lower-casing every word of every heading to find out was most
  /// of reading a heading's agency.
  private let copulaLeads: Set<UInt8>
  /// `split`, `isKnown` and `canonical` answers by their argument: table cells repeat.
  private let splits = Memo<[String]>()
  private let known = Memo<Bool>()
  private let canonicals = Memo<String>()
  /// `agency(inHeading:)` answers by the heading: plans share the agencies' headings in
  /// "Tổ chức thực hiện", and reading one cost ~50,000 instructions, a look-up a few hundred.
  private let inHeadings = Memo<String>()

  init() {
    let table = GrammarData.table("agencies")
    let canonicals = table.column("canonical")
    let aliases = table.column("alias")
    var map: [UTF8Key: String] = [:]
    // Aliases first, canonical names last: a canonical name always maps to itself even if some
    // alias of another agency folds to the same key.
    for (canonical, alias) in zip(canonicals, aliases) where !alias.isEmpty {
      map[UTF8Key(Self.key(alias))] = canonical
    }
    for canonical in canonicals where !canonical.isEmpty {
      map[UTF8Key(Self.key(canonical))] = canonical
    }
    let keys = Array(map.keys)
    canonicalKeys = WordTable(keys.map(\.string))
    canonicalNames = keys.map { map[$0]! }
    let tokens = keys.map { Self.firstToken(ofKey: $0.string) }
    firstTokens = WordTable(tokens)
    firstTokenLeads = FirstByteSet(firstWords: tokens)
    longestName = (canonicals + aliases).map { WhiteSpace.words($0).count }.max() ?? 0
    prefixes = GrammarData.table("agency-prefixes").column("prefix")
      .map { WhiteSpace.words($0).map(Self.key) }
      .filter { !$0.isEmpty }
      .sorted { $0.count > $1.count }
    prefixOpenings = Set(prefixes.map { $0[0] })
    prefixOpeningLeads = FirstByteSet(firstWords: prefixOpenings)
    func words(_ role: String) -> [String] { GrammarLexicon.shared.phrases(role).map { $0.lowercased() } }
    communeSuffix = " " + Self.key(words("commune_suffix").first ?? "")
    adminUnits = Set(words("admin_unit").map(Self.key))
    connectors = Set(words("agency_connector"))
    andWord = words("and").first ?? ""
    copulas = Set(words("copula"))
    copulaLeads = Set(copulas.compactMap(\.utf8.first))
  }

  /// False when a word opening with this byte cannot be a copula lower-cased: lower-casing maps
  /// an ASCII first scalar to an ASCII one, so an ASCII byte no copula opens with settles it.
  private func mayBeCopula(_ first: UInt8) -> Bool {
    guard first < 0x80 else { return true }
    return copulaLeads.contains(first &- 0x41 < 26 ? first | 0x20 : first)
  }

  /// The canonical name of one agency; an unknown name passes through cleaned (trimmed, leading "- " / "+ " and
  /// trailing ";" "," "." removed, inner spaces collapsed, first letter upper-cased) — never dropped.
  func canonical(_ name: String) -> String {
    canonicals.value(name) { name in
      let cleaned = Self.clean(name)
      return lookup(cleaned) ?? cleaned
    }
  }

  /// False only when no name beginning with `text`'s first word (up to its first space) can be
  /// known: the first token `lookup` would key on is no known name's. Answered from the word
  /// alone only for a plain word, which cleaning leaves as it is apart from the case of its
  /// first letter (no white space of any kind, no dash, no leading bullet, no trailing `;`
  /// `,` `.`); otherwise true, and the caller asks `isKnown`. Callers that try every tail of a
  /// line skip building and looking up the tails whose first word opens no name.
  func mayOpenKnownName(_ text: some StringProtocol) -> Bool {
    var t = Substring(text)
    return t.withUTF8 { b in
      var end = 0
      while end < b.count, b[end] != 0x20 { end += 1 }
      guard end > 0 else { return true }
      let first = b[0]
      // A letter or digit opens the folded token as itself in lower case.
      if !firstTokenLeads.mayOpen(lead: first) { return false }
      let last = b[end - 1]
      if first == 0x2D || first == 0x2B || first == 0x2A || last == 0x3B || last == 0x2C || last == 0x2E { return true }
      // Only bytes that start no space of any kind; their leads cover the non-ASCII dashes and
      // bullets too (E2, C2). E1 leads U+1680 only before 9A.
      for k in 0..<end where !WhiteSpace.isPlain(b[k]) {
        if b[k] == 0xE1, k + 1 == end || b[k + 1] != 0x9A { continue }
        return true
      }
      let token = Self.firstToken(utf8: UnsafeBufferPointer(rebasing: b[..<end]))
      return firstTokens.contains(token)
    }
  }

  /// Whether the name (after cleaning) is in the lexicon.
  func isKnown(_ name: String) -> Bool {
    known.value(name) { lookup(Self.clean($0)) != nil }
  }

  /// Splits a lead/coordinator cell into agencies, canonical, in order, without duplicates. The cell may contain "\n"
  /// where the original had line breaks (one-cell-per-line tables). Split on ";", on line breaks, on leading bullets
  /// ("- Các Phòng chuyên môn\nUBND xã\n- Các cơ quan, đơn vị" → ["Các Phòng chuyên môn UBND xã", "Các cơ quan, đơn vị"]:
  /// a line that does not start with a bullet continues the previous piece), and on " và " / "," only where the lexicon
  /// says both halves are agencies ("Văn phòng UBND xã và Trung tâm PV HCC" → two; "Văn phòng HĐND và UBND xã" → one, since
  /// the whole is a known agency; "Trung tâm Phục vụ hành chính công, Phòng Kinh tế" → two; "Các phòng, ban, đơn vị" → one;
  /// "Phòng Văn hóa – Xã hội và Trạm Y tế xã" → two; "Trạm Y Tế, Phòng Văn hóa – Xã hội" → two).
  /// A hyphen inside a name ("Phòng Văn hóa - Xã hội") is never a split point.
  func split(_ cell: String) -> [String] {
    splits.value(cell, splitUncached)
  }

  private func splitUncached(_ cell: String) -> [String] {
    var result: [String] = []
    var seen: Set<UTF8Key> = []
    for piece in pieces(cell) {
      for segment in piece.utf8.split(separator: 0x3B).map(Substring.init) {
        for name in splitList(String(segment)) {
          let agency = lookup(name) ?? name
          if seen.insert(UTF8Key(Self.key(agency))).inserted { result.append(agency) }
        }
      }
    }
    return result
  }

  /// The agency a "Tổ chức thực hiện" heading names: "Phòng Văn hóa - Xã hội" → itself; "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã
  /// và các đoàn thể" → "Ủy ban Mặt trận Tổ quốc Việt Nam xã và các đoàn thể" (prefix from agency-prefixes.tsv removed, canonical where known).
  ///
  /// Plans also run the duties on in the heading line ("1. Phòng Văn hóa - Xã hội: Chủ trì, …",
  /// "1. Phòng Văn hóa - Xã hội là cơ quan thường trực, …"), so the name ends at a colon, at "là",
  /// or where a known name is followed by a lower-case predicate of three words or more.
  func agency(inHeading heading: String) -> String {
    inHeadings.value(heading, agencyReading)
  }

  /// `agency(inHeading:)`, read.
  private func agencyReading(_ heading: String) -> String {
    // A heading runs on into its whole paragraph, and only its opening words and the words
    // before the first colon are read: the words are byte ranges of the collapsed text (the
    // words joined by single spaces), made Strings only where they are read.
    let collapsed = WhiteSpace.collapse(Substring(Self.stripEmphasis(Self.clean(heading))))
    let all = Words.list(Substring(collapsed))
    var dropped = 0
    if all.count > 1, Self.isLabel(String(all[0])) { dropped = 1 }
    dropped += removedPrefixCount(all, from: dropped)
    var text = dropped < all.count ? Substring(collapsed).utf8Slice(all.offset(dropped)..<collapsed.utf8.count) : ""
    // The colon found by memchr: the Substring's own index search went byte by byte.
    if let colon = text.withUTF8({ ByteSearch.firstIndex(of: 0x3A, in: $0) }) { text = text.utf8Slice(0..<colon) }
    let words = Words.list(text)
    var kept = words.count
    if let copula = words.indices.first(where: {
      mayBeCopula(words.firstBytes[$0]) && copulas.contains(String(words[$0]).lowercased())
    }), copula > 0 {
      kept = copula
    }
    let name = Self.clean(words.joined(0..<kept))
    if let known = lookup(name) { return known }
    let parts = split(name)
    if parts.count > 1, parts.allSatisfy(isKnown) { return parts.joinedText(", ") }
    return knownLead(of: name) ?? name
  }

  // MARK: Splitting

  /// The cell's lines grouped into pieces: a bullet starts a piece, and so does a line after one
  /// ending in ";". Any other line is a wrap of the line before, except where the two are each a
  /// known agency and together are not (one agency per line, no bullets).
  private func pieces(_ cell: String) -> [String] {
    var pieces: [String] = []
    // Byte splits: line breaks are ASCII, and a Character walk of every cell was a hot spot.
    let lines = cell.utf8.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }).map(Substring.init)
    for raw in lines {
      let line = Self.collapseSpaces(raw)
      let bulleted = Self.hasBullet(line)
      let text = Self.stripBullets(line)
      if text.isEmpty { continue }
      guard !bulleted, let previous = pieces.last, !previous.endsWith(ascii: ";") else {
        pieces.append(text)
        continue
      }
      let tail = Self.collapseSpaces(previous.split(separator: ";").last ?? "")
      let joined = previous + " " + text
      if isKnown(tail + " " + text) {
        pieces[pieces.count - 1] = joined
      } else if isKnown(tail), endsWithWords(tail, text) {
        // A page wrap printed twice ("Phòng Văn hóa - Xã hội" / "Xã hội", seed 001): the second
        // copy adds nothing.
        continue
      } else if isKnown(tail), isKnown(text) {
        pieces.append(text)
      } else {
        pieces[pieces.count - 1] = joined
      }
    }
    return pieces
  }

  /// One piece cut at "," and "và" into the fewest parts that are all known agencies; the piece
  /// whole when it is known itself or when no such cut exists.
  private func splitList(_ piece: String) -> [String] {
    let whole = Self.clean(piece)
    if whole.isEmpty { return [] }
    if lookup(whole) != nil { return [whole] }
    let chunks = chunks(whole)
    let n = chunks.count
    guard n > 1, n <= Self.maxChunks else { return [whole] }
    func group(_ i: Int, _ j: Int) -> String {
      var s = chunks[i].text
      for k in (i + 1)..<j { s += chunks[k - 1].separator + chunks[k].text }
      return s
    }
    // fewest[j]: fewest known groups covering chunks[0..<j]; from[j]: where the last one starts.
    var fewest = [Int?](repeating: nil, count: n + 1)
    var from = [Int](repeating: 0, count: n + 1)
    fewest[0] = 0
    for j in 1...n {
      for i in 0..<j {
        guard let before = fewest[i], isKnown(group(i, j)) else { continue }
        if fewest[j] == nil || before + 1 < fewest[j]! {
          fewest[j] = before + 1
          from[j] = i
        }
      }
    }
    guard fewest[n] != nil else { return [whole] }
    var parts: [String] = []
    var j = n
    while j > 0 {
      parts.append(Self.clean(group(from[j], j)))
      j = from[j]
    }
    return parts.reversed()
  }

  /// The text between "," and the word "và", with the separator that followed each.
  private func chunks(_ text: String) -> [(text: String, separator: String)] {
    var chunks: [(text: String, separator: String)] = []
    var current: [Substring] = []
    func close(_ separator: String) {
      if current.isEmpty {
        // ", và": two separators in a row make one cut.
        if !chunks.isEmpty { chunks[chunks.count - 1].separator += separator }
        return
      }
      chunks.append((current.joinedText(" "), separator))
      current.removeAll()
    }
    for word in text.split(separator: " ") {
      var rest = word[...]
      while let comma = rest.firstIndex(of: ",") {
        if comma > rest.startIndex { current.append(rest[..<comma]) }
        close(",")
        rest = rest[rest.index(after: comma)...]
      }
      if rest.isEmpty { continue }
      if !andWord.isEmpty, Self.mayLowerTo(rest, andWord), rest.lowercased() == andWord, !current.isEmpty || !chunks.isEmpty {
        close(" " + andWord)
      } else {
        current.append(rest)
      }
    }
    if !current.isEmpty { chunks.append((current.joinedText(" "), "")) }
    return chunks.map { ($0.text, $0.separator + " ") }
  }

  /// False when `word` lower-cased cannot be `lower`: both open with ASCII bytes and the
  /// word's, lower-cased, is not the other's (an ASCII letter lower-cases alone, to ASCII).
  /// Settles most words of a cell before `lowercased()` makes a String of each.
  private static func mayLowerTo(_ word: Substring, _ lower: String) -> Bool {
    guard let w = word.utf8.first, let l = lower.utf8.first, w < 0x80, l < 0x80 else { return true }
    return (w &- 0x41 < 26 ? w | 0x20 : w) == l
  }

  /// Whether `text` repeats the last words of `name`.
  private func endsWithWords(_ name: String, _ text: String) -> Bool {
    let whole = Self.key(name)
    let end = Self.key(text)
    return whole == end || whole.hasSuffix(" " + end) || whole.hasSuffix("-" + end)
  }

  // MARK: Headings

  /// How many opening words of `words[start...]` are an agency prefix ("Đề nghị"), the
  /// longest such; never all of them. Only the opening words are keyed.
  private func removedPrefixCount(_ words: WordList, from start: Int) -> Int {
    let count = words.count - start
    guard count > 1, prefixOpeningLeads.mayOpen(lead: words.firstBytes[start]),
      prefixOpenings.contains(Self.key(String(words[start])))
    else { return 0 }
    let keys = (start..<min(words.count, start + (prefixes.first?.count ?? 0))).map { Self.key(String(words[$0])) }
    for prefix in prefixes where prefix.count < count && keys[..<prefix.count].elementsEqual(prefix) {
      return prefix.count
    }
    return 0
  }

  /// The longest known name opening `name`, when what follows it reads as a predicate
  /// ("… xã phát huy vai trò giám sát"): three words or more, starting in lower case, not a
  /// connector.
  private func knownLead(of name: String) -> String? {
    // Only the first words are read: `longestName` of them and the three that must follow.
    // `name` is cleaned, so its words are joined by single spaces (`WhiteSpace.collapse`):
    // cut at those, without splitting a whole paragraph.
    let first = longestName + 3
    let words = name.utf8.split(separator: 0x20, maxSplits: first).prefix(first).map { String(Substring($0)) }
    guard words.count > 3 else { return nil }
    for k in stride(from: min(words.count - 3, longestName), through: 1, by: -1) {
      let candidate = words[..<k].joinedText(" ")
      guard let known = lookup(Self.clean(candidate)) else { continue }
      let next = words[k]
      guard !candidate.endsWith(ascii: ","), next.first?.isLowercase == true,
        !connectors.contains(next.lowercased())
      else { return nil }
      return known
    }
    return nil
  }

  // MARK: Keys and cleaning

  /// The canonical name whose folded key (or an alias's) is `key`.
  private func canonical(key: String) -> String? {
    canonicalKeys.ordinal(of: key).map { canonicalNames[$0] }
  }

  private func lookup(_ cleaned: String) -> String? {
    guard let lead = cleaned.utf8.first else { return nil }
    // The first token's first byte, when a letter or digit, is that byte in lower case: most
    // text asked about is turned away here, before its first token is folded.
    guard firstTokenLeads.mayOpen(lead: lead), firstTokens.contains(Self.firstToken(of: cleaned)) else { return nil }
    let k = Self.key(cleaned)
    if let hit = canonical(key: k) { return hit }
    if k.hasSuffix(communeSuffix) { return canonical(key: String(k.dropLast(communeSuffix.count))) }
    if let hit = canonical(key: k + communeSuffix) { return hit }
    return withoutPlaceName(cleaned)
  }

  /// A commune's agency named with the commune's name where Grammar has "xã": "Trung tâm Văn
  /// hoá, Thể thao và Truyền thông Bình Lư" is the "… Truyền thông xã". The place is one to
  /// three capitalised words after a lower-case one, none of them an administrative unit
  /// (a "Huyện …" names another level).
  private func withoutPlaceName(_ cleaned: String) -> String? {
    // Only the last words are looked at (up to three of place and the one before them), so
    // only they are cut out, from the end of the collapsed text; the text before the place is
    // a slice of it, as its words joined by spaces would be. Whole paragraphs come here.
    var collapsed = WhiteSpace.collapse(Substring(cleaned))
    let spaces: [Int] = collapsed.withUTF8 { b in
      var found: [Int] = []
      var i = b.count - 1
      while i >= 0, found.count < 4 {
        if b[i] == 0x20 { found.append(i) }
        i -= 1
      }
      return found
    }
    let u = collapsed.utf8
    guard !collapsed.isEmpty else { return nil }
    // Words counted up to five, all the loop below can tell apart.
    let count = spaces.count + 1
    /// The k-th word from the end (1 is the last).
    func word(fromEnd k: Int) -> Substring {
      let start = k - 1 < spaces.count ? spaces[k - 1] + 1 : 0
      let end = k == 1 ? u.count : spaces[k - 2]
      return collapsed.utf8Slice(start..<end)
    }
    guard count >= 3 else { return nil }
    for drop in 1...3 where drop < count - 1 {
      let place = (1...drop).map { word(fromEnd: $0) }
      guard place.allSatisfy({ w in w.unicodeScalars.first.map(ScalarClass.isUppercase) ?? false }),
        !place.contains(where: { adminUnits.contains(Self.key(String($0))) })
      else { return nil }
      let before = word(fromEnd: drop + 1)
      guard before.unicodeScalars.first.map(ScalarClass.isLowercase) ?? false else { continue }
      let rest = Self.key(String(collapsed.utf8Slice(0..<spaces[drop - 1])))
      if let hit = canonical(key: rest + communeSuffix) { return hit }
    }
    return nil
  }

  /// Case, tone placement and dash kind erased; spaces around a dash dropped, so "HĐND-UBND" and
  /// "HĐND - UBND" meet.
  static func key(_ s: String) -> String {
    return s.withUTF8Bytes { bytes in
      // Dashes to "-" and white space to one space, on the bytes, then word by word folded.
      var plain: [UInt8] = []
      plain.reserveCapacity(bytes.count)
      var i = 0
      while i < bytes.count {
        let width = dashWidth(bytes, i)
        if width > 0 {
          // No space before a dash, none after it.
          while plain.last == 0x20 { plain.removeLast() }
          plain.append(0x2D)
          i += width
          continue
        }
        let b = bytes[i]
        if b == 0x2D {
          while plain.last == 0x20 { plain.removeLast() }
          plain.append(b)
        } else if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
          if let last = plain.last, last != 0x20, last != 0x2D { plain.append(0x20) }
        } else {
          plain.append(b)
        }
        i += 1
      }
      while plain.last == 0x20 { plain.removeLast() }
      return plain.withUnsafeBufferPointer { FoldingKey.toneInsensitive(utf8: $0) }
    }
  }

  /// The key's first token: up to its first space or "-".
  private static func firstToken(ofKey key: String) -> String {
    // Most keys asked about are one token already: returned as they are, without a copy. The
    // cut found on the String's own bytes (`firstIndex(where:)` on its UTF-8 view was generic
    // and most of this look-up), at an ASCII byte, so the token is whole scalars.
    let cut: Int? = key.withUTF8Bytes { b in b.firstIndex { $0 == 0x20 || $0 == 0x2D } }
    guard let cut else { return key }
    return key.withUTF8Bytes { String(trustedUTF8: UnsafeBufferPointer(rebasing: $0[..<cut])) }
  }

  /// The first token of `key(s)`, from `s` without building the whole key.
  static func firstToken(of s: String) -> String {
    s.withUTF8Bytes { firstToken(utf8: $0) }
  }

  /// `firstToken(of:)` of valid UTF-8 bytes.
  static func firstToken(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
    var start = 0
    while start < bytes.count, bytes[start] == 0x20 || (bytes[start] >= 0x09 && bytes[start] <= 0x0D) { start += 1 }
    var end = start
    while end < bytes.count {
      let b = bytes[end]
      if b == 0x20 || (b >= 0x09 && b <= 0x0D) || b == 0x2D || dashWidth(bytes, end) > 0 { break }
      end += 1
    }
    // Folding may still turn an exotic space (no-break) into a space: cut there too.
    return firstToken(ofKey: FoldingKey.toneInsensitive(utf8: UnsafeBufferPointer(rebasing: bytes[start..<end])))
  }

  /// The UTF-8 length of the dash at `i` (U+2010–2015, U+2212), or 0.
  @inline(__always)
  private static func dashWidth(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    guard bytes[i] == 0xE2, i + 2 < bytes.count else { return 0 }
    let (b1, b2) = (bytes[i + 1], bytes[i + 2])
    if b1 == 0x80, b2 >= 0x90, b2 <= 0x95 { return 3 }
    if b1 == 0x88, b2 == 0x92 { return 3 }
    return 0
  }

  static func clean(_ name: String) -> String {
    var s = stripBullets(collapseSpaces(name[...]))
    while let last = s.utf8.last, last == 0x3B || last == 0x2C || last == 0x2E || last == 0x20 { s.removeLast() }
    guard let firstByte = s.utf8.first else { return "" }
    // Most names start with an ASCII capital or a capital already; only a lower-case first
    // letter needs the Character (which may upper-case to several).
    if firstByte < 0x80 {
      guard firstByte >= 0x61, firstByte <= 0x7A else { return s }
      return String(UnicodeScalar(firstByte - 0x20)) + s.dropFirst()
    }
    guard let first = s.first, first.isLowercase else { return s }
    return first.uppercased() + s.dropFirst()
  }

  private static func collapseSpaces(_ s: Substring) -> String {
    WhiteSpace.collapse(s)
  }

  private static func isBullet(_ c: Character) -> Bool {
    c == "-" || c == "+" || c == "*" || c == "•" || c == "·" || c == "–" || c == "—"
  }

  private static func hasBullet(_ line: String) -> Bool {
    line.first.map(isBullet) ?? false
  }

  /// Leading list markers and the spaces after them; a dash can never begin a name.
  private static func stripBullets(_ s: String) -> String {
    // On bytes: "-", "+", "*", " ", and "•" "·" "–" "—" (the same set as `isBullet`).
    var u = s.utf8[...]
    while let b = u.first {
      if b == 0x2D || b == 0x2B || b == 0x2A || b == 0x20 {
        u = u.dropFirst()
      } else if u.starts(with: [0xE2, 0x80, 0xA2]) || u.starts(with: [0xE2, 0x80, 0x93]) || u.starts(with: [0xE2, 0x80, 0x94]) {
        u = u.dropFirst(3)
      } else if u.starts(with: [0xC2, 0xB7]) {
        u = u.dropFirst(2)
      } else {
        break
      }
    }
    return u.count == s.utf8.count ? s : String(Substring(u))
  }

  /// Bold and italic markers left around a heading ("**6. Trạm Y tế xã**").
  private static func stripEmphasis(_ s: String) -> String {
    // A Character equal to one of the three opens with that byte's scalar, and a last one
    // ends with it (none has a canonical equivalent): text opening and closing with other
    // bytes, most headings, is returned as it is, without the Character walks and the copy.
    @inline(__always) func mark(_ b: UInt8?) -> Bool { b == 0x2A || b == 0x5F || b == 0x20 }
    if !mark(s.utf8.first), !mark(s.utf8.last) { return s }
    var rest = s[...]
    while let c = rest.first, c == "*" || c == "_" || c == " " { rest.removeFirst() }
    while let c = rest.last, c == "*" || c == "_" || c == " " { rest.removeLast() }
    return String(rest)
  }

  /// A section number ("5.", "2.1.", "(3)", "a)", "IV."): agency names never start with one.
  private static func isLabel(_ word: String) -> Bool {
    // The last Character is "." or ")" only when the last byte is (neither has a canonical
    // equivalent, and a Character ends with its last scalar).
    guard let last = word.utf8.last, last == 0x2E || last == 0x29 else { return false }
    var core = word[...]
    if core.first == "(" { core.removeFirst() }
    guard let end = core.last, end == "." || end == ")" else { return false }
    core.removeLast()
    if core.isEmpty { return false }
    if core.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) { return core.first!.isNumber }
    if core.allSatisfy({ "IVXLC".contains($0) }) { return true }
    // "a)": the heading's first letter was upper-cased by `clean` before it is read here, so
    // a letter of either case.
    return core.count == 1 && core.first!.isLetter && end == ")"
  }
}
