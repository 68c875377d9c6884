import ArgumentParser
import CAllocator

@main
struct VanBanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vanban",
    abstract: "Turn Vietnamese administrative documents (kế hoạch …) into structured JSON.",
    subcommands: [Parse.self, Normalize.self, Check.self, Diff.self, Compare.self, Ingest.self, Query.self]
  )

  static func main() {
    // The tool's malloc is jemalloc's (Sources/CAllocator/allocator.c).
    vanban_tune_allocator()
    main(nil)
  }
}
