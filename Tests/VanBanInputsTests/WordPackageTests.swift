import Testing
@testable import VanBanInputs

@Suite struct WordPackageTests {
  @Test func findsTheMainPartThroughTheRelationships() throws {
    let bytes = try DOCXFixtures.bytes("plan.docx")
    let zip = try ZIPDirectory.read(bytes)
    let package = try WordPackage.locate(in: zip, bytes: bytes, limit: DOCXLimits.standard.otherPart)
    #expect(package == WordPackage(documentPart: "word/document.xml", stylesPart: "word/styles.xml", numberingPart: "word/numbering.xml"))
  }

  @Test func relationshipTargetsResolveAgainstTheirPart() {
    #expect(Relationship.resolve("styles.xml", from: "word/document.xml") == "word/styles.xml")
    #expect(Relationship.resolve("/word/x.xml", from: "word/document.xml") == "word/x.xml")
    #expect(Relationship.resolve("../media/a.png", from: "word/document.xml") == "media/a.png")
    #expect(Relationship.resolve("word/document.xml", from: "") == "word/document.xml")
    #expect(Relationship.relationshipsPart(of: "word/document.xml") == "word/_rels/document.xml.rels")
  }
}
