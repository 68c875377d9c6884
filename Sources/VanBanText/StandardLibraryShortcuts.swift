import Synchronization
import VanBanBytes

/// Faster equivalents of standard-library calls the parser makes on every line, word or cell;
/// each gives exactly what the call it replaces gives (the tests compare them).

extension Collection where Element: StringProtocol {
  /// `joined(separator:)`, for the parser's paths that join words, cells and lines all the
  /// time. The standard library's version runs unspecialised here — a few hundred
  /// instructions for every element (measured: 370), most of them growing the result; this
  /// one measures first and copies each element's bytes once into a string of the final size.
  @inlinable
  public func joinedText(_ separator: String) -> String {
    var total = 0
    var count = 0
    for part in self {
      total += part.utf8.count
      count += 1
    }
    guard count > 1 else { return first.map { String($0) } ?? "" }
    // Long parts (lines joined into a paragraph): appending strings copies their bytes without
    // validating them again, which the one-pass copy below must do for the whole result; for
    // words, the appends' own cost is the larger.
    if total >= 32 * count {
      var out = String()
      out.reserveCapacity(total + separator.utf8.count * (count - 1))
      var firstPart = true
      for part in self {
        if !firstPart { out.append(separator) }
        firstPart = false
        out.append(contentsOf: part)
      }
      return out
    }
    return separator.withUTF8Bytes { sep in
      total += sep.count * (count - 1)
      return String(trustedUTF8Capacity: total) { out in
        var o = 0
        // The bytes put at `at`, and the offset after them: `o` is not captured, since a
        // captured var passed along as a closure is checked for exclusive access at run time
        // on every call.
        func put(_ bytes: UnsafeBufferPointer<UInt8>, at: Int) -> Int {
          guard let base = bytes.baseAddress, !bytes.isEmpty else { return at }
          // The parts here are words and cells, mostly short: no memmove call for those.
          ShortBytes.copyAny(UnsafeRawPointer(base), to: UnsafeMutableRawPointer(out.baseAddress! + at), count: bytes.count)
          return at + bytes.count
        }
        var firstPart = true
        for part in self {
          if !firstPart { o = put(sep, at: o) }
          firstPart = false
          let at = o
          if let end = part.utf8.withContiguousStorageIfAvailable({ put($0, at: at) }) {
            o = end
          } else {
            for b in part.utf8 {
              out[o] = b
              o += 1
            }
          }
        }
        return o
      }
    }
  }
}

/// Short strings made as the standard library makes them, without its general path.
///
/// A String of at most 15 UTF-8 bytes is stored in its two words themselves: the bytes in
/// order (little-endian), and in the top byte a tag, 0xE0 or 0xA0 (ASCII or not) plus the
/// count. Most strings the parser makes are words and keys that short, and the general path
/// (measuring the bytes, checking them for ASCII, building the tag) was ~140 instructions a
/// string. `holds` checks the layout once against strings the standard library makes, of
/// every length and both kinds; where it differs, every string is made the standard way.
public enum SmallString {
  public static let capacity = 15

  public static let holds: Bool = {
    guard MemoryLayout<String>.size == 16 else { return false }
    let samples = ["abcdefghijklmnop", "ếaệbcdễ", "\u{1F600}x\u{10FFFF}", "\u{7F}\u{80}"]
    for sample in samples {
      let bytes = Array(sample.utf8)
      for n in 0...min(capacity, bytes.count) {
        // Only whole scalars: the prefix is valid UTF-8 when the next byte starts a scalar.
        guard n == bytes.count || bytes[n] & 0xC0 != 0x80 else { continue }
        let made = bytes.withUnsafeBufferPointer { make(UnsafeBufferPointer(rebasing: $0[..<n])) }
        let standard = String(decoding: bytes[..<n], as: UTF8.self)
        guard unsafeBitCast(made, to: (UInt64, UInt64).self) == unsafeBitCast(standard, to: (UInt64, UInt64).self),
          Array(made.utf8) == Array(standard.utf8)
        else { return false }
      }
    }
    return true
  }()

