/// A small streaming JSON writer.
///
/// `JSONEncoder` made a simple splitter 5× slower on these machines (DESIGN §8), so the
/// plan is written by hand into a byte buffer; its output is checked against the JSON
/// Schema by the tests rather than trusted.
public struct JSONWriter: Sendable {
  public private(set) var bytes: [UInt8] = []
  private let pretty: Bool
  private var depth = 0
  /// Whether the container being written has had an element yet: one bit per depth, in a
  /// word while the nesting is shallower than 64 (always, for a plan) and an array beyond.
  /// Every value written asks, and an array of flags cost a bounds and uniqueness check each.
  private var elementBits: UInt64 = 0
  private var deepElements: [Bool] = []

  private func hasElement(_ d: Int) -> Bool {
    d < 64 ? elementBits & (1 << UInt64(d)) != 0 : deepElements[d - 64]
  }

  private mutating func setHasElement(_ d: Int, _ v: Bool) {
    if d < 64 {
      if v { elementBits |= 1 << UInt64(d) } else { elementBits &= ~(1 << UInt64(d)) }
    } else if deepElements.count <= d - 64 {
      deepElements.append(v)
    } else {
      deepElements[d - 64] = v
    }
  }

  public init(pretty: Bool = false, reserving capacity: Int = 4096) {
    self.pretty = pretty
    bytes.reserveCapacity(capacity)
  }

  public var string: String { String(decoding: bytes, as: UTF8.self) }

  // MARK: containers

  public mutating func object(_ body: (inout JSONWriter) -> Void) {
    open(UInt8(ascii: "{"))
    body(&self)
    close(UInt8(ascii: "}"))
  }

  public mutating func array(_ body: (inout JSONWriter) -> Void) {
    open(UInt8(ascii: "["))
    body(&self)
    close(UInt8(ascii: "]"))
  }

  public mutating func array<S: Sequence>(_ items: S, _ element: (inout JSONWriter, S.Element) -> Void) {
    array { w in
      for item in items { element(&w, item) }
    }
  }

  /// Starts an object member; the value written next belongs to it.
  public mutating func key(_ name: StaticString) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    name.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
    if pretty { bytes.append(UInt8(ascii: " ")) }
    pendingValueAfterKey = true
  }

  /// Starts an object member whose name is only known at run time.
  public mutating func key(dynamic name: String) {
    separate()
    writeString(name)
    bytes.append(UInt8(ascii: ":"))
    if pretty { bytes.append(UInt8(ascii: " ")) }
    pendingValueAfterKey = true
  }

  // MARK: scalars

  public mutating func value(_ s: String) {
    separate()
    writeString(s)
  }

  public mutating func value(_ s: String?) {
    if let s { value(s) } else { null() }
  }

  public mutating func value(_ i: Int) {
    separate()
    appendDigits(i)
  }

  /// The decimal digits of `i`, written in place: every item carries a line number, and a
  /// String made for each one was a measurable part of writing a plan.
  private mutating func appendDigits(_ i: Int) {
    if i < 0 { bytes.append(UInt8(ascii: "-")) }
    var m = i.magnitude
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 24 digits, written from the end
    withUnsafeMutableBytes(of: &digits) { buf in
      var k = buf.count
      repeat {
        k -= 1
        buf[k] = UInt8(ascii: "0") + UInt8(m % 10)
        m /= 10
      } while m > 0
      bytes.append(contentsOf: buf[k...])
    }
  }

  public mutating func value(_ i: Int?) {
    if let i { value(i) } else { null() }
  }

  /// Integral doubles print without a fraction (`100`, not `100.0`).
  public mutating func value(_ d: Double) {
    separate()
    if d.isFinite, d == d.rounded(), abs(d) < 1e15 {
      appendDigits(Int(Int64(d)))
    } else if d.isFinite {
      appendASCII(String(d))
    } else {
      appendASCII("null")
    }
  }

  public mutating func value(_ d: Double?) {
    if let d { value(d) } else { null() }
  }

  public mutating func value(_ b: Bool) {
    separate()
    appendASCII(b ? "true" : "false")
  }

  /// `"page"` and `"bbox"` after an item's `"line"`: null for inputs without pages (every
  /// key is always present).
  public mutating func place(_ page: Int?, _ bbox: [Double]?) {
    key("page"); value(page)
    key("bbox")
    if let bbox { array(bbox) { w, d in w.value(d) } } else { null() }
  }

  public mutating func null() {
    separate()
    appendASCII("null")
  }

  // MARK: plumbing

  private var pendingValueAfterKey = false

  private mutating func separate() {
    if pendingValueAfterKey {
      pendingValueAfterKey = false
      return
    }
    if hasElement(depth) { bytes.append(UInt8(ascii: ",")) }
    setHasElement(depth, true)
    newline()
  }

  private mutating func open(_ c: UInt8) {
    separate()
    bytes.append(c)
    depth += 1
    setHasElement(depth, false)
  }

  private mutating func close(_ c: UInt8) {
    let had = hasElement(depth)
    depth -= 1
    if had { newline() }
    bytes.append(c)
  }

  private mutating func newline() {
    guard pretty else { return }
    bytes.append(UInt8(ascii: "\n"))
    for _ in 0..<depth { bytes.append(UInt8(ascii: " ")); bytes.append(UInt8(ascii: " ")) }
  }

  private mutating func appendASCII(_ s: String) {
    bytes.append(contentsOf: s.utf8)
  }

  private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

  /// Whether some byte of the eight is below 0x20, `"` or `\`: the "has a byte below n" and
  /// "has a zero byte" bit tests, exact as a yes/no answer.
  @inline(__always)
  static func mayNeedEscape(_ x: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let below20 = (x &- ones &* 0x20) & ~x & highs
    let q = x ^ (ones &* 0x22)
    let quote = (q &- ones) & ~q & highs
    let b = x ^ (ones &* 0x5C)
    let backslash = (b &- ones) & ~b & highs
    return below20 | quote | backslash != 0
  }

  private mutating func writeString(_ s: String) {
    bytes.append(UInt8(ascii: "\""))
    var s = s
    s.withUTF8 { writeEscaped($0) }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Runs that need no escape are copied whole; appending byte by byte from the String's
  /// view was the writer's cost.
  private mutating func writeEscaped(_ u: UnsafeBufferPointer<UInt8>) {
    var start = 0
    // Eight bytes at a time while none needs an escape (a control byte, `"` or `\`): the
    // usual case, since most strings hold none at all.
    var clean = 0
    while clean + 8 <= u.count {
      let x = UnsafeRawPointer(u.baseAddress! + clean).loadUnaligned(as: UInt64.self)
      if Self.mayNeedEscape(x) { break }
      clean += 8
    }
    for i in clean..<u.count {
      let b = u[i]
      guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
      start = i + 1
      switch b {
      case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
      case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
      case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
      case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
      case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
      case 0..<0x20:
        bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
        bytes.append(Self.hex[Int(b >> 4)])
        bytes.append(Self.hex[Int(b & 0xF)])
      default: break
      }
    }
    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start...]))
  }
}
