internal import CICU
import VanBanBytes

/// Moves text between Swift's native UTF-8 strings and the UTF-16 buffers ICU's C API works on.
///
/// ICU's conversions are used instead of `String.utf16` because whole documents (tens of
/// megabytes) pass through here and ICU's converters are tight loops over contiguous memory.
/// ICU indexes with `int32_t`, so buffers are limited to `Int32.max` code units.
enum ICUString {
  /// The UTF-16 code units of `s`.
  static func utf16(_ s: String) -> [UInt16] {
    return s.withUTF8Bytes { utf8 in utf16(utf8) }
  }

  /// The UTF-16 code units of valid UTF-8 `utf8`.
  static func utf16(_ utf8: UnsafeBufferPointer<UInt8>) -> [UInt16] {
    if utf8.isEmpty { return [] }
    checkLength(utf8.count)
    // Every UTF-8 sequence turns into no more UTF-16 units than it has bytes.
    return [UInt16](unsafeUninitializedCapacity: utf8.count) { dest, initialized in
      var length: Int32 = 0
      var status = vb_status(VB_ZERO_ERROR)
      utf8.withMemoryRebound(to: CChar.self) { src in
        _ = vb_u_strFromUTF8(
          dest.baseAddress, Int32(dest.count), &length, src.baseAddress, Int32(src.count), &status)
      }
      if vb_u_failure(status) != 0 {
        // Unreachable for Swift strings, which are always valid UTF-8; fall back rather than trap.
        initialized = 0
        var i = 0
        for unit in String(decoding: utf8, as: UTF8.self).utf16 {
          dest[i] = unit
          i += 1
        }
        initialized = i
        return
      }
      initialized = Int(length)
    }
  }

  /// A string from UTF-16 code units; unpaired surrogates become U+FFFD.
  static func string(_ units: [UInt16]) -> String {
    units.withUnsafeBufferPointer { string($0) }
  }

  /// The UTF-8 length of well-formed UTF-16 `units` (an unpaired surrogate is counted as 2
  /// bytes, short of the 3 its U+FFFD takes): 1, 2 or 3 bytes a unit, and a surrogate pair 4.
  static func utf8Count(_ units: UnsafeBufferPointer<UInt16>) -> Int {
    // 1, plus 1 from U+0080, plus 1 more from U+0800 except surrogates: without branches, in
    // blocks whose counts fit a UInt32, so the compiler can use vector instructions.
    var count = 0
    var start = 0
    while start < units.count {
      let end = min(units.count, start + 1 << 20)
      var extra: UInt32 = 0
      for i in start..<end {
        let unit = units[i]
        let two: UInt32 = unit >= 0x80 ? 1 : 0
        let three: UInt32 = unit >= 0x800 && unit & 0xF800 != 0xD800 ? 1 : 0
        extra &+= two &+ three
      }
      count += end - start + Int(extra)
      start = end
    }
    return count
  }

  /// A string from UTF-16 code units; unpaired surrogates become U+FFFD.
  static func string(_ units: UnsafeBufferPointer<UInt16>) -> String {
    if units.isEmpty { return "" }
    // Sized exactly, not 3 bytes per unit, for whole documents.
    let byteCount = utf8Count(units)
    if let text = bmpString(units, byteCount: byteCount) { return text }
    checkLength(units.count)
    // With surrogates ICU writes it.
    var failed = false
    // ICU writes well-formed UTF-8 (an unpaired surrogate becomes U+FFFD), so it is not
    // checked again: the checked copy cost more than ICU's conversion (callgrind, mixed
    // sample: 98 against 51 million instructions).
    let result = String(trustedUTF8Capacity: byteCount) { dest in
      var length: Int32 = 0
      var status = vb_status(VB_ZERO_ERROR)
      dest.withMemoryRebound(to: CChar.self) { dest in
        _ = vb_u_strToUTF8WithSub(
          dest.baseAddress, Int32(dest.count), &length, units.baseAddress, Int32(units.count),
          0xFFFD, nil, &status)
      }
      // An unpaired surrogate takes 3 bytes as U+FFFD rather than the 2 counted above.
      if vb_u_failure(status) != 0 || Int(length) > dest.count {
        failed = true
        return 0
      }
      return Int(length)
    }
    return failed ? String(decoding: units, as: UTF16.self) : result
  }

