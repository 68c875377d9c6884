#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

import VanBanText
import VanBanBytes

/// hOCR (`tesseract IMAGE out hocr`, also ABBYY/OCRopus exports): XHTML whose `ocrx_word`
/// spans carry `title="bbox x0 y0 x1 y1; x_wconf N"`.
///
/// A hand-written tag scanner rather than an XML parser: hOCR in the wild is often HTML, not
/// well-formed XML (unclosed `<meta>`, `&nbsp;`), and only classes, titles and text matter.
struct HOCRReader {
  /// The text's bytes, read in place for the one scan (`words`): as an array, every access
  /// was checked and every helper's look at it retained and released it (some 136,000 times
  /// for six bench files).
  private let bytes: UnsafeBufferPointer<UInt8>
  private var i = 0
  /// Line counting follows the scan so that each word knows its line without a second pass.
  private var countedTo = 0
  private var lineNo = 1
  private var depth = 0
  private var page = 0
  private var lineID = 0
  private var words = OCRWords()
  private var word: Open?
  private var line: Open?
  /// The boxes of `word` and `line` (a line may have none), kept beside them: in `Open` they
  /// made its optional's copies and destruction go through value witnesses.
  private var wordBox = Box(x0: 0, y0: 0, x1: 0, y1: 0)
  private var lineBox: Box?
  private var lineHadWords = false

  /// A `bbox`: four numbers in place of an array of them, one allocation fewer a word.
  struct Box {
    var x0, y0, x1, y1: Double
  }

  /// An element being read: where it opened, its box and the text seen so far.
  private struct Open {
    var depth: Int
    var conf: Double
    var sourceLine: Int
    /// The text while it is one run of the file's bytes (a word's usual `>text<`): only where
    /// that run lies. Copied into `text` when a second piece comes; an array made and grown
    /// for every word's one run was a fifth of reading the file.
    var run: Range<Int>?
    var text: [UInt8] = []

    init(depth: Int, conf: Double, sourceLine: Int) {
      self.depth = depth
      self.conf = conf
      self.sourceLine = sourceLine
    }

    mutating func add(_ r: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>) {
      if run == nil, text.isEmpty {
        run = r
        return
      }
      spill(bytes)
      text += bytes[r]
    }

    mutating func add(byte: UInt8, of bytes: UnsafeBufferPointer<UInt8>) {
      spill(bytes)
      text.append(byte)
    }

    /// The run, if any, moved into `text`.
    private mutating func spill(_ bytes: UnsafeBufferPointer<UInt8>) {
      guard let first = run else { return }
      text += bytes[first]
      run = nil
    }

