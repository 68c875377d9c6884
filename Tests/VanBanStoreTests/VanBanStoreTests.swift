import Foundation
import GRDB
import Testing
import VanBan
import VanBanModel
import VanBanText
@testable import VanBanStore

/// The store on its own: schema, replace-on-change, failures, the README queries.
@Suite struct PlanStoreTests {
  @Test func schemaHasEveryTableViewAndIndex() throws {
    let dir = try TempDir()
    let store = try dir.store()
    let (_, rows) = try store.run("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'")
    let names = Set(rows.map { "\($0[0]!) \($0[1]!)" })
    for table in PlanStore.tables { #expect(names.contains("table \(table)"), "\(table)") }
    for view in ["commune_targets", "task_deadlines", "document_problems"] { #expect(names.contains("view \(view)")) }
    for index in ["tasks_due_date", "documents_commune_key"] {
      #expect(names.contains("index \(index)"))
    }
    // Version 3 dropped the first (no query can use it, see `schemaV3`), version 4 the others
    // (their upkeep cost the bulk ingest more than their scans save, see `schemaV4`).
    for index in ["targets_indicator_key", "diagnostics_severity_code", "references_kind_number"] {
      #expect(!names.contains("index \(index)"))
    }
  }

  /// A version 2 database (the index on `targets(indicator_key)` still there) loses the
  /// index when opened and keeps its rows; the indicator queries read the same rows with or
  /// without it, and SQLite's plan for them never used it.
  @Test func versionTwoDatabaseIsUpgraded() throws {
    let dir = try TempDir()
    let store = try dir.store()
    try store.save(Seeds.plan(1))
    let digest = try store.contentDigest()
    let key = try #require(store.run("SELECT indicator_key FROM targets ORDER BY ordinal LIMIT 1").rows.first?[0] ?? nil)
    let withIndex: [[String?]]
    do {
      let q = try DatabaseQueue(path: dir.path("test.sqlite"))
      withIndex = try q.write { db in
        try db.execute(sql: "CREATE INDEX targets_indicator_key ON targets(indicator_key)")
        try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v3'")
        let plan = try String.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(StoreQuery.targets)", arguments: ["key": key])
        let missing = try String.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(StoreQuery.missing)", arguments: ["key": key])
        #expect(!(plan + missing).contains { $0.contains("targets_indicator_key") })
        return try Row.fetchAll(db, sql: StoreQuery.targets, arguments: ["key": key]).map { row in
          row.databaseValues.map(PlanStore.text)
        }
      }
      try q.close()
    }
    #expect(!withIndex.isEmpty)
    let reopened = try dir.store()
    let (_, indexes) = try reopened.run("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'targets_indicator_key'")
    #expect(indexes.isEmpty)
    #expect(try reopened.contentDigest() == digest)
    #expect(try reopened.run(StoreQuery.targets, ["key": key]).rows == withIndex)
  }

  /// A version-3 database (with the diagnostics and citation indexes) opens as version 4:
  /// the indexes are gone, the content and the error list are what they were.
  @Test func versionThreeDatabaseIsUpgraded() throws {
    let dir = try TempDir()
    let store = try dir.store()
    try store.save(Seeds.plan(1))
    try store.save(Seeds.plan(3))
    try store.recordFailure(sourceName: "broken.txt", sha256: nil, bytes: 0, kind: "bad_data", error: "empty file")
    let digest = try store.contentDigest()
    #expect(try store.counts()["references"] ?? 0 > 0)
    let errorsBefore: [[String?]]
    do {
      let q = try DatabaseQueue(path: dir.path("test.sqlite"))
      errorsBefore = try q.write { db in
        try db.execute(sql: """
          CREATE INDEX diagnostics_severity_code ON diagnostics(severity, code);
          CREATE INDEX references_kind_number ON "references"(kind, number);
          DELETE FROM grdb_migrations WHERE identifier = 'v4';
          """)
        return try Row.fetchAll(db, sql: StoreQuery.errorsAndWarnings).map { $0.databaseValues.map(PlanStore.text) }
      }
      try q.close()
    }
    #expect(!errorsBefore.isEmpty)
    let reopened = try dir.store()
    let (_, indexes) = try reopened.run("""
      SELECT name FROM sqlite_master WHERE type = 'index'
        AND name IN ('diagnostics_severity_code', 'references_kind_number')
      """)
    #expect(indexes.isEmpty)
    #expect(try reopened.contentDigest() == digest)
    #expect(try reopened.run(StoreQuery.errorsAndWarnings).rows == errorsBefore)
  }

  /// A version-4 database (targets and tasks numbered across documents, with `UNIQUE
  /// (document_id, ordinal)`) opens as version 5: the ids are the document's and the row's
  /// (`PlanStore.rowID`), the values name their targets by them, the constraint's index is
  /// gone, the content and the README queries are what they were, and a changed document
  /// then replaces its rows without leaving any behind.
  @Test func versionFourDatabaseIsUpgraded() throws {
    let dir = try TempDir()
    let store = try dir.store()
    try store.save(Seeds.plan(1, name: "a.txt"))
    try store.save(Seeds.plan(3, name: "b.txt"))
    try store.save(Seeds.plan(2, name: "c.txt"))
    let digest = try store.contentDigest()
    let key = try #require(store.run("SELECT indicator_key FROM targets ORDER BY id LIMIT 1").rows.first?[0] ?? nil)
    let due = ["from": "2000-01-01", "to": "2100-12-31"]
    let targetsBefore = try store.run(StoreQuery.targets, ["key": key]).rows
    let dueBefore = try store.run(StoreQuery.due, due).rows
    #expect(!targetsBefore.isEmpty && !dueBefore.isEmpty)
    // The tables as versions 1-4 made them: the constraint back, ids 1, 2, … in document and
    // ordinal order, the values pointing at them, and the views joining on `document_id`.
    do {
      // As vanban's connections (`PlanStore.init`): the values point at ids renumbered apart.
      var config = Configuration()
      config.foreignKeysEnabled = false
      let q = try DatabaseQueue(path: dir.path("test.sqlite"), configuration: config)
      try q.write { db in
        try db.execute(sql: "DROP VIEW commune_targets; DROP VIEW task_deadlines")
        for table in ["targets", "tasks"] {
          let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('\(table)') ORDER BY cid")
          let made = try #require(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = '\(table)'"))
          let old = made.replacingOccurrences(of: "CREATE TABLE \(table) (", with: "CREATE TABLE old_\(table) (")
          #expect(old != made && old.hasSuffix(")"))
          try db.execute(sql: String(old.dropLast()) + ", UNIQUE (document_id, ordinal))")
          try db.execute(sql: """
            CREATE TEMP TABLE \(table)_ids AS SELECT id AS new, row_number() OVER (ORDER BY id) AS old FROM \(table);
            INSERT INTO old_\(table) SELECT m.old, \(columns.dropFirst().map { "t." + $0 }.joined(separator: ", "))
              FROM \(table) t JOIN \(table)_ids m ON m.new = t.id;
            """)
        }
        try db.execute(sql: """
          UPDATE target_values SET target_id = (SELECT old FROM targets_ids WHERE new = target_id);
          DROP TABLE targets; DROP TABLE tasks;
          ALTER TABLE old_targets RENAME TO targets; ALTER TABLE old_tasks RENAME TO tasks;
          CREATE INDEX tasks_due_date ON tasks(due_date);
          DELETE FROM grdb_migrations WHERE identifier = 'v5';
          """)
        // The views as version 1 made them: joined on `document_id` alone.
        let range = " AND t.id \(PlanStore.idRange(of: "d.id"))"
        #expect(PlanStore.targetAndTaskViews.contains(range))
        try db.execute(sql: PlanStore.targetAndTaskViews.replacingOccurrences(of: range, with: ""))
        #expect(try Int.fetchOne(db, sql: "SELECT max(id) FROM targets") == Int.fetchOne(db, sql: "SELECT count(*) FROM targets"))
        #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name LIKE 'sqlite_autoindex_t%'") == 2)
      }
      try q.close()
    }
    let reopened = try dir.store()
    #expect(try reopened.run("SELECT count(*) FROM sqlite_master WHERE name LIKE 'sqlite_autoindex_t%'").rows == [["0"]])
    for table in ["targets", "tasks"] {
      let misnumbered = try reopened.run("SELECT count(*) FROM \(table) WHERE id != (document_id << 32) + ordinal").rows
      #expect(misnumbered == [["0"]], "\(table)")
    }
    #expect(try reopened.run("SELECT count(*) FROM target_values WHERE target_id NOT IN (SELECT id FROM targets)").rows == [["0"]])
    #expect(try reopened.contentDigest() == digest)
    #expect(try reopened.run(StoreQuery.targets, ["key": key]).rows == targetsBefore)
    #expect(try reopened.run(StoreQuery.due, due).rows == dueBefore)
    // A changed document: its old rows go by their ids' range, the others stay.
    #expect(try reopened.save(Seeds.plan(4, name: "b.txt")) == .replaced)
    let fresh = try dir.store("fresh.sqlite")
    try fresh.save(Seeds.plan(1, name: "a.txt"))
    try fresh.save(Seeds.plan(4, name: "b.txt"))
    try fresh.save(Seeds.plan(2, name: "c.txt"))
    #expect(try reopened.contentDigest() == fresh.contentDigest())
  }

  /// A new database's schema is made in one transaction (`PlanStore.createSchema`); it must
  /// be the schema GRDB's migrator makes version by version, with the same versions recorded,
  /// so that later versions apply to it as to any other.
  @Test func newDatabaseSchemaIsTheMigratorsSchema() throws {
    let dir = try TempDir()
    _ = try dir.store("one-step.sqlite")
    let stepwise = try DatabaseQueue(path: dir.path("stepwise.sqlite"))
    try PlanStore.migrator.migrate(stepwise)
    try stepwise.close()
    func schema(_ name: String) throws -> [[String?]] {
      let q = try DatabaseQueue(path: dir.path(name))
      defer { try? q.close() }
      return try q.read { db in
        let objects = try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid")
        let versions = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        #expect(try PlanStore.migrator.hasCompletedMigrations(db))
        return objects.map { $0.databaseValues.map(PlanStore.text) } + [versions]
      }
    }
    let oneStep = try schema("one-step.sqlite")
    #expect(oneStep.count > PlanStore.tables.count)
    #expect(oneStep.last == PlanStore.migrations.map(\.0))
    #expect(oneStep == (try schema("stepwise.sqlite")))
  }

  @Test func reopeningKeepsTheData() throws {
    let dir = try TempDir()
    try dir.store().save(Seeds.plan(0))
    #expect(try dir.store().counts()["documents"] == 1)
  }

  /// A new database gets 16 KB pages; one made with SQLite's 4 KB keeps them and its data.
  /// Either way the journal is folded in every ~40 MB, counted in its own pages.
  @Test func pageSizeOfNewAndExistingDatabases() throws {
    let dir = try TempDir()
    let fresh = try dir.store()
    #expect(try fresh.run("PRAGMA page_size").rows == [["16384"]])
    #expect(try fresh.run("PRAGMA wal_autocheckpoint").rows == [["2500"]])
    let old = try DatabaseQueue(path: dir.path("old.sqlite"))
    try old.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA page_size = 4096; CREATE TABLE kept (x INTEGER); INSERT INTO kept VALUES (7)")
    }
    try old.close()
    let reopened = try dir.store("old.sqlite")
    #expect(try reopened.run("PRAGMA page_size").rows == [["4096"]])
    #expect(try reopened.run("PRAGMA wal_autocheckpoint").rows == [["10000"]])
    #expect(try reopened.run("SELECT x FROM kept").rows == [["7"]])
    try reopened.save(Seeds.plan(0))
    #expect(try reopened.counts()["documents"] == 1)
  }

  @Test func savingEveryPartOfAPlan() throws {
    let dir = try TempDir()
    let store = try dir.store()
    let plan = Seeds.plan(1)
    #expect(try store.save(plan) == .inserted)
    let counts = try store.counts()
    #expect(counts["documents"] == 1)
    #expect(counts["targets"] == plan.targets.count)
    #expect(counts["target_values"] == plan.targets.reduce(0) { $0 + $1.values.count })
    #expect(counts["tasks"] == plan.tasks.count)
    #expect(counts["references"] == plan.references.count)
    #expect(counts["recipients"] == plan.recipients.count)
    #expect(counts["diagnostics"] == plan.diagnostics.count)
    let doc = try store.run("SELECT sha256, commune, commune_key, date_year, encoding FROM documents").rows[0]
    #expect(doc == [plan.source.sha256, "Tân Lợi", "tan loi", "2026", plan.source.encoding])
  }

  @Test func sameBytesAreANoOp() throws {
    let dir = try TempDir()
    let store = try dir.store()
    try store.save(Seeds.plan(2))
    let before = try store.contentDigest()
    #expect(try store.save(Seeds.plan(2)) == .unchanged)
    #expect(try store.contentDigest() == before)
  }

  /// A new database has SQLite's rollback journal, synced in full at each commit (2), and
  /// no WAL file beside it once written; one made in WAL mode (by vanban before 2026-12)
  /// keeps WAL, with `synchronous = NORMAL` (1). Both take documents (see `PlanStore.init`).
  @Test(arguments: [(wal: false, mode: "delete", synchronous: 2), (wal: true, mode: "wal", synchronous: 1)])
  func journalOfNewAndWALDatabases(_ c: (wal: Bool, mode: String, synchronous: Int)) throws {
    let dir = try TempDir()
    let store = try c.wal ? dir.walStore() : dir.store()
    try store.save(Seeds.plan(0))
    let settings = try store.queue.read { db in
      (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
    }
    #expect(settings.0 == c.mode)
    #expect(settings.1 == c.synchronous)
    #expect(FileManager.default.fileExists(atPath: dir.path("test.sqlite-wal")) == c.wal)
    #expect(try store.counts()["documents"] == 1)
  }

  /// After `checkpoint`, a WAL journal file is cut back to `foldedJournalLimit` when the next
  /// transaction starts it over, so closing has no large file to delete; nothing is lost.
  @Test func checkpointLetsTheJournalShrink() throws {
    let dir = try TempDir()
    let store = try dir.walStore()
    let wal = dir.path("test.sqlite-wal")
    func walBytes() throws -> Int { (try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0 }
    let seeds = (0..<Seeds.names.count).map { Seeds.plan($0) }
    var written = 0
    // Plans under new names until the journal is well past the limit.
    while try walBytes() <= 2 * PlanStore.foldedJournalLimit {
      let batch = (0..<20).map { k -> PlanStore.Entry in
        var plan = seeds[(written + k) % seeds.count]
        plan.source.name = "plan-\(written + k).txt"
        return .plan(store.keyed(plan))
      }
      _ = try store.write(batch)
      written += batch.count
    }
    try store.checkpoint()
    var plan = seeds[0]
    plan.source.name = "last.txt"
    #expect(try store.save(plan) == .inserted)
    let after = try walBytes()
    #expect(after <= PlanStore.foldedJournalLimit, "journal of \(after) bytes")
    #expect(try store.counts()["documents"] == written + 1)
  }

  /// A batch in one transaction gives each entry's outcome and the same database as the same
  /// entries written one by one.
  @Test func batchWriteMatchesOneByOne() throws {
    let batchedDir = try TempDir()  // kept: a commit makes its journal in the folder
    let batched = try batchedDir.store()
    let outcomes = try batched.write([
      .plan(batched.keyed(Seeds.plan(0))), .plan(batched.keyed(Seeds.plan(1, name: "x.txt"))),
      .failure(sourceName: "broken.txt", sha256: nil, bytes: 3, kind: "bad_data", error: "not text"),
      .plan(batched.keyed(Seeds.plan(4, name: "x.txt"))), .plan(batched.keyed(Seeds.plan(0))),
    ])
    #expect(outcomes == [.inserted, .inserted, nil, .replaced, .unchanged])
    let singleDir = try TempDir()  // kept: a commit makes its journal in the folder
    let single = try singleDir.store()
    try single.save(Seeds.plan(0))
    try single.save(Seeds.plan(1, name: "x.txt"))
    try single.recordFailure(sourceName: "broken.txt", sha256: nil, bytes: 3, kind: "bad_data", error: "not text")
    try single.save(Seeds.plan(4, name: "x.txt"))
    #expect(try batched.contentDigest() == single.contentDigest())
  }

  @Test func changedFileReplacesItsRows() throws {
    let dir = try TempDir()
    let store = try dir.store()
    let first = Seeds.plan(1, name: "commune.txt")
    let second = Seeds.plan(4, name: "commune.txt")
    try store.save(first)
    try store.save(Seeds.plan(0))
    #expect(try store.save(second) == .replaced)
    let counts = try store.counts()
    #expect(counts["documents"] == 2)
    let mine = try store.run(
      "SELECT count(*) FROM targets t JOIN documents d ON d.id = t.document_id WHERE d.source_name = 'commune.txt'")
    #expect(mine.rows[0][0] == String(second.targets.count))
    #expect(counts["targets"] == second.targets.count + Seeds.plan(0).targets.count)
    let orphans = try store.run("SELECT count(*) FROM target_values WHERE target_id NOT IN (SELECT id FROM targets)")
    #expect(orphans.rows[0][0] == "0")

    // Same content whatever the path to it: replacing gives what a fresh store holds.
    let freshDir = try TempDir()  // kept: a commit makes its journal in the folder
    let fresh = try freshDir.store()
    try fresh.save(Seeds.plan(0))
    try fresh.save(second)
    #expect(try fresh.contentDigest() == store.contentDigest())
  }

  @Test func failureReplacesTheDocumentAndASuccessClearsIt() throws {
    let dir = try TempDir()
    let store = try dir.store()
    try store.save(Seeds.plan(0, name: "x.txt"))
    try store.recordFailure(sourceName: "x.txt", sha256: "00", bytes: 0, kind: "bad_data", error: "empty file")
    var counts = try store.counts()
    #expect(counts["documents"] == 0 && counts["targets"] == 0 && counts["failures"] == 1)
    let digest = try store.contentDigest()
    try store.recordFailure(sourceName: "x.txt", sha256: "00", bytes: 0, kind: "bad_data", error: "empty file")
    #expect(try store.contentDigest() == digest)
    try store.save(Seeds.plan(0, name: "x.txt"))
    counts = try store.counts()
    #expect(counts["documents"] == 1 && counts["failures"] == 0)
  }

  /// A stored document's name leaves the failures and the skipped files, whether they were
  /// recorded in an earlier transaction or earlier in the same batch (the store asks once a
  /// transaction whether either list holds anything).
  @Test func aStoredNameLeavesTheListsInAndAcrossBatches() throws {
    let dir = try TempDir()
    let store = try dir.store()
    let plan = { (name: String) in store.keyed(Seeds.plan(0, name: name)) }
    func failure(_ name: String) -> PlanStore.Entry {
      .failure(sourceName: name, sha256: nil, bytes: 0, kind: "bad_data", error: "empty file")
    }
    _ = try store.write([.plan(plan("a.txt"))])
    #expect(try store.counts()["failures"] == 0)
    _ = try store.write([failure("b.txt"), .plan(plan("b.txt")), failure("c.txt")])
    #expect(try store.run("SELECT source_name FROM failures").rows == [["c.txt"]])
    try store.recordSkipped([("d.txt", ".txt", 3), ("e.txt", ".txt", 4)])
    _ = try store.write([.plan(plan("c.txt")), .plan(plan("d.txt"))])
    #expect(try store.counts()["failures"] == 0)
    #expect(try store.run("SELECT source_name FROM skipped").rows == [["e.txt"]])
    #expect(try store.counts()["documents"] == 4)
  }

  /// A session's writes are seen by another connection only once committed; a write that
  /// fails rolls back what was written since the last commit and nothing before it, and the
  /// session goes on; what is left uncommitted when the session ends is committed.
  @Test func sessionCommitsWholeRunsOfDocuments() throws {
    let dir = try TempDir()
    let store = try dir.store()
    // Another connection, as `vanban query` would be: it sees committed rows only.
    let reader = try DatabaseQueue(path: dir.path("test.sqlite"))
    func committed() throws -> [String] {
      try reader.read { try String.fetchAll($0, sql: "SELECT source_name FROM documents ORDER BY source_name") }
    }
    // A document the database refuses, as a full disk or a broken file would refuse it.
    try store.queue.write { db in
      try db.execute(sql: """
        CREATE TRIGGER refuse BEFORE INSERT ON documents WHEN NEW.source_name = 'refused.txt'
        BEGIN SELECT RAISE(ABORT, 'refused'); END
        """)
    }
    let plan = { (name: String) in PlanStore.Entry.plan(store.keyed(Seeds.plan(0, name: name))) }
    var seenInside: [[String]] = []
    var refusal: (any Error)?
    try store.session { s in
      #expect(try s.write(plan("a.txt")) == .inserted)
      #expect(try s.write(plan("b.txt")) == .inserted)
      #expect(s.uncommitted == 2)
      seenInside.append(try committed())
      try s.commit()
      #expect(s.uncommitted == 0)
      seenInside.append(try committed())
      _ = try s.write(plan("c.txt"))
      do {
        _ = try s.write(plan("refused.txt"))
      } catch {
        refusal = error
      }
      #expect(s.uncommitted == 0)
      #expect(try s.write(plan("d.txt")) == .inserted)
      #expect(try s.write(plan("a.txt")) == .unchanged)
    }
    #expect(seenInside == [[], ["a.txt", "b.txt"]])
    #expect(refusal != nil)
    #expect(try committed() == ["a.txt", "b.txt", "d.txt"])
    let orphans = try store.run("SELECT count(*) FROM targets WHERE document_id NOT IN (SELECT id FROM documents)")
    #expect(orphans.rows[0][0] == "0")
  }

  /// The look-up binds the name through SQLite's C API: a stored name is found with its
  /// SHA-256, an empty or unknown one is not, and each look-up leaves the statement ready for
  /// the next.
  @Test func storedDocumentLooksUpByName() throws {
    let dir = try TempDir()
    let store = try dir.store()
    let keyed = store.keyed(Seeds.plan(0, name: "a.txt"))
    #expect(try store.write([.plan(keyed)]) == [.inserted])
    let found = try store.queue.read { db in
      (
        try PlanStore.storedDocument(named: "", in: db),
        try PlanStore.storedDocument(named: "a.txt", in: db),
        try PlanStore.storedDocument(named: "b.txt", in: db),
        try PlanStore.storedDocument(named: "a.txt", in: db)
      )
    }
    #expect(found.0 == nil)
    #expect(found.1?.sha256 == keyed.sha256)
    #expect(found.1?.sha256.utf8.count == 64)
    #expect(found.2 == nil)
    #expect(found.3?.id == found.1?.id)
  }

  @Test func digestIgnoresWriteOrder() throws {
    let aDir = try TempDir()  // kept: a commit makes its journal in the folder
    let a = try aDir.store()
    let bDir = try TempDir()  // kept: a commit makes its journal in the folder
    let b = try bDir.store()
    for i in 0..<5 { try a.save(Seeds.plan(i)) }
    for i in (0..<5).reversed() { try b.save(Seeds.plan(i)) }
    #expect(try a.contentDigest() == b.contentDigest())
    try b.save(Seeds.plan(3, name: "extra.txt"))
    #expect(try a.contentDigest() != b.contentDigest())
  }

  @Test func quarterBounds() {
    #expect(StoreQuery.quarterBounds(year: 2026, quarter: 1) == ("2026-01-01", "2026-03-31"))
    #expect(StoreQuery.quarterBounds(year: 2026, quarter: 2) == ("2026-04-01", "2026-06-30"))
    #expect(StoreQuery.quarterBounds(year: 2026, quarter: 3) == ("2026-07-01", "2026-09-30"))
    #expect(StoreQuery.quarterBounds(year: 2026, quarter: 4) == ("2026-10-01", "2026-12-31"))
  }
}

/// The README's queries on the five seeds.
@Suite struct StoreQueryTests {
  static let store: PlanStore = {
    let dir = try! TempDir()
    let store = try! dir.store()
    for i in 0..<5 { try! store.save(Seeds.plan(i)) }
    try! store.recordFailure(sourceName: "broken.txt", sha256: nil, bytes: 0, kind: "bad_data", error: "empty file")
    return store
  }()

  @Test func targetsForAnIndicatorAcrossCommunes() throws {
    for words in ["phủ sóng 5G", "PHU SONG 5g", "Phủ  sóng 5G"] {
      let (columns, rows) = try Self.store.run(StoreQuery.targets, ["key": fold(words)])
      #expect(columns.first == "commune")
      let communes = Set(rows.map { $0[0] ?? "-" })
      #expect(communes.isSuperset(of: ["Tân Lợi", "Lương Tài"]), "\(words): \(communes)")
      #expect(!communes.contains("Bình Thành"))
      #expect(rows.allSatisfy { ($0[1] ?? "").contains("5G") })
    }
  }

  @Test func communesMissingATarget() throws {
    let rows = try Self.store.run(StoreQuery.missing, ["key": fold("phủ sóng 5G")]).rows
    let communes = Set(rows.map { $0[0] ?? "" })
    #expect(communes.contains("Bình Thành"))
    #expect(communes.contains("Vĩnh Thông"))
    #expect(!communes.contains("Tân Lợi"))
    #expect(!communes.contains("Lương Tài"))
    // The targets are scanned once, not once a commune (a correlated subquery).
    let plan = try Self.store.run("EXPLAIN QUERY PLAN \(StoreQuery.missing)", ["key": "x"]).rows.compactMap { $0[3] }
    #expect(plan.contains("SCAN t"))
    #expect(!plan.contains { $0.contains("CORRELATED") }, "\(plan)")
  }

  @Test func tasksDueInAQuarter() throws {
    let (from, to) = StoreQuery.quarterBounds(year: 2026, quarter: 2)
    let rows = try Self.store.run(StoreQuery.due, ["from": from, "to": to]).rows
    #expect(!rows.isEmpty)
    #expect(rows.allSatisfy { ($0[1] ?? "") >= from && ($0[1] ?? "") <= to })
    #expect(rows.contains { $0[0] == "Bình Thành" && $0[2] == "Quý II năm 2026" })
    let quarters = try Self.store.run("SELECT DISTINCT due_quarter FROM task_deadlines WHERE due_date BETWEEN :from AND :to", ["from": from, "to": to])
    #expect(quarters.rows == [["2026-Q2"]])
  }

  @Test func documentsWithErrors() throws {
    let rows = try Self.store.run(StoreQuery.errors).rows
    #expect(rows.contains { $0[0] == "broken.txt" && $0[1] == "failure" })
    let withWarnings = try Self.store.run(StoreQuery.errorsAndWarnings).rows
    #expect(withWarnings.first?[0] == "broken.txt")
    #expect(withWarnings.contains { $0[1] == "warning" })
  }
}

/// The `vanban ingest` command end to end: walking, parallel writes, NDJSON, exit status.
@Suite(.serialized) struct IngestCommandTests {
  /// The command-line tool's malloc is jemalloc's (Sources/CAllocator/allocator.c): asked to,
  /// jemalloc prints its statistics as the process ends, which glibc's malloc never does.
  @Test func theToolRunsOnJemalloc() throws {
    let r = try vanban(["--help"], environment: ["MALLOC_CONF": "stats_print:true"])
    #expect(r.status == 0)
    #expect(r.err.contains("Begin jemalloc statistics"))
    let plain = try vanban(["--help"])
    #expect(!plain.err.contains("jemalloc"))
  }

  @Test func ingestingTwiceLeavesTheSameDatabase() throws {
    let dir = try TempDir()
    let db = dir.path("plans.sqlite")
    let first = try vanban(["ingest", Seeds.folder, "--db", db, "--jobs", "2"])
    #expect(first.status == 0, "\(first.err)")
    #expect(first.err.contains("5 new"))
    let store = try PlanStore(path: db, keyFolding: fold)
    let counts = try store.counts()
    let digest = try store.contentDigest()
    let second = try vanban(["ingest", Seeds.folder, "--db", db, "--jobs", "2"])
    #expect(second.status == 0)
    #expect(second.err.contains("5 unchanged"), "\(second.err)")
    #expect(try store.counts() == counts)
    #expect(try store.contentDigest() == digest)

    // One job, input order: the same content.
    let other = dir.path("other.sqlite")
    #expect(try vanban(["ingest", Seeds.folder, "--db", other, "--jobs", "1", "--ordered"]).status == 0)
    #expect(try PlanStore(path: other, keyFolding: fold).contentDigest() == digest)

    // The same as saving the parser's plans directly.
    let direct = try dir.store("direct.sqlite")
    for i in 0..<5 { try direct.save(Seeds.plan(i, name: Seeds.folder + "/" + Seeds.names[i])) }
    // The goldens beside the seeds are found and recorded as skipped.
    #expect(first.err.contains("skipped 5 files (5 .json)"), "\(first.err)")
    let goldens = try store.run("SELECT source_name, type, bytes FROM skipped").rows
    #expect(goldens.count == 5)
    try direct.recordSkipped(goldens.map { ($0[0]!, $0[1]!, Int($0[2]!)!) })
    #expect(try direct.contentDigest() == digest)
  }

  @Test func brokenFilesAreRecordedAndTheRestIngested() throws {
    let dir = try TempDir()
    try dir.copySeeds([0, 1])
    try dir.write("empty.txt", [])
    try dir.write("scan.txt", Array("%PDF-1.7\n%âãÏÓ\n1 0 obj".utf8))
    let db = dir.path("plans.sqlite")
    let run = try vanban(["ingest", dir.path("in"), "--db", db])
    #expect(run.status == 65)
    #expect(run.err.contains("empty.txt"))
    #expect(run.err.contains("2 failed"))
    let store = try PlanStore(path: db, keyFolding: fold)
    #expect(try store.counts()["documents"] == 2)
    let failures = try store.run("SELECT source_name, kind FROM failures ORDER BY 1").rows
    #expect(failures == [[dir.path("in/empty.txt"), "bad_data"], [dir.path("in/scan.txt"), "bad_data"]])

    // Fixing the file clears its failure; the exit status follows.
    try dir.write("empty.txt", Array(try Seeds.bytes(4)))
    try dir.remove("scan.txt")
    let rerun = try vanban(["ingest", dir.path("in"), "--db", db])
    #expect(rerun.status == 0, "\(rerun.err)")
    #expect(try store.counts()["failures"] == 1)  // scan.txt is gone from disk, its record stays
    #expect(try store.counts()["documents"] == 3)
  }

  @Test func changedFileIsReplaced() throws {
    let dir = try TempDir()
    try dir.copySeeds([1, 2])
    let db = dir.path("plans.sqlite")
    #expect(try vanban(["ingest", dir.path("in"), "--db", db]).status == 0)
    try dir.write(Seeds.names[1], try Seeds.bytes(4))
    let run = try vanban(["ingest", dir.path("in"), "--db", db])
    #expect(run.err.contains("1 replaced") && run.err.contains("1 unchanged"), "\(run.err)")
    let store = try PlanStore(path: db, keyFolding: fold)
    let communes = try store.run("SELECT commune FROM documents ORDER BY source_name").rows
    #expect(communes == [["Vĩnh Thông"], ["Lương Tài"]])
    #expect(try store.counts()["targets"] == Seeds.plan(4).targets.count + Seeds.plan(2).targets.count)
  }

  @Test func orderedNDJSONFollowsTheInput() throws {
    let dir = try TempDir()
    let out = dir.path("plans.ndjson")
    let files = [4, 0, 3, 1, 2].map { Seeds.folder + "/" + Seeds.names[$0] }
    let run = try vanban(["ingest"] + files + ["--ndjson", out, "--ordered", "--jobs", "2"])
    #expect(run.status == 0, "\(run.err)")
    let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 5)
    for (line, file) in zip(lines, files) {
      let plan = try PlanParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: file))), options: ParseOptions(name: file))
      #expect(String(line) == String(decoding: plan.json(pretty: false), as: UTF8.self))
    }
  }

  /// More files than results the writer lets wait unannounced (`IngestQueue.quietResults`):
  /// every one still comes out, in input order for NDJSON, and into the database.
  @Test func manyFilesAllComeOutInOrder() throws {
    let dir = try TempDir()
    var names: [String] = []
    for copy in 0..<12 {
      for i in 0..<Seeds.names.count {
        let name = String(format: "%02d-", copy) + Seeds.names[i]
        try dir.write(name, try Seeds.bytes(i))
        names.append(name)
      }
    }
    let out = dir.path("plans.ndjson")
    let db = dir.path("plans.sqlite")
    let run = try vanban(["ingest", dir.path("in"), "--ndjson", out, "--ordered", "--db", db, "--jobs", "2"])
    #expect(run.status == 0, "\(run.err)")
    let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
    let sources = try lines.map { line -> String in
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      return ((object?["source"] as? [String: Any])?["name"] as? String) ?? ""
    }
    #expect(sources == names.sorted().map { dir.path("in/" + $0) })
    #expect(try dir.store("plans.sqlite").counts()["documents"] == names.count)
  }

  @Test func walkingSkipsHiddenFilesFollowsLinksAndExpandsGlobs() throws {
    let dir = try TempDir()
    try dir.copySeeds([0, 4])
    let fm = FileManager.default
    try fm.createDirectory(atPath: dir.path("in/sub/.hidden"), withIntermediateDirectories: true)
    try fm.copyItem(atPath: Seeds.folder + "/" + Seeds.names[2], toPath: dir.path("in/sub/.hidden/plan.txt"))
    try fm.copyItem(atPath: Seeds.folder + "/" + Seeds.names[2], toPath: dir.path("in/sub/.plan.txt"))
    try fm.copyItem(atPath: Seeds.folder + "/" + Seeds.names[3], toPath: dir.path("in/sub/plan.txt"))
    try fm.copyItem(atPath: Seeds.folder + "/" + Seeds.names[3], toPath: dir.path("in/sub/scan.pdf"))
    try fm.createSymbolicLink(atPath: dir.path("in/sub/loop"), withDestinationPath: dir.path("in"))
    try fm.createSymbolicLink(atPath: dir.path("in/sub/same.txt"), withDestinationPath: dir.path("in/sub/plan.txt"))

    let run = try vanban(["ingest", dir.path("in"), "--ndjson", "-", "--ordered"])
    #expect(run.status == 0, "\(run.err)")
    let names = try run.out.split(separator: "\n").map(Self.sourceName)
    // A .pdf is walked: this one holds text, and is read as text.
    #expect(names == [Seeds.names[0], Seeds.names[4], "sub/plan.txt", "sub/scan.pdf"].map { dir.path("in/" + $0) })

    let glob = try vanban(["ingest", dir.path("in") + "/**/*.txt", "--ndjson", "-", "--ordered"])
    #expect(glob.status == 0, "\(glob.err)")
    #expect(try glob.out.split(separator: "\n").map(Self.sourceName) == Array(names.prefix(3)))
    let missing = try vanban(["ingest", dir.path("in") + "/*.docx", "--ndjson", "-"])
    #expect(missing.status == 66)
  }

  /// Every file a folder holds is read, failed or reported as skipped with its type; a
  /// folder with no document in it is an error, not "0 of 0 files".
  @Test func filesThatAreNotDocumentsAreReportedNotLost() throws {
    let dir = try TempDir()
    try dir.copySeeds([0])
    try dir.write("notes.json", Array("{}".utf8))
    try dir.write("budget.XLSX", [0x50, 0x4B, 0x03, 0x04])
    let db = dir.path("plans.sqlite")
    let run = try vanban(["ingest", dir.path("in"), "--db", db])
    #expect(run.status == 0, "\(run.err)")
    #expect(run.err.contains("skipped 2 files (1 .json, 1 .xlsx)"), "\(run.err)")
    let store = try PlanStore(path: db, keyFolding: fold)
    let skipped = try store.run("SELECT source_name, type FROM skipped ORDER BY 1").rows
    #expect(skipped == [[dir.path("in/budget.XLSX"), ".xlsx"], [dir.path("in/notes.json"), ".json"]])

    let only = try TempDir()
    try only.write("a.json", Array("{}".utf8))
    try only.write("b.json", Array("{}".utf8))
    let none = try vanban(["ingest", only.path("in"), "--ndjson", "-"])
    #expect(none.status == 66)
    #expect(none.err.contains("no document to ingest") && none.err.contains("2 files (2 .json)"), "\(none.err)")
  }

  /// A folder holding a Word file, a born-digital PDF and a scanned PDF gives three
  /// documents, each read by its own reader.
  @Test func nativeFormatsAreIngested() throws {
    let dir = try TempDir()
    let native = URL(fileURLWithPath: Seeds.folder).deletingLastPathComponent().appendingPathComponent("native")
    let fm = FileManager.default
    try fm.createDirectory(atPath: dir.path("in"), withIntermediateDirectories: true)
    let stem = "004_075f210d38c210c4"
    for (from, to) in [("docx-lo/\(stem).docx", "a.docx"), ("html-chromium/\(stem).pdf", "b.pdf"), ("docx-lo/\(stem).scan.pdf", "c.pdf")] {
      try fm.copyItem(atPath: native.appendingPathComponent(from).path, toPath: dir.path("in/" + to))
    }
    let db = dir.path("plans.sqlite")
    let run = try vanban(["ingest", dir.path("in"), "--db", db, "--jobs", "2"])
    #expect(run.status == 0, "\(run.err)")
    #expect(run.err.contains("3 new"), "\(run.err)")
    let store = try PlanStore(path: db, keyFolding: fold)
    let rows = try store.run("SELECT format, pages > 0, ocr_pages > 0, doc_type, target_count > 0 FROM documents ORDER BY source_name").rows
    #expect(rows == [["docx", "1", "0", "KẾ HOẠCH", "1"], ["pdf", "1", "0", "KẾ HOẠCH", "1"], ["pdf", "1", "1", "KẾ HOẠCH", "1"]])
  }

  @Test func killedMidRunLeavesWholeDocumentsAndARerunCompletes() throws {
    let dir = try TempDir()
    let fm = FileManager.default
    try fm.createDirectory(atPath: dir.path("in"), withIntermediateDirectories: true)
    for copy in 0..<8 {
      for i in 0..<5 {
        try fm.copyItem(atPath: Seeds.folder + "/" + Seeds.names[i], toPath: dir.path("in/\(copy)-\(Seeds.names[i])"))
      }
    }
    let db = dir.path("plans.sqlite")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: vanbanBinary)
    p.arguments = ["ingest", dir.path("in"), "--db", db, "--jobs", "2"]
    p.standardError = FileHandle.nullDevice
    try p.run()
    // Wait until some documents are in, then kill without warning.
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      if let n = try? PlanStore(path: db, keyFolding: fold).counts()["documents"], n >= 3 { break }
      usleep(20_000)
    }
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    let store = try PlanStore(path: db, keyFolding: fold)
    let partial = try store.counts()["documents"] ?? 0
    #expect(partial >= 3)
    let torn = try store.run(
      """
      SELECT count(*) FROM documents d WHERE target_count != (SELECT count(*) FROM targets WHERE document_id = d.id)
        OR task_count != (SELECT count(*) FROM tasks WHERE document_id = d.id)
      """)
    #expect(torn.rows[0][0] == "0")
    let rerun = try vanban(["ingest", dir.path("in"), "--db", db, "--jobs", "2"])
    #expect(rerun.status == 0)
    #expect(rerun.err.contains("\(partial) unchanged") || partial == 40, "\(rerun.err)")
    let fresh = dir.path("fresh.sqlite")
    #expect(try vanban(["ingest", dir.path("in"), "--db", fresh, "--jobs", "2"]).status == 0)
    #expect(try store.contentDigest() == PlanStore(path: fresh, keyFolding: fold).contentDigest())
  }

  @Test func queryCommandPrintsRows() throws {
    let dir = try TempDir()
    let db = dir.path("plans.sqlite")
    #expect(try vanban(["ingest", Seeds.folder, "--db", db]).status == 0)
    let targets = try vanban(["query", "targets", "--db", db, "phu song 5g"])
    #expect(targets.status == 0)
    #expect(targets.out.hasPrefix("commune\tindicator\t"))
    #expect(targets.out.contains("Lương Tài\tTỷ lệ phủ sóng 5G"))
    let due = try vanban(["query", "due", "--db", db, "II/2026"])
    #expect(due.out.contains("Quý II năm 2026"))
    #expect(try vanban(["query", "due", "--db", db, "2026-Q5"]).status != 0)
    let missing = try vanban(["query", "missing", "--db", db, "phủ sóng 5G"])
    #expect(missing.out.contains("Bình Thành"))
    #expect(try vanban(["query", "errors", "--db", db]).status == 0)
    #expect(try vanban(["query", "targets", "--db", dir.path("none.sqlite"), "x"]).status == 66)
  }

  static func sourceName(_ line: Substring) throws -> String {
    let doc = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
    return (doc["source"] as! [String: Any])["name"] as! String
  }
}

