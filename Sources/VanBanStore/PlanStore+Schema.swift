import GRDB

extension PlanStore {
  /// The relational schema, version 1. README "Bulk ingest" documents every table; keep the two
  /// in step.
  ///
  /// Every child row hangs off `documents` with `ON DELETE CASCADE` (which vanban's own
  /// connections carry out by hand, `PlanStore.deleteDocument`), and replacing a changed
  /// document deletes and inserts in the same transaction, so a crash between the two is
  /// impossible. Lists of agencies are stored joined by "; " because
  /// the parser splits agencies on ";" (none contains one), and a readable cell is what the
  /// queries show.
  ///
  /// `targets` and `tasks` are made here as version 5 keys them (no `UNIQUE (document_id,
  /// ordinal)`; see `schemaV5`): this text only ever runs on a new database, and version 5
  /// then finds nothing to change, where making the tables again cost every new database
  /// ~14 M instructions (SQLite re-reads the whole schema at each rename) before its first
  /// document. A database made before version 5 has the constraint, and version 5 removes it.
  static let schemaV1 = """
    CREATE TABLE documents (
      id INTEGER PRIMARY KEY,
      source_name TEXT NOT NULL UNIQUE,
      sha256 TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      encoding TEXT NOT NULL,
      line_count INTEGER NOT NULL,
      schema_version TEXT NOT NULL,
      doc_type TEXT,
      issuer TEXT,
      issuer_parent TEXT,
      number TEXT,
      symbol TEXT,
      place TEXT,
      date_text TEXT,
      date_year INTEGER,
      date_month INTEGER,
      date_day INTEGER,
      title TEXT,
      commune TEXT,
      commune_key TEXT,
      signer TEXT,
      signer_title TEXT,
      target_count INTEGER NOT NULL,
      task_count INTEGER NOT NULL,
      error_count INTEGER NOT NULL,
      warning_count INTEGER NOT NULL
    );
    CREATE INDEX documents_commune_key ON documents(commune_key);

    CREATE TABLE targets (
      \(targetColumns)
    );
    CREATE INDEX targets_indicator_key ON targets(indicator_key);

    CREATE TABLE target_values (
      \(targetValueColumns)
    ) WITHOUT ROWID;

    CREATE TABLE tasks (
      \(taskColumns)
    );
    CREATE INDEX tasks_due_date ON tasks(due_date);

    CREATE TABLE "references" (
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      ordinal INTEGER NOT NULL,
      kind TEXT NOT NULL,
      number TEXT,
      date TEXT,
      issuer TEXT,
      alias TEXT,
      line INTEGER NOT NULL,
      PRIMARY KEY (document_id, ordinal)
    ) WITHOUT ROWID;
    CREATE INDEX references_kind_number ON "references"(kind, number);

    CREATE TABLE recipients (
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      ordinal INTEGER NOT NULL,
      name TEXT NOT NULL,
      note TEXT,
      line INTEGER NOT NULL,
      PRIMARY KEY (document_id, ordinal)
    ) WITHOUT ROWID;

    CREATE TABLE diagnostics (
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      ordinal INTEGER NOT NULL,
      severity TEXT NOT NULL,
      code TEXT NOT NULL,
      message TEXT NOT NULL,
      line INTEGER NOT NULL,
      PRIMARY KEY (document_id, ordinal)
    ) WITHOUT ROWID;
    CREATE INDEX diagnostics_severity_code ON diagnostics(severity, code);

    CREATE TABLE failures (
      source_name TEXT PRIMARY KEY,
      sha256 TEXT,
      bytes INTEGER,
      kind TEXT NOT NULL,
      error TEXT NOT NULL
    ) WITHOUT ROWID;

    \(targetAndTaskViews)

    CREATE VIEW document_problems AS
      SELECT d.source_name, d.commune, x.severity, x.code, x.message, x.line
      FROM diagnostics x
      JOIN documents d ON d.id = x.document_id
      WHERE x.severity = 'error'
      UNION ALL
      SELECT f.source_name, NULL, 'failure', f.kind, f.error, NULL
      FROM failures f;
    """

