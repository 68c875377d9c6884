internal import CICU
internal import CTables
import VanBanBytes

/// `FoldingKey.toneInsensitive` for the text vanban actually sees, one table look-up per scalar.
///
/// Folding was the parser's largest cost: every word of every line is compared through this key,
/// and the general path takes five ICU passes and three conversions between UTF-8 and UTF-16 per
/// call. Vietnamese needs only Latin letters, the Vietnamese block and punctuation, and in NFC
/// text each of those folds on its own, so the per-scalar results are computed once through the
/// general path's own ICU calls and then replayed. Whatever the table does not cover (combining
/// marks, other scripts, two tones in one syllable) gives nil, and the caller takes the general
/// path, so the key is the same either way (`FoldingKeyTests` compares the two).
enum ToneFoldTable {
  /// What one scalar becomes, while the table is built.
  struct Entry {
    enum Kind: UInt8 { case unsupported = 0, letter, other, space }
    var kind: Kind
    /// Folded, NFC, without its tone mark; UTF-8.
    var base: [UInt8]
    /// The tone mark the scalar carried (U+0300, 0301, 0303, 0309 or 0323), or 0.
    var tone: UInt16
    /// For a letter: `base` with each of the five tones composed on, as NFC UTF-8, indexed
    /// like `tones`; the syllable's tone lands on its last letter.
    var toned: [[UInt8]]
    /// Folded with every nonspacing mark removed and đ → d: `FoldingKey.diacriticFree`.
    var bare: [UInt8] = []
  }

  static let tones: [UInt16] = VietnameseLetters.toneMarkUnits

  /// The entries packed in fixed slots of one byte array, so a look-up is an index and a fold
  /// touches no reference counts: byte 0 the kind, 1 the tone (1–5, or 0), 2 the length of the
  /// base, 3–10 the base, 11–15 the lengths of the toned forms, 16 + 8k the k-th toned form.
  /// 64 the length of the bare form and 65–72 the bare form. An entry that does not fit is
  /// unsupported.
  static let stride = 80
  /// The table as compiled in (CTables): computing it costs more than parsing a plan, and a
  /// one-file run would pay that at every start.
  /// Read-only bytes of the binary: nothing writes through the pointer.
  nonisolated(unsafe) static let packed = UnsafeBufferPointer(start: vb_tone_fold_table(), count: Int(vb_tone_fold_table_size()))

  /// The table computed through ICU, as `packed` was written from (and the tests compare).
  static func computedPacked() -> [UInt8] {
    var bytes: [UInt8] = []
    for (first, end) in blocks {
      for v in first..<end { bytes += pack(makeEntry(v)) }
    }
    return bytes
  }

  /// The blocks covered, as [first, end) scalar values: Latin to the Spacing Modifier Letters
  /// (legacy-encoded text decodes to "ˆ" and "˜", and one such character used to open ICU's
  /// transliterator, several parses' worth of work), Latin Extended Additional (the
  /// Vietnamese letters), General Punctuation to Mathematical Operators.
  static let blocks: [(UInt32, UInt32)] = [(0x0000, 0x0300), (0x1E00, 0x1F00), (0x2000, 0x2300)]

  /// The slot of a scalar, or nil when no block covers it.
  @inline(__always)
  static func slot(_ v: UInt32) -> Int? {
    if v < 0x0300 { return Int(v) * stride }
    if v >= 0x1E00 && v < 0x1F00 { return Int(v - 0x1E00 + 0x0300) * stride }
    if v >= 0x2000 && v < 0x2300 { return Int(v - 0x2000 + 0x0400) * stride }
    return nil
  }

  private static func pack(_ e: Entry) -> [UInt8] {
    var slot = [UInt8](repeating: 0, count: stride)
    guard e.kind != .unsupported, e.base.count <= 8, e.bare.count <= 8, e.toned.allSatisfy({ $0.count <= 8 }) else {
      return slot
    }
    slot[64] = UInt8(e.bare.count)
    for (k, b) in e.bare.enumerated() { slot[65 + k] = b }
    slot[0] = e.kind.rawValue
    slot[1] = e.tone == 0 ? 0 : UInt8((tones.firstIndex(of: e.tone) ?? 0) + 1)
    slot[2] = UInt8(e.base.count)
    for (k, b) in e.base.enumerated() { slot[3 + k] = b }
    for (t, form) in e.toned.enumerated() {
      slot[11 + t] = UInt8(form.count)
      for (k, b) in form.enumerated() { slot[16 + 8 * t + k] = b }
    }
    return slot
  }

  /// The key, or nil when the string holds something only the general path handles.
  static func fold(_ s: String) -> String? {
    return s.withUTF8Bytes { fold(utf8: $0) }
  }

