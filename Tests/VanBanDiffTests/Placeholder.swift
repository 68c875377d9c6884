import Testing
@testable import VanBanDiff

@Test func diffModuleLinks() { _ = VanBanDiffModule.self }
