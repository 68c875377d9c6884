import VanBanText

/// Whether a table row with an empty number cell goes on with the row above or is a row of
/// its own whose number OCR lost.
///
/// A converter's page break leaves the rest of a cut row as a row with empty leading cells,
/// and so does a scan; but where Tesseract loses the number column every row starts with an
/// empty cell. What tells them apart is the row itself: a cut row leaves its short cells
/// (unit, value, lead) on one page and its sentence goes on in lower case, while a row of its
/// own fills every cell the row above filled and opens with a capital.
public enum RowContinuation {
  /// - Parameters:
  ///   - cells: the row, its first cell (the number) empty.
  ///   - above: the row above it.
  public static func standsWhole(_ cells: [String], below above: [String]) -> Bool {
    for c in above.indices.dropFirst() where !above[c].isEmpty {
      guard c < cells.count, !cells[c].isEmpty else { return false }
    }
    guard let text = cells.dropFirst().first(where: { !$0.isEmpty }),
      let letter = text.unicodeScalars.first(where: { ScalarClass.isAlphabetic($0) })
    else { return false }
    return ScalarClass.isUppercase(letter)
  }
}
