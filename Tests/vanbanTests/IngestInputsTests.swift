import Foundation
import Testing

@testable import vanban

/// How `ingest` reads a folder (`IngestInputs.entries`): names in byte order, each with its
/// `stat`.
@Suite struct IngestInputsTests {
  @Test func entriesComeInByteOrderWithTheirStatus() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-entries-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // "e" + combining acute and "é" are one name to String's `<` (canonically equivalent) but
    // two names in two byte orders; upper case sorts before lower case by byte.
    // (Swift's Strings call the two equal, so they are kept apart as bytes here.)
    let sizes: [(name: String, size: Int)] = [
      ("b.txt", 3), ("a.txt", 1), ("e\u{301}.txt", 5), ("\u{E9}.txt", 2), ("Z.txt", 4), ("ab.txt", 0),
    ]
    for (name, size) in sizes {
      #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(repeating: 0x41, count: size)))
    }
    try FileManager.default.createSymbolicLink(atPath: folder + "/gone.txt", withDestinationPath: folder + "/nothing")
    try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: false)

    let entries = IngestInputs.entries(of: folder)
    #expect(entries.map { Array($0.name.utf8) } == [
      "Z.txt", "a.txt", "ab.txt", "b.txt", "e\u{301}.txt", "gone.txt", "sub", "\u{E9}.txt",
    ].map { Array($0.utf8) })
    for entry in entries {
      if entry.name == "gone.txt" {
        #expect(entry.status == nil, "a dangling link has no status")
      } else if entry.name == "sub" {
        #expect(entry.status.map { $0.st_mode & S_IFMT } == S_IFDIR)
      } else {
        let size = sizes.first { Array($0.name.utf8) == Array(entry.name.utf8) }?.size
        #expect(size != nil && entry.status.map { Int($0.st_size) } == size, "\(entry.name)")
      }
    }
    #expect(IngestInputs.entries(of: folder + "/missing").isEmpty)
  }
}
