import CopydeskCore
import CopydeskRules
import Foundation
import Testing

/// The binary carries `Rules/` inside it; this guards that the embedded copy is current.
@Suite("Embedded rule data")
struct EmbeddedRuleDataTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func filesOnDisk() throws -> [(path: String, contents: String)] {
    let rules = packageRoot.appendingPathComponent("Rules")
    let enumerator = try #require(FileManager.default.enumerator(at: rules, includingPropertiesForKeys: nil))
    var files: [(path: String, contents: String)] = []
    for case let url as URL in enumerator where url.pathExtension == "json" || url.pathExtension == "json5" {
      let relative = String(url.standardizedFileURL.path.dropFirst(rules.standardizedFileURL.path.count + 1))
      files.append((relative, try String(contentsOf: url, encoding: .utf8)))
    }
    return files.sorted { $0.path < $1.path }
  }

  @Test func generatedFileIsCurrent() throws {
    let expected = EmbeddedDataGenerator.swiftSource(for: try Self.filesOnDisk())
    let generated = Self.packageRoot.appendingPathComponent("Sources/CopydeskRules/Generated/EmbeddedRuleData.swift")
    let actual = try String(contentsOf: generated, encoding: .utf8)
    #expect(actual == expected, "Sources/CopydeskRules/Generated/EmbeddedRuleData.swift is stale: run `swift run copydesk-gen`")
  }

  @Test func embeddedCopyMatchesRulesFolder() throws {
    let disk = try Self.filesOnDisk()
    let embedded = BuiltInRuleData.files.sorted { $0.path < $1.path }
    #expect(embedded.map(\.path) == disk.map(\.path))
    for (left, right) in zip(embedded, disk) {
      #expect(left.contents == right.contents, "embedded \(left.path) differs from Rules/\(right.path)")
    }
  }

  @Test func everyEmbeddedFileParses() throws {
    for file in BuiltInRuleData.files {
      #expect(throws: Never.self, "Rules/\(file.path) must be valid JSON5") { _ = try JSON5Parser.parse(file.contents) }
    }
    #expect(BuiltInRuleData.list("doubled-word-allow").contains("had"))
  }
}
