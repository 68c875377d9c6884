import Testing
@testable import VanBanInputs

/// HTML's spans placed on the grid, without the parser in the way.
@Suite struct HTMLTableGridTests {
  static func cell(_ text: String, cols: Int = 1, rows: Int = 1) -> HTMLTableGrid.Cell {
    HTMLTableGrid.Cell(text: text, colspan: cols, rowspan: rows, line: 1)
  }

  static func row(_ cells: HTMLTableGrid.Cell...) -> HTMLTableGrid.Row { HTMLTableGrid.Row(cells: cells, line: 1) }

  /// "text[rows x cols]" per cell, "^n" for a place covered from above n columns wide.
  static func shape(_ rows: [[SourceCell]]) -> [[String]] {
    rows.map { row in row.map { c in c.isCovered ? "^\(c.colSpan)" : "\(c.text)[\(c.rowSpan)x\(c.colSpan)]" } }
  }

  @Test func rowspansLeaveCoveredPlacesInTheirColumns() {
    let rows = [
      Self.row(Self.cell("A", rows: 3), Self.cell("B"), Self.cell("C", rows: 2)),
      Self.row(Self.cell("D")),
      Self.row(Self.cell("E"), Self.cell("F")),
    ]
    #expect(Self.shape(HTMLTableGrid.resolve(rows)) == [
      ["A[3x1]", "B[1x1]", "C[2x1]"],
      ["^1", "D[1x1]", "^1"],
      ["^1", "E[1x1]", "F[1x1]"],
    ])
  }

  @Test func aWideCellSpanningDownCoversAsWideAPlace() {
    let rows = [
      Self.row(Self.cell("TT", rows: 2), Self.cell("Thời gian", cols: 2, rows: 2), Self.cell("Ghi chú")),
      Self.row(Self.cell("x")),
    ]
    #expect(Self.shape(HTMLTableGrid.resolve(rows)) == [
      ["TT[2x1]", "Thời gian[2x2]", "Ghi chú[1x1]"],
      ["^1", "^2", "x[1x1]"],
    ])
  }

  @Test func spansStopAtTheLastRowAndZeroMeansToTheEnd() {
    let rows = [
      Self.row(Self.cell("A", rows: 0), Self.cell("B", rows: 9)),
      Self.row(),
      Self.row(Self.cell("C", cols: 0)),
    ]
    #expect(Self.shape(HTMLTableGrid.resolve(rows)) == [
      ["A[3x1]", "B[3x1]"],
      ["^1", "^1"],
      ["^1", "^1", "C[1x1]"],
    ])
  }

  @Test func coveredPlacesPastTheRowsOwnCellsKeepTheirColumn() {
    // The last column spans down; the row below has no cell before it in the middle column.
    let rows = [
      Self.row(Self.cell("A"), Self.cell("B"), Self.cell("C", rows: 2)),
      Self.row(Self.cell("D")),
    ]
    let resolved = HTMLTableGrid.resolve(rows)
    #expect(Self.shape(resolved) == [["A[1x1]", "B[1x1]", "C[2x1]"], ["D[1x1]", "[1x1]", "^1"]])
  }

  @Test func absurdSpansAreBounded() {
    let resolved = HTMLTableGrid.resolve([Self.row(Self.cell("A", cols: 65_534, rows: 65_534))])
    #expect(resolved[0][0].colSpan == HTMLTableGrid.maxColspan)
    #expect(resolved[0][0].rowSpan == 1)
  }
}
