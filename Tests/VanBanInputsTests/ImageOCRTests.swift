#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Testing
@testable import VanBanInputs

/// Picture files read by OCR, and one page recognised directly.
@Suite struct ImageOCRTests {
  static let expected = ["KẾ", "HOẠCH", "CỘNG", "HÒA", "Hạnh", "phúc", "nhà", "nước", "dụng"]

  static func missing(_ page: PageWords) -> [String] {
    let texts = Set(page.words.map(\.text))
    return expected.filter { !texts.contains($0) }
  }

  @Test func pngPageIsRecognised() throws {
    let reading = try ImageDocumentReader().read(try Fixtures.bytes("page.png"))
    #expect(reading.notes.isEmpty)
    try #require(reading.pages.count == 1)
    let page = reading.pages[0]
    #expect(page.width == 1653 && page.height == 1052)
    #expect(Self.missing(page).isEmpty, "missing \(Self.missing(page))")
    for w in page.words {
      #expect(w.box.x0 >= 0 && w.box.x1 <= page.width && w.box.y0 >= 0 && w.box.y1 <= page.height)
    }
    // Tesseract's text lines: the words of one line share an id.
    let happiness = try #require(page.words.first { $0.text == "Hạnh" })
    let independence = try #require(page.words.first { $0.text == "Độc" })
    let title = try #require(page.words.first { $0.text == "HOẠCH" })
    #expect(happiness.lineID == independence.lineID)
    #expect(happiness.lineID != title.lineID)
  }

  /// A picture leptonica cannot decode fails as damaged before any engine is made. With one
  /// worker an engine is made on the calling thread, so this thread's CPU time would show it:
  /// the failed read must cost less than half of making one engine here.
  @Test func undecodablePictureStartsNoEngine() throws {
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
      + [UInt8](repeating: 0, count: 64)
    let reader = ImageDocumentReader(options: OCROptions(workers: 1))
    func threadSeconds() -> Double {
      var t = timespec()
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
      return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    _ = try? reader.read(png)  // the libraries load on the first picture
    let before = threadSeconds()
    do {
      _ = try reader.read(png)
      Issue.record("an undecodable picture was read")
    } catch {
      guard case .damaged(let message) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(message.contains("cannot be decoded"))
    }
    let failedRead = threadSeconds() - before
    let engineStart = threadSeconds()
    _ = try TesseractEngine(language: "vie", orientationDetection: true)
    let engine = threadSeconds() - engineStart
    #expect(failedRead < engine / 2, "failed read \(failedRead) s, one engine \(engine) s")
  }

  @Test(arguments: [OCROrientation.detect, .byConfidence])
  func sidewaysPngIsTurnedUpright(orientation: OCROrientation) throws {
    let reader = ImageDocumentReader(options: OCROptions(workers: 1, orientation: orientation))
    let reading = try reader.read(try Fixtures.bytes("rotated.png"))
    #expect(reading.notes.map(\.code) == ["input.page_turned"])
    #expect(reading.notes.first?.message.contains("270°") == true)
    try #require(reading.pages.count == 1)
    let page = reading.pages[0]
    // Upright again: landscape, as page.png is.
    #expect(page.width == 1653 && page.height == 1052)
    #expect(Self.missing(page).isEmpty, "missing \(Self.missing(page))")
  }

  /// Tesseract still reads the vertical lines, but the boxes stand in the sideways frame.
  @Test func orientationOffLeavesTheSidewaysPageAsItIs() throws {
    let reader = ImageDocumentReader(options: OCROptions(workers: 1, orientation: .off))
    let reading = try reader.read(try Fixtures.bytes("rotated.png"))
    #expect(reading.notes.isEmpty)
    try #require(reading.pages.count == 1)
    #expect(reading.pages[0].width == 1052 && reading.pages[0].height == 1653)
    let title = try #require(reading.pages[0].words.first { $0.text == "HOẠCH" })
    #expect(title.box.y1 - title.box.y0 > title.box.x1 - title.box.x0)
  }

  /// A rendered page turned half way (its bytes reversed), with OSD and with trial readings.
  @Test(arguments: [true, false])
  func upsideDownPageIsTurnedHalfWay(osd: Bool) throws {
    let image = try PopplerPDF.with(try Fixtures.bytes("text.pdf")) { pdf throws(InputError) in
      try pdf.render(page: 1, dpi: 150, maxPixels: 10_000_000)
    }
    #expect(image.bytesPerRow == image.width && image.dpi == 150)
    let reversed = Array(UnsafeBufferPointer(start: image.pixels, count: image.width * image.height).reversed())
    let flipped = try #require(GrayImage(bytes: reversed, width: image.width, height: image.height, dpi: 150))
    let page = try PageOCR.recognize(flipped, page: 1, engine: try TesseractEngine(orientationDetection: osd))
    #expect(page.rotation == 180)
    #expect(page.words.words.contains { $0.text == "HOẠCH" })
    #expect(page.words.width == Double(image.width))
  }

  @Test func multiPageTiffGivesEachPage() throws {
    let reading = try ImageDocumentReader(options: OCROptions(workers: 2)).read(try Fixtures.bytes("pages.tiff"))
    #expect(reading.notes.isEmpty)
    #expect(reading.pages.map(\.page) == [1, 2])
    guard reading.pages.count == 2 else { return }
    #expect(Self.missing(reading.pages[0]).isEmpty)
    #expect(reading.pages[1].height == 400)
    #expect(reading.pages[1].words.contains { $0.text == "dụng" })
    #expect(reading.pages[1].words.allSatisfy { $0.page == 2 })
  }

  @Test func jpegIsRecognised() throws {
    let reading = try ImageDocumentReader().read(try Fixtures.bytes("page.jpg"))
    try #require(reading.pages.count == 1)
    #expect(reading.pages[0].words.contains { $0.text == "HOẠCH" })
  }

  @Test func neverModeReadsNoPicture() throws {
    let reading = try ImageDocumentReader(options: OCROptions(mode: .never)).read(try Fixtures.bytes("page.png"))
    #expect(reading.pages.isEmpty)
    #expect(reading.notes.map(\.code) == ["input.ocr_off"])
  }

  @Test func brokenPicturesFailWithoutCrashing() throws {
    let png = try Fixtures.bytes("page.png")
    // A signature and nothing behind it.
    #expect(throws: InputError.self) { try ImageDocumentReader().read(Array(png.prefix(40))) }
    #expect(throws: InputError.self) { try ImageDocumentReader().read(Array("not a picture at all".utf8)) }
    // Cut in half: found before libpng sees it.
    #expect(throws: InputError.self) { try ImageDocumentReader(options: OCROptions(workers: 1)).read(Array(png.prefix(png.count / 2))) }
    let tiff = try Fixtures.bytes("pages.tiff")
    _ = try? ImageDocumentReader(options: OCROptions(workers: 1)).read(Array(tiff.prefix(tiff.count * 3 / 4)))
  }

  @Test func blankPageHasNoWords() throws {
    let engine = try TesseractEngine()
    let white = try #require(GrayImage(bytes: [UInt8](repeating: 255, count: 600 * 400), width: 600, height: 400, dpi: 300))
    let page = try PageOCR.recognize(white, page: 3, engine: engine)
    #expect(page.words.words.isEmpty)
    #expect(page.words.page == 3 && page.rotation == 0)
    #expect(GrayImage(bytes: [1, 2, 3], width: 2, height: 2) == nil)
  }

  @Test func missingLanguageDataNamesThePackage() {
    #expect(throws: InputError.missingTool(
      "OCR needs Tesseract's 'xx' data: install tesseract-ocr-xx, or set TESSDATA_PREFIX to the folder holding xx.traineddata")
    ) { try TesseractEngine(language: "xx") }
    #expect(throws: InputError.self) { try TesseractEngine(language: "../etc/passwd") }
    #expect(TesseractEngine.tessdataFolder(language: "vie") != nil)
  }
}

