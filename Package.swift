// swift-tools-version: 6.1
import PackageDescription

/// Where Debian keeps this architecture's own headers (glib's glibconfig.h).
#if arch(arm64)
  let debianMultiarch = "aarch64-linux-gnu"
#else
  let debianMultiarch = "x86_64-linux-gnu"
#endif

let package = Package(
  name: "vanban",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "VanBan", targets: ["VanBan"]),
    .library(name: "VanBanInputs", targets: ["VanBanInputs"]),
    .library(name: "VanBanDiff", targets: ["VanBanDiff"]),
    .library(name: "VanBanStore", targets: ["VanBanStore"]),
    .executable(name: "vanban", targets: ["vanban"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
  ],
  targets: [
    // A C target rather than a system library: its header hides ICU's own headers (see
    // Sources/CICU/include/cicu.h), which clash with the copy Foundation bundles.
    .target(
      name: "CICU",
      linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
    ),
    // libxml2's HTML parser and streaming XML reader behind plain C types (see
    // Sources/CLibXML2/include/clibxml2.h and xml_reader.h).
    .target(
      name: "CLibXML2",
      cSettings: [.unsafeFlags(["-I/usr/include/libxml2"])],
      linkerSettings: [.linkedLibrary("xml2")]
    ),
    // jemalloc as the command-line tool's malloc (see allocator.c); the libraries are not
    // tied to it. SQLite (GRDB's, the system's) for the switch that settles its allocations.
    .target(name: "CAllocator", linkerSettings: [.linkedLibrary("jemalloc"), .linkedLibrary("sqlite3")]),
    // Unicode tables computed from ICU and written out by the tests (see its header).
    .target(name: "CTables"),
    // The byte steps (eight bytes in an integer, sixteen in the vector registers) that the
    // text layer's scans and the JSON writer share.
    // SSE2's movemask for those steps, as an inline C function (see its header).
    .target(name: "CByteVector"),
    .target(name: "VanBanBytes", dependencies: ["CByteVector"]),
    .target(name: "VanBanText", dependencies: ["CICU", "CTables", "VanBanGrammar", "VanBanBytes"]),
    .target(name: "VanBanModel", dependencies: ["VanBanBytes"]),
    .target(name: "VanBanGrammar"),
    // A PDF's pages, words and renderings behind plain C types (see Sources/CPoppler/include/cpoppler.h):
    // glib's and poppler's headers never reach Swift. Its headers are found where Debian puts
    // them; the libraries are not linked but loaded on the first PDF (see
    // Sources/CPoppler/poppler_symbols.h): most runs read no PDF, and poppler with the ~90
    // libraries it pulls in cost every process tens of milliseconds to load.
    // Optimised in debug builds too: its per-pixel loops (gray conversion, the scan for drawn
    // lines) run over every page of a PDF, and at -O0 they were most of a test's time.
    .target(
      name: "CPoppler",
      cSettings: [
        .unsafeFlags([
          "-O2", "-I/usr/include/poppler/glib", "-I/usr/include/poppler", "-I/usr/include/glib-2.0",
          "-I/usr/lib/\(debianMultiarch)/glib-2.0/include", "-I/usr/include/cairo",
        ])
      ],
      linkerSettings: [.linkedLibrary("dl")]
    ),
    // Tesseract's recognition and leptonica's image decoding behind plain C types (see
    // Sources/CTesseract/include/ctesseract.h).
    // Loaded on the first OCR or image, as poppler is (see Sources/CTesseract/tesseract_symbols.h).
    .target(
      name: "CTesseract",
      cSettings: [.unsafeFlags(["-I/usr/include/leptonica"])],
      linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("pthread")]
    ),
    // The input layer: each file format read into one `SourceDocument`.
    // PDF and scans through CPoppler and CTesseract; DOCX: ZIPFoundation inflates, CLibXML2
    // streams the XML; HTML: CLibXML2's HTML parser gives events, Grammar/ the landmarks that
    // find the document inside a portal's page.
    .target(
      name: "VanBanInputs",
      dependencies: [
        "VanBanText", "VanBanBytes", "VanBanGrammar", "CPoppler", "CTesseract", "CLibXML2",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .target(
      name: "VanBan",
      dependencies: [
        "VanBanText", "VanBanBytes", "VanBanModel", "VanBanGrammar", "VanBanInputs", "CLibXML2",
      ]
    ),
    .target(name: "VanBanDiff", dependencies: ["VanBanModel", "VanBanText", "VanBanGrammar"]),
    .target(
      name: "VanBanStore",
      dependencies: [
        "VanBanModel", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]
    ),
    .executableTarget(
      name: "vanban",
      dependencies: [
        "VanBan", "VanBanDiff", "VanBanStore", "VanBanInputs", "CAllocator",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // The Swift runtime, standard library and Foundation linked into the release binary
      // (`--static-swift-stdlib` as a setting): every retain, release and String call then
      // goes straight to its code rather than through the shared libraries' PLT, and a process
      // starts without binding their symbols. Parse-only CPU on the 2,000-file bench fell 7 %
      // (interleaved medians), callgrind's mixed sample 1.8 % and the five seeds (mostly start)
      // 8.4 %; output byte-identical. The binary grows from 40 to 112 MB (Foundation's ICU
      // data), of which a run touches what it uses. Debug builds, which the tests run, stay
      // dynamic: they link in a fraction of the time. Linux only: Apple's platforms carry the
      // runtime in the system and refuse the flag.
      swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
      linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
    ),
    .testTarget(name: "VanBanTextTests", dependencies: ["VanBanText", "VanBanBytes"]),
    .testTarget(
      name: "VanBanInputsTests", dependencies: ["VanBanInputs"],
      // Read from the source tree by path, as the other test targets read theirs.
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "VanBanTests",
      dependencies: ["VanBan", "VanBanInputs", "VanBanModel", "VanBanGrammar", "VanBanText"],
      // Read from the source tree by path, as the corpus is.
      exclude: ["Fixtures"]
    ),
    .testTarget(name: "VanBanDiffTests", dependencies: ["VanBanDiff", "VanBan", "VanBanModel"]),
    .testTarget(name: "VanBanStoreTests", dependencies: ["VanBanStore", "VanBan", "VanBanModel"]),
    // The command-line tool's own decisions that its output does not show (which file a worker
    // takes next), tested on its types.
    .testTarget(name: "vanbanTests", dependencies: ["vanban"]),
  ]
)
