import VanBanGrammar
import VanBanModel
import VanBanText

/// Deadlines (thời hạn) as plans write them.
///
/// A task table's deadline cell is free text ("Quý II năm 2026", "Trước ngày 15/6/2026",
/// "Thường xuyên"); consumers want an interval they can sort and filter on, so each cell becomes
/// the first and last calendar day it allows. Every word the parser looks for comes from
/// `Grammar/deadline-words.tsv`, so a new phrasing is a Grammar edit, not a code change.
/// A cell the grammar does not cover is kept verbatim as `unknown` rather than guessed at.
struct DeadlineParser: Sendable {
  /// `parse` answers by default year and text. Deadline cells repeat within a plan (a flattened
  /// row's tail is parsed to find the deadline, then the cell again) and across plans
  /// ("Thường xuyên", "Năm 2026", "Quý II/2026"); a parse folds and tokenises the cell each time.
  private let answers = Memo<Deadline?>()

  init() {}

  /// Tokens (folded, tone placement ignored) and roles (the `role` column of
  /// `Grammar/deadline-words.tsv`, written in capitals):
  ///
  ///     deadline  -> bullet? (any-role-phrase | ordinal | number | punct)* RECURRING (clause-break any*)?
  ///                | bullet? prefix* point ((AND | RANGE_SEP) point)* ONWARD? trailing-punct*
  ///     RECURRING -> CONTINUOUS | MONTHLY | QUARTERLY | YEARLY             -- the first one wins
  ///     prefix    -> BEFORE | BY | FROM | WITHIN | PERIOD | FILLER
  ///     point     -> QUARTER ordinal year?                               -- "Quý II/2026"
  ///                | MONTH ordinal year?                                 -- "tháng 6 năm 2025"
  ///                | YEAR yyyy | yyyy                                    -- "Năm 2026", "2026"
  ///                | DAY? date                                           -- "ngày 15/6/2026"
  ///                | DAY d MONTH m (YEAR yyyy | "/" yyyy)?               -- "ngày 15 tháng 6 năm 2026"
  ///                | m "/" yyyy                                          -- "10/2026"
  ///                | (FIRST_HALF | SECOND_HALF) yyyy?                    -- "6 tháng đầu năm 2026"
  ///                | ordinal year?     -- after a quarter or month point: "Quý II - III/2026"
  ///     date      -> d s m s yyyy  (s one of "/" "." "-", the same twice) | d "/" m
  ///     year      -> "/" yyyy | YEAR yyyy
  ///     ordinal   -> 1–2 digits | roman numeral
  ///
  /// Several points make one range from the first one's start to the last one's end; a point
  /// without a year takes the nearest written year (later points first, as in "Quý II, quý III
  /// năm 2026"), else `defaultYear`. BEFORE/BY keep the point's kind but drop the start, since only
  /// the limit is stated. FROM with a single point, or ONWARD, leaves the end open.
  func parse(_ text: String, defaultYear: Int?) -> Deadline? {
    // The year's digits (none for nil) and a "|" before the text: no two arguments share a key.
    // Joined in one go: two `+` went through the general append path, a third of a
    // remembered answer's cost.
    let key = String.joining(defaultYear.map(String.init) ?? "", "|", text)
    return answers.value(key) { _ in read(text, defaultYear: defaultYear) }
  }

  /// `parse`, unremembered.
  private func read(_ text: String, defaultYear: Int?) -> Deadline? {
    let trimmed = Self.trimmed(text)
    guard !trimmed.isEmpty else { return nil }
    let unknown = Deadline(text: trimmed, kind: .unknown, start: nil, end: nil, recurrence: nil)
    let tokens = Self.stripped(Self.tokens(of: FoldingKey.toneInsensitive(trimmed)))
    let words = Self.vocabulary

    if let r = Self.recurrence(in: tokens, words) {
      return Deadline(text: trimmed, kind: .recurring, start: nil, end: nil, recurrence: r)
    }

    var reader = Reader(tokens: tokens, words: words)
    guard let reading = reader.deadline(), reader.atEnd,
      let resolved = reading.resolved(defaultYear: defaultYear)
    else { return unknown }
    return Deadline(
      text: trimmed, kind: resolved.kind, start: resolved.start?.iso, end: resolved.end?.iso,
      recurrence: nil)
  }

  // MARK: Vocabulary

  /// Values of the Grammar file's `role` column.
  enum Role: String, Sendable {
    case quarter, month, year, day
    case before, by, from, within, period, filler, onward
    case and
    case rangeSep = "range_sep"
    case continuous, monthly, quarterly, yearly
    case firstHalf = "first_half"
    case secondHalf = "second_half"
  }

