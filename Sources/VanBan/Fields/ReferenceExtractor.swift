#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import VanBanModel
import VanBanText
import VanBanBytes

/// Finds cited documents in running text:
///
///     citation -> kind ("số" ":"?)? number (","? "ngày" date)? ("của" issuer)?
///                 ("(" alias-intro alias ")")?
///     number   -> digit (letter | digit | "/" | "-" | ".")*      e.g. 57-NQ/TW, 193/2025/QH15
///
/// Kinds, alias intros and issuer stops come from Grammar. A number that starts with "/"
/// (`Kế hoạch /KH-UBND`) is the plan's own blank number, not a citation.
struct ReferenceExtractor {
  let lex: GrammarLexicon
  /// How far an issuer's name not in Grammar/issuers.tsv may run before a stop.
  static let maxIssuerWords = 12

  /// - Parameter folds: the document's folded words, when the caller reads many of its texts.
  func extract(from text: LogicalText, folds: WordFolds? = nil) -> [Reference] {
    // Every citation has a number right after its kind, "số" or ":": most running text has
    // none (its numbers are dates after "ngày", sums, counts), and a byte scan that folds only
    // the word before each number says so before the text is cut into words.
    guard mayHoldCitation(text.text) else { return [] }
    return extractAll(from: text, folds: folds)
  }

  /// `extract` without the citation scan, for callers that ran it (`scan`); the tests hold
  /// the scan to never dropping a text this finds a citation in.
  func extractAll(from text: LogicalText, folds: WordFolds? = nil) -> [Reference] {
    // What a text cites depends on its words alone, and plans cite in the same words (their
    // legal bases above all): read once, the references are remembered by the text with
    // where each starts, and each text's own lines are given them from there. Only for the
    // shared lexicon, the one the remembered answers were read with.
    let found =
      lex === GrammarLexicon.shared
      ? Self.remembered.value(text.text) { read($0, folds) }
      : read(text.text, folds)
    return found.map { ref, offset in
      var ref = ref
      ref.line = text.line(atUTF8: offset)
      return ref
    }
  }

  /// The references `extractAll` reads in a text, by their answers and not their lines,
  /// each with the UTF-8 offset it starts at.
  private static let remembered = Memo<[(Reference, Int)]>()

  /// The references of `text` with where each starts, line numbers not yet given (0).
  private func read(_ text: String, _ folds: WordFolds?) -> [(Reference, Int)] {
    let words = Words.list(Substring(text))
    guard words.count >= 2 else { return [] }
    // The words tested and folded below are read as bytes of the text's buffer: a Substring
    // per word (its bounds checked for scalar alignment, its storage retained) cost more than
    // the tests on numbers, and a third as much as the folds.
    return text.withUTF8Bytes { all in read(text, words, all, folds) }
  }

