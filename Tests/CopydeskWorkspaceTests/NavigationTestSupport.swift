import CopydeskCore
import CopydeskWorkspace
import Foundation
import Synchronization
import Testing

/// Output captured from an in-process `copydesk` run.
final class CapturedConsole: Sendable {
  private let out = Mutex("")
  private let err = Mutex("")
  let currentDirectory: String

  init(currentDirectory: String) {
    self.currentDirectory = currentDirectory
  }

  var console: Console {
    Console(
      writeOut: { text in self.out.withLock { $0 += text } }, writeError: { text in self.err.withLock { $0 += text } },
      currentDirectory: currentDirectory)
  }

  var standardOutput: String { out.withLock { $0 } }
  var standardError: String { err.withLock { $0 } }
}

/// The navigation fixtures under `Tests/Fixtures/navigation` and helpers to run the CLI on them.
enum NavigationFixtures {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/navigation")
  /// The corpus: a clean `.txt` ↔ `.md` chain, a published index, duplicates and one draft per problem.
  static let corpus = directory.appendingPathComponent("corpus").path

  /// Only the navigation rules, so findings of other rules never enter these goldens.
  static let ruleArguments = [
    "navigation/ambiguous", "navigation/dangling", "navigation/not-reciprocal", "navigation/self", "navigation/title-mismatch",
  ].flatMap { ["--rule", $0] }

  /// Runs `copydesk` in-process from `directory`.
  static func run(_ arguments: [String], in directory: String) -> (status: CopydeskWorkspace.ExitStatus, out: String, err: String) {
    let captured = CapturedConsole(currentDirectory: directory)
    let status = CommandLineTool.run(arguments, console: captured.console)
    return (status, captured.standardOutput, captured.standardError)
  }

  /// Compares with `Tests/Fixtures/navigation/<name>`; `COPYDESK_UPDATE_GOLDENS=1` rewrites it.
  static func expectGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = directory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["COPYDESK_UPDATE_GOLDENS"] == "1" {
      try Data(actual.utf8).write(to: url)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, sourceLocation: sourceLocation)
  }

  /// A fresh copy of the fixture corpus in a temporary folder (for tests that add links or files).
  static func temporaryCopy() throws -> (root: URL, cleanup: () -> Void) {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("copydesk-nav-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    let root = base.appendingPathComponent("corpus")
    try FileManager.default.copyItem(atPath: corpus, toPath: root.path)
    return (URL(fileURLWithPath: FileDiscovery.canonical(root.path)), { try? FileManager.default.removeItem(at: base) })
  }

  /// `files[].path` → `diagnostics[].rule` of a JSON report.
  static func rulesByFile(_ json: String) throws -> [String: [String]] {
    let value = try JSON5Parser.parse(Array(json.utf8))
    var result: [String: [String]] = [:]
    for file in value.objectValue?["files"]?.arrayValue ?? [] {
      let path = try #require(file.objectValue?["path"]?.stringValue)
      result[path] = (file.objectValue?["diagnostics"]?.arrayValue ?? []).compactMap { $0.objectValue?["rule"]?.stringValue }
    }
    return result
  }
}
