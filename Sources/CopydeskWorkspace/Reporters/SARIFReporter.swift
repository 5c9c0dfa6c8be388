public import CopydeskCore

/// SARIF 2.1.0 output for code scanning (GitHub, GitLab, Azure DevOps and SARIF viewers).
///
/// One run with the tool's rules (from the rule catalog, so `help` reads like `copydesk explain`) and one
/// result per finding. Positions are 1-based with columns in Unicode code points (`columnKind`
/// `unicodeCodePoints`); `endColumn` is the column after the region, as SARIF defines it. Artifact URIs are
/// relative to `%SRCROOT%` (the corpus root, or the current folder when paths were given), percent-encoded.
/// `partialFingerprints["copydesk/finding/v1"]` hashes the flagged text, its context and its occurrence
/// number, never its position, so a finding keeps its identity when lines move. Fixes become
/// `fixes[].artifactChanges[].replacements`.
public struct SARIFReporter: Sendable {
  /// The SARIF schema the output declares and validates against.
  public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
  /// The `uriBaseId` of every artifact location.
  public static let sourceRootID = "%SRCROOT%"
  /// The key of the finding fingerprint in `partialFingerprints`.
  public static let fingerprintKey = "copydesk/finding/v1"

  /// Descriptions of the rules, listed in `tool.driver.rules` sorted by id.
  public var rules: [RuleDescription]
  public var toolVersion: String
  /// The absolute folder relative URIs resolve against, written as `originalUriBaseIds`; nil to omit it.
  public var baseDirectory: String?

  public init(rules: [RuleDescription], toolVersion: String, baseDirectory: String? = nil) {
    self.rules = rules
    self.toolVersion = toolVersion
    self.baseDirectory = baseDirectory
  }

  public func render(_ reports: [FileReport]) -> String {
    JSONWriter.pretty(value(reports)) + "\n"
  }

  public func value(_ reports: [FileReport]) -> JSONValue {
    // Rules that results use but the catalog lacks (such as the built-in `input/encoding` finding) get a
    // minimal descriptor, so every `ruleIndex` points somewhere.
    var descriptors: [RuleID: RuleDescription?] = [:]
    for rule in rules { descriptors[rule.id] = .some(rule) }
    for report in reports {
      for diagnostic in report.diagnostics where descriptors[diagnostic.ruleID] == nil {
        descriptors[diagnostic.ruleID] = .some(nil)
      }
    }
    let ruleIDs = descriptors.keys.sorted()
    let ruleIndex = Dictionary(uniqueKeysWithValues: ruleIDs.enumerated().map { ($1, $0) })
    let ruleValues = ruleIDs.map { id in descriptorValue(id: id, description: descriptors[id]!) }

    var results: [JSONValue] = []
    var notifications: [JSONValue] = []
    var executionSuccessful = true
    for report in reports {
      let artifact = artifactLocation(report.path)
      if let notice = report.notice {
        if report.isError { executionSuccessful = false }
        notifications.append(object([
          ("level", .string(report.isError ? "error" : "note")),
          ("message", text(notice)),
          ("locations", .array([object([("physicalLocation", object([("artifactLocation", artifact)]))])])),
        ]))
      }
      var occurrences: [FindingKey: Int] = [:]
      for diagnostic in report.diagnostics {
        let key = FindingKey(path: report.path, diagnostic: diagnostic)
        let occurrence = occurrences[key, default: 0]
        occurrences[key] = occurrence + 1
        var members: [(String, JSONValue)] = [
          ("ruleId", .string(diagnostic.ruleID.rawValue)),
          ("ruleIndex", number(ruleIndex[diagnostic.ruleID]!)),
          ("level", .string(SARIFReporter.level(diagnostic.severity))),
          ("message", text(diagnostic.message)),
          ("locations", .array([object([("physicalLocation", physicalLocation(artifact, diagnostic.start, diagnostic.end))])])),
          ("partialFingerprints", object([(SARIFReporter.fingerprintKey, .string(key.fingerprint(occurrence: occurrence)))])),
        ]
        if !diagnostic.related.isEmpty {
          members.append(("relatedLocations", .array(diagnostic.related.enumerated().map { index, related in
            object([
              ("id", number(index + 1)),
              ("physicalLocation", physicalLocation(related.path.map(artifactLocation) ?? artifact, related.start, related.end)),
              ("message", text(related.message)),
            ])
          })))
        }
        if let edits = diagnostic.fixEdits {
          let replacements: [JSONValue] = edits.map { edit in
            object([("deletedRegion", region(edit.start, edit.end)), ("insertedContent", object([("text", .string(edit.newText))]))])
          }
          members.append(("fixes", .array([object([
            ("description", text(diagnostic.fixTitle ?? "Apply the fix")),
            ("artifactChanges", .array([object([("artifactLocation", artifact), ("replacements", .array(replacements))])])),
          ])])))
        }
        results.append(object(members))
      }
    }

    let driver: [(String, JSONValue)] = [
      ("name", .string("copydesk")),
      ("fullName", .string("Copydesk editorial linter")),
      ("version", .string(toolVersion)),
      ("semanticVersion", .string(toolVersion)),
      ("rules", .array(ruleValues)),
    ]
    var run: [(String, JSONValue)] = [("tool", object([("driver", object(driver))]))]
    var invocation: [(String, JSONValue)] = [("executionSuccessful", .bool(executionSuccessful))]
    if !notifications.isEmpty { invocation.append(("toolExecutionNotifications", .array(notifications))) }
    run.append(("invocations", .array([object(invocation)])))
    if let baseDirectory {
      let directoryURI = SARIFReporter.fileURI(baseDirectory.hasSuffix("/") ? baseDirectory : baseDirectory + "/")
      run.append(("originalUriBaseIds", object([(SARIFReporter.sourceRootID, object([("uri", .string(directoryURI))]))])))
    }
    run.append(("columnKind", .string("unicodeCodePoints")))
    run.append(("results", .array(results)))
    return object([
      ("$schema", .string(SARIFReporter.schemaURI)),
      ("version", .string("2.1.0")),
      ("runs", .array([object(run)])),
    ])
  }

