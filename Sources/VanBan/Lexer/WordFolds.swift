#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import VanBanText

/// The words of one document, each folded once: the start of a per-document token table.
///
/// A plan repeats a small vocabulary over many words, and the citation reader folds the words
/// around every number it meets; on the mixed bench sample two in three of those folds were of
/// a word the document had already folded. A fold and `Words.bare` cost ~770 instructions and
/// a new String; a look-up here hashes the word's bytes and compares them once (~250). Entries
/// are keyed by the word's own bytes and hold what the fold returned for them, so every answer
/// is the fold's. (The first words of lines, tried the same way, were new half the time, and
/// the table cost more than it saved there.)
///
/// One per document, asked by the one thread that parses it; never shared.
final class WordFolds {
  /// Where a word's bytes are in `arena`: plain numbers, so probing copies no String.
  private struct Key {
    var start: Int32
    var count: Int32
    var hash: UInt64
  }

  // Unchecked: one thread owns the table (see above), and the dynamic exclusivity checks on
  // these were half of each look-up.
  /// The words' bytes, one after another.
  @exclusivity(unchecked) private var arena: [UInt8] = []
  @exclusivity(unchecked) private var keys: [Key] = []
  /// By entry: `Words.bare(FoldingKey.toneInsensitive(word))`, once asked.
  @exclusivity(unchecked) private var bares: [String?] = []
  /// Open addressing over the entries, a power of two long, -1 where empty.
  @exclusivity(unchecked) private var slots: [Int32] = Array(repeating: -1, count: 1024)
  /// Seeded per process, as `Hasher` is: a document crafted to collide costs one run, not all.
  private let seed = WordFolds.processSeed
  private static let processSeed = UInt64.random(in: .min ... .max)

  init() {}

  /// `Words.bare(FoldingKey.toneInsensitive(word))`.
  func bare(_ word: Substring) -> String {
    var w = word
    return w.withUTF8 { bare(utf8: $0) }
  }

  /// `bare` of a word's valid UTF-8 bytes, for a caller that holds its text's buffer.
  func bare(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
    let i = index(of: bytes)
    if let known = bares[i] { return known }
    let value = Words.bare(FoldingKey.toneInsensitive(utf8: bytes))
    bares[i] = value
    return value
  }

  /// The entry of these bytes, added when new.
  private func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
    let hash = UTF8Key.mix(bytes: bytes, seed: seed)
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
    if found.entry >= 0 { return found.entry }
    let s = found.slot
    let e = keys.count
    keys.append(Key(start: Int32(arena.count), count: Int32(bytes.count), hash: hash))
    bares.append(nil)
    arena.append(contentsOf: bytes)
    slots[s] = Int32(e)
    if keys.count * 2 > slots.count { grow() }
    return e
  }

  private func grow() {
    slots = Array(repeating: -1, count: slots.count * 2)
    let mask = slots.count - 1
    for (e, key) in keys.enumerated() {
      var s = Int(truncatingIfNeeded: key.hash) & mask
      while slots[s] >= 0 { s = (s + 1) & mask }
      slots[s] = Int32(e)
    }
  }
}
