import VanBanBytes

/// Guesses the legacy encoding of a file nobody named, by reading a sample in each candidate and
/// keeping the reading that looks most like Vietnamese (`VietnameseSyllables.score`).
///
/// Only a sample is scored, so detection costs the same for a 50 KB and a 50 MB file; the sample
/// starts just before the first byte beyond ASCII, since that is where the encodings differ.
/// Its first kilobyte is read first (`firstLook`): when that already tells the right reading
/// from the others by a wide margin, only the right one is scored on the rest.
enum EncodingDetector {
  /// Some 800 syllables: far more than any of the three readings needs to tell itself apart
  /// (a wrong one fails on most words; `EncodingTests` checks the margin), and scoring three
  /// readings of a larger sample was the biggest cost of a legacy file.
  static let sampleSize = 4 * 1024

  /// The legacy encoding of bytes that are not valid UTF-8, or nil when no reading looks
  /// Vietnamese (then the file is damaged UTF-8 or something else, and the caller says so).
  static func legacyEncoding(of bytes: UnsafeBufferPointer<UInt8>) -> LegacyEncoding? {
    let sample = self.sample(bytes)
    // Damaged UTF-8 still has mostly well-formed multi-byte sequences; legacy text almost none.
    let (wellFormed, illFormed) = utf8Sequences(sample)
    if wellFormed > illFormed { return nil }
    var best: (LegacyEncoding, VietnameseScore)?
    // VN3 before glibc's TCVN5712-1: they read lower case alike, and only capitals with a
    // tone (VN1 codes) can make the second score higher.
    var vn3: VietnameseScore?
    let vn1 = LegacyTables.holdsVN1(sample)
    for candidate in firstLook(sample).flatMap({ leadingReadings($0, among: detected) }) ?? detected {
      // Without a byte TCVN5712-1 reads apart from VN3 its reading scores no higher than VN3's
      // (`LegacyTables.holdsVN1`), so the test below drops it: not decoded nor scored.
      if candidate == .tcvn5712, !vn1, vn3 != nil { continue }
      let score = VietnameseSyllables.score(candidate.scoringUnits(sample))
      if candidate == .tcvn3 { vn3 = score }
      // VN1's capitals must make two more words Vietnamese than the VN3 reading does: one
      // stray byte in 0x80-0x9F (broken UTF-8, a Windows-1252 quote) is no evidence.
      if candidate == .tcvn5712, let vn3, score.valid < vn3.valid + 2 { continue }
      if best == nil || score.value > best!.1.value { best = (candidate, score) }
    }
    guard let best, best.1.looksVietnamese else { return nil }
    return best.0
  }

  /// The legacy readings `legacyEncoding` weighs, in the order it weighs them.
  private static let detected: [LegacyEncoding] = [.cp1258, .tcvn3, .tcvn5712, .vni]
  /// The readings `mojibake` weighs.
  private static let mojibakes: [LegacyEncoding] = [.tcvn3Mojibake, .vniMojibake]

  /// How much of the sample is read first: some 200 syllables.
  static let firstLookSize = 1024
  /// How many syllables more the leading reading of the first look must make Vietnamese than
  /// any other, and at least how many it must make, for the others to be dropped.
  static let firstLookMargin = 24

  /// The start of `sample`, about `firstLookSize` bytes cut at white space, when the sample is
  /// at least twice as long (else the first look would save little); nil otherwise.
  static func firstLook(_ sample: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
    guard sample.count >= 2 * firstLookSize else { return nil }
    var cut = firstLookSize
    while cut > 0 && !isSpace(sample[cut - 1]) { cut -= 1 }
    return cut > 0 ? UnsafeBufferPointer(rebasing: sample[..<cut]) : nil
  }

