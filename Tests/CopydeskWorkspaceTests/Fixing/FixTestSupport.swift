import CopydeskCore
import CopydeskTestSupport
import Foundation

/// Runs `git apply` on patches in a scratch repository, so tests prove that diffs really apply.
enum GitApply {
  /// True when a `git` executable can be run; tests that need it are skipped otherwise.
  static let isAvailable: Bool = (try? run(["--version"], in: FileManager.default.temporaryDirectory.path).status) == 0

  /// Runs git with `arguments` in `directory`.
  @discardableResult
  static func run(_ arguments: [String], in directory: String) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ProcessInfo.processInfo.environment
    environment["GIT_CONFIG_NOSYSTEM"] = "1"
    environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Writes `files` into a fresh repository, checks and applies `patch`, and returns the files after
  /// it; nil (with git's message) when `git apply --check` refuses the patch.
  static func apply(_ patch: String, to files: [String: [UInt8]]) throws -> (files: [String: [UInt8]]?, message: String)
  {
    let folder = try ScratchFolder()
    try run(["init", "-q", "."], in: folder.path)
    for (name, bytes) in files {
      let url = URL(fileURLWithPath: folder.path + "/" + name)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(bytes).write(to: url)
    }
    let patchPath = folder.path + "/.git/test.patch"
    try Data(patch.utf8).write(to: URL(fileURLWithPath: patchPath))
    let check = try run(["apply", "--check", patchPath], in: folder.path)
    guard check.status == 0 else { return (nil, check.output) }
    let applied = try run(["apply", patchPath], in: folder.path)
    guard applied.status == 0 else { return (nil, applied.output) }
    var result: [String: [UInt8]] = [:]
    for name in files.keys {
      result[name] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + name)))
    }
    return (result, check.output)
  }
}

/// A temporary folder, removed (after restoring write permission) when the value goes away.
final class ScratchFolder: Sendable {
  let path: String

  init() throws {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("copydesk-fix-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit {
    chmod(path, 0o755)
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Writes a file and returns its path.
  @discardableResult
  func write(_ name: String, _ bytes: [UInt8], mode: Int = 0o644) throws -> String {
    let file = path + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    chmod(file, mode_t(mode))
    return file
  }

  func read(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path + "/" + name)))
  }

  /// Every entry in the folder, hidden ones included, sorted.
  func entries() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: path).sorted()
  }

  func mode(_ name: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path + "/" + name)[.posixPermissions] as? Int) ?? -1
  }
}

/// Replaces the word `NEWLINE` (with one space on each side) by a line break written as `\n`.
struct LineBreakTestRule: Rule {
  let description = RuleDescription(
    id: "test/line-break", name: "Line break", summary: "Break the line", explanation: "Test rule.",
    defaultSeverity: .info, isFixable: true, examples: [])

  func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    let bytes = document.text.bytes
    return document.tokens.filter { $0.kind == .word && $0.role.isProse && document.token($0, is: "NEWLINE") }.map {
      token in
      let start = token.start > 0 && bytes[token.start - 1] == 0x20 ? token.start - 1 : token.start
      let end = token.end < bytes.count && bytes[token.end] == 0x20 ? token.end + 1 : token.end
      let range = TextRange(start: start, end: end)
      return diagnostic(
        range, "Break the line", fix: Fix(title: "Break", edits: [TextEdit(range: range, newText: "\n")]))
    }
  }
}

/// Substitutes “in order to” (any spacing) with “to”, keeping case.
struct WordyTestRule: Rule {
  let description = RuleDescription(
    id: "test/wordy", name: "Wordy", summary: "Say it shorter", explanation: "Test rule.", defaultSeverity: .warning,
    isFixable: true, examples: [])
  let matcher = PhraseMatcher(["in order to"])

  func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    matcher.matches(in: document, tokenRange: 0..<document.tokens.count).map { match in
      let range = TextRange(start: document.tokens[match.firstToken].start, end: document.tokens[match.lastToken].end)
      let replacement = CasePreserving.apply(replacement: "to", like: document.string(range))
      return diagnostic(
        range, "Use “\(replacement)”", fix: Fix(title: "Shorten", edits: [TextEdit(range: range, newText: replacement)])
      )
    }
  }
}

/// Turns `ping` into `pong` and back: never settles.
struct PingPongTestRule: Rule {
  let description = RuleDescription(
    id: "test/ping-pong", name: "Ping pong", summary: "Never settles", explanation: "Test rule.",
    defaultSeverity: .warning, isFixable: true, examples: [])

  func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    document.tokens.compactMap { token in
      guard token.kind == .word else { return nil }
      let word = document.string(token)
      guard word == "ping" || word == "pong" else { return nil }
      return diagnostic(
        token.range, "Swap",
        fix: Fix(title: "Swap", edits: [TextEdit(range: token.range, newText: word == "ping" ? "pong" : "ping")]))
    }
  }
}

func testLinter(_ rules: [any Rule]) -> Linter {
  Linter(
    rules: rules.sorted { $0.id < $1.id }.map { ConfiguredRule(rule: $0, severity: $0.description.defaultSeverity) })
}

