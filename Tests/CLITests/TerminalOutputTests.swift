import CopydeskWorkspace
import Foundation
import Synchronization
import Testing

/// The progress line on a terminal's standard error, and SARIF from the command line.
@Suite struct TerminalOutputTests {
  final class FakeClock: Sendable {
    private let nanoseconds = Mutex<UInt64>(1_000)
    func advance(milliseconds: UInt64) { nanoseconds.withLock { $0 += milliseconds * 1_000_000 } }
    var now: UInt64 { nanoseconds.withLock { $0 } }
  }

  @Test func largeRunsShowAThrottledLineAndEraseIt() {
    let clock = FakeClock()
    let output = Pipeline.Buffer()
    let line = ProgressLine(total: 250, write: { output.append($0) }, now: { clock.now })
    line.update(finished: 1)
    line.update(finished: 2)  // Within 100 ms of the last draw: skipped.
    clock.advance(milliseconds: 150)
    line.update(finished: 3)
    line.update(finished: 250)  // The last file is always drawn.
    line.finish()
    #expect(output.value == "\rLinting 1/250 files (0%)\u{1B}[K\rLinting 3/250 files (1%)\u{1B}[K"
      + "\rLinting 250/250 files (100%)\u{1B}[K\r\u{1B}[K")
  }

  @Test func shortRunsStayQuietUntilTheyTakeASecond() {
    let clock = FakeClock()
    let output = Pipeline.Buffer()
    let line = ProgressLine(total: 20, write: { output.append($0) }, now: { clock.now })
    line.update(finished: 1)
    clock.advance(milliseconds: 900)
    line.update(finished: 2)
    #expect(output.value.isEmpty)
    clock.advance(milliseconds: 200)
    line.update(finished: 3)
    line.update(finished: 2)  // Reported late by another worker: never drawn backwards.
    line.finish()
    line.finish()  // Erasing twice writes nothing more.
    #expect(output.value == "\rLinting 3/20 files (15%)\u{1B}[K\r\u{1B}[K")
  }

  @Test func quickRunsWriteNothing() {
    let output = Pipeline.Buffer()
    let line = ProgressLine(total: 5, write: { output.append($0) }, now: { 42 })
    for finished in 1...5 { line.update(finished: finished) }
    line.finish()
    #expect(output.value.isEmpty)
  }

  @Test func commandShowsProgressOnlyOnATerminal() throws {
    let folder = try Pipeline.makeFolder()
    defer { Pipeline.cleanUp(folder) }
    try Pipeline.generateCorpus(count: 201, seed: 9, in: folder)
    let terminal = Pipeline.run(["lint", "--jobs", "2", "--format", "json"], in: folder, isErrorTerminal: true)
    // Workers finish out of order, so the first count drawn may be 1 or 2; the last is always the total.
    #expect(terminal.stderr.hasPrefix("\rLinting "))
    #expect(terminal.stderr.contains("\rLinting 201/201 files (100%)\u{1B}[K"))
    #expect(terminal.stderr.hasSuffix("\r\u{1B}[K"))
    let piped = Pipeline.run(["lint", "--jobs", "2", "--format", "json"], in: folder, isErrorTerminal: false)
    #expect(piped.stderr.isEmpty)
    #expect(piped.stdout == terminal.stdout)
  }

  @Test func summaryLineCountsFilesSeveritiesAndFixable() throws {
    let folder = try Pipeline.makeFolder()
    defer { Pipeline.cleanUp(folder) }
    try Pipeline.write("# A\n\nIt was the the plan.\n", to: "a.md", in: folder)
    try Pipeline.write("B\n\nNothing wrong here.\n", to: "b.txt", in: folder)
    // The drafts have no summary; with summary/missing off, the one doubled word is the only finding.
    try Pipeline.write(#"{ "rules": { "summary/missing": "off" } }"#, to: ".copydesk.json", in: folder)
    let run = Pipeline.run(["lint"], in: folder)
    #expect(run.stdout.hasSuffix("\n✖ 1 problem in 2 files (0 errors, 1 warning, 0 info, 0 hints); 1 fixable with --fix\n"))
    #expect(Pipeline.run(["lint", "--max-warnings", "0"], in: folder).status == .findings)
    #expect(Pipeline.run(["lint", "--quiet"], in: folder).stdout == "✓ 2 files checked, no problems\n")
    let github = Pipeline.run(["lint", "--format", "github", "--max-warnings", "0"], in: folder)
    #expect(github.status == .findings)
    #expect(github.stdout == """
      ::warning file=a.md,line=3,col=8,endLine=3,endColumn=15,title=repetition/word::“the” is repeated; delete the second one
      ✖ 1 problem in 2 files (0 errors, 1 warning, 0 info, 0 hints); 1 fixable with --fix

      """)
  }

  @Test(.enabled(if: Pipeline.canValidateSARIF, "python3 with jsonschema is not installed (pip install jsonschema): SARIF schema validation skipped"))
  func commandSARIFValidatesAgainstTheSchema() throws {
    let folder = try Pipeline.makeFolder()
    defer { Pipeline.cleanUp(folder) }
    try Pipeline.generateCorpus(count: 30, seed: 5, in: folder)
    try Pipeline.write("# Ünïcode path\n\nIt was the the plan.\n", to: "drafts/Zoë’s #1 draft.md", in: folder)
    let run = Pipeline.run(["lint", "--format", "sarif"], in: folder)
    #expect(run.stdout.contains(#""uri": "drafts/Zo%C3%AB%E2%80%99s%20%231%20draft.md""#))
    let file = folder.appendingPathComponent("out.sarif")
    try Data(run.stdout.utf8).write(to: file)
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Scripts/validate_sarif.py").path
    let (status, output) = try Pipeline.runProcess(["python3", script, file.path])
    #expect(status == 0, "\(output)")
  }
}

extension Pipeline {
  /// True when `python3` can import `jsonschema` (the SARIF validator's only dependency).
  static let canValidateSARIF = ((try? runProcess(["python3", "-c", "import jsonschema"]))?.status ?? 1) == 0

  /// Runs a program found on `PATH` and returns its exit status and combined output.
  static func runProcess(_ arguments: [String]) throws -> (status: Int32, output: String) {
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
