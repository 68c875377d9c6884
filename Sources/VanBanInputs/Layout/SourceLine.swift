import VanBanText
import VanBanBytes

/// One line of the original input, numbered from 1 as an editor shows it.
public struct SourceLine: Sendable {
  public var number: Int
  public var text: Substring

  public init(number: Int, text: Substring) {
    self.number = number
    self.text = text
  }
}

public enum LineSplitter {
  /// Splits on LF, CRLF and lone CR so that line numbers match what a reviewer sees.
  public static func split(_ text: String) -> [SourceLine] {
    // Breaks found on the contiguous bytes by offset, then cut as UTF-8 slices: stepping
    // String indexes byte by byte cost more than the rest of this pass.
    let cuts = text.withUTF8Bytes { Self.cuts($0) }
    let whole = Substring(text)
    return cuts.enumerated().map { (k, cut) in
      SourceLine(number: k + 1, text: whole.utf8Slice(cut.0..<cut.1))
    }
  }

  /// Where each line starts and ends in `b` (the break not included), line `k + 1` at `k`:
  /// for readers that work on the bytes and number lines as `split` does.
  public static func cuts(_ b: UnsafeBufferPointer<UInt8>) -> [(Int, Int)] {
    guard let base = b.baseAddress else { return [] }
    var cuts: [(Int, Int)] = []
    cuts.reserveCapacity(b.count / 40 + 1)
    var start = 0
    var i = 0
    let raw = UnsafeRawPointer(base)
    while i < b.count {
      // Sixteen bytes at a time up to the next CR or LF, then eight, then one.
      var found = false
      while i + 16 <= b.count {
        let x = ByteVector.load(raw, i)
        let breaks = ByteVector.equal(x, 0x0A) .| ByteVector.equal(x, 0x0D)
        // Most steps hold no break: the cheap test first, the lane's position only for one.
        if !ByteVector.none(breaks) {
          i += ByteVector.bits(breaks).trailingZeroBitCount
          found = true
          break
        }
        i += 16
      }
      while !found, i + 8 <= b.count {
        let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        if ByteMask.equal(x, to: 0x0A) | ByteMask.equal(x, to: 0x0D) != 0 { break }
        i += 8
      }
      guard i < b.count else { break }
      let c = b[i]
      if c == 0x0A || c == 0x0D {
        cuts.append((start, i))
        i += (c == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A) ? 2 : 1
        start = i
      } else {
        i += 1
      }
    }
    if start < b.count { cuts.append((start, b.count)) }
    return cuts
  }
}

