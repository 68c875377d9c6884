import VanBanBytes
import VanBanText

/// Assigns the lines of one row of a one-cell-per-line table to its columns.
///
/// pdftotext and OCR write a row's cells one after another, each over one or more lines,
/// sometimes two cells on one line ("… cán bộ khoa học Phòng Văn hóa – Xã hội"). Column
/// order is known from the header; what tells the cells apart is their content: agencies
/// come from the agency lexicon or a bullet list, a deadline parses as one, and the name
/// comes first. A piece that could belong to two columns goes to the earlier one.
struct FlattenedRowSplitter {
  let agencies: AgencyLexicon
  let deadlines: DeadlineParser
  /// Words that make an agency a collective ("Các cơ quan, đơn vị"): such a bullet list
  /// holds coordinators, not the lead.
  let collectiveWords: Set<String>

  init(agencies: AgencyLexicon, deadlines: DeadlineParser, lexicon: GrammarLexicon) {
    self.agencies = agencies
    self.deadlines = deadlines
    collectiveWords = Set(lexicon.keyword(.collectiveAgency).entries.compactMap(\.words.first))
  }

  /// Where each column a piece can go to stands, worked out once per table rather than
  /// searched for by name at every piece of every row.
  struct Layout {
    let count: Int
    let name: Int?
    let lead: Int?
    let coordinators: Int?
    let deadline: Int?
    /// Where what is left before the deadline goes: the result, else the note, else the name.
    let rest: Int?

    /// - Parameter columns: canonical column names after the number column.
    init(_ columns: [String?]) {
      count = columns.count
      name = columns.firstIndex(of: "name")
      lead = columns.firstIndex(of: "lead")
      coordinators = columns.firstIndex(of: "coordinators")
      deadline = columns.firstIndex(of: "deadline")
      rest = columns.firstIndex(of: "result") ?? columns.firstIndex(of: "note") ?? name
    }
  }

  /// - Parameter columns: canonical column names after the number column.
  /// - Returns: for each column, the pieces (original lines or parts of lines) it holds.
  func split(_ input: [String], columns: [String?]) -> [[String]] {
    split(input, layout: Layout(columns))
  }

  func split(_ input: [String], layout: Layout) -> [[String]] {
    var pieces = input.filter { !$0.isEmpty }
    var out = Array(repeating: [String](), count: layout.count)
    // A column gets room for every piece the row may place at its first (the pieces, and one
    // more where a piece is cut in two): grown a piece at a time, a column of a few pieces was
    // reallocated as each came (~10 reallocations a row on the mixed sample).
    let room = pieces.count + 1
    func put(_ column: Int?, _ piece: String) {
      guard let k = column else { return }
      if out[k].isEmpty { out[k].reserveCapacity(room) }
      out[k].append(piece)
    }
    // The deadline is read from the end: a last line, two last lines, or the end of the last line.
    var deadline: [String] = []
    if layout.deadline != nil, let last = pieces.last {
      if isDeadline(last) {
        deadline = [pieces.removeLast()]
      } else if pieces.count >= 2, isDeadline(pieces[pieces.count - 2] + " " + last) {
        let a = pieces[pieces.count - 2]
        pieces.removeLast(2)
        deadline = [a, last]
      } else if let (head, tail) = deadlineSuffix(last) {
        pieces[pieces.count - 1] = head
        deadline = [tail]
      }
    }
    var idx = 0
    let hasAgencyColumns = layout.lead != nil || layout.coordinators != nil
    // The name runs up to the first agency.
    while idx < pieces.count, hasAgencyColumns {
      if isAgencyStart(pieces, idx) { break }
      if let (head, agency) = agencySuffix(pieces[idx]) {
        put(layout.name, head)
        pieces[idx] = agency
        break
      }
      put(layout.name, pieces[idx])
      idx += 1
    }
    if !hasAgencyColumns {
      while idx < pieces.count {
        put(layout.name, pieces[idx])
        idx += 1
      }
    }
    // The lead: one agency, possibly over several lines.
    if idx < pieces.count, layout.lead != nil, !(isBullet(pieces[idx]) && isCollective(pieces, idx)) {
      var lead = [pieces[idx]]
      idx += 1
      if !agencies.isKnown(Self.unbullet(lead[0])) {
        // Join following lines while they complete a known agency or continue in lower case.
        var k = idx
        var joined = lead
        while k < pieces.count, k - idx < 3, !isBullet(pieces[k]) {
          joined.append(pieces[k])
          k += 1
          if agencies.isKnown(Self.unbullet(joined.joinedText(" "))) {
            lead = joined
            idx = k
            break
          }
        }
      }
      while idx < pieces.count, startsLower(pieces[idx]) {
        lead.append(pieces[idx])
        idx += 1
      }
      for l in lead { put(layout.lead, l) }
    }
    // Coordinators: a bullet list, with lines that continue an item.
    if layout.coordinators != nil {
      var started = false
      while idx < pieces.count {
        let p = pieces[idx]
        let nextIsBullet = (idx + 1 < pieces.count && isBullet(pieces[idx + 1]))
          || (idx + 2 < pieces.count && isBullet(pieces[idx + 2]))
        if isBullet(p) || (started && startsLower(p)) || nextIsBullet || agencies.isKnown(p) {
          put(layout.coordinators, p)
          started = true
          idx += 1
        } else {
          break
        }
      }
    }
    // Whatever is left before the deadline is the result (or the next free column).
    while idx < pieces.count {
      put(layout.rest, pieces[idx])
      idx += 1
    }
    for d in deadline { put(layout.deadline, d) }
    return out
  }

