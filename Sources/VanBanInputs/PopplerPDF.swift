internal import CPoppler
import VanBanText

/// An open PDF, through CPoppler. Opened over the caller's bytes without copying them, so it
/// lives only inside `with(_:_:)`, while those bytes are pinned.
///
/// poppler's document is not safe to share unguarded: every call takes `lock`, so OCR
/// workers may each render their next page through the one document.
final class PopplerPDF: @unchecked Sendable {
  private let handle: OpaquePointer
  private let lock = PThreadLock()
  let pageCount: Int

  private init(handle: OpaquePointer) {
    self.handle = handle
    pageCount = Int(vb_pdf_page_count(handle))
  }

  deinit { vb_pdf_close(handle) }

  /// Another document over the same bytes, for another thread to read its own pages through at
  /// the same time; nil if poppler will not open it again. Like this one, it must not escape
  /// `with(_:_:)`'s body.
  func reopen() -> PopplerPDF? {
    let other: OpaquePointer? = lock.run {
      var other: OpaquePointer?
      guard vb_pdf_reopen(handle, &other) == Int32(VB_PDF_OK) else { return nil }
      return other
    }
    return other.map(PopplerPDF.init(handle:))
  }

  /// Opens `bytes` and runs `body` with the document; it must not escape `body`.
  static func with<T>(_ bytes: [UInt8], _ body: (PopplerPDF) throws(InputError) -> T) throws(InputError) -> T {
    let outcome: Result<T, InputError> = bytes.withUnsafeBytes { raw in
      var handle: OpaquePointer?
      var message = [CChar](repeating: 0, count: 256)
      let status = vb_pdf_open(raw.baseAddress, raw.count, &handle, &message, message.count)
      guard status == Int32(VB_PDF_OK), let handle else {
        let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return .failure(Self.openError(status, reason: reason))
      }
      let pdf = PopplerPDF(handle: handle)
      do throws(InputError) { return .success(try body(pdf)) } catch { return .failure(error) }
    }
    return try outcome.get()
  }

  static func openError(_ status: Int32, reason: String) -> InputError {
    switch status {
    case Int32(VB_PDF_ENCRYPTED): .encrypted
    case Int32(VB_PDF_NO_PAGES): .empty("the PDF has no pages")
    case Int32(VB_PDF_NO_MEMORY): .tooLarge("out of memory opening the PDF")
    case Int32(VB_PDF_MISSING_LIBRARY): .missingTool(reason)
    default: .damaged(reason.isEmpty ? "poppler cannot read the PDF" : "poppler cannot read the PDF: \(reason)")
    }
  }

  /// Page `page` (1-based) size in points, as shown.
  func size(page: Int) -> (width: Double, height: Double)? {
    lock.run {
      var width = 0.0
      var height = 0.0
      guard vb_pdf_page_size(handle, Int32(page - 1), &width, &height) == Int32(VB_PDF_OK) else { return nil }
      return (width, height)
    }
  }

