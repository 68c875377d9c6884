internal import CTesseract

/// A picture file read by OCR: its pages' words, boxes in pixels of each upright page.
public struct ImageReading: Sendable {
  public var pages: [PageWords]
  public var notes: [InputNote]
}

/// PNG, JPEG or TIFF bytes (multi-page TIFF too) → the words of each page, decoded by leptonica
/// one page at a time and recognised in parallel.
public struct ImageDocumentReader: Sendable {
  public var options: OCROptions

  public init(options: OCROptions = OCROptions()) {
    self.options = options
  }

  public func read(_ bytes: [UInt8]) throws(InputError) -> ImageReading {
    guard let kind = Sniff.imageKind(bytes) else { throw .unsupported("not a PNG, JPEG, TIFF, GIF, WebP or BMP picture") }
    if options.mode == .never { return ImageReading(pages: [], notes: [InputNotes.ocrOffForImage()]) }
    try TesseractEngine.requireData(language: options.language)
    let outcome: Result<ImageReading, InputError> = bytes.withUnsafeBytes { raw in
      var handle: OpaquePointer?
      let status = vb_image_open(raw.baseAddress, raw.count, &handle)
      if status == Int32(VB_OCR_MISSING_LIBRARY) { return .failure(TesseractEngine.missingLibrary()) }
      guard status == Int32(VB_OCR_OK), let handle else {
        return .failure(.damaged("leptonica cannot read this \(kind.rawValue.uppercased()) file"))
      }
      defer { vb_image_close(handle) }
      do throws(InputError) { return .success(try read(handle, kind: kind)) } catch { return .failure(error) }
    }
    return try outcome.get()
  }

  private func read(_ source: OpaquePointer, kind: ImageKind) throws(InputError) -> ImageReading {
    var pages: [Int: PageWords] = [:]
    var notes: [InputNote] = []
    var decoded = 0
    var stopped: InputError?
    // Each page's table grid, from the picture OCR reads, in its pixels as the words are.
    var grids: [Int: [RuleLine]] = [:]
    func decodeNext() -> OCRWorkers.Job? {
      guard stopped == nil else { return nil }
      var raw = vb_ocr_gray()
      let status = vb_image_next(source, options.maxPixels, &raw)
      if status == 0 { return nil }
      let page = decoded + 1
      guard status > 0, let pixels = raw.pixels else {
        stopped = status == -Int32(VB_OCR_TOO_LARGE)
          ? .tooLarge("page \(page) has more than \(options.maxPixels) pixels")
          : .damaged("page \(page) of the \(kind.rawValue.uppercased()) file cannot be decoded")
        return nil
      }
      decoded = page
      let image = GrayImage(
        taking: pixels, width: Int(raw.width), height: Int(raw.height), bytesPerRow: Int(raw.bytes_per_line),
        dpi: Int(raw.dpi))
      grids[page] = RuleFinder.rules(in: image, inPixels: true)
      return .init(page: page, image: .success(image))
    }
    // The first page is decoded before any engine starts: a picture leptonica cannot decode
    // fails at once, not after every worker has loaded Tesseract's model (a third of a
    // second of CPU each), and a picture with no page starts none.
    var first = decodeNext()
    if first != nil {
      let workers = OCRWorkers(
        count: max(1, options.workers), language: options.language, orientation: options.orientation,
        timeLimit: options.pageTimeLimit)
      try workers.run(
        next: {
          if let job = first {
            first = nil
            return job
          }
          return decodeNext()
        },
        finish: { page, result in
          switch result {
          case .success(let ocr):
            pages[page] = ocr.words
            // A page OCR turned upright no longer matches the picture its lines were found on.
            if ocr.rotation == 0 { pages[page]?.rules = grids[page] ?? [] }
            if ocr.rotation != 0 { notes.append(InputNotes.pageTurned(page: page, rotation: ocr.rotation)) }
          case .failure(let error):
            pages[page] = PageWords(page: page, width: 0, height: 0, words: [])
            notes.append(InputNotes.ocrFailed(page: page, error))
          }
        })
    }
    if let stopped {
      // Nothing decoded: the file itself is broken, not one page of it.
      if decoded == 0 { throw stopped }
      notes.append(InputNotes.pagesUnreadable(from: decoded + 1, stopped))
    }
    notes.sort { ($0.location.page ?? 0, $0.code) < ($1.location.page ?? 0, $1.code) }
    return ImageReading(pages: (1...max(1, decoded)).compactMap { pages[$0] }, notes: notes)
  }
}