  /// `holds`, read where no once-check guards it: a `static let` computed at first use is
  /// checked for initialisation at every read (`swift_once`), and every short String made
  /// asked it (180,000 times a hundred documents). An atomic of a constant is set up with the
  /// binary; the first readers compute `holds` (itself computed once) and store the answer,
  /// which every later read takes: 1 holds, 2 does not, 0 not asked yet.
  @inlinable
  public static var holdsQuickly: Bool {
    let known = verdict.load(ordering: .relaxed)
    if known != 0 { return known == 1 }
    let answer = holds
    verdict.store(answer ? 1 : 2, ordering: .relaxed)
    return answer
  }

  @usableFromInline static let verdict = Atomic<Int8>(0)

  /// The small string of `bytes`: well-formed UTF-8, at most `capacity` of them. Only where
  /// `holds`.
  @inlinable @inline(__always)
  public static func make(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    // The bytes as the two words, zeros after them, put together in registers (`ShortBytes`).
    let n = bytes.count
    let words = bytes.baseAddress.map { ShortBytes.words(UnsafeRawPointer($0), count: n) } ?? (0, 0)
    let ascii = (words.0 | words.1) & 0x8080_8080_8080_8080 == 0
    let tag: UInt64 = (ascii ? 0xE0 : 0xA0) | UInt64(n)
    // Written over an empty string's words rather than cast: a cast String is a copy, which
    // the compiler retains (a call, for a String that holds no object), ~1,500 calls a
    // document. The empty string holds no object either, so nothing is lost by writing over it.
    var made = ""
    withUnsafeMutableBytes(of: &made) { raw in
      raw.storeBytes(of: words.0, toByteOffset: 0, as: UInt64.self)
      raw.storeBytes(of: words.1 | tag << 56, toByteOffset: 8, as: UInt64.self)
    }
    return made
  }
}

extension String {
  /// A string of `bytes` that the caller knows to be well-formed UTF-8 (cut from a String
  /// at ASCII bytes, or written from tables of whole scalars), copied without being checked
  /// again. Every other way of making a String from bytes validates them, and for the
  /// parser's words, keys and joined lines that check cost more than the copy (measured on a
  /// plan's lines: `String(decoding:as:)` took 6.5 times as long). Debug builds still check,
  /// so a test that reaches a caller breaking the promise stops there.
  @inlinable
  public init(trustedUTF8 bytes: UnsafeBufferPointer<UInt8>) {
    assert(String(validating: bytes, as: UTF8.self) != nil, "ill-formed UTF-8 given as trusted")
    #if !canImport(Darwin) && _endian(little) && _pointerBitWidth(_64)
      if bytes.count <= SmallString.capacity, SmallString.holdsQuickly {
        self = SmallString.make(bytes)
        return
      }
    #endif
    if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
      self.init(copying: unsafe UTF8Span(unchecked: unsafe bytes.span))
    } else {
      self.init(decoding: bytes, as: UTF8.self)
    }
  }

  /// `init(unsafeUninitializedCapacity:initializingUTF8With:)` for bytes the caller knows to
  /// be well-formed (see `init(trustedUTF8:)`): written to scratch memory, copied once.
  @inlinable
  public init(
    trustedUTF8Capacity capacity: Int, initializingWith body: (UnsafeMutableBufferPointer<UInt8>) throws -> Int
  ) rethrows {
    self = try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
      let count = try body(buffer)
      return String(trustedUTF8: UnsafeBufferPointer(rebasing: buffer[..<count]))
    }
  }
}

extension String {
  /// `a + b + c` written once into a string of the right size: each `+` of the standard
  /// library grows and copies through its general append path (~370 instructions a join).
  @inlinable
  public static func joining(_ a: String, _ b: String, _ c: String = "") -> String {
    a.withUTF8Bytes { a in
      b.withUTF8Bytes { b in
        c.withUTF8Bytes { c in
          String(trustedUTF8Capacity: a.count + b.count + c.count) { out in
            var n = 0
            @inline(__always) func put(_ part: UnsafeBufferPointer<UInt8>) {
              guard let from = part.baseAddress, part.count > 0 else { return }
              (out.baseAddress! + n).update(from: from, count: part.count)
              n += part.count
            }
            put(a)
            put(b)
            put(c)
            return n
          }
        }
      }
    }
  }

