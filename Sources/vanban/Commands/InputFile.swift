#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import VanBan

/// Reading inputs and reporting failures the way SPEC §3 asks: one line on stderr naming
/// the file and the problem, exit 65 for bad data and 66 for a file that cannot be opened.
enum InputFile {
  enum Failure: Error {
    case cannotOpen(String)
    case badData(String)

    var exitCode: Int32 {
      switch self {
      case .cannotOpen: 66
      case .badData: 65
      }
    }
  }

  /// Files larger than this are refused rather than read: no plan is this large.
  static let maxBytes = 256 * 1024 * 1024

  static func load(_ path: String) throws(Failure) -> [UInt8] {
    if path == "-" { return readAll(fd: 0) }
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw .cannotOpen("\(path): cannot open: \(String(cString: strerror(errno)))")
    }
    defer { close(fd) }
    // One look at the file answers both questions (a second `fstat` was a system call per file
    // of a bulk ingest for nothing).
    var st = stat()
    guard fstat(fd, &st) == 0 else { return readAll(fd: fd) }
    if (st.st_mode & S_IFMT) == S_IFDIR {
      throw .cannotOpen("\(path): is a directory")
    }
    if Int(st.st_size) > maxBytes {
      throw .badData("\(path): file of \(st.st_size) bytes is larger than the \(maxBytes / 1024 / 1024) MB limit")
    }
    return readAll(fd: fd, expected: (st.st_mode & S_IFMT) == S_IFREG ? Int(st.st_size) : 0)
  }

  /// Everything `fd` holds up to its end. A regular file's size is known: it is read straight
  /// into an array of that size and one byte more (to see that it ended there), rather than
  /// through a zeroed 64 KiB buffer copied into an array that grows; a file that grew while
  /// read, or one of unknown size, goes on the second way.
  private static func readAll(fd: Int32, expected: Int = 0) -> [UInt8] {
    var bytes: [UInt8] = []
    if expected > 0 {
      bytes = read(fd, upTo: expected + 1).bytes
      if bytes.count <= expected { return bytes }
    }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n <= 0 { break }
      bytes.append(contentsOf: buffer[0..<n])
      if bytes.count > maxBytes { break }
    }
    return bytes
  }

  /// Up to the first `count` bytes of the regular file at `path`; nil when it is something else
  /// or cannot be read. Nothing else is opened: what is read from a pipe (`<(…)`, a FIFO) is
  /// gone for the reader that comes after, and opening a FIFO waits for a writer.
  static func head(_ path: String, count: Int = 1024) -> [UInt8]? {
    var st = stat()
    guard path != "-", stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
    let fd = open(path, O_RDONLY | O_NONBLOCK)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
    let (bytes, failed) = read(fd, upTo: count)
    return failed ? nil : bytes
  }

  /// Up to `count` bytes from `fd`, read until that many have come or the end; `failed` when a
  /// read went wrong (what came before it is kept).
  private static func read(_ fd: Int32, upTo count: Int) -> (bytes: [UInt8], failed: Bool) {
    var failed = false
    let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, n in
      n = 0
      while n < buffer.count {
        let got = Glibc.read(fd, buffer.baseAddress! + n, buffer.count - n)
        if got < 0 { failed = true }
        if got <= 0 { break }
        n += got
      }
    }
    return (bytes, failed)
  }

  static func fail(_ message: String) {
    var m = "vanban: " + message + "\n"
    m.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
  }

  static func writeStdout(_ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
      if n <= 0 { break }
      offset += n
    }
  }
}
