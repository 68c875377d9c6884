import Testing

@testable import VanBanInputs

@Suite struct InputDigestTests {
  /// FIPS 180-2's examples.
  @Test func knownDigests() {
    #expect(InputDigest.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(InputDigest.sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }
}
