import VanBanModel
import VanBanText

/// The footer (phần cuối): the `Nơi nhận` list with its archive line, and the signature
/// block, read from texts with their lines — one column of a two-column footer, one table
/// cell holding a whole list or block, or the document's own lines.
///
/// A footer reaches us one line per item, one cell per column (`Nơi nhận: - Như trên; -
/// Lưu: VT.` | `KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn An`), or the two columns interleaved
/// line by line; so each part is read by its own evidence (bullets and `Lưu:`; authority
/// marks, signer titles, a person's name), not by where it stands.
struct FooterReader {
  let lex: GrammarLexicon

  typealias Piece = (text: String, line: Int)

  // MARK: recipients

  struct Recipients {
    var recipients: [Recipient] = []
    var archive: [String] = []
    var diagnostics: [Diagnostic] = []
  }

  /// Whether a cell or line opens the recipients list ("Nơi nhận:", also after an emphasis
  /// mark a converter left: "* Nơi nhận:").
  func opensRecipients(_ text: String) -> Bool {
    afterRecipientsWord(text) != nil
  }

  /// What follows "Nơi nhận:" on its line, or nil when the text does not open with it.
  func afterRecipientsWord(_ text: String) -> String? {
    let opened = Self.withoutLeadingMarks(text)
    guard let m = lex.keyword(.recipients).matchPrefix(folding: String(opened.prefix(characters: 60))) else { return nil }
    return HeadZoneReader.trimLeadingPunctuation(Words.split(opened).dropFirst(m.count).joinedText(" ")).trimmingSpaces()
  }

  static func withoutLeadingMarks(_ text: String) -> Substring {
    var t = Substring(text)
    while let f = t.first, f == "*" || f == " " || f == "_" { t.removeFirst() }
    return t
  }

  /// The items of a recipients column or cell: "Nơi nhận:" dropped, an inline list cut at its
  /// bullets ("- Như trên; - UBND tỉnh; - Lưu: VT."), sub-bullets ("+") kept as items.
  func recipients(_ pieces: [Piece]) -> Recipients {
    var out = Recipients()
    for (k, piece) in pieces.enumerated() {
      var text = piece.text.trimmingSpaces()
      if k == 0, let rest = afterRecipientsWord(text) { text = rest }
      // A wrapped item goes on without a bullet: "(đăng tải trên cổng …)".
      if k > 0, !Self.startsWithBullet(text), lex.keyword(.archive).matchPrefix(folding: text) == nil,
        let last = out.recipients.popLast()
      {
        let joined = last.note.map { "\(last.name) (\($0))" } ?? last.name
        out.recipients.append(FooterReader.recipient(FooterReader.trimPunctuation(joined + " " + text), line: last.line))
        continue
      }
      for item in Self.bulletItems(text) where !item.isEmpty {
        add(item, line: piece.line, to: &out)
      }
    }
    // The list's last item opening with "Lưu" and no colon ("Lưu Ban xây dựng Đảng.") is the
    // archive line, whatever its length.
    if out.archive.isEmpty, let last = out.recipients.last, last.note == nil,
      let m = lex.keyword(.archive).matchPrefix(folding: last.name), Words.splitOnSpaces(last.name).count <= 8
    {
      let list = Self.archiveList(Words.split(Substring(last.name)).dropFirst(m.count).joinedText(" "))
      if !list.items.isEmpty {
        out.recipients.removeLast()
        Self.setArchive(list, line: last.line, into: &out)
      }
    }
    return out
  }

  static func startsWithBullet(_ text: String) -> Bool {
    // The first word only: cutting the whole piece into words to read it was 3,500
    // instructions a recipients line.
    guard let first = Words.firstOnSpaces(text) else { return false }
    return first == "-" || first == "+" || first == "–" || first == "•" || first == "*"
      || (first.count > 1 && (first.hasPrefix("-") || first.hasPrefix("+")))
  }

  /// "- a; - b; + c" → ["a", "b", "c"]: a bullet opens the text or follows `;`, `:` or `.`.
  ///
  /// Read on the words' bytes, each item copied once from them: joining Strings word by word
  /// cost 13,000 instructions a recipients line.
  static func bulletItems(_ text: String) -> [String] {
    var items: [String] = []
    let words = Words.listOnSpaces(Substring(text))
    var start = 0
    // The item opened by a dash typed against its first word ("-Thường trực …").
    var dashed = false
    func item(_ end: Int) -> String {
      guard dashed else { return words.joined(start..<end) }
      let first = String(words[start].dropFirst())
      return end > start + 1 ? first + " " + words.joined((start + 1)..<end) : first
    }
    for k in words.indices where k == 0 || Words.endsClinging(words[k - 1]) {
      let attached = isDashedWord(words, k)
      guard attached || isBulletWord(words, k) else { continue }
      if k > start { items.append(item(k)) }
      start = attached ? k : k + 1
      dashed = attached
    }
    if start < words.count { items.append(item(words.count)) }
    return items
  }

