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

  /// Narrow columns of a drawn table that page-level OCR left empty, read again one column at
  /// a time as a single block: Tesseract's layout analysis drops lone row numbers ("1", "2",
  /// "II") standing in a narrow ruled cell, and read alone the column gives them back. Only a
  /// column with no word of the page's reading inside it is read again, so nothing is read
  /// twice. The words come back in the page's pixels.
  public static func recognizeEmptyColumns(
    _ image: GrayImage, page: OCRPage, engine: TesseractEngine
  ) -> [InputWord] {
    guard page.rotation == 0 else { return [] }
    let scale = image.dpi > 0 ? Double(image.dpi) / 72 : 1
    let rules = RuleFinder.rules(in: image).filter(\.isVertical)
    var found: [InputWord] = []
    let sorted = rules.sorted { $0.position < $1.position }
    for (k, left) in sorted.enumerated() {
      // The next vertical line to the right that runs beside this one.
      guard let right = sorted[(k + 1)...].first(where: {
        $0.position - left.position > 8 && min($0.end, left.end) - max($0.start, left.start) > 0.8 * min($0.length, left.length)
      }) else { continue }
      let widthPt = right.position - left.position
      guard widthPt <= 60 else { continue }
      let x0 = Int((left.position + 1.5) * scale)
      let x1 = Int((right.position - 1.5) * scale)
      let y0 = Int(max(left.start, right.start) * scale)
      let y1 = Int(min(left.end, right.end) * scale)
      guard x1 - x0 >= 8, y1 - y0 >= 8, x0 >= 0, y0 >= 0, x1 <= image.width, y1 <= image.height else { continue }
      let holdsWords = page.words.words.contains { w in
        let cx = (w.box.x0 + w.box.x1) / 2
        let cy = (w.box.y0 + w.box.y1) / 2
        return cx > Double(x0) && cx < Double(x1) && cy > Double(y0) && cy < Double(y1) && !w.text.isEmpty
      }
      guard !holdsWords else { continue }
      vb_ocr_set_block_mode(engine.handle, 1)
      var result = vb_ocr_result()
      let status = vb_ocr_recognize(
        engine.handle, image.pixels + y0 * image.bytesPerRow + x0, Int32(x1 - x0), Int32(y1 - y0),
        Int32(image.bytesPerRow), Int32(clamping: image.dpi), 0, &result)
      vb_ocr_set_block_mode(engine.handle, 0)
      guard status == Int32(VB_OCR_OK) else { continue }
      for j in 0..<result.count {
        let w = result.words[j]
        let text = Self.text(result.text, w.text_offset, w.text_length)
        guard !text.isEmpty else { continue }
        let box = BoundingBox(
          x0: Double(Int(w.x0) + x0), y0: Double(Int(w.y0) + y0), x1: Double(Int(w.x1) + x0), y1: Double(Int(w.y1) + y0))
        found.append(InputWord(text: text, page: page.words.page, box: box, confidence: Double(w.confidence), lineID: -1))
      }
      vb_ocr_result_free(&result)
    }
    return found
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
