#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// An 8-bit grayscale picture (0 black, 255 white) on its way to Tesseract: a rendered PDF
/// page or a decoded scan. A class, so one page's pixels exist once and are freed as soon as
/// the worker that recognised it lets go: a long document never holds more pictures than
/// there are workers.
public final class GrayImage {
  let pixels: UnsafeMutablePointer<UInt8>
  public let width: Int
  public let height: Int
  public let bytesPerRow: Int
  /// The picture's resolution, 0 when unknown (an image file that names none).
  public let dpi: Int

  /// Takes over a buffer allocated with `malloc`, as the C targets hand them out.
  init(taking pixels: UnsafeMutablePointer<UInt8>, width: Int, height: Int, bytesPerRow: Int, dpi: Int) {
    self.pixels = pixels
    self.width = width
    self.height = height
    self.bytesPerRow = bytesPerRow
    self.dpi = dpi
  }

  /// A copy of `bytes`, rows `width` bytes long; nil when they do not make a
  /// `width` x `height` picture.
  public convenience init?(bytes: [UInt8], width: Int, height: Int, dpi: Int = 0) {
    guard width > 0, height > 0, bytes.count == width * height,
      let buffer = malloc(bytes.count)?.assumingMemoryBound(to: UInt8.self)
    else { return nil }
    bytes.withUnsafeBufferPointer { source in
      if let base = source.baseAddress { buffer.update(from: base, count: source.count) }
    }
    self.init(taking: buffer, width: width, height: height, bytesPerRow: width, dpi: dpi)
  }

  deinit { free(pixels) }
}
