import Testing

@testable import VanBanInputs

@Suite struct RuleFinderTests {
  /// A white picture with the given dark boxes painted in.
  private func picture(width: Int, height: Int, dpi: Int = 72, dark: [(x0: Int, y0: Int, x1: Int, y1: Int, grey: UInt8)]) -> GrayImage {
    var bytes = [UInt8](repeating: 255, count: width * height)
    for d in dark {
      for y in d.y0...d.y1 { for x in d.x0...d.x1 { bytes[y * width + x] = d.grey } }
    }
    return GrayImage(bytes: bytes, width: width, height: height, dpi: dpi)!
  }

  @Test func eightPixelsAreWhiteOnlyWhenEachIs() {
    for position in 0..<8 {
      for value in 0...255 {
        var word: UInt64 = 0xFFFF_FFFF_FFFF_FFFF
        word &= ~(UInt64(0xFF) << (8 * position))
        word |= UInt64(value) << (8 * position)
        #expect(RuleFinder.allWhite(word) == (UInt8(value) >= RuleFinder.ink), "byte \(value) at \(position)")
      }
    }
    // Every byte just below the bound, one at a time, among pixels just at it.
    let atBound = UInt64(RuleFinder.ink) &* 0x0101_0101_0101_0101
    #expect(RuleFinder.allWhite(atBound))
    for position in 0..<8 {
      let word = atBound - (UInt64(1) << (8 * position))
      #expect(!RuleFinder.allWhite(word))
    }
  }

  @Test func gridLinesAreFoundWhereTheyAreDrawn() {
    // A 3-column grid at 72 dpi (one pixel a point): verticals 2 px wide, horizontals of
    // anti-aliased grey, and a glyph-sized blot that is no rule.
    let image = picture(
      width: 203, height: 150,
      dark: [
        (10, 20, 11, 120, 0), (70, 20, 71, 120, 0), (150, 20, 151, 120, 0), (199, 20, 200, 120, 0),
        (10, 20, 200, 20, 190), (10, 70, 200, 70, 190), (10, 120, 200, 120, 190),
        (100, 40, 108, 52, 0),
      ])
    let rules = RuleFinder.rules(in: image)
    let vertical = rules.filter(\.isVertical).map { [$0.position, $0.start, $0.end] }
    let horizontal = rules.filter { !$0.isVertical }.map { [$0.position, $0.start, $0.end] }
    #expect(vertical == [[10.5, 20, 120], [70.5, 20, 120], [150.5, 20, 120], [199.5, 20, 120]])
    #expect(horizontal == [[20, 10, 200], [70, 10, 200], [120, 10, 200]])
  }

  @Test func linesTouchingThePictureEdgesAreFound() {
    let image = picture(width: 61, height: 45, dark: [(0, 0, 0, 44, 0), (60, 0, 60, 44, 0), (0, 44, 60, 44, 0)])
    let rules = RuleFinder.rules(in: image).map { [$0.isVertical ? 1 : 0, $0.position, $0.start, $0.end] }
    #expect(rules.sorted { $0.lexicographicallyPrecedes($1) } == [[0, 44, 0, 60], [1, 0, 0, 44], [1, 60, 0, 44]])
  }

  /// The rules of a straightforward column-by-column and row-by-row walk, for comparison.
  private func reference(_ image: GrayImage, minRun: Int) -> (v: [[Int]], h: [[Int]]) {
    var v: [[Int]] = []
    var h: [[Int]] = []
    func dark(_ x: Int, _ y: Int) -> Bool { image.pixels[y * image.bytesPerRow + x] < RuleFinder.ink }
    for x in 0..<image.width {
      var run = 0
      for y in 0...image.height {
        if y < image.height, dark(x, y) { run += 1 } else {
          if run >= minRun { v.append([x, y - run, y - 1]) }
          run = 0
        }
      }
    }
    for y in 0..<image.height {
      var run = 0
      for x in 0...image.width {
        if x < image.width, dark(x, y) { run += 1 } else {
          if run >= minRun { h.append([y, x - run, x - 1]) }
          run = 0
        }
      }
    }
    return (v, h)
  }

  @Test func onePassFindsWhatTheTwoWalksFind() {
    var generator = SystemRandomNumberGenerator()
    for trial in 0..<20 {
      let width = Int.random(in: 1...90, using: &generator)
      let height = Int.random(in: 1...70, using: &generator)
      var boxes: [(x0: Int, y0: Int, x1: Int, y1: Int, grey: UInt8)] = []
      for _ in 0..<Int.random(in: 0...12, using: &generator) {
        let x0 = Int.random(in: 0..<width, using: &generator)
        let y0 = Int.random(in: 0..<height, using: &generator)
        let x1 = min(width - 1, x0 + Int.random(in: 0...40, using: &generator))
        let y1 = min(height - 1, y0 + Int.random(in: 0...3, using: &generator))
        boxes.append((x0, y0, x1, y1, UInt8.random(in: 0...255, using: &generator)))
        boxes.append((y0 % width, x0 % height, y0 % width, min(height - 1, x0 % height + 30), UInt8.random(in: 0...255, using: &generator)))
      }
      let image = picture(width: width, height: height, dark: boxes)
      for minRun in [1, 4, 9] {
        let want = reference(image, minRun: minRun)
        let got = RuleFinder.runs(in: image, minRun: minRun)
        let v = got.vertical.map { [$0.0, $0.1, $0.2] }.sorted { $0.lexicographicallyPrecedes($1) }
        let h = got.horizontal.map { [$0.0, $0.1, $0.2] }
        #expect(v == want.v && h == want.h, "trial \(trial): \(width)x\(height), runs of \(minRun)")
      }
    }
  }
}
