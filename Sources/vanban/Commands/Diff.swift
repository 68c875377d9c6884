import ArgumentParser

/// Scaffold for `vanban diff`; its issue fills it in.
struct Diff: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "(not yet available)", shouldDisplay: false)

  func run() throws {
    throw ValidationError("'diff' is not available yet")
  }
}
