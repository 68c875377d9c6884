import Dispatch
import Foundation
import Synchronization
import Testing

@testable import vanban

/// The hand-over between ingest's parsing threads and its writer (`IngestQueue`): besides its
/// window of files, the bytes started and not yet written stay within the budget.
@Suite struct IngestQueueTests {
  /// A file that would take the bytes in flight past the budget waits until the writer takes
  /// a result; a file that fits starts at once.
  @Test func filesWaitForTheByteBudget() {
    let queue = IngestQueue<Int>(count: 3, window: 10, ordered: false, sizes: [8, 8, 1], byteBudget: 12)
    #expect(queue.take() == 0)
    let taken = DispatchSemaphore(value: 0)
    let second = Mutex<Int?>(nil)
    Thread {
      let i = queue.take()
      second.withLock { $0 = i }
      taken.signal()
    }.start()
    // 8 + 8 bytes would pass the budget of 12: the worker waits, though the window has room.
    #expect(taken.wait(timeout: .now() + 0.3) == .timedOut)
    queue.finish(0, 0)
    guard case .result(0, _) = queue.next(timeoutMilliseconds: 1_000) else {
      Issue.record("the writer got no result")
      return
    }
    #expect(taken.wait(timeout: .now() + 5) == .success)
    #expect(second.withLock { $0 } == 1)
    // 8 + 1 fits.
    #expect(queue.take() == 2)
  }

  /// One file larger than the budget still starts when nothing else is in flight.
  @Test func aFileLargerThanTheBudgetStartsAlone() {
    let queue = IngestQueue<Int>(count: 2, window: 10, ordered: false, sizes: [100, 1], byteBudget: 12)
    #expect(queue.take() == 0)
    queue.finish(0, 0)
    _ = queue.next(timeoutMilliseconds: 1_000)
    #expect(queue.take() == 1)
    #expect(queue.take() == nil)
  }
}
