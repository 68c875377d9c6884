#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Remembers the results of a pure function of a string, shared by the parsing threads.
///
/// Plans repeat themselves: the same agency cell ("UBND xã", "Các phòng, ban, đơn vị") comes
/// back in row after row and document after document, and judging one means folding it and
/// trying its cuts against the lexicon. The function must depend on its key alone, so a
/// remembered answer is the answer, and output never depends on what was parsed before. Keys
/// are compared by their bytes, not by canonical equivalence, for the same reason.
/// Bounded: when full it starts afresh, so memory stays flat over any number of documents.
/// (pthreads rather than `Synchronization`, for the package's macOS deployment target.)
public final class Memo<Value: Sendable>: @unchecked Sendable {
  /// A readers-writer lock: look-ups, nearly all of them hits, take it shared, so two parsing
  /// threads asking at once do not make one sleep until the other is done (with a mutex,
  /// `ingest --jobs 2` made several times the context switches of `--jobs 1`, most of them
  /// here); only a new answer takes it alone.
  @usableFromInline let lock: UnsafeMutablePointer<pthread_rwlock_t>
  /// Guarded by `lock`, which also keeps accesses from overlapping: the dynamic exclusivity
  /// check, a run-time call on each look-up, would only repeat it.
  @usableFromInline @exclusivity(unchecked) var table: [UTF8Key: Value] = [:]
  @usableFromInline let capacity: Int

  public init(capacity: Int = 20_000) {
    self.capacity = capacity
    lock = .allocate(capacity: 1)
    lock.initialize(to: pthread_rwlock_t())
    pthread_rwlock_init(lock, nil)
  }

  deinit {
    pthread_rwlock_destroy(lock)
    lock.deallocate()
  }

  /// The remembered value for `key`, or `compute(key)` (outside the lock) remembered.
  /// Inlinable so that the dictionary is specialised for the caller's `Value`: generic
  /// look-ups through metadata cost several times a specialised one.
  @inlinable
  public func value(_ key: String, _ compute: (String) -> Value) -> Value {
    let key = UTF8Key(key)
    pthread_rwlock_rdlock(lock)
    let hit = table[key]
    pthread_rwlock_unlock(lock)
    if let hit { return hit }
    let value = compute(key.string)
    pthread_rwlock_wrlock(lock)
    if table.count >= capacity { table.removeAll(keepingCapacity: true) }
    table[key] = value
    pthread_rwlock_unlock(lock)
    return value
  }
}