  /// A string of these scalars. `String(String.UnicodeScalarView(s))` and
  /// `UnicodeScalarView.append(contentsOf:)` run unspecialised here, through a map and an
  /// iterator witness for every scalar (measured: ~70,000 instructions for one cleaned line);
  /// this writes the UTF-8 directly.
  @inlinable
  public init(scalars: some Collection<Unicode.Scalar>) {
    let count = scalars.count
    self.init(trustedUTF8Capacity: count * 4) { out in
      var o = 0
      for c in scalars {
        let v = c.value
        if v < 0x80 {
          out[o] = UInt8(v)
          o += 1
        } else if v < 0x800 {
          out[o] = UInt8(0xC0 | v >> 6)
          out[o + 1] = UInt8(0x80 | v & 0x3F)
          o += 2
        } else if v < 0x10000 {
          out[o] = UInt8(0xE0 | v >> 12)
          out[o + 1] = UInt8(0x80 | v >> 6 & 0x3F)
          out[o + 2] = UInt8(0x80 | v & 0x3F)
          o += 3
        } else {
          out[o] = UInt8(0xF0 | v >> 18)
          out[o + 1] = UInt8(0x80 | v >> 12 & 0x3F)
          out[o + 2] = UInt8(0x80 | v >> 6 & 0x3F)
          out[o + 3] = UInt8(0x80 | v & 0x3F)
          o += 4
        }
      }
      return o
    }
  }
}

extension StringProtocol {
  /// `hasPrefix(prefix)`, settled on the bytes where they can settle it: String's own test
  /// compares Characters under canonical equivalence, ~1,000 instructions a call, and the
  /// parser asks it of nearly every line ("KT. CHỦ TỊCH" against "Căn cứ …").
  ///
  /// - Bytes that all match settle "yes" when the prefix ends in an ASCII scalar and what
  ///   follows in the text cannot join it (ASCII, but not the "\n" of "\r\n").
  /// - At the first byte that differs, where the prefix has an ASCII scalar that is a
  ///   Character by itself (after an ASCII scalar or at the start, before one or at the end):
  ///   an ASCII text byte settles "no", and so does any other scalar but the three that are
  ///   canonically equal to an ASCII one (U+037E ";", U+1FEF "`", U+212A "K").
  /// - Everything else (a difference among non-ASCII bytes, a prefix ending in one) is left to
  ///   `hasPrefix`.
  @inlinable
  public func hasPrefixQuickly(_ prefix: String) -> Bool {
    prefix.utf8.withContiguousStorageIfAvailable { p in hasPrefixQuickly(prefix, utf8: p) } ?? hasPrefix(prefix)
  }

  /// `hasPrefixQuickly(prefix)` with the prefix's UTF-8 held by the caller: a prefix tested
  /// against line after line need not have its bytes got out of the String each time.
  @inlinable
  public func hasPrefixQuickly(_ prefix: String, utf8 p: UnsafeBufferPointer<UInt8>) -> Bool {
    let answer: Bool?? = utf8.withContiguousStorageIfAvailable { t in Self.bytePrefixAnswer(t, p) }
    return (answer ?? nil) ?? hasPrefix(prefix)
  }

  /// What the bytes settle: true, false, or nil when only Characters can.
  @inlinable
  public static func bytePrefixAnswer(_ t: UnsafeBufferPointer<UInt8>, _ p: UnsafeBufferPointer<UInt8>) -> Bool? {
    var i = 0
    while i < p.count {
      // A text that is a byte prefix of the prefix has a shorter decomposition: never equal.
      guard i < t.count else { return false }
      let b = p[i]
      let c = t[i]
      if c == b {
        i += 1
        continue
      }
      guard b < 0x80, i == 0 || p[i - 1] < 0x80 else { return nil }
      if c < 0x80 { return false }
      let alone = i + 1 == p.count || p[i + 1] < 0x80
      return alone && !startsASCIIEquivalent(t, at: i) ? false : nil
    }
    guard p.last.map({ $0 < 0x80 }) ?? true else { return nil }
    guard i < t.count else { return true }
    let next = t[i]
    return next < 0x80 && !(next == 0x0A && p.last == 0x0D) ? true : nil
  }