  /// Word `k` is a dash typed against a capital ("-Thường"): a list mark without its space.
  private static func isDashedWord(_ words: WordList, _ k: Int) -> Bool {
    guard words.firstBytes[k] == 0x2D, words.ranges[k].count > 1 else { return false }
    return words[k].unicodeScalars.dropFirst().first.map(ScalarClass.isUppercase) ?? false
  }

  /// Word `k` is "-", "+", "–" or "•" alone.
  private static func isBulletWord(_ words: WordList, _ k: Int) -> Bool {
    let r = words.ranges[k]
    switch r.count {
    case 1: return words.firstBytes[k] == 0x2D || words.firstBytes[k] == 0x2B
    case 3: return words[k] == "–" || words[k] == "•"
    default: return false
    }
  }

  private func add(_ item: String, line: Int, to out: inout Recipients) {
    if let m = lex.keyword(.archive).matchPrefix(folding: item) {
      if let colon = item.firstIndex(of: ":"), Words.split(Substring(item[..<colon])).count == m.count {
        Self.setArchive(Self.archiveList(String(item[item.index(after: colon)...])), line: line, into: &out)
        return
      }
      // "Lưu VT, VP, CĐS" without its colon: a list of short codes.
      let rest = Words.split(Substring(item)).dropFirst(m.count).joinedText(" ")
      let list = Self.archiveList(rest)
      if !list.items.isEmpty, list.items.allSatisfy({ Words.splitOnSpaces($0).count <= 3 }) {
        Self.setArchive(list, line: line, into: &out)
        return
      }
    }
    let name = FooterReader.trimPunctuation(item)
    if name.isEmpty { return }
    if item.trimmingSpaces().endsWith(ascii: ":") {
      out.diagnostics.append(DiagnosticCatalogue.recipientsGroupLabel(name, line: line))
      return
    }
    out.recipients.append(FooterReader.recipient(name, line: line))
  }

