internal import CICU
import VanBanBytes

/// Keys for matching text, so later stages never compare raw strings.
///
/// The same heading or name turns up in different case, spacing, normalisation form, tone
/// placement ("hoà"/"hòa") and, in hand-typed or OCR'd documents, without diacritics at all.
/// Each key erases one more of those differences; callers pick the weakest key that still
/// matches what they need.
public enum FoldingKey {
  /// NFC, full Unicode case folding (ICU `u_strFoldCase`), runs of white space collapsed to one
  /// space, trimmed.
  public static func caseFolded(_ s: String) -> String {
    if ICUString.allBytes(of: s, below: 0x80) { return asciiCaseFolded(s) }
    return ICUString.string(caseFoldedUnits(s))
  }

  /// `caseFolded`, and blind to where the tone mark sits, so the old ("hoà", "thuỷ") and new
  /// ("hòa", "thủy") Vietnamese placement conventions give the same key.
  ///
  /// Each syllable (a maximal run of letters and combining marks) has its tone marks (grave,
  /// acute, tilde, hook above, dot below) moved to its end in NFD, then the result is composed
  /// again. Vowel-quality marks (circumflex, breve, horn) stay put, since they tell vowels apart.
  /// The key is for comparison only: it is not correctly spelled Vietnamese ("việt" → "viêṭ").
  public static func toneInsensitive(_ s: String) -> String {
    if let key = ToneFoldTable.fold(s) { return key }
    return generalToneInsensitive(s)
  }

  /// The words of `toneInsensitive(s)`: what splitting the key at its spaces gives, in one
  /// pass over the text rather than one fold per word.
  public static func toneInsensitiveWords(_ s: some StringProtocol) -> [String] {
    if let words = s.utf8.withContiguousStorageIfAvailable({ ToneFoldTable.foldWords(utf8: $0) }) ?? nil {
      return words
    }
    return generalToneInsensitive(String(s)).split(separator: " ").map(String.init)
  }

  /// `toneInsensitiveWords` of a String or a Substring: the generic version, called from
  /// other modules unspecialised, reached the bytes through a protocol witness on every call.
  public static func toneInsensitiveWords(_ s: String) -> [String] {
    if let words = s.utf8.withContiguousStorageIfAvailable({ ToneFoldTable.foldWords(utf8: $0) }) ?? nil {
      return words
    }
    return generalToneInsensitive(s).split(separator: " ").map(String.init)
  }

  public static func toneInsensitiveWords(_ s: Substring) -> [String] {
    if let words = s.utf8.withContiguousStorageIfAvailable({ ToneFoldTable.foldWords(utf8: $0) }) ?? nil {
      return words
    }
    return generalToneInsensitive(String(s)).split(separator: " ").map(String.init)
  }

