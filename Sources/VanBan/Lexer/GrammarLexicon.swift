import VanBanGrammar
import VanBanText
import VanBanBytes

/// The Grammar tables, folded once into the shapes the parser matches against.
///
/// The parser reads no Vietnamese word that Grammar could hold: every phrase it looks for
/// comes from here.
///
/// A class, built once and never changed: nearly every stage holds it, and as a struct each
/// copy retained (and each end of a copy released) its thirty-odd tables one by one.
final class GrammarLexicon: Sendable {
  struct LatexCommand: Sendable {
    var command: String
    var character: String
  }

  let latexCommands: [LatexCommand]
  let htmlTags: Set<String>
  let docTypes: PhraseMatcher
  let docKinds: PhraseMatcher
  /// By role (`KeywordRole`'s order): the parser asks for a role some 75,000 times on the
  /// mixed bench sample, and a look-up by name hashed the name each time (~370 instructions).
  private let keywords: [PhraseMatcher]
  /// `keywords` again, unretained, for the tests run on every line (`matchPrefix(_:_:)`):
  /// a matcher handed out by `keyword` is retained and released around each use, an atomic
  /// pair on an object both parsing threads share: ~1,400 reference-counting calls a
  /// document on the mixed bench sample (`tools/bench/calls.py`). `keywords` keeps them
  /// alive as long as the lexicon.
  private let unretainedKeywords: [Unmanaged<PhraseMatcher>]
  /// The keyword roles whose phrases open a new part of a document at the start of a line
  /// (`LineCursor.startsZone`).
  static let zoneRoles: [KeywordRole] = [.recipients, .closing, .legalBasis, .annex, .archive, .motto, .annexAttached]
  /// The folded first word of every zone phrase and document type: a line starting with
  /// another word opens no zone, which settles most lines with one look-up.
  let zoneFirstWords: WordTable
  /// The first bytes of `zoneFirstWords`, which settle most lines before their first word is
  /// folded (`FirstByteSet.mayOpen(lead:)`).
  let zoneFirstBytes: FirstByteSet
  /// The phrases of each keywords.tsv role as written, in file order.
  private let keywordPhrases: [String: [String]]

  /// The phrases of a keywords.tsv role as written, in file order: for single words the code
  /// compares directly (`và`, `là`, `xã`).
  func phrases(_ role: String) -> [String] { keywordPhrases[role] ?? [] }

  /// For each ASCII byte, whether one of `texts` opens with it; nil when one opens with a
  /// non-ASCII character (or is empty), since a text canonically equal to it may then open
  /// with any byte.
  static func asciiLeads(of texts: some Sequence<String>) -> [Bool]? {
    var leads = [Bool](repeating: false, count: 128)
    for text in texts {
      guard let b = text.utf8.first, b < 0x80 else { return nil }
      leads[Int(b)] = true
    }
    return leads
  }

  /// Whether `text` may be canonically equal to some ASCII-only text opening with a byte
  /// `leads` marks: its first scalar is such a byte, or decomposes to one (`ScalarClass.asciiEquivalent`).
  static func opensAsASCII(_ text: String, leads: [Bool]) -> Bool {
    guard let b = text.utf8.first else { return false }
    if b < 0x80 { return leads[Int(b)] }
    guard let first = text.unicodeScalars.first?.value, let ascii = ScalarClass.asciiEquivalent(of: first) else { return false }
    return leads[Int(ascii)]
  }

  /// Whether `text` may be canonically equal to some ASCII-only text: every scalar beyond
  /// ASCII is one of the three whose decomposition is ASCII (`ScalarClass.asciiEquivalent`).
  /// Comparing Vietnamese words with ASCII ones through String's `==` normalises both.
  static func mayEqualASCII(_ text: String) -> Bool {
    text.withUTF8Bytes { b in
      var i = 0
      while i < b.count {
        if b[i] < 0x80 {
          i += 1
          continue
        }
        let (v, length) = UTF8Scalar.decode(b, at: i)
        if ScalarClass.asciiEquivalent(of: v) == nil { return false }
        i += length
      }
      return true
    }
  }