  /// `hasSuffix` of one ASCII character (")", ";", ":"), settled on the bytes where they can
  /// settle it, as `hasPrefixQuickly` does for prefixes (`hasSuffix` compares Characters, ~1,000
  /// instructions a call; footers, rows and references ask it of most of their words):
  /// - The text ends in `b`: yes, when nothing stands before it or the scalar before is ASCII
  ///   (not the "\r" of "\r\n") or a Latin letter (`ScalarClass.isPlainLetter`), none of which
  ///   joins a grapheme with `b` (only a Prepend scalar would).
  /// - It ends in another ASCII scalar: no (the last Character's decomposition ends in it).
  /// - It ends in a scalar beyond ASCII: no, but for the three whose decomposition is one
  ///   ASCII scalar (U+037E ";", U+1FEF "`", U+212A "K").
  /// - Everything else is left to `hasSuffix`.
  /// A scalar beyond ASCII is asked of `hasSuffix` straight away.
  @inlinable
  public func endsWith(ascii c: Unicode.Scalar) -> Bool {
    guard c.isASCII else { return hasSuffix(String(c)) }
    let b = UInt8(truncatingIfNeeded: c.value)
    let answer: Bool?? = utf8.withContiguousStorageIfAvailable { Self.byteSuffixAnswer($0, b) }
    return (answer ?? nil) ?? hasSuffix(String(c))
  }

  /// What the bytes settle of `endsWith(ascii:)`: true, false, or nil when only Characters can.
  @inlinable
  static func byteSuffixAnswer(_ t: UnsafeBufferPointer<UInt8>, _ b: UInt8) -> Bool? {
    guard let last = t.last else { return false }
    let n = t.count
    if last == b {
      guard n >= 2 else { return true }
      let before = t[n - 2]
      if before < 0x80 { return before == 0x0D && b == 0x0A ? nil : true }
      let lead = UTF8Scalar.start(t, holding: n - 2)
      let v = UTF8Scalar.decode(t, at: lead).value
      return ScalarClass.isPlainLetter(v) ? true : nil
    }
    if last < 0x80 { return false }
    let lead = UTF8Scalar.start(t, holding: n - 1)
    return startsASCIIEquivalent(t, at: lead) ? nil : false
  }

  /// Whether the scalar starting at byte `i` decomposes to one ASCII scalar
  /// (`ScalarClass.asciiEquivalent`).
  @inlinable
  static func startsASCIIEquivalent(_ t: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
    t[i] >= 0x80 && ScalarClass.asciiEquivalent(of: UTF8Scalar.decode(t, at: i).value) != nil
  }
}

/// String indexes made straight from UTF-8 offsets known to fall between scalars.
///
/// Every cut the byte scans find is at a scalar boundary, but an index made by offsetting the
/// UTF-8 view does not say so: slicing with it checks both bounds again, out of line, and with
/// the offsetting that was ~250 instructions a Substring (the parser makes hundreds of
/// thousands: lines, words, pieces). `String.Index` is one 64-bit word (the standard library
/// declares it frozen): the offset in bits 16 and up, and in the low bits the flags "on a
/// scalar boundary" (bit 0) and "a UTF-8 offset" (bit 2), which is what the scalar view's own
/// indexes hold. `holds` checks that layout against indexes the standard library makes,
/// once; where it differs, every slice is made the standard way.
public enum ScalarIndex {
  /// Whether `at(_:)` makes what the unicode scalar view makes, on this standard library.
  public static let holds: Bool = {
    guard MemoryLayout<String.Index>.size == 8 else { return false }
    let text = "aé\u{1EA1}b\u{1F600}c \u{0301}d"
    var k = text.unicodeScalars.index(after: text.unicodeScalars.startIndex)
    var offset = text.utf8.distance(from: text.utf8.startIndex, to: k)
    while k < text.unicodeScalars.endIndex {
      let made = at(offset)
      guard unsafeBitCast(made, to: UInt64.self) == unsafeBitCast(k, to: UInt64.self),
        String(text[made...]) == String(text.unicodeScalars[k...])
      else { return false }
      let next = text.unicodeScalars.index(after: k)
      offset += text.utf8.distance(from: k, to: next)
      k = next
    }
    return true
  }()

