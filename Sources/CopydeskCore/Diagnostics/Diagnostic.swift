/// One replacement of a range of the document's text. An empty range inserts.
public struct TextEdit: Hashable, Sendable {
  public var range: TextRange
  public var newText: String

  public init(range: TextRange, newText: String) {
    self.range = range
    self.newText = newText
  }
}

/// A set of edits that together resolve a diagnostic.
public struct Fix: Hashable, Sendable {
  /// Shown as the code action title, e.g. "Replace “in order to” with “to”".
  public var title: String
  /// Non-overlapping edits, in any order.
  public var edits: [TextEdit]

  public init(title: String, edits: [TextEdit]) {
    self.title = title
    self.edits = edits
  }
}

/// Another place that explains a diagnostic, e.g. the first occurrence of a repeated phrase.
public struct RelatedLocation: Hashable, Sendable {
  /// The draft's path when the location is in another file; nil for the same document.
  public var path: String?
  public var range: TextRange
  public var message: String

  public init(path: String? = nil, range: TextRange, message: String) {
    self.path = path
    self.range = range
    self.message = message
  }
}

/// A finding: a rule, where, how serious, what to do, and optionally how to fix it.
public struct Diagnostic: Hashable, Sendable {
  public var ruleID: RuleID
  public var severity: Severity
  public var range: TextRange
  /// Sentence case, quotes the offending text with “ ”, says what to do, no trailing period.
  public var message: String
  public var fix: Fix?
  public var related: [RelatedLocation]

  public init(
    ruleID: RuleID, severity: Severity, range: TextRange, message: String, fix: Fix? = nil,
    related: [RelatedLocation] = []
  ) {
    self.ruleID = ruleID
    self.severity = severity
    self.range = range
    self.message = message
    self.fix = fix
    self.related = related
  }

  /// Deterministic order: by position, then rule id, then message.
  public static func sortedOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
    if lhs.range.start != rhs.range.start { return lhs.range.start < rhs.range.start }
    if lhs.range.end != rhs.range.end { return lhs.range.end < rhs.range.end }
    if lhs.ruleID != rhs.ruleID { return lhs.ruleID.rawValue < rhs.ruleID.rawValue }
    return lhs.message < rhs.message
  }
}
