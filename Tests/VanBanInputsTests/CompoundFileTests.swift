import Testing
@testable import VanBanInputs

@Suite struct CompoundFileTests {
  @Test func compoundFilesAreToldApartByTheirStreams() throws {
    #expect(CompoundFile.kind(try DOCXFixtures.bytes("encrypted.docx")) == .encryptedPackage)
    #expect(CompoundFile.kind(try DOCXFixtures.bytes("legacy.doc")) == .wordDocument)
    #expect(!CompoundFile.isCompoundFile(try DOCXFixtures.bytes("plan.docx")))
    #expect(CompoundFile.kind(CompoundFile.magic + [UInt8](repeating: 0, count: 2000)) == .other)
  }
}
