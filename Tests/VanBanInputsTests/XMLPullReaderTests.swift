import Testing
@testable import VanBanInputs

@Suite struct XMLPullReaderTests {
  @Test func givesEventsWithNamespacesAndAttributes() throws {
    let xml = #"<a xmlns="urn:x" xmlns:y="urn:y"><y:b c="1" y:d="2"/>t&amp;u<![CDATA[<v>]]></a>"#
    let reader = try XMLPullReader(bytes: Array(xml.utf8), partName: "p.xml", namespaces: ["urn:y", "urn:x"])
    var events: [XMLEvent] = []
    var attributes: [String?] = []
    while let e = try reader.next() {
      events.append(e)
      if case .start("b", _) = e { attributes = [reader.attribute("c"), reader.attribute("d"), reader.attribute("e")] }
    }
    #expect(events == [
      .start(name: "a", namespace: 1), .start(name: "b", namespace: 0), .end(name: "b", namespace: 0),
      .text("t&u"), .text("<v>"), .end(name: "a", namespace: 1),
    ])
    #expect(attributes == ["1", "2", nil])
    #expect(reader.depth == 0)
  }

  @Test func malformedXMLThrowsWithItsLine() throws {
    let reader = try XMLPullReader(bytes: Array("<a>\n<b>\n</a>".utf8), partName: "p.xml", namespaces: [])
    var caught: InputError?
    do { while try reader.next() != nil {} } catch { caught = error }
    guard case .damaged(let message) = caught else {
      Issue.record("expected damaged, got \(String(describing: caught))")
      return
    }
    #expect(message.hasPrefix("p.xml, line 3: "))
  }

  @Test func emptyBytesAreMalformed() throws {
    let reader = try XMLPullReader(bytes: [], partName: "p.xml", namespaces: [])
    #expect(throws: InputError.self) { while try reader.next() != nil {} }
  }

  @Test func entitiesAreNotExpanded() throws {
    let xml = #"<!DOCTYPE a [<!ENTITY e "xxxxxxxxxx"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]><a>&f;</a>"#
    let reader = try XMLPullReader(bytes: Array(xml.utf8), partName: "p.xml", namespaces: [])
    var text = ""
    while let e = try reader.next() { if case .text(let s) = e { text += s } }
    #expect(text.isEmpty)
  }
}
