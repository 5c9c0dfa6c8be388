import CopydeskWorkspace
import Foundation

/// One in-process run of `copydesk`, with helpers to read its `--format json` output.
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
    let result = runCopydesk(arguments, in: directory)
    return CLIRun(status: result.status, out: result.out, err: result.err)
  }
}
