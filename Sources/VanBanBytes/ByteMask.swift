#if arch(x86_64)
  import CByteVector
#endif

/// Eight bytes at a time: which bytes of a word equal a given one.
///
/// The scans that skip through whole documents (line counting in hOCR, runs of spaces in a
/// -layout dump) test eight bytes per step with this one mask, and the sixteen-byte scans
/// below finish their last few bytes with it.
public enum ByteMask {
  /// The high bit of every byte of `word` that equals `byte`, and no other bit: exact, since
  /// the borrow of the usual "has a zero byte" test cannot reach into the next byte here.
  @inlinable @inline(__always)
  public static func equal(_ word: UInt64, to byte: UInt8) -> UInt64 {
    let d = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
    let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    return ~(((d & low) &+ low) | d) & 0x8080_8080_8080_8080
  }

  /// The high bit of every byte of `word` below `bound` (1...128), and no other bit: exact,
  /// since adding `0x80 - bound` to the low seven bits cannot carry into the next byte.
  @inlinable @inline(__always)
  public static func less(_ word: UInt64, than bound: UInt8) -> UInt64 {
    let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let add = UInt64(0x80 &- bound) &* 0x0101_0101_0101_0101
    return ~(((word & low) &+ add) | word) & 0x8080_8080_8080_8080
  }

  /// How many bytes of a word come before the first whose high bit `mask` sets (a mask of
  /// high bits as `equal` and `less` give, or a word's own high bits): 8 when it sets none.
  @inlinable @inline(__always)
  public static func bytesBeforeFirst(_ mask: UInt64) -> Int {
    mask == 0 ? 8 : mask.trailingZeroBitCount >> 3
  }
}

/// Sixteen bytes at a time, in the vector registers: for the scans that run over every byte of
/// every line, where the eight-byte `ByteMask` steps took a dozen integer operations per test.
/// The standard library's `SIMD16<UInt8>` compiles to SSE2 (NEON on ARM) compares; the lane
/// masks are read through their bits, since `any(_:)` calls out of line.
public enum ByteVector {
  public typealias Bytes = SIMD16<UInt8>
  public typealias Lanes = SIMDMask<SIMD16<Int8>>

  @inlinable @inline(__always)
  public static func load(_ raw: UnsafeRawPointer, _ offset: Int) -> Bytes {
    raw.loadUnaligned(fromByteOffset: offset, as: Bytes.self)
  }

  @inlinable @inline(__always)
  public static func equal(_ x: Bytes, _ byte: UInt8) -> Lanes {
    x .== Bytes(repeating: byte)
  }

  /// Lanes below `bound`, unsigned.
  @inlinable @inline(__always)
  public static func less(_ x: Bytes, _ bound: UInt8) -> Lanes {
    x .< Bytes(repeating: bound)
  }

  /// The set lanes as bits, lane k at bit k: SSE2's movemask on x86-64 (`vb_movemask`, which
  /// Swift alone cannot ask for). Elsewhere each half's lanes, 0 or 1 in the low bit of their
  /// byte, are gathered into its top byte by one multiply; the partial products are distinct
  /// powers of two, so none carries.
  @inlinable @inline(__always)
  public static func bits(_ m: Lanes) -> UInt32 {
    #if arch(x86_64)
      return vb_movemask(unsafeBitCast(m, to: SIMD16<Int8>.self))
    #else
      return gatheredBits(m)
    #endif
  }

  /// `bits` without the movemask, for every architecture (and for the tests to hold the
  /// movemask to).
  @inlinable @inline(__always)
  public static func gatheredBits(_ m: Lanes) -> UInt32 {
    let words = unsafeBitCast(m, to: SIMD2<UInt64>.self)
    let ones: UInt64 = 0x0101_0101_0101_0101
    let gather: UInt64 = 0x0102_0408_1020_4080
    let low = ((words[0] & ones) &* gather) >> 56
    let high = ((words[1] & ones) &* gather) >> 56
    return UInt32(truncatingIfNeeded: low | high << 8)
  }

  /// How many lanes `lanes` sets over `steps` sixteen-byte steps from `offset` (at most
  /// `maxCountedSteps`): each step's set lanes (0xFF) are subtracted from sixteen per-lane
  /// tallies, which cannot pass 255, and the tallies summed once. Gathering each step's lanes
  /// into bits to count them cost about three times as much.
  @inlinable @inline(__always)
  public static func count(_ raw: UnsafeRawPointer, at offset: Int, steps: Int, _ lanes: (Bytes) -> Lanes) -> Int {
    var tally = Bytes()
    for s in 0..<steps {
      tally &-= unsafeBitCast(lanes(load(raw, offset + 16 * s)), to: Bytes.self)
    }
    return Int(SIMD16<UInt16>(truncatingIfNeeded: tally).wrappedSum())
  }

