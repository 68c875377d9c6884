/// The parts of a WordprocessingML package vanban reads, found as Word finds them: the main
/// part is the target of the package's `officeDocument` relationship (`_rels/.rels`), else the
/// part `[Content_Types].xml` types as a Word document, else `word/document.xml`; styles and
/// numbering are the main part's own relationships.
struct WordPackage: Equatable {
  var documentPart: String
  var stylesPart: String?
  var numberingPart: String?

  static let wordMainTypes: Set<String> = [
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
  ]

  static func locate(in zip: ZIPDirectory, bytes: [UInt8], limit: ExtractionLimit) throws(InputError) -> WordPackage {
    let types = try zip.entry(named: "[Content_Types].xml").map { entry throws(InputError) in
      try ContentTypes.read(ZIPExtractor.extract(entry, from: bytes, limit: limit), partName: entry.name)
    }
    let packageRels = try zip.entry(named: "_rels/.rels").map { entry throws(InputError) in
      try Relationship.read(ZIPExtractor.extract(entry, from: bytes, limit: limit), partName: entry.name)
    }
    guard types != nil || packageRels != nil || zip.entry(named: "word/document.xml") != nil else {
      throw .unsupported("a zip archive, not a DOCX: it has no [Content_Types].xml")
    }
    let fromRels = packageRels?.first { $0.isType("officeDocument") && !$0.isExternal }
      .map { Relationship.resolve($0.target, from: "") }
    let fromTypes = types?.overrides.first { wordMainTypes.contains($0.value.lowercasedMIME) }?.key
    guard let main = fromRels ?? fromTypes ?? zip.entry(named: "word/document.xml").map({ _ in "word/document.xml" }) else {
      throw .unsupported("a zip package, not a DOCX: nothing in it is a Word document part")
    }
    // Only a type that is surely another Office kind refuses the part: some writers type
    // the main part with the generic XML default.
    if let type = types?.type(of: main), let other = otherOfficeKind(type) {
      throw .unsupported(other)
    }
    guard zip.entry(named: main) != nil else {
      throw .empty("the DOCX has no document part: '\(main)' is missing from the archive")
    }
    var package = WordPackage(documentPart: main)
    let relsName = Relationship.relationshipsPart(of: main)
    // A damaged relationships part only costs the styles: the document is still there.
    let documentRels = zip.entry(named: relsName).flatMap { entry in
      try? Relationship.read(ZIPExtractor.extract(entry, from: bytes, limit: limit), partName: entry.name)
    }
    func part(_ kind: String, fallback: String) -> String? {
      if let rels = documentRels {
        return rels.first { $0.isType(kind) && !$0.isExternal }.map { Relationship.resolve($0.target, from: main) }
      }
      return zip.entry(named: fallback) != nil ? fallback : nil
    }
    package.stylesPart = part("styles", fallback: "word/styles.xml")
    package.numberingPart = part("numbering", fallback: "word/numbering.xml")
    return package
  }

  private static func otherOfficeKind(_ type: String) -> String? {
    let t = type.lowercasedMIME
    if t.contains("spreadsheetml") || t.contains("ms-excel") { return "an Excel workbook, not a Word document" }
    if t.contains("presentationml") || t.contains("ms-powerpoint") { return "a PowerPoint presentation, not a Word document" }
    return nil
  }
}

/// `[Content_Types].xml`: the content type of each part, by name or by extension.
struct ContentTypes: Equatable {
  /// Part name (as `ZIPDirectory.partKey`) → content type.
  var overrides: [String: String] = [:]
  /// Extension, lower-cased → content type.
  var defaults: [String: String] = [:]

  func type(of part: String) -> String? {
    let key = ZIPDirectory.partKey(part)
    if let t = overrides[key] { return t }
    guard let dot = key.lastIndex(of: "."), !key[dot...].contains("/") else { return nil }
    return defaults[String(key[key.index(after: dot)...])]
  }

  /// Types -> (Default Extension= ContentType= | Override PartName= ContentType=)*
  static func read(_ bytes: [UInt8], partName: String) throws(InputError) -> ContentTypes {
    let xml = try XMLPullReader(bytes: bytes, partName: partName, namespaces: [])
    var types = ContentTypes()
    while let event = try xml.next() {
      guard case .start(let name, _) = event, let type = xml.attribute("ContentType") else { continue }
      if name == "Override", let part = xml.attribute("PartName") {
        types.overrides[ZIPDirectory.partKey(part)] = type
      } else if name == "Default", let ext = xml.attribute("Extension") {
        types.defaults[ext.lowercased()] = type
      }
    }
    return types
  }
}

/// One relationship of a `.rels` part.
struct Relationship: Equatable {
  var type: String
  var target: String
  var isExternal: Bool

  /// Whether the type ends in this name: transitional and strict OOXML give the same names
  /// under different URIs.
  func isType(_ name: String) -> Bool {
    type.hasSuffix("/" + name)
  }

  /// Relationships -> (Relationship Id= Type= Target= TargetMode=?)*
  static func read(_ bytes: [UInt8], partName: String) throws(InputError) -> [Relationship] {
    let xml = try XMLPullReader(bytes: bytes, partName: partName, namespaces: [])
    var out: [Relationship] = []
    while let event = try xml.next() {
      guard case .start("Relationship", _) = event, let type = xml.attribute("Type"), let target = xml.attribute("Target")
      else { continue }
      out.append(Relationship(type: type, target: target, isExternal: xml.attribute("TargetMode") == "External"))
    }
    return out
  }

  /// "word/document.xml" -> "word/_rels/document.xml.rels"
  static func relationshipsPart(of part: String) -> String {
    let key = ZIPDirectory.partKey(part)
    guard let slash = key.lastIndex(of: "/") else { return "_rels/" + key + ".rels" }
    return key[..<slash] + "/_rels/" + key[key.index(after: slash)...] + ".rels"
  }

  /// A target resolved against the folder of the part that names it: "styles.xml" from
  /// "word/document.xml" is "word/styles.xml"; "/word/x.xml" is absolute; ".." goes up.
  static func resolve(_ target: String, from source: String) -> String {
    var folder: [Substring] = target.hasPrefix("/") ? [] : ZIPDirectory.partKey(source).split(separator: "/").dropLast()
    for segment in target.split(separator: "/") {
      switch segment {
      case ".": continue
      case "..": _ = folder.popLast()
      default: folder.append(segment)
      }
    }
    return folder.joined(separator: "/")
  }
}

extension String {
  /// A MIME type without parameters, lower-cased.
  fileprivate var lowercasedMIME: String {
    String(split(separator: ";").first ?? "").trimmingSpaces.lowercased()
  }

  fileprivate var trimmingSpaces: String {
    var s = Substring(self)
    while s.first == " " { s = s.dropFirst() }
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
