import VanBanGrammar
import VanBanModel
import VanBanText
import VanBanBytes

/// Target values (giá trị chỉ tiêu): "≥ 90", "≥ 1,1" (cleaned from `$\geq 1,1$`), "Top 30", "100%",
/// "tối thiểu 45%", in a table cell or inside a sentence of prose.
///
/// Works on the string's Unicode scalars, tokenised once per call into words, numbers and single
/// symbols; only the few words next to a number are ever folded for matching. Every Vietnamese
/// word it looks for comes from Grammar: `value-words.tsv` (comparisons, labels), `keywords.tsv`
/// (the date words and "số") and `doc-kinds.tsv` (so "Đề án 06" is a name, not a count).
struct ValueParser: Sendable {
  init() {}

  /// A table cell holds one value, written as
  ///
  ///     value     -> qualifier* number "%"? after?
  ///     qualifier -> "≥" | "⩾" | ">=" | "=>" | ">" | "≤" | "⩽" | "<=" | "=<" | "<" | "="
  ///                | phrase (value-words.tsv, place before: "tối thiểu", "Top", "đạt" …)
  ///     after     -> phrase (value-words.tsv, place after: "trở lên", "trở xuống")
  ///     number    -> digit+ (("." | ",") digit+)*
  ///     op        -> the qualifier nearest the number that is not "=", else after's, else "="
  ///
  /// Vietnamese numbers write the decimal point as "," and group thousands with ".": `1,1` = 1.1,
  /// `1.000` = 1000, `10.000.000` = 1e7. A lone "." is still a decimal point when the number starts
  /// `0.` or fewer or more than three digits follow it (`0.725`, `0.8`, `1.5`), because OCR'd and
  /// Excel-made tables often carry the English form. Only commas with three-digit groups
  /// (`1,000,000`) are English thousands.
  ///
  /// Several numbers: a percentage wins, then a number with a qualifier, then the first. Numbers
  /// that are labels never count: glued to letters (`5G`, `QH15`), part of a date or document
  /// number (`22/12/2024`, `57-NQ/TW`), an ordinal `(3)`, or after a skip word (`Quý 2`, `năm 2025`,
  /// `Đề án 06`). The text is the whole cell, so qualifiers such as "và không thấp hơn chỉ tiêu tỉnh
  /// giao" survive; a cell with no usable number keeps its text with no value, for a diagnostic.
  func parse(cell: String, year: Int?) -> TargetValue? {
    let text = Self.trimmed(cell)
    if text.isEmpty { return nil }
    // Every value is a number token, which opens with an ASCII digit: a cell without one has
    // none, and is settled before it is decoded and cut into tokens.
    guard Self.holdsDigit(text) else { return TargetValue(year: year, op: .eq, value: nil, text: text) }
    var scan = Scan(text)
    guard let c = scan.best(inSentence: false) else {
      return TargetValue(year: year, op: .eq, value: nil, text: text)
    }
    return TargetValue(year: year, op: c.op, value: c.value, text: text)
  }

  /// A sentence states its value with the same grammar as a cell, somewhere among other numbers.
  /// Prose is full of bare numbers that are not targets — list markers (`1.`, `(3)`), years,
  /// counts in names ("chính quyền địa phương 2 cấp", "tại 14 ấp", "Đề án 06") — so a sentence's
  /// value must be a percentage or carry a qualifier ("ít nhất 02 lớp", "đạt Top 30"); otherwise
  /// the sentence states none. A percentage wins over qualified counts ("phủ sóng 4G đạt 95%").
  /// The text is only the value's own words: qualifiers, number, "%" and a following "trở lên".
  func find(inSentence sentence: String, year: Int?) -> TargetValue? {
    // As in `parse(cell:year:)`: most clauses of a targets section state no number at all.
    guard Self.holdsDigit(sentence) else { return nil }
    var scan = Scan(sentence)
    guard let c = scan.best(inSentence: true) else { return nil }
    return TargetValue(year: year, op: c.op, value: c.value, text: scan.text(from: c.first, through: c.last))
  }

