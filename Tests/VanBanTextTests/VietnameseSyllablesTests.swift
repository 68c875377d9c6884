import Testing

@testable import VanBanText

/// The syllable tables are packed into bitsets for speed; these check them against the plain
/// reading of the same lists (onset as prefix, rhyme looked up as a string).
@Suite struct VietnameseSyllablesTests {
  static let onsets = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
  ]

  static let rhymes: Set<String> = Set(
    """
    a ac ach ai am an ang anh ao ap at au ay ă ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et ê êch êm ên ênh êp êt êu i ia ich im in inh ip it iu
    iêc iêm iên iêng iêp iêt iêu o oc oi om on ong op ot
    oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt
    oe oen oeo oet ooc oong ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
    u uc ui um un ung up ut ua uân uâng uât uây uê uêch uênh uơ uy uya uych uyên uyêt uynh uyt uyu uyn
    uôc uôi uôm uôn uông uôt ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
    y yêm yên yêng yêt yêu
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

  static func reference(_ base: [UInt16], tone: Int) -> Bool {
    for onset in onsets.map({ Array($0.utf16) }) where base.starts(with: onset) {
      let rhyme = Array(base[onset.count...])
      guard rhymes.contains(String(decoding: rhyme, as: UTF16.self)) else { continue }
      if let last = rhyme.last,
        last == 0x63 || last == 0x70 || last == 0x74 || (rhyme.count >= 2 && rhyme.suffix(2) == [0x63, 0x68])
      {
        if tone != 1 && tone != 5 { continue }
      }
      return true
    }
    return false
  }

  @Test func everyShortLetterStringAgreesWithTheLists() {
    // The alphabet plus one letter that is in no onset or rhyme.
    let letters = Array("abcdeghiklmnopqrstuvxyăâđêôơưf".utf16)
    var words: [[UInt16]] = [[]]
    var frontier: [[UInt16]] = [[]]
    for _ in 1...3 {
      frontier = frontier.flatMap { w in letters.map { w + [$0] } }
      words += frontier
    }
    for onset in Self.onsets {
      for rhyme in Self.rhymes { words.append(Array((onset + rhyme).utf16)) }
    }
    var mismatches: [String] = []
    for w in words {
      for tone in [0, 1, 2, 5] where VietnameseSyllables.isSyllable(w, tone: tone) != Self.reference(w, tone: tone) {
        mismatches.append("\(String(decoding: w, as: UTF16.self)) tone \(tone)")
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
  }

  @Test func scoresWords() {
    let score = VietnameseSyllables.score(Array("Kế hoạch TiƠng Viờũt ngoài HĐND năm 2025 thuỷ".utf16))
    #expect(score == VietnameseScore(valid: 5, invalid: 2))
  }

  /// Each rule of a word's judgement, a unit that breaks it anywhere in the word: a sign that
  /// is no letter (×, before or after the letters), a capital after a small letter, two
  /// tones, eight letters; ASCII words and words without a vowel are not counted.
  @Test func scoresEachRuleWhereverItsUnitStands() {
    let text = "Việt Việt× ×Việt ViỆt VIỆT thuỷề nghiêngg đ abc"
    #expect(VietnameseSyllables.score(Array(text.utf16)) == VietnameseScore(valid: 2, invalid: 5))
  }
}
