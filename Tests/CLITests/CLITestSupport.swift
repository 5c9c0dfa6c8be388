import CopydeskCore
import CopydeskWorkspace
import Foundation
import Synchronization

/// Captures what a command writes.
final class CapturedOutput: Sendable {
  private let out = Mutex("")
  private let error = Mutex("")

  var standardOutput: String { out.withLock { $0 } }
  var standardError: String { error.withLock { $0 } }

  func console(directory: String, input: [UInt8] = [], environment: [String: String] = [:]) -> Console {
    Console(
      writeOut: { text in self.out.withLock { $0 += text } },
      writeError: { text in self.error.withLock { $0 += text } },
      readInput: { input }, isTerminal: false, environment: environment, currentDirectory: directory)
  }
}

/// Runs `copydesk` in-process.
func runCopydesk(_ arguments: [String], in directory: String, input: [UInt8] = []) -> (status: ExitStatus, out: String, err: String) {
  let captured = CapturedOutput()
  let status = CommandLineTool.run(arguments, console: captured.console(directory: directory, input: input))
  return (status, captured.standardOutput, captured.standardError)
}

enum Fixtures {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

  static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

  /// A fresh temporary folder, removed by the caller with `remove`.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("copydesk-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }
}
