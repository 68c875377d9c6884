import VanBanBytes

/// The Unicode White_Space characters, found on UTF-8 bytes.
///
/// Splitting and trimming on `Character.isWhitespace` walks grapheme clusters and looks up
/// properties for every character; the cleaners and the agency keys run on every cell and
/// line, so they test bytes instead. The set is exactly White_Space: U+0009–000D, U+0020,
/// U+0085, U+00A0, U+1680, U+2000–200A, U+2028, U+2029, U+202F, U+205F, U+3000.
public enum WhiteSpace {
  /// The UTF-8 length of the white-space character at `i`, or 0.
  @inlinable @inline(__always)
  public static func width(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    let b = bytes[i]
    if b < 0x80 { return b == 0x20 || (b >= 0x09 && b <= 0x0D) ? 1 : 0 }
    let n = bytes.count
    switch b {
    case 0xC2:
      return i + 1 < n && (bytes[i + 1] == 0xA0 || bytes[i + 1] == 0x85) ? 2 : 0
    case 0xE1:
      return i + 2 < n && bytes[i + 1] == 0x9A && bytes[i + 2] == 0x80 ? 3 : 0
    case 0xE2:
      guard i + 2 < n else { return 0 }
      let (b1, b2) = (bytes[i + 1], bytes[i + 2])
      if b1 == 0x80 && (b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) { return 3 }
      return b1 == 0x81 && b2 == 0x9F ? 3 : 0
    case 0xE3:
      return i + 2 < n && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80 ? 3 : 0
    default:
      return 0
    }
  }

  /// The words of `s` — runs of anything but white space — joined by single spaces.
  ///
  /// With `keepingTabs` (a cleaned input line, whose tabs separate table cells): tabs stay,
  /// with the spaces around them dropped; line breaks are kept as text; the zero-width space
  /// and the BOM count as spaces.
  public static func collapse(_ s: Substring, keepingTabs: Bool = false) -> String {
    var s = s
    // Most lines and cells are already collapsed: then a copy of the bytes, which Swift need
    // not validate again, is cheaper than writing a new string (which it must). Made here from
    // the buffer the scan read, not from the substring (whose conversion cost ~90 more
    // instructions a line).
    return s.withUTF8 { b in
      let inner = withoutEndSpaces(b)
      return isCollapsed(inner, keepingTabs: keepingTabs)
        ? String(trustedUTF8: inner) : rewritten(inner, keepingTabs: keepingTabs)
    }
  }

  /// `bytes` without the spaces (U+0020) that open and close it. A rewrite never writes them
  /// (a space is only written before a word that follows another), so the collapsed form of
  /// the rest is the collapsed form of the whole. Lines from PDFs and markdown's hard breaks
  /// end in spaces and are collapsed between them: read this way they are a copy of the
  /// bytes in between, where the scan stopped at their end and rewrote them (half of the
  /// collapsing cost of a plan whose every line ends in two spaces).
  @inline(__always)
  static func withoutEndSpaces(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var lo = 0
    var hi = bytes.count
    while hi > 0, bytes[hi &- 1] == 0x20 { hi &-= 1 }
    while lo < hi, bytes[lo] == 0x20 { lo &+= 1 }
    if lo == 0, hi == bytes.count { return bytes }
    return UnsafeBufferPointer(rebasing: bytes[lo..<hi])
  }

  /// `collapse(s, keepingTabs:)`, or nil when `s` holds one of the four `stops` bytes (ASCII):
  /// the walk that tells whether a line is collapsed looks for them on the way, so a caller
  /// that treats such lines apart (markup) reads each line once.
  public static func collapse(_ s: Substring, keepingTabs: Bool, unlessAny stops: (UInt8, UInt8, UInt8, UInt8)) -> String? {
    var s = s
    return s.withUTF8 { b in collapse(utf8: b, keepingTabs: keepingTabs, unlessAny: stops) }
  }