  private func read(
    _ text: String, _ words: WordList, _ all: UnsafeBufferPointer<UInt8>, _ folds: WordFolds?
  ) -> [(Reference, Int)] {
    @inline(__always) func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: all[words.ranges[i]]) }
    /// `Words.bareFold(words[i], folds:)`.
    @inline(__always) func bareFold(_ i: Int) -> String {
      folds?.bare(utf8: bytes(i)) ?? Words.bare(FoldingKey.toneInsensitive(utf8: bytes(i)))
    }
    // Only a word that can be a citation number can end a citation's head: dates, sums and
    // percentages mostly cannot, and folding the words around each of them was most of the cost.
    let anchors = words.indices.filter { i in
      guard words.firstBytes[i] &- 0x30 < 10 else { return false }
      if let ascii = Self.asciiNumberToken(bytes(i)) { return !ascii.isEmpty }
      return Self.scalarNumberToken(words[i]) != nil
    }
    guard !anchors.isEmpty else { return [] }
    // Before the number: the kind, "số" and ":"; after it (folded once a kind and a number
    // are found): the rest of a broken number, "ngày" and the date, "của" and the issuer (a
    // known one, or up to 12 words and a stop).
    var bare = Words.bareNear(anchors, count: words.count, before: lex.docKinds.longest + 2, after: 0, fold: bareFold)
    let after = 4 + max(Self.maxIssuerWords, lex.issuers.longest) + lex.longestIssuerStop
    var foldedUpTo = -1
    var refs: [Reference] = []
    /// UTF-8 offset where each reference starts, for alias attachment.
    var offsets: [Int] = []
    var k = 0
    while k < words.count {
      // Outside the windows around numbers a word is "": no kind starts there.
      guard !bare[k].isEmpty, let kind = lex.docKinds.matchPrefix(bare: bare[k...]) else {
        k += 1
        continue
      }
      // Only at a word boundary that is not inside another word: matchPrefix works on whole words.
      var p = k + kind.count
      if p < words.count, lex.keyword(.referenceNumber).matchWhole([bare[p]]) != nil { p += 1 }
      if p < words.count, words[p] == ":" { p += 1 }
      guard p < words.count, var number = Self.numberToken(words[p]) else {
        k += 1
        continue
      }
      // The words after the number, folded as `bareNear` would have with the full window.
      var i = max(p + 1, foldedUpTo + 1)
      foldedUpTo = max(foldedUpTo, min(p + after, words.count - 1))
      while i <= foldedUpTo {
        if bare[i].isEmpty { bare[i] = bareFold(i) }
        i += 1
      }
      p += 1
      // "13- KH/TU": a number broken after its hyphen.
      if number.endsWith(ascii: "-"), p < words.count, let more = Self.numberTail(words[p]) {
        number += more
        p += 1
      }
      number = number.droppingTrailing { $0 == 0x2E || $0 == 0x2C || $0 == 0x2D }
      let dayWordFolded = lex.keyword(.dateDay).entries.first?.words.first
      let clauseEnd = Words.endsClinging(words[p - 1]) && !(words[p - 1].endsWith(ascii: ",") && p < words.count && bare[p] == dayWordFolded)
      var date: String?
      var issuer: String?
      if !clauseEnd {
        // ", ngày 22/12/2024"
        let dayWord = lex.keyword(.dateDay).entries.first?.words.first
        if p < words.count, bare[p] == dayWord, p + 1 < words.count, let iso = Self.isoDate(words[p + 1]) {
          date = iso
          p += 2
        }
        if p < words.count, lex.keyword(.referenceOf).matchWhole([bare[p]]) != nil, !Words.endsClinging(words[p - 1]) {
          let (name, used) = issuerName(words: words, bare: bare, from: p + 1)
          if let name { issuer = name }
          p += 1 + used
        }
      }
      let offset = words.offset(k)
      refs.append(Reference(kind: kind.value, number: number, date: date, issuer: issuer, alias: nil, line: 0))
      offsets.append(offset)
      k = max(p, k + 1)
    }
    attachAliases(text, to: &refs, offsets: offsets)
    return Array(zip(refs, offsets))
  }

  /// The longest known issuer, or the words up to a stop.
  private func issuerName(words: WordList, bare: [String], from start: Int) -> (String?, Int) {
    guard start < words.count else { return (nil, 0) }
    if let known = lex.issuers.matchPrefix(bare: bare[start...]) {
      return (known.value, known.count)
    }
    var end = start
    while end < words.count, end - start < Self.maxIssuerWords {
      let w = bare[end]
      if end > start,
        words.firstBytes[end] == 0x28 && words[end].hasPrefix("(")
          || lex.issuerStopFirstWords.contains(w)
            && lex.issuerStopWords.contains(where: { stop in Self.phraseAt(stop, w, bare, end) })
      {
        break
      }
      end += 1
      if Words.endsClinging(words[end - 1]) { break }
    }
    guard end > start else { return (nil, 0) }
    var name = words.joined(start..<end)
    name = name.droppingTrailing(asciiMarks: Words.isClinging)
    // Only a name whose last byte is "(" can end in the Character "(" (no other scalar is
    // canonically equal to it): most are settled without the Character comparison.
    if name.utf8.last == 0x28, name.hasSuffix(" (") { name.removeLast(2) }
    return (name.isEmpty ? nil : name, end - start)
  }

  /// Whether the stop's words stand at `at`: a one-word stop is the word itself (bare or not).
  private static func phraseAt(_ stop: [String], _ word: String, _ bare: [String], _ at: Int) -> Bool {
    guard let first = stop.first else { return false }
    if stop.count == 1 { return UTF8Key(first) == UTF8Key(word) }
    guard at + stop.count <= bare.count else { return false }
    for (k, part) in stop.enumerated() where UTF8Key(bare[at + k]) != UTF8Key(part) { return false }
    return true
  }

  /// A citation number: starts with a digit and holds a "/" or "-", or is at most three digits ("Đề án 06").
  static func numberToken(_ w: Substring) -> String? {
    // On the bytes when the word is ASCII, as nearly every number is: the Character version
    // below ran for every word starting with a digit.
    if let ascii = asciiNumberToken(w) { return ascii.isEmpty ? nil : ascii }
    return scalarNumberToken(w)
  }

  /// `numberToken` for any word.
  static func scalarNumberToken(_ w: Substring) -> String? {
    let t = w.droppingTrailing(asciiMarks: Words.isClinging)
    guard let f = t.unicodeScalars.first, f.value >= 0x30, f.value <= 0x39 else { return nil }
    let allowed = t.unicodeScalars.allSatisfy { ScalarClass.isAlphabetic($0) || ($0.value >= 0x30 && $0.value <= 0x39) || $0 == "/" || $0 == "-" || $0 == "." }
    guard allowed else { return nil }
    // On the scalars: Foundation's `contains` of a String bridged the word for each search.
    if t.unicodeScalars.contains("/") || t.unicodeScalars.contains("-") { return String(t) }
    if t.count <= 3, t.allSatisfy(\.isNumber) { return String(t) }
    return nil
  }

  /// Whether a word may be a citation number: an ASCII word that `numberToken` accepts, or
  /// any word starting with a digit and holding other bytes, which only the general path can
  /// judge.
  static func mayBeNumberToken(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = word.first, first &- 0x30 < 10 else { return false }
    return word.contains(where: { $0 >= 0x80 }) || asciiNumberToken(word)?.isEmpty == false
  }

  /// Whether some word of `text` may be a citation number (`mayBeNumberToken`)
  /// with a word before it that can lead one (`GrammarLexicon.citationNumberLeads`, or ":"),
  /// which `extract` requires of every number it reads.
  func mayHoldCitation(_ text: String) -> Bool {
    scan(text, labels: false).citation
  }

  /// `mayHoldCitation`, and with `labels` also `AnnexMentions.hasLabelWord`, in one walk over
  /// the words: the body texts are asked both, and walking them twice cost as much as either.
  func scan(_ text: String, labels: Bool) -> (citation: Bool, label: Bool) {
    return text.withUTF8Bytes { bytes in
      var citation = false
      var label = !labels
      let n = bytes.count
      guard let base = bytes.baseAddress else { return (false, false) }
      let raw = UnsafeRawPointer(base)
      // Both answers are "some word …", and both kinds of word open with a digit or (a label)
      // with I, V, X or L: only words opening with one of those bytes are cut and judged,
      // found sixteen or eight bytes at a time. Most words of a body text open with neither.
      var i = 0
      var resume = 0
      func judge(_ j: Int) -> Bool {
        guard j >= resume, j == 0 || Words.isSpaceOrTab(bytes[j - 1]) else { return false }
        var end = j + 1
        while end < n, !Words.isSpaceOrTab(bytes[end]) { end += 1 }
        resume = end
        let w = UnsafeBufferPointer(rebasing: bytes[j..<end])
        if !label { label = AnnexMentions.mayBeLabel(w) }
        if !citation, Self.mayBeNumberToken(w) {
          // The word before: back over the separators, then to its start.
          var k = j - 1
          while k >= 0, Words.isSpaceOrTab(bytes[k]) { k -= 1 }
          if k >= 0 {
            var start = k
            while start > 0, !Words.isSpaceOrTab(bytes[start - 1]) { start -= 1 }
            citation = leadsCitationNumber(UnsafeBufferPointer(rebasing: bytes[start...k]))
          }
        }
        return citation && label
      }
      // The Roman digits are the bytes `RomanNumeral.digit` reads (I V X L), as masks.
      @inline(__always) func candidates(_ x: UInt64) -> UInt64 {
        let digits = ByteMask.less(x, than: 0x3A) & ~ByteMask.less(x, than: 0x30)
        guard !label else { return digits }
        return digits | ByteMask.equal(x, to: 0x49) | ByteMask.equal(x, to: 0x56) | ByteMask.equal(x, to: 0x58)
          | ByteMask.equal(x, to: 0x4C)
      }
      // Sixteen bytes a step in the vector registers, then eight, then one.
      while i + 16 <= n {
        let x = ByteVector.load(raw, i)
        var found = ByteVector.less(x, 0x3A) .& .!ByteVector.less(x, 0x30)
        if !label {
          found = found .| ByteVector.equal(x, 0x49) .| ByteVector.equal(x, 0x56) .| ByteVector.equal(x, 0x58)
            .| ByteVector.equal(x, 0x4C)
        }
        // Most steps hold no candidate: the cheap test first, the lanes' places only for one.
        if ByteVector.none(found) {
          i += 16
          continue
        }
        var m = ByteVector.bits(found)
        while m != 0 {
          if judge(i + m.trailingZeroBitCount) { return (citation, labels && label) }
          m &= m &- 1
        }
        i += 16
      }
      while i + 8 <= n {
        var m = candidates(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        while m != 0 {
          if judge(i + m.trailingZeroBitCount / 8) { return (citation, labels && label) }
          m &= m &- 1
        }
        i += 8
      }
      while i < n {
        let b = bytes[i]
        if b &- 0x30 < 10 || (!label && RomanNumeral.digit(b) != nil), judge(i) {
          return (citation, labels && label)
        }
        i += 1
      }
      return (citation, labels && label)
    }
  }

  func leadsCitationNumber(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
    if word.count == 1 && word[0] == 0x3A { return true }
    let folded = Words.bare(FoldingKey.toneInsensitive(utf8: word))
    return lex.citationNumberLeads.contains(folded)
  }

  /// `numberToken` of an ASCII word: the token, "" when the word is none, nil when the word
  /// is not ASCII.
  static func asciiNumberToken(_ w: Substring) -> String? {
    var w = w
    return w.withUTF8 { asciiNumberToken($0) }
  }

  static func asciiNumberToken(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    let end = Words.endBeforeClinging(bytes)
    var digitsOnly = true
    var slashOrHyphen = false
    for k in 0..<bytes.count {
      let b = bytes[k]
      if b >= 0x80 { return nil }
      guard k < end else { continue }
      let isDigit = b &- 0x30 < 10
      let isLetter = (b | 0x20) &- 0x61 < 26
      guard isDigit || isLetter || b == 0x2F || b == 0x2D || b == 0x2E else { return "" }
      if !isDigit { digitsOnly = false }
      if b == 0x2F || b == 0x2D { slashOrHyphen = true }
    }
    guard end > 0, bytes[0] &- 0x30 < 10 else { return "" }
    guard slashOrHyphen || (end <= 3 && digitsOnly) else { return "" }
    return String(trustedUTF8: UnsafeBufferPointer(rebasing: bytes[..<end]))  // ASCII, checked above
  }

  private static func numberTail(_ w: Substring) -> String? {
    let t = w.droppingTrailing { $0 == 0x2C || $0 == 0x3B || $0 == 0x29 || $0 == 0x2E }
    guard let f = t.unicodeScalars.first, ScalarClass.isUppercase(f), t.contains("/") else { return nil }
    return String(t)
  }

  /// "22/12/2024" → "2024-12-22"; nil unless a real calendar date.
  static func isoDate(_ w: Substring) -> String? {
    // Digits and slashes only (after the trailing marks): read on the bytes. Anything else
    // (a sign, a letter, a non-ASCII digit) takes the Character path below.
    var copy = w
    let fast: (Int, Int, Int)?? = copy.withUTF8 { b in
      var end = b.count
      while end > 0, b[end - 1] < 0x80, b[end - 1] &- 0x30 >= 10 { end -= 1 }
      // The three parts in place (an array of them was an allocation per date).
      var values = (0, 0, 0)
      var parts = 0
      var lastDigits = 0
      var value = 0
      var digits = 0
      func close() {
        guard digits > 0 else { return }
        switch parts {
        case 0: values.0 = value
        case 1: values.1 = value
        case 2: values.2 = value
        default: break
        }
        parts += 1
        lastDigits = digits
      }
      for k in 0..<end {
        let c = b[k]
        if c == 0x2F {
          close()
          value = 0
          digits = 0
        } else if c &- 0x30 < 10, digits < 18 {
          value = value * 10 + Int(c - 0x30)
          digits += 1
        } else {
          return nil  // not for this path
        }
      }
      close()
      guard parts == 3, lastDigits == 4 else { return .some(nil) }
      return .some(values)
    }
    if let fast {
      guard let (d, m, y) = fast else { return nil }
      return Self.iso(day: d, month: m, year: y)
    }
    return characterISODate(w)
  }

  static func characterISODate(_ w: Substring) -> String? {
    var t = Substring(w)
    while let l = t.last, !l.isNumber { t.removeLast() }
    let parts = t.split(separator: "/")
    guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]), parts[2].count == 4
    else { return nil }
    return Self.iso(day: d, month: m, year: y)
  }

  /// The date as JSON writes it, when it is one of the calendar's (the deadline reader's rules:
  /// one month-length rule and one writer for every date).
  private static func iso(day d: Int, month m: Int, year y: Int) -> String? {
    guard (1...12).contains(m), d >= 1, d <= DeadlineParser.Day.lastDay(ofMonth: m, year: y) else { return nil }
    return DeadlineParser.Day(year: y, month: m, day: d).iso
  }

  /// `text.split(separator: ",")` cut on the bytes where they cut as Characters would
  /// (`ByteRuns.characterCuts`), else nil and the Character split decides; it cost ~15,000
  /// instructions an alias.
  static func commaPieces(_ text: String) -> [Substring]? {
    let ranges = text.withUTF8Bytes { ByteRuns.characterCuts($0, at: 0x2C)?.filter { !$0.isEmpty } }
    return ranges?.map { text.utf8Slice($0) }
  }

  /// "(sau đây viết tắt là Kế hoạch số 129/KH-UBND)": the alias goes to the citation whose
  /// number it repeats, otherwise to the citation just before it.
  private func attachAliases(_ text: String, to refs: inout [Reference], offsets: [Int]) {
    guard !refs.isEmpty else { return }
    // Byte searches: both brackets are ASCII, and a Character walk of every paragraph was
    // most of this function's cost.
    // The pairs as byte offsets first: searching the UTF-8 view through its indexes cost more
    // than the rest of this function.
    let intro = lex.keyword(.aliasIntro)
    let pairs: [(open: Int, close: Int)] = text.withUTF8Bytes { b in
      // Each "(" with the first ")" after it, found by memchr: most paragraphs hold none.
      var pairs: [(open: Int, close: Int)] = []
      var from = 0
      while let i = ByteSearch.firstIndex(of: 0x28, in: b, from: from),
        let j = ByteSearch.firstIndex(of: 0x29, in: b, from: i + 1)
      {
        // The intro's first word (the first of `Words.split`'s words inside) first, on the
        // bytes: most parentheses hold no alias, and cutting all their words to test the first
        // cost more than the rest of this function.
        var start = i + 1
        while start < j, Words.isSpaceOrTab(b[start]) { start += 1 }
        var end = start
        while end < j, !Words.isSpaceOrTab(b[end]) { end += 1 }
        if start < end, intro.mayOpen(lead: b[start]),
          intro.starts(with: Words.bare(FoldingKey.toneInsensitive(utf8: UnsafeBufferPointer(rebasing: b[start..<end]))))
        {
          pairs.append((i, j))
        }
        from = i + 1
      }
      return pairs
    }
    let u = text.utf8
    for (openOffset, closeOffset) in pairs {
      let open = u.index(u.startIndex, offsetBy: openOffset)
      let inside = text[u.index(after: open)..<u.index(u.startIndex, offsetBy: closeOffset)]
      let words = Words.fold(inside).map(Words.bare)
      guard let found = intro.matchPrefix(words) else { continue }
      let aliasText = Words.split(inside).dropFirst(found.count).joinedText(" ")
      let offset = openOffset
      // Several aliases in one parenthesis: "Nghị quyết số 71/NQ-CP, Nghị quyết số 11/NQ-CP".
      let pieces = (Self.commaPieces(aliasText) ?? aliasText.split(separator: ",")).map { $0.trimmingSpaces() }
        .filter { !$0.isEmpty }
      var attached = false
      for piece in pieces {
        let pieceWords = Words.split(Substring(piece))
        guard let number = pieceWords.compactMap(Self.numberToken).first,
          let k = refs.firstIndex(where: { $0.number == number && $0.alias == nil })
        else { continue }
        refs[k].alias = piece
        attached = true
      }
      if !attached {
        let before = refs.indices.last { offsets[$0] < offset }
        if let k = before, refs[k].alias == nil { refs[k].alias = aliasText }
      }
    }
  }
}

