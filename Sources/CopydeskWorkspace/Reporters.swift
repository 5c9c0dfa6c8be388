public import CopydeskCore

/// Output formats of `copydesk lint`.
public enum OutputFormat: String, Sendable, CaseIterable {
  case text
  case json
  case sarif
  case github
}

/// `path:line:col: severity: message [rule/id]`, grouped by file, with a summary line.
public struct TextReporter: Sendable {
  public var useColor: Bool
  public var quietSummary: Bool

  public init(useColor: Bool, quietSummary: Bool = false) {
    self.useColor = useColor
    self.quietSummary = quietSummary
  }

  private func paint(_ text: String, _ code: String) -> String {
    useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  private func severityLabel(_ severity: Severity) -> String {
    switch severity {
    case .error: paint("error", "31;1")
    case .warning: paint("warning", "33;1")
    case .info: paint("info", "36")
    case .hint: paint("hint", "2")
    }
  }

  /// - Parameter workers: threads that may render files' lines side by side; the text is the same.
  public func render(_ reports: [FileReport], workers: Int = 1) -> String {
    let withFindings = reports.filter { !$0.diagnostics.isEmpty }
    var output = ParallelWork.map(withFindings.count, workers: workers) { fileLines(withFindings[$0]) }.joined(separator: "\n")
    if !quietSummary {
      let summary = ReportSummary(reports)
      if !output.isEmpty { output += "\n" }
      output += summaryLine(summary) + "\n"
    }
    return output
  }

  /// One file's findings, a line each (under the path, with colour).
  private func fileLines(_ report: FileReport) -> String {
    var output = useColor ? paint(report.path, "4") + "\n" : ""
    for diagnostic in report.diagnostics {
      let location = "\(report.path):\(diagnostic.start.line):\(diagnostic.start.column)"
      output += "\(useColor ? paint(location, "1") : location): \(severityLabel(diagnostic.severity)): \(diagnostic.message) [\(useColor ? paint(diagnostic.ruleID.rawValue, "2") : diagnostic.ruleID.rawValue)]\n"
    }
    return output
  }

  public func summaryLine(_ summary: ReportSummary) -> String {
    func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
    if summary.problems == 0 {
      return paint("✓ \(plural(summary.files, "file")) checked, no problems", "32")
    }
    var line = "✖ \(plural(summary.problems, "problem")) in \(plural(summary.files, "file")) (\(plural(summary.errors, "error")), \(plural(summary.warnings, "warning")), \(summary.infos) info, \(plural(summary.hints, "hint")))"
    if summary.fixable > 0 { line += "; \(summary.fixable) fixable with --fix" }
    return paint(line, summary.errors > 0 ? "31;1" : "33;1")
  }
}

/// The versioned JSON schema of SPEC §5 (documented in the README).
public enum JSONReporter {
  public static let schemaVersion = 1

  /// The report as pretty JSON, byte for byte `JSONWriter.pretty(value(reports)) + "\n"`, written
  /// straight into one buffer: a draft with tens of thousands of findings would otherwise build a
  /// value tree as large as the output first.
  public static func render(_ reports: [FileReport], workers: Int = 1) -> String {
    let summary = ReportSummary(reports)
    // Each file's object is rendered apart, side by side when `workers` allows, at the depth it sits in the
    // report, then spliced in: the bytes are those of one pass.
    let files = ParallelWork.map(reports.count, workers: workers) { index in
      var file = PrettyJSONStream(depth: 2)
      renderFile(reports[index], into: &file)
      return file.bytes
    }
    var json = PrettyJSONStream()
    json.beginObject()
    json.key("version")
    json.integer(schemaVersion)
    json.key("files")
    json.beginArray()
    for file in files { json.element(rendered: file) }
    json.endArray()
    json.key("summary")
    json.beginObject()
    for (name, count) in [
      ("files", summary.files), ("errors", summary.errors), ("warnings", summary.warnings), ("infos", summary.infos),
      ("hints", summary.hints), ("fixable", summary.fixable),
    ] {
      json.key(name)
      json.integer(count)
    }
    json.endObject()
    json.endObject()
    json.bytes.append(UInt8(ascii: "\n"))
    return String(decoding: json.bytes, as: UTF8.self)
  }

