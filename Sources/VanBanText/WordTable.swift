#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import VanBanBytes

/// A fixed set of words, each with its ordinal, looked up by the bytes of a word.
///
/// The lexicon's word sets and phrase indexes are built once and asked for the folded words of
/// every line: a `Dictionary` of `UTF8Key` retained and released the key it compared and the
/// value it found on every probe (the look-ups were ~160 instructions each on the mixed bench
/// sample, a third of that reference counting). Here the keys are bytes in one block of
/// memory, probed by their hash and compared with `memcmp`, and a hit is a plain number.
///
/// Immutable after `init`, so any number of threads may read it at once. The hash is the
/// one `UTF8Key` uses, with a fixed seed: the keys come from Grammar, not from the documents
/// looked up, so the longest run of probes is settled when the table is built, whatever a
/// document holds.
public final class WordTable: @unchecked Sendable {
  @usableFromInline struct Key {
    @usableFromInline var start: Int32
    @usableFromInline var count: Int32
    @usableFromInline var hash: UInt64
  }

  /// The number of distinct words.
  public let count: Int
  @usableFromInline let arena: UnsafeMutablePointer<UInt8>
  @usableFromInline let keys: UnsafeMutablePointer<Key>
  /// Open addressing over the keys, a power of two long (at least twice the keys), -1 empty.
  @usableFromInline let slots: UnsafeMutablePointer<Int32>
  @usableFromInline let mask: Int
  @usableFromInline static var seed: UInt64 { 0x5851_F42D_4C95_7F2D }

  /// The distinct `words` in order of first appearance: a word's ordinal is its place among
  /// them (a repeated word keeps its first place).
  public init(_ words: some Sequence<String>) {
    var bytes: [UInt8] = []
    var found: [Key] = []
    var slotCount = 16
    var table = [Int32](repeating: -1, count: slotCount)
    func probe(_ b: UnsafeBufferPointer<UInt8>, _ hash: UInt64) -> (entry: Int, slot: Int) {
      var s = Int(truncatingIfNeeded: hash) & (slotCount - 1)
      while true {
        let e = Int(table[s])
        if e < 0 { return (-1, s) }
        let k = found[e]
        if k.hash == hash, Int(k.count) == b.count,
          bytes.withUnsafeBufferPointer({ a in b.isEmpty || memcmp(a.baseAddress! + Int(k.start), b.baseAddress!, b.count) == 0 })
        {
          return (e, s)
        }
        s = (s + 1) & (slotCount - 1)
      }
    }
    for word in words {
      word.withUTF8Bytes { b in
        let hash = UTF8Key.mix(bytes: b, seed: Self.seed)
        let (entry, slot) = probe(b, hash)
        guard entry < 0 else { return }
        table[slot] = Int32(found.count)
        found.append(Key(start: Int32(bytes.count), count: Int32(b.count), hash: hash))
        bytes.append(contentsOf: b)
        if found.count * 2 > slotCount {
          slotCount *= 2
          table = [Int32](repeating: -1, count: slotCount)
          for (e, k) in found.enumerated() {
            var s = Int(truncatingIfNeeded: k.hash) & (slotCount - 1)
            while table[s] >= 0 { s = (s + 1) & (slotCount - 1) }
            table[s] = Int32(e)
          }
        }
      }
    }
    count = found.count
    mask = slotCount - 1
    arena = .allocate(capacity: max(bytes.count, 1))
    arena.initialize(from: bytes, count: bytes.count)
    keys = .allocate(capacity: max(found.count, 1))
    keys.initialize(from: found, count: found.count)
    slots = .allocate(capacity: slotCount)
    slots.initialize(from: table, count: slotCount)
  }

  deinit {
    arena.deallocate()
    keys.deallocate()
    slots.deallocate()
  }

  /// The ordinal of the word these bytes spell, or nil.
  @inlinable @inline(__always)
  public func ordinal(of b: UnsafeBufferPointer<UInt8>) -> Int? {
    let hash = UTF8Key.mix(bytes: b, seed: Self.seed)
    var s = Int(truncatingIfNeeded: hash) & mask
    while true {
      let e = Int(slots[s])
      if e < 0 { return nil }
      let k = keys[e]
      if k.hash == hash, Int(k.count) == b.count, b.isEmpty || memcmp(arena + Int(k.start), b.baseAddress!, b.count) == 0 {
        return e
      }
      s = (s + 1) & mask
    }
  }

  /// The ordinal of `word` (compared by its bytes), or nil.
  @inlinable @inline(__always)
  public func ordinal(of word: String) -> Int? {
    word.withUTF8Bytes { ordinal(of: $0) }
  }

  @inlinable
  public func contains(_ word: String) -> Bool { ordinal(of: word) != nil }

  @inlinable
  public func contains(_ b: UnsafeBufferPointer<UInt8>) -> Bool { ordinal(of: b) != nil }
}

/// Items grouped by a word each is keyed by (a phrase by its first or last word), looked up by
/// the bytes of a word through a `WordTable`: `Dictionary(grouping:)` for tables built once
/// and asked for every word. Each group keeps the items' order. A class, never changed after
/// `init`: the lexicons holding it are copied into every stage, one reference each.
public final class WordGroups<Element: Sendable>: Sendable {
  @usableFromInline let words: WordTable
  @usableFromInline let items: [Element]
  /// Group `g` is `items[starts[g]..<starts[g + 1]]`.
  @usableFromInline let starts: [Int]

  public init(_ elements: [Element], by key: (Element) -> String) {
    let keys = elements.map(key)
    let words = WordTable(keys)
    var groups = [[Element]](repeating: [], count: words.count)
    for (e, k) in zip(elements, keys) { groups[words.ordinal(of: k)!].append(e) }
    self.words = words
    items = groups.flatMap { $0 }
    starts = groups.reduce(into: [0]) { $0.append($0.last! + $1.count) }
  }

  /// The range of `self[…]` holding the group of `word`, or nil when no item is keyed by it.
  @inlinable @inline(__always)
  public func range(of word: String) -> Range<Int>? {
    words.ordinal(of: word).map { starts[$0]..<starts[$0 + 1] }
  }

  /// The group of `word`, or nil.
  @inlinable
  public func group(_ word: String) -> ArraySlice<Element>? {
    range(of: word).map { items[$0] }
  }

  @inlinable
  public func contains(_ word: String) -> Bool { words.contains(word) }

  @inlinable @inline(__always)
  public subscript(i: Int) -> Element { items[i] }
}
