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

  /// The cells of a drawn table read again one at a time, each as a single block of text,
  /// where the page-level reading is least trustworthy: a cell of a narrow column the page
  /// made a short token or two of (row numbers, units, deadlines, figures), a cell holding a
  /// word the page was unsure of, and a cell that holds ink but none of the page's words.
  /// Tesseract's layout analysis of a whole page garbles or drops what stands alone in a
  /// ruled cell ("7" read as "Z", "4" as "-", a column of "100" left out, a stray mark beside a
  /// bold header); read on its own, the cell gives it back. The cell's reading replaces the
  /// page's words whose centre lies in it when it is surer of itself than they were; a cell
  /// that reads as nothing keeps them. The cells are cut from `cellImage` when given (the
  /// page at the same resolution, enlarged smoothly from a scan's own pixels), else from
  /// `image`. Returns the page's words, boxes in the page's pixels.
  public static func rereadRuledCells(
    _ image: GrayImage, page: OCRPage, engine: TesseractEngine, cellImage: GrayImage? = nil
  ) -> [InputWord] {
    var words = page.words.words
    guard page.rotation == 0 else { return words }
    let scale = image.dpi > 0 ? Double(image.dpi) / 72 : 1
    let cells = RuledCells.cells(RuleFinder.rules(in: image), narrowWidth: narrowColumn)
    let source = cellImage.flatMap { $0.dpi == image.dpi ? $0 : nil } ?? image
    guard !cells.isEmpty else { return words }
    vb_ocr_set_block_mode(engine.handle, 1)
    defer { vb_ocr_set_block_mode(engine.handle, 0) }
    for cell in cells {
      let x0 = Int((cell.x0 + cellInset) * scale)
      let x1 = Int((cell.x1 - cellInset) * scale)
      let y0 = Int((cell.y0 + cellInset) * scale)
      let y1 = Int((cell.y1 - cellInset) * scale)
      guard x1 - x0 >= 8, y1 - y0 >= 8, x0 >= 0, y0 >= 0, x1 <= min(image.width, source.width),
        y1 <= min(image.height, source.height)
      else { continue }
      let inside = { (w: InputWord) -> Bool in
        let cx = (w.box.x0 + w.box.x1) / 2
        let cy = (w.box.y0 + w.box.y1) / 2
        return cx > Double(x0) && cx < Double(x1) && cy > Double(y0) && cy < Double(y1) && !w.text.isEmpty
      }
      let held = words.filter(inside)
      let holdsWords = !held.isEmpty
      // A narrow cell of running words (an agency's name) was read with its neighbours' help
      // and stands, unless a word of it was unsure.
      guard
        !holdsWords || (cell.narrow && held.count <= maxShortWords && held.allSatisfy { $0.text.count <= maxShortLength })
          || held.contains(where: { $0.confidence < unsure })
      else { continue }
      guard source.inkPixels(x0: x0, y0: y0, x1: x1, y1: y1, atLeast: minInk) else { continue }
      var result = vb_ocr_result()
      let status = vb_ocr_recognize(
        engine.handle, source.pixels + y0 * source.bytesPerRow + x0, Int32(x1 - x0), Int32(y1 - y0),
        Int32(source.bytesPerRow), Int32(clamping: source.dpi), 0, &result)
      guard status == Int32(VB_OCR_OK) else { continue }
      defer { vb_ocr_result_free(&result) }
      var found: [InputWord] = []
      for j in 0..<result.count {
        let w = result.words[j]
        let text = Self.text(result.text, w.text_offset, w.text_length)
        guard !text.isEmpty else { continue }
        let box = BoundingBox(
          x0: Double(Int(w.x0) + x0), y0: Double(Int(w.y0) + y0), x1: Double(Int(w.x1) + x0), y1: Double(Int(w.y1) + y0))
        found.append(InputWord(text: text, page: page.words.page, box: box, confidence: Double(w.confidence), lineID: -1))
      }
      guard !found.isEmpty else { continue }
      if holdsWords {
        // The page's reading stands unless the cell's own is surer of itself.
        guard confidence(found) > confidence(held) else { continue }
        words.removeAll(where: inside)
      }
      words += found
    }
    return words
  }

  /// Mean confidence over the words' characters.
  static func confidence(_ words: [InputWord]) -> Double {
    var sum = 0.0
    var count = 0.0
    for w in words {
      let n = Double(w.text.count)
      sum += max(0, w.confidence) * n
      count += n
    }
    return count > 0 ? sum / count : 0
  }

  /// A ruled column this narrow (in points) has every cell read on its own: wide enough for a
  /// row number, a unit, a short date or a figure, too narrow for a page's running text.
  static let narrowColumn = 60.0
  /// What counts as a short reading of a cell: row numbers, figures, dates, units.
  static let maxShortWords = 2
  static let maxShortLength = 10
  /// A cell holding a word read with less confidence than this (a stray mark beside a bold
  /// header, a garbled figure) is read again on its own.
  static let unsure = 60.0
  /// Points kept clear of a cell's rules, so that no rule is read as a letter.
  static let cellInset = 1.5
  /// Dark pixels a cell needs before it is worth reading: fewer is a speck.
  static let minInk = 12

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
