import Testing
@testable import VanBanInputs

@Suite struct SourceDocumentTests {
  @Test func boxUnionHoldsBoth() {
    let a = BoundingBox(x0: 10, y0: 20, x1: 30, y1: 40)
    let b = BoundingBox(x0: 5, y0: 25, x1: 50, y1: 35)
    #expect(a.union(b) == BoundingBox(x0: 5, y0: 20, x1: 50, y1: 40))
  }

  @Test func errorsNameTheProblem() {
    #expect(InputError.encrypted.description.contains("password"))
    #expect(InputError.damaged("no xref").description == "damaged: no xref")
  }
}