/// Collects every reference of a document, de-duplicated by kind and number, in order of
/// first mention; a later mention fills in a date, issuer or alias the first one lacked.
struct ReferenceIndex {
  private(set) var references: [Reference] = []
  /// By `key`, compared on bytes: keys are NFC, and String's own hashing normalised them again
  /// on every look-up.
  private var index: [UTF8Key: Int] = [:]
  /// The folded kinds met so far, shared by the indexes of one document.
  private let kinds: KindKeys

  /// `kinds` may be shared with the document's other indexes: a document cites a handful of
  /// kinds ("Quyết định", "Kế hoạch", …) over and over, and folding the kind was two thirds
  /// of making a key.
  ///
  /// `capacity`: room for that many references at once (a document's mentions: added one by
  /// one, they rehashed the index and moved the references as they grew).
  init(kinds: KindKeys = KindKeys(), capacity: Int = 0) {
    self.kinds = kinds
    if capacity > 0 {
      index.reserveCapacity(capacity)
      references.reserveCapacity(capacity)
    }
  }

  /// The folded kinds of references, each folded once: a look-up compares a few short byte
  /// strings (~30 instructions each), a fold cost ~700. The kinds met are kept as bytes, one
  /// after another: as an array of Strings each comparison retained and released the entry.
  final class KindKeys {
    private var bytes: [UInt8] = []
    /// Where each kind's bytes end in `bytes`.
    private var ends: [Int] = []
    private var keys: [String] = []