  /// Whether some byte is an ASCII digit, the first scalar of every number token (`Scan`).
  static func holdsDigit(_ text: String) -> Bool {
    text.withUTF8Bytes { b in b.contains { $0 &- 0x30 < 10 } }
  }

  /// A year is a four-digit number 1900–2100 standing on its own. One introduced by the year word
  /// (`năm 2026`, `NĂM 2026`, `hết năm 2030`) wins over a bare one, because titles also carry
  /// dates (`ngày 22/12/2024 … NĂM 2026`), whose years are never taken. A period `2026-2030` names
  /// the year its targets are due: its end.
  static func year(in text: String) -> Int? {
    // A year is four ASCII digits in a row; most titles and sentences have none, and then
    // there is nothing to scan.
    let hasFourDigits = text.withUTF8Bytes { b -> Bool in
      var run = 0
      for c in b {
        run = c &- 0x30 < 10 ? run + 1 : 0
        if run == 4 { return true }
      }
      return false
    }
    guard hasFourDigits else { return nil }
    var scan = Scan(text)
    var fallback: Int?
    var i = 0
    while i < scan.tokens.count {
      guard var year = scan.yearValue(i) else {
        i += 1
        continue
      }
      var end = i
      // "2026-2030", "2026 – 2030"
      if scan.isDash(i + 1), let last = scan.yearValue(i + 2) {
        year = last
        end = i + 2
      }
      if !scan.isGluedOnLeft(i) && !scan.isGluedOnRight(end) {
        if scan.phraseEnds(at: i - 1, in: Lexicon.shared.yearWords) != nil { return year }
        if fallback == nil { fallback = year }
      }
      i = end + 1
    }
    return fallback
  }

  static func trimmed(_ s: String) -> String {
    // A cell that opens with a byte no white space starts (`WhiteSpace.isPlain`: printable
    // ASCII, or a lead byte of none) and ends in printable ASCII (most: "100%", "Đạt 95%") is
    // its own trim, told by two bytes; the scalar walk and the String cut from it were a
    // fifth of reading a value. The last byte must be ASCII: a continuation byte may end a
    // white space (U+00A0 is C2 A0).
    let ends = s.withUTF8Bytes { b -> (UInt8, UInt8)? in b.first.map { ($0, b[b.count - 1]) } }
    if let (first, last) = ends, WhiteSpace.isPlain(first), last < 0x80, WhiteSpace.isPlain(last) { return s }
    let u = s.unicodeScalars
    guard let a = u.firstIndex(where: { !$0.properties.isWhitespace }),
      let b = u.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(u[a...b])
  }
}

// MARK: - Lexicon

extension ValueParser {
  /// Grammar's value words, folded once into lookups by the word nearest the number.
  struct Lexicon: Sendable {
    struct Phrase: Sendable {
      var words: [String]
      /// nil: a skip phrase, whose neighbouring number is a label.
      var op: TargetValue.Op?
    }

    /// Phrases before a number, by their last word, longest first.
    let before: WordGroups<Phrase>
    /// Phrases after a number, by their first word, longest first.
    let after: WordGroups<Phrase>
    /// Words introducing a year ("năm"), by their last word.
    let yearWords: WordGroups<Phrase>
    /// TeX commands and the scalar each stands for.
    let latex: [String: Unicode.Scalar]

    static let shared = Lexicon()