/// The medians and percentiles of page layout, found by selection, against a full sort.
@Suite struct OrderStatisticTests {
  /// Every rank of arrays of every length up to 300, with ties, zeros of both signs,
  /// negatives and infinities, in orders that are sorted, reversed and shuffled.
  @Test func selectionGivesTheSortedValue() {
    var state: UInt64 = 0x243F_6A88_85A3_08D3
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 33
    }
    let specials: [Double] = [0, -0.0, .infinity, -.infinity, 1, -1, 12.5]
    for count in 1...300 {
      for shape in 0..<4 {
        var values: [Double] = (0..<count).map { _ in
          let r = next()
          if r % 7 == 0 { return specials[Int(r / 7 % UInt64(specials.count))] }
          // Few distinct values in half the shapes, so ranks fall among ties.
          return shape % 2 == 0 ? Double(r % 5) : Double(r % 100_000) / 7
        }
        if shape == 2 { values.sort() }
        if shape == 3 { values.sort(by: >) }
        let sorted = values.sorted()
        for k in 0..<count where k % max(1, count / 40) == 0 || k == count - 1 {
          #expect(ocrOrderStatistic(values, k) == sorted[k], "count \(count), shape \(shape), k \(k)")
        }
      }
    }
    #expect(ocrMedian([3, 1, 2]) == 2)
    #expect(ocrPercentile((0..<100).map(Double.init), 0.25) == 24)
  }

  /// Values all equal (a `pdftotext -layout` dump's word heights) answer without selection;
  /// one value that differs, wherever it stands, must still be found at its rank.
  @Test func equalValuesAndOneOther() {
    for x in [30.0, 0, -0.0, .infinity, -.infinity, -2.5] {
      for count in [1, 2, 15, 16, 17, 100] {
        let same = Array(repeating: x, count: count)
        for k in 0..<count { #expect(ocrOrderStatistic(same, k) == x, "\(x) × \(count), k \(k)") }
        for other in [x - 1, x + 1, .nan] where !(other == x) && count > 1 {
          for at in [0, count / 2, count - 1] {
            var values = same
            values[at] = other
            guard !other.isNaN else {
              // A NaN leaves the answer to the sort, as before.
              for k in 0..<count { #expect(ocrOrderStatistic(values, k).bitPattern == values.sorted()[k].bitPattern) }
              continue
            }
            let sorted = values.sorted()
            for k in 0..<count { #expect(ocrOrderStatistic(values, k) == sorted[k], "\(x), other \(other) at \(at), k \(k)") }
          }
        }
      }
    }
  }
}
