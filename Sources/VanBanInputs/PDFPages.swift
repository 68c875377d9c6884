import Dispatch

/// The limits that keep one page from holding up a file: how large a page may be drawn, how
/// long OCR may take on it. A page past one gets a note and the file goes on.
enum PageLimits {
  /// Below this a page is not drawn at all: hairlines and letters are lost.
  static let minimumDPI = 50

  /// The most pixels a page may have when it is drawn to find its table lines: A0 at 100 dpi
  /// (15.5 million). cairo draws in 4 bytes a pixel, so this bounds each worker to some 80 MB.
  static let maxRulePixels = 16_000_000

  /// What a page was to be drawn for.
  enum Purpose: Sendable {
    /// Its drawn lines, for a page read from its text layer.
    case rules
    /// OCR.
    case ocr
  }

  /// `preferred` dpi, or less for a page that would pass `maxPixels`; nil for a page that would
  /// still pass it at `minimumDPI` (a poster, or a broken page size) or has no size.
  static func fitDPI(_ size: (width: Double, height: Double)?, preferred: Int, maxPixels: Int) -> Int? {
    guard let size, size.width > 0, size.height > 0, size.width.isFinite, size.height.isFinite else { return nil }
    let squareInches = size.width / 72 * size.height / 72
    let fit = (Double(maxPixels) / squareInches).squareRoot().rounded(.down)
    let dpi = min(Double(max(1, preferred)), fit)
    guard dpi.isFinite, dpi >= Double(minimumDPI) else { return nil }
    return Int(dpi)
  }

  /// The error a page's OCR ends with when it passes its time limit.
  static func ocrTimeout(page: Int, seconds: Double) -> InputError {
    .tooLarge("\(timeoutPrefix)\(describe(seconds: seconds)) (page \(page))")
  }

  /// The limit an `ocrTimeout` error names, or nil for any other error.
  static func ocrTimeoutSeconds(_ error: InputError) -> Double? {
    guard case .tooLarge(let message) = error, message.hasPrefix(timeoutPrefix) else { return nil }
    let number = message.dropFirst(timeoutPrefix.count).prefix { $0 != " " }
    return Double(number)
  }

  private static let timeoutPrefix = "OCR passed its time limit of "

  static func describe(seconds: Double) -> String {
    let whole = seconds.rounded()
    return (seconds == whole && abs(whole) < 1e9 ? "\(Int(whole))" : "\(seconds)") + " s"
  }

  /// "3 x 2 m (8504 x 5669 pt)".
  static func describe(width: Double, height: Double) -> String {
    func metres(_ points: Double) -> String {
      let mm = points / 72 * 25.4
      return mm >= 1000 ? "\(Int((mm / 100).rounded()) / 10).\(Int((mm / 100).rounded()) % 10) m" : "\(Int(mm.rounded())) mm"
    }
    func pt(_ x: Double) -> String { x < 1e12 ? "\(Int(x.rounded()))" : "\(x)" }
    return "\(metres(width)) x \(metres(height)) (\(pt(width)) x \(pt(height)) pt)"
  }
}

/// Pages finished out of all, passed to `OCROptions.pageProgress` one call at a time.
final class PageProgress: @unchecked Sendable {
  let total: Int
  private let report: (@Sendable (Int, Int) -> Void)?
  private let lock = PThreadLock()
  /// Guarded by `lock`.
  private var done = 0

  init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
    self.total = total
    self.report = report
    report?(0, total)
  }

  func pageDone() {
    guard let report else { return }
    lock.run {
      done = min(total, done + 1)
      report(done, total)
    }
  }
}

/// A PDF's pages read several at a time, each worker through a document of its own over the
/// same bytes (one poppler document serves one thread at a time), each worker holding one page
/// at a time: `workers` pages in flight at most, whatever the length of the file.
enum PageWorkers {
  /// `body(document, page)` for pages 1…`pdf.pageCount`, results in page order.
  static func map<T: Sendable>(
    _ pdf: PopplerPDF, workers: Int, _ body: @escaping @Sendable (PopplerPDF, Int) -> T
  ) -> [T] {
    let count = pdf.pageCount
    guard count > 0 else { return [] }
    let state = State<T>(count: count)
    let width = max(1, min(workers, count))
    if width == 1 {
      for page in 1...count { state.put(page, body(pdf, page)) }
    } else {
      DispatchQueue.concurrentPerform(iterations: width) { worker in
        // Worker 0 reads through `pdf` itself; the others open their own, closed when they end.
        // A document that will not open again is shared: its lock keeps that safe, if slower.
        let document = worker == 0 ? pdf : (pdf.reopen() ?? pdf)
        while let page = state.take() { state.put(page, body(document, page)) }
      }
    }
    return state.results()
  }

  /// The next page to read and the results so far. Unchecked: every use is under `lock`.
  private final class State<T: Sendable>: @unchecked Sendable {
    let lock = PThreadLock()
    let count: Int
    var next = 1
    var slots: [T?]

    init(count: Int) {
      self.count = count
      slots = Array(repeating: nil, count: count)
    }

    func take() -> Int? {
      lock.run {
        guard next <= count else { return nil }
        next += 1
        return next - 1
      }
    }

    func put(_ page: Int, _ result: T) { lock.run { slots[page - 1] = result } }

    func results() -> [T] { lock.run { slots.map { $0! } } }
  }
}