  /// The first recurrence phrase, when it is what the cell is about: only deadline words and
  /// numbers before it ("Trước ngày 20 hàng tháng"), and the end or a clause break after it
  /// ("Thường xuyên, báo cáo hàng quý"). Task names and results also say "thường xuyên"
  /// ("Thường xuyên truy nhập để cập nhật …"); callers that look for a deadline among a flattened
  /// row's lines must not take those for one.
  static func recurrence(in tokens: [String], _ words: Vocabulary) -> Deadline.Recurrence? {
    guard let k = tokens.indices.first(where: { words.match(tokens, at: $0, recurrenceRoles) != nil }),
      let m = words.match(tokens, at: k, recurrenceRoles), let r = recurrence(m.role)
    else { return nil }
    let after = k + m.count
    guard after == tokens.count || clauseBreaks.contains(tokens[after]) else { return nil }
    var j = 0
    while j < k {
      if let w = words.match(tokens, at: j, allRoles), j + w.count <= k {
        j += w.count
      } else if tokens[j].allSatisfy({ !$0.isLetter }) || romanValue(tokens[j]) != nil {
        j += 1
      } else {
        return nil
      }
    }
    return r
  }

  static let clauseBreaks: Set<String> = [",", ";", "(", "-", "–", "—", ":", "."]

  static let allRoles: Set<Role> = [
    .quarter, .month, .year, .day, .before, .by, .from, .within, .period, .filler, .onward, .and,
    .rangeSep, .continuous, .monthly, .quarterly, .yearly, .firstHalf, .secondHalf,
  ]

  static let recurrenceRoles: Set<Role> = [.continuous, .monthly, .quarterly, .yearly]
  // The reader's role sets, made once: a set literal at each call was built and hashed anew
  // for every token tried.
  static let prefixRoles: Set<Role> = [.before, .by, .from, .within, .period, .filler]
  static let onwardRoles: Set<Role> = [.onward]
  static let joinRoles: Set<Role> = [.and, .rangeSep]
  static let halfRoles: Set<Role> = [.firstHalf, .secondHalf]
  static let pointRoles: Set<Role> = [.quarter, .month, .year, .day]
  static let yearRoles: Set<Role> = [.year]
  static let monthRoles: Set<Role> = [.month]

  static func recurrence(_ role: Role) -> Deadline.Recurrence? {
    switch role {
    case .continuous: .continuous
    case .monthly: .monthly
    case .quarterly: .quarterly
    case .yearly: .yearly
    default: nil
    }
  }

  /// The Grammar phrases, tokenised like the input so that "6 tháng đầu năm" and "6/2026" are
  /// compared token by token.
  struct Vocabulary: Sendable {
    struct Phrase: Sendable {
      var tokens: [String]
      var role: Role
    }
    /// By first token, longest first, so the longest phrase wins ("trước ngày" over "trước").
    private let byFirstToken: WordGroups<Phrase>

    init(table: GrammarTable) {
      var phrases: [Phrase] = []
      for (role, phrase) in zip(table.column("role"), table.column("phrase")) {
        guard let role = Role(rawValue: role) else { continue }
        let tokens = DeadlineParser.tokens(of: FoldingKey.toneInsensitive(phrase))
        if !tokens.isEmpty { phrases.append(Phrase(tokens: tokens, role: role)) }
      }
      // Keyed by bytes: tokens are folded (NFC), and String's own hash normalises again.
      // Longest first, ties in the table's order, before grouping: each group keeps the order.
      byFirstToken = WordGroups(phrases.longestFirst { $0.tokens.count }, by: { $0.tokens[0] })
    }

    /// The longest phrase of one of `roles` starting at token `k`, and how many tokens it takes.
    func match(_ tokens: [String], at k: Int, _ roles: Set<Role>) -> (role: Role, count: Int)? {
      guard k < tokens.count, let candidates = byFirstToken.group(tokens[k]) else { return nil }
      for p in candidates where roles.contains(p.role) && k + p.tokens.count <= tokens.count {
        if tokens[k..<(k + p.tokens.count)].elementsEqual(p.tokens) { return (p.role, p.tokens.count) }
      }
      return nil
    }
  }

  static let vocabulary = Vocabulary(table: GrammarData.table("deadline-words"))

  // MARK: Tokens

  /// Runs of letters, runs of ASCII digits, and single other characters; white space separates.
  /// "Quý II/2026" → ["quý", "ii", "/", "2026"]: dates need their slashes as tokens, and no
  /// regular expressions are available without Foundation.
  static func tokens(of folded: String) -> [String] {
    scalarTokens(of: folded) ?? characterTokens(of: folded)
  }

