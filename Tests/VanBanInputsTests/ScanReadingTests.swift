import Testing
@testable import VanBanInputs

/// The pieces that make a scan read better: its own resolution, enlarged by interpolation,
/// the cells of its drawn tables, and Roman numerals counted by their strokes.
@Suite struct ScanReadingTests {
  /// A white picture with black boxes (x0, y0, x1, y1, ends excluded) drawn on it.
  static func picture(width: Int, height: Int, boxes: [(Int, Int, Int, Int)]) -> GrayImage {
    var bytes = [UInt8](repeating: 255, count: width * height)
    for (x0, y0, x1, y1) in boxes {
      for y in y0..<y1 { for x in x0..<x1 { bytes[y * width + x] = 0 } }
    }
    return GrayImage(bytes: bytes, width: width, height: height, dpi: 300)!
  }

  static func word(_ text: String, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> InputWord {
    InputWord(text: text, page: 1, box: BoundingBox(x0: x0, y0: y0, x1: x1, y1: y1), confidence: 90, lineID: 0)
  }

  @Test func scanResolutionIsThePictures() throws {
    let scan = try PopplerPDF.with(try Fixtures.bytes("scanned.pdf")) { pdf in pdf.scanResolution(page: 1) }
    let dpi = try #require(scan)
    #expect(abs(dpi - 200) < 1, "\(dpi)")
    let typed = try PopplerPDF.with(try Fixtures.bytes("text.pdf")) { pdf in pdf.scanResolution(page: 1) }
    #expect(typed == nil)
  }

  /// A 200-dpi scan is read at 300 dpi as the renderer draws it, and its cells from a copy
  /// drawn at 200 dpi and enlarged to 300 by interpolation, pixel for pixel over the page.
  @Test func lowResolutionScanHasASmoothCopyForItsCells() throws {
    let reader = PDFDocumentReader(options: OCROptions(workers: 1))
    let (page, cells) = try PopplerPDF.with(try Fixtures.bytes("scanned.pdf")) { pdf throws(InputError) in
      try reader.render(pdf, page: 1, dpi: 300)
    }
    let smooth = try #require(cells)
    #expect(page.dpi == 300 && smooth.dpi == 300)
    #expect(abs(smooth.width - page.width) <= 2 && abs(smooth.height - page.height) <= 2)
    // Interpolation leaves grey between black and white; repeating pixels of a two-level scan
    // leaves none.
    func greys(_ image: GrayImage) -> Int {
      var n = 0
      for k in 0..<(image.width * image.height) where image.pixels[k] > 40 && image.pixels[k] < 215 { n += 1 }
      return n
    }
    #expect(greys(smooth) > 1000)
    #expect(greys(smooth) > 10 * greys(page))
    let typed = try PopplerPDF.with(try Fixtures.bytes("text.pdf")) { pdf throws(InputError) in
      try reader.render(pdf, page: 1, dpi: 300)
    }
    #expect(typed.cells == nil)
  }

  @Test func scalingInterpolatesAndCarriesTheResolution() throws {
    let image = GrayImage(bytes: [0, 255, 0, 255, 0, 255, 0, 255], width: 4, height: 2, dpi: 100)!
    let big = try #require(image.scaled(by: 2))
    #expect(big.width == 8 && big.height == 4 && big.dpi == 200)
    let row = (0..<8).map { big.pixels[$0] }
    #expect(row.contains { $0 > 20 && $0 < 235 }, "\(row)")
    #expect(image.scaled(by: 10) == nil)
  }

  /// A grid of three columns and three rows whose middle column's two lower cells are merged.
  @Test func ruledCellsFollowTheGrid() {
    var rules = [
      RuleLine(isVertical: true, position: 100, start: 100, end: 400),
      RuleLine(isVertical: true, position: 140, start: 100, end: 400),
      RuleLine(isVertical: true, position: 300, start: 100, end: 400),
      RuleLine(isVertical: true, position: 400, start: 100, end: 400),
      RuleLine(isVertical: false, position: 100, start: 100, end: 400),
      RuleLine(isVertical: false, position: 400, start: 100, end: 400),
    ]
    // The rule between rows 2 and 3 stops at the merged cell, and picks up after it.
    rules.append(RuleLine(isVertical: false, position: 200, start: 100, end: 400))
    rules.append(RuleLine(isVertical: false, position: 300, start: 99, end: 141))
    rules.append(RuleLine(isVertical: false, position: 300, start: 300, end: 401))
    let cells = RuledCells.cells(rules, narrowWidth: 60)
    let first = cells.filter { $0.x0 == 100 }
    #expect(first.map(\.y0) == [100, 200, 300] && first.map(\.y1) == [200, 300, 400])
    #expect(first.allSatisfy { $0.narrow })
    let merged = cells.filter { $0.x0 == 140 }
    #expect(merged.map(\.y0) == [100, 200] && merged.map(\.y1) == [200, 400])
    #expect(!merged.contains { $0.narrow })
    #expect(cells.filter { $0.x0 == 300 }.count == 3)
    #expect(cells.count == 8)
  }

  /// Three strokes joined by serifs at top and bottom, read as "II", are three.
  @Test func romanNumeralCountedByStrokes() {
    let image = Self.picture(
      width: 80, height: 50,
      boxes: [(10, 10, 60, 13), (10, 37, 60, 40), (14, 10, 19, 40), (31, 10, 36, 40), (48, 10, 53, 40)])
    #expect(StemCount.count(in: image, box: BoundingBox(x0: 10, y0: 10, x1: 60, y1: 40)) == 3)
    #expect(StemCount.repaired(Self.word("II", 10, 10, 60, 40), in: image) == "III")
    #expect(StemCount.repaired(Self.word("IH,", 10, 10, 60, 40), in: image) == "III,")
    #expect(StemCount.repaired(Self.word("lII", 10, 10, 60, 40), in: image) == "III")
    #expect(StemCount.repaired(Self.word("III", 10, 10, 60, 40), in: image) == nil)
    // Words that are no run of strokes are left alone.
    #expect(StemCount.repaired(Self.word("ill", 10, 10, 60, 40), in: image) == nil)
    #expect(StemCount.repaired(Self.word("11", 10, 10, 60, 40), in: image) == nil)
  }

  /// An H's crossbar joins its strokes across the middle: it stays an H.
  @Test func anHIsNoNumeral() {
    let h = Self.picture(width: 60, height: 50, boxes: [(10, 10, 15, 40), (35, 10, 40, 40), (10, 22, 40, 26)])
    #expect(StemCount.count(in: h, box: BoundingBox(x0: 10, y0: 10, x1: 40, y1: 40)) == nil)
    #expect(StemCount.repaired(Self.word("H", 10, 10, 40, 40), in: h) == nil)
    let ii = Self.picture(width: 60, height: 50, boxes: [(10, 10, 15, 40), (35, 10, 40, 40)])
    #expect(StemCount.repaired(Self.word("H", 10, 10, 40, 40), in: ii) == "II")
  }
}
