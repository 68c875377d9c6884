import Testing
@testable import VanBanInputs

@Suite struct WordTableTests {
  static let here = SourceLocation(line: 3, page: 1)

  static func cell(_ text: String, span: Int = 1, _ merge: WordCell.Merge = .none) -> WordCell {
    WordCell(text: text, gridSpan: span, merge: merge, page: 1)
  }

  static func shape(_ rows: [[SourceCell]]) -> [[String]] {
    rows.map { row in
      row.map { c in c.isCovered ? "^" : "\(c.text)[\(c.rowSpan)x\(c.colSpan)]" }
    }
  }

  @Test func verticalMergesSpanTheirColumnOnly() {
    let rows = [
      WordRow(cells: [Self.cell("A", .restart), Self.cell("B"), Self.cell("C", .restart)]),
      WordRow(cells: [Self.cell("", .continuation), Self.cell("D"), Self.cell("E")]),
      WordRow(cells: [Self.cell("", .continuation), Self.cell("F", span: 2)]),
    ]
    #expect(Self.shape(WordTable.resolve(rows, location: Self.here)) == [
      ["A[3x1]", "B[1x1]", "C[1x1]"],
      ["^", "D[1x1]", "E[1x1]"],
      ["^", "F[1x2]"],
    ])
  }

  @Test func aMergeEndsAtARowThatDoesNotContinueIt() {
    let rows = [
      WordRow(cells: [Self.cell("A", .restart), Self.cell("B")]),
      WordRow(cells: [Self.cell("C"), Self.cell("D")]),
      // A continuation with nothing open above is an ordinary cell.
      WordRow(cells: [Self.cell("E", .continuation), Self.cell("F")]),
    ]
    #expect(Self.shape(WordTable.resolve(rows, location: Self.here)) == [
      ["A[1x1]", "B[1x1]"], ["C[1x1]", "D[1x1]"], ["E[1x1]", "F[1x1]"],
    ])
  }

  @Test func gridBeforeKeepsCellsInTheirColumns() {
    let rows = [
      WordRow(cells: [Self.cell("A"), Self.cell("B", .restart)]),
      WordRow(gridBefore: 1, cells: [Self.cell("", .continuation)]),
    ]
    #expect(Self.shape(WordTable.resolve(rows, location: Self.here)) == [["A[1x1]", "B[2x1]"], ["[1x1]", "^"]])
  }

  @Test func word97HorizontalMergesWidenTheCellOnTheirLeft() {
    let rows = [WordRow(cells: [Self.cell("A"), Self.cell("", .horizontalContinuation), Self.cell("B")])]
    #expect(Self.shape(WordTable.resolve(rows, location: Self.here)) == [["A[1x2]", "B[1x1]"]])
  }

  @Test func absurdSpansAreBounded() {
    let rows = [WordRow(gridBefore: Int.max, cells: [Self.cell("A", span: Int.max), Self.cell("B", span: -4)])]
    let resolved = WordTable.resolve(rows, location: Self.here)
    #expect(resolved[0].map(\.colSpan) == [WordTable.maxSpan, WordTable.maxSpan, 1])
  }

  @Test func nestedTablesBecomeTabbedLines() {
    let rows = WordTable.resolve(
      [WordRow(cells: [Self.cell("a\nb"), Self.cell("c", .restart)]), WordRow(cells: [Self.cell("d"), Self.cell("", .continuation)])],
      location: Self.here)
    #expect(WordTable.text(of: rows) == "a b\tc\nd")
  }
}