// MARK: - Support

/// The folding the CLI uses, so digests of CLI-written and test-written databases agree.
@Sendable func fold(_ s: String) -> String { FoldingKey.diacriticFree(s) }

enum Seeds {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Corpus/seeds").path
  static let names = [
    "000_d6ce2f93286e4cb7.txt", "001_624e61ed64e861df.txt", "002_d7ee2759ac3fc249.txt",
    "003_7445e7d735843406.txt", "004_075f210d38c210c4.txt",
  ]

  static func bytes(_ i: Int) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + names[i])))
  }

  static func plan(_ i: Int, name: String? = nil) -> Plan {
    try! PlanParser.parse(try! bytes(i), options: ParseOptions(name: name ?? names[i]))
  }
}

var vanbanBinary: String {
  let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  let candidates = [here.appendingPathComponent("vanban").path, here.deletingLastPathComponent().appendingPathComponent("vanban").path]
  return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
}

func vanban(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: vanbanBinary)
  p.arguments = arguments
  if !environment.isEmpty {
    p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  }
  let out = Pipe()
  let err = Pipe()
  p.standardOutput = out
  p.standardError = err
  p.standardInput = FileHandle.nullDevice
  try p.run()
  // Read both pipes at once so a full stderr pipe cannot block the child.
  nonisolated(unsafe) var errData = Data()
  let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
  reader.start()
  let o = out.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  while !reader.isFinished { usleep(1000) }
  return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

