import GRDB
import GRDBSQLite
import VanBanModel

/// The SQLite database (cơ sở dữ liệu) that `vanban ingest` fills and `vanban query` reads.
///
/// Each document is written inside one transaction (`write` and a `Session` put several whole
/// documents in one): a crash, Ctrl-C or `kill -9` leaves each document either fully written
/// or not at all, and the next run picks up the rest. A new database keeps SQLite's rollback
/// journal with `synchronous = FULL`: a power cut loses nothing committed either. A database
/// made in WAL mode (by vanban before 2026-12) keeps it, with `synchronous = NORMAL`: a commit
/// costs no fsync, and a power cut may lose the last commits but never half of one.
public final class PlanStore: Sendable {
  /// What `save` did with a plan.
  public enum SaveOutcome: Sendable, Equatable {
    /// The source name was new.
    case inserted
    /// The source name was known with other bytes; its old rows are gone.
    case replaced
    /// Same source name, same SHA-256: nothing written.
    case unchanged
  }

  public let path: String
  let queue: DatabaseQueue
  /// The row INSERTs of `queue`'s connection, kept from one write to the next.
  let inserts = RowImage.Inserts()
  /// Turns indicator, task and commune text into the match keys stored beside it. Injected
  /// because the folding (ICU) lives above this module; the CLI passes
  /// `FoldingKey.diacriticFree`, and `vanban query` folds its argument the same way.
  let keyFolding: @Sendable (String) -> String

  public init(path: String, keyFolding: @escaping @Sendable (String) -> String) throws {
    self.path = path
    self.keyFolding = keyFolding
    var config = Configuration()
    // The rollback journal, not WAL: a bulk ingest into a new database mostly adds pages at
    // its end, which a rollback journal writes once, into the file, and never journals (only
    // pages the file held when a transaction began go to the journal first). WAL wrote every
    // page twice, to the journal and folded into the file, and read the journal back to fold
    // it: on the 2,000-file bench 7,700 writes and 2,300 reads against 4,100 and 40, and the
    // writing thread's time down by a quarter (240 to 180 ms, `perf` per thread), which is
    // what bounds `--jobs 2` against one (tools/bench/run.py: 1.74 times as fast before,
    // 1.74-1.99 over six runs after, median 1.89, on a shared two-core machine). What
    // WAL gave besides, readers that never wait for a writer, a bulk ingest barely needs: a
    // `vanban query` meanwhile waits (`busyMode`) while a batch commits, some milliseconds.
    // `.default` leaves the mode of an existing database alone: one made in WAL mode keeps it.
    config.journalMode = .default
    // Foreign keys stay in the schema, and whoever opens the file with enforcement on gets
    // their cascades; vanban's own connections do not enforce them. Every child row is inserted
    // right after its parent, with the id SQLite just gave it, so the check on each insert (a
    // parent look-up compiled into every INSERT) could never fail, and it was a ninth of the
    // ingest writing thread's work, the thread that bounds what more --jobs gain. Deleting a
    // document deletes its children explicitly (`deleteDocument`), the cascade by hand.
    config.foreignKeysEnabled = false
    config.busyMode = .timeout(10)
    config.prepareDatabase { db in
      // 16 KB pages in a new database (an existing one keeps its own; SQLite ignores this
      // there): a quarter of SQLite's default pages, journal frames and b-tree steps per row.
      // The writing thread's work is mostly system calls per journal frame (two writes each)
      // and per page folded in, not bytes: on the 2,000-file bench 16 KB pages made 6,900
      // journal writes and 2,300 folded pages where 8 KB made 11,600 and 4,600, for 19 % more
      // journal bytes, and `ingest --jobs 2` took 1.065 s instead of 1.107 s (medians of 21,
      // interleaved; 8 KB had beaten 4 KB the same way). 32 KB rewrote too much of each page
      // a row changes (1.094 against 1.109 s). The file is no larger (36.6 MB against 37.0).
      try db.execute(sql: "PRAGMA page_size = 16384")
      // FULL with the rollback journal, so that a power cut at a commit cannot leave a
      // half-written page behind a journal not yet on disk (12 more syncs on the bench, ~60);
      // NORMAL in WAL mode, where it is as safe for the database and a commit needs no sync.
      let walMode = try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal"
      try db.execute(sql: "PRAGMA synchronous = \(walMode ? "NORMAL" : "FULL")")
      // Debian's SQLite is built to zero what a write frees (cells moved or deleted, freed
      // pages, which then go to the journal too), for files whose deleted content must not be
      // recoverable; this database holds public documents. Off, the 2,000-file bench ingest
      // made 8,400-8,800 page writes to the journal and file instead of 9,200 (87-91 MB
      // instead of 94).
      try db.execute(sql: "PRAGMA secure_delete = OFF")
      // 16 MB of pages rather than SQLite's 2 MB: a bulk ingest touches every index, and with
      // the small cache it read the same pages back from the file over and over.
      try db.execute(sql: "PRAGMA cache_size = -16384")
      // In WAL mode, checkpoint every ~40 MB of journal rather than SQLite's 4 MB: each
      // checkpoint copies the hot index pages into the file again and syncs it, and over the
      // 2,000-file bench this cut fsyncs from 88 to 16, page writes by 12 % and page reads by
      // 46 %. Commits are still atomic (WAL); the journal is folded in when the last
      // connection closes. The pragma counts pages, whose size depends on when the database
      // was made.
      let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
      try db.execute(sql: "PRAGMA wal_autocheckpoint = \(40_960_000 / max(pageSize, 512))")
    }
    queue = try DatabaseQueue(path: path, configuration: config)
    try Self.createSchema(queue)
    let superseded = try queue.read { try Self.migrator.hasBeenSuperseded($0) }
    if superseded { throw StoreError.newerSchema(path) }
    try Self.migrator.migrate(queue)
  }

