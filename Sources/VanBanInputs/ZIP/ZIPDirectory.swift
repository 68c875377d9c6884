/// One file in a zip archive as its central directory describes it. The sizes are claims:
/// the extractor bounds what it reads and inflates by its own limits, never by these.
struct ZIPEntry: Equatable {
  var name: String
  /// 0 stored, 8 deflated; anything else is refused when the entry is read.
  var method: UInt16
  /// General-purpose flags; bit 0 marks an encrypted entry.
  var flags: UInt16
  var crc32: UInt32
  var compressedSize: UInt64
  var uncompressedSize: UInt64
  var localHeaderOffset: UInt64

  var isEncrypted: Bool { flags & 1 != 0 }
}

/// A zip archive's table of contents, read from its central directory.
///
/// Read here rather than through ZIPFoundation's `Archive`: the entry's data offset, which
/// the bounded extraction needs, is internal to ZIPFoundation, and its `extract` on Linux
/// never returns for a deflate stream that does not end before the archive does (version
/// 0.9.20 asks for more input forever once the file is exhausted).
struct ZIPDirectory {
  var entries: [ZIPEntry]

  /// end of central directory -> "PK\5\6" disk(2) disk(2) count(2) count(2) size(4) offset(4) comment
  /// (found in the last 64 KB + 22 bytes; a zip64 locator just before it points to the zip64
  /// record when the counts or offsets overflow).
  /// central entry -> "PK\1\2" … method@10 crc@16 csize@20 usize@24 name@28 extra@30
  ///                  comment@32 offset@42, name, extra (zip64 sizes under id 1), comment
  static func read(_ bytes: [UInt8]) throws(InputError) -> ZIPDirectory {
    let reader = ByteReader(bytes)
    guard let end = findEndRecord(reader) else {
      throw .damaged("the zip archive is cut short or damaged: it has no central directory")
    }
    var count = UInt64(reader.u16(end + 10) ?? 0)
    var offset = UInt64(reader.u32(end + 16) ?? 0)
    var size = UInt64(reader.u32(end + 12) ?? 0)
    if count == 0xFFFF || offset == 0xFFFF_FFFF || size == 0xFFFF_FFFF, end >= 20,
      reader.u32(end - 20) == 0x0706_4B50, let record = reader.u64(end - 12).flatMap(Int.init(exactly:)),
      reader.u32(record) == 0x0606_4B50
    {
      count = reader.u64(record + 32) ?? count
      size = reader.u64(record + 40) ?? size
      offset = reader.u64(record + 48) ?? offset
    }
    guard let start = Int(exactly: offset), let length = Int(exactly: size), start <= bytes.count,
      length <= bytes.count - start
    else {
      throw .damaged("the zip archive's central directory lies outside the file")
    }
    var entries: [ZIPEntry] = []
    var at = start
    // Each entry takes at least 46 bytes, so the loop ends with the directory whatever the
    // count claims.
    while UInt64(entries.count) < count, let entry = readEntry(reader, at: &at, end: start + length) {
      entries.append(entry)
    }
    return ZIPDirectory(entries: entries)
  }

  /// The entry with this part name, compared as OPC compares them (ASCII case ignored, no
  /// leading "/").
  func entry(named name: String) -> ZIPEntry? {
    let key = Self.partKey(name)
    return entries.first { Self.partKey($0.name) == key }
  }

  static func partKey(_ name: String) -> String {
    var s = Substring(name)
    while s.first == "/" { s = s.dropFirst() }
    return String(s).lowercased()
  }

  private static func findEndRecord(_ r: ByteReader) -> Int? {
    let n = r.bytes.count
    guard n >= 22 else { return nil }
    let lowest = max(0, n - 22 - 0xFFFF)
    var i = n - 22
    while i >= lowest {
      if r.u32(i) == 0x0605_4B50 { return i }
      i -= 1
    }
    return nil
  }

  private static func readEntry(_ r: ByteReader, at: inout Int, end: Int) -> ZIPEntry? {
    let p = at
    guard p + 46 <= end, r.u32(p) == 0x0201_4B50, let flags = r.u16(p + 8), let method = r.u16(p + 10),
      let crc = r.u32(p + 16), let csize = r.u32(p + 20), let usize = r.u32(p + 24),
      let nameLength = r.u16(p + 28).map(Int.init), let extraLength = r.u16(p + 30).map(Int.init),
      let commentLength = r.u16(p + 32).map(Int.init), let offset = r.u32(p + 42)
    else { return nil }
    let nameStart = p + 46
    let extraStart = nameStart + nameLength
    let next = extraStart + extraLength + commentLength
    guard next <= end else { return nil }
    at = next
    let name = String(decoding: r.bytes[nameStart..<extraStart], as: UTF8.self)
    var entry = ZIPEntry(
      name: name, method: method, flags: flags, crc32: crc, compressedSize: UInt64(csize),
      uncompressedSize: UInt64(usize), localHeaderOffset: UInt64(offset))
    applyZIP64(r, extra: extraStart..<(extraStart + extraLength), to: &entry)
    return entry
  }

  /// zip64 extra field (id 1): the 8-byte values of whichever of uncompressed size, compressed
  /// size and offset overflowed their 4-byte fields, in that order.
  private static func applyZIP64(_ r: ByteReader, extra: Range<Int>, to entry: inout ZIPEntry) {
    var i = extra.lowerBound
    while i + 4 <= extra.upperBound, let id = r.u16(i), let length = r.u16(i + 2).map(Int.init) {
      let body = i + 4
      guard body + length <= extra.upperBound else { return }
      if id == 1 {
        var k = body
        func take() -> UInt64? {
          guard k + 8 <= body + length, let v = r.u64(k) else { return nil }
          k += 8
          return v
        }
        if entry.uncompressedSize == 0xFFFF_FFFF, let v = take() { entry.uncompressedSize = v }
        if entry.compressedSize == 0xFFFF_FFFF, let v = take() { entry.compressedSize = v }
        if entry.localHeaderOffset == 0xFFFF_FFFF, let v = take() { entry.localHeaderOffset = v }
        return
      }
      i = body + length
    }
  }
}

/// Little-endian integers read from a byte array, nil past its end.
struct ByteReader {
  let bytes: [UInt8]

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  func u16(_ i: Int) -> UInt16? {
    guard i >= 0, i + 2 <= bytes.count else { return nil }
    return UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8
  }

  func u32(_ i: Int) -> UInt32? {
    guard i >= 0, i + 4 <= bytes.count else { return nil }
    return (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[i + $1]) << (8 * UInt32($1)) }
  }

  func u64(_ i: Int) -> UInt64? {
    guard let lo = u32(i), let hi = u32(i + 4) else { return nil }
    return UInt64(lo) | UInt64(hi) << 32
  }
}