    /// The text's bytes.
    func withText<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
      if let run { return body(UnsafeBufferPointer(rebasing: bytes[run])) }
      return text.withUnsafeBufferPointer(body)
    }
  }

  private static let voidElements: [[UInt8]] = [
    "meta", "br", "img", "hr", "link", "input", "area", "base", "col", "param", "source", "wbr",
  ].map { Array($0.utf8) }

  /// Whether a tag name (any case) is an HTML void element, which has no end tag.
  static func isVoidElement(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
    // Asked of every tag: lengths and first letters settle nearly all, and the generic zip of
    // the two sequences cost ~200 instructions a tag.
    guard let lead = name.first else { return false }
    for v in voidElements where v.count == name.count && v[0] == lead | 0x20 {
      var k = 1
      while k < v.count, v[k] == name[k] | 0x20 { k += 1 }
      if k == v.count { return true }
    }
    return false
  }
  private static let lineClasses: [[UInt8]] = ["ocr_line", "ocr_textfloat", "ocr_header", "ocr_caption"].map { Array($0.utf8) }
  private static let pageClass = Array("ocr_page".utf8)
  private static let separatorClass = Array("ocr_separator".utf8)
  private static let wordClass = Array("ocrx_word".utf8)

  /// Which of the classes the reader acts on a `class` value names, on its bytes (every tag
  /// has one; hOCR's class names are ASCII, which has no other spelling to compare).
  static func classes(_ value: String) -> (page: Bool, separator: Bool, line: Bool, word: Bool) {
    return value.withUTF8Bytes { classes($0) }
  }

  static func classes(_ b: UnsafeBufferPointer<UInt8>) -> (page: Bool, separator: Bool, line: Bool, word: Bool) {
    var found = (page: false, separator: false, line: false, word: false)
    ByteRuns.forEach(in: b, separatedBy: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }) { r in
      let token = UnsafeBufferPointer(rebasing: b[r])
      if same(token, pageClass) {
        found.page = true
      } else if same(token, separatorClass) {
        found.separator = true
      } else if same(token, wordClass) {
        found.word = true
      } else if lineClasses.contains(where: { same(token, $0) }) {
        found.line = true
      }
      return true
    }
    return found
  }

  /// The same bytes, lengths compared first: every tag's classes are tested against seven
  /// names, and stepping both sequences to their first difference was a few per cent of
  /// reading an hOCR file.
  @inline(__always)
  private static func same(_ token: UnsafeBufferPointer<UInt8>, _ name: [UInt8]) -> Bool {
    token.count == name.count && name.withUnsafeBufferPointer { n in
      token.isEmpty || memcmp(token.baseAddress!, n.baseAddress!, n.count) == 0
    }
  }

  static func words(_ text: String) throws(InputError) -> OCRWords {
    let scanned: Result<OCRWords, InputError> = text.withUTF8Bytes { b in
      var reader = HOCRReader(bytes: b)
      do throws(InputError) {
        try reader.scan()
      } catch {
        return .failure(error)
      }
      return .success(reader.words)
    }
    return try scanned.get()
  }

  /// Whether the text looks like hOCR: markup carrying hOCR's class names.
  static func looksLikeHOCR(_ head: Substring.UTF8View) -> Bool {
    guard let first = head.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }), first == UInt8(ascii: "<")
    else { return false }
    // A byte search: Foundation's `contains` bridged the whole 64 KB head for each name. On
    // the string's own bytes when they are contiguous (always, for a native string): copying
    // the head into an array went byte by byte.
    if let found = head.withContiguousStorageIfAvailable({ containsHOCRName($0) }) { return found }
    return Array(head).withUnsafeBufferPointer { containsHOCRName($0) }
  }

  private static func containsHOCRName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    ["ocr_page", "ocrx_word", "ocr_line"].contains { name in
      let needle = Array(name.utf8)
      guard bytes.count >= needle.count else { return false }
      var i = 0
      while i <= bytes.count - needle.count {
        if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return true }
        i += 1
      }
      return false
    }
  }

  private init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    // Room for the words at once: a word's element takes a hundred bytes or more of hOCR, and
    // grown from empty the list was copied as it doubled.
    words.reserveCapacity(bytes.count / 160)
  }

  private mutating func line(at pos: Int) -> Int {
    let end = min(pos, bytes.count)
    guard countedTo < end else { return lineNo }
    // Sixteen bytes a step, tallied in the vector's lanes for up to 255 steps: asked for every
    // tag, and tags are most of an hOCR file (Tesseract writes a word a line), where eight
    // bytes at a time and a bit count per step were 2.4 % of reading a layout file.
    let b = bytes
    let raw = UnsafeRawPointer(b.baseAddress!)
    while countedTo + 16 <= end {
      let steps = min((end - countedTo) / 16, ByteVector.maxCountedSteps)
      lineNo += ByteVector.count(raw, at: countedTo, steps: steps) { ByteVector.equal($0, 0x0A) }
      countedTo += 16 * steps
    }
    while countedTo + 8 <= end {
      let word = raw.loadUnaligned(fromByteOffset: countedTo, as: UInt64.self)
      lineNo += Self.newlines(in: word)
      countedTo += 8
    }
    while countedTo < end {
      if b[countedTo] == 0x0A { lineNo += 1 }
      countedTo += 1
    }
    return lineNo
  }

  /// The number of 0x0A bytes in eight bytes.
  @inline(__always)
  static func newlines(in word: UInt64) -> Int {
    ByteMask.equal(word, to: 0x0A).nonzeroBitCount
  }

  /// Whether the bytes in `r` hold a "&" (an entity to decode), by memchr: asked of the class
  /// and title values of every tag.
  private func holdsEntity(_ r: Range<Int>) -> Bool {
    ByteSearch.firstIndex(of: 0x26, in: UnsafeBufferPointer(rebasing: bytes[r])) != nil
  }

  /// The first `byte` at or after `from`, by memchr.
  private func find(byte: UInt8, from: Int) -> Int? {
    guard from < bytes.count, let base = bytes.baseAddress else { return nil }
    guard let p = memchr(base + from, Int32(byte), bytes.count - from) else { return nil }
    return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
  }

  private func find(_ needle: [UInt8], from: Int) -> Int? {
    guard !needle.isEmpty, from <= bytes.count - needle.count else { return nil }
    var k = from
    while k <= bytes.count - needle.count {
      var n = 0
      while n < needle.count && bytes[k + n] == needle[n] { n += 1 }
      if n == needle.count { return k }
      k += 1
    }
    return nil
  }

  private mutating func scan() throws(InputError) {
    while i < bytes.count {
      if bytes[i] != UInt8(ascii: "<") {
        let start = i
        while i < bytes.count && bytes[i] != UInt8(ascii: "<") { i += 1 }
        // A line's own text is read only when it has no word spans.
        if word != nil { word!.add(start..<i, of: bytes) } else if line != nil, !lineHadWords { line!.add(start..<i, of: bytes) }
        continue
      }
      let tagStart = i
      if i + 3 < bytes.count, bytes[i + 1] == UInt8(ascii: "!"), bytes[i + 2] == UInt8(ascii: "-"), bytes[i + 3] == UInt8(ascii: "-") {
        guard let end = find(Array("-->".utf8), from: i + 4) else {
          throw .badLayout("line \(line(at: tagStart)): an hOCR comment `<!--` is never closed")
        }
        i = end + 3
        continue
      }
      if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "!") || bytes[i + 1] == UInt8(ascii: "?") {
        guard let end = find(byte: UInt8(ascii: ">"), from: i + 1) else {
          throw .badLayout("line \(line(at: tagStart)): an hOCR declaration `<!` is never closed")
        }
        i = end + 1
        continue
      }
      try readTag()
    }
    if line != nil { finishLine() }
  }

  enum AttributeKind { case `class`, title, other }

  /// Which of the attributes the reader uses the name is, compared without case.
  static func attributeKind(_ name: UnsafeBufferPointer<UInt8>) -> AttributeKind {
    func equals(_ word: StaticString) -> Bool {
      guard name.count == word.utf8CodeUnitCount else { return false }
      return word.withUTF8Buffer { w in zip(name, w).allSatisfy { ($0 | 0x20) == $1 } }
    }
    if equals("class") { return .class }
    if equals("title") { return .title }
    return .other
  }

  /// Reads one start or end tag at `i` (a `<`) and moves past its `>`.
  private mutating func readTag() throws(InputError) {
    let tagStart = i
    i += 1
    let closing = i < bytes.count && bytes[i] == UInt8(ascii: "/")
    if closing { i += 1 }
    let nameStart = i
    while i < bytes.count, Self.isNameByte(bytes[i]) { i += 1 }
    let nameRange = nameStart..<i
    // The name as text only for messages: tags are most of an hOCR file.
    func name() -> String { String(decoding: bytes[nameRange], as: UTF8.self).lowercased() }
    if nameRange.isEmpty && !closing {
      // A stray `<` in text ("a < b" badly escaped) is text, not a tag.
      if word != nil {
        word!.add(byte: UInt8(ascii: "<"), of: bytes)
      } else if line != nil, !lineHadWords {
        line!.add(byte: UInt8(ascii: "<"), of: bytes)
      }
      return
    }
    // Only two attributes are read; keeping just those (last one wins, as in a dictionary)
    // saved a dictionary per tag, which was the reader's largest cost.
    var classRange: Range<Int>?
    var titleRange: Range<Int>?
    var selfClosing = false
    while true {
      while i < bytes.count, Self.isSpace(bytes[i]) { i += 1 }
      guard i < bytes.count else {
        throw .badLayout("line \(line(at: tagStart)): the hOCR tag `<\(closing ? "/" : "")\(name())` is never closed with `>`")
      }
      let b = bytes[i]
      if b == UInt8(ascii: ">") {
        i += 1
        break
      }
      if b == UInt8(ascii: "/") {
        selfClosing = true
        i += 1
        continue
      }
      let attrStart = i
      while i < bytes.count, !Self.isSpace(bytes[i]), bytes[i] != UInt8(ascii: "="), bytes[i] != UInt8(ascii: ">"),
        bytes[i] != UInt8(ascii: "/")
      {
        i += 1
      }
      let attr = Self.attributeKind(UnsafeBufferPointer(rebasing: bytes[attrStart..<i]))
      if i == attrStart { i += 1 }  // an `=` or quote out of place: step over it
      while i < bytes.count, Self.isSpace(bytes[i]) { i += 1 }
      guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else {
        if attr == .class { classRange = i..<i } else if attr == .title { titleRange = i..<i }
        continue
      }
      i += 1
      while i < bytes.count, Self.isSpace(bytes[i]) { i += 1 }
      guard i < bytes.count else { continue }
      let value: Range<Int>
      if bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") {
        let quote = bytes[i]
        let valueStart = i + 1
        guard let end = find(byte: quote, from: valueStart) else {
          throw .badLayout("line \(line(at: tagStart)): an attribute of `<\(name())` opens a quote that is never closed")
        }
        value = valueStart..<end
        i = end + 1
      } else {
        let valueStart = i
        while i < bytes.count, !Self.isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">") { i += 1 }
        value = valueStart..<i
      }
      if attr == .class { classRange = value } else if attr == .title { titleRange = value }
    }
    if closing {
      depth = max(depth - 1, 0)
      if let w = word, depth < w.depth { try finishWord() }
      if let l = line, depth < l.depth { finishLine() }
      return
    }
    if selfClosing || Self.isVoidElement(UnsafeBufferPointer(rebasing: bytes[nameRange])) { return }
    depth += 1
    guard let classRange else { return }
    // Values are read as bytes; only one holding an entity is decoded to text first.
    let classes =
      holdsEntity(classRange)
      ? Self.classes(Self.decodeEntities(String(decoding: bytes[classRange], as: UTF8.self)))
      : Self.classes(UnsafeBufferPointer(rebasing: bytes[classRange]))
    func title(_ element: String) throws(InputError) -> (box: Box?, conf: Double?) {
      guard let r = titleRange else { return (nil, nil) }
      if !holdsEntity(r), let fast = Self.tesseractTitle(UnsafeBufferPointer(rebasing: bytes[r])) {
        return fast
      }
      return try Self.title(Self.decodeEntities(String(decoding: bytes[r], as: UTF8.self)), element: element, sourceLine: line(at: tagStart))
    }
    guard classes.page || classes.separator || classes.line || classes.word else { return }
    let sourceLine = line(at: tagStart)
    if classes.page {
      page += 1
    } else if classes.separator {
      let title = try title("ocr_separator")
      if let b = title.box {
        words.append(text: "", page: max(page, 1), x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1, conf: -1, lineID: 0, sourceLine: sourceLine)
      }
    } else if classes.line {
      if line != nil { finishLine() }
      let title = try title("ocr_line")
      lineID += 1
      lineHadWords = false
      line = Open(depth: depth, conf: title.conf ?? -1, sourceLine: sourceLine)
      lineBox = title.box
    } else if classes.word {
      if word != nil { try finishWord() }
      let title = try title("ocrx_word")
      guard let box = title.box else {
        throw .badLayout("line \(sourceLine): an ocrx_word has no `bbox x0 y0 x1 y1` in its title")
      }
      word = Open(depth: depth, conf: title.conf ?? -1, sourceLine: sourceLine)
      wordBox = box
    }
  }

  private mutating func finishWord() throws(InputError) {
    guard let w = word else { return }
    word = nil
    lineHadWords = true
    // Most words hold no entity: then the trimmed bytes, cut from the document's valid UTF-8
    // at ASCII bytes (tags, spaces), are the word's text as they stand, and go to the words'
    // texts without a String. One holding an entity is decoded first.
    let (p, box) = (max(page, 1), wordBox)
    let decoded: String? = w.withText(bytes) { b in
      let r = b.ocrTrimmed(0..<b.count)
      let trimmed = UnsafeBufferPointer(rebasing: b[r])
      guard !trimmed.contains(0x26) else {
        let decoded = Substring(Self.decodeEntities(String(decoding: b, as: UTF8.self))).ocrTrimmed()
        return decoded.isEmpty ? nil : String(decoded)
      }
      if !trimmed.isEmpty {
        words.append(
          utf8: trimmed, page: p, x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1, conf: w.conf, lineID: lineID,
          sourceLine: w.sourceLine)
      }
      return nil
    }
    guard let decoded else { return }
    words.append(
      text: decoded, page: p, x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1, conf: w.conf,
      lineID: lineID, sourceLine: w.sourceLine)
  }

  /// A line without word spans (hOCR written at line granularity) becomes one wide word.
  private mutating func finishLine() {
    guard let l = line else { return }
    line = nil
    guard !lineHadWords, let box = lineBox else { return }
    let text = Self.decodeEntities(l.withText(bytes) { String(decoding: $0, as: UTF8.self) })
    let parts = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
    guard !parts.isEmpty else { return }
    words.append(
      text: parts.joinedText(" "), page: max(page, 1), x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1,
      conf: l.conf, lineID: lineID, sourceLine: l.sourceLine)
  }

  /// The properties hOCR packs into `title`: `bbox 10 20 30 40; x_wconf 95`.
  static func title(_ title: String?, element: String, sourceLine: Int) throws(InputError) -> (box: Box?, conf: Double?) {
    guard var title else { return (nil, nil) }
    if let fast = title.withUTF8(tesseractTitle) { return fast }
    var box: Box?
    var conf: Double?
    // Fields found by byte offsets, numbers read as integers where they are (Tesseract writes
    // integer boxes): splitting views and Double(Substring) made this the reader's hot spot.
    let properties: [[Range<Int>]] = title.withUTF8 { b in
      var props: [[Range<Int>]] = []
      var fields: [Range<Int>] = []
      var i = 0
      while i <= b.count {
        if i == b.count || b[i] == 0x3B {
          props.append(fields)
          fields.removeAll(keepingCapacity: true)
          i += 1
          continue
        }
        if b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A {
          i += 1
          continue
        }
        let start = i
        while i < b.count, b[i] != 0x20, b[i] != 0x09, b[i] != 0x0A, b[i] != 0x3B { i += 1 }
        fields.append(start..<i)
      }
      return props
    }
    let bytes = Array(title.utf8)
    func field(_ r: Range<Int>) -> ArraySlice<UInt8> { bytes[r] }
    for parts in properties {
      guard let key = parts.first else { continue }
      if field(key).elementsEqual("bbox".utf8) {
        let numbers = parts.dropFirst().compactMap { Self.number(field($0)) }.filter(\.isFinite)
        guard parts.count == 5, numbers.count == 4 else {
          let text = String(decoding: bytes[key.lowerBound..<(parts.last?.upperBound ?? key.upperBound)], as: UTF8.self)
          throw .badLayout(
            "line \(sourceLine): the \(element) title has `\(text.prefix(60))`; a bbox is four numbers (x0 y0 x1 y1)")
        }
        guard numbers[2] >= numbers[0], numbers[3] >= numbers[1] else {
          let text = String(decoding: bytes[key.lowerBound..<parts[4].upperBound], as: UTF8.self)
          throw .badLayout("line \(sourceLine): the \(element) bbox `\(text)` ends before it starts")
        }
        box = Box(x0: numbers[0], y0: numbers[1], x1: numbers[2], y1: numbers[3])
      } else if field(key).elementsEqual("x_wconf".utf8), parts.count >= 2 {
        conf = Self.number(field(parts[1]))
      }
    }
    return (box, conf)
  }

  /// Tesseract's own titles — `bbox 1 2 3 4`, then `; x_wconf 96` or other properties — read in
  /// one pass; anything else (or a box that does not add up) goes to the general reader, which
  /// also words the errors.
  ///
  /// Every word has one, so the bytes are read with no closure, array or generic prefix test
  /// (which made this ~700 instructions a title): "x_wconf " is eight bytes, compared at once.
  private static func tesseractTitle(_ b: UnsafeBufferPointer<UInt8>) -> (box: Box?, conf: Double?)? {
    let n = b.count
    guard n > 5, b[0] == 0x62, b[1] == 0x62, b[2] == 0x6F, b[3] == 0x78, b[4] == 0x20 else { return nil }
    var i = 5
    guard let x0 = titleInt(b, &i), i < n, b[i] == 0x20 else { return nil }
    i += 1
    guard let y0 = titleInt(b, &i), i < n, b[i] == 0x20 else { return nil }
    i += 1
    guard let x1 = titleInt(b, &i), i < n, b[i] == 0x20 else { return nil }
    i += 1
    guard let y1 = titleInt(b, &i) else { return nil }
    let box = Box(x0: Double(x0), y0: Double(y0), x1: Double(x1), y1: Double(y1))
    guard box.x1 >= box.x0, box.y1 >= box.y0 else { return nil }
    if i == n { return (box, nil) }
    guard b[i] == 0x3B else { return nil }
    // The rest: find "x_wconf " and read its integer; other properties are skipped.
    let raw = UnsafeRawPointer(b.baseAddress!)
    var conf: Double?
    while i < n {
      while i < n, b[i] == 0x3B || b[i] == 0x20 { i += 1 }
      if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) == confidenceKey {
        i += 8
        guard let v = titleInt(b, &i), i == n || b[i] == 0x3B || b[i] == 0x20 else { return nil }
        conf = Double(v)
      }
      while i < n, b[i] != 0x3B { i += 1 }
    }
    return (box, conf)
  }

  /// "x_wconf " as eight bytes read little-endian.
  private static let confidenceKey = UInt64(littleEndian: 0x2066_6E6F_6377_5F78)

  /// The digits at `i` (at most nine) as a number, `i` moved past them; nil when there are none.
  @inline(__always)
  private static func titleInt(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Int? {
    let start = i
    var v = 0
    while i < b.count, b[i] &- 0x30 < 10, i - start < 9 {
      v = v &* 10 &+ Int(b[i] &- 0x30)
      i += 1
    }
    return i > start ? v : nil
  }

  /// A number field, read as Tesseract TSV's numbers are.
  private static func number(_ field: ArraySlice<UInt8>) -> Double? {
    field.withUnsafeBufferPointer { TesseractTSV.number($0, 0, $0.count) }
  }

  static func isNameByte(_ b: UInt8) -> Bool {
    (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: ":")
      || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
  }

  static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }

  static func decodeEntities(_ s: String) -> String {
    // A byte test: `contains("&")` is Foundation's substring search, and this runs on every
    // attribute and word.
    guard s.withUTF8Bytes({ $0.contains(0x26) }) else { return s }
    var out = ""
    var rest = Substring(s)
    while let amp = rest.firstIndex(of: "&") {
      out += rest[..<amp]
      let after = rest[rest.index(after: amp)...]
      guard let semi = after.prefix(12).firstIndex(of: ";") else {
        out += "&"
        rest = after
        continue
      }
      let name = after[..<semi]
      var decoded: String?
      switch name {
      case "amp": decoded = "&"
      case "lt": decoded = "<"
      case "gt": decoded = ">"
      case "quot": decoded = "\""
      case "apos": decoded = "'"
      case "nbsp": decoded = " "
      default:
        if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
          decoded = String(u)
        } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) {
          decoded = String(u)
        }
      }
      if let decoded {
        out += decoded
        rest = after[after.index(after: semi)...]
      } else {
        out += "&"
        rest = after
      }
    }
    out += rest
    return out
  }
}
