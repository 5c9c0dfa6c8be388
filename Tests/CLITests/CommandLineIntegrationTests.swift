import CopydeskCore
import CopydeskRules
import CopydeskWorkspace
import Foundation
import Testing

/// Standard input, quiet runs, colour, `init` and `rules --format json`, as a pipeline or editor uses them.
@Suite struct CommandLineIntegrationTests {
  @Test func stdinNamePicksFormatConfigurationAndDisplayedPath() throws {
    let folder = try Pipeline.makeFolder()
    defer { Pipeline.cleanUp(folder) }
    try Pipeline.write(#"{ "rules": { "repetition/word": "error" } }"#, to: "notes/.copydesk.json", in: folder)
    let codeSpan = "Title\n\nRun `the the` now.\n"
    // In plain text, backticks are just characters; in Markdown, a code span is never prose.
    // The snippets have no summary: summary/missing is disabled so that only the doubled words speak.
    let asText = Pipeline.run(
      ["lint", "--stdin", "--stdin-filename", "drafts/a.txt", "--no-color", "--disable", "summary/missing"], in: folder, stdin: codeSpan)
    #expect(asText.stdout.hasPrefix("drafts/a.txt:3:6: warning: “the” is repeated; delete the second one [repetition/word]\n"))
    #expect(asText.status == .clean)
    let asMarkdown = Pipeline.run(["lint", "--stdin", "--stdin-filename", "drafts/a.md", "--disable", "summary/missing"], in: folder, stdin: codeSpan)
    #expect(asMarkdown.stdout == "✓ 1 file checked, no problems\n")
    // The configuration nearest the named file applies, even though the file need not exist.
    let configured = Pipeline.run(
      ["lint", "--stdin", "--stdin-filename", "notes/new.txt", "--format", "github", "--disable", "summary/missing"], in: folder,
      stdin: "T\n\nRun the the now.\n")
    #expect(configured.status == .findings)
    #expect(configured.stdout.hasPrefix("::error file=notes/new.txt,line=3,col=5,endLine=3,endColumn=12,title=repetition/word::"))
  }

  @Test func quietReportsErrorsOnly() throws {
    let folder = try Pipeline.makeFolder()
    defer { Pipeline.cleanUp(folder) }
    try Pipeline.write(#"{ "rules": { "repetition/word": "error" } }"#, to: "strict/.copydesk.json", in: folder)
    try Pipeline.write("# A\n\nIt was the the plan.\n", to: "strict/a.md", in: folder)
    try Pipeline.write("# B\n\nWe saw saw it.\n", to: "loose/b.md", in: folder)
    let quiet = Pipeline.run(["lint", "strict", "loose", "--quiet", "--no-color", "--disable", "summary/missing"], in: folder)
    #expect(quiet.status == .findings)
    #expect(quiet.stdout == """
      strict/a.md:3:8: error: “the” is repeated; delete the second one [repetition/word]

      ✖ 1 problem in 2 files (1 error, 0 warnings, 0 info, 0 hints); 1 fixable with --fix

      """)
    let full = Pipeline.run(["lint", "strict", "loose", "--no-color"], in: folder)
    #expect(full.stdout.contains("loose/b.md:3:4: warning: “saw” is repeated"))
  }

  @Test func colourOnlyOnATerminalWithoutNoColor() throws {
    let folder = try Pipeline.makeFolder()
    defer { Pipeline.cleanUp(folder) }
    try Pipeline.write("# A\n\nIt was the the plan.\n", to: "a.md", in: folder)
    let escape = "\u{1B}["
    #expect(Pipeline.run(["lint"], in: folder, isTerminal: true).stdout.contains(escape + "33;1mwarning" + escape + "0m"))
    #expect(!Pipeline.run(["lint"], in: folder, isTerminal: false).stdout.contains(escape))
    #expect(!Pipeline.run(["lint"], in: folder, isTerminal: true, environment: ["NO_COLOR": "1"]).stdout.contains(escape))
    #expect(!Pipeline.run(["lint", "--no-color"], in: folder, isTerminal: true).stdout.contains(escape))
    // NO_COLOR set but empty does not count (no-color.org).
    #expect(Pipeline.run(["lint"], in: folder, isTerminal: true, environment: ["NO_COLOR": ""]).stdout.contains(escape))
    // Machine formats are never coloured.
    #expect(!Pipeline.run(["lint", "--format", "github"], in: folder, isTerminal: true).stdout.contains(escape))
  }

  @Test func initWritesEveryRuleWithItsDefaultAndLintsTheSame() throws {
    let folder = try Pipeline.makeFolder()
    defer { Pipeline.cleanUp(folder) }
    try Pipeline.write("# A\n\nIt was the the plan.\n", to: "a.md", in: folder)
    let before = Pipeline.run(["lint", "--format", "json"], in: folder)
    let created = Pipeline.run(["init"], in: folder)
    #expect(created.status == .clean)
    let text = try String(contentsOf: folder.appendingPathComponent(".copydesk.json"), encoding: .utf8)
    for factory in BuiltInRules.all {
      let description = factory.description
      #expect(text.contains("// \(description.summary)\n"), "\(description.id) has no comment")
      let severity = description.defaultSeverity.rawValue
      #expect(
        text.contains("\"\(description.id)\": \"\(severity)\",")
          || text.contains("\"\(description.id)\": { \"severity\": \"\(severity)\""), "\(description.id) lacks its default")
    }
    // The written configuration states the defaults, so linting gives the same result as without it.
    let after = Pipeline.run(["lint", "--format", "json"], in: folder)
    #expect(after.status == before.status)
    #expect(after.stdout == before.stdout)
    #expect(Pipeline.run(["init"], in: folder).status == .failure)  // Never overwrites without --force.
  }

  @Test func rulesJSONListsEveryRule() throws {
    let folder = try Pipeline.makeFolder()
    defer { Pipeline.cleanUp(folder) }
    let run = Pipeline.run(["rules", "--format", "json"], in: folder)
    #expect(run.status == .clean)
    let rules = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
    #expect(rules.map { $0["id"] as? String } == BuiltInRules.all.map(\.id.rawValue).sorted())
    for (rule, factory) in zip(rules, BuiltInRules.all.sorted { $0.id < $1.id }) {
      #expect(rule["severity"] as? String == factory.description.defaultSeverity.rawValue)
      #expect(rule["fixable"] as? Bool == factory.description.isFixable)
      #expect(rule["summary"] as? String == factory.description.summary)
    }
  }
}
