/// Faster equivalents of standard-library calls the parser makes on every line, word or cell;
/// each gives exactly what the call it replaces gives (the tests compare them).

extension Collection where Element: StringProtocol {
  /// `joined(separator:)`, for the parser's paths that join words, cells and lines all the
  /// time. The standard library's version runs unspecialised here — a few hundred
  /// instructions for every element (measured: 370), most of them growing the result; this
  /// one measures first and copies each element's bytes once into a string of the final size.
  @inlinable
  public func joinedText(_ separator: String) -> String {
    var total = 0
    var count = 0
    for part in self {
      total += part.utf8.count
      count += 1
    }
    guard count > 1 else { return first.map { String($0) } ?? "" }
    var separator = separator
    return separator.withUTF8 { sep in
      total += sep.count * (count - 1)
      return String(unsafeUninitializedCapacity: total) { out in
        var o = 0
        func put(_ bytes: UnsafeBufferPointer<UInt8>) {
          guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
          (out.baseAddress! + o).update(from: base, count: bytes.count)
          o += bytes.count
        }
        var firstPart = true
        for part in self {
          if !firstPart { put(sep) }
          firstPart = false
          let copied: Void? = part.utf8.withContiguousStorageIfAvailable(put)
          if copied == nil {
            for b in part.utf8 {
              out[o] = b
              o += 1
            }
          }
        }
        return o
      }
    }
  }
}

extension String {
  /// A string of these scalars. `String(String.UnicodeScalarView(s))` and
  /// `UnicodeScalarView.append(contentsOf:)` run unspecialised here, through a map and an
  /// iterator witness for every scalar (measured: ~70,000 instructions for one cleaned line);
  /// this writes the UTF-8 directly.
  @inlinable
  public init(scalars: some Collection<Unicode.Scalar>) {
    let count = scalars.count
    self.init(unsafeUninitializedCapacity: count * 4) { out in
      var o = 0
      for c in scalars {
        let v = c.value
        if v < 0x80 {
          out[o] = UInt8(v)
          o += 1
        } else if v < 0x800 {
          out[o] = UInt8(0xC0 | v >> 6)
          out[o + 1] = UInt8(0x80 | v & 0x3F)
          o += 2
        } else if v < 0x10000 {
          out[o] = UInt8(0xE0 | v >> 12)
          out[o + 1] = UInt8(0x80 | v >> 6 & 0x3F)
          out[o + 2] = UInt8(0x80 | v & 0x3F)
          o += 3
        } else {
          out[o] = UInt8(0xF0 | v >> 18)
          out[o + 1] = UInt8(0x80 | v >> 12 & 0x3F)
          out[o + 2] = UInt8(0x80 | v >> 6 & 0x3F)
          out[o + 3] = UInt8(0x80 | v & 0x3F)
          o += 4
        }
      }
      return o
    }
  }
}

extension StringProtocol {
  /// `hasPrefix(prefix)`, settled on the bytes when the prefix is ASCII: String's own test
  /// compares Characters under canonical equivalence, ~1,000 instructions a call. A text byte
  /// that differs and is ASCII settles "no" (only a non-ASCII character can be equivalent to
  /// an ASCII one: K and U+212A); bytes that all match settle "yes" unless what follows could
  /// join the last character (a combining mark, or the "\n" of "\r\n").
  @inlinable
  public func hasPrefixQuickly(_ prefix: String) -> Bool {
    let answer: Bool?? = prefix.utf8.withContiguousStorageIfAvailable { p in
      utf8.withContiguousStorageIfAvailable { t in Self.bytePrefixAnswer(t, p) } ?? nil
    }
    return (answer ?? nil) ?? hasPrefix(prefix)
  }

  /// What the bytes settle: true, false, or nil when only Characters can.
  @inlinable
  static func bytePrefixAnswer(_ t: UnsafeBufferPointer<UInt8>, _ p: UnsafeBufferPointer<UInt8>) -> Bool? {
    var i = 0
    while i < p.count {
      let b = p[i]
      guard b < 0x80 else { return nil }
      guard i < t.count else { return false }
      let c = t[i]
      if c != b { return c < 0x80 ? false : nil }
      i += 1
    }
    guard i < t.count else { return true }
    let next = t[i]
    return next < 0x80 && !(next == 0x0A && p.last == 0x0D) ? true : nil
  }
}

extension Substring {
  /// The slice at these UTF-8 offsets (cut at scalar boundaries, as byte scans cut): copied or
  /// kept as a view without decoding anything.
  @inlinable @inline(__always)
  public func utf8Slice(_ r: Range<Int>) -> Substring {
    let u = utf8
    return Substring(u[u.index(u.startIndex, offsetBy: r.lowerBound)..<u.index(u.startIndex, offsetBy: r.upperBound)])
  }
}

extension String {
  @inlinable @inline(__always)
  public func utf8Slice(_ r: Range<Int>) -> Substring { Substring(self).utf8Slice(r) }
}
