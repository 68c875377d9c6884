import VanBanModel
import VanBanText

/// Builds the section tree from numbered lines: Roman parts hold arabic items, `1.` holds
/// `1.1.`, `1.1.` holds `1.1.1.`; `(1)` and `a)` nest under whatever is open. Checks that
/// siblings count up by one.
struct SectionTreeBuilder {
  private final class Node {
    // Unchecked: nodes live in one builder, used by one thread, and no access to a node's
    // section or children overlaps another; the dynamic checks were a run-time call for each.
    /// Nil only once `build` has taken it.
    @exclusivity(unchecked) var section: Section?
    let marker: Marker
    /// `SectionTreeBuilder.style(marker)`, worked out once: siblings and the open path are
    /// searched by style, and comparing markers copied their labels for every node passed.
    let style: Int
    /// `SectionTreeBuilder.ordinal(marker)`, worked out once for the same reason.
    let ordinal: Int?
    /// `section.path`, `label` and `line`, held apart: read through the section, each copied
    /// the whole section (its strings and arrays retained and released) for one field.
    let path: String
    let label: String
    let line: Int
    @exclusivity(unchecked) var children: [Node] = []
    init(section: Section, marker: Marker) {
      path = section.path
      label = section.label
      line = section.line
      self.section = section
      self.marker = marker
      style = SectionTreeBuilder.style(marker)
      ordinal = SectionTreeBuilder.ordinal(marker)
    }
  }

  private var roots: [Node] = []
  /// The open path from a root to the innermost section.
  private var stack: [Node] = []
  private(set) var diagnostics: [Diagnostic] = []

  var hasSections: Bool { !roots.isEmpty }

  /// Fixed ranks for the hierarchical styles; `(1)` and `a)` rank by position.
  private static func rank(_ m: Marker) -> Int? {
    switch m {
    case .part: -2
    case .chapter: -1
    case .roman, .article: 0
    case .arabic(_, let parts): parts.count
    default: nil
    }
  }

  /// `style` of an arabic number of no parts: each part adds one.
  private static let arabicStyle = 16

  /// Two markers of one style (`sameStyle`) have the same code, and a bullet's code is
  /// shared with no marker's, itself included (a bullet list is no numbered sibling).
  private static func style(_ m: Marker) -> Int {
    switch m {
    case .roman: 1
    case .paren: 2
    case .letter: 3
    case .article: 4
    case .chapter: 5
    case .part: 6
    case .arabic(_, let parts): arabicStyle + parts.count
    case .bullet: -1
    }
  }

  /// Whether two markers count in one sibling list: the same style (arabic numbers of as many
  /// parts); never a bullet.
  private static func sameStyle(_ a: Int, _ b: Int) -> Bool { a == b && a >= 0 }

  private static func label(_ m: Marker) -> String {
    switch m {
    case .roman(_, let l): l
    case .arabic(let l, _): l
    case .paren(let n): "(\(n))"
    case .letter(let l): l
    case .bullet(let b): b
    case .article(_, let l), .chapter(_, let l), .part(_, let l): l
    }
  }

  /// Lettered items in order: Vietnamese lists run a, b, c, d, đ, e, g, h, …; the letters
  /// Vietnamese lacks (f, j, w, z), which lists in the Latin order use, and đ, which some lists
  /// skip, may be there or not (`optionalLetters`).
  static let letterOrder: [Unicode.Scalar] = Array("abcdđefghijklmnopqrstuvwxyz".unicodeScalars)
  static let optionalLetters: Set<Unicode.Scalar> = ["đ", "f", "j", "w", "z"]

  /// The number a sibling list counts with.
  private static func ordinal(_ m: Marker) -> Int? {
    switch m {
    case .roman(let v, _): v
    case .arabic(_, let parts): parts.last
    case .paren(let n): n
    case .letter(let l): l.unicodeScalars.first.flatMap { c in letterOrder.firstIndex(of: c).map { $0 + 1 } }
    case .bullet: nil
    case .article(let v, _), .chapter(let v, _), .part(let v, _): v
    }
  }

