/// A PDF page's text layer, judged.
public struct PDFTextPage: Sendable {
  /// The text layer's words, in points, y downwards (none for a scan).
  public var words: PageWords
  public var check: TextLayerCheck
  /// The share of the page that pictures cover, where it was asked (a page with few words).
  public var imageShare: Double?

  /// Why only OCR can read a page.
  public enum OCRReason: Sendable, Equatable {
    /// No words at all: a scan.
    case noText
    /// Words that are not readable text (`TextLayerCheck`).
    case unreadableText
    /// A scan with a few words of real text on it: the stamp a digital signature leaves
    /// ("Ký bởi: …"), a page number. The words say nothing of the picture under them.
    case sparseTextOverPicture
  }

  /// Fewer readable words than this over a picture covering `scanShare` of the page is a
  /// stamped scan: a signature stamp has a dozen or two, a typed page hundreds.
  public static let sparseWords = 40
  public static let scanShare = 0.6

  public var ocrReason: OCRReason? {
    if check.counted == 0 { return .noText }
    if !check.isUsable { return .unreadableText }
    if check.counted < Self.sparseWords, let imageShare, imageShare >= Self.scanShare { return .sparseTextOverPicture }
    return nil
  }

  public var needsOCR: Bool { ocrReason != nil }
}

/// A whole PDF read into words: each page from its text layer or by OCR, as `OCRMode` says.
public struct PDFReading: Sendable {
  /// Every page in order, boxes in points, y downwards. A page that was turned upright for OCR
  /// has the upright page's size (a landscape scan on a portrait page is landscape here).
  public var pages: [PageWords]
  /// 1-based pages whose words came from OCR.
  public var ocrPages: [Int]
  public var notes: [InputNote]
}

/// PDF bytes → the words of each page, through CPoppler, with OCR through CTesseract for the
/// pages whose text layer is missing or unusable.
public struct PDFDocumentReader: Sendable {
  public var options: OCROptions

  public init(options: OCROptions = OCROptions()) {
    self.options = options
  }

  /// Each page's text layer and whether it needs OCR; nothing is rendered.
  public func textLayer(_ bytes: [UInt8]) throws(InputError) -> [PDFTextPage] {
    try Self.checkSignature(bytes)
    return try PopplerPDF.with(bytes) { pdf throws(InputError) in Self.textLayer(pdf) }
  }

  /// The whole document: text layers, then OCR of the pages `options.mode` asks for, several
  /// at once. Fails only for a file that cannot be read at all (encrypted, damaged, without
  /// pages) or when OCR is needed and Tesseract's data is not installed; a page that fails on
  /// its own gets a note instead.
  public func read(_ bytes: [UInt8]) throws(InputError) -> PDFReading {
    try Self.checkSignature(bytes)
    return try PopplerPDF.with(bytes) { pdf throws(InputError) in try read(pdf) }
  }

  static func checkSignature(_ bytes: [UInt8]) throws(InputError) {
    guard Sniff.isPDF(bytes) else { throw .unsupported("no %PDF- header in the first 1024 bytes") }
  }

  /// A page poppler cannot read gets no words, so OCR tries it (and says so if it fails too).
  static func textLayer(_ pdf: PopplerPDF) -> [PDFTextPage] {
    stride(from: 1, through: pdf.pageCount, by: 1).map { textPage(pdf, page: $0).text }
  }

  /// Page `page`'s text layer, judged; and the page's picture at `pictureDPI` (as
  /// `drawnRules` would draw it) when reading the text took drawing the page
  /// (`PopplerPDF.words(page:pictureDPI:maxPixels:minWords:)`).
  static func textPage(_ pdf: PopplerPDF, page: Int, pictureDPI: Int? = nil) -> (text: PDFTextPage, picture: GrayImage?) {
    let words: PageWords
    var picture: GrayImage?
    do throws(InputError) {
      (words, picture) = try pdf.words(
        page: page, pictureDPI: pictureDPI, maxPixels: PageLimits.maxRulePixels, minWords: Self.fewestWordsForRules)
    } catch {
      let size = pdf.size(page: page)
      words = PageWords(page: page, width: size?.width ?? 0, height: size?.height ?? 0, words: [])
    }
    let check = TextLayerCheck(words.words)
    // Asked only of pages with few words: a typed page is no scan, whatever its background.
    let share = check.isUsable && check.counted < PDFTextPage.sparseWords ? pdf.imageShare(page: page) : nil
    return (PDFTextPage(words: words, check: check, imageShare: share), picture)
  }

  /// A page after the first pass: its text layer, whether OCR is to read it, and for a page it
  /// will not, the lines drawn on it.
  struct FirstPass: Sendable {
    var text: PDFTextPage
    var wantsOCR: Bool
    var notes: [InputNote]
  }

