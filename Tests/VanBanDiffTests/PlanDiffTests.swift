import Foundation
import Testing
import VanBan
import VanBanModel
@testable import VanBanDiff

struct PlanDiffTests {
  @Test(arguments: Repo.allSeedTexts())
  func diffWithItselfIsEmpty(url: URL) throws {
    let plan = try Repo.parsed(url)
    let diff = PlanDiff(plan, plan)
    #expect(diff.isEmpty, "\(diff.text())")
    #expect(diff.targets.pairs.count == plan.targets.count)
    #expect(diff.tasks.pairs.count == plan.tasks.count)
  }

  @Test(arguments: Repo.allSeedTexts())
  func diffThroughJSONRoundTripIsEmpty(url: URL) throws {
    let plan = try Repo.parsed(url)
    let back = try PlanDecoding.decode(plan.json())
    let diff = PlanDiff(plan, back)
    #expect(diff.isEmpty, "\(diff.text())")
  }

  @Test func unknownSchemaVersionIsRefused() {
    let bytes = Array(#"{"schema_version": "2", "targets": []}"#.utf8)
    #expect(PlanDecoding.looksLikeJSON(bytes))
    #expect(throws: PlanDecoding.Failure.self) { try PlanDecoding.decode(bytes) }
    #expect(!PlanDecoding.looksLikeJSON(Array("UBND XÃ {".utf8)))
  }

  // MARK: direction

  @Test func directions() {
    #expect(Direction.compare(value(.ge, 90), value(.ge, 95)) == .tighter)
    #expect(Direction.compare(value(.eq, 100), value(.eq, 95)) == .looser)
    #expect(Direction.compare(value(.top, 30), value(.top, 20)) == .tighter)
    #expect(Direction.compare(value(.le, 5), value(.le, 3)) == .tighter)
    #expect(Direction.compare(value(.le, 3), value(.le, 5)) == .looser)
    // `=` reads as the level to reach: same number, same ambition.
    #expect(Direction.compare(value(.eq, 95), value(.ge, 95)) == nil)
    #expect(Direction.compare(value(.eq, 90), value(.ge, 95)) == .tighter)
    #expect(Direction.compare(value(.ge, 80), value(.gt, 80)) == .tighter)
    #expect(Direction.compare(value(.eq, 5), value(.le, 3)) == .tighter)
    #expect(Direction.compare(value(.ge, 5), value(.le, 3)) == nil)
    #expect(Direction.compare(value(.top, 30), value(.ge, 30)) == nil)
    #expect(Direction.compare(value(.ge, 90), TargetValue(year: 2026, op: .ge, value: nil, text: "?")) == nil)
  }

  @Test func valueChangeReportsDirectionPerYear() {
    let a = target("Tỷ lệ hồ sơ TTHC xử lý trực tuyến", [value(.ge, 90, year: 2026), value(.ge, 95, year: 2030)])
    let b = target("Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến", [value(.ge, 95, year: 2026), value(.ge, 95, year: 2030)])
    let changes = PlanDiff.targetChanges(a, b)
    #expect(changes.count == 1)
    #expect(changes.first?.field == "values")
    #expect(changes.first?.year == 2026)
    #expect(changes.first?.direction == .tighter)
  }

  @Test func yearUnitAndLeadChanges() {
    var a = target("Tỷ lệ phủ sóng 5G", [value(.eq, 100, year: 2026)], unit: "%")
    var b = target("Tỷ lệ phủ sóng 5G", [value(.ge, 45, year: 2030)], unit: "Điểm")
    a.lead = ["Phòng Văn hóa - Xã hội"]
    b.lead = ["Phòng Kinh tế"]
    let fields = PlanDiff.targetChanges(a, b).map(\.field)
    #expect(fields.sorted() == ["lead", "unit", "values", "year"])
    #expect(PlanDiff.targetChanges(a, b).first { $0.field == "values" }?.direction == .looser)
  }

  @Test func extraYearIsNotAChangeAndPercentOfIsPercent() {
    let a = target("Tỷ lệ phủ sóng 5G", [value(.ge, 60, year: 2026)], unit: "%")
    let b = target("Tỷ lệ phủ sóng 5G", [value(.ge, 60, year: 2026), value(.eq, 100, year: 2030)], unit: "% dân số")
    #expect(PlanDiff.targetChanges(a, b).isEmpty)
  }

  // MARK: outline

  static func section(_ path: String, _ title: String, _ children: [Section] = []) -> Section {
    Section(label: String(path.split(separator: "/").last ?? ""), title: title, path: path, children: children, line: 1)
  }

  @Test func renumberingIsAMove() {
    let a = [
      Self.section("I", "MỤC ĐÍCH, YÊU CẦU"),
      Self.section("II", "MỤC TIÊU", [Self.section("II/1", "Mục tiêu chung"), Self.section("II/2", "Mục tiêu cụ thể")]),
      Self.section("III", "TỔ CHỨC THỰC HIỆN"),
    ]
    let b = [
      Self.section("I", "MỤC TIÊU", [Self.section("I/1", "Mục tiêu chung"), Self.section("I/2", "Mục tiêu cụ thể")]),
      Self.section("II", "KINH PHÍ THỰC HIỆN"),
      Self.section("III", "Tổ chức thực hiện"),
    ]
    let changes = OutlineDiff.changes(a, b)
    #expect(changes.contains { $0.op == .moved && $0.a == "II MỤC TIÊU" && $0.b == "I MỤC TIÊU" })
    // The children keep their numbers under the moved parent: only the parent is reported.
    #expect(!changes.contains { $0.a?.hasPrefix("II/1") == true })
    #expect(changes.contains { $0.op == .removed && $0.a == "I MỤC ĐÍCH, YÊU CẦU" })
    #expect(changes.contains { $0.op == .added && $0.b == "II KINH PHÍ THỰC HIỆN" })
    // Only case differs: neither renamed nor moved.
    #expect(!changes.contains { $0.b == "III Tổ chức thực hiện" })
    #expect(changes.count == 3)
  }

  @Test func renamedSection() {
    let a = [Self.section("I", "Phát triển hạ tầng số, ứng dụng, dịch vụ số")]
    let b = [Self.section("I", "Phát triển hạ tầng số và dịch vụ số")]
    let changes = OutlineDiff.changes(a, b)
    #expect(changes.map(\.op) == [.renamed])
  }

  // MARK: output

  @Test func jsonFollowsSpec() throws {
    let a = try Repo.golden("001")
    let b = try Repo.golden("002")
    let diff = PlanDiff(a, b)
    let object = try JSONSerialization.jsonObject(with: Data(diff.json())) as? [String: Any]
    #expect(object?["schema_version"] as? String == "1")
    let targets = object?["targets"] as? [String: Any]
    let pairs = targets?["pairs"] as? [[String: Any]]
    #expect(pairs?.count == diff.targets.pairs.count)
    let first = pairs?.first
    #expect((first?["a"] as? [String: Any])?["line"] as? Int == diff.targets.pairs.first?.a.line)
    #expect(["same", "changed"].contains(first?["status"] as? String ?? ""))
    #expect(object?["sections"] is [Any])
    #expect((object?["tasks"] as? [String: Any])?["only_a"] is [Any])
    // PII rank: Top 30 → nothing in 001; HDI only in 002.
    #expect(diff.targets.onlyB.contains { $0.indicator.contains("HDI") })
  }

  @Test func htmlEscapesEverything() {
    let evil = "<script>alert('x')</script> & \"quoted\""
    var plan = Plan(source: Source(name: "<b>a.txt", sha256: "0", bytes: 0, encoding: "utf-8", lineCount: 1))
    plan.targets = [target(evil, [TargetValue(year: 2026, op: .ge, value: 1, text: "<i>≥ 1</i>")])]
    let other = Plan(source: Source(name: "b.txt", sha256: "1", bytes: 0, encoding: "utf-8", lineCount: 1))
    for html in [PlanDiff(plan, other).html(), PlanDiff(other, plan).html(), CompareMatrix([plan, other]).html()] {
      #expect(!html.contains("<script"))
      #expect(!html.contains("<i>"))
      #expect(!html.contains("<b>a.txt"))
      #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"))
      #expect(!html.contains("http://") && !html.contains("https://"), "no external asset")
    }
  }

  @Test func textReportNamesLines() throws {
    let diff = PlanDiff(try Repo.golden("002"), try Repo.golden("003"))
    let text = diff.text()
    #expect(text.contains("[a:212 b:92]"))
    #expect(text.hasPrefix("--- a: "))
  }
}

/// Diffing a plan with its own OCR fixture (`Corpus/ocr/`) reports only damaged cells: every
/// item the OCR'd text still has aligns with its original row.
struct OCRFixtureDiffTests {
  static let fixture = Repo.root.appendingPathComponent("Corpus/ocr/000_d6ce2f93286e4cb7/ocr-300.tsv")

