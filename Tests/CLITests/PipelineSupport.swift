import CopydeskTestSupport
import CopydeskWorkspace
import Foundation
import Synchronization

/// What one in-process `copydesk` invocation printed and returned.
struct CapturedRun {
  var status: ExitStatus
  var stdout: String
  var stderr: String
}

/// Helpers for end-to-end CLI tests of CI use: a scratch corpus on disk and in-process runs.
enum Pipeline {
  final class Buffer: Sendable {
    private let text = Mutex("")
    func append(_ string: String) { text.withLock { $0 += string } }
    var value: String { text.withLock { $0 } }
  }

  /// Runs `copydesk ARGUMENTS` in `directory` with captured streams.
  static func run(
    _ arguments: [String], in directory: URL, stdin: String = "", isTerminal: Bool = false,
    isErrorTerminal: Bool = false, environment: [String: String] = [:]
  ) -> CapturedRun {
    let out = Buffer()
    let err = Buffer()
    let input = Array(stdin.utf8)
    let console = Console(
      writeOut: { out.append($0) }, writeError: { err.append($0) }, readInput: { input }, isTerminal: isTerminal,
      environment: environment, currentDirectory: directory.path, isErrorTerminal: isErrorTerminal)
    let status = CommandLineTool.run(arguments, console: console)
    return CapturedRun(status: status, stdout: out.value, stderr: err.value)
  }

  /// A fresh folder under the temporary directory; remove it with `cleanUp`.
  static func makeFolder() throws -> URL {
    try Fixtures.temporaryFolder()
  }

  static func cleanUp(_ url: URL) {
    try? FileManager.default.removeItem(at: url)
  }

  static func write(_ text: String, to relativePath: String, in folder: URL) throws {
    try Fixtures.write(text, to: folder.appendingPathComponent(relativePath))
  }

  static let vocabulary = [
    "the", "ministry", "said", "talks", "would", "resume", "in", "spring", "after", "a", "pause", "over", "grain",
    "exports", "and", "river", "rights", "officials", "met", "again", "on", "Tuesday", "to", "review", "budget",
    "plan", "Zoë", "café", "déjà", "vu", "😀", "—", "“quoted”", "words", "railway", "coast", "northern", "port",
  ]

  /// Writes `count` drafts (Markdown and plain text, in nested folders, some with CRLF) with doubled words
  /// sprinkled in, and returns their root-relative paths.
  @discardableResult
  static func generateCorpus(count: Int, seed: UInt64, in folder: URL) throws -> [String] {
    var random = SplitMix64(seed: seed)
    var paths: [String] = []
    for index in 0..<count {
      let isMarkdown = index % 3 != 0
      let folderName = ["news", "features", "opinion/guest", "archive 2024"][Int.random(in: 0..<4, using: &random)]
      let path = "\(folderName)/draft-\(index).\(isMarkdown ? "md" : "txt")"
      var paragraphs: [String] = []
      for _ in 0..<Int.random(in: 2...5, using: &random) {
        var words: [String] = []
        for _ in 0..<Int.random(in: 8...30, using: &random) {
          let word = vocabulary[Int.random(in: 0..<vocabulary.count, using: &random)]
          words.append(word)
          // About one word in 25 is typed twice, sometimes across a line break.
          if Int.random(in: 0..<25, using: &random) == 0 {
            words.append((Bool.random(using: &random) ? "\n" : "") + word)
          }
        }
        paragraphs.append(words.joined(separator: " ").replacingOccurrences(of: " \n", with: "\n") + ".")
      }
      let title = "Draft number \(index)"
      var text = (isMarkdown ? "# \(title)\n\n" : "\(title)\n\n") + paragraphs.joined(separator: "\n\n") + "\n"
      if index % 7 == 0 { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
      try write(text, to: path, in: folder)
      paths.append(path)
    }
    return paths.sorted()
  }
}