  /// The first pass over one page, on a worker's own document: the text layer, and for a page
  /// read from it, its drawn grid (the text layer has the words but not the lines drawn between
  /// them). The page's picture is dropped before the worker takes its next page.
  func firstPass(_ pdf: PopplerPDF, page: Int) -> FirstPass {
    // A signed page is drawn to read its signature fields; that picture, at the rules'
    // resolution, is the one the rules are found on (drawing the page twice cost a third
    // more time on signed PDFs, for the pictures in them decoded twice).
    let (text, picture) = Self.textPage(pdf, page: page, pictureDPI: options.mode == .always ? nil : Self.ruleDPI)
    let wants: Bool
    switch options.mode {
    case .always: wants = true
    case .auto: wants = text.needsOCR
    case .never: wants = false
    }
    var pass = FirstPass(text: text, wantsOCR: wants, notes: [])
    if options.mode == .never && text.needsOCR { pass.notes.append(InputNotes.ocrOff(text)) }
    if !wants {
      if let stamp = text.words.stampText { pass.notes.append(InputNotes.signingStampLeftOut(page: page, text: stamp)) }
      let (rules, note) = drawnRules(pdf, page: text.words, drawn: picture)
      pass.text.words.rules = rules
      if let note { pass.notes.append(note) }
    }
    return pass
  }

  /// The lines drawn on a page read from its text layer, found on a picture at `ruleDPI` (less
  /// for a page past `PageLimits.maxRulePixels`; a note for one too large even at 50 dpi). A page
  /// of fewer than `fewestWordsForRules` words holds no table worth the drawing.
  /// `drawn` is the page already drawn at the resolution this would choose, as it shows.
  func drawnRules(_ pdf: PopplerPDF, page: PageWords, drawn: GrayImage? = nil) -> ([RuleLine], InputNote?) {
    guard page.words.count >= Self.fewestWordsForRules else { return ([], nil) }
    let size = (width: page.width, height: page.height)
    guard let dpi = PageLimits.fitDPI(size, preferred: Self.ruleDPI, maxPixels: PageLimits.maxRulePixels) else {
      return ([], InputNotes.pageTooLarge(
        page: page.page, width: page.width, height: page.height, maxPixels: PageLimits.maxRulePixels, purpose: .rules))
    }
    guard let image = drawn ?? (try? pdf.render(page: page.page, dpi: dpi, maxPixels: PageLimits.maxRulePixels))
    else { return ([], nil) }
    // Most pages draw no line at all: one quick scan says so, and RuleFinder is spared.
    guard image.hasRun(darkerThan: RuleFinder.ink, minRun: Self.shortestRule(dpi: dpi)) else { return ([], nil) }
    return (RuleFinder.rules(in: image), nil)
  }

  /// Pixels in the shortest run of ink `RuleFinder.rules` takes for a line (20 points), less one
  /// for rounding: a picture without such a run has no rule for it to find.
  static func shortestRule(dpi: Int) -> Int { max(4, Int(20 * Double(dpi) / 72)) - 1 }

