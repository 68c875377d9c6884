/// Roman numerals made of I's, counted from the picture. Tesseract's Vietnamese model reads
/// a serif "III" as "II", "IH" or "lII" (the serifs join the strokes, and the model saw few
/// Roman numerals), and "II" as "H", often with high confidence; a plan's quarters ("Quý
/// III") and section numbers are such numerals. The strokes themselves are plain to count: a
/// row of pixels across the middle of the word crosses each one once, and only there, where
/// no serif joins them.
enum StemCount {
  /// The letters a run of upright strokes is read as.
  static let strokes: Set<Character> = ["I", "l", "|", "H"]
  /// What may follow the numeral in the same word.
  static let trailing: Set<Character> = [",", ".", ";", ":", ")"]

  /// `word` with its strokes counted again on `image` (the picture its box is in), or nil
  /// when the word is no run of strokes, the count is unclear or not 2 or 3 (a lone "I" or
  /// "l" is as likely a "1"), or the reading already says it.
  static func repaired(_ word: InputWord, in image: GrayImage) -> String? {
    var core = Substring(word.text)
    var tail = ""
    while let last = core.last, trailing.contains(last) {
      tail = String(last) + tail
      core = core.dropLast()
    }
    guard !core.isEmpty, core.count <= 4, core.allSatisfy(strokes.contains) else { return nil }
    guard let counted = count(in: image, box: word.box), (2...3).contains(counted) else { return nil }
    let numeral = String(repeating: "I", count: counted)
    return numeral == String(core) ? nil : numeral + tail
  }

  /// The strokes a box holds: every row of pixels from a quarter to three fifths of its height
  /// (the middle of capitals, above any comma) must cross the same number of ink runs; nil
  /// when they differ (an H's crossbar, a letter that is no stroke) or the box is too small
  /// to tell.
  static func count(in image: GrayImage, box: BoundingBox) -> Int? {
    let x0 = max(0, Int(box.x0.rounded(.down)) - 1)
    let x1 = min(image.width, Int(box.x1.rounded(.up)) + 1)
    let top = Int(box.y0.rounded(.down))
    let height = Int(box.y1.rounded(.up)) - top
    guard height >= 10, x1 - x0 >= 3 else { return nil }
    let from = max(0, top + height / 4)
    let to = min(image.height, top + height * 3 / 5)
    guard to > from else { return nil }
    var runs: Int?
    for y in from..<to {
      let row = image.pixels + y * image.bytesPerRow
      var n = 0
      var inside = false
      for x in x0..<x1 {
        let ink = row[x] < GrayImage.inkLevel
        if ink && !inside { n += 1 }
        inside = ink
      }
      if let runs, runs != n { return nil }
      runs = n
    }
    return runs
  }
}
