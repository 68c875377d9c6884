#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import VanBanBytes

/// A small streaming JSON writer.
///
/// `JSONEncoder` made a simple splitter 5× slower on these machines (DESIGN §8), so the
/// plan is written by hand into a byte buffer; its output is checked against the JSON
/// Schema by the tests rather than trusted.
public struct JSONWriter: Sendable {
  /// Where the bytes go. A writer is used through one `inout` chain; a copy of it would write
  /// into the same output.
  private let out: JSONOutput
  /// What has been written.
  public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: out.base, count: out.count)) }
  private let pretty: Bool
  private var depth = 0
  /// Whether the container being written has had an element yet: one bit per depth, in a
  /// word while the nesting is shallower than 64 (always, for a plan) and an array beyond.
  /// Every value written asks, and an array of flags cost a bounds and uniqueness check each.
  private var elementBits: UInt64 = 0
  private var deepElements: [Bool] = []

  // The word's bit inline at every value written; the array, never reached by a plan, kept
  // out of line so that it does not keep the common case from being inlined.
  @inline(__always)
  private func hasElement(_ d: Int) -> Bool {
    d < 64 ? elementBits & (1 << UInt64(d)) != 0 : deepElements[d - 64]
  }

  @inline(__always)
  private mutating func setHasElement(_ d: Int, _ v: Bool) {
    if d < 64 {
      if v { elementBits |= 1 << UInt64(d) } else { elementBits &= ~(1 << UInt64(d)) }
    } else {
      setDeepElement(d, v)
    }
  }

  @inline(never)
  private mutating func setDeepElement(_ d: Int, _ v: Bool) {
    if deepElements.count <= d - 64 {
      deepElements.append(v)
    } else {
      deepElements[d - 64] = v
    }
  }

  public init(pretty: Bool = false, reserving capacity: Int = 4096) {
    self.pretty = pretty
    out = JSONOutput(capacity: capacity)
  }

  public var string: String { String(decoding: UnsafeBufferPointer(start: out.base, count: out.count), as: UTF8.self) }

  /// What has been written, handed over without a copy: the writer's own buffer, which no
  /// writer writes to again. A bulk ingest's JSON, some 70 KB a plan, went into an array of
  /// its own (`bytes`) only to be written to a file and freed.
  public consuming func finish() -> JSONBytes { JSONBytes(output: out) }

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

  /// `array(_:_:)` of an array, read through its buffer: the `for` over a Sequence retained
  /// the array for its iterator and released it after, for each of the ~400 arrays a plan
  /// writes (a section's blocks and children, a target's values, a task's agencies), some
  /// 800 reference-counting calls a plan on the mixed bench sample. The elements are still
  /// copied out to `element`, as before.
  public mutating func array<T>(_ items: [T], _ element: (inout JSONWriter, T) -> Void) {
    array { w in
      items.withUnsafeBufferPointer { items in
        for k in items.indices { element(&w, items[k]) }
      }
    }
  }

  /// Starts an object member; the value written next belongs to it.
  public mutating func key(_ name: StaticString) {
    // Compact, the separator goes into the same reservation as the name: a plan writes some
    // 1,700 keys, and the separate call and its own reservation were a third of each.
    if !pretty, !pendingValueAfterKey, name.hasPointerRepresentation {
      let comma = hasElement(depth)
      setHasElement(depth, true)
      out.putKey(UnsafeRawPointer(name.utf8Start), count: name.utf8CodeUnitCount, comma: comma)
      pendingValueAfterKey = true
      return
    }
    separate()
    // One reservation for the quoted name, the colon and the space; the literal's bytes read
    // in place (a closure over them retained the output for every key).
    guard name.hasPointerRepresentation else {
      let out = out
      name.withUTF8Buffer { name in
        out.put(UInt8(ascii: "\""))
        out.put(name)
        out.put(UInt8(ascii: "\""))
      }
      out.put(UInt8(ascii: ":"))
      if pretty { out.put(UInt8(ascii: " ")) }
      pendingValueAfterKey = true
      return
    }
    let count = name.utf8CodeUnitCount
    out.reserve(count + 4)
    out.putReserved(UInt8(ascii: "\""))
    out.putReserved(UnsafeBufferPointer(start: name.utf8Start, count: count))
    out.putReserved(UInt8(ascii: "\""))
    out.putReserved(UInt8(ascii: ":"))
    if pretty { out.putReserved(UInt8(ascii: " ")) }
    pendingValueAfterKey = true
  }

  /// Starts an object member whose name is only known at run time.
  public mutating func key(dynamic name: String) {
    separate()
    writeString(name)
    out.put(UInt8(ascii: ":"))
    if pretty { out.put(UInt8(ascii: " ")) }
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
    if i < 0 { out.put(UInt8(ascii: "-")) }
    var m = i.magnitude
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 24 digits, written from the end
    withUnsafeMutableBytes(of: &digits) { buf in
      var k = buf.count
      repeat {
        k -= 1
        buf[k] = UInt8(ascii: "0") + UInt8(m % 10)
        m /= 10
      } while m > 0
      out.put(UnsafeBufferPointer(start: buf.baseAddress!.assumingMemoryBound(to: UInt8.self) + k, count: buf.count - k))
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
    // Text inputs have neither, and every item of their plans writes the two nulls: in one
    // copy when compact, rather than two keys and two values (a twentieth of writing a plan).
    if page == nil, bbox == nil, !pretty {
      separate()
      let nulls: StaticString = #""page":null,"bbox":null"#
      out.put(UnsafeBufferPointer(start: nulls.utf8Start, count: nulls.utf8CodeUnitCount))
      return
    }
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

  /// Inline for the case of most values, one after its key (a call of its own for that cost
  /// as much as the test); a comma between elements is written out of line.
  @inline(__always)
  private mutating func separate() {
    if pendingValueAfterKey {
      pendingValueAfterKey = false
      return
    }
    separateElement()
  }

  @inline(never)
  private mutating func separateElement() {
    if hasElement(depth) { out.put(UInt8(ascii: ",")) }
    setHasElement(depth, true)
    newline()
  }

  private mutating func open(_ c: UInt8) {
    separate()
    out.put(c)
    depth += 1
    setHasElement(depth, false)
  }

  private mutating func close(_ c: UInt8) {
    let had = hasElement(depth)
    depth -= 1
    if had { newline() }
    out.put(c)
  }

  /// The test inline (compact output, the bulk case, writes no newlines); the indenting not.
  @inline(__always)
  private mutating func newline() {
    if pretty { indent() }
  }

  @inline(never)
  private mutating func indent() {
    out.put(UInt8(ascii: "\n"))
    for _ in 0..<depth { out.put(UInt8(ascii: " ")); out.put(UInt8(ascii: " ")) }
  }

  private mutating func appendASCII(_ s: String) {
    let out = out
    s.withUTF8Bytes { out.put($0) }
  }

  private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

  private mutating func writeString(_ s: String) {
    // The buffer held in a local for the closure, which then captures neither the writer nor
    // a load of its `out` to retain and release (a tenth of the writer's time in perf).
    let out = out
    s.withUTF8Bytes { u in
      // Room for the string as it is and its quotes: escapes, rare, reserve their own.
      out.reserve(u.count + 2)
      out.putReserved(UInt8(ascii: "\""))
      Self.writeEscaped(u, to: out)
      out.put(UInt8(ascii: "\""))
    }
  }

  /// Runs that need no escape are copied whole; appending byte by byte from the String's
  /// view was the writer's cost. The next byte that needs one (a control byte, `"` or `\`)
  /// is found sixteen bytes at a time.
  private static func writeEscaped(_ u: UnsafeBufferPointer<UInt8>, to out: JSONOutput) {
    guard let base = u.baseAddress else { return }
    let raw = UnsafeRawPointer(base)
    let n = u.count
    var start = 0
    var i = 0
    while true {
      var found = n
      while i + 16 <= n {
        let x = ByteVector.load(raw, i)
        let lanes = ByteVector.less(x, 0x20) .| ByteVector.equal(x, 0x22) .| ByteVector.equal(x, 0x5C)
        // Most steps hold no escape: the cheap test first, the lane's position only for one.
        if !ByteVector.none(lanes) {
          found = i + ByteVector.bits(lanes).trailingZeroBitCount
          break
        }
        i += 16
      }
      if found == n, i < n {
        if n >= 16 {
          // The last sixteen bytes of the string, overlapping those already looked at: the
          // lanes from `i` on are the rest, tested at once rather than byte by byte.
          let x = ByteVector.load(raw, n - 16)
          let lanes = ByteVector.less(x, 0x20) .| ByteVector.equal(x, 0x22) .| ByteVector.equal(x, 0x5C)
          let rest = ByteVector.bits(lanes) >> UInt32(i - (n - 16))
          found = rest == 0 ? n : i + rest.trailingZeroBitCount
        } else {
          while i < n, !Self.needsEscape(u[i]) { i += 1 }
          found = i
        }
      }
      guard found < n else { break }
      let b = u[found]
      out.put(UnsafeBufferPointer(rebasing: u[start..<found]))
      start = found + 1
      i = start
      switch b {
      case UInt8(ascii: "\""): out.put(UInt8(ascii: "\\")); out.put(b)
      case UInt8(ascii: "\\"): out.put(UInt8(ascii: "\\")); out.put(b)
      case 0x0A: out.put(UInt8(ascii: "\\")); out.put(UInt8(ascii: "n"))
      case 0x0D: out.put(UInt8(ascii: "\\")); out.put(UInt8(ascii: "r"))
      case 0x09: out.put(UInt8(ascii: "\\")); out.put(UInt8(ascii: "t"))
      default:
        out.put(UInt8(ascii: "\\")); out.put(UInt8(ascii: "u")); out.put(UInt8(ascii: "0")); out.put(UInt8(ascii: "0"))
        out.put(Self.hex[Int(b >> 4)])
        out.put(Self.hex[Int(b & 0xF)])
      }
    }
    out.put(UnsafeBufferPointer(rebasing: u[start...]))
  }

  @inline(__always)
  static func needsEscape(_ b: UInt8) -> Bool { b < 0x20 || b == 0x22 || b == 0x5C }
}

/// A finished writer's bytes (`JSONWriter.finish`), freed with the last copy of this value.
public struct JSONBytes: Sendable {
  let output: JSONOutput

  public var count: Int { output.count }

  /// Calls `body` with the bytes, in place.
  public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try body(UnsafeRawBufferPointer(start: output.base, count: output.count))
  }
}