  /// SARIF has no info or hint level: both are `note`.
  public static func level(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .info, .hint: "note"
    }
  }

  private func descriptorValue(id: RuleID, description: RuleDescription?) -> JSONValue {
    guard let description else {
      return object([("id", .string(id.rawValue)), ("shortDescription", text(id.rawValue))])
    }
    return object([
      ("id", .string(id.rawValue)),
      ("name", .string(description.name)),
      ("shortDescription", text(description.summary)),
      ("fullDescription", text(description.explanation)),
      ("defaultConfiguration", object([("level", .string(SARIFReporter.level(description.defaultSeverity)))])),
      ("help", text(RulesCommand.explanation(description))),
      ("properties", object([("tags", .array([.string(id.family)]))])),
    ])
  }

  private func artifactLocation(_ path: String) -> JSONValue {
    if path.hasPrefix("/") { return object([("uri", .string(SARIFReporter.fileURI(path)))]) }
    var relative = Substring(path)
    while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
    return object([
      ("uri", .string(SARIFReporter.percentEncode(String(relative)))), ("uriBaseId", .string(SARIFReporter.sourceRootID)),
    ])
  }

  private func physicalLocation(_ artifact: JSONValue, _ start: ScalarPosition, _ end: ScalarPosition) -> JSONValue {
    object([("artifactLocation", artifact), ("region", region(start, end))])
  }

  private func region(_ start: ScalarPosition, _ end: ScalarPosition) -> JSONValue {
    object([
      ("startLine", number(start.line)), ("startColumn", number(start.column)),
      ("endLine", number(end.line)), ("endColumn", number(end.column)),
    ])
  }

  private func text(_ string: String) -> JSONValue { object([("text", .string(string))]) }
  private func number(_ value: Int) -> JSONValue { .number(Double(value)) }
  private func object(_ members: [(String, JSONValue)]) -> JSONValue { JSONReporter.object(members) }

  /// `file://` URI of an absolute path.
  public static func fileURI(_ absolutePath: String) -> String {
    "file://" + percentEncode(absolutePath)
  }

  /// Percent-encodes a path for a URI: unreserved characters, `/` and the path-safe sub-delimiters stay;
  /// everything else (spaces, `%`, `:`, `#`, `?`, non-ASCII as UTF-8) is encoded. `:` is encoded so a
  /// relative path can never be read as a scheme.
  public static func percentEncode(_ path: String) -> String {
    var result = ""
    for byte in path.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"),
        UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
        UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "@"):
        result.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        result += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return result
  }
}
