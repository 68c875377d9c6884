/// The plan written in SPEC §2's key order, with `null` for every missing value.
extension Plan {
  public func json(pretty: Bool = false) -> [UInt8] {
    jsonBytes(pretty: pretty).withUnsafeBytes { [UInt8]($0) }
  }

  /// `json(pretty:)`'s bytes in the writer's own buffer, not copied into an array.
  public func jsonBytes(pretty: Bool = false) -> JSONBytes {
    var w = JSONWriter(pretty: pretty, reserving: 64 * 1024)
    write(to: &w)
    return w.finish()
  }

  public func write(to w: inout JSONWriter) {
    w.object { w in
      w.key("schema_version"); w.value(schemaVersion)
      w.key("source"); source.write(to: &w)
      writeParts(to: &w)
      w.key("attachments"); w.array(attachments) { w, a in a.write(to: &w) }
      w.key("diagnostics"); w.array(diagnostics) { w, d in d.write(to: &w) }
    }
  }

  /// The keys a document and an attached document share, in SPEC order.
  func writeParts(to w: inout JSONWriter) {
      w.key("header"); header.write(to: &w)
      w.key("legal_bases"); w.array(legalBases) { w, b in b.write(to: &w) }
      w.key("references"); w.array(references) { w, r in r.write(to: &w) }
      w.key("preamble"); w.array(preamble) { w, b in b.write(to: &w) }
      w.key("sections"); w.array(sections) { w, s in s.write(to: &w) }
      w.key("targets"); w.array(targets) { w, t in t.write(to: &w) }
      w.key("tasks"); w.array(tasks) { w, t in t.write(to: &w) }
      w.key("responsibilities"); w.array(responsibilities) { w, r in r.write(to: &w) }
      w.key("closing")
      if let closing {
        w.object { w in
          w.key("text"); w.value(closing.text)
          w.key("line"); w.value(closing.line)
          w.place(closing.page, closing.bbox)
        }
      } else {
        w.null()
      }
      w.key("signature")
      if let signature { signature.write(to: &w) } else { w.null() }
      w.key("recipients"); w.array(recipients) { w, r in r.write(to: &w) }
      w.key("archive"); w.array(archive) { w, a in w.value(a) }
      w.key("annexes"); w.array(annexes) { w, a in a.write(to: &w) }
  }
}

extension AttachedDocument {
  func write(to w: inout JSONWriter) {
    w.object { w in
      w.key("attached_to"); w.value(attachedTo)
      w.key("line"); w.value(line)
      w.place(page, bbox)
      var parts = Plan(source: Source(name: "", sha256: "", bytes: 0, encoding: "", lineCount: 0))
      parts.header = header
      parts.legalBases = legalBases
      parts.references = references
      parts.preamble = preamble
      parts.sections = sections
      parts.targets = targets
      parts.tasks = tasks
      parts.responsibilities = responsibilities
      parts.closing = closing
      parts.signature = signature
      parts.recipients = recipients
      parts.archive = archive
      parts.annexes = annexes
      parts.writeParts(to: &w)
    }
  }
}

extension Source {
  func write(to w: inout JSONWriter) {
    w.object { w in
      w.key("name"); w.value(name)
      w.key("sha256"); w.value(sha256)
      w.key("bytes"); w.value(bytes)
      w.key("encoding"); w.value(encoding)
      w.key("line_count"); w.value(lineCount)
      w.key("format"); w.value(format)
      w.key("pages"); w.value(pages)
      w.key("ocr_pages"); w.array(ocrPages) { w, p in w.value(p) }
    }
  }
}

extension Header {
  func write(to w: inout JSONWriter) {
    w.object { w in
      w.key("issuer"); w.value(issuer)
      w.key("issuer_parent"); w.value(issuerParent)
      w.key("number"); w.value(number)
      w.key("symbol"); w.value(symbol)
      w.key("place"); w.value(place)
      w.key("date")
      if let date {
        w.object { w in
          w.key("day"); w.value(date.day)
          w.key("month"); w.value(date.month)
          w.key("year"); w.value(date.year)
          w.key("text"); w.value(date.text)
        }
      } else {
        w.null()
      }
      w.key("doc_type"); w.value(docType)
      w.key("title"); w.value(title)
      w.key("line"); w.value(line)
      w.place(page, bbox)
    }
  }
}

extension LegalBasis {
  func write(to w: inout JSONWriter) {
    w.object { w in
      w.key("text"); w.value(text)
      w.key("line"); w.value(line)
      w.place(page, bbox)
      w.key("references"); w.array(references) { w, r in r.write(to: &w) }
    }
  }
}

extension Reference {
  func write(to w: inout JSONWriter) {
    w.object { w in
      w.key("kind"); w.value(kind)
      w.key("number"); w.value(number)
      w.key("date"); w.value(date)
      w.key("issuer"); w.value(issuer)
      w.key("alias"); w.value(alias)
      w.key("line"); w.value(line)
      w.place(page, bbox)
    }
  }
}

