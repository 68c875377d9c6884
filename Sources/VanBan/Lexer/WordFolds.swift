import VanBanText

/// The words met on one thread, each folded once: the start of a token table.
///
/// A plan repeats a small vocabulary over many words, and the citation reader folds the words
/// around every number it meets; on the mixed bench sample two in three of those folds were of
/// a word the document had already folded, and plans repeat each other's vocabulary too. A
/// fold and `Words.bare` cost ~770 instructions and a new String; a look-up here hashes the
/// word's bytes and compares them once (~250). Entries are keyed by the word's own bytes and
/// hold what the fold returned for them, so every answer is the fold's, whichever document
/// asked first. (The first words of lines, tried the same way, were new half the time, and
/// the table cost more than it saved there.)
///
/// One per thread (`forThisThread`), kept from one document to the next: a bulk ingest's
/// worker folds each word of its corpus once, not once a document (measured on the mixed
/// sample, 100 documents: 1.1 % fewer instructions than a table per document). Never shared
/// between threads; started afresh past `limit` words, so its memory stays bounded.
final class WordFolds {
  // Unchecked: one thread owns the table (see above), and the dynamic exclusivity checks on
  // these were half of each look-up.
  /// The words met so far, by their bytes.
  @exclusivity(unchecked) private var index = ByteKeyIndex(slots: 1024)
  /// By entry of `index`: `Words.bare(FoldingKey.toneInsensitive(word))`, once asked.
  @exclusivity(unchecked) private var bares: [String?] = []
  /// Seeded per process, as `Hasher` is: a document crafted to collide costs one run, not all.
  private let seed = WordFolds.processSeed
  private static let processSeed = UInt64.random(in: .min ... .max)

  init() {}

  /// Words a thread's table holds before it starts afresh (~5 MB).
  static let limit = 1 << 16

  /// Words held.
  var count: Int { bares.count }

  /// The calling thread's table, made on its first use and again once `limit` words are held.
  static func forThisThread() -> WordFolds {
    perThread.value(renewingWhen: { $0.count >= limit })
  }

  private static let perThread = PerThread { WordFolds() }

  /// `Words.bare(FoldingKey.toneInsensitive(word))`.
  func bare(_ word: Substring) -> String {
    var w = word
    return w.withUTF8 { bare(utf8: $0) }
  }

  /// `bare` of a word's valid UTF-8 bytes, for a caller that holds its text's buffer.
  func bare(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
    let (i, added) = index.insert(bytes, hash: UTF8Key.mix(bytes: bytes, seed: seed))
    if added { bares.append(nil) }
    if let known = bares[i] { return known }
    let value = Words.bare(FoldingKey.toneInsensitive(utf8: bytes))
    bares[i] = value
    return value
  }
}