    func key(_ kind: String) -> String {
      let found: Int? = kind.withUTF8Bytes { k in
        bytes.withUnsafeBufferPointer { all in
          ends.withUnsafeBufferPointer { ends in
            var start = 0
            for i in ends.indices {
              let end = ends[i]
              if end - start == k.count, k.count == 0 || memcmp(all.baseAddress! + start, k.baseAddress!, k.count) == 0 {
                return i
              }
              start = end
            }
            return nil
          }
        }
      }
      if let i = found { return keys[i] }
      let key = FoldingKey.toneInsensitive(kind)
      // Bounded: a document names few kinds; past that, folding each is as before.
      if keys.count < 32 {
        if keys.isEmpty {
          // Room for the few kinds a document cites, so the arrays are not regrown kind by kind.
          bytes.reserveCapacity(128)
          ends.reserveCapacity(8)
          keys.reserveCapacity(8)
        }
        kind.withUTF8Bytes { bytes.append(contentsOf: $0) }
        ends.append(bytes.count)
        keys.append(key)
      }
      return key
    }
  }

  /// `folded|NUMBER`, for a kind already folded: the number's key written straight after the
  /// kind when `writeNumberKey` can write it, else made by `numberKey`.
  static func key(kind folded: String, number: String) -> String {
    let direct: String? = folded.withUTF8Bytes { kind in
      number.withUTF8Bytes { b -> String? in
        guard isWrittenKey(b) else { return nil }
        return String(trustedUTF8Capacity: kind.count + 1 + b.count) { out in
          var n = kind.count
          if n > 0 { _ = UnsafeMutableBufferPointer(rebasing: out[0..<n]).update(fromContentsOf: kind) }
          out[n] = 0x7C
          n += 1
          return n + writeNumberKey(b, into: UnsafeMutableBufferPointer(rebasing: out[n...]))
        }
      }
    }
    return direct ?? String.joining(folded, "|", numberKey(number))
  }

