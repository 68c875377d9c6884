// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "vanban",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "VanBan", targets: ["VanBan"]),
    .executable(name: "vanban", targets: ["vanban"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CICU",
      pkgConfig: "icu-uc icu-i18n",
      providers: [.apt(["libicu-dev"])]
    ),
    .target(name: "VanBanText", dependencies: ["CICU"]),
    .target(name: "VanBanModel"),
    .target(name: "VanBanGrammar"),
    .target(
      name: "VanBan",
      dependencies: [
        "VanBanText", "VanBanModel", "VanBanGrammar",
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .executableTarget(
      name: "vanban",
      dependencies: [
        "VanBan",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "VanBanTextTests", dependencies: ["VanBanText"]),
    .testTarget(
      name: "VanBanTests",
      dependencies: ["VanBan", "VanBanModel", "VanBanGrammar", "VanBanText"]
    ),
  ]
)
