import Foundation
import Testing
import VanBanGrammar
import VanBanModel

@testable import VanBan
@testable import VanBanText

/// One seed in one encoding variant, from `Corpus/encodings/` (tools/make_encoding_fixtures.py).
struct EncodingFixture: Sendable, CustomTestStringConvertible {
  let seed: String
  let variant: String
  var testDescription: String { "\(seed).\(variant)" }

  /// variant → the `source.encoding` vanban must find (the script's VARIANTS).
  static let expectedEncoding: [String: String] = [
    "utf16le-bom": "utf-16", "nfd": "utf-8", "old-tone": "utf-8", "cp1258": "cp1258",
    "tcvn3": "tcvn3", "vni": "vni", "tcvn3-mojibake": "tcvn3-mojibake", "vni-mojibake": "vni-mojibake",
    "tcvn5712-1": "tcvn5712-1",
  ]

  static let all: [EncodingFixture] = {
    let seeds = (try? FileManager.default.contentsOfDirectory(
      at: Repo.corpus.appendingPathComponent("seeds"), includingPropertiesForKeys: nil)) ?? []
    let stems = seeds.filter { $0.pathExtension == "txt" }.map { $0.deletingPathExtension().lastPathComponent }.sorted()
    return stems.flatMap { stem in expectedEncoding.keys.sorted().map { EncodingFixture(seed: stem, variant: $0) } }
  }()

  var url: URL { Repo.corpus.appendingPathComponent("encodings/\(seed).\(variant).txt") }
  var seedURL: URL { Repo.corpus.appendingPathComponent("seeds/\(seed).txt") }

  /// What the encoding cannot carry, replaced as the fixture script does (its REPLACEMENTS), and
  /// for TCVN3 lower case, since capitals with a tone have no code there and only all-capital
  /// words get theirs back (glibc's TCVN5712-1 has them: its fixtures keep their case). Both
  /// sides of a comparison go through this.
  func comparable(_ s: String) -> String {
    var out = s
    let replacements: [(String, String)]
    switch variant {
    case "cp1258": replacements = [("≥", ">="), ("≤", "<=")]
    case "tcvn3", "vni", "tcvn3-mojibake", "vni-mojibake", "tcvn5712-1":
      replacements = [
        ("“", "\""), ("”", "\""), ("‘", "'"), ("’", "'"), ("–", "-"), ("—", "-"), ("…", "..."),
        ("≥", ">="), ("≤", "<="),
      ]
    default: replacements = []
    }
    for (from, to) in replacements { out = out.replacingOccurrences(of: from, with: to) }
    if variant.hasPrefix("tcvn3") { out = out.lowercased() }
    return out
  }
}

/// What must survive any encoding: each target's and task's identity, values, lead and deadline.
struct ItemDigest: Equatable, CustomStringConvertible {
  var lines: [String]
  var description: String { lines.joined(separator: "\n") }

  init(_ plan: Plan, _ fold: (String) -> String) {
    var lines: [String] = []
    for t in plan.targets {
      let values = t.values.map { "\($0.op.rawValue) \($0.value.map { String($0) } ?? "-") \($0.year.map(String.init) ?? "-") \(fold($0.text))" }
      lines.append("target \(fold(t.indicator)) | \(values.joined(separator: "; ")) | \(t.lead.map(fold).joined(separator: ", "))")
    }
    for t in plan.tasks {
      let d = t.deadline.map { "\(fold($0.text)) \($0.kind.rawValue) \($0.start ?? "-") \($0.end ?? "-") \($0.recurrence?.rawValue ?? "-")" } ?? "-"
      lines.append("task \(fold(t.name)) | \(t.lead.map(fold).joined(separator: ", ")) | \(d)")
    }
    self.lines = lines
  }
}

@Suite struct EncodingTests {
  /// What the Windows-1258 and VNI decoders write is NFC as it is when no combining mark is
  /// left in it (they skip ICU then): every unit their tables give, ASCII and every composite
  /// of `MarkComposer.table` is NFC alone and beside each of the others.
  @Test func decodedUnitsWithoutMarksAreNFC() {
    var units = Set<UInt16>((0..<0x80).map { UInt16($0) })
    for u in LegacyTables.cp1258 + LegacyTables.windows1252 + LegacyTables.vni.standalone
    where u != 0 && !MarkComposer.isCombining(u) {
      units.insert(u)
    }
    for c in MarkComposer.table where c != 0 { units.insert(c) }
    let all = units.sorted()
    #expect(all.count > 400)
    #expect(all.allSatisfy { ICUNormalizer.normalize([$0], form: .nfc) == nil })
    var composing: [(UInt16, UInt16)] = []
    for p in all {
      for u in all where ICUNormalizer.normalize([p, u], form: .nfc) != nil { composing.append((p, u)) }
    }
    #expect(composing.isEmpty, "\(composing.prefix(5))")
  }

