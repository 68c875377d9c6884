/// A straight line drawn on a page: a table's border or grid line, in points, y downwards.
public struct RuleLine: Sendable, Equatable {
  public var isVertical: Bool
  /// x of a vertical rule, y of a horizontal one.
  public var position: Double
  /// Where it starts and ends along its length.
  public var start: Double
  public var end: Double

  public init(isVertical: Bool, position: Double, start: Double, end: Double) {
    self.isVertical = isVertical
    self.position = position
    self.start = start
    self.end = end
  }

  public var length: Double { end - start }
}

/// The lines a table's grid draws, found on a rendered page: a PDF's text layer gives the
/// words but not the borders, and without the borders two narrow columns whose words nearly
/// touch read as one. A rule is a run of dark pixels much longer than any glyph's stroke.
public enum RuleFinder {
  /// A pixel darker than this is ink: anti-aliased hairlines render grey.
  static let ink: UInt8 = 215

  /// Rules at least `minLength` points long; thick or anti-aliased rules (several pixels
  /// wide) are one rule, at their middle. In points (a PDF page's units), or with `inPixels`
  /// in the picture's pixels (an image file's words are in pixels).
  public static func rules(in image: GrayImage, minLength: Double = 20, inPixels: Bool = false) -> [RuleLine] {
    guard image.width > 0, image.height > 0 else { return [] }
    let toPoints = image.dpi > 0 ? 72 / Double(image.dpi) : 1
    let scale = inPixels ? 1 : toPoints
    let minRun = max(4, Int(minLength / toPoints))
    let (vertical, horizontal) = runs(in: image, minRun: minRun)
    var out: [RuleLine] = []
    // Runs in neighbouring columns (rows) that overlap along their length are one rule.
    for group in merge(vertical) {
      out.append(RuleLine(isVertical: true, position: group.at * scale, start: Double(group.lo) * scale, end: Double(group.hi) * scale))
    }
    for group in merge(horizontal) {
      out.append(RuleLine(isVertical: false, position: group.at * scale, start: Double(group.lo) * scale, end: Double(group.hi) * scale))
    }
    return out
  }

  /// The runs of ink at least `minRun` pixels long: vertical ones as (x, first y, last y),
  /// horizontal ones as (y, first x, last x).
  static func runs(in image: GrayImage, minRun: Int) -> (vertical: [(Int, Int, Int)], horizontal: [(Int, Int, Int)]) {
    var vertical: [(x: Int, y0: Int, y1: Int)] = []
    var horizontal: [(y: Int, x0: Int, x1: Int)] = []
    let p = image.pixels
    let stride = image.bytesPerRow
    let width = image.width
    // One pass, row by row (the picture's own order: a column-by-column walk missed the cache
    // on every pixel): horizontal runs along the row, vertical runs counted per column. Most of
    // a page is white, and eight white pixels with no vertical run open under them are passed
    // in one step.
    var runs = [Int32](repeating: 0, count: width)
    var open = [UInt8](repeating: 0, count: width + 8)
    runs.withUnsafeMutableBufferPointer { runs in
      open.withUnsafeMutableBufferPointer { open in
        let openRaw = UnsafeRawPointer(open.baseAddress!)
        func close(_ x: Int, at y: Int) {
          let run = Int(runs[x])
          if run >= minRun { vertical.append((x, y - run, y - 1)) }
          runs[x] = 0
          open[x] = 0
        }
        for y in 0..<image.height {
          let row = p + y * stride
          let rowRaw = UnsafeRawPointer(row)
          var hrun = 0
          var x = 0
          while x < width {
            if x + 8 <= width, Self.allWhite(rowRaw.loadUnaligned(fromByteOffset: x, as: UInt64.self)) {
              if hrun >= minRun { horizontal.append((y, x - hrun, x - 1)) }
              hrun = 0
              if openRaw.loadUnaligned(fromByteOffset: x, as: UInt64.self) != 0 {
                for k in x..<(x + 8) where open[k] != 0 { close(k, at: y) }
              }
              x += 8
              continue
            }
            if row[x] < ink {
              hrun += 1
              runs[x] += 1
              open[x] = 1
            } else {
              if hrun >= minRun { horizontal.append((y, x - hrun, x - 1)) }
              hrun = 0
              if open[x] != 0 { close(x, at: y) }
            }
            x += 1
          }
          if hrun >= minRun { horizontal.append((y, width - hrun, width - 1)) }
        }
        for x in 0..<width where open[x] != 0 { close(x, at: image.height) }
      }
    }
    return (vertical, horizontal)
  }

  /// Whether all eight pixels of `word` are at least `ink` (white enough): the high bit set,
  /// and the low seven bits at least `ink - 128`, which adding `256 - ink` carries into bit 7
  /// (never further: the low seven bits plus that stay below 256).
  @inline(__always)
  static func allWhite(_ word: UInt64) -> Bool {
    let highs: UInt64 = 0x8080_8080_8080_8080
    let add = UInt64(0 &- ink) &* 0x0101_0101_0101_0101
    return word & ((word & 0x7F7F_7F7F_7F7F_7F7F) &+ add) & highs == highs
  }

  /// Runs (across position, along-start, along-end), sorted by position, merged where they
  /// stand within two pixels of each other across and overlap along.
  private static func merge(_ runs: [(Int, Int, Int)]) -> [(at: Double, lo: Int, hi: Int)] {
    var groups: [(first: Int, last: Int, lo: Int, hi: Int)] = []
    // Groups a run may still join: those that reached within two pixels of it. Kept apart so
    // that a page of photograph (thousands of long dark runs) is not searched whole each time.
    var active: [Int] = []
    for (at, lo, hi) in runs.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
      active.removeAll { at - groups[$0].last > 2 }
      if let k = active.last(where: { lo <= groups[$0].hi && hi >= groups[$0].lo }) {
        groups[k].last = at
        groups[k].lo = min(groups[k].lo, lo)
        groups[k].hi = max(groups[k].hi, hi)
      } else {
        groups.append((at, at, lo, hi))
        active.append(groups.count - 1)
      }
    }
    return groups.map { (Double($0.first + $0.last) / 2, $0.lo, $0.hi) }
  }
}
