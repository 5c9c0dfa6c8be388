public import CopydeskCore
import Dispatch
import Foundation
import Synchronization

/// A draft to lint: where it is and how to name it in output.
public struct LintTarget: Sendable, Hashable {
  /// Absolute path on disk.
  public var absolutePath: String
  /// The path shown in output (as given, or relative to the root).
  public var displayPath: String
  /// `absolutePath` with symbolic links resolved, when the caller already knows it (discovery does):
  /// resolving a path asks the file system about every folder on it.
  public var canonicalPath: String?

  public init(absolutePath: String, displayPath: String, canonicalPath: String? = nil) {
    self.absolutePath = absolutePath
    self.displayPath = displayPath
    self.canonicalPath = canonicalPath
  }

  /// The folder whose configuration applies to this draft.
  var directory: String { FileDiscovery.parentDirectory(of: absolutePath) }
}

/// Reads drafts safely: size limit, binary detection, invalid UTF-8 repaired.
public enum DraftReader {
  /// Files larger than this are skipped unless the configuration raises the limit.
  public static let defaultMaxFileBytes = 16 * 1024 * 1024

  public enum Outcome: Sendable {
    case text(SourceText, raw: [UInt8])
    case skipped(String)
    case failed(String)
  }

  public static func read(_ path: String, maxBytes: Int) -> Outcome {
    let file: DraftFile
    switch DraftFile.open(path) {
    case .success(let opened): file = opened
    case .failure(.system(_, let code)): return .failed("cannot read \(path): \(String(cString: strerror(code)))")
    case .failure(let failure): return .failed("cannot read \(path): \(failure.description)")
    }
    defer { file.close() }
    if file.size > maxBytes {
      return .skipped("skipped: \(file.size) bytes is over the \(maxBytes)-byte limit (raise \"maxFileBytes\" in .copydesk.json)")
    }
    let bytes = file.readAll()
    // The word-at-a-time twin of `isBinary` (a test checks the two agree).
    if DraftScanner.isBinary(bytes) { return .skipped("skipped: binary file") }
    return .text(SourceText(decoding: bytes), raw: bytes)
  }

  /// A file is binary when its first 8 KiB hold a NUL in a run typical of binaries, or a known magic number.
  public static func isBinary(_ bytes: [UInt8]) -> Bool {
    let prefix = bytes.prefix(8192)
    let magic: [[UInt8]] = [[0x89, 0x50, 0x4E, 0x47], [0xFF, 0xD8, 0xFF], [0x25, 0x50, 0x44, 0x46], [0x50, 0x4B, 0x03, 0x04], [0x47, 0x49, 0x46, 0x38], [0x7F, 0x45, 0x4C, 0x46]]
    if magic.contains(where: { prefix.starts(with: $0) }) { return true }
    var nulCount = 0
    var controlCount = 0
    for byte in prefix {
      if byte == 0 { nulCount += 1 }
      if byte < 0x09 || (byte > 0x0D && byte < 0x20) { controlCount += 1 }
    }
    // A stray NUL in text is tolerated; many NULs or control bytes mean binary.
    return nulCount > 8 || (prefix.count > 0 && controlCount * 10 > prefix.count)
  }
}

/// Lints many files in parallel; results come back in input order whatever the scheduling.
public struct LintRunner: Sendable {
  public let configurations: ConfigurationCache
  public let corpus: (any DraftIndex)?
  public let jobs: Int
  /// The corpus root, to find each linted file's own entry in `corpus` (its root-relative path).
  public let corpusRoot: FileDiscovery?
  /// Whether reports carry each finding's identity (`ReportedDiagnostic.hasIdentity`), which baselines and
  /// SARIF need and other outputs do not.
  public let recordsIdentity: Bool

  public init(
    configurations: ConfigurationCache, corpus: (any DraftIndex)?, jobs: Int, corpusRoot: FileDiscovery? = nil,
    recordsIdentity: Bool = true
  ) {
    self.configurations = configurations
    self.corpus = corpus
    self.jobs = Swift.max(1, jobs)
    self.corpusRoot = corpusRoot
    self.recordsIdentity = recordsIdentity
  }

  /// Lints one file from disk.
  public func lint(_ target: LintTarget) -> FileReport {
    let configuration: LoadedConfiguration
    do {
      configuration = try configurations.configuration(forDirectory: target.directory)
    } catch {
      return FileReport(path: target.displayPath, diagnostics: [], notice: error.description, isError: true)
    }
    let limit = configuration.configuration.maxFileBytes ?? DraftReader.defaultMaxFileBytes
    switch DraftReader.read(target.absolutePath, maxBytes: limit) {
    case .failed(let message):
      return FileReport(path: target.displayPath, diagnostics: [], notice: message, isError: true)
    case .skipped(let message):
      return FileReport(path: target.displayPath, diagnostics: [], notice: message, isError: false)
    case .text(let text, _):
      var corpusPath: String? = nil
      if corpus != nil, let corpusRoot {
        corpusPath = corpusRoot.relativePath(canonical: target.canonicalPath ?? FileDiscovery.canonical(target.absolutePath))
      }
      return lint(text: text, displayPath: target.displayPath, configuration: configuration, corpusPath: corpusPath)
    }
  }

  /// Lints text that is already in memory (stdin).
  ///
  /// - Parameter corpusPath: the draft's path relative to the corpus root, when it is in the corpus.
  public func lint(text: SourceText, displayPath: String, configuration: LoadedConfiguration, corpusPath: String? = nil) -> FileReport {
    let document = Document(path: displayPath, text: text)
    let diagnostics = configuration.linter.lint(
      document, context: RuleContext(corpus: corpus, corpusPath: corpusPath), workers: jobs)
    return FileReport(path: displayPath, diagnostics: diagnostics.map { ReportedDiagnostic($0, in: text, includingIdentity: recordsIdentity) })
  }

  /// Lints every target on `jobs` threads. The output order is the input order.
  public func lint(_ targets: [LintTarget], progress: (@Sendable (Int) -> Void)? = nil) -> [FileReport] {
    if jobs == 1 || targets.count < 2 {
      var reports: [FileReport] = []
      for (index, target) in targets.enumerated() {
        reports.append(lint(target))
        progress?(index + 1)
      }
      return reports
    }
    let done = Atomic<Int>(0)
    return ParallelWork.map(targets.count, workers: jobs) { index in
      let report = lint(targets[index])
      progress?(done.add(1, ordering: .relaxed).newValue)
      return report
    }
  }
}
