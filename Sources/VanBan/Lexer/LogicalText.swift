import VanBanBytes
import VanBanText

/// Text re-joined from several input lines (a hard-wrapped paragraph, a cell split by a page
/// break), remembering where each piece came from so every item can name its original line.
struct LogicalText: Sendable {
  private(set) var text: String
  /// The input line of the first piece, which starts at offset 0.
  private(set) var line: Int
  /// UTF-8 offset in `text` where each later input line's piece starts, with that line's
  /// number. Apart from the first: most texts are one line (a heading, a cell), and an array
  /// holding that one piece cost each text an allocation and its release.
  private var later: [(offset: Int, line: Int)] = []
  /// Whether `text` holds a lower-case letter, kept up to date piece by piece so that asking
  /// after every appended line of a long paragraph does not rescan it (quadratic otherwise).
  private(set) var hasLowercase: Bool

  init(_ text: String, line: Int) {
    self.text = text
    self.line = line
    hasLowercase = Self.containsLowercase(text)
  }

  /// The same text from the same lines, piece for piece.
  func isSame(as other: LogicalText) -> Bool {
    text == other.text && line == other.line
      && later.elementsEqual(other.later) { $0.offset == $1.offset && $0.line == $1.line }
  }

  /// Whether some scalar is lower case: an ASCII small letter answers at once, and ASCII-only
  /// text needs no property look-ups at all.
  ///
  /// One walk over the bytes, decoding only scalars beyond ASCII: capitals-only lines
  /// (headings, signature titles) were read twice, the second time through the scalar view.
  static func containsLowercase(_ s: String) -> Bool {
    // A String's own bytes: made a Substring first (as the generic version must), each of
    // the ~50,000 calls on the mixed bench sample cost a retain, a release and a conversion.
    s.withUTF8Bytes(containsLowercase(utf8:))
  }

  /// Letters nine in ten of which are capitals, four at least: a title in capitals that holds
  /// a word such as "IoT" or "m2" (an annex's wrapped title, a part's "A. ĐÁNH GIÁ …").
  static func isMostlyCapitals(_ text: String) -> Bool {
    var upper = 0
    var lower = 0
    // Bytes not read yet: at least as many as the scalars left. Once lower case is more than a
    // tenth even if every scalar left were a capital, the answer is no: a paragraph of prose
    // (an annex's loose text, asked this of every paragraph) is settled in its first words.
    var left = text.utf8.count
    for s in text.unicodeScalars {
      left -= s.value < 0x80 ? 1 : s.value < 0x800 ? 2 : s.value < 0x10000 ? 3 : 4
      if ScalarClass.isUppercase(s) {
        upper += 1
      } else if ScalarClass.isLowercase(s) {
        lower += 1
        if lower * 9 > upper + left { return false }
      }
    }
    return upper >= 4 && lower * 10 <= upper + lower
  }

  static func containsLowercase(_ s: Substring) -> Bool {
    var t = s
    return t.withUTF8(containsLowercase(utf8:))
  }

  static func containsLowercase(utf8 b: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    while i < b.count {
      let x = b[i]
      if x < 0x80 {
        if x &- 0x61 < 26 { return true }
        i += 1
        continue
      }
      let (v, length) = UTF8Scalar.decode(b, at: i)
      if ScalarClass.isLowercase(Unicode.Scalar(v)!) { return true }
      i += length
    }
    return false
  }

  /// The longest text `append` writes out again whole rather than growing it in place.
  static let rewrittenWhole = 2048

  var lastLine: Int { later.last?.line ?? line }

  /// Appends a continuation; a word broken after a hyphen ("57-" / "NQ/TW") joins without a space.
  mutating func append(_ piece: String, line: Int) {
    guard !piece.isEmpty else { return }
    if !hasLowercase { hasLowercase = Self.containsLowercase(piece) }
    if text.isEmpty {
      text = piece
      self.line = line
      return
    }
    let joint = !Hyphenation.endsWithBrokenHyphen(text)
    // Room for a few lines at the first continuation: grown from one, the array was
    // reallocated at nearly every line of a short paragraph.
    if later.isEmpty { later.reserveCapacity(3) }
    let length = text.utf8.count + (joint ? 1 : 0)
    later.append((length, line))
    // A short text is written out again whole, text, space and piece in one copy: growing
    // it in place (its room reserved, the space and the piece each appended) went through
    // the general append path three times, ~1,100 instructions a line. A long one (a page of
    // unbroken OCR text) is grown in place, so that joining its lines stays linear.
    if length + piece.utf8.count <= Self.rewrittenWhole {
      text = String.joining(text, joint ? " " : "", piece)
      return
    }
    // Room for the space and the piece at once: at the first continuation the text is still
    // the first line's own String, which the space alone copied (to its exact length) and
    // the piece then outgrew, two copies a paragraph and a third of this append's cost.
    text.reserveCapacity(length + piece.utf8.count)
    if joint { text += " " }
    text += piece
  }

  /// The original line holding the UTF-8 offset.
  func line(atUTF8 offset: Int) -> Int {
    var result = line
    for s in later where s.offset <= offset { result = s.line }
    return result
  }
}