  /// Of `candidates`, the readings worth scoring on the whole sample, when the first look
  /// already leaves no doubt which encoding the file is in: the leader alone, or TCVN3 with
  /// glibc's TCVN5712-1 (told apart only by capitals with a tone, which the first look may not
  /// hold, so the whole sample decides between them as before). Nil when the first look
  /// settles nothing: then every reading is scored on the whole sample.
  ///
  /// A wrong reading fails on most words, so a kilobyte of the right one leads every other by
  /// scores of syllables (`EncodingTests` checks the margin on every legacy fixture); scoring
  /// four readings of the whole sample was most of the cost of opening a small legacy file.
  static func leadingReadings(_ look: UnsafeBufferPointer<UInt8>, among candidates: [LegacyEncoding]) -> [LegacyEncoding]? {
    var scores: [(LegacyEncoding, VietnameseScore)] = []
    let vn1 = LegacyTables.holdsVN1(look)
    for candidate in candidates {
      // Read as VN3 if no byte sets them apart, TCVN5712-1 scores no higher than VN3, scored
      // before it: it leads nothing (the first of equal scores leads), and it passes the
      // others' test below whenever VN3 does.
      if candidate == .tcvn5712, !vn1, scores.contains(where: { $0.0 == .tcvn3 }) { continue }
      scores.append((candidate, VietnameseSyllables.score(candidate.scoringUnits(look))))
    }
    // TCVN3 and TCVN5712-1 are one family: the better of the two stands for it.
    func family(_ e: LegacyEncoding) -> LegacyEncoding { e == .tcvn5712 ? .tcvn3 : e }
    guard let leader = scores.max(by: { $0.1.value < $1.1.value }),
      leader.1.looksVietnamese, leader.1.valid >= firstLookMargin
    else { return nil }
    for (candidate, score) in scores where family(candidate) != family(leader.0) {
      if score.looksVietnamese || score.value + firstLookMargin > leader.1.value { return nil }
    }
    return family(leader.0) == .tcvn3 ? [.tcvn3, .tcvn5712] : [leader.0]
  }

  /// Whether valid UTF-8 text is a TCVN3 or VNI file once read as Windows-1252 ("TiÕng ViÖt"),
  /// and if so which. Real Vietnamese UTF-8 is rejected at its first letter beyond Windows-1252
  /// (ế, ơ, đ ...), so this costs nothing for ordinary files.
  static func mojibake(in utf8: UnsafeBufferPointer<UInt8>) -> LegacyEncoding? {
    let sample = self.sample(utf8)
    if sample.isEmpty { return nil }
    guard let bytes = Mojibake.windows1252Bytes(sample, strict: true)?.bytes else { return nil }
    let asIs = VietnameseSyllables.score(ICUString.utf16(sample))
    // Text that reads well as it is (including Vietnamese that only uses Latin-1 letters) stays.
    if asIs.valid > 2 * asIs.invalid { return nil }
    var best: (LegacyEncoding, VietnameseScore)?
    let readings = bytes.withUnsafeBufferPointer { b in
      firstLook(b).flatMap { leadingReadings($0, among: mojibakes) } ?? mojibakes
    }
    for candidate in readings {
      let score = bytes.withUnsafeBufferPointer { VietnameseSyllables.score(candidate.scoringUnits($0)) }
      if best == nil || score.value > best!.1.value { best = (candidate, score) }
    }
    guard let best, best.1.looksVietnamese, best.1.value > asIs.value else { return nil }
    return best.0
  }

  /// Up to `sampleSize` bytes from shortly before the first non-ASCII byte, cut at white space
  /// (ASCII in every candidate encoding, so no multi-byte sequence or letter is split).
  static func sample(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    let n = bytes.count
    var first = 0
    while first < n && bytes[first] < 0x80 { first += 1 }
    if first == n { return UnsafeBufferPointer(rebasing: bytes[n...]) }
    var start = max(0, first - 256)
    if start > 0 {
      while start < first && !isSpace(bytes[start]) { start += 1 }
    }
    var end = min(n, start + sampleSize)
    if end < n {
      var cut = end
      while cut > first && !isSpace(bytes[cut - 1]) { cut -= 1 }
      if cut > first { end = cut }
    }
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
  }

  private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

  /// Counts well-formed multi-byte UTF-8 sequences and bytes that start no well-formed sequence.
  static func utf8Sequences(_ bytes: UnsafeBufferPointer<UInt8>) -> (wellFormed: Int, illFormed: Int) {
    var good = 0
    var bad = 0
    var i = 0
    let n = bytes.count
    while i < n {
      let length = wellFormedLength(bytes, at: i)
      if length == 0 {
        bad += 1
        i += 1
      } else {
        if length > 1 { good += 1 }
        i += length
      }
    }
    return (good, bad)
  }

  /// Length of the well-formed UTF-8 sequence at `i` (Unicode Table 3-7: no overlong forms,
  /// no surrogates, nothing above U+10FFFF), or 0 when it is ill-formed or cut off.
  static func wellFormedLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
    let lead = bytes[i]
    if lead < 0x80 { return 1 }
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0: length = 3; low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: length = 3; high = 0x9F
    case 0xF0: length = 4; low = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4: length = 4; high = 0x8F
    default: return 0
    }
    if i + length > bytes.count { return 0 }
    if bytes[i + 1] < low || bytes[i + 1] > high { return 0 }
    for k in 2..<max(length, 2) where bytes[i + k] & 0xC0 != 0x80 { return 0 }
    return length
  }
}