  private static func labelFor(_ m: Marker, ordinal n: Int) -> String {
    switch m {
    case .roman: RomanNumeral.string(n)
    case .arabic(_, let parts): LineClassifier.dottedLabel(parts.dropLast() + [n])
    case .paren: "(\(n))"
    case .letter: String(letterOrder[max(1, min(letterOrder.count, n)) - 1])
    case .bullet(let b): b
    case .article(_, let l): (l.split(separator: " ").dropLast().map(String.init) + [String(n)]).joinedText(" ")
    case .chapter(_, let l): (l.split(separator: " ").dropLast().map(String.init) + [RomanNumeral.string(n)]).joinedText(" ")
    case .part: String(UnicodeScalar(UInt8(0x40 + max(1, min(26, n)))))
    }
  }

  mutating func open(marker: Marker, title: String?, line: Int) {
    if let r = Self.rank(marker) {
      // `(1)` and `a)` lists end where a hierarchical number resumes.
      while let top = stack.last, (Self.rank(top.marker) ?? .max) >= r { stack.removeLast() }
    } else if case let style = Self.style(marker), let k = stack.lastIndex(where: { Self.sameStyle($0.style, style) }) {
      stack.removeSubrange(k...)
    }
    let label = Self.label(marker)
    let parent = stack.last
    // The stack is the chain from a root to `parent`, and each node's path was made the same
    // way when it was opened: the parent's path and this label. Joining every open label
    // again cost an array and a join per section.
    let path = parent.map { String.joining($0.path, "/", label) } ?? label
    let node = Node(section: Section(label: label, title: title, path: path, line: line), marker: marker)
    check(node, under: parent)
    if let parent { parent.children.append(node) } else { roots.append(node) }
    stack.append(node)
  }

  private mutating func check(_ node: Node, under parent: Node?) {
    let siblings = parent?.children ?? roots
    let line = node.line
    // The labels and markers read only where a diagnostic needs them: most sections count on
    // from the one before, and reading them copied their strings for every section.
    var label: String { node.label }
    // An arabic number of two parts or more (its style code says so) sits under its parent's.
    if node.style >= Self.arabicStyle + 2,
      case .arabic(_, let parts) = node.marker, let parent,
      case .arabic(_, let pp) = parent.marker, Array(parts.dropLast()) != pp
    {
      diagnostics.append(DiagnosticCatalogue.sectionParentMismatch(label: label, parent: parent.label, line: line))
    }
    guard let n = node.ordinal else { return }
    let previous = siblings.last(where: { Self.sameStyle($0.style, node.style) })
    var parentLabel: String? { parent?.label }
    guard let previous, let p = previous.ordinal else {
      if n > 1 {
        diagnostics.append(DiagnosticCatalogue.sectionSkippedNumber(
          label: label, expected: Self.labelFor(node.marker, ordinal: 1), line: line))
      }
      return
    }
    if n == p {
      diagnostics.append(DiagnosticCatalogue.sectionDuplicateNumber(label: label, parent: parentLabel, line: line))
    } else if n > p + 1 {
      var expected = p + 1
      if case .letter = node.marker {
        // Between two letters only letters a list may leave out: no gap.
        while expected < n, Self.optionalLetters.contains(Self.letterOrder[expected - 1]) { expected += 1 }
        if expected == n { return }
      }
      diagnostics.append(DiagnosticCatalogue.sectionSkippedNumber(
        label: label, expected: Self.labelFor(node.marker, ordinal: expected), line: line))
    } else if n < p {
      diagnostics.append(DiagnosticCatalogue.sectionOutOfOrder(label: label, previous: previous.label, line: line))
    }
  }

  // Taken, not borrowed: a borrowed block or table was copied into the section (its strings
  // retained) and the caller's released after.
  mutating func appendBlock(_ block: consuming Block) {
    stack.last?.section?.blocks.append(block)
  }

  mutating func appendTable(_ table: consuming Table) {
    stack.last?.section?.tables.append(table)
  }

  /// The tree, once: each node's section is moved out of it (nil left behind), not
  /// copied, which retained every string and array of every section for the nodes to
  /// release again when they went.
  mutating func build() -> [Section] {
    func take(_ n: Node) -> Section {
      // An empty section swapped in instead was a copy of its own (its empty strings and
      // arrays retained and released).
      var s = n.section.take()!
      s.children = n.children.map(take)
      return s
    }
    let sections = roots.map(take)
    roots = []
    stack = []
    return sections
  }
}
