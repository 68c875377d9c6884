import GRDB
import GRDBSQLite

/// One row of a prepared INSERT, bound and stepped through SQLite's C API.
///
/// A bulk ingest inserts some hundred rows per document on one thread while the others parse;
/// GRDB's `StatementArguments` (an array of enum values built and copied for every row) cost
/// as much as SQLite's own insert work, and that thread's time is what bounds the speed-up
/// from more parsing threads. The statements stay GRDB's (cached, finalised by it); only
/// binding and stepping bypass it.
struct RowInsert {
  private let statement: Statement
  private let connection: SQLiteConnection
  private var index: Int32 = 0
  /// The row's text values, copied here and bound without SQLite copying them again
  /// (SQLITE_STATIC): a copy by SQLite is an allocation per value. Valid until the row is
  /// stepped, after which the bindings are cleared.
  private let arena: UnsafeMutableRawBufferPointer
  private var used = 0

  private init(_ statement: Statement, in db: Database, arena: UnsafeMutableRawBufferPointer) {
    self.statement = statement
    connection = db.sqliteConnection!
    self.arena = arena
  }

  /// Text beyond this, in one row, is bound as SQLite's own copy.
  static let arenaSize = 8192

  /// Binds the row's values in order (`bind` calls `add` once per `?`), then inserts it.
  static func run(_ statement: Statement, in db: Database, _ bind: (inout RowInsert) -> Void) throws {
    try withUnsafeTemporaryAllocation(byteCount: arenaSize, alignment: 1) { arena in
      var row = RowInsert(statement, in: db, arena: arena)
      let s = statement.sqliteStatement
      sqlite3_reset(s)
      bind(&row)
      let code = sqlite3_step(s)
      // No binding may outlive the arena.
      sqlite3_reset(s)
      sqlite3_clear_bindings(s)
      guard code == SQLITE_DONE else {
        throw DatabaseError(
          resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(row.connection)),
          sql: statement.sql)
      }
    }
  }

  mutating func add(_ value: Int64) {
    index += 1
    sqlite3_bind_int64(statement.sqliteStatement, index, value)
  }

  mutating func add(_ value: Int) { add(Int64(value)) }

  mutating func add(_ value: Int?) {
    if let value { add(Int64(value)) } else { addNull() }
  }

  mutating func add(_ value: Double?) {
    index += 1
    if let value { sqlite3_bind_double(statement.sqliteStatement, index, value) } else { sqlite3_bind_null(statement.sqliteStatement, index) }
  }

  mutating func add(_ value: String?) {
    guard var value else { return addNull() }
    index += 1
    let i = index
    let s = statement.sqliteStatement
    let arena = self.arena
    let used = self.used
    let stored: Int = value.withUTF8 { bytes in
      // An empty string still needs a pointer, since a null one binds NULL.
      guard let base = bytes.baseAddress, !bytes.isEmpty else {
        sqlite3_bind_text(s, i, "", 0, Self.transient)
        return 0
      }
      if used + bytes.count <= arena.count, let start = arena.baseAddress {
        let copy = start + used
        copy.copyMemory(from: base, byteCount: bytes.count)
        sqlite3_bind_text(s, i, copy.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
        return bytes.count
      }
      // The arena is full: SQLite copies the bytes (SQLITE_TRANSIENT).
      base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
        _ = sqlite3_bind_text(s, i, $0, Int32(bytes.count), Self.transient)
      }
      return 0
    }
    self.used += stored
  }

  mutating func addNull() {
    index += 1
    sqlite3_bind_null(statement.sqliteStatement, index)
  }

  /// SQLite's `SQLITE_TRANSIENT`, a C macro Swift does not import.
  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
