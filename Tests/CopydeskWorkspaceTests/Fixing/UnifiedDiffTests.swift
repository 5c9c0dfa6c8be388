import CopydeskCore
import CopydeskTestSupport
import CopydeskWorkspace
import Foundation
import Testing

@Suite("UnifiedDiff")
struct UnifiedDiffTests {
  func diff(_ old: String, _ new: String, path: String = "a.md") -> String {
    UnifiedDiff.render(old: Array(old.utf8), new: Array(new.utf8), oldPath: path, newPath: path)
  }

  /// The diff of replacing each `find` (the first occurrence) with its replacement, with the change list
  /// the fixer would give.
  func diff(_ old: String, replacing pairs: [(find: String, with: String)], path: String = "a.md") -> String {
    let source = SourceText(old)
    let diagnostics = pairs.map { pair in
      let start = old.utf8.count - old[old.range(of: pair.find)!.lowerBound...].utf8.count
      let edit = TextEdit(range: TextRange(start: start, end: start + pair.find.utf8.count), newText: pair.with)
      return Diagnostic(
        ruleID: "a/x", severity: .info, range: edit.range, message: "", fix: Fix(title: "", edits: [edit]))
    }
    let round = FixApplier.apply(diagnostics, to: source)
    return UnifiedDiff.render(old: source.bytes, new: round.bytes, changes: round.changes, oldPath: path, newPath: path)
  }

  let tenLines = (1...10).map { "line \($0)\n" }.joined()

