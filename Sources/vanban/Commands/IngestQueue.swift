#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bounded hand-over between parsing threads and the one thread that writes.
///
/// A worker may start file `i` only while `i < consumed + window`, so at most `window` files
/// are being parsed or waiting to be written at any time: memory stays flat however many
/// files there are and however slow the writer is. In ordered mode `consumed` is the next index
/// to write, so the reorder buffer is bounded by the same window. With `sizes`, the files
/// started and not yet written also stay within `byteBudget` bytes (one file always may
/// start, however large): the window can then be wide for small files without letting large
/// ones pile up.
final class IngestQueue<Outcome: Sendable>: @unchecked Sendable {
  enum Next {
    case result(Int, Outcome)
    /// Nothing arrived within the timeout; the caller can redraw its progress.
    case idle
    /// Every started file has been written and no more will start.
    case finished
  }

  let count: Int
  let window: Int
  let ordered: Bool
  /// Each file's size, by index (empty: no byte budget).
  private let sizes: [Int]
  let byteBudget: Int
  // Guarded by `mutex`.
  private var nextToTake = 0
  private var consumed = 0
  /// Bytes of the files started and not yet handed to the writer.
  private var bytesInFlight = 0
  private var done: [Int: Outcome] = [:]
  private var stopping = false
  /// Workers blocked in `take` until the window moves.
  private var waitingWorkers = 0
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  private let changed: UnsafeMutablePointer<pthread_cond_t>

  init(count: Int, window: Int, ordered: Bool, sizes: [Int] = [], byteBudget: Int = .max) {
    precondition(sizes.isEmpty || sizes.count == count, "one size per file")
    self.count = count
    self.window = max(1, window)
    self.ordered = ordered
    self.sizes = sizes
    self.byteBudget = byteBudget
    mutex = .allocate(capacity: 1)
    changed = .allocate(capacity: 1)
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(changed, nil)
  }

  deinit {
    pthread_cond_destroy(changed)
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
    changed.deallocate()
  }

  /// The next file for a worker, waiting while the window is full; nil when there is none.
  func take() -> Int? {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    while true {
      if stopping || nextToTake >= count { return nil }
      if nextToTake < consumed + window, bytesInFlight == 0 || bytesInFlight + size(nextToTake) <= byteBudget {
        bytesInFlight += size(nextToTake)
        nextToTake += 1
        return nextToTake - 1
      }
      waitingWorkers += 1
      pthread_cond_wait(changed, mutex)
      waitingWorkers -= 1
    }
  }

  /// Results that may wait, unannounced, for the writer to come by: waking it for each one
  /// cost it a context switch per document (a tenth of the writing thread's time in `ingest
  /// --db`, which bounds what more jobs gain), and it writes them in batches anyway. It wakes
  /// on its own at least every `next` timeout, and each result is announced at once when a
  /// worker waits for room, once every file has started, or when stopping.
  static var quietResults: Int { 16 }

  func finish(_ index: Int, _ outcome: Outcome) {
    pthread_mutex_lock(mutex)
    done[index] = outcome
    if waitingWorkers > 0 || done.count >= Self.quietResults || nextToTake >= count || stopping {
      pthread_cond_broadcast(changed)
    }
    pthread_mutex_unlock(mutex)
  }

  /// Lets the files already started finish, and starts no more.
  func stop() {
    pthread_mutex_lock(mutex)
    stopping = true
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(mutex)
  }

  private func size(_ i: Int) -> Int { sizes.isEmpty ? 0 : sizes[i] }

  /// The next result for the writer: in input order when `ordered`, else whichever is ready.
  func next(timeoutMilliseconds: Int) -> Next {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    var deadline = timespec()
    clock_gettime(CLOCK_REALTIME, &deadline)
    deadline.tv_nsec += timeoutMilliseconds % 1000 * 1_000_000
    deadline.tv_sec += timeoutMilliseconds / 1000 + deadline.tv_nsec / 1_000_000_000
    deadline.tv_nsec %= 1_000_000_000
    while true {
      let key = ordered ? consumed : done.keys.min()
      if let key, let outcome = done.removeValue(forKey: key) {
        consumed += 1
        bytesInFlight -= size(key)
        pthread_cond_broadcast(changed)
        return .result(key, outcome)
      }
      if consumed >= count || (stopping && consumed >= nextToTake) { return .finished }
      if pthread_cond_timedwait(changed, mutex, &deadline) == ETIMEDOUT { return .idle }
    }
  }
}

/// Starts a POSIX thread (join it): `Dispatch`'s pool caps its width at the core count and
/// cannot see a worker blocked on our condition variable, so `--jobs` above the core count
/// would silently run fewer workers.
func startThread(_ body: @escaping @Sendable () -> Void) -> pthread_t {
  final class Box {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
  }
  let box = Unmanaged.passRetained(Box(body)).toOpaque()
  var thread = pthread_t()
  var attributes = pthread_attr_t()
  pthread_attr_init(&attributes)
  // The parser recurses over nested sections; give it the main thread's room.
  pthread_attr_setstacksize(&attributes, 8 << 20)
  let rc = pthread_create(
    &thread, &attributes,
    { raw in
      Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
      return nil
    }, box)
  pthread_attr_destroy(&attributes)
  precondition(rc == 0, "cannot start a thread: \(rc)")
  return thread
}
