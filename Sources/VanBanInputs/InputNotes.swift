/// Every note the PDF and image readers raise. Tests match on the code (input.*), never on the
/// wording.
/// A note about a whole page stands at line 0 of that page.
enum InputNotes {
  static func ocrFailed(page: Int, _ error: InputError) -> InputNote {
    if let seconds = PageLimits.ocrTimeoutSeconds(error) { return ocrTimedOut(page: page, seconds: seconds) }
    return InputNote(
      code: "input.ocr_failed", message: "page \(page) could not be read by OCR (\(error)); its words are missing",
      location: at(page))
  }

  /// Why a page needed OCR, as a note's words.
  private static func why(_ page: PDFTextPage) -> String {
    switch page.ocrReason {
    case .unreadableText:
      "has a text layer that is not readable text (\(percent(page.check.share)) of its \(page.check.counted) words are Vietnamese; a font without a Unicode map?)"
    case .sparseTextOverPicture:
      "is a picture (\(percent(page.imageShare ?? 0)) of the page) under only \(page.check.counted) words of text (a signature's stamp?)"
    case .noText, nil: "has no text layer"
    }
  }

  static func ocrOff(_ page: PDFTextPage) -> InputNote {
    let kept = page.check.counted == 0 ? "its words are missing" : "only its text layer was read"
    return InputNote(
      code: "input.ocr_off", message: "page \(page.words.page) \(why(page)) and OCR is off: \(kept)",
      location: at(page.words.page))
  }

  static func ocrOffForImage() -> InputNote {
    InputNote(
      code: "input.ocr_off", message: "a picture can only be read by OCR, and OCR is off: the document has no words",
      location: at(1))
  }

  static func signingStampLeftOut(page: Int, text: String) -> InputNote {
    InputNote(
      code: "input.signing_stamp",
      message: "page \(page): the text of a digital signature's stamp was left out: '\(text.prefix(120))'",
      location: at(page))
  }

  static func pageTurned(page: Int, rotation: Int) -> InputNote {
    InputNote(
      code: "input.page_turned",
      message: "page \(page) lay sideways or upside down and was turned \(rotation)° clockwise before OCR",
      location: at(page))
  }

  static func pagesUnreadable(from page: Int, _ error: InputError) -> InputNote {
    InputNote(
      code: "input.pages_unreadable", message: "page \(page) of the picture file cannot be decoded (\(error)); reading stopped there",
      location: at(page))
  }

  /// The note for a page OCRed in place of the text layer it has; nil for a page without one
  /// (a scan needs no excuse).
  static func ocrInstead(of page: PDFTextPage) -> InputNote? {
    let code: String
    switch page.ocrReason {
    case .unreadableText: code = "input.text_layer_unusable"
    case .sparseTextOverPicture: code = "input.text_layer_sparse"
    case .noText, nil: return nil
    }
    return InputNote(
      code: code, message: "page \(page.words.page) \(why(page)), so the page was read by OCR", location: at(page.words.page))
  }

  static func ocrTimedOut(page: Int, seconds: Double) -> InputNote {
    InputNote(
      code: "input.ocr_timeout",
      message: "page \(page): OCR passed its time limit of \(PageLimits.describe(seconds: seconds)) and was stopped; its words are missing",
      location: at(page))
  }

  /// A page too large to render at a useful resolution: `purpose` says what was given up.
  static func pageTooLarge(page: Int, width: Double, height: Double, maxPixels: Int, purpose: PageLimits.Purpose) -> InputNote {
    let what: String
    switch purpose {
    case .rules: what = "its drawn table lines were not looked for (its words are read from the text layer)"
    case .ocr: what = "it was not read by OCR; its words are missing"
    }
    return InputNote(
      code: "input.page_too_large",
      message: "page \(page) is \(PageLimits.describe(width: width, height: height)): drawn at \(PageLimits.minimumDPI) dpi it would pass the limit of \(maxPixels) pixels, so \(what)",
      location: at(page))
  }

  private static func at(_ page: Int) -> SourceLocation { SourceLocation(line: 0, page: page) }

  private static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}
