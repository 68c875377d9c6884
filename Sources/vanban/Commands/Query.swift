import ArgumentParser

/// Scaffold for `vanban query`; its issue fills it in.
struct Query: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "(not yet available)", shouldDisplay: false)

  func run() throws {
    throw ValidationError("'query' is not available yet")
  }
}
