/// Every note the PDF and image readers raise, alphabetised by code. Tests match on the code.
/// A note about a whole page stands at line 0 of that page.
enum InputNotes {
  static func ocrFailed(page: Int, _ error: InputError) -> InputNote {
    InputNote(
      code: "input.ocr_failed", message: "page \(page) could not be read by OCR (\(error)); its words are missing",
      location: at(page))
  }

  static func ocrOff(page: Int, check: TextLayerCheck) -> InputNote {
    let what =
      check.counted == 0
      ? "has no text layer"
      : "has a text layer that is not readable text (\(percent(check.share)) of its words are Vietnamese)"
    let kept = check.counted == 0 ? "its words are missing" : "its text layer was kept as it is"
    return InputNote(code: "input.ocr_off", message: "page \(page) \(what) and OCR is off: \(kept)", location: at(page))
  }

  static func ocrOffForImage() -> InputNote {
    InputNote(
      code: "input.ocr_off", message: "a picture can only be read by OCR, and OCR is off: the document has no words",
      location: at(1))
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

  static func textLayerUnusable(page: Int, check: TextLayerCheck) -> InputNote {
    InputNote(
      code: "input.text_layer_unusable",
      message:
        "page \(page): the text layer is not readable text (\(percent(check.share)) of \(check.counted) words are Vietnamese; a font without a Unicode map?), so the page was read by OCR",
      location: at(page))
  }

  private static func at(_ page: Int) -> SourceLocation { SourceLocation(line: 0, page: page) }

  private static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}
