import Testing

@testable import VanBanModel

@Suite struct JSONWriterTests {
  /// Strings of the bytes around the escape thresholds, at every length across the sixteen-
  /// byte steps, are written as escaping each byte alone writes them.
  @Test func escapesMatchEscapingEachByte() {
    var g = PropertyTests.LCG(state: 5)
    let alphabet: [UInt8] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x41, 0x0A, 0x0D, 0x09, 0x61, 0x62]
    for k in 0..<20_000 {
      // Mostly plain letters, so long clean runs cross the steps, or any of the alphabet.
      let plain = k % 2 == 0
      let bytes: [UInt8] = (0..<g.next(50)).map { _ in plain && g.next(8) != 0 ? 0x61 : alphabet[g.next(alphabet.count)] }
      let text = String(decoding: bytes, as: UTF8.self)
      var want = "\""
      for b in bytes {
        switch b {
        case 0x22: want += "\\\""
        case 0x5C: want += "\\\\"
        case 0x0A: want += "\\n"
        case 0x0D: want += "\\r"
        case 0x09: want += "\\t"
        case 0..<0x20: want += "\\u00" + String(b, radix: 16).leftPadded(to: 2)
        default: want += String(UnicodeScalar(b))
        }
      }
      want += "\""
      var w = JSONWriter(pretty: false, reserving: 64)
      w.value(text)
      #expect(w.string == want, "\(bytes)")
    }
  }

  /// An item's place is two members wherever it falls in its object, with or without a page
  /// and box, compact or pretty.
  @Test(arguments: [false, true])
  func placeIsTwoMembers(pretty: Bool) {
    var w = JSONWriter(pretty: pretty, reserving: 16)
    w.array { w in
      w.object { w in w.place(nil, nil) }
      w.object { w in
        w.key("line"); w.value(3)
        w.place(nil, nil)
        w.key("text"); w.value("a")
      }
      w.object { w in
        w.place(2, [1, 2.5, 3, 4])
        w.key("line"); w.value(4)
      }
    }
    let compact = #"[{"page":null,"bbox":null},{"line":3,"page":null,"bbox":null,"text":"a"},"#
      + #"{"page":2,"bbox":[1,2.5,3,4],"line":4}]"#
    if pretty {
      #expect(w.string.filter { $0 != " " && $0 != "\n" } == compact)
      #expect(w.string.contains("\"page\": null,\n"))
    } else {
      #expect(w.string == compact)
    }
  }

  /// Past 64 levels the element flags live in an array: commas still fall between elements
  /// only, at every depth, on the way down and back up.
  @Test func deepNestingSeparatesElements() {
    func nest(_ w: inout JSONWriter, _ depth: Int) {
      w.array { w in
        w.value(depth)
        if depth < 70 { nest(&w, depth + 1) }
        w.value(depth)
      }
    }
    var w = JSONWriter(pretty: false, reserving: 64)
    nest(&w, 1)
    var want = ""
    for d in 1...70 { want += "[\(d)," }
    want.removeLast()
    want += ",70]"
    for d in stride(from: 69, through: 1, by: -1) { want += ",\(d)]" }
    #expect(w.string == want)
  }

  /// `finish` hands over exactly what `bytes` copies, past a growth of the buffer too: the
  /// bulk ingest writes a plan's NDJSON line from it.
  @Test func finishedBytesAreTheWrittenBytes() {
    var w = JSONWriter(pretty: false, reserving: 8)
    w.array { w in
      for k in 0..<500 { w.value("item \(k) \u{1EC7}") }
    }
    let copied = w.bytes
    let finished = w.finish()
    #expect(copied.count > 8 * 100)
    #expect(finished.count == copied.count)
    #expect(finished.withUnsafeBytes { Array($0) } == copied)
  }

  @Test func stringsAreEscaped() {
    var w = JSONWriter(pretty: false, reserving: 64)
    w.value("plain text that is long enough to take the fast path \"quoted\" and \\ and \n and \u{1}")
    #expect(w.string == #""plain text that is long enough to take the fast path \"quoted\" and \\ and \n and \u0001""#)
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
