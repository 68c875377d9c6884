import Testing
@testable import VanBanInputs

@Suite struct WordNumberingTests {
  static func numbering(_ body: String) throws -> WordNumbering {
    let xml = #"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"# + body + "</w:numbering>"
    return try WordNumbering.read(Array(xml.utf8), partName: "word/numbering.xml")
  }

  static func level(_ ilvl: Int, _ format: String, _ text: String, extra: String = "") -> String {
    #"<w:lvl w:ilvl="\#(ilvl)"><w:start w:val="1"/><w:numFmt w:val="\#(format)"/><w:lvlText w:val="\#(text)"/>\#(extra)</w:lvl>"#
  }

  static func labels(_ counter: inout ListCounter, _ steps: [(Int, Int)]) -> [String?] {
    steps.map { numID, level in
      if case .label(let s) = counter.advance(numID: numID, level: level) { return s }
      return nil
    }
  }

  @Test func formatsRenderAsWordShowsThem() {
    #expect(NumberFormat.decimal.render(12) == "12")
    #expect(NumberFormat.decimalZero.render(7) == "07")
    #expect(NumberFormat.lowerLetter.render(1) == "a")
    #expect(NumberFormat.lowerLetter.render(27) == "aa")
    #expect(NumberFormat.upperLetter.render(53) == "AAA")
    #expect(NumberFormat.upperRoman.render(14) == "XIV")
    #expect(NumberFormat.lowerRoman.render(1999) == "mcmxcix")
    #expect(NumberFormat.upperRoman.render(4000) == "4000")
    #expect(NumberFormat(nil) == .decimal)
    #expect(NumberFormat("vietnameseCounting") == .decimal)
    // A huge start makes no huge label.
    #expect(NumberFormat.lowerLetter.render(Int.max).count <= 16)
  }

  @Test func deeperLevelsRestartUnlessTheySayNever() throws {
    let n = try Self.numbering(
      #"<w:abstractNum w:abstractNumId="1">"# + Self.level(0, "upperRoman", "%1.") + Self.level(1, "decimal", "%2.")
        + Self.level(2, "lowerLetter", "%3)", extra: #"<w:lvlRestart w:val="0"/>"#) + "</w:abstractNum>"
        + #"<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>"#)
    var counter = ListCounter(numbering: n, styles: .empty)
    let got = Self.labels(&counter, [(5, 0), (5, 1), (5, 1), (5, 2), (5, 0), (5, 1), (5, 2)])
    #expect(got == ["I.", "1.", "2.", "a)", "II.", "1.", "b)"])
  }

  @Test func multilevelLabelsAndLegalNumbering() throws {
    let n = try Self.numbering(
      #"<w:abstractNum w:abstractNumId="1">"# + Self.level(0, "upperRoman", "%1.") + Self.level(1, "decimal", "%1.%2.")
        + Self.level(2, "decimal", "%1.%2.%3.", extra: "<w:isLgl/>") + "</w:abstractNum>"
        + #"<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>"#)
    var counter = ListCounter(numbering: n, styles: .empty)
    #expect(Self.labels(&counter, [(1, 0), (1, 0), (1, 1), (1, 2)]) == ["I.", "II.", "II.1.", "2.1.1."])
  }

  @Test func instancesShareTheirDefinitionUnlessTheyRestart() throws {
    let n = try Self.numbering(
      #"<w:abstractNum w:abstractNumId="1">"# + Self.level(0, "decimal", "%1.") + "</w:abstractNum>"
        + #"<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>"#
        + #"<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#
        + #"<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>"#)
    var counter = ListCounter(numbering: n, styles: .empty)
    #expect(Self.labels(&counter, [(1, 0), (2, 0), (3, 0), (3, 0), (1, 0)]) == ["1.", "2.", "5.", "6.", "7."])
  }

  @Test func bulletsBecomeMarkersTheLexerKnows() throws {
    let n = try Self.numbering(
      #"<w:abstractNum w:abstractNumId="1">"# + Self.level(0, "bullet", "\u{F0B7}") + Self.level(1, "bullet", "+")
        + Self.level(2, "bullet", "o") + "</w:abstractNum>" + #"<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>"#)
    var counter = ListCounter(numbering: n, styles: .empty)
    #expect(Self.labels(&counter, [(1, 0), (1, 1), (1, 2)]) == ["-", "+", "-"])
  }

  @Test func emptyAndUndefinedLevelsHaveNoLabel() throws {
    let n = try Self.numbering(
      #"<w:abstractNum w:abstractNumId="1">"# + Self.level(0, "none", "") + "</w:abstractNum>"
        + #"<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>"#)
    var counter = ListCounter(numbering: n, styles: .empty)
    #expect(counter.advance(numID: 1, level: 0) == .unlabelled)
    #expect(counter.advance(numID: 1, level: 4) == .unlabelled)
    #expect(counter.advance(numID: 9, level: 0) == .undefined)
  }
}
