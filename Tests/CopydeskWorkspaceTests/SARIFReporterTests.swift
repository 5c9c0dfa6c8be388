import CopydeskCore
import CopydeskRules
import CopydeskWorkspace
import Foundation
import Testing

/// `--format sarif`: the structure code scanning relies on, and validation against the official schema.
@Suite struct SARIFReporterTests {
  static let percentRule = RuleDescription(
    id: "house/percent", name: "Percent Sign", summary: "Write percentages without a space before the sign",
    explanation: "Flags “50 %”. House style writes “50%”.", defaultSeverity: .error, isFixable: true, examples: [])

  /// A draft with a fixable error, a related location, a multi-line finding, an info, a hint, and a finding of
  /// a rule the catalog does not describe.
  static func sampleReports(prefix: String = "") -> [FileReport] {
    let source = prefix + "Growth: 50 % in Q1 😀, then 50 % in Q2.\nIt was the\nthe plan.\n"
    let text = SourceText(source)
    func range(_ flagged: String, after minimum: Int = 0) -> TextRange {
      let start = utf8Offset(of: flagged, in: source, after: minimum)
      return TextRange(start: start, end: start + flagged.utf8.count)
    }
    let first = range("50 %")
    let second = range("50 %", after: first.end)
    let doubled = range("the\nthe")
    let diagnostics = [
      Diagnostic(
        ruleID: "house/percent", severity: .error, range: first, message: "Write “50 %” as “50%”",
        fix: Fix(title: "Remove the space", edits: [TextEdit(range: TextRange(start: first.start + 2, end: first.start + 3), newText: "")])),
      Diagnostic(
        ruleID: "house/percent", severity: .warning, range: second, message: "Write “50 %” as “50%” here too",
        related: [RelatedLocation(range: first, message: "First written here")]),
      Diagnostic(
        ruleID: "repetition/word", severity: .info, range: doubled, message: "“the” is repeated; delete the second one",
        fix: Fix(title: "Delete the repeated “the”", edits: [TextEdit(range: TextRange(start: doubled.start + 3, end: doubled.end), newText: "")])),
      Diagnostic(ruleID: "input/encoding", severity: .hint, range: range("😀"), message: "A hint about “😀”"),
    ]
    return [
      FileReport(path: "drafts/q1 report.md", diagnostics: diagnostics.map { ReportedDiagnostic($0, in: text) }),
      FileReport(path: "./clean.txt", diagnostics: []),
      FileReport(path: "locked.md", diagnostics: [], notice: "cannot read locked.md: permission denied", isError: true),
    ]
  }

  static func render(_ reports: [FileReport], baseDirectory: String? = nil) -> String {
    SARIFReporter(rules: [RepeatedWordRule.description, percentRule], toolVersion: "9.8.7", baseDirectory: baseDirectory)
      .render(reports)
  }

  static func parse(_ output: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
  }

  @Test func logHasTheRequiredShape() throws {
    let log = try Self.parse(Self.render(Self.sampleReports(), baseDirectory: "/work/site"))
    #expect(log["version"] as? String == "2.1.0")
    #expect(log["$schema"] as? String == SARIFReporter.schemaURI)
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    #expect(run["columnKind"] as? String == "unicodeCodePoints")
    let bases = run["originalUriBaseIds"] as? [String: [String: String]]
    #expect(bases?["%SRCROOT%"]?["uri"] == "file:///work/site/")
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    #expect(driver["name"] as? String == "copydesk")
    #expect(driver["version"] as? String == "9.8.7")
    let rules = try #require(driver["rules"] as? [[String: Any]])
    #expect(rules.map { $0["id"] as? String } == ["house/percent", "input/encoding", "repetition/word"])
    let percent = rules[0]
    #expect(percent["name"] as? String == "Percent Sign")
    #expect((percent["shortDescription"] as? [String: String])?["text"] == "Write percentages without a space before the sign")
    #expect((percent["fullDescription"] as? [String: String])?["text"] == "Flags “50 %”. House style writes “50%”.")
    #expect((percent["defaultConfiguration"] as? [String: String])?["level"] == "error")
    #expect((percent["help"] as? [String: String])?["text"] == RulesCommand.explanation(Self.percentRule))
    #expect((rules[2]["defaultConfiguration"] as? [String: String])?["level"] == "warning")
    let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
    #expect(invocation["executionSuccessful"] as? Bool == false)
    let notification = try #require((invocation["toolExecutionNotifications"] as? [[String: Any]])?.first)
    #expect((notification["message"] as? [String: String])?["text"] == "cannot read locked.md: permission denied")
  }