  @Test(.enabled(if: FileManager.default.fileExists(atPath: fixture.path)))
  func ocrDiffOnlyReportsDamagedCells() throws {
    let clean = try Repo.golden("000")
    let ocr = try Repo.parsed(Self.fixture)
    let diff = PlanDiff(clean, ocr)
    print("ocr-300 vs 000: \(diff.summary.line)")
    // The OCR'd text is the same document in the same order: aligned pairs never cross.
    // (Row numbers are no check: OCR reads "4" as "Ạ".)
    let taskLines = diff.tasks.pairs.sorted { $0.a.line < $1.a.line }.map(\.b.line)
    let targetLines = diff.targets.pairs.sorted { $0.a.line < $1.a.line }.map(\.b.line)
    #expect(taskLines == taskLines.sorted())
    #expect(targetLines == targetLines.sorted())
    #expect(diff.targets.pairs.count >= diff.targets.onlyA.count, "most targets survive OCR and align")
    for p in diff.tasks.pairs {
      #expect(p.changes.allSatisfy { ["lead", "deadline", "result"].contains($0.field) })
    }
    for p in diff.targets.pairs {
      #expect(p.changes.allSatisfy { ["values", "unit", "lead"].contains($0.field) })
    }
    #expect(diff.header.allSatisfy { ["issuer", "number", "date", "title", "place", "signer", "signer_title"].contains($0.field) })
  }
}

struct RedlineTests {
  @Test func marksOnlyChangedWords() {
    let r = HTMLPage.redline("trên địa bàn xã Bình Thành", "trên địa bàn xã Bình <b>")
    #expect(r.a == "trên địa bàn xã Bình <del class=\"w\">Thành</del>")
    #expect(r.b == "trên địa bàn xã Bình <ins class=\"w\">&lt;b&gt;</ins>")
  }
}