    init() {
      var before: [Phrase] = []
      var after: [Phrase] = []
      let table = GrammarData.table("value-words")
      let places = table.column("place")
      for (k, (opText, text)) in zip(table.column("op"), table.column("phrase")).enumerated() {
        let op = TargetValue.Op(rawValue: opText)
        guard op != nil || opText == "skip" else { continue }
        let phrase = Phrase(words: Self.fold(text), op: op)
        if phrase.words.isEmpty { continue }
        if k < places.count, places[k] == "after" { after.append(phrase) } else { before.append(phrase) }
      }
      // Dates, document numbers and cited documents come from the tables that define them.
      let kw = GrammarData.table("keywords")
      var years: [Phrase] = []
      for (role, text) in zip(kw.column("role"), kw.column("phrase")) {
        guard ["date_day", "date_month", "date_year", "reference_number", "number"].contains(role) else { continue }
        let phrase = Phrase(words: Self.fold(text), op: nil)
        guard !phrase.words.isEmpty else { continue }
        before.append(phrase)
        if role == "date_year" { years.append(phrase) }
      }
      for form in GrammarData.table("doc-kinds").column("form") {
        let words = Self.fold(form)
        if !words.isEmpty { before.append(Phrase(words: words, op: nil)) }
      }
      self.before = Self.index(before, by: { $0.words.last! })
      self.after = Self.index(after, by: { $0.words.first! })
      self.yearWords = Self.index(years, by: { $0.words.last! })
      let tex = GrammarData.table("latex")
      var latex: [String: Unicode.Scalar] = [:]
      for (command, character) in zip(tex.column("command"), tex.column("character")) {
        let u = character.unicodeScalars
        if u.count == 1, let c = u.first { latex[command] = c }
      }
      self.latex = latex
    }

    static func fold(_ s: String) -> [String] {
      FoldingKey.toneInsensitive(s).split(separator: " ").map(String.init)
    }

    /// Keyed by bytes: folded words are NFC, and String's own hash normalises again. Sorted
    /// longest first before grouping, ties in the table's order: each group keeps the order.
    private static func index(_ phrases: [Phrase], by key: (Phrase) -> String) -> WordGroups<Phrase> {
      WordGroups(phrases.longestFirst { $0.words.count }, by: key)
    }
  }
}

// MARK: - Scanning

extension ValueParser {
  struct Token {
    enum Kind { case word, number, symbol }
    var kind: Kind
    /// Scalar offsets, end exclusive.
    var start: Int
    var end: Int
    /// White space stands between this token and the one before.
    var spaced: Bool
  }

  /// A number read as a value, with the tokens its text spans.
  struct Candidate {
    var first: Int
    var last: Int
    var value: Double
    var op: TargetValue.Op
    var percent: Bool
    /// A qualifier or a following phrase states the comparison.
    var stated: Bool
  }

  /// One string tokenised; word keys are folded on demand and kept.
  struct Scan {
    let scalars: [Unicode.Scalar]
    let tokens: [Token]
    private var keys: [String?]
    private let lex = Lexicon.shared

    init(_ s: String) {
      // Decoded from the bytes into room for them all: `Array(s.unicodeScalars)` walked the
      // text twice (to count, then to copy), and the token array grew step by step. Written
      // in place, an ASCII byte as it is: appending checked the array's room and uniqueness
      // at every scalar.
      let scalars = s.withUTF8Bytes { b in
        [Unicode.Scalar](unsafeUninitializedCapacity: b.count) { out, count in
          var at = 0
          var w = 0
          while at < b.count {
            let byte = b[at]
            if byte < 0x80 {
              out[w] = Unicode.Scalar(byte)
              at += 1
            } else {
              let (v, width) = UTF8Scalar.decode(b, at: at)
              out[w] = Unicode.Scalar(v) ?? "\u{FFFD}"
              at += width
            }
            w += 1
          }
          count = w
        }
      }
      var tokens: [Token] = []
      tokens.reserveCapacity(scalars.count / 2 + 1)
      var i = 0
      var spaced = false
      while i < scalars.count {
        let c = scalars[i]
        if Self.isSpace(c) {
          spaced = true
          i += 1
          continue
        }
        let start = i
        let kind: Token.Kind
        if Self.isDigit(c) {
          kind = .number
          i += 1
          while i < scalars.count {
            if Self.isDigit(scalars[i]) {
              i += 1
            } else if scalars[i] == "." || scalars[i] == ",", i + 1 < scalars.count, Self.isDigit(scalars[i + 1]) {
              i += 2
            } else {
              break
            }
          }
        } else if Self.isLetter(c) {
          kind = .word
          i += 1
          while i < scalars.count, Self.isLetter(scalars[i]) { i += 1 }
        } else {
          kind = .symbol
          i += 1
        }
        tokens.append(Token(kind: kind, start: start, end: i, spaced: spaced || start == 0))
        spaced = false
      }
      self.scalars = scalars
      self.tokens = tokens
      // Filled on the first key asked: most scans (years in titles, values in cells) never ask.
      self.keys = []
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    /// White space; ASCII answered on its value, the rest from `ScalarClass`'s table (most
    /// scalars are ASCII or letters, and property look-ups were most of the scan).
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
      if c.value < 0x80 { return c.value == 0x20 || (c.value >= 0x09 && c.value <= 0x0D) }
      return ScalarClass.isWhiteSpace(c)
    }

