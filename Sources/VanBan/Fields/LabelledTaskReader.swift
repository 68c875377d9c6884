import VanBanModel
import VanBanText

/// Tasks written out as labelled parts of a numbered item instead of a table row
/// (Corpus/real kh-ubnd-hanoi-308):
///
///     1.1. Xây dựng các Chiến lược triển khai của thành phố Hà Nội:
///     a) Nhiệm vụ: Tham mưu UBND Thành phố phối hợp với Bộ Công an rà soát …
///     b) Cơ quan thực hiện:
///     - Đơn vị chủ trì: Sở Khoa học và Công nghệ.
///     - Đơn vị phối hợp: Các Sở, ban, ngành.
///     c) Thời gian thực hiện: Hoàn thành trong năm 2025.
///
/// The labels are a task table's column names (Grammar/columns.tsv), so an item with a part
/// labelled as the task's name and one naming its lead or coordinators (a list of names, not
/// sentences) is one row of such a table, with whatever other columns its parts name
/// (deadline, result, note): its number the item's, its group the item's heading.
/// `TableInterpreter` reads the row as it reads any (agencies split and looked up, the
/// deadline parsed, the same diagnostics). A part is a sub-item whose heading is the label
/// ("a) Nhiệm vụ:") or a paragraph or bullet opening with it ("- Đơn vị chủ trì: …"); a part
/// naming the agencies may itself hold the lead and coordinators so labelled.
struct LabelledTaskReader {
  let columns: ColumnLexicon

  /// Words in a part naming agencies, at most: a list of a few names, not a paragraph.
  static let longestAgencyList = 30

  /// One single-row table for each item written so, with the item's title, in document order.
  func tables(in sections: [Section]) -> [(table: Table, title: String?)] {
    var out: [(table: Table, title: String?)] = []
    func walk(_ sections: [Section], under parent: String?) {
      for k in sections.indices {
        if let table = table(sections[k], under: parent) { out.append((table, sections[k].title)) }
        walk(sections[k].children, under: sections[k].title)
      }
    }
    walk(sections, under: nil)
    return out
  }

  /// The item as a table row, when its parts are so labelled. An item headed by the name's
  /// label ("1.1. Nội dung" over the task's text and "- Thời gian: …", "- Đơn vị chủ trì: …")
  /// is named by its unlabelled paragraphs, and grouped under `parent`, the heading above it.
  func table(_ s: Section, under parent: String? = nil) -> Table? {
    // A name and the agencies: two parts at least.
    guard s.blocks.count + s.children.count >= 2 else { return nil }

    var fields: [(column: String, label: String, text: String, line: Int)] = []
    func add(_ column: String, _ label: String, _ texts: [String], line: Int) {
      let text = texts.filter { !$0.isEmpty }.joined(separator: " ")
      guard !fields.contains(where: { $0.column == column }) else { return }
      fields.append((column, label, text, line))
    }
    // By index: a `for` over the parts copied every section and block (retaining their text)
    // of every plan, to ask most of them nothing.
    var unlabelled: [Int] = []
    for k in s.blocks.indices {
      let parts = labelledParts(s.blocks[k].text)
      if parts.isEmpty { unlabelled.append(k) }
      for (label, column, text) in parts { add(column, label, [text], line: s.blocks[k].line) }
    }
    // The heading asked only of an item with labelled paragraphs beside unlabelled ones.
    var headedByName = false
    if !fields.isEmpty, let first = unlabelled.first, let title = s.title, title.utf8.count <= Self.longestLabel + 1,
      case let heading = Self.label(title), columns.canonical(heading) == "name"
    {
      headedByName = true
      add("name", heading, unlabelled.map { s.blocks[$0].text }, line: s.blocks[first].line)
    }
    // An item headed by its task, with no part labelled as the name and the lead named by a
    // labelled part (Corpus/real kh-sct-laocai-de-an-08: "1. Tái cơ cấu ngành công nghiệp …",
    // bullets of the work, "Đơn vị chủ trì: …; Đơn vị phối hợp: …"; kh-ubnd-phuong1-vungtau-447
    // and kh-ubnd-laichau-7360: the heading, then "- Bộ phận chủ trì: …", "- Thời gian thực
    // hiện: …"): the heading is the name, and the heading above groups it. A heading ending in
    // a colon ("4. Thành phần tham gia kiểm tra:") introduces a list and names no task.
    // An item whose marker stands before a sentence ("a) Nghị định quy định chi tiết … ." over
    // the labelled parts, kh-ubnd-laichau-7360) has no heading: its opening paragraph names it.
    var namedByHeading = false
    if !headedByName, !fields.contains(where: { $0.column == "name" }),
      fields.contains(where: { $0.column == "lead" && !$0.text.isEmpty })
    {
      if let title = s.title, !title.isEmpty {
        if title.utf8.last != UInt8(ascii: ":") {
          namedByHeading = true
          add("name", "", [title], line: s.line)
        }
      } else if unlabelled.first == 0, s.blocks[0].type == .paragraph, s.blocks[0].marker == nil,
        s.blocks[0].text.utf8.last != UInt8(ascii: ":")
      {
        namedByHeading = true
        add("name", "", [s.blocks[0].text], line: s.blocks[0].line)
      }
    }
    for k in s.children.indices where s.children[k].children.isEmpty && s.children[k].tables.isEmpty {
      // Labels are short; most sub-items are headed by a sentence, asked nothing more.
      guard let title = s.children[k].title, title.utf8.count <= Self.longestLabel + 1,
        let column = columns.canonical(Self.label(title))
      else { continue }
      let child = s.children[k]
      // Agencies given as labelled parts of their own ("Đơn vị chủ trì: …", "Đơn vị phối hợp: …"),
      // read as the item's own paragraphs are, several to a paragraph after semicolons.
      let labelledBlocks = child.blocks.map { labelledParts($0.text) }
      if column == "lead" || column == "coordinators", !labelledBlocks.isEmpty, labelledBlocks.allSatisfy({ !$0.isEmpty }) {
        for (label, inner, text) in labelledBlocks.joined() where inner == "lead" || inner == "coordinators" {
          add(inner, label, [text], line: child.line)
        }
      } else {
        add(column, Self.label(title), child.blocks.map(\.text), line: child.line)
      }
    }
    // A name, and agencies named as a list: a part that tells in sentences who does what
    // ("Sở Nội vụ chủ trì, phối hợp với các sở … tham mưu …") is prose, not a row's cell.
    let agencies = fields.filter { $0.column == "lead" || $0.column == "coordinators" }
    guard let name = fields.first(where: { $0.column == "name" }), !name.text.isEmpty,
      agencies.contains(where: { !$0.text.isEmpty }),
      agencies.allSatisfy({ Words.countOnSpaces($0.text) <= Self.longestAgencyList })
    else { return nil }
    let group = headedByName || namedByHeading ? parent.map(Self.label) : s.title.map(Self.label)
    return Table(
      caption: group, header: ["number"] + fields.map(\.label), columns: ["number"] + fields.map(\.column),
      rows: [Row(cells: [s.label] + fields.map(\.text), group: group, line: name.line)], line: name.line)
  }

