public import CopydeskCore
import Dispatch
import Foundation
import Synchronization

/// Fixes drafts for `copydesk lint --fix` and `--diff`: reads each file, fixes it to a fixpoint with the
/// shared `FixApplier`, and either writes it back with `AtomicFileWriter` or keeps the result for a diff.
///
/// The file's byte order mark and line-ending style are kept: the BOM is put back in front of the fixed
/// text, and line breaks inside inserted text take the file's dominant style. A file that is not valid
/// UTF-8 is never rewritten, since its invalid bytes would come back as U+FFFD.
public struct FixSession: Sendable {
  /// What to do with a fixed file.
  public enum Mode: Sendable, Hashable {
    /// Write it back atomically (`--fix`).
    case write
    /// Leave it alone; the caller renders a diff (`--diff`).
    case preview
  }

  public let configurations: ConfigurationCache
  public let corpus: (any DraftIndex)?
  public let mode: Mode
  public let jobs: Int
  public var maxPasses: Int
  public var writer: AtomicFileWriter
  /// The corpus root, to find each fixed file's own entry in `corpus` (its root-relative path).
  public var corpusRoot: FileDiscovery? = nil

  public init(
    configurations: ConfigurationCache, corpus: (any DraftIndex)?, mode: Mode, jobs: Int,
    maxPasses: Int = FixApplier.defaultMaxPasses, writer: AtomicFileWriter = AtomicFileWriter()
  ) {
    self.configurations = configurations
    self.corpus = corpus
    self.mode = mode
    self.jobs = Swift.max(1, jobs)
    self.maxPasses = maxPasses
    self.writer = writer
  }

  /// What happened to one draft.
  public struct FileOutcome: Sendable {
    /// What still needs a human: findings in the fixed text, or in the original when nothing was written.
    /// `notice` and `isError` say what went wrong, if anything.
    public var report: FileReport
    /// Fixes applied over all passes (0 when the file could not be written).
    public var fixesApplied: Int
    /// Rounds that changed the text.
    public var passes: Int
    /// False when fixes were still changing the text after the last pass.
    public var converged: Bool
    /// The bytes as read (byte order mark included).
    public var original: [UInt8]
    /// The bytes after fixing (byte order mark included); equal to `original` when nothing changed or
    /// the file was not fixed.
    public var fixed: [UInt8]
    /// Regions that differ between `original` and `fixed`, in their byte coordinates.
    public var changes: [TextChange]
    /// True when the fixed bytes were written to disk.
    public var written: Bool

    public var isChanged: Bool { original != fixed }

    /// The unified diff from `original` to `fixed` under `path` (relative, `/` separators); "" when equal.
    public func diff(path: String) -> String {
      UnifiedDiff.render(old: original, new: fixed, changes: changes, oldPath: path, newPath: path)
    }
  }

  // MARK: Files