    /// A letter: alphabetic, or a combining mark (which belongs to the letter before it).
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
      if c.value < 0x80 { return (c.value | 0x20) >= 0x61 && (c.value | 0x20) <= 0x7A }
      return ScalarClass.isAlphabetic(c) || ScalarClass.isMark(c)
    }

    func text(from a: Int, through b: Int) -> String {
      String(scalars: scalars[tokens[a].start..<tokens[b].end])
    }

    private func symbol(_ i: Int) -> Unicode.Scalar? {
      guard i >= 0, i < tokens.count, tokens[i].kind == .symbol else { return nil }
      return scalars[tokens[i].start]
    }

    private func isWordOrNumber(_ i: Int) -> Bool {
      i >= 0 && i < tokens.count && tokens[i].kind != .symbol
    }

    func isDash(_ i: Int) -> Bool {
      guard let s = symbol(i) else { return false }
      return s == "-" || s == "\u{2013}" || s == "\u{2014}"
    }

    /// The folded key of word token `i`.
    private mutating func key(_ i: Int) -> String {
      if keys.isEmpty { keys = Array(repeating: nil, count: tokens.count) }
      if let k = keys[i] { return k }
      let k = FoldingKey.toneInsensitive(String(scalars: scalars[tokens[i].start..<tokens[i].end]))
      keys[i] = k
      return k
    }

    /// The longest phrase whose last word is token `end`, its words consecutive word tokens.
    mutating func phraseEnds(at end: Int, in index: WordGroups<Lexicon.Phrase>) -> Lexicon.Phrase? {
      guard end >= 0, end < tokens.count, tokens[end].kind == .word,
        let candidates = index.group(key(end))
      else { return nil }
      for p in candidates where p.words.count <= end + 1 {
        var ok = true
        for (n, w) in p.words.reversed().enumerated().dropFirst() {
          let t = end - n
          // A phrase's words are separated by white space only.
          guard tokens[t].kind == .word, tokens[t + 1].spaced, key(t) == w else {
            ok = false
            break
          }
        }
        if ok { return p }
      }
      return nil
    }

    /// The longest phrase whose first word is token `start`.
    mutating func phraseStarts(at start: Int, in index: WordGroups<Lexicon.Phrase>) -> Lexicon.Phrase? {
      guard start >= 0, start < tokens.count, tokens[start].kind == .word,
        let candidates = index.group(key(start))
      else { return nil }
      for p in candidates where start + p.words.count <= tokens.count {
        var ok = true
        for (n, w) in p.words.enumerated().dropFirst() {
          let t = start + n
          guard tokens[t].kind == .word, tokens[t].spaced, key(t) == w else {
            ok = false
            break
          }
        }
        if ok { return p }
      }
      return nil
    }

    /// Number token `i` is glued to what precedes it: a word (`QH15`), a slash (`…/2024`) or a
    /// hyphen after a word or number (`NQ-57`, `2026-2030`).
    mutating func isGluedOnLeft(_ i: Int) -> Bool {
      guard i > 0, !tokens[i].spaced else { return false }
      switch tokens[i - 1].kind {
      case .word:
        // "Top30": a qualifier may touch its number.
        if let p = phraseEnds(at: i - 1, in: lex.before), p.op != nil, p.words.count == 1 { return false }
        return true
      case .number: return true
      case .symbol:
        if symbol(i - 1) == "/" { return true }
        return isDash(i - 1) && i >= 2 && !tokens[i - 1].spaced && isWordOrNumber(i - 2)
      }
    }