  /// The label opening `text` at byte `start`: the words before the next colon, when it is
  /// within the label's reach and they name a column; with the colon's offset. The colon is
  /// looked for on the bytes (an ASCII colon cuts between scalars): most blocks are
  /// paragraphs, and a Character search walked them whole.
  private func label(in text: String, from start: Int) -> (label: String, column: String, colon: Int)? {
    let colon: Int? = text.withUTF8Bytes { b in
      guard start < b.count else { return nil }
      let reach = UnsafeBufferPointer(rebasing: b[start..<min(b.count, start + Self.longestLabel + 1)])
      return ByteSearch.firstIndex(of: 0x3A, in: reach).map { start + $0 }
    }
    guard let colon else { return nil }
    let label = String(text.utf8Slice(start..<colon)).trimmingSpaces()
    guard !label.isEmpty, let column = columns.canonical(label) else { return nil }
    return (label, column, colon)
  }

  /// "Đơn vị chủ trì: Sở Khoa học và Công nghệ." → the label, its column and the text after
  /// the colon, when the words before the first colon name a column; and the parts labelled
  /// after it in the same paragraph, each after a semicolon ("Đơn vị chủ trì: Phòng Quản lý
  /// Công nghiệp; Đơn vị phối hợp: Phòng Quản lý Năng lượng."). Empty when the paragraph opens
  /// with no label. A semicolon followed by no label is the part's own ("Sở A; Sở B"). One
  /// pass over the bytes, each semicolon asked about the label's reach after it only.
  func labelledParts(_ text: String) -> [(label: String, column: String, text: String)] {
    guard let first = label(in: text, from: 0) else { return [] }
    var heads = [first]
    var ends: [Int] = []
    var from = first.colon + 1
    while let cut = text.withUTF8Bytes({ ByteSearch.firstIndex(of: 0x3B, in: $0, from: from) }) {
      if let next = label(in: text, from: cut + 1) {
        ends.append(cut)
        heads.append(next)
        from = next.colon + 1
      } else {
        from = cut + 1
      }
    }
    ends.append(text.utf8.count)
    return zip(heads, ends).map { head, end in
      (head.label, head.column, String(text.utf8Slice((head.colon + 1)..<end)).trimmingSpaces())
    }
  }

  /// Bytes before a label's colon, at most.
  static let longestLabel = 60

  /// A heading without the colon that ends it (and spaces).
  static func label(_ title: String) -> String {
    title.droppingTrailing(asciiMarks: { $0 == 0x3A || $0 == 0x20 })
  }
}
