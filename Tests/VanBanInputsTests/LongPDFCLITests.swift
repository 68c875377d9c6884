import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The `vanban` binary on long PDFs: peak memory measured by the kernel (the child's own
/// high-water mark), the JSON it prints, the time limit's flag, and the ingest bar on a terminal.
@Suite(.serialized) struct LongPDFCLITests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static var binary: String {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vanban").path,
      root.appendingPathComponent(".build/debug/vanban").path,
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
  }

  static func temp(_ name: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-long-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name)
  }

  struct Outcome {
    var status: Int32
    /// Peak resident memory of the child's program, in kilobytes (nil when it was not watched).
    var maxRSS: Int?
    var stdout: Data
    var stderr: Data
  }

  /// Runs the binary with stdout and stderr in files (or stderr on `stderrFD`, draining
  /// `drain` until the child lets go of it), watching its peak memory unless draining.
  static func spawn(_ arguments: [String], stderrFD: Int32? = nil, drain: Int32? = nil) throws -> Outcome {
    let out = try temp("stdout-\(UUID().uuidString)")
    let err = try temp("stderr-\(UUID().uuidString)")
    defer {
      try? FileManager.default.removeItem(at: out)
      try? FileManager.default.removeItem(at: err)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, out.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    if let stderrFD {
      posix_spawn_file_actions_adddup2(&actions, stderrFD, 2)
    } else {
      posix_spawn_file_actions_addopen(&actions, 2, err.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    }
    let argv = ([binary] + arguments).map { strdup($0) } + [nil]
    let env = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      env.forEach { free($0) }
    }
    var pid = pid_t()
    let rc = posix_spawn(&pid, binary, &actions, nil, argv, env)
    try #require(rc == 0, "cannot start \(binary): \(rc)")
    var drained = Data()
    if let drain {
      if let stderrFD { close(stderrFD) }
      var buffer = [UInt8](repeating: 0, count: 4096)
      while true {
        let n = read(drain, &buffer, buffer.count)
        if n > 0 { drained.append(contentsOf: buffer[0..<n]) } else if n < 0 && errno == EINTR { continue } else { break }
      }
    }
    var status: Int32 = 0
    // The child's peak memory is read from its own high-water mark (VmHWM), watched until it
    // exits, not from wait4: posix_spawn's child shares this process's memory until it
    // runs the binary, and Linux carries that memory's high-water mark into the child's
    // ru_maxrss. With other tests running in this process that was hundreds of megabytes,
    // the same for every child, and the measure said nothing about vanban.
    var peak: Int?
    if drain == nil {
      while true {
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid || (r < 0 && errno != EINTR) { break }
        if let hwm = Self.highWaterKB(pid) { peak = max(peak ?? 0, hwm) }
        usleep(2_000)
      }
    } else {
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
    let exited = status & 0x7F == 0
    return Outcome(
      status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), maxRSS: peak,
      stdout: (try? Data(contentsOf: out)) ?? Data(), stderr: drain == nil ? ((try? Data(contentsOf: err)) ?? Data()) : drained)
  }

  /// `VmHWM` of a running process, in kilobytes: the peak resident size of the program it
  /// runs now (the count starts again when it executes a new one).
  static func highWaterKB(_ pid: pid_t) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      return Int(line.dropFirst(6).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
    }
    return nil
  }

  @Test func fiveHundredPagesParseInBoundedMemory() throws {
    var runs: [Int: (Outcome, Double)] = [:]
    for pages in [50, 500] {
      let file = try Self.temp("long-\(pages).pdf")
      try Data(MinimalPDF.longPlan(pages: pages).bytes).write(to: file)
      defer { try? FileManager.default.removeItem(at: file) }
      let start = Date()
      let outcome = try Self.spawn(["parse", "--ocr", "never", file.path])
      runs[pages] = (outcome, Date().timeIntervalSince(start))
      #expect(outcome.status == 0, "\(String(decoding: outcome.stderr, as: UTF8.self))")
    }
    let (small, _) = try #require(runs[50])
    let (large, seconds) = try #require(runs[500])
    // The JSON: 500 pages, the first page's text on page 1, the last page's on page 500.
    let json = try #require(try JSONSerialization.jsonObject(with: large.stdout) as? [String: Any])
    let source = try #require(json["source"] as? [String: Any])
    #expect(source["pages"] as? Int == 500)
    #expect(source["format"] as? String == "pdf")
    let sections = try #require(json["sections"] as? [[String: Any]])
    let first = try #require(sections.first)
    #expect(first["label"] as? String == "1" && first["page"] as? Int == 1)
    #expect((first["title"] as? String)?.contains("trang 1") == true)
    // Every page's prose, the last included, arrives with its own page.
    var pageOf: [Int: Int] = [:]
    func walk(_ section: [String: Any]) {
      for block in section["blocks"] as? [[String: Any]] ?? [] {
        guard let text = block["text"] as? String, let page = block["page"] as? Int else { continue }
        var rest = Substring(text)
        while let r = rest.range(of: "Trang ") {
          rest = rest[r.upperBound...]
          if let n = Int(rest.prefix { $0.isNumber }), rest.dropFirst(String(n).count).hasPrefix(" dong 1:") {
            pageOf[n] = page
          }
        }
      }
      for child in section["children"] as? [[String: Any]] ?? [] { walk(child) }
    }
    sections.forEach(walk)
    #expect(pageOf.count == 500)
    #expect(pageOf.allSatisfy { $0.key == $0.value }, "\(pageOf.filter { $0.key != $0.value }.sorted { $0.key < $1.key }.prefix(5))")
    #expect(pageOf[500] == 500)
    // Memory: a page's 100-dpi picture is about a megabyte (4 while cairo draws it). Were the
    // pictures kept, 450 more pages would cost 450 MB; the words and the plan cost a few KB a
    // page. Allow a fifth of a picture a page, and no more than twice the 50-page peak.
    let smallRSS = try #require(small.maxRSS)
    let largeRSS = try #require(large.maxRSS)
    let perPage = Double(largeRSS - smallRSS) / 450
    #expect(perPage < 200, "\(perPage) KB a page: \(smallRSS) KB for 50 pages, \(largeRSS) KB for 500")
    #expect(largeRSS < 2 * smallRSS, "\(smallRSS) KB for 50 pages, \(largeRSS) KB for 500")
    // Time: generous (a debug build on a loaded machine), but a page-by-page stall would pass it.
    #expect(seconds < 60, "500 pages took \(seconds) s")
  }

  @Test func theOCRTimeoutFlagNotesThePageAndTheFileGoesOn() throws {
    let scan = Self.root.appendingPathComponent("Tests/VanBanInputsTests/Fixtures/scanned.pdf").path
    let outcome = try Self.spawn(["parse", "--ocr-timeout", "0.001", scan])
    #expect(outcome.status == 0, "\(String(decoding: outcome.stderr, as: UTF8.self))")
    let json = try #require(try JSONSerialization.jsonObject(with: outcome.stdout) as? [String: Any])
    let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
    let timeout = try #require(diagnostics.first { $0["code"] as? String == "input.ocr_timeout" })
    #expect(timeout["severity"] as? String == "warning")
    #expect((timeout["message"] as? String)?.contains("page 1") == true)
    let bad = try Self.spawn(["parse", "--ocr-timeout", "-1", scan])
    #expect(bad.status != 0 && bad.stdout.isEmpty)
  }

  /// A pseudo-terminal's two ends. Swift's Glibc module leaves out the X/Open calls that make
  /// one, so they are looked up in libc.
  static func pseudoTerminal() -> (master: Int32, slave: Int32)? {
    typealias Open = @convention(c) (Int32) -> Int32
    typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
    guard let libc = dlopen(nil, RTLD_NOW),
      let openpt = dlsym(libc, "posix_openpt"), let grant = dlsym(libc, "grantpt"),
      let unlock = dlsym(libc, "unlockpt"), let name = dlsym(libc, "ptsname")
    else { return nil }
    let master = unsafeBitCast(openpt, to: Open.self)(O_RDWR | O_NOCTTY)
    guard master >= 0 else { return nil }
    guard unsafeBitCast(grant, to: Open.self)(master) == 0, unsafeBitCast(unlock, to: Open.self)(master) == 0,
      let path = unsafeBitCast(name, to: Name.self)(master)
    else {
      close(master)
      return nil
    }
    let slave = open(path, O_RDWR | O_NOCTTY)
    guard slave >= 0 else {
      close(master)
      return nil
    }
    return (master, slave)
  }

  @Test func theIngestBarCountsPagesOnATerminal() throws {
    let folder = try Self.temp("ingest-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(MinimalPDF.longPlan(pages: 500).bytes).write(to: folder.appendingPathComponent("long.pdf"))
    // A pseudo-terminal for stderr: the bar is drawn only on a terminal.
    let (master, slave) = try #require(Self.pseudoTerminal())
    defer { close(master) }
    let arguments = ["ingest", folder.path, "--ndjson", "/dev/null", "--ocr", "never", "--jobs", "1"]
    let tty = try Self.spawn(arguments, stderrFD: slave, drain: master)
    let shown = String(decoding: tty.stderr, as: UTF8.self)
    #expect(tty.status == 0, "\(shown)")
    // The bar shows the pages of the file being read: "… 0/1 files  230/500 pages …".
    #expect(shown.contains("/500 pages"), "\(shown)")
    #expect(shown.contains("ingested 1 of 1 files"))
    // Not on a terminal: the summary alone.
    let plain = try Self.spawn(arguments)
    let text = String(decoding: plain.stderr, as: UTF8.self)
    #expect(plain.status == 0)
    #expect(!text.contains("pages") && !text.contains("\r"), "\(text)")
    #expect(text.contains("ingested 1 of 1 files"))
  }
}
