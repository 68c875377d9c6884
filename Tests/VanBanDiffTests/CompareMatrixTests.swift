import Foundation
import Testing
import VanBanModel
@testable import VanBanDiff

struct CompareMatrixTests {
  static func seeds() throws -> [Plan] {
    try ["000", "001", "002", "003", "004"].map(Repo.golden)
  }

  @Test func fiveSeedsSortedBySharing() throws {
    let plans = try Self.seeds()
    let matrix = CompareMatrix(plans)
    #expect(matrix.columns.count == 5)
    #expect(matrix.rows.count > 0)
    let counts = matrix.rows.map(\.count)
    #expect(counts == counts.sorted(by: >))
    #expect(matrix.rows.first?.count == counts.max())
    print("compare: \(matrix.rows.count) rows; shared by [5,4,3,2,1] plans: \((1...5).reversed().map { n in counts.filter { $0 == n }.count })")
    for row in matrix.rows.prefix(5) { print("  \(row.count) \(row.indicator)") }
    // Every target lands in exactly one cell.
    #expect(matrix.rows.reduce(0) { $0 + $1.count } == plans.reduce(0) { $0 + $1.targets.count })
    // The adult population's access to digital services is in 000, 001, 002 and 003.
    let adults = matrix.rows.first { IndicatorWords.exactKey($0.indicator).contains("dan so truong thanh tiep can") }
    #expect(adults?.count == 4)
  }

  @Test func csvQuotesAndJSONParses() throws {
    let matrix = CompareMatrix(try Self.seeds())
    let csv = matrix.csv()
    let lines = csv.split(separator: "\r\n")
    #expect(lines.count == matrix.rows.count + 1)
    #expect(lines[0].hasPrefix("\u{FEFF}indicator,unit,plans,"))
    #expect(csv.contains("\"Dân số trưởng thành tiếp cận dịch vụ số trong y tế, giáo dục, bảo hiểm, giao thông\""))
    let object = try JSONSerialization.jsonObject(with: Data(matrix.json())) as? [String: Any]
    #expect((object?["rows"] as? [Any])?.count == matrix.rows.count)
    #expect((object?["plans"] as? [Any])?.count == 5)
  }

  @Test func manyPlansStayFast() throws {
    let seeds = try Self.seeds()
    let plans = (0..<200).map { i in
      var p = seeds[i % seeds.count]
      p.source.name = "plan-\(i)"
      return p
    }
    let start = Date()
    let matrix = CompareMatrix(plans)
    let seconds = Date().timeIntervalSince(start)
    print("compare of 200 plans: \(String(format: "%.2f", seconds)) s, \(matrix.rows.count) rows")
    #expect(matrix.rows.first?.count ?? 0 >= 80)
    #expect(seconds < 60)
  }
}
