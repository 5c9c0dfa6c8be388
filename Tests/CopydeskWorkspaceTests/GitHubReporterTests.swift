import CopydeskCore
import CopydeskWorkspace
import Testing

/// Golden tests of `--format github`: the exact workflow commands, including GitHub's escaping.
@Suite struct GitHubReporterTests {
  /// A finding over the first occurrence of `flagged` in `text`.
  static func finding(
    _ rule: RuleID, _ severity: Severity, _ message: String, flagged: String, in text: SourceText
  ) -> ReportedDiagnostic {
    let start = utf8Offset(of: flagged, in: text.string)
    return ReportedDiagnostic(
      Diagnostic(ruleID: rule, severity: severity, range: TextRange(start: start, end: start + flagged.utf8.count), message: message),
      in: text)
  }

  @Test func goldenOutputEscapesMessagesAndProperties() {
    let text = SourceText("Growth: 50 % in Q1, up from 12 %.\nIt was the\nthe plan. 😀 Zoë said so.\n")
    let report = FileReport(
      path: "drafts/q1, 2024: results.md",
      diagnostics: [
        Self.finding(
          "house/percent", .error, "Write “50 %” as “50%”, without a space: house style, rule 4.2\nSee the guide",
          flagged: "50 %", in: text),
        Self.finding("repetition/word", .warning, "“the” is repeated; delete the second one", flagged: "the\nthe", in: text),
        Self.finding("house/emoji", .info, "Cut the emoji “😀” from body text", flagged: "😀", in: text),
        Self.finding("house/names", .hint, "Check the spelling of “Zoë”\r", flagged: "Zoë", in: text),
      ])
    let skipped = FileReport(path: "cover.png.md", diagnostics: [], notice: "skipped: binary file", isError: false)
    let unreadable = FileReport(path: "locked.md", diagnostics: [], notice: "cannot read locked.md: permission denied", isError: true)
    let output = GitHubReporter.render([report, skipped, unreadable])
    let expected = """
      ::error file=drafts/q1%2C 2024%3A results.md,line=1,col=9,endLine=1,endColumn=13,title=house/percent::\
      Write “50 %25” as “50%25”, without a space: house style, rule 4.2%0ASee the guide
      ::warning file=drafts/q1%2C 2024%3A results.md,line=2,endLine=3,title=repetition/word::\
      “the” is repeated; delete the second one
      ::notice file=drafts/q1%2C 2024%3A results.md,line=3,col=11,endLine=3,endColumn=12,title=house/emoji::\
      Cut the emoji “😀” from body text
      ::notice file=drafts/q1%2C 2024%3A results.md,line=3,col=13,endLine=3,endColumn=16,title=house/names::\
      Check the spelling of “Zoë”%0D
      ::notice file=cover.png.md::skipped: binary file
      ::error file=locked.md::cannot read locked.md: permission denied
      ✖ 4 problems in 3 files (1 error, 1 warning, 1 info, 1 hint)

      """
    #expect(output == expected)
  }

  @Test func escapingFollowsTheActionsToolkit() {
    #expect(GitHubReporter.escapeData("100% done:\r\nyes, really") == "100%25 done:%0D%0Ayes, really")
    #expect(GitHubReporter.escapeProperty("100% done:\r\nyes, really") == "100%25 done%3A%0D%0Ayes%2C really")
    // `%` is escaped first, so an existing escape sequence is not mistaken for one.
    #expect(GitHubReporter.escapeProperty("a%3Ab") == "a%253Ab")
  }

  @Test func severitiesMapToCommands() {
    #expect(Severity.allCases.map(GitHubReporter.commandName) == ["error", "warning", "notice", "notice"])
  }

  @Test func cleanRunPrintsOnlyTheSummary() {
    #expect(GitHubReporter.render([FileReport(path: "a.md", diagnostics: [])]) == "✓ 1 file checked, no problems\n")
  }
}

/// The UTF-8 offset of the first occurrence of `needle` in `haystack` (traps when absent).
func utf8Offset(of needle: String, in haystack: String, after minimum: Int = 0) -> Int {
  let bytes = Array(haystack.utf8)
  let pattern = Array(needle.utf8)
  for start in minimum...(bytes.count - pattern.count) where Array(bytes[start..<start + pattern.count]) == pattern {
    return start
  }
  fatalError("“\(needle)” not found")
}
