import CopydeskCore
import CopydeskWorkspace
import Foundation
import Testing

/// What one in-process run of the command line printed and returned.
struct CommandRun {
  var status: CopydeskWorkspace.ExitStatus
  var standardOutput: String
  var standardError: String
}

/// Runs `copydesk lint …` in-process in `folder`, optionally with a hook between reading and writing.
///
/// The drafts here are snippets without a summary: the summary rules are off, since these tests are about fixing.
func runFix(
  _ arguments: [String], in folder: String, input: [UInt8] = [], beforeCommit: (@Sendable (String) -> Void)? = nil
) throws -> CommandRun {
  let captured = CapturedOutput()
  precondition(arguments.first == "lint")
  let summaryRulesOff = ["--disable", "summary/missing", "--disable", "summary/length"]
  var command = LintCommand(
    options: try LintOptions.parse(Array(arguments.dropFirst()) + summaryRulesOff), console: captured.console(directory: folder, input: input))
  if let beforeCommit { command.fixWriter = AtomicFileWriter(beforeCommit: beforeCommit) }
  let status = command.run()
  return CommandRun(status: status, standardOutput: captured.standardOutput, standardError: captured.standardError)
}

/// A temporary folder, removed (after restoring write permission) when the value goes away.
final class TemporaryFolder: Sendable {
  let path: String

  init() throws {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("copydesk-cli-fix-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit {
    chmod(path, 0o755)
    try? FileManager.default.removeItem(atPath: path)
  }

  @discardableResult
  func write(_ name: String, _ bytes: [UInt8], mode: Int = 0o644) throws -> String {
    let file = path + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    chmod(file, mode_t(mode))
    return file
  }

  func write(_ name: String, _ text: String, mode: Int = 0o644) throws {
    try write(name, Array(text.utf8), mode: mode)
  }

  func read(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path + "/" + name))) }
  func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }
}

/// `git apply` on a patch in a scratch repository: the files after, or nil and git's complaint.
func gitApply(_ patch: String, to files: [String: [UInt8]]) throws -> (files: [String: [UInt8]]?, message: String) {
  let folder = try TemporaryFolder()
  func git(_ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
    process.environment = ProcessInfo.processInfo.environment.merging([
      "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
    ]) { $1 }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
  _ = try git(["init", "-q", "."])
  for (name, bytes) in files { try folder.write(name, bytes) }
  try folder.write(".git/test.patch", Array(patch.utf8))
  let check = try git(["apply", "--check", ".git/test.patch"])
  guard check.0 == 0 else { return (nil, check.1) }
  let applied = try git(["apply", ".git/test.patch"])
  guard applied.0 == 0 else { return (nil, applied.1) }
  var result: [String: [UInt8]] = [:]
  for name in files.keys { result[name] = try folder.read(name) }
  return (result, check.1)
}

let gitIsAvailable: Bool = {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["git", "--version"]
  process.standardOutput = FileHandle.nullDevice
  process.standardError = FileHandle.nullDevice
  guard (try? process.run()) != nil else { return false }
  process.waitUntilExit()
  return process.terminationStatus == 0
}()

/// One golden case of `Tests/Fixtures/fix`: `NAME.input.EXT` is the draft; `NAME.fixed.EXT` what `--fix`
/// saves, `NAME.diff` what `--diff` prints, `NAME.stdout.txt` what `--fix` prints. Run the tests with
/// `COPYDESK_UPDATE_GOLDENS=1` to rewrite the expected files after a deliberate change, then review them.
struct FixFixture: Sendable, CustomTestStringConvertible {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/fix").path

  let name: String
  let fileExtension: String
  var testDescription: String { "\(name).\(fileExtension)" }
  var draftName: String { "\(name).\(fileExtension)" }

  static var all: [FixFixture] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return files.filter { $0.contains(".input.") }.sorted().map { file in
      let parts = file.components(separatedBy: ".input.")
      return FixFixture(name: parts[0], fileExtension: parts[1])
    }
  }

  func path(_ suffix: String) -> String { FixFixture.folder + "/" + name + suffix }
  var input: [UInt8] {
    get throws { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(".input.\(fileExtension)")))) }
  }

  /// Compares `actual` with the expected file, or writes it when updating goldens.
  func expect(_ actual: [UInt8], equals suffix: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let file = path(suffix)
    if ProcessInfo.processInfo.environment["COPYDESK_UPDATE_GOLDENS"] == "1" {
      try Data(actual).write(to: URL(fileURLWithPath: file))
      return
    }
    let expected = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
    #expect(
      actual == expected, "\(name)\(suffix) differs:\n\(String(decoding: actual, as: UTF8.self))",
      sourceLocation: sourceLocation)
  }
}

