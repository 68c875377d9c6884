import Testing
@testable import VanBanInputs

/// text.pdf's text layer, and the PDFs that cannot be read at all.
@Suite struct PDFTextLayerTests {
  static func page(_ n: Int) throws -> PDFTextPage {
    let pages = try PDFDocumentReader().textLayer(try Fixtures.bytes("text.pdf"))
    try #require(pages.count == 2)
    return pages[n - 1]
  }

  static func word(_ text: String, in page: PageWords, occurrence: Int = 0) throws -> InputWord {
    let found = page.words.filter { $0.text == text }
    try #require(found.count > occurrence, "no '\(text)' on page \(page.page)")
    return found[occurrence]
  }

  @Test func wordsKeepTheirDiacriticsInReadingOrder() throws {
    let page = try Self.page(1)
    #expect(!page.needsOCR)
    let texts = page.words.words.map(\.text)
    for expected in [
      "ỦY", "NHÂN", "TỈNH", "TĨNH", "CỘNG", "HÒA", "XÃ", "HỘI", "NGHĨA", "VIỆT", "Độc", "lập", "Hạnh", "phúc",
      "125/KH-UBND", "Tĩnh,", "KẾ", "HOẠCH", "Triển", "chuyển", "đổi", "Đẩy", "ứng", "dụng", "nước", "địa", "tỉnh.",
    ] {
      #expect(texts.contains(expected), "missing '\(expected)'")
    }
    func index(_ w: String) -> Int { texts.firstIndex(of: w) ?? -1 }
    // The issuer column before the motto column; the head before the title before the body.
    #expect(index("ỦY") < index("TỈNH"))
    #expect(index("TỈNH") < index("CỘNG"))
    #expect(index("KẾ") < index("HOẠCH"))
    #expect(index("HOẠCH") < index("Đẩy"))
    #expect(index("Đẩy") < index("dùng"))
    #expect(texts.allSatisfy { !$0.isEmpty && !$0.contains(" ") })
  }

  @Test func boxesLieInsideThePage() throws {
    let page = try Self.page(1).words
    #expect(abs(page.width - 595) < 1 && abs(page.height - 842) < 1)
    for w in page.words {
      #expect(w.box.x0 >= 0 && w.box.x0 < w.box.x1 && w.box.x1 <= page.width, "\(w.text) \(w.box)")
      #expect(w.box.y0 >= 0 && w.box.y0 < w.box.y1 && w.box.y1 <= page.height, "\(w.text) \(w.box)")
      #expect(w.confidence == -1 && w.page == 1)
    }
  }

  @Test func twoColumnHeadSharesItsBands() throws {
    let page = try Self.page(1).words
    func centreY(_ w: InputWord) -> Double { (w.box.y0 + w.box.y1) / 2 }
    let issuer = try Self.word("ỦY", in: page)
    let motto = try Self.word("CỘNG", in: page)
    #expect(abs(centreY(issuer) - centreY(motto)) < 2)
    #expect(issuer.box.x1 < motto.box.x0)
    let province = try Self.word("TỈNH", in: page)
    let independence = try Self.word("Độc", in: page)
    #expect(abs(centreY(province) - centreY(independence)) < 2)
    #expect(centreY(province) > centreY(issuer) + 8)
    let number = try Self.word("125/KH-UBND", in: page)
    let date = try Self.word("ngày", in: page)
    #expect(abs(centreY(number) - centreY(date)) < 2)
    // Lines: one for the motto's second line, another for the issuer's.
    let happiness = try Self.word("Hạnh", in: page)
    #expect(happiness.lineID == independence.lineID)
    #expect(issuer.lineID != province.lineID)
  }

  @Test func tableCellsStayInTheirColumns() throws {
    let page = try Self.page(2)
    #expect(!page.needsOCR)
    let words = page.words
    // Column rules at x = 60, 100, 290, 450, 540 points.
    let tt = try Self.word("TT", in: words)
    #expect(tt.box.x0 > 60 && tt.box.x1 < 100)
    for k in 0..<2 {
      let agency = try Self.word("Sở", in: words, occurrence: k)
      #expect(agency.box.x0 > 290 && agency.box.x1 < 450)
    }
    let quarter = try Self.word("Quý", in: words)
    #expect(quarter.box.x0 > 450)
    let build = try Self.word("Xây", in: words)
    #expect(build.box.x0 > 100 && build.box.x1 < 290)
    #expect(abs(build.box.y0 - quarter.box.y0) < 1)
    let header = try Self.word("Nhiệm", in: words)
    #expect(header.box.y1 < build.box.y0)
    #expect(words.words.contains { $0.text == "II/2024" })
  }