  /// Detection scores the Windows-1258 and VNI readings of a sample without ICU's pass over
  /// the marks the composer's table leaves (`LegacyEncoding.scoringUnits`); the score must be
  /// what the normalised units score. Every unit those tables give (and every composite of
  /// the composer), followed by up to two of the marks they give, between letters, spaces or
  /// on its own: where a mark is left, the two readings score alike.
  @Test func marksLeftByTheTableScoreAsNormalised() {
    var bases = Set<UInt16>((0..<0x80).map { UInt16($0) })
    var marks = Set<UInt16>()
    for u in LegacyTables.cp1258 + LegacyTables.windows1252 + LegacyTables.vni.standalone where u != 0 {
      if MarkComposer.isCombining(u) { marks.insert(u) } else { bases.insert(u) }
    }
    for packed in LegacyTables.vni.marks where packed != 0 {
      marks.insert(UInt16(truncatingIfNeeded: packed))
      if packed >> 16 != 0 { marks.insert(UInt16(truncatingIfNeeded: packed >> 16)) }
    }
    for c in MarkComposer.table where c != 0 { bases.insert(c) }
    #expect(marks.count >= 5 && marks.allSatisfy(MarkComposer.isCombining))
    let sequences = marks.map { [$0] } + marks.flatMap { a in marks.map { [a, $0] } }
    // Around the letter: nothing, letters of a syllable, spaces.
    let contexts: [([UInt16], [UInt16])] = [([], []), ([0x74], [0x6E]), ([0x20], [0x20]), ([0x1B0], [0x6E, 0x67])]
    var left = 0
    var differ: [[UInt16]] = []
    for base in bases {
      for ms in sequences {
        for (before, after) in contexts {
          let units = before + [base] + ms + after
          var composed = units
          MarkComposer.composeMarks(&composed)
          guard composed.contains(where: MarkComposer.isCombining) else { continue }
          left += 1
          let normalised = ICUNormalizer.normalize(units, form: .nfc) ?? units
          if VietnameseSyllables.score(composed) != VietnameseSyllables.score(normalised) { differ.append(units) }
        }
      }
    }
    #expect(left > 10_000)
    #expect(differ.isEmpty, "\(differ.prefix(5))")
  }

  // MARK: Every seed in every encoding

  @Test("seed in another encoding gives the same targets and tasks", arguments: EncodingFixture.all)
  func fixtureMatchesOriginal(_ f: EncodingFixture) throws {
    let bytes = try [UInt8](Data(contentsOf: f.url))
    let plan = try PlanParser.parse(bytes, options: ParseOptions(name: f.url.lastPathComponent))
    #expect(plan.source.encoding == EncodingFixture.expectedEncoding[f.variant])
    let original = try golden(f.seed)
    #expect(!original.targets.isEmpty || !original.tasks.isEmpty)
    let want = ItemDigest(original, f.comparable)
    let got = ItemDigest(plan, f.comparable)
    #expect(got.lines.count == want.lines.count)
    for (g, w) in zip(got.lines, want.lines) where g != w {
      Issue.record("\(f.testDescription):\n  got  \(g)\n  want \(w)")
    }
  }

  @Test("the override decodes a fixture without detection", arguments: EncodingFixture.all.filter { $0.seed.hasPrefix("002") })
  func overrideAgreesWithDetection(_ f: EncodingFixture) throws {
    let bytes = try [UInt8](Data(contentsOf: f.url))
    let detected = try TextDecoder.decode(bytes)
    let forced = try TextDecoder.decode(bytes, encoding: detected.encoding)
    #expect(forced.text == detected.text)
  }

  /// The detector scores only a sample (`EncodingDetector.sampleSize`): in every legacy fixture
  /// the right reading of it must still win by a wide margin, and no wrong one look Vietnamese.
  @Test("the sample leaves no doubt", arguments: EncodingFixture.all.filter { ["cp1258", "tcvn3", "vni"].contains($0.variant) })
  func sampleMargin(_ f: EncodingFixture) throws {
    let bytes = try [UInt8](Data(contentsOf: f.url))
    bytes.withUnsafeBufferPointer { all in
      let sample = EncodingDetector.sample(all)
      var scores: [String: VietnameseScore] = [:]
      for candidate in [LegacyEncoding.cp1258, .tcvn3, .vni] {
        scores[candidate.rawValue] = VietnameseSyllables.score(candidate.decodeUnits(sample))
      }
      let right = scores[f.variant]!
      #expect(right.looksVietnamese)
      #expect(right.valid >= 200, "\(f.testDescription): \(right.valid) valid syllables in the sample")
      for (name, wrong) in scores where name != f.variant {
        #expect(!wrong.looksVietnamese, "\(f.testDescription) also reads as \(name)")
        #expect(right.value >= wrong.value + 100, "\(f.testDescription): \(right.value) against \(name) \(wrong.value)")
      }
    }
  }