@Suite("lint --fix and --diff")
struct FixCommandTests {
  @Test func thereAreGoldens() {
    #expect(FixFixture.all.map(\.testDescription) == ["clean.md", "crlf-bom.md", "no-newline.md", "plain.txt"])
  }

  @Test(arguments: FixFixture.all)
  func goldens(_ fixture: FixFixture) throws {
    let folder = try TemporaryFolder()
    let input = try fixture.input
    try folder.write(fixture.draftName, input)
    // Each fixture is alone in its folder, so a footer naming other articles dangles; navigation has its
    // own goldens, and these are about fixing.
    func runFix(_ arguments: [String], in folder: String, input: [UInt8] = []) throws -> CommandRun {
      try CLITests.runFix(arguments + ["--disable", "navigation/dangling"], in: folder, input: input)
    }

    // --diff prints the diff and writes nothing.
    let diff = try runFix(["lint", "--diff", fixture.draftName], in: folder.path)
    try fixture.expect(Array(diff.standardOutput.utf8), equals: ".diff")
    #expect(try folder.read(fixture.draftName) == input)
    #expect(diff.status == .clean)

    // --fix writes the file and reports what it did.
    let fix = try runFix(["lint", "--fix", fixture.draftName], in: folder.path)
    let fixed = try folder.read(fixture.draftName)
    try fixture.expect(fixed, equals: ".fixed.\(fixture.fileExtension)")
    try fixture.expect(Array(fix.standardOutput.utf8), equals: ".stdout.txt")
    #expect(fix.standardError == "")
    #expect(fix.status == .clean)
    #expect(try folder.entries() == [fixture.draftName])

    // Fixing again changes nothing and prints no "Fixed" line.
    let again = try runFix(["lint", "--fix", fixture.draftName], in: folder.path)
    #expect(try folder.read(fixture.draftName) == fixed)
    #expect(!again.standardOutput.contains("Fixed"))

    // Standard input gives the same text and the same diff.
    let stdinFix = try runFix(
      ["lint", "--stdin", "--fix", "--stdin-filename", fixture.draftName], in: folder.path, input: input)
    #expect(Array(stdinFix.standardOutput.utf8) == fixed)
    let stdinDiff = try runFix(
      ["lint", "--stdin", "--diff", "--stdin-filename", fixture.draftName], in: folder.path, input: input)
    #expect(stdinDiff.standardOutput == diff.standardOutput)

    // git accepts the diff, and applying it gives exactly what --fix wrote.
    if gitIsAvailable && !diff.standardOutput.isEmpty {
      let applied = try gitApply(diff.standardOutput, to: [fixture.draftName: input])
      #expect(applied.files?[fixture.draftName] == fixed, "git apply: \(applied.message)")
    }
  }

