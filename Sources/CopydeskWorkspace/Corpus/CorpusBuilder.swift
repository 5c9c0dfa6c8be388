public import CopydeskCore
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A corpus root that cannot be indexed.
public struct CorpusError: Error, CustomStringConvertible, Sendable {
  public let message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }
}

/// Builds the corpus index: every draft under the root (include and ignore globs honoured, links
/// that leave the root or loop not followed), plus the published articles of `navigation.index`.
///
/// Reads only what the index needs. A draft up to `wholeFileBytes` is read in one call; a larger one
/// by its first `headBytes` (title, front matter) and last `tailBytes` (footer). Neither is
/// tokenised: `DraftScanner` reads the lines that matter, and only drafts it cannot settle (a
/// Markdown footer, a Markdown title that is not a leading `# heading`) go through the full parser.
/// Files are read in parallel on `jobs` threads; the result does not depend on scheduling.
public struct CorpusBuilder: Sendable {
  /// Drafts up to this many bytes are read whole.
  public static let wholeFileBytes = 16 * 1024
  /// How much of a larger draft's head is read (its title and front matter).
  public static let headBytes = 8 * 1024
  /// How much of a larger draft's tail is read (its footer).
  public static let tailBytes = 4 * 1024

  public let discovery: FileDiscovery
  public let published: [DraftSummary]
  public let jobs: Int

  /// - Parameters:
  ///   - discovery: the corpus root with its include and ignore globs.
  ///   - published: entries of the published-articles index (`LoadedConfiguration.publishedArticles`).
  ///   - jobs: threads reading files (default: all cores).
  public init(discovery: FileDiscovery, published: [DraftSummary] = [], jobs: Int? = nil) {
    self.discovery = discovery
    self.published = published
    self.jobs = Swift.max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
  }

  /// True when an enabled rule of `linter` reads the corpus (`CorpusRule`): otherwise the index is
  /// not worth building.
  public static func isNeeded(by linter: Linter) -> Bool {
    linter.rules.contains { $0.rule is any CorpusRule }
  }

  /// Indexes the corpus. Throws when the root is missing, not a folder or unreadable; unreadable or
  /// binary drafts inside it are left out (linting them reports the problem).
  public func build() throws(CorpusError) -> CorpusIndex {
    try CorpusBuilder.checkRoot(discovery.root)
    let entries = CorpusBuilder.uniqueEntries(discovery.entries(under: discovery.root))
    return CorpusIndex(drafts: published + summarize(entries), workers: jobs)
  }

