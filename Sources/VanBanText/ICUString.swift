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
    checkLength(units.count)
    // Sizing the result exactly avoids reserving 3 bytes per unit for whole documents.
    let byteCount = utf8Count(units)
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