  /// Fixes every target on `jobs` threads. The output order is the input order.
  public func fix(_ targets: [LintTarget]) -> [FileOutcome] {
    if jobs == 1 || targets.count < 2 { return targets.map(fix) }
    let results = Mutex([FileOutcome?](repeating: nil, count: targets.count))
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: Swift.min(jobs, targets.count)) { _ in
      while true {
        let index = next.add(1, ordering: .relaxed).oldValue
        guard index < targets.count else { return }
        let outcome = fix(targets[index])
        results.withLock { $0[index] = outcome }
      }
    }
    return results.withLock { $0.map { $0! } }
  }

  /// Reads one draft, fixes it, and (in `.write` mode) writes it back when it changed.
  public func fix(_ target: LintTarget) -> FileOutcome {
    let configuration: LoadedConfiguration
    do {
      configuration = try configurations.configuration(
        forDirectory: target.directory)
    } catch {
      return failure(target.displayPath, notice: error.description, isError: true)
    }
    let limit = configuration.configuration.maxFileBytes ?? DraftReader.defaultMaxFileBytes
    let snapshot: FileSnapshot
    do {
      snapshot = try FileSnapshot.read(target.absolutePath, maxBytes: limit)
    } catch {
      if case .tooLarge = error { return failure(target.displayPath, notice: "skipped: \(error)", isError: false) }
      return failure(target.displayPath, notice: "cannot read: \(error)", isError: true)
    }
    if DraftScanner.isBinary(snapshot.bytes) {
      return failure(target.displayPath, notice: "skipped: binary file", isError: false)
    }

    let corpusPath = corpus == nil ? nil : corpusRoot?.relativePath(target.absolutePath)
    var outcome = fix(bytes: snapshot.bytes, displayPath: target.displayPath, configuration: configuration, corpusPath: corpusPath)
    guard mode == .write, outcome.isChanged else { return outcome }
    do {
      try writer.replace(snapshot, with: outcome.fixed)
      outcome.written = true
    } catch {
      // The file is as it was: report its own findings, not those of text that was never written.
      let text = SourceText(decoding: snapshot.bytes)
      let diagnostics = lint(Document(path: target.displayPath, text: text), linter: configuration.linter, corpusPath: corpusPath)
      outcome.report = FileReport(
        path: target.displayPath, diagnostics: diagnostics.map { ReportedDiagnostic($0, in: text) },
        notice: "cannot write: \(error)", isError: true)
      outcome.report.fixesApplied = 0
      outcome.fixesApplied = 0
      outcome.fixed = snapshot.bytes
      outcome.changes = []
    }
    return outcome
  }

  // MARK: Text in memory

  /// Fixes text that is already in memory (a file's bytes, or standard input). Never writes.
  ///
  /// - Parameter corpusPath: the draft's path relative to the corpus root, when it is in the corpus.
  public func fix(bytes: [UInt8], displayPath: String, configuration: LoadedConfiguration, corpusPath: String? = nil) -> FileOutcome {
    fix(bytes: bytes, displayPath: displayPath, linter: configuration.linter, corpusPath: corpusPath)
  }

  /// Fixes text in memory with a given linter. Never writes.
  public func fix(bytes: [UInt8], displayPath: String, linter: Linter, corpusPath: String? = nil) -> FileOutcome {
    let text = SourceText(decoding: bytes)
    if !text.replacedInvalidSequences.isEmpty {
      let diagnostics = lint(Document(path: displayPath, text: text), linter: linter, corpusPath: corpusPath)
      var report = FileReport(
        path: displayPath, diagnostics: diagnostics.map { ReportedDiagnostic($0, in: text) },
        notice: "not fixed: the file is not valid UTF-8; re-save it as UTF-8 and run again")
      report.fixesApplied = 0
      return FileOutcome(
        report: report, fixesApplied: 0, passes: 0, converged: true, original: bytes, fixed: bytes, changes: [],
        written: false)
    }
    let result = FixApplier.fixToFixpoint(text, path: displayPath, maxPasses: maxPasses) { document in
      lint(document, linter: linter, corpusPath: corpusPath)
    }
    // Valid UTF-8 in, so the input is exactly the optional BOM followed by the text's bytes.
    let fixed = result.isChanged ? result.bytesToSave : bytes
    let shift = text.hadByteOrderMark ? 3 : 0
    let changes =
      result.isChanged
      ? result.changes.map {
        TextChange(
          oldRange: TextRange(start: $0.oldRange.start + shift, end: $0.oldRange.end + shift),
          newRange: TextRange(start: $0.newRange.start + shift, end: $0.newRange.end + shift))
      } : []
    var report = FileReport(
      path: displayPath, diagnostics: result.remaining.map { ReportedDiagnostic($0, in: result.document.text) })
    report.fixesApplied = result.fixesApplied
    if !result.converged {
      report.notice =
        "fixes were still changing the text after \(maxPasses) passes; review the result and the remaining findings"
    }
    return FileOutcome(
      report: report, fixesApplied: result.fixesApplied, passes: result.passes, converged: result.converged,
      original: bytes, fixed: fixed, changes: changes, written: false)
  }

  private func lint(_ document: Document, linter: Linter, corpusPath: String?) -> [Diagnostic] {
    linter.lint(document, context: RuleContext(corpus: corpus, corpusPath: corpusPath))
  }

  private func failure(_ path: String, notice: String, isError: Bool) -> FileOutcome {
    FileOutcome(
      report: FileReport(path: path, diagnostics: [], notice: notice, isError: isError), fixesApplied: 0, passes: 0,
      converged: true, original: [], fixed: [], changes: [], written: false)
  }
}