  let signatureAuthorities: [(prefix: String, value: String)]
  /// For each ASCII byte, whether some authority starts with it; nil when one starts with a
  /// non-ASCII character. A line starting with any other ASCII byte starts with none of them
  /// (only a non-ASCII character can be canonically equal to an ASCII one), and nearly every
  /// line is asked.
  let signatureAuthorityLeads: [Bool]?
  /// Every authority is ASCII (all of signature.tsv's are): then a word beyond ASCII equals
  /// one only when it `mayEqualASCII`.
  let signatureAuthoritiesAreASCII: Bool
  /// The UTF-8 of every authority, one after another, and where each lies: the bytes the
  /// prefix test reads, held once rather than got out of each String on every line
  /// (`LineCursor.signatureAuthority`, asked of nearly every line).
  let signatureAuthorityBytes: [UInt8]
  let signatureAuthorityRanges: [Range<Int>]
  let signerTitles: PhraseMatcher
  /// Words of a note of signing without brackets (`signature.tsv`, kind note).
  let signingNotes: PhraseMatcher
  let columns: PhraseMatcher
  let columnPrefixes: PhraseMatcher
  /// The first words of the number column's headers (`columns`, canonical "number"), and
  /// their first bytes: a one-cell-per-line table's header opens with one
  /// (`LineCursor.flattenedHeader`, asked of most lines), and most lines open with a word
  /// that starts some other column's header or none.
  let numberColumnFirstWords: WordTable
  let numberColumnFirstBytes: FirstByteSet
  /// Words in the longest column name of Grammar/columns.tsv: a longer cell can only match a
  /// prefix (`ColumnLexicon.canonical`).
  let longestColumnName: Int
  let issuers: PhraseMatcher
  /// What ends an issuer's name inside a sentence (Grammar/issuer-stops.tsv), folded, as
  /// words, so a stop of several words is compared without splitting it again.
  let issuerStopWords: [[String]]
  /// The first word of every stop: most words start none.
  let issuerStopFirstWords: WordTable
  /// Words in the longest issuer stop.
  let longestIssuerStop: Int
  /// What may stand just before a citation number, folded: the last word of a document kind
  /// (doc-kinds.tsv) or a one-word `reference_number` keyword ("số"); ":" is the other.
  let citationNumberLeads: WordTable
  /// OCR misreadings of Roman numerals ("H" → "II"), used only where a numeral is expected.
  let romanConfusions: [String: String]
  /// UTF-8 length of the longest key of `romanConfusions`.
  let longestRomanConfusion: Int
  /// For each ASCII byte, whether some key of `romanConfusions` opens with it; nil unless every
  /// key is ASCII. A token is canonically equal to no key unless `opensAsASCII` says it may.
  let romanConfusionLeads: [Bool]?
  /// The ASCII bytes a Roman numeral or a key of `romanConfusions` is made of, one bit each
  /// (bytes 0x40–0x7F): a word holding another ASCII byte reads as no numeral, whatever the
  /// table says, and is settled without a look-up.
  let romanReadingBytes: UInt64
  /// OCR misreadings of digits ("o" → "0"), used only inside a number of a value cell.
  let digitConfusions: [Character: Character]
  /// Column headers by their diacritic-free key, for headers OCR damaged; a key two
  /// canonical columns share is left out.
  let columnsWithoutDiacritics: [String: String]
  /// `ColumnLexicon.firstWordSkeleton` of every column header and header prefix: a cell whose
  /// first word has another skeleton names no column. Keyed by bytes (the skeletons are ASCII):
  /// every cell of a table row is looked up, and SipHash was a fifth of the look-up.
  let columnFirstWordSkeletons: WordTable
  /// The first bytes of `columnFirstWordSkeletons`: a cell opening with an ASCII letter or
  /// digit has a skeleton opening with it (lower case), so a cell opening with one no skeleton
  /// opens with names no column, told before its skeleton is made (a String, and for a word
  /// with marks its diacritics stripped) for each cell of each row.
  let columnSkeletonLeads: FirstByteSet
  /// Column headers by their OCR-tolerant key (`ColumnLexicon.ocrKey`); a key two canonical
  /// columns share is left out.
  let columnOCRKeys: [String: ColumnLexicon.LooseMatch]
  /// The keys of `columnOCRKeys` long enough for an edit-distance match, as characters,
  /// sorted: built once rather than on every header cell no exact rule matched.
  let columnFuzzyKeys: [(chars: [Character], match: ColumnLexicon.LooseMatch)]
  /// Header prefixes (columns-prefix.tsv) by the same key, longest first.
  let columnPrefixOCRKeys: [(key: String, match: ColumnLexicon.LooseMatch)]

  static let shared = GrammarLexicon()

  /// Column headers by a looser key (no diacritics, OCR damage undone), each to what `value`
  /// makes of its first header; a key that headers of two different columns share is dropped,
  /// since it could name either.
  private static func columnsByKey<V>(
    _ table: GrammarTable, key: (String) -> String, value: (_ canonical: String, _ header: String) -> V
  ) -> [String: V] {
    var found: [String: (canonical: String, value: V)] = [:]
    var clashes: Set<String> = []
    for (canonical, header) in zip(table.column("canonical"), table.column("header")) {
      let k = key(header)
      if let other = found[k] {
        if other.canonical != canonical { clashes.insert(k) }
      } else {
        found[k] = (canonical, value(canonical, header))
      }
    }
    for k in clashes { found[k] = nil }
    return found.mapValues(\.value)
  }

