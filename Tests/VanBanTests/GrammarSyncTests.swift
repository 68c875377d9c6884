import Foundation
import Testing
import VanBanGrammar

/// The compiled Grammar tables must equal the TSV files: re-reads them the way
/// tools/gen_grammar.py does and fails on any difference (run the generator).
@Suite struct GrammarSyncTests {
  static func read(_ url: URL, name: String) throws -> GrammarTable {
    let text = try String(contentsOf: url, encoding: .utf8)
    var columns: [String]?
    var rows: [[String]] = []
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
      if line.trimmingCharacters(in: .whitespaces).isEmpty || line.trimmingCharacters(in: .whitespaces).hasPrefix("#") { continue }
      var cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard let cols = columns else {
        columns = cells
        continue
      }
      while cells.count < cols.count { cells.append("") }
      rows.append(cells)
    }
    return GrammarTable(name: name, columns: columns ?? [], rows: rows)
  }

  @Test func generatedTablesMatchTheFiles() throws {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Grammar")
    // Subfolders too: tables in them are named by their path ("encodings/tcvn3").
    let files = (FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)?.allObjects ?? [])
      .compactMap { $0 as? URL }.filter { $0.pathExtension == "tsv" }
    #expect(files.count == GrammarData.tables.count, "run python3 tools/gen_grammar.py")
    for url in files {
      let relative = String(url.standardizedFileURL.path.dropFirst(dir.standardizedFileURL.path.count + 1))
      let name = String(relative.dropLast(".tsv".count))
      let table = try Self.read(url, name: name)
      #expect(GrammarData.tables[name] == table, "Grammar/\(relative) changed: run python3 tools/gen_grammar.py")
    }
  }

  @Test func everyTableTheParserNeedsExists() {
    for name in [
      "agencies", "agency-prefixes", "columns", "columns-prefix", "deadline-words", "doc-kinds", "doc-types",
      "html-tags", "issuer-stops", "issuers", "keywords", "latex", "signature", "value-words",
      "encodings/cp1252", "encodings/cp1258", "encodings/tcvn3", "encodings/vni", "encodings/tone-placement",
    ] {
      #expect(GrammarData.tables[name] != nil, "missing Grammar/\(name).tsv")
    }
  }
}