  /// The first kilobyte of the sample (`EncodingDetector.firstLook`) must already name each
  /// legacy fixture's reading, and leave no other family in the running: then scoring only that
  /// one on the whole sample gives what scoring all of them did.
  @Test("the first look names the reading", arguments: EncodingFixture.all.filter {
    ["cp1258", "tcvn3", "tcvn5712-1", "vni", "tcvn3-mojibake", "vni-mojibake"].contains($0.variant)
  })
  func firstLookNamesTheReading(_ f: EncodingFixture) throws {
    let bytes = try [UInt8](Data(contentsOf: f.url))
    let want = try #require(LegacyEncoding(rawValue: f.variant))
    bytes.withUnsafeBufferPointer { all in
      let sample = EncodingDetector.sample(all)
      let readings: [LegacyEncoding]?
      if want.isMojibake {
        let legacy = Mojibake.windows1252Bytes(sample, strict: true)?.bytes ?? []
        readings = legacy.withUnsafeBufferPointer { b in
          EncodingDetector.firstLook(b).flatMap { EncodingDetector.leadingReadings($0, among: [.tcvn3Mojibake, .vniMojibake]) }
        }
      } else {
        readings = EncodingDetector.firstLook(sample).flatMap {
          EncodingDetector.leadingReadings($0, among: [.cp1258, .tcvn3, .tcvn5712, .vni])
        }
      }
      #expect(readings?.contains(want) == true, "\(f.testDescription): \(readings.map { "\($0)" } ?? "no decision")")
      #expect((readings?.count ?? 0) <= 2)
    }
  }

  /// A first look that settles nothing leaves every reading to the whole sample: plain ASCII
  /// (no reading makes a syllable), and two encodings side by side in one kilobyte.
  @Test func doubtfulFirstLookDecidesNothing() throws {
    let ascii = [UInt8](repeating: 0x61, count: 1500).enumerated().map { $0.offset % 6 == 5 ? 0x20 : $0.element }
    #expect(ascii.withUnsafeBufferPointer { EncodingDetector.leadingReadings($0, among: [.cp1258, .tcvn3, .vni]) } == nil)
    let seed = try #require(EncodingFixture.all.first?.seed)
    func part(_ variant: String) throws -> [UInt8] {
      let bytes = try [UInt8](Data(contentsOf: EncodingFixture(seed: seed, variant: variant).url))
      return bytes.withUnsafeBufferPointer { Array(EncodingDetector.sample($0).prefix(512)) }
    }
    let mixed = try part("cp1258") + [0x20] + part("vni")
    let readings = mixed.withUnsafeBufferPointer { EncodingDetector.leadingReadings($0, among: [.cp1258, .tcvn3, .vni]) }
    #expect(readings == nil, "\(readings.map { "\($0)" } ?? "")")
    // Too short a sample for a first look of its own.
    #expect(Array(mixed.prefix(1500)).withUnsafeBufferPointer { EncodingDetector.firstLook($0) } == nil)
  }

  @Test func everySeedStaysUTF8() throws {
    for url in Repo.corpusInputs() {
      let decoded = try TextDecoder.decode([UInt8](Data(contentsOf: url)))
      #expect(decoded.encoding == "utf-8", "\(Repo.relative(url))")
    }
  }

  @Test(arguments: [
    "Hello world, this is plain ASCII.\nSecond line.",
    "Café, résumé, naïve, façade: déjà vu à la carte. Señor Müller aß Äpfel.",
    "Tôi là ai? Hà Nội, Ninh Bình, Tây Ninh.",
    "Price: 5 € – “quoted” … ok",
    "Kế hoạch số 12/KH-UBND ngày 05/5/2026 của Ủy ban nhân dân xã",
  ])
  func unicodeTextStaysUTF8(_ text: String) throws {
    let decoded = try TextDecoder.decode(Array(text.utf8))
    #expect(decoded.encoding == "utf-8")
    #expect(decoded.text == text)
  }

  // MARK: Each decoder on short strings

