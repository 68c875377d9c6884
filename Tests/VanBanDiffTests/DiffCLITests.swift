import Foundation
import Testing

/// `vanban diff` and `vanban compare` as a user runs them. `swift test` builds the executable
/// beside the tests; a run without it fails rather than skipping these checks.
struct DiffCLITests {
  static let binary: String = {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vanban").path,
      Repo.root.appendingPathComponent(".build/debug/vanban").path,
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
  }()
  static let built = FileManager.default.isExecutableFile(atPath: binary)

  static func run(_ arguments: [String]) throws -> (Int32, String, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: binary)
    p.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
  }

  @Test func executableIsBuilt() {
    #expect(Self.built, "no vanban executable at \(Self.binary): build it with `swift build`")
  }

  @Test func textAgainstJSON() throws {
    let text = Repo.seedText("002").path
    let json = text.replacingOccurrences(of: ".txt", with: ".expected.json")
    let (status, out, _) = try Self.run(["diff", "--format", "json", Repo.seedText("001").path, json])
    #expect(status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
    #expect((object?["b"] as? [String: Any])?["name"] as? String != nil)
  }

  @Test func missingFileExits66() throws {
    let (status, out, err) = try Self.run(["diff", Repo.seedText("000").path, "/nonexistent/b.txt"])
    #expect(status == 66)
    #expect(out.isEmpty)
    #expect(err.contains("/nonexistent/b.txt"))
  }

  @Test func unknownSchemaVersionExits65() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-diff-\(getpid())-v9.json")
    try Data(#"{"schema_version": "9"}"#.utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let (status, _, err) = try Self.run(["diff", url.path, Repo.seedText("000").path])
    #expect(status == 65)
    #expect(err.contains("schema_version '9'"))
  }

  @Test func compareLeavesOutBadFile() throws {
    let seeds = Repo.allSeedTexts().map(\.path)
    let (status, out, err) = try Self.run(["compare", "--format", "csv"] + seeds + ["/nonexistent/c.txt"])
    #expect(status == 66)
    #expect(err.contains("/nonexistent/c.txt"))
    let header = out.split(separator: "\r\n").first ?? ""
    #expect(header.split(separator: ",").count == 3 + seeds.count)
  }
}
