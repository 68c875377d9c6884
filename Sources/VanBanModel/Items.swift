/// A target (chỉ tiêu) with its values per year.
public struct Target: Codable, Hashable, Sendable {
  public var group: String?
  public var number: String?
  public var indicator: String
  public var unit: String?
  public var values: [TargetValue]
  public var lead: [String]
  public var coordinators: [String]
  public var note: String?
  public var origin: Origin
  public var line: Int
  /// The page (1-based) and box (x0, y0, x1, y1 in PDF points or image pixels) of `line`, for
  /// inputs that have pages (PDF, scans, DOCX); nil for text.
  public var page: Int? = nil
  public var bbox: [Double]? = nil

  public init(
    group: String?, number: String?, indicator: String, unit: String?, values: [TargetValue],
    lead: [String], coordinators: [String], note: String?, origin: Origin, line: Int
  ) {
    self.group = group
    self.number = number
    self.indicator = indicator
    self.unit = unit
    self.values = values
    self.lead = lead
    self.coordinators = coordinators
    self.note = note
    self.origin = origin
    self.line = line
  }
}

/// Where an item was found: an annex table or the body's prose.
public enum Origin: String, Codable, Hashable, Sendable {
  case annex, body
}

/// One value of a target: comparison, number and year, with the text as written.
public struct TargetValue: Codable, Hashable, Sendable {
  public enum Op: String, Codable, Hashable, Sendable {
    case eq = "=", ge = ">=", gt = ">", le = "<=", lt = "<", top
  }
  public var year: Int?
  public var op: Op
  public var value: Double?
  public var text: String

  public init(year: Int?, op: Op, value: Double?, text: String) {
    self.year = year
    self.op = op
    self.value = value
    self.text = text
  }
}

/// A task (nhiệm vụ) with who leads it and by when.
public struct Task: Codable, Hashable, Sendable {
  public var group: String?
  public var number: String?
  public var name: String
  public var lead: [String]
  public var coordinators: [String]
  public var result: String?
  public var deadline: Deadline?
  public var note: String?
  public var details: [String: String]?
  public var origin: Origin
  public var line: Int
  /// The page (1-based) and box (x0, y0, x1, y1 in PDF points or image pixels) of `line`, for
  /// inputs that have pages (PDF, scans, DOCX); nil for text.
  public var page: Int? = nil
  public var bbox: [Double]? = nil

  public init(
    group: String?, number: String?, name: String, lead: [String], coordinators: [String],
    result: String?, deadline: Deadline?, note: String?, details: [String: String]? = nil,
    origin: Origin, line: Int
  ) {
    self.group = group
    self.number = number
    self.name = name
    self.lead = lead
    self.coordinators = coordinators
    self.result = result
    self.deadline = deadline
    self.note = note
    self.details = details
    self.origin = origin
    self.line = line
  }
}

/// A deadline (thời hạn) as written, with the interval it denotes.
public struct Deadline: Codable, Hashable, Sendable {
  public enum Kind: String, Codable, Hashable, Sendable {
    case date, month, quarter, year, range, recurring, unknown
  }
  public enum Recurrence: String, Codable, Hashable, Sendable {
    case continuous, monthly, quarterly, yearly
  }
  public var text: String
  public var kind: Kind
  public var start: String?
  public var end: String?
  public var recurrence: Recurrence?

  public init(text: String, kind: Kind, start: String?, end: String?, recurrence: Recurrence?) {
    self.text = text
    self.kind = kind
    self.start = start
    self.end = end
    self.recurrence = recurrence
  }
}

/// An agency's duties under "Tổ chức thực hiện".
public struct Responsibility: Codable, Hashable, Sendable {
  public var agency: String
  public var duties: [String]
  public var line: Int
  /// The page (1-based) and box (x0, y0, x1, y1 in PDF points or image pixels) of `line`, for
  /// inputs that have pages (PDF, scans, DOCX); nil for text.
  public var page: Int? = nil
  public var bbox: [Double]? = nil

  public init(agency: String, duties: [String], line: Int) {
    self.agency = agency
    self.duties = duties
    self.line = line
  }
}
