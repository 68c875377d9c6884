import ArgumentParser

@main
struct VanBanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vanban",
    abstract: "Turn Vietnamese administrative documents (kế hoạch …) into structured JSON.",
    subcommands: [Parse.self, Normalize.self, Diff.self, Compare.self, Ingest.self, Query.self]
  )
}
