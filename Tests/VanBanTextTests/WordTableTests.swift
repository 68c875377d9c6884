import Testing

import VanBanBytes
@testable import VanBanText

/// `WordTable` and `WordGroups` answer as the `Set` and `Dictionary(grouping:)` of `UTF8Key`
/// they replace.
@Suite struct WordTableTests {
  /// Folded words, prefixes of one another, the empty word, words beyond ASCII, canonically
  /// equal ones in both forms (compared by bytes, so told apart), and repeats.
  static let words: [String] = {
    var w = ["", "a", "ab", "abc", "số", "sô", "số:", "uỷ", "ủy", "u\u{309}y", "tháng", "năm", "kế", "hoạch", "ubnd", "a", "số"]
    for k in 0..<300 { w.append("w\(k * 7919 % 1000)") }  // past several growths, with repeats
    return w
  }()

  @Test func ordinalsAreFirstAppearances() {
    let table = WordTable(Self.words)
    var distinct: [UTF8Key: Int] = [:]
    for w in Self.words where distinct[UTF8Key(w)] == nil { distinct[UTF8Key(w)] = distinct.count }
    #expect(table.count == distinct.count)
    for w in Self.words {
      #expect(table.ordinal(of: w) == distinct[UTF8Key(w)], "\(w)")
      let byBytes = w.withUTF8Bytes { table.ordinal(of: $0) }
      #expect(byBytes == distinct[UTF8Key(w)], "\(w)")
    }
    for absent in ["b", "abcd", "so", "số.", "w1000", "W7", " a", "a "] {
      #expect(table.ordinal(of: absent) == nil && !table.contains(absent), "\(absent)")
    }
  }

  @Test func anEmptyTableHoldsNothing() {
    let table = WordTable([String]())
    #expect(table.count == 0)
    #expect(table.ordinal(of: "") == nil)
    #expect(!table.contains("a"))
  }

  @Test func groupsAreDictionaryGroupingInOrder() {
    let items = Self.words.enumerated().map { (index: $0.offset, word: $0.element) }
    let key: ((index: Int, word: String)) -> String = { String($0.word.prefix(2)) }
    let groups = WordGroups(items, by: key)
    let expected = Dictionary(grouping: items, by: { UTF8Key(key($0)) })
    for (k, members) in expected {
      let found = groups.group(k.string).map { Array($0.map(\.index)) }
      #expect(found == members.map(\.index), "\(k.string)")
      let range = groups.range(of: k.string)
      #expect(range.map { r in r.map { groups[$0].index } } == members.map(\.index))
    }
    #expect(groups.group("zz") == nil && !groups.contains("zz"))
  }
}

@Suite struct LongestFirstTests {
  @Test func longestFirstIsAStableSortByLength() {
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<500 {
      let items = (0..<Int.random(in: 0...30, using: &rng)).map { k in (k, Int.random(in: 0...4, using: &rng)) }
      let sorted = items.longestFirst(\.1)
      #expect(sorted.map(\.0).sorted() == items.map(\.0))
      for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(a.1 > b.1 || (a.1 == b.1 && a.0 < b.0)) }
    }
  }
}