  /// One file's object: path, diagnostics and, when set, notice and fixes applied.
  private static func renderFile(_ report: FileReport, into file: inout PrettyJSONStream) {
    file.beginObject()
    file.key("path")
    file.string(report.path)
    file.key("diagnostics")
    file.beginArray()
    for diagnostic in report.diagnostics {
      file.element()
      file.beginObject()
      file.key("rule")
      file.string(diagnostic.ruleID.rawValue)
      file.key("severity")
      file.string(diagnostic.severity.rawValue)
      file.key("message")
      file.string(diagnostic.message)
      file.span(diagnostic.start, diagnostic.end)
      file.key("fix")
      if let edits = diagnostic.fixEdits {
        file.beginObject()
        file.key("title")
        file.string(diagnostic.fixTitle ?? "")
        file.key("edits")
        file.beginArray()
        for edit in edits {
          file.element()
          file.spanObject(path: nil, edit.start, edit.end, "newText", edit.newText)
        }
        file.endArray()
        file.endObject()
      } else {
        file.null()
      }
      if !diagnostic.related.isEmpty {
        file.key("related")
        file.beginArray()
        for related in diagnostic.related {
          file.element()
          file.spanObject(path: related.path, related.start, related.end, "message", related.message)
        }
        file.endArray()
      }
      file.endObject()
    }
    file.endArray()
    if let notice = report.notice {
      file.key("notice")
      file.string(notice)
    }
    if let fixed = report.fixesApplied {
      file.key("fixed")
      file.integer(fixed)
    }
    file.endObject()
  }

  public static func value(_ reports: [FileReport]) -> JSONValue {
    let summary = ReportSummary(reports)
    var files: [JSONValue] = []
    for report in reports {
      var diagnostics: [JSONValue] = []
      for diagnostic in report.diagnostics {
        var members: [(String, JSONValue)] = [
          ("rule", .string(diagnostic.ruleID.rawValue)),
          ("severity", .string(diagnostic.severity.rawValue)),
          ("message", .string(diagnostic.message)),
          ("line", .number(Double(diagnostic.start.line))),
          ("column", .number(Double(diagnostic.start.column))),
          ("endLine", .number(Double(diagnostic.end.line))),
          ("endColumn", .number(Double(diagnostic.end.column))),
        ]
        if let edits = diagnostic.fixEdits {
          let editValues: [JSONValue] = edits.map { edit in
            object([
              ("line", .number(Double(edit.start.line))), ("column", .number(Double(edit.start.column))),
              ("endLine", .number(Double(edit.end.line))), ("endColumn", .number(Double(edit.end.column))),
              ("newText", .string(edit.newText)),
            ])
          }
          members.append(("fix", object([("title", .string(diagnostic.fixTitle ?? "")), ("edits", .array(editValues))])))
        } else {
          members.append(("fix", .null))
        }
        if !diagnostic.related.isEmpty {
          members.append(("related", .array(diagnostic.related.map { related in
            var relatedMembers: [(String, JSONValue)] = []
            if let path = related.path { relatedMembers.append(("path", .string(path))) }
            relatedMembers += [
              ("line", .number(Double(related.start.line))), ("column", .number(Double(related.start.column))),
              ("endLine", .number(Double(related.end.line))), ("endColumn", .number(Double(related.end.column))),
              ("message", .string(related.message)),
            ]
            return object(relatedMembers)
          })))
        }
        diagnostics.append(object(members))
      }
      var fileMembers: [(String, JSONValue)] = [("path", .string(report.path)), ("diagnostics", .array(diagnostics))]
      if let notice = report.notice { fileMembers.append(("notice", .string(notice))) }
      if let fixed = report.fixesApplied { fileMembers.append(("fixed", .number(Double(fixed)))) }
      files.append(object(fileMembers))
    }
    return object([
      ("version", .number(Double(schemaVersion))),
      ("files", .array(files)),
      ("summary", object([
        ("files", .number(Double(summary.files))), ("errors", .number(Double(summary.errors))),
        ("warnings", .number(Double(summary.warnings))), ("infos", .number(Double(summary.infos))),
        ("hints", .number(Double(summary.hints))), ("fixable", .number(Double(summary.fixable))),
      ])),
    ])
  }

