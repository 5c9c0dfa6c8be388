import CopydeskWorkspace
import Foundation
import Synchronization
import Testing

/// `Tests/Fixtures/articles/desk-ties.txt`, a draft in the shape of the plain-text seed article with its
/// kinds of problems: no summary (only the teaser), anonymous analysts and observers, unnamed officials
/// and remarks attributed to no one, a phrase repeated with one word varied, and attributed sentences
/// that must stay clean.
@Suite("desk-ties fixture")
struct DeskTiesFixtureTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/articles")
  static let draft = folder.appendingPathComponent("desk-ties.txt")
  static let golden = folder.appendingPathComponent("desk-ties.expected.json")

  /// Captures what a command writes.
  final class Capture: Sendable {
    let out = Mutex("")
    let error = Mutex("")

    var console: Console {
      Console(
        writeOut: { text in self.out.withLock { $0 += text } },
        writeError: { text in self.error.withLock { $0 += text } },
        currentDirectory: DeskTiesFixtureTests.folder.path)
    }
  }

  /// Runs `copydesk ARGS` in-process from the fixtures folder.
  static func run(_ arguments: [String]) -> (status: CopydeskWorkspace.ExitStatus, out: String, error: String) {
    let capture = Capture()
    let status = CommandLineTool.run(arguments, console: capture.console)
    return (status, capture.out.withLock { $0 }, capture.error.withLock { $0 })
  }

  /// One diagnostic of the JSON report.
  struct Finding: Decodable, Equatable {
    var rule: String
    var severity: String
    var message: String
    var line: Int
    var column: Int
    var endLine: Int
    var endColumn: Int
  }

  struct Report: Decodable {
    struct File: Decodable {
      var path: String
      var diagnostics: [Finding]
    }
    var version: Int
    var files: [File]
  }

  static func lintJSON() throws -> (status: CopydeskWorkspace.ExitStatus, text: String, diagnostics: [Finding]) {
    let result = run(["lint", "desk-ties.txt", "--format", "json"])
    #expect(result.error == "")
    let report = try JSONDecoder().decode(Report.self, from: Data(result.out.utf8))
    #expect(report.version == 1)
    #expect(report.files.map(\.path) == ["desk-ties.txt"])
    return (result.status, result.out, report.files.first?.diagnostics ?? [])
  }

  /// The 1-based line and scalar column range of the first occurrence of `needle` in the draft.
  static func location(of needle: String) throws -> (line: Int, column: Int, endColumn: Int) {
    let text = try String(contentsOf: draft, encoding: .utf8)
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      guard let found = line.range(of: needle) else { continue }
      let column = line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: found.lowerBound) + 1
      return (index + 1, column, column + needle.unicodeScalars.count)
    }
    Issue.record("“\(needle)” is not in the fixture")
    return (0, 0, 0)
  }

  /// Findings of `rule` (any rule when nil) whose range lies inside the first occurrence of `needle`.
  static func findings(_ rule: String?, inside needle: String, of diagnostics: [Finding]) throws -> [Finding] {
    let place = try location(of: needle)
    return diagnostics.filter { finding in
      (rule == nil || finding.rule == rule) && finding.line == place.line && finding.endLine == place.line
        && finding.column >= place.column && finding.endColumn <= place.endColumn
    }
  }

  @Test func fullJSONOutputMatchesTheGolden() throws {
    let (status, output, _) = try Self.lintJSON()
    #expect(status == CopydeskWorkspace.ExitStatus.findings, "summary/missing is an error, so the exit status is 1")
    if ProcessInfo.processInfo.environment["COPYDESK_UPDATE_GOLDENS"] == "1" {
      try output.write(to: Self.golden, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: Self.golden, encoding: .utf8)
    #expect(output == expected, "lint output differs from desk-ties.expected.json; if the change is intended, rerun with COPYDESK_UPDATE_GOLDENS=1")
  }

  @Test func theTeaserIsNoSummary() throws {
    let (_, _, diagnostics) = try Self.lintJSON()
    let missing = try Self.findings("summary/missing", inside: "Kenya–Ethiopia ties hold despite the Omo basin dispute", of: diagnostics)
    #expect(missing.count == 1)
    #expect(missing.first?.column == 1)
    #expect(missing.first?.endColumn == 55)
    #expect(missing.first?.severity == "error")
  }

  @Test func anonymousAnalystsAndObserversAreWeasels() throws {
    let (_, _, diagnostics) = try Self.lintJSON()
    let observers = try Self.findings("claims/weasel", inside: "observers note", of: diagnostics)
    #expect(observers.map(\.message) == ["“observers note” does not say which observers; name them or cite the source"])
    let analysts = try Self.findings("claims/weasel", inside: "Analysts point to", of: diagnostics)
    #expect(analysts.map(\.message) == ["“Analysts point to” does not say which analysts; name them or cite the source"])
    #expect(diagnostics.filter { $0.rule == "claims/weasel" }.count == 2)
  }

  @Test func unnamedOfficialsAndAttributedRemarksAreVagueSources() throws {
    let (_, _, diagnostics) = try Self.lintJSON()
    #expect(try Self.findings("claims/vague-source", inside: "Ethiopian officials earlier asserted", of: diagnostics).count == 1)
    #expect(try Self.findings("claims/vague-source", inside: "Ethiopian officials have asserted", of: diagnostics).count == 1)
    #expect(try Self.findings("claims/vague-source", inside: "remarks attributed to", of: diagnostics).count == 1)
    #expect(diagnostics.filter { $0.rule == "claims/vague-source" }.count == 3)
  }

  @Test func theVariedPhraseIsANearRepeat() throws {
    let (_, _, diagnostics) = try Self.lintJSON()
    let repeated = try Self.findings(
      "repetition/near-phrase", inside: "position on the Omo basin and the upstream irrigation zones", of: diagnostics)
    #expect(repeated.count == 1)
    #expect(diagnostics.filter { $0.rule.hasPrefix("repetition/") }.count == 1)
  }

  @Test func attributedSentencesProduceNothing() throws {
    let (_, _, diagnostics) = try Self.lintJSON()
    let attributed = [
      "In a radio interview, Kamau stressed that Addis Ababa understands Kenya’s concerns",
      "Kamau reiterated that Nairobi respects Ethiopia’s right to develop its own resources",
      "According to the African Development Bank, trade between the two countries rose 14 percent last year, helped by the new highway from Moyale.",
      "Analysts at the International Crisis Group said the commission had settled two smaller border disputes since it first met.",
      "The foreign ministry in Addis Ababa published a statement on the ceasefire proposal, which Kamau welcomed",
      "Addis Ababa has said for years that the dams on the Omo river are a domestic matter",
    ]
    for sentence in attributed {
      let found = try Self.findings(nil, inside: sentence, of: diagnostics)
      #expect(found.isEmpty, "findings on an attributed sentence: \(found.map(\.rule))")
    }
  }
}
