import Foundation
@testable import VanBanInputs

/// The files `tools/make_docx_test_fixtures.py` writes, read from the source tree.
enum DOCXFixtures {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

  static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

  static func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
  }

  /// The error reading threw, or nil when it read.
  static func error(_ read: () throws(InputError) -> SourceDocument) -> InputError? {
    do {
      _ = try read()
      return nil
    } catch {
      return error
    }
  }
}

extension SourceBlock {
  var paragraph: SourceParagraph? {
    if case .paragraph(let p) = self { return p }
    return nil
  }

  var table: SourceTable? {
    if case .table(let t) = self { return t }
    return nil
  }

  var breakPage: Int? {
    if case .pageBreak(let page) = self { return page }
    return nil
  }
}

/// Same Unicode scalars: Swift's `==` on strings ignores the difference between a precomposed
/// "ệ" and "e" with combining marks, which is the difference these tests look for.
func sameScalars(_ a: String, _ b: String) -> Bool {
  a.unicodeScalars.elementsEqual(b.unicodeScalars)
}
