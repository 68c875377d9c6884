/// The run properties that change what a reader sees or how vanban weighs a line: bold
/// marks headings and the issuer block, caps change the letters shown, hidden text is not
/// shown at all. nil is "not said here": the style below decides.
struct RunFormat: Equatable, Sendable {
  var bold: Bool?
  var caps: Bool?
  var hidden: Bool?

  /// These properties with `top`'s wherever `top` says something: direct formatting over the
  /// character style over the paragraph style over the document defaults. (Word's toggle
  /// properties flip across style levels; a style that un-bolds its bold parent is rare
  /// enough that "the nearest says" is read instead.)
  func overlaid(by top: RunFormat) -> RunFormat {
    RunFormat(bold: top.bold ?? bold, caps: top.caps ?? caps, hidden: top.hidden ?? hidden)
  }

  /// Reads one child of `w:rPr` into the format; false for the ones it does not hold.
  /// toggle -> <w:b/> | <w:b w:val="true|1|on|false|0|off"/>
  @discardableResult
  mutating func read(_ name: String, value: String?) -> Bool {
    switch name {
    case "b": bold = Self.toggle(value)
    // Small capitals are capitals to a reader.
    case "caps", "smallCaps": caps = Self.toggle(value) || caps == true
    case "vanish", "specVanish": hidden = Self.toggle(value)
    default: return false
    }
    return true
  }

  static func toggle(_ value: String?) -> Bool {
    switch value?.lowercased() {
    case "0", "false", "off", "none": false
    default: true
    }
  }
}
