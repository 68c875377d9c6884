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
  @usableFromInline typealias Key = ByteKeyIndex.Key

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
    var index = ByteKeyIndex(slots: 16)
    for word in words {
      word.withUTF8Bytes { b in _ = index.insert(b, hash: UTF8Key.mix(bytes: b, seed: Self.seed)) }
    }
    count = index.keys.count
    mask = index.slots.count - 1
    arena = .allocate(capacity: max(index.arena.count, 1))
    arena.initialize(from: index.arena, count: index.arena.count)
    keys = .allocate(capacity: max(index.keys.count, 1))
    keys.initialize(from: index.keys, count: index.keys.count)
    slots = .allocate(capacity: index.slots.count)
    slots.initialize(from: index.slots, count: index.slots.count)
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

}

/// Distinct byte strings in one block of memory, found by their hash with open addressing:
/// the index `WordTable` is built with (then frozen into plain memory) and `WordFolds` grows
/// through a document. Entries are numbered in the order they were added.
public struct ByteKeyIndex: Sendable {
  public struct Key: Sendable {
    public var start: Int32
    public var count: Int32
    public var hash: UInt64

    @inlinable
    init(start: Int32, count: Int32, hash: UInt64) {
      self.start = start
      self.count = count
      self.hash = hash
    }
  }

  /// The entries' bytes, one after another.
  @usableFromInline var arena: [UInt8] = []
  @usableFromInline var keys: [Key] = []
  /// Entries by slot, a power of two long (kept over twice the entries), -1 where empty.
  @usableFromInline var slots: [Int32]

  public init(slots: Int) {
    self.slots = Array(repeating: -1, count: max(2, slots))
  }

  /// The entry holding `bytes` (whose hash is `hash`), added when new, and whether it was.
  @inlinable @inline(__always)
  public mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (entry: Int, added: Bool) {
    let found: (entry: Int, slot: Int) = slots.withUnsafeBufferPointer { slots in
      keys.withUnsafeBufferPointer { keys in
        arena.withUnsafeBufferPointer { arena in
          let mask = slots.count - 1
          var s = Int(truncatingIfNeeded: hash) & mask
          while true {
            let e = Int(slots[s])
            if e < 0 { return (-1, s) }
            let key = keys[e]
            if key.hash == hash, Int(key.count) == bytes.count,
              bytes.isEmpty || memcmp(arena.baseAddress! + Int(key.start), bytes.baseAddress!, bytes.count) == 0
            {
              return (e, s)
            }
            s = (s + 1) & mask
          }
        }
      }
    }
    if found.entry >= 0 { return (found.entry, false) }
    let e = keys.count
    keys.append(Key(start: Int32(arena.count), count: Int32(bytes.count), hash: hash))
    arena.append(contentsOf: bytes)
    slots[found.slot] = Int32(e)
    if keys.count * 2 > slots.count { grow() }
    return (e, true)
  }

  @usableFromInline mutating func grow() {
    slots = Array(repeating: -1, count: slots.count * 2)
    let mask = slots.count - 1
    for (e, key) in keys.enumerated() {
      var s = Int(truncatingIfNeeded: key.hash) & mask
      while slots[s] >= 0 { s = (s + 1) & mask }
      slots[s] = Int32(e)
    }
  }
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

  /// The items in place, numbered as `self[…]` numbers them: a caller that reads a field or
  /// two of each candidate does not copy it whole (retaining what it holds) as `self[i]` does.
  @inlinable
  public func withItems<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
    try items.withUnsafeBufferPointer(body)
  }
}

extension Array {
  /// The elements by `length`, longest first, those of equal length in their order here: how
  /// the phrase tables want each group (`WordGroups` keeps the order it is given).
  @inlinable
  public func longestFirst(_ length: (Element) -> Int) -> [Element] {
    enumerated().sorted { (length($0.element), $1.offset) > (length($1.element), $0.offset) }.map(\.element)
  }
}