  static let samples: [(text: String, cp1258: [UInt8], tcvn3: [UInt8], vni: [UInt8], tcvn3Mojibake: String, vniMojibake: String)] = [
    (
      "Tiếng Việt",
      [0x54, 0x69, 0xEA, 0xEC, 0x6E, 0x67, 0x20, 0x56, 0x69, 0xEA, 0xF2, 0x74],
      [0x54, 0x69, 0xD5, 0x6E, 0x67, 0x20, 0x56, 0x69, 0xD6, 0x74],
      [0x54, 0x69, 0x65, 0xE1, 0x6E, 0x67, 0x20, 0x56, 0x69, 0x65, 0xE4, 0x74],
      "TiÕng ViÖt", "Tieáng Vieät"
    ),
    (
      "Phòng Văn hóa - Xã hội",
      [
        0x50, 0x68, 0x6F, 0xCC, 0x6E, 0x67, 0x20, 0x56, 0xE3, 0x6E, 0x20, 0x68, 0xF3, 0x61, 0x20, 0x2D, 0x20, 0x58,
        0x61, 0xDE, 0x20, 0x68, 0xF4, 0xF2, 0x69,
      ],
      [
        0x50, 0x68, 0xDF, 0x6E, 0x67, 0x20, 0x56, 0xA8, 0x6E, 0x20, 0x68, 0xE3, 0x61, 0x20, 0x2D, 0x20, 0x58, 0xB7,
        0x20, 0x68, 0xE9, 0x69,
      ],
      [
        0x50, 0x68, 0x6F, 0xF8, 0x6E, 0x67, 0x20, 0x56, 0x61, 0xEA, 0x6E, 0x20, 0x68, 0x6F, 0xF9, 0x61, 0x20, 0x2D,
        0x20, 0x58, 0x61, 0xF5, 0x20, 0x68, 0x6F, 0xE4, 0x69,
      ],
      "Phßng V¨n hãa - X· héi", "Phoøng Vaên hoùa - Xaõ hoäi"
    ),
    (
      "Quý II năm 2026",
      [0x51, 0x75, 0x79, 0xEC, 0x20, 0x49, 0x49, 0x20, 0x6E, 0xE3, 0x6D, 0x20, 0x32, 0x30, 0x32, 0x36],
      [0x51, 0x75, 0xFD, 0x20, 0x49, 0x49, 0x20, 0x6E, 0xA8, 0x6D, 0x20, 0x32, 0x30, 0x32, 0x36],
      [0x51, 0x75, 0x79, 0xF9, 0x20, 0x49, 0x49, 0x20, 0x6E, 0x61, 0xEA, 0x6D, 0x20, 0x32, 0x30, 0x32, 0x36],
      "Quý II n¨m 2026", "Quyù II naêm 2026"
    ),
    (
      "KẾ HOẠCH PHÁT TRIỂN",
      [
        0x4B, 0xCA, 0xEC, 0x20, 0x48, 0x4F, 0x41, 0xF2, 0x43, 0x48, 0x20, 0x50, 0x48, 0xC1, 0x54, 0x20, 0x54, 0x52,
        0x49, 0xCA, 0xD2, 0x4E,
      ],
      // TCVN3 writes the capitals with a tone in lower-case codes; the decoder restores them.
      [0x4B, 0xD5, 0x20, 0x48, 0x4F, 0xB9, 0x43, 0x48, 0x20, 0x50, 0x48, 0xB8, 0x54, 0x20, 0x54, 0x52, 0x49, 0xD3, 0x4E],
      [
        0x4B, 0x45, 0xC1, 0x20, 0x48, 0x4F, 0x41, 0xCF, 0x43, 0x48, 0x20, 0x50, 0x48, 0x41, 0xD9, 0x54, 0x20, 0x54,
        0x52, 0x49, 0x45, 0xC5, 0x4E,
      ],
      "KÕ HO¹CH PH¸T TRIÓN", "KEÁ HOAÏCH PHAÙT TRIEÅN"
    ),
  ]

  @Test func decodersOnShortStrings() throws {
    for s in Self.samples {
      #expect(try TextDecoder.decode(s.cp1258, encoding: "cp1258").text == s.text)
      #expect(try TextDecoder.decode(s.tcvn3, encoding: "tcvn3").text == s.text)
      #expect(try TextDecoder.decode(s.vni, encoding: "vni").text == s.text)
      #expect(try TextDecoder.decode(Array(s.tcvn3Mojibake.utf8), encoding: "tcvn3-mojibake").text == s.text)
      #expect(try TextDecoder.decode(Array(s.vniMojibake.utf8), encoding: "vni-mojibake").text == s.text)
    }
  }

  @Test func detectsShortStrings() throws {
    for s in Self.samples {
      #expect(try TextDecoder.decode(s.cp1258).encoding == "cp1258", "\(s.text)")
      #expect(try TextDecoder.decode(s.tcvn3).encoding == "tcvn3", "\(s.text)")
      #expect(try TextDecoder.decode(s.vni).encoding == "vni", "\(s.text)")
      #expect(try TextDecoder.decode(Array(s.tcvn3Mojibake.utf8)).encoding == "tcvn3-mojibake", "\(s.text)")
      #expect(try TextDecoder.decode(Array(s.vniMojibake.utf8)).encoding == "vni-mojibake", "\(s.text)")
    }
  }

