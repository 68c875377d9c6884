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
    #expect(Ingest.startOrder(found, jobs: 1, ordered: false).map(\.path) == paths)
    #expect(Ingest.startOrder(found, jobs: 4, ordered: true).map(\.path) == paths)
  }
}