  @Test func aChangeInTheMiddleHasThreeLinesOfContext() {
    let new = tenLines.replacingOccurrences(of: "line 5\n", with: "line five\n")
    #expect(
      diff(tenLines, new) == """
        --- a/a.md
        +++ b/a.md
        @@ -2,7 +2,7 @@
         line 2
         line 3
         line 4
        -line 5
        +line five
         line 6
         line 7
         line 8

        """)
  }

  @Test func contextIsClippedAtTheEdges() {
    #expect(
      diff(tenLines, replacing: [("line 1\n", ""), ("line 10\n", "line 10\nline 11\n")]) == """
        --- a/a.md
        +++ b/a.md
        @@ -1,4 +1,3 @@
        -line 1
         line 2
         line 3
         line 4
        @@ -8,3 +7,4 @@
         line 8
         line 9
         line 10
        +line 11

        """)
  }

  @Test func changesSixLinesApartShareAHunkAndSevenDoNot() {
    let text = (1...20).map { "l\($0)\n" }.joined()
    func changed(_ numbers: [Int]) -> String {
      diff(text, replacing: numbers.map { ("l\($0)\n", "L\($0)\n") })
    }
    let together = changed([5, 12])
    #expect(together.components(separatedBy: "\n@@").count == 2)
    #expect(together.contains("@@ -2,14 +2,14 @@\n"))
    let apart = changed([5, 13])
    #expect(apart.components(separatedBy: "\n@@").count == 3)
    #expect(apart.contains("@@ -2,7 +2,7 @@\n") && apart.contains("@@ -10,7 +10,7 @@\n"))
  }

  @Test func withoutAChangeListTheDiffIsOneBlock() {
    // Trimming the common prefix and suffix finds one region: still a correct diff, just a coarser one.
    let new = tenLines.replacingOccurrences(of: "line 2\n", with: "line two\n").replacingOccurrences(
      of: "line 4\n", with: "line four\n")
    #expect(
      diff(tenLines, new).contains(
        "@@ -1,7 +1,7 @@\n line 1\n-line 2\n-line 3\n-line 4\n+line two\n+line 3\n+line four\n line 5\n"))
  }

  @Test func missingFinalNewlineIsMarked() {
    #expect(
      diff("a\nb", "a\nc") == """
        --- a/a.md
        +++ b/a.md
        @@ -1,2 +1,2 @@
         a
        -b
        \\ No newline at end of file
        +c
        \\ No newline at end of file

        """)
    #expect(
      diff("a\nb", "a\nb\n") == "--- a/a.md\n+++ b/a.md\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n")
    #expect(
      diff("a\nb\n", "a\nb") == "--- a/a.md\n+++ b/a.md\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n")
    // An unchanged last line without a newline is context, and is marked too.
    #expect(
      diff("a\nb\nc", "A\nb\nc")
        == "--- a/a.md\n+++ b/a.md\n@@ -1,3 +1,3 @@\n-a\n+A\n b\n c\n\\ No newline at end of file\n")
  }

  @Test func emptySidesUseLineZero() {
    #expect(diff("", "x\n") == "--- a/a.md\n+++ b/a.md\n@@ -0,0 +1 @@\n+x\n")
    #expect(diff("x\n", "") == "--- a/a.md\n+++ b/a.md\n@@ -1 +0,0 @@\n-x\n")
    #expect(diff("same\n", "same\n") == "")
  }

  @Test func crlfLinesKeepTheirCarriageReturn() {
    #expect(diff("a\r\nb\r\n", "a\r\nc\r\n") == "--- a/a.md\n+++ b/a.md\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n")
    // Lone CR is not a line break for diff or git: the file is one line.
    #expect(
      diff("a\rb\r", "a\rc\r")
        == "--- a/a.md\n+++ b/a.md\n@@ -1 +1 @@\n-a\rb\r\n\\ No newline at end of file\n+a\rc\r\n\\ No newline at end of file\n"
    )
  }

  @Test func linesSharedAtABlocksEdgesAreContext() {
    // One change spanning three lines whose middle line came out the same.
    let old = Array("a\nb\nc\n".utf8)
    let new = Array("A\nb\nC\n".utf8)
    let change = TextChange(oldRange: TextRange(start: 0, end: 5), newRange: TextRange(start: 0, end: 5))
    #expect(
      UnifiedDiff.render(old: old, new: new, changes: [change], oldPath: "f", newPath: "f")
        == "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n-a\n-b\n-c\n+A\n+b\n+C\n")
    let same = TextChange(oldRange: TextRange(start: 2, end: 3), newRange: TextRange(start: 2, end: 3))
    #expect(UnifiedDiff.render(old: old, new: old, changes: [same], oldPath: "f", newPath: "f") == "")
  }

  @Test func unusualPathsAreQuotedLikeGit() {
    #expect(
      diff("a\n", "b\n", path: "dir/my \"draft\".md").hasPrefix(
        "--- \"a/dir/my \\\"draft\\\".md\"\n+++ \"b/dir/my \\\"draft\\\".md\"\n"))
    #expect(diff("a\n", "b\n", path: "dir/día 1.md").hasPrefix("--- a/dir/día 1.md\n+++ b/dir/día 1.md\n"))
  }

  @Test(
    .enabled(if: GitApply.isAvailable, "git is not installed"),
    arguments: [
      ("a\nb", "a\nc"), ("a\nb", "a\nb\n"), ("a\nb\n", "a\nb"), ("", "x\n"), ("x\n", ""), ("a\r\nb\r\n", "a\r\nc\r\n"),
      ("a\rb\r", "a\rc\r"), ("\u{FEFF}héllo\n", "\u{FEFF}hello\n"),
    ])
  func gitAppliesTheEdgeCases(_ old: String, _ new: String) throws {
    let patch = diff(old, new, path: "dir/my draft.md")
    let result = try GitApply.apply(patch, to: ["dir/my draft.md": Array(old.utf8)])
    #expect(result.files?["dir/my draft.md"] == Array(new.utf8), "git apply said: \(result.message)\n\(patch)")
  }

  @Test(.enabled(if: GitApply.isAvailable, "git is not installed"))
  func gitAppliesDiffsOfRandomEdits() throws {
    // One repository, many files: a file per seed keeps the number of git runs small.
    var random = SplitMix64(seed: 2024)
    var originals: [String: [UInt8]] = [:]
    var expected: [String: [UInt8]] = [:]
    var patch = ""
    let words = ["alpha", "beta", "gamma", "", "  ", "ß", "😀", "e\u{301}"]
    for seed in 0..<80 {
      let lineCount = Int(random.next() % 30)
      let ending = ["\n", "\r\n", "\n"][Int(random.next() % 3)]
      var text = (0..<lineCount).map { _ in
        (0..<Int(random.next() % 4)).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
      }
      .joined(separator: ending)
      if random.next() % 2 == 0 && lineCount > 0 { text += ending }
      let source = SourceText(text)
      // Random edits at scalar boundaries; the applier drops any that are invalid or clash.
      var diagnostics: [Diagnostic] = []
      for _ in 0..<Int(random.next() % 6) {
        var start = source.clamp(Int(random.next() % UInt64(source.count + 1)))
        var end = source.clamp(start + Int(random.next() % 12))
        if end < start { swap(&start, &end) }
        let newText = ["", "X", "\n", "new line\n", ending + "tail", "👍"][Int(random.next() % 6)]
        let edit = TextEdit(range: TextRange(start: start, end: end), newText: newText)
        diagnostics.append(
          Diagnostic(ruleID: "a/x", severity: .info, range: edit.range, message: "", fix: Fix(title: "", edits: [edit]))
        )
      }
      let round = FixApplier.apply(diagnostics, to: source, matchLineEndings: random.next() % 2 == 0)
      let name = "draft-\(seed).md"
      originals[name] = source.bytes
      expected[name] = round.bytes
      // Alternate between the fixer's change list and a diff found by trimming.
      let changes: [TextChange]? = seed % 2 == 0 ? round.changes : nil
      patch += UnifiedDiff.render(old: source.bytes, new: round.bytes, changes: changes, oldPath: name, newPath: name)
    }
    #expect(patch.contains("@@"))
    let result = try GitApply.apply(patch, to: originals)
    let files = try #require(result.files, "git apply refused: \(result.message)")
    for (name, bytes) in expected {
      #expect(files[name] == bytes, "\(name)")
    }
  }
}