  /// `collapse(_:keepingTabs:unlessAny:)` of valid UTF-8 at hand.
  public static func collapse(
    utf8 b: UnsafeBufferPointer<UInt8>, keepingTabs: Bool, unlessAny stops: (UInt8, UInt8, UInt8, UInt8)
  ) -> String? {
    // A space is no stop the callers name; if it were, the end spaces would have to be
    // scanned for it.
    let inner = stops.0 == 0x20 || stops.1 == 0x20 || stops.2 == 0x20 || stops.3 == 0x20 ? b : withoutEndSpaces(b)
    switch scan(inner, keepingTabs: keepingTabs, stops: stops) {
    case .stopped: return nil
    case .collapsed: return String(trustedUTF8: inner)
    case .uncollapsed: return rewritten(inner, keepingTabs: keepingTabs)
    }
  }

  /// The words of `bytes` (valid UTF-8) written out again.
  static func rewritten(_ bytes: UnsafeBufferPointer<UInt8>, keepingTabs: Bool) -> String {
    let n = bytes.count
    guard n > 0, let base = bytes.baseAddress else { return "" }
    let raw = UnsafeRawPointer(base)
    // One pass into the string's own storage: the output is never longer than the input
    // (a run of white space becomes at most one byte), and this runs on every line and cell.
    return String(trustedUTF8Capacity: n) { out in
      let target = UnsafeMutableRawPointer(out.baseAddress!)
      var o = 0
      var pending = false
      var i = 0
      while i < n {
        // Sixteen bytes at a time up to the first that may be white space or a control (a
        // space, a tab, a lead byte of a wide space; E1 only before 9A, since it leads most
        // Vietnamese letters too): the bytes before it are text, copied as they are. The lines
        // that come here are column layouts, mostly text between runs of spaces, which were
        // copied a byte at a time.
        if i + 18 <= n {
          let x = ByteVector.load(raw, i)
          let next = ByteVector.load(raw, i + 1)
          let afterNext = ByteVector.load(raw, i + 2)
          @inline(__always) func mayBeSpace(_ v: ByteVector.Bytes, _ following: ByteVector.Bytes) -> ByteVector.Lanes {
            ByteVector.less(v, 0x21) .| ByteVector.equal(v, 0xC2) .| ByteVector.equal(v, 0xE2) .| ByteVector.equal(v, 0xE3)
              .| ByteVector.equal(v, 0xEF) .| (ByteVector.equal(v, 0xE1) .& ByteVector.equal(following, 0x9A))
          }
          // A single space between text stays as it is; a space opening the sixteen (after
          // what the output holds) or before more white space is left to the byte steps.
          var special = mayBeSpace(x, next) .& .!(ByteVector.equal(x, 0x20) .& .!mayBeSpace(next, afterNext))
          special[0] = special[0] || x[0] == 0x20
          let text = ByteVector.none(special) ? 16 : Int(ByteVector.bits(special).trailingZeroBitCount)
          if text > 0 {
            if pending, o > 0, out[o - 1] != 0x09 {
              out[o] = 0x20
              o += 1
            }
            pending = false
            // All sixteen are stored (the output is never ahead of the input, so there is room);
            // only the text's are kept, the rest written over next.
            target.storeBytes(of: x, toByteOffset: o, as: ByteVector.Bytes.self)
            o += text
            i += text
            continue
          }
        }
        let b = bytes[i]
        // A space, the usual first byte here (columns are set apart by runs of them).
        if b == 0x20 {
          pending = true
          i += 1
          continue
        }
        let w = isPlain(b) ? 0 : keepingTabs ? lineSpaceWidth(bytes, i) : width(bytes, i)
        if w > 0 {
          pending = true
          i += w
          continue
        }
        if b != 0x09, pending, o > 0, out[o - 1] != 0x09 {
          out[o] = 0x20
          o += 1
        }
        pending = false
        out[o] = b
        o += 1
        i += 1
      }
      return o
    }
  }

