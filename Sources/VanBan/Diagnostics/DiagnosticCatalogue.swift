import VanBanModel

/// Every diagnostic the parser raises, alphabetised by code. Tests match on the code; the
/// message quotes the source between '…'.
enum DiagnosticCatalogue {
  static func annexLabelMissing(title: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .info, code: "annex.label_missing",
      message: "annex '\(title)' has no 'Phụ lục' label", line: line)
  }

  static func annexNotFound(label: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "annex.not_found",
      message: "the body refers to annex '\(label)', which the document does not contain", line: line)
  }

  static func annexTextOutsideTable(_ text: String, line: Int) -> Diagnostic {
    // Joined rather than interpolated: made for every loose line of an annex (a portal's page
    // of text, most of them then counted into one summary), interpolation was ~2,000
    // instructions a message.
    Diagnostic(severity: .info, code: "annex.loose_text",
      message: String.joining("text in an annex outside any table: '", String(text.prefix(characters: 80)), "'"), line: line)
  }

  static func deadlineUnparsed(_ text: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "task.deadline_unparsed",
      message: "deadline '\(text)' could not be read as a date, month, quarter, year or recurrence", line: line)
  }

  static func declaredCountMismatch(group: String, declared: Int, found: Int, line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "table.declared_count_mismatch",
      message: "'\(group)' declares \(declared) rows but \(found) were found", line: line)
  }

  static func frontMatterSkipped(lines: Int, line: Int) -> Diagnostic {
    Diagnostic(severity: .info, code: "head.front_matter",
      message: "a front-matter block of \(lines) lines before the document was skipped", line: line)
  }

  static func headNoiseSkipped(_ text: String, count: Int, line: Int) -> Diagnostic {
    let more = count > 1 ? " and \(count - 1) more line(s)" : ""
    return Diagnostic(severity: .info, code: "head.noise_skipped",
      message: "'\(text.prefix(characters: 80))'\(more) around the head belong to no head element and were skipped", line: line)
  }

  static func headerDayBlank(_ text: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "header.day_blank",
      message: "the day of the date is blank in '\(text)'", line: line)
  }

  static func headerIssuerFromAnnex(_ issuer: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .info, code: "header.issuer_from_annex",
      message: "the head has no issuer; '\(issuer)' is taken from an annex page", line: line)
  }

  static func headerMonthBlank(_ text: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "header.month_blank",
      message: "the month of the date is blank in '\(text)'", line: line)
  }

  static func headerNoDate(line: Int) -> Diagnostic {
    Diagnostic(severity: .info, code: "header.no_date",
      message: "no place and date line ('…, ngày … tháng … năm …') in the head", line: line)
  }

  static func headerNoDocType(line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "header.no_doc_type",
      message: "no document type line (such as 'KẾ HOẠCH') in the head", line: line)
  }

  static func headerNoIssuer(line: Int) -> Diagnostic {
    Diagnostic(severity: .info, code: "header.no_issuer",
      message: "no issuing body in the head", line: line)
  }

  static func headerNoNumber(line: Int) -> Diagnostic {
    Diagnostic(severity: .info, code: "header.no_number",
      message: "no 'Số:' line in the head", line: line)
  }

  static func headerNumberBlank(_ text: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "header.number_blank",
      message: "the document number is blank in '\(text)'", line: line)
  }

  static func headerNumberRepaired(_ misread: String, _ repaired: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "header.number_repaired",
      message: "document number '\(misread)' read as '\(repaired)': letters OCR confuses with digits", line: line)
  }

  static func ocrAgencyRepaired(_ misread: String, _ agency: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .info, code: "ocr.agency_repaired",
      message: "agency '\(misread)' read as '\(agency)': specks between its words dropped", line: line)
  }

  static func ocrHeaderRepaired(_ misread: String, _ header: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .info, code: "ocr.header_repaired",
      message: "column header '\(misread)' read as '\(header)' (OCR damage around a known header)", line: line)
  }

  static func ocrLabelRepaired(_ misread: String, _ repaired: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .info, code: "ocr.label_repaired",
      message: "annex label '\(misread)' read as '\(repaired)' (a common OCR confusion)", line: line)
  }

  static func ocrNumberingRepaired(
    _ misread: String, _ repaired: String, reason: String = "it stands between its neighbours' numbers", line: Int
  ) -> Diagnostic {
    Diagnostic(severity: .warning, code: "ocr.numbering_repaired",
      message: "heading number '\(misread)' read as '\(repaired)': \(reason)", line: line)
  }

  static func ocrNumberRepaired(_ misread: String, _ repaired: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "ocr.number_repaired",
      message: "row number '\(misread)' read as '\(repaired)': marks dropped or a digit look-alike read after the row above's number", line: line)
  }

  static func ocrRowNumberLost(_ firstCell: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "ocr.row_number_lost",
      message: "OCR read no number for the row '\(firstCell.prefix(characters: 60))'; it keeps none", line: line)
  }

  static func ocrValueRepaired(_ misread: String, _ repaired: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "ocr.value_repaired",
      message: "value '\(misread)' read as '\(repaired)': letters OCR confuses with digits", line: line)
  }

  static func pageNumberDropped(_ text: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .info, code: "page.number_dropped",
      message: "dropped page number '\(text)'", line: line)
  }

  static func archiveTrailingText(_ text: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .info, code: "recipients.archive_trailing_text",
      message: "'\(text)' follows the end of the archive list and is left out of it", line: line)
  }

  static func recipientsGroupLabel(_ text: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .info, code: "recipients.group_label",
      message: "'\(text)' labels a group of recipients and is not one", line: line)
  }

  static func responsibilityAgencyGuessed(_ agency: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .info, code: "responsibility.agency_unknown",
      message: "agency '\(agency)' is not in the agency lexicon", line: line)
  }

  static func rowWithoutLead(_ item: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "table.row_without_lead",
      message: "no lead agency for '\(item.prefix(characters: 60))'", line: line)
  }

  static func sectionDuplicateNumber(label: String, parent: String?, line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "section.duplicate_number",
      message: "two sections numbered '\(label)'" + (parent.map { " under '\($0)'" } ?? ""), line: line)
  }

  static func sectionOutOfOrder(label: String, previous: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "section.out_of_order",
      message: "section '\(label)' comes after '\(previous)'", line: line)
  }

  static func sectionParentMismatch(label: String, parent: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "section.parent_mismatch",
      message: "section '\(label)' stands under '\(parent)'", line: line)
  }

  static func sectionSkippedNumber(label: String, expected: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "section.skipped_number",
      message: "section '\(label)' follows a gap: '\(expected)' is missing", line: line)
  }

  static func tableColumnsUnknown(header: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "table.columns_unknown",
      message: "table whose columns hold neither targets nor tasks: '\(header.prefix(characters: 100))'", line: line)
  }

  static func tableDuplicateFragment(_ text: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .info, code: "table.duplicate_fragment",
      message: "continuation '\(text)' repeats the end of the cell above and is dropped", line: line)
  }

  static func tableFlattened(columns: Int, line: Int) -> Diagnostic {
    Diagnostic(severity: .info, code: "table.flattened",
      message: "table with one cell per line; cells were assigned to its \(columns) columns by position and content", line: line)
  }

  static func tableNoHeader(line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "table.no_header",
      message: "table without a header row: its columns are unknown", line: line)
  }

  static func tableOutsideSection(line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "table.outside_section",
      message: "table before the first section; kept as an unlabelled annex", line: line)
  }

  static func tableRaggedRow(cells: Int, columns: Int, line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "table.ragged_row",
      message: "row with \(cells) cells in a table of \(columns) columns", line: line)
  }

  static func tableRepeatedHeader(line: Int) -> Diagnostic {
    Diagnostic(severity: .info, code: "table.repeated_header",
      message: "header row repeated after a page break; the table continues", line: line)
  }

  static func tableColumnNumbers(line: Int) -> Diagnostic {
    Diagnostic(severity: .info, code: "table.column_numbers",
      message: "row numbering the columns under the header skipped", line: line)
  }

  static func tableRowNumberSkipped(number: String, expected: Int, line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "table.row_number_skipped",
      message: "row '\(number)' follows a gap: row \(expected) is missing", line: line)
  }

  static func tableRowNumberUnreadable(_ text: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "table.row_number_unreadable",
      message: "row number '\(text)' is not a number; the row is kept without one", line: line)
  }

  static func valueUnparsed(_ text: String, line: Int) -> Diagnostic {
    Diagnostic(severity: .warning, code: "target.value_unparsed",
      message: "value '\(text)' has no number", line: line)
  }
}
