import VanBanBytes

/// Turns the bytes of an input file into text, or says precisely why they are not text.
///
/// Administrative documents arrive as UTF-8 (with or without a BOM, often saved by Windows
/// tools with CRLF), as UTF-16 from Notepad's "Unicode" option, or as some binary office format
/// by mistake. Recognising the binary formats here lets the error say what to run instead of
/// reporting garbage as a parse failure.
public enum TextDecoder {
  /// UTF-8 with or without BOM, UTF-16 LE/BE with BOM, and the legacy Vietnamese encodings
  /// (`LegacyEncoding`), found without being told. Line endings are not changed, only reported,
  /// so offsets into a UTF-8 `text` still match the file.
  ///
  /// Binary detection: magic numbers (PDF, ZIP/DOCX, PNG, JPEG, GIF, OLE2, RTF), then, without a
  /// UTF-16 BOM, a NUL byte or more than 30% control bytes (other than tab, LF, CR and form feed)
  /// in the first 8 KiB. UTF-16 text gets the same statistics on its first 4 Ki code units.
  ///
  /// Bytes that are not UTF-8 are read as Windows-1258, TCVN3 and VNI and the reading that looks
  /// most Vietnamese wins; if none does, the file is reported as invalid UTF-8. Valid UTF-8 made
  /// only of Windows-1252 characters that reads far better as TCVN3 or VNI is converted back.
  ///
  /// - Parameter override: the user's `--encoding`, which skips detection: "utf-8", "utf-16"
  ///   (LE unless a BOM says otherwise, or "utf-16le"/"utf-16be"), or a `LegacyEncoding` name;
  ///   "windows-1258", "tcvn", "abc" and "vni-windows" are accepted too. Case is ignored.
  public static func decode(_ bytes: [UInt8], encoding override: String? = nil) throws(DecodeError) -> DecodedText {
    if bytes.isEmpty { throw .empty }
    if let kind = magicKind(bytes[...]) { throw .binary(kind: kind) }
    if let override {
      let result = try decode(bytes, forced: override)
      if isBlank(result.text) { throw .empty }
      return result
    }

    let decoded: Result<DecodedText, DecodeError>
    if bytes.starts(with: [0xFF, 0xFE]) {
      decoded = decodeUTF16(bytes, bigEndian: false)
    } else if bytes.starts(with: [0xFE, 0xFF]) {
      decoded = decodeUTF16(bytes, bigEndian: true)
    } else {
      decoded = decodeUTF8(bytes, detectLegacy: true)
    }
    let result = try decoded.get()
    if isBlank(result.text) { throw .empty }
    return result
  }

  /// The encodings `--encoding` accepts, by the names users type.
  static func encodingName(_ name: String) -> String? {
    let key = String(name.lowercased().map { $0 == "_" ? "-" : $0 })
    switch key {
    case "utf-8", "utf8": return "utf-8"
    case "utf-16", "utf16": return "utf-16"
    case "utf-16le", "utf16le": return "utf-16le"
    case "utf-16be", "utf16be": return "utf-16be"
    case "cp1258", "windows-1258", "cp-1258": return LegacyEncoding.cp1258.rawValue
    case "tcvn3", "tcvn", "abc", "tcvn-5712", "tcvn5712": return LegacyEncoding.tcvn3.rawValue
    case "tcvn5712-1", "tcvn-5712-1", "tcvn5712:1993": return LegacyEncoding.tcvn5712.rawValue
    case "vni", "vni-windows": return LegacyEncoding.vni.rawValue
    case "tcvn3-mojibake": return LegacyEncoding.tcvn3Mojibake.rawValue
    case "vni-mojibake": return LegacyEncoding.vniMojibake.rawValue
    default: return nil
    }
  }

