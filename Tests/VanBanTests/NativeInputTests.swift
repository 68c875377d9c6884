import Foundation
import Testing
import VanBanModel
@testable import VanBan

/// The seeds rendered as DOCX, born-digital PDF and image-only PDF (Corpus/native, two
/// renderings) read back against the reviewed goldens: F1 of targets and tasks with their
/// values, deadlines and leads (`exact`), and by number alone (`numbered`).
@Suite(.serialized) struct NativeInputTests {
  static let seeds = [
    "000_d6ce2f93286e4cb7", "001_624e61ed64e861df", "002_d7ee2759ac3fc249", "003_7445e7d735843406",
    "004_075f210d38c210c4",
  ]
  static let renderings = ["docx-lo", "html-chromium"]

  struct Tally {
    var hit = 0
    var total = 0
    var f1: Double { total == 0 ? 1 : 2 * Double(hit) / Double(total) }

    mutating func add(_ gold: [String], _ found: [String]) {
      hit += OCRLayoutTests.matched(gold, found)
      total += gold.count + found.count
    }
  }

  /// Micro-averaged F1 over every seed and rendering of one format.
  static func score(suffix: String, seeds: [String] = seeds) throws -> (targets: Tally, tasks: Tally, numbered: Tally) {
    var targets = Tally()
    var tasks = Tally()
    var numbered = Tally()
    for rendering in renderings {
      for seed in seeds {
        let url = Repo.corpus.appendingPathComponent("native/\(rendering)/\(seed)\(suffix)")
        let plan = try PlanParser.parse(Array(try Data(contentsOf: url)), options: ParseOptions(name: url.lastPathComponent))
        let gold = try golden(seed)
        targets.add(gold.targets.map(OCRLayoutTests.targetKey), plan.targets.map(OCRLayoutTests.targetKey))
        tasks.add(gold.tasks.map(OCRLayoutTests.taskKey), plan.tasks.map(OCRLayoutTests.taskKey))
        numbered.add(
          gold.targets.map { "t|\($0.number ?? "")" } + gold.tasks.map { "k|\($0.number ?? "")" },
          plan.targets.map { "t|\($0.number ?? "")" } + plan.tasks.map { "k|\($0.number ?? "")" })
      }
    }
    return (targets, tasks, numbered)
  }

  /// Word tables are read from their cells: what the clean seeds give.
  @Test func docxEqualsTheSeeds() throws {
    let s = try Self.score(suffix: ".docx")
    #expect(s.targets.f1 >= 0.98, "targets \(s.targets.f1)")
    #expect(s.tasks.f1 >= 0.98, "tasks \(s.tasks.f1)")
  }

  /// Born-digital PDFs: tables cut along their drawn grid. Measured 0.986 / 0.977 exact, 1.0
  /// by number (tools/score_native.py).
  @Test func bornDigitalPDFs() throws {
    let s = try Self.score(suffix: ".pdf")
    #expect(s.targets.f1 >= 0.95, "targets \(s.targets.f1)")
    #expect(s.tasks.f1 >= 0.95, "tasks \(s.tasks.f1)")
    #expect(s.numbered.f1 >= 0.99, "numbered \(s.numbered.f1)")
  }

  /// One scanned seed both ways (the rest is in tools/score_native.py: OCR of all ten takes
  /// minutes). Measured on 004 (both renderings): targets 0.93 exact here (0.98 in
  /// score_native.py, whose folding forgives a stray mark: "Trung tâm̀"), tasks 1.0, about 0.99 by
  /// number, each cell of a ruled table read again where the page was unsure of it.
  @Test func scannedPDFs() throws {
    let s = try Self.score(suffix: ".scan.pdf", seeds: ["004_075f210d38c210c4"])
    #expect(s.targets.f1 >= 0.9, "targets \(s.targets.f1)")
    #expect(s.tasks.f1 >= 0.95, "tasks \(s.tasks.f1)")
    #expect(s.numbered.f1 >= 0.93, "numbered \(s.numbered.f1)")
  }

  /// Every item of a PDF carries its page and box; of a DOCX its page.
  @Test func itemsCarryTheirPage() throws {
    let pdf = Repo.corpus.appendingPathComponent("native/html-chromium/000_d6ce2f93286e4cb7.pdf")
    let plan = try PlanParser.parse(Array(try Data(contentsOf: pdf)), options: ParseOptions(name: "p.pdf"))
    #expect(plan.source.format == "pdf")
    #expect(plan.source.pages == 10)
    #expect(plan.source.ocrPages.isEmpty)
    #expect(!plan.tasks.isEmpty && plan.tasks.allSatisfy { $0.page != nil && $0.bbox?.count == 4 })
    #expect(plan.tasks.allSatisfy { ($0.page ?? 0) >= 2 })
    #expect(plan.signature?.page != nil)
    let docx = Repo.corpus.appendingPathComponent("native/docx-lo/000_d6ce2f93286e4cb7.docx")
    let word = try PlanParser.parse(Array(try Data(contentsOf: docx)), options: ParseOptions(name: "d.docx"))
    #expect(word.source.format == "docx")
    #expect(word.targets.allSatisfy { $0.page != nil && $0.bbox == nil })
  }

  /// A scanned page as an image file: its ruled table cut along the grid found on the picture,
  /// boxes in its pixels. The fixture is page 6 of Corpus/native/docx-lo/004_….scan.pdf
  /// (`pdftoppm -r 200 -gray -png -f 6 -l 6`); the golden's targets 13–21 are read off it.
  @Test func scannedImageReadsItsRuledTable() throws {
    let url = Repo.root.appendingPathComponent("Tests/VanBanTests/Fixtures/ruled-scan-page.png")
    let plan = try PlanParser.parse(Array(try Data(contentsOf: url)), options: ParseOptions(name: "p.png"))
    #expect(plan.source.format == "image")
    #expect(plan.source.ocrPages == [1])
    let gold = Array(try golden("004_075f210d38c210c4").targets[12...])
    #expect(plan.targets.map(\.number) == gold.map(\.number))
    #expect(plan.targets.map(\.lead) == gold.map(\.lead))
    #expect(plan.targets.map { $0.values.map(\.value) } == gold.map { $0.values.map(\.value) })
    #expect(plan.targets.allSatisfy { $0.page == 1 && ($0.bbox?[2] ?? 0) > 1000 })
  }
}
