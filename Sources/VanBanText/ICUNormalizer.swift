internal import CICU
import VanBanBytes

/// Unicode normalisation through ICU's C API.
///
/// Foundation's `precomposedStringWithCanonicalMapping` is slow and goes quadratic on long
/// decomposed input; whole documents are normalised here, so this stays linear. Most input is
/// already NFC, so ICU's quick check finds the normalised prefix and only the rest is rewritten.
public enum ICUNormalizer {
  /// Canonical composition (NFC).
  public static func nfc(_ s: String) -> String {
    // Every code point below U+0300 (UTF-8 lead byte 0xCC) is NFC and never combines backwards.
    if ICUString.allBytes(of: s, below: 0xCC) { return s }
    if s.withUTF8Bytes({ NFCCheck.isPlainlyNFC($0) }) { return s }
    // Decomposed Vietnamese composed by table on the UTF-8 itself; when that leaves the text
    // plainly NFC it is the NFC (ICU's quick check would pass it as it is), else the text goes
    // the UTF-16 way below.
    if let composed = s.withUTF8Bytes({ MarkComposer.composedUTF8($0) }) { return composed }
    var units = ICUString.utf16(s)
    // Decomposed Vietnamese (a + ◌̂ + ◌́) is composed by table first, which is much cheaper
    // than ICU's composition and leaves the same NFC (see `MarkComposer`).
    let count = units.count
    MarkComposer.composeMarks(&units)
    guard let normalized = normalize(units, form: .nfc) else {
      return units.count == count ? s : ICUString.string(units)
    }
    return ICUString.string(normalized)
  }

  /// Canonical decomposition (NFD).
  public static func nfd(_ s: String) -> String {
    // Nothing below U+00C0 (UTF-8 lead byte 0xC3) has a canonical decomposition.
    if ICUString.allBytes(of: s, below: 0xC3) { return s }
    let units = ICUString.utf16(s)
    guard let normalized = normalize(units, form: .nfd) else { return s }
    return ICUString.string(normalized)
  }

  /// Whether `s` is already in NFC, without building the normalised string.
  public static func isNFC(_ s: String) -> Bool {
    if ICUString.allBytes(of: s, below: 0xCC) { return true }
    if s.withUTF8Bytes({ NFCCheck.isPlainlyNFC($0) }) { return true }
    let units = ICUString.utf16(s)
    var status = vb_status(VB_ZERO_ERROR)
    let instance = Form.nfc.instance
    let result = units.withUnsafeBufferPointer {
      vb_unorm2_isNormalized(instance, $0.baseAddress, Int32($0.count), &status)
    }
    check(status)
    return result != 0
  }

  enum Form {
    case nfc, nfd

    /// ICU caches these singletons behind a once-flag, so fetching one per call is cheap and
    /// avoids keeping a non-Sendable pointer in global state.
    var instance: OpaquePointer {
      var status = vb_status(VB_ZERO_ERROR)
      let instance =
        switch self {
        case .nfc: vb_unorm2_getNFCInstance(&status)
        case .nfd: vb_unorm2_getNFDInstance(&status)
        }
      check(status)
      return instance!
    }
  }

  /// The normalised form of `units`, or nil when they are already normalised (so callers can
  /// hand back their input without converting it again).
  static func normalize(_ units: [UInt16], form: Form) -> [UInt16]? {
    if units.isEmpty { return nil }
    ICUString.checkLength(units.count)
    let instance = form.instance
    return units.withUnsafeBufferPointer { src -> [UInt16]? in
      var status = vb_status(VB_ZERO_ERROR)
      let span = Int(vb_unorm2_spanQuickCheckYes(instance, src.baseAddress, Int32(src.count), &status))
      check(status)
      if span == src.count { return nil }

      // NFC rarely grows text; NFD of Vietnamese grows each precomposed letter to at most three
      // units. On overflow ICU reports the exact size and the work is redone once at that size.
      let guess = form == .nfc ? src.count + 16 : span + 3 * (src.count - span) + 16
      switch appendNormalized(instance, src, span: span, capacity: guess) {
      case .done(let out): return out
      case .needs(let capacity):
        guard case .done(let out) = appendNormalized(instance, src, span: span, capacity: capacity)
        else { fatalError("ICU normalisation outgrew the size it asked for") }
        return out
      }
    }
  }

  private enum Appended {
    case done([UInt16])
    case needs(capacity: Int)
  }

  /// Copies the already-normalised prefix and lets ICU normalise the tail onto it: the pattern
  /// ICU documents for `spanQuickCheckYes`, which keeps the seam correct without this code having
  /// to reason about normalisation boundaries.
  private static func appendNormalized(
    _ instance: OpaquePointer, _ src: UnsafeBufferPointer<UInt16>, span: Int, capacity: Int
  ) -> Appended {
    ICUString.checkLength(capacity)
    let tail = UnsafeBufferPointer(rebasing: src[span...])
    var needed = 0
    let out = [UInt16](unsafeUninitializedCapacity: capacity) { dest, initialized in
      if span > 0 {
        _ = dest.initialize(fromContentsOf: UnsafeBufferPointer(rebasing: src[..<span]))
      }
      var status = vb_status(VB_ZERO_ERROR)
      let length = vb_unorm2_normalizeSecondAndAppend(
        instance, dest.baseAddress, Int32(span), Int32(capacity), tail.baseAddress,
        Int32(tail.count), &status)
      initialized = 0
      if status == vb_status(VB_BUFFER_OVERFLOW_ERROR) {
        needed = Int(length)
        return
      }
      check(status)
      initialized = Int(length)
    }
    return needed > 0 ? .needs(capacity: needed) : .done(out)
  }