  init() {
    let latex = GrammarData.table("latex")
    latexCommands = zip(latex.column("command"), latex.column("character")).map {
      LatexCommand(command: $0, character: $1)
    }
    htmlTags = Set(GrammarData.table("html-tags").column("tag").map { $0.lowercased() })
    docTypes = PhraseMatcher(table: GrammarData.table("doc-types"), phrase: "form", value: "canonical")
    docKinds = PhraseMatcher(table: GrammarData.table("doc-kinds"), phrase: "form", value: "canonical")
    let kw = GrammarData.table("keywords")
    var byRole: [String: [String]] = [:]
    for (role, phrase) in zip(kw.column("role"), kw.column("phrase")) {
      byRole[role, default: []].append(phrase)
    }
    keywordPhrases = byRole
    // A role keywords.tsv does not list has no phrases: it matches nothing.
    let matchers = KeywordRole.allCases.map { PhraseMatcher(pairs: (byRole[$0.name] ?? []).map { ($0, $0) }) }
    keywords = matchers
    unretainedKeywords = matchers.map { Unmanaged.passUnretained($0) }
    let zoneFirst = (Self.zoneRoles.map { matchers[$0.rawValue] } + [docTypes]).flatMap { $0.entries.map { $0.words[0] } }
    zoneFirstWords = WordTable(zoneFirst)
    zoneFirstBytes = FirstByteSet(firstWords: zoneFirst)
    let sig = GrammarData.table("signature")
    var authorities: [(String, String)] = []
    var titles: [(String, String)] = []
    var notes: [(String, String)] = []
    for row in sig.rows {
      if row[0] == "authority" { authorities.append((row[1], row[2])) }
      if row[0] == "title" { titles.append((row[1], row[1])) }
      if row[0] == "note" { notes.append((row[1], row[1])) }
    }
    signingNotes = PhraseMatcher(pairs: notes)
    signatureAuthorities = authorities
    signatureAuthorityLeads = Self.asciiLeads(of: authorities.map(\.0))
    signatureAuthoritiesAreASCII = authorities.allSatisfy { $0.0.utf8.allSatisfy { $0 < 0x80 } }
    var authorityBytes: [UInt8] = []
    var authorityRanges: [Range<Int>] = []
    for (prefix, _) in authorities {
      let start = authorityBytes.count
      authorityBytes += prefix.utf8
      authorityRanges.append(start..<authorityBytes.count)
    }
    signatureAuthorityBytes = authorityBytes
    signatureAuthorityRanges = authorityRanges
    signerTitles = PhraseMatcher(pairs: titles)
    columns = PhraseMatcher(table: GrammarData.table("columns"), phrase: "header", value: "canonical")
    columnPrefixes = PhraseMatcher(table: GrammarData.table("columns-prefix"), phrase: "prefix", value: "canonical")
    let numberFirst = columns.entries.filter { $0.value == "number" }.compactMap(\.words.first)
    numberColumnFirstWords = WordTable(numberFirst)
    numberColumnFirstBytes = FirstByteSet(firstWords: numberFirst)
    longestColumnName = GrammarData.table("columns").column("header").map { Words.split(Substring($0)).count }.max() ?? 0
    let iss = GrammarData.table("issuers").column("issuer")
    issuers = PhraseMatcher(pairs: iss.map { ($0, $0) })
    issuerStopWords = GrammarData.table("issuer-stops").column("stop").map { Words.fold($0) }
    issuerStopFirstWords = WordTable(issuerStopWords.compactMap(\.first))
    longestIssuerStop = issuerStopWords.map(\.count).max() ?? 1
    citationNumberLeads = WordTable(
      docKinds.entries.compactMap(\.words.last)
        + matchers[KeywordRole.referenceNumber.rawValue].entries.filter { $0.words.count == 1 }.map { $0.words[0] })
    let columnTable = GrammarData.table("columns")
    let skeletons = (columnTable.column("header") + GrammarData.table("columns-prefix").column("prefix")).map {
      ColumnLexicon.firstWordSkeleton($0)
    }
    columnFirstWordSkeletons = WordTable(skeletons)
    columnSkeletonLeads = FirstByteSet(firstWords: skeletons)
    columnsWithoutDiacritics = Self.columnsByKey(columnTable, key: FoldingKey.diacriticFree) { canonical, _ in canonical }
    let ocrKeys = Self.columnsByKey(columnTable, key: { ColumnLexicon.ocrKey($0).joinedText(" ") }) {
      ColumnLexicon.LooseMatch(canonical: $0, header: $1)
    }
    columnOCRKeys = ocrKeys
    columnFuzzyKeys = ocrKeys.sorted { $0.key < $1.key }
      .filter { $0.key.count >= ColumnLexicon.minimumFuzzyLength }
      .map { (Array($0.key), $0.value) }
    let prefixTable = GrammarData.table("columns-prefix")
    columnPrefixOCRKeys = zip(prefixTable.column("canonical"), prefixTable.column("prefix")).map {
      (ColumnLexicon.ocrKey($1).joinedText(" "), ColumnLexicon.LooseMatch(canonical: $0, header: $1))
    }.sorted { $0.key.count > $1.key.count }
    var roman: [String: String] = [:]
    var digits: [Character: Character] = [:]
    for row in GrammarData.table("ocr-confusions").rows {
      if row[0] == "roman" { roman[row[1]] = row[2] }
      if row[0] == "digit", row[1].count == 1, row[2].count == 1, let w = row[1].first, let r = row[2].first { digits[w] = r }
    }
    romanConfusions = roman
    longestRomanConfusion = roman.keys.map(\.utf8.count).max() ?? 0
    romanConfusionLeads = roman.keys.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) ? Self.asciiLeads(of: roman.keys) : nil
    var bits: UInt64 = 0
    for b in ("IVXL" + roman.keys.joined()).utf8 {
      // A key byte outside 0x40–0x7F cannot be told by the bits: all set, the test is off.
      if b >= 0x40 && b < 0x80 { bits |= 1 << UInt64(b - 0x40) } else { bits = .max }
    }
    romanReadingBytes = bits
    digitConfusions = digits
  }

  func keyword(_ role: KeywordRole) -> PhraseMatcher {
    keywords[role.rawValue]
  }

  /// `keyword(role).matchPrefix(line)`, without retaining the matcher.
  @inline(__always)
  func matchPrefix(_ role: KeywordRole, _ line: ClassifiedLine) -> (value: String, count: Int)? {
    unretainedKeywords[role.rawValue]._withUnsafeGuaranteedRef { $0.matchPrefix(line) }
  }
}

