@testable import VanBan
@testable import VanBanInputs

/// The layout readers as the parser calls them: with the grammar's column names.
extension OCRLayoutReader {
  static func lines(from text: String, format: InputFormat) throws(InputError) -> [SourceLine] {
    try lines(from: text, format: format, columnNames: ColumnLexicon(lex: .shared)).lines
  }

  static func detect(_ text: String) -> InputFormat {
    detect(text, columnNames: ColumnLexicon(lex: .shared))
  }
}

extension LayoutTextReader {
  static func looksLikeLayoutText(_ text: String) -> Bool {
    looksLikeLayoutText(text, lexicon: ColumnLexicon(lex: .shared))
  }
}
