internal import CICU

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Hands out ICU transliterators to one caller at a time.
///
/// An ICU transliterator must not be used by two threads at once, and opening one parses its
/// rules, which is far too slow to do per key. Idle instances are kept here and reused; a caller
/// that finds none opens a fresh one, so threads never wait on each other while transliterating,
/// only for the short push/pop under the mutex. (`Synchronization.Mutex` would need macOS 15,
/// above this package's deployment target, hence pthreads.)
final class TransliteratorPool: @unchecked Sendable {
  private let id: [UInt16]
  private let rules: [UInt16]?
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  /// Guarded by `mutex`.
  private var idle: [UnsafeMutableRawPointer] = []
  /// More idle instances than this are closed rather than kept: enough for a busy thread pool,
  /// bounded so a burst of threads does not pin memory for ever.
  private let maxIdle = 64

  /// `rules` nil opens ICU's system transliterator named `id`; otherwise `id` only names the
  /// transliterator built from `rules`.
  init(id: String, rules: String? = nil) {
    self.id = Array(id.utf16)
    self.rules = rules.map { Array($0.utf16) }
    mutex = .allocate(capacity: 1)
    mutex.initialize(to: pthread_mutex_t())
    pthread_mutex_init(mutex, nil)
  }

  deinit {
    for trans in idle { vb_utrans_close(trans) }
    pthread_mutex_destroy(mutex)
    mutex.deinitialize(count: 1)
    mutex.deallocate()
  }

  /// The transliteration of `units`.
  ///
  /// ICU edits its buffer in place, so every removed mark shifts the rest of the text and one
  /// call over a whole document is quadratic. The text is therefore fed through in pieces of
  /// about `chunk` units, each cut just before a character that starts an NFC boundary: nothing
  /// composes or reorders across such a cut, so for transforms built from normalisation and
  /// per-character rules (as all of ours are) the pieces give the same result as the whole.
  func transliterate(_ units: [UInt16], chunk: Int = 1024) -> [UInt16] {
    if units.isEmpty { return units }
    let trans = checkOut()
    defer { checkIn(trans) }
    var status = vb_status(VB_ZERO_ERROR)
    let nfc = vb_unorm2_getNFCInstance(&status)
    ICUNormalizer.check(status, "unorm2_getNFCInstance")
    // Surrogates are never cut points, which keeps pairs together.
    func isCut(_ unit: UInt16) -> Bool {
      (unit & 0xF800) != 0xD800 && vb_unorm2_hasBoundaryBefore(nfc, Int32(unit)) != 0
    }
    var out: [UInt16] = []
    out.reserveCapacity(units.count)
    units.withUnsafeBufferPointer { all in
      var start = 0
      while start < all.count {
        var end = min(start + chunk, all.count)
        if end < all.count {
          if let cut = all[(start + 1)..<end].lastIndex(where: isCut) {
            end = cut
          } else {
            end = all[end...].firstIndex(where: isCut) ?? all.count
          }
        }
        out += Self.transliterate(trans, UnsafeBufferPointer(rebasing: all[start..<end]))
        start = end
      }
    }
    return out
  }

  private static func transliterate(
    _ trans: UnsafeMutableRawPointer, _ units: UnsafeBufferPointer<UInt16>
  ) -> [UInt16] {
    // Removing marks only shrinks text; the headroom covers the rare decomposition that survives.
    // On overflow ICU reports the exact size and the work is redone once at that size.
    var capacity = units.count * 2 + 16
    for _ in 0..<2 {
      ICUString.checkLength(capacity)
      var needed = 0
      let out = [UInt16](unsafeUninitializedCapacity: capacity) { dest, initialized in
        _ = dest.initialize(fromContentsOf: units)
        var length = Int32(units.count)
        var status = vb_status(VB_ZERO_ERROR)
        vb_utrans_transUChars(trans, dest.baseAddress, &length, Int32(capacity), &status)
        initialized = 0
        if status == vb_status(VB_BUFFER_OVERFLOW_ERROR) {
          needed = Int(length)
          return
        }
        ICUNormalizer.check(status, "utrans_transUChars")
        initialized = Int(length)
      }
      if needed == 0 { return out }
      capacity = needed
    }
    fatalError("utrans_transUChars outgrew the size it asked for")
  }

  private func checkOut() -> UnsafeMutableRawPointer {
    pthread_mutex_lock(mutex)
    let reused = idle.popLast()
    pthread_mutex_unlock(mutex)
    if let reused { return reused }
    var status = vb_status(VB_ZERO_ERROR)
    let trans = id.withUnsafeBufferPointer { id in
      if let rules {
        rules.withUnsafeBufferPointer { rules in
          vb_utrans_openU(
            id.baseAddress, Int32(id.count), rules.baseAddress, Int32(rules.count), &status)
        }
      } else {
        vb_utrans_openU(id.baseAddress, Int32(id.count), nil, 0, &status)
      }
    }
    ICUNormalizer.check(status, "utrans_openU")
    return trans!
  }

  private func checkIn(_ trans: UnsafeMutableRawPointer) {
    pthread_mutex_lock(mutex)
    let keep = idle.count < maxIdle
    if keep { idle.append(trans) }
    pthread_mutex_unlock(mutex)
    if !keep { vb_utrans_close(trans) }
  }
}
