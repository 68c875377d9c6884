// swift-tools-version: 6.1
// A libFuzzer target over the parser, kept out of the root package so that its sanitizer
// flags never touch the normal build. Built and run by tools/fuzz.sh.
// The root package's identity is its folder name, "main".
import PackageDescription

let package = Package(
  name: "VanBanFuzz",
  dependencies: [
    .package(path: "..")
  ],
  targets: [
    .executableTarget(
      name: "VanBanFuzz",
      dependencies: [.product(name: "VanBan", package: "main"), .product(name: "VanBanInputs", package: "main")]
    )
  ]
)