  /// A clear error for a root that cannot be indexed.
  public static func checkRoot(_ root: String) throws(CorpusError) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
      throw CorpusError("the corpus root \(root) does not exist; pass an existing folder with --root")
    }
    guard isDirectory.boolValue else { throw CorpusError("the corpus root \(root) is not a folder; pass a folder with --root") }
    guard let handle = opendir(root) else {
      throw CorpusError("cannot read the corpus root \(root): \(String(cString: strerror(errno)))")
    }
    closedir(handle)
  }

  /// Drops linked files whose target is indexed already (as a regular file or through another link),
  /// so one article never counts twice and makes its own title ambiguous.
  static func uniqueEntries(_ entries: [DiscoveredDraft]) -> [DiscoveredDraft] {
    let regular = Set(entries.lazy.filter { $0.linkTarget == nil }.map(\.path))
    var seenTargets: Set<String> = []
    return entries.filter { entry in
      guard let target = entry.linkTarget else { return true }
      return !regular.contains(target) && seenTargets.insert(target).inserted
    }
  }

  /// Index entries for `entries`, in order, skipping files that cannot be read.
  private func summarize(_ entries: [DiscoveredDraft]) -> [DraftSummary] {
    let count = entries.count
    let workers = Swift.min(jobs, Swift.max(1, count / 256))
    if workers == 1 {
      return entries.compactMap { CorpusBuilder.summary(ofFile: $0.path, relativePath: $0.relativePath) }
    }
    let results = Mutex([DraftSummary?](repeating: nil, count: count))
    let nextIndex = Atomic<Int>(0)
    let batch = 64
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      var local: [(Int, DraftSummary?)] = []
      while true {
        let start = nextIndex.add(batch, ordering: .relaxed).oldValue
        guard start < count else { break }
        for index in start..<Swift.min(start + batch, count) {
          local.append((index, CorpusBuilder.summary(ofFile: entries[index].path, relativePath: entries[index].relativePath)))
        }
      }
      results.withLock { results in
        for (index, summary) in local { results[index] = summary }
      }
    }
    return results.withLock { $0.compactMap { $0 } }
  }

  /// The index entry of one draft on disk, or nil when it cannot be read, is not a regular file, or
  /// is binary. For the language server when a watched file changes.
  ///
  /// A file over `DraftReader.defaultMaxFileBytes` (which the linter skips) is never read whole:
  /// its entry holds what its head and tail show.
  public static func summary(ofFile path: String, relativePath: String) -> DraftSummary? {
    guard let file = DraftFile(path: path) else { return nil }
    defer { file.close() }
    let format = DraftFormat.forPath(relativePath)
    guard file.size > wholeFileBytes else {
      return summary(ofWhole: file.read(offset: 0, count: file.size), relativePath: relativePath, format: format)
    }
    let head = file.read(offset: 0, count: headBytes)
    if DraftScanner.isBinary(head) { return nil }
    let origin = byteOrderMarkLength(head)
    var scan = DraftScanner.scan(head, start: origin, end: head.count, format: format, isComplete: false)
    let canReadWhole = file.size <= DraftReader.defaultMaxFileBytes
    if scan.needsFullParse && canReadWhole {
      return summary(ofWhole: file.read(offset: 0, count: file.size), relativePath: relativePath, format: format)
    }
    // The tail, with the byte before it, so we know whether its first line is whole.
    let tailOffset = file.size - tailBytes - 1
    let tail = file.read(offset: tailOffset, count: tailBytes + 1)
    guard tail.count > 1 else { return makeSummary(scan, relativePath: relativePath, format: format) }
    var lines = DraftScanner.lines(tail, start: 1, end: tail.count)
    let before = tail[0]
    let startsLine = before == 0x0A || (before == 0x0D && tail[1] != 0x0A)
    if !startsLine && !lines.isEmpty { lines.removeFirst() }
    guard !lines.isEmpty else { return makeSummary(scan, relativePath: relativePath, format: format) }
    if format == .markdown {
      // A Markdown footer is for the full parser to judge.
      if canReadWhole, lines.contains(where: { DraftScanner.marker(tail, DraftScanner.trimmed($0, tail)) != nil }) {
        return summary(ofWhole: file.read(offset: 0, count: file.size), relativePath: relativePath, format: format)
      }
      return makeSummary(scan, relativePath: relativePath, format: format)
    }
    let firstLineOffset = tailOffset + lines[0].start
    // Lines before the tail are counted only when the tail holds a reference to number.
    var footer = DraftScan()
    let hasFooter = DraftScanner.scanFooter(
      tail, lines: lines, from: 0, origin: origin - tailOffset, lineBase: 0, into: &footer)
    if hasFooter {
      let lineBase = file.countLineBreaks(before: firstLineOffset, head: head)
      for direction in [NavigationDirection.previous, .next] {
        if var reference = direction == .previous ? footer.previous : footer.next {
          reference.lineIndex += lineBase
          scan.set(direction, reference)
        }
      }
    }
    return makeSummary(scan, relativePath: relativePath, format: format)
  }

  private static func byteOrderMarkLength(_ bytes: [UInt8]) -> Int {
    bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
  }

  /// A draft read whole: scanned, or parsed when the scan cannot settle it.
  static func summary(ofWhole bytes: [UInt8], relativePath: String, format: DraftFormat) -> DraftSummary? {
    if DraftScanner.isBinary(bytes) { return nil }
    let scan = DraftScanner.scan(bytes, start: byteOrderMarkLength(bytes), end: bytes.count, format: format)
    guard scan.needsFullParse else { return makeSummary(scan, relativePath: relativePath, format: format) }
    let document = Document(path: relativePath, format: format, text: SourceText(decoding: bytes))
    return CorpusIndex.summary(of: document, relativePath: relativePath)
  }

  static func makeSummary(_ scan: DraftScan, relativePath: String, format: DraftFormat) -> DraftSummary {
    func reference(_ direction: NavigationDirection) -> NavigationReference? {
      guard let found = direction == .previous ? scan.previous : scan.next else { return nil }
      return NavigationReference(direction: direction, name: found.name.text, range: found.name.range, isFooter: found.isFooter)
    }
    return DraftSummary(
      path: relativePath, title: scan.title?.text, slug: scan.slug?.text ?? CorpusIndex.stem(of: relativePath), format: format,
      previous: reference(.previous), next: reference(.next), previousLineNumber: scan.previous.map { $0.lineIndex + 1 },
      nextLineNumber: scan.next.map { $0.lineIndex + 1 })
  }
}