  /// `toneInsensitiveFirstWord` of valid UTF-8 bytes.
  public static func toneInsensitiveFirstWord(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String? {
    if let first = ToneFoldTable.foldFirstWord(utf8: bytes) { return first }
    return toneInsensitiveWords(String(decoding: bytes, as: UTF8.self)).first
  }

  /// `toneInsensitiveWords(s).first`, folding no further than the first word needs.
  public static func toneInsensitiveFirstWord(_ s: Substring) -> String? {
    if let first = s.utf8.withContiguousStorageIfAvailable({ ToneFoldTable.foldFirstWord(utf8: $0) }) ?? nil {
      return first
    }
    return toneInsensitiveWords(s).first
  }

  /// `toneInsensitive` of valid UTF-8 bytes, for callers that scan a buffer.
  public static func toneInsensitive(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
    ToneFoldTable.fold(utf8: bytes) ?? generalToneInsensitive(String(decoding: bytes, as: UTF8.self))
  }

  /// `toneInsensitive` of a slice, without copying it when the table covers it.
  public static func toneInsensitive(_ s: Substring) -> String {
    if let key = s.utf8.withContiguousStorageIfAvailable({ ToneFoldTable.fold(utf8: $0) }) ?? nil {
      return key
    }
    return generalToneInsensitive(String(s))
  }

  /// `toneInsensitive` for any text, through ICU; the table reproduces it where it can.
  static func generalToneInsensitive(_ s: String) -> String {
    // Below U+00C0 nothing decomposes, so there are no tone marks to move.
    if ICUString.allBytes(of: s, below: 0xC3) { return caseFolded(s) }
    let folded = caseFoldedUnits(s)
    let decomposed = ICUNormalizer.normalize(folded, form: .nfd) ?? folded
    var out: [UInt16] = []
    out.reserveCapacity(decomposed.count)
    // Tone marks are BMP code points, so moving them is a matter of moving single units.
    var tones: [UInt16] = []
    var i = 0
    while i < decomposed.count {
      let unit = decomposed[i]
      if ToneFoldTable.tones.contains(unit) {
        tones.append(unit)
        i += 1
        continue
      }
      var width = 1
      var scalar = Unicode.Scalar(unit)
      if UTF16.isLeadSurrogate(unit), i + 1 < decomposed.count,
        UTF16.isTrailSurrogate(decomposed[i + 1])
      {
        scalar = Unicode.Scalar(UTF16.decode(UTF16.EncodedScalar([unit, decomposed[i + 1]])))
        width = 2
      }
      if let scalar, ToneFoldTable.isLetterOrMark(scalar) {
        // Still inside the syllable.
      } else if !tones.isEmpty {
        out += tones
        tones.removeAll(keepingCapacity: true)
      }
      out.append(unit)
      if width == 2 { out.append(decomposed[i + 1]) }
      i += width
    }
    out += tones
    return ICUString.string(ICUNormalizer.normalize(out, form: .nfc) ?? out)
  }

  /// `caseFolded` with every diacritic removed and đ turned into d, for text typed or OCR'd
  /// without diacritics: "Phòng Văn hóa – Xã hội" → "phong van hoa – xa hoi".
  ///
  /// Only nonspacing marks go; punctuation such as the en dash is kept (ICU's "Latin-ASCII"
  /// would turn it into "-", which is why that transform is not used).
  public static func diacriticFree(_ s: String) -> String {
    if ICUString.allBytes(of: s, below: 0x80) { return asciiCaseFolded(s) }
    if let key = s.withUTF8Bytes({ ToneFoldTable.bare(utf8: $0) }) { return key }
    return generalDiacriticFree(s)
  }

  /// `diacriticFree` of valid UTF-8 holding some byte beyond ASCII (a word cut from a line's
  /// buffer), without making a String of the bytes to ask it.
  public static func diacriticFree(nonASCII bytes: UnsafeBufferPointer<UInt8>) -> String {
    ToneFoldTable.bare(utf8: bytes) ?? generalDiacriticFree(String(decoding: bytes, as: UTF8.self))
  }

  /// `diacriticFree` for any text, through ICU's transliterator.
  static func generalDiacriticFree(_ s: String) -> String {
    return ICUString.string(stripper.transliterate(caseFoldedUnits(s)))
  }

  /// `caseFolded` as UTF-16, so the other keys can carry on without converting back and forth.
  static func caseFoldedUnits(_ s: String) -> [UInt16] {
    var units = ICUString.utf16(s)
    units = ICUNormalizer.normalize(units, form: .nfc) ?? units
    units = foldCase(units)
    // Folding can leave NFC (e.g. U+01F0 ǰ folds to j + U+030C), so compose again; this is
    // only a quick check when folding changed nothing structural.
    units = ICUNormalizer.normalize(units, form: .nfc) ?? units
    return collapsingWhiteSpace(units)
  }

  /// Opened lazily on first use and shared; see `TransliteratorPool` for the thread-safety story.
  /// Đ is mapped too, although folding has already lowered it, so the transform is correct on
  /// its own.
  private static let stripper = TransliteratorPool(
    id: "VanBan-DiacriticFree",
    rules: #"::NFD; ::[:Nonspacing Mark:] Remove; ::NFC; \u0111 > d; \u0110 > D;"#)

  // MARK: Helpers

  private static func asciiCaseFolded(_ s: String) -> String {
    return s.withUTF8Bytes { bytes in
      String(unsafeUninitializedCapacity: bytes.count) { out in
        var n = 0
        var pendingSpace = false
        for byte in bytes {
          if isASCIIWhiteSpace(byte) {
            pendingSpace = n > 0
            continue
          }
          if pendingSpace {
            out[n] = 0x20
            n += 1
            pendingSpace = false
          }
          out[n] = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
          n += 1
        }
        return n
      }
    }
  }

  private static func foldCase(_ units: [UInt16]) -> [UInt16] {
    if units.isEmpty { return units }
    // Folding can expand (ß → ss, ΐ → three code points); on overflow ICU reports the exact size.
    var capacity = units.count + 16
    for _ in 0..<2 {
      ICUString.checkLength(capacity)
      var needed = 0
      let out = [UInt16](unsafeUninitializedCapacity: capacity) { dest, initialized in
        var status = vb_status(VB_ZERO_ERROR)
        let length = units.withUnsafeBufferPointer { src in
          vb_u_strFoldCase(
            dest.baseAddress, Int32(capacity), src.baseAddress, Int32(src.count), &status)
        }
        initialized = 0
        if status == vb_status(VB_BUFFER_OVERFLOW_ERROR) {
          needed = Int(length)
          return
        }
        ICUNormalizer.check(status, "u_strFoldCase")
        initialized = Int(length)
      }
      if needed == 0 { return out }
      capacity = needed
    }
    fatalError("u_strFoldCase outgrew the size it asked for")
  }

  private static func collapsingWhiteSpace(_ units: [UInt16]) -> [UInt16] {
    var out: [UInt16] = []
    out.reserveCapacity(units.count)
    var pendingSpace = false
    for unit in units {
      if ToneFoldTable.isWhiteSpace(UInt32(unit)) {
        pendingSpace = !out.isEmpty
        continue
      }
      if pendingSpace {
        out.append(0x20)
        pendingSpace = false
      }
      out.append(unit)
    }
    return out
  }

  private static func isASCIIWhiteSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (0x09...0x0D).contains(byte)
  }
}
