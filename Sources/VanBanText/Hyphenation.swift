/// Words broken across lines with a hyphen.
public enum Hyphenation {
  /// Whether the text ends with a hyphen right after a letter or digit ("chuyển đổi số-"): a
  /// word the line broke, joined to the next line without a space.
  public static func endsWithBrokenHyphen(_ s: String) -> Bool {
    let u = Array(s.unicodeScalars.suffix(2))
    guard u.count == 2, u[1] == "-" else { return false }
    return ScalarClass.isAlphabetic(u[0]) || (u[0].value >= 0x30 && u[0].value <= 0x39)
  }
}