  static func object(_ members: [(String, JSONValue)]) -> JSONValue {
    .object(JSONObject(members: members.map {
      JSONObject.Member(key: $0.0, value: $0.1, keyLocation: SourceLocation(line: 0, column: 0), valueLocation: SourceLocation(line: 0, column: 0))
    }))
  }
}

/// Writes pretty JSON as `JSONWriter.pretty` lays it out (two-space indent, one member per line,
/// `": "` after keys, empty containers as `[]` / `{}`), appending bytes as values are given.
///
/// Callers pair `beginObject`/`endObject` and `beginArray`/`endArray`, call `key` before each
/// object member and `element` before each array element.
struct PrettyJSONStream {
  var bytes: [UInt8] = []
  private var depth = 0
  /// True until the current container has its first member.
  private var isEmpty = true

  init() {}

  /// A stream for one value nested `depth` containers deep, to be spliced in by `element(rendered:)`.
  init(depth: Int) { self.depth = depth }

  /// The next array element, already rendered by a stream made for this depth.
  mutating func element(rendered: [UInt8]) {
    element()
    bytes.append(contentsOf: rendered)
  }

  mutating func beginObject() { open(UInt8(ascii: "{")) }
  mutating func endObject() { close(UInt8(ascii: "}")) }
  mutating func beginArray() { open(UInt8(ascii: "[")) }
  mutating func endArray() { close(UInt8(ascii: "]")) }

  mutating func key(_ name: String) {
    element()
    JSONWriter.appendEscaped(name, into: &bytes)
    bytes.append(UInt8(ascii: ":"))
    bytes.append(UInt8(ascii: " "))
  }

  /// Starts the next array element (or object member: `key` calls it).
  mutating func element() {
    if !isEmpty { bytes.append(UInt8(ascii: ",")) }
    isEmpty = false
    newline()
  }

  mutating func string(_ value: String) { JSONWriter.appendEscaped(value, into: &bytes) }
  mutating func null() { bytes.append(contentsOf: "null".utf8) }
  /// An integer, as `JSONWriter` writes an integral number.
  mutating func integer(_ value: Int) { bytes.append(contentsOf: JSONWriter.format(Double(value)).utf8) }

  /// `{"path", line…endColumn, key: text}` (path only when given): a fix's edit or a related location.
  mutating func spanObject(path: String?, _ start: ScalarPosition, _ end: ScalarPosition, _ textKey: String, _ text: String) {
    beginObject()
    if let path {
      key("path")
      string(path)
    }
    span(start, end)
    key(textKey)
    string(text)
    endObject()
  }

  /// The `line`, `column`, `endLine`, `endColumn` members of a range.
  mutating func span(_ start: ScalarPosition, _ end: ScalarPosition) {
    key("line")
    integer(start.line)
    key("column")
    integer(start.column)
    key("endLine")
    integer(end.line)
    key("endColumn")
    integer(end.column)
  }

  private mutating func open(_ bracket: UInt8) {
    bytes.append(bracket)
    depth += 1
    isEmpty = true
  }

  private mutating func close(_ bracket: UInt8) {
    depth -= 1
    if !isEmpty { newline() }
    bytes.append(bracket)
    // The enclosing container holds at least this value.
    isEmpty = false
  }

  private mutating func newline() {
    bytes.append(UInt8(ascii: "\n"))
    for _ in 0..<(depth * 2) { bytes.append(UInt8(ascii: " ")) }
  }
}
