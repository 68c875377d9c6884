internal import CTesseract
import Dispatch

/// Pages recognised in parallel: `count` workers, each with its own Tesseract engine, take one
/// picture at a time from a shared source, recognise it and drop it before taking the next.
/// The source makes each picture only when a worker asks (renders the PDF page, decodes the
/// TIFF page), so a 500-page scan never holds more than `count` pictures.
struct OCRWorkers {
  var count: Int
  var language: String
  var orientation: OCROrientation
  /// Seconds Tesseract may spend on one page (0: no limit); a page past it fails with
  /// `PageLimits.ocrTimeout`.
  var timeLimit: Double = 0

  /// A page to recognise, or why its picture could not be made.
  struct Job {
    var page: Int
    var image: Result<GrayImage, InputError>
    /// The same page drawn smoothly for the cells read on their own (`PageOCR.rereadRuledCells`),
    /// when it differs from `image`.
    var cellImage: GrayImage? = nil
  }

  /// Runs until `next` returns nil. `next` and `finish` are called under one lock, so they may
  /// share state without their own; `finish` gets each page's words or the reason it has none,
  /// in whatever order workers end. Throws only when no worker could start an engine.
  func run(next: () -> Job?, finish: (Int, Result<OCRPage, InputError>) -> Void) throws(InputError) {
    let engineError: InputError? = withoutActuallyEscaping(next) { next in
      withoutActuallyEscaping(finish) { finish in
        let queue = Queue(next: next, finish: finish)
        let language = language
        let orientation = orientation
        let timeLimit = timeLimit
        DispatchQueue.concurrentPerform(iterations: max(1, count)) { _ in
          queue.work(language: language, orientation: orientation, timeLimit: timeLimit)
        }
        return queue.started == 0 ? queue.engineError : nil
      }
    }
    if let engineError { throw engineError }
  }

  /// What the workers share. Unchecked: every use of the closures and counters is under
  /// `lock`, which the compiler cannot see.
  private final class Queue: @unchecked Sendable {
    let lock = PThreadLock()
    let next: () -> Job?
    let finish: (Int, Result<OCRPage, InputError>) -> Void
    /// Guarded by `lock`.
    var engineError: InputError?
    var started = 0

    init(next: @escaping () -> Job?, finish: @escaping (Int, Result<OCRPage, InputError>) -> Void) {
      self.next = next
      self.finish = finish
    }

    /// One worker: an engine of its own, then pages until there are none.
    func work(language: String, orientation: OCROrientation, timeLimit: Double) {
      let engine: TesseractEngine
      do throws(InputError) {
        engine = try TesseractEngine(language: language, orientationDetection: orientation == .detect)
      } catch {
        lock.run { engineError = engineError ?? error }
        return
      }
      lock.run { started += 1 }
      while let job = lock.run({ next() }) {
        let result: Result<OCRPage, InputError>
        switch job.image {
        case .success(let image):
          if timeLimit > 0 { vb_ocr_set_time_limit(engine.handle, Int32(clamping: Int((timeLimit * 1000).rounded(.up)))) }
          do throws(InputError) {
            var page = try PageOCR.recognize(image, page: job.page, engine: engine, detectOrientation: orientation != .off)
            page.words.words = PageOCR.rereadRuledCells(image, page: page, engine: engine, cellImage: job.cellImage)
            if page.rotation == 0 {
              for k in page.words.words.indices {
                if let text = StemCount.repaired(page.words.words[k], in: image) { page.words.words[k].text = text }
              }
            }
            result = .success(page)
          } catch {
            let timedOut = vb_ocr_time_is_up(engine.handle) != 0
            result = .failure(timedOut ? PageLimits.ocrTimeout(page: job.page, seconds: timeLimit) : error)
          }
        case .failure(let error): result = .failure(error)
        }
        // The picture is released with `job`, before the next is made.
        lock.run { finish(job.page, result) }
      }
    }
  }
}