  /// The detector skips the TCVN5712-1 reading of bytes that hold none of the codes setting it
  /// apart from VN3 (`LegacyTables.holdsVN1`), because that reading then scores no more valid
  /// words and no fewer invalid ones than VN3's, and so could never be chosen over it. Held on
  /// every TCVN3 fixture's sample, and on lines of its words drawn at random, some in capitals
  /// (where VN3 restores the toned ones and the readings part) and some with a stray byte.
  @Test func vn3ScoresAtLeastTCVN5712WithoutVN1Codes() throws {
    var differed = 0
    func check(_ bytes: [UInt8], _ what: String) {
      bytes.withUnsafeBufferPointer { b in
        guard !LegacyTables.holdsVN1(b) else { return }
        let vn3 = VietnameseSyllables.score(LegacyEncoding.tcvn3.scoringUnits(b))
        let vn1 = VietnameseSyllables.score(LegacyEncoding.tcvn5712.scoringUnits(b))
        #expect(vn1.valid <= vn3.valid && vn1.invalid >= vn3.invalid, "\(what): VN3 \(vn3), TCVN5712-1 \(vn1)")
        if vn1 != vn3 { differed += 1 }
      }
    }
    var words: [[UInt8]] = []
    for f in EncodingFixture.all where f.variant == "tcvn3" {
      let bytes = try [UInt8](Data(contentsOf: f.url))
      let sample = bytes.withUnsafeBufferPointer { Array(EncodingDetector.sample($0)) }
      #expect(!sample.withUnsafeBufferPointer { LegacyTables.holdsVN1($0) }, "\(f.testDescription) holds a VN1 code")
      check(sample, f.testDescription)
      words += sample.split(whereSeparator: { $0 <= 0x20 }).map(Array.init)
    }
    try #require(words.count > 100)
    let plain = (0x21..<256).map(UInt8.init).filter { !LegacyTables.vn1Bytes[Int($0)] }
    var rng = SplitMix64(seed: 15)
    for round in 0..<300 {
      var line: [UInt8] = []
      for _ in 0..<12 {
        var word = words[Int(rng.next() % UInt64(words.count))]
        switch rng.next() % 4 {
        case 0: word = word.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
        case 1: word.insert(plain[Int(rng.next() % UInt64(plain.count))], at: Int(rng.next() % UInt64(word.count + 1)))
        default: break
        }
        line += word + [rng.next() % 5 == 0 ? 0x0A : 0x20]
      }
      check(line, "random line \(round)")
    }
    // The capitals made the readings part somewhere, so the comparison above was put to work.
    #expect(differed > 0)
  }

  /// `TCVN3Case.restoreCapitals` walks the text once, keeping only the word before and the one
  /// still waiting for its right neighbour; held to the rule stated plainly (every word with
  /// its neighbours on the same line) on random text of capitals, lower case, toned letters
  /// TCVN3 writes in lower-case codes, marks, other letters, spaces, punctuation and line
  /// breaks, including the first and last word of a text and words of one letter.
  @Test func restoringCapitalsFollowsTheWordRule() {
    let upper = VietnameseLetters.upperOfTonedLower
    let info = VietnameseLetters.info
    // 0 no letter, 1 line break, 2 toned lower (capital unknown), 3 capital, 4 lower, 5 no case.
    func kind(_ u: UInt16) -> Int {
      guard VietnameseLetters.isLetter(u) else { return u == 0x0A || u == 0x0D ? 1 : 0 }
      if Int(u) < upper.count, upper[Int(u)] != 0 { return 2 }
      switch Int(u) < info.count ? VietnameseLetters.letterCase(info[Int(u)]) : 0 {
      case 1: return 3
      case -1: return 4
      default: return 5
      }
    }
    func reference(_ units: [UInt16]) -> [UInt16] {
      struct Word { var range: Range<Int>; var counts: [Int]; var breakBefore: Bool }
      var words: [Word] = []
      var i = 0
      var sawBreak = false
      while i < units.count {
        let k = kind(units[i])
        if k < 2 {
          sawBreak = sawBreak || k == 1
          i += 1
          continue
        }
        var counts = [0, 0, 0, 0, 0, 0]
        let start = i
        while i < units.count, kind(units[i]) >= 2 {
          counts[kind(units[i])] += 1
          i += 1
        }
        words.append(Word(range: start..<i, counts: counts, breakBefore: sawBreak))
        sawBreak = false
      }
      func isCaps(_ w: Word) -> Bool { w.counts[3] >= 2 && w.counts[4] == 0 }
      var out = units
      for (j, w) in words.enumerated() where w.counts[2] > 0 && w.counts[4] == 0 {
        let before = j > 0 && !w.breakBefore ? words[j - 1] : nil
        let after = j + 1 < words.count && !words[j + 1].breakBefore ? words[j + 1] : nil
        let caps =
          w.counts[3] >= 2
          || ((before != nil || after != nil) && (before.map(isCaps) ?? true) && (after.map(isCaps) ?? true))
        guard caps else { continue }
        for k in w.range where upper[Int(units[k])] != 0 { out[k] = upper[Int(units[k])] }
      }
      return out
    }
    let toned = (0..<upper.count).filter { upper[$0] != 0 }.map(UInt16.init)
    let pools: [[UInt16]] = [
      toned, Array(0x41...0x5A).map(UInt16.init), Array(0x61...0x7A).map(UInt16.init), [0x110, 0x111],
      [0x301, 0x323, 0xC0, 0x1EA0], [0x20, 0x2C, 0x2E, 0x28, 0x31], [0x0A, 0x0D],
    ]
    var rng = SplitMix64(seed: 1258)
    var changed = 0
    for _ in 0..<3000 {
      // Heavy on toned letters and capitals, so that words in capitals and lone toned letters
      // beside them come often.
      let weights = [4, 4, 2, 1, 1, 3, 1]
      let length = Int(rng.next() % 40)
      var units: [UInt16] = []
      for _ in 0..<length {
        var pick = Int(rng.next() % UInt64(weights.reduce(0, +)))
        var p = 0
        while pick >= weights[p] {
          pick -= weights[p]
          p += 1
        }
        units.append(pools[p][Int(rng.next() % UInt64(pools[p].count))])
      }
      var restored = units
      TCVN3Case.restoreCapitals(&restored)
      let expected = reference(units)
      #expect(restored == expected, "\(units.map { String($0, radix: 16) })")
      if expected != units { changed += 1 }
    }
    // Capitals were restored often enough for the comparison to mean something.
    #expect(changed > 300)
  }

