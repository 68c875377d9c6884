#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import VanBanText

/// Folded words by their spelling. A plan has a few thousand distinct words and repeats
/// them; folding through ICU once per distinct word instead of once per occurrence was the
/// parser's largest cost. Shared by all parses in the process (ingest runs several at once),
/// so behind a mutex, and emptied when it grows past a bound so memory stays flat.
final class WordFoldCache: @unchecked Sendable {
  static let shared = WordFoldCache()

  private var folded: [Substring: String] = [:]
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let limit = 200_000

  private init() {
    pthread_mutex_init(mutex, nil)
  }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  func fold(_ word: Substring) -> String {
    pthread_mutex_lock(mutex)
    if let hit = folded[word] {
      pthread_mutex_unlock(mutex)
      return hit
    }
    pthread_mutex_unlock(mutex)
    let result = FoldingKey.toneInsensitive(String(word))
    pthread_mutex_lock(mutex)
    if folded.count >= limit { folded.removeAll(keepingCapacity: true) }
    folded[Substring(String(word))] = result
    pthread_mutex_unlock(mutex)
    return result
  }
}
