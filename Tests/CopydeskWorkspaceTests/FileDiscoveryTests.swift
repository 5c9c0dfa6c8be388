import CopydeskWorkspace
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite("File discovery")
struct FileDiscoveryTests {
  /// A canonical temporary root with `files` (relative path → text) and a sibling `outside` folder.
  static func makeTree(_ files: [String: String]) throws -> (root: String, outside: String, cleanup: () -> Void) {
    let base = FileDiscovery.canonical(
      FileManager.default.temporaryDirectory.appendingPathComponent("copydesk-discovery-\(UUID().uuidString)").path)
    let root = base + "/root"
    let outside = base + "/outside"
    for folder in [root, outside] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
    for (path, text) in files {
      let url = URL(fileURLWithPath: root + "/" + path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return (root, outside, { try? FileManager.default.removeItem(atPath: base) })
  }

  static func link(_ path: String, to destination: String) throws {
    try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: destination)
  }

  @Test func honoursIncludeIgnoreAndSkippedFolders() throws {
    let (root, _, cleanup) = try Self.makeTree([
      "a.md": "", "b.txt": "", "c.markdown": "", "d.json": "", "sub/e.md": "", "archive/f.md": "", "sub/archive/g.md": "",
      ".git/h.md": "", "node_modules/i.md": "", "drafts/notes.txt": "",
    ])
    defer { cleanup() }
    let all = FileDiscovery(root: root)
    #expect(all.entries(under: root).map(\.relativePath) == [
      "a.md", "archive/f.md", "b.txt", "c.markdown", "drafts/notes.txt", "sub/archive/g.md", "sub/e.md",
    ])
    let filtered = FileDiscovery(root: root, include: ["**/*.md"], ignore: ["archive/**", "drafts"])
    #expect(filtered.entries(under: root).map(\.relativePath) == ["a.md", "sub/archive/g.md", "sub/e.md"])
    #expect(filtered.entries(under: root + "/sub").map(\.relativePath) == ["sub/archive/g.md", "sub/e.md"])
    #expect(filtered.drafts(under: root).first == root + "/a.md")
  }

  @Test func linksAreFollowedOnlyInsideTheRootAndLoopsEnd() throws {
    let (root, outside, cleanup) = try Self.makeTree(["a.md": "A", "sub/b.md": "B", "real/c.md": "C"])
    defer { cleanup() }
    try "secret".write(toFile: outside + "/secret.md", atomically: true, encoding: .utf8)
    try Self.link(root + "/sub/loop", to: "..")  // Back to the root: a loop.
    try Self.link(root + "/sub/here", to: ".")  // Itself: a loop.
    try Self.link(root + "/mirror", to: "real")  // A folder inside the root, reached twice.
    try Self.link(root + "/escape", to: outside)  // A folder outside.
    try Self.link(root + "/leak.md", to: outside + "/secret.md")  // A file outside.
    try Self.link(root + "/up.md", to: "../outside/secret.md")  // The same, relatively.
    try Self.link(root + "/alias.md", to: "a.md")  // A file inside.
    try Self.link(root + "/dangling.md", to: "missing.md")
    let discovery = FileDiscovery(root: root)
    let entries = discovery.entries(under: root)
    #expect(entries.map(\.relativePath) == ["a.md", "alias.md", "real/c.md", "sub/b.md"])
    #expect(entries.first { $0.relativePath == "alias.md" }?.linkTarget == root + "/a.md")
    #expect(entries.filter { $0.relativePath != "alias.md" }.allSatisfy { $0.linkTarget == nil })
    #expect(discovery.relativePath(root + "/escape/secret.md") == nil)
    #expect(discovery.relativePath(root + "/mirror/c.md") == "real/c.md")
  }

  @Test func aFIFONamedLikeADraftIsNotADraft() throws {
    let (root, _, cleanup) = try Self.makeTree(["a.md": "A"])
    defer { cleanup() }
    #expect(mkfifo(root + "/pipe.md", 0o644) == 0)
    #expect(FileDiscovery(root: root).entries(under: root).map(\.relativePath) == ["a.md"])
  }

  @Test func aFolderOutsideTheRootHasNoDrafts() throws {
    let (root, outside, cleanup) = try Self.makeTree(["a.md": "A"])
    defer { cleanup() }
    try "secret".write(toFile: outside + "/secret.md", atomically: true, encoding: .utf8)
    #expect(FileDiscovery(root: root).entries(under: outside).isEmpty)
    #expect(FileDiscovery(root: root).entries(under: root + "/missing").isEmpty)
  }
}

@Suite("Corpus builder reads")
struct CorpusBuilderReadTests {
  @Test func aFIFOIsRefusedWithoutBlocking() throws {
    let (root, _, cleanup) = try FileDiscoveryTests.makeTree([:])
    defer { cleanup() }
    #expect(mkfifo(root + "/pipe.md", 0o644) == 0)
    #expect(CorpusBuilder.summary(ofFile: root + "/pipe.md", relativePath: "pipe.md") == nil)
  }
}
