internal import CTesseract
import VanBanText

/// A page read by Tesseract: its words in pixels of the upright picture, and the turn it took
/// to make it upright.
public struct OCRPage: Sendable {
  public var words: PageWords
  /// Clockwise quarter turns applied before recognition, in degrees: 0, 90, 180 or 270.
  public var rotation: Int
  /// The resolution the boxes are in, 0 when unknown.
  public var dpi: Int
}

/// One grayscale page → its words, through CTesseract.
public enum PageOCR {
  /// Recognises `image` as page `page` with `engine` (the caller's thread's own).
  public static func recognize(
    _ image: GrayImage, page: Int, engine: TesseractEngine, detectOrientation: Bool = true
  ) throws(InputError) -> OCRPage {
    guard image.width <= Int(Int32.max), image.height <= Int(Int32.max), image.bytesPerRow <= Int(Int32.max) else {
      throw .tooLarge("page \(page) is \(image.width) x \(image.height) pixels")
    }
    var result = vb_ocr_result()
    let status = vb_ocr_recognize(
      engine.handle, image.pixels, Int32(image.width), Int32(image.height), Int32(image.bytesPerRow),
      Int32(clamping: image.dpi), detectOrientation ? 1 : 0, &result)
    guard status == Int32(VB_OCR_OK) else { throw error(status, page: page) }
    defer { vb_ocr_result_free(&result) }
    var words: [InputWord] = []
    words.reserveCapacity(result.count)
    let width = Double(result.width)
    let height = Double(result.height)
    for k in 0..<result.count {
      let w = result.words[k]
      let text = Self.text(result.text, w.text_offset, w.text_length)
      let box = BoundingBox(x0: Double(w.x0), y0: Double(w.y0), x1: Double(w.x1), y1: Double(w.y1))
      words.append(
        InputWord(text: text, page: page, box: box, confidence: Double(w.confidence), lineID: Int(w.line)))
    }
    return OCRPage(
      words: PageWords(page: page, width: width, height: height, words: words), rotation: Int(result.rotation),
      dpi: image.dpi)
  }

  /// NFC: Tesseract's Vietnamese model spells some letters with combining marks.
  static func text(_ buffer: UnsafeMutablePointer<CChar>?, _ offset: Int, _ length: Int) -> String {
    guard let buffer, length > 0 else { return "" }
    let raw = UnsafeRawPointer(buffer + offset).assumingMemoryBound(to: UInt8.self)
    let s = String(decoding: UnsafeBufferPointer(start: raw, count: length), as: UTF8.self)
    return ICUNormalizer.isNFC(s) ? s : ICUNormalizer.nfc(s)
  }

  static func error(_ status: Int32, page: Int) -> InputError {
    switch status {
    case Int32(VB_OCR_NO_MEMORY): .tooLarge("out of memory recognising page \(page)")
    case Int32(VB_OCR_BAD_IMAGE): .damaged("page \(page) is no picture Tesseract can read")
    default: .damaged("Tesseract could not recognise page \(page)")
    }
  }
}
