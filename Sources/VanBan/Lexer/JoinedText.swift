extension Collection where Element: StringProtocol {
  /// `joined(separator:)`, for the parser's paths that join words, cells and lines all the
  /// time. The standard library's version runs unspecialised here — a few hundred
  /// instructions for every element (measured: 370), most of them growing the result; this
  /// one measures first and copies each element's bytes once into a string of the final size.
  func joinedText(_ separator: String) -> String {
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
