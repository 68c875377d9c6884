#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import ArgumentParser

enum OutputFile {
  /// Writes to a temporary file and renames it, so a reader never sees half a document.
  static func write(_ bytes: [UInt8], to path: String) throws {
    let tmp = path + ".tmp-\(getpid())"
    let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else {
      InputFile.fail("\(path): cannot write: \(String(cString: strerror(errno)))")
      throw ExitCode(73)
    }
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
      if n <= 0 { break }
      offset += n
    }
    close(fd)
    guard rename(tmp, path) == 0 else {
      InputFile.fail("\(path): cannot write: \(String(cString: strerror(errno)))")
      throw ExitCode(73)
    }
  }
}