/// A folder under /tmp removed when the test ends.
final class TempDir {
  let root: String

  init() throws {
    root = NSTemporaryDirectory() + "vanban-store-\(getpid())-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: root + "/in", withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: root) }

  func path(_ name: String) -> String { root + "/" + name }

  /// A store on a database first made in WAL mode, as vanban made them before 2026-12.
  func walStore(_ name: String = "test.sqlite") throws -> PlanStore {
    var config = Configuration()
    config.journalMode = .wal
    _ = try DatabaseQueue(path: path(name), configuration: config)
    return try store(name)
  }

  func store(_ name: String = "test.sqlite") throws -> PlanStore {
    try PlanStore(path: path(name), keyFolding: fold)
  }

  func write(_ name: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path("in/" + name)))
  }

  func remove(_ name: String) throws { try FileManager.default.removeItem(atPath: path("in/" + name)) }

  func copySeeds(_ indices: [Int]) throws {
    for i in indices { try write(Seeds.names[i], try Seeds.bytes(i)) }
  }
}

/// Rows bound from a `RowImage` through SQLite's C API store what GRDB's arguments stored:
/// text (empty text is not NULL), NULL, integers, reals; the id SQLite gives a document fills
/// its placeholders, and the ids of its targets and tasks, made from it; a failed insert throws
/// and leaves the statements usable;
/// a table's rows go in several to a statement, in order, whatever their number.
/// The images here go to tables of the test's own, through the slots of `documents` (0),
/// `targets` (1) and `target_values` (2).
@Suite struct RowImageTests {
  /// Runs `body` in a write transaction of a fresh store's database, after `schema`.
  func withTables(_ schema: String, _ body: (Database) throws -> Void) throws {
    let dir = try TempDir()
    let store = try dir.store()
    try store.queue.write { db in
      try db.execute(sql: schema)
      try body(db)
    }
  }