  /// The UTF-8 of `units` (sized `byteCount` by `utf8Count`), or nil when one is a surrogate:
  /// each unit written as one to three bytes without a branch on its length. A table gives
  /// every unit's bytes and, in the fourth byte, their count; four bytes are stored and the
  /// output moves on by the count. The legacy decoders and UTF-16 files give Vietnamese text,
  /// whose units change between one, two and three bytes every few units; ICU's converter
  /// branched on each and went wrong at most changes (it was twice as costly in time as in
  /// instructions). A surrogate's entry (two bytes, as `utf8Count` counts it) carries a flag
  /// looked at once the loop is done; then ICU writes the text.
  static func bmpString(_ units: UnsafeBufferPointer<UInt16>, byteCount: Int) -> String? {
    var flags: UInt32 = 0
    // Three bytes of room past the text for the last four-byte store.
    let text = utf8OfUnits.withUnsafeBufferPointer { table in
      String(trustedUTF8Capacity: byteCount + 3) { out in
        guard let base = out.baseAddress, let table = table.baseAddress else { return 0 }
        let raw = UnsafeMutableRawPointer(base)
        var o = 0
        // Gathered in a local and handed out once: `flags` itself, captured by the closure,
        // lives in memory, and or-ing each entry into it made every unit wait for the last
        // unit's store (half the time of this loop).
        var seen: UInt32 = 0
        for u in units {
          let entry = table[Int(u)]
          raw.storeBytes(of: UInt32(littleEndian: entry), toByteOffset: o, as: UInt32.self)
          o &+= Int(entry >> 24 & 0x3)
          seen |= entry
        }
        flags = seen
        // A surrogate's place holds two ASCII bytes, so the string is well-formed either way.
        return o
      }
    }
    return flags & surrogateFlag == 0 ? text : nil
  }

  private static let surrogateFlag: UInt32 = 0x8000_0000

  /// For every UTF-16 unit, its UTF-8 bytes (lead lowest) with their count in the high byte's
  /// low bits; a surrogate's entry is two ASCII bytes and `surrogateFlag`. 256 KB, of which
  /// Vietnamese text touches a few lines.
  static let utf8OfUnits: [UInt32] = (0..<0x10000).map { u -> UInt32 in
    let v = UInt32(u)
    if v < 0x80 { return v | 1 << 24 }
    if v < 0x800 { return (0xC0 | v >> 6) | (0x80 | v & 0x3F) << 8 | 2 << 24 }
    if v & 0xF800 == 0xD800 { return 0x3F3F | 2 << 24 | surrogateFlag }
    return (0xE0 | v >> 12) | (0x80 | v >> 6 & 0x3F) << 8 | (0x80 | v & 0x3F) << 16 | 3 << 24
  }

  /// Whether every byte of `s`'s UTF-8 is below `limit`: a cheap test that all code points are
  /// below the first one some Unicode operation would change.
  static func allBytes(of s: String, below limit: UInt8) -> Bool {
    return s.withUTF8Bytes { allBytes($0, below: limit) }
  }

  static func allBytes(_ bytes: UnsafeBufferPointer<UInt8>, below limit: UInt8) -> Bool {
    // Fixed-size blocks let the compiler vectorise the max reduction while still stopping early.
    let block = 256
    var start = 0
    while start < bytes.count {
      let end = min(start + block, bytes.count)
      var highest: UInt8 = 0
      for i in start..<end { highest = max(highest, bytes[i]) }
      if highest >= limit { return false }
      start = end
    }
    return true
  }

  static func checkLength(_ count: Int) {
    precondition(count <= Int(Int32.max), "text too long for ICU (\(count) code units)")
  }
}