  /// The text layer's words of page `page` (1-based), in points, y downwards, NFC; words
  /// outside the page (text beyond the crop box) are left out and boxes are cut to the page.
  /// With them, the page drawn in gray when reading its words took drawing it (a page holding
  /// annotations, such as a signed PDF's signature fields): at `pictureDPI`, or less for a
  /// page past `maxPixels` (`PageLimits.fitDPI`), as it shows. Nil for a page read without
  /// drawing it, for one whose content holds fewer than `minWords` words, and when
  /// `pictureDPI` is nil.
  func words(page: Int, pictureDPI: Int? = nil, maxPixels: Int = 0, minWords: Int = 0) throws(InputError)
    -> (words: PageWords, picture: GrayImage?)
  {
    guard let (width, height) = size(page: page) else { throw .damaged("page \(page) cannot be read") }
    let dpi = pictureDPI.flatMap { PageLimits.fitDPI((width, height), preferred: $0, maxPixels: maxPixels) }
    var words: [InputWord] = []
    var stamp: [String] = []
    var picture: GrayImage?
    let status: Int32 = lock.run {
      var raw = vb_pdf_words()
      var drawn = vb_pdf_gray()
      let status = withUnsafeMutablePointer(to: &drawn) { drawnPointer in
        vb_pdf_page_words(
          handle, Int32(page - 1), Double(dpi ?? 0), dpi == nil ? 0 : maxPixels, max(0, minWords), &raw, dpi == nil ? nil : drawnPointer)
      }
      guard status == Int32(VB_PDF_OK) else { return status }
      defer { vb_pdf_words_free(&raw) }
      if let dpi, let pixels = drawn.pixels {
        picture = GrayImage(
          taking: pixels, width: Int(drawn.width), height: Int(drawn.height), bytesPerRow: Int(drawn.bytes_per_line),
          dpi: dpi)
      }
      words.reserveCapacity(raw.count)
      for k in 0..<raw.count {
        let w = raw.words[k]
        let cx = (w.x0 + w.x1) / 2
        let cy = (w.y0 + w.y1) / 2
        guard cx >= 0, cx <= width, cy >= 0, cy <= height else { continue }
        let box = BoundingBox(
          x0: max(0, w.x0), y0: max(0, w.y0), x1: min(width, w.x1), y1: min(height, w.y1))
        let text = PageOCR.text(raw.text, w.text_offset, w.text_length)
        if w.annotation == Int32(VB_PDF_WORD_STAMP) {
          stamp.append(text)
          continue
        }
        words.append(InputWord(text: text, page: page, box: box, lineID: Int(w.line)))
      }
      return status
    }
    guard status == Int32(VB_PDF_OK) else {
      if status == Int32(VB_PDF_NO_MEMORY) { throw .tooLarge("out of memory reading page \(page)") }
      throw .damaged("page \(page) cannot be read")
    }
    var read = PageWords(page: page, width: width, height: height, words: words)
    if !stamp.isEmpty { read.stampText = stamp.joined(separator: " ") }
    return (read, picture)
  }

  /// The share of page `page` (0 to 1) that pictures cover; 0 when it cannot be told.
  func imageShare(page: Int) -> Double {
    lock.run {
      var share = 0.0
      guard vb_pdf_page_image_share(handle, Int32(page - 1), &share) == Int32(VB_PDF_OK), share.isFinite else { return 0 }
      return share
    }
  }

  /// The resolution of the scan that covers most of page `page` (one picture over 60% of it
  /// or more), in pixels per inch; nil for a page that is no scan, or whose picture is
  /// stretched unevenly (its two resolutions differ by more than 2%).
  func scanResolution(page: Int) -> Double? {
    lock.run {
      var x = 0.0
      var y = 0.0
      guard vb_pdf_page_scan_resolution(handle, Int32(page - 1), PDFTextPage.scanShare, &x, &y) == Int32(VB_PDF_OK),
        x.isFinite, y.isFinite, x > 0, y > 0, abs(x - y) <= 0.02 * max(x, y)
      else { return nil }
      return (x + y) / 2
    }
  }

  /// Page `page` drawn in gray at `dpi`, or the reason it could not be.
  func render(page: Int, dpi: Int, maxPixels: Int) throws(InputError) -> GrayImage {
    let (status, image): (Int32, GrayImage?) = lock.run {
      var raw = vb_pdf_gray()
      let status = vb_pdf_render_gray(handle, Int32(page - 1), Double(dpi), maxPixels, &raw)
      guard status == Int32(VB_PDF_OK), let pixels = raw.pixels else { return (status, nil) }
      let image = GrayImage(
        taking: pixels, width: Int(raw.width), height: Int(raw.height), bytesPerRow: Int(raw.bytes_per_line),
        dpi: dpi)
      return (status, image)
    }
    if let image { return image }
    switch status {
    case Int32(VB_PDF_TOO_LARGE): throw .tooLarge("page \(page) is too large to render at \(dpi) dpi")
    case Int32(VB_PDF_NO_MEMORY): throw .tooLarge("out of memory rendering page \(page)")
    default: throw .damaged("page \(page) cannot be rendered")
    }
  }
}

extension GrayImage {
  /// Whether the picture holds a run of `minRun` pixels darker than `ink` along a row or down a
  /// column: without one, no line of a table is drawn on it (`RuleFinder` needs such runs).
  func hasRun(darkerThan ink: UInt8, minRun: Int) -> Bool {
    vb_pdf_gray_has_run(pixels, Int32(clamping: width), Int32(clamping: height), Int32(clamping: bytesPerRow), Int32(ink), Int32(clamping: minRun)) != 0
  }
}
