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
      line INTEGER NOT NULL,
      UNIQUE (document_id, ordinal)
    );
    CREATE INDEX targets_indicator_key ON targets(indicator_key);

    CREATE TABLE target_values (
      target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
      ordinal INTEGER NOT NULL,
      year INTEGER,
      op TEXT NOT NULL,
      value REAL,
      text TEXT NOT NULL,
      PRIMARY KEY (target_id, ordinal)
    ) WITHOUT ROWID;

    CREATE TABLE tasks (
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
      line INTEGER NOT NULL,
      UNIQUE (document_id, ordinal)
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

    CREATE VIEW commune_targets AS
      SELECT d.commune, d.commune_key, d.source_name, d.date_year AS plan_year,
             t.indicator, t.indicator_key, t.unit, v.year, v.op, v.value, v.text AS value_text,
             t.lead, t.origin, t.line
      FROM targets t
      JOIN documents d ON d.id = t.document_id
      LEFT JOIN target_values v ON v.target_id = t.id;

    CREATE VIEW task_deadlines AS
      SELECT d.commune, d.source_name, t.name, t.lead, t.deadline_text, t.deadline_kind,
             t.deadline_start, t.deadline_end, t.deadline_recurrence, t.due_date,
             CASE WHEN t.due_date IS NULL THEN NULL
               ELSE substr(t.due_date, 1, 4) || '-Q' || ((CAST(substr(t.due_date, 6, 2) AS INTEGER) + 2) / 3)
             END AS due_quarter,
             t.line
      FROM tasks t
      JOIN documents d ON d.id = t.document_id;

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
}
