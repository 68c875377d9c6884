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
/// the buffer outlives the statements' steps) and the row ids SQLite assigns fill the
/// `documentID` and `targetID` placeholders.
struct RowImage: Sendable {
  /// The tables a document's rows go to, in the order `PlanStore.write` inserts them.
  enum Table: UInt8, CaseIterable, Sendable {
    case documents, targets, targetValues, tasks, attachments, references, recipients, diagnostics

    /// The INSERT each row is bound to; `RowImage.Builder` adds exactly as many values as
    /// it has `?`.
    var insert: String {
      switch self {
      case .documents:
        """
        INSERT INTO documents (source_name, sha256, bytes, encoding, line_count, schema_version,
          doc_type, issuer, issuer_parent, number, symbol, place, date_text, date_year, date_month,
          date_day, title, commune, commune_key, signer, signer_title, target_count, task_count,
          error_count, warning_count, format, pages, ocr_pages)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
      case .targets:
        """
        INSERT INTO targets (document_id, ordinal, group_title, number, indicator, indicator_key,
          unit, lead, coordinators, note, origin, line, attachment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
      case .targetValues:
        "INSERT INTO target_values (target_id, ordinal, year, op, value, text) VALUES (?, ?, ?, ?, ?, ?)"
      case .tasks:
        """
        INSERT INTO tasks (document_id, ordinal, group_title, number, name, name_key, lead,
          coordinators, result, deadline_text, deadline_kind, deadline_start, deadline_end,
          deadline_recurrence, due_date, note, details, origin, line, attachment)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
      case .attachments:
        """
        INSERT INTO attachments (document_id, ordinal, doc_type, title, attached_to, target_count, task_count, line)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """
      case .references:
        """
        INSERT INTO "references" (document_id, ordinal, kind, number, date, issuer, alias, line)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """
      case .recipients:
        "INSERT INTO recipients (document_id, ordinal, name, note, line) VALUES (?, ?, ?, ?, ?)"
      case .diagnostics:
        "INSERT INTO diagnostics (document_id, ordinal, severity, code, message, line) VALUES (?, ?, ?, ?, ?, ?)"
      }
    }
  }

  /// One bound value: plain numbers, so the writer copies no String and retains nothing.
  struct Value: Sendable {
    enum Kind: UInt8, Sendable {
      case null, integer, real, text
      /// The row id SQLite gave this document's `documents` row.
      case documentID
      /// The row id SQLite gave the last `targets` row inserted.
      case targetID
    }
    var kind: Kind
    /// The integer, the real's bit pattern, or where the text starts in `text`.
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
    mutating func addTargetID() { image.values.append(Value(kind: .targetID, bits: 0, count: 0)) }
  }

  /// Inserts every row in order, binding through SQLite's C API. `statements` holds one
  /// prepared statement per table (by `Table.rawValue`). Returns the document's row id (0 if
  /// the image has no `documents` row).
  func insert(into db: Database, statements: [Statement]) throws -> Int64 {
    guard let connection = db.sqliteConnection else { return 0 }
    var documentID: Int64 = 0
    var targetID: Int64 = 0
    // The tables this image bound text to: their statements point into `text` until cleared.
    var bound: UInt32 = 0
    defer {
      for table in Table.allCases where bound & (1 << UInt32(table.rawValue)) != 0 {
        sqlite3_clear_bindings(statements[Int(table.rawValue)].sqliteStatement)
      }
    }
    try text.withUnsafeBufferPointer { text in
      for (r, row) in rows.enumerated() {
        let statement = statements[Int(row.table.rawValue)]
        let s = statement.sqliteStatement
        let end = r + 1 < rows.count ? Int(rows[r + 1].start) : values.count
        bound |= 1 << UInt32(row.table.rawValue)
        // Every value of the row is bound over the last row's, and the statement was reset
        // right after its last step (a new one starts reset): no reset or clearing per row,
        // which was about a twentieth of the writing thread's work.
        var index: Int32 = 0
        for v in values[Int(row.start)..<end] {
          index += 1
          switch v.kind {
          case .null: sqlite3_bind_null(s, index)
          case .integer: sqlite3_bind_int64(s, index, v.bits)
          case .real: sqlite3_bind_double(s, index, Double(bitPattern: UInt64(bitPattern: v.bits)))
          case .documentID: sqlite3_bind_int64(s, index, documentID)
          case .targetID: sqlite3_bind_int64(s, index, targetID)
          case .text:
            // SQLITE_STATIC (nil): `text` outlives the step, and the bindings are cleared
            // before it goes (the `defer` above).
            if v.count == 0 {
              // A pointer for empty text (a null one would bind NULL), copied by SQLite.
              sqlite3_bind_text(s, index, "", 0, Self.transient)
            } else {
              let base = UnsafeRawPointer(text.baseAddress! + Int(v.bits)).assumingMemoryBound(to: CChar.self)
              sqlite3_bind_text(s, index, base, v.count, nil)
            }
          }
        }
        let code = sqlite3_step(s)
        sqlite3_reset(s)
        guard code == SQLITE_DONE else {
          throw DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
            sql: statement.sql)
        }
        switch row.table {
        case .documents: documentID = sqlite3_last_insert_rowid(connection)
        case .targets: targetID = sqlite3_last_insert_rowid(connection)
        default: break
        }
      }
    }
    return documentID
  }

  /// SQLite's `SQLITE_TRANSIENT`, a C macro Swift does not import.
  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