/// The bytes a `JSONWriter` has written, in memory of their own: appending to an array checks
/// its capacity and that it is not shared on every call, and writing a plan is mostly
/// appending a few bytes at a time.
final class JSONOutput: @unchecked Sendable {
  // Unchecked: a writer is used by one thread, through one `inout` chain, and the dynamic
  // exclusivity checks cost as much as the appends they guard.
  @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<UInt8>
  @exclusivity(unchecked) private(set) var count = 0
  @exclusivity(unchecked) private var capacity: Int

  init(capacity: Int) {
    self.capacity = max(capacity, 64)
    // malloc and realloc rather than `allocate`: see `grow`.
    guard let memory = malloc(self.capacity) else { fatalError("out of memory for \(self.capacity) bytes of JSON") }
    base = memory.assumingMemoryBound(to: UInt8.self)
  }

  deinit { free(base) }

  /// Room for `n` more bytes.
  @inline(__always)
  func reserve(_ n: Int) {
    if count + n > capacity { grow(count + n) }
  }

  private func grow(_ needed: Int) {
    let newCapacity = max(needed, capacity * 2)
    // The allocator extends the block in place when it can: a plan's JSON outgrows the first
    // 64 KB more often than not, and each growth copied all of it.
    guard let memory = realloc(base, newCapacity) else { fatalError("out of memory for \(newCapacity) bytes of JSON") }
    base = memory.assumingMemoryBound(to: UInt8.self)
    capacity = newCapacity
  }

