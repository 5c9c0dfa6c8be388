import CopydeskCore
import CopydeskRules
import CopydeskWorkspace
import Foundation
import Testing

/// Inline suppression comments (SPEC §1.2), end to end through `copydesk lint`.
@Suite("Suppression comments")
struct SuppressionTests {
  static let draft = """
    # Suppressions

    We met in order to talk.

    <!-- copydesk-disable style/wordy -->
    We met in order to talk again. Wow!!
    <!-- copydesk-enable style/wordy -->

    We left in order to rest.

    <!-- copydesk-disable -->
    Prices rose!! We met in order to win.
    <!-- copydesk-enable -->

    <!-- copydesk-disable-next-line style/repeated-punctuation -->
    Wow!! We came in order to see.
    Wow!! Again.

    <!-- copydesk-disable-next-line -->
    Wow!! We came in order to see.

    <!-- copydesk-disable-next-line style/wordy, style/repeated-punctuation -->
    Wow!! We came in order to see.
    The end!!

    """

  static func lint(_ draft: String, format: String = "json", extra: [String] = []) throws -> CLIRun {
    let folder = try TemporaryFolder()
    try folder.write(".copydesk.json", "{}")
    try folder.write("draft.md", draft)
    let arguments = ["lint", "draft.md", "--format", format, "--rule", "style/wordy", "--rule", "style/repeated-punctuation"] + extra
    return CLIRun.run(arguments, in: folder.path)
  }

  static func found(_ run: CLIRun) -> [String] {
    run.diagnostics.map { "\($0["line"] as? Int ?? 0) \($0["rule"] as? String ?? "")" }
  }

  @Test func regionsWithAndWithoutRuleIDs() throws {
    let run = try Self.lint(Self.draft)
    #expect(run.status == .clean, "warnings only: \(run.err)")
    #expect(Self.found(run) == [
      "3 style/wordy",  // before any comment
      "6 style/repeated-punctuation",  // only style/wordy is disabled there
      "9 style/wordy",  // after the enable
      "16 style/wordy",  // the next-line comment names only style/repeated-punctuation
      "17 style/repeated-punctuation",  // next-line covers one line only
      "24 style/repeated-punctuation",
    ])
  }

  @Test func textOutputIsExact() throws {
    let run = try Self.lint(Self.draft, format: "text")
    #expect(run.out == """
      draft.md:3:8: warning: “in order to” is wordy; write “to” [style/wordy]
      draft.md:6:35: warning: Use one “!” instead of “!!” [style/repeated-punctuation]
      draft.md:9:9: warning: “in order to” is wordy; write “to” [style/wordy]
      draft.md:16:15: warning: “in order to” is wordy; write “to” [style/wordy]
      draft.md:17:4: warning: Use one “!” instead of “!!” [style/repeated-punctuation]
      draft.md:24:8: warning: Use one “!” instead of “!!” [style/repeated-punctuation]

      ✖ 6 problems in 1 file (0 errors, 6 warnings, 0 info, 0 hints); 6 fixable with --fix

      """)
  }

  @Test func reportedFixesStayOutOfSuppressedLines() throws {
    let run = try Self.lint(Self.draft)
    var editedLines: [Int] = []
    for diagnostic in run.diagnostics {
      let fix = try #require(diagnostic["fix"] as? [String: Any], "every finding here is fixable")
      for edit in fix["edits"] as? [[String: Any]] ?? [] {
        editedLines.append(edit["line"] as? Int ?? 0)
        #expect(edit["line"] as? Int == edit["endLine"] as? Int)
      }
    }
    #expect(editedLines == [3, 6, 9, 16, 17, 24])
  }

  @Test func disablingOnTheCommandLineAndUnknownIDs() throws {
    let run = try Self.lint(Self.draft, extra: ["--disable", "style/wordy"])
    #expect(Self.found(run) == ["6 style/repeated-punctuation", "17 style/repeated-punctuation", "24 style/repeated-punctuation"])
    // A comment naming a rule that does not exist silences nothing else.
    let other = try Self.lint("<!-- copydesk-disable some/other-rule -->\nWe met in order to talk!!\n")
    #expect(Self.found(other) == ["2 style/wordy", "2 style/repeated-punctuation"])
  }

  @Test func lintFixLeavesSuppressedLinesAlone() throws {
    let folder = try TemporaryFolder()
    try folder.write(".copydesk.json", "{}")
    try folder.write("draft.md", Self.draft)
    let run = CLIRun.run(["lint", "draft.md", "--fix", "--rule", "style/wordy", "--rule", "style/repeated-punctuation"], in: folder.path)
    #expect(run.status == .clean, "\(run.out)\(run.err)")
    let fixed = String(decoding: try folder.read("draft.md"), as: UTF8.self)
    let before = Self.draft.split(separator: "\n", omittingEmptySubsequences: false)
    let after = fixed.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(before.count == after.count)
    let changed = zip(before, after).enumerated().filter { $0.element.0 != $0.element.1 }.map { $0.offset + 1 }
    #expect(changed == [3, 6, 9, 16, 17, 24])
    #expect(after[11] == "Prices rose!! We met in order to win.")
    #expect(after[19] == "Wow!! We came in order to see.")
    #expect(after[22] == "Wow!! We came in order to see.")
  }

  @Test func fixingNeverTouchesSuppressedText() throws {
    let catalog = BuiltInRules.catalog
    let linter = try catalog.makeLinter(configuration: Configuration(), only: ["style/wordy", "style/repeated-punctuation"])
    let result = FixApplier.fixToFixpoint(Self.draft, path: "draft.md") { linter.lint($0) }
    let before = Self.draft.split(separator: "\n", omittingEmptySubsequences: false)
    let after = result.text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(before.count == after.count)
    let changed = zip(before, after).enumerated().filter { $0.element.0 != $0.element.1 }.map { $0.offset + 1 }
    #expect(changed == [3, 6, 9, 16, 17, 24])
    #expect(after[5] == "We met in order to talk again. Wow!")  // Wordy text kept, punctuation fixed.
    #expect(after[11] == "Prices rose!! We met in order to win.")
    #expect(after[19] == "Wow!! We came in order to see.")
    #expect(after[22] == "Wow!! We came in order to see.")
  }

  /// A rule whose fix reaches from unsuppressed text into a suppressed region: the engine keeps the
  /// finding but drops the fix.
  struct ReachingRule: Rule {
    let description = RuleDescription(
      id: "test/reaching", name: "Reaching", summary: "Test rule", explanation: "Reports the first word and edits the last line.",
      defaultSeverity: .warning, isFixable: true, examples: [])
    func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
      let lastLine = document.text.lineContentRange(document.text.lineCount - 1)
      let fix = Fix(title: "Edit", edits: [TextEdit(range: TextRange(start: 0, end: 2), newText: "XX"), TextEdit(range: lastLine, newText: "edited")])
      return [diagnostic(TextRange(start: 0, end: 2), "Reaches into a suppressed line", fix: fix)]
    }
  }

  @Test func fixesReachingIntoSuppressedRegionsAreDropped() {
    let text = "Hi there.\n<!-- copydesk-disable-next-line test/reaching -->\nProtected line."
    let linter = Linter(rules: [ConfiguredRule(rule: ReachingRule(), severity: .warning)])
    let diagnostics = linter.lint(Document(path: "a.md", string: text))
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.fix == nil)
    let unsuppressed = linter.lint(Document(path: "a.md", string: "Hi there.\n\nOpen line."))
    #expect(unsuppressed.first?.fix?.edits.count == 2)
  }
}
