import Testing
@testable import VanBanInputs

/// The pieces that make a scan read better: its own resolution, enlarged by interpolation,
/// and the cells of its drawn tables.
@Suite struct ScanReadingTests {
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
}