/// A role of Grammar/keywords.tsv that the parser asks for: the case's name written in
/// snake case is the role's name in the file (`legalBasis` is `legal_basis`).
enum KeywordRole: Int, CaseIterable, Sendable {
  case addressee, adminUnit, aliasIntro, and, annex, annexAttached, annexForm, annexRef, archive, article, chapter
  case closing
  case collectiveAgency, countNoun, dateDay, issuerBody, legalBasis, motto, number, portalLabel, recipients
  case referenceNumber, referenceOf, responsibilitiesHeading, subject, targetsHeading, taskCaption

  /// The role's name in keywords.tsv.
  var name: String {
    var out = ""
    for c in String(describing: self) {
      if c.isUppercase {
        out += "_" + c.lowercased()
      } else {
        out.append(c)
      }
    }
    return out
  }
}

/// The bytes that folded, bare first words of some phrases open with, one bit each.
struct FirstByteSet: Sendable {
  private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

  /// The first bytes of `firstWords` (folded and bare); every byte when one is empty, since
  /// a word that is all punctuation may bare to it.
  init(firstWords: some Sequence<String>) {
    var bits: [UInt64] = [0, 0, 0, 0]
    for word in firstWords {
      if let b = word.utf8.first {
        bits[Int(b >> 6)] |= UInt64(1) << UInt64(b & 63)
      } else {
        bits = [.max, .max, .max, .max]
      }
    }
    self.bits = (bits[0], bits[1], bits[2], bits[3])
  }

  @inline(__always)
  func contains(_ b: UInt8) -> Bool {
    let bit = UInt64(1) << UInt64(b & 63)
    switch b >> 6 {
    case 0: return bits.0 & bit != 0
    case 1: return bits.1 & bit != 0
    case 2: return bits.2 & bit != 0
    default: return bits.3 & bit != 0
    }
  }

  /// Whether a word opening with byte `b` (as written, before folding) may fold and bare to a
  /// word opening with one of these bytes. An ASCII letter or digit opens its folded, bare
  /// form as itself in lower case: folding lowers ASCII and puts a syllable's tone on its last
  /// letter (the first letter only when it is the whole syllable, and then it was written with
  /// that tone, so not ASCII), and `Words.bare` strips only a leading "(" and trailing
  /// punctuation, so a word opening with a letter or digit keeps it. Any other byte may: a
  /// Vietnamese capital folds to another lead byte, a "(" is stripped, punctuation may bare to
  /// nothing. Lines are asked for their phrases line after line, and folding the first words
  /// of lines that no phrase could open was most of that cost on the mixed bench sample.
  @inline(__always)
  func mayOpen(lead b: UInt8) -> Bool {
    let lower = b | 0x20
    if lower &- 0x61 < 26 { return contains(lower) }
    if b &- 0x30 < 10 { return contains(b) }
    return true
  }
}

/// Phrases matched word by word on folded keys (case and tone placement ignored), longest first.
///
/// A class, built once with the lexicon and never changed: matchers are handed out by the
/// tens of thousands a document set, and a struct's copy retained and released each table.
final class PhraseMatcher: Sendable {
  struct Entry: Sendable {
    var words: [String]
    var value: String
  }
  let entries: [Entry]
  /// Entries by their first word, longest first: most words start no phrase at all.
  private let byFirstWord: WordGroups<Entry>
  /// The first bytes of the phrases' first words: a word opening with another byte starts no
  /// phrase, and is settled without hashing it (most words, since a phrase list opens with a
  /// few letters).
  private let firstBytes: FirstByteSet

  /// Whether some phrase starts with this folded, bare word: a cheap test before folding a
  /// whole text to match it.
  func starts(with word: String) -> Bool {
    if let b = word.utf8.first, !firstBytes.contains(b) { return false }
    return byFirstWord.contains(word)
  }

  /// Whether a line whose first word opens with byte `b` may start a phrase
  /// (`FirstByteSet.mayOpen(lead:)`).
  @inline(__always)
  func mayOpen(lead b: UInt8) -> Bool { firstBytes.mayOpen(lead: b) }