  @Test func valuesKeepTheirTypes() throws {
    try withTables("CREATE TABLE t (a TEXT, b TEXT, c REAL, d INTEGER, e TEXT NOT NULL)") { db throws in
      let insert = RowImage.Inserts(specs: [.init(table: "t", columns: "a, b, c, d, e")])
      var ok = RowImage.Builder(reservingText: 0)
      ok.row(.documents)
      ok.add(""); ok.add(nil as String?); ok.add(1.5); ok.add(Int(Int64.max)); ok.add("Ủy ban")
      _ = try ok.image.insert(into: db, inserts: insert)
      var bad = RowImage.Builder(reservingText: 0)
      bad.row(.documents)
      bad.add("x"); bad.add("y"); bad.add(nil as Double?); bad.add(nil as Int?); bad.addNull()
      #expect(throws: (any Error).self) { try bad.image.insert(into: db, inserts: insert) }
      var again = RowImage.Builder(reservingText: 0)
      again.row(.documents)
      again.add("x"); again.add("y"); again.add(nil as Double?); again.add(7); again.add("z")
      _ = try again.image.insert(into: db, inserts: insert)
      let rows = try GRDB.Row.fetchAll(db, sql: "SELECT typeof(a), a, typeof(b), c, d, e, typeof(c) FROM t ORDER BY rowid")
      #expect(rows.count == 2)
      #expect(rows[0][0] as String == "text" && rows[0][1] as String == "")
      #expect(rows[0][2] as String == "null")
      #expect(rows[0][3] as Double == 1.5 && rows[0][4] as Int64 == Int64.max && rows[0][5] as String == "Ủy ban")
      #expect(rows[1][4] as Int64 == 7 && rows[1][6] as String == "null")
    }
  }