    /// Number token `i` is glued to what follows it: a word (`5G`), a slash (`22/…`, `74/KH`) or a
    /// hyphen before a word or number (`57-NQ`).
    func isGluedOnRight(_ i: Int) -> Bool {
      let n = i + 1
      guard n < tokens.count, !tokens[n].spaced else { return false }
      switch tokens[n].kind {
      case .word, .number: return true
      case .symbol:
        if symbol(n) == "/" { return true }
        return isDash(n) && n + 1 < tokens.count && !tokens[n + 1].spaced && isWordOrNumber(n + 1)
      }
    }

    /// The value of number token `i` when it is a plain year 1900–2100.
    func yearValue(_ i: Int) -> Int? {
      guard i >= 0, i < tokens.count, tokens[i].kind == .number, tokens[i].end - tokens[i].start == 4 else { return nil }
      var y = 0
      for c in scalars[tokens[i].start..<tokens[i].end] {
        guard Self.isDigit(c) else { return nil }
        y = y * 10 + Int(c.value - 0x30)
      }
      return (1900...2100).contains(y) ? y : nil
    }

    /// The comparison symbol ending at token `j` and how many tokens it takes; a TeX command
    /// left by a converter (`\geq`, read from Grammar/latex.tsv) counts as its character.
    private func comparison(endingAt j: Int) -> (TargetValue.Op, Int)? {
      if j >= 1, tokens[j].kind == .word, !tokens[j].spaced, symbol(j - 1) == "\\" {
        guard let c = lex.latex["\\" + String(scalars: scalars[tokens[j].start..<tokens[j].end])], let op = Self.symbolOps[c] else { return nil }
        return (op, 2)
      }
      guard let s = symbol(j) else { return nil }
      let prev = tokens[j].spaced ? nil : symbol(j - 1)
      switch s {
      case ">": return prev == "=" ? (.ge, 2) : (.gt, 1)
      case "<": return prev == "=" ? (.le, 2) : (.lt, 1)
      case "=":
        if prev == ">" { return (.ge, 2) }
        if prev == "<" { return (.le, 2) }
        return (.eq, 1)
      default: return Self.symbolOps[s].map { ($0, 1) }
      }
    }

    static let symbolOps: [Unicode.Scalar: TargetValue.Op] = [
      "\u{2265}": .ge, "\u{2A7E}": .ge, "\u{2264}": .le, "\u{2A7D}": .le,
      ">": .gt, "<": .lt, "=": .eq,
    ]

    /// Number token `i` read as a value, or nil when it is a label.
    mutating func candidate(_ i: Int, inSentence: Bool) -> Candidate? {
      guard let value = Self.number(scalars[tokens[i].start..<tokens[i].end]) else { return nil }
      if isGluedOnLeft(i) || isGluedOnRight(i) { return nil }
      if symbol(i - 1) == "(", symbol(i + 1) == ")" { return nil }
      var last = i
      var percent = false
      // Per cent, full-width per cent, per mille ("0,05‰": a birth rate's change).
      if let s = symbol(i + 1), s == "%" || s == "\u{FF05}" || s == "\u{2030}" {
        percent = true
        last = i + 1
      } else if symbol(i + 1) == "\\", symbol(i + 2) == "%", !tokens[i + 2].spaced {
        percent = true  // TeX "\%"
        last = i + 2
      }
      // Qualifiers, nearest first.
      var first = i
      var op: TargetValue.Op?
      var j = i - 1
      while j >= 0 {
        var found: (TargetValue.Op, Int)?
        if let c = comparison(endingAt: j) {
          found = c
        } else if let p = phraseEnds(at: j, in: lex.before), let pop = p.op {
          found = (pop, p.words.count)
        }
        guard let (qop, width) = found else { break }
        if op == nil, qop != .eq { op = qop }
        j -= width
        first = j + 1
      }
      // "- Dân số: 374.125 người": a number opening what follows a label's colon is the value
      // the label states, as a comparison would state it. In a sentence only: a table's cell
      // takes a bare number anyway, and there the colon would change which number is chosen.
      var stated = first < i || (inSentence && first == i && symbol(i - 1) == ":")
      if let p = phraseStarts(at: last + 1, in: lex.after) {
        if let pop = p.op {
          if op == nil { op = pop }
          last += p.words.count
          stated = true
        } else if !percent && !stated {
          return nil  // a label such as an age
        }
      }
      if !percent && !stated {
        if inSentence { return nil }
        if phraseEnds(at: i - 1, in: lex.before).map({ $0.op == nil }) == true { return nil }
      }
      return Candidate(first: first, last: last, value: value, op: op ?? .eq, percent: percent, stated: stated)
    }