  @Test func encryptedNeedsAPassword() throws {
    let bytes = try Fixtures.bytes("encrypted.pdf")
    #expect(throws: InputError.encrypted) { try PDFDocumentReader().textLayer(bytes) }
    #expect(throws: InputError.encrypted) { try PDFDocumentReader().read(bytes) }
  }

  @Test func truncatedIsDamaged() throws {
    let bytes = try Fixtures.bytes("truncated.pdf")
    let error = #expect(throws: InputError.self) { try PDFDocumentReader().read(bytes) }
    guard case .damaged = error else {
      Issue.record("expected .damaged, got \(String(describing: error))")
      return
    }
  }

  /// poppler rebuilds a cut scan's cross-references and finds its catalog without pages: a
  /// file that does not end in %%EOF is damaged, not empty.
  @Test func cutScanIsDamagedNotEmpty() throws {
    let bytes = try Fixtures.bytes("scanned.pdf")
    let error = #expect(throws: InputError.self) { try PDFDocumentReader().read(Array(bytes.prefix(bytes.count / 2))) }
    guard case .damaged = error else {
      Issue.record("expected .damaged, got \(String(describing: error))")
      return
    }
  }

  @Test func noPagesIsEmpty() throws {
    let error = #expect(throws: InputError.self) { try PDFDocumentReader().read(try Fixtures.bytes("nopages.pdf")) }
    guard case .empty = error else {
      Issue.record("expected .empty, got \(String(describing: error))")
      return
    }
  }

  @Test func notAPDFIsUnsupported() throws {
    let error = #expect(throws: InputError.self) { try PDFDocumentReader().read(try Fixtures.bytes("page.png")) }
    guard case .unsupported = error else {
      Issue.record("expected .unsupported, got \(String(describing: error))")
      return
    }
    let junk = Array("%PDF-1.7\n".utf8) + [UInt8](repeating: 0x41, count: 500)
    #expect(throws: InputError.self) { try PDFDocumentReader().read(junk) }
  }

  /// Every cut of text.pdf and some with bytes overwritten: each either reads or fails with an
  /// InputError, never crashes.
  @Test func hostileCopiesNeverCrash() throws {
    let bytes = try Fixtures.bytes("text.pdf")
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    func random(_ n: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(seed >> 33) % n
    }
    var read = 0
    var failed = 0
    let cuts = Array(stride(from: 8, to: bytes.count, by: bytes.count / 17))
    for cut in cuts {
      do { _ = try PDFDocumentReader().textLayer(Array(bytes[..<cut])); read += 1 } catch { failed += 1 }
    }
    for _ in 0..<12 {
      var copy = bytes
      for _ in 0..<40 { copy[random(copy.count)] = UInt8(truncatingIfNeeded: random(256)) }
      do { _ = try PDFDocumentReader().textLayer(copy); read += 1 } catch { failed += 1 }
    }
    #expect(read + failed == cuts.count + 12)
    #expect(failed > 0)
  }
}

/// A signed PDF: the number and the day a clerk stamps at issue, and the signing body's
/// stamp, are signature fields' appearances, not page content.
@Suite struct SignedPDFTests {
  /// "So:          /KH-UBND" with the number left blank in the content, a field printing "507" in
  /// the blank, and a field at the top right printing a signing stamp (e-mail, clock time).
  static let signed = MinimalPDF(pages: [
    .init(
      lines: ["So:          /KH-UBND", "Noi dung trang 1"],
      annotations: [
        .init(rect: (72, 779, 112, 793), lines: ["507"]),
        .init(rect: (400, 790, 560, 830), lines: ["TRUNG TAM CONG BAO", "ttcbth@example.gov.vn", "24.01.2025 20:01:14"]),
      ])
  ]).bytes