  /// Whether the bare form of this word (`Words.bare`) may start a phrase: bare only drops "("
  /// before a word and punctuation after it, so any other first byte is the bare form's.
  @inline(__always)
  private func mayOpen(unbare word: String) -> Bool {
    guard let b = word.utf8.first else { return false }
    return b == 0x28 || firstBytes.contains(b)
  }

  /// Words in the longest phrase.
  var longest: Int { entries.first?.words.count ?? 0 }

  init(pairs: [(phrase: String, value: String)]) {
    entries = pairs.map { Entry(words: Words.fold($0.phrase).map(Words.bare), value: $0.value) }
      .filter { !$0.words.isEmpty }
      .sorted { $0.words.count > $1.words.count }
    byFirstWord = WordGroups(entries, by: { $0.words[0] })
    firstBytes = FirstByteSet(firstWords: entries.map { $0.words[0] })
  }

  convenience init(table: GrammarTable, phrase: String, value: String) {
    self.init(pairs: Array(zip(table.column(phrase), table.column(value))))
  }

  /// The longest phrase that the words start with, and how many words it takes.
  func matchPrefix(_ words: ArraySlice<String>) -> (value: String, count: Int)? {
    guard let first = words.first, mayOpen(unbare: first), let candidates = byFirstWord.range(of: Words.bare(first)) else {
      return nil
    }
    return longest(candidates, words, bare: false)
  }

  /// `matchPrefix` of words that are bare already (`Words.bare` of each, as the citation
  /// reader keeps them): bare is idempotent, and baring each word again (a new String for
  /// every word the matcher looked at) was most of a look-up's cost there.
  func matchPrefix(bare words: ArraySlice<String>) -> (value: String, count: Int)? {
    guard let first = words.first, let lead = first.utf8.first, firstBytes.contains(lead),
      let candidates = byFirstWord.range(of: first)
    else { return nil }
    return longest(candidates, words, bare: true)
  }

  /// The first (longest) of the entries in `candidates` whose later words follow in `words`.
  private func longest(_ candidates: Range<Int>, _ words: ArraySlice<String>, bare: Bool) -> (value: String, count: Int)? {
    // The entries read in place through their buffer: `byFirstWord[j]` copied each candidate
    // (its words and value retained and released) to compare a word or two of it.
    byFirstWord.withItems { items -> (value: String, count: Int)? in
      for j in candidates where items[j].words.count <= words.count {
        var ok = true
        for k in 1..<items[j].words.count {
          let word = words[words.startIndex + k]
          if UTF8Key(bare ? word : Words.bare(word)) != UTF8Key(items[j].words[k]) {
            ok = false
            break
          }
        }
        if ok { return (items[j].value, items[j].words.count) }
      }
      return nil
    }
  }

  func matchPrefix(_ words: [String]) -> (value: String, count: Int)? {
    matchPrefix(words[...])
  }

  /// `matchPrefix(Words.fold(text))`, folding no more of the text than the longest phrase's
  /// number of words (`Words.foldLeading`): a cell or item that opens with a phrase's first
  /// word may run on for a paragraph.
  func matchPrefix(folding text: String) -> (value: String, count: Int)? {
    matchPrefix(Words.foldLeading(text, longest) ?? Words.fold(text))
  }

  /// `matchPrefix(line.words)`, folding the rest of the line only when its first word starts
  /// some phrase.
  func matchPrefix(_ line: ClassifiedLine) -> (value: String, count: Int)? {
    guard mayOpen(lead: line.leadByte), let first = line.bareFirstWord, starts(with: first) else { return nil }
    // No phrase is longer than `longest` words: those are all a prefix match reads.
    return matchPrefix(line.leadingWords(longest))
  }

  /// `matchWhole(line.words)`, as `matchPrefix(_: ClassifiedLine)` saves folding.
  func matchWhole(_ line: ClassifiedLine) -> String? {
    guard mayOpen(lead: line.leadByte), let first = line.bareFirstWord, starts(with: first) else { return nil }
    // A line of more words than the longest phrase is no phrase whole: one word past it tells.
    return matchWhole(line.leadingWords(longest + 1))
  }

  /// The phrase equal to all of the words.
  func matchWhole(_ words: [String]) -> String? {
    guard let m = matchPrefix(words[...]), m.count == words.count else { return nil }
    return m.value
  }

  /// Whether `words` are the first words of some phrase (a header cut by a line break).
  func isPrefixOfSome(_ words: [String]) -> Bool {
    guard !words.isEmpty else { return false }
    // The words bared once, and the entries read in place: baring each word again for every
    // entry, and copying every entry (its words and value retained), cost ~90 reference-count
    // calls a look-up.
    let bare = words.map { UTF8Key(Words.bare($0)) }
    return entries.withUnsafeBufferPointer { entries in
      for j in entries.indices where entries[j].words.count > bare.count {
        var all = true
        for k in bare.indices where UTF8Key(entries[j].words[k]) != bare[k] {
          all = false
          break
        }
        if all { return true }
      }
      return false
    }
  }
}

/// Word-level views of text for matching: folded words keep the count and order of the
/// original words, so a match on keys maps back to the original text.
enum Words {
  /// Whitespace-separated words of the text.
  static func split(_ s: Substring) -> [Substring] {
    cut(s, isSpaceOrTab)
  }

