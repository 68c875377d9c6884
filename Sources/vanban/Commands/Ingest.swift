#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import ArgumentParser
import VanBan
import VanBanInputs
import VanBanModel
import VanBanStore
import VanBanText

/// Set by SIGINT/SIGTERM; the writer polls it between documents. A signal handler can touch
/// nothing but a plain global.
nonisolated(unsafe) private var interruptRequested: sig_atomic_t = 0

struct Ingest: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ingest",
    abstract: "Parse folders of plans in parallel into a SQLite database and/or NDJSON.",
    discussion: """
      Folders are walked for documents (*.txt, *.md, *.tsv, *.hocr, *.html, *.htm, *.pdf, \
      *.docx, *.doc, images; hidden ones skipped); every other file found is reported as \
      skipped with its type, and a run that finds no document is an error. Files named on \
      the command line are read whatever their name. Each document is stored whole or not at \
      all (committed with others, up to 256 at a time); an unchanged file (same SHA-256) is \
      skipped, a changed one replaces its rows, and a file that cannot be parsed goes to the \
      'failures' table. Exit status 0 only if no file failed.
      """)

  @Argument(help: "Files, folders or glob patterns ('**' for any depth).")
  var paths: [String]

  @Option(help: "The SQLite database to create or update.")
  var db: String?

  @Option(help: "Also write each document as one JSON line to this file ('-' for standard output).")
  var ndjson: String?

  @Flag(help: "Write NDJSON (and the database) in input order rather than as files finish.")
  var ordered = false

  @Option(help: "Parsing threads (default: the number of cores).")
  var jobs: Int?

  @OptionGroup var input: InputOptions

  func validate() throws {
    if db == nil && ndjson == nil { throw ValidationError("give --db, --ndjson or both") }
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
  }

  /// What a worker hands to the writer.
  enum Outcome: Sendable {
    /// The plan is nil when nothing but the JSON is wanted (no database).
    case parsed(PlanStore.KeyedPlan?, json: JSONBytes?, bytes: Int, worker: Int)
    case unchanged(bytes: Int)
    case failed(kind: String, message: String, sha256: String?, bytes: Int)
  }

  func run() throws {
    let inputs = IngestInputs(paths)
    var worst: Int32 = 0
    for problem in inputs.problems {
      InputFile.fail(problem)
      worst = 66
    }
    if inputs.files.isEmpty {
      // Nothing to read is a mistake to report, not an ingest of 0 of 0 files.
      let what = inputs.skipped.isEmpty ? "" : ": \(IngestInputs.describe(inputs.skipped)) found, none a document vanban reads"
      InputFile.fail("no document to ingest in \(paths.joined(separator: " "))\(what)")
      throw ExitCode(66)
    }

    let store: PlanStore?
    do {
      store = try db.map { try PlanStore(path: $0, keyFolding: { FoldingKey.diacriticFree($0) }) }
    } catch {
      InputFile.fail("\(db ?? ""): cannot open the database: \(error)")
      throw ExitCode(73)
    }
    var known: [String: String] = [:]
    if let store, ndjson == nil {
      known = (try? store.knownDigests()) ?? [:]
    }
    let output: NDJSONOutput?
    do {
      output = try ndjson.map(NDJSONOutput.init)
    } catch {
      InputFile.fail("\(ndjson ?? ""): cannot write: \(error)")
      throw ExitCode(73)
    }

    let jobs = self.jobs ?? max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    let files = Self.startOrder(inputs.files, jobs: jobs, ordered: ordered)
    // Room for results waiting for the writer besides the files in progress, so the workers
    // do not stall while the main thread commits or SQLite folds its journal inside a commit
    // (~40 ms at the bench's end, where the files are small: with room for one batch the
    // workers filled it and waited). Bounded in bytes too, so that large files cannot pile up.
    let queue = IngestQueue<Outcome>(
      count: files.count, window: 2 * jobs + 2 + Self.waitingBatches * Self.batchSize, ordered: ordered,
      sizes: files.map(\.size), byteBudget: Self.bytesInFlight)
    let input = self.input
    let wantJSON = output != nil
    let knownDigests = known
    let workers = min(jobs, max(files.count, 1))
    // Written rows go back to the thread that built them to be freed there: freeing another
    // thread's memory takes its allocator's lock, and the writing thread, which bounds the
    // speed-up from more jobs, spent a tenth of its time doing it (when it freed whole plans).
    let trash = PlanTrash(workers: workers)
    var progress = IngestProgress(
      totalFiles: files.count, totalBytes: files.reduce(0) { $0 + $1.size }, enabled: true)
    // The pages of the files being read, for the bar: a 500-page PDF moves it while it is read.
    let pages = progress.showBar ? PagesInFlight(workers: workers) : nil
    progress.pages = pages
    var threads: [pthread_t] = []
    for w in 0..<workers {
      threads.append(
        startThread {
          while let i = queue.take() {
            trash.empty(w)
            var options = input.options(name: files[i].path)
            if let pages {
              pages.start(w, bytes: files[i].size)
              options.ocr.pageProgress = { done, total in pages.update(w, done: done, total: total) }
            }
            let outcome = Self.process(
              files[i].path, options: options, json: wantJSON, store: store, known: knownDigests, worker: w)
            // Off the board before the result is counted, so its bytes never count twice.
            pages?.end(w)
            queue.finish(i, outcome)
          }
          trash.empty(w)
        })
    }

    interruptRequested = 0
    signal(SIGINT) { _ in
      interruptRequested = 1
      signal(SIGINT, SIG_DFL)  // a second Ctrl-C kills at once; committed documents are safe
    }
    signal(SIGTERM) { _ in interruptRequested = 1 }

    var storeError: String?
    // What the open transaction holds, counted when it commits.
    var held = (inserted: 0, replaced: 0, unchanged: 0)
    var folds = 0
    /// Takes the workers' results until every file is done. Each document is written as it
    /// comes, in a transaction committed every `batchSize` documents, when no result has come
    /// for a moment, and at the end (`PlanStore.Session`): each is all-or-nothing, and a
    /// commit per document was most of the writing cost.
    func consume(_ session: PlanStore.Session?) {
      /// The documents a failed write or commit loses, named by the last of them.
      func lost(_ path: String, others: Int, _ error: any Error) {
        let more = others > 0 ? " (with \(others) other documents written together)" : ""
        storeError = "\(path)\(more): cannot write: \(error)"
        held = (0, 0, 0)
        queue.stop()
      }
      var lastPath = ""
      func commit() {
        guard let session, storeError == nil else { return }
        let others = session.uncommitted - 1
        do {
          try session.commit()
        } catch {
          return lost(lastPath, others: others, error)
        }
        progress.inserted += held.inserted
        progress.replaced += held.replaced
        progress.unchanged += held.unchanged
        held = (0, 0, 0)
      }
      func write(_ path: String, _ entry: PlanStore.Entry, worker: Int?) {
        // Written rows go back to the thread that built them (`trash`).
        defer { if let worker { trash.put([(worker, entry)]) } }
        guard let session, storeError == nil else { return }
        let others = session.uncommitted
        lastPath = path
        do {
          switch try session.write(entry) {
          case .inserted: held.inserted += 1
          case .replaced: held.replaced += 1
          case .unchanged: held.unchanged += 1
          case nil: break
          }
        } catch {
          lost(path, others: others, error)
        }
      }
      loop: while true {
        if interruptRequested != 0 { queue.stop() }
        switch queue.next(timeoutMilliseconds: 100) {
        case .finished: break loop
        case .idle:
          commit()
          progress.draw()
        case .result(let i, let outcome):
          let path = files[i].path
          switch outcome {
          case .parsed(let plan, let json, let bytes, let worker):
            if let json {
              do {
                try output?.write(json)
              } catch {
                storeError = "\(path): cannot write: \(error)"
                queue.stop()
              }
            }
            if let plan { write(path, .plan(plan), worker: worker) } else { progress.inserted += 1 }
            progress.bytes += bytes
          case .unchanged(let bytes):
            progress.unchanged += 1
            progress.bytes += bytes
          case .failed(let kind, let message, let sha256, let bytes):
            let failure = PlanStore.Entry.failure(
              sourceName: path, sha256: sha256, bytes: bytes, kind: kind, error: message)
            write(path, failure, worker: nil)
            progress.failed += 1
            progress.bytes += bytes
            progress.message("\(path): \(message)")
            worst = max(worst, kind == "cannot_open" ? 66 : 65)
          }
          // A WAL journal is folded into the file twice while the workers still have input
          // to parse (`foldPercents`; the rollback journal has nothing to fold): otherwise the
          // fold at close ran after every worker had finished, the one part of an ingest no
          // second job shortens.
          if folds < Self.foldPercents.count, progress.bytes >= progress.totalBytes / 100 * Self.foldPercents[folds] {
            folds += 1
            commit()
            // A fold that fails loses nothing: the journal keeps the rows and closing folds it.
            if let session, storeError == nil { try? session.checkpoint() }
          } else if let session, session.uncommitted >= Self.batchSize {
            commit()
          }
          progress.files += 1
          progress.draw()
        }
      }
      commit()
    }
    if let store {
      do {
        try store.session(consume)
      } catch {
        // `consume` catches its writes' errors; whatever else fails stops the workers too.
        storeError = storeError ?? "\(store.path): cannot write: \(error)"
        queue.stop()
      }
    } else {
      consume(nil)
    }
    if let store, storeError == nil, !inputs.skipped.isEmpty {
      do {
        try store.recordSkipped(inputs.skipped.map { ($0.file.path, $0.type, $0.file.size) })
      } catch {
        storeError = "cannot record the skipped files: \(error)"
      }
    }
    for thread in threads { pthread_join(thread, nil) }
    signal(SIGINT, SIG_DFL)
    signal(SIGTERM, SIG_DFL)
    progress.clear()
    output?.close()
    if let storeError {
      InputFile.fail(storeError)
      throw ExitCode(74)
    }
    var summary = progress.summary(interrupted: interruptRequested != 0)
    if !inputs.skipped.isEmpty { summary += "; skipped \(IngestInputs.describe(inputs.skipped)), not documents vanban reads" }
    InputFile.fail(summary)
    if interruptRequested != 0 { throw ExitCode(130) }
    if worst != 0 { throw ExitCode(worst) }
  }

  /// The order files are handed to the workers: as found, except that with several jobs and
  /// no `--ordered` the largest start first. A file's time grows with its size, and the
  /// longest file started last runs alone while the other workers have nothing left: a
  /// 500-page PDF found last kept one core busy for minutes after the rest were done (and on
  /// the 2,000-file bench the last tenth of a second ran on one of two cores). Ties keep the
  /// order they were found in, so every run starts the same files in the same order.
  ///
  /// A small file is not quick, though, when it is the first that needs poppler or Tesseract
  /// (`Sniff.needsLoadedLibrary`): loading one costs as much as parsing tens of small files,
  /// and the two loads wait for each other. On the 2,000-file bench the smallest files, started
  /// last, were a broken 51-byte PDF and an 80-byte PNG: each worker loaded a library after
  /// the other had run out of files, ~45 ms on one core at the end of a one-second run. So the
  /// heads of the files started last (`sniffedLast` per job, read with `head`) are looked at,
  /// and those needing a library start early instead: one first, and each next one `jobs`
  /// files later, after a largest file for every other worker. Started side by side, the
  /// loads queued on the dynamic loader's lock: at the start of each `--jobs 2` run of the
  /// bench, a worker waited ~12 ms for the other's load with its core idle.
  static func startOrder(
    _ files: [IngestInputs.File], jobs: Int, ordered: Bool, head: (String) -> [UInt8]? = { InputFile.head($0) }
  ) -> [IngestInputs.File] {
    guard jobs > 1, !ordered else { return files }
    let bySize = files.enumerated().sorted { ($0.element.size, $1.offset) > ($1.element.size, $0.offset) }.map(\.element)
    let last = bySize.indices.suffix(sniffedLast * jobs)
    let early = last.filter { i in head(bySize[i].path).map(Sniff.needsLoadedLibrary) ?? false }
    guard !early.isEmpty else { return bySize }
    let moved = Set(early)
    let rest = bySize.indices.filter { !moved.contains($0) }.map { bySize[$0] }
    var order: [IngestInputs.File] = []
    order.reserveCapacity(bySize.count)
    var taken = 0
    for (k, e) in early.enumerated() {
      if k > 0 {
        let more = min(jobs - 1, rest.count - taken)
        order += rest[taken..<(taken + more)]
        taken += more
      }
      order.append(bySize[e])
    }
    return order + rest[taken...]
  }

  /// Files per job, the smallest, whose heads `startOrder` reads: those a job starts once
  /// most of the others have finished. (Reading a head is ~5 us; a library load ~10 ms.)
  static let sniffedLast = 32

  /// Documents written per transaction: enough that the shared index pages are journalled
  /// once per batch rather than once per document, few enough that a kill loses little work
  /// (at most this many documents, parsed again by the next run). Each commit appends every
  /// page it changed to the journal, and the index pages a batch touches are much the same
  /// whatever its size: on the 2,000-file bench, 128 rather than 32 cut the journal written
  /// from 137 to 75 MB and the writing thread's time by about a tenth; 256 rather than 128
  /// cut the page writes to journal and file from ~8,600 to 7,400 (87-91 MB to 79 MB) and the
  /// writing thread's time by ~5 %, for 7 MB more peak memory (512 wrote 77 MB, for 22 MB).
  static let batchSize = 256

  /// Batches' worth of finished documents that may wait for the writer.
  static let waitingBatches = 4

  /// Bytes of input started and not yet handed to the writer, at most (one file may always
  /// start, however large).
  static let bytesInFlight = 64 << 20

  /// Per cent of the input's bytes parsed and handed over at which a WAL journal (a database
  /// made before 2026-12, `PlanStore`) is folded into the database (besides SQLite's own
  /// folds every ~40 MB of journal), while the workers still have the rest to parse. A fold
  /// is the writing thread's copy of every page the journal holds, and a sync; the fold at
  /// close copies what was written after the last one. Left to the end (once every file had
  /// started, when little is left to parse in the largest-first order), the 2,000-file
  /// bench's whole database (36 MB) was copied after the last worker had finished, ~0.1 s
  /// that --jobs 1 and 2 both spent on one thread; after a fold at 85 % the pages written
  /// since were still ~15 MB (the documents' name and commune indexes and the tasks' due
  /// dates take rows all over their trees), so a second fold comes near the end.
  static let foldPercents = [85, 97]

  /// Read, hash, and parse one file on a worker thread. The hash is checked before parsing so
  /// that re-ingesting an unchanged corpus costs reading and hashing only.
  static func process(
    _ path: String, options: ParseOptions, json: Bool, store: PlanStore?, known: [String: String], worker: Int
  ) -> Outcome {
    let bytes: [UInt8]
    do {
      bytes = try InputFile.load(path)
    } catch {
      switch error {
      case .cannotOpen(let m): return .failed(kind: "cannot_open", message: Self.reason(m, path), sha256: nil, bytes: 0)
      case .badData(let m): return .failed(kind: "bad_data", message: Self.reason(m, path), sha256: nil, bytes: 0)
      }
    }
    // Hashed before parsing only when the database knows some files (a re-run): otherwise the
    // plan's own `source.sha256` is the digest, and hashing twice cost as much as JSON output.
    let digest = known.isEmpty ? nil : InputDigest.sha256Hex(bytes)
    if !json, let digest, known[path] == digest { return .unchanged(bytes: bytes.count) }
    do {
      let plan = try PlanParser.parse(
        bytes, options: options)
      // Rows built here, off the writing thread (`PlanStore.keyed`); the plan is freed here.
      return .parsed(store?.keyed(plan), json: json ? plan.jsonBytes(pretty: false) : nil, bytes: bytes.count, worker: worker)
    } catch {
      return .failed(kind: "bad_data", message: error.description, sha256: digest ?? InputDigest.sha256Hex(bytes), bytes: bytes.count)
    }
  }

  /// InputFile's messages start with the path; the failures table has its own column for it.
  static func reason(_ message: String, _ path: String) -> String {
    message.hasPrefix(path + ": ") ? String(message.dropFirst(path.utf8.count + 2)) : message
  }
}