  /// `Mojibake.windows1252Bytes` steps over ASCII eight bytes at a time: held to the rule
  /// scalar by scalar (ASCII and Latin-1 as their byte, Windows-1252's own by its table,
  /// anything else and the marker itself kept aside) on random mixes of runs of every length.
  @Test func windows1252BytesFollowsTheRule() {
    let pieces: [String] = ["a", "Ti", "ng Vi", "\u{1A}", "Õ", "Ö", "¸", "€", "‰", "≥", "ế", " ", "12345678", "\n"]
    var rng = SplitMix64(seed: 1252)
    for round in 0..<500 {
      var text = ""
      for _ in 0..<Int(rng.next() % 40) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
      var bytes: [UInt8] = []
      var kept: [UInt32] = []
      for scalar in text.unicodeScalars {
        let v = scalar.value
        if v == UInt32(Mojibake.marker) {
          kept.append(v)
          bytes.append(Mojibake.marker)
        } else if v < 0x100 {
          bytes.append(UInt8(v))
        } else if let byte = LegacyTables.windows1252Reverse[UInt16(v)] {
          bytes.append(byte)
        } else {
          kept.append(v)
          bytes.append(Mojibake.marker)
        }
      }
      let got = Array(text.utf8).withUnsafeBufferPointer { Mojibake.windows1252Bytes($0, strict: false) }
      #expect(got?.bytes == bytes && got?.kept == kept, "round \(round): \(text.debugDescription)")
    }
  }

  /// glibc's TCVN5712-1 (`iconv -t TCVN5712-1`) writes capitals with a tone in VN1's codes
  /// (C0 controls and 0x80–0xFF): they come back as capitals, at the start of a sentence too,
  /// found without being told.
  @Test func tcvn5712CapitalsSurvive() throws {
    let bytes: [UInt8] = [
      0x9e, 0x79, 0x20, 0x62, 0x61, 0x6e, 0x20, 0x6e, 0x68, 0xa9, 0x6e, 0x20, 0x64, 0xa9, 0x6e, 0x20, 0x78, 0xb7, 0x20,
      0x54, 0xa9, 0x6e, 0x20, 0x4c, 0xee, 0x69, 0x2e, 0x20, 0xc4, 0x70, 0x20, 0xa7, 0xab, 0x6e, 0x67, 0x2c, 0x20, 0xa4,
      0x6e, 0x67, 0x20, 0x01, 0x74, 0x2c, 0x20, 0x16, 0x20, 0x6b, 0x69, 0xd5, 0x6e, 0x2e,
    ]
    let text = "Ủy ban nhân dân xã Tân Lợi. Ấp Đông, Ông Út, Ý kiến."
    #expect(try TextDecoder.decode(bytes, encoding: "tcvn5712-1").text == text)
    let found = try TextDecoder.decode(bytes)
    #expect(found.encoding == "tcvn5712-1")
    #expect(found.text == text)
  }