  private func isDeadline(_ text: String) -> Bool {
    guard let d = deadlines.parse(text, defaultYear: nil) else { return false }
    return d.kind != .unknown
  }

  /// "Văn bản rà soát. Tháng 6/2025" → ("Văn bản rà soát.", "Tháng 6/2025"): the longest tail that is a deadline.
  private func deadlineSuffix(_ text: String) -> (String, String)? {
    let words = Words.listOnSpaces(Substring(text))
    guard words.count >= 2 else { return nil }
    for start in 1..<words.count {
      let tail = words.joined(start..<words.count)
      if isDeadline(tail) {
        return (words.joined(0..<start), tail)
      }
    }
    return nil
  }

  /// "cán bộ khoa học và công nghệ Phòng Văn hóa – Xã hội" → the name's end and the agency.
  private func agencySuffix(_ text: String) -> (String, String)? {
    // Most pieces have no word between their first and last that opens with a capital, and
    // listing their words cost more than the rest of the test (`mayHaveInnerCapital`).
    guard Self.mayHaveInnerCapital(text) else { return nil }
    // Words as byte ranges: most are only asked their first byte.
    let words = Words.listOnSpaces(Substring(text))
    guard words.count >= 3 else { return nil }
    for start in 1..<(words.count - 1) {
      // The capital first (an ASCII one settled on its byte): joining the tail and looking
      // it up cost far more.
      let lead = words.firstBytes[start]
      guard lead < 0x80 ? lead &- 0x41 < 26 : Self.opensUppercase(words[start]) else { continue }
      guard agencies.mayOpenKnownName(words[start]) else { continue }
      let tail = words.joined(start..<words.count)
      if agencies.isKnown(tail) {
        return (words.joined(0..<start), tail)
      }
    }
    return nil
  }

  /// Whether some word of `text` (words parted by spaces, as `Words.listOnSpaces` parts them)
  /// after its first and before its last may open with a capital: false only when none does
  /// (an ASCII lead byte settles a word; beyond ASCII, `opensUppercase` does when its scalar
  /// settles it, and an unsettled word counts as one that may). `agencySuffix` tries only
  /// such words, so without one it finds nothing.
  static func mayHaveInnerCapital(_ text: String) -> Bool {
    text.withUTF8Bytes { b in
      let n = b.count
      // Where the first word starts and the last one does: the words tried start between.
      var first = 0
      while first < n, b[first] == 0x20 { first += 1 }
      var last = n
      while last > first, b[last - 1] == 0x20 { last -= 1 }
      while last > first, b[last - 1] != 0x20 { last -= 1 }
      guard last > first, let base = b.baseAddress else { return false }
      /// Whether the word starting at `start` (after a space, at an ASCII capital or a byte
      /// beyond ASCII) may open with a capital.
      func opensCapital(_ start: Int) -> Bool {
        guard b[start] >= 0x80 else { return true }
        var end = start + 1
        while end < n, b[end] != 0x20 { end += 1 }
        return leadScalarUppercase(UnsafeBufferPointer(rebasing: b[start..<end])) != false
      }
      // Sixteen bytes a step: the words that start there (a byte after a space that is no
      // space) with an ASCII capital or a byte beyond ASCII, each then settled alone. Walking
      // word by word, the loop's exit was mispredicted at the end of most words (1.5 % of
      // parsing the plan of short lines and one-cell-per-line tables, natively).
      let raw = UnsafeRawPointer(base)
      var i = first + 1
      while i + 16 <= last {
        let x = ByteVector.load(raw, i)
        let starts = ByteVector.equal(ByteVector.load(raw, i - 1), 0x20) .& .!ByteVector.equal(x, 0x20)
        let capitalOrBeyond = ByteVector.less(x &- 0x41, 26) .| .!ByteVector.less(x, 0x80)
        var lanes = ByteVector.bits(starts .& capitalOrBeyond)
        while lanes != 0 {
          if opensCapital(i + lanes.trailingZeroBitCount) { return true }
          lanes &= lanes &- 1
        }
        i += 16
      }
      while i < last {
        let c = b[i]
        if b[i - 1] == 0x20, c != 0x20, c &- 0x41 < 26 || c >= 0x80, opensCapital(i) { return true }
        i += 1
      }
      return false
    }
  }