  /// A document's rows name it by the id its `documents` row got, and a target (its own id,
  /// or the one its values name) by that id and its ordinal (`PlanStore.rowID`).
  @Test func rowIDsFillThePlaceholders() throws {
    try withTables("""
        CREATE TABLE d (id INTEGER PRIMARY KEY, name TEXT);
        CREATE TABLE g (id INTEGER PRIMARY KEY, d INTEGER, name TEXT);
        CREATE TABLE v (g INTEGER, d INTEGER, x REAL);
        INSERT INTO d VALUES (41, 'earlier');
        """) { db throws in
      let inserts = RowImage.Inserts(specs: [
        .init(table: "d", columns: "name"), .init(table: "g", columns: "id, d, name"), .init(table: "v", columns: "g, d, x"),
      ])
      var r = RowImage.Builder(reservingText: 0)
      r.row(.documents); r.add("plan")
      for (ordinal, (name, xs)) in [("a", [1.0, 2.0]), ("b", [3.0])].enumerated() {
        r.row(.targets); r.addRowID(ordinal: ordinal); r.addDocumentID(); r.add(name)
        for x in xs { r.row(.targetValues); r.addRowID(ordinal: ordinal); r.addDocumentID(); r.add(x) }
      }
      #expect(try r.image.insert(into: db, inserts: inserts) == 42)
      let first = 42 * 4_294_967_296
      #expect(try String.fetchAll(db, sql: "SELECT id || ':' || d || ':' || name FROM g ORDER BY id") == ["\(first):42:a", "\(first + 1):42:b"])
      #expect(
        try String.fetchAll(db, sql: "SELECT g || ':' || d || ':' || x FROM v ORDER BY x")
          == ["\(first):42:1.0", "\(first):42:2.0", "\(first + 1):42:3.0"])
    }
  }

  /// Ids number 2^32 rows a document; a row past them is refused with an error, not stored
  /// under another document's ids.
  @Test func rowIDsStayInTheirDocumentsRange() throws {
    #expect(PlanStore.rowID(document: 1, ordinal: 0) == 4_294_967_296)
    #expect(PlanStore.rowID(document: 3, ordinal: 4_294_967_295) == 4 * 4_294_967_296 - 1)
    #expect(PlanStore.rowID(document: 3, ordinal: 4_294_967_296) == nil)
    #expect(PlanStore.rowID(document: 3, ordinal: -1) == nil)
    #expect(PlanStore.rowID(document: 1 << 31, ordinal: 0) == nil)
    try withTables("CREATE TABLE g (id INTEGER PRIMARY KEY, d INTEGER)") { db throws in
      let inserts = RowImage.Inserts(specs: [.init(table: "g", columns: "d"), .init(table: "g", columns: "id, d")])
      var r = RowImage.Builder(reservingText: 0)
      r.row(.documents); r.add(7)
      r.row(.targets); r.addRowID(ordinal: 1 << 32); r.addDocumentID()
      #expect(throws: DatabaseError.self) { try r.image.insert(into: db, inserts: inserts) }
    }
  }

  /// Many rows of long text, bound from one buffer that grew while they were added, arrive
  /// whole.
  @Test func longTextAndManyRowsArriveWhole() throws {
    let long = String(repeating: "Ủy ban nhân dân xã ", count: 300)  // ~6 KB each
    try withTables("CREATE TABLE u (k INTEGER, a TEXT, b TEXT, c TEXT)") { db throws in
      let insert = RowImage.Inserts(specs: [.init(table: "u", columns: "k, a, b, c")])
      var r = RowImage.Builder(reservingText: 16)
      for k in 0..<200 {
        r.row(.documents)
        r.add(k); r.add(k % 2 == 0 ? long : "ngắn \(k)"); r.add(long); r.add("cuối \(k)")
      }
      _ = try r.image.insert(into: db, inserts: insert)
      let rows = try GRDB.Row.fetchAll(db, sql: "SELECT k, a, b, c FROM u ORDER BY k")
      #expect(rows.count == 200)
      for (k, row) in rows.enumerated() {
        #expect(row[0] as Int == k)
        #expect(row[1] as String == (k % 2 == 0 ? long : "ngắn \(k)"))
        #expect(row[2] as String == long)
        #expect(row[3] as String == "cuối \(k)")
      }
    }
  }

  /// Every count of rows from none to past three statements' worth goes in whole and in
  /// order, over several images and the same statements, each document's targets numbered
  /// from its own first id.
  @Test func runsOfRowsGoInTogether() throws {
    try withTables("""
        CREATE TABLE d (id INTEGER PRIMARY KEY, name TEXT);
        CREATE TABLE g (id INTEGER PRIMARY KEY, d INTEGER, k INTEGER, name TEXT);
        CREATE TABLE v (g INTEGER, k INTEGER, x TEXT);
        """) { db throws in
      let inserts = RowImage.Inserts(specs: [
        .init(table: "d", columns: "name"), .init(table: "g", columns: "id, d, k, name"),
        .init(table: "v", columns: "g, k, x"),
      ])
      var expectedTargets: [String] = []
      var expectedValues: [String] = []
      for (n, targets) in [0, 1, 15, 16, 17, 3 * RowImage.Inserts.maxRows + 2].enumerated() {
        var r = RowImage.Builder(reservingText: 0)
        r.row(.documents); r.add("plan \(targets)")
        // The documents are numbered 1, 2, … in a new table.
        let first = (n + 1) * 4_294_967_296
        for k in 0..<targets {
          r.row(.targets); r.addRowID(ordinal: k); r.addDocumentID(); r.add(k); r.add("chỉ tiêu \(k)")
          expectedTargets.append("\(first + k):\(n + 1):\(k):chỉ tiêu \(k)")
          for j in 0..<(k % 3) {
            r.row(.targetValues); r.addRowID(ordinal: k); r.add(j); r.add("\(targets)/\(k)/\(j)")
            expectedValues.append("\(first + k):\(j):\(targets)/\(k)/\(j)")
          }
        }
        let documentID = try r.image.insert(into: db, inserts: inserts)
        #expect(documentID == Int64(n + 1))
        #expect(try String.fetchOne(db, sql: "SELECT name FROM d WHERE id = ?", arguments: [documentID]) == "plan \(targets)")
        inserts.clearBindings()
      }
      #expect(try String.fetchAll(db, sql: "SELECT id || ':' || d || ':' || k || ':' || name FROM g ORDER BY id") == expectedTargets)
      #expect(try String.fetchAll(db, sql: "SELECT g || ':' || k || ':' || x FROM v ORDER BY rowid") == expectedValues)
    }
  }
}

