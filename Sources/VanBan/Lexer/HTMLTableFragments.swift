import VanBanInputs
import VanBanText
import VanBanBytes

/// HTML tables left inside text: a markdown conversion (Marker, MinerU, a crawler) writes a
/// table it cannot express in pipes as `<table><tr><td>…`. Each such fragment is read with
/// libxml2's HTML parser, as a saved page is, into tab-separated rows, so it becomes a table
/// like any other instead of text with its tags stripped. Every row keeps the line its first
/// text stands on; text before `<table` and after `</table>` on the same lines stays.
enum HTMLTableFragments {
  /// The lines with every table fragment replaced by its rows; the lines unchanged (and no
  /// copy made) when the text holds no `<table`.
  static func expand(_ lines: [SourceLine], text: String) -> [SourceLine] {
    guard mayHold(text) else { return lines }
    var out: [SourceLine] = []
    out.reserveCapacity(lines.count)
    var k = 0
    while k < lines.count {
      guard let open = find("<table", in: lines[k].text) else {
        out.append(lines[k])
        k += 1
        continue
      }
      // The fragment runs to the `</table>` that closes it (nested tables counted), at most
      // 2,000 lines on: an unclosed tag is left as text.
      var depth = 0
      var end: (line: Int, offset: String.Index)?
      var j = k
      scan: while j < lines.count, j - k < 2000 {
        var rest = j == k ? lines[j].text[open...] : lines[j].text[...]
        while let tag = nextTableTag(in: rest) {
          depth += tag.opens ? 1 : -1
          rest = rest[tag.after...]
          if depth == 0 {
            end = (j, tag.after)
            break scan
          }
        }
        j += 1
      }
      guard let end else {
        out.append(lines[k])
        k += 1
        continue
      }
      let before = lines[k].text[..<open]
      if before.contains(where: { $0 != " " && $0 != "\t" }) { out.append(SourceLine(number: lines[k].number, text: before)) }
      var fragment = ""
      for m in k...end.line {
        var piece = lines[m].text[...]
        if m == end.line { piece = piece[..<end.offset] }
        if m == k { piece = piece[open...] }
        if m > k { fragment += "\n" }
        fragment += piece
      }
      out += rows(fragment, firstLine: lines[k].number)
      let after = lines[end.line].text[end.offset...]
      if after.contains(where: { $0 != " " && $0 != "\t" }) { out.append(SourceLine(number: lines[end.line].number, text: after)) }
      k = end.line + 1
    }
    return out
  }

  /// The fragment's rows as lines (cells parted by tabs); its text as one line when libxml2
  /// cannot read it.
  static func rows(_ fragment: String, firstLine: Int) -> [SourceLine] {
    // On the fragment's first line, so the parser's line numbers are the fragment's.
    let page = "<html><head><meta charset=\"utf-8\"></head><body>" + fragment + "</body></html>"
    guard let read = try? HTMLReader.read(Array(page.utf8)) else {
      return [SourceLine(number: firstLine, text: Substring(fragment))]
    }
    var out: [SourceLine] = []
    for (k, line) in read.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    where !line.isEmpty {
      let at = k < read.sourceLines.count ? read.sourceLines[k] : 1
      out.append(SourceLine(number: firstLine + max(0, at - 1), text: line))
    }
    return out
  }

  /// Whether `<table` (any case) stands anywhere in the text: one pass over the bytes.
  static func mayHold(_ text: String) -> Bool {
    return text.withUTF8Bytes { b in
      guard b.count >= 6 else { return false }
      // memchr to each "<": this runs over every text document's whole text.
      var from = 0
      while let i = ByteSearch.firstIndex(of: 0x3C, in: b, from: from), i < b.count - 5 {
        if (b[i + 1] | 0x20) == 0x74, matches(b, at: i + 1, "table") { return true }
        from = i + 1
      }
      return false
    }
  }

  private static func matches(_ b: UnsafeBufferPointer<UInt8>, at i: Int, _ word: String) -> Bool {
    let w = Array(word.utf8)
    let n = w.count
    guard i + n <= b.count else { return false }
    for k in 0..<n where (b[i + k] | 0x20) != w[k] { return false }
    // "<table>" or "<table attr…", not "<tablet".
    return i + n == b.count || !ScalarClass.isAlphanumeric(Unicode.Scalar(b[i + n]))
  }

  /// Where `<table` (any case) opens in the line.
  private static func find(_ tag: String, in line: Substring) -> String.Index? {
    var s = line[...]
    while let lt = s.firstIndex(of: "<") {
      let after = s[lt...]
      if after.utf8.count >= tag.utf8.count, after.prefix(tag.count).lowercased() == tag {
        let next = after.dropFirst(tag.count).first
        if next == nil || next == ">" || next == " " || next == "\t" { return lt }
      }
      s = s[s.index(after: lt)...]
    }
    return nil
  }

  /// The next `<table…>` or `</table>` in the text, and the index after it.
  private static func nextTableTag(in s: Substring) -> (opens: Bool, after: String.Index)? {
    var rest = s
    while let lt = rest.firstIndex(of: "<") {
      let after = rest[rest.index(after: lt)...]
      let closing = after.first == "/"
      let name = closing ? after.dropFirst() : after
      if name.prefix(5).lowercased() == "table" {
        let next = name.dropFirst(5).first
        if next == nil || next == ">" || next == " " || next == "\t" {
          let gt = name.firstIndex(of: ">").map { s.index(after: $0) } ?? s.endIndex
          return (!closing, gt)
        }
      }
      rest = after
    }
    return nil
  }
}