  /// `characterTokens` on Unicode scalars, for text in which every scalar is a Character of its
  /// own (Latin, Vietnamese, general punctuation; no joiners or CR) or a combining mark within a
  /// word: nil for other text. Walking Characters was most of the cost of reading a deadline cell.
  static func scalarTokens(of folded: String) -> [String]? {
    var out: [String] = []
    out.reserveCapacity(Words.expectedWords)
    let scalars = folded.unicodeScalars
    var runStart = scalars.startIndex
    var inRun = false
    var runIsDigits = false
    var i = scalars.startIndex
    while i != scalars.endIndex {
      let c = scalars[i]
      let v = c.value
      // A combining mark is part of the Character before it: within a run (the folded key
      // puts a tone on a consonant, "thanh\u{300}") it continues the run.
      if v >= 0x300 && v < 0x370 {
        guard inRun else { return nil }
        i = scalars.index(after: i)
        continue
      }
      guard v != 0x0D, v < 0x250 || (v >= 0x1E00 && v < 0x1F00) || (v >= 0x2000 && v < 0x2070 && v != 0x200C && v != 0x200D)
      else { return nil }
      let isDigit = v &- 0x30 < 10
      let isLetter: Bool
      if v < 0x80 {
        isLetter = (v | 0x20) &- 0x61 < 26
      } else {
        isLetter = ScalarClass.isLetter(c)
      }
      let next = scalars.index(after: i)
      if inRun && (isDigit ? runIsDigits : isLetter && !runIsDigits) {
        i = next
        continue
      }
      if inRun { out.append(String(scalars[runStart..<i])) }
      inRun = false
      if isDigit || isLetter {
        inRun = true
        runIsDigits = isDigit
        runStart = i
      } else if !c.properties.isWhitespace {
        out.append(String(c))
      }
      i = next
    }
    if inRun { out.append(String(scalars[runStart..<scalars.endIndex])) }
    return out
  }

  /// The tokens Character by Character: runs of ASCII digits, runs of letters, each other
  /// non-space character on its own.
  static func characterTokens(of folded: String) -> [String] {
    var out: [String] = []
    var current = ""
    var currentIsDigits = false
    func flush() {
      if !current.isEmpty { out.append(current) }
      current = ""
    }
    for c in folded {
      if c.isWhitespace {
        flush()
      } else if c.isASCII && c.isNumber {
        if !currentIsDigits { flush() }
        currentIsDigits = true
        current.append(c)
      } else if c.isLetter {
        if currentIsDigits { flush() }
        currentIsDigits = false
        current.append(c)
      } else {
        flush()
        out.append(String(c))
      }
    }
    flush()
    return out
  }

  /// Drops what decorates a cell without changing its meaning: a leading bullet, a trailing full
  /// stop or "./." (the closing mark of Vietnamese documents).
  static func stripped(_ tokens: [String]) -> [String] {
    var t = tokens[...]
    while let f = t.first, isBullet(f) { t.removeFirst() }
    while let l = t.last, isTrailingMark(l) { t.removeLast() }
    return t.count == tokens.count ? tokens : Array(t)
  }

  // Compared as small strings, without hashing: these run on both ends of every cell.
  private static func isBullet(_ t: String) -> Bool {
    // Every mark is one or three bytes: other tokens are settled by their length, before a
    // comparison that normalises non-ASCII text.
    let n = t.utf8.count
    guard n == 1 || n == 3 else { return false }
    return switch t {
    case "-", "+", "*", "•", "–": true
    default: false
    }
  }

  private static func isTrailingMark(_ t: String) -> Bool {
    let n = t.utf8.count
    guard n == 1 || n == 3 else { return false }
    return switch t {
    case ".", ",", ";", ":", "/", "…": true
    default: false
    }
  }

  static func trimmed(_ s: String) -> String {
    // Printable ASCII at both ends (most cells): nothing to trim. No cluster whose first
    // scalar is white space can end in such a byte.
    if let f = s.utf8.first, let l = s.utf8.last, f &- 0x21 < 0x5E, l &- 0x21 < 0x5E { return s }
    var sub = Substring(s)
    while let f = sub.first, f.isWhitespace { sub.removeFirst() }
    while let l = sub.last, l.isWhitespace { sub.removeLast() }
    return String(sub)
  }

  // MARK: Calendar

  struct Day: Comparable, Sendable {
    var year: Int
    var month: Int
    var day: Int

