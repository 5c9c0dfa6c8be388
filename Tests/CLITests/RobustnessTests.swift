import CopydeskCore
import CopydeskWorkspace
import Foundation
import Testing

/// One test per row of the README "Robustness" table.
@Suite("Robustness")
struct RobustnessTests {
  @Test func invalidUTF8IsReportedAndTheRestLinted() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var bytes = Array("# Title\n\nThe the ferry ".utf8)
    bytes += [0xFF, 0xFE, 0xC3]
    bytes += Array(" left.\n".utf8)
    try Data(bytes).write(to: folder.appendingPathComponent("bad.md"))
    let result = runCopydesk(["lint", "bad.md", "--format", "json"], in: folder.path)
    let output = try JSON5Parser.parse(result.out)
    let rules = output["files"]?.arrayValue?.first?["diagnostics"]?.arrayValue?.compactMap { $0["rule"]?.stringValue } ?? []
    #expect(rules.filter { $0 == "input/encoding" }.count == 1)
    #expect(rules.contains("repetition/word"))
  }

  @Test func binaryFileIsSkippedWithANoticeAndDoesNotFailTheRun() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
    png += [UInt8](repeating: 0, count: 200)
    try Data(png).write(to: folder.appendingPathComponent("image.md"))
    try Fixtures.write("# Fine\n\nNothing wrong.\n", to: folder.appendingPathComponent("fine.md"))
    let result = runCopydesk(["lint", "image.md", "fine.md", "--rule", "repetition/word"], in: folder.path)
    #expect(result.status == .clean)
    #expect(result.err == "image.md: skipped: binary file\n")
  }

  @Test func emptyFileIsClean() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data().write(to: folder.appendingPathComponent("empty.md"))
    try Data().write(to: folder.appendingPathComponent("empty.txt"))
    let result = runCopydesk(["lint", "empty.md", "empty.txt", "--rule", "repetition/word"], in: folder.path)
    #expect(result.status == .clean)
    #expect(result.err.isEmpty)
  }

  @Test func fileOverTheSizeLimitIsSkippedWithANotice() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let big = folder.appendingPathComponent("big.md")
    // 50 MB of prose: over the default 16 MiB limit.
    let line = Data(String(repeating: "The ferry left the harbour on time. ", count: 100).utf8 + [0x0A])
    FileManager.default.createFile(atPath: big.path, contents: nil)
    let handle = try FileHandle(forWritingTo: big)
    for _ in 0..<(50 * 1_048_576 / line.count + 1) { handle.write(line) }
    try handle.close()
    let result = runCopydesk(["lint", "big.md"], in: folder.path)
    #expect(result.status == .clean)
    #expect(result.err.contains("big.md: skipped:"))
    #expect(result.err.contains("over the 16777216-byte limit"))
    // The limit is configurable.
    try Fixtures.write(#"{ "maxFileBytes": 1000 }"#, to: folder.appendingPathComponent(".copydesk.json"))
    try Fixtures.write(String(repeating: "Word ", count: 300), to: folder.appendingPathComponent("medium.md"))
    let limited = runCopydesk(["lint", "medium.md"], in: folder.path)
    #expect(limited.err.contains("medium.md: skipped: 1500 bytes is over the 1000-byte limit"))
  }

  @Test func symlinksLeavingTheRootOrLoopingAreNotFollowed() throws {
    let folder = try Fixtures.temporaryFolder()
    let outside = try Fixtures.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: folder)
      try? FileManager.default.removeItem(at: outside)
    }
    try Fixtures.write("# Secret\n\nThe the secret.\n", to: outside.appendingPathComponent("secret.md"))
    try Fixtures.write("# Inside\n\nThe the inside.\n", to: folder.appendingPathComponent("inside.md"))
    try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("escape").path, withDestinationPath: outside.path)
    try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("loop").path, withDestinationPath: folder.path)
    try Fixtures.write("{}", to: folder.appendingPathComponent(".copydesk.json"))
    let result = runCopydesk(["lint", "--format", "json", "--rule", "repetition/word"], in: folder.path)
    let output = try JSON5Parser.parse(result.out)
    let paths = output["files"]?.arrayValue?.compactMap { $0["path"]?.stringValue }
    #expect(paths == ["inside.md"])
  }

  @Test func badConfigurationNeverCrashes() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Fixtures.write("# T\n", to: folder.appendingPathComponent("a.md"))
    for config in ["", "[]", "{", "{\"rules\": 3}", "{\"rules\": {\"repetition/word\": {\"allowList\": 5}}}", String(repeating: "[", count: 600), "\u{0}"] {
      try Fixtures.write(config, to: folder.appendingPathComponent(".copydesk.json"))
      let result = runCopydesk(["lint"], in: folder.path)
      #expect(result.status == .failure, "config \(config.prefix(20)) must be an error")
      #expect(result.err.contains(".copydesk.json:"), "the error names the file: \(result.err)")
    }
  }

  @Test func referencesAreOnlyNamesNeverPaths() {
    let index = CorpusIndex(drafts: [DraftSummary(path: "a.md", title: "A", slug: "a", format: .markdown)])
    for name in ["../../etc/passwd", "/etc/passwd", "~/.ssh/id_rsa", "a.md/../../x"] {
      if case .dangling = index.resolve(name) {} else { Issue.record("\(name) must not resolve") }
    }
  }
}
