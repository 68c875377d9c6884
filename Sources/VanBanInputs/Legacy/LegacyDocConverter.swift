import Foundation

/// A Word 97–2003 `.doc` read by having LibreOffice convert it to DOCX, then reading that.
/// The binary format is too large a thing to parse here for the few files still sent in it;
/// LibreOffice reads it as well as anything does.
public struct LegacyDocConverter: Sendable {
  /// Where `soffice` is looked for (a `PATH`).
  public var searchPath: String
  /// How long a conversion may take before LibreOffice and its children are killed.
  public var timeout: Duration
  public var limits: DOCXLimits

  public static let installHint = "legacy .doc needs LibreOffice: apt-get install libreoffice-writer-nogui"

  public init(
    searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
    timeout: Duration = .seconds(120), limits: DOCXLimits = .standard
  ) {
    self.searchPath = searchPath
    self.timeout = timeout
    self.limits = limits
  }

  /// Whether the bytes are a legacy Word document: an OLE compound file with a
  /// `WordDocument` stream and no `EncryptedPackage` (that is an encrypted DOCX).
  public static func isLegacyDoc(_ bytes: [UInt8]) -> Bool {
    CompoundFile.isCompoundFile(bytes) && CompoundFile.kind(bytes) == .wordDocument
  }

  public func read(_ bytes: [UInt8]) throws(InputError) -> SourceDocument {
    guard CompoundFile.isCompoundFile(bytes) else {
      throw .unsupported("not a Word 97–2003 .doc: the file is not an OLE compound file")
    }
    switch CompoundFile.kind(bytes) {
    case .encryptedPackage: throw .encrypted
    case .other: throw .unsupported("an OLE compound file without a Word document in it (.xls, .ppt, .msg …)")
    case .wordDocument: break
    }
    guard let tool = findTool() else { throw .missingTool(Self.installHint) }
    let docx = try convert(bytes, with: tool)
    var document = try DOCXReader.read(docx, limits: limits)
    document.format = "doc"
    document.notes.insert(
      InputNote(
        code: "doc.converted",
        message: "a Word 97–2003 .doc, read through LibreOffice's conversion to DOCX: its page breaks are LibreOffice's",
        location: SourceLocation(line: 1, page: 1)),
      at: 0)
    return document
  }

  /// The first executable `soffice` on the search path.
  func findTool() -> String? {
    for folder in searchPath.split(separator: ":") where !folder.isEmpty {
      let path = String(folder) + "/soffice"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }

  /// soffice -env:UserInstallation=file://TMP/profile --headless --convert-to docx --outdir TMP/out TMP/input.doc
  ///
  /// A profile of its own for each conversion: LibreOffice hands a conversion to an instance
  /// already running on the same profile, or does nothing at all when that one is busy.
  private func convert(_ bytes: [UInt8], with tool: String) throws(InputError) -> [UInt8] {
    let files = FileManager.default
    let work = files.temporaryDirectory.appendingPathComponent("vanban-doc-\(UUID().uuidString)")
    defer { try? files.removeItem(at: work) }
    let input = work.appendingPathComponent("input.doc")
    let outFolder = work.appendingPathComponent("out")
    let log = work.appendingPathComponent("soffice.log")
    do {
      try files.createDirectory(at: outFolder, withIntermediateDirectories: true)
      try Data(bytes).write(to: input)
    } catch {
      throw .missingTool("cannot write the .doc to a temporary folder for LibreOffice: \(error)")
    }
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = work.path
    let arguments = [
      tool, "-env:UserInstallation=" + work.appendingPathComponent("profile").absoluteString, "--headless",
      "--norestore", "--convert-to", "docx", "--outdir", outFolder.path, input.path,
    ]
    let outcome = ProcessRunner.run(
      arguments, environment: environment.map { $0.key + "=" + $0.value }, outputPath: log.path, timeout: timeout)
    if outcome == .timedOut {
      let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
      throw .tooLarge("LibreOffice took longer than \(String(format: "%g", seconds)) s to convert the .doc and was stopped")
    }
    let output = outFolder.appendingPathComponent("input.docx")
    guard outcome == .exited(0), let converted = try? Data(contentsOf: output) else {
      let said = (try? String(contentsOf: log, encoding: .utf8))?
        .split(separator: "\n").last.map { ": " + $0 } ?? ""
      throw .damaged("LibreOffice could not convert the .doc (\(describe(outcome)))\(said)")
    }
    return [UInt8](converted)
  }

  private func describe(_ outcome: ProcessRunner.Outcome) -> String {
    switch outcome {
    case .notStarted(let error): "soffice did not start: " + String(cString: strerror(error))
    case .exited(let code): "exit status \(code)"
    case .signalled(let signal): "killed by signal \(signal)"
    case .timedOut: "timed out"
    }
  }
}