  @Test func overrideNames() throws {
    let bytes = Self.samples[0].tcvn3
    for name in ["tcvn3", "TCVN3", "abc", "tcvn"] {
      #expect(try TextDecoder.decode(bytes, encoding: name).encoding == "tcvn3")
    }
    #expect(try TextDecoder.decode(Self.samples[0].cp1258, encoding: "Windows-1258").encoding == "cp1258")
    #expect(try TextDecoder.decode(Self.samples[0].vni, encoding: "vni_windows").encoding == "vni")
    // utf-8 forced: no mojibake repair, and invalid bytes are an error, not a guess.
    #expect(try TextDecoder.decode(Array("TiÕng ViÖt".utf8), encoding: "utf-8").text == "TiÕng ViÖt")
    #expect(throws: DecodeError.invalidUTF8(offset: 2)) { try TextDecoder.decode(bytes, encoding: "utf-8") }
    #expect(throws: DecodeError.unknownEncoding("latin-9")) { try TextDecoder.decode(bytes, encoding: "latin-9") }
    #expect(DecodeError.unknownEncoding("latin-9").description.hasPrefix("unknown encoding \"latin-9\": use utf-8"))
    // UTF-16 without a BOM only when told.
    let utf16 = Array("Hà Nội".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    #expect(try TextDecoder.decode(utf16, encoding: "utf-16").text == "Hà Nội")
  }

  @Test func parseOptionsEncodingIsUsed() throws {
    let text = "KẾ HOẠCH\nTriển khai công tác năm 2026\n"
    let plan = try PlanParser.parse(
      Array(text.utf8), options: ParseOptions(name: "x.txt", encoding: "utf-8"))
    #expect(plan.source.encoding == "utf-8")
    #expect(throws: ParseError.self) {
      try PlanParser.parse(Array(text.utf8), options: ParseOptions(name: "x.txt", encoding: "ebcdic"))
    }
  }

  /// A TCVN3 file read as Windows-1252 that later had Unicode characters typed into it keeps them.
  @Test func mojibakeKeepsCharactersWindows1252Lacks() throws {
    let decoded = try TextDecoder.decode(Array("TiÕng ViÖt ≥ 95% c¸c x·".utf8))
    #expect(decoded.encoding == "tcvn3-mojibake")
    #expect(decoded.text == "Tiếng Việt ≥ 95% các xã")
  }

  @Test func tcvn3CapitalsFollowTheirWord() throws {
    // "Kế" alone keeps the lower case it was written in; beside capitals it becomes "KẾ".
    let text = try TextDecoder.decode(Array("KÕ ho¹ch sè 12\nKÕ HO¹CH\nI. MôC §ÝCH\nUBND x· ë ®Þa ph­¬ng".utf8))
    #expect(text.encoding == "tcvn3-mojibake")
    #expect(text.text == "Kế hoạch số 12\nKẾ HOẠCH\nI. MỤC ĐÍCH\nUBND xã ở địa phương")
  }

  /// Damaged UTF-8 is still reported as such, not guessed into a legacy encoding.
  @Test(arguments: [
    (Array("Kế hoạch ".utf8) + [0xC3, 0x28, 0x41], 13),
    (Array("Ha Noi ".utf8) + [0xF4, 0x69], 7),
    (Array(String(repeating: "Ủy ban nhân dân tỉnh ", count: 200).utf8) + [0xFF], 200 * 27),
  ] as [([UInt8], Int)])
  func damagedUTF8IsNotGuessed(_ bytes: [UInt8], _ offset: Int) {
    #expect(throws: DecodeError.invalidUTF8(offset: offset)) { try TextDecoder.decode(bytes) }
  }

  // MARK: Tone placement

  @Test(arguments: [
    ("hoà", "hòa"), ("Hoà", "Hòa"), ("HOÀ", "HÒA"), ("hoá", "hóa"), ("Văn hoá - Xã hội", "Văn hóa - Xã hội"),
    ("khoẻ", "khỏe"), ("thuỷ lợi", "thủy lợi"), ("Uỷ ban", "Ủy ban"), ("UỶ BAN", "ỦY BAN"), ("uý", "úy"),
    ("hoạ sĩ", "họa sĩ"), ("loè", "lòe"), ("xoã", "xõa"), ("hoả", "hỏa"), ("luỹ kế", "lũy kế"),
    ("tuỳ", "tùy"), ("Hoà, hoà.", "Hòa, hòa."), ("sự hoà hợp", "sự hòa hợp"),
    // Must not change: already new style, a final consonant, qu, or no such pair.
    ("hoàn thành", "hoàn thành"), ("hòa", "hòa"), ("quý", "quý"), ("Quý II", "Quý II"), ("hoạch", "hoạch"),
    ("toàn", "toàn"), ("khoá học", "khóa học"), ("thuyết", "thuyết"), ("quỹ", "quỹ"), ("ASCII only", "ASCII only"),
    ("huỷ bỏ", "hủy bỏ"), ("người", "người"), ("", ""),
    // Beyond the BMP: neither a letter after the pair nor a vowel before it.
    ("hoà😀x", "hòa😀x"), ("😀uỷ", "😀ủy"), ("QUỶ", "QUỶ"), ("oà", "òa"),
  ] as [(String, String)])
  func modernize(_ old: String, _ new: String) {
    #expect(ToneStyle.modernize(old) == new)
  }