  /// The words of a line or cell the cutters make room for before cutting: most have fewer.
  static let expectedWords = 16

  /// The words `split` cuts, made Substrings only when read (`WordList`).
  static func list(_ s: Substring) -> WordList {
    var copy = s
    return copy.withUTF8 { bytes in
      // Counted first, so both arrays are written in place at their final size: appending
      // cost more than finding the words.
      var count = 0
      forEachWordEdge(in: bytes) { _, isStart in
        if isStart { count += 1 }
      }
      var k = 0
      var open = 0
      var firsts = [UInt8](repeating: 0, count: count)
      let ranges = firsts.withUnsafeMutableBufferPointer { firsts in
        [Range<Int>](unsafeUninitializedCapacity: count) { ranges, filled in
          forEachWordEdge(in: bytes) { offset, isStart in
            if isStart {
              open = offset
              firsts[k] = bytes[offset]
            } else {
              (ranges.baseAddress! + k).initialize(to: open..<offset)
              k += 1
            }
          }
          filled = k
        }
      }
      return WordList(text: s, ranges: ranges, firstBytes: firsts)
    }
  }

  /// The words `splitOnSpaces` cuts (tabs stay inside words), made Substrings only when read.
  static func listOnSpaces(_ s: Substring) -> WordList {
    var copy = s
    return copy.withUTF8 { bytes in
      var ranges: [Range<Int>] = []
      var firsts: [UInt8] = []
      ranges.reserveCapacity(Self.expectedWords)
      firsts.reserveCapacity(Self.expectedWords)
      ByteRuns.forEach(in: bytes, separatedBy: { $0 == 0x20 }) { word in
        ranges.append(word)
        firsts.append(bytes[word.lowerBound])
        return true
      }
      return WordList(text: s, ranges: ranges, firstBytes: firsts)
    }
  }

