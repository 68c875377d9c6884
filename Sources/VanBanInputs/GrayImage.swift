internal import CTesseract

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

extension GrayImage {
  /// This picture resampled by `factor` with linear interpolation (see `vb_ocr_gray_scale`);
  /// nil when leptonica cannot (not installed, no memory, a factor outside 0.25–4).
  func scaled(by factor: Double) -> GrayImage? {
    var raw = vb_ocr_gray()
    guard
      vb_ocr_gray_scale(pixels, Int32(width), Int32(height), Int32(bytesPerRow), Int32(clamping: dpi), factor, &raw)
        == Int32(VB_OCR_OK), let scaled = raw.pixels
    else { return nil }
    return GrayImage(
      taking: scaled, width: Int(raw.width), height: Int(raw.height), bytesPerRow: Int(raw.bytes_per_line),
      dpi: Int(raw.dpi))
  }

  /// A pixel darker than this is ink on a scan: grey levels above it are paper and haze.
  static let inkLevel: UInt8 = 128

  /// Whether the box (pixels, ends excluded) holds at least `count` ink pixels.
  func inkPixels(x0: Int, y0: Int, x1: Int, y1: Int, atLeast count: Int) -> Bool {
    let x0 = max(0, x0), y0 = max(0, y0), x1 = min(width, x1), y1 = min(height, y1)
    guard x1 > x0, y1 > y0 else { return count <= 0 }
    var seen = 0
    for y in y0..<y1 {
      let row = pixels + y * bytesPerRow
      for x in x0..<x1 where row[x] < Self.inkLevel {
        seen += 1
        if seen >= count { return true }
      }
    }
    return count <= 0
  }
}
