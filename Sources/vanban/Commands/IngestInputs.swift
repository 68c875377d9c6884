#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The files an ingest reads, found from the paths the user gave.
///
/// A named file is always read, whatever its name. Inside a folder the documents vanban reads
/// count, by name: text (`.txt`, `.md`), OCR output (`.tsv`, `.hocr`), web pages (`.htm`,
/// `.html`), `.pdf`, Word (`.docx`, `.doc`) and images (`.png`, `.jpg`, `.jpeg`, `.tif`,
/// `.tiff`), any case. Every other file found in a folder is listed in `skipped` with its
/// type, so the summary and the database say what was not read: folders of plans also hold
/// spreadsheets and `.expected.json` files. Hidden files and folders (a leading ".") are
/// skipped unless named. Symbolic links are followed; a folder reached twice (a link loop, or a link
/// to a folder already walked) is walked once, and a file reached twice is read once, under
/// the first name it was found by. Arguments with `*`, `?` or `[` that name no existing path
/// are glob patterns (`**` matches any depth), for shells that do not expand them or for
/// patterns too long for a command line.
struct IngestInputs {
  struct File: Sendable {
    var path: String
    var size: Int
  }

  static let extensions = [
    ".txt", ".md", ".tsv", ".hocr", ".htm", ".html", ".pdf", ".docx", ".doc", ".png", ".jpg", ".jpeg", ".tif", ".tiff",
  ]

  private(set) var files: [File] = []
  /// Files found in folders that are not documents vanban reads, with their type (the
  /// extension in lower case, or "no extension").
  private(set) var skipped: [(file: File, type: String)] = []
  /// Arguments that matched nothing or could not be read, already phrased for stderr.
  private(set) var problems: [String] = []
  private var seenFiles: Set<FileID> = []
  private var seenFolders: Set<FileID> = []

  private struct FileID: Hashable {
    var device: UInt64
    var inode: UInt64
  }

  init(_ arguments: [String]) {
    for argument in arguments {
      var st = stat()
      if stat(argument, &st) != 0, argument.contains(where: { "*?[".contains($0) }) {
        let matches = Self.glob(argument)
        if matches.isEmpty { problems.append("\(argument): no file matches") }
        for path in matches { add(path, named: true) }
      } else {
        add(argument, named: true)
      }
    }
  }

  private mutating func add(_ path: String, named: Bool) {
    var st = stat()
    add(path, named: named, status: stat(path, &st) == 0 ? st : nil)
  }

  /// `status`: what `stat` says of the path, nil where it failed.
  private mutating func add(_ path: String, named: Bool, status: stat?) {
    guard let st = status else {
      if named {
        problems.append("\(path): cannot open: \(String(cString: strerror(errno)))")
      } else if Self.looksLikePlan(path) {
        // A dangling link inside a folder: the parse step reports it as a failure.
        files.append(File(path: path, size: 0))
      }
      return
    }
    let id = FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    if (st.st_mode & S_IFMT) == S_IFDIR {
      guard seenFolders.insert(id).inserted else { return }
      for entry in Self.entries(of: path) where !entry.name.hasPrefix(".") {
        add(Self.join(path, entry.name), named: false, status: entry.status)
      }
    } else if named || Self.looksLikePlan(path) {
      guard seenFiles.insert(id).inserted else { return }
      files.append(File(path: path, size: Int(st.st_size)))
    } else if (st.st_mode & S_IFMT) == S_IFREG, seenFiles.insert(id).inserted {
      skipped.append((File(path: path, size: Int(st.st_size)), Self.type(of: path)))
    }
  }

  static func looksLikePlan(_ path: String) -> Bool {
    let lower = path.lowercased()
    return extensions.contains { lower.hasSuffix($0) }
  }

