import GRDB

extension PlanStore {
  /// One connection held for a run of writes: each entry is written when it comes, inside a
  /// transaction that stays open until `commit`, so several documents share a commit while
  /// none waits in memory to be written.
  ///
  /// `ingest` used to keep finished documents in a list and write the list in one
  /// transaction when it was full. The list was then written all at once, and at the end
  /// of a run the last one (up to a batch of the smallest files, started last) was written
  /// after every worker had finished: ~7-11 ms of inserts and a second commit on one thread,
  /// on the 2,000-file bench, that `--jobs 1` and `--jobs 2` both spent and no second job
  /// shortens. Written as they come, only the last document and one commit are left then.
  /// Each document stays all-or-nothing, as every commit holds whole documents.
  ///
  /// Valid only inside `session`'s closure, on its thread.
  public final class Session {
    private let store: PlanStore
    private let db: Database
    /// The lists' state in the open transaction; nil when none is open.
    private var lists: ListsHeld?
    /// Entries written since the last commit, which a rollback would lose.
    public private(set) var uncommitted = 0

    init(store: PlanStore, db: Database) {
      self.store = store
      self.db = db
    }

    /// Writes one entry in the open transaction, opening one if none is. Returns the plan's
    /// outcome (nil for a failure). If the write fails, the open transaction is rolled back,
    /// with every entry written since the last commit (`uncommitted`), and the error thrown.
    public func write(_ entry: Entry) throws -> SaveOutcome? {
      do {
        if lists == nil {
          try db.beginTransaction()
          lists = try ListsHeld(db)
        }
        // The image's text may go once this returns.
        defer { store.inserts.clearBindings() }
        uncommitted += 1
        switch entry {
        case .plan(let keyed):
          return try store.write(keyed, lists: lists!, in: db)
        case .failure(let name, let sha256, let bytes, let kind, let error):
          try store.writeFailure(sourceName: name, sha256: sha256, bytes: bytes, kind: kind, error: error, in: db)
          lists!.failures = true
          return nil
        }
      } catch {
        rollback()
        throw error
      }
    }

    /// Commits what was written since the last commit (nothing to do if nothing was).
    public func commit() throws {
      guard lists != nil else { return }
      do {
        try db.commit()
      } catch {
        rollback()
        throw error
      }
      lists = nil
      uncommitted = 0
    }

    /// Commits, then folds a WAL journal into the file (`PlanStore.checkpoint`).
    public func checkpoint() throws {
      try commit()
      try PlanStore.checkpoint(db)
    }

    private func rollback() {
      if db.isInsideTransaction { try? db.rollback() }
      lists = nil
      uncommitted = 0
    }
  }

  /// Runs `body` with a `Session` on the store's connection, and commits what it left
  /// uncommitted when it returns; if it throws, that is rolled back. No other method of the
  /// store may be called inside `body` (its connection is in use).
  public func session<T>(_ body: (Session) throws -> T) throws -> T {
    try queue.writeWithoutTransaction { db in
      let session = Session(store: self, db: db)
      do {
        let result = try body(session)
        try session.commit()
        return result
      } catch {
        if db.isInsideTransaction { try? db.rollback() }
        throw error
      }
    }
  }
}
