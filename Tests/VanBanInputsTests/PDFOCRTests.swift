import Testing
@testable import VanBanInputs

/// PDFs read through OCR: a scan, a page whose text layer is garbage, and the modes.
@Suite struct PDFOCRTests {
  /// Words any decent reading of the scanned page has, diacritics and all.
  static let expected = ["KẾ", "HOẠCH", "CỘNG", "HÒA", "Hạnh", "phúc", "nhà", "nước", "dụng"]

  static func missing(_ expected: [String], from page: PageWords) -> [String] {
    let texts = Set(page.words.map(\.text))
    return expected.filter { !texts.contains($0) }
  }

  @Test func scanIsOCRedInAutoMode() throws {
    let reading = try PDFDocumentReader().read(try Fixtures.bytes("scanned.pdf"))
    #expect(reading.ocrPages == [1])
    #expect(reading.notes.isEmpty)
    try #require(reading.pages.count == 1)
    let page = reading.pages[0]
    #expect(Self.missing(Self.expected, from: page).isEmpty, "missing \(Self.missing(Self.expected, from: page))")
    // Boxes in points, like a text layer's.
    #expect(abs(page.width - 595) < 2 && abs(page.height - 842) < 2)
    for w in page.words {
      #expect(w.box.x0 >= 0 && w.box.x1 <= page.width + 1 && w.box.y0 >= 0 && w.box.y1 <= page.height + 1)
      #expect(w.page == 1)
    }
    #expect(page.words.filter { !$0.text.isEmpty }.allSatisfy { $0.confidence >= 0 })
    // The issuer and the motto stand on one band of the head.
    let issuer = try #require(page.words.first { $0.text == "ỦY" })
    let motto = try #require(page.words.first { $0.text == "CỘNG" })
    #expect(abs((issuer.box.y0 + issuer.box.y1) / 2 - (motto.box.y0 + motto.box.y1) / 2) < 4)
  }

  @Test func neverModeNotesTheScanAndReadsNothing() throws {
    let reader = PDFDocumentReader(options: OCROptions(mode: .never))
    let reading = try reader.read(try Fixtures.bytes("scanned.pdf"))
    #expect(reading.ocrPages.isEmpty)
    #expect(reading.pages.count == 1 && reading.pages[0].words.isEmpty)
    #expect(reading.notes.map(\.code) == ["input.ocr_off"])
    #expect(reading.notes.first?.location.page == 1)
  }

  @Test func garbageTextLayerIsReplacedByOCR() throws {
    let reading = try PDFDocumentReader().read(try Fixtures.bytes("garbage.pdf"))
    #expect(reading.ocrPages == [2])
    #expect(reading.notes.map(\.code) == ["input.text_layer_unusable"])
    #expect(reading.notes.first?.location.page == 2)
    try #require(reading.pages.count == 2)
    // Page 1 keeps its text layer.
    #expect(reading.pages[0].words.allSatisfy { $0.confidence == -1 })
    #expect(reading.pages[0].words.contains { $0.text == "HOẠCH" })
    let ocr = reading.pages[1]
    #expect(Self.missing(Self.expected, from: ocr).isEmpty, "missing \(Self.missing(Self.expected, from: ocr))")
    #expect(!ocr.words.contains { $0.text == "Céng" || $0.text == "ViÖt" })
  }

  @Test func neverModeKeepsAGarbageLayerWithANote() throws {
    let reading = try PDFDocumentReader(options: OCROptions(mode: .never)).read(try Fixtures.bytes("garbage.pdf"))
    #expect(reading.ocrPages.isEmpty)
    #expect(reading.notes.map(\.code) == ["input.ocr_off"])
    #expect(reading.notes.first?.location.page == 2)
    #expect(reading.pages[1].words.contains { $0.text == "Céng" })
  }

  /// A signed scan: the stamp's dozen words are real text, the page is a picture.
  @Test func stampedScanIsOCRedDespiteItsText() throws {
    let bytes = try Fixtures.bytes("stamped.pdf")
    let layer = try PDFDocumentReader().textLayer(bytes)
    try #require(layer.count == 1)
    #expect(layer[0].check.isUsable && layer[0].check.counted < 20)
    #expect((layer[0].imageShare ?? 0) > 0.9)
    #expect(layer[0].ocrReason == .sparseTextOverPicture)
    let reading = try PDFDocumentReader().read(bytes)
    #expect(reading.ocrPages == [1])
    #expect(reading.notes.map(\.code) == ["input.text_layer_sparse"])
    #expect(Self.missing(Self.expected, from: reading.pages[0]).isEmpty)
    let never = try PDFDocumentReader(options: OCROptions(mode: .never)).read(bytes)
    #expect(never.notes.map(\.code) == ["input.ocr_off"])
    #expect(never.pages[0].words.map(\.text).prefix(3) == ["Ký", "bởi:", "Sở"])
  }

  @Test func typedPagesAreNotAskedForPictures() throws {
    let layer = try PDFDocumentReader().textLayer(try Fixtures.bytes("text.pdf"))
    #expect(layer[0].imageShare == nil)
    // The table page has few words, so it is asked, and has no picture.
    #expect(layer[1].imageShare == 0)
    #expect(layer.allSatisfy { $0.ocrReason == nil })
  }

  @Test func alwaysModeOCRsEveryPageInParallel() throws {
    let reader = PDFDocumentReader(options: OCROptions(mode: .always, dpi: 200, workers: 2))
    let reading = try reader.read(try Fixtures.bytes("text.pdf"))
    #expect(reading.ocrPages == [1, 2])
    #expect(reading.notes.isEmpty)
    #expect(reading.pages.map(\.page) == [1, 2])
    #expect(reading.pages[0].words.contains { $0.text == "HOẠCH" && $0.confidence >= 0 })
    #expect(reading.pages[1].words.contains { $0.text == "Quý" })
  }

  @Test func aLargePageIsRenderedAtALowerResolution() {
    let reader = PDFDocumentReader(options: OCROptions(dpi: 300, maxPixels: 10_000_000))
    #expect(reader.renderDPI((595, 842)) == 300)
    // A0 (2384 x 3370 points) at 300 dpi would be 139 million pixels.
    let a0 = reader.renderDPI((2384, 3370))
    #expect(a0 != nil && a0! < 300 && a0! >= 50)
    #expect(reader.renderDPI((100_000, 100_000)) == nil)
    #expect(reader.renderDPI((0, 842)) == nil)
    #expect(reader.renderDPI(nil) == nil)
  }
}
