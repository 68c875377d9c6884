import GRDB
import GRDBSQLite

/// Every row one document adds to the database, flattened into plain values and one byte
/// buffer by the thread that parsed the document, so the one writing thread only binds and
/// steps.
///
/// A bulk ingest's parsing threads are bounded by that one writing thread: with two jobs, its
/// time is what the second parsing thread cannot gain back. Reading rows out of the plan there
/// retained and released every String field of every target and task on a thread that had
/// not made them (each a cache miss), copied their text into a bind buffer and built the
/// agency lists and task details (a JSON object) row by row; together that was about a fifth
/// of its work. Here the writer binds text straight from `text` (SQLite does not copy it:
/// the buffer outlives the statements' steps) and the document's row id fills the
/// `documentID` and `rowID` placeholders.
struct RowImage: Sendable {
  /// The tables a document's rows go to, in the order `insert` writes them.
  enum Table: UInt8, CaseIterable, Sendable {
    case documents, targets, targetValues, tasks, attachments, references, recipients, diagnostics

    /// Every table's, by raw value.
    static let specs = allCases.map(\.spec)

    /// Where each row goes; `RowImage.Builder` adds exactly one value per column.
    var spec: InsertSpec {
      switch self {
      case .documents:
        InsertSpec(
          table: "documents",
          columns: """
            source_name, sha256, bytes, encoding, line_count, schema_version, doc_type, issuer,
            issuer_parent, number, symbol, place, date_text, date_year, date_month, date_day, title,
            commune, commune_key, signer, signer_title, target_count, task_count, error_count,
            warning_count, format, pages, ocr_pages
            """)
      case .targets:
        InsertSpec(
          table: "targets",
          columns: """
            id, document_id, ordinal, group_title, number, indicator, indicator_key, unit, lead,
            coordinators, note, origin, line, attachment
            """)
      case .targetValues:
        InsertSpec(table: "target_values", columns: "target_id, ordinal, year, op, value, text")
      case .tasks:
        InsertSpec(
          table: "tasks",
          columns: """
            id, document_id, ordinal, group_title, number, name, name_key, lead, coordinators, result,
            deadline_text, deadline_kind, deadline_start, deadline_end, deadline_recurrence,
            due_date, note, details, origin, line, attachment
            """)
      case .attachments:
        InsertSpec(
          table: "attachments",
          columns: "document_id, ordinal, doc_type, title, attached_to, target_count, task_count, line")
      case .references:
        InsertSpec(table: "\"references\"", columns: "document_id, ordinal, kind, number, date, issuer, alias, line")
      case .recipients:
        InsertSpec(table: "recipients", columns: "document_id, ordinal, name, note, line")
      case .diagnostics:
        InsertSpec(table: "diagnostics", columns: "document_id, ordinal, severity, code, message, line")
      }
    }
  }

  /// A table's INSERT: the table and the columns a row fills.
  struct InsertSpec: Sendable {
    let table: String
    /// The columns, comma-separated (white space is free).
    let columns: String
    /// Values a row binds.
    let width: Int

    init(table: String, columns: String) {
      self.table = table
      self.columns = columns
      width = columns.split(separator: ",").count
    }

    /// The INSERT of `rows` rows at once.
    ///
    /// `OR FAIL`, not the default `OR ABORT`: a statement of several rows that may abort
    /// half-way makes SQLite keep a journal of its own per statement (a temporary file, in
    /// writes of a page or less: ten times the system calls of the whole ingest). On a
    /// violation FAIL keeps the statement's earlier rows, but the error rolls the write's
    /// whole transaction back, so nothing of the document stays either way.
    func sql(rows: Int) -> String {
      let row = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
      return "INSERT OR FAIL INTO \(table) (\(columns)) VALUES "
        + Array(repeating: row, count: rows).joined(separator: ", ")
    }
  }

  /// The prepared INSERTs of a store's connection, by table and by how many rows each
  /// inserts (1 to `maxRows`), prepared on first use and kept for the connection's life.
  ///
  /// Used only inside the store's `queue.write` (GRDB runs those one at a time, on the one
  /// connection the statements belong to), hence `@unchecked Sendable`.
  final class Inserts: @unchecked Sendable {
    let specs: [InsertSpec]
    private var prepared: [[Statement?]]
    /// Statements bound to some image's text since their bindings were last cleared.
    private var bound: [Statement] = []
    private var isBound: [[Bool]]

