import CopydeskCore
import CopydeskWorkspace
import Testing

/// The baseline file format and matching, on reports built directly.
@Suite struct BaselineTests {
  /// A report of every “the the” / “a a” style pair in `source` (adjacent identical words, naive split).
  static func report(_ path: String, _ source: String, rule: RuleID = "repetition/word") -> FileReport {
    let text = SourceText(source)
    let bytes = Array(source.utf8)
    var diagnostics: [ReportedDiagnostic] = []
    var wordStarts: [(start: Int, end: Int)] = []
    var index = 0
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: ".") {
        index += 1
        continue
      }
      let start = index
      while index < bytes.count, ![UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: ".")].contains(bytes[index]) { index += 1 }
      wordStarts.append((start, index))
    }
    for (previous, current) in zip(wordStarts, wordStarts.dropFirst())
    where bytes[previous.start..<previous.end] == bytes[current.start..<current.end] && current.start == previous.end + 1 {
      let diagnostic = Diagnostic(
        ruleID: rule, severity: .error, range: TextRange(start: previous.start, end: current.end), message: "repeated")
      diagnostics.append(ReportedDiagnostic(diagnostic, in: text))
    }
    return FileReport(path: path, diagnostics: diagnostics)
  }

  @Test func recordsPositionFreeEntriesWithCounts() {
    let report = Self.report("a.md", "It was the the plan.\nIt was the the plan.\nWe saw saw it.\n")
    let baseline = Baseline(recording: [("drafts/a.md", report.diagnostics)])
    #expect(baseline.findingCount == 3)
    #expect(baseline.serialized() == """
      {
        "version": 1,
        "findings": [
          {
            "path": "drafts/a.md",
            "rule": "repetition/word",
            "text": "saw saw",
            "context": "we saw saw it.",
            "count": 1
          },
          {
            "path": "drafts/a.md",
            "rule": "repetition/word",
            "text": "the the",
            "context": "it was the the plan.",
            "count": 2
          }
        ]
      }

      """)
  }

  @Test func serializationRoundTrips() throws {
    let report = Self.report("a.md", "one one.\n“Two” — ✓ zoë’s zoë’s line\twith a tab.\n")
    let baseline = Baseline(recording: [("x/a.md", report.diagnostics), ("y.txt", Self.report("y.txt", "go go\n").diagnostics)])
    let parsed = try Baseline.parse(Array(baseline.serialized().utf8), path: "b.json")
    #expect(parsed == baseline)
    #expect(parsed.paths == ["x/a.md", "y.txt"])
    #expect(parsed.findingCount == 3)
    #expect(parsed.counts.keys.contains { $0.context == "“two” — ✓ zoë’s zoë’s line with a tab." })
  }

  @Test func parseErrorsNameFileLineAndColumn() {
    func error(_ text: String) -> String? {
      do {
        _ = try Baseline.parse(Array(text.utf8), path: "base.json")
        return nil
      } catch {
        return error.description
      }
    }
    #expect(error(#"{"version": 2, "findings": []}"#)
      == "base.json:1:13: baseline version 2 is not supported (this copydesk reads version 1); rewrite it with --write-baseline")
    #expect(error("{\"version\": 1,\n \"findngs\": []}") == "base.json:2:2: unknown key \"findngs\" in a baseline")
    #expect(error(#"{"version": 1, "findings": [{"path": "a.md", "rule": "x/y", "text": "t"}]}"#)
      == "base.json:1:30: a baseline finding needs a \"context\" string")
    #expect(error(#"{"version": 1, "findings": [{"path": "a", "rule": "x/y", "text": "t", "context": "c", "count": 0}]}"#)
      == "base.json:1:96: a baseline finding's \"count\" must be a whole number of at least 1")
    #expect(error("[1]") == "base.json:1:1: a baseline must be a JSON object")
    #expect(error("{") != nil)
    // JSON5 comments are accepted, so a team can annotate its baseline.
    #expect(error("// accepted in March\n{\"version\": 1, \"findings\": []}") == nil)
  }

  @Test func hidesRecordedFindingsWhereverTheyMove() {
    let before = Self.report("a.md", "First para has the the slip.\n\nSecond para has a a slip.\n")
    let baseline = Baseline(recording: [("a.md", before.diagnostics)])
    let after = Self.report("a.md", "New intro.\n\nSecond para has a a slip.\n\nMore text.\n\nFirst para has the the slip.\n")
    let (reports, outcome) = baseline.apply(to: [after], keyPaths: ["a.md"])
    #expect(reports[0].diagnostics.isEmpty)
    #expect(outcome == BaselineOutcome(hiddenCount: 2, stale: []))
  }

  @Test func countsLimitHowManyIdenticalFindingsAreHidden() {
    let baseline = Baseline(recording: [("a.md", Self.report("a.md", "Say the the word.\nSay the the word.\n").diagnostics)])
    let after = Self.report("a.md", "Say the the word.\nSay the the word.\nSay the the word.\n")
    let (reports, outcome) = baseline.apply(to: [after], keyPaths: ["a.md"])
    #expect(reports[0].diagnostics.map(\.start.line) == [3])
    #expect(outcome.hiddenCount == 2)
  }

  @Test func editedContextFallsBackToRuleAndTextButNewFindingsShow() {
    let baseline = Baseline(recording: [("a.md", Self.report("a.md", "It was the the plan.\n").diagnostics)])
    // The old finding's sentence was reworded, and a new “the the” appeared elsewhere: one is hidden, one shows.
    let after = Self.report("a.md", "Truly, it was the the plan all along.\n\nThen the the end came.\n")
    let (reports, outcome) = baseline.apply(to: [after], keyPaths: ["a.md"])
    #expect(reports[0].diagnostics.map(\.start.line) == [3])
    #expect(outcome.hiddenCount == 1 && outcome.stale.isEmpty)
  }

  @Test func staleEntriesAreThoseOfCheckedFilesAndRules() {
    let recorded = [
      ("a.md", Self.report("a.md", "It was the the plan.\nWe saw saw it.\n").diagnostics),
      ("b.md", Self.report("b.md", "Go go now.\n").diagnostics),
      ("c.md", Self.report("c.md", "Run run.\n", rule: "house/other").diagnostics),
    ]
    let baseline = Baseline(recording: recorded)
    // “saw saw” was fixed in a.md; b.md is not part of this run (another shard); c.md's rule did not run.
    let (_, outcome) = baseline.apply(
      to: [Self.report("a.md", "It was the the plan.\nWe saw it.\n"), Self.report("c.md", "Run.\n", rule: "house/other")],
      keyPaths: ["a.md", "c.md"], checkedRules: { _ in ["repetition/word"] })
    #expect(outcome.stale == [
      StaleBaselineEntry(key: FindingKey(path: "a.md", ruleID: "repetition/word", text: "saw saw", context: "we saw saw it."), missing: 1)
    ])
    #expect(LintCommand.baselineSummary(outcome, file: "base.json") == """
      Baseline: 1 finding hidden; 1 entry no longer matches (fixed or changed): rerun with --write-baseline base.json to drop it
        stale: a.md: repetition/word “saw saw”

      """)
  }

  @Test func otherFilesAndRulesAreKeptApart() {
    let baseline = Baseline(recording: [("a.md", Self.report("a.md", "It was the the plan.\n").diagnostics)])
    let sameTextOtherFile = Self.report("b.md", "It was the the plan.\n")
    let sameTextOtherRule = Self.report("a.md", "It was the the plan.\n", rule: "house/doubles")
    let (reports, outcome) = baseline.apply(to: [sameTextOtherFile, sameTextOtherRule], keyPaths: ["b.md", "a.md"])
    #expect(reports.map(\.diagnostics.count) == [1, 1])
    #expect(outcome.hiddenCount == 0)
    #expect(outcome.staleCount == 1)
  }
}