  /// The byte scan rewrites what a walk over the scalars, applying the rule as written,
  /// rewrites: on random text made of pairs, their neighbours and the letters around them.
  @Test func modernizeAgreesWithTheScalarRule() {
    func isVowel(_ v: UInt32) -> Bool { v < 0x10000 && VietnameseLetters.isVowelLetter(UInt16(v)) }
    func model(_ s: String) -> String {
      let u = Array(s.unicodeScalars)
      var out = String.UnicodeScalarView()
      var k = 0
      while k < u.count {
        let first = u[k].value
        if k + 1 < u.count, first == 0x6F || first == 0x4F || first == 0x75 || first == 0x55, u[k + 1].value < 0x10000,
          let new = ToneStyle.pairs[first << 16 | u[k + 1].value]
        {
          let after = k + 2 < u.count ? u[k + 2].value : nil
          let endsSyllable = after.map { !($0 < 0x10000 && VietnameseLetters.isLetter(UInt16($0))) } ?? true
          let before = k > 0 ? u[k - 1].value : 0x20
          let afterQ = (first | 0x20) == 0x75 && (before == 0x71 || before == 0x51)
          if endsSyllable && !afterQ && !isVowel(before) {
            out.append(Unicode.Scalar(new >> 16)!)
            out.append(Unicode.Scalar(new & 0xFFFF)!)
          } else {
            out.append(u[k])
            out.append(u[k + 1])
          }
          k += 2
          continue
        }
        out.append(u[k])
        k += 1
      }
      return String(out)
    }
    let pieces = [" ho", " thu", "o", "O", "u", "U", "à", "á", "ả", "ẹ", "ý", "Ỷ", "ỳ", "a", "n", "q", "Q", "ê", "😀", " ", ",", "ươ"]
    var g = PropertyTests.LCG(state: 21)
    var changed = 0
    for k in 0..<8_000 {
      // Short texts, and texts long enough to cross the scan's sixteen-byte steps.
      let text = (0..<g.next(k % 2 == 0 ? 10 : 30)).map { _ in pieces[g.next(pieces.count)] }.joined()
      let fast = ToneStyle.modernize(text)
      #expect(fast == model(text), "\(text)")
      if fast != text { changed += 1 }
    }
    #expect(changed > 100)
  }

  /// The flat table the scan reads holds exactly the dictionary's pairs below U+2000.
  @Test func pairTableIsTheDictionary() {
    var pairs = 0
    for (index, first) in [UInt32(0x4F), 0x6F, 0x55, 0x75].enumerated() {
      for second in UInt32(0)..<0x2000 {
        let flat = ToneStyle.pairTable[index * 0x2000 + Int(second)]
        #expect(flat == (ToneStyle.pairs[first << 16 | second] ?? 0), "\(first) \(second)")
        if flat != 0 { pairs += 1 }
      }
    }
    #expect(pairs == ToneStyle.pairs.keys.filter { $0 & 0xFFFF < 0x2000 }.count && pairs > 20)
  }

  @Test func modernizeLeavesTheNewStyleSeedsAlone() throws {
    // Turning a seed old-style and back gives the seed with its own old-style spots modernised.
    for url in Repo.corpusInputs().prefix(5) {
      let text = try String(contentsOf: url, encoding: .utf8)
      let modern = ToneStyle.modernize(ICUNormalizer.nfc(text))
      #expect(ToneStyle.modernize(modern) == modern)
    }
  }

  // MARK: Tables and speed

  @Test func vniMarksAreConsistent() {
    // Every mark byte means one thing whichever letter it follows.
    for row in GrammarData.table("encodings/vni").rows {
      let bytes = row[0].split(separator: " ").compactMap { UInt8($0, radix: 16) }
      let decoded = try? TextDecoder.decode(bytes + [0x20, 0x61], encoding: "vni")
      #expect(decoded?.text == row[1] + " a", "VNI \(row[0]) should be \(row[1])")
    }
  }

  @Test func tcvn3RowsRoundTrip() {
    for row in GrammarData.table("encodings/tcvn3").rows {
      guard let byte = UInt8(row[0], radix: 16) else { continue }
      let decoded = try? TextDecoder.decode([0x20, byte, 0x20], encoding: "tcvn3")
      #expect(decoded?.text == " \(row[2]) ")
    }
  }

  @Test func largeLegacyFilesDecodeQuickly() throws {
    let seed = try [UInt8](Data(contentsOf: Repo.corpus.appendingPathComponent("encodings/001_624e61ed64e861df.tcvn3.txt")))
    var bytes: [UInt8] = []
    // 8 MB keeps the debug-build test short; release decodes 50 MB in about a second.
    bytes.reserveCapacity(8 << 20)
    while bytes.count < 8 << 20 { bytes += seed }
    let clock = ContinuousClock()
    let start = clock.now
    let decoded = try TextDecoder.decode(bytes)
    let elapsed = clock.now - start
    #expect(decoded.encoding == "tcvn3")
    #expect(elapsed < .seconds(10), "decoding \(bytes.count) bytes of TCVN3 took \(elapsed)")
  }
}
