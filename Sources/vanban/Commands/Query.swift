#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import ArgumentParser
import VanBanStore
import VanBanText

/// Shortcuts for the questions asked of an ingest database; each runs one statement of
/// `StoreQuery`, which README "Bulk ingest" shows as SQL.
struct Query: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "query",
    abstract: "Ask an ingest database the usual questions (prints tab-separated rows).",
    subcommands: [Targets.self, Missing.self, Due.self, Errors.self, SQL.self, Digest.self]
  )

  struct Database: ParsableArguments {
    @Option(help: "The database written by 'vanban ingest'.")
    var db: String

    func open() throws -> PlanStore {
      guard access(db, F_OK) == 0 else {
        InputFile.fail("\(db): no such database")
        throw ExitCode(66)
      }
      do {
        return try PlanStore(path: db, keyFolding: { FoldingKey.diacriticFree($0) })
      } catch {
        InputFile.fail("\(db): \(error)")
        throw ExitCode(66)
      }
    }

    func print(_ sql: String, _ arguments: [String: String] = [:]) throws {
      let store = try open()
      do {
        let result = try store.run(sql, arguments)
        Query.printTable(result.columns, result.rows)
      } catch {
        InputFile.fail("\(db): \(error)")
        throw ExitCode(65)
      }
    }
  }

  /// Tabs and line breaks inside a cell would break the row apart.
  static func printTable(_ columns: [String], _ rows: [[String?]]) {
    var out = columns.joined(separator: "\t") + "\n"
    for row in rows {
      out += row.map { cell in
        guard let cell else { return "" }
        return String(cell.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
      }.joined(separator: "\t")
      out += "\n"
    }
    InputFile.writeStdout(Array(out.utf8))
  }

  /// The words of an indicator, folded as the store folds `indicator_key`.
  struct Indicator: ParsableArguments {
    @Argument(help: "Words of the indicator, e.g. \"phủ sóng 5G\".")
    var indicator: String

    var arguments: [String: String] { ["key": FoldingKey.diacriticFree(indicator)] }
  }

  struct Targets: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "targets",
      abstract: "All targets whose indicator contains these words, across communes (case and diacritics ignored).")
    @OptionGroup var database: Database
    @OptionGroup var indicator: Indicator

    func run() throws { try database.print(StoreQuery.targets, indicator.arguments) }
  }

  struct Missing: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "missing",
      abstract: "Communes none of whose plans has a target with these words.")
    @OptionGroup var database: Database
    @OptionGroup var indicator: Indicator

    func run() throws { try database.print(StoreQuery.missing, indicator.arguments) }
  }

  struct Due: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "due",
      abstract: "Tasks whose deadline ends in a quarter (2026-Q2, Q2/2026 or II/2026).")
    @OptionGroup var database: Database
    @Argument(help: "The quarter: 2026-Q2, Q2/2026 or II/2026.")
    var quarter: String

    func run() throws {
      guard let (year, q) = Self.parseQuarter(quarter) else {
        throw ValidationError("'\(quarter)' is not a quarter; write 2026-Q2, Q2/2026 or II/2026")
      }
      let bounds = StoreQuery.quarterBounds(year: year, quarter: q)
      try database.print(StoreQuery.due, ["from": bounds.from, "to": bounds.to])
    }

    static func parseQuarter(_ s: String) -> (Int, Int)? {
      let upper = s.uppercased().filter { $0 != " " }
      let parts = upper.split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
      guard parts.count == 2 else { return nil }
      let romans = ["I": 1, "II": 2, "III": 3, "IV": 4]
      func quarter(_ p: String) -> Int? {
        if p.hasPrefix("Q"), let n = Int(p.dropFirst()), (1...4).contains(n) { return n }
        return romans[p]
      }
      if let y = Int(parts[0]), let q = quarter(parts[1]) { return (y, q) }
      if let q = quarter(parts[0]), let y = Int(parts[1]) { return (y, q) }
      return nil
    }
  }

  struct Errors: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "errors",
      abstract: "Documents with error diagnostics, and files that could not be parsed.")
    @OptionGroup var database: Database
    @Flag(help: "List warnings too.")
    var warnings = false

    func run() throws {
      try database.print(warnings ? StoreQuery.errorsAndWarnings : StoreQuery.errors)
    }
  }

  struct SQL: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sql", abstract: "Run any read-only SQL statement.")
    @OptionGroup var database: Database
    @Argument(help: "The statement.")
    var sql: String

    func run() throws { try database.print(sql) }
  }

  struct Digest: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "digest",
      abstract: "A hash of the stored content, blind to row ids and ingest order (to compare two databases).")
    @OptionGroup var database: Database

    func run() throws {
      let store = try database.open()
      InputFile.writeStdout(Array((try store.contentDigest() + "\n").utf8))
    }
  }
}
