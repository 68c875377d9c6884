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
    guard stat(path, &st) == 0 else {
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
      for name in Self.entries(of: path) where !name.hasPrefix(".") {
        add(Self.join(path, name), named: false)
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

  /// Names in a folder, sorted by their bytes so every run sees the same order.
  static func entries(of folder: String) -> [String] {
    guard let dir = opendir(folder) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
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
        for name in entries(of: dir) where !name.hasPrefix(".") {
          let path = prefix.isEmpty ? name : join(prefix, name)
          var st = stat()
          guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { continue }
          let id = FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
          guard !folders.contains(id) else { continue }
          expand(path, rest, folders.union([id]))
        }
      } else if head.contains(where: { "*?[".contains($0) }) {
        for name in entries(of: dir) where !name.hasPrefix(".") || head.hasPrefix(".") {
          if fnmatch(head, name, 0) == 0 {
            expand(prefix.isEmpty ? name : join(prefix, name), tail, folders)
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
