import GRDB

/// The questions a province office asks of the database, as SQL that README "Bulk ingest"
/// shows verbatim, so a user can run the same thing in `sqlite3` and adapt it.
///
/// Indicator matching is on `indicator_key` (lower case, no diacritics, đ → d): `:key` is the
/// user's words folded the same way, so "tỷ lệ phủ sóng 5G", "Ty le phu song 5g" and
/// "TỶ LỆ PHỦ SÓNG 5G" all find the same rows.
public enum StoreQuery {
  /// All targets for an indicator across communes, with their values per year.
  public static let targets = """
    SELECT commune, indicator, year, op, value, value_text, unit, source_name, line
    FROM commune_targets
    WHERE indicator_key LIKE '%' || :key || '%'
    ORDER BY commune_key, source_name, line, year
    """

  /// Communes none of whose documents has a target matching the indicator.
  ///
  /// The communes that have one are found once, by one scan of the targets, and each commune
  /// looked up among them. Asked commune by commune (`NOT EXISTS` with the commune in its
  /// condition, as this query was written before), SQLite scanned every target again for each
  /// commune, since no index serves a `LIKE '%…%'`: 2.6-3.2 s on the 2,000-file bench database
  /// (435 communes, 37,000 targets) against 9-20 ms so, the same rows; at a country's 3,300
  /// communes and their plans the scans grow with the square of the plans. A commune's key is
  /// never NULL (the source name stands in), so `NOT IN` has no NULL to trip on.
  public static let missing = """
    SELECT COALESCE(d.commune, d.source_name) AS commune, count(*) AS documents,
           group_concat(d.source_name, '; ') AS sources
    FROM documents d
    GROUP BY COALESCE(d.commune_key, d.source_name)
    HAVING COALESCE(d.commune_key, d.source_name) NOT IN (
      SELECT COALESCE(d2.commune_key, d2.source_name)
      FROM targets t JOIN documents d2 ON d2.id = t.document_id
      WHERE t.indicator_key LIKE '%' || :key || '%')
    ORDER BY 1
    """

  /// Tasks whose deadline ends inside a quarter (`:from`, `:to` are its first and last day).
  /// Recurring tasks ("Thường xuyên") have no end and are not listed.
  public static let due = """
    SELECT commune, due_date, deadline_text, name, lead, source_name, line
    FROM task_deadlines
    WHERE due_date BETWEEN :from AND :to
    ORDER BY due_date, commune, source_name, line
    """

  /// Documents with error diagnostics and files that could not be parsed at all.
  public static let errors = """
    SELECT source_name, severity, code, message, line
    FROM document_problems
    ORDER BY severity = 'failure' DESC, source_name, line
    """

  /// The same with warnings too.
  public static let errorsAndWarnings = """
    SELECT * FROM (
      SELECT d.source_name, x.severity, x.code, x.message, x.line
      FROM diagnostics x JOIN documents d ON d.id = x.document_id
      WHERE x.severity IN ('error', 'warning')
      UNION ALL
      SELECT source_name, 'failure', kind, error, NULL FROM failures)
    ORDER BY severity = 'failure' DESC, source_name, line
    """

  /// The first and last day of quarter `q` of `year`, as ISO dates.
  public static func quarterBounds(year: Int, quarter q: Int) -> (from: String, to: String) {
    let firstMonth = (q - 1) * 3 + 1
    let lastMonth = firstMonth + 2
    let lastDay = lastMonth == 6 || lastMonth == 9 ? 30 : 31
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return ("\(year)-\(two(firstMonth))-01", "\(year)-\(two(lastMonth))-\(lastDay)")
  }
}

extension PlanStore {
  /// Runs one of the `StoreQuery` statements with named arguments.
  public func run(_ sql: String, _ arguments: [String: String] = [:]) throws
    -> (columns: [String], rows: [[String?]])
  {
    try queue.read { db in
      let statement = try db.makeStatement(sql: sql)
      try statement.setArguments(StatementArguments(arguments.mapValues { $0 as (any DatabaseValueConvertible)? }))
      return try Self.collect(statement)
    }
  }

