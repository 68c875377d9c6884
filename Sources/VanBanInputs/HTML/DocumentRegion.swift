/// Where the document stands inside a page saved from a portal: which subtrees are read and
/// which are left out as the page's chrome (menus, banner and footer, the metadata box, lists
/// of related documents, hidden text).
///
/// Decided by evidence, as readability-style extractors do, never by a site's class names:
/// 1. The landmarks are the first lines that are the national motto and the first that is a
///    document-type line in capitals (`PageLandmarks`, from Grammar/). The element holding
///    both is where the document is.
/// 2. From there the region grows outwards one level at a time: the siblings on either side
///    join it while they read like document text, and growth stops at the first level where a
///    sibling reads like chrome (a `nav`, `aside`, `form`, a site `header`/`footer`, an ARIA
///    landmark role of furniture, mostly link text, or a metadata box — two or more portal
///    labels "Số hiệu:", "Người ký:" …). Siblings without text are passed over. A page made
///    of nothing but the document (Word's "Save as Web Page") grows to its whole body.
/// 3. Inside the region, subtrees that are plainly chrome and hold no landmark are left out:
///    furniture elements, hidden text, lists of three or more links that are mostly link text,
///    metadata boxes.
/// Without landmarks (a fragment, a page of some other text) the whole page is the region and
/// only step 3 applies.
struct DocumentRegion {
  /// Per node: read (its start and end count as markup of the document).
  private(set) var included: [Bool]
  /// Per node: not read itself, but holding a read subtree (walked through without effect).
  private(set) var onPath: [Bool]
  /// Lines of text left out around or inside the document, and the first one's source line.
  private(set) var droppedUnits = 0
  private(set) var firstDroppedLine: Int?
  /// Whether landmarks were found.
  private(set) var foundLandmarks = false

  /// One paragraph-sized piece of text (the text of a block element up to its nested blocks),
  /// what landmarks are looked for in.
  struct Unit {
    var node: Int
    var line: Int
    var text: String
    var marks: [PageLandmarks.Mark]
    var hasLetters: Bool
  }

  enum SiblingKind { case empty, document, chrome }

  init(tree: HTMLTree, landmarks: PageLandmarks) {
    let nodes = tree.nodes
    included = Array(repeating: false, count: nodes.count)
    onPath = Array(repeating: false, count: nodes.count)
    guard !nodes.isEmpty else { return }

    let units = Self.units(of: tree, landmarks: landmarks)
    // Per node: landmark units inside, and which portal labels (a bit each).
    var landmarkCount = Array(repeating: 0, count: nodes.count)
    var labelBits = Array(repeating: UInt64(0), count: nodes.count)
    var firstMotto: Int?
    var firstDocType: Int?
    for u in units where !nodes[u.node].hidden {
      for mark in u.marks {
        switch mark {
        case .motto:
          landmarkCount[u.node] += 1
          if firstMotto == nil { firstMotto = u.node }
        case .docType:
          landmarkCount[u.node] += 1
          if firstDocType == nil { firstDocType = u.node }
        case .portalLabel(let k):
          labelBits[u.node] |= UInt64(1) << UInt64(min(k, 63))
        }
      }
    }
    for n in nodes.indices.reversed() where nodes[n].parent >= 0 {
      landmarkCount[nodes[n].parent] += landmarkCount[n]
      labelBits[nodes[n].parent] |= labelBits[n]
    }

    func isFurniture(_ n: Int) -> Bool {
      let node = nodes[n]
      if HTMLElementKind.chrome.contains(node.name) { return true }
      if let role = node.attributes.role?.lowercased(), HTMLElementKind.chromeRoles.contains(role) { return true }
      if HTMLElementKind.banner.contains(node.name), landmarkCount[n] == 0 { return true }
      return false
    }
    func isMetadataBox(_ n: Int) -> Bool { labelBits[n].nonzeroBitCount >= 2 }
    func mostlyLinks(_ n: Int) -> Bool { nodes[n].linkLetters * 2 >= nodes[n].letters }

    func kind(_ n: Int) -> SiblingKind {
      if nodes[n].letters == 0 { return .empty }
      if nodes[n].hidden || isFurniture(n) || isMetadataBox(n) || mostlyLinks(n) { return .chrome }
      return .document
    }

    // Steps 1 and 2: the region's roots.
    var roots: [Int]
    if let anchor = [firstMotto, firstDocType].compactMap({ $0 }).reduce(nil as Int?, { a, n in
      a.map { tree.commonAncestor($0, n) } ?? n
    }), anchor >= 0 {
      foundLandmarks = true
      roots = [anchor]
      var top = anchor
      while true {
        let parent = nodes[top].parent
        let siblings = tree.children(of: parent >= 0 ? parent : nil)
        guard let at = siblings.firstIndex(of: top) else { break }
        var after: [Int] = []
        var stopped = false
        for s in siblings[(at + 1)...] {
          let k = kind(s)
          if k == .chrome { stopped = true; break }
          after.append(s)
        }
        var before: [Int] = []
        for s in siblings[..<at].reversed() {
          let k = kind(s)
          if k == .chrome { stopped = true; break }
          before.insert(s, at: 0)
        }
        if stopped || parent < 0 {
          roots = before + roots + after
          break
        }
        top = parent
        roots = [parent]
      }
    } else {
      roots = tree.children(of: nil)
    }

    // Step 3, top-down: a node is read when it is a root, or its parent is read and it is not
    // plainly chrome. Hidden text is never read.
    let rootSet = Set(roots)
    for n in nodes.indices {
      if rootSet.contains(n) {
        included[n] = !nodes[n].hidden
        continue
      }
      let p = nodes[n].parent
      guard p >= 0, included[p] else { continue }
      let chrome =
        nodes[n].hidden
        || (landmarkCount[n] == 0 && (isFurniture(n) || isMetadataBox(n) || (nodes[n].links >= 3 && mostlyLinks(n))))
      included[n] = !chrome
    }
    // Roots are read, their ancestors walked through.
    for r in roots where included[r] {
      var a = nodes[r].parent
      while a >= 0, !onPath[a] {
        onPath[a] = true
        a = nodes[a].parent
      }
    }

    for u in units where u.hasLetters && !included[u.node] {
      droppedUnits += 1
      if firstDroppedLine == nil { firstDroppedLine = u.line }
    }
  }