  /// The schema's versions in order, each applied once (`migrator`, `createSchema`).
  static let migrations: [(String, @Sendable (Database) throws -> Void)] = [
    ("v1", { try $0.execute(sql: schemaV1) }), ("v2", { try $0.execute(sql: schemaV2) }),
    ("v3", { try $0.execute(sql: schemaV3) }), ("v4", { try $0.execute(sql: schemaV4) }), ("v5", migrateToV5),
  ]

  static var migrator: DatabaseMigrator {
    var m = DatabaseMigrator()
    for (identifier, migrate) in migrations {
      m.registerMigration(identifier, migrate: migrate)
    }
    return m
  }

  /// Makes a new (empty) database's whole schema in one transaction, recorded as GRDB's
  /// migrator records it, so that the migrator then finds nothing to do.
  ///
  /// The migrator commits its table of applied versions and then each version on its own,
  /// and with the rollback journal and `synchronous = FULL` every commit waits for four
  /// syncs: a new database took ~17 ms before the first document could be written (27 ms
  /// for a one-file ingest against 11 ms into an existing database), a start that every
  /// `ingest` into a new database spends on one thread, however many jobs. A database that
  /// holds anything at all (a schema of any version, or tables of someone else's) is left to
  /// the migrator. `BEGIN IMMEDIATE`: of two processes making the same new file, the second
  /// waits and then finds the schema made.
  static func createSchema(_ queue: DatabaseQueue) throws {
    let isEmpty = { (db: Database) in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") == 0 }
    guard try queue.read(isEmpty) else { return }
    try queue.writeWithoutTransaction { db in
      try db.inTransaction(.immediate) {
        guard try isEmpty(db) else { return .commit }
        // The table and column GRDB's `DatabaseMigrator` makes and reads.
        try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        for (identifier, migrate) in migrations {
          try migrate(db)
          try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [identifier])
        }
        return .commit
      }
    }
  }

  /// The SHA-256 of every stored document by source name, so unchanged files can be skipped
  /// before they are parsed.
  public func knownDigests() throws -> [String: String] {
    try queue.read { db in
      var known: [String: String] = [:]
      let rows = try Row.fetchCursor(db, sql: "SELECT source_name, sha256 FROM documents")
      while let row = try rows.next() {
        known[row[0] as String] = row[1] as String
      }
      return known
    }
  }

  /// What `write` stores: a parsed plan with its keys (`keyed`), or a file that could not be
  /// parsed.
  public enum Entry: Sendable {
    case plan(KeyedPlan)
    case failure(sourceName: String, sha256: String?, bytes: Int?, kind: String, error: String)
  }

  /// A plan's rows, built (`RowImage`, match keys folded) by the thread that parsed it.
  ///
  /// Building rows is per-document work like parsing: in `write` it was a large part of the
  /// one writing thread's work, and that thread bounds what a second parsing thread can gain.
  /// The plan itself is not kept, so it is freed by the thread that made it.
  public struct KeyedPlan: Sendable {
    let sourceName: String
    let sha256: String
    let rows: RowImage
  }

  /// The document's own targets and tasks, then each attachment's (numbered from 0): the
  /// order rows are numbered and stored in.
  static func rowParts(_ plan: Plan) -> [(attachment: Int?, targets: [Target], tasks: [Task])] {
    [(nil, plan.targets, plan.tasks)] + plan.attachments.enumerated().map { ($0.offset, $0.element.targets, $0.element.tasks) }
  }

