/// The frame shared by the HTML reports: one self-contained file (inline CSS, no script, no
/// external asset) that reads on a phone, prints on A4, and marks changes as legal redlines do.
package enum HTMLPage {
  /// Every text from a plan goes through here: plans quote `<i>`, `<script>` and `&` freely.
  package static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for ch in s.unicodeScalars {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(ch)
      }
    }
    return out
  }

  /// The two texts with only the words that differ marked, as a redline shows an amended
  /// clause: A's side strikes what B dropped, B's side underlines what B added. Words are
  /// matched by longest common subsequence; titles are short, so O(n·m) is fine.
  package static func redline(_ a: String, _ b: String) -> (a: String, b: String) {
    let x = a.split(separator: " ").map(String.init)
    let y = b.split(separator: " ").map(String.init)
    guard x.count * y.count <= 250_000 else {
      return ("<del>\(escape(a))</del>", "<ins>\(escape(b))</ins>")
    }
    var lcs = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
    for i in stride(from: x.count - 1, through: 0, by: -1) {
      for j in stride(from: y.count - 1, through: 0, by: -1) {
        lcs[i][j] = x[i] == y[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
      }
    }
    var keepA = Array(repeating: false, count: x.count)
    var keepB = Array(repeating: false, count: y.count)
    var i = 0
    var j = 0
    while i < x.count && j < y.count {
      if x[i] == y[j] {
        keepA[i] = true; keepB[j] = true; i += 1; j += 1
      } else if lcs[i + 1][j] >= lcs[i][j + 1] {
        i += 1
      } else {
        j += 1
      }
    }
    func render(_ words: [String], _ keep: [Bool], _ tag: String) -> String {
      var out: [String] = []
      var run: [String] = []
      func flush() {
        if !run.isEmpty { out.append("<\(tag) class=\"w\">\(escape(run.joined(separator: " ")))</\(tag)>") }
        run.removeAll()
      }
      for (w, k) in zip(words, keep) {
        if k { flush(); out.append(escape(w)) } else { run.append(w) }
      }
      flush()
      return out.joined(separator: " ")
    }
    return (render(x, keepA, "del"), render(y, keepB, "ins"))
  }

  package static func document(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="vi">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(escape(title))</title>
    <style>\(css)</style>
    </head>
    <body>
    \(body)
    </body>
    </html>

    """
  }

  /// Redline convention: insertions underlined in green, deletions struck through in red,
  /// moves in purple with a double underline; each also carries a sign (+, −, ⇄) so the
  /// report survives black-and-white printing and colour blindness.
  static let css = """
    :root{--ins:#0b6e3a;--ins-bg:#e6f4ea;--del:#b3261e;--del-bg:#fce8e6;--mov:#6a1b9a;--mov-bg:#f3e5f5;--mute:#5f6368;--line:#dadce0}
    *{box-sizing:border-box}
    body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#202124;margin:0 auto;max-width:1200px;padding:16px}
    h1{font-size:1.4em;margin:0 0 4px}h2{font-size:1.15em;margin:28px 0 8px;border-bottom:2px solid var(--line);padding-bottom:4px}
    .files{color:var(--mute);font-size:.9em;word-break:break-word}.files code{font-size:.85em}
    .summary{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px;margin:16px 0}
    .stat{border:1px solid var(--line);border-radius:8px;padding:8px 10px}.stat b{display:block;font-size:1.5em}
    .stat.s-ins{border-color:var(--ins);background:var(--ins-bg)}.stat.s-del{border-color:var(--del);background:var(--del-bg)}.stat.s-chg{border-color:var(--mov);background:var(--mov-bg)}
    .legend{font-size:.9em;color:var(--mute)}.legend span{margin-right:14px;white-space:nowrap}
    ins{color:var(--ins);background:var(--ins-bg);text-decoration:underline;text-decoration-thickness:2px}
    del{color:var(--del);background:var(--del-bg);text-decoration:line-through;text-decoration-thickness:2px}
    ins::before{content:"+ "}del::before{content:"− "}ins.w::before,del.w::before{content:none}
    .mov{color:var(--mov);background:var(--mov-bg);text-decoration:underline double}.mov::before{content:"⇄ "}
    .dir{display:inline-block;font-size:.8em;border-radius:10px;padding:0 8px;margin-left:6px;border:1px solid}
    .dir.tighter{color:var(--ins);border-color:var(--ins)}.dir.looser{color:var(--del);border-color:var(--del)}
    table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
    th{background:#f1f3f4;font-weight:600}td.num{text-align:right;white-space:nowrap}
    .ln{color:var(--mute);font-size:.8em;white-space:nowrap}.alt{color:var(--mute);font-size:.9em;display:block}
    ul.changes{margin:0;padding-left:18px}.empty{color:var(--mute);font-style:italic}
    .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
    table.matrix th:first-child,table.matrix td:first-child{position:sticky;left:0;background:#fff;min-width:220px;max-width:360px}
    table.matrix th:first-child{background:#f1f3f4}table.matrix td.none{background:#f8f9fa;color:var(--mute);text-align:center}
    @media (max-width:700px){
      body{padding:10px;font-size:14px}
      table.r,table.r tbody,table.r tr,table.r td{display:block;width:100%}
      table.r thead{display:none}table.r tr{border:1px solid var(--line);border-radius:8px;margin-bottom:10px;padding:4px}
      table.r td{border:none;padding:4px 6px}table.r td[data-label]::before{content:attr(data-label);display:block;font-size:.75em;color:var(--mute);text-transform:uppercase}
      table.matrix th:first-child,table.matrix td:first-child{min-width:160px;max-width:200px}
    }
    @media print{
      body{max-width:none;padding:0;font-size:10pt}h2{break-after:avoid}tr,.stat{break-inside:avoid}
      .scroll{overflow:visible}table.matrix th:first-child,table.matrix td:first-child{position:static}
      ins,del,.mov,.stat{-webkit-print-color-adjust:exact;print-color-adjust:exact}
      @page{size:A4;margin:14mm}
    }
    """
}