  private static func decode(_ bytes: [UInt8], forced name: String) throws(DecodeError) -> DecodedText {
    guard let canonical = encodingName(name) else { throw .unknownEncoding(name) }
    switch canonical {
    case "utf-8":
      return try decodeUTF8(bytes, detectLegacy: false).get()
    case "utf-16", "utf-16le", "utf-16be":
      if bytes.starts(with: [0xFF, 0xFE]) { return try decodeUTF16(bytes, bigEndian: false).get() }
      if bytes.starts(with: [0xFE, 0xFF]) { return try decodeUTF16(bytes, bigEndian: true).get() }
      // No BOM: pretend one was there, so the same checks and conversion apply.
      let bigEndian = canonical == "utf-16be"
      var result = try decodeUTF16((bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) + bytes, bigEndian: bigEndian).get()
      result.hadBOM = false
      return result
    default:
      let encoding = LegacyEncoding(rawValue: canonical)!
      if encoding.isMojibake {
        let hadBOM = bytes.starts(with: utf8BOM)
        let start = hadBOM ? utf8BOM.count : 0
        return try bytes.withUnsafeBufferPointer { all throws(DecodeError) -> DecodedText in
          let body = UnsafeBufferPointer(rebasing: all[start...])
          if let bad = firstInvalidUTF8(body) { throw .invalidUTF8(offset: start + bad) }
          return mojibakeText(body, encoding, hadBOM: hadBOM)
        }
      }
      return bytes.withUnsafeBufferPointer { legacyText($0, encoding) }
    }
  }

  private static func legacyText(_ bytes: UnsafeBufferPointer<UInt8>, _ encoding: LegacyEncoding) -> DecodedText {
    let units = encoding.decodeUnits(bytes)
    return DecodedText(
      text: ICUString.string(units), encoding: encoding.rawValue, hadBOM: false,
      lineEnding: lineEnding(bytes))
  }

  private static func mojibakeText(
    _ body: UnsafeBufferPointer<UInt8>, _ encoding: LegacyEncoding, hadBOM: Bool
  ) -> DecodedText {
    let units = Mojibake.decode(body, as: encoding.byteEncoding)
    return DecodedText(
      text: ICUString.string(units), encoding: encoding.rawValue, hadBOM: hadBOM,
      lineEnding: lineEnding(body))
  }

  // MARK: UTF-8

  private static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

  private static func decodeUTF8(_ bytes: [UInt8], detectLegacy: Bool) -> Result<DecodedText, DecodeError> {
    let hadBOM = bytes.starts(with: utf8BOM)
    let start = hadBOM ? utf8BOM.count : 0
    if hadBOM, let kind = magicKind(bytes[start...]) { return .failure(.binary(kind: kind)) }
    return bytes.withUnsafeBufferPointer { all in
      let body = UnsafeBufferPointer(rebasing: all[start...])
      let sample = UnsafeBufferPointer(rebasing: body.prefix(8192))
      if looksBinary(sample) {
        return .failure(.binary(kind: "binary data"))
      }
      // Checked here and copied unchecked: the standard library's check and copy, which
      // `String(validating:)` makes, took twice as long on Vietnamese text (callgrind, mixed
      // sample: 88 against 43 million instructions).
      if let bad = firstInvalidUTF8(body) {
        // A BOM promises UTF-8, so a bad byte after one is damage, not a legacy encoding.
        if detectLegacy, !hadBOM, let legacy = EncodingDetector.legacyEncoding(of: body) {
          return .success(legacyText(body, legacy))
        }
        return .failure(.invalidUTF8(offset: start + bad))
      }
      if detectLegacy, let legacy = EncodingDetector.mojibake(in: body) {
        return .success(mojibakeText(body, legacy, hadBOM: hadBOM))
      }
      return .success(
        DecodedText(text: String(trustedUTF8: body), encoding: "utf-8", hadBOM: hadBOM, lineEnding: lineEnding(body)))
    }
  }