  @Test func aFieldsTextIsReadAndAStampLeftOut() throws {
    let reading = try PDFDocumentReader(options: OCROptions(mode: .never)).read(Self.signed)
    let words = try #require(reading.pages.first).words
    let texts = words.map(\.text)
    #expect(texts.contains("507"))
    #expect(texts.contains("So:") && texts.contains("/KH-UBND"))
    // The field's number stands on its line, between "So:" and the symbol.
    let so = try #require(words.first { $0.text == "So:" })
    let number = try #require(words.first { $0.text == "507" })
    #expect(abs(so.box.y0 - number.box.y0) < 4 && so.box.x1 < number.box.x0)
    for stamp in ["TRUNG", "ttcbth@example.gov.vn", "20:01:14"] { #expect(!texts.contains(stamp)) }
    let note = try #require(reading.notes.first { $0.code == "input.signing_stamp" })
    #expect(note.message.contains("ttcbth@example.gov.vn"))
    #expect(note.location.page == 1)
  }

  /// A signed page of text with a ruled table: ten words of content, two cells framed, and a
  /// field printing the number.
  static func ruledPage(signed: Bool) -> MinimalPDF.Page {
    .init(
      lines: ["So:          /KH-UBND", "Ke hoach trien khai nhiem vu nam 2026", "Noi dung"],
      annotations: signed ? [.init(rect: (72, 779, 112, 793), lines: ["507"])] : [],
      frames: [(50, 400, 300, 600), (300, 400, 550, 600)])
  }

  /// Reading a signed page's fields draws the page; that drawing, at the rules' resolution, is
  /// the picture its drawn lines are found on, and it is the picture the rules step draws
  /// itself for a page without fields.
  @Test func theDrawingThatReadsTheFieldsIsThePictureOfTheRules() throws {
    let bytes = MinimalPDF(pages: [Self.ruledPage(signed: true), Self.ruledPage(signed: false)]).bytes
    try PopplerPDF.with(bytes) { pdf throws(InputError) in
      let dpi = PDFDocumentReader.ruleDPI
      let max = PageLimits.maxRulePixels
      let (words, picture) = try pdf.words(page: 1, pictureDPI: dpi, maxPixels: max, minWords: 8)
      #expect(words.words.map(\.text).contains("507"))
      guard let picture else {
        Issue.record("a signed page read for its rules gave no picture")
        return
      }
      let printed = try pdf.render(page: 1, dpi: dpi, maxPixels: max)
      #expect(picture.dpi == dpi && picture.width == printed.width && picture.height == printed.height)
      #expect(RuleFinder.rules(in: picture) == RuleFinder.rules(in: printed))
      #expect(RuleFinder.rules(in: picture).count >= 4)
      // A page without fields is read without drawing it; so is one asked for no picture, and
      // one whose content has fewer words than asked.
      #expect(try pdf.words(page: 2, pictureDPI: dpi, maxPixels: max, minWords: 8).picture == nil)
      #expect(try pdf.words(page: 1, pictureDPI: nil, maxPixels: max, minWords: 8).picture == nil)
      #expect(try pdf.words(page: 1, pictureDPI: dpi, maxPixels: max, minWords: 100).picture == nil)
      // The words are those of the reading without a picture.
      #expect(words.words.map(\.text) == (try pdf.words(page: 1)).words.words.map(\.text))
    }
    // And the document reader finds the same lines on both pages.
    let reading = try PDFDocumentReader(options: OCROptions(mode: .never)).read(bytes)
    try #require(reading.pages.count == 2)
    #expect(!reading.pages[0].rules.isEmpty)
    #expect(reading.pages[0].rules == reading.pages[1].rules)
  }

  /// Without fields, a page reads as its content alone, and no note is given.
  @Test func aPageWithoutFieldsHasNoStamp() throws {
    let plain = MinimalPDF(pages: [.init(lines: ["So: 12/KH-UBND", "ttcbth@example.gov.vn 20:01:14"])]).bytes
    let reading = try PDFDocumentReader(options: OCROptions(mode: .never)).read(plain)
    let texts = try #require(reading.pages.first).words.map(\.text)
    #expect(texts.contains("ttcbth@example.gov.vn"))
    #expect(reading.notes.isEmpty)
  }
}