  /// The plan with its rows, built on the calling thread.
  public func keyed(_ plan: Plan) -> KeyedPlan {
    KeyedPlan(sourceName: plan.source.name, sha256: plan.source.sha256, rows: rows(of: plan))
  }

  /// Every row the plan adds, in the order `write` inserts them: the document, its targets
  /// (each followed by its values), tasks, attachments, references, recipients, diagnostics.
  func rows(of plan: Plan) -> RowImage {
    var r = RowImage.Builder(reservingText: 4096)
    let h = plan.header
    let commune = h.place ?? h.issuer
    let errors = plan.diagnostics.lazy.filter { $0.severity == .error }.count
    let warnings = plan.diagnostics.lazy.filter { $0.severity == .warning }.count
    r.row(.documents)
    r.add(plan.source.name); r.add(plan.source.sha256); r.add(plan.source.bytes); r.add(plan.source.encoding)
    r.add(plan.source.lineCount); r.add(plan.schemaVersion); r.add(h.docType); r.add(h.issuer)
    r.add(h.issuerParent); r.add(h.number); r.add(h.symbol); r.add(h.place); r.add(h.date?.text)
    r.add(h.date?.year); r.add(h.date?.month); r.add(h.date?.day); r.add(h.title); r.add(commune)
    r.add(commune.map(keyFolding)); r.add(plan.signature?.signer); r.add(plan.signature?.title)
    r.add(plan.targets.count + plan.attachments.reduce(0) { $0 + $1.targets.count })
    r.add(plan.tasks.count + plan.attachments.reduce(0) { $0 + $1.tasks.count })
    r.add(errors); r.add(warnings); r.add(plan.source.format); r.add(plan.source.pages)
    r.add(plan.source.ocrPages.count)

    // The document's own rows, then each attachment's (a decision's plan), numbered on.
    let parts = Self.rowParts(plan)
    var ordinal = 0
    for (attachment, targets, _) in parts {
      for t in targets {
        r.row(.targets)
        r.addRowID(ordinal: ordinal); r.addDocumentID(); r.add(ordinal); r.add(t.group); r.add(t.number)
        r.add(t.indicator); r.add(keyFolding(t.indicator)); r.add(t.unit); r.add(Self.joined(t.lead))
        r.add(Self.joined(t.coordinators)); r.add(t.note); r.add(t.origin.rawValue); r.add(t.line); r.add(attachment)
        for (j, v) in t.values.enumerated() {
          r.row(.targetValues)
          r.addRowID(ordinal: ordinal); r.add(j); r.add(v.year); r.add(v.op.rawValue); r.add(v.value); r.add(v.text)
        }
        ordinal += 1
      }
    }
    ordinal = 0
    for (attachment, _, tasks) in parts {
      for t in tasks {
        let d = t.deadline
        r.row(.tasks)
        r.addRowID(ordinal: ordinal); r.addDocumentID(); r.add(ordinal); r.add(t.group); r.add(t.number)
        r.add(t.name); r.add(keyFolding(t.name))
        r.add(Self.joined(t.lead)); r.add(Self.joined(t.coordinators)); r.add(t.result); r.add(d?.text)
        r.add(d?.kind.rawValue); r.add(d?.start); r.add(d?.end); r.add(d?.recurrence?.rawValue)
        r.add(d?.end ?? d?.start); r.add(t.note); r.add(t.details.map(Self.detailsJSON)); r.add(t.origin.rawValue)
        r.add(t.line); r.add(attachment)
        ordinal += 1
      }
    }
    for (i, a) in plan.attachments.enumerated() {
      r.row(.attachments)
      r.addDocumentID(); r.add(i); r.add(a.header.docType); r.add(a.header.title); r.add(a.attachedTo)
      r.add(a.targets.count); r.add(a.tasks.count); r.add(a.line)
    }
    for (i, x) in plan.references.enumerated() {
      r.row(.references)
      r.addDocumentID(); r.add(i); r.add(x.kind); r.add(x.number); r.add(x.date); r.add(x.issuer); r.add(x.alias)
      r.add(x.line)
    }
    for (i, x) in plan.recipients.enumerated() {
      r.row(.recipients)
      r.addDocumentID(); r.add(i); r.add(x.name); r.add(x.note); r.add(x.line)
    }
    for (i, x) in plan.diagnostics.enumerated() {
      r.row(.diagnostics)
      r.addDocumentID(); r.add(i); r.add(x.severity.rawValue); r.add(x.code); r.add(x.message); r.add(x.line)
    }
    return r.image
  }