  /// Calls `body` at every word's first byte (`isStart`) and just after its last (the end of
  /// `bytes` closing the last word), in order: sixteen bytes at a time in the vector registers,
  /// then eight, a word starting where a byte that is no space or tab follows one that is (or
  /// the start), and ending where a space or tab follows one that is not.
  @inline(__always)
  private static func forEachWordEdge(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Bool) -> Void) {
    let n = bytes.count
    guard let base = bytes.baseAddress else { return }
    let raw = UnsafeRawPointer(base)
    var i = 0
    var inWord = false
    // Bit 0: whether the byte before the step separates (or is none).
    var before: UInt32 = 1
    while i + 16 <= n {
      let x = ByteVector.load(raw, i)
      let separators = ByteVector.bits(ByteVector.equal(x, 0x20) .| ByteVector.equal(x, 0x09))
      // Where a byte differs from the one before it in separating: each such place opens or
      // closes a word, alternately.
      var edges = (separators ^ (separators << 1 | before)) & 0xFFFF
      while edges != 0 {
        inWord.toggle()
        body(i + edges.trailingZeroBitCount, inWord)
        edges &= edges &- 1
      }
      before = separators >> 15
      i += 16
    }
    var separated = before != 0
    while i < n {
      let separator = isSpaceOrTab(bytes[i])
      if separator != separated {
        inWord.toggle()
        body(i, inWord)
      }
      separated = separator
      i += 1
    }
    if inWord { body(n, false) }
  }

  /// When `s` has more than `limit` words (as `split` cuts them): the UTF-8 index where its
  /// `k`-th word ends (its last word's end if it has fewer); otherwise nil. Counts on the
  /// bytes, without making the words.
  static func endOfWord(_ k: Int, in s: String, ifMoreThan limit: Int) -> String.Index? {
    let offset: Int? = s.withUTF8Bytes { bytes in
      var words = 0
      var end = 0
      var found = false
      ByteRuns.forEach(in: bytes, separatedBy: isSpaceOrTab) { word in
        words += 1
        if words <= k { end = word.upperBound }
        found = words > limit
        return !(found && words >= k)
      }
      return found ? end : nil
    }
    return offset.map { s.utf8.index(s.utf8.startIndex, offsetBy: $0) }
  }

  @inline(__always) static func isSpaceOrTab(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

  /// `split(separator: " ")` on the bytes: the words between spaces (tabs kept inside).
  static func splitOnSpaces(_ s: some StringProtocol) -> [Substring] {
    cut(Substring(s)) { $0 == 0x20 }
  }

  /// `splitOnSpaces(s).count`, without making the words.
  static func countOnSpaces(_ s: String) -> Int {
    s.withUTF8Bytes { bytes in
      var count = 0
      ByteRuns.forEach(in: bytes, separatedBy: { $0 == 0x20 }) { _ in
        count += 1
        return true
      }
      return count
    }
  }

  /// `firstOnSpaces(s).map(String.init)`, the String made from the line's bytes: through the
  /// Substring it cost ~300 instructions a line of a flattened table, which asks every line.
  static func firstStringOnSpaces(_ s: String) -> String? {
    s.withUTF8Bytes { bytes in
      // Cut at spaces, ASCII: whole scalars of valid UTF-8.
      firstRangeOnSpaces(bytes).map { String(trustedUTF8: UnsafeBufferPointer(rebasing: bytes[$0])) }
    }
  }

  /// `splitOnSpaces(s).first`, without cutting the rest of the line.
  static func firstOnSpaces(_ s: String) -> Substring? {
    let first: Range<Int>? = s.withUTF8Bytes(firstRangeOnSpaces)
    // A closure, not `s.utf8Slice` itself: that reference was a heap-allocated context a call.
    return first.map { s.utf8Slice($0) }
  }

  /// Where the first run of bytes between spaces lies, or nil when there is none.
  private static func firstRangeOnSpaces(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
    var first: Range<Int>?
    ByteRuns.forEach(in: bytes, separatedBy: { $0 == 0x20 }) { word in
      first = word
      return false
    }
    return first
  }

  /// The runs of bytes between separator bytes, by integer offsets: an ASCII separator is
  /// always a boundary between scalars, and stepping String indexes byte by byte cost more
  /// than the rest of a parse step.
  private static func cut(_ s: Substring, _ isSeparator: (UInt8) -> Bool) -> [Substring] {
    var copy = s
    let cuts: [Range<Int>] = copy.withUTF8 { bytes in
      var cuts: [Range<Int>] = []
      // Room for most lines' words at once: grown from one, the array was reallocated four
      // or five times a line.
      cuts.reserveCapacity(Self.expectedWords)
      ByteRuns.forEach(in: bytes, separatedBy: isSeparator) { word in
        cuts.append(word)
        return true
      }
      return cuts
    }
    return cuts.map { s.utf8Slice($0) }
  }

  /// Folded (case- and tone-placement-insensitive) words.
  static func fold(_ s: some StringProtocol) -> [String] {
    // Folding never joins or splits words (white space is never part of a syllable), so the
    // words of the folded text are the folded words; one pass over the text is cheaper than a
    // fold per word.
    FoldingKey.toneInsensitiveWords(s)
  }

  /// `fold` of a String or Substring, which the folding module reads without a protocol
  /// witness (the generic version is not specialised across modules).
  static func fold(_ s: String) -> [String] { FoldingKey.toneInsensitiveWords(s) }
  static func fold(_ s: Substring) -> [String] { FoldingKey.toneInsensitiveWords(s) }

  /// At least the first `n` words of `fold(text)`, folded from the text only up to the end of
  /// its `n`-th word; nil when that many are not there to cut (a text of at most `n` words, or
  /// a word of white space the fold drops), and then only `fold(text)` will do. A phrase test
  /// reads no more words than its longest phrase has, and texts that open with a phrase's
  /// first word often run on for a paragraph.
  ///
  /// Folding never joins words and reads each word alone, so the fold of the text cut after a
  /// word (at white space the fold treats as a space) is the fold of the whole cut after the
  /// same word.
  static func foldLeading(_ text: String, _ n: Int) -> [String]? {
    guard n > 0 else { return nil }
    let end: Int? = text.withUTF8Bytes { b in
      @inline(__always) func isSpace(_ x: UInt8) -> Bool { x == 0x20 || (x >= 0x09 && x <= 0x0D) }
      var i = 0
      var seen = 0
      while true {
        while i < b.count, isSpace(b[i]) { i += 1 }
        if i == b.count { return nil }
        seen += 1
        while i < b.count, !isSpace(b[i]) { i += 1 }
        if seen == n { return i < b.count ? i : nil }
      }
    }
    guard let end else { return nil }
    let leading = fold(text.utf8Slice(0..<end))
    return leading.count >= n ? leading : nil
  }

  /// Whether some word of `s` (cut as `split` cuts) passes `test` on its bytes: a scan that
  /// lets an extractor skip a text before splitting and folding it for a phrase that needs
  /// such a word.
  static func anyWord(in s: String, where test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
    return s.withUTF8Bytes { bytes in
      var found = false
      ByteRuns.forEach(in: bytes, separatedBy: isSpaceOrTab) { word in
        found = test(UnsafeBufferPointer(rebasing: bytes[word]))
        return !found
      }
      return found
    }
  }

  /// `fold(...).map(bare)` of `words`, but only near the anchors: the words from `before`
  /// ahead of each anchor to `after` past it; every other word is "" (which matches no phrase).
  ///
  /// Extractors look for a phrase next to a word that bytes alone can spot (a number, a
  /// label); folding a whole paragraph to find one was most of their cost. The words come
  /// from cleaned text, which holds no exotic spaces, so a word folds to one word.
  static func bareNear<W: RandomAccessCollection<Substring>>(
    _ anchors: [Int], in words: W, before: Int, after: Int, folds: WordFolds? = nil
  ) -> [String] where W.Index == Int {
    bareNear(anchors, count: words.count, before: before, after: after) { bareFold(words[$0], folds: folds) }
  }

  /// `bareNear` with the fold of word `i` given by `fold(i)`: for a caller that reads its
  /// words off a buffer rather than as Substrings.
  static func bareNear(_ anchors: [Int], count: Int, before: Int, after: Int, fold: (Int) -> String) -> [String] {
    var bare = [String](repeating: "", count: count)
    var done = -1
    for a in anchors {
      var i = max(a - before, done + 1)
      let end = min(a + after, count - 1)
      while i <= end {
        bare[i] = fold(i)
        i += 1
      }
      done = max(done, end)
    }
    return bare
  }

  /// `bare(FoldingKey.toneInsensitive(word))`, through the document's table when there is one.
  static func bareFold(_ word: Substring, folds: WordFolds?) -> String {
    folds?.bare(word) ?? bare(FoldingKey.toneInsensitive(word))
  }

  /// A folded word without the punctuation that may cling to its end ("nhận:" → "nhận").
  static func bare(_ w: String) -> String {
    // On the bytes: a word ending in one of these characters ends in its byte, and most words
    // end in a letter. A stripped byte is a Character of its own when the scalar beside it is
    // ASCII or a Latin letter: only a Prepend character joins a grapheme with the ":" after
    // it, and only a mark (Extend) with the "(" before it. Anything else goes to the
    // Character comparison, which made this the parser's hottest function.
    let cut: (lo: Int, hi: Int)?? = w.withUTF8Bytes { b in
      guard let first = b.first, let last = b.last else { return .some(nil) }
      if first != 0x28 && !isClinging(last) { return .some(nil) }
      guard let hi = UTF8Scalar.endBeforeTrailingMarks(b, isClinging) else { return nil }
      var lo = 0
      while lo < hi, b[lo] == 0x28 {
        if lo + 1 < hi && b[lo + 1] >= 0x80 && !ScalarClass.isPlainLetter(UTF8Scalar.decode(b, at: lo + 1).value) { return nil }
        lo += 1
      }
      return .some((lo, hi))
    }
    switch cut {
    case .some(nil): return w
    case .some(let r?):
      return String(w.utf8Slice(r.lo..<r.hi))
    case nil: return bareByCharacters(w)
    }
  }

  /// ":", ",", ";", "." and ")": what clings to the end of a word without belonging to it.
  @inline(__always) static func isClinging(_ b: UInt8) -> Bool {
    b == 0x3A || b == 0x2C || b == 0x3B || b == 0x2E || b == 0x29
  }

  /// Whether the word's last Character is one of those marks: a word whose last byte is none
  /// of them does not end in one, and one that does ends in that mark exactly when its last
  /// Character is that byte alone: so when it is the only byte or an ASCII byte stands before
  /// it (the common case, read off the view), else as `endsWith(ascii:)` says.
  static func endsClinging(_ w: Substring) -> Bool {
    let u = w.utf8
    guard let last = u.last, isClinging(last) else { return false }
    if u.count == 1 || u[u.index(u.endIndex, offsetBy: -2)] < 0x80 { return true }
    return w.endsWith(ascii: Unicode.Scalar(last))
  }

  /// Where a word's bytes end once the punctuation clinging to it is dropped.
  static func endBeforeClinging(_ b: UnsafeBufferPointer<UInt8>) -> Int {
    var end = b.count
    while end > 0, isClinging(b[end - 1]) { end -= 1 }
    return end
  }

  /// `bare` where a byte next to the punctuation is not ASCII, by Characters.
  static func bareByCharacters(_ w: String) -> String {
    var w = Substring(w)
    while let b = w.utf8.last, b == 0x3A || b == 0x2C || b == 0x3B || b == 0x2E || b == 0x29,
      let l = w.last, l == ":" || l == "," || l == ";" || l == "." || l == ")"
    {
      w.removeLast()
    }
    while w.utf8.first == 0x28, let f = w.first, f == "(" { w.removeFirst() }
    return String(w)
  }
}

