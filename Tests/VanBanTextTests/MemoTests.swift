import Dispatch
import Testing

@testable import VanBanText

/// `Memo` is shared by the parsing threads: whatever they ask at once, each answer is the
/// function's own, including while the table fills up and starts afresh.
@Suite struct MemoTests {
  @Sendable static func answer(_ key: String) -> String { String(key.reversed()) + "#\(key.utf8.count)" }

  @Test func threadsAskingAtOnceGetTheFunctionsAnswers() {
    let memo = Memo<String>(capacity: 50)
    // One count per thread, each written by its thread alone.
    let wrong = UnsafeMutableBufferPointer<Int>.allocate(capacity: 4)
    defer { wrong.deallocate() }
    wrong.initialize(repeating: 0)
    nonisolated(unsafe) let counts = wrong
    DispatchQueue.concurrentPerform(iterations: 4) { thread in
      for i in 0..<20_000 {
        let key = "khóa \((i * 7 + thread) % 300)"
        if memo.value(key, Self.answer) != Self.answer(key) { counts[thread] += 1 }
      }
    }
    #expect(wrong.reduce(0, +) == 0)
  }

  @Test func aRememberedAnswerIsNotComputedAgain() {
    let memo = Memo<Int>()
    var calls = 0
    for _ in 0..<3 { _ = memo.value("Thường xuyên") { calls += 1; return $0.utf8.count } }
    #expect(calls == 1)
    #expect(memo.value("Thường xuyên") { _ in -1 } == "Thường xuyên".utf8.count)
  }
}
