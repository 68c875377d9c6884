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
    var vertical: [(x: Int, y0: Int, y1: Int)] = []
    var horizontal: [(y: Int, x0: Int, x1: Int)] = []
    let p = image.pixels
    let stride = image.bytesPerRow
    // Vertical runs, column by column.
    for x in 0..<image.width {
      var run = 0
      for y in 0...image.height {
        if y < image.height, p[y * stride + x] < ink {
          run += 1
        } else {
          if run >= minRun { vertical.append((x, y - run, y - 1)) }
          run = 0
        }
      }
    }
    for y in 0..<image.height {
      var run = 0
      let row = p + y * stride
      for x in 0...image.width {
        if x < image.width, row[x] < ink {
          run += 1
        } else {
          if run >= minRun { horizontal.append((y, x - run, x - 1)) }
          run = 0
        }
      }
    }
    var out: [RuleLine] = []
    // Runs in neighbouring columns (rows) that overlap along their length are one rule.
    for group in merge(vertical.map { ($0.x, $0.y0, $0.y1) }) {
      out.append(RuleLine(isVertical: true, position: group.at * scale, start: Double(group.lo) * scale, end: Double(group.hi) * scale))
    }
    for group in merge(horizontal.map { ($0.y, $0.x0, $0.x1) }) {
      out.append(RuleLine(isVertical: false, position: group.at * scale, start: Double(group.lo) * scale, end: Double(group.hi) * scale))
    }
    return out
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
