import Foundation

/// A PDF written byte by byte at test time: a catalog, a flat page tree, one content stream a
/// page drawing its lines of text in Helvetica (WinAnsi, so ASCII text only), and a
/// cross-reference table with exact offsets. Enough for poppler to read without repairing.
struct MinimalPDF {
  struct Page {
    /// Width and height in points (the MediaBox).
    var size: (width: Double, height: Double) = (595, 842)
    /// Lines drawn from the top left, 14 points apart, at 11 points.
    var lines: [String]
    /// Widget annotations (a signed PDF's signature fields), each printing its lines.
    var annotations: [Annotation] = []
    /// Rectangles stroked in black, 1 point wide (a table's ruled cells); in PDF points, y
    /// upwards.
    var frames: [(x0: Double, y0: Double, x1: Double, y1: Double)] = []
  }

  /// A widget annotation whose appearance prints `lines` (Helvetica, 9 points, 11 apart) from
  /// its top left; `rect` in PDF points, y upwards, as /Rect has it.
  struct Annotation {
    var rect: (x0: Double, y0: Double, x1: Double, y1: Double)
    var lines: [String]
  }

  var pages: [Page]

  var bytes: [UInt8] {
    var objects: [Int: String] = [:]
    objects[1] = "<< /Type /Catalog /Pages 2 0 R >>"
    objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    var kids: [String] = []
    // Annotations and their appearances are numbered after every page's two objects.
    var nextID = 4 + 2 * pages.count
    for (k, page) in pages.enumerated() {
      let pageID = 4 + 2 * k
      let contentID = pageID + 1
      kids.append("\(pageID) 0 R")
      var ops = "BT /F1 11 Tf 14 TL 50 \(Int(page.size.height) - 60) Td\n"
      for line in page.lines { ops += "(\(Self.escaped(line))) Tj T*\n" }
      ops += "ET"
      for f in page.frames { ops += "\n0 G 1 w \(f.x0) \(f.y0) \(f.x1 - f.x0) \(f.y1 - f.y0) re S" }
      objects[contentID] = "<< /Length \(ops.utf8.count) >>\nstream\n\(ops)\nendstream"
      var annots: [String] = []
      for (n, a) in page.annotations.enumerated() {
        let (w, h) = (a.rect.x1 - a.rect.x0, a.rect.y1 - a.rect.y0)
        var form = "BT /F1 9 Tf 11 TL 2 \(h - 9) Td\n"
        for line in a.lines { form += "(\(Self.escaped(line))) Tj T*\n" }
        form += "ET"
        objects[nextID] =
          "<< /Type /XObject /Subtype /Form /BBox [0 0 \(w) \(h)] /Resources << /Font << /F1 3 0 R >> >> "
          + "/Length \(form.utf8.count) >>\nstream\n\(form)\nendstream"
        objects[nextID + 1] =
          "<< /Type /Annot /Subtype /Widget /FT /Sig /T (sig\(k)-\(n)) /Rect [\(a.rect.x0) \(a.rect.y0) \(a.rect.x1) \(a.rect.y1)] "
          + "/F 132 /AP << /N \(nextID) 0 R >> >>"
        annots.append("\(nextID + 1) 0 R")
        nextID += 2
      }
      objects[pageID] =
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(Int(page.size.width)) \(Int(page.size.height))] "
        + "/Resources << /Font << /F1 3 0 R >> >> /Contents \(contentID) 0 R"
        + (annots.isEmpty ? "" : " /Annots [\(annots.joined(separator: " "))]") + " >>"
    }
    objects[2] = "<< /Type /Pages /Kids [\(kids.joined(separator: " "))] /Count \(pages.count) >>"
    var out = Array("%PDF-1.4\n".utf8)
    let size = (objects.keys.max() ?? 0) + 1
    var offsets = [Int](repeating: 0, count: size)
    for id in objects.keys.sorted() {
      offsets[id] = out.count
      out += Array("\(id) 0 obj\n\(objects[id]!)\nendobj\n".utf8)
    }
    let xref = out.count
    var table = "xref\n0 \(size)\n0000000000 65535 f \n"
    for id in 1..<size {
      let digits = String(offsets[id])
      table += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
    }
    table += "trailer\n<< /Size \(size) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    return out + Array(table.utf8)
  }

  static func escaped(_ s: String) -> String {
    s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(")
      .replacingOccurrences(of: ")", with: "\\)")
  }

  /// `count` A4 pages of a plan's body, each opening with its own numbered section ("12. Noi
  /// dung trang 12") and a few lines of prose naming the page: ASCII Vietnamese without tones,
  /// which reads as Vietnamese syllables, so no page looks like it needs OCR.
  static func longPlan(pages count: Int, linesPerPage: Int = 4) -> MinimalPDF {
    MinimalPDF(
      pages: (1...count).map { p in
        Page(
          lines: ["\(p). Noi dung trang \(p)"]
            + (1...linesPerPage).map { l in "Trang \(p) dong \(l): cac don vi thuc hien nhiem vu theo ke hoach." })
      })
  }
}