/// The words of a text as `Words.split` cuts them, each made a Substring only when read.
///
/// The citation and annex readers look at the few words around each number of a paragraph;
/// making a Substring of every word (~250 instructions each, most of it checking the bounds
/// fall between scalars) was most of cutting the text.
struct WordList: RandomAccessCollection {
  let text: Substring
  /// Each word's UTF-8 offsets in `text`.
  let ranges: [Range<Int>]
  /// Each word's first byte (a word is never empty).
  let firstBytes: [UInt8]

  var startIndex: Int { 0 }
  var endIndex: Int { ranges.count }
  subscript(i: Int) -> Substring { text.utf8Slice(ranges[i]) }

  /// Where word `i` starts in `text`, in UTF-8 bytes.
  func offset(_ i: Int) -> Int { ranges[i].lowerBound }

  /// `self[r].joinedText(" ")`, copied from the text's bytes without making the words.
  func joined(_ r: Range<Int>) -> String {
    guard r.count > 1 else { return r.isEmpty ? "" : String(self[r.lowerBound]) }
    var total = r.count - 1
    for i in r { total += ranges[i].count }
    var copy = text
    return copy.withUTF8 { bytes in
      String(trustedUTF8Capacity: total) { out in
        var n = 0
        for i in r {
          if i > r.lowerBound {
            out[n] = 0x20
            n += 1
          }
          for b in bytes[ranges[i]] {
            out[n] = b
            n += 1
          }
        }
        return n
      }
    }
  }
}
