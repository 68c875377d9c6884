internal import CTesseract

/// When a page is read by OCR rather than from its text layer.
public enum OCRMode: String, Sendable, CaseIterable {
  /// Only pages without usable text: no words, or words that are not Vietnamese
  /// (`TextLayerCheck`).
  case auto
  /// Every page, whatever its text layer says: for PDFs whose text layer is known to lie.
  case always
  /// No page: a page without usable text keeps what its text layer has, and a note says so.
  case never
}

/// How pages are OCRed.
public struct OCROptions: Sendable {
  public var mode: OCRMode
  /// Resolution a PDF page is rendered at for Tesseract; 300 is where Tesseract's models were
  /// trained, and Vietnamese tone marks need it more than plain Latin does.
  public var dpi: Int
  /// Pages OCRed at once, each with its own engine.
  public var workers: Int
  /// Tesseract's language; "vie" also reads the English and digits a plan contains.
  public var language: String
  /// How sideways and upside-down pages are found and turned upright.
  public var orientation: OCROrientation
  /// The most pixels one page image may have: a larger page is rendered at a lower
  /// resolution (A3 at 300 dpi is 17 million). cairo draws in 4 bytes a pixel, so this bounds
  /// each worker's memory.
  public var maxPixels: Int
  /// The longest Tesseract may spend on one page, in seconds (0: no limit). Past it the page's
  /// recognition stops, its words are missing, and a note (`input.ocr_timeout`) says so; the
  /// rest of the file is read as usual.
  public var pageTimeLimit: Double
  /// Pages finished so far and pages in all, reported while a PDF is read (`done` goes 0, 1, …,
  /// `total`): for a progress display. Called on the reading threads, one call at a time.
  public var pageProgress: (@Sendable (_ done: Int, _ total: Int) -> Void)?

  public init(
    mode: OCRMode = .auto, dpi: Int = 300, workers: Int = OCROptions.activeProcessorCount, language: String = "vie",
    orientation: OCROrientation = .detect, maxPixels: Int = 36_000_000,
    pageTimeLimit: Double = OCROptions.defaultPageTimeLimit,
    pageProgress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
  ) {
    self.mode = mode
    self.dpi = dpi
    self.workers = workers
    self.language = language
    self.orientation = orientation
    self.maxPixels = maxPixels
    self.pageTimeLimit = pageTimeLimit
    self.pageProgress = pageProgress
  }

  /// A page takes Tesseract a second or a few (many more on a loaded machine, with a turned page
  /// read five times); one that takes two minutes is not going to end well.
  public static let defaultPageTimeLimit: Double = 120

  /// The processors this process may run on, asked once: every file's options default to it,
  /// and asking the kernel for each of a bulk ingest's files was a system call per file.
  public static let activeProcessorCount = Int(vb_active_processor_count())
}

/// How a page is turned upright before recognition.
public enum OCROrientation: String, Sendable, CaseIterable {
  /// Tesseract's orientation detection where osd.traineddata is installed and sure of itself;
  /// otherwise as `byConfidence`.
  case detect
  /// Read a smaller copy four ways and keep the most confident: slower, needs no OSD data.
  case byConfidence
  /// Take every page as upright.
  case off
}