  static func collect(_ statement: Statement) throws -> (columns: [String], rows: [[String?]]) {
    var rows: [[String?]] = []
    let cursor = try Row.fetchCursor(statement)
    while let row = try cursor.next() {
      rows.append(row.databaseValues.map(text))
    }
    return (statement.columnNames, rows)
  }

  /// Row counts per table, for the summary and the tests.
  public func counts() throws -> [String: Int] {
    try queue.read { db in
      var counts: [String: Int] = [:]
      for table in Self.tables {
        counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)\"") ?? 0
      }
      return counts
    }
  }

  static let tables = [
    "documents", "targets", "target_values", "tasks", "references", "recipients", "diagnostics", "failures",
    "attachments", "skipped",
  ]

  /// A hash of everything stored, blind to row ids and to the order documents were written
  /// in: two ingests of the same files, in any order, with any number of jobs, or a run
  /// killed half-way and completed, give the same digest.
  ///
  /// Child rows are named by their document's source name (and a value by its target's
  /// ordinal) instead of by id; each table's rows are sorted before hashing.
  public func contentDigest() throws -> String {
    let dumps = [
      "SELECT * FROM documents",
      """
      SELECT d.source_name, t.* FROM targets t JOIN documents d ON d.id = t.document_id
      """,
      """
      SELECT d.source_name, t.ordinal, v.* FROM target_values v JOIN targets t ON t.id = v.target_id
      JOIN documents d ON d.id = t.document_id
      """,
      "SELECT d.source_name, t.* FROM tasks t JOIN documents d ON d.id = t.document_id",
      "SELECT d.source_name, r.* FROM \"references\" r JOIN documents d ON d.id = r.document_id",
      "SELECT d.source_name, r.* FROM recipients r JOIN documents d ON d.id = r.document_id",
      "SELECT d.source_name, x.* FROM diagnostics x JOIN documents d ON d.id = x.document_id",
      "SELECT * FROM failures",
      "SELECT d.source_name, a.* FROM attachments a JOIN documents d ON d.id = a.document_id",
      "SELECT * FROM skipped",
    ]
    let idColumns: Set<String> = ["id", "document_id", "target_id"]
    var hash = FNV1a128()
    try queue.read { db in
      for sql in dumps {
        let statement = try db.makeStatement(sql: sql)
        let keep = statement.columnNames.enumerated().filter { !idColumns.contains($0.element) }.map(\.offset)
        var lines: [[UInt8]] = []
        let cursor = try Row.fetchCursor(statement)
        while let row = try cursor.next() {
          let values = Array(row.databaseValues)
          var line: [UInt8] = []
          for i in keep {
            switch values[i].storage {
            case .null: line.append(0x00)
            case .int64(let n): line += Array("i\(n)".utf8)
            case .double(let d): line += Array("d\(d)".utf8)
            case .string(let s): line += [0x01] + Array(s.utf8)
            case .blob(let b): line += [0x02] + Array(b)
            }
            line.append(0x1F)
          }
          lines.append(line)
        }
        lines.sort { $0.lexicographicallyPrecedes($1) }
        hash.add(Array(sql.utf8))
        for line in lines {
          hash.add(line)
          hash.add([0x1E])
        }
      }
    }
    return hash.hex
  }
}

/// FNV-1a, 128-bit: enough to tell two databases apart in a test, and needs no dependency.
struct FNV1a128 {
  private var high: UInt64 = 0x6c62_272e_07bb_0142
  private var low: UInt64 = 0x62b8_2175_6295_c58d

  mutating func add(_ bytes: [UInt8]) {
    // Multiplying by the 128-bit FNV prime, 2^88 + 0x13B, modulo 2^128.
    for b in bytes {
      low ^= UInt64(b)
      let (carry, product) = low.multipliedFullWidth(by: 0x13B)
      high = carry &+ high &* 0x13B &+ (low << 24)
      low = product
    }
  }

  var hex: String {
    func pad(_ n: UInt64) -> String {
      let s = String(n, radix: 16)
      return String(repeating: "0", count: 16 - s.count) + s
    }
    return pad(high) + pad(low)
  }
}
