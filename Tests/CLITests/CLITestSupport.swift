import CopydeskWorkspace
import Foundation
import Synchronization

/// Runs `copydesk` in-process with a console that captures both streams.
struct CLIRun {
  let status: ExitStatus
  let out: String
  let err: String

  /// The `--format json` output, parsed.
  var json: [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(out.utf8))) as? [String: Any] ?? [:]
  }

  /// Every diagnostic of the JSON output, across files.
  var diagnostics: [[String: Any]] {
    let files = json["files"] as? [[String: Any]] ?? []
    return files.flatMap { $0["diagnostics"] as? [[String: Any]] ?? [] }
  }

  static func run(_ arguments: [String], in directory: String) -> CLIRun {
    let out = Mutex("")
    let err = Mutex("")
    let console = Console(
      writeOut: { text in out.withLock { $0 += text } }, writeError: { text in err.withLock { $0 += text } },
      environment: ["NO_COLOR": "1"], currentDirectory: directory)
    let status = CommandLineTool.run(arguments, console: console)
    return CLIRun(status: status, out: out.withLock { $0 }, err: err.withLock { $0 })
  }
}

/// A fresh folder under the system's temporary directory, removed by `remove()`.
struct TemporaryFolder {
  let path: String

  init() throws {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("copydesk-cli-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  func write(_ name: String, _ contents: String) throws {
    try contents.write(toFile: (path as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
  }

  func read(_ name: String) throws -> String {
    try String(contentsOfFile: (path as NSString).appendingPathComponent(name), encoding: .utf8)
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }
}

/// `Tests/Fixtures`, found from this file's location.
enum Fixtures {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures").path

  static func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }
}