  /// "VT, KT(Thủy, Nho)." → ["VT", "KT(Thủy, Nho)"]: commas inside brackets do not cut. With
  /// the text after the list's closing stop, which is no item of it.
  static func archiveList(_ text: String) -> (items: [String], leftOut: String?) {
    var items: [String] = []
    var current = ""
    var depth = 0
    for c in text {
      if c == "(" { depth += 1 }
      if c == ")" { depth = max(0, depth - 1) }
      if c == ",", depth == 0 {
        items.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    // The list ends at its closing stop: "VT, CT. 08 KH" (the clerk's count of copies and
    // file code on the next line, run on by the cell's joining) ends at "CT.". A stop followed
    // by a figure ends it; one followed by a word may be an abbreviation's ("VP. UBND").
    var leftOut: String?
    if let stop = Self.closingStop(in: current) {
      leftOut = String(current.utf8Slice(stop..<current.utf8.count)).trimmingSpaces()
      current = String(current.utf8Slice(0..<stop))
    }
    items.append(current)
    return (items.map { FooterReader.trimPunctuation($0) }.filter { !$0.isEmpty }, leftOut)
  }

  /// The archive line's items into `out`, saying what followed the list's end.
  private static func setArchive(_ list: (items: [String], leftOut: String?), line: Int, into out: inout Recipients) {
    out.archive = list.items
    if let rest = list.leftOut { out.diagnostics.append(DiagnosticCatalogue.archiveTrailingText(rest, line: line)) }
  }

  /// The byte offset of ". " followed by an ASCII digit outside brackets, the list's end.
  static func closingStop(in text: String) -> Int? {
    text.withUTF8Bytes { b -> Int? in
      var depth = 0
      var k = 0
      while k + 2 < b.count {
        switch b[k] {
        case UInt8(ascii: "("): depth += 1
        case UInt8(ascii: ")"): depth = max(0, depth - 1)
        case UInt8(ascii: "."):
          if depth == 0, b[k + 1] == 0x20, b[k + 2] &- 0x30 < 10 { return k + 1 }
        default: break
        }
        k += 1
      }
      return nil
    }
  }

  // MARK: signature

  /// authority-line* title? note? name, from the pieces of a signature block: each
  /// authority mark (`TM.`, `KT.` …) opens a segment; the first gives `authority` and
  /// `on_behalf_of`, the signer's own title is the last line of the last segment (or, when
  /// a cell ran the lines together, the longest signer title it ends with); the name is the
  /// first person's name after the capitals.
  func signature(_ pieces: [Piece]) -> Signature? {
    guard let first = pieces.first else { return nil }
    var upper: [Piece] = []
    var signer: String?
    for piece in pieces {
      var text = piece.text.trimmingSpaces()
      if text.isEmpty || isNote(text) { continue }
      // A cell holding the capitals and then the name: "PHÓ THỦ TƯỚNG Nguyễn Sinh Hùng".
      let (caps, rest) = Self.splitTrailingName(text)
      if !caps.isEmpty, let rest {
        upper.append((caps, piece.line))
        signer = rest
        break
      }
      text = Self.withoutNotes(text)
      if FooterReader.looksLikeName(text) {
        signer = text
        break
      }
      if LogicalText.containsLowercase(text) { break }
      upper.append((text, piece.line))
    }
    guard !upper.isEmpty || signer != nil else { return nil }
    // Segments, each opened by an authority mark.
    var segments: [(authority: String?, lines: [String])] = []
    for (text, _) in upper {
      // Only a line's first part can lack a mark: it goes on with the segment above.
      for part in authorityParts(text) {
        if part.authority != nil || segments.isEmpty {
          segments.append((part.authority, part.rest.isEmpty ? [] : [part.rest]))
        } else {
          segments[segments.count - 1].lines.append(part.rest)
        }
      }
    }
    var sig = Signature(authority: nil, onBehalfOf: nil, title: nil, signer: signer, line: first.line)
    guard !segments.isEmpty else { return sig }
    segments = segments.map { ($0.authority, joinBrokenNames($0.lines)) }
    let head = segments[0]
    sig.authority = head.authority
    let last = segments[segments.count - 1]
    var lastLines = last.lines
    var title: String?
    if let lastLine = lastLines.last {
      let folded = Words.fold(lastLine).map(Words.bare)
      if lex.signerTitles.matchWhole(folded) != nil {
        title = lastLines.removeLast()
      } else if let (body, suffix) = splitTitleSuffix(lastLine) {
        title = suffix
        lastLines[lastLines.count - 1] = body
      } else if lastLines.count >= 2 || segments.count >= 2 || head.authority == nil {
        // The block's own lines: the last one is the signer's title.
        title = lastLines.removeLast()
      }
    }
    sig.title = title
    if segments.count == 1 {
      sig.onBehalfOf = lastLines.isEmpty ? nil : lastLines.joinedText(" ")
    } else {
      sig.onBehalfOf = head.lines.isEmpty ? nil : head.lines.joinedText(" ")
    }
    if sig.authority == nil, sig.onBehalfOf != nil, sig.title == nil {
      sig.title = sig.onBehalfOf
      sig.onBehalfOf = nil
    }
    return sig
  }

  /// "TL. TỔNG CỤC TRƯỞNG KT. VỤ TRƯỞNG" → [(TL, "TỔNG CỤC TRƯỞNG"), (KT, "VỤ TRƯỞNG")].
  func authorityParts(_ text: String) -> [(authority: String?, rest: String)] {
    let words = Words.splitOnSpaces(text).map(String.init)
    var parts: [(authority: String?, rest: [String])] = [(nil, [])]
    for w in words {
      if let value = authorityValue(w) {
        parts.append((value, []))
      } else {
        parts[parts.count - 1].rest.append(w)
      }
    }
    if parts[0].rest.isEmpty { parts.removeFirst() }
    return parts.map { ($0.authority, $0.rest.joinedText(" ")) }
  }

  /// `TM.`, `KT.`, `T/M.`, `Q.` … as Grammar/signature.tsv lists them.
  func authorityValue(_ word: String) -> String? {
    // Only a word that may be canonically equal to ASCII text opening like some authority can
    // equal one; comparing each Vietnamese word of a signature block with every authority took
    // the normalising comparison.
    if let leads = lex.signatureAuthorityLeads, !GrammarLexicon.opensAsASCII(word, leads: leads) { return nil }
    // The authorities are ASCII: a word with any other letter ("TỔNG") equals none.
    if lex.signatureAuthoritiesAreASCII, !GrammarLexicon.mayEqualASCII(word) { return nil }
    for (prefix, value) in lex.signatureAuthorities where word == prefix { return value }
    return nil
  }

  /// The longest signer title (Grammar/signature.tsv) the text ends with, and what precedes
  /// it: "ỦY BAN NHÂN DÂN CHỦ TỊCH" → ("ỦY BAN NHÂN DÂN", "CHỦ TỊCH").
  func splitTitleSuffix(_ text: String) -> (body: String, title: String)? {
    let words = Words.splitOnSpaces(text).map(String.init)
    let folded = Words.fold(text).map(Words.bare)
    guard words.count == folded.count, words.count >= 2 else { return nil }
    for start in 1..<words.count {
      if lex.signerTitles.matchWhole(Array(folded[start...])) != nil {
        return (words[..<start].joinedText(" "), words[start...].joinedText(" "))
      }
    }
    return nil
  }

  /// Lines of a body's name broken mid-name ("ỦY BAN NHÂN" / "DÂN") joined again.
  private func joinBrokenNames(_ lines: [String]) -> [String] {
    var out: [String] = []
    var carry: String?
    for line in lines where !line.isEmpty {
      let text = carry.map { $0 + " " + line } ?? line
      carry = nil
      let folded = Words.fold(text).map(Words.bare)
      if lex.keyword(.issuerBody).isPrefixOfSome(folded), lex.keyword(.issuerBody).matchWhole(folded) == nil {
        carry = text
        continue
      }
      out.append(text)
    }
    if let carry { out.append(carry) }
    return out
  }

  /// "(Đã ký)", "[đã ký]", "(Ký, ghi rõ họ tên)", "(Đã ký và đóng dấu)": a bracketed note
  /// or a short lower-case note of signing ("Đóng dấu, ký tên", words in `lex.signingNotes`).
  func isNote(_ text: String) -> Bool {
    if let f = text.first, let l = text.last, f == "(" && l == ")" || f == "[" && l == "]" { return true }
    return isSigningNote(text)
  }

  /// A short lower-case line holding words of signing (`lex.signingNotes`), bracketed or not:
  /// "(Đã ký)", "Đóng dấu, ký tên"; "(Kèm theo Kế hoạch …)" is none.
  func isSigningNote(_ text: String) -> Bool {
    guard text.utf8.count <= 80, LogicalText.containsLowercase(text) else { return false }
    let words = Words.fold(text).map(Words.bare)
    guard words.count <= Self.longestNote else { return false }
    return words.indices.contains { lex.signingNotes.matchPrefix(bare: words[$0...]) != nil }
  }

  /// Words in a note of signing, at most.
  static let longestNote = 8

  /// A note glued to the name: "Nguyễn Văn An (đã ký)".
  static func withoutNotes(_ text: String) -> String {
    guard text.endsWith(ascii: ")") || text.endsWith(ascii: "]"), let open = text.lastIndex(where: { $0 == "(" || $0 == "[" }) else {
      return text
    }
    return text[..<open].trimmingSpaces()
  }

  /// "PHÓ THỦ TƯỚNG Nguyễn Sinh Hùng" → ("PHÓ THỦ TƯỚNG", "Nguyễn Sinh Hùng"): capitals
  /// followed by a person's name in one cell; nil rest when the text holds no such name. What
  /// follows the name in capitals (the signer's other office, "TRƯỞNG BAN XÂY DỰNG ĐẢNG") is
  /// left out.
  static func splitTrailingName(_ text: String) -> (caps: String, rest: String?) {
    let cleaned = withoutNotes(text)
    // The words before the name are capitals: a first word holding a small letter is the
    // name's own (none before it) or one no name may follow, so there is none, told before
    // the cell is cut into words (most cells a footer search asks open so: "Phòng …").
    if let first = Words.firstOnSpaces(cleaned), LogicalText.containsLowercase(first) { return ("", nil) }
    let words = Words.splitOnSpaces(cleaned).map(String.init)
    guard words.count >= 3 else { return ("", nil) }
    // The name: the first run of 2–5 capitalised words with a lower-case letter after capitals.
    guard let k = words.firstIndex(where: isNameWord), k > 0 else { return ("", nil) }
    var end = k
    while end < words.count, isNameWord(words[end]) { end += 1 }
    guard (2...5).contains(end - k), words[end...].allSatisfy({ !LogicalText.containsLowercase($0) }) else {
      return ("", nil)
    }
    let caps = words[..<k].joinedText(" ")
    guard !LogicalText.containsLowercase(caps) else { return ("", nil) }
    let name = words[k..<end].joinedText(" ")
    return FooterReader.looksLikeName(name) ? (caps, name) : ("", nil)
  }

  private static func isNameWord(_ w: String) -> Bool {
    // A capital, then a small letter somewhere after it (so two scalars at least), read off the
    // scalar view rather than an array made of it for each word.
    guard let f = w.unicodeScalars.first, ScalarClass.isUppercase(f) else { return false }
    return w.unicodeScalars.dropFirst().contains { ScalarClass.isLowercase($0) }
  }
}
