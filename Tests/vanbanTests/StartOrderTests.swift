import Foundation
import Testing

@testable import vanban

/// The order `ingest` hands files to its workers (`Ingest.startOrder`).
@Suite struct StartOrderTests {
  let found: [IngestInputs.File] = [
    .init(path: "a.txt", size: 10), .init(path: "b.pdf", size: 900), .init(path: "c.txt", size: 10),
    .init(path: "d.hocr", size: 300), .init(path: "e.txt", size: 0),
  ]

  @Test func severalJobsStartTheLargestFirst() {
    let order = Ingest.startOrder(found, jobs: 2, ordered: false).map(\.path)
    // Equal sizes keep the order they were found in.
    #expect(order == ["b.pdf", "d.hocr", "a.txt", "c.txt", "e.txt"])
  }

  @Test func oneJobOrOrderedOutputKeepsTheOrderFound() {
    let paths = found.map(\.path)
    var heads = 0
    #expect(Ingest.startOrder(found, jobs: 1, ordered: false) { _ in heads += 1; return nil }.map(\.path) == paths)
    #expect(Ingest.startOrder(found, jobs: 4, ordered: true) { _ in heads += 1; return nil }.map(\.path) == paths)
    #expect(heads == 0)
  }

  /// Among the smallest files, those that need poppler or Tesseract loaded (found by their
  /// first bytes, whatever their names) start early, in size order, one every `jobs` files
  /// (a largest file for each other worker between them, so no two loads start together);
  /// the rest keep their order.
  @Test func smallFilesNeedingALibraryStartEarlyOneAtATime() {
    let pdf = Array("junk\n%PDF-1.7\n".utf8)
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
    var small = (0..<100).map { IngestInputs.File(path: "t\($0).txt", size: 1000 - $0) }
    small.insert(.init(path: "scan.txt", size: 51), at: 10)
    small.append(.init(path: "photo.dat", size: 80))
    small.append(.init(path: "unreadable.pdf", size: 20))
    let heads: [String: [UInt8]] = ["scan.txt": pdf, "photo.dat": png, "t99.txt": Array("%PDF".utf8)]
    var asked: [String] = []
    let order = Ingest.startOrder(small, jobs: 2, ordered: false) { path in
      asked.append(path)
      return path == "unreadable.pdf" ? nil : heads[path] ?? Array("KẾ HOẠCH".utf8)
    }.map(\.path)
    #expect(Array(order.prefix(3)) == ["photo.dat", "t0.txt", "scan.txt"])
    #expect(Array(order.dropFirst(3)) == (1..<100).map { "t\($0).txt" } + ["unreadable.pdf"])
    // Only the files started last are looked at: 32 a job.
    #expect(asked.count == 2 * Ingest.sniffedLast)
    #expect(!asked.contains("t0.txt") && asked.contains("unreadable.pdf"))
  }

  /// With more jobs, each load waits for a largest file on every other worker; with fewer
  /// other files than that, the loads come after them all the same.
  @Test func libraryFilesAreSpacedByTheJobs() {
    let files = [
      IngestInputs.File(path: "big1.txt", size: 900), .init(path: "big2.txt", size: 800),
      .init(path: "a.pdf", size: 30), .init(path: "b.png", size: 20), .init(path: "c.pdf", size: 10),
    ]
    let heads: [String: [UInt8]] = [
      "a.pdf": Array("%PDF-1.7".utf8), "b.png": [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
      "c.pdf": Array("%PDF-1.4".utf8),
    ]
    let head = { (path: String) in heads[path] ?? Array("KẾ HOẠCH".utf8) }
    #expect(Ingest.startOrder(files, jobs: 3, ordered: false, head: head).map(\.path)
      == ["a.pdf", "big1.txt", "big2.txt", "b.png", "c.pdf"])
    #expect(Ingest.startOrder(files, jobs: 2, ordered: false, head: head).map(\.path)
      == ["a.pdf", "big1.txt", "b.png", "big2.txt", "c.pdf"])
  }

  /// The heads are read from regular files only: bytes read from a pipe would be lost to the
  /// worker that reads the file later (and opening a FIFO waits for a writer).
  @Test func headsAreReadFromRegularFilesOnly() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-head-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("scan.txt").path
    try Data("%PDF-1.7\nrest".utf8).write(to: URL(fileURLWithPath: file))
    #expect(InputFile.head(file, count: 5) == Array("%PDF-".utf8))
    #expect(InputFile.head(file) == Array("%PDF-1.7\nrest".utf8))
    #expect(InputFile.head(dir.appendingPathComponent("missing.pdf").path) == nil)
    #expect(InputFile.head(dir.path) == nil)
    #expect(InputFile.head("-") == nil)

    let fifo = dir.appendingPathComponent("pipe.pdf").path
    try #require(mkfifo(fifo, 0o600) == 0)
    let reader = open(fifo, O_RDONLY | O_NONBLOCK)
    let writer = open(fifo, O_WRONLY | O_NONBLOCK)
    try #require(reader >= 0 && writer >= 0)
    defer { close(reader); close(writer) }
    let sent = Array("%PDF".utf8)
    #expect(write(writer, sent, sent.count) == sent.count)
    #expect(InputFile.head(fifo, count: sent.count) == nil)
    var got = [UInt8](repeating: 0, count: 8)
    #expect(read(reader, &got, got.count) == sent.count)
    #expect(Array(got.prefix(sent.count)) == sent)
  }
}