  /// The most steps `count` can tally before a lane could overflow.
  public static let maxCountedSteps = 255

  /// Whether no lane is set: on x86-64 the movemask tested (`pmovmskb`, `test`), which the
  /// compiler gives for the lanes as they are; the two words' test took it through a shift,
  /// a mask and two compares first.
  @inlinable @inline(__always)
  public static func none(_ m: Lanes) -> Bool {
    #if arch(x86_64)
      return bits(m) == 0
    #else
      let words = unsafeBitCast(m, to: SIMD2<UInt64>.self)
      return words[0] | words[1] == 0
    #endif
  }
}

/// Copies of at most sixteen bytes without a call to `memmove`: two loads and two stores
/// that overlap (eight bytes each, or four below eight), none past either end. Short pieces
/// (key names, words, the bytes of a short String) are most of what the writers copy.
public enum ShortBytes {
  public static let limit = 16

  /// Copies `count` bytes (at most `limit`) from `source` to `target`, which do not overlap.
  @inlinable @inline(__always)
  public static func copy(_ source: UnsafeRawPointer, to target: UnsafeMutableRawPointer, count n: Int) {
    if n >= 8 {
      target.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
      target.storeBytes(of: source.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), toByteOffset: n - 8, as: UInt64.self)
    } else if n >= 4 {
      target.storeBytes(of: source.loadUnaligned(as: UInt32.self), as: UInt32.self)
      target.storeBytes(of: source.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self), toByteOffset: n - 4, as: UInt32.self)
    } else if n > 0 {
      // One, two or three bytes: the first, the middle and the last (a loop here became a
      // memmove call).
      target.storeBytes(of: source.load(as: UInt8.self), as: UInt8.self)
      target.storeBytes(of: source.load(fromByteOffset: n / 2, as: UInt8.self), toByteOffset: n / 2, as: UInt8.self)
      target.storeBytes(of: source.load(fromByteOffset: n - 1, as: UInt8.self), toByteOffset: n - 1, as: UInt8.self)
    }
  }

  /// The `count` bytes (at most 16) at `source` as two little-endian words, zeros after them:
  /// read with `copy`'s overlapping loads and put together in registers. Stored into a pair
  /// of words and read back as words, the overlapping stores could not forward to the loads,
  /// and every short String made that way waited for its bytes to reach the cache.
  @inlinable @inline(__always)
  public static func words(_ source: UnsafeRawPointer, count n: Int) -> (UInt64, UInt64) {
    if n >= 8 {
      let low = UInt64(littleEndian: source.loadUnaligned(as: UInt64.self))
      // Bytes n - 8 ..< n: those from 8 on are its top n - 8 (none when n is 8, which the
      // shift by 64 gives).
      let high = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
      return (low, high >> UInt64((16 - n) * 8))
    }
    if n >= 4 {
      // Bytes 0 ..< 4 and n - 4 ..< n; where they overlap they hold the same bytes.
      let low = UInt64(UInt32(littleEndian: source.loadUnaligned(as: UInt32.self)))
      let high = UInt64(UInt32(littleEndian: source.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
      return (low | high << UInt64((n - 4) * 8), 0)
    }
    guard n > 0 else { return (0, 0) }
    let first = UInt64(source.load(as: UInt8.self))
    let middle = UInt64(source.load(fromByteOffset: n / 2, as: UInt8.self))
    let last = UInt64(source.load(fromByteOffset: n - 1, as: UInt8.self))
    return (first | middle << UInt64(n / 2 * 8) | last << UInt64((n - 1) * 8), 0)
  }

  /// Copies `count` bytes, any number, from `source` to `target`, which do not overlap: those
  /// up to `limit` (most pieces) as `copy` does, longer ones by `memmove`.
  @inlinable @inline(__always)
  public static func copyAny(_ source: UnsafeRawPointer, to target: UnsafeMutableRawPointer, count n: Int) {
    if n <= limit {
      copy(source, to: target, count: n)
    } else {
      target.copyMemory(from: source, byteCount: n)
    }
  }
}
