/// A cell of a drawn table: the box between two neighbouring vertical rules and two
/// neighbouring horizontal rules that cross both, in the rules' units.
struct RuledCell: Equatable {
  var x0: Double
  var y0: Double
  var x1: Double
  var y1: Double
  /// In a column no wider than the caller's narrow width.
  var narrow: Bool
}

/// The cells a page's rules enclose. A cell merged down several rows is one cell, since no
/// horizontal rule crosses it; one merged across columns is left out, since a vertical rule
/// runs through it only where the grid has one.
enum RuledCells {
  /// How far a rule may fall short of a crossing rule and still meet it (a few pixels at
  /// 100–300 dpi): rules drawn by Word and by browsers end at the border's middle or edge.
  static let reach = 3.0
  /// Thinner than this (in the rules' units) is two strokes of one rule, not a row.
  static let minSide = 6.0

  static func cells(_ rules: [RuleLine], narrowWidth: Double) -> [RuledCell] {
    let vertical = rules.filter(\.isVertical).sorted { $0.position < $1.position }
    let horizontal = rules.filter { !$0.isVertical }.sorted { $0.position < $1.position }
    var out: [RuledCell] = []
    for (k, left) in vertical.enumerated() {
      // The next vertical rule to the right that runs beside this one.
      guard let right = vertical[(k + 1)...].first(where: {
        $0.position - left.position > minSide
          && min($0.end, left.end) - max($0.start, left.start) > 0.8 * min($0.length, left.length)
      }) else { continue }
      let top = max(left.start, right.start) - reach
      let bottom = min(left.end, right.end) + reach
      var ys: [Double] = []
      for h in horizontal
      where h.start <= left.position + reach && h.end >= right.position - reach && h.position >= top
        && h.position <= bottom
      {
        if let last = ys.last, h.position - last < minSide { continue }
        ys.append(h.position)
      }
      let narrow = right.position - left.position <= narrowWidth
      for (a, b) in zip(ys, ys.dropFirst()) {
        out.append(RuledCell(x0: left.position, y0: a, x1: right.position, y1: b, narrow: narrow))
      }
    }
    return out
  }
}