  @Test func exitStatusReflectsWhatRemains() throws {
    let folder = try TemporaryFolder()
    try folder.write(".copydesk.json", #"{"rules": {"repetition/word": "error"}}"#)
    try folder.write("a.md", "It was the the plan.\n")
    #expect(try runFix(["lint", "a.md"], in: folder.path).status == .findings)
    #expect(try runFix(["lint", "--diff", "a.md"], in: folder.path).status == .clean)
    let fix = try runFix(["lint", "--fix", "a.md"], in: folder.path)
    #expect(fix.status == .clean)
    #expect(fix.standardOutput == "Fixed 1 problem in a.md\n\n✓ 1 file checked, no problems\n")
    #expect(try runFix(["lint", "a.md"], in: folder.path).status == .clean)

    // A finding no fix can settle (invalid UTF-8) still counts, and that file is left alone.
    let broken: [UInt8] = Array("It was the the plan ".utf8) + [0xFF] + Array(".\n".utf8)
    try folder.write("b.md", broken)
    let partial = try runFix(["lint", "--fix", "--max-warnings", "0", "b.md"], in: folder.path)
    #expect(partial.status == .findings)
    #expect(try folder.read("b.md") == broken)
    #expect(
      partial.standardError == "b.md: not fixed: the file is not valid UTF-8; re-save it as UTF-8 and run again\n")
    #expect(
      partial.standardOutput.contains("b.md:1:8: error: “the” is repeated; delete the second one [repetition/word]"))
  }

  @Test func jsonReportsFixesPerFile() throws {
    let folder = try TemporaryFolder()
    try folder.write("a.md", "It was the the the plan.\n")
    try folder.write("b.md", "Clean.\n")
    let run = try runFix(["lint", "--fix", "--format", "json", "a.md", "b.md"], in: folder.path)
    #expect(run.status == .clean)
    #expect(run.standardOutput.contains(#""path": "a.md",\#n      "diagnostics": [],\#n      "fixed": 2"#))
    #expect(run.standardOutput.contains(#""path": "b.md",\#n      "diagnostics": [],\#n      "fixed": 0"#))
    #expect(try folder.read("a.md") == Array("It was the plan.\n".utf8))
    let output = try JSON5Parser.parse(run.standardOutput)
    let schema = try JSON5Parser.parse(
      Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("schema/copydesk-lint-v1.schema.json")))))
    #expect(SchemaValidator.validate(output, against: schema).isEmpty)
  }

  @Test func stdinFixKeepsTheByteOrderMarkAndCRLF() throws {
    let folder = try TemporaryFolder()
    let input = Array("\u{FEFF}Zoë 😀 said the the\r\nthe word.\r\n".utf8)
    let run = try runFix(["lint", "--stdin", "--fix"], in: folder.path, input: input)
    #expect(Array(run.standardOutput.utf8) == Array("\u{FEFF}Zoë 😀 said the word.\r\n".utf8))
    #expect(run.standardError == "✓ 1 file checked, no problems\n")
    #expect(run.status == .clean)
    #expect(try folder.entries() == [])
    let diff = try runFix(["lint", "--stdin", "--diff"], in: folder.path, input: input)
    #expect(
      diff.standardOutput
        == "--- a/stdin\n+++ b/stdin\n@@ -1,2 +1 @@\n-\u{FEFF}Zoë 😀 said the the\r\n-the word.\r\n+\u{FEFF}Zoë 😀 said the word.\r\n"
    )
  }

  @Test func baselinesApplyToWhatRemains() throws {
    let folder = try TemporaryFolder()
    try folder.write("a.md", "It was the the plan.\n")
    #expect(try runFix(["lint", "--write-baseline", "base.json", "a.md"], in: folder.path).status == .clean)
    let run = try runFix(["lint", "--fix", "--baseline", "base.json", "a.md"], in: folder.path)
    #expect(run.status == .clean)
    #expect(run.standardOutput == """
      Fixed 1 problem in a.md

      ✓ 1 file checked, no problems
      Baseline: 0 findings hidden; 1 entry no longer matches (fixed or changed): rerun with --write-baseline \
      base.json to drop it
        stale: a.md: repetition/word “the the”

      """)
  }

  @Test func diffWinsOverFixAndWritesNothing() throws {
    let folder = try TemporaryFolder()
    try folder.write("a.md", "It was the the plan.\n")
    let before = try FileSnapshot.read(folder.path + "/a.md")
    let run = try runFix(["lint", "--fix", "--diff", "a.md"], in: folder.path)
    #expect(run.standardOutput == "--- a/a.md\n+++ b/a.md\n@@ -1 +1 @@\n-It was the the plan.\n+It was the plan.\n")
    #expect(try FileSnapshot.read(folder.path + "/a.md") == before)
  }

  @Test func diffPathsAreRelativeToTheCurrentFolder() throws {
    let folder = try TemporaryFolder()
    try FileManager.default.createDirectory(atPath: folder.path + "/drafts", withIntermediateDirectories: true)
    try folder.write("drafts/a.md", "It was the the plan.\n")
    let byFolder = try runFix(["lint", "--diff", "drafts"], in: folder.path)
    #expect(byFolder.standardOutput.hasPrefix("--- a/drafts/a.md\n+++ b/drafts/a.md\n"))
    let byAbsolutePath = try runFix(["lint", "--diff", folder.path + "/drafts/a.md"], in: folder.path)
    #expect(byAbsolutePath.standardOutput.hasPrefix("--- a/drafts/a.md\n+++ b/drafts/a.md\n"))
    let dotSlash = try runFix(["lint", "--diff", "./drafts/a.md"], in: folder.path)
    #expect(dotSlash.standardOutput.hasPrefix("--- a/drafts/a.md\n"))
  }

  // MARK: Faults. Tests run as root, so read-only means "no write bit" (see AtomicFileWriter).

  @Test func readOnlyFileIsAnErrorAndStaysIntact() throws {
    let folder = try TemporaryFolder()
    let draft = Array("It was the the plan.\n".utf8)
    try folder.write("locked.md", draft, mode: 0o444)
    try folder.write("open.md", draft)
    let run = try runFix(["lint", "--fix", "locked.md", "open.md"], in: folder.path)
    #expect(run.status == .failure)
    #expect(run.standardError == "locked.md: cannot write: the file is read-only; it was left unchanged\n")
    #expect(try folder.read("locked.md") == draft)
    #expect(try folder.read("open.md") == Array("It was the plan.\n".utf8))
    #expect(run.standardOutput.hasPrefix("Fixed 1 problem in open.md\n\nlocked.md:1:8: warning: “the” is repeated"))
    #expect(try folder.entries() == ["locked.md", "open.md"])
  }

  @Test func folderNotWritableIsAnError() throws {
    let folder = try TemporaryFolder()
    let draft = Array("It was the the plan.\n".utf8)
    try folder.write("a.md", draft)
    chmod(folder.path, 0o555)
    defer { chmod(folder.path, 0o755) }
    let run = try runFix(["lint", "--fix", "a.md"], in: folder.path)
    chmod(folder.path, 0o755)
    #expect(run.status == .failure)
    #expect(run.standardError == "a.md: cannot write: its folder is not writable; the file was left unchanged\n")
    #expect(try folder.read("a.md") == draft)
    #expect(try folder.entries() == ["a.md"])
  }

  @Test func fileChangedBetweenReadAndWriteIsNotOverwritten() throws {
    let folder = try TemporaryFolder()
    try folder.write("a.md", "It was the the plan.\n")
    let theirs = Array("Someone else saved this.\n".utf8)
    let run = try runFix(
      ["lint", "--fix", "a.md"], in: folder.path,
      beforeCommit: { path in
        try? Data(theirs).write(to: URL(fileURLWithPath: path))
      })
    #expect(run.status == .failure)
    #expect(
      run.standardError.hasPrefix(
        "a.md: cannot write: the file changed on disk after it was read; it was not overwritten"))
    #expect(try folder.read("a.md") == theirs)
    #expect(try folder.entries() == ["a.md"])
  }

  @Test func missingFileIsAnErrorAndTheRestAreFixed() throws {
    let folder = try TemporaryFolder()
    try folder.write("a.md", "It was the the plan.\n")
    let run = try runFix(["lint", "--fix", "a.md", "gone.md"], in: folder.path)
    #expect(run.status == .failure)
    #expect(run.standardError == "copydesk: cannot read gone.md: no such file or folder\n")
    #expect(try folder.read("a.md") == Array("It was the plan.\n".utf8))
  }
}