  /// Offset of the first byte of the first ill-formed sequence (Unicode Table 3-7: no overlong
  /// forms, no surrogates, nothing above U+10FFFF), or nil if `bytes` is valid UTF-8.
  ///
  /// Every UTF-8 file is read through this: sixteen bytes a step where they are plainly
  /// well-formed (`validPrefix`), and one sequence at a time (`sequencewise`) over the sixteen
  /// bytes after a step that found a fault or a rare lead, which reports the offset.
  static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let n = bytes.count
    // The first bytes a sequence at a time, to a sequence boundary at or past the third, so
    // that every sixteen bytes tested below have the three before them in the buffer.
    var i = 0
    while i < 3, i < n {
      let length = EncodingDetector.wellFormedLength(bytes, at: i)
      if length == 0 { return i }
      i += length
    }
    // Sixteen bytes at a time where they are plainly well-formed; sequence by sequence over
    // the next sixteen (or to the end) where they are not, or may not be.
    while i < n {
      i = validPrefix(bytes, from: i)
      switch sequencewise(bytes, from: i, until: min(n, i + 16)) {
      case .invalid(let k): return k
      case .boundary(let k): i = k
      }
    }
    return nil
  }

  /// How far from `start` (a sequence boundary, at least 3 or the end) sixteen bytes at a time
  /// are plainly well-formed; the offset returned is a sequence boundary up to which they are,
  /// from which `sequencewise` goes on. Each byte is checked against the three before it,
  /// branch-free (the "range" form of Table 3-7): a byte must be a continuation (80–BF)
  /// exactly where a lead one, two or three bytes back (C0+, E0+, F0+) asks for one, and C0,
  /// C1 and F5–FF never occur; a byte after E0, ED, F0 or F4, whose range is narrower, stops
  /// the steps. Vietnamese text changes between ASCII and two- and three-byte letters every
  /// few bytes, and the sequence-wise loop's branches went wrong at each change.
  static func validPrefix(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    guard let base = bytes.baseAddress, start >= 3 else { return start }
    let n = bytes.count
    let raw = UnsafeRawPointer(base)
    typealias V = ByteVector.Bytes
    var i = start
    while i + 16 <= n {
      let x = ByteVector.load(raw, i)
      // Sixteen ASCII bytes after bytes that ask for no continuation (the markup and numbers
      // of an hOCR or TSV file, a run of plain words): well-formed without the range tests.
      if ByteVector.none(x .>= V(repeating: 0x80)), base[i - 1] < 0xC0, base[i - 2] < 0xE0, base[i - 3] < 0xF0 {
        i += 16
        continue
      }
      let p1 = ByteVector.load(raw, i - 1)
      let p2 = ByteVector.load(raw, i - 2)
      let p3 = ByteVector.load(raw, i - 3)
      let c0 = V(repeating: 0xC0)
      let e0 = V(repeating: 0xE0)
      let f0 = V(repeating: 0xF0)
      let isContinuation = (x & c0) .== V(repeating: 0x80)
      let wanted = ((p1 & c0) .== c0) .| ((p2 & e0) .== e0) .| ((p3 & f0) .== f0)
      var bad = isContinuation .^ wanted
      bad = bad .| (x .>= V(repeating: 0xF5)) .| ((x & V(repeating: 0xFE)) .== c0)
      // A byte after E0, ED, F0 or F4 has a narrower range; these leads are rare in this text
      // (Vietnamese letters lead with C3–C6 and E1, punctuation with E2), so their sixteen
      // bytes go to the sequence-wise check rather than every step testing the ranges.
      bad = bad .| (p1 .== e0) .| (p1 .== V(repeating: 0xED)) .| (p1 .== f0) .| (p1 .== V(repeating: 0xF4))
      if !ByteVector.none(bad) { break }
      i += 16
    }
    guard i > start else { return start }
    // Back to the lead of a sequence running on past `i` (a lead one, two or three bytes
    // back that asks for that many more): before it every byte was checked.
    if base[i - 1] >= 0xC0 { return i - 1 }
    if base[i - 2] >= 0xE0 { return i - 2 }
    if base[i - 3] >= 0xF0 { return i - 3 }
    return i
  }

  enum SequenceCheck: Equatable {
    /// The offset of the first ill-formed sequence.
    case invalid(Int)
    /// Every sequence well-formed up to this boundary, at or past the limit asked for.
    case boundary(Int)
  }

  /// The check of `firstInvalidUTF8` one sequence at a time, from `start` (a sequence
  /// boundary) until a sequence starts at or past `limit`: ASCII runs eight bytes a step, two-
  /// and three-byte sequences inline, four-byte ones and faults by `wellFormedLength`.
  static func sequencewise(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, until limit: Int) -> SequenceCheck {
    guard let base = bytes.baseAddress else { return .boundary(start) }
    let n = bytes.count
    /// The high bits of the eight bytes at `k`, the first byte lowest.
    @inline(__always) func highBits(at k: Int) -> UInt64 {
      UInt64(littleEndian: UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)) & 0x8080_8080_8080_8080
    }
    var i = start
    while i < limit {
      let lead = base[i]
      if lead < 0x80 {
        // The ASCII run eight bytes a step, and its end within the last eight at once: its
        // length there is where the first high bit is. Vietnamese words are short, so most
        // runs end in the first step; markup and numbers (hOCR, TSV) take the loop.
        guard i + 8 <= n else {
          i += 1
          continue
        }
        var high = highBits(at: i)
        while high == 0, i + 16 <= n {
          i += 8
          high = highBits(at: i)
        }
        i += ByteMask.bytesBeforeFirst(high)
        continue
      }
      if lead &- 0xC2 < 0x1E {  // C2–DF: one continuation byte
        guard i + 1 < n, base[i + 1] & 0xC0 == 0x80 else { return .invalid(i) }
        i += 2
        continue
      }
      if lead & 0xF0 == 0xE0 {  // E0–EF: two, the first narrowed after E0 and ED
        guard i + 2 < n else { return .invalid(i) }
        let b1 = base[i + 1]
        let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80
        let high: UInt8 = lead == 0xED ? 0x9F : 0xBF
        guard b1 >= low, b1 <= high, base[i + 2] & 0xC0 == 0x80 else { return .invalid(i) }
        i += 3
        continue
      }
      let length = EncodingDetector.wellFormedLength(bytes, at: i)
      if length == 0 { return .invalid(i) }
      i += length
    }
    return .boundary(i)
  }

  // MARK: UTF-16

  private static func decodeUTF16(_ bytes: [UInt8], bigEndian: Bool) -> Result<
    DecodedText, DecodeError
  > {
    let body = bytes.dropFirst(2)
    var units = [UInt16]()
    units.reserveCapacity(body.count / 2 + 1)
    var i = body.startIndex
    while i + 1 < body.endIndex {
      let a = UInt16(body[i])
      let b = UInt16(body[i + 1])
      units.append(bigEndian ? a << 8 | b : b << 8 | a)
      i += 2
    }
    // A dangling odd byte means the file was cut short; keep the text and mark the damage the
    // same way unpaired surrogates are marked, rather than reject a whole document for it.
    if i < body.endIndex { units.append(0xFFFD) }

    let sample = units.prefix(4096)
    if sample.contains(0) || controlRatioTooHigh(sample) {
      return .failure(.binary(kind: "binary data"))
    }
    let text = ICUString.string(units)
    let ending = text.withUTF8Bytes { lineEnding($0) }
    return .success(DecodedText(text: text, encoding: "utf-16", hadBOM: true, lineEnding: ending))
  }

  // MARK: Classification

  private static let magicNumbers: [(bytes: [UInt8], kind: String)] = [
    (Array("%PDF".utf8), "PDF"),
    ([0x50, 0x4B, 0x03, 0x04], "DOCX/ZIP"),
    ([0x50, 0x4B, 0x05, 0x06], "DOCX/ZIP"),  // empty archive
    ([0x50, 0x4B, 0x07, 0x08], "DOCX/ZIP"),  // spanned archive
    ([0x89, 0x50, 0x4E, 0x47], "PNG"),
    ([0xFF, 0xD8, 0xFF], "JPEG"),
    (Array("GIF8".utf8), "GIF"),
    ([0xD0, 0xCF, 0x11, 0xE0], "OLE2 (DOC/XLS)"),
    (Array(#"{\rtf"#.utf8), "RTF"),
  ]

  private static func magicKind(_ bytes: ArraySlice<UInt8>) -> String? {
    magicNumbers.first { bytes.starts(with: $0.bytes) }?.kind
  }

  /// More than 30% C0 controls (or DEL) other than tab, LF, CR and form feed: no text file,
  /// whatever its encoding, looks like that.
  private static func controlRatioTooHigh<C: Collection>(_ sample: C) -> Bool
  where C.Element == UInt16 {
    if sample.isEmpty { return false }
    var controls = 0
    for unit in sample {
      switch unit {
      case 0x09, 0x0A, 0x0C, 0x0D: break
      case 0x00...0x1F, 0x7F: controls += 1
      default: break
      }
    }
    return controls * 10 > sample.count * 3
  }

  /// `sample.contains(0) || controlRatioTooHigh(sample)` for bytes, sixteen at a time: this
  /// looks at the first 8 KB of every UTF-8 file.
  static func looksBinary(_ sample: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = sample.baseAddress else { return false }
    let raw = UnsafeRawPointer(base)
    var zero = false
    var controls = 0
    var i = 0
    // Controls counted (`ByteVector.count`), zero bytes gathered in the same steps.
    while i + 16 <= sample.count {
      let steps = min((sample.count - i) / 16, ByteVector.maxCountedSteps)
      var zeros = ByteVector.Lanes()
      controls += ByteVector.count(raw, at: i, steps: steps) { x in
        zeros = zeros .| ByteVector.equal(x, 0)
        let c0 = ByteVector.less(x, 0x20) .& .!(ByteVector.equal(x, 0x09) .| ByteVector.equal(x, 0x0A)
          .| ByteVector.equal(x, 0x0C) .| ByteVector.equal(x, 0x0D))
        return c0 .| ByteVector.equal(x, 0x7F)
      }
      zero = zero || !ByteVector.none(zeros)
      i += 16 * steps
    }
    while i < sample.count {
      let b = sample[i]
      if b == 0 { zero = true }
      if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0C && b != 0x0D) || b == 0x7F { controls += 1 }
      i += 1
    }
    return zero || (!sample.isEmpty && controls * 10 > sample.count * 3)
  }

  /// Byte-order marks count as blank: a file of nothing but BOMs has no text either.
  private static func isBlank(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0 == "\u{FEFF}" }
  }

  private static func lineEnding(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    // Without a CR (most files) only the presence of an LF matters; both are found by memchr.
    if ByteSearch.firstIndex(of: 0x0D, in: bytes) == nil {
      return ByteSearch.firstIndex(of: 0x0A, in: bytes) == nil ? "none" : "lf"
    }
    var lf = false
    var crlf = false
    var cr = false
    var i = 0
    let n = bytes.count
    while i < n {
      switch bytes[i] {
      case 0x0A:
        lf = true
      case 0x0D:
        if i + 1 < n && bytes[i + 1] == 0x0A {
          crlf = true
          i += 1
        } else {
          cr = true
        }
      default: break
      }
      i += 1
    }
    switch (lf, crlf, cr) {
    case (false, false, false): return "none"
    case (true, false, false): return "lf"
    case (false, true, false): return "crlf"
    case (false, false, true): return "cr"
    default: return "mixed"
    }
  }
}