/// The NDJSON stream: one document per line, written whole as files finish (in bursts, see
/// `IngestQueue.quietResults`), so a reader tailing the file never sees half a document.
final class NDJSONOutput {
  let fd: Int32
  let path: String

  struct OpenError: Error, CustomStringConvertible {
    var description: String
  }

  init(_ path: String) throws {
    self.path = path
    if path == "-" {
      fd = 1
    } else {
      fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
      if fd < 0 { throw OpenError(description: String(cString: strerror(errno))) }
    }
  }

  func write(_ json: JSONBytes) throws {
    // The document and its line break in one call (`writev`): appending the break to the
    // document would copy it, and a second `write` was a system call per document. What a
    // short write leaves goes on piece by piece.
    var lineBreak: UInt8 = 0x0A
    try json.withUnsafeBytes { doc in
      try withUnsafeMutableBytes(of: &lineBreak) { nl in
        let written = withUnsafeTemporaryAllocation(of: iovec.self, capacity: 2) { parts -> Int in
          parts[0] = iovec(iov_base: UnsafeMutableRawPointer(mutating: doc.baseAddress), iov_len: doc.count)
          parts[1] = iovec(iov_base: nl.baseAddress, iov_len: 1)
          var n: Int
          repeat { n = writev(fd, parts.baseAddress, 2) } while n < 0 && errno == EINTR
          return n
        }
        if written < 0 { throw systemError() }
        if written < doc.count { try writeAll(UnsafeRawBufferPointer(rebasing: doc[written...])) }
        if written <= doc.count { try writeAll(UnsafeRawBufferPointer(nl)) }
      }
    }
  }

