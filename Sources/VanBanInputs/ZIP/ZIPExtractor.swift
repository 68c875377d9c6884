import Foundation
import ZIPFoundation

/// How much a zip entry may inflate to: a zip bomb (a few hundred kilobytes of compressed
/// zeros that claim to be the document) is stopped by what is actually produced, never by the
/// sizes the archive declares.
struct ExtractionLimit: Sendable, Equatable {
  /// Bytes an entry may inflate to.
  var maxBytes: Int
  /// Past `ratioFloor` bytes, the most output per compressed byte. Deflate reaches ~1,030:1 on
  /// runs of one byte; WordprocessingML, however repetitive, stays far below 200:1.
  var maxRatio: Int
  var ratioFloor: Int

  init(maxBytes: Int, maxRatio: Int = 200, ratioFloor: Int = 4 << 20) {
    self.maxBytes = maxBytes
    self.maxRatio = maxRatio
    self.ratioFloor = ratioFloor
  }
}

/// An entry's bytes, inflated under a limit.
///
/// ZIPFoundation does the inflating (`Data.decompress`), fed by a provider that hands out
/// only the entry's own compressed bytes and throws once they are used up: its Linux loop
/// asks for input until the stream ends, and would otherwise spin at the end of a cut-short
/// stream. Every chunk it gets is full-sized, zero-padded at the end, because that loop tells
/// zlib the chunk is as long as it asked for; zeros read as an invalid stored block.
enum ZIPExtractor {
  static let chunkSize = 16 * 1024

  static func extract(_ entry: ZIPEntry, from bytes: [UInt8], limit: ExtractionLimit) throws(InputError) -> [UInt8] {
    let name = entry.name
    guard !entry.isEncrypted else { throw .encrypted }
    let data = try dataRange(of: entry, in: bytes)
    switch entry.method {
    case 0:
      let count = data.count
      guard count <= limit.maxBytes else { throw tooLarge(name, limit) }
      let out = Array(bytes[data])
      guard crc32(out) == entry.crc32 else { throw .damaged("\(name) fails its checksum") }
      return out
    case 8:
      return try inflate(bytes[data], name: name, expectedCRC: entry.crc32, limit: limit)
    default:
      throw .unsupported("\(name) is compressed with method \(entry.method), which vanban does not read (only stored and deflated)")
    }
  }

  /// local header -> "PK\3\4" … name length@26 extra length@28, name, extra, data: the data
  /// offset comes from the local header, whose name and extra lengths may differ from the
  /// central directory's.
  private static func dataRange(of entry: ZIPEntry, in bytes: [UInt8]) throws(InputError) -> Range<Int> {
    let r = ByteReader(bytes)
    guard let header = Int(exactly: entry.localHeaderOffset), r.u32(header) == 0x0403_4B50,
      let nameLength = r.u16(header + 26), let extraLength = r.u16(header + 28)
    else {
      throw .damaged("\(entry.name): its local header is missing or outside the file")
    }
    let start = header + 30 + Int(nameLength) + Int(extraLength)
    guard start <= bytes.count, let size = Int(exactly: entry.compressedSize), size <= bytes.count - start else {
      throw .damaged("\(entry.name) is cut short: its data runs past the end of the file")
    }
    return start..<(start + size)
  }

  private struct Stop: Error {
    var error: InputError
  }

  private static func inflate(_ compressed: ArraySlice<UInt8>, name: String, expectedCRC: UInt32, limit: ExtractionLimit) throws(InputError) -> [UInt8] {
    let total = compressed.count
    let base = compressed.startIndex
    var out: [UInt8] = []
    var stopped: InputError?
    let provider: Provider = { position, size in
      guard position >= 0, position < Int64(total) else {
        throw Stop(error: .damaged("\(name) is cut short: its compressed data ends before the stream does"))
      }
      let lo = base + Int(position)
      let hi = base + min(total, Int(position) + size)
      var chunk = Data(compressed[lo..<hi])
      if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
      return chunk
    }
    let consumer: Consumer = { chunk in
      out.append(contentsOf: chunk)
      if out.count > limit.maxBytes
        || (out.count > limit.ratioFloor && out.count / max(total, 1) > limit.maxRatio)
      {
        throw Stop(error: tooLarge(name, limit))
      }
    }
    let crc: UInt32
    do {
      crc = try Data.decompress(size: Int64(total), bufferSize: chunkSize, skipCRC32: false, provider: provider, consumer: consumer)
    } catch let stop as Stop {
      stopped = stop.error
      crc = 0
    } catch {
      stopped = .damaged("\(name) does not inflate: its compressed data is corrupt")
      crc = 0
    }
    if let stopped { throw stopped }
    guard crc == expectedCRC else { throw .damaged("\(name) fails its checksum") }
    return out
  }

  private static func tooLarge(_ name: String, _ limit: ExtractionLimit) -> InputError {
    let cap = limit.maxBytes >= 1 << 20 ? "\(limit.maxBytes >> 20) MB" : "\(limit.maxBytes) bytes"
    return .tooLarge("\(name) inflates past \(cap) or \(limit.maxRatio) times its compressed size (a zip bomb?)")
  }

  private static func crc32(_ bytes: [UInt8]) -> UInt32 {
    Data(bytes).crc32(checksum: 0)
  }
}
