import CopydeskCore
import CopydeskWorkspace
import Foundation
import Testing

@Suite("FixSession")
struct FixSessionTests {
  func session(_ mode: FixSession.Mode = .preview, maxPasses: Int = 10, writer: AtomicFileWriter = AtomicFileWriter())
    -> FixSession
  {
    FixSession(
      // The drafts are snippets without a summary; summary/missing would only add a finding the fixes cannot settle.
      configurations: ConfigurationCache(selection: RuleSelection(disabled: ["summary/missing"]), override: nil), corpus: nil, mode: mode, jobs: 2,
      maxPasses: maxPasses, writer: writer)
  }

  @Test func keepsTheByteOrderMarkAndLineEndings() throws {
    let input = Array("\u{FEFF}# Title\r\n\r\nWe left In order to NEWLINE rest.\r\n".utf8)
    let outcome = session().fix(
      bytes: input, displayPath: "a.md", linter: testLinter([WordyTestRule(), LineBreakTestRule()]))
    #expect(outcome.fixed == Array("\u{FEFF}# Title\r\n\r\nWe left To\r\nrest.\r\n".utf8))
    #expect(outcome.fixesApplied == 2)
    #expect(outcome.report.fixesApplied == 2)
    #expect(outcome.report.diagnostics.isEmpty)
    #expect(outcome.converged)
    // Change ranges are in file coordinates, byte order mark included.
    #expect(outcome.changes.first?.oldRange.start == 22)
    #expect(
      outcome.diff(path: "a.md")
        == "--- a/a.md\n+++ b/a.md\n@@ -1,3 +1,4 @@\n \u{FEFF}# Title\r\n \r\n-We left In order to NEWLINE rest.\r\n+We left To\r\n+rest.\r\n"
    )
  }

  @Test(.enabled(if: GitApply.isAvailable, "git is not installed"))
  func theDiffOfAFileWithAByteOrderMarkApplies() throws {
    let input = Array("\u{FEFF}Title\r\n\r\nin order to go, in order to NEWLINE stay\r\nend".utf8)
    let outcome = session().fix(
      bytes: input, displayPath: "a.md", linter: testLinter([WordyTestRule(), LineBreakTestRule()]))
    #expect(outcome.fixed == Array("\u{FEFF}Title\r\n\r\nto go, to\r\nstay\r\nend".utf8))
    let result = try GitApply.apply(outcome.diff(path: "a.md"), to: ["a.md": input])
    #expect(result.files?["a.md"] == outcome.fixed, "\(result.message)")
  }

  @Test func invalidUTF8IsNeverRewritten() {
    let input: [UInt8] = Array("in order to go ".utf8) + [0xFF, 0xFE] + Array(" in order to stay\n".utf8)
    let outcome = session().fix(bytes: input, displayPath: "a.md", linter: testLinter([WordyTestRule()]))
    #expect(outcome.fixed == input)
    #expect(!outcome.isChanged)
    #expect(outcome.fixesApplied == 0)
    #expect(outcome.report.notice == "not fixed: the file is not valid UTF-8; re-save it as UTF-8 and run again")
    #expect(outcome.report.diagnostics.map(\.ruleID) == ["test/wordy", "input/encoding", "test/wordy"])
    #expect(outcome.diff(path: "a.md") == "")
  }

  @Test func nonConvergenceIsReported() {
    let outcome = session(maxPasses: 3).fix(
      bytes: Array("A ping.\n".utf8), displayPath: "a.md", linter: testLinter([PingPongTestRule()]))
    #expect(!outcome.converged)
    #expect(outcome.passes == 3)
    #expect(
      outcome.report.notice
        == "fixes were still changing the text after 3 passes; review the result and the remaining findings")
    #expect(outcome.report.diagnostics.count == 1)
  }

  @Test func writesChangedFilesAndReportsFailuresPerFile() throws {
    let folder = try ScratchFolder()
    let fixable = Array("# A\n\nIt was the the plan.\n".utf8)
    try folder.write("a.md", fixable)
    try folder.write("b.md", fixable, mode: 0o444)
    try folder.write("c.md", Array("# C\n\nClean.\n".utf8))
    let cBefore = try FileSnapshot.read(folder.path + "/c.md")
    let targets = ["a.md", "b.md", "c.md", "missing.md"].map {
      LintTarget(absolutePath: folder.path + "/" + $0, displayPath: $0)
    }
    let outcomes = session(.write).fix(targets)
    #expect(outcomes.map(\.report.path) == ["a.md", "b.md", "c.md", "missing.md"])

    #expect(outcomes[0].written && outcomes[0].fixesApplied == 1)
    #expect(try folder.read("a.md") == Array("# A\n\nIt was the plan.\n".utf8))
    #expect(outcomes[0].report.diagnostics.isEmpty && outcomes[0].report.notice == nil)

    #expect(!outcomes[1].written && outcomes[1].fixesApplied == 0)
    #expect(outcomes[1].report.isError)
    #expect(outcomes[1].report.notice == "cannot write: the file is read-only; it was left unchanged")
    // The file is as it was, so what it still needs is its own findings.
    #expect(outcomes[1].report.diagnostics.map(\.ruleID) == ["repetition/word"])
    #expect(try folder.read("b.md") == fixable)

    #expect(!outcomes[2].written && !outcomes[2].isChanged)
    #expect(try FileSnapshot.read(folder.path + "/c.md").metadata == cBefore.metadata)

    #expect(outcomes[3].report.isError && outcomes[3].report.notice == "cannot read: no such file")
    #expect(try folder.entries() == ["a.md", "b.md", "c.md"])
  }

  @Test func previewWritesNothing() throws {
    let folder = try ScratchFolder()
    let fixable = Array("It was the the plan.\n".utf8)
    try folder.write("a.md", fixable)
    let before = try FileSnapshot.read(folder.path + "/a.md")
    let outcome = session(.preview).fix(LintTarget(absolutePath: folder.path + "/a.md", displayPath: "a.md"))
    #expect(outcome.isChanged && !outcome.written)
    #expect(outcome.fixed == Array("It was the plan.\n".utf8))
    #expect(try FileSnapshot.read(folder.path + "/a.md") == before)
    #expect(try folder.entries() == ["a.md"])
  }
}
