import ArgumentParser

/// Scaffold for `vanban compare`; its issue fills it in.
struct Compare: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "(not yet available)", shouldDisplay: false)

  func run() throws {
    throw ValidationError("'compare' is not available yet")
  }
}