/// Undoing "opened as Windows-1252, saved as UTF-8".
enum Mojibake {
  /// A marker byte standing for a character Windows-1252 cannot have produced; such characters
  /// (a "≥" typed after the damage, say) are put back after decoding instead of being lost.
  static let marker: UInt8 = 0x1A

  /// The Windows-1252 bytes behind valid UTF-8 `utf8`, and the characters that had no byte, in
  /// order. `strict` gives up (nil) at the first letter with no byte: then the text is ordinary
  /// Unicode, not mojibake.
  static func windows1252Bytes(_ utf8: UnsafeBufferPointer<UInt8>, strict: Bool) -> (
    bytes: [UInt8], kept: [UInt32]
  )? {
    var kept: [UInt32] = []
    var failed = false
    let reverse = LegacyTables.windows1252Reverse
    let n = utf8.count
    // Written in place: every sequence gives one byte, so the input's length is room enough,
    // and appending a byte at a time (a capacity check each) was most of the cost.
    let out = [UInt8](unsafeUninitializedCapacity: n) { out, count in
      var o = 0
      var i = 0
      let raw = UnsafeRawPointer(utf8.baseAddress)
      let to = UnsafeMutableRawPointer(out.baseAddress)
      while i < n {
        // The ASCII before the next letter beyond it, eight bytes a step: stored whole (the
        // output is never ahead of the input, so there is room), kept up to the first byte
        // that is not plain ASCII (or is the marker). Mojibake is mostly ASCII with a Latin-1
        // letter every few bytes, which went through the byte loop below one at a time.
        if i + 8 <= n, let raw, let to {
          let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
          let stop = (x & 0x8080_8080_8080_8080) | ByteMask.equal(x, to: marker)
          to.storeBytes(of: x, toByteOffset: o, as: UInt64.self)
          let plain = ByteMask.bytesBeforeFirst(stop)
          o += plain
          i += plain
          if plain == 8 { continue }
        }
        let b = utf8[i]
        if b < 0x80 {
          if b == marker {
            kept.append(UInt32(b))
          }
          out[o] = b
          o += 1
          i += 1
          continue
        }
        if b == 0xC2 || b == 0xC3, i + 1 < n {
          // U+0080–U+00FF: Latin-1, and the C1 controls Windows leaves for unassigned bytes.
          out[o] = (b & 0x03) << 6 | (utf8[i + 1] & 0x3F)
          o += 1
          i += 2
          continue
        }
        let length = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
        var scalar = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length where i + k < n { scalar = scalar << 6 | UInt32(utf8[i + k] & 0x3F) }
        i += length
        if scalar < 0x10000, let byte = reverse[UInt16(scalar)] {
          out[o] = byte
          o += 1
          continue
        }
        if strict && isLetterOrMark(scalar) {
          failed = true
          break
        }
        kept.append(scalar)
        out[o] = marker
        o += 1
      }
      count = o
    }
    return failed ? nil : (out, kept)
  }

  /// Decodes the mojibake in `utf8` as `encoding`'s bytes.
  static func decode(_ utf8: UnsafeBufferPointer<UInt8>, as encoding: LegacyEncoding) -> [UInt16] {
    guard let (bytes, kept) = windows1252Bytes(utf8, strict: false) else { return [] }
    var units = bytes.withUnsafeBufferPointer { encoding.decodeUnits($0) }
    if kept.isEmpty { return units }
    var out: [UInt16] = []
    out.reserveCapacity(units.count + kept.count)
    var next = kept.makeIterator()
    for u in units {
      if u == UInt16(marker), let scalar = next.next() {
        if scalar < 0x10000 {
          out.append(UInt16(scalar))
        } else if let s = Unicode.Scalar(scalar) {
          out.append(contentsOf: UTF16.encode(s)!)
        }
      } else {
        out.append(u)
      }
    }
    units = out
    return units
  }

  private static func isLetterOrMark(_ scalar: UInt32) -> Bool {
    switch scalar {
    case 0x100...0x24F, 0x300...0x36F, 0x1E00...0x1EFF: return true
    default: return false
    }
  }
}
