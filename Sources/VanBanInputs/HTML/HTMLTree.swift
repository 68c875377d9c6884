/// The elements of a page as a flat array in document order (an element's descendants follow
/// it, up to `last`), built from the event stream without recursion, with what the chrome
/// finder asks of every subtree counted bottom-up.
struct HTMLTree {
  struct Node {
    var name: String
    var attributes: HTMLAttributes
    /// -1 for a top element.
    var parent: Int
    /// The events of its start and end tags (`end` is the stream's end when never closed).
    var start: Int
    var end: Int
    /// The last node of its subtree: the subtree is `index...last`.
    var last: Int
    /// Letters and digits in the subtree's text, and those inside links to elsewhere.
    var letters = 0
    var linkLetters = 0
    /// Links to elsewhere (`<a href>` not to a place in the page) in the subtree.
    var links = 0
    /// Not shown (`display:none`, `visibility:hidden`, Word's `mso-hide:all`, `hidden`),
    /// itself or through an ancestor.
    var hidden = false
    /// Inside a link to elsewhere, itself or through an ancestor.
    var inLink = false
  }

  let events: [HTMLEvent]
  private(set) var nodes: [Node] = []
  /// For each event, the node it belongs to: its element for a start or end, the element
  /// holding it for text (-1 outside every element).
  private(set) var owner: [Int] = []

  init(events: [HTMLEvent]) {
    self.events = events
    owner.reserveCapacity(events.count)
    var open: [Int] = []
    for (k, e) in events.enumerated() {
      switch e.kind {
      case .start:
        let parent = open.last ?? -1
        var node = Node(
          name: e.name, attributes: e.attributes, parent: parent, start: k, end: events.count, last: nodes.count)
        if parent >= 0 {
          node.hidden = nodes[parent].hidden
          node.inLink = nodes[parent].inLink
        }
        node.hidden = node.hidden || Self.hides(e.attributes.style)
        node.inLink = node.inLink || (e.name == "a" && Self.leavesThePage(e.attributes.href))
        owner.append(nodes.count)
        open.append(nodes.count)
        nodes.append(node)
      case .end:
        // The parser balances elements, so the end closes the innermost open one.
        if let n = open.popLast() {
          nodes[n].end = k
          nodes[n].last = nodes.count - 1
          owner.append(n)
        } else {
          owner.append(-1)
        }
      case .text:
        owner.append(open.last ?? -1)
      }
    }
    for n in open { nodes[n].last = nodes.count - 1 }
    countText()
  }

  /// Letters and links, summed up the tree: a node's children follow it, so walking backwards
  /// finishes every child before its parent.
  private mutating func countText() {
    for (k, e) in events.enumerated() where e.kind == .text {
      let n = owner[k]
      guard n >= 0 else { continue }
      let letters = Self.letterCount(e.text)
      nodes[n].letters += letters
      if nodes[n].inLink { nodes[n].linkLetters += letters }
    }
    for n in nodes.indices where nodes[n].name == "a" && Self.leavesThePage(nodes[n].attributes.href) {
      nodes[n].links += 1
    }
    for n in nodes.indices.reversed() {
      let p = nodes[n].parent
      guard p >= 0 else { continue }
      nodes[p].letters += nodes[n].letters
      nodes[p].linkLetters += nodes[n].linkLetters
      nodes[p].links += nodes[n].links
    }
  }

  /// The children of a node (of the top when nil), in order.
  func children(of n: Int?) -> [Int] {
    var out: [Int] = []
    var k = n.map { $0 + 1 } ?? 0
    let last = n.map { nodes[$0].last } ?? nodes.count - 1
    while k <= last {
      out.append(k)
      k = nodes[k].last + 1
    }
    return out
  }

  /// Whether `a` is `d` or holds it.
  func contains(_ a: Int, _ d: Int) -> Bool { d >= a && d <= nodes[a].last }

  /// The lowest node holding both.
  func commonAncestor(_ a: Int, _ b: Int) -> Int {
    var n = a
    while n >= 0, !contains(n, b) { n = nodes[n].parent }
    return n
  }

  static func letterCount(_ s: String) -> Int {
    var n = 0
    for u in s.unicodeScalars where u.properties.isAlphabetic || u.properties.numericType != nil { n += 1 }
    return n
  }

  /// Whether a style keeps the element off the screen.
  static func hides(_ style: String?) -> Bool {
    guard let style else { return false }
    let compact = String(style.lowercased().unicodeScalars.filter { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" })
    return compact.contains("display:none") || compact.contains("visibility:hidden") || compact.contains("mso-hide:all")
  }

  /// A link that takes the reader elsewhere: any `href` but a place in the page (`#…`).
  static func leavesThePage(_ href: String?) -> Bool {
    guard let href else { return false }
    let trimmed = href.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    return !trimmed.isEmpty && !trimmed.hasPrefix("#")
  }
}

/// What kind of box an element draws, as far as reading text goes.
enum HTMLElementKind {
  /// Starts and ends a paragraph.
  static let blocks: Set<String> = [
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "html", "legend", "li", "listing", "main", "menu", "nav", "ol", "p", "plaintext",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "xmp", "option",
  ]
  /// Bold as a browser draws it, unless a style says otherwise.
  static let bold: Set<String> = ["b", "strong", "h1", "h2", "h3", "h4", "h5", "h6"]
  /// Headings: bold by default.
  static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
  /// The page's own furniture, never a document's text.
  static let chrome: Set<String> = [
    "nav", "aside", "form", "menu", "button", "select", "iframe", "dialog", "input", "textarea", "label",
  ]
  /// A site's banner and footer: chrome unless they hold the document's landmarks.
  static let banner: Set<String> = ["header", "footer"]
  /// ARIA roles of page furniture.
  static let chromeRoles: Set<String> = [
    "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "toolbar", "dialog",
  ]

  /// Whether a style sets the weight: true for bold (`bold`, `bolder`, 600 and up), false for
  /// `normal`/`lighter`/below 600, nil when it says nothing.
  static func boldness(_ style: String?) -> Bool? {
    guard let style else { return nil }
    var weight: Bool?
    // The last declaration of `font-weight` itself (not Word's `mso-bidi-font-weight`) wins.
    for declaration in style.lowercased().split(separator: ";") {
      let parts = declaration.split(separator: ":", maxSplits: 1)
      guard parts.count == 2, parts[0].trimmingSpaces == "font-weight" else { continue }
      let value = parts[1].trimmingSpaces.prefix { $0 != " " && $0 != "!" }
      if value.hasPrefix("bold") {
        weight = true
      } else if value == "normal" || value == "lighter" {
        weight = false
      } else if let n = Int(value) {
        weight = n >= 600
      }
    }
    return weight
  }
}