  /// ".xlsx" for "a/b.XLSX"; "no extension" for "README".
  static func type(of path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "no extension" }
    return name[dot...].lowercased()
  }

  /// "3 files (2 .json, 1 .xlsx)": the skipped files counted by type, most first.
  static func describe(_ skipped: [(file: File, type: String)]) -> String {
    var counts: [String: Int] = [:]
    for s in skipped { counts[s.type, default: 0] += 1 }
    let parts = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.value) \($0.key)" }
    return "\(skipped.count) file\(skipped.count == 1 ? "" : "s") (\(parts.joined(separator: ", ")))"
  }

  static func join(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }

  /// A name in a folder and what `stat` says of it (nil where it failed: a dangling link).
  struct Entry {
    var name: String
    var status: stat?
  }

  /// Names in a folder, sorted by their bytes so every run sees the same order, each with its
  /// `stat` taken relative to the open folder: a folder of thousands of plans was walked
  /// path by path from the root again for every file, and its names compared through String's
  /// generic UTF-8 view, both in the one-threaded start of an ingest that no second job shortens.
  static func entries(of folder: String) -> [Entry] {
    guard let dir = opendir(folder) else { return [] }
    defer { closedir(dir) }
    let fd = dirfd(dir)
    var found: [Entry] = []
    var names: [UInt8] = []
    var spans: [(start: Int, count: Int)] = []
    while let item = readdir(dir) {
      withUnsafePointer(to: item.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { cName in
          let length = strlen(cName)
          guard !(length == 1 && cName[0] == 0x2E), !(length == 2 && cName[0] == 0x2E && cName[1] == 0x2E) else { return }
          var st = stat()
          let entry = Entry(name: String(cString: cName), status: fstatat(fd, cName, &st, 0) == 0 ? st : nil)
          spans.append((names.count, entry.name.utf8.count))
          names.append(contentsOf: entry.name.utf8)
          found.append(entry)
        }
      }
    }
    let order = names.withUnsafeBufferPointer { bytes in
      spans.indices.sorted { i, j in
        let a = spans[i], b = spans[j]
        let common = min(a.count, b.count)
        let c = common == 0 ? 0 : memcmp(bytes.baseAddress! + a.start, bytes.baseAddress! + b.start, common)
        return c != 0 ? c < 0 : a.count < b.count
      }
    }
    return order.map { found[$0] }
  }

  /// Expands a pattern one path component at a time: `fnmatch` per component, `**` for zero
  /// or more folders. Hidden names match only a component that itself starts with ".".
  static func glob(_ pattern: String) -> [String] {
    let absolute = pattern.hasPrefix("/")
    let components = pattern.split(separator: "/").map(String.init)
    var results: [String] = []
    var seen: Set<String> = []
    func expand(_ base: String, _ rest: ArraySlice<String>, _ folders: Set<FileID>) {
      guard let head = rest.first else {
        if seen.insert(base).inserted { results.append(base) }
        return
      }
      let tail = rest.dropFirst()
      let dir = base.isEmpty ? (absolute ? "/" : ".") : base
      let prefix = base.isEmpty ? (absolute ? "/" : "") : base
      if head == "**" {
        expand(base, tail, folders)
        for entry in entries(of: dir) where !entry.name.hasPrefix(".") {
          let path = prefix.isEmpty ? entry.name : join(prefix, entry.name)
          guard let st = entry.status, (st.st_mode & S_IFMT) == S_IFDIR else { continue }
          let id = FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
          guard !folders.contains(id) else { continue }
          expand(path, rest, folders.union([id]))
        }
      } else if head.contains(where: { "*?[".contains($0) }) {
        for entry in entries(of: dir) where !entry.name.hasPrefix(".") || head.hasPrefix(".") {
          if fnmatch(head, entry.name, 0) == 0 {
            expand(prefix.isEmpty ? entry.name : join(prefix, entry.name), tail, folders)
          }
        }
      } else {
        let path = prefix.isEmpty ? head : join(prefix, head)
        var st = stat()
        if stat(path, &st) == 0 { expand(path, tail, folders) }
      }
    }
    expand("", components[...], [])
    return results
  }
}