    /// Rows one statement inserts at most: a document's rows of a table mostly fit (a plan
    /// has ~19 targets and ~11 tasks on the bench); a longer VALUES list only costs more to
    /// prepare.
    static let maxRows = 16

    init(specs: [InsertSpec] = Table.specs) {
      self.specs = specs
      prepared = Array(repeating: Array(repeating: nil, count: Self.maxRows), count: specs.count)
      isBound = Array(repeating: Array(repeating: false, count: Self.maxRows), count: specs.count)
    }

    func statement(_ table: Int, rows: Int, in db: Database) throws -> Statement {
      if let s = prepared[table][rows - 1] { return s }
      let s = try db.makeStatement(sql: specs[table].sql(rows: rows))
      prepared[table][rows - 1] = s
      return s
    }

    /// Notes that the statement points into an image's text.
    func bindsText(_ table: Int, rows: Int) {
      if !isBound[table][rows - 1] {
        isBound[table][rows - 1] = true
        bound.append(prepared[table][rows - 1]!)
      }
    }

    /// Unbinds every statement that points into images' text; call before the images go.
    /// (SQLite reads bindings only when stepping, and every step binds all of a statement's
    /// values anew; this is so that no statement is ever left pointing into freed memory.)
    func clearBindings() {
      for s in bound { sqlite3_clear_bindings(s.sqliteStatement) }
      bound.removeAll(keepingCapacity: true)
      for t in isBound.indices { for n in isBound[t].indices { isBound[t][n] = false } }
    }
  }

  /// One bound value: plain numbers, so the writer copies no String and retains nothing.
  struct Value: Sendable {
    enum Kind: UInt8, Sendable {
      case null, integer, real, text
      /// The row id SQLite gave this document's `documents` row.
      case documentID
      /// The id of the document's target or task whose ordinal `bits` holds
      /// (`PlanStore.rowID`): a row's own id, or the target a value belongs to.
      case rowID
    }
    var kind: Kind
    /// The integer, the real's bit pattern, where the text starts in `text`, or a `rowID`'s
    /// ordinal.
    var bits: Int64
    /// The text's length in bytes.
    var count: Int32
  }

  /// A row: its table and where its values start in `values` (they run on to the next row's).
  struct Row: Sendable {
    var table: Table
    var start: Int32
  }

  /// All text values' UTF-8, one after another.
  private(set) var text: [UInt8] = []
  private(set) var values: [Value] = []
  private(set) var rows: [Row] = []

  /// Adds rows value by value; `row(_:)` opens each.
  struct Builder {
    private(set) var image = RowImage()

    init(reservingText bytes: Int) {
      image.text.reserveCapacity(bytes)
    }

    mutating func row(_ table: Table) {
      image.rows.append(Row(table: table, start: Int32(image.values.count)))
    }

    mutating func add(_ value: Int) { image.values.append(Value(kind: .integer, bits: Int64(value), count: 0)) }

    mutating func add(_ value: Int?) {
      if let value { add(value) } else { addNull() }
    }

    mutating func add(_ value: Double?) {
      guard let value else { return addNull() }
      image.values.append(Value(kind: .real, bits: Int64(bitPattern: value.bitPattern), count: 0))
    }

    /// Text; empty text stays text (not NULL).
    mutating func add(_ value: String?) {
      guard let value else { return addNull() }
      let start = image.text.count
      image.text.append(contentsOf: value.utf8)
      image.values.append(Value(kind: .text, bits: Int64(start), count: Int32(image.text.count - start)))
    }

    mutating func addNull() { image.values.append(Value(kind: .null, bits: 0, count: 0)) }
    mutating func addDocumentID() { image.values.append(Value(kind: .documentID, bits: 0, count: 0)) }
    /// The id of the document's target or task numbered `ordinal`.
    mutating func addRowID(ordinal: Int) { image.values.append(Value(kind: .rowID, bits: Int64(ordinal), count: 0)) }
  }