extension Section {
  func write(to w: inout JSONWriter) {
    w.object { w in
      w.key("label"); w.value(label)
      w.key("title"); w.value(title)
      w.key("path"); w.value(path)
      w.key("blocks"); w.array(blocks) { w, b in b.write(to: &w) }
      w.key("tables"); w.array(tables) { w, t in t.write(to: &w) }
      w.key("children"); w.array(children) { w, c in c.write(to: &w) }
      w.key("line"); w.value(line)
      w.place(page, bbox)
    }
  }
}

extension Block {
  func write(to w: inout JSONWriter) {
    w.object { w in
      w.key("type"); w.value(type.rawValue)
      w.key("marker"); w.value(marker)
      w.key("text"); w.value(text)
      w.key("line"); w.value(line)
      w.place(page, bbox)
    }
  }
}

extension Target {
  /// Public so that diff and compare write targets exactly as the plan JSON does.
  public func write(to w: inout JSONWriter) {
    w.object { w in
      w.key("group"); w.value(group)
      w.key("number"); w.value(number)
      w.key("indicator"); w.value(indicator)
      w.key("unit"); w.value(unit)
      w.key("values"); w.array(values) { w, v in v.write(to: &w) }
      w.key("lead"); w.array(lead) { w, s in w.value(s) }
      w.key("coordinators"); w.array(coordinators) { w, s in w.value(s) }
      w.key("note"); w.value(note)
      w.key("origin"); w.value(origin.rawValue)
      w.key("line"); w.value(line)
      w.place(page, bbox)
    }
  }
}

extension TargetValue {
  public func write(to w: inout JSONWriter) {
    w.object { w in
      w.key("year"); w.value(year)
      w.key("op"); w.value(op.rawValue)
      w.key("value"); w.value(value)
      w.key("text"); w.value(text)
    }
  }
}

extension Task {
  /// Public so that diff and compare write tasks exactly as the plan JSON does.
  public func write(to w: inout JSONWriter) {
    w.object { w in
      w.key("group"); w.value(group)
      w.key("number"); w.value(number)
      w.key("name"); w.value(name)
      w.key("lead"); w.array(lead) { w, s in w.value(s) }
      w.key("coordinators"); w.array(coordinators) { w, s in w.value(s) }
      w.key("result"); w.value(result)
      w.key("deadline")
      if let deadline {
        w.object { w in
          w.key("text"); w.value(deadline.text)
          w.key("kind"); w.value(deadline.kind.rawValue)
          w.key("start"); w.value(deadline.start)
          w.key("end"); w.value(deadline.end)
          w.key("recurrence"); w.value(deadline.recurrence?.rawValue)
        }
      } else {
        w.null()
      }
      w.key("note"); w.value(note)
      w.key("details")
      if let details {
        w.object { w in
          for k in details.keys.sorted() {
            w.key(dynamic: k)
            w.value(details[k]!)
          }
        }
      } else {
        w.null()
      }
      w.key("origin"); w.value(origin.rawValue)
      w.key("line"); w.value(line)
      w.place(page, bbox)
    }
  }
}

extension Responsibility {
  func write(to w: inout JSONWriter) {
    w.object { w in
      w.key("agency"); w.value(agency)
      w.key("duties"); w.array(duties) { w, s in w.value(s) }
      w.key("line"); w.value(line)
      w.place(page, bbox)
    }
  }
}

extension Signature {
  func write(to w: inout JSONWriter) {
    w.object { w in
      w.key("authority"); w.value(authority)
      w.key("on_behalf_of"); w.value(onBehalfOf)
      w.key("title"); w.value(title)
      w.key("signer"); w.value(signer)
      w.key("line"); w.value(line)
      w.place(page, bbox)
    }
  }
}

extension Recipient {
  func write(to w: inout JSONWriter) {
    w.object { w in
      w.key("name"); w.value(name)
      w.key("note"); w.value(note)
      w.key("line"); w.value(line)
      w.place(page, bbox)
    }
  }
}

extension Annex {
  func write(to w: inout JSONWriter) {
    w.object { w in
      w.key("label"); w.value(label)
      w.key("title"); w.value(title)
      w.key("attached_to"); w.value(attachedTo)
      w.key("line"); w.value(line)
      w.place(page, bbox)
      w.key("tables"); w.array(tables) { w, t in t.write(to: &w) }
    }
  }
}

extension Table {
  func write(to w: inout JSONWriter) {
    w.object { w in
      w.key("caption"); w.value(caption)
      w.key("header"); w.array(header) { w, s in w.value(s) }
      w.key("columns"); w.array(columns) { w, s in w.value(s) }
      w.key("rows")
      w.array(rows) { w, r in
        w.object { w in
          w.key("cells"); w.array(r.cells) { w, s in w.value(s) }
          w.key("group"); w.value(r.group)
          w.key("line"); w.value(r.line)
          w.place(r.page, r.bbox)
        }
      }
      w.key("line"); w.value(line)
      w.place(page, bbox)
    }
  }
}

extension Diagnostic {
  func write(to w: inout JSONWriter) {
    w.object { w in
      w.key("severity"); w.value(severity.rawValue)
      w.key("code"); w.value(code)
      w.key("message"); w.value(message)
      w.key("line"); w.value(line)
      w.place(page, bbox)
    }
  }
}
