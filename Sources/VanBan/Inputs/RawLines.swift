import VanBanInputs
import VanBanText

/// The input lines the parser classifies, as `SourceLowering` gives them: one text holding
/// them one after another, where each line lies in it, and the number each line has in the
/// file.
///
/// A text file's lines are cut from its own text, which is kept, not copied; lines from other
/// blocks (paragraphs, table rows, OCR lines) are copied into the text. A line as a Substring
/// of the document held the document's storage: a retain when the line was cut, another when
/// it was read, and a release for each when they went, ~1,000 retains and ~1,000 releases a
/// document on the mixed bench sample (`tools/bench/calls.py`), all on one object. Here a
/// line is two offsets, and a Substring is made only for a line a reader takes as one
/// (`line(_:)`).
struct RawLines {
  private var text = ""
  private var spans: [Span] = []

  private struct Span {
    var start: Int
    var end: Int
    var number: Int
  }

  init() {}

  var count: Int { spans.count }
  var isEmpty: Bool { spans.isEmpty }

  /// The file's line number of line `k`.
  func number(_ k: Int) -> Int { spans[k].number }

  /// Line `k` holds nothing.
  func isBlank(_ k: Int) -> Bool { spans[k].start == spans[k].end }

  /// Where line `k` lies in the bytes `withUTF8` gives.
  func range(_ k: Int) -> Range<Int> { spans[k].start..<spans[k].end }

  /// Line `k`, for a reader that takes a line as a Substring (markup cleaning, markdown
  /// tables, bold spans, wide gaps).
  func line(_ k: Int) -> Substring { text.utf8Slice(range(k)) }

  /// Calls `body` with the UTF-8 of all lines (each line's `range` cut at scalar boundaries).
  func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    try text.withUTF8Bytes(body)
  }

  /// Adds a line.
  mutating func append(_ line: Substring, number: Int) {
    let start = text.utf8.count
    text.append(contentsOf: line)
    spans.append(Span(start: start, end: text.utf8.count, number: number))
  }

  /// Adds the lines of `lines`, cut as `LineSplitter` cuts them (LF, CRLF, lone CR) and
  /// numbered from `first`; the first text added is kept as it is.
  mutating func append(text lines: String, firstNumber first: Int) {
    let base = text.utf8.count
    if text.isEmpty { text = lines } else { text.append(lines) }
    let cuts = lines.withUTF8Bytes(LineSplitter.cuts)
    spans.reserveCapacity(spans.count + cuts.count)
    for (k, cut) in cuts.enumerated() {
      spans.append(Span(start: base + cut.0, end: base + cut.1, number: first + k))
    }
  }

  mutating func removeLast() { spans.removeLast() }

  /// The lines as Strings (`PlanParser.sourceLines`).
  var strings: [String] { (0..<count).map { String(line($0)) } }
}