  /// The index of UTF-8 offset `offset` in a native string, on a scalar boundary. Only where
  /// `holds`, and only for an offset between scalars.
  @inlinable @inline(__always)
  public static func at(_ offset: Int) -> String.Index {
    unsafeBitCast(UInt64(truncatingIfNeeded: offset) << 16 | 0b101, to: String.Index.self)
  }

  /// The UTF-8 offset an index stands at.
  @inlinable @inline(__always)
  public static func offset(of i: String.Index) -> Int {
    Int(truncatingIfNeeded: unsafeBitCast(i, to: UInt64.self) >> 16)
  }

  /// How `utf8Slice` cuts on this standard library, settled once (one check per slice, not
  /// one per shortcut): with the standard subscript, with indexes made by `at(_:)`, or with
  /// the slice itself made by `slice(of:_:_:)` too.
  public enum Slicing: Sendable { case standard, indexes, slices }
  public static let slicing: Slicing = !holds ? .standard : slicesHold ? .slices : .indexes

  /// Whether `slice(of:_:_:)` makes what subscripting a Substring makes, on this standard
  /// library: a Substring is a `Slice<String>` (its start and end index, then the string), and
  /// the bytes of slices made both ways are compared, of a large and a small string, whole and
  /// sliced again.
  static var slicesHold: Bool {
    guard MemoryLayout<Substring>.size == MemoryLayout<(String.Index, String.Index, String)>.size else { return false }
    for text in ["aé\u{1EA1}b\u{1F600}c \u{0301}d and some more text to be a large string", "aé b"] {
      let whole = Substring(text)
      let n = text.utf8.count
      for (lo, hi) in [(0, n), (1, 3), (3, 3), (0, 1), (n - 1, n)] {
        let made = slice(of: whole.base, at(lo), at(hi))
        let standard = whole[at(lo)..<at(hi)]
        var a = made
        var b = standard
        let same = withUnsafeBytes(of: &a) { x in withUnsafeBytes(of: &b) { y in x.elementsEqual(y) } }
        guard same, String(made) == String(standard), made.startIndex == standard.startIndex, made.endIndex == standard.endIndex
        else { return false }
      }
    }
    return true
  }

  /// The slice of `base` between two indexes of `at(_:)`, made as the standard library makes
  /// it but without checking the bounds again (~100 instructions a slice). Only where
  /// `slicing` is `.slices`, for indexes on scalar boundaries within `base`, lower first.
  @inlinable @inline(__always)
  public static func slice(of base: String, _ start: String.Index, _ end: String.Index) -> Substring {
    unsafeBitCast((start, end, base), to: Substring.self)
  }
}

extension Substring {
  /// The slice at these UTF-8 offsets (cut at scalar boundaries, as byte scans cut): copied or
  /// kept as a view without decoding anything.
  @inlinable @inline(__always)
  public func utf8Slice(_ r: Range<Int>) -> Substring {
    // Off Apple's platforms every String is native UTF-8 (no bridged UTF-16 storage, whose
    // indexes count UTF-16), so the offsets are this string's own.
    #if !canImport(Darwin)
      let slicing = ScalarIndex.slicing
      if slicing != .standard {
        let base = ScalarIndex.offset(of: startIndex)
        let start = ScalarIndex.at(base + r.lowerBound)
        let end = ScalarIndex.at(base + r.upperBound)
        // Cut, by this function's contract, at scalar boundaries inside the slice.
        return slicing == .slices ? ScalarIndex.slice(of: self.base, start, end) : self[start..<end]
      }
    #endif
    let u = utf8
    return Substring(u[u.index(u.startIndex, offsetBy: r.lowerBound)..<u.index(u.startIndex, offsetBy: r.upperBound)])
  }
}