  /// The number upper-cased without spaces; on the bytes when it is ASCII or holds only the
  /// Latin letter beyond ASCII that numbers use ("QĐ", "đ"), as nearly all do.
  static func numberKey(_ number: String) -> String {
    // Written into the string's storage: a String decoded from a lazy filter and map went
    // byte by byte through the generic path, ~4,000 instructions a key.
    let written: String? = number.withUTF8Bytes { bytes in
      guard isWrittenKey(bytes) else { return nil }
      return String(trustedUTF8Capacity: bytes.count) { writeNumberKey(bytes, into: $0) }
    }
    return written ?? latinNumberKey(number) ?? String(number.uppercased().filter { $0 != " " })
  }

  /// Whether `writeNumberKey` writes the key of these bytes: ASCII and Đ or đ (C4 90, C4 91).
  private static func isWrittenKey(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    while i < b.count {
      if b[i] < 0x80 {
        i += 1
      } else if b[i] == 0xC4, i + 1 < b.count, b[i + 1] == 0x90 || b[i + 1] == 0x91 {
        i += 2
      } else {
        return false
      }
    }
    return true
  }

  /// The key of a number `isWrittenKey` accepts, written into `out` (room for its bytes):
  /// spaces dropped, ASCII letters upper-cased, đ as Đ (two bytes for two). Its length.
  private static func writeNumberKey(_ b: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
    var n = 0
    var j = 0
    while j < b.count {
      let c = b[j]
      if c == 0xC4 {
        out[n] = 0xC4
        out[n + 1] = 0x90
        n += 2
        j += 2
        continue
      }
      if c != 0x20 {
        out[n] = c &- 0x61 < 26 ? c - 0x20 : c
        n += 1
      }
      j += 1
    }
    return n
  }