  private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
    var offset = 0
    while offset < bytes.count {
      let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      if n <= 0 {
        if n < 0 && errno == EINTR { continue }
        throw systemError()
      }
      offset += n
    }
  }

  /// The failed call's error, named with the output's path.
  private func systemError() -> OpenError {
    OpenError(description: "\(path): \(String(cString: strerror(errno)))")
  }

  func close() {
    if fd > 1 { Glibc.close(fd) }
  }
}

/// Written rows waiting to be freed by the thread that built them (see `Ingest.run`).
final class PlanTrash: @unchecked Sendable {
  // Guarded by `mutex`.
  private var bins: [[PlanStore.Entry]]
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>

  init(workers: Int) {
    bins = Array(repeating: [], count: max(workers, 1))
    mutex = .allocate(capacity: 1)
    pthread_mutex_init(mutex, nil)
  }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  func put(_ entries: [(worker: Int, entry: PlanStore.Entry)]) {
    guard !entries.isEmpty else { return }
    pthread_mutex_lock(mutex)
    for (w, e) in entries { bins[w].append(e) }
    pthread_mutex_unlock(mutex)
  }

  /// Frees what waits for worker `w`, on the calling thread (outside the lock).
  func empty(_ w: Int) {
    pthread_mutex_lock(mutex)
    let garbage = bins[w]
    bins[w] = []
    pthread_mutex_unlock(mutex)
    _ = consume garbage
  }
}