  /// Version 2: what each document was read from (`format`, `pages`, how many pages OCR
  /// read), the documents a decision issues, and the files an ingest found but did not
  /// read (`skipped`: not a document type vanban reads), so nothing it met goes unrecorded.
  ///
  /// The documents a decision issues: Their targets and tasks are rows of
  /// `targets` and `tasks` like the document's own, numbered on after them, with
  /// `attachment` naming the attachment (NULL for the document's own rows); the documents'
  /// counts include them, so a decision that issues a plan counts the plan's tasks.
  static let schemaV2 = """
    CREATE TABLE attachments (
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      ordinal INTEGER NOT NULL,
      doc_type TEXT,
      title TEXT,
      attached_to TEXT,
      target_count INTEGER NOT NULL,
      task_count INTEGER NOT NULL,
      line INTEGER NOT NULL,
      PRIMARY KEY (document_id, ordinal)
    );
    ALTER TABLE documents ADD COLUMN format TEXT;
    ALTER TABLE documents ADD COLUMN pages INTEGER;
    ALTER TABLE documents ADD COLUMN ocr_pages INTEGER;
    ALTER TABLE targets ADD COLUMN attachment INTEGER;
    ALTER TABLE tasks ADD COLUMN attachment INTEGER;

    CREATE TABLE skipped (
      source_name TEXT PRIMARY KEY,
      type TEXT NOT NULL,
      bytes INTEGER
    );
    """

  /// Version 3: no index on `targets(indicator_key)`. The indicator queries match the user's
  /// words anywhere in the key (`LIKE '%' || :key || '%'`), which no B-tree index serves, and
  /// SQLite's plans for them never read it; kept up to date row by row in the random order of
  /// indicator names, it was an eighth of the writing thread's work in a bulk ingest and a
  /// tenth of the database's size.
  static let schemaV3 = """
    DROP INDEX IF EXISTS targets_indicator_key;
    """

  /// Version 4: no index on `diagnostics(severity, code)` or `"references"(kind, number)`.
  /// Their leading columns have a handful of values, so every row went into the middle of the
  /// tree among thousands of equal keys: each was 8-9 % of the ingest writing thread's
  /// instructions (callgrind, 420 bench files: 466M, 426M without the first, 429M
  /// without the second), and that thread bounds what `--jobs 2` gains over one. What they
  /// served is a scan that stays short at the scale of a country's plans (six diagnostics and
  /// ten citations a plan: 20,000 plans are 120,000 and 200,000 rows): the error list, which
  /// also takes every failure, and a citation looked up by kind and number in SQL of one's own
  /// (README: `CREATE INDEX` one for repeated look-ups).
  static let schemaV4 = """
    DROP INDEX IF EXISTS diagnostics_severity_code;
    DROP INDEX IF EXISTS references_kind_number;
    """

  /// Version 5: a target's or task's `id` is its document's id times 2^32 plus its ordinal
  /// (`rowID(document:ordinal:)`), and the two tables lose `UNIQUE (document_id, ordinal)`,
  /// whose index the id now is: a document's rows are the ids from `document_id << 32` on,
  /// one range of the table's own B-tree, which is what the deletes of a replaced document
  /// read (`documentDeletes`). Ids were numbered across documents before, so each row went
  /// into two B-trees, the table and the index of the constraint. Without the second, the
  /// ingest's writing thread, which bounds what `--jobs 2` gains over one, runs 8.4 % fewer
  /// instructions per document (callgrind, 161 and 301 bench files into a new database: 586 K
  /// a document before, 537 K after; 4.4 % and 5.8 % of the whole thread). Keying the tables
  /// `WITHOUT ROWID` on `(document_id, ordinal)` instead cost 2.4 % more than before (161
  /// files): wide rows in an index B-tree, each placed by comparing records. Values still name
  /// their target by `target_id`, rewritten here to the new ids; no column changes.
  ///
  /// SQLite cannot drop a constraint, so the tables are made again and their rows copied
  /// (the 12 steps of its ALTER TABLE page), in column order, under the old names; the two
  /// views that read them are dropped first and made again after, as a rename re-reads every
  /// view and fails on one whose table is gone. Only a database whose `targets` still has the
  /// constraint is changed (`migrateToV5`): a new one was made without it (`schemaV1`).
  static func migrateToV5(_ db: Database) throws {
    let constrained = try Bool.fetchOne(
      db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'sqlite_autoindex_targets_1')")
    if constrained == true { try db.execute(sql: schemaV5) }
  }

