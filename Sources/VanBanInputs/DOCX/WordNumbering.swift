/// The list definitions of `numbering.xml`: each list instance (`w:num`) points at an
/// abstract definition (`w:abstractNum`) whose nine levels say how the number looks.
struct WordNumbering: Sendable {
  struct Level: Equatable, Sendable {
    var start = 1
    var format = NumberFormat.decimal
    /// "%1.", "%1.%2.", "(%1)", "-".
    var text = ""
    /// `w:lvlRestart`: the 1-based level after whose use this one starts again; 0 never.
    /// nil is Word's default, any level above.
    var restartAfter: Int?
    /// `w:isLgl`: every number in the label decimal ("1.2" under a roman "I.").
    var isLegal = false
  }

  struct Abstract: Equatable, Sendable {
    var levels: [Int: Level] = [:]
    /// `w:numStyleLink`: the levels live in the list named by this numbering style.
    var styleLink: String?
  }

  struct Instance: Equatable, Sendable {
    var abstractID: Int
    /// `w:lvlOverride/w:startOverride`: the level restarts here when this instance is first used.
    var startOverrides: [Int: Int] = [:]
    /// `w:lvlOverride/w:lvl`: a level redefined for this instance only.
    var levelOverrides: [Int: Level] = [:]
  }

  private(set) var abstracts: [Int: Abstract] = [:]
  private(set) var instances: [Int: Instance] = [:]

  static let empty = WordNumbering()

  /// Counters run at most this high: a `w:start` of two billion must not make a label of two
  /// billion letters.
  static let maxStart = 32_767

  /// The abstract definition an instance uses, following one numbering-style link (Word's
  /// multilevel lists defined as styles); nil when the instance is not defined.
  func definition(of numID: Int, styles: WordStyles) -> (key: Int, levels: [Int: Level], instance: Instance)? {
    guard let instance = instances[numID], var abstract = abstracts[instance.abstractID] else { return nil }
    var key = instance.abstractID
    if let link = abstract.styleLink, let linked = styles.styles[link]?.numID, linked != numID,
      let target = instances[linked], let a = abstracts[target.abstractID]
    {
      abstract = a
      key = target.abstractID
    }
    return (key, abstract.levels.merging(instance.levelOverrides) { $1 }, instance)
  }

  /// numbering -> (abstractNum abstractNumId= (numStyleLink | lvl ilvl= (start | numFmt | lvlText
  ///              | lvlRestart | isLgl)*)*)* (num numId= abstractNumId (lvlOverride ilvl=
  ///              (startOverride | lvl)*)*)*
  static func read(_ bytes: [UInt8], partName: String) throws(InputError) -> WordNumbering {
    let xml = try XMLPullReader(bytes: bytes, partName: partName, namespaces: WordNamespace.all)
    var out = WordNumbering()
    while let event = try xml.next() {
      guard case .start(let name, let ns) = event, WordNamespace.isWord(ns) else { continue }
      switch name {
      case "abstractNum":
        guard let id = xml.attribute("abstractNumId").flatMap({ Int($0) }) else { continue }
        let abstract = try readAbstract(xml)
        if out.abstracts[id] == nil { out.abstracts[id] = abstract }
      case "num":
        guard let id = xml.attribute("numId").flatMap({ Int($0) }) else { continue }
        if let instance = try readInstance(xml), out.instances[id] == nil { out.instances[id] = instance }
      default:
        continue
      }
    }
    return out
  }

  private static func readAbstract(_ xml: XMLPullReader) throws(InputError) -> Abstract {
    var abstract = Abstract()
    let level = xml.depth
    while let event = try xml.next(), xml.depth >= level {
      guard case .start(let name, let ns) = event, WordNamespace.isWord(ns) else { continue }
      switch name {
      case "numStyleLink": abstract.styleLink = xml.attribute("val")
      case "lvl":
        let ilvl = xml.attribute("ilvl").flatMap { Int($0) } ?? 0
        let definition = try readLevel(xml)
        if (0...8).contains(ilvl), abstract.levels[ilvl] == nil { abstract.levels[ilvl] = definition }
      default: continue
      }
    }
    return abstract
  }

  private static func readInstance(_ xml: XMLPullReader) throws(InputError) -> Instance? {
    var abstractID: Int?
    var instance = Instance(abstractID: 0)
    let level = xml.depth
    var overriding: Int?
    while let event = try xml.next(), xml.depth >= level {
      guard case .start(let name, let ns) = event, WordNamespace.isWord(ns) else { continue }
      switch name {
      case "abstractNumId": abstractID = xml.attribute("val").flatMap { Int($0) }
      case "lvlOverride": overriding = xml.attribute("ilvl").flatMap { Int($0) }.flatMap { (0...8).contains($0) ? $0 : nil }
      case "startOverride":
        if let k = overriding, let v = xml.attribute("val").flatMap({ Int($0) }) {
          instance.startOverrides[k] = min(max(v, 0), maxStart)
        }
      case "lvl":
        let definition = try readLevel(xml)
        if let k = overriding { instance.levelOverrides[k] = definition }
      default: continue
      }
    }
    guard let abstractID else { return nil }
    instance.abstractID = abstractID
    return instance
  }

  /// Reads a `w:lvl` whose start was just read, through its end. A format inside
  /// `mc:AlternateContent` is read twice, choice then fallback: the fallback, a format every
  /// reader knows, is the one kept.
  private static func readLevel(_ xml: XMLPullReader) throws(InputError) -> Level {
    var out = Level()
    let level = xml.depth
    while let event = try xml.next(), xml.depth >= level {
      guard case .start(let name, let ns) = event, WordNamespace.isWord(ns) else { continue }
      switch name {
      case "start": out.start = xml.attribute("val").flatMap { Int($0) }.map { min(max($0, 0), maxStart) } ?? 1
      case "numFmt": out.format = NumberFormat(xml.attribute("val"))
      case "lvlText": out.text = xml.attribute("val") ?? ""
      case "lvlRestart": out.restartAfter = xml.attribute("val").flatMap { Int($0) }
      case "isLgl": out.isLegal = RunFormat.toggle(xml.attribute("val"))
      case "pPr", "rPr": try xml.skipElement()
      default: continue
      }
    }
    return out
  }
}