/// A decision that issues a plan: the plan's targets and tasks are stored as the decision's
/// rows, marked with their attachment, and counted.
@Suite struct AttachmentStoreTests {
  static let decision = """
    ỦY BAN NHÂN DÂN
    XÃ AN BÌNH

    Số: 5/QĐ-UBND

    An Bình, ngày 3 tháng 2 năm 2026

    QUYẾT ĐỊNH

    Về việc ban hành Kế hoạch chuyển đổi số năm 2026

    Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số năm 2026.

    Điều 2. Quyết định có hiệu lực kể từ ngày ký.

    Nơi nhận:
    - Như Điều 2;
    - Lưu: VT.

    TM. ỦY BAN NHÂN DÂN
    CHỦ TỊCH

    Trần Văn Bình

    KẾ HOẠCH

    Chuyển đổi số năm 2026

    (Ban hành kèm theo Quyết định số 5/QĐ-UBND ngày 3/2/2026 của UBND xã An Bình)

    I. NHIỆM VỤ

    STT\tNội dung\tĐơn vị chủ trì\tThời gian
    1\tRà soát hồ sơ\tCông an xã\tQuý I/2026
    2\tTuyên truyền\tVăn phòng HĐND và UBND xã\tQuý II/2026

    II. TỔ CHỨC THỰC HIỆN

    Các đơn vị thực hiện.
    """