    static func < (a: Day, b: Day) -> Bool {
      (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    var iso: String {
      // Written digit by digit when every part fits its width (always, for parsed dates).
      if (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) {
        return String(trustedUTF8Capacity: 10) { out in
          func put(_ n: Int, width: Int, at o: Int) {
            var value = n
            for d in stride(from: width - 1, through: 0, by: -1) {
              out[o + d] = UInt8(0x30 + value % 10)
              value /= 10
            }
          }
          put(year, width: 4, at: 0)
          out[4] = 0x2D
          put(month, width: 2, at: 5)
          out[7] = 0x2D
          put(day, width: 2, at: 8)
          return 10
        }
      }
      func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
      }
      return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    static func lastDay(ofMonth month: Int, year: Int) -> Int {
      switch month {
      case 2:
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return leap ? 29 : 28
      case 4, 6, 9, 11: return 30
      default: return 31
      }
    }

    static func endOfMonth(_ month: Int, _ year: Int) -> Day {
      Day(year: year, month: month, day: lastDay(ofMonth: month, year: year))
    }
  }

  /// One time expression before years are resolved: the year may be written elsewhere in the
  /// cell or be the plan's own.
  enum Point: Sendable {
    case date(day: Int, month: Int, year: Int?)
    case month(Int, year: Int?)
    case quarter(Int, year: Int?)
    case year(Int)
    case half(first: Bool, year: Int?)

    var year: Int? {
      switch self {
      case .date(_, _, let y), .month(_, let y), .quarter(_, let y), .half(_, let y): y
      case .year(let y): y
      }
    }

    var kind: Deadline.Kind {
      switch self {
      case .date: .date
      case .month: .month
      case .quarter: .quarter
      case .year: .year
      case .half: .range
      }
    }

    /// First and last day, nil when the calendar has no such day, month or quarter.
    func interval(year y: Int) -> (start: Day, end: Day)? {
      switch self {
      case .date(let d, let m, _):
        guard (1...12).contains(m), (1...Day.lastDay(ofMonth: m, year: y)).contains(d) else { return nil }
        let day = Day(year: y, month: m, day: d)
        return (day, day)
      case .month(let m, _):
        guard (1...12).contains(m) else { return nil }
        return (Day(year: y, month: m, day: 1), Day.endOfMonth(m, y))
      case .quarter(let q, _):
        guard (1...4).contains(q) else { return nil }
        return (Day(year: y, month: 3 * q - 2, day: 1), Day.endOfMonth(3 * q, y))
      case .year:
        return (Day(year: y, month: 1, day: 1), Day(year: y, month: 12, day: 31))
      case .half(let first, _):
        return first
          ? (Day(year: y, month: 1, day: 1), Day(year: y, month: 6, day: 30))
          : (Day(year: y, month: 7, day: 1), Day(year: y, month: 12, day: 31))
      }
    }
  }

  /// What a cell says, before years and the calendar are checked.
  struct Reading: Sendable {
    var points: [Point]
    /// BEFORE/BY: only the end is stated.
    var endOnly: Bool
    /// FROM with one point, or ONWARD: only the start is stated.
    var openEnd: Bool

    func resolved(defaultYear: Int?) -> (kind: Deadline.Kind, start: Day?, end: Day?)? {
      guard !points.isEmpty, !(endOnly && openEnd) else { return nil }
      var intervals: [(start: Day, end: Day)] = []
      for (k, p) in points.enumerated() {
        let year =
          p.year ?? points[(k + 1)...].lazy.compactMap(\.year).first
          ?? points[..<k].reversed().lazy.compactMap(\.year).first ?? defaultYear
        guard let year, let interval = p.interval(year: year) else { return nil }
        intervals.append(interval)
      }
      let start = intervals[0].start
      let end = intervals[intervals.count - 1].end
      guard start <= end else { return nil }
      let kind = points.count == 1 ? points[0].kind : .range
      if endOnly { return (kind, nil, end) }
      if openEnd { return (.range, start, nil) }
      return (kind, start, end)
    }
  }

  // MARK: Reading

  /// A cursor over the tokens; each method consumes what it recognises and leaves the cursor
  /// where it was when it returns nil.
  struct Reader {
    let tokens: [String]
    let words: Vocabulary
    var k = 0

    var atEnd: Bool { k == tokens.count }

    mutating func deadline() -> Reading? {
      var endOnly = false
      var from = false
      while let m = words.match(tokens, at: k, DeadlineParser.prefixRoles) {
        k += m.count
        switch m.role {
        case .before, .by: endOnly = true
        case .from: from = true
        default: break
        }
      }
      guard let first = point(after: nil) else { return nil }
      var points = [first]
      var onward = false
      while !atEnd {
        if let m = words.match(tokens, at: k, DeadlineParser.onwardRoles) {
          k += m.count
          onward = true
          break
        }
        guard let m = words.match(tokens, at: k, DeadlineParser.joinRoles) else { break }
        k += m.count
        guard let next = point(after: points.last) else { return nil }
        points.append(next)
      }
      return Reading(points: points, endOnly: endOnly, openEnd: onward || (from && points.count == 1))
    }

    /// `previous` lets a bare ordinal continue a list of quarters or months ("Quý II - III/2026").
    mutating func point(after previous: Point?) -> Point? {
      let start = k
      if let m = words.match(tokens, at: k, DeadlineParser.halfRoles) {
        k += m.count
        return .half(first: m.role == .firstHalf, year: fourDigitYear())
      }
      if let m = words.match(tokens, at: k, DeadlineParser.pointRoles) {
        k += m.count
        let p: Point?
        switch m.role {
        case .quarter: p = ordinal().map { .quarter($0, year: yearSuffix()) }
        case .month: p = ordinal().map { .month($0, year: yearSuffix()) }
        case .year: p = fourDigitYear().map { .year($0) }
        default: p = numericDate() ?? wordedDate()
        }
        if p == nil { k = start }
        return p
      }
      if let y = fourDigitYear() { return .year(y) }
      if let p = numericDate() { return p }
      if let p = monthSlashYear() { return p }
      switch previous {
      case .quarter?:
        if let q = ordinal() { return .quarter(q, year: yearSuffix()) }
      case .month?:
        if let m = ordinal() { return .month(m, year: yearSuffix()) }
      default: break
      }
      k = start
      return nil
    }

    // MARK: Pieces

    private func token(_ offset: Int) -> String? {
      k + offset < tokens.count ? tokens[k + offset] : nil
    }

    private func isDigits(_ t: String?, _ counts: ClosedRange<Int>) -> Bool {
      // ASCII digits are ASCII's only numbers, and a byte each: counted and tested on bytes.
      guard let t, counts.contains(t.utf8.count) else { return false }
      return t.utf8.allSatisfy { $0 &- 0x30 < 10 }
    }

    private func small(_ offset: Int) -> Int? {
      isDigits(token(offset), 1...2) ? Int(token(offset)!) : nil
    }

    private func year(_ offset: Int) -> Int? {
      guard isDigits(token(offset), 4...4), let y = Int(token(offset)!), y >= 1000 else { return nil }
      return y
    }

    mutating func fourDigitYear() -> Int? {
      guard let y = year(0) else { return nil }
      k += 1
      return y
    }

    /// A quarter or month number, Arabic or Roman ("II", "iv").
    mutating func ordinal() -> Int? {
      if let n = small(0) {
        k += 1
        return n
      }
      guard let t = token(0), let n = DeadlineParser.romanValue(t) else { return nil }
      k += 1
      return n
    }

    /// "/2026" or "năm 2026" after a quarter or month.
    mutating func yearSuffix() -> Int? {
      if token(0) == "/", let y = year(1) {
        k += 2
        return y
      }
      if let m = words.match(tokens, at: k, DeadlineParser.yearRoles), let y = year(m.count) {
        k += m.count + 1
        return y
      }
      return nil
    }

    /// "31/12/2025", "30.6.2026", "15-6-2026", or "15/6" (year from elsewhere).
    mutating func numericDate() -> Point? {
      guard let d = small(0), let sep = token(1), sep == "/" || sep == "." || sep == "-", let m = small(2) else {
        return nil
      }
      if token(3) == sep, let y = year(4) {
        k += 5
        return .date(day: d, month: m, year: y)
      }
      guard sep == "/", token(3) != "/" else { return nil }
      k += 3
      return .date(day: d, month: m, year: nil)
    }

    /// "15 tháng 6 năm 2026", "15 tháng 6/2026", "15 tháng 6", after the day word.
    mutating func wordedDate() -> Point? {
      guard let d = small(0), let m = words.match(tokens, at: k + 1, DeadlineParser.monthRoles), let mo = small(1 + m.count)
      else { return nil }
      k += 2 + m.count
      return .date(day: d, month: mo, year: yearSuffix())
    }

    /// "10/2026".
    mutating func monthSlashYear() -> Point? {
      guard let m = small(0), token(1) == "/", let y = year(2) else { return nil }
      k += 3
      return .month(m, year: y)
    }
  }

  /// Folded Roman numerals up to 12 ("ii" → 2); quarters and months need no more.
  static func romanValue(_ s: String) -> Int? {
    romanNumerals.firstIndex(of: s).map { $0 + 1 }
  }

  private static let romanNumerals = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
}