  /// Inserts every row, binding through SQLite's C API: each `documents` row at once (the
  /// id SQLite gives it fills the `documentID` placeholders of the rows after it), then each
  /// other table's rows in image order, up to `Inserts.maxRows` to a statement. Returns the
  /// id of the last `documents` row (0 if there is none).
  ///
  /// One statement per row was ~80 % of the ingest writing thread's work, and much of a
  /// step's cost is per statement, not per row (opening the table's and its indexes' cursors,
  /// halting, resetting): in one statement a document's targets, values, tasks, references,
  /// recipients and diagnostics each take one or two steps. Targets and tasks are given their
  /// ids here, from the document's id and their ordinals (`PlanStore.rowID`), so values name
  /// their targets before either is stored.
  func insert(into db: Database, inserts: Inserts) throws -> Int64 {
    guard let connection = db.sqliteConnection else { return 0 }
    let tables = inserts.specs.count
    var waiting = Array(repeating: [Waiting](), count: tables)
    var documentID: Int64 = 0
    try text.withUnsafeBufferPointer { text in
      for (r, row) in rows.enumerated() {
        let t = Int(row.table.rawValue)
        let w = Waiting(row: r, documentID: documentID)
        if row.table == .documents {
          try bind([w], table: t, text: text, inserts: inserts, db: db, connection: connection)
          documentID = sqlite3_last_insert_rowid(connection)
        } else {
          waiting[t].append(w)
        }
      }
      for t in 0..<tables where !waiting[t].isEmpty {
        var from = 0
        while from < waiting[t].count {
          let to = min(from + Inserts.maxRows, waiting[t].count)
          try bind(waiting[t][from..<to], table: t, text: text, inserts: inserts, db: db, connection: connection)
          from = to
        }
      }
    }
    return documentID
  }

  /// A row waiting for its table's INSERT, with the id of the document it belongs to.
  private struct Waiting {
    var row: Int
    var documentID: Int64
  }

  /// Binds the rows to the table's INSERT of that many rows and steps it once.
  private func bind(
    _ chunk: some Collection<Waiting>, table t: Int, text: UnsafeBufferPointer<UInt8>, inserts: Inserts,
    db: Database, connection: OpaquePointer
  ) throws {
    let spec = inserts.specs[t]
    let statement = try inserts.statement(t, rows: chunk.count, in: db)
    let s = statement.sqliteStatement
    var index: Int32 = 0
    var boundText = false
    for w in chunk {
      let start = Int(rows[w.row].start)
      let end = w.row + 1 < rows.count ? Int(rows[w.row + 1].start) : values.count
      // Bound by position, so a row of the wrong width would shift every row after it.
      precondition(end - start == spec.width, "a \(spec.table) row of \(end - start) values")
      // Every value is bound over the last use's, and the statement was reset right after
      // its last step (a new one starts reset): no clearing per row.
      for v in values[start..<end] {
        index += 1
        switch v.kind {
        case .null: sqlite3_bind_null(s, index)
        case .integer: sqlite3_bind_int64(s, index, v.bits)
        case .real: sqlite3_bind_double(s, index, Double(bitPattern: UInt64(bitPattern: v.bits)))
        case .documentID: sqlite3_bind_int64(s, index, w.documentID)
        case .rowID:
          guard let id = PlanStore.rowID(document: w.documentID, ordinal: v.bits) else {
            throw DatabaseError(
              resultCode: .SQLITE_TOOBIG,
              message: "document \(w.documentID): no id for ordinal \(v.bits) in \(spec.table)"
                + " (ids number 2^32 targets or tasks of each of 2^31 documents)")
          }
          sqlite3_bind_int64(s, index, id)
        case .text:
          if v.count == 0 {
            // A pointer for empty text (a null one would bind NULL), copied by SQLite.
            sqlite3_bind_text(s, index, "", 0, Self.transient)
          } else {
            // SQLITE_STATIC (nil): `text` outlives the step, and the bindings are cleared
            // before it goes (`Inserts.clearBindings`).
            let base = UnsafeRawPointer(text.baseAddress! + Int(v.bits)).assumingMemoryBound(to: CChar.self)
            sqlite3_bind_text(s, index, base, v.count, nil)
            boundText = true
          }
        }
      }
    }
    if boundText { inserts.bindsText(t, rows: chunk.count) }
    let code = sqlite3_step(s)
    sqlite3_reset(s)
    guard code == SQLITE_DONE else {
      throw DatabaseError(
        resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
        sql: statement.sql)
    }
  }

  /// SQLite's `SQLITE_TRANSIENT`, a C macro Swift does not import.
  static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