    /// The value to report: the first percentage, else the first stated comparison, else the
    /// first number.
    mutating func best(inSentence: Bool) -> Candidate? {
      var stated: Candidate?
      var plain: Candidate?
      for i in tokens.indices where tokens[i].kind == .number {
        guard let c = candidate(i, inSentence: inSentence) else { continue }
        if c.percent { return c }
        if c.stated, stated == nil { stated = c }
        if plain == nil { plain = c }
      }
      return stated ?? plain
    }

    /// A number token's value: "," is the decimal point and "." groups thousands, unless the
    /// digits show otherwise (see `ValueParser.parse(cell:year:)`). nil for a section number
    /// such as "2.3.1".
    static func number(_ s: ArraySlice<Unicode.Scalar>) -> Double? {
      // The digits and where each group of them ends, and the separators, in scratch memory:
      // a String per group, an array of them and a Set of the separators were made for every
      // number of every target value.
      let n = s.count
      return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n + 1) { digits in
        withUnsafeTemporaryAllocation(of: Int.self, capacity: n + 1) { ends in
          withUnsafeTemporaryAllocation(of: UInt32.self, capacity: n + 1) { seps in
            var d = 0
            var sepCount = 0
            for c in s {
              if isDigit(c) {
                digits[d] = UInt8(c.value)
                d += 1
              } else {
                ends[sepCount] = d
                seps[sepCount] = c.value
                sepCount += 1
              }
            }
            ends[sepCount] = d
            let groupCount = sepCount + 1
            @inline(__always) func start(_ g: Int) -> Int { g == 0 ? 0 : ends[g - 1] }
            @inline(__always) func length(_ g: Int) -> Int { ends[g] - start(g) }
            func threeDigitGroups(_ from: Int, _ to: Int) -> Bool { (from..<to).allSatisfy { length($0) == 3 } }
            // The integer is digits[..<integerEnd] (the separators are not among the digits),
            // the fraction digits[fraction].
            var integerEnd = 0
            var fraction = 0..<0
            if sepCount == 0 {
              integerEnd = d
            } else if (1..<sepCount).allSatisfy({ seps[$0] == seps[0] }) {
              if sepCount == 1 {
                let leadingZero = (0..<ends[0]).allSatisfy { digits[$0] == 0x30 }
                let thousands = seps[0] == 0x2E && length(1) == 3 && !leadingZero
                integerEnd = thousands ? d : ends[0]
                fraction = thousands ? 0..<0 : ends[0]..<d
              } else {
                guard threeDigitGroups(1, groupCount) else { return nil }
                integerEnd = d
              }
            } else {
              // "1.234,5" or "1,234.5": the last separator differs from all before it.
              let last = seps[sepCount - 1]
              guard (0..<(sepCount - 1)).allSatisfy({ seps[$0] != last }), threeDigitGroups(1, groupCount - 1) else { return nil }
              integerEnd = start(groupCount - 1)
              fraction = start(groupCount - 1)..<d
            }
            // Written as the text `Double` reads ("0" for no integer digits, then "." and the
            // fraction when there is one): the same text the groups were joined into before.
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: d + 2) { text -> Double? in
              var o = 0
              if integerEnd == 0 {
                text[0] = 0x30
                o = 1
              } else {
                for k in 0..<integerEnd {
                  text[o] = digits[k]
                  o += 1
                }
              }
              if !fraction.isEmpty {
                text[o] = 0x2E
                o += 1
                for k in fraction {
                  text[o] = digits[k]
                  o += 1
                }
              }
              return Double(String(trustedUTF8: UnsafeBufferPointer(rebasing: text[..<o])))
            }
          }
        }
      }
    }
  }
}
