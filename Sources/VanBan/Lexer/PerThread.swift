#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One object of a kind for each thread, made on the thread's first use and released when the
/// thread ends: the tables a thread keeps from one document to the next (`WordFolds`), asked
/// too often, on bytes, for `Memo`'s String keys and lock. Plans repeat each other's words,
/// and a bulk ingest's worker filled the same table again for every document. Each thread has
/// its own, never shared, so the table needs no lock.
final class PerThread<T: AnyObject>: @unchecked Sendable {
  private let key: pthread_key_t
  private let make: @Sendable () -> T

  init(_ make: @escaping @Sendable () -> T) {
    var key = pthread_key_t()
    let made = pthread_key_create(&key) { raw in
      // Whatever the object's class, a release is a release.
      #if canImport(Darwin)
        Unmanaged<AnyObject>.fromOpaque(raw).release()
      #else
        if let raw { Unmanaged<AnyObject>.fromOpaque(raw).release() }
      #endif
    }
    precondition(made == 0, "no thread-specific key left")
    self.key = key
    self.make = make
  }

  /// The calling thread's object, or a new one in its place when `full` says the one held has
  /// grown as large as it may.
  func value(renewingWhen full: (T) -> Bool) -> T {
    if let raw = pthread_getspecific(key) {
      let held = Unmanaged<T>.fromOpaque(raw).takeUnretainedValue()
      if !full(held) { return held }
      Unmanaged<T>.fromOpaque(raw).release()
    }
    let fresh = make()
    pthread_setspecific(key, Unmanaged.passRetained(fresh).toOpaque())
    return fresh
  }
}