  static let schemaV5 = """
    DROP VIEW commune_targets;
    DROP VIEW task_deadlines;

    CREATE TABLE targets_v5 (
      \(targetColumns),
      attachment INTEGER
    );
    INSERT INTO targets_v5
      SELECT (document_id << 32) + ordinal, document_id, ordinal, group_title, number, indicator,
             indicator_key, unit, lead, coordinators, note, origin, line, attachment
      FROM targets ORDER BY document_id, ordinal;

    CREATE TABLE target_values_v5 (
      \(targetValueColumns)
    ) WITHOUT ROWID;
    INSERT INTO target_values_v5
      SELECT (t.document_id << 32) + t.ordinal, v.ordinal, v.year, v.op, v.value, v.text
      FROM target_values v JOIN targets t ON t.id = v.target_id;

    CREATE TABLE tasks_v5 (
      \(taskColumns),
      attachment INTEGER
    );
    INSERT INTO tasks_v5
      SELECT (document_id << 32) + ordinal, document_id, ordinal, group_title, number, name, name_key,
             lead, coordinators, result, deadline_text, deadline_kind, deadline_start, deadline_end,
             deadline_recurrence, due_date, note, details, origin, line, attachment
      FROM tasks ORDER BY document_id, ordinal;

    DROP TABLE target_values;
    DROP TABLE targets;
    DROP TABLE tasks;
    ALTER TABLE targets_v5 RENAME TO targets;
    ALTER TABLE target_values_v5 RENAME TO target_values;
    ALTER TABLE tasks_v5 RENAME TO tasks;
    CREATE INDEX tasks_due_date ON tasks(due_date);

    \(targetAndTaskViews)
    """

  /// The columns of `targets`, `target_values` and `tasks` as version 1 made them (version 2
  /// adds `attachment` to the first and last), and as version 5 makes them again.
  static let targetColumns = """
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    group_title TEXT,
    number TEXT,
    indicator TEXT NOT NULL,
    indicator_key TEXT NOT NULL,
    unit TEXT,
    lead TEXT,
    coordinators TEXT,
    note TEXT,
    origin TEXT NOT NULL,
    line INTEGER NOT NULL
    """

  static let targetValueColumns = """
    target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    year INTEGER,
    op TEXT NOT NULL,
    value REAL,
    text TEXT NOT NULL,
    PRIMARY KEY (target_id, ordinal)
    """

  static let taskColumns = """
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    group_title TEXT,
    number TEXT,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    lead TEXT,
    coordinators TEXT,
    result TEXT,
    deadline_text TEXT,
    deadline_kind TEXT,
    deadline_start TEXT,
    deadline_end TEXT,
    deadline_recurrence TEXT,
    due_date TEXT,
    note TEXT,
    details TEXT,
    origin TEXT NOT NULL,
    line INTEGER NOT NULL
    """

  /// The views of targets and tasks. Each joins a row to its document by the document's
  /// range of ids as well (`rowID`), which SQLite reads off the table's own B-tree when the
  /// document comes first (one source's targets, or the communes in order), where without an
  /// index on `document_id` it made one for each query. The README's commune indicator
  /// query over the bench database (31,000 and 46,000 rows; medians of 7, interleaved) takes
  /// 111 and 161 ms with the range, 125 and 192 ms without it, and took 101 and 146 ms before
  /// version 5, through the index it dropped. A database made before version 5 joined on
  /// `document_id` alone; version 5 makes the views again.
  static let targetAndTaskViews = """
    CREATE VIEW commune_targets AS
      SELECT d.commune, d.commune_key, d.source_name, d.date_year AS plan_year,
             t.indicator, t.indicator_key, t.unit, v.year, v.op, v.value, v.text AS value_text,
             t.lead, t.origin, t.line
      FROM targets t
      JOIN documents d ON d.id = t.document_id AND t.id \(idRange(of: "d.id"))
      LEFT JOIN target_values v ON v.target_id = t.id;

    CREATE VIEW task_deadlines AS
      SELECT d.commune, d.source_name, t.name, t.lead, t.deadline_text, t.deadline_kind,
             t.deadline_start, t.deadline_end, t.deadline_recurrence, t.due_date,
             CASE WHEN t.due_date IS NULL THEN NULL
               ELSE substr(t.due_date, 1, 4) || '-Q' || ((CAST(substr(t.due_date, 6, 2) AS INTEGER) + 2) / 3)
             END AS due_quarter,
             t.line
      FROM tasks t
      JOIN documents d ON d.id = t.document_id AND t.id \(idRange(of: "d.id"));
    """

  /// The id of a document's target or task: the document's id in the high 32 bits, the
  /// row's ordinal in the low (version 5). Nil past 2^32 rows (no document holds that many,
  /// and none that could be read in memory would), past 2^31 documents (the id would not fit
  /// a signed 64-bit integer), or for a negative id or ordinal.
  static func rowID(document: Int64, ordinal: Int64) -> Int64? {
    guard document >= 0, document < 1 << 31, ordinal >= 0, ordinal < 1 << 32 else { return nil }
    return document << 32 | ordinal
  }

  /// `BETWEEN` the first and last `rowID` of the document whose id the SQL expression
  /// `document` gives: a document's targets or tasks, or its targets' values by `target_id`.
  static func idRange(of document: String) -> String {
    "BETWEEN (\(document) << 32) AND (\(document) << 32) + 4294967295"
  }
}
