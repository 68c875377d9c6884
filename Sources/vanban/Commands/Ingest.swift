import ArgumentParser

/// Scaffold for `vanban ingest`; its issue fills it in.
struct Ingest: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "(not yet available)", shouldDisplay: false)

  func run() throws {
    throw ValidationError("'ingest' is not available yet")
  }
}
