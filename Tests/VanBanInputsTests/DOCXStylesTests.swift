import Testing
@testable import VanBanInputs

/// Styles and list numbering as a whole document reads them.
@Suite struct DOCXStylesTests {
  @Test func aParagraphNumberedByAnUndefinedListIsNotedOnce() throws {
    let p = #"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr></w:pPr><w:r><w:t>Việc</w:t></w:r></w:p>"#
    let document = try DOCXReader.read(StoredZip.docx(document: StoredZip.body(p + p)).bytes)
    #expect(document.blocks.compactMap(\.paragraph).map(\.numbering) == [nil, nil])
    #expect(document.notes.map(\.code) == ["docx.numbering_missing"])
    // A Word file has no lines: the note stands on its page.
    #expect(document.notes.first?.location == SourceLocation(line: 0, page: 1))
  }

  @Test func stylesGiveBoldCapsAndNumbering() throws {
    let styles = #"""
      <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="28"/></w:rPr></w:rPrDefault></w:docDefaults>
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>
      <w:style w:type="paragraph" w:styleId="Muc"><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="MucCon"><w:basedOn w:val="Muc"/>
        <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:caps/></w:rPr></w:style>
      <w:style w:type="character" w:styleId="Nhat"><w:rPr><w:b w:val="0"/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Loop2"/></w:style>
      <w:style w:type="paragraph" w:styleId="Loop2"><w:basedOn w:val="Loop"/></w:style>
      </w:styles>
      """#
    let numbering = #"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
      + #"<w:abstractNum w:abstractNumId="1">"# + WordNumberingTests.level(0, "decimal", "%1.")
      + #"</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#
    let body = StoredZip.body(
      #"<w:p><w:pPr><w:pStyle w:val="MucCon"/></w:pPr><w:r><w:t>mục tiêu</w:t></w:r></w:p>"#
        + #"<w:p><w:pPr><w:pStyle w:val="Muc"/></w:pPr><w:r><w:t xml:space="preserve">Đậm </w:t></w:r>"#
        + #"<w:r><w:rPr><w:rStyle w:val="Nhat"/></w:rPr><w:t>nhạt</w:t></w:r></w:p>"#
        + #"<w:p><w:pPr><w:pStyle w:val="MucCon"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>không số</w:t></w:r></w:p>"#
        + #"<w:p><w:pPr><w:pStyle w:val="Loop"/></w:pPr><w:r><w:t>vòng</w:t></w:r></w:p>"#)
    let zip = StoredZip.docx(document: body, extra: [
      .init(name: "word/styles.xml", data: Array(styles.utf8)),
      .init(name: "word/numbering.xml", data: Array(numbering.utf8)),
    ])
    let paragraphs = try DOCXReader.read(zip.bytes).blocks.compactMap(\.paragraph)
    #expect(paragraphs.map(\.text) == ["MỤC TIÊU", "Đậm nhạt", "KHÔNG SỐ", "vòng"])
    #expect(paragraphs.map(\.isBold) == [true, false, true, false])
    #expect(paragraphs.map(\.numbering) == ["1.", nil, nil, nil])
  }
}