  @inline(__always)
  func put(_ b: UInt8) {
    reserve(1)
    putReserved(b)
  }

  @inline(__always)
  func put(_ bytes: UnsafeBufferPointer<UInt8>) {
    reserve(bytes.count)
    putReserved(bytes)
  }

  /// `"name":`, after a comma when `comma`, in one reservation and through one pointer: as
  /// five appends, each loaded and stored the count again (a compact plan writes ~1,300 keys).
  @inline(__always)
  func putKey(_ name: UnsafeRawPointer, count n: Int, comma: Bool) {
    reserve(n + 4)
    var p = base + count
    if comma {
      p.pointee = UInt8(ascii: ",")
      p += 1
    }
    p.pointee = UInt8(ascii: "\"")
    // Most pieces are short (key names, numbers, words between escapes): no memmove call.
    ShortBytes.copyAny(name, to: UnsafeMutableRawPointer(p + 1), count: n)
    p[n + 1] = UInt8(ascii: "\"")
    p[n + 2] = UInt8(ascii: ":")
    count = p + n + 3 - base
  }

  /// After `reserve`.
  @inline(__always)
  func putReserved(_ b: UInt8) {
    base[count] = b
    count += 1
  }

  /// After `reserve`.
  @inline(__always)
  func putReserved(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let from = bytes.baseAddress else { return }
    ShortBytes.copyAny(UnsafeRawPointer(from), to: UnsafeMutableRawPointer(base + count), count: bytes.count)
    count += bytes.count
  }
}
