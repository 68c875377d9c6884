// swift-tools-version: 6.1
import PackageDescription

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
    // glibc's malloc thresholds, set once by the command-line tool (see allocator.c).
    .target(name: "CAllocator"),
    .target(name: "VanBanText", dependencies: ["CICU", "VanBanGrammar"]),
    .target(name: "VanBanModel"),
    .target(name: "VanBanGrammar"),
    // poppler-glib, Tesseract and leptonica as pkg-config knows them: these modules only carry
    // the include paths and libraries to the C targets below, which alone include the headers.
    .systemLibrary(
      name: "SystemPopplerGlib", pkgConfig: "poppler-glib",
      providers: [.apt(["libpoppler-glib-dev", "libcairo2-dev"])]
    ),
    .systemLibrary(name: "SystemTesseract", pkgConfig: "tesseract", providers: [.apt(["libtesseract-dev"])]),
    .systemLibrary(name: "SystemLeptonica", pkgConfig: "lept", providers: [.apt(["libleptonica-dev"])]),
    // A PDF's pages, words and renderings behind plain C types (see Sources/CPoppler/include/cpoppler.h):
    // glib's and poppler's headers never reach Swift.
    // Optimised in debug builds too: its per-pixel loops (gray conversion, the scan for drawn
    // lines) run over every page of a PDF, and at -O0 they were most of a test's time.
    .target(name: "CPoppler", dependencies: ["SystemPopplerGlib"], cSettings: [.unsafeFlags(["-O2"])]),
    // Tesseract's recognition and leptonica's image decoding behind plain C types (see
    // Sources/CTesseract/include/ctesseract.h).
    .target(name: "CTesseract", dependencies: ["SystemTesseract", "SystemLeptonica"]),
    // The input layer: each file format read into one `SourceDocument`.
    // PDF and scans through CPoppler and CTesseract; DOCX: ZIPFoundation inflates, CLibXML2
    // streams the XML; HTML: CLibXML2's HTML parser gives events, Grammar/ the landmarks that
    // find the document inside a portal's page.
    .target(
      name: "VanBanInputs",
      dependencies: [
        "VanBanText", "VanBanGrammar", "CPoppler", "CTesseract", "CLibXML2",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .target(
      name: "VanBan",
      dependencies: [
        "VanBanText", "VanBanModel", "VanBanGrammar", "VanBanInputs", "CLibXML2",
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
      ]
    ),
    .testTarget(name: "VanBanTextTests", dependencies: ["VanBanText"]),
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
  ]
)