  private func read(_ pdf: PopplerPDF) throws(InputError) -> PDFReading {
    let progress = PageProgress(total: pdf.pageCount, report: options.pageProgress)
    // Text layers and drawn grids, several pages at once; a page OCR will not read is done.
    let first = PageWorkers.map(pdf, workers: options.workers) { document, page in
      let pass = self.firstPass(document, page: page)
      if !pass.wantsOCR { progress.pageDone() }
      return pass
    }
    let text = first.map(\.text)
    var pages = text.map(\.words)
    var notes = first.flatMap(\.notes)
    let wanted = first.filter(\.wantsOCR).map(\.text.words.page)
    var ocrPages: [Int] = []
    if !wanted.isEmpty {
      try TesseractEngine.requireData(language: options.language)
      var next = 0
      var dpis: [Int: Int] = [:]
      var grids: [Int: [RuleLine]] = [:]
      var tooLarge: [Int: (width: Double, height: Double)] = [:]
      let workers = OCRWorkers(
        count: min(max(1, options.workers), wanted.count), language: options.language,
        orientation: options.orientation, timeLimit: options.pageTimeLimit)
      try workers.run(
        next: {
          guard next < wanted.count else { return nil }
          let page = wanted[next]
          next += 1
          let size = pdf.size(page: page)
          guard let dpi = renderDPI(size) else {
            // A page without a size is broken, not large: its note says it could not be read.
            if let size, size.width > 0, size.height > 0 { tooLarge[page] = size }
            return .init(page: page, image: .failure(.tooLarge("page \(page) is too large to render")))
          }
          do throws(InputError) {
            let (image, cells) = try render(pdf, page: page, dpi: dpi)
            dpis[page] = image.dpi
            // The scan's table grid, from the picture OCR reads.
            grids[page] = RuleFinder.rules(in: image)
            return .init(page: page, image: .success(image), cellImage: cells)
          } catch {
            return .init(page: page, image: .failure(error))
          }
        },
        finish: { page, result in
          switch result {
          case .success(let ocr):
            pages[page - 1] = Self.inPoints(ocr, dpi: dpis[page] ?? options.dpi)
            // A page OCR turned upright no longer matches the picture its lines were found on.
            if ocr.rotation == 0 { pages[page - 1].rules = grids[page] ?? [] }
            ocrPages.append(page)
            if ocr.rotation != 0 { notes.append(InputNotes.pageTurned(page: page, rotation: ocr.rotation)) }
            if options.mode == .auto, let note = InputNotes.ocrInstead(of: text[page - 1]) { notes.append(note) }
          case .failure(let error):
            if let size = tooLarge[page] {
              notes.append(InputNotes.pageTooLarge(
                page: page, width: size.width, height: size.height, maxPixels: options.maxPixels, purpose: .ocr))
            } else {
              notes.append(InputNotes.ocrFailed(page: page, error))
            }
          }
          grids[page] = nil
          progress.pageDone()
        })
      ocrPages.sort()
      // A page OCR could not read keeps its text layer, and the grid drawn with it.
      for page in wanted where !ocrPages.binarySearchContains(page) && tooLarge[page] == nil {
        let (rules, note) = drawnRules(pdf, page: pages[page - 1])
        pages[page - 1].rules = rules
        if let note { notes.append(note) }
      }
    }
    notes.sort { ($0.location.page ?? 0, $0.code) < ($1.location.page ?? 0, $1.code) }
    return PDFReading(pages: pages, ocrPages: ocrPages, notes: notes)
  }

  /// Page `page` as OCR reads it, at `dpi`, and for a scan whose own resolution is lower the
  /// same page enlarged smoothly for the cells read on their own. A renderer enlarges a
  /// picture by repeating pixels (a 200-dpi scan drawn at 300 dpi repeats every other row and
  /// column); the stairs that leaves on every stroke cost little in a page's running text,
  /// which Tesseract reads with its context, but turn a lone figure in a cell into another
  /// ("5." read as "2."). Drawn at its own resolution, one pixel of the picture to one of the
  /// page, and enlarged by interpolation, the figure keeps its shape.
  func render(_ pdf: PopplerPDF, page: Int, dpi: Int) throws(InputError) -> (page: GrayImage, cells: GrayImage?) {
    let image = try pdf.render(page: page, dpi: dpi, maxPixels: options.maxPixels)
    guard let native = pdf.scanResolution(page: page), native >= 50, native < Double(dpi) * 0.95,
      let drawn = try? pdf.render(page: page, dpi: Int(native.rounded()), maxPixels: options.maxPixels)
    else { return (image, nil) }
    return (image, drawn.scaled(by: Double(dpi) / native.rounded()))
  }

  /// Enough to see a hairline as a line of pixels, few enough to scan a page in a millisecond.
  static let ruleDPI = 100

  /// A page of fewer words holds no table worth drawing lines for (`drawnRules`).
  static let fewestWordsForRules = 8

  /// `options.dpi`, or less for a page so large that it would pass `options.maxPixels`; nil
  /// for a page that would still pass it at 50 dpi (a poster, or a broken page size).
  func renderDPI(_ size: (width: Double, height: Double)?) -> Int? {
    PageLimits.fitDPI(size, preferred: options.dpi, maxPixels: options.maxPixels)
  }

  /// An OCRed page's pixel boxes in points, like the text layer's.
  static func inPoints(_ ocr: OCRPage, dpi: Int) -> PageWords {
    let scale = 72 / Double(max(1, dpi))
    var words = ocr.words
    words.width *= scale
    words.height *= scale
    for k in words.words.indices {
      let b = words.words[k].box
      words.words[k].box = BoundingBox(x0: b.x0 * scale, y0: b.y0 * scale, x1: b.x1 * scale, y1: b.y1 * scale)
    }
    return words
  }
}

extension Array where Element == Int {
  /// Whether the sorted array holds `x`.
  fileprivate func binarySearchContains(_ x: Int) -> Bool {
    var lo = 0
    var hi = count
    while lo < hi {
      let mid = (lo + hi) / 2
      if self[mid] < x { lo = mid + 1 } else { hi = mid }
    }
    return lo < count && self[lo] == x
  }
}