  /// The text of each block element up to its nested blocks, `<br>` and nested blocks as line
  /// breaks. Landmarks are looked for in the text outside links (a menu item "KẾ HOẠCH" is no
  /// landmark).
  static func units(of tree: HTMLTree, landmarks: PageLandmarks) -> [Unit] {
    let nodes = tree.nodes
    // The nearest block element holding each node (itself when it is one).
    var blockOf = Array(repeating: -1, count: nodes.count)
    for n in nodes.indices {
      blockOf[n] = HTMLElementKind.blocks.contains(nodes[n].name) ? n : (nodes[n].parent >= 0 ? blockOf[nodes[n].parent] : -1)
    }
    // All the text, and the text outside links (where landmarks are looked for).
    var texts: [Int: String] = [:]
    var ownTexts: [Int: String] = [:]
    var lines: [Int: Int] = [:]
    func add(_ s: String, to unit: Int, line: Int?, inLink: Bool = false) {
      guard unit >= 0 else { return }
      texts[unit, default: ""] += s
      if !inLink { ownTexts[unit, default: ""] += s }
      if let line, lines[unit] == nil, s.unicodeScalars.contains(where: { !HTMLText.isSpace($0) }) {
        lines[unit] = line
      }
    }
    for (k, e) in tree.events.enumerated() {
      let n = tree.owner[k]
      guard n >= 0 else { continue }
      switch e.kind {
      case .text:
        let line = HTMLText.firstLetterLine(of: e.text, from: e.line)
        add(e.text, to: blockOf[n], line: line, inLink: nodes[n].inLink)
      case .start, .end:
        if nodes[n].name == "br", e.kind == .start {
          add("\n", to: blockOf[n], line: nil)
        } else if HTMLElementKind.blocks.contains(nodes[n].name), nodes[n].parent >= 0 {
          add("\n", to: blockOf[nodes[n].parent], line: nil)
        }
      }
    }
    return texts.keys.sorted().map { node in
      let text = texts[node] ?? ""
      let marks = (ownTexts[node] ?? "").split(whereSeparator: { $0 == "\n" }).compactMap { landmarks.mark(HTMLText.collapsed($0)[...]) }
      return Unit(
        node: node, line: lines[node] ?? tree.events[nodes[node].start].line, text: text, marks: marks,
        hasLetters: HTMLTree.letterCount(text) > 0)
    }
  }
}
