import Foundation
import Testing
import VanBanModel
import VanBanText
@testable import VanBan

/// The parser terminates and keeps its invariants on mutated corpus documents: lines
/// dropped, duplicated, swapped, cut in half, joined.
@Suite struct PropertyTests {
  /// A small deterministic generator, so a failure reproduces.
  struct LCG {
    var state: UInt64
    mutating func next(_ n: Int) -> Int {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Int((state >> 33) % UInt64(max(n, 1)))
    }
  }

  static func mutate(_ lines: [Substring], seed: UInt64) -> String {
    var g = LCG(state: seed)
    var out = lines.map(String.init)
    for _ in 0..<40 where out.count > 2 {
      let k = g.next(out.count)
      switch g.next(5) {
      case 0: out.remove(at: k)
      case 1: out.insert(out[k], at: k)
      case 2: out.swapAt(k, g.next(out.count))
      case 3: out[k] = String(out[k].prefix(out[k].count / 2))
      default: if k + 1 < out.count { out[k] += out.remove(at: k + 1) }
      }
    }
    return out.joined(separator: "\n")
  }

  @Test(arguments: Repo.corpusInputs())
  func mutatedDocumentsParse(_ input: URL) throws {
    let text = try String(contentsOf: input, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for seed in UInt64(1)...20 {
      let mutated = Self.mutate(lines, seed: seed)
      let plan = try parse(mutated)
      let n = plan.source.lineCount
      #expect(plan.diagnostics.allSatisfy { (1...max(n, 1)).contains($0.line) })
      #expect(plan.references.allSatisfy { (1...max(n, 1)).contains($0.line) })
    }
  }

  @Test func sectionsNestWithoutOverlap() throws {
    for input in Repo.corpusInputs() {
      let plan = try PlanParser.parse(try [UInt8](Data(contentsOf: input)), options: ParseOptions(name: "x"))
      func check(_ s: Section) {
        #expect(s.children.allSatisfy { $0.line > s.line && $0.path.hasPrefix(s.path + "/") })
        for (a, b) in zip(s.children, s.children.dropFirst()) { #expect(a.line < b.line) }
        s.children.forEach(check)
      }
      plan.sections.forEach(check)
    }
  }
}

/// `LogicalText.isMostlyCapitals` stops at the first word that settles it; its answer is the
/// full count's, on random mixes of capitals, lower case, marks and other scripts and on every
/// paragraph of the corpus.
@Suite struct MostlyCapitalsTests {
  static func fullCount(_ text: String) -> Bool {
    var upper = 0
    var lower = 0
    for s in text.unicodeScalars {
      if ScalarClass.isUppercase(s) { upper += 1 } else if ScalarClass.isLowercase(s) { lower += 1 }
    }
    return upper >= 4 && lower * 10 <= upper + lower
  }

  @Test func earlyAnswerIsTheFullCounts() throws {
    let pieces = ["A", "Đ", "Ệ", "a", "đ", "ệ", " ", "1", "m2", "IoT", "\u{301}", "中", "👍", "Ω", "ω", "."]
    var g = PropertyTests.LCG(state: 42)
    var texts: [String] = []
    for _ in 0..<20_000 { texts.append((0..<g.next(40)).map { _ in pieces[g.next(pieces.count)] }.joined()) }
    for input in Repo.corpusInputs() where input.pathExtension == "txt" {
      texts += try String(contentsOf: input, encoding: .utf8).components(separatedBy: "\n\n")
    }
    var yes = 0
    for text in texts {
      let answer = LogicalText.isMostlyCapitals(text)
      if answer { yes += 1 }
      #expect(answer == Self.fullCount(text), "\(text.prefix(80))")
    }
    // Both answers are asked often.
    #expect(yes > 20 && texts.count - yes > 1_000)
  }
}
