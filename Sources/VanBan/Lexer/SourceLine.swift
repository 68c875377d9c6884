/// One line of the original input, numbered from 1 as an editor shows it.
struct SourceLine: Sendable {
  var number: Int
  var text: Substring
}

enum LineSplitter {
  /// Splits on LF, CRLF and lone CR so that line numbers match what a reviewer sees.
  static func split(_ text: String) -> [SourceLine] {
    var lines: [SourceLine] = []
    lines.reserveCapacity(text.utf8.count / 40 + 1)
    let utf8 = text.utf8
    var start = utf8.startIndex
    var i = start
    var number = 1
    while i != utf8.endIndex {
      let b = utf8[i]
      if b == 0x0A || b == 0x0D {
        lines.append(SourceLine(number: number, text: Substring(text[start..<i])))
        number += 1
        var next = utf8.index(after: i)
        if b == 0x0D, next != utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
        i = next
        start = i
      } else {
        i = utf8.index(after: i)
      }
    }
    if start != utf8.endIndex { lines.append(SourceLine(number: number, text: Substring(text[start...]))) }
    return lines
  }
}
