/// What `styles.xml` says about the properties vanban reads: a heading style's bold, a list
/// style's numbering. Each style is resolved through its `basedOn` chain once, at load.
struct WordStyles: Sendable {
  struct Style: Sendable, Equatable {
    var type: String
    var basedOn: String?
    var run = RunFormat()
    var numID: Int?
    var level: Int?
  }

  /// Style id → the style with its ancestors' properties folded in.
  private(set) var styles: [String: Style] = [:]
  /// `w:docDefaults/w:rPrDefault`.
  private(set) var defaults = RunFormat()
  /// The paragraph style a paragraph without `w:pStyle` has ("Normal").
  private(set) var defaultParagraphStyle: String?

  static let empty = WordStyles()

  /// The format a run has before its own properties: defaults, paragraph style, character style.
  func baseFormat(paragraphStyle: String?, characterStyle: String?) -> RunFormat {
    var format = defaults
    if let p = styles[paragraphStyle ?? defaultParagraphStyle ?? ""] { format = format.overlaid(by: p.run) }
    if let c = characterStyle.flatMap({ styles[$0] }) { format = format.overlaid(by: c.run) }
    return format
  }

  /// The list numbering a paragraph style gives (heading styles tied to a multilevel list).
  func numbering(paragraphStyle: String?) -> (numID: Int?, level: Int?) {
    guard let s = styles[paragraphStyle ?? defaultParagraphStyle ?? ""] else { return (nil, nil) }
    return (s.numID, s.level)
  }

  /// styles -> docDefaults? (style type= styleId= default=? (basedOn | rPr | pPr/numPr)*)*
  static func read(_ bytes: [UInt8], partName: String) throws(InputError) -> WordStyles {
    let xml = try XMLPullReader(bytes: bytes, partName: partName, namespaces: WordNamespace.all)
    var raw: [String: Style] = [:]
    var out = WordStyles()
    while let event = try xml.next() {
      guard case .start(let name, let ns) = event, WordNamespace.isWord(ns) else { continue }
      switch name {
      case "rPrDefault":
        out.defaults = try readRunProperties(xml)
      case "style":
        guard let id = xml.attribute("styleId") else { continue }
        let type = xml.attribute("type") ?? "paragraph"
        if type == "paragraph", xml.attribute("default").map(RunFormat.toggle) == true {
          out.defaultParagraphStyle = out.defaultParagraphStyle ?? id
        }
        if raw[id] == nil { raw[id] = try readStyle(xml, type: type) } else { try xml.skipElement() }
      default:
        continue
      }
    }
    out.styles = raw.mapValues { resolve($0, in: raw) }
    return out
  }

  /// A style with what its ancestors say and it does not; a loop in `basedOn` ends the chain.
  private static func resolve(_ style: Style, in raw: [String: Style]) -> Style {
    var out = style
    var seen: Set<String> = []
    var parent = style.basedOn
    while let id = parent, seen.insert(id).inserted, let p = raw[id] {
      out.run = p.run.overlaid(by: out.run)
      out.numID = out.numID ?? p.numID
      out.level = out.level ?? p.level
      parent = p.basedOn
    }
    return out
  }

  private static func readStyle(_ xml: XMLPullReader, type: String) throws(InputError) -> Style {
    var style = Style(type: type)
    let level = xml.depth
    while let event = try xml.next(), xml.depth >= level {
      guard case .start(let name, let ns) = event, WordNamespace.isWord(ns) else { continue }
      switch name {
      case "basedOn": style.basedOn = xml.attribute("val")
      case "rPr": style.run = try readRunProperties(xml)
      case "numId": style.numID = xml.attribute("val").flatMap { Int($0) }
      case "ilvl": style.level = xml.attribute("val").flatMap { Int($0) }
      case "tblStylePr": try xml.skipElement()  // a table style's conditional parts
      default: continue
      }
    }
    return style
  }

  /// Reads a `w:rPr` whose start was just read, through its end.
  static func readRunProperties(_ xml: XMLPullReader) throws(InputError) -> RunFormat {
    var format = RunFormat()
    let level = xml.depth
    while let event = try xml.next(), xml.depth >= level {
      if case .start(let name, let ns) = event, WordNamespace.isWord(ns), xml.depth == level + 1 {
        format.read(name, value: xml.attribute("val"))
      }
    }
    return format
  }
}

/// The namespaces of WordprocessingML the readers tell apart, in the order given to
/// `XMLPullReader`.
enum WordNamespace {
  static let all = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
    "http://schemas.openxmlformats.org/markup-compatibility/2006",
  ]

  /// Transitional or strict WordprocessingML.
  static func isWord(_ ns: Int?) -> Bool { ns == 0 || ns == 1 }
  static func isMarkupCompatibility(_ ns: Int?) -> Bool { ns == 2 }
}