  static func fold(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String? {
    // ASCII without capitals or white space folds to itself.
    var plain = true
    for b in bytes where b >= 0x80 || (b >= 0x41 && b <= 0x5A) || b <= 0x20 {
      plain = false
      break
    }
    if plain { return String(trustedUTF8: bytes) }
    // Built on the stack and copied once: most keys are syllables, which fit a small
    // (inline) String, and creating one from a heap buffer cost more than the fold.
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity(bytes.count)) { out -> String? in
      guard let n = fold(utf8: bytes, into: out) else { return nil }
      return String(trustedUTF8: UnsafeBufferPointer(rebasing: out[..<n]))
    }
  }

  /// The words of the key (cut at its spaces), or nil as `fold` gives nil: one pass and no
  /// String for the whole key.
  static func foldWords(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity(bytes.count)) { out -> [String]? in
      guard let n = fold(utf8: bytes, into: out) else { return nil }
      // Sized first: growing the array word by word cost as much as making the words.
      var spaces = 0
      for i in 0..<n where out[i] == 0x20 { spaces += 1 }
      var words: [String] = []
      words.reserveCapacity(spaces + 1)
      var start = 0
      for i in 0...n where i == n || out[i] == 0x20 {
        if i > start { words.append(String(trustedUTF8: UnsafeBufferPointer(rebasing: out[start..<i]))) }
        start = i + 1
      }
      return words
    }
  }

  /// `foldWords(utf8:)?.first` without making the other words or the array: the first word
  /// is what most phrase tests on a line look at. `.some(nil)` when the fold has no word.
  static func foldFirstWord(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String?? {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity(bytes.count)) { out -> String?? in
      guard let n = fold(utf8: bytes, into: out) else { return nil }
      var start = 0
      for i in 0...n where i == n || out[i] == 0x20 {
        if i > start { return .some(String(trustedUTF8: UnsafeBufferPointer(rebasing: out[start..<i]))) }
        start = i + 1
      }
      return .some(nil)
    }
  }

  /// Copies a form of up to eight bytes from its slot as eight bytes at once: a loop over its
  /// length (one to three bytes, varying letter to letter) had its exit branch mispredicted
  /// at most non-ASCII letters.
  /// The bytes past the form are written over next or lie beyond the result. A slot holds
  /// eight bytes from each form's start (`stride`), and `out` has eight bytes of room beyond
  /// what the byte loop could write (`capacity`).
  @inline(__always)
  private static func copy8(_ table: UnsafeBufferPointer<UInt8>, _ from: Int, _ out: UnsafeMutableBufferPointer<UInt8>, _ at: Int) {
    let v = UnsafeRawPointer(table.baseAddress! + from).loadUnaligned(as: UInt64.self)
    UnsafeMutableRawPointer(out.baseAddress! + at).storeBytes(of: v, as: UInt64.self)
  }

  /// A fold is never more than three times as long: the longest expansion is one two-byte
  /// scalar becoming a letter plus a combining tone. Eight bytes more for the last form
  /// written, and eight for `copy8`'s store past it.
  private static func capacity(_ count: Int) -> Int { count * 3 + 16 }

  /// Folds into `out` (of `capacity(bytes.count)`), giving the length, or nil when the table
  /// does not cover the text.
  private static func fold(utf8 bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
    { (table: UnsafeBufferPointer<UInt8>) -> Int? in
      var ok = true
      do {
        var n = 0
        var pendingSpace = false
        var tone = 0
        var lastSlot = -1
        var lastAt = 0

        @inline(__always) func flush() {
          guard tone != 0, lastSlot >= 0 else {
            tone = 0
            return
          }
          n = lastAt
          let len = Int(table[lastSlot + 10 + tone])
          let from = lastSlot + 16 + 8 * (tone - 1)
          copy8(table, from, out, n)
          n += len
          tone = 0
        }
        @inline(__always) func space() {
          if pendingSpace {
            out[n] = 0x20
            n += 1
            pendingSpace = false
          }
        }

        var i = 0
        let count = bytes.count
        while i < count {
          let b = bytes[i]
          if b < 0x80 {
            i += 1
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
              flush()
              lastSlot = -1
              pendingSpace = n > 0
              continue
            }
            space()
            let lower = b | 0x20
            if lower >= 0x61 && lower <= 0x7A {
              lastSlot = Int(b) * stride
              lastAt = n
              out[n] = lower
            } else {
              flush()
              lastSlot = -1
              out[n] = b
            }
            n += 1
            continue
          }
          let (v, width) = UTF8Scalar.decode(bytes, at: i)
          i += width
          // Four-byte scalars and everything beyond the blocks: the general path.
          guard let at = slot(v) else {
            ok = false
            break
          }
          switch table[at] {
          case Entry.Kind.letter.rawValue:
            space()
            let t = Int(table[at + 1])
            if t != 0 {
              if tone != 0 {
                ok = false  // two tones in one syllable: let ICU order them
                break
              }
              tone = t
            }
            lastSlot = at
            lastAt = n
          case Entry.Kind.other.rawValue:
            space()
            flush()
            lastSlot = -1
          case Entry.Kind.space.rawValue:
            flush()
            lastSlot = -1
            pendingSpace = n > 0
            continue
          default:
            ok = false
          }
          if !ok { break }
          let len = Int(table[at + 2])
          copy8(table, at + 3, out, n)
          n += len
        }
        if !ok { return nil }
        flush()
        return n
      }
    }(packed)
  }

  /// `FoldingKey.diacriticFree`, or nil when the string holds something the table does not
  /// cover. No syllables here: every scalar loses its marks on its own.
  static func bare(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String? {
    { (table: UnsafeBufferPointer<UInt8>) -> String? in
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity(bytes.count)) { out -> String? in
        var n = 0
        var pendingSpace = false
        var i = 0
        let count = bytes.count
        while i < count {
          let (v, width) = UTF8Scalar.decode(bytes, at: i)
          i += width
          guard let at = slot(v) else { return nil }
          let kind = table[at]
          if kind == Entry.Kind.space.rawValue {
            pendingSpace = n > 0
            continue
          }
          if kind == Entry.Kind.unsupported.rawValue { return nil }
          if pendingSpace {
            out[n] = 0x20
            n += 1
            pendingSpace = false
          }
          let len = Int(table[at + 64])
          copy8(table, at + 65, out, n)
          n += len
        }
        return String(trustedUTF8: UnsafeBufferPointer(rebasing: out[..<n]))
      }
    }(packed)
  }

  // MARK: Building the table

  private static let unsupported = Entry(kind: .unsupported, base: [], tone: 0, toned: [])

  private static func makeEntry(_ v: UInt32) -> Entry {
    guard let scalar = Unicode.Scalar(v), !(0x0300...0x036F).contains(v), !(0xD800...0xDFFF).contains(v) else {
      return unsupported
    }
    if isWhiteSpace(v) { return Entry(kind: .space, base: [], tone: 0, toned: []) }
    var entry = foldedEntry(scalar)
    if entry.kind != .unsupported { entry.bare = bareForm(scalar) }
    return entry
  }

  /// Folded, decomposed, nonspacing marks dropped, composed, đ → d: what the transliterator
  /// does, without opening it (that alone costs more than parsing a plan, and most runs never
  /// need it); `FoldingKeyTests` holds the two equal on every covered scalar.
  private static func bareForm(_ scalar: Unicode.Scalar) -> [UInt8] {
    let folded = FoldingKey.caseFoldedUnits(String(scalar))
    let nfd = ICUNormalizer.normalize(folded, form: .nfd) ?? folded
    let kept = String(decoding: nfd, as: UTF16.self).unicodeScalars
      .filter { $0.properties.generalCategory != .nonspacingMark }
      .map { $0 == "\u{0111}" ? "d" : $0 }
    let units = Array(String(String.UnicodeScalarView(kept)).utf16)
    let composed = ICUNormalizer.normalize(units, form: .nfc) ?? units
    return Array(String(decoding: composed, as: UTF16.self).utf8)
  }

  private static func foldedEntry(_ scalar: Unicode.Scalar) -> Entry {
    let units = Array(String(scalar).utf16)
    // Not NFC on its own (a singleton such as the Kelvin sign): the general path.
    if ICUNormalizer.normalize(units, form: .nfc) != nil { return unsupported }
    let folded = FoldingKey.caseFoldedUnits(String(scalar))
    let nfd = ICUNormalizer.normalize(folded, form: .nfd) ?? folded
    let toneMarks = nfd.filter { tones.contains($0) }
    let rest = nfd.filter { !tones.contains($0) }
    guard toneMarks.count <= 1 else { return unsupported }
    let base = ICUNormalizer.normalize(rest, form: .nfc) ?? rest
    let baseScalars = Array(String(decoding: base, as: UTF16.self).unicodeScalars)
    let letters = baseScalars.filter(isLetterOrMark)
    guard !baseScalars.isEmpty else { return unsupported }
    if letters.isEmpty {
      guard toneMarks.isEmpty else { return unsupported }
      return Entry(kind: .other, base: Array(String(decoding: base, as: UTF16.self).utf8), tone: 0, toned: [])
    }
    guard letters.count == baseScalars.count else { return unsupported }
    let toned = tones.map { mark -> [UInt8] in
      let pair = base + [mark]
      let composed = ICUNormalizer.normalize(pair, form: .nfc) ?? pair
      return Array(String(decoding: composed, as: UTF16.self).utf8)
    }
    return Entry(
      kind: .letter, base: Array(String(decoding: base, as: UTF16.self).utf8),
      tone: toneMarks.first ?? 0, toned: toned)
  }

  /// Unicode White_Space, as `FoldingKey` collapses it.
  static func isWhiteSpace(_ v: UInt32) -> Bool {
    switch v {
    case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
      return true
    default:
      return false
    }
  }

  static func isLetterOrMark(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
      let v = scalar.value | 0x20
      return v >= 0x61 && v <= 0x7A
    }
    if (0x0300...0x036F).contains(scalar.value) { return true }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .nonspacingMark, .spacingMark, .enclosingMark:
      return true
    default:
      return false
    }
  }
}