  /// `numberKey` of a number holding Latin letters beyond ASCII ("22-ĐA/TU", "QĐ-UBND"), or nil
  /// for any other scalar. `uppercased()` maps scalar by scalar, and between these scalars (and
  /// their upper-case forms) every space is a Character of its own, so the key is each
  /// scalar's upper-case mapping with the spaces left out; upper-casing and filtering the
  /// String's Characters cost 5,000 instructions a number.
  static func latinNumberKey(_ number: String) -> String? {
    var out = ""
    out.reserveCapacity(number.utf8.count)
    for scalar in number.unicodeScalars {
      let v = scalar.value
      if v < 0x80 {
        if v == 0x20 { continue }
        out.unicodeScalars.append(v &- 0x61 < 26 ? Unicode.Scalar(UInt8(v - 0x20)) : scalar)
      } else if ScalarClass.isPlainLetter(v) {
        out += scalar.properties.uppercaseMapping
      } else {
        return nil
      }
    }
    return out
  }

  mutating func add(_ r: Reference) {
    let k = UTF8Key(Self.key(kind: kinds.key(r.kind), number: r.number ?? ""))
    if let at = index[k] {
      if references[at].date == nil { references[at].date = r.date }
      if references[at].issuer == nil { references[at].issuer = r.issuer }
      if references[at].alias == nil { references[at].alias = r.alias }
    } else {
      index[k] = references.count
      references.append(r)
    }
  }
}