  /// ICU fails here only on programming errors (bad arguments) or missing ICU data, neither of
  /// which a caller could recover from.
  static func check(_ status: vb_status, _ what: StaticString = "ICU call") {
    if vb_u_failure(status) != 0 {
      fatalError("\(what) failed: \(String(cString: vb_u_errorName(status)))")
    }
  }
}

/// NFC's quick check on UTF-8, for the text most documents are: every character a starter that
/// NFC keeps as it is (quick check "yes", combining class 0), which makes the text NFC whatever
/// its order. Checking the bytes spares whole documents the round trip through UTF-16 that
/// ICU's check needs; anything else (a combining mark, a character the table does not cover)
/// goes to ICU.
enum NFCCheck {
  /// Table bound: Latin, combining marks, Vietnamese (Latin Extended Additional), General
  /// Punctuation and the Mathematical Operators plans use ("≥", "≤") lie below it.
  static let bound = 0x2300

  /// Per code point below `bound`: whether it is such a starter. Below U+0300 all are.
  static let plainStarter: [Bool] = {
    var table = [Bool](repeating: true, count: bound)
    var status = vb_status(VB_ZERO_ERROR)
    let nfc = vb_unorm2_getNFCInstance(&status)
    ICUNormalizer.check(status)
    for c in 0x300..<bound {
      var unit = UInt16(c)
      let yes = vb_unorm2_quickCheck(nfc, &unit, 1, &status) == 1  // UNORM_YES
      ICUNormalizer.check(status)
      table[c] = yes && vb_unorm2_getCombiningClass(nfc, Int32(c)) == 0
    }
    return table
  }()

  /// Whether every character of Latin Extended Additional (U+1E00–1EFF, E1 B8–BB xx), where
  /// the Vietnamese letters with tone marks are, is such a starter: then eight bytes holding
  /// only those, ASCII, two-byte characters below U+0300 and continuation bytes need no decoding.
  static let latinExtendedAdditionalIsPlain: Bool = (0x1E00...0x1EFF).allSatisfy { plainStarter[$0] }

  /// Whether the eight bytes at `i` hold nothing but ASCII, continuation bytes, lead bytes below
  /// 0xCC (two-byte characters below U+0300) and, when `latinExtendedAdditionalIsPlain`, E1
  /// followed by B8–BB (inside the eight, or as the byte after them).
  @inline(__always)
  static func eightArePlain(_ raw: UnsafeRawPointer, _ bytes: UnsafeBufferPointer<UInt8>, at i: Int, vietnamese: Bool) -> Bool {
    let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
    let high: UInt64 = 0x8080_8080_8080_8080
    // Bytes at or above 0xCC: high bit set, and not below 0x4C once the high bit is cleared.
    var atLeastCC = x & high & ~ByteMask.less(x ^ high, than: 0x4C)
    if atLeastCC == 0 { return true }
    guard vietnamese else { return false }
    // E1 whose next byte is B8, B9, BA or BB: (next & 0xFC) == 0xB8.
    let next = (x >> 8) | (i + 8 < bytes.count ? UInt64(bytes[i + 8]) << 56 : 0)
    let latinExtended = ByteMask.equal(x, to: 0xE1) & ByteMask.equal(next & 0xFCFC_FCFC_FCFC_FCFC, to: 0xB8)
    atLeastCC &= ~latinExtended
    return atLeastCC == 0
  }

  /// `eightArePlain` for the sixteen bytes at `i`, in the vector registers; the byte after
  /// them must exist (it may complete an E1 at the end).
  @inline(__always)
  static func sixteenArePlain(_ raw: UnsafeRawPointer, at i: Int, vietnamese: Bool) -> Bool {
    let x = ByteVector.load(raw, i)
    let atLeastCC = .!ByteVector.less(x, 0xCC)
    if ByteVector.none(atLeastCC) { return true }
    guard vietnamese else { return false }
    let next = ByteVector.load(raw, i + 1) & ByteVector.Bytes(repeating: 0xFC)
    let latinExtended = ByteVector.equal(x, 0xE1) .& ByteVector.equal(next, 0xB8)
    return ByteVector.none(atLeastCC .& .!latinExtended)
  }

  static func isPlainlyNFC(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    plainStarter.withUnsafeBufferPointer { table in
      let n = bytes.count
      guard let base = bytes.baseAddress else { return true }
      let raw = UnsafeRawPointer(base)
      let vietnamese = latinExtendedAdditionalIsPlain
      var i = 0
      while i < n {
        // Sixteen, then eight bytes at a time while they need no decoding (most of a
        // Vietnamese text).
        while i + 17 <= n, sixteenArePlain(raw, at: i, vietnamese: vietnamese) { i += 16 }
        while i + 8 <= n, eightArePlain(raw, bytes, at: i, vietnamese: vietnamese) { i += 8 }
        if i >= n { break }
        // Back on a character boundary: continuation bytes here end a character the steps
        // above passed as plain.
        while i < n, bytes[i] & 0xC0 == 0x80 { i += 1 }
        if i >= n { break }
        // ASCII and the two-byte scalars below U+0300 (leads below 0xCC) are starters NFC keeps,
        // as the table says: settled on the lead byte, without decoding.
        let lead = bytes[i]
        if lead < 0x80 {
          i += 1
          continue
        }
        if lead < 0xCC {
          i += 2
          continue
        }
        let (c, length) = UTF8Scalar.decode(bytes, at: i)
        i += length
        if c >= UInt32(bound) || !table[Int(c)] { return false }
      }
      return true
    }
  }
}
