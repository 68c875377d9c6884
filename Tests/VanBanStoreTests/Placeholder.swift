import Testing
@testable import VanBanStore

@Test func storeModuleLinks() { _ = VanBanStoreModule.self }