  @Test func attachedPlansRowsAreStoredAndCounted() throws {
    let plan = try PlanParser.parse(Array(Self.decision.utf8), options: ParseOptions(name: "qd.txt"))
    #expect(plan.tasks.isEmpty)
    #expect(plan.attachments.first?.tasks.count == 2)
    let dir = try TempDir()
    let store = try dir.store()
    #expect(try store.save(plan) == .inserted)
    let (_, tasks) = try store.run("SELECT ordinal, name, attachment FROM tasks ORDER BY ordinal")
    #expect(tasks.map { $0[1] } == ["Rà soát hồ sơ", "Tuyên truyền"])
    #expect(tasks.map { $0[2] } == ["0", "0"])
    let (_, docs) = try store.run("SELECT task_count FROM documents")
    #expect(docs.first?.first == "2")
    let (_, attached) = try store.run("SELECT ordinal, doc_type, task_count FROM attachments")
    #expect(attached.first == ["0", "KẾ HOẠCH", "2"])
  }

  /// Every foreign key the schema declares, as (child table, column, parent table, parent column).
  static func foreignKeys(_ store: PlanStore) throws -> [(child: String, from: String, parent: String, to: String)] {
    let tables = try store.run("SELECT name FROM sqlite_master WHERE type = 'table'").rows.compactMap { $0[0] }
    return try tables.flatMap { table in
      try store.run("SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list('\(table)')").rows
        .map { (child: table, from: $0[0] ?? "", parent: $0[1] ?? "", to: $0[2] ?? "") }
    }
  }