  /// Whether the word's first Character is upper case (`Character.isUppercase`), for a word
  /// opening beyond ASCII. A Latin letter followed by ASCII or another Latin letter is a
  /// Character of its own, and then its scalar settles it: upper case if the scalar is, not
  /// if upper-casing changes it. Anything else asks the Character. Most such words open
  /// with a small letter ("đơn vị"), and the Character's test upper-cased it into a new
  /// String to compare (~770 instructions a word).
  static func opensUppercase(_ word: Substring) -> Bool {
    var copy = word
    let settled = copy.withUTF8 { leadScalarUppercase($0) }
    return settled ?? (word.first?.isUppercase == true)
  }

  /// `opensUppercase` of a word's bytes where its first scalar settles it, nil where the
  /// Character must be asked. Both properties are read from `ScalarClass`'s table (their own
  /// answers): asked of the standard library, `changesWhenUppercased` cost ~320 instructions
  /// for each word opening with a small Vietnamese letter.
  static func leadScalarUppercase(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
    guard !b.isEmpty else { return false }
    let (v, n) = UTF8Scalar.decode(b, at: 0)
    guard ScalarClass.isPlainLetter(v), let scalar = Unicode.Scalar(v) else { return nil }
    if n < b.count, b[n] >= 0x80, !ScalarClass.isPlainLetter(UTF8Scalar.decode(b, at: n).value) { return nil }
    if ScalarClass.isUppercase(scalar) { return true }
    if ScalarClass.changesWhenUppercased(scalar) { return false }
    return nil
  }

  private func isAgencyStart(_ pieces: [String], _ idx: Int) -> Bool {
    let p = pieces[idx]
    if isBullet(p) { return true }
    // The piece and the pieces joined to it all open with its first word.
    guard agencies.mayOpenKnownName(p) else { return false }
    if agencies.isKnown(p) { return true }
    // "Trung tâm Phục vụ hành" / "chính công"
    var joined = p
    for k in (idx + 1)..<min(pieces.count, idx + 3) {
      joined += " " + pieces[k]
      if agencies.isKnown(joined) { return true }
    }
    return false
  }

  private func isCollective(_ pieces: [String], _ idx: Int) -> Bool {
    let first = Words.fold(Self.unbullet(pieces[idx])).first.map(Words.bare) ?? ""
    return collectiveWords.contains(first)
  }

  private func isBullet(_ p: String) -> Bool {
    // A first byte that starts none of the bullets settles it (most pieces).
    guard let f = p.utf8.first, f == 0x2D || f == 0x2B || f == 0xE2 else { return false }
    return p.hasPrefixQuickly("- ") || p.hasPrefixQuickly("+ ") || p.hasPrefix("– ")
  }

  private func startsLower(_ p: String) -> Bool {
    // The first character itself: "100% dữ liệu" is not a continuation.
    (p.unicodeScalars.first.map(ScalarClass.isLowercase) ?? false) && !isBullet(p)
  }

  static func unbullet(_ p: String) -> String {
    var s = Substring(p)
    while let f = s.first, f == "-" || f == "+" || f == "–" || f == " " { s.removeFirst() }
    return String(s)
  }
}
