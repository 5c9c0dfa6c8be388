import CopydeskWorkspace
import Foundation
import Testing

/// `--jobs` and `--shard` on a 200-draft generated corpus.
@Suite struct ParallelAndShardTests {
  static let corpusSize = 200

  @Test(arguments: ["text", "json", "sarif", "github"])
  func parallelOutputIsByteIdenticalToSerial(format: String) throws {
    let folder = try Pipeline.makeFolder()
    defer { Pipeline.cleanUp(folder) }
    try Pipeline.generateCorpus(count: Self.corpusSize, seed: 2024, in: folder)
    let serial = Pipeline.run(["lint", "--format", format, "--jobs", "1"], in: folder)
    let parallel = Pipeline.run(["lint", "--format", format, "--jobs", "2"], in: folder)
    let wide = Pipeline.run(["lint", "--format", format, "--jobs", "7"], in: folder)
    #expect(serial.stdout == parallel.stdout)
    #expect(serial.stdout == wide.stdout)
    #expect(serial.stderr == parallel.stderr)
    #expect(serial.status == parallel.status)
    // The corpus must actually produce findings in many files, or the comparison proves little.
    let findings = serial.stdout.components(separatedBy: "repetition/word").count - 1
    #expect(findings > 100, "only \(findings) findings")
  }

  /// Per-file JSON objects of a run, keyed by path.
  static func files(_ run: CapturedRun) throws -> [String: NSDictionary] {
    let object = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let files = try #require(object["files"] as? [NSDictionary])
    var result: [String: NSDictionary] = [:]
    for file in files {
      let path = try #require(file["path"] as? String)
      #expect(result[path] == nil, "\(path) listed twice")
      result[path] = file
    }
    return result
  }

  @Test func shardsCoverTheCorpusExactlyOnce() throws {
    let folder = try Pipeline.makeFolder()
    defer { Pipeline.cleanUp(folder) }
    let paths = try Pipeline.generateCorpus(count: Self.corpusSize, seed: 77, in: folder)
    let full = try Self.files(Pipeline.run(["lint", "--format", "json"], in: folder))
    #expect(Set(full.keys) == Set(paths))
    var union: [String: NSDictionary] = [:]
    for shard in 1...3 {
      let files = try Self.files(Pipeline.run(["lint", "--format", "json", "--shard", "\(shard)/3"], in: folder))
      // Each shard takes a real share (the hash spreads 200 paths; an empty shard would mean a broken split).
      #expect(files.count > Self.corpusSize / 6, "shard \(shard) has \(files.count) files")
      for (path, file) in files {
        #expect(union[path] == nil, "\(path) is in two shards")
        union[path] = file
      }
    }
    #expect(Set(union.keys) == Set(full.keys))
    for (path, file) in full {
      #expect(union[path] == file, "\(path) differs between the shard and the full run")
    }
  }

  @Test func shardAssignmentIsStableAndInRange() {
    #expect(LintCommand.shardIndex(of: "news/draft-1.md", count: 3) == LintCommand.shardIndex(of: "news/draft-1.md", count: 3))
    let counts = (0..<300).reduce(into: [0, 0, 0]) { counts, index in counts[LintCommand.shardIndex(of: "d/\(index).md", count: 3)] += 1 }
    #expect(counts.allSatisfy { $0 > 60 })
    #expect(LintCommand.shardIndex(of: "anything.md", count: 1) == 0)
  }
}
