import VanBan
import VanBanInputs

/// libFuzzer's entry point: any bytes must give a `Plan` that serialises, or a `ParseError`,
/// never a crash, a hang or runaway memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  do {
    // PDFs, DOCX and images reach their readers; OCR is off, or each mutated scan would
    // cost seconds of Tesseract instead of exercising the readers around it.
    let plan = try PlanParser.parse(bytes, options: ParseOptions(name: "fuzz.txt", ocr: OCROptions(mode: .never, workers: 1)))
    // The JSON writer walks every field, so it catches model states the parser should never build.
    _ = plan.json()
  } catch {
    // A clear refusal (empty, binary, invalid UTF-8) is a correct answer.
    _ = error.description
  }
  return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// SwiftPM links every executable target with `main` aliased to `<module>_main` (so tests can
/// link executables), which hides libFuzzer's own `main`; this one hands over to libFuzzer's
/// driver instead (`-parse-as-library` keeps Swift from emitting a top-level `main`).
@_cdecl("VanBanFuzz_main")
public func fuzzMain(
  _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
  var argc = argc
  var argv = argv
  return runFuzzerDriver(&argc, &argv, fuzz)
}
