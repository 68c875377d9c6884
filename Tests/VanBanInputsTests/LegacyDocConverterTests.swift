import Foundation
import Testing
@testable import VanBanInputs

/// The converter run against stand-ins for `soffice`: shell scripts that do what LibreOffice
/// does with the arguments (or fail, or hang), so the tests need no LibreOffice. One at a
/// time: a script being written while another test forks is "text file busy" to exec.
@Suite(.serialized) struct LegacyDocConverterTests {
  /// A folder holding an executable `soffice` with this shell body; `$outdir` is the value of
  /// `--outdir`.
  static func fakeTool(_ body: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-fake-soffice-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let script = """
      #!/bin/sh
      outdir=""
      while [ $# -gt 0 ]; do
        if [ "$1" = "--outdir" ]; then outdir="$2"; shift; fi
        shift
      done
      \(body)

      """
    let tool = folder.appendingPathComponent("soffice")
    try script.write(to: tool, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
    return folder
  }

  @Test func withoutLibreOfficeItSaysWhatToInstall() throws {
    let empty = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-no-tools-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: empty) }
    let converter = LegacyDocConverter(searchPath: empty.path)
    let bytes = try DOCXFixtures.bytes("legacy.doc")
    #expect(LegacyDocConverter.isLegacyDoc(bytes))
    #expect(throws: InputError.missingTool("legacy .doc needs LibreOffice: apt-get install libreoffice-writer-nogui")) {
      try converter.read(bytes)
    }
  }

  @Test func readsTheDOCXLibreOfficeWrites() throws {
    let folder = try Self.fakeTool(#"cp "\#(DOCXFixtures.path("plan.docx"))" "$outdir/input.docx""#)
    defer { try? FileManager.default.removeItem(at: folder) }
    let document = try LegacyDocConverter(searchPath: "/nonexistent:" + folder.path).read(DOCXFixtures.bytes("legacy.doc"))
    let direct = try DOCXReader.read(DOCXFixtures.bytes("plan.docx"))
    #expect(document.format == "doc")
    #expect(document.blocks.count == direct.blocks.count)
    #expect(document.blocks.first?.table?.rows.first?.first?.text == direct.blocks.first?.table?.rows.first?.first?.text)
    #expect(document.notes.first?.code == "doc.converted")
  }

  @Test func aFailedConversionIsDamagedWithWhatLibreOfficeSaid() throws {
    let folder = try Self.fakeTool(#"echo "Error: source file could not be loaded" >&2; exit 1"#)
    defer { try? FileManager.default.removeItem(at: folder) }
    let converter = LegacyDocConverter(searchPath: folder.path)
    #expect(throws: InputError.damaged("LibreOffice could not convert the .doc (exit status 1): Error: source file could not be loaded")) {
      try converter.read(DOCXFixtures.bytes("legacy.doc"))
    }
  }

  @Test(.timeLimit(.minutes(1))) func aHungConversionIsKilledWithItsChildren() async throws {
    let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-child-\(UUID().uuidString)")
    let folder = try Self.fakeTool("sleep 60 & echo $! > \"\(pidFile.path)\"; sleep 60")
    defer {
      try? FileManager.default.removeItem(at: folder)
      try? FileManager.default.removeItem(at: pidFile)
    }
    let converter = LegacyDocConverter(searchPath: folder.path, timeout: .milliseconds(500))
    let clock = ContinuousClock()
    let start = clock.now
    #expect(throws: InputError.tooLarge("LibreOffice took longer than 0.5 s to convert the .doc and was stopped")) {
      try converter.read(DOCXFixtures.bytes("legacy.doc"))
    }
    #expect(clock.now - start < .seconds(10))
    // The script's own child went with it (gone, or a zombie waiting for init to reap it).
    let pid = try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    try await Task.sleep(for: .milliseconds(200))
    let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
    #expect(stat == nil || stat!.contains(") Z "))
  }

  @Test func whatIsNoWordDocumentIsRefusedBeforeAnythingRuns() throws {
    let converter = LegacyDocConverter(searchPath: "")
    #expect(throws: InputError.encrypted) { try converter.read(DOCXFixtures.bytes("encrypted.docx")) }
    #expect(throws: InputError.unsupported("not a Word 97–2003 .doc: the file is not an OLE compound file")) {
      try converter.read(DOCXFixtures.bytes("plan.docx"))
    }
  }
}
