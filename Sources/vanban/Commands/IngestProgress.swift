#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import VanBanBytes

/// The progress bar on stderr and the summary line.
///
/// The bar is drawn only when stderr is a terminal: in a log file or a pipe a bar is noise
/// (and `\r` rewrites become one enormous line), so there the only output is failures and the
/// summary.
struct IngestProgress {
  let totalFiles: Int
  let totalBytes: Int
  let showBar: Bool
  private let start = IngestProgress.now()
  private var lastDraw = 0.0
  private var barVisible = false

  /// The pages read so far of the paged files in progress, when the bar is drawn.
  var pages: PagesInFlight?
  var files = 0
  var bytes = 0
  var inserted = 0
  var replaced = 0
  var unchanged = 0
  var failed = 0

  init(totalFiles: Int, totalBytes: Int, enabled: Bool) {
    self.totalFiles = totalFiles
    self.totalBytes = totalBytes
    showBar = enabled && isatty(2) != 0
  }

  static func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  var elapsed: Double { Self.now() - start }

  /// Redraws at most ten times a second, and always when `force`.
  mutating func draw(force: Bool = false) {
    guard showBar else { return }
    let t = Self.now()
    guard force || t - lastDraw >= 0.1 else { return }
    lastDraw = t
    let seconds = max(t - start, 1e-6)
    // A paged file in progress counts the share of its bytes its finished pages make.
    let inFlight = pages?.snapshot() ?? PagesInFlight.Snapshot()
    let read = Double(bytes) + inFlight.bytes
    let rate = read / seconds
    let fraction =
      totalBytes > 0
      ? read / Double(totalBytes) : (Double(files) + inFlight.files) / Double(max(totalFiles, 1))
    let width = 24
    let filled = max(0, min(width, Int(fraction * Double(width))))
    var line = "\r\u{1B}[K["
    line += String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
    line += "\(files)/\(totalFiles) files"
    if inFlight.total > 0 { line += "  \(inFlight.done)/\(inFlight.total) pages" }
    line += "  \(Self.megabytes(rate)) MB/s"
    if rate > 0 && read > 0 && files < totalFiles {
      line += "  ETA " + Self.clock(max(0, Double(totalBytes) - read) / rate)
    }
    if failed > 0 { line += "  \(failed) failed" }
    Self.write(line)
    barVisible = true
  }

  /// Prints a message on its own line, keeping the bar below it.
  mutating func message(_ text: String) {
    clear()
    InputFile.fail(text)
    draw(force: true)
  }

  mutating func clear() {
    if barVisible {
      Self.write("\r\u{1B}[K")
      barVisible = false
    }
  }

  func summary(interrupted: Bool) -> String {
    let seconds = max(elapsed, 1e-6)
    var s = interrupted ? "interrupted after " : "ingested "
    s += "\(files) of \(totalFiles) files, \(Self.megabytes(Double(bytes))) MB in "
    s += "\(Self.fixed(seconds, 1)) s (\(Self.fixed(Double(files) / seconds, 1)) files/s, "
    s += "\(Self.megabytes(Double(bytes) / seconds)) MB/s): \(inserted) new, \(replaced) replaced, "
    s += "\(unchanged) unchanged, \(failed) failed"
    return s
  }

  static func megabytes(_ bytes: Double) -> String { fixed(bytes / 1_000_000, 1) }

  static func fixed(_ x: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let n = Int((x * scale).rounded())
    let whole = n / Int(scale)
    let part = String(n % Int(scale))
    return digits == 0 ? "\(whole)" : "\(whole)." + String(repeating: "0", count: digits - part.count) + part
  }

  static func clock(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
    return s >= 3600 ? "\(s / 3600):\(two(s / 60 % 60)):\(two(s % 60))" : "\(s / 60):\(two(s % 60))"
  }

  static func write(_ text: String) {
    text.withUTF8Bytes { _ = Glibc.write(2, $0.baseAddress, $0.count) }
  }
}

/// The pages done and in all of the file each ingest worker is reading, reported by the PDF
/// reader (`OCROptions.pageProgress`) on the worker's threads and read by the thread that draws.
final class PagesInFlight: @unchecked Sendable {
  struct Slot {
    var bytes = 0
    var done = 0
    var total = 0
  }

  struct Snapshot {
    /// The files' bytes in proportion to their pages done.
    var bytes = 0.0
    /// The files' share done, in files.
    var files = 0.0
    var done = 0
    var total = 0
  }

  // Guarded by `mutex`.
  private var slots: [Slot]
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>

  init(workers: Int) {
    slots = Array(repeating: Slot(), count: max(workers, 1))
    mutex = .allocate(capacity: 1)
    pthread_mutex_init(mutex, nil)
  }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  private func locked<T>(_ body: () -> T) -> T {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return body()
  }

  func start(_ worker: Int, bytes: Int) { locked { slots[worker] = Slot(bytes: bytes) } }

  func update(_ worker: Int, done: Int, total: Int) {
    locked {
      slots[worker].done = done
      slots[worker].total = total
    }
  }

  func end(_ worker: Int) { locked { slots[worker] = Slot() } }

  func snapshot() -> Snapshot {
    locked {
      var s = Snapshot()
      for slot in slots where slot.total > 0 {
        let share = Double(min(slot.done, slot.total)) / Double(slot.total)
        s.bytes += Double(slot.bytes) * share
        s.files += share
        s.done += slot.done
        s.total += slot.total
      }
      return s
    }
  }
}