extension String {
  @inlinable @inline(__always)
  public func utf8Slice(_ r: Range<Int>) -> Substring { Substring(self).utf8Slice(r) }
}

extension Substring {
  /// `prefix(n)`, the first `n` Characters, without the grapheme-cluster walk where it cannot
  /// differ. Between two scalars of the ranges below a Character always ends (none is Extend,
  /// ZWJ, SpacingMark, Prepend, CR, Hangul, Indic or a regional indicator, so no rule of
  /// UAX #29 joins them): Latin up to U+02FF, Latin Extended Additional (Vietnamese letters)
  /// and the general punctuation U+2010–2027. While every pair is such, each scalar is a
  /// Character; at the first other pair the Character walk decides. Messages quote the start
  /// of long texts, and the folded starts of lines are matched, thousands of times a document.
  /// The scalars are decoded from the bytes: stepping the scalar view cost ~30 instructions a
  /// scalar, a message's quote of 80 some 2,700.
  public func prefix(characters n: Int) -> Substring {
    if utf8.count <= n { return self }
    @inline(__always) func plain(_ v: UInt32) -> Bool {
      (v < 0x300 && v != 0x0D) || (v >= 0x1E00 && v < 0x1F00) || (v >= 0x2010 && v < 0x2028)
    }
    var copy = self
    // The byte offset of the cut (the count when all of it is taken), or nil for the walk.
    let cut: Int? = copy.withUTF8 { b in
      var taken = 0
      var k = 0
      while k < b.count {
        let (v, length) = UTF8Scalar.decode(b, at: k)
        guard plain(v) else { return nil }
        if taken == n { return k }
        taken += 1
        k += length
      }
      return b.count
    }
    guard let cut else { return prefix(n) }
    return cut == utf8.count ? self : utf8Slice(0..<cut)
  }
}

extension String {
  /// `Substring.prefix(characters:)`.
  public func prefix(characters n: Int) -> Substring { self[...].prefix(characters: n) }
}

extension Substring {
  /// What `while let l = last, l is one of the ASCII marks isMark accepts { removeLast() }`
  /// leaves, on the bytes where they settle it (`UTF8Scalar.endBeforeTrailingMarks`), else by
  /// that Character loop. Trimming punctuation off words and names Character by Character cost
  /// several hundred instructions a mark.
  public func droppingTrailing(asciiMarks isMark: (UInt8) -> Bool) -> Substring {
    var copy = self
    guard let end = copy.withUTF8({ UTF8Scalar.endBeforeTrailingMarks($0, isMark) }) else {
      var t = self
      while let l = t.last, l.utf8.count == 1, let b = l.utf8.first, b < 0x80, isMark(b) { t.removeLast() }
      return t
    }
    return end == utf8.count ? self : utf8Slice(0..<end)
  }
}

extension String {
  /// `Substring.droppingTrailing(asciiMarks:)`, the String itself when nothing is dropped.
  public func droppingTrailing(asciiMarks isMark: (UInt8) -> Bool) -> String {
    // On the String's own bytes: through a Substring, even a word with nothing to drop cost
    // ~250 instructions (the slice made and read), and most words have nothing to drop.
    guard let end = withUTF8Bytes({ UTF8Scalar.endBeforeTrailingMarks($0, isMark) }) else {
      let t = Substring(self).droppingTrailing(asciiMarks: isMark)
      return t.utf8.count == utf8.count ? self : String(t)
    }
    if end == utf8.count { return self }
    // Cut before ASCII bytes: the prefix is whole scalars of valid UTF-8.
    return withUTF8Bytes { String(trustedUTF8: UnsafeBufferPointer(rebasing: $0[..<end])) }
  }
}