  @Test func resultsCarryRuleLevelRegionFixesAndRelatedLocations() throws {
    let log = try Self.parse(Self.render(Self.sampleReports()))
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    #expect(run["originalUriBaseIds"] == nil)
    let rules = ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]] ?? []
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.count == 4)
    #expect(results.map { $0["ruleId"] as? String } == ["house/percent", "house/percent", "repetition/word", "input/encoding"])
    #expect(results.map { $0["level"] as? String } == ["error", "warning", "note", "note"])
    for result in results {
      let index = try #require(result["ruleIndex"] as? Int)
      #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
    }
    #expect((results[0]["message"] as? [String: String])?["text"] == "Write “50 %” as “50%”")

    func location(_ result: [String: Any]) -> [String: Any]? {
      ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any]
    }
    let first = try #require(location(results[0]))
    #expect(first["artifactLocation"] as? [String: String] == ["uri": "drafts/q1%20report.md", "uriBaseId": "%SRCROOT%"])
    #expect(first["region"] as? [String: Int] == ["startLine": 1, "startColumn": 9, "endLine": 1, "endColumn": 13])
    // After the emoji, columns count code points: “50 %” in Q2 starts at column 28, not 29 (UTF-16).
    #expect(location(results[1])?["region"] as? [String: Int] == ["startLine": 1, "startColumn": 28, "endLine": 1, "endColumn": 32])
    #expect(location(results[2])?["region"] as? [String: Int] == ["startLine": 2, "startColumn": 8, "endLine": 3, "endColumn": 4])

    let fix = try #require((results[0]["fixes"] as? [[String: Any]])?.first)
    #expect((fix["description"] as? [String: String])?["text"] == "Remove the space")
    let change = try #require((fix["artifactChanges"] as? [[String: Any]])?.first)
    #expect((change["artifactLocation"] as? [String: String])?["uri"] == "drafts/q1%20report.md")
    let replacement = try #require((change["replacements"] as? [[String: Any]])?.first)
    #expect(replacement["deletedRegion"] as? [String: Int] == ["startLine": 1, "startColumn": 11, "endLine": 1, "endColumn": 12])
    #expect(replacement["insertedContent"] as? [String: String] == ["text": ""])
    #expect(results[1]["fixes"] == nil)

    let related = try #require((results[1]["relatedLocations"] as? [[String: Any]])?.first)
    #expect(related["id"] as? Int == 1)
    #expect((related["message"] as? [String: String])?["text"] == "First written here")
    #expect((related["physicalLocation"] as? [String: Any])?["region"] as? [String: Int]
      == ["startLine": 1, "startColumn": 9, "endLine": 1, "endColumn": 13])
  }

  @Test func fingerprintsIgnorePositionsAndTellDuplicatesApart() throws {
    func fingerprints(_ output: String) throws -> [String] {
      let run = try #require((try Self.parse(output)["runs"] as? [[String: Any]])?.first)
      let results = try #require(run["results"] as? [[String: Any]])
      return results.map { ($0["partialFingerprints"] as? [String: String])?[SARIFReporter.fingerprintKey] ?? "" }
    }
    let original = try fingerprints(Self.render(Self.sampleReports()))
    let moved = try fingerprints(Self.render(Self.sampleReports(prefix: "A new opening line.\n\nAnd another.\n")))
    #expect(original == moved)
    #expect(original.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
    #expect(Set(original).count == original.count)
    // Two identical findings in identical contexts still get distinct fingerprints.
    let text = SourceText("Say the the word.\nSay the the word.\n")
    let twins = [0, 18].map { start in
      ReportedDiagnostic(Diagnostic(ruleID: "repetition/word", severity: .warning, range: TextRange(start: start + 4, end: start + 11), message: "m"), in: text)
    }
    let duplicates = try fingerprints(Self.render([FileReport(path: "a.md", diagnostics: twins)]))
    #expect(duplicates.count == 2 && duplicates[0] != duplicates[1])
  }

  @Test func pathsBecomeURIs() {
    #expect(SARIFReporter.percentEncode("drafts/Zoë’s notes #1?.md") == "drafts/Zo%C3%AB%E2%80%99s%20notes%20%231%3F.md")
    #expect(SARIFReporter.percentEncode("c:50%.md") == "c%3A50%25.md")
    #expect(SARIFReporter.fileURI("/tmp/my site/a.md") == "file:///tmp/my%20site/a.md")
    let log = Self.render([FileReport(path: "/abs/a.md", diagnostics: [], notice: "skipped: binary file")])
    #expect(log.contains(#""uri": "file:///abs/a.md""#))
    #expect(!log.contains(#""uri": "./clean.txt""#))
  }

  // MARK: Schema validation

  @Test(.enabled(if: SARIFSchemaValidator.isAvailable, "python3 with jsonschema is not installed (pip install jsonschema): SARIF schema validation skipped"))
  func outputValidatesAgainstTheSARIFSchema() throws {
    let outcome = try SARIFSchemaValidator.validate(Self.render(Self.sampleReports(), baseDirectory: "/work/my site"))
    #expect(outcome.status == 0, "\(outcome.output)")
    let empty = try SARIFSchemaValidator.validate(Self.render([]))
    #expect(empty.status == 0, "\(empty.output)")
  }

  @Test(.enabled(if: SARIFSchemaValidator.isAvailable, "python3 with jsonschema is not installed (pip install jsonschema): SARIF schema validation skipped"))
  func validatorRejectsInvalidSARIF() throws {
    // The control: SARIF has no "info" level, so the validator must say so.
    let broken = Self.render(Self.sampleReports()).replacingOccurrences(of: #""level": "note""#, with: #""level": "info""#)
    let outcome = try SARIFSchemaValidator.validate(broken)
    #expect(outcome.status == 1)
    #expect(outcome.output.contains("'info' is not one of"))
  }
}

/// Runs `Tests/Scripts/validate_sarif.py` (Python `jsonschema` against `Tests/Schemas/sarif-schema-2.1.0.json`).
enum SARIFSchemaValidator {
  static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  static let script = testsFolder.appendingPathComponent("Scripts/validate_sarif.py").path

  /// True when `python3` can import `jsonschema`.
  static let isAvailable: Bool = (try? run(["python3", "-c", "import jsonschema"]).status == 0) ?? false

  /// Validates SARIF text; returns the script's exit status (0 valid, 1 invalid) and its output.
  static func validate(_ sarif: String) throws -> (status: Int32, output: String) {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("copydesk-\(UUID().uuidString).sarif")
    try Data(sarif.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    return try run(["python3", script, file.path])
  }

  static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