  /// Whether `collapse` would return `bytes` unchanged: every white-space character is a
  /// single space between two characters that are not white space (nor, in a line of cells,
  /// a tab). Conservative: a `false` only costs the full pass.
  public static func isCollapsed(_ bytes: UnsafeBufferPointer<UInt8>, keepingTabs: Bool) -> Bool {
    scan(bytes, keepingTabs: keepingTabs, stops: nil) == .collapsed
  }

  /// What one walk over a line finds.
  public enum Scan { case stopped, collapsed, uncollapsed }

  /// `isCollapsed`, and with `stops` whether one of those bytes occurs (which wins).
  public static func scan(_ bytes: UnsafeBufferPointer<UInt8>, keepingTabs: Bool, stops: (UInt8, UInt8, UInt8, UInt8)?) -> Scan {
    let n = bytes.count
    guard let p = bytes.baseAddress else { return .collapsed }
    let raw = UnsafeRawPointer(p)
    @inline(__always) func stopMask(_ x: UInt64) -> UInt64 {
      guard let s = stops else { return 0 }
      return ByteMask.equal(x, to: s.0) | ByteMask.equal(x, to: s.1) | ByteMask.equal(x, to: s.2) | ByteMask.equal(x, to: s.3)
    }
    @inline(__always) func isStop(_ b: UInt8) -> Bool {
      guard let s = stops else { return false }
      return b == s.0 || b == s.1 || b == s.2 || b == s.3
    }
    /// Not collapsed: only whether a stop byte comes later still matters.
    func rest(from start: Int) -> Scan {
      guard stops != nil else { return .uncollapsed }
      var j = start
      while j + 8 <= n {
        if stopMask(raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)) != 0 { return .stopped }
        j += 8
      }
      while j < n {
        if isStop(p[j]) { return .stopped }
        j += 1
      }
      return .uncollapsed
    }
    var i = 0
    // Sixteen bytes at a time, with the sixteen after each byte beside them, while they hold
    // nothing but text and single spaces between text. A lane is in doubt when it is a stop, a
    // control (tab included), a lead byte of a wide space, or a space followed by a space or a
    // control; a space in the first lane also needs the byte before it. Doubtful sixteen are
    // settled byte by byte, which sees the neighbours.
    while i + 17 <= n {
      let x = ByteVector.load(raw, i)
      let next = ByteVector.load(raw, i + 1)
      let spaces = ByteVector.equal(x, 0x20)
      var doubt = ByteVector.less(x, 0x20) .| ByteVector.equal(x, 0xC2) .| ByteVector.equal(x, 0xE2)
        .| ByteVector.equal(x, 0xE3) .| ByteVector.equal(x, 0xEF)
        .| (ByteVector.equal(x, 0xE1) .& ByteVector.equal(next, 0x9A)) .| (spaces .& ByteVector.less(next, 0x21))
      if let s = stops {
        doubt = doubt .| ByteVector.equal(x, s.0) .| ByteVector.equal(x, s.1) .| ByteVector.equal(x, s.2) .| ByteVector.equal(x, s.3)
      }
      let clear = ByteVector.none(doubt)
      if clear, x[0] != 0x20 || (i > 0 && p[i &- 1] > 0x20) {
        i += 16
        continue
      }
      let doubtful = clear ? 0 : ByteVector.bits(doubt)
      // Settled lane by lane, in order: the doubtful lanes, the lane after each (a space
      // after a tab is only doubtful by its neighbour), and the first lane (a space whose
      // neighbour is the byte before the sixteen). Any other lane is text or a space between
      // text, as its test and its neighbours' say, so it keeps the line collapsed.
      var lanes = (doubtful | doubtful << 1 | 1) & 0xFFFF
      while lanes != 0 {
        let j = i + lanes.trailingZeroBitCount
        if isStop(p[j]) { return .stopped }
        if !byteKeepsCollapsed(bytes, j, keepingTabs: keepingTabs) { return rest(from: j) }
        lanes &= lanes &- 1
      }
      i += 16
    }
    // The last few bytes, eight at a time while they hold nothing but text and single spaces
    // between text (short cells are all this). Anything else (a tab, a control, a lead byte
    // of a wide space, a space at the edge of the eight whose neighbour is in doubt) is
    // settled byte by byte.
    while i + 8 <= n {
      let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      if stopMask(x) != 0 { return .stopped }
      let spaces = ByteMask.equal(x, to: 0x20)
      let leads = ByteMask.equal(x, to: 0xC2) | ByteMask.equal(x, to: 0xE2) | ByteMask.equal(x, to: 0xE3)
        | ByteMask.equal(x, to: 0xEF) | (ByteMask.equal(x, to: 0xE1) & (ByteMask.equal(x, to: 0x9A) >> 8))
      var clear = leads == 0 && ByteMask.less(x, than: 0x21) == spaces
      if clear, spaces != 0 {
        // Two spaces in a row: never collapsed.
        if spaces & (spaces << 8) != 0 { return rest(from: i) }
        if spaces & 0x80 != 0, i == 0 || p[i &- 1] <= 0x20 { clear = false }
        if spaces & (0x80 << 56) != 0, i + 8 >= n || p[i + 8] <= 0x20 || p[i + 8] >= 0x80 { clear = false }
      }
      // An E1 closing the eight may start U+1680 with the next byte.
      if clear, p[i + 7] == 0xE1, i + 8 < n, p[i + 8] == 0x9A { clear = false }
      if clear {
        i += 8
        continue
      }
      let end = i + 8
      while i < end {
        if !byteKeepsCollapsed(bytes, i, keepingTabs: keepingTabs) { return rest(from: i) }
        i += 1
      }
    }
    while i < n {
      if isStop(p[i]) { return .stopped }
      if !byteKeepsCollapsed(bytes, i, keepingTabs: keepingTabs) { return rest(from: i) }
      i += 1
    }
    return .collapsed
  }

  /// The test of `isCollapsed` at one byte: false where the byte shows the text is not
  /// collapsed. Every byte is tested alone (continuation bytes pass as plain).
  @inline(__always)
  public static func byteKeepsCollapsed(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, keepingTabs: Bool) -> Bool {
    let n = bytes.count
    let b = bytes[i]
    // E1 leads most Vietnamese letters (U+1EA0–1EF9) and only one space, U+1680 (E1 9A 80).
    if isPlain(b) || (b == 0xE1 && (i &+ 1 == n || bytes[i &+ 1] != 0x9A)) { return true }
    if b == 0x20 {
      guard i > 0, i + 1 < n, bytes[i - 1] != 0x09 else { return false }
      let next = bytes[i + 1]
      if next <= 0x20 { return false }
      return isPlain(next) || (keepingTabs ? lineSpaceWidth(bytes, i + 1) : width(bytes, i + 1)) == 0
    }
    return (keepingTabs ? lineSpaceWidth(bytes, i) : width(bytes, i)) == 0
  }

  /// Printable ASCII, most of the bytes, is never white space, and neither is any character
  /// whose lead byte is not one of the white-space leads: no width test for these.
  @inlinable @inline(__always)
  public static func isPlain(_ b: UInt8) -> Bool {
    (b > 0x20 && b < 0x80) || (b >= 0x80 && !mayLeadSpace(b))
  }

  /// Whether a byte at or above 0x80 may start a white-space character (`width`), or, in a
  /// line of cells, the zero-width space or the BOM.
  @inlinable @inline(__always)
  static func mayLeadSpace(_ b: UInt8) -> Bool {
    b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3 || b == 0xEF
  }

  /// `width` within one line of cells: tab and line breaks are not spaces there, the
  /// zero-width space and the BOM are.
  @inline(__always)
  private static func lineSpaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    let b = bytes[i]
    if b == 0x09 || b == 0x0A || b == 0x0D { return 0 }
    if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x8B { return 3 }
    if b == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF { return 3 }
    return width(bytes, i)
  }

  /// The words of `s`: runs of anything but white space.
  public static func words(_ s: some StringProtocol) -> [String] {
    collapse(Substring(s)).utf8.split(separator: 0x20).map { String(Substring($0)) }
  }
}
