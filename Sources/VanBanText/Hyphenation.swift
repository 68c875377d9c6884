import VanBanBytes
/// Words broken across lines with a hyphen.
public enum Hyphenation {
  /// Whether the text ends with a hyphen right after a letter or digit ("chuyển đổi số-"): a
  /// word the line broke, joined to the next line without a space.
  public static func endsWithBrokenHyphen(_ s: String) -> Bool {
    // On the bytes: asked of every line a paragraph joins and of the paragraph so far, and
    // taking the last two scalars through the String's views cost ~1,300 instructions. The
    // hyphen is ASCII, so it is the last scalar exactly when it is the last byte.
    return s.withUTF8Bytes { b in
      let n = b.count
      guard n >= 2, b[n - 1] == 0x2D else { return false }
      let start = UTF8Scalar.start(b, holding: n - 2)
      let v = UTF8Scalar.decode(b, at: start).value
      if v >= 0x30 && v <= 0x39 { return true }
      return Unicode.Scalar(v).map(ScalarClass.isAlphabetic) ?? false
    }
  }
}
