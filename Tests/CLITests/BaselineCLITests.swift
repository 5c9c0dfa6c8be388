import CopydeskWorkspace
import Foundation
import Testing

/// `--write-baseline` and `--baseline` end to end: old findings stay hidden through edits, new ones fail.
@Suite struct BaselineCLITests {
  /// Doubled words are errors here, so any finding that is not hidden fails the run. The drafts have no
  /// summary; summary/missing is off so that the counts are the doubled words alone.
  static let configuration = #"{ "rules": { "repetition/word": "error", "summary/missing": "off" } }"#

  static let article = """
    # Port talks

    The ministry said the the talks would resume in spring.

    Officials met on on Tuesday to review the budget.

    Say it again. Say it again and again.

    """

  static func makeCorpus() throws -> URL {
    let folder = try Pipeline.makeFolder()
    try Pipeline.write(configuration, to: ".copydesk.json", in: folder)
    try Pipeline.write(article, to: "news/port.md", in: folder)
    try Pipeline.write("Rail plan\n\nThe the northern line opens.\n\nThe the northern line opens.\n", to: "rail.txt", in: folder)
    return folder
  }

  @Test func editsAndMovesStayCleanAndOnlyNewFindingsFail() throws {
    let folder = try Self.makeCorpus()
    defer { Pipeline.cleanUp(folder) }
    let before = Pipeline.run(["lint"], in: folder)
    #expect(before.status == .findings)
    #expect(before.stdout.components(separatedBy: "[repetition/word]").count - 1 == 4)

    let written = Pipeline.run(["lint", "--write-baseline", "copydesk-baseline.json"], in: folder)
    #expect(written.status == .clean)
    #expect(written.stderr == "copydesk: wrote copydesk-baseline.json with 4 findings in 2 files\n")
    #expect(written.stdout == "✓ 2 files checked, no problems\nBaseline: 4 findings hidden\n")
    let file = try String(contentsOf: folder.appendingPathComponent("copydesk-baseline.json"), encoding: .utf8)
    #expect(file.contains(#""path": "news/port.md""#) && file.contains(#""count": 2"#) && !file.contains(#""line""#))

    // Insert lines above every finding and swap the paragraphs: nothing new, so the run stays clean.
    let edited = """
      # Port talks

      A new opening paragraph.
      It spans two lines.

      Officials met on on Tuesday to review the budget.

      Say it again. Say it again and again.

      The ministry said the the talks would resume in spring.

      """
    try Pipeline.write(edited, to: "news/port.md", in: folder)
    try Pipeline.write("Rail plan\n\nIntro.\n\nThe the northern line opens.\n\nMiddle.\n\nThe the northern line opens.\n", to: "rail.txt", in: folder)
    let moved = Pipeline.run(["lint", "--baseline", "copydesk-baseline.json"], in: folder)
    #expect(moved.status == .clean)
    #expect(moved.stdout == "✓ 2 files checked, no problems\nBaseline: 4 findings hidden\n")

    // A new problem, and a third copy of a recorded one: exactly those two fail the run.
    try Pipeline.write(edited + "\nThe port port reopened.\n", to: "news/port.md", in: folder)
    try Pipeline.write(
      "Rail plan\n\nThe the northern line opens.\n\nThe the northern line opens.\n\nThe the northern line opens.\n", to: "rail.txt", in: folder)
    let added = Pipeline.run(["lint", "--baseline", "copydesk-baseline.json", "--no-color"], in: folder)
    #expect(added.status == .findings)
    #expect(added.stdout == """
      news/port.md:12:5: error: “port” is repeated; delete the second one [repetition/word]

      rail.txt:7:1: error: “The” is repeated; delete the second one [repetition/word]

      ✖ 2 problems in 2 files (2 errors, 0 warnings, 0 info, 0 hints); 2 fixable with --fix
      Baseline: 4 findings hidden

      """)
  }

  @Test func fixedFindingsAreReportedAsStale() throws {
    let folder = try Self.makeCorpus()
    defer { Pipeline.cleanUp(folder) }
    #expect(Pipeline.run(["lint", "--write-baseline", "base.json"], in: folder).status == .clean)
    try Pipeline.write(Self.article.replacingOccurrences(of: "on on", with: "on"), to: "news/port.md", in: folder)
    for format in ["json", "sarif", "github"] {
      let run = Pipeline.run(["lint", "--baseline", "base.json", "--format", format], in: folder)
      #expect(run.status == .clean)
      // Machine formats keep standard output parseable: the baseline's note goes to standard error.
      #expect(!run.stdout.contains("Baseline"))
      #expect(run.stderr == """
        Baseline: 3 findings hidden; 1 entry no longer matches (fixed or changed): rerun with --write-baseline base.json to drop it
          stale: news/port.md: repetition/word “on on”

        """)
    }
    // Rewriting drops the stale entry.
    #expect(Pipeline.run(["lint", "--baseline", "base.json", "--write-baseline", "base.json"], in: folder).status == .clean)
    let rerun = Pipeline.run(["lint", "--baseline", "base.json"], in: folder)
    #expect(rerun.stdout.hasSuffix("Baseline: 3 findings hidden\n"))
  }

  @Test func partialRunsKeepOtherEntriesAndStdinUsesTheBaseline() throws {
    let folder = try Self.makeCorpus()
    defer { Pipeline.cleanUp(folder) }
    #expect(Pipeline.run(["lint", "--write-baseline", "base.json"], in: folder).status == .clean)
    // Rewriting from a run over one file keeps the other file's entries.
    let partial = Pipeline.run(["lint", "rail.txt", "--baseline", "base.json", "--write-baseline", "base.json"], in: folder)
    #expect(partial.stderr == "copydesk: wrote base.json with 4 findings in 2 files\n")
    // A run over a subfolder matches by root-relative path, whatever the display path.
    let subfolder = Pipeline.run(["lint", "port.md", "--baseline", "../base.json"], in: folder.appendingPathComponent("news"))
    #expect(subfolder.status == .clean)
    #expect(subfolder.stdout == "✓ 1 file checked, no problems\nBaseline: 2 findings hidden\n")
    // An editor integration piping the buffer through stdin gets the same answer.
    let piped = Pipeline.run(
      ["lint", "--stdin", "--stdin-filename", "news/port.md", "--baseline", "base.json"], in: folder,
      stdin: Self.article + "\nA new new slip.\n")
    #expect(piped.status == .findings)
    #expect(piped.stdout.hasPrefix("news/port.md:9:3: error: “new” is repeated"))
    #expect(piped.stdout.components(separatedBy: "[repetition/word]").count - 1 == 1)
  }

  @Test func skippedFilesKeepTheirEntries() throws {
    let folder = try Self.makeCorpus()
    defer { Pipeline.cleanUp(folder) }
    #expect(Pipeline.run(["lint", "--write-baseline", "base.json"], in: folder).status == .clean)
    // rail.txt becomes binary: it is skipped, so its two entries are neither stale nor forgotten.
    try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).write(to: folder.appendingPathComponent("rail.txt"))
    let run = Pipeline.run(["lint", "--baseline", "base.json", "--write-baseline", "base.json"], in: folder)
    #expect(run.stderr == "rail.txt: skipped: binary file\ncopydesk: wrote base.json with 4 findings in 2 files\n")
    #expect(run.stdout.hasSuffix("Baseline: 2 findings hidden\n"))
  }

  @Test func missingOrBrokenBaselineIsAnError() throws {
    let folder = try Self.makeCorpus()
    defer { Pipeline.cleanUp(folder) }
    let missing = Pipeline.run(["lint", "--baseline", "nope.json"], in: folder)
    #expect(missing.status == .failure)
    #expect(missing.stderr == "nope.json:1:1: cannot read the baseline (create it with --write-baseline nope.json)\n")
    try Pipeline.write(#"{"version": 1, "findings": [ {"path": "a.md"} ]}"#, to: "bad.json", in: folder)
    let broken = Pipeline.run(["lint", "--baseline", "bad.json"], in: folder)
    #expect(broken.status == .failure)
    #expect(broken.stderr == "bad.json:1:31: a baseline finding needs a \"rule\" string\n")
    // Naming the same file to read and write creates it on the first run.
    let created = Pipeline.run(["lint", "--baseline", "new.json", "--write-baseline", "new.json"], in: folder)
    #expect(created.status == .clean)
  }
}
