internal import CTesseract

/// One Tesseract engine with its language loaded (a second or so, and some 100 MB for
/// "vie"): made once per worker and used for every page that worker takes.
///
/// Not `Sendable`, on purpose: Tesseract's API object keeps the page it is reading, so an
/// engine must never be used by two threads; the compiler keeps it on the one that made it.
public final class TesseractEngine {
  let handle: OpaquePointer

  /// Fails with `.missingTool` when no tessdata folder holds `<language>.traineddata`. Without
  /// `orientationDetection` (or without osd.traineddata), orientation is found by reading a
  /// smaller copy of the page four ways and keeping the most confident.
  public init(language: String = "vie", orientationDetection: Bool = true) throws(InputError) {
    var handle: OpaquePointer?
    let status = vb_ocr_create_with(language, orientationDetection ? 1 : 0, &handle)
    guard status == Int32(VB_OCR_OK), let handle else {
      throw TesseractEngine.missingData(language, status: status)
    }
    self.handle = handle
  }

  deinit { vb_ocr_destroy(handle) }

  /// Whether Tesseract's orientation detection (osd.traineddata) is installed; without it,
  /// orientation is found by reading the page four ways.
  public var hasOrientationDetection: Bool { vb_ocr_has_osd(handle) != 0 }

  /// The tessdata folder that holds `<language>.traineddata`, if any.
  public static func tessdataFolder(language: String = "vie") -> String? {
    var path = [CChar](repeating: 0, count: 4096)
    guard vb_ocr_find_tessdata(language, &path, path.count) == Int32(VB_OCR_OK) else { return nil }
    return String(decoding: path.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Fails with `.missingTool` when `language`'s data is not installed: checked before a
  /// document's pages are rendered, so a missing package is one clear error, not a note per page.
  static func requireData(language: String) throws(InputError) {
    if tessdataFolder(language: language) == nil { throw missingData(language, status: Int32(VB_OCR_NO_DATA)) }
  }

  /// Tesseract itself is not installed (it is loaded on the first OCR, not at start).
  static func missingLibrary() -> InputError {
    .missingTool(String(cString: vb_ocr_missing_library()))
  }

  static func missingData(_ language: String, status: Int32) -> InputError {
    if status == Int32(VB_OCR_NO_MEMORY) { return .tooLarge("out of memory starting Tesseract") }
    if status == Int32(VB_OCR_MISSING_LIBRARY) { return missingLibrary() }
    let package = language == "vie" ? "tesseract-ocr-vie" : "tesseract-ocr-\(language)"
    return .missingTool(
      "OCR needs Tesseract's '\(language)' data: install \(package), or set TESSDATA_PREFIX to the folder holding \(language).traineddata")
  }
}
