import Foundation
import Testing

@testable import VanBanInputs

/// Long PDFs in the reader: pages read several at a time but handed back in order, progress
/// per page, and the limits that keep one page (too large to draw, too slow to recognise) from
/// holding up a file. Memory is measured on the binary (`LongPDFCLITests`).
@Suite struct LongPDFTests {
  /// Calls of `OCROptions.pageProgress`, from whatever thread.
  final class Calls: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [(Int, Int)] = []
    func add(_ done: Int, _ total: Int) { lock.withLock { list.append((done, total)) } }
    var all: [(Int, Int)] { lock.withLock { list } }
  }

  @Test func fiveHundredPagesComeBackInOrderWithProgress() throws {
    let bytes = MinimalPDF.longPlan(pages: 500).bytes
    let calls = Calls()
    let reader = PDFDocumentReader(
      options: OCROptions(mode: .never, workers: 4, pageProgress: { calls.add($0, $1) }))
    let reading = try reader.read(bytes)
    #expect(reading.pages.count == 500)
    #expect(reading.notes.isEmpty)
    #expect(reading.ocrPages.isEmpty)
    // Read four at a time, each page's words are its own and in place.
    for (k, page) in reading.pages.enumerated() {
      #expect(page.page == k + 1)
      #expect(page.words.first?.text == "\(k + 1).", "page \(k + 1) starts with \(page.words.first?.text ?? "nothing")")
      #expect(page.words.allSatisfy { $0.page == k + 1 })
      #expect(page.words.contains { $0.text == "\(k + 1)" })
    }
    // One call per page, in order, from 0 of 500 to 500 of 500.
    let progress = calls.all
    #expect(progress.count == 501)
    #expect(progress.map(\.0) == Array(0...500))
    #expect(progress.allSatisfy { $0.1 == 500 })
  }

  /// Pages in flight at once, the most ever, and whether two were ever read through one document.
  final class Gauge: @unchecked Sendable {
    private let lock = NSLock()
    private var now = 0
    private var inUse: Set<ObjectIdentifier> = []
    private var _most = 0
    private var _shared = 0
    func enter(_ document: PopplerPDF) {
      lock.withLock {
        now += 1
        _most = max(_most, now)
        if !inUse.insert(ObjectIdentifier(document)).inserted { _shared += 1 }
      }
    }
    func leave(_ document: PopplerPDF) {
      lock.withLock {
        now -= 1
        inUse.remove(ObjectIdentifier(document))
      }
    }
    var most: Int { lock.withLock { _most } }
    var shared: Int { lock.withLock { _shared } }
  }

  @Test func pagesInFlightAreBoundedByTheWorkers() throws {
    let bytes = MinimalPDF.longPlan(pages: 60, linesPerPage: 1).bytes
    let gauge = Gauge()
    let pages = try PopplerPDF.with(bytes) { pdf throws(InputError) in
      PageWorkers.map(pdf, workers: 3) { document, page in
        gauge.enter(document)
        defer { gauge.leave(document) }
        usleep(2000)
        return (try? document.words(page: page))?.words.words.first?.text ?? ""
      }
    }
    #expect(pages == (1...60).map { "\($0)." })
    #expect(gauge.most >= 1 && gauge.most <= 3)
    // Pages read at the same time are read through documents of their own.
    #expect(gauge.shared == 0)
  }

  @Test func anEnormousPageIsNotDrawnAndSaysSo() throws {
    // 14,400 points (5 m) a side, PDF's largest page: 400 million pixels at 100 dpi.
    let text = (1...10).map { "Trang lon dong \($0): noi dung ke hoach nam 2026." }
    let pdf = MinimalPDF(pages: [
      .init(lines: (1...10).map { "Trang thuong dong \($0): noi dung ke hoach." }),
      .init(size: (14_400, 14_400), lines: text),
    ])
    let start = Date()
    let reading = try PDFDocumentReader(options: OCROptions(mode: .never, workers: 2)).read(pdf.bytes)
    #expect(Date().timeIntervalSince(start) < 20)
    #expect(reading.pages.count == 2)
    // The words still come from the text layer.
    #expect(reading.pages[1].words.contains { $0.text == "lon" })
    #expect(reading.pages[1].rules.isEmpty)
    #expect(reading.notes.map(\.code) == ["input.page_too_large"])
    let note = try #require(reading.notes.first)
    #expect(note.location.page == 2)
    #expect(note.message.contains("page 2 is 5.1 m x 5.1 m"), "\(note.message)")
    #expect(note.message.contains("table lines"))
  }

  @Test func anEnormousPageIsNotRenderedForOCR() throws {
    let pdf = MinimalPDF(pages: [.init(size: (14_400, 14_400), lines: ["Trang lon."])])
    let reading = try PDFDocumentReader(options: OCROptions(mode: .always, workers: 1)).read(pdf.bytes)
    #expect(reading.ocrPages.isEmpty)
    // One note, for OCR; the text layer is kept.
    #expect(reading.notes.map(\.code) == ["input.page_too_large"])
    #expect(reading.notes.first?.location.page == 1)
    #expect(reading.notes.first?.message.contains("not read by OCR") == true)
    #expect(reading.pages[0].words.contains { $0.text == "lon." })
  }

  @Test func aLargePageIsDrawnSmallerForItsLines() {
    // A0 fits at 100 dpi; 2 m x 2 m is drawn at less; 5 m x 5 m not at all.
    #expect(PageLimits.fitDPI((2384, 3370), preferred: 100, maxPixels: PageLimits.maxRulePixels) == 100)
    let big = PageLimits.fitDPI((5669, 5669), preferred: 100, maxPixels: PageLimits.maxRulePixels)
    #expect(big != nil && big! < 100 && big! >= PageLimits.minimumDPI)
    #expect(PageLimits.fitDPI((14_400, 14_400), preferred: 100, maxPixels: PageLimits.maxRulePixels) == nil)
  }

  @Test func theQuickScanForLinesNeverHidesOneRuleFinderWouldFind() throws {
    let dpi = PDFDocumentReader.ruleDPI
    let floor = PDFDocumentReader.shortestRule(dpi: dpi)
    for vertical in [false, true] {
      for length in stride(from: 4, through: 60, by: 1) {
        let side = 80
        var pixels = [UInt8](repeating: 255, count: side * side)
        for i in 0..<length {
          let (x, y) = vertical ? (40, 10 + i) : (10 + i, 40)
          pixels[y * side + x] = 0
          pixels[y * side + x + (vertical ? 1 : side)] = 90
        }
        let image = try #require(GrayImage(bytes: pixels, width: side, height: side, dpi: dpi))
        let quick = image.hasRun(darkerThan: RuleFinder.ink, minRun: floor)
        let found = !RuleFinder.rules(in: image).isEmpty
        #expect(quick || !found, "a \(length)-pixel \(vertical ? "vertical" : "horizontal") line")
        if length >= 40 { #expect(quick && found) }
        if length < floor { #expect(!quick) }
      }
    }
    // Letters are no lines: a page of text is passed over.
    #expect(PDFDocumentReader.shortestRule(dpi: 100) > 20)
  }

  @Test func anOCRPagePastItsTimeLimitBecomesANote() throws {
    let options = OCROptions(workers: 1, pageTimeLimit: 0.001)
    let reading = try PDFDocumentReader(options: options).read(try Fixtures.bytes("scanned.pdf"))
    #expect(reading.ocrPages.isEmpty)
    #expect(reading.notes.map(\.code) == ["input.ocr_timeout"])
    #expect(reading.notes.first?.location.page == 1)
    #expect(reading.notes.first?.message.contains("time limit of 0.001 s") == true, "\(reading.notes)")
  }

  @Test func timeoutErrorsAreToldFromOthers() {
    #expect(PageLimits.ocrTimeoutSeconds(PageLimits.ocrTimeout(page: 3, seconds: 120)) == 120)
    #expect(PageLimits.ocrTimeoutSeconds(PageLimits.ocrTimeout(page: 3, seconds: 0.5)) == 0.5)
    #expect(PageLimits.ocrTimeoutSeconds(.tooLarge("page 3 is too large to render")) == nil)
    #expect(PageLimits.ocrTimeoutSeconds(.damaged("Tesseract could not recognise page 3")) == nil)
    #expect(InputNotes.ocrFailed(page: 3, PageLimits.ocrTimeout(page: 3, seconds: 60)).code == "input.ocr_timeout")
    #expect(InputNotes.ocrFailed(page: 3, .damaged("x")).code == "input.ocr_failed")
  }
}