  /// vanban's connections do not enforce foreign keys, so `PlanStore.deleteDocument` deletes
  /// the children itself: it must name every table the schema hangs off another, by its key.
  @Test func documentDeletesCoverEveryForeignKey() throws {
    let dir = try TempDir()
    let keys = try Self.foreignKeys(dir.store())
    #expect(keys.count >= 7)
    for key in keys {
      let covered = PlanStore.documentDeletes.contains { sql in
        (sql.hasPrefix("DELETE FROM \(key.child) ") || sql.hasPrefix("DELETE FROM \"\(key.child)\" "))
          && sql.contains("WHERE \(key.from) ")
      }
      #expect(covered, "no delete of \(key.child) by \(key.from)")
    }
  }

  /// Replacing a document, and a failure recorded under its name, leave no row of any table
  /// pointing at a document or target that is gone; an attached plan's rows go with it.
  @Test func replacedAndFailedDocumentsLeaveNoOrphans() throws {
    let dir = try TempDir()
    let store = try dir.store()
    let decision = try PlanParser.parse(Array(Self.decision.utf8), options: ParseOptions(name: "qd.txt"))
    #expect(try store.save(decision) == .inserted)
    try store.save(Seeds.plan(1, name: "a.txt"))
    try store.save(Seeds.plan(2, name: "b.txt"))
    #expect(try store.save(Seeds.plan(3, name: "qd.txt")) == .replaced)
    try store.recordFailure(sourceName: "a.txt", sha256: nil, bytes: 0, kind: "bad_data", error: "empty file")
    for key in try Self.foreignKeys(store) {
      let orphans = try store.run("""
        SELECT count(*) FROM "\(key.child)" WHERE "\(key.from)" NOT IN (SELECT "\(key.to)" FROM "\(key.parent)")
        """).rows[0][0]
      #expect(orphans == "0", "\(key.child).\(key.from): \(orphans) rows without their \(key.parent)")
    }
    #expect(try store.run("SELECT count(*) FROM attachments").rows[0][0] == "0")
    // What is left is what a fresh store given the survivors holds.
    let freshDir = try TempDir()  // kept: a commit makes its journal in the folder
    let fresh = try freshDir.store()
    try fresh.save(Seeds.plan(3, name: "qd.txt"))
    try fresh.save(Seeds.plan(2, name: "b.txt"))
    try fresh.recordFailure(sourceName: "a.txt", sha256: nil, bytes: 0, kind: "bad_data", error: "empty file")
    #expect(try fresh.contentDigest() == store.contentDigest())
  }

  /// `diff` and `compare` set the plan a decision issues beside another plan.
  @Test func issuedPlanIsThePlanWithTheDecisionsHead() throws {
    let plan = try PlanParser.parse(Array(Self.decision.utf8), options: ParseOptions(name: "qd.txt"))
    let issued = try #require(plan.issuedPlan)
    #expect(issued.header.docType == "KẾ HOẠCH")
    #expect(issued.header.number == "5")
    #expect(issued.header.date?.year == 2026)
    #expect(issued.tasks.count == 2)
    #expect(issued.sections.map(\.label) == ["I", "II"])
    #expect(issued.signature?.signer == "Trần Văn Bình")
    let own = try PlanParser.parse(Array("KẾ HOẠCH\n\nI. A\n\nSTT\tNội dung\tĐơn vị chủ trì\n1\tViệc\tCông an xã\n".utf8))
    #expect(own.issuedPlan == nil)
  }
}