  /// Writes the entries, in order, in one transaction: a commit per document rewrote the same
  /// index pages to the journal again and again, and was most of a bulk ingest's writing cost.
  /// Returns each plan's outcome (nil for a failure).
  public func write(_ entries: [Entry]) throws -> [SaveOutcome?] {
    try session { session in try entries.map(session.write) }
  }

  /// Whether the failures and the skipped files hold any row, asked once a transaction: a
  /// stored document's name leaves both lists, and in an ingest without broken or skipped
  /// files (a first one, mostly) the two look-ups per document found nothing, for ~2 % of
  /// the writing thread's instructions.
  struct ListsHeld {
    var failures: Bool
    var skipped: Bool

    init(_ db: Database) throws {
      failures = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM failures)") ?? true
      skipped = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM skipped)") ?? true
    }
  }

  /// In WAL mode, folds the journal into the database file as far as no reader holds it back
  /// (a passive checkpoint), so that closing has little left to fold, and lets the journal file
  /// shrink. With the rollback journal (a database vanban made since 2026-12) there is nothing
  /// to fold, and this does nothing.
  ///
  /// SQLite keeps a journal file at its largest size and deletes it when the last connection
  /// closes; dropping a bulk ingest's 40-odd MB of cached file pages took the closing thread
  /// 10-15 ms after every worker had finished. With a size limit the file is cut back when the
  /// next transaction starts it over, while the last files are still being parsed. (Set here,
  /// not when the database opens: cut back at every automatic checkpoint, the file would be
  /// grown again each time.)
  public func checkpoint() throws {
    try queue.writeWithoutTransaction(Self.checkpoint)
  }

  /// `checkpoint` on a connection already held (`Session.checkpoint`).
  static func checkpoint(_ db: Database) throws {
    try db.execute(sql: "PRAGMA journal_size_limit = \(Self.foldedJournalLimit)")
    try db.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)")
  }

  /// Bytes of journal file kept after `checkpoint`.
  static let foldedJournalLimit = 4 << 20

  /// Records files an ingest found and did not read, with their type; a file stored or failed
  /// under the same name leaves the list.
  public func recordSkipped(_ files: [(path: String, type: String, bytes: Int)]) throws {
    try queue.write { db in
      let insert = try db.cachedStatement(
        sql: "INSERT INTO skipped (source_name, type, bytes) VALUES (?, ?, ?) ON CONFLICT (source_name) DO UPDATE SET type = excluded.type, bytes = excluded.bytes")
      for f in files { try insert.execute(arguments: [f.path, f.type, f.bytes]) }
    }
  }

  /// Writes a plan in one transaction: nothing when its source name is stored with the same
  /// SHA-256, else delete-then-insert. A failure recorded earlier for the name is cleared.
  @discardableResult
  public func save(_ plan: Plan) throws -> SaveOutcome {
    let keyed = keyed(plan)
    return try queue.write { db in
      defer { inserts.clearBindings() }
      return try write(keyed, lists: ListsHeld(db), in: db)
    }
  }

  /// Records a file that could not be parsed. Any document stored earlier under the same name
  /// is removed: it described bytes that are no longer there. Writing the same failure again
  /// changes nothing, so a re-run over the same broken files leaves the database as it was.
  public func recordFailure(sourceName: String, sha256: String?, bytes: Int?, kind: String, error: String) throws {
    try queue.write { db in
      try writeFailure(sourceName: sourceName, sha256: sha256, bytes: bytes, kind: kind, error: error, in: db)
    }
  }

  func writeFailure(
    sourceName: String, sha256: String?, bytes: Int?, kind: String, error: String, in db: Database
  ) throws {
    if let old = try Self.storedDocument(named: sourceName, in: db) { try Self.deleteDocument(old.id, in: db) }
    try db.execute(sql: "DELETE FROM skipped WHERE source_name = ?", arguments: [sourceName])
    try db.execute(
      sql: """
        INSERT INTO failures (source_name, sha256, bytes, kind, error) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (source_name) DO UPDATE SET
          sha256 = excluded.sha256, bytes = excluded.bytes, kind = excluded.kind, error = excluded.error
        WHERE sha256 IS NOT excluded.sha256 OR bytes IS NOT excluded.bytes
          OR kind IS NOT excluded.kind OR error IS NOT excluded.error
        """,
      arguments: [sourceName, sha256, bytes, kind, error])
  }

  static func text(_ value: DatabaseValue) -> String? {
    switch value.storage {
    case .null: nil
    case .int64(let i): String(i)
    case .double(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    case .string(let s): s
    case .blob(let b): "<\(b.count) bytes>"
    }
  }

  func write(_ keyed: KeyedPlan, lists: ListsHeld, in db: Database) throws -> SaveOutcome {
    let name = keyed.sourceName
    // Cached statements: preparing the look-up and the two deletes for every document was a
    // tenth of the writing thread's work.
    let old = try Self.storedDocument(named: name, in: db)
    // A file read now is no longer one an earlier run skipped, nor one that failed.
    if lists.skipped {
      try db.cachedStatement(sql: "DELETE FROM skipped WHERE source_name = ?").execute(arguments: [name])
    }
    if lists.failures {
      try db.cachedStatement(sql: "DELETE FROM failures WHERE source_name = ?").execute(arguments: [name])
    }
    if let old, old.sha256 == keyed.sha256 { return .unchanged }
    if let old { try Self.deleteDocument(old.id, in: db) }
    _ = try keyed.rows.insert(into: db, inserts: inserts)
    return old == nil ? .inserted : .replaced
  }

  /// The row id and SHA-256 of the document stored under `name`, if any.
  ///
  /// Through SQLite's C API on GRDB's cached statement: every document written asks this,
  /// and GRDB's arguments, row and values were most of it (5 % of the ingest writing
  /// thread's samples, the thread that bounds what a second job gains).
  static func storedDocument(named name: String, in db: Database) throws -> (id: Int64, sha256: String)? {
    let statement = try db.cachedStatement(sql: "SELECT id, sha256 FROM documents WHERE source_name = ?")
    let s = statement.sqliteStatement
    var name = name
    return try name.withUTF8 { utf8 throws -> (id: Int64, sha256: String)? in
      if let base = utf8.baseAddress, !utf8.isEmpty {
        // SQLITE_STATIC (nil): the name outlives the step, and the binding is cleared after it.
        sqlite3_bind_text(s, 1, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(utf8.count), nil)
      } else {
        // A literal's pointer lives only through the call: copied, as `RowImage` binds empty text.
        sqlite3_bind_text(s, 1, "", 0, RowImage.transient)
      }
      defer {
        sqlite3_reset(s)
        sqlite3_clear_bindings(s)
      }
      switch sqlite3_step(s) {
      case SQLITE_ROW:
        let id = sqlite3_column_int64(s, 0)
        let count = Int(sqlite3_column_bytes(s, 1))
        let sha256 = sqlite3_column_text(s, 1).map {
          String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        } ?? ""
        return (id, sha256)
      case SQLITE_DONE:
        return nil
      case let code:
        throw DatabaseError(
          resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
          sql: statement.sql)
      }
    }
  }

  /// Deletes a document and every row that hangs off it: what the schema's `ON DELETE
  /// CASCADE` does where foreign keys are enforced (they are not on vanban's connections; see
  /// `init`). Children before parents; a test holds this list to every foreign key the schema
  /// declares.
  static func deleteDocument(_ id: Int64, in db: Database) throws {
    for sql in documentDeletes { try db.cachedStatement(sql: sql).execute(arguments: [id]) }
  }

  /// A document's targets and tasks (and the targets' values) are one range of ids each
  /// (`rowID`): no index on `document_id` serves them, their key does.
  static let documentDeletes = [
    "DELETE FROM target_values WHERE target_id \(idRange(of: "?1"))",
    "DELETE FROM targets WHERE document_id = ?1 AND id \(idRange(of: "?1"))",
    "DELETE FROM tasks WHERE document_id = ?1 AND id \(idRange(of: "?1"))",
    "DELETE FROM \"references\" WHERE document_id = ?",
    "DELETE FROM recipients WHERE document_id = ?",
    "DELETE FROM diagnostics WHERE document_id = ?",
    "DELETE FROM attachments WHERE document_id = ?",
    "DELETE FROM documents WHERE id = ?",
  ]

  static func joined(_ agencies: [String]) -> String? {
    agencies.isEmpty ? nil : agencies.joined(separator: "; ")
  }

  /// Keys sorted, so the same details always give the same text (and the same database).
  static func detailsJSON(_ details: [String: String]) -> String {
    var w = JSONWriter(pretty: false, reserving: 256)
    w.object { w in
      for key in details.keys.sorted() {
        w.key(dynamic: key)
        w.value(details[key]!)
      }
    }
    return w.string
  }
}

/// Why the store cannot be used.
public enum StoreError: Error, CustomStringConvertible, Sendable {
  case newerSchema(String)

  public var description: String {
    switch self {
    case .newerSchema(let path): "\(path): written by a newer vanban (unknown schema); refusing to change it"
    }
  }
}
